"""The customer-engagement program on the services that run today: Amazon Connect Customer
Profiles (where Pinpoint's endpoints and segments live now), Amazon Q in Connect message
templates (Pinpoint's templates), Amazon Connect outbound campaigns and journeys (Pinpoint's
campaigns and journeys). It is the successor of the Pinpoint engagement stack
(``stacks/engagement.py``), built from the same program.

Each part is built by its own method, in the order the services depend on each other."""

from __future__ import annotations

from typing import Any

from aws_cdk import Stack
from constructs import Construct

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
        """Filled in by the Q in Connect templates work (issue #24)."""

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
