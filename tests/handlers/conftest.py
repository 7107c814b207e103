"""Handlers run with ``pinpoint_constructs/handlers`` as their code root, as in Lambda."""

import atexit
import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

HANDLERS_ROOT = Path(__file__).resolve().parents[2] / "pinpoint_constructs" / "handlers"
if str(HANDLERS_ROOT) not in sys.path:
    sys.path.insert(0, str(HANDLERS_ROOT))

# The template renderer's asset ships pinpoint_constructs/handlebars as a top-level package
# beside the handlers: give the tests the same layout (a folder holding only that package).
HANDLEBARS_PACKAGE = HANDLERS_ROOT.parent / "handlebars"
_ASSET_EXTRAS = Path(tempfile.mkdtemp(prefix="pinpoint-handler-extras-"))
(_ASSET_EXTRAS / "handlebars").symlink_to(HANDLEBARS_PACKAGE, target_is_directory=True)
sys.path.append(str(_ASSET_EXTRAS))
atexit.register(shutil.rmtree, _ASSET_EXTRAS, ignore_errors=True)


@pytest.fixture(autouse=True)
def _offline_aws(monkeypatch: pytest.MonkeyPatch) -> None:
    """No handler test may reach AWS: fake credentials and a fixed region."""
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", os.environ.get("TEST_REGION", "us-east-1"))
    monkeypatch.delenv("AWS_PROFILE", raising=False)
