"""The public API the props tests walk: every public class's ``__init__`` and public static
and class methods defined in this library, and every public function, from the root stub."""

from __future__ import annotations

import enum
import inspect
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pinpoint_constructs
from pinpoint_constructs._lazy import stub_exports

ROOT_STUB = Path(pinpoint_constructs.__file__).with_suffix(".pyi")


def _ours(function: Any) -> bool:
    return getattr(function, "__module__", "").startswith("pinpoint_constructs")


def public_callables() -> Iterator[tuple[str, Callable[..., Any], Callable[..., Any]]]:
    """``(label, wrapped function, how to call it)``: ``Class.__init__`` is called as the
    class, a factory as ``Class.factory``, a function as itself."""
    _, names = stub_exports(ROOT_STUB)
    for name in names:
        obj = getattr(pinpoint_constructs, name)
        if inspect.isclass(obj):
            if issubclass(obj, enum.Enum) or obj.__dict__.get("_is_protocol", False):
                continue
            if _ours(inspect.unwrap(obj.__init__)):
                yield f"{name}.__init__", obj.__init__, obj
            for attribute in dir(obj):
                if attribute.startswith("_"):
                    continue
                raw = inspect.getattr_static(obj, attribute)
                if isinstance(raw, staticmethod | classmethod) and _ours(raw.__func__):
                    yield f"{name}.{attribute}", raw.__func__, getattr(obj, attribute)
        elif inspect.isfunction(obj):
            yield name, obj, obj
