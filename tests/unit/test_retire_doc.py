"""docs/retire-pinpoint.md: every Python block runs as written and synthesizes what the page
says (deploy 1 retains, deploy 2 no longer holds the engagement resources), and every AWS CLI
command it shows is an operation of botocore's Pinpoint model."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import botocore.session
import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
DOC = REPO_ROOT / "docs" / "retire-pinpoint.md"


def _blocks(lang: str) -> list[str]:
    return re.findall(rf"^```{lang}\n(.*?)^```", DOC.read_text(), flags=re.DOTALL | re.MULTILINE)


def _run(code: str, tmp_path: Path) -> dict[str, Any]:
    """Run ``code`` as a script; the synthesized Engagement stack's resources."""
    script = tmp_path / "app.py"
    script.write_text(code)
    env = {**os.environ, "CDK_OUTDIR": str(tmp_path / "cdk.out"), "PYTHONPATH": str(REPO_ROOT)}
    result = subprocess.run(
        [sys.executable, str(script)], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr[-3000:]
    template = json.loads((tmp_path / "cdk.out" / "Engagement.template.json").read_text())
    return template["Resources"]


def test_the_page_has_the_two_deploys():
    assert len(_blocks("python")) == 2


def test_deploy_1_retains_the_engagement_resources_and_not_the_push_channel(tmp_path):
    resources = _run(_blocks("python")[0], tmp_path)
    by_type = {r["Type"]: r for r in resources.values()}
    for kind in (
        "AWS::Pinpoint::Segment",
        "AWS::Pinpoint::EmailTemplate",
        "AWS::Pinpoint::Campaign",
        "Custom::PinpointJourney",
    ):
        assert by_type[kind]["DeletionPolicy"] == "Retain", kind
    assert by_type["Custom::PinpointJourney"]["Properties"]["Retire"] == "true"
    for kind in ("AWS::Pinpoint::App", "AWS::Pinpoint::APNSChannel"):
        assert "DeletionPolicy" not in by_type[kind], kind


def test_deploy_2_keeps_only_the_app_and_the_push_channel(tmp_path):
    resources = _run(_blocks("python")[1], tmp_path)
    pinpoint = sorted(r["Type"] for r in resources.values() if "Pinpoint" in r["Type"])
    assert pinpoint == ["AWS::Pinpoint::APNSChannel", "AWS::Pinpoint::App"]


@pytest.mark.parametrize(
    "command",
    sorted(
        {
            m
            for block in _blocks("bash")
            for m in re.findall(r"^aws pinpoint ([a-z-]+)", block, flags=re.MULTILINE)
        }
    ),
)
def test_every_cli_command_is_a_pinpoint_operation(command):
    model = botocore.session.get_session().get_service_model("pinpoint")
    operations = {re.sub(r"(?<!^)(?=[A-Z])", "-", name).lower() for name in model.operation_names}
    assert command in operations
