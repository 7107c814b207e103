"""Pinpoint message templates to Amazon Q in Connect message templates, through the Handlebars
engine's syntax tree. Standard library only (no ``aws_cdk``), so the migration tool can use it.

Pinpoint renders a template with an endpoint (``User.UserAttributes.X``, ``Attributes.X``,
``Location.*`` ...; custom attribute values are lists of strings) and its default
substitutions; Connect renders it with a customer profile and the template's default
attributes, under ``Attributes`` (see :mod:`._attributes`). AWS's migration page
(https://docs.aws.amazon.com/pinpoint/latest/userguide/migrate.html, "Migrate templates")
documents ``{{User.UserAttributes.X}}`` -> ``{{Attributes.Customer.Attributes.X}}``; the other
names follow :data:`PINPOINT_SUCCESSORS`, and each rewrite that is not documented by AWS, or
that renders alike only for some recipients, is a listed :class:`ConversionNote`.

Every variable is found by walking the parsed template (the engine's own parser and scope
analysis: ``{{#each}}`` items, ``../`` and ``@root`` are resolved as handlebars.js resolves
them) and only the path's own characters are replaced, at the location the parser gives, so
the rest of the template is kept byte for byte.

"Renders alike" means: the Pinpoint template rendered for an endpoint (with its default
substitutions) and the converted template rendered for the profile
:func:`equivalent_attributes` makes of that endpoint (with the converted default
attributes) give the same text, as the tests check over the library's templates and random
ones.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from ..._profile_mapping import (
    LOCATION_FIELDS as _PROFILE_LOCATION_FIELDS,
)
from ..._profile_mapping import (
    NOT_MAPPED,
    EndpointProfileMapping,
)
from ...handlebars import SUPPORTED_HELPERS, HandlebarsSyntaxError, js_to_string, parse_pinpoint
from ...handlebars._analysis import Analyzer, _Scope
from ...handlebars._ast import BlockStatement, Expression, Node, PathExpression
from ...handlebars._descent import _line_starts
from ...handlebars._lexer import to_utf16
from ...handlebars.endpoint import parse_default_substitutions
from ._attributes import CUSTOMER_PROFILE_FIELDS, attribute_member, check_connect_handlebars, nest

_CUSTOM: Final = ("Attributes", "Customer", "Attributes")
_CUSTOMER: Final = ("Attributes", "Customer")

#: Pinpoint's location fields with a standard profile field (the shared mapping's).
LOCATION_FIELDS: Final[Mapping[str, str]] = {
    name: target.split(".", 1)[1] for name, target in _PROFILE_LOCATION_FIELDS.items()
}

#: Endpoint fields at the root of Pinpoint's context that are not on the profile.
ENDPOINT_FIELDS: Final = frozenset({*NOT_MAPPED, "EffectiveDate", "EndpointStatus", "OptOut"})

#: The channel whose endpoints a template kind is sent to, when there is one.
KIND_CHANNELS: Final[Mapping[str, str]] = {"EMAIL": "EMAIL", "SMS": "SMS"}


#: What each Pinpoint name becomes, in words (the guide and the notes repeat it). Each follows
#: where :class:`~pinpoint_constructs.PinpointEndpointObjectType` writes the field
#: (:mod:`pinpoint_constructs._profile_mapping`), so the converted template reads what the
#: migrated profile has.
PINPOINT_SUCCESSORS: Final[Mapping[str, str]] = {
    "User.UserAttributes.X": "Attributes.Customer.Attributes.X (AWS's migration page), or the "
    "standard field the object type's user_attributes sends X to",
    "Attributes.X": "Attributes.Customer.Attributes.X (endpoint attributes become custom "
    "profile attributes, as user attributes do)",
    "User.UserId": "Attributes.Customer.AccountNumber (the profile's 'unique account number "
    "that you have given to the customer')",
    "Address": "Attributes.System.CustomerEndpointAddress (the address the message goes to)",
    "Location.City/Country/PostalCode/Region": "Attributes.Customer.City/Country/PostalCode/State",
    "Location.Latitude/Longitude": "Attributes.Customer.Attributes.Latitude/Longitude (no "
    "profile field)",
    "Demographic.X": "Attributes.Customer.Attributes.X (no profile field)",
    "Metrics.X": "Attributes.Customer.Attributes.X (the object type's metrics= copies it)",
    "Recommendations.X": "Attributes.Customer.Attributes.Recommendations_X (Connect's own "
    "recommendations are Attributes.Customer.Recommendations.[n].CatalogItem.*)",
    "RecommendationItems": "Attributes.Customer.Attributes.RecommendationItems",
    "EndpointStatus, OptOut, EffectiveDate": "Attributes.Customer.Attributes.<Channel><field> "
    "(e.g. EmailOptOut; the channel is the template's, or the mapping's for push)",
    "Id, ChannelType, ApplicationId, CohortId, CreationDate, RequestId": "no successor (not "
    "written to the profile)",
}


@dataclass(frozen=True)
class ConversionNote:
    """A rewrite worth knowing about: AWS documents no successor, or the converted reference
    renders alike only for some recipients (``exact`` is then ``False``)."""

    field: str
    line: int
    column: int
    pinpoint: str
    connect: str
    message: str
    exact: bool = True

    def __str__(self) -> str:
        if not self.line:
            return f"{self.field}: {self.message}"
        return f"{self.field} line {self.line}, column {self.column}: {self.message}"


@dataclass
class ConvertedField:
    """One converted field: its source and its notes."""

    source: str
    notes: list[ConversionNote] = field(default_factory=list)


@dataclass(frozen=True)
class _Successor:
    path: tuple[str, ...] | None  # None: no successor
    list_valued: bool = False  # a Pinpoint list read as one string in Connect
    note: str | None = None  # why it is worth a note (None: documented or plain)
    key_length: int = len(_CUSTOM) + 1  # the segments naming the value (the rest index it)


def profile_target_path(target: str) -> tuple[str, ...] | None:
    """The Connect path of a profile target as an object type writes it (``FirstName``,
    ``Address.City``, ``ShippingAddress.City``, ``Attributes.X``), or ``None`` when Connect's
    ``customerProfileAttributes`` has no member for it."""
    head, _, rest = target.partition(".")
    if head == "Attributes" and rest:
        return (*_CUSTOM, rest)
    name = target
    if rest and head.endswith("Address"):
        prefix = head[: -len("Address")]
        name = prefix + rest
    if "." in name or name not in CUSTOMER_PROFILE_FIELDS:
        return None
    return (*_CUSTOMER, name)


def successor(path: tuple[str, ...], mapping: EndpointProfileMapping | None = None) -> _Successor:
    """The Connect path of a Pinpoint variable (its dotted path from the root, index segments
    included), without the list handling (see :func:`_rewrite_path`). ``mapping`` says where
    the endpoint object type puts each field (default: user attributes as custom attributes
    of the same name, no channel)."""
    mapping = mapping or EndpointProfileMapping()
    if not path:
        return _Successor(None, note="the whole endpoint has no successor")
    root, rest = path[0], path[1:]
    if root == "User":
        if rest[:1] == ("UserAttributes",):
            if len(rest) > 1:
                target = mapping.destination(path[:3])
                if target is not None and not target.startswith("Attributes."):
                    field_path = profile_target_path(target)
                    if field_path is None:
                        return _Successor(
                            None,
                            note=f"'{'.'.join(path)}' goes to the profile field {target}, "
                            "which a Connect template can't read",
                        )
                    return _Successor(
                        (*field_path, *rest[2:]),
                        list_valued=True,
                        note=f"{'.'.join(path[:3])} becomes the profile's {target} (the "
                        "object type's user_attributes)",
                        key_length=len(field_path),
                    )
                if target is not None:
                    return _list_attribute((target.split(".", 1)[1], *rest[2:]), None)
            return _list_attribute(rest[1:], None)
        if rest == ("UserId",):
            return _Successor(
                (*_CUSTOMER, "AccountNumber"),
                note="User.UserId becomes the profile's AccountNumber: store the user ID there",
            )
        return _Successor(None, note=f"'{'.'.join(path)}' has no successor")
    if root == "Attributes":
        return _list_attribute(rest, None)
    if root == "Address" and not rest:
        return _Successor(
            ("Attributes", "System", "CustomerEndpointAddress"),
            note="Address becomes the system attribute CustomerEndpointAddress",
        )
    if root == "Location" and len(rest) == 1 and rest[0] in LOCATION_FIELDS:
        note = "Location.Region becomes the profile's State" if rest[0] == "Region" else None
        return _Successor((*_CUSTOMER, LOCATION_FIELDS[rest[0]]), note=note)
    if root in {"Location", "Demographic", "Metrics"} and len(rest) == 1:
        target = mapping.destination(path)
        if target is not None:
            return _renamed(target.split(".", 1)[1], path)
    if root == "Recommendations" and rest:
        return _list_attribute(
            (f"Recommendations_{rest[0]}", *rest[1:]),
            "Pinpoint's recommended attributes have no successor with the same shape",
        )
    if root == "RecommendationItems":
        return _list_attribute(
            ("RecommendationItems", *rest),
            "Pinpoint's recommended items have no successor with the same shape",
        )
    if root in ENDPOINT_FIELDS and not rest:
        target = mapping.destination(path)
        if target is not None:
            return _renamed(target.split(".", 1)[1], path)
        if root in NOT_MAPPED:
            return _Successor(
                None,
                note=f"'{root}' is not written to the profile (the endpoint object type keeps "
                "it on the object only)",
            )
        return _Successor(
            None,
            note=f"'{root}' is per channel on the profile (<Channel>{root}): convert with the "
            "endpoint object type's profile_mapping (push templates have no channel of their "
            "own)",
        )
    if root in {"Location", "Demographic", "Metrics", "Recommendations"} or root in ENDPOINT_FIELDS:
        return _Successor(
            None,
            note=f"'{'.'.join(path)}' has no successor as a whole; read its fields one by one",
        )
    return _Successor(None, note=f"'{'.'.join(path)}' is not a Pinpoint variable")


def _renamed(key: str, path: tuple[str, ...]) -> _Successor:
    return _Successor(
        (*_CUSTOM, key),
        note=f"{'.'.join(path)} has no Connect successor; it becomes the custom profile "
        f"attribute {key}, where the endpoint object type writes it",
    )


def _list_attribute(rest: tuple[str, ...], why: str | None) -> _Successor:
    if not rest:
        return _Successor(_CUSTOM, note=why)
    key = rest[0]
    if not _CUSTOM_KEY.fullmatch(key):
        return _Successor(
            None,
            note=f"the attribute name '{key}' is not a valid Connect custom attribute key "
            "(letters, digits, spaces and . _ : / = + @ -)",
        )
    note = None
    if why:
        note = f"{why}; it becomes the custom profile attribute {key}"
    return _Successor((*_CUSTOM, key, *rest[1:]), list_valued=True, note=note)


# The custom-attribute key pattern of AWS::Wisdom::MessageTemplate's CustomAttributes.
_CUSTOM_KEY: Final = re.compile(r"[a-zA-Z0-9\s._:/=+@-]+")
_ID: Final = re.compile(r"[A-Za-z_$][A-Za-z0-9_$-]*")


def _written(path: tuple[str, ...]) -> str:
    """A path as a template writes it (segments that are not identifiers in brackets)."""
    return ".".join(part if _ID.fullmatch(part) else f"[{part}]" for part in path)


# ---- walking the tree ----------------------------------------------------------------------


@dataclass(frozen=True)
class _Use:
    node: PathExpression
    resolved: tuple[str, ...]
    base: _Scope  # the context the written path is relative to (() = root)


#: Helpers whose result doesn't depend on a list's values beyond its being empty or not
#: (``if``/``unless`` test truthiness; ``each``/``with`` are handled as blocks, ``join`` above).
_VALUE_BLIND_HELPERS = frozenset({"if", "unless", "each", "with", "join"})


class _Collector(Analyzer):
    """The analyzer, keeping each variable's node and the context it is relative to."""

    def __init__(self) -> None:
        super().__init__(())
        self._known = self._known | SUPPORTED_HELPERS
        self.uses: list[_Use] = []
        self.iterated: list[tuple[Node, tuple[str, ...], str]] = []
        self.value_blocks: list[BlockStatement] = []

    def _value(
        self, node: Expression, contexts: list[_Scope], frames: list[Any], guards: frozenset[str]
    ) -> None:
        if isinstance(node, PathExpression):
            resolved = self._resolve(node, contexts, frames)
            if resolved is not None and node.block_param is None:
                if node.data:
                    base: _Scope = ()
                elif node.depth < len(contexts):
                    base = contexts[-1 - node.depth]
                else:
                    base = None
                self.uses.append(_Use(node, resolved, base))
        super()._value(node, contexts, frames, guards)

    def _call(
        self, node: Any, contexts: list[_Scope], frames: list[Any], guards: frozenset[str]
    ) -> None:
        path = node.path
        # Pinpoint's join reads a list as its items (and refuses one as the separator): one
        # string in Connect reads differently.
        if (
            isinstance(path, PathExpression)
            and path.original == "join"
            and node.kind != "simple"
            and node.params
        ):
            for param in node.params[:2]:
                target = self._resolve(param, contexts, frames)
                if target:
                    self.iterated.append((node, target, "join"))
        elif (
            isinstance(path, PathExpression)
            and path.original not in _VALUE_BLIND_HELPERS
            and node.kind != "simple"
            and node.params
        ):
            # Any other helper given a whole list attribute sees Pinpoint's list of values
            # (compared, printed or counted as a list) but Connect's one string.
            for param in node.params:
                target = self._resolve(param, contexts, frames)
                if target:
                    self.iterated.append((node, target, f"helper:{path.original}"))
        super()._call(node, contexts, frames, guards)

    def _block_scope(self, node: BlockStatement, contexts: list[_Scope], frames: list[Any]) -> Any:
        inner, declared = super()._block_scope(node, contexts, frames)
        path = node.path
        assert isinstance(path, PathExpression)
        name = path.parts[0] if path.parts else None
        helper = node.kind == "helper" or (node.kind == "ambiguous" and name in self._known)
        target = None
        if helper and name == "each" and node.params:
            target = self._resolve(node.params[0], contexts, frames)
        elif not helper:
            target = self._resolve(path, contexts, frames)
        if target:
            self.iterated.append((node, target, "each" if helper else "block"))
        if not helper:
            self.value_blocks.append(node)
        return inner, declared


def _offset(starts: list[int], line: int, column: int) -> int:
    return starts[line - 1] + column


def convert_source(
    label: str, field_name: str, source: str, mapping: EndpointProfileMapping | None = None
) -> ConvertedField:
    """Convert one Pinpoint field (subject, body ...) to Connect's names, reading each endpoint
    field where ``mapping`` (the endpoint object type's ``profile_mapping``) puts it.

    :raises ValueError: naming ``label``, the field and each reference (line, column) that
        has no successor, and for a template Pinpoint would not parse.
    """
    try:
        template = parse_pinpoint(source)
    except HandlebarsSyntaxError as error:
        lines = error.message.splitlines()
        summary = f"{lines[0]} {lines[-1]}" if len(lines) > 1 else error.message
        raise ValueError(
            f"{label} {field_name} line {error.line}, column {error.column}: {summary}"
        ) from error
    except RecursionError:
        raise ValueError(f"{label} {field_name}: nested too deeply to parse") from None
    collector = _Collector()
    collector.analyze(template.program)
    notes: list[ConversionNote] = []
    problems: list[str] = []
    edits: list[tuple[Node, str]] = []

    def where(node: Node) -> tuple[int, int]:
        return (node.loc.start_line, node.loc.start_column) if node.loc else (0, 0)

    for use in collector.uses:
        line, column = where(use.node)
        pinpoint = _written(use.resolved)
        target = successor(use.resolved, mapping)
        new_path, exact, message = _rewrite_path(use.resolved, target)
        if new_path is None:
            problems.append(f"'{pinpoint}' at line {line}, column {column}: {message}")
            continue
        connect = ".".join(new_path)
        if message:
            notes.append(
                ConversionNote(field_name, line, column, pinpoint, connect, message, exact)
            )
        if use.base == ():
            prefix = "@root." if use.node.data else "../" * use.node.depth
            edits.append((use.node, prefix + _written(new_path)))
        elif use.base is None:
            continue
        else:
            base_target = _rewrite_path(use.base, successor(use.base, mapping))[0]
            written = tuple(use.node.parts)
            if base_target is None or (*base_target, *written) != new_path:
                problems.append(
                    f"'{pinpoint}' at line {line}, column {column}: read relative to "
                    f"'{'.'.join(use.base)}', which does not convert as a whole; write the "
                    "full path"
                )
    edits.extend(_closing_edits(source, collector.value_blocks, edits))
    for node, target_path, how in collector.iterated:
        moved = successor(target_path, mapping)
        if moved.list_valued and len(target_path) and not _is_index(target_path[-1]):
            line, column = where(node)
            if how.startswith("helper:"):
                message = (
                    f"the helper {how.partition(':')[2]} is given the values of "
                    f"{'.'.join(target_path)}; a Connect custom attribute is one string, so "
                    "this renders alike only for recipients with one value"
                )
            elif how == "block":
                message = (
                    f"the block over {'.'.join(target_path)} runs once per value in Pinpoint "
                    "and once with the whole string in Connect: alike for recipients with "
                    "one value"
                )
            else:
                message = (
                    f"the template iterates the values of {'.'.join(target_path)} "
                    f"({'{{#each}}' if how == 'each' else 'join'}); a Connect custom "
                    "attribute is one string, so this renders differently for recipients "
                    "with values"
                )
            notes.append(
                ConversionNote(
                    field_name,
                    line,
                    column,
                    ".".join(target_path),
                    ".".join(moved.path or ()),
                    message,
                    exact=False,
                )
            )
    for ref in collector.references:
        if ref.kind != "helper" or ref.name != "with":
            continue
        line, column = ref.line, ref.column
        problems.append(
            f"{{{{#with}}}} at line {line}, column {column}: Connect does not support the "
            "'with' helper; write the full paths"
        )
    if problems:
        raise ValueError(
            f"{label} {field_name} cannot be converted to Amazon Q in Connect: "
            + "; ".join(problems)
        )
    return ConvertedField(_apply(source, edits), notes)


def _closing_edits(
    source: str, blocks: list[BlockStatement], edits: list[tuple[Node, str]]
) -> list[tuple[Node, str]]:
    """A block over a value (``{{#X}}...{{/X}}``) closes with its own path: the closing tag
    (the last mustache of the block's location) gets the same replacement as the opening."""
    from ...handlebars._ast import SourceLocation

    replaced = {id(node): text for node, text in edits}
    text = to_utf16(source)
    starts = _line_starts(text)
    found: list[tuple[Node, str]] = []
    for block in blocks:
        replacement = replaced.get(id(block.path))
        if replacement is None or block.loc is None:
            continue
        end = _offset(starts, block.loc.end_line, block.loc.end_column)
        open_at = text.rindex("{{", 0, end)
        inner = text[open_at + 2 : end - 2]
        lead = len(inner) - len(inner.lstrip("~ \t\r\n/"))
        path_text = inner[lead:].rstrip("~ \t\r\n")
        start = open_at + 2 + lead
        line = next(i for i in range(len(starts) - 1, -1, -1) if starts[i] <= start)
        stop = start + len(path_text)
        stop_line = next(i for i in range(len(starts) - 1, -1, -1) if starts[i] <= stop)
        loc = SourceLocation(
            line + 1, start - starts[line], stop_line + 1, stop - starts[stop_line]
        )
        found.append((_Spot(loc), replacement))
    return found


class _Spot(Node):
    __slots__ = ()


def _is_index(segment: str) -> bool:
    return segment.isdigit()


def _rewrite_path(
    path: tuple[str, ...], target: _Successor
) -> tuple[tuple[str, ...] | None, bool, str | None]:
    """``(Connect path or None, exact, note)`` for a Pinpoint path: a list-valued attribute's
    ``.[0]`` reads its first value, which is the whole string in Connect."""
    if target.path is None:
        return None, False, target.note or "no successor"
    if not target.list_valued:
        return target.path, True, target.note
    key_end = target.key_length
    head, rest = target.path[:key_end], target.path[key_end:]
    if not rest:
        return head, True, target.note
    if rest == ("0",):
        note = (
            f"{_written(path)} reads the first value; the Connect custom attribute holds "
            "every value in one string, so it renders alike for recipients with one value"
        )
        if target.note:
            note = f"{target.note}; {note}"
        return head, False, note
    return (
        None,
        False,
        (
            "a custom attribute is one string in Connect; only the attribute itself or its first "
            "value (.[0]) converts"
        ),
    )


def _apply(source: str, edits: list[tuple[Node, str]]) -> str:
    if not edits:
        return source
    text = to_utf16(source)
    starts = _line_starts(text)
    pieces: list[str] = []
    previous = 0
    ordered = sorted(
        edits,
        key=lambda edit: _offset(starts, edit[0].loc.start_line, edit[0].loc.start_column),  # type: ignore[union-attr]
    )
    for node, replacement in ordered:
        loc = node.loc
        assert loc is not None
        start = _offset(starts, loc.start_line, loc.start_column)
        end = _offset(starts, loc.end_line, loc.end_column)
        pieces.append(text[previous:start])
        pieces.append(replacement)
        previous = end
    pieces.append(text[previous:])
    joined = "".join(pieces)
    if joined.isascii():
        return joined
    return joined.encode("utf-16", "surrogatepass").decode("utf-16")


# ---- default substitutions and recipients ----------------------------------------------------


def convert_defaults(
    defaults: Mapping[str, str],
    notes: list[ConversionNote] | None = None,
    mapping: EndpointProfileMapping | None = None,
) -> dict[str, Any]:
    """Pinpoint default substitutions (flat dotted names) as Connect default attributes
    (``MessageTemplateAttributes``, camelCase members as ``RenderMessageTemplate`` takes them).

    A default that can't be kept (no successor, or an empty value, which Connect's attribute
    values can't be: at least one character) is left out with a note in ``notes``.
    """
    flat: list[tuple[tuple[str, ...], str]] = []
    for name, value in defaults.items():
        path = tuple(name.split("."))
        target = successor(path, mapping)
        new_path, _, _ = _rewrite_path(path, target)
        member = attribute_member(new_path) if new_path else None
        if member is None or not value:
            if notes is not None:
                why = (
                    "Connect attribute values have at least one character"
                    if member is not None
                    else "it has no single-value successor"
                )
                notes.append(
                    ConversionNote(
                        "default_substitutions",
                        0,
                        0,
                        name,
                        ".".join(new_path or ()),
                        f"the default of {name} ({value!r}) is dropped: {why}; recipients "
                        "without the attribute see the placeholder as written",
                        exact=False,
                    )
                )
            continue
        flat.append((member, value))
    return nest(flat)


def equivalent_attributes(
    endpoint: Mapping[str, Any], mapping: EndpointProfileMapping | None = None
) -> dict[str, Any]:
    """The Connect attributes (``RenderMessageTemplate`` shape) of the profile ``mapping``
    makes of ``endpoint`` (see :func:`profile_attributes`), with the endpoint's ``Address`` as
    the address the message goes to. The tests build the profile from the object type's own
    field mappings instead, so a difference between the two can't hide."""
    mapping = mapping or EndpointProfileMapping(str(endpoint.get("ChannelType") or "") or None)
    profile: dict[str, Any] = {}
    for path, value in _leaves(endpoint, ()):
        target = mapping.destination(path)
        if target is None or value is None or value == [] or value == "":
            continue
        node = profile
        *parents, last = target.split(".")
        for key in parents:
            node = node.setdefault(key, {})
        node[last] = value
    return profile_attributes(profile, endpoint.get("Address"))


def profile_attributes(profile: Mapping[str, Any], address: Any = None) -> dict[str, Any]:
    """The Connect attributes (``RenderMessageTemplate`` shape) of a profile (``{"FirstName":
    ..., "Address": {"City": ...}, "Attributes": {...}}``, as an object type's field mappings
    write it) and the ``address`` the message goes to: each value as the string ``{{X}}``
    shows (lists joined with commas, as JavaScript does); empty values are left out, as
    Connect's attribute values have at least one character."""
    flat: list[tuple[tuple[str, ...], str]] = []
    if address not in (None, ""):
        flat.append((("systemAttributes", "customerEndpoint", "address"), js_to_string(address)))
    for path, value in _leaves(profile, ()):
        connect = profile_target_path(".".join(path))
        member = attribute_member(connect) if connect else None
        if member is None or value is None or value == [] or value == "":
            continue
        flat.append((member, js_to_string(value)))
    return nest(flat)


def _leaves(value: Any, path: tuple[str, ...]) -> Iterable[tuple[tuple[str, ...], Any]]:
    if isinstance(value, Mapping):
        for key, item in value.items():
            yield from _leaves(item, (*path, str(key)))
    else:
        yield path, value


def merge_attributes(defaults: Mapping[str, Any], attributes: Mapping[str, Any]) -> dict[str, Any]:
    """Attributes over default attributes (a value given wins; a missing one takes the
    default), as ``RenderMessageTemplate`` applies a template's defaults."""
    merged: dict[str, Any] = dict(defaults)
    for key, value in attributes.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), Mapping):
            merged[key] = merge_attributes(merged[key], value)
        else:
            merged[key] = value
    return merged


# ---- whole templates ---------------------------------------------------------------------------


@dataclass
class ConvertedTemplate:
    """A Pinpoint template in Connect's terms: ``fields`` by name (``subject``, ``html``,
    ``text``, ``body``, push parts ...), ``default_attributes`` (``MessageTemplateAttributes``
    with camelCase members) and the ``notes`` of every field."""

    kind: str
    name: str | None
    fields: dict[str, str]
    default_attributes: dict[str, Any]
    notes: list[ConversionNote]
    description: str | None = None


#: The fields of each ``get-*-template`` response, as (field name, JSON member).
_EMAIL_MEMBERS: Final = (("subject", "Subject"), ("html", "HtmlPart"), ("text", "TextPart"))
_SMS_MEMBERS: Final = (("body", "Body"),)
_PUSH_SERVICES: Final = (("apns", "APNS"), ("fcm", "GCM"), ("adm", "ADM"), ("baidu", "Baidu"))
_PUSH_PARTS: Final = (
    ("title", "Title"),
    ("body", "Body"),
    ("url", "Url"),
    ("sound", "Sound"),
    ("image_url", "ImageUrl"),
    ("image_icon_url", "ImageIconUrl"),
    ("small_image_icon_url", "SmallImageIconUrl"),
    ("media_url", "MediaUrl"),
    ("raw_content", "RawContent"),
    ("action", "Action"),
)


def convert_template(
    kind: str,
    fields: Mapping[str, str | None],
    defaults: Mapping[str, str] | None = None,
    *,
    label: str = "template",
    name: str | None = None,
    description: str | None = None,
    mapping: EndpointProfileMapping | None = None,
) -> ConvertedTemplate:
    """Convert a template's fields (``{"subject": ..., "html": ...}``) and defaults.

    ``mapping`` is where the migrated profiles have each endpoint field: the endpoint object
    type's ``profile_mapping`` (default: user attributes as custom attributes of the same name
    and, for an email or SMS template, that channel's per-channel attributes).

    Non-Handlebars fields (a push ``action``) are kept as they are. The result is checked
    against Connect's namespaces (:func:`check_connect_handlebars`).
    """
    if mapping is None:
        mapping = EndpointProfileMapping(KIND_CHANNELS.get(kind))
    notes: list[ConversionNote] = []
    converted: dict[str, str] = {}
    for field_name, source in fields.items():
        if source is None:
            continue
        if field_name.endswith("action"):
            converted[field_name] = source
            continue
        result = convert_source(label, field_name, source, mapping)
        converted[field_name] = result.source
        notes.extend(result.notes)
    references, _ = check_connect_handlebars(
        label, [(key, value) for key, value in converted.items() if not key.endswith("action")]
    )
    default_attributes = convert_defaults(defaults or {}, notes, mapping)
    _note_missing_defaults(references, default_attributes, notes)
    return ConvertedTemplate(kind, name, converted, default_attributes, notes, description)


def _note_missing_defaults(
    references: Iterable[Any], default_attributes: Mapping[str, Any], notes: list[ConversionNote]
) -> None:
    """A note for each value the template reads that has no default: Pinpoint rendered nothing
    for a recipient without it, ``RenderMessageTemplate`` keeps the placeholder ("if the
    attribute value is neither provided in the attribute request parameter nor the default
    attribute of the message template, the rendered message content will keep the variable
    placeholder as it is", Amazon Q in Connect API reference)."""
    seen: set[str] = set()
    for ref in references:
        path = tuple(ref.name.split("."))
        member = attribute_member(path)
        if member is None or ref.name in seen:
            continue
        seen.add(ref.name)
        node: Any = default_attributes
        for key in member:
            node = node.get(key) if isinstance(node, Mapping) else None
        if node is None:
            notes.append(
                ConversionNote(
                    "default_attributes",
                    0,
                    0,
                    ref.name,
                    ref.name,
                    f"{ref.name} has no default: a recipient without it gets the placeholder "
                    f"{{{{{ref.name}}}}} as written, where Pinpoint rendered nothing; give it a "
                    "default attribute if that matters",
                    exact=False,
                )
            )


def convert_response(
    response: Mapping[str, Any], mapping: EndpointProfileMapping | None = None
) -> ConvertedTemplate:
    """Convert the JSON of ``aws pinpoint get-email-template``, ``get-sms-template`` or
    ``get-push-template`` (the whole response, or its ``EmailTemplateResponse`` /
    ``SMSTemplateResponse`` / ``PushNotificationTemplateResponse`` member)."""
    for member, _kind in (
        ("EmailTemplateResponse", "EMAIL"),
        ("SMSTemplateResponse", "SMS"),
        ("PushNotificationTemplateResponse", "PUSH"),
    ):
        if member in response:
            return convert_response(response[member], mapping)
    kind = str(response.get("TemplateType") or "")
    name = response.get("TemplateName")
    label = f"Pinpoint template {name!r}" if name else "Pinpoint template"
    defaults = parse_default_substitutions(response.get("DefaultSubstitutions"))
    description = response.get("TemplateDescription")
    fields: dict[str, str | None]
    if kind == "EMAIL":
        fields = {key: response.get(member) for key, member in _EMAIL_MEMBERS}
    elif kind == "SMS":
        fields = {key: response.get(member) for key, member in _SMS_MEMBERS}
    elif kind == "PUSH":
        fields = {}
        for service, member in (("default", "Default"), *_PUSH_SERVICES):
            part = response.get(member) or {}
            for key, json_key in _PUSH_PARTS:
                if part.get(json_key) is not None:
                    fields[f"{service}.{key}"] = part[json_key]
    else:
        raise ValueError(
            "expected the JSON of get-email-template, get-sms-template or get-push-template "
            f"(TemplateType EMAIL, SMS or PUSH), got TemplateType {kind or None!r}"
        )
    return convert_template(
        kind,
        fields,
        defaults,
        label=label,
        name=name,
        description=description,
        mapping=mapping,
    )


__all__ = [
    "PINPOINT_SUCCESSORS",
    "ConversionNote",
    "ConvertedField",
    "ConvertedTemplate",
    "convert_defaults",
    "convert_response",
    "convert_source",
    "convert_template",
    "equivalent_attributes",
    "merge_attributes",
    "profile_attributes",
    "profile_target_path",
    "successor",
]
