"""The ready-made object type for Pinpoint endpoints: a team's last endpoint export (or the
``GetEndpoint`` JSON of each endpoint) becomes profiles."""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping, Sequence
from typing import Any

from aws_cdk import Duration
from constructs import Construct

from .._profile_mapping import (
    ADDRESS_FIELDS,
    CHANNEL_ATTRIBUTES,
    DEMOGRAPHIC_ATTRIBUTES,
    LOCATION_ATTRIBUTES,
    LOCATION_FIELDS,
    EndpointProfileMapping,
    channel_label,
)
from .._props import checked_props
from .._validation import require_enum
from .domain import IProfilesDomain
from .object_type import (
    PROFILE_FIELDS,
    FieldContentType,
    FieldMapping,
    ObjectType,
    ObjectTypeKey,
    StandardIdentifier,
)

# Custom attribute names a segment definition can filter on (schema
# ``AWS::CustomerProfiles::SegmentDefinition`` ``CustomAttributes`` pattern).
_ATTRIBUTE_NAME = re.compile(r"[a-zA-Z_][a-zA-Z_0-9-]*")


class EndpointChannel(enum.Enum):
    """The ``ChannelType`` of the Pinpoint endpoints one object type ingests, and where each
    channel's ``Address`` lands on the profile."""

    EMAIL = "EMAIL"
    SMS = "SMS"
    VOICE = "VOICE"
    APNS = "APNS"
    APNS_SANDBOX = "APNS_SANDBOX"
    APNS_VOIP = "APNS_VOIP"
    APNS_VOIP_SANDBOX = "APNS_VOIP_SANDBOX"
    GCM = "GCM"
    BAIDU = "BAIDU"
    ADM = "ADM"
    CUSTOM = "CUSTOM"
    IN_APP = "IN_APP"


#: Where the endpoint's ``Address`` goes, by channel: email and phone numbers onto the standard
#: profile's own fields (model shape ``Profile``: ``EmailAddress``, ``MobilePhoneNumber``,
#: ``PhoneNumber``); device tokens and custom addresses have no profile field and stay custom
#: attributes. From the shared mapping (:mod:`pinpoint_constructs._profile_mapping`).
ADDRESS_TARGETS: Mapping[EndpointChannel, tuple[str, FieldContentType | None]] = {
    EndpointChannel(channel): (
        target,
        FieldContentType.EMAIL_ADDRESS if channel == "EMAIL" else FieldContentType.PHONE_NUMBER,
    )
    for channel, target in ADDRESS_FIELDS.items()
}

#: The fields of an endpoint that are the same for every channel: (field name, source path).
#: Where each lands is the shared mapping's (:class:`EndpointProfileMapping`).
COMMON_FIELDS: tuple[tuple[str, str], ...] = (
    ("EndpointId", "Id"),
    ("UserId", "User.UserId"),
    *((name, f"Location.{name}") for name in (*LOCATION_FIELDS, *LOCATION_ATTRIBUTES)),
    *((name, f"Demographic.{name}") for name in DEMOGRAPHIC_ATTRIBUTES),
)


def _channel_label(channel: EndpointChannel) -> str:
    """``EMAIL`` -> ``Email``, ``APNS_VOIP_SANDBOX`` -> ``ApnsVoipSandbox``."""
    return channel_label(channel.value)


def endpoint_field_destinations(
    channel: EndpointChannel,
    *,
    endpoint_attributes: Sequence[str] = (),
    user_attributes: Mapping[str, str] | Sequence[str] = (),
    metrics: Sequence[str] = (),
) -> dict[str, FieldMapping]:
    """The field mappings of :class:`PinpointEndpointObjectType` by field name, for the docs
    and tests: each endpoint field's source and its destination on the profile."""
    user_targets = (
        dict(user_attributes)
        if isinstance(user_attributes, Mapping)
        else {name: f"Attributes.{name}" for name in user_attributes}
    )
    mapping = EndpointProfileMapping(channel.value, user_targets)
    fields: dict[str, FieldMapping] = {}
    for name, source in (
        ("Address", "Address"),
        *((name, name) for name in CHANNEL_ATTRIBUTES),
        *COMMON_FIELDS,
    ):
        target = mapping.destination(tuple(source.split(".")))
        content_type = ADDRESS_TARGETS.get(channel, (None, None))[1] if name == "Address" else None
        if target is None:
            fields[name] = FieldMapping.object_only(source, content_type)
        else:
            fields[name] = FieldMapping.to_profile(source, target, content_type)
    for prop, names, prefix in (
        ("endpoint_attributes", list(endpoint_attributes), "Attributes"),
        ("user_attributes", list(user_targets), "User.UserAttributes"),
        ("metrics", list(metrics), "Metrics"),
    ):
        for name in names:
            target = mapping.destination((*prefix.split("."), name)) or ""
            if not _ATTRIBUTE_NAME.fullmatch(name):
                raise ValueError(
                    f"{prop} names must start with a letter or underscore, then letters, digits, "
                    "underscores or hyphens (the custom attribute names a segment definition "
                    f"can filter on), got {name!r}"
                )
            if target.split(".")[0] not in PROFILE_FIELDS:
                raise ValueError(
                    f"{prop}[{name!r}] must be a standard profile field ("
                    + ", ".join(sorted(PROFILE_FIELDS))
                    + f") or Attributes.<name>, got {target!r}"
                )
            field = f"{prefix.split('.')[-1]}_{name}"
            fields[field] = FieldMapping.to_profile(f"{prefix}.{name}", target)
    return fields


@checked_props
class PinpointEndpointObjectType(ObjectType):
    """The object type that maps Pinpoint endpoints of one channel onto profiles: the JSON that
    ``GetEndpoint`` returns and an endpoint export job writes (one endpoint per line).

    A field mapping has no condition, so each channel is its own object type (and its own
    integration prefix: split the export by ``ChannelType``)::

        PinpointEndpointObjectType(self, "EmailEndpoints",
            domain=domain,
            channel=EndpointChannel.EMAIL,
            user_attributes={"FirstName": "FirstName", "Plan": "Attributes.Plan"},
        )

    Where each endpoint field goes (``<Channel>`` is the channel in CamelCase, e.g. ``Email``,
    ``Sms``, ``ApnsSandbox``):

    =================================  =========================================================
    Endpoint field                     Destination on the profile
    =================================  =========================================================
    ``Address`` (EMAIL)                ``EmailAddress`` (content type ``EMAIL_ADDRESS``)
    ``Address`` (SMS)                  ``MobilePhoneNumber`` (``PHONE_NUMBER``)
    ``Address`` (VOICE)                ``PhoneNumber`` (``PHONE_NUMBER``)
    ``Address`` (push, custom, in-app) custom attribute ``<Channel>Address`` (no profile field)
    ``EndpointStatus``                 custom attribute ``<Channel>EndpointStatus``
    ``OptOut``                         custom attribute ``<Channel>OptOut`` (``ALL``/``NONE``)
    ``EffectiveDate``                  custom attribute ``<Channel>EffectiveDate``
    ``Id``                             the object's ``UNIQUE`` key only (not on the profile)
    ``User.UserId``                    ``AccountNumber``, and a ``PROFILE`` key: one user's
                                       endpoints are one profile
    ``Location.City``                  ``Address.City``
    ``Location.Country``               ``Address.Country``
    ``Location.PostalCode``            ``Address.PostalCode``
    ``Location.Region``                ``Address.State``
    ``Location.Latitude``              custom attribute ``Latitude`` (``Longitude`` alike)
    ``Demographic.<X>``                custom attribute ``<X>`` (``AppVersion``, ``Locale``,
                                       ``Make``, ``Model``, ``ModelVersion``, ``Platform``,
                                       ``PlatformVersion``, ``Timezone``)
    ``Attributes.<name>``              custom attribute ``<name>`` (names in
                                       ``endpoint_attributes``)
    ``User.UserAttributes.<name>``     the profile field or attribute ``user_attributes`` names
    ``Metrics.<name>``                 custom attribute ``<name>`` (names in ``metrics``)
    ``ApplicationId``, ``CohortId``,   not mapped (kept on the object)
    ``CreationDate``, ``RequestId``,
    ``ChannelType``
    =================================  =========================================================

    The standard profile has no field for opt-out, endpoint status, device data or GPS
    coordinates (botocore's ``customer-profiles`` model, shape ``Profile``), so they stay custom
    attributes. The address of an email, SMS or voice endpoint is also a ``PROFILE`` key, so an
    endpoint without a user id still finds (or creates) its profile. Pinpoint writes custom
    attribute values as lists of strings; check how your values arrive on a test profile
    before you filter on them (this mapping was checked against the schemas, not against a
    live domain).
    """

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        domain: IProfilesDomain,
        channel: EndpointChannel,
        object_type_name: str | None = None,
        endpoint_attributes: Sequence[str] = (),
        user_attributes: Mapping[str, str] | Sequence[str] = (),
        metrics: Sequence[str] = (),
        allow_profile_creation: bool = True,
        expiration: Duration | None = None,
        tags: Mapping[str, str] | None = None,
    ) -> None:
        """
        :param domain: The domain.
        :param channel: The ``ChannelType`` of the endpoints this object type ingests.
        :param object_type_name: Default: ``Pinpoint<Channel>Endpoint``.
        :param endpoint_attributes: Custom endpoint attributes (``Attributes.<name>``) to copy
            to custom profile attributes of the same name. Default: none.
        :param user_attributes: User attributes (``User.UserAttributes.<name>``) to copy: a
            list copies each to the custom attribute of the same name; a mapping names the
            destination, a standard field (``"FirstName"``) or ``"Attributes.<name>"``.
            Default: none.
        :param metrics: Custom endpoint metrics (``Metrics.<name>``) to copy to custom
            attributes. Default: none.
        :param allow_profile_creation: Create a profile for an endpoint that matches none.
            Default: ``True`` (an export becomes profiles).
        :param expiration: How long objects are kept, 1 to 1098 whole days. Default: the
            domain's.
        :param tags: Default: none.
        """
        channel = require_enum("channel", channel, EndpointChannel)
        fields = endpoint_field_destinations(
            channel,
            endpoint_attributes=endpoint_attributes,
            user_attributes=user_attributes,
            metrics=metrics,
        )
        keys: dict[str, list[ObjectTypeKey]] = {
            "PinpointEndpointId": [ObjectTypeKey(["EndpointId"], [StandardIdentifier.UNIQUE])],
            "PinpointUserId": [ObjectTypeKey(["UserId"], [StandardIdentifier.PROFILE])],
        }
        if channel in ADDRESS_TARGETS:
            keys[f"{_channel_label(channel)}Address"] = [
                ObjectTypeKey(["Address"], [StandardIdentifier.PROFILE])
            ]
        super().__init__(
            scope,
            id,
            domain=domain,
            object_type_name=object_type_name or f"Pinpoint{_channel_label(channel)}Endpoint",
            description=(
                f"Amazon Pinpoint {channel.value} endpoints (GetEndpoint / endpoint export JSON)"
            ),
            fields=fields,
            keys=keys,
            allow_profile_creation=allow_profile_creation,
            expiration=expiration,
            tags=tags,
        )
        self._channel = channel
        self._mapping = EndpointProfileMapping(
            channel.value,
            dict(user_attributes)
            if isinstance(user_attributes, Mapping)
            else {name: f"Attributes.{name}" for name in user_attributes},
        )

    @property
    def profile_mapping(self) -> EndpointProfileMapping:
        """Where this object type puts each endpoint field on the profile: give it to the
        template conversion (``convert_template(..., mapping=...)``) so converted templates
        read what this object type writes (e.g. a user attribute sent to ``FirstName``)."""
        return self._mapping

    @property
    def channel(self) -> EndpointChannel:
        """The channel of the endpoints this object type ingests."""
        return self._channel

    @staticmethod
    def attribute_names(channel: EndpointChannel) -> dict[str, Any]:
        """The custom attribute names this object type writes for ``channel``: ``address``
        (``None`` for email, SMS and voice, which use profile fields), ``endpoint_status``,
        ``opt_out``, ``effective_date``."""
        label = _channel_label(channel)
        return {
            "address": None if channel in ADDRESS_TARGETS else f"{label}Address",
            "endpoint_status": f"{label}EndpointStatus",
            "opt_out": f"{label}OptOut",
            "effective_date": f"{label}EffectiveDate",
        }
