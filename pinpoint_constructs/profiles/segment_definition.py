"""Segment definitions (``AWS::CustomerProfiles::SegmentDefinition``): where Pinpoint's
segments live now. Dimension and group builders read like the Pinpoint ``Segment`` builders.

A segment definition can't be updated (the API has no ``UpdateSegmentDefinition``; the schema
makes ``SegmentDefinitionName``, ``DisplayName``, ``SegmentGroups`` and ``SegmentSqlQuery``
create-only) and its name must be unique in the domain. CloudFormation replaces a resource by
creating the new one before deleting the old, so a replacement needs a new name: by default
the name is derived from the construct path and a hash of the definition, so any change to
the definition deploys as a clean replacement (and the segments and event triggers that
reference it follow, because the name they hold changes too).
"""

from __future__ import annotations

import enum
import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from aws_cdk import IResource, Names, Resource, Stack
from aws_cdk import aws_customerprofiles as customerprofiles
from constructs import Construct

from .._props import checked_props
from .._validation import check_length, check_range, is_unresolved, require_enum, require_instance
from ._common import (
    NAME_MAX_LENGTH,
    as_text,
    cfn_tags,
    check_count,
    check_name,
    check_operator_values,
    profile_arn,
)
from .calculated_attribute import CalculatedAttribute, ICalculatedAttribute
from .domain import IProfilesDomain, ProfilesDomain, same_domain

_P = customerprofiles.CfnSegmentDefinition

#: Values per dimension: 1 to 50 (schema and API ``Values``, ``DateValues``,
#: ``ExtraLengthValues``).
MAX_DIMENSION_VALUES = 50
#: Length of a hash suffix of generated names (hex characters).
NAME_HASH_LENGTH = 8
# Schema ``CustomAttributes`` / ``CalculatedCustomAttributes`` key pattern.
_ATTRIBUTE_KEY = re.compile(r"[a-zA-Z_][a-zA-Z_0-9-]*")
_INT32 = (-2_147_483_648, 2_147_483_647)


class StringDimensionType(enum.Enum):
    """Operators on the standard profile's string fields (schema ``StringDimensionType``)."""

    INCLUSIVE = "INCLUSIVE"
    EXCLUSIVE = "EXCLUSIVE"
    CONTAINS = "CONTAINS"
    BEGINS_WITH = "BEGINS_WITH"
    ENDS_WITH = "ENDS_WITH"


class DateDimensionType(enum.Enum):
    """Operators on the birth date (schema ``DateDimensionType``)."""

    BEFORE = "BEFORE"
    AFTER = "AFTER"
    BETWEEN = "BETWEEN"
    NOT_BETWEEN = "NOT_BETWEEN"
    ON = "ON"


class AttributeDimensionType(enum.Enum):
    """Operators on custom and calculated attributes (schema ``AttributeDimensionType``; the
    API's ``LIST_CONTAINS`` and ``LIST_CONTAINS_ALL`` are not in the CloudFormation schema)."""

    INCLUSIVE = "INCLUSIVE"
    EXCLUSIVE = "EXCLUSIVE"
    CONTAINS = "CONTAINS"
    BEGINS_WITH = "BEGINS_WITH"
    ENDS_WITH = "ENDS_WITH"
    BEFORE = "BEFORE"
    AFTER = "AFTER"
    BETWEEN = "BETWEEN"
    NOT_BETWEEN = "NOT_BETWEEN"
    ON = "ON"
    GREATER_THAN = "GREATER_THAN"
    LESS_THAN = "LESS_THAN"
    GREATER_THAN_OR_EQUAL = "GREATER_THAN_OR_EQUAL"
    LESS_THAN_OR_EQUAL = "LESS_THAN_OR_EQUAL"
    EQUAL = "EQUAL"


class IncludeOptions(enum.Enum):
    """How groups, a group's dimensions or its source segments combine (schema
    ``IncludeOptions``): the Pinpoint segment's ``Include``, ``GroupType`` and ``SourceType``."""

    #: Profiles that match every one (AND).
    ALL = "ALL"
    #: Profiles that match at least one (OR).
    ANY = "ANY"
    #: Profiles that match none (use it to exclude segments).
    NONE = "NONE"


class ProfileType(enum.Enum):
    """The kind of profile (schema ``ProfileType``)."""

    PROFILE = "PROFILE"
    ACCOUNT_PROFILE = "ACCOUNT_PROFILE"


def _values(prop: str, values: Sequence[Any], max_length: int = 255) -> list[str]:
    if isinstance(values, str):
        raise TypeError(f"{prop} must be a sequence of strings, got the string {values!r}")
    result = [v.isoformat() if isinstance(v, date) else v for v in values]
    check_count(prop, result, 1, MAX_DIMENSION_VALUES)
    for value in result:
        if not isinstance(value, str):
            raise TypeError(f"{prop} must be strings, got {type(value).__name__}: {value!r}")
        if max_length:
            check_length(prop, value, max_length)
    return result


# ---- dimension builders ------------------------------------------------------------------


@checked_props
@dataclass(frozen=True)
class ProfileDimension:
    """A filter on a string field of the standard profile: ``ProfileDimension.inclusive("Berlin")``.

    :param dimension_type: The operator.
    :param values: 1 to 50 values, each 1 to 255 characters (1 to 1000 for
        ``additional_information``).
    """

    dimension_type: StringDimensionType
    values: Sequence[str]

    def __post_init__(self) -> None:
        require_enum("ProfileDimension.dimension_type", self.dimension_type, StringDimensionType)
        object.__setattr__(
            self,
            "values",
            tuple(_values(f"ProfileDimension {self.dimension_type.value} values", self.values, 0)),
        )
        for value in self.values:
            check_length(f"ProfileDimension {self.dimension_type.value} values", value, 1000)

    @staticmethod
    def inclusive(*values: str) -> ProfileDimension:
        """The field equals one of ``values``."""
        return ProfileDimension(StringDimensionType.INCLUSIVE, values)

    @staticmethod
    def exclusive(*values: str) -> ProfileDimension:
        """The field equals none of ``values``."""
        return ProfileDimension(StringDimensionType.EXCLUSIVE, values)

    @staticmethod
    def contains(*values: str) -> ProfileDimension:
        """The field contains one of ``values``."""
        return ProfileDimension(StringDimensionType.CONTAINS, values)

    @staticmethod
    def begins_with(*values: str) -> ProfileDimension:
        """The field begins with one of ``values``."""
        return ProfileDimension(StringDimensionType.BEGINS_WITH, values)

    @staticmethod
    def ends_with(*values: str) -> ProfileDimension:
        """The field ends with one of ``values``."""
        return ProfileDimension(StringDimensionType.ENDS_WITH, values)

    def _check(self, prop: str, max_length: int) -> None:
        for value in self.values:
            check_length(prop, value, max_length)

    def _render(self) -> Any:
        return _P.ProfileDimensionProperty(
            dimension_type=self.dimension_type.value, values=[str(v) for v in self.values]
        )


@checked_props
@dataclass(frozen=True)
class DateDimension:
    """A filter on the birth date: ``DateDimension.before(date(2000, 1, 1))``.

    :param dimension_type: The operator.
    :param values: 1 to 50 dates: ``date`` objects (written as ISO 8601, ``2000-01-01``) or
        strings as your profiles store them.
    """

    dimension_type: DateDimensionType
    values: Sequence[str | date]

    def __post_init__(self) -> None:
        require_enum("DateDimension.dimension_type", self.dimension_type, DateDimensionType)
        object.__setattr__(
            self,
            "values",
            tuple(_values(f"DateDimension {self.dimension_type.value} values", self.values, 0)),
        )
        check_operator_values(
            f"DateDimension {self.dimension_type.value} values",
            self.dimension_type.value,
            self.values,
        )

    @staticmethod
    def before(day: str | date) -> DateDimension:
        """Before ``day``."""
        return DateDimension(DateDimensionType.BEFORE, (day,))

    @staticmethod
    def after(day: str | date) -> DateDimension:
        """After ``day``."""
        return DateDimension(DateDimensionType.AFTER, (day,))

    @staticmethod
    def on(day: str | date) -> DateDimension:
        """On ``day``."""
        return DateDimension(DateDimensionType.ON, (day,))

    @staticmethod
    def between(start: str | date, end: str | date) -> DateDimension:
        """From ``start`` to ``end``."""
        return DateDimension(DateDimensionType.BETWEEN, (start, end))

    @staticmethod
    def not_between(start: str | date, end: str | date) -> DateDimension:
        """Outside ``start`` to ``end``."""
        return DateDimension(DateDimensionType.NOT_BETWEEN, (start, end))

    def _render(self) -> Any:
        return _P.DateDimensionProperty(
            dimension_type=self.dimension_type.value, values=[str(v) for v in self.values]
        )


@checked_props
@dataclass(frozen=True)
class AttributeDimension:
    """A filter on a custom or calculated attribute: ``AttributeDimension.inclusive("gold")``,
    ``AttributeDimension.greater_than(5)``.

    :param dimension_type: The operator.
    :param values: 1 to 50 values, each 1 to 255 characters (numbers are written as text).
    :param range_start: For a calculated attribute only: override its range, days relative
        to today (schema ``RangeOverride.Start``, a 32-bit integer). Default: its own range.
    :param range_end: With ``range_start``. Default: none.
    """

    dimension_type: AttributeDimensionType
    values: Sequence[str | float | date]
    range_start: int | None = None
    range_end: int | None = None

    def __post_init__(self) -> None:
        kind = require_enum(
            "AttributeDimension.dimension_type", self.dimension_type, AttributeDimensionType
        )
        prop = f"AttributeDimension {kind.value} values"
        if isinstance(self.values, str):
            raise TypeError(f"{prop} must be a sequence, got the string {self.values!r}")
        converted = [as_text(v) for v in self.values]
        object.__setattr__(self, "values", tuple(_values(prop, converted)))
        check_operator_values(prop, kind.value, self.values)
        if self.range_end is not None and self.range_start is None:
            raise ValueError(
                f"AttributeDimension.range_end needs range_start, got range_end={self.range_end}"
            )
        check_range("AttributeDimension.range_start", self.range_start, *_INT32)
        check_range("AttributeDimension.range_end", self.range_end, *_INT32)

    @staticmethod
    def inclusive(*values: str) -> AttributeDimension:
        """The attribute equals one of ``values``."""
        return AttributeDimension(AttributeDimensionType.INCLUSIVE, values)

    @staticmethod
    def exclusive(*values: str) -> AttributeDimension:
        """The attribute equals none of ``values``."""
        return AttributeDimension(AttributeDimensionType.EXCLUSIVE, values)

    @staticmethod
    def contains(*values: str) -> AttributeDimension:
        """The attribute contains one of ``values``."""
        return AttributeDimension(AttributeDimensionType.CONTAINS, values)

    @staticmethod
    def begins_with(*values: str) -> AttributeDimension:
        """The attribute begins with one of ``values``."""
        return AttributeDimension(AttributeDimensionType.BEGINS_WITH, values)

    @staticmethod
    def ends_with(*values: str) -> AttributeDimension:
        """The attribute ends with one of ``values``."""
        return AttributeDimension(AttributeDimensionType.ENDS_WITH, values)

    @staticmethod
    def before(day: str | date) -> AttributeDimension:
        """The attribute, a date, is before ``day``."""
        return AttributeDimension(AttributeDimensionType.BEFORE, (day,))

    @staticmethod
    def after(day: str | date) -> AttributeDimension:
        """The attribute, a date, is after ``day``."""
        return AttributeDimension(AttributeDimensionType.AFTER, (day,))

    @staticmethod
    def on(day: str | date) -> AttributeDimension:
        """The attribute, a date, is on ``day``."""
        return AttributeDimension(AttributeDimensionType.ON, (day,))

    @staticmethod
    def between(start: str | date | float, end: str | date | float) -> AttributeDimension:
        """The attribute is between ``start`` and ``end``."""
        return AttributeDimension(AttributeDimensionType.BETWEEN, (start, end))

    @staticmethod
    def not_between(start: str | date | float, end: str | date | float) -> AttributeDimension:
        """The attribute is outside ``start`` to ``end``."""
        return AttributeDimension(AttributeDimensionType.NOT_BETWEEN, (start, end))

    @staticmethod
    def greater_than(value: float) -> AttributeDimension:
        """The attribute is greater than ``value``."""
        return AttributeDimension(AttributeDimensionType.GREATER_THAN, (value,))

    @staticmethod
    def less_than(value: float) -> AttributeDimension:
        """The attribute is less than ``value``."""
        return AttributeDimension(AttributeDimensionType.LESS_THAN, (value,))

    @staticmethod
    def greater_than_or_equal(value: float) -> AttributeDimension:
        """The attribute is at least ``value``."""
        return AttributeDimension(AttributeDimensionType.GREATER_THAN_OR_EQUAL, (value,))

    @staticmethod
    def less_than_or_equal(value: float) -> AttributeDimension:
        """The attribute is at most ``value``."""
        return AttributeDimension(AttributeDimensionType.LESS_THAN_OR_EQUAL, (value,))

    @staticmethod
    def equal(value: float) -> AttributeDimension:
        """The attribute equals ``value``."""
        return AttributeDimension(AttributeDimensionType.EQUAL, (value,))

    def _render_custom(self, prop: str) -> Any:
        if self.range_start is not None:
            raise ValueError(
                f"{prop}: range_start applies to calculated attributes only, got "
                f"range_start={self.range_start} on a custom attribute"
            )
        return _P.AttributeDimensionProperty(
            dimension_type=self.dimension_type.value, values=[str(v) for v in self.values]
        )

    def _render_calculated(self) -> Any:
        overrides = None
        if self.range_start is not None:
            overrides = _P.ConditionOverridesProperty(
                range=_P.RangeOverrideProperty(
                    start=self.range_start, end=self.range_end, unit="DAYS"
                )
            )
        return _P.CalculatedAttributeDimensionProperty(
            dimension_type=self.dimension_type.value,
            values=[str(v) for v in self.values],
            condition_overrides=overrides,
        )


@checked_props
@dataclass(frozen=True, kw_only=True)
class AddressDimension:
    """Filters on one of the profile's addresses (schema ``AddressDimension``); give at least
    one. Default of each: no filter."""

    city: ProfileDimension | None = None
    country: ProfileDimension | None = None
    county: ProfileDimension | None = None
    postal_code: ProfileDimension | None = None
    province: ProfileDimension | None = None
    state: ProfileDimension | None = None

    def __post_init__(self) -> None:
        given = self._given()
        if not given:
            raise ValueError(
                "AddressDimension is empty: give at least one of city, country, county, "
                "postal_code, province or state"
            )
        for name, value in given.items():
            require_instance(f"AddressDimension.{name}", value, ProfileDimension)
            value._check(f"AddressDimension.{name} values", 255)

    def _given(self) -> dict[str, ProfileDimension]:
        names = ("city", "country", "county", "postal_code", "province", "state")
        return {n: getattr(self, n) for n in names if getattr(self, n) is not None}

    def _render(self) -> Any:
        return _P.AddressDimensionProperty(**{n: f._render() for n, f in self._given().items()})


@checked_props
@dataclass(frozen=True)
class ProfileTypeDimension:
    """Keep or remove one kind of profile: ``ProfileTypeDimension.inclusive(ProfileType.PROFILE)``
    (schema ``ProfileTypeDimension``: exactly one value, INCLUSIVE or EXCLUSIVE)."""

    profile_type: ProfileType
    exclude: bool = False

    def __post_init__(self) -> None:
        require_enum("ProfileTypeDimension.profile_type", self.profile_type, ProfileType)

    @staticmethod
    def inclusive(profile_type: ProfileType) -> ProfileTypeDimension:
        """Only profiles of ``profile_type``."""
        return ProfileTypeDimension(profile_type)

    @staticmethod
    def exclusive(profile_type: ProfileType) -> ProfileTypeDimension:
        """No profiles of ``profile_type``."""
        return ProfileTypeDimension(profile_type, exclude=True)

    def _render(self) -> Any:
        return _P.ProfileTypeDimensionProperty(
            dimension_type="EXCLUSIVE" if self.exclude else "INCLUSIVE",
            values=[self.profile_type.value],
        )


_STRING_FIELDS = (
    "account_number",
    "first_name",
    "middle_name",
    "last_name",
    "gender_string",
    "party_type_string",
    "phone_number",
    "business_name",
    "business_phone_number",
    "home_phone_number",
    "mobile_phone_number",
    "email_address",
    "personal_email_address",
    "business_email_address",
)
_ADDRESS_FIELDS = ("address", "shipping_address", "mailing_address", "billing_address")


@checked_props
@dataclass(frozen=True, kw_only=True)
class ProfileAttributes:
    """One dimension on the profile's own fields and custom attributes (schema
    ``ProfileAttributes``): the successor of the Pinpoint segment's ``SegmentDimensions``.
    Within it, a profile must meet every filter given; give at least one.

    String fields take a :class:`ProfileDimension`; ``additional_information`` too (values up
    to 1000 characters); ``birth_date`` a :class:`DateDimension`; the four addresses an
    :class:`AddressDimension`; ``attributes`` maps custom attribute names (a letter or
    underscore, then letters, digits, underscores or hyphens) to an
    :class:`AttributeDimension`; ``profile_type`` a :class:`ProfileTypeDimension`.
    Default of each: no filter.
    """

    account_number: ProfileDimension | None = None
    additional_information: ProfileDimension | None = None
    first_name: ProfileDimension | None = None
    middle_name: ProfileDimension | None = None
    last_name: ProfileDimension | None = None
    gender_string: ProfileDimension | None = None
    party_type_string: ProfileDimension | None = None
    birth_date: DateDimension | None = None
    phone_number: ProfileDimension | None = None
    business_name: ProfileDimension | None = None
    business_phone_number: ProfileDimension | None = None
    home_phone_number: ProfileDimension | None = None
    mobile_phone_number: ProfileDimension | None = None
    email_address: ProfileDimension | None = None
    personal_email_address: ProfileDimension | None = None
    business_email_address: ProfileDimension | None = None
    address: AddressDimension | None = None
    shipping_address: AddressDimension | None = None
    mailing_address: AddressDimension | None = None
    billing_address: AddressDimension | None = None
    attributes: Mapping[str, AttributeDimension] | None = None
    profile_type: ProfileTypeDimension | None = None

    def __post_init__(self) -> None:
        for name in _STRING_FIELDS:
            value = getattr(self, name)
            require_instance(f"ProfileAttributes.{name}", value, ProfileDimension)
            if value is not None:
                value._check(f"ProfileAttributes.{name} values", 255)
        require_instance(
            "ProfileAttributes.additional_information",
            self.additional_information,
            ProfileDimension,
        )
        require_instance("ProfileAttributes.birth_date", self.birth_date, DateDimension)
        for name in _ADDRESS_FIELDS:
            require_instance(f"ProfileAttributes.{name}", getattr(self, name), AddressDimension)
        require_instance("ProfileAttributes.profile_type", self.profile_type, ProfileTypeDimension)
        if self.attributes is not None:
            copied = dict(self.attributes)
            for key, value in copied.items():
                _check_attribute_key("ProfileAttributes.attributes", key)
                require_instance(
                    f"ProfileAttributes.attributes[{key!r}]", value, AttributeDimension
                )
            object.__setattr__(self, "attributes", copied)
        if not self._given():
            raise ValueError(
                "ProfileAttributes is empty: give at least one profile field, address, "
                "birth_date, attributes or profile_type"
            )

    def _given(self) -> dict[str, Any]:
        names = (
            *_STRING_FIELDS,
            "additional_information",
            "birth_date",
            *_ADDRESS_FIELDS,
            "attributes",
            "profile_type",
        )
        return {n: getattr(self, n) for n in names if getattr(self, n) is not None}

    def _render(self) -> Any:
        rendered: dict[str, Any] = {}
        for name, value in self._given().items():
            if name == "attributes":
                rendered[name] = {
                    key: dim._render_custom(f"ProfileAttributes.attributes[{key!r}]")
                    for key, dim in value.items()
                }
            elif name == "additional_information":
                rendered[name] = _P.ExtraLengthValueProfileDimensionProperty(
                    dimension_type=value.dimension_type.value, values=list(value.values)
                )
            else:
                rendered[name] = value._render()
        return _P.DimensionProperty(profile_attributes=_P.ProfileAttributesProperty(**rendered))


def _check_attribute_key(prop: str, key: str) -> None:
    if is_unresolved(key):
        return
    if not isinstance(key, str) or not _ATTRIBUTE_KEY.fullmatch(key):
        raise ValueError(
            f"{prop} names must start with a letter or underscore, then letters, digits, "
            f"underscores or hyphens (schema CustomAttributes), got {key!r}"
        )


@checked_props
class CalculatedAttributes:
    """One dimension on calculated attributes (schema ``CalculatedAttributes``), each given as
    a :class:`CalculatedAttribute` construct (or its name):
    ``CalculatedAttributes({purchases_30d: AttributeDimension.greater_than(2)})``."""

    def __init__(self, filters: Mapping[ICalculatedAttribute | str, AttributeDimension]) -> None:
        """
        :param filters: Calculated attributes and the filter on each, at least one.
        """
        items: list[tuple[str, ICalculatedAttribute | None, AttributeDimension]] = []
        for key, dimension in dict(filters).items():
            name = key if isinstance(key, str) else key.calculated_attribute_name
            _check_attribute_key("CalculatedAttributes", name)
            require_instance(f"CalculatedAttributes[{name!r}]", dimension, AttributeDimension)
            items.append((name, None if isinstance(key, str) else key, dimension))
        if not items:
            raise ValueError(
                "CalculatedAttributes is empty: give at least one calculated attribute"
            )
        self._items = items

    @property
    def constructs(self) -> list[ICalculatedAttribute]:
        """The calculated attributes given as constructs."""
        return [c for _, c, _ in self._items if c is not None]

    def _render(self) -> Any:
        return _P.DimensionProperty(
            calculated_attributes={name: d._render_calculated() for name, _, d in self._items}
        )


Dimension = ProfileAttributes | CalculatedAttributes


# ---- sort ----------------------------------------------------------------------------------

# Schema ``SortAttribute.Name``: 1 to 255, ``^[a-zA-Z0-9_.-]+$``; ``SegmentSort.Attributes``: 1
# to 10.
_SORT_NAME = re.compile(r"[a-zA-Z0-9_.-]+")
MAX_SORT_ATTRIBUTES = 10


class SortOrder(enum.Enum):
    """Schema ``SegmentSortOrder``."""

    ASC = "ASC"
    DESC = "DESC"


class SortDataType(enum.Enum):
    """How the sort attribute's values compare (schema ``SegmentSortDataType``)."""

    STRING = "STRING"
    NUMBER = "NUMBER"
    DATE = "DATE"


@checked_props
@dataclass(frozen=True)
class SegmentSortAttribute:
    """One attribute the segment's profiles are sorted by (schema ``SortAttribute``):
    ``SegmentSortAttribute.profile("LastName")``, ``SegmentSortAttribute.calculated(spend,
    SortOrder.DESC, SortDataType.NUMBER)``.

    :param name: The attribute, 1 to 255 letters, digits, underscores, dots or hyphens.
    :param order: Default: ``SortOrder.ASC``.
    :param data_type: Default: the service's.
    :param calculated: A calculated attribute (``CALCULATED``) rather than a profile one.
        Default: ``False`` (``PROFILE``, the schema default).
    """

    name: str
    order: SortOrder = SortOrder.ASC
    data_type: SortDataType | None = None
    calculated: bool = False

    def __post_init__(self) -> None:
        check_length("SegmentSortAttribute.name", self.name, 255)
        if not is_unresolved(self.name) and not _SORT_NAME.fullmatch(self.name):
            raise ValueError(
                "SegmentSortAttribute.name must be letters, digits, underscores, dots or "
                f"hyphens, got {self.name!r}"
            )
        require_enum("SegmentSortAttribute.order", self.order, SortOrder)
        if self.data_type is not None:
            require_enum("SegmentSortAttribute.data_type", self.data_type, SortDataType)

    @staticmethod
    def profile(
        name: str, order: SortOrder = SortOrder.ASC, data_type: SortDataType | None = None
    ) -> SegmentSortAttribute:
        """Sort by a profile attribute (e.g. ``"LastName"``)."""
        return SegmentSortAttribute(name, order, data_type)

    @staticmethod
    def calculated_attribute(
        attribute: ICalculatedAttribute | str,
        order: SortOrder = SortOrder.ASC,
        data_type: SortDataType | None = None,
    ) -> SegmentSortAttribute:
        """Sort by a calculated attribute."""
        name = attribute if isinstance(attribute, str) else attribute.calculated_attribute_name
        return SegmentSortAttribute(name, order, data_type, calculated=True)

    def _render(self) -> Any:
        return _P.SortAttributeProperty(
            name=self.name,
            order=self.order.value,
            data_type=self.data_type.value if self.data_type else None,
            type="CALCULATED" if self.calculated else None,
        )


# ---- segment interface and groups ---------------------------------------------------------


class ISegmentDefinition(IResource, Protocol):
    """A segment definition, defined in this app or imported by name."""

    @property
    def segment_definition_name(self) -> str:
        """The name (what base segments, event triggers and campaigns reference)."""
        ...

    @property
    def segment_definition_arn(self) -> str:
        """``arn:...:profile:<region>:<account>:domains/<domain>/segment-definitions/<name>``."""
        ...

    @property
    def domain(self) -> IProfilesDomain:
        """The domain."""
        ...


@checked_props
@dataclass(frozen=True, kw_only=True)
class SegmentDefinitionGroup:
    """Base segments and the dimensions applied to them (schema ``Group``): the successor of
    the Pinpoint ``SegmentGroup``. Give dimensions, source segments or both.

    :param dimensions: :class:`ProfileAttributes` and :class:`CalculatedAttributes`
        dimensions. Default: none.
    :param source_segments: Base segment definitions, by construct. Default: none (every
        profile of the domain).
    :param source_type: How the source segments combine; ``IncludeOptions.NONE`` keeps the
        profiles in none of them, which excludes them. Default: not written (the service
        decides; the schema documents no default).
    :param type: How the dimensions combine. Default: not written.
    """

    dimensions: Sequence[Dimension] = ()
    source_segments: Sequence[ISegmentDefinition] = ()
    source_type: IncludeOptions | None = None
    type: IncludeOptions | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "dimensions", tuple(self.dimensions))
        object.__setattr__(self, "source_segments", tuple(self.source_segments))
        if not self.dimensions and not self.source_segments:
            raise ValueError(
                "SegmentDefinitionGroup is empty: give dimensions, source_segments or both"
            )
        for index, dimension in enumerate(self.dimensions):
            if not isinstance(dimension, ProfileAttributes | CalculatedAttributes):
                raise TypeError(
                    f"SegmentDefinitionGroup.dimensions[{index}] must be ProfileAttributes or "
                    f"CalculatedAttributes, got {type(dimension).__name__}: {dimension!r}"
                )
        for index, segment in enumerate(self.source_segments):
            if isinstance(segment, str) or not hasattr(segment, "segment_definition_name"):
                raise TypeError(
                    f"SegmentDefinitionGroup.source_segments[{index}] must be a segment "
                    "definition construct (SegmentDefinition or "
                    f"SegmentDefinition.from_segment_definition_name), got {segment!r}"
                )
        for prop in ("source_type", "type"):
            if getattr(self, prop) is not None:
                require_enum(f"SegmentDefinitionGroup.{prop}", getattr(self, prop), IncludeOptions)

    def _render(self) -> Any:
        return _P.GroupProperty(
            dimensions=[d._render() for d in self.dimensions] or None,
            source_segments=[
                _P.SourceSegmentProperty(segment_definition_name=s.segment_definition_name)
                for s in self.source_segments
            ]
            or None,
            source_type=self.source_type.value if self.source_type else None,
            type=self.type.value if self.type else None,
        )


@checked_props
@dataclass(frozen=True, kw_only=True)
class SegmentDefinitionGroups:
    """The groups of a segment definition and how they combine (schema ``SegmentGroup``).

    :param groups: At least one group.
    :param include: How the groups combine. Default: ``IncludeOptions.ALL``.
    """

    groups: Sequence[SegmentDefinitionGroup]
    include: IncludeOptions = IncludeOptions.ALL

    def __post_init__(self) -> None:
        object.__setattr__(self, "groups", tuple(self.groups))
        check_count("SegmentDefinitionGroups.groups", self.groups, 1, None)
        for index, group in enumerate(self.groups):
            require_instance(
                f"SegmentDefinitionGroups.groups[{index}]", group, SegmentDefinitionGroup
            )
        require_enum("SegmentDefinitionGroups.include", self.include, IncludeOptions)

    def _render(self) -> Any:
        return _P.SegmentGroupProperty(
            groups=[g._render() for g in self.groups], include=self.include.value
        )


# ---- segment definition --------------------------------------------------------------------


class _ImportedSegmentDefinition(Resource):
    def __init__(self, scope: Construct, id: str, *, domain: IProfilesDomain, name: str) -> None:
        super().__init__(scope, id)
        self._domain = domain
        self._name = name

    @property
    def segment_definition_name(self) -> str:
        return self._name

    @property
    def segment_definition_arn(self) -> str:
        return profile_arn(self, f"{self._domain.domain_name}/segment-definitions/{self._name}")

    @property
    def domain(self) -> IProfilesDomain:
        return self._domain


def definition_hash(stack: Stack, definition: Mapping[str, Any]) -> str:
    """The first ``NAME_HASH_LENGTH`` hex characters of the SHA-256 of ``definition`` as the
    template will hold it (tokens resolved to their CloudFormation form)."""
    resolved = stack.resolve(dict(definition))
    text = json.dumps(resolved, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:NAME_HASH_LENGTH]


@checked_props
class SegmentDefinition(Resource):
    """A segment definition (``AWS::CustomerProfiles::SegmentDefinition``, construct id
    ``Resource``): the successor of the Pinpoint ``Segment``.

    Give ``groups`` (dimensions and base segments) or ``sql_query``. Example, the profiles
    with an active email endpoint whose city is Berlin, minus the profiles of a test segment::

        SegmentDefinition(self, "BerlinEmail",
            domain=domain,
            display_name="Berlin email",
            groups=SegmentDefinitionGroups(groups=[
                SegmentDefinitionGroup(
                    dimensions=[
                        ProfileAttributes(attributes={
                            "EmailEndpointStatus": AttributeDimension.inclusive("ACTIVE"),
                        }),
                        ProfileAttributes(address=AddressDimension(
                            city=ProfileDimension.inclusive("Berlin"),
                        )),
                    ],
                    type=IncludeOptions.ALL,          # email AND Berlin
                    source_segments=[test_segment],
                    source_type=IncludeOptions.NONE,  # starting from profiles NOT in test
                ),
            ]),
        )

    **Naming.** The resource can't be updated and its name is unique in the domain, so the
    default name is ``<name from the construct path>-<hash>``: the hash covers everything the
    service stores (domain, display name, description, groups, SQL, sort), so any change gives
    a new name and CloudFormation creates the new definition before it deletes the old one. The
    definitions and event triggers that reference it by name change with it and are replaced
    too. With an explicit ``segment_definition_name`` that is your job: a changed definition
    under the same name fails to deploy (the name is taken until the old one is deleted).
    """

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        domain: IProfilesDomain,
        display_name: str | None = None,
        description: str | None = None,
        groups: SegmentDefinitionGroups | None = None,
        sql_query: str | None = None,
        sort: Sequence[SegmentSortAttribute] = (),
        segment_definition_name: str | None = None,
        tags: Mapping[str, str] | None = None,
    ) -> None:
        """
        :param domain: The domain.
        :param display_name: 1 to 255 characters. Default: the construct id.
        :param description: 1 to 4000 characters. Default: none.
        :param groups: Dimensions and base segments. Give this or ``sql_query``.
        :param sql_query: A Spark SQL query over the data store, 1 to 50,000 characters
            (schema ``SegmentSqlQuery``); the domain needs ``data_store=True`` (Amazon Connect
            Administrator Guide, "Enable Customer Profiles", "Data store": the data store "is
            the data used for segmentation powered by Spark SQL"). Give this or ``groups``.
        :param sort: 1 to 10 attributes the segment's profiles are sorted by (schema
            ``SegmentSort``). Default: none.
        :param segment_definition_name: 1 to 64 letters, digits, underscores or hyphens.
            Default: generated from the construct path and a hash of the definition (see
            the class docs).
        :param tags: Default: none.
        """
        super().__init__(scope, id, physical_name=segment_definition_name)
        check_name("segment_definition_name", segment_definition_name)
        display = display_name if display_name is not None else id
        check_length("display_name", display, 255)
        check_length("description", description, 4000)
        check_length("sql_query", sql_query, 50_000)
        require_instance("groups", groups, SegmentDefinitionGroups)
        if (groups is None) == (sql_query is None):
            given = "both" if groups is not None else "neither"
            raise ValueError(
                "SegmentDefinition takes groups or sql_query: a definition is either classic "
                "(SegmentGroups) or SQL (SegmentSqlQuery), which the service reports as "
                f"SegmentType CLASSIC or ENHANCED; got {given}"
            )
        if sql_query is not None and isinstance(domain, ProfilesDomain) and not domain.data_store:
            raise ValueError(
                f"sql_query needs the domain's data store: {domain.node.path} has "
                "data_store=False (SQL segments run on the data store)"
            )
        for group in groups.groups if groups else ():
            for source in group.source_segments:
                if not same_domain(source.domain, domain):
                    raise ValueError(
                        f"groups: source segment {source.segment_definition_name!r} belongs to "
                        f"another domain ({source.domain.node.path}, not {domain.node.path})"
                    )
        sort_list = tuple(sort)
        if sort_list:
            check_count("sort", sort_list, 1, MAX_SORT_ATTRIBUTES)
        for sort_attribute in sort_list:
            require_instance("sort", sort_attribute, SegmentSortAttribute)
        rendered_sort = (
            _P.SegmentSortProperty(attributes=[a._render() for a in sort_list])
            if sort_list
            else None
        )
        rendered_groups = groups._render() if groups else None
        definition = {
            "DomainName": domain.domain_name,
            "DisplayName": display,
            "Description": description,
            "SegmentGroups": rendered_groups,
            "SegmentSqlQuery": sql_query,
            "SegmentSort": rendered_sort,
        }
        self._definition_hash = definition_hash(Stack.of(self), definition)
        if segment_definition_name is None:
            prefix = Names.unique_resource_name(
                self, max_length=NAME_MAX_LENGTH - NAME_HASH_LENGTH - 1, separator="-"
            )
            segment_definition_name = f"{prefix}-{self._definition_hash}"
        self._name = segment_definition_name
        self._domain = domain
        self._resource = customerprofiles.CfnSegmentDefinition(
            self,
            "Resource",
            domain_name=domain.domain_name,
            segment_definition_name=segment_definition_name,
            display_name=display,
            description=description,
            segment_groups=rendered_groups,
            segment_sql_query=sql_query,
            segment_sort=rendered_sort,
            tags=cfn_tags("tags", tags),
        )
        for group in groups.groups if groups else ():
            for source in group.source_segments:
                if isinstance(source, SegmentDefinition):
                    self._resource.node.add_dependency(source)
            for dimension in group.dimensions:
                if isinstance(dimension, CalculatedAttributes):
                    for calculated in dimension.constructs:
                        if isinstance(calculated, CalculatedAttribute):
                            self._resource.node.add_dependency(calculated)

    @property
    def segment_definition_name(self) -> str:
        """The name (a plain string, known at synth)."""
        return self._name

    @property
    def segment_definition_arn(self) -> str:
        """The ARN (the resource's ``SegmentDefinitionArn`` attribute)."""
        return self._resource.attr_segment_definition_arn

    @property
    def domain(self) -> IProfilesDomain:
        """The domain."""
        return self._domain

    @property
    def definition_hash(self) -> str:
        """The hash of the definition that ends the generated name."""
        return self._definition_hash

    @property
    def resource(self) -> customerprofiles.CfnSegmentDefinition:
        """The L1 resource (escape hatch)."""
        return self._resource

    @staticmethod
    def from_segment_definition_name(
        scope: Construct, id: str, *, domain: IProfilesDomain, segment_definition_name: str
    ) -> ISegmentDefinition:
        """A segment definition defined elsewhere, by name."""
        check_name("segment_definition_name", segment_definition_name)
        return _ImportedSegmentDefinition(scope, id, domain=domain, name=segment_definition_name)
