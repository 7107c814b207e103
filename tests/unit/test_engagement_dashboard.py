"""EngagementMetrics and EngagementDashboard: function, event source, widgets, validation."""

from __future__ import annotations

import json

import aws_cdk as cdk
import pytest
from aws_cdk.assertions import Match, Template
from support import synth_clean

from pinpoint_constructs import EngagementDashboard, EngagementMetrics, EventStream, PinpointApp


def _setup(stack: cdk.Stack):
    app = PinpointApp(stack, "App", app_name="demo")
    events = EventStream(stack, "Events", app=app)
    assert events.stream is not None
    return app, events.stream


def _body(stack: cdk.Stack) -> str:
    (dashboard,) = Template.from_stack(stack).find_resources("AWS::CloudWatch::Dashboard").values()
    parts = dashboard["Properties"]["DashboardBody"]["Fn::Join"][1]
    return "".join(p if isinstance(p, str) else f"<{json.dumps(p)}>" for p in parts)


def test_metrics_function_reads_the_stream_and_is_configured(stack):
    app, stream = _setup(stack)
    EngagementDashboard(stack, "Dashboard", app=app, stream=stream)
    template = Template.from_stack(stack)
    template.has_resource_properties(
        "AWS::Lambda::Function",
        {
            "Handler": "engagement_metrics.index.handler",
            "Timeout": 30,
            "MemorySize": 128,
            "Environment": {
                "Variables": {
                    "APPLICATION_ID": {"Ref": Match.string_like_regexp("^App")},
                    "METRICS_NAMESPACE": "PinpointConstructs/Engagement",
                    "PER_CAMPAIGN": "true",
                    "PER_JOURNEY": "true",
                }
            },
        },
    )
    template.has_resource_properties(
        "AWS::Lambda::EventSourceMapping",
        {
            "BatchSize": 500,
            "MaximumBatchingWindowInSeconds": 60,
            "MaximumRetryAttempts": 2,
            "MaximumRecordAgeInSeconds": 3600,
            "BisectBatchOnFunctionError": True,
        },
    )


def test_dashboard_shows_rates_against_the_ses_review_lines(stack):
    app, stream = _setup(stack)
    EngagementDashboard(stack, "Dashboard", app=app, stream=stream)
    body = _body(stack)
    assert '"value":0.05,"label":"SES review (5%)"' in body
    assert '"value":0.001,"label":"SES review (0.1%)"' in body
    assert '"value":0.02' in body
    assert "IF(sends > 0, events / sends, 0)" in body
    assert '"AWS/SES","Reputation.BounceRate"' in body


def test_dashboard_searches_per_campaign_journey_and_failure_reason(stack):
    app, stream = _setup(stack)
    EngagementDashboard(stack, "Dashboard", app=app, stream=stream)
    body = _body(stack)
    for dimension in ("CampaignId", "JourneyId", "FailureReason"):
        assert f'{{\\"PinpointConstructs/Engagement\\",ApplicationId,{dimension}}}' in body
    assert 'MetricName=\\"EmailOpens\\" OR MetricName=\\"EmailClicks\\"' in body
    for title in (
        "Opens and clicks per campaign",
        "Opens and clicks per journey",
        "Failures by reason",
    ):
        assert title in body


def test_metric_helper_names_project_campaign_or_journey(stack):
    app, stream = _setup(stack)
    metrics = EngagementMetrics(stack, "Metrics", app=app, stream=stream)
    metric = metrics.metric("EmailOpens", campaign_id="c1")
    assert metric.namespace == "PinpointConstructs/Engagement"
    assert set(metric.dimensions) == {"ApplicationId", "CampaignId"}
    with pytest.raises(
        ValueError,
        match="give campaign_id or journey_id, not both: got campaign_id='c' and journey_id='j'",
    ):
        metrics.metric("EmailOpens", campaign_id="c", journey_id="j")


def test_dashboard_with_existing_metrics_and_cdk_nag(nag_stack):
    app, stream = _setup(nag_stack)
    metrics = EngagementMetrics(nag_stack, "Metrics", app=app, stream=stream, per_journey=False)
    EngagementDashboard(nag_stack, "Dashboard", app=app, metrics=metrics)
    template = synth_clean(nag_stack)
    types = [r["Type"] for r in template["Resources"].values()]
    assert types.count("AWS::Lambda::Function") == 1


@pytest.mark.parametrize(
    ("props", "message"),
    [
        (
            {"namespace": "AWS/Pinpoint"},
            "namespace must be printable ASCII, not starting with ':' or 'AWS/'",
        ),
        ({"namespace": ":x"}, "namespace must be printable ASCII"),
        ({"namespace": "n" * 256}, "namespace must be 1 to 255 characters long, got 256"),
        ({"batch_size": 0}, "batch_size must be between 1 and 10000, got 0"),
        (
            {"max_batching_window": cdk.Duration.minutes(6)},
            "max_batching_window must be 0 to 300 seconds, got 6 minutes",
        ),
    ],
)
def test_invalid_metrics_props(stack, props, message):
    app, stream = _setup(stack)
    with pytest.raises(ValueError, match=message):
        EngagementMetrics(stack, "Metrics", app=app, stream=stream, **props)


@pytest.mark.parametrize(
    ("props", "message"),
    [
        ({}, "give stream or metrics \\(exactly one\\), got neither"),
        (
            {"dashboard_name": "my dashboard"},
            "dashboard_name must be letters, digits, - or _, got 'my dashboard'",
        ),
        (
            {"period": cdk.Duration.seconds(30)},
            "period must be 60 to 86400 seconds, got 30 seconds",
        ),
    ],
)
def test_invalid_dashboard_props(stack, props, message):
    app, stream = _setup(stack)
    if "dashboard_name" in props or "period" in props:
        props = {**props, "stream": stream}
    with pytest.raises(ValueError, match=message):
        EngagementDashboard(stack, "Dashboard", app=app, **props)


def test_stream_and_metrics_together_are_rejected(stack):
    app, stream = _setup(stack)
    metrics = EngagementMetrics(stack, "Metrics", app=app, stream=stream)
    with pytest.raises(ValueError, match="exactly one\\), got both"):
        EngagementDashboard(stack, "Dashboard", app=app, stream=stream, metrics=metrics)
