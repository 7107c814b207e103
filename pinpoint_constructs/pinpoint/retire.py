"""Retiring the Pinpoint engagement resources of a stack.

Since 2026-10-30, AWS has ended Pinpoint's engagement features (segments, campaigns, journeys,
message templates, event streams, the application settings and the email channel: AWS's
"Amazon Pinpoint end of support" page). CloudFormation's create, update and delete handlers
of those resources call the discontinued APIs, and so do this library's custom resources, so a
stack that still holds them can neither update them nor delete them. CloudFormation's own way
out is a ``DeletionPolicy: Retain`` set before the resource leaves the template: the resource
is then dropped from the stack without any call to the service.

:func:`retire_pinpoint_engagement` adds an aspect that does that for every engagement resource
in a scope, and marks the library's custom resources so that their handlers answer the Update
(the deploy that retains) and the Delete without calling Pinpoint. Push (the application,
``AWS::Pinpoint::App``, and its APNs, FCM, Baidu and ADM channels) continues as AWS End User
Messaging Push, and the SMS and voice channels continue too: the aspect never touches them.
``docs/retire-pinpoint.md`` walks through the two deploys.
"""

from __future__ import annotations

import jsii
from aws_cdk import Aspects, CfnResource, IAspect, RemovalPolicy
from constructs import IConstruct

from .._props import checked_props

#: The property the custom resources' handlers read (``handlers/common/retire.py``, which can't
#: be imported from here: it ships in the Lambda asset as the top-level ``common`` package).
RETIRE_PROPERTY = "Retire"

#: The CloudFormation types of the engagement features that stopped on 2026-10-30; the aspect
#: retains them.
ENGAGEMENT_RESOURCE_TYPES = frozenset(
    {
        "AWS::Pinpoint::Segment",
        "AWS::Pinpoint::Campaign",
        "AWS::Pinpoint::EmailTemplate",
        "AWS::Pinpoint::SmsTemplate",
        "AWS::Pinpoint::PushTemplate",
        "AWS::Pinpoint::InAppTemplate",
        "AWS::Pinpoint::EventStream",
        "AWS::Pinpoint::ApplicationSettings",
        "AWS::Pinpoint::EmailChannel",
    }
)

#: The library's custom resources on the engagement APIs (journeys, voice templates,
#: recommender configurations, templates' recommenders, imported segments): retained, and
#: their Update and Delete made no-ops with the property ``Retire: "true"``.
ENGAGEMENT_CUSTOM_RESOURCE_TYPES = frozenset(
    {
        "Custom::PinpointJourney",
        "Custom::PinpointVoiceTemplate",
        "Custom::PinpointRecommenderConfiguration",
        "Custom::PinpointTemplateRecommender",
        "Custom::PinpointImportedSegment",
    }
)


@jsii.implements(IAspect)
class RetirePinpointEngagement:
    """The aspect of :func:`retire_pinpoint_engagement`: ``RemovalPolicy.RETAIN``
    (``DeletionPolicy`` and ``UpdateReplacePolicy: Retain``) on every resource of
    :data:`ENGAGEMENT_RESOURCE_TYPES` and :data:`ENGAGEMENT_CUSTOM_RESOURCE_TYPES`, and the
    property ``Retire: "true"`` on the custom resources, on which their handlers answer an
    Update or a Delete with success without calling the service. Every other resource (the
    application, the push, SMS and voice channels, roles, functions, streams) is left as is."""

    def visit(self, node: IConstruct) -> None:
        """Retain ``node`` when it is an engagement resource."""
        if not isinstance(node, CfnResource):
            return
        resource_type = node.cfn_resource_type
        if resource_type in ENGAGEMENT_RESOURCE_TYPES:
            node.apply_removal_policy(RemovalPolicy.RETAIN)
        elif resource_type in ENGAGEMENT_CUSTOM_RESOURCE_TYPES:
            node.apply_removal_policy(RemovalPolicy.RETAIN)
            node.add_property_override(RETIRE_PROPERTY, "true")


@checked_props
def retire_pinpoint_engagement(scope: IConstruct) -> RetirePinpointEngagement:
    """Retain every Pinpoint engagement resource under ``scope`` (a stack, a stage, the app),
    so that a later deploy without them removes them from the stack without calling the
    discontinued APIs; returns the aspect added.

    Deploy once with the aspect (the resources stay in the account as they are; the custom
    resources' handlers answer the update without calling Pinpoint), then remove the
    constructs from the code and deploy again. The application and its push, SMS and voice
    channels are not retired: push continues as AWS End User Messaging Push.

    :param scope: The construct whose resources to retire (its whole subtree).
    """
    aspect = RetirePinpointEngagement()
    Aspects.of(scope).add(aspect)
    return aspect


__all__ = [
    "ENGAGEMENT_CUSTOM_RESOURCE_TYPES",
    "ENGAGEMENT_RESOURCE_TYPES",
    "RetirePinpointEngagement",
    "retire_pinpoint_engagement",
]
