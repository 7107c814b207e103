"""Event streaming for a Pinpoint project and what acts on it.

- :class:`EventStream` streams a project's events (``AWS::Pinpoint::EventStream``) to a Kinesis
  data stream (new or existing) or an existing Firehose delivery stream, through a role that
  only Pinpoint, acting for this project, can assume.
- :class:`EngagementEventProcessor` consumes a Kinesis stream and opts endpoints out
  (``OptOut = ALL``) on hard bounces, complaints and unsubscribes.
- :class:`DeliverabilityAlarms` alarms on the SES account reputation metrics and on the
  processor's health.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from typing import Any

from aws_cdk import ArnFormat, Duration, Stack
from aws_cdk import aws_cloudwatch as cloudwatch
from aws_cdk import aws_cloudwatch_actions as cloudwatch_actions
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kinesis as kinesis
from aws_cdk import aws_kinesisfirehose as firehose
from aws_cdk import aws_kms as kms
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_lambda_event_sources as event_sources
from aws_cdk import aws_pinpoint as pinpoint
from aws_cdk import aws_sns as sns
from aws_cdk import aws_sns_subscriptions as subscriptions
from aws_cdk import aws_sqs as sqs
from constructs import Construct

from .._lambda import HandlerFunction, acknowledge, acknowledge_wildcard_resource
from .._props import checked_props
from .._validation import (
    check_duration_hours,
    check_email_address,
    check_range,
    duration_seconds,
    is_unresolved,
)
from .core import IPinpointApp

#: Event types that opt an endpoint out by default: an email hard bounce, a complaint, an
#: unsubscribe and an SMS opt-out (a STOP reply). Soft bounces are deliberately left out.
#: The processor's handler has the same default (``event_processor.logic``).
DEFAULT_OPT_OUT_EVENT_TYPES: tuple[str, ...] = (
    "_email.hardbounce",
    "_email.complaint",
    "_email.unsubscribe",
    "_SMS.OPTOUT",
)

#: The email and SMS ``event_type`` values Pinpoint writes to an event stream (Amazon Pinpoint
#: developer guide, "Email events" and "SMS events"; the metrics handler counts the same set,
#: ``handlers/engagement_metrics/classify.py``). An opt-out type with the ``_email.`` or
#: ``_SMS.`` prefix must be one of them: the processor matches types exactly, so a misspelt
#: one would silently never act.
PINPOINT_CHANNEL_EVENT_TYPES: tuple[str, ...] = (
    "_email.send",
    "_email.delivered",
    "_email.open",
    "_email.click",
    "_email.hardbounce",
    "_email.softbounce",
    "_email.complaint",
    "_email.rejected",
    "_email.unsubscribe",
    "_email.rendering_failure",
    "_SMS.SUCCESS",
    "_SMS.FAILURE",
    "_SMS.OPTOUT",
    "_SMS.BUFFERED",
)
_PINPOINT_CHANNEL_EVENT_PREFIXES = ("_email.", "_SMS.")

#: SES places an account under review at a bounce rate of 5% (and may pause sending at 10%).
BOUNCE_RATE_REVIEW_THRESHOLD = 0.05
#: SES places an account under review at a complaint rate of 0.1% (and may pause at 0.5%).
COMPLAINT_RATE_REVIEW_THRESHOLD = 0.001
#: AWS recommends keeping the bounce rate below 2%: the documented early-warning level.
BOUNCE_RATE_RECOMMENDED_MAXIMUM = 0.02

_PINPOINT_PRINCIPAL = "pinpoint.amazonaws.com"


# ---- event stream ------------------------------------------------------------------------


class _DestinationKind(enum.Enum):
    NEW_KINESIS_STREAM = "new-kinesis-stream"
    KINESIS_STREAM = "kinesis-stream"
    FIREHOSE = "firehose"


@checked_props
class EventStreamDestination:
    """Where an :class:`EventStream` writes a project's events. Use the factories."""

    def __init__(
        self,
        kind: _DestinationKind,
        *,
        stream: kinesis.IStream | None = None,
        delivery_stream: firehose.IDeliveryStream | None = None,
        stream_props: dict[str, Any] | None = None,
    ) -> None:
        self._kind = kind
        self._stream = stream
        self._delivery_stream = delivery_stream
        self._stream_props = stream_props or {}

    @staticmethod
    def new_kinesis_stream(
        *,
        encryption: kinesis.StreamEncryption = kinesis.StreamEncryption.MANAGED,
        encryption_key: kms.IKey | None = None,
        retention: Duration | None = None,
        stream_mode: kinesis.StreamMode = kinesis.StreamMode.ON_DEMAND,
        shard_count: int | None = None,
    ) -> EventStreamDestination:
        """A new Kinesis data stream, created by the :class:`EventStream`.

        :param encryption: ``MANAGED`` (the ``aws/kinesis`` key) or ``KMS`` (a customer
            managed key). An unencrypted stream is refused: events carry recipients' addresses.
            Default: ``MANAGED``, which needs no key policy or IAM permission for producers and
            consumers and is what cdk-nag's AwsSolutions-KDS3 asks for.
        :param encryption_key: With ``KMS``, the key. Default: a new key with yearly rotation.
        :param retention: How long records stay readable, 24 hours to 365 days in whole hours.
            Also the window for replaying what the processor's on-failure queue points to.
            Default: 24 hours (the service default).
        :param stream_mode: Default: ``ON_DEMAND``, which absorbs campaign bursts without
            shard planning (Pinpoint writes events in bursts as campaigns and journeys send).
        :param shard_count: With ``PROVISIONED``, the number of shards, at least 1.
            Default: 1 (the service default).
        """
        if encryption == kinesis.StreamEncryption.UNENCRYPTED:
            raise ValueError(
                "encryption must be StreamEncryption.MANAGED or StreamEncryption.KMS: events "
                "carry recipients' addresses; got StreamEncryption.UNENCRYPTED"
            )
        if encryption_key is not None and encryption != kinesis.StreamEncryption.KMS:
            raise ValueError(
                f"encryption_key needs encryption=StreamEncryption.KMS, got {encryption}"
            )
        if retention is not None:
            check_duration_hours("retention", retention, 24, 8760)
        if shard_count is not None:
            if stream_mode != kinesis.StreamMode.PROVISIONED:
                raise ValueError(
                    "shard_count applies only to stream_mode=StreamMode.PROVISIONED, "
                    f"got stream_mode={stream_mode}"
                )
            check_range("shard_count", shard_count, 1)
        return EventStreamDestination(
            _DestinationKind.NEW_KINESIS_STREAM,
            stream_props={
                "encryption": encryption,
                "encryption_key": encryption_key,
                "retention_period": retention,
                "stream_mode": stream_mode,
                "shard_count": shard_count,
            },
        )

    @staticmethod
    def kinesis_stream(stream: kinesis.IStream) -> EventStreamDestination:
        """An existing Kinesis data stream. If it is encrypted with a customer managed key,
        import it with that key (``Stream.from_stream_attributes(..., encryption_key=...)``)
        so Pinpoint's role gets ``kms:GenerateDataKey`` on it."""
        return EventStreamDestination(_DestinationKind.KINESIS_STREAM, stream=stream)

    @staticmethod
    def firehose(delivery_stream: firehose.IDeliveryStream) -> EventStreamDestination:
        """An existing Amazon Data Firehose delivery stream (Direct PUT source)."""
        return EventStreamDestination(_DestinationKind.FIREHOSE, delivery_stream=delivery_stream)


@checked_props
class EventStream(Construct):
    """Streams a Pinpoint project's events to Kinesis or Firehose (``AWS::Pinpoint::EventStream``).

    Example::

        events = EventStream(self, "Events", app=app)  # a new, encrypted, on-demand stream
        EngagementEventProcessor(self, "OptOuts", app=app, stream=events.stream)

    The role trusts ``pinpoint.amazonaws.com`` only with ``aws:SourceAccount`` (the project's
    account) and ``aws:SourceArn`` (the project's ARN), as the Pinpoint developer guide's
    event-stream trust policy shows, and may only write to the destination:
    ``kinesis:PutRecords`` and ``kinesis:DescribeStream`` (plus ``kms:GenerateDataKey`` when
    the stream uses a customer managed key), or ``firehose:PutRecordBatch`` and
    ``firehose:DescribeDeliveryStream``.

    A project has at most one event stream.
    """

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        app: IPinpointApp,
        destination: EventStreamDestination | None = None,
        role: iam.IRole | None = None,
    ) -> None:
        """
        :param app: The project whose events are streamed.
        :param destination: Where they go. Default:
            ``EventStreamDestination.new_kinesis_stream()``.
        :param role: An existing role for Pinpoint to assume, as many real templates pass
            (``RoleArn``). It gets the same write permissions on the destination as the
            default role (for an imported role, as a policy attached to it, unless it was
            imported with ``mutable=False``, when its permissions are yours to manage). A role
            defined in this CDK app must trust ``pinpoint.amazonaws.com``; an imported role's
            trust policy isn't known here. Default: a new role that only Pinpoint, acting for
            this project in this account, can assume.
        """
        super().__init__(scope, id)
        destination = destination or EventStreamDestination.new_kinesis_stream()

        self.stream: kinesis.IStream | None = None
        """The Kinesis data stream, or ``None`` for a Firehose destination."""
        self.delivery_stream: firehose.IDeliveryStream | None = destination._delivery_stream
        """The Firehose delivery stream, or ``None`` for a Kinesis destination."""

        if destination._kind is _DestinationKind.NEW_KINESIS_STREAM:
            self.stream = self._new_stream(destination._stream_props)
        elif destination._kind is _DestinationKind.KINESIS_STREAM:
            self.stream = destination._stream

        if role is not None:
            _check_trusts_pinpoint(role)
        self.role: iam.IRole = role or iam.Role(
            self,
            "Role",
            assumed_by=iam.ServicePrincipal(
                _PINPOINT_PRINCIPAL,
                conditions={
                    "StringEquals": {"aws:SourceAccount": app.env.account},
                    "ArnLike": {"aws:SourceArn": app.app_arn},
                },
            ),
            description="Lets Amazon Pinpoint write one project's events to its event stream",
        )
        """The role Pinpoint assumes to write events (the one given, or the created one)."""

        statements = []
        if self.stream is not None:
            destination_arn = self.stream.stream_arn
            statements.append(
                iam.PolicyStatement(
                    actions=["kinesis:PutRecords", "kinesis:DescribeStream"],
                    resources=[self.stream.stream_arn],
                )
            )
            if self.stream.encryption_key is not None:
                statements.append(
                    iam.PolicyStatement(
                        actions=["kms:GenerateDataKey"],
                        resources=[self.stream.encryption_key.key_arn],
                    )
                )
        else:
            assert self.delivery_stream is not None
            destination_arn = self.delivery_stream.delivery_stream_arn
            statements.append(
                iam.PolicyStatement(
                    actions=["firehose:PutRecordBatch", "firehose:DescribeDeliveryStream"],
                    resources=[destination_arn],
                )
            )
        policies = [self.role.add_to_principal_policy(statement) for statement in statements]

        self._resource = pinpoint.CfnEventStream(
            self,
            "Resource",
            application_id=app.app_id,
            destination_stream_arn=destination_arn,
            role_arn=self.role.role_arn,
        )
        # Pinpoint checks the role when the stream is put: create it after the role's policy
        # (the role itself is already a dependency, through RoleArn).
        for policy in policies:
            if policy.policy_dependable is not None:
                self._resource.node.add_dependency(policy.policy_dependable)

        self.destination_arn: str = destination_arn
        """The ARN of the Kinesis data stream or Firehose delivery stream."""

    def _new_stream(self, props: dict[str, Any]) -> kinesis.Stream:
        key = props["encryption_key"]
        if props["encryption"] == kinesis.StreamEncryption.KMS and key is None:
            # aws-cdk-lib's own key for a stream has no rotation; this one rotates yearly.
            key = kms.Key(
                self,
                "StreamKey",
                enable_key_rotation=True,
                description="Encrypts a Pinpoint project's event stream",
            )
        return kinesis.Stream(
            self,
            "Stream",
            encryption=props["encryption"],
            encryption_key=key,
            retention_period=props["retention_period"],
            stream_mode=props["stream_mode"],
            shard_count=props["shard_count"],
        )


def _check_trusts_pinpoint(role: iam.IRole) -> None:
    """Raise unless a role defined in this CDK app trusts ``pinpoint.amazonaws.com``: Pinpoint
    couldn't assume it, and ``PutEventStream`` would fail at deploy time. An imported role's
    trust policy isn't known at synth, so it passes."""
    document = getattr(role, "assume_role_policy", None)
    if not isinstance(role, iam.Role) or document is None:
        return
    resolved = Stack.of(role).resolve(document.to_json())
    for statement in resolved.get("Statement", []):
        services = statement.get("Principal", {}).get("Service", [])
        services = [services] if isinstance(services, str) else services
        if statement.get("Effect") == "Allow" and _PINPOINT_PRINCIPAL in services:
            return
    raise ValueError(
        f"role {role.node.path} must trust {_PINPOINT_PRINCIPAL} (assumed_by="
        f"iam.ServicePrincipal('{_PINPOINT_PRINCIPAL}', conditions=...)) for Pinpoint to "
        "write events with it; its trust policy doesn't"
    )


# ---- engagement event processor ----------------------------------------------------------


@checked_props
class EngagementEventProcessor(Construct):
    """A Lambda function that reads a project's event stream and opts endpoints out.

    For every event whose ``event_type`` is in ``opt_out_event_types`` (by default email hard
    bounces, complaints and unsubscribes, and SMS opt-outs), the endpoint named by the event
    gets ``OptOut = "ALL"``. The handler (``handlers/event_processor``) logs and counts a
    malformed or unknown record and never reports it as failed, so it cannot block the shard.

    Reliability: the event source mapping uses partial batch responses
    (``ReportBatchItemFailures``), bisects a failing batch, retries a bounded number of times
    and skips records older than ``max_record_age``; what still fails is described (shard and
    sequence-number range, not the records themselves) in an encrypted SQS on-failure queue.
    Replay from it within the stream's retention.

    The function's role may read the stream (``stream.grant_read``), send to the on-failure
    queue, write its log group, and call ``mobiletargeting:GetEndpoint`` and
    ``mobiletargeting:UpdateEndpoint`` on ``<app ARN>/endpoints/*`` and
    ``mobiletargeting:UpdateEndpointsBatch`` on the app ARN (the resource that action is
    authorized on).
    """

    #: Timeout: a batch of 100 endpoints is one ``GetEndpoint`` each and one
    #: ``UpdateEndpointsBatch``; a minute covers that with throttling backoff, and the handler
    #: starts no Pinpoint call in the last 20 seconds (one call's bounded worst case, retries
    #: included, plus the summary) and reports the rest for a retry.
    TIMEOUT = Duration.minutes(1)
    #: Memory: the work is network-bound; 256 MiB gives boto3 start-up and JSON decoding
    #: enough CPU without paying for more.
    MEMORY_SIZE = 256

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        app: IPinpointApp,
        stream: kinesis.IStream,
        opt_out_event_types: Sequence[str] = DEFAULT_OPT_OUT_EVENT_TYPES,
        batch_size: int = 100,
        max_batching_window: Duration | None = None,
        retry_attempts: int = 5,
        max_record_age: Duration | None = None,
        parallelization_factor: int = 1,
        starting_position: lambda_.StartingPosition = lambda_.StartingPosition.LATEST,
    ) -> None:
        """
        :param app: The project whose endpoints are opted out. Events of other projects are
            counted and ignored.
        :param stream: The Kinesis data stream Pinpoint writes the project's events to
            (``EventStream.stream``).
        :param opt_out_event_types: The ``event_type`` values that opt an endpoint out, matched
            exactly; an ``_email.``/``_SMS.`` type must be one of
            :data:`PINPOINT_CHANNEL_EVENT_TYPES`. Default: :data:`DEFAULT_OPT_OUT_EVENT_TYPES`.
        :param batch_size: Records per invocation, 1 to 10,000. Default: 100, the most
            endpoints one ``UpdateEndpointsBatch`` call takes.
        :param max_batching_window: How long to gather records before invoking, up to 300
            seconds. Default: 5 seconds; opt-outs are not latency-critical.
        :param retry_attempts: Retries of a failing batch, 0 to 10,000 (never infinite).
            Default: 5; each attempt already backs off on throttling inside the handler.
        :param max_record_age: Records older than this go to the on-failure queue, 60 seconds
            to 7 days (never infinite). Default: 6 hours, which leaves 18 hours of a 24-hour
            stream retention to replay them.
        :param parallelization_factor: Concurrent batches per shard, 1 to 10. Default: 1,
            which keeps each endpoint's events in order.
        :param starting_position: Default: ``LATEST``.
        """
        super().__init__(scope, id)
        types = _check_event_types(opt_out_event_types)
        check_range("batch_size", batch_size, 1, 10_000)
        check_range("retry_attempts", retry_attempts, 0, 10_000)
        check_range("parallelization_factor", parallelization_factor, 1, 10)
        max_batching_window = (
            Duration.seconds(5) if max_batching_window is None else max_batching_window
        )
        max_record_age = Duration.hours(6) if max_record_age is None else max_record_age
        duration_seconds("max_batching_window", max_batching_window, 0, 300)
        duration_seconds("max_record_age", max_record_age, 60, 604_800)

        self.dead_letter_queue = sqs.Queue(
            self,
            "DeadLetterQueue",
            encryption=sqs.QueueEncryption.SQS_MANAGED,
            enforce_ssl=True,
            retention_period=Duration.days(14),
        )
        """The on-failure destination: one message per batch that could not be processed,
        with the shard id and sequence-number range to replay."""
        acknowledge(
            self.dead_letter_queue,
            "AwsSolutions::AwsSolutions-SQS3",
            "this queue is itself the on-failure destination of the processor's Kinesis event "
            "source mapping; it holds batch descriptions for replay and has no consumer that "
            "could fail, so a dead-letter queue of its own would never receive anything",
        )

        self.handler = HandlerFunction(
            self,
            "Handler",
            handler="event_processor.index.handler",
            description="Opts Pinpoint endpoints out on hard bounces, complaints and opt-outs",
            timeout=self.TIMEOUT,
            memory_size=self.MEMORY_SIZE,
            environment={"APPLICATION_ID": app.app_id, "OPT_OUT_EVENT_TYPES": ",".join(types)},
        )
        self.function: lambda_.IFunction = self.handler.function
        """The processor function."""

        self.event_source = event_sources.KinesisEventSource(
            stream,
            starting_position=starting_position,
            batch_size=batch_size,
            max_batching_window=max_batching_window,
            report_batch_item_failures=True,
            bisect_batch_on_error=True,
            retry_attempts=retry_attempts,
            max_record_age=max_record_age,
            parallelization_factor=parallelization_factor,
            on_failure=event_sources.SqsDlq(self.dead_letter_queue),
        )
        """The Kinesis event source (grants the role read access to the stream)."""
        self.handler.function.add_event_source(self.event_source)

        endpoints_arn = f"{app.app_arn}/endpoints/*"
        self.handler.role.add_to_principal_policy(
            iam.PolicyStatement(
                actions=["mobiletargeting:GetEndpoint", "mobiletargeting:UpdateEndpoint"],
                resources=[endpoints_arn],
            )
        )
        self.handler.role.add_to_principal_policy(
            iam.PolicyStatement(
                actions=["mobiletargeting:UpdateEndpointsBatch"], resources=[app.app_arn]
            )
        )
        acknowledge_wildcard_resource(
            self.handler.role,
            endpoints_arn,
            "GetEndpoint and UpdateEndpoint are authorized on endpoint ARNs; the endpoint ids "
            "come from the event stream at run time, so the grant names every endpoint of this "
            "one project (<app ARN>/endpoints/*) and nothing else",
        )

    def metric_errors(self, *, period: Duration | None = None) -> cloudwatch.Metric:
        """Invocations that ended in an error (an exception or a timeout), summed per period
        (default: 5 minutes)."""
        return self.function.metric_errors(period=period or Duration.minutes(5), statistic="Sum")

    def metric_dead_letter_queue_depth(
        self, *, period: Duration | None = None
    ) -> cloudwatch.Metric:
        """Messages waiting in the on-failure queue, the maximum per period (default: 5
        minutes)."""
        return self.dead_letter_queue.metric_approximate_number_of_messages_visible(
            period=period or Duration.minutes(5), statistic="Maximum"
        )


# ---- deliverability alarms ---------------------------------------------------------------


@checked_props
class DeliverabilityAlarms(Construct):
    """CloudWatch alarms on the SES account reputation metrics and on the processor's health.

    SES publishes ``Reputation.BounceRate`` and ``Reputation.ComplaintRate`` (fractions, 0 to
    1) in the ``AWS/SES`` namespace for the account. SES places an account under review at a
    bounce rate of 5% or a complaint rate of 0.1%, and may pause its sending at 10% or 0.5%;
    AWS recommends staying below 2% bounces and 0.1% complaints. The alarms fire at or above
    the review levels; with ``early_warning`` a second bounce alarm fires at the recommended
    2%. (The recommended complaint ceiling *is* the review level, so there is no documented
    earlier complaint level; set ``complaint_rate_warning_threshold`` to add one.)

    With a ``processor``, two more alarms: any processor error, and any message in its
    on-failure queue.

    Every alarm notifies ``alarm_topic`` (or a topic created here) when it fires and when it
    recovers.

    Example::

        DeliverabilityAlarms(self, "Deliverability",
            processor=processor,
            alarm_emails=["deliverability@example.com"],
        )
    """

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        processor: EngagementEventProcessor | None = None,
        bounce_rate_threshold: float = BOUNCE_RATE_REVIEW_THRESHOLD,
        complaint_rate_threshold: float = COMPLAINT_RATE_REVIEW_THRESHOLD,
        early_warning: bool = True,
        bounce_rate_warning_threshold: float = BOUNCE_RATE_RECOMMENDED_MAXIMUM,
        complaint_rate_warning_threshold: float | None = None,
        reputation_period: Duration | None = None,
        alarm_topic: sns.ITopic | None = None,
        create_topic: bool | None = None,
        alarm_emails: Sequence[str] = (),
    ) -> None:
        """
        :param processor: Adds alarms on its errors and its on-failure queue. Default: none.
        :param bounce_rate_threshold: Alarm at or above this bounce rate, a fraction (0.05 is
            5%). Default: 0.05, where SES places an account under review.
        :param complaint_rate_threshold: Alarm at or above this complaint rate, a fraction.
            Default: 0.001 (0.1%), where SES places an account under review.
        :param early_warning: Add the early-warning alarms below. Default: ``True``.
        :param bounce_rate_warning_threshold: The early-warning bounce rate, below
            ``bounce_rate_threshold``. Default: 0.02, the level AWS recommends staying under.
        :param complaint_rate_warning_threshold: An early-warning complaint rate, below
            ``complaint_rate_threshold``. Default: none (AWS documents no lower level).
        :param reputation_period: The period of the reputation alarms, at least a minute; the
            alarm fires when the period's maximum reaches the threshold. Default: 1 hour.
        :param alarm_topic: The topic the alarms notify. Default: a new one, unless
            ``create_topic`` is ``False``.
        :param create_topic: Create a topic, encrypted with a new customer managed key (with
            rotation; the ``aws/sns`` key cannot be used by CloudWatch) and accepting only TLS.
            Default: ``True`` when no ``alarm_topic`` is given.
        :param alarm_emails: Email addresses to subscribe to the topic. Default: none.
        """
        super().__init__(scope, id)
        _check_rate("bounce_rate_threshold", bounce_rate_threshold)
        _check_rate("complaint_rate_threshold", complaint_rate_threshold)
        if early_warning:
            _check_warning(
                "bounce_rate_warning_threshold",
                bounce_rate_warning_threshold,
                "bounce_rate_threshold",
                bounce_rate_threshold,
            )
            if complaint_rate_warning_threshold is not None:
                _check_warning(
                    "complaint_rate_warning_threshold",
                    complaint_rate_warning_threshold,
                    "complaint_rate_threshold",
                    complaint_rate_threshold,
                )
        period = Duration.hours(1) if reputation_period is None else reputation_period
        duration_seconds("reputation_period", period, 60)
        if alarm_topic is not None and create_topic:
            raise ValueError(
                "give alarm_topic or create_topic=True, not both: got an alarm_topic and "
                "create_topic=True"
            )
        for email in alarm_emails:
            address = check_email_address("alarm_emails", email)
            if address is not None and address != email:
                raise ValueError(
                    "alarm_emails must hold bare addresses (an SNS email subscription has no "
                    f"display name), got {email!r}"
                )
        if alarm_emails and alarm_topic is None and create_topic is False:
            raise ValueError(
                "alarm_emails needs a topic: give alarm_topic or leave create_topic unset, "
                "got create_topic=False"
            )

        self.topic: sns.ITopic | None = alarm_topic
        """The topic the alarms notify, or ``None``."""
        if alarm_topic is None and create_topic is not False:
            self.topic = self._create_topic()
        if self.topic is not None:
            for email in alarm_emails:
                self.topic.add_subscription(subscriptions.EmailSubscription(email))

        self.alarms: list[cloudwatch.Alarm] = []
        """Every alarm created here."""

        self.bounce_rate_alarm = self._reputation_alarm(
            "BounceRate",
            "Reputation.BounceRate",
            bounce_rate_threshold,
            period,
            "SES account bounce rate is at or above {pct}. SES places an account under review "
            "at 5% and may pause its sending at 10%.",
        )
        self.complaint_rate_alarm = self._reputation_alarm(
            "ComplaintRate",
            "Reputation.ComplaintRate",
            complaint_rate_threshold,
            period,
            "SES account complaint rate is at or above {pct}. SES places an account under "
            "review at 0.1% and may pause its sending at 0.5%.",
        )
        self.bounce_rate_warning_alarm: cloudwatch.Alarm | None = None
        self.complaint_rate_warning_alarm: cloudwatch.Alarm | None = None
        if early_warning:
            self.bounce_rate_warning_alarm = self._reputation_alarm(
                "BounceRateWarning",
                "Reputation.BounceRate",
                bounce_rate_warning_threshold,
                period,
                "Early warning: SES account bounce rate is at or above {pct}. AWS recommends "
                "staying below 2%; review starts at 5%.",
            )
            if complaint_rate_warning_threshold is not None:
                self.complaint_rate_warning_alarm = self._reputation_alarm(
                    "ComplaintRateWarning",
                    "Reputation.ComplaintRate",
                    complaint_rate_warning_threshold,
                    period,
                    "Early warning: SES account complaint rate is at or above {pct}. Review "
                    "starts at 0.1%.",
                )

        self.processor_errors_alarm: cloudwatch.Alarm | None = None
        self.dead_letter_queue_alarm: cloudwatch.Alarm | None = None
        if processor is not None:
            self.processor_errors_alarm = self._add(
                cloudwatch.Alarm(
                    self,
                    "ProcessorErrors",
                    metric=processor.metric_errors(),
                    threshold=1,
                    evaluation_periods=1,
                    comparison_operator=cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
                    treat_missing_data=cloudwatch.TreatMissingData.NOT_BREACHING,
                    alarm_description=(
                        "The engagement event processor failed an invocation (an exception or "
                        "a timeout); its batch is being retried or bisected."
                    ),
                )
            )
            self.dead_letter_queue_alarm = self._add(
                cloudwatch.Alarm(
                    self,
                    "ProcessorDeadLetterQueue",
                    metric=processor.metric_dead_letter_queue_depth(),
                    threshold=1,
                    evaluation_periods=1,
                    comparison_operator=cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
                    treat_missing_data=cloudwatch.TreatMissingData.NOT_BREACHING,
                    alarm_description=(
                        "Opt-out events were not processed: the processor's on-failure queue "
                        "names the shard and sequence numbers to replay before the stream's "
                        "retention ends."
                    ),
                )
            )

    def _create_topic(self) -> sns.Topic:
        stack = Stack.of(self)
        alarm_arns = stack.format_arn(
            service="cloudwatch",
            resource="alarm",
            resource_name="*",
            arn_format=ArnFormat.COLON_RESOURCE_NAME,
        )
        from_this_accounts_alarms = {
            "StringEquals": {"aws:SourceAccount": stack.account},
            "ArnLike": {"aws:SourceArn": alarm_arns},
        }
        key = kms.Key(
            self,
            "TopicKey",
            enable_key_rotation=True,
            description="Encrypts the deliverability alarm topic",
        )
        # CloudWatch encrypts what it publishes with the topic's key: it needs the key policy
        # to allow it (the SNS guide's "compatibility with AWS services"), for its own alarms.
        key.add_to_resource_policy(
            iam.PolicyStatement(
                principals=[iam.ServicePrincipal("cloudwatch.amazonaws.com")],
                actions=["kms:Decrypt", "kms:GenerateDataKey*"],
                resources=["*"],
                conditions=from_this_accounts_alarms,
            )
        )
        topic = sns.Topic(
            self,
            "Topic",
            master_key=key,
            enforce_ssl=True,
            display_name="Pinpoint deliverability alarms",
        )
        topic.add_to_resource_policy(
            iam.PolicyStatement(
                principals=[iam.ServicePrincipal("cloudwatch.amazonaws.com")],
                actions=["sns:Publish"],
                resources=[topic.topic_arn],
                conditions=from_this_accounts_alarms,
            )
        )
        return topic

    def _reputation_alarm(
        self, id: str, metric_name: str, threshold: float, period: Duration, description: str
    ) -> cloudwatch.Alarm:
        metric = cloudwatch.Metric(
            namespace="AWS/SES",
            metric_name=metric_name,
            statistic="Maximum",
            period=period,
        )
        return self._add(
            cloudwatch.Alarm(
                self,
                id,
                metric=metric,
                threshold=threshold,
                evaluation_periods=1,
                comparison_operator=cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
                # SES publishes the rates only while the account sends; a silent hour says
                # nothing new, so keep the current state.
                treat_missing_data=cloudwatch.TreatMissingData.IGNORE,
                alarm_description=description.format(pct=_percent(threshold)),
            )
        )

    def _add(self, alarm: cloudwatch.Alarm) -> cloudwatch.Alarm:
        if self.topic is not None:
            action = cloudwatch_actions.SnsAction(self.topic)
            alarm.add_alarm_action(action)
            alarm.add_ok_action(action)
        self.alarms.append(alarm)
        return alarm


# ---- helpers -----------------------------------------------------------------------------


def _percent(rate: float) -> str:
    if is_unresolved(rate):
        return "the threshold"
    return f"{rate * 100:g}%"


def _check_rate(prop: str, value: float) -> None:
    if is_unresolved(value):
        return
    if not 0 <= value <= 1:
        raise ValueError(f"{prop} must be a fraction between 0 and 1 (0.05 is 5%), got {value}")


def _check_warning(prop: str, value: float, main_prop: str, main_value: float) -> None:
    _check_rate(prop, value)
    if is_unresolved(value) or is_unresolved(main_value):
        return
    if value >= main_value:
        raise ValueError(
            f"{prop} must be below {main_prop} ({main_value}) to warn earlier, got {value}"
        )


def _check_event_types(event_types: Sequence[str]) -> list[str]:
    if isinstance(event_types, str):
        raise TypeError(f"opt_out_event_types must be a list of event types, got {event_types!r}")
    types = list(event_types)
    if not types:
        raise ValueError("opt_out_event_types must name at least one event type, got none")
    for event_type in types:
        if not isinstance(event_type, str) or not event_type.strip() or "," in event_type:
            raise ValueError(
                "opt_out_event_types must be non-empty event types without commas, "
                f"got {event_type!r}"
            )
        if (
            event_type.startswith(_PINPOINT_CHANNEL_EVENT_PREFIXES)
            and event_type not in PINPOINT_CHANNEL_EVENT_TYPES
        ):
            raise ValueError(
                "opt_out_event_types must name Pinpoint's email and SMS event types as the "
                f"service spells them ({', '.join(PINPOINT_CHANNEL_EVENT_TYPES)}), got "
                f"{event_type!r}, which no event carries, so it would never opt anyone out"
            )
    return types
