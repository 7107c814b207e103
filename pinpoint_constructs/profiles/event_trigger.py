"""Event triggers (``AWS::CustomerProfiles::EventTrigger``): an object ingested into a domain
that meets conditions starts a destination (an outbound campaign), the successor of
Pinpoint's event-triggered campaigns."""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from aws_cdk import Duration, Names, Resource
from aws_cdk import aws_customerprofiles as customerprofiles
from constructs import Construct

from .._props import checked_props
from .._validation import (
    check_int,
    check_length,
    is_unresolved,
    require_bool,
    require_enum,
    require_instance,
)
from ._common import (
    NAME_MAX_LENGTH,
    as_text,
    cfn_tags,
    check_count,
    check_field_name,
    check_name,
    check_operator_values,
)
from ._interfaces import IEventTrigger
from .domain import IProfilesDomain, same_domain
from .integration import IntegrationSource, ProfilesIntegration
from .object_type import IObjectType, ObjectType
from .segment_definition import ISegmentDefinition, SegmentDefinition

_E = customerprofiles.CfnEventTrigger

#: Limits from the schema (and the API): 1 to 5 conditions, 1 to 10 dimensions per condition,
#: 1 to 10 object attributes per dimension, 1 to 10 values per attribute (each 1 to 255
#: characters), 1 to 4 periods.
MAX_CONDITIONS = 5
MAX_DIMENSIONS = 10
MAX_OBJECT_ATTRIBUTES = 10
MAX_VALUES = 10
MAX_PERIODS = 4


class EventComparisonOperator(enum.Enum):
    """How an object attribute is compared with the values (schema
    ``ObjectAttribute.ComparisonOperator``)."""

    INCLUSIVE = "INCLUSIVE"
    EXCLUSIVE = "EXCLUSIVE"
    CONTAINS = "CONTAINS"
    BEGINS_WITH = "BEGINS_WITH"
    ENDS_WITH = "ENDS_WITH"
    GREATER_THAN = "GREATER_THAN"
    LESS_THAN = "LESS_THAN"
    GREATER_THAN_OR_EQUAL = "GREATER_THAN_OR_EQUAL"
    LESS_THAN_OR_EQUAL = "LESS_THAN_OR_EQUAL"
    EQUAL = "EQUAL"
    BEFORE = "BEFORE"
    AFTER = "AFTER"
    ON = "ON"
    BETWEEN = "BETWEEN"
    NOT_BETWEEN = "NOT_BETWEEN"


class EventTriggerLogicalOperator(enum.Enum):
    """How a condition's dimensions combine (schema ``EventTriggerLogicalOperator``)."""

    ALL = "ALL"
    ANY = "ANY"
    NONE = "NONE"


class PeriodUnit(enum.Enum):
    """The unit of a limit period (schema ``Period.Unit``)."""

    MINUTES = "MINUTES"
    HOURS = "HOURS"
    DAYS = "DAYS"
    WEEKS = "WEEKS"
    MONTHS = "MONTHS"


@checked_props
@dataclass(frozen=True)
class ObjectAttribute:
    """One comparison on the ingested object: ``ObjectAttribute.field("total",
    EventComparisonOperator.GREATER_THAN, 100)``.

    :param comparison_operator: The comparison.
    :param values: 1 to 10 values, each 1 to 255 characters (numbers and dates are written as
        text).
    :param field_name: A field of the object type (1 to 64 letters, digits, underscores, dots
        or hyphens). Give this or ``source``.
    :param source: An attribute of the source object (1 to 1000 characters).
    """

    comparison_operator: EventComparisonOperator
    values: Sequence[str | float | date]
    field_name: str | None = None
    source: str | None = None

    def __post_init__(self) -> None:
        require_enum(
            "ObjectAttribute.comparison_operator", self.comparison_operator, EventComparisonOperator
        )
        if self.field_name is None and self.source is None:
            raise ValueError(
                "ObjectAttribute needs field_name or source (what to compare), got neither"
            )
        check_field_name("ObjectAttribute.field_name", self.field_name)
        check_length("ObjectAttribute.source", self.source, 1000)
        if isinstance(self.values, str):
            raise TypeError(f"ObjectAttribute.values must be a sequence, got {self.values!r}")
        values = tuple(as_text(v) for v in self.values)
        check_count("ObjectAttribute.values", values, 1, MAX_VALUES)
        for value in values:
            check_length("ObjectAttribute.values", value, 255)
        check_operator_values("ObjectAttribute.values", self.comparison_operator.value, values)
        object.__setattr__(self, "values", values)

    @staticmethod
    def field(
        name: str, operator: EventComparisonOperator, *values: str | float | date
    ) -> ObjectAttribute:
        """Compare the object type's field ``name``."""
        return ObjectAttribute(operator, values, field_name=name)

    @staticmethod
    def from_source(
        source: str, operator: EventComparisonOperator, *values: str | float | date
    ) -> ObjectAttribute:
        """Compare an attribute of the source object."""
        return ObjectAttribute(operator, values, source=source)

    def _render(self) -> Any:
        return _E.ObjectAttributeProperty(
            comparison_operator=self.comparison_operator.value,
            values=[str(v) for v in self.values],
            field_name=self.field_name,
            source=self.source,
        )


@checked_props
@dataclass(frozen=True)
class EventTriggerDimension:
    """Object attributes that must all hold (schema ``EventTriggerDimension``), 1 to 10."""

    attributes: Sequence[ObjectAttribute]

    def __post_init__(self) -> None:
        object.__setattr__(self, "attributes", tuple(self.attributes))
        check_count("EventTriggerDimension.attributes", self.attributes, 1, MAX_OBJECT_ATTRIBUTES)
        for attribute in self.attributes:
            require_instance("EventTriggerDimension.attributes", attribute, ObjectAttribute)

    def _render(self) -> Any:
        return _E.EventTriggerDimensionProperty(
            object_attributes=[a._render() for a in self.attributes]
        )


@checked_props
@dataclass(frozen=True)
class EventTriggerCondition:
    """Dimensions and how they combine (schema ``EventTriggerCondition``):
    ``EventTriggerCondition.all(ObjectAttribute.field(...), ...)``.

    :param dimensions: 1 to 10 dimensions (an ``ObjectAttribute`` is a one-attribute
        dimension).
    :param logical_operator: ALL, ANY or NONE of the dimensions.
    """

    dimensions: Sequence[EventTriggerDimension | ObjectAttribute]
    logical_operator: EventTriggerLogicalOperator = EventTriggerLogicalOperator.ALL

    def __post_init__(self) -> None:
        dimensions = tuple(
            EventTriggerDimension([d]) if isinstance(d, ObjectAttribute) else d
            for d in self.dimensions
        )
        check_count("EventTriggerCondition.dimensions", dimensions, 1, MAX_DIMENSIONS)
        for dimension in dimensions:
            require_instance("EventTriggerCondition.dimensions", dimension, EventTriggerDimension)
        require_enum(
            "EventTriggerCondition.logical_operator",
            self.logical_operator,
            EventTriggerLogicalOperator,
        )
        object.__setattr__(self, "dimensions", dimensions)

    @staticmethod
    def all(*dimensions: EventTriggerDimension | ObjectAttribute) -> EventTriggerCondition:
        """Every dimension holds."""
        return EventTriggerCondition(dimensions, EventTriggerLogicalOperator.ALL)

    @staticmethod
    def any(*dimensions: EventTriggerDimension | ObjectAttribute) -> EventTriggerCondition:
        """At least one dimension holds."""
        return EventTriggerCondition(dimensions, EventTriggerLogicalOperator.ANY)

    @staticmethod
    def none(*dimensions: EventTriggerDimension | ObjectAttribute) -> EventTriggerCondition:
        """No dimension holds."""
        return EventTriggerCondition(dimensions, EventTriggerLogicalOperator.NONE)

    def _render(self) -> Any:
        return _E.EventTriggerConditionProperty(
            logical_operator=self.logical_operator.value,
            event_trigger_dimensions=[d._render() for d in self.dimensions],
        )


@checked_props
@dataclass(frozen=True)
class EventTriggerPeriod:
    """At most ``max_invocations_per_profile`` starts per profile in ``value`` ``unit``:
    ``EventTriggerPeriod(1, PeriodUnit.DAYS, max_invocations_per_profile=1)``.

    :param value: 1 to 60 (schema ``Period.Value``).
    :param unit: The unit.
    :param max_invocations_per_profile: 1 to 1000. Default: none.
    :param unlimited: No limit per profile. Default: ``False`` (the service default).
    """

    value: int
    unit: PeriodUnit
    max_invocations_per_profile: int | None = None
    unlimited: bool = False

    def __post_init__(self) -> None:
        check_int("EventTriggerPeriod.value", self.value, 1, 60, optional=False)
        require_enum("EventTriggerPeriod.unit", self.unit, PeriodUnit)
        check_int(
            "EventTriggerPeriod.max_invocations_per_profile",
            self.max_invocations_per_profile,
            1,
            1000,
        )
        require_bool("EventTriggerPeriod.unlimited", self.unlimited)

    def _render(self) -> Any:
        return _E.PeriodProperty(
            value=self.value,
            unit=self.unit.value,
            max_invocations_per_profile=self.max_invocations_per_profile,
            unlimited=self.unlimited or None,
        )


@checked_props
@dataclass(frozen=True, kw_only=True)
class EventTriggerLimits:
    """Limits on when an event starts the destination (schema ``EventTriggerLimits``).

    :param event_expiration: Only events processed within this latency start the
        destination (written in milliseconds). Default: none.
    :param periods: 1 to 4 periods with invocation limits. Default: none.
    """

    event_expiration: Duration | None = None
    periods: Sequence[EventTriggerPeriod] = ()

    def __post_init__(self) -> None:
        require_instance("EventTriggerLimits.event_expiration", self.event_expiration, Duration)
        object.__setattr__(self, "periods", tuple(self.periods))
        if self.periods:
            check_count("EventTriggerLimits.periods", self.periods, 1, MAX_PERIODS)
        for period in self.periods:
            require_instance("EventTriggerLimits.periods", period, EventTriggerPeriod)
        if self.event_expiration is None and not self.periods:
            raise ValueError("EventTriggerLimits is empty: give event_expiration, periods or both")
        if self.event_expiration is not None:
            millis = self.event_expiration.to_milliseconds()
            if not is_unresolved(millis) and millis < 1:
                raise ValueError(
                    "EventTriggerLimits.event_expiration must be positive, got "
                    f"{self.event_expiration.to_human_string()}"
                )

    def _render(self) -> Any:
        return _E.EventTriggerLimitsProperty(
            event_expiration=(
                self.event_expiration.to_milliseconds() if self.event_expiration else None
            ),
            periods=[p._render() for p in self.periods] or None,
        )


class _ImportedEventTrigger(Resource):
    def __init__(self, scope: Construct, id: str, *, domain: IProfilesDomain, name: str) -> None:
        super().__init__(scope, id)
        self._domain = domain
        self._name = name

    @property
    def event_trigger_name(self) -> str:
        return self._name

    @property
    def domain(self) -> IProfilesDomain:
        return self._domain


@checked_props
class EventTrigger(Resource):
    """An event trigger (``AWS::CustomerProfiles::EventTrigger``, construct id ``Resource``).

    Example, a purchase over 100 by a profile of the Berlin segment starts a campaign, at most
    once a day per profile::

        trigger = EventTrigger(self, "BigPurchase",
            domain=domain,
            object_type=purchases,
            conditions=[EventTriggerCondition.all(
                ObjectAttribute.field("total", EventComparisonOperator.GREATER_THAN, 100),
            )],
            segment_filter=berlin,
            limits=EventTriggerLimits(periods=[
                EventTriggerPeriod(1, PeriodUnit.DAYS, max_invocations_per_profile=1),
            ]),
        )
        trigger.add_campaign_target(campaign.campaign_arn)

    The destination is an integration naming this trigger (the schema allows exactly one
    trigger name per integration: :meth:`add_campaign_target` adds one per campaign).
    The API's ``IntentFilterDefinition`` has no CloudFormation property.
    """

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        domain: IProfilesDomain,
        object_type: IObjectType,
        conditions: Sequence[EventTriggerCondition],
        segment_filter: ISegmentDefinition | None = None,
        limits: EventTriggerLimits | None = None,
        event_trigger_name: str | None = None,
        description: str | None = None,
        tags: Mapping[str, str] | None = None,
    ) -> None:
        """
        :param domain: The domain.
        :param object_type: The object type whose ingested objects are checked.
        :param conditions: 1 to 5 conditions.
        :param segment_filter: Only profiles of this segment definition trigger.
            Default: every profile.
        :param limits: Latency and per-profile limits. Default: none.
        :param event_trigger_name: 1 to 64 letters, digits, underscores or hyphens.
            Changing it replaces the trigger. Default: derived from the construct path.
        :param description: 1 to 1000 characters. Default: none.
        :param tags: Default: none.
        """
        super().__init__(scope, id, physical_name=event_trigger_name)
        check_name("event_trigger_name", event_trigger_name)
        check_length("description", description, 1000)
        condition_list = tuple(conditions)
        check_count("conditions", condition_list, 1, MAX_CONDITIONS)
        for condition in condition_list:
            require_instance("conditions", condition, EventTriggerCondition)
        require_instance("limits", limits, EventTriggerLimits)
        if not same_domain(object_type.domain, domain):
            raise ValueError(
                f"object_type {object_type.object_type_name!r} belongs to another domain "
                f"({object_type.domain.node.path}, not {domain.node.path})"
            )
        if segment_filter is not None and not same_domain(segment_filter.domain, domain):
            raise ValueError(
                f"segment_filter {segment_filter.segment_definition_name!r} belongs to another "
                f"domain ({segment_filter.domain.node.path}, not {domain.node.path})"
            )
        name = event_trigger_name or Names.unique_resource_name(
            self, max_length=NAME_MAX_LENGTH, separator="-"
        )
        self._name = name
        self._domain = domain
        self._targets: list[str] = []
        self._resource = customerprofiles.CfnEventTrigger(
            self,
            "Resource",
            domain_name=domain.domain_name,
            event_trigger_name=name,
            object_type_name=object_type.object_type_name,
            event_trigger_conditions=[c._render() for c in condition_list],
            segment_filter=segment_filter.segment_definition_name if segment_filter else None,
            event_trigger_limits=limits._render() if limits else None,
            description=description,
            tags=cfn_tags("tags", tags),
        )
        if isinstance(object_type, ObjectType):
            self._resource.node.add_dependency(object_type)
        if isinstance(segment_filter, SegmentDefinition):
            self._resource.node.add_dependency(segment_filter)

    @property
    def event_trigger_name(self) -> str:
        """The name (a plain string)."""
        return self._name

    @property
    def domain(self) -> IProfilesDomain:
        """The domain."""
        return self._domain

    @property
    def resource(self) -> customerprofiles.CfnEventTrigger:
        """The L1 resource (escape hatch)."""
        return self._resource

    @staticmethod
    def from_event_trigger_name(
        scope: Construct, id: str, *, domain: IProfilesDomain, event_trigger_name: str
    ) -> IEventTrigger:
        """An event trigger defined elsewhere, by name."""
        check_name("event_trigger_name", event_trigger_name)
        return _ImportedEventTrigger(scope, id, domain=domain, name=event_trigger_name)

    def add_campaign_target(self, campaign_arn: str) -> ProfilesIntegration:
        """Start the outbound campaign ``campaign_arn`` when this trigger fires: an
        integration with ``Uri`` = the campaign ARN and ``EventTriggerNames`` = this trigger
        (construct id ``CampaignTarget<n>`` under this trigger). The campaign names this
        trigger as its source (``CampaignSource.event_trigger``). An integration is
        identified by domain and URI, so one campaign has one trigger."""
        check_length("campaign_arn", campaign_arn, 255)
        if campaign_arn in self._targets:
            raise ValueError(
                f"campaign_arn {campaign_arn!r} is already a target of {self.node.path}"
            )
        self._targets.append(campaign_arn)
        return ProfilesIntegration(
            self,
            f"CampaignTarget{len(self._targets)}",
            domain=self._domain,
            source=IntegrationSource.destination(campaign_arn),
            event_trigger=self,
        )
