"""Interfaces that more than one module of the package names: an integration takes an event
trigger, and an event trigger makes integrations, so the trigger's interface lives here."""

from __future__ import annotations

from typing import Protocol

from aws_cdk import IResource

from .domain import IProfilesDomain


class IEventTrigger(IResource, Protocol):
    """An event trigger of a domain."""

    @property
    def event_trigger_name(self) -> str:
        """The trigger's name (what an integration and a campaign name)."""
        ...

    @property
    def domain(self) -> IProfilesDomain:
        """The domain."""
        ...
