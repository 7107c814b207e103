"""The journey custom-resource provider (one per stack) and its handlers' permissions."""

from __future__ import annotations

import weakref

from aws_cdk import Duration
from aws_cdk import aws_iam as iam
from constructs import Construct

from ..._lambda import HandlerProvider, acknowledge_wildcard_resource
from ..core import IPinpointApp

#: Construct id of the stack's journey provider.
PROVIDER_ID = "PinpointJourneyProvider"
#: The provider's ``total_timeout``: the journey handler's ``PROVIDER_TOTAL_TIMEOUT_SECONDS``
#: (``handlers/journey/logic.py``; construct code never imports handler code, so the number is
#: repeated here and a unit test keeps the two equal). It outlasts the handler's own wait, so
#: the handler's message, not the framework's "Operation timed out", reaches CloudFormation.
PROVIDER_TOTAL_TIMEOUT_SECONDS = 900
#: The provider's ``query_interval``: the handler's ``PROVIDER_QUERY_INTERVAL_SECONDS``.
PROVIDER_QUERY_INTERVAL_SECONDS = 10
#: Handler timeout: a few API calls (more ListJourneys pages for apps with many journeys),
#: each retried adaptively and bounded by botocore's timeouts.
HANDLER_TIMEOUT = Duration.minutes(2)
#: Handler memory in MiB (I/O-bound; enough CPU for boto3's start-up).
HANDLER_MEMORY_MB = 256

#: Actions on the app's journey collection: creating and listing journeys.
JOURNEY_COLLECTION_ACTIONS = ("mobiletargeting:CreateJourney", "mobiletargeting:ListJourneys")
#: Actions on one journey.
JOURNEY_ACTIONS = (
    "mobiletargeting:GetJourney",
    "mobiletargeting:UpdateJourney",
    "mobiletargeting:UpdateJourneyState",
    "mobiletargeting:DeleteJourney",
)
#: Actions of the is-complete handler, which only reads the journey's state (GetJourney).
IS_COMPLETE_ACTIONS = ("mobiletargeting:GetJourney",)

# The apps (by ARN token) each provider's handlers have been granted.
_GRANTED: weakref.WeakKeyDictionary[HandlerProvider, set[str]] = weakref.WeakKeyDictionary()


def journey_provider(scope: Construct) -> HandlerProvider:
    """The stack's journey provider, created on first use."""
    return HandlerProvider.of(
        scope,
        PROVIDER_ID,
        handler_package="journey",
        description="Pinpoint journeys",
        timeout=HANDLER_TIMEOUT,
        memory_size=HANDLER_MEMORY_MB,
        with_is_complete=True,
        total_timeout=Duration.seconds(PROVIDER_TOTAL_TIMEOUT_SECONDS),
        query_interval=Duration.seconds(PROVIDER_QUERY_INTERVAL_SECONDS),
    )


def grant_journey_handlers(provider: HandlerProvider, app: IPinpointApp) -> None:
    """Grant the handlers the journey actions on ``app`` (once per app and provider) and
    acknowledge the one wildcard that journey ids, unknown before creation, require.

    The on-event handler, which creates, publishes, changes and deletes journeys, gets create
    and list on the app ARN and on ``<app ARN>/journeys`` (the Service Authorization Reference
    names the ``apps`` resource type for CreateJourney, the Pinpoint Developer Guide's action
    list names ``apps/<id>/journeys``) and the actions on one journey on
    ``<app ARN>/journeys/*`` (UpdateJourneyState's resource is ``<journey ARN>/state``, which the
    wildcard covers). The is-complete handler only polls the journey's state: it gets
    ``GetJourney`` on ``<app ARN>/journeys/*`` and nothing else.
    """
    granted = _GRANTED.setdefault(provider, set())
    if app.app_arn in granted:
        return
    granted.add(app.app_arn)
    journeys = f"{app.app_arn}/journeys"
    on_event = provider.on_event.role
    on_event.add_to_principal_policy(
        iam.PolicyStatement(
            actions=list(JOURNEY_COLLECTION_ACTIONS), resources=[app.app_arn, journeys]
        )
    )
    on_event.add_to_principal_policy(
        iam.PolicyStatement(actions=list(JOURNEY_ACTIONS), resources=[f"{journeys}/*"])
    )
    acknowledge_wildcard_resource(
        on_event,
        f"{journeys}/*",
        "a journey's id is known only after CreateJourney returns; GetJourney, "
        "UpdateJourney, UpdateJourneyState and DeleteJourney are scoped to the "
        "journeys of this one project (<app ARN>/journeys/*)",
    )
    if provider.is_complete is not None:
        is_complete = provider.is_complete.role
        is_complete.add_to_principal_policy(
            iam.PolicyStatement(actions=list(IS_COMPLETE_ACTIONS), resources=[f"{journeys}/*"])
        )
        acknowledge_wildcard_resource(
            is_complete,
            f"{journeys}/*",
            "a journey's id is known only after CreateJourney returns; GetJourney (the "
            "is-complete handler's only call) is scoped to the journeys of this one project "
            "(<app ARN>/journeys/*)",
        )
