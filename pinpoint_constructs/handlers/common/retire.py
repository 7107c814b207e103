"""Retired resources: ``retire_pinpoint_engagement`` (the aspect) sets the property
``Retire: "true"`` on the library's Pinpoint custom resources. Since 2026-10-30 the engagement
APIs they call may fail, so an Update or a Delete of a retired resource succeeds without
calling the service: the Update that adds the property (the deploy that retains) and the
Delete that removes the resource from the stack (the deploy that removes it) leave the
resource in the account as it is."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

#: The property the aspect sets; its value is the string ``"true"``.
RETIRE_PROPERTY = "Retire"


def is_retired(event: Mapping[str, Any]) -> bool:
    """Whether ``event`` is an Update or Delete of a resource marked retired (its new
    properties carry ``Retire: "true"``). A Create is never skipped: a resource that doesn't
    exist yet can't be retired."""
    props = event.get("ResourceProperties") or {}
    return (
        event.get("RequestType") in ("Update", "Delete")
        and str(props.get(RETIRE_PROPERTY, "")).lower() == "true"
    )


def retired_result(event: Mapping[str, Any], data: Mapping[str, str] | None = None) -> dict:
    """The result of a retired Update or Delete: the same physical id, and on an Update the
    attributes ``data`` (computed without calling the service), so references keep
    resolving."""
    result: dict[str, Any] = {"PhysicalResourceId": event["PhysicalResourceId"]}
    if data and event.get("RequestType") == "Update":
        result["Data"] = dict(data)
    return result
