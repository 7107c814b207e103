"""Side-by-side synth timing of an L2 construct against the same resources written as raw L1
(``CfnX``), shared by the benchmark scripts (``campaigns.py``, ``connect_campaigns.py``).

Each script gives two builders, ``build(count, outdir) -> Stack`` that build a fresh
``cdk.App`` with ``count`` resources and call ``app.synth()``, and the CloudFormation type
they write. :func:`main` checks both write identical properties for that type, warms up jsii,
then times L1 and L2 runs interleaved (order alternating between repeats, ``gc.collect()``
before each run, outside the clock) and prints medians of wall time and of CPU time (Python +
the jsii kernel), the L2/L1 ratio, the growth from the smallest to the largest N, and jsii
round trips per resource.
"""

from __future__ import annotations

import argparse
import collections
import gc
import statistics
import tempfile
import time
from collections.abc import Callable, Mapping
from typing import Any

import aws_cdk as cdk

from benchmarks._cpu import cpu_seconds

Builder = Callable[[int, str], cdk.Stack]


def resource_properties(stack: cdk.Stack, resource_type: str) -> list[Any]:
    """The properties of every ``resource_type`` resource in ``stack``, sorted by ``Name``."""
    template = stack.node.root.synth().get_stack_by_name(stack.stack_name).template  # type: ignore[attr-defined]
    found = [r["Properties"] for r in template["Resources"].values() if r["Type"] == resource_type]
    return sorted(found, key=lambda props: str(props.get("Name")))


def check_same_templates(builders: Mapping[str, Builder], resource_type: str) -> None:
    """Both variants must write identical ``resource_type`` properties."""
    with tempfile.TemporaryDirectory() as one, tempfile.TemporaryDirectory() as two:
        l1 = resource_properties(builders["L1"](3, one), resource_type)
        l2 = resource_properties(builders["L2"](3, two), resource_type)
    if l1 != l2:
        raise SystemExit(f"benchmark invalid: L1 and L2 resources differ:\n{l1[0]}\n{l2[0]}")


def timed(builder: Builder, count: int) -> tuple[float, float]:
    """Wall and CPU seconds (Python + jsii kernel) of one build + synth."""
    with tempfile.TemporaryDirectory() as outdir:
        gc.collect()
        start, start_cpu = time.perf_counter(), cpu_seconds()
        builder(count, outdir)
        return time.perf_counter() - start, cpu_seconds() - start_cpu


def jsii_calls(builder: Builder, count: int) -> int:
    """How many requests one build + synth of ``count`` resources sends to the jsii kernel."""
    from jsii._kernel.providers import process

    sent: collections.Counter[str] = collections.Counter()
    original = process._NodeProcess.send

    def counting_send(self: Any, request: Any, response_type: Any) -> Any:
        sent[type(request).__name__] += 1
        return original(self, request, response_type)

    process._NodeProcess.send = counting_send  # type: ignore[method-assign]
    try:
        with tempfile.TemporaryDirectory() as outdir:
            builder(count, outdir)
    finally:
        process._NodeProcess.send = original  # type: ignore[method-assign]
    return sum(sent.values())


def main(
    description: str,
    builders: Mapping[str, Builder],
    resource_type: str,
    *,
    l1_label: str,
    l2_label: str,
    noun: str,
) -> dict[tuple[str, int], float]:
    """Parse ``--repeat`` / ``--sizes``, run the comparison, print it; return the CPU medians."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--repeat", type=int, default=5, help="runs per figure (median)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[50, 100, 200])
    args = parser.parse_args()

    check_same_templates(builders, resource_type)
    for builder in builders.values():  # warm up jsii and the Node.js JIT
        timed(builder, 20)

    calls = {
        (kind, count): jsii_calls(builder, count)
        for count in args.sizes
        for kind, builder in builders.items()
    }
    results: dict[tuple[str, int], list[tuple[float, float]]] = {}
    for repeat in range(args.repeat):
        for count in args.sizes:
            # interleaved, so drift in machine load hits both alike; the order alternates
            kinds = list(builders) if repeat % 2 == 0 else list(reversed(list(builders)))
            for kind in kinds:
                results.setdefault((kind, count), []).append(timed(builders[kind], count))
    medians: dict[tuple[str, int], float] = {}
    for clock, index in (("wall", 0), ("CPU (Python + jsii kernel)", 1)):
        median = {
            key: statistics.median(v[index] for v in values) for key, values in results.items()
        }
        medians = median
        print(
            f"Synth time (build + app.synth()), {clock}, median of {args.repeat} runs, "
            "fresh App each run"
        )
        print(f"{'N':>5} {l1_label:>20} {l2_label:>13} {'L2/L1':>7} {'L2 - L1':>9}")
        for count in args.sizes:
            l1, l2 = median[("L1", count)], median[("L2", count)]
            extra_ms = 1000 * (l2 - l1) / count
            print(
                f"{count:>5} {l1:>19.3f}s {l2:>12.3f}s {l2 / l1:>7.2f} "
                f"{extra_ms:>6.2f}ms per {noun}"
            )
        low, high = min(args.sizes), max(args.sizes)
        print(f"Growth time({high})/time({low}) (linear would be {high / low:.2f}):")
        for kind in builders:
            growth = median[(kind, high)] / median[(kind, low)]
            marginal = (median[(kind, high)] - median[(kind, low)]) / (high - low)
            print(f"  {kind}: {growth:.2f}  ({1000 * marginal:.2f} ms per additional {noun})")
    print(f"jsii round trips per {noun} (requests to the Node.js kernel / N):")
    for count in args.sizes:
        per = "  ".join(f"{kind} {calls[(kind, count)] / count:.2f}" for kind in builders)
        print(f"  N = {count:>4}: {per}")
    return medians
