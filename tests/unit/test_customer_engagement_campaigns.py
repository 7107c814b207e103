"""The successor stack's Connect instance pieces and campaigns (stacks/customer_engagement.py),
synthesized with cdk-nag attached and checked with cfn-lint."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import aws_cdk as cdk
from aws_cdk.assertions import Match, Template
from support import lint_findings

from stacks import cdk_json_context
from stacks.customer_engagement import CustomerEngagementStack

ENV = cdk.Environment(account="123456789012", region="us-east-1")


def _synth(kind: type[CustomerEngagementStack], tmp_path: Path, **context: str) -> dict[str, Any]:
    from cdk_nag import AwsSolutionsChecks

    app = cdk.App(context={**cdk_json_context(), **context}, outdir=str(tmp_path / "out"))
    cdk.Validations.of(app).add_plugins(AwsSolutionsChecks(app))
    stack = kind(app, "CustomerEngagement", env=ENV)
    template: dict[str, Any] = app.synth().get_stack_by_name(stack.stack_name).template
    findings = lint_findings(template, tmp_path)
    assert [(f["Rule"]["Id"], f["Message"]) for f in findings] == []
    return template


def test_stack_with_both_campaigns(tmp_path: Path) -> None:
    template = Template.from_json(_synth(CustomerEngagementStack, tmp_path))
    template.resource_count_is("AWS::Connect::Instance", 1)
    template.resource_count_is("Custom::OutboundCampaignsOnboarding", 1)
    template.resource_count_is("AWS::Connect::PhoneNumber", 1)
    template.resource_count_is("AWS::Connect::EmailAddress", 1)
    template.has_resource_properties(
        "AWS::ConnectCampaignsV2::Campaign",
        {
            "Name": "berlin-daily-email",
            "Source": {"CustomerProfilesSegmentArn": Match.any_value()},
            "CommunicationTimeConfig": Match.object_like(
                {"LocalTimeZoneConfig": {"DefaultTimeZone": "Europe/Berlin"}}
            ),
        },
    )
    template.has_resource_properties(
        "AWS::ConnectCampaignsV2::Campaign",
        {
            "Name": "cart-reminder-sms",
            "Source": {"EventTrigger": Match.any_value()},
            "EntryLimitsConfig": {"MaxEntryCount": 0, "MinEntryInterval": "P1D"},
        },
    )
    template.has_resource_properties(
        "AWS::CustomerProfiles::Integration",
        {"EventTriggerNames": [Match.string_like_regexp("CartAbandonedTrigger")]},
    )
    template.has_resource_properties(
        "Custom::OutboundCampaignsOnboarding",
        {"ProfilesDomainArn": Match.any_value()},
    )


def test_imported_instance_and_sms_number_from_context(tmp_path: Path) -> None:
    instance_arn = (
        "arn:aws:connect:us-east-1:123456789012:instance/11111111-2222-3333-4444-555555555555"
    )
    number_arn = "arn:aws:sms-voice:us-east-1:123456789012:phone-number/phone-abc"
    template = Template.from_json(
        _synth(
            CustomerEngagementStack,
            tmp_path,
            connectInstanceArn=instance_arn,
            connectSmsPhoneNumberArn=number_arn,
            connectEmailAddress="news@example.com",
        )
    )
    template.resource_count_is("AWS::Connect::Instance", 0)
    template.has_resource_properties(
        "AWS::Connect::PhoneNumber", {"TargetArn": instance_arn, "SourcePhoneNumberArn": number_arn}
    )
    template.has_resource_properties(
        "Custom::OutboundCampaignsOnboarding",
        {"ConnectInstanceId": "11111111-2222-3333-4444-555555555555"},
    )
    # The two campaigns and the onboarding journey (a JOURNEY campaign).
    template.resource_count_is("AWS::ConnectCampaignsV2::Campaign", 3)
