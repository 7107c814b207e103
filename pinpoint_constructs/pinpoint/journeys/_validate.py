"""Rules and renderers that several journey modules share: activity ids and the ``WaitTime``
shape (a duration or a point in time)."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from aws_cdk import Duration

from ..._validation import (
    duration_seconds,
    is_unresolved,
    iso_timestamp,
    positive_duration_seconds,
)

#: The longest activity id the service accepts (``WriteJourneyRequest.Activities``: "a maximum
#: of 100 characters ... alphanumeric characters").
ACTIVITY_ID_MAX_LENGTH = 100
_ACTIVITY_ID = re.compile(rf"[A-Za-z0-9]{{1,{ACTIVITY_ID_MAX_LENGTH}}}")


def check_activity_id(kind: str, value: Any) -> str:
    """Return ``value`` if it is a valid activity id, else raise naming the activity kind."""
    if not isinstance(value, str) or is_unresolved(value):
        raise TypeError(
            f"{kind} id must be a literal string (journeys link activities by id at synth "
            f"time), got {type(value).__name__}: {value!r}"
        )
    if not _ACTIVITY_ID.fullmatch(value):
        raise ValueError(
            f"{kind} id must be 1 to {ACTIVITY_ID_MAX_LENGTH} letters (A-Z, a-z) and digits, "
            f"as Pinpoint requires of activity ids, got {value!r}"
        )
    return value


def wait_time(
    prop: str,
    *,
    duration: Duration | None,
    until: datetime | None,
    duration_name: str,
    until_name: str,
    required: bool,
    minimum: Duration | None = None,
    maximum: Duration | None = None,
) -> dict[str, str] | None:
    """A ``WaitTime`` (``WaitFor`` ISO 8601 duration or ``WaitUntil`` time stamp), checking that
    at most one (exactly one when ``required``) of ``duration`` and ``until`` is given."""
    if duration is not None and until is not None:
        raise ValueError(
            f"{prop}: give {duration_name} or {until_name}, not both "
            f"(got {duration.to_human_string()} and {until.isoformat()})"
        )
    if duration is not None:
        name = f"{prop} {duration_name}"
        seconds = duration_seconds(name, duration)
        for bound, outside, word in (
            (minimum, lambda limit: seconds < limit, "least"),
            (maximum, lambda limit: seconds > limit, "most"),
        ):
            if bound is not None and not is_unresolved(seconds) and outside(bound.to_seconds()):
                raise ValueError(
                    f"{name} must be at {word} {bound.to_human_string()}, "
                    f"got {duration.to_human_string()}"
                )
        positive_duration_seconds(name, duration)
        return {"WaitFor": duration.to_iso_string()}
    if until is not None:
        return {"WaitUntil": iso_timestamp(f"{prop} {until_name}", until)}
    if required:
        raise ValueError(f"{prop} needs {duration_name} or {until_name}, got neither")
    return None
