"""The message template helpers Amazon Pinpoint supports, implemented in Python.

Source: "Using message template helpers", Amazon Pinpoint User Guide
(https://docs.aws.amazon.com/pinpoint/latest/userguide/message-template-helpers.html).
It lists four groups, all implemented here:

* default helpers: the Handlebars built-ins (``each``, ``if``, and the rest of
  handlebars.js's built-in set: ``unless``, ``with``, ``lookup``, ``log``);
* conditional helpers: ``and``, ``eq``, ``gt``, ``gte``, ``if``, ``lt``, ``lte``, ``neq``,
  ``not``, ``or``;
* string helpers: ``abbreviate``, ``capitalize``, ``capitalizeFirst``, ``center``, ``cut``,
  ``dateFormat``, ``inflect``, ``join``, ``ljust``, ``lower``, ``now``, ``ordinalize``,
  ``replace``, ``rjust``, ``slugify``, ``stripTags``, ``substring``, ``upper``, ``yesno``;
* math and encoding helpers: ``add``, ``ceiling``, ``decode64``, ``divide``, ``encode64``,
  ``floor``, ``md5``, ``modulo``, ``multiply``, ``round``, ``sha256``, ``sha512``,
  ``subtract``, ``uuid``.

Inline partials (``{{#*inline "name"}}...{{/inline}}`` and ``{{> name}}``), which the guide
also documents, are handled by the renderer itself.

Where the guide is silent, behaviour follows Handlebars.java's helpers of the same names
(the guide's ``SimpleDateFormat`` patterns and ``yes=``/``no=`` options come from there),
adjusted for Pinpoint's data: endpoint attributes are lists of strings, so numeric strings
compare as numbers and ``"true"``/``"false"`` count as booleans for ``yesno``. A missing
value (``null``/undefined) makes a string helper render nothing. Misuse (a non-number in a
math helper, an unknown time zone, a bad date) raises :class:`HandlebarsRuntimeError`.

A few examples in the guide are themselves inconsistent and are not reproduced literally:
``{{decode64 ...}}`` is shown as ``{{encode64 ...}}``, the Base64 and MD5 examples are of
"Hello world" while the input reads "Hello World", September 19, 2020 was a Saturday (the
guide says Tuesday), Java's ``medium`` style abbreviates September as "Sep" (the guide
says "Sept"), and unquoted arguments such as ``tz=America/Los_Angeles`` or
``{{inflect 3 apple apples}}`` are variable lookups in Handlebars: quote them.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import math
import re
import uuid as _uuid
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any, Final

from ._dates import format_date, time_zone, to_datetime
from ._errors import HandlebarsRuntimeError
from ._js import UNDEFINED, is_array, is_nullish, is_number, to_string, truthy
from ._runtime import BUILTIN_HELPERS, Helper, HelperOptions
from .engine import Template, parse, render

#: The guide's helper groups (``default`` are the Handlebars built-ins).
DOCUMENTED_HELPERS: Final[Mapping[str, frozenset[str]]] = {
    "default": frozenset(BUILTIN_HELPERS),
    "conditional": frozenset({"and", "eq", "gt", "gte", "if", "lt", "lte", "neq", "not", "or"}),
    "string": frozenset(
        {
            "abbreviate",
            "capitalize",
            "capitalizeFirst",
            "center",
            "cut",
            "dateFormat",
            "inflect",
            "join",
            "ljust",
            "lower",
            "now",
            "ordinalize",
            "replace",
            "rjust",
            "slugify",
            "stripTags",
            "substring",
            "upper",
            "yesno",
        }
    ),
    "math_and_encoding": frozenset(
        {
            "add",
            "ceiling",
            "decode64",
            "divide",
            "encode64",
            "floor",
            "md5",
            "modulo",
            "multiply",
            "round",
            "sha256",
            "sha512",
            "subtract",
            "uuid",
        }
    ),
}

#: Every helper name a Pinpoint message template may use (the built-ins included).
SUPPORTED_HELPERS: Final[frozenset[str]] = frozenset().union(*DOCUMENTED_HELPERS.values())

_NUMERIC: Final = re.compile(r"\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*\Z")
_TAG: Final = re.compile(r"<[^>]*>", re.DOTALL)
_SLUG_DROP: Final = re.compile(r"[^\w\s-]")
_SLUG_JOIN: Final = re.compile(r"[-\s]+")
_RESULT_DECIMALS: Final = 8


# -- argument handling -------------------------------------------------------------------


def _split(name: str, args: tuple[Any, ...]) -> tuple[list[Any], HelperOptions]:
    options = args[-1] if args else None
    if not isinstance(options, HelperOptions):
        raise HandlebarsRuntimeError(f"{name} must be called from a template")
    return list(args[:-1]), options


def _param(name: str, params: list[Any], index: int, what: str) -> Any:
    if index >= len(params):
        raise HandlebarsRuntimeError(f"{name} needs {what} (argument {index + 1})")
    return params[index]


def _text(value: Any) -> str:
    """A template value as text: lists join with "," as in JavaScript; missing is ""."""
    return "" if is_nullish(value) else to_string(value)


def _numeric(value: Any) -> float | None:
    """A number, a numeric string, or a one-item list of either, as a float."""
    if is_array(value) and len(value) == 1:
        value = value[0]
    if is_number(value):
        return float(value)
    if isinstance(value, str) and _NUMERIC.match(value):
        return float(value)
    return None


def _number(name: str, value: Any) -> float:
    number = _numeric(value)
    if number is None or math.isnan(number):
        raise HandlebarsRuntimeError(f"{name} expects a number, got {_text(value)!r}")
    return number


def _integer(name: str, value: Any, what: str) -> int:
    number = _number(name, value)
    if not number.is_integer() or number < 0:
        raise HandlebarsRuntimeError(
            f"{name} expects a non-negative whole number for {what}, got {_text(value)!r}"
        )
    return int(number)


def _result(number: float) -> int | float:
    """A math result: rounded to 8 decimal places (``{{divide 5 2.3}}`` -> 2.17391304)."""
    if math.isinf(number) or math.isnan(number):
        raise HandlebarsRuntimeError("the result is not a finite number")
    rounded = round(float(number), _RESULT_DECIMALS)
    return int(rounded) if rounded.is_integer() else rounded


def _falsy(value: Any) -> bool:
    """False for ``and``/``or``/``not`` as for ``if``: JavaScript falsy (0 too) or ``[]``."""
    return not truthy(value) or (is_array(value) and len(value) == 0)


def _conditional_result(result: bool, options: HelperOptions) -> Any:
    """Blocks render their body or ``{{else}}``; inline use gives ``yes``/``no`` (or a boolean)."""
    if options.fn is not None:
        if result:
            return options.fn(options.context)
        return options.inverse(options.context) if options.inverse else ""
    return options.hash.get("yes", True) if result else options.hash.get("no", False)


# -- conditional helpers -----------------------------------------------------------------


def _equal(left: Any, right: Any) -> bool:
    if is_nullish(left) or is_nullish(right):
        return is_nullish(left) and is_nullish(right)
    if isinstance(left, bool) or isinstance(right, bool):
        return isinstance(left, bool) and isinstance(right, bool) and left is right
    if is_number(left) or is_number(right):
        left_number, right_number = _numeric(left), _numeric(right)
        return left_number is not None and left_number == right_number
    return bool(left == right)


def _compare(left: Any, right: Any) -> int | None:
    """-1, 0 or 1; numbers (and numeric strings) numerically, other values as text.

    ``None`` when either side is missing, which makes every comparison false.
    """
    if is_nullish(left) or is_nullish(right):
        return None
    left_number, right_number = _numeric(left), _numeric(right)
    if left_number is not None and right_number is not None:
        return (left_number > right_number) - (left_number < right_number)
    left_text, right_text = _text(left), _text(right)
    return (left_text > right_text) - (left_text < right_text)


def _comparison(name: str, test: Callable[[int], bool]) -> Helper:
    def helper(*args: Any) -> Any:
        params, options = _split(name, args)
        left = _param(name, params, 0, "two values")
        right = _param(name, params, 1, "two values")
        order = _compare(left, right)
        return _conditional_result(order is not None and test(order), options)

    helper.__name__ = name
    helper.__doc__ = f"``{{{{{name} a b}}}}`` / ``{{{{#{name} a b}}}}``: compare two values."
    return helper


def helper_eq(*args: Any) -> Any:
    """``{{eq a b}}``: the values are equal (a number equals its numeric string)."""
    params, options = _split("eq", args)
    left, right = _param("eq", params, 0, "two values"), _param("eq", params, 1, "two values")
    return _conditional_result(_equal(left, right), options)


def helper_neq(*args: Any) -> Any:
    """``{{neq a b}}``: the values are not equal."""
    params, options = _split("neq", args)
    left, right = _param("neq", params, 0, "two values"), _param("neq", params, 1, "two values")
    return _conditional_result(not _equal(left, right), options)


def helper_and(*args: Any) -> Any:
    """``{{and a b ...}}``: every value is truthy (not false, empty, 0 or an empty list)."""
    params, options = _split("and", args)
    _param("and", params, 0, "a value")
    return _conditional_result(all(not _falsy(value) for value in params), options)


def helper_or(*args: Any) -> Any:
    """``{{or a b ...}}``: at least one value is truthy."""
    params, options = _split("or", args)
    _param("or", params, 0, "a value")
    return _conditional_result(any(not _falsy(value) for value in params), options)


def helper_not(*args: Any) -> Any:
    """``{{not a}}``: the value is falsy (false, empty, 0, missing or an empty list)."""
    params, options = _split("not", args)
    return _conditional_result(_falsy(_param("not", params, 0, "a value")), options)


# -- string helpers ----------------------------------------------------------------------


def _string_helper(name: str, apply: Callable[[str, list[Any], HelperOptions], Any]) -> Helper:
    """A helper whose first argument is a text value; a missing value renders nothing."""

    def helper(*args: Any) -> Any:
        if len(args) == 2 and type(args[0]) is str and isinstance(args[1], HelperOptions):
            return apply(args[0], [args[0]], args[1])  # the common case, without the checks
        params, options = _split(name, args)
        value = _param(name, params, 0, "a value")
        if is_nullish(value):
            return ""
        return apply(_text(value), params, options)

    helper.__name__ = name
    helper.__doc__ = apply.__doc__
    return helper


def _pad(text: str, size: int, pad: str, left: bool) -> str:
    """Apache Commons ``StringUtils.leftPad``/``rightPad`` with a (possibly long) pad string."""
    pad = pad or " "
    missing = size - len(text)
    if missing <= 0:
        return text
    padding = (pad * (missing // len(pad) + 1))[:missing]
    return padding + text if left else text + padding


def _size(name: str, params: list[Any], options: HelperOptions, position: int) -> int:
    size = options.hash.get("size", UNDEFINED)
    if is_nullish(size):
        size = _param(name, params, position, "a size")
    return _integer(name, size, "the size")


def _abbreviate(text: str, params: list[Any], options: HelperOptions) -> str:
    """``{{abbreviate value 6}}``: truncate to 6 characters, the last three being "..."."""
    width = _integer("abbreviate", _param("abbreviate", params, 1, "a width"), "the width")
    if len(text) <= width:
        return text
    if width < 4:
        raise HandlebarsRuntimeError(f"abbreviate needs a width of at least 4, got {width}")
    return text[: width - 3] + "..."


def _capitalize_words(text: str, fully: bool) -> str:
    if fully:
        text = text.lower()
    out: list[str] = []
    at_word_start = True
    for char in text:
        out.append(char.title() if at_word_start else char)
        at_word_start = char.isspace()
    return "".join(out)


def _capitalize(text: str, params: list[Any], options: HelperOptions) -> str:
    """``{{capitalize value [fully=false]}}``: capitalize each whitespace-separated word."""
    return _capitalize_words(text, truthy(options.hash.get("fully", False)))


def _capitalize_first(text: str, params: list[Any], options: HelperOptions) -> str:
    """``{{capitalizeFirst value}}``: capitalize the first character."""
    return text[:1].title() + text[1:]


def _center(text: str, params: list[Any], options: HelperOptions) -> str:
    """``{{center value size=19 [pad=" "]}}``: center in a field of the given width."""
    size = _size("center", params, options, 1)
    pad = _text(options.hash.get("pad", " ")) or " "
    if size <= len(text):
        return text
    left = (size - len(text)) // 2
    return _pad(_pad(text, len(text) + left, pad, left=True), size, pad, left=False)


def _cut(text: str, params: list[Any], options: HelperOptions) -> str:
    """``{{cut value ["e"]}}``: remove every occurrence of the argument (default a space)."""
    target = _text(params[1]) if len(params) > 1 else " "
    return text.replace(target, "") if target else text


def _ljust(text: str, params: list[Any], options: HelperOptions) -> str:
    """``{{ljust value 15 [pad=" "]}}``: left-justify in a field of the given width."""
    return _pad(
        text, _size("ljust", params, options, 1), _text(options.hash.get("pad", " ")), False
    )


def _rjust(text: str, params: list[Any], options: HelperOptions) -> str:
    """``{{rjust value 15 [pad=" "]}}``: right-justify in a field of the given width."""
    return _pad(text, _size("rjust", params, options, 1), _text(options.hash.get("pad", " ")), True)


def _lower(text: str, params: list[Any], options: HelperOptions) -> str:
    """``{{lower value}}``: lower case."""
    return text.lower()


def _upper(text: str, params: list[Any], options: HelperOptions) -> str:
    """``{{upper value}}``: upper case."""
    return text.upper()


def _replace(text: str, params: list[Any], options: HelperOptions) -> str:
    """``{{replace value " " "_"}}``: replace every occurrence of a literal string."""
    target = _text(_param("replace", params, 1, "the text to replace"))
    replacement = _text(_param("replace", params, 2, "the replacement"))
    return text.replace(target, replacement) if target else text


def _slugify(text: str, params: list[Any], options: HelperOptions) -> str:
    """``{{slugify value}}``: lower case, non-word characters removed, spaces to hyphens."""
    cleaned = _SLUG_DROP.sub("", text).strip().lower()
    return _SLUG_JOIN.sub("-", cleaned)


def _strip_tags(text: str, params: list[Any], options: HelperOptions) -> str:
    """``{{stripTags value}}``: remove [X]HTML tags."""
    return _TAG.sub("", text)


def _substring(text: str, params: list[Any], options: HelperOptions) -> str:
    """``{{substring value 4 [9]}}``: characters from the start offset up to the end offset."""
    start = _integer("substring", _param("substring", params, 1, "a start offset"), "the start")
    end = _integer("substring", params[2], "the end") if len(params) > 2 else len(text)
    if start > end or end > len(text):
        raise HandlebarsRuntimeError(
            f"substring offsets {start}..{end} are out of range for a value of length {len(text)}"
        )
    return text[start:end]


def helper_join(*args: Any) -> Any:
    """``{{join list ", " [prefix=""] [suffix=""]}}``: join a list with a separator.

    With more arguments, ``{{join a b c " // "}}`` joins the values themselves.
    """
    params, options = _split("join", args)
    value = _param("join", params, 0, "a list")
    if not truthy(value):
        return ""
    _param("join", params, 1, "a separator")
    separator = params[-1]
    if not isinstance(separator, str):
        raise HandlebarsRuntimeError(f"join expects a separator string, got {_text(separator)!r}")
    items = list(value) if is_array(value) else [value, *params[1:-1]]
    prefix = _text(options.hash.get("prefix", ""))
    suffix = _text(options.hash.get("suffix", ""))
    return prefix + separator.join(_text(item) for item in items) + suffix


def helper_inflect(*args: Any) -> Any:
    """``{{inflect count "apple" "apples" [includeCount=false]}}``: singular for 1, else plural."""
    params, options = _split("inflect", args)
    count = _number("inflect", _param("inflect", params, 0, "a count"))
    singular = _text(_param("inflect", params, 1, "the singular"))
    plural = _text(_param("inflect", params, 2, "the plural"))
    word = singular if count == 1 else plural
    if truthy(options.hash.get("includeCount", False)):
        return f"{to_string(_result(count))} {word}"
    return word


def helper_ordinalize(*args: Any) -> Any:
    """``{{ordinalize 22}}``: ``22nd`` (1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, ...)."""
    params, _ = _split("ordinalize", args)
    number = _number("ordinalize", _param("ordinalize", params, 0, "a number"))
    if not number.is_integer():
        raise HandlebarsRuntimeError(f"ordinalize expects a whole number, got {number}")
    value = int(number)
    last_two = abs(value) % 100
    suffix = "th" if 11 <= last_two <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(last_two % 10, "th")
    return f"{value}{suffix}"


def helper_yesno(*args: Any) -> Any:
    """``{{yesno value [yes="yes"] [no="no"] [maybe="maybe"]}}``: true/false/missing as words."""
    params, options = _split("yesno", args)
    value: Any = params[0] if params else UNDEFINED
    if is_array(value) and len(value) == 1:
        value = value[0]
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        value = value.strip().lower() == "true"
    if is_nullish(value):
        return options.hash.get("maybe", "maybe")
    if not isinstance(value, bool):
        raise HandlebarsRuntimeError(f"yesno expects a boolean, got {_text(value)!r}")
    return options.hash.get("yes", "yes") if value else options.hash.get("no", "no")


def _date_pattern(params: list[Any], options: HelperOptions, position: int) -> str:
    for key in ("outputFormat", "format"):
        if not is_nullish(options.hash.get(key, UNDEFINED)):
            return _text(options.hash[key])
    if len(params) > position and not is_nullish(params[position]):
        return _text(params[position])
    return "medium"


def _zone(options: HelperOptions) -> Any:
    tz = options.hash.get("tz", UNDEFINED)
    return UTC if is_nullish(tz) else time_zone(tz)


def helper_date_format(*args: Any) -> Any:
    """``{{dateFormat date [inputFormat=pattern] [outputFormat=style] [tz=zone]}}``.

    ``date`` is an ISO 8601 string, epoch milliseconds, or text in ``inputFormat`` (a
    ``SimpleDateFormat`` pattern). ``outputFormat`` (or ``format``, or a second argument)
    is ``full``, ``long``, ``medium`` (default), ``short`` or a pattern; ``tz`` an IANA
    time zone id (default UTC).
    """
    params, options = _split("dateFormat", args)
    value = _param("dateFormat", params, 0, "a date")
    if is_nullish(value):
        return ""
    zone = _zone(options)
    input_format = options.hash.get("inputFormat", UNDEFINED)
    moment = to_datetime(value, None if is_nullish(input_format) else _text(input_format), zone)
    return format_date(moment.astimezone(zone), _date_pattern(params, options, 1))


def _now_helper(clock: Callable[[], datetime]) -> Helper:
    def helper_now(*args: Any) -> Any:
        """``{{now ["format"] [tz=zone]}}``: the current date (``medium`` style by default)."""
        params, options = _split("now", args)
        moment = clock()
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        return format_date(moment.astimezone(_zone(options)), _date_pattern(params, options, 0))

    return helper_now


# -- math and encoding helpers -----------------------------------------------------------


def _arithmetic(name: str, operation: Callable[[float, float], float]) -> Helper:
    def helper(*args: Any) -> Any:
        params, _ = _split(name, args)
        left = _number(name, _param(name, params, 0, "two numbers"))
        right = _number(name, _param(name, params, 1, "two numbers"))
        try:
            return _result(operation(left, right))
        except ZeroDivisionError as error:
            raise HandlebarsRuntimeError(f"{name}: division by zero") from error
        except ValueError:
            # math.fmod(x, 0) and math.fmod(inf, y): JavaScript's % gives NaN, a non-finite
            # result like any other (_result).
            raise HandlebarsRuntimeError("the result is not a finite number") from None

    helper.__name__ = name
    helper.__doc__ = f"``{{{{{name} a b}}}}``: arithmetic on two numbers."
    return helper


def _rounding(name: str, operation: Callable[[float], float]) -> Helper:
    def helper(*args: Any) -> Any:
        params, _ = _split(name, args)
        number = _number(name, _param(name, params, 0, "a number"))
        # An infinite number (e.g. "1e999") can't be rounded: _result refuses it as it does
        # every non-finite result.
        return _result(number if math.isinf(number) else operation(number))

    helper.__name__ = name
    helper.__doc__ = f"``{{{{{name} value}}}}``: round to a whole number."
    return helper


def _text_transform(name: str, operation: Callable[[str], str]) -> Helper:
    def helper(*args: Any) -> Any:
        params, _ = _split(name, args)
        return operation(_text(_param(name, params, 0, "a value")))

    helper.__name__ = name
    return helper


def _decode64(text: str) -> str:
    try:
        return base64.b64decode(text.encode("ascii"), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeError, ValueError) as error:
        raise HandlebarsRuntimeError(f"decode64: {text!r} is not Base64-encoded UTF-8") from error


def _digest(algorithm: str) -> Callable[[str], str]:
    def digest(text: str) -> str:
        return hashlib.new(algorithm, text.encode("utf-8")).hexdigest()

    return digest


def pinpoint_helpers(
    *,
    clock: Callable[[], datetime] | None = None,
    uuid_factory: Callable[[], str] | None = None,
) -> dict[str, Helper]:
    """The Pinpoint helpers (besides the Handlebars built-ins) as a ``helpers=`` mapping.

    ``clock`` (for ``now``) and ``uuid_factory`` (for ``uuid``) make previews repeatable;
    they default to the current UTC time and random UUIDs.
    """
    now = clock or (lambda: datetime.now(UTC))
    new_uuid = uuid_factory or (lambda: str(_uuid.uuid4()))
    return {
        # conditional
        "and": helper_and,
        "eq": helper_eq,
        "gt": _comparison("gt", lambda order: order > 0),
        "gte": _comparison("gte", lambda order: order >= 0),
        "lt": _comparison("lt", lambda order: order < 0),
        "lte": _comparison("lte", lambda order: order <= 0),
        "neq": helper_neq,
        "not": helper_not,
        "or": helper_or,
        # string
        "abbreviate": _string_helper("abbreviate", _abbreviate),
        "capitalize": _string_helper("capitalize", _capitalize),
        "capitalizeFirst": _string_helper("capitalizeFirst", _capitalize_first),
        "center": _string_helper("center", _center),
        "cut": _string_helper("cut", _cut),
        "dateFormat": helper_date_format,
        "inflect": helper_inflect,
        "join": helper_join,
        "ljust": _string_helper("ljust", _ljust),
        "lower": _string_helper("lower", _lower),
        "now": _now_helper(now),
        "ordinalize": helper_ordinalize,
        "replace": _string_helper("replace", _replace),
        "rjust": _string_helper("rjust", _rjust),
        "slugify": _string_helper("slugify", _slugify),
        "stripTags": _string_helper("stripTags", _strip_tags),
        "substring": _string_helper("substring", _substring),
        "upper": _string_helper("upper", _upper),
        "yesno": helper_yesno,
        # math and encoding
        "add": _arithmetic("add", lambda a, b: a + b),
        "subtract": _arithmetic("subtract", lambda a, b: a - b),
        "multiply": _arithmetic("multiply", lambda a, b: a * b),
        "divide": _arithmetic("divide", lambda a, b: a / b),
        "modulo": _arithmetic("modulo", math.fmod),
        "ceiling": _rounding("ceiling", math.ceil),
        "floor": _rounding("floor", math.floor),
        "round": _rounding("round", lambda value: math.floor(value + 0.5)),
        "encode64": _text_transform(
            "encode64", lambda text: base64.b64encode(text.encode("utf-8")).decode("ascii")
        ),
        "decode64": _text_transform("decode64", _decode64),
        "md5": _text_transform("md5", _digest("md5")),
        "sha256": _text_transform("sha256", _digest("sha256")),
        "sha512": _text_transform("sha512", _digest("sha512")),
        "uuid": lambda *args: new_uuid(),
    }


#: The Pinpoint helpers with a real clock and random UUIDs.
PINPOINT_HELPERS: Final[Mapping[str, Helper]] = pinpoint_helpers()


def parse_pinpoint(source: str) -> Template:
    """Parse a Pinpoint template: bare ``{{uuid}}``/``{{now}}`` count as helpers, not variables."""
    return parse(source, known_helpers=SUPPORTED_HELPERS)


def render_pinpoint(
    template: str | Template,
    context: Any = UNDEFINED,
    *,
    clock: Callable[[], datetime] | None = None,
    uuid_factory: Callable[[], str] | None = None,
) -> str:
    """Render a template the way Pinpoint would, with all of its helpers available."""
    helpers = (
        PINPOINT_HELPERS
        if clock is None and uuid_factory is None
        else pinpoint_helpers(clock=clock, uuid_factory=uuid_factory)
    )
    return render(template, context, helpers=helpers)


__all__ = [
    "DOCUMENTED_HELPERS",
    "PINPOINT_HELPERS",
    "SUPPORTED_HELPERS",
    "parse_pinpoint",
    "pinpoint_helpers",
    "render_pinpoint",
]
