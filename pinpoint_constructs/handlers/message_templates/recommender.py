"""``Custom::PinpointRecommenderConfiguration``: the configuration through which Pinpoint
retrieves recommendations from an Amazon Personalize campaign.

ResourceProperties (strings, as CloudFormation sends them): ``RecommendationProviderUri`` (the
campaign ARN), ``RecommendationProviderRoleArn``; optional ``Name``, ``Description``,
``RecommendationProviderIdType``, ``RecommendationTransformerUri``,
``RecommendationsDisplayName``, ``RecommendationsPerMessage`` (a number as a string) and
``Attributes`` (a map of attribute names to display names). The physical id is the
configuration's id; ``Data`` carries ``RecommenderId`` and ``Arn``.

Service calls, exactly: Create: GetRecommenderConfigurations (every page), then
CreateRecommenderConfiguration, unless a configuration with the same name, Personalize campaign
and role was created within ``ADOPT_WINDOW_SECONDS``: an earlier attempt of the same Create
(the Provider framework may re-invoke it), which is kept instead of made twice. Update:
UpdateRecommenderConfiguration with the whole new configuration (every field can change in
place). Delete: DeleteRecommenderConfiguration; one already gone counts as deleted.
"""

from __future__ import annotations

import time
from typing import Any

from common.arns import mobiletargeting_arn
from common.aws import ADOPT_WINDOW_SECONDS, created_after_moment, page_items

from message_templates.calls import Pinpoint, optional, required, service_token

RESOURCE_TYPE = "Custom::PinpointRecommenderConfiguration"
_OPTIONAL_FIELDS = (
    "Name",
    "Description",
    "RecommendationProviderIdType",
    "RecommendationTransformerUri",
    "RecommendationsDisplayName",
    "Attributes",
)


def configuration(props: dict[str, Any]) -> dict[str, Any]:
    """The ``CreateRecommenderConfiguration`` (same shape as the update's) of the properties."""
    body: dict[str, Any] = {
        "RecommendationProviderUri": required(props, "RecommendationProviderUri"),
        "RecommendationProviderRoleArn": required(props, "RecommendationProviderRoleArn"),
        **optional(props, *_OPTIONAL_FIELDS),
    }
    per_message = props.get("RecommendationsPerMessage")
    if per_message not in (None, ""):
        try:
            body["RecommendationsPerMessage"] = int(str(per_message))
        except ValueError:
            raise ValueError(
                f"RecommendationsPerMessage must be a whole number, got {per_message!r}"
            ) from None
    return body


def on_event(event: dict[str, Any], pinpoint: Pinpoint) -> dict[str, Any]:
    """Create, update or delete the recommender configuration."""
    props = event.get("ResourceProperties") or {}
    request_type = event["RequestType"]
    if request_type == "Delete":
        recommender_id = event["PhysicalResourceId"]
        pinpoint.call_unless_gone(
            "delete_recommender_configuration",
            f"recommender configuration {recommender_id}",
            RecommenderId=recommender_id,
        )
        return {"PhysicalResourceId": recommender_id}
    body = configuration(props)
    if request_type == "Create":
        found = _made_by_an_earlier_attempt(pinpoint, body, time.time() - ADOPT_WINDOW_SECONDS)
        if found is not None:
            recommender_id = found
        else:
            response = pinpoint.call(
                "create_recommender_configuration",
                f"for Personalize campaign {body['RecommendationProviderUri']}",
                CreateRecommenderConfiguration=body,
            )
            recommender_id = str(response["RecommenderConfigurationResponse"]["Id"])
    elif request_type == "Update":
        recommender_id = event["PhysicalResourceId"]
        pinpoint.call(
            "update_recommender_configuration",
            f"recommender configuration {recommender_id}",
            RecommenderId=recommender_id,
            UpdateRecommenderConfiguration=body,
        )
    else:
        raise ValueError(f"unknown RequestType {request_type!r}")
    return {"PhysicalResourceId": recommender_id, "Data": data(event, recommender_id)}


def data(event: dict[str, Any], recommender_id: str | None = None) -> dict[str, str]:
    """The attributes of the recommender configuration (default: the physical id)."""
    recommender_id = recommender_id or event["PhysicalResourceId"]
    return {
        "RecommenderId": recommender_id,
        "Arn": mobiletargeting_arn(service_token(event), f"recommenders/{recommender_id}"),
    }


def _made_by_an_earlier_attempt(
    pinpoint: Pinpoint, body: dict[str, Any], created_after: float
) -> str | None:
    """The id of a configuration with ``body``'s name, campaign and role created after
    ``created_after``, if any."""
    keys = ("Name", "RecommendationProviderUri", "RecommendationProviderRoleArn")

    def fetch(**params: Any) -> dict[str, Any]:
        return pinpoint.call(
            "get_recommender_configurations", "recommender configurations", **params
        )

    for item in page_items(fetch, "ListRecommenderConfigurationsResponse"):
        if all(item.get(key) == body.get(key) for key in keys) and created_after_moment(
            item, created_after
        ):
            return str(item["Id"])
    return None
