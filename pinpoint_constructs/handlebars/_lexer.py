"""The handlebars.js 4.x tokenizer, ported rule for rule from its Jison lexer.

Every rule, start condition and action below mirrors ``handlebars.l`` as compiled into
``handlebars/dist/cjs/handlebars/compiler/parser.js``, including Jison's bookkeeping of
line/column locations and of the text shown in error messages, so that token boundaries,
locations and error texts are identical to handlebars.js.

JavaScript regular expressions differ from Python's in a few classes, which are spelled out:
``\\s`` (JS whitespace, which includes U+FEFF but not U+001C..U+001F or U+0085), ``.`` (no line
terminators), ``\\b`` (ASCII word boundary) and ``$`` (end of input only). The input is
expected in UTF-16 code units (see :func:`to_utf16`), as JavaScript strings are.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable
from typing import Final

from ._ast import SourceLocation
from ._errors import HandlebarsNestingError, HandlebarsSyntaxError

#: JavaScript's ``\s`` as the body of a character class.
JS_WS: Final = (
    "\\t\\n\\x0b\\x0c\\r \\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff"
)
#: The characters of :data:`JS_WS`, for ``str.strip`` and the like.
JS_WS_CHARS: Final = (
    "\t\n\x0b\x0c\r \xa0\u1680"
    + "".join(map(chr, range(0x2000, 0x200B)))
    + "\u2028\u2029\u202f\u205f\u3000\ufeff"
)
#: JavaScript's ``.`` (any code unit but a line terminator).
JS_DOT: Final = "[^\\n\\r\\u2028\\u2029]"
#: One character of an ID (``[^\s!"#%-,\.\/;->@\[-\^`\{-~]`` in handlebars.l).
ID_CHAR: Final = f'[^{JS_WS}!"#%-,\\./;->@\\[-\\^`\\{{-~]'
#: What may follow an ID.
LOOKAHEAD_ID: Final = f"(?=[=~}}{JS_WS}/.)|])"
#: What may follow a literal (``true``, ``null``, a number...).
LOOKAHEAD_LITERAL: Final = f"(?=[~}}{JS_WS})])"

#: The rules as (pattern, flags); the index is the rule number used by :data:`ACTIONS`.
RULE_SOURCES: Final[tuple[tuple[str, int], ...]] = (
    (r"[^\x00]*?(?=\{\{)", 0),  # 0
    (r"[^\x00]+", 0),  # 1
    (r"[^\x00]{2,}?(?=\{\{|\\\{\{|\\\\\{\{|\Z)", 0),  # 2
    (r"\{\{\{\{(?=[^/])", 0),  # 3
    (rf"\{{\{{\{{\{{/{ID_CHAR}+(?=[=}}{JS_WS}/.])\}}\}}\}}\}}", 0),  # 4
    (r"[^\x00]+?(?=\{\{\{\{)", 0),  # 5
    (r"[\s\S]*?--(~)?\}\}", 0),  # 6
    (r"\(", 0),  # 7
    (r"\)", 0),  # 8
    (r"\{\{\{\{", 0),  # 9
    (r"\}\}\}\}", 0),  # 10
    (r"\{\{(~)?>", 0),  # 11
    (r"\{\{(~)?#>", 0),  # 12
    (r"\{\{(~)?#\*?", 0),  # 13
    (r"\{\{(~)?/", 0),  # 14
    (rf"\{{\{{(~)?\^[{JS_WS}]*(~)?\}}\}}", 0),  # 15
    (rf"\{{\{{(~)?[{JS_WS}]*else[{JS_WS}]*(~)?\}}\}}", 0),  # 16
    (r"\{\{(~)?\^", 0),  # 17
    (rf"\{{\{{(~)?[{JS_WS}]*else\b", re.ASCII),  # 18
    (r"\{\{(~)?\{", 0),  # 19
    (r"\{\{(~)?&", 0),  # 20
    (r"\{\{(~)?!--", 0),  # 21
    (r"\{\{(~)?![\s\S]*?\}\}", 0),  # 22
    (r"\{\{(~)?\*?", 0),  # 23
    (r"=", 0),  # 24
    (r"\.\.", 0),  # 25
    (rf"\.{LOOKAHEAD_ID}", 0),  # 26
    (r"[/.]", 0),  # 27
    (rf"[{JS_WS}]+", 0),  # 28
    (r"\}(~)?\}\}", 0),  # 29
    (r"(~)?\}\}", 0),  # 30
    (r'"(\\["]|[^"])*"', 0),  # 31
    (r"'(\\[']|[^'])*'", 0),  # 32
    (r"@", 0),  # 33
    (rf"true{LOOKAHEAD_LITERAL}", 0),  # 34
    (rf"false{LOOKAHEAD_LITERAL}", 0),  # 35
    (rf"undefined{LOOKAHEAD_LITERAL}", 0),  # 36
    (rf"null{LOOKAHEAD_LITERAL}", 0),  # 37
    (rf"-?[0-9]+(?:\.[0-9]+)?{LOOKAHEAD_LITERAL}", 0),  # 38
    (rf"as[{JS_WS}]+\|", 0),  # 39
    (r"\|", 0),  # 40
    (rf"{ID_CHAR}+{LOOKAHEAD_ID}", 0),  # 41
    (r"\[(\\\]|[^\]])*\]", 0),  # 42
    (JS_DOT, 0),  # 43
    (r"\Z", 0),  # 44
)

#: The rules of each start condition, in the order Jison tries them.
CONDITIONS: Final[dict[str, tuple[int, ...]]] = {
    "mu": tuple(range(7, 45)),
    "emu": (2,),
    "com": (6,),
    "raw": (3, 4, 5),
    "INITIAL": (0, 1, 44),
}


def rule_alternatives(rules: Iterable[int]) -> str:
    """The rules as one alternation of named groups ``r<index>``, in order: Python takes the
    first alternative that matches, as Jison (without ``flex``) takes the first rule that
    matches."""
    alternatives = []
    for index in rules:
        source, flags = RULE_SOURCES[index]
        body = f"(?a:{source})" if flags & re.ASCII else source
        alternatives.append(f"(?P<r{index}>{body})")
    return "|".join(alternatives)


_SCANNERS: Final[dict[str, tuple[re.Pattern[str], dict[str, int]]]] = {
    condition: (re.compile(rule_alternatives(rules)), {f"r{index}": index for index in rules})
    for condition, rules in CONDITIONS.items()
}

# Jison counts "\r\n", "\r" and "\n" as line breaks; a line's text stops at any line terminator.
_LINES = re.compile(r"(?:\r\n?|\n)[^\n\r\u2028\u2029]*")
_SPLIT_LINES = re.compile(r"\r\n?|\n")
_ESCAPED_DOUBLE_QUOTE = re.compile(r'\\"')
_ESCAPED_SINGLE_QUOTE = re.compile(r"\\'")
_ESCAPED_BRACKET = re.compile(r"\\([\\\]])")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")

#: Token returned at the end of the input (``EOF`` in the grammar).
EOF_TOKEN: Final = 5
#: Token for text that no rule accepts inside a mustache.
INVALID_TOKEN: Final = "INVALID"


def to_utf16(text: str) -> str:
    """Split astral characters into surrogate pairs, so indexes count UTF-16 code units."""
    if text.isascii() or not _ASTRAL.search(text):
        return text

    def split(match: re.Match[str]) -> str:
        offset = ord(match.group()) - 0x10000
        return chr(0xD800 + (offset >> 10)) + chr(0xDC00 + (offset & 0x3FF))

    return _ASTRAL.sub(split, text)


def from_utf16(text: str) -> str:
    """Join surrogate pairs produced by :func:`to_utf16` back into characters."""
    if text.isascii() or not _SURROGATE.search(text):
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")


def js_substring(text: str, start: int, end: int) -> str:
    """``String.prototype.substring``: clamp both bounds, swap them if reversed."""
    length = len(text)
    start = min(max(start, 0), length)
    end = min(max(end, 0), length)
    if start > end:
        start, end = end, start
    return text[start:end]


class Lexer:
    """The handlebars.js lexer: call :meth:`lex` until it returns :data:`EOF_TOKEN`."""

    def __init__(self, source: str):
        self._source = source
        self._pos = 0
        self._more = False
        self.done = False
        self.yylineno = 0
        self.yyleng = 0
        self.yytext = ""
        self.match = ""
        # What Jison calls `matched` (all text consumed so far) as source ranges: an unput()
        # trims only one character of it, and error messages show that quirk.
        self._matched: list[list[int]] = []
        self._condition_stack = ["INITIAL"]
        self.yylloc = SourceLocation(1, 0, 1, 0)

    # -- Jison lexer API -------------------------------------------------------------------

    def begin(self, condition: str) -> None:
        """Enter a start condition."""
        self._condition_stack.append(condition)

    def pop_state(self) -> str:
        """Leave the current start condition."""
        return self._condition_stack.pop()

    def lex(self) -> int | str:
        """Return the next token (a terminal number or ``"INVALID"``)."""
        while True:
            token = self._next()
            if token is not None:
                return token

    def _next(self) -> int | str | None:
        if self.done:
            return 1
        source = self._source
        pos = self._pos
        if pos >= len(source):
            self.done = True
        if not self._more:
            self.yytext = ""
            self.match = ""
        scanner, rule_of = _SCANNERS[self._condition_stack[-1]]
        found = scanner.match(source, pos)
        if found is not None:
            index = rule_of[found.lastgroup]  # type: ignore[index]
            text = found.group()
            previous = self.yylloc
            if "\n" in text or "\r" in text:
                lines = _LINES.findall(text)
                self.yylineno += len(lines)
                last = lines[-1]
                last_column = len(last) - (2 if last.startswith("\r\n") else 1)
            else:
                last_column = previous.end_column + len(text)
            self.yylloc = SourceLocation(
                previous.end_line, previous.end_column, self.yylineno + 1, last_column
            )
            if self._more:
                self.yytext += text
                self.match += text
            else:
                self.yytext = text
                self.match = text
            self.yyleng = len(self.yytext)
            self._more = False
            self._pos = pos + len(text)
            self._matched.append([pos, pos + len(text)])
            action = ACTIONS[index]
            token = action(self) if callable(action) else action
            if self.done and self._pos < len(source):
                self.done = False
            return token
        if pos >= len(source):
            return 1
        raise HandlebarsSyntaxError(
            f"Lexical error on line {self.yylineno + 1}. Unrecognized text.\n"
            f"{self.show_position()}",
            line=self.yylineno + 1,
            column=self.yylloc.end_column,
        )

    def _unput(self, text: str) -> None:
        length = len(text)
        lines = _SPLIT_LINES.split(text)
        self._pos -= length
        self.yytext = self.yytext[: max(len(self.yytext) - length - 1, 0)]
        old_lines = _SPLIT_LINES.split(self.match)
        self.match = self.match[:-1]
        self._trim_matched()
        if len(lines) - 1:
            self.yylineno -= len(lines) - 1
        loc = self.yylloc
        base = loc.start_column if len(lines) == len(old_lines) else 0
        self.yylloc = SourceLocation(
            loc.start_line,
            loc.start_column,
            self.yylineno + 1,
            base + len(old_lines[len(old_lines) - len(lines)]) - len(lines[0]),
        )

    def _strip(self, start: int, end: int) -> str:
        self.yytext = js_substring(self.yytext, start, self.yyleng - end + start)
        return self.yytext

    # -- error display (Jison's showPosition) ------------------------------------------------

    def _trim_matched(self) -> None:
        while self._matched:
            last = self._matched[-1]
            if last[1] > last[0]:
                last[1] -= 1
                return
            self._matched.pop()

    def _matched_tail(self, length: int) -> tuple[str, int]:
        """Return the last ``length`` characters of ``matched`` and its total length."""
        total = sum(end - start for start, end in self._matched)
        pieces: list[str] = []
        collected = 0
        for start, end in reversed(self._matched):
            if collected >= length:
                break
            pieces.append(self._source[start:end])
            collected += end - start
        tail = "".join(reversed(pieces))
        return tail[-length:], total

    def past_input(self) -> str:
        """Up to 20 characters consumed before the current token, as Jison shows them."""
        tail, total = self._matched_tail(len(self.match) + 21)
        past = tail[: len(tail) - len(self.match)]
        prefix = "..." if total - len(self.match) > 20 else ""
        return prefix + past[-20:].replace("\n", "")

    def upcoming_input(self) -> str:
        """The current token and what follows it, up to 20 characters."""
        upcoming = self.match
        if len(upcoming) < 20:
            upcoming += self._source[self._pos : self._pos + 20 - len(upcoming)]
        suffix = "..." if len(upcoming) > 20 else ""
        return (upcoming[:20] + suffix).replace("\n", "")

    def show_position(self) -> str:
        """The two-line excerpt with a caret that Jison puts in its error messages."""
        past = self.past_input()
        return past + self.upcoming_input() + "\n" + "-" * len(past) + "^"


def _content_before_mustache(lexer: Lexer) -> int | None:
    text = lexer.yytext
    if text[-2:] == "\\\\":
        lexer._strip(0, 1)
        lexer.begin("mu")
    elif text[-1:] == "\\":
        lexer._strip(0, 1)
        lexer.begin("emu")
    else:
        lexer.begin("mu")
    return 15 if lexer.yytext else None


def _pop_then(token: int) -> Callable[[Lexer], int]:
    def action(lexer: Lexer) -> int:
        lexer.pop_state()
        return token

    return action


def _end_raw_block(lexer: Lexer) -> int | str:
    lexer.pop_state()
    if lexer._condition_stack[-1] == "raw":
        return 15
    lexer._strip(5, 9)
    return "END_RAW_BLOCK"


def _begin_raw_content(lexer: Lexer) -> int:
    lexer.begin("raw")
    return 15


def _close_raw_block(lexer: Lexer) -> int:
    lexer.pop_state()
    lexer.begin("raw")
    return 23


def _begin_long_comment(lexer: Lexer) -> None:
    lexer._unput(lexer.yytext)
    lexer.pop_state()
    lexer.begin("com")


def string_value(token: str) -> str:
    """The value of a STRING token: its text without the quotes, escaped quotes unescaped."""
    if token[0] == '"':
        return _ESCAPED_DOUBLE_QUOTE.sub('"', token[1:-1])
    return _ESCAPED_SINGLE_QUOTE.sub("'", token[1:-1])


def bracketed_id(token: str) -> str:
    """The text of a ``[...]`` ID token, with ``\\]`` and ``\\\\`` unescaped."""
    return _ESCAPED_BRACKET.sub(r"\1", token)


def _double_quoted(lexer: Lexer) -> int:
    lexer.yytext = _ESCAPED_DOUBLE_QUOTE.sub('"', lexer._strip(1, 2))
    return 80


def _single_quoted(lexer: Lexer) -> int:
    lexer.yytext = _ESCAPED_SINGLE_QUOTE.sub("'", lexer._strip(1, 2))
    return 80


def _bracketed_id(lexer: Lexer) -> int:
    lexer.yytext = _ESCAPED_BRACKET.sub(r"\1", lexer.yytext)
    return 72


def _ignore(lexer: Lexer) -> None:
    return None


_Action = int | str | Callable[[Lexer], "int | str | None"]

#: What each rule does: return a token (a terminal number or ``"INVALID"``), or run a function
#: that may change state and returns the token (``None``: read on).
ACTIONS: Final[tuple[_Action, ...]] = (
    _content_before_mustache,  # 0
    15,  # 1
    _pop_then(15),  # 2
    _begin_raw_content,  # 3
    _end_raw_block,  # 4
    15,  # 5
    _pop_then(14),  # 6
    65,  # 7  OPEN_SEXPR
    68,  # 8  CLOSE_SEXPR
    19,  # 9  OPEN_RAW_BLOCK
    _close_raw_block,  # 10 CLOSE_RAW_BLOCK
    55,  # 11 OPEN_PARTIAL
    60,  # 12 OPEN_PARTIAL_BLOCK
    29,  # 13 OPEN_BLOCK
    47,  # 14 OPEN_ENDBLOCK
    _pop_then(44),  # 15 INVERSE
    _pop_then(44),  # 16 INVERSE
    34,  # 17 OPEN_INVERSE
    39,  # 18 OPEN_INVERSE_CHAIN
    51,  # 19 OPEN_UNESCAPED
    48,  # 20 OPEN
    _begin_long_comment,  # 21
    _pop_then(14),  # 22 COMMENT
    48,  # 23 OPEN
    73,  # 24 EQUALS
    72,  # 25 ID
    72,  # 26 ID
    87,  # 27 SEP
    _ignore,  # 28
    _pop_then(54),  # 29 CLOSE_UNESCAPED
    _pop_then(33),  # 30 CLOSE
    _double_quoted,  # 31 STRING
    _single_quoted,  # 32 STRING
    85,  # 33 DATA
    82,  # 34 BOOLEAN
    82,  # 35 BOOLEAN
    83,  # 36 UNDEFINED
    84,  # 37 NULL
    81,  # 38 NUMBER
    75,  # 39 OPEN_BLOCK_PARAMS
    77,  # 40 CLOSE_BLOCK_PARAMS
    72,  # 41 ID
    _bracketed_id,  # 42 ID
    INVALID_TOKEN,  # 43
    EOF_TOKEN,  # 44
)


# Terminal numbers (see the table above) of the tokens that open and close nesting levels.
# OPEN_BLOCK, OPEN_INVERSE, OPEN_PARTIAL_BLOCK, OPEN_SEXPR
_OPENERS: Final = frozenset({29, 34, 60, 65})
_CHAIN: Final = 39  # OPEN_INVERSE_CHAIN: `{{else if x}}` nests one level more in the same block
_CLOSERS: Final = frozenset({47, 68})  # OPEN_ENDBLOCK, CLOSE_SEXPR


def nesting_depth(source: str) -> int:
    """How deep blocks, ``{{else if}}`` chains and subexpressions nest in ``source`` (a UTF-16
    form, as :func:`to_utf16` gives), found with the lexer alone, without recursion; the
    tokens before a lexical error count."""
    lexer = Lexer(source)
    levels: list[int] = []
    depth = deepest = 0
    while True:
        token = lexer.lex()
        if token in (1, EOF_TOKEN, INVALID_TOKEN):  # $end, EOF, a lexical error
            return deepest
        if token in _OPENERS:
            levels.append(1)
            depth += 1
        elif token == _CHAIN and levels:
            levels[-1] += 1
            depth += 1
        elif token in _CLOSERS and levels:
            depth -= levels.pop()
        deepest = max(deepest, depth)


def too_deep(source: str, action: str) -> HandlebarsNestingError:
    """The error for a ``RecursionError`` met while doing ``action`` ("parse", "compile",
    "render") to ``source``."""
    depth = nesting_depth(to_utf16(source))
    limit = sys.getrecursionlimit()
    return HandlebarsNestingError(
        f"the template is nested too deeply to {action}: its blocks, else-if chains and "
        f"subexpressions nest {depth} levels deep, past what Python's recursion limit "
        f"({limit} frames) lets this engine follow (about {limit // 5} levels; a partial that "
        "includes itself recurses without end)",
        depth=depth,
    )
