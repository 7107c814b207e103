"""Object types (``AWS::CustomerProfiles::ObjectType``): how a source's JSON objects map onto
profiles, with typed field mappings and keys."""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from aws_cdk import Duration, IResource, Names, Resource
from aws_cdk import aws_customerprofiles as customerprofiles
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kms as kms
from constructs import Construct

from .._props import checked_props
from .._validation import (
    check_int,
    check_length,
    duration_days,
    is_unresolved,
    require_bool,
    require_enum,
    require_instance,
)
from ._common import (
    TYPE_NAME_MAX_LENGTH,
    cfn_tags,
    check_count,
    check_field_name,
    check_name,
    check_type_name,
    profile_arn,
)
from .domain import KEY_USE_ACTIONS, MAX_EXPIRATION_DAYS, IProfilesDomain

#: The standard profile's fields, as botocore's ``customer-profiles`` model names the members of
#: its ``Profile`` shape (``ProfileId`` and ``FoundByItems`` are the service's own), which
#: ``_profile.<field>`` targets of a field mapping name.
PROFILE_FIELDS = frozenset(
    {
        "AccountNumber",
        "AdditionalInformation",
        "PartyType",
        "PartyTypeString",
        "BusinessName",
        "FirstName",
        "MiddleName",
        "LastName",
        "BirthDate",
        "Gender",
        "GenderString",
        "PhoneNumber",
        "MobilePhoneNumber",
        "HomePhoneNumber",
        "BusinessPhoneNumber",
        "EmailAddress",
        "PersonalEmailAddress",
        "BusinessEmailAddress",
        "Address",
        "ShippingAddress",
        "MailingAddress",
        "BillingAddress",
        "Attributes",
        "ProfileType",
        "EngagementPreferences",
    }
)
#: The addresses of a profile and their fields (model shape ``Address``).
ADDRESS_FIELDS = frozenset({"Address", "ShippingAddress", "MailingAddress", "BillingAddress"})
ADDRESS_MEMBERS = frozenset(
    {
        "Address1",
        "Address2",
        "Address3",
        "Address4",
        "City",
        "County",
        "State",
        "Province",
        "Country",
        "PostalCode",
    }
)
# Schema ``ObjectTypeField.Source`` / ``Target``: 1 to 1000 characters (API shape ``text``).
_FIELD_PATH_MAX_LENGTH = 1000
# API ``PutProfileObjectTypeRequest.Description``: 1 to 1000 (the schema allows 10000, the API
# refuses more than 1000).
_DESCRIPTION_MAX_LENGTH = 1000


class FieldContentType(enum.Enum):
    """How a field's values are compared when searching (schema ``ObjectTypeField.ContentType``)."""

    STRING = "STRING"
    NUMBER = "NUMBER"
    PHONE_NUMBER = "PHONE_NUMBER"
    EMAIL_ADDRESS = "EMAIL_ADDRESS"
    NAME = "NAME"


class StandardIdentifier(enum.Enum):
    """What a key identifies (schema ``ObjectTypeKey.StandardIdentifiers``; API
    ``StandardIdentifier``)."""

    #: The key ties the object to a profile (several PROFILE keys are allowed).
    PROFILE = "PROFILE"
    #: The key identifies the object itself (at most one UNIQUE key per object type).
    UNIQUE = "UNIQUE"
    #: Searched for profiles after every other PROFILE key.
    SECONDARY = "SECONDARY"
    #: Used to match a profile, not stored for searching.
    LOOKUP_ONLY = "LOOKUP_ONLY"
    #: Used only when the profile does not exist yet.
    NEW_ONLY = "NEW_ONLY"
    ASSET = "ASSET"
    CASE = "CASE"
    ORDER = "ORDER"
    AIR_PREFERENCE = "AIR_PREFERENCE"
    AIR_BOOKING = "AIR_BOOKING"
    AIR_SEGMENT = "AIR_SEGMENT"
    HOTEL_PREFERENCE = "HOTEL_PREFERENCE"
    HOTEL_STAY_REVENUE = "HOTEL_STAY_REVENUE"
    HOTEL_RESERVATION = "HOTEL_RESERVATION"
    LOYALTY = "LOYALTY"
    LOYALTY_TRANSACTION = "LOYALTY_TRANSACTION"
    LOYALTY_PROMOTION = "LOYALTY_PROMOTION"
    WEB_ANALYTICS = "WEB_ANALYTICS"
    DEVICE = "DEVICE"
    COMMUNICATION_RECORD = "COMMUNICATION_RECORD"


def check_profile_target(prop: str, target: str | None) -> None:
    """Raise if a ``_profile.`` target names no field of the standard profile.

    ``_profile.<Field>`` must be a member of the model's ``Profile`` shape;
    ``_profile.<Address field>.<member>`` a member of ``Address``; ``_profile.Attributes.<name>``
    is any custom attribute. Targets of other standard objects (``_asset.``, ``_order.`` ...)
    are not checked.
    """
    if target is None or is_unresolved(target) or not target.startswith("_profile."):
        return
    parts = target.split(".")
    field = parts[1] if len(parts) > 1 else ""
    if field not in PROFILE_FIELDS:
        raise ValueError(
            f"{prop} must name a standard profile field after _profile. ("
            + ", ".join(sorted(PROFILE_FIELDS))
            + f"), got {target!r}"
        )
    if field in ADDRESS_FIELDS and (len(parts) != 3 or parts[2] not in ADDRESS_MEMBERS):
        raise ValueError(
            f"{prop} must name an address member after _profile.{field}. ("
            + ", ".join(sorted(ADDRESS_MEMBERS))
            + f"), got {target!r}"
        )
    if field == "Attributes" and (len(parts) < 3 or not parts[2]):
        raise ValueError(
            f"{prop} must name the attribute: _profile.Attributes.<name>, got {target!r}"
        )


@checked_props
@dataclass(frozen=True)
class FieldMapping:
    """Where one field of the source object goes: ``FieldMapping("_source.Address",
    "_profile.EmailAddress", FieldContentType.EMAIL_ADDRESS)``.

    :param source: The field in the source JSON, ``_source.<path>`` (1 to 1000 characters).
    :param target: Where it lands on the standard profile, ``_profile.<Field>``,
        ``_profile.Address.City``, ``_profile.Attributes.<name>``. Default: none (the field is
        kept on the object only, e.g. to serve as a key).
    :param content_type: How values compare when searching. Default: the service's
        (``STRING``).
    """

    source: str
    target: str | None = None
    content_type: FieldContentType | None = None

    def __post_init__(self) -> None:
        check_length("FieldMapping.source", self.source, _FIELD_PATH_MAX_LENGTH)
        check_length("FieldMapping.target", self.target, _FIELD_PATH_MAX_LENGTH)
        check_profile_target("FieldMapping.target", self.target)
        if self.content_type is not None:
            require_enum("FieldMapping.content_type", self.content_type, FieldContentType)

    @staticmethod
    def to_profile(
        source: str, profile_field: str, content_type: FieldContentType | None = None
    ) -> FieldMapping:
        """``_source.<source>`` onto ``_profile.<profile_field>``."""
        return FieldMapping(f"_source.{source}", f"_profile.{profile_field}", content_type)

    @staticmethod
    def to_attribute(source: str, attribute: str) -> FieldMapping:
        """``_source.<source>`` onto the custom attribute ``_profile.Attributes.<attribute>``."""
        return FieldMapping(f"_source.{source}", f"_profile.Attributes.{attribute}")

    @staticmethod
    def object_only(source: str, content_type: FieldContentType | None = None) -> FieldMapping:
        """``_source.<source>``, kept on the object (for a key), not copied to the profile."""
        return FieldMapping(f"_source.{source}", None, content_type)

    def _render(self) -> Any:
        return customerprofiles.CfnObjectType.ObjectTypeFieldProperty(
            source=self.source,
            target=self.target,
            content_type=self.content_type.value if self.content_type else None,
        )


@checked_props
@dataclass(frozen=True)
class ObjectTypeKey:
    """A key of an object type: the fields whose values identify it, and what they identify.

    ``ObjectTypeKey(["email"], [StandardIdentifier.PROFILE])``

    :param field_names: Names of this object type's fields (1 to 64 letters, digits,
        underscores or hyphens: API ``FieldNameList`` of ``name``), at least one.
    :param identifiers: What the key identifies, at least one.
    """

    field_names: Sequence[str]
    identifiers: Sequence[StandardIdentifier]

    def __post_init__(self) -> None:
        object.__setattr__(self, "field_names", tuple(self.field_names))
        object.__setattr__(self, "identifiers", tuple(self.identifiers))
        check_count("ObjectTypeKey.field_names", self.field_names, 1, None)
        check_count("ObjectTypeKey.identifiers", self.identifiers, 1, None)
        for name in self.field_names:
            check_name("ObjectTypeKey.field_names", name)
        for identifier in self.identifiers:
            require_enum("ObjectTypeKey.identifiers", identifier, StandardIdentifier)

    def _render(self) -> Any:
        return customerprofiles.CfnObjectType.ObjectTypeKeyProperty(
            field_names=list(self.field_names),
            standard_identifiers=[i.value for i in self.identifiers],
        )


class IObjectType(IResource, Protocol):
    """An object type of a domain."""

    @property
    def object_type_name(self) -> str:
        """The object type's name."""
        ...

    @property
    def domain(self) -> IProfilesDomain:
        """The domain it belongs to."""
        ...


class _ImportedObjectType(Resource):
    def __init__(self, scope: Construct, id: str, *, domain: IProfilesDomain, name: str) -> None:
        super().__init__(scope, id)
        self._domain = domain
        self._name = name

    @property
    def object_type_name(self) -> str:
        return self._name

    @property
    def domain(self) -> IProfilesDomain:
        return self._domain


@checked_props
class ObjectType(Resource):
    """An object type (``AWS::CustomerProfiles::ObjectType``, construct id ``Resource``): the
    mapping of one source's JSON objects onto profiles.

    Example, a purchase event that creates no profile but is tied to one by its customer id::

        ObjectType(self, "Purchase",
            domain=domain,
            object_type_name="Purchase",
            description="Purchases from the web shop",
            fields={
                "customerId": FieldMapping.to_profile("customerId", "AccountNumber"),
                "orderId": FieldMapping.object_only("orderId"),
                "total": FieldMapping.object_only("total", FieldContentType.NUMBER),
            },
            keys={
                "customer": [ObjectTypeKey(["customerId"], [StandardIdentifier.PROFILE])],
                "order": [ObjectTypeKey(["orderId"], [StandardIdentifier.UNIQUE])],
            },
        )

    Rules checked at synth: names (schema ``ObjectTypeName``, ``FieldMap.Name``,
    ``KeyMap.Name``), that each key names fields of this object type (API ``ObjectTypeKey``:
    "the reference for the key name of the fields map"), at most one ``UNIQUE`` key (API:
    "Each ProfileObject can have only 1 UNIQUE key"), ``_profile.`` targets against the
    standard profile's fields (model shape ``Profile``), and a template id without fields,
    keys or profile creation (API ``TemplateId``: those come from the template).
    """

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        domain: IProfilesDomain,
        object_type_name: str | None = None,
        description: str | None = None,
        fields: Mapping[str, FieldMapping] | None = None,
        keys: Mapping[str, Sequence[ObjectTypeKey]] | None = None,
        allow_profile_creation: bool = False,
        expiration: Duration | None = None,
        encryption_key: kms.IKey | None = None,
        template_id: str | None = None,
        max_profile_object_count: int | None = None,
        source_last_updated_timestamp_format: str | None = None,
        source_priority: int | None = None,
        tags: Mapping[str, str] | None = None,
    ) -> None:
        """
        :param domain: The domain.
        :param object_type_name: A letter or underscore, then letters, digits, underscores or
            hyphens, at most 255 (schema ``ObjectTypeName``). Changing it replaces the object
            type. Default: a name derived from the construct path.
        :param description: 1 to 1000 characters (API). Default: the construct path.
        :param fields: Field mappings by field name (``FieldMap.Name``: 1 to 64 letters,
            digits, underscores, dots or hyphens). Default: none.
        :param keys: Keys by key name (1 to 64 letters, digits, underscores or hyphens).
            Default: none.
        :param allow_profile_creation: Create a profile when an object matches none.
            Default: ``False`` (the service default).
        :param expiration: How long objects of this type are kept, 1 to 1098 whole days.
            Default: the domain's.
        :param encryption_key: Default: the domain's key.
        :param template_id: A predefined template (e.g. ``"Salesforce-Account"``), which brings
            its own fields, keys and profile creation. Default: none.
        :param max_profile_object_count: At least 1. Default: the service's.
        :param source_last_updated_timestamp_format: The format of the source's last-updated
            timestamp, 1 to 255 characters. Default: none.
        :param source_priority: At least 1; lower wins when values conflict. Default: none.
        :param tags: At most 50 tags. Default: none.
        """
        super().__init__(scope, id, physical_name=object_type_name)
        check_type_name("object_type_name", object_type_name)
        check_length("description", description, _DESCRIPTION_MAX_LENGTH)
        require_bool("allow_profile_creation", allow_profile_creation)
        expiration_days = (
            duration_days("expiration", expiration, 1, MAX_EXPIRATION_DAYS)
            if expiration is not None
            else None
        )
        check_int("max_profile_object_count", max_profile_object_count, 1)
        check_int("source_priority", source_priority, 1)
        check_length(
            "source_last_updated_timestamp_format", source_last_updated_timestamp_format, 255
        )
        check_name("template_id", template_id)
        field_map = dict(fields or {})
        key_map = {name: tuple(value) for name, value in (keys or {}).items()}
        for name, mapping in field_map.items():
            check_field_name("fields", name)
            require_instance(f"fields[{name!r}]", mapping, FieldMapping)
        unique_keys = []
        for name, key_list in key_map.items():
            check_name("keys", name)
            for key in key_list:
                require_instance(f"keys[{name!r}]", key, ObjectTypeKey)
                unknown = [f for f in key.field_names if f not in field_map]
                if unknown and template_id is None:
                    raise ValueError(
                        f"keys[{name!r}] names fields this object type does not define: "
                        f"{', '.join(repr(f) for f in unknown)} (fields: "
                        f"{', '.join(repr(f) for f in field_map) or 'none'})"
                    )
                if StandardIdentifier.UNIQUE in key.identifiers:
                    unique_keys.append(name)
        if len(unique_keys) > 1:
            raise ValueError(
                "keys may have at most one UNIQUE key (API ObjectTypeKey: each object has only "
                f"one), got {len(unique_keys)}: {', '.join(repr(k) for k in unique_keys)}"
            )
        if template_id is not None and (field_map or key_map or allow_profile_creation):
            raise ValueError(
                f"template_id {template_id!r} brings its own fields, keys and profile creation "
                "(API PutProfileObjectType: the service refuses them with TemplateId); leave "
                "fields, keys and allow_profile_creation out"
            )
        name = object_type_name or Names.unique_resource_name(
            self, max_length=TYPE_NAME_MAX_LENGTH, separator="-"
        )
        self._domain = domain
        self._name = name
        self._resource = customerprofiles.CfnObjectType(
            self,
            "Resource",
            domain_name=domain.domain_name,
            object_type_name=name,
            description=description or f"Object type {self.node.path}",
            fields=[
                customerprofiles.CfnObjectType.FieldMapProperty(
                    name=field, object_type_field=mapping._render()
                )
                for field, mapping in field_map.items()
            ]
            or None,
            keys=[
                customerprofiles.CfnObjectType.KeyMapProperty(
                    name=key, object_type_key_list=[k._render() for k in key_list]
                )
                for key, key_list in key_map.items()
            ]
            or None,
            allow_profile_creation=allow_profile_creation or None,
            expiration_days=expiration_days,
            encryption_key=encryption_key.key_arn if encryption_key else None,
            template_id=template_id,
            max_profile_object_count=max_profile_object_count,
            source_last_updated_timestamp_format=source_last_updated_timestamp_format,
            source_priority=source_priority,
            tags=cfn_tags("tags", tags),
        )
        self._fields = field_map
        self._encryption_key = encryption_key

    @property
    def object_type_name(self) -> str:
        """The object type's name (a plain string)."""
        return self._name

    @property
    def domain(self) -> IProfilesDomain:
        """The domain."""
        return self._domain

    @property
    def object_type_arn(self) -> str:
        """``arn:...:profile:<region>:<account>:domains/<domain>/object-types/<name>``."""
        return profile_arn(self, f"{self._domain.domain_name}/object-types/{self._name}")

    @property
    def fields(self) -> Mapping[str, FieldMapping]:
        """The field mappings by field name."""
        return dict(self._fields)

    @property
    def resource(self) -> customerprofiles.CfnObjectType:
        """The L1 resource (escape hatch)."""
        return self._resource

    @staticmethod
    def from_object_type_name(
        scope: Construct, id: str, *, domain: IProfilesDomain, object_type_name: str
    ) -> IObjectType:
        """An object type defined elsewhere (or a predefined one, e.g. ``"CTR"``), by name."""
        check_type_name("object_type_name", object_type_name)
        return _ImportedObjectType(scope, id, domain=domain, name=object_type_name)

    def grant_put_objects(self, grantee: iam.IGrantable) -> iam.Grant:
        """Grant ``profile:PutProfileObject`` for objects of this type, and ``KEY_USE_ACTIONS``
        on every key that encrypts what the call writes: the object type's own
        ``encryption_key`` (it encrypts the objects) and the domain's key (it encrypts the
        profile the object is merged into), each when there is one."""
        grant = iam.Grant.add_to_principal(
            grantee=grantee,
            actions=["profile:PutProfileObject"],
            resource_arns=[self.object_type_arn],
        )
        keys = [self._encryption_key, self._domain.encryption_key]
        for key in dict.fromkeys(k for k in keys if k is not None):
            key.grant(grantee, *KEY_USE_ACTIONS)
        return grant
