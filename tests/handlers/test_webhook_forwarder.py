"""The webhook forwarder against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from _http_server import Received, Reply, WebhookServer
from botocore.stub import Stubber
from common.aws import client
from webhook_forwarder import index, logic
from webhook_forwarder.logic import (
    ConfigurationError,
    ForwarderConfig,
    WebhookForwarder,
    handle,
    idempotency_key,
    parse_invocation,
)

SECRET_ARN = "arn:aws:secretsmanager:us-east-1:111122223333:secret:webhook-token-AbCdEf"


class FakeContext:
    """The one Lambda context method the forwarder uses."""

    def __init__(self, remaining_ms: int = 10_000) -> None:
        self._deadline = time.monotonic() + remaining_ms / 1000

    def get_remaining_time_in_millis(self) -> int:
        return max(0, int((self._deadline - time.monotonic()) * 1000))


def endpoint(i: int) -> dict[str, Any]:
    return {
        "ChannelType": "CUSTOM",
        "Address": f"user{i}@example.com",
        "EndpointStatus": "ACTIVE",
        "OptOut": "NONE",
        "Attributes": {"Tier": ["gold"]},
        "User": {"UserId": f"user-{i}", "UserAttributes": {"FirstName": [f"Name{i}"]}},
    }


def campaign_event(count: int = 3, **overrides: Any) -> dict[str, Any]:
    event: dict[str, Any] = {
        "Message": {},
        "Data": '{"text":"hello"}',
        "ApplicationId": "app-1",
        "CampaignId": "camp-1",
        "TreatmentId": "0",
        "ActivityId": "act-1",
        "ScheduledTime": "2026-04-08T19:00:16.843Z",
        "Endpoints": {f"ep-{i}": endpoint(i) for i in range(count)},
    }
    event.update(overrides)
    return event


@pytest.fixture
def forwarders() -> Iterator[list[WebhookForwarder]]:
    created: list[WebhookForwarder] = []
    yield created
    for forwarder in created:
        forwarder.close()


@pytest.fixture
def make_forwarder(forwarders: list[WebhookForwarder]):
    def make(url: str, *, auth: str | None = None, **overrides: Any) -> WebhookForwarder:
        settings: dict[str, Any] = {
            "url": url,
            "allow_http": True,
            "backoff_base": 0.01,
            "backoff_max": 0.05,
        }
        settings.update(overrides)
        forwarder = WebhookForwarder(ForwarderConfig(**settings), auth_header_value=auth)
        forwarders.append(forwarder)
        return forwarder

    return make


def run(forwarder: WebhookForwarder, event: Any, remaining_ms: int = 10_000):
    logs: list[dict[str, Any]] = []
    result = handle(event, FakeContext(remaining_ms), forwarder, log=logs.append)
    return result, logs


# --------------------------------------------------------------------------- success


def test_every_endpoint_gets_exactly_one_post_with_its_body(make_forwarder):
    event = campaign_event(3)
    with WebhookServer() as server:
        result, logs = run(make_forwarder(server.url), event)

    assert result["status"] == "ok"
    assert sorted(result["delivered"]) == ["ep-0", "ep-1", "ep-2"]
    assert result["failed"] == {}
    assert len(server.requests) == 3
    bodies = {r.json["endpointId"]: r for r in server.requests}
    assert sorted(bodies) == ["ep-0", "ep-1", "ep-2"]
    request = bodies["ep-1"]
    assert request.path == "/hook"
    assert request.headers["content-type"] == "application/json"
    invocation = parse_invocation(event)
    assert request.headers["idempotency-key"] == idempotency_key(invocation, "ep-1")
    assert request.json == {
        "applicationId": "app-1",
        "campaignId": "camp-1",
        "treatmentId": "0",
        "journeyId": None,
        "activityId": "act-1",
        "scheduledTime": "2026-04-08T19:00:16.843Z",
        "idempotencyKey": idempotency_key(invocation, "ep-1"),
        "endpointId": "ep-1",
        "address": "user1@example.com",
        "channelType": "CUSTOM",
        "endpointStatus": "ACTIVE",
        "optOut": "NONE",
        "endpointAttributes": {"Tier": ["gold"]},
        "user": {"userId": "user-1", "userAttributes": {"FirstName": ["Name1"]}},
        "data": '{"text":"hello"}',
        "message": {},
    }
    summary = logs[-1]
    assert summary["message"] == "webhook forwarder summary"
    assert (summary["endpoints"], summary["delivered"], summary["failed"]) == (3, 3, 0)
    assert summary["durationMs"] >= 0
    assert len(logs) == 1  # no failure lines


def test_journey_invocation_forwards_journey_ids(make_forwarder):
    event = campaign_event(1, JourneyId="journey-9", ActivityId="send-1")
    del event["CampaignId"], event["TreatmentId"]
    with WebhookServer() as server:
        result, _ = run(make_forwarder(server.url), event)

    assert result["status"] == "ok"
    body = server.requests[0].json
    assert (body["journeyId"], body["activityId"], body["campaignId"]) == (
        "journey-9",
        "send-1",
        None,
    )


def test_pool_is_bounded_and_connections_are_kept_alive(make_forwarder):
    def slow(_req: Received, _seen: int) -> Reply:
        time.sleep(0.02)
        return Reply()

    with WebhookServer(slow) as server:
        forwarder = make_forwarder(server.url, max_concurrency=4)
        result, _ = run(forwarder, campaign_event(20))

    assert len(result["delivered"]) == 20
    assert len(server.requests) == 20
    assert server.max_in_flight <= 4
    # 20 requests over at most 4 keep-alive connections, not one connection per request.
    assert len({r.connection for r in server.requests}) <= 4
    assert forwarder.connections_opened <= 4


def test_a_keep_alive_connection_closed_by_the_server_is_replaced(make_forwarder):
    with WebhookServer(lambda _r, _n: Reply(drop_after=True)) as server:
        forwarder = make_forwarder(server.url, max_concurrency=1)
        result, logs = run(forwarder, campaign_event(3))

    assert result["status"] == "ok"
    assert len(server.requests) == 3  # no request was lost or sent twice
    assert logs[-1]["attempts"] == 3  # reconnecting is not a retry
    assert len({r.connection for r in server.requests}) == 3


# --------------------------------------------------------------------------- retries


def test_500_then_success_is_retried_with_the_same_key(make_forwarder):
    def flaky(_req: Received, seen: int) -> Reply:
        return Reply(status=500, body=b'{"error":"boom"}') if seen == 0 else Reply()

    with WebhookServer(flaky) as server:
        result, logs = run(make_forwarder(server.url), campaign_event(3))

    assert result["status"] == "ok"
    assert len(result["delivered"]) == 3
    assert len(server.requests) == 6
    for key, requests in server.by_key().items():
        assert len(requests) == 2, key
        assert requests[0].body == requests[1].body
    assert logs[-1]["attempts"] == 6


def test_429_honours_retry_after(make_forwarder):
    def throttled(_req: Received, seen: int) -> Reply:
        return Reply(status=429, headers={"Retry-After": "1"}) if seen == 0 else Reply()

    with WebhookServer(throttled) as server:
        result, _ = run(make_forwarder(server.url), campaign_event(1))

    assert result["status"] == "ok"
    first, second = server.requests
    assert first.headers["idempotency-key"] == second.headers["idempotency-key"]
    assert second.at - first.at >= 0.95  # waited for Retry-After, not the 10 ms backoff


def test_retry_after_beyond_the_bound_fails_instead_of_waiting(make_forwarder):
    def throttled(_req: Received, _seen: int) -> Reply:
        return Reply(status=429, headers={"Retry-After": "120"})

    with WebhookServer(throttled) as server:
        started = time.monotonic()
        result, logs = run(make_forwarder(server.url), campaign_event(1))
        elapsed = time.monotonic() - started

    assert elapsed < 1
    assert len(server.requests) == 1
    failure = result["failed"]["ep-0"]
    assert (failure["reason"], failure["status"], failure["attempts"]) == ("http_429", 429, 1)
    assert "Retry-After 120s" in failure["detail"]
    assert logs[0]["message"] == "webhook delivery failed"


def test_client_errors_are_not_retried(make_forwarder):
    with WebhookServer(lambda _r, _n: Reply(status=400, body=b'{"error":"bad"}')) as server:
        result, logs = run(make_forwarder(server.url), campaign_event(2))

    assert result["status"] == "failed"
    assert len(server.requests) == 2
    assert {f["reason"] for f in result["failed"].values()} == {"http_400"}
    assert result["failed"]["ep-0"]["detail"] == '{"error":"bad"}'
    assert [line["endpointId"] for line in logs[:-1]] == ["ep-0", "ep-1"]


def test_retries_stop_after_max_attempts(make_forwarder):
    with WebhookServer(lambda _r, _n: Reply(status=503)) as server:
        result, _ = run(make_forwarder(server.url, max_attempts=3), campaign_event(1))

    assert len(server.requests) == 3
    assert result["failed"]["ep-0"]["attempts"] == 3
    assert result["failed"]["ep-0"]["reason"] == "http_503"


# --------------------------------------------------------------------------- time bounds


def test_server_that_never_answers_times_out_per_endpoint(make_forwarder):
    with WebhookServer(lambda _r, _n: Reply(hang=True), hang_limit=5) as server:
        forwarder = make_forwarder(server.url, request_timeout=0.3, max_attempts=2)
        started = time.monotonic()
        result, logs = run(forwarder, campaign_event(5))
        elapsed = time.monotonic() - started

    # Two 0.3 s attempts plus a short backoff, in parallel: far below 5 endpoints x 2 x 0.3 s.
    assert elapsed < 1.5
    assert result["status"] == "failed"
    assert result["delivered"] == []
    assert set(result["failed"]) == {f"ep-{i}" for i in range(5)}
    for failure in result["failed"].values():
        assert failure["reason"] == "timeout"
        assert failure["attempts"] == 2
    failures = [line for line in logs if line["message"] == "webhook delivery failed"]
    assert sorted(line["endpointId"] for line in failures) == [f"ep-{i}" for i in range(5)]
    assert all(line["reason"] == "timeout" and line["idempotencyKey"] for line in failures)
    assert logs[-1]["failed"] == 5 and logs[-1]["level"] == "WARNING"


def test_deadline_from_the_context_bounds_the_invocation(make_forwarder):
    """A 1.2 s remaining budget wins over a 5 s request timeout and 5 attempts."""
    with WebhookServer(lambda _r, _n: Reply(hang=True), hang_limit=5) as server:
        forwarder = make_forwarder(server.url, request_timeout=5, max_attempts=5, max_concurrency=2)
        started = time.monotonic()
        result, _ = run(forwarder, campaign_event(4), remaining_ms=1200)
        elapsed = time.monotonic() - started

    assert elapsed < 1.2  # returned before the function would have been stopped
    assert len(result["failed"]) == 4
    reasons = sorted(f["reason"] for f in result["failed"].values())
    # Two endpoints were in flight and timed out at the deadline; two never got a worker.
    assert reasons == ["deadline_exceeded", "deadline_exceeded", "timeout", "timeout"]
    assert len(server.requests) == 2


class _DrippingReceiver:
    """A receiver on 127.0.0.1 that answers requests for endpoints named ``fast-*`` at once and
    any other with a 1,000-byte body dripped one byte every 0.2 s (each byte within the
    client's socket timeout), for at most ``limit`` seconds."""

    def __init__(self, limit: float = 8.0) -> None:
        self._server = socket.create_server(("127.0.0.1", 0))
        self._server.settimeout(0.2)
        self._stop = time.monotonic() + limit
        self.url = f"http://127.0.0.1:{self._server.getsockname()[1]}/hook"
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while time.monotonic() < self._stop:
            try:
                conn, _ = self._server.accept()
            except TimeoutError:
                continue
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()
        self._server.close()

    def _serve(self, conn: socket.socket) -> None:
        with conn, contextlib.suppress(OSError, ValueError):
            conn.settimeout(2)
            data = b""
            while b"\r\n\r\n" not in data:
                data += conn.recv(65536)
            head, _, body = data.partition(b"\r\n\r\n")
            length = int(head.lower().split(b"content-length:")[1].split(b"\r\n")[0])
            while len(body) < length:
                body += conn.recv(65536)
            if b'"fast-' in body:
                conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok")
                return
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n")
            while time.monotonic() < self._stop:
                conn.sendall(b"x")
                time.sleep(0.2)


def test_a_dripping_receiver_does_not_keep_workers_busy_after_the_invocation(make_forwarder):
    """The socket timeout bounds each read, not a whole answer: at the deadline the forwarder
    frees the workers still reading, so the next invocation (to endpoints answered at once)
    is delivered rather than stuck behind them."""
    receiver = _DrippingReceiver()
    forwarder = make_forwarder(receiver.url, request_timeout=1, max_concurrency=2)
    first, _ = run(forwarder, campaign_event(2), remaining_ms=1500)
    assert {f["reason"] for f in first["failed"].values()} == {"deadline_exceeded"}
    fast = {f"fast-{i}": endpoint(i) for i in range(2)}
    second, _ = run(forwarder, campaign_event(Endpoints=fast), remaining_ms=3000)
    assert second["status"] == "ok", second


def test_an_ipv6_webhook_url_connects_to_its_address_and_port(make_forwarder):
    """Without an explicit port, http.client would read the last group of the address as the
    port ([2001:db8::10] -> host 2001:db8:, port 10)."""
    for url, port in (("https://[2001:db8::10]/hook", 443), ("http://[2001:db8::10]:8080/h", 8080)):
        forwarder = make_forwarder(url)
        conn, _ = forwarder._connections.get(1.0)
        assert (conn.host, conn.port) == ("2001:db8::10", port)


def test_deadline_leaves_a_safety_margin():
    now = 100.0
    assert logic.deadline_from_context(FakeContext(12_000), lambda: now) == pytest.approx(
        now + 11.0, abs=0.05
    )
    assert logic.deadline_from_context(FakeContext(800), lambda: now) == pytest.approx(
        now + 0.6, abs=0.05
    )
    assert logic.deadline_from_context(None, lambda: now) == now + 11.0


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("event", "message"),
    [
        (None, "event must be a JSON object, got NoneType"),
        (["not", "an", "object"], "event must be a JSON object, got list"),
        ({"CampaignId": "c"}, "ApplicationId is required"),
        (
            {"ApplicationId": "a", "ScheduledTime": "t", "Endpoints": {}},
            "one of CampaignId or JourneyId is required",
        ),
        (
            {"ApplicationId": "a", "CampaignId": "c", "ScheduledTime": "t"},
            "Endpoints must be an object (endpoint id -> endpoint), got missing",
        ),
        (
            {"ApplicationId": "a", "CampaignId": "c", "ScheduledTime": "t", "Endpoints": []},
            "Endpoints must be an object (endpoint id -> endpoint), got list",
        ),
        (campaign_event(1, Data={"not": "a string"}), "Data must be a string, got dict"),
        (campaign_event(1, Message="hi"), "Message must be an object, got str"),
        (campaign_event(1, ApplicationId=["a"]), "ApplicationId must be a string, got list"),
    ],
)
def test_malformed_invocation_is_reported_not_raised(make_forwarder, event, message):
    with WebhookServer() as server:
        result, logs = run(make_forwarder(server.url), event)

    assert result["status"] == "invalid_invocation"
    assert message in result["error"]
    assert result["delivered"] == [] and result["failed"] == {}
    assert logs == [{"level": "ERROR", "message": "invalid invocation", "error": result["error"]}]
    assert server.requests == []


def test_an_invocation_without_scheduled_time_is_still_delivered(make_forwarder):
    """Pinpoint documents ScheduledTime for campaigns; a journey invocation without it must not
    be dropped, and its idempotency key is still stable."""
    event = campaign_event(2)
    del event["ScheduledTime"]
    event.pop("CampaignId")
    event.update(JourneyId="j1", ActivityId="NotifyPartner")
    with WebhookServer() as server:
        result, _logs = run(make_forwarder(server.url), event)
        first_keys = sorted(r.headers["idempotency-key"] for r in server.requests)
    with WebhookServer() as server:
        run(make_forwarder(server.url), event)
        second_keys = sorted(r.headers["idempotency-key"] for r in server.requests)
    assert result["status"] == "ok" and len(result["delivered"]) == 2
    assert first_keys == second_keys and len(set(first_keys)) == 2


def test_a_malformed_endpoint_fails_alone(make_forwarder):
    event = campaign_event(2)
    event["Endpoints"]["broken"] = "not an endpoint"
    with WebhookServer() as server:
        result, logs = run(make_forwarder(server.url), event)

    assert result["status"] == "partial"
    assert sorted(result["delivered"]) == ["ep-0", "ep-1"]
    assert result["failed"]["broken"]["reason"] == "invalid_endpoint"
    assert result["failed"]["broken"]["attempts"] == 0
    assert len(server.requests) == 2
    assert logs[0]["endpointId"] == "broken"


def test_handler_survives_a_malformed_invocation(monkeypatch):
    with WebhookServer() as server:
        monkeypatch.setenv("WEBHOOK_URL", server.url)
        monkeypatch.setenv("ALLOW_HTTP", "true")
        try:
            assert index.handler("garbage", FakeContext())["status"] == "invalid_invocation"
            # The same container keeps working.
            assert index.handler(campaign_event(1), FakeContext())["status"] == "ok"
        finally:
            index.reset()
    assert len(server.requests) == 1


# --------------------------------------------------------------------------- idempotency


def test_idempotency_key_is_stable_across_retries_and_reinvocations(make_forwarder):
    def flaky(_req: Received, seen: int) -> Reply:
        return Reply(status=502) if seen == 0 else Reply()

    event = campaign_event(3)
    with WebhookServer(flaky) as server:
        forwarder = make_forwarder(server.url)
        run(forwarder, event)  # 502 then 200 per endpoint
        run(forwarder, campaign_event(3))  # Pinpoint re-invokes with the same input

    groups = server.by_key()
    assert len(groups) == 3  # one key per endpoint, whatever the number of tries
    for requests in groups.values():
        assert len(requests) == 3
        assert len({r.json["endpointId"] for r in requests}) == 1


def test_idempotency_key_changes_with_the_message():
    base = parse_invocation(campaign_event(1))
    key = idempotency_key(base, "ep-0")
    assert len(key) == 64 and key == idempotency_key(parse_invocation(campaign_event(1)), "ep-0")
    variants = [
        campaign_event(1, ScheduledTime="2026-04-09T19:00:16.843Z"),
        campaign_event(1, TreatmentId="1"),
        campaign_event(1, ActivityId="act-2"),
        campaign_event(1, CampaignId="camp-2"),
    ]
    keys = {idempotency_key(parse_invocation(v), "ep-0") for v in variants}
    assert key not in keys and len(keys) == len(variants)
    assert idempotency_key(base, "ep-1") != key


# --------------------------------------------------------------------------- configuration


def test_https_is_required_unless_http_is_opted_in():
    with pytest.raises(ConfigurationError, match=r"must start with https:// .*ALLOW_HTTP=true"):
        ForwarderConfig.from_env({"WEBHOOK_URL": "http://127.0.0.1:8080/hook"})
    with pytest.raises(ConfigurationError, match="must start with https://"):
        ForwarderConfig.from_env({"WEBHOOK_URL": "ftp://example.com/hook", "ALLOW_HTTP": "true"})
    allowed = ForwarderConfig.from_env(
        {"WEBHOOK_URL": "http://127.0.0.1:8080/hook", "ALLOW_HTTP": "true"}
    )
    assert allowed.allow_http
    assert ForwarderConfig.from_env({"WEBHOOK_URL": "https://hooks.example.com/x"}).url


def test_handler_refuses_plain_http_without_opt_in(monkeypatch):
    with WebhookServer() as server:
        monkeypatch.setenv("WEBHOOK_URL", server.url)
        monkeypatch.delenv("ALLOW_HTTP", raising=False)
        try:
            with pytest.raises(ConfigurationError, match="https://"):
                index.handler(campaign_event(1), FakeContext())
        finally:
            index.reset()
    assert server.requests == []


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({}, "WEBHOOK_URL is required"),
        ({"WEBHOOK_URL": "https://u:p@example.com/"}, "must not contain credentials"),
        ({"WEBHOOK_URL": "https:///path"}, "must name a host"),
        (
            {"WEBHOOK_URL": "https://example.com", "MAX_CONCURRENCY": "0"},
            "MAX_CONCURRENCY must be an integer between 1 and 50, got '0'",
        ),
        (
            {"WEBHOOK_URL": "https://example.com", "REQUEST_TIMEOUT_SECONDS": "soon"},
            "REQUEST_TIMEOUT_SECONDS must be a number in (0, 60], got 'soon'",
        ),
        (
            {"WEBHOOK_URL": "https://example.com", "AUTH_HEADER_NAME": "Authorization"},
            "AUTH_HEADER_NAME and AUTH_SECRET_ARN must be set together",
        ),
        (
            {
                "WEBHOOK_URL": "https://example.com",
                "AUTH_HEADER_NAME": "Bad Header:",
                "AUTH_SECRET_ARN": SECRET_ARN,
            },
            "AUTH_HEADER_NAME must be a valid HTTP header name, got 'Bad Header:'",
        ),
    ],
)
def test_configuration_errors_name_the_variable(env, message):
    with pytest.raises(ConfigurationError) as raised:
        ForwarderConfig.from_env(env)
    assert message in str(raised.value)


# --------------------------------------------------------------------------- auth secret


def test_auth_header_is_read_from_secrets_manager_once_and_sent(monkeypatch, capsys):
    secrets = client("secretsmanager")
    with WebhookServer() as server, Stubber(secrets) as stub:
        stub.add_response(
            "get_secret_value",
            {"ARN": SECRET_ARN, "Name": "webhook-token", "SecretString": "Bearer s3cr3t-value\n"},
            {"SecretId": SECRET_ARN},
        )
        monkeypatch.setenv("WEBHOOK_URL", server.url)
        monkeypatch.setenv("ALLOW_HTTP", "true")
        monkeypatch.setenv("AUTH_HEADER_NAME", "Authorization")
        monkeypatch.setenv("AUTH_SECRET_ARN", SECRET_ARN)
        try:
            # A second GetSecretValue would hit the Stubber with nothing queued and fail.
            assert index.handler(campaign_event(2), FakeContext())["status"] == "ok"
            assert index.handler(campaign_event(3), FakeContext())["status"] == "ok"
        finally:
            index.reset()
        stub.assert_no_pending_responses()

    assert len(server.requests) == 5
    assert {r.headers["authorization"] for r in server.requests} == {"Bearer s3cr3t-value"}
    assert "s3cr3t" not in capsys.readouterr().out  # the secret never reaches the logs


def _secret(stub: Stubber, value: str) -> None:
    stub.add_response(
        "get_secret_value",
        {"ARN": SECRET_ARN, "Name": "webhook-token", "SecretString": value},
        {"SecretId": SECRET_ARN},
    )


def _accepts_only(token: str):
    """A receiver that answers 401 to any other Authorization header."""
    return lambda request, _n: Reply(
        status=200 if request.headers.get("authorization") == token else 401
    )


def test_a_rotated_secret_is_read_again_after_a_401_and_the_request_resent(monkeypatch):
    """The receiver moved to the rotated token: the first 401 makes the forwarder read the
    secret again and resend at once with the new value; later invocations send it directly."""
    secrets = client("secretsmanager")
    with WebhookServer(_accepts_only("Bearer new")) as server, Stubber(secrets) as stub:
        _secret(stub, "Bearer old")
        _secret(stub, "Bearer new")
        monkeypatch.setenv("WEBHOOK_URL", server.url)
        monkeypatch.setenv("ALLOW_HTTP", "true")
        monkeypatch.setenv("AUTH_HEADER_NAME", "Authorization")
        monkeypatch.setenv("AUTH_SECRET_ARN", SECRET_ARN)
        monkeypatch.setattr(logic, "AUTH_REFRESH_MIN_INTERVAL_SECONDS", 0.0)
        try:
            first = index.handler(campaign_event(3), FakeContext())
            second = index.handler(campaign_event(2), FakeContext())
        finally:
            index.reset()
        stub.assert_no_pending_responses()  # exactly two reads of the secret
    assert first["status"] == "ok" and second["status"] == "ok", (first, second)
    sent = [r.headers["authorization"] for r in server.requests]
    assert sent.count("Bearer new") == 5 and set(sent) == {"Bearer old", "Bearer new"}


def test_rejections_reread_the_secret_at_most_every_min_interval(make_forwarder):
    """A value read less than the minimum interval ago is the secret's current one: a 401 to it
    doesn't read the secret again. Later, a 401 does; a receiver that rejects the new value
    too fails the endpoint with its status (no retry loop)."""
    now = [1000.0]
    reads: list[str] = []

    def load() -> str:
        reads.append("read")
        return "Bearer still-wrong"

    with WebhookServer(_accepts_only("Bearer right")) as server:
        forwarder = WebhookForwarder(
            ForwarderConfig(
                url=server.url,
                allow_http=True,
                auth_header_name="Authorization",
                auth_secret_arn=SECRET_ARN,
                max_attempts=3,
            ),
            auth_header_value="Bearer wrong",
            load_auth_header=load,
            clock=lambda: now[0],
        )
        try:
            outcomes = forwarder.forward(parse_invocation(campaign_event(1)), deadline=now[0] + 5)
            again = forwarder.forward(parse_invocation(campaign_event(1)), deadline=now[0] + 5)
            now[0] += logic.AUTH_REFRESH_MIN_INTERVAL_SECONDS + 1
            later = forwarder.forward(parse_invocation(campaign_event(1)), deadline=now[0] + 5)
        finally:
            forwarder.close()
    assert [o.reason for o in (*outcomes, *again, *later)] == ["http_401"] * 3
    assert len(reads) == 1  # only after the interval


def test_the_secret_is_read_again_when_it_is_older_than_the_max_age():
    now = [0.0]
    values = iter(["Bearer v2"])
    header = logic.AuthHeader("Bearer v1", lambda: next(values), clock=lambda: now[0])
    assert header.current() == "Bearer v1"
    now[0] = logic.AUTH_MAX_AGE_SECONDS + 1
    assert header.current() == "Bearer v2"


def test_a_failed_read_of_the_secret_keeps_the_value():
    def broken() -> str:
        raise RuntimeError("AccessDenied")

    header = logic.AuthHeader("Bearer v1", broken, clock=lambda: 1e9, max_age=0, min_interval=0)
    assert header.current() == "Bearer v1"
    assert header.refresh_after_rejection("Bearer v1") is False


def test_a_secret_without_a_string_value_is_a_configuration_error():
    secrets = client("secretsmanager")
    with Stubber(secrets) as stub:
        stub.add_response(
            "get_secret_value",
            {"ARN": SECRET_ARN, "Name": "webhook-token", "SecretBinary": b"\x00\x01"},
            {"SecretId": SECRET_ARN},
        )
        with pytest.raises(ConfigurationError, match="has no SecretString"):
            logic.load_auth_header_value(secrets, SECRET_ARN)
