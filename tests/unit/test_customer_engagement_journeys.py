"""The successor stack's onboarding journey (stacks/customer_engagement.py, _build_journeys):
synthesized with cdk-nag attached and checked with cfn-lint."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import aws_cdk as cdk
from aws_cdk.assertions import Match, Template
from support import lint_findings

from stacks import cdk_json_context
from stacks.customer_engagement import CustomerEngagementStack

ENV = cdk.Environment(account="123456789012", region="us-east-1")


def _synth(tmp_path: Path) -> dict[str, Any]:
    from cdk_nag import AwsSolutionsChecks

    app = cdk.App(context=cdk_json_context(), outdir=str(tmp_path / "out"))
    cdk.Validations.of(app).add_plugins(AwsSolutionsChecks(app))
    stack = CustomerEngagementStack(app, "CustomerEngagement", env=ENV)
    template: dict[str, Any] = app.synth().get_stack_by_name(stack.stack_name).template
    findings = lint_findings(template, tmp_path)
    assert [(f["Rule"]["Id"], f["Message"]) for f in findings] == []
    return template


def _content(template: dict[str, Any]) -> dict[str, Any]:
    flows = [r for r in template["Resources"].values() if r["Type"] == "AWS::Connect::ContactFlow"]
    assert len(flows) == 1
    parts = flows[0]["Properties"]["Content"]["Fn::Join"][1]
    return json.loads("".join(p if isinstance(p, str) else "ref" for p in parts))


def test_onboarding_journey_on_connect(tmp_path: Path) -> None:
    raw = _synth(tmp_path)
    template = Template.from_json(raw)
    template.has_resource_properties(
        "AWS::Connect::ContactFlow", {"Type": "CAMPAIGN", "Name": "onboarding-journey"}
    )
    template.resource_count_is("AWS::Connect::ContactFlowVersion", 1)
    template.has_resource_properties(
        "AWS::ConnectCampaignsV2::Campaign",
        {
            "Name": "onboarding-journey",
            "Type": "JOURNEY",
            "ConnectCampaignFlowArn": Match.any_value(),
            "Source": {"CustomerProfilesSegmentArn": Match.any_value()},
            "EntryLimitsConfig": {"MaxEntryCount": 1, "MinEntryInterval": "PT0S"},
            "ChannelSubtypeConfig": {"Email": Match.any_value(), "Sms": Match.any_value()},
        },
    )
    flow = _content(raw)
    assert flow["StartAction"] == "Welcome"
    assert [(a["Identifier"], a["Type"]) for a in flow["Actions"]] == [
        ("Welcome", "SendOutboundEmail"),
        ("WaitTwoDays", "Wait"),
        ("OpenedWelcome", "GetOutboundCommunicationStatus"),
        ("OpenedWelcome-Open", "Compare"),
        ("Offer", "SendSMS"),
        ("Reminder", "SendOutboundEmail"),
        ("EndFlow", "EndFlowExecution"),
    ]
