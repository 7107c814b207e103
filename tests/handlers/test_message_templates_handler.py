"""The message-template custom resources (voice templates, recommender configurations, a
template's recommender) against botocore's Stubber, which checks every request against the real
Pinpoint model."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import Any

import boto3
import pytest
from botocore.stub import Stubber
from common.aws import ServiceError
from message_templates import logic

TOKEN = "arn:aws:lambda:eu-west-1:123456789012:function:provider"
VOICE = "Custom::PinpointVoiceTemplate"
RECOMMENDER = "Custom::PinpointRecommenderConfiguration"
TEMPLATE_RECOMMENDER = "Custom::PinpointTemplateRecommender"

VOICE_PROPS: dict[str, Any] = {
    "ServiceToken": TOKEN,
    "TemplateName": "reminder-call",
    "Body": "Hello {{User.UserAttributes.FirstName}}, your appointment is tomorrow.",
    "LanguageCode": "en-US",
    "VoiceId": "Joanna",
    "TemplateDescription": "Appointment reminder",
    "DefaultSubstitutions": '{"User.UserAttributes.FirstName": "there"}',
    "Tags": {"team": "care"},
}
VOICE_REQUEST = {
    "Body": VOICE_PROPS["Body"],
    "LanguageCode": "en-US",
    "VoiceId": "Joanna",
    "TemplateDescription": "Appointment reminder",
    "DefaultSubstitutions": '{"User.UserAttributes.FirstName": "there"}',
}
VOICE_ARN = "arn:aws:mobiletargeting:eu-west-1:123456789012:templates/reminder-call/VOICE"
CAMPAIGN_ARN = "arn:aws:personalize:eu-west-1:123456789012:campaign/products"
ROLE_ARN = "arn:aws:iam::123456789012:role/PinpointRecommender"
RECOMMENDER_ID = "0123456789abcdef0123456789abcdef"


def _client() -> Any:
    return boto3.client("pinpoint", region_name="eu-west-1")


def _no_sleep(_seconds: float) -> None:
    pytest.fail("slept without being throttled")


def _event(
    request_type: str,
    resource_type: str,
    props: dict[str, Any],
    *,
    physical_id: str | None = None,
    old: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A CloudFormation custom-resource event as the Provider framework passes it on."""
    event: dict[str, Any] = {
        "RequestType": request_type,
        "ResourceType": resource_type,
        "ResourceProperties": props,
    }
    if physical_id is not None:
        event["PhysicalResourceId"] = physical_id
    if old is not None:
        event["OldResourceProperties"] = old
    return event


def _run(event: dict[str, Any], client: Any) -> dict[str, Any]:
    return logic.on_event(event, client, sleep=_no_sleep)


def _error(stub: Stubber, method: str, code: str, message: str, status: int) -> None:
    stub.add_client_error(
        method, service_error_code=code, service_message=message, http_status_code=status
    )


# --- voice templates -----------------------------------------------------------------------


def test_voice_create_sends_the_template_with_its_tags() -> None:
    client = _client()
    with Stubber(client) as stub:
        stub.add_response(
            "create_voice_template",
            {"CreateTemplateMessageBody": {"Arn": VOICE_ARN, "Message": "Created"}},
            {
                "TemplateName": "reminder-call",
                "VoiceTemplateRequest": {**VOICE_REQUEST, "tags": {"team": "care"}},
            },
        )
        result = _run(
            _event("Create", VOICE, VOICE_PROPS),
            client,
        )
        stub.assert_no_pending_responses()
    assert result == {
        "PhysicalResourceId": "reminder-call",
        "Data": {"TemplateName": "reminder-call", "Arn": VOICE_ARN},
    }


def test_voice_create_leaves_out_optional_fields_that_are_not_set() -> None:
    props = {k: v for k, v in VOICE_PROPS.items() if k not in ("Tags", "TemplateDescription")}
    props["DefaultSubstitutions"] = ""
    client = _client()
    with Stubber(client) as stub:
        stub.add_response(
            "create_voice_template",
            {"CreateTemplateMessageBody": {}},
            {
                "TemplateName": "reminder-call",
                "VoiceTemplateRequest": {
                    "Body": VOICE_PROPS["Body"],
                    "LanguageCode": "en-US",
                    "VoiceId": "Joanna",
                },
            },
        )
        _run(_event("Create", VOICE, props), client)
        stub.assert_no_pending_responses()


def test_voice_update_overwrites_the_template_and_retags_it() -> None:
    old = {**VOICE_PROPS, "Tags": {"team": "care", "cost-center": "42"}}
    new = {**VOICE_PROPS, "VoiceId": "Matthew", "Tags": {"team": "support"}}
    client = _client()
    with Stubber(client) as stub:
        stub.add_response(
            "update_voice_template",
            {"MessageBody": {"Message": "Accepted"}},
            {
                "TemplateName": "reminder-call",
                "CreateNewVersion": False,
                "VoiceTemplateRequest": {**VOICE_REQUEST, "VoiceId": "Matthew"},
            },
        )
        stub.add_response(
            "untag_resource", {}, {"ResourceArn": VOICE_ARN, "TagKeys": ["cost-center"]}
        )
        stub.add_response(
            "tag_resource",
            {},
            {"ResourceArn": VOICE_ARN, "TagsModel": {"tags": {"team": "support"}}},
        )
        result = _run(
            _event("Update", VOICE, new, physical_id="reminder-call", old=old),
            client,
        )
        stub.assert_no_pending_responses()
    assert result["PhysicalResourceId"] == "reminder-call"


def test_voice_update_with_unchanged_tags_calls_only_update() -> None:
    client = _client()
    with Stubber(client) as stub:
        stub.add_response("update_voice_template", {"MessageBody": {}})
        _run(
            _event("Update", VOICE, VOICE_PROPS, physical_id="reminder-call", old=VOICE_PROPS),
            client,
        )
        stub.assert_no_pending_responses()


def test_voice_rename_creates_the_new_template_under_a_new_physical_id() -> None:
    new = {**VOICE_PROPS, "TemplateName": "reminder-call-v2"}
    client = _client()
    with Stubber(client) as stub:
        stub.add_response(
            "create_voice_template",
            {"CreateTemplateMessageBody": {}},
            {
                "TemplateName": "reminder-call-v2",
                "VoiceTemplateRequest": {**VOICE_REQUEST, "tags": {"team": "care"}},
            },
        )
        result = _run(
            _event("Update", VOICE, new, physical_id="reminder-call", old=VOICE_PROPS),
            client,
        )
        stub.assert_no_pending_responses()
    assert result["PhysicalResourceId"] == "reminder-call-v2"
    assert result["Data"]["Arn"].endswith(":templates/reminder-call-v2/VOICE")


def _voice_response(**changes: Any) -> dict[str, Any]:
    """GetVoiceTemplate's answer for the template of VOICE_PROPS (with ``changes``)."""
    body = {
        **VOICE_REQUEST,
        "TemplateName": "reminder-call",
        "TemplateType": "VOICE",
        "CreationDate": "2026-01-01T00:00:00.000Z",
        "LastModifiedDate": "2026-01-01T00:00:00.000Z",
        "Arn": VOICE_ARN,
        "tags": {"team": "care"},
        **changes,
    }
    return {"VoiceTemplateResponse": body}


def _rename_rollback(client: Any) -> dict[str, Any]:
    """CloudFormation rolling back the rename reminder-call -> reminder-call-v2: an Update of
    the new physical id back to the old properties, while reminder-call still exists."""
    renamed = {**VOICE_PROPS, "TemplateName": "reminder-call-v2"}
    return _run(
        _event("Update", VOICE, VOICE_PROPS, physical_id="reminder-call-v2", old=renamed), client
    )


def _expect_create_conflict(stub: Stubber) -> None:
    _error(
        stub,
        "create_voice_template",
        "BadRequestException",
        "Template already exists: reminder-call",
        400,
    )


def test_voice_rename_rollback_returns_to_the_original_template() -> None:
    client = _client()
    with Stubber(client) as stub:
        _expect_create_conflict(stub)
        stub.add_response(
            "get_voice_template", _voice_response(), {"TemplateName": "reminder-call"}
        )
        result = _rename_rollback(client)
        stub.assert_no_pending_responses()
    assert result["PhysicalResourceId"] == "reminder-call"


@pytest.mark.parametrize(
    "changes",
    [{"Body": "Someone else's script"}, {"VoiceId": "Matthew"}, {"tags": {"team": "other"}}],
)
def test_voice_rename_onto_a_different_existing_template_fails(changes: dict[str, Any]) -> None:
    """An existing template with other content or tags is not this resource's: the update
    fails with the service's message and nothing is overwritten."""
    client = _client()
    with Stubber(client) as stub:
        _expect_create_conflict(stub)
        stub.add_response(
            "get_voice_template", _voice_response(**changes), {"TemplateName": "reminder-call"}
        )
        with pytest.raises(ServiceError, match="Template already exists: reminder-call"):
            _rename_rollback(client)
        stub.assert_no_pending_responses()


def test_voice_create_onto_an_identical_existing_template_still_fails() -> None:
    """A Create never takes over an existing template, identical or not."""
    client = _client()
    with Stubber(client) as stub:
        _expect_create_conflict(stub)
        with pytest.raises(ServiceError, match="Template already exists"):
            _run(_event("Create", VOICE, VOICE_PROPS), client)
        stub.assert_no_pending_responses()


def test_voice_delete_deletes_the_template_by_physical_id() -> None:
    client = _client()
    with Stubber(client) as stub:
        stub.add_response(
            "delete_voice_template", {"MessageBody": {}}, {"TemplateName": "reminder-call"}
        )
        result = _run(
            _event("Delete", VOICE, VOICE_PROPS, physical_id="reminder-call"),
            client,
        )
        stub.assert_no_pending_responses()
    assert result == {"PhysicalResourceId": "reminder-call"}


def test_voice_delete_of_a_missing_template_succeeds() -> None:
    client = _client()
    with Stubber(client) as stub:
        _error(stub, "delete_voice_template", "NotFoundException", "Template not found", 404)
        _run(
            _event("Delete", VOICE, VOICE_PROPS, physical_id="reminder-call"),
            client,
        )
        stub.assert_no_pending_responses()


def test_voice_create_error_carries_the_service_message() -> None:
    client = _client()
    with Stubber(client) as stub:
        _error(
            stub,
            "create_voice_template",
            "BadRequestException",
            "Template already exists: reminder-call",
            400,
        )
        with pytest.raises(ServiceError) as raised:
            _run(
                _event("Create", VOICE, VOICE_PROPS),
                client,
            )
    assert str(raised.value) == (
        "CreateVoiceTemplate voice template 'reminder-call' failed: BadRequestException: "
        "Template already exists: reminder-call"
    )


def test_voice_delete_error_other_than_not_found_fails() -> None:
    client = _client()
    with Stubber(client) as stub:
        _error(stub, "delete_voice_template", "ForbiddenException", "not allowed", 403)
        with pytest.raises(ServiceError, match=r"DeleteVoiceTemplate .*ForbiddenException: not"):
            _run(
                _event("Delete", VOICE, VOICE_PROPS, physical_id="reminder-call"),
                client,
            )


def test_voice_without_a_body_is_rejected_before_any_call() -> None:
    props = {k: v for k, v in VOICE_PROPS.items() if k != "Body"}
    with Stubber(_client()) as stub, pytest.raises(ValueError, match="Body is required"):
        _run(
            _event("Create", VOICE, props),
            stub.client,
        )


# --- recommender configurations -------------------------------------------------------------

RECOMMENDER_PROPS: dict[str, Any] = {
    "ServiceToken": TOKEN,
    "Name": "products",
    "Description": "Product recommendations",
    "RecommendationProviderUri": CAMPAIGN_ARN,
    "RecommendationProviderRoleArn": ROLE_ARN,
    "RecommendationProviderIdType": "PINPOINT_USER_ID",
    "RecommendationsDisplayName": "Products",
    "RecommendationsPerMessage": "3",
}
RECOMMENDER_BODY = {
    "Name": "products",
    "Description": "Product recommendations",
    "RecommendationProviderUri": CAMPAIGN_ARN,
    "RecommendationProviderRoleArn": ROLE_ARN,
    "RecommendationProviderIdType": "PINPOINT_USER_ID",
    "RecommendationsDisplayName": "Products",
    "RecommendationsPerMessage": 3,
}


def _recommender_response(**extra: Any) -> dict[str, Any]:
    return {
        "RecommenderConfigurationResponse": {
            "Id": RECOMMENDER_ID,
            "CreationDate": "2026-01-01T00:00:00Z",
            "LastModifiedDate": "2026-01-01T00:00:00Z",
            "RecommendationProviderUri": CAMPAIGN_ARN,
            "RecommendationProviderRoleArn": ROLE_ARN,
            **extra,
        }
    }


def _expect_listing(stub: Stubber, *items: dict[str, Any]) -> None:
    """GetRecommenderConfigurations, which a Create reads first (one page)."""
    stub.add_response(
        "get_recommender_configurations",
        {"ListRecommenderConfigurationsResponse": {"Item": list(items)}},
        {},
    )


def _listed(created: float, **changes: Any) -> dict[str, Any]:
    """A listed configuration of RECOMMENDER_PROPS created at ``created`` (epoch seconds)."""
    item = _recommender_response(Name=RECOMMENDER_BODY["Name"])["RecommenderConfigurationResponse"]
    stamp = datetime.fromtimestamp(created, UTC).isoformat(timespec="milliseconds")
    return {**item, "CreationDate": stamp, **changes}


def test_recommender_create_returns_the_configuration_id() -> None:
    client = _client()
    with Stubber(client) as stub:
        _expect_listing(stub)
        stub.add_response(
            "create_recommender_configuration",
            _recommender_response(),
            {"CreateRecommenderConfiguration": RECOMMENDER_BODY},
        )
        result = _run(
            _event("Create", RECOMMENDER, RECOMMENDER_PROPS),
            client,
        )
        stub.assert_no_pending_responses()
    assert result == {
        "PhysicalResourceId": RECOMMENDER_ID,
        "Data": {
            "RecommenderId": RECOMMENDER_ID,
            "Arn": f"arn:aws:mobiletargeting:eu-west-1:123456789012:recommenders/{RECOMMENDER_ID}",
        },
    }


def test_a_retried_recommender_create_keeps_the_configuration_its_first_attempt_made() -> None:
    """The Provider framework may invoke on_event again: the configuration made a minute ago
    with this name, campaign and role is kept, not made twice."""
    client = _client()
    with Stubber(client) as stub:
        _expect_listing(
            stub,
            _listed(time.time() - 60, Id="other", Name="other"),
            _listed(time.time() - 60),
        )
        result = _run(_event("Create", RECOMMENDER, RECOMMENDER_PROPS), client)
        stub.assert_no_pending_responses()
    assert result["PhysicalResourceId"] == RECOMMENDER_ID


def test_a_recommender_create_does_not_take_an_older_configuration() -> None:
    """One with the same name, campaign and role made before the retry window belongs to
    another resource: the Create makes its own."""
    client = _client()
    with Stubber(client) as stub:
        _expect_listing(stub, _listed(time.time() - 86_400, Id="theirs"))
        stub.add_response(
            "create_recommender_configuration",
            _recommender_response(),
            {"CreateRecommenderConfiguration": RECOMMENDER_BODY},
        )
        result = _run(_event("Create", RECOMMENDER, RECOMMENDER_PROPS), client)
        stub.assert_no_pending_responses()
    assert result["PhysicalResourceId"] == RECOMMENDER_ID


def test_recommender_create_with_a_transformer_sends_the_attributes() -> None:
    props = {
        **RECOMMENDER_PROPS,
        "RecommendationTransformerUri": "arn:aws:lambda:eu-west-1:123456789012:function:t",
        "Attributes": {"Recommendations.Title": "Title", "Recommendations.Price": "Price"},
    }
    del props["RecommendationsDisplayName"]
    body = {k: v for k, v in RECOMMENDER_BODY.items() if k != "RecommendationsDisplayName"}
    body["RecommendationTransformerUri"] = props["RecommendationTransformerUri"]
    body["Attributes"] = props["Attributes"]
    client = _client()
    with Stubber(client) as stub:
        _expect_listing(stub)
        stub.add_response(
            "create_recommender_configuration",
            _recommender_response(),
            {"CreateRecommenderConfiguration": body},
        )
        _run(
            _event("Create", RECOMMENDER, props),
            client,
        )
        stub.assert_no_pending_responses()


def test_recommender_update_rewrites_the_configuration_in_place() -> None:
    new = {**RECOMMENDER_PROPS, "RecommendationsPerMessage": "5", "Name": "products-v2"}
    client = _client()
    with Stubber(client) as stub:
        stub.add_response(
            "update_recommender_configuration",
            _recommender_response(),
            {
                "RecommenderId": RECOMMENDER_ID,
                "UpdateRecommenderConfiguration": {
                    **RECOMMENDER_BODY,
                    "Name": "products-v2",
                    "RecommendationsPerMessage": 5,
                },
            },
        )
        result = _run(
            _event("Update", RECOMMENDER, new, physical_id=RECOMMENDER_ID, old=RECOMMENDER_PROPS),
            client,
        )
        stub.assert_no_pending_responses()
    assert result["PhysicalResourceId"] == RECOMMENDER_ID


def test_recommender_delete_and_delete_of_a_missing_one_succeed() -> None:
    event = _event("Delete", RECOMMENDER, RECOMMENDER_PROPS, physical_id=RECOMMENDER_ID)
    client = _client()
    with Stubber(client) as stub:
        stub.add_response(
            "delete_recommender_configuration",
            _recommender_response(),
            {"RecommenderId": RECOMMENDER_ID},
        )
        _error(stub, "delete_recommender_configuration", "NotFoundException", "gone", 404)
        assert _run(event, client) == {"PhysicalResourceId": RECOMMENDER_ID}
        assert _run(event, client) == {"PhysicalResourceId": RECOMMENDER_ID}
        stub.assert_no_pending_responses()


def test_recommender_error_carries_the_service_message() -> None:
    client = _client()
    with Stubber(client) as stub:
        _expect_listing(stub)
        _error(
            stub,
            "create_recommender_configuration",
            "BadRequestException",
            "Unable to assume role",
            400,
        )
        with pytest.raises(ServiceError) as raised:
            _run(
                _event("Create", RECOMMENDER, RECOMMENDER_PROPS),
                client,
            )
    assert str(raised.value) == (
        f"CreateRecommenderConfiguration for Personalize campaign {CAMPAIGN_ARN} failed: "
        "BadRequestException: Unable to assume role"
    )


def test_recommender_rejects_a_non_numeric_count() -> None:
    props = {**RECOMMENDER_PROPS, "RecommendationsPerMessage": "three"}
    with pytest.raises(ValueError, match="RecommendationsPerMessage must be a whole number"):
        _run(
            _event("Create", RECOMMENDER, props),
            _client(),
        )


# --- a template's recommender ---------------------------------------------------------------

TR_PROPS = {
    "ServiceToken": TOKEN,
    "TemplateName": "welcome",
    "TemplateType": "EMAIL",
    "RecommenderId": RECOMMENDER_ID,
    "ContentHash": "abc",
}
EMAIL = {
    "Arn": "arn:aws:mobiletargeting:eu-west-1:123456789012:templates/welcome/EMAIL",
    "CreationDate": "2026-01-01T00:00:00Z",
    "LastModifiedDate": "2026-01-01T00:00:00Z",
    "TemplateName": "welcome",
    "TemplateType": "EMAIL",
    "Version": "1",
    "Subject": "Hi {{User.UserAttributes.FirstName}}",
    "HtmlPart": "<p>{{RecommendationItems.[0]}}</p>",
    "DefaultSubstitutions": '{"User.UserAttributes.FirstName": "there"}',
    "TemplateDescription": "Welcome",
    "tags": {"team": "growth"},
}
EMAIL_REQUEST = {
    "Subject": EMAIL["Subject"],
    "HtmlPart": EMAIL["HtmlPart"],
    "DefaultSubstitutions": EMAIL["DefaultSubstitutions"],
    "TemplateDescription": "Welcome",
}


def test_setting_the_recommender_writes_the_template_back_with_it() -> None:
    client = _client()
    with Stubber(client) as stub:
        stub.add_response(
            "get_email_template", {"EmailTemplateResponse": EMAIL}, {"TemplateName": "welcome"}
        )
        stub.add_response(
            "update_email_template",
            {"MessageBody": {}},
            {
                "TemplateName": "welcome",
                "CreateNewVersion": False,
                "EmailTemplateRequest": {**EMAIL_REQUEST, "RecommenderId": RECOMMENDER_ID},
            },
        )
        result = _run(
            _event("Create", TEMPLATE_RECOMMENDER, TR_PROPS),
            client,
        )
        stub.assert_no_pending_responses()
    assert result == {"PhysicalResourceId": "welcome/EMAIL"}


def test_push_and_sms_templates_use_their_own_operations() -> None:
    push = {
        "CreationDate": "x",
        "LastModifiedDate": "x",
        "TemplateName": "offer",
        "TemplateType": "PUSH",
        "Default": {"Body": "{{RecommendationItems.[0]}}", "Action": "OPEN_APP"},
        "APNS": {"Body": "apns", "Sound": "default"},
    }
    sms = {
        "CreationDate": "x",
        "LastModifiedDate": "x",
        "TemplateName": "offer",
        "TemplateType": "SMS",
        "Body": "{{RecommendationItems.[0]}}",
        "RecommenderId": "old",
    }
    client = _client()
    with Stubber(client) as stub:
        stub.add_response("get_push_template", {"PushNotificationTemplateResponse": push})
        stub.add_response(
            "update_push_template",
            {"MessageBody": {}},
            {
                "TemplateName": "offer",
                "CreateNewVersion": False,
                "PushNotificationTemplateRequest": {
                    "Default": push["Default"],
                    "APNS": push["APNS"],
                    "RecommenderId": RECOMMENDER_ID,
                },
            },
        )
        stub.add_response("get_sms_template", {"SMSTemplateResponse": sms})
        stub.add_response(
            "update_sms_template",
            {"MessageBody": {}},
            {
                "TemplateName": "offer",
                "CreateNewVersion": False,
                "SMSTemplateRequest": {"Body": sms["Body"], "RecommenderId": RECOMMENDER_ID},
            },
        )
        for kind in ("PUSH", "SMS"):
            _run(
                {
                    "RequestType": "Create",
                    "ResourceType": TEMPLATE_RECOMMENDER,
                    "ResourceProperties": {
                        **TR_PROPS,
                        "TemplateName": "offer",
                        "TemplateType": kind,
                    },
                },
                client,
            )
        stub.assert_no_pending_responses()


def test_an_update_keeps_the_physical_id_and_sets_the_recommender_on_the_renamed_template() -> None:
    new = {**TR_PROPS, "TemplateName": "welcome-v2"}
    client = _client()
    with Stubber(client) as stub:
        stub.add_response(
            "get_email_template",
            {"EmailTemplateResponse": {**EMAIL, "TemplateName": "welcome-v2"}},
            {"TemplateName": "welcome-v2"},
        )
        stub.add_response("update_email_template", {"MessageBody": {}})
        result = _run(
            _event("Update", TEMPLATE_RECOMMENDER, new, physical_id="welcome/EMAIL", old=TR_PROPS),
            client,
        )
        stub.assert_no_pending_responses()
    assert result == {"PhysicalResourceId": "welcome/EMAIL"}


def test_delete_clears_the_recommender_that_this_resource_set() -> None:
    client = _client()
    with Stubber(client) as stub:
        stub.add_response(
            "get_email_template",
            {"EmailTemplateResponse": {**EMAIL, "RecommenderId": RECOMMENDER_ID}},
        )
        stub.add_response(
            "update_email_template",
            {"MessageBody": {}},
            {
                "TemplateName": "welcome",
                "CreateNewVersion": False,
                "EmailTemplateRequest": EMAIL_REQUEST,
            },
        )
        _run(
            _event("Delete", TEMPLATE_RECOMMENDER, TR_PROPS, physical_id="welcome/EMAIL"),
            client,
        )
        stub.assert_no_pending_responses()


def test_delete_leaves_another_recommender_alone_and_a_missing_template_is_done() -> None:
    event = _event("Delete", TEMPLATE_RECOMMENDER, TR_PROPS, physical_id="welcome/EMAIL")
    client = _client()
    with Stubber(client) as stub:
        stub.add_response(
            "get_email_template", {"EmailTemplateResponse": {**EMAIL, "RecommenderId": "other"}}
        )
        _error(stub, "get_email_template", "NotFoundException", "Template not found", 404)
        _run(event, client)
        _run(event, client)
        stub.assert_no_pending_responses()


def test_setting_a_recommender_on_a_missing_template_fails() -> None:
    client = _client()
    with Stubber(client) as stub:
        _error(stub, "get_email_template", "NotFoundException", "Template not found", 404)
        with pytest.raises(ValueError, match="template 'welcome' \\(EMAIL\\) does not exist"):
            _run(
                _event("Create", TEMPLATE_RECOMMENDER, TR_PROPS),
                client,
            )


def test_update_error_carries_the_service_message() -> None:
    client = _client()
    with Stubber(client) as stub:
        stub.add_response("get_email_template", {"EmailTemplateResponse": EMAIL})
        _error(
            stub,
            "update_email_template",
            "BadRequestException",
            "Recommender not found",
            400,
        )
        with pytest.raises(ServiceError) as raised:
            _run(
                _event("Create", TEMPLATE_RECOMMENDER, TR_PROPS),
                client,
            )
    assert str(raised.value) == (
        "UpdateEmailTemplate template 'welcome' failed: BadRequestException: Recommender not found"
    )


def test_an_unknown_template_type_is_rejected() -> None:
    with pytest.raises(ValueError, match="TemplateType must be one of EMAIL, SMS, PUSH"):
        _run(
            {
                "RequestType": "Create",
                "ResourceType": TEMPLATE_RECOMMENDER,
                "ResourceProperties": {**TR_PROPS, "TemplateType": "INAPP"},
            },
            _client(),
        )


def test_an_unknown_resource_type_is_rejected() -> None:
    with pytest.raises(ValueError, match="unknown ResourceType 'Custom::Other'"):
        _run({"RequestType": "Create", "ResourceType": "Custom::Other"}, _client())


def test_throttling_is_retried() -> None:
    client = _client()
    slept: list[float] = []
    with Stubber(client) as stub:
        _error(stub, "delete_voice_template", "TooManyRequestsException", "slow down", 429)
        stub.add_response("delete_voice_template", {"MessageBody": {}})
        logic.on_event(
            _event("Delete", VOICE, VOICE_PROPS, physical_id="reminder-call"),
            client,
            sleep=slept.append,
        )
        stub.assert_no_pending_responses()
    assert len(slept) == 1
