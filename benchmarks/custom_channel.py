"""Webhook forwarder throughput: one 50-endpoint invocation vs. one request vs. a serial loop.

Starts a local HTTP/1.1 receiver on 127.0.0.1 that answers every request after 20 ms. It runs
asyncio in its own process: a thread-per-connection receiver in the same process would share the
GIL with the forwarder's 50 workers and measure its own overhead, not the forwarder's. Then it
measures, in one run:

* one request: a 1-endpoint invocation through the forwarder (warm connection);
* the forwarder: a 50-endpoint invocation (Pinpoint's maximum batch), cold and warm;
* a naive serial loop: 50 POSTs one after another with ``urllib.request``.

Run from the repository root: ``python benchmarks/custom_channel.py`` (a few seconds).
Everything stays on 127.0.0.1; nothing calls AWS.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import statistics
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

HANDLERS_ROOT = Path(__file__).resolve().parent.parent / "pinpoint_constructs" / "handlers"
sys.path.insert(0, str(HANDLERS_ROOT))

from webhook_forwarder.logic import (  # noqa: E402  (needs the handlers root on sys.path)
    ForwarderConfig,
    WebhookForwarder,
    handle,
)

LATENCY_SECONDS = 0.020
ENDPOINTS = 50
REPEATS = 5
MAX_REQUESTS = 2_000  # the receiver refuses to serve more than this


async def _answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    """One keep-alive connection: read each POST, wait 20 ms, answer 200."""
    global _served
    try:
        while _served < MAX_REQUESTS:
            if not await reader.readline():  # request line; b"" when the client closed
                break
            length = 0
            while (header := await reader.readline()) not in (b"\r\n", b"\n", b""):
                name, _, value = header.decode("latin-1").partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value)
            await reader.readexactly(length)
            _served += 1
            await asyncio.sleep(LATENCY_SECONDS)
            body = b'{"ok":true}'
            writer.write(
                b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                b"Content-Length: %d\r\n\r\n%s" % (len(body), body)
            )
            await writer.drain()
    except (ConnectionError, asyncio.IncompleteReadError, ValueError):
        pass
    finally:
        writer.close()


_served = 0


def _serve(port_out: Any, stop: Any) -> None:
    """Receiver process (asyncio, one thread): serves until ``stop`` is set, at most 2 minutes."""

    async def run() -> None:
        server = await asyncio.start_server(_answer, "127.0.0.1", 0, backlog=128)
        port_out.send(server.sockets[0].getsockname()[1])
        deadline = time.monotonic() + 120
        while not stop.is_set() and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        server.close()

    asyncio.run(run())


class _Context:
    def get_remaining_time_in_millis(self) -> int:
        return 12_000


def _event(count: int) -> dict[str, Any]:
    return {
        "Message": {},
        "Data": '{"text":"hello"}',
        "ApplicationId": "bench-app",
        "CampaignId": "bench-campaign",
        "TreatmentId": "0",
        "ActivityId": "bench-activity",
        "ScheduledTime": "2026-01-01T00:00:00.000Z",
        "Endpoints": {
            f"endpoint-{i}": {"ChannelType": "CUSTOM", "Address": f"user-{i}"} for i in range(count)
        },
    }


def _timed_invocation(forwarder: WebhookForwarder, count: int) -> float:
    started = time.perf_counter()
    result = handle(_event(count), _Context(), forwarder, log=lambda _line: None)
    elapsed = time.perf_counter() - started
    if len(result["delivered"]) != count:
        raise SystemExit(f"benchmark invalid: {result['failed']}")
    return elapsed


def _serial_loop(url: str, count: int) -> float:
    started = time.perf_counter()
    for i in range(count):
        request = urllib.request.Request(
            url,
            data=b'{"endpointId":"endpoint-%d"}' % i,
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        with urllib.request.urlopen(request, timeout=5) as response:
            response.read()
    return time.perf_counter() - started


def main() -> None:
    port_in, port_out = multiprocessing.Pipe(duplex=False)
    stop = multiprocessing.Event()
    process = multiprocessing.Process(target=_serve, args=(port_out, stop), daemon=True)
    process.start()
    if not port_in.poll(10):
        raise SystemExit("receiver did not start")
    url = f"http://127.0.0.1:{port_in.recv()}/hook"
    forwarder = WebhookForwarder(ForwarderConfig(url=url, allow_http=True))
    try:
        cold = _timed_invocation(forwarder, ENDPOINTS)  # opens the keep-alive connections
        single = statistics.median(_timed_invocation(forwarder, 1) for _ in range(REPEATS))
        warm = statistics.median(_timed_invocation(forwarder, ENDPOINTS) for _ in range(REPEATS))
        serial = statistics.median(_serial_loop(url, ENDPOINTS) for _ in range(3))
    finally:
        forwarder.close()
        stop.set()
        process.join(5)

    ms = 1000
    print(f"receiver latency per request      : {LATENCY_SECONDS * ms:.0f} ms (127.0.0.1)")
    print(f"one request (1-endpoint invocation): {single * ms:7.1f} ms")
    print(f"forwarder, {ENDPOINTS} endpoints, warm   : {warm * ms:7.1f} ms (median of {REPEATS})")
    print(f"forwarder, {ENDPOINTS} endpoints, cold   : {cold * ms:7.1f} ms (new connections)")
    print(f"naive serial loop, {ENDPOINTS} endpoints : {serial * ms:7.1f} ms (median of 3)")
    print(f"forwarder / one request           : {warm / single:5.2f}x  (goal: close to 1x)")
    print(f"serial loop / one request         : {serial / single:5.2f}x  (~{ENDPOINTS}x expected)")
    print(f"serial loop / forwarder           : {serial / warm:5.2f}x faster")
    print(f"connections opened by forwarder   : {forwarder.connections_opened}")


if __name__ == "__main__":
    main()
