"""Every ```python block of the guide pages docs/ses.md and docs/analytics.md runs as written:
one subprocess per block, in an empty folder, with the repository importable, no AWS
credentials; a block that builds an App must synthesize it (a validation error raises) with
no validation warning left unacknowledged."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
PAGES = [REPO_ROOT / "docs" / "ses.md", REPO_ROOT / "docs" / "analytics.md"]
FENCE = re.compile(r"^```python\n(.*?)^```", re.DOTALL | re.MULTILINE)


def blocks() -> list[tuple[str, int, str]]:
    found = []
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        for match in FENCE.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            found.append((page.name, line, match.group(1)))
    return found


@pytest.mark.parametrize(("page", "line", "code"), blocks(), ids=lambda v: str(v)[:20])
def test_guide_python_block_runs(page: str, line: int, code: str, tmp_path: Path) -> None:
    script = tmp_path / "block.py"
    script.write_text(code)
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("AWS_") and key != "PYTHONPATH"
    }
    env["PYTHONPATH"] = str(REPO_ROOT)
    env["JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION"] = "1"
    env["JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION"] = "20"
    env["CDK_OUTDIR"] = str(tmp_path / "cdk.out")
    result = subprocess.run(
        [sys.executable, script.name],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, f"docs/{page} line {line}:\n{result.stderr[-3000:]}"
    if "app.synth()" in code:
        assert (tmp_path / "cdk.out" / "manifest.json").exists()
    # Validation warnings are printed with their id; none may be left unacknowledged.
    assert re.findall(r"Acknowledge with '([^']+)'", result.stderr) == [], result.stderr[-3000:]
