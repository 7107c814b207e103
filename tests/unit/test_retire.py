"""retire_pinpoint_engagement: RETAIN on every engagement resource of a stack holding every
engagement resource type, ``Retire: "true"`` on the library's custom resources, nothing on
the application and its push, SMS and voice channels."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import aws_cdk as cdk
import pytest
from aws_cdk import SecretValue
from aws_cdk import aws_kinesis as kinesis
from support import lint_findings, synth_clean

import pinpoint_constructs
from pinpoint_constructs import (
    AdmChannel,
    ApnsChannel,
    ApnsCredentials,
    AttributeFilter,
    BaiduChannel,
    Campaign,
    CampaignMessage,
    EmailChannel,
    EmailTemplate,
    EventStream,
    EventStreamDestination,
    FcmChannel,
    FcmCredentials,
    ImportedSegment,
    ImportSource,
    InAppLayout,
    InAppMessage,
    InAppTemplate,
    Journey,
    JourneyStart,
    PinpointApp,
    PushMessage,
    PushTemplate,
    QuietTime,
    RecommenderConfiguration,
    RetirePinpointEngagement,
    Schedule,
    Segment,
    SegmentDimensions,
    SendEmail,
    SmsChannel,
    SmsTemplate,
    VoiceChannel,
    VoiceTemplate,
    retire_pinpoint_engagement,
)
from pinpoint_constructs.pinpoint.retire import (
    ENGAGEMENT_CUSTOM_RESOURCE_TYPES,
    ENGAGEMENT_RESOURCE_TYPES,
    RETIRE_PROPERTY,
)
from stacks import cdk_json_context

ENV = cdk.Environment(account="123456789012", region="us-east-1")
CAMPAIGN = "arn:aws:personalize:us-east-1:123456789012:campaign/products"
SOLUTION = "arn:aws:personalize:us-east-1:123456789012:solution/products"

#: What keeps working (End User Messaging Push, SMS and voice channels): never retired.
KEPT = {
    "AWS::Pinpoint::App",
    "AWS::Pinpoint::APNSChannel",
    "AWS::Pinpoint::GCMChannel",
    "AWS::Pinpoint::BaiduChannel",
    "AWS::Pinpoint::ADMChannel",
    "AWS::Pinpoint::SMSChannel",
    "AWS::Pinpoint::VoiceChannel",
}


def _program(stack: cdk.Stack, tmp_path: Path) -> None:
    """Every engagement resource type, and the resources that continue."""
    secret = SecretValue.secrets_manager("pinpoint/shop/push", json_field="key")
    app = PinpointApp(
        stack, "App", app_name="shop", quiet_time=QuietTime(start="22:00", end="07:00")
    )
    EmailChannel(
        stack,
        "Email",
        app=app,
        from_address="news@example.com",
        identity="arn:aws:ses:us-east-1:123456789012:identity/example.com",
    )
    SmsChannel(stack, "Sms", app=app)
    VoiceChannel(stack, "Voice", app=app)
    ApnsChannel(
        stack,
        "Apns",
        app=app,
        credentials=ApnsCredentials.certificate(certificate=secret, private_key=secret),
    )
    FcmChannel(stack, "Fcm", app=app, credentials=FcmCredentials.service_json(secret))
    BaiduChannel(stack, "Baidu", app=app, api_key=secret, secret_key=secret)
    AdmChannel(stack, "Adm", app=app, client_id=secret, client_secret=secret)
    buyers = Segment(
        stack,
        "Buyers",
        app=app,
        segment_name="buyers",
        dimensions=SegmentDimensions(attributes={"Plan": AttributeFilter.inclusive("pro")}),
    )
    endpoints = tmp_path / "endpoints.csv"
    endpoints.write_text("ChannelType,Address,Id\nEMAIL,a@example.com,e1\n")
    ImportedSegment(
        stack, "Vips", app=app, segment_name="vips", source=ImportSource.from_file(endpoints)
    )
    recommender = RecommenderConfiguration(
        stack,
        "Products",
        app=app,
        personalize_campaign=CAMPAIGN,
        personalize_solution_arn=SOLUTION,
    )
    welcome = EmailTemplate(
        stack,
        "Welcome",
        template_name="welcome",
        subject="Hi",
        html="<p>{{RecommendationItems.[0]}}</p>",
        recommender=recommender,
    )
    SmsTemplate(stack, "Reminder", template_name="reminder", body="Hi")
    PushTemplate(stack, "Offer", template_name="offer", default=PushMessage(body="20% off"))
    InAppTemplate(
        stack,
        "Promo",
        template_name="promo",
        layout=InAppLayout.TOP_BANNER,
        messages=[InAppMessage(header="Sale", body="Now")],
    )
    VoiceTemplate(stack, "Call", template_name="call", body="Hello", voice_id="Joanna")
    Campaign(
        stack,
        "Weekly",
        app=app,
        campaign_name="weekly",
        segment=buyers,
        message=CampaignMessage.email(template=welcome),
        schedule=Schedule.immediate(),
    )
    Journey(
        stack,
        "Onboarding",
        app=app,
        journey_name="onboarding",
        start=JourneyStart.segment(buyers),
        definition=SendEmail("Welcome", template=welcome),
    )
    stream = kinesis.Stream.from_stream_arn(
        stack, "Stream", "arn:aws:kinesis:us-east-1:123456789012:stream/pinpoint-events"
    )
    EventStream(stack, "Events", app=app, destination=EventStreamDestination.kinesis_stream(stream))


@pytest.fixture(scope="module")
def retired(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The program with the aspect, synthesized once for the module, through cdk-nag
    (``nag_stack``'s set-up) and cfn-lint."""
    from cdk_nag import AwsSolutionsChecks

    from stacks._common import acknowledge_end_of_support

    tmp_path = tmp_path_factory.mktemp("retired")
    app = cdk.App(context=cdk_json_context(), outdir=str(tmp_path / "out"))
    cdk.Validations.of(app).add_plugins(AwsSolutionsChecks(app))
    stack = cdk.Stack(app, "NagStack", env=ENV)
    acknowledge_end_of_support(stack)
    _program(stack, tmp_path)
    aspect = retire_pinpoint_engagement(stack)
    assert isinstance(aspect, RetirePinpointEngagement)
    template = synth_clean(stack)  # cdk-nag: no unacknowledged finding
    assert lint_findings(template, tmp_path) == []
    return template["Resources"]


def _by_type(resources: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {}
    for resource in resources.values():
        found.setdefault(resource["Type"], []).append(resource)
    return found


def test_the_stack_holds_every_engagement_resource_type(retired):
    types = set(_by_type(retired))
    assert types >= ENGAGEMENT_RESOURCE_TYPES
    assert types >= ENGAGEMENT_CUSTOM_RESOURCE_TYPES
    assert types >= KEPT


def test_every_engagement_resource_is_retained(retired):
    for resource_type, resources in _by_type(retired).items():
        if resource_type in ENGAGEMENT_RESOURCE_TYPES | ENGAGEMENT_CUSTOM_RESOURCE_TYPES:
            for resource in resources:
                assert resource["DeletionPolicy"] == "Retain", resource_type
                assert resource["UpdateReplacePolicy"] == "Retain", resource_type


def test_custom_resources_are_marked_so_their_update_and_delete_call_nothing(retired):
    for resource_type, resources in _by_type(retired).items():
        for resource in resources:
            marked = resource.get("Properties", {}).get(RETIRE_PROPERTY)
            if resource_type in ENGAGEMENT_CUSTOM_RESOURCE_TYPES:
                assert marked == "true", resource_type
            else:
                assert marked is None, resource_type


def test_the_app_and_the_push_sms_and_voice_channels_are_never_touched(retired):
    for resource_type, resources in _by_type(retired).items():
        if resource_type in KEPT:
            for resource in resources:
                assert "DeletionPolicy" not in resource, resource_type
                assert "UpdateReplacePolicy" not in resource, resource_type


def test_every_other_resource_is_as_without_the_aspect(retired, tmp_path):
    """Roles, functions, log groups, the app and its channels: unchanged."""
    stack = cdk.Stack(cdk.App(context=cdk_json_context()), "NagStack", env=ENV)
    _program(stack, tmp_path)
    plain = stack.node.root.synth().get_stack_by_name("NagStack").template["Resources"]
    retired_types = ENGAGEMENT_RESOURCE_TYPES | ENGAGEMENT_CUSTOM_RESOURCE_TYPES
    for logical_id, resource in plain.items():
        if resource["Type"] not in retired_types:
            assert retired[logical_id] == resource, logical_id


def test_the_handlers_read_the_same_property():
    """The handlers' module ships as the asset's top-level ``common`` package: read it there."""
    path = Path(pinpoint_constructs.__file__).parent / "handlers" / "common" / "retire.py"
    spec = importlib.util.spec_from_file_location("retire_handler_module", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.RETIRE_PROPERTY == RETIRE_PROPERTY
