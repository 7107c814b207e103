"""Handlers run with ``pinpoint_constructs/handlers`` as their code root, as in Lambda."""

import os
import sys
from pathlib import Path

import pytest

HANDLERS_ROOT = Path(__file__).resolve().parents[2] / "pinpoint_constructs" / "handlers"
if str(HANDLERS_ROOT) not in sys.path:
    sys.path.insert(0, str(HANDLERS_ROOT))


@pytest.fixture(autouse=True)
def _offline_aws(monkeypatch: pytest.MonkeyPatch) -> None:
    """No handler test may reach AWS: fake credentials and a fixed region."""
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", os.environ.get("TEST_REGION", "us-east-1"))
    monkeypatch.delenv("AWS_PROFILE", raising=False)
