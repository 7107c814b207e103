"""The Handlebars abstract syntax tree, shaped like handlebars.js's (``compiler/ast.js``)."""

from __future__ import annotations

from typing import Any


class SourceLocation:
    """Where a node starts and ends: 1-based lines, 0-based columns (UTF-16 code units)."""

    __slots__ = ("end_column", "end_line", "start_column", "start_line")

    def __init__(self, start_line: int, start_column: int, end_line: int, end_column: int):
        self.start_line = start_line
        self.start_column = start_column
        self.end_line = end_line
        self.end_column = end_column

    def __repr__(self) -> str:
        return f"{self.start_line}:{self.start_column}-{self.end_line}:{self.end_column}"


class Strip:
    """Whitespace-control flags of a mustache: ``{{~`` (open) and ``~}}`` (close)."""

    __slots__ = ("close", "open")

    def __init__(self, open: bool = False, close: bool = False):
        self.open = open
        self.close = close


class Node:
    """Base class of every node."""

    __slots__ = ("loc",)

    def __init__(self, loc: SourceLocation | None):
        self.loc = loc


class Program(Node):
    """A list of statements: the template, or the body of a block or of an ``{{else}}``."""

    __slots__ = ("block_params", "body", "chained", "has_decorators")

    def __init__(self, body: list[Node], loc: SourceLocation | None):
        super().__init__(loc)
        self.body = body
        self.block_params: list[str] | None = None
        self.chained = False
        self.has_decorators = False


class ContentStatement(Node):
    """Literal template text (``value`` is what remains after whitespace control)."""

    __slots__ = ("left_stripped", "original", "right_stripped", "value")

    def __init__(self, original: str, loc: SourceLocation | None):
        super().__init__(loc)
        self.original = original
        self.value = original
        self.right_stripped = False
        self.left_stripped = False


class CommentStatement(Node):
    """``{{! ... }}`` or ``{{!-- ... --}}``."""

    __slots__ = ("strip", "value")

    def __init__(self, value: str, strip: Strip, loc: SourceLocation | None):
        super().__init__(loc)
        self.value = value
        self.strip = strip


class Expression(Node):
    """A value: a path, a literal or a subexpression."""

    __slots__ = ()


class PathExpression(Expression):
    """``foo.bar``, ``../foo``, ``this``, ``@index``, ``foo.[0]``.

    ``parts`` are the segments left after ``this``/``..``/``.`` were folded into ``depth``;
    ``original`` is the path as written (brackets removed). The compile pass fills
    ``block_param`` (the ``(depth, index)`` of a block parameter) and ``scoped``.
    """

    __slots__ = ("block_param", "data", "depth", "original", "parts", "scoped")

    def __init__(
        self, data: bool, depth: int, parts: list[str], original: str, loc: SourceLocation | None
    ):
        super().__init__(loc)
        self.data = data
        self.depth = depth
        self.parts = parts
        self.original = original
        self.block_param: tuple[int, int] | None = None
        self.scoped = False


class Literal(Expression):
    """A string, number, boolean, ``undefined`` or ``null`` literal.

    ``kind`` is one of ``"string"``, ``"number"``, ``"boolean"``, ``"undefined"``, ``"null"``;
    ``value`` is its runtime value (``UNDEFINED`` for ``undefined``).
    """

    __slots__ = ("kind", "value")

    def __init__(self, kind: str, value: Any, loc: SourceLocation | None):
        super().__init__(loc)
        self.kind = kind
        self.value = value


class HashPair(Node):
    """``key=value`` inside a mustache."""

    __slots__ = ("key", "value")

    def __init__(self, key: str, value: Expression, loc: SourceLocation | None):
        super().__init__(loc)
        self.key = key
        self.value = value


class Hash(Node):
    """The ``key=value`` pairs of a mustache, in source order."""

    __slots__ = ("pairs",)

    def __init__(self, pairs: list[HashPair], loc: SourceLocation | None):
        super().__init__(loc)
        self.pairs = pairs


class Call(Node):
    """Something that may invoke a helper: a mustache, a block or a subexpression.

    ``kind`` ("helper", "ambiguous" or "simple") is set by the compile pass exactly as
    handlebars.js's ``classifySexpr`` decides it.
    """

    __slots__ = ("hash", "kind", "params", "path")

    def __init__(
        self,
        path: Expression,
        params: list[Expression],
        hash: Hash | None,
        loc: SourceLocation | None,
    ):
        super().__init__(loc)
        self.path = path
        self.params = params
        self.hash = hash
        self.kind = "simple"


class SubExpression(Call, Expression):
    """``(helper arg key=value)``."""

    __slots__ = ()


class MustacheStatement(Call):
    """``{{expr}}``, ``{{{expr}}}`` or ``{{& expr}}`` (``escaped`` false for the last two)."""

    __slots__ = ("escaped", "is_decorator", "strip")

    def __init__(
        self,
        path: Expression,
        params: list[Expression],
        hash: Hash | None,
        escaped: bool,
        strip: Strip,
        is_decorator: bool,
        loc: SourceLocation | None,
    ):
        super().__init__(path, params, hash, loc)
        self.escaped = escaped
        self.strip = strip
        self.is_decorator = is_decorator


class BlockStatement(Call):
    """``{{#helper ...}}program{{else}}inverse{{/helper}}`` (also ``{{^...}}`` and raw blocks)."""

    __slots__ = (
        "close_strip",
        "inverse",
        "inverse_strip",
        "is_decorator",
        "open_strip",
        "program",
    )

    def __init__(
        self,
        path: Expression,
        params: list[Expression],
        hash: Hash | None,
        program: Program | None,
        inverse: Program | None,
        open_strip: Strip,
        inverse_strip: Strip | None,
        close_strip: Strip | None,
        is_decorator: bool,
        loc: SourceLocation | None,
    ):
        super().__init__(path, params, hash, loc)
        self.program = program
        self.inverse = inverse
        self.open_strip = open_strip
        self.inverse_strip = inverse_strip
        self.close_strip = close_strip
        self.is_decorator = is_decorator


class PartialStatement(Node):
    """``{{> name}}`` (``program`` is set for a partial block ``{{#> name}}...{{/name}}``)."""

    __slots__ = ("close_strip", "hash", "indent", "name", "open_strip", "params", "program")

    def __init__(
        self,
        name: Expression,
        params: list[Expression],
        hash: Hash | None,
        open_strip: Strip,
        close_strip: Strip | None,
        program: Program | None,
        loc: SourceLocation | None,
    ):
        super().__init__(loc)
        self.name = name
        self.params = params
        self.hash = hash
        self.open_strip = open_strip
        self.close_strip = close_strip
        self.program = program
        self.indent = ""
