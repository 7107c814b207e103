#!/usr/bin/env python3
"""Synth time of a stack of 200 email templates with Handlebars validation on and off.

    python benchmarks/templates.py [--templates N] [--repeat N]

Each run builds a fresh app with one stack of N ``EmailTemplate`` constructs and synthesizes
it, for three kinds of email, each with a subject, an HTML part, a text part and default
substitutions for every variable:

- "welcome": a typical transactional email, about 2 KB of HTML (mostly markup and inline
  CSS), 13 Handlebars expressions in all;
- "newsletter": a personalization-heavy newsletter, about 6 KB of HTML, 62 expressions in all
  (six product rows, each with a condition, a math helper and a personalized link);
- "newsletter, each with its own structure": the same, but each template reads its points
  from an attribute of its own name, so no two share a skeleton (see below) and every one is
  parsed in full: the worst case, a program of 200 unrelated templates.

Wall time and CPU time (Python + the jsii kernel, see ``benchmarks/_cpu.py``) are both
given. Runs alternate between ``validate_handlebars=True`` and ``False`` so machine load affects
both alike; figures are medians of ``--repeat`` runs. Every run's templates differ (the run
number is part of the text), and every run starts with the parse caches emptied (outside the
clock), so no run profits from an earlier one; within a run, templates that differ only in
their text share one parse of their skeleton, as in a real synth. The jsii runtime is
started (one run of each kind) beforehand and not counted. "Checks alone" times the
Handlebars checks without CDK, for the same templates.
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION", "1")
os.environ.setdefault("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import aws_cdk as cdk

from benchmarks._cpu import cpu_seconds
from pinpoint_constructs import EmailTemplate
from pinpoint_constructs.handlebars import _skeleton as skeleton
from pinpoint_constructs.handlebars import engine
from pinpoint_constructs.pinpoint.templates import _content
from pinpoint_constructs.pinpoint.templates._content import check_handlebars
from stacks import cdk_json_context
from stacks._common import acknowledge_end_of_support

TEMPLATE_SIZE_WARNING = "Annotation::@aws-cdk/core:Stack.templateSize"

_WELCOME_HTML = """\
<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Welcome</title>
  <style>
    body {{ margin: 0; background: #f3f4f6; font-family: Helvetica, Arial, sans-serif; }}
    .container {{ max-width: 600px; margin: 0 auto; background: #ffffff; }}
    .hero {{ padding: 40px 24px; background: #0b2545; color: #ffffff; font-size: 26px; }}
    .content {{ padding: 24px; font-size: 15px; line-height: 22px; color: #111827; }}
    .button {{ display: inline-block; padding: 12px 24px; background: #0a66c2; color: #ffffff;
               text-decoration: none; border-radius: 4px; }}
    .footer {{ padding: 24px; font-size: 12px; line-height: 18px; color: #6b7280; }}
  </style>
</head>
<body>
  <!-- welcome {index}, run {run} -->
  <table class="container" role="presentation" width="100%" cellpadding="0" cellspacing="0">
    <tr><td class="hero">Welcome aboard, {{{{capitalize User.UserAttributes.FirstName}}}}!</td></tr>
    <tr>
      <td class="content">
        <p>Thanks for joining. Your account is ready, and your {{{{Attributes.Plan}}}} plan
        starts today. Here are three things most people do in their first week:</p>
        <ol>
          <li>Complete your profile, so we can tailor what you see.</li>
          <li>Pick the topics you care about; we will keep the rest out of your inbox.</li>
          <li>Install the app to get reminders where you are.</li>
        </ol>
        {{{{#if (eq Attributes.Plan "trial")}}}}
        <p>Your trial ends in 14 days. You can upgrade at any time from your account page.</p>
        {{{{/if}}}}
        <p><a class="button" href="https://example.com/start?u={{{{User.UserId}}}}">
          Get started</a></p>
        <p>Events near {{{{Location.City}}}} are on the
        <a href="https://example.com/events?city={{{{Location.City}}}}">events page</a>.</p>
      </td>
    </tr>
    <tr>
      <td class="footer">
        You receive this email because you signed up with {{{{Address}}}}.
        <a href="https://example.com/preferences?u={{{{User.UserId}}}}">Email preferences</a>
        &middot; Example Inc., 1 Main Street, Springfield
      </td>
    </tr>
  </table>
</body>
</html>
"""

_WELCOME_TEXT = (
    "Welcome aboard, {{{{User.UserAttributes.FirstName}}}}! Your {{{{Attributes.Plan}}}} plan "
    "starts today (welcome {index}, run {run}).\n"
    "Get started: https://example.com/start?u={{{{User.UserId}}}}\n"
)

_ROW = """\
        <tr>
          <td style="padding: 16px 24px; border-bottom: 1px solid #e5e7eb;">
            <img src="https://cdn.example.com/products/{n}.jpg" width="96" height="96" alt="">
          </td>
          <td style="padding: 16px 24px; border-bottom: 1px solid #e5e7eb; font-size: 15px;">
            <strong>Pick {n} for {{{{capitalize User.UserAttributes.FirstName}}}}</strong><br>
            {{{{#if (gt Attributes.Points "{threshold}")}}}}
              Yours for {{{{Attributes.Points}}}} points.
            {{{{else}}}}
              Earn {{{{subtract "{threshold}" Attributes.Points}}}} more points to unlock it.
            {{{{/if}}}}
            <a href="https://example.com/p/{n}?u={{{{User.UserId}}}}"
               style="color: #0a66c2;">View</a>
          </td>
        </tr>
"""

_HTML = """\
<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{{{{Attributes.Season}}}} picks</title>
  <style>
    body {{ margin: 0; background: #f3f4f6; font-family: Helvetica, Arial, sans-serif; }}
    .container {{ max-width: 600px; margin: 0 auto; background: #ffffff; }}
    .button {{ display: inline-block; padding: 12px 24px; background: #0a66c2; color: #ffffff; }}
  </style>
</head>
<body>
  <!-- newsletter {index}, run {run} -->
  <table class="container" role="presentation" width="100%" cellpadding="0" cellspacing="0">
    <tr>
      <td style="padding: 32px 24px; font-size: 22px; color: #111827;">
        Hi {{{{capitalize User.UserAttributes.FirstName}}}}, here is what is new in
        {{{{Location.City}}}} this {{{{lower Attributes.Season}}}}.
      </td>
    </tr>
    <tr>
      <td>
        <table role="presentation" width="100%" cellpadding="0" cellspacing="0">
{rows}
        </table>
      </td>
    </tr>
    {{{{#each User.UserAttributes.Interests}}}}
    <tr><td style="padding: 4px 24px; color: #4b5563;">Because you like {{{{this}}}}</td></tr>
    {{{{/each}}}}
    <tr>
      <td style="padding: 24px; font-size: 12px; color: #6b7280;">
        Sent {{{{now format="MMMM d, yyyy"}}}} to {{{{Address}}}}.
        <a href="https://example.com/preferences?u={{{{User.UserId}}}}">Preferences</a> |
        <a href="https://example.com/unsubscribe?u={{{{User.UserId}}}}">Unsubscribe</a>
      </td>
    </tr>
  </table>
</body>
</html>
"""

_TEXT = (
    "Hi {{{{User.UserAttributes.FirstName}}}}, your {{{{lower Attributes.Season}}}} picks in "
    "{{{{Location.City}}}} are here (newsletter {index}, run {run}).\n"
    "{{{{#each User.UserAttributes.Interests}}}}- {{{{this}}}}\n{{{{/each}}}}"
    "You have {{{{Attributes.Points}}}} points. Unsubscribe: "
    "https://example.com/unsubscribe?u={{{{User.UserId}}}}\n"
)

_DEFAULTS = {
    "Address": "you",
    "Attributes": {"Plan": "basic", "Points": "0", "Season": "Spring"},
    "Location": {"City": "your city"},
    "User": {"UserId": "", "UserAttributes": {"FirstName": "there", "Interests": ""}},
}


def _welcome(index: int, run: int) -> tuple[str, str, str]:
    subject = f"Welcome, {{{{User.UserAttributes.FirstName}}}} ({index}, run {run})"
    html = _WELCOME_HTML.format(index=index, run=run)
    return subject, html, _WELCOME_TEXT.format(index=index, run=run)


def _newsletter(index: int, run: int) -> tuple[str, str, str]:
    rows = "".join(_ROW.format(n=n, threshold=100 * (n + 1)) for n in range(6))
    html = _HTML.format(rows=rows, index=index, run=run)
    text = _TEXT.format(index=index, run=run)
    subject = f"{{{{User.UserAttributes.FirstName}}}}, your picks #{index} (run {run})"
    return subject, html, text


DISTINCT = "newsletter, each with its own structure"


def _distinct_newsletter(index: int, run: int) -> tuple[str, str, str]:
    """The newsletter with a structure of its own: its points attribute is named after the
    template (``Attributes.Points7``), so no two templates share a skeleton and every one is
    parsed in full; what a program of unrelated templates costs."""
    subject, html, text = _newsletter(index, run)
    points = f"Attributes.Points{index}"
    return (
        subject,
        html.replace("Attributes.Points", points),
        text.replace("Attributes.Points", points),
    )


SCENARIOS: dict[str, Callable[[int, int], tuple[str, str, str]]] = {
    "welcome": _welcome,
    "newsletter": _newsletter,
    DISTINCT: _distinct_newsletter,
}


def _defaults(scenario: str, index: int) -> dict[str, Any]:
    """The default substitutions of template ``index``: one for every variable it uses."""
    if scenario != DISTINCT:
        return _DEFAULTS
    return {**_DEFAULTS, "Attributes": {**_DEFAULTS["Attributes"], f"Points{index}": "0"}}


_runs = itertools.count()


def _clear_parse_caches() -> None:
    skeleton.skeleton_references.cache_clear()
    engine._parse.cache_clear()
    _content._clean_first_uses.cache_clear()


def run_once(scenario: str, count: int, validate: bool) -> tuple[float, float]:
    """Build and synthesize a stack of ``count`` email templates; wall time in seconds."""
    run = next(_runs)
    contents = [SCENARIOS[scenario](index, run) for index in range(count)]
    _clear_parse_caches()
    with tempfile.TemporaryDirectory() as outdir:
        start, start_cpu = time.perf_counter(), cpu_seconds()
        app = cdk.App(context=cdk_json_context(), outdir=outdir)
        stack = cdk.Stack(app, "Templates")
        acknowledge_end_of_support(stack)
        # 200 newsletters make a template of about 1.4 MB, over CloudFormation's 1 MB: a real
        # app splits them over stacks. This one is only synthesized.
        cdk.Validations.of(stack).acknowledge(
            cdk.Acknowledgment(id=TEMPLATE_SIZE_WARNING, reason="benchmark stack, never deployed")
        )
        for index, (subject, html, text) in enumerate(contents):
            EmailTemplate(
                stack,
                f"Newsletter{index}",
                template_name=f"newsletter-{index}",
                subject=subject,
                html=html,
                text=text,
                default_substitutions=_defaults(scenario, index),
                validate_handlebars=validate,
            )
        app.synth()
        return time.perf_counter() - start, cpu_seconds() - start_cpu


def checks_only(scenario: str, count: int) -> float:
    """Time of the Handlebars checks alone for ``count`` templates (fresh sources)."""
    run = next(_runs)
    contents = [SCENARIOS[scenario](index, run) for index in range(count)]
    _clear_parse_caches()
    start = time.perf_counter()
    for index, (subject, html, text) in enumerate(contents):
        check_handlebars(
            f"EmailTemplate 'newsletter-{index}'",
            [("subject", subject), ("html", html), ("text", text)],
        )
    return time.perf_counter() - start


def measure(scenario: str, count: int, repeat: int) -> None:
    """Print one scenario's figures."""
    run_once(scenario, count, True)  # warm-up: jsii start-up, module loading, first synth
    run_once(scenario, count, False)
    on: list[tuple[float, float]] = []
    off: list[tuple[float, float]] = []
    for _ in range(repeat):
        on.append(run_once(scenario, count, True))
        off.append(run_once(scenario, count, False))
    checks = statistics.median(checks_only(scenario, count) for _ in range(repeat))
    subject, html, text = SCENARIOS[scenario](0, 0)
    expressions = sum(part.count("{{") for part in (subject, html, text))
    print(
        f"{count} x {scenario} (HTML {len(html) / 1024:.1f} KB; {expressions} Handlebars "
        f"expressions in subject, HTML and text), build + synth, median of {repeat}:"
    )
    for clock, index in (("wall", 0), ("CPU", 1)):
        on_median = statistics.median(run[index] for run in on)
        off_median = statistics.median(run[index] for run in off)
        print(
            f"  {clock:>4}: validate_handlebars=True {on_median:6.2f} s, False "
            f"{off_median:6.2f} s; ratio on/off {on_median / off_median:.2f} (validation adds "
            f"{on_median - off_median:.2f} s, {(on_median - off_median) / on_median:.0%} of the "
            "validated build + synth)"
        )
    print(f"  checks alone: {checks * 1000:.1f} ms ({checks / count * 1000:.2f} ms per template)")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--templates", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    for scenario in SCENARIOS:
        measure(scenario, args.templates, args.repeat)


if __name__ == "__main__":
    main()
