"""An offline HTML report of exported Pinpoint events.

    python -m pinpoint_constructs.cli.report EVENTS.jsonl [MORE ...] -o report.html

Input: newline-delimited JSON, one Pinpoint event per line, plain or gzip-compressed: the
:class:`~pinpoint_constructs.EventArchive` files (``events/dt=.../*.gz``), or an Athena
``UNLOAD (SELECT * FROM all_events ...) TO 's3://...' WITH (format = 'JSON')`` export. Several
objects on one line (Firehose output written without a delimiter) are read one by one.

Output: one self-contained HTML page (inline CSS and SVG charts, no script, a Content
Security Policy that forbids every network request) with the figures the dashboard and the
named queries show: events per type, daily bounce and complaint rates against the SES review
lines (5%, 0.1%), engagement per campaign and per journey, failure reasons, the SMTP reasons
of bounces, SMS record statuses, and the status of each message.

Bad input loses nothing silently: a line that is not JSON, not an object, or lacks
``event_type`` or a timestamp is skipped, and every skipped line is listed with its file and
line number on stderr and in the report. ``--strict`` fails instead (exit status 1, no
report). Counting follows the metrics function's rules
(``handlers/engagement_metrics/classify.py``), so the report and the dashboard agree.
"""

from __future__ import annotations

import argparse
import gzip
import html
import importlib.util
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..analytics.queries import BOUNCE_REVIEW_LINE, COMPLAINT_REVIEW_LINE


def _load_classify() -> Any:
    """The metrics function's own classification module, loaded from its file: the handlers
    run with ``handlers/`` as their code root, so it is not imported as a package module."""
    path = Path(__file__).resolve().parents[1] / "handlers" / "engagement_metrics" / "classify.py"
    spec = importlib.util.spec_from_file_location("_pinpoint_report_classify", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_classify = _load_classify()
EVENT_METRICS: dict[str, str] = _classify.EVENT_METRICS
campaign_id = _classify.campaign_id
failure_reason = _classify.failure_reason
get = _classify.get
journey_id = _classify.journey_id
metric_name = _classify.metric_name

_DECODER = json.JSONDecoder()


@dataclass(frozen=True)
class SkippedLine:
    """An input line that could not be used, and why."""

    file: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.reason}"


@dataclass
class LoadedEvents:
    """The events read from the input files, and what was skipped."""

    events: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[SkippedLine] = field(default_factory=list)
    files: list[str] = field(default_factory=list)


def _objects(text: str) -> Iterable[tuple[Any, str | None]]:
    """Every JSON value on one line (one, or several written back to back)."""
    position = 0
    while position < len(text):
        try:
            value, end = _DECODER.raw_decode(text, position)
        except json.JSONDecodeError as error:
            yield None, f"not JSON ({error.msg} at column {error.colno})"
            return
        yield value, None
        position = end
        while position < len(text) and text[position].isspace():
            position += 1


def _problem(event: Any) -> str | None:
    if not isinstance(event, dict):
        return f"not a JSON object (a {type(event).__name__})"
    if not isinstance(event.get("event_type"), str) or not event["event_type"]:
        return "missing field event_type"
    if not any(
        isinstance(event.get(key), int) and not isinstance(event.get(key), bool)
        for key in ("event_timestamp", "arrival_timestamp")
    ):
        return "missing field event_timestamp (and arrival_timestamp)"
    return None


def load_events(paths: Sequence[str | Path]) -> LoadedEvents:
    """Read every event of ``paths``; raise ``OSError`` for a file that cannot be read."""
    loaded = LoadedEvents()
    for path in paths:
        name = str(path)
        raw = Path(path).read_bytes()
        if raw[:2] == b"\x1f\x8b":
            try:
                raw = gzip.decompress(raw)
            except (OSError, EOFError) as error:
                raise OSError(f"{name}: not a readable gzip file: {error}") from error
        loaded.files.append(name)
        text = raw.decode("utf-8", errors="replace")
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            for event, decode_error in _objects(line.strip()):
                problem = decode_error or _problem(event)
                if problem is not None:
                    loaded.skipped.append(SkippedLine(name, number, problem))
                else:
                    loaded.events.append(event)
    return loaded


# ---- figures -----------------------------------------------------------------------------


@dataclass
class Figures:
    """What the report shows, computed from the events."""

    by_metric: Counter[str] = field(default_factory=Counter)
    daily: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    per_campaign: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    per_journey: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    failures: Counter[str] = field(default_factory=Counter)
    smtp_reasons: Counter[str] = field(default_factory=Counter)
    sms_statuses: Counter[str] = field(default_factory=Counter)
    message_status: Counter[str] = field(default_factory=Counter)

    def rates(self) -> list[tuple[str, int, float | None, float | None]]:
        """(day, sends, bounce rate, complaint rate) per day, rates over sends (as SES)."""
        rows = []
        for day in sorted(self.daily):
            counts = self.daily[day]
            sends = counts["EmailSends"]
            rows.append(
                (
                    day,
                    sends,
                    counts["EmailHardBounces"] / sends if sends else None,
                    counts["EmailComplaints"] / sends if sends else None,
                )
            )
        return rows


def _timestamp(event: dict[str, Any]) -> int:
    value = event.get("event_timestamp")
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return int(event["arrival_timestamp"])


def _message_id(event: dict[str, Any]) -> str | None:
    value = get(event, "facets", "email_channel", "mail_event", "mail", "message_id")
    value = value or get(event, "attributes", "message_id")
    return value if isinstance(value, str) and value else None


def compute_figures(events: Iterable[dict[str, Any]]) -> Figures:
    """The report's figures from events that passed :func:`load_events`."""
    figures = Figures()
    latest: dict[str, tuple[int, str]] = {}
    for event in events:
        name = metric_name(event["event_type"])
        stamp = _timestamp(event)
        day = datetime.fromtimestamp(stamp / 1000, UTC).date().isoformat()
        figures.by_metric[name] += 1
        figures.daily[day][name] += 1
        campaign, journey = campaign_id(event), journey_id(event)
        if campaign:
            figures.per_campaign[campaign][name] += 1
        if journey:
            figures.per_journey[journey][name] += 1
        reason = failure_reason(event)
        if reason:
            figures.failures[reason] += 1
        bounce = get(event, "facets", "email_channel", "mail_event", "bounce") or {}
        for recipient in bounce.get("bounced_recipients") or []:
            code = recipient.get("diagnostic_code") if isinstance(recipient, dict) else None
            figures.smtp_reasons[code or "(no diagnostic code)"] += 1
        if event["event_type"].startswith("_SMS."):
            status = get(event, "attributes", "record_status") or "(none)"
            figures.sms_statuses[f"{event['event_type']} {status}"] += 1
        message = _message_id(event)
        if message and (message not in latest or stamp >= latest[message][0]):
            latest[message] = (stamp, event["event_type"])
    figures.message_status.update(event_type for _stamp, event_type in latest.values())
    return figures


# ---- HTML --------------------------------------------------------------------------------

_CSS = """
body{font-family:system-ui,sans-serif;margin:2rem;color:#222;max-width:72rem}
h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ddd}
table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #ccc;padding:.2rem .5rem;
text-align:right}th:first-child,td:first-child{text-align:left}.warn{color:#b00020}
svg text{font-size:11px;font-family:system-ui,sans-serif}
"""


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _table(headers: Sequence[str], rows: Iterable[Sequence[object]], table_id: str) -> str:
    head = "".join(f"<th>{_e(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{_e(c)}</td>" for c in row) + "</tr>" for row in rows)
    return f'<table id="{table_id}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _bar_chart(items: Sequence[tuple[str, int]], chart_id: str) -> str:
    """Horizontal bars, one per item, with its label and value."""
    if not items:
        return f'<p id="{chart_id}">No data.</p>'
    top = max(value for _label, value in items) or 1
    row, label_width, bar_width = 20, 190, 380
    parts = [
        f'<svg id="{chart_id}" role="img" width="{label_width + bar_width + 60}" '
        f'height="{row * len(items) + 10}" xmlns="http://www.w3.org/2000/svg">'
    ]
    for index, (label, value) in enumerate(items):
        y = index * row + 5
        width = max(1, round(bar_width * value / top))
        parts.append(
            f'<text x="{label_width - 6}" y="{y + 14}" text-anchor="end">{_e(label)}</text>'
            f'<rect class="bar" x="{label_width}" y="{y + 2}" width="{width}" height="{row - 6}" '
            f'fill="#3b6ea5"><title>{_e(label)}: {value}</title></rect>'
            f'<text x="{label_width + width + 4}" y="{y + 14}">{value}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _rate_chart(
    points: Sequence[tuple[str, float | None]], line: float, chart_id: str, label: str
) -> str:
    """A line of daily rates with the review line drawn across."""
    values = [v for _day, v in points if v is not None]
    if not values:
        return f'<p id="{chart_id}">No email sends, so no rate.</p>'
    width, height, left, bottom = 560, 200, 50, 30
    top = max([*values, line]) * 1.25
    step = (width - left - 10) / max(1, len(points) - 1)

    def y(value: float) -> float:
        return round(height - bottom - (height - bottom - 10) * value / top, 1)

    coords = [
        (round(left + index * step, 1), y(value))
        for index, (_day, value) in enumerate(points)
        if value is not None
    ]
    path = " ".join(f"{x},{y_}" for x, y_ in coords)
    dots = "".join(f'<circle cx="{x}" cy="{y_}" r="3" fill="#3b6ea5"/>' for x, y_ in coords)
    first, last = points[0][0], points[-1][0]
    return (
        f'<svg id="{chart_id}" role="img" width="{width}" height="{height}" '
        f'xmlns="http://www.w3.org/2000/svg">'
        f'<line x1="{left}" y1="{height - bottom}" x2="{width}" y2="{height - bottom}" '
        f'stroke="#999"/><line class="review-line" x1="{left}" y1="{y(line)}" x2="{width}" '
        f'y2="{y(line)}" stroke="#b00020" stroke-dasharray="4 3"/>'
        f'<text x="{left + 4}" y="{y(line) - 4}" fill="#b00020">{_e(label)}</text>'
        f'<polyline points="{path}" fill="none" stroke="#3b6ea5" stroke-width="2"/>{dots}'
        f'<text x="{left}" y="{height - 10}">{_e(first)}</text>'
        f'<text x="{width}" y="{height - 10}" text-anchor="end">{_e(last)}</text>'
        f'<text x="{left - 4}" y="{y(top / 1.25) + 4}" text-anchor="end">'
        f"{top / 1.25:.2%}</text></svg>"
    )


def _percent(value: float | None) -> str:
    return "" if value is None else f"{value:.2%}"


def render_html(loaded: LoadedEvents, figures: Figures, *, title: str) -> str:
    """The report page."""
    metric_order = [*dict.fromkeys(EVENT_METRICS.values()), "OtherEvents"]
    by_metric = [
        (name, figures.by_metric[name]) for name in metric_order if figures.by_metric[name]
    ]
    rates = figures.rates()
    engagement = [
        "EmailSends",
        "EmailDeliveries",
        "EmailOpens",
        "EmailClicks",
        "EmailHardBounces",
        "EmailComplaints",
        "EmailUnsubscribes",
        "SmsSuccesses",
        "SmsFailures",
        "SmsOptOuts",
    ]

    def per(kind: str, groups: dict[str, Counter[str]]) -> str:
        rows = [[key, *(groups[key][name] for name in engagement)] for key in sorted(groups)]
        return _table([kind, *engagement], rows, f"per-{kind.lower().replace(' ', '-')}")

    skipped = (
        '<p class="warn" id="skipped-count">'
        f'{len(loaded.skipped)} input line(s) skipped:</p><ul id="skipped">'
        + "".join(f"<li>{_e(s)}</li>" for s in loaded.skipped)
        + "</ul>"
        if loaded.skipped
        else '<p id="skipped-count">No input line was skipped.</p>'
    )
    over = [
        day
        for day, _sends, bounce, complaint in rates
        if (bounce or 0) >= BOUNCE_REVIEW_LINE or (complaint or 0) >= COMPLAINT_REVIEW_LINE
    ]
    sections = [
        f"<h1>{_e(title)}</h1>",
        f'<p id="summary">{len(loaded.events)} events from {len(loaded.files)} file(s): '
        f"{_e(', '.join(loaded.files))}.</p>",
        skipped,
        "<h2>Events by type</h2>",
        _bar_chart(by_metric, "chart-events"),
        "<h2>Daily bounce and complaint rates</h2>",
        f"<p>Hard bounces and complaints over sends, as SES counts them. SES reviews an "
        f"account at {BOUNCE_REVIEW_LINE:.0%} bounces or {COMPLAINT_REVIEW_LINE:.1%} "
        f"complaints.</p>",
        (
            f'<p class="warn" id="over-review-line">At or over a review line on: '
            f"{_e(', '.join(over))}</p>"
            if over
            else '<p id="over-review-line">No day at or over a review line.</p>'
        ),
        _rate_chart(
            [(d, b) for d, _s, b, _c in rates],
            BOUNCE_REVIEW_LINE,
            "chart-bounce-rate",
            f"SES review {BOUNCE_REVIEW_LINE:.0%}",
        ),
        _rate_chart(
            [(d, c) for d, _s, _b, c in rates],
            COMPLAINT_REVIEW_LINE,
            "chart-complaint-rate",
            f"SES review {COMPLAINT_REVIEW_LINE:.1%}",
        ),
        _table(
            ["day", "sends", "bounce rate", "complaint rate"],
            [(d, s, _percent(b), _percent(c)) for d, s, b, c in rates],
            "daily-rates",
        ),
        "<h2>Per campaign</h2>",
        _bar_chart(
            [(key, counts["EmailSends"]) for key, counts in sorted(figures.per_campaign.items())],
            "chart-campaign-sends",
        ),
        per("Campaign", figures.per_campaign),
        "<h2>Per journey</h2>",
        per("Journey", figures.per_journey),
        "<h2>Failure reasons</h2>",
        _bar_chart(figures.failures.most_common(), "chart-failures"),
        "<h2>Bounce SMTP reasons</h2>",
        _table(["diagnostic code", "bounces"], figures.smtp_reasons.most_common(), "smtp"),
        "<h2>SMS record statuses</h2>",
        _table(["event and status", "events"], figures.sms_statuses.most_common(), "sms"),
        "<h2>Status per message (latest event)</h2>",
        _table(["latest event", "messages"], figures.message_status.most_common(), "status"),
    ]
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; img-src data:\">"
        f"<title>{_e(title)}</title><style>{_CSS}</style></head><body>"
        + "".join(sections)
        + "</body></html>"
    )


# ---- command line ------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m pinpoint_constructs.cli.report``; returns the exit status."""
    parser = argparse.ArgumentParser(
        prog="python -m pinpoint_constructs.cli.report",
        description="Render exported Pinpoint events (JSON lines, plain or gzip) as one "
        "self-contained HTML page.",
    )
    parser.add_argument("events", nargs="+", help="event files (.jsonl, .json or .gz)")
    parser.add_argument("-o", "--output", required=True, help="the HTML file to write")
    parser.add_argument("--title", default="Pinpoint engagement report")
    parser.add_argument(
        "--strict", action="store_true", help="fail (exit status 1) if any line is skipped"
    )
    args = parser.parse_args(argv)
    try:
        loaded = load_events(args.events)
    except (OSError, UnicodeError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    for skipped in loaded.skipped:
        print(f"skipped {skipped}", file=sys.stderr)
    if loaded.skipped and args.strict:
        print(
            f"error: {len(loaded.skipped)} line(s) skipped; no report written (--strict)",
            file=sys.stderr,
        )
        return 1
    page = render_html(loaded, compute_figures(loaded.events), title=args.title)
    Path(args.output).write_text(page, encoding="utf-8")
    print(
        f"{args.output}: {len(loaded.events)} events, {len(loaded.skipped)} line(s) skipped",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
