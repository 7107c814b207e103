"""``EventArchive``: a project's event stream archived in S3 and queryable with Athena."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from aws_cdk import ArnFormat, Duration, Names, RemovalPolicy, Size, Stack
from aws_cdk import aws_athena as athena
from aws_cdk import aws_events as events
from aws_cdk import aws_events_targets as targets
from aws_cdk import aws_glue as glue
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kinesis as kinesis
from aws_cdk import aws_kinesisfirehose as firehose
from aws_cdk import aws_kms as kms
from aws_cdk import aws_logs as logs
from aws_cdk import aws_s3 as s3
from aws_cdk import aws_ses as ses
from constructs import Construct

from .._lambda import DEFAULT_LOG_RETENTION, acknowledge, acknowledge_wildcard_resource
from .._validation import (
    check_length,
    check_pattern,
    check_range,
    duration_days,
    duration_seconds,
    is_unresolved,
    require_instance,
)
from ..pinpoint.core import IPinpointApp
from ..sms_voice import ConfigurationSet, SmsVoiceEventType
from ..sms_voice import EventDestination as SmsVoiceEventDestination
from .queries import EventQuery, event_queries
from .schema import EVENT_COLUMNS, PARTITION_COLUMN, HiveType
from .source_queries import source_queries
from .sources import (
    CONNECT_SOURCE,
    EVENT_SOURCES,
    SES_SOURCE,
    SMS_VOICE_SOURCE,
    SOURCES_PARTITION_QUERY,
)

#: Athena: database and table names are lower-case letters, digits and underscores, at most
#: 255 characters ("Name databases, tables, and columns", Amazon Athena User Guide).
_ATHENA_NAME = re.compile(r"[a-z0-9_]{1,255}")
#: CreateWorkGroup ``Name`` (botocore's Athena model, shape ``WorkGroupName``).
_WORK_GROUP_NAME = re.compile(r"[a-zA-Z0-9._-]{1,128}")

#: The mapping aws-cdk-lib's Firehose module adds to environment-agnostic stacks.
_FIREHOSE_CIDR_MAPPING = "@aws-cdk--aws-kinesisfirehose.CidrBlocks"

EVENTS_PREFIX = "events/"
ERRORS_PREFIX = "errors/"
RESULTS_PREFIX = "athena-results/"

#: Firehose's jq (1.6) expression for the partition key: the event's own UTC date, from
#: ``event_timestamp`` (milliseconds), or ``arrival_timestamp`` when it is missing. A record
#: with neither goes to the error prefix, never dropped.
PARTITION_KEY_QUERY = (
    '{dt: ((.event_timestamp // .arrival_timestamp) / 1000 | floor | strftime("%Y-%m-%d"))}'
)


class EventArchive(Construct):
    """Archives a Pinpoint project's event stream in S3 and makes it queryable with Athena.

    What it creates:

    - an S3 ``bucket`` (SSE-S3, or SSE-KMS with ``encryption_key``; public access blocked; a
      policy that denies any request without TLS; server access logs to ``access_logs_bucket``)
      with lifecycle rules: events move to Standard-IA after ``infrequent_access_after`` and
      expire after ``retention``; Firehose's error output expires after ``retention``; Athena
      results expire after ``query_results_retention``; incomplete uploads are aborted after
      7 days;
    - a Firehose delivery stream (child ``Resource``) that reads the project's Kinesis stream
      and writes GZIP-compressed JSON, one event per line, under
      ``events/dt=yyyy-MM-dd/`` where ``dt`` is the event's own UTC date (dynamic partitioning
      with a jq query on ``event_timestamp``). Records Firehose cannot partition or deliver go
      to ``errors/<error type>/dt=<delivery date>/``, unchanged;
    - a Glue database and table (``all_events`` by default) whose columns cover the Pinpoint
      event schema (:mod:`pinpoint_constructs.analytics.schema`), partitioned by ``dt`` with
      partition projection (no crawler, no ``MSCK REPAIR``);
    - an Athena workgroup (engine version 3) that enforces its settings: results encrypted
      under ``athena-results/``, CloudWatch metrics on, a bytes-scanned limit per query;
    - named queries (:mod:`pinpoint_constructs.analytics.queries`): status per message,
      bounces and complaints with SMTP reasons, engagement per campaign and per journey, SMS
      delivery and opt-outs, daily bounce and complaint rates against the SES review lines.
      Create a view from any of them with ``CREATE VIEW <name> AS <query>``.

    **Why JSON with partition projection, not Parquet.** Firehose's record format conversion
    writes only the columns of the Glue schema: a field Pinpoint adds later, or one the schema
    does not declare, is silently dropped, and a record whose types don't fit fails
    conversion. Raw JSON keeps every event exactly as Pinpoint wrote it, so the archive loses
    nothing and the table can be widened later (``ALTER TABLE ... REPLACE COLUMNS``) over the
    same files. Partition projection computes the ``dt`` partitions from the table properties,
    so nothing has to register partitions. The price is scan volume: GZIP JSON scans several
    times more bytes than Parquet, which the date partitions (every named query reads only
    the last ``query_lookback``) and the workgroup's ``bytes_scanned_cutoff_per_query`` bound.
    Firehose appends a newline to each record (``AppendDelimiterToRecord``): without it the
    JSON SerDe would read only the first event of each object.

    Cost and limits: dynamic partitioning has a per-GB charge and needs a buffer of at least
    64 MiB; the delivery stream is a third reader of the Kinesis stream (with the opt-out
    processor and the metrics function; each shard serves five reads a second).

    Firehose cannot encrypt a delivery stream whose source is a Kinesis data stream (it does
    not store the data at rest; the data stays in the stream, which is encrypted); cdk-nag's
    ``AwsSolutions-KDF1`` is acknowledged with that reason.

    The Firehose role can read only ``stream`` (plus ``kms:Decrypt`` on its key), write only
    ``events/*`` and ``errors/*`` of the bucket, and write only its own log stream; its trust
    policy requires ``sts:ExternalId`` = this account, as the Firehose developer guide shows.
    """

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        app: IPinpointApp | None = None,
        stream: kinesis.IStream | None = None,
        encryption_key: kms.IKey | None = None,
        retention: Duration | None = None,
        infrequent_access_after: Duration | None = None,
        query_results_retention: Duration | None = None,
        buffering_interval: Duration | None = None,
        buffering_size: Size | None = None,
        database_name: str | None = None,
        table_name: str = "all_events",
        work_group_name: str | None = None,
        bytes_scanned_cutoff_per_query: Size | None = None,
        query_lookback: Duration | None = None,
        projection_start: date | None = None,
        removal_policy: RemovalPolicy = RemovalPolicy.RETAIN,
    ) -> None:
        """
        :param app: The Pinpoint project whose events are archived (named in descriptions).
            Default: none, an archive of the sources after Pinpoint only
            (:meth:`add_ses_configuration_set`, :meth:`add_sms_voice_configuration_set`).
        :param stream: The Kinesis data stream Pinpoint writes the project's events to
            (``EventStream.stream``); given with ``app``. Default: none (no Pinpoint delivery
            stream, ``all_events`` table or Pinpoint named queries).
        :param encryption_key: Encrypt the bucket and Athena's results with this customer
            managed key (SSE-KMS, with an S3 Bucket Key). Default: SSE-S3 (``AES256``).
        :param retention: How long events (and Firehose's error output) are kept, whole days.
            Default: 400 days (a year and a month, so a year-on-year query still works).
        :param infrequent_access_after: When events move to S3 Standard-IA, whole days, at
            least 30 (S3's minimum for Standard-IA transitions, "Transitioning objects using
            Amazon S3 Lifecycle") and less than ``retention``. Default: 30 days.
        :param query_results_retention: How long Athena query results are kept, whole days,
            at least 1. Default: 30 days.
        :param buffering_interval: How long Firehose buffers before writing, 60 to 900
            seconds (the Firehose API's ``IntervalInSeconds`` allows 0 to 900; dynamic
            partitioning needs at least 60). Default: 300 seconds.
        :param buffering_size: How much Firehose buffers before writing, 64 to 128 MiB
            (``SizeInMBs`` allows 1 to 128; dynamic partitioning needs at least 64).
            Default: 64 MiB.
        :param database_name: The Glue database, lower-case letters, digits and underscores
            (at most 255). Default: derived from the construct path.
        :param table_name: The Glue table, same rule. Default: ``all_events`` (the name of
            AWS's digital-user-engagement events database).
        :param work_group_name: The Athena workgroup, 1 to 128 letters, digits, ``.``, ``_``
            or ``-`` (``CreateWorkGroup``). Default: derived from the construct path.
        :param bytes_scanned_cutoff_per_query: Athena cancels a query that scans more, at
            least 10 MB (``BytesScannedCutoffPerQuery``). Default: 10 GiB.
        :param query_lookback: How many days of partitions the named queries read, whole
            days, at least 1. Default: 30 days.
        :param projection_start: The first ``dt`` partition projection considers. Default:
            2020-01-01 (earlier than any event the archive can hold).
        :param removal_policy: What happens to the two buckets when the stack deletes them.
            Default: ``RETAIN`` (the archive outlives the stack).
        """
        super().__init__(scope, id)
        require_instance("projection_start", projection_start, date)
        if (app is None) != (stream is None):
            raise ValueError(
                "give app and stream together (a Pinpoint project's event stream), or neither "
                f"(an archive of SES and End User Messaging events), got app={app!r}, "
                f"stream={stream!r}"
            )
        retention = Duration.days(400) if retention is None else retention
        infrequent_access_after = (
            Duration.days(30) if infrequent_access_after is None else infrequent_access_after
        )
        query_results_retention = (
            Duration.days(30) if query_results_retention is None else query_results_retention
        )
        query_lookback = Duration.days(30) if query_lookback is None else query_lookback
        retention_days = duration_days("retention", retention, 1)
        ia_days = duration_days("infrequent_access_after", infrequent_access_after, 30)
        resolved = not is_unresolved(retention_days) and not is_unresolved(ia_days)
        if resolved and ia_days >= retention_days:
            raise ValueError(
                f"infrequent_access_after must be shorter than retention "
                f"({retention_days} days), got {ia_days} days"
            )
        duration_days("query_results_retention", query_results_retention, 1)
        lookback_days = duration_days("query_lookback", query_lookback, 1)
        if is_unresolved(lookback_days):
            raise ValueError("query_lookback must be a plain Duration (it is written into SQL)")
        interval = duration_seconds(
            "buffering_interval", buffering_interval or Duration.seconds(300), 60, 900
        )
        size_mib = (buffering_size or Size.mebibytes(64)).to_mebibytes()
        check_range("buffering_size (MiB)", size_mib, 64, 128)
        cutoff = (bytes_scanned_cutoff_per_query or Size.gibibytes(10)).to_bytes()
        check_range("bytes_scanned_cutoff_per_query (bytes)", cutoff, 10_000_000)
        database_name = database_name or _default_athena_name(self)
        check_pattern(
            "database_name", database_name, _ATHENA_NAME, "lower-case letters, digits and _"
        )
        check_pattern("table_name", table_name, _ATHENA_NAME, "lower-case letters, digits and _")
        work_group_name = work_group_name or Names.unique_resource_name(
            self, max_length=128, separator="-"
        )
        check_length("work_group_name", work_group_name, 128)
        check_pattern(
            "work_group_name", work_group_name, _WORK_GROUP_NAME, "letters, digits, ., _ or -"
        )
        stack = Stack.of(self)

        self.encryption_key = encryption_key
        """The customer managed key of the bucket and the query results, or ``None``."""
        self.access_logs_bucket = s3.Bucket(
            self,
            "AccessLogs",
            encryption=s3.BucketEncryption.S3_MANAGED,
            enforce_ssl=True,
            block_public_access=s3.BlockPublicAccess.BLOCK_ALL,
            # ACLs off, whatever the app's feature flags: without
            # @aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy in cdk.json, a bucket given as
            # server_access_logs_bucket gets the legacy LogDeliveryWrite ACL (and ObjectWriter
            # ownership), which cfn-lint warns about (W3045). Log delivery is granted by the
            # bucket policy below instead (S3 User Guide, "Permissions for log delivery").
            object_ownership=s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
            lifecycle_rules=[s3.LifecycleRule(expiration=retention)],
            removal_policy=removal_policy,
        )
        """The bucket that receives the archive bucket's server access logs (SSE-S3: S3
        server access logging cannot write to an SSE-KMS bucket; ACLs disabled, log delivery
        granted by its bucket policy)."""
        abort = Duration.days(7)
        self.bucket = s3.Bucket(
            self,
            "Bucket",
            encryption=(
                s3.BucketEncryption.KMS if encryption_key else s3.BucketEncryption.S3_MANAGED
            ),
            encryption_key=encryption_key,
            bucket_key_enabled=True if encryption_key else None,
            enforce_ssl=True,
            block_public_access=s3.BlockPublicAccess.BLOCK_ALL,
            lifecycle_rules=[
                s3.LifecycleRule(
                    id="Events",
                    prefix=EVENTS_PREFIX,
                    transitions=[
                        s3.Transition(
                            storage_class=s3.StorageClass.INFREQUENT_ACCESS,
                            transition_after=infrequent_access_after,
                        )
                    ],
                    expiration=retention,
                    abort_incomplete_multipart_upload_after=abort,
                ),
                s3.LifecycleRule(
                    id="DeliveryErrors",
                    prefix=ERRORS_PREFIX,
                    expiration=retention,
                    abort_incomplete_multipart_upload_after=abort,
                ),
                s3.LifecycleRule(
                    id="QueryResults",
                    prefix=RESULTS_PREFIX,
                    expiration=query_results_retention,
                    abort_incomplete_multipart_upload_after=abort,
                ),
            ],
            removal_policy=removal_policy,
        )
        """The archive bucket: ``events/``, ``errors/`` and ``athena-results/``."""
        self._log_access(stack)

        self.log_group = logs.LogGroup(
            self,
            "DeliveryLogGroup",
            retention=DEFAULT_LOG_RETENTION,
            removal_policy=RemovalPolicy.DESTROY,
        )
        log_stream = (
            logs.LogStream(
                self, "DeliveryLogStream", log_group=self.log_group, log_stream_name="S3Delivery"
            )
            if stream is not None
            else None
        )
        self.role = iam.Role(
            self,
            "Role",
            assumed_by=iam.ServicePrincipal(
                "firehose.amazonaws.com",
                conditions={"StringEquals": {"sts:ExternalId": stack.account}},
            ),
            description=(
                "Lets Firehose archive one Pinpoint project's event stream in S3"
                if stream is not None
                else "Lets Firehose archive SES and End User Messaging events in S3"
            ),
        )
        """The role Firehose assumes."""
        if stream is not None:
            self.role.add_to_principal_policy(
                iam.PolicyStatement(
                    actions=[
                        "kinesis:DescribeStream",
                        "kinesis:GetShardIterator",
                        "kinesis:GetRecords",
                        "kinesis:ListShards",
                    ],
                    resources=[stream.stream_arn],
                )
            )
        if stream is not None and stream.encryption_key is not None:
            self.role.add_to_principal_policy(
                iam.PolicyStatement(
                    actions=["kms:Decrypt"], resources=[stream.encryption_key.key_arn]
                )
            )
        self.role.add_to_principal_policy(
            iam.PolicyStatement(
                actions=[
                    "s3:GetBucketLocation",
                    "s3:ListBucket",
                    "s3:ListBucketMultipartUploads",
                ],
                resources=[self.bucket.bucket_arn],
            )
        )
        written = [
            self.bucket.arn_for_objects(f"{EVENTS_PREFIX}*"),
            self.bucket.arn_for_objects(f"{ERRORS_PREFIX}*"),
        ]
        self.role.add_to_principal_policy(
            iam.PolicyStatement(
                actions=["s3:AbortMultipartUpload", "s3:GetObject", "s3:PutObject"],
                resources=written,
            )
        )
        for resource in written:
            acknowledge_wildcard_resource(
                self.role,
                resource,
                "Firehose names each object it writes at delivery time (date partition, "
                "stream name, timestamp, random id); the grant covers only the archive's "
                "events/ and errors/ prefixes of this one bucket",
            )
        if encryption_key is not None:
            self.role.add_to_principal_policy(
                iam.PolicyStatement(
                    actions=["kms:GenerateDataKey", "kms:Decrypt"],
                    resources=[encryption_key.key_arn],
                )
            )
        self._interval = interval
        self._size_mib = size_mib
        self.events_location = f"s3://{self.bucket.bucket_name}/{EVENTS_PREFIX}"
        """The S3 URL the tables read."""
        self.database_name: str = database_name
        """The Glue database."""
        self.table_name: str | None = table_name if stream is not None else None
        """The Glue table of the Pinpoint events (``None`` without a Pinpoint stream)."""
        self.delivery_stream_arn: str | None = None
        """The ARN of the Pinpoint delivery stream (``None`` without a Pinpoint stream)."""
        self.delivery_stream_name: str | None = None
        """The name of the Pinpoint delivery stream (``None`` without a Pinpoint stream)."""
        if stream is not None:
            assert log_stream is not None
            self._add_pinpoint_stream(stream, log_stream)

        self.database = glue.CfnDatabase(
            self,
            "Database",
            catalog_id=stack.account,
            database_input=glue.CfnDatabase.DatabaseInputProperty(
                name=database_name,
                description=(
                    f"Pinpoint events of project {app.app_id} (EventArchive)"
                    if app is not None
                    else "SES and AWS End User Messaging events (EventArchive)"
                ),
            ),
        )
        self._projection_start = projection_start or date(2020, 1, 1)
        self._lookback_days = int(lookback_days)
        self.table: glue.CfnTable | None = None
        """The Glue table of the Pinpoint events (``None`` without a Pinpoint stream)."""
        if stream is not None:
            self.table = self._glue_table(
                "Table",
                name=table_name,
                description="Pinpoint events, one JSON object per line, partitioned by UTC date",
                location=self.events_location,
                columns=EVENT_COLUMNS,
            )

        self.work_group_name: str = work_group_name
        """The Athena workgroup."""
        cfn_results = athena.CfnWorkGroup
        self.work_group = cfn_results(
            self,
            "WorkGroup",
            name=work_group_name,
            description=(
                f"Queries over the archived Pinpoint events of {table_name}"
                if stream is not None
                else "Queries over the archived SES and End User Messaging events"
            ),
            state="ENABLED",
            recursive_delete_option=True,
            work_group_configuration=cfn_results.WorkGroupConfigurationProperty(
                enforce_work_group_configuration=True,
                publish_cloud_watch_metrics_enabled=True,
                bytes_scanned_cutoff_per_query=cutoff,
                engine_version=cfn_results.EngineVersionProperty(
                    selected_engine_version="Athena engine version 3"
                ),
                result_configuration=cfn_results.ResultConfigurationProperty(
                    output_location=f"s3://{self.bucket.bucket_name}/{RESULTS_PREFIX}",
                    encryption_configuration=cfn_results.EncryptionConfigurationProperty(
                        encryption_option="SSE_KMS" if encryption_key else "SSE_S3",
                        kms_key=encryption_key.key_arn if encryption_key else None,
                    ),
                ),
            ),
        )

        self.queries: list[EventQuery] = (
            event_queries(database_name, table_name, lookback_days=int(lookback_days))
            if self.table is not None
            else []
        )
        """The SQL of the named queries over the Pinpoint events."""
        self.named_queries: dict[str, athena.CfnNamedQuery] = {}
        """The named queries, by name."""
        for query in self.queries:
            assert self.table is not None
            self._named_query(query, [self.table])

    def _add_pinpoint_stream(self, stream: kinesis.IStream, log_stream: logs.LogStream) -> None:
        """The delivery stream (child ``Resource``) that reads the Pinpoint event stream."""
        stack = Stack.of(self)
        log_stream_arn = stack.format_arn(
            service="logs",
            resource="log-group",
            resource_name=f"{self.log_group.log_group_name}:log-stream:"
            f"{log_stream.log_stream_name}",
            arn_format=ArnFormat.COLON_RESOURCE_NAME,
        )
        self.role.add_to_principal_policy(
            iam.PolicyStatement(actions=["logs:PutLogEvents"], resources=[log_stream_arn])
        )
        cfn = firehose.CfnDeliveryStream
        self._resource = cfn(
            self,
            "Resource",
            delivery_stream_type="KinesisStreamAsSource",
            kinesis_stream_source_configuration=cfn.KinesisStreamSourceConfigurationProperty(
                kinesis_stream_arn=stream.stream_arn, role_arn=self.role.role_arn
            ),
            extended_s3_destination_configuration=self._s3_destination(
                prefix=f"{EVENTS_PREFIX}{PARTITION_COLUMN}=!{{partitionKeyFromQuery:dt}}/",
                error_output_prefix=(
                    f"{ERRORS_PREFIX}!{{firehose:error-output-type}}/"
                    f"{PARTITION_COLUMN}=!{{timestamp:yyyy-MM-dd}}/"
                ),
                log_stream_name=log_stream.log_stream_name,
                partition_query=PARTITION_KEY_QUERY,
            ),
        )
        # Firehose checks its access when the stream is created: after the role's policy.
        self._resource.node.add_dependency(self.role.node.find_child("DefaultPolicy"))
        acknowledge(
            self._resource,
            "AwsSolutions::AwsSolutions-KDF1",
            "the source is a Kinesis data stream: Firehose then keeps no data at rest and "
            "accepts no server-side encryption of its own (DeliveryStreamEncryptionConfiguration"
            "Input applies to Direct PUT only); the events are encrypted in the source stream "
            "and in the archive bucket",
        )
        self.delivery_stream_arn = self._resource.attr_arn
        self.delivery_stream_name = self._resource.ref

    def _table_names(self) -> list[str]:
        """The Glue tables the archive has: the Pinpoint one and the sources' (once added)."""
        names = [self.table_name] if self.table_name is not None else []
        if self.node.try_find_child("SourcesStream") is not None:
            names.extend(source.table_name for source in EVENT_SOURCES)
        return names

    def _glue_table(
        self,
        id: str,
        *,
        name: str,
        description: str,
        location: str,
        columns: Sequence[tuple[str, HiveType, str]],
        mappings: Sequence[tuple[str, str]] = (),
    ) -> glue.CfnTable:
        """A JSON-lines table at ``location``, partitioned by ``dt`` with partition projection."""
        table = glue.CfnTable(
            self,
            id,
            catalog_id=Stack.of(self).account,
            database_name=self.database_name,
            table_input=glue.CfnTable.TableInputProperty(
                name=name,
                description=description,
                table_type="EXTERNAL_TABLE",
                partition_keys=[
                    glue.CfnTable.ColumnProperty(
                        name=PARTITION_COLUMN, type="string", comment="UTC date, yyyy-MM-dd"
                    )
                ],
                parameters={
                    "EXTERNAL": "TRUE",
                    "classification": "json",
                    "compressionType": "gzip",
                    "projection.enabled": "true",
                    f"projection.{PARTITION_COLUMN}.type": "date",
                    f"projection.{PARTITION_COLUMN}.format": "yyyy-MM-dd",
                    f"projection.{PARTITION_COLUMN}.range": (
                        f"{self._projection_start.isoformat()},NOW"
                    ),
                    f"projection.{PARTITION_COLUMN}.interval": "1",
                    f"projection.{PARTITION_COLUMN}.interval.unit": "DAYS",
                    "storage.location.template": (
                        f"{location}{PARTITION_COLUMN}=${{{PARTITION_COLUMN}}}/"
                    ),
                },
                storage_descriptor=glue.CfnTable.StorageDescriptorProperty(
                    location=location,
                    input_format="org.apache.hadoop.mapred.TextInputFormat",
                    output_format="org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat",
                    serde_info=glue.CfnTable.SerdeInfoProperty(
                        serialization_library="org.openx.data.jsonserde.JsonSerDe",
                        parameters={
                            "case.insensitive": "TRUE",
                            **{f"mapping.{column}": key for column, key in mappings},
                        },
                    ),
                    columns=[
                        glue.CfnTable.ColumnProperty(
                            name=column, type=column_type.type_string(), comment=comment
                        )
                        for column, column_type, comment in columns
                    ],
                ),
            ),
        )
        table.node.add_dependency(self.database)
        return table

    def _named_query(self, query: EventQuery, tables: Sequence[glue.CfnTable]) -> None:
        named = athena.CfnNamedQuery(
            self,
            "Query" + "".join(part.title() for part in query.name.split("_")),
            name=query.name,
            description=query.description,
            database=self.database_name,
            query_string=query.sql,
            work_group=self.work_group.ref,
        )
        for table in tables:
            named.node.add_dependency(table)
        self.named_queries[query.name] = named

    # ---- the sources after Pinpoint -----------------------------------------------------

    def _s3_destination(
        self,
        *,
        prefix: str,
        error_output_prefix: str,
        log_stream_name: str,
        partition_query: str,
    ) -> firehose.CfnDeliveryStream.ExtendedS3DestinationConfigurationProperty:
        """The archive bucket as a delivery stream's destination: GZIP JSON lines, dynamic
        partitioning with ``partition_query`` (jq 1.6), errors kept under ``errors/``."""
        cfn = firehose.CfnDeliveryStream
        key = self.encryption_key
        s3_encryption = (
            cfn.EncryptionConfigurationProperty(
                kms_encryption_config=cfn.KMSEncryptionConfigProperty(awskms_key_arn=key.key_arn)
            )
            if key is not None
            else None
        )
        return cfn.ExtendedS3DestinationConfigurationProperty(
            bucket_arn=self.bucket.bucket_arn,
            role_arn=self.role.role_arn,
            prefix=prefix,
            error_output_prefix=error_output_prefix,
            buffering_hints=cfn.BufferingHintsProperty(
                interval_in_seconds=self._interval, size_in_m_bs=self._size_mib
            ),
            compression_format="GZIP",
            encryption_configuration=s3_encryption,
            cloud_watch_logging_options=cfn.CloudWatchLoggingOptionsProperty(
                enabled=True,
                log_group_name=self.log_group.log_group_name,
                log_stream_name=log_stream_name,
            ),
            dynamic_partitioning_configuration=cfn.DynamicPartitioningConfigurationProperty(
                enabled=True,
                retry_options=cfn.RetryOptionsProperty(duration_in_seconds=300),
            ),
            processing_configuration=cfn.ProcessingConfigurationProperty(
                enabled=True,
                processors=[
                    cfn.ProcessorProperty(
                        type="MetadataExtraction",
                        parameters=[
                            cfn.ProcessorParameterProperty(
                                parameter_name="MetadataExtractionQuery",
                                parameter_value=partition_query,
                            ),
                            cfn.ProcessorParameterProperty(
                                parameter_name="JsonParsingEngine",
                                parameter_value="JQ-1.6",
                            ),
                        ],
                    ),
                    # No Delimiter parameter: the processor's default is a newline.
                    cfn.ProcessorProperty(type="AppendDelimiterToRecord"),
                ],
            ),
        )

    @property
    def sources_delivery_stream(self) -> firehose.IDeliveryStream:
        """The Direct PUT delivery stream that SES and AWS End User Messaging configuration
        sets write to (child ``Sources``, created on first use with its Glue tables and named
        queries). It writes ``events/source=<ses|sms_voice|other>/dt=<send day>/``
        (:data:`~pinpoint_constructs.analytics.sources.SOURCES_PARTITION_QUERY`), under the
        same lifecycle, encryption and role as the Pinpoint events; the stream itself is
        encrypted with an AWS owned key (producers need no key permission)."""
        found = self.node.try_find_child("SourcesStream")
        if found is not None:
            return found  # type: ignore[return-value]
        return self._add_sources()

    def _add_sources(self) -> firehose.IDeliveryStream:
        stack = Stack.of(self)
        log_stream = logs.LogStream(
            self, "SourcesLogStream", log_group=self.log_group, log_stream_name="SourcesDelivery"
        )
        self.role.add_to_principal_policy(
            iam.PolicyStatement(
                actions=["logs:PutLogEvents"],
                resources=[
                    stack.format_arn(
                        service="logs",
                        resource="log-group",
                        resource_name=f"{self.log_group.log_group_name}:log-stream:"
                        f"{log_stream.log_stream_name}",
                        arn_format=ArnFormat.COLON_RESOURCE_NAME,
                    )
                ],
            )
        )
        cfn = firehose.CfnDeliveryStream
        resource = cfn(
            self,
            "Sources",
            delivery_stream_type="DirectPut",
            delivery_stream_encryption_configuration_input=(
                cfn.DeliveryStreamEncryptionConfigurationInputProperty(key_type="AWS_OWNED_CMK")
            ),
            extended_s3_destination_configuration=self._s3_destination(
                prefix=(
                    f"{EVENTS_PREFIX}source=!{{partitionKeyFromQuery:source}}/"
                    f"{PARTITION_COLUMN}=!{{partitionKeyFromQuery:dt}}/"
                ),
                error_output_prefix=(
                    f"{ERRORS_PREFIX}sources/!{{firehose:error-output-type}}/"
                    f"{PARTITION_COLUMN}=!{{timestamp:yyyy-MM-dd}}/"
                ),
                log_stream_name=log_stream.log_stream_name,
                partition_query=SOURCES_PARTITION_QUERY,
            ),
        )
        resource.node.add_dependency(self.role.node.find_child("DefaultPolicy"))
        self.source_tables: dict[str, glue.CfnTable] = {}
        """The Glue table of each source (``ses``, ``sms_voice``), once sources are added."""
        for source in EVENT_SOURCES:
            table = self._glue_table(
                f"{''.join(p.title() for p in source.name.split('_'))}Table",
                name=source.table_name,
                description=f"{source.description}, by the UTC day the message was sent",
                location=f"{self.events_location}source={source.name}/",
                columns=source.columns,
                mappings=source.mappings,
            )
            self.source_tables[source.name] = table
        self.source_queries: list[EventQuery] = source_queries(
            self.database_name,
            SES_SOURCE.table_name,
            SMS_VOICE_SOURCE.table_name,
            connect_table=CONNECT_SOURCE.table_name,
            lookback_days=self._lookback_days,
        )
        """The SQL of the named queries over the SES, SMS/voice and Connect tables."""
        for query in self.source_queries:
            self._named_query(query, list(self.source_tables.values()))
        stack_children = {child.node.id for child in stack.node.children}
        imported = firehose.DeliveryStream.from_delivery_stream_attributes(
            self,
            "SourcesStream",
            delivery_stream_arn=resource.attr_arn,
            delivery_stream_name=resource.ref,
        )
        # Importing adds a region -> Firehose CIDR mapping to an environment-agnostic stack for
        # the stream's security-group connections, which nothing here uses (producers reach a
        # Direct PUT stream through its API); unreferenced, it is a cfn-lint warning (W7001).
        # Remove it only when this import added it.
        if _FIREHOSE_CIDR_MAPPING not in stack_children:
            stack.node.try_remove_child(_FIREHOSE_CIDR_MAPPING)
        return imported

    def ses_event_destination(self) -> ses.EventDestination:
        """This archive as an SES configuration set's event destination, for
        ``aws_ses.ConfigurationSet.add_event_destination``; aws-cdk-lib creates the role SES
        assumes (trusting ``ses.amazonaws.com`` for this account and configuration set,
        allowed ``firehose:PutRecord``/``PutRecordBatch`` on the sources stream only)."""
        return ses.EventDestination.firehose_delivery_stream(
            delivery_stream=self.sources_delivery_stream
        )

    def add_ses_configuration_set(
        self,
        configuration_set: ses.ConfigurationSet,
        *,
        events: Sequence[ses.EmailSendingEvent] | None = None,
        id: str = "EventArchive",
    ) -> ses.ConfigurationSetEventDestination:
        """Archive ``configuration_set``'s email events in the ``ses_events`` table.

        :param events: The event types. Default: all of them.
        :param id: The event destination's construct id in the configuration set.
            Default: ``EventArchive``.
        """
        require_instance("configuration_set", configuration_set, ses.ConfigurationSet)
        return configuration_set.add_event_destination(
            id,
            destination=self.ses_event_destination(),
            events=list(events) if events is not None else None,
        )

    def add_connect_contact_events(self, *, id: str = "ConnectContactEvents") -> events.Rule:
        """Archive this account's Amazon Connect contact events (EventBridge, ``aws.connect``,
        ``Amazon Connect Contact Event``; outbound campaign contacts carry their campaign) in
        the ``connect_contact_events`` table: an EventBridge rule whose target is the sources
        stream (aws-cdk-lib's ``KinesisFirehoseStreamV2``, with the role it creates for
        ``events.amazonaws.com``).

        :param id: The rule's construct id. Default: ``ConnectContactEvents``.
        """
        rule = events.Rule(
            self,
            id,
            description="Amazon Connect contact events to the event archive",
            event_pattern=events.EventPattern(
                source=["aws.connect"], detail_type=["Amazon Connect Contact Event"]
            ),
        )
        rule.add_target(targets.KinesisFirehoseStreamV2(self.sources_delivery_stream))
        return rule

    def add_sms_voice_configuration_set(
        self,
        configuration_set: ConfigurationSet,
        *,
        event_types: Sequence[SmsVoiceEventType] = (SmsVoiceEventType.ALL,),
        name: str = "EventArchive",
    ) -> None:
        """Archive an AWS End User Messaging configuration set's SMS, MMS and voice events in
        the ``sms_voice_events`` table (an event destination with a role that only
        ``sms-voice.amazonaws.com``, for this configuration set, can assume, allowed
        ``firehose:PutRecord`` on the sources stream).

        :param event_types: Default: ``ALL``.
        :param name: The event destination's name. Default: ``EventArchive``.
        """
        require_instance("configuration_set", configuration_set, ConfigurationSet)
        configuration_set.add_event_destination(
            name,
            destination=SmsVoiceEventDestination.firehose(self.sources_delivery_stream),
            event_types=event_types,
        )

    # ---- grants ------------------------------------------------------------------------

    def _log_access(self, stack: Stack) -> None:
        """Server access logs of :attr:`bucket` to :attr:`access_logs_bucket` under
        ``archive/``, set on the L1 and granted by a bucket policy that lets only the S3
        logging service write, only for this bucket and account (what aws-cdk-lib does with
        @aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy, here without depending on the flag)."""
        cfn_bucket = self.bucket.node.default_child
        assert isinstance(cfn_bucket, s3.CfnBucket)
        cfn_bucket.logging_configuration = s3.CfnBucket.LoggingConfigurationProperty(
            destination_bucket_name=self.access_logs_bucket.bucket_name,
            log_file_prefix="archive/",
        )
        self.access_logs_bucket.add_to_resource_policy(
            iam.PolicyStatement(
                principals=[iam.ServicePrincipal("logging.s3.amazonaws.com")],
                actions=["s3:PutObject"],
                resources=[self.access_logs_bucket.arn_for_objects("archive/*")],
                conditions={
                    "ArnLike": {"aws:SourceArn": self.bucket.bucket_arn},
                    "StringEquals": {"aws:SourceAccount": stack.account},
                },
            )
        )

    def grant_query(self, grantee: iam.IGrantable) -> iam.Grant:
        """Let ``grantee`` run queries in the workgroup: Athena on the workgroup, Glue reads
        of this catalog, database and tables (the Pinpoint table and the tables of the sources
        added before this grant), S3 reads of ``events/`` and read/write of
        ``athena-results/``, and the key (if any)."""
        stack = Stack.of(self)

        def arn(service: str, resource: str, name: str | None = None) -> str:
            return stack.format_arn(service=service, resource=resource, resource_name=name)

        specs: list[tuple[list[str], list[str]]] = [
            (
                [
                    "athena:StartQueryExecution",
                    "athena:StopQueryExecution",
                    "athena:GetQueryExecution",
                    "athena:GetQueryResults",
                    "athena:GetWorkGroup",
                    "athena:ListNamedQueries",
                    "athena:GetNamedQuery",
                    "athena:BatchGetNamedQuery",
                ],
                [arn("athena", "workgroup", self.work_group_name)],
            ),
            (
                ["glue:GetDatabase", "glue:GetTable", "glue:GetTables"],
                [
                    arn("glue", "catalog"),
                    arn("glue", "database", self.database_name),
                    *(
                        arn("glue", "table", f"{self.database_name}/{name}")
                        for name in self._table_names()
                    ),
                ],
            ),
            (["s3:GetBucketLocation", "s3:ListBucket"], [self.bucket.bucket_arn]),
            (["s3:GetObject"], [self.bucket.arn_for_objects(f"{EVENTS_PREFIX}*")]),
            (
                ["s3:GetObject", "s3:PutObject", "s3:AbortMultipartUpload"],
                [self.bucket.arn_for_objects(f"{RESULTS_PREFIX}*")],
            ),
        ]
        if self.encryption_key is not None:
            specs.append((["kms:Decrypt", "kms:GenerateDataKey"], [self.encryption_key.key_arn]))
        grant: iam.Grant | None = None
        for actions, resources in specs:
            one = iam.Grant.add_to_principal(
                grantee=grantee, actions=actions, resource_arns=resources
            )
            grant = one if grant is None else grant.combine(one)
        assert grant is not None
        return grant


def _default_athena_name(scope: Construct) -> str:
    """A unique lower-case name from the construct path, as Athena accepts for databases."""
    name = Names.unique_resource_name(scope, max_length=200, separator="_")
    return re.sub(r"[^a-z0-9_]", "_", name.lower())
