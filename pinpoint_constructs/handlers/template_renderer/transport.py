"""The lean send transport: a batch of SES v2 ``SendEmail`` / End User Messaging
``SendTextMessage`` requests on one thread, with keep-alive connections.

Why: a boto3 call costs about 0.8 ms of CPU (urllib3/http.client header parsing, botocore's
event hooks, endpoint rules, signing) and 50 of them in a thread pool run one after another
under the GIL, so a 50-endpoint batch took 3x one endpoint's time against a 20 ms service.
Here every request of a batch is serialized, signed and written first, then the responses
are read as they arrive, on one ``asyncio`` event loop (standard library only, plus botocore
for the service models, credentials and CA bundle):

- **Serialization** (:meth:`ServiceEndpoint.build`) for JSON-bodied operations of the two
  protocols the renderer uses: ``rest-json`` (SES v2 ``SendEmail``: ``POST
  /v2/email/outbound-emails``, ``Content-Type: application/json``) and ``json``
  (``SendTextMessage``: ``POST /``, ``X-Amz-Target: PinpointSMSVoiceV2.SendTextMessage``,
  ``Content-Type: application/x-amz-json-1.0``), the body being the request dict as JSON, as
  botocore's ``RestJSONSerializer`` / ``JSONSerializer`` produce it (botocore/serialize.py).
  Every request is first checked with ``botocore.validate.validate_parameters`` against the
  operation's input shape in the client's service model (a ``ParamValidationError`` is
  raised to the caller). Operations with header, URI or query-string members are refused.
- **Endpoint** from the boto3 client's ``meta.endpoint_url`` (so region, FIPS and
  ``endpoint_url`` settings apply), signing name from the service model, region from
  ``meta.region_name``.
- **Signing**: AWS Signature Version 4 (:func:`sigv4_headers`, following the
  "Create a signed AWS API request" steps of the IAM user guide, checked against
  ``botocore.auth.SigV4Auth`` in the tests), with frozen credentials read from the client's
  credentials once per batch (refreshable credentials refresh there), the session token as
  ``X-Amz-Security-Token`` when present.
- **HTTP/1.1** keep-alive connections per host, TLS with
  ``ssl.create_default_context(cafile=<botocore's CA bundle>)`` (hostname checked); plain
  HTTP only for an explicit ``http://`` endpoint URL. Content-Length and chunked bodies,
  interim ``1xx`` responses skipped, no body for 204/304. An idle connection is reused only
  while nothing can be read from it (a server that closed it, or wrote e.g. a ``408`` before
  closing, makes it unusable). A reused connection the server had closed is reopened and the
  request resent once, only if no byte of the response was read. Connect and read timeouts
  from the client's config.
- **Throttling** (HTTP 429 or a throttling code, see ``common.aws``) is retried with the
  full-jitter backoff of ``common.aws.backoff_delay`` as timers in the loop; a retry that
  would end past the deadline is not waited for. At the deadline, requests still in flight
  are abandoned (their connections closed) and reported.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import select
import ssl
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urlsplit

from botocore.httpsession import get_cert_path
from botocore.validate import validate_parameters
from common.aws import backoff_delay, is_throttling_code

#: Protocols whose bodies are the request dict as JSON.
PROTOCOLS = ("rest-json", "json")
USER_AGENT = "pinpoint-constructs-template-renderer"


@dataclass(frozen=True)
class FrozenCredentials:
    """Credentials at one moment (what ``botocore.credentials.Credentials.get_frozen_credentials``
    returns, without depending on its class)."""

    access_key: str
    secret_key: str
    token: str | None = None


def _hmac(key: bytes, text: str) -> bytes:
    return hmac.new(key, text.encode("utf-8"), hashlib.sha256).digest()


_SIGNING_KEYS: dict[tuple[str, str, str, str], bytes] = {}


def _signing_key(secret: str, day: str, region: str, service: str) -> bytes:
    key = (secret, day, region, service)
    cached = _SIGNING_KEYS.get(key)
    if cached is None:
        if len(_SIGNING_KEYS) > 16:
            _SIGNING_KEYS.clear()
        k_date = _hmac(f"AWS4{secret}".encode(), day)
        cached = _SIGNING_KEYS[key] = _hmac(_hmac(_hmac(k_date, region), service), "aws4_request")
    return cached


def sigv4_headers(
    *,
    method: str,
    host: str,
    path: str,
    headers: Sequence[tuple[str, str]],
    body: bytes,
    credentials: FrozenCredentials,
    region: str,
    service: str,
    timestamp: float,
) -> list[tuple[str, str]]:
    """The headers SigV4 adds to a request without a query string: ``X-Amz-Date``,
    ``X-Amz-Security-Token`` (with a session token) and ``Authorization``, signing ``host``
    and every header given (as ``botocore.auth.SigV4Auth`` does for these operations)."""
    amz_date = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(timestamp))
    added = [("X-Amz-Date", amz_date)]
    if credentials.token:
        added.append(("X-Amz-Security-Token", credentials.token))
    signed = {name.lower(): " ".join(value.split()) for name, value in (*headers, *added)}
    signed["host"] = host
    names = sorted(signed)
    signed_names = ";".join(names)
    canonical = "\n".join(
        (
            method,
            quote(path, safe="/~"),
            "",
            "".join(f"{name}:{signed[name]}\n" for name in names),
            signed_names,
            hashlib.sha256(body).hexdigest(),
        )
    )
    day = amz_date[:8]
    scope = f"{day}/{region}/{service}/aws4_request"
    to_sign = "\n".join(
        ("AWS4-HMAC-SHA256", amz_date, scope, hashlib.sha256(canonical.encode()).hexdigest())
    )
    key = _signing_key(credentials.secret_key, day, region, service)
    signature = hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()
    added.append(
        (
            "Authorization",
            f"AWS4-HMAC-SHA256 Credential={credentials.access_key}/{scope}, "
            f"SignedHeaders={signed_names}, Signature={signature}",
        )
    )
    return added


@dataclass(frozen=True)
class Request:
    """One serialized (unsigned) request to a :class:`ServiceEndpoint`."""

    endpoint: ServiceEndpoint
    path: str
    headers: tuple[tuple[str, str], ...]
    body: bytes
    method: str = "POST"


class ServiceEndpoint:
    """One service as a boto3 client would call it: URL, signing scope, model, credentials.

    Build it with :meth:`from_client`; ``credentials`` is called once per batch.
    """

    def __init__(
        self,
        *,
        url: str,
        region: str,
        service_model: Any,
        credentials: Callable[[], FrozenCredentials],
        connect_timeout: float = 2.0,
        read_timeout: float = 5.0,
        ca_bundle: str | None = None,
    ) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("https", "http") or not parts.hostname:
            raise ValueError(f"endpoint URL must be https:// or http://, got {url!r}")
        protocol = service_model.metadata.get("protocol")
        if protocol not in PROTOCOLS:
            raise ValueError(f"protocol must be one of {list(PROTOCOLS)}, got {protocol!r}")
        self.url = url
        self.scheme = parts.scheme
        self.hostname = parts.hostname
        self.port = parts.port or (443 if parts.scheme == "https" else 80)
        default_port = parts.port is None or parts.port == (443 if self.scheme == "https" else 80)
        # An IPv6 literal keeps its brackets in the Host header, as botocore writes it.
        host = f"[{self.hostname}]" if ":" in self.hostname else self.hostname
        self.host = host if default_port else f"{host}:{self.port}"
        self.base_path = parts.path.rstrip("/")
        self.region = region
        self.signing_name = service_model.signing_name
        self.service_model = service_model
        self.protocol = protocol
        self.credentials = credentials
        self.connect_timeout = connect_timeout
        self.read_timeout = read_timeout
        #: CA certificates for TLS (default: botocore's bundle, as its clients use).
        self.ca_bundle = ca_bundle or get_cert_path(True)
        self._operations: dict[str, tuple[Any, str, tuple[tuple[str, str], ...]]] = {}

    @classmethod
    def from_client(cls, client: Any) -> ServiceEndpoint:
        """The endpoint a boto3 client calls, with its credentials and timeouts.

        botocore exposes a client's credentials only on its request signer and its CA bundle
        (``verify=`` / ``AWS_CA_BUNDLE``) only on its HTTP session; they are the ones the
        client itself uses (refreshable credentials included).
        """
        source = client._request_signer._credentials
        if source is None:
            raise ValueError("the client has no credentials")

        def credentials() -> FrozenCredentials:
            frozen = source.get_frozen_credentials()
            return FrozenCredentials(frozen.access_key, frozen.secret_key, frozen.token)

        meta = client.meta
        return cls(
            url=meta.endpoint_url,
            region=meta.region_name,
            service_model=meta.service_model,
            credentials=credentials,
            connect_timeout=meta.config.connect_timeout,
            read_timeout=meta.config.read_timeout,
            ca_bundle=_client_ca_bundle(client),
        )

    def ssl_context(self) -> ssl.SSLContext:
        """The TLS context of this endpoint's connections (hostnames checked)."""
        return ssl.create_default_context(cafile=self.ca_bundle)

    def _operation(self, name: str) -> tuple[Any, str, tuple[tuple[str, str], ...]]:
        known = self._operations.get(name)
        if known is not None:
            return known
        model = self.service_model.operation_model(name)
        shape = model.input_shape
        located = [
            member
            for member, member_shape in shape.members.items()
            if member_shape.serialization.get("location")
        ]
        if located or model.http.get("method", "POST") != "POST":
            raise ValueError(
                f"{name}: only POST operations with JSON-body members are supported, "
                f"got {model.http.get('method')} with {located}"
            )
        if self.protocol == "json":
            path = "/"
            headers: tuple[tuple[str, str], ...] = (
                ("X-Amz-Target", f"{model.metadata['targetPrefix']}.{model.name}"),
                ("Content-Type", f"application/x-amz-json-{model.metadata['jsonVersion']}"),
            )
        else:
            path = model.http["requestUri"]
            if "{" in path or "?" in path:
                raise ValueError(f"{name}: request URIs with parameters are not supported")
            headers = (("Content-Type", "application/json"),)
        known = self._operations[name] = (shape, self.base_path + path, headers)
        return known

    def build(self, operation_name: str, params: dict[str, Any]) -> Request:
        """Validate ``params`` against the operation's input shape (raises botocore's
        ``ParamValidationError``) and serialize them."""
        shape, path, headers = self._operation(operation_name)
        validate_parameters(params, shape)
        return Request(self, path, headers, json.dumps(params).encode("utf-8"))

    def signed_headers(
        self, request: Request, credentials: FrozenCredentials, timestamp: float
    ) -> list[tuple[str, str]]:
        """Every header of ``request`` as sent (signed at ``timestamp``, epoch seconds)."""
        return [
            ("Host", self.host),
            *request.headers,
            *sigv4_headers(
                method=request.method,
                host=self.host,
                path=request.path,
                headers=request.headers,
                body=request.body,
                credentials=credentials,
                region=self.region,
                service=self.signing_name,
                timestamp=timestamp,
            ),
            ("User-Agent", USER_AGENT),
            ("Content-Length", str(len(request.body))),
        ]


def _client_ca_bundle(client: Any) -> str | None:
    verify = getattr(getattr(client, "_endpoint", None), "http_session", None)
    verify = getattr(verify, "_verify", None)
    if verify is False:
        raise ValueError("the lean transport always verifies TLS; the client has verify=False")
    return verify if isinstance(verify, str) else None


# --------------------------------------------------------------------------- results


@dataclass
class SendResult:
    """What became of one request: a parsed ``response``, or a service error (``code``,
    ``status``, ``message``), or a local ``failure`` (``send_failed`` /
    ``deadline_exceeded``) with its ``message``."""

    attempts: int = 0
    response: dict[str, Any] | None = None
    status: int | None = None
    code: str | None = None
    message: str | None = None
    failure: str | None = None


class ProtocolError(Exception):
    """The server's answer is not HTTP/1.1 this transport understands."""


class _ClosedBeforeResponse(ProtocolError):
    """The connection ended before the first byte of a response."""


@dataclass
class _Connection:
    key: tuple[str, str, int]
    reader: asyncio.StreamReader
    writer: asyncio.StreamWriter
    used: int = field(default=0)

    def usable(self) -> bool:
        """Whether an idle connection can carry a new request: open, and nothing to read on
        it. An idle connection has no response due, so a readable one was closed by the
        server or holds what it sent before closing (e.g. a ``408 Request Timeout``), which
        must not be taken as the next request's response (urllib3's
        ``is_connection_dropped`` checks the same)."""
        # Bytes the event loop already read from the socket wait in the reader's buffer
        # (StreamReader has no public accessor for it).
        buffered = getattr(self.reader, "_buffer", b"")
        if self.reader.at_eof() or self.writer.is_closing() or buffered:
            return False
        sock = self.writer.get_extra_info("socket")
        if sock is None:
            return True
        try:
            readable, _, _ = select.select([sock.fileno()], [], [], 0)
        except (OSError, ValueError):
            return False
        return not readable

    def close(self) -> None:
        self.writer.close()


def parse_error(headers: dict[str, str], body: bytes) -> tuple[str | None, str | None]:
    """Error code and message of a JSON-protocol error response, as botocore's parsers read
    them: the code from ``x-amzn-ErrorType`` (before any ``:``) or the body's ``__type``
    (after any ``#``) or ``code``; the message from ``message`` / ``Message``."""
    data: Any = {}
    if body:
        try:
            data = json.loads(body)
        except ValueError:
            data = {}
    if not isinstance(data, dict):
        data = {}
    code = headers.get("x-amzn-errortype", "").split(":")[0].strip() or None
    if code is None:
        raw = data.get("__type") or data.get("code") or data.get("Code")
        code = str(raw).rsplit("#", 1)[-1] if raw else None
    message = data.get("message") or data.get("Message")
    return code, str(message) if message is not None else None


class LeanTransport:
    """Sends batches of :class:`Request` on its own event loop, keeping connections open
    between batches (one transport per container)."""

    def __init__(
        self,
        *,
        max_in_flight: int = 50,
        max_attempts: int = 3,
        backoff_base: float = 0.1,
        backoff_max: float = 2.0,
        min_attempt_seconds: float = 0.05,
        clock: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], float] = time.time,
    ) -> None:
        self.max_in_flight = max_in_flight
        self.max_attempts = max_attempts
        self.backoff_base = backoff_base
        self.backoff_max = backoff_max
        #: An attempt needs this much time before the deadline to be worth starting.
        self.min_attempt_seconds = min_attempt_seconds
        self.clock = clock
        self.wall_clock = wall_clock
        self._loop = asyncio.new_event_loop()
        self._idle: dict[tuple[str, str, int], list[_Connection]] = {}
        self._ssl: dict[str, ssl.SSLContext] = {}
        #: Connections opened, and requests resent on a new connection because the server
        #: had closed the reused one, over the transport's life (tests read them).
        self.connections_opened = 0
        self.resent = 0

    def close(self) -> None:
        """Close idle connections and the event loop."""
        for connections in self._idle.values():
            for connection in connections:
                connection.close()
        self._idle.clear()
        if not self._loop.is_closed():
            self._loop.run_until_complete(asyncio.sleep(0))
            self._loop.close()

    def send_all(self, requests: Sequence[Request], deadline: float) -> list[SendResult]:
        """Send every request; one :class:`SendResult` each, in order, by ``deadline``
        (a ``clock()`` time)."""
        if not requests:
            return []
        return self._loop.run_until_complete(self._send_all(requests, deadline))

    async def _send_all(self, requests: Sequence[Request], deadline: float) -> list[SendResult]:
        credentials: dict[int, FrozenCredentials | Exception] = {}
        for request in requests:
            if id(request.endpoint) not in credentials:
                try:
                    credentials[id(request.endpoint)] = request.endpoint.credentials()
                except Exception as error:  # e.g. a refresh that failed: these sends fail
                    credentials[id(request.endpoint)] = error
        gate = asyncio.Semaphore(self.max_in_flight)
        results = [SendResult() for _ in requests]
        tasks: dict[asyncio.Task[None], SendResult] = {}
        for request, result in zip(requests, results, strict=True):
            frozen = credentials[id(request.endpoint)]
            if isinstance(frozen, Exception):
                result.failure = "send_failed"
                result.message = f"no credentials: {type(frozen).__name__}: {frozen}"
                continue
            task = self._loop.create_task(self._send(request, frozen, result, gate, deadline))
            tasks[task] = result
        if not tasks:
            return results
        _, pending = await asyncio.wait(tasks, timeout=max(0.0, deadline - self.clock()))
        for task in pending:
            task.cancel()
        if pending:
            await asyncio.wait(pending)
        for task, result in tasks.items():
            if task in pending:
                result.failure = "deadline_exceeded"
                result.message = "still in progress when the invocation's deadline was reached"
            elif (unexpected := task.exception()) is not None:
                result.failure = "send_failed"
                result.message = f"{type(unexpected).__name__}: {unexpected}"
        return results

    async def _send(
        self,
        request: Request,
        credentials: FrozenCredentials,
        result: SendResult,
        gate: asyncio.Semaphore,
        deadline: float,
    ) -> None:
        async with gate:
            while True:
                if deadline - self.clock() < self.min_attempt_seconds:
                    result.failure = "deadline_exceeded"
                    result.message = "no time left to start"
                    return
                result.attempts += 1
                try:
                    status, headers, body = await self._exchange(request, credentials)
                except (OSError, EOFError, TimeoutError, ProtocolError) as error:
                    result.failure = "send_failed"
                    result.message = f"{type(error).__name__}: {error}"
                    return
                if 200 <= status < 300:
                    try:
                        parsed = json.loads(body) if body else {}
                    except ValueError:
                        parsed = None
                    if not isinstance(parsed, dict):
                        result.failure = "send_failed"
                        result.message = f"HTTP {status} with a body that is not a JSON object"
                        return
                    result.response, result.status = parsed, status
                    return
                code, message = parse_error(headers, body)
                result.status, result.code, result.message = status, code, message
                if not is_throttling_code(code, status) or result.attempts >= self.max_attempts:
                    return
                delay = backoff_delay(result.attempts, self.backoff_base, self.backoff_max)
                if self.clock() + delay > deadline - self.min_attempt_seconds:
                    return
                await asyncio.sleep(delay)

    async def _exchange(
        self, request: Request, credentials: FrozenCredentials
    ) -> tuple[int, dict[str, str], bytes]:
        endpoint = request.endpoint
        key = (endpoint.scheme, endpoint.hostname, endpoint.port)
        while True:
            connection, reused = await self._acquire(key, endpoint)
            headers = endpoint.signed_headers(request, credentials, self.wall_clock())
            head = f"{request.method} {request.path} HTTP/1.1\r\n" + "".join(
                f"{name}: {value}\r\n" for name, value in headers
            )
            connection.writer.write(head.encode("latin-1") + b"\r\n" + request.body)
            try:
                async with asyncio.timeout(endpoint.read_timeout):
                    status, response_headers, body, keep_alive = await _read_response(
                        connection.reader
                    )
            except _ClosedBeforeResponse:
                connection.close()
                if reused:
                    self.resent += 1
                    continue  # the server closed an idle connection: resend on a new one
                raise
            except BaseException:
                connection.close()
                raise
            connection.used += 1
            if keep_alive:
                self._idle.setdefault(key, []).append(connection)
            else:
                connection.close()
            return status, response_headers, body

    async def _acquire(
        self, key: tuple[str, str, int], endpoint: ServiceEndpoint
    ) -> tuple[_Connection, bool]:
        idle = self._idle.get(key)
        while idle:
            connection = idle.pop()
            if connection.usable():
                return connection, True
            connection.close()
        context = None
        if endpoint.scheme == "https":
            context = self._ssl.get(endpoint.ca_bundle)
            if context is None:
                context = self._ssl[endpoint.ca_bundle] = endpoint.ssl_context()
        async with asyncio.timeout(endpoint.connect_timeout):
            reader, writer = await asyncio.open_connection(
                endpoint.hostname,
                endpoint.port,
                ssl=context,
                server_hostname=endpoint.hostname if context else None,
            )
        self.connections_opened += 1
        return _Connection(key, reader, writer), False


async def _read_response(reader: asyncio.StreamReader) -> tuple[int, dict[str, str], bytes, bool]:
    """Read one HTTP/1.1 response: status, lower-cased headers, body, keep-alive."""
    try:
        line = await reader.readline()
    except ConnectionError as error:
        raise _ClosedBeforeResponse(str(error)) from None
    if not line:
        raise _ClosedBeforeResponse("connection closed before the response")
    while True:
        version, status, headers = await _read_head(reader, line)
        if not 100 <= status < 200:
            break
        line = await reader.readline()  # an interim response (100 Continue ...): skip it
        if not line:
            raise ProtocolError("connection closed after an interim response")
    tokens = {token.strip().lower() for token in headers.get("connection", "").split(",")}
    keep_alive = version == "HTTP/1.1" and "close" not in tokens
    if status in (204, 304):
        body = b""
    elif "chunked" in headers.get("transfer-encoding", "").lower():
        chunks = []
        while True:
            size_line = await reader.readline()
            try:
                size = int(size_line.split(b";", 1)[0].strip(), 16)
            except ValueError:
                raise ProtocolError(f"bad chunk size line {size_line[:40]!r}") from None
            if size == 0:
                while (await reader.readline()) not in (b"\r\n", b"\n", b""):
                    pass  # trailers
                break
            chunks.append(await reader.readexactly(size))
            await reader.readline()
        body = b"".join(chunks)
    elif "content-length" in headers:
        try:
            length = int(headers["content-length"])
        except ValueError:
            raise ProtocolError(f"bad Content-Length {headers['content-length']!r}") from None
        body = await reader.readexactly(length)
    else:
        body = await reader.read()
        keep_alive = False
    return status, headers, body, keep_alive


async def _read_head(reader: asyncio.StreamReader, line: bytes) -> tuple[str, int, dict[str, str]]:
    """The HTTP version, status and lower-cased headers of the response whose status line is
    ``line``."""
    version, _, rest = line.decode("latin-1").partition(" ")
    status_text = rest.split(" ", 1)[0]
    if not version.startswith("HTTP/1.") or not status_text.isdigit():
        raise ProtocolError(f"not an HTTP/1.x status line: {line[:80]!r}")
    headers: dict[str, str] = {}
    while True:
        raw = await reader.readline()
        if not raw:
            raise ProtocolError("connection closed in the response headers")
        if raw in (b"\r\n", b"\n"):
            break
        name, _, value = raw.decode("latin-1").partition(":")
        headers[name.strip().lower()] = value.strip()
    return version, int(status_text), headers
