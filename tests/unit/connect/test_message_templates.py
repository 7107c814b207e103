"""Amazon Q in Connect message templates: knowledge base, email and SMS templates, versions,
synth-time checks and conversion from Pinpoint templates."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import aws_cdk as cdk
import pytest
from aws_cdk import aws_iam as iam
from aws_cdk.assertions import Annotations, Match, Template
from support import lint_findings, synth_clean

from pinpoint_constructs import EmailTemplate, SmsTemplate
from pinpoint_constructs.connect import (
    MESSAGE_TEMPLATE_CONVERSION_WARNING,
    EmailMessageTemplate,
    MessageTemplateChannel,
    MessageTemplateKnowledgeBase,
    SmsMessageTemplate,
)

KB_ID = "11111111-2222-3333-4444-555555555555"


class _Instance:
    """A stand-in for the campaigns package's IConnectInstance."""

    instance_id = "abcd-1234"
    instance_arn = "arn:aws:connect:us-east-1:123456789012:instance/abcd-1234"


def _kb(stack: cdk.Stack, **props: Any) -> MessageTemplateKnowledgeBase:
    return MessageTemplateKnowledgeBase(stack, "Kb", **props)


def test_knowledge_base_is_message_templates_with_a_customer_managed_key(stack: cdk.Stack) -> None:
    _kb(stack, knowledge_base_name="templates", tags={"team": "growth"})
    template = Template.from_stack(stack)
    template.has_resource_properties(
        "AWS::Wisdom::KnowledgeBase",
        {
            "KnowledgeBaseType": "MESSAGE_TEMPLATES",
            "Name": "templates",
            "ServerSideEncryptionConfiguration": {
                "KmsKeyId": {"Fn::GetAtt": [Match.string_like_regexp("KbKey"), "Arn"]}
            },
            "Tags": [{"Key": "team", "Value": "growth"}],
        },
    )
    template.has_resource_properties("AWS::KMS::Key", {"EnableKeyRotation": True})
    template.resource_count_is("AWS::Connect::IntegrationAssociation", 0)


def test_knowledge_base_associates_with_a_connect_instance(stack: cdk.Stack) -> None:
    _kb(stack, instance=_Instance())
    Template.from_stack(stack).has_resource_properties(
        "AWS::Connect::IntegrationAssociation",
        {
            "InstanceId": _Instance.instance_arn,
            "IntegrationType": "Q_MESSAGE_TEMPLATES",
            "IntegrationArn": {"Fn::GetAtt": [Match.string_like_regexp("^Kb"), "KnowledgeBaseArn"]},
        },
    )


def test_knowledge_base_refuses_something_that_is_not_an_instance(stack: cdk.Stack) -> None:
    with pytest.raises(
        TypeError,
        match=(
            r"instance\ must\ be\ a\ ConnectInstanceLike,\ got\ str:\ 'arn:aws:connect:us\-east\-"
            r"1:123456789012:instance/x'"
        ),
    ):
        _kb(stack, instance="arn:aws:connect:us-east-1:123456789012:instance/x")


def test_knowledge_base_name_over_255_characters_is_refused(stack: cdk.Stack) -> None:
    with pytest.raises(ValueError, match="knowledge_base_name"):
        _kb(stack, knowledge_base_name="k" * 256)


def test_knowledge_base_name_must_start_as_the_service_allows(stack: cdk.Stack) -> None:
    with pytest.raises(ValueError, match="starting with a letter"):
        _kb(stack, knowledge_base_name="#templates")


def test_imports_by_arn_and_id(stack: cdk.Stack) -> None:
    arn = f"arn:aws:wisdom:us-east-1:123456789012:knowledge-base/{KB_ID}"
    by_arn = MessageTemplateKnowledgeBase.from_knowledge_base_arn(stack, "A", arn)
    by_id = MessageTemplateKnowledgeBase.from_knowledge_base_id(stack, "B", KB_ID)
    assert by_arn.knowledge_base_id == KB_ID
    assert stack.resolve(by_id.knowledge_base_arn) == arn


def test_import_by_a_bad_arn_is_refused(stack: cdk.Stack) -> None:
    with pytest.raises(ValueError, match="knowledge_base_arn must be a knowledge base ARN"):
        MessageTemplateKnowledgeBase.from_knowledge_base_arn(stack, "A", "arn:aws:s3:::bucket")
    with pytest.raises(ValueError, match="knowledge_base_id must be a lowercase UUID"):
        MessageTemplateKnowledgeBase.from_knowledge_base_id(stack, "B", "KB-1")


def test_grant_render_is_scoped_to_the_knowledge_base_and_its_templates(stack: cdk.Stack) -> None:
    kb = MessageTemplateKnowledgeBase.from_knowledge_base_id(stack, "Kb", KB_ID)
    role = iam.Role(stack, "Role", assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"))
    kb.grant_render(role)
    statement = Template.from_stack(stack).find_resources("AWS::IAM::Policy")
    policy = next(iter(statement.values()))["Properties"]["PolicyDocument"]["Statement"][0]
    assert policy["Action"] == "wisdom:RenderMessageTemplate"
    resources = json.dumps(policy["Resource"])
    assert f"knowledge-base/{KB_ID}" in resources
    assert f"message-template/{KB_ID}/*" in resources


def test_email_template_has_content_headers_and_a_version(stack: cdk.Stack) -> None:
    kb = _kb(stack)
    email = EmailMessageTemplate(
        stack,
        "Welcome",
        knowledge_base=kb,
        subject="Hi {{Attributes.Customer.FirstName}}",
        html="<p>{{Attributes.Customer.Attributes.Plan}}</p>",
        text="Hi",
        headers={"List-Unsubscribe": "<mailto:unsub@example.com>"},
        language="en_US",
        default_attributes={
            "Attributes.Customer.FirstName": "there",
            "Attributes.Customer.Attributes.Plan": "basic",
            "Attributes.System.CustomerEndpointAddress": "you",
        },
        message_template_name="welcome",
        description="The welcome email",
    )
    template = Template.from_stack(stack)
    template.has_resource_properties(
        "AWS::Wisdom::MessageTemplate",
        {
            "ChannelSubtype": "EMAIL",
            "Name": "welcome",
            "Language": "en_US",
            "Content": {
                "EmailMessageTemplateContent": {
                    "Subject": "Hi {{Attributes.Customer.FirstName}}",
                    "Body": {
                        "Html": {"Content": "<p>{{Attributes.Customer.Attributes.Plan}}</p>"},
                        "PlainText": {"Content": "Hi"},
                    },
                    "Headers": [
                        {"Name": "List-Unsubscribe", "Value": "<mailto:unsub@example.com>"}
                    ],
                }
            },
            "DefaultAttributes": {
                "CustomerProfileAttributes": {"FirstName": "there", "Custom": {"Plan": "basic"}},
                "SystemAttributes": {"CustomerEndpoint": {"Address": "you"}},
            },
        },
    )
    template.resource_count_is("AWS::Wisdom::MessageTemplateVersion", 1)
    assert email.channel_subtype is MessageTemplateChannel.EMAIL
    version = stack.resolve(email.version_arn)
    assert version["Fn::GetAtt"][1] == "MessageTemplateVersionArn"


def _version_ids(body: str) -> set[str]:
    stack = cdk.Stack(
        cdk.App(), "S", env=cdk.Environment(account="123456789012", region="us-east-1")
    )
    SmsMessageTemplate(stack, "Sms", knowledge_base=_kb(stack), body=body)
    return set(Template.from_stack(stack).find_resources("AWS::Wisdom::MessageTemplateVersion"))


def test_a_content_change_publishes_a_new_version() -> None:
    first = _version_ids("Hello")
    assert first == _version_ids("Hello")
    assert first != _version_ids("Hello again")


def test_sms_template_from_a_file(stack: cdk.Stack, tmp_path: Path) -> None:
    path = tmp_path / "offer.txt"
    path.write_text("{{Attributes.Customer.FirstName}}, 20% off", encoding="utf-8")
    SmsMessageTemplate(stack, "Sms", knowledge_base=_kb(stack), body_file=path)
    Template.from_stack(stack).has_resource_properties(
        "AWS::Wisdom::MessageTemplate",
        {
            "ChannelSubtype": "SMS",
            "Content": {
                "SmsMessageTemplateContent": {
                    "Body": {"PlainText": {"Content": "{{Attributes.Customer.FirstName}}, 20% off"}}
                }
            },
        },
    )


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("Hi {{#if a}}", r"SmsMessageTemplate 'offer' body line 1, column \d+: Parse error"),
        (
            "Hi {{Attributes.Customer.FirstNme}}",
            r"body line 1, column 5: 'Attributes.Customer.FirstNme' is not an attribute a "
            r"Connect message template can read \(did you mean 'Attributes.Customer.FirstName'\?\)",
        ),
        (
            "Hi {{User.UserAttributes.FirstName}}",
            "'User.UserAttributes.FirstName' is not an attribute",
        ),
        ("{{#with Attributes.Customer}}{{FirstName}}{{/with}}", "do not support the 'with' helper"),
        ("{{shout Attributes.Customer.FirstName}}", "unknown helper 'shout'"),
        ("{{> footer}}", "the partial 'footer' is not defined in the template"),
    ],
)
def test_bad_handlebars_is_refused_with_template_field_line_and_column(
    stack: cdk.Stack, body: str, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        SmsMessageTemplate(
            stack, "Sms", knowledge_base=_kb(stack), body=body, message_template_name="offer"
        )


def test_a_pinpoint_helper_connect_does_not_confirm_is_a_warning(stack: cdk.Stack) -> None:
    SmsMessageTemplate(
        stack, "Sms", knowledge_base=_kb(stack), body="{{upper Attributes.Customer.FirstName}}"
    )
    Annotations.from_stack(stack).has_warning(
        "/TestStack/Sms", Match.string_like_regexp("helper 'upper'")
    )


@pytest.mark.parametrize(
    ("props", "message"),
    [
        ({"message_template_name": "t" * 256}, "message_template_name"),
        ({"description": "d" * 256}, "description"),
        ({"headers": {f"X-H{i}": "v" for i in range(16)}}, "at most 15 entries, got 16"),
        ({"headers": {"X-Long": "v" * 871}}, r"headers\['X-Long'\]"),
        ({"headers": {"Bad:Name": "v"}}, "without spaces or ':'"),
        ({"language": "english"}, "language must be a language code"),
        (
            {"default_attributes": {"Attributes.Customer.Nope": "x"}},
            "not a single-value placeholder",
        ),
        ({"default_attributes": {"Attributes.Customer.FirstName": ""}}, "default_attributes"),
    ],
)
def test_email_limits_from_the_schema_and_model(
    stack: cdk.Stack, props: dict[str, Any], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        EmailMessageTemplate(
            stack, "Email", knowledge_base=_kb(stack), subject="Hi", text="x", **props
        )


def test_content_over_a_cloudformation_template_body_is_refused(stack: cdk.Stack) -> None:
    # 500,000 "é": 1,000,000 bytes in UTF-8, plus the quotes and the subject: over 1 MB.
    with pytest.raises(ValueError, match=r"at most 1,000,000 bytes as JSON .* got 1,000,006"):
        EmailMessageTemplate(
            stack, "Email", knowledge_base=_kb(stack), subject="Hi", text="é" * 500_000
        )


def test_content_that_fits_a_template_body_is_kept(stack: cdk.Stack) -> None:
    SmsMessageTemplate(stack, "Sms", knowledge_base=_kb(stack), body="x" * 999_000)


def test_an_email_needs_a_body(stack: cdk.Stack) -> None:
    with pytest.raises(ValueError, match="needs a body"):
        EmailMessageTemplate(stack, "Email", knowledge_base=_kb(stack), subject="Hi")


def test_from_pinpoint_converts_an_email_template_construct(stack: cdk.Stack) -> None:
    pinpoint = EmailTemplate(
        stack,
        "Pinpoint",
        template_name="welcome",
        subject="Welcome, {{User.UserAttributes.FirstName}}",
        html="<p>{{#if (eq Location.Country 'US')}}Howdy{{/if}} {{Attributes.Plan.[0]}}</p>",
        default_substitutions={"User.UserAttributes.FirstName": "there"},
    )
    email = EmailMessageTemplate.from_pinpoint(
        stack, "Welcome", knowledge_base=_kb(stack), template=pinpoint
    )
    assert email.subject == "Welcome, {{Attributes.Customer.Attributes.FirstName}}"
    assert email.html_part == (
        "<p>{{#if (eq Attributes.Customer.Country 'US')}}Howdy{{/if}} "
        "{{Attributes.Customer.Attributes.Plan}}</p>"
    )
    Template.from_stack(stack).has_resource_properties(
        "AWS::Wisdom::MessageTemplate",
        {
            "Name": "welcome",
            "DefaultAttributes": {"CustomerProfileAttributes": {"Custom": {"FirstName": "there"}}},
        },
    )
    warnings = Annotations.from_stack(stack).find_warning(
        "/TestStack/Welcome",
        Match.string_like_regexp(r"Attributes.Plan.\[0\] reads the first value"),
    )
    assert warnings and MESSAGE_TEMPLATE_CONVERSION_WARNING in json.dumps(warnings[0].entry.data)


def test_from_pinpoint_converts_get_sms_template_json(stack: cdk.Stack) -> None:
    response = {
        "SMSTemplateResponse": {
            "TemplateName": "offer",
            "TemplateType": "SMS",
            "Body": "{{User.UserAttributes.FirstName}}, 20% off in {{Location.City}}",
            "DefaultSubstitutions": json.dumps({"Location.City": "town"}),
        }
    }
    sms = SmsMessageTemplate.from_pinpoint(
        stack, "Offer", knowledge_base=_kb(stack), template=response
    )
    assert sms.body == (
        "{{Attributes.Customer.Attributes.FirstName}}, 20% off in {{Attributes.Customer.City}}"
    )
    Template.from_stack(stack).has_resource_properties(
        "AWS::Wisdom::MessageTemplate",
        {"Name": "offer", "DefaultAttributes": {"CustomerProfileAttributes": {"City": "town"}}},
    )


def test_from_pinpoint_refuses_the_wrong_kind_and_unconvertible_references(
    stack: cdk.Stack,
) -> None:
    kb = _kb(stack)
    sms = SmsTemplate(stack, "PinpointSms", body="{{Demographic}}")
    with pytest.raises(
        TypeError,
        match=r"template\ must\ be\ an\ EmailTemplate\ or\ a\ mapping,\ got\ SmsTemplate:\ ",
    ):
        EmailMessageTemplate.from_pinpoint(stack, "E", knowledge_base=kb, template=sms)
    with pytest.raises(ValueError, match="'Demographic' has no successor as a whole"):
        SmsMessageTemplate.from_pinpoint(stack, "S", knowledge_base=kb, template=sms)


def test_templates_pass_cfn_lint_and_cdk_nag(nag_stack: cdk.Stack, tmp_path: Path) -> None:
    kb = MessageTemplateKnowledgeBase(nag_stack, "Kb", instance=_Instance())
    EmailMessageTemplate(nag_stack, "Email", knowledge_base=kb, subject="Hi", text="Hello")
    SmsMessageTemplate(nag_stack, "Sms", knowledge_base=kb, body="Hello")
    template = synth_clean(nag_stack)
    assert lint_findings(template, tmp_path) == []


def test_grants_include_the_key_permissions_q_in_connect_requires(stack: cdk.Stack) -> None:
    kb = _kb(stack)
    role = iam.Role(stack, "Role", assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"))
    kb.grant_read(role)
    policies = Template.from_stack(stack).find_resources("AWS::IAM::Policy")
    statements = next(iter(policies.values()))["Properties"]["PolicyDocument"]["Statement"]
    key_statement = next(s for s in statements if "kms:Decrypt" in s["Action"])
    assert sorted(key_statement["Action"]) == [
        "kms:CreateGrant",
        "kms:Decrypt",
        "kms:DescribeKey",
        "kms:GenerateDataKey",
        "kms:GenerateDataKeyPair",
        "kms:GenerateDataKeyPairWithoutPlaintext",
        "kms:GenerateDataKeyWithoutPlaintext",
    ]
    assert key_statement["Resource"]["Fn::GetAtt"][0].startswith("KbKey")


def test_an_association_lets_connect_use_the_key(stack: cdk.Stack) -> None:
    _kb(stack, instance=_Instance())
    key = next(iter(Template.from_stack(stack).find_resources("AWS::KMS::Key").values()))
    statements = key["Properties"]["KeyPolicy"]["Statement"]
    connect = next(s for s in statements if s.get("Sid") == "AllowAmazonConnect")
    assert connect["Principal"] == {"Service": "connect.amazonaws.com"}
    assert connect["Condition"] == {"StringEquals": {"aws:SourceAccount": "123456789012"}}


def test_import_a_template_by_arn_and_version(stack: cdk.Stack) -> None:
    tid = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"
    arn = f"arn:aws:wisdom:us-east-1:123456789012:message-template/{KB_ID}/{tid}"
    sms = SmsMessageTemplate.from_message_template_arn(stack, "Sms", arn, version_number=3)
    assert sms.version_arn == f"{arn}:3"
    assert sms.message_template_id == tid
    assert sms.channel_subtype is MessageTemplateChannel.SMS
    assert sms.knowledge_base.knowledge_base_id == KB_ID


def test_import_a_template_by_a_bad_arn_or_version_is_refused(stack: cdk.Stack) -> None:
    arn = f"arn:aws:wisdom:us-east-1:123456789012:message-template/{KB_ID}/{KB_ID}"
    with pytest.raises(ValueError, match="message_template_arn must be an unqualified"):
        SmsMessageTemplate.from_message_template_arn(stack, "A", f"{arn}:$LATEST", version_number=1)
    with pytest.raises(ValueError, match="version_number must be at least 1, got 0"):
        SmsMessageTemplate.from_message_template_arn(stack, "B", arn, version_number=0)
