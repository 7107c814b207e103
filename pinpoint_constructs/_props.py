"""``@checked_props``: every public construct's and factory's props checked against their
type annotations at the boundary, by one mechanism.

Put ``@checked_props`` above a public class (above ``@dataclass`` when there is one) or a
public function. The class's own ``__init__`` and its public static and class methods (the
factories, ``from_*`` imports included) are wrapped: each argument a caller passes is checked
against the parameter's annotation before the body runs, and a wrong one raises
``TypeError``/``ValueError`` naming the prop and the value::

    max_concurrency must be an int, got 1.5
    app must be an IPinpointApp, got None
    endpoint_types[1] must be a ChannelType (ADM, APNS, ...), got str: 'SMS'

What each annotation accepts (``from __future__ import annotations`` strings are resolved on
the first call, names imported under ``if TYPE_CHECKING:`` included):

- ``int``: an int or a whole float (CDK number tokens are floats), never a bool, NaN or
  infinity; ``float``: an int or a finite float, never a bool; ``str``, ``bool``: exactly that
  (string tokens are strings and pass; whether a string may be empty is the constructor's
  rule, not the type's);
- an ``enum.Enum`` subclass: a member (or a member of a sibling enum with one of its values,
  as :func:`~pinpoint_constructs._validation.require_enum` converts);
- ``Sequence[X]``/``list[X]``/``tuple[X, ...]``: any sequence but a string, each item an ``X``;
  ``Mapping[K, V]``/``dict[K, V]``: a mapping, each key a ``K`` and each value a ``V``;
  ``Iterable[X]``: anything iterable but a string (items checked when it is a sequence);
- ``X | None``, ``Optional[X]``, unions and ``Literal[...]``;
- a ``typing.Protocol`` (this library's ``I...`` interfaces, jsii interfaces such as
  ``aws_lambda.IFunction``): checked structurally, since protocols don't support
  ``isinstance``: the value must have every property the interface itself declares
  (``app_id`` and ``app_arn`` for ``IPinpointApp``), so ``None``, a string or another
  construct is refused; the answer is cached per class;
- any other class (``Duration``, ``SecretValue``, ``datetime``, ``Construct``, a props
  class): ``isinstance``; ``Any`` and ``object`` accept everything.

This module imports only the standard library, so modules that must load without aws-cdk-lib
(``analytics.queries``, the CLIs) can use it. Defaults are not checked (only what the caller
passes). The check costs a dictionary lookup and an ``isinstance`` or two per argument, without
a jsii round trip, so it runs for every construct at synth; ranges and formats stay in the
constructors (with the helpers of :mod:`pinpoint_constructs._validation`), which can now rely
on the types. ``tests/unit/test_props_coverage.py`` walks the root ``__init__.pyi`` and fails
for a public class or function that is not covered, or whose annotations don't resolve.
"""

from __future__ import annotations

import ast
import collections.abc as cabc
import enum
import functools
import importlib
import inspect
import math
import sys
import types
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

_T = TypeVar("_T")

#: The attribute that marks a class or function as covered.
MARK = "__checked_props__"

Check = Callable[[str, Any], None]


class _Rule:
    """A compiled annotation: ``check(prop, value)`` raises, ``text`` says what is expected."""

    __slots__ = ("check", "secret", "text")

    def __init__(self, check: Check, text: str, *, secret: bool = False) -> None:
        self.check = check
        self.text = text
        self.secret = secret


def _article(name: str) -> str:
    return f"{'an' if name[:1] in 'AEIOUaeiou' else 'a'} {name}"


def describe_value(value: Any, *, secret: bool = False) -> str:
    """How an error shows the value received: ``None``, ``float: 1.5``, ``str: 'x'``,
    ``Stack: <...>`` (only the type for a secret, so a plaintext credential is never echoed)."""
    if value is None:
        return "None"
    if secret:
        return type(value).__name__
    text = repr(value)
    if len(text) > 120:
        text = text[:117] + "..."
    return f"{type(value).__name__}: {text}"


def _fail(prop: str, rule: _Rule, value: Any, error: type[Exception] = TypeError) -> None:
    raise error(f"{prop} must be {rule.text}, got {describe_value(value, secret=rule.secret)}")


def _accept(prop: str, value: Any) -> None:
    return None


# ---- scalars -------------------------------------------------------------------------------


def _int_rule() -> _Rule:
    def check(prop: str, value: Any) -> None:
        if isinstance(value, bool):
            _fail(prop, rule, value)
        if isinstance(value, int):
            return
        if isinstance(value, float):
            if not math.isfinite(value):
                _fail(prop, rule, value, ValueError)
            if value.is_integer():  # CDK number tokens are whole floats
                return
        _fail(prop, rule, value)

    rule = _Rule(check, "an int")
    return rule


def _float_rule() -> _Rule:
    def check(prop: str, value: Any) -> None:
        if isinstance(value, bool) or not isinstance(value, int | float):
            _fail(prop, rule, value)
        if isinstance(value, float) and not math.isfinite(value):
            raise ValueError(f"{prop} must be a finite number, got {value}")

    rule = _Rule(check, "a number")
    return rule


def qualified_name(kind: type) -> str:
    """``Duration`` as ``aws_cdk.Duration``, ``IBucket`` as ``aws_s3.IBucket``; this
    library's classes and the standard library's by their own name."""
    module = kind.__module__
    if module == "aws_cdk" or module.startswith("aws_cdk._"):
        return f"aws_cdk.{kind.__name__}"
    if module.startswith("aws_cdk."):
        return f"{module.split('.')[-1]}.{kind.__name__}"
    return kind.__name__


def _instance_rule(kind: type, text: str) -> _Rule:
    def check(prop: str, value: Any) -> None:
        if not isinstance(value, kind):
            _fail(prop, rule, value)

    rule = _Rule(check, text, secret=_is_secret_type(kind))
    return rule


def _is_secret_type(kind: type) -> bool:
    return kind.__name__ in ("SecretValue", "ISecret")


def _enum_rule(kind: type[enum.Enum]) -> _Rule:
    values = {member.value for member in kind}
    names = [member.name for member in kind]
    listed = ", ".join(names[:12]) + (", ..." if len(names) > 12 else "")

    def check(prop: str, value: Any) -> None:
        if isinstance(value, kind):
            return
        if isinstance(value, enum.Enum):
            try:
                if value.value in values:
                    return
            except TypeError:  # an unhashable value
                pass
        _fail(prop, rule, value)

    rule = _Rule(check, f"{_article(kind.__name__)} ({listed})")
    return rule


# ---- interfaces (protocols) ----------------------------------------------------------------


def _is_protocol(kind: Any) -> bool:
    return isinstance(kind, type) and bool(kind.__dict__.get("_is_protocol", False))


def protocol_members(kind: type) -> tuple[str, ...]:
    """The properties (and annotated attributes) ``kind`` itself declares; its methods and
    what its base interfaces declare are left to the implementations."""
    names = [
        name
        for name, member in vars(kind).items()
        if not name.startswith("_") and isinstance(member, property)
    ]
    names += [name for name in vars(kind).get("__annotations__", {}) if not name.startswith("_")]
    return tuple(dict.fromkeys(names))


def _protocol_rule(kind: type) -> _Rule:
    members = protocol_members(kind)
    conforming: dict[type, bool] = {}

    def check(prop: str, value: Any) -> None:
        cls = type(value)
        known = conforming.get(cls)
        if known:
            return
        if known is None and value is not None:
            classes = [cls, *(type(d) for d in getattr(value, "_delegates", ()))]
            on_class = [name for name in members if any(hasattr(c, name) for c in classes)]
            if len(on_class) == len(members):
                conforming[cls] = True
                return
            instance = getattr(value, "__dict__", None) or {}
            if all(name in on_class or name in instance for name in members):
                return
        if value is None:
            conforming[cls] = False
        _fail(prop, rule, value)

    rule = _Rule(check, _article(qualified_name(kind)), secret=_is_secret_type(kind))
    return rule


# ---- containers ----------------------------------------------------------------------------


def _sequence_rule(item: _Rule | None, text: str, *, iterable: bool = False) -> _Rule:
    container: Any = cabc.Iterable if iterable else cabc.Sequence

    def check(prop: str, value: Any) -> None:
        if isinstance(value, str | bytes):
            raise TypeError(f"{prop} must be {rule.text}, got the string {value!r}")
        if not isinstance(value, container):
            _fail(prop, rule, value)
        if item is not None and isinstance(value, cabc.Sequence):
            for index, element in enumerate(value):
                item.check(f"{prop}[{index}]", element)

    rule = _Rule(check, text)
    return rule


def _set_rule(item: _Rule | None, text: str) -> _Rule:
    def check(prop: str, value: Any) -> None:
        if isinstance(value, str | bytes) or not isinstance(value, cabc.Set | cabc.Sequence):
            _fail(prop, rule, value)
        if item is not None:
            for element in value:
                item.check(f"{prop} item", element)

    rule = _Rule(check, text)
    return rule


def _tuple_rule(items: list[_Rule], text: str) -> _Rule:
    def check(prop: str, value: Any) -> None:
        if not isinstance(value, cabc.Sequence) or isinstance(value, str | bytes):
            _fail(prop, rule, value)
        if len(value) != len(items):
            _fail(prop, rule, value)
        for index, (element, item) in enumerate(zip(value, items, strict=True)):
            item.check(f"{prop}[{index}]", element)

    rule = _Rule(check, text)
    return rule


def _mapping_rule(key: _Rule | None, item: _Rule | None, text: str) -> _Rule:
    def check(prop: str, value: Any) -> None:
        if not isinstance(value, cabc.Mapping):
            _fail(prop, rule, value)
        for name, element in value.items():
            if key is not None:
                key.check(f"{prop} key {name!r}", name)
            if item is not None:
                item.check(f"{prop}[{name!r}]", element)

    rule = _Rule(check, text)
    return rule


def _union_rule(options: list[_Rule], allows_none: bool) -> _Rule:
    text = " or ".join(option.text for option in options) + (" or None" if allows_none else "")
    only = options[0] if len(options) == 1 else None

    def check(prop: str, value: Any) -> None:
        if value is None and allows_none:
            return
        if only is not None:
            only.check(prop, value)
            return
        for option in options:
            try:
                option.check(prop, value)
            except (TypeError, ValueError):
                continue
            return
        _fail(prop, rule, value)

    rule = _Rule(check, text, secret=any(option.secret for option in options))
    return rule


# ---- compiling an annotation ---------------------------------------------------------------

_SEQUENCES = {
    list,
    cabc.Sequence,
    cabc.MutableSequence,
    typing.Sequence,
    typing.List,  # noqa: UP006
}
_MAPPINGS = {dict, cabc.Mapping, cabc.MutableMapping, typing.Mapping, typing.Dict}  # noqa: UP006
_SETS = {set, frozenset, cabc.Set, cabc.MutableSet, typing.AbstractSet}
_ITERABLES = {cabc.Iterable, cabc.Collection, typing.Iterable, typing.Collection}


def compile_annotation(hint: Any) -> _Rule | None:
    """The rule for ``hint``; ``None`` when it accepts anything."""
    if hint is Any or hint is object or isinstance(hint, TypeVar):
        return None
    if hint is None or hint is type(None):
        return _Rule(_none_check, "None")
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin is typing.Annotated:
        return compile_annotation(args[0])
    if origin is typing.Union or origin is types.UnionType:
        allows_none = type(None) in args
        compiled = [compile_annotation(arg) for arg in args if arg is not type(None)]
        if any(option is None for option in compiled):
            return None
        return _union_rule([option for option in compiled if option is not None], allows_none)
    if origin is typing.Literal:
        choices = args

        def literal(prop: str, value: Any) -> None:
            if not any(value == choice and type(value) is type(choice) for choice in choices):
                _fail(prop, literal_rule, value)

        literal_rule = _Rule(literal, "one of " + ", ".join(repr(c) for c in choices))
        return literal_rule
    if origin in _SEQUENCES or hint in _SEQUENCES:
        item = compile_annotation(args[0]) if args else None
        return _sequence_rule(item, f"a sequence{_of(item)}")
    if origin is tuple or hint is tuple:
        if not args or (len(args) == 2 and args[1] is Ellipsis):
            item = compile_annotation(args[0]) if args else None
            return _sequence_rule(item, f"a sequence{_of(item)}")
        items = [compile_annotation(arg) or _Rule(_accept, "anything") for arg in args]
        return _tuple_rule(items, f"a tuple of {len(items)} ({', '.join(i.text for i in items)})")
    if origin in _MAPPINGS or hint in _MAPPINGS:
        key = compile_annotation(args[0]) if args else None
        item = compile_annotation(args[1]) if len(args) > 1 else None
        text = "a mapping" + (f" of {key.text} to {item.text}" if key and item else "")
        return _mapping_rule(key, item, text)
    if origin in _SETS or hint in _SETS:
        item = compile_annotation(args[0]) if args else None
        return _set_rule(item, f"a set{_of(item)}")
    if origin in _ITERABLES or hint in _ITERABLES:
        item = compile_annotation(args[0]) if args else None
        return _sequence_rule(item, f"a sequence{_of(item)}", iterable=True)
    if origin in (cabc.Callable, typing.Callable) or hint in (cabc.Callable, typing.Callable):

        def callable_check(prop: str, value: Any) -> None:
            if not callable(value):
                _fail(prop, callable_rule, value)

        callable_rule = _Rule(callable_check, "a callable")
        return callable_rule
    if origin is type:
        (bound,) = args or (object,)

        def type_check(prop: str, value: Any) -> None:
            if not (isinstance(value, type) and issubclass(value, bound)):
                _fail(prop, type_rule, value)

        type_rule = _Rule(type_check, f"a subclass of {getattr(bound, '__name__', bound)}")
        return type_rule
    if origin is not None:  # another generic: check its class only
        return compile_annotation(origin)
    if hint is bool:
        return _instance_rule(bool, "a bool")
    if hint is int:
        return _int_rule()
    if hint is float:
        return _float_rule()
    if hint is str:
        return _instance_rule(str, "a string")
    if isinstance(hint, type) and hint.__name__ == "SecretValue":
        return _Rule(_secret_check, _SECRET_TEXT, secret=True)
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return _enum_rule(hint)
    if _is_protocol(hint):
        return _protocol_rule(hint)
    if isinstance(hint, type):
        return _instance_rule(hint, _article(qualified_name(hint)))
    raise TypeError(f"cannot check the annotation {hint!r}")


_SECRET_TEXT = (
    "an aws_cdk.SecretValue (for example SecretValue.secrets_manager('my-secret', "
    "json_field='key') or secretsmanager.Secret.from_secret_name_v2(...).secret_value), so "
    "the template carries a dynamic reference instead of the plaintext value"
)


def _of(item: _Rule | None) -> str:
    if item is None:
        return ""
    text = item.text
    if text == "a string":
        return " of strings"
    for article in ("an ", "a "):
        if text.startswith(article):
            text = text[len(article) :]
            break
    return f" of {text}" if " or " not in text else f" of ({text})"


rule_none = _Rule(_accept, "None")


def _none_check(prop: str, value: Any) -> None:
    if value is not None:
        _fail(prop, rule_none, value)


def _secret_check(prop: str, value: Any) -> None:
    # The helper's message: one wording for every credential. Imported here, because this
    # module imports only the standard library (the Athena queries and the report CLI
    # use it without starting the jsii kernel).
    from ._validation import require_secret

    require_secret(prop, value)


# ---- resolving annotations -----------------------------------------------------------------


@functools.cache
def _type_checking_names(module_name: str) -> dict[str, Any]:
    """The names a module imports under ``if TYPE_CHECKING:`` (imported now, at call time,
    when the import cycle they avoid is long closed)."""
    module = sys.modules[module_name]
    source_file = getattr(module, "__file__", None)
    if not source_file:
        return {}
    tree = ast.parse(Path(source_file).read_text(encoding="utf-8"))
    package = module.__package__ or module_name.rpartition(".")[0]
    names: dict[str, Any] = {}
    for node in tree.body:
        if not (isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)):
            continue
        for statement in node.body:
            if isinstance(statement, ast.ImportFrom):
                source = importlib.import_module(
                    "." * statement.level + (statement.module or ""), package
                )
                for alias in statement.names:
                    names[alias.asname or alias.name] = getattr(source, alias.name)
            elif isinstance(statement, ast.Import):
                for alias in statement.names:
                    names[alias.asname or alias.name] = importlib.import_module(alias.name)
    return names


class _Plan:
    """What a wrapped function checks: ``rules`` by parameter name (from the resolved
    ``hints``), the names of its positional parameters, and what could not be resolved."""

    __slots__ = ("hints", "positional", "rules", "unresolved")

    def __init__(
        self,
        positional: tuple[str, ...],
        rules: dict[str, Check],
        hints: dict[str, Any],
        unresolved: list[str],
    ) -> None:
        self.positional = positional
        self.rules = rules
        self.hints = hints
        self.unresolved = unresolved


def _build_plan(fn: Callable[..., Any], owner: type | None, skip: int) -> _Plan:
    parameters = list(inspect.signature(fn).parameters.values())[skip:]
    module = sys.modules[fn.__module__]
    namespace: dict[str, Any] | None = None
    rules: dict[str, Check] = {}
    hints: dict[str, Any] = {}
    unresolved: list[str] = []
    for parameter in parameters:
        if parameter.kind in (parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD):
            continue
        hint = parameter.annotation
        if hint is parameter.empty:
            unresolved.append(f"{parameter.name} (no annotation)")
            continue
        if isinstance(hint, str):
            if namespace is None:
                namespace = dict(vars(module))
                if owner is not None:
                    namespace.setdefault(owner.__name__, owner)
            try:
                hint = eval(hint, namespace)
            except NameError:
                namespace.update(
                    {
                        k: v
                        for k, v in _type_checking_names(module.__name__).items()
                        if k not in namespace
                    }
                )
                try:
                    hint = eval(hint, namespace)
                except Exception as error:
                    unresolved.append(f"{parameter.name}: {hint!r} ({error})")
                    continue
        hints[parameter.name] = hint
        rule = compile_annotation(hint)
        if rule is not None:
            rules[parameter.name] = rule.check
    positional = tuple(
        p.name for p in parameters if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
    )
    return _Plan(positional, rules, hints, unresolved)


def _wrap(fn: Callable[..., Any], owner: type | None, skip: int) -> Callable[..., Any]:
    plan: list[_Plan] = []

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if not plan:
            plan.append(_build_plan(fn, owner, skip))
        rules = plan[0].rules
        if len(args) > skip:
            for name, value in zip(plan[0].positional, args[skip:], strict=False):
                rule = rules.get(name)
                if rule is not None:
                    rule(name, value)
        for name, value in kwargs.items():
            rule = rules.get(name)
            if rule is not None:
                rule(name, value)
        return fn(*args, **kwargs)

    def build() -> _Plan:
        if not plan:
            plan.append(_build_plan(fn, owner, skip))
        return plan[0]

    setattr(wrapper, MARK, build)
    return wrapper


def checked_props(target: _T) -> _T:
    """Check the arguments of ``target`` (a class: its own ``__init__`` and public static and
    class methods; or a function) against their annotations; see the module docstring."""
    if isinstance(target, type):
        for name, member in list(vars(target).items()):
            if name == "__init__" and inspect.isfunction(member):
                if not hasattr(member, MARK):
                    setattr(target, name, _wrap(member, target, 1))
            elif name.startswith("_"):
                continue
            elif isinstance(member, staticmethod) and not hasattr(member.__func__, MARK):
                setattr(target, name, staticmethod(_wrap(member.__func__, target, 0)))
            elif isinstance(member, classmethod) and not hasattr(member.__func__, MARK):
                setattr(target, name, classmethod(_wrap(member.__func__, target, 1)))
        setattr(target, MARK, True)
        return target
    if callable(target):
        return typing.cast(_T, _wrap(typing.cast(Callable[..., Any], target), None, 0))
    raise TypeError(f"checked_props applies to a class or a function, got {target!r}")


def plan_of(fn: Any) -> _Plan | None:
    """The checks of a wrapped function (built now), or ``None`` when ``fn`` isn't wrapped."""
    build = getattr(fn, MARK, None)
    return build() if callable(build) else None
