"""Synth-time checks of endpoint files for imported segments: every rule and its message."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from pinpoint_constructs._endpoint_files import (
    CHANNEL_TYPES,
    EndpointFileError,
    EndpointFileSummary,
    check_endpoint_file,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "endpoints"
CHANNELS = ", ".join(sorted(CHANNEL_TYPES))
CSV_HEADER = "ChannelType,Address,User.UserId\n"


def _write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8", newline="")
    return path


def _error(path: Path, **kwargs: str) -> EndpointFileError:
    with pytest.raises(EndpointFileError) as raised:
        check_endpoint_file(path, **kwargs)
    return raised.value


# --- Good files ----------------------------------------------------------------------------


def test_good_csv_is_summarized() -> None:
    path = FIXTURES / "good.csv"
    assert check_endpoint_file(path) == EndpointFileSummary(
        path=str(path),
        format="CSV",
        endpoint_count=5,
        columns=(
            "ChannelType",
            "Address",
            "Location.Country",
            "Demographic.Platform",
            "Demographic.Make",
            "User.UserId",
            "User.UserAttributes.Interests",
            "Attributes.Tier",
            "Metrics.Sessions",
            "OptOut",
        ),
        channel_types=frozenset({"SMS", "APNS", "EMAIL", "GCM"}),
    )


def test_good_json_is_summarized() -> None:
    path = FIXTURES / "good.json"
    assert check_endpoint_file(path) == EndpointFileSummary(
        path=str(path),
        format="JSON",
        endpoint_count=3,
        columns=(
            "ChannelType",
            "Address",
            "Location.Country",
            "Demographic.Platform",
            "Demographic.Make",
            "User.UserId",
            "Location.Latitude",
            "Location.Longitude",
            "User.UserAttributes.Interests",
            "Attributes.Ride",
            "Metrics.Sessions",
            "OptOut",
            "Id",
        ),
        channel_types=frozenset({"SMS", "APNS", "EMAIL"}),
    )


def test_explicit_format_overrides_an_unknown_extension(tmp_path: Path) -> None:
    csv_path = _write(tmp_path, "endpoints.txt", CSV_HEADER + "SMS,+16045550182,u1\n")
    json_path = _write(tmp_path, "endpoints.ndjson", '{"ChannelType":"SMS","Address":"+1604"}\n')
    assert check_endpoint_file(csv_path, format="CSV").format == "CSV"
    assert check_endpoint_file(json_path, format="json").format == "JSON"


def test_extension_is_case_insensitive(tmp_path: Path) -> None:
    path = _write(tmp_path, "ENDPOINTS.CSV", CSV_HEADER + "SMS,+16045550182,u1\n")
    assert check_endpoint_file(path).format == "CSV"


def test_csv_with_crlf_blank_lines_and_spaced_header_names_is_accepted(tmp_path: Path) -> None:
    content = (
        "ChannelType, Address ,User.UserId, User.UserAttributes.multi,User.UserAttributes.multi\r\n"
        "\r\n"
        "SMS,+16045550182,u1,a,b\r\n"
        "EMAIL,a@example.com,u2,,\r\n"
        "\r\n"
    )
    summary = check_endpoint_file(_write(tmp_path, "e.csv", content))
    assert summary.endpoint_count == 2
    assert summary.columns == ("ChannelType", "Address", "User.UserId", "User.UserAttributes.multi")


def test_json_skips_blank_lines(tmp_path: Path) -> None:
    content = (
        '\n{"ChannelType":"SMS","Address":"+1604"}\n\n{"ChannelType":"EMAIL","Address":"a@b.c"}\n'
    )
    assert check_endpoint_file(_write(tmp_path, "e.json", content)).endpoint_count == 2


# --- Format, file ----------------------------------------------------------------------------


def test_unknown_extension_without_format_is_rejected(tmp_path: Path) -> None:
    path = _write(tmp_path, "endpoints.txt", CSV_HEADER)
    assert str(_error(path)) == (
        f"Endpoint file {path}: can't tell CSV from JSON by the extension .txt: name the file "
        ".csv or .json, or pass the format"
    )


def test_extension_that_contradicts_the_format_is_rejected(tmp_path: Path) -> None:
    path = _write(tmp_path, "endpoints.json", CSV_HEADER)
    assert str(_error(path, format="CSV")) == (
        f"Endpoint file {path}: the extension .json does not match the format CSV; Pinpoint "
        "imports only the files that match the import job's format"
    )


def test_unknown_format_is_a_value_error(tmp_path: Path) -> None:
    path = _write(tmp_path, "endpoints.csv", CSV_HEADER)
    with pytest.raises(ValueError, match="format must be CSV or JSON, got 'XML'"):
        check_endpoint_file(path, format="XML")


def test_missing_file_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "missing.csv"
    assert str(_error(path)) == f"Endpoint file {path}: does not exist"


def test_directory_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "folder.csv"
    path.mkdir()
    assert str(_error(path)) == f"Endpoint file {path}: is not a file"


def test_error_is_a_value_error_with_its_parts(tmp_path: Path) -> None:
    error = _error(FIXTURES / "bad_channel_type.csv")
    assert isinstance(error, ValueError)
    assert (error.path, error.line, error.column) == (str(FIXTURES / "bad_channel_type.csv"), 3, 1)
    assert error.reason.startswith("ChannelType 'FAX' is not a Pinpoint channel type")


@pytest.mark.parametrize("name", ["empty.csv", "blank.csv", "empty.json", "blank.json"])
def test_empty_file_is_rejected(tmp_path: Path, name: str) -> None:
    content = "" if name.startswith("empty") else "\n  \n\r\n"
    path = _write(tmp_path, name, content)
    expected = (
        "is empty; it needs a header line and one endpoint a line"
        if name.endswith(".csv")
        else "is empty; it needs one endpoint JSON object a line"
    )
    assert str(_error(path)) == f"Endpoint file {path}: {expected}"


def test_empty_fixture_is_rejected() -> None:
    path = FIXTURES / "empty.csv"
    assert "is empty" in str(_error(path))


@pytest.mark.parametrize("name", ["e.csv", "e.json"])
def test_non_utf8_is_rejected_at_its_line_and_column(tmp_path: Path, name: str) -> None:
    line2 = b"SMS,+1604,Ren\xe9\n" if name.endswith(".csv") else b'{"Address":"Ren\xe9"}\n'
    first = (
        CSV_HEADER.encode() if name.endswith(".csv") else b'{"ChannelType":"SMS","Address":"x"}\n'
    )
    path = _write(tmp_path, name, first + line2)
    error = _error(path)
    assert (error.line, error.column) == (2, line2.index(b"\xe9") + 1)
    assert error.reason == "is not UTF-8 (byte 0xe9); Pinpoint reads endpoint files as UTF-8"


def test_byte_order_mark_is_rejected(tmp_path: Path) -> None:
    path = _write(tmp_path, "e.csv", b"\xef\xbb\xbf" + CSV_HEADER.encode() + b"SMS,+1604,u1\n")
    assert str(_error(path)) == (
        f"Endpoint file {path}, line 1, column 1: starts with a UTF-8 byte order mark (BOM); "
        "save it as UTF-8 without BOM"
    )


# --- CSV header ------------------------------------------------------------------------------


def test_unknown_column_is_rejected() -> None:
    path = FIXTURES / "bad_unknown_column.csv"
    assert str(_error(path)) == (
        f"Endpoint file {path}, line 1, column 3: 'FirstName' is not an endpoint attribute "
        "Pinpoint imports; use ChannelType, Address, Id, OptOut, EffectiveDate, EndpointStatus, "
        "RequestId, User.UserId, Demographic.*, Location.*, or custom Attributes.<name>, "
        "User.UserAttributes.<name>, Metrics.<name>"
    )


def test_misspelled_column_gets_a_suggestion(tmp_path: Path) -> None:
    path = _write(tmp_path, "e.csv", "channeltype,Address\nSMS,+1604\n")
    error = _error(path)
    assert (error.line, error.column) == (1, 1)
    assert error.reason.startswith(
        "'channeltype' is not an endpoint attribute Pinpoint imports (did you mean ChannelType?)"
    )


def test_unknown_nested_column_is_rejected(tmp_path: Path) -> None:
    path = _write(tmp_path, "e.csv", "ChannelType,Address,Demographic.Color\nSMS,+1604,red\n")
    error = _error(path)
    assert (error.line, error.column) == (1, 3)
    assert error.reason.startswith("'Demographic.Color' is not an endpoint attribute")


def test_custom_prefix_without_a_name_is_rejected(tmp_path: Path) -> None:
    path = _write(tmp_path, "e.csv", "ChannelType,Address,Attributes.\nSMS,+1604,x\n")
    assert str(_error(path)) == (
        f"Endpoint file {path}, line 1, column 3: 'Attributes.' needs an attribute name after "
        "the dot"
    )


def test_custom_attribute_name_longer_than_50_is_rejected(tmp_path: Path) -> None:
    long_name = "n" * 51
    path = _write(tmp_path, "e.csv", f"ChannelType,Address,Metrics.{long_name}\nSMS,+1604,1\n")
    assert str(_error(path)) == (
        f"Endpoint file {path}, line 1, column 3: the attribute name '{long_name}' is 51 "
        "characters long; the maximum is 50"
    )


def test_column_without_a_name_is_rejected(tmp_path: Path) -> None:
    path = _write(tmp_path, "e.csv", "ChannelType,,Address\nSMS,x,+1604\n")
    assert str(_error(path)) == (
        f"Endpoint file {path}, line 1, column 2: the header has a column without a name"
    )


def test_repeated_fixed_column_is_rejected(tmp_path: Path) -> None:
    path = _write(tmp_path, "e.csv", "ChannelType,Address,Address\nSMS,+1604,+1605\n")
    assert str(_error(path)) == (
        f"Endpoint file {path}, line 1, column 3: the header names Address twice (also column "
        "2); only Attributes.* and User.UserAttributes.* columns may repeat, one value each"
    )


def test_repeated_metric_column_is_rejected(tmp_path: Path) -> None:
    path = _write(tmp_path, "e.csv", "ChannelType,Address,Metrics.a,Metrics.a\nSMS,+1604,1,2\n")
    assert _error(path).reason.startswith("the header names Metrics.a twice (also column 3)")


@pytest.mark.parametrize(
    ("header", "missing"), [("Address,Id", "ChannelType"), ("ChannelType,Id", "Address")]
)
def test_header_without_channel_type_or_address_is_rejected(
    tmp_path: Path, header: str, missing: str
) -> None:
    path = _write(tmp_path, "e.csv", f"{header}\nSMS,x\n")
    assert str(_error(path)) == (
        f"Endpoint file {path}, line 1: the header has no {missing} column; Pinpoint needs "
        "ChannelType and Address for every endpoint"
    )


def test_header_without_rows_is_rejected(tmp_path: Path) -> None:
    path = _write(tmp_path, "e.csv", "\n" + CSV_HEADER + "\n")
    assert str(_error(path)) == f"Endpoint file {path}, line 2: has a header but no endpoints"


# --- CSV rows --------------------------------------------------------------------------------


def test_row_with_too_few_values_is_rejected() -> None:
    path = FIXTURES / "bad_row_length.csv"
    assert str(_error(path)) == (
        f"Endpoint file {path}, line 3, column 3: has 2 values but the header (line 1) has 3 "
        "columns"
    )


def test_row_with_too_many_values_is_rejected(tmp_path: Path) -> None:
    path = _write(tmp_path, "e.csv", CSV_HEADER + "SMS,+1604,u1,extra\n")
    assert str(_error(path)) == (
        f"Endpoint file {path}, line 2, column 4: has 4 values but the header (line 1) has 3 "
        "columns"
    )


def test_invalid_channel_type_is_rejected() -> None:
    path = FIXTURES / "bad_channel_type.csv"
    assert str(_error(path)) == (
        f"Endpoint file {path}, line 3, column 1: ChannelType 'FAX' is not a Pinpoint channel "
        f"type; use one of {CHANNELS}"
    )


def test_lower_case_channel_type_gets_a_suggestion(tmp_path: Path) -> None:
    path = _write(tmp_path, "e.csv", "Address,ChannelType\n+1604,sms\n")
    error = _error(path)
    assert (error.line, error.column) == (2, 2)
    assert error.reason.startswith(
        "ChannelType 'sms' is not a Pinpoint channel type (did you mean SMS?)"
    )


def test_empty_channel_type_is_rejected(tmp_path: Path) -> None:
    path = _write(tmp_path, "e.csv", CSV_HEADER + ",+1604,u1\n")
    assert _error(path).reason.startswith("ChannelType '' is not a Pinpoint channel type")


def test_empty_address_is_rejected(tmp_path: Path) -> None:
    path = _write(tmp_path, "e.csv", CSV_HEADER + "SMS, ,u1\n")
    assert str(_error(path)) == f"Endpoint file {path}, line 2, column 2: Address is empty"


def test_invalid_opt_out_is_rejected(tmp_path: Path) -> None:
    path = _write(tmp_path, "e.csv", "ChannelType,Address,OptOut\nSMS,+1604,yes\n")
    assert str(_error(path)) == (
        f"Endpoint file {path}, line 2, column 3: OptOut must be ALL or NONE, got 'yes'"
    )


@pytest.mark.parametrize(
    ("column", "value"), [("Metrics.Sessions", "many"), ("Location.Latitude", "nan")]
)
def test_non_numeric_metric_or_coordinate_is_rejected(
    tmp_path: Path, column: str, value: str
) -> None:
    path = _write(tmp_path, "e.csv", f"ChannelType,Address,{column}\nSMS,+1604,{value}\n")
    assert str(_error(path)) == (
        f"Endpoint file {path}, line 2, column 3: {column} must be a number, got '{value}'"
    )


def test_attribute_value_longer_than_100_is_rejected(tmp_path: Path) -> None:
    path = _write(tmp_path, "e.csv", f"ChannelType,Address,Attributes.Bio\nSMS,+1604,{'b' * 101}\n")
    assert str(_error(path)) == (
        f"Endpoint file {path}, line 2, column 3: the value of Attributes.Bio is 101 characters "
        "long; the maximum is 100"
    )


def test_tab_in_a_value_is_rejected(tmp_path: Path) -> None:
    path = _write(tmp_path, "e.csv", CSV_HEADER + "SMS,+1604,u\t1\n")
    assert str(_error(path)) == (
        f"Endpoint file {path}, line 2, column 3: contains a tab; Pinpoint can't import tabs in "
        "CSV values"
    )


def test_line_break_inside_a_quoted_value_is_rejected(tmp_path: Path) -> None:
    path = _write(tmp_path, "e.csv", CSV_HEADER + 'SMS,"+1604\n555",u1\n')
    assert str(_error(path)) == (
        f"Endpoint file {path}, line 2, column 2: a quoted value is not closed on this line "
        "(values can't contain line breaks)"
    )


def test_text_after_a_closing_quote_is_rejected(tmp_path: Path) -> None:
    path = _write(tmp_path, "e.csv", CSV_HEADER + 'SMS,+1604,"u""1"x\n')
    error = _error(path)
    assert (error.line, error.column) == (2, 3)
    assert error.reason.startswith("is not valid CSV (',' expected after '\"')")


# --- JSON ------------------------------------------------------------------------------------


def test_invalid_json_reports_the_decoder_line_and_column() -> None:
    path = FIXTURES / "bad_syntax.json"
    line = path.read_text(encoding="utf-8").splitlines()[1]
    with pytest.raises(json.JSONDecodeError) as decoded:
        json.loads(line)
    assert str(_error(path)) == (
        f"Endpoint file {path}, line 2, column {decoded.value.colno}: is not valid JSON "
        "(Expecting property name enclosed in double quotes)"
    )


def test_pretty_printed_json_gets_a_hint(tmp_path: Path) -> None:
    path = _write(tmp_path, "e.json", '{\n  "ChannelType": "SMS",\n  "Address": "+1604"\n}\n')
    assert str(_error(path)) == (
        f"Endpoint file {path}, line 1, column 2: is not valid JSON (Expecting property name "
        "enclosed in double quotes); the file must be newline-delimited JSON: each endpoint one "
        "whole JSON object on its own line, not one JSON document"
    )


def test_json_line_that_is_not_an_object_is_rejected(tmp_path: Path) -> None:
    path = _write(tmp_path, "e.json", '[{"ChannelType":"SMS","Address":"+1604"}]\n')
    assert str(_error(path)) == (
        f"Endpoint file {path}, line 1, column 1: must be a JSON object (one endpoint a line), "
        "got an array"
    )


def test_unknown_top_level_key_is_rejected() -> None:
    path = FIXTURES / "bad_unknown_key.json"
    text = path.read_text(encoding="utf-8")
    error = _error(path)
    assert (error.line, error.column) == (1, text.index('"Nickname"') + 1)
    assert error.reason == (
        "'Nickname' is not an endpoint attribute Pinpoint imports; use Address, ChannelType, "
        "EffectiveDate, EndpointStatus, Id, OptOut, RequestId, Demographic, Location, User, "
        "Attributes, Metrics"
    )


def test_flattened_csv_style_key_in_json_is_rejected(tmp_path: Path) -> None:
    line = '{"ChannelType":"SMS","Address":"+1604","Demographic.Make":"LG"}\n'
    error = _error(_write(tmp_path, "e.json", line))
    assert error.column == line.index('"Demographic.Make"') + 1
    assert error.reason.startswith("'Demographic.Make' is not an endpoint attribute")


@pytest.mark.parametrize("missing", ["ChannelType", "Address"])
def test_json_endpoint_without_channel_type_or_address_is_rejected(
    tmp_path: Path, missing: str
) -> None:
    endpoint = {"ChannelType": "SMS", "Address": "+1604", "Id": "e1"}
    del endpoint[missing]
    path = _write(tmp_path, "e.json", json.dumps(endpoint) + "\n")
    assert str(_error(path)) == (
        f"Endpoint file {path}, line 1, column 1: the endpoint has no {missing}; Pinpoint needs "
        "ChannelType and Address for every endpoint"
    )


def test_json_invalid_channel_type_is_rejected_at_its_key(tmp_path: Path) -> None:
    line = '{"Address":"+1604","ChannelType":"FAX"}'
    column = line.index('"ChannelType"') + 1
    path = _write(tmp_path, "e.json", '{"ChannelType":"SMS","Address":"+1"}\n' + line + "\n")
    assert str(_error(path)) == (
        f"Endpoint file {path}, line 2, column {column}: ChannelType "
        f"'FAX' is not a Pinpoint channel type; use one of {CHANNELS}"
    )


@pytest.mark.parametrize(
    ("endpoint", "key", "reason"),
    [
        (
            {"Address": 16045550182},
            "Address",
            "Address must be a string, got the number 16045550182",
        ),
        ({"Address": ""}, "Address", "Address is empty"),
        ({"OptOut": "no"}, "OptOut", "OptOut must be ALL or NONE, got 'no'"),
        (
            {"Demographic": "LG"},
            "Demographic",
            "Demographic must be an object, got the string 'LG'",
        ),
        (
            {"Demographic": {"Color": "red"}},
            "Color",
            "'Demographic.Color' is not an endpoint attribute Pinpoint imports; Demographic takes "
            "AppVersion, Locale, Make, Model, ModelVersion, Platform, PlatformVersion, Timezone",
        ),
        (
            {"Demographic": {"Make": 1}},
            "Make",
            "Demographic.Make must be a string, got the number 1",
        ),
        (
            {"Location": {"Latitude": "47.6"}},
            "Latitude",
            "Location.Latitude must be a number, got the string '47.6'",
        ),
        (
            {"Attributes": {"Ride": "Bus"}},
            "Ride",
            'Attributes.Ride must be a list of strings, like {"Ride": ["Bus"]}, got the string '
            "'Bus'",
        ),
        (
            {"Attributes": ["Bus"]},
            "Attributes",
            'Attributes must be an object of lists of strings, like {"Ride": ["Bus"]}, '
            "got an array",
        ),
        (
            {"User": {"UserAttributes": {"Age": [42]}}},
            "Age",
            'User.UserAttributes.Age must be a list of strings, like {"Ride": ["Bus"]}, '
            "got an array",
        ),
        (
            {"User": {"UserAttributes": {"Bio": ["b" * 101]}}},
            "Bio",
            "the value of User.UserAttributes.Bio is 101 characters long; the maximum is 100",
        ),
        (
            {"User": {"Name": "Mary"}},
            "Name",
            "'User.Name' is not an endpoint attribute Pinpoint imports; User takes UserId, "
            "UserAttributes",
        ),
        (
            {"Metrics": {"Sessions": "3"}},
            "Sessions",
            "Metrics.Sessions must be a number, got the string '3'",
        ),
        (
            {"Metrics": {"Sessions": True}},
            "Sessions",
            "Metrics.Sessions must be a number, got a boolean",
        ),
        ({"Metrics": {"": 1}}, "", "'Metrics.' needs an attribute name after the dot"),
        (
            {"Metrics": [1]},
            "Metrics",
            'Metrics must be an object of numbers, like {"sessions": 3}, got an array',
        ),
    ],
)
def test_json_attribute_rules(
    tmp_path: Path, endpoint: dict[str, Any], key: str, reason: str
) -> None:
    line = json.dumps({"ChannelType": "SMS", "Address": "+1604"} | endpoint)
    path = _write(tmp_path, "e.json", line + "\n")
    error = _error(path)
    assert error.reason == reason
    assert (error.line, error.column) == (1, line.rindex(json.dumps(key)) + 1)


def test_json_nan_is_rejected(tmp_path: Path) -> None:
    line = '{"ChannelType":"SMS","Address":"+1604","Metrics":{"Sessions":NaN}}'
    path = _write(tmp_path, "e.json", line + "\n")
    assert str(_error(path)) == (
        f"Endpoint file {path}, line 1, column {line.index('NaN') + 1}: NaN is not a JSON number "
        "Pinpoint accepts"
    )
