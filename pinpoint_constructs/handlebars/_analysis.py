"""Static analysis of a compiled template: which helpers, variables and partials it uses."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final, NamedTuple

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


class Reference(NamedTuple):
    """One use of a helper, a variable or a partial in a template.

    ``kind`` is ``"helper"``, ``"variable"``, ``"partial"`` or ``"inline-partial"`` (a
    ``{{#*inline}}`` definition). ``name`` is the helper or partial name, or for a variable
    its dotted path from the root context with trailing list indexes dropped
    (``User.UserAttributes.FirstName.[0]`` -> ``User.UserAttributes.FirstName``).
    ``line`` is 1-based, ``column`` 0-based.

    ``needs_default`` is false for a variable a missing value can't make render empty: the
    condition of an ``{{#if}}``/``{{#unless}}`` (it chooses a section) and a use guarded by
    one, where the section only renders when the variable is truthy (the body of
    ``{{#if X}}``, the ``{{else}}`` of ``{{#unless X}}``, ``X`` and the list indexes below
    it, e.g. ``X.[0]``); a default substitution would never show there. A use in the other
    section still needs one.
    """

    kind: str
    name: str
    line: int
    column: int
    needs_default: bool = True


def _helper_name(node: Call) -> str | None:
    path = node.path
    return path.parts[0] if isinstance(path, PathExpression) and path.parts else None


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
        self._program(program, [()], [], frozenset())
        return self.references

    def _add(self, kind: str, name: str, node: Node, needs_default: bool = True) -> None:
        loc = node.loc
        line, column = (loc.start_line, loc.start_column) if loc else (0, 0)
        self.references.append(Reference(kind, name, line, column, needs_default))

    def _program(
        self,
        program: Program | None,
        contexts: list[_Scope],
        block_params: list[list[_Scope] | None],
        guards: frozenset[str],
        declared: list[_Scope] | None = None,
    ) -> None:
        if program is None:
            return
        frames = [*block_params, declared if program.block_params else None]
        for statement in program.body:
            if not isinstance(statement, ContentStatement | CommentStatement):
                self._statement(statement, contexts, frames, guards)

    def _statement(
        self,
        node: Node,
        contexts: list[_Scope],
        frames: list[list[_Scope] | None],
        guards: frozenset[str],
    ) -> None:
        if isinstance(node, MustacheStatement) and not node.is_decorator:
            self._call(node, contexts, frames, guards)
        elif isinstance(node, BlockStatement) and not node.is_decorator:
            guard = self._guard(node, contexts, frames)
            if guard is not None:
                # the condition chooses a section: no value of it is rendered here
                self._call(node, contexts, frames, guards | {guard})
            else:
                self._call(node, contexts, frames, guards)
            inner, declared = self._block_scope(node, contexts, frames)
            unless = guard is not None and _helper_name(node) == "unless"
            truthy_guards = guards | {guard} if guard is not None else guards
            program_guards = guards if unless else truthy_guards
            inverse_guards = truthy_guards if unless else guards
            self._program(node.program, inner, frames, program_guards, declared)
            self._program(node.inverse, contexts, frames, inverse_guards)
        elif isinstance(node, PartialStatement):
            name = node.name
            if isinstance(name, PathExpression):
                self._add("partial", name.original, node)
            else:
                self._value(name, contexts, frames, guards)
            for param in node.params:
                self._value(param, contexts, frames, guards)
            if node.hash is not None:
                for pair in node.hash.pairs:
                    self._value(pair.value, contexts, frames, guards)
            self._program(node.program, contexts, frames, guards)
        elif isinstance(node, BlockStatement | MustacheStatement):  # decorators
            path = node.path
            if isinstance(path, PathExpression) and path.original == "inline" and node.params:
                name = node.params[0]
                if isinstance(name, Literal):
                    self._add("inline-partial", to_string(name.value), node)
            if isinstance(node, BlockStatement):
                self._program(node.program, contexts, frames, guards)

    def _guard(
        self, node: BlockStatement, contexts: list[_Scope], frames: list[list[_Scope] | None]
    ) -> str | None:
        """For ``{{#if X}}``/``{{#unless X}}`` (the built-ins, one path argument), the
        variable ``X`` it tests, as a dotted path from the root context."""
        if node.kind != "helper" or _helper_name(node) not in ("if", "unless"):
            return None
        if len(node.params) != 1 or not isinstance(node.params[0], PathExpression):
            return None
        resolved = self._resolve(node.params[0], contexts, frames)
        return _dotted(resolved) or None if resolved else None

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

    def _call(
        self,
        node: Call,
        contexts: list[_Scope],
        frames: list[list[_Scope] | None],
        guards: frozenset[str],
    ) -> None:
        path = node.path
        assert isinstance(path, PathExpression)
        name = path.parts[0] if path.parts else None
        if node.kind == "helper":
            helper = name if name in KNOWN_HELPERS or is_simple(path) else path.original
            self._add("helper", helper or path.original, path)
        elif node.kind == "ambiguous" and name in self._known:
            self._add("helper", name or path.original, path)
        else:
            self._value(path, contexts, frames, guards)
        for param in node.params:
            self._value(param, contexts, frames, guards)
        if node.hash is not None:
            for pair in node.hash.pairs:
                self._value(pair.value, contexts, frames, guards)

    def _value(
        self,
        node: Expression,
        contexts: list[_Scope],
        frames: list[list[_Scope] | None],
        guards: frozenset[str],
    ) -> None:
        if isinstance(node, SubExpression):
            self._call(node, contexts, frames, guards)
        elif isinstance(node, PathExpression):
            resolved = self._resolve(node, contexts, frames)
            if resolved:
                dotted = _dotted(resolved)
                if dotted:
                    self._add("variable", dotted, node, dotted not in guards)

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
