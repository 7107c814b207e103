"""What every custom-channel handler shares: Pinpoint's invocation, the deadline, log lines.

Pinpoint calls a custom-channel function with a payload like::

    {"Message": {}, "Data": "<CustomMessage.Data string>", "ApplicationId": "...",
     "CampaignId": "..." | "JourneyId": "...", "TreatmentId": "0", "ActivityId": "...",
     "ScheduledTime": "2020-04-08T19:00:16.843Z",
     "Endpoints": {"<endpoint id>": {"ChannelType": "EMAIL", "Address": "...", ...}, ...}}

with up to 50 endpoints per invocation (Pinpoint invokes the function repeatedly for larger
segments). The only time limit Pinpoint documents for a function it calls is on the campaign
hook page ("Customize segments with AWS Lambda"): delivery fails when the function takes
longer than 15 seconds. Handlers are deployed with a 12-second timeout and stop about a
second before it (:func:`deadline_from_context`).
"""

from __future__ import annotations

import contextlib
import json
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

#: Function timeout the custom-channel handlers are designed for (see the module docstring).
RECOMMENDED_TIMEOUT_SECONDS = 12
#: Upper bound of the safety margin kept between the deadline and the function timeout.
SAFETY_MARGIN_SECONDS = 1.0
#: Pinpoint sends at most this many endpoints per invocation.
MAX_ENDPOINTS_PER_INVOCATION = 50


class InvalidInvocation(ValueError):
    """The event is not a Pinpoint custom-channel invocation this forwarder can process."""


@dataclass(frozen=True)
class Invocation:
    """The parts of a Pinpoint custom-channel invocation the forwarder uses."""

    application_id: str
    scheduled_time: str | None
    endpoints: Mapping[str, Any]
    campaign_id: str | None = None
    treatment_id: str | None = None
    journey_id: str | None = None
    activity_id: str | None = None
    data: str | None = None
    message: Mapping[str, Any] = field(default_factory=dict)

    def ids(self) -> dict[str, str | None]:
        """The campaign/journey identifiers, for payloads and log lines."""
        return {
            "applicationId": self.application_id,
            "campaignId": self.campaign_id,
            "treatmentId": self.treatment_id,
            "journeyId": self.journey_id,
            "activityId": self.activity_id,
            "scheduledTime": self.scheduled_time,
        }


def _optional_id(event: Mapping[str, Any], key: str) -> str | None:
    value = event.get(key)
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise InvalidInvocation(f"{key} must be a string, got {type(value).__name__}")
    return str(value)


def parse_invocation(event: Any) -> Invocation:
    """Validate Pinpoint's event and return an :class:`Invocation`.

    Required: ``ApplicationId``, ``Endpoints`` (an object keyed by endpoint id) and one of
    ``CampaignId`` / ``JourneyId``. ``ScheduledTime`` is part of the idempotency key when present;
    Pinpoint documents it for campaign invocations only, so a journey invocation without it is
    still delivered (its key is then stable per journey, activity and endpoint). ``Data`` must be a
    string and ``Message`` an object when present. Endpoint values are checked per endpoint later,
    so one bad entry fails only that endpoint.

    Raises :class:`InvalidInvocation` with a message that names the offending field.
    """
    if not isinstance(event, Mapping):
        raise InvalidInvocation(f"event must be a JSON object, got {type(event).__name__}")
    application_id = _optional_id(event, "ApplicationId")
    if application_id is None:
        raise InvalidInvocation("ApplicationId is required")
    campaign_id = _optional_id(event, "CampaignId")
    journey_id = _optional_id(event, "JourneyId")
    if campaign_id is None and journey_id is None:
        raise InvalidInvocation("one of CampaignId or JourneyId is required")
    scheduled_time = _optional_id(event, "ScheduledTime")
    endpoints = event.get("Endpoints")
    if not isinstance(endpoints, Mapping):
        got = "missing" if endpoints is None else type(endpoints).__name__
        raise InvalidInvocation(f"Endpoints must be an object (endpoint id -> endpoint), got {got}")
    for endpoint_id in endpoints:
        if not isinstance(endpoint_id, str) or not endpoint_id:
            raise InvalidInvocation(f"endpoint ids must be non-empty strings, got {endpoint_id!r}")
    data = event.get("Data")
    if data is not None and not isinstance(data, str):
        raise InvalidInvocation(f"Data must be a string, got {type(data).__name__}")
    message = event.get("Message")
    if message is None:
        message = {}
    if not isinstance(message, Mapping):
        raise InvalidInvocation(f"Message must be an object, got {type(message).__name__}")
    return Invocation(
        application_id=application_id,
        scheduled_time=scheduled_time,
        endpoints=endpoints,
        campaign_id=campaign_id,
        treatment_id=_optional_id(event, "TreatmentId"),
        journey_id=journey_id,
        activity_id=_optional_id(event, "ActivityId"),
        data=data,
        message=message,
    )


def deadline_from_context(context: Any, clock: Callable[[], float] = time.monotonic) -> float:
    """A ``clock()`` deadline: the function's remaining time minus a safety margin.

    The margin is :data:`SAFETY_MARGIN_SECONDS`, or a quarter of the remaining time when that is
    short, so the summary is always logged and returned before Lambda stops the function.
    Without a usable context, the recommended timeout is assumed.
    """
    remaining = float(RECOMMENDED_TIMEOUT_SECONDS)
    get_remaining = getattr(context, "get_remaining_time_in_millis", None)
    if callable(get_remaining):
        with contextlib.suppress(TypeError, ValueError):
            remaining = max(0.0, float(get_remaining()) / 1000.0)
    return clock() + remaining - min(SAFETY_MARGIN_SECONDS, remaining / 4)


def log_json(record: Mapping[str, Any]) -> None:
    """Write one structured JSON log line (CloudWatch Logs keeps each line as one event)."""
    sys.stdout.write(json.dumps(record, default=str, separators=(",", ":")) + "\n")
    sys.stdout.flush()


def elapsed_ms(clock: Callable[[], float], started: float) -> float:
    """Milliseconds since ``started`` on ``clock``, to one decimal."""
    return round((clock() - started) * 1000, 1)


def invalid_invocation_summary(
    error: InvalidInvocation,
    *,
    clock: Callable[[], float],
    started: float,
    log: Callable[[Mapping[str, Any]], None],
) -> dict[str, Any]:
    """Log a malformed invocation and return its summary (``status`` ``invalid_invocation``)."""
    log({"level": "ERROR", "message": "invalid invocation", "error": str(error)})
    return {
        "status": "invalid_invocation",
        "error": str(error),
        "delivered": [],
        "failed": {},
        "durationMs": elapsed_ms(clock, started),
    }


def delivery_summary(
    outcomes: Sequence[Any],
    failure: Callable[[Any], dict[str, Any]],
    *,
    message: str,
    ids: Mapping[str, Any],
    clock: Callable[[], float],
    started: float,
    log: Callable[[Mapping[str, Any]], None],
    extra: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Log the summary line of one invocation and return the handler's result.

    ``outcomes`` have ``endpoint_id`` and ``delivered``; ``failure(outcome)`` gives what the
    result says of an endpoint that was not delivered. Returns ``{"status": "ok" | "partial" |
    "failed", "delivered": [...], "failed": {endpoint_id: failure(outcome)}, "durationMs"}``.
    """
    delivered = [o.endpoint_id for o in outcomes if o.delivered]
    failed = {o.endpoint_id: failure(o) for o in outcomes if not o.delivered}
    duration_ms = elapsed_ms(clock, started)
    status = "ok" if not failed else ("failed" if not delivered else "partial")
    log(
        {
            "level": "INFO" if not failed else "WARNING",
            "message": message,
            **ids,
            "status": status,
            "endpoints": len(outcomes),
            "delivered": len(delivered),
            "failed": len(failed),
            **(extra or {}),
            "durationMs": duration_ms,
        }
    )
    return {"status": status, "delivered": delivered, "failed": failed, "durationMs": duration_ms}
