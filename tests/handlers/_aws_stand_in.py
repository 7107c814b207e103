"""Local stand-ins for Pinpoint's template API, SES v2 and AWS End User Messaging SMS.

One HTTP/1.1 server on 127.0.0.1, run with asyncio in its own process (a thread-per-connection
server in the caller's process would share its GIL and measure itself), which answers boto3
clients created with ``endpoint_url=stand_in.url``:

- ``GET /v1/templates/<name>/email|sms`` (``GetEmailTemplate``/``GetSmsTemplate``): the
  templates given, at once; 404 for others;
- ``POST /v2/email/outbound-emails`` (SES v2 ``SendEmail``) and ``POST /`` with
  ``X-Amz-Target: PinpointSMSVoiceV2.SendTextMessage``: a ``MessageId`` after ``latency``
  seconds.

Bounded: at most ``MAX_REQUESTS`` requests, two minutes of life; nothing leaves 127.0.0.1.
"""

from __future__ import annotations

import asyncio
import json
import multiprocessing
import time
from typing import Any

MAX_REQUESTS = 5_000


def _serve(
    port_out: Any, stop: Any, sent: Any, templates: dict[str, dict[str, Any]], latency: float
) -> None:
    async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
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
                await reader.readexactly(int(headers.get("content-length") or 0))
                status, body = 404, {"message": f"no stand-in for {method} {path}"}
                parts = path.split("?")[0].strip("/").split("/")
                if method == "GET" and len(parts) == 4 and parts[:2] == ["v1", "templates"]:
                    template = templates.get(f"{parts[2]}/{parts[3].upper()}")
                    if template is not None:
                        status, body = 200, template
                    else:
                        status, body = 404, {"Message": "Template not found"}
                        headers["x-amzn-errortype"] = "NotFoundException"
                elif method == "POST" and (
                    path == "/v2/email/outbound-emails"
                    or headers.get("x-amz-target") == "PinpointSMSVoiceV2.SendTextMessage"
                ):
                    sent.value += 1
                    await asyncio.sleep(latency)
                    status, body = 200, {"MessageId": f"message-{sent.value}"}
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
    (an ``EmailTemplateResponse`` or ``SMSTemplateResponse``).
    """

    def __init__(self, templates: dict[str, dict[str, Any]], *, latency: float = 0.020) -> None:
        self._templates = templates
        self.latency = latency
        self._sent = multiprocessing.Value("i", 0)
        self._stop = multiprocessing.Event()
        self.url = ""

    @property
    def sent(self) -> int:
        """How many SendEmail / SendTextMessage requests were answered."""
        return int(self._sent.value)

    def __enter__(self) -> AwsStandIn:
        port_in, port_out = multiprocessing.Pipe(duplex=False)
        self._process = multiprocessing.Process(
            target=_serve,
            args=(port_out, self._stop, self._sent, self._templates, self.latency),
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
