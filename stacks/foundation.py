"""The messaging foundation: the Pinpoint project and its settings, the email and SMS
channels, event streaming with automatic opt-outs, deliverability alarms, the event archive
(S3, Glue, Athena) and the engagement dashboard, a webhook custom channel, and the AWS End User
Messaging SMS and voice resources that outlive Pinpoint. The engagement stack builds on what
this stack exposes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from aws_cdk import Duration, Stack
from aws_cdk import aws_ses as ses
from constructs import Construct

from pinpoint_constructs import (
    ContactList,
    CustomChannel,
    DeliverabilityAlarms,
    EngagementDashboard,
    EngagementEventProcessor,
    EventArchive,
    EventStream,
    EventStreamDestination,
    Limits,
    PinpointApp,
    QuietTime,
    SesEmailTemplate,
    SmsVoiceEventType,
    SubscriptionStatus,
    Topic,
)

from ._common import acknowledge_end_of_support, context
from .end_user_messaging import EndUserMessaging

#: The SES template files.
SES_TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"

#: Context keys this stack reads (``cdk deploy -c key=value``), with their defaults.
CONTEXT_DEFAULTS = {
    "appName": "pinpoint-constructs-demo",
    "emailIdentity": "example.com",
    "fromAddress": "Pinpoint Constructs Demo <news@example.com>",
    "smsSenderId": "PPDemo",
    "webhookUrl": "https://hooks.example.com/pinpoint",
    "alarmEmail": "",
}


class MessagingFoundationStack(Stack):
    """The Pinpoint project, its channels, its event stream and what watches it."""

    def __init__(self, scope: Construct, id: str, **kwargs: Any) -> None:
        super().__init__(scope, id, **kwargs)
        acknowledge_end_of_support(self)

        def setting(key: str) -> str:
            return context(self, key, CONTEXT_DEFAULTS[key])

        self.pinpoint_app = PinpointApp(
            self,
            "PinpointApp",
            app_name=setting("appName"),
            limits=Limits(
                daily=10,
                total=50,
                messages_per_second=50,
                maximum_duration=Duration.hours(1),
            ),
            quiet_time=QuietTime(start="22:00", end="07:00"),
            # The project's metrics in CloudWatch, for dashboards and alarms on sends.
            cloudwatch_metrics_enabled=True,
            tags={"project": "pinpoint-constructs"},
        )

        identity_name = setting("emailIdentity")
        self.email_identity = ses.EmailIdentity(
            self,
            "EmailIdentity",
            identity=(
                ses.Identity.email(identity_name)
                if "@" in identity_name
                else ses.Identity.domain(identity_name)
            ),
        )
        self.email_channel = self.pinpoint_app.add_email_channel(
            from_address=setting("fromAddress"), identity=self.email_identity
        )
        self.sms_channel = self.pinpoint_app.add_sms_channel(sender_id=setting("smsSenderId"))

        self.event_stream = EventStream(
            self,
            "EventStream",
            app=self.pinpoint_app,
            destination=EventStreamDestination.new_kinesis_stream(retention=Duration.days(3)),
        )
        assert self.event_stream.stream is not None
        self.opt_out_processor = EngagementEventProcessor(
            self, "OptOutProcessor", app=self.pinpoint_app, stream=self.event_stream.stream
        )
        alarm_email = setting("alarmEmail")
        self.alarms = DeliverabilityAlarms(
            self,
            "DeliverabilityAlarms",
            processor=self.opt_out_processor,
            create_topic=True,
            alarm_emails=[alarm_email] if alarm_email else [],
        )

        self.event_archive = EventArchive(
            self, "EventArchive", app=self.pinpoint_app, stream=self.event_stream.stream
        )
        self.engagement_dashboard = EngagementDashboard(
            self, "EngagementDashboard", app=self.pinpoint_app, stream=self.event_stream.stream
        )

        self.webhook_channel = CustomChannel.webhook(
            self, "WebhookChannel", app=self.pinpoint_app, url=setting("webhookUrl")
        )

        self.end_user_messaging = EndUserMessaging(
            self, "EndUserMessaging", sender_id=setting("smsSenderId")
        )

        self._add_ses()

    def _add_ses(self) -> None:
        """Email on Amazon SES, where Pinpoint's email moved: the account's contact list with
        its topics, an SES template, and a configuration set whose events (like the End User
        Messaging configuration set's) land in the event archive."""
        self.contact_list = ContactList(
            self,
            "ContactList",
            description="Everyone who gets pinpoint-constructs demo email",
            topics=[
                Topic(
                    topic_name="news",
                    display_name="News and product updates",
                    default_subscription_status=SubscriptionStatus.OPT_IN,
                ),
                Topic(
                    topic_name="offers",
                    display_name="Offers and promotions",
                    description="Discounts and rewards, at most weekly",
                    default_subscription_status=SubscriptionStatus.OPT_OUT,
                ),
            ],
        )
        self.ses_welcome_template = SesEmailTemplate(
            self,
            "SesWelcomeTemplate",
            subject="Welcome{{#if contact.firstName}}, {{contact.firstName}}{{/if}}!",
            html_file=SES_TEMPLATES_DIR / "ses_welcome.html",
            text="Welcome aboard. Unsubscribe: {{amazonSESUnsubscribeUrl}}",
        )
        self.ses_configuration_set = ses.ConfigurationSet(self, "SesConfigurationSet")
        self.event_archive.add_ses_configuration_set(self.ses_configuration_set)
        self.event_archive.add_sms_voice_configuration_set(
            self.end_user_messaging.configuration_set,
            event_types=[SmsVoiceEventType.TEXT_ALL, SmsVoiceEventType.VOICE_ALL],
        )
