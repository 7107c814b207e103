"""Date formatting for the Pinpoint ``dateFormat`` and ``now`` helpers.

Pinpoint documents these helpers with Java's date styles (``full``, ``long``, ``medium``,
``short``) and ``java.text.SimpleDateFormat`` patterns; this module implements both, in the
``en_US`` locale, for formatting and (``inputFormat``) parsing.
"""

from __future__ import annotations

import calendar
import re
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from typing import Any, Final
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ._errors import HandlebarsRuntimeError
from ._js import is_number, to_string

#: Java's ``DateFormat.getDateInstance(style, Locale.US)`` patterns.
DATE_STYLES: Final[dict[str, str]] = {
    "full": "EEEE, MMMM d, y",
    "long": "MMMM d, y",
    "medium": "MMM d, y",
    "short": "M/d/yy",
}

_MONTHS: Final = tuple(calendar.month_name[1:])
_MONTHS_SHORT: Final = tuple(name[:3] for name in _MONTHS)
_DAYS: Final = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_DAYS_SHORT: Final = tuple(name[:3] for name in _DAYS)
_PATTERN_LETTERS: Final = frozenset("GyYMLwWDdFEuaHkKhmsSzZX")
_TOKEN: Final = re.compile(r"''|'(?:[^']|'')*'?|([a-zA-Z])\1*|[^a-zA-Z']+")


def _tokens(pattern: str) -> list[tuple[str, str]]:
    """Split a SimpleDateFormat pattern into (kind, text): kind "field" or "literal"."""
    tokens: list[tuple[str, str]] = []
    position = 0
    while position < len(pattern):
        match = _TOKEN.match(pattern, position)
        assert match is not None
        text = match.group()
        position = match.end()
        if text == "''":
            tokens.append(("literal", "'"))
        elif text.startswith("'"):
            if len(text) < 2 or not text.endswith("'"):
                raise HandlebarsRuntimeError(f"Unterminated quote in date pattern {pattern!r}")
            tokens.append(("literal", text[1:-1].replace("''", "'")))
        elif text[0].isalpha() and text[0].isascii():
            if text[0] not in _PATTERN_LETTERS:
                raise HandlebarsRuntimeError(
                    f"Illegal pattern character {text[0]!r} in date pattern {pattern!r}"
                )
            tokens.append(("field", text))
        else:
            tokens.append(("literal", text))
    return tokens


def _offset(moment: datetime, colon: bool, short: bool = False) -> str:
    delta = moment.utcoffset() or timedelta(0)
    minutes = int(delta.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, minutes = divmod(abs(minutes), 60)
    if short:
        return f"{sign}{hours:02d}"
    return f"{sign}{hours:02d}:{minutes:02d}" if colon else f"{sign}{hours:02d}{minutes:02d}"


def _field(moment: datetime, letter: str, count: int) -> str:
    def number(value: int) -> str:
        return str(value).zfill(count)

    if letter == "G":
        return "AD" if moment.year > 0 else "BC"
    if letter in "yY":
        year = moment.isocalendar()[0] if letter == "Y" else moment.year
        return str(year % 100).zfill(2) if count == 2 else number(year)
    if letter in "ML":
        if count >= 4:
            return _MONTHS[moment.month - 1]
        if count == 3:
            return _MONTHS_SHORT[moment.month - 1]
        return number(moment.month)
    if letter == "w":
        return number(moment.isocalendar()[1])
    if letter == "W":
        return number((moment.day + moment.replace(day=1).weekday()) // 7 + 1)
    if letter == "D":
        return number(moment.timetuple().tm_yday)
    if letter == "d":
        return number(moment.day)
    if letter == "F":
        return number((moment.day - 1) // 7 + 1)
    if letter == "E":
        return _DAYS[moment.weekday()] if count >= 4 else _DAYS_SHORT[moment.weekday()]
    if letter == "u":
        return number(moment.isoweekday())
    if letter == "a":
        return "AM" if moment.hour < 12 else "PM"
    if letter == "H":
        return number(moment.hour)
    if letter == "k":
        return number(moment.hour or 24)
    if letter == "K":
        return number(moment.hour % 12)
    if letter == "h":
        return number(moment.hour % 12 or 12)
    if letter == "m":
        return number(moment.minute)
    if letter == "s":
        return number(moment.second)
    if letter == "S":
        return number(moment.microsecond // 1000)
    if letter == "z":
        name = moment.tzname() or "UTC"
        if count >= 4 and isinstance(moment.tzinfo, ZoneInfo):
            return str(moment.tzinfo.key)
        return name
    if letter == "Z":
        return _offset(moment, colon=False)
    # X: ISO 8601 zone, "Z" for UTC
    if not moment.utcoffset():
        return "Z"
    return _offset(moment, colon=count >= 3, short=count == 1)


def format_date(moment: datetime, pattern: str) -> str:
    """Format ``moment`` with a SimpleDateFormat pattern or a style name (en_US)."""
    pattern = DATE_STYLES.get(pattern, pattern)
    pieces: list[str] = []
    for kind, text in _tokens(pattern):
        pieces.append(_field(moment, text[0], len(text)) if kind == "field" else text)
    return "".join(pieces)


def _parse_pattern(pattern: str) -> re.Pattern[str]:
    regex: list[str] = []
    for kind, text in _tokens(pattern):
        if kind == "literal":
            regex.append(re.escape(text))
            continue
        letter, count = text[0], len(text)
        group = f"(?P<{letter}{len(regex)}>"
        if letter in "ML" and count >= 3:
            names = _MONTHS if count >= 4 else _MONTHS_SHORT
            regex.append(group + "|".join(names) + ")")
        elif letter == "E":
            names = _DAYS if count >= 4 else _DAYS_SHORT
            regex.append(group + "|".join(names) + ")")
        elif letter == "a":
            regex.append(group + "AM|PM|am|pm)")
        elif letter in "zZX":
            regex.append(group + r"Z|[+-]\d{2}(?::?\d{2})?|[A-Za-z_/]+)")
        elif letter == "G":
            regex.append(group + "AD|BC)")
        else:
            regex.append(group + (rf"\d{{{count}}}" if count > 1 else r"\d+") + ")")
    return re.compile("".join(regex) + r"\Z", re.IGNORECASE)


def parse_date(text: str, pattern: str, default_zone: tzinfo) -> datetime:
    """Parse ``text`` with a SimpleDateFormat pattern; raise if it doesn't match."""
    match = _parse_pattern(pattern).match(text.strip())
    if match is None:
        raise HandlebarsRuntimeError(f"{text!r} does not match the date pattern {pattern!r}")
    fields: dict[str, Any] = {"year": 1970, "month": 1, "day": 1, "hour": 0, "minute": 0}
    second = millisecond = 0
    pm: bool | None = None
    zone: tzinfo = default_zone
    for name, value in match.groupdict().items():
        letter = name[0]
        if letter in "yY":
            year = int(value)
            fields["year"] = year + 2000 if len(value) <= 2 and year < 100 else year
        elif letter in "ML":
            if value.isdigit():
                fields["month"] = int(value)
            else:
                names = [month.lower() for month in _MONTHS]
                shorts = [month.lower() for month in _MONTHS_SHORT]
                lowered = value.lower()
                index = names.index(lowered) if lowered in names else shorts.index(lowered)
                fields["month"] = index + 1
        elif letter == "d":
            fields["day"] = int(value)
        elif letter in "Hk":
            fields["hour"] = int(value) % 24
        elif letter in "hK":
            fields["hour"] = int(value) % 12
        elif letter == "m":
            fields["minute"] = int(value)
        elif letter == "s":
            second = int(value)
        elif letter == "S":
            millisecond = int(value)
        elif letter == "a":
            pm = value.upper() == "PM"
        elif letter in "zZX":
            zone = _zone_from_text(value)
    if pm is not None and fields["hour"] < 12 and pm:
        fields["hour"] += 12
    try:
        return datetime(**fields, second=second, microsecond=millisecond * 1000, tzinfo=zone)
    except ValueError as error:
        raise HandlebarsRuntimeError(f"{text!r} is not a valid date: {error}") from error


def _zone_from_text(text: str) -> tzinfo:
    if text.upper() == "Z":
        return UTC
    offset = re.fullmatch(r"([+-])(\d{2}):?(\d{2})?", text)
    if offset:
        sign = -1 if offset.group(1) == "-" else 1
        minutes = int(offset.group(2)) * 60 + int(offset.group(3) or 0)
        return timezone(sign * timedelta(minutes=minutes))
    return time_zone(text)


def time_zone(name: Any) -> tzinfo:
    """A time zone from an IANA id (``America/Los_Angeles``) or ``UTC``."""
    key = to_string(name)
    if key.upper() in ("UTC", "GMT", "Z"):
        return UTC
    try:
        return ZoneInfo(key)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise HandlebarsRuntimeError(f"Unknown time zone {key!r}") from error


def to_datetime(value: Any, input_format: str | None, zone: tzinfo) -> datetime:
    """Interpret a template value as a moment in time.

    Accepts a ``datetime``, epoch milliseconds (a number or numeric string), an ISO 8601
    date or date-time string, or any string matching ``input_format`` (a SimpleDateFormat
    pattern). Values without a zone are taken to be in ``zone``.
    """
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=zone)
    if is_number(value):
        return datetime.fromtimestamp(value / 1000, tz=UTC)
    if isinstance(value, list | tuple) and len(value) == 1:
        return to_datetime(value[0], input_format, zone)
    if not isinstance(value, str) or not value.strip():
        raise HandlebarsRuntimeError(f"expected a date, got {to_string(value)!r}")
    text = value.strip()
    if input_format:
        return parse_date(text, input_format, zone)
    if re.fullmatch(r"-?\d+", text):
        return datetime.fromtimestamp(int(text) / 1000, tz=UTC)
    try:
        moment = datetime.fromisoformat(text)
    except ValueError as error:
        raise HandlebarsRuntimeError(
            f"{text!r} is not an ISO 8601 date; pass inputFormat to parse it"
        ) from error
    return moment if moment.tzinfo else moment.replace(tzinfo=zone)
