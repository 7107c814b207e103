"""The customer-engagement program on the services that run today: Amazon Connect Customer
Profiles (where Pinpoint's endpoints and segments live now), Amazon Q in Connect message
templates (Pinpoint's templates), Amazon Connect outbound campaigns and journeys (Pinpoint's
campaigns and journeys). It is the successor of the Pinpoint engagement stack
(``stacks/engagement.py``), built from the same program.

Each part is built by its own method, in the order the services depend on each other."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from aws_cdk import Stack
from constructs import Construct

from pinpoint_constructs.connect import (
    EmailMessageTemplate,
    MessageTemplateKnowledgeBase,
    SmsMessageTemplate,
)

from ._common import context


class CustomerEngagementStack(Stack):
    """Customer Profiles, Q in Connect templates, outbound campaigns and a journey."""

    def __init__(self, scope: Construct, id: str, **kwargs: Any) -> None:
        super().__init__(scope, id, **kwargs)
        self._build_profiles()
        self._build_templates()
        self._build_connect_instance()
        self._build_campaigns()
        self._build_journeys()

    def setting(self, key: str, default: str) -> str:
        """A context value (``cdk deploy -c key=value``) or its documented default."""
        return context(self, key, default)

    # ------------------------------------------------------------------------------------
    # Customer Profiles: domain, endpoint object type, segment definitions, event trigger
    # ------------------------------------------------------------------------------------

    def _build_profiles(self) -> None:
        """Filled in by the Customer Profiles work (issue #23)."""

    # ------------------------------------------------------------------------------------
    # Amazon Q in Connect message templates, converted from the Pinpoint templates
    # ------------------------------------------------------------------------------------

    def _build_templates(self) -> None:
        """The knowledge base and the default program's welcome email, reminder email and offer
        SMS, converted from the Pinpoint templates as ``aws pinpoint get-*-template`` exports
        them (the same content as ``stacks/engagement.py``): each reference is rewritten to
        its Connect successor, each Pinpoint default becomes a default attribute, and each
        template publishes the version that campaigns send (``version_arn``). The welcome
        email's ``{{#each Attributes.Interests}}`` reads a list, which a Connect custom
        attribute is not: the conversion warns about it at synth."""
        # The default program's message content, shared with stacks/engagement.py.
        templates_dir = Path(__file__).resolve().parent / "templates"
        self.knowledge_base = MessageTemplateKnowledgeBase(
            self, "MessageTemplates", knowledge_base_name="engagement-templates"
        )
        welcome = {
            "TemplateName": "welcome",
            "TemplateType": "EMAIL",
            "Subject": "Welcome, {{User.UserAttributes.FirstName}}",
            "HtmlPart": (templates_dir / "welcome.html").read_text(encoding="utf-8"),
            "TextPart": "Hi {{User.UserAttributes.FirstName}}, welcome aboard.",
            "DefaultSubstitutions": json.dumps(
                {
                    "User.UserAttributes.FirstName": "there",
                    "User.UserAttributes.Age": "0",
                    "Location.Country": "",
                    "Attributes.Interests": "our products",
                }
            ),
        }
        self.welcome_email = EmailMessageTemplate.from_pinpoint(
            self, "WelcomeEmail", knowledge_base=self.knowledge_base, template=welcome
        )
        reminder = {
            "TemplateName": "welcome-reminder",
            "TemplateType": "EMAIL",
            "Subject": "Still there, {{User.UserAttributes.FirstName}}?",
            "HtmlPart": (
                '<p>We saved your place: <a href="https://example.com/start">continue</a>.</p>'
            ),
            "DefaultSubstitutions": json.dumps({"User.UserAttributes.FirstName": "friend"}),
        }
        self.reminder_email = EmailMessageTemplate.from_pinpoint(
            self, "ReminderEmail", knowledge_base=self.knowledge_base, template=reminder
        )
        offer = {
            "TemplateName": "offer-sms",
            "TemplateType": "SMS",
            "Body": "{{User.UserAttributes.FirstName}}, 20% off this week. Reply STOP to opt out.",
            "DefaultSubstitutions": json.dumps({"User.UserAttributes.FirstName": "Hi"}),
        }
        self.offer_sms = SmsMessageTemplate.from_pinpoint(
            self, "OfferSms", knowledge_base=self.knowledge_base, template=offer
        )

    # ------------------------------------------------------------------------------------
    # Amazon Connect instance pieces: instance, onboarding, phone number, email address
    # ------------------------------------------------------------------------------------

    def _build_connect_instance(self) -> None:
        """Filled in by the outbound campaigns work (issue #25)."""

    # ------------------------------------------------------------------------------------
    # Outbound campaigns: a segment email campaign and an event-triggered SMS campaign
    # ------------------------------------------------------------------------------------

    def _build_campaigns(self) -> None:
        """Filled in by the outbound campaigns work (issue #25)."""

    # ------------------------------------------------------------------------------------
    # Journeys on Amazon Connect: the onboarding journey
    # ------------------------------------------------------------------------------------

    def _build_journeys(self) -> None:
        """Filled in by the Connect journeys work (issue #26)."""
