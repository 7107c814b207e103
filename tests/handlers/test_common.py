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


def test_page_items_follows_next_token_and_passes_the_parameters():
    pages = {
        None: {"ThingsResponse": {"Item": [{"Id": "1"}, {"Id": "2"}], "NextToken": "t2"}},
        "t2": {"ThingsResponse": {"Item": [{"Id": "3"}]}},
    }
    calls: list[dict] = []

    def fetch(**params):
        calls.append(params)
        return pages[params.get("Token")]

    items = aws.page_items(fetch, "ThingsResponse", ApplicationId="app")
    assert [item["Id"] for item in items] == ["1", "2", "3"]
    assert calls == [{"ApplicationId": "app"}, {"ApplicationId": "app", "Token": "t2"}]


def test_created_after_moment():
    item = {"CreationDate": "2026-01-01T00:00:00.000Z"}
    moment = 1_767_225_600.0  # 2026-01-01T00:00:00Z
    assert aws.created_after_moment(item, moment - 1)
    assert not aws.created_after_moment(item, moment)
    assert aws.created_after_moment({}, None)  # no age limit
    assert not aws.created_after_moment({"CreationDate": "yesterday"}, 0)
