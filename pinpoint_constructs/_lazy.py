"""Package namespaces that import their public names on first use (PEP 562).

Importing a construct module imports aws-cdk-lib, and that starts the jsii kernel: a Node.js
process, a second or more of start-up, and on Node.js 20 its end-of-life banner. Parts of
this library need none of it: the Handlebars engine (``pinpoint_constructs.handlebars``, the
same code the template-rendering Lambda function ships), ``python -m
pinpoint_constructs.cli.preview`` and ``python -m pinpoint_constructs.cli.report``. Importing any of
them imports its parent packages first, so those packages resolve their names lazily.

A lazy package lists its public names once, as ``from .module import name`` lines and
``__all__`` in its ``__init__.pyi``: type checkers and IDEs read the stub, and
:func:`attach` reads the same stub at import time to learn where each name lives (the
pattern of scientific-python's ``lazy_loader.attach_stub``). The package's ``__init__.py``
is then::

    __getattr__, __dir__, __all__ = attach(__name__, __file__)

This module imports only the standard library.
"""

from __future__ import annotations

import ast
import importlib
import importlib.util
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any


def stub_exports(stub: Path) -> tuple[dict[str, tuple[str, str]], list[str]]:
    """``({public name: (relative module, name in it)}, __all__)`` from a package stub.

    Only ``from .module import name [as other]`` statements, ``__all__ = [...]``,
    ``from __future__ import ...`` and a docstring may stand in the stub; anything else
    raises ``ValueError`` naming the line, as does a name in ``__all__`` that no import
    provides or an import that ``__all__`` leaves out.
    """
    tree = ast.parse(stub.read_text(encoding="utf-8"), filename=str(stub))
    exports: dict[str, tuple[str, str]] = {}
    names: list[str] | None = None
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module == "__future__":
            continue
        if isinstance(node, ast.ImportFrom) and node.level >= 1:
            module = "." * node.level + (node.module or "")
            for alias in node.names:
                exports[alias.asname or alias.name] = (module, alias.name)
        elif (
            isinstance(node, ast.Assign)
            and [getattr(t, "id", None) for t in node.targets] == ["__all__"]
            and isinstance(node.value, ast.List | ast.Tuple)
        ):
            names = [ast.literal_eval(element) for element in node.value.elts]
        elif not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)):
            raise ValueError(
                f"{stub}:{node.lineno}: a lazy package stub holds only relative imports and "
                f"__all__, got {ast.unparse(node)[:80]!r}"
            )
    if names is None:
        raise ValueError(f"{stub}: no __all__ list")
    if set(names) != set(exports):
        only_listed, only_imported = set(names) - set(exports), set(exports) - set(names)
        raise ValueError(
            f"{stub}: __all__ and the imports differ: only in __all__ {sorted(only_listed)}, "
            f"only imported {sorted(only_imported)}"
        )
    return exports, names


def attach(
    package: str, init_file: str
) -> tuple[Callable[[str], Any], Callable[[], list[str]], list[str]]:
    """``(__getattr__, __dir__, __all__)`` for the package ``package`` whose ``__init__.py``
    is ``init_file``, from the ``__init__.pyi`` beside it.

    ``__getattr__`` imports a public name's module the first time the name is asked for and
    keeps the value in the package's namespace (later lookups don't reach it); a name that
    is not public but is a submodule (``pinpoint_constructs.pinpoint.templates``) is imported as
    one; anything else raises ``AttributeError``.
    """
    exports, names = stub_exports(Path(init_file).with_suffix(".pyi"))

    def __getattr__(name: str) -> Any:
        where = exports.get(name)
        if where is not None:
            value = getattr(importlib.import_module(where[0], package), where[1])
        elif not name.startswith("__") and importlib.util.find_spec(f"{package}.{name}"):
            value = importlib.import_module(f"{package}.{name}")
        else:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        setattr(sys.modules[package], name, value)
        return value

    def __dir__() -> list[str]:
        return sorted(set(vars(sys.modules[package])) | set(exports))

    return __getattr__, __dir__, list(names)
