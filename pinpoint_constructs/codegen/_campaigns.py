"""Tables for campaigns: the schedule, the message (template or inline, by channel), the
treatments of an A/B test and the limits."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from ..pinpoint.campaigns import Frequency
from ..pinpoint.channels import ChannelType
from ..pinpoint.journeys import SmsMessageType
from ..pinpoint.templates.in_app import InAppLayout
from ..pinpoint.templates.push import PushAction
from ._generate import (
    READ_ONLY,
    Generator,
    Prop,
    call,
    flag,
    mapping,
    member,
    number,
    obj,
    props,
    seconds,
    text,
)
from ._model import Exported, Fields
from ._resources import LIMITS, campaign_hook, in_app_message, quiet_time
from ._segments import FILTER_TYPE, event_dimensions
from ._source import Call, Code, Expr, ListExpr, Str, literal


def timestamp(g: Generator, f: Fields, key: str) -> Expr | None:
    """An ISO 8601 date-time as ``datetime(..., tzinfo=...)``."""
    value = f.get(key)
    if value is None:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        raise f.error(key, f"must be an ISO 8601 date-time, got {value!r}") from None
    offset = parsed.utcoffset()
    if offset is None:
        raise f.error(key, f"must carry a UTC offset, got {value!r}")
    if parsed.microsecond:
        raise f.error(key, f"has fractions of a second, which campaigns don't keep: {value!r}")
    g.module.use("datetime", "datetime")
    if offset.total_seconds() == 0:
        tz: Expr = Code(g.module.use("datetime", "UTC"))
    else:
        minutes = int(offset.total_seconds() // 60)
        unit = ("hours", minutes // 60) if minutes % 60 == 0 else ("minutes", minutes)
        delta = Call(g.module.use("datetime", "timedelta"), [], [(unit[0], Code(str(unit[1])))])
        tz = Call(g.module.use("datetime", "timezone"), [delta])
    parts = [parsed.year, parsed.month, parsed.day, parsed.hour, parsed.minute, parsed.second]
    while len(parts) > 3 and parts[-1] == 0:
        parts.pop()
    return Call("datetime", [Code(str(p)) for p in parts], [("tzinfo", tz)])


_WHEN = (
    Prop("Timezone", "timezone", text),
    Prop("IsLocalTime", "local_time", flag, omit=False),
    Prop("QuietTime", "quiet_time", quiet_time),
)
_RECURRING = {
    Frequency.HOURLY.value: "hourly",
    Frequency.DAILY.value: "daily",
    Frequency.WEEKLY.value: "weekly",
    Frequency.MONTHLY.value: "monthly",
}


def schedule(g: Generator, f: Fields, key: str) -> Expr | None:
    sub = f.sub(key)
    if sub is None:
        raise f.error(key, "is required: a campaign has a schedule")
    frequency = sub.get("Frequency", Frequency.ONCE.value)
    result: Expr
    factory = g.module.lib("Schedule")
    start = sub.get("StartTime")
    if frequency == Frequency.ONCE.value and start == "IMMEDIATE":
        result = Call(f"{factory}.immediate", [], props(g, sub, (_WHEN[0], _WHEN[2])))
    elif frequency == Frequency.ONCE.value:
        at = timestamp(g, sub, "StartTime")
        result = Call(f"{factory}.once", [at] if at else [], props(g, sub, _WHEN))
    elif frequency in _RECURRING:
        args = [timestamp(g, sub, "StartTime"), timestamp(g, sub, "EndTime")]
        result = Call(
            f"{factory}.{_RECURRING[frequency]}",
            [a for a in args if a is not None],
            props(g, sub, _WHEN),
        )
    elif frequency in (Frequency.EVENT.value, Frequency.IN_APP_EVENT.value):
        result = event_schedule(g, sub, frequency)
    else:
        raise sub.error("Frequency", f"must be one of {', '.join(f.value for f in Frequency)}")
    sub.done()
    return result


def event_schedule(g: Generator, f: Fields, frequency: str) -> Expr:
    event_filter, types, filters = event_dimensions(g, f)
    kwargs: list[tuple[str, Expr]] = [
        ("start", timestamp(g, f, "StartTime") or _missing(f, "StartTime")),
    ]
    kwargs += props(
        g,
        f,
        (Prop("EndTime", "end", timestamp),),
    )
    kwargs += filters
    if frequency == Frequency.EVENT.value:
        kwargs += props(
            g,
            event_filter,
            (FILTER_TYPE,),
        )
        kwargs += props(g, f, (_WHEN[0], _WHEN[2]))
        method = "on_event"
    else:
        if event_filter.get("FilterType", "ENDPOINT") != "ENDPOINT":
            raise event_filter.error("FilterType", "must be ENDPOINT for an in-app schedule")
        kwargs += props(g, f, (_WHEN[0],))
        method = "on_in_app_event"
    event_filter.done()
    return Call(f"{g.module.lib('Schedule')}.{method}", [types], kwargs)


def _missing(f: Fields, key: str) -> Expr:
    raise f.error(key, "is required")


# ---- messages --------------------------------------------------------------------------------

_TEMPLATE_KEYS = {
    "EmailTemplate": "EMAIL",
    "SMSTemplate": "SMS",
    "PushTemplate": "PUSH",
}
_PUSH_KEYS = ("APNSMessage", "GCMMessage", "BaiduMessage", "ADMMessage")
_PUSH = (
    Prop("Title", "title", text),
    Prop("Body", "body", text),
    Prop("Action", "action", member(PushAction)),
    Prop("Url", "url", text),
    Prop("ImageUrl", "image_url", text),
    Prop("ImageIconUrl", "image_icon_url", text),
    Prop("ImageSmallIconUrl", "image_small_icon_url", text),
    Prop("MediaUrl", "media_url", text),
    Prop("RawContent", "raw_content", text),
    Prop("SilentPush", "silent", flag, omit=False),
    Prop("TimeToLive", "time_to_live", seconds),
)
_EMAIL = (
    Prop("Title", "subject", text),
    Prop("HtmlBody", "html", text),
    Prop("Body", "text", text),
    Prop("FromAddress", "from_address", text),
)
_SMS = (
    Prop("Body", "body", text),
    Prop("MessageType", "message_type", member(SmsMessageType)),
    Prop("OriginationNumber", "origination_number", text),
    Prop("SenderId", "sender_id", text),
    Prop("EntityId", "entity_id", text),
    Prop("TemplateId", "template_id", text),
)


def _template(g: Generator, templates: Fields | None) -> tuple[str | None, list[tuple[str, Expr]]]:
    """The channel and ``template=`` / ``template_version=`` of a template configuration."""
    if templates is None:
        return None, []
    found = [(key, kind) for key, kind in _TEMPLATE_KEYS.items() if templates.has(key)]
    if len(found) > 1:
        raise templates.error(found[1][0], f"a second template (besides {found[0][0]})")
    if not found:
        templates.done()
        return None, []
    key, kind = found[0]
    ref = templates.sub(key)
    assert ref is not None
    name = ref.require("Name")
    kwargs: list[tuple[str, Expr]] = [("template", g.template(kind, name, ref, "Name"))]
    kwargs += props(g, ref, (Prop("Version", "template_version", text),))
    ref.done()
    templates.done()
    return kind, kwargs


def message(g: Generator, holder: Fields) -> Expr:
    """The ``CampaignMessage`` of a campaign or treatment response."""
    kind, kwargs = _template(g, holder.sub("TemplateConfiguration"))
    config = holder.sub("MessageConfiguration")
    delivery = holder.sub("CustomDeliveryConfiguration")
    factory = g.module.lib("CampaignMessage")
    parts = [k for k in (config.data if config else {}) if config and config.has(k)]
    push_parts = [k for k in parts if k in (*_PUSH_KEYS, "DefaultMessage")]
    if delivery is not None or "CustomMessage" in parts:
        result = custom_message(g, config, delivery, holder)
    elif "InAppMessage" in parts:
        assert config is not None
        result = in_app(g, config)
    elif kind == "EMAIL" or "EmailMessage" in parts:
        kwargs += _part(g, config, "EmailMessage", _EMAIL)
        result = Call(f"{factory}.email", [], kwargs)
    elif kind == "SMS" or "SMSMessage" in parts:
        kwargs += _part(g, config, "SMSMessage", _SMS)
        result = Call(f"{factory}.sms", [], kwargs)
    elif kind == "PUSH" or push_parts:
        kwargs += push(g, config, push_parts)
        result = Call(f"{factory}.push", [], kwargs)
    else:
        raise holder.error("MessageConfiguration", "has no message and there is no template")
    if config is not None:
        config.done()
    return result


def _part(
    g: Generator, config: Fields | None, key: str, table: tuple[Prop, ...]
) -> list[tuple[str, Expr]]:
    if config is None:
        return []
    sub = config.sub(key)
    if sub is None:
        return []
    kwargs = props(g, sub, table)
    sub.done()
    return kwargs


def push(g: Generator, config: Fields | None, keys: list[str]) -> list[tuple[str, Expr]]:
    """One push message for every push channel (what ``CampaignMessage.push`` writes)."""
    if config is None or not keys:
        return []
    if keys == ["DefaultMessage"]:
        return [*_part(g, config, "DefaultMessage", _PUSH), ("as_default_message", Code("True"))]
    if "DefaultMessage" in keys:
        raise config.error(
            "DefaultMessage",
            "is given with per-service push messages; CampaignMessage.push writes one or the other",
        )
    first = config.data[keys[0]]
    for key in keys[1:]:
        if config.data[key] != first:
            raise config.error(
                key,
                f"differs from {keys[0]}; CampaignMessage.push sends one message to every "
                "push channel",
            )
    missing = [k for k in _PUSH_KEYS if k not in keys]
    if missing:
        raise config.error(
            keys[0],
            f"is given without {', '.join(missing)}; CampaignMessage.push writes the same "
            "message for every push channel",
        )
    for key in keys[1:]:
        config.get(key)
    return _part(g, config, keys[0], _PUSH)


def in_app(g: Generator, config: Fields) -> Expr:
    sub = config.sub("InAppMessage")
    assert sub is not None
    messages = [in_app_message(g, item) for item in sub.items("Content")]
    content: Expr = messages[0] if len(messages) == 1 else ListExpr(messages)
    kwargs: list[tuple[str, Expr]] = [("content", content)]
    kwargs += props(
        g,
        sub,
        (
            Prop("Layout", "layout", member(InAppLayout), omit=InAppLayout.BOTTOM_BANNER.value),
            Prop("CustomConfig", "custom_config", mapping),
        ),
    )
    sub.done()
    return Call(f"{g.module.lib('CampaignMessage')}.in_app", [], kwargs)


def custom_message(
    g: Generator, config: Fields | None, delivery: Fields | None, holder: Fields
) -> Expr:
    if delivery is None:
        raise holder.error("CustomDeliveryConfiguration", "is required for a custom message")
    uri = delivery.require("DeliveryUri")
    if uri.startswith("https://"):
        channel: Expr = Str(uri)
    else:  # a Lambda function's name or ARN
        channel = g.function(delivery, "DeliveryUri")
    kwargs: list[tuple[str, Expr]] = [("channel", channel)]
    data = None
    if config is not None:
        sub = config.sub("CustomMessage")
        if sub is not None:
            data = sub.get("Data")
            sub.done()
    if data is not None:
        kwargs.append(("data", custom_data(data)))
    kwargs += props(g, delivery, (Prop("EndpointTypes", "endpoint_types", endpoint_types),))
    delivery.done()
    return Call(f"{g.module.lib('CampaignMessage')}.custom", [], kwargs)


def endpoint_types(g: Generator, f: Fields, key: str) -> Expr | None:
    """Custom delivery's ``EndpointTypes`` as ``ChannelType`` members (``CUSTOM`` alone is the
    constructs' default)."""
    types = f.get(key)
    if types is None or types == [ChannelType.CUSTOM.value]:
        return None
    members: list[Expr] = []
    for value in types:
        try:
            members.append(Code(f"{g.module.lib('ChannelType')}.{ChannelType(value).name}"))
        except ValueError:
            raise f.error(key, f"unknown channel type {value!r}") from None
    return ListExpr(members)


def custom_data(data: str) -> Expr:
    """Custom data: a dict when the string is the compact JSON the library would write."""
    try:
        parsed: Any = json.loads(data)
    except json.JSONDecodeError:
        return Str(data)
    if isinstance(parsed, dict) and json.dumps(parsed, separators=(",", ":")) == data:
        return literal(parsed)
    return Str(data)


# ---- the campaign ----------------------------------------------------------------------------

_CAMPAIGN_LIMITS = (*LIMITS, Prop("Session", "session", number))

_CAMPAIGN = (
    Prop("Description", "description", text),
    Prop("SegmentVersion", "segment_version", number),
    Prop("HoldoutPercent", "holdout_percent", number, omit=0),
    Prop("TreatmentName", "treatment_name", text),
    Prop("TreatmentDescription", "treatment_description", text),
    Prop("Limits", "limits", obj("CampaignLimits", _CAMPAIGN_LIMITS)),
    Prop("Hook", "hook", campaign_hook),
    Prop("Priority", "priority", number),
    Prop("IsPaused", "paused", flag, omit=False),
    Prop("tags", "tags", mapping),
)


def treatment(g: Generator, item: Fields, campaign: Fields) -> Expr:
    item.ignore(READ_ONLY | {"Id", "State"})
    kwargs: list[tuple[str, Expr]] = [
        ("size_percent", number(g, item, "SizePercent") or _missing(item, "SizePercent"))
    ]
    same_message = all(
        item.data.get(k) == campaign.data.get(k)
        for k in ("MessageConfiguration", "TemplateConfiguration", "CustomDeliveryConfiguration")
    )
    same_schedule = item.data.get("Schedule") == campaign.data.get("Schedule")
    if not same_message:
        kwargs.append(("message", message(g, item)))
    else:
        item.ignore(
            ["MessageConfiguration", "TemplateConfiguration", "CustomDeliveryConfiguration"]
        )
    if not same_schedule or same_message:
        kwargs.append(("schedule", schedule(g, item, "Schedule") or _missing(item, "Schedule")))
    else:
        item.ignore(["Schedule"])
    kwargs += props(
        g,
        item,
        (Prop("TreatmentName", "name", text), Prop("TreatmentDescription", "description", text)),
    )
    item.done()
    return call(g, "Treatment", kwargs)


def campaign(g: Generator, exported: Exported) -> None:
    f = Fields(exported.body, exported.key, exported.file)
    g.check_app(f)
    f.ignore(READ_ONLY | {"Id", "State", "DefaultState"})
    name = f.require("Name")
    # each part is checked even when another fails, so that one run reports them all
    parts: list[tuple[str, Expr | None]] = [
        ("segment", g.attempt(g.segment, f, "SegmentId")),
        ("message", g.attempt(message, g, f)),
        ("schedule", g.attempt(lambda: schedule(g, f, "Schedule") or _missing(f, "Schedule"))),
    ]
    # message() and schedule() read these (or report them): not "unsupported" after a failure
    f.ignore(["MessageConfiguration", "TemplateConfiguration", "CustomDeliveryConfiguration"])
    f.ignore(["Schedule"])
    items = g.attempt(f.items, "AdditionalTreatments") or []
    treatments = [g.attempt(treatment, g, item, f) for item in items]
    kwargs: list[tuple[str, Expr]] = [("app", g.app), ("campaign_name", Str(name))]
    kwargs += [(key, value) for key, value in parts if value is not None]
    if treatments:
        kwargs.append(("treatments", ListExpr([t for t in treatments if t is not None])))
    kwargs += props(g, f, _CAMPAIGN)
    f.done()
    if all(value is not None for _, value in parts) and None not in treatments:
        g.module.construct("Campaign", f"{name} campaign", kwargs)
