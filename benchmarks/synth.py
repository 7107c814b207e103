#!/usr/bin/env python3
"""Wall time of synthesizing the whole default app, cold (what a user waits) and warm, of each
default stack, and the number of resources in each.

    python benchmarks/synth.py [--repeat N] [--cold-repeat N] [--no-cold]

Cold: fresh processes, as a user runs them: ``python app.py`` and the CDK CLI's ``cdk synth``
(from node_modules), wall time. ``python app.py`` is then split into its phases, each timed
inside fresh processes: Python and jsii start-up (``import aws_cdk``, ``import cdk_nag``),
importing this library and the default stacks, building the constructs, and ``app.synth()``,
which is shared out by running it three ways: as the default app does; with aws-cdk-lib's
built-in template validation off (``CDK_VALIDATION=false``; the difference is that
validation); with the validation and cdk-nag off (the difference is cdk-nag, what is left is
writing the cloud assembly; ``benchmarks/_cold_app.py`` is the timed run). "Exit and the
rest" is the wall time not inside any phase (interpreter start, shutting jsii down). Figures
are medians of ``--cold-repeat`` processes each.

Warm (below the cold figures):
"whole app" is building every construct plus ``app.synth()`` (with cdk-nag attached, as in the
default app). "Each stack" is the time spent building that stack's constructs plus the time
``Stack.synthesize`` spends on it. The jsii runtime is started once beforehand and not counted.
Times vary with machine load: compare figures from one run; medians of ``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

os.environ.setdefault("JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION", "1")
os.environ.setdefault("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import aws_cdk as cdk

import stacks as default_stacks
from stacks import add_default_stacks, cdk_json_context

#: CloudFormation's limit of resources per stack.
CFN_RESOURCE_LIMIT = 500


def _stack_classes() -> list[type[cdk.Stack]]:
    return [
        value
        for value in vars(default_stacks).values()
        if isinstance(value, type) and issubclass(value, cdk.Stack) and value is not cdk.Stack
    ]


def _timed(timings: dict[str, float], method: Any, key: Any) -> Any:
    @functools.wraps(method)
    def wrapper(self: cdk.Stack, *args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return method(self, *args, **kwargs)
        finally:
            timings[key(self, args)] += time.perf_counter() - start

    return wrapper


def run_once() -> tuple[float, dict[str, float], dict[str, int]]:
    """Build and synthesize the default app once; per-stack build + synthesize times."""
    timings: dict[str, float] = defaultdict(float)
    originals = {}
    for cls in _stack_classes():
        originals[cls] = cls.__init__
        cls.__init__ = _timed(timings, cls.__init__, lambda _self, args: args[1])  # type: ignore[method-assign]
    try:
        with tempfile.TemporaryDirectory() as outdir:
            start = time.perf_counter()
            app = cdk.App(context=cdk_json_context(), outdir=outdir)
            built = add_default_stacks(app)
            build_end = time.perf_counter()
            assembly = app.synth()
            total = time.perf_counter() - start
            counts = {
                s.stack_name: len(assembly.get_stack_by_name(s.stack_name).template["Resources"])
                for s in built
            }
            # Synthesis is one pass over the app; share it out by resource count.
            synth_time = total - (build_end - start)
            resources = sum(counts.values()) or 1
            per_stack = {
                s.stack_name: timings[s.node.id] + synth_time * counts[s.stack_name] / resources
                for s in built
            }
    finally:
        for cls, init in originals.items():
            cls.__init__ = init  # type: ignore[method-assign]
    return total, per_stack, counts


ROOT = Path(__file__).resolve().parents[1]


def _fresh(args: list[str], env: dict[str, str] | None = None) -> tuple[float, str]:
    """Run ``args`` in a fresh process from the repository root: wall time and stdout."""
    start = time.perf_counter()
    result = subprocess.run(
        args, cwd=ROOT, env={**os.environ, **(env or {})}, capture_output=True, text=True
    )
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{result.stderr[-2000:]}")
    return elapsed, result.stdout


def _phases(nag: bool, env: dict[str, str] | None = None) -> tuple[float, dict[str, float]]:
    command = [sys.executable, str(ROOT / "benchmarks" / "_cold_app.py")]
    wall, out = _fresh(command + ([] if nag else ["--no-nag"]), env)
    return wall, json.loads(out.strip().splitlines()[-1])


def print_cold(repeat: int) -> None:
    """Print the cold figures: what a user waits, and where the time goes."""
    python_app: list[float] = []
    cli: list[float] = []
    full: list[dict[str, float]] = []
    walls: list[float] = []
    nag_only: list[float] = []
    bare: list[float] = []
    cdk_cli = ROOT / "node_modules" / ".bin" / "cdk"
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as outdir:
            python_app.append(_fresh([sys.executable, "app.py"], {"CDK_OUTDIR": outdir})[0])
        if cdk_cli.exists():
            with tempfile.TemporaryDirectory() as outdir:
                command = [str(cdk_cli), "synth", "--quiet", "--no-notices", "-o", outdir]
                # cdk.json runs `python3 app.py`: this interpreter's environment first on PATH
                path = os.pathsep.join([str(Path(sys.executable).parent), os.environ["PATH"]])
                env = {"CDK_DISABLE_CLI_TELEMETRY": "true", "PATH": path}
                cli.append(_fresh(command, env)[0])
        wall, phases = _phases(nag=True)
        walls.append(wall)
        full.append(phases)
        off = {"CDK_VALIDATION": "false"}
        nag_only.append(_phases(nag=True, env=off)[1]["synth"])
        bare.append(_phases(nag=False, env=off)[1]["synth"])
    med = statistics.median
    wall = med(walls)
    synth = med(run["synth"] for run in full)
    split = {
        "Python + jsii start-up (import aws_cdk, cdk_nag)": med(run["start-up"] for run in full),
        "library import (pinpoint_constructs, stacks)": med(run["library import"] for run in full),
        "construct building (library)": med(run["build"] for run in full),
        "aws-cdk-lib template validation": synth - med(nag_only),
        "cdk-nag AwsSolutionsChecks": med(nag_only) - med(bare),
        "writing the cloud assembly": med(bare),
    }
    split["exit and the rest"] = wall - sum(split.values())
    print(f"cold, fresh processes (median of {repeat}):")
    print(f"  python app.py: {med(python_app):.2f} s wall")
    if cli:
        print(f"  cdk synth (CLI, node_modules): {med(cli):.2f} s wall")
    else:
        print("  cdk synth: node_modules/.bin/cdk missing (run `npm ci`), not measured")
    print(f"  python app.py split ({wall:.2f} s wall in the split runs):")
    for name, seconds in split.items():
        print(f"    {name:<50} {seconds:6.2f} s  {seconds / wall:4.0%}")
    library = sum(split[k] for k in list(split)[1:3])
    print(f"    the library's own (import + building): {library:.2f} s, {library / wall:.0%}")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--cold-repeat", type=int, default=1, help="fresh processes per figure")
    parser.add_argument("--no-cold", action="store_true", help="skip the cold figures")
    args = parser.parse_args()
    if not args.no_cold:
        print_cold(args.cold_repeat)

    run_once()  # warm-up: jsii start-up and module loading
    runs = [run_once() for _ in range(args.repeat)]
    total = statistics.median(run[0] for run in runs)
    counts = runs[-1][2]
    print(
        f"warm, in one process after a first synth: whole default app (build + synth, cdk-nag "
        f"on): {total:.2f} s, median of {args.repeat}"
    )
    for name, count in counts.items():
        per_stack = statistics.median(run[1][name] for run in runs)
        print(
            f"  {name}: {per_stack:.2f} s, {count} resources "
            f"({count / CFN_RESOURCE_LIMIT:.0%} of CloudFormation's limit of {CFN_RESOURCE_LIMIT})"
        )


if __name__ == "__main__":
    main()
