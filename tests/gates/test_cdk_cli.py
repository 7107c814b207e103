"""The real AWS CDK CLI (pinned in package.json) synthesizes the default app from the
repository root, exactly as a user runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
CDK = REPO_ROOT / "node_modules" / ".bin" / "cdk"


@pytest.fixture(scope="module")
def cli_outdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not CDK.exists():
        pytest.fail("node_modules/.bin/cdk is missing: run `npm ci` (python3 dev.py test does)")
    outdir = tmp_path_factory.mktemp("cli-cdk.out")
    env = dict(os.environ)
    # `python3 app.py` (cdk.json's app command) must run this environment's interpreter.
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    env["CDK_DISABLE_CLI_TELEMETRY"] = "true"
    result = subprocess.run(
        [str(CDK), "synth", "--quiet", "--no-notices", "--output", str(outdir)],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return outdir


def test_cdk_cli_synthesizes_every_default_stack(cli_outdir, default_app):
    manifest = json.loads((cli_outdir / "manifest.json").read_text())
    cli_stacks = {
        name
        for name, artifact in manifest["artifacts"].items()
        if artifact["type"] == "aws:cloudformation:stack"
    }
    assert cli_stacks == {stack.artifact_id for stack in default_app.stacks}
    for stack in default_app.stacks:
        template = json.loads((cli_outdir / stack.template_file).read_text())
        assert template["Resources"], stack.stack_name


def _resources(template: dict) -> dict:
    """Resources without what only the CLI adds (CDKMetadata, aws:cdk:path metadata)."""
    return {
        logical_id: {key: value for key, value in resource.items() if key != "Metadata"}
        for logical_id, resource in template["Resources"].items()
        if resource["Type"] != "AWS::CDK::Metadata"
    }


def test_cli_templates_match_the_in_process_synth(cli_outdir, default_app):
    """The CLI passes cdk.json's context; the tests load the same, so resources agree."""
    for stack in default_app.stacks:
        cli = json.loads((cli_outdir / stack.template_file).read_text())
        assert _resources(cli) == _resources(default_app.template(stack)), stack.stack_name


def test_cdk_json_carries_the_recommended_feature_flags():
    """cdk.json's context is aws-cdk-lib's own recommended-feature-flags.json for the
    installed version."""
    import tarfile

    import aws_cdk

    tgz = next((Path(aws_cdk.__file__).parent / "_jsii").glob("aws-cdk-lib@*.jsii.tgz"))
    with tarfile.open(tgz) as archive:
        member = archive.extractfile("package/recommended-feature-flags.json")
        assert member is not None
        recommended = json.load(member)
    context = json.loads((REPO_ROOT / "cdk.json").read_text())["context"]
    assert {key: context.get(key) for key in recommended} == recommended
