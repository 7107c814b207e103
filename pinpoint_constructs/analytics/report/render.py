"""The report page: one self-contained HTML file, charts drawn by Plotly.

**Why Plotly.** The page must work offline, with no network at view time. The ``plotly``
package from PyPI ships plotly.js itself (``plotly.offline.get_plotlyjs()``), so the page
embeds it once and needs nothing else: no files vendored into this repository, no npm step,
no CDN. Vega-Lite would need three scripts (vega, vega-lite, vega-embed) vendored and kept
up to date by hand. The price is size: about 4.5 MB of JavaScript in every report. The page's
Content Security Policy allows only its own inline script and styles, and no request at all.

Tables are laid out to the page's width (``table-layout: fixed``, long words wrap), so none
overflows at 1280 px; charts are responsive.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

from ..queries import BOUNCE_REVIEW_LINE, COMPLAINT_REVIEW_LINE
from .events import Loaded
from .figures import FUNNEL_STEPS, Figures, flag, funnel, kpis, min_sends, top

CSP = (
    "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; "
    "style-src 'unsafe-inline'; img-src data:; font-src data:"
)

STYLE = """
* { box-sizing: border-box; }
body { font: 14px/1.4 system-ui, sans-serif; margin: 0 auto; padding: 16px; max-width: 1280px;
       color: #1b1f24; }
h1 { font-size: 22px; } h2 { font-size: 17px; margin-top: 28px; }
.tiles { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 8px; }
.tile { border: 1px solid #d0d7de; border-radius: 6px; padding: 8px 10px; }
.tile .v { font-size: 20px; font-weight: 600; } .tile .n { color: #57606a; font-size: 12px; }
.tile.flag { border-color: #cf222e; background: #ffebe9; }
.chart { width: 100%; min-height: 320px; }
table { width: 100%; table-layout: fixed; border-collapse: collapse; margin: 8px 0; }
th, td { border-bottom: 1px solid #d0d7de; padding: 4px 6px; text-align: left;
         overflow-wrap: anywhere; word-break: break-word; vertical-align: top; }
th { background: #f6f8fa; }
td.flag { color: #cf222e; font-weight: 600; }
.muted { color: #57606a; }
"""


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def table(headers: Sequence[str], rows: Iterable[Sequence[object]], table_id: str) -> str:
    """A table that never overflows the page: fixed layout, wrapping cells."""
    head = "".join(f"<th>{_e(h)}</th>" for h in headers)
    body = "".join(
        "<tr>"
        + "".join(
            f'<td class="flag">{_e(c)}</td>' if c == "flag" else f"<td>{_e(c)}</td>" for c in row
        )
        + "</tr>"
        for row in rows
    )
    return f'<table id="{table_id}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _pct(value: float | None) -> str:
    return "" if value is None else f"{value:.2%}"


class _Charts:
    """Plotly figures as ``<div>`` elements (plotly.js is embedded once, in the page head)."""

    def __init__(self) -> None:
        import plotly.graph_objects as go
        import plotly.io as pio

        self.go = go
        self.pio = pio

    def div(self, figure: object, div_id: str, height: int = 340) -> str:
        figure.update_layout(  # type: ignore[attr-defined]
            height=height,
            margin={"l": 50, "r": 20, "t": 30, "b": 40},
            legend={"orientation": "h"},
            template="plotly_white",
        )
        return str(
            self.pio.to_html(
                figure,
                full_html=False,
                include_plotlyjs=False,
                div_id=div_id,
                config={"displayModeBar": False, "responsive": True},
                default_width="100%",
            )
        )


def render(loaded: Loaded, figures: Figures, *, title: str) -> str:
    """The report page as HTML text."""
    import plotly.offline

    charts = _Charts()
    go = charts.go
    parts: list[str] = [f"<h1>{_e(title)}</h1>"]
    sources = ", ".join(f"{n} {s}" for s, n in sorted(figures.sources.items())) or "none"
    parts.append(
        f'<p class="muted" id="summary">{len(loaded.events)} events from '
        f"{len(loaded.files)} file(s) ({_e(sources)}).</p>"
    )

    tiles = []
    for label, value, note in kpis(figures.total):
        css = "tile flag" if note == "flag" else "tile"
        shown = "at the SES review line" if note == "flag" else note
        tiles.append(
            f'<div class="{css}"><div class="n">{_e(label)}</div><div class="v">{_e(value)}'
            f'</div><div class="n">{_e(shown)}</div></div>'
        )
    parts.append(f'<div class="tiles" id="kpis">{"".join(tiles)}</div>')
    parts.append(
        f'<p class="muted">Review lines (SES): bounces {BOUNCE_REVIEW_LINE:.0%}, complaints '
        f"{COMPLAINT_REVIEW_LINE:.1%}. A rate is flagged only with at least "
        f"{min_sends(BOUNCE_REVIEW_LINE):,} sends (bounces) or "
        f"{min_sends(COMPLAINT_REVIEW_LINE):,} sends (complaints): the volume at which the "
        "line means ten events; below it a rate at the line is marked low volume.</p>"
    )

    # Funnels.
    for heading, tallies, div_id in (
        ("Funnel per campaign", figures.by_campaign, "chart-funnel-campaigns"),
        ("Funnel per journey", figures.by_journey, "chart-funnel-journeys"),
    ):
        parts.append(f"<h2>{heading}</h2>")
        if not tallies:
            parts.append('<p class="muted">No events name one.</p>')
            continue
        figure = go.Figure(
            [
                go.Bar(name=figures.label(ident), x=list(FUNNEL_STEPS), y=funnel(tally))
                for ident, tally in top(tallies)
            ]
        )
        figure.update_layout(barmode="group", yaxis_title="messages")
        parts.append(charts.div(figure, div_id))

    # Daily volume and rates.
    parts.append("<h2>Daily email volume and rates</h2>")
    if figures.daily:
        days = [row.day for row in figures.daily]
        volume = go.Figure(
            [
                go.Bar(name="sent", x=days, y=[row.sent for row in figures.daily]),
                go.Bar(name="delivered", x=days, y=[row.delivered for row in figures.daily]),
            ]
        )
        volume.update_layout(barmode="group", yaxis_title="messages", xaxis_type="category")
        rate_charts = []
        for name, attr, line, div_id in (
            ("bounce rate", "bounce_rate", BOUNCE_REVIEW_LINE, "chart-bounce-rate"),
            ("complaint rate", "complaint_rate", COMPLAINT_REVIEW_LINE, "chart-complaint-rate"),
        ):
            figure = go.Figure(
                [
                    go.Scatter(
                        name=name,
                        x=days,
                        y=[getattr(row, attr) for row in figures.daily],
                        mode="lines+markers",
                    )
                ]
            )
            figure.add_hline(
                y=line,
                line_dash="dash",
                line_color="#cf222e",
                annotation_text=f"SES review {line:.1%}".replace(".0%", "%"),
            )
            figure.update_layout(yaxis_tickformat=".1%", yaxis_title=name, xaxis_type="category")
            rate_charts.append(charts.div(figure, div_id, height=300))
        parts.append(charts.div(volume, "chart-daily-volume", height=300))
        parts.extend(rate_charts)
        parts.append(
            table(
                [
                    "Day",
                    "Sent",
                    "Delivered",
                    "Hard bounces",
                    "Bounce rate",
                    "",
                    "Complaints",
                    "Complaint rate",
                    "",
                ],
                (
                    (
                        row.day,
                        row.sent,
                        row.delivered,
                        row.hard_bounces,
                        _pct(row.bounce_rate),
                        flag(row.bounce_rate, row.sent, BOUNCE_REVIEW_LINE),
                        row.complaints,
                        _pct(row.complaint_rate),
                        flag(row.complaint_rate, row.sent, COMPLAINT_REVIEW_LINE),
                    )
                    for row in figures.daily
                ),
                "table-daily",
            )
        )
    else:
        parts.append('<p class="muted">No email events.</p>')

    # A/B treatments.
    parts.append("<h2>A/B treatments</h2>")
    if figures.by_treatment:
        for campaign, treatments in sorted(figures.by_treatment.items()):
            figure = go.Figure(
                [
                    go.Bar(name=f"treatment {treatment}", x=list(FUNNEL_STEPS), y=funnel(tally))
                    for treatment, tally in sorted(treatments.items())
                ]
            )
            figure.update_layout(barmode="group", title=figures.label(campaign))
            parts.append(charts.div(figure, f"chart-ab-{len(parts)}", height=300))
    else:
        parts.append('<p class="muted">No campaign with more than one treatment.</p>')

    # Failure reasons.
    parts.append("<h2>Failure reasons</h2>")
    if figures.reasons:
        common = figures.reasons.most_common(15)
        figure = go.Figure(
            go.Bar(
                x=[n for _, n in common][::-1],
                y=[f"{what}: {reason}"[:80] for (what, reason), _ in common][::-1],
                orientation="h",
            )
        )
        parts.append(charts.div(figure, "chart-failures", height=60 + 26 * len(common)))
        parts.append(
            table(
                ["What", "Reason", "Events"],
                ((what, reason, n) for (what, reason), n in figures.reasons.most_common()),
                "table-failures",
            )
        )
    else:
        parts.append('<p class="muted">No failures.</p>')

    # Channels.
    parts.append("<h2>Per channel</h2>")
    channel_rows = []
    for channel, tally in sorted(figures.by_channel.items()):
        channel_rows.append(
            (
                channel,
                tally.count("sent"),
                tally.count("delivered"),
                _pct(tally.rate("delivered", "sent")),
                tally.count("bounced") + tally.count("failed") + tally.count("rejected"),
                tally.opt_outs,
                f"{tally.price_usd:.4f}",
            )
        )
    if channel_rows:
        figure = go.Figure(
            [
                go.Bar(name="sent", x=[r[0] for r in channel_rows], y=[r[1] for r in channel_rows]),
                go.Bar(
                    name="delivered", x=[r[0] for r in channel_rows], y=[r[2] for r in channel_rows]
                ),
                go.Bar(
                    name="failed", x=[r[0] for r in channel_rows], y=[r[4] for r in channel_rows]
                ),
            ]
        )
        figure.update_layout(barmode="group")
        parts.append(charts.div(figure, "chart-channels", height=300))
    parts.append(
        table(
            ["Channel", "Sent", "Delivered", "Delivery rate", "Failed", "Opt-outs", "Price (USD)"],
            channel_rows,
            "table-channels",
        )
    )

    # Campaigns and journeys, by name.
    for heading, tallies, table_id in (
        ("Campaigns", figures.by_campaign, "table-campaigns"),
        ("Journeys", figures.by_journey, "table-journeys"),
    ):
        if tallies:
            parts.append(f"<h2>{heading}</h2>")
            parts.append(
                table(
                    [
                        "Name (or id)",
                        "Sent",
                        "Delivered",
                        "Opened",
                        "Clicked",
                        "Open rate",
                        "Click rate",
                    ],
                    (
                        (
                            figures.label(ident),
                            *funnel(tally),
                            _pct(tally.rate("opened", "delivered")),
                            _pct(tally.rate("clicked", "delivered")),
                        )
                        for ident, tally in sorted(tallies.items())
                    ),
                    table_id,
                )
            )

    # Skipped lines.
    parts.append(f'<h2 id="skipped">{len(loaded.skipped)} input line(s) skipped</h2>')
    if loaded.skipped:
        parts.append(
            table(
                ["File:line", "Why"],
                ((f"{s.file}:{s.line}", s.reason) for s in loaded.skipped),
                "table-skipped",
            )
        )
    body = "\n".join(parts)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(title)}</title><style>{STYLE}</style>"
        f"<script>{plotly.offline.get_plotlyjs()}</script></head>"
        f"<body>{body}</body></html>\n"
    )


__all__ = ["CSP", "render", "table"]
