"""Forward a Pinpoint custom-channel invocation to an HTTPS webhook, one POST per endpoint.

Pinpoint calls the custom-channel function with a payload like::

    {"Message": {}, "Data": "<CustomMessage.Data string>", "ApplicationId": "...",
     "CampaignId": "..." | "JourneyId": "...", "TreatmentId": "0", "ActivityId": "...",
     "ScheduledTime": "2020-04-08T19:00:16.843Z",
     "Endpoints": {"<endpoint id>": {"ChannelType": "EMAIL", "Address": "...", ...}, ...}}

with up to 50 endpoints per invocation (Pinpoint invokes the function repeatedly for larger
segments). This module turns each endpoint into one JSON POST (:func:`build_payload`), sends them
concurrently over keep-alive connections with retries (:class:`WebhookForwarder`), and stops
before the function's own timeout (:func:`deadline_from_context`).

Recommended function settings
-----------------------------
Pinpoint's custom-channel pages document the payload (at most 50 endpoints per invocation) but no
time limit. The only limit Pinpoint documents for a Lambda function it calls is on the campaign
hook page ("Customize segments with AWS Lambda"): delivery fails when the function takes longer
than **15 seconds**, and when the function needs more than 3 invocation attempts. We hold the
forwarder to that bound:

* timeout :data:`RECOMMENDED_TIMEOUT_SECONDS` (12 s): the 15 s Pinpoint allows, minus room for a
  cold start and the invoke round trip. The forwarder itself stops at the remaining time minus a
  safety margin (about 1 s), so it returns a summary instead of being killed.
* per-request timeout 4 s and 3 attempts by default: a slow receiver gets at most three tries
  inside the 11 s budget; whatever does not fit is reported as failed, never left hanging.
* memory :data:`RECOMMENDED_MEMORY_MB` (256 MB): the work is I/O-bound (50 small JSON bodies);
  boto3 plus 50 worker threads stay well under 128 MB, and 256 MB buys enough CPU share for the
  TLS handshakes of a cold container. Warm containers reuse their connections.
* concurrency: up to 50 requests in flight (one per endpoint of a full batch), so a batch takes
  about one request's latency instead of fifty.

Idempotency: each request carries an ``Idempotency-Key`` header derived from the application,
campaign/journey, activity, treatment, scheduled time and endpoint id. Retries inside one
invocation and re-invocations by Pinpoint (up to 3 attempts) reuse the same key, so a receiver
that honours the key does not send twice.
"""

from __future__ import annotations

import contextlib
import hashlib
import http.client
import json
import random
import socket
import ssl
import string
import threading
import time
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlsplit

from common.aws import call_with_backoff
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
from common.custom_channel import (
    RECOMMENDED_TIMEOUT_SECONDS as RECOMMENDED_TIMEOUT_SECONDS,
)

#: Function memory this handler is designed for (see the module docstring).
RECOMMENDED_MEMORY_MB = 256

#: Header that carries the idempotency key on every request.
IDEMPOTENCY_HEADER = "Idempotency-Key"
USER_AGENT = "pinpoint-constructs-webhook-forwarder/1"

DEFAULT_MAX_CONCURRENCY = MAX_ENDPOINTS_PER_INVOCATION
DEFAULT_REQUEST_TIMEOUT_SECONDS = 4.0
DEFAULT_MAX_ATTEMPTS = 3
#: An attempt needs at least this much time left to be worth starting.
MIN_ATTEMPT_SECONDS = 0.05
#: How long past the deadline the main thread waits for workers that are still unwinding.
JOIN_GRACE_SECONDS = 0.25
#: Response bodies are read up to this size (to keep the connection reusable), then dropped.
MAX_RESPONSE_BYTES = 64 * 1024

RETRYABLE_STATUS_MIN = 500


class ConfigurationError(ValueError):
    """The function's environment is wrong (a deployment bug, not bad input)."""


def idempotency_key(invocation: Invocation, endpoint_id: str) -> str:
    """A stable key for one message to one endpoint.

    The same invocation (retried by Pinpoint or by us) yields the same key for the same endpoint;
    a different campaign run, journey activity, treatment or schedule yields a different one.
    """
    material = json.dumps(
        [
            invocation.application_id,
            invocation.campaign_id,
            invocation.journey_id,
            invocation.activity_id,
            invocation.treatment_id,
            invocation.scheduled_time,
            endpoint_id,
        ],
        separators=(",", ":"),
    )
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


def build_payload(invocation: Invocation, endpoint_id: str, endpoint: Mapping[str, Any]) -> dict:
    """The JSON body POSTed for one endpoint."""
    raw_user = endpoint.get("User")
    user: Mapping[str, Any] = raw_user if isinstance(raw_user, Mapping) else {}
    return {
        **invocation.ids(),
        "idempotencyKey": idempotency_key(invocation, endpoint_id),
        "endpointId": endpoint_id,
        "address": endpoint.get("Address"),
        "channelType": endpoint.get("ChannelType"),
        "endpointStatus": endpoint.get("EndpointStatus"),
        "optOut": endpoint.get("OptOut"),
        "endpointAttributes": endpoint.get("Attributes") or {},
        "user": {
            "userId": user.get("UserId"),
            "userAttributes": user.get("UserAttributes") or {},
        },
        "data": invocation.data,
        "message": dict(invocation.message),
    }


# --------------------------------------------------------------------------- configuration


def _truthy(value: str | None) -> bool:
    return (value or "").strip().lower() in {"true", "1", "yes"}


def validate_webhook_url(url: str, *, allow_http: bool) -> None:
    """Raise :class:`ConfigurationError` unless ``url`` is an https:// URL with a host.

    ``http://`` is accepted only with ``allow_http`` (local testing). Credentials in the URL are
    rejected: the auth header comes from Secrets Manager.
    """
    parts = urlsplit(url)
    if parts.scheme == "http" and not allow_http:
        raise ConfigurationError(
            f"WEBHOOK_URL must start with https:// (set ALLOW_HTTP=true to allow http://), "
            f"got {url!r}"
        )
    if parts.scheme not in {"https", "http"}:
        raise ConfigurationError(f"WEBHOOK_URL must start with https://, got {url!r}")
    if not parts.hostname:
        raise ConfigurationError(f"WEBHOOK_URL must name a host, got {url!r}")
    if parts.username or parts.password:
        raise ConfigurationError(
            "WEBHOOK_URL must not contain credentials; use AUTH_SECRET_ARN and AUTH_HEADER_NAME"
        )
    try:
        _ = parts.port
    except ValueError as error:
        raise ConfigurationError(f"WEBHOOK_URL has an invalid port, got {url!r}") from error


def _int_env(environ: Mapping[str, str], name: str, default: int, low: int, high: int) -> int:
    raw = environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        value = low - 1
    if not low <= value <= high:
        raise ConfigurationError(f"{name} must be an integer between {low} and {high}, got {raw!r}")
    return value


def _float_env(
    environ: Mapping[str, str], name: str, default: float, low: float, high: float
) -> float:
    raw = environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = float(raw)
    except ValueError:
        value = low - 1
    if not low < value <= high:
        raise ConfigurationError(f"{name} must be a number in ({low}, {high}], got {raw!r}")
    return value


@dataclass(frozen=True)
class ForwarderConfig:
    """How to reach the webhook and how hard to try. See ``index`` for the environment variables."""

    url: str
    allow_http: bool = False
    auth_header_name: str | None = None
    auth_secret_arn: str | None = None
    max_concurrency: int = DEFAULT_MAX_CONCURRENCY
    request_timeout: float = DEFAULT_REQUEST_TIMEOUT_SECONDS
    max_attempts: int = DEFAULT_MAX_ATTEMPTS
    #: Full-jitter exponential backoff: the n-th retry waits up to ``base * 2**(n-1)`` seconds.
    backoff_base: float = 0.1
    backoff_max: float = 2.0
    #: A ``Retry-After`` longer than this (seconds) is not waited for: the endpoint fails.
    max_retry_after: float = 5.0

    def __post_init__(self) -> None:
        validate_webhook_url(self.url, allow_http=self.allow_http)
        if bool(self.auth_header_name) != bool(self.auth_secret_arn):
            raise ConfigurationError(
                "AUTH_HEADER_NAME and AUTH_SECRET_ARN must be set together, got "
                f"AUTH_HEADER_NAME={self.auth_header_name!r}, "
                f"AUTH_SECRET_ARN={self.auth_secret_arn!r}"
            )
        if self.auth_header_name and not _is_header_token(self.auth_header_name):
            raise ConfigurationError(
                f"AUTH_HEADER_NAME must be a valid HTTP header name, got {self.auth_header_name!r}"
            )

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> ForwarderConfig:
        """Read the configuration from the function's environment variables."""
        url = (environ.get("WEBHOOK_URL") or "").strip()
        if not url:
            raise ConfigurationError("WEBHOOK_URL is required")
        return cls(
            url=url,
            allow_http=_truthy(environ.get("ALLOW_HTTP")),
            auth_header_name=(environ.get("AUTH_HEADER_NAME") or "").strip() or None,
            auth_secret_arn=(environ.get("AUTH_SECRET_ARN") or "").strip() or None,
            max_concurrency=_int_env(
                environ, "MAX_CONCURRENCY", DEFAULT_MAX_CONCURRENCY, 1, MAX_ENDPOINTS_PER_INVOCATION
            ),
            request_timeout=_float_env(
                environ, "REQUEST_TIMEOUT_SECONDS", DEFAULT_REQUEST_TIMEOUT_SECONDS, 0, 60
            ),
            max_attempts=_int_env(environ, "MAX_ATTEMPTS", DEFAULT_MAX_ATTEMPTS, 1, 10),
        )


_TOKEN_CHARS = frozenset(string.ascii_letters + string.digits + "!#$%&'*+-.^_`|~")


def _is_header_token(name: str) -> bool:
    return bool(name) and all(ch in _TOKEN_CHARS for ch in name)


def load_auth_header_value(secrets_client: Any, secret_arn: str) -> str:
    """Read the auth header value (the secret's ``SecretString``, verbatim) from Secrets Manager.

    :class:`AuthHeader` keeps the result and reads it again when it is older than
    ``AUTH_MAX_AGE_SECONDS`` or the receiver rejects it. Throttling is retried with backoff;
    any other error propagates (the invocation fails and Pinpoint retries it).
    """
    response = call_with_backoff(secrets_client.get_secret_value, SecretId=secret_arn)
    value = response.get("SecretString")
    if not isinstance(value, str) or not value.strip():
        raise ConfigurationError(f"secret {secret_arn} has no SecretString to use as auth header")
    value = value.strip()
    if any(ch in value for ch in "\r\n\0"):
        raise ConfigurationError(f"secret {secret_arn} must be a single-line header value")
    return value


#: How long the forwarder keeps the auth header value before reading the secret again, so a
#: rotated secret takes effect within this time even without a rejection.
AUTH_MAX_AGE_SECONDS = 300.0
#: The shortest time between two reads of the secret that 401/403 answers cause.
AUTH_REFRESH_MIN_INTERVAL_SECONDS = 10.0


class AuthHeader:
    """The auth header value, read again when it is older than ``max_age`` seconds, or when the
    receiver answers 401 or 403 to it (the secret was rotated) and it was read at least
    ``min_interval`` seconds ago (a value just read is the secret's current one); a read that
    fails keeps the value it has. Thread-safe."""

    def __init__(
        self,
        value: str,
        load: Callable[[], str] | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
        max_age: float | None = None,
        min_interval: float | None = None,
    ) -> None:
        """``max_age`` / ``min_interval``: default ``AUTH_MAX_AGE_SECONDS`` /
        ``AUTH_REFRESH_MIN_INTERVAL_SECONDS``."""
        self._value = value
        self._load = load
        self._clock = clock
        self._max_age = AUTH_MAX_AGE_SECONDS if max_age is None else max_age
        self._min_interval = (
            AUTH_REFRESH_MIN_INTERVAL_SECONDS if min_interval is None else min_interval
        )
        self._loaded_at = clock()
        self._lock = threading.Lock()

    def current(self) -> str:
        """The value to send now (read again first when it is too old)."""
        if self._load is not None and self._clock() - self._loaded_at > self._max_age:
            with self._lock:
                if self._clock() - self._loaded_at > self._max_age:
                    self._reload()
        return self._value

    def refresh_after_rejection(self, rejected: str) -> bool:
        """After a 401/403 to ``rejected``: whether there is now another value to try."""
        with self._lock:
            if self._value != rejected:
                return True  # another worker read the rotated value already
            if self._load is None or self._clock() - self._loaded_at < self._min_interval:
                return False
            self._reload()
            return self._value != rejected

    def _reload(self) -> None:
        assert self._load is not None
        self._loaded_at = self._clock()
        # A failed read keeps the value we have; the next refresh tries again.
        with contextlib.suppress(Exception):
            self._value = self._load()


# --------------------------------------------------------------------------- delivery


@dataclass(frozen=True)
class Outcome:
    """What happened to one endpoint."""

    endpoint_id: str
    delivered: bool
    attempts: int
    status: int | None = None
    reason: str | None = None
    detail: str | None = None


@dataclass(frozen=True)
class _Reply:
    status: int
    retry_after: float | None
    snippet: str


class _Retryable(Exception):
    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(detail)
        self.reason = reason
        self.detail = detail


class _Permanent(_Retryable):
    pass


_STALE_CONNECTION_ERRORS = (
    http.client.RemoteDisconnected,
    ConnectionResetError,
    BrokenPipeError,
    ConnectionAbortedError,
)


def parse_retry_after(value: str | None, *, now: float | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or HTTP-date), or None."""
    if value is None:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


class _Connections:
    """One keep-alive connection per worker thread, to a single host."""

    def __init__(self, scheme: str, host: str, port: int) -> None:
        self._scheme = scheme
        self._host = host
        self._port = port
        self._ssl_context = ssl.create_default_context() if scheme == "https" else None
        self._local = threading.local()
        self._lock = threading.Lock()
        self._open: set[http.client.HTTPConnection] = set()
        self.created = 0

    def get(self, timeout: float) -> tuple[http.client.HTTPConnection, bool]:
        conn: http.client.HTTPConnection | None = getattr(self._local, "conn", None)
        reused = conn is not None
        if conn is None:
            if self._ssl_context is not None:
                conn = http.client.HTTPSConnection(
                    self._host, self._port, timeout=timeout, context=self._ssl_context
                )
            else:
                conn = http.client.HTTPConnection(self._host, self._port, timeout=timeout)
            self._local.conn = conn
            with self._lock:
                self._open.add(conn)
                self.created += 1
        conn.timeout = timeout
        if conn.sock is not None:
            conn.sock.settimeout(timeout)
        return conn, reused

    def discard(self, conn: http.client.HTTPConnection) -> None:
        if getattr(self._local, "conn", None) is conn:
            self._local.conn = None
        with self._lock:
            self._open.discard(conn)
        conn.close()

    def close_all(self) -> None:
        with self._lock:
            conns, self._open = list(self._open), set()
        for conn in conns:
            conn.close()

    def interrupt_all(self) -> None:
        """Shut down every open socket, so a worker blocked reading one (a receiver that
        drips its answer, each byte within the socket timeout) gets an error at once; each
        worker then discards its connection and opens a new one for its next request."""
        with self._lock:
            conns = list(self._open)
        for conn in conns:
            sock = conn.sock
            if sock is not None:
                with contextlib.suppress(OSError):  # already closed
                    sock.shutdown(socket.SHUT_RDWR)


class WebhookForwarder:
    """Sends one POST per endpoint with a bounded thread pool and keep-alive connections.

    Create one per container and reuse it: the worker threads and their connections survive
    between invocations. ``clock`` and ``sleep`` are injectable for tests.
    """

    def __init__(
        self,
        config: ForwarderConfig,
        *,
        auth_header_value: str | None = None,
        load_auth_header: Callable[[], str] | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if config.auth_header_name and not auth_header_value:
            raise ConfigurationError("AUTH_HEADER_NAME is set but no auth header value was given")
        self.config = config
        self._auth_name = config.auth_header_name
        self._auth: AuthHeader | None = None
        if auth_header_value:
            self._auth = AuthHeader(auth_header_value, load_auth_header, clock=clock)
        self.clock = clock
        self._sleep = sleep
        parts = urlsplit(config.url)
        self._path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        # The port always explicit: given None, http.client would read the last group of an
        # IPv6 address as the port.
        port = parts.port or (443 if parts.scheme == "https" else 80)
        self._connections = _Connections(parts.scheme, parts.hostname or "", port)
        self._executor = ThreadPoolExecutor(
            max_workers=config.max_concurrency, thread_name_prefix="webhook"
        )

    @property
    def connections_opened(self) -> int:
        """How many connections this forwarder has opened so far (keep-alive reuses them)."""
        return self._connections.created

    def close(self) -> None:
        """Stop the worker threads and close every connection."""
        self._executor.shutdown(wait=False, cancel_futures=True)
        self._connections.close_all()

    # -- one invocation

    def forward(self, invocation: Invocation, deadline: float) -> list[Outcome]:
        """Deliver every endpoint of ``invocation``; return one :class:`Outcome` per endpoint.

        ``deadline`` is a ``clock()`` value: no attempt starts, and no retry waits, past it.
        Endpoints still unfinished at the deadline are reported as failed.
        """
        outcomes: dict[str, Outcome] = {}
        futures: dict[Future[Outcome], str] = {}
        for endpoint_id, endpoint in invocation.endpoints.items():
            if not isinstance(endpoint, Mapping):
                outcomes[endpoint_id] = Outcome(
                    endpoint_id,
                    False,
                    0,
                    reason="invalid_endpoint",
                    detail=f"endpoint must be an object, got {type(endpoint).__name__}",
                )
                continue
            body = json.dumps(
                build_payload(invocation, endpoint_id, endpoint),
                separators=(",", ":"),
                default=str,
            ).encode("utf-8")
            key = idempotency_key(invocation, endpoint_id)
            futures[self._executor.submit(self._deliver, endpoint_id, body, key, deadline)] = (
                endpoint_id
            )
        if futures:
            wait(futures, timeout=max(0.0, deadline - self.clock()) + JOIN_GRACE_SECONDS)
        in_flight = False
        for future, endpoint_id in futures.items():
            if future.done() and not future.cancelled():
                try:
                    outcomes[endpoint_id] = future.result()
                except Exception as error:  # a bug must fail one endpoint, not the invocation
                    outcomes[endpoint_id] = Outcome(
                        endpoint_id, False, 0, reason="internal_error", detail=repr(error)
                    )
            else:
                in_flight = in_flight or not future.cancel()
                outcomes[endpoint_id] = Outcome(
                    endpoint_id,
                    False,
                    0,
                    reason="deadline_exceeded",
                    detail="still in flight when the invocation's deadline was reached",
                )
        if in_flight:
            # The socket timeout bounds each read, not a whole response: free the workers
            # still reading (a receiver that drips its answer), or they would stay busy into
            # the next invocation.
            self._connections.interrupt_all()
        return [outcomes[endpoint_id] for endpoint_id in invocation.endpoints]

    def _headers(self, key: str) -> dict[str, str]:
        headers = {
            "Content-Type": "application/json",
            "User-Agent": USER_AGENT,
            IDEMPOTENCY_HEADER: key,
        }
        if self._auth is not None and self._auth_name:
            headers[self._auth_name] = self._auth.current()
        return headers

    def _deliver(self, endpoint_id: str, body: bytes, key: str, deadline: float) -> Outcome:
        headers = self._headers(key)
        reauthorized = False
        attempts = 0
        status: int | None = None
        reason, detail = "deadline_exceeded", "no time left to start a request"
        while True:
            remaining = deadline - self.clock()
            if remaining < MIN_ATTEMPT_SECONDS:
                if attempts:
                    detail = f"{detail}; deadline reached before the next retry"
                return Outcome(endpoint_id, False, attempts, status, reason, detail)
            attempts += 1
            retry_after: float | None = None
            try:
                reply = self._post(body, headers, min(self.config.request_timeout, remaining))
            except _Permanent as error:
                return Outcome(endpoint_id, False, attempts, None, error.reason, error.detail)
            except _Retryable as error:
                status, reason, detail = None, error.reason, error.detail
            else:
                status = reply.status
                if 200 <= reply.status < 300:
                    return Outcome(endpoint_id, True, attempts, reply.status)
                reason, detail = f"http_{reply.status}", reply.snippet
                if (
                    reply.status in (401, 403)
                    and not reauthorized
                    and self._auth is not None
                    and self._auth_name
                    and self._auth.refresh_after_rejection(headers[self._auth_name])
                ):
                    # The secret was rotated: once, at once, with the new value.
                    reauthorized = True
                    headers = self._headers(key)
                    continue
                if not (reply.status == 429 or reply.status >= RETRYABLE_STATUS_MIN):
                    return Outcome(endpoint_id, False, attempts, status, reason, detail)
                retry_after = reply.retry_after
            if attempts >= self.config.max_attempts:
                return Outcome(endpoint_id, False, attempts, status, reason, detail)
            if retry_after is not None and retry_after > self.config.max_retry_after:
                detail = f"{detail}; Retry-After {retry_after:g}s exceeds the retry bound"
                return Outcome(endpoint_id, False, attempts, status, reason, detail)
            delay = retry_after if retry_after is not None else self._backoff(attempts)
            if self.clock() + delay > deadline - MIN_ATTEMPT_SECONDS:
                detail = f"{detail}; deadline reached before the next retry"
                return Outcome(endpoint_id, False, attempts, status, reason, detail)
            self._sleep(delay)

    def _backoff(self, attempt: int) -> float:
        cap = min(self.config.backoff_max, self.config.backoff_base * 2 ** (attempt - 1))
        return random.uniform(0, cap)

    def _post(self, body: bytes, headers: dict[str, str], timeout: float) -> _Reply:
        """One request on this thread's connection; a stale keep-alive socket is replaced once."""
        for _ in range(2):
            conn, reused = self._connections.get(timeout)
            try:
                conn.request("POST", self._path, body=body, headers=headers)
                response = conn.getresponse()
                payload = response.read(MAX_RESPONSE_BYTES)
            except _STALE_CONNECTION_ERRORS as error:
                self._connections.discard(conn)
                if reused:
                    continue  # the server closed an idle keep-alive connection: reconnect
                raise _Retryable("connection_error", f"{type(error).__name__}: {error}") from error
            except TimeoutError as error:
                self._connections.discard(conn)
                raise _Retryable("timeout", f"no response within {timeout:.2f}s") from error
            except ssl.SSLCertVerificationError as error:
                self._connections.discard(conn)
                raise _Permanent("tls_error", str(error)) from error
            except (OSError, http.client.HTTPException) as error:
                self._connections.discard(conn)
                raise _Retryable("connection_error", f"{type(error).__name__}: {error}") from error
            except ValueError as error:  # e.g. an invalid header value
                self._connections.discard(conn)
                raise _Permanent("invalid_request", str(error)) from error
            if response.will_close or not response.isclosed():
                # The server closes, or sent more than we read: this connection can't be reused.
                self._connections.discard(conn)
            return _Reply(
                status=response.status,
                retry_after=parse_retry_after(response.getheader("Retry-After")),
                snippet=payload[:256].decode("utf-8", "replace"),
            )
        raise _Retryable("connection_error", "connection closed by the server twice")


# --------------------------------------------------------------------------- invocation entry


def handle(
    event: Any,
    context: Any,
    forwarder: WebhookForwarder,
    *,
    log: Callable[[Mapping[str, Any]], None] = log_json,
) -> dict[str, Any]:
    """Forward one invocation and return a summary (Pinpoint ignores it; tests and logs use it).

    Returns ``{"status": "ok" | "partial" | "failed" | "invalid_invocation", "delivered": [...],
    "failed": {endpoint_id: {"reason", "status", "attempts", "detail"}}, "durationMs": ...}``.
    A malformed event is logged and returned as ``invalid_invocation``; it never raises.
    """
    clock = forwarder.clock
    started = clock()
    deadline = deadline_from_context(context, clock)
    try:
        invocation = parse_invocation(event)
    except InvalidInvocation as error:
        return invalid_invocation_summary(error, clock=clock, started=started, log=log)

    outcomes = forwarder.forward(invocation, deadline)
    ids = {k: v for k, v in invocation.ids().items() if v is not None}
    for outcome in outcomes:
        if not outcome.delivered:
            log(
                {
                    "level": "ERROR",
                    "message": "webhook delivery failed",
                    **ids,
                    "endpointId": outcome.endpoint_id,
                    "idempotencyKey": idempotency_key(invocation, outcome.endpoint_id),
                    "reason": outcome.reason,
                    "status": outcome.status,
                    "attempts": outcome.attempts,
                    "detail": outcome.detail,
                }
            )
    return delivery_summary(
        outcomes,
        lambda o: {
            "reason": o.reason,
            "status": o.status,
            "attempts": o.attempts,
            "detail": o.detail,
        },
        message="webhook forwarder summary",
        ids=ids,
        clock=clock,
        started=started,
        log=log,
        extra={"attempts": sum(o.attempts for o in outcomes)},
    )
