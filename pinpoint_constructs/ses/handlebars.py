"""What Amazon SES renders of Handlebars, and converting Pinpoint email templates to it.

Imports only the standard library and :mod:`pinpoint_constructs.handlebars`, so it runs
without aws-cdk-lib (and without starting the jsii kernel).

What SES supports, from "Advanced email personalization", Amazon SES Developer Guide
(https://docs.aws.amazon.com/ses/latest/dg/send-personalized-email-advanced.html): stored
templates use "the Handlebars system ... nested attributes, array iteration, basic
conditional statements, and the creation of inline partials", and the page points at
handlebars.js's *Built-In Helpers* for the rest. So SES renders the Handlebars built-ins
(``if``, ``unless``, ``each``, ``with``, ``lookup``, ``log``) and inline partials, and no
other helper: none of the helpers Pinpoint added (``upper``, ``dateFormat``, ``eq``,
``now``...; "Using message template helpers", Amazon Pinpoint User Guide). There are no
registered partials, so ``{{> name}}`` must name an inline partial of the same template.

Two differences from Pinpoint that are not errors:

- the same page: "SES doesn't escape HTML content when rendering the HTML template", where
  Pinpoint (handlebars.js) escapes ``{{value}}``: escape user-provided values yourself;
- SES templates have no default substitutions: a missing value renders as nothing
  (``CreateEmailTemplate``'s ``EmailTemplateContent`` has only Subject, Text and Html).
  :func:`convert_pinpoint_email` writes each default into the template, through the syntax
  tree, as ``{{#if X}}{{X}}{{else}}default{{/if}}``.
"""

from __future__ import annotations

import html as _html
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Final

from ..handlebars import (
    BUILTIN_HELPERS,
    SUPPORTED_HELPERS,
    HandlebarsSyntaxError,
    Template,
    parse,
)
from ..handlebars._ast import (
    BlockStatement,
    MustacheStatement,
    Node,
    PathExpression,
    Program,
)

#: The helpers Amazon SES renders: the Handlebars built-ins (see the module docstring).
SES_HELPERS: Final[frozenset[str]] = frozenset(BUILTIN_HELPERS)

#: Helpers Amazon Pinpoint renders and Amazon SES does not.
PINPOINT_ONLY_HELPERS: Final[frozenset[str]] = frozenset(SUPPORTED_HELPERS) - SES_HELPERS

SES_HANDLEBARS_PAGE: Final = (
    "https://docs.aws.amazon.com/ses/latest/dg/send-personalized-email-advanced.html"
)


@dataclass(frozen=True)
class Unrenderable:
    """Something in a template that Amazon SES cannot render.

    ``part`` is ``subject``, ``html`` or ``text``; ``line`` is 1-based, ``column`` 0-based.
    """

    part: str
    line: int
    column: int
    what: str

    def __str__(self) -> str:
        return f"{self.part} line {self.line}, column {self.column}: {self.what}"


def _problems(part: str, source: str, known_helpers: Iterable[str]) -> list[Unrenderable]:
    try:
        template = parse(source, known_helpers=known_helpers)
    except HandlebarsSyntaxError as error:
        message = error.message.splitlines()
        summary = f"{message[0]} {message[-1]}" if len(message) > 1 else error.message
        return [Unrenderable(part, error.line, error.column, f"syntax error: {summary}")]
    except RecursionError:
        return [Unrenderable(part, 1, 0, "blocks are nested too deeply to parse")]
    found: list[Unrenderable] = []
    defined = template.inline_partials
    for ref in template.references:
        if ref.kind == "helper" and ref.name not in SES_HELPERS:
            if ref.name in PINPOINT_ONLY_HELPERS:
                what = (
                    f"'{ref.name}' is an Amazon Pinpoint helper; Amazon SES renders only the "
                    f"Handlebars built-ins ({', '.join(sorted(SES_HELPERS))})"
                )
            else:
                what = (
                    f"'{ref.name}' is not a Handlebars built-in helper; Amazon SES renders only "
                    f"{', '.join(sorted(SES_HELPERS))}"
                )
            found.append(Unrenderable(part, ref.line, ref.column, what))
        elif ref.kind == "partial" and ref.name != "@partial-block" and ref.name not in defined:
            found.append(
                Unrenderable(
                    part,
                    ref.line,
                    ref.column,
                    f"the partial '{ref.name}' is not defined in the template; Amazon SES has "
                    f'only inline partials ({{{{#*inline "{ref.name}"}}}}...{{{{/inline}}}})',
                )
            )
    return found


def ses_problems(parts: Iterable[tuple[str, str | None]]) -> list[Unrenderable]:
    """What Amazon SES cannot render in each ``(part, source)``: syntax errors, helpers other
    than the built-ins, partials not defined inline. Empty when SES renders it all.

    A bare ``{{name}}`` is a variable for SES, even where ``name`` is a Pinpoint helper.
    """
    found: list[Unrenderable] = []
    for part, source in parts:
        if source is not None:
            found.extend(_problems(part, source, ()))
    return found


def check_ses_handlebars(label: str, parts: Iterable[tuple[str, str | None]]) -> None:
    """Raise ``ValueError`` naming ``label`` and every problem :func:`ses_problems` finds."""
    problems = ses_problems(parts)
    if problems:
        raise ValueError(
            f"{label}: Amazon SES cannot render "
            + "; ".join(str(problem) for problem in problems)
            + f" (what SES supports: {SES_HANDLEBARS_PAGE})"
        )


# ---- Pinpoint -> SES --------------------------------------------------------------------


@dataclass(frozen=True)
class SesConversion:
    """A Pinpoint email template as Amazon SES would render it.

    ``subject``/``html``/``text`` are the converted parts (``None`` where the Pinpoint
    template has none); ``unrenderable`` lists what SES cannot render (empty when the
    conversion is complete); ``notes`` are differences that are not errors.
    """

    subject: str
    html: str | None
    text: str | None
    unrenderable: tuple[Unrenderable, ...]
    notes: tuple[str, ...]

    @property
    def complete(self) -> bool:
        """Whether SES renders every part."""
        return not self.unrenderable


def _offsets(source: str) -> list[int]:
    starts = [0]
    for index, char in enumerate(source):
        if char == "\n":
            starts.append(index + 1)
    return starts


def _index(source: str, starts: list[int], line: int, column: int) -> int:
    """The string index of a (1-based line, 0-based UTF-16 column) position."""
    index = starts[line - 1]
    units = 0
    while units < column:
        units += 2 if ord(source[index]) > 0xFFFF else 1
        index += 1
    return index


def _literal(text: str, escape_html: bool) -> str | None:
    """``text`` as Handlebars content that renders to exactly it (Pinpoint escaped a default
    inserted into HTML, so the HTML part gets it escaped); ``None`` for a text with ``{{`` or
    a backslash, which Handlebars content cannot always carry as it is."""
    if "{{" in text or "\\" in text:
        return None
    return _html.escape(text, quote=True) if escape_html else text


def _defaulted_mustaches(program: Program) -> Iterator[tuple[MustacheStatement, str]]:
    """Mustaches ``{{path}}`` (no params, no hash) read from the root context: at the top
    level or inside ``if``/``unless`` blocks, which do not change the context."""
    for node in program.body:
        yield from _visit(node)


def _visit(node: Node) -> Iterator[tuple[MustacheStatement, str]]:
    if isinstance(node, MustacheStatement):
        path = node.path
        if (
            not node.params
            and node.hash is None
            and not node.is_decorator
            and isinstance(path, PathExpression)
            and not path.data
            and path.depth == 0
            and not path.scoped
            and path.block_param is None
            and node.kind != "helper"
        ):
            yield node, ".".join(path.parts)
    elif isinstance(node, BlockStatement):
        head = node.path
        if isinstance(head, PathExpression) and head.original in {"if", "unless"}:
            for child in (node.program, node.inverse):
                if child is not None:
                    yield from _defaulted_mustaches(child)


def _apply_defaults(part: str, source: str, defaults: Mapping[str, str], notes: list[str]) -> str:
    template: Template = parse(source, known_helpers=SUPPORTED_HELPERS)
    starts = _offsets(source)
    edits: list[tuple[int, int, str]] = []
    replaced: set[str] = set()
    for node, name in _defaulted_mustaches(template.program):
        if name not in defaults or node.loc is None:
            continue
        loc = node.loc
        start = _index(source, starts, loc.start_line, loc.start_column)
        end = _index(source, starts, loc.end_line, loc.end_column)
        original = source[start:end]
        default = _literal(defaults[name], escape_html=part == "html" and node.escaped)
        if default is None:
            notes.append(
                f"{part}: the default of {name} has '{{{{' or a backslash and is not written "
                "into the template"
            )
            replaced.add(name)
            continue
        edits.append((start, end, f"{{{{#if {name}}}}}{original}{{{{else}}}}{default}{{{{/if}}}}"))
        replaced.add(name)
    for name in sorted(set(defaults) - replaced):
        if name in template.variables_used:
            notes.append(
                f"{part}: the default of {name} is not applied where it is read inside a "
                "block that changes the context (each, with) or through a helper"
            )
    for start, end, text in sorted(edits, reverse=True):
        source = source[:start] + text + source[end:]
    return source


def convert_pinpoint_email(
    *,
    subject: str,
    html: str | None = None,
    text: str | None = None,
    default_substitutions: Mapping[str, str] | None = None,
) -> SesConversion:
    """Convert a Pinpoint email template (its parts and flat default substitutions, e.g.
    ``{"User.UserAttributes.FirstName": "there"}``) to what Amazon SES renders.

    Variables keep their paths (``{{User.UserAttributes.FirstName}}``): send
    ``TemplateData`` shaped like Pinpoint's message context. Each default substitution is
    written into the template through the syntax tree; Pinpoint helpers (also bare, as
    ``{{now}}``) and partials not defined inline are listed in ``unrenderable``.
    """
    defaults = dict(default_substitutions or {})
    parts = [("subject", subject), ("html", html), ("text", text)]
    unrenderable: list[Unrenderable] = []
    for part, source in parts:
        if source is not None:
            unrenderable.extend(_problems(part, source, SUPPORTED_HELPERS))
    notes: list[str] = []
    converted: dict[str, str | None] = {}
    for part, source in parts:
        if source is None or any(problem.part == part for problem in unrenderable):
            converted[part] = source
            continue
        converted[part] = _apply_defaults(part, source, defaults, notes) if defaults else source
    html_parses = html is not None and not any(
        problem.part == "html" and problem.what.startswith("syntax error")
        for problem in unrenderable
    )
    if (
        html is not None
        and html_parses
        and any(
            isinstance(node, MustacheStatement) and node.escaped
            for node in _walk_all(parse(html, known_helpers=SUPPORTED_HELPERS).program)
        )
    ):
        notes.append(
            "html: Amazon SES does not escape HTML in values it inserts, where Pinpoint "
            "escaped {{value}}: escape user-provided values before sending"
        )
    return SesConversion(
        subject=converted["subject"] or subject,
        html=converted["html"],
        text=converted["text"],
        unrenderable=tuple(unrenderable),
        notes=tuple(dict.fromkeys(notes)),
    )


def _walk_all(program: Program) -> Iterator[Node]:
    for node in program.body:
        yield node
        if isinstance(node, BlockStatement):
            for child in (node.program, node.inverse):
                if child is not None:
                    yield from _walk_all(child)


__all__ = [
    "PINPOINT_ONLY_HELPERS",
    "SES_HANDLEBARS_PAGE",
    "SES_HELPERS",
    "SesConversion",
    "Unrenderable",
    "check_ses_handlebars",
    "convert_pinpoint_email",
    "ses_problems",
]
