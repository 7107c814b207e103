"""The ``@checked_props`` mechanism (``pinpoint_constructs._props``) and the shared tag and
helper checks it works with: each rule refuses with the prop name and the value."""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from typing import Protocol

import aws_cdk as cdk
import pytest
from aws_cdk import aws_lambda as lambda_

from pinpoint_constructs import CustomChannel, DeliverabilityAlarms, PinpointApp
from pinpoint_constructs._props import MARK, checked_props
from pinpoint_constructs._validation import (
    check_length,
    check_non_empty_strings,
    check_pattern,
    check_range,
    check_tags,
)


class Colour(enum.Enum):
    RED = "red"
    BLUE = "blue"


class OtherColour(enum.Enum):
    RED = "red"


class IThing(Protocol):
    @property
    def thing_id(self) -> str: ...

    @property
    def thing_arn(self) -> str: ...


class Thing:
    thing_id = "t"
    thing_arn = "arn:t"


@checked_props
class Props:
    def __init__(
        self,
        *,
        count: int | None = None,
        rate: float = 0.5,
        name: str = "n",
        flag: bool = False,
        colour: Colour = Colour.RED,
        names: Sequence[str] = (),
        labels: Mapping[str, int] | None = None,
        thing: IThing | None = None,
        function: lambda_.IFunction | None = None,
        timeout: cdk.Duration | None = None,
        secret: cdk.SecretValue | None = None,
        either: int | str = 1,
    ) -> None:
        self.count = count

    @staticmethod
    def of(count: int) -> Props:
        return Props(count=count)


@pytest.mark.parametrize(
    ("props", "error", "message"),
    [
        ({"count": True}, TypeError, "count must be an int, got bool: True"),
        ({"count": 1.5}, TypeError, "count must be an int, got float: 1.5"),
        ({"count": float("nan")}, ValueError, "count must be an int, got float: nan"),
        ({"count": "3"}, TypeError, "count must be an int, got str: '3'"),
        ({"rate": True}, TypeError, "rate must be a number, got bool: True"),
        ({"rate": float("nan")}, ValueError, "rate must be a finite number, got nan"),
        ({"rate": float("-inf")}, ValueError, "rate must be a finite number, got -inf"),
        ({"name": None}, TypeError, "name must be a string, got None"),
        ({"flag": 1}, TypeError, "flag must be a bool, got int: 1"),
        ({"colour": "red"}, TypeError, r"colour must be a Colour \(RED, BLUE\), got str: 'red'"),
        ({"names": "abc"}, TypeError, "names must be a sequence of strings, got the string 'abc'"),
        ({"names": ["a", 2]}, TypeError, r"names\[1\] must be a string, got int: 2"),
        ({"labels": {"a": "1"}}, TypeError, r"labels\['a'\] must be an int, got str: '1'"),
        ({"labels": {1: 1}}, TypeError, "labels key 1 must be a string, got int: 1"),
        ({"thing": "t"}, TypeError, "thing must be an IThing, got str: 't'"),
        ({"thing": object()}, TypeError, "thing must be an IThing, got object: <object"),
        ({"function": "arn"}, TypeError, "function must be an aws_lambda.IFunction, got str"),
        ({"timeout": 5}, TypeError, "timeout must be an aws_cdk.Duration, got int: 5"),
        ({"secret": "hunter2"}, TypeError, r"secret must be an aws_cdk\.SecretValue .* got str$"),
        ({"either": 1.5}, TypeError, "either must be an int or a string, got float: 1.5"),
    ],
)
def test_wrong_props_are_refused_with_the_prop_and_the_value(
    props: dict[str, object], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        Props(**props)


def test_a_secret_is_never_echoed() -> None:
    with pytest.raises(TypeError) as raised:
        Props(secret="hunter2")  # type: ignore[arg-type]
    assert "hunter2" not in str(raised.value)


def test_right_props_pass() -> None:
    Props(
        count=3,
        rate=1,
        name="",
        flag=True,
        colour=OtherColour.RED,  # a sibling enum's member with one of its values
        names=("a",),
        labels={"a": 1},
        thing=Thing(),
        timeout=cdk.Duration.seconds(1),
        secret=cdk.SecretValue.unsafe_plain_text("x"),
        either="s",
    )


def test_tokens_pass_where_cdk_takes_them() -> None:
    number = cdk.Token.as_number(cdk.Aws.ACCOUNT_ID)
    Props(count=number, rate=number, name=cdk.Aws.REGION, names=cdk.Token.as_list("x"))


def test_an_instance_attribute_satisfies_an_interface() -> None:
    thing = type("Bare", (), {})()
    thing.thing_id = "t"
    with pytest.raises(TypeError, match="thing must be an IThing"):
        Props(thing=thing)
    thing.thing_arn = "arn"
    Props(thing=thing)


def test_factories_and_positional_arguments_are_checked() -> None:
    with pytest.raises(TypeError, match=r"count must be an int, got float: 2\.5"):
        Props.of(2.5)
    assert Props.of(2).count == 2


def test_the_decorator_marks_what_it_covers() -> None:
    assert getattr(Props, MARK) is True
    assert hasattr(Props.__init__, MARK)

    class Uncovered:
        def __init__(self, *, count: int) -> None: ...

    assert not hasattr(Uncovered.__init__, MARK)


# ---- on the constructs -------------------------------------------------------------------


@pytest.fixture
def stack() -> cdk.Stack:
    return cdk.Stack(cdk.App(), "S")


def test_a_missing_app_is_named(stack: cdk.Stack) -> None:
    with pytest.raises(TypeError, match=r"^app must be an IPinpointApp, got None$"):
        CustomChannel.webhook(stack, "C", app=None, url="https://x.example.com")  # type: ignore[arg-type]


@pytest.mark.parametrize("value", [1.5, True])
def test_webhook_concurrency_and_attempts_are_whole_numbers(
    stack: cdk.Stack, value: object
) -> None:
    app = PinpointApp(stack, "App")
    for prop in ("max_concurrency", "max_attempts"):
        with pytest.raises(TypeError, match=f"^{prop} must be an int, got"):
            CustomChannel.webhook(stack, "C", app=app, url="https://x.example.com", **{prop: value})


def test_a_nan_threshold_is_a_clean_value_error(stack: cdk.Stack) -> None:
    with pytest.raises(ValueError, match="bounce_rate_threshold must be a finite number, got nan"):
        DeliverabilityAlarms(stack, "Alarms", bounce_rate_threshold=float("nan"))
    # The jsii kernel still answers.
    cdk.Stack(stack.node.scope, "After")  # type: ignore[arg-type]


# ---- shared helpers refuse wrong types by name -------------------------------------------


@pytest.mark.parametrize(
    ("check", "message"),
    [
        (lambda: check_length("name", 5, 10), "name must be a string, got int: 5"),
        (lambda: check_pattern("code", 12, __import__("re").compile("x"), "x"), "code must be"),
        (lambda: check_range("rate", "1", 0, 1), "rate must be a number, got str: '1'"),
        (lambda: check_range("rate", True, 0, 1), "rate must be a number, got bool: True"),
        (lambda: check_non_empty_strings("names", 5), "names must be a list of strings"),
    ],
)
def test_helpers_refuse_wrong_types_by_prop(check: object, message: str) -> None:
    with pytest.raises(TypeError, match=message):
        check()  # type: ignore[operator]


# ---- tags, as CloudFormation's Tag type documents them -----------------------------------


@pytest.mark.parametrize(
    ("tags", "error", "message"),
    [
        ({"": "v"}, ValueError, "tags key must be 1 to 128 characters long, got 0"),
        ({"k" * 129: "v"}, ValueError, "tags key must be 1 to 128 characters long, got 129"),
        ({"aws:team": "v"}, ValueError, "tags keys must not start with aws:"),
        ({"AWS:team": "v"}, ValueError, "tags keys must not start with aws:"),
        ({"team": "v" * 257}, ValueError, r"tags\['team'\] must be 0 to 256 characters long"),
        ({"team": 5}, TypeError, r"tags\['team'\] must be a string, got int: 5"),
        ({5: "v"}, TypeError, "tags key must be a string, got int: 5"),
        ({f"k{i}": "v" for i in range(51)}, ValueError, "tags must hold at most 50 tags, got 51"),
        (["team"], TypeError, "tags must be a mapping of str to str, got list"),
    ],
)
def test_tags_are_checked_as_cloudformation_does(
    tags: object, error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        check_tags("tags", tags)


def test_valid_tags_pass() -> None:
    check_tags("tags", {"team": "", "k" * 128: "v" * 256, "awsome": "yes"})
    check_tags("tags", None)


def test_construct_tags_use_the_shared_check(stack: cdk.Stack) -> None:
    with pytest.raises(ValueError, match="tags keys must not start with aws:"):
        PinpointApp(stack, "App", tags={"aws:team": "growth"})


def test_an_unknown_pinpoint_event_type_is_refused_as_an_opt_out(stack: cdk.Stack) -> None:
    from aws_cdk import aws_kinesis as kinesis

    from pinpoint_constructs import EngagementEventProcessor

    app = PinpointApp(stack, "App")
    stream = kinesis.Stream(stack, "Stream")
    with pytest.raises(ValueError, match=r"opt_out_event_types must name Pinpoint's email and SMS"):
        EngagementEventProcessor(
            stack, "P", app=app, stream=stream, opt_out_event_types=["_email.nope"]
        )
    # An app's own event (no underscore prefix) is the user's to name.
    EngagementEventProcessor(
        stack, "Q", app=app, stream=stream, opt_out_event_types=["newsletter.unsubscribe"]
    )
