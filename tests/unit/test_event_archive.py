"""EventArchive: bucket, Firehose, Glue table, Athena workgroup, named queries, grants,
validation and cdk-nag."""

from __future__ import annotations

import aws_cdk as cdk
import pytest
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kms as kms
from aws_cdk.assertions import Match, Template
from support import lint_findings, synth_clean

from pinpoint_constructs import EventArchive, EventStream, PinpointApp
from pinpoint_constructs.analytics import EVENT_COLUMNS


def _archive(stack: cdk.Stack, **props) -> EventArchive:
    app = PinpointApp(stack, "App", app_name="demo")
    events = EventStream(stack, "Events", app=app)
    assert events.stream is not None
    return EventArchive(stack, "Archive", app=app, stream=events.stream, **props)


def test_bucket_is_encrypted_tls_only_logged_and_has_lifecycle_rules(stack):
    _archive(stack)
    template = Template.from_stack(stack)
    template.has_resource_properties(
        "AWS::S3::Bucket",
        {
            "BucketEncryption": {
                "ServerSideEncryptionConfiguration": [
                    {"ServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}
                ]
            },
            "LoggingConfiguration": Match.object_like({"LogFilePrefix": "archive/"}),
            "LifecycleConfiguration": {
                "Rules": [
                    Match.object_like(
                        {
                            "Id": "Events",
                            "Prefix": "events/",
                            "ExpirationInDays": 400,
                            "Transitions": [
                                {"StorageClass": "STANDARD_IA", "TransitionInDays": 30}
                            ],
                            "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 7},
                        }
                    ),
                    Match.object_like({"Id": "DeliveryErrors", "ExpirationInDays": 400}),
                    Match.object_like({"Id": "QueryResults", "ExpirationInDays": 30}),
                ]
            },
        },
    )
    template.has_resource_properties(
        "AWS::S3::BucketPolicy",
        {
            "PolicyDocument": {
                "Statement": Match.array_with(
                    [
                        Match.object_like(
                            {
                                "Effect": "Deny",
                                "Condition": {"Bool": {"aws:SecureTransport": "false"}},
                            }
                        )
                    ]
                )
            }
        },
    )


def test_firehose_partitions_by_event_date_and_appends_newlines(stack):
    _archive(stack)
    dest = Template.from_stack(stack).find_resources("AWS::KinesisFirehose::DeliveryStream")
    (props,) = [r["Properties"] for r in dest.values()]
    assert props["DeliveryStreamType"] == "KinesisStreamAsSource"
    s3 = props["ExtendedS3DestinationConfiguration"]
    assert s3["Prefix"] == "events/dt=!{partitionKeyFromQuery:dt}/"
    assert (
        s3["ErrorOutputPrefix"]
        == "errors/!{firehose:error-output-type}/dt=!{timestamp:yyyy-MM-dd}/"
    )
    assert s3["CompressionFormat"] == "GZIP"
    assert s3["BufferingHints"] == {"IntervalInSeconds": 300, "SizeInMBs": 64}
    assert s3["DynamicPartitioningConfiguration"]["Enabled"] is True
    processors = s3["ProcessingConfiguration"]["Processors"]
    assert [p["Type"] for p in processors] == ["MetadataExtraction", "AppendDelimiterToRecord"]
    query = processors[0]["Parameters"][0]["ParameterValue"]
    assert "event_timestamp // .arrival_timestamp" in query and "%Y-%m-%d" in query


def test_firehose_role_reads_only_the_stream_and_writes_only_its_prefixes(stack):
    archive = _archive(stack)
    policy = stack.resolve(archive.role.node.find_child("DefaultPolicy").document.to_json())
    by_action = {
        tuple(sorted(s["Action"] if isinstance(s["Action"], list) else [s["Action"]])): s[
            "Resource"
        ]
        for s in policy["Statement"]
    }
    writes = by_action[("s3:AbortMultipartUpload", "s3:GetObject", "s3:PutObject")]
    suffixes = sorted(r["Fn::Join"][1][1] for r in writes)
    assert suffixes == ["/errors/*", "/events/*"]
    assert "*" not in [r for r in by_action.values() if isinstance(r, str)]
    trust = stack.resolve(archive.role.assume_role_policy.to_json())
    assert trust["Statement"][0]["Condition"] == {
        "StringEquals": {"sts:ExternalId": "123456789012"}
    }


def test_glue_table_declares_the_event_columns_with_partition_projection(stack):
    _archive(stack, database_name="pinpoint_events")
    tables = Template.from_stack(stack).find_resources("AWS::Glue::Table")
    (table,) = [r["Properties"] for r in tables.values()]
    assert table["DatabaseName"] == "pinpoint_events"
    inp = table["TableInput"]
    assert inp["Name"] == "all_events"
    assert [c["Name"] for c in inp["StorageDescriptor"]["Columns"]] == [c[0] for c in EVENT_COLUMNS]
    assert inp["StorageDescriptor"]["SerdeInfo"]["SerializationLibrary"] == (
        "org.openx.data.jsonserde.JsonSerDe"
    )
    assert inp["PartitionKeys"] == [
        {"Name": "dt", "Type": "string", "Comment": "UTC date, yyyy-MM-dd"}
    ]
    params = inp["Parameters"]
    assert params["projection.enabled"] == "true"
    assert params["projection.dt.type"] == "date"
    assert params["projection.dt.range"] == "2020-01-01,NOW"
    assert (
        "/events/dt=${dt}/" in stack.resolve(params["storage.location.template"])["Fn::Join"][1][-1]
    )


def test_workgroup_enforces_encrypted_results_and_a_scan_limit(stack):
    _archive(stack, work_group_name="pinpoint-analytics")
    Template.from_stack(stack).has_resource_properties(
        "AWS::Athena::WorkGroup",
        {
            "Name": "pinpoint-analytics",
            "WorkGroupConfiguration": Match.object_like(
                {
                    "EnforceWorkGroupConfiguration": True,
                    "BytesScannedCutoffPerQuery": 10 * 1024**3,
                    "ResultConfiguration": {
                        "EncryptionConfiguration": {"EncryptionOption": "SSE_S3"},
                        "OutputLocation": Match.any_value(),
                    },
                }
            ),
        },
    )


def test_a_customer_key_encrypts_bucket_firehose_output_and_results(stack):
    key = kms.Key(stack, "Key", enable_key_rotation=True)
    _archive(stack, encryption_key=key)
    template = Template.from_stack(stack)
    template.has_resource_properties(
        "AWS::Athena::WorkGroup",
        {
            "WorkGroupConfiguration": Match.object_like(
                {
                    "ResultConfiguration": Match.object_like(
                        {
                            "EncryptionConfiguration": {
                                "EncryptionOption": "SSE_KMS",
                                "KmsKey": Match.any_value(),
                            }
                        }
                    )
                }
            )
        },
    )
    template.has_resource_properties(
        "AWS::KinesisFirehose::DeliveryStream",
        {
            "ExtendedS3DestinationConfiguration": Match.object_like(
                {"EncryptionConfiguration": {"KMSEncryptionConfig": Match.any_value()}}
            )
        },
    )


def test_one_named_query_per_question(stack):
    archive = _archive(stack)
    template = Template.from_stack(stack)
    template.resource_count_is("AWS::Athena::NamedQuery", len(archive.queries))
    template.has_resource_properties(
        "AWS::Athena::NamedQuery",
        {"Name": "daily_email_rates", "QueryString": Match.string_like_regexp("review_line")},
    )


def test_grant_query_is_scoped_to_the_workgroup_table_and_prefixes(stack):
    archive = _archive(stack, database_name="db", work_group_name="wg")
    role = iam.Role(stack, "Analyst", assumed_by=iam.AccountRootPrincipal())
    archive.grant_query(role)
    policy = stack.resolve(role.node.find_child("DefaultPolicy").document.to_json())
    resources = str(policy)
    assert ":workgroup/wg" in resources and ":table/db/all_events" in resources
    assert "/athena-results/*" in resources and "/events/*" in resources
    assert "'Resource': '*'" not in resources


def test_default_stack_findings_are_acknowledged(nag_stack):
    _archive(nag_stack)
    synth_clean(nag_stack)


def test_access_logs_need_no_acl_and_lint_clean_without_cdk_json_feature_flags(tmp_path):
    """An app without cdk.json's context (no @aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy):
    the access-log bucket still has ACLs disabled and a bucket policy for log delivery, never
    the legacy LogDeliveryWrite ACL (cfn-lint W3045), and the template lints clean."""
    stack = cdk.Stack(cdk.App(outdir=str(tmp_path / "out")), "NoFlags")
    archive = _archive(stack)
    template = synth_clean(stack)
    assert stack.node.try_get_context("@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy") is None
    logs_bucket = template["Resources"][
        stack.get_logical_id(archive.access_logs_bucket.node.default_child)
    ]
    assert "AccessControl" not in logs_bucket["Properties"]
    assert logs_bucket["Properties"]["OwnershipControls"] == {
        "Rules": [{"ObjectOwnership": "BucketOwnerEnforced"}]
    }
    Template.from_stack(stack).has_resource_properties(
        "AWS::S3::BucketPolicy",
        {
            "PolicyDocument": {
                "Statement": Match.array_with(
                    [
                        Match.object_like(
                            {
                                "Principal": {"Service": "logging.s3.amazonaws.com"},
                                "Action": "s3:PutObject",
                                "Condition": {
                                    "ArnLike": {"aws:SourceArn": Match.any_value()},
                                    "StringEquals": {
                                        "aws:SourceAccount": {"Ref": "AWS::AccountId"}
                                    },
                                },
                            }
                        )
                    ]
                )
            }
        },
    )
    findings = lint_findings(template, tmp_path)
    assert findings == [], [(f["Rule"]["Id"], f["Message"]) for f in findings]


@pytest.mark.parametrize(
    ("props", "message"),
    [
        (
            {"retention": cdk.Duration.hours(36)},
            "retention must be at least 1 whole days, got 1 day 12 hours",
        ),
        (
            {"infrequent_access_after": cdk.Duration.days(10)},
            "infrequent_access_after must be at least 30 whole days, got 10 days",
        ),
        (
            {"retention": cdk.Duration.days(30)},
            r"infrequent_access_after must be shorter than retention \(30 days\), got 30 days",
        ),
        (
            {"query_results_retention": cdk.Duration.hours(2)},
            "query_results_retention must be at least 1 whole days, got 2 hours",
        ),
        (
            {"query_lookback": cdk.Duration.days(0)},
            "query_lookback must be at least 1 whole days, got 0 days",
        ),
        (
            {"buffering_interval": cdk.Duration.seconds(30)},
            "buffering_interval must be 60 to 900 seconds, got 30 seconds",
        ),
        (
            {"buffering_size": cdk.Size.mebibytes(8)},
            r"buffering_size \(MiB\) must be between 64 and 128, got 8",
        ),
        (
            {"bytes_scanned_cutoff_per_query": cdk.Size.mebibytes(1)},
            r"bytes_scanned_cutoff_per_query \(bytes\) must be at least 10000000, got 1048576",
        ),
        (
            {"database_name": "Pinpoint-Events"},
            "database_name must be lower-case letters, digits and _, got 'Pinpoint-Events'",
        ),
        (
            {"table_name": "all events"},
            "table_name must be lower-case letters, digits and _, got 'all events'",
        ),
        (
            {"work_group_name": "a b"},
            "work_group_name must be letters, digits, ., _ or -, got 'a b'",
        ),
        (
            {"work_group_name": "w" * 129},
            "work_group_name must be 1 to 128 characters long, got 129",
        ),
    ],
)
def test_invalid_props_are_rejected_with_the_value(stack, props, message):
    with pytest.raises(ValueError, match=message):
        _archive(stack, **props)


def test_projection_start_must_be_a_date(stack):
    with pytest.raises(TypeError, match="projection_start must be a date, got str: '2020-01-01'"):
        _archive(stack, projection_start="2020-01-01")
