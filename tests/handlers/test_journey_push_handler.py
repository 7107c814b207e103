"""The journey push custom action (handlers/journey_push): Stubber against the real
qconnect, customer-profiles and pinpoint models; one profile's failure never fails another;
a send that may have reached the service is reported, not resent."""

from __future__ import annotations

import json
from typing import Any

import boto3
import pytest
from botocore.config import Config as BotoConfig
from botocore.exceptions import EndpointConnectionError
from botocore.stub import Stubber
from journey_push.logic import Config, ConfigurationError, handle, parse_event

CONFIG = Config(
    knowledge_base_id="kb-1",
    message_template_id="tpl-1:3",
    domain_name="engagement",
    device_object_type="Device",
    application_id="app-1",
)
SEND = BotoConfig(retries={"mode": "standard", "total_max_attempts": 1})


def _event(*profiles: tuple[str, dict[str, Any]]) -> dict[str, Any]:
    return {
        "InvocationMetadata": {"CampaignContext": {"CampaignId": "c1", "ActionId": "Push"}},
        "Items": {
            "CustomerProfiles": [
                {"ProfileId": pid, "CustomerData": json.dumps(data), "IdempotencyToken": "t"}
                for pid, data in profiles
            ]
        },
    }


def _template_answer() -> dict[str, Any]:
    return {
        "messageTemplate": {
            "messageTemplateArn": (
                "arn:aws:wisdom:us-east-1:123456789012:message-template/kb-1/tpl-1"
            ),
            "messageTemplateId": "tpl-1",
            "knowledgeBaseArn": "arn:aws:wisdom:us-east-1:123456789012:knowledge-base/kb-1",
            "knowledgeBaseId": "kb-1",
            "name": "app-news",
            "channel": "Push",
            "channelSubtype": "PUSH",
            "createdTime": "2026-12-01T00:00:00Z",
            "lastModifiedTime": "2026-12-01T00:00:00Z",
            "lastModifiedBy": "me",
            "content": {
                "push": {
                    "apns": {"title": "Hi {{firstName}}", "body": {"content": "News for you"}},
                    "fcm": {"title": "Hi {{firstName}}", "body": {"content": "News for you"}},
                }
            },
            "defaultAttributes": {},
            "messageTemplateContentSha256": "a" * 64,
        }
    }


def _device(channel: str, token: str) -> dict[str, str]:
    return {
        "ObjectTypeName": "Device",
        "ProfileObjectUniqueKey": token,
        "Object": json.dumps({"channelType": channel, "deviceToken": token}),
    }


def _clients(send_config: BotoConfig = SEND) -> tuple[Any, Any, Any]:
    return (
        boto3.client("qconnect", region_name="us-east-1"),
        boto3.client("customer-profiles", region_name="us-east-1"),
        boto3.client("pinpoint", region_name="us-east-1", config=send_config),
    )


def test_renders_and_sends_per_profile_and_isolates_failures() -> None:
    qconnect, profiles, pinpoint = _clients()
    with Stubber(qconnect) as q, Stubber(profiles) as p, Stubber(pinpoint) as s:
        q.add_response(
            "get_message_template",
            _template_answer(),
            {"knowledgeBaseId": "kb-1", "messageTemplateId": "tpl-1:3"},
        )
        # Ada: one iOS device, sent.
        p.add_response(
            "list_profile_objects",
            {"Items": [_device("APNS", "tok-ada")]},
            {"DomainName": "engagement", "ObjectTypeName": "Device", "ProfileId": "ada"},
        )
        s.add_response(
            "send_messages",
            {
                "MessageResponse": {
                    "ApplicationId": "app-1",
                    "Result": {"tok-ada": {"DeliveryStatus": "SUCCESSFUL", "StatusCode": 200}},
                }
            },
            {
                "ApplicationId": "app-1",
                "MessageRequest": {
                    "Addresses": {"tok-ada": {"ChannelType": "APNS"}},
                    "MessageConfiguration": {
                        "APNSMessage": {"Title": "Hi Ada", "Body": "News for you"}
                    },
                },
            },
        )
        # Bob: no devices.
        p.add_response(
            "list_profile_objects",
            {"Items": []},
            {"DomainName": "engagement", "ObjectTypeName": "Device", "ProfileId": "bob"},
        )
        # Cy: the send is refused; Dee still gets hers.
        p.add_response(
            "list_profile_objects",
            {"Items": [_device("GCM", "tok-cy")]},
            {"DomainName": "engagement", "ObjectTypeName": "Device", "ProfileId": "cy"},
        )
        s.add_client_error("send_messages", "BadRequestException", "bad token")
        p.add_response(
            "list_profile_objects",
            {"Items": [_device("GCM", "tok-dee")]},
            {"DomainName": "engagement", "ObjectTypeName": "Device", "ProfileId": "dee"},
        )
        s.add_response(
            "send_messages",
            {
                "MessageResponse": {
                    "ApplicationId": "app-1",
                    "Result": {"tok-dee": {"DeliveryStatus": "SUCCESSFUL", "StatusCode": 200}},
                }
            },
        )
        answer = handle(
            _event(
                ("ada", {"firstName": "Ada"}),
                ("bob", {"firstName": "Bob"}),
                ("cy", {"firstName": "Cy"}),
                ("dee", {"firstName": "Dee"}),
            ),
            qconnect=qconnect,
            profiles=profiles,
            pinpoint=pinpoint,
            config=CONFIG,
        )
    results = {e["Id"]: e["ResultData"] for e in answer["Items"]["CustomerProfiles"]}
    assert results["ada"] == {"status": "sent", "devices": 1, "delivered": 1}
    assert results["bob"] == {"status": "skipped", "reason": "no_devices"}
    assert results["cy"] == {"status": "failed", "reason": "BadRequestException"}
    assert results["dee"]["status"] == "sent"


def test_a_send_that_may_have_reached_the_service_is_not_resent() -> None:
    qconnect, profiles, pinpoint = _clients()
    calls: list[str] = []

    def fail(**kwargs: Any) -> None:
        calls.append("send")
        raise EndpointConnectionError(endpoint_url="https://pinpoint.us-east-1.amazonaws.com")

    with Stubber(qconnect) as q, Stubber(profiles) as p:
        q.add_response("get_message_template", _template_answer())
        p.add_response("list_profile_objects", {"Items": [_device("APNS", "tok")]})
        pinpoint.send_messages = fail  # type: ignore[method-assign]
        answer = handle(
            _event(("ada", {"firstName": "Ada"})),
            qconnect=qconnect,
            profiles=profiles,
            pinpoint=pinpoint,
            config=CONFIG,
        )
    assert calls == ["send"]
    assert answer["Items"]["CustomerProfiles"][0]["ResultData"]["status"] == "unknown"


def test_send_client_must_make_one_attempt() -> None:
    qconnect, profiles, pinpoint = _clients(BotoConfig(retries={"max_attempts": 1}))
    with pytest.raises(ConfigurationError, match="one attempt per call"):
        handle(_event(), qconnect=qconnect, profiles=profiles, pinpoint=pinpoint, config=CONFIG)


def test_template_must_be_push() -> None:
    qconnect, profiles, pinpoint = _clients()
    answer = _template_answer()
    answer["messageTemplate"]["channelSubtype"] = "EMAIL"
    with Stubber(qconnect) as q:
        q.add_response("get_message_template", answer)
        with pytest.raises(ConfigurationError, match="is not a PUSH template"):
            handle(_event(), qconnect=qconnect, profiles=profiles, pinpoint=pinpoint, config=CONFIG)


def test_template_error_message_is_the_services() -> None:
    qconnect, profiles, pinpoint = _clients()
    with Stubber(qconnect) as q:
        q.add_client_error("get_message_template", "ResourceNotFoundException", "no such template")
        with pytest.raises(ConfigurationError, match="tpl-1:3: no such template"):
            handle(_event(), qconnect=qconnect, profiles=profiles, pinpoint=pinpoint, config=CONFIG)


def test_malformed_entries_are_left_out() -> None:
    event = {
        "Items": {
            "CustomerProfiles": [
                {"ProfileId": "a", "CustomerData": "not json"},
                {"CustomerData": "{}"},
                "junk",
                {"ProfileId": "b", "CustomerData": {"firstName": "B"}},
            ]
        }
    }
    assert parse_event(event) == [
        {"profile_id": "a", "data": {}},
        {"profile_id": "b", "data": {"firstName": "B"}},
    ]
    assert parse_event(None) == []
