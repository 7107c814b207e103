"""Journey: the custom resource and its properties, the provider and its permissions, the
synth-time checks (each with its message) and the botocore model validation."""

from __future__ import annotations

import importlib
import json
import re
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import aws_cdk as cdk
import pytest
from aws_cdk import aws_iam as iam
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_logs as logs
from aws_cdk.assertions import Annotations, Match, Template
from support import lint_findings, synth_clean

from pinpoint_constructs import (
    AttributeFilter,
    CustomChannel,
    Limits,
    MetricFilter,
    PinpointApp,
    QuietTime,
    Segment,
)
from pinpoint_constructs.pinpoint.journeys import (
    JOURNEY_DRAFT_UNFINISHED_WARNING,
    Condition,
    ConditionalSplit,
    ConnectCampaign,
    ContactCenter,
    EventFilterType,
    Holdout,
    Journey,
    JourneyLimits,
    JourneySchedule,
    JourneyStart,
    JourneyState,
    MultiConditionSplit,
    RandomSplit,
    SendCustom,
    SendEmail,
    SendSms,
    TimeframeCap,
    Wait,
)
from pinpoint_constructs.pinpoint.journeys import _provider as provider_module
from pinpoint_constructs.pinpoint.templates.base import TemplateType

HANDLERS_ROOT = Path(__file__).resolve().parents[2] / "pinpoint_constructs" / "handlers"
HOUR = cdk.Duration.hours(1)
JOURNEY_ACTIONS = [
    "mobiletargeting:GetJourney",
    "mobiletargeting:UpdateJourney",
    "mobiletargeting:UpdateJourneyState",
    "mobiletargeting:DeleteJourney",
]


@dataclass
class FakeTemplate:
    template_name: str
    template_type: TemplateType

    @property
    def template_arn(self) -> str:
        return f"arn:aws:mobiletargeting:us-east-1:123456789012:templates/{self.template_name}"


@dataclass
class FakeSegment:
    """Satisfies ISegment (its properties), like the segment constructs do."""

    segment_id: str
    app: Any = None
    segment_arn: str = "arn:aws:mobiletargeting:us-east-1:123456789012:apps/a/segments/s"
    segment_type: Any = None
    is_static: bool = False


WELCOME = FakeTemplate("welcome", TemplateType.EMAIL)
REMINDER = FakeTemplate("reminder", TemplateType.EMAIL)
THANKS = FakeTemplate("thanks", TemplateType.SMS)


def _example_definition() -> Any:
    """The default stack's example: email, wait two days, split on whether the email was
    opened, then an SMS on one branch and a second email on the other."""
    welcome = SendEmail("Welcome", template=WELCOME)
    return welcome.next(Wait("WaitTwoDays", duration=cdk.Duration.days(2))).next(
        ConditionalSplit("OpenedWelcome", condition=Condition.message_opened(welcome))
        .when_true(SendSms("ThankYou", template=THANKS))
        .when_false(SendEmail("Reminder", template=REMINDER))
    )


def _journey(stack: cdk.Stack, definition: Any = None, **props: Any) -> Journey:
    app = props.pop("app", None) or PinpointApp(stack, "App")
    props.setdefault("start", JourneyStart.segment(FakeSegment("seg1")))
    props.setdefault("journey_name", "onboarding")
    return Journey(
        stack,
        props.pop("id", "Journey"),
        app=app,
        definition=definition if definition is not None else Wait("W", duration=HOUR),
        **props,
    )


def _resource(stack: cdk.Stack) -> dict[str, Any]:
    resources = Template.from_stack(stack).find_resources("Custom::PinpointJourney")
    assert len(resources) == 1
    return next(iter(resources.values()))


def _flatten(value: Any) -> str:
    """A template value as text, references written as <Ref:X> / <X.Attr>."""
    if isinstance(value, str):
        return value
    if "Fn::Join" in value:
        separator, parts = value["Fn::Join"]
        return separator.join(_flatten(part) for part in parts)
    if "Ref" in value:
        return f"<Ref:{value['Ref']}>"
    if "Fn::GetAtt" in value:
        return f"<{'.'.join(value['Fn::GetAtt'])}>"
    raise AssertionError(f"unexpected intrinsic {value}")


def _request(stack: cdk.Stack) -> dict[str, Any]:
    """The Journey property of the stack's journey, parsed (tokens as <...> text)."""
    return json.loads(_flatten(_resource(stack)["Properties"]["Journey"]))


def _synth_errors(stack: cdk.Stack) -> str:
    with pytest.raises(RuntimeError, match="Validation failed") as caught:
        Template.from_stack(stack)
    return str(caught.value)


def _function(stack: cdk.Stack, id: str = "Deliver") -> lambda_.Function:
    """A function as a careful user writes it: its own role (no managed policy), its own log
    group."""
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
    return lambda_.Function(
        stack,
        id,
        runtime=lambda_.Runtime.PYTHON_3_14,
        handler="index.handler",
        code=lambda_.Code.from_inline("def handler(event, context):\n    return {}\n"),
        role=role,
        log_group=log_group,
    )


# ---- the example journey and the custom resource -------------------------------------------


def test_example_journey_renders_every_activity(stack):
    _journey(stack, _example_definition())
    request = _request(stack)
    assert request["Name"] == "onboarding"
    assert request["StartCondition"] == {"SegmentStartCondition": {"SegmentId": "seg1"}}
    assert request["StartActivity"] == "Welcome"
    assert "State" not in request
    assert request["Activities"] == {
        "Welcome": {"EMAIL": {"TemplateName": "welcome", "NextActivity": "WaitTwoDays"}},
        "WaitTwoDays": {"Wait": {"WaitTime": {"WaitFor": "P2D"}, "NextActivity": "OpenedWelcome"}},
        "OpenedWelcome": {
            "ConditionalSplit": {
                "Condition": {
                    "Conditions": [
                        {
                            "EventCondition": {
                                "Dimensions": {
                                    "EventType": {
                                        "DimensionType": "INCLUSIVE",
                                        "Values": ["_email.open"],
                                    }
                                },
                                "MessageActivity": "Welcome",
                            }
                        }
                    ]
                },
                "TrueActivity": "ThankYou",
                "FalseActivity": "Reminder",
            }
        },
        "ThankYou": {"SMS": {"TemplateName": "thanks"}},
        "Reminder": {"EMAIL": {"TemplateName": "reminder"}},
    }


def test_custom_resource_carries_app_id_state_and_the_request(stack):
    journey = _journey(stack)
    resource = _resource(stack)
    assert resource["Properties"]["ApplicationId"] == {"Ref": _logical_id(stack, journey.app)}
    assert resource["Properties"]["State"] == "ACTIVE"
    assert resource["Properties"]["ServiceToken"]["Fn::GetAtt"][0].startswith(
        "PinpointJourneyProviderframeworkonEvent"
    )
    assert isinstance(resource["Properties"]["Journey"], str)  # literal values: plain JSON
    assert resource["DeletionPolicy"] == "Delete"


def test_journey_can_be_deployed_as_a_draft(stack):
    _journey(stack, state=JourneyState.DRAFT)
    assert _resource(stack)["Properties"]["State"] == "DRAFT"


def test_journey_is_the_resource_child_with_id_and_arn_attributes(stack):
    journey = _journey(stack)
    resource = journey.node.find_child("Resource")
    assert isinstance(resource, cdk.CustomResource)
    assert stack.resolve(journey.journey_id)["Ref"].startswith("Journey")
    assert stack.resolve(journey.journey_arn)["Fn::GetAtt"][1] == "JourneyArn"


def test_tokens_in_the_request_become_references(stack):
    app = PinpointApp(stack, "App")
    segment = Segment.from_segment_id(stack, "Seg", cdk.Fn.import_value("SegmentId"), app=app)
    name = cdk.CfnParameter(stack, "TemplateName").value_as_string
    daily = cdk.CfnParameter(stack, "Daily", type="Number").value_as_number
    _journey(
        stack,
        SendEmail("Welcome", template=FakeTemplate(name, TemplateType.EMAIL)),
        app=app,
        start=JourneyStart.segment(segment),
        limits=JourneyLimits(daily_cap=daily),  # type: ignore[arg-type]
    )
    journey = _resource(stack)["Properties"]["Journey"]
    assert "Fn::Join" in journey
    text = json.dumps(journey)
    assert '{"Ref": "TemplateName"}' in text and '{"Ref": "Daily"}' in text
    assert '{"Fn::ImportValue": "SegmentId"}' in text


def test_example_journey_passes_cdk_nag_and_cfn_lint(nag_stack, tmp_path):
    app = PinpointApp(nag_stack, "App")
    welcome = SendEmail("Welcome", template=WELCOME)
    welcome.next(SendCustom("Chat", function=_function(nag_stack)))
    Journey(
        nag_stack,
        "Journey",
        app=app,
        start=JourneyStart.segment(Segment.from_segment_id(nag_stack, "Seg", "abc", app=app)),
        definition=welcome,
    )
    template = synth_clean(nag_stack)  # raises on any unacknowledged cdk-nag finding
    resources = template["Resources"]
    # The fixture function's own DependsOn on its role policy is aws-cdk-lib's, not ours.
    findings = [
        f
        for f in lint_findings(template, tmp_path)
        if not (
            f["Rule"]["Id"] == "W3005"
            and resources[f["Location"]["Path"][1]]["Type"] == "AWS::Lambda::Function"
        )
    ]
    assert findings == []


@pytest.mark.parametrize("where", ["other stack", "imported"])
def test_journeys_of_apps_elsewhere_pass_cdk_nag(nag_stack, where):
    from stacks._common import acknowledge_end_of_support

    if where == "other stack":
        home = cdk.Stack(
            nag_stack.node.root,
            "AppStack",
            env=cdk.Environment(account="123456789012", region="us-east-1"),
        )
        acknowledge_end_of_support(home)
        app = PinpointApp(home, "App")
    else:
        app = PinpointApp.from_app_id(nag_stack, "App", "a1b2c3")
    Journey(
        nag_stack,
        "Journey",
        app=app,
        start=JourneyStart.segment(FakeSegment("s1")),
        definition=Wait("W", duration=HOUR),
    )
    synth_clean(nag_stack)  # the <app ARN>/journeys/* finding is acknowledged as synthesized


# ---- provider and permissions --------------------------------------------------------------


def test_provider_runs_the_journey_handler_and_is_shared(stack):
    app = PinpointApp(stack, "App")
    _journey(stack, app=app)
    _journey(stack, app=app, id="Second", journey_name="second")
    template = Template.from_stack(stack)
    template.resource_count_is("Custom::PinpointJourney", 2)
    for handler in ("journey.index.on_event", "journey.index.is_complete"):
        template.has_resource_properties(
            "AWS::Lambda::Function",
            {"Handler": handler, "Runtime": "python3.14", "Timeout": 120, "MemorySize": 256},
        )
    # the two handlers, the framework's on-event, is-complete and on-timeout functions
    template.resource_count_is("AWS::Lambda::Function", 5)


def test_provider_timeouts_equal_the_handlers_constants():
    sys.path.insert(0, str(HANDLERS_ROOT))
    try:
        logic = importlib.import_module("journey.logic")
    finally:
        sys.path.remove(str(HANDLERS_ROOT))
    assert provider_module.PROVIDER_TOTAL_TIMEOUT_SECONDS == logic.PROVIDER_TOTAL_TIMEOUT_SECONDS
    assert provider_module.PROVIDER_QUERY_INTERVAL_SECONDS == logic.PROVIDER_QUERY_INTERVAL_SECONDS


def _logical_id(stack: cdk.Stack, app: PinpointApp) -> str:
    return stack.get_logical_id(app.node.default_child)  # type: ignore[arg-type]


def _journey_statements(stack: cdk.Stack, role_prefix: str) -> list[dict[str, Any]]:
    policies = Template.from_stack(stack).find_resources("AWS::IAM::Policy")
    for logical_id, policy in policies.items():
        if logical_id.startswith(role_prefix):
            return [
                s
                for s in policy["Properties"]["PolicyDocument"]["Statement"]
                if not s["Action"][0].startswith("logs:")
            ]
    raise AssertionError(f"no policy {role_prefix}")


def test_on_event_role_gets_exactly_the_journey_actions_on_this_apps_journeys(stack):
    journey = _journey(stack)
    app_arn = {"Fn::GetAtt": [stack.get_logical_id(journey.app.node.default_child), "Arn"]}
    assert _journey_statements(stack, "PinpointJourneyProviderOnEventRole") == [
        {
            "Action": ["mobiletargeting:CreateJourney", "mobiletargeting:ListJourneys"],
            "Effect": "Allow",
            "Resource": [app_arn, {"Fn::Join": ["", [app_arn, "/journeys"]]}],
        },
        {
            # aws-cdk-lib's minimizePolicies flag sorts the actions
            "Action": sorted(JOURNEY_ACTIONS),
            "Effect": "Allow",
            "Resource": {"Fn::Join": ["", [app_arn, "/journeys/*"]]},
        },
    ]


def test_is_complete_role_may_only_read_this_apps_journeys(stack):
    # is_complete only polls GetJourney; creating, changing, deleting or passing roles is
    # the on-event handler's business.
    role = iam.Role(stack, "ConnectRole", assumed_by=iam.ServicePrincipal("pinpoint.amazonaws.com"))
    journey = _journey(
        stack,
        ContactCenter("Call"),
        connect_campaign=ConnectCampaign(
            campaign_arn="arn:aws:connect-campaigns:us-east-1:123456789012:campaign/abc",
            execution_role=role,
        ),
    )
    app_arn = {"Fn::GetAtt": [stack.get_logical_id(journey.app.node.default_child), "Arn"]}
    assert _journey_statements(stack, "PinpointJourneyProviderIsCompleteRole") == [
        {
            "Action": "mobiletargeting:GetJourney",
            "Effect": "Allow",
            "Resource": {"Fn::Join": ["", [app_arn, "/journeys/*"]]},
        },
    ]


def test_each_app_of_the_stack_adds_its_statements_once(stack):
    first, second = PinpointApp(stack, "First"), PinpointApp(stack, "Second")
    _journey(stack, app=first, id="A")
    _journey(stack, app=first, id="B", journey_name="other")
    _journey(stack, app=second, id="C")
    statements = _journey_statements(stack, "PinpointJourneyProviderOnEventRole")
    # minimizePolicies merges the two apps' statements action by action
    assert [sorted(s["Action"]) for s in statements] == [
        ["mobiletargeting:CreateJourney", "mobiletargeting:ListJourneys"],
        sorted(JOURNEY_ACTIONS),
    ]
    resources = [_flatten(r) for s in statements for r in s["Resource"]]
    assert sorted(resources) == sorted(
        f"<{app}.Arn>{suffix}"
        for app in (_logical_id(stack, first), _logical_id(stack, second))
        for suffix in ("", "/journeys", "/journeys/*")
    )


def test_send_custom_function_may_be_invoked_by_pinpoint_for_this_app(stack):
    function = _function(stack)
    app = PinpointApp(stack, "App")
    _journey(stack, SendCustom("Chat", function=function), app=app)
    template = Template.from_stack(stack)
    template.has_resource_properties(
        "AWS::Lambda::Permission",
        {
            "Action": "lambda:InvokeFunction",
            "Principal": "pinpoint.us-east-1.amazonaws.com",
            "SourceAccount": "123456789012",
            "SourceArn": {
                "Fn::Join": ["", [{"Fn::GetAtt": [Match.string_like_regexp("^App"), "Arn"]}, "/*"]]
            },
        },
    )
    depends_on = _resource(stack)["DependsOn"]
    assert any(d.startswith("DeliverInvokedByPinpoint") for d in depends_on)


def test_same_function_in_two_activities_gets_one_permission(stack):
    function = _function(stack)
    first = SendCustom("One", function=function)
    first.next(SendCustom("Two", function=function))
    _journey(stack, first)
    Template.from_stack(stack).resource_count_is("AWS::Lambda::Permission", 1)


def test_custom_channel_keeps_its_own_permission(stack):
    app = PinpointApp(stack, "App")
    channel = CustomChannel(stack, "Chat", app=app, function=_function(stack))
    _journey(stack, SendCustom("Chat", channel=channel), app=app)
    Template.from_stack(stack).resource_count_is("AWS::Lambda::Permission", 1)
    assert _request(stack)["Activities"]["Chat"]["CUSTOM"]["DeliveryUri"].startswith("<Deliver")


def test_custom_channel_of_another_app_is_rejected(stack):
    # The channel lets Pinpoint invoke its function for its own app only (aws:SourceArn), so
    # the journey's app could never call it.
    other = PinpointApp(stack, "Other")
    channel = CustomChannel(stack, "Chat", app=other, function=_function(stack))
    with pytest.raises(
        ValueError,
        match=r"SendCustom\('Chat'\): custom channel TestStack/Chat lets Pinpoint invoke its "
        r"function for the app TestStack/Other only, not for the journey's app TestStack/App",
    ):
        _journey(stack, SendCustom("Chat", channel=channel))


def test_activities_added_after_the_journey_are_part_of_it(stack):
    first = Wait("First", duration=HOUR)
    _journey(stack, first)
    first.next(SendCustom("Late", function=_function(stack)))
    assert set(_request(stack)["Activities"]) == {"First", "Late"}
    Template.from_stack(stack).resource_count_is("AWS::Lambda::Permission", 1)


def test_send_activity_warns_when_the_app_has_no_such_channel(stack):
    _journey(stack, SendEmail("Welcome", template=WELCOME))
    warnings = Annotations.from_stack(stack).find_warning(
        "/TestStack/Journey", Match.string_like_regexp("no enabled EMAIL channel")
    )
    assert len(warnings) == 1


# ---- props ---------------------------------------------------------------------------------


def test_settings_render_into_the_request(stack):
    _journey(
        stack,
        schedule=JourneySchedule(
            start=datetime(2030, 1, 1, 8, 0, tzinfo=UTC),
            end=datetime(2030, 2, 1, tzinfo=UTC),
            timezone="UTC+05:30",
        ),
        limits=JourneyLimits(
            daily_cap=3,
            total_cap=10,
            endpoint_reentry_cap=2,
            endpoint_reentry_interval=cdk.Duration.days(7),
            messages_per_second=50,
            timeframe_cap=TimeframeCap(cap=5, days=30),
        ),
        quiet_time=QuietTime(start="22:00", end="07:00"),
        wait_for_quiet_time=True,
        refresh_frequency=cdk.Duration.hours(6),
        refresh_on_segment_update=True,
        local_time=True,
    )
    request = _request(stack)
    assert {k: v for k, v in request.items() if k not in ("Activities", "StartCondition")} == {
        "Name": "onboarding",
        "StartActivity": "W",
        "Limits": {
            "DailyCap": 3,
            "TotalCap": 10,
            "EndpointReentryCap": 2,
            "MessagesPerSecond": 50,
            "EndpointReentryInterval": "P7D",
            "TimeframeCap": {"Cap": 5, "Days": 30},
        },
        "QuietTime": {"Start": "22:00", "End": "07:00"},
        "WaitForQuietTime": True,
        "RefreshFrequency": "PT6H",
        "RefreshOnSegmentUpdate": True,
        "LocalTime": True,
        "Schedule": {
            "StartTime": "2030-01-01T08:00:00+00:00",
            "EndTime": "2030-02-01T00:00:00+00:00",
            "Timezone": "UTC+05:30",
        },
    }


def test_paused_journey_with_refresh_frequency(stack):
    _journey(stack, state=JourneyState.PAUSED, refresh_frequency=cdk.Duration.days(1))
    assert _resource(stack)["Properties"]["State"] == "PAUSED"


def test_event_start_renders_the_event_filter(stack):
    _journey(
        stack,
        start=JourneyStart.event(
            "signup",
            attributes={"plan": AttributeFilter.inclusive("pro")},
            metrics={"seats": MetricFilter.greater_than_or_equal(5)},
            segment=FakeSegment("trial"),
            filter_type=EventFilterType.ENDPOINT,
            description="New sign-ups",
        ),
    )
    assert _request(stack)["StartCondition"] == {
        "EventStartCondition": {
            "EventFilter": {
                "FilterType": "ENDPOINT",
                "Dimensions": {
                    "EventType": {"DimensionType": "INCLUSIVE", "Values": ["signup"]},
                    "Attributes": {"plan": {"AttributeType": "INCLUSIVE", "Values": ["pro"]}},
                    "Metrics": {
                        "seats": {"ComparisonOperator": "GREATER_THAN_OR_EQUAL", "Value": 5}
                    },
                },
            },
            "SegmentId": "trial",
        },
        "Description": "New sign-ups",
    }


def test_contact_center_journey_sets_channel_settings_and_may_pass_the_role(stack):
    role = iam.Role(stack, "ConnectRole", assumed_by=iam.ServicePrincipal("pinpoint.amazonaws.com"))
    role_id = stack.get_logical_id(role.node.default_child)  # type: ignore[arg-type]
    arn = "arn:aws:connect-campaigns:us-east-1:123456789012:campaign/abc"
    _journey(
        stack,
        ContactCenter("Call"),
        connect_campaign=ConnectCampaign(campaign_arn=arn, execution_role=role),
    )
    assert _request(stack)["JourneyChannelSettings"] == {
        "ConnectCampaignArn": arn,
        "ConnectCampaignExecutionRoleArn": f"<{role_id}.Arn>",
    }
    pass_role = {
        "Action": "iam:PassRole",
        "Effect": "Allow",
        "Resource": {"Fn::GetAtt": [role_id, "Arn"]},
    }
    assert pass_role in _journey_statements(stack, "PinpointJourneyProviderOnEventRole")


def test_journey_name_defaults_to_a_unique_name(stack):
    journey = _journey(stack, journey_name=None)
    assert re.fullmatch(r"TestStackJourney[A-Za-z0-9]+", journey.journey_name)


def test_request_overrides_set_and_remove_fields(stack):
    journey = _journey(stack, local_time=True)
    journey.add_request_override("TimezoneEstimationMethods", ["PHONE_NUMBER"])
    journey.add_request_override("Activities.W.Description", "pause")
    journey.add_request_deletion_override("LocalTime")
    request = _request(stack)
    assert request["TimezoneEstimationMethods"] == ["PHONE_NUMBER"]
    assert request["Activities"]["W"]["Description"] == "pause"
    assert "LocalTime" not in request


@pytest.mark.parametrize(
    ("props", "error", "message"),
    [
        ({"journey_name": "   "}, ValueError, "journey_name must not be empty, got '   '"),
        ({"journey_name": ""}, ValueError, "journey_name must not be empty, got ''"),
        (
            {"journey_name": "x" * 151},
            ValueError,
            "journey_name must be 1 to 150 characters long, got 151 characters",
        ),
        ({"journey_name": 7}, TypeError, "journey_name must be a string, got int: 7"),
        ({"state": JourneyState.PAUSED}, ValueError, "state PAUSED needs refresh_frequency"),
        ({"wait_for_quiet_time": True}, ValueError, "wait_for_quiet_time=True needs quiet_time"),
        ({"start": FakeSegment("s")}, TypeError, "start must be a JourneyStart"),
        (
            {"definition": "Welcome"},
            TypeError,
            "definition must be an IChainable, got str: 'Welcome'",
        ),
        ({"limits": Limits(daily=3)}, TypeError, "limits must be a JourneyLimits"),
        ({"local_time": "yes"}, TypeError, "local_time must be a bool, got str: 'yes'"),
        ({"max_activities": 0}, ValueError, "max_activities must be at least 1, got 0"),
        (
            {"refresh_frequency": cdk.Duration.seconds(0)},
            ValueError,
            "refresh_frequency must be positive",
        ),
    ],
)
def test_journey_props_are_checked(stack, props, error, message):
    with pytest.raises(error, match=re.escape(message)):
        _journey(stack, **props)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: JourneySchedule(timezone="UTC+1"), "schedule.timezone must be one of"),
        (
            lambda: JourneySchedule(start=datetime(2030, 1, 1)),
            "schedule.start must carry a time zone",
        ),
        (
            lambda: JourneySchedule(
                start=datetime(2030, 2, 1, tzinfo=UTC), end=datetime(2030, 1, 1, tzinfo=UTC)
            ),
            "schedule.start must be before schedule.end",
        ),
        (lambda: JourneyLimits(daily_cap=101), "limits.daily_cap must be between 0 and 100"),
        (lambda: JourneyLimits(total_cap=-1), "limits.total_cap must be between 0 and 100"),
        (
            lambda: JourneyLimits(endpoint_reentry_cap=200),
            "limits.endpoint_reentry_cap must be between 0 and 100",
        ),
        (lambda: JourneyLimits(messages_per_second=0), "limits.messages_per_second must be at"),
        (lambda: JourneyLimits(daily_cap=2.5), "daily_cap must be an int, got float: 2.5"),
        (
            lambda: JourneyLimits(endpoint_reentry_interval=cdk.Duration.seconds(0)),
            "limits.endpoint_reentry_interval must be positive",
        ),
        (lambda: TimeframeCap(cap=101, days=1), "limits.timeframe_cap.cap must be between 0 and"),
        (lambda: TimeframeCap(cap=1, days=31), "limits.timeframe_cap.days must be between 0 and"),
        (lambda: JourneyStart.event([]), "JourneyStart.event event_type must name at least one"),
        (lambda: JourneyStart.segment("seg"), "segment must be an ISegment, got str: 'seg'"),
    ],
)
def test_schedule_limits_and_start_are_checked(make, message):
    with pytest.raises((ValueError, TypeError), match=re.escape(message)):
        make()


# ---- synth checks --------------------------------------------------------------------------


def test_duplicate_activity_ids_fail_synth(stack):
    first = Wait("Pause", duration=HOUR)
    first.next(Holdout("Pause", percentage=5))
    _journey(stack, first)
    assert (
        "activity id 'Pause' is used by 2 different activities (Wait('Pause'), "
        "Holdout('Pause')): activity ids must be unique in a journey"
    ) in _synth_errors(stack)


def test_a_cycle_fails_synth_naming_the_loop(stack):
    a, b, c = (Wait(name, duration=HOUR) for name in "ABC")
    a.next(b).next(c).next(b)
    _journey(stack, a)
    assert (
        "the activities loop (B -> C -> B): every branch of a journey must end, and Wait('C') "
        "can't lead back to Wait('B')"
    ) in _synth_errors(stack)


def test_a_branch_cannot_join_another_journey(stack):
    app = PinpointApp(stack, "App")
    shared = Wait("Shared", duration=HOUR)
    _journey(stack, shared, app=app, id="First", journey_name="first")
    second_start = Wait("Start", duration=HOUR)
    second_start.next(shared)
    _journey(stack, second_start, app=app, id="Second", journey_name="second")
    assert (
        "Wait('Shared') is already part of journey TestStack/First: a branch can't join "
        "another journey"
    ) in _synth_errors(stack)


@pytest.mark.parametrize(
    ("split", "message"),
    [
        (
            ConditionalSplit("Split", condition=Condition.segment(FakeSegment("a"))),
            "ConditionalSplit('Split') has neither a true nor a false branch",
        ),
        (MultiConditionSplit("Split"), "MultiConditionSplit('Split') has no branches"),
        (
            RandomSplit("Split").branch(50),
            "RandomSplit('Split') has 1 branch(es); a random split needs 2 to 5",
        ),
    ],
)
def test_every_split_needs_its_branches(stack, split, message):
    _journey(stack, split)
    assert message in _synth_errors(stack)


def test_random_split_percentages_must_add_up_to_100(stack):
    _journey(stack, RandomSplit("AB").branch(50).branch(30).branch(10))
    assert (
        "RandomSplit('AB') has branch percentages that add up to 90 (50 + 30 + 10), not 100"
    ) in _synth_errors(stack)


def test_too_many_activities_fail_synth(stack):
    chain = Wait("A0", duration=HOUR)
    last = chain
    for index in range(1, 41):
        following = Wait(f"A{index}", duration=HOUR)
        last.next(following)
        last = following
    _journey(stack, chain)
    assert (
        "the journey has 41 activities, more than max_activities=40 (Pinpoint's default quota "
        "is 40 per journey"
    ) in _synth_errors(stack)


def test_max_activities_follows_a_raised_quota(stack):
    first = Wait("A", duration=HOUR)
    first.next(Wait("B", duration=HOUR)).next(Wait("C", duration=HOUR))
    _journey(stack, first, max_activities=2)
    assert "the journey has 3 activities, more than max_activities=2" in _synth_errors(stack)


def test_message_condition_on_an_activity_outside_the_journey_fails_synth(stack):
    elsewhere = SendEmail("Elsewhere", template=WELCOME)
    split = ConditionalSplit("Opened", condition=Condition.message_opened(elsewhere))
    _journey(stack, split.when_true(Wait("W", duration=HOUR)))
    assert (
        "ConditionalSplit('Opened') tests the outcome of SendEmail('Elsewhere'), which is not "
        "part of this journey"
    ) in _synth_errors(stack)


def test_message_condition_must_follow_the_activity_on_every_path(stack):
    email = SendEmail("Mail", template=WELCOME)
    split = MultiConditionSplit("Check").when(Condition.message_clicked(email))
    start = RandomSplit("AB").branch(50, email.next(split)).branch(50, split)
    _journey(stack, start)
    assert (
        "MultiConditionSplit('Check') tests the outcome of SendEmail('Mail'), which doesn't "
        "come before it on every path from the start activity"
    ) in _synth_errors(stack)


def test_contact_center_needs_a_connect_campaign(stack):
    _journey(stack, ContactCenter("Call"))
    assert ("ContactCenter('Call') needs the journey's connect_campaign") in _synth_errors(stack)


def test_contact_center_is_not_allowed_in_event_triggered_journeys(stack):
    role = iam.Role(stack, "ConnectRole", assumed_by=iam.ServicePrincipal("pinpoint.amazonaws.com"))
    _journey(
        stack,
        ContactCenter("Call"),
        start=JourneyStart.event("signup"),
        connect_campaign=ConnectCampaign(campaign_arn="arn:aws:x", execution_role=role),
    )
    assert (
        "ContactCenter('Call'): Pinpoint doesn't support contact center activities in "
        "event-triggered journeys"
    ) in _synth_errors(stack)


def test_journey_names_are_unique_per_app(stack):
    app = PinpointApp(stack, "App")
    _journey(stack, app=app, id="First")
    _journey(stack, app=app, id="Second")
    errors = _synth_errors(stack)
    assert (
        "journey name 'onboarding' is also used by TestStack/Second in the same app: this "
        "library's journeys need names unique per app (its handler finds the journey a retried "
        "create already made by its name)"
    ) in errors


def test_the_same_name_in_two_apps_is_fine(stack):
    _journey(stack, app=PinpointApp(stack, "One"), id="First")
    _journey(stack, app=PinpointApp(stack, "Two"), id="Second")
    Template.from_stack(stack).resource_count_is("Custom::PinpointJourney", 2)


# ---- botocore model validation -------------------------------------------------------------


def test_a_wrong_type_fails_synth_with_botocores_report(stack):
    journey = _journey(stack)
    journey.add_request_override("Limits.DailyCap", "five")
    errors = _synth_errors(stack)
    assert (
        "does not match the WriteJourneyRequest shape of the Pinpoint model in botocore" in errors
    )
    assert "Invalid type for parameter Limits.DailyCap, value: five" in errors


def test_an_unknown_field_fails_synth_with_botocores_report(stack):
    journey = _journey(stack)
    journey.add_request_override("Activities.W.Wait.Until", "tomorrow")
    assert 'Unknown parameter in Activities.W.Wait: "Until"' in _synth_errors(stack)


def test_a_missing_required_member_fails_synth(stack):
    journey = _journey(stack, start=JourneyStart.event("signup"))
    journey.add_request_deletion_override(
        "StartCondition.EventStartCondition.EventFilter.FilterType"
    )
    assert (
        'Missing required parameter in StartCondition.EventStartCondition.EventFilter: "FilterType"'
    ) in _synth_errors(stack)


def test_unresolved_tokens_pass_the_model_check(stack):
    app = PinpointApp(stack, "App")
    segment = Segment.from_segment_id(stack, "Seg", cdk.Fn.import_value("SegmentId"), app=app)
    daily = cdk.CfnParameter(stack, "Daily", type="Number").value_as_number
    _journey(
        stack,
        _example_definition(),
        app=app,
        start=JourneyStart.segment(segment),
        limits=JourneyLimits(daily_cap=daily),  # type: ignore[arg-type]
    )
    Template.from_stack(stack).resource_count_is("Custom::PinpointJourney", 1)


def test_journey_waits_for_templates_defined_in_its_stack(stack):
    """The request names templates by plain strings, so the dependency is explicit."""
    from pinpoint_constructs import EmailTemplate

    welcome = EmailTemplate(
        stack, "WelcomeTemplate", template_name="welcome-real", subject="Hi", text="Welcome"
    )
    _journey(stack, definition=SendEmail("Welcome", template=welcome))
    template_id = stack.get_logical_id(welcome.node.default_child)
    assert template_id in _resource(stack)["DependsOn"]


def test_journey_stack_waits_for_a_template_defined_in_another_stack(stack):
    """Without the dependency, `cdk deploy --all` may publish the journey before its template
    exists: the request names the template by a plain string, not a reference."""
    from pinpoint_constructs import EmailTemplate

    templates = cdk.Stack(
        stack.node.root,
        "TemplateStack",
        env=cdk.Environment(account="123456789012", region="us-east-1"),
    )
    welcome = EmailTemplate(
        templates, "WelcomeTemplate", template_name="welcome-real", subject="Hi", text="Welcome"
    )
    _journey(stack, definition=SendEmail("Welcome", template=welcome))
    assembly = stack.node.root.synth()
    dependencies = assembly.get_stack_artifact(stack.artifact_id).dependencies
    assert "TemplateStack" in [artifact.id for artifact in dependencies]


def test_start_segment_of_another_app_is_rejected(stack):
    from pinpoint_constructs import AttributeFilter, Segment, SegmentDimensions

    other_app = PinpointApp(stack, "OtherApp")
    segment = Segment(
        stack,
        "OtherSegment",
        app=other_app,
        dimensions=SegmentDimensions(attributes={"Tier": AttributeFilter.inclusive("gold")}),
    )
    with pytest.raises(
        ValueError,
        match=r"^start segment TestStack/OtherSegment belongs to the app TestStack/OtherApp, "
        r"not to the journey's app TestStack/App$",
    ):
        _journey(stack, start=JourneyStart.segment(segment))


def test_journey_starts_from_the_all_endpoints_segment(stack):
    app = PinpointApp(stack, "App")
    everyone = Segment.all_endpoints(stack, "Everyone", app=app)
    _journey(stack, app=app, start=JourneyStart.segment(everyone))
    assert _request(stack)["StartCondition"] == {
        "SegmentStartCondition": {
            "SegmentId": f"<{stack.get_logical_id(everyone.node.default_child)}.SegmentId>"
        }
    }


def test_journey_timezone_is_matched_without_case_and_written_canonically(stack):
    schedule = JourneySchedule(timezone="utc+05:45")
    assert schedule.timezone == "UTC+05:45"
    _journey(stack, schedule=schedule, local_time=True)
    assert _request(stack)["Schedule"] == {"Timezone": "UTC+05:45"}


def test_journey_names_may_contain_spaces_as_the_service_s_own_samples_do(stack):
    # The API Reference's journey sample and console-made journeys use names with spaces.
    _journey(stack, journey_name="Welcome new customers")
    assert _request(stack)["Name"] == "Welcome new customers"


# ---- drafts: unfinished activities --------------------------------------------------------


def _unfinished_definition() -> Any:
    """What real exports of draft journeys hold: an email without its template yet, a wait
    without a time, a yes/no split without a condition or branches."""
    return SendEmail("Welcome").next(Wait("Pause")).next(ConditionalSplit("Opened"))


def _warnings(stack: cdk.Stack) -> list[str]:
    found = Annotations.from_stack(stack).find_warning("*", Match.any_value())
    return [
        str(w.entry.data) for w in found if JOURNEY_DRAFT_UNFINISHED_WARNING in str(w.entry.data)
    ]


def test_a_draft_may_hold_unfinished_activities_and_says_so(stack):
    _journey(stack, _unfinished_definition(), state=JourneyState.DRAFT)
    request = _request(stack)
    assert request["Activities"] == {
        "Welcome": {"EMAIL": {"NextActivity": "Pause"}},
        "Pause": {"Wait": {"NextActivity": "Opened"}},
        "Opened": {"ConditionalSplit": {}},
    }
    assert _resource(stack)["Properties"]["State"] == "DRAFT"
    (warning,) = _warnings(stack)
    assert warning.startswith(
        "draft journey has unfinished activities, which Pinpoint refuses when it is published: "
        "SendEmail('Welcome') has no template yet; Wait('Pause') has no duration or until yet; "
        "ConditionalSplit('Opened') has neither a true nor a false branch: add when_true() "
        "and/or when_false(); ConditionalSplit('Opened') has no condition yet"
    )


def test_a_draft_may_have_no_entry_yet_and_unfinished_splits_and_custom_sends(stack):
    split = RandomSplit("AB").branch(50, SendCustom("Hook")).branch(30)
    _journey(stack, split, start=None, state=JourneyState.DRAFT)
    request = _request(stack)
    assert "StartCondition" not in request
    assert request["Activities"]["Hook"] == {"CUSTOM": {"EndpointTypes": ["CUSTOM"]}}
    (warning,) = _warnings(stack)
    assert "RandomSplit('AB') has branch percentages that add up to 80 (50 + 30), not 100" in (
        warning
    )
    assert "SendCustom('Hook') has no channel, function or url yet" in warning


def test_a_draft_multivariate_branch_may_have_no_condition_yet(stack):
    """The service accepts a draft's branch without a Condition (the console saves a new
    branch so); the warning names the branch."""
    split = MultiConditionSplit("Tier").when(None, Wait("Later", duration=cdk.Duration.days(1)))
    _journey(stack, split, state=JourneyState.DRAFT)
    assert _request(stack)["Activities"]["Tier"] == {
        "MultiCondition": {"Branches": [{"NextActivity": "Later"}]}
    }
    (warning,) = _warnings(stack)
    assert "MultiConditionSplit('Tier') has no condition yet on branch 1 (to Wait('Later'))" in (
        warning
    )


def test_publishing_a_multivariate_branch_without_a_condition_is_refused(stack):
    _journey(stack, MultiConditionSplit("Tier").when(None), state=JourneyState.ACTIVE)
    assert (
        "MultiConditionSplit('Tier') has no condition yet on branch 1: a journey in state "
        "ACTIVE is published"
    ) in _synth_errors(stack)


def test_a_complete_draft_has_no_warning(stack):
    _journey(stack, state=JourneyState.DRAFT)
    assert _warnings(stack) == []


@pytest.mark.parametrize("state", [JourneyState.ACTIVE, JourneyState.CANCELLED])
def test_publishing_names_each_unfinished_activity(stack, state):
    _journey(stack, _unfinished_definition(), state=state)
    errors = _synth_errors(stack)
    for activity, missing in [
        ("SendEmail('Welcome')", "has no template yet"),
        ("Wait('Pause')", "has no duration or until yet"),
        ("ConditionalSplit('Opened')", "has no condition yet"),
    ]:
        assert (
            f"{activity} {missing}: a journey in state {state.value} is published, so every "
            "activity must be complete (only state=JourneyState.DRAFT keeps unfinished "
            "activities)"
        ) in errors
    assert "ConditionalSplit('Opened') has neither a true nor a false branch" in errors


def test_a_draft_may_have_no_activities_yet(stack):
    """As the console saves a new journey: only its name (WriteJourneyRequest requires only
    Name), no StartActivity and no Activities."""
    journey = Journey(
        stack,
        "Journey",
        app=PinpointApp(stack, "App"),
        journey_name="new journey",
        state=JourneyState.DRAFT,
    )
    assert _request(stack) == {"Name": "new journey"}
    assert _resource(stack)["Properties"]["State"] == "DRAFT"
    assert journey.definition is None and journey.start_activity is None
    assert journey.activities == []
    assert _warnings(stack) == []


@pytest.mark.parametrize("state", [JourneyState.ACTIVE, JourneyState.PAUSED])
def test_only_a_draft_may_go_without_activities(stack, state):
    with pytest.raises(ValueError) as raised:
        Journey(
            stack,
            "Journey",
            app=PinpointApp(stack, "App"),
            start=JourneyStart.segment(FakeSegment("seg1")),
            refresh_frequency=HOUR,
            state=state,
        )
    assert str(raised.value) == (
        "definition is required unless state=JourneyState.DRAFT (a draft may have no "
        f"activities yet), got no definition with state {state.value}"
    )


def test_only_a_draft_may_go_without_a_start(stack):
    with pytest.raises(ValueError) as raised:
        _journey(stack, start=None)
    assert str(raised.value) == (
        "start is required unless state=JourneyState.DRAFT (a draft may not have its entry "
        "yet), got no start with state ACTIVE"
    )


def test_a_template_version_without_a_template_is_rejected():
    with pytest.raises(ValueError) as raised:
        SendEmail("Welcome", template_version="2")
    assert str(raised.value) == (
        "SendEmail('Welcome') template_version needs a template, got version '2' without one"
    )
