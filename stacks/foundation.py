"""The messaging foundation: what sends today, after Pinpoint's engagement features ended on
2026-10-30. The AWS End User Messaging Push application with its push channels (the Pinpoint
project and channels, which continue), Amazon SES (the sending identity and a configuration
set), AWS End User Messaging SMS and voice, and alarms on the SES account's reputation. The
customer-engagement stack and, with ``-c legacyPinpoint=true``, the Pinpoint engagement stack
build on what this stack exposes."""

from __future__ import annotations

from typing import Any

from aws_cdk import SecretValue, Stack
from aws_cdk import aws_ses as ses
from constructs import Construct

from pinpoint_constructs import (
    ApnsCredentials,
    DeliverabilityAlarms,
    FcmCredentials,
    PinpointApp,
)

from ._common import acknowledge_push_application, context, context_flag
from .end_user_messaging import EndUserMessaging


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
