"""Pinpoint resources imported with ``python -m pinpoint_constructs.codegen``.

Generated from: apns-channel.json, app.json, application-settings.json,
berlin-segment.json, email-channel.json, sms-channel.json, welcome-campaign.json,
welcome-email-template.json.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from aws_cdk import App, Duration, SecretValue, Stack
from constructs import Construct
from pinpoint_constructs import (
    ApnsChannel,
    ApnsCredentials,
    AttributeFilter,
    Campaign,
    CampaignLimits,
    CampaignMessage,
    Demographic,
    EmailChannel,
    EmailTemplate,
    Limits,
    PinpointApp,
    QuietTime,
    Schedule,
    Segment,
    SegmentDimensions,
    SetFilter,
    SmsChannel,
)


class ImportedPinpointStack(Stack):
    """The imported project and its resources, as constructs."""

    def __init__(self, scope: Construct, id: str, **kwargs: Any) -> None:
        super().__init__(scope, id, **kwargs)
        app = PinpointApp(
            self,
            "App",
            app_name="ExampleCorp",
            limits=Limits(
                daily=5,
                total=20,
                messages_per_second=100,
                maximum_duration=Duration.hours(1),
            ),
            quiet_time=QuietTime(start="22:00", end="07:00"),
            tags={"team": "growth"},
        )
        # Placeholder: the API never returns channel credentials. Store them in Secrets
        # Manager under this name (or point to your own secret) before deploying.
        ApnsChannel(
            self,
            "ApnsChannel",
            app=app,
            credentials=ApnsCredentials.certificate(
                certificate=SecretValue.secrets_manager(
                    "pinpoint/ExampleCorp/apns",
                    json_field="certificate",
                ),
                private_key=SecretValue.secrets_manager(
                    "pinpoint/ExampleCorp/apns",
                    json_field="privateKey",
                ),
            ),
        )
        EmailChannel(
            self,
            "EmailChannel",
            app=app,
            from_address="ExampleCorp News <news@example.com>",
            identity="arn:aws:ses:us-east-1:123456789012:identity/example.com",
        )
        SmsChannel(self, "SmsChannel", app=app, sender_id="ExampleCo")
        welcome_template = EmailTemplate(
            self,
            "WelcomeTemplate",
            template_name="welcome",
            subject="Welcome, {{User.UserAttributes.FirstName}}",
            html=(
                "<html><body><p>Hi {{User.UserAttributes.FirstName}},</p>\n"
                "<p>welcome to ExampleCorp.</p></body></html>"
            ),
            text="Hi {{User.UserAttributes.FirstName}}, welcome to ExampleCorp.",
            description="Sent to new customers",
            default_substitutions={"User.UserAttributes.FirstName": "there"},
        )
        berlin_email_segment = Segment(
            self,
            "BerlinEmailSegment",
            app=app,
            segment_name="Berlin email",
            dimensions=SegmentDimensions(
                demographic=Demographic(channel=SetFilter.include("EMAIL")),
                attributes={"City": AttributeFilter.inclusive("Berlin")},
            ),
        )
        Campaign(
            self,
            "BerlinWelcomeCampaign",
            app=app,
            campaign_name="Berlin welcome",
            segment=berlin_email_segment,
            message=CampaignMessage.email(template=welcome_template),
            schedule=Schedule.weekly(
                datetime(2026, 3, 2, 9, tzinfo=UTC),
                datetime(2026, 12, 31, tzinfo=UTC),
                timezone="UTC",
            ),
            segment_version=1,
            holdout_percent=10,
            limits=CampaignLimits(daily=1, messages_per_second=50),
        )


def main() -> None:
    app = App()
    ImportedPinpointStack(app, "ImportedPinpoint")
    app.synth()


if __name__ == "__main__":
    main()
