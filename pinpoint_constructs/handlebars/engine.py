"""Handlebars templates in pure Python, behaving exactly like handlebars.js 4.x.

Amazon Pinpoint renders message templates with Handlebars. This module lets the
constructs check templates at synth time, list the helpers and variables they use, and
preview them, with the semantics of handlebars.js 4.7:

* the parser runs handlebars.js's own LALR(1) tables (the tokenizer is a rule-for-rule
  port), so the same templates are accepted and errors carry the same messages, with
  ``line`` (1-based) and ``column`` (0-based) as handlebars.js reports them;
* whitespace control (``~``, standalone lines) follows ``whitespace-control.js``;
* rendering follows the JavaScript the handlebars.js compiler generates: helper vs value
  resolution, ``helperMissing``/``blockHelperMissing``, ``../`` depths, ``@data`` frames,
  block parameters, HTML escaping (``& < > " ' ` =``), JavaScript truthiness and
  stringification (``[1, 2]`` -> ``"1,2"``, ``True`` -> ``"true"``, ``1.0`` -> ``"1"``,
  objects -> ``"[object Object]"``), the built-in helpers, and inline partials
  (``{{#*inline "name"}}`` with ``{{> name}}``, partial blocks, ``@partial-block``).

Contexts are JSON-like Python values (see :mod:`._js` for the mapping). No partial is
registered: ``{{> name}}`` finds only inline partials, and other decorators are not
supported; both raise :class:`HandlebarsRuntimeError` when rendered, as handlebars.js
throws when it can't find them.

Example::

    >>> render("Hello {{#if name}}{{name}}{{else}}there{{/if}}!", {"name": "<Ann>"})
    'Hello &lt;Ann&gt;!'
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache
from typing import Any

from ._analysis import Analyzer, Reference
from ._ast import MustacheStatement, Node, Program
from ._closures import CompiledTemplate, walk
from ._compiler import KNOWN_HELPERS, Compiler
from ._errors import (
    HandlebarsError,
    HandlebarsNestingError,
    HandlebarsRuntimeError,
    HandlebarsSyntaxError,
)
from ._js import NULL_CONTEXT, UNDEFINED, SafeString, escape_expression
from ._js import to_string as js_to_string
from ._js import truthy as js_truthy
from ._lexer import too_deep
from ._parser import parse_source
from ._runtime import BUILTIN_HELPERS, Helper, HelperOptions, create_frame

__all__ = [
    "BUILTIN_HELPERS",
    "KNOWN_HELPERS",
    "NULL_CONTEXT",
    "UNDEFINED",
    "CompiledTemplate",
    "HandlebarsError",
    "HandlebarsNestingError",
    "HandlebarsRuntimeError",
    "HandlebarsSyntaxError",
    "Helper",
    "HelperOptions",
    "Reference",
    "SafeString",
    "Template",
    "create_frame",
    "escape_expression",
    "js_to_string",
    "js_truthy",
    "parse",
    "render",
]


class Template:
    """A parsed Handlebars template.

    Create one with :func:`parse`. Besides rendering it, it reports what it uses:

    * ``helpers_used``: names called as helpers: every ``{{name arg}}``, ``{{#name arg}}``,
      ``(name ...)``, the built-ins, and a bare ``{{name}}``/``{{#name}}`` where ``name``
      is one of the ``known_helpers`` given to :func:`parse`;
    * ``variables_used``: dotted paths of the context values it reads, from the root
      context (``{{#with User}}{{Name}}{{/with}}`` reads ``User`` and ``User.Name``), with
      trailing list indexes dropped; values relative to an ``each`` item are not included;
    * ``partials_used`` / ``inline_partials``: names of ``{{> name}}`` references and of
      ``{{#*inline "name"}}`` definitions;
    * ``references``: all of the above with their line and column.
    """

    __slots__ = ("_compiled", "_known_helpers", "_program", "_references", "_walked", "source")

    #: How many helper sets a template keeps compiled renderers for.
    _COMPILED_CACHE_SIZE = 8

    def __init__(
        self,
        source: str,
        program: Program,
        references: Iterable[Reference] | None = None,
        *,
        known_helpers: frozenset[str] = frozenset(),
    ):
        self.source = source
        self._program = program
        self._known_helpers = known_helpers
        self._references: tuple[Reference, ...] | None = (
            None if references is None else tuple(references)
        )
        self._compiled: dict[int, tuple[Mapping[str, Helper] | None, CompiledTemplate]] = {}
        # The helpers of the last render that walked the tree instead of compiling (a list,
        # so "not yet" differs from None, the built-ins).
        self._walked: list[Mapping[str, Helper] | None] = []

    @property
    def references(self) -> tuple[Reference, ...]:
        """Every use of a helper, variable or partial, with its line and column (found the
        first time they are asked for: rendering doesn't need them)."""
        references = self._references
        if references is None:
            try:
                found = Analyzer(self._known_helpers).analyze(self._program)
            except RecursionError:
                raise too_deep(self.source, "parse") from None
            references = self._references = tuple(found)
        return references

    def _names(self, kind: str) -> frozenset[str]:
        return frozenset(ref.name for ref in self.references if ref.kind == kind)

    @property
    def helpers_used(self) -> frozenset[str]:
        """Names of the helpers the template calls."""
        return self._names("helper")

    @property
    def variables_used(self) -> frozenset[str]:
        """Dotted paths of the root-context variables the template reads."""
        return self._names("variable")

    @property
    def partials_used(self) -> frozenset[str]:
        """Names of the partials the template includes (``@partial-block`` included)."""
        return self._names("partial")

    @property
    def inline_partials(self) -> frozenset[str]:
        """Names of the inline partials the template defines."""
        return self._names("inline-partial")

    @property
    def program(self) -> Program:
        """The root of the syntax tree (after whitespace control and the compile pass)."""
        return self._program

    def without_escaping(self) -> Template:
        """This template as handlebars.js compiles it with ``noEscape: true``: every
        ``{{expr}}`` writes its value as is, like ``{{{expr}}}``. For output that is not HTML,
        such as a URL in a mail header."""
        program = copy.deepcopy(self._program)
        for node in _nodes(program):
            if isinstance(node, MustacheStatement):
                node.escaped = False
        return Template(self.source, program, self.references)

    def render(
        self, context: Any = UNDEFINED, *, helpers: Mapping[str, Helper] | None = None
    ) -> str:
        """Render with ``context`` as ``this``; ``helpers`` add to (or replace) the built-ins.

        A helper is called as ``helper(*params, options)`` (see :class:`HelperOptions`).
        Raises :class:`HandlebarsRuntimeError` where handlebars.js would throw.

        A template rendered once (a preview) is rendered by walking its tree, which costs
        less than compiling it; rendered again with the same ``helpers`` mapping, it is
        compiled (:meth:`compile`) and the compiled form serves every later render.
        """
        cached = self._compiled.get(id(helpers))
        if cached is not None and cached[0] is helpers:
            return cached[1].render(context)
        walked = self._walked
        if walked and walked[0] is helpers:
            return self.compile(helpers).render(context)
        self._walked = [helpers]
        try:
            return walk(self._program, helpers, context, self.source)
        except HandlebarsNestingError:
            # The compiled form recurses less per level: it may follow where the walk can't.
            return self.compile(helpers).render(context)

    def compile(self, helpers: Mapping[str, Helper] | None = None) -> CompiledTemplate:
        """The template compiled into Python closures bound to ``helpers`` (in addition to
        the built-ins): call ``.render(context)`` on it as often as needed.

        The result is cached per helpers mapping (by identity, for the last few mappings),
        so rendering the same template with the same mapping compiles it once. The mapping
        is read when compiling: change it, and pass it again as a new mapping.
        """
        key = id(helpers)
        cached = self._compiled.get(key)
        if cached is not None and cached[0] is helpers:
            return cached[1]
        compiled = CompiledTemplate(self._program, helpers, source=self.source)
        if len(self._compiled) >= self._COMPILED_CACHE_SIZE:
            self._compiled.clear()
        # The mapping is kept with its compiled form, so its id cannot be reused meanwhile.
        self._compiled[key] = (helpers, compiled)
        return compiled

    def __repr__(self) -> str:
        preview = self.source if len(self.source) <= 40 else self.source[:37] + "..."
        return f"Template({preview!r})"


def parse(source: str, *, known_helpers: Iterable[str] = ()) -> Template:
    """Parse ``source``; raise :class:`HandlebarsSyntaxError` where handlebars.js would.

    ``known_helpers`` are names that count as helpers even when used bare (``{{uuid}}``):
    pass the helper names your renderer provides so ``helpers_used`` and
    ``variables_used`` classify such names correctly. The built-ins always count.
    Results are cached: parsing the same template again costs nothing.
    """
    return _parse(source, frozenset(known_helpers))


@lru_cache(maxsize=512)
def _parse(source: str, known_helpers: frozenset[str]) -> Template:
    try:
        program = parse_source(source)
        Compiler().compile(program)
    except RecursionError:
        raise too_deep(source, "parse") from None
    return Template(source, program, known_helpers=known_helpers)


def _nodes(value: Any) -> Iterator[Node]:
    """Every syntax-tree node in ``value`` (a node, or a list or tuple of them), depth first."""
    if isinstance(value, list | tuple):
        for item in value:
            yield from _nodes(item)
    elif isinstance(value, Node):
        yield value
        for cls in type(value).__mro__:
            for slot in getattr(cls, "__slots__", ()):
                if slot != "loc":
                    yield from _nodes(getattr(value, slot, None))


def render(
    template: str | Template,
    context: Any = UNDEFINED,
    *,
    helpers: Mapping[str, Helper] | None = None,
) -> str:
    """Render a template (source text or a parsed :class:`Template`) with ``context``.

    Equivalent to ``Handlebars.compile(template)(context)`` in handlebars.js with
    ``helpers`` registered in addition to the built-in ones.
    """
    parsed = template if isinstance(template, Template) else parse(template)
    return parsed.render(context, helpers=helpers)
