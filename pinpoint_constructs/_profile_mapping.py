"""Where each field of an Amazon Pinpoint endpoint lands on an Amazon Connect Customer Profiles
profile: the ONE mapping that :class:`~pinpoint_constructs.PinpointEndpointObjectType` writes
and the template conversion (``connect.message_templates._conversion``) reads, so a converted
template reads the attributes the migrated data has. Standard library only (no ``aws_cdk``).

Targets are written as an object type's field mapping writes them after ``_profile.``: a
standard profile field (``FirstName``, ``EmailAddress``, ``Address.City``; botocore's
``customer-profiles`` model, shape ``Profile``) or a custom attribute (``Attributes.<name>``).

Sources of each rule:

- ``User.UserAttributes.X`` -> custom attribute ``X``: AWS's migration page
  (https://docs.aws.amazon.com/pinpoint/latest/userguide/migrate.html, "Migrate templates":
  ``{{User.UserAttributes.X}}`` -> ``{{Attributes.Customer.Attributes.X}}``). A user attribute
  can be sent to a standard field instead (``user_attributes={"FirstName": "FirstName"}``);
  the conversion then reads that field.
- ``Location.City``/``Country``/``PostalCode``/``Region`` -> ``Address.City``/``Country``/
  ``PostalCode``/``State`` and the email/SMS/voice ``Address`` -> ``EmailAddress``/
  ``MobilePhoneNumber``/``PhoneNumber``: the profile's own fields for the same data (shape
  ``Profile``).
- The library's choice (no successor documented): ``User.UserId`` -> ``AccountNumber``;
  ``Attributes.X``, ``Metrics.X``, ``Demographic.X``, ``Location.Latitude``/``Longitude`` ->
  custom attributes of the same (last) name; a channel's ``EndpointStatus``, ``OptOut``,
  ``EffectiveDate`` and (push, custom, in-app) ``Address`` -> ``<Channel><Field>`` (one
  profile gathers the endpoints of every channel, so these are per channel). ``Id``,
  ``ChannelType``, ``ApplicationId``, ``CohortId``, ``CreationDate``, ``RequestId`` are not
  written to the profile.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final

#: The endpoint's ``Address`` by channel: the standard profile field it lands on.
ADDRESS_FIELDS: Final[Mapping[str, str]] = {
    "EMAIL": "EmailAddress",
    "SMS": "MobilePhoneNumber",
    "VOICE": "PhoneNumber",
}

#: ``Location.<field>`` with a standard profile field.
LOCATION_FIELDS: Final[Mapping[str, str]] = {
    "City": "Address.City",
    "Country": "Address.Country",
    "PostalCode": "Address.PostalCode",
    "Region": "Address.State",
}

#: ``Location.<field>`` without one: custom attributes of the same name.
LOCATION_ATTRIBUTES: Final = ("Latitude", "Longitude")

#: ``Demographic.<field>``: custom attributes of the same name.
DEMOGRAPHIC_ATTRIBUTES: Final = (
    "AppVersion",
    "Locale",
    "Make",
    "Model",
    "ModelVersion",
    "Platform",
    "PlatformVersion",
    "Timezone",
)

#: Endpoint fields that are per channel on the profile (``<Channel><field>``).
CHANNEL_ATTRIBUTES: Final = ("EndpointStatus", "OptOut", "EffectiveDate")

#: Endpoint fields that are not written to the profile (kept on the ingested object).
NOT_MAPPED: Final = ("Id", "ApplicationId", "CohortId", "CreationDate", "RequestId", "ChannelType")


def channel_label(channel: str) -> str:
    """``EMAIL`` -> ``Email``, ``APNS_VOIP_SANDBOX`` -> ``ApnsVoipSandbox``."""
    return "".join(part.capitalize() for part in channel.split("_"))


@dataclass(frozen=True)
class EndpointProfileMapping:
    """How the endpoints of one channel land on profiles.

    :param channel: The endpoints' ``ChannelType`` (``"EMAIL"``, ``"SMS"`` ...). Default: none
        (the per-channel fields and the address then have no destination).
    :param user_attributes: User attributes sent somewhere else than the custom attribute of
        the same name: name -> target (``"FirstName"`` or ``"Attributes.<name>"``). Default:
        none.
    """

    channel: str | None = None
    user_attributes: Mapping[str, str] = field(default_factory=dict)

    def destination(self, path: tuple[str, ...]) -> str | None:
        """The target (``FirstName``, ``Address.City``, ``Attributes.X``) of the endpoint field
        at ``path`` (``("User", "UserAttributes", "X")``), or ``None`` when the field is not
        written to the profile."""
        if not path:
            return None
        root, rest = path[0], path[1:]
        if root == "User":
            if rest == ("UserId",):
                return "AccountNumber"
            if len(rest) == 2 and rest[0] == "UserAttributes":
                return self.user_attributes.get(rest[1], f"Attributes.{rest[1]}")
            return None
        if root in {"Address", *CHANNEL_ATTRIBUTES}:
            if rest or self.channel is None:
                return None
            label = channel_label(self.channel)
            if root == "Address":
                return ADDRESS_FIELDS.get(self.channel, f"Attributes.{label}Address")
            return f"Attributes.{label}{root}"
        if len(rest) != 1:
            return None
        if root in {"Attributes", "Metrics"}:
            return f"Attributes.{rest[0]}"
        if root == "Location":
            if rest[0] in LOCATION_FIELDS:
                return LOCATION_FIELDS[rest[0]]
            return f"Attributes.{rest[0]}" if rest[0] in LOCATION_ATTRIBUTES else None
        if root == "Demographic":
            return f"Attributes.{rest[0]}" if rest[0] in DEMOGRAPHIC_ATTRIBUTES else None
        return None


def apply_field_mappings(
    fields: Mapping[str, tuple[str, str | None]], endpoint: Mapping[str, Any]
) -> dict[str, Any]:
    """The profile an object type's field mappings make of ``endpoint``: ``fields`` maps each
    field name to ``(source, target)`` as the object type writes them (``_source.Location.City``,
    ``_profile.Address.City``). Values are kept as they are (lists stay lists)."""
    profile: dict[str, Any] = {}
    for source, target in fields.values():
        if (
            target is None
            or not source.startswith("_source.")
            or not target.startswith("_profile.")
        ):
            continue
        value: Any = endpoint
        for key in source[len("_source.") :].split("."):
            value = value.get(key) if isinstance(value, Mapping) else None
        if value is None or value == [] or value == "":
            continue
        node = profile
        *parents, last = target[len("_profile.") :].split(".")
        for key in parents:
            node = node.setdefault(key, {})
        node[last] = value
    return profile


__all__ = [
    "ADDRESS_FIELDS",
    "CHANNEL_ATTRIBUTES",
    "DEMOGRAPHIC_ATTRIBUTES",
    "LOCATION_ATTRIBUTES",
    "LOCATION_FIELDS",
    "NOT_MAPPED",
    "EndpointProfileMapping",
    "apply_field_mappings",
    "channel_label",
]
