"""Journeys: the start condition, the settings and the activity graph. Activities become
variables, then their links (``a.next(b)``, ``split.branch(50, b)``), then the journey.

Generated: email, SMS, push, custom (Lambda) and contact-center sends, waits, holdouts,
random, yes/no and multivariate splits (segment, event and message conditions), and the drafts
the console saves (an activity ``{}``, a condition ``{}``, a branch without a condition), which
the generated draft journey warns about at synth, naming what is unfinished.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..pinpoint.journeys import MAX_JOURNEY_ACTIVITIES, JourneyState
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
from ._model import CodegenError, Exported, Fields, is_service_default
from ._resources import quiet_time
from ._segments import EVENT_FILTERS, FILTER_TYPE, event_dimensions, event_types, one_or_list
from ._source import Call, Code, Expr, Str, literal

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


def contact_center(g: Generator, f: Fields) -> tuple[str, list[tuple[str, Expr]]]:
    return "ContactCenter", []


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


def simple_condition(g: Generator, f: Fields, variables: dict[str, str]) -> Expr | None:
    """One ``SimpleCondition``: segment membership, an event, or an earlier message's events;
    ``None`` for ``{}``, a draft's condition not chosen yet."""
    if not f.data:
        return None
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
        # a draft's condition list may hold {} (not chosen yet): the split is then unfinished
        found = [simple_condition(g, c, variables) for c in condition.items("Conditions")]
        parts = [p for p in found if p is not None]
        operator = condition.get("Operator")
        method = {"ALL": "all", "ANY": "any"}.get(operator or "ALL")
        if method is None:
            raise condition.error(
                "Operator", f"must be ALL or ANY, got {operator!r}", "use ALL or ANY"
            )
        if len(parts) > 1:
            kwargs.append(("condition", Call(f"{g.module.lib('Condition')}.{method}", parts)))
        elif parts:  # an Operator over one condition (as the console saves it) changes nothing
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
    "ContactCenter": contact_center,
}
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
        # a draft's activity may be {} (an email without its template yet): it still counts
        kinds = [k for k, v in body.items() if k != "Description" and isinstance(v, dict)]
        variable = g.module.variable(f"{activity_id}")
        variables[activity_id] = variable
        try:
            if len(kinds) != 1:
                raise f.error(
                    f"Activities.{activity_id}",
                    f"must hold one activity, got {kinds or 'none'}",
                    "keep one activity (EMAIL, Wait, ...) under each activity id",
                )
            (kind,) = kinds
            if kind not in _ACTIVITIES and kind not in _LATE:
                generated = ", ".join([*_ACTIVITIES, *_LATE])
                raise a.error(
                    kind,
                    f"is unknown: the importer generates {generated} activities",
                    "replace it in the file by one of those, or write it by hand",
                )
            inner = Fields(body[kind], f"{a.where}.{kind}", a.file)
            a.get(kind)
            if kind in _LATE:
                cls, kwargs = _LATE[kind](g, inner, variables)
            else:
                cls, kwargs = _ACTIVITIES[kind](g, inner)
            kwargs += props(g, a, (Prop("Description", "description", text),))
            a.done()
        except CodegenError as error:  # reported with the others; the next activity goes on
            g.report(error)
            continue
        g.module.add(call(g, cls, kwargs, [Str(activity_id)]), target=variable)
        links.append((inner, kind, activity_id))
    for link in links:
        try:
            _links(g, variables, *link)
        except CodegenError as error:
            g.report(error)
    return variables


def _links(
    g: Generator, variables: dict[str, str], inner: Fields, kind: str, activity_id: str
) -> None:
    """``a.next(b)``, ``split.branch(...)``, ``split.when(...)``: the activity's links."""
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
            # a draft's branch may have no condition yet: when(None, ...)
            condition = branch.sub("Condition")
            test = None if condition is None else simple_condition(g, condition, variables)
            args = [test or Code("None")]
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


def _target(variables: dict[str, str], f: Fields, target: str, key: str = "NextActivity") -> str:
    if target not in variables:
        raise f.error(
            key,
            f"names {target!r}, which is not an activity of the journey",
            "name one of the journey's Activities, or export the journey again",
        )
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


def connect_campaign(g: Generator, f: Fields, key: str) -> Expr | None:
    """``JourneyChannelSettings`` (the Amazon Connect campaign of contact-center activities)
    as ``ConnectCampaign(campaign_arn=..., execution_role=<imported role>)``."""
    sub = f.sub(key)
    if sub is None:
        return None
    arn = sub.require("ConnectCampaignArn")
    role = g.role("connect campaign execution role", sub.require("ConnectCampaignExecutionRoleArn"))
    sub.done()
    return call(g, "ConnectCampaign", [("campaign_arn", Str(arn)), ("execution_role", role)])


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
    Prop("JourneyChannelSettings", "connect_campaign", connect_campaign),
)


def journey(g: Generator, exported: Exported) -> None:
    f = Fields(exported.body, exported.key, exported.file)
    g.check_app(f)
    f.ignore(READ_ONLY | {"Id"})
    name = f.require("Name")
    start_condition = g.attempt(start, g, f, "StartCondition")  # reported; activities go on
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
    if len(variables) > MAX_JOURNEY_ACTIVITIES:
        # the export holds more than the default quota: the account had it raised
        kwargs.append(("max_activities", Code(str(len(variables)))))
    overrides = [
        (key, value)
        for key in _OVERRIDDEN
        if (value := f.get(key)) is not None and not is_service_default(key, value)
    ]
    f.done()
    target = g.module.construct("Journey", f"{name} journey", kwargs)
    comments = ["Settings without a Journey prop, written into the request as exported."]
    for key, value in overrides:
        g.module.add(
            Call(f"{target}.add_request_override", [Str(key), literal(value)]), comments=comments
        )
        comments = []


#: Settings the Journey construct has no prop for, written with ``add_request_override`` (its
#: escape hatch, whose result is checked against botocore's model at synth): advanced quiet
#: time (``SendingSchedule``, ``OpenHours``, ``ClosedDays``) and ``TimezoneEstimationMethods``.
_OVERRIDDEN = ("SendingSchedule", "OpenHours", "ClosedDays", "TimezoneEstimationMethods")
