"""Synth-time checks of endpoint files for imported segments (CSV or newline-delimited JSON).

Pinpoint only reads an endpoint file when the import job runs, minutes into a deployment, and
then reports failures per piece. ``check_endpoint_file`` catches the usual mistakes at synth
time instead, with the file, line and column in the message:

- CSV: the header names only supported attributes (``ChannelType``, ``Address``, ``Id``,
  ``User.UserId``, ``Demographic.*``, ``Location.*``, ``OptOut``, ... and the custom
  ``Attributes.<name>``, ``User.UserAttributes.<name>``, ``Metrics.<name>``), and has
  ``ChannelType`` and ``Address``; every row has as many values as the header; values are
  one-line, valid channel types, numbers where Pinpoint wants numbers.
- JSON: one endpoint object per line, with the same attributes as nested objects
  (``{"Demographic": {"Make": "Apple"}}``), custom attributes as lists of strings
  (``{"Attributes": {"Ride": ["Bus"]}}``) and no unknown keys.

Reference: "Importing segments" and its "Supported attributes" table in the Amazon Pinpoint
User Guide, and the ``ChannelType`` enum of the Pinpoint API.

Pure standard library: no ``aws_cdk`` import, so it can be tested and reused on its own.
"""

from __future__ import annotations

import codecs
import csv
import difflib
import json
import math
import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

#: Values of ``ChannelType`` that the Pinpoint API accepts (its ``ChannelType`` enum).
CHANNEL_TYPES = frozenset(
    {
        "ADM",
        "APNS",
        "APNS_SANDBOX",
        "APNS_VOIP",
        "APNS_VOIP_SANDBOX",
        "BAIDU",
        "CUSTOM",
        "EMAIL",
        "GCM",
        "IN_APP",
        "PUSH",
        "SMS",
        "VOICE",
    }
)

#: Values of ``OptOut``.
OPT_OUT_VALUES = ("ALL", "NONE")

#: Top-level string attributes of an endpoint definition.
SCALAR_FIELDS = (
    "Address",
    "ChannelType",
    "EffectiveDate",
    "EndpointStatus",
    "Id",
    "OptOut",
    "RequestId",
)

#: Nested objects with fixed members, and which members are numbers rather than strings.
NESTED_FIELDS: dict[str, tuple[str, ...]] = {
    "Demographic": (
        "AppVersion",
        "Locale",
        "Make",
        "Model",
        "ModelVersion",
        "Platform",
        "PlatformVersion",
        "Timezone",
    ),
    "Location": ("City", "Country", "Latitude", "Longitude", "PostalCode", "Region"),
    "User": ("UserId",),
}
NUMERIC_FIELDS = frozenset({"Location.Latitude", "Location.Longitude"})

#: Every fixed attribute, as a CSV column name.
KNOWN_COLUMNS = frozenset(
    SCALAR_FIELDS
    + tuple(f"{parent}.{child}" for parent, children in NESTED_FIELDS.items() for child in children)
)

#: Custom attributes: ``<prefix><name>``. The string ones may repeat in a CSV header to give
#: one attribute several values; metrics are single numbers.
STRING_ATTRIBUTE_PREFIXES = ("Attributes.", "User.UserAttributes.")
METRIC_PREFIX = "Metrics."
CUSTOM_PREFIXES = (*STRING_ATTRIBUTE_PREFIXES, METRIC_PREFIX)

REQUIRED_FIELDS = ("ChannelType", "Address")
MAX_ATTRIBUTE_NAME_LENGTH = 50
MAX_ATTRIBUTE_VALUE_LENGTH = 100

FORMATS_BY_EXTENSION = {".csv": "CSV", ".json": "JSON"}


@dataclass(frozen=True)
class EndpointFileSummary:
    """What a valid endpoint file holds."""

    #: The file, as given to ``check_endpoint_file``.
    path: str
    #: ``"CSV"`` or ``"JSON"``: the ``Format`` of the import job.
    format: str
    #: How many endpoint definitions (data rows or JSON lines) the file has.
    endpoint_count: int
    #: Attribute names in the order first seen, as CSV column names (``Demographic.Make``,
    #: ``Attributes.Ride``); a CSV header's repeated multi-value columns appear once.
    columns: tuple[str, ...]
    #: The distinct ``ChannelType`` values used.
    channel_types: frozenset[str]


class EndpointFileError(ValueError):
    """An endpoint file Pinpoint would reject; the message names the file, line and column.

    ``line`` is 1-based. ``column`` is 1-based too: for CSV the number of the value in the
    row (the header's column), for JSON the character in the line. Either is ``None`` when
    the problem is not at one place (an empty file, a column missing from the header).
    """

    def __init__(
        self, path: str, reason: str, line: int | None = None, column: int | None = None
    ) -> None:
        self.path = path
        self.reason = reason
        self.line = line
        self.column = column
        where = path
        if line is not None:
            where += f", line {line}"
        if column is not None:
            where += f", column {column}"
        super().__init__(f"Endpoint file {where}: {reason}")


def check_endpoint_file(
    path: str | os.PathLike[str], *, format: str | None = None
) -> EndpointFileSummary:
    """Check an endpoint file for a Pinpoint import job and summarize it.

    :param path: the CSV or newline-delimited JSON file.
    :param format: ``"CSV"`` or ``"JSON"``. Default: from the extension, ``.csv`` or ``.json``.
    :raises EndpointFileError: the file is missing, empty or not what Pinpoint imports.
    :raises ValueError: ``format`` is neither CSV nor JSON.
    """
    name = os.fspath(path)
    file_format = _file_format(name, format)
    if not os.path.exists(name):
        raise EndpointFileError(name, "does not exist")
    if not os.path.isfile(name):
        raise EndpointFileError(name, "is not a file")
    if file_format == "CSV":
        return _check_csv(name)
    return _check_json(name)


def _file_format(name: str, format: str | None) -> str:
    extension = os.path.splitext(name)[1].lower()
    by_extension = FORMATS_BY_EXTENSION.get(extension)
    if format is None:
        if by_extension is None:
            raise EndpointFileError(
                name,
                f"can't tell CSV from JSON by the extension {extension or '(none)'!s}: "
                "name the file .csv or .json, or pass the format",
            )
        return by_extension
    chosen = str(getattr(format, "value", format)).upper()
    if chosen not in FORMATS_BY_EXTENSION.values():
        raise ValueError(f"format must be CSV or JSON, got {format!r}")
    if by_extension is not None and by_extension != chosen:
        raise EndpointFileError(
            name,
            f"the extension {extension} does not match the format {chosen}; Pinpoint imports "
            "only the files that match the import job's format",
        )
    return chosen


def _lines(name: str) -> Iterator[tuple[int, str]]:
    """The file's lines, numbered from 1, decoded as UTF-8 and without their line breaks."""
    with open(name, "rb") as stream:
        for number, raw in enumerate(stream, start=1):
            if number == 1 and raw.startswith(codecs.BOM_UTF8):
                raise EndpointFileError(
                    name,
                    "starts with a UTF-8 byte order mark (BOM); save it as UTF-8 without BOM",
                    1,
                    1,
                )
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as error:
                column = len(raw[: error.start].decode("utf-8", "replace")) + 1
                raise EndpointFileError(
                    name,
                    f"is not UTF-8 (byte 0x{raw[error.start]:02x}); Pinpoint reads endpoint "
                    "files as UTF-8",
                    number,
                    column,
                ) from None
            yield number, text.removesuffix("\n").removesuffix("\r")


# --- CSV -----------------------------------------------------------------------------------


def _check_csv(name: str) -> EndpointFileSummary:
    header: list[str] | None = None
    header_line = 0
    count = 0
    channels: set[str] = set()
    for number, text in _lines(name):
        if not text.strip():
            continue
        values = _parse_csv_line(name, number, text)
        if header is None:
            header, header_line = _check_header(name, number, values), number
            continue
        if len(values) != len(header):
            raise EndpointFileError(
                name,
                f"has {len(values)} values but the header (line {header_line}) has "
                f"{len(header)} columns",
                number,
                min(len(values), len(header)) + 1,
            )
        for column, (field, value) in enumerate(zip(header, values, strict=True), start=1):
            _check_csv_value(name, number, column, field, value)
        channels.add(values[header.index("ChannelType")])
        count += 1
    if header is None:
        raise EndpointFileError(name, "is empty; it needs a header line and one endpoint a line")
    if count == 0:
        raise EndpointFileError(name, "has a header but no endpoints", header_line)
    return EndpointFileSummary(
        path=name,
        format="CSV",
        endpoint_count=count,
        columns=tuple(dict.fromkeys(header)),
        channel_types=frozenset(channels),
    )


def _parse_csv_line(name: str, number: int, text: str) -> list[str]:
    try:
        values = next(csv.reader([text], strict=True))
    except csv.Error as error:
        reason = (
            "a quoted value is not closed on this line (values can't contain line breaks)"
            if "end of data" in str(error)
            else f"is not valid CSV ({error}); quote a value that holds a comma or a quote "
            'as "a,b" and double the quotes inside it'
        )
        raise EndpointFileError(name, reason, number, _bad_quote_column(text)) from None
    for column, value in enumerate(values, start=1):
        if "\t" in value:
            raise EndpointFileError(
                name, "contains a tab; Pinpoint can't import tabs in CSV values", number, column
            )
    return values


def _bad_quote_column(text: str) -> int:
    """The number of the value whose quoting is broken (the csv module doesn't say)."""
    column, in_quotes, at_start, index = 1, False, True, 0
    while index < len(text):
        char = text[index]
        if in_quotes:
            if char == '"':
                if text[index + 1 : index + 2] == '"':
                    index += 2
                    continue
                in_quotes = False
                if index + 1 < len(text) and text[index + 1] != ",":
                    return column
        elif char == ",":
            column, at_start = column + 1, True
            index += 1
            continue
        elif char == '"' and at_start:
            in_quotes = True
        at_start = False
        index += 1
    return column


def _check_header(name: str, number: int, values: list[str]) -> list[str]:
    header = [value.strip() for value in values]
    seen: dict[str, int] = {}
    for column, field in enumerate(header, start=1):
        if not field:
            raise EndpointFileError(name, "the header has a column without a name", number, column)
        _check_field_name(name, number, column, field)
        if field in seen and not field.startswith(STRING_ATTRIBUTE_PREFIXES):
            raise EndpointFileError(
                name,
                f"the header names {field} twice (also column {seen[field]}); only "
                "Attributes.* and User.UserAttributes.* columns may repeat, one value each",
                number,
                column,
            )
        seen.setdefault(field, column)
    for required in REQUIRED_FIELDS:
        if required not in seen:
            raise EndpointFileError(
                name,
                f"the header has no {required} column; Pinpoint needs ChannelType and Address "
                "for every endpoint",
                number,
            )
    return header


def _check_field_name(name: str, number: int, column: int, field: str) -> None:
    """Raise unless ``field`` is a supported attribute (a CSV column name)."""
    if field in KNOWN_COLUMNS:
        return
    prefix = next((p for p in CUSTOM_PREFIXES if field.startswith(p)), None)
    if prefix is not None:
        _check_custom_name(name, number, column, field, field[len(prefix) :])
        return
    hint = _suggestion(field)
    raise EndpointFileError(
        name,
        f"{field!r} is not an endpoint attribute Pinpoint imports{hint}; use ChannelType, "
        "Address, Id, OptOut, EffectiveDate, EndpointStatus, RequestId, User.UserId, "
        "Demographic.*, Location.*, or custom Attributes.<name>, User.UserAttributes.<name>, "
        "Metrics.<name>",
        number,
        column,
    )


def _check_custom_name(name: str, number: int, column: int, field: str, custom: str) -> None:
    if not custom:
        raise EndpointFileError(
            name, f"{field!r} needs an attribute name after the dot", number, column
        )
    if len(custom) > MAX_ATTRIBUTE_NAME_LENGTH:
        raise EndpointFileError(
            name,
            f"the attribute name {custom!r} is {len(custom)} characters long; the maximum is "
            f"{MAX_ATTRIBUTE_NAME_LENGTH}",
            number,
            column,
        )


def _suggestion(field: str) -> str:
    candidates = {known.lower(): known for known in KNOWN_COLUMNS}
    match = difflib.get_close_matches(field.lower(), list(candidates), n=1, cutoff=0.8)
    return f" (did you mean {candidates[match[0]]}?)" if match else ""


def _check_csv_value(name: str, number: int, column: int, field: str, value: str) -> None:
    if field == "ChannelType":
        _check_channel_type(name, number, column, value)
    elif field == "Address":
        if not value.strip():
            raise EndpointFileError(name, "Address is empty", number, column)
    elif field == "OptOut":
        if value:
            _check_opt_out(name, number, column, value)
    elif field in NUMERIC_FIELDS or field.startswith(METRIC_PREFIX):
        if value and not _is_number_text(value):
            raise EndpointFileError(
                name, f"{field} must be a number, got {value!r}", number, column
            )
    elif field.startswith(STRING_ATTRIBUTE_PREFIXES):
        _check_attribute_value(name, number, column, field, value)


def _check_channel_type(name: str, number: int, column: int, value: Any) -> None:
    if isinstance(value, str) and value in CHANNEL_TYPES:
        return
    hint = ""
    if isinstance(value, str) and value.strip().upper() in CHANNEL_TYPES:
        hint = f" (did you mean {value.strip().upper()}?)"
    raise EndpointFileError(
        name,
        f"ChannelType {value!r} is not a Pinpoint channel type{hint}; use one of "
        + ", ".join(sorted(CHANNEL_TYPES)),
        number,
        column,
    )


def _check_opt_out(name: str, number: int, column: int, value: Any) -> None:
    if value not in OPT_OUT_VALUES:
        raise EndpointFileError(name, f"OptOut must be ALL or NONE, got {value!r}", number, column)


def _check_attribute_value(name: str, number: int, column: int, field: str, value: str) -> None:
    if len(value) > MAX_ATTRIBUTE_VALUE_LENGTH:
        raise EndpointFileError(
            name,
            f"the value of {field} is {len(value)} characters long; the maximum is "
            f"{MAX_ATTRIBUTE_VALUE_LENGTH}",
            number,
            column,
        )


def _is_number_text(value: str) -> bool:
    try:
        return math.isfinite(float(value))
    except ValueError:
        return False


# --- JSON ----------------------------------------------------------------------------------


def _check_json(name: str) -> EndpointFileSummary:
    count = 0
    columns: dict[str, None] = {}
    channels: set[str] = set()
    for number, text in _lines(name):
        if not text.strip():
            continue
        endpoint = _parse_json_line(name, number, text)
        for field in _check_endpoint_object(_JsonLine(name, number, text), endpoint):
            columns.setdefault(field)
        channels.add(endpoint["ChannelType"])
        count += 1
    if count == 0:
        raise EndpointFileError(name, "is empty; it needs one endpoint JSON object a line")
    return EndpointFileSummary(
        path=name,
        format="JSON",
        endpoint_count=count,
        columns=tuple(columns),
        channel_types=frozenset(channels),
    )


def _parse_json_line(name: str, number: int, text: str) -> Any:
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as error:
        hint = ""
        if text.strip() in ("{", "["):
            hint = (
                "; the file must be newline-delimited JSON: each endpoint one whole JSON "
                "object on its own line, not one JSON document"
            )
        raise EndpointFileError(
            name, f"is not valid JSON ({error.msg}){hint}", number, error.colno
        ) from None
    except ValueError as error:  # NaN or Infinity
        constant = str(error)
        raise EndpointFileError(
            name,
            f"{constant} is not a JSON number Pinpoint accepts",
            number,
            text.find(constant) + 1,
        ) from None


def _reject_constant(constant: str) -> Any:
    raise ValueError(constant)


@dataclass(frozen=True)
class _JsonLine:
    """Where a JSON endpoint came from, to place errors at the offending key."""

    name: str
    number: int
    text: str

    def error(self, reason: str, *keys: str) -> EndpointFileError:
        return EndpointFileError(self.name, reason, self.number, self.column_of(*keys))

    def column_of(self, *keys: str) -> int:
        """Column of the last of ``keys`` (a path of nested keys); 1 when not found."""
        position = 0
        for key in keys:
            found = self.text.find(json.dumps(key), position)
            if found < 0:
                return position + 1
            position = found
        return position + 1


def _check_endpoint_object(line: _JsonLine, endpoint: Any) -> list[str]:
    """Check one endpoint definition; return its attributes as CSV-style column names."""
    if not isinstance(endpoint, dict):
        raise line.error(f"must be a JSON object (one endpoint a line), got {_json_type(endpoint)}")
    fields: list[str] = []
    for key, value in endpoint.items():
        if key in SCALAR_FIELDS:
            _check_json_scalar(line, key, value)
            fields.append(key)
        elif key in NESTED_FIELDS:
            fields.extend(_check_json_nested(line, key, value))
        elif key == "Attributes":
            fields.extend(_check_json_attributes(line, (key,), value))
        elif key == "Metrics":
            fields.extend(_check_json_metrics(line, value))
        else:
            hint = _suggestion(key)
            raise line.error(
                f"{key!r} is not an endpoint attribute Pinpoint imports{hint}; use "
                + ", ".join([*SCALAR_FIELDS, *NESTED_FIELDS, "Attributes", "Metrics"]),
                key,
            )
    for required in REQUIRED_FIELDS:
        if required not in endpoint:
            raise line.error(
                f"the endpoint has no {required}; Pinpoint needs ChannelType and Address for "
                "every endpoint"
            )
    return fields


def _check_json_scalar(line: _JsonLine, key: str, value: Any) -> None:
    column = line.column_of(key)
    if not isinstance(value, str):
        raise line.error(f"{key} must be a string, got {_json_type(value)}", key)
    if key == "ChannelType":
        _check_channel_type(line.name, line.number, column, value)
    elif key == "Address" and not value.strip():
        raise line.error("Address is empty", key)
    elif key == "OptOut":
        _check_opt_out(line.name, line.number, column, value)


def _check_json_nested(line: _JsonLine, parent: str, value: Any) -> list[str]:
    if not isinstance(value, dict):
        raise line.error(f"{parent} must be an object, got {_json_type(value)}", parent)
    allowed = NESTED_FIELDS[parent] + (("UserAttributes",) if parent == "User" else ())
    fields: list[str] = []
    for key, member in value.items():
        field = f"{parent}.{key}"
        if key == "UserAttributes" and parent == "User":
            fields.extend(_check_json_attributes(line, (parent, key), member))
            continue
        if key not in allowed:
            raise line.error(
                f"{field!r} is not an endpoint attribute Pinpoint imports; {parent} takes "
                + ", ".join(allowed),
                parent,
                key,
            )
        if field in NUMERIC_FIELDS:
            if not _is_json_number(member):
                raise line.error(f"{field} must be a number, got {_json_type(member)}", parent, key)
        elif not isinstance(member, str):
            raise line.error(f"{field} must be a string, got {_json_type(member)}", parent, key)
        fields.append(field)
    return fields


def _check_json_attributes(line: _JsonLine, path: tuple[str, ...], value: Any) -> list[str]:
    """``{"name": ["value", ...]}``: custom attributes of the endpoint or of its user."""
    prefix = ".".join(path)
    example = '{"Ride": ["Bus"]}'
    if not isinstance(value, dict):
        raise line.error(
            f"{prefix} must be an object of lists of strings, like {example}, "
            f"got {_json_type(value)}",
            *path,
        )
    fields: list[str] = []
    for key, values in value.items():
        field = f"{prefix}.{key}"
        _check_custom_name(line.name, line.number, line.column_of(*path, key), field, key)
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise line.error(
                f"{field} must be a list of strings, like {example}, got {_json_type(values)}",
                *path,
                key,
            )
        for item in values:
            _check_attribute_value(line.name, line.number, line.column_of(*path, key), field, item)
        fields.append(field)
    return fields


def _check_json_metrics(line: _JsonLine, value: Any) -> list[str]:
    if not isinstance(value, dict):
        raise line.error(
            f'Metrics must be an object of numbers, like {{"sessions": 3}}, '
            f"got {_json_type(value)}",
            "Metrics",
        )
    fields: list[str] = []
    for key, number in value.items():
        field = f"Metrics.{key}"
        _check_custom_name(line.name, line.number, line.column_of("Metrics", key), field, key)
        if not _is_json_number(number):
            raise line.error(f"{field} must be a number, got {_json_type(number)}", "Metrics", key)
        fields.append(field)
    return fields


def _is_json_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the string {value!r}"
    if isinstance(value, list):
        return "an array"
    return "an object"
