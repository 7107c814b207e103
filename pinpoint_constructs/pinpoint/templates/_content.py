"""What the template constructs and the preview command share, without CDK constructs:
the service's limits and naming rule, default substitutions, the synth-time Handlebars checks
and the ``ses:no-track`` rewrite.

Service limits (Amazon Pinpoint Developer Guide, "Amazon Pinpoint quotas", section "Message
template quotas"; the API reference for template names):

- a template name starts with a letter or digit and has at most 128 letters, digits,
  underscores and hyphens; names are case sensitive;
- an email template has at most 500,000 characters;
- an SMS template has at most 1,600 characters, a voice template 10,000;
- the default parts of a push template at most 2,000 characters, the APNs parts 2,000, the
  FCM, Baidu and ADM parts 4,000 each.
"""

from __future__ import annotations

import difflib
import itertools
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser
from typing import Any, Final

from ...handlebars import (
    SUPPORTED_HELPERS,
    HandlebarsSyntaxError,
    Reference,
    Template,
    parse_pinpoint,
)
from ...handlebars._skeleton import positions, skeleton_of, skeleton_references
from ...handlebars._skeleton import references as source_references

#: The longest template name the service accepts.
TEMPLATE_NAME_MAX_LENGTH: Final = 128
#: Most characters in an email template (subject, HTML and text parts together).
EMAIL_TEMPLATE_MAX_LENGTH: Final = 500_000
#: Most characters in an SMS template's body.
SMS_BODY_MAX_LENGTH: Final = 1_600
#: Most characters in a voice template's body (the quotas page: "Maximum number of characters
#: in a voice template | 10,000 characters | No").
VOICE_TEMPLATE_MAX_LENGTH: Final = 10_000
#: Most characters in the default parts of a push template.
PUSH_DEFAULT_MAX_LENGTH: Final = 2_000
#: Most characters in the APNs parts of a push template.
PUSH_APNS_MAX_LENGTH: Final = 2_000
#: Most characters in the FCM, Baidu or ADM parts of a push template (each).
PUSH_ANDROID_MAX_LENGTH: Final = 4_000

#: The service's template naming rule, as a pattern (:data:`TEMPLATE_NAME_RULE` in words).
TEMPLATE_NAME_PATTERN: Final = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,127}")
TEMPLATE_NAME_RULE: Final = (
    "1 to 128 characters: letters, digits, underscores (_) and hyphens (-), starting with a "
    "letter or digit"
)

#: The attribute that makes Amazon SES (which sends Pinpoint's email) leave a link untracked.
NO_TRACK_ATTRIBUTE: Final = "ses:no-track"


def is_valid_template_name(name: str) -> bool:
    """Whether ``name`` follows the service's template naming rule."""
    return TEMPLATE_NAME_PATTERN.fullmatch(name) is not None


# ---- default substitutions ---------------------------------------------------------------


def flatten_substitutions(prop: str, value: Mapping[str, Any] | None) -> dict[str, str]:
    """Default substitutions as flat dotted names (``User.UserAttributes.FirstName``).

    ``value`` may use dotted keys, nested dictionaries, or both:
    ``{"User": {"UserAttributes": {"FirstName": "there"}}}`` and
    ``{"User.UserAttributes.FirstName": "there"}`` give the same result. Values are strings.

    :raises TypeError: for a value that is neither a string nor a mapping.
    :raises ValueError: for an empty name segment, or a name given twice or used both as a
        value and as a parent of other names.
    """
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise TypeError(
            f"{prop} must be a dict of variable names to default values, got "
            f"{type(value).__name__}: {value!r}"
        )
    flat: dict[str, str] = {}
    for name, default in _walk(prop, value, ()):
        if name in flat:
            raise ValueError(f"{prop} gives {name!r} twice")
        flat[name] = default
    names = sorted(flat)
    for shorter, longer in itertools.pairwise(names):
        if longer.startswith(shorter + "."):
            raise ValueError(
                f"{prop} gives {shorter!r} a value and also values below it ({longer!r}); a "
                "variable is either a value or an object of other variables"
            )
    return dict(sorted(flat.items()))


def _walk(
    prop: str, value: Mapping[str, Any], parents: tuple[str, ...]
) -> Iterator[tuple[str, str]]:
    for key, item in value.items():
        if not isinstance(key, str):
            raise TypeError(f"{prop} names must be strings, got {type(key).__name__}: {key!r}")
        segments = key.split(".")
        if any(not segment or segment != segment.strip() for segment in segments):
            where = ".".join(parents) or "the top level"
            raise ValueError(
                f"{prop} has an invalid variable name {key!r} (under {where}): use dotted names "
                "such as 'User.UserAttributes.FirstName', without empty parts or spaces around dots"
            )
        path = (*parents, *segments)
        if isinstance(item, Mapping):
            if not item:
                raise ValueError(f"{prop} has an empty object for {'.'.join(path)!r}")
            yield from _walk(prop, item, path)
        elif isinstance(item, str):
            yield ".".join(path), item
        else:
            raise TypeError(
                f"{prop} values must be strings (or dicts of them), got "
                f"{type(item).__name__} for {'.'.join(path)!r}: {item!r}"
            )


def substitutions_json(flat: Mapping[str, str]) -> str | None:
    """The ``DefaultSubstitutions`` JSON string CloudFormation wants; ``None`` for none."""
    return json.dumps(dict(flat), sort_keys=True) if flat else None


def has_default(variable: str, defaults: Iterable[str]) -> bool:
    """Whether ``variable`` has a default: its own, or (for an object such as ``User`` read by
    ``{{#with User}}``) one for a variable below it."""
    if isinstance(defaults, Mapping) and variable in defaults:
        return True
    prefix = variable + "."
    return any(name == variable or name.startswith(prefix) for name in defaults)


# ---- Handlebars checks ---------------------------------------------------------------------


@dataclass(frozen=True)
class VariableUse:
    """Where a template first reads a variable."""

    variable: str
    field: str
    line: int
    column: int


def check_handlebars(label: str, fields: Iterable[tuple[str, str | None]]) -> list[VariableUse]:
    """Parse each ``(field, source)`` as Pinpoint would and return the variables they read
    where a missing value renders empty (the first such use of each, in field order): not
    the condition of an ``{{#if}}``/``{{#unless}}``, nor a use its guard keeps from rendering
    without a value (see :class:`~pinpoint_constructs.handlebars.Reference`
    ``needs_default``).

    Templates that differ only in their text between mustaches share one parse (see
    :mod:`pinpoint_constructs.handlebars._skeleton`): the references, warnings and errors are
    the same as from parsing each source.

    :param label: How errors name the template, e.g. ``"EmailTemplate 'welcome'"``.
    :raises ValueError: for a syntax error (with the field, line and column), a helper
        Pinpoint does not support, or a partial the template does not define inline.
    """
    seen: dict[str, VariableUse] = {}
    for field, source in fields:
        if source is None:
            continue
        key = skeleton_of(source)
        first_uses = _clean_first_uses(*key) if key is not None else None
        if first_uses is not None:
            # The skeleton has no problem: only each variable's first use needs locating.
            for _, name, line, column, _ in positions(source, first_uses):
                if name not in seen:
                    seen[name] = VariableUse(name, field, line, column)
            continue
        for ref in _checked_references(label, field, source):  # raises with every position
            if ref.kind == "variable" and ref.needs_default and ref.name not in seen:
                seen[ref.name] = VariableUse(ref.name, field, ref.line, ref.column)
    return list(seen.values())


def parse_field(label: str, field: str, source: str) -> Template:
    """Parse one field; raise ``ValueError`` naming the template, field, line and column."""
    _checked_references(label, field, source)
    return parse_pinpoint(source)


_PINPOINT_HELPERS: Final = frozenset(SUPPORTED_HELPERS)


@lru_cache(maxsize=512)
def _clean_first_uses(
    skeleton: str, markers: int
) -> tuple[tuple[str, str, int, int, bool], ...] | None:
    """The first use needing a default of each variable in a skeleton that parses and uses
    only supported helpers and inline partials it defines (in skeleton form, see
    :func:`~pinpoint_constructs.handlebars._skeleton.skeleton_references`); ``None`` for any
    other skeleton."""
    found = skeleton_references(skeleton, markers, _PINPOINT_HELPERS)
    if found is None:
        return None
    defined = {ref[1] for ref in found if ref[0] == "inline-partial"}
    first: dict[str, tuple[str, str, int, int, bool]] = {}
    for ref in found:
        kind, name = ref[0], ref[1]
        if kind == "helper" and name not in SUPPORTED_HELPERS:
            return None
        if kind == "partial" and name != "@partial-block" and name not in defined:
            return None
        if kind == "variable" and ref[4] and name not in first:
            first[name] = ref
    return tuple(first.values())


def _checked_references(label: str, field: str, source: str) -> tuple[Reference, ...]:
    """The field's references; ``ValueError`` for a syntax error, an unsupported helper or a
    partial that is not defined inline."""
    try:
        references = source_references(source, _PINPOINT_HELPERS)
    except HandlebarsSyntaxError as error:
        raise ValueError(
            f"{label} {field} line {error.line}, column {error.column}: {_one_line(error.message)}"
        ) from error
    except RecursionError:
        raise ValueError(
            f"{label} {field}: blocks or subexpressions are nested too deeply to parse"
        ) from None
    unsupported = [
        ref for ref in references if ref.kind == "helper" and ref.name not in SUPPORTED_HELPERS
    ]
    if unsupported:
        uses = "; ".join(
            f"'{ref.name}' at line {ref.line}, column {ref.column}{_suggestion(ref.name)}"
            for ref in unsupported
        )
        raise ValueError(
            f"{label} {field} uses a helper that Amazon Pinpoint does not support: {uses}. "
            "Supported helpers: SUPPORTED_HELPERS in pinpoint_constructs.pinpoint.templates"
        )
    defined = {ref.name for ref in references if ref.kind == "inline-partial"}
    missing = [
        ref
        for ref in references
        if ref.kind == "partial" and ref.name != "@partial-block" and ref.name not in defined
    ]
    if missing:
        ref = missing[0]
        raise ValueError(
            f"{label} {field} line {ref.line}, column {ref.column}: the partial '{ref.name}' is "
            "not defined in the template; Pinpoint knows only inline partials "
            f'({{{{#*inline "{ref.name}"}}}}...{{{{/inline}}}})'
        )
    return references


def _one_line(message: str) -> str:
    """handlebars.js's message on one line: a parse error's source excerpt and caret (the line
    and column say where) are dropped, and an unexpected end gets a hint."""
    lines = message.splitlines()
    if len(lines) < 2:
        return message
    summary = f"{lines[0]} {lines[-1]}"
    if lines[-1].endswith("got 'EOF'") and "OPEN_ENDBLOCK" in lines[-1]:
        summary += " (a block opened with {{#...}} is not closed)"
    return summary


def _suggestion(name: str) -> str:
    close = difflib.get_close_matches(name, sorted(SUPPORTED_HELPERS), n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


# ---- ses:no-track --------------------------------------------------------------------------

# Handlebars comments (which may contain "}}") and other mustaches, where an "<a" is not HTML.
_MUSTACHE: Final = re.compile(r"\{\{!--.*?--\}\}|\{\{.*?\}\}", re.DOTALL)
_BLANK: Final = re.compile(r"[^\r\n]")
# Elements whose content browsers read as text, like <script> and <style> (which html.parser
# knows): an "<a>" inside is not an anchor.
_TEXT_ONLY_ELEMENTS: Final = frozenset({"title", "textarea"})


class _AnchorFinder(HTMLParser):
    """Offsets just after ``<a`` of every anchor start tag without ``ses:no-track``."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self._source = source
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.insert_at: list[int] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _TEXT_ONLY_ELEMENTS:
            self.set_cdata_mode(tag)
            return
        self.handle_startendtag(tag, attrs)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "a" or any(name == NO_TRACK_ATTRIBUTE for name, _ in attrs):
            return
        line, column = self.getpos()
        start = self._line_starts[line - 1] + column
        text = self.get_starttag_text() or ""
        if self._source.startswith(text, start) and text[:2].lower() == "<a":
            self.insert_at.append(start + 2)


def add_ses_no_track(html: str) -> str:
    """Add the ``ses:no-track`` attribute to every anchor (``<a ...>``) of ``html`` that lacks
    it, so Amazon SES, which sends Pinpoint's email, does not rewrite the link for click
    tracking. Everything else stays exactly as it was, byte for byte: the attribute goes right
    after ``<a`` (``<a ses:no-track href="...">``, as the SES documentation writes it).

    The HTML is read with :mod:`html.parser`, so anchors inside HTML comments and
    ``<script>``, ``<style>``, ``<title>`` and ``<textarea>`` are left alone; Handlebars
    expressions and comments are blanked out first (their text is never HTML), so
    ``href="{{url}}"`` or ``{{#if}}`` inside a tag don't confuse the parser.
    """
    masked = _MUSTACHE.sub(lambda match: _BLANK.sub(" ", match.group()), html)
    finder = _AnchorFinder(masked)
    finder.feed(masked)
    finder.close()
    if not finder.insert_at:
        return html
    parts: list[str] = []
    previous = 0
    for at in finder.insert_at:
        parts.append(html[previous:at])
        parts.append(" " + NO_TRACK_ATTRIBUTE)
        previous = at
    parts.append(html[previous:])
    return "".join(parts)
