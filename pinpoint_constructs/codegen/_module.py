"""The generated module: its imports, the stack's statements, and the names it uses."""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass, field

from ._source import (
    LINE_LENGTH,
    Call,
    Code,
    Expr,
    Statement,
    Str,
    ascii_text,
    construct_id,
    identifier,
    string_literal,
)

_STDLIB = ("datetime", "typing")


@dataclass
class Parameter:
    """A value the export doesn't hold, asked for as a keyword-only stack parameter (and read
    from CDK context when the module runs as a script)."""

    name: str
    context_key: str
    doc: str


@dataclass
class Module:
    """A generated module under construction."""

    class_name: str
    sources: list[str]
    statements: list[Statement] = field(default_factory=list)
    parameters: list[Parameter] = field(default_factory=list)
    _names: dict[str, set[str]] = field(default_factory=dict)  # module -> imported names
    _aliases: dict[str, str] = field(default_factory=dict)  # "aws_cdk.aws_iam" -> "iam"
    _variables: set[str] = field(default_factory=lambda: {"self", "scope", "id", "kwargs"})
    _ids: set[str] = field(default_factory=set)
    #: (account, region) for ``main()``'s stack, when the export pins them (imported functions)
    environment: tuple[str, str] | None = None
    #: The module docstring's first line and the stack class's docstring (the migration tool
    #: writes its own).
    title: str = "Pinpoint resources imported with ``python -m pinpoint_constructs.codegen``."
    class_doc: str = "The imported project and its resources, as constructs."

    # ---- names ---------------------------------------------------------------------------

    def use(self, module: str, name: str) -> str:
        """``name`` imported from ``module``; returns the name to write."""
        self._names.setdefault(module, set()).add(name)
        return name

    def lib(self, name: str) -> str:
        """A name of the public API of pinpoint_constructs."""
        return self.use("pinpoint_constructs", name)

    def cdk_module(self, module: str, alias: str) -> str:
        """``from aws_cdk import <module> as <alias>``; returns the alias."""
        self._aliases[module] = alias
        return alias

    def variable(self, text: str, suffix: str = "") -> str:
        """A new variable name made from ``text``."""
        base = identifier(text, suffix=suffix)
        name, n = base, 2
        while name in self._variables:
            name, n = f"{base}_{n}", n + 1
        self._variables.add(name)
        return name

    def construct_id(self, text: str) -> str:
        """A new construct id (unique in the stack) made from ``text``."""
        base = construct_id(text)
        ident, n = base, 2
        while ident in self._ids:
            ident, n = f"{base}{n}", n + 1
        self._ids.add(ident)
        return ident

    def parameter(self, text: str, context_key: str, doc: str) -> Code:
        """A stack parameter for a value the export doesn't hold."""
        name = self.variable(text)
        self.parameters.append(Parameter(name, context_key, doc))
        return Code(name)

    def add(
        self, expr: Expr, *, target: str | None = None, comments: list[str] | None = None
    ) -> None:
        """Append a statement to the stack's constructor."""
        self.statements.append(Statement(expr, target, list(comments or ())))

    def construct(
        self,
        cls: str,
        label: str,
        kwargs: list[tuple[str, Expr]],
        *,
        suffix: str = "",
        comments: list[str] | None = None,
    ) -> str:
        """``<variable> = cls(self, "<Id>", **kwargs)``; returns the variable."""
        return self.call(self.lib(cls), label, kwargs, suffix=suffix, comments=comments)

    def call(
        self,
        func: str,
        label: str,
        kwargs: list[tuple[str, Expr]],
        *,
        suffix: str = "",
        comments: list[str] | None = None,
    ) -> str:
        """``<variable> = func(self, "<Id>", **kwargs)`` for any construct class or factory
        (``ses.ConfigurationSet``, ``EmailMessageTemplate.from_pinpoint``); returns the
        variable."""
        target = self.variable(label, suffix)
        self.add(
            Call(func, [Code("self"), Code(repr_id(self.construct_id(label)))], kwargs),
            target=target,
            comments=comments,
        )
        return target

    # ---- output --------------------------------------------------------------------------

    def render(self) -> str:
        """The module's source."""
        self.use("aws_cdk", "App")
        if self.environment is not None:
            self.use("aws_cdk", "Environment")
        self.use("aws_cdk", "Stack")
        self.use("constructs", "Construct")
        self.use("typing", "Any")
        lines = [
            '"""' + self.title,
            "",
            *_wrap("Generated from: " + ", ".join(map(_docstring_text, self.sources)) + "."),
            '"""',
            "",
            "from __future__ import annotations",
            "",
            *self._imports(),
            "",
            "",
            f"class {self.class_name}(Stack):",
            f'    """{self.class_doc}"""',
            "",
            *self._signature(),
            "        super().__init__(scope, id, **kwargs)",
        ]
        rendered = [s.render(8) for s in self.statements]
        for index, statement in enumerate(self.statements):
            if statement.target and not self._used(statement.target, rendered, index):
                statement.target = None  # an unused variable would fail ruff's F841
                rendered[index] = statement.render(8)
            lines.extend(rendered[index])
        lines += ["", "", *self._main()]
        return "\n".join(lines) + "\n"

    @staticmethod
    def _used(name: str, rendered: list[list[str]], index: int) -> bool:
        pattern = re.compile(rf"\b{re.escape(name)}\b")
        return any(
            pattern.search(line) for i, lines in enumerate(rendered) if i != index for line in lines
        )

    def _signature(self) -> list[str]:
        if not self.parameters:
            return ["    def __init__(self, scope: Construct, id: str, **kwargs: Any) -> None:"]
        out = [
            "    def __init__(",
            "        self,",
            "        scope: Construct,",
            "        id: str,",
        ]
        out.append("        *,")
        out.extend(f"        {p.name}: str," for p in self.parameters)
        out += ["        **kwargs: Any,", "    ) -> None:", '        """']
        for p in self.parameters:
            out.append(f"        :param {p.name}: {p.doc}")
        out.append('        """')
        return out

    def _main(self) -> list[str]:
        stack_id = self.class_name.removesuffix("Stack") or self.class_name
        out = ["def main() -> None:", "    app = App()"]
        env = False
        if self.environment is not None:
            account, region = self.environment
            out += [
                "    # The account and region of the project and of the functions it invokes.",
                f"    env = Environment(account={string_literal(account)}, "
                f"region={string_literal(region)})",
            ]
            env = True
        kwargs: list[tuple[str, Expr]] = [("env", Code("env"))] if env else []
        kwargs += [
            (p.name, Call("app.node.get_context", [Str(p.context_key)])) for p in self.parameters
        ]
        out += Statement(Call(self.class_name, [Code("app"), Str(stack_id)], kwargs)).render(4)
        out += ["    app.synth()", "", "", 'if __name__ == "__main__":', "    main()"]
        return out

    def _imports(self) -> list[str]:
        sections: list[list[str]] = [[], []]
        modules = sorted(set(self._names) | {m.split(".")[0] for m in self._aliases})
        for module in modules:
            # pinpoint_constructs is a dependency of the project the module goes into, so ruff's
            # isort puts it with aws_cdk and constructs (third party)
            section = 0 if module in _STDLIB else 1
            names = sorted(self._names.get(module, ()), key=_isort_key)
            if names:
                sections[section].extend(_from_import(module, names))
            for sub in sorted(m for m in self._aliases if m.startswith(module + ".")):
                sections[section].append(
                    f"from {module} import {sub.split('.', 1)[1]} as {self._aliases[sub]}"
                )
        out: list[str] = []
        for lines in sections:
            if lines:
                if out:
                    out.append("")
                out.extend(lines)
        return out


def _wrap(text: str) -> list[str]:
    return textwrap.wrap(text, width=LINE_LENGTH, break_on_hyphens=False) or [""]


def _docstring_text(text: str) -> str:
    """A file name as the module's docstring can hold it: ASCII, no quote or backslash that
    would end or escape anything."""
    return ascii_text(text.replace("\\", "/").replace('"', "'"))


def repr_id(text: str) -> str:
    return f'"{text}"'


def _isort_key(name: str) -> tuple[int, str]:
    """ruff's isort order within one import: CONSTANTS, Classes, then functions."""
    if name.isupper() and len(name) > 1:
        return (0, name)
    if name[:1].isupper():
        return (1, name)
    return (2, name)


def _from_import(module: str, names: list[str]) -> list[str]:
    line = f"from {module} import {', '.join(names)}"
    if len(line) <= LINE_LENGTH:
        return [line]
    return [f"from {module} import (", *(f"    {n}," for n in names), ")"]
