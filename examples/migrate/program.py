"""Pinpoint program migrated with ``python -m pinpoint_constructs.migrate``.

Generated from: apns-channel.json, app.json, application-settings.json,
berlin-segment.json, email-channel.json, sms-channel.json, welcome-campaign.json,
welcome-email-template.json.
"""

from __future__ import annotations

from datetime import UTC, datetime, time
from typing import Any

from aws_cdk import App, Duration, SecretValue, Stack
from aws_cdk import aws_ses as ses
from constructs import Construct
from pinpoint_constructs import (
    ApnsChannel,
    ApnsCredentials,
    AttributeDimension,
    CampaignChannel,
    CampaignSchedule,
    CampaignSource,
    CommunicationLimit,
    CommunicationLimits,
    CommunicationTime,
    ConfigurationSet,
    ConnectEmailAddress,
    ConnectInstance,
    ContactList,
    EmailMessageTemplate,
    EndpointChannel,
    MessageTemplateKnowledgeBase,
    OpenHours,
    OutboundCampaign,
    OutboundCampaignsOnboarding,
    PinpointApp,
    PinpointEndpointObjectType,
    ProfileAttributes,
    ProfilesDomain,
    SegmentDefinition,
    SegmentDefinitionGroup,
    SegmentDefinitionGroups,
    TimeWindow,
)


class MigratedProgramStack(Stack):
    """The Pinpoint program on the services that run today."""

    def __init__(self, scope: Construct, id: str, **kwargs: Any) -> None:
        super().__init__(scope, id, **kwargs)
        app = PinpointApp(self, "App", app_name="ExampleCorp", tags={"team": "growth"})
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
        # The SES identity Pinpoint's email channel sent from.
        ses.EmailIdentity.from_email_identity_name(self, "EmailIdentity", "example.com")
        ses.ConfigurationSet(
            self,
            "EmailConfigurationSet",
            suppression_reasons=ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
        )
        # The account's SES contact list (subscriptions and topics).
        ContactList(self, "ContactList")
        # AWS End User Messaging SMS and voice: where Pinpoint's SMS went.
        ConfigurationSet(self, "SmsVoiceConfigurationSet")
        # Customer Profiles: where Pinpoint's endpoints and segments live now.
        profiles = ProfilesDomain(
            self,
            "Profiles",
            default_expiration=Duration.days(366),
        )
        # Pinpoint's EMAIL endpoints (an endpoint export) become profiles; the
        # attributes the segments filter on are copied.
        PinpointEndpointObjectType(
            self,
            "EmailEndpoints",
            domain=profiles,
            channel=EndpointChannel.EMAIL,
            endpoint_attributes=["City"],
        )
        # Pinpoint's SMS endpoints (an endpoint export) become profiles; the attributes
        # the segments filter on are copied.
        PinpointEndpointObjectType(
            self,
            "SmsEndpoints",
            domain=profiles,
            channel=EndpointChannel.SMS,
            endpoint_attributes=["City"],
        )
        # Pinpoint segment 'Berlin email'.
        berlin_email = SegmentDefinition(
            self,
            "BerlinEmail",
            domain=profiles,
            display_name="Berlin email",
            groups=SegmentDefinitionGroups(
                groups=[
                    SegmentDefinitionGroup(
                        dimensions=[
                            ProfileAttributes(
                                attributes={
                                    "City": AttributeDimension.inclusive("Berlin"),
                                    "EmailEndpointStatus": AttributeDimension.inclusive(
                                        "ACTIVE",
                                    ),
                                },
                            ),
                        ],
                    ),
                ],
            ),
        )
        # The Amazon Connect instance that runs the outbound campaigns (or
        # ConnectInstance.from_instance_arn for an existing one).
        connect_instance = ConnectInstance(
            self,
            "ConnectInstance",
            profiles_domain=profiles,
        )
        # Amazon Q in Connect message templates: Pinpoint's templates.
        message_templates = MessageTemplateKnowledgeBase(
            self,
            "MessageTemplates",
            knowledge_base_name="message-templates",
            instance=connect_instance,
        )
        # Pinpoint email template 'welcome', references rewritten.
        welcome_email = EmailMessageTemplate.from_pinpoint(
            self,
            "Welcome",
            knowledge_base=message_templates,
            template={
                "TemplateName": "welcome",
                "TemplateType": "EMAIL",
                "Subject": "Welcome, {{User.UserAttributes.FirstName}}",
                "HtmlPart": (
                    "<html><body><p>Hi {{User.UserAttributes.FirstName}},</p>\n"
                    "<p>welcome to ExampleCorp.</p></body></html>"
                ),
                "TextPart": "Hi {{User.UserAttributes.FirstName}}, welcome to ExampleCorp.",
                "DefaultSubstitutions": '{"User.UserAttributes.FirstName": "there"}',
            },
            description="Sent to new customers",
        )
        # The address campaigns send email from; its domain must be verified in Amazon
        # Connect.
        connect_email_address = ConnectEmailAddress(
            self,
            "ConnectEmailAddress",
            instance=connect_instance,
            email_address="news@example.com",
            display_name="ExampleCorp News",
        )
        outbound_campaigns_onboarding = OutboundCampaignsOnboarding(
            self,
            "OutboundCampaignsOnboarding",
            instance=connect_instance,
            profiles_domain=profiles,
        )
        # Pinpoint campaign 'Berlin welcome'.
        OutboundCampaign(
            self,
            "BerlinWelcome",
            instance=connect_instance,
            onboarding=outbound_campaigns_onboarding,
            campaign_name="Berlin welcome",
            channels=[
                CampaignChannel.email(
                    template=welcome_email,
                    from_address=connect_email_address,
                ),
            ],
            source=CampaignSource.segment(berlin_email),
            schedule=CampaignSchedule(
                start=datetime(2026, 3, 2, 9, 0, tzinfo=UTC),
                end=datetime(2026, 12, 31, 0, 0, tzinfo=UTC),
                refresh_frequency=Duration.days(7),
            ),
            communication_time=CommunicationTime(
                default_time_zone="UTC",
                email=TimeWindow(open_hours=OpenHours.every_day(time(7), time(22))),
            ),
            communication_limits=CommunicationLimits.of(
                CommunicationLimit.per_days(1, 1),
            ),
        )


def main() -> None:
    app = App()
    MigratedProgramStack(app, "MigratedProgram")
    app.synth()


if __name__ == "__main__":
    main()
