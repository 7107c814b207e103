"""Lambda entry of the webhook forwarder: wires the environment and Secrets Manager into the logic.

Handler string: ``webhook_forwarder.index.handler``.

Environment variables
---------------------
``WEBHOOK_URL`` (required)
    The receiver, an ``https://`` URL. One JSON POST is sent to it per endpoint.
``ALLOW_HTTP`` (default ``false``)
    ``true`` allows a plain ``http://`` WEBHOOK_URL. Only for local tests; never in production.
``AUTH_HEADER_NAME`` / ``AUTH_SECRET_ARN`` (optional, set both or neither)
    The name of the header that authenticates requests (e.g. ``Authorization``) and the ARN of the
    Secrets Manager secret whose ``SecretString`` is that header's value (e.g. ``Bearer ...``).
    The value is cached per container and read again after five minutes, or at once (at most
    every ten seconds) when the receiver answers 401 or 403, so a rotated secret takes effect
    without a new container; it is never taken from an environment variable. The function's
    role needs ``secretsmanager:GetSecretValue`` on that secret (and ``kms:Decrypt`` on its key
    when it is customer-managed).
``MAX_CONCURRENCY`` (default 50, 1-50)
    Requests in flight at once per container (Pinpoint sends at most 50 endpoints per call).
``REQUEST_TIMEOUT_SECONDS`` (default 4)
    Socket timeout of one request (connect, send, each read), further capped by the deadline.
``MAX_ATTEMPTS`` (default 3, 1-10)
    Attempts per endpoint; 429, 5xx, timeouts and connection errors are retried with full-jitter
    backoff, honouring ``Retry-After`` up to 5 seconds.

Misconfiguration raises :class:`~webhook_forwarder.logic.ConfigurationError` (the invocation fails
visibly in the function's Errors metric); a malformed event never raises, it is logged and
returned as ``{"status": "invalid_invocation", ...}``. See ``logic`` for the recommended timeout
and memory.
"""

from __future__ import annotations

import os
from typing import Any

from common.aws import client

from webhook_forwarder.logic import (
    ForwarderConfig,
    WebhookForwarder,
    handle,
    load_auth_header_value,
)

_forwarder: WebhookForwarder | None = None


def _container_forwarder() -> WebhookForwarder:
    """The container's forwarder, built on first use (config read, secret fetched; the
    forwarder reads the secret again when it is old or rejected)."""
    global _forwarder
    if _forwarder is None:
        config = ForwarderConfig.from_env(os.environ)
        auth_value = None
        load = None
        if config.auth_secret_arn:
            arn = config.auth_secret_arn

            def load() -> str:
                return load_auth_header_value(client("secretsmanager"), arn)

            auth_value = load()
        _forwarder = WebhookForwarder(config, auth_header_value=auth_value, load_auth_header=load)
    return _forwarder


def reset() -> None:
    """Drop the cached forwarder and secret value (tests; a new container does the same)."""
    global _forwarder
    if _forwarder is not None:
        _forwarder.close()
    _forwarder = None


def handler(event: Any, context: Any) -> dict[str, Any]:
    """Pinpoint custom-channel entry point."""
    return handle(event, context, _container_forwarder())
