"""From exported responses to a module of constructs. Each response kind is a table: which
field becomes which prop, through which converter; the shared converters are below."""

from __future__ import annotations

import dataclasses
import enum
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from ._model import CodegenError, Exported, Fields, Problem, is_service_default
from ._module import Module, repr_id
from ._source import Call, Code, Expr, Str, literal

#: Fields the service sets on every response: never written by a definition.
READ_ONLY = frozenset(
    {
        "Arn",
        "CreationDate",
        "LastModifiedDate",
        "LastModifiedBy",
        "LastUpdatedBy",
        "Version",
        "TemplateType",
        "IsArchived",
        "Platform",
        "HasCredential",
        "HasTokenKey",
        "HasFcmServiceCredentials",
        "ExternalId",
        "MessagesPerSecond",
        "PromotionalMessagesPerSecond",
        "TransactionalMessagesPerSecond",
    }
)

T = TypeVar("T")

Converter = Callable[["Generator", Fields, str], Expr | None]


@dataclass(frozen=True)
class Prop:
    """One field of a response: ``api`` becomes the prop ``name`` through ``convert``;
    ``omit`` is the construct's own default, which need not be written."""

    api: str
    name: str
    convert: Converter
    omit: Any = None


def text(g: Generator, f: Fields, key: str) -> Expr | None:
    value = f.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise f.error(key, f"must be a string, got {value!r}")
    return Str(value)


def number(g: Generator, f: Fields, key: str) -> Expr | None:
    value = f.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise f.error(key, f"must be a number, got {value!r}")
    return Code(repr(value))


def flag(g: Generator, f: Fields, key: str) -> Expr | None:
    value = f.data.get(key)
    f.get(key)
    if value is None:
        return None
    if not isinstance(value, bool):
        raise f.error(key, f"must be true or false, got {value!r}")
    return Code(repr(value))


def mapping(g: Generator, f: Fields, key: str) -> Expr | None:
    value = f.get(key)
    if value is None:
        return None
    if not isinstance(value, dict):
        raise f.error(key, f"must be an object, got {value!r}")
    return literal(value)


def seconds(g: Generator, f: Fields, key: str) -> Expr | None:
    """A number of seconds as a ``Duration`` in the largest whole unit."""
    value = number(g, f, key)
    if value is None:
        return None
    total = f.data[key]
    duration = g.module.use("aws_cdk", "Duration")
    for unit, size in (("days", 86_400), ("hours", 3600), ("minutes", 60)):
        if isinstance(total, int) and total and total % size == 0:
            return Call(f"{duration}.{unit}", [Code(str(total // size))])
    return Call(f"{duration}.seconds", [value])


def substitutions(g: Generator, f: Fields, key: str) -> Expr | None:
    value = f.get(key)
    if value is None:
        return None
    try:
        parsed = json.loads(value) if isinstance(value, str) else None
    except json.JSONDecodeError:
        parsed = None
    if not isinstance(parsed, dict):
        raise f.error(key, f"must be a JSON object in a string, got {value!r}")
    return literal(parsed)


def member(cls: type[enum.Enum]) -> Converter:
    """A converter to a member of the library's enum ``cls`` by its value."""

    def convert(g: Generator, f: Fields, key: str) -> Expr | None:
        value = f.get(key)
        if value is None:
            return None
        try:
            name = cls(value).name
        except ValueError:
            allowed = ", ".join(m.value for m in cls)
            raise f.error(key, f"must be one of {allowed}, got {value!r}") from None
        return Code(f"{g.module.lib(cls.__name__)}.{name}")

    return convert


def props(g: Generator, f: Fields, table: Sequence[Prop]) -> list[tuple[str, Expr]]:
    """The keyword arguments for ``table``'s fields of ``f``."""
    out = []
    for prop in table:
        given = f.data.get(prop.api)
        if (prop.omit is not None and given == prop.omit) or is_service_default(prop.api, given):
            f.get(prop.api)  # the construct's default, or the service's: nothing to write
            continue
        try:
            value = prop.convert(g, f, prop.api)
        except CodegenError as error:  # reported with the others; the next prop goes on
            g.report(error)
            continue
        if value is not None:
            out.append((prop.name, value))
    return out


def default_of(cls: type, name: str) -> Any:
    """The default of the dataclass field ``name`` of ``cls``, as the API spells it."""
    for fld in dataclasses.fields(cls):
        if fld.name == name:
            value = fld.default
            return value.value if isinstance(value, enum.Enum) else value
    raise KeyError(name)  # pragma: no cover - a table error


def obj(cls: str, table: Sequence[Prop]) -> Converter:
    """A converter of the object at a key to ``cls(**table's props)``; ``None`` when the
    object is absent or sets none of them."""

    def convert(g: Generator, f: Fields, key: str) -> Expr | None:
        sub = f.sub(key)
        if sub is None:
            return None
        kwargs = props(g, sub, table)
        sub.done()
        return call(g, cls, kwargs) if kwargs else None

    return convert


def call(g: Generator, cls: str, kwargs: list[tuple[str, Expr]], args: Sequence[Expr] = ()) -> Call:
    return Call(g.module.lib(cls), list(args), kwargs)


class Generator:
    """Turns the exported responses into statements of a :class:`Module`."""

    def __init__(self, module: Module, exported: list[Exported]) -> None:
        self.module = module
        self.exported = exported
        self.app: Expr = Code("app")
        self.app_id: str | None = None
        self.segments: dict[str, Expr] = {}  # segment id -> expression
        self.templates: dict[tuple[str, str], Expr] = {}  # (type, name) -> expression
        self.functions: dict[str, Expr] = {}  # ARN or name -> expression
        self.function_environments: dict[str, tuple[str, str]] = {}  # ARN -> (account, region)
        self._imports: dict[str, Expr] = {}  # ARN or name -> expression
        self._secret_base = "pinpoint"
        self.problems: list[Problem] = []

    def attempt(self, step: Callable[..., T], *args: Any) -> T | None:
        """``step(*args)``; ``None`` when it raises :class:`CodegenError`, whose problems are
        kept: one part of a resource that can't be expressed doesn't hide the others'."""
        try:
            return step(*args)
        except CodegenError as error:
            self.report(error)
            return None

    def report(self, error: CodegenError) -> None:
        """Keep ``error``'s problems, to report them all at the end of the run."""
        self.problems.extend(p for p in error.problems if p not in self.problems)

    def secret_base(self, project: str) -> None:
        """Secret placeholders are named ``pinpoint/<project>/<channel>``."""
        self._secret_base = f"pinpoint/{project}"

    # ---- shared references ---------------------------------------------------------------

    def imported(
        self,
        label: str,
        factory: str,
        value: str,
        cache: dict[str, Expr] | None = None,
        *,
        kwargs: list[tuple[str, Expr]] | None = None,
        comments: list[str] | None = None,
    ) -> Expr:
        """An imported L2 (``Function.from_function_arn`` ...), once per value."""
        cache = self._imports if cache is None else cache
        if value not in cache:
            module, _, rest = factory.partition(":")
            alias = self.module.cdk_module(f"aws_cdk.{module}", _ALIASES[module])
            target = self.module.variable(label)
            self.module.add(
                Call(
                    f"{alias}.{rest}",
                    [Code("self"), Code(repr_id(self.module.construct_id(label))), Str(value)],
                    kwargs or [],
                ),
                target=target,
                comments=comments,
            )
            cache[value] = Code(target)
        return cache[value]

    def role(self, label: str, arn: str) -> Expr:
        """An existing role, imported immutable: the export holds no IAM policies, so the
        generated stack doesn't add any to it."""
        return self.imported(
            label,
            "aws_iam:Role.from_role_arn",
            arn,
            kwargs=[("mutable", Code("False"))],
            comments=["An existing role: its policies stay as they are (mutable=False)."],
        )

    def function(self, f: Fields, key: str) -> Expr:
        """A Lambda function (a hook, a custom channel) by ARN or name, imported with
        ``same_environment=True``: Pinpoint's invoke permission is then added to it. CDK skips
        the permission of a function imported by ARN into a stack without an account (with
        only a warning); the function is in the project's account and region (a name means
        the stack's own), which :meth:`check_environments` makes sure of."""
        value = f.require(key)
        if value in self.functions:
            return self.functions[value]
        alias = self.module.cdk_module("aws_cdk.aws_lambda", _ALIASES["aws_lambda"])
        if value.startswith("arn:"):
            parts = value.split(":")
            if len(parts) < 7 or parts[2] != "lambda":
                raise f.error(key, f"must be a Lambda function's name or ARN, got {value!r}")
            self.function_environments[value] = (parts[4], parts[3])
            name = parts[6]
            arn: Expr = Str(value)
        else:
            name = value
            arn = Call(
                "self.format_arn",
                [],
                [
                    ("service", Str("lambda")),
                    ("resource", Str("function")),
                    ("resource_name", Str(value)),
                    (
                        "arn_format",
                        Code(self.module.use("aws_cdk", "ArnFormat") + ".COLON_RESOURCE_NAME"),
                    ),
                ],
            )
        target = self.module.variable(f"{name} function")
        self.module.add(
            Call(
                f"{alias}.Function.from_function_attributes",
                [Code("self"), Code(repr_id(self.module.construct_id(f"{name} function")))],
                [("function_arn", arn), ("same_environment", Code("True"))],
            ),
            target=target,
            comments=[
                "An existing function, in the project's account and region: the stack adds",
                "Pinpoint's permission to invoke it (same_environment=True).",
            ],
        )
        self.functions[value] = Code(target)
        return self.functions[value]

    def check_environments(self) -> None:
        """The imported functions must be in the project's account and region (the ARNs of
        the exported resources say which): the stack adds their invoke permissions, which
        can't be added from another account. That one environment becomes the generated
        ``main()``'s ``env``."""
        project = {
            (parts[4], parts[3])
            for item in self.exported
            if isinstance(item.body.get("Arn"), str)
            and (parts := item.body["Arn"].split(":"))[2:3] == ["mobiletargeting"]
            and len(parts) > 4
        }
        found = set(self.function_environments.values()) | project
        if len(found) > 1:
            where = ", ".join(f"account {a} region {r}" for a, r in sorted(found))
            arns = ", ".join(sorted(self.function_environments))
            self.problems.append(
                Problem(
                    ", ".join(sorted({e.file for e in self.exported})),
                    "Lambda function ARNs",
                    f"the project and its functions ({arns}) are in different places ({where}): "
                    "the generated stack can't add Pinpoint's permission to invoke a function "
                    "of another account or region",
                    "move the functions to the project's account and region, or remove the "
                    "hooks from the files and add them by hand with the permission made in "
                    "the function's account",
                )
            )
        elif self.function_environments:
            ((account, region),) = found
            self.module.environment = (account, region)

    def secret(self, name: str, json_field: str | None = None) -> Expr:
        """A ``SecretValue.secrets_manager`` placeholder (the API never returns secrets)."""
        kwargs = [("json_field", Str(json_field))] if json_field else []
        path = f"{self._secret_base}/{name}"
        return Call(
            self.module.use("aws_cdk", "SecretValue") + ".secrets_manager", [Str(path)], kwargs
        )

    def check_app(self, f: Fields, key: str = "ApplicationId") -> None:
        """The resource's project must be the module's project."""
        app_id = f.get(key)
        if app_id is None:
            return
        if self.app_id is None:
            self.app_id = app_id
        elif app_id != self.app_id:
            raise f.error(
                key,
                f"belongs to the project {app_id!r}, not to {self.app_id!r}",
                "generate one module per project: pass only that project's files",
            )

    def segment(self, f: Fields, key: str) -> Expr:
        """The segment with the id at ``key``: its variable, or an import by id."""
        segment_id = f.require(key)
        if segment_id not in self.segments:
            target = self.module.variable(f"segment {segment_id}")
            self.module.add(
                Call(
                    self.module.lib("Segment") + ".from_segment_id",
                    [
                        Code("self"),
                        Code(repr_id(self.module.construct_id(f"Segment {segment_id}"))),
                        Str(segment_id),
                    ],
                    [("app", self.app)],
                ),
                target=target,
                comments=["A segment that is not in the export: referenced by its id."],
            )
            self.segments[segment_id] = Code(target)
        return self.segments[segment_id]

    def template(self, kind: str, name: str, where: Fields, key: str) -> Expr:
        """The template named ``name``: its variable, or an import by name."""
        if (kind, name) not in self.templates:
            cls = _TEMPLATE_CLASSES[kind]
            target = self.module.variable(f"{name} template")
            self.module.add(
                Call(
                    self.module.lib(cls) + ".from_template_name",
                    [
                        Code("self"),
                        Code(repr_id(self.module.construct_id(f"{name} template"))),
                        Str(name),
                    ],
                ),
                target=target,
                comments=[f"A {kind.lower()} template that is not in the export: by its name."],
            )
            self.templates[(kind, name)] = Code(target)
        return self.templates[(kind, name)]


_ALIASES = {
    "aws_lambda": "lambda_",
    "aws_iam": "iam",
    "aws_ses": "ses",
    "aws_kinesis": "kinesis",
    "aws_kinesisfirehose": "firehose",
}

_TEMPLATE_CLASSES = {
    "EMAIL": "EmailTemplate",
    "SMS": "SmsTemplate",
    "PUSH": "PushTemplate",
    "INAPP": "InAppTemplate",
    "VOICE": "VoiceTemplate",
}
