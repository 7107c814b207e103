"""L2-style AWS CDK constructs for Amazon Pinpoint (AWS End User Messaging).

Only the public API is re-exported here.
"""

from .app import (
    APP_NAME_MAX_LENGTH,
    CampaignHook,
    CampaignHookMode,
    IPinpointApp,
    Limits,
    PinpointApp,
    PinpointAppBase,
    QuietTime,
)

__all__ = [
    "APP_NAME_MAX_LENGTH",
    "CampaignHook",
    "CampaignHookMode",
    "IPinpointApp",
    "Limits",
    "PinpointApp",
    "PinpointAppBase",
    "QuietTime",
]
