#!/usr/bin/env python3
"""The two quick-start commands, on any machine with Python 3.11+, Node.js 20+ and npm.

    python3 dev.py synth   set up, then synthesize the default stacks into cdk.out
    python3 dev.py test    set up, then run the whole test suite (extra args go to pytest)

Setting up means: a virtual environment in .venv with this package and its dev extra
installed, and the Node.js tools from package-lock.json (the AWS CDK CLI, handlebars.js) in
node_modules. No AWS credentials are needed for either command.
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(BIN), str(ROOT / "node_modules" / ".bin"), env["PATH"]])
    env["VIRTUAL_ENV"] = str(VENV)
    # jsii's Node.js end-of-life banner; nothing else is silenced.
    env.setdefault("JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION", "1")
    env.setdefault("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20")
    env.setdefault("CDK_DISABLE_CLI_TELEMETRY", "true")
    return env


def _run(*cmd: str) -> None:
    print("+", " ".join(cmd), flush=True)
    subprocess.run(cmd, cwd=ROOT, env=_env(), check=True)


def setup() -> None:
    """Create .venv if needed, install the package with its dev extra, and the npm tools."""
    if not PYTHON.exists():
        print(f"+ python -m venv {VENV.name}", flush=True)
        venv.create(VENV, with_pip=True)
    _run(str(PYTHON), "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    _run(str(PYTHON), "-m", "pip", "install", "--quiet", "-e", ".[dev]")
    _run("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error")


def synth() -> None:
    """Synthesize every default stack into cdk.out with the AWS CDK CLI."""
    _run("cdk", "synth", "--quiet", "--no-notices", "--output", "cdk.out")
    templates = sorted(p.name for p in (ROOT / "cdk.out").glob("*.template.json"))
    print("Templates in cdk.out:", ", ".join(templates))


def test(pytest_args: list[str]) -> int:
    """Run the whole test suite; returns pytest's exit code."""
    cmd = [str(PYTHON), "-m", "pytest", *pytest_args]
    print("+", " ".join(cmd), flush=True)
    return subprocess.run(cmd, cwd=ROOT, env=_env(), check=False).returncode


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"synth", "test"}:
        print(__doc__)
        return 2
    setup()
    if argv[0] == "synth":
        synth()
        return 0
    return test(argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
