"""Lambda entry point: Kinesis event source (Pinpoint event stream) -> EMF lines on stdout.

Handler string: ``engagement_metrics.index.handler``. Environment: see
:mod:`engagement_metrics.logic`. Each invocation prints its EMF documents, then one JSON summary
line (the counters of :class:`logic.BatchMetrics`).
"""

from __future__ import annotations

import json
import os
import time
from typing import Any

from engagement_metrics.logic import Config, count_records


def handler(event: dict[str, Any], context: Any) -> dict[str, list[dict[str, str]]]:
    """Count one batch of Kinesis records; no record is ever reported as failed."""
    config = Config.from_env(os.environ)
    result = count_records(event.get("Records") or [], config, timestamp_ms=int(time.time() * 1000))
    # print, not logging: each EMF document must be a log event of its own, as written.
    for document in result.documents:
        print(json.dumps(document, separators=(",", ":")), flush=True)
    summary: dict[str, Any] = {"summary": "engagement_metrics", **result.summary()}
    print(json.dumps(summary, sort_keys=True), flush=True)
    return {"batchItemFailures": []}
