"""EventStream, EngagementEventProcessor and DeliverabilityAlarms: roles, event source,
alarms, validation and cdk-nag."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import aws_cdk as cdk
import pytest
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kinesis as kinesis
from aws_cdk import aws_kinesisfirehose as firehose
from aws_cdk import aws_kms as kms
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_sns as sns
from aws_cdk.assertions import Match, Template
from support import lint_findings, synth_clean

from pinpoint_constructs import (
    DEFAULT_OPT_OUT_EVENT_TYPES,
    DeliverabilityAlarms,
    EngagementEventProcessor,
    EventStream,
    EventStreamDestination,
    PinpointApp,
)

HANDLERS_ROOT = Path(__file__).resolve().parents[2] / "pinpoint_constructs" / "handlers"
STREAM_ARN = "arn:aws:kinesis:us-east-1:123456789012:stream/pinpoint-events"
KEY_ARN = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
FIREHOSE_ARN = "arn:aws:firehose:us-east-1:123456789012:deliverystream/pinpoint-events"
IMPORTED_APP_ARN = "arn:aws:mobiletargeting:us-east-1:123456789012:apps/feed42"


def _logical_id(stack: cdk.Stack, construct: Any) -> str:
    cfn = construct.node.default_child if not isinstance(construct, cdk.CfnElement) else construct
    return stack.get_logical_id(cfn)


def _statements(stack: cdk.Stack, role: Any) -> list[dict[str, Any]]:
    """The statements of every inline policy attached to ``role``, resolved."""
    role_id = _logical_id(stack, role)
    template = Template.from_stack(stack).to_json()
    found: list[dict[str, Any]] = []
    for resource in template["Resources"].values():
        if (
            resource["Type"] == "AWS::IAM::Policy"
            and {"Ref": role_id} in resource["Properties"]["Roles"]
        ):
            found.extend(resource["Properties"]["PolicyDocument"]["Statement"])
    return found


def _resource(stack: cdk.Stack, type_: str) -> dict[str, Any]:
    (resource,) = Template.from_stack(stack).find_resources(type_).values()
    return resource


def _stream(stack: cdk.Stack, **destination: Any) -> tuple[PinpointApp, EventStream]:
    app = PinpointApp(stack, "App")
    dest = EventStreamDestination.new_kinesis_stream(**destination) if destination else None
    return app, EventStream(stack, "Events", app=app, destination=dest)


def _imported_stream(stack: cdk.Stack, key: bool = False) -> kinesis.IStream:
    return kinesis.Stream.from_stream_attributes(
        stack,
        "Existing",
        stream_arn=STREAM_ARN,
        encryption_key=kms.Key.from_key_arn(stack, "ExistingKey", KEY_ARN) if key else None,
    )


# ---- EventStream -------------------------------------------------------------------------


def test_default_destination_is_a_new_encrypted_on_demand_stream(stack):
    app, events = _stream(stack)
    template = Template.from_stack(stack)
    template.has_resource_properties(
        "AWS::Kinesis::Stream",
        {
            "StreamEncryption": {"EncryptionType": "KMS", "KeyId": "alias/aws/kinesis"},
            "StreamModeDetails": {"StreamMode": "ON_DEMAND"},
            "RetentionPeriodHours": 24,
        },
    )
    # The stream keeps aws-cdk-lib's default removal policy (retained on stack deletion).
    assert _resource(stack, "AWS::Kinesis::Stream")["DeletionPolicy"] == "Retain"
    assert events.stream is not None and events.delivery_stream is None
    assert events.node.default_child is events.node.find_child("Resource")
    properties = _resource(stack, "AWS::Pinpoint::EventStream")["Properties"]
    assert properties == {
        "ApplicationId": {"Ref": _logical_id(stack, app)},
        "DestinationStreamArn": {"Fn::GetAtt": [_logical_id(stack, events.stream), "Arn"]},
        "RoleArn": {"Fn::GetAtt": [_logical_id(stack, events.role), "Arn"]},
    }
    assert stack.resolve(events.destination_arn) == properties["DestinationStreamArn"]


def test_event_stream_is_created_after_the_roles_policy(stack):
    _app, events = _stream(stack)
    depends_on = _resource(stack, "AWS::Pinpoint::EventStream")["DependsOn"]
    policy = events.role.node.find_child("DefaultPolicy").node.default_child
    # Only the policy: the role is already implied by RoleArn (cfn-lint W3005 otherwise).
    assert depends_on == [stack.get_logical_id(policy)]


def test_role_trusts_pinpoint_only_for_this_project_and_account(stack):
    app, _events = _stream(stack)
    role = _resource(stack, "AWS::IAM::Role")["Properties"]
    assert role["AssumeRolePolicyDocument"]["Statement"] == [
        {
            "Action": "sts:AssumeRole",
            "Effect": "Allow",
            "Principal": {"Service": "pinpoint.amazonaws.com"},
            "Condition": {
                "StringEquals": {"aws:SourceAccount": "123456789012"},
                "ArnLike": {"aws:SourceArn": {"Fn::GetAtt": [_logical_id(stack, app), "Arn"]}},
            },
        }
    ]
    assert "ManagedPolicyArns" not in role and "Policies" not in role


def test_trust_of_an_imported_project_names_its_arn(stack):
    app = PinpointApp.from_app_arn(stack, "Imported", IMPORTED_APP_ARN)
    EventStream(stack, "Events", app=app)
    (statement,) = _resource(stack, "AWS::IAM::Role")["Properties"]["AssumeRolePolicyDocument"][
        "Statement"
    ]
    assert statement["Condition"] == {
        "StringEquals": {"aws:SourceAccount": "123456789012"},
        "ArnLike": {"aws:SourceArn": IMPORTED_APP_ARN},
    }


ROLE_ARN = "arn:aws:iam::123456789012:role/pinpoint-events"


def test_an_existing_role_is_used_and_gets_the_write_permissions(stack, tmp_path):
    role = iam.Role.from_role_arn(stack, "Existing", ROLE_ARN)
    app = PinpointApp(stack, "App")
    events = EventStream(stack, "Events", app=app, role=role)
    assert events.role is role
    template = Template.from_stack(stack)
    template.resource_count_is("AWS::IAM::Role", 0)
    properties = _resource(stack, "AWS::Pinpoint::EventStream")
    assert properties["Properties"]["RoleArn"] == ROLE_ARN
    (policy_id, policy) = next(iter(template.find_resources("AWS::IAM::Policy").items()))
    assert policy["Properties"]["Roles"] == ["pinpoint-events"]
    assert policy["Properties"]["PolicyDocument"]["Statement"] == [
        {
            "Action": ["kinesis:DescribeStream", "kinesis:PutRecords"],
            "Effect": "Allow",
            "Resource": {"Fn::GetAtt": [_logical_id(stack, events.stream), "Arn"]},
        }
    ]
    assert properties["DependsOn"] == [policy_id]
    assert lint_findings(template.to_json(), tmp_path) == []


def test_an_immutable_existing_role_is_left_alone(stack):
    role = iam.Role.from_role_arn(stack, "Existing", ROLE_ARN, mutable=False)
    EventStream(stack, "Events", app=PinpointApp(stack, "App"), role=role)
    Template.from_stack(stack).resource_count_is("AWS::IAM::Policy", 0)
    assert "DependsOn" not in _resource(stack, "AWS::Pinpoint::EventStream")


def test_a_role_defined_in_the_app_gets_the_firehose_permissions(stack):
    role = iam.Role(stack, "Mine", assumed_by=iam.ServicePrincipal("pinpoint.amazonaws.com"))
    delivery = firehose.DeliveryStream.from_delivery_stream_arn(stack, "Firehose", FIREHOSE_ARN)
    EventStream(
        stack,
        "Events",
        app=PinpointApp(stack, "App"),
        destination=EventStreamDestination.firehose(delivery),
        role=role,
    )
    Template.from_stack(stack).resource_count_is("AWS::IAM::Role", 1)
    assert _statements(stack, role) == [
        {
            "Action": ["firehose:DescribeDeliveryStream", "firehose:PutRecordBatch"],
            "Effect": "Allow",
            "Resource": FIREHOSE_ARN,
        }
    ]


def test_a_role_that_does_not_trust_pinpoint_is_rejected(stack):
    role = iam.Role(stack, "Wrong", assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"))
    with pytest.raises(ValueError) as raised:
        EventStream(stack, "Events", app=PinpointApp(stack, "App"), role=role)
    assert str(raised.value) == (
        "role TestStack/Wrong must trust pinpoint.amazonaws.com (assumed_by="
        "iam.ServicePrincipal('pinpoint.amazonaws.com', conditions=...)) for Pinpoint to write "
        "events with it; its trust policy doesn't"
    )


def test_new_stream_role_may_only_put_records_and_describe_the_stream(stack):
    _app, events = _stream(stack)
    assert _statements(stack, events.role) == [
        {
            "Action": ["kinesis:DescribeStream", "kinesis:PutRecords"],
            "Effect": "Allow",
            "Resource": {"Fn::GetAtt": [_logical_id(stack, events.stream), "Arn"]},
        }
    ]


def test_customer_key_stream_gets_a_rotating_key_and_the_role_may_generate_data_keys(stack):
    _app, events = _stream(stack, encryption=kinesis.StreamEncryption.KMS)
    Template.from_stack(stack).has_resource_properties("AWS::KMS::Key", {"EnableKeyRotation": True})
    key_id = _logical_id(stack, events.node.find_child("StreamKey"))
    Template.from_stack(stack).has_resource_properties(
        "AWS::Kinesis::Stream",
        {"StreamEncryption": {"EncryptionType": "KMS", "KeyId": {"Fn::GetAtt": [key_id, "Arn"]}}},
    )
    assert _statements(stack, events.role) == [
        {
            "Action": ["kinesis:DescribeStream", "kinesis:PutRecords"],
            "Effect": "Allow",
            "Resource": {"Fn::GetAtt": [_logical_id(stack, events.stream), "Arn"]},
        },
        {
            "Action": "kms:GenerateDataKey",
            "Effect": "Allow",
            "Resource": {"Fn::GetAtt": [key_id, "Arn"]},
        },
    ]


def test_given_customer_key_is_used_as_is(stack):
    key = kms.Key(stack, "MyKey", enable_key_rotation=True)
    _app, events = _stream(stack, encryption=kinesis.StreamEncryption.KMS, encryption_key=key)
    assert events.node.try_find_child("StreamKey") is None
    Template.from_stack(stack).resource_count_is("AWS::KMS::Key", 1)


def test_existing_stream_with_customer_key(stack):
    app = PinpointApp(stack, "App")
    events = EventStream(
        stack,
        "Events",
        app=app,
        destination=EventStreamDestination.kinesis_stream(_imported_stream(stack, key=True)),
    )
    Template.from_stack(stack).resource_count_is("AWS::Kinesis::Stream", 0)
    assert events.stream is not None and events.stream.stream_arn == STREAM_ARN
    assert _statements(stack, events.role) == [
        {
            "Action": ["kinesis:DescribeStream", "kinesis:PutRecords"],
            "Effect": "Allow",
            "Resource": STREAM_ARN,
        },
        {"Action": "kms:GenerateDataKey", "Effect": "Allow", "Resource": KEY_ARN},
    ]
    Template.from_stack(stack).has_resource_properties(
        "AWS::Pinpoint::EventStream", {"DestinationStreamArn": STREAM_ARN}
    )


def test_existing_stream_with_managed_encryption_needs_no_key_permission(stack):
    app = PinpointApp(stack, "App")
    events = EventStream(
        stack,
        "Events",
        app=app,
        destination=EventStreamDestination.kinesis_stream(_imported_stream(stack)),
    )
    assert [s["Action"] for s in _statements(stack, events.role)] == [
        ["kinesis:DescribeStream", "kinesis:PutRecords"]
    ]


def test_firehose_role_may_only_put_record_batches_and_describe(stack):
    app = PinpointApp(stack, "App")
    delivery = firehose.DeliveryStream.from_delivery_stream_arn(stack, "Delivery", FIREHOSE_ARN)
    events = EventStream(
        stack, "Events", app=app, destination=EventStreamDestination.firehose(delivery)
    )
    assert events.stream is None and events.delivery_stream is delivery
    Template.from_stack(stack).resource_count_is("AWS::Kinesis::Stream", 0)
    assert _statements(stack, events.role) == [
        {
            "Action": ["firehose:DescribeDeliveryStream", "firehose:PutRecordBatch"],
            "Effect": "Allow",
            "Resource": FIREHOSE_ARN,
        }
    ]
    Template.from_stack(stack).has_resource_properties(
        "AWS::Pinpoint::EventStream", {"DestinationStreamArn": FIREHOSE_ARN}
    )


def test_provisioned_stream_with_retention_and_shards(stack):
    _stream(
        stack,
        stream_mode=kinesis.StreamMode.PROVISIONED,
        shard_count=2,
        retention=cdk.Duration.days(7),
    )
    Template.from_stack(stack).has_resource_properties(
        "AWS::Kinesis::Stream",
        {
            "ShardCount": 2,
            "RetentionPeriodHours": 168,
            "StreamModeDetails": {"StreamMode": "PROVISIONED"},
        },
    )


@pytest.mark.parametrize(
    ("props", "message"),
    [
        (
            {"encryption": kinesis.StreamEncryption.UNENCRYPTED},
            "encryption must be StreamEncryption.MANAGED or StreamEncryption.KMS",
        ),
        (
            {"encryption_key": "KEY"},
            "encryption_key needs encryption=StreamEncryption.KMS, got StreamEncryption.MANAGED",
        ),
        (
            {"retention": cdk.Duration.hours(23)},
            "retention must be 24 to 8760 whole hours, got 23 hours",
        ),
        (
            {"retention": cdk.Duration.days(366)},
            "retention must be 24 to 8760 whole hours, got 8784 hours",
        ),
        (
            {"retention": cdk.Duration.minutes(1530)},
            "retention must be 24 to 8760 whole hours, got 25.5 hours",
        ),
        (
            {"shard_count": 2},
            "shard_count applies only to stream_mode=StreamMode.PROVISIONED, "
            "got stream_mode=StreamMode.ON_DEMAND",
        ),
        (
            {"stream_mode": kinesis.StreamMode.PROVISIONED, "shard_count": 0},
            "shard_count must be at least 1, got 0",
        ),
    ],
)
def test_new_stream_validation(stack, props, message):
    if props.get("encryption_key") == "KEY":
        props["encryption_key"] = kms.Key.from_key_arn(stack, "K", KEY_ARN)
    with pytest.raises(ValueError, match=re.escape(message)):
        EventStreamDestination.new_kinesis_stream(**props)


# ---- EngagementEventProcessor ------------------------------------------------------------


def _processor(stack: cdk.Stack, **props: Any) -> tuple[PinpointApp, EventStream, Any]:
    app, events = _stream(stack)
    assert events.stream is not None
    processor = EngagementEventProcessor(stack, "OptOuts", app=app, stream=events.stream, **props)
    return app, events, processor


def test_processor_function_runs_the_event_processor_handler(stack):
    app, _events, _unused = _processor(stack)
    Template.from_stack(stack).has_resource_properties(
        "AWS::Lambda::Function",
        {
            "Handler": "event_processor.index.handler",
            "Runtime": "python3.14",
            "Timeout": 60,
            "MemorySize": 256,
            "Environment": {
                "Variables": {
                    "APPLICATION_ID": {"Ref": _logical_id(stack, app)},
                    "OPT_OUT_EVENT_TYPES": (
                        "_email.hardbounce,_email.complaint,_email.unsubscribe,_SMS.OPTOUT"
                    ),
                }
            },
        },
    )


def test_event_source_mapping_is_bounded_and_reports_partial_failures(stack):
    _app, events, processor = _processor(stack)
    properties = _resource(stack, "AWS::Lambda::EventSourceMapping")["Properties"]
    assert properties == {
        "BatchSize": 100,
        "BisectBatchOnFunctionError": True,
        "DestinationConfig": {
            "OnFailure": {
                "Destination": {
                    "Fn::GetAtt": [_logical_id(stack, processor.dead_letter_queue), "Arn"]
                }
            }
        },
        "EventSourceArn": {"Fn::GetAtt": [_logical_id(stack, events.stream), "Arn"]},
        "FunctionName": {"Ref": _logical_id(stack, processor.function)},
        "FunctionResponseTypes": ["ReportBatchItemFailures"],
        "MaximumBatchingWindowInSeconds": 5,
        "MaximumRecordAgeInSeconds": 21600,
        "MaximumRetryAttempts": 5,
        "ParallelizationFactor": 1,
        "StartingPosition": "LATEST",
    }


def test_event_source_settings_are_props(stack):
    _processor(
        stack,
        opt_out_event_types=["_email.hardbounce"],
        batch_size=50,
        max_batching_window=cdk.Duration.seconds(0),
        retry_attempts=2,
        max_record_age=cdk.Duration.minutes(30),
        parallelization_factor=3,
        starting_position=lambda_.StartingPosition.TRIM_HORIZON,
    )
    template = Template.from_stack(stack)
    template.has_resource_properties(
        "AWS::Lambda::EventSourceMapping",
        {
            "BatchSize": 50,
            "MaximumRetryAttempts": 2,
            "MaximumRecordAgeInSeconds": 1800,
            "ParallelizationFactor": 3,
            "StartingPosition": "TRIM_HORIZON",
            "FunctionResponseTypes": ["ReportBatchItemFailures"],
            "BisectBatchOnFunctionError": True,
        },
    )
    template.has_resource_properties(
        "AWS::Lambda::Function",
        {"Environment": {"Variables": {"OPT_OUT_EVENT_TYPES": "_email.hardbounce"}}},
    )


def test_on_failure_queue_is_encrypted_and_accepts_only_tls(stack):
    _app, _events, processor = _processor(stack)
    queue = _resource(stack, "AWS::SQS::Queue")["Properties"]
    assert queue["SqsManagedSseEnabled"] is True
    assert queue["MessageRetentionPeriod"] == 14 * 24 * 3600
    Template.from_stack(stack).has_resource_properties(
        "AWS::SQS::QueuePolicy",
        {
            "PolicyDocument": {
                "Statement": [
                    Match.object_like(
                        {
                            "Effect": "Deny",
                            "Condition": {"Bool": {"aws:SecureTransport": "false"}},
                        }
                    )
                ]
            }
        },
    )
    assert processor.dead_letter_queue.node.default_child is not None


def test_processor_role_has_exactly_what_the_handler_needs(stack):
    app, events, processor = _processor(stack)
    app_id = _logical_id(stack, app)
    assert _statements(stack, processor.handler.role) == [
        {
            "Action": ["logs:CreateLogStream", "logs:PutLogEvents"],
            "Effect": "Allow",
            "Resource": {"Fn::GetAtt": [_logical_id(stack, processor.handler.log_group), "Arn"]},
        },
        {
            "Action": ["sqs:GetQueueAttributes", "sqs:GetQueueUrl", "sqs:SendMessage"],
            "Effect": "Allow",
            "Resource": {"Fn::GetAtt": [_logical_id(stack, processor.dead_letter_queue), "Arn"]},
        },
        {
            "Action": [
                "kinesis:DescribeStream",
                "kinesis:DescribeStreamConsumer",
                "kinesis:DescribeStreamSummary",
                "kinesis:GetRecords",
                "kinesis:GetShardIterator",
                "kinesis:ListShards",
                "kinesis:ListStreams",
                "kinesis:SubscribeToShard",
            ],
            "Effect": "Allow",
            "Resource": {"Fn::GetAtt": [_logical_id(stack, events.stream), "Arn"]},
        },
        {
            "Action": ["mobiletargeting:GetEndpoint", "mobiletargeting:UpdateEndpoint"],
            "Effect": "Allow",
            "Resource": {"Fn::Join": ["", [{"Fn::GetAtt": [app_id, "Arn"]}, "/endpoints/*"]]},
        },
        {
            "Action": "mobiletargeting:UpdateEndpointsBatch",
            "Effect": "Allow",
            "Resource": {"Fn::GetAtt": [app_id, "Arn"]},
        },
    ]


def test_processor_of_an_imported_project_and_stream_scopes_to_their_arns(stack):
    app = PinpointApp.from_app_arn(stack, "Imported", IMPORTED_APP_ARN)
    processor = EngagementEventProcessor(
        stack, "OptOuts", app=app, stream=_imported_stream(stack, key=True)
    )
    statements = _statements(stack, processor.handler.role)
    pinpoint = [s for s in statements if "mobiletargeting:" in str(s["Action"])]
    assert pinpoint == [
        {
            "Action": ["mobiletargeting:GetEndpoint", "mobiletargeting:UpdateEndpoint"],
            "Effect": "Allow",
            "Resource": f"{IMPORTED_APP_ARN}/endpoints/*",
        },
        {
            "Action": "mobiletargeting:UpdateEndpointsBatch",
            "Effect": "Allow",
            "Resource": IMPORTED_APP_ARN,
        },
    ]
    # Reading a stream encrypted with a customer key needs kms:Decrypt on that key.
    assert {"Action": "kms:Decrypt", "Effect": "Allow", "Resource": KEY_ARN} in statements
    Template.from_stack(stack).has_resource_properties(
        "AWS::Lambda::Function",
        {"Environment": {"Variables": Match.object_like({"APPLICATION_ID": "feed42"})}},
    )


def test_default_event_types_match_the_handlers(monkeypatch):
    monkeypatch.syspath_prepend(str(HANDLERS_ROOT))
    from event_processor.logic import DEFAULT_OPT_OUT_EVENT_TYPES as HANDLER_DEFAULT

    assert DEFAULT_OPT_OUT_EVENT_TYPES == HANDLER_DEFAULT


@pytest.mark.parametrize(
    ("props", "error", "message"),
    [
        ({"batch_size": 0}, ValueError, "batch_size must be between 1 and 10000, got 0"),
        ({"batch_size": 10_001}, ValueError, "batch_size must be between 1 and 10000, got 10001"),
        (
            {"retry_attempts": -1},
            ValueError,
            "retry_attempts must be between 0 and 10000, got -1",
        ),
        (
            {"parallelization_factor": 11},
            ValueError,
            "parallelization_factor must be between 1 and 10, got 11",
        ),
        (
            {"max_batching_window": cdk.Duration.seconds(301)},
            ValueError,
            "max_batching_window must be 0 to 300 seconds, got 5 minutes 1 second",
        ),
        (
            {"max_record_age": cdk.Duration.seconds(59)},
            ValueError,
            "max_record_age must be 60 to 604800 seconds, got 59 seconds",
        ),
        (
            {"max_record_age": cdk.Duration.days(8)},
            ValueError,
            "max_record_age must be 60 to 604800 seconds, got 8 days",
        ),
        (
            {"max_record_age": 3600},
            TypeError,
            "max_record_age must be an aws_cdk.Duration, got int: 3600",
        ),
        (
            {"opt_out_event_types": []},
            ValueError,
            "opt_out_event_types must name at least one event type, got none",
        ),
        (
            {"opt_out_event_types": ["_email.hardbounce", "a,b"]},
            ValueError,
            "opt_out_event_types must be non-empty event types without commas, got 'a,b'",
        ),
        (
            {"opt_out_event_types": ["  "]},
            ValueError,
            "opt_out_event_types must be non-empty event types without commas, got '  '",
        ),
        (
            {"opt_out_event_types": "_email.hardbounce"},
            TypeError,
            "opt_out_event_types must be a sequence of strings, got the string '_email.hardbounce'",
        ),
    ],
)
def test_processor_validation(stack, props, error, message):
    with pytest.raises(error, match=f"^{re.escape(message)}$"):
        _processor(stack, **props)


# ---- DeliverabilityAlarms ----------------------------------------------------------------


def _alarms(stack: cdk.Stack) -> dict[str, dict[str, Any]]:
    return {
        key: value["Properties"]
        for key, value in Template.from_stack(stack)
        .find_resources("AWS::CloudWatch::Alarm")
        .items()
    }


def _alarm_of(stack: cdk.Stack, alarm: Any) -> dict[str, Any]:
    return _alarms(stack)[_logical_id(stack, alarm)]


def _reputation(metric: str, threshold: float) -> dict[str, Any]:
    return {
        "Namespace": "AWS/SES",
        "MetricName": metric,
        "Statistic": "Maximum",
        "Period": 3600,
        "Threshold": threshold,
        "ComparisonOperator": "GreaterThanOrEqualToThreshold",
        "EvaluationPeriods": 1,
        "TreatMissingData": "ignore",
    }


def test_reputation_alarms_fire_at_the_review_levels_and_the_recommended_bounce_rate(stack):
    alarms = DeliverabilityAlarms(stack, "Deliverability")
    for alarm, metric, threshold in [
        (alarms.bounce_rate_alarm, "Reputation.BounceRate", 0.05),
        (alarms.complaint_rate_alarm, "Reputation.ComplaintRate", 0.001),
        (alarms.bounce_rate_warning_alarm, "Reputation.BounceRate", 0.02),
    ]:
        properties = _alarm_of(stack, alarm)
        assert {k: properties[k] for k in _reputation(metric, threshold)} == _reputation(
            metric, threshold
        )
        assert "Dimensions" not in properties  # the account-level metric
    assert alarms.complaint_rate_warning_alarm is None
    assert len(_alarms(stack)) == 3 == len(alarms.alarms)
    assert "5%" in _alarm_of(stack, alarms.bounce_rate_alarm)["AlarmDescription"]
    assert "0.1%" in _alarm_of(stack, alarms.complaint_rate_alarm)["AlarmDescription"]


def test_thresholds_and_period_are_props(stack):
    alarms = DeliverabilityAlarms(
        stack,
        "Deliverability",
        bounce_rate_threshold=0.04,
        complaint_rate_threshold=0.0008,
        bounce_rate_warning_threshold=0.01,
        complaint_rate_warning_threshold=0.0005,
        reputation_period=cdk.Duration.minutes(15),
    )
    assert _alarm_of(stack, alarms.bounce_rate_alarm)["Threshold"] == 0.04
    assert _alarm_of(stack, alarms.complaint_rate_alarm)["Threshold"] == 0.0008
    assert _alarm_of(stack, alarms.bounce_rate_warning_alarm)["Threshold"] == 0.01
    warning = _alarm_of(stack, alarms.complaint_rate_warning_alarm)
    assert warning["Threshold"] == 0.0005 and warning["MetricName"] == "Reputation.ComplaintRate"
    assert {p["Period"] for p in _alarms(stack).values()} == {900}


def test_early_warning_can_be_turned_off(stack):
    alarms = DeliverabilityAlarms(stack, "Deliverability", early_warning=False)
    assert alarms.bounce_rate_warning_alarm is None
    assert len(_alarms(stack)) == 2


def test_processor_alarms_watch_errors_and_the_on_failure_queue(stack):
    _app, _events, processor = _processor(stack)
    alarms = DeliverabilityAlarms(stack, "Deliverability", processor=processor)
    errors = _alarm_of(stack, alarms.processor_errors_alarm)
    assert errors["Namespace"] == "AWS/Lambda" and errors["MetricName"] == "Errors"
    assert errors["Statistic"] == "Sum" and errors["Period"] == 300
    assert errors["Dimensions"] == [
        {"Name": "FunctionName", "Value": {"Ref": _logical_id(stack, processor.function)}}
    ]
    queue = _alarm_of(stack, alarms.dead_letter_queue_alarm)
    assert queue["Namespace"] == "AWS/SQS"
    assert queue["MetricName"] == "ApproximateNumberOfMessagesVisible"
    assert queue["Statistic"] == "Maximum"
    assert queue["Dimensions"] == [
        {
            "Name": "QueueName",
            "Value": {"Fn::GetAtt": [_logical_id(stack, processor.dead_letter_queue), "QueueName"]},
        }
    ]
    for alarm in (errors, queue):
        assert alarm["Threshold"] == 1
        assert alarm["ComparisonOperator"] == "GreaterThanOrEqualToThreshold"
        assert alarm["TreatMissingData"] == "notBreaching"
    assert len(alarms.alarms) == 5


def test_created_topic_is_encrypted_with_a_rotating_key_cloudwatch_may_use(stack):
    alarms = DeliverabilityAlarms(stack, "Deliverability")
    assert alarms.topic is not None
    key_id = _logical_id(stack, alarms.node.find_child("TopicKey"))
    topic_id = _logical_id(stack, alarms.topic)
    template = Template.from_stack(stack)
    template.has_resource_properties(
        "AWS::SNS::Topic", {"KmsMasterKeyId": {"Fn::GetAtt": [key_id, "Arn"]}}
    )
    key = _resource(stack, "AWS::KMS::Key")["Properties"]
    assert key["EnableKeyRotation"] is True
    from_alarms = {
        "StringEquals": {"aws:SourceAccount": "123456789012"},
        "ArnLike": {"aws:SourceArn": "arn:aws:cloudwatch:us-east-1:123456789012:alarm:*"},
    }
    assert {
        "Action": ["kms:Decrypt", "kms:GenerateDataKey*"],
        "Condition": from_alarms,
        "Effect": "Allow",
        "Principal": {"Service": "cloudwatch.amazonaws.com"},
        "Resource": "*",
    } in key["KeyPolicy"]["Statement"]
    statements = _resource(stack, "AWS::SNS::TopicPolicy")["Properties"]["PolicyDocument"][
        "Statement"
    ]
    assert [{k: v for k, v in s.items() if k != "Sid"} for s in statements] == [
        {
            "Action": "sns:Publish",
            "Condition": {"Bool": {"aws:SecureTransport": "false"}},
            "Effect": "Deny",
            "Principal": "*",
            "Resource": {"Ref": topic_id},
        },
        {
            "Action": "sns:Publish",
            "Condition": from_alarms,
            "Effect": "Allow",
            "Principal": {"Service": "cloudwatch.amazonaws.com"},
            "Resource": {"Ref": topic_id},
        },
    ]
    for alarm in _alarms(stack).values():
        assert alarm["AlarmActions"] == [{"Ref": topic_id}]
        assert alarm["OKActions"] == [{"Ref": topic_id}]


def test_alarm_emails_are_subscribed(stack):
    alarms = DeliverabilityAlarms(stack, "Deliverability", alarm_emails=["ops@example.com"])
    Template.from_stack(stack).has_resource_properties(
        "AWS::SNS::Subscription",
        {
            "Protocol": "email",
            "Endpoint": "ops@example.com",
            "TopicArn": {"Ref": _logical_id(stack, alarms.topic)},
        },
    )


def test_given_topic_is_the_action_and_no_topic_is_created(stack):
    topic = sns.Topic.from_topic_arn(
        stack, "Existing", "arn:aws:sns:us-east-1:123456789012:deliverability"
    )
    alarms = DeliverabilityAlarms(stack, "Deliverability", alarm_topic=topic)
    assert alarms.topic is topic
    template = Template.from_stack(stack)
    template.resource_count_is("AWS::SNS::Topic", 0)
    template.resource_count_is("AWS::KMS::Key", 0)
    for alarm in _alarms(stack).values():
        assert alarm["AlarmActions"] == ["arn:aws:sns:us-east-1:123456789012:deliverability"]


def test_alarms_without_a_topic(stack):
    alarms = DeliverabilityAlarms(stack, "Deliverability", create_topic=False)
    assert alarms.topic is None
    Template.from_stack(stack).resource_count_is("AWS::SNS::Topic", 0)
    for alarm in _alarms(stack).values():
        assert "AlarmActions" not in alarm


@pytest.mark.parametrize(
    ("props", "message"),
    [
        (
            {"bounce_rate_threshold": 5},
            "bounce_rate_threshold must be a fraction between 0 and 1 (0.05 is 5%), got 5",
        ),
        (
            {"complaint_rate_threshold": -0.001},
            "complaint_rate_threshold must be a fraction between 0 and 1 (0.05 is 5%), got -0.001",
        ),
        (
            {"bounce_rate_warning_threshold": 0.05},
            "bounce_rate_warning_threshold must be below bounce_rate_threshold (0.05) to warn "
            "earlier, got 0.05",
        ),
        (
            {"complaint_rate_warning_threshold": 0.002},
            "complaint_rate_warning_threshold must be below complaint_rate_threshold (0.001) "
            "to warn earlier, got 0.002",
        ),
        (
            {"complaint_rate_warning_threshold": 2},
            "complaint_rate_warning_threshold must be a fraction between 0 and 1 (0.05 is 5%), "
            "got 2",
        ),
        (
            {"reputation_period": cdk.Duration.seconds(30)},
            "reputation_period must be at least 60 seconds, got 30 seconds",
        ),
        (
            {"alarm_topic": "TOPIC", "create_topic": True},
            "give alarm_topic or create_topic=True, not both: got an alarm_topic and "
            "create_topic=True",
        ),
        (
            {"alarm_emails": ["not-an-address"]},
            "alarm_emails must be an email address (local@example.com) or a display name and "
            "address (Example <local@example.com>), in ASCII (MIME-encode a non-ASCII display "
            "name), got 'not-an-address'",
        ),
        (
            {"alarm_emails": ["Ops <ops@example.com>"]},
            "alarm_emails must hold bare addresses (an SNS email subscription has no display "
            "name), got 'Ops <ops@example.com>'",
        ),
        (
            {"alarm_emails": ["ops@example.com"], "create_topic": False},
            "alarm_emails needs a topic: give alarm_topic or leave create_topic unset, "
            "got create_topic=False",
        ),
    ],
)
def test_alarm_validation(stack, props, message):
    if props.get("alarm_topic") == "TOPIC":
        props["alarm_topic"] = sns.Topic(stack, "T")
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        DeliverabilityAlarms(stack, "Deliverability", **props)


def test_warning_thresholds_are_not_checked_without_early_warning(stack):
    alarms = DeliverabilityAlarms(
        stack, "Deliverability", early_warning=False, bounce_rate_warning_threshold=0.5
    )
    assert alarms.bounce_rate_warning_alarm is None


# ---- cdk-nag -----------------------------------------------------------------------------


def test_the_whole_set_passes_cdk_nag_and_cfn_lint(nag_stack, tmp_path):
    app, events = _stream(nag_stack)
    assert events.stream is not None
    processor = EngagementEventProcessor(nag_stack, "OptOuts", app=app, stream=events.stream)
    DeliverabilityAlarms(
        nag_stack, "Deliverability", processor=processor, alarm_emails=["ops@example.com"]
    )
    template = synth_clean(nag_stack)
    types = {r["Type"] for r in template["Resources"].values()}
    assert {"AWS::Pinpoint::EventStream", "AWS::Lambda::EventSourceMapping"} <= types
    assert lint_findings(template, tmp_path) == []


def test_imported_project_firehose_and_existing_stream_pass_cdk_nag_and_cfn_lint(
    nag_stack, tmp_path
):
    app = PinpointApp.from_app_id(nag_stack, "Imported", "feed42")
    delivery = firehose.DeliveryStream.from_delivery_stream_arn(nag_stack, "Delivery", FIREHOSE_ARN)
    EventStream(nag_stack, "Events", app=app, destination=EventStreamDestination.firehose(delivery))
    EngagementEventProcessor(
        nag_stack, "OptOuts", app=app, stream=_imported_stream(nag_stack, key=True)
    )
    topic = sns.Topic.from_topic_arn(
        nag_stack, "AlarmTopic", "arn:aws:sns:us-east-1:123456789012:deliverability"
    )
    DeliverabilityAlarms(nag_stack, "Deliverability", alarm_topic=topic)
    assert lint_findings(synth_clean(nag_stack), tmp_path) == []
