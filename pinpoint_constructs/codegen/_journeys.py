"""Journeys: the start condition, the settings and the activity graph. Activities become
variables, then their links (``a.next(b)``, ``split.branch(50, b)``), then the journey.

Generated: email, SMS, push and custom (Lambda) sends, waits, holdouts, random, yes/no and
multivariate splits (segment, event and message conditions). Contact-center activities are
refused with a message naming the activity.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..pinpoint.journeys import JourneyState
from ._campaigns import _SMS, custom_data, endpoint_types, timestamp
from ._generate import (
    READ_ONLY,
    Generator,
    Prop,
    call,
    flag,
    member,
    number,
    obj,
    props,
    text,
)
from ._model import Exported, Fields
from ._resources import quiet_time
from ._segments import EVENT_FILTERS, FILTER_TYPE, event_dimensions, event_types, one_or_list
from ._source import Call, Code, Expr, Str

_ISO_DURATION = re.compile(
    r"P(?:(?P<days>\d+)D)?(?:T(?:(?P<hours>\d+)H)?(?:(?P<minutes>\d+)M)?(?:(?P<seconds>\d+)S)?)?"
)
_SECONDS = {"days": 86_400, "hours": 3600, "minutes": 60, "seconds": 1}


def iso_duration(g: Generator, f: Fields, key: str) -> Expr | None:
    """An ISO 8601 duration (``P2D``, ``PT1H``) as a ``Duration``."""
    value = f.get(key)
    if value is None:
        return None
    match = _ISO_DURATION.fullmatch(value) if isinstance(value, str) else None
    if match is None or not any(match.groupdict().values()):
        raise f.error(
            key, f"must be an ISO 8601 duration of days, hours, minutes, seconds, got {value!r}"
        )
    given = {unit: int(n) for unit, n in match.groupdict().items() if n is not None}
    duration = g.module.use("aws_cdk", "Duration")
    if len(given) == 1:
        ((unit, n),) = given.items()
        return Call(f"{duration}.{unit}", [Code(str(n))])
    total = sum(_SECONDS[unit] * n for unit, n in given.items())
    return Call(f"{duration}.seconds", [Code(str(total))])


def seconds_text(g: Generator, f: Fields, key: str) -> Expr | None:
    """A number of seconds written as a string (``JourneyPushMessage.TimeToLive``)."""
    value = f.get(key)
    if value is None:
        return None
    if not (isinstance(value, str) and value.isdigit()):
        raise f.error(key, f"must be a whole number of seconds as a string, got {value!r}")
    return Call(g.module.use("aws_cdk", "Duration") + ".seconds", [Code(value)])


# ---- activities ------------------------------------------------------------------------------

_SMS_CONFIG = _SMS[1:]  # a campaign's SMS fields without the inline body
_MESSAGE_CONFIG: dict[str, tuple[Prop, ...]] = {
    "EMAIL": (Prop("FromAddress", "from_address", text),),
    "SMS": _SMS_CONFIG,
    "PUSH": (Prop("TimeToLive", "time_to_live", seconds_text),),
}
_SEND_CLASSES = {"EMAIL": "SendEmail", "SMS": "SendSms", "PUSH": "SendPush"}


def send(kind: str) -> Callable[[Generator, Fields], tuple[str, list[tuple[str, Expr]]]]:
    def convert(g: Generator, f: Fields) -> tuple[str, list[tuple[str, Expr]]]:
        kwargs: list[tuple[str, Expr]] = []
        name = f.get("TemplateName")
        if name is not None:
            kwargs.append(("template", g.template(kind, name, f, "TemplateName")))
        kwargs += props(g, f, (Prop("TemplateVersion", "template_version", text),))
        config = f.sub("MessageConfig")
        if config is not None:
            kwargs += props(g, config, _MESSAGE_CONFIG[kind])
            config.done()
        return _SEND_CLASSES[kind], kwargs

    return convert


def send_custom(g: Generator, f: Fields) -> tuple[str, list[tuple[str, Expr]]]:
    kwargs: list[tuple[str, Expr]] = []
    uri = f.get("DeliveryUri")
    if uri is not None and uri.startswith("https://"):
        kwargs.append(("url", Str(uri)))
    elif uri is not None:  # a Lambda function's name or ARN
        kwargs.append(("function", g.function(f, "DeliveryUri")))
    config = f.sub("MessageConfig")
    if config is not None:
        data = config.get("Data")
        if data is not None:
            kwargs.append(("data", custom_data(data)))
        config.done()
    kwargs += props(g, f, (Prop("EndpointTypes", "endpoint_types", endpoint_types),))
    return "SendCustom", kwargs


def wait(g: Generator, f: Fields) -> tuple[str, list[tuple[str, Expr]]]:
    kwargs: list[tuple[str, Expr]] = []
    time = f.sub("WaitTime")
    if time is not None:
        kwargs = props(
            g,
            time,
            (Prop("WaitFor", "duration", iso_duration), Prop("WaitUntil", "until", timestamp)),
        )
        time.done()
    return "Wait", kwargs


def holdout(g: Generator, f: Fields) -> tuple[str, list[tuple[str, Expr]]]:
    return "Holdout", props(g, f, (Prop("Percentage", "percentage", number),))


def random_split(g: Generator, f: Fields) -> tuple[str, list[tuple[str, Expr]]]:
    return "RandomSplit", []


def simple_condition(g: Generator, f: Fields, variables: dict[str, str]) -> Expr:
    """One ``SimpleCondition``: segment membership, an event, or an earlier message's events."""
    factory = g.module.lib("Condition")
    segment = f.sub("SegmentCondition")
    event = f.sub("EventCondition")
    if segment is not None:
        result: Expr = Call(f"{factory}.segment", [g.segment(segment, "SegmentId")])
        segment.done()
    elif event is not None:
        activity = event.get("MessageActivity")
        dimensions = event.sub("Dimensions")
        if dimensions is None:
            raise event.error("Dimensions", "is required")
        values = event_types(g, dimensions)
        if activity is not None:
            target = Code(_target(variables, event, activity, "MessageActivity"))
            result = Call(f"{factory}.message_event", [target, *values])
        else:
            filters = props(g, dimensions, EVENT_FILTERS)
            result = Call(f"{factory}.event", [one_or_list(values)], filters)
        dimensions.done()
        event.done()
    else:
        raise f.error("SegmentCondition", "or EventCondition is required")
    f.done()
    return result


def conditional_split(
    g: Generator, f: Fields, variables: dict[str, str]
) -> tuple[str, list[tuple[str, Expr]]]:
    kwargs: list[tuple[str, Expr]] = []
    condition = f.sub("Condition")
    if condition is not None:
        parts = [simple_condition(g, c, variables) for c in condition.items("Conditions")]
        operator = condition.get("Operator")
        if len(parts) > 1:
            method = {"ALL": "all", "ANY": "any"}.get(operator or "ALL")
            if method is None:
                raise condition.error("Operator", f"must be ALL or ANY, got {operator!r}")
            kwargs.append(("condition", Call(f"{g.module.lib('Condition')}.{method}", parts)))
        elif parts:
            if operator is not None:
                raise condition.error("Operator", "is given with a single condition")
            kwargs.append(("condition", parts[0]))
        condition.done()
    return "ConditionalSplit", kwargs + evaluation(g, f)


_EVALUATION = (
    Prop("WaitFor", "evaluate_after", iso_duration),
    Prop("WaitUntil", "evaluate_at", timestamp),
)


def evaluation(g: Generator, f: Fields) -> list[tuple[str, Expr]]:
    """A split's ``EvaluationWaitTime`` as ``evaluate_after=`` or ``evaluate_at=``."""
    wait_time = f.sub("EvaluationWaitTime")
    if wait_time is None:
        return []
    kwargs = props(g, wait_time, _EVALUATION)
    wait_time.done()
    return kwargs


def multi_split(g: Generator, f: Fields) -> tuple[str, list[tuple[str, Expr]]]:
    return "MultiConditionSplit", evaluation(g, f)


_ACTIVITIES = {
    "EMAIL": send("EMAIL"),
    "SMS": send("SMS"),
    "PUSH": send("PUSH"),
    "CUSTOM": send_custom,
    "Wait": wait,
    "Holdout": holdout,
    "RandomSplit": random_split,
    "MultiCondition": multi_split,
}
_REFUSED = ("ContactCenter",)
#: Activities that refer to other activities (message conditions): declared after the others.
_LATE = {"ConditionalSplit": conditional_split}


def activities(g: Generator, f: Fields, journey_name: str) -> dict[str, str]:
    """Declare every activity; then link them. Returns activity id -> variable."""
    items = f.get("Activities") or {}
    if not isinstance(items, dict):
        raise f.error("Activities", f"must be an object of activities by id, got {items!r}")
    variables: dict[str, str] = {}
    links: list[tuple[Fields, str, str]] = []  # (fields, kind, activity id)

    def late(item: tuple[str, object]) -> bool:
        return isinstance(item[1], dict) and any(k in _LATE for k in item[1])

    for activity_id, body in sorted(items.items(), key=late):
        a = Fields(body, f"{f.where}.Activities.{activity_id}", f.file)
        kinds = [k for k in body if k != "Description" and a.has(k)]
        if len(kinds) != 1:
            raise f.error(
                f"Activities.{activity_id}", f"must hold one activity, got {kinds or 'none'}"
            )
        (kind,) = kinds
        if kind not in _ACTIVITIES and kind not in _LATE:
            refused = "is refused" if kind in _REFUSED else "is unknown"
            generated = ", ".join([*_ACTIVITIES, *_LATE])
            raise a.error(kind, f"{refused}: the importer generates only {generated} activities")
        inner = a.sub(kind)
        assert inner is not None
        if kind in _LATE:
            cls, kwargs = _LATE[kind](g, inner, variables)
        else:
            cls, kwargs = _ACTIVITIES[kind](g, inner)
        kwargs += props(g, a, (Prop("Description", "description", text),))
        a.done()
        variable = g.module.variable(f"{activity_id}")
        g.module.add(call(g, cls, kwargs, [Str(activity_id)]), target=variable)
        variables[activity_id] = variable
        links.append((inner, kind, activity_id))
    for inner, kind, activity_id in links:
        variable = variables[activity_id]
        if kind == "RandomSplit":
            for branch in inner.items("Branches"):
                args: list[Expr] = [number(g, branch, "Percentage") or Code("0")]
                target = branch.get("NextActivity")
                if target is not None:
                    args.append(Code(_target(variables, branch, target)))
                branch.done()
                g.module.add(Call(f"{variable}.branch", args))
        elif kind == "MultiCondition":
            for branch in inner.items("Branches"):
                condition = branch.sub("Condition")
                if condition is None:
                    raise branch.error("Condition", "is required")
                args = [simple_condition(g, condition, variables)]
                target = branch.get("NextActivity")
                if target is not None:
                    args.append(Code(_target(variables, branch, target)))
                branch.done()
                g.module.add(Call(f"{variable}.when", args))
            default = inner.get("DefaultActivity")
            if default is not None:
                then = Code(_target(variables, inner, default, "DefaultActivity"))
                g.module.add(Call(f"{variable}.otherwise", [then]))
        elif kind == "ConditionalSplit":
            for key, method in (("TrueActivity", "when_true"), ("FalseActivity", "when_false")):
                target = inner.get(key)
                if target is not None:
                    then = Code(_target(variables, inner, target, key))
                    g.module.add(Call(f"{variable}.{method}", [then]))
        else:
            target = inner.get("NextActivity")
            if target is not None:
                g.module.add(Call(f"{variable}.next", [Code(_target(variables, inner, target))]))
        inner.done()
    return variables


def _target(variables: dict[str, str], f: Fields, target: str, key: str = "NextActivity") -> str:
    if target not in variables:
        raise f.error(key, f"names {target!r}, which is not an activity of the journey")
    return variables[target]


# ---- start and settings ------------------------------------------------------------------------


def start(g: Generator, f: Fields, key: str) -> Expr | None:
    sub = f.sub(key)
    if sub is None:
        return None
    description = props(g, sub, (Prop("Description", "description", text),))
    factory = g.module.lib("JourneyStart")
    segment_start = sub.sub("SegmentStartCondition")
    event_start = sub.sub("EventStartCondition")
    if segment_start is not None:
        result: Expr = Call(
            f"{factory}.segment", [g.segment(segment_start, "SegmentId")], description
        )
        segment_start.done()
    elif event_start is not None:
        event_filter, types, kwargs = event_dimensions(g, event_start)
        if event_start.has("SegmentId"):
            kwargs.append(("segment", g.segment(event_start, "SegmentId")))
        kwargs += props(
            g,
            event_filter,
            (FILTER_TYPE,),
        )
        event_filter.done()
        event_start.done()
        result = Call(f"{factory}.event", [types], kwargs + description)
    else:
        raise sub.error("SegmentStartCondition", "or EventStartCondition is required")
    sub.done()
    return result


_LIMITS = (
    Prop("DailyCap", "daily_cap", number),
    Prop("TotalCap", "total_cap", number),
    Prop("EndpointReentryCap", "endpoint_reentry_cap", number),
    Prop("EndpointReentryInterval", "endpoint_reentry_interval", iso_duration),
    Prop("MessagesPerSecond", "messages_per_second", number),
    Prop(
        "TimeframeCap",
        "timeframe_cap",
        obj("TimeframeCap", (Prop("Cap", "cap", number), Prop("Days", "days", number))),
    ),
)
_SCHEDULE = (
    Prop("StartTime", "start", timestamp),
    Prop("EndTime", "end", timestamp),
    Prop("Timezone", "timezone", text),
)
_SETTINGS = (
    Prop("Schedule", "schedule", obj("JourneySchedule", _SCHEDULE)),
    Prop("Limits", "limits", obj("JourneyLimits", _LIMITS)),
    Prop("QuietTime", "quiet_time", quiet_time),
    Prop("WaitForQuietTime", "wait_for_quiet_time", flag),
    Prop("RefreshFrequency", "refresh_frequency", iso_duration),
    Prop("RefreshOnSegmentUpdate", "refresh_on_segment_update", flag),
    Prop("LocalTime", "local_time", flag),
    Prop("State", "state", member(JourneyState), omit=JourneyState.ACTIVE.value),
)


def journey(g: Generator, exported: Exported) -> None:
    f = Fields(exported.body, exported.key, exported.file)
    g.check_app(f)
    f.ignore(READ_ONLY | {"Id"})
    name = f.require("Name")
    start_condition = start(g, f, "StartCondition")
    variables = activities(g, f, name)
    first = f.get("StartActivity")
    if first is None and variables:
        raise f.error("StartActivity", "is required when the journey has activities")
    kwargs: list[tuple[str, Expr]] = [("app", g.app), ("journey_name", Str(name))]
    if start_condition is not None:
        kwargs.append(("start", start_condition))
    if first is not None:
        kwargs.append(("definition", Code(_target(variables, f, first))))
    kwargs += props(g, f, _SETTINGS)
    f.done()
    g.module.construct("Journey", f"{name} journey", kwargs)
