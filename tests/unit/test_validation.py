"""The helpers every construct shares: ``_validation`` (props), ``_permissions`` (invoke
ordering), ``app.same_project`` and ``templates.base.check_template``. One behaviour each; the
constructs' own tests cover how they word their props."""

from __future__ import annotations

import enum
import re
from datetime import UTC, date, datetime, timedelta, timezone

import aws_cdk as cdk
import pytest
from aws_cdk import aws_iam as iam
from aws_cdk import aws_lambda as lambda_
from aws_cdk.assertions import Template

from pinpoint_constructs import PinpointApp
from pinpoint_constructs._validation import (
    check_attribute_name,
    check_duration_hours,
    check_http_header_name,
    check_https_url,
    check_int,
    check_non_empty_strings,
    check_number,
    check_origination_number,
    check_sender_id,
    check_short_code,
    duration_seconds,
    iso_instant,
    iso_timestamp,
    non_empty_strings,
    positive_duration_seconds,
    require_bool,
    require_enum,
    require_instance,
    require_non_empty,
    require_str,
)
from pinpoint_constructs.pinpoint._permissions import (
    allow_pinpoint_invoke,
    depend_on_invoke_permissions,
)
from pinpoint_constructs.pinpoint.app import same_project
from pinpoint_constructs.pinpoint.templates import EmailTemplate, SmsTemplate
from pinpoint_constructs.pinpoint.templates.base import TemplateType, check_template

STRING_TOKEN = cdk.Aws.ACCOUNT_ID
NUMBER_TOKEN = cdk.Token.as_number(cdk.Aws.ACCOUNT_ID)


def exactly(message: str) -> str:
    return f"^{re.escape(message)}$"


# ---- types -------------------------------------------------------------------------------


def test_require_bool_accepts_a_bool():
    assert require_bool("flag", False) is False


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({}, "flag must be a bool, got str: 'yes'"),
        ({"expected": "True or False"}, "flag must be True or False, got str: 'yes'"),
        ({"show_type": False}, "flag must be a bool, got 'yes'"),
    ],
)
def test_require_bool_wording(kwargs, message):
    with pytest.raises(TypeError, match=exactly(message)):
        require_bool("flag", "yes", **kwargs)


def test_require_str_optional_and_required():
    assert require_str("name", None) is None
    with pytest.raises(TypeError, match=exactly("name must be a string, got NoneType: None")):
        require_str("name", None, optional=False)
    with pytest.raises(TypeError, match=exactly("name must be a string, got int: 3")):
        require_str("name", 3)


def test_require_non_empty_rejects_blank_and_lets_tokens_pass():
    with pytest.raises(ValueError, match=exactly("name must not be empty, got '  '")):
        require_non_empty("name", "  ")
    assert require_non_empty("name", STRING_TOKEN) == STRING_TOKEN


class Colour(enum.Enum):
    RED = "RED"
    BLUE = "BLUE"


class OtherColour(enum.Enum):
    RED = "RED"
    GREEN = "GREEN"


def test_require_instance_names_the_type_with_its_article():
    require_instance("colour", None, Colour)
    with pytest.raises(TypeError, match=exactly("colour must be a Colour, got str: 'RED'")):
        require_instance("colour", "RED", Colour)
    with pytest.raises(TypeError, match=exactly("when must be an Instant, got int: 1")):
        require_instance("when", 1, type("Instant", (), {}))


def test_require_enum_accepts_a_member_of_an_enum_with_the_same_value():
    assert require_enum("colour", Colour.BLUE, Colour) is Colour.BLUE
    assert require_enum("colour", OtherColour.RED, Colour) is Colour.RED


def test_require_enum_lists_the_choices():
    with pytest.raises(
        TypeError,
        match=exactly(
            "colour must be a Colour (RED, BLUE), got OtherColour: <OtherColour.GREEN: 'GREEN'>"
        ),
    ):
        require_enum("colour", OtherColour.GREEN, Colour)


# ---- numbers -----------------------------------------------------------------------------


@pytest.mark.parametrize("value", [True, "1", float("nan"), float("inf")])
def test_check_number_rejects_what_is_not_a_finite_number(value):
    with pytest.raises(ValueError, match=exactly(f"x must be a finite number, got {value!r}")):
        check_number("x", value)


def test_check_int_accepts_whole_numbers_and_tokens():
    check_int("n", None, 0, 10)
    check_int("n", 10, 0, 10)
    check_int("n", 4.0, 0, 10)
    check_int("n", NUMBER_TOKEN, 0, 10)


@pytest.mark.parametrize(
    ("value", "kwargs", "error", "message"),
    [
        (None, {"optional": False}, TypeError, "n must be a whole number, got NoneType: None"),
        (True, {}, TypeError, "n must be a whole number, got bool: True"),
        ("3", {}, TypeError, "n must be a whole number, got str: '3'"),
        (2.5, {}, ValueError, "n must be a whole number, got 2.5"),
        (11, {}, ValueError, "n must be between 0 and 10, got 11"),
        (float("inf"), {}, ValueError, "n must be a finite number, got inf"),
    ],
)
def test_check_int_rejects(value, kwargs, error, message):
    with pytest.raises(error, match=exactly(message)):
        check_int("n", value, 0, 10, **kwargs)


def test_check_int_without_maximum():
    with pytest.raises(ValueError, match=exactly("n must be at least 1, got 0")):
        check_int("n", 0, 1)


# ---- strings -----------------------------------------------------------------------------


def test_check_non_empty_strings_lets_tokens_pass():
    check_non_empty_strings("tags", ["a", STRING_TOKEN])
    with pytest.raises(ValueError, match=exactly("tags values must be non-empty strings, got ''")):
        check_non_empty_strings("tags", ["a", ""])


def test_non_empty_strings_returns_a_tuple():
    assert non_empty_strings("tags", ["a", "b"]) == ("a", "b")


@pytest.mark.parametrize(
    ("values", "error", "message"),
    [
        ("ab", TypeError, "tags must be a sequence of strings, got the string 'ab'"),
        ([], ValueError, "tags needs at least 1 value, got none"),
        ([3], ValueError, "tags values must be non-empty strings, got 3"),
    ],
)
def test_non_empty_strings_rejects(values, error, message):
    with pytest.raises(error, match=exactly(message)):
        non_empty_strings("tags", values)


# ---- durations ---------------------------------------------------------------------------


def test_duration_seconds_returns_seconds_and_passes_none():
    assert duration_seconds("d", cdk.Duration.minutes(2)) == 120
    assert duration_seconds("d", None) is None


@pytest.mark.parametrize(
    ("value", "bounds", "message"),
    [
        (cdk.Duration.seconds(30), (60, None), "d must be at least 60 seconds, got 30 seconds"),
        (cdk.Duration.seconds(301), (0, 300), "d must be 0 to 300 seconds, got 5 minutes 1 second"),
        (
            cdk.Duration.seconds(301),
            (None, 300),
            "d must be at most 300 seconds, got 5 minutes 1 second",
        ),
    ],
)
def test_duration_seconds_bounds(value, bounds, message):
    with pytest.raises(ValueError, match=exactly(message)):
        duration_seconds("d", value, *bounds)


def test_duration_seconds_needs_a_duration():
    with pytest.raises(TypeError, match=exactly("d must be an aws_cdk.Duration, got int: 5")):
        duration_seconds("d", 5)  # type: ignore[arg-type]


def test_positive_duration_seconds():
    assert positive_duration_seconds("d", cdk.Duration.hours(1)) == 3600
    assert positive_duration_seconds("d", None) is None
    with pytest.raises(ValueError, match=exactly("d must be positive, got 0 seconds")):
        positive_duration_seconds("d", cdk.Duration.seconds(0))


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (cdk.Duration.hours(23), "r must be 24 to 48 whole hours, got 23 hours"),
        (cdk.Duration.minutes(25 * 60 + 30), "r must be 24 to 48 whole hours, got 25.5 hours"),
    ],
)
def test_check_duration_hours(value, message):
    check_duration_hours("r", cdk.Duration.hours(24), 24, 48)
    with pytest.raises(ValueError, match=exactly(message)):
        check_duration_hours("r", value, 24, 48)


# ---- points in time ----------------------------------------------------------------------


def test_iso_timestamp_keeps_the_offset():
    at = datetime(2026, 3, 2, 9, 0, 0, 123, tzinfo=timezone(timedelta(hours=1)))
    assert iso_timestamp("start", at) == "2026-03-02T09:00:00+01:00"


@pytest.mark.parametrize(
    ("value", "error", "message"),
    [
        (
            date(2026, 3, 2),
            TypeError,
            "start must be a datetime.datetime, got date: datetime.date(2026, 3, 2)",
        ),
        (
            datetime(2026, 3, 2, 9),
            ValueError,
            "start must carry a time zone (for example datetime(2026, 1, 1, tzinfo=UTC)), "
            "got the naive datetime 2026-03-02T09:00:00",
        ),
    ],
)
def test_iso_timestamp_rejects(value, error, message):
    with pytest.raises(error, match=exactly(message)):
        iso_timestamp("start", value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (datetime(2024, 5, 1, 14, tzinfo=timezone(timedelta(hours=2))), "2024-05-01T12:00:00Z"),
        (date(2024, 5, 1), "2024-05-01T00:00:00Z"),
        ("2024-05-01", "2024-05-01T00:00:00Z"),
        ("2024-05-01T12:00:00Z", "2024-05-01T12:00:00Z"),
        (datetime(2024, 5, 1, tzinfo=UTC), "2024-05-01T00:00:00Z"),
    ],
)
def test_iso_instant_is_utc(value, expected):
    assert iso_instant("v", value) == expected


def test_iso_instant_rejects_a_naive_date_time():
    with pytest.raises(ValueError, match=re.escape("v must have a time zone")):
        iso_instant("v", "2024-05-01T12:00:00")


# ---- URLs and HTTP -----------------------------------------------------------------------


def test_check_https_url_accepts_https_and_tokens():
    check_https_url("url", "https://hooks.example.com:8443/p?q=1", allow_http=False)
    check_https_url("url", "http://127.0.0.1:8080/", allow_http=True)
    check_https_url("url", STRING_TOKEN, allow_http=False)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            "http://example.com",
            "url must start with https:// (pass allow_http=True to allow plain http://), "
            "got 'http://example.com'",
        ),
        ("ftp://example.com", "url must start with https://, got 'ftp://example.com'"),
        ("https://", "url must name a host, got 'https://'"),
        ("https://example.com:x/", "url has an invalid port, got 'https://example.com:x/'"),
        (
            "https://example.com/a b",
            "url must not contain whitespace or control characters, got 'https://example.com/a b'",
        ),
    ],
)
def test_check_https_url_rejects(value, message):
    with pytest.raises(ValueError, match=exactly(message)):
        check_https_url("url", value, allow_http=False, http_opt_in="allow_http=True")


def test_check_https_url_names_no_opt_in_where_there_is_none():
    with pytest.raises(
        ValueError, match=exactly("url must start with https://, got 'http://example.com'")
    ):
        check_https_url("url", "http://example.com")


def test_check_https_url_appends_the_credential_hint():
    with pytest.raises(ValueError) as error:
        check_https_url("url", "https://u:p@example.com/", credential_hint="use auth_header_secret")
    assert str(error.value) == (
        "url must not contain credentials (user:password@), got a URL for host "
        "'example.com'; use auth_header_secret"
    )


def test_check_https_url_does_not_echo_credentials():
    with pytest.raises(ValueError) as error:
        check_https_url("url", "https://user:s3cret@example.com/", allow_http=False)
    assert "s3cret" not in str(error.value)
    assert "must not contain credentials" in str(error.value)


def test_check_http_header_name():
    check_http_header_name("header", "X-Api-Key")
    with pytest.raises(
        ValueError, match=exactly("header must be an HTTP header name (a token), got 'X Key'")
    ):
        check_http_header_name("header", "X Key")


# ---- SMS origination identities ----------------------------------------------------------


@pytest.mark.parametrize("value", ["ExampleCo", "A", "Ab-12345678", "1a", "-Ab", "Ab-", "A_b"])
def test_check_sender_id_accepts(value):
    check_sender_id("sender_id", value)


@pytest.mark.parametrize("value", ["12345", "1-2", "ExampleCo123", "Ex ample", "Ex.Co"])
def test_check_sender_id_rejects(value):
    with pytest.raises(ValueError, match=re.escape("sender_id must be 1 to 11 letters")):
        check_sender_id("sender_id", value)


def test_check_short_code():
    check_short_code("short_code", "12345")
    with pytest.raises(ValueError, match=exactly("short_code must be 4 to 7 digits, got '123'")):
        check_short_code("short_code", "123")


@pytest.mark.parametrize(
    "value", ["+12065550100", "12065550100", "2065550100", "12345", "01234", None]
)
def test_check_origination_number_accepts(value):
    """E.164 is recommended, not required (Pinpoint's OriginationNumber documentation)."""
    check_origination_number("number", value)


@pytest.mark.parametrize(
    "value",
    ["+02065550100", "+1 206 555 0100", "1", "+1", "abc", "", "+\u0661\u0662\u0660\u0666"],
)
def test_check_origination_number_rejects(value):
    with pytest.raises(
        ValueError,
        match=exactly(
            "number must be a phone number (+12065550100; E.164 is recommended, the + is "
            f"optional) or a 4 to 7 digit short code, got {value!r}"
        ),
    ):
        check_origination_number("number", value)


# ---- attribute names ---------------------------------------------------------------------


def test_check_attribute_name():
    check_attribute_name("attributes", "City")
    with pytest.raises(
        ValueError, match=exactly("attributes names must be non-empty strings, got ' '")
    ):
        check_attribute_name("attributes", " ")
    with pytest.raises(ValueError, match=re.escape("Pinpoint attribute names are at most 50")):
        check_attribute_name("attributes", "a" * 51)


# ---- projects, permissions, templates ------------------------------------------------------


def test_same_project(stack):
    first = PinpointApp(stack, "First")
    second = PinpointApp(stack, "Second")
    imported = PinpointApp.from_app_id(stack, "Imported", "abc123")
    assert same_project(first, first)
    assert not same_project(first, second)
    assert same_project(first, imported)  # unknown: the import may be this project
    assert same_project(imported, PinpointApp.from_app_id(stack, "Again", "abc123"))
    assert not same_project(imported, PinpointApp.from_app_id(stack, "Other", "def456"))


def _function(scope: cdk.Stack, id: str) -> lambda_.IFunction:
    return lambda_.Function.from_function_attributes(
        scope,
        id,
        function_arn="arn:aws:lambda:us-east-1:123456789012:function:deliver",
        same_environment=True,
    )


def test_depend_on_invoke_permissions_orders_the_resource_after_the_permission(stack):
    app = PinpointApp(stack, "App")
    function = _function(stack, "Fn")
    allow_pinpoint_invoke(app, function, app)
    waiter = cdk.CfnResource(stack, "Waiter", type="AWS::SNS::Topic")
    depend_on_invoke_permissions(waiter, function)
    template = Template.from_stack(stack)
    (permission,) = template.find_resources("AWS::Lambda::Permission")
    assert template.find_resources("AWS::SNS::Topic")["Waiter"]["DependsOn"] == [permission]


def test_depend_on_invoke_permissions_ignores_another_stacks_function(stack):
    function = _function(cdk.Stack(stack.node.root, "Other"), "Fn")
    function.add_permission("Invoke", principal=iam.ServicePrincipal("pinpoint.amazonaws.com"))
    waiter = cdk.CfnResource(stack, "Waiter", type="AWS::SNS::Topic")
    assert any(isinstance(c, lambda_.CfnPermission) for c in function.node.children)
    depend_on_invoke_permissions(waiter, function)
    assert waiter.node.dependencies == []


def test_check_template(stack):
    email = EmailTemplate(stack, "Email", subject="Hi", text="Hello")
    sms = SmsTemplate(stack, "Sms", body="Hi")
    kwargs = {"prop": "email template", "hint": "an ITemplate", "mismatch": "SendEmail needs"}
    assert check_template(email, TemplateType.EMAIL, **kwargs) is email
    with pytest.raises(
        TypeError,
        match=exactly("email template must be a message template (an ITemplate), got str: 'x'"),
    ):
        check_template("x", TemplateType.EMAIL, **kwargs)
    with pytest.raises(
        ValueError, match=re.escape("SendEmail needs an EMAIL template, got template")
    ):
        check_template(sms, TemplateType.EMAIL, **kwargs)
