"""Pinpoint journey → ConnectJourney: the pure conversion (``convert_journey``, no CDK) on a
get-journey answer with every activity type, and ``ConnectJourney.from_pinpoint`` on the
library's Pinpoint ``Journey`` (the default program's onboarding journey)."""

from __future__ import annotations

import json
from typing import Any

import aws_cdk as cdk
import pytest
from aws_cdk.assertions import Annotations, Match, Template
from test_connect_journeys import OFFER, REMINDER, WELCOME, _action, _flow, _pieces
from test_journeys import REMINDER as PINPOINT_REMINDER
from test_journeys import _example_definition
from test_journeys import _journey as _pinpoint_journey

from pinpoint_constructs.connect import (
    JOURNEY_CONVERSION_WARNING,
    ConnectJourney,
    convert_journey,
)

LAMBDA_ARN = "arn:aws:lambda:us-east-1:123456789012:function:loyalty"


def _get_journey() -> dict[str, Any]:
    """A get-journey answer (``JourneyResponse``) with each activity type of the Pinpoint API
    Reference's ``Activity`` object."""
    activities = {
        "Welcome": {"EMAIL": {"TemplateName": "welcome", "NextActivity": "LongWait"}},
        "LongWait": {"Wait": {"WaitTime": {"WaitFor": "P10D"}, "NextActivity": "Clicked"}},
        "Clicked": {
            "ConditionalSplit": {
                "Condition": {
                    "Conditions": [
                        {
                            "EventCondition": {
                                "MessageActivity": "Welcome",
                                "Dimensions": {
                                    "EventType": {
                                        "DimensionType": "INCLUSIVE",
                                        "Values": ["_email.click"],
                                    }
                                },
                            }
                        }
                    ]
                },
                "EvaluationWaitTime": {"WaitFor": "PT1H"},
                "TrueActivity": "Loyalty",
                "FalseActivity": "Segments",
            }
        },
        "Loyalty": {"CUSTOM": {"DeliveryUri": LAMBDA_ARN}},
        "Segments": {
            "MultiCondition": {
                "Branches": [
                    {
                        "Condition": {"SegmentCondition": {"SegmentId": "vip"}},
                        "NextActivity": "Push",
                    }
                ],
                "DefaultActivity": "AB",
            }
        },
        "Push": {"PUSH": {"NextActivity": "Agent"}},
        "Agent": {"ContactCenter": {"NextActivity": None}},
        "AB": {
            "RandomSplit": {
                "Branches": [
                    {"Percentage": 30, "NextActivity": "Hold"},
                    {"Percentage": 70, "NextActivity": "Hook"},
                ]
            }
        },
        "Hold": {"Holdout": {"Percentage": 10, "NextActivity": "Offer"}},
        "Offer": {"SMS": {"TemplateName": "offer-sms", "NextActivity": "Until"}},
        "Until": {"Wait": {"WaitTime": {"WaitUntil": "2027-01-01T00:00:00Z"}}},
        "Hook": {"CUSTOM": {"DeliveryUri": "https://example.com/hook", "NextActivity": "Bare"}},
        "Bare": {"EMAIL": {"NextActivity": "CallLambda"}},
        "CallLambda": {"CUSTOM": {"DeliveryUri": LAMBDA_ARN}},
    }
    return {
        "JourneyResponse": {
            "Id": "j1",
            "ApplicationId": "app",
            "Name": "everything",
            "StartActivity": "Welcome",
            "Activities": activities,
        }
    }


def test_pure_conversion_of_every_activity_type() -> None:
    plan = convert_journey(_get_journey())
    assert plan.name == "everything"
    assert plan.start == "Welcome"
    nodes = plan.nodes
    assert nodes["Welcome"] == {"kind": "email", "template": "welcome", "next": "LongWait"}
    # 10 days: a 7-day wait and a 3-day wait.
    assert nodes["LongWait"] == {"kind": "wait", "seconds": 604800, "next": "LongWait-2"}
    assert nodes["LongWait-2"] == {"kind": "wait", "seconds": 259200, "next": "Clicked-Wait"}
    # The evaluation wait goes before the status check.
    assert nodes["Clicked-Wait"] == {"kind": "wait", "seconds": 3600, "next": "Clicked"}
    assert nodes["Clicked"] == {
        "kind": "status",
        "branches": [("Click", "Loyalty")],
        "default": "AB",
    }
    assert nodes["Loyalty"] == {"kind": "custom", "function_arn": LAMBDA_ARN, "next": None}
    # The 70% branch's web hook and template-less email don't convert: it goes on at the
    # Lambda custom activity after them.
    assert nodes["AB"] == {
        "kind": "percentage",
        "branches": [(30, "Hold")],
        "default": "CallLambda",
    }
    assert nodes["Hold"] == {
        "kind": "percentage",
        "holdout": 10,
        "branches": [],
        "default": "Offer",
    }
    assert nodes["Offer"] == {"kind": "sms", "template": "offer-sms", "next": None}
    assert "Segments" not in nodes and "Push" not in nodes and "Agent" not in nodes
    kinds = {(n.activity, n.kind) for n in plan.notes}
    assert kinds == {
        ("LongWait", "Wait"),
        ("Segments", "MultiCondition"),
        ("Push", "PUSH"),
        ("Agent", "ContactCenter"),
        ("Until", "Wait"),
        ("Hook", "CUSTOM"),
        ("Bare", "EMAIL"),
    }
    reasons = {n.activity: n.reason for n in plan.notes}
    assert "no push channel" in reasons["Push"]
    assert "segment membership" in reasons["Segments"]
    assert "web hook" in reasons["Hook"]
    assert "waits until 2027-01-01T00:00:00Z" in reasons["Until"]


def test_conversion_needs_no_cdk() -> None:
    import subprocess
    import sys

    code = (
        "import sys, pinpoint_constructs.connect.journeys.conversion as c; "
        "print(any(m.startswith('aws_cdk') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_from_get_journey_json_builds_the_connect_journey(stack: cdk.Stack) -> None:
    p = _pieces(stack)
    journey = ConnectJourney.from_pinpoint(
        stack,
        "Converted",
        journey=_get_journey(),
        instance=p["instance"],
        templates={"welcome": WELCOME, "offer-sms": OFFER},
        from_address=p["email"],
        phone_number=p["number"],
    )
    flow = _flow(stack)
    assert flow["StartAction"] == "Welcome"
    assert _action(flow, "AB")["Transitions"]["Conditions"][0]["NextAction"] == "Hold"
    hold = _action(flow, "Hold")["Transitions"]
    assert hold["Conditions"] == [
        {
            "NextAction": "EndFlow",
            "Condition": {"Operator": "NumberLessThan", "Operands": ["10"]},
        }
    ]
    assert hold["NextAction"] == "Offer"
    assert _action(flow, "Loyalty")["Parameters"]["LambdaFunctionARN"] == LAMBDA_ARN
    assert len(journey.conversion_notes) == 7
    Annotations.from_stack(stack).has_warning(
        "/TestStack/Converted", Match.string_like_regexp(f".*{JOURNEY_CONVERSION_WARNING}.*")
    )
    Template.from_stack(stack).has_resource_properties(
        "AWS::ConnectCampaignsV2::Campaign", {"Name": "everything", "Type": "JOURNEY"}
    )


def test_from_the_library_pinpoint_journey(stack: cdk.Stack) -> None:
    """The default program's onboarding journey (stacks/engagement.py's shape)."""
    pinpoint = _pinpoint_journey(stack, _example_definition(), id="Pinpoint")
    p = _pieces(stack)
    ConnectJourney.from_pinpoint(
        stack,
        "Onboarding",
        journey=pinpoint,
        instance=p["instance"],
        templates={"welcome": WELCOME, "reminder": REMINDER, "thanks": OFFER},
        from_address=p["email"],
        phone_number=p["number"],
    )
    flow = _flow(stack)
    assert [(a["Identifier"], a["Type"]) for a in flow["Actions"]] == [
        ("Welcome", "SendOutboundEmail"),
        ("WaitTwoDays", "Wait"),
        ("OpenedWelcome", "GetOutboundCommunicationStatus"),
        ("OpenedWelcome-Open", "Compare"),
        ("ThankYou", "SendSMS"),
        ("Reminder", "SendOutboundEmail"),
        ("EndFlow", "EndFlowExecution"),
    ]
    assert _action(flow, "WaitTwoDays")["Parameters"] == {"TimeLimitSeconds": "172800"}
    assert PINPOINT_REMINDER.template_name == "reminder"


def test_missing_template_is_named(stack: cdk.Stack) -> None:
    p = _pieces(stack)
    with pytest.raises(
        ValueError, match="activity 'Offer' sends the Pinpoint template 'offer-sms'"
    ):
        ConnectJourney.from_pinpoint(
            stack,
            "Converted",
            journey=_get_journey(),
            instance=p["instance"],
            templates={"welcome": WELCOME},
            from_address=p["email"],
            phone_number=p["number"],
        )


def test_nothing_converts() -> None:
    plan = convert_journey(
        {"Name": "push only", "StartActivity": "P", "Activities": {"P": {"PUSH": {}}}}
    )
    assert plan.start is None
    assert [str(n) for n in plan.notes] == [
        "P (PUSH): Amazon Connect has no push channel; a push step is a custom action "
        "(JourneyPushAction) that sends a Q in Connect PUSH template, and this activity names "
        "no template"
    ]


def test_bad_input() -> None:
    with pytest.raises(TypeError, match="journey must be a mapping"):
        convert_journey(json.dumps({}))  # type: ignore[arg-type]


def test_push_with_a_template_becomes_the_push_action_step(stack: cdk.Stack) -> None:
    from test_connect_journey_push import _push

    p = _pieces(stack)
    journey = {
        "Name": "news",
        "StartActivity": "Welcome",
        "Activities": {
            "Welcome": {"EMAIL": {"TemplateName": "welcome", "NextActivity": "News"}},
            "News": {"PUSH": {"TemplateName": "app-news"}},
        },
    }
    assert convert_journey(journey).nodes["News"] == {
        "kind": "push",
        "template": "app-news",
        "next": None,
    }
    with pytest.raises(ValueError, match="give its JourneyPushAction in push_actions="):
        ConnectJourney.from_pinpoint(
            stack,
            "Missing",
            journey=journey,
            instance=p["instance"],
            templates={"welcome": WELCOME},
            from_address=p["email"],
        )
    push = _push(stack)
    ConnectJourney.from_pinpoint(
        stack,
        "Converted",
        journey=journey,
        instance=p["instance"],
        templates={"welcome": WELCOME},
        from_address=p["email"],
        push_actions={"app-news": push},
    )
    news = _action(_flow(stack), "News")
    assert news["Type"] == "InvokeLambdaFunction"
