"""The Glue schema covers every sample event; every named query is valid Trino SQL."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlglot
from sqlglot import exp

from pinpoint_constructs.analytics import EVENT_COLUMNS, event_queries, unmapped_fields
from pinpoint_constructs.analytics.schema import PARTITION_COLUMN

FIXTURES = sorted((Path(__file__).resolve().parents[1] / "fixtures" / "events").glob("*.json"))
QUERIES = event_queries("pinpoint_events", "all_events", lookback_days=30)


def test_fixtures_cover_email_sms_campaign_and_journey_events():
    types = {json.loads(path.read_text())["event_type"] for path in FIXTURES}
    assert {"_email.open", "_email.click", "_SMS.FAILURE", "_journey.send"} <= types


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_every_field_of_every_fixture_maps_to_a_declared_column(path):
    assert unmapped_fields(json.loads(path.read_text())) == []


def test_an_undeclared_or_mistyped_field_is_reported():
    event = json.loads(FIXTURES[0].read_text())
    event["surprise"] = {"x": 1}
    event["event_timestamp"] = "yesterday"
    assert unmapped_fields(event) == [
        "event_timestamp (str is not bigint)",
        "surprise (not declared)",
    ]


def test_nested_mail_fields_are_checked_too():
    event = {"facets": {"email_channel": {"mail_event": {"bounce": {"bounce_typo": "x"}}}}}
    assert unmapped_fields(event) == [
        "facets.email_channel.mail_event.bounce.bounce_typo (not declared)"
    ]


@pytest.mark.parametrize("column", EVENT_COLUMNS, ids=lambda c: c[0])
def test_every_column_type_is_a_valid_hive_type(column):
    name, column_type, comment = column
    parsed = exp.DataType.build(column_type.type_string(), dialect="hive")
    assert parsed.is_type(*exp.DataType.Type), name
    assert name == name.lower() and len(comment) <= 255


def test_the_whole_table_parses_as_hive_ddl():
    columns = ", ".join(f"`{n}` {t.type_string()}" for n, t, _ in EVENT_COLUMNS)
    ddl = f"CREATE TABLE t ({columns}) PARTITIONED BY ({PARTITION_COLUMN} STRING)"
    created = sqlglot.parse_one(ddl, dialect="hive", error_level=sqlglot.ErrorLevel.RAISE)
    assert isinstance(created, exp.Create)
    top_level = [c.name for c in created.this.expressions]
    assert top_level == [name for name, _t, _c in EVENT_COLUMNS]


def test_a_typo_in_a_type_fails_the_parser():
    with pytest.raises(sqlglot.errors.ParseError):
        exp.DataType.build("struc<a:string>", dialect="hive")


@pytest.mark.parametrize("query", QUERIES, ids=lambda q: q.name)
def test_every_query_parses_with_the_trino_dialect(query):
    tree = sqlglot.parse_one(query.sql, dialect="trino", error_level=sqlglot.ErrorLevel.RAISE)
    assert isinstance(tree, exp.Select | exp.With) or tree.find(exp.Select)
    tables = {t.name for t in tree.find_all(exp.Table)} - {"daily"}
    assert tables == {"all_events"}


@pytest.mark.parametrize("query", QUERIES, ids=lambda q: q.name)
def test_every_query_reads_only_declared_columns_and_a_bounded_window(query):
    tree = sqlglot.parse_one(query.sql, dialect="trino")
    declared = {name for name, _t, _c in EVENT_COLUMNS} | {PARTITION_COLUMN}
    aliases = {a.alias for a in tree.find_all(exp.Alias)} | {"r"}
    for column in tree.find_all(exp.Column):
        root = column.parts[0].name
        assert root in declared | aliases, f"{query.name}: unknown column {column.sql()}"
    assert "dt >= date_format(current_date - INTERVAL '30' DAY" in query.sql


def test_a_typo_in_sql_fails_the_parser():
    broken = QUERIES[0].sql.replace("GROUP BY", "GROUP", 1)
    with pytest.raises(sqlglot.errors.ParseError):
        sqlglot.parse_one(broken, dialect="trino", error_level=sqlglot.ErrorLevel.RAISE)


def test_the_queries_answer_the_issue_questions():
    assert [q.name for q in QUERIES] == [
        "message_status",
        "bounces_and_complaints",
        "engagement_by_campaign",
        "engagement_by_journey",
        "sms_delivery",
        "daily_email_rates",
    ]
    rates = QUERIES[-1].sql
    assert ">= 0.05\n    AS bounce_rate_at_review_line" in rates
    assert ">= 0.001\n    AS complaint_rate_at_review_line" in rates
    assert "diagnostic_code" in QUERIES[1].sql
