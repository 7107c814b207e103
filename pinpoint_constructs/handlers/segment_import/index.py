"""Lambda entry points for the imported-segment Provider.

Handler strings: ``segment_import.index.on_event`` and ``segment_import.index.is_complete``.
"""

from __future__ import annotations

import logging
import os
from typing import Any

from common.aws import pinpoint_client

from segment_import import logic

if "AWS_LAMBDA_LOG_LEVEL" not in os.environ:
    logging.getLogger().setLevel(logging.INFO)


def on_event(event: dict[str, Any], _context: Any) -> dict[str, Any]:
    """Provider ``onEvent``: start, keep or delete the segment."""
    return logic.on_event(event, pinpoint_client())


def is_complete(event: dict[str, Any], _context: Any) -> dict[str, Any]:
    """Provider ``isComplete``: poll the import job that ``on_event`` started."""
    return logic.is_complete(event, pinpoint_client())
