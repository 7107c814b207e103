"""The successor stack's Customer Profiles part: built with cdk-nag attached, linted with
cfn-lint like the gates do, and the pieces the campaign and journey work build on."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import aws_cdk as cdk
import pytest
from support import CFN_LINT_ALLOWED, run_cfn_lint

from stacks import cdk_json_context
from stacks.customer_engagement import CustomerEngagementStack


@pytest.fixture(scope="module")
def synthesized(tmp_path_factory: pytest.TempPathFactory) -> tuple[CustomerEngagementStack, Path]:
    """The stack in an app with AwsSolutionsChecks: ``synth()`` raises on any unacknowledged
    finding."""
    from cdk_nag import AwsSolutionsChecks

    outdir = tmp_path_factory.mktemp("customer-engagement")
    app = cdk.App(context=cdk_json_context(), outdir=str(outdir))
    cdk.Validations.of(app).add_plugins(AwsSolutionsChecks(app))
    stack = CustomerEngagementStack(
        app,
        "CustomerEngagement",
        env=cdk.Environment(account="123456789012", region="us-east-1"),
    )
    app.synth()
    return stack, outdir / stack.template_file


def _template(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text())


def _of_type(template: dict[str, Any], kind: str) -> dict[str, dict[str, Any]]:
    return {k: v for k, v in template["Resources"].items() if v["Type"] == kind}


def test_stack_passes_cfn_lint(synthesized):
    _, path = synthesized
    findings = [f for f in run_cfn_lint([str(path)]) if f["Rule"]["Id"] not in CFN_LINT_ALLOWED]
    assert findings == [], json.dumps(findings, indent=2)


def test_stack_has_domain_object_types_segments_and_trigger(synthesized):
    _, path = synthesized
    template = _template(path)
    assert len(_of_type(template, "AWS::CustomerProfiles::Domain")) == 1
    object_types = _of_type(template, "AWS::CustomerProfiles::ObjectType")
    names = {v["Properties"]["ObjectTypeName"] for v in object_types.values()}
    assert names == {"PinpointEmailEndpoint", "CartEvent"}
    assert len(_of_type(template, "AWS::CustomerProfiles::SegmentDefinition")) == 2
    assert len(_of_type(template, "AWS::CustomerProfiles::EventTrigger")) == 1


def test_berlin_segment_excludes_the_test_segment(synthesized):
    stack, path = synthesized
    template = _template(path)
    segments = {
        v["Properties"]["DisplayName"]: v["Properties"]
        for v in _of_type(template, "AWS::CustomerProfiles::SegmentDefinition").values()
    }
    group = segments["berlin-email"]["SegmentGroups"]["Groups"][0]
    assert group["SourceSegments"] == [
        {"SegmentDefinitionName": stack.test_segment.segment_definition_name}
    ]
    assert group["SourceType"] == "NONE"
    assert group["Type"] == "ALL"
    assert group["Dimensions"][1] == {
        "ProfileAttributes": {
            "Address": {"City": {"DimensionType": "INCLUSIVE", "Values": ["Berlin"]}}
        }
    }


def test_trigger_filters_on_the_berlin_segment(synthesized):
    stack, path = synthesized
    (trigger,) = _of_type(_template(path), "AWS::CustomerProfiles::EventTrigger").values()
    assert trigger["Properties"]["SegmentFilter"] == stack.berlin_segment.segment_definition_name
    assert trigger["Properties"]["ObjectTypeName"] == "CartEvent"


def test_stack_keeps_the_pieces_for_campaigns_and_journeys(synthesized):
    stack, _ = synthesized
    assert stack.profiles_domain.encryption_key is not None
    assert stack.berlin_segment.domain is stack.profiles_domain
    assert stack.cart_abandoned_trigger.domain is stack.profiles_domain
