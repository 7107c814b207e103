"""Tables for segments: dimensions, groups and their filters (shared with campaigns' event
filters, which use the same attribute and metric shapes)."""

from __future__ import annotations

from collections.abc import Callable

from ..pinpoint.journeys import EventFilterType
from ..pinpoint.segments import (
    AttributeType,
    ComparisonOperator,
    DimensionType,
    GroupType,
    Include,
    RecencyType,
    RecencyWindow,
    SegmentGroup,
    SegmentGroups,
    SourceType,
)
from ._generate import (
    READ_ONLY,
    Converter,
    Generator,
    Prop,
    call,
    default_of,
    mapping,
    member,
    number,
    obj,
    props,
)
from ._model import CodegenError, Exported, Fields, Problem
from ._source import Call, Code, DictExpr, Expr, ListExpr, Str

_SET_FACTORIES = {
    DimensionType.INCLUSIVE.value: "include",
    DimensionType.EXCLUSIVE.value: "exclude",
}
_ATTRIBUTE_FACTORIES = {t.value: t.name.lower() for t in AttributeType}
_METRIC_FACTORIES = {o.value: o.name.lower() for o in ComparisonOperator}


def _values(f: Fields, key: str = "Values") -> list[Expr]:
    values = f.require(key)
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise f.error(key, f"must be a list of strings, got {values!r}")
    return [Str(v) for v in values]


def set_filter(g: Generator, f: Fields, key: str) -> Expr | None:
    sub = f.sub(key)
    if sub is None:
        return None
    kind = sub.get("DimensionType", DimensionType.INCLUSIVE.value)
    if kind not in _SET_FACTORIES:
        raise sub.error("DimensionType", f"must be INCLUSIVE or EXCLUSIVE, got {kind!r}")
    values = _values(sub)
    sub.done()
    return Call(f"{g.module.lib('SetFilter')}.{_SET_FACTORIES[kind]}", values)


def attribute_filter(g: Generator, f: Fields) -> Expr:
    kind = f.get("AttributeType", AttributeType.INCLUSIVE.value)
    if kind not in _ATTRIBUTE_FACTORIES:
        raise f.error(
            "AttributeType", f"must be one of {', '.join(_ATTRIBUTE_FACTORIES)}, got {kind!r}"
        )
    values = _values(f)
    f.done()
    return Call(f"{g.module.lib('AttributeFilter')}.{_ATTRIBUTE_FACTORIES[kind]}", values)


def metric_filter(g: Generator, f: Fields) -> Expr:
    operator = f.require("ComparisonOperator")
    if operator not in _METRIC_FACTORIES:
        raise f.error(
            "ComparisonOperator", f"must be one of {', '.join(_METRIC_FACTORIES)}, got {operator!r}"
        )
    value = number(g, f, "Value")
    if value is None:
        raise f.error("Value", "is required")
    f.done()
    return Call(f"{g.module.lib('MetricFilter')}.{_METRIC_FACTORIES[operator]}", [value])


def named(convert: Callable[[Generator, Fields], Expr]) -> Converter:
    """A converter for a map of names to filters (attributes, user attributes, metrics)."""

    def convert_map(g: Generator, f: Fields, key: str) -> Expr | None:
        value = f.get(key)
        if value is None:
            return None
        if not isinstance(value, dict):
            raise f.error(key, f"must be an object, got {value!r}")
        items = [
            (Str(name), convert(g, Fields(item, f"{f.where}.{key}.{name}", f.file)))
            for name, item in value.items()
        ]
        return DictExpr(items)

    return convert_map


attributes = named(attribute_filter)
metrics = named(metric_filter)

_DEMOGRAPHIC = tuple(
    Prop(api, name, set_filter)
    for api, name in (
        ("AppVersion", "app_version"),
        ("Channel", "channel"),
        ("DeviceType", "device_type"),
        ("Make", "make"),
        ("Model", "model"),
        ("Platform", "platform"),
    )
)


#: An event filter's ``FilterType``; ``ENDPOINT`` is the constructs' default.
FILTER_TYPE = Prop(
    "FilterType", "filter_type", member(EventFilterType), omit=EventFilterType.ENDPOINT.value
)


def event_types(g: Generator, dimensions: Fields) -> list[Expr]:
    """The event types of event dimensions (``EventType``, an inclusive set)."""
    event_type = dimensions.sub("EventType")
    if event_type is None:
        raise dimensions.error("EventType", "is required")
    if event_type.get("DimensionType", "INCLUSIVE") != "INCLUSIVE":
        raise event_type.error("DimensionType", "must be INCLUSIVE (the events that trigger it)")
    values = _values(event_type)
    event_type.done()
    return values


def one_or_list(values: list[Expr]) -> Expr:
    """``"a"`` for one value, ``["a", "b"]`` for several (the event-type props take both)."""
    return values[0] if len(values) == 1 else ListExpr(values)


EVENT_FILTERS = (Prop("Attributes", "attributes", attributes), Prop("Metrics", "metrics", metrics))


def event_dimensions(g: Generator, f: Fields) -> tuple[Fields, Expr, list[tuple[str, Expr]]]:
    """The ``EventFilter`` of a campaign schedule or journey start: the filter itself (its
    ``FilterType`` is the caller's), the event types (one or a list) and the ``attributes=``
    and ``metrics=`` filters."""
    event_filter = f.sub("EventFilter")
    if event_filter is None:
        raise f.error("EventFilter", "is required for an event trigger")
    dimensions = event_filter.sub("Dimensions")
    if dimensions is None:
        raise event_filter.error("Dimensions", "is required")
    types = one_or_list(event_types(g, dimensions))
    kwargs = props(g, dimensions, EVENT_FILTERS)
    dimensions.done()
    return event_filter, types, kwargs


demographic = obj("Demographic", _DEMOGRAPHIC)


def gps_point(g: Generator, f: Fields, key: str) -> Expr | None:
    sub = f.sub(key)
    if sub is None:
        return None
    coordinates = sub.sub("Coordinates")
    if coordinates is None:
        raise sub.error("Coordinates", "is required")
    args = [number(g, coordinates, "Latitude"), number(g, coordinates, "Longitude")]
    coordinates.done()
    range_km = number(g, sub, "RangeInKilometers")
    sub.done()
    kwargs = [("range_km", range_km)] if range_km is not None else []
    return call(g, "GpsPoint", kwargs, [a for a in args if a is not None])


location = obj(
    "Location", (Prop("Country", "country", set_filter), Prop("GPSPoint", "gps_point", gps_point))
)

_RECENCY = {RecencyType.ACTIVE.value: "active", RecencyType.INACTIVE.value: "inactive"}


def behavior(g: Generator, f: Fields, key: str) -> Expr | None:
    sub = f.sub(key)
    if sub is None:
        return None
    recency = sub.sub("Recency")
    sub.done()
    if recency is None:
        return None
    kind = recency.require("RecencyType")
    if kind not in _RECENCY:
        raise recency.error("RecencyType", f"must be ACTIVE or INACTIVE, got {kind!r}")
    window = member(RecencyWindow)(g, recency, "Duration")
    if window is None:
        raise recency.error("Duration", "is required")
    recency.done()
    return Call(f"{g.module.lib('Recency')}.{_RECENCY[kind]}", [window])


DIMENSIONS = (
    Prop("Demographic", "demographic", demographic),
    Prop("Location", "location", location),
    Prop("Behavior", "behavior", behavior),
    Prop("Attributes", "attributes", attributes),
    Prop("UserAttributes", "user_attributes", attributes),
    Prop("Metrics", "metrics", metrics),
)


def dimensions(g: Generator, f: Fields) -> Expr | None:
    """``SegmentDimensions(...)``, or ``None`` when every member is empty: GetSegment returns
    ``{"Attributes": {}, "Behavior": {}, ...}`` for a segment without dimensions, and
    ``SegmentDimensions()`` with nothing set is refused by the construct."""
    kwargs = props(g, f, DIMENSIONS)
    f.done()
    return call(g, "SegmentDimensions", kwargs) if kwargs else None


def dimensions_prop(g: Generator, f: Fields, key: str) -> Expr | None:
    sub = f.sub(key)
    return None if sub is None else dimensions(g, sub)


def source_segments(g: Generator, f: Fields, key: str) -> Expr | None:
    references = []
    for item in f.items(key):
        segment = g.segment(item, "Id")
        version = number(g, item, "Version")
        item.done()
        references.append(
            segment
            if version is None
            else call(g, "SegmentReference", [("version", version)], [segment])
        )
    return ListExpr(references) if references else None


def dimension_list(g: Generator, f: Fields, key: str) -> Expr | None:
    items = [d for d in (dimensions(g, item) for item in f.items(key)) if d is not None]
    return ListExpr(items) if items else None


_GROUP = (
    Prop("Dimensions", "dimensions", dimension_list),
    Prop("SourceSegments", "source_segments", source_segments),
    Prop(
        "SourceType",
        "source_type",
        member(SourceType),
        omit=default_of(SegmentGroup, "source_type"),
    ),
    Prop("Type", "type", member(GroupType), omit=default_of(SegmentGroup, "type")),
)


def groups(g: Generator, f: Fields, key: str) -> Expr | None:
    sub = f.sub(key)
    if sub is None:
        return None
    items = []
    for item in sub.items("Groups"):
        items.append(call(g, "SegmentGroup", props(g, item, _GROUP)))
        item.done()
    kwargs: list[tuple[str, Expr]] = [("groups", ListExpr(items))]
    kwargs += props(
        g,
        sub,
        (Prop("Include", "include", member(Include), omit=default_of(SegmentGroups, "include")),),
    )
    sub.done()
    return call(g, "SegmentGroups", kwargs)


def referenced_segments(exported: Exported) -> list[str]:
    """The ids of the base segments a segment response builds on."""
    groups = (exported.body.get("SegmentGroups") or {}).get("Groups") or []
    return [s.get("Id") for group in groups for s in group.get("SourceSegments") or []]


def segment(g: Generator, exported: Exported) -> None:
    f = Fields(exported.body, exported.key, exported.file)
    g.check_app(f)
    f.ignore(READ_ONLY)
    segment_id = f.require("Id")
    name = f.require("Name")
    kind = f.get("SegmentType", "DIMENSIONAL")
    if kind == "IMPORT":
        f.ignore(["ImportDefinition", "Dimensions", "SegmentGroups", "tags"])
        target = g.module.variable(f"{name} segment")
        g.module.add(
            Call(
                g.module.lib("Segment") + ".from_segment_id",
                [Code("self"), Code(f'"{g.module.construct_id(name)}"'), Str(segment_id)],
                [("app", g.app), ("segment_type", Code(f"{g.module.lib('SegmentType')}.IMPORT"))],
            ),
            target=target,
            comments=[
                f"{name!r} was imported from a file, which the API doesn't return: referenced",
                "by its id. To manage it in code, use ImportedSegment with the endpoint file.",
            ],
        )
        g.segments[segment_id] = Code(target)
        return
    if kind != "DIMENSIONAL":
        raise f.error("SegmentType", f"must be DIMENSIONAL or IMPORT, got {kind!r}")
    kwargs: list[tuple[str, Expr]] = [("app", g.app), ("segment_name", Str(name))]
    criteria = props(
        g,
        f,
        (
            Prop("Dimensions", "dimensions", dimensions_prop),
            Prop("SegmentGroups", "groups", groups),
        ),
    )
    tags = props(g, f, (Prop("tags", "tags", _tags),))
    f.done()
    if not criteria:
        target = g.module.variable(f"{name} segment")
        g.module.add(
            Call(
                g.module.lib("Segment") + ".all_endpoints",
                [Code("self"), Code(f'"{g.module.construct_id(name)}"')],
                [*kwargs, *tags],
            ),
            target=target,
        )
        g.segments[segment_id] = Code(target)
        return
    target = g.module.construct("Segment", f"{name} segment", kwargs + criteria + tags)
    g.segments[segment_id] = Code(target)


def _tags(g: Generator, f: Fields, key: str) -> Expr | None:
    return mapping(g, f, key)


def order(segments: list[Exported]) -> list[Exported]:
    """Segments with each base segment before the segments built on it."""
    by_id = {s.body.get("Id"): s for s in segments}
    done: list[Exported] = []
    seen: set[int] = set()

    def visit(s: Exported, path: tuple[str, ...]) -> None:
        if id(s) in seen:
            return
        for ref in referenced_segments(s):
            if ref in path:
                raise CodegenError(
                    Problem(
                        s.file,
                        "SegmentResponse.SegmentGroups",
                        f"segment {ref!r} builds on itself",
                        "export the segments as the service returns them",
                    )
                )
            if ref in by_id:
                visit(by_id[ref], (*path, ref))
        seen.add(id(s))
        done.append(s)

    for s in segments:
        visit(s, (str(s.body.get("Id")),))
    return done
