"""Lambda entry of the template-rendering channel: wires the environment and clients into the
logic.

Handler string: ``template_renderer.index.handler``. The asset ships the ``handlebars``
package (``pinpoint_constructs/handlebars``) beside ``common`` and this package.

Environment variables
---------------------
``TEMPLATES`` (required)
    JSON object of the templates the function may use, by channel:
    ``{"EMAIL": ["welcome", ...], "SMS": ["offer-sms"]}``. Its role may read exactly these.
``FROM_ADDRESS`` (required with email templates)
    The sender, e.g. ``Example <news@example.com>``, on an identity the role may send from.
``EMAIL_CONFIGURATION_SET`` (optional)
    The SES configuration set of every email.
``LIST_UNSUBSCRIBE`` (optional)
    A Handlebars template of the unsubscribe URL (``https://...`` or ``mailto:...``),
    rendered per endpoint; sent as ``List-Unsubscribe`` (plus ``List-Unsubscribe-Post`` for
    an https URL).
``SMS_ORIGINATION_IDENTITY`` (required with SMS templates)
    Phone number, sender ID or pool (ID or ARN) that sends the SMS.
``SMS_CONFIGURATION_SET`` (optional) / ``SMS_MESSAGE_TYPE`` (default ``TRANSACTIONAL``)
``MAX_ATTEMPTS`` (default 3) / ``MAX_CONCURRENCY`` (default 50) /
``TEMPLATE_CACHE_SECONDS`` (default 60)
    Attempts per throttled send (throttling is the only answer that is retried); endpoints
    in flight at once (worker threads, and connections in each send client's pool); how long
    the active version of a template is cached (a pinned version is cached for the life of
    the container).
``TEMPLATE_SOURCE`` (default ``pinpoint``) / ``QCONNECT_KNOWLEDGE_BASE_ID`` / ``TEMPLATE_FILES_DIR``
    Where templates come from: ``pinpoint``, ``ses``, ``qconnect`` or ``files``
    (:mod:`template_renderer.sources`).
``CONTACT_LIST_NAME`` / ``CONTACT_LIST_TOPIC`` (optional)
    SES list management of every email (``ListManagementOptions``).
``CONNECT_TEMPLATE`` / ``CONNECT_CHANNEL`` (optional, together)
    The template and channel of Amazon Connect outbound campaign custom actions
    (:mod:`template_renderer.connect`).

Misconfiguration raises :class:`~template_renderer.logic.ConfigurationError` (the invocation
fails visibly in the function's Errors metric); a malformed event never raises.
"""

from __future__ import annotations

import os
from typing import Any

from botocore.config import Config
from common.aws import client
from common.custom_channel import MAX_ENDPOINTS_PER_INVOCATION

from template_renderer.logic import ConfigurationError, RendererConfig, TemplateRenderer, handle
from template_renderer.sources import ConfigurationProblem, source_from_env

#: Send clients' timeouts: a connection to SES or End User Messaging takes milliseconds; the
#: read timeout is further bounded, per request, by the time the invocation has left.
SEND_CONNECT_TIMEOUT_SECONDS = 2
SEND_READ_TIMEOUT_SECONDS = 5

#: The Pinpoint client that fetches templates (reads, safe to retry): a few attempts, short
#: timeouts, so a slow GetTemplate cannot hold a worker much past the invocation's deadline.
TEMPLATE_CLIENT_CONFIG = Config(
    retries={"mode": "standard", "total_max_attempts": 3},
    connect_timeout=2,
    read_timeout=3,
)


def send_client_config(max_concurrency: int = MAX_ENDPOINTS_PER_INVOCATION) -> Config:
    """botocore settings of the SES v2 and SMS v2 send clients.

    ``total_max_attempts: 1``: one HTTP attempt per call, so the SDK never resends a request
    that may have reached the service (botocore's ``max_attempts`` counts *retries*:
    ``max_attempts: 1`` means two attempts); the renderer retries throttling itself. The
    connection pool holds one connection per worker (``max_concurrency``), so a full batch
    never waits for, or discards, a connection.
    """
    return Config(
        retries={"mode": "standard", "total_max_attempts": 1},
        max_pool_connections=max_concurrency,
        connect_timeout=SEND_CONNECT_TIMEOUT_SECONDS,
        read_timeout=SEND_READ_TIMEOUT_SECONDS,
    )


_renderer: TemplateRenderer | None = None


def _container_renderer() -> TemplateRenderer:
    """The container's renderer, built on first use."""
    global _renderer
    if _renderer is None:
        config = RendererConfig.from_env(os.environ)
        send_config = send_client_config(config.max_concurrency)
        source_kind = (os.environ.get("TEMPLATE_SOURCE") or "pinpoint").strip()
        try:
            source = source_from_env(
                os.environ,
                {
                    "pinpoint": (
                        client("pinpoint", TEMPLATE_CLIENT_CONFIG)
                        if source_kind == "pinpoint"
                        else None
                    ),
                    "sesv2": (
                        client("sesv2", TEMPLATE_CLIENT_CONFIG) if source_kind == "ses" else None
                    ),
                    "qconnect": (
                        client("qconnect", TEMPLATE_CLIENT_CONFIG)
                        if source_kind == "qconnect"
                        else None
                    ),
                },
            )
        except ConfigurationProblem as error:
            raise ConfigurationError(str(error)) from None
        _renderer = TemplateRenderer(
            config,
            pinpoint=None,
            template_source=source,
            ses=client("sesv2", send_config) if config.templates.get("EMAIL") else None,
            sms=(
                client("pinpoint-sms-voice-v2", send_config)
                if config.templates.get("SMS")
                else None
            ),
        )
    return _renderer


def reset() -> None:
    """Drop the cached renderer and templates (tests; a new container does the same)."""
    global _renderer
    if _renderer is not None:
        _renderer.close()
    _renderer = None


def handler(event: Any, context: Any) -> dict[str, Any]:
    """Entry point of Pinpoint custom-channel and Amazon Connect custom-action invocations."""
    return handle(event, context, _container_renderer())
