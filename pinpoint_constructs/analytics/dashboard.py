"""``EngagementMetrics`` (a function that turns the event stream into CloudWatch metrics) and
``EngagementDashboard`` (a CloudWatch dashboard of them)."""

from __future__ import annotations

import re

from aws_cdk import Duration
from aws_cdk import aws_cloudwatch as cloudwatch
from aws_cdk import aws_kinesis as kinesis
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_lambda_event_sources as event_sources
from aws_cdk import aws_logs as logs
from aws_cdk import aws_ses as ses
from constructs import Construct

from .._lambda import HandlerFunction
from .._validation import (
    check_length,
    check_pattern,
    check_range,
    duration_seconds,
    require_instance,
)
from ..pinpoint.core import IPinpointApp
from ..pinpoint.event_stream import (
    BOUNCE_RATE_RECOMMENDED_MAXIMUM,
    BOUNCE_RATE_REVIEW_THRESHOLD,
    COMPLAINT_RATE_REVIEW_THRESHOLD,
)

#: The default CloudWatch namespace of the engagement metrics.
DEFAULT_METRICS_NAMESPACE = "PinpointConstructs/Engagement"

# PutMetricData ``Namespace``: 1 to 255 characters, not starting with ':' (botocore's CloudWatch
# model); "AWS/" is reserved for AWS services (CloudWatch User Guide, "Namespaces").
_NAMESPACE = re.compile(r"(?!AWS/)[^:][\x20-\x7e]*")
# PutDashboard ``DashboardName``: letters, digits, '-' and '_', up to 255 (CloudWatch API).
_DASHBOARD_NAME = re.compile(r"[A-Za-z0-9_-]{1,255}")


class EngagementMetrics(Construct):
    """A Lambda function that reads the project's event stream and publishes engagement counts
    as CloudWatch metrics in embedded metric format (no ``PutMetricData`` call, no permission
    beyond its log group).

    Metrics (namespace ``namespace``, unit ``Count``): one per event type (``EmailSends``,
    ``EmailDeliveries``, ``EmailOpens``, ``EmailClicks``, ``EmailHardBounces``,
    ``EmailSoftBounces``, ``EmailComplaints``, ``EmailRejects``, ``EmailUnsubscribes``,
    ``EmailRenderingFailures``, ``SmsSuccesses``, ``SmsFailures``, ``SmsOptOuts``,
    ``SmsBuffered``, ``CampaignSends``, ``JourneySends``, ``OtherEvents``) with the dimension
    ``ApplicationId``, and, with ``per_campaign``/``per_journey``, also per ``CampaignId`` /
    ``JourneyId``; and ``Failures`` per ``FailureReason``.

    Bounded cardinality: every dimension value is the project id, the id of one of the
    project's campaigns or journeys (taken only from this project's events and only if it
    looks like an id), or a failure reason from a closed set (SES bounce type/subtype,
    complaint feedback type, SMS record status, campaign/journey send status; anything else
    is ``Other``). Each distinct series is a billed custom metric: about 17 per campaign and
    per journey that sends, plus one per failure reason seen. Turn ``per_campaign`` or
    ``per_journey`` off for projects with many short-lived campaigns.

    The function never reports a record as failed (a malformed record is logged and counted),
    retries a failing batch twice and skips records older than an hour: metrics are for
    watching, the archive is the record.
    """

    #: A batch is counted in memory and printed: seconds at most; 30 s covers a cold start.
    TIMEOUT = Duration.seconds(30)
    #: JSON decoding of up to 1,000 small records: the smallest size is enough.
    MEMORY_SIZE = 128

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        app: IPinpointApp,
        stream: kinesis.IStream,
        namespace: str = DEFAULT_METRICS_NAMESPACE,
        per_campaign: bool = True,
        per_journey: bool = True,
        batch_size: int = 500,
        max_batching_window: Duration | None = None,
        starting_position: lambda_.StartingPosition = lambda_.StartingPosition.LATEST,
    ) -> None:
        """
        :param app: The project whose events are counted; other projects' are ignored.
        :param stream: The Kinesis data stream of the project's events (``EventStream.stream``).
        :param namespace: The CloudWatch namespace, 1 to 255 printable ASCII characters, not
            starting with ``:`` or ``AWS/``. Default: ``PinpointConstructs/Engagement``.
        :param per_campaign: Also publish every metric per campaign. Default: ``True``.
        :param per_journey: Also publish every metric per journey. Default: ``True``.
        :param batch_size: Records per invocation, 1 to 10,000. Default: 500.
        :param max_batching_window: How long to gather records, up to 300 seconds. Default:
            60 seconds (one EMF line per group and minute keeps the log volume low).
        :param starting_position: Default: ``LATEST``.
        """
        super().__init__(scope, id)
        check_length("namespace", namespace, 255)
        check_pattern(
            "namespace",
            namespace,
            _NAMESPACE,
            "printable ASCII, not starting with ':' or 'AWS/' (reserved for AWS services)",
        )
        check_range("batch_size", batch_size, 1, 10_000)
        window = Duration.seconds(60) if max_batching_window is None else max_batching_window
        duration_seconds("max_batching_window", window, 0, 300)
        self.namespace = namespace
        """The CloudWatch namespace of the metrics."""
        self.app_id = app.app_id
        self.handler = HandlerFunction(
            self,
            "Handler",
            handler="engagement_metrics.index.handler",
            description="Counts Pinpoint engagement events into CloudWatch metrics (EMF)",
            timeout=self.TIMEOUT,
            memory_size=self.MEMORY_SIZE,
            environment={
                "APPLICATION_ID": app.app_id,
                "METRICS_NAMESPACE": namespace,
                "PER_CAMPAIGN": "true" if per_campaign else "false",
                "PER_JOURNEY": "true" if per_journey else "false",
            },
        )
        self.function: lambda_.IFunction = self.handler.function
        """The metrics function."""
        self.handler.function.add_event_source(
            event_sources.KinesisEventSource(
                stream,
                starting_position=starting_position,
                batch_size=batch_size,
                max_batching_window=window,
                bisect_batch_on_error=True,
                retry_attempts=2,
                max_record_age=Duration.hours(1),
            )
        )

    def metric(
        self,
        metric_name: str,
        *,
        campaign_id: str | None = None,
        journey_id: str | None = None,
        period: Duration | None = None,
        label: str | None = None,
    ) -> cloudwatch.Metric:
        """One of the metrics, summed per period (default: 1 hour), for the project or for one
        campaign or journey."""
        if campaign_id is not None and journey_id is not None:
            raise ValueError(
                "give campaign_id or journey_id, not both: got campaign_id="
                f"{campaign_id!r} and journey_id={journey_id!r}"
            )
        dimensions = {"ApplicationId": self.app_id}
        if campaign_id is not None:
            dimensions["CampaignId"] = campaign_id
        if journey_id is not None:
            dimensions["JourneyId"] = journey_id
        return cloudwatch.Metric(
            namespace=self.namespace,
            metric_name=metric_name,
            dimensions_map=dimensions,
            statistic="Sum",
            period=period or Duration.hours(1),
            label=label,
        )

    def search(
        self, dimension: str, metric_names: list[str], *, period: Duration, label: str
    ) -> cloudwatch.MathExpression:
        """A ``SEARCH`` over every value of ``dimension`` (``CampaignId``, ``JourneyId``,
        ``FailureReason``) of this project, for ``metric_names``: one line per value."""
        names = " OR ".join(f'MetricName="{name}"' for name in metric_names)
        query = (
            f'{{"{self.namespace}",ApplicationId,{dimension}}} '
            f'ApplicationId="{self.app_id}" ({names})'
        )
        seconds = int(period.to_seconds())
        return cloudwatch.MathExpression(
            expression=f"SEARCH('{query}', 'Sum', {seconds})",
            using_metrics={},
            label=label,
            period=period,
        )


class EngagementDashboard(Construct):
    """A CloudWatch dashboard of a project's engagement: sends, deliveries, opens, clicks,
    bounces, complaints, opt-outs and failure reasons, for the project and per campaign and
    per journey, and the bounce and complaint rates against the SES review lines.

    The rates are computed from the stream's counts (hard bounces / sends, complaints / sends
    per period), drawn next to SES's own account-level ``Reputation.BounceRate`` and
    ``Reputation.ComplaintRate``, with horizontal lines at the review levels (5% bounces,
    0.1% complaints) and the 2% bounce level AWS recommends staying under.

    Per-campaign and per-journey graphs use ``SEARCH`` expressions, so campaigns and journeys
    created after deployment appear without a redeploy.

    Example::

        EngagementDashboard(self, "Dashboard", app=app, stream=events.stream)
    """

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        app: IPinpointApp | None = None,
        stream: kinesis.IStream | None = None,
        metrics: EngagementMetrics | None = None,
        dashboard_name: str | None = None,
        period: Duration | None = None,
    ) -> None:
        """
        :param app: The Pinpoint project. Default: none, a dashboard of the sources after
            Pinpoint only (:meth:`add_ses_configuration_set`,
            :meth:`add_sms_voice_event_log`).
        :param stream: The project's Kinesis event stream: an :class:`EngagementMetrics`
            (child ``Metrics``) is created on it. With ``app``, give this or ``metrics``.
        :param metrics: An existing :class:`EngagementMetrics` to draw.
        :param dashboard_name: 1 to 255 letters, digits, ``-`` or ``_`` (PutDashboard).
            Default: generated by CloudFormation.
        :param period: The period of every graph, 1 minute to 1 day. Default: 1 hour.
        """
        super().__init__(scope, id)
        if app is None and (stream is not None or metrics is not None):
            raise ValueError(
                "stream and metrics draw a Pinpoint project's events: give app with them, got "
                f"stream={stream!r}, metrics={metrics!r}"
            )
        if app is not None and (stream is None) == (metrics is None):
            raise ValueError(
                "give stream or metrics (exactly one), got "
                f"{'both' if stream is not None else 'neither'}"
            )
        check_pattern("dashboard_name", dashboard_name, _DASHBOARD_NAME, "letters, digits, - or _")
        period = Duration.hours(1) if period is None else period
        duration_seconds("period", period, 60, 86_400)
        if app is not None and metrics is None:
            assert stream is not None
            metrics = EngagementMetrics(self, "Metrics", app=app, stream=stream)
        self.metrics = metrics
        """The Pinpoint metrics the dashboard draws (``None`` without a Pinpoint project)."""
        self._period = period
        self.dashboard = cloudwatch.Dashboard(
            self,
            "Resource",
            dashboard_name=dashboard_name,
            default_interval=Duration.days(7),
        )
        """The CloudWatch dashboard."""

        self.dashboard_name = self.dashboard.dashboard_name
        """The dashboard's name."""
        self.dashboard_arn = self.dashboard.dashboard_arn
        """The dashboard's ARN."""
        if metrics is not None:
            self._add_pinpoint_rows(metrics, period)

    def _add_pinpoint_rows(self, metrics: EngagementMetrics, period: Duration) -> None:

        def graph(title: str, names: list[str], **kwargs: object) -> cloudwatch.GraphWidget:
            return cloudwatch.GraphWidget(
                title=title,
                left=[metrics.metric(name, period=period) for name in names],
                width=8,
                **kwargs,  # type: ignore[arg-type]
            )

        def rate(numerator: str, label: str) -> cloudwatch.MathExpression:
            return cloudwatch.MathExpression(
                expression="IF(sends > 0, events / sends, 0)",
                using_metrics={
                    "events": metrics.metric(numerator, period=period),
                    "sends": metrics.metric("EmailSends", period=period),
                },
                label=label,
                period=period,
            )

        def ses(metric_name: str, label: str) -> cloudwatch.Metric:
            return cloudwatch.Metric(
                namespace="AWS/SES",
                metric_name=metric_name,
                statistic="Maximum",
                period=period,
                label=label,
            )

        def line(value: float, label: str) -> cloudwatch.HorizontalAnnotation:
            return cloudwatch.HorizontalAnnotation(value=value, label=label)

        def per(dimension: str, title: str, names: list[str]) -> cloudwatch.GraphWidget:
            return cloudwatch.GraphWidget(
                title=title,
                left=[metrics.search(dimension, names, period=period, label="")],
                width=8,
            )

        self.dashboard.add_widgets(
            cloudwatch.TextWidget(
                markdown=(
                    "# Engagement\nCounted from the project's event stream by the engagement "
                    "metrics function. Rates are hard bounces and complaints over sends; SES "
                    "reviews an account at 5% bounces or 0.1% complaints."
                ),
                width=24,
                height=2,
            )
        )
        self.dashboard.add_widgets(
            graph(
                "Email: sends, deliveries, opens, clicks",
                ["EmailSends", "EmailDeliveries", "EmailOpens", "EmailClicks"],
            ),
            graph(
                "Email: bounces, complaints, rejects, unsubscribes",
                [
                    "EmailHardBounces",
                    "EmailSoftBounces",
                    "EmailComplaints",
                    "EmailRejects",
                    "EmailUnsubscribes",
                ],
            ),
            graph(
                "SMS: successes, failures, opt-outs",
                ["SmsSuccesses", "SmsFailures", "SmsOptOuts", "SmsBuffered"],
            ),
        )
        self.dashboard.add_widgets(
            cloudwatch.GraphWidget(
                title="Bounce rate against the SES review line",
                left=[
                    rate("EmailHardBounces", "hard bounces / sends"),
                    ses("Reputation.BounceRate", "SES account bounce rate"),
                ],
                left_annotations=[
                    line(BOUNCE_RATE_REVIEW_THRESHOLD, "SES review (5%)"),
                    line(BOUNCE_RATE_RECOMMENDED_MAXIMUM, "recommended maximum (2%)"),
                ],
                width=8,
            ),
            cloudwatch.GraphWidget(
                title="Complaint rate against the SES review line",
                left=[
                    rate("EmailComplaints", "complaints / sends"),
                    ses("Reputation.ComplaintRate", "SES account complaint rate"),
                ],
                left_annotations=[line(COMPLAINT_RATE_REVIEW_THRESHOLD, "SES review (0.1%)")],
                width=8,
            ),
            per("FailureReason", "Failures by reason", ["Failures"]),
        )
        for dimension, noun in (("CampaignId", "campaign"), ("JourneyId", "journey")):
            self.dashboard.add_widgets(
                per(
                    dimension,
                    f"Sends and deliveries per {noun}",
                    ["EmailSends", "EmailDeliveries", "SmsSuccesses"],
                ),
                per(dimension, f"Opens and clicks per {noun}", ["EmailOpens", "EmailClicks"]),
                per(
                    dimension,
                    f"Bounces, complaints and opt-outs per {noun}",
                    ["EmailHardBounces", "EmailComplaints", "EmailUnsubscribes", "SmsOptOuts"],
                ),
            )

    # ---- the sources after Pinpoint ---------------------------------------------------

    def add_ses_configuration_set(
        self, configuration_set: ses.ConfigurationSet, *, id: str = "DashboardMetrics"
    ) -> None:
        """Count ``configuration_set``'s email events in CloudWatch and draw them.

        Adds to the set a CloudWatch event destination (aws-cdk-lib's
        ``EventDestination.cloud_watch_dimensions``) whose only dimension is
        ``ses:configuration-set``, the tag SES sets on every message it sends through a
        configuration set: one value per set, so the metrics (``AWS/SES`` ``Send``,
        ``Delivery``, ``Open``, ``Click``, ``Bounce``, ``Complaint``, ``Reject``,
        ``RenderingFailure``, ``DeliveryDelay``) stay bounded however many campaigns send.
        Draws them, and the set's bounce and complaint rates against the SES review lines.

        :param id: The event destination's construct id in the set. Default:
            ``DashboardMetrics``.
        """
        require_instance("configuration_set", configuration_set, ses.ConfigurationSet)
        dimension = "ses:configuration-set"
        configuration_set.add_event_destination(
            id,
            destination=ses.EventDestination.cloud_watch_dimensions(
                [
                    ses.CloudWatchDimension(
                        name=dimension,
                        source=ses.CloudWatchDimensionSource.MESSAGE_TAG,
                        default_value="none",
                    )
                ]
            ),
        )
        name = configuration_set.configuration_set_name
        period = self._period

        def metric(event: str) -> cloudwatch.Metric:
            return cloudwatch.Metric(
                namespace="AWS/SES",
                metric_name=event,
                dimensions_map={dimension: name},
                statistic="Sum",
                period=period,
                label=event,
            )

        def rate(event: str, label: str) -> cloudwatch.MathExpression:
            # Ids unique in the graph: the two rates share it.
            events = event.lower()
            return cloudwatch.MathExpression(
                expression=f"IF(sends > 0, {events} / sends, 0)",
                using_metrics={events: metric(event), "sends": metric("Send")},
                label=label,
                period=period,
            )

        self.dashboard.add_widgets(
            cloudwatch.TextWidget(
                markdown=(
                    f"## Email (SES configuration set {name})\nCounted by SES itself "
                    "(configuration-set CloudWatch destination, one dimension: the set)."
                ),
                width=24,
                height=1,
            )
        )
        self.dashboard.add_widgets(
            cloudwatch.GraphWidget(
                title="Email: sends, deliveries, opens, clicks",
                left=[metric(e) for e in ("Send", "Delivery", "Open", "Click")],
                width=8,
            ),
            cloudwatch.GraphWidget(
                title="Email: bounces, complaints, rejects, failures, delays",
                left=[
                    metric(e)
                    for e in ("Bounce", "Complaint", "Reject", "RenderingFailure", "DeliveryDelay")
                ],
                width=8,
            ),
            cloudwatch.GraphWidget(
                title="Bounce and complaint rates against the SES review lines",
                left=[rate("Bounce", "bounces / sends"), rate("Complaint", "complaints / sends")],
                left_annotations=[
                    cloudwatch.HorizontalAnnotation(
                        value=BOUNCE_RATE_REVIEW_THRESHOLD, label="SES review (5%)"
                    ),
                    cloudwatch.HorizontalAnnotation(
                        value=COMPLAINT_RATE_REVIEW_THRESHOLD, label="SES review (0.1%)"
                    ),
                ],
                width=8,
            ),
        )

    def add_sms_voice_event_log(
        self,
        log_group: logs.ILogGroup,
        *,
        namespace: str = DEFAULT_METRICS_NAMESPACE,
        id: str = "SmsVoiceMessages",
    ) -> logs.MetricFilter:
        """Count the AWS End User Messaging events an event log receives (an
        ``EventDestination.cloudwatch_logs`` of a configuration set) and draw them.

        A metric filter on ``log_group`` counts ``SmsVoiceMessages`` in ``namespace`` with one
        dimension, ``EventType`` (``$.eventType``: the closed set of ``SmsVoiceEventType``,
        about 50 values), so the number of metrics stays bounded; the dashboard draws them
        with a ``SEARCH``.

        :param namespace: Default: ``DEFAULT_METRICS_NAMESPACE``.
        :param id: The metric filter's construct id. Default: ``SmsVoiceMessages``.
        """
        check_length("namespace", namespace, 255)
        check_pattern("namespace", namespace, _NAMESPACE, "not starting with ':' or 'AWS/'")
        metric_filter = logs.MetricFilter(
            self,
            id,
            log_group=log_group,
            metric_namespace=namespace,
            metric_name="SmsVoiceMessages",
            filter_pattern=logs.FilterPattern.exists("$.eventType"),
            metric_value="1",
            dimensions={"EventType": "$.eventType"},
        )
        period = self._period
        self.dashboard.add_widgets(
            cloudwatch.GraphWidget(
                title="SMS and voice events by type (End User Messaging event log)",
                left=[
                    cloudwatch.MathExpression(
                        expression=(
                            f"SEARCH('{{{namespace},EventType}} "
                            "MetricName=\"SmsVoiceMessages\"', 'Sum', "
                            f"{int(period.to_seconds())})"
                        ),
                        label="",
                        period=period,
                    )
                ],
                width=24,
            )
        )
        return metric_filter
