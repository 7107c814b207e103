"""The template renderer without Pinpoint: templates from SES, Q in Connect or files in the
asset (botocore Stubber, real models), recipients from an Amazon Connect outbound campaign's
custom action, and SES list management on every email."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import boto3
import pytest
from botocore.stub import Stubber
from template_renderer.connect import parse_connect_invocation
from template_renderer.index import send_client_config
from template_renderer.logic import (
    ConfigurationError,
    RendererConfig,
    TemplateError,
    TemplateRenderer,
    handle,
    load_template,
)
from template_renderer.sources import (
    FileSource,
    QConnectSource,
    SesSource,
    SourceError,
    qconnect_defaults,
    source_from_env,
)

FROM = "Example <news@example.com>"
KB = "12345678-1234-1234-1234-123456789012"
TEMPLATE_ID = "abcdefab-1234-1234-1234-123456789012"


@pytest.fixture
def sesv2():
    # As the function makes its send clients: one attempt per call.
    client = boto3.client("sesv2", region_name="us-east-1", config=send_client_config())
    with Stubber(client) as stubber:
        yield client, stubber
        stubber.assert_no_pending_responses()


@pytest.fixture
def qconnect():
    client = boto3.client("qconnect", region_name="us-east-1")
    with Stubber(client) as stubber:
        yield client, stubber
        stubber.assert_no_pending_responses()


# ---- SES ---------------------------------------------------------------------------------


def test_ses_template_is_fetched_with_get_email_template(sesv2):
    client, stubber = sesv2
    stubber.add_response(
        "get_email_template",
        {
            "TemplateName": "welcome",
            "TemplateContent": {"Subject": "Hi {{name}}", "Html": "<p>{{name}}</p>"},
        },
        {"TemplateName": "welcome"},
    )
    template = load_template(SesSource(client), "EMAIL", "welcome", None)
    assert template.parts["subject"].render({"name": "Ann"}) == "Hi Ann"
    assert set(template.parts) == {"subject", "html"}
    assert template.defaults == {}


def test_ses_template_not_found(sesv2):
    client, stubber = sesv2
    stubber.add_client_error(
        "get_email_template", "NotFoundException", "Template welcome does not exist", 404
    )
    with pytest.raises(TemplateError) as raised:
        load_template(SesSource(client), "EMAIL", "welcome", None)
    assert raised.value.reason == "template_not_found"
    assert "Template welcome does not exist" in str(raised.value)


def test_ses_source_refuses_sms_and_versions(sesv2):
    client, _ = sesv2
    with pytest.raises(SourceError, match="SES templates are email templates"):
        SesSource(client).fetch("SMS", "offer", None, 1)
    with pytest.raises(SourceError, match="SES templates have no versions"):
        SesSource(client).fetch("EMAIL", "welcome", "2", 1)


# ---- Q in Connect ------------------------------------------------------------------------


def _message_template(content: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {
        "messageTemplate": {
            "messageTemplateArn": (
                f"arn:aws:wisdom:us-east-1:123456789012:message-template/{KB}/{TEMPLATE_ID}"
            ),
            "messageTemplateId": TEMPLATE_ID,
            "knowledgeBaseArn": f"arn:aws:wisdom:us-east-1:123456789012:knowledge-base/{KB}",
            "knowledgeBaseId": KB,
            "name": "welcome",
            "channelSubtype": "EMAIL",
            "createdTime": "2026-11-01T00:00:00Z",
            "lastModifiedTime": "2026-11-01T00:00:00Z",
            "lastModifiedBy": "arn:aws:iam::123456789012:role/editor",
            "content": content,
            "messageTemplateContentSha256": "0" * 64,
            **extra,
        }
    }


def test_qconnect_email_template_with_default_attributes(qconnect):
    client, stubber = qconnect
    stubber.add_response(
        "get_message_template",
        _message_template(
            {
                "email": {
                    "subject": "Hi {{Attributes.Customer.FirstName}}",
                    "body": {"html": {"content": "<p>{{Attributes.Custom.offer}}</p>"}},
                    "headers": [{"name": "X-Campaign", "value": "welcome"}],
                }
            },
            defaultAttributes={
                "customerProfileAttributes": {"firstName": "there"},
                "customAttributes": {"offer": "10% off"},
            },
            versionNumber=3,
        ),
        {"knowledgeBaseId": KB, "messageTemplateId": f"{TEMPLATE_ID}:3"},
    )
    template = load_template(QConnectSource(client, KB), "EMAIL", TEMPLATE_ID, "3")
    assert template.version == "3"
    assert template.defaults == {
        "Attributes.Customer.FirstName": "there",
        "Attributes.Custom.offer": "10% off",
    }
    assert [name for name, _ in template.headers] == ["X-Campaign"]


def test_qconnect_sms_template_and_wrong_channel(qconnect):
    client, stubber = qconnect
    sms = _message_template(
        {"sms": {"body": {"plainText": {"content": "Hi {{Attributes.Customer.FirstName}}"}}}}
    )
    stubber.add_response(
        "get_message_template", sms, {"knowledgeBaseId": KB, "messageTemplateId": TEMPLATE_ID}
    )
    template = load_template(QConnectSource(client, KB), "SMS", TEMPLATE_ID, None)
    assert (
        template.parts["body"].render({"Attributes": {"Customer": {"FirstName": "Bo"}}}) == "Hi Bo"
    )
    stubber.add_response(
        "get_message_template", sms, {"knowledgeBaseId": KB, "messageTemplateId": TEMPLATE_ID}
    )
    with pytest.raises(TemplateError, match="is not an email template"):
        load_template(QConnectSource(client, KB), "EMAIL", TEMPLATE_ID, None)


def test_qconnect_defaults_mapping():
    assert qconnect_defaults(
        {
            "agentAttributes": {"firstName": "Sam"},
            "systemAttributes": {"name": "Example"},
        }
    ) == {"Attributes.Agent.FirstName": "Sam", "Attributes.System.Name": "Example"}
    assert qconnect_defaults(None) == {}


# ---- files -------------------------------------------------------------------------------


def test_file_templates(tmp_path: Path):
    (tmp_path / "email").mkdir()
    (tmp_path / "email" / "welcome.json").write_text(
        json.dumps({"subject": "Hi {{name}}", "text": "Hello", "defaults": {"name": "there"}})
    )
    template = load_template(FileSource(tmp_path), "EMAIL", "welcome", None)
    assert template.parts["subject"].render({}) == "Hi "
    assert template.defaults == {"name": "there"}
    with pytest.raises(TemplateError) as raised:
        load_template(FileSource(tmp_path), "EMAIL", "missing", None)
    assert raised.value.reason == "template_not_found"
    with pytest.raises(TemplateError, match="letters, digits, _ and -"):
        load_template(FileSource(tmp_path), "EMAIL", "../secrets", None)
    (tmp_path / "email" / "broken.json").write_text("[1]")
    with pytest.raises(TemplateError, match="is not a JSON object"):
        load_template(FileSource(tmp_path), "EMAIL", "broken", None)


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({"TEMPLATE_SOURCE": "qconnect"}, "QCONNECT_KNOWLEDGE_BASE_ID is required"),
        ({"TEMPLATE_SOURCE": "files"}, "TEMPLATE_FILES_DIR is required"),
        ({"TEMPLATE_SOURCE": "s3"}, "TEMPLATE_SOURCE must be one of"),
    ],
)
def test_source_configuration_errors(environ: dict[str, str], message: str):
    with pytest.raises(ValueError, match=message):
        source_from_env(environ, {})


# ---- Connect custom action + list management ------------------------------------------------


def _connect_event(*profiles: dict[str, Any]) -> dict[str, Any]:
    return {
        "InvocationMetadata": {
            "CampaignContext": {
                "CampaignId": "campaign-12345",
                "CampaignName": "Welcome Campaign",
                "RunId": "run-67890",
                "ActionId": "activity-abc123",
            }
        },
        "Items": {
            "CustomerProfiles": [
                {"ProfileId": f"p-{i}", "CustomerData": json.dumps(p), "IdempotencyToken": f"t-{i}"}
                for i, p in enumerate(profiles)
            ]
        },
    }


def test_connect_profiles_become_recipients():
    invocation = parse_connect_invocation(
        _connect_event({"FirstName": "Ann", "PersonalEmailAddress": "ann@example.com"}), "EMAIL"
    )
    assert invocation.campaign_id == "campaign-12345"
    assert invocation.activity_id == "activity-abc123"
    recipient = invocation.endpoints["p-0"]
    assert recipient["Address"] == "ann@example.com"
    assert recipient["Attributes"]["Customer"]["FirstName"] == "Ann"


def test_connect_invocation_is_rendered_and_sent_with_list_management(tmp_path: Path, sesv2):
    (tmp_path / "email").mkdir()
    (tmp_path / "email" / "welcome.json").write_text(
        json.dumps(
            {
                "subject": "Hi {{Attributes.Customer.FirstName}}",
                "text": "Welcome",
                "defaults": {"Attributes.Customer.FirstName": "there"},
            }
        )
    )
    client, stubber = sesv2
    stubber.add_response(
        "send_email",
        {"MessageId": "m-1"},
        {
            "FromEmailAddress": FROM,
            "Destination": {"ToAddresses": ["ann@example.com"]},
            "Content": {
                "Simple": {
                    "Subject": {"Data": "Hi there", "Charset": "UTF-8"},
                    "Body": {"Text": {"Data": "Welcome", "Charset": "UTF-8"}},
                }
            },
            "EmailTags": [
                {"Name": "pinpoint_template", "Value": "welcome"},
                {"Name": "pinpoint_campaign_id", "Value": "campaign-12345"},
            ],
            "ListManagementOptions": {"ContactListName": "contacts", "TopicName": "news"},
        },
    )
    renderer = TemplateRenderer(
        RendererConfig(
            templates={"EMAIL": frozenset({"welcome"})},
            from_address=FROM,
            contact_list_name="contacts",
            contact_list_topic="news",
            connect_template="welcome",
            connect_channel="EMAIL",
            max_concurrency=1,
        ),
        pinpoint=None,
        ses=client,
        template_source=FileSource(tmp_path),
    )
    try:
        summary = handle(
            _connect_event({"EmailAddress": "ann@example.com"}, {"FirstName": "Bo"}),
            None,
            renderer,
            log=lambda _r: None,
        )
    finally:
        renderer.close()
    assert summary["delivered"] == ["p-0"]
    assert summary["failed"]["p-1"]["reason"] == "invalid_address"


def test_connect_invocation_without_connect_configuration_is_invalid(tmp_path: Path):
    renderer = TemplateRenderer(
        RendererConfig(
            templates={"SMS": frozenset({"x"})},
            sms_origination_identity="p-1",
        ),
        pinpoint=None,
        sms=boto3.client(
            "pinpoint-sms-voice-v2", region_name="us-east-1", config=send_client_config()
        ),
        template_source=FileSource(tmp_path),
    )
    try:
        summary = handle(_connect_event({}), None, renderer, log=lambda _r: None)
    finally:
        renderer.close()
    assert summary["status"] == "invalid_invocation"
    assert "CONNECT_TEMPLATE and CONNECT_CHANNEL" in json.dumps(summary)


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"contact_list_topic": "news"}, "CONTACT_LIST_TOPIC needs CONTACT_LIST_NAME"),
        ({"connect_template": "welcome"}, "CONNECT_TEMPLATE and CONNECT_CHANNEL go together"),
        (
            {"connect_template": "w", "connect_channel": "PUSH"},
            "CONNECT_CHANNEL must be one of",
        ),
    ],
)
def test_configuration_errors(settings: dict[str, Any], message: str):
    with pytest.raises(ConfigurationError, match=message):
        RendererConfig(templates={"EMAIL": frozenset({"w"})}, from_address=FROM, **settings)


def test_bad_connect_invocations_are_refused():
    from common.custom_channel import InvalidInvocation

    with pytest.raises(InvalidInvocation, match="CampaignId must be a string"):
        parse_connect_invocation({"InvocationMetadata": {"CampaignContext": {}}}, "EMAIL")
    event = _connect_event({})
    event["Items"] = {}
    with pytest.raises(InvalidInvocation, match=r"Items\.CustomerProfiles must be a list"):
        parse_connect_invocation(event, "EMAIL")
