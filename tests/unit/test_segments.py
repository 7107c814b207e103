"""Segment (dynamic) and ImportedSegment (static): builders, groups, imports, the import
custom resource and its roles, validation, and cdk-nag."""

from __future__ import annotations

import math
import re
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import aws_cdk as cdk
import pytest
from aws_cdk import aws_kms as kms
from aws_cdk import aws_s3 as s3
from aws_cdk.assertions import Match, Template
from support import lint_findings, synth_clean

from pinpoint_constructs import (
    MAX_DIMENSIONS_PER_SEGMENT,
    AttributeFilter,
    AttributeType,
    Demographic,
    GpsPoint,
    GroupType,
    ImportedSegment,
    ImportFormat,
    ImportSource,
    Include,
    ISegment,
    Location,
    MetricFilter,
    PinpointApp,
    Recency,
    RecencyWindow,
    Segment,
    SegmentDimensions,
    SegmentGroup,
    SegmentGroups,
    SegmentReference,
    SegmentType,
    SetFilter,
    SourceType,
)
from pinpoint_constructs._endpoint_files import EndpointFileError
from pinpoint_constructs.pinpoint import segments as segments_module

ASSETS_BUCKET = "cdk-hnb659fds-assets-123456789012-us-east-1"
ASSETS_BUCKET_ARN = f"arn:aws:s3:::{ASSETS_BUCKET}"
GOOD_CSV = (
    "ChannelType,Address,Attributes.City\nEMAIL,ada@example.com,Berlin\nSMS,+4915112345678,Berlin\n"
)
GOOD_JSON = '{"ChannelType": "EMAIL", "Address": "ada@example.com"}\n'


# ---- helpers ---------------------------------------------------------------------------


def _only(stack: cdk.Stack, resource_type: str) -> dict[str, Any]:
    resources = Template.from_stack(stack).find_resources(resource_type)
    assert len(resources) == 1, list(resources)
    return next(iter(resources.values()))["Properties"]


def _dimensions(stack: cdk.Stack, dimensions: SegmentDimensions) -> dict[str, Any]:
    Segment(stack, "Segment", app=PinpointApp(stack, "App"), dimensions=dimensions)
    return _only(stack, "AWS::Pinpoint::Segment")["Dimensions"]


def _file(tmp_path: Path, text: str = GOOD_CSV, name: str = "endpoints.csv") -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def _imported(stack: cdk.Stack, tmp_path: Path, id: str = "Vips", **props: Any) -> ImportedSegment:
    app = props.pop("app", None) or PinpointApp(stack, f"{id}App")
    source = props.pop("source", None) or ImportSource.from_file(_file(tmp_path))
    return ImportedSegment(stack, id, app=app, source=source, **props)


def _policy_statements(stack: cdk.Stack, role_logical_id_prefix: str) -> list[dict[str, Any]]:
    policies = Template.from_stack(stack).find_resources("AWS::IAM::Policy")
    matches = [
        p["Properties"]["PolicyDocument"]["Statement"]
        for p in policies.values()
        if p["Properties"]["Roles"][0]["Ref"].startswith(role_logical_id_prefix)
    ]
    assert len(matches) == 1, [p["Properties"]["Roles"] for p in policies.values()]
    return matches[0]


def _logical_id(stack: cdk.Stack, construct: Any) -> str:
    return stack.get_logical_id(construct.node.default_child)


# ---- dimension builders: every dimension, rendered ---------------------------------------


def test_demographic_renders_all_six_set_dimensions(stack):
    rendered = _dimensions(
        stack,
        SegmentDimensions(
            demographic=Demographic(
                app_version=SetFilter.include("2.0", "2.1"),
                channel=SetFilter.include("EMAIL", "SMS"),
                device_type=SetFilter.exclude("tablet"),
                make=SetFilter.include("Apple"),
                model=SetFilter.exclude("iPhone 8"),
                platform=SetFilter.include("ios"),
            )
        ),
    )
    assert rendered == {
        "Demographic": {
            "AppVersion": {"DimensionType": "INCLUSIVE", "Values": ["2.0", "2.1"]},
            "Channel": {"DimensionType": "INCLUSIVE", "Values": ["EMAIL", "SMS"]},
            "DeviceType": {"DimensionType": "EXCLUSIVE", "Values": ["tablet"]},
            "Make": {"DimensionType": "INCLUSIVE", "Values": ["Apple"]},
            "Model": {"DimensionType": "EXCLUSIVE", "Values": ["iPhone 8"]},
            "Platform": {"DimensionType": "INCLUSIVE", "Values": ["ios"]},
        }
    }


def test_location_renders_country_and_gps_point(stack):
    rendered = _dimensions(
        stack,
        SegmentDimensions(
            location=Location(
                country=SetFilter.include("DE", "AT"),
                gps_point=GpsPoint(52.52, 13.405, 25),
            )
        ),
    )
    assert rendered == {
        "Location": {
            "Country": {"DimensionType": "INCLUSIVE", "Values": ["DE", "AT"]},
            "GPSPoint": {
                "Coordinates": {"Latitude": 52.52, "Longitude": 13.405},
                "RangeInKilometers": 25,
            },
        }
    }


@pytest.mark.parametrize(
    ("window", "duration"),
    [
        (RecencyWindow.HOURS_24, "HR_24"),
        (RecencyWindow.DAYS_7, "DAY_7"),
        (RecencyWindow.DAYS_14, "DAY_14"),
        (RecencyWindow.DAYS_30, "DAY_30"),
    ],
)
@pytest.mark.parametrize(
    ("factory", "recency_type"), [("active", "ACTIVE"), ("inactive", "INACTIVE")]
)
def test_behavior_renders_recency(stack, window, duration, factory, recency_type):
    rendered = _dimensions(stack, SegmentDimensions(behavior=getattr(Recency, factory)(window)))
    assert rendered == {
        "Behavior": {"Recency": {"Duration": duration, "RecencyType": recency_type}}
    }


@pytest.mark.parametrize(
    ("attribute_filter", "expected"),
    [
        (AttributeFilter.inclusive("Berlin", "Bonn"), ("INCLUSIVE", ["Berlin", "Bonn"])),
        (AttributeFilter.exclusive("Berlin"), ("EXCLUSIVE", ["Berlin"])),
        (AttributeFilter.contains("gold"), ("CONTAINS", ["gold"])),
        (
            AttributeFilter.before(datetime(2024, 5, 1, 12, 30, tzinfo=UTC)),
            ("BEFORE", ["2024-05-01T12:30:00Z"]),
        ),
        (
            AttributeFilter.after(datetime(2024, 5, 1, 14, 0, tzinfo=timezone(timedelta(hours=2)))),
            ("AFTER", ["2024-05-01T12:00:00Z"]),
        ),
        (AttributeFilter.on(date(2024, 5, 1)), ("ON", ["2024-05-01T00:00:00Z"])),
        (AttributeFilter.on("2024-05-01"), ("ON", ["2024-05-01T00:00:00Z"])),
        (
            AttributeFilter.between("2024-01-01T00:00:00Z", "2024-12-31T23:59:59+01:00"),
            ("BETWEEN", ["2024-01-01T00:00:00Z", "2024-12-31T22:59:59Z"]),
        ),
    ],
)
@pytest.mark.parametrize(
    ("prop", "key"), [("attributes", "Attributes"), ("user_attributes", "UserAttributes")]
)
def test_attribute_filters_render_for_endpoint_and_user_attributes(
    stack, attribute_filter, expected, prop, key
):
    rendered = _dimensions(stack, SegmentDimensions(**{prop: {"City": attribute_filter}}))
    attribute_type, values = expected
    assert rendered == {key: {"City": {"AttributeType": attribute_type, "Values": values}}}


@pytest.mark.parametrize(
    ("factory", "operator"),
    [
        ("greater_than", "GREATER_THAN"),
        ("less_than", "LESS_THAN"),
        ("greater_than_or_equal", "GREATER_THAN_OR_EQUAL"),
        ("less_than_or_equal", "LESS_THAN_OR_EQUAL"),
        ("equal", "EQUAL"),
    ],
)
def test_metric_filters_render_every_comparison_operator(stack, factory, operator):
    rendered = _dimensions(
        stack, SegmentDimensions(metrics={"score": getattr(MetricFilter, factory)(5.5)})
    )
    assert rendered == {"Metrics": {"score": {"ComparisonOperator": operator, "Value": 5.5}}}


def test_one_dimension_set_combines_every_kind(stack):
    dimensions = SegmentDimensions(
        demographic=Demographic(platform=SetFilter.include("android")),
        location=Location(country=SetFilter.include("DE")),
        behavior=Recency.active(RecencyWindow.DAYS_7),
        attributes={"City": AttributeFilter.inclusive("Berlin")},
        user_attributes={"Tier": AttributeFilter.exclusive("free")},
        metrics={"score": MetricFilter.greater_than(5)},
    )
    assert dimensions.dimension_count == 6
    rendered = _dimensions(stack, dimensions)
    assert set(rendered) == {
        "Demographic",
        "Location",
        "Behavior",
        "Attributes",
        "UserAttributes",
        "Metrics",
    }


def test_set_filter_accepts_a_list_and_is_immutable():
    f = SetFilter(["EMAIL"])
    assert f.values == ("EMAIL",)
    with pytest.raises(AttributeError):
        f.values = ("SMS",)  # type: ignore[misc]


# ---- the segment resource --------------------------------------------------------------


def test_segment_is_the_resource_child_with_app_name_and_tags(stack):
    app = PinpointApp(stack, "App")
    segment = Segment(
        stack,
        "Segment",
        app=app,
        segment_name="german-android",
        dimensions=SegmentDimensions(location=Location(country=SetFilter.include("DE"))),
        tags={"team": "growth"},
    )
    properties = _only(stack, "AWS::Pinpoint::Segment")
    assert properties["ApplicationId"] == {"Ref": _logical_id(stack, app)}
    assert properties["Name"] == "german-android"
    assert properties["Tags"] == {"team": "growth"}
    assert "SegmentGroups" not in properties
    assert segment.node.default_child is segment.node.find_child("Resource")
    assert segment.segment_name == "german-android"


def test_segment_name_is_generated_when_absent(stack):
    Segment(
        stack,
        "Segment",
        app=PinpointApp(stack, "App"),
        dimensions=SegmentDimensions(behavior=Recency.active(RecencyWindow.DAYS_30)),
    )
    name = _only(stack, "AWS::Pinpoint::Segment")["Name"]
    assert name.startswith("TestStackSegment") and len(name) <= 64


def test_segment_attributes_and_type(stack):
    segment = Segment(
        stack,
        "Segment",
        app=PinpointApp(stack, "App"),
        dimensions=SegmentDimensions(behavior=Recency.active(RecencyWindow.DAYS_30)),
    )
    logical_id = _logical_id(stack, segment)
    assert stack.resolve(segment.segment_id) == {"Fn::GetAtt": [logical_id, "SegmentId"]}
    assert stack.resolve(segment.segment_arn) == {"Fn::GetAtt": [logical_id, "Arn"]}
    assert segment.segment_type is SegmentType.DIMENSIONAL
    assert segment.is_static is False


# ---- groups ----------------------------------------------------------------------------


def test_groups_render_include_type_source_type_and_versions(stack):
    app = PinpointApp(stack, "App")
    base_a = Segment.from_segment_id(stack, "A", "aaa", app=app)
    base_b = Segment.from_segment_id(stack, "B", "bbb", app=app)
    Segment(
        stack,
        "Segment",
        app=app,
        groups=SegmentGroups(
            include=Include.ANY,
            groups=[
                SegmentGroup(
                    source_segments=[base_a, SegmentReference(base_b, version=3)],
                    source_type=SourceType.ALL,
                ),
                SegmentGroup(
                    dimensions=[
                        SegmentDimensions(metrics={"purchases": MetricFilter.equal(0)}),
                        SegmentDimensions(behavior=Recency.inactive(RecencyWindow.DAYS_14)),
                    ],
                    type=GroupType.NONE,
                ),
            ],
        ),
    )
    assert _only(stack, "AWS::Pinpoint::Segment")["SegmentGroups"] == {
        "Include": "ANY",
        "Groups": [
            {
                "SourceSegments": [{"Id": "aaa"}, {"Id": "bbb", "Version": 3}],
                "SourceType": "ALL",
            },
            {
                "Dimensions": [
                    {"Metrics": {"purchases": {"ComparisonOperator": "EQUAL", "Value": 0}}},
                    {"Behavior": {"Recency": {"Duration": "DAY_14", "RecencyType": "INACTIVE"}}},
                ],
                "SourceType": "ANY",
                "Type": "NONE",
            },
        ],
    }


def test_group_defaults_are_any_source_and_include_all_and_no_type(stack):
    group = SegmentGroup(
        dimensions=[SegmentDimensions(behavior=Recency.active(RecencyWindow.DAYS_7))]
    )
    groups = SegmentGroups(groups=[group])
    assert (group.source_type, group.type, groups.include) == (SourceType.ANY, None, Include.ALL)
    Segment(stack, "S", app=PinpointApp(stack, "App"), groups=groups)
    (written,) = _only(stack, "AWS::Pinpoint::Segment")["SegmentGroups"]["Groups"]
    assert "Type" not in written and written["SourceType"] == "ANY"


def test_source_segment_defined_in_the_app_is_referenced_by_its_id(stack):
    app = PinpointApp(stack, "App")
    base = Segment(
        stack,
        "Base",
        app=app,
        dimensions=SegmentDimensions(location=Location(country=SetFilter.include("DE"))),
    )
    Segment(
        stack,
        "Derived",
        app=app,
        groups=SegmentGroups(groups=[SegmentGroup(source_segments=[base])]),
    )
    segments = Template.from_stack(stack).find_resources("AWS::Pinpoint::Segment")
    derived = segments[_logical_id(stack, stack.node.find_child("Derived"))]["Properties"]
    assert derived["SegmentGroups"]["Groups"][0]["SourceSegments"] == [
        {"Id": {"Fn::GetAtt": [_logical_id(stack, base), "SegmentId"]}}
    ]


def test_berlin_email_endpoints_excluding_the_test_segment(stack):
    """The issue's example: every email endpoint whose city is Berlin, except the endpoints of
    the separate "test" segment.

    - Pinpoint's location dimension filters only by Country and GPSPoint; the endpoint's
      Location.City is not a segment dimension. "City is Berlin" is therefore the custom
      endpoint attribute City (Attributes.City) with INCLUSIVE "Berlin" (a GPS radius would
      only approximate the city's boundary).
    - "Email endpoints" is the demographic Channel dimension, INCLUSIVE "EMAIL".
    - Both criteria must hold: two dimension sets in one group of Type ALL.
    - "Excluding the test segment" is the group's base: SourceSegments [test] with
      SourceType NONE, i.e. the group starts from the endpoints that are in none of its base
      segments, and the dimensions filter those.
    """
    app = PinpointApp(stack, "App")
    test = Segment(
        stack,
        "Test",
        app=app,
        segment_name="test",
        dimensions=SegmentDimensions(attributes={"Tester": AttributeFilter.inclusive("yes")}),
    )
    Segment(
        stack,
        "BerlinEmail",
        app=app,
        segment_name="berlin-email",
        groups=SegmentGroups(
            groups=[
                SegmentGroup(
                    dimensions=[
                        SegmentDimensions(
                            demographic=Demographic(channel=SetFilter.include("EMAIL"))
                        ),
                        SegmentDimensions(attributes={"City": AttributeFilter.inclusive("Berlin")}),
                    ],
                    type=GroupType.ALL,
                    source_segments=[test],
                    source_type=SourceType.NONE,
                )
            ],
            include=Include.ALL,
        ),
    )
    Template.from_stack(stack).has_resource_properties(
        "AWS::Pinpoint::Segment",
        {
            "Name": "berlin-email",
            "Dimensions": Match.absent(),
            "SegmentGroups": {
                "Include": "ALL",
                "Groups": [
                    {
                        "Dimensions": [
                            {
                                "Demographic": {
                                    "Channel": {"DimensionType": "INCLUSIVE", "Values": ["EMAIL"]}
                                }
                            },
                            {
                                "Attributes": {
                                    "City": {"AttributeType": "INCLUSIVE", "Values": ["Berlin"]}
                                }
                            },
                        ],
                        "SourceSegments": [
                            {"Id": {"Fn::GetAtt": [_logical_id(stack, test), "SegmentId"]}}
                        ],
                        "SourceType": "NONE",
                        "Type": "ALL",
                    }
                ],
            },
        },
    )


# ---- references (imports) ----------------------------------------------------------------


def _assert_satisfies_interface(segment: ISegment) -> None:
    members = [name for name in vars(ISegment) if not name.startswith("_")]
    assert {"app", "segment_id", "segment_arn", "segment_type", "is_static"} <= set(members)
    for name in members:
        assert hasattr(segment, name), name


def test_from_segment_id_builds_the_arn_under_the_app(stack):
    app = PinpointApp.from_app_id(stack, "App", "app123")
    segment = Segment.from_segment_id(stack, "Imported", "seg456", app=app)
    _assert_satisfies_interface(segment)
    assert segment.segment_id == "seg456"
    assert segment.app is app
    assert (
        stack.resolve(segment.segment_arn)
        == "arn:aws:mobiletargeting:us-east-1:123456789012:apps/app123/segments/seg456"
    )
    assert segment.segment_type is SegmentType.DIMENSIONAL and segment.is_static is False


def test_from_segment_id_can_say_the_segment_was_imported_from_a_file(stack):
    app = PinpointApp(stack, "App")
    segment = Segment.from_segment_id(
        stack, "Imported", "seg456", app=app, segment_type=SegmentType.IMPORT
    )
    assert segment.is_static is True


def test_segment_and_imported_segment_satisfy_the_interface(stack, tmp_path):
    app = PinpointApp(stack, "App")
    _assert_satisfies_interface(
        Segment(
            stack,
            "S",
            app=app,
            dimensions=SegmentDimensions(behavior=Recency.active(RecencyWindow.DAYS_7)),
        )
    )
    _assert_satisfies_interface(_imported(stack, tmp_path, app=app))


def test_from_segment_id_rejects_an_arn(stack):
    app = PinpointApp(stack, "App")
    with pytest.raises(
        ValueError,
        match=r"^segment_id must be a segment id \(no slashes\), got 'apps/x/segments/y'$",
    ):
        Segment.from_segment_id(stack, "Bad", "apps/x/segments/y", app=app)


# ---- validation --------------------------------------------------------------------------


def _attributes(count: int, prefix: str = "a") -> dict[str, AttributeFilter]:
    return {f"{prefix}{i}": AttributeFilter.inclusive("x") for i in range(count)}


def test_more_dimensions_than_the_service_allows_are_rejected(stack):
    with pytest.raises(ValueError) as raised:
        Segment(
            stack,
            "S",
            app=PinpointApp(stack, "App"),
            dimensions=SegmentDimensions(attributes=_attributes(101)),
        )
    assert (
        str(raised.value)
        == "Segment uses 101 dimensions; Pinpoint allows at most 100 in one segment"
    )


def test_the_dimension_limit_counts_every_group(stack):
    groups = SegmentGroups(
        groups=[
            SegmentGroup(dimensions=[SegmentDimensions(attributes=_attributes(60))]),
            SegmentGroup(
                dimensions=[
                    SegmentDimensions(user_attributes=_attributes(30)),
                    SegmentDimensions(metrics={f"m{i}": MetricFilter.equal(i) for i in range(11)}),
                ]
            ),
        ]
    )
    with pytest.raises(
        ValueError, match=r"^Segment uses 101 dimensions; Pinpoint allows at most 100"
    ):
        Segment(stack, "S", app=PinpointApp(stack, "App"), groups=groups)


def test_exactly_the_dimension_limit_is_accepted(stack):
    Segment(
        stack,
        "S",
        app=PinpointApp(stack, "App"),
        dimensions=SegmentDimensions(attributes=_attributes(MAX_DIMENSIONS_PER_SEGMENT)),
    )
    assert len(_only(stack, "AWS::Pinpoint::Segment")["Dimensions"]["Attributes"]) == 100


def test_a_segment_without_criteria_points_to_all_endpoints(stack):
    with pytest.raises(ValueError) as raised:
        Segment(stack, "S", app=PinpointApp(stack, "App"))
    assert str(raised.value) == (
        "Segment needs dimensions or groups, got neither; for every endpoint of the project, "
        "use Segment.all_endpoints(scope, id, app=app)"
    )


def test_all_endpoints_segment_has_no_criteria(stack, tmp_path):
    everyone = Segment.all_endpoints(
        stack, "Everyone", app=PinpointApp(stack, "App"), segment_name="All users"
    )
    properties = _only(stack, "AWS::Pinpoint::Segment")
    assert set(properties) == {"ApplicationId", "Name"}
    assert properties["Name"] == "All users"
    assert everyone.selects_all_endpoints and not everyone.is_static
    assert everyone.segment_type is SegmentType.DIMENSIONAL
    assert everyone.node.default_child is everyone.node.find_child("Resource")
    assert lint_findings(Template.from_stack(stack).to_json(), tmp_path) == []


def test_all_endpoints_is_also_a_constructor_prop(stack):
    app = PinpointApp(stack, "App")
    assert Segment(stack, "A", app=app, all_endpoints=True).selects_all_endpoints
    recent = SegmentDimensions(behavior=Recency.active(RecencyWindow.DAYS_7))
    assert not Segment(stack, "B", app=app, dimensions=recent).selects_all_endpoints


@pytest.mark.parametrize(
    ("props", "message"),
    [
        (
            {"dimensions": SegmentDimensions(behavior=Recency.active(RecencyWindow.DAYS_7))},
            "Segment with all_endpoints=True selects every endpoint and takes no criteria, got "
            "dimensions; leave all_endpoints out to filter",
        ),
        (
            {
                "groups": SegmentGroups(
                    groups=[
                        SegmentGroup(
                            dimensions=[
                                SegmentDimensions(behavior=Recency.active(RecencyWindow.DAYS_7))
                            ]
                        )
                    ]
                )
            },
            "Segment with all_endpoints=True selects every endpoint and takes no criteria, got "
            "groups; leave all_endpoints out to filter",
        ),
    ],
)
def test_all_endpoints_with_criteria_is_rejected(stack, props, message):
    with pytest.raises(ValueError) as raised:
        Segment(stack, "S", app=PinpointApp(stack, "App"), all_endpoints=True, **props)
    assert str(raised.value) == message


def test_all_endpoints_must_be_a_bool(stack):
    with pytest.raises(TypeError) as raised:
        Segment(stack, "S", app=PinpointApp(stack, "App"), all_endpoints="yes")  # type: ignore[arg-type]
    assert str(raised.value) == "all_endpoints must be a bool, got str: 'yes'"


def test_dimensions_and_groups_together_are_rejected(stack):
    dimensions = SegmentDimensions(behavior=Recency.active(RecencyWindow.DAYS_7))
    with pytest.raises(ValueError, match=r"^Segment takes dimensions or groups, not both"):
        Segment(
            stack,
            "S",
            app=PinpointApp(stack, "App"),
            dimensions=dimensions,
            groups=SegmentGroups(groups=[SegmentGroup(dimensions=[dimensions])]),
        )


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (
            lambda: SegmentDimensions(),
            "SegmentDimensions is empty: give at least one of demographic, location, behavior, "
            "attributes, user_attributes or metrics",
        ),
        (lambda: SegmentGroup(), "SegmentGroup is empty: give dimensions, source_segments or both"),
        (lambda: SegmentGroups(groups=[]), "SegmentGroups.groups must have 1 to 2 groups, got 0"),
        (lambda: SetFilter.include(), "SetFilter.values needs at least 1 value, got none"),
        (
            lambda: SetFilter.include(""),
            "SetFilter.values values must be non-empty strings, got ''",
        ),
        (
            lambda: AttributeFilter.inclusive(),
            "AttributeFilter INCLUSIVE values needs at least 1 value, got none",
        ),
    ],
)
def test_empty_parts_are_rejected(build, message):
    with pytest.raises(ValueError) as raised:
        build()
    assert str(raised.value) == message


def test_empty_demographic_location_and_maps_are_written_as_the_service_returns_them(
    stack, tmp_path
):
    # GetSegment returns console-made segments with empty filter objects; they filter nothing.
    dimensions = _dimensions(
        stack,
        SegmentDimensions(
            demographic=Demographic(), location=Location(), attributes={}, metrics={}
        ),
    )
    assert dimensions == {"Demographic": {}, "Location": {}, "Attributes": {}, "Metrics": {}}
    assert SegmentDimensions(demographic=Demographic()).dimension_count == 0
    assert lint_findings(Template.from_stack(stack).to_json(), tmp_path) == []


def test_more_groups_than_the_service_allows_are_rejected():
    group = SegmentGroup(
        dimensions=[SegmentDimensions(behavior=Recency.active(RecencyWindow.DAYS_7))]
    )
    with pytest.raises(ValueError) as raised:
        SegmentGroups(groups=[group, group, group])
    assert str(raised.value) == "SegmentGroups.groups must have 1 to 2 groups, got 3"


def test_a_group_can_not_mix_an_imported_source_with_others(stack):
    app = PinpointApp(stack, "App")
    imported = Segment.from_segment_id(
        stack, "Imported", "imp", app=app, segment_type=SegmentType.IMPORT
    )
    dynamic = Segment.from_segment_id(stack, "Dynamic", "dyn", app=app)
    with pytest.raises(ValueError) as raised:
        SegmentGroup(source_segments=[dynamic, imported])
    assert str(raised.value) == (
        "SegmentGroup.source_segments may hold several dynamic segments or exactly one imported "
        "segment, got 2 segments of which 1 imported (TestStack/Imported); Pinpoint can't "
        "combine an imported base segment with other base segments"
    )


def test_a_group_can_not_hold_two_imported_sources(stack, tmp_path):
    app = PinpointApp(stack, "App")
    first = _imported(stack, tmp_path, "First", app=app)
    second = _imported(stack, tmp_path, "Second", app=app)
    with pytest.raises(
        ValueError,
        match=r"got 2 segments of which 2 imported \(TestStack/First, TestStack/Second\)",
    ):
        SegmentGroup(source_segments=[first, second])


def test_an_imported_first_base_segment_allows_no_second_group(stack):
    app = PinpointApp(stack, "App")
    imported = Segment.from_segment_id(
        stack, "Imported", "imp", app=app, segment_type=SegmentType.IMPORT
    )
    other = SegmentGroup(
        dimensions=[SegmentDimensions(behavior=Recency.active(RecencyWindow.DAYS_7))]
    )
    with pytest.raises(ValueError) as raised:
        SegmentGroups(groups=[SegmentGroup(source_segments=[imported]), other])
    assert str(raised.value) == (
        "SegmentGroups: the first group's base segment is an imported segment "
        "(TestStack/Imported), so the segment can't have a second group; got 2 groups"
    )


def test_an_imported_base_segment_alone_or_in_the_second_group_is_accepted(stack, tmp_path):
    app = PinpointApp(stack, "App")
    imported = _imported(stack, tmp_path, app=app)
    filters = [SegmentDimensions(demographic=Demographic(channel=SetFilter.include("EMAIL")))]
    Segment(
        stack,
        "Alone",
        app=app,
        groups=SegmentGroups(groups=[SegmentGroup(source_segments=[imported], dimensions=filters)]),
    )
    Segment(
        stack,
        "Second",
        app=app,
        groups=SegmentGroups(
            groups=[SegmentGroup(dimensions=filters), SegmentGroup(source_segments=[imported])]
        ),
    )
    Template.from_stack(stack).resource_count_is("AWS::Pinpoint::Segment", 2)


def test_a_source_segment_of_another_project_is_rejected(stack):
    app = PinpointApp(stack, "App")
    other = PinpointApp(stack, "Other")
    base = Segment.from_segment_id(stack, "Base", "seg", app=other)
    with pytest.raises(ValueError) as raised:
        Segment(
            stack, "S", app=app, groups=SegmentGroups(groups=[SegmentGroup(source_segments=[base])])
        )
    assert str(raised.value) == (
        "groups[0].source_segments: TestStack/Base belongs to another project than this "
        "segment's (TestStack/Other, not TestStack/App)"
    )


def test_source_segments_of_the_same_project_id_are_accepted(stack):
    app = PinpointApp.from_app_id(stack, "App", "app123")
    same = PinpointApp.from_app_id(stack, "Same", "app123")
    base = Segment.from_segment_id(stack, "Base", "seg", app=same)
    Segment(
        stack, "S", app=app, groups=SegmentGroups(groups=[SegmentGroup(source_segments=[base])])
    )
    Template.from_stack(stack).resource_count_is("AWS::Pinpoint::Segment", 1)


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (
            lambda: GpsPoint(90.5, 13.4, 10),
            "GpsPoint.latitude must be between -90 and 90, got 90.5",
        ),
        (lambda: GpsPoint(-91, 13.4, 10), "GpsPoint.latitude must be between -90 and 90, got -91"),
        (
            lambda: GpsPoint(52.5, 181, 10),
            "GpsPoint.longitude must be between -180 and 180, got 181",
        ),
        (
            lambda: GpsPoint(52.5, -180.1, 10),
            "GpsPoint.longitude must be between -180 and 180, got -180.1",
        ),
        (
            lambda: GpsPoint(52.5, 13.4, 0),
            "GpsPoint.range_km must be more than 0 and at most 20037.5 (half the Earth's "
            "circumference), got 0",
        ),
        (
            lambda: GpsPoint(52.5, 13.4, -5),
            "GpsPoint.range_km must be more than 0 and at most 20037.5 (half the Earth's "
            "circumference), got -5",
        ),
        (
            lambda: GpsPoint(52.5, 13.4, 20_038),
            "GpsPoint.range_km must be more than 0 and at most 20037.5 (half the Earth's "
            "circumference), got 20038",
        ),
        (
            lambda: GpsPoint(math.nan, 13.4, 10),
            "latitude must be a finite number, got nan",
        ),
        (
            lambda: GpsPoint(52.5, 13.4, math.inf),
            "range_km must be a finite number, got inf",
        ),
        (lambda: GpsPoint(True, 13.4, 10), "latitude must be a number, got bool: True"),  # type: ignore[arg-type]
    ],
)
def test_invalid_gps_coordinates_or_ranges_are_rejected(build, message):
    with pytest.raises((TypeError, ValueError)) as raised:
        build()
    assert str(raised.value) == message


def test_gps_edges_are_accepted():
    GpsPoint(-90, -180, 0.001)
    GpsPoint(90, 180, 20_037.5)


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (
            lambda: AttributeFilter(AttributeType.BETWEEN, ["2024-01-01"]),
            "AttributeFilter BETWEEN needs exactly two values (start and end), got 1: "
            "['2024-01-01']",
        ),
        (
            lambda: AttributeFilter(AttributeType.BETWEEN, []),
            "AttributeFilter BETWEEN needs exactly two values (start and end), got 0: []",
        ),
        (
            lambda: AttributeFilter(
                AttributeType.BETWEEN, ["2024-01-01", "2024-02-01", "2024-03-01"]
            ),
            "AttributeFilter BETWEEN needs exactly two values (start and end), got 3: "
            "['2024-01-01', '2024-02-01', '2024-03-01']",
        ),
        (
            lambda: AttributeFilter.between("2024-02-01", "2024-01-01"),
            "AttributeFilter BETWEEN needs a start before its end, got 2024-02-01T00:00:00Z "
            "and 2024-01-01T00:00:00Z",
        ),
        (
            lambda: AttributeFilter(AttributeType.BEFORE, ["2024-01-01", "2024-02-01"]),
            "AttributeFilter BEFORE needs exactly one value, got 2: ['2024-01-01', '2024-02-01']",
        ),
        (
            lambda: AttributeFilter.after("next tuesday"),
            "AttributeFilter AFTER values must be an ISO-8601 date or date-time (e.g. '2024-05-01' "
            "or '2024-05-01T12:00:00Z'), got 'next tuesday'",
        ),
        (
            lambda: AttributeFilter.on(datetime(2024, 5, 1, 12)),
            "AttributeFilter ON values must have a time zone (e.g. datetime(..., tzinfo=UTC) or a "
            "'Z' suffix), got the naive '2024-05-01T12:00:00'",
        ),
        (
            lambda: AttributeFilter.before("2024-05-01T12:00:00"),
            "AttributeFilter BEFORE values must have a time zone (e.g. datetime(..., tzinfo=UTC) "
            "or a 'Z' suffix), got the naive '2024-05-01T12:00:00'",
        ),
    ],
)
def test_date_filters_need_the_right_number_of_valid_values(build, message):
    with pytest.raises(ValueError) as raised:
        build()
    assert str(raised.value) == message


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (
            lambda: Demographic(channel=SetFilter.include("email")),
            "Demographic.channel values must be Pinpoint channel types (ADM, APNS, APNS_SANDBOX, "
            "APNS_VOIP, APNS_VOIP_SANDBOX, BAIDU, CUSTOM, EMAIL, GCM, IN_APP, PUSH, SMS, VOICE), "
            "got 'email'",
        ),
        (
            lambda: Location(country=SetFilter.include("de")),
            "Location.country values must be ISO 3166-1 alpha-2 codes in capitals (e.g. 'DE'), "
            "got 'de'",
        ),
        (
            lambda: Location(country=SetFilter.include("DEU")),
            "Location.country values must be ISO 3166-1 alpha-2 codes in capitals (e.g. 'DE'), "
            "got 'DEU'",
        ),
        (
            lambda: MetricFilter.greater_than(math.nan),
            "value must be a finite number, got nan",
        ),
        (
            lambda: SegmentDimensions(attributes={"x" * 51: AttributeFilter.inclusive("y")}),
            f"SegmentDimensions.attributes name {'x' * 51!r} is 51 characters long; Pinpoint "
            "attribute names are at most 50",
        ),
        (
            lambda: SegmentDimensions(metrics={"": MetricFilter.equal(1)}),
            "SegmentDimensions.metrics names must be non-empty strings, got ''",
        ),
        (
            lambda: SegmentReference(_reference(), version=0),
            "SegmentReference.version must be at least 1, got 0",
        ),
    ],
)
def test_other_invalid_values_are_rejected(build, message):
    with pytest.raises(ValueError) as raised:
        build()
    assert str(raised.value) == message


def _reference() -> ISegment:
    stack = cdk.Stack(cdk.App(), "Refs")
    return Segment.from_segment_id(
        stack, "S", "seg", app=PinpointApp.from_app_id(stack, "A", "app")
    )


def test_values_given_as_one_string_are_rejected():
    with pytest.raises(
        TypeError,
        match=r"^values must be a sequence of strings, got the string 'EMAIL'$",
    ):
        SetFilter("EMAIL")


def test_empty_segment_name_is_rejected(stack):
    with pytest.raises(ValueError, match=r"^segment_name must not be empty, got ' '$"):
        Segment(
            stack,
            "S",
            app=PinpointApp(stack, "App"),
            segment_name=" ",
            dimensions=SegmentDimensions(behavior=Recency.active(RecencyWindow.DAYS_7)),
        )


def test_unresolved_tokens_are_not_validated(stack):
    latitude = cdk.CfnParameter(stack, "Lat", type="Number").value_as_number
    channel = cdk.CfnParameter(stack, "Channel").value_as_string
    Segment(
        stack,
        "S",
        app=PinpointApp(stack, "App"),
        dimensions=SegmentDimensions(
            demographic=Demographic(channel=SetFilter.include(channel)),
            location=Location(gps_point=GpsPoint(latitude, 13.4, 10)),
        ),
    )
    dimensions = _only(stack, "AWS::Pinpoint::Segment")["Dimensions"]
    assert dimensions["Location"]["GPSPoint"]["Coordinates"]["Latitude"] == {"Ref": "Lat"}
    assert dimensions["Demographic"]["Channel"]["Values"] == [{"Ref": "Channel"}]


# ---- ImportedSegment from a file -----------------------------------------------------------


def test_imported_segment_from_a_file_uploads_an_asset_and_runs_the_import(stack, tmp_path):
    app = PinpointApp(stack, "App")
    segment = ImportedSegment(
        stack,
        "Vips",
        app=app,
        segment_name="vips",
        source=ImportSource.from_file(_file(tmp_path)),
    )
    asset_hash = segment.node.find_child("File").asset_hash
    properties = _only(stack, "Custom::PinpointImportedSegment")
    service_token = properties.pop("ServiceToken")
    assert service_token["Fn::GetAtt"][0].startswith(
        "PinpointSegmentImportProviderframeworkonEvent"
    )
    assert properties == {
        "ApplicationId": {"Ref": _logical_id(stack, app)},
        "SegmentName": "vips",
        "S3Url": f"s3://{ASSETS_BUCKET}/{asset_hash}.csv",
        "RoleArn": {"Fn::GetAtt": [_logical_id(stack, segment.role), "Arn"]},
        "Format": "CSV",
        "RegisterEndpoints": "true",
        "FileHash": asset_hash,
    }
    assert segment.endpoint_count == 2
    assert segment.segment_name == "vips"


def test_imported_segment_attributes_use_the_physical_id(stack, tmp_path):
    segment = _imported(stack, tmp_path)
    logical_id = stack.get_logical_id(segment.node.find_child("Resource").node.default_child)
    assert stack.resolve(segment.segment_id) == {"Ref": logical_id}
    assert stack.resolve(segment.segment_arn) == {
        "Fn::Join": [
            "",
            [
                {"Fn::GetAtt": [_logical_id(stack, segment.app), "Arn"]},
                "/segments/",
                {"Ref": logical_id},
            ],
        ]
    }
    assert segment.segment_type is SegmentType.IMPORT and segment.is_static is True


def test_import_role_trusts_pinpoint_for_this_project_only(stack, tmp_path):
    segment = _imported(stack, tmp_path)
    app_arn = {"Fn::GetAtt": [_logical_id(stack, segment.app), "Arn"]}
    role = Template.from_stack(stack).find_resources("AWS::IAM::Role")[
        _logical_id(stack, segment.role)
    ]
    assert role["Properties"]["AssumeRolePolicyDocument"] == {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Action": "sts:AssumeRole",
                "Effect": "Allow",
                "Principal": {"Service": "pinpoint.amazonaws.com"},
                "Condition": {
                    "StringEquals": {"aws:SourceAccount": "123456789012"},
                    "ArnLike": {"aws:SourceArn": [app_arn, {"Fn::Join": ["", [app_arn, "/*"]]}]},
                },
            }
        ],
    }
    assert "ManagedPolicyArns" not in role["Properties"]


def test_import_role_reads_only_the_file(stack, tmp_path):
    segment = _imported(stack, tmp_path)
    key = f"{segment.node.find_child('File').asset_hash}.csv"
    object_arn = f"arn:aws:s3:::{ASSETS_BUCKET}/{key}"
    assert _policy_statements(stack, _logical_id(stack, segment.role)) == [
        {"Action": "s3:GetObject", "Effect": "Allow", "Resource": object_arn},
        {
            "Action": "s3:ListBucket",
            "Condition": {"StringEquals": {"s3:prefix": key}},
            "Effect": "Allow",
            "Resource": ASSETS_BUCKET_ARN,
        },
        {"Action": "s3:GetBucketLocation", "Effect": "Allow", "Resource": ASSETS_BUCKET_ARN},
    ]


def test_custom_resource_waits_for_the_import_role_policy(stack, tmp_path):
    """The policy is an explicit dependency; the role is one through RoleArn (a second
    DependsOn on it would be cfn-lint's W3005)."""
    segment = _imported(stack, tmp_path)
    resource = Template.from_stack(stack).find_resources("Custom::PinpointImportedSegment")
    (custom,) = resource.values()
    policy = segment.role.node.find_child("DefaultPolicy").node.default_child
    assert custom["DependsOn"] == [stack.get_logical_id(policy)]
    assert custom["Properties"]["RoleArn"] == {
        "Fn::GetAtt": [_logical_id(stack, segment.role), "Arn"]
    }


def test_import_handlers_get_exact_pinpoint_permissions(stack, tmp_path):
    segment = _imported(stack, tmp_path)
    app_arn = {"Fn::GetAtt": [_logical_id(stack, segment.app), "Arn"]}
    on_event = _policy_statements(stack, "PinpointSegmentImportProviderOnEventRole")
    is_complete = _policy_statements(stack, "PinpointSegmentImportProviderIsCompleteRole")
    get_job = {
        "Action": "mobiletargeting:GetImportJob",
        "Effect": "Allow",
        "Resource": [app_arn, {"Fn::Join": ["", [app_arn, "/jobs/import/*"]]}],
    }
    delete = {
        "Action": "mobiletargeting:DeleteSegment",
        "Effect": "Allow",
        "Resource": {"Fn::Join": ["", [app_arn, "/segments/*"]]},
    }
    assert on_event[1:] == [
        {"Action": "mobiletargeting:CreateImportJob", "Effect": "Allow", "Resource": app_arn},
        {
            "Action": "iam:PassRole",
            "Effect": "Allow",
            "Resource": {"Fn::GetAtt": [_logical_id(stack, segment.role), "Arn"]},
        },
        {
            "Action": "mobiletargeting:GetSegments",
            "Effect": "Allow",
            "Resource": [app_arn, {"Fn::Join": ["", [app_arn, "/segments"]]}],
        },
        {  # statements on the same resource are merged
            "Action": ["mobiletargeting:DeleteSegment", "mobiletargeting:GetSegmentImportJobs"],
            "Effect": "Allow",
            "Resource": {"Fn::Join": ["", [app_arn, "/segments/*"]]},
        },
        get_job,
    ]
    assert is_complete[1:] == [get_job, delete]
    assert on_event[0]["Action"] == ["logs:CreateLogStream", "logs:PutLogEvents"]


def test_provider_runs_the_import_handlers_and_polls_every_10_seconds_for_30_minutes(
    stack, tmp_path
):
    _imported(stack, tmp_path)
    template = Template.from_stack(stack)
    for handler in ("segment_import.index.on_event", "segment_import.index.is_complete"):
        template.has_resource_properties(
            "AWS::Lambda::Function",
            {"Handler": handler, "Runtime": "python3.14", "Timeout": 120, "MemorySize": 256},
        )
    (machine,) = template.find_resources("AWS::StepFunctions::StateMachine").values()
    definition = stack.resolve(machine["Properties"]["DefinitionString"])
    text = "".join(p if isinstance(p, str) else "" for p in definition["Fn::Join"][1])
    assert '"IntervalSeconds":10' in text
    assert '"MaxAttempts":180' in text


def test_several_imported_segments_share_one_provider(stack, tmp_path):
    app = PinpointApp(stack, "App")
    _imported(stack, tmp_path, "First", app=app)
    _imported(stack, tmp_path, "Second", app=app)
    template = Template.from_stack(stack)
    template.resource_count_is("Custom::PinpointImportedSegment", 2)
    template.resource_count_is("AWS::StepFunctions::StateMachine", 1)
    template.resource_count_is("AWS::Lambda::Function", 5)


def test_register_endpoints_can_be_turned_off(stack, tmp_path):
    _imported(stack, tmp_path, register_endpoints=False)
    assert _only(stack, "Custom::PinpointImportedSegment")["RegisterEndpoints"] == "false"


def test_json_file_imports_as_json(stack, tmp_path):
    segment = _imported(
        stack, tmp_path, source=ImportSource.from_file(_file(tmp_path, GOOD_JSON, "endpoints.json"))
    )
    properties = _only(stack, "Custom::PinpointImportedSegment")
    assert properties["Format"] == "JSON"
    assert properties["S3Url"].endswith(".json")
    assert segment.endpoint_count == 1


def test_segment_name_of_an_import_is_generated_when_absent(stack, tmp_path):
    _imported(stack, tmp_path)
    name = _only(stack, "Custom::PinpointImportedSegment")["SegmentName"]
    assert name.startswith("TestStackVips") and len(name) <= 64


def test_a_changed_file_changes_hash_and_location(tmp_path):
    def properties(text: str) -> dict[str, Any]:
        stack = cdk.Stack(
            cdk.App(), "S", env=cdk.Environment(account="123456789012", region="us-east-1")
        )
        folder = tmp_path / str(abs(hash(text)))
        folder.mkdir()
        _imported(stack, folder, source=ImportSource.from_file(_file(folder, text)))
        return _only(stack, "Custom::PinpointImportedSegment")

    before = properties(GOOD_CSV)
    after = properties(GOOD_CSV + "EMAIL,bob@example.com,Berlin\n")
    assert before["FileHash"] != after["FileHash"]
    assert before["S3Url"] != after["S3Url"]


def test_a_bad_file_raises_naming_file_line_and_column(tmp_path):
    path = _file(tmp_path, "ChannelType,Address\nEMAIL,ada@example.com\nemail,bob@example.com\n")
    with pytest.raises(EndpointFileError) as raised:
        ImportSource.from_file(path)
    error = raised.value
    assert (error.path, error.line, error.column) == (str(path), 3, 1)
    assert str(error).startswith(f"Endpoint file {path}, line 3, column 1: ChannelType 'email'")
    assert isinstance(error, ValueError)


def test_a_bad_json_file_raises_naming_line_and_column(tmp_path):
    path = _file(
        tmp_path, GOOD_JSON + '{"ChannelType": "EMAIL", "Adress": "x@example.com"}\n', "e.json"
    )
    with pytest.raises(
        EndpointFileError, match=re.escape(f"Endpoint file {path}, line 2, column 26: 'Adress'")
    ):
        ImportSource.from_file(path)


def test_a_format_that_does_not_match_the_extension_is_rejected(tmp_path):
    path = _file(tmp_path)
    with pytest.raises(
        EndpointFileError, match=r"the extension \.csv does not match the format JSON"
    ):
        ImportSource.from_file(path, format=ImportFormat.JSON)


# ---- ImportedSegment from an S3 location ---------------------------------------------------


def test_imported_segment_from_an_existing_s3_object(stack):
    bucket = s3.Bucket.from_bucket_name(stack, "Bucket", "my-bucket")
    segment = ImportedSegment(
        stack,
        "Vips",
        app=PinpointApp(stack, "App"),
        source=ImportSource.from_bucket(bucket, "exports/vips.json"),
    )
    properties = _only(stack, "Custom::PinpointImportedSegment")
    assert properties["S3Url"] == "s3://my-bucket/exports/vips.json"
    assert properties["Format"] == "JSON"
    assert "FileHash" not in properties
    assert segment.endpoint_count is None
    bucket_arn = "arn:aws:s3:::my-bucket"
    assert _policy_statements(stack, _logical_id(stack, segment.role)) == [
        {
            "Action": "s3:GetObject",
            "Effect": "Allow",
            "Resource": "arn:aws:s3:::my-bucket/exports/vips.json",
        },
        {
            "Action": "s3:ListBucket",
            "Condition": {"StringEquals": {"s3:prefix": "exports/vips.json"}},
            "Effect": "Allow",
            "Resource": bucket_arn,
        },
        {"Action": "s3:GetBucketLocation", "Effect": "Allow", "Resource": bucket_arn},
    ]


def test_a_revision_of_an_s3_object_is_the_file_hash(stack):
    bucket = s3.Bucket.from_bucket_name(stack, "Bucket", "my-bucket")
    ImportedSegment(
        stack,
        "Vips",
        app=PinpointApp(stack, "App"),
        source=ImportSource.from_bucket(bucket, "vips.csv", revision="2024-05-01"),
    )
    properties = _only(stack, "Custom::PinpointImportedSegment")
    assert (properties["Format"], properties["FileHash"]) == ("CSV", "2024-05-01")


def test_a_bucket_with_a_kms_key_lets_the_import_role_decrypt(stack):
    key = kms.Key(stack, "Key", enable_key_rotation=True)
    bucket = s3.Bucket(stack, "Bucket", encryption=s3.BucketEncryption.KMS, encryption_key=key)
    segment = ImportedSegment(
        stack,
        "Vips",
        app=PinpointApp(stack, "App"),
        source=ImportSource.from_bucket(bucket, "vips.csv"),
    )
    statements = _policy_statements(stack, _logical_id(stack, segment.role))
    assert statements[-1] == {
        "Action": "kms:Decrypt",
        "Effect": "Allow",
        "Resource": {"Fn::GetAtt": [_logical_id(stack, key), "Arn"]},
    }
    assert [s["Action"] for s in statements] == [
        "s3:GetObject",
        "s3:ListBucket",
        "s3:GetBucketLocation",
        "kms:Decrypt",
    ]


@pytest.mark.parametrize(
    ("key", "fmt", "message"),
    [
        (
            "exports/",
            None,
            "key must be the object key of one file (not empty, no leading or trailing '/'), "
            "got 'exports/'",
        ),
        (
            "/vips.csv",
            None,
            "key must be the object key of one file (not empty, no leading or trailing '/'), "
            "got '/vips.csv'",
        ),
        (
            "",
            None,
            "key must be the object key of one file (not empty, no leading or trailing '/'), "
            "got ''",
        ),
        (
            "exports/*.csv",
            None,
            "key must be one object key, without wildcards, got 'exports/*.csv'",
        ),
        ("vips.txt", None, "format is needed: the key 'vips.txt' does not end in .csv or .json"),
        (
            "vips.csv",
            ImportFormat.JSON,
            "format JSON does not match the key 'vips.csv'; Pinpoint imports only the files whose "
            "extension matches the import job's format",
        ),
    ],
)
def test_invalid_s3_locations_are_rejected(stack, key, fmt, message):
    bucket = s3.Bucket.from_bucket_name(stack, "Bucket", "my-bucket")
    with pytest.raises(ValueError) as raised:
        ImportSource.from_bucket(bucket, key, format=fmt)
    assert str(raised.value) == message


def test_a_key_without_extension_with_a_format_is_accepted(stack):
    bucket = s3.Bucket.from_bucket_name(stack, "Bucket", "my-bucket")
    assert (
        ImportSource.from_bucket(bucket, "exports/vips", format=ImportFormat.CSV).format
        is ImportFormat.CSV
    )


# ---- cdk-nag -----------------------------------------------------------------------------


def test_segments_and_imports_pass_cdk_nag(nag_stack, tmp_path):
    app = PinpointApp(nag_stack, "App")
    test = ImportedSegment(
        nag_stack, "Test", app=app, source=ImportSource.from_file(_file(tmp_path))
    )
    bucket = s3.Bucket.from_bucket_name(nag_stack, "Bucket", "my-bucket")
    ImportedSegment(
        nag_stack, "FromBucket", app=app, source=ImportSource.from_bucket(bucket, "x/vips.json")
    )
    other_project = PinpointApp.from_app_id(nag_stack, "Other", "app123")
    ImportedSegment(
        nag_stack, "OtherProject", app=other_project, source=ImportSource.from_file(_file(tmp_path))
    )
    Segment(
        nag_stack,
        "BerlinEmail",
        app=app,
        groups=SegmentGroups(
            groups=[
                SegmentGroup(
                    dimensions=[
                        SegmentDimensions(
                            demographic=Demographic(channel=SetFilter.include("EMAIL"))
                        ),
                        SegmentDimensions(attributes={"City": AttributeFilter.inclusive("Berlin")}),
                    ],
                    source_segments=[test],
                    source_type=SourceType.NONE,
                )
            ]
        ),
    )
    template = synth_clean(nag_stack)
    types = [r["Type"] for r in template["Resources"].values()]
    assert types.count("Custom::PinpointImportedSegment") == 3
    assert types.count("AWS::Pinpoint::Segment") == 1


def test_a_dynamic_segment_alone_passes_cdk_nag(nag_stack):
    Segment(
        nag_stack,
        "Active",
        app=PinpointApp(nag_stack, "App"),
        dimensions=SegmentDimensions(behavior=Recency.active(RecencyWindow.DAYS_7)),
    )
    synth_clean(nag_stack)


def test_the_acknowledged_findings_are_exactly_the_handler_wildcards(
    nag_stack, tmp_path, monkeypatch
):
    """Without the library's acknowledgements, cdk-nag reports exactly the two wildcards the
    import handlers need, on both handler roles; so each acknowledgement names a real finding."""
    monkeypatch.setattr(segments_module, "acknowledge_wildcard_resource", lambda *args: None)
    app = PinpointApp(nag_stack, "App")
    ImportedSegment(nag_stack, "Test", app=app, source=ImportSource.from_file(_file(tmp_path)))
    with pytest.raises(RuntimeError) as raised:
        synth_clean(nag_stack)
    app_id = _logical_id(nag_stack, app)
    found = re.findall(
        r"^ +NagStack/(\S+)/Role/DefaultPolicy/Resource .*\n +Acknowledge with '([^']+)'$",
        str(raised.value),
        flags=re.MULTILINE,
    )
    assert sorted(found) == sorted(
        (role, f"AwsSolutions::AwsSolutions-IAM5[Resource::<{app_id}.Arn>/{resource}]")
        for role in (
            "PinpointSegmentImportProviderOnEvent",
            "PinpointSegmentImportProviderIsComplete",
        )
        for resource in ("jobs/import/*", "segments/*")
    )
