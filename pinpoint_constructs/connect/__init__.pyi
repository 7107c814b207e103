"""Amazon Connect constructs: instance pieces, Q in Connect message templates, outbound
campaigns and journeys.

- :class:`ConnectInstance` (outbound and high-volume outbound on, a Customer Profiles domain),
  :class:`ConnectPhoneNumber`, :class:`ConnectEmailAddress`, each with an import;
- :class:`OutboundCampaignsOnboarding`: the instance's onboarding to outbound campaigns and
  its Customer Profiles integration (a custom resource);
- :class:`OutboundCampaign` (managed campaigns) with :class:`CampaignChannel`;
- :class:`CampaignSchedule`, :class:`CampaignSource`, :class:`CommunicationLimit` /
  :class:`CommunicationLimits`, :class:`CommunicationTime` (:class:`TimeWindow`,
  :class:`OpenHours`, :class:`TimeRange`, :class:`RestrictedPeriod`), :class:`EntryLimits`:
  the values an outbound campaign and a journey (``AWS::ConnectCampaignsV2::Campaign``) share.
"""

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
from .email_address import ConnectEmailAddress, IConnectEmailAddress
from .instance import ConnectInstance, IConnectInstance, IdentityManagementType
from .onboarding import DEFAULT_OBJECT_TYPE_NAMES, OutboundCampaignsOnboarding
from .phone_number import ConnectPhoneNumber, ConnectPhoneNumberType, IConnectPhoneNumber

__all__ = [
    "CAMPAIGN_TRIGGER_NOT_WIRED_WARNING",
    "CAMPAIGN_WITHOUT_SOURCE_WARNING",
    "DEFAULT_OBJECT_TYPE_NAMES",
    "MAX_COMMUNICATION_LIMITS",
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
    "EntryLimits",
    "IConnectEmailAddress",
    "IConnectInstance",
    "IConnectPhoneNumber",
    "IOutboundCampaign",
    "IdentityManagementType",
    "InstanceLimitsHandling",
    "LocalTimeZoneDetection",
    "LocalTimeZoneDetectionScope",
    "OpenHours",
    "OutboundCampaign",
    "OutboundCampaignBase",
    "OutboundCampaignsOnboarding",
    "RestrictedPeriod",
    "TimeRange",
    "TimeWindow",
]
