"""A scripted HTTP/1.1 webhook receiver on 127.0.0.1 for handler tests.

Bounded on purpose: it binds to 127.0.0.1 on a free port, serves at most ``max_requests``
requests (later ones are dropped), never holds a request longer than ``hang_limit`` seconds,
and idle keep-alive connections time out after a few seconds.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Received:
    """One request as the server saw it."""

    path: str
    headers: dict[str, str]
    body: bytes
    connection: tuple[str, int]
    at: float

    @property
    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class Reply:
    """What to answer.

    ``hang`` holds the request without answering; ``drop_after`` closes the connection after
    answering without announcing it (what a server does when it times out an idle keep-alive
    connection).
    """

    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b'{"ok":true}'
    hang: bool = False
    drop_after: bool = False


#: Chooses the reply from the request and how many requests with the same
#: Idempotency-Key arrived before it (0 for the first).
Responder = Callable[[Received, int], Reply]


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # 50 concurrent connects must not overflow the listen backlog


class WebhookServer:
    """Context manager: ``with WebhookServer(responder) as server: server.url ...``."""

    def __init__(
        self,
        responder: Responder | None = None,
        *,
        max_requests: int = 500,
        hang_limit: float = 5.0,
    ) -> None:
        self.responder: Responder = responder or (lambda _req, _n: Reply())
        self.max_requests = max_requests
        self.hang_limit = hang_limit
        self.requests: list[Received] = []
        self.in_flight = 0
        self.max_in_flight = 0
        self._lock = threading.Lock()
        self._release = threading.Event()
        self._server = _Server(("127.0.0.1", 0), self._handler_class())
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/hook"

    def __enter__(self) -> WebhookServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._release.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def by_key(self) -> dict[str, list[Received]]:
        """Requests grouped by their Idempotency-Key header."""
        grouped: dict[str, list[Received]] = {}
        for request in self.requests:
            grouped.setdefault(request.headers.get("idempotency-key", ""), []).append(request)
        return grouped

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            timeout = 5  # idle keep-alive connections are closed after this

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                received = Received(
                    path=self.path,
                    headers={k.lower(): v for k, v in self.headers.items()},
                    body=body,
                    connection=self.client_address[:2],
                    at=time.monotonic(),
                )
                with owner._lock:
                    if len(owner.requests) >= owner.max_requests:
                        self.close_connection = True
                        return
                    key = received.headers.get("idempotency-key", "")
                    seen = sum(
                        1 for r in owner.requests if r.headers.get("idempotency-key", "") == key
                    )
                    owner.requests.append(received)
                    owner.in_flight += 1
                    owner.max_in_flight = max(owner.max_in_flight, owner.in_flight)
                try:
                    reply = owner.responder(received, seen)
                    if reply.hang:
                        owner._release.wait(owner.hang_limit)
                        self.close_connection = True
                        return
                    self.send_response(reply.status)
                    for name, value in reply.headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(reply.body)))
                    self.end_headers()
                    self.wfile.write(reply.body)
                    if reply.drop_after:
                        self.close_connection = True
                finally:
                    with owner._lock:
                        owner.in_flight -= 1

            def log_message(self, format: str, *args: Any) -> None:
                pass  # keep test output clean

        return Handler
