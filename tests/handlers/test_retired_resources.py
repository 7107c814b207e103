"""Retired custom resources (``retire_pinpoint_engagement``): an Update or Delete of a resource
whose properties carry ``Retire: "true"`` succeeds without calling Pinpoint. The clients are
stubbed with no responses queued, so any call would raise (botocore Stubber)."""

from __future__ import annotations

from typing import Any

import boto3
import pytest
from botocore.stub import Stubber
from common.retire import RETIRE_PROPERTY, is_retired
from journey import logic as journey
from message_templates import logic as message_templates
from segment_import import logic as segment_import

APP = "6e0b7591a90841d2b5d93fa11143e5a7"
TOKEN = "arn:aws:lambda:us-east-1:123456789012:function:provider"


def _event(
    request_type: str, props: dict[str, Any], physical_id: str, resource_type: str
) -> dict[str, Any]:
    event: dict[str, Any] = {
        "RequestType": request_type,
        "ServiceToken": TOKEN,
        "ResourceType": resource_type,
        "PhysicalResourceId": physical_id,
        "ResourceProperties": {"ServiceToken": TOKEN, RETIRE_PROPERTY: "true", **props},
    }
    if request_type == "Update":
        event["OldResourceProperties"] = {"ServiceToken": TOKEN, **props}
    return event


def _no_calls(run: Any) -> Any:
    client = boto3.client("pinpoint", region_name="us-east-1")
    with Stubber(client) as stub:  # nothing queued: a call raises UnStubbedResponseError
        result = run(client)
        stub.assert_no_pending_responses()
    return result


JOURNEY_PROPS = {"ApplicationId": APP, "State": "ACTIVE", "Journey": '{"Name": "j"}'}
JOURNEY_TYPE = "Custom::PinpointJourney"


@pytest.mark.parametrize("request_type", ["Update", "Delete"])
def test_a_retired_journey_is_left_as_it_is(request_type):
    event = _event(request_type, JOURNEY_PROPS, "j1", JOURNEY_TYPE)
    result = _no_calls(lambda client: journey.on_event(event, client))
    assert result["PhysicalResourceId"] == "j1"
    done = _no_calls(lambda client: journey.is_complete({**event, **result}, client))
    assert done["IsComplete"] is True


def test_a_retired_journey_update_keeps_its_attributes():
    event = _event("Update", JOURNEY_PROPS, "j1", JOURNEY_TYPE)
    result = _no_calls(lambda client: journey.on_event(event, client))
    assert result["Data"] == {
        "JourneyId": "j1",
        "JourneyArn": f"arn:aws:mobiletargeting:us-east-1:123456789012:apps/{APP}/journeys/j1",
    }


@pytest.mark.parametrize("request_type", ["Update", "Delete"])
@pytest.mark.parametrize(
    ("resource_type", "props", "physical_id", "data"),
    [
        (
            "Custom::PinpointVoiceTemplate",
            {"TemplateName": "hello", "Body": "Hi", "LanguageCode": "en-US", "VoiceId": "Joanna"},
            "hello",
            {
                "TemplateName": "hello",
                "Arn": "arn:aws:mobiletargeting:us-east-1:123456789012:templates/hello/VOICE",
            },
        ),
        (
            "Custom::PinpointRecommenderConfiguration",
            {"RecommendationProviderUri": "arn:aws:personalize:us-east-1:123456789012:campaign/c"},
            "r1",
            {
                "RecommenderId": "r1",
                "Arn": "arn:aws:mobiletargeting:us-east-1:123456789012:recommenders/r1",
            },
        ),
        (
            "Custom::PinpointTemplateRecommender",
            {"TemplateName": "welcome", "TemplateType": "EMAIL", "RecommenderId": "r1"},
            "welcome/EMAIL",
            None,
        ),
    ],
)
def test_retired_template_resources_are_left_as_they_are(
    request_type, resource_type, props, physical_id, data
):
    event = _event(request_type, props, physical_id, resource_type)
    result = _no_calls(lambda client: message_templates.on_event(event, client))
    assert result["PhysicalResourceId"] == physical_id
    if request_type == "Update" and data is not None:
        assert result["Data"] == data
    else:
        assert "Data" not in result


@pytest.mark.parametrize("request_type", ["Update", "Delete"])
def test_a_retired_imported_segment_is_left_as_it_is(request_type):
    props = {"ApplicationId": APP, "S3Url": "s3://b/k", "Format": "CSV", "RoleArn": "r"}
    event = _event(request_type, props, "s1", "Custom::PinpointImportedSegment")
    result = _no_calls(lambda client: segment_import.on_event(event, client))
    assert result["PhysicalResourceId"] == "s1"
    done = _no_calls(lambda client: segment_import.is_complete({**event, **result}, client))
    assert done["IsComplete"] is True


def test_a_create_is_never_skipped():
    """A resource that doesn't exist yet can't be retired: its Create calls the service."""
    event = _event("Create", JOURNEY_PROPS, "", JOURNEY_TYPE)
    assert not is_retired(event)


def test_without_the_property_an_update_calls_the_service():
    event = _event("Update", JOURNEY_PROPS, "j1", JOURNEY_TYPE)
    del event["ResourceProperties"][RETIRE_PROPERTY]
    assert not is_retired(event)
