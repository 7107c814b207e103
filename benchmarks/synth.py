#!/usr/bin/env python3
"""Wall time of synthesizing the whole default app, of each default stack, and the number of
resources in each.

    python benchmarks/synth.py [--repeat N]

"Whole app" is building every construct plus ``app.synth()`` (with cdk-nag attached, as in the
default app). "Each stack" is the time spent building that stack's constructs plus the time
``Stack.synthesize`` spends on it. The jsii runtime is started once beforehand and not counted.
Times vary with machine load: compare figures from one run; medians of ``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import functools
import os
import statistics
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


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    run_once()  # warm-up: jsii start-up and module loading
    runs = [run_once() for _ in range(args.repeat)]
    total = statistics.median(run[0] for run in runs)
    counts = runs[-1][2]
    print(f"whole default app (build + synth, cdk-nag on): {total:.2f} s, median of {args.repeat}")
    for name, count in counts.items():
        per_stack = statistics.median(run[1][name] for run in runs)
        print(
            f"  {name}: {per_stack:.2f} s, {count} resources "
            f"({count / CFN_RESOURCE_LIMIT:.0%} of CloudFormation's limit of {CFN_RESOURCE_LIMIT})"
        )


if __name__ == "__main__":
    main()
