"""The handlebars.js 4.x parser: Jison's LALR(1) driver over the original tables.

``parse_source`` turns template text into a :class:`~._ast.Program`, raising
:class:`HandlebarsSyntaxError` with handlebars.js's own message wherever handlebars.js
refuses the template, then applies handlebars.js's whitespace control (``~`` and
standalone lines) exactly as ``compiler/whitespace-control.js`` does.

Most templates are parsed by the faster, equivalent recursive-descent parser of
:mod:`._descent`; this driver parses the others (raw blocks, partials, block
parameters...) and every template with an error, so errors are always reported by the
reference.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, Final

from . import _tables
from ._ast import (
    BlockStatement,
    CommentStatement,
    ContentStatement,
    Hash,
    HashPair,
    Literal,
    MustacheStatement,
    Node,
    PartialStatement,
    Program,
    SourceLocation,
    Strip,
    SubExpression,
)
from ._builders import (
    Close,
    Inverse,
    Open,
    Segment,
    check_block_params,
    identifier,
    inverse_chain,
    js_number,
    prepare_block,
    prepare_mustache,
    prepare_partial_block,
    prepare_path,
    prepare_program,
    prepare_raw_block,
    strip_comment,
    strip_flags,
)
from ._descent import parse_common
from ._errors import HandlebarsSyntaxError
from ._js import UNDEFINED
from ._lexer import JS_WS_CHARS, Lexer, from_utf16, to_utf16

_TERMINALS: Final[dict[int, str]] = {
    int(key): name for key, name in _tables._TABLES["terminals"].items()
}
_SYMBOLS: Final[dict[str, int]] = dict(_tables._TABLES["symbols"])
_PRODUCTIONS: Final[list[tuple[int, int]]] = [
    (0, 0) if entry == 0 else (entry[0], entry[1]) for entry in _tables._TABLES["productions"]
]


def _encode(action: Any) -> int:
    """Jison actions as ints: shift to state ``s`` is ``s``, reduce by production ``p`` is
    ``-p`` (accept never happens: production 1 returns the program); gotos stay ints."""
    if isinstance(action, int):
        return action
    kind = action[0]
    if kind == 1:
        return int(action[1])
    if kind == 2:
        return -int(action[1])
    return -1


_TABLE: Final[list[dict[int | str, int]]] = [
    {int(symbol): _encode(value) for symbol, value in row.items()}
    for row in _tables._TABLES["table"]
]
_DEFAULT_ACTIONS: Final[list[int | None]] = [None] * len(_TABLE)
for _state, _value in _tables._TABLES["defaultActions"].items():
    _DEFAULT_ACTIONS[int(_state)] = _encode(_value)


def _append(values: list[Any]) -> Any:
    values[-2].append(values[-1])
    return values[-2]


# Semantic actions, indexed by production number; `v` is the value stack.
_Reduce = Callable[[list[Any], SourceLocation], Any]


def _first(v: list[Any], loc: SourceLocation) -> Any:
    return v[-1]


def _empty(v: list[Any], loc: SourceLocation) -> Any:
    return []


def _single(v: list[Any], loc: SourceLocation) -> Any:
    return [v[-1]]


def _push(v: list[Any], loc: SourceLocation) -> Any:
    return _append(v)


def _inverse_chain(v: list[Any], loc: SourceLocation) -> Inverse:
    return inverse_chain(v[-3], v[-2], v[-1], loc)


def _path_segments(v: list[Any], loc: SourceLocation) -> list[Segment]:
    v[-3].append(Segment(identifier(v[-1]), v[-1], v[-2]))
    return v[-3]


_ACTIONS: Final[dict[int, _Reduce]] = {
    2: lambda v, loc: prepare_program(v[-1]),
    **dict.fromkeys(range(3, 9), _first),
    9: lambda v, loc: CommentStatement(strip_comment(v[-1]), strip_flags(v[-1], v[-1]), loc),
    10: lambda v, loc: ContentStatement(v[-1], loc),
    11: lambda v, loc: prepare_raw_block(v[-3], v[-2], v[-1], loc),
    12: lambda v, loc: Open(None, v[-4], v[-3], v[-2], None, Strip()),
    13: lambda v, loc: prepare_block(v[-4], v[-3], v[-2], v[-1], False, loc),
    14: lambda v, loc: prepare_block(v[-4], v[-3], v[-2], v[-1], True, loc),
    15: lambda v, loc: Open(v[-6], v[-5], v[-4], v[-3], v[-2], strip_flags(v[-6], v[-1])),
    16: lambda v, loc: Open(None, v[-5], v[-4], v[-3], v[-2], strip_flags(v[-6], v[-1])),
    17: lambda v, loc: Open(None, v[-5], v[-4], v[-3], v[-2], strip_flags(v[-6], v[-1])),
    18: lambda v, loc: Inverse(strip_flags(v[-2], v[-2]), v[-1]),
    19: _inverse_chain,
    20: _first,
    21: lambda v, loc: Close(v[-2], strip_flags(v[-3], v[-1])),
    22: lambda v, loc: prepare_mustache(v[-4], v[-3], v[-2], v[-5], strip_flags(v[-5], v[-1]), loc),
    23: lambda v, loc: prepare_mustache(v[-4], v[-3], v[-2], v[-5], strip_flags(v[-5], v[-1]), loc),
    24: lambda v, loc: PartialStatement(
        v[-4], v[-3], v[-2], strip_flags(v[-5], v[-1]), None, None, loc
    ),
    25: lambda v, loc: prepare_partial_block(v[-3], v[-2], v[-1], loc),
    26: lambda v, loc: Open(None, v[-4], v[-3], v[-2], None, strip_flags(v[-5], v[-1])),
    27: _first,
    28: _first,
    29: lambda v, loc: SubExpression(v[-4], v[-3], v[-2], loc),
    30: lambda v, loc: Hash(v[-1], loc),
    31: lambda v, loc: HashPair(identifier(v[-3]), v[-1], loc),
    32: lambda v, loc: check_block_params(v[-2], loc),
    33: _first,
    34: _first,
    35: lambda v, loc: Literal("string", v[-1], loc),
    36: lambda v, loc: Literal("number", js_number(v[-1]), loc),
    37: lambda v, loc: Literal("boolean", v[-1] == "true", loc),
    38: lambda v, loc: Literal("undefined", UNDEFINED, loc),
    39: lambda v, loc: Literal("null", None, loc),
    40: _first,
    41: _first,
    42: lambda v, loc: prepare_path(True, v[-1], loc),
    43: lambda v, loc: prepare_path(False, v[-1], loc),
    44: _path_segments,
    45: lambda v, loc: [Segment(identifier(v[-1]), v[-1])],
    **dict.fromkeys((46, 48, 50, 58, 64, 70, 78, 82, 86, 90, 94), _empty),
    **dict.fromkeys((47, 49, 51, 59, 65, 71, 79, 83, 87, 91, 95, 99, 101), _push),
    98: _single,
    100: _single,
}


def _parse_error(
    lexer: Lexer, state: int, symbol: int | str, yylineno: int
) -> HandlebarsSyntaxError:
    expected = [
        f"'{_TERMINALS[key]}'"
        for key in sorted(key for key in _TABLE[state] if isinstance(key, int))
        if key in _TERMINALS and key > 2
    ]
    got = _TERMINALS.get(symbol, symbol) if isinstance(symbol, int) else symbol
    message = (
        f"Parse error on line {yylineno + 1}:\n{lexer.show_position()}\n"
        f"Expecting {', '.join(expected)}, got '{got}'"
    )
    return HandlebarsSyntaxError(
        message, line=lexer.yylloc.start_line, column=lexer.yylloc.start_column
    )


def _parse_tokens(source: str, decode: bool) -> Program:
    """Jison's ``parse()``: the LR(1) driver loop, with handlebars.js's actions."""
    lexer = Lexer(source)
    stack: list[Any] = [0]
    values: list[Any] = [None]
    locations: list[SourceLocation] = [lexer.yylloc]
    symbol: int | str | None = None
    yylineno = 0
    table = _TABLE
    default_actions = _DEFAULT_ACTIONS
    productions = _PRODUCTIONS
    actions = _ACTIONS
    symbols = _SYMBOLS
    while True:
        state = stack[-1]
        action = default_actions[state]
        if action is None:
            if symbol is None:
                token = lexer.lex()
                symbol = symbols.get(token, token) if isinstance(token, str) else token
            action = table[state].get(symbol)
            if action is None:
                raise _parse_error(lexer, state, symbol, yylineno)
        if action >= 0:  # shift
            stack.append(symbol)
            stack.append(action)
            values.append(from_utf16(lexer.yytext) if decode else lexer.yytext)
            locations.append(lexer.yylloc)
            symbol = None
            yylineno = lexer.yylineno
            continue
        production = -action
        if production == 1:
            return values[-2]
        lhs, length = productions[production]
        if length < 2:
            # Jison's location of a 0- or 1-symbol reduction equals the last location.
            location = locations[-1]
        else:
            first = locations[-length]
            last = locations[-1]
            location = SourceLocation(
                first.start_line, first.start_column, last.end_line, last.end_column
            )
        reduce = actions.get(production)
        if reduce is not None:
            result = reduce(values, location)
        else:
            result = values[-length] if length else None
        if length:
            del stack[-2 * length :]
            del values[-length:]
            del locations[-length:]
        stack.append(lhs)
        values.append(result)
        locations.append(location)
        stack.append(table[stack[-2]][lhs])


def parse_source(source: str) -> Program:
    """Parse ``source`` as handlebars.js ``Handlebars.parse`` does, whitespace control included."""
    text = to_utf16(source)
    # The fast path gives the very tree the LALR driver gives, or defers to it.
    decode = text is not source
    program = parse_common(text, decode)
    if program is None:
        program = _parse_tokens(text, decode)
    _WhitespaceControl().accept(program)
    return program


# -- whitespace control (compiler/whitespace-control.js) ------------------------------------

_LEADING_LINE_WS: Final = re.compile(r"\A[ \t]*\r?\n?")


class _StandaloneInfo:
    __slots__ = ("close", "close_standalone", "inline_standalone", "open", "open_standalone")

    def __init__(
        self,
        open: bool,
        close: bool,
        open_standalone: bool = False,
        close_standalone: bool = False,
        inline_standalone: bool = False,
    ):
        self.open = open
        self.close = close
        self.open_standalone = open_standalone
        self.close_standalone = close_standalone
        self.inline_standalone = inline_standalone


def _is_prev_whitespace(body: list[Node], i: int | None = None, is_root: bool = False) -> bool:
    if i is None:
        i = len(body)
    prev = body[i - 1] if i - 1 >= 0 else None
    if prev is None:
        return is_root
    if isinstance(prev, ContentStatement):
        # /\r?\n\s*?$/ (root edge: /(^|\r?\n)\s*?$/): the text's trailing whitespace holds a
        # line break (or, at the root's edge, is all of it)
        text = prev.original
        trailing = len(text) - len(text.rstrip(JS_WS_CHARS))
        at_root_edge = is_root and i - 2 < 0
        return "\n" in text[len(text) - trailing :] or (at_root_edge and trailing == len(text))
    return False


def _is_next_whitespace(body: list[Node], i: int | None = None, is_root: bool = False) -> bool:
    if i is None:
        i = -1
    next_node = body[i + 1] if i + 1 < len(body) else None
    if next_node is None:
        return is_root
    if isinstance(next_node, ContentStatement):
        # /^\s*?\r?\n/ (root edge: /^\s*?(\r?\n|$)/): the text's leading whitespace holds a
        # line break (or, at the root's edge, is all of it)
        text = next_node.original
        leading = len(text) - len(text.lstrip(JS_WS_CHARS))
        at_root_edge = is_root and i + 2 >= len(body)
        return "\n" in text[:leading] or (at_root_edge and leading == len(text))
    return False


def _omit_right(body: list[Node], i: int | None = None, multiple: bool = False) -> None:
    index = 0 if i is None else i + 1
    current = body[index] if 0 <= index < len(body) else None
    if not isinstance(current, ContentStatement) or (not multiple and current.right_stripped):
        return
    original = current.value
    if multiple:
        current.value = original.lstrip(JS_WS_CHARS)  # /^\s+/
    else:
        current.value = _LEADING_LINE_WS.sub("", original, count=1)
    current.right_stripped = current.value != original


def _omit_left(body: list[Node], i: int | None = None, multiple: bool = False) -> bool:
    index = len(body) - 1 if i is None else i - 1
    current = body[index] if 0 <= index < len(body) else None
    if not isinstance(current, ContentStatement) or (not multiple and current.left_stripped):
        return False
    original = current.value
    # /\s+$/ or /[ \t]+$/
    current.value = original.rstrip(JS_WS_CHARS if multiple else " \t")
    current.left_stripped = current.value != original
    return current.left_stripped


class _WhitespaceControl:
    def __init__(self) -> None:
        self._root_seen = False

    def accept(self, node: Node | None) -> _StandaloneInfo | None:
        if node is None:
            return None
        if isinstance(node, Program):
            self._program(node)
            return None
        if isinstance(node, BlockStatement) or (
            isinstance(node, PartialStatement) and node.program is not None
        ):
            return self._block(node)
        if isinstance(node, MustacheStatement):
            return _StandaloneInfo(node.strip.open, node.strip.close)
        if isinstance(node, PartialStatement | CommentStatement):
            strip = node.open_strip if isinstance(node, PartialStatement) else node.strip
            return _StandaloneInfo(strip.open, strip.close, inline_standalone=True)
        return None

    def _program(self, program: Program) -> None:
        is_root = not self._root_seen
        self._root_seen = True
        body = program.body
        for i, current in enumerate(body):
            if isinstance(current, ContentStatement):
                continue
            if isinstance(current, MustacheStatement):
                # never standalone: only its own `~` strip whitespace
                if current.strip.close:
                    _omit_right(body, i, True)
                if current.strip.open:
                    _omit_left(body, i, True)
                continue
            strip = self.accept(current)
            if strip is None:
                continue
            open_standalone = close_standalone = inline_standalone = False
            if strip.open_standalone or strip.close_standalone or strip.inline_standalone:
                prev_ws = _is_prev_whitespace(body, i, is_root)
                next_ws = _is_next_whitespace(body, i, is_root)
                open_standalone = strip.open_standalone and prev_ws
                close_standalone = strip.close_standalone and next_ws
                inline_standalone = strip.inline_standalone and prev_ws and next_ws
            if strip.close:
                _omit_right(body, i, True)
            if strip.open:
                _omit_left(body, i, True)
            if inline_standalone:
                _omit_right(body, i)
                if _omit_left(body, i) and isinstance(current, PartialStatement):
                    previous = body[i - 1]
                    assert isinstance(previous, ContentStatement)
                    indent = previous.original
                    current.indent = indent[len(indent.rstrip(" \t")) :]  # /[ \t]+$/ or ""
            if open_standalone:
                inner = _program_of(current) or _inverse_of(current)
                assert inner is not None
                _omit_right(inner.body)
                _omit_left(body, i)
            if close_standalone:
                _omit_right(body, i)
                inner = _inverse_of(current) or _program_of(current)
                assert inner is not None
                _omit_left(inner.body)

    def _block(self, block: BlockStatement | PartialStatement) -> _StandaloneInfo:
        self.accept(block.program)
        block_inverse = block.inverse if isinstance(block, BlockStatement) else None
        self.accept(block_inverse)

        program = block.program or block_inverse
        assert program is not None
        inverse = block_inverse if block.program is not None else None
        first_inverse = last_inverse = inverse
        if inverse is not None and inverse.chained:
            chained = inverse.body[0]
            assert isinstance(chained, BlockStatement)
            first_inverse = chained.program
            last_inverse = inverse
            while last_inverse is not None and last_inverse.chained:
                tail = last_inverse.body[-1]
                assert isinstance(tail, BlockStatement)
                last_inverse = tail.program

        close_strip = block.close_strip
        strip = _StandaloneInfo(
            block.open_strip.open,
            bool(close_strip and close_strip.close),
            open_standalone=_is_next_whitespace(program.body),
            close_standalone=_is_prev_whitespace((first_inverse or program).body),
        )
        if block.open_strip.close:
            _omit_right(program.body, None, True)
        if inverse is not None:
            assert isinstance(block, BlockStatement)
            assert first_inverse is not None and last_inverse is not None
            inverse_strip = block.inverse_strip
            if inverse_strip is not None and inverse_strip.open:
                _omit_left(program.body, None, True)
            if inverse_strip is not None and inverse_strip.close:
                _omit_right(first_inverse.body, None, True)
            if close_strip is not None and close_strip.open:
                _omit_left(last_inverse.body, None, True)
            if _is_prev_whitespace(program.body) and _is_next_whitespace(first_inverse.body):
                _omit_left(program.body)
                _omit_right(first_inverse.body)
        elif close_strip is not None and close_strip.open:
            _omit_left(program.body, None, True)
        return strip


def _program_of(node: Node) -> Program | None:
    return node.program if isinstance(node, BlockStatement | PartialStatement) else None


def _inverse_of(node: Node) -> Program | None:
    return node.inverse if isinstance(node, BlockStatement) else None
