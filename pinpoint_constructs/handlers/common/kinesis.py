"""Decoding the records of a Lambda Kinesis event (Pinpoint's event stream)."""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Mapping
from typing import Any


def decode_record(record: Mapping[str, Any]) -> tuple[str | None, dict[str, Any] | None, str]:
    """Return (sequence number, event, problem) for one Kinesis record of the Lambda event:
    the event is the base64 JSON object in ``kinesis.data``; on failure it is ``None`` and
    ``problem`` says why."""
    kinesis = record.get("kinesis") if isinstance(record, Mapping) else None
    if not isinstance(kinesis, Mapping):
        return None, None, "no kinesis object"
    sequence_number = kinesis.get("sequenceNumber")
    if not isinstance(sequence_number, str) or not sequence_number:
        return None, None, "no kinesis.sequenceNumber"
    data = kinesis.get("data")
    if not isinstance(data, str):
        return sequence_number, None, "no kinesis.data"
    try:
        event = json.loads(base64.b64decode(data, validate=True))
    except (binascii.Error, ValueError, RecursionError) as error:
        # RecursionError: JSON nested deeper than the interpreter's recursion limit, which
        # another producer on the stream could write; it is one malformed record, not a
        # reason to fail the batch.
        return sequence_number, None, f"{type(error).__name__}: {str(error)[:200]}"
    if not isinstance(event, dict):
        return sequence_number, None, "not a JSON object"
    return sequence_number, event, ""
