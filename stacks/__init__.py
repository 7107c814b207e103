"""The default stacks of pinpoint-constructs, wired into one CDK app.

By default the app synthesizes what deploys today: the messaging foundation (End User
Messaging Push, SES, End User Messaging SMS and voice, alarms) and the customer-engagement
program on the successor services. ``-c legacyPinpoint=true`` adds the Pinpoint engagement
reference program, whose features AWS ended on 2026-10-30."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from aws_cdk import App, Stack, Validations
from cdk_nag import AwsSolutionsChecks

from ._common import CONTEXT_KEYS, ContextError, check_context_keys, context_flag
from .customer_engagement import CustomerEngagementStack
from .engagement import EngagementStack
from .foundation import MessagingFoundationStack

__all__ = [
    "CONTEXT_KEYS",
    "ContextError",
    "CustomerEngagementStack",
    "EngagementStack",
    "MessagingFoundationStack",
    "add_default_stacks",
    "cdk_json_context",
]

CDK_JSON = Path(__file__).resolve().parents[1] / "cdk.json"


def cdk_json_context() -> dict[str, Any]:
    """The context in cdk.json (the feature flags), as the CDK CLI passes it to the app."""
    context: dict[str, Any] = json.loads(CDK_JSON.read_text())["context"]
    return context


def add_default_stacks(app: App, *, nag: bool = True) -> list[Stack]:
    """Add every default stack to ``app`` and attach cdk-nag's AwsSolutions checks, so a
    finding nobody acknowledged fails ``app.synth()``. ``nag=False`` leaves cdk-nag out
    (``benchmarks/synth.py`` uses it to measure what cdk-nag costs).

    Raises :class:`ContextError` for a context key the app doesn't read or a context value
    it can't use."""
    check_context_keys(app.node.get_all_context())
    legacy = context_flag(app, "legacyPinpoint")
    if nag:
        Validations.of(app).add_plugins(AwsSolutionsChecks(app))
    foundation = MessagingFoundationStack(
        app,
        "MessagingFoundation",
        description="pinpoint-constructs: End User Messaging Push, SES, SMS and voice, alarms",
    )
    customer_engagement = CustomerEngagementStack(
        app,
        "CustomerEngagement",
        foundation=foundation,
        description="pinpoint-constructs: Customer Profiles, Q in Connect templates, "
        "outbound campaigns and journeys on Amazon Connect",
    )
    stacks: list[Stack] = [foundation, customer_engagement]
    if legacy:
        stacks.append(
            EngagementStack(
                app,
                "PinpointEngagement",
                foundation=foundation,
                description="pinpoint-constructs: the Pinpoint engagement reference program "
                "(end of support 2026-10-30)",
            )
        )
    return stacks
