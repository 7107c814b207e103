"""The forms real Pinpoint definitions use (issue 13), together in one stack: they synthesize
with cdk-nag attached and nothing unacknowledged, and cfn-lint finds nothing."""

from __future__ import annotations

from datetime import UTC, datetime

from aws_cdk import aws_iam as iam
from aws_cdk import aws_lambda as lambda_
from aws_cdk.assertions import Template
from support import lint_findings, synth_clean

from pinpoint_constructs import (
    ApplicationSettings,
    Campaign,
    CampaignHook,
    CampaignMessage,
    EventStream,
    Limits,
    PinpointApp,
    Schedule,
    Segment,
)
from pinpoint_constructs.pinpoint.journeys import Journey, JourneyState, SendEmail, Wait

HOOK_ARN = "arn:aws:lambda:us-east-1:123456789012:function:narrow-segment"
ROLE_ARN = "arn:aws:iam::123456789012:role/pinpoint-events"


def test_real_definition_forms_pass_cdk_nag_and_cfn_lint(nag_stack, tmp_path):
    stack = nag_stack
    app = PinpointApp(stack, "App")
    everyone = Segment.all_endpoints(stack, "Everyone", app=app)
    legacy = PinpointApp.from_app_id(stack, "Legacy", "0123456789abcdef")
    hook = lambda_.Function.from_function_arn(stack, "Hook", HOOK_ARN)
    ApplicationSettings(
        stack,
        "LegacySettings",
        app=legacy,
        limits=Limits(daily=5),
        campaign_hook=CampaignHook(function=hook),
    )
    Campaign(
        stack,
        "Broadcast",
        app=app,
        segment=everyone,
        message=CampaignMessage.push(body="News inside", as_default_message=True),
        schedule=Schedule.daily(datetime(2030, 1, 1, 9, tzinfo=UTC), timezone="utc"),
    )
    Journey(
        stack,
        "Draft",
        app=app,
        journey_name="Welcome new customers",
        state=JourneyState.DRAFT,
        definition=SendEmail("Welcome").next(Wait("Later")),
    )
    EventStream(stack, "Events", app=app, role=iam.Role.from_role_arn(stack, "Role", ROLE_ARN))
    template = synth_clean(stack)
    assert lint_findings(template, tmp_path) == []
    assert Template.from_json(template).find_resources("AWS::Pinpoint::ApplicationSettings")
