#!/usr/bin/env python3
"""Render time of a 5 KB email: the Python engine vs. handlebars.js, side by side in one run.

    python benchmarks/template_rendering.py [--renders N] [--repeat N]

The template (:data:`TEMPLATE`) is a 5 KB HTML email with 18 root variables, an ``#each``
over 20 items, ``if``/``else`` and three helpers (``upper``, ``capitalizeFirst`` and ``eq``
as a subexpression). Both engines render it with the same data (:data:`CONTEXT`); the script
first checks that the outputs are identical, then times, alternately (so machine load hits
both alike), ``--repeat`` rounds of ``--renders`` renders each:

- handlebars.js (``node_modules/handlebars``, as pinned in package.json) with the three
  helpers registered in JavaScript, in one ``node`` process kept open for the whole run;
- the Python engine's compiled template (``parse_pinpoint(...).compile(PINPOINT_HELPERS)``,
  what the template-rendering channel uses), and the tree-walking ``Renderer`` it replaced.

Figures are per render, for the best round of each engine (the least disturbed by other
processes, as ``timeit`` reports) and the median round; the ratio Python / handlebars.js of
the best rounds is what the issue bounds (<= 3x). Parsing/compiling is done once, outside
the timing, on both sides.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from pinpoint_constructs.handlebars import PINPOINT_HELPERS, parse_pinpoint  # noqa: E402
from pinpoint_constructs.handlebars._runtime import Renderer  # noqa: E402

_ROW = """\
          <tr>
            <td style="padding: 12px 24px; border-bottom: 1px solid #e5e7eb;">
              <img src="{{image}}" width="64" height="64" alt="{{name}}">
            </td>
            <td style="padding: 12px 24px; border-bottom: 1px solid #e5e7eb; font-size: 14px;">
              <strong>{{@index}}. {{capitalizeFirst name}}</strong><br>
              {{#if onSale}}<span style="color: #b91c1c;">Now {{price}}</span>
              {{else}}{{price}}{{/if}}
              <a href="https://example.com/p/{{sku}}?u={{../User.UserId}}">View</a>
            </td>
          </tr>
"""

#: The benchmark email: 5 KB of HTML, 18 root variables, #each over 20 items, if/else,
#: three helpers (upper, capitalizeFirst, eq).
TEMPLATE = (
    """\
<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{{Attributes.Season}} picks for {{User.UserAttributes.FirstName}}</title>
  <style>
    body { margin: 0; background: #f3f4f6; font-family: Helvetica, Arial, sans-serif; }
    .container { max-width: 600px; margin: 0 auto; background: #ffffff; }
    .hero { padding: 32px 24px; background: #0b2545; color: #ffffff; font-size: 24px; }
    .content { padding: 24px; font-size: 15px; line-height: 22px; color: #111827; }
    .button { display: inline-block; padding: 12px 24px; background: #0a66c2; color: #ffffff;
              text-decoration: none; border-radius: 4px; }
    .footer a { color: #6b7280; text-decoration: underline; }
    h1, h2, h3 { font-family: Georgia, 'Times New Roman', serif; font-weight: normal; }
    @media only screen and (max-width: 620px) {
      .container { width: 100% !important; }
      .hero { font-size: 20px !important; padding: 24px 16px !important; }
      .content, .footer { padding: 16px !important; }
    }
    .footer { padding: 24px; font-size: 12px; line-height: 18px; color: #6b7280; }
  </style>
</head>
<body>
  <table class="container" role="presentation" width="100%" cellpadding="0" cellspacing="0">
    <tr><td class="hero">Hi {{capitalizeFirst User.UserAttributes.FirstName}}
      {{User.UserAttributes.LastName}}, your {{upper Attributes.Season}} selection</td></tr>
    <tr>
      <td class="content">
        {{#if (eq Attributes.Tier "gold")}}
        <p>As a gold member you get free shipping on every order until {{Attributes.TierEnds}}.</p>
        {{else}}
        <p>You have {{Attributes.Points}} points; {{Attributes.PointsToGold}} more for gold.</p>
        {{/if}}
        <p>We picked these for you in {{Location.City}}, {{Location.Country}}
        (store {{Attributes.Store}}, {{Attributes.Language}}):</p>
        <table role="presentation" width="100%" cellpadding="0" cellspacing="0">
          {{#each Items}}
"""
    + _ROW
    + """\
          {{/each}}
        </table>
        <h2 style="font-size: 18px; margin: 24px 0 8px;">How your picks are chosen</h2>
        <p>Every week we look at what you browsed, what you kept in your basket and what people
        with similar tastes bought, and we leave out anything you already own. Items on sale are
        marked in red; prices are the ones you will pay at checkout, taxes included, and they
        stay valid for seven days after this email was sent.</p>
        <p>Delivery is free above $50 in the continental United States. Returns are free for
        thirty days: keep the packaging, print the label from your account page and drop the
        parcel at any post office. Refunds reach your card within five business days.</p>
        <table role="presentation" width="100%" cellpadding="0" cellspacing="0"
               style="margin-top: 16px; background: #f9fafb; border: 1px solid #e5e7eb;">
          <tr>
            <td style="padding: 16px; font-size: 13px; color: #374151;">
              <strong>Need help?</strong> Our team answers every day from 8 am to 8 pm,
              by chat in the app, by phone at 1-800-555-0100 or by replying to this email.
            </td>
            <td style="padding: 16px; font-size: 13px; color: #374151;">
              <strong>Stores</strong> Open Monday to Saturday, 9 am to 9 pm, and Sunday from
              10 am to 6 pm. Click and collect orders are ready within two hours.
            </td>
          </tr>
        </table>
        <p><a class="button" href="https://example.com/start?u={{User.UserId}}&amp;c={{Campaign}}">
          See everything</a></p>
        <p>Your device: {{Demographic.Platform}}, timezone
        {{Demographic.Timezone}}.</p>
      </td>
    </tr>
    <tr>
      <td class="footer">
        Prices and availability can change before you order; an item sold out in your store
        can still be ordered online and collected later. Gift cards and vouchers apply at
        checkout, one per order, and cannot be exchanged for cash.<br>
        You receive this email because you signed up with {{Address}}.
        <a href="https://example.com/preferences?u={{User.UserId}}">Email preferences</a>
        &middot; <a href="{{Attributes.UnsubscribeUrl}}">Unsubscribe</a>
        &middot; Example Inc., 1 Main Street, Springfield
      </td>
    </tr>
  </table>
</body>
</html>
"""
)

#: The data: an endpoint (attribute values as lists, as Pinpoint stores them) plus 20 items.
CONTEXT = {
    "Address": "ann.lee@example.com",
    "Campaign": "autumn-2026",
    "Attributes": {
        "Season": ["autumn"],
        "Tier": ["silver"],
        "TierEnds": ["2026-12-31"],
        "Points": ["1200"],
        "PointsToGold": ["800"],
        "Store": ["Springfield <Main St>"],
        "Language": ["en-US"],
        "UnsubscribeUrl": ["https://example.com/unsubscribe?u=u-123&t=abc"],
    },
    "User": {"UserId": "u-123", "UserAttributes": {"FirstName": ["ann"], "LastName": ["Lee"]}},
    "Location": {"City": "Springfield", "Country": "US"},
    "Demographic": {"Platform": "iOS", "Timezone": "America/Chicago"},
    "Items": [
        {
            "name": f"product number {index}",
            "sku": f"SKU-{index:04d}",
            "price": f"${10 + index}.99",
            "onSale": index % 3 == 0,
            "image": f"https://cdn.example.com/products/{index}.jpg",
        }
        for index in range(20)
    ],
}

# handlebars.js with the three helpers as Pinpoint defines them (for this template's data),
# driven over stdin: one JSON request per line, one JSON answer per line.
_NODE_SCRIPT = r"""
'use strict';
const path = require('path');
const readline = require('readline');
const Handlebars = require(require.resolve('handlebars', { paths: [process.argv[1]] }));
const text = (v) => (v == null ? '' : String(v));
Handlebars.registerHelper('upper', (v) => (v == null ? '' : text(v).toUpperCase()));
Handlebars.registerHelper('capitalizeFirst', (v) => {
  if (v == null) return '';
  const s = text(v);
  return s.slice(0, 1).toUpperCase() + s.slice(1);
});
Handlebars.registerHelper('eq', function (a, b, options) {
  const equal = a == null || b == null ? a == null && b == null : text(a) === text(b);
  if (options.fn) return equal ? options.fn(this) : options.inverse(this);
  return equal;
});
let render = null;
let context = null;
const rl = readline.createInterface({ input: process.stdin });
rl.on('line', (line) => {
  const request = JSON.parse(line);
  if (request.template !== undefined) {
    render = Handlebars.compile(request.template);
    context = request.context;
    process.stdout.write(JSON.stringify({ output: render(context) }) + '\n');
    return;
  }
  for (let i = 0; i < 200; i++) render(context); // warm-up
  const start = process.hrtime.bigint();
  for (let i = 0; i < request.renders; i++) render(context);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  process.stdout.write(JSON.stringify({ seconds }) + '\n');
});
"""


class NodeRenderer:
    """handlebars.js in a ``node`` process kept open for the run."""

    def __init__(self, template: str, context: object) -> None:
        node = shutil.which("node")
        if node is None:
            raise SystemExit("node is required (Node.js 20+)")
        if not (REPO_ROOT / "node_modules" / "handlebars").is_dir():
            raise SystemExit("handlebars.js is not installed: run `npm ci` in the repository root")
        self._process = subprocess.Popen(
            [node, "-e", _NODE_SCRIPT, str(REPO_ROOT)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        self.output = self._ask({"template": template, "context": context})["output"]

    def _ask(self, request: dict[str, object]) -> dict[str, object]:
        assert self._process.stdin is not None and self._process.stdout is not None
        self._process.stdin.write(json.dumps(request) + "\n")
        self._process.stdin.flush()
        return json.loads(self._process.stdout.readline())

    def time(self, renders: int) -> float:
        """Seconds for ``renders`` renders."""
        return float(self._ask({"renders": renders})["seconds"])  # type: ignore[arg-type]

    def close(self) -> None:
        assert self._process.stdin is not None
        self._process.stdin.close()
        self._process.wait(timeout=10)


def _time_python(render: object, renders: int) -> float:
    assert callable(render)
    for _ in range(50):
        render(CONTEXT)
    start = time.perf_counter()
    for _ in range(renders):
        render(CONTEXT)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--renders", type=int, default=500, help="renders per round")
    parser.add_argument("--repeat", type=int, default=7, help="rounds per engine")
    args = parser.parse_args(argv)

    template = parse_pinpoint(TEMPLATE)
    compiled = template.compile(PINPOINT_HELPERS)
    tree_walker = Renderer(PINPOINT_HELPERS)
    python_output = compiled.render(CONTEXT)
    node = NodeRenderer(TEMPLATE, CONTEXT)
    try:
        if python_output != node.output:
            raise SystemExit("the outputs differ: Python and handlebars.js disagree")
        if tree_walker.render(template.program, CONTEXT) != python_output:
            raise SystemExit("the compiled template and the tree-walking renderer disagree")
        variables = sorted(v for v in template.variables_used if not v.startswith("Items."))
        print(
            f"template: {len(TEMPLATE.encode())} bytes, {len(variables)} root variables, "
            f"#each over {len(CONTEXT['Items'])} items, helpers "  # type: ignore[arg-type]
            f"{sorted(template.helpers_used - {'each', 'if'})}; outputs identical "
            f"({len(python_output.encode())} bytes)"
        )
        timings: dict[str, list[float]] = {"node": [], "compiled": [], "tree": []}
        for _ in range(args.repeat):
            timings["node"].append(node.time(args.renders) / args.renders)
            timings["compiled"].append(_time_python(compiled.render, args.renders) / args.renders)
            timings["tree"].append(
                _time_python(lambda c: tree_walker.render(template.program, c), args.renders)
                / args.renders
            )
    finally:
        node.close()
    # The best round of each engine is the least disturbed by other processes (as timeit
    # reports); medians are shown beside them.
    node_best = min(timings["node"])
    node_median = statistics.median(timings["node"])
    for label, key in (
        ("handlebars.js 4.7.8 (node)", "node"),
        ("Python, compiled closures", "compiled"),
        ("Python, tree-walking renderer", "tree"),
    ):
        best, median = min(timings[key]), statistics.median(timings[key])
        print(
            f"{label:31s} best {best * 1e6:7.1f} us/render ({best / node_best:5.2f}x node), "
            f"median {median * 1e6:7.1f} us ({median / node_median:5.2f}x)"
        )
    ratio = min(timings["compiled"]) / node_best
    print(f"compiled / handlebars.js (best rounds): {ratio:.2f}x (bound: <= 3x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
