"""Lambda entry point of the Amazon Q in Connect message-template custom resource.

Handler string: ``qconnect_templates.index.on_event``.
"""

from __future__ import annotations

import logging
import os
from typing import Any

from common.aws import client

from qconnect_templates import logic

if "AWS_LAMBDA_LOG_LEVEL" not in os.environ:
    logging.getLogger().setLevel(logging.INFO)


def on_event(event: dict[str, Any], _context: Any) -> dict[str, Any]:
    """Provider ``onEvent``: create, update or delete a push or WhatsApp template."""
    return logic.on_event(event, logic.QConnect(client("qconnect")))
