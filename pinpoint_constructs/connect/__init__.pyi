"""Amazon Connect constructs: instance pieces, Q in Connect message templates, outbound
campaigns and journeys."""

from ._campaign_common import (
    MAX_COMMUNICATION_LIMITS,
    CampaignSchedule,
    CampaignSource,
    CommunicationLimit,
    CommunicationLimits,
    CommunicationTime,
    DayOfWeek,
    EntryLimits,
    InstanceLimitsHandling,
    LocalTimeZoneDetection,
    LocalTimeZoneDetectionScope,
    OpenHours,
    RestrictedPeriod,
    TimeRange,
    TimeWindow,
)
from .campaign import (
    CAMPAIGN_TRIGGER_NOT_WIRED_WARNING,
    CAMPAIGN_WITHOUT_SOURCE_WARNING,
    CampaignChannel,
    ChannelSubtype,
    IOutboundCampaign,
    OutboundCampaign,
    OutboundCampaignBase,
)
from .email_address import (
    ConnectEmailAddress,
    IConnectEmailAddress,
)
from .instance import (
    ConnectInstance,
    IConnectInstance,
    IdentityManagementType,
)
from .message_templates import (
    MESSAGE_TEMPLATE_CONVERSION_WARNING,
    EmailMessageTemplate,
    IMessageTemplate,
    IMessageTemplateKnowledgeBase,
    MessageTemplateChannel,
    MessageTemplateKnowledgeBase,
    SmsMessageTemplate,
)
from .onboarding import (
    DEFAULT_OBJECT_TYPE_NAMES,
    OutboundCampaignsOnboarding,
)
from .phone_number import (
    ConnectPhoneNumber,
    ConnectPhoneNumberType,
    IConnectPhoneNumber,
)

__all__ = [
    "CAMPAIGN_TRIGGER_NOT_WIRED_WARNING",
    "CAMPAIGN_WITHOUT_SOURCE_WARNING",
    "DEFAULT_OBJECT_TYPE_NAMES",
    "MAX_COMMUNICATION_LIMITS",
    "MESSAGE_TEMPLATE_CONVERSION_WARNING",
    "CampaignChannel",
    "CampaignSchedule",
    "CampaignSource",
    "ChannelSubtype",
    "CommunicationLimit",
    "CommunicationLimits",
    "CommunicationTime",
    "ConnectEmailAddress",
    "ConnectInstance",
    "ConnectPhoneNumber",
    "ConnectPhoneNumberType",
    "DayOfWeek",
    "EmailMessageTemplate",
    "EntryLimits",
    "IConnectEmailAddress",
    "IConnectInstance",
    "IConnectPhoneNumber",
    "IMessageTemplate",
    "IMessageTemplateKnowledgeBase",
    "IOutboundCampaign",
    "IdentityManagementType",
    "InstanceLimitsHandling",
    "LocalTimeZoneDetection",
    "LocalTimeZoneDetectionScope",
    "MessageTemplateChannel",
    "MessageTemplateKnowledgeBase",
    "OpenHours",
    "OutboundCampaign",
    "OutboundCampaignBase",
    "OutboundCampaignsOnboarding",
    "RestrictedPeriod",
    "SmsMessageTemplate",
    "TimeRange",
    "TimeWindow",
]
