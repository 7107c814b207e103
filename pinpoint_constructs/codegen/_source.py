"""Python source for generated modules: a small expression model and a layout that
``ruff format`` leaves as it is (one line when it fits in 100 columns, otherwise one item a
line with a trailing comma, which ruff's "magic trailing comma" keeps exploded)."""

from __future__ import annotations

import keyword
import re
import textwrap
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

#: Generated modules are laid out for ruff's default line length (88), with a magic trailing
#: comma in every exploded bracket, so that ``ruff format`` leaves them as they are both with
#: its defaults and with a longer line length (this repository's 100). A string literal is
#: cut into pieces only when it doesn't fit in :data:`MAX_LINE_LENGTH` either: a longer one is
#: kept whole (neither formatter splits strings), and at most ``MAX_LINE_LENGTH`` long.
LINE_LENGTH = 88
MAX_LINE_LENGTH = 100
#: The longest variable name and construct id made from a resource's name, so that a
#: statement's first line fits (E501).
MAX_NAME_LENGTH = 40
_INDENT = "    "


class Expr:
    """A Python expression."""

    def flat(self) -> str:  # pragma: no cover - overridden
        raise NotImplementedError

    def lines(self, indent: int, room: int) -> list[str]:
        """The expression laid out, starting at column ``indent`` with ``room`` columns left
        for it on its first line (and the same on its last one)."""
        return [self.flat()]


@dataclass(frozen=True)
class Code(Expr):
    """Code written as is: a name, an attribute, a literal."""

    text: str

    def flat(self) -> str:
        return self.text


#: Non-ASCII letters written as they are: accented Latin letters and the ideographs and
#: syllables of Chinese, Japanese and Korean, which ruff's RUF001 doesn't take for ASCII.
_READABLE = ("CJK UNIFIED IDEOGRAPH", "HIRAGANA LETTER", "KATAKANA LETTER", "HANGUL SYLLABLE")


def _readable(char: str) -> bool:
    """Whether ``char`` is written as it is in a generated string literal."""
    if char.isascii():
        return char.isprintable() or char in "\n\r\t"
    name = unicodedata.name(char, "")
    if name.startswith("LATIN") and (" WITH " in name or name.endswith("SHARP S")):
        return True
    return name.startswith(_READABLE)


def _escaped(value: str) -> set[int]:
    """The positions of the non-ASCII characters of ``value`` written as escapes: all but
    :func:`_readable` ones. Ruff's RUF001 flags the characters it finds ambiguous (a right
    single quotation mark, an en dash, a fullwidth colon, a no-break space, a Cyrillic or
    Greek letter that looks like a Latin one), with both its defaults and this repository's
    settings; escapes are the same string, and never ambiguous."""
    return {i for i, char in enumerate(value) if not char.isascii() and not _readable(char)}


def string_literal(value: str) -> str:
    """``value`` as a string literal in the quotes ruff prefers (double, unless the value has
    more double quotes than single ones), with the characters of :func:`_escaped` escaped."""
    quote = "'" if value.count('"') > value.count("'") else '"'
    out = []
    escaped = _escaped(value)
    for index, char in enumerate(value):
        if char == "\\":
            out.append("\\\\")
        elif char == quote:
            out.append("\\" + quote)
        elif char == "\n":
            out.append("\\n")
        elif char == "\r":
            out.append("\\r")
        elif char == "\t":
            out.append("\\t")
        elif not char.isprintable() or 0xD800 <= ord(char) <= 0xDFFF or index in escaped:
            code = ord(char)
            if code < 0x100:
                out.append(f"\\x{code:02x}")
            elif code < 0x10000:
                out.append(f"\\u{code:04x}")
            else:
                out.append(f"\\U{code:08x}")
        else:
            out.append(char)
    return quote + "".join(out) + quote


@dataclass(frozen=True)
class Str(Expr):
    """A string literal; one that doesn't fit is split into parenthesized implicit
    concatenation, after its newlines and spaces."""

    value: str

    def flat(self) -> str:
        return string_literal(self.value)

    def lines(self, indent: int, room: int) -> list[str]:
        text = self.flat()
        if len(text) <= room + MAX_LINE_LENGTH - LINE_LENGTH:
            return [text]
        width = LINE_LENGTH - indent - len(_INDENT)
        chunks = _chunks(self.value, width)
        if len(chunks) == 1:
            return [text]
        pad = _INDENT
        return ["(", *(pad + string_literal(chunk) for chunk in chunks), ")"]


def _chunks(value: str, width: int) -> list[str]:
    """Pieces of ``value`` whose literals fit in ``width`` columns, cut after newlines or
    spaces where possible."""
    pieces = re.findall(r"[^\n]*\n|[^\n]+", value)
    chunks: list[str] = []
    for piece in pieces:
        while len(string_literal(piece)) > width:
            cut = _cut(piece, width)
            chunks.append(piece[:cut])
            piece = piece[cut:]
        if piece:
            chunks.append(piece)
    return chunks


def _cut(piece: str, width: int) -> int:
    """Where to cut ``piece`` so that its first part's literal fits in ``width``."""
    end = 1
    while end < len(piece) and len(string_literal(piece[: end + 1])) <= width:
        end += 1
    space = piece.rfind(" ", 0, end)
    return space + 1 if space > 0 else end


def literal(value: Any) -> Expr:
    """A JSON-like value (str, int, float, bool, None, list, dict) as an expression."""
    if isinstance(value, str):
        return Str(value)
    if value is None or isinstance(value, bool | int | float):
        return Code(repr(value))
    if isinstance(value, list | tuple):
        return ListExpr([literal(v) for v in value])
    if isinstance(value, dict):
        return DictExpr([(Str(str(k)), literal(v)) for k, v in value.items()])
    raise TypeError(f"no literal for {type(value).__name__}")


def _bracketed(
    opening: str, items: Sequence[str | list[str]], closing: str, indent: int, room: int
) -> list[str]:
    """``opening item, item closing`` on one line when it fits, else one item a line."""
    flat_items = [i for i in items if isinstance(i, str)]
    if len(flat_items) == len(items):
        one_line = opening + ", ".join(flat_items) + closing
        if len(one_line) <= room:
            return [one_line]
    return [opening, *_exploded(items, indent), closing]


def _exploded(items: Sequence[str | list[str]], indent: int) -> list[str]:
    del indent  # items come laid out for indent + 4 already
    out: list[str] = []
    for item in items:
        parts = [item] if isinstance(item, str) else item
        out.extend(_INDENT + line for line in parts[:-1])
        out.append(_INDENT + parts[-1] + ",")
    return out


def _item(prefix: str, value: Expr, indent: int) -> str | list[str]:
    """One argument or element, flat when it fits on its own line at ``indent + 4``."""
    inner = indent + len(_INDENT)
    room = LINE_LENGTH - inner - len(prefix) - 1  # the trailing comma
    laid = value.lines(inner, room)
    if len(laid) == 1:
        return prefix + laid[0]
    return [prefix + laid[0], *laid[1:]]


@dataclass(frozen=True)
class Call(Expr):
    """``func(args..., key=value...)``."""

    func: str
    args: Sequence[Expr] = ()
    kwargs: Sequence[tuple[str, Expr]] = ()

    def flat(self) -> str:
        parts = [a.flat() for a in self.args] + [f"{k}={v.flat()}" for k, v in self.kwargs]
        return f"{self.func}({', '.join(parts)})"

    def lines(self, indent: int, room: int) -> list[str]:
        text = self.flat()
        if len(text) <= room and "\n" not in text:
            return [text]
        items = [_item("", a, indent) for a in self.args]
        items += [_item(f"{k}=", v, indent) for k, v in self.kwargs]
        if not items:
            return [text]
        return [f"{self.func}(", *_exploded(items, indent), ")"]


@dataclass(frozen=True)
class ListExpr(Expr):
    """``[item, ...]``."""

    items: Sequence[Expr]

    def flat(self) -> str:
        return "[" + ", ".join(i.flat() for i in self.items) + "]"

    def lines(self, indent: int, room: int) -> list[str]:
        if len(self.flat()) <= room or not self.items:
            return [self.flat()]
        return ["[", *_exploded([_item("", i, indent) for i in self.items], indent), "]"]


@dataclass(frozen=True)
class DictExpr(Expr):
    """``{key: value, ...}``."""

    items: Sequence[tuple[Expr, Expr]]

    def flat(self) -> str:
        return "{" + ", ".join(f"{k.flat()}: {v.flat()}" for k, v in self.items) + "}"

    def lines(self, indent: int, room: int) -> list[str]:
        if len(self.flat()) <= room or not self.items:
            return [self.flat()]
        items = [_item(f"{k.flat()}: ", v, indent) for k, v in self.items]
        return ["{", *_exploded(items, indent), "}"]


@dataclass
class Statement:
    """``target = expr`` (or a bare expression) with comment lines above it."""

    expr: Expr
    target: str | None = None
    comments: list[str] = field(default_factory=list)

    def render(self, indent: int) -> list[str]:
        pad = " " * indent
        prefix = f"{self.target} = " if self.target else ""
        laid = self.expr.lines(indent, LINE_LENGTH - indent - len(prefix))
        out = [f"{pad}# {line}" for line in comment_lines(self.comments, LINE_LENGTH - indent - 2)]
        out.append(pad + prefix + laid[0])
        out.extend(pad + line for line in laid[1:])
        return out


def ascii_text(text: str) -> str:
    """``text`` with its non-ASCII characters as ``\\x..``/``\\u..`` escapes: for comments
    and docstrings, where ruff flags ambiguous characters (RUF002, RUF003) and a name from
    an export may hold any."""
    return text.encode("ascii", "backslashreplace").decode("ascii")


def comment_lines(comments: Sequence[str], width: int) -> list[str]:
    """``comments`` (the lines of one paragraph) as lines of at most ``width`` ASCII
    characters."""
    text = ascii_text(" ".join(c.strip() for c in comments))
    return textwrap.wrap(text, width=width, break_on_hyphens=False) if text else []


def identifier(text: str, *, suffix: str = "") -> str:
    """A snake_case Python name made from ``text`` (a resource name)."""
    words = re.findall(r"[A-Z]+(?=[A-Z][a-z]|\d|\b|_)|[A-Z]?[a-z]+|[A-Z]+|\d+", text)
    name = "_".join(w.lower() for w in words) or "resource"
    if name[0].isdigit():
        name = f"n{name}"
    if suffix:
        name = f"{name}_{suffix}"
    name = name[:MAX_NAME_LENGTH].rstrip("_")
    if keyword.iskeyword(name):
        name += "_"
    return name


def construct_id(text: str) -> str:
    """A PascalCase construct id made from ``text`` (a resource name)."""
    words = re.findall(r"[A-Za-z]+|\d+", text)
    ident = "".join(w[:1].upper() + w[1:] for w in words) or "Resource"
    ident = ident if not ident[0].isdigit() else f"N{ident}"
    return ident[:MAX_NAME_LENGTH]
