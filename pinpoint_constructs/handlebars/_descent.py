"""A recursive-descent parser for the templates people write, equivalent to the LALR driver.

The LALR(1) driver in :mod:`._parser` runs handlebars.js's own tables and is the
reference, but it pays for that: Jison's lexer bookkeeping for every token and about two
reductions per token. This parser reads the same grammar top-down for the constructs
templates are made of, and builds the very same syntax tree:

* the same tokens: the lexer's own rules, tried in the same order, except that the most
  common tokens are tried first where no earlier rule could match them (``{{`` before a
  name, whitespace, ``}}``), and that a path of plain IDs and separators (``a.b/c``) is
  read with one match;
* the same nodes and values, built by the :mod:`._builders` functions the grammar's
  actions use;
* the same locations: Jison counts lines and columns token by token, which comes to the
  line and column of each token's start and end offsets, because no token ends between a
  ``\\r`` and a ``\\n`` and (as sources with U+2028 or U+2029 are deferred) every line
  break is one of ``\\r\\n``, ``\\r`` and ``\\n``. A node's location spans its first and
  last tokens, as Jison's reductions do; a link of an ``{{else if}}`` chain ends where the
  token before ``{{/...}}`` ends, as the empty productions Jison reduces there do.

It defers (returns ``None``) on anything else, and on every error, so that the LALR parser
parses those templates and reports errors exactly as handlebars.js: raw blocks, partials,
block parameters, escaped mustaches (``\\{{``), sources with NUL, U+2028 or U+2029, and
every template handlebars.js rejects.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from itertools import accumulate
from typing import Final

from . import _tables
from ._ast import (
    BlockStatement,
    CommentStatement,
    ContentStatement,
    Expression,
    Hash,
    HashPair,
    Literal,
    MustacheStatement,
    Node,
    PartialStatement,
    PathExpression,
    Program,
    SourceLocation,
    SubExpression,
)
from ._builders import (
    Close,
    Inverse,
    Open,
    Segment,
    identifier,
    inverse_chain,
    js_number,
    prepare_block,
    prepare_mustache,
    prepare_path,
    prepare_program,
    strip_comment,
    strip_flags,
)
from ._errors import HandlebarsSyntaxError
from ._js import UNDEFINED
from ._lexer import (
    ACTIONS,
    ID_CHAR,
    JS_WS,
    LOOKAHEAD_ID,
    RULE_SOURCES,
    bracketed_id,
    from_utf16,
    rule_alternatives,
    string_value,
)

_SYMBOLS: Final[dict[str, int]] = _tables._TABLES["symbols"]
EOF: Final = _SYMBOLS["EOF"]
COMMENT: Final = _SYMBOLS["COMMENT"]
OPEN: Final = _SYMBOLS["OPEN"]
OPEN_UNESCAPED: Final = _SYMBOLS["OPEN_UNESCAPED"]
OPEN_BLOCK: Final = _SYMBOLS["OPEN_BLOCK"]
OPEN_PARTIAL: Final = _SYMBOLS["OPEN_PARTIAL"]
OPEN_INVERSE: Final = _SYMBOLS["OPEN_INVERSE"]
OPEN_INVERSE_CHAIN: Final = _SYMBOLS["OPEN_INVERSE_CHAIN"]
INVERSE: Final = _SYMBOLS["INVERSE"]
OPEN_ENDBLOCK: Final = _SYMBOLS["OPEN_ENDBLOCK"]
CLOSE: Final = _SYMBOLS["CLOSE"]
CLOSE_UNESCAPED: Final = _SYMBOLS["CLOSE_UNESCAPED"]
OPEN_SEXPR: Final = _SYMBOLS["OPEN_SEXPR"]
CLOSE_SEXPR: Final = _SYMBOLS["CLOSE_SEXPR"]
ID: Final = _SYMBOLS["ID"]
SEP: Final = _SYMBOLS["SEP"]
EQUALS: Final = _SYMBOLS["EQUALS"]
DATA: Final = _SYMBOLS["DATA"]
STRING: Final = _SYMBOLS["STRING"]
NUMBER: Final = _SYMBOLS["NUMBER"]
BOOLEAN: Final = _SYMBOLS["BOOLEAN"]
UNDEFINED_TOKEN: Final = _SYMBOLS["UNDEFINED"]
NULL: Final = _SYMBOLS["NULL"]
#: A token this parser leaves to the LALR parser (raw blocks, partials, block params...).
_OTHER: Final = -1

#: Rule 21 matches the start of a long comment (``{{!--``), which the lexer puts back, to read
#: the whole comment with rule 6 (start condition ``com``).
_LONG_COMMENT_OPENER: Final = "r21"
_LONG_COMMENT: Final = re.compile(RULE_SOURCES[6][0])

# The tokens of rules whose action is a function, where this parser needs them.
_TOKEN_OF_RULE: Final[dict[int, int]] = {
    15: INVERSE,
    16: INVERSE,
    22: COMMENT,
    29: CLOSE_UNESCAPED,
    30: CLOSE,
    31: STRING,
    32: STRING,
    42: ID,
}


def _token_of(rule: int) -> int:
    action = ACTIONS[rule]
    if isinstance(action, int):
        return action
    return _TOKEN_OF_RULE.get(rule, _OTHER)


# What starts a statement, at "{{": the lexer's rules 9-23 in order (in the start condition
# "mu" that content ends in, rules 7 and 8 cannot match "{{", and rule 23 always does),
# after the most common case: rule 23 where no earlier rule matches, i.e. "{{" before an ID
# character other than the start of "else" (rules 16 and 18).
_OPENERS: Final = range(9, 24)
_OPENER: Final = re.compile(
    rf"(?P<open>\{{\{{(?={ID_CHAR})(?!(?a:else\b)))|" + rule_alternatives(_OPENERS)
)
_OPENER_TOKEN: Final[dict[str, int]] = {
    "open": OPEN,
    **{f"r{rule}": _token_of(rule) for rule in _OPENERS},
}

# Inside a mustache (start condition "mu"): whitespace (rule 28) is skipped up front, as no
# earlier rule matches whitespace; then common tokens where no earlier rule can match them;
# then all the rules, in order.
_NOT_AN_ID: Final = "|".join(source for source, _ in RULE_SOURCES[34:40])  # literals, `as |`
#: Rule 41 where rules 34-39 don't match (rules 7-33 can't match at an ID character).
_PLAIN_ID: Final = rf"(?!{_NOT_AN_ID}){ID_CHAR}++{LOOKAHEAD_ID}"
#: Rule 27 where rules 25 (``..``) and 26 (``.`` as an ID) don't match.
_PLAIN_SEP: Final = rf"(?:/|\.(?![=~}}{JS_WS}/.)|]))"
#: A run of such IDs and separators, read as one token: the path ``a.b/c``.
_PLAIN_PATH: Final = rf"{_PLAIN_ID}(?:{_PLAIN_SEP}{_PLAIN_ID})*+"
#: A token of this parser only: IDs and separators read as one (see ``_PLAIN_PATH``).
PLAIN_PATH: Final = -2
_FAST_TOKENS: Final[dict[str, tuple[str, int]]] = {
    "path": (_PLAIN_PATH, PLAIN_PATH),
    # rule 30 where rules 10 (`}}}}`) and 29 (`}}}`, `}~}}`) don't match
    "close": (r"~?\}\}(?!\})", CLOSE),
}
_BODY: Final = re.compile(
    f"[{JS_WS}]*+(?:"
    + "|".join(f"(?P<{name}>{source})" for name, (source, _) in _FAST_TOKENS.items())
    + "|"
    + rule_alternatives(range(7, 45))
    + ")"
)
# The token of each alternative, and how to get the token's value from its text if that is
# not the text itself.
_BODY_TOKEN: Final[dict[str, tuple[int, Callable[[str], str] | None]]] = {
    **{name: (token, None) for name, (_, token) in _FAST_TOKENS.items()},
    **{f"r{rule}": (_token_of(rule), None) for rule in range(7, 45)},
    "r31": (STRING, string_value),
    "r32": (STRING, string_value),
    "r42": (ID, bracketed_id),
}
_SEPARATOR: Final = re.compile("([./])")
#: Tokens a path starts with.
_PATH_TOKENS: Final = (PLAIN_PATH, ID)

_LINE_BREAK: Final = re.compile(r"\r\n?|\n")


def _line_starts(text: str) -> list[int]:
    """Where each line of ``text`` starts, and an end past the last line."""
    if "\r" in text and text.count("\r") != text.count("\r\n"):
        # a lone "\r" breaks a line too
        starts = [0, *(match.end() for match in _LINE_BREAK.finditer(text))]
    else:  # the same, faster ("\r\n" ends with the "\n" that splits)
        # cumulative sums of the lines' lengths plus their "\n", all in C
        starts = list(accumulate(map((1).__add__, map(len, text.split("\n"))), initial=0))
        starts.pop()
    starts.append(len(text) + 1)
    return starts


class _Defer(Exception):
    """The template is outside what this parser handles: the LALR parser must parse it."""


def parse_common(text: str, decode: bool) -> Program | None:
    """Parse ``text`` (UTF-16 code units, see :func:`~._lexer.to_utf16`) as the LALR
    parser would, before whitespace control; ``None`` where that parser must do it.

    ``decode``: token values are turned back from UTF-16 code units into characters.
    """
    if "\x00" in text or "\u2028" in text or "\u2029" in text:
        return None
    try:
        return _Descent(text, decode).root()
    except (_Defer, HandlebarsSyntaxError):
        return None


class _Descent:
    """One parse. Inside a mustache, the current token is ``kind``/``value`` at
    ``start``..``end``; ``previous_end`` is where the token before it ended."""

    __slots__ = (
        "_decode",
        "_line_starts",
        "_pos",
        "_stop",
        "_text",
        "end",
        "kind",
        "previous_end",
        "start",
        "value",
    )

    def __init__(self, text: str, decode: bool):
        self._text = text
        self._decode = decode
        self._line_starts = _line_starts(text)
        self._pos = 0
        # What ended the last program: the "{{..." opener of `{{else}}`, `{{else x}}` or
        # `{{/x}}` (its token and match), or None at the end of the source.
        self._stop: tuple[int, re.Match[str]] | None = None
        self.kind = EOF
        self.value = ""
        self.start = self.end = self.previous_end = 0

    def _loc(self, start: int, end: int) -> SourceLocation:
        starts = self._line_starts
        line = bisect_right(starts, start)
        end_line = line if end < starts[line] else bisect_right(starts, end, line)
        return SourceLocation(line, start - starts[line - 1], end_line, end - starts[end_line - 1])

    # -- statements --------------------------------------------------------------------------

    def root(self) -> Program:
        body = self._program()
        if self._stop is not None:
            raise _Defer
        return prepare_program(body)

    def _program(self) -> list[Node]:
        """Statements up to the end of the source or to a `{{else...}}` or `{{/...}}`."""
        text = self._text
        body: list[Node] = []
        while True:
            pos = self._pos
            brace = text.find("{{", pos)
            if brace < 0:
                if pos < len(text):
                    body.append(self._content(pos, len(text)))
                    self._pos = len(text)
                self._stop = None
                return body
            if brace > pos:
                if text[brace - 1] == "\\":
                    raise _Defer  # an escaped mustache
                body.append(self._content(pos, brace))
            opener = _OPENER.match(text, brace)
            assert opener is not None
            token = _OPENER_TOKEN[opener.lastgroup]  # type: ignore[index]
            if token in (OPEN, OPEN_UNESCAPED):
                body.append(self._mustache(token, opener))
            elif token in (OPEN_BLOCK, OPEN_INVERSE):
                body.append(self._block(token, opener))
            elif token == OPEN_PARTIAL:
                body.append(self._partial(opener))
            elif token == COMMENT:
                body.append(self._comment(opener))
            elif opener.lastgroup == _LONG_COMMENT_OPENER:
                comment = _LONG_COMMENT.match(text, brace)
                if comment is None:
                    raise _Defer
                body.append(self._comment(comment))
            elif token in (INVERSE, OPEN_INVERSE_CHAIN, OPEN_ENDBLOCK):
                self._stop = (token, opener)
                return body
            else:
                raise _Defer

    def _content(self, start: int, end: int) -> ContentStatement:
        return ContentStatement(self._decoded(self._text[start:end]), self._loc(start, end))

    def _comment(self, match: re.Match[str]) -> CommentStatement:
        text = self._decoded(match.group())
        self._pos = match.end()
        return CommentStatement(
            strip_comment(text), strip_flags(text, text), self._loc(match.start(), match.end())
        )

    def _mustache(self, token: int, opener: re.Match[str]) -> MustacheStatement:
        self._pos = opener.end()
        path, params, hash = self._call()
        if self.kind != (CLOSE if token == OPEN else CLOSE_UNESCAPED):
            raise _Defer
        open = opener.group()
        return prepare_mustache(
            path,
            params,
            hash,
            open,
            strip_flags(open, self.value),
            self._loc(opener.start(), self.end),
        )

    def _partial(self, opener: re.Match[str]) -> PartialStatement:
        """``{{> name param* hash?}}`` (a partial named by a subexpression is deferred, as
        ``_helper_name`` defers it)."""
        self._pos = opener.end()
        path, params, hash = self._call()
        if self.kind != CLOSE:
            raise _Defer
        return PartialStatement(
            path,
            params,
            hash,
            strip_flags(opener.group(), self.value),
            None,
            None,
            self._loc(opener.start(), self.end),
        )

    def _block(self, token: int, opener: re.Match[str]) -> BlockStatement:
        inverted = token == OPEN_INVERSE
        open = self._open(None if inverted else opener.group(), opener)
        program = prepare_program(self._program())
        inverse: Inverse | None = None
        if self._stop is not None and self._stop[0] == OPEN_INVERSE_CHAIN and not inverted:
            inverse = self._inverse_chain(self._stop[1])
        elif self._stop is not None and self._stop[0] == INVERSE:
            inverse = self._inverse(self._stop[1])
        close = self._close()
        return prepare_block(
            open, program, inverse, close, inverted, self._loc(opener.start(), self.end)
        )

    def _open(self, open: str | None, opener: re.Match[str]) -> Open:
        """The rest of `{{#x ...}}`, `{{^x ...}}` or `{{else x ...}}`."""
        self._pos = opener.end()
        path, params, hash = self._call()
        if self.kind != CLOSE:
            raise _Defer
        return Open(open, path, params, hash, None, strip_flags(opener.group(), self.value))

    def _inverse(self, opener: re.Match[str]) -> Inverse:
        """`{{else}}` (or `{{^}}`) and its program, which must end at `{{/...}}`."""
        text = opener.group()
        self._pos = opener.end()
        program = prepare_program(self._program())
        return Inverse(strip_flags(text, text), program)

    def _inverse_chain(self, opener: re.Match[str]) -> Inverse:
        """`{{else x ...}}`, its program and the rest of the chain."""
        open = self._open(None, opener)
        program = prepare_program(self._program())
        chained: Inverse | None = None
        if self._stop is not None and self._stop[0] == OPEN_INVERSE_CHAIN:
            chained = self._inverse_chain(self._stop[1])
        elif self._stop is not None and self._stop[0] == INVERSE:
            chained = self._inverse(self._stop[1])
        if self._stop is None or self._stop[0] != OPEN_ENDBLOCK:
            raise _Defer
        loc = self._loc(opener.start(), self._stop[1].start())
        return inverse_chain(open, program, chained, loc)

    def _close(self) -> Close:
        """`{{/x}}`, which must have ended the last program."""
        if self._stop is None or self._stop[0] != OPEN_ENDBLOCK:
            raise _Defer
        opener = self._stop[1]
        self._pos = opener.end()
        self._advance()
        path = self._helper_name()
        if self.kind != CLOSE:
            raise _Defer
        return Close(path, strip_flags(opener.group(), self.value))

    # -- inside a mustache -------------------------------------------------------------------

    def _decoded(self, text: str) -> str:
        return from_utf16(text) if self._decode else text

    def _advance(self) -> None:
        """Read the next token (whitespace skipped) into ``kind``, ``value``, ``start``, ``end``."""
        match = _BODY.match(self._text, self._pos)
        assert match is not None  # some rule matches anything, and `\Z` the end
        group: str = match.lastgroup  # type: ignore[assignment]
        value = match.group(group)
        self.previous_end = self.end
        self.kind, convert = _BODY_TOKEN[group]
        self.end = self._pos = match.end()
        self.start = self.end - len(value)
        if convert is not None:
            value = convert(value)
        self.value = from_utf16(value) if self._decode else value

    def _call(self) -> tuple[Expression, list[Expression], Hash | None]:
        """``helperName param* hash?``; the token after it is left current."""
        self._advance()
        path = self._helper_name()
        params: list[Expression] = []
        while True:
            kind = self.kind
            if kind in _PATH_TOKENS:
                start, end, value = self.start, self.end, self.value
                self._advance()
                if self.kind == EQUALS:
                    return path, params, self._hash(kind, start, value)
                params.append(self._path(False, start, kind, value, end))
            elif kind == OPEN_SEXPR:
                params.append(self._sexpr())
            elif kind in _HELPER_NAMES:
                params.append(self._helper_name())
            else:
                return path, params, None

    def _helper_name(self) -> Expression:
        """A path, ``@data`` path or literal, from the current token on."""
        kind, start, value, end = self.kind, self.start, self.value, self.end
        if kind in _PATH_TOKENS:
            self._advance()
            return self._path(False, start, kind, value, end)
        if kind == DATA:
            self._advance()
            kind, value, end = self.kind, self.value, self.end
            if kind not in _PATH_TOKENS:
                raise _Defer
            self._advance()
            return self._path(True, start, kind, value, end)
        literal = _LITERALS.get(kind)
        if literal is None:
            raise _Defer
        loc = self._loc(start, end)
        self._advance()
        return literal(value, loc)

    def _path(self, data: bool, start: int, kind: int, first: str, end: int) -> PathExpression:
        """A path whose first token (``first``, ending at ``end``) was just read."""
        if kind == PLAIN_PATH and self.kind != SEP:
            return self._plain_path(data, start, first, end)
        segments: list[Segment] = []
        _add_segments(segments, kind, first, "")
        while self.kind == SEP:
            separator = self.value
            self._advance()
            if self.kind not in _PATH_TOKENS:
                raise _Defer
            _add_segments(segments, self.kind, self.value, separator)
            end = self.end
            self._advance()
        return prepare_path(data, segments, self._loc(start, end))

    def _plain_path(self, data: bool, start: int, text: str, end: int) -> PathExpression:
        """A path that is one plain path token (no brackets, ``.`` or ``..``)."""
        parts = text.split(".") if "/" not in text else _SEPARATOR.split(text)[::2]
        if "this" in parts:
            segments: list[Segment] = []
            _add_segments(segments, PLAIN_PATH, text, "")
            return prepare_path(data, segments, self._loc(start, end))
        # `prepare_path` made simple: every segment is a part
        return PathExpression(data, 0, parts, "@" + text if data else text, self._loc(start, end))

    def _param(self) -> Expression:
        return self._sexpr() if self.kind == OPEN_SEXPR else self._helper_name()

    def _sexpr(self) -> SubExpression:
        start = self.start
        path, params, hash = self._call()
        if self.kind != CLOSE_SEXPR:
            raise _Defer
        loc = self._loc(start, self.end)
        self._advance()
        return SubExpression(path, params, hash, loc)

    def _hash(self, kind: int, start: int, key: str) -> Hash:
        """``key=value`` pairs; the current token is the first ``=``."""
        pairs: list[HashPair] = []
        first = start
        while True:
            if kind == PLAIN_PATH and _SEPARATOR.search(key):
                raise _Defer  # `a.b=`
            self._advance()
            value = self._param()
            pairs.append(HashPair(identifier(key), value, self._loc(start, self.previous_end)))
            kind = self.kind
            if kind not in _PATH_TOKENS:
                return Hash(pairs, self._loc(first, self.previous_end))
            start, key = self.start, self.value
            self._advance()
            if self.kind != EQUALS:
                raise _Defer


def _add_segments(segments: list[Segment], kind: int, text: str, separator: str) -> None:
    """Add the segments of an ID or plain path token ``text``, which follows ``separator``."""
    if kind == ID:
        segments.append(Segment(identifier(text), text, separator))
        return
    pieces = _SEPARATOR.split(text)  # id, separator, id, ...
    segments.append(Segment(pieces[0], pieces[0], separator))
    for index in range(1, len(pieces), 2):
        segments.append(Segment(pieces[index + 1], pieces[index + 1], pieces[index]))


_LITERALS: Final[dict[int, Callable[[str, SourceLocation], Literal]]] = {
    STRING: lambda value, loc: Literal("string", value, loc),
    NUMBER: lambda value, loc: Literal("number", js_number(value), loc),
    BOOLEAN: lambda value, loc: Literal("boolean", value == "true", loc),
    UNDEFINED_TOKEN: lambda value, loc: Literal("undefined", UNDEFINED, loc),
    NULL: lambda value, loc: Literal("null", None, loc),
}
#: Tokens that start a helper name or a param other than a path or subexpression.
_HELPER_NAMES: Final = frozenset((DATA, *_LITERALS))
