"""What a Pinpoint event counts as: its metric, its failure reason, its campaign and journey.

Standard library only and no imports from other handler packages, so the offline report
(``pinpoint_constructs.cli.report``) loads this file and counts exactly what the metrics function
counts. :func:`get` (safe nested field access) serves the opt-out processor too.

Every value used as a CloudWatch dimension comes from a closed set (event types, failure
reasons) or is the id of one of the project's own campaigns or journeys, so the number of
metrics stays bounded (see :data:`FAILURE_REASONS`, :func:`campaign_id`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

#: ``event_type`` -> metric name. Sources: the Pinpoint developer guide's email, SMS, campaign
#: and journey event pages.
EVENT_METRICS: dict[str, str] = {
    "_email.send": "EmailSends",
    "_email.delivered": "EmailDeliveries",
    "_email.open": "EmailOpens",
    "_email.click": "EmailClicks",
    "_email.hardbounce": "EmailHardBounces",
    "_email.softbounce": "EmailSoftBounces",
    "_email.complaint": "EmailComplaints",
    "_email.rejected": "EmailRejects",
    "_email.unsubscribe": "EmailUnsubscribes",
    "_email.rendering_failure": "EmailRenderingFailures",
    "_SMS.SUCCESS": "SmsSuccesses",
    "_SMS.FAILURE": "SmsFailures",
    "_SMS.OPTOUT": "SmsOptOuts",
    "_SMS.BUFFERED": "SmsBuffered",
    "_campaign.send": "CampaignSends",
    "_journey.send": "JourneySends",
}
#: The metric of any other event type (app events, push, custom channels).
OTHER_METRIC = "OtherEvents"
#: The metric counted per failure reason (dimension ``FailureReason``).
FAILURE_METRIC = "Failures"
#: The reason of a failure whose detail is outside the known sets.
OTHER_REASON = "Other"

# SES bounce types and subtypes ("Contents of event data": bounce types).
_BOUNCE_TYPES = frozenset({"Undetermined", "Permanent", "Transient"})
_BOUNCE_SUB_TYPES = frozenset(
    {
        "Undetermined",
        "General",
        "NoEmail",
        "Suppressed",
        "OnAccountSuppressionList",
        "MailboxFull",
        "MessageTooLarge",
        "ContentRejected",
        "AttachmentRejected",
    }
)
# Complaint feedback types (RFC 5965 / IANA "Feedback Report Type Values"), as SES reports them.
_COMPLAINT_TYPES = frozenset({"abuse", "auth-failure", "fraud", "not-spam", "other", "virus"})
# SMS record_status values of failed messages (Pinpoint developer guide, SMS events).
_SMS_STATUSES = frozenset(
    {
        "INVALID",
        "UNREACHABLE",
        "UNKNOWN",
        "BLOCKED",
        "CARRIER_UNREACHABLE",
        "SPAM",
        "INVALID_MESSAGE",
        "CARRIER_BLOCKED",
        "TTL_EXPIRED",
        "MAX_PRICE_EXCEEDED",
        "OPTED_OUT",
    }
)
# Campaign and journey send statuses other than SUCCESS that are reported as themselves.
_SEND_STATUSES = frozenset({"FAILURE", "DAILY_CAP", "QUIET_TIME", "HOLDOUT", "EXPIRED"})

#: Every failure reason this module can return: the bound on the ``FailureReason`` dimension.
FAILURE_REASONS: frozenset[str] = frozenset(
    {f"Bounce/{t}/{s}" for t in _BOUNCE_TYPES for s in _BOUNCE_SUB_TYPES}
    | {f"Complaint/{t}" for t in _COMPLAINT_TYPES}
    | {f"Sms/{s}" for s in _SMS_STATUSES}
    | {f"Campaign/{s}" for s in _SEND_STATUSES}
    | {f"Journey/{s}" for s in _SEND_STATUSES}
    | {"Bounce/Other", "Complaint/Other", "Sms/Other", "Campaign/Other", "Journey/Other"}
    | {"EmailRejected", "EmailRenderingFailure"}
)

# Pinpoint resource ids: 32 hex digits in practice; accept up to 64 ASCII letters, digits,
# '-' and '_' so the documentation's sample ids pass, and nothing that could be free text.
_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")


def get(event: Mapping[str, Any], *path: str) -> Any:
    """``event[path[0]][path[1]]...``, or ``None`` where a step is missing or not an object."""
    value: Any = event
    for key in path:
        if not isinstance(value, Mapping):
            return None
        value = value.get(key)
    return value


def metric_name(event_type: str) -> str:
    """The metric an event of ``event_type`` is counted in."""
    return EVENT_METRICS.get(event_type, OTHER_METRIC)


def _attribute_id(event: Mapping[str, Any], key: str) -> str | None:
    value = get(event, "attributes", key)
    return value if isinstance(value, str) and _ID.fullmatch(value) else None


def campaign_id(event: Mapping[str, Any]) -> str | None:
    """The campaign of the event (``attributes.campaign_id``), if it looks like an id."""
    return _attribute_id(event, "campaign_id")


def journey_id(event: Mapping[str, Any]) -> str | None:
    """The journey of the event (``attributes.journey_id``), if it looks like an id."""
    return _attribute_id(event, "journey_id")


def failure_reason(event: Mapping[str, Any]) -> str | None:
    """The failure reason of a failed delivery (one of :data:`FAILURE_REASONS`), or ``None``
    when the event is not a failure."""
    event_type = event.get("event_type")
    mail = get(event, "facets", "email_channel", "mail_event") or {}
    if event_type in ("_email.hardbounce", "_email.softbounce"):
        bounce_type = get(mail, "bounce", "bounce_type")
        sub_type = get(mail, "bounce", "bounce_sub_type")
        if _one_of(bounce_type, _BOUNCE_TYPES) and _one_of(sub_type, _BOUNCE_SUB_TYPES):
            return f"Bounce/{bounce_type}/{sub_type}"
        return "Bounce/Other"
    if event_type == "_email.complaint":
        feedback = get(mail, "complaint", "complaint_feedback_type")
        return f"Complaint/{feedback}" if _one_of(feedback, _COMPLAINT_TYPES) else "Complaint/Other"
    if event_type == "_email.rejected":
        return "EmailRejected"
    if event_type == "_email.rendering_failure":
        return "EmailRenderingFailure"
    if event_type == "_SMS.FAILURE":
        status = get(event, "attributes", "record_status")
        return f"Sms/{status}" if _one_of(status, _SMS_STATUSES) else "Sms/Other"
    if event_type == "_campaign.send":
        return _send_status("Campaign", get(event, "attributes", "campaign_send_status"))
    if event_type == "_journey.send":
        return _send_status("Journey", get(event, "attributes", "journey_send_status"))
    return None


def _send_status(prefix: str, status: Any) -> str | None:
    if status is None or status == "SUCCESS":
        return None
    return f"{prefix}/{status}" if _one_of(status, _SEND_STATUSES) else f"{prefix}/Other"


def _one_of(value: Any, allowed: frozenset[str]) -> bool:
    """Whether ``value`` is one of the strings ``allowed`` (a list or object in an event's
    field is not one, and must not make the lookup raise)."""
    return isinstance(value, str) and value in allowed
