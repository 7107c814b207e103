"""JourneyPushAction: the push custom action's function, environment and least-privilege
role; a journey with a push step passes cfn-lint and cdk-nag."""

from __future__ import annotations

from pathlib import Path

import aws_cdk as cdk
import pytest
from aws_cdk.assertions import Match, Template
from support import lint_findings, synth_clean
from test_connect_journeys import WELCOME, _journey, _Template

from pinpoint_constructs import PinpointApp, ProfilesDomain
from pinpoint_constructs.connect import JourneyPushAction, MessageTemplateChannel

PUSH = _Template(MessageTemplateChannel.PUSH, "app-news")


def _push(stack: cdk.Stack) -> JourneyPushAction:
    return JourneyPushAction(
        stack,
        "Push",
        template=PUSH,
        profiles_domain=ProfilesDomain.from_domain_name(stack, "Profiles", "engagement"),
        device_object_type="Device",
        application=PinpointApp(stack, "App"),
    )


def test_function_environment_and_role(stack: cdk.Stack) -> None:
    push = _push(stack)
    _journey(stack, push.step("SendPush"))
    template = Template.from_stack(stack)
    template.has_resource_properties(
        "AWS::Lambda::Function",
        {
            "Handler": "journey_push.index.handler",
            "Environment": {
                "Variables": Match.object_like(
                    {
                        "KNOWLEDGE_BASE_ID": "kb-id",
                        "PROFILES_DOMAIN": "engagement",
                        "DEVICE_OBJECT_TYPE": "Device",
                        "MESSAGE_TEMPLATE_ID": Match.any_value(),
                    }
                )
            },
        },
    )
    statements = [
        s
        for p in template.find_resources("AWS::IAM::Policy").values()
        for s in p["Properties"]["PolicyDocument"]["Statement"]
    ]
    by_action = {json_action(s): s["Resource"] for s in statements}
    assert by_action["wisdom:GetMessageTemplate"] == [
        PUSH.message_template_arn,
        PUSH.version_arn,
    ]
    send = by_action["mobiletargeting:SendMessages"]
    assert send["Fn::Join"][1][-1] == "/messages"
    template.has_resource_properties(
        "AWS::Lambda::Permission", {"Principal": "connect.amazonaws.com"}
    )


def json_action(statement: dict) -> str:
    action = statement["Action"]
    return action if isinstance(action, str) else ",".join(action)


def test_template_must_be_push(stack: cdk.Stack) -> None:
    with pytest.raises(ValueError, match="must be PUSH template for the PUSH channel, got a EMAIL"):
        JourneyPushAction(
            stack,
            "Push",
            template=WELCOME,  # type: ignore[arg-type]
            profiles_domain=ProfilesDomain.from_domain_name(stack, "Profiles", "engagement"),
            device_object_type="Device",
            application=PinpointApp(stack, "App"),
        )


def test_push_journey_passes_cfn_lint_and_cdk_nag(nag_stack: cdk.Stack, tmp_path: Path) -> None:
    push = _push(nag_stack)
    _journey(nag_stack, push.step("SendPush"))
    template = synth_clean(nag_stack)
    findings = lint_findings(template, tmp_path)
    assert [(f["Rule"]["Id"], f["Message"]) for f in findings] == []
