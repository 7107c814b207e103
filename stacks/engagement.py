"""The Pinpoint engagement reference program (``-c legacyPinpoint=true``): the project's
settings, the email and SMS channels, event streaming with automatic opt-outs, the event
archive and dashboard of Pinpoint's events, a webhook custom channel, segments, message
templates, campaigns and the journey, built on the push application of the messaging
foundation stack.

AWS ended these engagement features on 2026-10-30, so this stack deploys only in accounts that
still have them. It stays as the reference the successor program (``customer_engagement.py``)
was converted from, and as the source a migration reads."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from aws_cdk import Duration, Stack
from constructs import Construct

from pinpoint_constructs import (
    ApplicationSettings,
    AttributeFilter,
    Campaign,
    CampaignMessage,
    ChannelType,
    Condition,
    ConditionalSplit,
    CustomChannel,
    Demographic,
    EmailChannel,
    EmailTemplate,
    EngagementDashboard,
    EngagementEventProcessor,
    EventArchive,
    EventStream,
    EventStreamDestination,
    GroupType,
    ImportedSegment,
    ImportSource,
    InAppLayout,
    InAppMessage,
    InAppTemplate,
    Journey,
    JourneyLimits,
    JourneyStart,
    Limits,
    PushAction,
    PushMessage,
    PushTemplate,
    QuietTime,
    Schedule,
    Segment,
    SegmentDimensions,
    SegmentGroup,
    SegmentGroups,
    SendCustom,
    SendEmail,
    SendSms,
    SetFilter,
    SmsChannel,
    SmsMessageType,
    SmsTemplate,
    SourceType,
    TemplateRenderingChannel,
    Treatment,
    VoiceTemplate,
    Wait,
)

from ._common import acknowledge_end_of_support, context
from .foundation import MessagingFoundationStack

DATA_DIR = Path(__file__).resolve().parent / "data"
TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
#: When the default program's schedules start (a fixed date keeps synth deterministic).
PROGRAM_START = datetime(2027, 1, 4, 9, 0, tzinfo=UTC)


class EngagementStack(Stack):
    """Who is reached (segments), with what (templates), and when (campaigns, journey)."""

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        foundation: MessagingFoundationStack,
        **kwargs: Any,
    ) -> None:
        super().__init__(scope, id, **kwargs)
        acknowledge_end_of_support(self)
        app = foundation.pinpoint_app
        self._add_engagement_foundation(foundation)

        # Audience: endpoints used for testing, excluded from every real send.
        self.test_segment = Segment(
            self,
            "TestSegment",
            app=app,
            segment_name="test",
            dimensions=SegmentDimensions(
                attributes={"Audience": AttributeFilter.inclusive("test")}
            ),
        )
        # All email endpoints whose city is Berlin, excluding every endpoint of "test".
        self.berlin_email_segment = Segment(
            self,
            "BerlinEmailSegment",
            app=app,
            segment_name="berlin-email",
            groups=SegmentGroups(
                groups=[
                    SegmentGroup(
                        dimensions=[
                            SegmentDimensions(
                                demographic=Demographic(channel=SetFilter.include("EMAIL"))
                            ),
                            SegmentDimensions(
                                attributes={"City": AttributeFilter.inclusive("Berlin")}
                            ),
                        ],
                        type=GroupType.ALL,
                        source_segments=[self.test_segment],
                        source_type=SourceType.NONE,
                    )
                ]
            ),
        )
        # A static list of beta testers, imported from the sample CSV shipped with the stacks.
        self.beta_testers = ImportedSegment(
            self,
            "BetaTesters",
            app=app,
            segment_name="beta-testers",
            source=ImportSource.from_file(DATA_DIR / "beta_testers.csv"),
        )

        self._add_templates()
        self._add_rendering_channel(foundation)
        self._add_campaigns(foundation)
        self._add_journey(foundation)

    def _add_engagement_foundation(self, foundation: MessagingFoundationStack) -> None:
        """What the engagement features need of the project: its settings (limits, quiet
        time, CloudWatch metrics), the email and SMS channels, the event stream with its
        opt-out processor, the archive and dashboard of Pinpoint's events, and a webhook
        custom channel."""
        app = foundation.pinpoint_app
        self.settings = ApplicationSettings(
            self,
            "Settings",
            app=app,
            limits=Limits(
                daily=10,
                total=50,
                messages_per_second=50,
                maximum_duration=Duration.hours(1),
            ),
            quiet_time=QuietTime(start="22:00", end="07:00"),
            # The project's metrics in CloudWatch, for dashboards and alarms on sends.
            cloudwatch_metrics_enabled=True,
        )
        self.email_channel = EmailChannel(
            self,
            "EmailChannel",
            app=app,
            from_address=foundation.from_address,
            identity=foundation.email_identity,
        )
        self.sms_channel = SmsChannel(
            self, "SmsChannel", app=app, sender_id=context(self, "smsSenderId")
        )
        self.event_stream = EventStream(
            self,
            "EventStream",
            app=app,
            destination=EventStreamDestination.new_kinesis_stream(retention=Duration.days(3)),
        )
        assert self.event_stream.stream is not None
        self.opt_out_processor = EngagementEventProcessor(
            self, "OptOutProcessor", app=app, stream=self.event_stream.stream
        )
        self.event_archive = EventArchive(
            self, "EventArchive", app=app, stream=self.event_stream.stream
        )
        self.engagement_dashboard = EngagementDashboard(
            self, "EngagementDashboard", app=app, stream=self.event_stream.stream
        )
        self.webhook_channel = CustomChannel.webhook(
            self, "WebhookChannel", app=app, url=context(self, "webhookUrl")
        )

    def _add_templates(self) -> None:
        """One template of each kind; the welcome email shows Pinpoint's helpers. The voice
        template is a custom resource (CloudFormation has none), created through the stack's
        message-template provider."""
        self.welcome_email = EmailTemplate(
            self,
            "WelcomeEmail",
            template_name="welcome",
            subject="Welcome, {{User.UserAttributes.FirstName}}",
            html_file=TEMPLATES_DIR / "welcome.html",
            text="Hi {{User.UserAttributes.FirstName}}, welcome aboard.",
            default_substitutions={
                "User.UserAttributes.FirstName": "there",
                "User.UserAttributes.Age": "0",
                "Location.Country": "",
                "Attributes.Interests": "our products",
            },
        )
        self.reminder_email = EmailTemplate(
            self,
            "ReminderEmail",
            template_name="welcome-reminder",
            subject="Still there, {{User.UserAttributes.FirstName}}?",
            html='<p>We saved your place: <a href="https://example.com/start">continue</a>.</p>',
            default_substitutions={"User.UserAttributes.FirstName": "friend"},
            disable_link_tracking=True,
        )
        self.offer_sms = SmsTemplate(
            self,
            "OfferSms",
            template_name="offer-sms",
            body="{{User.UserAttributes.FirstName}}, 20% off this week. Reply STOP to opt out.",
            default_substitutions={"User.UserAttributes.FirstName": "Hi"},
        )
        self.offer_push = PushTemplate(
            self,
            "OfferPush",
            template_name="offer-push",
            default=PushMessage(
                title="Hi {{User.UserAttributes.FirstName}}",
                body="20% off this week",
                action=PushAction.URL,
                url="https://example.com/offer",
            ),
            default_substitutions={"User.UserAttributes.FirstName": "there"},
        )
        self.offer_in_app = InAppTemplate(
            self,
            "OfferInApp",
            template_name="offer-in-app",
            layout=InAppLayout.MIDDLE_BANNER,
            messages=[InAppMessage(header="Spring sale", body="20% off this week")],
        )
        self.offer_call = VoiceTemplate(
            self,
            "OfferCall",
            template_name="offer-call",
            body="Hello {{User.UserAttributes.FirstName}}, this week everything is 20% off.",
            voice_id="Joanna",
            language_code="en-US",
            default_substitutions={"User.UserAttributes.FirstName": "there"},
        )

    def _add_rendering_channel(self, foundation: MessagingFoundationStack) -> None:
        """A custom channel that renders the welcome and reminder emails and the offer SMS
        itself at send time (the templates stay managed in Pinpoint) and sends them: email
        through SES, with a one-click unsubscribe link per endpoint; SMS through AWS End User
        Messaging, from the foundation's simulator number and configuration set (a simulator
        number reaches only the simulator's destination numbers, so the demo texts nobody)."""
        messaging = foundation.end_user_messaging
        self.rendering_channel = TemplateRenderingChannel(
            self,
            "RenderingChannel",
            app=foundation.pinpoint_app,
            templates=[self.welcome_email, self.reminder_email, self.offer_sms],
            email_identity=foundation.email_identity,
            from_address=self.email_channel.from_address,
            list_unsubscribe_url="https://example.com/unsubscribe?user={{User.UserId}}",
            sms_origination_identity=messaging.phone_number,
            sms_configuration_set=messaging.configuration_set,
            sms_message_type=SmsMessageType.PROMOTIONAL,
        )

    def _add_campaigns(self, foundation: MessagingFoundationStack) -> None:
        """A daily email with a holdout, an A/B test, an event-triggered SMS, a campaign
        delivered through the webhook custom channel and two through the rendering channel
        (an email and an SMS)."""
        app = foundation.pinpoint_app
        self.daily_digest = Campaign(
            self,
            "DailyDigest",
            app=app,
            campaign_name="daily-digest",
            segment=self.berlin_email_segment,
            message=CampaignMessage.email(template=self.welcome_email),
            schedule=Schedule.daily(
                PROGRAM_START, quiet_time=QuietTime(start="21:00", end="08:00")
            ),
            holdout_percent=10,
        )
        self.subject_test = Campaign(
            self,
            "SubjectLineTest",
            app=app,
            campaign_name="subject-line-test",
            segment=self.berlin_email_segment,
            message=CampaignMessage.email(template=self.welcome_email),
            schedule=Schedule.once(PROGRAM_START),
            treatment_name="welcome",
            treatments=[
                Treatment(
                    size_percent=50,
                    name="reminder",
                    message=CampaignMessage.email(template=self.reminder_email),
                )
            ],
        )
        self.cart_reminder = Campaign(
            self,
            "CartReminderSms",
            app=app,
            campaign_name="cart-reminder-sms",
            segment=self.berlin_email_segment,
            message=CampaignMessage.sms(
                template=self.offer_sms, message_type=SmsMessageType.PROMOTIONAL
            ),
            schedule=Schedule.on_event("cart.abandoned", start=PROGRAM_START),
        )
        self.webhook_campaign = Campaign(
            self,
            "PartnerWebhook",
            app=app,
            campaign_name="partner-webhook",
            segment=self.beta_testers,
            message=CampaignMessage.custom(
                channel=self.webhook_channel, data={"kind": "beta-announcement"}
            ),
            schedule=Schedule.once(PROGRAM_START),
        )
        # The welcome email rendered by the library's template renderer instead of Pinpoint.
        self.rendered_welcome = Campaign(
            self,
            "RenderedWelcome",
            app=app,
            campaign_name="rendered-welcome",
            segment=self.berlin_email_segment,
            message=CampaignMessage.custom(
                channel=self.rendering_channel,
                data=self.rendering_channel.data(self.welcome_email),
                endpoint_types=[ChannelType.EMAIL],
            ),
            schedule=Schedule.once(PROGRAM_START),
        )
        # The offer SMS to the beta testers' phones, rendered the same way and sent through
        # AWS End User Messaging (the path that outlives Pinpoint's engagement features).
        self.rendered_offer_sms = Campaign(
            self,
            "RenderedOfferSms",
            app=app,
            campaign_name="rendered-offer-sms",
            segment=self.beta_testers,
            message=CampaignMessage.custom(
                channel=self.rendering_channel,
                data=self.rendering_channel.data(self.offer_sms),
                endpoint_types=[ChannelType.SMS],
            ),
            schedule=Schedule.once(PROGRAM_START),
        )

    def _add_journey(self, foundation: MessagingFoundationStack) -> None:
        """Welcome email, wait, then an SMS to those who opened it (and a note to the partner
        webhook) or a reminder email to those who didn't."""
        welcome = SendEmail("Welcome", template=self.welcome_email)
        self.onboarding = Journey(
            self,
            "Onboarding",
            app=foundation.pinpoint_app,
            journey_name="onboarding",
            start=JourneyStart.segment(self.berlin_email_segment),
            definition=welcome.next(Wait("WaitTwoDays", duration=Duration.days(2))).next(
                ConditionalSplit("OpenedWelcome", condition=Condition.message_opened(welcome))
                .when_true(
                    SendSms("OfferSms", template=self.offer_sms).next(
                        SendCustom(
                            "NotifyPartner",
                            channel=self.webhook_channel,
                            data={"kind": "onboarded"},
                        )
                    )
                )
                .when_false(SendEmail("Reminder", template=self.reminder_email))
            ),
            limits=JourneyLimits(daily_cap=2, endpoint_reentry_cap=1),
            quiet_time=QuietTime(start="21:00", end="08:00"),
        )
