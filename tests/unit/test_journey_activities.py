"""Journey activities, the chain API and split conditions: how each renders and what each
rejects."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import aws_cdk as cdk
import pytest
from aws_cdk import aws_lambda as lambda_
from aws_cdk.assertions import Template

from pinpoint_constructs import AttributeFilter, MetricFilter, PinpointApp
from pinpoint_constructs.pinpoint.channels import ChannelType
from pinpoint_constructs.pinpoint.journeys import (
    Chain,
    Condition,
    ConditionalSplit,
    ContactCenter,
    Holdout,
    Journey,
    JourneyStart,
    MessageEvent,
    MultiConditionSplit,
    RandomSplit,
    SendCustom,
    SendEmail,
    SendPush,
    SendSms,
    SmsMessageType,
    Wait,
)
from pinpoint_constructs.pinpoint.templates.base import TemplateType

HOUR = cdk.Duration.hours(1)


@dataclass
class FakeTemplate:
    """Satisfies ITemplate, like the template constructs do."""

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


EMAIL = FakeTemplate("welcome", TemplateType.EMAIL)
SMS = FakeTemplate("thanks", TemplateType.SMS)
PUSH = FakeTemplate("nudge", TemplateType.PUSH)


def _activities(stack: cdk.Stack, definition) -> dict:
    """The Activities map of a journey that starts with ``definition``."""
    app = PinpointApp(stack, "App")
    journey = Journey(
        stack,
        "Journey",
        app=app,
        start=JourneyStart.segment(FakeSegment("s1")),
        definition=definition,
    )
    return journey.request()["Activities"]


def _function(stack: cdk.Stack) -> lambda_.Function:
    return lambda_.Function(
        stack,
        "Deliver",
        runtime=lambda_.Runtime.PYTHON_3_14,
        handler="index.handler",
        code=lambda_.Code.from_inline("def handler(event, context):\n    return {}\n"),
    )


# ---- message activities --------------------------------------------------------------------


def test_send_email_renders_template_version_sender_next_and_description(stack):
    email = SendEmail(
        "Welcome",
        template=EMAIL,
        template_version="3",
        from_address="hello@example.com",
        description="Say hello",
    )
    email.next(Wait("Pause", duration=HOUR))
    assert _activities(stack, email)["Welcome"] == {
        "EMAIL": {
            "TemplateName": "welcome",
            "TemplateVersion": "3",
            "MessageConfig": {"FromAddress": "hello@example.com"},
            "NextActivity": "Pause",
        },
        "Description": "Say hello",
    }


def test_send_sms_renders_every_message_setting(stack):
    sms = SendSms(
        "Thanks",
        template=SMS,
        message_type=SmsMessageType.TRANSACTIONAL,
        origination_number="+12065550100",
        sender_id="ACME",
        entity_id="E1",
        template_id="T1",
    )
    assert _activities(stack, sms)["Thanks"] == {
        "SMS": {
            "TemplateName": "thanks",
            "MessageConfig": {
                "MessageType": "TRANSACTIONAL",
                "OriginationNumber": "+12065550100",
                "SenderId": "ACME",
                "EntityId": "E1",
                "TemplateId": "T1",
            },
        }
    }


def test_send_push_renders_time_to_live_as_seconds(stack):
    push = SendPush("Nudge", template=PUSH, time_to_live=cdk.Duration.minutes(10))
    assert _activities(stack, push)["Nudge"] == {
        "PUSH": {"TemplateName": "nudge", "MessageConfig": {"TimeToLive": "600"}}
    }


def test_send_custom_with_a_function_delivers_to_its_arn_for_custom_endpoints(stack):
    custom = SendCustom("Chat", function=_function(stack), data='{"kind":"welcome"}')
    rendered = stack.resolve(_activities(stack, custom)["Chat"])
    assert rendered == {
        "CUSTOM": {
            "DeliveryUri": {
                "Fn::GetAtt": [
                    stack.get_logical_id(stack.node.find_child("Deliver").node.default_child),
                    "Arn",
                ]
            },
            "EndpointTypes": ["CUSTOM"],
            "MessageConfig": {"Data": '{"kind":"welcome"}'},
        }
    }


def test_send_custom_with_a_channel_uses_its_uri_and_endpoint_types(stack):
    @dataclass
    class Channel:
        delivery_uri: str
        endpoint_types: list[str]

    channel = Channel("arn:aws:lambda:us-east-1:123456789012:function:chat", ["CUSTOM", "SMS"])
    custom = SendCustom("Chat", channel=channel)
    assert _activities(stack, custom)["Chat"] == {
        "CUSTOM": {
            "DeliveryUri": "arn:aws:lambda:us-east-1:123456789012:function:chat",
            "EndpointTypes": ["CUSTOM", "SMS"],
        }
    }


def test_send_custom_with_a_url_posts_to_the_web_service(stack):
    """CustomMessageActivity.DeliveryUri takes an HTTPS URL (botocore's Pinpoint model); no
    function, so no invoke permission."""
    custom = SendCustom("Notify", url="https://hooks.example.com/pinpoint", data="hi")
    assert _activities(stack, custom)["Notify"] == {
        "CUSTOM": {
            "DeliveryUri": "https://hooks.example.com/pinpoint",
            "EndpointTypes": ["CUSTOM"],
            "MessageConfig": {"Data": "hi"},
        }
    }
    assert custom.url == "https://hooks.example.com/pinpoint"
    assert Template.from_stack(stack).find_resources("AWS::Lambda::Permission") == {}


@pytest.mark.parametrize(
    "url", ["http://hooks.example.com/pinpoint", "hooks.example.com", "https://user:pw@x.example"]
)
def test_send_custom_url_must_be_https(url):
    with pytest.raises(ValueError, match=r"^SendCustom\('Notify'\) url must "):
        SendCustom("Notify", url=url)


def test_send_custom_takes_a_url_or_a_function_not_both():
    function = lambda_.Function.from_function_arn(
        cdk.Stack(), "F", "arn:aws:lambda:us-east-1:123456789012:function:f"
    )
    with pytest.raises(ValueError) as raised:
        SendCustom("Notify", function=function, url="https://hooks.example.com/pinpoint")
    assert str(raised.value) == (
        "SendCustom('Notify') takes one of channel, function and url, got function and url"
    )


def test_send_custom_endpoint_types_override_the_default():
    custom = SendCustom(
        "Chat",
        function=lambda_.Function.from_function_arn(
            cdk.Stack(), "F", "arn:aws:lambda:us-east-1:123456789012:function:f"
        ),
        endpoint_types=[ChannelType.EMAIL, ChannelType.EMAIL, ChannelType.SMS],
    )
    assert custom._render()["CUSTOM"]["EndpointTypes"] == ["EMAIL", "SMS"]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"channel": object()}, r"SendCustom\('Chat'\) channel must be a CustomChannel"),
    ],
)
def test_send_custom_needs_one_delivery_target(kwargs, message):
    with pytest.raises((ValueError, TypeError), match=message):
        SendCustom("Chat", **kwargs)


def test_send_custom_takes_channel_or_function_not_both():
    function = lambda_.Function.from_function_arn(
        cdk.Stack(), "F", "arn:aws:lambda:us-east-1:123456789012:function:f"
    )
    with pytest.raises(ValueError) as raised:
        SendCustom("Chat", channel=object(), function=function)
    assert str(raised.value) == (
        "SendCustom('Chat') takes one of channel, function and url, got channel and function"
    )


def test_send_custom_data_is_at_most_5000_characters():
    channel = type("C", (), {"delivery_uri": "arn:x", "endpoint_types": ["CUSTOM"]})()
    SendCustom("Chat", channel=channel, data="x" * 5000)
    with pytest.raises(ValueError, match=r"SendCustom\('Chat'\) data must be 1 to 5000"):
        SendCustom("Chat", channel=channel, data="x" * 5001)


def test_contact_center_renders_its_next_activity(stack):
    call = ContactCenter("Call")
    call.next(Wait("After", duration=HOUR))
    assert _activities(stack, call)["Call"] == {"ContactCenter": {"NextActivity": "After"}}


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: SendEmail("E", template=SMS), r"SendEmail\('E'\) needs an EMAIL template"),
        (lambda: SendSms("S", template=EMAIL), r"SendSms\('S'\) needs an SMS template"),
        (lambda: SendPush("P", template=EMAIL), r"SendPush\('P'\) needs an PUSH template"),
    ],
)
def test_send_activities_reject_a_template_of_the_wrong_kind(make, message):
    with pytest.raises(ValueError, match=message):
        make()


def test_a_template_must_be_an_itemplate():
    with pytest.raises(
        TypeError, match=r"template\ must\ be\ an\ ITemplate,\ got\ str:\ 'welcome'"
    ):
        SendEmail("E", template="welcome")  # type: ignore[arg-type]


# ---- flow activities ---------------------------------------------------------------------


def test_wait_for_a_duration_renders_iso_8601(stack):
    assert _activities(stack, Wait("W", duration=cdk.Duration.days(2)))["W"] == {
        "Wait": {"WaitTime": {"WaitFor": "P2D"}}
    }


def test_wait_until_a_time_keeps_its_offset(stack):
    until = datetime(2030, 1, 2, 9, 30, tzinfo=timezone(timedelta(hours=2)))
    assert _activities(stack, Wait("W", until=until))["W"] == {
        "Wait": {"WaitTime": {"WaitUntil": "2030-01-02T09:30:00+02:00"}}
    }


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (
            {"duration": HOUR, "until": datetime(2030, 1, 1, tzinfo=UTC)},
            r"Wait\('W'\): give duration or until, not both",
        ),
        (
            {"duration": cdk.Duration.minutes(59)},
            r"duration must be at least 1 hour, got 59 minutes",
        ),
        ({"duration": cdk.Duration.days(366)}, r"duration must be at most 365 days, got 366 days"),
        ({"until": datetime(2030, 1, 1)}, r"Wait\('W'\) until must carry a time zone"),
    ],
)
def test_wait_rejects_bad_times(kwargs, message):
    with pytest.raises(ValueError, match=message):
        Wait("W", **kwargs)


def test_holdout_renders_its_percentage(stack):
    holdout = Holdout("Control", percentage=10)
    holdout.next(Wait("W", duration=HOUR))
    assert _activities(stack, holdout)["Control"] == {
        "Holdout": {"Percentage": 10, "NextActivity": "W"}
    }


@pytest.mark.parametrize("percentage", [0, 100, 150])
def test_holdout_percentage_is_1_to_99(percentage):
    with pytest.raises(ValueError, match=r"Holdout\('H'\) percentage must be between 1 and 99"):
        Holdout("H", percentage=percentage)


def test_holdout_percentage_is_a_whole_number():
    with pytest.raises(TypeError, match=r"percentage\ must\ be\ an\ int,\ got\ float:\ 12\.5"):
        Holdout("H", percentage=12.5)  # type: ignore[arg-type]


def test_conditional_split_renders_condition_branches_and_evaluation_wait(stack):
    split = (
        ConditionalSplit(
            "Vip",
            condition=Condition.segment(FakeSegment("vip")),
            evaluate_after=cdk.Duration.hours(6),
        )
        .when_true(Wait("Yes", duration=HOUR))
        .when_false(Wait("No", duration=HOUR))
    )
    assert _activities(stack, split)["Vip"] == {
        "ConditionalSplit": {
            "Condition": {"Conditions": [{"SegmentCondition": {"SegmentId": "vip"}}]},
            "EvaluationWaitTime": {"WaitFor": "PT6H"},
            "TrueActivity": "Yes",
            "FalseActivity": "No",
        }
    }


def test_conditional_split_evaluates_at_a_time_and_may_leave_a_branch_out(stack):
    at = datetime(2030, 5, 1, 12, 0, tzinfo=UTC)
    split = ConditionalSplit(
        "Vip", condition=Condition.segment(FakeSegment("vip")), evaluate_at=at
    ).when_false(Wait("No", duration=HOUR))
    assert _activities(stack, split)["Vip"]["ConditionalSplit"] == {
        "Condition": {"Conditions": [{"SegmentCondition": {"SegmentId": "vip"}}]},
        "EvaluationWaitTime": {"WaitUntil": "2030-05-01T12:00:00+00:00"},
        "FalseActivity": "No",
    }


def test_conditional_split_takes_one_evaluation_time():
    with pytest.raises(ValueError, match=r"give evaluate_after or evaluate_at, not both"):
        ConditionalSplit(
            "S",
            condition=Condition.segment(FakeSegment("a")),
            evaluate_after=HOUR,
            evaluate_at=datetime(2030, 1, 1, tzinfo=UTC),
        )


def test_conditional_split_branches_are_set_once():
    split = ConditionalSplit("S", condition=Condition.segment(FakeSegment("a")))
    split.when_true(Wait("A", duration=HOUR))
    with pytest.raises(ValueError, match=r"ConditionalSplit\('S'\) already has a true branch"):
        split.when_true(Wait("B", duration=HOUR))


def test_conditional_split_combines_conditions_with_any_or_all(stack):
    email = SendEmail("Mail", template=EMAIL)
    split = ConditionalSplit(
        "Engaged",
        condition=Condition.any(Condition.message_opened(email), Condition.message_clicked(email)),
    )
    email.next(split)
    split.when_true(Wait("W", duration=HOUR))
    assert _activities(stack, email)["Engaged"]["ConditionalSplit"]["Condition"] == {
        "Conditions": [
            {
                "EventCondition": {
                    "Dimensions": {
                        "EventType": {"DimensionType": "INCLUSIVE", "Values": ["_email.open"]}
                    },
                    "MessageActivity": "Mail",
                }
            },
            {
                "EventCondition": {
                    "Dimensions": {
                        "EventType": {"DimensionType": "INCLUSIVE", "Values": ["_email.click"]}
                    },
                    "MessageActivity": "Mail",
                }
            },
        ],
        "Operator": "ANY",
    }


def test_multi_condition_split_renders_branches_otherwise_and_evaluation(stack):
    split = (
        MultiConditionSplit("Tier", evaluate_after=cdk.Duration.days(1))
        .when(Condition.segment(FakeSegment("gold")), Wait("Gold", duration=HOUR))
        .when(Condition.event("purchase"))
        .otherwise(Wait("Other", duration=HOUR))
    )
    assert _activities(stack, split)["Tier"] == {
        "MultiCondition": {
            "Branches": [
                {"Condition": {"SegmentCondition": {"SegmentId": "gold"}}, "NextActivity": "Gold"},
                {
                    "Condition": {
                        "EventCondition": {
                            "Dimensions": {
                                "EventType": {"DimensionType": "INCLUSIVE", "Values": ["purchase"]}
                            }
                        }
                    }
                },
            ],
            "DefaultActivity": "Other",
            "EvaluationWaitTime": {"WaitFor": "P1D"},
        }
    }


def test_multi_condition_split_has_at_most_four_branches_plus_otherwise():
    split = MultiConditionSplit("Tier")
    for name in "abcd":
        split.when(Condition.segment(FakeSegment(name)))
    with pytest.raises(
        ValueError,
        match=r"MultiConditionSplit\('Tier'\) can have at most 4 branches plus otherwise .* 5th",
    ):
        split.when(Condition.segment(FakeSegment("e")))


def test_multi_condition_split_branch_takes_one_condition():
    both = Condition.all(Condition.segment(FakeSegment("a")), Condition.segment(FakeSegment("b")))
    with pytest.raises(
        ValueError, match=r"MultiConditionSplit\('Tier'\): a multivariate split branch takes one"
    ):
        MultiConditionSplit("Tier").when(both)


def test_random_split_renders_branches_with_and_without_next(stack):
    split = RandomSplit("AB").branch(50, Wait("A", duration=HOUR)).branch(30).branch(20)
    assert _activities(stack, split)["AB"] == {
        "RandomSplit": {
            "Branches": [
                {"Percentage": 50, "NextActivity": "A"},
                {"Percentage": 30},
                {"Percentage": 20},
            ]
        }
    }
    assert split.percentages == [50, 30, 20]


def test_random_split_has_at_most_five_branches():
    split = RandomSplit("AB")
    for _ in range(5):
        split.branch(20)
    with pytest.raises(
        ValueError, match=r"RandomSplit\('AB'\) can have at most 5 branches, got a 6th"
    ):
        split.branch(1)


def test_random_split_branch_percentage_is_1_to_99():
    with pytest.raises(
        ValueError, match=r"RandomSplit\('AB'\) branch percentage must be between 1"
    ):
        RandomSplit("AB").branch(0)


# ---- ids and descriptions ------------------------------------------------------------------


@pytest.mark.parametrize("bad", ["", "has space", "dash-ed", "under_score", "é", "x" * 101])
def test_activity_ids_are_1_to_100_letters_and_digits(bad):
    with pytest.raises(ValueError, match=r"Wait id must be 1 to 100 letters .* got"):
        Wait(bad, duration=HOUR)


def test_activity_id_of_100_characters_is_accepted():
    assert Wait("a1" * 50, duration=HOUR).id == "a1" * 50


def test_activity_id_must_be_a_literal_string():
    with pytest.raises(TypeError, match="Holdout id must be a literal string"):
        Holdout(cdk.Aws.ACCOUNT_ID, percentage=5)


def test_description_is_rendered_for_every_kind(stack):
    split = ConditionalSplit(
        "S", condition=Condition.segment(FakeSegment("a")), description="Is VIP?"
    ).when_true(RandomSplit("R", description="A/B").branch(50).branch(50))
    activities = _activities(stack, split)
    assert activities["S"]["Description"] == "Is VIP?"
    assert activities["R"]["Description"] == "A/B"


# ---- chain API -----------------------------------------------------------------------------


def test_next_returns_a_chain_that_continues_from_its_last_activity():
    a, b, c = (Wait(name, duration=HOUR) for name in "ABC")
    chain = a.next(b).next(c)
    assert isinstance(chain, Chain)
    assert chain.start_activity is a
    assert chain.end_activities == [c]
    assert chain.id == "C"
    assert a._successors() == [b] and b._successors() == [c]


def test_chain_start_and_sequence():
    a, b, c = (Wait(name, duration=HOUR) for name in "ABC")
    chain = Chain.start(a)
    assert chain.start_activity is a and chain.end_activities == [a]
    sequence = Chain.sequence(chain, Chain.start(b).next(c))
    assert sequence.start_activity is a and sequence.end_activities == [c]
    assert b._successors() == [c] and a._successors() == [b]


def test_a_chain_does_not_continue_after_a_split():
    split = RandomSplit("R").branch(50).branch(50)
    chain = Wait("A", duration=HOUR).next(split)
    assert chain.end_activities == []
    with pytest.raises(ValueError, match=r"can't add 'B' to the chain: its last activity \(R\)"):
        chain.next(Wait("B", duration=HOUR))


def test_an_activity_has_one_next_activity():
    a = Wait("A", duration=HOUR)
    a.next(Wait("B", duration=HOUR))
    with pytest.raises(ValueError, match=r"Wait\('A'\) already continues with Wait\('B'\)"):
        a.next(Wait("C", duration=HOUR))


def test_next_takes_an_activity_or_a_chain():
    with pytest.raises(TypeError, match=r"Wait\('A'\).next\(\) must be an activity or a Chain"):
        Wait("A", duration=HOUR).next("B")  # type: ignore[arg-type]


def test_a_branch_can_be_a_chain(stack):
    branch = Wait("One", duration=HOUR).next(Wait("Two", duration=HOUR))
    split = ConditionalSplit("S", condition=Condition.segment(FakeSegment("a"))).when_true(branch)
    activities = _activities(stack, split)
    assert activities["S"]["ConditionalSplit"]["TrueActivity"] == "One"
    assert activities["One"]["Wait"]["NextActivity"] == "Two"


# ---- conditions ----------------------------------------------------------------------------


def test_segment_condition_needs_a_segment():
    with pytest.raises(TypeError, match=r"segment\ must\ be\ an\ ISegment,\ got\ str:\ 'vip'"):
        Condition.segment("vip")  # type: ignore[arg-type]


def test_event_condition_renders_event_types_attributes_and_metrics():
    condition = Condition.event(
        ["purchase", "upgrade"],
        attributes={"plan": ["pro", "team"], "store": AttributeFilter.exclusive("test")},
        metrics={"price": MetricFilter.greater_than(10)},
    )
    assert condition._render_simple("S") == {
        "EventCondition": {
            "Dimensions": {
                "EventType": {"DimensionType": "INCLUSIVE", "Values": ["purchase", "upgrade"]},
                "Attributes": {
                    "plan": {"AttributeType": "INCLUSIVE", "Values": ["pro", "team"]},
                    "store": {"AttributeType": "EXCLUSIVE", "Values": ["test"]},
                },
                "Metrics": {"price": {"ComparisonOperator": "GREATER_THAN", "Value": 10}},
            }
        }
    }


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: Condition.event([]), "must name at least one event type"),
        (lambda: Condition.event(" "), "must not be empty"),
        (lambda: Condition.event("e", attributes={"plan": "pro"}), r"attributes\['plan'\]"),
        (lambda: Condition.event("e", metrics={"n": 5}), r"metrics\['n'\] must be a MetricFilter"),
    ],
)
def test_event_condition_rejects_bad_dimensions(make, message):
    with pytest.raises((ValueError, TypeError), match=message):
        make()


@pytest.mark.parametrize(
    ("activity", "factory", "values"),
    [
        (SendEmail("M", template=EMAIL), Condition.message_delivered, ["_email.delivered"]),
        (SendEmail("M", template=EMAIL), Condition.message_opened, ["_email.open"]),
        (SendEmail("M", template=EMAIL), Condition.message_clicked, ["_email.click"]),
        (SendSms("M", template=SMS), Condition.message_delivered, ["_SMS.SUCCESS"]),
        (SendPush("M", template=PUSH), Condition.message_opened, ["_journey.opened_notification"]),
        (
            SendPush("M", template=PUSH),
            Condition.message_delivered,
            ["_journey.received_foreground", "_journey.received_background"],
        ),
    ],
)
def test_message_outcome_conditions_test_the_activitys_events(activity, factory, values):
    condition = factory(activity)
    assert condition._render_simple("S") == {
        "EventCondition": {
            "Dimensions": {"EventType": {"DimensionType": "INCLUSIVE", "Values": values}},
            "MessageActivity": "M",
        }
    }
    assert condition.message_activities == (activity,)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            lambda: Condition.message_opened(SendSms("T", template=SMS)),
            r"message_opened works on SendEmail or SendPush activities; SendSms\('T'\) is a "
            "SendSms activity",
        ),
        (
            lambda: Condition.message_clicked(SendPush("P", template=PUSH)),
            r"message_clicked works on SendEmail activities",
        ),
        (
            lambda: Condition.message_event(SendSms("T", template=SMS), MessageEvent.EMAIL_OPEN),
            r"MessageEvent.EMAIL_OPEN is an EMAIL event, but SendSms\('T'\) is a SendSms",
        ),
        (
            lambda: Condition.message_opened(Wait("W", duration=HOUR)),
            r"a message condition needs a message activity .* got Wait\('W'\)",
        ),
        (
            lambda: Condition.message_event(SendSms("T", template=SMS)),
            r"a message condition on SendSms\('T'\) needs at least one event",
        ),
    ],
)
def test_message_conditions_reject_activities_without_that_outcome(make, message):
    with pytest.raises((ValueError, TypeError), match=message):
        make()


def test_message_event_takes_members_and_raw_event_types():
    sms = SendSms("T", template=SMS)
    call = ContactCenter("Call")
    assert Condition.message_event(
        sms, MessageEvent.SMS_FAILURE, MessageEvent.SMS_OPTOUT
    )._render_simple("S")["EventCondition"]["Dimensions"]["EventType"]["Values"] == [
        "_SMS.FAILURE",
        "_SMS.OPTOUT",
    ]
    raw = Condition.message_event(call, "connected_event")
    assert raw._render_simple("S")["EventCondition"]["MessageActivity"] == "Call"


def test_all_and_any_need_two_flat_conditions():
    a, b = Condition.segment(FakeSegment("a")), Condition.segment(FakeSegment("b"))
    with pytest.raises(ValueError, match=r"Condition\.all needs at least two conditions, got 1"):
        Condition.all(a)
    with pytest.raises(
        ValueError, match=r"Condition\.any can't contain another Condition\.all/any"
    ):
        Condition.any(Condition.all(a, b), a)
    assert Condition.all(a, b)._render()["Operator"] == "ALL"
    assert repr(Condition.all(a, b)) == "Condition.all(segment, segment)"


def test_every_message_event_belongs_to_a_channel():
    assert {event.channel for event in MessageEvent} == {"EMAIL", "SMS", "PUSH"}


def test_send_custom_data_mapping_is_sent_as_compact_json(stack):
    from aws_cdk import aws_lambda as lambda_

    fn = lambda_.Function(
        stack,
        "Fn",
        runtime=lambda_.Runtime.PYTHON_3_14,
        handler="index.handler",
        code=lambda_.Code.from_inline("def handler(e, c):\n    return e\n"),
    )
    activity = SendCustom("Notify", function=fn, data={"kind": "onboarded", "n": 1})
    assert activity._render()["CUSTOM"]["MessageConfig"]["Data"] == '{"kind":"onboarded","n":1}'


def test_send_custom_data_of_another_type_is_rejected(stack):
    from aws_cdk import aws_lambda as lambda_

    fn = lambda_.Function.from_function_arn(
        stack, "Fn", "arn:aws:lambda:us-east-1:123456789012:function:deliver"
    )
    with pytest.raises(
        TypeError,
        match="data\\ must\\ be\\ a\\ string\\ or\\ a\\ mapping\\ or\\ None,\\ got\\ int:\\ 5",
    ):
        SendCustom("Notify", function=fn, data=5)  # type: ignore[arg-type]


def test_send_sms_checks_sender_id_and_origination_number():
    thanks = FakeTemplate("thanks", TemplateType.SMS)
    with pytest.raises(ValueError, match=r"^SendSms\('Thanks'\) sender_id must be"):
        SendSms("Thanks", template=thanks, sender_id="has space")
    with pytest.raises(ValueError, match=r"^SendSms\('Thanks'\) origination_number must be"):
        SendSms("Thanks", template=thanks, origination_number="12-34")
    SendSms("Thanks", template=thanks, sender_id="ExampleCo", origination_number="+12065550100")


def test_send_email_checks_the_from_address():
    with pytest.raises(ValueError, match=r"^SendEmail\('Welcome'\) from_address must be"):
        SendEmail("Welcome", template=EMAIL, from_address="not an address")
    SendEmail("Welcome", template=EMAIL, from_address="News <news@example.com>")
