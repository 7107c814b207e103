"""Lambda entry points of the outbound-campaigns onboarding custom resource.

Handler strings: ``campaigns_onboarding.index.on_event`` and
``campaigns_onboarding.index.is_complete``. Each request logs one JSON line: request type,
ids, the service calls made, the outcome.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any

from common.aws import client

from campaigns_onboarding import logic


def _run(phase: str, fn: Callable[..., dict[str, Any]], event: dict[str, Any]) -> dict[str, Any]:
    calls: list[str] = []
    started = time.monotonic()
    properties = event.get("ResourceProperties") or {}
    line: dict[str, Any] = {
        "handler": "campaigns_onboarding",
        "phase": phase,
        "requestType": event.get("RequestType"),
        "requestId": event.get("RequestId"),
        "logicalResourceId": event.get("LogicalResourceId"),
        "physicalResourceId": event.get("PhysicalResourceId"),
        "connectInstanceId": properties.get("ConnectInstanceId"),
        "calls": calls,
    }
    try:
        result = fn(event, client("connectcampaignsv2"), trace=calls)
    except Exception as error:
        line.update(outcome="error", error=f"{type(error).__name__}: {error}")
        line["durationMs"] = round((time.monotonic() - started) * 1000)
        print(json.dumps(line, default=str))
        raise
    line.update(outcome="ok", result=result)
    line["durationMs"] = round((time.monotonic() - started) * 1000)
    print(json.dumps(line, default=str))
    return result


def on_event(event: dict[str, Any], context: Any) -> dict[str, Any]:
    """Provider ``on_event``: onboard, change or offboard."""
    return _run("on_event", logic.on_event, event)


def is_complete(event: dict[str, Any], context: Any) -> dict[str, Any]:
    """Provider ``is_complete``: has the onboarding job finished (then integrate the domain)?"""
    return _run("is_complete", logic.is_complete, event)
