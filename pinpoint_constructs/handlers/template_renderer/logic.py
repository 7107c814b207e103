"""Render Pinpoint message templates per endpoint and send them: the template-rendering channel.

For each endpoint of a Pinpoint custom-channel invocation (up to 50, see
``common.custom_channel``), the renderer

1. chooses a template from the campaign's or journey's custom data, a JSON object such as
   ``{"template": "welcome", "channel": "EMAIL", "version": "3"}`` (:func:`parse_choice`):
   ``template`` is a Handlebars template itself, rendered with the endpoint, so
   ``"welcome-{{Attributes.Language}}"`` picks a template per language; ``channel`` (``EMAIL``
   or ``SMS``) defaults to the endpoint's ``ChannelType``; ``version`` (optional) pins a
   template version, otherwise the active version is used. Only the templates listed in the
   function's configuration may be used (its role may read no others);
2. fetches the template from Pinpoint (``GetEmailTemplate`` / ``GetSmsTemplate``) once per
   container and compiles it once (:class:`TemplateCache`); a pinned version is kept for the
   life of the container, the active version is fetched again after ``cache_seconds`` so an
   update to the template is picked up;
3. renders it as Pinpoint does: the endpoint's values over the template's default
   substitutions, with Pinpoint's helpers (the ``handlebars`` package shipped in the asset);
4. sends it: email through SES v2 ``SendEmail`` (from address, configuration set, the
   template's headers, ``List-Unsubscribe`` and ``List-Unsubscribe-Post`` when configured),
   SMS through AWS End User Messaging ``SendTextMessage`` (origination identity, configuration
   set, message type).

How sends are made (``SEND_TRANSPORT``): by default (``lean``) every endpoint of the batch is
rendered, its request validated against the botocore model and serialized (phase 1, on the
calling thread), then :class:`~template_renderer.transport.LeanTransport` signs and writes
all of them and reads the answers as they arrive (phase 2, one event loop, keep-alive
connections), so the batch takes about one request's latency plus a fraction of a
millisecond of CPU per endpoint. With ``boto3`` (the reference) each endpoint is rendered
and sent by a boto3 call in a thread pool (one worker per endpoint of a full batch); both
build the same request dicts and report the same reasons. A failing endpoint is logged and
reported, never raised: the invocation succeeds, so Pinpoint does not
resend the whole batch. Throttling is retried with bounded, full-jitter backoff; nothing
starts, and no retry waits, past the deadline (the function's remaining time minus a safety
margin), so the summary is returned before Pinpoint's 15-second limit.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError, ParamValidationError
from common.aws import (
    call_with_backoff,
    error_code,
    is_throttling_code,
    service_message,
)
from common.custom_channel import (
    MAX_ENDPOINTS_PER_INVOCATION,
    InvalidInvocation,
    Invocation,
    deadline_from_context,
    delivery_summary,
    invalid_invocation_summary,
    log_json,
    parse_invocation,
)
from handlebars import (
    PINPOINT_HELPERS,
    CompiledTemplate,
    HandlebarsError,
    HandlebarsSyntaxError,
    parse_pinpoint,
)
from handlebars.endpoint import endpoint_context, parse_default_substitutions

from template_renderer.connect import is_connect_invocation, parse_connect_invocation
from template_renderer.sources import PinpointSource, SourceError
from template_renderer.transport import LeanTransport, Request, SendResult, ServiceEndpoint

#: Channels the renderer sends on, with the Pinpoint operation that fetches their templates.
CHANNELS = ("EMAIL", "SMS")
#: SMS message types of ``SendTextMessage``.
SMS_MESSAGE_TYPES = ("TRANSACTIONAL", "PROMOTIONAL")
#: How sends are made: ``lean`` (default; :mod:`template_renderer.transport`, one thread) or
#: ``boto3`` (the reference: a boto3 call per endpoint in a thread pool).
SEND_TRANSPORTS = ("lean", "boto3")
#: The operation each channel sends with, by its botocore name.
SEND_OPERATIONS = {"EMAIL": "SendEmail", "SMS": "SendTextMessage"}
#: Service error codes that mean the request itself was refused (not worth resending).
REJECTED_CODES = frozenset({"BadRequestException", "MessageRejected", "ValidationException"})
DEFAULT_MAX_ATTEMPTS = 3
DEFAULT_CACHE_SECONDS = 60.0
#: An endpoint needs at least this much time left to be worth starting.
MIN_ATTEMPT_SECONDS = 0.05
#: How long past the deadline the main thread waits for workers that are still unwinding.
JOIN_GRACE_SECONDS = 0.25
#: How long a failed template fetch (missing, invalid) is remembered, so a batch asks once.
FAILURE_CACHE_SECONDS = 5.0
#: At most this many templates (name, version) are kept per container.
MAX_CACHED_TEMPLATES = 128

_TAG_VALUE = re.compile(r"[^A-Za-z0-9_-]")
_E164 = re.compile(r"\+[1-9][0-9]{1,14}\Z")
#: SES accepts an address with one @ and no whitespace; anything else fails before a call.
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+\Z")


class ConfigurationError(ValueError):
    """The function's environment is wrong (a deployment bug, not bad input)."""


# --------------------------------------------------------------------------- configuration


@dataclass(frozen=True)
class RendererConfig:
    """What the renderer may use and how it sends. See ``index`` for the environment."""

    #: Channel (``EMAIL``/``SMS``) -> the names of the templates the function may use.
    templates: Mapping[str, frozenset[str]]
    from_address: str | None = None
    email_configuration_set: str | None = None
    #: A Handlebars template of the unsubscribe URL (``https://`` or ``mailto:``), rendered
    #: per endpoint, for the ``List-Unsubscribe`` header.
    list_unsubscribe: str | None = None
    sms_origination_identity: str | None = None
    sms_configuration_set: str | None = None
    sms_message_type: str = "TRANSACTIONAL"
    max_attempts: int = DEFAULT_MAX_ATTEMPTS
    max_concurrency: int = MAX_ENDPOINTS_PER_INVOCATION
    cache_seconds: float = DEFAULT_CACHE_SECONDS
    #: Full-jitter backoff of throttled sends: the n-th retry waits up to ``base * 2**(n-1)``.
    backoff_base: float = 0.1
    backoff_max: float = 2.0
    #: ``lean`` or ``boto3``, see :data:`SEND_TRANSPORTS`.
    send_transport: str = "lean"
    #: SES list management: every email names this contact list (and topic), so SES adds the
    #: unsubscribe headers and skips contacts who opted out (``ListManagementOptions``).
    contact_list_name: str | None = None
    contact_list_topic: str | None = None
    #: The template (a name, or a Handlebars template of one) and channel of Amazon Connect
    #: outbound campaign custom actions (see ``template_renderer.connect``).
    connect_template: str | None = None
    connect_channel: str | None = None

    def __post_init__(self) -> None:
        unknown = sorted(set(self.templates) - set(CHANNELS))
        if unknown:
            raise ConfigurationError(f"TEMPLATES has unknown channels {unknown}")
        if not any(self.templates.values()):
            raise ConfigurationError("TEMPLATES must name at least one template")
        if self.templates.get("EMAIL") and not self.from_address:
            raise ConfigurationError("FROM_ADDRESS is required with email templates")
        if self.templates.get("SMS") and not self.sms_origination_identity:
            raise ConfigurationError("SMS_ORIGINATION_IDENTITY is required with SMS templates")
        if self.sms_message_type not in SMS_MESSAGE_TYPES:
            raise ConfigurationError(
                f"SMS_MESSAGE_TYPE must be one of {list(SMS_MESSAGE_TYPES)}, "
                f"got {self.sms_message_type!r}"
            )
        if self.send_transport not in SEND_TRANSPORTS:
            raise ConfigurationError(
                f"SEND_TRANSPORT must be one of {list(SEND_TRANSPORTS)}, "
                f"got {self.send_transport!r}"
            )
        if not 1 <= self.max_attempts <= 10:
            raise ConfigurationError(f"MAX_ATTEMPTS must be 1 to 10, got {self.max_attempts}")
        if not 1 <= self.max_concurrency <= MAX_ENDPOINTS_PER_INVOCATION:
            raise ConfigurationError(f"MAX_CONCURRENCY must be 1 to 50, got {self.max_concurrency}")
        if self.contact_list_topic and not self.contact_list_name:
            raise ConfigurationError("CONTACT_LIST_TOPIC needs CONTACT_LIST_NAME")
        if (self.connect_template is None) != (self.connect_channel is None):
            raise ConfigurationError("CONNECT_TEMPLATE and CONNECT_CHANNEL go together")
        if self.connect_channel is not None and self.connect_channel not in CHANNELS:
            raise ConfigurationError(
                f"CONNECT_CHANNEL must be one of {list(CHANNELS)}, got {self.connect_channel!r}"
            )
        if self.list_unsubscribe is not None:
            try:
                parse_pinpoint(self.list_unsubscribe)
            except HandlebarsSyntaxError as error:
                raise ConfigurationError(f"LIST_UNSUBSCRIBE: {error}") from None

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> RendererConfig:
        """Read the configuration from the function's environment variables."""
        raw = environ.get("TEMPLATES") or ""
        try:
            parsed = json.loads(raw)
        except ValueError:
            raise ConfigurationError(f"TEMPLATES must be a JSON object, got {raw!r}") from None
        if not isinstance(parsed, dict) or not all(
            isinstance(names, list) and all(isinstance(n, str) for n in names)
            for names in parsed.values()
        ):
            raise ConfigurationError(
                f"TEMPLATES must map channels to lists of template names, got {raw!r}"
            )

        def text(name: str) -> str | None:
            return (environ.get(name) or "").strip() or None

        def number(name: str, default: float) -> float:
            value = text(name)
            try:
                return default if value is None else float(value)
            except ValueError:
                raise ConfigurationError(f"{name} must be a number, got {value!r}") from None

        return cls(
            templates={channel: frozenset(names) for channel, names in parsed.items()},
            from_address=text("FROM_ADDRESS"),
            email_configuration_set=text("EMAIL_CONFIGURATION_SET"),
            list_unsubscribe=text("LIST_UNSUBSCRIBE"),
            sms_origination_identity=text("SMS_ORIGINATION_IDENTITY"),
            sms_configuration_set=text("SMS_CONFIGURATION_SET"),
            sms_message_type=text("SMS_MESSAGE_TYPE") or "TRANSACTIONAL",
            max_attempts=int(number("MAX_ATTEMPTS", DEFAULT_MAX_ATTEMPTS)),
            max_concurrency=int(number("MAX_CONCURRENCY", MAX_ENDPOINTS_PER_INVOCATION)),
            cache_seconds=number("TEMPLATE_CACHE_SECONDS", DEFAULT_CACHE_SECONDS),
            send_transport=text("SEND_TRANSPORT") or "lean",
            contact_list_name=text("CONTACT_LIST_NAME"),
            contact_list_topic=text("CONTACT_LIST_TOPIC"),
            connect_template=text("CONNECT_TEMPLATE"),
            connect_channel=text("CONNECT_CHANNEL"),
        )


# --------------------------------------------------------------------------- choice


@dataclass(frozen=True)
class TemplateChoice:
    """Which template an invocation asks for (from its custom data)."""

    name: CompiledTemplate
    channel: str | None = None
    version: str | None = None


def parse_choice(data: str | None) -> TemplateChoice:
    """Read ``{"template": "...", "channel": "EMAIL" | "SMS", "version": "..."}`` from the
    invocation's ``Data`` (the campaign's or journey activity's custom data).

    Raises :class:`InvalidInvocation` naming the offending field.
    """
    if not data:
        raise InvalidInvocation('Data must name a template: {"template": "<name>"}')
    try:
        value = json.loads(data)
    except ValueError:
        raise InvalidInvocation(f"Data must be a JSON object, got {data[:80]!r}") from None
    if not isinstance(value, dict):
        raise InvalidInvocation(f"Data must be a JSON object, got {data[:80]!r}")
    name = value.get("template")
    if not isinstance(name, str) or not name.strip():
        raise InvalidInvocation(f"Data.template must be a template name, got {name!r}")
    channel = value.get("channel")
    if channel is not None and channel not in CHANNELS:
        raise InvalidInvocation(f"Data.channel must be one of {list(CHANNELS)}, got {channel!r}")
    version = value.get("version")
    if isinstance(version, int) and not isinstance(version, bool):
        version = str(version)
    if version is not None and (not isinstance(version, str) or not version):
        raise InvalidInvocation(f"Data.version must be a version id, got {version!r}")
    try:
        compiled = parse_pinpoint(name.strip()).compile(PINPOINT_HELPERS)
    except HandlebarsSyntaxError as error:
        raise InvalidInvocation(
            f"Data.template is not a valid Handlebars template: {error}"
        ) from None
    return TemplateChoice(compiled, channel, version)


# --------------------------------------------------------------------------- templates


@dataclass(frozen=True)
class MessageTemplate:
    """A fetched template, compiled: parts (``subject``/``html``/``text`` or ``body``) and
    the email template's headers, with its default substitutions."""

    name: str
    channel: str
    version: str | None
    parts: Mapping[str, CompiledTemplate]
    headers: tuple[tuple[str, CompiledTemplate], ...]
    defaults: Mapping[str, str]


class TemplateError(Exception):
    """A template cannot be used: ``reason`` is a stable code, the message says why."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


def _compile(name: str, part: str, source: str) -> CompiledTemplate:
    try:
        return parse_pinpoint(source).compile(PINPOINT_HELPERS)
    except HandlebarsSyntaxError as error:
        raise TemplateError("template_invalid", f"template {name!r} {part}: {error}") from None


def load_template(
    source: Any, channel: str, name: str, version: str | None, *, attempts: int = 3
) -> MessageTemplate:
    """Fetch one template from ``source`` (a :class:`~template_renderer.sources.TemplateSource`,
    or a Pinpoint client, which is read as a :class:`~template_renderer.sources.PinpointSource`;
    throttling retried) and compile its parts."""
    if not hasattr(source, "fetch"):
        source = PinpointSource(source)
    try:
        raw = source.fetch(channel, name, version, attempts)
    except SourceError as error:
        raise TemplateError(error.reason, str(error)) from None
    raw_defaults = raw.defaults
    if isinstance(raw_defaults, Mapping):
        raw_defaults = json.dumps(raw_defaults)
    try:
        defaults = parse_default_substitutions(raw_defaults)
    except ValueError as error:
        raise TemplateError("template_invalid", f"template {name!r}: {error}") from None
    parts = {
        part: _compile(name, part, text)
        for part, text in raw.parts.items()
        if isinstance(text, str) and text
    }
    if channel == "EMAIL" and not ("html" in parts or "text" in parts):
        raise TemplateError("template_invalid", f"email template {name!r} has no HTML or text")
    if channel == "SMS" and "body" not in parts:
        raise TemplateError("template_invalid", f"SMS template {name!r} has no body")
    headers = tuple(
        (header, _compile(name, f"header {header}", value)) for header, value in raw.headers
    )
    return MessageTemplate(
        name=name,
        channel=channel,
        version=raw.version or version,
        parts=parts,
        headers=headers,
        defaults=defaults,
    )


@dataclass
class _Entry:
    at: float
    template: MessageTemplate | None = None
    error: TemplateError | None = None
    ready: threading.Event = field(default_factory=threading.Event)


class TemplateCache:
    """Templates fetched once per container, one fetch per template at a time.

    A pinned version never changes, so it is kept; the active version (no version given) is
    fetched again after ``ttl`` seconds. A failure is remembered for
    :data:`FAILURE_CACHE_SECONDS`, so 50 endpoints asking for a missing template cost one call.
    """

    def __init__(
        self,
        pinpoint: Any,
        *,
        ttl: float = DEFAULT_CACHE_SECONDS,
        clock: Callable[[], float] = time.monotonic,
        attempts: int = 3,
    ) -> None:
        self._pinpoint = pinpoint
        self._ttl = ttl
        self._clock = clock
        self._attempts = attempts
        self._lock = threading.Lock()
        self._entries: dict[tuple[str, str, str | None], _Entry] = {}
        self.fetches = 0

    def get(self, channel: str, name: str, version: str | None) -> MessageTemplate:
        """The template, fetched on first use (raises :class:`TemplateError`)."""
        key = (channel, name, version)
        now = self._clock()
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None and entry.ready.is_set() and self._expired(entry, version, now):
                entry = None
            owner = entry is None
            if entry is None:
                if len(self._entries) >= MAX_CACHED_TEMPLATES:
                    self._entries.clear()
                entry = self._entries[key] = _Entry(at=now)
        if owner:
            self.fetches += 1
            try:
                entry.template = load_template(
                    self._pinpoint, channel, name, version, attempts=self._attempts
                )
            except TemplateError as error:
                entry.error = error
            except Exception as error:  # reported per endpoint, never raised
                detail = f"{type(error).__name__}: {error}"
                entry.error = TemplateError("template_unavailable", detail)
            finally:
                entry.at = self._clock()
                entry.ready.set()
        else:
            entry.ready.wait()
        if entry.error is not None:
            raise entry.error
        assert entry.template is not None
        return entry.template

    def _expired(self, entry: _Entry, version: str | None, now: float) -> bool:
        if entry.error is not None:
            return now - entry.at >= FAILURE_CACHE_SECONDS
        return version is None and now - entry.at >= self._ttl


# --------------------------------------------------------------------------- delivery


@dataclass(frozen=True)
class Outcome:
    """What happened to one endpoint."""

    endpoint_id: str
    delivered: bool
    attempts: int = 0
    reason: str | None = None
    detail: str | None = None
    template: str | None = None
    message_id: str | None = None


class _Failed(Exception):
    def __init__(self, reason: str, detail: str, attempts: int = 0) -> None:
        super().__init__(detail)
        self.reason = reason
        self.detail = detail
        self.attempts = attempts
        self.template: str | None = None

    def outcome(self, endpoint_id: str) -> Outcome:
        return Outcome(endpoint_id, False, self.attempts, self.reason, self.detail, self.template)


def _tag(value: str | None) -> str:
    return _TAG_VALUE.sub("_", value or "")[:256] or "none"


def _render(name: str, part: str, template: CompiledTemplate, context: Any) -> str:
    try:
        return template.render(context)
    except HandlebarsError as error:
        raise _Failed("render_error", f"template {name!r} {part}: {error}") from None
    except RecursionError:
        raise _Failed("render_error", f"template {name!r} {part}: nesting too deep") from None


@dataclass(frozen=True)
class _Send:
    """One endpoint's rendered request, ready to send."""

    endpoint_id: str
    template: str
    channel: str
    request: dict[str, Any]


def _send_failure(
    code: str | None, status: int | None, detail: str, attempts: int, max_attempts: int
) -> _Failed:
    """The failure of a send the service answered with an error (both transports)."""
    reason = "throttled" if is_throttling_code(code, status) else "send_failed"
    if reason == "throttled" and attempts < max_attempts:
        detail = f"{detail}; deadline reached before the next retry"
    if code in REJECTED_CODES:
        reason = "rejected"
    return _Failed(reason, detail, attempts)


class TemplateRenderer:
    """Renders and sends per endpoint; one per container.

    ``pinpoint``, ``ses`` (``sesv2``) and ``sms`` (``pinpoint-sms-voice-v2``) are boto3
    clients (created once per container). With the ``lean`` transport (the default) the
    endpoints are rendered one after another and their requests sent together by a
    :class:`~template_renderer.transport.LeanTransport` built from the ``ses``/``sms``
    clients' endpoint, model, credentials and timeouts; with ``boto3`` each endpoint is
    rendered and sent by a boto3 call in a bounded thread pool (connection pools as large as
    the concurrency). ``clock`` and ``sleep`` (boto3 backoff) are injectable for tests.
    """

    def __init__(
        self,
        config: RendererConfig,
        *,
        pinpoint: Any,
        ses: Any = None,
        sms: Any = None,
        template_source: Any = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if config.templates.get("EMAIL") and ses is None:
            raise ConfigurationError("email templates need an SES (sesv2) client")
        if config.templates.get("SMS") and sms is None:
            raise ConfigurationError("SMS templates need a pinpoint-sms-voice-v2 client")
        self.config = config
        self.clock = clock
        self._sleep = sleep
        self._operations: dict[str, Callable[..., Any]] = {}
        if ses is not None:
            self._operations["EMAIL"] = ses.send_email
        if sms is not None:
            self._operations["SMS"] = sms.send_text_message
        # Templates come from ``template_source`` (see template_renderer.sources), or from
        # Pinpoint through the ``pinpoint`` client.
        self.templates = TemplateCache(
            template_source if template_source is not None else pinpoint,
            ttl=config.cache_seconds,
            clock=clock,
            attempts=config.max_attempts,
        )
        self._unsubscribe = (
            parse_pinpoint(config.list_unsubscribe).compile(PINPOINT_HELPERS)
            if config.list_unsubscribe
            else None
        )
        self._executor: ThreadPoolExecutor | None = None
        self.transport: LeanTransport | None = None
        self._endpoints: dict[str, ServiceEndpoint] = {}
        if config.send_transport == "lean":
            for channel, client in (("EMAIL", ses), ("SMS", sms)):
                if client is not None:
                    try:
                        self._endpoints[channel] = ServiceEndpoint.from_client(client)
                    except ValueError as error:
                        raise ConfigurationError(f"SEND_TRANSPORT=lean: {error}") from None
            self.transport = LeanTransport(
                max_in_flight=config.max_concurrency,
                max_attempts=config.max_attempts,
                backoff_base=config.backoff_base,
                backoff_max=config.backoff_max,
                min_attempt_seconds=MIN_ATTEMPT_SECONDS,
                clock=clock,
            )
        else:
            self._executor = ThreadPoolExecutor(
                max_workers=config.max_concurrency, thread_name_prefix="render"
            )

    def close(self) -> None:
        """Stop the worker threads / close the lean transport's connections."""
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
        if self.transport is not None:
            self.transport.close()

    # -- one invocation

    def deliver(
        self, invocation: Invocation, choice: TemplateChoice, deadline: float
    ) -> list[Outcome]:
        """Render and send every endpoint; one :class:`Outcome` per endpoint, in order."""
        outcomes: dict[str, Outcome] = {}
        valid: dict[str, Mapping[str, Any]] = {}
        for endpoint_id, endpoint in invocation.endpoints.items():
            if isinstance(endpoint, Mapping):
                valid[endpoint_id] = endpoint
            else:
                outcomes[endpoint_id] = Outcome(
                    endpoint_id,
                    False,
                    reason="invalid_endpoint",
                    detail=f"endpoint must be an object, got {type(endpoint).__name__}",
                )
        if self.transport is not None:
            outcomes.update(self._deliver_lean(invocation, choice, valid, deadline))
        else:
            outcomes.update(self._deliver_threads(invocation, choice, valid, deadline))
        return [outcomes[endpoint_id] for endpoint_id in invocation.endpoints]

    def _deliver_lean(
        self,
        invocation: Invocation,
        choice: TemplateChoice,
        endpoints: Mapping[str, Mapping[str, Any]],
        deadline: float,
    ) -> dict[str, Outcome]:
        """Phase 1: render, validate and serialize every endpoint's request; phase 2: the
        lean transport sends them all at once."""
        assert self.transport is not None
        outcomes: dict[str, Outcome] = {}
        sends: list[tuple[_Send, Request]] = []
        for endpoint_id, endpoint in endpoints.items():
            try:
                send = self._prepare(invocation, choice, endpoint_id, endpoint, deadline)
                try:
                    request = self._endpoints[send.channel].build(
                        SEND_OPERATIONS[send.channel], send.request
                    )
                except ParamValidationError as error:
                    raise _Failed("rejected", str(error)) from None
                sends.append((send, request))
            except _Failed as failure:
                outcomes[endpoint_id] = failure.outcome(endpoint_id)
            except Exception as error:  # a bug fails one endpoint, not the invocation
                outcomes[endpoint_id] = Outcome(
                    endpoint_id, False, reason="internal_error", detail=repr(error)
                )
        try:
            results = self.transport.send_all([request for _, request in sends], deadline)
        except Exception as error:  # a transport bug fails this batch's sends, nothing more
            for send, _ in sends:
                outcomes[send.endpoint_id] = Outcome(
                    send.endpoint_id, False, reason="internal_error", detail=repr(error)
                )
            return outcomes
        for (send, _), result in zip(sends, results, strict=True):
            outcomes[send.endpoint_id] = self._lean_outcome(send, result)
        return outcomes

    def _lean_outcome(self, send: _Send, result: SendResult) -> Outcome:
        if result.response is not None:
            message_id = result.response.get("MessageId")
            return Outcome(
                send.endpoint_id,
                True,
                result.attempts,
                template=send.template,
                message_id=message_id,
            )
        if result.failure is not None:
            failure = _Failed(result.failure, result.message or result.failure, result.attempts)
        else:
            detail = f"{result.code or 'Error'}: {result.message or f'HTTP {result.status}'}"
            failure = _send_failure(
                result.code, result.status, detail, result.attempts, self.config.max_attempts
            )
        failure.template = send.template
        return failure.outcome(send.endpoint_id)

    def _deliver_threads(
        self,
        invocation: Invocation,
        choice: TemplateChoice,
        endpoints: Mapping[str, Mapping[str, Any]],
        deadline: float,
    ) -> dict[str, Outcome]:
        """The boto3 transport: one worker per endpoint renders it and sends it."""
        assert self._executor is not None
        futures: dict[Future[Outcome], str] = {
            self._executor.submit(
                self._one, invocation, choice, endpoint_id, endpoint, deadline
            ): endpoint_id
            for endpoint_id, endpoint in endpoints.items()
        }
        outcomes: dict[str, Outcome] = {}
        if futures:
            wait(futures, timeout=max(0.0, deadline - self.clock()) + JOIN_GRACE_SECONDS)
        for future, endpoint_id in futures.items():
            if future.done() and not future.cancelled():
                try:
                    outcomes[endpoint_id] = future.result()
                except Exception as error:  # a bug fails one endpoint, not the invocation
                    outcomes[endpoint_id] = Outcome(
                        endpoint_id, False, reason="internal_error", detail=repr(error)
                    )
            else:
                future.cancel()
                outcomes[endpoint_id] = Outcome(
                    endpoint_id,
                    False,
                    reason="deadline_exceeded",
                    detail="still in progress when the invocation's deadline was reached",
                )
        return outcomes

    def _one(
        self,
        invocation: Invocation,
        choice: TemplateChoice,
        endpoint_id: str,
        endpoint: Mapping[str, Any],
        deadline: float,
    ) -> Outcome:
        try:
            send = self._prepare(invocation, choice, endpoint_id, endpoint, deadline)
            try:
                response, attempts = self._call(
                    self._operations[send.channel], send.request, deadline
                )
            except _Failed as failure:
                failure.template = send.template
                raise
            return Outcome(
                endpoint_id,
                True,
                attempts,
                template=send.template,
                message_id=response.get("MessageId"),
            )
        except _Failed as failure:
            return failure.outcome(endpoint_id)

    def _prepare(
        self,
        invocation: Invocation,
        choice: TemplateChoice,
        endpoint_id: str,
        endpoint: Mapping[str, Any],
        deadline: float,
    ) -> _Send:
        """Choose, fetch and render the endpoint's template; its request (both transports)."""
        name: str | None = None
        try:
            if deadline - self.clock() < MIN_ATTEMPT_SECONDS:
                raise _Failed("deadline_exceeded", "no time left to start")
            channel = choice.channel or str(endpoint.get("ChannelType") or "")
            if channel not in CHANNELS:
                raise _Failed(
                    "unsupported_channel",
                    f"endpoint ChannelType {endpoint.get('ChannelType')!r} is neither EMAIL nor "
                    'SMS and Data names no "channel"',
                )
            name = _render("name", "Data.template", choice.name, endpoint).strip()
            if name not in self.config.templates.get(channel, frozenset()):
                allowed = sorted(self.config.templates.get(channel, ()))
                raise _Failed(
                    "template_not_allowed",
                    f"{channel} template {name!r} is not one this channel may use ({allowed})",
                )
            try:
                template = self.templates.get(channel, name, choice.version)
            except TemplateError as error:
                raise _Failed(error.reason, str(error)) from None
            context = endpoint_context(endpoint, template.defaults)
            address = endpoint.get("Address")
            if channel == "EMAIL":
                request = self._email_request(invocation, template, context, address)
            else:
                request = self._sms_request(template, context, address)
            return _Send(endpoint_id, template.name, channel, request)
        except _Failed as failure:
            failure.template = name
            raise

    def _email_request(
        self, invocation: Invocation, template: MessageTemplate, context: Any, address: Any
    ) -> dict[str, Any]:
        if not isinstance(address, str) or not _EMAIL.match(address):
            raise _Failed("invalid_address", f"not an email address: {address!r}")
        rendered = {
            part: _render(template.name, part, compiled, context)
            for part, compiled in template.parts.items()
        }
        body: dict[str, Any] = {}
        if "html" in rendered:
            body["Html"] = {"Data": rendered["html"], "Charset": "UTF-8"}
        if "text" in rendered:
            body["Text"] = {"Data": rendered["text"], "Charset": "UTF-8"}
        headers = [
            {"Name": header, "Value": _render(template.name, f"header {header}", value, context)}
            for header, value in template.headers
        ]
        if self._unsubscribe is not None:
            url = _render(template.name, "List-Unsubscribe", self._unsubscribe, context).strip()
            headers.append({"Name": "List-Unsubscribe", "Value": f"<{url}>"})
            if url.startswith("https://"):
                # RFC 8058 one-click unsubscribe (what Gmail and Yahoo ask of bulk senders).
                headers.append(
                    {"Name": "List-Unsubscribe-Post", "Value": "List-Unsubscribe=One-Click"}
                )
        simple: dict[str, Any] = {
            "Subject": {"Data": rendered.get("subject", ""), "Charset": "UTF-8"},
            "Body": body,
        }
        if headers:
            simple["Headers"] = headers
        tags = [{"Name": "pinpoint_template", "Value": _tag(template.name)}]
        if invocation.application_id:
            tags.insert(
                0, {"Name": "pinpoint_application_id", "Value": _tag(invocation.application_id)}
            )
        if invocation.campaign_id:
            tags.append({"Name": "pinpoint_campaign_id", "Value": _tag(invocation.campaign_id)})
        if invocation.journey_id:
            tags.append({"Name": "pinpoint_journey_id", "Value": _tag(invocation.journey_id)})
        request: dict[str, Any] = {
            "FromEmailAddress": self.config.from_address,
            "Destination": {"ToAddresses": [address]},
            "Content": {"Simple": simple},
            "EmailTags": tags,
        }
        if self.config.email_configuration_set:
            request["ConfigurationSetName"] = self.config.email_configuration_set
        if self.config.contact_list_name:
            options = {"ContactListName": self.config.contact_list_name}
            if self.config.contact_list_topic:
                options["TopicName"] = self.config.contact_list_topic
            request["ListManagementOptions"] = options
        return request

    def _sms_request(self, template: MessageTemplate, context: Any, address: Any) -> dict[str, Any]:
        if not isinstance(address, str) or not _E164.match(address):
            raise _Failed("invalid_address", f"not an E.164 phone number: {address!r}")
        text = _render(template.name, "body", template.parts["body"], context)
        request: dict[str, Any] = {
            "DestinationPhoneNumber": address,
            "OriginationIdentity": self.config.sms_origination_identity,
            "MessageBody": text,
            "MessageType": self.config.sms_message_type,
        }
        if self.config.sms_configuration_set:
            request["ConfigurationSetName"] = self.config.sms_configuration_set
        return request

    def _call(
        self, operation: Callable[..., Any], request: dict[str, Any], deadline: float
    ) -> tuple[dict[str, Any], int]:
        """One send, throttling retried with full-jitter backoff within the deadline."""
        attempts = 0

        def attempt() -> Any:
            nonlocal attempts
            attempts += 1
            return operation(**request)

        try:
            response = call_with_backoff(
                attempt,
                attempts=self.config.max_attempts,
                base_delay=self.config.backoff_base,
                max_delay=self.config.backoff_max,
                sleep=self._sleep,
                give_up=lambda delay: self.clock() + delay > deadline - MIN_ATTEMPT_SECONDS,
            )
        except ClientError as error:
            status = error.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
            raise _send_failure(
                error_code(error),
                status,
                service_message(error),
                attempts,
                self.config.max_attempts,
            ) from None
        except ParamValidationError as error:
            raise _Failed("rejected", str(error), attempts) from None
        except BotoCoreError as error:
            raise _Failed("send_failed", f"{type(error).__name__}: {error}", attempts) from None
        return response, attempts


# --------------------------------------------------------------------------- entry


def handle(
    event: Any,
    context: Any,
    renderer: TemplateRenderer,
    *,
    log: Callable[[Mapping[str, Any]], None] = log_json,
) -> dict[str, Any]:
    """Render and send one invocation; return a summary (Pinpoint ignores it; logs and tests
    use it). Never raises for bad input or a failing endpoint.

    Returns ``{"status": "ok" | "partial" | "failed" | "invalid_invocation", "delivered":
    [...], "failed": {endpoint_id: {"reason", "detail", "attempts", "template"}},
    "durationMs": ...}``.
    """
    clock = renderer.clock
    started = clock()
    deadline = deadline_from_context(context, clock)
    try:
        if is_connect_invocation(event):
            config = renderer.config
            if config.connect_template is None or config.connect_channel is None:
                raise InvalidInvocation(
                    "an Amazon Connect campaign invocation needs CONNECT_TEMPLATE and "
                    "CONNECT_CHANNEL in the function's environment"
                )
            invocation = parse_connect_invocation(event, config.connect_channel)
            choice = parse_choice(
                json.dumps({"template": config.connect_template, "channel": config.connect_channel})
            )
        else:
            invocation = parse_invocation(event)
            choice = parse_choice(invocation.data)
    except InvalidInvocation as error:
        return invalid_invocation_summary(error, clock=clock, started=started, log=log)
    outcomes = renderer.deliver(invocation, choice, deadline)
    ids = {k: v for k, v in invocation.ids().items() if v is not None}
    for outcome in outcomes:
        record: dict[str, Any] = {
            **ids,
            "endpointId": outcome.endpoint_id,
            "template": outcome.template,
            "attempts": outcome.attempts,
        }
        if outcome.delivered:
            log({"level": "INFO", "message": "sent", **record, "messageId": outcome.message_id})
        else:
            log(
                {
                    "level": "ERROR",
                    "message": "not sent",
                    **record,
                    "reason": outcome.reason,
                    "detail": outcome.detail,
                }
            )
    return delivery_summary(
        outcomes,
        lambda o: {
            "reason": o.reason,
            "detail": o.detail,
            "attempts": o.attempts,
            "template": o.template,
        },
        message="template renderer summary",
        ids=ids,
        clock=clock,
        started=started,
        log=log,
    )
