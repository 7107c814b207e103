"""Amazon Connect: the instance pieces, outbound campaigns (v2) and what they share with
journeys, as L2-style constructs.

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

__all__ = [
    "MAX_COMMUNICATION_LIMITS",
    "CampaignSchedule",
    "CampaignSource",
    "CommunicationLimit",
    "CommunicationLimits",
    "CommunicationTime",
    "DayOfWeek",
    "EntryLimits",
    "InstanceLimitsHandling",
    "LocalTimeZoneDetection",
    "LocalTimeZoneDetectionScope",
    "OpenHours",
    "RestrictedPeriod",
    "TimeRange",
    "TimeWindow",
]
