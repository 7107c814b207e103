"""The compile pass of handlebars.js (``compiler/compiler.js``), as annotations on the AST.

handlebars.js decides at compile time, for every mustache, block and subexpression, whether
it is certainly a helper call ("helper"), a name that may be a helper or a value
("ambiguous"), or a plain value ("simple"); and it binds block parameters lexically. This
pass records the same decisions on the nodes so the renderer can follow them.
"""

from __future__ import annotations

import re
from typing import Final

from ._ast import (
    BlockStatement,
    Call,
    CommentStatement,
    ContentStatement,
    Expression,
    Hash,
    Literal,
    MustacheStatement,
    Node,
    PartialStatement,
    PathExpression,
    Program,
    SubExpression,
)
from ._errors import HandlebarsSyntaxError
from ._js import to_string

#: Helpers handlebars.js calls directly, without looking for a value of the same name.
KNOWN_HELPERS: Final = frozenset(
    {"helperMissing", "blockHelperMissing", "each", "if", "unless", "with", "log", "lookup"}
)

_SCOPED: Final = re.compile(r"^\.|this\b", re.ASCII)


def is_scoped(path: PathExpression) -> bool:
    """``AST.helpers.scopedId``: the path starts with ``.`` or mentions ``this``."""
    original = path.original
    return original[:1] == "." or ("this" in original and _SCOPED.search(original) is not None)


def is_simple(path: Expression) -> bool:
    """``AST.helpers.simpleId``: a single, unscoped, depth-0 segment."""
    return (
        isinstance(path, PathExpression)
        and len(path.parts) == 1
        and not is_scoped(path)
        and not path.depth
    )


def is_helper_expression(node: Call) -> bool:
    """``AST.helpers.helperExpression``: a subexpression, or a call with params or a hash."""
    return isinstance(node, SubExpression) or bool(node.params) or node.hash is not None


def _literal_to_path(node: Call) -> None:
    """``transformLiteralToPath``: ``{{"foo"}}`` or ``{{1}}`` look up a property by that name."""
    literal = node.path
    if isinstance(literal, Literal):
        name = to_string(literal.value)
        node.path = PathExpression(False, 0, [name], name, literal.loc)


class Compiler:
    """Annotates a parsed program in place (``kind`` on calls, ``block_param`` on paths)."""

    def __init__(self) -> None:
        self._block_params: list[list[str] | None] = []

    def compile(self, program: Program) -> None:
        """Annotate ``program`` and everything below it."""
        self._program(program)

    def _program(self, program: Program) -> None:
        self._block_params.insert(0, program.block_params)
        for statement in program.body:
            if not isinstance(statement, ContentStatement | CommentStatement):
                self._statement(statement, program)
        self._block_params.pop(0)

    def _block_param_index(self, name: str | None) -> tuple[int, int] | None:
        if name is None:
            return None
        for depth, params in enumerate(self._block_params):
            if params is not None and name in params:
                return depth, params.index(name)
        return None

    def _statement(self, node: Node, program: Program) -> None:
        if isinstance(node, BlockStatement):
            if node.is_decorator:
                program.has_decorators = True
                if node.program is not None:
                    self._program(node.program)
                self._params(node.params, node.hash)
                return
            _literal_to_path(node)
            if node.program is not None:
                self._program(node.program)
            if node.inverse is not None:
                self._program(node.inverse)
            self._call(node)
        elif isinstance(node, MustacheStatement):
            if node.is_decorator:
                program.has_decorators = True
                self._params(node.params, node.hash)
                return
            self._call(node)
        elif isinstance(node, PartialStatement):
            self._partial(node)

    def _partial(self, node: PartialStatement) -> None:
        if node.program is not None:
            self._program(node.program)
        if len(node.params) > 1:
            loc = node.loc
            assert loc is not None
            raise HandlebarsSyntaxError(
                f"Unsupported number of partial arguments: {len(node.params)}"
                f" - {loc.start_line}:{loc.start_column}",
                line=loc.start_line,
                column=loc.start_column,
            )
        if isinstance(node.name, SubExpression):
            self._expression(node.name)
        self._params(node.params, node.hash)

    def _classify(self, node: Call) -> str:
        path = node.path
        simple = is_simple(path)
        name = path.parts[0] if isinstance(path, PathExpression) and path.parts else None
        block_param = simple and self._block_param_index(name) is not None
        helper = not block_param and is_helper_expression(node)
        eligible = not block_param and (helper or simple)
        if eligible and not helper and name in KNOWN_HELPERS:
            helper = True
        if helper:
            return "helper"
        return "ambiguous" if eligible else "simple"

    def _call(self, node: Call) -> None:
        _literal_to_path(node)
        node.kind = self._classify(node)
        path = node.path
        if node.kind == "helper":
            self._params(node.params, node.hash)
            name = path.parts[0] if isinstance(path, PathExpression) and path.parts else None
            if name not in KNOWN_HELPERS:
                self._expression(path)
        else:
            self._expression(path)

    def _params(self, params: list[Expression], hash: Hash | None) -> None:
        for param in params:
            self._expression(param)
        if hash is not None:
            for pair in hash.pairs:
                self._expression(pair.value)

    def _expression(self, node: Expression) -> None:
        if isinstance(node, SubExpression):
            self._call(node)
        elif isinstance(node, PathExpression):
            node.scoped = is_scoped(node)
            if not node.depth and not node.scoped and node.parts:
                node.block_param = self._block_param_index(node.parts[0])
