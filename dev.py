#!/usr/bin/env python3
"""The two quick-start commands, on any machine with Python 3.11+, Node.js 20+ and npm.

    python3 dev.py synth [STACK ...]   set up, then synthesize the default stacks into cdk.out
                                       (only the named stacks, and what they depend on, if given)
    python3 dev.py test [PYTEST ARGS]  set up, then run the whole test suite
    python3 dev.py lock [UV ARGS]      set up, then refresh requirements-dev.lock from
                                       pyproject.toml (e.g. --upgrade, --upgrade-package NAME)

Setting up means: a virtual environment in .venv with the locked test environment installed
(requirements-dev.lock: every tool the tests and CI run, cfn-lint, cdk-nag, pytest, syrupy,
ruff, mypy, hypothesis ..., and the library's own dependencies, each pinned with its hashes),
then this package itself without dependencies, and the Node.js tools from package-lock.json
(the AWS CDK CLI, handlebars.js) in node_modules. Each step runs only when needed: the Python
install when .venv is new or pyproject.toml or requirements-dev.lock changed since the last
install, `npm ci` when node_modules is missing or package-lock.json changed (stamp files in
.venv and node_modules hold the hashes of what was installed). No AWS credentials are needed.

The library's install requirements (pyproject.toml) stay ranges; only the test environment is
locked, so a new release of a tool cannot change a test run until the lock is refreshed.
Refreshing it is a reviewed change: run `python3 dev.py lock --upgrade` (or
`--upgrade-package cfn-lint`), run the tests, and commit requirements-dev.lock with what
changed and why. `dev.py lock` without arguments keeps every pin that still satisfies
pyproject.toml (after a range change there, for instance).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
import venv
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent

#: The locked test environment (see the module docstring).
LOCK_FILE = "requirements-dev.lock"
#: How the lock is made: for CPython 3.11 (the oldest Python the package supports) on Linux,
#: with the dev extra, every distribution's sha256.
LOCK_COMMAND = [
    *("uv", "pip", "compile", "pyproject.toml", "--extra", "dev", "--generate-hashes"),
    *("--python-version", "3.11", "--python-platform", "linux"),
    *("--custom-compile-command", "python3 dev.py lock", "--output-file", LOCK_FILE),
]

#: Where each step records the hash of the file it installed from.
PYTHON_STAMP = Path(".venv") / ".dev-py-installed"
NODE_STAMP = Path("node_modules") / ".dev-py-installed"


def _bin(root: Path) -> Path:
    return root / ".venv" / ("Scripts" if os.name == "nt" else "bin")


def _python(root: Path) -> Path:
    return _bin(root) / ("python.exe" if os.name == "nt" else "python")


def _digest(*files: Path) -> str:
    """sha256 over the files' contents (and the interpreter version, for the Python stamp)."""
    hasher = hashlib.sha256()
    for file in files:
        hasher.update(file.name.encode() + b"\0" + file.read_bytes() + b"\0")
    return hasher.hexdigest()


def python_digest(root: Path) -> str:
    return _digest(root / "pyproject.toml", root / LOCK_FILE)


def node_digest(root: Path) -> str:
    return _digest(root / "package-lock.json")


@dataclass(frozen=True)
class Step:
    """One set-up step to run, and why."""

    name: str  # "venv", "python" or "node"
    reason: str


def _stale(stamp: Path, digest: str, what: str, source: str) -> str | None:
    if not stamp.parent.is_dir():
        return f"{stamp.parent.name} does not exist"
    if not stamp.is_file():
        return f"no record of a completed {what} install in {stamp.parent.name}"
    if stamp.read_text().strip() != digest:
        return f"{source} changed since the last install"
    return None


def setup_plan(root: Path = ROOT) -> list[Step]:
    """The set-up steps ``root`` needs now: an empty list when everything is up to date."""
    steps = []
    if not _python(root).exists():
        steps.append(Step("venv", ".venv does not exist"))
        steps.append(Step("python", ".venv is new"))
    elif reason := _stale(
        root / PYTHON_STAMP, python_digest(root), "Python", f"pyproject.toml or {LOCK_FILE}"
    ):
        steps.append(Step("python", reason))
    if reason := _stale(root / NODE_STAMP, node_digest(root), "npm", "package-lock.json"):
        steps.append(Step("node", reason))
    return steps


def _env(root: Path = ROOT) -> dict[str, str]:
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join(
        [str(_bin(root)), str(root / "node_modules" / ".bin"), env["PATH"]]
    )
    env["VIRTUAL_ENV"] = str(root / ".venv")
    # jsii's Node.js end-of-life banner; nothing else is silenced.
    env.setdefault("JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION", "1")
    env.setdefault("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20")
    env.setdefault("CDK_DISABLE_CLI_TELEMETRY", "true")
    return env


def _run(*cmd: str, root: Path = ROOT) -> None:
    print("+", " ".join(cmd), flush=True)
    subprocess.run(cmd, cwd=root, env=_env(root), check=True)


def _say(message: str) -> None:
    print(f"dev.py: {message}", flush=True)


def setup(root: Path = ROOT) -> None:
    """Run the steps of :func:`setup_plan`, saying what each does and why; skip the rest."""
    steps = setup_plan(root)
    if not steps:
        _say(
            f"set-up is up to date (.venv matches pyproject.toml and {LOCK_FILE}, "
            "node_modules package-lock.json)"
        )
        return
    python = str(_python(root))
    for step in steps:
        started = time.monotonic()
        if step.name == "venv":
            _say(f"creating the virtual environment .venv ({step.reason})")
            venv.create(root / ".venv", with_pip=True)
            _run(python, "-m", "pip", "install", "--quiet", "--upgrade", "pip", root=root)
        elif step.name == "python":
            digest = python_digest(root)
            _say(
                f"installing the locked test environment ({LOCK_FILE}) and this package into "
                f".venv ({step.reason}); about 1-2 minutes on a new .venv"
            )
            (root / PYTHON_STAMP).unlink(missing_ok=True)
            for command in python_install_commands(python):
                _run(*command, root=root)
            (root / PYTHON_STAMP).write_text(digest + "\n")
        elif step.name == "node":
            digest = node_digest(root)
            _say(
                f"installing the AWS CDK CLI and handlebars.js with npm ci ({step.reason}); "
                "about a minute"
            )
            _run("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error", root=root)
            (root / NODE_STAMP).write_text(digest + "\n")
        _say(f"{step.name} step done in {time.monotonic() - started:.0f} s")


def python_install_commands(python: str) -> list[list[str]]:
    """The Python step: every locked distribution, each checked against its hashes (pip's
    hash-checking mode also refuses anything the lock does not pin), then this package
    itself, editable, with no dependencies (they are all in the lock)."""
    pip = [python, "-m", "pip", "install", "--progress-bar", "off"]
    return [
        [*pip, "--require-hashes", "-r", LOCK_FILE],
        [*pip, "--no-deps", "-e", "."],
    ]


def lock(uv_args: list[str]) -> int:
    """Refresh requirements-dev.lock (uv pip compile, see :data:`LOCK_COMMAND`); returns uv's
    exit code. Review the diff and commit it with the reason."""
    cmd = [str(_bin(ROOT) / "uv"), *LOCK_COMMAND[1:], *uv_args]
    print("+", " ".join(cmd), flush=True)
    code = subprocess.run(cmd, cwd=ROOT, env=_env(), check=False).returncode
    if code == 0:
        _say(f"{LOCK_FILE} refreshed: run the tests, review `git diff {LOCK_FILE}`, commit it")
    return code


def synth_command(stacks: list[str]) -> list[str]:
    """The CDK CLI command for ``dev.py synth [STACK ...]``."""
    return ["cdk", "synth", "--quiet", "--no-notices", "--output", "cdk.out", *stacks]


def synth(stacks: list[str]) -> None:
    """Synthesize the default stacks (or only ``stacks``) into cdk.out with the AWS CDK CLI."""
    _say("synthesizing " + (", ".join(stacks) if stacks else "every default stack"))
    _run(*synth_command(stacks))
    templates = sorted(p.name for p in (ROOT / "cdk.out").glob("*.template.json"))
    print("Templates in cdk.out:", ", ".join(templates))


def test(pytest_args: list[str]) -> int:
    """Run the whole test suite; returns pytest's exit code."""
    cmd = [str(_python(ROOT)), "-m", "pytest", *pytest_args]
    print("+", " ".join(cmd), flush=True)
    return subprocess.run(cmd, cwd=ROOT, env=_env(), check=False).returncode


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"synth", "test", "lock"}:
        print(__doc__)
        return 2
    setup()
    if argv[0] == "synth":
        synth(argv[1:])
        return 0
    if argv[0] == "lock":
        return lock(argv[1:])
    return test(argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
