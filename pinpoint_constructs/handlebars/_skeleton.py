"""What a template references, parsed once per *skeleton*: the template with its text
between mustaches reduced to a marker.

Templates of one program usually share their Handlebars and differ in their copy: 300
newsletters with one layout, each with its own words. What :func:`references` reports (the
helpers, variables and partials used, and where) and whether the template parses at all
depend on the mustaches, not on the copy, so the copy is replaced before parsing and the
parse of the skeleton (cached by :func:`~.engine.parse`) serves every template that has it.
Positions are mapped back to the source.

A run of text is reduced only where that cannot change the parse:

* it contains no ``{``, ``}`` or ``\\`` and follows ``}`` (or the start) and precedes ``{``
  (or the end): it is not inside a mustache, except where a mustache's string literal,
  bracketed segment or comment contains ``}}``/``{{``, which the check below catches;
* its leading and trailing whitespace (JavaScript's ``\\s``) is kept and the rest becomes
  one marker character (U+E000, never whitespace), so standalone lines and ``~`` strip the
  same whitespace as in the source; a run of whitespace only is kept as it is.

After parsing, every marker must be inside literal text (a ``ContentStatement``); if one
is not (it landed in a string, a comment or a path), or the skeleton does not parse, or the
source has what the position mapping can't follow (characters beyond U+FFFF, which count as
two UTF-16 columns; NUL, U+2028 or U+2029, which the parsers count differently; the marker
itself), the source itself is parsed, so the result and every error are exactly those of
:func:`~.engine.parse`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from itertools import accumulate
from typing import Final

from ._analysis import Reference
from ._ast import BlockStatement, ContentStatement, PartialStatement, Program
from ._descent import _line_starts
from ._errors import HandlebarsSyntaxError
from ._lexer import JS_WS_CHARS
from .engine import parse

MARKER: Final = "\ue000"
_WS: Final = "[" + re.escape(JS_WS_CHARS) + "]"
# A run of text after "}" up to "{" or the end (the source gets a "}" in front, so that a run
# at its start counts too), split into its leading whitespace, the rest up to its last
# non-whitespace character, and its trailing whitespace; a run of whitespace only does not
# match. A literal first character lets the regex engine skip ahead fast; splitting on it
# (rather than a substitution, whose group references Python 3.11 expands in Python code)
# keeps the whole reduction in C.
_RUN: Final = re.compile(
    rf"(\}}{_WS}*+)([^{{}}\\\ue000]*[^{{}}\\\ue000{re.escape(JS_WS_CHARS)}])({_WS}*+)(?=\{{|\Z)"
)
_BRACE: Final = re.compile(r"\{")
_UNMAPPABLE: Final = re.compile("[\x00\u2028\u2029\ue000\U00010000-\U0010ffff]")


def _skeleton(source: str) -> tuple[str, int]:
    """The skeleton and its number of markers.

    Every ``{`` and ``}`` of the source is in the skeleton, in order, and no marker lies
    between a ``{`` and the mustache text after it: a position inside a mustache is the same
    distance after the same ``{`` in both, which is how positions map back.
    """
    parts = _RUN.split("}" + source)  # text, ("}" + leading, middle, trailing, text) * n
    markers = len(parts) // 4
    parts[2::4] = [MARKER] * markers
    return "".join(parts)[1:], markers


def skeleton_of(source: str) -> tuple[str, int] | None:
    """``(skeleton, markers)`` of ``source``, or ``None`` when its positions can't be mapped
    back (see the module docstring)."""
    if (source.isascii() and "\x00" not in source) or _UNMAPPABLE.search(source) is None:
        return _skeleton(source)
    return None


def _braces(text: str) -> list[int]:
    return [match.start() for match in _BRACE.finditer(text)]


def _markers_in_content(program: Program) -> int:
    """How many markers the tree under ``program`` holds in its literal text (literal text
    is only ever a statement of a program: the walk follows programs alone)."""
    count = 0
    pending = [program]
    pop, push = pending.pop, pending.append
    while pending:
        for statement in pop().body:
            kind = type(statement)
            if kind is ContentStatement:
                count += statement.original.count(MARKER)  # type: ignore[attr-defined]
            elif kind is BlockStatement:
                if statement.program is not None:  # type: ignore[attr-defined]
                    push(statement.program)  # type: ignore[attr-defined]
                if statement.inverse is not None:  # type: ignore[attr-defined]
                    push(statement.inverse)  # type: ignore[attr-defined]
            elif kind is PartialStatement and statement.program is not None:  # type: ignore[attr-defined]
                push(statement.program)  # type: ignore[attr-defined]
    return count


@lru_cache(maxsize=512)
def skeleton_references(
    skeleton: str, markers: int, known_helpers: frozenset[str]
) -> tuple[tuple[str, str, int, int, bool], ...] | None:
    """``(kind, name, index of the last "{" before it, distance from that "{", needs_default)``
    of each reference, or ``None`` when the skeleton can't stand for its sources (see the module
    docstring)."""
    try:
        template = parse(skeleton, known_helpers=known_helpers)
    except (HandlebarsSyntaxError, RecursionError):
        return None
    if _markers_in_content(template.program) != markers:
        return None
    starts = _line_starts(skeleton)
    braces = _braces(skeleton)
    found = []
    for ref in template.references:
        offset = starts[ref.line - 1] + ref.column
        index = bisect_right(braces, offset) - 1
        if index < 0:
            return None  # not inside a mustache: can't be mapped (never seen in practice)
        found.append((ref.kind, ref.name, index, offset - braces[index], ref.needs_default))
    return tuple(found)


def positions(
    source: str, found: tuple[tuple[str, str, int, int, bool], ...]
) -> list[tuple[str, str, int, int, bool]]:
    """``(kind, name, line, column, needs_default)`` in ``source`` of the references ``found``
    in its skeleton (what :func:`skeleton_references` returns for it, or a part of that, in
    order)."""
    # Where the i-th "{" is: the length of the text before it plus the i braces before that;
    # split, len and accumulate all run in C.
    before = list(accumulate(map(len, source.split("{"))))
    result = []
    if "\r" in source:
        starts = _line_starts(source)
        for kind, name, index, distance, needs_default in found:
            at = before[index] + index + distance
            line = bisect_right(starts, at)
            result.append((kind, name, line, at - starts[line - 1], needs_default))
    else:  # only "\n" breaks lines (the skeleton path has no U+2028/U+2029): count them
        count, rfind = source.count, source.rfind
        line, counted = 1, 0  # lines up to position ``counted`` (references come in order)
        for kind, name, index, distance, needs_default in found:
            at = before[index] + index + distance
            if at < counted:
                line, counted = 1, 0
            line += count("\n", counted, at)
            counted = at
            result.append((kind, name, line, at - rfind("\n", 0, at) - 1, needs_default))
    return result


def references(source: str, known_helpers: frozenset[str]) -> tuple[Reference, ...]:
    """``parse(source, known_helpers=known_helpers).references``, from the skeleton's parse
    where it stands for ``source``; raises what :func:`~.engine.parse` raises."""
    key = skeleton_of(source)
    if key is not None:
        found = skeleton_references(*key, known_helpers)
        if found is not None:
            return tuple(Reference(*place) for place in positions(source, found))
    return parse(source, known_helpers=known_helpers).references
