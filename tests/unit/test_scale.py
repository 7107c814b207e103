"""StackSpreader: stacks of bounded size, one series per group, nested or sibling."""

from __future__ import annotations

from pathlib import Path

import aws_cdk as cdk
import pytest
from aws_cdk.assertions import Template

from pinpoint_constructs import Campaign, CampaignMessage, PinpointApp, Schedule, SmsTemplate
from pinpoint_constructs.scale import RESOURCE_OVERHEAD_BYTES, StackSpreader, estimate_size


def test_a_group_starts_a_new_stack_when_the_resource_budget_is_used(stack):
    spreader = StackSpreader(stack, "Program", max_resources=2)
    scopes = [spreader.scope_for("Templates") for _ in range(5)]
    assert [s.node.id for s in scopes] == [
        "Templates1",
        "Templates1",
        "Templates2",
        "Templates2",
        "Templates3",
    ]
    assert all(isinstance(s, cdk.NestedStack) for s in scopes)
    assert spreader.stacks == [scopes[0], scopes[2], scopes[4]]


def test_a_group_starts_a_new_stack_when_the_size_budget_is_used(stack):
    spreader = StackSpreader(stack, "Program", max_template_bytes=10_000)
    first = spreader.scope_for(size=6_000)
    assert spreader.scope_for(size=4_000) is first
    assert spreader.scope_for(size=1) is not first


def test_groups_fill_their_own_stacks(stack):
    spreader = StackSpreader(stack, "Program", max_resources=10)
    templates = spreader.scope_for("Templates")
    campaigns = spreader.scope_for("Campaigns")
    assert templates is not campaigns
    assert spreader.scope_for("Templates") is templates


def test_nested_stacks_read_the_parent_app_as_a_parameter(stack):
    app = PinpointApp(stack, "App", app_name="program")
    spreader = StackSpreader(stack, "Program")
    SmsTemplate(spreader.scope_for(), "Sms", template_name="hello", body="Hello")
    nested = spreader.scope_for()
    Campaign(
        nested,
        "Campaign",
        app=app,
        segment="segment-id",
        message=CampaignMessage.sms(body="Hi"),
        schedule=Schedule.immediate(),
    )
    template = Template.from_stack(nested)
    parameters = template.to_json()["Parameters"]
    (campaign,) = template.find_resources("AWS::Pinpoint::Campaign").values()
    assert campaign["Properties"]["ApplicationId"]["Ref"] in parameters
    Template.from_stack(stack).resource_count_is("AWS::CloudFormation::Stack", 1)


def test_sibling_stacks_sit_next_to_the_parent_in_its_environment(stack):
    spreader = StackSpreader(stack, "Program", nested=False)
    sibling = spreader.scope_for("Campaigns")
    assert not isinstance(sibling, cdk.NestedStack)
    assert sibling.node.scope is stack.node.scope
    assert sibling.stack_name == "TestStack-Program-Campaigns1"
    assert (sibling.account, sibling.region) == ("123456789012", "us-east-1")


def test_estimate_size_counts_json_escaping_and_the_resource_overhead():
    assert estimate_size('a "b"\n', None) == RESOURCE_OVERHEAD_BYTES + len('"a \\"b\\"\\n"')


@pytest.mark.parametrize(
    ("props", "message"),
    [
        ({"max_resources": 0}, "max_resources must be between 1 and 500, got 0"),
        ({"max_resources": 501}, "max_resources must be between 1 and 500, got 501"),
        (
            {"max_template_bytes": 2_000_000},
            "max_template_bytes must be between 1 and 1000000, got 2000000",
        ),
    ],
)
def test_budgets_beyond_cloudformation_limits_are_rejected(stack, props, message):
    with pytest.raises(ValueError, match=message):
        StackSpreader(stack, "Program", **props)


def test_nested_must_be_a_bool(stack):
    with pytest.raises(TypeError, match="nested must be a bool, got 'yes'"):
        StackSpreader(stack, "Program", nested="yes")


def test_a_construct_bigger_than_one_stack_is_rejected(stack):
    spreader = StackSpreader(stack, "Program", max_resources=3, max_template_bytes=1_000)
    with pytest.raises(ValueError, match=r"a construct of 4 resources and 0 bytes does not fit"):
        spreader.scope_for(resources=4)
    with pytest.raises(ValueError, match=r"max_template_bytes=1000"):
        spreader.scope_for(size=1_001)


def test_group_names_stacks_so_it_must_be_alphanumeric(stack):
    spreader = StackSpreader(stack, "Program")
    with pytest.raises(ValueError, match=r"group must be a letter followed by .* got 'my/group'"):
        spreader.scope_for("my/group")


def test_resources_must_be_at_least_one(stack):
    spreader = StackSpreader(stack, "Program")
    with pytest.raises(ValueError, match="resources must be at least 1, got 0"):
        spreader.scope_for(resources=0)


def test_the_docs_example_runs_as_written(capsys):
    page = (Path(__file__).resolve().parents[2] / "docs" / "scale.md").read_text()
    section = page.split("# Programs larger than one stack", 1)[1].split("\n## ", 1)[0]
    block = section.split("```python\n", 1)[1].split("```", 1)[0]
    exec(compile(block, "docs/scale.md", "exec"), {})
    printed = capsys.readouterr().out
    assert "Templates1" in printed and "Campaigns1" in printed
