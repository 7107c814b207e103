"""Lambda entry point: Kinesis event source (Pinpoint event stream) -> endpoint opt-outs.

Handler string: ``event_processor.index.handler``. Environment: ``APPLICATION_ID`` (required)
and ``OPT_OUT_EVENT_TYPES`` (optional); see :mod:`event_processor.logic`. The event source
mapping must enable ``ReportBatchItemFailures``: the return value is a partial batch response.
Each invocation prints one JSON summary line (the counters of :class:`logic.BatchResult`).
"""

from __future__ import annotations

import json
import logging
import os
from typing import Any

from common.aws import client

from event_processor.logic import CLIENT_CONFIG, Config, process_records

# Lambda's root logger passes WARNING and up unless the function sets a log level
# (AWS_LAMBDA_LOG_LEVEL); without one, let this handler's INFO lines through.
if "AWS_LAMBDA_LOG_LEVEL" not in os.environ:
    logging.getLogger("event_processor").setLevel(logging.INFO)


def pinpoint_client() -> Any:
    """The container's Pinpoint client, with timeouts that fit the handler's time reserve."""
    return client("pinpoint", CLIENT_CONFIG)


def handler(event: dict[str, Any], context: Any) -> dict[str, list[dict[str, str]]]:
    """Process one batch of Kinesis records; return the sequence numbers that failed."""
    config = Config.from_env(os.environ)
    time_left = getattr(context, "get_remaining_time_in_millis", None)
    result = process_records(
        event.get("Records") or [],
        pinpoint_client(),
        config,
        time_left_ms=time_left,
    )
    summary: dict[str, Any] = {"summary": "event_processor", **result.summary()}
    print(json.dumps(summary, sort_keys=True), flush=True)
    return result.response()
