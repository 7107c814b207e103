"""Journeys on Amazon Connect: the chainable steps of a campaign flow and the ``JOURNEY``
campaign that runs it."""

from .conversion import (
    ConvertedJourney,
    JourneyConversionNote,
    convert_journey,
)
from .journey import (
    JOURNEY_CONVERSION_WARNING,
    ConnectJourney,
)
from .push import (
    JourneyPushAction,
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
    "JOURNEY_CONVERSION_WARNING",
    "AttributeCondition",
    "CheckAttributeStep",
    "CheckCommunicationStatusStep",
    "CommunicationStatus",
    "ConnectJourney",
    "ConvertedJourney",
    "CustomActionStep",
    "EndFlowStep",
    "IChainableStep",
    "JourneyConversionNote",
    "JourneyPushAction",
    "LambdaInvocationType",
    "LambdaResponseType",
    "PercentageSplitStep",
    "SendEmailStep",
    "SendSmsStep",
    "StepChain",
    "WaitStep",
    "convert_journey",
]
