"""Python source for generated modules: a small expression model and a layout that
``ruff format`` leaves as it is (one line when it fits in 100 columns, otherwise one item a
line with a trailing comma, which ruff's "magic trailing comma" keeps exploded)."""

from __future__ import annotations

import keyword
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

LINE_LENGTH = 100
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


def string_literal(value: str) -> str:
    """``value`` as a string literal in the quotes ruff prefers (double, unless the value has
    more double quotes than single ones)."""
    quote = "'" if value.count('"') > value.count("'") else '"'
    out = []
    for char in value:
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
        elif not char.isprintable() or 0xD800 <= ord(char) <= 0xDFFF:
            code = ord(char)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
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
        if len(text) <= room:
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
        out = [f"{pad}# {line}" if line else f"{pad}#" for c in self.comments for line in [c]]
        out.append(pad + prefix + laid[0])
        out.extend(pad + line for line in laid[1:])
        return out


def identifier(text: str, *, suffix: str = "") -> str:
    """A snake_case Python name made from ``text`` (a resource name)."""
    words = re.findall(r"[A-Z]+(?=[A-Z][a-z]|\d|\b|_)|[A-Z]?[a-z]+|[A-Z]+|\d+", text)
    name = "_".join(w.lower() for w in words) or "resource"
    if name[0].isdigit():
        name = f"n{name}"
    if suffix:
        name = f"{name}_{suffix}"
    if keyword.iskeyword(name):
        name += "_"
    return name


def construct_id(text: str) -> str:
    """A PascalCase construct id made from ``text`` (a resource name)."""
    words = re.findall(r"[A-Za-z]+|\d+", text)
    ident = "".join(w[:1].upper() + w[1:] for w in words) or "Resource"
    return ident if not ident[0].isdigit() else f"N{ident}"
