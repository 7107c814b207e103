"""Compile a template once into Python closures, for rendering it many times (bulk sends).

:class:`~._runtime.Renderer` walks the syntax tree on every render, deciding again at each
node what to do. :class:`CompiledTemplate` makes those decisions once: every statement,
expression and path of the tree becomes a small closure specialised for its shape (a
one-segment path reads one dict key; a helper call with one argument calls the helper bound
at compile time directly), so rendering only runs the closures. The semantics are the
renderer's, step for step (the same helpers, the same ``helperMissing``/``blockHelperMissing``
choices, the same value concatenation), which the handlebars.js differential corpus checks.

Programs become generated Python functions (:func:`_generated_program`): plain mustaches,
helper calls with plain arguments, ``{{#if}}`` blocks over text and the loops of ``{{#each}}``
and list sections are written into their code, which holds only generated names (template
text stays in the namespace), so one shape of code is compiled once (:data:`_CODE_CACHE`),
when first run. Templates that use partials or decorators (``{{> name}}``,
``{{#*inline}}``) walk those with the tree-walking renderer; every statement below them
without either runs compiled.

A compiled template keeps no state between renders: it may render from several threads at
once, and from within its own helpers.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ._ast import (
    BlockStatement,
    CommentStatement,
    ContentStatement,
    Expression,
    Hash,
    Literal,
    MustacheStatement,
    PartialStatement,
    PathExpression,
    Program,
    SubExpression,
)
from ._compiler import KNOWN_HELPERS, is_simple
from ._errors import HandlebarsRuntimeError
from ._js import (
    _MAX_SAFE_INTEGER,
    _NEEDS_ESCAPE,
    NULL_CONTEXT,
    UNDEFINED,
    escape_expression,
    lookup_property,
    loose_equals,
    object_keys,
    to_string,
    truthy,
)
from ._js import (
    escape_text as _escape_text,
)
from ._lexer import too_deep
from ._runtime import (
    BUILTIN_HELPERS,
    Helper,
    HelperOptions,
    Renderer,
    _Env,
    _finish_program,
    _noop,
    _not_a_function,
    _Statement,
    block_helper_missing,
    create_frame,
    hash_pairs,
    helper_missing,
)

# A compiled expression or statement: the current environment in, a value out.
_Fn = Callable[[_Env], Any]
_search_escape = _NEEDS_ESCAPE.search


def _uses_partials(program: Program | None) -> bool:
    """Whether a program (or anything below it) has partials or decorators."""
    if program is None:
        return False
    if program.has_decorators:
        return True
    for statement in program.body:
        if isinstance(statement, PartialStatement):
            return True
        if isinstance(statement, BlockStatement) and (
            statement.is_decorator
            or _uses_partials(statement.program)
            or _uses_partials(statement.inverse)
        ):
            return True
        if isinstance(statement, MustacheStatement) and statement.is_decorator:
            return True
    return False


def _constant(value: Any) -> _Fn:
    return lambda env: value


def _this(env: _Env) -> Any:
    context = env.context
    return NULL_CONTEXT if context is None or context is UNDEFINED else context


def _resolve_parts(parts: tuple[str, ...], base: Callable[[_Env], Any], falsy: bool) -> _Fn:
    """Follow ``parts`` from ``base(env)`` like ``_runtime._resolve``."""
    if falsy:

        def resolve_falsy(env: _Env) -> Any:
            value = base(env)
            for part in parts:
                if not truthy(value):
                    return value
                value = (
                    value.get(part, UNDEFINED)
                    if type(value) is dict
                    else lookup_property(value, part)
                )
            return value

        return resolve_falsy
    if len(parts) == 1:
        (part,) = parts

        def resolve_one(env: _Env) -> Any:
            value = base(env)
            if type(value) is dict:
                return value.get(part, UNDEFINED)
            if value is None or value is UNDEFINED:
                return value
            return lookup_property(value, part)

        return resolve_one

    def resolve(env: _Env) -> Any:
        value = base(env)
        for part in parts:
            if type(value) is dict:
                value = value.get(part, UNDEFINED)
            elif value is None or value is UNDEFINED:
                return value
            else:
                value = lookup_property(value, part)
        return value

    return resolve


def _context(env: _Env) -> Any:
    return env.context


def _depth(depth: int) -> _Fn:
    def at_depth(env: _Env) -> Any:
        depths = env.depths
        return depths[depth] if depth < len(depths) else UNDEFINED

    return at_depth


def _data_base(depth: int) -> _Fn:
    def data(env: _Env) -> Any:
        value = env.data
        remaining = depth
        while truthy(value) and remaining:
            value = lookup_property(value, "_parent") if isinstance(value, Mapping) else UNDEFINED
            remaining -= 1
        return value

    return data


def compile_path(path: PathExpression, *, falsy: bool = False) -> _Fn:
    """A path as a closure (``Renderer._path``)."""
    parts = tuple(path.parts)
    if path.block_param is not None:
        depth, index = path.block_param

        def block_param(env: _Env) -> Any:
            frame = env.block_params
            for _ in range(depth):
                frame = frame[1] if frame is not None else None
            values = frame[0] if frame is not None else None
            if values is None:
                raise HandlebarsRuntimeError(
                    f"Cannot read properties of undefined (reading '{index}')"
                )
            return values[index] if index < len(values) else UNDEFINED

        return _resolve_parts(parts[1:], block_param, False) if parts[1:] else block_param
    if not parts or not parts[0]:
        return _context if path.depth == 0 else _depth(path.depth)
    if path.data:
        return _resolve_parts(parts, _data_base(path.depth), True)
    base = _context if path.depth == 0 else _depth(path.depth)
    return _resolve_parts(parts, base, falsy)


#: Renderers (which keep no per-render state) of the last few helper mappings walked with.
_RENDERERS: dict[int, tuple[Mapping[str, Helper] | None, Renderer]] = {}


def walk(
    program: Program, helpers: Mapping[str, Helper] | None, context: Any, source: str = ""
) -> str:
    """Render ``program`` once by walking its tree (``Renderer``), without compiling it."""
    cached = _RENDERERS.get(id(helpers))
    if cached is not None and cached[0] is helpers:
        renderer = cached[1]
    else:
        renderer = Renderer(helpers)
        if len(_RENDERERS) >= 8:
            _RENDERERS.clear()
        # The mapping is kept with its renderer, so its id cannot be reused meanwhile.
        _RENDERERS[id(helpers)] = (helpers, renderer)
    try:
        return renderer.render(program, context)
    except RecursionError:
        raise too_deep(source, "render") from None


class CompiledTemplate:
    """A template compiled into closures, bound to one set of helpers.

    ``render(context)`` gives the same string as ``Renderer(helpers).render(program,
    context)``; it raises :class:`HandlebarsRuntimeError` in the same cases.
    """

    __slots__ = (
        "_block_helper_missing",
        "_fallback",
        "_helper_missing",
        "_helpers",
        "_main",
        "_source",
    )

    def __init__(
        self,
        program: Program,
        helpers: Mapping[str, Helper] | None = None,
        *,
        source: str = "",
    ):
        merged: dict[str, Helper] = dict(BUILTIN_HELPERS)
        if helpers:
            merged.update(helpers)
        self._helper_missing: Helper = merged.pop("helperMissing", helper_missing)
        self._block_helper_missing: Helper = merged.pop("blockHelperMissing", block_helper_missing)
        self._helpers = merged
        # The template's text, for the depth a HandlebarsNestingError reports.
        self._source = source
        self._fallback: tuple[Renderer, Program] | None = None
        try:
            if _uses_partials(program):
                # Partials and decorators are walked; every statement below them that has
                # neither runs compiled.
                compiled: dict[int, _Fn] = {}
                self._compile_partial_free(program, compiled)
                self._fallback = (Renderer(helpers, compiled), program)
                self._main: _Fn = _constant("")
            else:
                self._main = self._program(program)
        except RecursionError:
            raise too_deep(source, "compile") from None

    def render(self, context: Any = UNDEFINED) -> str:
        """Render with ``context`` as the root ``this`` and ``@root``."""
        try:
            if self._fallback is not None:
                renderer, program = self._fallback
                return renderer.render(program, context)
            # What running the main program from an empty environment does (_run): the
            # context becomes the first parent context unless it is null or undefined.
            depths = () if context is None or context is UNDEFINED else (context,)
            main = self._main
            compiled = getattr(main, "_compiled", None)
            if compiled:  # a generated program already compiled: call it directly
                main = compiled[0]
            result = main(_Env(context, depths, {"root": context}, (None, None)))
            return result if type(result) is str else to_string(result)
        except RecursionError:
            raise too_deep(self._source, "render") from None

    # -- programs ------------------------------------------------------------------------

    def _compile_partial_free(self, program: Program | None, compiled: dict[int, _Fn]) -> None:
        """Compile the outermost statements of ``program`` whose subtree has no partial and
        no decorator (by id, for the walking renderer to run)."""
        if program is None:
            return
        for statement in program.body:
            if isinstance(statement, MustacheStatement) and not statement.is_decorator:
                compiled[id(statement)] = self._mustache(statement)
            elif isinstance(statement, BlockStatement):
                if (
                    statement.is_decorator
                    or _uses_partials(statement.program)
                    or _uses_partials(statement.inverse)
                ):
                    self._compile_partial_free(statement.program, compiled)
                    self._compile_partial_free(statement.inverse, compiled)
                else:
                    compiled[id(statement)] = self._block(statement)
            elif isinstance(statement, PartialStatement):
                self._compile_partial_free(statement.program, compiled)

    def _program(self, program: Program) -> _Fn:
        """A program as a closure of its environment (``Renderer._program``)."""
        pieces: list[_Fn] = []
        constants: list[str | None] = []
        always_text = True
        for statement in program.body:
            if isinstance(statement, CommentStatement):
                continue
            if isinstance(statement, ContentStatement):
                if statement.value:
                    pieces.append(_constant(statement.value))
                    constants.append(statement.value)
                continue
            if isinstance(statement, MustacheStatement):
                pieces.append(self._mustache(statement))
                always_text = always_text and statement.escaped
            elif isinstance(statement, BlockStatement):
                block = self._block(statement)
                pieces.append(block)
                always_text = always_text and getattr(block, "_text", False)
            else:  # pragma: no cover - partials take the fallback path
                raise AssertionError(type(statement).__name__)
            constants.append(None)
        body_length = len(program.body)
        if not pieces:
            return _constant("")
        if all(constant is not None for constant in constants):
            text = "".join(constants)  # type: ignore[arg-type]
            constant_fn = _constant(text)
            constant_fn._body = ([constant_fn], [text])  # type: ignore[attr-defined]
            return constant_fn
        if always_text and len(pieces) == 1:
            only = pieces[0]
            only._body = (pieces, constants)  # type: ignore[attr-defined]
            return only
        if len(pieces) <= _MAX_GENERATED_PIECES:
            return _generated_program(pieces, constants, always_text, body_length)
        fns = tuple(pieces)
        if always_text:

            def text_program(env: _Env) -> Any:
                return "".join([fn(env) for fn in fns])

            return text_program

        def program_fn(env: _Env) -> Any:
            out = [fn(env) for fn in fns]
            for piece in out:
                if type(piece) is not str:
                    return _finish_program(body_length, out)
            return "".join(out)

        return program_fn

    # -- statements ----------------------------------------------------------------------

    def _mustache(self, node: MustacheStatement) -> _Fn:
        fused = self._plain_mustache(node)
        if fused is not None:
            return fused
        value = self._call(node, None, None)
        inline_call = self._inline_call(node)
        if node.escaped:

            def escaped(env: _Env) -> str:
                result = value(env)
                if type(result) is str:
                    return _escape_text(result) if _search_escape(result) else result
                return escape_expression(result)

            escaped._call_inline = inline_call  # type: ignore[attr-defined]
            return escaped

        def unescaped(env: _Env) -> Any:
            result = value(env)
            return "" if result is None or result is UNDEFINED else result

        unescaped._call_inline = inline_call  # type: ignore[attr-defined]
        return unescaped

    def _inline_call(self, node: MustacheStatement) -> tuple[Any, ...] | None:
        """``{{helper a "b" @index}}``: a registered helper (not a built-in) called with
        literals and plain paths and no hash, described for a generated program to write
        the call into its code (:class:`_Body`): the helper, its name, its arguments (a
        literal's value, or an :class:`_Inline` reading the path), whether it is escaped."""
        path = node.path
        if node.kind != "helper" or node.hash is not None or not 1 <= len(node.params) <= 3:
            return None
        if not isinstance(path, PathExpression) or not is_simple(path):
            return None
        name = path.parts[0]
        helper = self._helpers.get(name)
        if name in KNOWN_HELPERS or helper is None:
            return None
        arguments: list[Any] = []
        for param in node.params:
            if isinstance(param, Literal):
                arguments.append(("literal", param.value))
                continue
            if not isinstance(param, PathExpression) or param.block_param is not None:
                return None
            parts = tuple(param.parts)
            if (parts and not parts[0]) or (not parts and (param.data or param.depth)):
                return None
            if param.data and param.depth:
                return None
            read = _Inline(parts, param.depth, param.data, False, False, _constant(None), True)
            arguments.append(("path", read))
        return (helper, path.original, arguments, node.escaped)

    def _plain_mustache(self, node: MustacheStatement) -> _Fn | None:
        """``{{name.path}}``, ``{{../name}}`` or ``{{@index}}`` reading a value (no helper of
        that name) as one closure: the lookup, ``helperMissing`` for a missing ambiguous name,
        the escaping. The closure carries a :class:`_Inline` description, from which
        :func:`_generated_program` writes the same steps into the program's own code."""
        path = node.path
        if node.kind == "helper" or not isinstance(path, PathExpression):
            return None
        parts = tuple(path.parts)
        if path.block_param is not None or (parts and not parts[0]):
            return None
        if not parts and (path.data or path.depth):
            return None
        if path.data and path.depth:
            return None
        ambiguous = node.kind == "ambiguous"
        if ambiguous and self._helpers.get(parts[0]) is not None:
            return None
        name = parts[0] if parts else ""
        depth = path.depth
        data = path.data
        escaped = node.escaped
        missing_hook = self._helper_missing

        def missing(env: _Env) -> Any:
            context = env.context
            this = NULL_CONTEXT if context is None or context is UNDEFINED else context
            return missing_hook(HelperOptions(name, {}, this, env.data, None, None))

        def plain(env: _Env) -> Any:
            if data:
                value = env.data
                for part in parts:
                    if type(value) is dict:
                        value = value.get(part, UNDEFINED)
                    elif truthy(value):
                        value = lookup_property(value, part)
                    else:
                        break
            else:
                if depth:
                    depths = env.depths
                    value = depths[depth] if depth < len(depths) else UNDEFINED
                else:
                    value = env.context
                for part in parts:
                    if type(value) is dict:
                        value = value.get(part, UNDEFINED)
                    elif value is None or value is UNDEFINED:
                        break
                    else:
                        value = lookup_property(value, part)
            if value is None or value is UNDEFINED:
                if ambiguous:
                    value = missing(env)
                if value is None or value is UNDEFINED:
                    return ""
            if escaped:
                if type(value) is str:
                    return _escape_text(value) if _search_escape(value) else value
                return _escape_value(value)
            return value

        builtin_missing = missing_hook is helper_missing
        plain._inline = _Inline(  # type: ignore[attr-defined]
            parts, depth, data, ambiguous, escaped, missing, builtin_missing
        )
        return plain

    def _block(self, node: BlockStatement) -> _Fn:
        program = self._program(node.program) if node.program is not None else None
        inverse = self._program(node.inverse) if node.inverse is not None else None
        value = self._call(node, program, inverse)
        if node.kind == "ambiguous":
            statement = lambda env: _Statement(value(env))  # noqa: E731
            statement._statement_value = value  # type: ignore[attr-defined]
            return statement
        if_leaf = getattr(value, "_if_leaf", None)

        def block(env: _Env) -> Any:
            result = value(env)
            return "" if result is None or result is UNDEFINED else result

        if getattr(value, "_text", False):
            block._text = True  # type: ignore[attr-defined]
        if if_leaf is not None:
            block._if_leaf = if_leaf  # type: ignore[attr-defined]
            block._if_depth = value._if_depth  # type: ignore[attr-defined]
        return block

    # -- calls ---------------------------------------------------------------------------

    def _expression(self, node: Expression) -> _Fn:
        if isinstance(node, PathExpression):
            return compile_path(node)
        if isinstance(node, Literal):
            return _constant(node.value)
        if isinstance(node, SubExpression):
            return self._call(node, None, None)
        raise HandlebarsRuntimeError(f"unexpected expression {type(node).__name__}")

    def _hash(self, hash: Hash | None) -> Callable[[_Env], dict[str, Any]] | None:
        if hash is None:
            return None
        pairs = tuple((key, self._expression(value)) for key, value in hash_pairs(hash))

        def build(env: _Env) -> dict[str, Any]:
            return {key: fn(env) for key, fn in pairs}

        return build

    def _call(
        self,
        node: MustacheStatement | BlockStatement | SubExpression,
        program: _Fn | None,
        inverse: _Fn | None,
    ) -> _Fn:
        """A call as a closure (``Renderer._call``); ``program``/``inverse`` for blocks."""
        path = node.path
        assert isinstance(path, PathExpression)
        # A block always passes options.fn/options.inverse (a no-op for a missing section).
        is_block = isinstance(node, BlockStatement)
        if node.kind == "helper":
            return self._helper_call(node, path, program, inverse, is_block)
        options = _options_factory(program, inverse, is_block)
        # A section over a non-empty list ({{#items}}...{{/items}}) iterates like #each
        # (blockHelperMissing calls helper_each): the generated loop does it.
        body = getattr(program, "_body", None)
        loop = (
            _generated_each(body)
            if is_block and body is not None and self._block_helper_missing is block_helper_missing
            else None
        )
        if node.kind == "simple":
            value = compile_path(path)
            if not is_block:
                return value
            label = path.original
            missing = self._block_helper_missing

            def simple_block(env: _Env) -> Any:
                result = value(env)
                if loop is not None and type(result) is list and result:
                    return loop(env, result, None)
                return missing(result, options(label, {}, env, env.context))

            return simple_block
        name = path.parts[0]
        helper = self._helpers.get(name)
        if helper is not None:
            bound = helper

            def known(env: _Env) -> Any:
                return bound(options(name, {}, env, _this(env)))

            return known
        value = compile_path(path)
        helper_missing_hook = self._helper_missing
        block_missing = self._block_helper_missing

        def ambiguous(env: _Env) -> Any:
            result = value(env)
            if result is None or result is UNDEFINED:
                result = helper_missing_hook(options(name, {}, env, _this(env)))
            if not is_block:
                return result
            if loop is not None and type(result) is list and result:
                return loop(env, result, None)
            return block_missing(result, options("", {}, env, env.context))

        return ambiguous

    def _helper_call(
        self,
        node: MustacheStatement | BlockStatement | SubExpression,
        path: PathExpression,
        program: _Fn | None,
        inverse: _Fn | None,
        block: bool,
    ) -> _Fn:
        params = tuple(self._expression(param) for param in node.params)
        hash_fn = self._hash(node.hash)
        options = _options_factory(program, inverse, block)
        name = path.parts[0] if path.parts else None
        helper: Helper | None
        value_check: _Fn | None = None
        if name is not None and name in KNOWN_HELPERS:
            helper = self._helpers.get(name)
            label = name
            if helper is None:
                message = f"helpers.{name} is not a function"

                def not_registered(env: _Env) -> Any:
                    for param in params:
                        param(env)
                    if hash_fn is not None:
                        hash_fn(env)
                    raise HandlebarsRuntimeError(message)

                return not_registered
        else:
            label = path.original
            helper = self._helpers.get(label) if is_simple(path) else None
            if helper is None:
                value_check = compile_path(path, falsy=True)
                helper = self._helper_missing
        bound: Helper = helper
        generic = self._generic_call(params, hash_fn, options, label, bound, value_check, block)
        if block and value_check is None and hash_fn is None and len(params) == 1:
            (first,) = params
            if name in ("if", "unless") and bound is BUILTIN_HELPERS[name]:
                return _inline_if(first, program, inverse, name == "unless", node.params[0])
            if name == "each" and bound is BUILTIN_HELPERS["each"] and program is not None:
                body = getattr(program, "_body", None)
                if body is not None:
                    each = _each_list(first, _generated_each(body), generic)
                    if inverse is None or getattr(inverse, "_body", None) is not None:
                        each._text = True  # type: ignore[attr-defined]
                    return each
                return _inline_each(first, program, generic)
        return generic

    def _generic_call(
        self,
        params: tuple[_Fn, ...],
        hash_fn: Callable[[_Env], dict[str, Any]] | None,
        options: Callable[[str, dict[str, Any], _Env, Any], HelperOptions],
        label: str,
        bound: Helper,
        value_check: _Fn | None,
        block: bool,
    ) -> _Fn:
        if value_check is not None:
            check = value_check

            def missing_call(env: _Env) -> Any:
                args = [param(env) for param in params]
                hash_value = hash_fn(env) if hash_fn is not None else {}
                # A value in the context is data, never a function: calling it fails.
                if truthy(check(env)):
                    raise _not_a_function(label)
                return bound(*args, options(label, hash_value, env, _this(env)))

            return missing_call
        if hash_fn is None and len(params) == 1 and not block:
            (only,) = params

            def call_one_inline(env: _Env) -> Any:
                argument = only(env)
                context = env.context
                this = NULL_CONTEXT if context is None or context is UNDEFINED else context
                return bound(argument, HelperOptions(label, {}, this, env.data, None, None))

            return call_one_inline
        if hash_fn is None and len(params) == 1:
            (first,) = params

            def call_one(env: _Env) -> Any:
                argument = first(env)
                return bound(argument, options(label, {}, env, _this(env)))

            return call_one
        if hash_fn is None and len(params) == 2:
            first, second = params

            def call_two(env: _Env) -> Any:
                a = first(env)
                b = second(env)
                return bound(a, b, options(label, {}, env, _this(env)))

            return call_two

        def call(env: _Env) -> Any:
            args = [param(env) for param in params]
            hash_value = hash_fn(env) if hash_fn is not None else {}
            return bound(*args, options(label, hash_value, env, _this(env)))

        return call


class _Inline:
    """What a plain mustache does, for :func:`_generated_program` to write it inline."""

    __slots__ = ("ambiguous", "builtin_missing", "data", "depth", "escaped", "missing", "parts")

    def __init__(
        self,
        parts: tuple[str, ...],
        depth: int,
        data: bool,
        ambiguous: bool,
        escaped: bool,
        missing: _Fn,
        builtin_missing: bool,
    ) -> None:
        self.parts = parts
        self.depth = depth
        self.data = data
        self.ambiguous = ambiguous
        self.escaped = escaped
        self.missing = missing
        # The helperMissing hook is the built-in one: a missing name renders empty.
        self.builtin_missing = builtin_missing

    @property
    def reads_context(self) -> bool:
        """Whether it starts from ``this`` (the ``ctx`` local of the generated code)."""
        return not self.data and not self.depth

    @property
    def needs_env(self) -> bool:
        """Whether its code calls the custom helperMissing hook with ``env``."""
        return self.ambiguous and not self.builtin_missing

    def source(
        self,
        index: int,
        namespace: dict[str, Any],
        indent: str = "    ",
        prefix: str = "",
        ctx: str = "ctx",
        cd: str = "cd",
        dps: str = "dps",
        raw: bool = False,
    ) -> list[str]:
        """Lines that leave the piece's output in ``v<index>`` (names ``p<index>_<n>`` and
        ``m<index>`` are added to ``namespace``). The code reads ``this`` from the local
        ``ctx`` (``cd``: whether it is a dict), ``@data`` from ``data`` and the parent
        contexts from ``dps``; a custom helperMissing is called with ``env``."""
        v = f"{prefix}v{index}"
        keys = []
        for number, part in enumerate(self.parts):
            key = f"{prefix}p{index}_{number}"
            namespace[key] = part
            keys.append(key)
        lines = []
        rest = keys
        if self.data:
            lines.append(f"{v} = data")
        elif self.depth:
            lines.append(f"{v} = {dps}[{self.depth}] if {self.depth} < len({dps}) else U")
        elif keys:
            lines.append(f"{v} = {ctx}.get({keys[0]}, U) if {cd} else _get1({ctx}, {keys[0]})")
            rest = keys[1:]
        else:
            lines.append(f"{v} = {ctx}")
        for key in rest:
            lines.append(f"if type({v}) is dict: {v} = {v}.get({key}, U)")
            if self.data:
                lines.append(f"elif _truthy({v}): {v} = _lookup({v}, {key})")
            else:
                lines.append(f"elif {v} is not None and {v} is not U: {v} = _lookup({v}, {key})")
        if raw:  # the value itself (a helper's argument)
            return [indent + line for line in lines]
        if self.ambiguous and not self.builtin_missing:
            namespace[f"{prefix}m{index}"] = self.missing
            found = f"{v} = {prefix}m{index}(env)"
            if self.escaped:
                missing = [found, f"{v} = '' if {v} is None or {v} is U else _escape({v})"]
            else:
                missing = [found, f"if {v} is None or {v} is U: {v} = ''"]
        else:
            missing = [f"{v} = ''"]
        if self.escaped and missing == [f"{v} = ''"]:
            # _escape gives "" for null/undefined
            text = f"({v} if _search({v}) is None else _esc({v}))"
            lines.append(f"{v} = {text} if type({v}) is str else _escape({v})")
        elif self.escaped:
            lines.append(f"if type({v}) is str:")
            lines.append(f"    if _search({v}): {v} = _esc({v})")
            lines.append(f"elif {v} is None or {v} is U:")
            lines.extend("    " + line for line in missing)
            lines.append(f"else: {v} = _escape({v})")
        else:
            lines.append(f"if {v} is None or {v} is U:")
            lines.extend("    " + line for line in missing)
        return [indent + line for line in lines]


def _get1(value: Any, key: str) -> Any:
    """One step of a path from a value that is not a dict (``null``/``undefined`` stay)."""
    if value is None or value is UNDEFINED:
        return value
    if type(value) is str and key != "length" and not key[:1].isdigit():
        return UNDEFINED  # a string's own properties: its length and its indexes
    return lookup_property(value, key)


def _escape_value(value: Any) -> str:
    """``escape_expression`` with a shortcut for an endpoint attribute (a one-string list)."""
    if type(value) is list and len(value) == 1 and type(value[0]) is str:
        text: str = value[0]
        return _escape_text(text) if _search_escape(text) else text
    if type(value) is int and -_MAX_SAFE_INTEGER <= value <= _MAX_SAFE_INTEGER:
        return str(value)  # digits and a sign: nothing to escape
    return escape_expression(value)


#: Programs with at most this many pieces get a generated function (see below).
_MAX_GENERATED_PIECES = 256


def _namespace() -> dict[str, Any]:
    return {
        "_finish": _finish_program,
        "U": UNDEFINED,
        "_lookup": lookup_property,
        "_get1": _get1,
        "_truthy": truthy,
        "_search": _search_escape,
        "_esc": _escape_text,
        "_escape": _escape_value,
        "_frame": create_frame,
        "_loose": loose_equals,
        "_NULL": NULL_CONTEXT,
        "_Env": _Env,
        "_str": to_string,
        "_Stmt": _Statement,
        "_falsy": _falsy,
        "_push": _push,
        "_Opts": HelperOptions,
    }


class _Body:
    """The code of a program's statements, written into a generated function: lines that
    compute ``<prefix>v<i>`` for each statement from the locals ``env``, ``ctx``
    (``this``), ``cd`` (whether ``ctx`` is a dict), ``data`` (``@data``) and ``dps`` (the
    parent contexts). A ``{{#if}}`` whose sections are leaves (:func:`_leaf_section`) is
    written inline, its sections' code under the condition."""

    def __init__(
        self,
        pieces: list[_Fn],
        constants: list[str | None],
        namespace: dict[str, Any],
        prefix: str = "",
        ctx: str = "ctx",
        cd: str = "cd",
        dps: str = "dps",
    ) -> None:
        self.names: list[str] = []
        self.lines: list[str] = []
        self.text_values: set[str] = set()
        self.reads_context = self.reads_data = self.reads_depths = self.needs_env = False
        for index, (piece, constant) in enumerate(zip(pieces, constants, strict=True)):
            name = f"{prefix}v{index}"
            if constant is not None:
                namespace[f"{prefix}c{index}"] = constant
                self.names.append(f"{prefix}c{index}")
                continue
            self.names.append(name)
            inline: _Inline | None = getattr(piece, "_inline", None)
            if_leaf = getattr(piece, "_if_leaf", None)
            statement = getattr(piece, "_statement_value", None)
            call = getattr(piece, "_call_inline", None)
            if call is not None:
                self._call(call, f"{prefix}k{index}_", name, namespace, ctx, cd, dps)
            elif inline is not None:
                self.lines.extend(inline.source(index, namespace, "", prefix, ctx, cd, dps))
                self.reads_context = self.reads_context or inline.reads_context
                self.reads_data = self.reads_data or inline.data
                self.reads_depths = self.reads_depths or bool(inline.depth)
                self.needs_env = self.needs_env or inline.needs_env
                if inline.escaped:
                    self.text_values.add(name)
            elif if_leaf is not None:
                self._if(if_leaf, f"{prefix}i{index}_", name, namespace, ctx, cd, dps)
                self.text_values.add(name)
            elif statement is not None:
                # {{#value}}...{{/value}}: appended with a statement, as handlebars.js does;
                # text (or nothing) joins like any text, anything else goes to _finish.
                namespace[f"{prefix}f{index}"] = statement
                self.lines.append(f"{name} = {prefix}f{index}(env)")
                self.lines.append(f"if type({name}) is not str:")
                self.lines.append(
                    f"    {name} = '' if {name} is None or {name} is U else _Stmt({name})"
                )
                self.needs_env = True
            else:
                namespace[f"{prefix}f{index}"] = piece
                self.lines.append(f"{name} = {prefix}f{index}(env)")
                self.needs_env = True
                if getattr(piece, "_text", False):
                    self.text_values.add(name)

    def _call(
        self,
        call: tuple[Any, ...],
        prefix: str,
        name: str,
        namespace: dict[str, Any],
        ctx: str,
        cd: str,
        dps: str,
    ) -> None:
        """A helper call as in ``call_one_inline``: ``helper(*arguments, options)``."""
        helper, label, arguments, escaped = call
        namespace[f"{prefix}h"] = helper
        namespace[f"{prefix}l"] = label
        names = []
        for number, (kind, value) in enumerate(arguments):
            if kind == "literal":
                namespace[f"{prefix}lit{number}"] = value
                names.append(f"{prefix}lit{number}")
                continue
            self.lines.extend(value.source(number, namespace, "", f"{prefix}a", ctx, cd, dps, True))
            names.append(f"{prefix}av{number}")
            self.reads_depths = self.reads_depths or bool(value.depth)
        self.reads_context = self.reads_data = True
        this = f"({ctx} if {ctx} is not None and {ctx} is not U else _NULL)"
        options = f"_Opts({prefix}l, {{}}, {this}, data, None, None)"
        self.lines.append(f"{name} = {prefix}h({', '.join(names)}, {options})")
        if escaped:
            text = f"({name} if _search({name}) is None else _esc({name}))"
            self.lines.append(f"{name} = {text} if type({name}) is str else _escape({name})")
            self.text_values.add(name)
        else:
            self.lines.append(f"if {name} is None or {name} is U: {name} = ''")

    def _if(
        self,
        if_leaf: tuple[_Fn, Any, Any, bool],
        prefix: str,
        name: str,
        namespace: dict[str, Any],
        ctx: str,
        cd: str,
        dps: str,
    ) -> None:
        condition, program, inverse, unless = if_leaf
        self.reads_context = True
        if isinstance(condition, _Inline):
            self.lines.extend(condition.source(0, namespace, "", prefix + "t", ctx, cd, dps))
            self.reads_data = self.reads_data or condition.data
            test = f"{prefix}tv0"
        else:
            namespace[f"{prefix}cond"] = condition
            self.needs_env = True  # the condition is a closure of the environment
            test = f"{prefix}cond(env)"
        # The sections run with `this` as handlebars.js's options.context: {} for null.
        inner_ctx, inner_cd, inner_dps = f"{prefix}ctx", f"{prefix}cd", f"{prefix}dps"
        branches = []
        for section, branch in ((program, "a"), (inverse, "b")):
            if section is None:
                branches.append([f"{name} = ''"])
                continue
            body = _Body(
                section[0], section[1], namespace, prefix + branch, inner_ctx, inner_cd, inner_dps
            )
            self.reads_data = self.reads_data or body.reads_data
            self.reads_context = self.reads_context or body.reads_context
            lines = []
            if body.reads_depths:
                # the parent contexts as the section's program sees them (_run)
                self.reads_depths = True
                lines.append(f"{inner_dps} = _push({inner_ctx}, {dps})")
            lines += body.lines
            lines.append(f'{name} = f"{"".join(f"{{{n}}}" for n in body.names)}"')
            branches.append(lines)
        self.lines.append(f"if _falsy({test}) == {unless}:")
        self.lines.append(
            f"    {inner_ctx} = {ctx} if {ctx} is not None and {ctx} is not U else _NULL"
        )
        self.lines.append(f"    {inner_cd} = type({inner_ctx}) is dict")
        self.lines.extend("    " + line for line in branches[0])
        self.lines.append("else:")
        self.lines.append(
            f"    {inner_ctx} = {ctx} if {ctx} is not None and {ctx} is not U else _NULL"
        )
        self.lines.append(f"    {inner_cd} = type({inner_ctx}) is dict")
        self.lines.extend("    " + line for line in branches[1])


def _indented(lines: list[str], indent: str) -> list[str]:
    return [indent + line for line in lines]


def _generated_program(
    pieces: list[_Fn], constants: list[str | None], always_text: bool, body_length: int
) -> _Fn:
    """A program as one generated function that computes its statements inline (or calls
    their closures) and joins their output with an f-string (the constant text in between
    included), instead of a loop over closures.

    The source holds only generated names (``c0``, ``f1``, ``v1``), never template text.
    An always-text program also keeps its pieces (``_body``), so that an ``{{#each}}`` over
    it can write the same code into its loop (:func:`_generated_each`).
    """
    namespace = _namespace()
    namespace["_n"] = body_length
    body = _Body(pieces, constants, namespace)
    joined = "".join(f"{{{name}}}" for name in body.names)
    lines = ["def program(env):", "    data = env.data"]
    if body.reads_context:
        lines += ["    ctx = env.context", "    cd = type(ctx) is dict"]
    if body.reads_depths:
        lines.append("    dps = env.depths")
    lines += _indented(body.lines, "    ")
    if always_text:
        lines.append(f'    return f"{joined}"')
    else:
        check = " and ".join(
            f"type({name}) is str"
            for name in body.names
            if name[0] == "v" and name not in body.text_values
        )
        if check:
            lines.append(f"    if {check}:")
            lines.append(f'        return f"{joined}"')
            lines.append(f"    return _finish(_n, [{', '.join(body.names)}])")
        else:  # pragma: no cover - a program that is not always text has a non-text piece
            lines.append(f'    return f"{joined}"')
    source = "\n".join(lines)
    # Compiled when first run: a section written into its parent's code (an #each loop, an
    # inline {{#if}}) never runs on its own, and is never compiled on its own.
    compiled: list[_Fn] = []

    def program(env: _Env) -> Any:
        if not compiled:
            exec(_code(source, "<handlebars program>"), namespace)
            compiled.append(namespace["program"])
        return compiled[0](env)

    program._compiled = compiled  # type: ignore[attr-defined]
    if always_text:
        program._body = (pieces, constants)  # type: ignore[attr-defined]
    return program


#: Compiled code of generated sources (which hold only generated names, so one shape of
#: program gives one source whatever the template's text): compiled once, run with each
#: program's own namespace.
_CODE_CACHE: dict[str, Any] = {}
_CODE_CACHE_SIZE = 1024


def _code(source: str, filename: str) -> Any:
    code = _CODE_CACHE.get(source)
    if code is None:
        code = compile(source, filename, "exec")
        if len(_CODE_CACHE) >= _CODE_CACHE_SIZE:
            _CODE_CACHE.clear()
        _CODE_CACHE[source] = code
    return code


_Loop = Callable[[_Env, list[Any], "list[str] | None"], str]


def _generated_each(body_pieces: tuple[list[_Fn], list[str | None]]) -> _Loop:
    """``helper_each`` over a non-empty list (or an object's values, ``keys`` its keys), for
    an always-text body, as one generated loop
    whose iterations run the body's code inline (see :func:`_generated_program`): no call
    per item, and an environment, ``@data`` frame or parent-context tuple per item only
    where the body reads one. Same output as :func:`_inline_each`: where the body would see
    them (a helper, a partial, a custom helperMissing), they are all made."""
    pieces, constants = body_pieces
    namespace = _namespace()
    body = _Body(pieces, constants, namespace)
    joined = "".join(f"{{{name}}}" for name in body.names)
    needs_depths = body.reads_depths or body.needs_env
    needs_data = body.reads_data or body.needs_env
    lines = ["def loop(outer, values, keys):", "    out = []", "    append = out.append"]
    if needs_data:
        lines += [
            "    data = outer.data",
            "    frame = _frame(data) if _truthy(data) else None",
            "    if frame is not None: data = frame",
            "    last = len(values) - 1",
        ]
    if needs_depths:
        lines += ["    depths = outer.depths", "    first = depths[0] if depths else U"]
    if body.needs_env:
        lines.append("    params = outer.block_params")
    lines.append(
        "    for index, ctx in enumerate(values):" if needs_data else "    for ctx in values:"
    )
    if needs_data:
        lines += [
            "        key = index if keys is None else keys[index]",
            "        if frame is not None:",
            "            frame['key'] = key",
            "            frame['index'] = index",
            "            frame['first'] = index == 0",
            "            frame['last'] = index == last",
        ]
    if needs_depths:
        lines += [
            "        if type(ctx) is dict and type(first) is dict:",
            "            dps = depths if ctx is first else (ctx, *depths)",
            "        elif not _loose(ctx, first) and not (ctx is _NULL and first is None):",
            "            dps = (ctx, *depths)",
            "        else:",
            "            dps = depths",
        ]
    if body.needs_env:
        lines.append("        env = _Env(ctx, dps, data, ([ctx, key], params))")
    fast = _row_fast_path(pieces, constants, namespace, joined)
    if fast:
        lines += fast
    if body.reads_context:
        lines.append("        cd = type(ctx) is dict")
    lines += _indented(body.lines, "        ")
    lines.append(f'        append(f"{joined}")')
    lines.append('    return "".join(out)')
    # Every name the loop reads is bound as a default argument: a local in the loop.
    bound = ", ".join(f"{name}={name}" for name in sorted(namespace))
    lines[0] = f"def loop(outer, values, keys, {bound}):"
    source = "\n".join(lines)
    compiled: list[_Loop] = []

    def loop(outer: _Env, values: list[Any], keys: list[str] | None = None) -> str:
        if not compiled:  # compiled when first run, like a program
            exec(_code(source, "<handlebars each>"), namespace)
            compiled.append(namespace["loop"])
        return compiled[0](outer, values, keys)

    return loop


def _row_fast_path(
    pieces: list[_Fn], constants: list[str | None], namespace: dict[str, Any], joined: str
) -> list[str]:
    """For a body of text and ``{{name}}`` mustaches (one key of ``this``, escaped, the
    built-in helperMissing): loop lines that, for an item that is a dict whose values there
    are all strings with nothing to escape (the usual row of a list), read the keys and
    append the row with one escape test for them all, then ``continue``; any other item
    goes on to the general code. Empty when the body has another shape."""
    keys = []
    for index, (piece, constant) in enumerate(zip(pieces, constants, strict=True)):
        if constant is not None:
            continue
        inline: _Inline | None = getattr(piece, "_inline", None)
        if (
            inline is None
            or inline.data
            or inline.depth
            or len(inline.parts) != 1
            or not inline.escaped
            or inline.needs_env
        ):
            return []
        namespace[f"p{index}_0"] = inline.parts[0]
        keys.append(index)
    if not keys:
        return []
    lines = ["        if type(ctx) is dict:"]
    lines += [f"            v{i} = ctx.get(p{i}_0, U)" for i in keys]
    strings = " and ".join(f"type(v{i}) is str" for i in keys)
    together = "".join(f"{{v{i}}}" for i in keys)
    lines.append(f'            if {strings} and _search(f"{together}") is None:')
    lines.append(f'                append(f"{joined}")')
    lines.append("                continue")
    return lines


def _each_list(items: _Fn, loop: _Loop, generic: _Fn) -> _Fn:
    """The built-in ``{{#each value}}`` running ``loop`` over a non-empty list, or over the
    values of a non-empty dict whose keys are all strings (in JavaScript's key order, with
    ``@key``); anything else goes through ``helper_each``."""

    def each(env: _Env) -> Any:
        values = items(env)
        if type(values) is list and values:
            return loop(env, values, None)
        if type(values) is dict and values and all(type(key) is str for key in values):
            keys = object_keys(values)
            return loop(env, [values[key] for key in keys], keys)
        return generic(env)

    return each


def _falsy(value: Any) -> bool:
    """What ``{{#if}}`` counts as false: JavaScript falsy, or an empty list."""
    if value is True or value is False:
        return value is False
    return not truthy(value) or (type(value) in (list, tuple) and not value)


def _inline_if(
    condition: _Fn,
    program: _Fn | None,
    inverse: _Fn | None,
    unless: bool,
    argument: Expression | None = None,
) -> _Fn:
    """The built-in ``{{#if value}}`` / ``{{#unless value}}`` (one argument, no hash) inlined:
    ``helper_if`` with its options, without creating them.

    When both sections (those present) are text that reads only ``this`` and ``@data`` (see
    :class:`_Body`), the closure carries them (``_if_leaf``) so that a generated program
    writes the whole block into its own code."""

    def inline_if(env: _Env) -> Any:
        value = condition(env)
        if value is True or value is False:
            falsy = value is False
        else:
            falsy = not truthy(value) or (type(value) in (list, tuple) and not value)
        chosen = program if falsy == unless else inverse
        if chosen is None:
            return ""
        context = env.context
        this = NULL_CONTEXT if context is None or context is UNDEFINED else context
        return _run(chosen, env, this)

    sections = [getattr(section, "_body", None) for section in (program, inverse)]
    if all(
        section is None or body is not None
        for section, body in zip((program, inverse), sections, strict=True)
    ):
        inline_if._text = True  # type: ignore[attr-defined]
        depth = 1 + max((_if_depth(body) for body in sections if body is not None), default=0)
        if depth <= _MAX_INLINE_IF_DEPTH and all(
            body is None or _leaf_section(body) for body in sections
        ):
            # A path of `this` or @data as the condition is read inline too.
            test: _Fn | _Inline = condition
            if (
                isinstance(argument, PathExpression)
                and argument.parts
                and argument.parts[0]
                and argument.block_param is None
                and not argument.depth
            ):
                test = _Inline(
                    tuple(argument.parts), 0, argument.data, False, False, condition, True
                )
            inline_if._if_leaf = (test, sections[0], sections[1], unless)  # type: ignore[attr-defined]
            inline_if._if_depth = depth  # type: ignore[attr-defined]
    return inline_if


#: How deep {{#if}} blocks are written into one another's code (Python's tokenizer allows
#: 100 levels of indentation; deeper blocks run as closures).
_MAX_INLINE_IF_DEPTH = 12


def _if_depth(body: tuple[list[_Fn], list[str | None]]) -> int:
    """How deep inline {{#if}} blocks nest in a section's code."""
    return max((getattr(piece, "_if_depth", 0) for piece in body[0]), default=0)


def _leaf_section(body: tuple[list[_Fn], list[str | None]]) -> bool:
    """Whether a section's code can run in its block's place: text, and plain mustaches of
    ``this`` or ``@data`` (no parent contexts, no environment), or such ``{{#if}}`` blocks."""
    pieces, constants = body
    for piece, constant in zip(pieces, constants, strict=True):
        if constant is not None:
            continue
        inline: _Inline | None = getattr(piece, "_inline", None)
        if inline is not None:
            if inline.needs_env or not inline.escaped:
                return False
            continue
        if getattr(piece, "_if_leaf", None) is None:
            return False
    return True


def _inline_each(items: _Fn, program: _Fn, generic: _Fn) -> _Fn:
    """The built-in ``{{#each list}}`` (one argument, no hash) inlined for a non-empty list;
    anything else (objects, empty lists, other values) goes through ``helper_each``."""

    def inline_each(env: _Env) -> Any:
        values = items(env)
        if type(values) is not list or not values:
            return generic(env)
        outer_data = env.data
        data = create_frame(outer_data) if truthy(outer_data) else None
        depths = env.depths
        first = depths[0] if depths else UNDEFINED
        outer_params = env.block_params
        last = len(values) - 1
        pieces: list[str] = []
        append = pieces.append
        for index, value in enumerate(values):
            if data is not None:
                data["key"] = index
                data["index"] = index
                data["first"] = index == 0
                data["last"] = index == last
                frame_data = data
            else:
                frame_data = outer_data
            if type(value) is dict and type(first) is dict:
                inner_depths = depths if value is first else (value, *depths)
            elif not loose_equals(value, first) and not (value is NULL_CONTEXT and first is None):
                inner_depths = (value, *depths)
            else:
                inner_depths = depths
            result = program(_Env(value, inner_depths, frame_data, ([value, index], outer_params)))
            append(result if type(result) is str else to_string(result))
        return "".join(pieces)

    return inline_each


def _options_factory(
    program: _Fn | None, inverse: _Fn | None, block: bool
) -> Callable[[str, dict[str, Any], _Env, Any], HelperOptions]:
    """Builds a call's ``HelperOptions`` (``Renderer._block_options``), wrapping the block's
    programs for the environment of the call."""
    if not block:

        def plain(name: str, hash: dict[str, Any], env: _Env, this: Any) -> HelperOptions:
            return HelperOptions(name, hash, this, env.data, None, None)

        return plain

    def with_blocks(name: str, hash: dict[str, Any], env: _Env, this: Any) -> HelperOptions:
        fn = _wrap(program, env) if program is not None else _noop
        inv = _wrap(inverse, env) if inverse is not None else _noop
        return HelperOptions(name, hash, this, env.data, fn, inv)

    return with_blocks


def _push(context: Any, depths: tuple[Any, ...]) -> tuple[Any, ...]:
    """The parent contexts of a program run with ``context`` from ``depths`` (as _run)."""
    first = depths[0] if depths else UNDEFINED
    if type(context) is dict and type(first) is dict:
        return depths if context is first else (context, *depths)
    if not loose_equals(context, first) and not (context is NULL_CONTEXT and first is None):
        return (context, *depths)
    return depths


def _run(program: _Fn, env: _Env, context: Any, data: Any = None, block_params: Any = None) -> Any:
    """Run a compiled block ``program`` created in ``env`` with a new ``context``: what calling
    its ``wrapProgram`` function does (``Renderer._wrap``), without creating the function."""
    depths = env.depths
    first = depths[0] if depths else UNDEFINED
    if type(context) is dict and type(first) is dict:
        # Objects are loosely equal only when they are the same object.
        if context is not first:
            depths = (context, *depths)
    elif not loose_equals(context, first) and not (context is NULL_CONTEXT and first is None):
        depths = (context, *depths)
    frame_data = env.data if data is None or not truthy(data) else data
    return program(_Env(context, depths, frame_data, (block_params, env.block_params)))


def _wrap(program: _Fn, env: _Env) -> Callable[..., Any]:
    """handlebars.js ``wrapProgram`` (``Renderer._wrap``) for a compiled program."""

    def run(context: Any = UNDEFINED, data: Any = None, block_params: Any = None) -> Any:
        return _run(program, env, context, data, block_params)

    return run


__all__ = ["CompiledTemplate", "compile_path", "walk"]
