"""The event sources after Pinpoint (SES, AWS End User Messaging SMS/voice): table columns
against AWS's documented example records, the partition query, the cross-source queries, and
the archive's configuration-set destinations (role, lint, nag)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import aws_cdk as cdk
import pytest
import sqlglot
from aws_cdk import aws_ses as ses
from aws_cdk.assertions import Match, Template
from sqlglot import exp
from support import lint_findings, synth_clean

from pinpoint_constructs import (
    ConfigurationSet,
    EventArchive,
    EventStream,
    PinpointApp,
    SmsVoiceEventType,
)
from pinpoint_constructs.analytics.source_queries import source_queries
from pinpoint_constructs.analytics.sources import (
    CONNECT_SOURCE,
    SES_SOURCE,
    SMS_VOICE_SOURCE,
    SOURCES_PARTITION_QUERY,
    EventSource,
    leaf_paths,
    value_paths,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "events"


def records(source: str) -> list[dict[str, Any]]:
    lines = (FIXTURES / source / "documented_examples.jsonl").read_text().splitlines()
    return [json.loads(line) for line in lines]


# Declared leaves no documented example record shows, each with the page that documents it.
DOCUMENTED_WITHOUT_EXAMPLE = {
    # "Contents of event data that Amazon SES publishes to Firehose", Complaint object.
    "complaint.complaintsubtype",
    # "Amazon Connect contact events": the campaign of outbound campaign contacts (the copied
    # sample predates campaigns).
    "detail.campaign.campaignid",
}


@pytest.mark.parametrize(("source", "name"), [(SES_SOURCE, "ses"), (SMS_VOICE_SOURCE, "sms_voice")])
def test_every_field_of_the_documented_examples_has_a_column(source: EventSource, name: str):
    for record in records(name):
        assert source.unmapped_fields(record) == [], record.get("eventType")


@pytest.mark.parametrize(("source", "name"), [(SES_SOURCE, "ses"), (SMS_VOICE_SOURCE, "sms_voice")])
def test_every_column_is_in_a_documented_example(source: EventSource, name: str):
    seen = {path for record in records(name) for path in value_paths(record, "")}
    declared = {
        path
        for column, column_type, _ in source.columns
        for path in leaf_paths(column_type, column)
    }
    assert declared - seen - DOCUMENTED_WITHOUT_EXAMPLE == set()


def test_a_field_without_a_column_is_reported():
    record = {**records("ses")[0], "newThing": 1}
    assert SES_SOURCE.unmapped_fields(record) == ["newThing (not declared)"]
    bad = {**records("sms_voice")[0], "totalMessagePrice": "cheap"}
    assert SMS_VOICE_SOURCE.unmapped_fields(bad) == ["totalMessagePrice (str is not double)"]


@pytest.mark.parametrize(
    "source", [SES_SOURCE, SMS_VOICE_SOURCE, CONNECT_SOURCE], ids=lambda s: s.name
)
def test_column_types_parse_as_hive_ddl(source: EventSource):
    columns = ", ".join(f"`{n}` {t.type_string()}" for n, t, _ in source.columns)
    created = sqlglot.parse_one(
        f"CREATE EXTERNAL TABLE t ({columns})",
        dialect="hive",
        error_level=sqlglot.ErrorLevel.RAISE,
    )
    assert [c.name for c in created.this.expressions] == [n for n, _, _ in source.columns]


@pytest.mark.skipif(shutil.which("jq") is None, reason="the jq command is not installed")
def test_partition_query_routes_each_documented_record():
    def keys(record: dict[str, Any]) -> dict[str, str]:
        out = subprocess.run(
            ["jq", "-c", SOURCES_PARTITION_QUERY],
            input=json.dumps(record),
            capture_output=True,
            text=True,
            check=True,
        )
        return json.loads(out.stdout)

    assert keys(records("ses")[0]) == {"source": "ses", "dt": "2017-08-05"}
    assert {keys(r)["source"] for r in records("ses")} == {"ses"}
    assert [keys(r) for r in records("sms_voice")] == [
        {"source": "sms_voice", "dt": "2023-06-17"},
        {"source": "sms_voice", "dt": "2024-10-16"},
        {"source": "sms_voice", "dt": "2025-10-01"},
    ]
    assert keys({"hello": "world", "eventTimestamp": 0}) == {"source": "other", "dt": "1970-01-01"}
    assert keys(records("connect")[0]) == {"source": "connect", "dt": "2021-05-01"}


QUERIES = source_queries(
    "pinpoint_events", "ses_events", "sms_voice_events", connect_table="connect_contact_events"
)


@pytest.mark.parametrize("query", QUERIES, ids=lambda q: q.name)
def test_every_source_query_parses_with_the_trino_dialect(query):
    tree = sqlglot.parse_one(query.sql, dialect="trino", error_level=sqlglot.ErrorLevel.RAISE)
    tables = {t.name for t in tree.find_all(exp.Table)} - {"daily"}
    assert tables <= {"ses_events", "sms_voice_events", "connect_contact_events"} and tables
    assert "dt >= date_format(current_date - INTERVAL '30' DAY" in query.sql


def test_source_queries_answer_the_same_questions():
    assert [q.name for q in QUERIES] == [
        "all_message_status",
        "email_bounces_and_complaints",
        "email_engagement_by_campaign",
        "email_engagement_by_journey",
        "sms_voice_delivery",
        "daily_email_rates_ses",
        "connect_campaign_contacts",
    ]
    rates = QUERIES[-2].sql
    assert ">= 0.05" in rates and ">= 0.001" in rates and "'Permanent'" in rates


# ---- the archive ---------------------------------------------------------------------------


def archive(stack: cdk.Stack) -> EventArchive:
    app = PinpointApp(stack, "App", app_name="demo")
    events = EventStream(stack, "Events", app=app)
    assert events.stream is not None
    return EventArchive(stack, "Archive", app=app, stream=events.stream)


def test_no_sources_stream_until_a_source_is_added(stack: cdk.Stack):
    archive(stack)
    Template.from_stack(stack).resource_count_is("AWS::KinesisFirehose::DeliveryStream", 1)


def test_ses_and_sms_voice_configuration_sets_write_to_one_direct_put_stream(stack):
    arch = archive(stack)
    config_set = ses.ConfigurationSet(stack, "Email", configuration_set_name="email")
    arch.add_ses_configuration_set(config_set)
    sms = ConfigurationSet(stack, "Sms", configuration_set_name="sms")
    arch.add_sms_voice_configuration_set(sms, event_types=[SmsVoiceEventType.TEXT_ALL])
    template = Template.from_stack(stack)
    template.resource_count_is("AWS::KinesisFirehose::DeliveryStream", 2)
    template.has_resource_properties(
        "AWS::KinesisFirehose::DeliveryStream",
        {
            "DeliveryStreamType": "DirectPut",
            "DeliveryStreamEncryptionConfigurationInput": {"KeyType": "AWS_OWNED_CMK"},
            "ExtendedS3DestinationConfiguration": Match.object_like(
                {
                    "Prefix": "events/source=!{partitionKeyFromQuery:source}/"
                    "dt=!{partitionKeyFromQuery:dt}/",
                    "ErrorOutputPrefix": "errors/sources/!{firehose:error-output-type}/"
                    "dt=!{timestamp:yyyy-MM-dd}/",
                }
            ),
        },
    )
    template.has_resource_properties(
        "AWS::SES::ConfigurationSetEventDestination",
        {
            "ConfigurationSetName": Match.any_value(),
            "EventDestination": Match.object_like(
                {"Enabled": True, "KinesisFirehoseDestination": Match.object_like({})}
            ),
        },
    )
    template.has_resource_properties(
        "AWS::SMSVOICE::ConfigurationSet",
        {
            "EventDestinations": [
                Match.object_like(
                    {
                        "EventDestinationName": "EventArchive",
                        "MatchingEventTypes": ["TEXT_ALL"],
                        "KinesisFirehoseDestination": Match.object_like({}),
                    }
                )
            ]
        },
    )
    tables = template.find_resources("AWS::Glue::Table")
    names = {t["Properties"]["TableInput"]["Name"] for t in tables.values()}
    assert names == {"all_events", "ses_events", "sms_voice_events", "connect_contact_events"}
    ses_table = next(
        t for t in tables.values() if t["Properties"]["TableInput"]["Name"] == "ses_events"
    )
    location = ses_table["Properties"]["TableInput"]["Parameters"]["storage.location.template"]
    assert json.dumps(location).count("events/source=ses/dt=${dt}/") == 1
    queries = template.find_resources("AWS::Athena::NamedQuery")
    assert {q["Properties"]["Name"] for q in queries.values()} >= {
        "all_message_status",
        "daily_email_rates_ses",
    }


def test_ses_role_may_put_records_on_the_sources_stream_only(stack):
    arch = archive(stack)
    arch.add_ses_configuration_set(ses.ConfigurationSet(stack, "Email"))
    Template.from_stack(stack).has_resource_properties(
        "AWS::IAM::Role",
        {
            "AssumeRolePolicyDocument": {
                "Statement": [
                    Match.object_like(
                        {
                            "Principal": {"Service": "ses.amazonaws.com"},
                            "Condition": {
                                "StringEquals": {
                                    "AWS:SourceAccount": "123456789012",
                                    "AWS:SourceArn": Match.any_value(),
                                }
                            },
                        }
                    )
                ]
            },
            "Policies": [
                {
                    "PolicyDocument": {
                        "Statement": [
                            {
                                "Action": "firehose:PutRecordBatch",
                                "Effect": "Allow",
                                "Resource": {
                                    "Fn::GetAtt": [
                                        Match.string_like_regexp("ArchiveSources"),
                                        "Arn",
                                    ]
                                },
                            }
                        ],
                        "Version": "2012-10-17",
                    },
                    "PolicyName": Match.any_value(),
                }
            ],
        },
    )


def test_add_ses_configuration_set_refuses_an_import(stack):
    arch = archive(stack)
    imported = ses.ConfigurationSet.from_configuration_set_name(stack, "I", "x")
    with pytest.raises(TypeError, match="configuration_set must be"):
        arch.add_ses_configuration_set(imported)  # type: ignore[arg-type]


def test_sources_are_lint_and_nag_clean(nag_stack, tmp_path):
    arch = archive(nag_stack)
    arch.add_ses_configuration_set(ses.ConfigurationSet(nag_stack, "Email"))
    arch.add_sms_voice_configuration_set(ConfigurationSet(nag_stack, "Sms"))
    assert lint_findings(synth_clean(nag_stack), tmp_path) == []


def test_an_archive_without_pinpoint_holds_the_sources_only(stack):
    arch = EventArchive(stack, "Archive")
    arch.add_ses_configuration_set(ses.ConfigurationSet(stack, "Email"))
    template = Template.from_stack(stack)
    template.resource_count_is("AWS::KinesisFirehose::DeliveryStream", 1)
    tables = template.find_resources("AWS::Glue::Table")
    assert {t["Properties"]["TableInput"]["Name"] for t in tables.values()} == {
        "ses_events",
        "sms_voice_events",
        "connect_contact_events",
    }
    names = {
        q["Properties"]["Name"] for q in template.find_resources("AWS::Athena::NamedQuery").values()
    }
    assert "all_message_status" in names and "message_status" not in names
    assert arch.table is None and arch.table_name is None and arch.delivery_stream_arn is None


def test_app_and_stream_go_together(stack):
    app = PinpointApp(stack, "App", app_name="demo")
    with pytest.raises(ValueError, match="give app and stream together"):
        EventArchive(stack, "Archive", app=app)


def test_sources_only_archive_is_lint_and_nag_clean(nag_stack, tmp_path):
    arch = EventArchive(nag_stack, "Archive")
    arch.add_ses_configuration_set(ses.ConfigurationSet(nag_stack, "Email"))
    arch.add_sms_voice_configuration_set(ConfigurationSet(nag_stack, "Sms"))
    assert lint_findings(synth_clean(nag_stack), tmp_path) == []


# ---- the dashboard of the sources after Pinpoint --------------------------------------------


def test_dashboard_counts_ses_and_sms_voice_with_bounded_dimensions(stack):
    from aws_cdk import aws_logs as logs

    from pinpoint_constructs import EngagementDashboard

    dashboard = EngagementDashboard(stack, "Dashboard")
    email = ses.ConfigurationSet(stack, "Email", configuration_set_name="email")
    dashboard.add_ses_configuration_set(email)
    log_group = logs.LogGroup(stack, "SmsEvents", retention=logs.RetentionDays.ONE_MONTH)
    dashboard.add_sms_voice_event_log(log_group)
    template = Template.from_stack(stack)
    template.has_resource_properties(
        "AWS::SES::ConfigurationSetEventDestination",
        {
            "EventDestination": Match.object_like(
                {
                    "CloudWatchDestination": {
                        "DimensionConfigurations": [
                            {
                                "DimensionName": "ses:configuration-set",
                                "DimensionValueSource": "messageTag",
                                "DefaultDimensionValue": "none",
                            }
                        ]
                    }
                }
            )
        },
    )
    template.has_resource_properties(
        "AWS::Logs::MetricFilter",
        {
            "FilterPattern": '{ $.eventType = "*" }',
            "MetricTransformations": [
                Match.object_like(
                    {
                        "MetricName": "SmsVoiceMessages",
                        "Dimensions": [{"Key": "EventType", "Value": "$.eventType"}],
                    }
                )
            ],
        },
    )
    (board,) = template.find_resources("AWS::CloudWatch::Dashboard").values()
    body = json.dumps(board["Properties"]["DashboardBody"])
    assert "ses:configuration-set" in body and "SmsVoiceMessages" in body
    assert "PinpointConstructs/Engagement" in body
    assert dashboard.metrics is None


def test_dashboard_stream_needs_an_app(stack):
    from pinpoint_constructs import EngagementDashboard

    app = PinpointApp(stack, "App", app_name="demo")
    events = EventStream(stack, "Events", app=app)
    with pytest.raises(ValueError, match="give app with them"):
        EngagementDashboard(stack, "Dashboard", stream=events.stream)


def test_sources_dashboard_is_lint_and_nag_clean(nag_stack, tmp_path):
    from aws_cdk import aws_logs as logs

    from pinpoint_constructs import EngagementDashboard

    dashboard = EngagementDashboard(nag_stack, "Dashboard")
    dashboard.add_ses_configuration_set(ses.ConfigurationSet(nag_stack, "Email"))
    dashboard.add_sms_voice_event_log(logs.LogGroup(nag_stack, "Log"))
    assert lint_findings(synth_clean(nag_stack), tmp_path) == []


def test_connect_contact_events_go_to_the_sources_stream(stack):
    arch = EventArchive(stack, "Archive")
    arch.add_connect_contact_events()
    template = Template.from_stack(stack)
    template.has_resource_properties(
        "AWS::Events::Rule",
        {
            "EventPattern": {
                "source": ["aws.connect"],
                "detail-type": ["Amazon Connect Contact Event"],
            },
            "Targets": [
                Match.object_like(
                    {"Arn": {"Fn::GetAtt": [Match.string_like_regexp("ArchiveSources"), "Arn"]}}
                )
            ],
        },
    )
    tables = template.find_resources("AWS::Glue::Table")
    (connect,) = [
        t
        for t in tables.values()
        if t["Properties"]["TableInput"]["Name"] == "connect_contact_events"
    ]
    serde = connect["Properties"]["TableInput"]["StorageDescriptor"]["SerdeInfo"]["Parameters"]
    assert serde["mapping.detail_type"] == "detail-type"


def test_connect_archive_is_lint_and_nag_clean(nag_stack, tmp_path):
    EventArchive(nag_stack, "Archive").add_connect_contact_events()
    assert lint_findings(synth_clean(nag_stack), tmp_path) == []
