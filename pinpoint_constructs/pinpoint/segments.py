"""Segments: the dynamic ``Segment`` with typed dimension builders and segment groups, and the
static ``ImportedSegment`` that a Pinpoint import job defines from an endpoint file.

A dynamic segment is a set of criteria that Pinpoint re-evaluates as endpoints change::

    berlin_email = Segment(self, "BerlinEmail",
        app=app,
        groups=SegmentGroups(groups=[
            SegmentGroup(
                dimensions=[
                    SegmentDimensions(demographic=Demographic(channel=SetFilter.include("EMAIL"))),
                    SegmentDimensions(attributes={"City": AttributeFilter.inclusive("Berlin")}),
                ],
                type=GroupType.ALL,
                source_segments=[test_segment],
                source_type=SourceType.NONE,
            ),
        ]),
    )

An imported segment is a fixed list of endpoints from a CSV or newline-delimited JSON file::

    vips = ImportedSegment(self, "Vips", app=app, source=ImportSource.from_file("vips.csv"))

Service rules this module enforces at synth time (Amazon Pinpoint Developer Guide, "Quotas",
segment quotas; Amazon Pinpoint User Guide, "Building segments"; Amazon Pinpoint API
Reference, ``SegmentGroup`` and ``WriteSegmentRequest``):

- at most ``MAX_DIMENSIONS_PER_SEGMENT`` (100) dimensions in one segment;
- at most ``MAX_SEGMENT_GROUPS`` (2) segment groups;
- a segment has dimensions or segment groups, not both (``WriteSegmentRequest``: "can include
  a Dimensions object or a SegmentGroups object, but not both"); a segment with neither
  selects every endpoint of the project, which ``Segment.all_endpoints`` writes on purpose;
- a group's base (source) segments are several dynamic segments or exactly one imported
  segment; when the first group's base segment is imported, there is no second group.

Note: AWS ended support for Pinpoint's engagement features (segments among them) on
2026-10-30; aws-cdk-lib reports ``CloudFormation-Validate::W3696`` for these resources.
"""

from __future__ import annotations

import enum
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol

from aws_cdk import (
    CustomResource,
    Duration,
    IResource,
    Names,
    Resource,
    Tags,
)
from aws_cdk import aws_iam as iam
from aws_cdk import aws_pinpoint as pinpoint
from aws_cdk import aws_s3 as s3
from aws_cdk import aws_s3_assets as s3_assets
from constructs import Construct

from .._endpoint_files import (
    CHANNEL_TYPES,
    FORMATS_BY_EXTENSION,
    check_endpoint_file,
)
from .._lambda import HandlerProvider, acknowledge_wildcard_resource
from .._props import checked_props
from .._validation import (
    Instant,
    cached_token,
    check_attribute_name,
    check_number,
    check_range,
    check_tags,
    is_unresolved,
    iso_instant,
    non_empty_strings,
    require_bool,
    require_non_empty,
)
from .app import same_project
from .core import IPinpointApp

#: Most dimensions one segment may use (Pinpoint segment quota, not adjustable). This module
#: counts one dimension per criterion: each demographic field, the country, the GPS point,
#: the recency, and each endpoint attribute, user attribute and metric, over all groups.
MAX_DIMENSIONS_PER_SEGMENT = 100

#: Most segment groups in one segment (the Pinpoint console's limit, documented in the
#: User Guide's "Building segments").
MAX_SEGMENT_GROUPS = 2

#: Longest meaningful GPS range: half the Earth's equatorial circumference (40,075 km).
#: A circle with this radius already covers the whole planet.
MAX_GPS_RANGE_KM = 20_037.5

#: Generated segment names are at most this long.
SEGMENT_NAME_MAX_LENGTH = 64

_COUNTRY_CODE = re.compile(r"[A-Z]{2}")


# ---- closed sets -------------------------------------------------------------------------


class SegmentType(enum.Enum):
    """What kind of segment it is (Pinpoint's ``SegmentType``)."""

    #: A dynamic segment: criteria Pinpoint re-evaluates as endpoints change.
    DIMENSIONAL = "DIMENSIONAL"
    #: A static segment: the endpoints an import job read from a file. Event-triggered
    #: campaigns can't use it (Pinpoint campaign quota).
    IMPORT = "IMPORT"


class DimensionType(enum.Enum):
    """Whether endpoints that match a set filter are kept or removed."""

    #: Keep endpoints whose value is one of the filter's values.
    INCLUSIVE = "INCLUSIVE"
    #: Remove endpoints whose value is one of the filter's values.
    EXCLUSIVE = "EXCLUSIVE"


class AttributeType(enum.Enum):
    """How an endpoint or user attribute is compared with the filter's values."""

    #: The attribute equals one of the values.
    INCLUSIVE = "INCLUSIVE"
    #: The attribute equals none of the values.
    EXCLUSIVE = "EXCLUSIVE"
    #: The attribute contains one of the values as a substring.
    CONTAINS = "CONTAINS"
    #: The attribute, read as an ISO-8601 instant, is before the value.
    BEFORE = "BEFORE"
    #: The attribute, read as an ISO-8601 instant, is after the value.
    AFTER = "AFTER"
    #: The attribute, read as an ISO-8601 instant, is on the value's date (time ignored).
    ON = "ON"
    #: The attribute, read as an ISO-8601 instant, is between the two values.
    BETWEEN = "BETWEEN"


class ComparisonOperator(enum.Enum):
    """How a custom metric is compared with the filter's number."""

    GREATER_THAN = "GREATER_THAN"
    LESS_THAN = "LESS_THAN"
    GREATER_THAN_OR_EQUAL = "GREATER_THAN_OR_EQUAL"
    LESS_THAN_OR_EQUAL = "LESS_THAN_OR_EQUAL"
    EQUAL = "EQUAL"


class RecencyType(enum.Enum):
    """Whether a recency filter keeps active or inactive endpoints."""

    #: Endpoints that were active within the window.
    ACTIVE = "ACTIVE"
    #: Endpoints that were not active within the window.
    INACTIVE = "INACTIVE"


class RecencyWindow(enum.Enum):
    """The windows Pinpoint offers for recency filters (its ``Duration`` values)."""

    #: The last 24 hours.
    HOURS_24 = "HR_24"
    #: The last 7 days.
    DAYS_7 = "DAY_7"
    #: The last 14 days.
    DAYS_14 = "DAY_14"
    #: The last 30 days.
    DAYS_30 = "DAY_30"


class GroupType(enum.Enum):
    """How the dimension sets of one segment group combine (the group's ``Type``)."""

    #: Endpoints that match every dimension set.
    ALL = "ALL"
    #: Endpoints that match at least one dimension set.
    ANY = "ANY"
    #: Endpoints that match no dimension set.
    NONE = "NONE"


class SourceType(enum.Enum):
    """How the base (source) segments of one segment group combine."""

    #: Endpoints that are in every base segment.
    ALL = "ALL"
    #: Endpoints that are in at least one base segment.
    ANY = "ANY"
    #: Endpoints that are in none of the base segments: use it to exclude segments.
    NONE = "NONE"


class Include(enum.Enum):
    """How the segment groups of a segment combine."""

    #: Endpoints that match every group (the console's AND).
    ALL = "ALL"
    #: Endpoints that match at least one group (the console's OR).
    ANY = "ANY"
    #: Endpoints that match no group (NOR).
    NONE = "NONE"


class ImportFormat(enum.Enum):
    """The format of an endpoint file."""

    #: Comma-separated values with a header row of attribute names.
    CSV = "CSV"
    #: Newline-delimited JSON: one endpoint object a line.
    JSON = "JSON"


# ---- dimension builders ----------------------------------------------------------------


@checked_props
@dataclass(frozen=True)
class SetFilter:
    """Keep or remove endpoints whose value is one of ``values``: the filter for demographic
    fields (app version, channel, device type, make, model, platform) and the country.

    Use the factories: ``SetFilter.include("EMAIL", "SMS")``, ``SetFilter.exclude("Android")``.

    :param values: The values to match, at least one.
    :param dimension_type: Default: ``DimensionType.INCLUSIVE``.
    """

    values: Sequence[str]
    dimension_type: DimensionType = DimensionType.INCLUSIVE

    def __post_init__(self) -> None:
        object.__setattr__(self, "values", non_empty_strings("SetFilter.values", self.values))

    @staticmethod
    def include(*values: str) -> SetFilter:
        """Endpoints whose value is one of ``values``."""
        return SetFilter(values, DimensionType.INCLUSIVE)

    @staticmethod
    def exclude(*values: str) -> SetFilter:
        """Endpoints whose value is none of ``values``."""
        return SetFilter(values, DimensionType.EXCLUSIVE)

    def _render(self) -> pinpoint.CfnSegment.SetDimensionProperty:
        return pinpoint.CfnSegment.SetDimensionProperty(
            dimension_type=self.dimension_type.value, values=list(self.values)
        )


@checked_props
@dataclass(frozen=True, kw_only=True)
class Demographic:
    """Filters on the endpoint's device and channel.

    ``Demographic()`` without filters is accepted and written as ``{}``, as segments made in
    the console and returned by ``GetSegment`` hold it; it filters nothing.

    :param app_version: The app version (``Demographic.AppVersion``). Default: no filter.
    :param channel: The channel type: ``EMAIL``, ``SMS``, ``VOICE``, ``APNS``, ``GCM``,
        ``BAIDU``, ``ADM``, ``CUSTOM``, ``IN_APP`` ... (``ChannelType``). Default: no filter.
    :param device_type: The device type. Default: no filter.
    :param make: The device manufacturer, e.g. ``"Apple"`` (``Demographic.Make``).
        Default: no filter.
    :param model: The device model, e.g. ``"iPhone"`` (``Demographic.Model``).
        Default: no filter.
    :param platform: The platform, e.g. ``"ios"``, ``"android"`` (``Demographic.Platform``).
        Default: no filter.
    """

    app_version: SetFilter | None = None
    channel: SetFilter | None = None
    device_type: SetFilter | None = None
    make: SetFilter | None = None
    model: SetFilter | None = None
    platform: SetFilter | None = None

    def __post_init__(self) -> None:
        if self.channel is not None:
            unknown = [
                v for v in self.channel.values if not is_unresolved(v) and v not in CHANNEL_TYPES
            ]
            if unknown:
                raise ValueError(
                    "Demographic.channel values must be Pinpoint channel types ("
                    + ", ".join(sorted(CHANNEL_TYPES))
                    + f"), got {', '.join(repr(v) for v in unknown)}"
                )

    def _filters(self) -> dict[str, SetFilter]:
        names = ("app_version", "channel", "device_type", "make", "model", "platform")
        return {n: getattr(self, n) for n in names if getattr(self, n) is not None}

    def _render(self) -> pinpoint.CfnSegment.DemographicProperty:
        return pinpoint.CfnSegment.DemographicProperty(
            **{name: f._render() for name, f in self._filters().items()}
        )


@checked_props
@dataclass(frozen=True)
class GpsPoint:
    """Endpoints within ``range_km`` of a point (``Location.GPSPoint``).

    :param latitude: Degrees, -90 to 90.
    :param longitude: Degrees, -180 to 180.
    :param range_km: The radius in kilometres, more than 0 and at most
        ``MAX_GPS_RANGE_KM`` (a larger circle would cover the Earth already).
    """

    latitude: float
    longitude: float
    range_km: float

    def __post_init__(self) -> None:
        check_number("GpsPoint.latitude", self.latitude)
        check_number("GpsPoint.longitude", self.longitude)
        check_number("GpsPoint.range_km", self.range_km)
        check_range("GpsPoint.latitude", self.latitude, -90, 90)
        check_range("GpsPoint.longitude", self.longitude, -180, 180)
        if not is_unresolved(self.range_km) and not 0 < self.range_km <= MAX_GPS_RANGE_KM:
            raise ValueError(
                f"GpsPoint.range_km must be more than 0 and at most {MAX_GPS_RANGE_KM} "
                f"(half the Earth's circumference), got {self.range_km}"
            )

    def _render(self) -> pinpoint.CfnSegment.GPSPointProperty:
        return pinpoint.CfnSegment.GPSPointProperty(
            coordinates=pinpoint.CfnSegment.CoordinatesProperty(
                latitude=self.latitude, longitude=self.longitude
            ),
            range_in_kilometers=self.range_km,
        )


@checked_props
@dataclass(frozen=True, kw_only=True)
class Location:
    """Filters on where the endpoint is.

    ``Location()`` without filters is accepted and written as ``{}`` (it filters nothing),
    like ``Demographic()``.

    Pinpoint's location dimension has only these two; to filter by city, region or postal
    code, record it as a custom endpoint attribute and use ``SegmentDimensions.attributes``.

    :param country: ISO 3166-1 alpha-2 country codes, e.g. ``SetFilter.include("DE")``.
        Default: no filter.
    :param gps_point: A point and a radius. Default: no filter.
    """

    country: SetFilter | None = None
    gps_point: GpsPoint | None = None

    def __post_init__(self) -> None:
        if self.country is not None:
            for code in self.country.values:
                if not is_unresolved(code) and not _COUNTRY_CODE.fullmatch(code):
                    raise ValueError(
                        "Location.country values must be ISO 3166-1 alpha-2 codes in capitals "
                        f"(e.g. 'DE'), got {code!r}"
                    )

    def _count(self) -> int:
        return (self.country is not None) + (self.gps_point is not None)

    def _render(self) -> pinpoint.CfnSegment.LocationProperty:
        return pinpoint.CfnSegment.LocationProperty(
            country=self.country._render() if self.country else None,
            gps_point=self.gps_point._render() if self.gps_point else None,
        )


@checked_props
@dataclass(frozen=True)
class Recency:
    """Endpoints that were (or were not) active within a window: ``Recency.active(...)``,
    ``Recency.inactive(...)``. An endpoint is active when it recorded a session or event.

    :param recency_type: Active or inactive endpoints.
    :param window: The last 24 hours, 7, 14 or 30 days.
    """

    recency_type: RecencyType
    window: RecencyWindow

    @staticmethod
    def active(window: RecencyWindow) -> Recency:
        """Endpoints that were active within ``window``."""
        return Recency(RecencyType.ACTIVE, window)

    @staticmethod
    def inactive(window: RecencyWindow) -> Recency:
        """Endpoints that were not active within ``window``."""
        return Recency(RecencyType.INACTIVE, window)

    def _render(self) -> pinpoint.CfnSegment.BehaviorProperty:
        return pinpoint.CfnSegment.BehaviorProperty(
            recency=pinpoint.CfnSegment.RecencyProperty(
                duration=self.window.value, recency_type=self.recency_type.value
            )
        )


_DATE_TYPES = (AttributeType.BEFORE, AttributeType.AFTER, AttributeType.ON)


@checked_props
@dataclass(frozen=True)
class AttributeFilter:
    """A filter on a custom endpoint attribute or user attribute.

    Use the factories: ``inclusive``, ``exclusive``, ``contains`` (string values) and
    ``before``, ``after``, ``on``, ``between`` (dates and times, which Pinpoint reads as
    ISO-8601 instants). BEFORE, AFTER and ON take one value, BETWEEN exactly two (start, end).

    :param attribute_type: How the attribute is compared.
    :param values: The values; dates and times may be ``datetime`` (with a time zone),
        ``date`` or ISO-8601 strings, and are stored as UTC instants.
    """

    attribute_type: AttributeType
    values: Sequence[Instant]

    def __post_init__(self) -> None:
        kind = self.attribute_type.value
        prop = f"AttributeFilter {kind} values"
        if isinstance(self.values, str | date):
            raise TypeError(f"{prop} must be a sequence, got {self.values!r}")
        given = tuple(self.values)
        if self.attribute_type is AttributeType.BETWEEN and len(given) != 2:
            raise ValueError(
                f"AttributeFilter BETWEEN needs exactly two values (start and end), "
                f"got {len(given)}: {[str(v) for v in given]}"
            )
        if self.attribute_type in _DATE_TYPES and len(given) != 1:
            raise ValueError(
                f"AttributeFilter {kind} needs exactly one value, got {len(given)}: "
                f"{[str(v) for v in given]}"
            )
        values: tuple[str, ...]
        if self.attribute_type in (*_DATE_TYPES, AttributeType.BETWEEN):
            values = tuple(iso_instant(prop, v) for v in given)
        else:
            values = non_empty_strings(prop, given)  # type: ignore[arg-type]
        if self.attribute_type is AttributeType.BETWEEN:
            start, end = values
            if not is_unresolved(start) and not is_unresolved(end) and _parse(start) >= _parse(end):
                raise ValueError(
                    f"AttributeFilter BETWEEN needs a start before its end, got {start} and {end}"
                )
        object.__setattr__(self, "values", values)

    @staticmethod
    def inclusive(*values: str) -> AttributeFilter:
        """The attribute equals one of ``values``."""
        return AttributeFilter(AttributeType.INCLUSIVE, values)

    @staticmethod
    def exclusive(*values: str) -> AttributeFilter:
        """The attribute equals none of ``values``."""
        return AttributeFilter(AttributeType.EXCLUSIVE, values)

    @staticmethod
    def contains(*values: str) -> AttributeFilter:
        """The attribute contains one of ``values`` as a substring."""
        return AttributeFilter(AttributeType.CONTAINS, values)

    @staticmethod
    def before(instant: Instant) -> AttributeFilter:
        """The attribute, a date-time, is before ``instant``."""
        return AttributeFilter(AttributeType.BEFORE, (instant,))

    @staticmethod
    def after(instant: Instant) -> AttributeFilter:
        """The attribute, a date-time, is after ``instant``."""
        return AttributeFilter(AttributeType.AFTER, (instant,))

    @staticmethod
    def on(day: Instant) -> AttributeFilter:
        """The attribute, a date-time, is on ``day`` (the time is ignored)."""
        return AttributeFilter(AttributeType.ON, (day,))

    @staticmethod
    def between(start: Instant, end: Instant) -> AttributeFilter:
        """The attribute, a date-time, is between ``start`` and ``end``."""
        return AttributeFilter(AttributeType.BETWEEN, (start, end))

    def _render(self) -> dict[str, Any]:
        return {"AttributeType": self.attribute_type.value, "Values": list(self.values)}


def _parse(instant: str) -> datetime:
    return datetime.fromisoformat(instant)


@checked_props
@dataclass(frozen=True)
class MetricFilter:
    """A comparison of a custom endpoint metric with a number: ``MetricFilter.greater_than(5)``.

    :param comparison_operator: How the metric is compared.
    :param value: The number to compare with.
    """

    comparison_operator: ComparisonOperator
    value: float

    def __post_init__(self) -> None:
        check_number(f"MetricFilter {self.comparison_operator.value} value", self.value)

    @staticmethod
    def greater_than(value: float) -> MetricFilter:
        """The metric is greater than ``value``."""
        return MetricFilter(ComparisonOperator.GREATER_THAN, value)

    @staticmethod
    def less_than(value: float) -> MetricFilter:
        """The metric is less than ``value``."""
        return MetricFilter(ComparisonOperator.LESS_THAN, value)

    @staticmethod
    def greater_than_or_equal(value: float) -> MetricFilter:
        """The metric is at least ``value``."""
        return MetricFilter(ComparisonOperator.GREATER_THAN_OR_EQUAL, value)

    @staticmethod
    def less_than_or_equal(value: float) -> MetricFilter:
        """The metric is at most ``value``."""
        return MetricFilter(ComparisonOperator.LESS_THAN_OR_EQUAL, value)

    @staticmethod
    def equal(value: float) -> MetricFilter:
        """The metric equals ``value``."""
        return MetricFilter(ComparisonOperator.EQUAL, value)

    def _render(self) -> dict[str, Any]:
        return {"ComparisonOperator": self.comparison_operator.value, "Value": self.value}


@checked_props
@dataclass(frozen=True, kw_only=True)
class SegmentDimensions:
    """One set of criteria. Within a set, an endpoint must meet every criterion given.

    Give at least one field. An empty ``Demographic()``, ``Location()`` or mapping is written
    as ``{}``, as the service returns it, and filters nothing. Each demographic field, the
    country, the GPS point, the recency and
    each attribute, user attribute and metric counts as one dimension towards the segment's
    ``MAX_DIMENSIONS_PER_SEGMENT``.

    :param demographic: Device and channel filters. Default: none.
    :param location: Country and GPS filters. Default: none.
    :param behavior: Active or inactive within a window. Default: none.
    :param attributes: Custom endpoint attributes by name (``Attributes.<name>``), e.g.
        ``{"City": AttributeFilter.inclusive("Berlin")}``. Default: none.
    :param user_attributes: Custom user attributes by name (``User.UserAttributes.<name>``).
        Default: none.
    :param metrics: Custom endpoint metrics by name (``Metrics.<name>``), e.g.
        ``{"score": MetricFilter.greater_than(5)}``. Default: none.
    """

    demographic: Demographic | None = None
    location: Location | None = None
    behavior: Recency | None = None
    attributes: Mapping[str, AttributeFilter] | None = None
    user_attributes: Mapping[str, AttributeFilter] | None = None
    metrics: Mapping[str, MetricFilter] | None = None

    def __post_init__(self) -> None:
        for prop in ("attributes", "user_attributes", "metrics"):
            mapping = getattr(self, prop)
            if mapping is None:
                continue
            copied = dict(mapping)
            for name in copied:
                check_attribute_name(f"SegmentDimensions.{prop}", name)
            object.__setattr__(self, prop, copied)
        fields = ("demographic", "location", "behavior", "attributes", "user_attributes", "metrics")
        if all(getattr(self, name) is None for name in fields):
            raise ValueError(
                "SegmentDimensions is empty: give at least one of demographic, location, "
                "behavior, attributes, user_attributes or metrics"
            )

    @property
    def dimension_count(self) -> int:
        """How many dimensions these criteria use."""
        return (
            (len(self.demographic._filters()) if self.demographic else 0)
            + (self.location._count() if self.location else 0)
            + (self.behavior is not None)
            + len(self.attributes or {})
            + len(self.user_attributes or {})
            + len(self.metrics or {})
        )

    def _render(self) -> pinpoint.CfnSegment.SegmentDimensionsProperty:
        def mapping(values: Mapping[str, AttributeFilter | MetricFilter] | None) -> Any:
            # The L1 types these maps as Any: they reach the template as written here.
            if values is None:
                return None
            return {name: f._render() for name, f in values.items()}

        return pinpoint.CfnSegment.SegmentDimensionsProperty(
            demographic=self.demographic._render() if self.demographic else None,
            location=self.location._render() if self.location else None,
            behavior=self.behavior._render() if self.behavior else None,
            attributes=mapping(self.attributes),
            user_attributes=mapping(self.user_attributes),
            metrics=mapping(self.metrics),
        )


# ---- segment interface, references and groups --------------------------------------------


class ISegment(IResource, Protocol):
    """A Pinpoint segment, dynamic or imported, defined in this app or referenced by id."""

    @property
    def app(self) -> IPinpointApp:
        """The project the segment belongs to."""
        ...

    @property
    def segment_id(self) -> str:
        """The segment id."""
        ...

    @property
    def segment_arn(self) -> str:
        """``arn:<partition>:mobiletargeting:<region>:<account>:apps/<app id>/segments/<id>``."""
        ...

    @property
    def segment_type(self) -> SegmentType:
        """Dynamic (``DIMENSIONAL``) or imported from a file (``IMPORT``)."""
        ...

    @property
    def is_static(self) -> bool:
        """True for a segment imported from a file: its endpoints never change, and
        event-triggered campaigns can't use it."""
        ...


@checked_props
class SegmentBase(Resource):
    """What every ``ISegment`` implementation shares."""

    def __init__(self, scope: Construct, id: str, *, app: IPinpointApp, **kwargs: Any) -> None:
        super().__init__(scope, id, **kwargs)
        self._app = app

    @property
    def app(self) -> IPinpointApp:
        """The project the segment belongs to."""
        return self._app

    @property
    def segment_id(self) -> str:  # pragma: no cover - overridden
        raise NotImplementedError

    @property
    def segment_type(self) -> SegmentType:  # pragma: no cover - overridden
        raise NotImplementedError

    @property
    def segment_arn(self) -> str:
        """The segment ARN, under its project's ARN."""
        return f"{self._app.app_arn}/segments/{self.segment_id}"

    @property
    def is_static(self) -> bool:
        """True for a segment imported from a file (``SegmentType.IMPORT``)."""
        return self.segment_type is SegmentType.IMPORT


@checked_props
@dataclass(frozen=True)
class SegmentReference:
    """A base (source) segment of a segment group, optionally pinned to one version.

    :param segment: The segment.
    :param version: The segment version to build on, 1 or more. Default: the latest.
    """

    segment: ISegment
    version: int | None = None

    def __post_init__(self) -> None:
        if self.version is not None and not is_unresolved(self.version):
            if isinstance(self.version, bool) or not isinstance(self.version, int):
                raise TypeError(f"SegmentReference.version must be an int, got {self.version!r}")
            check_range("SegmentReference.version", self.version, 1)

    def _render(self) -> pinpoint.CfnSegment.SourceSegmentsProperty:
        return pinpoint.CfnSegment.SourceSegmentsProperty(
            id=self.segment.segment_id, version=self.version
        )


@checked_props
@dataclass(frozen=True, kw_only=True)
class SegmentGroup:
    """Base segments and the criteria applied to them.

    An endpoint belongs to the group when it is in the base segments (as ``source_type``
    says) and matches the dimension sets (as ``type`` says). Without base segments, the
    group starts from every endpoint of the project. Give dimensions, base segments or both.

    :param dimensions: Sets of criteria. Default: none.
    :param source_segments: Base segments (``ISegment`` or ``SegmentReference``): several
        dynamic segments, or exactly one imported segment. Default: none (every endpoint).
    :param source_type: How several base segments combine; ``SourceType.NONE`` keeps the
        endpoints that are in none of them, which excludes those segments.
        Default: ``SourceType.ANY``.
    :param type: How several dimension sets combine. Default: not written, so the service
        decides: botocore's Pinpoint model (``SegmentGroup.Type``, enum ``ALL``/``ANY``/
        ``NONE``) and the CloudFormation schema (``AWS::Pinpoint::Segment`` ``Groups.Type``)
        document no default, so the library doesn't invent one.
    """

    dimensions: Sequence[SegmentDimensions] = ()
    source_segments: Sequence[ISegment | SegmentReference] = ()
    source_type: SourceType = SourceType.ANY
    type: GroupType | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "dimensions", tuple(self.dimensions))
        references = tuple(
            s if isinstance(s, SegmentReference) else SegmentReference(s)
            for s in self.source_segments
        )
        object.__setattr__(self, "source_segments", references)
        if not self.dimensions and not references:
            raise ValueError("SegmentGroup is empty: give dimensions, source_segments or both")
        imported = [r for r in references if r.segment.is_static]
        if imported and len(references) > 1:
            raise ValueError(
                "SegmentGroup.source_segments may hold several dynamic segments or exactly one "
                f"imported segment, got {len(references)} segments of which "
                f"{len(imported)} imported ({_describe(imported)}); Pinpoint can't combine an "
                "imported base segment with other base segments"
            )

    @property
    def references(self) -> tuple[SegmentReference, ...]:
        """The base segments, each as a ``SegmentReference``."""
        return tuple(self.source_segments)  # type: ignore[arg-type]

    @property
    def dimension_count(self) -> int:
        """How many dimensions the group's criteria use."""
        return sum(d.dimension_count for d in self.dimensions)

    def _render(self) -> pinpoint.CfnSegment.GroupsProperty:
        return pinpoint.CfnSegment.GroupsProperty(
            dimensions=[d._render() for d in self.dimensions] or None,
            source_segments=[r._render() for r in self.references] or None,
            source_type=self.source_type.value,
            type=self.type.value if self.type is not None else None,
        )


def _describe(references: Sequence[SegmentReference]) -> str:
    return ", ".join(r.segment.node.path for r in references)


@checked_props
@dataclass(frozen=True, kw_only=True)
class SegmentGroups:
    """The segment groups of a segment and how they combine.

    :param groups: One or two groups (``MAX_SEGMENT_GROUPS``). When the first group's base
        segment is an imported segment, it must be the only group.
    :param include: How the groups combine: ALL (AND), ANY (OR) or NONE (NOR).
        Default: ``Include.ALL``.
    """

    groups: Sequence[SegmentGroup]
    include: Include = Include.ALL

    def __post_init__(self) -> None:
        groups = tuple(self.groups)
        object.__setattr__(self, "groups", groups)
        if not 1 <= len(groups) <= MAX_SEGMENT_GROUPS:
            raise ValueError(
                f"SegmentGroups.groups must have 1 to {MAX_SEGMENT_GROUPS} groups, "
                f"got {len(groups)}"
            )
        if len(groups) > 1 and any(r.segment.is_static for r in groups[0].references):
            raise ValueError(
                "SegmentGroups: the first group's base segment is an imported segment "
                f"({_describe(groups[0].references)}), so the segment can't have a second "
                f"group; got {len(groups)} groups"
            )

    @property
    def dimension_count(self) -> int:
        """How many dimensions all groups use together."""
        return sum(g.dimension_count for g in self.groups)

    def _render(self) -> pinpoint.CfnSegment.SegmentGroupsProperty:
        return pinpoint.CfnSegment.SegmentGroupsProperty(
            groups=[g._render() for g in self.groups], include=self.include.value
        )


# ---- dynamic segment ---------------------------------------------------------------------


class _SegmentReferenceResource(SegmentBase):
    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        app: IPinpointApp,
        segment_id: str,
        segment_type: SegmentType,
    ) -> None:
        super().__init__(scope, id, app=app, account=app.env.account, region=app.env.region)
        self._segment_id = segment_id
        self._segment_type = segment_type

    @property
    def segment_id(self) -> str:
        return self._segment_id

    @property
    def segment_type(self) -> SegmentType:
        return self._segment_type


def _generated_name(scope: Construct, name: str | None) -> str:
    if name is not None:
        require_non_empty("segment_name", name)
        return name
    return Names.unique_resource_name(scope, max_length=SEGMENT_NAME_MAX_LENGTH)


@checked_props
class Segment(SegmentBase):
    """A dynamic segment (``AWS::Pinpoint::Segment``): criteria Pinpoint re-evaluates as
    endpoints change.

    Give either ``dimensions`` (one set of criteria over every endpoint of the project) or
    ``groups`` (base segments and criteria, one or two groups); for every endpoint of the
    project, with no criteria at all, use :meth:`Segment.all_endpoints`. Example, all email
    endpoints
    whose city is Berlin, excluding every endpoint of the ``test`` segment::

        Segment(self, "BerlinEmail",
            app=app,
            groups=SegmentGroups(groups=[
                SegmentGroup(
                    dimensions=[
                        SegmentDimensions(
                            demographic=Demographic(channel=SetFilter.include("EMAIL"))
                        ),
                        SegmentDimensions(attributes={"City": AttributeFilter.inclusive("Berlin")}),
                    ],
                    type=GroupType.ALL,               # email AND Berlin
                    source_segments=[test],
                    source_type=SourceType.NONE,      # starting from endpoints NOT in test
                ),
            ]),
        )

    Pinpoint's location dimension filters only by country and GPS point, so "city is
    Berlin" is the custom endpoint attribute ``City`` (``Attributes.City`` in an endpoint
    file or ``UpdateEndpoint``); a GPS point with a radius would only approximate the
    city. The exclusion is the group's base: ``SourceType.NONE`` over the ``test`` segment.

    Note: AWS ended support for Pinpoint's engagement features (segments among them) on
    2026-10-30; aws-cdk-lib reports ``CloudFormation-Validate::W3696`` for this resource.
    """

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        app: IPinpointApp,
        segment_name: str | None = None,
        dimensions: SegmentDimensions | None = None,
        groups: SegmentGroups | None = None,
        all_endpoints: bool = False,
        tags: Mapping[str, str] | None = None,
    ) -> None:
        """
        :param app: The project the segment belongs to.
        :param segment_name: The segment's display name. Default: a unique name generated
            from the construct path, at most 64 characters.
        :param dimensions: One set of criteria over every endpoint of the project.
            Give this, ``groups`` or ``all_endpoints=True``.
        :param groups: Segment groups: base segments and criteria. Give this, ``dimensions``
            or ``all_endpoints=True``.
        :param all_endpoints: Select every endpoint of the project: the segment is written
            without ``Dimensions`` and ``SegmentGroups``. :meth:`Segment.all_endpoints` is the
            same, spelled as a factory. Default: ``False``.
        :param tags: Tags for the segment. Default: none.
        """
        require_bool("all_endpoints", all_endpoints, expected="True or False")
        if all_endpoints and (dimensions is not None or groups is not None):
            given = "dimensions" if dimensions is not None else "groups"
            raise ValueError(
                f"Segment with all_endpoints=True selects every endpoint and takes no criteria, "
                f"got {given}; leave all_endpoints out to filter"
            )
        if not all_endpoints and dimensions is None and groups is None:
            raise ValueError(
                "Segment needs dimensions or groups, got neither; for every endpoint of the "
                "project, use Segment.all_endpoints(scope, id, app=app)"
            )
        if dimensions is not None and groups is not None:
            raise ValueError(
                "Segment takes dimensions or groups, not both (Pinpoint's WriteSegmentRequest "
                "accepts one of them); put the dimensions into a SegmentGroup"
            )
        criteria: SegmentDimensions | SegmentGroups | None = dimensions or groups
        count = criteria.dimension_count if criteria is not None else 0
        if count > MAX_DIMENSIONS_PER_SEGMENT:
            raise ValueError(
                f"Segment uses {count} dimensions; Pinpoint allows at most "
                f"{MAX_DIMENSIONS_PER_SEGMENT} in one segment"
            )
        super().__init__(scope, id, app=app, physical_name=segment_name)
        for index, group in enumerate(groups.groups if groups else ()):
            for reference in group.references:
                if not same_project(reference.segment.app, app):
                    raise ValueError(
                        f"groups[{index}].source_segments: {reference.segment.node.path} "
                        f"belongs to another project than this segment's "
                        f"({reference.segment.app.node.path}, not {app.node.path})"
                    )

        self._resource = pinpoint.CfnSegment(
            self,
            "Resource",
            application_id=app.app_id,
            name=_generated_name(self, segment_name),
            dimensions=dimensions._render() if dimensions else None,
            segment_groups=groups._render() if groups else None,
        )
        self._all_endpoints = all_endpoints
        check_tags("tags", tags)
        for key, value in (tags or {}).items():
            Tags.of(self).add(key, value)

    @staticmethod
    def all_endpoints(
        scope: Construct,
        id: str,
        *,
        app: IPinpointApp,
        segment_name: str | None = None,
        tags: Mapping[str, str] | None = None,
    ) -> Segment:
        """A dynamic segment of every endpoint of the project: no dimensions, no groups.

        This is the segment most real definitions start from: the target of an in-app
        campaign (every device that runs the app), or a base segment that a campaign hook
        narrows at send time. ``WriteSegmentRequest`` (Pinpoint API Reference, "Segments")
        makes both ``Dimensions`` and ``SegmentGroups`` optional; a segment with neither has
        no criteria, so every endpoint of the project matches. Campaigns (event-triggered
        ones included: it is a dynamic segment) and journeys accept it like any segment.

        :param app: The project.
        :param segment_name: The segment's display name. Default: a unique name generated
            from the construct path, at most 64 characters.
        :param tags: Tags for the segment. Default: none.
        """
        return Segment(scope, id, app=app, segment_name=segment_name, all_endpoints=True, tags=tags)

    @property
    def selects_all_endpoints(self) -> bool:
        """True for a segment without criteria (:meth:`Segment.all_endpoints`)."""
        return self._all_endpoints

    @property
    def segment_id(self) -> str:
        """The segment id."""
        # Read from the L1 once (see PinpointApp.app_id): campaigns and journeys read it often.
        return cached_token(self, "_segment_id", lambda: self._resource.attr_segment_id)

    @property
    def segment_arn(self) -> str:
        """The segment ARN."""
        return cached_token(self, "_segment_arn", lambda: self._resource.attr_arn)

    @property
    def segment_type(self) -> SegmentType:
        """Always ``SegmentType.DIMENSIONAL``."""
        return SegmentType.DIMENSIONAL

    @property
    def segment_name(self) -> str:
        """The segment's display name."""
        return str(self._resource.name)

    @staticmethod
    def from_segment_id(
        scope: Construct,
        id: str,
        segment_id: str,
        *,
        app: IPinpointApp,
        segment_type: SegmentType = SegmentType.DIMENSIONAL,
    ) -> ISegment:
        """Reference an existing segment of ``app`` by its id.

        :param segment_type: What the segment is; say ``SegmentType.IMPORT`` for a segment
            imported from a file, so the rules for imported segments apply to it.
            Default: ``SegmentType.DIMENSIONAL``.
        """
        if not is_unresolved(segment_id) and (
            not isinstance(segment_id, str) or not segment_id.strip() or "/" in segment_id
        ):
            raise ValueError(f"segment_id must be a segment id (no slashes), got {segment_id!r}")
        return _SegmentReferenceResource(
            scope, id, app=app, segment_id=segment_id, segment_type=segment_type
        )


# ---- imported (static) segment -----------------------------------------------------------


@dataclass(frozen=True)
class _BoundSource:
    bucket: s3.IBucket
    key: str
    format: ImportFormat
    file_hash: str | None


@checked_props
class ImportSource:
    """Where an imported segment's endpoint file is. Use the factories,
    ``ImportSource.from_file(...)`` or ``ImportSource.from_bucket(...)``."""

    def __init__(
        self,
        *,
        path: str | None = None,
        bucket: s3.IBucket | None = None,
        key: str | None = None,
        format: ImportFormat,
        revision: str | None = None,
        endpoint_count: int | None = None,
    ) -> None:
        self._path = path
        self._bucket = bucket
        self._key = key
        self._format = format
        self._revision = revision
        self.endpoint_count = endpoint_count
        """How many endpoints the local file defines (``None`` for an S3 location)."""

    @property
    def format(self) -> ImportFormat:
        """The file's format."""
        return self._format

    @staticmethod
    def from_file(
        path: str | os.PathLike[str], *, format: ImportFormat | None = None
    ) -> ImportSource:
        """A local CSV or newline-delimited JSON file, uploaded as a CDK asset.

        The file is checked now, at synth time: a file Pinpoint would reject raises
        ``EndpointFileError`` (a ``ValueError``) naming the file, line and column.

        :param path: The file; ``.csv`` or ``.json``.
        :param format: Default: from the extension.
        """
        summary = check_endpoint_file(path, format=format.value if format else None)
        return ImportSource(
            path=os.fspath(path),
            format=ImportFormat(summary.format),
            endpoint_count=summary.endpoint_count,
        )

    @staticmethod
    def from_bucket(
        bucket: s3.IBucket,
        key: str,
        *,
        format: ImportFormat | None = None,
        revision: str | None = None,
    ) -> ImportSource:
        """An endpoint file that is already in S3. It is not checked at synth time.

        :param bucket: The bucket; when it has a KMS key, the import role may decrypt with it.
        :param key: The object key of the file (one file, not a folder).
        :param format: Default: from the key's extension, ``.csv`` or ``.json``.
        :param revision: Any string that identifies the file's content (a version id, a
            hash, a date); change it after replacing the object to import it again.
            Default: none (replacing the object alone imports nothing).
        """
        if not is_unresolved(key):
            if not isinstance(key, str) or not key or key.startswith("/") or key.endswith("/"):
                raise ValueError(
                    f"key must be the object key of one file (not empty, no leading or "
                    f"trailing '/'), got {key!r}"
                )
            if "*" in key:
                raise ValueError(f"key must be one object key, without wildcards, got {key!r}")
        by_extension = None
        if not is_unresolved(key):
            by_extension = FORMATS_BY_EXTENSION.get(os.path.splitext(key)[1].lower())
        if format is None:
            if by_extension is None:
                raise ValueError(f"format is needed: the key {key!r} does not end in .csv or .json")
            format = ImportFormat(by_extension)
        elif by_extension is not None and by_extension != format.value:
            raise ValueError(
                f"format {format.value} does not match the key {key!r}; Pinpoint imports only "
                "the files whose extension matches the import job's format"
            )
        return ImportSource(bucket=bucket, key=key, format=format, revision=revision)

    def _bind(self, scope: Construct) -> _BoundSource:
        if self._path is not None:
            asset = s3_assets.Asset(scope, "File", path=self._path)
            return _BoundSource(
                bucket=asset.bucket,
                key=asset.s3_object_key,
                format=self._format,
                file_hash=asset.asset_hash,
            )
        assert self._bucket is not None and self._key is not None
        return _BoundSource(
            bucket=self._bucket, key=self._key, format=self._format, file_hash=self._revision
        )


#: The provider (one per stack) that runs the import handlers.
IMPORT_PROVIDER_ID = "PinpointSegmentImportProvider"


@checked_props
class ImportedSegment(SegmentBase):
    """A static segment, defined by a Pinpoint import job from an endpoint file.

    Children: ``File`` (the asset, for ``ImportSource.from_file``), ``ImportRole`` (the role
    Pinpoint assumes to read the file) and ``Resource`` (the custom resource). The stack's
    shared ``PinpointSegmentImportProvider`` starts the job and polls it until it completes;
    a failed job fails the deployment with the job's own failure messages.

    - The import role trusts ``pinpoint.amazonaws.com`` only for this project
      (``aws:SourceAccount`` and ``aws:SourceArn``) and may read only the file:
      ``s3:GetObject`` on the object, ``s3:ListBucket`` with ``s3:prefix`` equal to its key,
      ``s3:GetBucketLocation``, and ``kms:Decrypt`` when the bucket has a KMS key.
    - A changed file (or name, format, ``register_endpoints``) imports a new segment under a
      new id; CloudFormation then deletes the old one. Deleting removes the segment, and a
      segment that is already gone counts as deleted.

    Example::

        ImportedSegment(self, "Vips", app=app, source=ImportSource.from_file("vips.csv"))

    Note: a bucket with a customer managed KMS key also needs a key policy that lets the
    import role decrypt (a key in the same account normally defers to IAM). CDK's default
    asset bucket uses the S3-managed ``aws/s3`` key, which needs nothing extra.
    """

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        app: IPinpointApp,
        source: ImportSource,
        segment_name: str | None = None,
        register_endpoints: bool = True,
    ) -> None:
        """
        :param app: The project the segment belongs to.
        :param source: The endpoint file: ``ImportSource.from_file(...)`` or
            ``ImportSource.from_bucket(...)``.
        :param segment_name: The segment's display name. Default: a unique name generated
            from the construct path, at most 64 characters.
        :param register_endpoints: Whether the import also creates or updates the endpoints
            in the project. Default: ``True``.
        """
        super().__init__(scope, id, app=app, physical_name=segment_name)
        name = _generated_name(self, segment_name)
        self.endpoint_count = source.endpoint_count
        """How many endpoints the local file defines (``None`` for an S3 location)."""
        bound = source._bind(self)

        self.role = iam.Role(  # the role Pinpoint assumes to read the file
            self,
            "ImportRole",
            assumed_by=iam.ServicePrincipal(
                "pinpoint.amazonaws.com",
                conditions={
                    "StringEquals": {"aws:SourceAccount": app.env.account},
                    # The project's ARN is what the developer guide shows; its children are
                    # allowed too in case the service names the import job itself.
                    "ArnLike": {"aws:SourceArn": [app.app_arn, f"{app.app_arn}/*"]},
                },
            ),
            description="Lets Amazon Pinpoint read one endpoint file for a segment import",
        )
        self.role.add_to_policy(
            iam.PolicyStatement(
                actions=["s3:GetObject"], resources=[bound.bucket.arn_for_objects(bound.key)]
            )
        )
        self.role.add_to_policy(
            iam.PolicyStatement(
                actions=["s3:ListBucket"],
                resources=[bound.bucket.bucket_arn],
                conditions={"StringEquals": {"s3:prefix": bound.key}},
            )
        )
        self.role.add_to_policy(
            iam.PolicyStatement(
                actions=["s3:GetBucketLocation"], resources=[bound.bucket.bucket_arn]
            )
        )
        if bound.bucket.encryption_key is not None:
            bound.bucket.encryption_key.grant_decrypt(self.role)

        provider = HandlerProvider.of(
            self,
            IMPORT_PROVIDER_ID,
            handler_package="segment_import",
            description="Pinpoint imported segments",
            # A few API calls with adaptive retries; each is bounded by botocore's timeouts.
            timeout=Duration.minutes(2),
            memory_size=256,
            with_is_complete=True,
            # Import jobs take minutes; poll every 10 s for up to 30 min.
            total_timeout=Duration.minutes(30),
            query_interval=Duration.seconds(10),
        )
        _grant_import_handlers(provider, app, self.role)

        properties: dict[str, str] = {
            "ApplicationId": app.app_id,
            "SegmentName": name,
            "S3Url": f"s3://{bound.bucket.bucket_name}/{bound.key}",
            "RoleArn": self.role.role_arn,
            "Format": bound.format.value,
            "RegisterEndpoints": "true" if register_endpoints else "false",
        }
        if bound.file_hash is not None:
            properties["FileHash"] = bound.file_hash
        self._resource = CustomResource(
            self,
            "Resource",
            service_token=provider.service_token,
            resource_type="Custom::PinpointImportedSegment",
            properties=properties,
        )
        # Pinpoint reads the file while the job runs: the role's permissions come first. (The
        # role itself is already a dependency through RoleArn.)
        self._resource.node.add_dependency(self.role.node.find_child("DefaultPolicy"))
        self._segment_name = name

    @property
    def segment_id(self) -> str:
        """The segment id (the custom resource's physical id)."""
        return self._resource.ref

    @property
    def segment_type(self) -> SegmentType:
        """Always ``SegmentType.IMPORT``."""
        return SegmentType.IMPORT

    @property
    def segment_name(self) -> str:
        """The segment's display name."""
        return self._segment_name


def _grant_import_handlers(provider: HandlerProvider, app: IPinpointApp, role: iam.IRole) -> None:
    """What the import handlers call for ``app``, each on the narrowest ARN, and the exact
    cdk-nag findings that the unavoidable wildcards raise."""
    jobs = f"{app.app_arn}/jobs/import/*"
    segments = f"{app.app_arn}/segments/*"
    on_event = provider.on_event.role
    on_event.add_to_principal_policy(
        iam.PolicyStatement(actions=["mobiletargeting:CreateImportJob"], resources=[app.app_arn])
    )
    on_event.add_to_principal_policy(
        iam.PolicyStatement(actions=["iam:PassRole"], resources=[role.role_arn])
    )
    # Before importing, on_event looks for a segment an earlier attempt (or the original of a
    # rolled-back re-import) already made, and for that segment's import job.
    on_event.add_to_principal_policy(
        iam.PolicyStatement(
            actions=["mobiletargeting:GetSegments"],
            resources=[app.app_arn, f"{app.app_arn}/segments"],
        )
    )
    on_event.add_to_principal_policy(
        iam.PolicyStatement(actions=["mobiletargeting:GetSegmentImportJobs"], resources=[segments])
    )
    provider.grant_handlers(
        iam.PolicyStatement(actions=["mobiletargeting:GetImportJob"], resources=[app.app_arn, jobs])
    )
    provider.grant_handlers(
        iam.PolicyStatement(actions=["mobiletargeting:DeleteSegment"], resources=[segments])
    )
    reasons = {
        jobs: "the import job's id is known only after CreateImportJob returns; GetImportJob "
        "is scoped to this project's import jobs",
        segments: "the imported segment's id is known only after the import job creates it; "
        "DeleteSegment is scoped to this project's segments",
    }
    for handler in (provider.on_event, provider.is_complete):
        if handler is None:  # pragma: no cover - the import provider always has both
            continue
        for arn, reason in reasons.items():
            acknowledge_wildcard_resource(handler.role, arn, reason)
