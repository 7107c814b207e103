"""The lazy package namespaces (``pinpoint_constructs._lazy``): every public name resolves to
the object its module defines, and the parts of the library that need no aws-cdk-lib import
without starting the jsii kernel."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from pinpoint_constructs._lazy import stub_exports

LAZY_PACKAGES = [
    "pinpoint_constructs",
    "pinpoint_constructs.pinpoint.templates",
    "pinpoint_constructs.analytics",
]
ROOT = Path(__file__).resolve().parents[2]


def _fresh_python(code: str) -> subprocess.CompletedProcess[str]:
    """Run ``code`` in a new interpreter (nothing imported yet) from the repository root."""
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize(
    "module",
    [
        "pinpoint_constructs.handlebars",
        "pinpoint_constructs.cli.preview",
        "pinpoint_constructs.cli.report",
        "pinpoint_constructs.pinpoint.templates._content",
        "pinpoint_constructs.analytics.queries",
    ],
)
def test_parts_without_cdk_import_without_jsii(module: str) -> None:
    result = _fresh_python(
        f"import sys, json, {module}\n"
        "loaded = [m for m in ('aws_cdk', 'jsii', 'constructs') if m in sys.modules]\n"
        "print(json.dumps(loaded))"
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [], f"importing {module} imported {result.stdout}"
    assert "Node" not in result.stderr  # no jsii banner


def test_preview_cli_starts_no_jsii_kernel() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pinpoint_constructs.cli.preview", "--help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "usage:" in result.stdout
    assert result.stderr == ""


@pytest.mark.parametrize("package", LAZY_PACKAGES)
def test_every_public_name_is_the_object_its_module_defines(package: str) -> None:
    module = importlib.import_module(package)
    exports, names = stub_exports(Path(module.__file__).with_suffix(".pyi"))  # type: ignore[arg-type]
    assert module.__all__ == names
    for name in names:
        source, attribute = exports[name]
        expected = getattr(importlib.import_module(source, package), attribute)
        assert getattr(module, name) is expected, name
    assert set(names) <= set(dir(module))


def test_star_import_binds_every_public_name() -> None:
    namespace: dict[str, object] = {}
    exec("from pinpoint_constructs import *", namespace)
    import pinpoint_constructs

    assert set(pinpoint_constructs.__all__) <= set(namespace)
    assert namespace["PinpointApp"] is pinpoint_constructs.PinpointApp


def test_submodules_are_attributes_and_unknown_names_raise() -> None:
    import pinpoint_constructs

    assert (
        pinpoint_constructs.pinpoint.templates.__name__ == "pinpoint_constructs.pinpoint.templates"
    )
    with pytest.raises(
        AttributeError, match="module 'pinpoint_constructs' has no attribute 'Nope'"
    ):
        pinpoint_constructs.Nope  # noqa: B018
    with pytest.raises(ImportError, match="Nope"):
        exec("from pinpoint_constructs.pinpoint.templates import Nope", {})


def _stub(tmp_path: Path, text: str) -> Path:
    stub = tmp_path / "__init__.pyi"
    stub.write_text(text)
    return stub


def test_stub_exports_reads_relative_imports_and_all(tmp_path: Path) -> None:
    stub = _stub(
        tmp_path,
        '"""Doc."""\nfrom __future__ import annotations\nfrom .a import X, Y as Z\n'
        'from ..b import W\n__all__ = ["W", "X", "Z"]\n',
    )
    assert stub_exports(stub) == (
        {"X": (".a", "X"), "Z": (".a", "Y"), "W": ("..b", "W")},
        ["W", "X", "Z"],
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "import os\n__all__ = []\n",
            r"__init__.pyi:1: a lazy package stub holds only .*'import os'",
        ),
        ("from .a import X\nX = 1\n__all__ = ['X']\n", r":2: .*'X = 1'"),
        ("from .a import X\n", "no __all__ list"),
        (
            "from .a import X, Y\n__all__ = ['X', 'Q']\n",
            r"only in __all__ \['Q'\], only imported \['Y'\]",
        ),
    ],
)
def test_stub_exports_refuses_what_it_cannot_follow(
    tmp_path: Path, text: str, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        stub_exports(_stub(tmp_path, text))
