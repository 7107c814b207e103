"""JavaScript value semantics that handlebars.js relies on, for JSON-like Python values.

Python values map to JavaScript ones as JSON does: ``dict`` (any ``Mapping``) is an object,
``list``/``tuple`` an array, ``str`` a string, ``int``/``float`` a number, ``bool`` a boolean,
``None`` is ``null`` and :data:`UNDEFINED` is ``undefined`` (a missing value).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Mapping
from typing import Any, Final


class _Undefined:
    """JavaScript's ``undefined``: what a missing variable or property evaluates to."""

    __slots__ = ()
    _instance: _Undefined | None = None

    def __new__(cls) -> _Undefined:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __bool__(self) -> bool:
        return False

    def __repr__(self) -> str:
        return "UNDEFINED"

    def __reduce__(self) -> str:
        return "UNDEFINED"


#: The JavaScript ``undefined`` value (falsy, renders as an empty string).
UNDEFINED: Final = _Undefined()


class _NullContext(Mapping[str, Any]):
    """handlebars.js's ``container.nullContext``: the sealed ``{}`` helpers get as ``this``
    when the current context is ``null`` or ``undefined``."""

    __slots__ = ()

    def __getitem__(self, key: str) -> Any:
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0

    def __repr__(self) -> str:
        return "NULL_CONTEXT"


NULL_CONTEXT: Final = _NullContext()


class SafeString:
    """A string a helper returns that must not be HTML-escaped (``Handlebars.SafeString``)."""

    __slots__ = ("string",)

    def __init__(self, string: str):
        self.string = string

    def __str__(self) -> str:
        return self.string

    def __repr__(self) -> str:
        return f"SafeString({self.string!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SafeString) and other.string == self.string

    def __hash__(self) -> int:
        return hash(("SafeString", self.string))

    def to_html(self) -> str:
        """The markup, unescaped."""
        return self.string


_MAX_SAFE_INTEGER: Final = 2**53
_ESCAPES: Final = {
    ord("&"): "&amp;",
    ord("<"): "&lt;",
    ord(">"): "&gt;",
    ord('"'): "&quot;",
    ord("'"): "&#x27;",
    ord("`"): "&#x60;",
    ord("="): "&#x3D;",
}
_NEEDS_ESCAPE: Final = re.compile("[&<>\"'`=]")
_ARRAY_INDEX: Final = re.compile(r"(?:0|[1-9][0-9]*)\Z")


def is_number(value: Any) -> bool:
    """True for a JavaScript number (``int``/``float`` but not ``bool``)."""
    return isinstance(value, int | float) and not isinstance(value, bool)


def is_array(value: Any) -> bool:
    """True for a JavaScript array."""
    return isinstance(value, list | tuple)


def is_object(value: Any) -> bool:
    """True where JavaScript's ``typeof value === "object"`` and the value isn't ``null``."""
    return isinstance(value, Mapping | list | tuple | SafeString)


def number_to_string(value: float) -> str:
    """JavaScript's ``Number.prototype.toString()`` (e.g. ``1.0`` -> ``"1"``, ``1e21``)."""
    if isinstance(value, int):
        if -_MAX_SAFE_INTEGER <= value <= _MAX_SAFE_INTEGER:
            return str(value)
        try:
            value = float(value)
        except OverflowError:
            value = math.inf if value > 0 else -math.inf
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    if value == 0:
        return "0"
    sign = "-" if value < 0 else ""
    mantissa, _, exponent_text = repr(abs(value)).partition("e")
    integer_part, _, fraction_part = mantissa.partition(".")
    digits = integer_part + fraction_part
    # value = 0.<digits> * 10**point
    point = len(integer_part) + (int(exponent_text) if exponent_text else 0)
    stripped = digits.lstrip("0")
    point -= len(digits) - len(stripped)
    digits = stripped.rstrip("0")
    count = len(digits)
    if count <= point <= 21:
        text = digits + "0" * (point - count)
    elif 0 < point <= 21:
        text = digits[:point] + "." + digits[point:]
    elif -6 < point <= 0:
        text = "0." + "0" * -point + digits
    else:
        exponent = point - 1
        exponent_sign = "+" if exponent >= 0 else "-"
        fraction = "." + digits[1:] if count > 1 else ""
        text = f"{digits[0]}{fraction}e{exponent_sign}{abs(exponent)}"
    return sign + text


def to_string(value: Any) -> str:
    """JavaScript's ``String(value)``: arrays join with ``","``, objects give
    ``"[object Object]"``, ``null``/``undefined`` give ``"null"``/``"undefined"``."""
    if isinstance(value, str):
        return value
    if value is None:
        return "null"
    if value is UNDEFINED:
        return "undefined"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return number_to_string(value)
    if isinstance(value, list | tuple):
        return ",".join(
            "" if item is None or item is UNDEFINED else to_string(item) for item in value
        )
    if isinstance(value, SafeString):
        return value.string
    if isinstance(value, Mapping):
        return "[object Object]"
    return str(value)


def truthy(value: Any) -> bool:
    """JavaScript truthiness (``[]`` and ``{}`` are truthy, ``0``, ``""`` and ``NaN`` are not)."""
    if value is None or value is UNDEFINED:
        return False
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value != 0
    if isinstance(value, float):
        return value != 0 and not math.isnan(value)
    if isinstance(value, str):
        return value != ""
    return True


def is_empty(value: Any) -> bool:
    """handlebars.js ``Utils.isEmpty``: falsy but not ``0``, or an empty array."""
    if not truthy(value) and not (is_number(value) and value == 0):
        return True
    return is_array(value) and len(value) == 0


def is_nullish(value: Any) -> bool:
    """``value == null`` in JavaScript."""
    return value is None or value is UNDEFINED


def strict_equals(left: Any, right: Any) -> bool:
    """JavaScript ``===`` (objects compare by identity)."""
    if is_number(left) and is_number(right):
        return bool(left == right)
    if isinstance(left, str) and isinstance(right, str):
        return left == right
    if isinstance(left, bool) and isinstance(right, bool):
        return left is right
    if is_object(left) or is_object(right):
        return left is right
    return left is right


def to_number(value: Any) -> float:
    """JavaScript's ``Number(value)`` for primitives."""
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if is_number(value):
        return float(value)
    if value is None:
        return 0.0
    if value is UNDEFINED:
        return math.nan
    if isinstance(value, str):
        return _string_to_number(value)
    return _string_to_number(to_string(value))


_JS_WHITESPACE: Final = (
    " \t\n\x0b\x0c\r\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000\ufeff"
)
_DECIMAL: Final = re.compile(
    r"[+-]?(?:Infinity|(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)\Z"
)
_PREFIXED: Final = re.compile(r"0([xX][0-9a-fA-F]+|[oO][0-7]+|[bB][01]+)\Z")


def _string_to_number(text: str) -> float:
    text = text.strip(_JS_WHITESPACE)
    if not text:
        return 0.0
    if _DECIMAL.match(text):
        return float(text.replace("Infinity", "inf"))
    prefixed = _PREFIXED.match(text)
    if prefixed:
        base = {"x": 16, "o": 8, "b": 2}[prefixed.group(1)[0].lower()]
        return float(int(prefixed.group(1)[1:], base))
    return math.nan


def loose_equals(left: Any, right: Any) -> bool:
    """JavaScript ``==`` for JSON-like values."""
    if is_nullish(left) or is_nullish(right):
        return is_nullish(left) and is_nullish(right)
    left_object, right_object = is_object(left), is_object(right)
    if left_object and right_object:
        return left is right
    if left_object:
        left = to_string(left)
    if right_object:
        right = to_string(right)
    if isinstance(left, str) and isinstance(right, str):
        return left == right
    if isinstance(left, bool) and isinstance(right, bool):
        return left is right
    return to_number(left) == to_number(right)


def to_primitive(value: Any) -> Any:
    """JavaScript's ``ToPrimitive`` (default hint): objects and arrays become strings."""
    if is_object(value):
        return to_string(value)
    return value


def add(left: Any, right: Any) -> Any:
    """JavaScript's ``left + right``: concatenation if either side is (or becomes) a string,
    numeric addition otherwise (``true + 1`` is ``2``)."""
    left, right = to_primitive(left), to_primitive(right)
    if isinstance(left, str) or isinstance(right, str):
        return to_string(left) + to_string(right)
    result = to_number(left) + to_number(right)
    return int(result) if result.is_integer() and abs(result) < _MAX_SAFE_INTEGER else result


def utf16_length(text: str) -> int:
    """``text.length`` in JavaScript: astral characters count twice."""
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)


def _utf16_unit(text: str, index: int) -> str | None:
    if all(ord(char) <= 0xFFFF for char in text):
        return text[index] if index < len(text) else None
    units = text.encode("utf-16-le", "surrogatepass")
    if 2 * index + 2 > len(units):
        return None
    return chr(int.from_bytes(units[2 * index : 2 * index + 2], "little"))


def property_key(name: Any) -> str:
    """JavaScript's ``ToPropertyKey`` for a property name."""
    return name if isinstance(name, str) else to_string(name)


def lookup_property(parent: Any, name: Any) -> Any:
    """handlebars.js ``container.lookupProperty``: own properties only.

    Objects expose their keys, arrays their indexes and ``length``, strings their
    characters and ``length``; everything else (numbers, booleans, prototype members
    such as ``constructor``) is ``undefined``.
    """
    if type(parent) is dict and type(name) is str:
        return parent.get(name, UNDEFINED)
    key = property_key(name)
    if isinstance(parent, Mapping):
        if parent is NULL_CONTEXT:
            return UNDEFINED
        return parent.get(key, UNDEFINED) if key in parent else UNDEFINED
    if isinstance(parent, list | tuple):
        if key == "length":
            return len(parent)
        if _ARRAY_INDEX.match(key):
            index = int(key)
            if index < len(parent):
                return parent[index]
        return UNDEFINED
    if isinstance(parent, str):
        if key == "length":
            return utf16_length(parent)
        if _ARRAY_INDEX.match(key):
            unit = _utf16_unit(parent, int(key))
            return UNDEFINED if unit is None else unit
        return UNDEFINED
    if isinstance(parent, SafeString):
        return parent.string if key == "string" else UNDEFINED
    return UNDEFINED


def object_keys(value: Mapping[Any, Any] | SafeString) -> list[str]:
    """``Object.keys``: integer-like keys ascending first, then the rest in insertion order.

    A ``SafeString`` has one own property, ``string`` (``{{#each}}`` over one iterates once).
    """
    if isinstance(value, SafeString):
        return ["string"]
    indexes: list[tuple[int, str]] = []
    others: list[str] = []
    for raw in value:
        key = property_key(raw)
        if _ARRAY_INDEX.match(key) and int(key) < 2**32 - 1:
            indexes.append((int(key), key))
        else:
            others.append(key)
    indexes.sort()
    return [key for _, key in indexes] + others


def escape_text(text: str) -> str:
    """``text`` with ``& < > " ' ` =`` replaced by their entities (a chain of ``str.replace``,
    ``&`` first, runs in C; ``str.translate`` with a mapping looks every character up)."""
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#x27;")
        .replace("`", "&#x60;")
        .replace("=", "&#x3D;")
    )


def escape_expression(value: Any) -> str:
    """handlebars.js ``Utils.escapeExpression``: HTML-escape ``& < > " ' ` =``.

    ``SafeString`` passes through unescaped; ``null``/``undefined`` become ``""``.
    """
    if isinstance(value, str):
        text = value
    elif isinstance(value, SafeString):
        return value.to_html()
    elif value is None or value is UNDEFINED:
        return ""
    else:
        text = to_string(value)
    if _NEEDS_ESCAPE.search(text) is None:
        return text
    return escape_text(text)
