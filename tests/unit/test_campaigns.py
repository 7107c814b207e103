"""Campaign: schedules, messages (templates and inline), A/B treatments, custom delivery and its
invoke permission, the lazy missing-channel warning, every validation rule with its message,
cdk-nag and cfn-lint."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import aws_cdk as cdk
import pytest
from aws_cdk import Duration, SecretValue
from aws_cdk import aws_iam as iam
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_logs as logs
from aws_cdk import aws_ses as ses
from aws_cdk.assertions import Annotations, Match, Template
from support import lint_findings, synth_clean

from pinpoint_constructs import (
    CAMPAIGN_HOOK_DELIVERY_WARNING,
    CAMPAIGN_TIMEZONES,
    CHANNEL_MISSING_WARNING,
    MAX_TREATMENTS,
    ApnsCredentials,
    AttributeFilter,
    Campaign,
    CampaignHook,
    CampaignHookMode,
    CampaignLimits,
    CampaignMessage,
    ChannelType,
    CustomChannel,
    Demographic,
    EmailTemplate,
    EventFilterType,
    Frequency,
    InAppButton,
    InAppButtonAction,
    InAppButtonOverride,
    InAppLayout,
    InAppMessage,
    InAppTemplate,
    Limits,
    MetricFilter,
    PinpointApp,
    PushAction,
    QuietTime,
    Schedule,
    Segment,
    SegmentDimensions,
    SegmentType,
    SetFilter,
    SmsMessageType,
    TextAlignment,
    Treatment,
)
from pinpoint_constructs.pinpoint.campaigns import sms_length
from pinpoint_constructs.pinpoint.templates.base import TemplateType

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
END = datetime(2026, 6, 1, 0, 0, tzinfo=UTC)
APP_LOGICAL_ID = "App[0-9A-F]{8}$"  # AppXXXXXXXX, or CampaignAppXXXXXXXX from _campaign
APP_REF = {"Ref": Match.string_like_regexp(APP_LOGICAL_ID)}
APP_CHILDREN = {
    "Fn::Join": ["", [{"Fn::GetAtt": [Match.string_like_regexp(APP_LOGICAL_ID), "Arn"]}, "/*"]]
}
URL = "https://hooks.example.com/pinpoint"


# ---- helpers ---------------------------------------------------------------------------------


class FakeTemplate:
    """A test double for ITemplate (the template constructs live in templates/)."""

    def __init__(self, name: str, kind: TemplateType) -> None:
        self.template_name = name
        self.template_type = kind
        self.template_arn = (
            f"arn:aws:mobiletargeting:us-east-1:123456789012:templates/{name}/{kind.value}"
        )


EMAIL_TEMPLATE = FakeTemplate("newsletter", TemplateType.EMAIL)
SMS_TEMPLATE = FakeTemplate("reminder", TemplateType.SMS)
PUSH_TEMPLATE = FakeTemplate("nudge", TemplateType.PUSH)
IN_APP_TEMPLATE = FakeTemplate("banner", TemplateType.INAPP)


def _segment(stack: cdk.Stack, app: PinpointApp, id: str = "Segment") -> Segment:
    return Segment(
        stack,
        id,
        app=app,
        dimensions=SegmentDimensions(demographic=Demographic(channel=SetFilter.include("EMAIL"))),
    )


def _campaign(stack: cdk.Stack, id: str = "Campaign", **props: Any) -> Campaign:
    app = props.pop("app", None) or PinpointApp(stack, f"{id}App")
    segment = props.pop("segment") if "segment" in props else _segment(stack, app, f"{id}Segment")
    props.setdefault("message", CampaignMessage.email(template=EMAIL_TEMPLATE))
    props.setdefault("schedule", Schedule.once(START))
    return Campaign(stack, id, app=app, segment=segment, **props)


def _props(stack: cdk.Stack, **props: Any) -> dict[str, Any]:
    _campaign(stack, **props)
    resources = Template.from_stack(stack).find_resources("AWS::Pinpoint::Campaign")
    assert len(resources) == 1, list(resources)
    return next(iter(resources.values()))["Properties"]


def _schedule(stack: cdk.Stack, schedule: Schedule, **props: Any) -> dict[str, Any]:
    return _props(stack, schedule=schedule, **props)["Schedule"]


def _function(stack: cdk.Stack, id: str = "Sender") -> lambda_.Function:
    """A function as a careful user writes it: own role without managed policies, own log group."""
    log_group = logs.LogGroup(
        stack,
        f"{id}Logs",
        retention=logs.RetentionDays.ONE_WEEK,
        removal_policy=cdk.RemovalPolicy.DESTROY,
    )
    role = iam.Role(stack, f"{id}Role", assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"))
    role.add_to_principal_policy(
        iam.PolicyStatement(
            actions=["logs:CreateLogStream", "logs:PutLogEvents"],
            resources=[log_group.log_group_arn],
        )
    )
    function = lambda_.Function(
        stack,
        id,
        runtime=lambda_.Runtime.PYTHON_3_14,
        handler="index.handler",
        code=lambda_.Code.from_inline("def handler(event, context):\n    return {}\n"),
        role=role,
        log_group=log_group,
    )
    # aws-cdk-lib's Function adds DependsOn on its role next to the role's GetAtt, which
    # cfn-lint calls redundant (W3005); that is the fixture's library, not the campaign.
    cfn = function.node.default_child
    assert isinstance(cfn, cdk.CfnResource)
    cfn.add_metadata("cfn-lint", {"config": {"ignore_checks": ["W3005"]}})
    return function


def _permissions(stack: cdk.Stack) -> dict[str, Any]:
    return Template.from_stack(stack).find_resources("AWS::Lambda::Permission")


def _warnings(stack: cdk.Stack, warning_id: str = CHANNEL_MISSING_WARNING) -> list[str]:
    found = Annotations.from_stack(stack).find_warning("*", Match.string_like_regexp(".*"))
    return [str(w.entry.data) for w in found if str(w.entry.data).endswith(f"[ack: {warning_id}]")]


# ---- the campaign resource ---------------------------------------------------------------------


def test_minimal_campaign_properties(stack):
    props = _props(stack)
    Template.from_stack(stack).has_resource_properties(
        "AWS::Pinpoint::Campaign",
        {
            "ApplicationId": APP_REF,
            "SegmentId": {
                "Fn::GetAtt": [Match.string_like_regexp("^CampaignSegment"), "SegmentId"]
            },
            "Name": Match.any_value(),
            "Schedule": {"Frequency": "ONCE", "StartTime": "2026-03-02T09:00:00+00:00"},
            "TemplateConfiguration": {"EmailTemplate": {"Name": "newsletter"}},
        },
    )
    for absent in (
        "HoldoutPercent",
        "AdditionalTreatments",
        "Limits",
        "CampaignHook",
        "MessageConfiguration",
        "CustomDeliveryConfiguration",
        "IsPaused",
        "Priority",
    ):
        assert absent not in props


def test_campaign_id_and_arn_are_the_resource_attributes(stack):
    campaign = _campaign(stack)
    resolved_id = stack.resolve(campaign.campaign_id)
    resolved_arn = stack.resolve(campaign.campaign_arn)
    assert resolved_id["Fn::GetAtt"][1] == "CampaignId"
    assert resolved_arn["Fn::GetAtt"][1] == "Arn"
    assert resolved_id["Fn::GetAtt"][0] == resolved_arn["Fn::GetAtt"][0]


def test_every_optional_prop_is_written(stack):
    props = _props(
        stack,
        campaign_name="spring-sale",
        description="Spring sale announcement",
        segment_version=3,
        holdout_percent=10,
        treatment_name="Control",
        treatment_description="the original subject",
        priority=2,
        paused=True,
        limits=CampaignLimits(
            daily=2, total=5, messages_per_second=100, maximum_duration=Duration.hours(1), session=3
        ),
        tags={"team": "growth"},
    )
    assert props["Name"] == "spring-sale"
    assert props["Description"] == "Spring sale announcement"
    assert props["SegmentVersion"] == 3
    assert props["HoldoutPercent"] == 10
    assert props["TreatmentName"] == "Control"
    assert props["TreatmentDescription"] == "the original subject"
    assert props["Priority"] == 2
    assert props["IsPaused"] is True
    assert props["Limits"] == {
        "Daily": 2,
        "Total": 5,
        "MessagesPerSecond": 100,
        "MaximumDuration": 3600,
        "Session": 3,
    }
    assert props["Tags"] == {"team": "growth"}


def test_app_limits_are_accepted_as_campaign_limits(stack):
    assert _props(stack, limits=Limits(daily=4))["Limits"] == {"Daily": 4}


def test_segment_may_be_a_plain_id(stack):
    assert _props(stack, segment="abc123")["SegmentId"] == "abc123"


def test_segment_may_be_an_imported_reference(stack):
    app = PinpointApp(stack, "App")
    segment = Segment.from_segment_id(stack, "Existing", "seg-1", app=app)
    assert _props(stack, app=app, segment=segment)["SegmentId"] == "seg-1"


def test_segment_of_another_app_is_refused(stack):
    other = PinpointApp(stack, "Other")
    with pytest.raises(
        ValueError,
        match=r"segment TestStack/Foreign belongs to the app .*Other, "
        r"not to the campaign's app .*/App",
    ):
        Campaign(
            stack,
            "Campaign",
            app=PinpointApp(stack, "App"),
            segment=_segment(stack, other, "Foreign"),
            message=CampaignMessage.email(template=EMAIL_TEMPLATE),
            schedule=Schedule.immediate(),
        )


@pytest.mark.parametrize("bad", ["", "a/b"])
def test_bad_segment_id_is_refused(stack, bad):
    with pytest.raises(
        ValueError, match=r"segment must be a segment or a segment id \(no slashes\)"
    ):
        _campaign(stack, segment=bad)


def test_segment_of_the_wrong_type_is_refused(stack):
    with pytest.raises(
        TypeError, match=r"segment\ must\ be\ an\ ISegment\ or\ a\ string,\ got\ int:\ 42"
    ):
        _campaign(stack, segment=42)


def test_real_email_template_is_referenced_by_name_and_created_first(stack):
    template = EmailTemplate(
        stack, "Welcome", template_name="welcome", subject="Hi", text="Welcome aboard"
    )
    props = _props(stack, message=CampaignMessage.email(template=template))
    assert props["TemplateConfiguration"] == {"EmailTemplate": {"Name": "welcome"}}
    resources = Template.from_stack(stack).to_json()["Resources"]
    (template_id,) = [
        k for k, v in resources.items() if v["Type"] == "AWS::Pinpoint::EmailTemplate"
    ]
    (campaign,) = [v for v in resources.values() if v["Type"] == "AWS::Pinpoint::Campaign"]
    assert campaign["DependsOn"] == [template_id]


def test_template_construct_becomes_a_dependency(stack):
    class TemplateConstruct(cdk.Resource):
        template_name = "construct-template"
        template_type = TemplateType.EMAIL
        template_arn = "arn"

    template = TemplateConstruct(stack, "Template")
    cdk.CfnResource(template, "Resource", type="AWS::SNS::Topic")
    _campaign(stack, message=CampaignMessage.email(template=template))
    resources = Template.from_stack(stack).to_json()["Resources"]
    (topic,) = [k for k, v in resources.items() if v["Type"] == "AWS::SNS::Topic"]
    (campaign,) = [v for v in resources.values() if v["Type"] == "AWS::Pinpoint::Campaign"]
    assert campaign["DependsOn"] == [topic]


# ---- schedules -------------------------------------------------------------------------------


def test_immediate_schedule(stack):
    assert _schedule(stack, Schedule.immediate()) == {"Frequency": "ONCE", "StartTime": "IMMEDIATE"}


def test_immediate_schedule_with_a_timezone(stack):
    """The API takes ``Timezone`` with an immediate schedule (GetCampaign returns one)."""
    assert _schedule(stack, Schedule.immediate(timezone="UTC+01")) == {
        "Frequency": "ONCE",
        "StartTime": "IMMEDIATE",
        "TimeZone": "UTC+01",
    }


def test_immediate_schedule_with_an_unknown_timezone():
    with pytest.raises(ValueError, match=r"schedule timezone must be one of .* got 'CET'"):
        Schedule.immediate(timezone="CET")


def test_once_schedule_with_timezone_local_time_and_quiet_time(stack):
    schedule = Schedule.once(
        datetime(2026, 3, 2, 9, 30, tzinfo=timezone(timedelta(hours=1))),
        timezone="UTC+01",
        local_time=True,
        quiet_time=QuietTime(start="22:00", end="07:00"),
    )
    assert _schedule(stack, schedule) == {
        "Frequency": "ONCE",
        "StartTime": "2026-03-02T09:30:00+01:00",
        "TimeZone": "UTC+01",
        "IsLocalTime": True,
        "QuietTime": {"Start": "22:00", "End": "07:00"},
    }


@pytest.mark.parametrize(
    ("factory", "frequency"),
    [
        (Schedule.hourly, "HOURLY"),
        (Schedule.daily, "DAILY"),
        (Schedule.weekly, "WEEKLY"),
        (Schedule.monthly, "MONTHLY"),
    ],
)
def test_recurring_schedules(stack, factory, frequency):
    assert _schedule(stack, factory(START, END, timezone="UTC-05")) == {
        "Frequency": frequency,
        "StartTime": "2026-03-02T09:00:00+00:00",
        "EndTime": "2026-06-01T00:00:00+00:00",
        "TimeZone": "UTC-05",
    }


def test_recurring_schedule_may_run_without_end(stack):
    assert "EndTime" not in _schedule(stack, Schedule.daily(START))


def test_event_schedule_with_attributes_metrics_and_filter_type(stack):
    schedule = Schedule.on_event(
        ["cart.abandoned", "checkout.failed"],
        start=START,
        end=END,
        attributes={"plan": AttributeFilter.inclusive("pro", "team")},
        metrics={"price": MetricFilter.greater_than(10)},
        filter_type=EventFilterType.SYSTEM,
    )
    assert _schedule(stack, schedule) == {
        "Frequency": "EVENT",
        "StartTime": "2026-03-02T09:00:00+00:00",
        "EndTime": "2026-06-01T00:00:00+00:00",
        "EventFilter": {
            "FilterType": "SYSTEM",
            "Dimensions": {
                "EventType": {
                    "DimensionType": "INCLUSIVE",
                    "Values": ["cart.abandoned", "checkout.failed"],
                },
                "Attributes": {"plan": {"AttributeType": "INCLUSIVE", "Values": ["pro", "team"]}},
                "Metrics": {"price": {"ComparisonOperator": "GREATER_THAN", "Value": 10}},
            },
        },
    }


def test_event_schedule_defaults_to_endpoint_events(stack):
    schedule = _schedule(stack, Schedule.on_event("signup", start=START))
    assert schedule["EventFilter"] == {
        "FilterType": "ENDPOINT",
        "Dimensions": {"EventType": {"DimensionType": "INCLUSIVE", "Values": ["signup"]}},
    }


def test_in_app_event_schedule(stack):
    schedule = Schedule.on_in_app_event(
        "purchase", start=START, end=END, metrics={"price": MetricFilter.greater_than_or_equal(10)}
    )
    assert schedule.frequency is Frequency.IN_APP_EVENT
    rendered = _schedule(stack, schedule, message=CampaignMessage.in_app(content=_note()))
    assert rendered["Frequency"] == "IN_APP_EVENT"
    assert rendered["EventFilter"]["Dimensions"]["Metrics"] == {
        "price": {"ComparisonOperator": "GREATER_THAN_OR_EQUAL", "Value": 10}
    }


def test_schedule_exposes_its_iso_times():
    schedule = Schedule.weekly(START, END)
    assert (schedule.start_time, schedule.end_time) == (
        "2026-03-02T09:00:00+00:00",
        "2026-06-01T00:00:00+00:00",
    )
    assert Schedule.immediate().start_time == "IMMEDIATE"


def test_every_documented_timezone_is_accepted():
    assert len(CAMPAIGN_TIMEZONES) == 31
    for zone in CAMPAIGN_TIMEZONES:
        assert Schedule.once(START, timezone=zone).timezone == zone


@pytest.mark.parametrize(("given", "written"), [("utc", "UTC"), ("Utc+05:30", "UTC+05:30")])
def test_timezone_in_the_service_s_lower_case_is_written_canonically(stack, given, written):
    # GetCampaign returns "utc" for a campaign saved with "UTC"; both mean the same offset.
    schedule = Schedule.once(START, timezone=given)
    assert schedule.timezone == written
    assert _schedule(stack, schedule)["TimeZone"] == written


@pytest.mark.parametrize("zone", ["UTC+14", "UTC-12", "Europe/Berlin", " utc", "UTC+08:45"])
def test_timezone_outside_the_service_list_is_refused(zone):
    with pytest.raises(
        ValueError,
        match=re.escape(
            "schedule timezone must be one of the UTC offsets Pinpoint accepts for campaigns "
            "(UTC, UTC+01,"
        )
        + f".*got '{re.escape(zone)}'",
    ):
        Schedule.once(START, timezone=zone)


@pytest.mark.parametrize("end", [START, START - timedelta(days=1)])
def test_end_before_start_is_refused(end):
    with pytest.raises(
        ValueError,
        match=re.escape(
            f"schedule end must be after its start, got start 2026-03-02T09:00:00+00:00 and end "
            f"{end.isoformat()}"
        ),
    ):
        Schedule.daily(START, end)


def test_event_end_before_start_is_refused():
    with pytest.raises(ValueError, match="schedule end must be after its start"):
        Schedule.on_event("signup", start=END, end=START)


def test_naive_datetime_is_refused():
    with pytest.raises(ValueError, match="schedule start must carry a time zone"):
        Schedule.once(datetime(2026, 3, 2, 9))


def test_once_schedule_takes_no_end():
    with pytest.raises(ValueError, match="a ONCE schedule has no end time"):
        Schedule(frequency=Frequency.ONCE, start=START, end=END)


def test_recurring_schedule_needs_a_start():
    with pytest.raises(ValueError, match="a DAILY schedule needs a start time, got none"):
        Schedule(frequency=Frequency.DAILY)


def test_event_filter_only_with_event_schedules():
    with pytest.raises(ValueError, match="a WEEKLY schedule takes no event filter"):
        Schedule(frequency=Frequency.WEEKLY, start=START, event_types=["signup"])


@pytest.mark.parametrize("event_type", [[], "", [" "]])
def test_event_schedule_needs_an_event_type(event_type):
    with pytest.raises(ValueError, match="schedule event_type"):
        Schedule.on_event(event_type, start=START)


def test_in_app_event_schedule_filters_on_one_metric_at_most():
    with pytest.raises(
        ValueError, match="an in-app event schedule filters on at most one metric, got 2: a, b"
    ):
        Schedule(
            frequency=Frequency.IN_APP_EVENT,
            start=START,
            event_types=["purchase"],
            event_metrics={"a": MetricFilter.equal(1), "b": MetricFilter.equal(2)},
        )


def test_schedule_option_types_are_checked():
    with pytest.raises(
        TypeError, match=r"quiet_time\ must\ be\ a\ QuietTime,\ got\ tuple:\ \('22:00',\ '07:00'\)"
    ):
        Schedule.once(START, quiet_time=("22:00", "07:00"))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="local_time\\ must\\ be\\ a\\ bool,\\ got\\ str:\\ 'yes'"):
        Schedule.once(START, local_time="yes")  # type: ignore[arg-type]
    with pytest.raises(
        TypeError,
        match="attributes\\['plan'\\]\\ must\\ be\\ an\\ AttributeFilter,\\ got\\ str:\\ 'pro'",
    ):
        Schedule.on_event("e", start=START, attributes={"plan": "pro"})  # type: ignore[dict-item]


@pytest.mark.parametrize(
    ("build", "error", "message"),
    [
        (
            lambda: Schedule(frequency="DAILY", start=START),  # type: ignore[arg-type]
            TypeError,
            (
                "frequency must be a Frequency (ONCE, HOURLY, DAILY, WEEKLY, MONTHLY, EVENT,"
                " IN_APP_EVENT), got str: 'DAILY'"
            ),
        ),
        (
            lambda: Schedule.on_event("e", start=START, filter_type="SYSTEM"),  # type: ignore[arg-type]
            TypeError,
            "filter_type must be an EventFilterType (ENDPOINT, SYSTEM), got str: 'SYSTEM'",
        ),
        (
            lambda: Schedule.on_event("e", start=START, metrics={"m": 5}),  # type: ignore[dict-item]
            TypeError,
            "metrics['m'] must be a MetricFilter, got int: 5",
        ),
        (
            lambda: Schedule.once(START, timezone=1),  # type: ignore[arg-type]
            TypeError,
            "timezone must be a string, got int: 1",
        ),
    ],
)
def test_schedule_type_errors_name_the_prop(build, error, message):
    with pytest.raises(error, match=re.escape(message)):
        build()


# ---- messages: email -------------------------------------------------------------------------


def test_email_template_goes_into_the_template_configuration(stack):
    props = _props(
        stack,
        message=CampaignMessage.email(
            template=EMAIL_TEMPLATE, template_version="3", from_address="News <news@example.com>"
        ),
    )
    assert props["TemplateConfiguration"] == {
        "EmailTemplate": {"Name": "newsletter", "Version": "3"}
    }
    assert props["MessageConfiguration"] == {
        "EmailMessage": {"FromAddress": "News <news@example.com>"}
    }


def test_inline_email_goes_into_the_message_configuration(stack):
    props = _props(
        stack,
        message=CampaignMessage.email(subject="Hi", html="<p>Hi</p>", text="Hi"),
    )
    assert props["MessageConfiguration"] == {
        "EmailMessage": {"Title": "Hi", "HtmlBody": "<p>Hi</p>", "Body": "Hi"}
    }
    assert "TemplateConfiguration" not in props


def test_email_needs_template_or_inline_content_not_both():
    with pytest.raises(
        ValueError,
        match=r"email\(\) takes a template or inline content, not both; got template and subject",
    ):
        CampaignMessage.email(template=EMAIL_TEMPLATE, subject="Hi")
    with pytest.raises(
        ValueError,
        match=r"email\(\) needs a template or inline content \(subject, html, text\), got neither",
    ):
        CampaignMessage.email()


def test_inline_email_needs_subject_and_body():
    with pytest.raises(
        ValueError, match="an inline email needs a subject and an html or text body"
    ):
        CampaignMessage.email(html="<p>Hi</p>")
    with pytest.raises(
        ValueError, match="an inline email needs a subject and an html or text body"
    ):
        CampaignMessage.email(subject="Hi")


def test_email_from_address_is_validated():
    with pytest.raises(ValueError, match="email from_address must be an email address"):
        CampaignMessage.email(template=EMAIL_TEMPLATE, from_address="not an address")


def test_template_version_without_template_is_refused():
    with pytest.raises(ValueError, match="email template_version needs a template"):
        CampaignMessage.email(subject="Hi", text="Hi", template_version="2")


def test_template_of_the_wrong_kind_is_refused():
    with pytest.raises(
        ValueError,
        match="email template must be an EMAIL template, got template 'reminder', which is an "
        "SMS template",
    ):
        CampaignMessage.email(template=SMS_TEMPLATE)


def test_template_must_be_a_template():
    with pytest.raises(
        TypeError, match=r"template\ must\ be\ an\ ITemplate,\ got\ str:\ 'reminder'"
    ):
        CampaignMessage.sms(template="reminder")


# ---- messages: SMS ---------------------------------------------------------------------------


def test_sms_template_and_options(stack):
    props = _props(
        stack,
        message=CampaignMessage.sms(
            template=SMS_TEMPLATE,
            message_type=SmsMessageType.TRANSACTIONAL,
            origination_number="+12065550100",
            sender_id="ExampleCo",
            entity_id="1201",
            template_id="1107",
        ),
    )
    assert props["TemplateConfiguration"] == {"SMSTemplate": {"Name": "reminder"}}
    assert props["MessageConfiguration"] == {
        "SMSMessage": {
            "MessageType": "TRANSACTIONAL",
            "OriginationNumber": "+12065550100",
            "SenderId": "ExampleCo",
            "EntityId": "1201",
            "TemplateId": "1107",
        }
    }


def test_sms_template_alone_writes_no_message_configuration(stack):
    assert "MessageConfiguration" not in _props(
        stack, message=CampaignMessage.sms(template=SMS_TEMPLATE)
    )


def test_inline_sms_body(stack):
    props = _props(stack, message=CampaignMessage.sms(body="Your code is {{Attributes.Code}}"))
    assert props["MessageConfiguration"] == {
        "SMSMessage": {"Body": "Your code is {{Attributes.Code}}"}
    }


def test_sms_length_counts_gsm_extension_characters_twice():
    assert sms_length("Hello") == (5, True)
    assert sms_length("€{}") == (6, True)
    assert sms_length("Grüße") == (5, True)  # ü is GSM; ß is GSM
    assert sms_length("Salazar\u2019s") == (9, False)  # the closing quote is not GSM
    assert sms_length("😀") == (2, False)  # UTF-16 surrogate pair


def test_inline_sms_body_at_the_limit_is_accepted():
    CampaignMessage.sms(body="a" * 1600)
    CampaignMessage.sms(body="€" * 800)
    CampaignMessage.sms(body="\u2019" * 630)


def test_inline_gsm_sms_body_over_the_limit_is_refused():
    with pytest.raises(
        ValueError,
        match=r"sms body is 1601 GSM characters long .*Pinpoint sends SMS messages of at most "
        r"1600 GSM characters",
    ):
        CampaignMessage.sms(body="a" * 1601)
    with pytest.raises(ValueError, match="sms body is 1602 GSM characters long"):
        CampaignMessage.sms(body="€" * 801)


def test_inline_unicode_sms_body_over_the_limit_is_refused():
    with pytest.raises(
        ValueError,
        match=re.escape(
            "sms body is 631 characters long and contains characters outside the GSM 03.38 "
            "alphabet (such as '\u2019'); Pinpoint sends such SMS messages of at most 630 "
            "characters"
        ),
    ):
        CampaignMessage.sms(body="a" * 630 + "\u2019")


def test_sms_sender_id_and_origination_number_are_validated():
    with pytest.raises(ValueError, match="sms sender_id must be 1 to 11 letters"):
        CampaignMessage.sms(body="Hi", sender_id="TooLongSenderId")
    with pytest.raises(ValueError, match=r"sms origination_number must be a phone number"):
        CampaignMessage.sms(body="Hi", origination_number="206-555-0100")
    CampaignMessage.sms(body="Hi", origination_number="12345")  # a short code
    CampaignMessage.sms(body="Hi", origination_number="12065550100")  # E.164 without the +


def test_sms_message_type_must_be_the_enum():
    with pytest.raises(
        TypeError,
        match=(
            r"message_type\ must\ be\ a\ SmsMessageType\ \(TRANSACTIONAL,\ PROMOTIONAL\),\ got\ s"
            r"tr:\ 'PROMOTIONAL'"
        ),
    ):
        CampaignMessage.sms(body="Hi", message_type="PROMOTIONAL")  # type: ignore[arg-type]


# ---- messages: push ----------------------------------------------------------------------------


def test_push_template(stack):
    props = _props(
        stack, message=CampaignMessage.push(template=PUSH_TEMPLATE, template_version="1")
    )
    assert props["TemplateConfiguration"] == {"PushTemplate": {"Name": "nudge", "Version": "1"}}
    assert "MessageConfiguration" not in props


def test_inline_push_goes_to_every_push_service(stack):
    props = _props(
        stack,
        message=CampaignMessage.push(
            title="Sale",
            body="50% off today",
            action=PushAction.URL,
            url="https://example.com/sale",
            image_url="https://example.com/i.png",
            time_to_live=Duration.hours(2),
        ),
    )
    expected = {
        "Title": "Sale",
        "Body": "50% off today",
        "Action": "URL",
        "Url": "https://example.com/sale",
        "ImageUrl": "https://example.com/i.png",
        "TimeToLive": 7200,
    }
    assert props["MessageConfiguration"] == {
        "APNSMessage": expected,
        "GCMMessage": expected,
        "BaiduMessage": expected,
        "ADMMessage": expected,
    }


def test_inline_push_can_be_the_default_message(stack, tmp_path):
    props = _props(
        stack,
        message=CampaignMessage.push(title="Sale", body="50% off today", as_default_message=True),
    )
    assert props["MessageConfiguration"] == {
        "DefaultMessage": {"Title": "Sale", "Body": "50% off today"}
    }
    assert lint_findings(Template.from_stack(stack).to_json(), tmp_path) == []


def test_default_message_push_with_a_template_keeps_both(stack):
    props = _props(
        stack,
        message=CampaignMessage.push(
            template=PUSH_TEMPLATE, time_to_live=Duration.minutes(5), as_default_message=True
        ),
    )
    assert props["TemplateConfiguration"] == {"PushTemplate": {"Name": "nudge"}}
    assert props["MessageConfiguration"] == {"DefaultMessage": {"TimeToLive": 300}}


def test_default_message_needs_inline_content():
    with pytest.raises(ValueError) as raised:
        CampaignMessage.push(template=PUSH_TEMPLATE, as_default_message=True)
    assert str(raised.value) == (
        "push as_default_message=True needs inline content (title, body, raw_content ...) "
        "to write as the DefaultMessage, got none"
    )
    with pytest.raises(TypeError) as raised:
        CampaignMessage.push(body="Hi", as_default_message="yes")  # type: ignore[arg-type]
    assert str(raised.value) == "as_default_message must be a bool, got str: 'yes'"


def test_silent_push_with_raw_content(stack):
    props = _props(
        stack, message=CampaignMessage.push(raw_content={"data": {"refresh": True}}, silent=True)
    )
    assert props["MessageConfiguration"]["GCMMessage"] == {
        "RawContent": '{"data":{"refresh":true}}',
        "SilentPush": True,
    }


def test_push_url_needs_its_action_and_the_action_needs_a_url():
    with pytest.raises(ValueError, match="push action DEEP_LINK needs a url, got none"):
        CampaignMessage.push(body="Hi", action=PushAction.DEEP_LINK)
    with pytest.raises(
        ValueError, match=r"push url is opened only by action PushAction\.URL or DEEP_LINK"
    ):
        CampaignMessage.push(body="Hi", url="https://example.com")


def test_inline_push_needs_a_body():
    with pytest.raises(ValueError, match="an inline push notification needs a body or raw_content"):
        CampaignMessage.push(title="Only a title")


# ---- messages: in-app --------------------------------------------------------------------------


def _in_app_props(stack: cdk.Stack, message: CampaignMessage) -> dict[str, Any]:
    return _props(
        stack, message=message, schedule=Schedule.on_in_app_event("purchase", start=START)
    )


def _note(header: str = "Hi", **props: Any) -> InAppMessage:
    return InAppMessage(header=header, body="Thanks for shopping", **props)


def test_inline_in_app_message(stack):
    message = CampaignMessage.in_app(
        layout=InAppLayout.TOP_BANNER,
        content=InAppMessage(
            header="Welcome",
            body="Tap to see what's new",
            header_alignment=TextAlignment.CENTER,
            background_color="#0B2545",
            image_url="https://example.com/i.png",
            primary_button=InAppButton(
                text="Open",
                action=InAppButtonAction.DEEP_LINK,
                link="myapp://new",
                web=InAppButtonOverride(action=InAppButtonAction.LINK, link="https://example.com"),
            ),
            secondary_button=InAppButton(text="Later", action=InAppButtonAction.CLOSE),
        ),
        custom_config={"promo": "SPRING"},
    )
    assert message.channel_type is ChannelType.IN_APP
    assert _in_app_props(stack, message)["MessageConfiguration"] == {
        "InAppMessage": {
            "Layout": "TOP_BANNER",
            "CustomConfig": {"promo": "SPRING"},
            "Content": [
                {
                    "HeaderConfig": {
                        "Header": "Welcome",
                        "Alignment": "CENTER",
                        "TextColor": "#000000",
                    },
                    "BodyConfig": {
                        "Body": "Tap to see what's new",
                        "Alignment": "LEFT",
                        "TextColor": "#000000",
                    },
                    "BackgroundColor": "#0B2545",
                    "ImageUrl": "https://example.com/i.png",
                    "PrimaryBtn": {
                        "DefaultConfig": {
                            "Text": "Open",
                            "ButtonAction": "DEEP_LINK",
                            "Link": "myapp://new",
                        },
                        "Web": {"ButtonAction": "LINK", "Link": "https://example.com"},
                    },
                    "SecondaryBtn": {"DefaultConfig": {"Text": "Later", "ButtonAction": "CLOSE"}},
                }
            ],
        }
    }


def test_inline_in_app_layout_defaults_to_a_bottom_banner(stack):
    props = _in_app_props(stack, CampaignMessage.in_app(content=_note()))
    assert props["MessageConfiguration"]["InAppMessage"]["Layout"] == "BOTTOM_BANNER"


def test_in_app_template_content_is_copied_into_the_campaign(stack):
    template = InAppTemplate(
        stack,
        "Promo",
        template_name="spring-promo",
        layout=InAppLayout.CAROUSEL,
        messages=[_note("One"), _note("Two")],
        custom_config={"campaign": "spring"},
    )
    message = CampaignMessage.in_app(template=template)
    assert message.template is template
    props = _in_app_props(stack, message)
    in_app = props["MessageConfiguration"]["InAppMessage"]
    assert in_app["Layout"] == "CAROUSEL"
    assert in_app["CustomConfig"] == {"campaign": "spring"}
    assert [c["HeaderConfig"]["Header"] for c in in_app["Content"]] == ["One", "Two"]
    assert "TemplateConfiguration" not in props


def test_in_app_template_custom_config_can_be_replaced(stack):
    template = InAppTemplate(
        stack, "Promo", layout=InAppLayout.TOP_BANNER, messages=[_note()], custom_config={"a": "1"}
    )
    props = _in_app_props(
        stack, CampaignMessage.in_app(template=template, custom_config={"b": "2"})
    )
    assert props["MessageConfiguration"]["InAppMessage"]["CustomConfig"] == {"b": "2"}


def test_in_app_template_takes_its_layout_from_the_template(stack):
    template = InAppTemplate(stack, "Promo", layout=InAppLayout.TOP_BANNER, messages=[_note()])
    with pytest.raises(
        ValueError,
        match=re.escape(
            "in_app layout comes from the template (TOP_BANNER); leave layout out, got OVERLAYS"
        ),
    ):
        CampaignMessage.in_app(template=template, layout=InAppLayout.OVERLAYS)


def test_imported_in_app_template_is_refused_with_the_reason(stack):
    with pytest.raises(
        ValueError,
        match=re.escape(
            "in_app template 'banner' must be an InAppTemplate defined in this CDK app: "
            "CloudFormation's AWS::Pinpoint::Campaign can't reference an in-app template (its "
            "TemplateConfiguration has no InAppTemplate)"
        ),
    ):
        CampaignMessage.in_app(template=IN_APP_TEMPLATE)


def test_in_app_template_of_the_wrong_kind_is_refused():
    with pytest.raises(ValueError, match="in_app template must be an INAPP template"):
        CampaignMessage.in_app(template=EMAIL_TEMPLATE)


def test_in_app_needs_template_or_content_exactly_one(stack):
    with pytest.raises(
        ValueError, match="takes a template or inline content, exactly one; got neither"
    ):
        CampaignMessage.in_app()
    template = InAppTemplate(stack, "Promo", layout=InAppLayout.TOP_BANNER, messages=[_note()])
    with pytest.raises(
        ValueError, match="takes a template or inline content, exactly one; got both"
    ):
        CampaignMessage.in_app(template=template, content=_note())


def test_in_app_carousel_of_five(stack):
    message = CampaignMessage.in_app(
        layout=InAppLayout.CAROUSEL, content=[_note(f"Item {i}") for i in range(5)]
    )
    in_app = _in_app_props(stack, message)["MessageConfiguration"]["InAppMessage"]
    assert len(in_app["Content"]) == 5


def test_in_app_carousel_of_six_is_refused():
    with pytest.raises(ValueError, match="an in-app CAROUSEL message has 1 to 5 messages, got 6"):
        CampaignMessage.in_app(layout=InAppLayout.CAROUSEL, content=[_note()] * 6)


def test_in_app_banner_has_one_message():
    with pytest.raises(
        ValueError,
        match=re.escape(
            "an in-app MIDDLE_BANNER message has exactly one message, got 2; use "
            "InAppLayout.CAROUSEL for up to five"
        ),
    ):
        CampaignMessage.in_app(layout=InAppLayout.MIDDLE_BANNER, content=[_note()] * 2)


def test_in_app_custom_config_must_be_strings():
    with pytest.raises(
        TypeError, match=r"custom_config\['n'\]\ must\ be\ a\ string,\ got\ int:\ 1"
    ):
        CampaignMessage.in_app(content=_note(), custom_config={"n": 1})  # type: ignore[dict-item]


def test_in_app_message_needs_an_in_app_event_schedule(stack):
    with pytest.raises(
        ValueError,
        match=r"message: an in-app message is shown when an event occurs in the app; schedule it "
        r"with Schedule.on_in_app_event\(...\), got a ONCE schedule",
    ):
        _campaign(stack, message=CampaignMessage.in_app(content=_note()))


def test_in_app_event_schedule_needs_an_in_app_message(stack):
    with pytest.raises(
        ValueError,
        match=r"message: an in-app event schedule shows in-app messages only "
        r"\(CampaignMessage.in_app\), got CampaignMessage.email\(template 'newsletter'\)",
    ):
        _campaign(stack, schedule=Schedule.on_in_app_event("purchase", start=START))


# ---- messages: custom, and the invoke permission -------------------------------------------------


def test_custom_message_through_a_lambda_function_adds_the_scoped_permission(stack):
    function = _function(stack)
    props = _props(
        stack,
        message=CampaignMessage.custom(channel=function, data={"text": "hello"}),
    )
    assert props["MessageConfiguration"] == {"CustomMessage": {"Data": '{"text":"hello"}'}}
    assert props["CustomDeliveryConfiguration"] == {
        "DeliveryUri": stack.resolve(function.function_arn),
        "EndpointTypes": ["CUSTOM"],
    }
    Template.from_stack(stack).has_resource_properties(
        "AWS::Lambda::Permission",
        {
            "Action": "lambda:InvokeFunction",
            "FunctionName": {"Fn::GetAtt": [Match.string_like_regexp("^Sender"), "Arn"]},
            "Principal": "pinpoint.us-east-1.amazonaws.com",
            "SourceAccount": "123456789012",
            "SourceArn": APP_CHILDREN,
        },
    )
    assert len(_permissions(stack)) == 1


def test_campaign_is_created_after_the_invoke_permission(stack):
    _campaign(stack, message=CampaignMessage.custom(channel=_function(stack)))
    template = Template.from_stack(stack)
    permission = next(iter(template.find_resources("AWS::Lambda::Permission")))
    campaign = next(iter(template.find_resources("AWS::Pinpoint::Campaign").values()))
    assert campaign["DependsOn"] == [permission]


def test_custom_message_through_a_custom_channel_adds_no_second_permission(stack):
    app = PinpointApp(stack, "App")
    channel = CustomChannel(
        stack,
        "Chat",
        app=app,
        function=_function(stack),
        endpoint_types=[ChannelType.CUSTOM, ChannelType.SMS],
    )
    props = _props(stack, app=app, message=CampaignMessage.custom(channel=channel))
    assert props["CustomDeliveryConfiguration"]["EndpointTypes"] == ["CUSTOM", "SMS"]
    assert props["CustomDeliveryConfiguration"]["DeliveryUri"] == stack.resolve(
        channel.delivery_uri
    )
    permissions = _permissions(stack)
    assert len(permissions) == 1  # the channel's own
    campaign = next(
        iter(Template.from_stack(stack).find_resources("AWS::Pinpoint::Campaign").values())
    )
    assert campaign["DependsOn"] == list(permissions)


def test_custom_channel_of_another_app_is_refused(stack):
    channel = CustomChannel(
        stack, "Chat", app=PinpointApp(stack, "Other"), function=_function(stack)
    )
    with pytest.raises(
        ValueError,
        match=r"custom channel TestStack/Chat lets Pinpoint invoke its function for the "
        r"app .*Other only, not for the campaign's app",
    ):
        _campaign(stack, message=CampaignMessage.custom(channel=channel))


def test_custom_message_through_a_url_adds_no_permission(stack):
    props = _props(
        stack,
        message=CampaignMessage.custom(
            channel=URL, endpoint_types=[ChannelType.EMAIL, ChannelType.CUSTOM]
        ),
    )
    assert props["CustomDeliveryConfiguration"] == {
        "DeliveryUri": URL,
        "EndpointTypes": ["EMAIL", "CUSTOM"],
    }
    assert "Data" not in props["MessageConfiguration"]["CustomMessage"]
    assert _permissions(stack) == {}


def test_one_function_used_by_a_treatment_too_gets_one_permission(stack):
    function = _function(stack)
    _campaign(
        stack,
        message=CampaignMessage.custom(channel=function, data="a"),
        treatments=[
            Treatment(size_percent=50, message=CampaignMessage.custom(channel=function, data="b"))
        ],
    )
    assert len(_permissions(stack)) == 1


@pytest.mark.parametrize(
    "url", ["http://hooks.example.com", "ftp://hooks.example.com", "https://user:pw@example.com"]
)
def test_custom_url_must_be_https_without_credentials(url):
    with pytest.raises(ValueError, match="custom channel must") as error:
        CampaignMessage.custom(channel=url)
    # CampaignMessage.custom has no http:// opt-in and no secret prop to point at.
    assert "allow_http" not in str(error.value)
    assert "auth_header_secret" not in str(error.value)


def test_custom_channel_of_the_wrong_type_is_refused():
    with pytest.raises(
        TypeError,
        match=r"custom channel must be a CustomChannel, an aws_lambda\.IFunction or an https URL",
    ):
        CampaignMessage.custom(channel=42)


def test_custom_data_at_the_limit_is_accepted():
    CampaignMessage.custom(channel=URL, data="x" * 5120)


def test_custom_data_over_the_limit_is_refused():
    with pytest.raises(
        ValueError,
        match=re.escape(
            "custom data is 5122 bytes (UTF-8); Pinpoint accepts at most 5 KB (5120 bytes) for a "
            "custom message"
        ),
    ):
        CampaignMessage.custom(channel=URL, data="x" * 5120 + "é")


def test_custom_endpoint_types_are_validated():
    with pytest.raises(ValueError, match="endpoint_types must name at least one endpoint type"):
        CampaignMessage.custom(channel=URL, endpoint_types=[])
    with pytest.raises(
        TypeError,
        match=(
            r"endpoint_types\[0\]\ must\ be\ a\ ChannelType\ \(PUSH,\ GCM,\ APNS,\ APNS_SANDBOX,\ "
            r"APNS_VOIP,\ APNS_VOIP_SANDBOX,\ ADM,\ SMS,\ VOICE,\ EMAIL,\ BAIDU,\ CUSTOM,\ \.\.\.\)"
            r",\ got\ str:\ 'CUSTOM'"
        ),
    ):
        CampaignMessage.custom(channel=URL, endpoint_types=["CUSTOM"])  # type: ignore[list-item]


@pytest.mark.parametrize(
    ("build", "error", "message"),
    [
        (
            lambda: CampaignMessage.email(subject=1, text="x"),  # type: ignore[arg-type]
            TypeError,
            "subject must be a string, got int: 1",
        ),
        (
            lambda: CampaignMessage.email(template=EMAIL_TEMPLATE, template_version=" "),
            ValueError,
            "email template version must not be empty (leave it out for the active version)",
        ),
        (
            lambda: CampaignMessage.sms(body="Hi", template_version="2"),
            ValueError,
            "sms template_version needs a template, got an inline body",
        ),
        (
            lambda: CampaignMessage.push(body="Hi", template_version="2"),
            ValueError,
            "push template_version needs a template, got inline content",
        ),
        (
            lambda: CampaignMessage.push(body="Hi", silent="yes"),  # type: ignore[arg-type]
            TypeError,
            "silent must be a bool, got str: 'yes'",
        ),
        (
            lambda: CampaignMessage.push(body="Hi", action="URL"),  # type: ignore[arg-type]
            TypeError,
            "action must be a PushAction (OPEN_APP, DEEP_LINK, URL), got str: 'URL'",
        ),
        (
            lambda: CampaignMessage.in_app(content=_note(), layout="TOP"),  # type: ignore[arg-type]
            TypeError,
            (
                "layout must be an InAppLayout (BOTTOM_BANNER, TOP_BANNER, MIDDLE_BANNER,"
                " OVERLAYS, MOBILE_FEED, CAROUSEL), got str: 'TOP'"
            ),
        ),
        (
            lambda: CampaignMessage.in_app(content=["x"]),  # type: ignore[list-item]
            TypeError,
            (
                "content must be an InAppMessage or a sequence of InAppMessage or None,"
                " got list: ['x']"
            ),
        ),
        (
            lambda: CampaignMessage.custom(channel=URL, data=5),  # type: ignore[arg-type]
            TypeError,
            "data must be a string or a mapping or None, got int: 5",
        ),
    ],
)
def test_message_type_errors_name_the_prop(build, error, message):
    with pytest.raises(error, match=re.escape(message)):
        build()


# ---- campaign hook -------------------------------------------------------------------------------


def test_hook_sets_the_campaign_hook_and_the_permission(stack):
    function = _function(stack, "Filter")
    props = _props(stack, hook=CampaignHook(function=function))
    assert props["CampaignHook"] == {
        "LambdaFunctionName": stack.resolve(function.function_arn),
        "Mode": "FILTER",
    }
    Template.from_stack(stack).has_resource_properties(
        "AWS::Lambda::Permission",
        {"SourceAccount": "123456789012", "SourceArn": APP_CHILDREN},
    )


def test_hook_in_delivery_mode_warns(stack):
    _campaign(stack, hook=CampaignHook(function=_function(stack), mode=CampaignHookMode.DELIVERY))
    warnings = _warnings(stack, CAMPAIGN_HOOK_DELIVERY_WARNING)
    assert len(warnings) == 1
    assert "DELIVERY mode is deprecated" in warnings[0]


# ---- A/B tests -------------------------------------------------------------------------------


def test_treatments_with_their_own_message_and_schedule(stack):
    props = _props(
        stack,
        holdout_percent=10,
        treatment_name="A",
        treatments=[
            Treatment(
                size_percent=30,
                message=CampaignMessage.email(subject="B subject", text="Hi"),
                name="B",
                description="new subject line",
            ),
            Treatment(size_percent=30, schedule=Schedule.once(END), name="C"),
        ],
    )
    assert props["HoldoutPercent"] == 10
    assert props["TreatmentName"] == "A"
    first, second = props["AdditionalTreatments"]
    assert first == {
        "SizePercent": 30,
        "TreatmentName": "B",
        "TreatmentDescription": "new subject line",
        "MessageConfiguration": {"EmailMessage": {"Title": "B subject", "Body": "Hi"}},
        "Schedule": {"Frequency": "ONCE", "StartTime": "2026-03-02T09:00:00+00:00"},
    }
    # C keeps the campaign's message and changes only the schedule
    assert second == {
        "SizePercent": 30,
        "TreatmentName": "C",
        "TemplateConfiguration": {"EmailTemplate": {"Name": "newsletter"}},
        "Schedule": {"Frequency": "ONCE", "StartTime": "2026-06-01T00:00:00+00:00"},
    }


def test_custom_treatment_gets_its_own_delivery_configuration(stack):
    props = _props(
        stack,
        treatments=[Treatment(size_percent=50, message=CampaignMessage.custom(channel=URL))],
    )
    assert "CustomDeliveryConfiguration" not in props
    assert props["AdditionalTreatments"][0]["CustomDeliveryConfiguration"] == {
        "DeliveryUri": URL,
        "EndpointTypes": ["CUSTOM"],
    }


def test_four_more_treatments_are_accepted(stack):
    treatments = [Treatment(size_percent=20, schedule=Schedule.once(END)) for _ in range(4)]
    assert len(_props(stack, treatments=treatments)["AdditionalTreatments"]) == 4


def test_more_treatments_than_the_service_allows_are_refused(stack):
    treatments = [Treatment(size_percent=10, schedule=Schedule.once(END)) for _ in range(5)]
    with pytest.raises(
        ValueError,
        match=re.escape(
            f"treatments: an A/B test has at most {MAX_TREATMENTS} treatments, the campaign's "
            "own message and up to 4 more; got 5 more (6 in all)"
        ),
    ):
        _campaign(stack, treatments=treatments)


def test_sizes_plus_holdout_must_leave_the_default_treatment_a_share(stack):
    with pytest.raises(
        ValueError,
        match=re.escape(
            "holdout_percent (10) plus the treatments' size_percent (45 + 45 = 90) is 100%; "
            "together they may be at most 99%"
        ),
    ):
        _campaign(
            stack,
            holdout_percent=10,
            treatments=[
                Treatment(size_percent=45, schedule=Schedule.once(END)),
                Treatment(size_percent=45, schedule=Schedule.once(END)),
            ],
        )


def test_sizes_plus_holdout_of_99_are_accepted(stack):
    _campaign(
        stack,
        holdout_percent=9,
        treatments=[Treatment(size_percent=90, schedule=Schedule.once(END))],
    )


def test_treatment_rules():
    with pytest.raises(ValueError, match="Treatment needs a message, a schedule or both"):
        Treatment(size_percent=50)
    with pytest.raises(
        ValueError, match=r"Treatment\.size_percent must be between 1 and 100, got 0"
    ):
        Treatment(size_percent=0, schedule=Schedule.immediate())
    with pytest.raises(TypeError, match=r"size_percent\ must\ be\ an\ int,\ got\ str:\ '50'"):
        Treatment(size_percent="50", schedule=Schedule.immediate())  # type: ignore[arg-type]


# ---- validation of the campaign's own props ------------------------------------------------


@pytest.mark.parametrize("holdout", [-1, 101])
def test_holdout_outside_0_to_100_is_refused(stack, holdout):
    with pytest.raises(
        ValueError, match=f"holdout_percent must be between 0 and 100, got {holdout}"
    ):
        _campaign(stack, holdout_percent=holdout)


def test_holdout_must_be_whole(stack):
    with pytest.raises(TypeError, match=r"holdout_percent must be an int, got float: 10\.5"):
        _campaign(stack, holdout_percent=10.5)


def test_holdout_token_is_passed_through(stack):
    holdout = cdk.CfnParameter(stack, "Holdout", type="Number").value_as_number
    assert _props(stack, holdout_percent=holdout)["HoldoutPercent"] == {"Ref": "Holdout"}


def test_string_tokens_pass_validation(stack):
    text = cdk.CfnParameter(stack, "Text").value_as_string
    props = _props(
        stack,
        campaign_name=text,
        message=CampaignMessage.sms(body=text, sender_id=text, origination_number=text),
        schedule=Schedule.once(START, timezone=text),
    )
    assert props["Name"] == {"Ref": "Text"}
    assert props["Schedule"]["TimeZone"] == {"Ref": "Text"}
    assert props["MessageConfiguration"]["SMSMessage"]["Body"] == {"Ref": "Text"}
    CampaignMessage.custom(channel=URL, data=text)
    CampaignMessage.email(template=EMAIL_TEMPLATE, template_version=text)


@pytest.mark.parametrize("priority", [0, 6])
def test_priority_outside_1_to_5_is_refused(stack, priority):
    with pytest.raises(ValueError, match=f"priority must be between 1 and 5, got {priority}"):
        _campaign(stack, priority=priority)


def test_segment_version_below_1_is_refused(stack):
    with pytest.raises(ValueError, match="segment_version must be at least 1, got 0"):
        _campaign(stack, segment_version=0)


@pytest.mark.parametrize(
    ("limits", "message"),
    [
        (lambda: CampaignLimits(daily=101), "limits.daily must be between 0 and 100, got 101"),
        (lambda: CampaignLimits(total=-1), "limits.total must be between 0 and 100, got -1"),
        (
            lambda: CampaignLimits(messages_per_second=20_001),
            "limits.messages_per_second must be between 1 and 20000, got 20001",
        ),
        (
            lambda: CampaignLimits(maximum_duration=Duration.seconds(59)),
            "limits.maximum_duration must be at least 60 seconds, got 59 seconds",
        ),
        (lambda: CampaignLimits(session=11), "limits.session must be between 0 and 10, got 11"),
        (lambda: CampaignLimits(session=-1), "limits.session must be between 0 and 10, got -1"),
    ],
)
def test_limits_outside_their_ranges_are_refused(limits, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        limits()


def test_event_triggered_campaign_on_an_imported_segment_is_refused(stack):
    app = PinpointApp(stack, "App")
    imported = Segment.from_segment_id(
        stack, "Vips", "seg-vip", app=app, segment_type=SegmentType.IMPORT
    )
    with pytest.raises(
        ValueError,
        match="message: an event-triggered campaign can't use the imported segment "
        "TestStack/Vips; Pinpoint sends event-triggered campaigns to dynamic segments only",
    ):
        _campaign(
            stack, app=app, segment=imported, schedule=Schedule.on_event("signup", start=START)
        )


def test_event_triggered_treatment_on_an_imported_segment_is_refused(stack):
    app = PinpointApp(stack, "App")
    imported = Segment.from_segment_id(
        stack, "Vips", "seg-vip", app=app, segment_type=SegmentType.IMPORT
    )
    with pytest.raises(ValueError, match=r"treatments\[0\]: an event-triggered campaign can't use"):
        _campaign(
            stack,
            app=app,
            segment=imported,
            treatments=[Treatment(size_percent=50, schedule=Schedule.on_event("e", start=START))],
        )


def test_scheduled_campaign_on_an_imported_segment_is_fine(stack):
    app = PinpointApp(stack, "App")
    imported = Segment.from_segment_id(
        stack, "Vips", "seg-vip", app=app, segment_type=SegmentType.IMPORT
    )
    _campaign(stack, app=app, segment=imported)


def test_event_triggered_campaign_on_a_plain_segment_id_is_not_checked(stack):
    _campaign(stack, segment="seg-unknown", schedule=Schedule.on_event("signup", start=START))


def test_prop_types_are_checked(stack):
    with pytest.raises(TypeError, match="message must be a CampaignMessage"):
        _campaign(stack, message="hello")
    with pytest.raises(TypeError, match="schedule must be a Schedule"):
        _campaign(stack, id="C2", schedule="IMMEDIATE")
    with pytest.raises(TypeError, match="paused must be a bool"):
        _campaign(stack, id="C3", paused="yes")
    with pytest.raises(ValueError, match="campaign_name must not be empty"):
        _campaign(stack, id="C4", campaign_name=" ")
    with pytest.raises(TypeError, match="limits must be a Limits, got dict"):
        _campaign(stack, id="C5", limits={"daily": 1})
    with pytest.raises(TypeError, match="hook must be a CampaignHook"):
        _campaign(stack, id="C6", hook=_function(stack))
    with pytest.raises(TypeError, match=r"treatments\[0\]\ must\ be\ a\ Treatment,\ got\ int:\ 50"):
        _campaign(stack, id="C7", treatments=[50])
    with pytest.raises(TypeError, match="description must be a string, got int: 1"):
        _campaign(stack, id="C8", description=1)


# ---- the missing-channel warning ------------------------------------------------------------


def test_email_campaign_warns_when_the_app_has_no_email_channel(stack):
    _campaign(stack)
    warnings = _warnings(stack)
    assert len(warnings) == 1
    assert "sends EMAIL messages through the Pinpoint app" in warnings[0]
    assert "app.add_email_channel(...)" in warnings[0]


def test_email_campaign_does_not_warn_when_the_channel_is_added_later(stack):
    app = PinpointApp(stack, "App")
    _campaign(stack, app=app)
    identity = ses.EmailIdentity(stack, "Identity", identity=ses.Identity.domain("example.com"))
    app.add_email_channel(from_address="news@example.com", identity=identity)
    assert _warnings(stack) == []


def test_push_campaign_warns_per_channel_type_once(stack):
    _campaign(
        stack,
        message=CampaignMessage.push(template=PUSH_TEMPLATE),
        treatments=[
            Treatment(size_percent=30, message=CampaignMessage.push(body="B")),
            Treatment(size_percent=30, message=CampaignMessage.sms(body="C")),
        ],
    )
    warnings = _warnings(stack)
    assert len(warnings) == 2
    assert any("sends push messages" in w for w in warnings)
    assert any("sends SMS messages" in w for w in warnings)


def test_push_campaign_does_not_warn_when_a_push_channel_exists(stack):
    app = PinpointApp(stack, "App")
    app.add_apns_channel(
        credentials=ApnsCredentials.token(
            bundle_id="com.example.app",
            team_id="ABCDE12345",
            token_key_id="KEY1234567",
            token_key=SecretValue.secrets_manager("pinpoint/apns", json_field="p8"),
        )
    )
    _campaign(stack, app=app, message=CampaignMessage.push(template=PUSH_TEMPLATE))
    assert _warnings(stack) == []


def test_campaign_warns_when_the_app_has_only_a_disabled_channel(stack):
    app = PinpointApp(stack, "App")
    app.add_sms_channel(enabled=False)
    _campaign(stack, app=app, message=CampaignMessage.sms(body="Hi"))
    warnings = _warnings(stack)
    assert len(warnings) == 1
    assert "which has no enabled SMS channel" in warnings[0]


def test_custom_and_in_app_campaigns_never_warn(stack):
    _campaign(stack, message=CampaignMessage.custom(channel=URL))
    _campaign(
        stack,
        id="InApp",
        message=CampaignMessage.in_app(content=_note()),
        schedule=Schedule.on_in_app_event("open", start=START),
    )
    assert _warnings(stack) == []


def test_imported_app_never_warns(stack):
    app = PinpointApp.from_app_id(stack, "Imported", "abc123")
    Campaign(
        stack,
        "Campaign",
        app=app,
        segment="seg-1",
        message=CampaignMessage.sms(body="Hi"),
        schedule=Schedule.immediate(),
    )
    assert _warnings(stack) == []


# ---- gates -------------------------------------------------------------------------------------


def test_campaigns_synthesize_clean_under_cdk_nag_and_cfn_lint(nag_stack, tmp_path):
    app = PinpointApp(nag_stack, "App")
    identity = ses.EmailIdentity(nag_stack, "Identity", identity=ses.Identity.domain("example.com"))
    app.add_email_channel(from_address="news@example.com", identity=identity)
    app.add_sms_channel()
    segment = _segment(nag_stack, app)
    channel = CustomChannel(nag_stack, "Chat", app=app, function=_function(nag_stack))
    Campaign(
        nag_stack,
        "Newsletter",
        app=app,
        segment=segment,
        message=CampaignMessage.email(template=EMAIL_TEMPLATE, from_address="news@example.com"),
        schedule=Schedule.weekly(
            START, END, timezone="UTC+01", quiet_time=QuietTime(start="22:00", end="07:00")
        ),
        holdout_percent=10,
        treatments=[
            Treatment(size_percent=45, message=CampaignMessage.email(subject="B", html="<p>B</p>"))
        ],
        limits=CampaignLimits(daily=2, messages_per_second=50, session=1),
        tags={"team": "growth"},
    )
    Campaign(
        nag_stack,
        "CartReminder",
        app=app,
        segment=segment,
        message=CampaignMessage.sms(
            body="You left something in your cart", message_type=SmsMessageType.PROMOTIONAL
        ),
        schedule=Schedule.on_event(
            "cart.abandoned",
            start=START,
            end=END,
            attributes={"plan": AttributeFilter.inclusive("pro")},
            metrics={"items": MetricFilter.greater_than(0)},
        ),
        priority=3,
    )
    Campaign(
        nag_stack,
        "Chatty",
        app=app,
        segment=segment,
        message=CampaignMessage.custom(channel=channel, data={"text": "hi"}),
        schedule=Schedule.immediate(),
        hook=CampaignHook(function=_function(nag_stack, "Filter")),
        paused=True,
    )
    Campaign(
        nag_stack,
        "Banner",
        app=app,
        segment=segment,
        message=CampaignMessage.in_app(
            content=_note(primary_button=InAppButton(text="OK", action=InAppButtonAction.CLOSE))
        ),
        schedule=Schedule.on_in_app_event("open", start=START, end=END),
        limits=CampaignLimits(session=2),
    )
    template = synth_clean(nag_stack)  # raises on any unacknowledged cdk-nag finding
    assert (
        len([r for r in template["Resources"].values() if r["Type"] == "AWS::Pinpoint::Campaign"])
        == 4
    )
    assert lint_findings(template, tmp_path) == []
    assert (
        json.dumps(template).count("AWS::Lambda::Permission") == 2
    )  # the channel's and the hook's


def test_event_triggered_campaign_targets_the_all_endpoints_segment(stack):
    app = PinpointApp(stack, "App")
    everyone = Segment.all_endpoints(stack, "Everyone", app=app)
    props = _props(
        stack,
        app=app,
        segment=everyone,
        schedule=Schedule.on_event("signup", start=START),
    )
    logical_id = stack.get_logical_id(everyone.node.default_child)
    assert props["SegmentId"] == {"Fn::GetAtt": [logical_id, "SegmentId"]}
    assert props["Schedule"]["Frequency"] == "EVENT"
