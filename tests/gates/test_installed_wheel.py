"""The package as users install it until a release is published: ``python -m build`` (the
command the README and docs/getting-started.md give) makes the sdist and, from it, the wheel;
the wheel is installed into a fresh virtual environment outside the repository, and the
examples are synthesized there."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((REPO_ROOT / "examples").glob("*.py"))


def _run(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(
        cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=900, check=False
    )
    assert result.returncode == 0, f"{cmd}\n{result.stdout}\n{result.stderr}"
    return result.stdout


@pytest.fixture(scope="module")
def installed_python(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment, outside the repository, with only the wheel installed."""
    work = tmp_path_factory.mktemp("wheel")
    _run([sys.executable, "-m", "build", "--outdir", str(work / "dist"), str(REPO_ROOT)], work)
    (wheel,) = (work / "dist").glob("pinpoint_constructs-*.whl")
    assert list((work / "dist").glob("pinpoint_constructs-*.tar.gz")), "no sdist"
    with zipfile.ZipFile(wheel) as archive:  # the license travels with the package
        assert any(n.endswith(".dist-info/licenses/LICENSE") for n in archive.namelist())
    env_dir = work / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    _run([str(python), "-m", "pip", "install", "-q", str(wheel)], work)
    return python


def _clean_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env.setdefault("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20")
    return env


def test_package_imports_from_site_packages_with_its_handlers(installed_python, tmp_path):
    out = _run(
        [
            str(installed_python),
            "-c",
            "import pinpoint_constructs, pathlib; p = pathlib.Path(pinpoint_constructs.__file__)"
            ".parent; print(p); print((p / 'handlers' / 'journey' / 'index.py').is_file());"
            " print((p / 'py.typed').is_file())",
        ],
        tmp_path,
        _clean_env(),
    )
    location, has_handlers, typed = out.split()
    assert "site-packages" in location and not location.startswith(str(REPO_ROOT))
    assert has_handlers == "True" and typed == "True"


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.stem for e in EXAMPLES])
def test_example_synthesizes_from_the_installed_package(installed_python, tmp_path, example):
    script = tmp_path / example.name
    shutil.copy(example, script)  # run outside the repository: nothing local to import
    env = _clean_env()
    env["CDK_OUTDIR"] = str(tmp_path / "cdk.out")
    _run([str(installed_python), str(script)], tmp_path, env)
    manifest = json.loads((tmp_path / "cdk.out" / "manifest.json").read_text())
    stacks = [a for a in manifest["artifacts"].values() if a["type"] == "aws:cloudformation:stack"]
    assert stacks
    # Handler assets come from the installed package: the asset folders hold handler code.
    assets = [p for p in (tmp_path / "cdk.out").glob("asset.*") if p.is_dir()]
    assert any((asset / "journey" / "index.py").is_file() for asset in assets), assets


def test_example_journey_is_a_custom_resource_of_the_installed_handler(installed_python, tmp_path):
    example = REPO_ROOT / "examples" / "order_notifications.py"
    shutil.copy(example, tmp_path / example.name)
    env = _clean_env()
    env["CDK_OUTDIR"] = str(tmp_path / "cdk.out")
    _run([str(installed_python), str(tmp_path / example.name)], tmp_path, env)
    template = json.loads((tmp_path / "cdk.out" / "OrderNotifications.template.json").read_text())
    types = {resource["Type"] for resource in template["Resources"].values()}
    assert {"Custom::PinpointJourney", "AWS::Pinpoint::SmsTemplate"} <= types
