"""AWS End User Messaging SMS and voice (``AWS::SMSVOICE::*``): the part of Pinpoint's SMS and
voice that continues after Pinpoint's end of support, as L2-style constructs.

- :class:`PhoneNumber`, :class:`SenderId`, :class:`Pool`: origination identities, with
  keywords, opt-out list, two-way channel and ``grant_send_*_message`` grants;
- :class:`OptOutList`, :class:`ConfigurationSet` (``add_event_destination``),
  :class:`ProtectConfiguration`, :class:`ResourcePolicy`, :class:`NotifyConfiguration`;
- :class:`Registration`, :class:`RegistrationAttachment`, :class:`VerifiedDestinationNumber`.
"""

from ._rules import ISO_COUNTRY_CODES
from .configuration_set import (
    MAX_EVENT_DESTINATIONS,
    SNS_DESTINATION_POLICY_WARNING,
    ConfigurationSet,
    ConfigurationSetBase,
    EventDestination,
    IConfigurationSet,
    SmsVoiceEventType,
)
from .notify_configuration import NotifyChannel, NotifyConfiguration, NotifyUseCase
from .opt_out_list import IOptOutList, OptOutList
from .origination import (
    IOriginationIdentity,
    Keyword,
    KeywordAction,
    NumberCapability,
    NumberType,
    OriginationIdentityBase,
    PhoneNumber,
    Pool,
    SenderId,
    TwoWayChannel,
)
from .protect_configuration import IProtectConfiguration, ProtectConfiguration, ProtectStatus
from .registration import Registration, RegistrationAttachment, VerifiedDestinationNumber
from .resource_policy import ResourcePolicy

__all__ = [
    "ISO_COUNTRY_CODES",
    "MAX_EVENT_DESTINATIONS",
    "SNS_DESTINATION_POLICY_WARNING",
    "ConfigurationSet",
    "ConfigurationSetBase",
    "EventDestination",
    "IConfigurationSet",
    "IOptOutList",
    "IOriginationIdentity",
    "IProtectConfiguration",
    "Keyword",
    "KeywordAction",
    "NotifyChannel",
    "NotifyConfiguration",
    "NotifyUseCase",
    "NumberCapability",
    "NumberType",
    "OptOutList",
    "OriginationIdentityBase",
    "PhoneNumber",
    "Pool",
    "ProtectConfiguration",
    "ProtectStatus",
    "Registration",
    "RegistrationAttachment",
    "ResourcePolicy",
    "SenderId",
    "SmsVoiceEventType",
    "TwoWayChannel",
    "VerifiedDestinationNumber",
]
