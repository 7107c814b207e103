"""The messaging foundation: what sends today, after Pinpoint's engagement features ended on
2026-10-30. The AWS End User Messaging Push application with its push channels (the Pinpoint
project and channels, which continue), Amazon SES (the sending identity and a configuration
set), AWS End User Messaging SMS and voice, and alarms on the SES account's reputation. The
customer-engagement stack and, with ``-c legacyPinpoint=true``, the Pinpoint engagement stack
build on what this stack exposes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from aws_cdk import SecretValue, Stack
from aws_cdk import aws_ses as ses
from constructs import Construct

from pinpoint_constructs import (
    ApnsCredentials,
    ContactList,
    DeliverabilityAlarms,
    EngagementDashboard,
    EventArchive,
    FcmCredentials,
    PinpointApp,
    SesEmailTemplate,
    SmsVoiceEventType,
    SubscriptionStatus,
    Topic,
)
from pinpoint_constructs._validation import check_email_address
from pinpoint_constructs.pinpoint.channels import sender_identity

from ._common import acknowledge_push_application, context, context_flag
from .end_user_messaging import EndUserMessaging

#: The SES template files.
SES_TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"


class MessagingFoundationStack(Stack):
    """The push application and channels, SES, End User Messaging SMS/voice and the alarms."""

    def __init__(self, scope: Construct, id: str, **kwargs: Any) -> None:
        super().__init__(scope, id, **kwargs)
        # The push application and its channels are Pinpoint resources that continue as AWS
        # End User Messaging Push; aws-cdk-lib still flags every AWS::Pinpoint type (W3696).
        acknowledge_push_application(self)

        def setting(key: str) -> str:
            return context(self, key)

        # The End User Messaging Push application: a Pinpoint project without engagement
        # settings (limits, quiet time and the campaign hook ended with the engagement
        # features; see the README's service status).
        self.pinpoint_app = PinpointApp(
            self,
            "PinpointApp",
            app_name=setting("appName"),
            tags={"project": "pinpoint-constructs"},
        )
        if context_flag(self, "pushChannels"):
            # Credentials are Secrets Manager references, resolved by CloudFormation at deploy
            # time (create the two secrets first; see the README's deploy section).
            self.apns_channel = self.pinpoint_app.add_apns_channel(
                credentials=ApnsCredentials.token(
                    bundle_id=setting("apnsBundleId"),
                    team_id=setting("apnsTeamId"),
                    token_key_id=setting("apnsKeyId"),
                    token_key=SecretValue.secrets_manager(setting("apnsTokenKeySecret")),
                )
            )
            self.fcm_channel = self.pinpoint_app.add_fcm_channel(
                credentials=FcmCredentials.service_json(
                    SecretValue.secrets_manager(setting("fcmServiceJsonSecret"))
                )
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
        self.from_address = setting("fromAddress")
        """The sender of the program's email, an address of ``email_identity``."""
        # SES sends only from the identity's address or domain: refuse any other at synth.
        sender_identity(check_email_address("from_address", self.from_address), self.email_identity)
        self.email_configuration_set = ses.ConfigurationSet(
            self,
            "EmailConfigurationSet",
            reputation_metrics=True,
            suppression_reasons=ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
        )

        self.end_user_messaging = EndUserMessaging(
            self, "EndUserMessaging", sender_id=setting("smsSenderId")
        )

        alarm_email = setting("alarmEmail")
        self.alarms = DeliverabilityAlarms(
            self,
            "DeliverabilityAlarms",
            create_topic=True,
            alarm_emails=[alarm_email] if alarm_email else [],
        )

        self._add_ses_program()

    def _add_ses_program(self) -> None:
        """Email on Amazon SES, where Pinpoint's email moved: the account's contact list with
        its topics, an SES template, the event archive that receives the events of the SES
        and End User Messaging configuration sets, and a dashboard of them."""
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
        self.event_archive = EventArchive(self, "EventArchive")
        self.event_archive.add_ses_configuration_set(self.email_configuration_set)
        self.event_archive.add_sms_voice_configuration_set(
            self.end_user_messaging.configuration_set,
            event_types=[SmsVoiceEventType.TEXT_ALL, SmsVoiceEventType.VOICE_ALL],
        )
        # The account's Amazon Connect contact events (the customer-engagement stack's
        # outbound campaigns' contacts among them).
        self.event_archive.add_connect_contact_events()
        # The same events as CloudWatch metrics, with bounded dimensions (the configuration
        # set; the SMS/voice event type).
        self.engagement_dashboard = EngagementDashboard(self, "EngagementDashboard")
        self.engagement_dashboard.add_ses_configuration_set(self.email_configuration_set)
        self.engagement_dashboard.add_sms_voice_event_log(self.end_user_messaging.event_log)
