"""No import cycle anywhere in the package.

The graph counts every import a module makes: at module level, inside functions and under
``TYPE_CHECKING`` alike, because each is a dependency of one module on another, and a cycle
hidden in a function or a type annotation is still two modules that can't be understood (or
moved) one without the other. A name imported from a lazy package (one with an
``__init__.pyi`` stub, see ``pinpoint_constructs._lazy``) counts as an import of the module
the stub says defines it, so laziness can't hide a cycle either. A package's ``__init__``
importing its own submodules is how packages work, not a cycle: submodules' implicit import
of their parent package is left out.
"""

from __future__ import annotations

import ast
from pathlib import Path

from pinpoint_constructs._lazy import stub_exports

PACKAGE_DIR = Path(__file__).resolve().parents[2] / "pinpoint_constructs"
PACKAGE = PACKAGE_DIR.name


def _module_name(path: Path, package_dir: Path) -> str:
    parts = list(path.relative_to(package_dir.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules(package_dir: Path) -> dict[str, Path]:
    return {
        _module_name(path, package_dir): path
        for path in sorted(package_dir.rglob("*.py"))
        if "__pycache__" not in path.parts
    }


def _lazy_exports(modules: dict[str, Path]) -> dict[str, dict[str, str]]:
    """{lazy package: {public name: absolute module defining it}}."""
    result: dict[str, dict[str, str]] = {}
    for name, path in modules.items():
        stub = path.with_suffix(".pyi")
        if path.name == "__init__.py" and stub.is_file():
            exports, _ = stub_exports(stub)
            result[name] = {
                public: _resolve(name, True, relative, None)
                for public, (relative, _attr) in exports.items()
            }
    return result


def _resolve(current: str, is_package: bool, relative: str, module: str | None) -> str:
    """The absolute module of ``from <relative><module> import ...`` written in ``current``."""
    level = len(relative) - len(relative.lstrip("."))
    rest = relative[level:]
    base = current.split(".") if is_package else current.split(".")[:-1]
    base = base[: len(base) - (level - 1)] if level > 1 else base
    parts = base + [part for part in (rest, module) if part]
    return ".".join(parts)


def import_graph(package_dir: Path = PACKAGE_DIR) -> dict[str, set[str]]:
    """{module: the package modules it imports}, every import statement counted."""
    modules = _modules(package_dir)
    lazy = _lazy_exports(modules)
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        is_package = path.name == "__init__.py"
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    source = _resolve(name, is_package, "." * node.level, node.module)
                else:
                    source = node.module or ""
                for alias in node.names:
                    submodule = f"{source}.{alias.name}"
                    if submodule in modules:
                        targets.append(submodule)
                    elif alias.name in lazy.get(source, {}):
                        targets.append(lazy[source][alias.name])
                    else:
                        targets.append(source)
            for target in targets:
                # the longest package module that the import names
                while target and target not in modules:
                    target = target.rpartition(".")[0]
                if target.startswith(PACKAGE) and target != name:
                    graph[name].add(target)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan), sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0

    def visit(node: str) -> None:
        nonlocal counter
        index[node] = low[node] = counter
        counter += 1
        stack.append(node)
        on_stack.add(node)
        for successor in sorted(graph.get(node, ())):
            if successor not in index:
                visit(successor)
                low[node] = min(low[node], low[successor])
            elif successor in on_stack:
                low[node] = min(low[node], index[successor])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)


def test_no_import_cycle_in_the_package():
    assert cycles(import_graph()) == []


def test_the_check_finds_a_cycle_through_a_function_level_import(tmp_path):
    package = tmp_path / PACKAGE
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from .b import B\n")
    (package / "b.py").write_text("def f():\n    from .a import A\n")
    (package / "c.py").write_text("from . import a\n")
    assert cycles(import_graph(package)) == [[f"{PACKAGE}.a", f"{PACKAGE}.b"]]


def test_the_check_sees_through_a_lazy_package_stub(tmp_path):
    package = tmp_path / PACKAGE
    (package / "sub").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "sub" / "__init__.py").write_text("")
    (package / "sub" / "__init__.pyi").write_text('from .x import X\n\n__all__ = ["X"]\n')
    (package / "sub" / "x.py").write_text("from ..y import Y\n")
    (package / "y.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .sub import X\n"
    )
    assert cycles(import_graph(package)) == [[f"{PACKAGE}.sub.x", f"{PACKAGE}.y"]]
