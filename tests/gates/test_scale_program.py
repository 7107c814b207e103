"""A program of 1,000 campaigns and 300 large email templates, spread over nested stacks with
``StackSpreader`` (the program of ``benchmarks/scale.py``): it synthesizes with cdk-nag
attached, every template stays within CloudFormation's limits, and cfn-lint passes on all of
them. One synth of about 1,300 resources: tens of seconds, so marked slow."""

from __future__ import annotations

import json
from pathlib import Path

import aws_cdk as cdk
import pytest
from cdk_nag import AwsSolutionsChecks
from support import CFN_LINT_ALLOWED, run_cfn_lint

from benchmarks.scale import build_program
from pinpoint_constructs.scale import CFN_MAX_RESOURCES, CFN_MAX_TEMPLATE_BYTES
from stacks import cdk_json_context

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def program(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    outdir = tmp_path_factory.mktemp("scale.out")
    app = cdk.App(context=cdk_json_context(), outdir=str(outdir))
    cdk.Validations.of(app).add_plugins(AwsSolutionsChecks(app))
    build_program(app)
    app.synth()  # raises ValidationFailed on an unacknowledged cdk-nag finding
    return {f.name: json.loads(f.read_text()) for f in Path(outdir).glob("*.template.json")}


def _resources(templates: dict[str, dict], kind: str) -> list[dict]:
    return [
        resource
        for template in templates.values()
        for resource in template["Resources"].values()
        if resource["Type"] == kind
    ]


def test_every_campaign_and_template_is_deployed_once(program):
    assert len(_resources(program, "AWS::Pinpoint::Campaign")) == 1000
    assert len(_resources(program, "AWS::Pinpoint::EmailTemplate")) == 300
    parent = program["PinpointProgram.template.json"]
    nested = [r for r in parent["Resources"].values() if r["Type"] == "AWS::CloudFormation::Stack"]
    assert len(nested) == len(program) - 1 >= 4


def test_each_template_is_within_cloudformation_limits(program):
    for name, template in program.items():
        assert len(template["Resources"]) <= CFN_MAX_RESOURCES, name
        size = len(json.dumps(template, indent=1))
        assert size <= CFN_MAX_TEMPLATE_BYTES, (name, size)


def test_campaigns_reference_the_parent_app_and_segments_through_parameters(program):
    checked = 0
    for template in program.values():
        for resource in template["Resources"].values():
            if resource["Type"] == "AWS::Pinpoint::Campaign":
                properties = resource["Properties"]
                assert properties["ApplicationId"]["Ref"] in template["Parameters"]
                assert properties["SegmentId"]["Ref"] in template["Parameters"]
                checked += 1
    assert checked == 1000


def test_cfn_lint_passes_on_every_template(program, tmp_path):
    paths = []
    for name, template in program.items():
        path = tmp_path / name
        path.write_text(json.dumps(template))
        paths.append(str(path))
    findings = [f for f in run_cfn_lint(paths) if f["Rule"]["Id"] not in CFN_LINT_ALLOWED]
    assert findings == []
