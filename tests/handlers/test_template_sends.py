"""The template renderer's sends on the official SDK against local stand-ins on 127.0.0.1:
at most one request per endpoint per invocation (servers that close reused connections or
drop a connection after reading the request get exactly one request per endpoint, reported
``unknown``), throttling retried and nothing else, the deadline bounding every request, and
send clients that would retry refused."""

from __future__ import annotations

import json
import socket
import time
from typing import Any

import boto3
import pytest
from _aws_stand_in import AwsStandIn
from botocore.config import Config
from botocore.exceptions import BotoCoreError
from template_renderer import index
from template_renderer.logic import ConfigurationError, RendererConfig, TemplateRenderer, handle

FROM = "Example <news@example.com>"


def _templates() -> dict[str, dict[str, Any]]:
    stamp = {"CreationDate": "2026-01-01T00:00:00Z", "LastModifiedDate": "2026-01-01T00:00:00Z"}
    return {
        "welcome/EMAIL": {
            "TemplateName": "welcome",
            "TemplateType": "EMAIL",
            "Subject": "Hi {{User.UserAttributes.FirstName}}",
            "TextPart": "Hello {{User.UserAttributes.FirstName}}",
            "Version": "1",
            **stamp,
        },
        "offer/SMS": {
            "TemplateName": "offer",
            "TemplateType": "SMS",
            "Body": "{{Attributes.Text}}",
            "Version": "1",
            **stamp,
        },
    }


class _Context:
    def __init__(self, millis: int = 12_000) -> None:
        self.millis = millis

    def get_remaining_time_in_millis(self) -> int:
        return self.millis


def _quiet(_record: Any) -> None:
    return None


def _client(url: str, service: str, config: Config | None = None) -> Any:
    return boto3.client(
        service,
        region_name="us-east-1",
        endpoint_url=url,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        config=config,
    )


def _renderer(aws: AwsStandIn, send_url: str | None = None, **config: Any) -> TemplateRenderer:
    settings: dict[str, Any] = {
        "templates": {"EMAIL": frozenset({"welcome"}), "SMS": frozenset({"offer"})},
        "from_address": FROM,
        "sms_origination_identity": "pool-1",
        "backoff_base": 0.001,
    }
    settings.update(config)
    send_config = index.send_client_config(settings.get("max_concurrency", 50))
    url = send_url or aws.url
    return TemplateRenderer(
        RendererConfig(**settings),
        pinpoint=_client(aws.url, "pinpoint", index.TEMPLATE_CLIENT_CONFIG),
        ses=_client(url, "sesv2", send_config),
        sms=_client(url, "pinpoint-sms-voice-v2", send_config),
    )


def _event(endpoints: dict[str, Any], template: str = "welcome") -> dict[str, Any]:
    return {
        "ApplicationId": "app-1",
        "CampaignId": "campaign-1",
        "Data": json.dumps({"template": template}),
        "Endpoints": endpoints,
    }


def _email(address: str) -> dict[str, Any]:
    return {
        "ChannelType": "EMAIL",
        "Address": address,
        "User": {"UserAttributes": {"FirstName": ["ann"]}},
    }


def _sms(phone: str, text: str = "20% off") -> dict[str, Any]:
    return {"ChannelType": "SMS", "Address": phone, "Attributes": {"Text": [text]}}


def _failures(result: dict[str, Any]) -> dict[str, tuple[str, int, str]]:
    return {
        endpoint_id: (f["reason"], f["attempts"], f["detail"].split(":")[0])
        for endpoint_id, f in result["failed"].items()
    }


# ---- duplicates: never a second request for an endpoint ------------------------------------------


@pytest.mark.parametrize("idle", [1, 10, 50])
def test_a_server_closing_reused_connections_gets_one_request_per_endpoint(idle):
    """With ``idle`` kept-alive connections in the pool and a server that closes a reused
    connection after reading the request, unanswered, each endpoint's request arrives once
    and is reported ``unknown`` (the hand-written transport sent it ``idle + 1`` times)."""
    with AwsStandIn(_templates(), latency=0.005, close_reused=True) as aws:
        renderer = _renderer(aws)
        try:
            warm = {f"w{i}": _sms(f"+1206555{i:04d}") for i in range(idle)}
            first = handle(_event(warm, "offer"), _Context(), renderer, log=_quiet)
            # A worker may reuse another's connection within the batch: that endpoint's
            # request is read and dropped, and it too is reported unknown, once.
            assert aws.received == idle
            assert {f["reason"] for f in first["failed"].values()} <= {"unknown"}
            before = aws.received
            second = handle(_event({"a": _sms("+12065559999")}, "offer"), _Context(), renderer)
            arrived = aws.received - before
        finally:
            renderer.close()
    # Exactly one request whatever happened to it: on a reused connection the server closes
    # (reported unknown, never resent), or on a new one when the pool had dropped its idle
    # connections by then (which a loaded machine's timing can cause): delivered.
    assert arrived == 1
    if "a" in second["delivered"]:
        assert second["failed"] == {}
    else:
        failure = second["failed"]["a"]
        assert (failure["reason"], failure["attempts"]) == ("unknown", 1)
        assert failure["detail"].startswith("ConnectionClosedError")
        assert "not resent" in failure["detail"]


def test_a_full_batch_on_reused_connections_that_are_closed_sends_each_endpoint_once():
    with AwsStandIn(_templates(), latency=0.005, close_reused=True) as aws:
        renderer = _renderer(aws)
        try:
            endpoints = {f"e{i}": _email(f"u{i}@example.com") for i in range(50)}
            handle(_event(endpoints), _Context(), renderer, log=_quiet)
            before = aws.received
            second = handle(_event(endpoints), _Context(), renderer, log=_quiet)
            arrived = aws.received - before
        finally:
            renderer.close()
    # Each endpoint once: delivered (a new connection) or unknown (a reused one, closed).
    assert arrived == 50
    assert len(second["delivered"]) + len(second["failed"]) == 50
    assert {f["reason"] for f in second["failed"].values()} <= {"unknown"}


@pytest.mark.parametrize(
    ("endpoint", "template"),
    [(_sms("+12065550100"), "offer"), (_email("d@example.com"), "welcome")],
)
def test_a_connection_dropped_after_the_request_was_read_is_unknown_and_not_resent(
    endpoint, template
):
    """The botocore settings the renderer used to have (``max_attempts: 1``, which counts
    retries) sent a dropped SMS twice."""
    address = endpoint["Address"]
    with AwsStandIn(_templates(), latency=0.005, script={address: ["drop"]}) as aws:
        renderer = _renderer(aws)
        try:
            summary: list[dict[str, Any]] = []
            result = handle(
                _event({"a": endpoint}, template), _Context(), renderer, log=summary.append
            )
        finally:
            renderer.close()
        received, sent = aws.received, aws.sent
    assert (received, sent) == (1, 0)
    failure = result["failed"]["a"]
    assert (failure["reason"], failure["attempts"]) == ("unknown", 1)
    assert summary[-1]["message"] == "template renderer summary"
    assert (summary[-1]["unknown"], summary[-1]["failed"]) == (1, 1)


def test_a_half_sent_response_is_unknown_and_not_resent():
    script = {"partial@example.com": ["partial"]}
    with AwsStandIn(_templates(), latency=0.005, script=script) as aws:
        renderer = _renderer(aws)
        try:
            result = handle(_event({"a": _email("partial@example.com")}), _Context(), renderer)
        finally:
            renderer.close()
        received = aws.received
    assert received == 1
    assert _failures(result)["a"][:2] == ("unknown", 1)


def test_an_idle_connection_the_server_answered_408_and_closed_is_not_reused():
    script = {"idle@example.com": ["idle-timeout"]}
    with AwsStandIn(_templates(), latency=0.005, script=script) as aws:
        renderer = _renderer(aws)
        try:
            first = handle(_event({"a": _email("idle@example.com")}), _Context(), renderer)
            time.sleep(0.3)  # the stand-in answers 408 and closes while the function is idle
            second = handle(_event({"b": _email("ok@example.com")}), _Context(), renderer)
        finally:
            renderer.close()
        received = aws.received
    assert first["delivered"] == ["a"] and second["delivered"] == ["b"], second
    assert received == 2


# ---- what is retried: throttling only ------------------------------------------------------------

SCRIPT = {
    "throttle2@example.com": ["throttle", "throttle", "ok"],
    "throttled@example.com": ["throttle"],
    "reject@example.com": ["reject"],
    "fail@example.com": ["fail"],
    "chunked@example.com": ["chunked"],
    "continue@example.com": ["continue"],
    "+12065550102": ["throttle", "ok"],
    "+12065550103": ["throttle"],
    "+12065550104": ["reject"],
    "+12065550105": ["chunked"],
}


def test_failure_matrix_against_the_stand_ins():
    emails = {
        name: _email(f"{name}@example.com")
        for name in ("ok", "throttle2", "throttled", "reject", "fail", "chunked", "continue")
    }
    phones = {f"sms{i}": _sms(f"+1206555010{i}") for i in (1, 2, 3, 4, 5)}
    with AwsStandIn(_templates(), latency=0.005, script=SCRIPT) as aws:
        renderer = _renderer(aws)
        try:
            email = handle(_event(emails), _Context(), renderer, log=_quiet)
            sms = handle(_event(phones, "offer"), _Context(), renderer, log=_quiet)
        finally:
            renderer.close()
        received = aws.received
    assert sorted(email["delivered"]) == ["chunked", "continue", "ok", "throttle2"]
    assert _failures(email) == {
        "throttled": ("throttled", 3, "TooManyRequestsException"),
        "reject": ("rejected", 1, "MessageRejected"),
        "fail": ("send_failed", 1, "InternalFailure"),  # a server error is not retried
    }
    assert sorted(sms["delivered"]) == ["sms1", "sms2", "sms5"]
    assert _failures(sms) == {
        "sms3": ("throttled", 3, "ThrottlingException"),
        "sms4": ("rejected", 1, "ValidationException"),
    }
    # One request per attempt: email 1+3+3+1+1+1+1, SMS 1+2+3+1+1.
    assert received == 11 + 8


def test_a_request_the_model_refuses_is_rejected_without_a_call():
    with AwsStandIn(_templates(), latency=0.005) as aws:
        renderer = _renderer(aws)
        try:
            result = handle(
                _event({"empty": _sms("+12065550100", ""), "ok": _sms("+12065550101")}, "offer"),
                _Context(),
                renderer,
                log=_quiet,
            )
        finally:
            renderer.close()
        received = aws.received
    assert result["delivered"] == ["ok"]
    failure = result["failed"]["empty"]
    assert failure["reason"] == "rejected" and failure["attempts"] == 0
    assert "MessageBody" in failure["detail"]
    assert received == 1


def test_an_unreachable_service_fails_the_send_as_not_sent():
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    with AwsStandIn(_templates(), latency=0.005) as aws:
        renderer = _renderer(aws, send_url=f"http://127.0.0.1:{port}")  # nothing listens
        try:
            result = handle(_event({"a": _email("ok@example.com")}), _Context(), renderer)
        finally:
            renderer.close()
    failure = result["failed"]["a"]
    assert (failure["reason"], failure["attempts"]) == ("send_failed", 1)
    assert failure["detail"].startswith("EndpointConnectionError")
    assert failure["detail"].endswith("(not sent)")


def test_a_helper_that_fails_on_an_endpoints_data_fails_that_endpoint_only():
    """An unexpected error while preparing one endpoint (hashing text UTF-8 can't encode, a
    lone surrogate from the endpoint's JSON) is reported for that endpoint only."""
    templates = {
        "score/EMAIL": {
            **_templates()["welcome/EMAIL"],
            "TemplateName": "score",
            "TextPart": "Your code {{sha256 Attributes.Score}}",
        }
    }
    endpoints = {
        "good": {**_email("good@example.com"), "Attributes": {"Score": ["1.5"]}},
        "odd": {**_email("odd@example.com"), "Attributes": {"Score": ["\ud800"]}},
    }
    with AwsStandIn(templates, latency=0.005) as aws:
        renderer = _renderer(aws, templates={"EMAIL": frozenset({"score"})})
        try:
            result = handle(_event(endpoints, "score"), _Context(), renderer, log=_quiet)
        finally:
            renderer.close()
    assert result["delivered"] == ["good"]
    assert result["failed"]["odd"]["reason"] == "internal_error"
    assert "UnicodeEncodeError" in result["failed"]["odd"]["detail"]


# ---- the deadline --------------------------------------------------------------------------------


def test_a_slow_answer_is_unknown_and_its_worker_stops_at_the_deadline():
    """The request's read timeout is bounded by the time left: the worker itself gives up at
    the deadline (not after the client's 5-second read timeout), so the next invocation has
    its workers and connections."""
    script = {"slow@example.com": ["slow"]}
    with AwsStandIn(_templates(), latency=0.005, script=script) as aws:
        renderer = _renderer(aws, max_concurrency=2)
        try:
            endpoints = {"slow": _email("slow@example.com"), "ok": _email("ok@example.com")}
            started = time.monotonic()
            # 1.2 s left: the deadline is 0.9 s away, the slow answer takes 3 s.
            result = handle(_event(endpoints), _Context(1200), renderer, log=_quiet)
            elapsed = time.monotonic() - started
            renderer._executor.submit(lambda: None).result(timeout=0.5)  # a worker is free
            after = handle(_event({"ok": _email("ok@example.com")}), _Context(), renderer)
        finally:
            renderer.close()
        received = aws.received
    assert 0.85 < elapsed < 1.2
    assert result["delivered"] == ["ok"]
    failure = result["failed"]["slow"]
    assert (failure["reason"], failure["attempts"]) == ("unknown", 1)
    assert failure["detail"].startswith("ReadTimeoutError")
    assert after["delivered"] == ["ok"]
    assert received == 3


def test_endpoints_not_started_by_the_deadline_are_not_attempted():
    script = {"slow@example.com": ["slow"]}
    with AwsStandIn(_templates(), latency=0.005, script=script) as aws:
        renderer = _renderer(aws, max_concurrency=1)  # the second endpoint waits for the first
        try:
            endpoints = {"slow": _email("slow@example.com"), "next": _email("ok@example.com")}
            result = handle(_event(endpoints), _Context(1200), renderer, log=_quiet)
        finally:
            renderer.close()
        received = aws.received
    assert result["failed"]["slow"]["reason"] == "unknown"
    assert result["failed"]["next"]["reason"] == "not_attempted"
    assert result["failed"]["next"]["attempts"] == 0
    assert received == 1


def test_a_retry_that_would_pass_the_deadline_is_not_waited_for(monkeypatch):
    import common.aws

    monkeypatch.setattr(common.aws.random, "uniform", lambda _low, high: high)
    script = {"throttled@example.com": ["throttle"]}
    with AwsStandIn(_templates(), latency=0.005, script=script) as aws:
        renderer = _renderer(aws, backoff_base=5.0, backoff_max=5.0)
        try:
            started = time.monotonic()
            result = handle(
                _event({"a": _email("throttled@example.com")}), _Context(1200), renderer
            )
            elapsed = time.monotonic() - started
        finally:
            renderer.close()
    failure = result["failed"]["a"]
    assert failure["reason"] == "throttled" and failure["attempts"] == 1
    assert failure["detail"] == (
        "TooManyRequestsException: stand-in throttle; deadline reached before the next retry"
    )
    assert elapsed < 0.5


# ---- the send clients ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("config", "arrivals"),
    [
        (Config(retries={"mode": "standard", "max_attempts": 1}), 2),  # the old setting
        (index.send_client_config(), 1),
    ],
)
def test_botocore_max_attempts_counts_retries_and_total_max_attempts_does_not(config, arrivals):
    """Why the send clients say ``total_max_attempts``: against a server that drops the
    connection after reading the request, ``max_attempts: 1`` sends the SMS twice."""
    phone = "+12065550100"
    with AwsStandIn(_templates(), latency=0.005, script={phone: ["drop"]}) as aws:
        sms = _client(aws.url, "pinpoint-sms-voice-v2", config)
        with pytest.raises(BotoCoreError):
            sms.send_text_message(
                DestinationPhoneNumber=phone,
                OriginationIdentity="pool-1",
                MessageBody="hi",
                MessageType="TRANSACTIONAL",
            )
        received = aws.received
    assert received == arrivals


def test_the_send_clients_make_one_attempt_per_call_with_a_pool_per_worker():
    config = index.send_client_config(20)
    ses = boto3.client("sesv2", region_name="us-east-1", config=config)
    assert ses.meta.config.retries["total_max_attempts"] == 1
    assert ses.meta.config.max_pool_connections == 20


@pytest.mark.parametrize(
    ("retries", "shown"),
    [
        ({"max_attempts": 1}, "'total_max_attempts': 2"),
        ({"mode": "standard"}, "{'mode': 'standard'}"),
        ({"total_max_attempts": 2}, "'total_max_attempts': 2"),
    ],
)
def test_a_send_client_that_would_resend_is_a_configuration_error(retries, shown):
    """``max_attempts: 1`` counts retries: two attempts, the duplicate the audit found."""
    ses = boto3.client("sesv2", region_name="us-east-1", config=Config(retries=retries))
    pinpoint = boto3.client("pinpoint", region_name="us-east-1")
    with pytest.raises(ConfigurationError) as raised:
        TemplateRenderer(
            RendererConfig(templates={"EMAIL": frozenset({"welcome"})}, from_address=FROM),
            pinpoint=pinpoint,
            ses=ses,
        )
    message = str(raised.value)
    assert message.startswith(
        "the EMAIL send client must make one attempt per call "
        '(Config(retries={"total_max_attempts": 1})), got retries={'
    )
    assert shown in message


def test_the_entry_point_sizes_the_send_pool_to_the_concurrency(monkeypatch):
    import common.aws

    monkeypatch.setenv("TEMPLATES", '{"SMS": ["offer"]}')
    monkeypatch.setenv("SMS_ORIGINATION_IDENTITY", "pool-1")
    monkeypatch.setenv("MAX_CONCURRENCY", "7")
    common.aws.client.cache_clear()
    index.reset()
    try:
        renderer = index._container_renderer()
        sms = renderer._operations["SMS"].__self__
        assert sms.meta.config.max_pool_connections == 7
        assert sms.meta.config.retries["total_max_attempts"] == 1
        assert renderer._executor._max_workers == 7
    finally:
        index.reset()
        common.aws.client.cache_clear()
