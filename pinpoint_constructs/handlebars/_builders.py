"""What the grammar's actions build, shared by both parsers (``compiler/helpers.js``).

The LALR(1) driver in :mod:`._parser` and the recursive-descent fast path in
:mod:`._descent` build the syntax tree with these functions, so both give the very same
nodes, values and errors.
"""

from __future__ import annotations

import math
import re
from typing import Any, Final

from ._ast import (
    BlockStatement,
    Expression,
    Hash,
    Literal,
    MustacheStatement,
    Node,
    PartialStatement,
    PathExpression,
    Program,
    SourceLocation,
    Strip,
)
from ._errors import HandlebarsSyntaxError
from ._js import UNDEFINED, strict_equals, to_string
from ._lexer import JS_DOT

_BRACKETED: Final = re.compile(rf"\[{JS_DOT}*\]\Z")
_COMMENT_OPEN: Final = re.compile(r"\A\{\{~?!-?-?")
_COMMENT_CLOSE: Final = re.compile(r"-?-?~?\}\}\Z")


# -- values built by the grammar's actions that are not AST nodes ---------------------------


class Open:
    """An opening mustache of a block: ``{{#path params hash as |x|}}``."""

    __slots__ = ("block_params", "hash", "open", "params", "path", "strip")

    def __init__(
        self,
        open: str | None,
        path: Expression,
        params: list[Expression],
        hash: Hash | None,
        block_params: list[str] | None,
        strip: Strip,
    ):
        self.open = open
        self.path = path
        self.params = params
        self.hash = hash
        self.block_params = block_params
        self.strip = strip


class Close:
    """A closing mustache ``{{/path}}``."""

    __slots__ = ("path", "strip")

    def __init__(self, path: Expression, strip: Strip):
        self.path = path
        self.strip = strip


class Inverse:
    """An ``{{else}}`` section, or an ``{{else if ...}}`` chain."""

    __slots__ = ("chain", "program", "strip")

    def __init__(self, strip: Strip, program: Program, chain: bool = False):
        self.strip = strip
        self.program = program
        self.chain = chain


class Segment:
    """One segment of a path as written: ``part`` with brackets removed."""

    __slots__ = ("original", "part", "separator")

    def __init__(self, part: str, original: str, separator: str = ""):
        self.part = part
        self.original = original
        self.separator = separator


# -- yy helpers (compiler/helpers.js) -------------------------------------------------------


def syntax_error(message: str, loc: SourceLocation | None, fallback: SourceLocation) -> Exception:
    """A handlebars.js ``Exception``: with a location, `` - line:column`` ends the message."""
    if loc is not None:
        return HandlebarsSyntaxError(
            f"{message} - {loc.start_line}:{loc.start_column}",
            line=loc.start_line,
            column=loc.start_column,
        )
    return HandlebarsSyntaxError(message, line=fallback.start_line, column=fallback.start_column)


def identifier(token: str) -> str:
    return token[1:-1] if _BRACKETED.match(token) else token


def _char_at(text: str, index: int) -> str:
    return text[index] if 0 <= index < len(text) else ""


def strip_flags(open: str, close: str) -> Strip:
    return Strip(_char_at(open, 2) == "~", _char_at(close, len(close) - 3) == "~")


def strip_comment(comment: str) -> str:
    return _COMMENT_CLOSE.sub("", _COMMENT_OPEN.sub("", comment, count=1), count=1)


def _original(expression: Expression) -> Any:
    if isinstance(expression, PathExpression):
        return expression.original
    if isinstance(expression, Literal):
        return expression.value
    return UNDEFINED


def _validate_close(open: Open, close: Close | str, fallback: SourceLocation) -> None:
    closing = _original(close.path) if isinstance(close, Close) else close
    opening = _original(open.path)
    if not strict_equals(opening, closing):
        raise syntax_error(
            f"{to_string(opening)} doesn't match {to_string(closing)}", open.path.loc, fallback
        )


def prepare_path(data: bool, segments: list[Segment], loc: SourceLocation) -> PathExpression:
    original = "@" if data else ""
    parts: list[str] = []
    depth = 0
    for segment in segments:
        part = segment.part
        is_literal = segment.original != part
        original += segment.separator + part
        if not is_literal and part in ("..", ".", "this"):
            if parts:
                raise syntax_error(f"Invalid path: {original}", loc, loc)
            if part == "..":
                depth += 1
        else:
            parts.append(part)
    return PathExpression(data, depth, parts, original, loc)


def prepare_mustache(
    path: Expression,
    params: list[Expression],
    hash: Hash | None,
    open: str,
    strip: Strip,
    loc: SourceLocation,
) -> MustacheStatement:
    escape_flag = _char_at(open, 3) or _char_at(open, 2)
    escaped = escape_flag not in ("{", "&")
    return MustacheStatement(path, params, hash, escaped, strip, "*" in open, loc)


def prepare_raw_block(
    open: Open, contents: list[Node], close: str, loc: SourceLocation
) -> BlockStatement:
    _validate_close(open, close, loc)
    program = Program(contents, loc)
    return BlockStatement(
        open.path, open.params, open.hash, program, None, Strip(), Strip(), Strip(), False, loc
    )


def prepare_block(
    open: Open,
    program: Program,
    inverse_and_program: Inverse | None,
    close: Close | Inverse | None,
    inverted: bool,
    loc: SourceLocation,
) -> BlockStatement:
    if isinstance(close, Close):
        _validate_close(open, close, loc)
    is_decorator = open.open is not None and "*" in open.open
    program.block_params = open.block_params
    inverse: Program | None = None
    inverse_strip: Strip | None = None
    if inverse_and_program is not None:
        if is_decorator:
            raise syntax_error("Unexpected inverse block on decorator", None, loc)
        if inverse_and_program.chain:
            chained = inverse_and_program.program.body[0]
            assert isinstance(chained, BlockStatement)
            chained.close_strip = close.strip if close is not None else None
        inverse_strip = inverse_and_program.strip
        inverse = inverse_and_program.program
    first: Program | None = program
    if inverted:
        first, inverse = inverse, program
    return BlockStatement(
        open.path,
        open.params,
        open.hash,
        first,
        inverse,
        open.strip,
        inverse_strip,
        close.strip if close is not None else None,
        is_decorator,
        loc,
    )


def prepare_program(statements: list[Node], loc: SourceLocation | None = None) -> Program:
    if loc is None and statements:
        first, last = statements[0].loc, statements[-1].loc
        if first is not None and last is not None:
            loc = SourceLocation(
                first.start_line, first.start_column, last.end_line, last.end_column
            )
    return Program(statements, loc)


def prepare_partial_block(
    open: Open, program: Program, close: Close, loc: SourceLocation
) -> PartialStatement:
    _validate_close(open, close, loc)
    return PartialStatement(
        open.path, open.params, open.hash, open.strip, close.strip, program, loc
    )


def js_number(text: str) -> int | float:
    """JavaScript's ``Number(text)``; integral values become ``int`` (``-0`` stays a float)."""
    value = float(text)
    if value.is_integer() and abs(value) < 2**53 and math.copysign(1.0, value) > 0:
        return int(value)
    return value


def check_block_params(ids: list[str], loc: SourceLocation) -> list[str]:
    # handlebars.js passes the whole list to `id()`, which tests it as the string "a,b".
    if _BRACKETED.match(",".join(ids)):
        raise syntax_error("token.substring is not a function", None, loc)
    return ids


def inverse_chain(
    open: Open, program: Program, chained: Inverse | None, loc: SourceLocation
) -> Inverse:
    """``{{else name ...}}program``, with what follows it (another link, ``{{else}}`` or
    nothing): an inverse whose program is the one block of the chain."""
    block = prepare_block(open, program, chained, chained, False, loc)
    inverse = prepare_program([block], program.loc)
    inverse.chained = True
    return Inverse(open.strip, inverse, chain=True)
