"""Minimal stand-ins for the Customer Profiles and Q in Connect constructs the campaign side
consumes by their CONTRACT.md names (IProfilesDomain, ISegmentDefinition, IEventTrigger,
IMessageTemplate), until those packages land in this branch."""

from __future__ import annotations

import enum
from typing import Any

from aws_cdk import aws_customerprofiles as customerprofiles
from constructs import Construct


class MessageTemplateChannel(enum.Enum):
    EMAIL = "EMAIL"
    SMS = "SMS"
    PUSH = "PUSH"
    WHATSAPP = "WHATSAPP"


class StandInDomain(Construct):
    def __init__(self, scope: Construct, id: str, domain_name: str = "amazon-connect-test") -> None:
        super().__init__(scope, id)
        self.domain_name = domain_name
        self.domain_arn = f"arn:aws:profile:us-east-1:123456789012:domains/{domain_name}"
        self.encryption_key = None


class StandInSegment:
    def __init__(self, domain: StandInDomain, name: str = "berlin") -> None:
        self.domain = domain
        self.segment_definition_name = name
        self.segment_definition_arn = f"{domain.domain_arn}/segment-definitions/{name}"


class StandInTrigger(Construct):
    """An event trigger whose add_campaign_target makes the Integration as CONTRACT.md says."""

    def __init__(self, scope: Construct, id: str, domain: StandInDomain) -> None:
        super().__init__(scope, id)
        self.domain = domain
        self.event_trigger_name = "purchase"
        self.targets: list[str] = []

    def add_campaign_target(self, campaign_arn: str) -> Any:
        self.targets.append(campaign_arn)
        return customerprofiles.CfnIntegration(
            self,
            f"Target{len(self.targets)}",
            domain_name=self.domain.domain_name,
            uri=campaign_arn,
            event_trigger_names=[self.event_trigger_name],
        )


class StandInTemplate:
    def __init__(self, channel: MessageTemplateChannel, name: str = "welcome") -> None:
        self.channel_subtype = channel
        self.knowledge_base: Any = None
        self.message_template_id = name
        self.message_template_arn = (
            f"arn:aws:wisdom:us-east-1:123456789012:message-template/kb-id/{name}"
        )
        self.version_arn = f"{self.message_template_arn}:1"
