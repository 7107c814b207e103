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
from typing import Final

from ._analysis import Reference
from ._ast import ContentStatement, Node
from ._descent import _line_starts
from ._errors import HandlebarsSyntaxError
from ._lexer import JS_WS
from .engine import parse

MARKER: Final = "\ue000"
_RUN: Final = re.compile(
    rf"(?:(?<=\}})|\A)([{JS_WS}]*+)([^{{}}\\\ue000]*?[^{{}}\\\ue000{JS_WS}])([{JS_WS}]*+)(?=\{{|\Z)"
)
_UNMAPPABLE: Final = re.compile("[\x00\u2028\u2029\ue000\U00010000-\U0010ffff]")


def _skeleton(source: str) -> tuple[str, list[int], list[int]]:
    """The skeleton, and for each marker its end offset in the skeleton and in the source."""
    parts: list[str] = []
    skeleton_ends: list[int] = []
    source_ends: list[int] = []
    previous = 0
    length = 0
    for match in _RUN.finditer(source):
        middle_start, middle_end = match.span(2)
        parts.append(source[previous:middle_start])
        parts.append(MARKER)
        length += middle_start - previous + 1
        skeleton_ends.append(length)
        source_ends.append(middle_end)
        previous = middle_end
    parts.append(source[previous:])
    return "".join(parts), skeleton_ends, source_ends


def _markers_in_content(node: Node) -> int:
    if isinstance(node, ContentStatement):
        return node.original.count(MARKER)
    count = 0
    for cls in type(node).__mro__:
        for slot in getattr(cls, "__slots__", ()):
            value = getattr(node, slot, None)
            if isinstance(value, Node):
                count += _markers_in_content(value)
            elif isinstance(value, list):
                count += sum(_markers_in_content(v) for v in value if isinstance(v, Node))
    return count


@lru_cache(maxsize=512)
def _skeleton_references(
    skeleton: str, markers: int, known_helpers: frozenset[str]
) -> tuple[tuple[str, str, int], ...] | None:
    """``(kind, name, offset in the skeleton)`` of each reference, or ``None`` when the
    skeleton can't stand for its sources (see the module docstring)."""
    try:
        template = parse(skeleton, known_helpers=known_helpers)
    except (HandlebarsSyntaxError, RecursionError):
        return None
    if _markers_in_content(template.program) != markers:
        return None
    starts = _line_starts(skeleton)
    return tuple(
        (ref.kind, ref.name, starts[ref.line - 1] + ref.column) for ref in template.references
    )


def references(source: str, known_helpers: frozenset[str]) -> tuple[Reference, ...]:
    """``parse(source, known_helpers=known_helpers).references``, from the skeleton's parse
    where it stands for ``source``; raises what :func:`~.engine.parse` raises."""
    if not _UNMAPPABLE.search(source):
        skeleton, skeleton_ends, source_ends = _skeleton(source)
        found = _skeleton_references(skeleton, len(skeleton_ends), known_helpers)
        if found is not None:
            starts = _line_starts(source)
            result = []
            for kind, name, offset in found:
                index = bisect_right(skeleton_ends, offset)
                shift = source_ends[index - 1] - skeleton_ends[index - 1] if index else 0
                at = offset + shift
                line = bisect_right(starts, at)
                result.append(Reference(kind, name, line, at - starts[line - 1]))
            return tuple(result)
    return parse(source, known_helpers=known_helpers).references
