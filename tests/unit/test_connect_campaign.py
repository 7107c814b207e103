"""OutboundCampaign: channels, source, schedule, limits, tags, grants, warnings, imports; a
small stack of campaigns passes cfn-lint and cdk-nag."""

from __future__ import annotations

import re
from datetime import UTC, datetime, time
from pathlib import Path

import aws_cdk as cdk
import pytest
from aws_cdk import aws_iam as iam
from aws_cdk.assertions import Annotations, Match, Template
from support import lint_findings, synth_clean

from pinpoint_constructs.connect import (
    CAMPAIGN_DOMAIN_MISMATCH_WARNING,
    CAMPAIGN_TEMPLATE_NOT_ASSOCIATED_WARNING,
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
    OutboundCampaignsOnboarding,
    TimeWindow,
)
from pinpoint_constructs.connect.message_templates import (
    EmailMessageTemplate,
    MessageTemplateKnowledgeBase,
    SmsMessageTemplate,
    WhatsAppMessageTemplate,
)
from pinpoint_constructs.profiles import (
    EventComparisonOperator,
    EventTrigger,
    EventTriggerCondition,
    IProfilesDomain,
    ISegmentDefinition,
    ObjectAttribute,
    ObjectType,
    ProfilesDomain,
    SegmentDefinition,
)

INSTANCE_ARN = (
    "arn:aws:connect:us-east-1:123456789012:instance/11111111-2222-3333-4444-555555555555"
)
EMAIL_ARN = f"{INSTANCE_ARN}/email-address/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"
NUMBER_ARN = "arn:aws:connect:us-east-1:123456789012:phone-number/abc"
SOURCE_KINDS = ("segment", "event_trigger", "none")


def _domain(
    stack: cdk.Stack, id: str = "Domain", name: str = "amazon-connect-test"
) -> IProfilesDomain:
    """A Customer Profiles domain (the real construct's import)."""
    return ProfilesDomain.from_domain_name(stack, id, name)


def _segment(stack: cdk.Stack, domain: IProfilesDomain) -> ISegmentDefinition:
    """The Berlin segment definition (the real construct's import)."""
    return SegmentDefinition.from_segment_definition_name(
        stack, "Berlin", domain=domain, segment_definition_name="berlin"
    )


def _segment_named(stack: cdk.Stack, name: str) -> ISegmentDefinition:
    return SegmentDefinition.from_segment_definition_name(
        stack,
        f"Segment-{name}",
        domain=_domain(stack, f"Domain-{name}"),
        segment_definition_name=name,
    )


def _trigger(stack: cdk.Stack, domain: IProfilesDomain) -> EventTrigger:
    """A real event trigger: a purchase object of more than 100."""
    purchases = ObjectType.from_object_type_name(
        stack, "Purchases", domain=domain, object_type_name="Purchase"
    )
    return EventTrigger(
        stack,
        "Trigger",
        domain=domain,
        object_type=purchases,
        event_trigger_name="purchase",
        conditions=[
            EventTriggerCondition.all(
                ObjectAttribute.field("total", EventComparisonOperator.GREATER_THAN, 100)
            )
        ],
    )


def _pieces(stack: cdk.Stack) -> dict:
    """The instance, sender and templates of a test (made once per stack, found after)."""
    child = stack.node.try_find_child
    instance = child("Instance") or ConnectInstance.from_instance_arn(
        stack, "Instance", INSTANCE_ARN
    )
    kb = child("Templates") or MessageTemplateKnowledgeBase(stack, "Templates", instance=instance)
    return {
        "instance": instance,
        "email": child("Email")
        or ConnectEmailAddress.from_email_address_arn(
            stack, "Email", EMAIL_ARN, email_address="news@example.com"
        ),
        "number": child("Number")
        or ConnectPhoneNumber.from_phone_number_arn(stack, "Number", NUMBER_ARN),
        "knowledge_base": kb,
        "email_template": child("Welcome")
        or EmailMessageTemplate(stack, "Welcome", knowledge_base=kb, subject="Hi", text="Hello"),
        "sms_template": child("Offer")
        or SmsMessageTemplate(stack, "Offer", knowledge_base=kb, body="Hi"),
    }


def _email_campaign(stack: cdk.Stack, **props: object) -> OutboundCampaign:
    p = _pieces(stack)
    domain = _domain(stack)
    defaults: dict = {
        "instance": p["instance"],
        "campaign_name": "berlin-daily",
        "channels": [
            CampaignChannel.email(
                template=p["email_template"], from_address=p["email"], display_name="Example"
            )
        ],
        "source": CampaignSource.segment(_segment(stack, domain)),
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
                        "WisdomTemplateArn": {
                            "Fn::GetAtt": [Match.string_like_regexp("Welcome"), Match.any_value()]
                        },
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
    trigger = _trigger(stack, _domain(stack))
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
                        "WisdomTemplateArn": {
                            "Fn::GetAtt": [Match.string_like_regexp("Offer"), Match.any_value()]
                        },
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
    assert trigger.node.try_find_child("CampaignTarget1") is not None
    assert campaign.event_trigger_integration is not None


def test_imported_trigger_warns_it_is_not_wired(stack: cdk.Stack) -> None:
    p = _pieces(stack)
    domain = _domain(stack)

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


def test_campaign_with_source_and_generated_name_does_not_warn(stack: cdk.Stack) -> None:
    _email_campaign(stack, campaign_name=None)
    Annotations.from_stack(stack).has_no_warning("/TestStack/Campaign", Match.any_value())


# ---- the source kind is part of the campaign's identity -----------------------------------


def _campaign_of_kind(kind: str, **props: object) -> tuple[cdk.Stack, OutboundCampaign]:
    """A campaign at the same path, in its own app, with a segment source, an event-trigger
    source or none."""
    app = cdk.App()
    stack = cdk.Stack(app, "TestStack")
    p = _pieces(stack)
    domain = _domain(stack)
    source = {
        "segment": CampaignSource.segment(_segment(stack, domain)),
        "event_trigger": CampaignSource.event_trigger(_trigger(stack, domain)),
        "none": None,
    }[kind]
    return stack, OutboundCampaign(
        stack, "Campaign", instance=p["instance"], source=source, **props
    )


def _campaign_logical_id(stack: cdk.Stack) -> str:
    (logical_id,) = Template.from_stack(stack).find_resources("AWS::ConnectCampaignsV2::Campaign")
    return logical_id


def test_source_kind_gives_each_kind_its_own_logical_id() -> None:
    ids = {kind: _campaign_logical_id(_campaign_of_kind(kind)[0]) for kind in SOURCE_KINDS}
    # A segment campaign keeps the logical id the stack allocates (no churn for existing
    # segment campaigns); the other kinds append their kind to it.
    assert re.fullmatch(r"Campaign[0-9A-F]{8}", ids["segment"]), ids
    assert ids["event_trigger"] == ids["segment"] + "EventTrigger"
    assert ids["none"] == ids["segment"] + "NoSource"


def test_source_kind_in_the_generated_name() -> None:
    names = {kind: _campaign_of_kind(kind)[1].campaign_name for kind in SOURCE_KINDS}
    # A segment campaign's generated name is what it was before the kind counted.
    _, segment = _campaign_of_kind("segment")
    assert names["segment"] == cdk.Names.unique_resource_name(
        segment, max_length=127, separator="-"
    )
    assert names["event_trigger"] == names["segment"] + "-EventTrigger"
    assert names["none"] == names["segment"] + "-NoSource"
    assert all(len(name) <= 127 for name in names.values())


def test_event_trigger_integration_names_the_renamed_campaign() -> None:
    stack, _ = _campaign_of_kind("event_trigger")
    logical_id = _campaign_logical_id(stack)
    Template.from_stack(stack).has_resource_properties(
        "AWS::CustomerProfiles::Integration", {"Uri": {"Fn::GetAtt": [logical_id, "Arn"]}}
    )


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
    with pytest.raises(
        TypeError,
        match=r"template\ must\ be\ an\ IMessageTemplate,\ got\ str:\ 'arn:aws:wisdom:\.\.\.'",
    ):
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
    p = _pieces(stack)
    template = WhatsAppMessageTemplate(
        stack,
        "Wa",
        knowledge_base=p["knowledge_base"],
        business_account_id="waba-0123456789abcdef",
        template_id="987654321098765",
    )
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
    with pytest.raises(
        ValueError,
        match=r"tags\ keys\ must\ not\ start\ with\ aws:\ \(reserved\ for\ AWS\),\ got\ 'aws:team'",
    ):
        _email_campaign(stack, tags={"aws:team": "x"})


def test_at_most_50_tags(stack: cdk.Stack) -> None:
    with pytest.raises(ValueError, match="tags must hold at most 50 tags, got 51"):
        _email_campaign(stack, tags={f"k{i}": "v" for i in range(51)})


def test_source_is_a_campaign_source(stack: cdk.Stack) -> None:
    with pytest.raises(TypeError, match="source must be a CampaignSource"):
        _email_campaign(stack, source="arn:aws:profile:...")


def test_onboarding_dependency(stack: cdk.Stack) -> None:
    instance = ConnectInstance.from_instance_arn(
        stack, "Imported", "arn:aws:connect:us-east-1:123456789012:instance/abcd"
    )
    onboarding = OutboundCampaignsOnboarding(stack, "Onboarding", instance=instance)
    _email_campaign(stack, onboarding=onboarding)
    depends_on = Template.from_stack(stack).find_resources("AWS::ConnectCampaignsV2::Campaign")
    (campaign,) = depends_on.values()
    assert any(name.startswith("Onboarding") for name in campaign["DependsOn"])


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


def test_grant_outbound_requests_leaves_out_the_event_trigger_action(stack: cdk.Stack) -> None:
    campaign = _email_campaign(stack)
    role = iam.Role(stack, "Role", assumed_by=iam.AccountRootPrincipal())
    campaign.grant_outbound_requests(role)
    statements = Template.from_stack(stack).find_resources("AWS::IAM::Policy")
    (policy,) = statements.values()
    (statement,) = policy["Properties"]["PolicyDocument"]["Statement"]
    assert statement["Action"] == "connect-campaigns:PutOutboundRequestBatch"


def test_grant_profile_outbound_requests(stack: cdk.Stack) -> None:
    campaign = _email_campaign(stack)
    role = iam.Role(stack, "Role", assumed_by=iam.AccountRootPrincipal())
    campaign.grant_profile_outbound_requests(role)
    arn = {"Fn::GetAtt": [Match.string_like_regexp("Campaign"), "Arn"]}
    Template.from_stack(stack).has_resource_properties(
        "AWS::IAM::Policy",
        {
            "PolicyDocument": {
                "Statement": [
                    {
                        "Action": "connect-campaigns:PutProfileOutboundRequestBatch",
                        "Effect": "Allow",
                        "Resource": arn,
                    }
                ]
            }
        },
    )


def test_grant_action_names_are_known_to_cfn_lint() -> None:
    import json

    import cfnlint.data.AdditionalSpecs as specs

    from pinpoint_constructs.connect.campaign import (
        OUTBOUND_REQUEST_ACTIONS,
        PROFILE_OUTBOUND_REQUEST_ACTIONS,
        READ_ACTIONS,
        START_STOP_ACTIONS,
    )

    policies = json.loads((Path(specs.__file__).parent / "Policies.json").read_text())
    known = policies["connect-campaigns"]["Actions"]
    for action in (
        *OUTBOUND_REQUEST_ACTIONS,
        *PROFILE_OUTBOUND_REQUEST_ACTIONS,
        *READ_ACTIONS,
        *START_STOP_ACTIONS,
    ):
        prefix, name = action.split(":")
        assert prefix == "connect-campaigns"
        assert known[name.lower()]["Resources"] == ["campaign"], action


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


# ---- cross-checks where both sides are known (domain, template association) --------------


def _real_email_campaign(
    stack: cdk.Stack,
    *,
    kb_instance: object = "campaign",
    segment_domain: str = "amazon-connect-test",
    onboarding_domain: str | None = "amazon-connect-test",
) -> OutboundCampaign:
    """A campaign built from the real Customer Profiles and Q in Connect constructs."""
    p = _pieces(stack)
    if kb_instance == "campaign":
        kb_instance = p["instance"]
    elif kb_instance == "other":
        kb_instance = ConnectInstance.from_instance_arn(
            stack, "Other", INSTANCE_ARN.replace("11111111", "99999999")
        )
    kb = MessageTemplateKnowledgeBase(stack, "Kb", instance=kb_instance)  # type: ignore[arg-type]
    template = EmailMessageTemplate(
        stack, "RealWelcome", knowledge_base=kb, subject="Hi", text="Hello"
    )
    domain = ProfilesDomain.from_domain_name(stack, "Domain", segment_domain)
    onboarding = None
    if onboarding_domain is not None:
        integrated = (
            domain
            if onboarding_domain == segment_domain
            else ProfilesDomain.from_domain_name(stack, "Integrated", onboarding_domain)
        )
        onboarding = OutboundCampaignsOnboarding(
            stack, "Onboarding", instance=p["instance"], profiles_domain=integrated
        )
    segment = SegmentDefinition.from_segment_definition_name(
        stack, "Berlin", domain=domain, segment_definition_name="berlin"
    )
    return OutboundCampaign(
        stack,
        "Campaign",
        instance=p["instance"],
        channels=[CampaignChannel.email(template=template, from_address=p["email"])],
        source=CampaignSource.segment(segment),
        onboarding=onboarding,
    )


def test_real_constructs_cross_check_clean(stack: cdk.Stack) -> None:
    _real_email_campaign(stack)
    Annotations.from_stack(stack).has_no_warning("/TestStack/Campaign", Match.any_value())


def test_domain_other_than_the_onboardings_warns(stack: cdk.Stack) -> None:
    _real_email_campaign(stack, onboarding_domain="amazon-connect-other")
    Annotations.from_stack(stack).has_warning(
        "/TestStack/Campaign",
        Match.string_like_regexp(
            "segment belongs to the Customer Profiles domain .*amazon-connect-test.*"
            f"integrates .*amazon-connect-other.*{CAMPAIGN_DOMAIN_MISMATCH_WARNING}"
        ),
    )


def test_domain_check_needs_an_onboarding_with_a_domain(stack: cdk.Stack) -> None:
    _real_email_campaign(stack, onboarding_domain=None)
    Annotations.from_stack(stack).has_no_warning(
        "/TestStack/Campaign", Match.string_like_regexp(CAMPAIGN_DOMAIN_MISMATCH_WARNING)
    )


def test_template_knowledge_base_not_associated_warns(stack: cdk.Stack) -> None:
    _real_email_campaign(stack, kb_instance=None)
    Annotations.from_stack(stack).has_warning(
        "/TestStack/Kb",
        Match.string_like_regexp(
            "holds the EMAIL template of outbound campaign TestStack/Campaign, and is "
            "associated with no Amazon Connect instance.*"
            f"{CAMPAIGN_TEMPLATE_NOT_ASSOCIATED_WARNING}"
        ),
    )


def test_template_knowledge_base_warns_once_for_many_campaigns(stack: cdk.Stack) -> None:
    campaign = _real_email_campaign(stack, kb_instance=None)
    template = campaign.node.scope.node.find_child("RealWelcome")  # type: ignore[union-attr]
    p = _pieces(stack)
    for index in range(3):
        OutboundCampaign(
            stack,
            f"More{index}",
            instance=p["instance"],
            channels=[CampaignChannel.email(template=template, from_address=p["email"])],  # type: ignore[arg-type]
            source=CampaignSource.segment(_segment_named(stack, f"s{index}")),
        )
    warnings = Annotations.from_stack(stack).find_warning(
        "*", Match.string_like_regexp(CAMPAIGN_TEMPLATE_NOT_ASSOCIATED_WARNING)
    )
    assert len(warnings) == 1


def test_template_knowledge_base_of_another_instance_warns(stack: cdk.Stack) -> None:
    _real_email_campaign(stack, kb_instance="other")
    Annotations.from_stack(stack).has_warning(
        "/TestStack/Kb",
        Match.string_like_regexp(
            "outbound campaign TestStack/Campaign, and is associated with another instance "
            "than the campaign's.*"
            f"{CAMPAIGN_TEMPLATE_NOT_ASSOCIATED_WARNING}"
        ),
    )


def test_template_association_with_a_created_instance(stack: cdk.Stack) -> None:
    p = _pieces(stack)
    instance = ConnectInstance(stack, "Created", instance_alias="example-campaigns")
    kb = MessageTemplateKnowledgeBase(stack, "Kb", instance=instance)
    template = SmsMessageTemplate(stack, "CreatedOffer", knowledge_base=kb, body="Hi")
    OutboundCampaign(
        stack,
        "Campaign",
        instance=instance,
        channels=[CampaignChannel.sms(template=template, phone_number=p["number"])],
        source=CampaignSource.segment(_segment(stack, _domain(stack))),
    )
    Annotations.from_stack(stack).has_no_warning("/TestStack/Campaign", Match.any_value())
