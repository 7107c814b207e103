"""Push and WhatsApp templates on Amazon Q in Connect (custom resource)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import aws_cdk as cdk
import pytest
from aws_cdk.assertions import Match, Template
from support import lint_findings, synth_clean

from pinpoint_constructs import PushAction, PushMessage, PushTemplate
from pinpoint_constructs.connect import (
    MessageTemplateKnowledgeBase,
    PushContent,
    PushMessageAction,
    PushMessageTemplate,
    WhatsAppMessageTemplate,
)

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "templates" / "offer_push.json"


def _kb(stack: cdk.Stack) -> MessageTemplateKnowledgeBase:
    return MessageTemplateKnowledgeBase(stack, "Kb")


def _content(template: dict[str, Any]) -> dict[str, Any]:
    (resource,) = [
        r for r in template["Resources"].values() if r["Type"] == "Custom::QConnectMessageTemplate"
    ]
    return resource["Properties"]


def test_push_template_sends_content_per_platform_to_the_custom_resource(stack: cdk.Stack) -> None:
    push = PushMessageTemplate(
        stack,
        "Offer",
        knowledge_base=_kb(stack),
        apns=PushContent(title="Hi {{Attributes.Customer.FirstName}}", media_url="https://x/i.png"),
        fcm=PushContent(
            body="20% off",
            action=PushMessageAction.URL,
            url="https://example.com",
            image_url="https://x/i.png",
        ),
        default_attributes={"Attributes.Customer.FirstName": "there"},
        message_template_name="offer-push",
        tags={"team": "growth"},
    )
    props = _content(Template.from_stack(stack).to_json())
    assert props["Name"] == "offer-push"
    assert props["ChannelSubtype"] == "PUSH"
    assert json.loads(props["Content"]) == {
        "push": {
            "apns": {
                "title": "Hi {{Attributes.Customer.FirstName}}",
                "mediaUrl": "https://x/i.png",
            },
            "fcm": {
                "body": {"content": "20% off"},
                "action": "URL",
                "url": "https://example.com",
                "imageUrl": "https://x/i.png",
            },
        }
    }
    assert json.loads(props["DefaultAttributes"]) == {
        "customerProfileAttributes": {"firstName": "there"}
    }
    assert props["Tags"] == {"team": "growth"}
    assert stack.resolve(push.version_arn)["Fn::GetAtt"][1] == "VersionArn"


def test_push_content_over_a_cloudformation_template_body_is_refused(stack: cdk.Stack) -> None:
    with pytest.raises(ValueError, match=r"at most 1,000,000 bytes as JSON"):
        PushMessageTemplate(
            stack, "Big", knowledge_base=_kb(stack), fcm=PushContent(body='"' * 400_000)
        )


def test_the_handler_may_manage_only_the_knowledge_base_templates(stack: cdk.Stack) -> None:
    PushMessageTemplate(stack, "Offer", knowledge_base=_kb(stack), fcm=PushContent(body="x"))
    Template.from_stack(stack).has_resource_properties(
        "AWS::IAM::Policy",
        {
            "PolicyDocument": {
                "Statement": Match.array_with(
                    [
                        Match.object_like(
                            {
                                "Action": Match.array_with(["wisdom:CreateMessageTemplate"]),
                                "Resource": [
                                    {
                                        "Fn::GetAtt": [
                                            Match.string_like_regexp("^Kb"),
                                            "KnowledgeBaseArn",
                                        ]
                                    },
                                    Match.any_value(),
                                ],
                            }
                        )
                    ]
                )
            }
        },
    )


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: PushContent(), "needs a title, a body or raw_content"),
        (lambda: PushContent(title="x", action="CLICK"), "action"),
    ],
)
def test_bad_push_content_is_refused(make: Any, message: str) -> None:
    with pytest.raises((ValueError, TypeError), match=message):
        make()


def test_push_content_fields_belong_to_their_platform(stack: cdk.Stack) -> None:
    with pytest.raises(ValueError, match="apns content can't have image_url"):
        PushMessageTemplate(
            stack,
            "P",
            knowledge_base=_kb(stack),
            apns=PushContent(title="x", image_url="https://i"),
        )


def test_push_template_needs_a_platform_and_checks_handlebars(stack: cdk.Stack) -> None:
    kb = _kb(stack)
    with pytest.raises(ValueError, match="needs content for apns, fcm, adm or baidu"):
        PushMessageTemplate(stack, "P", knowledge_base=kb)
    with pytest.raises(ValueError, match=r"fcm.title line 1, column 2: 'Location.City'"):
        PushMessageTemplate(
            stack, "Q", knowledge_base=kb, fcm=PushContent(title="{{Location.City}}")
        )


def test_push_from_pinpoint_fixture_json_uses_the_default_section_for_each_platform(
    stack: cdk.Stack,
) -> None:
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))
    response = {
        "PushNotificationTemplateResponse": {
            "TemplateName": data["name"],
            "TemplateType": "PUSH",
            "Default": {k[:1].upper() + k[1:]: v for k, v in data["default"].items()},
            "APNS": {k[:1].upper() + k[1:]: v for k, v in data["apns"].items()},
            "DefaultSubstitutions": json.dumps(data["defaultSubstitutions"]),
        }
    }
    push = PushMessageTemplate.from_pinpoint(
        stack, "Offer", knowledge_base=_kb(stack), template=response
    )
    assert set(push.content) == {"apns", "fcm", "adm", "baidu"}
    assert push.content["fcm"].title == "{{Attributes.Customer.Attributes.FirstName}}, 20% off"
    assert push.content["fcm"].body == "This weekend only, in {{Attributes.Customer.City}}."
    assert (
        push.content["apns"].body
        == "Tap to see the offer, {{upper Attributes.Customer.Attributes.FirstName}}."
    )
    assert push.content["apns"].media_url == "https://example.com/offer.png"


def test_push_from_pinpoint_construct(stack: cdk.Stack) -> None:
    pinpoint = PushTemplate(
        stack,
        "Pinpoint",
        template_name="offer-push",
        default=PushMessage(
            title="Hi {{User.UserAttributes.FirstName}}", action=PushAction.URL, url="https://e.com"
        ),
        default_substitutions={"User.UserAttributes.FirstName": "there"},
    )
    push = PushMessageTemplate.from_pinpoint(
        stack, "Offer", knowledge_base=_kb(stack), template=pinpoint
    )
    assert push.content["apns"] == PushContent(
        title="Hi {{Attributes.Customer.Attributes.FirstName}}",
        action=PushMessageAction.URL,
        url="https://e.com",
    )


def test_whatsapp_template(stack: cdk.Stack) -> None:
    WhatsAppMessageTemplate(
        stack,
        "Reminder",
        knowledge_base=_kb(stack),
        business_account_id="waba-1234abcd",
        template_id="1234567890",
        components=["BODY"],
        message_template_name="reminder",
    )
    props = _content(Template.from_stack(stack).to_json())
    assert props["ChannelSubtype"] == "WHATSAPP"
    assert json.loads(props["SourceConfiguration"]) == {
        "whatsApp": {
            "businessAccountId": "waba-1234abcd",
            "templateId": "1234567890",
            "components": ["BODY"],
        }
    }
    assert "Content" not in props


@pytest.mark.parametrize(
    ("props", "message"),
    [
        ({"business_account_id": "1234"}, "business_account_id must be waba-"),
        ({"template_id": "abc"}, "template_id must be 1 to 100 digits"),
        ({"data": "d" * 6001}, "data"),
        ({"components": ["c" * 5001]}, "components"),
    ],
)
def test_whatsapp_limits_from_the_model(
    stack: cdk.Stack, props: dict[str, Any], message: str
) -> None:
    values: dict[str, Any] = {"business_account_id": "waba-1", "template_id": "1", **props}
    with pytest.raises(ValueError, match=message):
        WhatsAppMessageTemplate(stack, "W", knowledge_base=_kb(stack), **values)


def test_push_and_whatsapp_pass_cfn_lint_and_cdk_nag(nag_stack: cdk.Stack, tmp_path: Path) -> None:
    kb = _kb(nag_stack)
    PushMessageTemplate(nag_stack, "Push", knowledge_base=kb, fcm=PushContent(body="Hello"))
    WhatsAppMessageTemplate(
        nag_stack, "WhatsApp", knowledge_base=kb, business_account_id="waba-1", template_id="1"
    )
    assert lint_findings(synth_clean(nag_stack), tmp_path) == []
