"""Lambda entry points of the journey custom resource: wire the Pinpoint client into the logic.

Handler strings: ``journey.index.on_event`` and ``journey.index.is_complete``. Each request
logs one JSON line: request type, ids, requested state, the service calls made, the outcome.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any

from common.aws import pinpoint_client

from journey import logic


def _log_line(
    phase: str,
    event: dict[str, Any],
    calls: list[str],
    started: float,
    result: dict[str, Any] | None,
    error: BaseException | None,
) -> None:
    properties = event.get("ResourceProperties") or {}
    line: dict[str, Any] = {
        "handler": "journey",
        "phase": phase,
        "requestType": event.get("RequestType"),
        "requestId": event.get("RequestId"),
        "logicalResourceId": event.get("LogicalResourceId"),
        "physicalResourceId": event.get("PhysicalResourceId"),
        "applicationId": properties.get("ApplicationId"),
        "requestedState": properties.get("State"),
        "calls": calls,
        "durationMs": round((time.monotonic() - started) * 1000),
        "outcome": "error" if error else "ok",
    }
    if result is not None:
        line["result"] = result
    if error is not None:
        line["error"] = f"{type(error).__name__}: {error}"
    print(json.dumps(line, default=str))


def _run(
    phase: str,
    fn: Callable[..., dict[str, Any]],
    event: dict[str, Any],
) -> dict[str, Any]:
    calls: list[str] = []
    started = time.monotonic()
    try:
        result = fn(event, pinpoint_client(), trace=calls)
    except Exception as error:
        _log_line(phase, event, calls, started, None, error)
        raise
    _log_line(phase, event, calls, started, result, None)
    return result


def on_event(event: dict[str, Any], context: Any) -> dict[str, Any]:
    """Provider ``on_event``: create, update or delete the journey."""
    return _run("on_event", logic.on_event, event)


def is_complete(event: dict[str, Any], context: Any) -> dict[str, Any]:
    """Provider ``is_complete``: has the journey reached the requested state?"""
    return _run("is_complete", logic.is_complete, event)
