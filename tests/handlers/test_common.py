"""The shared retry and error helpers every handler relies on."""

import boto3
import pytest
from botocore.exceptions import ClientError
from botocore.stub import Stubber
from common import aws


def _pinpoint():
    return boto3.client("pinpoint", region_name="us-east-1")


def test_call_with_backoff_retries_throttling_then_returns():
    client = _pinpoint()
    sleeps: list[float] = []
    with Stubber(client) as stub:
        stub.add_client_error("get_app", "TooManyRequestsException", "Rate exceeded", 429)
        stub.add_response(
            "get_app",
            {"ApplicationResponse": {"Arn": "a", "Id": "app1", "Name": "n"}},
            {"ApplicationId": "app1"},
        )
        result = aws.call_with_backoff(client.get_app, ApplicationId="app1", sleep=sleeps.append)
        stub.assert_no_pending_responses()
    assert result["ApplicationResponse"]["Id"] == "app1"
    assert len(sleeps) == 1 and 0 <= sleeps[0] <= 0.5


def test_call_with_backoff_gives_up_after_attempts():
    client = _pinpoint()
    with Stubber(client) as stub:
        for _ in range(3):
            stub.add_client_error("get_app", "TooManyRequestsException", "Rate exceeded", 429)
        with pytest.raises(ClientError) as raised:
            aws.call_with_backoff(
                client.get_app, ApplicationId="app1", attempts=3, sleep=lambda _s: None
            )
    assert aws.is_throttling(raised.value)


def test_call_with_backoff_raises_other_errors_at_once():
    client = _pinpoint()
    with Stubber(client) as stub:
        stub.add_client_error("get_app", "BadRequestException", "Name is invalid", 400)
        with pytest.raises(ClientError) as raised:
            aws.call_with_backoff(
                client.get_app, ApplicationId="app1", sleep=lambda _s: pytest.fail("slept")
            )
    assert aws.service_message(raised.value) == "BadRequestException: Name is invalid"
    assert not aws.is_not_found(raised.value)


def test_not_found_is_recognised():
    client = _pinpoint()
    with Stubber(client) as stub:
        stub.add_client_error("get_app", "NotFoundException", "Resource not found", 404)
        with pytest.raises(ClientError) as raised:
            client.get_app(ApplicationId="app1")
    assert aws.is_not_found(raised.value)


def test_client_is_created_once_per_container():
    aws.client.cache_clear()
    assert aws.pinpoint_client() is aws.pinpoint_client()
    assert aws.pinpoint_client().meta.config.retries["mode"] == "adaptive"


def test_call_with_backoff_gives_up_instead_of_waiting_when_told():
    client = _pinpoint()
    delays: list[float] = []

    def give_up(delay: float) -> bool:
        delays.append(delay)
        return True

    with Stubber(client) as stub:
        stub.add_client_error("get_app", "TooManyRequestsException", "Rate exceeded", 429)
        with pytest.raises(ClientError) as raised:
            aws.call_with_backoff(
                client.get_app,
                ApplicationId="app1",
                sleep=lambda _s: pytest.fail("slept"),
                give_up=give_up,
            )
        stub.assert_no_pending_responses()
    assert aws.is_throttling(raised.value)
    assert len(delays) == 1 and 0 <= delays[0] <= 0.5
