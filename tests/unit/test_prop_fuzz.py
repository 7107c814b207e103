"""Property-based fuzz of every public construct's and factory's props (issue #29, item 2).

Two layers:

- **Types, everywhere.** For every public callable (``public_api.public_callables``: each
  public class's ``__init__``, its static and class factories, each public function) and each
  of its annotated parameters, Hypothesis draws a bad value (``None``, a bool, NaN, infinity,
  a fraction, a negative or huge number, an empty string, a bare object, a member of an
  unrelated enum, a list of bare objects, a mapping...) that the parameter's annotation does
  not admit (decided by :func:`admits`, written from the annotation independently of the
  checker) and passes it alone: the call must raise ``TypeError``/``ValueError`` whose message
  starts with the parameter's name. Nothing else is passed, so a value that slipped through
  would reach the body and fail differently (a missing argument), which the test reports as
  silent acceptance.
- **Ranges, per construct.** :data:`BASELINES` builds valid props for the constructs whose
  props have ranges, and :data:`OUT_OF_RANGE` lists, per prop, values of the right type the
  service refuses; each replaces its prop in a valid call and must raise naming the prop.

Both are derandomized with a bounded number of examples, so the run is stable and short.
"""

from __future__ import annotations

import collections.abc as cabc
import enum
import math
import types
import typing
from collections.abc import Callable
from typing import Any

import aws_cdk as cdk
import pytest
from aws_cdk import aws_kinesis as kinesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from public_api import public_callables

import pinpoint_constructs as pc
from pinpoint_constructs._props import plan_of, protocol_members


class _Unrelated(enum.Enum):
    MEMBER = "__fuzz__"


class _Bare:
    """An object that is nothing the library takes."""


#: Bad values of every kind; each parameter gets those its annotation doesn't admit.
BAD_VALUES: tuple[Any, ...] = (
    None,
    True,
    False,
    float("nan"),
    float("inf"),
    float("-inf"),
    1.5,
    -1,
    10**12,
    "",
    "x",
    _Bare(),
    _Unrelated.MEMBER,
    [_Bare()],
    ["x"],
    {"k": _Bare()},
    {_Bare(): "v"},
)


# ---- what an annotation admits (the spec, written independently of the checker) -------------


def admits(hint: Any, value: Any) -> bool:
    """Whether ``hint`` admits ``value`` under the rules of ``pinpoint_constructs._props``."""
    if hint is Any or hint is object or isinstance(hint, typing.TypeVar):
        return True
    if hint is None or hint is type(None):
        return value is None
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is typing.Annotated:
        return admits(args[0], value)
    if origin in (typing.Union, types.UnionType):
        return any(admits(arg, value) for arg in args)
    if origin is typing.Literal:
        return any(value == a and type(value) is type(a) for a in args)
    base = origin or hint
    if base in (list, tuple, cabc.Sequence, cabc.MutableSequence, cabc.Iterable, cabc.Collection):
        if isinstance(value, str | bytes) or not isinstance(value, cabc.Iterable):
            return False
        if base not in (cabc.Iterable, cabc.Collection) and not isinstance(value, cabc.Sequence):
            return False
        if base is tuple and args and not (len(args) == 2 and args[1] is Ellipsis):
            return len(value) == len(args) and all(map(admits, args, value))
        return not args or all(admits(args[0], item) for item in value)
    if base in (dict, cabc.Mapping, cabc.MutableMapping):
        if not isinstance(value, cabc.Mapping):
            return False
        key, item = (*args, Any, Any)[:2]
        return all(admits(key, k) and admits(item, v) for k, v in value.items())
    if base in (set, frozenset, cabc.Set, cabc.MutableSet):
        if isinstance(value, str | bytes) or not isinstance(value, cabc.Set | cabc.Sequence):
            return False
        return not args or all(admits(args[0], item) for item in value)
    if base is cabc.Callable:
        return callable(value)
    if base is type:
        return isinstance(value, type)
    if hint is bool:
        return isinstance(value, bool)
    if hint is int:
        if isinstance(value, bool):
            return False
        return isinstance(value, int) or (
            isinstance(value, float) and math.isfinite(value) and value.is_integer()
        )
    if hint is float:
        return (
            not isinstance(value, bool) and isinstance(value, int | float) and math.isfinite(value)
        )
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return isinstance(value, hint)
    if isinstance(hint, type) and hint.__dict__.get("_is_protocol", False):
        members = protocol_members(hint)
        return value is not None and all(hasattr(value, m) for m in members)
    if isinstance(hint, type):
        return isinstance(value, hint)
    return True


# ---- layer 1: types, for every public callable ---------------------------------------------

CASES: dict[str, list[tuple[str, Callable[..., Any], list[Any]]]] = {}
for _label, _function, _call in public_callables():
    _plan = plan_of(_function)
    assert _plan is not None, _label
    _params = []
    for _name, _hint in _plan.hints.items():
        _bad = [v for v in BAD_VALUES if not admits(_hint, v)]
        if _bad:
            _params.append((_name, _call, _bad))
    if _params:
        CASES[_label] = _params


def _expect_refusal(call: Callable[..., Any], prop: str, value: Any) -> None:
    try:
        call(**{prop: value})
    except (TypeError, ValueError) as error:
        message = str(error)
        assert message.startswith((f"{prop} ", f"{prop}[")), (
            f"{prop}={value!r}: the error does not start with the prop name: {message}"
        )
    else:
        pytest.fail(f"{prop}={value!r} was accepted")


def test_every_public_callable_with_props_is_fuzzed() -> None:
    assert "CustomChannel.webhook" in CASES
    assert "DeliverabilityAlarms.__init__" in CASES
    assert len(CASES) > 250


@pytest.mark.parametrize("label", sorted(CASES))
def test_each_wrong_value_is_refused_naming_the_prop(label: str) -> None:
    """Every parameter, every bad value its annotation doesn't admit (exhaustive, no jsii)."""
    for prop, call, bad in CASES[label]:
        for value in bad:
            _expect_refusal(call, prop, value)


_FUZZ_SETTINGS = settings(
    max_examples=300,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
_LABELS = sorted(CASES)


@_FUZZ_SETTINGS
@given(data=st.data())
def test_generated_wrong_values_are_refused_naming_the_prop(data: st.DataObject) -> None:
    """Hypothesis picks a callable and a parameter and generates a value of a kind the
    annotation doesn't admit: numbers of every size and sign, NaN and infinities, text,
    lists and mappings of wrong things."""
    label = data.draw(st.sampled_from(_LABELS), label="callable")
    prop, call, _ = data.draw(st.sampled_from(CASES[label]), label="prop")
    hint = plan_of_hint(label, prop)
    values = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(allow_nan=True, allow_infinity=True),
        st.text(max_size=5),
        st.lists(st.builds(_Bare), min_size=1, max_size=3),
        st.dictionaries(st.text(max_size=3), st.builds(_Bare), min_size=1, max_size=2),
        st.just(_Unrelated.MEMBER),
    )
    value = data.draw(values.filter(lambda v: not admits(hint, v)), label="value")
    _expect_refusal(call, prop, value)


_HINTS = {
    (label, name): hint
    for label, function, _ in public_callables()
    for name, hint in (plan_of(function).hints.items() if plan_of(function) else ())
}


def plan_of_hint(label: str, prop: str) -> Any:
    return _HINTS[(label, prop)]


# ---- layer 2: out-of-range values of the right type, per construct -------------------------

_D = cdk.Duration


def _webhook(scope: Any, id: str, app: Any, stream: Any, **props: Any) -> Any:
    return pc.CustomChannel.webhook(
        scope, id, app=app, url="https://hooks.example.com/pinpoint", **props
    )


def _alarms(scope: Any, id: str, app: Any, stream: Any, **props: Any) -> Any:
    return pc.DeliverabilityAlarms(scope, id, **props)


def _processor(scope: Any, id: str, app: Any, stream: Any, **props: Any) -> Any:
    return pc.EngagementEventProcessor(scope, id, app=app, stream=stream, **props)


def _metrics(scope: Any, id: str, app: Any, stream: Any, **props: Any) -> Any:
    return pc.EngagementMetrics(scope, id, app=app, stream=stream, **props)


def _app(scope: Any, id: str, app: Any, stream: Any, **props: Any) -> Any:
    return pc.PinpointApp(scope, id, **props)


def _segment(scope: Any, id: str, app: Any, stream: Any, **props: Any) -> Any:
    return pc.Segment.all_endpoints(scope, id, app=app, **props)


def _email_template(scope: Any, id: str, app: Any, stream: Any, **props: Any) -> Any:
    return pc.EmailTemplate(scope, id, **{"subject": "Hi", "text": "Hello", **props})


def _construct(cls: Any, **baseline: Any) -> Callable[..., Any]:
    def build(scope: Any, id: str, app: Any, stream: Any, **props: Any) -> Any:
        return cls(scope, id, **{**baseline, **props})

    return build


def _value(cls: Any, **baseline: Any) -> Callable[..., Any]:
    def build(scope: Any, id: str, app: Any, stream: Any, **props: Any) -> Any:
        return cls(**{**baseline, **props})

    return build


_BAD_TAGS = [
    {"": "v"},
    {"aws:team": "v"},
    {"AWS:team": "v"},
    {"k" * 129: "v"},
    {"team": "v" * 257},
]

#: ``(construct, prop) -> values of the right type that the service refuses``.
OUT_OF_RANGE: dict[tuple[str, str], tuple[Callable[..., Any], list[Any]]] = {
    ("CustomChannel.webhook", "max_concurrency"): (_webhook, [0, -1, 51, 10**6]),
    ("CustomChannel.webhook", "max_attempts"): (_webhook, [0, -3, 11]),
    ("CustomChannel.webhook", "request_timeout"): (_webhook, [_D.seconds(0), _D.seconds(12)]),
    ("CustomChannel.webhook", "url"): (
        _webhook,
        ["", "http://hooks.example.com", "ftp://x", "https://a b", "https://x/\r\nX: y"],
    ),
    ("DeliverabilityAlarms", "bounce_rate_threshold"): (_alarms, [-0.01, 1.01, 1e308]),
    ("DeliverabilityAlarms", "complaint_rate_threshold"): (_alarms, [-0.5, 2.0]),
    ("DeliverabilityAlarms", "bounce_rate_warning_threshold"): (_alarms, [-1.0, 0.05, 0.9]),
    ("EngagementEventProcessor", "batch_size"): (_processor, [0, -1, 10_001]),
    ("EngagementEventProcessor", "retry_attempts"): (_processor, [-1, 10_001]),
    ("EngagementEventProcessor", "parallelization_factor"): (_processor, [0, 11]),
    ("EngagementEventProcessor", "opt_out_event_types"): (
        _processor,
        [[], [""], ["a,b"], ["_email.nope"], ["_SMS.optout"]],
    ),
    ("EngagementEventProcessor", "max_batching_window"): (_processor, [_D.seconds(301)]),
    ("EngagementMetrics", "batch_size"): (_metrics, [0, -1, 10_001]),
    ("PinpointApp", "app_name"): (_app, ["", "x" * 65]),
    ("PinpointApp", "tags"): (_app, _BAD_TAGS),
    ("Segment.all_endpoints", "tags"): (_segment, _BAD_TAGS),
    ("EmailTemplate", "tags"): (_email_template, _BAD_TAGS),
    ("ProfilesDomain", "tags"): (_construct(pc.ProfilesDomain), _BAD_TAGS),
    ("ProfilesDomain", "domain_name"): (_construct(pc.ProfilesDomain), ["", "d" * 65, "a b"]),
    ("ProfilesDomain", "default_expiration"): (
        _construct(pc.ProfilesDomain),
        [_D.days(0), _D.hours(36), _D.days(1099)],
    ),
    ("SmsTemplate", "tags"): (_construct(pc.SmsTemplate, body="Hi"), _BAD_TAGS),
    ("SmsTemplate", "body"): (_construct(pc.SmsTemplate, body="Hi"), ["", "x" * 1601]),
    ("MessageTemplateKnowledgeBase", "tags"): (
        _construct(pc.MessageTemplateKnowledgeBase),
        _BAD_TAGS,
    ),
    ("SenderId", "sender_id"): (
        _construct(pc.SenderId, sender_id="EXAMPLE", iso_country_code="DE"),
        ["", "TWELVELETTER", "A B", "abc"],
    ),
    ("SenderId", "iso_country_code"): (
        _construct(pc.SenderId, sender_id="EXAMPLE", iso_country_code="DE"),
        ["", "de", "DEU"],
    ),
    ("CommunicationLimit.per_days", "days"): (
        lambda scope, id, app, stream, **props: pc.CommunicationLimit.per_days(
            **{"max_count_per_recipient": 1, "days": 1, **props}
        ),
        [0, 31, -1],
    ),
    ("JourneyLimits", "daily_cap"): (_value(pc.JourneyLimits), [-1]),
    ("Limits", "daily"): (_value(pc.Limits), [-1]),
    ("Limits", "total"): (_value(pc.Limits), [-1]),
    ("Holdout", "percentage"): (_value(pc.Holdout, id="H", percentage=10), [-1, 101]),
    ("TimeframeCap", "cap"): (_value(pc.TimeframeCap, cap=1, days=1), [-1]),
    ("TimeframeCap", "days"): (_value(pc.TimeframeCap, cap=1, days=1), [-1]),
    ("QuietTime", "start"): (_value(pc.QuietTime, start="22:00", end="07:00"), ["", "24:00"]),
    ("GpsPoint", "latitude"): (
        _value(pc.GpsPoint, latitude=0.0, longitude=0.0, range_km=1.0),
        [-90.5, 90.5],
    ),
    ("GpsPoint", "longitude"): (
        _value(pc.GpsPoint, latitude=0.0, longitude=0.0, range_km=1.0),
        [-180.5, 180.5],
    ),
    ("Treatment", "size_percent"): (
        _value(pc.Treatment, size_percent=10, schedule=pc.Schedule.immediate()),
        [-1, 101],
    ),
}


@pytest.fixture(scope="module")
def fuzz_stack() -> dict[str, Any]:
    app = cdk.App()
    stack = cdk.Stack(app, "Fuzz", env=cdk.Environment(account="123456789012", region="us-east-1"))
    project = pc.PinpointApp(stack, "Project")
    stream = kinesis.Stream(stack, "Stream")
    return {"stack": stack, "app": project, "stream": stream, "count": [0]}


def test_each_baseline_is_valid(fuzz_stack: dict[str, Any]) -> None:
    """The baselines build: an error in layer 2 is the replaced prop's, not the baseline's."""
    for index, build in enumerate({build for build, _ in OUT_OF_RANGE.values()}):
        build(fuzz_stack["stack"], f"Baseline{index}", fuzz_stack["app"], fuzz_stack["stream"])


def _refuses(where: dict[str, Any], key: tuple[str, str], value: Any) -> None:
    build, _ = OUT_OF_RANGE[key]
    where["count"][0] += 1
    prop = key[1]
    try:
        build(
            where["stack"], f"C{where['count'][0]}", where["app"], where["stream"], **{prop: value}
        )
    except (TypeError, ValueError) as error:
        assert prop in str(error), f"{key}={value!r}: the error does not name {prop}: {error}"
    else:
        pytest.fail(f"{key[0]}({prop}={value!r}) was accepted")


def test_every_out_of_range_value_is_refused_naming_the_prop(fuzz_stack: dict[str, Any]) -> None:
    for key, (_, values) in OUT_OF_RANGE.items():
        for value in values:
            _refuses(fuzz_stack, key, value)


@settings(max_examples=60, derandomize=True, deadline=None, database=None)
@given(data=st.data())
def test_generated_out_of_range_numbers_are_refused_naming_the_prop(
    fuzz_stack: dict[str, Any], data: st.DataObject
) -> None:
    """Hypothesis pushes the numeric props past their bounds: any integer below the minimum
    or above the maximum."""
    key, minimum, maximum = data.draw(st.sampled_from(_INT_BOUNDS), label="prop")
    value = data.draw(
        st.one_of(st.integers(max_value=minimum - 1), st.integers(min_value=maximum + 1)),
        label="value",
    )
    _refuses(fuzz_stack, key, value)


#: ``(construct, prop), minimum, maximum`` of integer props (the documented bounds).
_INT_BOUNDS: list[tuple[tuple[str, str], int, int]] = [
    (("CustomChannel.webhook", "max_concurrency"), 1, 50),
    (("CustomChannel.webhook", "max_attempts"), 1, 10),
    (("EngagementEventProcessor", "batch_size"), 1, 10_000),
    (("EngagementEventProcessor", "retry_attempts"), 0, 10_000),
    (("EngagementEventProcessor", "parallelization_factor"), 1, 10),
    (("EngagementMetrics", "batch_size"), 1, 10_000),
    (("Holdout", "percentage"), 0, 100),
    (("Treatment", "size_percent"), 0, 100),
]
