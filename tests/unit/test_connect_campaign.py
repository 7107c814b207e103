"""OutboundCampaign: channels, source, schedule, limits, tags, grants, warnings, imports; a
small stack of campaigns passes cfn-lint and cdk-nag."""

from __future__ import annotations

from datetime import UTC, datetime, time
from pathlib import Path

import aws_cdk as cdk
import pytest
from aws_cdk import aws_iam as iam
from aws_cdk.assertions import Annotations, Match, Template
from connect_stand_ins import (
    MessageTemplateChannel,
    StandInDomain,
    StandInSegment,
    StandInTemplate,
    StandInTrigger,
)
from support import lint_findings, synth_clean

from pinpoint_constructs.connect import (
    CAMPAIGN_TRIGGER_NOT_WIRED_WARNING,
    CAMPAIGN_WITHOUT_SOURCE_WARNING,
    CampaignChannel,
    CampaignSchedule,
    CampaignSource,
    CommunicationLimit,
    CommunicationLimits,
    CommunicationTime,
    ConnectEmailAddress,
    ConnectInstance,
    ConnectPhoneNumber,
    EntryLimits,
    OpenHours,
    OutboundCampaign,
    TimeWindow,
)

INSTANCE_ARN = (
    "arn:aws:connect:us-east-1:123456789012:instance/11111111-2222-3333-4444-555555555555"
)
EMAIL_ARN = f"{INSTANCE_ARN}/email-address/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"
NUMBER_ARN = "arn:aws:connect:us-east-1:123456789012:phone-number/abc"


def _pieces(stack: cdk.Stack) -> dict:
    instance = ConnectInstance.from_instance_arn(stack, "Instance", INSTANCE_ARN)
    return {
        "instance": instance,
        "email": ConnectEmailAddress.from_email_address_arn(
            stack, "Email", EMAIL_ARN, email_address="news@example.com"
        ),
        "number": ConnectPhoneNumber.from_phone_number_arn(stack, "Number", NUMBER_ARN),
        "email_template": StandInTemplate(MessageTemplateChannel.EMAIL),
        "sms_template": StandInTemplate(MessageTemplateChannel.SMS, "offer"),
    }


def _email_campaign(stack: cdk.Stack, **props: object) -> OutboundCampaign:
    p = _pieces(stack)
    domain = StandInDomain(stack, "Domain")
    defaults: dict = {
        "instance": p["instance"],
        "campaign_name": "berlin-daily",
        "channels": [
            CampaignChannel.email(
                template=p["email_template"], from_address=p["email"], display_name="Example"
            )
        ],
        "source": CampaignSource.segment(StandInSegment(domain)),
    }
    return OutboundCampaign(stack, "Campaign", **{**defaults, **props})


def test_segment_email_campaign(stack: cdk.Stack) -> None:
    _email_campaign(
        stack,
        schedule=CampaignSchedule(
            start=datetime(2027, 1, 1, tzinfo=UTC), end=datetime(2027, 12, 31, tzinfo=UTC)
        ),
        communication_time=CommunicationTime(
            default_time_zone="Europe/Berlin",
            email=TimeWindow(open_hours=OpenHours.every_day(time(8), time(21))),
        ),
        communication_limits=CommunicationLimits.of(CommunicationLimit.per_days(1, 1)),
        entry_limits=EntryLimits(max_entry_count=0),
    )
    Template.from_stack(stack).has_resource_properties(
        "AWS::ConnectCampaignsV2::Campaign",
        {
            "ConnectInstanceId": "11111111-2222-3333-4444-555555555555",
            "Name": "berlin-daily",
            "Type": "MANAGED",
            "ChannelSubtypeConfig": {
                "Email": {
                    "OutboundMode": {"AgentlessConfig": {}},
                    "DefaultOutboundConfig": {
                        "ConnectSourceEmailAddress": "news@example.com",
                        "SourceEmailAddressDisplayName": "Example",
                        "WisdomTemplateArn": Match.string_like_regexp(":1$"),
                    },
                }
            },
            "Source": {"CustomerProfilesSegmentArn": Match.string_like_regexp("segment-defin")},
            "Schedule": {"StartTime": "2027-01-01T00:00:00Z", "EndTime": "2027-12-31T00:00:00Z"},
            "CommunicationTimeConfig": Match.object_like(
                {"LocalTimeZoneConfig": {"DefaultTimeZone": "Europe/Berlin"}}
            ),
            "CommunicationLimitsOverride": Match.any_value(),
            "EntryLimitsConfig": {"MaxEntryCount": 0, "MinEntryInterval": "PT0S"},
        },
    )


def test_event_triggered_sms_campaign_wires_the_trigger(stack: cdk.Stack) -> None:
    p = _pieces(stack)
    trigger = StandInTrigger(stack, "Trigger", StandInDomain(stack, "Domain"))
    campaign = OutboundCampaign(
        stack,
        "Campaign",
        instance=p["instance"],
        channels=[
            CampaignChannel.sms(template=p["sms_template"], phone_number=p["number"], capacity=0.5)
        ],
        source=CampaignSource.event_trigger(trigger),
    )
    template = Template.from_stack(stack)
    template.has_resource_properties(
        "AWS::ConnectCampaignsV2::Campaign",
        {
            "Source": {
                "EventTrigger": {"CustomerProfilesDomainArn": Match.string_like_regexp("domains/")}
            },
            "ChannelSubtypeConfig": {
                "Sms": {
                    "Capacity": 0.5,
                    "OutboundMode": {"AgentlessConfig": {}},
                    "DefaultOutboundConfig": {
                        "ConnectSourcePhoneNumberArn": NUMBER_ARN,
                        "WisdomTemplateArn": Match.string_like_regexp("offer:1$"),
                    },
                }
            },
        },
    )
    template.has_resource_properties(
        "AWS::CustomerProfiles::Integration",
        {
            "Uri": {"Fn::GetAtt": [Match.string_like_regexp("Campaign"), "Arn"]},
            "EventTriggerNames": ["purchase"],
        },
    )
    assert trigger.targets == [campaign.campaign_arn]


def test_imported_trigger_warns_it_is_not_wired(stack: cdk.Stack) -> None:
    p = _pieces(stack)
    domain = StandInDomain(stack, "Domain")

    class Imported:
        event_trigger_name = "purchase"

    imported = Imported()
    imported.domain = domain  # type: ignore[attr-defined]
    OutboundCampaign(
        stack,
        "Campaign",
        instance=p["instance"],
        source=CampaignSource.event_trigger(imported),  # type: ignore[arg-type]
    )
    Annotations.from_stack(stack).has_warning(
        "/TestStack/Campaign",
        Match.string_like_regexp(f"'purchase' is imported.*{CAMPAIGN_TRIGGER_NOT_WIRED_WARNING}"),
    )
    Template.from_stack(stack).resource_count_is("AWS::CustomerProfiles::Integration", 0)


def test_campaign_without_source_warns(stack: cdk.Stack) -> None:
    p = _pieces(stack)
    OutboundCampaign(stack, "Campaign", instance=p["instance"])
    Annotations.from_stack(stack).has_warning(
        "/TestStack/Campaign",
        Match.string_like_regexp(f"a source can't be added.*{CAMPAIGN_WITHOUT_SOURCE_WARNING}"),
    )


def test_campaign_with_source_does_not_warn(stack: cdk.Stack) -> None:
    _email_campaign(stack)
    Annotations.from_stack(stack).has_no_warning("/TestStack/Campaign", Match.any_value())


def test_default_name_fits(stack: cdk.Stack) -> None:
    campaign = _email_campaign(stack, campaign_name=None)
    assert 1 <= len(campaign.campaign_name) <= 127


def test_name_length(stack: cdk.Stack) -> None:
    with pytest.raises(ValueError, match="campaign_name must be 1 to 127 characters long, got 128"):
        _email_campaign(stack, campaign_name="x" * 128)


@pytest.mark.parametrize("capacity", [0, 0.001, 1.5])
def test_capacity_range(stack: cdk.Stack, capacity: float) -> None:
    p = _pieces(stack)
    with pytest.raises(ValueError, match=f"capacity must be between 0.01 and 1.0, got {capacity}"):
        CampaignChannel.sms(template=p["sms_template"], phone_number=p["number"], capacity=capacity)


def test_template_channel_must_match(stack: cdk.Stack) -> None:
    p = _pieces(stack)
    with pytest.raises(
        ValueError, match="template must be SMS template for the SMS channel, got a EMAIL"
    ):
        CampaignChannel.sms(template=p["email_template"], phone_number=p["number"])


def test_template_must_be_a_message_template(stack: cdk.Stack) -> None:
    p = _pieces(stack)
    with pytest.raises(TypeError, match="template must be a Q in Connect message template"):
        CampaignChannel.sms(template="arn:aws:wisdom:...", phone_number=p["number"])  # type: ignore[arg-type]


def test_phone_number_must_be_a_connect_number(stack: cdk.Stack) -> None:
    p = _pieces(stack)
    with pytest.raises(TypeError, match="phone_number must be an IConnectPhoneNumber, got str"):
        CampaignChannel.sms(template=p["sms_template"], phone_number="+4930123")  # type: ignore[arg-type]


def test_email_address_the_schema_refuses(stack: cdk.Stack) -> None:
    p = _pieces(stack)
    address = ConnectEmailAddress.from_email_address_arn(
        stack, "Long", EMAIL_ARN, email_address="news@example.museum"
    )
    with pytest.raises(
        ValueError, match="from_address email_address must be an address CloudFormation accepts"
    ):
        CampaignChannel.email(template=p["email_template"], from_address=address)


def test_display_name_length(stack: cdk.Stack) -> None:
    p = _pieces(stack)
    with pytest.raises(ValueError, match="display_name must be 0 to 256 characters long"):
        CampaignChannel.email(
            template=p["email_template"], from_address=p["email"], display_name="x" * 257
        )


def test_one_channel_of_each_kind(stack: cdk.Stack) -> None:
    p = _pieces(stack)
    sms = CampaignChannel.sms(template=p["sms_template"], phone_number=p["number"])
    with pytest.raises(ValueError, match="channels may hold one channel of each kind, got two SMS"):
        OutboundCampaign(stack, "Campaign", instance=p["instance"], channels=[sms, sms])


def test_whatsapp_channel(stack: cdk.Stack) -> None:
    number = ConnectPhoneNumber.from_phone_number_arn(stack, "WaNumber", NUMBER_ARN)
    template = StandInTemplate(MessageTemplateChannel.WHATSAPP, "wa")
    channel = CampaignChannel.whatsapp(template=template, phone_number=number)
    _email_campaign(stack, channels=[channel])
    Template.from_stack(stack).has_resource_properties(
        "AWS::ConnectCampaignsV2::Campaign",
        {
            "ChannelSubtypeConfig": {
                "WhatsApp": Match.object_like({"DefaultOutboundConfig": Match.any_value()})
            }
        },
    )


def test_tags(stack: cdk.Stack) -> None:
    _email_campaign(stack, tags={"team": "growth"})
    Template.from_stack(stack).has_resource_properties(
        "AWS::ConnectCampaignsV2::Campaign", {"Tags": [{"Key": "team", "Value": "growth"}]}
    )


def test_tag_key_rule(stack: cdk.Stack) -> None:
    with pytest.raises(ValueError, match=r"tags key must be letters and .*got 'aws:team'"):
        _email_campaign(stack, tags={"aws:team": "x"})


def test_at_most_50_tags(stack: cdk.Stack) -> None:
    with pytest.raises(ValueError, match="tags must hold at most 50 tags, got 51"):
        _email_campaign(stack, tags={f"k{i}": "v" for i in range(51)})


def test_source_is_a_campaign_source(stack: cdk.Stack) -> None:
    with pytest.raises(TypeError, match="source must be a CampaignSource"):
        _email_campaign(stack, source="arn:aws:profile:...")


def test_onboarding_dependency(stack: cdk.Stack) -> None:
    onboarding = cdk.CfnResource(
        stack, "Onboarding", type="AWS::CloudFormation::WaitConditionHandle"
    )
    _email_campaign(stack, onboarding=onboarding)
    Template.from_stack(stack).has_resource(
        "AWS::ConnectCampaignsV2::Campaign", {"DependsOn": ["Onboarding"]}
    )


def test_grants_name_exactly_this_campaign(stack: cdk.Stack) -> None:
    campaign = _email_campaign(stack)
    role = iam.Role(stack, "Role", assumed_by=iam.AccountRootPrincipal())
    campaign.grant_start_stop(role)
    campaign.grant_outbound_requests(role)
    arn = {"Fn::GetAtt": [Match.string_like_regexp("Campaign"), "Arn"]}
    Template.from_stack(stack).has_resource_properties(
        "AWS::IAM::Policy",
        {
            "PolicyDocument": {
                "Statement": [
                    {
                        "Action": [
                            "connect-campaigns:PauseCampaign",
                            "connect-campaigns:PutOutboundRequestBatch",
                            "connect-campaigns:PutProfileOutboundRequestBatch",
                            "connect-campaigns:ResumeCampaign",
                            "connect-campaigns:StartCampaign",
                            "connect-campaigns:StopCampaign",
                        ],
                        "Effect": "Allow",
                        "Resource": arn,
                    }
                ]
            }
        },
    )


def test_grant_needs_an_action(stack: cdk.Stack) -> None:
    campaign = _email_campaign(stack)
    with pytest.raises(ValueError, match=r"grant\(\) needs at least one action"):
        campaign.grant(iam.Role(stack, "Role", assumed_by=iam.AccountRootPrincipal()))


def test_import_by_arn(stack: cdk.Stack) -> None:
    arn = "arn:aws:connect-campaigns:us-east-1:123456789012:campaign/abc-123"
    campaign = OutboundCampaign.from_campaign_arn(stack, "C", arn)
    assert campaign.campaign_id == "abc-123"
    role = iam.Role(stack, "Role", assumed_by=iam.AccountRootPrincipal())
    campaign.grant_read(role)
    Template.from_stack(stack).has_resource_properties(
        "AWS::IAM::Policy",
        {"PolicyDocument": {"Statement": [Match.object_like({"Resource": arn})]}},
    )


def test_import_refuses_other_arns(stack: cdk.Stack) -> None:
    with pytest.raises(ValueError, match="campaign_arn must be an outbound campaign ARN"):
        OutboundCampaign.from_campaign_arn(stack, "C", INSTANCE_ARN)


def test_campaign_id_of_a_defined_campaign(stack: cdk.Stack) -> None:
    campaign = _email_campaign(stack)
    assert stack.resolve(campaign.campaign_id)["Fn::Select"][0] == 1


def test_campaign_stack_passes_cfn_lint_and_cdk_nag(nag_stack: cdk.Stack, tmp_path: Path) -> None:
    _email_campaign(
        nag_stack,
        schedule=CampaignSchedule(
            start=datetime(2027, 1, 1, tzinfo=UTC), end=datetime(2027, 12, 31, tzinfo=UTC)
        ),
        communication_time=CommunicationTime(
            default_time_zone="Europe/Berlin",
            email=TimeWindow(open_hours=OpenHours.weekdays(time(9), time(18))),
        ),
        communication_limits=CommunicationLimits.of(CommunicationLimit.per_days(1, 1)),
        entry_limits=EntryLimits.once(),
    )
    template = synth_clean(nag_stack)
    assert lint_findings(template, tmp_path) == []
