"""Journeys on Amazon Connect: the chainable steps of a campaign flow and the ``JOURNEY``
campaign that runs it."""

from .journey import (
    ConnectJourney,
)
from .steps import (
    AttributeCondition,
    CheckAttributeStep,
    CheckCommunicationStatusStep,
    CommunicationStatus,
    CustomActionStep,
    EndFlowStep,
    IChainableStep,
    LambdaInvocationType,
    LambdaResponseType,
    PercentageSplitStep,
    SendEmailStep,
    SendSmsStep,
    StepChain,
    WaitStep,
)

__all__ = [
    "AttributeCondition",
    "CheckAttributeStep",
    "CheckCommunicationStatusStep",
    "CommunicationStatus",
    "ConnectJourney",
    "CustomActionStep",
    "EndFlowStep",
    "IChainableStep",
    "LambdaInvocationType",
    "LambdaResponseType",
    "PercentageSplitStep",
    "SendEmailStep",
    "SendSmsStep",
    "StepChain",
    "WaitStep",
]
