"""The template renderer's lean send transport: its requests equal botocore's (serialization
against the real models, SigV4 against ``botocore.auth.SigV4Auth`` at a frozen time), and
its failure matrix against the local stand-ins on 127.0.0.1 matches the boto3 transport's
(throttling retried, rejections, server errors, chunked bodies, a dropped keep-alive
connection, a half-sent response, a response past the deadline)."""

from __future__ import annotations

import asyncio
import datetime
import json
import shutil
import socket
import subprocess
import time
from typing import Any
from unittest import mock

import boto3
import pytest
from _aws_stand_in import AwsStandIn
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest, AWSResponse
from botocore.config import Config
from botocore.credentials import Credentials
from botocore.exceptions import ParamValidationError
from botocore.httpsession import get_cert_path
from template_renderer import index
from template_renderer import transport as transport_module
from template_renderer.logic import RendererConfig, TemplateRenderer, handle
from template_renderer.transport import FrozenCredentials, ServiceEndpoint, parse_error

FROM = "Example <news@example.com>"
#: 2026-03-04T05:06:07Z
FROZEN = 1772600767.0

EMAILS: list[dict[str, Any]] = [
    {
        "FromEmailAddress": FROM,
        "Destination": {"ToAddresses": ["ann@example.com"]},
        "Content": {
            "Simple": {
                "Subject": {"Data": "Hi", "Charset": "UTF-8"},
                "Body": {"Text": {"Data": "Hello", "Charset": "UTF-8"}},
            }
        },
    },
    {
        "FromEmailAddress": FROM,
        "Destination": {"ToAddresses": ["jürgen@example.com"]},
        "Content": {
            "Simple": {
                "Subject": {"Data": "Grüße, Jürgen 👋", "Charset": "UTF-8"},
                "Body": {
                    "Html": {"Data": '<p>Schöne "Woche"</p>\n\t', "Charset": "UTF-8"},
                    "Text": {"Data": "Schöne Woche", "Charset": "UTF-8"},
                },
                "Headers": [
                    {"Name": "X-Campaign", "Value": "gold  plan"},
                    {"Name": "List-Unsubscribe", "Value": "<https://example.com/u?u=1&x=%20>"},
                ],
            }
        },
        "EmailTags": [{"Name": "pinpoint_template", "Value": "welcome"}],
        "ConfigurationSetName": "mail-events",
    },
]
SMS: list[dict[str, Any]] = [
    {
        "DestinationPhoneNumber": "+12065550100",
        "OriginationIdentity": "pool-1",
        "MessageBody": "Hi",
        "MessageType": "TRANSACTIONAL",
    },
    {
        "DestinationPhoneNumber": "+491701234567",
        "OriginationIdentity": "arn:aws:sms-voice:eu-central-1:123456789012:pool/pool-1",
        "MessageBody": "Grüße 👋 20% off",
        "MessageType": "PROMOTIONAL",
        "ConfigurationSetName": "sms-events",
    },
]
BOTOCORE_ONLY = {"user-agent", "amz-sdk-invocation-id", "amz-sdk-request"}
SIGNATURE = {"authorization", "x-amz-date", "x-amz-security-token"}


class _Raw:
    def __init__(self, body: bytes) -> None:
        self._body = body

    def stream(self, **_kwargs: Any) -> Any:
        yield self._body


def _botocore_request(client: Any, operation: str, params: dict[str, Any]) -> Any:
    """The request botocore itself prepares for ``params`` (captured before sending)."""
    captured: list[Any] = []

    def before_send(request: Any, **_kwargs: Any) -> AWSResponse:
        captured.append(request)
        return AWSResponse(request.url, 200, {}, _Raw(b'{"MessageId": "m-1"}'))

    client.meta.events.register("before-send", before_send)
    try:
        getattr(client, operation)(**params)
    finally:
        client.meta.events.unregister("before-send", before_send)
    (request,) = captured
    return request


def _client(service: str, **options: Any) -> Any:
    settings: dict[str, Any] = {
        "region_name": "eu-central-1",
        "aws_access_key_id": "AKIDEXAMPLE",
        "aws_secret_access_key": "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
    }
    settings.update(options)
    return boto3.client(service, **settings)


CASES = [
    ("sesv2", "send_email", "SendEmail", params, options)
    for params in EMAILS
    for options in ({}, {"config": Config(use_fips_endpoint=True)})
] + [
    ("pinpoint-sms-voice-v2", "send_text_message", "SendTextMessage", params, options)
    for params in SMS
    for options in (
        {},
        {"endpoint_url": "http://127.0.0.1:8123", "aws_session_token": "tok=="},
        {"endpoint_url": "http://[::1]:8123"},  # an IPv6 literal keeps its brackets in Host
        {"endpoint_url": "https://[fd00::1]"},
    )
]


@pytest.mark.parametrize(("service", "method", "operation", "params", "options"), CASES)
def test_serialized_request_equals_botocores(service, method, operation, params, options):
    client = _client(service, **options)
    expected = _botocore_request(client, method, params)
    endpoint = ServiceEndpoint.from_client(client)
    request = endpoint.build(operation, params)
    credentials = endpoint.credentials()
    headers = dict(endpoint.signed_headers(request, credentials, FROZEN))
    assert expected.method == request.method
    assert expected.url == endpoint.url.rstrip("/") + request.path
    assert expected.body == request.body
    assert int(headers["Content-Length"]) == len(expected.body)
    theirs = {
        k.lower(): v.decode() if isinstance(v, bytes) else v for k, v in expected.headers.items()
    }
    ours = {k.lower(): v for k, v in headers.items()}
    strip = BOTOCORE_ONLY | SIGNATURE | {"host", "content-length"}
    assert {k: v for k, v in ours.items() if k not in strip} == {
        k: v for k, v in theirs.items() if k not in strip
    }
    assert ours["host"] == expected.url.split("/")[2].removesuffix(":443")
    assert ("x-amz-security-token" in ours) == ("aws_session_token" in options)
    if "aws_session_token" in options:
        assert ours["x-amz-security-token"] == theirs["x-amz-security-token"] == "tok=="


@pytest.mark.parametrize(("service", "method", "operation", "params", "options"), CASES)
def test_signature_equals_botocores_sigv4_at_the_same_time(
    service, method, operation, params, options
):
    client = _client(service, **options)
    endpoint = ServiceEndpoint.from_client(client)
    request = endpoint.build(operation, params)
    frozen = endpoint.credentials()
    ours = dict(endpoint.signed_headers(request, frozen, FROZEN))
    reference = AWSRequest(
        method=request.method,
        url=endpoint.url.rstrip("/") + request.path,
        headers=dict(request.headers),
        data=request.body,
    )
    signer = SigV4Auth(
        Credentials(frozen.access_key, frozen.secret_key, frozen.token),
        client.meta.service_model.signing_name,
        client.meta.region_name,
    )
    at = datetime.datetime.fromtimestamp(FROZEN, datetime.UTC)
    with mock.patch("botocore.auth.get_current_datetime", return_value=at):
        signer.add_auth(reference)
    assert ours["X-Amz-Date"] == reference.headers["X-Amz-Date"] == "20260304T050607Z"
    assert ours["Authorization"] == reference.headers["Authorization"]
    assert ours.get("X-Amz-Security-Token") == reference.headers.get("X-Amz-Security-Token")


def test_a_different_time_or_body_changes_the_signature():
    endpoint = ServiceEndpoint.from_client(_client("sesv2"))
    request = endpoint.build("SendEmail", EMAILS[0])
    other = endpoint.build("SendEmail", EMAILS[1])
    credentials = endpoint.credentials()

    def auth(req: Any, at: float) -> str:
        return dict(endpoint.signed_headers(req, credentials, at))["Authorization"]

    assert auth(request, FROZEN) != auth(request, FROZEN + 1)
    assert auth(request, FROZEN) != auth(other, FROZEN)


def test_requests_are_validated_against_the_model():
    endpoint = ServiceEndpoint.from_client(_client("pinpoint-sms-voice-v2"))
    with pytest.raises(ParamValidationError) as raised:
        endpoint.build("SendTextMessage", {**SMS[0], "MessageBody": "", "Bogus": 1})
    assert "MessageBody" in str(raised.value) and "Bogus" in str(raised.value)


def test_refreshable_credentials_are_read_per_batch():
    client = _client("sesv2")
    endpoint = ServiceEndpoint.from_client(client)
    source = client._request_signer._credentials
    assert endpoint.credentials() == FrozenCredentials(source.access_key, source.secret_key)
    with mock.patch.object(
        type(source),
        "get_frozen_credentials",
        return_value=mock.Mock(access_key="AK2", secret_key="SK2", token="T2"),
    ):
        assert endpoint.credentials() == FrozenCredentials("AK2", "SK2", "T2")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"url": "ftp://example.com"}, "endpoint URL must be https:// or http://, got 'ftp:"),
        ({"url": "https://"}, "endpoint URL must be https:// or http://, got 'https://'"),
    ],
)
def test_bad_endpoint_urls_are_refused(kwargs, message):
    client = _client("sesv2")
    with pytest.raises(ValueError) as raised:
        ServiceEndpoint(
            region="eu-central-1",
            service_model=client.meta.service_model,
            credentials=lambda: FrozenCredentials("a", "b"),
            **kwargs,
        )
    assert str(raised.value).startswith(message)


def test_only_json_protocols_are_supported():
    with pytest.raises(ValueError) as raised:
        ServiceEndpoint.from_client(_client("s3"))
    assert str(raised.value) == "protocol must be one of ['rest-json', 'json'], got 'rest-xml'"


def test_operations_with_uri_members_are_refused():
    endpoint = ServiceEndpoint.from_client(_client("sesv2"))
    with pytest.raises(ValueError) as raised:
        endpoint.build("GetEmailIdentity", {"EmailIdentity": "example.com"})
    assert "only POST operations with JSON-body members are supported, got GET" in str(raised.value)


@pytest.mark.parametrize(
    ("headers", "body", "expected"),
    [
        (
            {"x-amzn-errortype": "MessageRejected:http://x/"},
            b'{"message": "no"}',
            "MessageRejected",
        ),
        ({}, b'{"__type": "com.amazonaws.x#ThrottlingException", "Message": "no"}', "Throttling"),
        ({}, b'{"code": "ValidationException", "message": "no"}', "ValidationException"),
    ],
)
def test_error_codes_are_read_as_botocore_reads_them(headers, body, expected):
    code, message = parse_error(headers, body)
    assert code is not None and code.startswith(expected)
    assert message == "no"


def test_a_body_that_is_not_json_still_gives_the_header_code():
    assert parse_error({"x-amzn-errortype": "InternalFailure"}, b"<html>") == (
        "InternalFailure",
        None,
    )


# ---- against the stand-ins: both transports, the same outcomes --------------------------------


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


def _stand_in_client(aws: AwsStandIn, service: str, config: Config | None = None) -> Any:
    return boto3.client(
        service,
        region_name="us-east-1",
        endpoint_url=aws.url,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        config=config,
    )


def _renderer(aws: AwsStandIn, transport: str, **config: Any) -> TemplateRenderer:
    settings: dict[str, Any] = {
        "templates": {"EMAIL": frozenset({"welcome"}), "SMS": frozenset({"offer"})},
        "from_address": FROM,
        "sms_origination_identity": "pool-1",
        "backoff_base": 0.001,
        "send_transport": transport,
    }
    settings.update(config)
    return TemplateRenderer(
        RendererConfig(**settings),
        pinpoint=_stand_in_client(aws, "pinpoint"),
        ses=_stand_in_client(aws, "sesv2", index.SEND_CLIENT_CONFIG),
        sms=_stand_in_client(aws, "pinpoint-sms-voice-v2", index.SEND_CLIENT_CONFIG),
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


SCRIPT = {
    "throttle2@example.com": ["throttle", "throttle", "ok"],
    "throttled@example.com": ["throttle"],
    "reject@example.com": ["reject"],
    "fail@example.com": ["fail"],
    "chunked@example.com": ["chunked"],
    "partial@example.com": ["partial"],
    "+12065550102": ["throttle", "ok"],
    "+12065550103": ["throttle"],
    "+12065550104": ["reject"],
    "+12065550105": ["chunked"],
}


def _failures(result: dict[str, Any]) -> dict[str, tuple[str, int, str]]:
    return {
        endpoint_id: (f["reason"], f["attempts"], f["detail"].split(":")[0])
        for endpoint_id, f in result["failed"].items()
    }


@pytest.mark.parametrize("transport", ["lean", "boto3"])
def test_failure_matrix_against_the_stand_ins(transport):
    emails = {
        name: _email(f"{name}@example.com")
        for name in ("ok", "throttle2", "throttled", "reject", "fail", "chunked", "partial")
    }
    phones = {f"sms{i}": _sms(f"+1206555010{i}") for i in (1, 2, 3, 4, 5)}
    with AwsStandIn(_templates(), latency=0.005, script=SCRIPT) as aws:
        renderer = _renderer(aws, transport)
        try:
            email = handle(_event(emails), _Context(), renderer, log=_quiet)
            sms = handle(_event(phones, "offer"), _Context(), renderer, log=_quiet)
        finally:
            renderer.close()
        received = aws.received
    assert sorted(email["delivered"]) == ["chunked", "ok", "throttle2"]
    failures = _failures(email)
    assert failures["throttled"] == ("throttled", 3, "TooManyRequestsException")
    assert failures["reject"] == ("rejected", 1, "MessageRejected")
    assert failures["fail"] == ("send_failed", 1, "InternalFailure")
    reason, attempts, _ = failures["partial"]
    assert (reason, attempts) == ("send_failed", 1)  # bytes of a response were read: not resent
    assert sorted(sms["delivered"]) == ["sms1", "sms2", "sms5"]
    assert _failures(sms) == {
        "sms3": ("throttled", 3, "ThrottlingException"),
        "sms4": ("rejected", 1, "ValidationException"),
    }
    if transport == "lean":  # one request per attempt: email 1+3+3+1+1+1+1, SMS 1+2+3+1+1
        assert received == 11 + 8


def test_the_lean_transport_is_the_default_and_keeps_connections_open():
    with AwsStandIn(_templates(), latency=0.005) as aws:
        renderer = TemplateRenderer(
            RendererConfig(templates={"EMAIL": frozenset({"welcome"})}, from_address=FROM),
            pinpoint=_stand_in_client(aws, "pinpoint"),
            ses=_stand_in_client(aws, "sesv2", index.SEND_CLIENT_CONFIG),
        )
        try:
            for _ in range(3):
                endpoints = {f"e{i}": _email(f"u{i}@example.com") for i in range(5)}
                result = handle(_event(endpoints), _Context(), renderer, log=_quiet)
                assert len(result["delivered"]) == 5
            assert renderer.transport is not None
            assert renderer.transport.connections_opened == 5
        finally:
            renderer.close()
        assert aws.received == 15


def test_a_keep_alive_connection_the_server_closed_is_reopened_and_the_request_resent():
    script = {"close@example.com": ["close"]}
    with AwsStandIn(_templates(), latency=0.005, script=script) as aws:
        renderer = _renderer(aws, "lean")
        try:
            first = handle(_event({"a": _email("close@example.com")}), _Context(), renderer)
            second = handle(_event({"b": _email("ok@example.com")}), _Context(), renderer)
            assert renderer.transport is not None
            opened = renderer.transport.connections_opened
            resent = renderer.transport.resent
        finally:
            renderer.close()
        received = aws.received
    assert first["delivered"] == ["a"] and second["delivered"] == ["b"]
    assert (opened, resent) == (2, 1)
    assert received == 2  # the request written on the closed connection never arrived


def test_an_idle_connection_the_server_answered_408_and_closed_is_not_reused():
    """What a server sends on an idle connection before closing it (here a 408) is never taken
    as the next request's response: the next batch opens a new connection, and its email is
    sent once."""
    script = {"idle@example.com": ["idle-timeout"]}
    with AwsStandIn(_templates(), latency=0.005, script=script) as aws:
        renderer = _renderer(aws, "lean")
        try:
            first = handle(_event({"a": _email("idle@example.com")}), _Context(), renderer)
            time.sleep(0.3)  # the stand-in answers 408 and closes while the function is idle
            second = handle(_event({"b": _email("ok@example.com")}), _Context(), renderer)
            assert renderer.transport is not None
            opened = renderer.transport.connections_opened
            resent = renderer.transport.resent
        finally:
            renderer.close()
        received = aws.received
    assert first["delivered"] == ["a"] and second["delivered"] == ["b"], second
    assert (opened, resent, received) == (2, 0, 2)


def test_an_interim_100_continue_is_skipped():
    script = {"continue@example.com": ["continue"], "+12065550106": ["continue"]}
    with AwsStandIn(_templates(), latency=0.005, script=script) as aws:
        renderer = _renderer(aws, "lean")
        try:
            email = handle(_event({"a": _email("continue@example.com")}), _Context(), renderer)
            sms = handle(_event({"b": _sms("+12065550106")}, "offer"), _Context(), renderer)
        finally:
            renderer.close()
    assert email["delivered"] == ["a"] and sms["delivered"] == ["b"]


def _response(raw: bytes) -> tuple[int, dict[str, str], bytes, bool]:
    async def read() -> tuple[int, dict[str, str], bytes, bool]:
        reader = asyncio.StreamReader()
        reader.feed_data(raw)
        reader.feed_eof()
        return await transport_module._read_response(reader)

    return asyncio.run(read())


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 102 Processing\r\nX: 1\r\n\r\n"
            b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}",
            (200, b"{}", True),
        ),
        (b"HTTP/1.1 204 No Content\r\n\r\n", (204, b"", True)),
        (b"HTTP/1.1 304 Not Modified\r\nETag: x\r\n\r\n", (304, b"", True)),
        (
            b"HTTP/1.1 200 OK\r\nConnection: keep-alive, Close\r\nContent-Length: 0\r\n\r\n",
            (200, b"", False),
        ),
        (b"HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\n{}", (200, b"{}", False)),
        (b"HTTP/1.1 200 OK\r\n\r\nuntil the end", (200, b"until the end", False)),
    ],
)
def test_responses_are_read_as_http_1_1_defines_them(raw, expected):
    status, _, body, keep_alive = _response(raw)
    assert (status, body, keep_alive) == expected


def test_a_connection_closed_after_an_interim_response_is_a_protocol_error():
    with pytest.raises(transport_module.ProtocolError, match="after an interim response"):
        _response(b"HTTP/1.1 100 Continue\r\n\r\n")


def test_a_helper_that_fails_on_an_endpoints_data_fails_that_endpoint_only():
    """An unexpected error while preparing one endpoint (here hashing text that UTF-8 can't
    encode, a lone surrogate from the endpoint's JSON) is reported for that endpoint, and the
    others are sent, with either transport."""
    stamp = {"CreationDate": "2026-01-01T00:00:00Z", "LastModifiedDate": "2026-01-01T00:00:00Z"}
    templates = {
        "score/EMAIL": {
            "TemplateName": "score",
            "TemplateType": "EMAIL",
            "Subject": "Your score",
            "TextPart": "Your code {{sha256 Attributes.Score}}",
            "Version": "1",
            **stamp,
        }
    }
    endpoints = {
        "good": {**_email("good@example.com"), "Attributes": {"Score": ["1.5"]}},
        "odd": {**_email("odd@example.com"), "Attributes": {"Score": ["\ud800"]}},
    }
    for transport in ("lean", "boto3"):
        with AwsStandIn(templates, latency=0.005) as aws:
            renderer = _renderer(aws, transport, templates={"EMAIL": frozenset({"score"})})
            try:
                result = handle(_event(endpoints, "score"), _Context(), renderer, log=_quiet)
            finally:
                renderer.close()
        assert result["delivered"] == ["good"], transport
        assert result["failed"]["odd"]["reason"] == "internal_error", transport
        assert "UnicodeEncodeError" in result["failed"]["odd"]["detail"], transport


def test_a_transport_failure_fails_the_batchs_sends_not_the_invocation(monkeypatch):
    with AwsStandIn(_templates(), latency=0.005) as aws:
        renderer = _renderer(aws, "lean")
        assert renderer.transport is not None

        def broken(*_args: Any) -> Any:
            raise RuntimeError("transport bug")

        monkeypatch.setattr(renderer.transport, "send_all", broken)
        try:
            result = handle(
                _event({"a": _email("a@example.com"), "b": {"ChannelType": "EMAIL"}}),
                _Context(),
                renderer,
                log=_quiet,
            )
        finally:
            renderer.close()
    assert result["delivered"] == []
    assert result["failed"]["a"]["reason"] == "internal_error"
    assert "transport bug" in result["failed"]["a"]["detail"]
    assert result["failed"]["b"]["reason"] != "internal_error"  # failed before sending


def test_a_response_past_the_deadline_is_reported_and_the_call_returns_in_time():
    script = {"slow@example.com": ["slow"]}
    with AwsStandIn(_templates(), latency=0.005, script=script) as aws:
        renderer = _renderer(aws, "lean")
        try:
            endpoints = {"slow": _email("slow@example.com"), "ok": _email("ok@example.com")}
            started = time.monotonic()
            # 1.2 s left: the deadline is 0.9 s away, the slow answer takes 3 s.
            result = handle(_event(endpoints), _Context(1200), renderer, log=_quiet)
            elapsed = time.monotonic() - started
            after = handle(_event({"ok": _email("ok@example.com")}), _Context(), renderer)
        finally:
            renderer.close()
    assert 0.85 < elapsed < 1.2
    assert result["delivered"] == ["ok"]
    assert result["failed"]["slow"]["reason"] == "deadline_exceeded"
    assert after["delivered"] == ["ok"]


def test_a_retry_that_would_pass_the_deadline_is_not_waited_for(monkeypatch):
    import common.aws

    monkeypatch.setattr(common.aws.random, "uniform", lambda _low, high: high)
    script = {"throttled@example.com": ["throttle"]}
    with AwsStandIn(_templates(), latency=0.005, script=script) as aws:
        renderer = _renderer(aws, "lean", backoff_base=5.0, backoff_max=5.0)
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


def test_a_request_the_model_refuses_is_rejected_without_a_call():
    with AwsStandIn(_templates(), latency=0.005) as aws:
        renderer = _renderer(aws, "lean")
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


def test_an_unreachable_service_fails_the_send():
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    with AwsStandIn(_templates(), latency=0.005) as aws:
        renderer = _renderer(aws, "lean")
        renderer.templates.get("EMAIL", "welcome", None)  # fetched from the stand-in
        endpoint = renderer._endpoints["EMAIL"]
        endpoint.port = port  # nothing listens there
        try:
            result = handle(_event({"a": _email("ok@example.com")}), _Context(), renderer)
        finally:
            renderer.close()
    failure = result["failed"]["a"]
    assert failure["reason"] == "send_failed" and failure["attempts"] == 1
    assert failure["detail"].startswith("ConnectionRefusedError")


def test_an_unknown_transport_is_a_configuration_error():
    from template_renderer.logic import ConfigurationError

    with pytest.raises(ConfigurationError) as raised:
        RendererConfig(
            templates={"EMAIL": frozenset({"welcome"})}, from_address=FROM, send_transport="curl"
        )
    assert str(raised.value) == "SEND_TRANSPORT must be one of ['lean', 'boto3'], got 'curl'"


# ---- TLS: a local HTTPS stand-in with a certificate made for the test -------------------------


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    """A self-signed certificate for ``localhost`` only (no IP address in it)."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl (the command) is needed to make a test certificate")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"),
            *("-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost"),
            *("-keyout", str(key), "-out", str(cert)),
        ],
        check=True,
        capture_output=True,
    )
    return str(cert), str(key)


def _tls_renderer(aws: AwsStandIn, host: str, verify: Any) -> TemplateRenderer:
    url = aws.url.replace("127.0.0.1", host)
    options: dict[str, Any] = {
        "region_name": "us-east-1",
        "endpoint_url": url,
        "aws_access_key_id": "testing",
        "aws_secret_access_key": "testing",
        "verify": verify,
    }
    return TemplateRenderer(
        RendererConfig(templates={"EMAIL": frozenset({"welcome"})}, from_address=FROM),
        pinpoint=boto3.client("pinpoint", **options),
        ses=boto3.client("sesv2", config=index.SEND_CLIENT_CONFIG, **options),
    )


def test_https_with_the_clients_ca_bundle_is_sent_and_kept_alive(certificate):
    with AwsStandIn(_templates(), latency=0.005, tls=certificate) as aws:
        renderer = _tls_renderer(aws, "localhost", certificate[0])
        try:
            for _ in range(2):
                endpoints = {f"e{i}": _email(f"u{i}@example.com") for i in range(3)}
                result = handle(_event(endpoints), _Context(), renderer, log=_quiet)
                assert sorted(result["delivered"]) == ["e0", "e1", "e2"]
            assert renderer.transport is not None
            assert renderer.transport.connections_opened == 3
        finally:
            renderer.close()


@pytest.mark.parametrize(
    ("host", "trusted", "error"),
    [
        ("localhost", False, "certificate verify failed: self-signed certificate"),
        ("127.0.0.1", True, "certificate verify failed: IP address mismatch"),
    ],
)
def test_https_checks_the_certificate_and_the_hostname(certificate, host, trusted, error):
    with AwsStandIn(_templates(), latency=0.005, tls=certificate) as aws:
        renderer = _tls_renderer(aws, "localhost", certificate[0])
        renderer.templates.get("EMAIL", "welcome", None)  # fetched over trusted TLS
        endpoint = renderer._endpoints["EMAIL"]
        endpoint.hostname = host
        if not trusted:
            endpoint.ca_bundle = get_cert_path(True)  # botocore's bundle: the stand-in is not in it
        try:
            result = handle(_event({"a": _email("ok@example.com")}), _Context(), renderer)
        finally:
            renderer.close()
        received = aws.received
    failure = result["failed"]["a"]
    assert failure["reason"] == "send_failed"
    assert failure["detail"].startswith("SSLCertVerificationError") and error in failure["detail"]
    assert received == 0


def test_verify_false_is_refused_by_the_lean_transport():
    with pytest.raises(ValueError) as raised:
        ServiceEndpoint.from_client(_client("sesv2", verify=False))
    assert str(raised.value) == (
        "the lean transport always verifies TLS; the client has verify=False"
    )


def test_credentials_that_cannot_be_read_fail_the_sends_not_the_invocation():
    with AwsStandIn(_templates(), latency=0.005) as aws:
        renderer = _renderer(aws, "lean")

        def expired() -> FrozenCredentials:
            raise RuntimeError("refresh failed")

        renderer._endpoints["EMAIL"].credentials = expired
        try:
            result = handle(_event({"a": _email("ok@example.com")}), _Context(), renderer)
        finally:
            renderer.close()
        received = aws.received
    assert result["failed"]["a"]["reason"] == "send_failed"
    assert result["failed"]["a"]["detail"] == "no credentials: RuntimeError: refresh failed"
    assert received == 0


def test_a_client_the_lean_transport_cannot_use_is_a_configuration_error():
    from template_renderer.logic import ConfigurationError

    with pytest.raises(ConfigurationError) as raised:
        TemplateRenderer(
            RendererConfig(templates={"EMAIL": frozenset({"welcome"})}, from_address=FROM),
            pinpoint=_client("pinpoint"),
            ses=_client("sesv2", verify=False),
        )
    assert str(raised.value) == (
        "SEND_TRANSPORT=lean: the lean transport always verifies TLS; the client has verify=False"
    )


def test_the_transport_is_read_from_the_environment():
    environ = {"TEMPLATES": '{"EMAIL": ["welcome"]}', "FROM_ADDRESS": FROM}
    assert RendererConfig.from_env(environ).send_transport == "lean"
    chosen = RendererConfig.from_env({**environ, "SEND_TRANSPORT": " boto3 "})
    assert chosen.send_transport == "boto3"
