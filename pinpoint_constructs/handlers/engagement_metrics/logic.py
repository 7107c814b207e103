"""Count a batch of Pinpoint events into CloudWatch embedded metric format (EMF) documents.

The function prints each document as one line on stdout; CloudWatch Logs extracts the metrics
from the function's log group ("Specification: Embedded metric format", CloudWatch User Guide).
No AWS API is called, so the function needs no permission beyond its log group.

Configuration (environment variables, read by :meth:`Config.from_env`):

``APPLICATION_ID`` (required)
    The project. Events of other projects are counted as ``other_application`` and ignored.
``METRICS_NAMESPACE`` (required)
    The CloudWatch namespace.
``PER_CAMPAIGN`` / ``PER_JOURNEY`` (optional, ``true`` or ``false``; default ``true``)
    Also publish each metric per ``CampaignId`` / ``JourneyId``.

Metrics (all ``Count``, summed over the batch, time-stamped when the batch is processed): one
per event type (:data:`classify.EVENT_METRICS`, others in ``OtherEvents``), published with the
dimension sets ``[ApplicationId]``, ``[ApplicationId, CampaignId]`` (events of a campaign) and
``[ApplicationId, JourneyId]`` (events of a journey); and ``Failures`` with
``[ApplicationId, FailureReason]``, the reason from the closed set
:data:`classify.FAILURE_REASONS`.

Cardinality: at most (16 + 1) metrics x (1 + campaigns + journeys that sent in the period)
series, plus one per failure reason seen; ids come only from this project's events. A record
that is not a Pinpoint event is logged and counted as ``malformed``; nothing is ever reported
as failed, so a bad record cannot block the shard.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from common.kinesis import decode_record

from engagement_metrics.classify import (
    FAILURE_METRIC,
    campaign_id,
    failure_reason,
    get,
    journey_id,
    metric_name,
)

LOGGER = logging.getLogger(__name__)

#: Counters reported in every summary, in this order.
COUNTERS: tuple[str, ...] = ("records", "malformed", "other_application", "counted", "failures")


@dataclass(frozen=True)
class Config:
    """What the function counts and where it publishes."""

    application_id: str
    namespace: str
    per_campaign: bool = True
    per_journey: bool = True

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> Config:
        """Read the environment; raise ``ValueError`` naming a missing or invalid variable."""
        values = {}
        for name in ("APPLICATION_ID", "METRICS_NAMESPACE"):
            value = env.get(name, "").strip()
            if not value:
                raise ValueError(f"{name} must be set, got {env.get(name, '')!r}")
            values[name] = value
        flags = {}
        for name in ("PER_CAMPAIGN", "PER_JOURNEY"):
            raw = env.get(name, "true").strip().lower()
            if raw not in ("true", "false"):
                raise ValueError(f"{name} must be true or false, got {env.get(name)!r}")
            flags[name] = raw == "true"
        return cls(
            values["APPLICATION_ID"],
            values["METRICS_NAMESPACE"],
            flags["PER_CAMPAIGN"],
            flags["PER_JOURNEY"],
        )


@dataclass
class BatchMetrics:
    """The EMF documents of one batch and its counters."""

    documents: list[dict[str, Any]] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)

    def summary(self) -> dict[str, int]:
        return {name: self.counts[name] for name in COUNTERS}


def count_records(
    records: Iterable[Mapping[str, Any]], config: Config, *, timestamp_ms: int
) -> BatchMetrics:
    """Decode the Kinesis ``records`` and count this project's events into EMF documents."""
    result = BatchMetrics()
    groups: dict[tuple[str | None, str | None], Counter[str]] = {}
    failures: Counter[str] = Counter()
    for record in records:
        result.counts["records"] += 1
        sequence_number, event, problem = decode_record(record)
        if event is None or not isinstance(event.get("event_type"), str):
            result.counts["malformed"] += 1
            LOGGER.warning(
                json.dumps(
                    {
                        "skipped": "malformed",
                        "sequenceNumber": sequence_number,
                        "why": problem or "no event_type",
                    }
                )
            )
            continue
        if get(event, "application", "app_id") != config.application_id:
            result.counts["other_application"] += 1
            continue
        result.counts["counted"] += 1
        key = (
            campaign_id(event) if config.per_campaign else None,
            journey_id(event) if config.per_journey else None,
        )
        groups.setdefault(key, Counter())[metric_name(event["event_type"])] += 1
        reason = failure_reason(event)
        if reason is not None:
            result.counts["failures"] += 1
            failures[reason] += 1

    for (campaign, journey), counts in sorted(groups.items(), key=lambda item: str(item[0])):
        dimensions = {"ApplicationId": config.application_id}
        sets = [["ApplicationId"]]
        if campaign is not None:
            dimensions["CampaignId"] = campaign
            sets.append(["ApplicationId", "CampaignId"])
        if journey is not None:
            dimensions["JourneyId"] = journey
            sets.append(["ApplicationId", "JourneyId"])
        result.documents.append(_document(config, timestamp_ms, sets, dimensions, counts))
    for reason, count in sorted(failures.items()):
        result.documents.append(
            _document(
                config,
                timestamp_ms,
                [["ApplicationId", "FailureReason"]],
                {"ApplicationId": config.application_id, "FailureReason": reason},
                Counter({FAILURE_METRIC: count}),
            )
        )
    return result


def _document(
    config: Config,
    timestamp_ms: int,
    dimension_sets: list[list[str]],
    dimensions: dict[str, str],
    counts: Counter[str],
) -> dict[str, Any]:
    """One EMF document: the metadata, the dimension values and one value per metric."""
    metrics = sorted(counts)
    return {
        "_aws": {
            "Timestamp": timestamp_ms,
            "CloudWatchMetrics": [
                {
                    "Namespace": config.namespace,
                    "Dimensions": dimension_sets,
                    "Metrics": [{"Name": name, "Unit": "Count"} for name in metrics],
                }
            ],
        },
        **dimensions,
        **{name: counts[name] for name in metrics},
    }
