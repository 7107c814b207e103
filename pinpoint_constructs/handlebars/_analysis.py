"""Static analysis of a compiled template: which helpers, variables and partials it uses."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from ._ast import (
    BlockStatement,
    Call,
    CommentStatement,
    ContentStatement,
    Expression,
    Literal,
    MustacheStatement,
    Node,
    PartialStatement,
    PathExpression,
    Program,
    SubExpression,
)
from ._compiler import KNOWN_HELPERS, is_simple
from ._js import to_string

_INDEX_SEGMENT: Final = re.compile(r"(?:0|[1-9][0-9]*)\Z")

# A context a program runs in, as a path from the root context (None: not addressable from
# the root, e.g. the current item of an `each`).
_Scope = tuple[str, ...] | None


@dataclass(frozen=True)
class Reference:
    """One use of a helper, a variable or a partial in a template.

    ``kind`` is ``"helper"``, ``"variable"``, ``"partial"`` or ``"inline-partial"`` (a
    ``{{#*inline}}`` definition). ``name`` is the helper or partial name, or for a variable
    its dotted path from the root context with trailing list indexes dropped
    (``User.UserAttributes.FirstName.[0]`` -> ``User.UserAttributes.FirstName``).
    ``line`` is 1-based, ``column`` 0-based.
    """

    kind: str
    name: str
    line: int
    column: int


def _dotted(path: tuple[str, ...]) -> str:
    segments = list(path)
    while segments and _INDEX_SEGMENT.match(segments[-1]):
        segments.pop()
    return ".".join(segments)


class Analyzer:
    """Collects :class:`Reference` objects from a compiled program."""

    def __init__(self, known_helpers: Iterable[str] = ()):
        self._known = KNOWN_HELPERS | frozenset(known_helpers)
        self.references: list[Reference] = []

    def analyze(self, program: Program) -> list[Reference]:
        """Walk ``program`` (already compiled) and return what it references."""
        self._program(program, [()], [])
        return self.references

    def _add(self, kind: str, name: str, node: Node) -> None:
        loc = node.loc
        line, column = (loc.start_line, loc.start_column) if loc else (0, 0)
        self.references.append(Reference(kind, name, line, column))

    def _program(
        self,
        program: Program | None,
        contexts: list[_Scope],
        block_params: list[list[_Scope] | None],
        declared: list[_Scope] | None = None,
    ) -> None:
        if program is None:
            return
        frames = [*block_params, declared if program.block_params else None]
        for statement in program.body:
            if not isinstance(statement, ContentStatement | CommentStatement):
                self._statement(statement, contexts, frames)

    def _statement(
        self, node: Node, contexts: list[_Scope], frames: list[list[_Scope] | None]
    ) -> None:
        if isinstance(node, MustacheStatement) and not node.is_decorator:
            self._call(node, contexts, frames)
        elif isinstance(node, BlockStatement) and not node.is_decorator:
            self._call(node, contexts, frames)
            inner, declared = self._block_scope(node, contexts, frames)
            self._program(node.program, inner, frames, declared)
            self._program(node.inverse, contexts, frames)
        elif isinstance(node, PartialStatement):
            name = node.name
            if isinstance(name, PathExpression):
                self._add("partial", name.original, node)
            else:
                self._value(name, contexts, frames)
            for param in node.params:
                self._value(param, contexts, frames)
            if node.hash is not None:
                for pair in node.hash.pairs:
                    self._value(pair.value, contexts, frames)
            self._program(node.program, contexts, frames)
        elif isinstance(node, BlockStatement | MustacheStatement):  # decorators
            path = node.path
            if isinstance(path, PathExpression) and path.original == "inline" and node.params:
                name = node.params[0]
                if isinstance(name, Literal):
                    self._add("inline-partial", to_string(name.value), node)
            if isinstance(node, BlockStatement):
                self._program(node.program, contexts, frames)

    def _block_scope(
        self, node: BlockStatement, contexts: list[_Scope], frames: list[list[_Scope] | None]
    ) -> tuple[list[_Scope], list[_Scope]]:
        """The contexts a block's body runs in, and what its block params refer to."""
        path = node.path
        assert isinstance(path, PathExpression)
        name = path.parts[0] if path.parts else None
        if node.kind == "helper" or (node.kind == "ambiguous" and name in self._known):
            if name == "with" and len(node.params) == 1:
                target = self._resolve(node.params[0], contexts, frames)
                return [*contexts, target], [target]
            if name == "each":
                return [*contexts, None], [None, None]
            return contexts, []
        # {{#value}}: a block over a value takes the value as its context
        target = self._resolve(path, contexts, frames)
        return [*contexts, target], []

    def _call(self, node: Call, contexts: list[_Scope], frames: list[list[_Scope] | None]) -> None:
        path = node.path
        assert isinstance(path, PathExpression)
        name = path.parts[0] if path.parts else None
        if node.kind == "helper":
            helper = name if name in KNOWN_HELPERS or is_simple(path) else path.original
            self._add("helper", helper or path.original, path)
        elif node.kind == "ambiguous" and name in self._known:
            self._add("helper", name or path.original, path)
        else:
            self._value(path, contexts, frames)
        for param in node.params:
            self._value(param, contexts, frames)
        if node.hash is not None:
            for pair in node.hash.pairs:
                self._value(pair.value, contexts, frames)

    def _value(
        self, node: Expression, contexts: list[_Scope], frames: list[list[_Scope] | None]
    ) -> None:
        if isinstance(node, SubExpression):
            self._call(node, contexts, frames)
        elif isinstance(node, PathExpression):
            resolved = self._resolve(node, contexts, frames)
            if resolved:
                dotted = _dotted(resolved)
                if dotted:
                    self._add("variable", dotted, node)

    def _resolve(
        self, node: Expression, contexts: list[_Scope], frames: list[list[_Scope] | None]
    ) -> _Scope:
        if not isinstance(node, PathExpression):
            return None
        if node.block_param is not None:
            depth, index = node.block_param
            frame = frames[-1 - depth] if depth < len(frames) else None
            base = frame[index] if frame is not None and index < len(frame) else None
            return None if base is None else (*base, *node.parts[1:])
        if node.data:
            if node.depth == 0 and node.parts[:1] == ["root"]:
                return tuple(node.parts[1:])
            return None
        if node.depth >= len(contexts):
            return None
        base = contexts[-1 - node.depth]
        return None if base is None else (*base, *node.parts)
