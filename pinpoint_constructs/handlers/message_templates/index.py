"""Lambda entry point of the message-template custom resources.

Handler string: ``message_templates.index.on_event``.
"""

from __future__ import annotations

import logging
import os
from typing import Any

from common.aws import pinpoint_client

from message_templates import logic

if "AWS_LAMBDA_LOG_LEVEL" not in os.environ:
    logging.getLogger().setLevel(logging.INFO)


def on_event(event: dict[str, Any], _context: Any) -> dict[str, Any]:
    """Provider ``onEvent``: create, update or delete a voice template, a recommender
    configuration or a template's recommender."""
    return logic.on_event(event, pinpoint_client())
