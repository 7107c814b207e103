"""What an activity needs of the journey it joins: the ``Journey`` construct implements it.

Activities hold the journeys that adopted them and call back into them when they bind (to
check channels, order the journey after templates, grant invoke permissions). Naming that
surface as a protocol here keeps ``activities`` independent of ``journey``, which builds on
``activities``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from aws_cdk import aws_lambda as lambda_
    from constructs import Node

    from ..core import ChannelType, IPinpointApp
    from ..templates.base import ITemplate


class JourneyBinding(Protocol):
    """The journey an activity is bound to."""

    @property
    def node(self) -> Node:
        """The journey's construct node."""
        ...

    @property
    def app(self) -> IPinpointApp:
        """The project the journey belongs to."""
        ...

    def _adopt(self, start: Any) -> None:
        """Claim ``start`` (an activity) and everything after it."""
        ...

    def _require_channel(self, channel_type: ChannelType) -> None:
        """Warn at synth if the journey's app has no channel of ``channel_type``."""
        ...

    def _depend_on_template(self, template: ITemplate) -> None:
        """Create the journey after ``template``."""
        ...

    def _allow_invoke(self, function: lambda_.IFunction) -> None:
        """Let Pinpoint invoke ``function`` for this journey."""
        ...

    def _depend_on_invoke_permissions(self, function: lambda_.IFunction) -> None:
        """Create the journey after ``function``'s invoke permissions."""
        ...
