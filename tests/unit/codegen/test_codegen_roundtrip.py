"""Round trips: synthesize constructs, export the resources in the API's response shape,
generate a module, synthesize it: the same resources come out. Every construct kind."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import aws_cdk as cdk
import pytest
from aws_cdk import Duration, SecretValue
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kinesis as kinesis
from aws_cdk import aws_kinesisfirehose as firehose
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_ses as ses
from codegen_roundtrip import ENV, round_trip

from pinpoint_constructs import (
    AdmChannel,
    AndroidPushMessage,
    ApnsChannel,
    ApnsCredentials,
    ApnsEnvironment,
    ApnsPushMessage,
    ApplicationSettings,
    AttributeFilter,
    BaiduChannel,
    Campaign,
    CampaignHook,
    CampaignHookMode,
    CampaignLimits,
    CampaignMessage,
    ChannelType,
    Condition,
    ConditionalSplit,
    ConnectCampaign,
    ContactCenter,
    Demographic,
    EmailChannel,
    EmailTemplate,
    EventFilterType,
    EventStream,
    EventStreamDestination,
    FcmChannel,
    FcmCredentials,
    GpsPoint,
    GroupType,
    Holdout,
    InAppButton,
    InAppButtonAction,
    InAppButtonOverride,
    InAppLayout,
    InAppMessage,
    InAppTemplate,
    Include,
    Journey,
    JourneyLimits,
    JourneySchedule,
    JourneyStart,
    JourneyState,
    Limits,
    Location,
    MessageEvent,
    MetricFilter,
    MultiConditionSplit,
    PinpointApp,
    PushAction,
    PushMessage,
    PushTemplate,
    QuietTime,
    RandomSplit,
    Recency,
    RecencyWindow,
    Schedule,
    Segment,
    SegmentDimensions,
    SegmentGroup,
    SegmentGroups,
    SegmentReference,
    SendCustom,
    SendEmail,
    SendPush,
    SendSms,
    SetFilter,
    SmsChannel,
    SmsMessageType,
    SmsTemplate,
    SourceType,
    TextAlignment,
    Treatment,
    VoiceChannel,
    Wait,
)

HOOK_ARN = "arn:aws:lambda:us-east-1:123456789012:function:segment-filter"


def _stack() -> cdk.Stack:
    return cdk.Stack(cdk.App(), "Original", env=ENV)


def _app(stack: cdk.Stack, **settings) -> PinpointApp:
    return PinpointApp(stack, "App", app_name="shop", **settings)


def test_app_with_settings_and_hook(tmp_path):
    stack = _stack()
    hook = lambda_.Function.from_function_arn(stack, "Hook", HOOK_ARN)
    _app(
        stack,
        limits=Limits(
            daily=5, total=20, messages_per_second=100, maximum_duration=Duration.hours(1)
        ),
        quiet_time=QuietTime(start="22:00", end="07:00"),
        campaign_hook=CampaignHook(function=hook, mode=CampaignHookMode.FILTER),
        tags={"team": "growth"},
    )
    source = round_trip(stack, tmp_path)
    assert "Function.from_function_attributes" in source and "CampaignHook(" in source
    assert "same_environment=True" in source


def test_app_without_settings(tmp_path):
    stack = _stack()
    _app(stack)
    round_trip(stack, tmp_path)


def test_email_sms_and_voice_channels(tmp_path):
    stack = _stack()
    app = _app(stack)
    EmailChannel(
        stack,
        "Email",
        app=app,
        from_address="Shop <news@example.com>",
        identity="arn:aws:ses:us-east-1:123456789012:identity/example.com",
        configuration_set=ses.ConfigurationSet.from_configuration_set_name(
            stack, "Set", "tracking"
        ),
        orchestration_sending_role=iam.Role.from_role_arn(
            stack, "Sender", "arn:aws:iam::123456789012:role/pinpoint-sender", mutable=False
        ),
        enabled=False,
    )
    SmsChannel(stack, "Sms", app=app, sender_id="Shop", short_code="12345")
    VoiceChannel(stack, "Voice", app=app)
    source = round_trip(stack, tmp_path)
    assert "enabled=False" in source


@pytest.mark.parametrize("environment", list(ApnsEnvironment))
def test_apns_token_channels(tmp_path, environment):
    stack = _stack()
    app = _app(stack)
    ApnsChannel(
        stack,
        "Apns",
        app=app,
        environment=environment,
        credentials=ApnsCredentials.token(
            bundle_id="com.example.shop",
            team_id="ABCDE12345",
            token_key_id="KEY1234567",
            token_key=SecretValue.secrets_manager("mine", json_field="p8"),
        ),
    )
    prefix = environment.value.lower()
    params = {
        f"{prefix}_bundle_id": "com.example.shop",
        f"{prefix}_team_id": "ABCDE12345",
        f"{prefix}_token_key_id": "KEY1234567",
    }
    source = round_trip(stack, tmp_path, **params)
    assert "SecretValue.secrets_manager(" in source and '"mine"' not in source


def test_apns_certificate_fcm_baidu_adm_channels(tmp_path):
    stack = _stack()
    app = _app(stack)
    secret = SecretValue.secrets_manager("mine", json_field="x")
    ApnsChannel(
        stack,
        "Apns",
        app=app,
        credentials=ApnsCredentials.certificate(certificate=secret, private_key=secret),
    )
    FcmChannel(stack, "Fcm", app=app, credentials=FcmCredentials.service_json(secret))
    BaiduChannel(stack, "Baidu", app=app, api_key=secret, secret_key=secret)
    AdmChannel(stack, "Adm", app=app, client_id=secret, client_secret=secret)
    source = round_trip(stack, tmp_path)
    assert source.count("# Placeholder: the API never returns channel credentials") == 4


def test_legacy_fcm_key(tmp_path):
    stack = _stack()
    FcmChannel(
        stack,
        "Fcm",
        app=_app(stack),
        credentials=FcmCredentials.api_key(SecretValue.secrets_manager("k")),
    )
    assert "FcmCredentials.api_key(" in round_trip(stack, tmp_path)


def test_templates_of_every_kind(tmp_path):
    stack = _stack()
    EmailTemplate(
        stack,
        "Welcome",
        template_name="welcome",
        subject="Welcome, {{User.UserAttributes.FirstName}}",
        html="<p>Hi {{User.UserAttributes.FirstName}}, "
        + "welcome aboard! " * 20
        + "</p>\n<p>Bye</p>",
        text="Hi {{User.UserAttributes.FirstName}}",
        default_substitutions={"User.UserAttributes.FirstName": "there"},
        description="The welcome mail",
        tags={"team": "growth"},
    )
    SmsTemplate(
        stack,
        "Reminder",
        template_name="reminder",
        body='Your code: "{{Attributes.Code}}"',
        default_substitutions={"Attributes.Code": "none"},
    )
    PushTemplate(
        stack,
        "Offer",
        template_name="offer",
        default=PushMessage(
            title="Hi", body="20% off", action=PushAction.URL, url="https://example.com/o"
        ),
        apns=ApnsPushMessage(
            body="20% off", sound="default", media_url="https://example.com/i.png"
        ),
        fcm=AndroidPushMessage(body="20% off", image_url="https://example.com/i.png"),
        baidu=PushMessage(body="20% off"),
        adm=AndroidPushMessage(body="20% off", small_image_icon_url="https://example.com/s.png"),
    )
    InAppTemplate(
        stack,
        "Promo",
        template_name="promo",
        layout=InAppLayout.CAROUSEL,
        messages=[
            InAppMessage(
                header="Spring sale", body="20% off", header_alignment=TextAlignment.CENTER
            ),
            InAppMessage(
                header="Summer",
                body="30% off",
                background_color="#123456",
                image_url="https://example.com/i.png",
                primary_button=InAppButton(
                    text="Shop",
                    action=InAppButtonAction.LINK,
                    link="https://example.com",
                    border_radius=4,
                    ios=InAppButtonOverride(action=InAppButtonAction.DEEP_LINK, link="shop://sale"),
                ),
                secondary_button=InAppButton(text="Close", action=InAppButtonAction.CLOSE),
            ),
        ],
        custom_config={"campaign": "spring"},
    )
    round_trip(stack, tmp_path)


def test_segments_with_every_filter_and_groups(tmp_path):
    stack = _stack()
    app = _app(stack)
    test = Segment(
        stack,
        "Test",
        app=app,
        segment_name="test",
        dimensions=SegmentDimensions(attributes={"Tester": AttributeFilter.inclusive("yes")}),
    )
    base = Segment(
        stack,
        "Germans",
        app=app,
        segment_name="germans",
        dimensions=SegmentDimensions(
            demographic=Demographic(
                app_version=SetFilter.include("1.0"),
                channel=SetFilter.include("EMAIL", "SMS"),
                device_type=SetFilter.exclude("tablet"),
                make=SetFilter.include("Apple"),
                model=SetFilter.include("iPhone"),
                platform=SetFilter.include("ios"),
            ),
            location=Location(
                country=SetFilter.include("DE"), gps_point=GpsPoint(52.52, 13.405, range_km=25)
            ),
            behavior=Recency.inactive(RecencyWindow.DAYS_30),
            attributes={
                "City": AttributeFilter.exclusive("Bonn"),
                "Tag": AttributeFilter.contains("vip"),
                "Joined": AttributeFilter.between("2024-01-01T00:00:00Z", "2024-06-01T00:00:00Z"),
                "Seen": AttributeFilter.before("2024-05-01T00:00:00Z"),
            },
            user_attributes={"Plan": AttributeFilter.on("2024-05-01T00:00:00Z")},
            metrics={
                "orders": MetricFilter.greater_than_or_equal(2),
                "score": MetricFilter.less_than(1.5),
            },
        ),
        tags={"team": "growth"},
    )
    Segment(
        stack,
        "GermansNotTest",
        app=app,
        segment_name="germans not test",
        groups=SegmentGroups(
            groups=[
                SegmentGroup(source_segments=[SegmentReference(base, version=2)]),
                SegmentGroup(
                    dimensions=[SegmentDimensions(behavior=Recency.active(RecencyWindow.DAYS_7))],
                    source_segments=[test],
                    source_type=SourceType.NONE,
                    type=GroupType.ANY,
                ),
            ],
            include=Include.ANY,
        ),
    )
    Segment.all_endpoints(stack, "Everyone", app=app, segment_name="everyone")
    source = round_trip(stack, tmp_path)
    assert "source_segments=[test_segment]" in source
    assert "Segment.all_endpoints(" in source


def _segment(stack: cdk.Stack, app: PinpointApp) -> Segment:
    return Segment(
        stack,
        "Buyers",
        app=app,
        segment_name="buyers",
        dimensions=SegmentDimensions(metrics={"orders": MetricFilter.greater_than(0)}),
    )


START = datetime(2026, 3, 2, 9, tzinfo=UTC)


def test_campaigns_email_sms_push(tmp_path):
    stack = _stack()
    app = _app(stack)
    buyers = _segment(stack, app)
    newsletter = EmailTemplate(stack, "News", template_name="news", subject="News", text="Hello")
    Campaign(
        stack,
        "Weekly",
        app=app,
        campaign_name="weekly",
        segment=buyers,
        segment_version=3,
        message=CampaignMessage.email(template=newsletter, from_address="News <news@example.com>"),
        schedule=Schedule.weekly(
            START,
            datetime(2026, 6, 1, tzinfo=UTC),
            timezone="UTC+01",
            quiet_time=QuietTime(start="22:00", end="07:00"),
        ),
        holdout_percent=10,
        description="Every week",
        limits=CampaignLimits(daily=1, messages_per_second=100, session=2),
        tags={"team": "growth"},
    )
    Campaign(
        stack,
        "Inline",
        app=app,
        campaign_name="inline",
        segment=buyers,
        message=CampaignMessage.email(subject="Hi", html="<p>Hi</p>", text="Hi"),
        schedule=Schedule.once(datetime(2026, 3, 2, 9, 30, tzinfo=timezone(timedelta(hours=2)))),
        paused=True,
        priority=2,
    )
    Campaign(
        stack,
        "Sms",
        app=app,
        campaign_name="sms",
        segment="existing-segment-id",
        message=CampaignMessage.sms(
            body="Hi", message_type=SmsMessageType.PROMOTIONAL, sender_id="Shop", entity_id="e1"
        ),
        schedule=Schedule.daily(START, local_time=True),
    )
    Campaign(
        stack,
        "Push",
        app=app,
        campaign_name="push",
        segment=buyers,
        message=CampaignMessage.push(
            title="Sale",
            body="20% off",
            action=PushAction.URL,
            url="https://example.com",
            silent=True,
            time_to_live=Duration.hours(2),
        ),
        schedule=Schedule.immediate(),
        hook=CampaignHook(function=lambda_.Function.from_function_arn(stack, "Hook", HOOK_ARN)),
    )
    source = round_trip(stack, tmp_path)
    assert "template=news_template" in source
    assert "Segment.from_segment_id(" in source and '"existing-segment-id",' in source
    assert "time_to_live=Duration.hours(2)" in source


def test_campaigns_event_in_app_custom_and_ab_test(tmp_path):
    stack = _stack()
    app = _app(stack)
    buyers = _segment(stack, app)
    sender = lambda_.Function.from_function_arn(
        stack, "Sender", "arn:aws:lambda:us-east-1:123456789012:function:sender"
    )
    Campaign(
        stack,
        "Cart",
        app=app,
        campaign_name="cart",
        segment=buyers,
        message=CampaignMessage.sms(body="You left something"),
        schedule=Schedule.on_event(
            "cart.abandoned",
            start=START,
            end=datetime(2026, 12, 1, tzinfo=UTC),
            attributes={"plan": AttributeFilter.inclusive("pro")},
            metrics={"price": MetricFilter.greater_than(10)},
            filter_type=EventFilterType.SYSTEM,
        ),
    )
    Campaign(
        stack,
        "Banner",
        app=app,
        campaign_name="banner",
        segment=Segment.all_endpoints(stack, "Everyone", app=app, segment_name="everyone"),
        message=CampaignMessage.in_app(
            content=InAppMessage(header="Sale", body="Now"),
            layout=InAppLayout.TOP_BANNER,
            custom_config={"k": "v"},
        ),
        schedule=Schedule.on_in_app_event(["purchase", "view"], start=START),
        priority=1,
    )
    Campaign(
        stack,
        "Custom",
        app=app,
        campaign_name="custom",
        segment=buyers,
        message=CampaignMessage.custom(channel=sender, data={"text": "Hello"}),
        schedule=Schedule.immediate(),
    )
    Campaign(
        stack,
        "Webhook",
        app=app,
        campaign_name="webhook",
        segment=buyers,
        message=CampaignMessage.custom(
            channel="https://hooks.example.com/p",
            data="plain text",
            endpoint_types=[ChannelType.EMAIL, ChannelType.SMS],
        ),
        schedule=Schedule.immediate(),
    )
    Campaign(
        stack,
        "AbTest",
        app=app,
        campaign_name="ab test",
        segment=buyers,
        message=CampaignMessage.email(subject="A", text="A"),
        schedule=Schedule.once(START),
        holdout_percent=10,
        treatment_name="A",
        treatments=[
            Treatment(
                size_percent=30, name="B", message=CampaignMessage.email(subject="B", text="B")
            ),
            Treatment(size_percent=20, name="C", schedule=Schedule.once(START + timedelta(days=1))),
        ],
    )
    source = round_trip(stack, tmp_path)
    assert 'data={"text": "Hello"}' in source


def test_settings_of_a_project_the_stack_did_not_create(tmp_path):
    stack = _stack()
    app = PinpointApp.from_app_id(stack, "App", "0123456789abcdef0123456789abcdef")
    ApplicationSettings(
        stack,
        "Settings",
        app=app,
        limits=Limits(daily=3),
        campaign_hook=CampaignHook(
            function=lambda_.Function.from_function_arn(stack, "Hook", HOOK_ARN)
        ),
    )
    SmsChannel(stack, "Sms", app=app)
    source = round_trip(stack, tmp_path)
    assert 'PinpointApp.from_app_id(self, "App", "0123456789abcdef0123456789abcdef")' in source
    assert "ApplicationSettings(" in source


def test_push_default_message(tmp_path):
    stack = _stack()
    app = _app(stack)
    Campaign(
        stack,
        "Push",
        app=app,
        campaign_name="push",
        segment=_segment(stack, app),
        message=CampaignMessage.push(title="Hi", body="Sale", as_default_message=True),
        schedule=Schedule.immediate(),
    )
    assert "as_default_message=True" in round_trip(stack, tmp_path)


@pytest.mark.parametrize(
    "destination",
    [
        lambda s: EventStreamDestination.kinesis_stream(
            kinesis.Stream.from_stream_arn(
                s, "Stream", "arn:aws:kinesis:us-east-1:123456789012:stream/pinpoint-events"
            )
        ),
        lambda s: EventStreamDestination.firehose(
            firehose.DeliveryStream.from_delivery_stream_arn(
                s, "Firehose", "arn:aws:firehose:us-east-1:123456789012:deliverystream/pinpoint"
            )
        ),
    ],
    ids=["kinesis", "firehose"],
)
def test_event_stream_with_an_existing_role(tmp_path, destination):
    stack = _stack()
    role = iam.Role.from_role_arn(
        stack, "Role", "arn:aws:iam::123456789012:role/pinpoint-events", mutable=False
    )
    EventStream(stack, "Events", app=_app(stack), destination=destination(stack), role=role)
    source = round_trip(stack, tmp_path)
    assert "mutable=False" in source and "role=event_stream_role" in source


def test_journeys(tmp_path):
    stack = _stack()
    app = _app(stack)
    buyers = _segment(stack, app)
    welcome = EmailTemplate(stack, "Welcome", template_name="welcome", subject="Hi", text="Hi")
    reminder = SmsTemplate(stack, "Reminder", template_name="reminder", body="Hi")
    first = SendEmail(
        "Welcome", template=welcome, from_address="news@example.com", description="hello"
    )
    split = RandomSplit("Split").branch(
        60, SendSms("Remind", template=reminder, message_type=SmsMessageType.TRANSACTIONAL)
    )
    split.branch(40)
    Journey(
        stack,
        "Onboarding",
        app=app,
        journey_name="onboarding journey",
        start=JourneyStart.segment(buyers),
        definition=first.next(Wait("WaitTwoDays", duration=Duration.days(2)))
        .next(Holdout("Control", percentage=10))
        .next(split),
        limits=JourneyLimits(
            daily_cap=2, endpoint_reentry_cap=1, endpoint_reentry_interval=Duration.hours(12)
        ),
        quiet_time=QuietTime(start="22:00", end="07:00"),
        schedule=JourneySchedule(
            start=START, end=datetime(2026, 12, 1, tzinfo=UTC), timezone="UTC"
        ),
        refresh_frequency=Duration.hours(6),
        local_time=True,
    )
    Journey(
        stack,
        "Cart",
        app=app,
        journey_name="cart",
        start=JourneyStart.event(
            "cart.abandoned", attributes={"plan": AttributeFilter.inclusive("pro")}
        ),
        definition=SendPush(
            "Nudge",
            template=PushTemplate.from_template_name(stack, "Offer", "offer"),
            time_to_live=Duration.minutes(30),
        ),
        state=JourneyState.DRAFT,
    )
    source = round_trip(stack, tmp_path)
    assert "welcome.next(wait_two_days)" in source and "split.branch(60, remind)" in source
    assert 'PushTemplate.from_template_name(self, "OfferTemplate", "offer")' in source


def test_a_new_draft_journey_with_only_its_name(tmp_path):
    """What the console saves when a journey is created: a name, no entry, no activities."""
    stack = _stack()
    app = _app(stack)
    Journey(stack, "New", app=app, journey_name="new journey", state=JourneyState.DRAFT)
    source = round_trip(stack, tmp_path)
    assert "definition=" not in source and "start=" not in source


def test_journey_custom_send_to_a_web_service(tmp_path):
    """A journey's custom activity that POSTs to an HTTPS URL becomes SendCustom(url=...)."""
    stack = _stack()
    app = _app(stack)
    Journey(
        stack,
        "Hooks",
        app=app,
        journey_name="hooks",
        start=JourneyStart.segment(_segment(stack, app)),
        definition=SendCustom(
            "Notify", url="https://hooks.example.com/pinpoint", data={"event": "joined"}
        ),
    )
    source = round_trip(stack, tmp_path)
    assert 'url="https://hooks.example.com/pinpoint"' in source


def test_journey_yes_no_splits(tmp_path):
    stack = _stack()
    app = _app(stack)
    buyers = _segment(stack, app)
    welcome = EmailTemplate(stack, "Welcome", template_name="welcome", subject="Hi", text="Hi")
    first = SendEmail("Welcome", template=welcome)
    opened = ConditionalSplit(
        "Opened",
        condition=Condition.any(Condition.message_opened(first), Condition.message_clicked(first)),
        evaluate_after=Duration.days(1),
    )
    vip = ConditionalSplit("Vip", condition=Condition.segment(buyers))
    bought = ConditionalSplit(
        "Bought",
        condition=Condition.event(
            "purchase", attributes={"plan": AttributeFilter.inclusive("pro")}
        ),
        evaluate_at=datetime(2026, 6, 1, tzinfo=UTC),
    )
    channel = (
        MultiConditionSplit("Channel", evaluate_after=Duration.hours(1))
        .when(
            Condition.message_event(first, MessageEvent.EMAIL_CLICK),
            Wait("W1", duration=Duration.days(1)),
        )
        .when(Condition.segment(buyers))
        .otherwise(
            SendCustom(
                "Partner",
                function=lambda_.Function.from_function_arn(
                    stack, "Partner", "arn:aws:lambda:us-east-1:123456789012:function:partner"
                ),
                data={"event": "welcome"},
                endpoint_types=[ChannelType.EMAIL],
            )
        )
    )
    bought.when_false(channel)
    opened.when_true(vip.when_true(Holdout("Control", percentage=5))).when_false(bought)
    Journey(
        stack,
        "Onboarding",
        app=app,
        journey_name="onboarding",
        start=JourneyStart.segment(buyers),
        definition=first.next(opened),
    )
    source = round_trip(stack, tmp_path)
    assert "Condition.message_event(welcome" in source and "opened.when_false(bought)" in source
    assert "channel.otherwise(partner)" in source


def test_a_draft_journey_with_every_kind_of_unfinished_activity(tmp_path):
    """What the library builds as a draft, the importer reads back: an email without its
    template, a yes/no split without a condition, a multivariate branch without a condition
    and a terminal contact-center activity with the journey's Connect campaign."""
    stack = _stack()
    app = _app(stack)
    buyers = _segment(stack, app)
    call = ContactCenter("Call")
    tier = MultiConditionSplit("Tier").when(None, call).when(Condition.segment(buyers))
    Journey(
        stack,
        "Draft",
        app=app,
        journey_name="draft",
        start=JourneyStart.segment(buyers),
        definition=ConditionalSplit("Opened").when_true(SendEmail("Welcome")).when_false(tier),
        state=JourneyState.DRAFT,
        connect_campaign=ConnectCampaign(
            campaign_arn="arn:aws:connect:us-east-1:123456789012:instance/i-1/campaign/c-1",
            execution_role=iam.Role.from_role_arn(
                stack, "ConnectRole", "arn:aws:iam::123456789012:role/connect", mutable=False
            ),
        ),
    )
    source = round_trip(stack, tmp_path)
    assert "tier.when(None, call)" in source and 'ContactCenter("Call")' in source
