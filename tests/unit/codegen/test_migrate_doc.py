"""docs/migrate.md: every Python block runs as written (in an empty folder, with the repository
importable) and synthesizes the migrated program; every `aws pinpoint` command it shows is an
operation of botocore's Pinpoint model; the command line it shows is the tool's."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import botocore.session
import pytest

REPO_ROOT = Path(__file__).resolve().parents[3]
DOC = REPO_ROOT / "docs" / "migrate.md"


def _blocks(lang: str) -> list[str]:
    return re.findall(rf"^```{lang}\n(.*?)^```", DOC.read_text(), flags=re.DOTALL | re.MULTILINE)


@pytest.mark.parametrize("index", range(len(_blocks("python"))))
def test_the_python_block_runs_and_synthesizes(index, tmp_path):
    (tmp_path / "block.py").write_text(_blocks("python")[index])
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env["PYTHONPATH"] = str(REPO_ROOT)
    env["CDK_OUTDIR"] = str(tmp_path / "cdk.out")
    result = subprocess.run(
        [sys.executable, "block.py"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert (tmp_path / "cdk.out" / "MigratedProgram.template.json").exists()
    assert "Campaign: Weekly news: migrated with changes -> OutboundCampaign" in result.stdout
    assert (tmp_path / "migration.html").read_text().startswith("<!DOCTYPE html>")


@pytest.mark.parametrize(
    "command",
    sorted(
        {m for block in _blocks("bash") for m in re.findall(r"aws pinpoint ([a-z-]+)", block)}
        | set(re.findall(r"`aws pinpoint ([a-z-]+)`", DOC.read_text()))
    ),
)
def test_every_cli_command_is_a_pinpoint_operation(command):
    model = botocore.session.get_session().get_service_model("pinpoint")
    operations = {re.sub(r"(?<!^)(?=[A-Z])", "-", name).lower() for name in model.operation_names}
    assert command in operations


def test_the_migrate_command_line_is_the_tools():
    from pinpoint_constructs.migrate.__main__ import main

    line = next(b for b in _blocks("bash") if "pinpoint_constructs.migrate" in b)
    args = line.replace("\\\n", " ").split()
    assert args[:3] == ["python", "-m", "pinpoint_constructs.migrate"]
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    assert {"-o", "--report", "--report-md"} <= set(args)
