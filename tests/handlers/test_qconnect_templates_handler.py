"""The Q in Connect push/WhatsApp template custom resource against botocore's Stubber, which
checks every request against the real qconnect model."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import boto3
import pytest
from botocore.stub import Stubber
from common.aws import ServiceError
from qconnect_templates import logic

KB = "11111111-2222-3333-4444-555555555555"
TID = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"
KB2 = "99999999-2222-3333-4444-555555555555"
TID2 = "ffffffff-bbbb-cccc-dddd-eeeeeeeeeeee"
ARN = f"arn:aws:wisdom:us-east-1:123456789012:message-template/{KB}/{TID}"
CONTENT = {"push": {"fcm": {"title": "Hi {{Attributes.Customer.FirstName}}", "action": "OPEN_APP"}}}
PROPS: dict[str, Any] = {
    "ServiceToken": "arn:aws:lambda:us-east-1:123456789012:function:p",
    "KnowledgeBaseId": KB,
    "Name": "offer-push",
    "ChannelSubtype": "PUSH",
    "Content": json.dumps(CONTENT),
    "DefaultAttributes": json.dumps({"customerProfileAttributes": {"firstName": "there"}}),
    "Tags": {"team": "growth"},
}


def _template(kb: str = KB, tid: str = TID, sha: str = "abc", **extra: Any) -> dict[str, Any]:
    now = datetime(2026, 12, 1, tzinfo=UTC)
    return {
        "messageTemplateArn": f"arn:aws:wisdom:us-east-1:123456789012:message-template/{kb}/{tid}",
        "messageTemplateId": tid,
        "knowledgeBaseArn": f"arn:aws:wisdom:us-east-1:123456789012:knowledge-base/{kb}",
        "knowledgeBaseId": kb,
        "name": "offer-push",
        "channelSubtype": "PUSH",
        "createdTime": now,
        "lastModifiedTime": now,
        "lastModifiedBy": "arn:aws:iam::123456789012:role/p",
        "messageTemplateContentSha256": sha,
        **extra,
    }


def _event(request_type: str, props: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {
        "RequestType": request_type,
        "ResourceType": logic.RESOURCE_TYPE,
        "ResourceProperties": props,
        "StackId": "arn:aws:cloudformation:us-east-1:123456789012:stack/s/1",
        "LogicalResourceId": "OfferPush",
        "RequestId": "req-1",
        **extra,
    }


@pytest.fixture
def stubbed() -> tuple[Stubber, logic.QConnect]:
    client = boto3.client("qconnect", region_name="us-east-1")
    stubber = Stubber(client)
    stubber.activate()
    yield stubber, logic.QConnect(client, sleep=lambda _s: pytest.fail("slept"))
    stubber.assert_no_pending_responses()


def _expect_publish(
    stubber: Stubber, *, active_sha: str | None, kb: str = KB, tid: str = TID
) -> None:
    if active_sha is None:
        stubber.add_client_error(
            "get_message_template",
            "ResourceNotFoundException",
            http_status_code=404,
            expected_params={"knowledgeBaseId": kb, "messageTemplateId": f"{tid}:$ACTIVE_VERSION"},
        )
    else:
        stubber.add_response(
            "get_message_template",
            {"messageTemplate": _template(kb, tid, active_sha, versionNumber=3)},
            {"knowledgeBaseId": kb, "messageTemplateId": f"{tid}:$ACTIVE_VERSION"},
        )
    if active_sha != "abc":
        stubber.add_response(
            "create_message_template_version",
            {"messageTemplate": _template(kb, tid, "abc", versionNumber=4)},
            {
                "knowledgeBaseId": kb,
                "messageTemplateId": tid,
                "messageTemplateContentSha256": "abc",
            },
        )
        stubber.add_response(
            "activate_message_template",
            {
                "messageTemplateArn": f"{_template(kb, tid)['messageTemplateArn']}:4",
                "messageTemplateId": tid,
                "versionNumber": 4,
            },
            {"knowledgeBaseId": kb, "messageTemplateId": tid, "versionNumber": 4},
        )


def test_create_makes_publishes_and_activates_a_version(stubbed: Any) -> None:
    stubber, qconnect = stubbed
    stubber.add_response(
        "create_message_template",
        {"messageTemplate": _template()},
        {
            "knowledgeBaseId": KB,
            "name": "offer-push",
            "channelSubtype": "PUSH",
            "clientToken": logic.client_token(_event("Create", PROPS)),
            "content": CONTENT,
            "defaultAttributes": {"customerProfileAttributes": {"firstName": "there"}},
            "tags": {"team": "growth"},
        },
    )
    _expect_publish(stubber, active_sha=None)
    result = logic.on_event(_event("Create", PROPS), qconnect)
    assert result == {
        "PhysicalResourceId": ARN,
        "Data": {
            "MessageTemplateArn": ARN,
            "MessageTemplateId": TID,
            "VersionNumber": "4",
            "VersionArn": f"{ARN}:4",
        },
    }


def test_a_retried_create_reuses_the_template_and_its_active_version(stubbed: Any) -> None:
    stubber, qconnect = stubbed
    # Same client token: the service returns the template of the first attempt.
    stubber.add_response("create_message_template", {"messageTemplate": _template()})
    _expect_publish(stubber, active_sha="abc")
    result = logic.on_event(_event("Create", PROPS), qconnect)
    assert result["Data"]["VersionArn"] == f"{ARN}:3"


def test_the_client_token_is_the_same_for_one_request_only() -> None:
    first = logic.client_token(_event("Create", PROPS))
    assert first == logic.client_token(_event("Create", PROPS))
    assert first != logic.client_token(_event("Create", PROPS, RequestId="req-2"))


def test_a_failed_publication_deletes_the_new_template_and_says_why(stubbed: Any) -> None:
    stubber, qconnect = stubbed
    stubber.add_response("create_message_template", {"messageTemplate": _template()})
    stubber.add_client_error(
        "get_message_template", "ResourceNotFoundException", http_status_code=404
    )
    stubber.add_client_error(
        "create_message_template_version",
        "ServiceQuotaExceededException",
        service_message="Too many versions",
        http_status_code=402,
    )
    stubber.add_response(
        "delete_message_template", {}, {"knowledgeBaseId": KB, "messageTemplateId": TID}
    )
    with pytest.raises(ServiceError, match=r"CreateMessageTemplateVersion .* Too many versions"):
        logic.on_event(_event("Create", PROPS), qconnect)


def test_a_refused_create_carries_the_service_message(stubbed: Any) -> None:
    stubber, qconnect = stubbed
    stubber.add_client_error(
        "create_message_template",
        "ValidationException",
        service_message="Invalid push content",
        http_status_code=400,
    )
    with pytest.raises(ServiceError, match=r"CreateMessageTemplate .*Invalid push content"):
        logic.on_event(_event("Create", PROPS), qconnect)


def test_update_of_content_updates_and_publishes_a_new_version(stubbed: Any) -> None:
    stubber, qconnect = stubbed
    new_content = {"push": {"fcm": {"title": "Hello", "action": "OPEN_APP"}}}
    props = {**PROPS, "Content": json.dumps(new_content), "Tags": {"team": "growth", "env": "prod"}}
    stubber.add_response(
        "update_message_template",
        {"messageTemplate": _template()},
        {
            "knowledgeBaseId": KB,
            "messageTemplateId": TID,
            "content": new_content,
            "defaultAttributes": {"customerProfileAttributes": {"firstName": "there"}},
        },
    )
    stubber.add_response("tag_resource", {}, {"resourceArn": ARN, "tags": {"env": "prod"}})
    _expect_publish(stubber, active_sha="old")
    event = _event("Update", props, PhysicalResourceId=ARN, OldResourceProperties=PROPS)
    assert logic.on_event(event, qconnect)["Data"]["VersionNumber"] == "4"


def test_update_of_name_only_renames_and_publishes_nothing_new(stubbed: Any) -> None:
    stubber, qconnect = stubbed
    props = {**PROPS, "Name": "weekend-push", "Tags": {}}
    stubber.add_response(
        "update_message_template_metadata",
        {"messageTemplate": _template()},
        {"knowledgeBaseId": KB, "messageTemplateId": TID, "name": "weekend-push"},
    )
    stubber.add_response("untag_resource", {}, {"resourceArn": ARN, "tagKeys": ["team"]})
    _expect_publish(stubber, active_sha="abc")
    event = _event("Update", props, PhysicalResourceId=ARN, OldResourceProperties=PROPS)
    assert logic.on_event(event, qconnect)["Data"]["VersionArn"] == f"{ARN}:3"


def test_a_new_knowledge_base_replaces_the_template(stubbed: Any) -> None:
    stubber, qconnect = stubbed
    props = {**PROPS, "KnowledgeBaseId": KB2}
    stubber.add_response("create_message_template", {"messageTemplate": _template(KB2, TID2)})
    _expect_publish(stubber, active_sha=None, kb=KB2, tid=TID2)
    event = _event("Update", props, PhysicalResourceId=ARN, OldResourceProperties=PROPS)
    result = logic.on_event(event, qconnect)
    assert result["PhysicalResourceId"].endswith(f"/{KB2}/{TID2}")


def test_delete_and_delete_of_a_template_already_gone(stubbed: Any) -> None:
    stubber, qconnect = stubbed
    params = {"knowledgeBaseId": KB, "messageTemplateId": TID}
    stubber.add_response("delete_message_template", {}, params)
    stubber.add_client_error(
        "delete_message_template", "ResourceNotFoundException", http_status_code=404
    )
    event = _event("Delete", PROPS, PhysicalResourceId=ARN)
    assert logic.on_event(event, qconnect) == {"PhysicalResourceId": ARN}
    assert logic.on_event(event, qconnect) == {"PhysicalResourceId": ARN}


def test_delete_after_a_failed_create_calls_nothing(stubbed: Any) -> None:
    _, qconnect = stubbed
    event = _event("Delete", PROPS, PhysicalResourceId="req-1-failed")
    assert logic.on_event(event, qconnect) == {"PhysicalResourceId": "req-1-failed"}


def test_bad_properties_name_the_property(stubbed: Any) -> None:
    _, qconnect = stubbed
    with pytest.raises(ValueError, match="Content must be JSON"):
        logic.on_event(_event("Create", {**PROPS, "Content": "{"}), qconnect)
    with pytest.raises(ValueError, match="Name is required"):
        logic.on_event(_event("Create", {**PROPS, "Name": ""}), qconnect)
