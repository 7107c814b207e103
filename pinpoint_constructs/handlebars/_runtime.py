"""The handlebars.js 4.x runtime: renders a compiled AST the way the generated JavaScript would.

It follows ``compiler/javascript-compiler.js`` and ``runtime.js``: how helpers, values and
``helperMissing``/``blockHelperMissing`` are chosen, how ``../`` depths and ``@data`` frames
are kept, how values are stringified and escaped; and the built-in helpers (``if``,
``unless``, ``each``, ``with``, ``lookup``, ``log``) with their argument checks.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any, Final

from ._ast import (
    BlockStatement,
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
from ._compiler import KNOWN_HELPERS, is_simple
from ._errors import HandlebarsRuntimeError
from ._js import (
    _NEEDS_ESCAPE,
    NULL_CONTEXT,
    UNDEFINED,
    SafeString,
    escape_expression,
    escape_text,
    is_array,
    is_empty,
    is_nullish,
    lookup_property,
    loose_equals,
    object_keys,
    to_string,
    truthy,
)
from ._js import add as js_add

_LOG = logging.getLogger("pinpoint_constructs.handlebars")

#: A helper: called as ``helper(*params, options)``; ``options.context`` is ``this``.
Helper = Callable[..., Any]


def create_frame(data: Any) -> dict[str, Any]:
    """handlebars.js ``Utils.createFrame``: a child ``@data`` frame of ``data``."""
    frame = dict(data) if isinstance(data, Mapping) else {}
    frame["_parent"] = data
    return frame


class HelperOptions:
    """The ``options`` object a helper receives as its last argument.

    ``fn``/``inverse`` render the block's body / ``{{else}}`` section (``None`` when the
    helper isn't used as a block): ``options.fn(context, data=None, block_params=None)``
    returns the rendered text (or, as in handlebars.js, the value itself when the body is
    nothing but one or more ``{{{value}}}`` of non-string values).
    ``context`` is ``this``, ``hash`` the ``key=value`` arguments, ``data`` the current
    ``@data`` frame (``@index``, ``@root``, ...).
    """

    __slots__ = ("context", "data", "fn", "hash", "inverse", "name")

    def __init__(
        self,
        name: str,
        hash: dict[str, Any],
        context: Any,
        data: Any,
        fn: Callable[..., Any] | None,
        inverse: Callable[..., Any] | None,
    ):
        self.name = name
        self.hash = hash
        self.context = context
        self.data = data
        self.fn = fn
        self.inverse = inverse

    @staticmethod
    def lookup_property(parent: Any, name: Any) -> Any:
        """Read an own property of ``parent`` the way templates do."""
        return lookup_property(parent, name)

    def __repr__(self) -> str:
        return f"HelperOptions(name={self.name!r}, hash={self.hash!r})"


def _noop(*args: Any, **kwargs: Any) -> str:
    return ""


def _not_a_function(what: str) -> HandlebarsRuntimeError:
    return HandlebarsRuntimeError(f"{what} is not a function")


def _options(args: tuple[Any, ...]) -> HelperOptions | None:
    last = args[-1] if args else None
    return last if isinstance(last, HelperOptions) else None


def _render_fn(options: HelperOptions, context: Any, **kwargs: Any) -> Any:
    if options.fn is None:
        raise _not_a_function("options.fn")
    return options.fn(context, **kwargs)


def _render_inverse(options: HelperOptions, context: Any, **kwargs: Any) -> Any:
    if options.inverse is None:
        raise _not_a_function("options.inverse")
    return options.inverse(context, **kwargs)


def _if_branch(
    conditional: Any,
    options: HelperOptions,
    fn: Callable[..., Any] | None,
    inverse: Callable[..., Any] | None,
) -> Any:
    include_zero = truthy(options.hash.get("includeZero", UNDEFINED))
    if (not include_zero and not truthy(conditional)) or is_empty(conditional):
        if inverse is None:
            raise _not_a_function("options.inverse")
        return inverse(options.context)
    if fn is None:
        raise _not_a_function("options.fn")
    return fn(options.context)


def helper_if(*args: Any) -> Any:
    """``{{#if value}}``: the block when ``value`` is truthy and not an empty list.

    ``0`` counts as false unless ``includeZero=true``.
    """
    options = _options(args)
    if len(args) != 2 or options is None:
        raise HandlebarsRuntimeError("#if requires exactly one argument")
    return _if_branch(args[0], options, options.fn, options.inverse)


def helper_unless(*args: Any) -> Any:
    """``{{#unless value}}``: the inverse of ``if``."""
    options = _options(args)
    if len(args) != 2 or options is None:
        raise HandlebarsRuntimeError("#unless requires exactly one argument")
    return _if_branch(args[0], options, options.inverse, options.fn)


def helper_with(*args: Any) -> Any:
    """``{{#with value}}``: render the block with ``value`` as ``this`` (else the inverse)."""
    options = _options(args)
    if len(args) != 2 or options is None:
        raise HandlebarsRuntimeError("#with requires exactly one argument")
    context = args[0]
    if not is_empty(context):
        return _render_fn(options, context, data=options.data, block_params=[context])
    return _render_inverse(options, options.context)


def helper_each(*args: Any) -> str:
    """``{{#each list}}``: the block once per item (``@index``, ``@key``, ``@first``, ``@last``).

    Objects iterate over their keys in JavaScript order; an empty or non-object value
    renders the ``{{else}}`` section.
    """
    if len(args) < 2 or not truthy(args[1]):
        raise HandlebarsRuntimeError("Must pass iterator to #each")
    context, options = args[0], args[1]
    if not isinstance(options, HelperOptions):
        raise _not_a_function("fn")
    fn, inverse = options.fn, options.inverse
    data = create_frame(options.data) if truthy(options.data) else None
    pieces: list[str] = []  # handlebars.js: `ret = ret + fn(...)`, with ret a string

    def iteration(field: Any, index: int, last: bool, value: Any) -> None:
        if data is not None:
            data["key"] = field
            data["index"] = index
            data["first"] = index == 0
            data["last"] = last
        if fn is None:
            raise _not_a_function("fn")
        pieces.append(to_string(fn(value, data=data, block_params=[value, field])))

    count = 0
    if is_array(context):
        count = len(context)
        for i, item in enumerate(context):
            iteration(i, i, i == count - 1, item)
    elif isinstance(context, Mapping | SafeString):
        # A SafeString is an object with one own property, `string` (for...in sees it).
        keys = object_keys(context)
        count = len(keys)
        for i, key in enumerate(keys):
            iteration(key, i, i == count - 1, lookup_property(context, key))
    if count == 0:
        if inverse is None:
            raise _not_a_function("inverse")
        return inverse(options.context)
    return "".join(pieces)


def helper_lookup(*args: Any) -> Any:
    """``{{lookup object key}}``: a property whose name is computed."""
    if len(args) < 2:
        raise HandlebarsRuntimeError(
            "Cannot read properties of undefined (reading 'lookupProperty')"
        )
    obj = args[0]
    if not truthy(obj):
        return obj
    if len(args) != 3 or not isinstance(args[2], HelperOptions):
        raise _not_a_function("options.lookupProperty")
    return lookup_property(obj, args[1])


def helper_log(*args: Any) -> Any:
    """``{{log value level="info"}}``: log the arguments (to Python logging); renders nothing."""
    options = args[-1] if args else None
    level = "info"
    if isinstance(options, HelperOptions):
        requested = options.hash.get("level", UNDEFINED)
        if is_nullish(requested) and isinstance(options.data, Mapping):
            requested = options.data.get("level", UNDEFINED)
        if not is_nullish(requested):
            level = to_string(requested)
    _LOG.debug("handlebars log (%s): %s", level, " ".join(to_string(arg) for arg in args[:-1]))
    return UNDEFINED


def helper_missing(*args: Any) -> Any:
    """The ``helperMissing`` hook: ``{{foo}}`` with nothing named ``foo`` is empty; calling a
    missing helper with arguments is an error."""
    if len(args) == 1:
        return UNDEFINED
    options = args[-1]
    name = options.name if isinstance(options, HelperOptions) else to_string(options)
    raise HandlebarsRuntimeError(f'Missing helper: "{name}"')


def block_helper_missing(context: Any, options: HelperOptions) -> Any:
    """The ``blockHelperMissing`` hook: ``{{#value}}...{{/value}}`` for a value, not a helper.

    ``true`` renders the block, ``false``/``null``/``undefined``/``[]`` the inverse, a
    non-empty list iterates like ``each``, anything else becomes the block's context.
    """
    this = options.context
    if context is True:
        return _render_fn(options, this)
    if context is False or is_nullish(context):
        return _render_inverse(options, this)
    if is_array(context):
        if context:
            return helper_each(context, options)
        return _render_inverse(options, this)
    return _render_fn(options, context)


#: Helpers every template can use, as registered by handlebars.js.
BUILTIN_HELPERS: Final[Mapping[str, Helper]] = {
    "if": helper_if,
    "unless": helper_unless,
    "each": helper_each,
    "with": helper_with,
    "lookup": helper_lookup,
    "log": helper_log,
}


class _Env:
    """What a running program sees: ``this``, parent contexts, ``@data``, block params."""

    __slots__ = ("block_params", "context", "data", "depths")

    def __init__(
        self, context: Any, depths: tuple[Any, ...], data: Any, block_params: _BlockParams
    ):
        self.context = context
        self.depths = depths
        self.data = data
        self.block_params = block_params


# A linked stack: (values declared by the innermost program invocation, outer frames).
_BlockParams = tuple[Any, Any] | None


class Renderer:
    """Renders compiled programs with a given set of helpers.

    One renderer may render any number of templates at once, from several threads or from
    within a helper (reentrantly): each :meth:`render` runs on its own copy of the
    per-render state (the inline partials in scope), never on the renderer itself.
    """

    def __init__(
        self,
        helpers: Mapping[str, Helper] | None = None,
        compiled: Mapping[int, Callable[[_Env], Any]] | None = None,
    ):
        # Statements (by id) already compiled into closures of the environment: their
        # subtree has no partial and no decorator, so the closure renders them as the walk
        # would.
        self._compiled: Mapping[int, Callable[[_Env], Any]] = compiled or {}
        merged: dict[str, Helper] = dict(BUILTIN_HELPERS)
        if helpers:
            merged.update(helpers)
        # As handlebars.js does, these two move from the helpers to the runtime hooks.
        self._helper_missing: Helper = merged.pop("helperMissing", helper_missing)
        self._block_helper_missing: Helper = merged.pop("blockHelperMissing", block_helper_missing)
        self._helpers = merged
        self._partials: dict[str, Callable[..., Any] | None] = {}
        self._statements = self._dispatch()

    def _dispatch(self) -> dict[type, Callable[[Any, _Env, list[Any]], None]]:
        """What renders each kind of statement (the compiled closures first, if any)."""
        return {
            ContentStatement: self._content,
            CommentStatement: _skip,
            MustacheStatement: self._maybe_compiled if self._compiled else self._mustache,
            BlockStatement: self._maybe_compiled if self._compiled else self._block,
            PartialStatement: self._partial,
        }

    def _for_one_render(self) -> Renderer:
        """A renderer sharing this one's helpers, with its own per-render state."""
        run = Renderer.__new__(Renderer)
        run._compiled = self._compiled
        run._helper_missing = self._helper_missing
        run._block_helper_missing = self._block_helper_missing
        run._helpers = self._helpers
        run._partials = {}
        run._statements = run._dispatch()
        return run

    def render(self, program: Program, context: Any) -> str:
        """Render a whole template with ``context`` as the root ``this`` and ``@root``."""
        run = self._for_one_render()
        # The main program is created like any other, from an empty depth stack.
        main = run._wrap(program, _Env(UNDEFINED, (), {"root": context}, None))
        return to_string(main(context))

    # -- programs ------------------------------------------------------------------------

    def _program(self, program: Program, env: _Env) -> Any:
        out: list[Any] = []
        statements = self._statements
        for statement in program.body:
            statements[type(statement)](statement, env, out)
        return _finish_program(len(program.body), out)

    def _wrap(self, program: Program | None, env: _Env) -> Callable[..., Any]:
        """handlebars.js ``wrapProgram``: a block body as a function of its new context.

        ``env`` is where the program is created; its decorators (inline partials) run now,
        as in handlebars.js, and the partials they define are visible while it renders.
        """
        if program is None:
            return _noop
        inline = self._decorate(program, env) if program.has_decorators else None

        def run(context: Any = UNDEFINED, data: Any = None, block_params: Any = None) -> Any:
            depths = env.depths
            first = depths[0] if depths else UNDEFINED
            if context is first and type(context) is not float:
                pass  # loosely equal to itself (NaN is not: floats take the long way)
            elif type(context) is dict and type(first) is dict:
                depths = (context, *depths)  # objects are loosely equal only to themselves
            elif not loose_equals(context, first) and not (
                context is NULL_CONTEXT and first is None
            ):
                depths = (context, *depths)
            frame_data = data if data is not None and truthy(data) else env.data
            inner = _Env(context, depths, frame_data, (block_params, env.block_params))
            if not inline:
                return self._program(program, inner)
            saved = self._partials
            self._partials = {**saved, **inline}
            try:
                return self._program(program, inner)
            finally:
                self._partials = saved

        return run

    def _decorate(self, program: Program, env: _Env) -> dict[str, Callable[..., Any] | None]:
        """Run a program's decorators; only ``{{#*inline "name"}}...{{/inline}}`` exists."""
        partials: dict[str, Callable[..., Any] | None] = {}
        decorator_env = _Env(env.depths[0] if env.depths else UNDEFINED, env.depths, env.data, None)
        for statement in program.body:
            if not isinstance(statement, BlockStatement | MustacheStatement):
                continue
            if not statement.is_decorator:
                continue
            path = statement.path
            name = path.original if isinstance(path, PathExpression) else "(literal)"
            if name != "inline":
                raise HandlebarsRuntimeError(
                    f'decorator "{name}" is not supported (only {{{{#*inline}}}} partials are)'
                )
            args = [self._expression(param, decorator_env) for param in statement.params]
            key = to_string(args[0]) if args else "undefined"
            body = statement.program if isinstance(statement, BlockStatement) else None
            partials[key] = self._wrap(body, env) if body is not None else None
        return partials

    # -- statements ----------------------------------------------------------------------

    def _content(self, node: ContentStatement, env: _Env, out: list[Any]) -> None:
        if node.value:
            out.append(node.value)

    def _maybe_compiled(self, node: Node, env: _Env, out: list[Any]) -> None:
        """A mustache or block: its compiled closure if it has one, else walked."""
        compiled = self._compiled.get(id(node))
        if compiled is not None:
            out.append(compiled(env))
        elif isinstance(node, MustacheStatement):
            self._mustache(node, env, out)
        else:
            assert isinstance(node, BlockStatement)
            self._block(node, env, out)

    def _mustache(self, node: MustacheStatement, env: _Env, out: list[Any]) -> None:
        if node.is_decorator:
            return
        value = self._call(node, env, None, None)
        if node.escaped:
            if type(value) is str:
                out.append(value if _NEEDS_ESCAPE.search(value) is None else escape_text(value))
            else:
                out.append(escape_expression(value))
        else:
            out.append("" if is_nullish(value) else value)

    def _block(self, node: BlockStatement, env: _Env, out: list[Any]) -> None:
        if node.is_decorator:
            return
        value = self._call(node, env, self._wrap(node.program, env), self._wrap(node.inverse, env))
        if node.kind == "ambiguous":
            # handlebars.js emits `if (value != null) { buffer += value; }` for these
            out.append(_Statement(value))
        else:
            out.append("" if is_nullish(value) else value)

    def _partial(self, node: PartialStatement, env: _Env, out: list[Any]) -> None:
        """``{{> name}}``: only inline partials (and ``@partial-block``) can be found."""
        partial: Callable[..., Any] | None
        if isinstance(node.name, SubExpression):
            value = self._call(node.name, env, None, None)
            name = to_string(value) if truthy(value) else "undefined"
            partial = self._partials.get(name) if truthy(value) else None
        else:
            name = to_string(
                node.name.original if isinstance(node.name, PathExpression) else _literal(node.name)
            )
            partial = self._partials.get(name)
            if partial is None and name == "@partial-block":
                block = lookup_property(env.data, "partial-block")
                partial = block if callable(block) else None
        context = self._expression(node.params[0], env) if node.params else env.context
        if node.hash is not None:
            context = _extend(context, self._hash(node.hash, env))
        data = env.data
        if node.program is not None:
            content = self._wrap(node.program, env)
            outer_block = lookup_property(data, "partial-block")

            def partial_block(
                context: Any = UNDEFINED, data: Any = None, block_params: Any = None
            ) -> Any:
                frame = create_frame(data)
                frame["partial-block"] = outer_block
                return content(context, data=frame)

            data = create_frame(data)
            data["partial-block"] = partial_block
            if partial is None:
                partial = partial_block
        if partial is None:
            raise HandlebarsRuntimeError(f"The partial {name} could not be found")
        result = partial(context, data=data)
        if node.indent and not is_nullish(result):
            if not isinstance(result, str):
                raise _not_a_function("result.split")
            lines = result.split("\n")
            for i, line in enumerate(lines):
                if not line and i + 1 == len(lines):
                    break
                lines[i] = node.indent + line
            result = "\n".join(lines)
        out.append("" if is_nullish(result) else result)

    # -- expressions ---------------------------------------------------------------------

    def _this(self, env: _Env) -> Any:
        return NULL_CONTEXT if is_nullish(env.context) else env.context

    def _is_block(self, fn: Callable[..., Any] | None, inverse: Callable[..., Any] | None) -> bool:
        return fn is not None or inverse is not None

    def _block_options(
        self,
        name: str,
        hash: dict[str, Any],
        env: _Env,
        fn: Callable[..., Any] | None,
        inverse: Callable[..., Any] | None,
        this: Any,
    ) -> HelperOptions:
        if self._is_block(fn, inverse):
            fn = fn or _noop
            inverse = inverse or _noop
        return HelperOptions(name, hash, this, env.data, fn, inverse)

    def _call(
        self,
        node: MustacheStatement | BlockStatement | SubExpression,
        env: _Env,
        fn: Callable[..., Any] | None,
        inverse: Callable[..., Any] | None,
    ) -> Any:
        kind = node.kind
        path: PathExpression = node.path  # type: ignore[assignment] # the compile pass made it one
        is_block = type(node) is BlockStatement
        if kind == "helper":
            return self._invoke_helper(node, path, env, fn, inverse)
        if kind == "simple":
            value = self._path(path, env)
            if not is_block:
                return value
            options = self._block_options(path.original, {}, env, fn, inverse, env.context)
            return self._block_helper_missing(value, options)
        # ambiguous: a helper if one has this name, else a value
        name = path.parts[0]
        helper = self._helpers.get(name)
        if helper is not None:
            return helper(self._block_options(name, {}, env, fn, inverse, self._this(env)))
        value = self._path(path, env)
        if value is None or value is UNDEFINED:
            options = self._block_options(name, {}, env, fn, inverse, self._this(env))
            value = self._helper_missing(options)
        if not is_block:
            return value
        options = self._block_options("", {}, env, fn, inverse, env.context)
        return self._block_helper_missing(value, options)

    def _invoke_helper(
        self,
        node: MustacheStatement | BlockStatement | SubExpression,
        path: PathExpression,
        env: _Env,
        fn: Callable[..., Any] | None,
        inverse: Callable[..., Any] | None,
    ) -> Any:
        params = [self._expression(param, env) for param in node.params]
        hash = self._hash(node.hash, env)
        name = path.parts[0] if path.parts else None
        helper: Helper | None
        if name is not None and name in KNOWN_HELPERS:
            helper = self._helpers.get(name)
            if helper is None:
                raise HandlebarsRuntimeError(f"helpers.{name} is not a function")
            label = name
        else:
            label = path.original
            helper = self._helpers.get(label) if is_simple(path) else None
            if helper is None:
                # A value in the context is data, never a function: calling it fails.
                if truthy(self._path(path, env, falsy=True)):
                    raise _not_a_function(label)
                helper = self._helper_missing
        options = self._block_options(label, hash, env, fn, inverse, self._this(env))
        return helper(*params, options)

    def _hash(self, hash: Hash | None, env: _Env) -> dict[str, Any]:
        if hash is None:
            return {}
        return {key: self._expression(value, env) for key, value in hash_pairs(hash)}

    def _expression(self, node: Expression, env: _Env) -> Any:
        if type(node) is PathExpression:
            return self._path(node, env)
        if isinstance(node, PathExpression):
            return self._path(node, env)
        if isinstance(node, Literal):
            return node.value
        if isinstance(node, SubExpression):
            return self._call(node, env, None, None)
        raise HandlebarsRuntimeError(f"unexpected expression {type(node).__name__}")

    def _path(self, path: PathExpression, env: _Env, *, falsy: bool = False) -> Any:
        parts = path.parts
        if path.block_param is not None:
            depth, index = path.block_param
            frame = env.block_params
            for _ in range(depth):
                frame = frame[1] if frame is not None else None
            values = frame[0] if frame is not None else None
            if values is None:
                raise HandlebarsRuntimeError(
                    f"Cannot read properties of undefined (reading '{index}')"
                )
            value = values[index] if index < len(values) else UNDEFINED
            return _resolve(value, parts[1:], falsy=False)
        if not parts or not parts[0]:
            # `{{this}}`, `{{..}}`, `{{[]}}`: the context itself (handlebars.js `pushContext`)
            if path.depth == 0:
                return env.context
            return env.depths[path.depth] if path.depth < len(env.depths) else UNDEFINED
        if path.data:
            data = env.data
            depth = path.depth
            while truthy(data) and depth:
                data = lookup_property(data, "_parent") if isinstance(data, Mapping) else UNDEFINED
                depth -= 1
            return _resolve(data, parts, falsy=True)
        if path.depth == 0:
            base = env.context
        else:
            base = env.depths[path.depth] if path.depth < len(env.depths) else UNDEFINED
        return _resolve(base, parts, falsy=falsy)


def hash_pairs(hash: Hash) -> list[tuple[str, Expression]]:
    """The pairs of a hash as handlebars.js's generated object literal holds them.

    The compiler assigns the pairs last to first into one object (``assignToHash``), so a
    repeated key keeps the place of its last occurrence and the value of its first; the
    later values are never emitted, hence never evaluated. The literal is written, and so
    evaluated, in that key order; a value that compiles to the bare word ``undefined`` (the
    ``undefined`` literal) is left out of it (``objectLiteral``).
    """
    chosen: dict[str, Expression] = {}
    for pair in reversed(hash.pairs):
        chosen[pair.key] = pair.value
    return [
        (key, value)
        for key, value in chosen.items()
        if not (isinstance(value, Literal) and value.kind == "undefined")
    ]


def _finish_program(body_length: int, out: list[Any]) -> Any:
    """A program's result from its statements' output (``body_length`` statements in all)."""
    try:
        # text only: joined (a str subclass joins as _concatenate would add it)
        return "".join(out)
    except TypeError:
        pass
    if body_length == 1 and len(out) == 1 and isinstance(out[0], _Statement):
        # A one-statement program returns the value itself (`return stack1;`).
        return "" if is_nullish(out[0].value) else out[0].value
    return _concatenate(out)


class _Statement:
    """A value handlebars.js appends with a statement rather than within a ``+`` chain."""

    __slots__ = ("value",)

    def __init__(self, value: Any):
        self.value = value


def _concatenate(pieces: list[Any]) -> Any:
    """Join a program's output the way handlebars.js's generated code does.

    Consecutive appends form one JavaScript ``a + b + ...`` expression, so two non-string
    values add up as numbers (``{{{a}}}{{{b}}}`` with 1 and 2 renders ``3``); a
    ``_Statement`` interrupts the chain and is added to the buffer on its own.
    """
    if not any(isinstance(piece, _Statement) for piece in pieces):
        result: Any = pieces[0] if pieces else ""
        for piece in pieces[1:]:
            result = js_add(result, piece)
        return result
    buffer: Any = ""
    seen_statement = False
    index = 0
    while index < len(pieces):
        piece = pieces[index]
        if isinstance(piece, _Statement):
            if not is_nullish(piece.value):
                buffer = js_add(buffer, piece.value)
            seen_statement = True
            index += 1
            continue
        end = index
        while end < len(pieces) and not isinstance(pieces[end], _Statement):
            end += 1
        group = pieces[index:end]
        if end == len(pieces) and seen_statement:
            for value in group:  # `return buffer + a + b;`
                buffer = js_add(buffer, value)
        else:
            total = group[0]
            for value in group[1:]:
                total = js_add(total, value)
            # `buffer = a + b` before any statement, `buffer += a + b` after one
            buffer = js_add(buffer, total) if seen_statement else total
        index = end
    return buffer


def _literal(node: Expression) -> Any:
    return node.value if isinstance(node, Literal) else UNDEFINED


def _extend(context: Any, hash: dict[str, Any]) -> dict[str, Any]:
    """``Utils.extend({}, context, hash)``: a partial's context merged with its hash."""
    merged: dict[str, Any] = {}
    if isinstance(context, Mapping | SafeString):
        for key in object_keys(context):
            merged[key] = lookup_property(context, key)
    elif isinstance(context, list | tuple | str):
        for index in range(len(context)):
            merged[str(index)] = context[index]
    merged.update(hash)
    return merged


def _resolve(value: Any, parts: list[str], *, falsy: bool) -> Any:
    """Follow ``parts`` from ``value``: stop at ``null``/``undefined`` (or any falsy value in
    ``falsy`` mode, as handlebars.js does for ``@data`` and helper names)."""
    for part in parts:
        if type(value) is dict:  # the common case, as lookup_property reads it
            value = value.get(part, UNDEFINED)
            continue
        if falsy:
            if not truthy(value):
                return value
        elif value is None or value is UNDEFINED:
            return value
        value = lookup_property(value, part)
    return value


def _skip(node: Node, env: _Env, out: list[Any]) -> None:
    return None
