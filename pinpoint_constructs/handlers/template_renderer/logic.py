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

How sends are made: each endpoint is rendered and sent by one worker of a thread pool (one
worker per endpoint of a full batch) through the official SDK's clients (``sesv2``,
``pinpoint-sms-voice-v2``), whose connection pools hold as many connections as there are
workers (``index.send_client_config``).

Delivery is **at most once per endpoint per invocation**:

- the send clients make exactly one HTTP attempt per call (botocore
  ``retries={"total_max_attempts": 1}``; ``max_attempts`` would count *retries*), so the SDK
  never resends a request that may have reached the service; the renderer refuses send
  clients configured otherwise;
- the renderer retries only answers that prove nothing was sent: throttling errors
  (``TooManyRequestsException``, ``ThrottlingException``, HTTP 429), with bounded,
  full-jitter backoff, ``max_attempts`` attempts in all;
- a request that may have reached the service but got no answer (read timeout, connection
  closed or reset after the request was written, still in flight at the deadline) is
  reported as ``unknown`` and never resent;
- nothing starts, and no retry waits, past the deadline (the function's remaining time minus
  a safety margin); each request's read timeout is bounded by the time left (botocore's
  per-request ``read_timeout``), and endpoints whose request was never sent by then are
  reported as ``not_attempted``.

A failing endpoint is logged and reported, never raised: the invocation succeeds, so
Pinpoint does not resend the whole batch, and the summary is returned before Pinpoint's
15-second limit.
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

from botocore.exceptions import (
    BotoCoreError,
    ClientError,
    EndpointConnectionError,
    HTTPClientError,
    ParamValidationError,
    ProxyConnectionError,
    SSLError,
)
from common.aws import (
    backoff_delay,
    error_code,
    is_throttling,
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

#: Channels the renderer sends on, with the Pinpoint operation that fetches their templates.
CHANNELS = ("EMAIL", "SMS")
#: SMS message types of ``SendTextMessage``.
SMS_MESSAGE_TYPES = ("TRANSACTIONAL", "PROMOTIONAL")
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
#: Reported for an endpoint whose request may have reached the service but got no answer.
UNKNOWN = "unknown"
#: Reported for an endpoint whose request was never sent because the deadline came first.
NOT_ATTEMPTED = "not_attempted"
#: How long a failed template fetch (missing, invalid) is remembered, so a batch asks once.
FAILURE_CACHE_SECONDS = 5.0
#: At most this many templates (name, version) are kept per container.
MAX_CACHED_TEMPLATES = 128

_TAG_VALUE = re.compile(r"[^A-Za-z0-9_-]")
#: Characters that end a header line (CR, LF, and the other line breaks a mail library may
#: split on).
_LINE_BREAK = re.compile(r"[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]")
#: Characters that cannot appear inside ``List-Unsubscribe``'s ``<URL>`` (RFC 2369).
_URL_DELIMITERS = re.compile(r"[\s<>]")
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


def _header_value(name: str, header: str, value: str) -> str:
    """A rendered header value, refused (``render_error``) when it holds a line break: CR or
    LF would end the header and start another (``Bcc: ...``) from endpoint data (RFC 5322
    section 2.2: a header field is one line; folding is the sender's, not the data's)."""
    if _LINE_BREAK.search(value):
        raise _Failed(
            "render_error",
            f"template {name!r} header {header}: the rendered value contains a line break "
            f"(CR or LF), which would inject a header: {value[:200]!r}",
        )
    return value


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


def _send_failure(error: ClientError, attempts: int, max_attempts: int) -> _Failed:
    """The failure of a send the service answered with an error (its code and message).
    Only throttling proves nothing was sent and is retried (by the caller); any other error
    answer (a rejection, a server error) is reported and not resent."""
    detail = service_message(error)
    if is_throttling(error):
        if attempts < max_attempts:
            detail = f"{detail}; deadline reached before the next retry"
        return _Failed("throttled", detail, attempts)
    reason = "rejected" if error_code(error) in REJECTED_CODES else "send_failed"
    return _Failed(reason, detail, attempts)


def _transport_failure(error: BotoCoreError, attempts: int) -> _Failed:
    """The failure of a send that got no answer from the service.

    Not being able to connect (``EndpointConnectionError``, which includes the connect
    timeout, or the proxy refusing) proves the request was never written: ``send_failed``.
    Any other transport error (a read timeout, a connection closed or reset after the request
    was written, a TLS error) leaves it unknown whether the service received the request:
    :data:`UNKNOWN`, and it is never resent.
    """
    detail = f"{type(error).__name__}: {error}"
    if isinstance(error, EndpointConnectionError | ProxyConnectionError):
        return _Failed("send_failed", f"{detail} (not sent)", attempts)
    if isinstance(error, HTTPClientError | SSLError):
        return _Failed(
            UNKNOWN,
            f"{detail}; the request may have reached the service, so it is not resent",
            attempts,
        )
    return _Failed("send_failed", f"{detail} (not sent)", attempts)


class _Gate:
    """The batch's deadline gate and in-flight record, shared by its workers.

    A worker asks :meth:`begin` before each attempt; once the main thread has closed the gate
    (at the deadline) no request starts, so what the main thread reports for an unfinished
    endpoint (:data:`UNKNOWN` when a request of it was in flight, otherwise
    :data:`NOT_ATTEMPTED` or ``throttled``) cannot be overtaken by a send.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._closed = False
        self._in_flight: set[str] = set()
        self._attempts: dict[str, int] = {}

    def begin(self, endpoint_id: str) -> bool:
        """Start an attempt of ``endpoint_id``; False once the gate is closed."""
        with self._lock:
            if self._closed:
                return False
            self._in_flight.add(endpoint_id)
            self._attempts[endpoint_id] = self._attempts.get(endpoint_id, 0) + 1
            return True

    def end(self, endpoint_id: str) -> None:
        """The attempt of ``endpoint_id`` has its answer (or its error)."""
        with self._lock:
            self._in_flight.discard(endpoint_id)

    def close(self) -> tuple[frozenset[str], dict[str, int]]:
        """Let no more requests start; the endpoints in flight and the attempts so far."""
        with self._lock:
            self._closed = True
            return frozenset(self._in_flight), dict(self._attempts)


class TemplateRenderer:
    """Renders and sends per endpoint; one per container.

    ``pinpoint``, ``ses`` (``sesv2``) and ``sms`` (``pinpoint-sms-voice-v2``) are boto3
    clients (created once per container); the send clients must make one attempt per call
    (``retries={"total_max_attempts": 1}``, see ``index.send_client_config``). Each endpoint
    is rendered and sent by a worker of a pool of ``max_concurrency`` threads. ``clock`` and
    ``sleep`` (throttling backoff) are injectable for tests.
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
        self._read_timeouts: dict[str, float] = {}
        self._local = threading.local()
        for channel, send_client in (("EMAIL", ses), ("SMS", sms)):
            if send_client is not None:
                self._operations[channel] = getattr(
                    send_client, "send_email" if channel == "EMAIL" else "send_text_message"
                )
                self._bound_read_timeout(channel, send_client)
        # Templates come from ``template_source`` (see template_renderer.sources), or from
        # Pinpoint through the ``pinpoint`` client.
        self.templates = TemplateCache(
            template_source if template_source is not None else pinpoint,
            ttl=config.cache_seconds,
            clock=clock,
            attempts=config.max_attempts,
        )
        # A URL, not HTML: values are written as they are (handlebars.js noEscape), not
        # HTML-escaped (an & in a value must stay &, not become &amp;).
        self._unsubscribe = (
            parse_pinpoint(config.list_unsubscribe).without_escaping().compile(PINPOINT_HELPERS)
            if config.list_unsubscribe
            else None
        )
        self._executor = ThreadPoolExecutor(
            max_workers=config.max_concurrency, thread_name_prefix="render"
        )

    def _bound_read_timeout(self, channel: str, send_client: Any) -> None:
        """Check that ``send_client`` sends once per call, and bound each of its requests'
        read timeout by the time the invocation has left (a ``before-call`` hook that sets
        botocore's per-request ``read_timeout``; a botocore without it keeps the client's)."""
        meta = getattr(send_client, "meta", None)
        if meta is None:
            return  # a test double: nothing to configure
        retries = meta.config.retries or {}
        if retries.get("total_max_attempts") != 1:
            raise ConfigurationError(
                f"the {channel} send client must make one attempt per call "
                f'(Config(retries={{"total_max_attempts": 1}})), got retries={retries!r}: '
                "botocore would resend a request that may have reached the service"
            )
        self._read_timeouts[channel] = float(meta.config.read_timeout)
        service = meta.service_model.service_id.hyphenize()
        event = f"before-call.{service}.{SEND_OPERATIONS[channel]}"
        meta.events.register(event, self._set_read_timeout)

    def _set_read_timeout(self, context: dict[str, Any], **_kwargs: Any) -> None:
        read_timeout = getattr(self._local, "read_timeout", None)
        if read_timeout is not None:
            context["read_timeout"] = read_timeout

    def close(self) -> None:
        """Stop the worker threads."""
        self._executor.shutdown(wait=False, cancel_futures=True)

    # -- one invocation

    def deliver(
        self, invocation: Invocation, choice: TemplateChoice, deadline: float
    ) -> list[Outcome]:
        """Render and send every endpoint; one :class:`Outcome` per endpoint, in order."""
        outcomes: dict[str, Outcome] = {}
        gate = _Gate()
        futures: dict[Future[Outcome], str] = {}
        for endpoint_id, endpoint in invocation.endpoints.items():
            if isinstance(endpoint, Mapping):
                future = self._executor.submit(
                    self._one, invocation, choice, endpoint_id, endpoint, deadline, gate
                )
                futures[future] = endpoint_id
            else:
                outcomes[endpoint_id] = Outcome(
                    endpoint_id,
                    False,
                    reason="invalid_endpoint",
                    detail=f"endpoint must be an object, got {type(endpoint).__name__}",
                )
        if futures:
            wait(futures, timeout=max(0.0, deadline - self.clock()) + JOIN_GRACE_SECONDS)
        in_flight, attempts = gate.close()
        for future, endpoint_id in futures.items():
            if future.done() and not future.cancelled():
                try:
                    outcomes[endpoint_id] = future.result()
                except Exception as error:  # a bug fails one endpoint, not the invocation
                    outcomes[endpoint_id] = Outcome(
                        endpoint_id,
                        False,
                        attempts.get(endpoint_id, 0),
                        reason=UNKNOWN if endpoint_id in attempts else "internal_error",
                        detail=repr(error),
                    )
                continue
            future.cancel()
            tried = attempts.get(endpoint_id, 0)
            if endpoint_id in in_flight:
                outcome = Outcome(
                    endpoint_id,
                    False,
                    tried,
                    reason=UNKNOWN,
                    detail="no answer by the invocation's deadline; the request may have "
                    "reached the service, so it is not resent",
                )
            elif tried:
                outcome = Outcome(
                    endpoint_id,
                    False,
                    tried,
                    reason="throttled",
                    detail="throttled; deadline reached before the next retry",
                )
            else:
                outcome = Outcome(
                    endpoint_id,
                    False,
                    reason=NOT_ATTEMPTED,
                    detail="the invocation's deadline was reached before its request was sent",
                )
            outcomes[endpoint_id] = outcome
        return [outcomes[endpoint_id] for endpoint_id in invocation.endpoints]

    def _one(
        self,
        invocation: Invocation,
        choice: TemplateChoice,
        endpoint_id: str,
        endpoint: Mapping[str, Any],
        deadline: float,
        gate: _Gate,
    ) -> Outcome:
        try:
            send = self._prepare(invocation, choice, endpoint_id, endpoint, deadline)
            try:
                response, attempts = self._send(send, deadline, gate)
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
        """Choose, fetch and render the endpoint's template; its request."""
        name: str | None = None
        try:
            if deadline - self.clock() < MIN_ATTEMPT_SECONDS:
                raise _Failed(
                    NOT_ATTEMPTED,
                    "the invocation's deadline was reached before its request was sent",
                )
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
            {
                "Name": header,
                "Value": _header_value(
                    template.name,
                    header,
                    _render(template.name, f"header {header}", value, context),
                ),
            }
            for header, value in template.headers
        ]
        if self._unsubscribe is not None:
            url = _render(template.name, "List-Unsubscribe", self._unsubscribe, context).strip()
            _header_value(template.name, "List-Unsubscribe", url)
            if _URL_DELIMITERS.search(url):
                raise _Failed(
                    "render_error",
                    f"template {template.name!r} List-Unsubscribe: the rendered URL contains "
                    f"whitespace, '<' or '>', which would end the header's <URL>: {url[:200]!r}",
                )
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

    def _send(self, send: _Send, deadline: float, gate: _Gate) -> tuple[dict[str, Any], int]:
        """Send one endpoint's request: one SDK attempt per call; only throttling (an answer
        that proves nothing was sent) is retried, with full-jitter backoff, within the
        deadline. Returns the response and the number of attempts."""
        operation = self._operations[send.channel]
        client_read_timeout = self._read_timeouts.get(send.channel)
        attempts = 0
        throttled: ClientError | None = None
        while True:
            remaining = deadline - self.clock()
            if remaining < MIN_ATTEMPT_SECONDS or not gate.begin(send.endpoint_id):
                if throttled is not None:
                    raise _send_failure(throttled, attempts, self.config.max_attempts)
                raise _Failed(
                    NOT_ATTEMPTED,
                    "the invocation's deadline was reached before its request was sent",
                )
            attempts += 1
            if client_read_timeout is not None:
                self._local.read_timeout = max(
                    MIN_ATTEMPT_SECONDS, min(client_read_timeout, remaining)
                )
            try:
                return operation(**send.request), attempts
            except ClientError as error:
                if not is_throttling(error) or attempts >= self.config.max_attempts:
                    raise _send_failure(error, attempts, self.config.max_attempts) from None
                delay = backoff_delay(attempts, self.config.backoff_base, self.config.backoff_max)
                if self.clock() + delay > deadline - MIN_ATTEMPT_SECONDS:
                    raise _send_failure(error, attempts, self.config.max_attempts) from None
                throttled = error
            except ParamValidationError as error:  # refused before anything was sent
                raise _Failed("rejected", str(error), attempts - 1) from None
            except BotoCoreError as error:
                raise _transport_failure(error, attempts) from None
            finally:
                self._local.read_timeout = None
                gate.end(send.endpoint_id)
            self._sleep(delay)


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
        # Endpoints whose request may have reached the service without an answer: never
        # resent; check SES / End User Messaging events before sending them again.
        extra={"unknown": sum(1 for o in outcomes if o.reason == UNKNOWN)},
    )
