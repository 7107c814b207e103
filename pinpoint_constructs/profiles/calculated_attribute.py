"""Calculated attributes (``AWS::CustomerProfiles::CalculatedAttributeDefinition``): a value
computed per profile from its objects (a count, sum, last occurrence ...), the successor of
Pinpoint's endpoint metrics and recency filters in segments."""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from aws_cdk import Duration, IResource, Names, Resource
from aws_cdk import aws_customerprofiles as customerprofiles
from constructs import Construct

from .._props import checked_props
from .._validation import (
    check_int,
    check_length,
    check_pattern,
    duration_days,
    require_bool,
    require_enum,
    require_instance,
)
from ._common import TYPE_NAME_MAX_LENGTH, cfn_tags, check_count, check_type_name
from .domain import IProfilesDomain

_C = customerprofiles.CfnCalculatedAttributeDefinition

# Schema ``DisplayName``: ``^[a-zA-Z_][a-zA-Z_0-9-\s]*$``, 1 to 255.
_DISPLAY_NAME = re.compile(r"[a-zA-Z_][a-zA-Z_0-9-\s]*")
# Schema ``AttributeName``: 1 to 64, ``^[a-zA-Z0-9_.-]+$``.
_ATTRIBUTE_NAME = re.compile(r"[a-zA-Z0-9_.-]+")
_INT32_MAX = 2_147_483_647


class CalculatedStatistic(enum.Enum):
    """How the attribute's values over the range become one value (schema ``Statistic``;
    the API's ``RECENT_OCCURRENCES`` is not in the CloudFormation schema)."""

    FIRST_OCCURRENCE = "FIRST_OCCURRENCE"
    LAST_OCCURRENCE = "LAST_OCCURRENCE"
    COUNT = "COUNT"
    SUM = "SUM"
    MINIMUM = "MINIMUM"
    MAXIMUM = "MAXIMUM"
    AVERAGE = "AVERAGE"
    MAX_OCCURRENCE = "MAX_OCCURRENCE"


class ThresholdOperator(enum.Enum):
    """How the value is compared with a threshold (schema ``ThresholdOperator``)."""

    EQUAL_TO = "EQUAL_TO"
    GREATER_THAN = "GREATER_THAN"
    LESS_THAN = "LESS_THAN"
    NOT_EQUAL_TO = "NOT_EQUAL_TO"


@checked_props
@dataclass(frozen=True)
class Threshold:
    """The value is true when it compares so with ``value`` (schema ``Threshold``).

    :param operator: The comparison.
    :param value: 1 to 255 characters (a number as text, e.g. ``"100"``).
    """

    operator: ThresholdOperator
    value: str

    def __post_init__(self) -> None:
        require_enum("Threshold.operator", self.operator, ThresholdOperator)
        check_length("Threshold.value", self.value, 255)

    def _render(self) -> Any:
        return _C.ThresholdProperty(operator=self.operator.value, value=self.value)


@checked_props
@dataclass(frozen=True)
class CalculatedAttributeRange:
    """The time range of objects counted: ``CalculatedAttributeRange.last(Duration.days(30))``
    or ``CalculatedAttributeRange.between(-60, -30)`` (days relative to today).

    :param days: The last ``days`` whole days, 1 to 2147483647 (schema ``RangeValue``).
    :param start: With ``end``: the first day of the range, relative to today.
    :param end: The last day of the range, relative to today (schema ``ValueRange``).
    :param timestamp_source: The object field holding each object's time, e.g.
        ``"{Purchase.timestamp}"`` (1 to 255 characters). Default: ingestion time.
    :param timestamp_format: Its format (1 to 255 characters), e.g. ``"EPOCHMILLI"``.
        Default: the service's.
    """

    days: int | None = None
    start: int | None = None
    end: int | None = None
    timestamp_source: str | None = None
    timestamp_format: str | None = None

    def __post_init__(self) -> None:
        if (self.days is None) == (self.start is None):
            raise ValueError(
                "CalculatedAttributeRange needs days or start and end, got "
                f"days={self.days!r}, start={self.start!r}, end={self.end!r}"
            )
        check_int("CalculatedAttributeRange.days", self.days, 1, _INT32_MAX)
        if self.start is not None:
            check_int("CalculatedAttributeRange.start", self.start, -_INT32_MAX - 1, _INT32_MAX)
            check_int(
                "CalculatedAttributeRange.end",
                self.end,
                -_INT32_MAX - 1,
                _INT32_MAX,
                optional=False,
            )
        check_length("CalculatedAttributeRange.timestamp_source", self.timestamp_source, 255)
        check_length("CalculatedAttributeRange.timestamp_format", self.timestamp_format, 255)

    @staticmethod
    def last(period: Duration, **kwargs: Any) -> CalculatedAttributeRange:
        """The last ``period`` (whole days)."""
        return CalculatedAttributeRange(
            days=duration_days("CalculatedAttributeRange.last", period, 1), **kwargs
        )

    @staticmethod
    def between(start: int, end: int, **kwargs: Any) -> CalculatedAttributeRange:
        """Days ``start`` to ``end`` relative to today (negative: in the past)."""
        return CalculatedAttributeRange(start=start, end=end, **kwargs)

    def _render(self) -> Any:
        return _C.RangeProperty(
            unit="DAYS",
            value=self.days,
            value_range=(
                _C.ValueRangeProperty(start=self.start, end=int(self.end or 0))
                if self.start is not None
                else None
            ),
            timestamp_source=self.timestamp_source,
            timestamp_format=self.timestamp_format,
        )


class ICalculatedAttribute(IResource, Protocol):
    """A calculated attribute definition of a domain."""

    @property
    def calculated_attribute_name(self) -> str:
        """Its name, as segment definitions name it."""
        ...


@checked_props
class CalculatedAttribute(Resource):
    """A calculated attribute (``AWS::CustomerProfiles::CalculatedAttributeDefinition``,
    construct id ``Resource``).

    Example, the number of purchases in the last 30 days::

        CalculatedAttribute(self, "Purchases30d",
            domain=domain,
            calculated_attribute_name="purchases_30d",
            attributes=["Purchase.orderId"],
            expression="{Purchase.orderId}",
            statistic=CalculatedStatistic.COUNT,
            range=CalculatedAttributeRange.last(Duration.days(30)),
        )

    Rules from the schema: name (``CalculatedAttributeName``), display name
    (``^[a-zA-Z_][a-zA-Z_0-9-\\s]*$``), 1 or 2 distinct attributes (``AttributeList``; the API
    allows 50, CloudFormation 2), expression 1 to 255 characters, object count 1 to 300.
    """

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        domain: IProfilesDomain,
        attributes: Sequence[str],
        expression: str,
        statistic: CalculatedStatistic,
        calculated_attribute_name: str | None = None,
        display_name: str | None = None,
        description: str | None = None,
        range: CalculatedAttributeRange | None = None,
        object_count: int | None = None,
        threshold: Threshold | None = None,
        use_historical_data: bool | None = None,
        tags: Mapping[str, str] | None = None,
    ) -> None:
        """
        :param domain: The domain.
        :param attributes: The object attributes the expression reads, 1 or 2, each 1 to 64
            letters, digits, underscores, dots or hyphens (e.g. ``"Purchase.total"``).
        :param expression: The expression, e.g. ``"{Purchase.total}"``, 1 to 255 characters.
        :param statistic: How values combine.
        :param calculated_attribute_name: Default: a name derived from the construct path.
        :param display_name: Default: none.
        :param description: 1 to 1000 characters. Default: none.
        :param range: Which objects count, by time. Default: all.
        :param object_count: Count only the latest 1 to 300 objects. Default: all.
        :param threshold: Turn the value into true/false. Default: none.
        :param use_historical_data: Compute over data ingested before the definition
            existed. Default: the service's.
        :param tags: Default: none.
        """
        super().__init__(scope, id, physical_name=calculated_attribute_name)
        check_type_name("calculated_attribute_name", calculated_attribute_name)
        check_length("display_name", display_name, 255)
        check_pattern(
            "display_name",
            display_name,
            _DISPLAY_NAME,
            "a letter or underscore, then letters, digits, underscores, hyphens or spaces",
        )
        check_length("description", description, 1000)
        check_length("expression", expression, 255)
        attribute_list = list(attributes)
        check_count("attributes", attribute_list, 1, 2)
        if len(set(attribute_list)) != len(attribute_list):
            raise ValueError(f"attributes must be distinct, got {attribute_list}")
        for name in attribute_list:
            check_length("attributes", name, 64)
            check_pattern(
                "attributes", name, _ATTRIBUTE_NAME, "letters, digits, underscores, dots or hyphens"
            )
        statistic = require_enum("statistic", statistic, CalculatedStatistic)
        require_instance("range", range, CalculatedAttributeRange)
        require_instance("threshold", threshold, Threshold)
        check_int("object_count", object_count, 1, 300)
        if use_historical_data is not None:
            require_bool("use_historical_data", use_historical_data)
        name = calculated_attribute_name or Names.unique_resource_name(
            self, max_length=TYPE_NAME_MAX_LENGTH, separator="-"
        )
        self._name = name
        self._domain = domain
        conditions = None
        if range is not None or object_count is not None or threshold is not None:
            conditions = _C.ConditionsProperty(
                range=range._render() if range else None,
                object_count=object_count,
                threshold=threshold._render() if threshold else None,
            )
        self._resource = customerprofiles.CfnCalculatedAttributeDefinition(
            self,
            "Resource",
            domain_name=domain.domain_name,
            calculated_attribute_name=name,
            attribute_details=_C.AttributeDetailsProperty(
                attributes=[_C.AttributeItemProperty(name=a) for a in attribute_list],
                expression=expression,
            ),
            statistic=statistic.value,
            conditions=conditions,
            display_name=display_name,
            description=description,
            use_historical_data=use_historical_data,
            tags=cfn_tags("tags", tags),
        )

    @property
    def calculated_attribute_name(self) -> str:
        """The name."""
        return self._name

    @property
    def domain(self) -> IProfilesDomain:
        """The domain."""
        return self._domain

    @property
    def resource(self) -> customerprofiles.CfnCalculatedAttributeDefinition:
        """The L1 resource (escape hatch)."""
        return self._resource
