#!/usr/bin/env python3
"""A program larger than one stack: 1,000 campaigns and 300 large email templates, spread over
nested stacks with ``StackSpreader``; prints its synth time and the largest template's size
and resource count.

    python benchmarks/scale.py [--campaigns 1000] [--templates 300] [--siblings]

The parent stack holds the Pinpoint app (with its email channel) and ten segments. The
templates (about 18 KB of HTML each: 24 product rows of the newsletter of
``benchmarks/templates.py``) fill the "Templates" nested stacks; the weekly email campaigns
(each sends one of the templates to one of the segments) fill the "Campaigns" stacks.
``tests/gates/test_scale_program.py`` synthesizes the same program and runs cfn-lint over
every template. The time is one cold build + ``app.synth()`` after the jsii runtime has
started (a small app is synthesized first and not counted). Nothing calls AWS.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION", "1")
os.environ.setdefault("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import aws_cdk as cdk

from benchmarks.templates import _ROW as NEWSLETTER_ROW
from pinpoint_constructs import (
    Campaign,
    CampaignMessage,
    Demographic,
    EmailTemplate,
    PinpointApp,
    Schedule,
    Segment,
    SegmentDimensions,
    SetFilter,
)
from pinpoint_constructs.scale import (
    CFN_MAX_RESOURCES,
    CFN_MAX_TEMPLATE_BYTES,
    StackSpreader,
    estimate_size,
)
from stacks import cdk_json_context
from stacks._common import acknowledge_end_of_support

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
END = datetime(2026, 6, 1, 0, 0, tzinfo=UTC)
IDENTITY_ARN = "arn:aws:ses:us-east-1:123456789012:identity/example.com"
SEGMENTS = 10

_HTML = """\
<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Picks {t}</title></head>
<body>
  <table role="presentation" width="100%" cellpadding="0" cellspacing="0">
    <tr><td>Hi {{{{User.UserAttributes.FirstName}}}},
      here are your picks in {{{{Location.City}}}}.</td></tr>
{rows}
    <tr><td><a href="https://example.com/unsubscribe?u={{{{User.UserId}}}}">Unsubscribe</a></td></tr>
  </table>
</body>
</html>
"""

DEFAULTS = {
    "Attributes": {"Points": "0"},
    "Location": {"City": "your city"},
    "User": {"UserId": "", "UserAttributes": {"FirstName": "there"}},
}


def large_email(index: int) -> tuple[str, str]:
    """Subject and HTML of the ``index``-th template: about 20 KB, each one different."""
    rows = "".join(NEWSLETTER_ROW.format(n=n, threshold=100 * (n + 1)) for n in range(24))
    subject = f"{{{{User.UserAttributes.FirstName}}}}, your picks #{index}"
    return subject, _HTML.format(t=index, rows=rows)


def build_program(
    app: cdk.App, *, campaigns: int = 1000, templates: int = 300, nested: bool = True
) -> tuple[cdk.Stack, StackSpreader]:
    """The program in ``app``: a parent stack and the spreader that holds the rest."""
    parent = cdk.Stack(
        app, "PinpointProgram", env=cdk.Environment(account="123456789012", region="us-east-1")
    )
    acknowledge_end_of_support(parent)
    project = PinpointApp(parent, "App", app_name="program")
    project.add_email_channel(from_address="news@example.com", identity=IDENTITY_ARN)
    segments = [
        Segment(
            parent,
            f"Segment{i}",
            app=project,
            segment_name=f"segment-{i}",
            dimensions=SegmentDimensions(
                demographic=Demographic(channel=SetFilter.include("EMAIL"))
            ),
        )
        for i in range(SEGMENTS)
    ]
    spreader = StackSpreader(parent, "Program", nested=nested)
    emails = []
    for i in range(templates):
        subject, html = large_email(i)
        scope = spreader.scope_for("Templates", size=estimate_size(subject, html))
        emails.append(
            EmailTemplate(
                scope,
                f"Template{i}",
                template_name=f"picks-{i}",
                subject=subject,
                html=html,
                default_substitutions=DEFAULTS,
            )
        )
    for i in range(campaigns):
        Campaign(
            spreader.scope_for("Campaigns"),
            f"Campaign{i}",
            app=project,
            segment=segments[i % SEGMENTS],
            campaign_name=f"picks-{i}",
            message=CampaignMessage.email(template=emails[i % templates], template_version="1"),
            schedule=Schedule.weekly(START, END, timezone="UTC+01"),
        )
    return parent, spreader


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--campaigns", type=int, default=1000)
    parser.add_argument("--templates", type=int, default=300)
    parser.add_argument("--siblings", action="store_true", help="sibling stacks, not nested")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as warm:  # start jsii; not counted
        build_program(cdk.App(outdir=warm), campaigns=2, templates=2)
    with tempfile.TemporaryDirectory() as outdir:
        start = time.perf_counter()
        app = cdk.App(context=cdk_json_context(), outdir=outdir)
        _, spreader = build_program(
            app, campaigns=args.campaigns, templates=args.templates, nested=not args.siblings
        )
        app.synth()
        elapsed = time.perf_counter() - start
        files = sorted(Path(outdir).glob("*.template.json"))
        sizes = {f.name: f.stat().st_size for f in files}
        counts = {f.name: len(json.loads(f.read_text())["Resources"]) for f in files}
    largest = max(sizes, key=lambda name: sizes[name])
    most = max(counts, key=lambda name: counts[name])
    kind = "sibling" if args.siblings else "nested"
    print(
        f"{args.campaigns} campaigns + {args.templates} email templates "
        f"(~{len(large_email(0)[1]) / 1024:.0f} KB HTML each): {len(files)} templates "
        f"(the parent and {len(spreader.stacks)} {kind} stacks)"
    )
    print(f"  build + synth: {elapsed:.1f} s")
    print(
        f"  largest template: {sizes[largest] / 1e6:.2f} MB ({largest}), "
        f"{sizes[largest] / CFN_MAX_TEMPLATE_BYTES:.0%} of CloudFormation's 1 MB"
    )
    print(
        f"  most resources: {counts[most]} ({most}), "
        f"{counts[most] / CFN_MAX_RESOURCES:.0%} of CloudFormation's {CFN_MAX_RESOURCES}"
    )
    print(f"  resources in all: {sum(counts.values())}")


if __name__ == "__main__":
    main()
