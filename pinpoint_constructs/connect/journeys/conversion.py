"""Pinpoint journey → journey on Amazon Connect, without CDK (the migration tool reuses it).

:func:`convert_journey` reads a Pinpoint journey as ``get-journey`` returns it
(``JourneyResponse``) or as the library's Pinpoint ``Journey`` writes it
(``Journey.request()``, a ``WriteJourneyRequest``), and returns a plan: one node per step of
the Connect journey (plain dicts, see :class:`ConvertedJourney`), and a note for each
activity that has no successor, with the reason. ``ConnectJourney.from_pinpoint`` turns the
plan into steps.

What converts (Pinpoint API Reference, ``Activity`` and its members):

- ``EMAIL`` / ``SMS`` → send email / SMS (the template by name; the sender is the journey's);
- ``CUSTOM`` with a Lambda ``DeliveryUri`` → custom action (``InvokeLambdaFunction``);
- ``Wait`` with ``WaitFor`` → wait; longer than 7 days, several waits of at most 7 days;
- ``ConditionalSplit`` / ``MultiCondition`` on email events of an earlier message → check
  communication status (``_email.open`` → ``Open`` ...), with its evaluation wait before;
- ``RandomSplit`` → distribute by percentage; ``Holdout`` → a percentage split whose holdout
  branch ends;
- ``PUSH`` with a template → a push step (a custom action invoking the ``JourneyPushAction``
  given for that template; Connect has no push channel).

What does not (each listed in the notes; the path continues at the activity's next activity
where it has one, else ends there): ``PUSH`` without a template, ``CUSTOM`` with a web hook,
``ContactCenter`` (Pinpoint's hand-off to a Connect queue; a journey's voice step is not
documented), ``Wait`` and evaluation waits with ``WaitUntil`` (no documented wait-until-date
parameter), conditions on segments, SMS or push events, or endpoint attributes (no
documented flow action reads them). In-app messages never reach this point: Pinpoint's
journey ``Activity`` has no in-app member (botocore's Pinpoint model: ``CUSTOM``,
``ConditionalSplit``, ``EMAIL``, ``Holdout``, ``MultiCondition``, ``PUSH``, ``RandomSplit``,
``SMS``, ``Wait``, ``ContactCenter``); an unknown member is noted with the generic reason.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

#: Pinpoint email event type → the receipt key a Check communication status step compares
#: (the block page's email statuses; see ``steps.CommunicationStatus``).
EMAIL_EVENT_STATUS: Mapping[str, str] = {
    "_email.send": "Send",
    "_email.delivered": "Delivery",
    "_email.rejected": "Reject",
    "_email.hardbounce": "Bounce",
    "_email.softbounce": "Bounce",
    "_email.complaint": "Complaint",
    "_email.open": "Open",
    "_email.click": "Click",
}
#: The longest single wait of a Connect flow, seconds (``Wait``: at most 604800).
MAX_WAIT_SECONDS = 604800
_ISO_DURATION = re.compile(
    r"P(?:(?P<weeks>\d+)W)?(?:(?P<days>\d+)D)?"
    r"(?:T(?:(?P<hours>\d+)H)?(?:(?P<minutes>\d+)M)?(?:(?P<seconds>\d+)S)?)?"
)
_LAMBDA_ARN = re.compile(r"arn:aws[-a-z]*:lambda:[-a-z0-9]+:\d{12}:function:[-\w]+(:[-\w$]+)?")


@dataclass(frozen=True)
class JourneyConversionNote:
    """An activity (or part of one) the conversion could not carry over, and why."""

    activity: str
    kind: str
    reason: str

    def __str__(self) -> str:
        return f"{self.activity} ({self.kind}): {self.reason}"


@dataclass
class ConvertedJourney:
    """The plan of a Connect journey: ``nodes`` by id, each a dict with ``kind`` (``email``,
    ``sms``, ``push``, ``custom``, ``wait``, ``status``, ``percentage``, ``end``) and its fields
    (``template``, ``function_arn``, ``seconds``, ``branches``, ``default``, ``next``), and
    ``start``, the first node's id (None when nothing converts)."""

    name: str
    start: str | None
    nodes: dict[str, dict[str, Any]] = field(default_factory=dict)
    notes: list[JourneyConversionNote] = field(default_factory=list)


def iso_seconds(value: str) -> int | None:
    """Seconds of an ISO 8601 duration with weeks, days, hours, minutes, seconds (what
    Pinpoint's ``WaitFor`` holds), or None when it has years or months or doesn't parse."""
    match = _ISO_DURATION.fullmatch(value or "")
    if match is None or value in {"P", "PT"}:
        return None
    parts = {k: int(v) for k, v in match.groupdict(default="0").items()}
    return (
        parts["weeks"] * 604800
        + parts["days"] * 86400
        + parts["hours"] * 3600
        + parts["minutes"] * 60
        + parts["seconds"]
    )


def _identifier(activity_id: str, taken: set[str]) -> str:
    """A flow identifier for a Pinpoint activity id (letters and digits, up to 100): the id
    itself when it fits the flow's 50 characters, else its first 44 and a counter."""
    candidate = activity_id[:50]
    counter = 0
    while candidate in taken:
        counter += 1
        candidate = f"{activity_id[:44]}-{counter}"
    taken.add(candidate)
    return candidate


class _Converter:
    def __init__(self, journey: Mapping[str, Any]) -> None:
        body = journey.get("JourneyResponse", journey)
        self.activities: Mapping[str, Any] = body.get("Activities") or {}
        self.result = ConvertedJourney(name=str(body.get("Name", "")), start=None)
        self.ids: dict[str, str] = {}
        self.taken: set[str] = {"EndFlow"}
        self.start_activity = body.get("StartActivity")

    def note(self, activity: str, kind: str, reason: str) -> None:
        self.result.notes.append(JourneyConversionNote(activity, kind, reason))

    def node_id(self, activity_id: str) -> str:
        if activity_id not in self.ids:
            self.ids[activity_id] = _identifier(activity_id, self.taken)
        return self.ids[activity_id]

    def fresh(self, base: str) -> str:
        return _identifier(base, self.taken)

    def run(self) -> ConvertedJourney:
        if self.start_activity:
            self.result.start = self.convert(self.start_activity, set())
        return self.result

    def convert(self, activity_id: str | None, path: set[str]) -> str | None:
        """The node id the activity converts to (converting it first), or None (end)."""
        if not activity_id:
            return None
        if activity_id in self.ids:
            return self.ids[activity_id]
        activity = self.activities.get(activity_id)
        if activity is None:
            self.note(activity_id, "missing", "the journey names this activity but defines none")
            return None
        kinds = [k for k in activity if k not in {"Description"}]
        kind = kinds[0] if kinds else "unknown"
        body = activity.get(kind) or {}
        handler = getattr(self, f"_{kind.lower()}", None)
        if handler is None:
            reason = {
                "ContactCenter": "Pinpoint's hand-off to a Connect queue has no documented "
                "action in a journey flow (voice dialing is documented only for MANAGED "
                "campaigns, PutDialRequest)",
            }.get(kind, "no documented Connect flow action carries this activity")
            self.note(activity_id, kind, reason)
            return self.convert(body.get("NextActivity"), path)
        return handler(activity_id, body, path)

    # ---- message activities ----------------------------------------------------------

    def _message(self, kind: str, activity_id: str, body: Mapping[str, Any]) -> str | None:
        template = body.get("TemplateName")
        if not template:
            self.note(
                activity_id,
                kind.upper(),
                "the activity has no template; a Connect send step takes a Q in Connect template",
            )
            return self.convert(body.get("NextActivity"), set())
        node_id = self.node_id(activity_id)
        node: dict[str, Any] = {"kind": kind, "template": template}
        self.result.nodes[node_id] = node
        node["next"] = self.convert(body.get("NextActivity"), set())
        return node_id

    def _email(self, activity_id: str, body: Mapping[str, Any], path: set[str]) -> str | None:
        return self._message("email", activity_id, body)

    def _sms(self, activity_id: str, body: Mapping[str, Any], path: set[str]) -> str | None:
        return self._message("sms", activity_id, body)

    def _push(self, activity_id: str, body: Mapping[str, Any], path: set[str]) -> str | None:
        if not body.get("TemplateName"):
            self.note(
                activity_id,
                "PUSH",
                "Amazon Connect has no push channel; a push step is a custom action "
                "(JourneyPushAction) that sends a Q in Connect PUSH template, and this activity "
                "names no template",
            )
            return self.convert(body.get("NextActivity"), path)
        return self._message("push", activity_id, body)

    def _custom(self, activity_id: str, body: Mapping[str, Any], path: set[str]) -> str | None:
        uri = str(body.get("DeliveryUri", ""))
        if not _LAMBDA_ARN.fullmatch(uri):
            self.note(
                activity_id,
                "CUSTOM",
                "a web hook delivery; a Connect custom action invokes a Lambda function only "
                "(InvokeLambdaFunction)",
            )
            return self.convert(body.get("NextActivity"), path)
        node_id = self.node_id(activity_id)
        node: dict[str, Any] = {"kind": "custom", "function_arn": uri}
        self.result.nodes[node_id] = node
        node["next"] = self.convert(body.get("NextActivity"), path)
        return node_id

    # ---- waits -------------------------------------------------------------------------

    def _wait_nodes(
        self, activity_id: str, wait: Mapping[str, Any], then: str | None, first_id: str
    ) -> str | None:
        """Wait nodes for a Pinpoint ``WaitTime`` ending at ``then``; None when the wait can't
        convert (noted), in which case the caller goes straight on."""
        if "WaitUntil" in wait:
            self.note(
                activity_id,
                "Wait",
                f"waits until {wait['WaitUntil']}; a journey flow documents only waits of a "
                "duration (Wait, TimeLimitSeconds): the wait is left out",
            )
            return then
        seconds = iso_seconds(str(wait.get("WaitFor", "")))
        if seconds is None or seconds <= 0:
            self.note(
                activity_id,
                "Wait",
                f"the wait {wait.get('WaitFor')!r} is not a duration in days, hours, minutes "
                "or seconds: the wait is left out",
            )
            return then
        chunks = []
        while seconds > 0:
            chunks.append(min(seconds, MAX_WAIT_SECONDS))
            seconds -= chunks[-1]
        if len(chunks) > 1:
            self.note(
                activity_id,
                "Wait",
                f"longer than the 7 days one Connect wait allows: {len(chunks)} waits in a row",
            )
        following = then
        ids = [first_id] + [self.fresh(f"{activity_id}-{i}") for i in range(2, len(chunks) + 1)]
        for node_id, chunk in reversed(list(zip(ids, chunks, strict=True))):
            self.result.nodes[node_id] = {"kind": "wait", "seconds": chunk, "next": following}
            following = node_id
        return following

    def _wait(self, activity_id: str, body: Mapping[str, Any], path: set[str]) -> str | None:
        # Reserve the id before converting what follows, so a loop back here finds it.
        self.node_id(activity_id)
        then = self.convert(body.get("NextActivity"), path)
        first = self._wait_nodes(
            activity_id, body.get("WaitTime") or {}, then, self.node_id(activity_id)
        )
        if first is then:
            self.ids[activity_id] = then  # type: ignore[assignment]
        return first

    # ---- splits ------------------------------------------------------------------------

    def _statuses(self, activity_id: str, kind: str, condition: Mapping[str, Any]) -> list[str]:
        """The receipt keys of a condition on email events, or [] (noted) when it isn't one."""
        conditions = list(condition.get("Conditions") or [])
        if len(conditions) != 1:
            self.note(
                activity_id,
                kind,
                "a condition of several parts (AND/OR); a Connect status check tests one "
                "communication's receipt per branch",
            )
            return []
        simple = conditions[0]
        event = simple.get("EventCondition")
        if not event:
            what = (
                "segment membership"
                if "SegmentCondition" in simple
                else "endpoint attributes or segment dimensions"
            )
            self.note(
                activity_id,
                kind,
                f"a condition on {what}; no documented campaign-flow action tests it (the "
                "Customer profiles block's CheckSegmentMembership has no documented parameters)",
            )
            return []
        values = list(((event.get("Dimensions") or {}).get("EventType") or {}).get("Values") or [])
        statuses = [EMAIL_EVENT_STATUS.get(v) for v in values]
        if not values or any(s is None for s in statuses):
            self.note(
                activity_id,
                kind,
                f"a condition on the events {values}; only email events map to a documented "
                "delivery receipt",
            )
            return []
        return sorted({s for s in statuses if s})

    def _status_split(
        self,
        activity_id: str,
        kind: str,
        branches: Sequence[tuple[Mapping[str, Any], str | None]],
        default: str | None,
        wait: Mapping[str, Any] | None,
        path: set[str],
    ) -> str | None:
        node_id = self.node_id(activity_id)
        node: dict[str, Any] = {"kind": "status", "branches": []}
        self.result.nodes[node_id] = node
        converted: list[tuple[str, str | None]] = []
        for condition, target in branches:
            statuses = self._statuses(activity_id, kind, condition)
            next_id = self.convert(target, path)
            for status in statuses:
                if all(status != s for s, _ in converted):
                    converted.append((status, next_id))
        node["branches"] = converted
        node["default"] = self.convert(default, path)
        if not converted:
            # Nothing to test: everyone takes the default path.
            del self.result.nodes[node_id]
            self.ids[activity_id] = node["default"]
            first = node["default"]
        else:
            first = node_id
        if wait:
            # The evaluation wait goes before the check (a loop back to the split enters at
            # the check itself).
            first = self._wait_nodes(activity_id, wait, first, self.fresh(f"{activity_id}-Wait"))
        return first

    def _conditionalsplit(self, activity_id: str, body: Mapping[str, Any], path: set[str]) -> Any:
        return self._status_split(
            activity_id,
            "ConditionalSplit",
            [(body.get("Condition") or {}, body.get("TrueActivity"))],
            body.get("FalseActivity"),
            body.get("EvaluationWaitTime"),
            path,
        )

    def _multicondition(self, activity_id: str, body: Mapping[str, Any], path: set[str]) -> Any:
        branches = [
            ({"Conditions": [b.get("Condition") or {}]}, b.get("NextActivity"))
            for b in body.get("Branches") or []
        ]
        return self._status_split(
            activity_id,
            "MultiCondition",
            branches,
            body.get("DefaultActivity"),
            body.get("EvaluationWaitTime"),
            path,
        )

    def _randomsplit(self, activity_id: str, body: Mapping[str, Any], path: set[str]) -> Any:
        node_id = self.node_id(activity_id)
        node: dict[str, Any] = {"kind": "percentage", "branches": []}
        self.result.nodes[node_id] = node
        branches = [b for b in body.get("Branches") or [] if int(b.get("Percentage", 0)) > 0]
        if not branches:
            del self.result.nodes[node_id]
            self.note(activity_id, "RandomSplit", "no branch has a percentage above 0")
            return None
        *weighted, last = branches
        node["branches"] = [
            (int(b["Percentage"]), self.convert(b.get("NextActivity"), path)) for b in weighted
        ]
        node["default"] = self.convert(last.get("NextActivity"), path)
        return node_id

    def _holdout(self, activity_id: str, body: Mapping[str, Any], path: set[str]) -> Any:
        percent = int(body.get("Percentage", 0))
        if not 0 < percent < 100:
            self.note(
                activity_id,
                "Holdout",
                f"a holdout of {percent}%; a percentage split holds out 1 to 99 percent",
            )
            return None if percent >= 100 else self.convert(body.get("NextActivity"), path)
        node_id = self.node_id(activity_id)
        node: dict[str, Any] = {"kind": "percentage", "holdout": percent, "branches": []}
        self.result.nodes[node_id] = node
        node["default"] = self.convert(body.get("NextActivity"), path)
        return node_id


def convert_journey(journey: Mapping[str, Any]) -> ConvertedJourney:
    """The Connect journey plan of a Pinpoint journey (``get-journey``'s answer, its
    ``JourneyResponse``, or a ``WriteJourneyRequest``), with a note per activity that doesn't
    convert."""
    if not isinstance(journey, Mapping):
        raise TypeError(
            f"journey must be a mapping (get-journey's JSON), got {type(journey).__name__}"
        )
    return _Converter(journey).run()
