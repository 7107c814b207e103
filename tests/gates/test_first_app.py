"""docs/getting-started.md ("Your first app") as a user follows it: its ``cdk.json`` and
``app.py`` in an empty folder outside the repository, then its ``cdk synth`` and offline
``cdk diff --template`` commands as written, with the pinned AWS CDK CLI, no AWS credentials
and the two JSII_SILENCE_* variables the page sets. Two CLI runs of a small app: tens of
seconds, so marked slow.

The CLI runs with ``--no-notices`` added (it would otherwise fetch its notices from the
network) and ``CDK_DISABLE_VERSION_CHECK`` set, for the same reason."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
PAGE = REPO_ROOT / "docs" / "getting-started.md"
CDK_BIN = REPO_ROOT / "node_modules" / ".bin"

pytestmark = pytest.mark.slow


def blocks(lang: str) -> list[str]:
    return re.findall(rf"^```{lang}\n(.*?)^```", PAGE.read_text(), re.M | re.S)


def commands() -> list[str]:
    """The page's `cdk ...` and `cp ...` commands, in order (comments dropped)."""
    found = []
    for block in blocks("bash"):
        for line in block.splitlines():
            command = re.sub(r"(^|\s)#.*$", "", line).strip()
            if command.startswith(("cdk ", "cp ")):
                found.append(command)
    return found


def silenced() -> dict[str, str]:
    """The variables the page's jsii section exports."""
    (block,) = [b for b in blocks("bash") if "JSII_SILENCE" in b]
    return dict(re.findall(r"^export (\w+)=(\S+)$", block, re.M))


def test_the_page_sets_exactly_the_two_jsii_variables():
    assert silenced() == {
        "JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION": "1",
        "JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION": "20",
    }


def test_the_first_app_synthesizes_and_diffs_offline(tmp_path: Path) -> None:
    if not (CDK_BIN / "cdk").exists():
        pytest.fail("node_modules/.bin/cdk is missing: run `npm ci` (python3 dev.py test does)")
    (cdk_json,) = blocks("json")
    (app_py,) = blocks("python")
    (tmp_path / "cdk.json").write_text(cdk_json)
    (tmp_path / "app.py").write_text(app_py)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "CDK_", "JSII_"))}
    missing = str(tmp_path / "no-aws-config")
    env.update(
        silenced(),
        PATH=os.pathsep.join([str(Path(sys.executable).parent), str(CDK_BIN), env["PATH"]]),
        PYTHONPATH=str(REPO_ROOT),  # this checkout's package, as an installed one would be
        AWS_CONFIG_FILE=missing,
        AWS_SHARED_CREDENTIALS_FILE=missing,
        AWS_EC2_METADATA_DISABLED="true",
        CDK_DISABLE_CLI_TELEMETRY="true",
        CDK_DISABLE_VERSION_CHECK="true",
    )
    steps = commands()
    assert [s.split()[:2] for s in steps] == [
        ["cdk", "synth"],
        ["cp", "cdk.out/Messaging.template.json"],
        ["cdk", "diff"],
    ], steps
    outputs = []
    for step in steps:
        command = step + " --no-notices" if step.startswith("cdk ") else step
        result = subprocess.run(
            ["bash", "-c", command],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        assert result.returncode == 0, f"{step}\n{result.stdout[-2000:]}\n{result.stderr[-4000:]}"
        outputs.append(result)
    synth = outputs[0]
    template = json.loads((tmp_path / "cdk.out" / "Messaging.template.json").read_text())
    types = {r["Type"] for r in template["Resources"].values()}
    assert {"AWS::SMSVOICE::PhoneNumber", "AWS::Pinpoint::GCMChannel"} <= types
    # W3696 is acknowledged with its reason; nothing else is reported, and jsii is quiet.
    assert "WARNING" not in synth.stderr and "Traceback" not in synth.stderr, synth.stderr
    assert "jsii" not in synth.stderr.lower(), synth.stderr
    diff = outputs[2].stdout + outputs[2].stderr
    assert "There were no differences" in diff, diff
