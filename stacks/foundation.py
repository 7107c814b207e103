"""The messaging foundation: the Pinpoint project and its settings."""

from __future__ import annotations

from aws_cdk import Duration, Stack
from constructs import Construct

from pinpoint_constructs import Limits, PinpointApp, QuietTime

from ._common import acknowledge_end_of_support, context

#: Context keys this stack reads, with their defaults (documented in the README).
CONTEXT_DEFAULTS = {
    "appName": "pinpoint-constructs-demo",
}


class MessagingFoundationStack(Stack):
    """The Pinpoint project with default sending limits and quiet time."""

    def __init__(self, scope: Construct, id: str, **kwargs: object) -> None:
        super().__init__(scope, id, **kwargs)  # type: ignore[arg-type]
        acknowledge_end_of_support(self)

        self.pinpoint_app = PinpointApp(
            self,
            "PinpointApp",
            app_name=context(self, "appName", CONTEXT_DEFAULTS["appName"]),
            limits=Limits(
                daily=10,
                total=50,
                messages_per_second=50,
                maximum_duration=Duration.hours(1),
            ),
            quiet_time=QuietTime(start="22:00", end="07:00"),
            tags={"project": "pinpoint-constructs"},
        )
