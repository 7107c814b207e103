"""dev.py's set-up decisions: what it installs again, and what it skips, for a given tree.

Each test lays out a small project tree (pyproject.toml, package-lock.json, and whatever
.venv / node_modules state the case needs) and asks dev.py's own ``setup_plan`` what to do.
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]


def _load_dev():
    spec = importlib.util.spec_from_file_location("dev_under_test", REPO_ROOT / "dev.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


dev = _load_dev()


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    shutil.copy(REPO_ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    shutil.copy(REPO_ROOT / "package-lock.json", tmp_path / "package-lock.json")
    shutil.copy(REPO_ROOT / dev.LOCK_FILE, tmp_path / dev.LOCK_FILE)
    return tmp_path


def _installed(root: Path) -> None:
    """The state a completed set-up leaves: an interpreter in .venv and both stamps."""
    python = dev._python(root)
    python.parent.mkdir(parents=True)
    python.write_text("")
    (root / "node_modules").mkdir()
    (root / dev.PYTHON_STAMP).write_text(dev.python_digest(root) + "\n")
    (root / dev.NODE_STAMP).write_text(dev.node_digest(root) + "\n")


def test_fresh_clone_runs_every_step(tree):
    assert [step.name for step in dev.setup_plan(tree)] == ["venv", "python", "node"]


def test_nothing_runs_when_everything_is_up_to_date(tree, capsys):
    _installed(tree)
    assert dev.setup_plan(tree) == []
    dev.setup(tree)  # would fail trying to run pip or npm in this tree
    assert "set-up is up to date" in capsys.readouterr().out


def test_changed_pyproject_reinstalls_the_package_only(tree):
    _installed(tree)
    with (tree / "pyproject.toml").open("a") as file:
        file.write("\n# a new dependency range\n")
    assert dev.setup_plan(tree) == [
        dev.Step("python", "pyproject.toml or requirements-dev.lock changed since the last install")
    ]


def test_changed_test_environment_lock_reinstalls_the_python_environment_only(tree):
    _installed(tree)
    with (tree / dev.LOCK_FILE).open("a") as file:
        file.write("\n# cfn-lint upgraded\n")
    assert dev.setup_plan(tree) == [
        dev.Step("python", "pyproject.toml or requirements-dev.lock changed since the last install")
    ]


def test_python_step_installs_the_lock_with_hashes_then_the_package_without_dependencies():
    lock_install, package_install = dev.python_install_commands("py")
    assert lock_install[:4] == ["py", "-m", "pip", "install"]
    assert lock_install[-3:] == ["--require-hashes", "-r", "requirements-dev.lock"]
    assert package_install[-3:] == ["--no-deps", "-e", "."]


def test_the_lock_pins_every_tool_the_tests_run_with_hashes():
    text = (REPO_ROOT / dev.LOCK_FILE).read_text()
    pins = {
        line.split("==")[0].lower(): line.split("==")[1].split()[0]
        for line in text.splitlines()
        if "==" in line and not line.startswith((" ", "#"))
    }
    tools = {"cfn-lint", "cdk-nag", "pytest", "syrupy", "ruff", "mypy", "build", "sqlglot"}
    tools |= {"hypothesis", "uv", "aws-cdk-lib", "constructs", "boto3", "botocore"}
    assert tools <= set(pins), sorted(tools - set(pins))
    # Every pinned distribution carries at least one sha256 (pip's hash-checking mode).
    entries = [e for e in text.split("\n") if "==" in e and not e.startswith((" ", "#"))]
    assert all(e.rstrip().endswith("\\") for e in entries), "a pin without --hash"
    assert text.count("--hash=sha256:") >= len(pins)


def test_the_lock_is_made_for_python_3_11_on_linux_with_hashes():
    command = dev.LOCK_COMMAND
    assert command[:4] == ["uv", "pip", "compile", "pyproject.toml"]
    for option in (["--extra", "dev"], ["--python-version", "3.11"]):
        index = command.index(option[0])
        assert command[index : index + 2] == option
    assert "--generate-hashes" in command
    assert command[command.index("--python-platform") + 1] == "linux"
    assert command[-2:] == ["--output-file", "requirements-dev.lock"]


def test_library_requirements_stay_ranges():
    import tomllib

    project = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text())["project"]
    for requirement in project["dependencies"]:
        assert "==" not in requirement, requirement


def test_changed_lock_file_runs_npm_ci_only(tree):
    _installed(tree)
    (tree / "package-lock.json").write_text('{"lockfileVersion": 3}\n')
    assert dev.setup_plan(tree) == [
        dev.Step("node", "package-lock.json changed since the last install")
    ]


def test_interrupted_install_is_redone(tree):
    """A stamp is written only after its step succeeded; without it the step runs again."""
    _installed(tree)
    (tree / dev.PYTHON_STAMP).unlink()
    shutil.rmtree(tree / "node_modules")
    plan = dev.setup_plan(tree)
    assert [step.name for step in plan] == ["python", "node"]
    assert plan[1].reason == "node_modules does not exist"


def test_synth_passes_stack_names_to_the_cdk_cli():
    assert dev.synth_command(["PinpointEngagement"])[-1] == "PinpointEngagement"
    assert dev.synth_command([])[:2] == ["cdk", "synth"]
    assert "PinpointEngagement" not in dev.synth_command([])
