#!/usr/bin/env python3
"""Synth time of N campaigns built with the ``Campaign`` construct (L2) vs. the same campaigns
written as raw ``CfnCampaign`` resources (L1), for N = 50, 100 and 200.

    python benchmarks/campaigns.py [--repeat R] [--sizes 50 100 200]

Every run builds a fresh ``cdk.App`` with one stack holding a Pinpoint app (with its email
channel), one segment and N weekly email campaigns that use one email template, then calls
``app.synth()``; the L1 campaigns read the ``CfnApp``'s ``ref`` and the ``CfnSegment``'s
``attr_segment_id`` as raw-L1 code does; the time covers building and synthesizing. L1 and
L2 runs alternate, and each figure is the median of R runs. The jsii runtime is started (and
warmed up) beforehand and not counted. Before timing, the script checks that both variants
write the same campaign properties, so the comparison is like for like. Nothing calls AWS.

Fairness: each timed run starts after ``gc.collect()`` (outside the clock), so no run pays for
collecting the previous run's garbage; and the order of L1 and L2 alternates between repeats
(L1 first, then L2 first), so neither variant always follows the largest run. Without both,
the run after the 200-campaign run of the previous repeat was charged for its clean-up, which
inflated whichever variant came first at N = 50 and so distorted both growth figures.

Each figure is given twice: wall time, and CPU time of Python plus the jsii kernel (the
Node.js process, read from /proc on Linux), which the load of a shared machine distorts much
less. It also counts jsii round trips (requests from Python to the Node.js kernel) per campaign for
each variant and N, which does not depend on machine load: a constant count per campaign means
the cost of talking to jsii is linear in N.
"""

from __future__ import annotations

import argparse
import collections
import gc
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

os.environ.setdefault("JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION", "1")
os.environ.setdefault("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import aws_cdk as cdk
from aws_cdk import aws_pinpoint as pinpoint

from benchmarks._cpu import cpu_seconds
from pinpoint_constructs import (
    Campaign,
    CampaignMessage,
    Demographic,
    PinpointApp,
    Schedule,
    Segment,
    SegmentDimensions,
    SetFilter,
)
from pinpoint_constructs.pinpoint.templates.base import TemplateType
from stacks._common import acknowledge_end_of_support

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
END = datetime(2026, 6, 1, 0, 0, tzinfo=UTC)
IDENTITY_ARN = "arn:aws:ses:us-east-1:123456789012:identity/example.com"


class NewsletterTemplate:
    """The email template every campaign uses (an ``ITemplate``; only its name is written)."""

    template_name = "newsletter"
    template_type = TemplateType.EMAIL
    template_arn = "arn:aws:mobiletargeting:us-east-1:123456789012:templates/newsletter/EMAIL"


TEMPLATE = NewsletterTemplate()


def _stack(outdir: str) -> tuple[cdk.App, cdk.Stack, PinpointApp, Segment]:
    app = cdk.App(outdir=outdir)
    stack = cdk.Stack(app, "Bench", env=cdk.Environment(account="123456789012", region="us-east-1"))
    acknowledge_end_of_support(stack)
    project = PinpointApp(stack, "App", app_name="bench")
    project.add_email_channel(from_address="news@example.com", identity=IDENTITY_ARN)
    segment = Segment(
        stack,
        "Subscribers",
        app=project,
        dimensions=SegmentDimensions(demographic=Demographic(channel=SetFilter.include("EMAIL"))),
    )
    return app, stack, project, segment


def build_l2(count: int, outdir: str) -> cdk.Stack:
    app, stack, project, segment = _stack(outdir)
    for i in range(count):
        Campaign(
            stack,
            f"Campaign{i}",
            app=project,
            segment=segment,
            campaign_name=f"newsletter-{i}",
            message=CampaignMessage.email(template=TEMPLATE, template_version="1"),
            schedule=Schedule.weekly(START, END, timezone="UTC+01"),
            holdout_percent=10,
        )
    app.synth()
    return stack


def build_l1(count: int, outdir: str) -> cdk.Stack:
    app, stack, project, segment = _stack(outdir)
    # Raw L1 all the way: the CfnApp's and CfnSegment's own attributes, read per campaign as
    # code written against the L1 classes does (`application_id=cfn_app.ref`).
    cfn_app = project.node.find_child("Resource")
    cfn_segment = segment.node.find_child("Resource")
    assert isinstance(cfn_app, pinpoint.CfnApp) and isinstance(cfn_segment, pinpoint.CfnSegment)
    for i in range(count):
        pinpoint.CfnCampaign(
            stack,
            f"Campaign{i}",
            application_id=cfn_app.ref,
            segment_id=cfn_segment.attr_segment_id,
            name=f"newsletter-{i}",
            template_configuration=pinpoint.CfnCampaign.TemplateConfigurationProperty(
                email_template=pinpoint.CfnCampaign.TemplateProperty(
                    name=TEMPLATE.template_name, version="1"
                )
            ),
            schedule=pinpoint.CfnCampaign.ScheduleProperty(
                frequency="WEEKLY",
                start_time=START.isoformat(timespec="seconds"),
                end_time=END.isoformat(timespec="seconds"),
                time_zone="UTC+01",
            ),
            holdout_percent=10,
        )
    app.synth()
    return stack


BUILDERS = {"L1": build_l1, "L2": build_l2}


def _campaign_properties(stack: cdk.Stack) -> list[Any]:
    template = stack.node.root.synth().get_stack_by_name(stack.stack_name).template  # type: ignore[attr-defined]
    resources = template["Resources"].values()
    found = [r["Properties"] for r in resources if r["Type"] == "AWS::Pinpoint::Campaign"]
    return sorted(found, key=lambda props: props["Name"])


def check_same_templates() -> None:
    """Both variants must write identical campaign properties."""
    with tempfile.TemporaryDirectory() as one, tempfile.TemporaryDirectory() as two:
        l1 = _campaign_properties(build_l1(3, one))
        l2 = _campaign_properties(build_l2(3, two))
    if l1 != l2:
        raise SystemExit(f"benchmark invalid: L1 and L2 campaigns differ:\n{l1[0]}\n{l2[0]}")


def timed(kind: str, count: int) -> tuple[float, float]:
    """Wall and CPU seconds (Python + jsii kernel) of one build + synth."""
    with tempfile.TemporaryDirectory() as outdir:
        gc.collect()
        start, start_cpu = time.perf_counter(), cpu_seconds()
        BUILDERS[kind](count, outdir)
        return time.perf_counter() - start, cpu_seconds() - start_cpu


def jsii_calls(kind: str, count: int) -> int:
    """How many requests one build + synth of ``count`` campaigns sends to the jsii kernel."""
    from jsii._kernel.providers import process

    sent: collections.Counter[str] = collections.Counter()
    original = process._NodeProcess.send

    def counting_send(self: Any, request: Any, response_type: Any) -> Any:
        sent[type(request).__name__] += 1
        return original(self, request, response_type)

    process._NodeProcess.send = counting_send  # type: ignore[method-assign]
    try:
        with tempfile.TemporaryDirectory() as outdir:
            BUILDERS[kind](count, outdir)
    finally:
        process._NodeProcess.send = original  # type: ignore[method-assign]
    return sum(sent.values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs per figure (median)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[50, 100, 200])
    args = parser.parse_args()

    check_same_templates()
    for kind in BUILDERS:  # warm up jsii and the Node.js JIT
        timed(kind, 20)

    calls = {(kind, count): jsii_calls(kind, count) for count in args.sizes for kind in BUILDERS}
    results: dict[tuple[str, int], list[tuple[float, float]]] = {}
    for repeat in range(args.repeat):
        for count in args.sizes:
            # interleaved, so drift in machine load hits both alike; the order alternates
            kinds = list(BUILDERS) if repeat % 2 == 0 else list(reversed(BUILDERS))
            for kind in kinds:
                results.setdefault((kind, count), []).append(timed(kind, count))
    for clock, index in (("wall", 0), ("CPU (Python + jsii kernel)", 1)):
        median = {
            key: statistics.median(v[index] for v in values) for key, values in results.items()
        }
        print(
            f"Synth time (build + app.synth()), {clock}, median of {args.repeat} runs, "
            "fresh App each run"
        )
        print(
            f"{'N':>5} {'L1 raw CfnCampaign':>20} {'L2 Campaign':>13} {'L2/L1':>7} {'L2 - L1':>9}"
        )
        for count in args.sizes:
            l1, l2 = median[("L1", count)], median[("L2", count)]
            extra_ms = 1000 * (l2 - l1) / count
            print(
                f"{count:>5} {l1:>19.3f}s {l2:>12.3f}s {l2 / l1:>7.2f} "
                f"{extra_ms:>6.2f}ms per campaign"
            )
        low, high = min(args.sizes), max(args.sizes)
        print(f"Growth time({high})/time({low}) (linear would be {high / low:.2f}):")
        for kind in BUILDERS:
            growth = median[(kind, high)] / median[(kind, low)]
            marginal = (median[(kind, high)] - median[(kind, low)]) / (high - low)
            print(f"  {kind}: {growth:.2f}  ({1000 * marginal:.2f} ms per additional campaign)")
    print("jsii round trips per campaign (requests to the Node.js kernel / N):")
    for count in args.sizes:
        per = "  ".join(f"{kind} {calls[(kind, count)] / count:.2f}" for kind in BUILDERS)
        print(f"  N = {count:>4}: {per}")


if __name__ == "__main__":
    main()
