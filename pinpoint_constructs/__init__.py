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
from .channels import (
    CHANNEL_MISSING_WARNING,
    FCM_LEGACY_API_KEY_WARNING,
    AdmChannel,
    ApnsChannel,
    ApnsCredentials,
    ApnsEnvironment,
    BaiduChannel,
    ChannelType,
    EmailChannel,
    FcmChannel,
    FcmCredentials,
    SmsChannel,
    VoiceChannel,
    warn_if_channel_missing,
)
from .custom_channel import ALL_CUSTOM_CHANNEL_ENDPOINT_TYPES, CustomChannel
from .event_stream import (
    BOUNCE_RATE_RECOMMENDED_MAXIMUM,
    BOUNCE_RATE_REVIEW_THRESHOLD,
    COMPLAINT_RATE_REVIEW_THRESHOLD,
    DEFAULT_OPT_OUT_EVENT_TYPES,
    DeliverabilityAlarms,
    EngagementEventProcessor,
    EventStream,
    EventStreamDestination,
)

__all__ = [
    "ALL_CUSTOM_CHANNEL_ENDPOINT_TYPES",
    "APP_NAME_MAX_LENGTH",
    "BOUNCE_RATE_RECOMMENDED_MAXIMUM",
    "BOUNCE_RATE_REVIEW_THRESHOLD",
    "CHANNEL_MISSING_WARNING",
    "COMPLAINT_RATE_REVIEW_THRESHOLD",
    "DEFAULT_OPT_OUT_EVENT_TYPES",
    "FCM_LEGACY_API_KEY_WARNING",
    "AdmChannel",
    "ApnsChannel",
    "ApnsCredentials",
    "ApnsEnvironment",
    "BaiduChannel",
    "CampaignHook",
    "CampaignHookMode",
    "ChannelType",
    "CustomChannel",
    "DeliverabilityAlarms",
    "EmailChannel",
    "EngagementEventProcessor",
    "EventStream",
    "EventStreamDestination",
    "FcmChannel",
    "FcmCredentials",
    "IPinpointApp",
    "Limits",
    "PinpointApp",
    "PinpointAppBase",
    "QuietTime",
    "SmsChannel",
    "VoiceChannel",
    "warn_if_channel_missing",
]
