"""Local stand-ins for Pinpoint's template API, SES v2 and AWS End User Messaging SMS.

One HTTP/1.1 server on 127.0.0.1, run with asyncio in its own process (a thread-per-connection
server in the caller's process would share its GIL and measure itself), which answers boto3
clients created with ``endpoint_url=stand_in.url``:

- ``GET /v1/templates/<name>/email|sms`` (``GetEmailTemplate``/``GetSmsTemplate``): the
  templates given, at once; 404 for others;
- ``POST /v2/email/outbound-emails`` (SES v2 ``SendEmail``) and ``POST /`` with
  ``X-Amz-Target: PinpointSMSVoiceV2.SendTextMessage``: a ``MessageId`` after ``latency``
  seconds, or what ``script`` says for the destination (the first ``ToAddresses`` entry or
  the ``DestinationPhoneNumber``): a list of actions, one per request to that destination
  (the last one repeats):

  - ``"ok"``: the ``MessageId`` (the default);
  - ``"throttle"``: HTTP 429 ``TooManyRequestsException`` (SES, ``x-amzn-ErrorType``) or
    HTTP 400 ``ThrottlingException`` (SMS, JSON 1.0 ``__type``);
  - ``"reject"``: HTTP 400 ``MessageRejected`` (SES) / ``ValidationException`` (SMS);
  - ``"fail"``: HTTP 500 ``InternalFailure``;
  - ``"chunked"``: the ``MessageId`` in a chunked body;
  - ``"close"``: the ``MessageId`` (no ``Connection: close`` header), then the next request
    on that connection is read and dropped by closing the connection, unanswered (a server
    closing a keep-alive connection just as the client reuses it);
  - ``"drop"``: the request is read, then the connection is closed without an answer;
  - ``"partial"``: half of the status line, then the connection is closed;
  - ``"slow"``: the ``MessageId`` after 3 seconds;
  - ``"continue"``: an interim ``100 Continue`` response, then the ``MessageId``;
  - ``"idle-timeout"``: the ``MessageId``; 50 ms later, with the connection idle, an
    unsolicited ``408 Request Timeout`` (``Connection: close``) and the connection closed (a
    server's idle timeout, as some proxies and servers send it).

``close_reused=True`` does to every connection what ``"close"`` does: each connection answers
its first send request; any later one on it is read, then the connection is closed unanswered.

``received`` counts every send request that arrived (answered or not), ``sent`` those answered
with a ``MessageId``.

Bounded: at most ``MAX_REQUESTS`` requests, two minutes of life; nothing leaves 127.0.0.1.
"""

from __future__ import annotations

import asyncio
import json
import multiprocessing
import time
from typing import Any

MAX_REQUESTS = 5_000


def _destination(body: bytes) -> str:
    try:
        request = json.loads(body)
        return str(
            request.get("DestinationPhoneNumber")
            or request.get("Destination", {}).get("ToAddresses", [""])[0]
        )
    except (ValueError, AttributeError, IndexError):
        return ""


def _head(status: int, reason: str, headers: dict[str, str]) -> bytes:
    lines = [f"HTTP/1.1 {status} {reason}", *(f"{k}: {v}" for k, v in headers.items())]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def _serve(
    port_out: Any,
    stop: Any,
    sent: Any,
    received: Any,
    templates: dict[str, dict[str, Any]],
    latency: float,
    script: dict[str, list[str]],
    close_reused: bool,
) -> None:
    seen: dict[str, int] = {}

    async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        drop_next = False
        answered = 0
        try:
            while sent.value < MAX_REQUESTS:
                request_line = await reader.readline()
                if not request_line:
                    break
                method, path, _ = request_line.decode("latin-1").split(" ", 2)
                headers: dict[str, str] = {}
                while (line := await reader.readline()) not in (b"\r\n", b"\n", b""):
                    name, _, value = line.decode("latin-1").partition(":")
                    headers[name.strip().lower()] = value.strip()
                request_body = await reader.readexactly(int(headers.get("content-length") or 0))
                is_send = method == "POST" and (
                    path == "/v2/email/outbound-emails"
                    or headers.get("x-amz-target") == "PinpointSMSVoiceV2.SendTextMessage"
                )
                if is_send and (drop_next or (close_reused and answered)):
                    received.value += 1
                    break  # read, then closed unanswered
                status, body = 404, {"message": f"no stand-in for {method} {path}"}
                parts = path.split("?")[0].strip("/").split("/")
                if method == "GET" and len(parts) == 4 and parts[:2] == ["v1", "templates"]:
                    template = templates.get(f"{parts[2]}/{parts[3].upper()}")
                    if template is not None:
                        status, body = 200, template
                    else:
                        status, body = 404, {"Message": "Template not found"}
                        headers["x-amzn-errortype"] = "NotFoundException"
                elif is_send:
                    received.value += 1
                    answered += 1
                    destination = _destination(request_body)
                    actions = script.get(destination) or ["ok"]
                    count = seen[destination] = seen.get(destination, 0) + 1
                    action = actions[min(count, len(actions)) - 1]
                    if action == "drop":
                        break
                    await asyncio.sleep(3.0 if action == "slow" else latency)
                    if action == "partial":
                        writer.write(b"HTTP/1.1 2")
                        await writer.drain()
                        break
                    if action in ("throttle", "reject", "fail"):
                        await _error(writer, action, email=path.startswith("/v2/email"))
                        continue
                    sent.value += 1
                    payload = json.dumps({"MessageId": f"message-{sent.value}"}).encode()
                    if action == "chunked":
                        half = len(payload) // 2
                        writer.write(
                            _head(200, "OK", {"Transfer-Encoding": "chunked"})
                            + b"%x\r\n%s\r\n%x\r\n%s\r\n0\r\n\r\n"
                            % (half, payload[:half], len(payload) - half, payload[half:])
                        )
                    else:
                        if action == "continue":
                            writer.write(_head(100, "Continue", {}))
                        writer.write(
                            _head(200, "OK", {"Content-Length": str(len(payload))}) + payload
                        )
                    await writer.drain()
                    drop_next = action == "close"
                    if action == "idle-timeout":
                        await asyncio.sleep(0.05)
                        writer.write(
                            _head(
                                408,
                                "Request Timeout",
                                {"Content-Length": "0", "Connection": "close"},
                            )
                        )
                        await writer.drain()
                        break
                    continue
                payload = json.dumps(body).encode()
                extra = b""
                if status == 404 and "x-amzn-errortype" in headers:
                    extra = b"x-amzn-ErrorType: NotFoundException\r\n"
                writer.write(
                    b"HTTP/1.1 %d %s\r\nContent-Type: application/json\r\n%s"
                    b"Content-Length: %d\r\n\r\n%s"
                    % (
                        status,
                        b"OK" if status == 200 else b"Not Found",
                        extra,
                        len(payload),
                        payload,
                    )
                )
                await writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError, ValueError, asyncio.CancelledError):
            pass
        finally:
            writer.close()

    async def _error(writer: asyncio.StreamWriter, action: str, *, email: bool) -> None:
        code, status = {
            "throttle": ("TooManyRequestsException" if email else "ThrottlingException", 429),
            "reject": ("MessageRejected" if email else "ValidationException", 400),
            "fail": ("InternalFailure", 500),
        }[action]
        if not email and action == "throttle":
            status = 400
        body: dict[str, str] = {"message": f"stand-in {action}"}
        head: dict[str, str] = {"Content-Type": "application/json"}
        if email:
            head["x-amzn-ErrorType"] = f"{code}:http://internal.amazon.com/"
        else:
            body["__type"] = f"com.amazonaws.pinpointsmsvoicev2#{code}"
        payload = json.dumps(body).encode()
        head["Content-Length"] = str(len(payload))
        writer.write(_head(status, "Error", head) + payload)
        await writer.drain()

    async def run() -> None:
        server = await asyncio.start_server(answer, "127.0.0.1", 0, backlog=128)
        port_out.send(server.sockets[0].getsockname()[1])
        deadline = time.monotonic() + 120
        while not stop.is_set() and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        server.close()

    asyncio.run(run())


class AwsStandIn:
    """Context manager: ``with AwsStandIn(templates) as aws:`` then
    ``boto3.client(..., endpoint_url=aws.url)``.

    ``templates`` maps ``"<name>/EMAIL"`` or ``"<name>/SMS"`` to the JSON the service returns
    (an ``EmailTemplateResponse`` or ``SMSTemplateResponse``). ``script``: see the module
    docstring.
    """

    def __init__(
        self,
        templates: dict[str, dict[str, Any]],
        *,
        latency: float = 0.020,
        script: dict[str, list[str]] | None = None,
        close_reused: bool = False,
    ) -> None:
        self._templates = templates
        self._close_reused = close_reused
        self.latency = latency
        self._script = script or {}
        self._sent = multiprocessing.Value("i", 0)
        self._received = multiprocessing.Value("i", 0)
        self._stop = multiprocessing.Event()
        self.url = ""

    @property
    def sent(self) -> int:
        """How many SendEmail / SendTextMessage requests were answered."""
        return int(self._sent.value)

    @property
    def received(self) -> int:
        """How many SendEmail / SendTextMessage requests arrived (answered or not)."""
        return int(self._received.value)

    def __enter__(self) -> AwsStandIn:
        port_in, port_out = multiprocessing.Pipe(duplex=False)
        self._process = multiprocessing.Process(
            target=_serve,
            args=(
                port_out,
                self._stop,
                self._sent,
                self._received,
                self._templates,
                self.latency,
                self._script,
                self._close_reused,
            ),
            daemon=True,
        )
        self._process.start()
        if not port_in.poll(20):
            raise RuntimeError("the AWS stand-in did not start")
        self.url = f"http://127.0.0.1:{port_in.recv()}"
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._process.join(5)
        if self._process.is_alive():
            self._process.terminate()
