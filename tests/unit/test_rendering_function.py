"""TemplateRenderingFunction: the renderer for Amazon Connect custom actions, without Pinpoint:
its environment, template sources (SES, Q in Connect, files), grants, and bad input."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import aws_cdk as cdk
import pytest
from aws_cdk import aws_ses as ses
from aws_cdk.assertions import Match, Template
from support import lint_findings, simulator_number, synth_clean

from pinpoint_constructs import (
    ContactList,
    RenderingChannel,
    RenderingTemplates,
    SesEmailTemplate,
    SubscriptionStatus,
    TemplateRenderingFunction,
    Topic,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "rendering"
KB = "12345678-1234-1234-1234-123456789012"
TEMPLATE_ARN = (
    f"arn:aws:wisdom:us-east-1:123456789012:message-template/{KB}/"
    "abcdefab-1234-1234-1234-123456789012"
)


def email_function(stack: cdk.Stack, **props: Any) -> TemplateRenderingFunction:
    welcome = SesEmailTemplate(
        stack, "Welcome", template_name="welcome", subject="Hi {{name}}", text="x"
    )
    contacts = ContactList(
        stack,
        "Contacts",
        contact_list_name="contacts",
        topics=[
            Topic(
                topic_name="news",
                display_name="News",
                default_subscription_status=SubscriptionStatus.OPT_IN,
            )
        ],
    )
    defaults: dict[str, Any] = {
        "templates": RenderingTemplates.ses(welcome),
        "template": "welcome",
        "channel": RenderingChannel.EMAIL,
        "email_identity": ses.EmailIdentity(
            stack, "Identity", identity=ses.Identity.domain("example.com")
        ),
        "from_address": "Example <news@example.com>",
        "contact_list": contacts,
        "contact_list_topic": "news",
    }
    return TemplateRenderingFunction(stack, "Renderer", **{**defaults, **props})


def environment(stack: cdk.Stack) -> dict[str, Any]:
    functions = Template.from_stack(stack).find_resources(
        "AWS::Lambda::Function", {"Properties": {"Handler": "template_renderer.index.handler"}}
    )
    (function,) = functions.values()
    return function["Properties"]["Environment"]["Variables"]


def test_ses_templates_with_list_management(stack):
    email_function(stack)
    assert environment(stack) == {
        "TEMPLATES": '{"EMAIL":["welcome"]}',
        "TEMPLATE_SOURCE": "ses",
        "CONNECT_TEMPLATE": "welcome",
        "CONNECT_CHANNEL": "EMAIL",
        "FROM_ADDRESS": "Example <news@example.com>",
        "CONTACT_LIST_NAME": "contacts",
        "CONTACT_LIST_TOPIC": "news",
    }
    statements = [
        s
        for policy in Template.from_stack(stack).find_resources("AWS::IAM::Policy").values()
        for s in policy["Properties"]["PolicyDocument"]["Statement"]
    ]
    actions = {json.dumps(s["Action"]): s["Resource"] for s in statements}
    assert '"ses:GetEmailTemplate"' in actions
    send = actions['"ses:SendEmail"']
    assert len(send) == 2  # the identity and the contact list, nothing else
    assert "contact-list/contacts" in json.dumps(send)


def test_q_connect_templates(stack):
    TemplateRenderingFunction(
        stack,
        "Renderer",
        templates=RenderingTemplates.q_connect(
            message_template_arns=[TEMPLATE_ARN], channel=RenderingChannel.SMS
        ),
        template="abcdefab-1234-1234-1234-123456789012",
        channel=RenderingChannel.SMS,
        sms_origination_identity=simulator_number(stack),
    )
    env = environment(stack)
    assert env["TEMPLATE_SOURCE"] == "qconnect"
    assert env["QCONNECT_KNOWLEDGE_BASE_ID"] == KB
    Template.from_stack(stack).has_resource_properties(
        "AWS::IAM::Policy",
        {
            "PolicyDocument": {
                "Statement": Match.array_with(
                    [
                        Match.object_like(
                            {"Action": "wisdom:GetMessageTemplate", "Resource": TEMPLATE_ARN}
                        )
                    ]
                )
            }
        },
    )


def test_file_templates_ship_in_a_layer(stack):
    TemplateRenderingFunction(
        stack,
        "Renderer",
        templates=RenderingTemplates.files(FIXTURES),
        template="offer",
        channel=RenderingChannel.SMS,
        sms_origination_identity=simulator_number(stack),
    )
    env = environment(stack)
    assert env["TEMPLATE_SOURCE"] == "files"
    assert env["TEMPLATE_FILES_DIR"] == "/opt"
    assert json.loads(env["TEMPLATES"]) == {"EMAIL": ["welcome"], "SMS": ["offer"]}
    Template.from_stack(stack).resource_count_is("AWS::Lambda::LayerVersion", 1)


@pytest.mark.parametrize(
    ("props", "message"),
    [
        ({"template": "other"}, r"template must be one of the EMAIL templates \['welcome'\]"),
        ({"template": "{{#if}}"}, "is not valid Handlebars"),
        ({"from_address": None}, "channel EMAIL needs email_identity and from_address"),
        ({"contact_list_topic": "sales"}, r"topic_name must be a topic of .*got 'sales'"),
        ({"contact_list": None}, "contact_list_topic needs contact_list"),
        ({"channel": RenderingChannel.SMS}, r"template must be one of the SMS templates \[\]"),
    ],
)
def test_bad_input(stack, props: dict[str, Any], message: str):
    with pytest.raises(ValueError, match=message):
        email_function(stack, **props)


def test_bad_template_sources(tmp_path: Path):
    with pytest.raises(ValueError, match="must be Q in Connect message template ARNs"):
        RenderingTemplates.q_connect(
            message_template_arns=["arn:aws:ses:us-east-1:1:template/x"],
            channel=RenderingChannel.EMAIL,
        )
    with pytest.raises(ValueError, match=r"has no email/<name>\.json"):
        RenderingTemplates.files(tmp_path)
    (tmp_path / "sms").mkdir()
    (tmp_path / "sms" / "bad.json").write_text('{"body": "{{#if x}}"}')
    with pytest.raises(ValueError, match=r"bad.json body: Parse error"):
        RenderingTemplates.files(tmp_path)
    with pytest.raises(ValueError, match="needs at least one template"):
        RenderingTemplates.ses()


def test_rendering_function_is_lint_and_nag_clean(nag_stack, tmp_path):
    email_function(nag_stack)
    assert lint_findings(synth_clean(nag_stack), tmp_path) == []
