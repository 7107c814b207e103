"""The successor stack's Connect instance pieces and campaigns (stacks/customer_engagement.py):
with the Customer Profiles and templates parts stood in (until they land), and without them;
each synthesized with cdk-nag attached and checked with cfn-lint."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import aws_cdk as cdk
from aws_cdk.assertions import Match, Template
from connect_stand_ins import (
    MessageTemplateChannel,
    StandInDomain,
    StandInSegment,
    StandInTemplate,
    StandInTrigger,
)
from support import lint_findings

from stacks import cdk_json_context
from stacks.customer_engagement import CustomerEngagementStack

ENV = cdk.Environment(account="123456789012", region="us-east-1")


class _WithStandIns(CustomerEngagementStack):
    """The stack with the profiles and templates parts replaced by stand-ins."""

    def _build_profiles(self) -> None:
        self.profiles_domain = StandInDomain(self, "ProfilesDomain")
        self.berlin_segment = StandInSegment(self.profiles_domain)
        self.purchase_trigger = StandInTrigger(self, "PurchaseTrigger", self.profiles_domain)

    def _build_templates(self) -> None:
        self.welcome_email = StandInTemplate(MessageTemplateChannel.EMAIL, "welcome")
        self.offer_sms = StandInTemplate(MessageTemplateChannel.SMS, "offer")


class _WithoutOtherParts(CustomerEngagementStack):
    """The stack as it is before the profiles and templates parts build anything."""

    def _build_profiles(self) -> None:
        pass

    def _build_templates(self) -> None:
        pass


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
    template = Template.from_json(_synth(_WithStandIns, tmp_path))
    template.resource_count_is("AWS::Connect::Instance", 1)
    template.resource_count_is("Custom::OutboundCampaignsOnboarding", 1)
    template.resource_count_is("AWS::Connect::PhoneNumber", 1)
    template.resource_count_is("AWS::Connect::EmailAddress", 1)
    template.has_resource_properties(
        "AWS::ConnectCampaignsV2::Campaign",
        {
            "Name": "berlin-daily-email",
            "Source": {"CustomerProfilesSegmentArn": Match.string_like_regexp("berlin")},
            "CommunicationTimeConfig": Match.object_like(
                {"LocalTimeZoneConfig": {"DefaultTimeZone": "Europe/Berlin"}}
            ),
        },
    )
    template.has_resource_properties(
        "AWS::ConnectCampaignsV2::Campaign",
        {
            "Name": "triggered-offer-sms",
            "Source": {"EventTrigger": Match.any_value()},
            "EntryLimitsConfig": {"MaxEntryCount": 0, "MinEntryInterval": "P1D"},
        },
    )
    template.has_resource_properties(
        "AWS::CustomerProfiles::Integration", {"EventTriggerNames": ["purchase"]}
    )
    template.has_resource_properties(
        "Custom::OutboundCampaignsOnboarding",
        {"ProfilesDomainArn": Match.string_like_regexp("domains/amazon-connect-test")},
    )


def test_stack_without_the_other_parts_leaves_campaigns_out(tmp_path: Path) -> None:
    template = Template.from_json(_synth(_WithoutOtherParts, tmp_path))
    template.resource_count_is("AWS::Connect::Instance", 1)
    template.resource_count_is("Custom::OutboundCampaignsOnboarding", 1)
    template.resource_count_is("AWS::ConnectCampaignsV2::Campaign", 0)


def test_default_stack_has_both_campaigns_on_the_real_parts(tmp_path: Path) -> None:
    template = Template.from_json(_synth(CustomerEngagementStack, tmp_path))
    template.has_resource_properties(
        "AWS::ConnectCampaignsV2::Campaign",
        {
            "Name": "berlin-daily-email",
            "Source": {"CustomerProfilesSegmentArn": Match.any_value()},
            "ChannelSubtypeConfig": {"Email": Match.any_value()},
        },
    )
    template.has_resource_properties(
        "AWS::ConnectCampaignsV2::Campaign",
        {
            "Name": "triggered-offer-sms",
            "Source": {"EventTrigger": Match.any_value()},
            "ChannelSubtypeConfig": {"Sms": Match.any_value()},
        },
    )
    # The cart-abandoned trigger sends its events to the SMS campaign.
    template.has_resource_properties(
        "AWS::CustomerProfiles::Integration",
        {
            "Uri": {"Fn::GetAtt": [Match.string_like_regexp("TriggeredOfferSms"), "Arn"]},
            "EventTriggerNames": Match.any_value(),
        },
    )


def test_imported_instance_and_sms_number_from_context(tmp_path: Path) -> None:
    instance_arn = (
        "arn:aws:connect:us-east-1:123456789012:instance/11111111-2222-3333-4444-555555555555"
    )
    number_arn = "arn:aws:sms-voice:us-east-1:123456789012:phone-number/phone-abc"
    template = Template.from_json(
        _synth(
            _WithStandIns,
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
    template.resource_count_is("AWS::ConnectCampaignsV2::Campaign", 2)
