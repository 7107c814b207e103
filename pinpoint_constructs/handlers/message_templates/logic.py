"""The message-template custom resources, dispatched by resource type.

Runs under ``aws_cdk.custom_resources.Provider`` (one per stack). Each resource type has its
module: ``voice`` (``Custom::PinpointVoiceTemplate``), ``recommender``
(``Custom::PinpointRecommenderConfiguration``) and ``template_recommender``
(``Custom::PinpointTemplateRecommender``); their docstrings list the exact service calls.
Throttling is retried with ``call_with_backoff``; every other service error is raised as
``ServiceError`` with the operation and the service's own message. A resource already gone
counts as deleted.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from common.retire import is_retired, retired_result

from message_templates import recommender, template_recommender, voice
from message_templates.calls import Pinpoint, Sleep

HANDLERS: dict[str, Callable[[dict[str, Any], Pinpoint], dict[str, Any]]] = {
    voice.RESOURCE_TYPE: voice.on_event,
    recommender.RESOURCE_TYPE: recommender.on_event,
    template_recommender.RESOURCE_TYPE: template_recommender.on_event,
}


#: The attributes each resource type returns, computed from the event alone.
RETIRED_DATA: dict[str, Callable[[dict[str, Any]], dict[str, str]]] = {
    voice.RESOURCE_TYPE: voice.data,
    recommender.RESOURCE_TYPE: recommender.data,
}


def on_event(event: dict[str, Any], client: Any, *, sleep: Sleep = time.sleep) -> dict[str, Any]:
    """Handle a Create, Update or Delete of one of the resource types in ``HANDLERS``."""
    resource_type = event.get("ResourceType")
    handler = HANDLERS.get(str(resource_type))
    if handler is None:
        raise ValueError(
            f"unknown ResourceType {resource_type!r}; expected one of {', '.join(HANDLERS)}"
        )
    if is_retired(event):  # retire_pinpoint_engagement: no call to the service
        attributes = RETIRED_DATA.get(str(resource_type))
        return retired_result(event, None if attributes is None else attributes(event))
    return handler(event, Pinpoint(client, sleep))
