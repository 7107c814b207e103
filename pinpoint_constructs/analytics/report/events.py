"""Reading event files of every source into one shape. Standard library only.

Input: files or folders (searched recursively) of newline-delimited JSON, plain (``.jsonl``,
``.json``, ``.ndjson``) or gzip-compressed (``.gz``); several objects on one line (Firehose
output without a delimiter) are read one by one. A ``.json`` file that is one JSON document
over several lines (an event exported from a console, or a list of events) is read whole.
A line is one event of:

- **Pinpoint** (``event_type``): the event stream's records, classified by the metrics
  function's own rules (``handlers/engagement_metrics/classify.py``);
- **Amazon SES** (``eventType`` and ``mail``): configuration-set event publishing;
- **AWS End User Messaging** (``eventType`` ``TEXT_*``/``VOICE_*``/``MEDIA_*``/``RCS_*``),
  bare or as the ``detail`` of its EventBridge events (``source`` ``aws.sms-voice``);
- **Amazon Connect** contact events (EventBridge, ``source`` ``aws.connect``, detail-type
  ``Amazon Connect Contact Event``) of outbound campaign contacts (``detail.campaign``).

A line that is not JSON, not an object, or of no known shape is listed with its file and line
(:class:`SkippedLine`), never dropped silently.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

#: File name endings read from a folder.
SUFFIXES = (".jsonl", ".json", ".ndjson", ".gz")

#: What happened, whatever the source.
KINDS = (
    "sent",
    "delivered",
    "opened",
    "clicked",
    "bounced",
    "complained",
    "rejected",
    "failed",
    "delayed",
    "opted_out",
    "other",
)


def _load_classify() -> Any:
    path = Path(__file__).resolve().parents[2] / "handlers" / "engagement_metrics" / "classify.py"
    spec = importlib.util.spec_from_file_location("_pinpoint_report2_classify", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_classify = _load_classify()
get = _classify.get


@dataclass(frozen=True)
class SkippedLine:
    """An input line that could not be used, and why."""

    file: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.reason}"


@dataclass(frozen=True)
class Event:
    """One event, in the report's terms.

    ``channel`` is ``email``, ``sms``, ``voice``, ``push`` or ``other``; ``kind`` one of
    :data:`KINDS`; ``hard`` marks a hard (permanent) bounce; ``reason`` is the failure,
    bounce, complaint or delay reason as the source states it.
    """

    source: str
    channel: str
    kind: str
    day: str
    message_id: str | None = None
    campaign_id: str | None = None
    campaign_name: str | None = None
    journey_id: str | None = None
    journey_name: str | None = None
    treatment_id: str | None = None
    reason: str | None = None
    hard: bool = False
    country: str | None = None
    price_usd: float = 0.0


@dataclass
class Loaded:
    """The events read, the lines skipped, and the files read."""

    events: list[Event] = field(default_factory=list)
    skipped: list[SkippedLine] = field(default_factory=list)
    files: list[str] = field(default_factory=list)


def _day_from_ms(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        return datetime.fromtimestamp(value / 1000, UTC).strftime("%Y-%m-%d")
    except (OverflowError, OSError, ValueError):
        return None


def _day_from_iso(value: Any) -> str | None:
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).strftime("%Y-%m-%d")
    except ValueError:
        return None


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _first_tag(tags: Any, *names: str) -> str | None:
    for name in names:
        values = tags.get(name) if isinstance(tags, Mapping) else None
        if isinstance(values, list) and values and isinstance(values[0], str):
            return values[0]
    return None


# ---- Pinpoint ----------------------------------------------------------------------------

_PINPOINT_KINDS = {
    "EmailSends": ("email", "sent"),
    "EmailDeliveries": ("email", "delivered"),
    "EmailOpens": ("email", "opened"),
    "EmailClicks": ("email", "clicked"),
    "EmailHardBounces": ("email", "bounced"),
    "EmailSoftBounces": ("email", "bounced"),
    "EmailComplaints": ("email", "complained"),
    "EmailRejects": ("email", "rejected"),
    "EmailUnsubscribes": ("email", "opted_out"),
    "EmailRenderingFailures": ("email", "failed"),
    "SmsSuccesses": ("sms", "delivered"),
    "SmsFailures": ("sms", "failed"),
    "SmsOptOuts": ("sms", "opted_out"),
    "SmsBuffered": ("sms", "sent"),
}


def _pinpoint(record: Mapping[str, Any]) -> Event | str:
    event_type = record.get("event_type")
    if not isinstance(event_type, str) or not event_type:
        return "missing field event_type"
    day = _day_from_ms(record.get("event_timestamp")) or _day_from_ms(
        record.get("arrival_timestamp")
    )
    if day is None:
        return "missing field event_timestamp (and arrival_timestamp)"
    metric = _classify.metric_name(event_type)
    channel, kind = _PINPOINT_KINDS.get(metric, ("other", "other"))
    if event_type.startswith("_push.") or event_type.startswith("_APNS") or "GCM" in event_type:
        channel = "push"
    mail = get(record, "facets", "email_channel", "mail_event") or {}
    reason = _classify.failure_reason(record)
    if kind == "failed" and channel == "sms":
        reason = _text(get(record, "attributes", "record_status")) or reason
    elif kind == "bounced":
        recipients = get(mail, "bounce", "bounced_recipients") or []
        codes = [get(r, "diagnostic_code") for r in recipients if isinstance(r, Mapping)]
        reason = next((c for c in codes if isinstance(c, str)), None) or reason
    price = get(record, "metrics", "price_in_millicents_usd")
    return Event(
        source="pinpoint",
        channel=channel,
        kind=kind,
        day=day,
        message_id=_text(get(mail, "mail", "message_id"))
        or _text(get(record, "attributes", "message_id")),
        campaign_id=_classify.campaign_id(record),
        journey_id=_classify.journey_id(record),
        treatment_id=_text(get(record, "attributes", "treatment_id")),
        reason=reason,
        hard=event_type == "_email.hardbounce",
        country=_text(get(record, "attributes", "iso_country_code")),
        price_usd=price / 100_000 if isinstance(price, int | float) else 0.0,
    )


# ---- SES ---------------------------------------------------------------------------------

_SES_KINDS = {
    "Send": "sent",
    "Delivery": "delivered",
    "Open": "opened",
    "Click": "clicked",
    "Bounce": "bounced",
    "Complaint": "complained",
    "Reject": "rejected",
    "Rendering Failure": "failed",
    "RenderingFailure": "failed",
    "DeliveryDelay": "delayed",
    "Subscription": "opted_out",
}


def _ses(record: Mapping[str, Any]) -> Event | str:
    event_type = record.get("eventType")
    mail = record.get("mail") or {}
    day = _day_from_iso(get(mail, "timestamp"))
    if day is None:
        return "SES event without mail.timestamp"
    kind = _SES_KINDS.get(str(event_type), "other")
    tags = get(mail, "tags")
    reason: str | None = None
    if kind == "bounced":
        bounce = record.get("bounce") or {}
        recipients = get(bounce, "bouncedRecipients") or []
        codes = [get(r, "diagnosticCode") for r in recipients if isinstance(r, Mapping)]
        reason = next((c for c in codes if isinstance(c, str)), None) or (
            f"{get(bounce, 'bounceType')}/{get(bounce, 'bounceSubType')}"
        )
    elif kind == "complained":
        reason = _text(get(record, "complaint", "complaintFeedbackType")) or "no feedback type"
    elif kind == "rejected":
        reason = _text(get(record, "reject", "reason"))
    elif kind == "failed":
        reason = _text(get(record, "failure", "errorMessage"))
    elif kind == "delayed":
        reason = _text(get(record, "deliveryDelay", "delayType"))
    if kind == "opted_out":
        preferences = get(record, "subscription", "newTopicPreferences") or {}
        statuses = get(preferences, "topicSubscriptionStatus") or []
        opted = get(preferences, "unsubscribeAll") is True or any(
            get(s, "subscriptionStatus") == "OptOut" for s in statuses if isinstance(s, Mapping)
        )
        kind = "opted_out" if opted else "other"
    return Event(
        source="ses",
        channel="email",
        kind=kind,
        day=day,
        message_id=_text(get(mail, "messageId")),
        campaign_id=_first_tag(tags, "campaign_id", "pinpoint_campaign_id"),
        campaign_name=_first_tag(tags, "campaign_name"),
        journey_id=_first_tag(tags, "journey_id", "pinpoint_journey_id"),
        journey_name=_first_tag(tags, "journey_name"),
        treatment_id=_first_tag(tags, "treatment_id", "pinpoint_treatment_id"),
        reason=reason,
        hard=kind == "bounced" and get(record, "bounce", "bounceType") == "Permanent",
    )


# ---- End User Messaging ----------------------------------------------------------------------

_DELIVERED = frozenset({"DELIVERED", "COMPLETED", "ANSWERED", "READ"})
_IN_FLIGHT = frozenset({"SUCCESSFUL", "PENDING", "QUEUED", "SENT", "INITIATED", "RINGING"})


def _sms_voice(record: Mapping[str, Any]) -> Event | str:
    event_type = str(record.get("eventType"))
    day = _day_from_ms(record.get("messageRequestTimestamp")) or _day_from_ms(
        record.get("eventTimestamp")
    )
    if day is None:
        return "SMS/voice event without messageRequestTimestamp or eventTimestamp"
    status = _text(record.get("messageStatus")) or event_type.split("_", 1)[-1]
    channel = "voice" if event_type.startswith("VOICE_") else "sms"
    if status in _DELIVERED:
        kind = "delivered"
    elif status in _IN_FLIGHT:
        kind = "sent"
    elif status == "OPTED_OUT":
        kind = "opted_out"
    else:
        kind = "failed"
    context = record.get("context")
    price = record.get("totalMessagePrice")
    return Event(
        source="sms_voice",
        channel=channel,
        kind=kind,
        day=day,
        message_id=_text(record.get("messageId")),
        campaign_id=_text(get(context, "campaign_id")),
        campaign_name=_text(get(context, "campaign_name")),
        journey_id=_text(get(context, "journey_id")),
        journey_name=_text(get(context, "journey_name")),
        reason=status if kind in ("failed", "opted_out") else None,
        country=_text(record.get("isoCountryCode")),
        price_usd=float(price) if isinstance(price, int | float) and record.get("isFinal") else 0.0,
    )


# ---- Amazon Connect ----------------------------------------------------------------------

#: A campaign contact is sent when initiated and delivered once connected (answered by a
#: person or a machine, or connected to an agent); "Amazon Connect contact events".
_CONNECT_KINDS = {
    "INITIATED": "sent",
    "CONNECTED_TO_SYSTEM": "delivered",
    "CONNECTED_TO_AGENT": "delivered",
}


def _connect(record: Mapping[str, Any]) -> Event | str:
    detail = record.get("detail") or {}
    day = _day_from_iso(record.get("time"))
    if day is None:
        return "Connect event without time"
    campaign = get(detail, "campaign") or {}
    channel = str(get(detail, "channel") or "VOICE").lower()
    kind = _CONNECT_KINDS.get(str(get(detail, "eventType")), "other")
    reason = None
    if get(detail, "eventType") == "DISCONNECTED" and get(detail, "disconnectReason"):
        reason = str(get(detail, "disconnectReason"))
        kind = "other"
    return Event(
        source="connect",
        channel=channel if channel in ("voice", "email", "sms") else "other",
        kind=kind,
        day=day,
        message_id=_text(get(detail, "contactId")),
        campaign_id=_text(get(campaign, "campaignId")),
        reason=reason,
    )


def classify(record: Any) -> Event | str:
    """``record`` as an :class:`Event`, or why it can't be one."""
    if not isinstance(record, dict):
        kind = "a list" if isinstance(record, list) else type(record).__name__
        return f"not a JSON object ({kind})"
    if "event_type" in record or "event_timestamp" in record:
        return _pinpoint(record)
    if isinstance(record.get("detail"), Mapping) and "detail-type" in record:
        if record.get("source") == "aws.sms-voice":
            return _sms_voice(record["detail"])
        if record.get("source") == "aws.connect":
            return _connect(record)
        return f"EventBridge event of source {record.get('source')!r} is not a known source"
    event_type = record.get("eventType")
    if isinstance(record.get("mail"), Mapping):
        return _ses(record)
    if isinstance(event_type, str) and event_type.startswith(("TEXT_", "VOICE_", "MEDIA_", "RCS_")):
        return _sms_voice(record)
    return "not an event of a known source (Pinpoint, SES, End User Messaging, Connect)"


_DECODER = json.JSONDecoder()


def _objects(text: str) -> Iterator[tuple[Any, str | None]]:
    """The JSON values on one line, or ``(None, problem)``."""
    index = 0
    while index < len(text):
        while index < len(text) and text[index] in " \t\r":
            index += 1
        if index >= len(text):
            break
        try:
            value, index = _DECODER.raw_decode(text, index)
        except ValueError as error:
            where = getattr(error, "pos", index) + 1
            yield None, f"not JSON ({getattr(error, 'msg', str(error))} at column {where})"
            return
        yield value, None


def input_files(paths: Sequence[str | Path]) -> list[Path]:
    """The files to read: each path, or for a folder every file in it (recursively) whose
    name ends in one of :data:`SUFFIXES`, in name order."""
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            files.extend(
                sorted(p for p in path.rglob("*") if p.is_file() and p.name.endswith(SUFFIXES))
            )
        else:
            files.append(path)
    return files


def _lines(path: Path) -> Iterable[str]:
    if path.name.endswith(".gz"):
        with gzip.open(path, "rt", encoding="utf-8", errors="replace") as stream:
            yield from stream
    else:
        with path.open(encoding="utf-8", errors="replace") as stream:
            yield from stream


def _whole_json(path: Path) -> list[Any] | None:
    """A ``.json`` file holding one JSON document spread over lines (an exported event, or a
    list of events): its events; ``None`` for any other file (read line by line)."""
    if not path.name.endswith(".json"):
        return None
    text = path.read_text(encoding="utf-8", errors="replace")
    if text.count("\n") <= 1:
        return None
    try:
        value = json.loads(text)
    except ValueError:
        return None
    return value if isinstance(value, list) else [value]


def load(paths: Sequence[str | Path]) -> Loaded:
    """Read every event of ``paths`` (raises ``OSError`` for a missing file)."""
    loaded = Loaded()
    for path in input_files(paths):
        loaded.files.append(str(path))
        whole = _whole_json(path)
        if whole is not None:
            for value in whole:
                result = classify(value)
                if isinstance(result, Event):
                    loaded.events.append(result)
                else:
                    loaded.skipped.append(SkippedLine(str(path), 1, result))
            continue
        for number, line in enumerate(_lines(path), start=1):
            if not line.strip():
                continue
            for value, problem in _objects(line.rstrip("\n")):
                result = problem or classify(value)
                if isinstance(result, Event):
                    loaded.events.append(result)
                else:
                    loaded.skipped.append(SkippedLine(str(path), number, result))
    return loaded


__all__ = ["KINDS", "SUFFIXES", "Event", "Loaded", "SkippedLine", "classify", "input_files", "load"]
