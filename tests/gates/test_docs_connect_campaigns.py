"""Every ```python block of docs/connect-campaigns.md runs as written (a subprocess each, from
the repository root, with the test environment's JSII variables and no AWS credentials) and
synthesizes. A block that imports a package this checkout doesn't have yet (the Customer
Profiles or Q in Connect templates parts, built on other branches) is skipped with the name of
the missing package."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
GUIDE = REPO_ROOT / "docs" / "connect-campaigns.md"
BLOCK = re.compile(r"^```python\n(.*?)^```", re.DOTALL | re.MULTILINE)
IMPORT = re.compile(r"^from (pinpoint_constructs[\w.]*) import", re.MULTILINE)


def _blocks() -> list[str]:
    return BLOCK.findall(GUIDE.read_text(encoding="utf-8"))


def test_guide_has_both_campaign_versions() -> None:
    blocks = _blocks()
    assert len(blocks) == 2
    assert "pinpoint_constructs.connect" in blocks[1]


@pytest.mark.parametrize("index", range(len(_blocks())))
def test_block_runs(index: int, tmp_path: Path) -> None:
    code = _blocks()[index]
    for module in IMPORT.findall(code):
        if importlib.util.find_spec(module) is None:
            pytest.skip(f"{module} is not in this checkout yet")
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("AWS_") and key != "CDK_CONTEXT_JSON"
    }
    env.update(
        JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION="1",
        JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION="20",
        PYTHONPATH=str(REPO_ROOT),
        CDK_OUTDIR=str(tmp_path / "cdk.out"),
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert list((tmp_path / "cdk.out").glob("*.template.json")), "the block synthesized nothing"
