"""The report's figures, from :class:`~.events.Event` objects. Standard library only.

Counting: a *message* is one ``message_id`` of one source (an event without an id is its own
message). Sent, delivered, opened, clicked, bounced (hard bounces only, as SES counts its
bounce rate) and complained count messages, so a message opened three times is one open;
opt-outs count events. Delivery, bounce, complaint and opt-out rates are over messages sent;
open and click rates over messages delivered.

**When a review line is flagged.** SES reviews an account at a 5% bounce rate and a 0.1%
complaint rate (the constants of :mod:`pinpoint_constructs.analytics.queries`). A rate from
a handful of messages says little (one bounce in ten sends is 10%), so a day (or the whole
period) is flagged only when it reaches the line **and** had at least ``10 / line`` sends:
200 sends for bounces, 10,000 for complaints, the volume at which the line means ten or more
bounces or complaints. Below that the rate is shown, marked "low volume", not flagged.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ..queries import BOUNCE_REVIEW_LINE, COMPLAINT_REVIEW_LINE
from .events import Event

#: The least number of events at the review line for a rate to be flagged.
MEANINGFUL_EVENTS = 10
FUNNEL_STEPS = ("sent", "delivered", "opened", "clicked")


def min_sends(line: float) -> int:
    """Sends needed before a rate at ``line`` is flagged (``MEANINGFUL_EVENTS / line``)."""
    return round(MEANINGFUL_EVENTS / line)


@dataclass
class Tally:
    """Messages per step, and opt-out events."""

    messages: dict[str, set[tuple[str, str]]] = field(default_factory=lambda: defaultdict(set))
    opt_outs: int = 0
    price_usd: float = 0.0

    def add(self, event: Event, key: tuple[str, str]) -> None:
        if event.kind == "opted_out":
            self.opt_outs += 1
        step = "bounced_hard" if event.kind == "bounced" and event.hard else event.kind
        self.messages[step].add(key)
        self.messages["any"].add(key)
        self.price_usd += event.price_usd

    def count(self, step: str) -> int:
        if step == "sent":
            # A message is sent if any event of it was seen (a delivery implies the send).
            return len(self.messages["any"] - self.messages["other"] | self.messages["sent"])
        return len(self.messages[step])

    def rate(self, step: str, over: str) -> float | None:
        base = self.count(over)
        value = self.opt_outs if step == "opted_out" else self.count(step)
        return value / base if base else None


@dataclass
class DailyRow:
    day: str
    sent: int
    delivered: int
    hard_bounces: int
    complaints: int

    @property
    def bounce_rate(self) -> float | None:
        return self.hard_bounces / self.sent if self.sent else None

    @property
    def complaint_rate(self) -> float | None:
        return self.complaints / self.sent if self.sent else None


def flag(rate: float | None, sends: int, line: float) -> str:
    """``"flag"`` (at or over the line with enough volume), ``"low volume"`` (at or over it
    without), or ``""``."""
    if rate is None or rate < line:
        return ""
    return "flag" if sends >= min_sends(line) else "low volume"


@dataclass
class Figures:
    """Everything the report shows."""

    total: Tally
    by_channel: dict[str, Tally]
    by_campaign: dict[str, Tally]
    by_journey: dict[str, Tally]
    by_treatment: dict[str, dict[str, Tally]]
    daily: list[DailyRow]
    reasons: Counter[tuple[str, str]]
    names: dict[str, str]
    sources: Counter[str]

    def label(self, ident: str) -> str:
        """A campaign's or journey's name where the events carry one, else its id."""
        return self.names.get(ident, ident)


def compute(events: Iterable[Event]) -> Figures:
    total = Tally()
    by_channel: dict[str, Tally] = defaultdict(Tally)
    by_campaign: dict[str, Tally] = defaultdict(Tally)
    by_journey: dict[str, Tally] = defaultdict(Tally)
    by_treatment: dict[str, dict[str, Tally]] = defaultdict(lambda: defaultdict(Tally))
    daily: dict[str, Tally] = defaultdict(Tally)
    reasons: Counter[tuple[str, str]] = Counter()
    names: dict[str, str] = {}
    sources: Counter[str] = Counter()
    for index, event in enumerate(events):
        sources[event.source] += 1
        if event.channel == "other":
            continue
        key = (event.source, event.message_id or f"#{index}")
        total.add(event, key)
        by_channel[event.channel].add(event, key)
        if event.channel == "email":
            daily[event.day].add(event, key)
        if event.campaign_id:
            by_campaign[event.campaign_id].add(event, key)
            by_treatment[event.campaign_id][event.treatment_id or "(none)"].add(event, key)
            if event.campaign_name:
                names[event.campaign_id] = event.campaign_name
        if event.journey_id:
            by_journey[event.journey_id].add(event, key)
            if event.journey_name:
                names[event.journey_id] = event.journey_name
        if event.reason and event.kind in (
            "bounced",
            "complained",
            "failed",
            "rejected",
            "delayed",
        ):
            reasons[(f"{event.channel} {event.kind}", event.reason)] += 1
    rows = [
        DailyRow(
            day=day,
            sent=tally.count("sent"),
            delivered=tally.count("delivered"),
            hard_bounces=tally.count("bounced_hard"),
            complaints=tally.count("complained"),
        )
        for day, tally in sorted(daily.items())
    ]
    return Figures(
        total=total,
        by_channel=dict(by_channel),
        by_campaign=dict(by_campaign),
        by_journey=dict(by_journey),
        by_treatment={c: dict(t) for c, t in by_treatment.items() if len(t) > 1},
        daily=rows,
        reasons=reasons,
        names=names,
        sources=sources,
    )


def kpis(tally: Tally) -> list[tuple[str, str, str]]:
    """The header tiles: ``(label, value, note)``."""

    def pct(value: float | None) -> str:
        return "n/a" if value is None else f"{value:.2%}"

    sent = tally.count("sent")
    bounce = tally.rate("bounced_hard", "sent")
    complaint = tally.rate("complained", "sent")
    return [
        ("Sent", f"{sent:,}", "messages"),
        ("Delivery rate", pct(tally.rate("delivered", "sent")), "of sent"),
        ("Open rate", pct(tally.rate("opened", "delivered")), "of delivered"),
        ("Click rate", pct(tally.rate("clicked", "delivered")), "of delivered"),
        ("Bounce rate", pct(bounce), flag(bounce, sent, BOUNCE_REVIEW_LINE) or "hard, of sent"),
        (
            "Complaint rate",
            pct(complaint),
            flag(complaint, sent, COMPLAINT_REVIEW_LINE) or "of sent",
        ),
        ("Opt-out rate", pct(tally.rate("opted_out", "sent")), "of sent"),
    ]


def funnel(tally: Tally) -> list[int]:
    return [tally.count(step) for step in FUNNEL_STEPS]


def top(tallies: dict[str, Tally], limit: int = 12) -> Sequence[tuple[str, Tally]]:
    """The ``limit`` entries with the most messages."""
    return sorted(tallies.items(), key=lambda item: -item[1].count("sent"))[:limit]


__all__ = [
    "FUNNEL_STEPS",
    "MEANINGFUL_EVENTS",
    "DailyRow",
    "Figures",
    "Tally",
    "compute",
    "flag",
    "funnel",
    "kpis",
    "min_sends",
    "top",
]
