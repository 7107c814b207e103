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
    Attempts per throttled call; endpoints in flight at once; how long the active version of
    a template is cached (a pinned version is cached for the life of the container).
``TEMPLATE_SOURCE`` (default ``pinpoint``) / ``QCONNECT_KNOWLEDGE_BASE_ID`` / ``TEMPLATE_FILES_DIR``
    Where templates come from: ``pinpoint``, ``ses``, ``qconnect`` or ``files``
    (:mod:`template_renderer.sources`).
``CONTACT_LIST_NAME`` / ``CONTACT_LIST_TOPIC`` (optional)
    SES list management of every email (``ListManagementOptions``).
``CONNECT_TEMPLATE`` / ``CONNECT_CHANNEL`` (optional, together)
    The template and channel of Amazon Connect outbound campaign custom actions
    (:mod:`template_renderer.connect`).
``SEND_TRANSPORT`` (default ``lean``)
    ``lean``: the batch is rendered, then sent on one thread by
    :mod:`template_renderer.transport` (keep-alive HTTPS, SigV4, the SES/SMS clients' URL,
    credentials, model and timeouts); ``boto3``: one boto3 call per endpoint in a thread
    pool (the reference transport).

Misconfiguration raises :class:`~template_renderer.logic.ConfigurationError` (the invocation
fails visibly in the function's Errors metric); a malformed event never raises.
"""

from __future__ import annotations

import os
from typing import Any

from botocore.config import Config
from common.aws import client, pinpoint_client

from template_renderer.logic import ConfigurationError, RendererConfig, TemplateRenderer, handle
from template_renderer.sources import ConfigurationProblem, source_from_env

#: Send clients: a connection per concurrent endpoint, no botocore retries (the logic retries
#: throttling itself, within the deadline), short timeouts (the whole batch has 11 s). The
#: lean transport takes its endpoint, credentials and timeouts from the same clients.
SEND_CLIENT_CONFIG = Config(
    retries={"mode": "standard", "max_attempts": 1},
    max_pool_connections=50,
    connect_timeout=2,
    read_timeout=5,
)

_renderer: TemplateRenderer | None = None


def _container_renderer() -> TemplateRenderer:
    """The container's renderer, built on first use."""
    global _renderer
    if _renderer is None:
        config = RendererConfig.from_env(os.environ)
        source_kind = (os.environ.get("TEMPLATE_SOURCE") or "pinpoint").strip()
        try:
            source = source_from_env(
                os.environ,
                {
                    "pinpoint": pinpoint_client() if source_kind == "pinpoint" else None,
                    "sesv2": client("sesv2") if source_kind == "ses" else None,
                    "qconnect": client("qconnect") if source_kind == "qconnect" else None,
                },
            )
        except ConfigurationProblem as error:
            raise ConfigurationError(str(error)) from None
        _renderer = TemplateRenderer(
            config,
            pinpoint=pinpoint_client() if source_kind == "pinpoint" else None,
            template_source=source,
            ses=client("sesv2", SEND_CLIENT_CONFIG) if config.templates.get("EMAIL") else None,
            sms=(
                client("pinpoint-sms-voice-v2", SEND_CLIENT_CONFIG)
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
