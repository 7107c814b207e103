"""Templates that use a recommender model: the recommended attributes their Handlebars may read
without a default substitution, and the custom resource that sets the template's
``RecommenderId`` (CloudFormation's template resources have no such property).

Recommended attributes (Pinpoint User Guide, "Adding recommendations to messages"; Developer
Guide, "Creating a Lambda function for a recommender model"): ``RecommendationItems`` holds the
model's recommended items (``{{RecommendationItems.[0]}}``); a transformer function's custom
attributes are read as ``Recommendations.<name>``.
"""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any

import jsii
from aws_cdk import CfnResource, CustomResource, IStableStringProducer, Lazy, Stack
from constructs import Construct

from .._template_provider import grant, provider_resource

if TYPE_CHECKING:
    from ..recommenders import IRecommender
    from .base import ITemplate

#: The custom resource type that sets a template's recommender.
TEMPLATE_RECOMMENDER_RESOURCE_TYPE = "Custom::PinpointTemplateRecommender"
#: The standard recommended attribute.
RECOMMENDATION_ITEMS = "RecommendationItems"
#: The object that holds a transformer's custom recommended attributes.
RECOMMENDATIONS = "Recommendations"
#: Client-method names of the template kinds that take a recommender.
_ACTIONS = {"EMAIL": "EmailTemplate", "SMS": "SmsTemplate", "PUSH": "PushTemplate"}


def is_recommended_attribute(variable: str, recommender: IRecommender | None) -> bool:
    """Whether ``variable`` is filled by ``recommender``: ``RecommendationItems`` (and below
    it), or ``Recommendations.<name>`` for one of its attributes (any name when they are not
    known)."""
    if recommender is None:
        return False
    head, _, rest = variable.partition(".")
    if head == RECOMMENDATION_ITEMS:
        return True
    if head != RECOMMENDATIONS or not rest:
        return False
    known = recommender.recommended_attributes
    return known is None or rest.split(".", 1)[0] in known


def check_recommender(recommender: Any) -> None:
    """Raise ``TypeError`` unless ``recommender`` looks like an ``IRecommender``."""
    if recommender is not None and not isinstance(
        getattr(recommender, "recommender_id", None), str
    ):
        raise TypeError(
            "recommender must be a RecommenderConfiguration (or one imported with "
            f"RecommenderConfiguration.from_recommender_id), got {type(recommender).__name__}: "
            f"{recommender!r}"
        )


@jsii.implements(IStableStringProducer)
class _ContentHash:
    """A digest of the template resource's properties, so that a rewrite of the template by
    CloudFormation (which drops the recommender) updates the custom resource, which sets it
    again."""

    def __init__(self, resource: Any) -> None:
        self._resource = resource

    def produce(self) -> str:
        properties = Stack.of(self._resource).resolve(self._resource._cfn_properties)
        text = json.dumps(properties, sort_keys=True, default=str)
        return hashlib.sha256(text.encode()).hexdigest()


def attach_recommender(
    scope: Construct, template: ITemplate, resource: CfnResource, recommender: IRecommender
) -> CustomResource:
    """Add, under ``scope`` (the template construct), the ``Recommender`` custom resource that
    sets the ``RecommenderId`` of ``template`` (whose L1 resource is ``resource``)."""
    kind = template.template_type.value
    grant(
        scope,
        [f"mobiletargeting:Get{_ACTIONS[kind]}", f"mobiletargeting:Update{_ACTIONS[kind]}"],
        template.template_arn,
    )
    recommender_resource = provider_resource(
        scope,
        "Recommender",
        TEMPLATE_RECOMMENDER_RESOURCE_TYPE,
        {
            "TemplateName": template.template_name,
            "TemplateType": kind,
            "RecommenderId": recommender.recommender_id,
            "ContentHash": Lazy.string(_ContentHash(resource)),
        },
    )
    recommender_resource.node.add_dependency(resource)
    return recommender_resource
