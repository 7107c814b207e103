"""What every default stack shares."""

from __future__ import annotations

from aws_cdk import Acknowledgment, Stack, Validations

END_OF_SUPPORT_RULE = "CloudFormation-Validate::W3696"
END_OF_SUPPORT_REASON = (
    "AWS ended support for Amazon Pinpoint's engagement features (endpoints, segments, "
    "campaigns, journeys, analytics) on 2026-10-30. This stack is the pinpoint-constructs "
    "reference program, kept deployable for accounts that still have Pinpoint; the SMS, voice "
    "and push APIs continue as AWS End User Messaging. See the README's service status."
)


def acknowledge_end_of_support(stack: Stack) -> None:
    """Acknowledge the end-of-support warning once, at stack scope, with the reason."""
    Validations.of(stack).acknowledge(
        Acknowledgment(id=END_OF_SUPPORT_RULE, reason=END_OF_SUPPORT_REASON)
    )


def context(stack: Stack, key: str, default: str) -> str:
    """A string from CDK context (``cdk synth -c key=value``), or the documented default."""
    value = stack.node.try_get_context(key)
    return default if value is None else str(value)
