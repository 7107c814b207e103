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

import os
import sys
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION", "1")
os.environ.setdefault("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import aws_cdk as cdk
from aws_cdk import aws_pinpoint as pinpoint

from benchmarks import _compare
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


def main() -> None:
    _compare.main(
        __doc__.splitlines()[0],
        BUILDERS,
        "AWS::Pinpoint::Campaign",
        l1_label="L1 raw CfnCampaign",
        l2_label="L2 Campaign",
        noun="campaign",
    )


if __name__ == "__main__":
    main()
