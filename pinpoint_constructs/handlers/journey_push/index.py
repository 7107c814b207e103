"""Lambda entry of the journey push custom action: wires the environment and clients into
:mod:`journey_push.logic`.

Handler string: ``journey_push.index.handler``; the asset ships ``handlebars`` beside it.

Environment variables (all required): ``KNOWLEDGE_BASE_ID``, ``MESSAGE_TEMPLATE_ID`` (the
template id with its version, ``<id>:<version>``), ``PROFILES_DOMAIN``,
``DEVICE_OBJECT_TYPE``, ``PINPOINT_APPLICATION_ID``.
"""

from __future__ import annotations

import os
from typing import Any

import boto3
from botocore.config import Config as BotoConfig

from journey_push.logic import Config, handle

#: Reads retry adaptively; the send makes one attempt per call (never resent).
_READ = BotoConfig(retries={"mode": "adaptive", "total_max_attempts": 3})
_SEND = BotoConfig(retries={"mode": "standard", "total_max_attempts": 1})
_CLIENTS: dict[str, Any] = {}


def _client(name: str, config: BotoConfig) -> Any:
    if name not in _CLIENTS:
        _CLIENTS[name] = boto3.client(name, config=config)
    return _CLIENTS[name]


def handler(event: Any, context: Any) -> dict[str, Any]:
    config = Config(
        knowledge_base_id=os.environ["KNOWLEDGE_BASE_ID"],
        message_template_id=os.environ["MESSAGE_TEMPLATE_ID"],
        domain_name=os.environ["PROFILES_DOMAIN"],
        device_object_type=os.environ["DEVICE_OBJECT_TYPE"],
        application_id=os.environ["PINPOINT_APPLICATION_ID"],
    )
    return handle(
        event,
        qconnect=_client("qconnect", _READ),
        profiles=_client("customer-profiles", _READ),
        pinpoint=_client("pinpoint", _SEND),
        config=config,
    )
