"""The default stacks of pinpoint-constructs, wired into one CDK app."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from aws_cdk import App, Stack, Validations
from cdk_nag import AwsSolutionsChecks

from .engagement import EngagementStack
from .foundation import MessagingFoundationStack

__all__ = ["EngagementStack", "MessagingFoundationStack", "add_default_stacks", "cdk_json_context"]

CDK_JSON = Path(__file__).resolve().parents[1] / "cdk.json"


def cdk_json_context() -> dict[str, Any]:
    """The context in cdk.json (the feature flags), as the CDK CLI passes it to the app."""
    context: dict[str, Any] = json.loads(CDK_JSON.read_text())["context"]
    return context


def add_default_stacks(app: App, *, nag: bool = True) -> list[Stack]:
    """Add every default stack to ``app`` and attach cdk-nag's AwsSolutions checks, so a
    finding nobody acknowledged fails ``app.synth()``. ``nag=False`` leaves cdk-nag out
    (``benchmarks/synth.py`` uses it to measure what cdk-nag costs)."""
    if nag:
        Validations.of(app).add_plugins(AwsSolutionsChecks(app))
    foundation = MessagingFoundationStack(
        app,
        "PinpointMessagingFoundation",
        description="pinpoint-constructs: Pinpoint project, settings and channels",
    )
    engagement = EngagementStack(
        app,
        "PinpointEngagement",
        foundation=foundation,
        description="pinpoint-constructs: segments, templates, campaigns and the journey",
    )
    return [foundation, engagement]
