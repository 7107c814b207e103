"""Every validation rule of the Customer Profiles constructs, with bad input and the message
(prop name and value). Sources are cited at each rule in the code."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import aws_cdk as cdk
import pytest
from aws_cdk import aws_kms as kms
from aws_cdk import aws_s3 as s3

from pinpoint_constructs import (
    AddressDimension,
    AttributeDimension,
    AttributeDimensionType,
    AutoMerging,
    CalculatedAttribute,
    CalculatedAttributeRange,
    CalculatedAttributes,
    CalculatedStatistic,
    ConflictResolution,
    ConflictResolvingModel,
    DateDimension,
    DateDimensionType,
    EndpointChannel,
    EventComparisonOperator,
    EventTrigger,
    EventTriggerCondition,
    EventTriggerDimension,
    EventTriggerLimits,
    EventTriggerPeriod,
    FieldMapping,
    IntegrationSource,
    MatchingDay,
    MatchingExport,
    MlMatching,
    ObjectAttribute,
    ObjectType,
    ObjectTypeKey,
    PeriodUnit,
    PinpointEndpointObjectType,
    ProfileAttributes,
    ProfileDimension,
    ProfilesDomain,
    ProfilesIntegration,
    ProfileTypeDimension,
    RuleBasedMatching,
    SegmentDefinition,
    SegmentDefinitionGroup,
    SegmentDefinitionGroups,
    SegmentSortAttribute,
    StandardIdentifier,
    StringDimensionType,
    Threshold,
    ThresholdOperator,
)


def fails(error: type[Exception], message: str) -> Any:
    return pytest.raises(error, match=re.escape(message))


# ---- value objects (no stack needed) -------------------------------------------------------

VALUE_RULES: list[tuple[str, Callable[[], Any], type[Exception], str]] = [
    (
        "conflict source name length",
        lambda: ConflictResolution(ConflictResolvingModel.SOURCE, source_name="x" * 256),
        ValueError,
        "ConflictResolution.source_name must be 1 to 255 characters long, got 256",
    ),
    (
        "conflict model enum",
        lambda: ConflictResolution("RECENCY"),  # type: ignore[arg-type]
        TypeError,
        "model must be a ConflictResolvingModel (RECENCY, SOURCE), got str: 'RECENCY'",
    ),
    (
        "auto merging lists",
        lambda: AutoMerging(matching_attributes=[["a"]] * 11),
        ValueError,
        "AutoMerging.matching_attributes must have 1 to 10 items, got 11",
    ),
    (
        "auto merging names per list",
        lambda: AutoMerging(matching_attributes=[["a"] * 21]),
        ValueError,
        "AutoMerging.matching_attributes[0] must have 1 to 20 items, got 21",
    ),
    (
        "auto merging confidence",
        lambda: AutoMerging(min_confidence_score=1.5),
        ValueError,
        "AutoMerging.min_confidence_score must be between 0 and 1, got 1.5",
    ),
    (
        "matching day without time",
        lambda: MlMatching(day=MatchingDay.MONDAY),
        ValueError,
        "MlMatching.day and MlMatching.time go together",
    ),
    (
        "matching time pattern",
        lambda: MlMatching(day=MatchingDay.MONDAY, time="24:00"),
        ValueError,
        "MlMatching.time must be a 24-hour time H:MM or HH:MM, got '24:00'",
    ),
    (
        "rule count",
        lambda: RuleBasedMatching(rules=[["EmailAddress"]] * 16),
        ValueError,
        "RuleBasedMatching.rules must have 1 to 15 items, got 16",
    ),
    (
        "rule attributes",
        lambda: RuleBasedMatching(rules=[[]]),
        ValueError,
        "RuleBasedMatching.rules[0] must have 1 to 15 items, got 0",
    ),
    (
        "rule attribute length",
        lambda: RuleBasedMatching(rules=[["x" * 256]]),
        ValueError,
        "RuleBasedMatching.rules[0] must be 1 to 255 characters long, got 256",
    ),
    (
        "rule level",
        lambda: RuleBasedMatching(rules=[["EmailAddress"]], max_rule_level_for_matching=16),
        ValueError,
        "RuleBasedMatching.max_rule_level_for_matching must be between 1 and 15, got 16",
    ),
    (
        "merge level",
        lambda: RuleBasedMatching(rules=[["EmailAddress"]], max_rule_level_for_merging=0),
        ValueError,
        "RuleBasedMatching.max_rule_level_for_merging must be between 1 and 15, got 0",
    ),
    (
        "email types count",
        lambda: RuleBasedMatching(rules=[["EmailAddress"]], email_types=["a", "b", "c", "d"]),
        ValueError,
        "RuleBasedMatching.email_types must have 1 to 3 items, got 4",
    ),
    (
        "selector needs model",
        lambda: RuleBasedMatching(rules=[["EmailAddress"]], phone_types=["PhoneNumber"]),
        ValueError,
        "RuleBasedMatching.attribute_matching_model is required with email_types",
    ),
    (
        "field source length",
        lambda: FieldMapping("x" * 1001),
        ValueError,
        "FieldMapping.source must be 1 to 1000 characters long, got 1001",
    ),
    (
        "field target standard field",
        lambda: FieldMapping.to_profile("City", "Town"),
        ValueError,
        "FieldMapping.target must name a standard profile field after _profile.",
    ),
    (
        "field target address member",
        lambda: FieldMapping.to_profile("City", "Address.Town"),
        ValueError,
        "FieldMapping.target must name an address member after _profile.Address.",
    ),
    (
        "field target attribute name",
        lambda: FieldMapping("_source.x", "_profile.Attributes"),
        ValueError,
        "FieldMapping.target must name the attribute: _profile.Attributes.<name>, "
        "got '_profile.Attributes'",
    ),
    (
        "key field names",
        lambda: ObjectTypeKey([], [StandardIdentifier.PROFILE]),
        ValueError,
        "ObjectTypeKey.field_names must have at least 1 items, got 0",
    ),
    (
        "key field name pattern",
        lambda: ObjectTypeKey(["a.b"], [StandardIdentifier.PROFILE]),
        ValueError,
        "ObjectTypeKey.field_names must be letters, digits, underscores (_) or hyphens (-), "
        "got 'a.b'",
    ),
    (
        "key identifiers",
        lambda: ObjectTypeKey(["a"], []),
        ValueError,
        "ObjectTypeKey.identifiers must have at least 1 items, got 0",
    ),
    (
        "threshold value",
        lambda: Threshold(ThresholdOperator.GREATER_THAN, ""),
        ValueError,
        "Threshold.value must be 1 to 255 characters long, got 0 characters: ''",
    ),
    (
        "range days or start",
        lambda: CalculatedAttributeRange(),
        ValueError,
        "CalculatedAttributeRange needs days or start and end, got days=None",
    ),
    (
        "range days",
        lambda: CalculatedAttributeRange(days=0),
        ValueError,
        "CalculatedAttributeRange.days must be between 1 and 2147483647, got 0",
    ),
    (
        "range end",
        lambda: CalculatedAttributeRange(start=-5),
        TypeError,
        "CalculatedAttributeRange.end must be a whole number, got NoneType: None",
    ),
    (
        "range last whole days",
        lambda: CalculatedAttributeRange.last(cdk.Duration.hours(36)),
        ValueError,
        "CalculatedAttributeRange.last must be at least 1 whole days, got 1 day 12 hours",
    ),
    (
        "dimension values count",
        lambda: ProfileDimension.inclusive(*["x"] * 51),
        ValueError,
        "ProfileDimension INCLUSIVE values must have 1 to 50 items, got 51",
    ),
    (
        "dimension needs values",
        lambda: AttributeDimension.inclusive(),
        ValueError,
        "AttributeDimension INCLUSIVE values must have 1 to 50 items, got 0",
    ),
    (
        "attribute value length",
        lambda: AttributeDimension.inclusive("x" * 256),
        ValueError,
        "AttributeDimension INCLUSIVE values must be 1 to 255 characters long, got 256",
    ),
    (
        "profile dimension operator type",
        lambda: ProfileDimension(AttributeDimensionType.GREATER_THAN, ["1"]),  # type: ignore[arg-type]
        TypeError,
        (
            "dimension_type must be a StringDimensionType (INCLUSIVE, EXCLUSIVE, CONTAINS,"
            " BEGINS_WITH, ENDS_WITH), got AttributeDimensionType: <AttributeDimensionType.GREATE"
            "R_THAN: 'GREATER_THAN'>"
        ),
    ),
    (
        "range end without start",
        lambda: AttributeDimension(AttributeDimensionType.EQUAL, ["1"], range_end=3),
        ValueError,
        "AttributeDimension.range_end needs range_start, got range_end=3",
    ),
    (
        "range override bounds",
        lambda: AttributeDimension(AttributeDimensionType.EQUAL, ["1"], range_start=2**31),
        ValueError,
        "AttributeDimension.range_start must be between -2147483648 and 2147483647",
    ),
    (
        "empty address",
        lambda: AddressDimension(),
        ValueError,
        "AddressDimension is empty",
    ),
    (
        "address city length",
        lambda: AddressDimension(city=ProfileDimension.inclusive("x" * 256)),
        ValueError,
        "AddressDimension.city values must be 1 to 255 characters long, got 256",
    ),
    (
        "profile string field value length",
        lambda: ProfileAttributes(first_name=ProfileDimension.inclusive("x" * 256)),
        ValueError,
        "ProfileAttributes.first_name values must be 1 to 255 characters long, got 256",
    ),
    (
        "empty profile attributes",
        lambda: ProfileAttributes(),
        ValueError,
        "ProfileAttributes is empty",
    ),
    (
        "custom attribute name",
        lambda: ProfileAttributes(attributes={"1city": AttributeDimension.inclusive("x")}),
        ValueError,
        "ProfileAttributes.attributes names must start with a letter or underscore, then "
        "letters, digits, underscores or hyphens (schema CustomAttributes), got '1city'",
    ),
    (
        "range override on custom attribute",
        lambda: ProfileAttributes(
            attributes={
                "a": AttributeDimension(AttributeDimensionType.EQUAL, ["1"], range_start=-1)
            }
        )._render(),
        ValueError,
        "ProfileAttributes.attributes['a']: range_start applies to calculated attributes only",
    ),
    (
        "empty calculated attributes",
        lambda: CalculatedAttributes({}),
        ValueError,
        "CalculatedAttributes is empty",
    ),
    (
        "calculated attribute name",
        lambda: CalculatedAttributes({"a.b": AttributeDimension.equal(1)}),
        ValueError,
        "CalculatedAttributes names must start with a letter or underscore",
    ),
    (
        "empty group",
        lambda: SegmentDefinitionGroup(),
        ValueError,
        "SegmentDefinitionGroup is empty: give dimensions, source_segments or both",
    ),
    (
        "group dimension type",
        lambda: SegmentDefinitionGroup(dimensions=[AttributeDimension.equal(1)]),  # type: ignore[list-item]
        TypeError,
        (
            "dimensions[0] must be a ProfileAttributes or a CalculatedAttributes, got AttributeDi"
            "mension: AttributeDimension(dimension_type=<AttributeDimensionType.EQUAL: 'EQUAL'>,"
            " values=('1',), range_start=None,"
        ),
    ),
    (
        "source segment by name",
        lambda: SegmentDefinitionGroup(source_segments=["test"]),  # type: ignore[list-item]
        TypeError,
        "source_segments[0] must be an ISegmentDefinition, got str: 'test'",
    ),
    (
        "no groups",
        lambda: SegmentDefinitionGroups(groups=[]),
        ValueError,
        "SegmentDefinitionGroups.groups must have at least 1 items, got 0",
    ),
    (
        "object attribute subject",
        lambda: ObjectAttribute(EventComparisonOperator.EQUAL, ["1"]),
        ValueError,
        "ObjectAttribute needs field_name or source (what to compare), got neither",
    ),
    (
        "object attribute field name",
        lambda: ObjectAttribute.field("total price", EventComparisonOperator.EQUAL, 1),
        ValueError,
        "ObjectAttribute.field_name must be letters, digits, underscores (_), dots (.) or "
        "hyphens (-), got 'total price'",
    ),
    (
        "object attribute source length",
        lambda: ObjectAttribute.from_source("x" * 1001, EventComparisonOperator.EQUAL, 1),
        ValueError,
        "ObjectAttribute.source must be 1 to 1000 characters long, got 1001",
    ),
    (
        "object attribute values",
        lambda: ObjectAttribute.field("a", EventComparisonOperator.INCLUSIVE, *"abcdefghijk"),
        ValueError,
        "ObjectAttribute.values must have 1 to 10 items, got 11",
    ),
    (
        "object attribute value length",
        lambda: ObjectAttribute.field("a", EventComparisonOperator.INCLUSIVE, "x" * 256),
        ValueError,
        "ObjectAttribute.values must be 1 to 255 characters long, got 256",
    ),
    (
        "dimension attributes",
        lambda: EventTriggerDimension([]),
        ValueError,
        "EventTriggerDimension.attributes must have 1 to 10 items, got 0",
    ),
    (
        "condition dimensions",
        lambda: EventTriggerCondition.all(
            *[ObjectAttribute.field("a", EventComparisonOperator.EQUAL, 1)] * 11
        ),
        ValueError,
        "EventTriggerCondition.dimensions must have 1 to 10 items, got 11",
    ),
    (
        "period value",
        lambda: EventTriggerPeriod(61, PeriodUnit.DAYS),
        ValueError,
        "EventTriggerPeriod.value must be between 1 and 60, got 61",
    ),
    (
        "period invocations",
        lambda: EventTriggerPeriod(1, PeriodUnit.DAYS, max_invocations_per_profile=1001),
        ValueError,
        "EventTriggerPeriod.max_invocations_per_profile must be between 1 and 1000, got 1001",
    ),
    (
        "empty limits",
        lambda: EventTriggerLimits(),
        ValueError,
        "EventTriggerLimits is empty",
    ),
    (
        "periods count",
        lambda: EventTriggerLimits(periods=[EventTriggerPeriod(1, PeriodUnit.DAYS)] * 5),
        ValueError,
        "EventTriggerLimits.periods must have 1 to 4 items, got 5",
    ),
    (
        "event expiration",
        lambda: EventTriggerLimits(event_expiration=cdk.Duration.seconds(0)),
        ValueError,
        "EventTriggerLimits.event_expiration must be positive, got 0 seconds",
    ),
    (
        "profile type enum",
        lambda: ProfileTypeDimension.inclusive("PROFILE"),  # type: ignore[arg-type]
        TypeError,
        "profile_type must be a ProfileType (PROFILE, ACCOUNT_PROFILE), got str: 'PROFILE'",
    ),
    (
        "date dimension operator",
        lambda: DateDimension(StringDimensionType.INCLUSIVE, ["2000-01-01"]),  # type: ignore[arg-type]
        TypeError,
        (
            "dimension_type must be a DateDimensionType (BEFORE, AFTER, BETWEEN, NOT_BETWEEN,"
            " ON), got StringDimensionType: <StringDimensionType.INCLUSIVE: 'INCLUSIVE'>"
        ),
    ),
    (
        "dimension values are a sequence",
        lambda: ProfileDimension(StringDimensionType.INCLUSIVE, "Berlin"),
        TypeError,
        "values must be a sequence of strings, got the string 'Berlin'",
    ),
    (
        "attribute values are a sequence",
        lambda: AttributeDimension(AttributeDimensionType.INCLUSIVE, "gold"),
        TypeError,
        "values must be a sequence of (string or a number or a date), got the string 'gold'",
    ),
    (
        "dimension values are strings",
        lambda: ProfileDimension(StringDimensionType.INCLUSIVE, [5]),  # type: ignore[list-item]
        TypeError,
        "values[0] must be a string, got int: 5",
    ),
    (
        "object attribute values are a sequence",
        lambda: ObjectAttribute(EventComparisonOperator.EQUAL, "5", field_name="a"),
        TypeError,
        "values must be a sequence of (string or a number or a date), got the string '5'",
    ),
    (
        "object attribute operator",
        lambda: ObjectAttribute.field("a", "EQUAL", 5),  # type: ignore[arg-type]
        TypeError,
        (
            "operator must be an EventComparisonOperator (INCLUSIVE, EXCLUSIVE, CONTAINS,"
            " BEGINS_WITH, ENDS_WITH, GREATER_THAN, LESS_THAN, GREATER_THAN_OR_EQUAL, LESS_THAN_O"
            "R_EQUAL, EQUAL, BEFORE, AFTER, ...), got"
        ),
    ),
    (
        "profile field type",
        lambda: ProfileAttributes(first_name=AttributeDimension.inclusive("Ann")),  # type: ignore[arg-type]
        TypeError,
        (
            "first_name must be a ProfileDimension, got AttributeDimension: AttributeDimension"
            "(dimension_type=<AttributeDimensionType.INCLUSIVE: 'INCLUSIVE'>, values=('Ann',),"
            " range_start=None,..."
        ),
    ),
    (
        "profile birth date type",
        lambda: ProfileAttributes(birth_date=ProfileDimension.inclusive("x")),  # type: ignore[arg-type]
        TypeError,
        (
            "birth_date must be a DateDimension, got ProfileDimension: ProfileDimension"
            "(dimension_type=<StringDimensionType.INCLUSIVE: 'INCLUSIVE'>, values=('x',))"
        ),
    ),
    (
        "profile address type",
        lambda: ProfileAttributes(address=ProfileDimension.inclusive("x")),  # type: ignore[arg-type]
        TypeError,
        (
            "address must be an AddressDimension, got ProfileDimension: ProfileDimension"
            "(dimension_type=<StringDimensionType.INCLUSIVE: 'INCLUSIVE'>, values=('x',))"
        ),
    ),
    (
        "custom attribute filter type",
        lambda: ProfileAttributes(attributes={"a": ProfileDimension.inclusive("x")}),  # type: ignore[dict-item]
        TypeError,
        (
            "attributes['a'] must be an AttributeDimension, got ProfileDimension: ProfileDimensio"
            "n(dimension_type=<StringDimensionType.INCLUSIVE: 'INCLUSIVE'>, values=('x',))"
        ),
    ),
    (
        "group type enum",
        lambda: SegmentDefinitionGroup(
            dimensions=[ProfileAttributes(attributes={"a": AttributeDimension.inclusive("x")})],
            type="ALL",  # type: ignore[arg-type]
        ),
        TypeError,
        "type must be an IncludeOptions (ALL, ANY, NONE), got str: 'ALL'",
    ),
    (
        "groups include enum",
        lambda: SegmentDefinitionGroups(
            groups=[
                SegmentDefinitionGroup(
                    dimensions=[
                        ProfileAttributes(attributes={"a": AttributeDimension.inclusive("x")})
                    ]
                )
            ],
            include="ANY",  # type: ignore[arg-type]
        ),
        TypeError,
        "include must be an IncludeOptions (ALL, ANY, NONE), got str: 'ANY'",
    ),
    (
        "field content type",
        lambda: FieldMapping("_source.a", None, "STRING"),  # type: ignore[arg-type]
        TypeError,
        (
            "content_type must be a FieldContentType (STRING, NUMBER, PHONE_NUMBER, EMAIL_ADDRESS"
            ", NAME), got str: 'STRING'"
        ),
    ),
    (
        "key identifier enum",
        lambda: ObjectTypeKey(["a"], ["PROFILE"]),  # type: ignore[list-item]
        TypeError,
        (
            "identifiers[0] must be a StandardIdentifier (PROFILE, UNIQUE, SECONDARY, LOOKUP_ONLY"
            ", NEW_ONLY, ASSET, CASE, ORDER, AIR_PREFERENCE, AIR_BOOKING, AIR_SEGMENT, HOTEL_PREF"
            "ERENCE, ...), got str: 'PROFILE'"
        ),
    ),
    (
        "period unit",
        lambda: EventTriggerPeriod(1, "DAYS"),  # type: ignore[arg-type]
        TypeError,
        "unit must be a PeriodUnit (MINUTES, HOURS, DAYS, WEEKS, MONTHS), got str: 'DAYS'",
    ),
    (
        "period unlimited",
        lambda: EventTriggerPeriod(1, PeriodUnit.DAYS, unlimited="yes"),  # type: ignore[arg-type]
        TypeError,
        "unlimited must be a bool, got str: 'yes'",
    ),
    (
        "condition logical operator",
        lambda: EventTriggerCondition(
            [ObjectAttribute.field("a", EventComparisonOperator.EQUAL, 1)],
            "ALL",  # type: ignore[arg-type]
        ),
        TypeError,
        "logical_operator must be an EventTriggerLogicalOperator (ALL, ANY, NONE), got str: 'ALL'",
    ),
    (
        "event expiration type",
        lambda: EventTriggerLimits(event_expiration=60),  # type: ignore[arg-type]
        TypeError,
        "event_expiration must be an aws_cdk.Duration, got int: 60",
    ),
    (
        "range start bounds",
        lambda: CalculatedAttributeRange.between(-(2**31) - 1, 0),
        ValueError,
        "CalculatedAttributeRange.start must be between -2147483648 and 2147483647, "
        "got -2147483649",
    ),
    (
        "range timestamp source",
        lambda: CalculatedAttributeRange(days=1, timestamp_source="x" * 256),
        ValueError,
        "CalculatedAttributeRange.timestamp_source must be 1 to 255 characters long, got 256",
    ),
    (
        "matching auto merging type",
        lambda: MlMatching(auto_merging=True),  # type: ignore[arg-type]
        TypeError,
        "auto_merging must be an AutoMerging, got bool: True",
    ),
    (
        "auto merging conflict type",
        lambda: AutoMerging(conflict_resolution="RECENCY"),  # type: ignore[arg-type]
        TypeError,
        "conflict_resolution must be a ConflictResolution, got str: 'RECENCY'",
    ),
    (
        "export bucket type",
        lambda: MatchingExport(bucket="my-bucket"),  # type: ignore[arg-type]
        TypeError,
        "bucket must be an aws_s3.IBucket, got str: 'my-bucket'",
    ),
    (
        "sort attribute name",
        lambda: SegmentSortAttribute.profile("Last Name"),
        ValueError,
        "SegmentSortAttribute.name must be letters, digits, underscores, dots or hyphens, "
        "got 'Last Name'",
    ),
    (
        "sort order",
        lambda: SegmentSortAttribute.profile("LastName", "DESC"),  # type: ignore[arg-type]
        TypeError,
        "order must be a SortOrder (ASC, DESC), got str: 'DESC'",
    ),
    (
        "attribute between needs two values",
        lambda: AttributeDimension(AttributeDimensionType.BETWEEN, [1, 2, 3]),
        ValueError,
        "AttributeDimension BETWEEN values must be exactly two values (the range's start and "
        "end) for BETWEEN, got 3: ['1', '2', '3']",
    ),
    (
        "attribute not_between needs numbers or dates",
        lambda: AttributeDimension(AttributeDimensionType.NOT_BETWEEN, ["low", "high"]),
        ValueError,
        "AttributeDimension NOT_BETWEEN values must be two numbers or two ISO 8601 dates for "
        "NOT_BETWEEN, got ['low', 'high']",
    ),
    (
        "attribute greater_than needs a number",
        lambda: AttributeDimension(AttributeDimensionType.GREATER_THAN, ["many"]),
        ValueError,
        "AttributeDimension GREATER_THAN values must be numbers for GREATER_THAN, got 'many'",
    ),
    (
        "attribute before needs a date",
        lambda: AttributeDimension(AttributeDimensionType.BEFORE, ["31/01/2026"]),
        ValueError,
        "AttributeDimension BEFORE values must be ISO 8601 dates (2026-01-31) or date-times "
        "for BEFORE, got '31/01/2026'",
    ),
    (
        "date between needs two values",
        lambda: DateDimension(DateDimensionType.BETWEEN, ["2026-01-01"]),
        ValueError,
        "DateDimension BETWEEN values must be exactly two values (the range's start and end) "
        "for BETWEEN, got 1: ['2026-01-01']",
    ),
    (
        "date on needs a date",
        lambda: DateDimension(DateDimensionType.ON, ["yesterday"]),
        ValueError,
        "DateDimension ON values must be ISO 8601 dates (2026-01-31) or date-times for ON, "
        "got 'yesterday'",
    ),
    (
        "calculated attribute dimension less_than needs a number",
        lambda: CalculatedAttributes({"spend": AttributeDimension.less_than("ten")}),
        TypeError,
        "value must be a number, got str: 'ten'",
    ),
    (
        "object attribute between needs two values",
        lambda: ObjectAttribute.field("total", EventComparisonOperator.BETWEEN, 5),
        ValueError,
        "ObjectAttribute.values must be exactly two values (the range's start and end) for "
        "BETWEEN, got 1: ['5']",
    ),
    (
        "object attribute greater_than_or_equal needs a number",
        lambda: ObjectAttribute.field(
            "total", EventComparisonOperator.GREATER_THAN_OR_EQUAL, "lots"
        ),
        ValueError,
        "ObjectAttribute.values must be numbers for GREATER_THAN_OR_EQUAL, got 'lots'",
    ),
    (
        "object attribute after needs a date",
        lambda: ObjectAttribute.field("at", EventComparisonOperator.AFTER, "soon"),
        ValueError,
        "ObjectAttribute.values must be ISO 8601 dates (2026-01-31) or date-times for AFTER, "
        "got 'soon'",
    ),
    (
        "destination uri length",
        lambda: IntegrationSource.destination("x" * 256),
        ValueError,
        "uri must be 1 to 255 characters long, got 256",
    ),
]


@pytest.mark.parametrize(
    ("make", "error", "message"),
    [pytest.param(m, e, msg, id=name) for name, m, e, msg in VALUE_RULES],
)
def test_value_object_rule(make, error, message):
    with fails(error, message):
        make()


def test_string_dimension_accepts_every_schema_operator():
    for kind in StringDimensionType:
        assert ProfileDimension(kind, ["x"])._render().dimension_type == kind.value


def test_operator_values_the_service_can_compare_pass():
    from datetime import date

    assert AttributeDimension.between(1, 2.5).values == ("1", "2.5")
    assert AttributeDimension(AttributeDimensionType.BETWEEN, [date(2026, 1, 1), "2026-02-01"])
    assert AttributeDimension(AttributeDimensionType.AFTER, ["2026-01-31T10:00:00Z"])
    assert DateDimension.between(date(2000, 1, 1), "2001-01-01")
    # dynamic values (model shape Values): not checked
    assert AttributeDimension(AttributeDimensionType.GREATER_THAN, ["{{_profile.Limit}}"])
    assert ObjectAttribute.field(
        "at", EventComparisonOperator.BEFORE, "{{_calculated_attribute.Last}}"
    )
    # strings compare with INCLUSIVE and friends, whatever they hold
    assert AttributeDimension.inclusive("many")


def test_unresolved_values_pass():
    token = cdk.Token.as_string(cdk.Fn.ref("Param"))
    assert ProfileDimension.inclusive(token).values == (token,)
    assert ObjectAttribute.field("a", EventComparisonOperator.EQUAL, token).values == (token,)


# ---- constructs (in a stack) ---------------------------------------------------------------


@pytest.fixture
def domain(stack: cdk.Stack) -> ProfilesDomain:
    return ProfilesDomain(stack, "Domain", domain_name="shop")


def _group(**kwargs: Any) -> SegmentDefinitionGroups:
    dims = [ProfileAttributes(attributes={"a": AttributeDimension.inclusive("x")})]
    return SegmentDefinitionGroups(groups=[SegmentDefinitionGroup(dimensions=dims, **kwargs)])


def _purchases(stack: cdk.Stack, domain: ProfilesDomain, id: str = "P") -> ObjectType:
    return ObjectType(
        stack,
        id,
        domain=domain,
        fields={"total": FieldMapping.object_only("total")},
    )


CONSTRUCT_RULES: list[tuple[str, Callable[[cdk.Stack, ProfilesDomain], Any], type, str]] = [
    (
        "domain name pattern",
        lambda st, d: ProfilesDomain(st, "X", domain_name="my shop"),
        ValueError,
        "domain_name must be letters, digits, underscores (_) or hyphens (-), got 'my shop'",
    ),
    (
        "domain name length",
        lambda st, d: ProfilesDomain(st, "X", domain_name="x" * 65),
        ValueError,
        "domain_name must be 1 to 64 characters long, got 65",
    ),
    (
        "expiration days",
        lambda st, d: ProfilesDomain(st, "X", default_expiration=cdk.Duration.days(1099)),
        ValueError,
        "default_expiration must be 1 to 1098 whole days, got 1099 days",
    ),
    (
        "expiration whole days",
        lambda st, d: ProfilesDomain(st, "X", default_expiration=cdk.Duration.hours(36)),
        ValueError,
        "default_expiration must be 1 to 1098 whole days, got 1 day 12 hours",
    ),
    (
        "aws owned key and key",
        lambda st, d: ProfilesDomain(st, "X", aws_owned_key=True, encryption_key=kms.Key(st, "K")),
        ValueError,
        "aws_owned_key=True takes no encryption_key, got TestStack/K",
    ),
    (
        "expiration type",
        lambda st, d: ProfilesDomain(st, "X", default_expiration=30),  # type: ignore[arg-type]
        TypeError,
        "default_expiration must be an aws_cdk.Duration, got int: 30",
    ),
    (
        "data store bool",
        lambda st, d: ProfilesDomain(st, "X", data_store="yes"),  # type: ignore[arg-type]
        TypeError,
        "data_store must be a bool, got str: 'yes'",
    ),
    (
        "matching type",
        lambda st, d: ProfilesDomain(st, "X", ml_matching=True),  # type: ignore[arg-type]
        TypeError,
        "ml_matching must be a MlMatching, got bool: True",
    ),
    (
        "tags count",
        lambda st, d: ProfilesDomain(st, "X", tags={f"k{i}": "v" for i in range(51)}),
        ValueError,
        "tags must hold at most 50 tags, got 51",
    ),
    (
        "tag key prefix",
        lambda st, d: ProfilesDomain(st, "X", tags={"aws:owner": "me"}),
        ValueError,
        "tags keys must not start with aws: (reserved for AWS), got 'aws:owner'",
    ),
    (
        "tag value length",
        lambda st, d: ProfilesDomain(st, "X", tags={"k": "v" * 257}),
        ValueError,
        "tags['k'] must be 0 to 256 characters long, got 257",
    ),
    (
        "export prefix",
        lambda st, d: MatchingExport(bucket=s3.Bucket(st, "B"), key_prefix="x" * 801),
        ValueError,
        "MatchingExport.key_prefix must be 1 to 800 characters long, got 801",
    ),
    (
        "object type name",
        lambda st, d: ObjectType(st, "X", domain=d, object_type_name="1Purchase"),
        ValueError,
        "object_type_name must be a letter or underscore followed by letters, digits, "
        "underscores (_) or hyphens (-), got '1Purchase'",
    ),
    (
        "object type description",
        lambda st, d: ObjectType(st, "X", domain=d, description="x" * 1001),
        ValueError,
        "description must be 1 to 1000 characters long, got 1001",
    ),
    (
        "object type expiration",
        lambda st, d: ObjectType(st, "X", domain=d, expiration=cdk.Duration.days(0)),
        ValueError,
        "expiration must be 1 to 1098 whole days, got 0 days",
    ),
    (
        "max object count",
        lambda st, d: ObjectType(st, "X", domain=d, max_profile_object_count=0),
        ValueError,
        "max_profile_object_count must be at least 1, got 0",
    ),
    (
        "source priority",
        lambda st, d: ObjectType(st, "X", domain=d, source_priority=0),
        ValueError,
        "source_priority must be at least 1, got 0",
    ),
    (
        "timestamp format",
        lambda st, d: ObjectType(st, "X", domain=d, source_last_updated_timestamp_format=""),
        ValueError,
        "source_last_updated_timestamp_format must be 1 to 255 characters long, got 0",
    ),
    (
        "template id",
        lambda st, d: ObjectType(st, "X", domain=d, template_id="Sales force"),
        ValueError,
        "template_id must be letters, digits, underscores (_) or hyphens (-), got 'Sales force'",
    ),
    (
        "template with fields",
        lambda st, d: ObjectType(
            st, "X", domain=d, template_id="Salesforce-Account", allow_profile_creation=True
        ),
        ValueError,
        "template_id 'Salesforce-Account' brings its own fields, keys and profile creation",
    ),
    (
        "field name",
        lambda st, d: ObjectType(st, "X", domain=d, fields={"a b": FieldMapping("_source.a")}),
        ValueError,
        "fields must be letters, digits, underscores (_), dots (.) or hyphens (-), got 'a b'",
    ),
    (
        "key name",
        lambda st, d: ObjectType(
            st,
            "X",
            domain=d,
            fields={"a": FieldMapping("_source.a")},
            keys={"a.b": [ObjectTypeKey(["a"], [StandardIdentifier.PROFILE])]},
        ),
        ValueError,
        "keys must be letters, digits, underscores (_) or hyphens (-), got 'a.b'",
    ),
    (
        "key of unknown field",
        lambda st, d: ObjectType(
            st,
            "X",
            domain=d,
            fields={"a": FieldMapping("_source.a")},
            keys={"k": [ObjectTypeKey(["b"], [StandardIdentifier.PROFILE])]},
        ),
        ValueError,
        "keys['k'] names fields this object type does not define: 'b' (fields: 'a')",
    ),
    (
        "two unique keys",
        lambda st, d: ObjectType(
            st,
            "X",
            domain=d,
            fields={"a": FieldMapping("_source.a"), "b": FieldMapping("_source.b")},
            keys={
                "ka": [ObjectTypeKey(["a"], [StandardIdentifier.UNIQUE])],
                "kb": [ObjectTypeKey(["b"], [StandardIdentifier.UNIQUE])],
            },
        ),
        ValueError,
        "keys may have at most one UNIQUE key (API ObjectTypeKey: each object has only one), "
        "got 2: 'ka', 'kb'",
    ),
    (
        "endpoint attribute name",
        lambda st, d: PinpointEndpointObjectType(
            st, "X", domain=d, channel=EndpointChannel.EMAIL, endpoint_attributes=["my.city"]
        ),
        ValueError,
        "endpoint_attributes names must start with a letter or underscore, then letters, "
        "digits, underscores or hyphens (the custom attribute names a segment definition can "
        "filter on), got 'my.city'",
    ),
    (
        "user attribute target",
        lambda st, d: PinpointEndpointObjectType(
            st, "X", domain=d, channel=EndpointChannel.SMS, user_attributes={"Name": "FullName"}
        ),
        ValueError,
        "user_attributes['Name'] must be a standard profile field",
    ),
    (
        "endpoint channel",
        lambda st, d: PinpointEndpointObjectType(st, "X", domain=d, channel="EMAIL"),  # type: ignore[arg-type]
        TypeError,
        "channel must be an EndpointChannel",
    ),
    (
        "calculated attribute count",
        lambda st, d: CalculatedAttribute(
            st,
            "X",
            domain=d,
            attributes=["a", "b", "c"],
            expression="{a}",
            statistic=CalculatedStatistic.SUM,
        ),
        ValueError,
        "attributes must have 1 to 2 items, got 3",
    ),
    (
        "calculated attributes distinct",
        lambda st, d: CalculatedAttribute(
            st,
            "X",
            domain=d,
            attributes=["a", "a"],
            expression="{a}",
            statistic=CalculatedStatistic.SUM,
        ),
        ValueError,
        "attributes must be distinct, got ['a', 'a']",
    ),
    (
        "calculated attribute name pattern",
        lambda st, d: CalculatedAttribute(
            st,
            "X",
            domain=d,
            attributes=["a b"],
            expression="{a}",
            statistic=CalculatedStatistic.SUM,
        ),
        ValueError,
        "attributes must be letters, digits, underscores, dots or hyphens, got 'a b'",
    ),
    (
        "expression length",
        lambda st, d: CalculatedAttribute(
            st, "X", domain=d, attributes=["a"], expression="", statistic=CalculatedStatistic.SUM
        ),
        ValueError,
        "expression must be 1 to 255 characters long, got 0",
    ),
    (
        "display name pattern",
        lambda st, d: CalculatedAttribute(
            st,
            "X",
            domain=d,
            attributes=["a"],
            expression="{a}",
            statistic=CalculatedStatistic.SUM,
            display_name="Total (30d)",
        ),
        ValueError,
        "display_name must be a letter or underscore, then letters, digits, underscores, "
        "hyphens or spaces, got 'Total (30d)'",
    ),
    (
        "statistic enum",
        lambda st, d: CalculatedAttribute(
            st,
            "X",
            domain=d,
            attributes=["a"],
            expression="{a}",
            statistic="SUM",  # type: ignore[arg-type]
        ),
        TypeError,
        "statistic must be a CalculatedStatistic",
    ),
    (
        "object count",
        lambda st, d: CalculatedAttribute(
            st,
            "X",
            domain=d,
            attributes=["a"],
            expression="{a}",
            statistic=CalculatedStatistic.SUM,
            object_count=301,
        ),
        ValueError,
        "object_count must be between 1 and 300, got 301",
    ),
    (
        "calculated attribute name",
        lambda st, d: CalculatedAttribute(
            st,
            "X",
            domain=d,
            attributes=["a"],
            expression="{a}",
            statistic=CalculatedStatistic.SUM,
            calculated_attribute_name="total 30d",
        ),
        ValueError,
        "calculated_attribute_name must be a letter or underscore followed by letters",
    ),
    (
        "groups and sql",
        lambda st, d: SegmentDefinition(
            st, "X", domain=d, groups=_group(), sql_query="SELECT * FROM profiles"
        ),
        ValueError,
        "SegmentDefinition takes groups or sql_query: a definition is either classic "
        "(SegmentGroups) or SQL (SegmentSqlQuery), which the service reports as SegmentType "
        "CLASSIC or ENHANCED; got both",
    ),
    (
        "neither groups nor sql",
        lambda st, d: SegmentDefinition(st, "X", domain=d),
        ValueError,
        "SegmentDefinition takes groups or sql_query",
    ),
    (
        "sql without data store",
        lambda st, d: SegmentDefinition(st, "X", domain=d, sql_query="SELECT 1"),
        ValueError,
        "sql_query needs the domain's data store: TestStack/Domain has data_store=False",
    ),
    (
        "sql length",
        lambda st, d: SegmentDefinition(
            st,
            "X",
            domain=ProfilesDomain(st, "D2", data_store=True),
            sql_query="x" * 50_001,
        ),
        ValueError,
        "sql_query must be 1 to 50000 characters long, got 50001",
    ),
    (
        "sort attributes count",
        lambda st, d: SegmentDefinition(
            st,
            "X",
            domain=d,
            groups=_group(),
            sort=[SegmentSortAttribute.profile(f"a{i}") for i in range(11)],
        ),
        ValueError,
        "sort must have 1 to 10 items, got 11",
    ),
    (
        "segment display name",
        lambda st, d: SegmentDefinition(st, "X", domain=d, display_name="", groups=_group()),
        ValueError,
        "display_name must be 1 to 255 characters long, got 0",
    ),
    (
        "segment description",
        lambda st, d: SegmentDefinition(st, "X", domain=d, description="x" * 4001, groups=_group()),
        ValueError,
        "description must be 1 to 4000 characters long, got 4001",
    ),
    (
        "segment name",
        lambda st, d: SegmentDefinition(
            st, "X", domain=d, segment_definition_name="berlin email", groups=_group()
        ),
        ValueError,
        "segment_definition_name must be letters, digits, underscores (_) or hyphens (-), "
        "got 'berlin email'",
    ),
    (
        "source segment of another domain",
        lambda st, d: SegmentDefinition(
            st,
            "X",
            domain=d,
            groups=_group(
                source_segments=[
                    SegmentDefinition.from_segment_definition_name(
                        st,
                        "Other",
                        domain=ProfilesDomain.from_domain_name(st, "OtherDomain", "other"),
                        segment_definition_name="test",
                    )
                ]
            ),
        ),
        ValueError,
        "groups: source segment 'test' belongs to another domain (TestStack/OtherDomain, "
        "not TestStack/Domain)",
    ),
    (
        "imported segment name",
        lambda st, d: SegmentDefinition.from_segment_definition_name(
            st, "X", domain=d, segment_definition_name="a/b"
        ),
        ValueError,
        "segment_definition_name must be letters, digits, underscores (_) or hyphens (-), "
        "got 'a/b'",
    ),
    (
        "imported domain name",
        lambda st, d: ProfilesDomain.from_domain_name(st, "X", "a b"),
        ValueError,
        "domain_name must be letters, digits, underscores (_) or hyphens (-), got 'a b'",
    ),
    (
        "trigger conditions",
        lambda st, d: EventTrigger(st, "X", domain=d, object_type=_purchases(st, d), conditions=[]),
        ValueError,
        "conditions must have 1 to 5 items, got 0",
    ),
    (
        "trigger name",
        lambda st, d: EventTrigger(
            st,
            "X",
            domain=d,
            object_type=_purchases(st, d),
            event_trigger_name="big purchase",
            conditions=[
                EventTriggerCondition.all(
                    ObjectAttribute.field("total", EventComparisonOperator.GREATER_THAN, 1)
                )
            ],
        ),
        ValueError,
        "event_trigger_name must be letters, digits, underscores (_) or hyphens (-), "
        "got 'big purchase'",
    ),
    (
        "trigger description",
        lambda st, d: EventTrigger(
            st,
            "X",
            domain=d,
            object_type=_purchases(st, d),
            description="x" * 1001,
            conditions=[
                EventTriggerCondition.all(
                    ObjectAttribute.field("total", EventComparisonOperator.GREATER_THAN, 1)
                )
            ],
        ),
        ValueError,
        "description must be 1 to 1000 characters long, got 1001",
    ),
    (
        "trigger object type of another domain",
        lambda st, d: EventTrigger(
            st,
            "X",
            domain=d,
            object_type=_purchases(st, ProfilesDomain(st, "D2", domain_name="other")),
            conditions=[
                EventTriggerCondition.all(
                    ObjectAttribute.field("total", EventComparisonOperator.GREATER_THAN, 1)
                )
            ],
        ),
        ValueError,
        "object_type 'TestStack-P-D22D1FEC' belongs to another domain (TestStack/D2, not "
        "TestStack/Domain)",
    ),
    (
        "trigger segment of another domain",
        lambda st, d: EventTrigger(
            st,
            "X",
            domain=d,
            object_type=_purchases(st, d),
            segment_filter=SegmentDefinition(
                st, "S", domain=ProfilesDomain(st, "D2", domain_name="other"), groups=_group()
            ),
            conditions=[
                EventTriggerCondition.all(
                    ObjectAttribute.field("total", EventComparisonOperator.GREATER_THAN, 1)
                )
            ],
        ),
        ValueError,
        "belongs to another domain (TestStack/D2, not TestStack/Domain)",
    ),
    (
        "integration needs object type",
        lambda st, d: ProfilesIntegration(
            st, "X", domain=d, source=IntegrationSource.s3(s3.Bucket(st, "B"))
        ),
        ValueError,
        "object_type is required with an s3 source",
    ),
    (
        "trigger with a data source",
        lambda st, d: ProfilesIntegration(
            st,
            "X",
            domain=d,
            source=IntegrationSource.s3(s3.Bucket(st, "B")),
            object_type=_purchases(st, d),
            event_trigger=EventTrigger(
                st,
                "T",
                domain=d,
                object_type=_purchases(st, d, "P2"),
                conditions=[
                    EventTriggerCondition.all(
                        ObjectAttribute.field("total", EventComparisonOperator.GREATER_THAN, 1)
                    )
                ],
            ),
        ),
        ValueError,
        "event_trigger goes with IntegrationSource.destination(...)",
    ),
    (
        "s3 flow without key",
        lambda st, d: ProfilesIntegration(
            st,
            "X",
            domain=ProfilesDomain(st, "D2", aws_owned_key=True),
            source=IntegrationSource.s3(s3.Bucket(st, "B")),
            object_type=_purchases(st, d),
        ),
        ValueError,
        "an S3 integration needs a KMS key for its AppFlow flow",
    ),
    (
        "s3 prefix length",
        lambda st, d: IntegrationSource.s3(s3.Bucket(st, "B"), prefix="x" * 513),
        ValueError,
        "prefix must be 0 to 512 characters long, got 513",
    ),
    (
        "imported object type name",
        lambda st, d: ObjectType.from_object_type_name(st, "X", domain=d, object_type_name="a b"),
        ValueError,
        "object_type_name must be a letter or underscore followed by letters, digits, "
        "underscores (_) or hyphens (-), got 'a b'",
    ),
    (
        "imported trigger name",
        lambda st, d: EventTrigger.from_event_trigger_name(
            st, "X", domain=d, event_trigger_name="a b"
        ),
        ValueError,
        "event_trigger_name must be letters, digits, underscores (_) or hyphens (-), got 'a b'",
    ),
    (
        "s3 source type",
        lambda st, d: IntegrationSource.s3("my-bucket"),  # type: ignore[arg-type]
        TypeError,
        "bucket must be an aws_s3.IBucket, got str: 'my-bucket'",
    ),
    (
        "historical data bool",
        lambda st, d: CalculatedAttribute(
            st,
            "X",
            domain=d,
            attributes=["a"],
            expression="{a}",
            statistic=CalculatedStatistic.SUM,
            use_historical_data="no",  # type: ignore[arg-type]
        ),
        TypeError,
        "use_historical_data must be a bool, got str: 'no'",
    ),
    (
        "object type field mapping type",
        lambda st, d: ObjectType(st, "X", domain=d, fields={"a": "_source.a"}),  # type: ignore[dict-item]
        TypeError,
        "fields['a'] must be a FieldMapping, got str: '_source.a'",
    ),
    (
        "trigger limits type",
        lambda st, d: EventTrigger(
            st,
            "X",
            domain=d,
            object_type=_purchases(st, d),
            limits=5,  # type: ignore[arg-type]
            conditions=[
                EventTriggerCondition.all(
                    ObjectAttribute.field("total", EventComparisonOperator.GREATER_THAN, 1)
                )
            ],
        ),
        TypeError,
        "limits must be an EventTriggerLimits, got int: 5",
    ),
    (
        "kinesis source type",
        lambda st, d: IntegrationSource.kinesis_stream("arn:aws:kinesis:::stream/x"),  # type: ignore[arg-type]
        TypeError,
        "stream must be an aws_kinesis.IStream, got str: 'arn:aws:kinesis:::stream/x'",
    ),
]


@pytest.mark.parametrize(
    ("make", "error", "message"),
    [pytest.param(m, e, msg, id=name) for name, m, e, msg in CONSTRUCT_RULES],
)
def test_construct_rule(stack, domain, make, error, message):
    with fails(error, message):
        make(stack, domain)


def test_campaign_target_twice_is_refused(stack, domain):
    trigger = EventTrigger(
        stack,
        "T",
        domain=domain,
        object_type=_purchases(stack, domain),
        conditions=[
            EventTriggerCondition.all(
                ObjectAttribute.field("total", EventComparisonOperator.GREATER_THAN, 1)
            )
        ],
    )
    arn = "arn:aws:connect-campaigns:us-east-1:123456789012:campaign/abc"
    trigger.add_campaign_target(arn)
    with fails(ValueError, f"campaign_arn {arn!r} is already a target of TestStack/T"):
        trigger.add_campaign_target(arn)


def test_token_names_pass(stack, domain):
    token = cdk.Token.as_string(cdk.Fn.ref("Name"))
    ObjectType(stack, "X", domain=domain, object_type_name=token)
    SegmentDefinition(stack, "S", domain=domain, segment_definition_name=token, groups=_group())
