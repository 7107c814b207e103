"""The engagement event processor, against the real Pinpoint model (botocore Stubber)."""

from __future__ import annotations

import base64
import copy
import json
from pathlib import Path
from typing import Any

import boto3
import pytest
from botocore.stub import Stubber
from event_processor import index
from event_processor.logic import (
    CALL_BUDGET_MS,
    DEFAULT_OPT_OUT_EVENT_TYPES,
    MAX_BATCH_ITEMS,
    TIME_RESERVE_MS,
    Config,
    process_records,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "events"
APP_ID = "a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6"  # the project of the documented sample events
CONFIG = Config(APP_ID)


def fixture(name: str) -> dict[str, Any]:
    return json.loads((FIXTURES / f"{name}.json").read_text())


def with_endpoint(event: dict[str, Any], endpoint_id: str) -> dict[str, Any]:
    event = copy.deepcopy(event)
    event["client"]["client_id"] = endpoint_id
    return event


def kinesis_record(payload: dict[str, Any] | bytes, sequence_number: str) -> dict[str, Any]:
    """One record of a Lambda Kinesis event, as the event source mapping delivers it."""
    raw = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    return {
        "kinesis": {
            "kinesisSchemaVersion": "1.0",
            "partitionKey": "pk",
            "sequenceNumber": sequence_number,
            "data": base64.b64encode(raw).decode(),
            "approximateArrivalTimestamp": 1564618622.69,
        },
        "eventSource": "aws:kinesis",
        "eventVersion": "1.0",
        "eventID": f"shardId-000000000000:{sequence_number}",
        "eventName": "aws:kinesis:record",
        "awsRegion": "us-east-1",
        "eventSourceARN": "arn:aws:kinesis:us-east-1:123456789012:stream/pinpoint-events",
    }


def endpoint(
    endpoint_id: str,
    address: str,
    channel: str = "EMAIL",
    opt_out: str = "NONE",
    status: str = "ACTIVE",
) -> dict[str, Any]:
    """A GetEndpoint response."""
    return {
        "EndpointResponse": {
            "Id": endpoint_id,
            "ApplicationId": APP_ID,
            "Address": address,
            "ChannelType": channel,
            "EndpointStatus": status,
            "OptOut": opt_out,
            "User": {"UserId": f"user-{endpoint_id}"},
            "Attributes": {"Interests": ["Music"]},
        }
    }


def get_params(endpoint_id: str) -> dict[str, str]:
    return {"ApplicationId": APP_ID, "EndpointId": endpoint_id}


def batch_params(*items: dict[str, Any]) -> dict[str, Any]:
    return {"ApplicationId": APP_ID, "EndpointBatchRequest": {"Item": list(items)}}


def opt_out_item(
    endpoint_id: str, address: str, channel: str = "EMAIL", status: str = "ACTIVE"
) -> dict[str, str]:
    return {
        "Id": endpoint_id,
        "OptOut": "ALL",
        "ChannelType": channel,
        "Address": address,
        "EndpointStatus": status,
    }


ACCEPTED = {"MessageBody": {"Message": "Accepted", "RequestID": "req-1"}}


@pytest.fixture
def pinpoint() -> Any:
    return boto3.client("pinpoint", region_name="us-east-1")


def run(client: Any, records: list[dict[str, Any]], **kwargs: Any) -> Any:
    sleeps: list[float] = kwargs.pop("sleeps", [])
    return process_records(
        records, client, kwargs.pop("config", CONFIG), sleep=sleeps.append, **kwargs
    )


@pytest.mark.parametrize(
    ("name", "address", "channel"),
    [
        ("email_hardbounce", "bounce@example.com", "EMAIL"),
        ("email_complaint", "complaint@example.com", "EMAIL"),
        ("email_unsubscribe", "unsubscribe@example.com", "EMAIL"),
        ("sms_optout", "+14255550199", "SMS"),
    ],
)
def test_opt_out_event_opts_the_endpoint_out(pinpoint, name, address, channel):
    event = fixture(name)
    endpoint_id = event["client"]["client_id"]
    with Stubber(pinpoint) as stub:
        stub.add_response(
            "get_endpoint", endpoint(endpoint_id, address, channel), get_params(endpoint_id)
        )
        stub.add_response(
            "update_endpoints_batch",
            ACCEPTED,
            batch_params(opt_out_item(endpoint_id, address, channel)),
        )
        result = run(pinpoint, [kinesis_record(event, "100")])
        stub.assert_no_pending_responses()
    assert result.response() == {"batchItemFailures": []}
    assert result.counts["opted_out"] == 1
    assert result.counts["opt_out_events"] == 1


def test_a_not_spam_complaint_opts_nobody_out(pinpoint):
    """Feedback type not-spam: the recipient says the message is not spam."""
    event = fixture("email_complaint")
    mail = event["facets"]["email_channel"]["mail_event"]
    mail["complaint"]["complaint_feedback_type"] = "not-spam"
    with Stubber(pinpoint) as stub:  # nothing queued: any call would raise
        result = run(pinpoint, [kinesis_record(event, "100")])
        stub.assert_no_pending_responses()
    assert result.response() == {"batchItemFailures": []}
    assert result.counts["no_action"] == 1 and result.counts["opt_out_events"] == 0


def test_delivered_event_needs_no_call(pinpoint):
    with Stubber(pinpoint) as stub:  # nothing queued: any call would raise
        result = run(pinpoint, [kinesis_record(fixture("email_delivered"), "100")])
        stub.assert_no_pending_responses()
    assert result.response() == {"batchItemFailures": []}
    assert result.counts["no_action"] == 1
    assert result.counts["get_endpoint_calls"] == 0


def test_malformed_records_are_counted_not_failed(pinpoint):
    no_client = fixture("email_hardbounce")
    del no_client["client"]
    records = [
        {"kinesis": {"sequenceNumber": "1", "data": "%%% not base64 %%%"}},
        kinesis_record(b"{not json", "2"),
        kinesis_record(b"[1, 2, 3]", "3"),
        kinesis_record(b"\xff\xfe binary", "4"),
        kinesis_record({"no": "event_type"}, "5"),
        kinesis_record(no_client, "6"),
        {"kinesis": {"data": "e30="}},  # no sequence number
        {"not": "a kinesis record"},
        kinesis_record(b"[" * 100_000, "9"),  # nested deeper than the recursion limit
    ]
    with Stubber(pinpoint) as stub:
        result = run(pinpoint, records)
        stub.assert_no_pending_responses()
    assert result.response() == {"batchItemFailures": []}
    assert result.counts["malformed"] == 9
    assert result.counts["records"] == 9


def test_endpoint_that_does_not_exist_is_not_created(pinpoint):
    event = fixture("email_hardbounce")
    endpoint_id = event["client"]["client_id"]
    with Stubber(pinpoint) as stub:
        stub.add_client_error(
            "get_endpoint",
            "NotFoundException",
            "Resource not found",
            404,
            expected_params=get_params(endpoint_id),
        )
        result = run(pinpoint, [kinesis_record(event, "100")])
        stub.assert_no_pending_responses()  # and no update_endpoints_batch was queued or made
    assert result.response() == {"batchItemFailures": []}
    assert result.counts["endpoints_not_found"] == 1
    assert result.counts["update_endpoints_batch_calls"] == 0


def test_throttling_is_retried_then_succeeds(pinpoint):
    event = fixture("email_complaint")
    endpoint_id = event["client"]["client_id"]
    address = "complaint@example.com"
    sleeps: list[float] = []
    with Stubber(pinpoint) as stub:
        stub.add_client_error(
            "get_endpoint",
            "TooManyRequestsException",
            "Rate exceeded",
            429,
            expected_params=get_params(endpoint_id),
        )
        stub.add_response("get_endpoint", endpoint(endpoint_id, address), get_params(endpoint_id))
        stub.add_client_error(
            "update_endpoints_batch", "TooManyRequestsException", "Rate exceeded", 429
        )
        stub.add_response(
            "update_endpoints_batch", ACCEPTED, batch_params(opt_out_item(endpoint_id, address))
        )
        result = run(pinpoint, [kinesis_record(event, "100")], sleeps=sleeps)
        stub.assert_no_pending_responses()
    assert result.response() == {"batchItemFailures": []}
    assert result.counts["opted_out"] == 1
    assert len(sleeps) == 2


def test_throttled_past_the_retries_reports_the_record(pinpoint):
    event = fixture("email_hardbounce")
    with Stubber(pinpoint) as stub:
        for _ in range(3):
            stub.add_client_error("get_endpoint", "TooManyRequestsException", "Rate exceeded", 429)
        result = run(pinpoint, [kinesis_record(event, "100")], attempts=3)
        stub.assert_no_pending_responses()
    assert result.response() == {"batchItemFailures": [{"itemIdentifier": "100"}]}


def test_response_names_exactly_the_records_that_failed(pinpoint):
    bounce, complaint = fixture("email_hardbounce"), fixture("email_complaint")
    records = [
        kinesis_record(with_endpoint(bounce, "ok-1"), "101"),
        kinesis_record(fixture("email_delivered"), "102"),
        kinesis_record(with_endpoint(complaint, "broken"), "103"),
        kinesis_record(b"garbage", "104"),
        kinesis_record(with_endpoint(bounce, "ok-2"), "105"),
        kinesis_record(with_endpoint(complaint, "broken"), "106"),  # same endpoint as 103
    ]
    with Stubber(pinpoint) as stub:
        stub.add_response(
            "get_endpoint", endpoint("ok-1", "bounce@example.com"), get_params("ok-1")
        )
        stub.add_client_error(
            "get_endpoint",
            "InternalServerErrorException",
            "Internal error",
            500,
            expected_params=get_params("broken"),
        )
        stub.add_response(
            "get_endpoint", endpoint("ok-2", "bounce@example.com"), get_params("ok-2")
        )
        stub.add_response(
            "update_endpoints_batch",
            ACCEPTED,
            batch_params(
                opt_out_item("ok-1", "bounce@example.com"),
                opt_out_item("ok-2", "bounce@example.com"),
            ),
        )
        result = run(pinpoint, records)
        stub.assert_no_pending_responses()
    assert result.response() == {
        "batchItemFailures": [{"itemIdentifier": "103"}, {"itemIdentifier": "106"}]
    }
    assert result.summary()["opted_out"] == 2
    assert result.summary()["malformed"] == 1
    assert result.summary()["failed_records"] == 2


def test_rejected_batch_is_retried_one_by_one_to_isolate_the_bad_endpoint(pinpoint):
    bounce = fixture("email_hardbounce")
    records = [kinesis_record(with_endpoint(bounce, f"ep-{i}"), str(200 + i)) for i in range(3)]
    items = [opt_out_item(f"ep-{i}", "bounce@example.com") for i in range(3)]
    with Stubber(pinpoint) as stub:
        for i in range(3):
            stub.add_response(
                "get_endpoint", endpoint(f"ep-{i}", "bounce@example.com"), get_params(f"ep-{i}")
            )
        stub.add_client_error(
            "update_endpoints_batch",
            "BadRequestException",
            "Invalid endpoint",
            400,
            expected_params=batch_params(*items),
        )
        for i in range(3):
            params = {
                "ApplicationId": APP_ID,
                "EndpointId": f"ep-{i}",
                "EndpointRequest": {k: v for k, v in items[i].items() if k != "Id"},
            }
            if i == 1:
                stub.add_client_error(
                    "update_endpoint",
                    "BadRequestException",
                    "Invalid endpoint",
                    400,
                    expected_params=params,
                )
            else:
                stub.add_response("update_endpoint", ACCEPTED, params)
        result = run(pinpoint, records)
        stub.assert_no_pending_responses()
    assert result.response() == {"batchItemFailures": [{"itemIdentifier": "201"}]}
    assert result.counts["opted_out"] == 2


def test_same_endpoint_twice_in_a_batch_is_updated_once(pinpoint):
    bounce, unsubscribe = fixture("email_hardbounce"), fixture("email_unsubscribe")
    records = [
        kinesis_record(with_endpoint(bounce, "ep-1"), "1"),
        kinesis_record(with_endpoint(bounce, "ep-1"), "2"),
        kinesis_record(with_endpoint(unsubscribe, "ep-1"), "3"),
    ]
    with Stubber(pinpoint) as stub:
        stub.add_response(
            "get_endpoint", endpoint("ep-1", "bounce@example.com"), get_params("ep-1")
        )
        stub.add_response(
            "update_endpoints_batch",
            ACCEPTED,
            batch_params(opt_out_item("ep-1", "bounce@example.com")),
        )
        result = run(pinpoint, records)
        stub.assert_no_pending_responses()
    assert result.response() == {"batchItemFailures": []}
    assert result.counts["duplicate_events"] == 2
    assert result.counts["get_endpoint_calls"] == 1
    assert result.counts["update_endpoints_batch_calls"] == 1


def test_already_opted_out_endpoint_is_not_updated(pinpoint):
    event = fixture("sms_optout")
    endpoint_id = event["client"]["client_id"]
    with Stubber(pinpoint) as stub:
        stub.add_response(
            "get_endpoint",
            endpoint(endpoint_id, "+14255550199", "SMS", opt_out="ALL"),
            get_params(endpoint_id),
        )
        result = run(pinpoint, [kinesis_record(event, "100")])
        stub.assert_no_pending_responses()
    assert result.response() == {"batchItemFailures": []}
    assert result.counts["already_opted_out"] == 1
    assert result.counts["update_endpoints_batch_calls"] == 0


def test_inactive_endpoint_stays_inactive(pinpoint):
    event = fixture("email_hardbounce")
    endpoint_id = event["client"]["client_id"]
    with Stubber(pinpoint) as stub:
        stub.add_response(
            "get_endpoint",
            endpoint(endpoint_id, "bounce@example.com", status="INACTIVE"),
            get_params(endpoint_id),
        )
        stub.add_response(
            "update_endpoints_batch",
            ACCEPTED,
            batch_params(opt_out_item(endpoint_id, "bounce@example.com", status="INACTIVE")),
        )
        run(pinpoint, [kinesis_record(event, "100")])
        stub.assert_no_pending_responses()


def test_endpoint_whose_address_changed_is_left_alone(pinpoint):
    event = fixture("email_hardbounce")  # sent to bounce@example.com
    endpoint_id = event["client"]["client_id"]
    with Stubber(pinpoint) as stub:
        stub.add_response(
            "get_endpoint",
            endpoint(endpoint_id, "new-address@example.com"),
            get_params(endpoint_id),
        )
        result = run(pinpoint, [kinesis_record(event, "100")])
        stub.assert_no_pending_responses()
    assert result.counts["address_changed"] == 1
    assert result.counts["opted_out"] == 0


def test_address_comparison_ignores_case_and_display_name(pinpoint):
    event = fixture("email_hardbounce")
    event["facets"]["email_channel"]["mail_event"]["mail"]["destination"] = [
        "Bob <Bounce@Example.com>"
    ]
    endpoint_id = event["client"]["client_id"]
    with Stubber(pinpoint) as stub:
        stub.add_response(
            "get_endpoint", endpoint(endpoint_id, "bounce@example.COM"), get_params(endpoint_id)
        )
        stub.add_response(
            "update_endpoints_batch",
            ACCEPTED,
            batch_params(opt_out_item(endpoint_id, "bounce@example.COM")),
        )
        result = run(pinpoint, [kinesis_record(event, "100")])
        stub.assert_no_pending_responses()
    assert result.counts["opted_out"] == 1


def test_events_of_other_applications_are_ignored(pinpoint):
    event = fixture("email_hardbounce")
    event["application"]["app_id"] = "another-project"
    with Stubber(pinpoint) as stub:
        result = run(pinpoint, [kinesis_record(event, "100")])
        stub.assert_no_pending_responses()
    assert result.response() == {"batchItemFailures": []}
    assert result.counts["other_application"] == 1


def test_updates_are_sent_in_chunks_of_at_most_100(pinpoint):
    count = MAX_BATCH_ITEMS + 5
    bounce = fixture("email_hardbounce")
    records = [kinesis_record(with_endpoint(bounce, f"ep-{i}"), str(i)) for i in range(count)]
    items = [opt_out_item(f"ep-{i}", "bounce@example.com") for i in range(count)]
    with Stubber(pinpoint) as stub:
        for i in range(count):
            stub.add_response(
                "get_endpoint", endpoint(f"ep-{i}", "bounce@example.com"), get_params(f"ep-{i}")
            )
        stub.add_response(
            "update_endpoints_batch", ACCEPTED, batch_params(*items[:MAX_BATCH_ITEMS])
        )
        stub.add_response(
            "update_endpoints_batch", ACCEPTED, batch_params(*items[MAX_BATCH_ITEMS:])
        )
        result = run(pinpoint, records)
        stub.assert_no_pending_responses()
    assert result.counts["opted_out"] == count
    assert result.counts["update_endpoints_batch_calls"] == 2


def test_low_on_time_defers_the_rest_as_failures(pinpoint):
    bounce = fixture("email_hardbounce")
    records = [kinesis_record(with_endpoint(bounce, f"ep-{i}"), str(i)) for i in range(2)]
    with Stubber(pinpoint) as stub:
        result = run(pinpoint, records, time_left_ms=lambda: 5_000)
        stub.assert_no_pending_responses()
    assert result.response() == {
        "batchItemFailures": [{"itemIdentifier": "0"}, {"itemIdentifier": "1"}]
    }


def _clock(*values: int):
    """A ``time_left_ms`` that returns ``values`` in turn, then the last one forever."""
    remaining = list(values)
    return lambda: remaining.pop(0) if len(remaining) > 1 else remaining[0]


def test_no_update_starts_when_reading_left_too_little_time(pinpoint):
    event = fixture("email_hardbounce")
    endpoint_id = event["client"]["client_id"]
    with Stubber(pinpoint) as stub:
        stub.add_response(
            "get_endpoint", endpoint(endpoint_id, "bounce@example.com"), get_params(endpoint_id)
        )
        # 60 s left when the endpoint is read, 12 s when the update would start.
        result = run(pinpoint, [kinesis_record(event, "100")], time_left_ms=_clock(60_000, 12_000))
        stub.assert_no_pending_responses()
    assert result.counts["update_endpoints_batch_calls"] == 0
    assert result.response() == {"batchItemFailures": [{"itemIdentifier": "100"}]}


def test_reading_stops_in_time_to_send_what_was_read(pinpoint):
    bounce = fixture("email_hardbounce")
    records = [kinesis_record(with_endpoint(bounce, f"ep-{i}"), str(i)) for i in range(2)]
    with Stubber(pinpoint) as stub:
        stub.add_response(
            "get_endpoint", endpoint("ep-0", "bounce@example.com"), get_params("ep-0")
        )
        stub.add_response(
            "update_endpoints_batch",
            ACCEPTED,
            batch_params(opt_out_item("ep-0", "bounce@example.com")),
        )
        # The second endpoint is not read with 30 s left: its update would have no time.
        result = run(pinpoint, records, time_left_ms=_clock(60_000, 30_000, 29_000))
        stub.assert_no_pending_responses()
    assert result.counts["get_endpoint_calls"] == 1
    assert result.counts["opted_out"] == 1
    assert result.response() == {"batchItemFailures": [{"itemIdentifier": "1"}]}


def test_throttling_backoff_does_not_wait_into_the_time_reserve(pinpoint):
    event = fixture("email_hardbounce")
    endpoint_id = event["client"]["client_id"]
    sleeps: list[float] = []
    with Stubber(pinpoint) as stub:
        stub.add_response(
            "get_endpoint", endpoint(endpoint_id, "bounce@example.com"), get_params(endpoint_id)
        )
        stub.add_client_error(
            "update_endpoints_batch", "TooManyRequestsException", "Rate exceeded", 429
        )
        # Just enough time to start the update, none to wait and try it again.
        result = run(
            pinpoint,
            [kinesis_record(event, "100")],
            sleeps=sleeps,
            time_left_ms=_clock(60_000, 20_000),
        )
        stub.assert_no_pending_responses()
    assert sleeps == []
    assert result.counts["update_endpoints_batch_calls"] == 1
    assert result.response() == {"batchItemFailures": [{"itemIdentifier": "100"}]}


def test_one_pinpoint_call_fits_in_the_time_reserve():
    config = index.pinpoint_client().meta.config
    attempts = config.retries["total_max_attempts"]  # the first call and the retries
    # Each attempt may connect and read for its full timeouts; botocore waits at most 1 s
    # before its first retry.
    worst_case_s = attempts * (config.connect_timeout + config.read_timeout) + (attempts - 1)
    assert worst_case_s * 1000 <= CALL_BUDGET_MS < TIME_RESERVE_MS
    assert TIME_RESERVE_MS <= 20_000  # leaves 40 s of the processor's 60 s for work


def test_event_types_come_from_the_config(pinpoint):
    config = Config(APP_ID, frozenset({"_email.delivered"}))
    event = fixture("email_delivered")
    endpoint_id = event["client"]["client_id"]
    with Stubber(pinpoint) as stub:
        stub.add_response(
            "get_endpoint", endpoint(endpoint_id, "recipient@example.com"), get_params(endpoint_id)
        )
        stub.add_response(
            "update_endpoints_batch",
            ACCEPTED,
            batch_params(opt_out_item(endpoint_id, "recipient@example.com")),
        )
        result = run(
            pinpoint,
            [kinesis_record(fixture("email_hardbounce"), "1"), kinesis_record(event, "2")],
            config=config,
        )
        stub.assert_no_pending_responses()
    assert result.counts["no_action"] == 1
    assert result.counts["opted_out"] == 1


def test_config_defaults():
    config = Config.from_env({"APPLICATION_ID": APP_ID})
    assert config.application_id == APP_ID
    assert config.opt_out_event_types == frozenset(
        {"_email.hardbounce", "_email.complaint", "_email.unsubscribe", "_SMS.OPTOUT"}
    )
    assert set(DEFAULT_OPT_OUT_EVENT_TYPES) == config.opt_out_event_types


def test_config_reads_a_comma_list():
    config = Config.from_env(
        {"APPLICATION_ID": APP_ID, "OPT_OUT_EVENT_TYPES": " _email.hardbounce , ,_SMS.OPTOUT"}
    )
    assert config.opt_out_event_types == frozenset({"_email.hardbounce", "_SMS.OPTOUT"})


def test_config_requires_the_application_id():
    with pytest.raises(
        ValueError, match="APPLICATION_ID must be set to the Pinpoint project id, got ''"
    ):
        Config.from_env({"OPT_OUT_EVENT_TYPES": "_email.hardbounce"})


class _Context:
    def get_remaining_time_in_millis(self) -> int:
        return 60_000


def test_handler_wires_env_and_client_and_logs_one_summary_line(pinpoint, monkeypatch, capsys):
    monkeypatch.setenv("APPLICATION_ID", APP_ID)
    monkeypatch.delenv("OPT_OUT_EVENT_TYPES", raising=False)
    monkeypatch.setattr(index, "pinpoint_client", lambda: pinpoint)
    event = fixture("email_hardbounce")
    endpoint_id = event["client"]["client_id"]
    with Stubber(pinpoint) as stub:
        stub.add_client_error(
            "get_endpoint",
            "NotFoundException",
            "Resource not found",
            404,
            expected_params=get_params(endpoint_id),
        )
        response = index.handler(
            {"Records": [kinesis_record(event, "1"), kinesis_record(b"bad", "2")]}, _Context()
        )
        stub.assert_no_pending_responses()
    assert response == {"batchItemFailures": []}
    lines = [line for line in capsys.readouterr().out.splitlines() if line.strip()]
    assert len(lines) == 1
    summary = json.loads(lines[0])
    assert summary["summary"] == "event_processor"
    assert summary["records"] == 2
    assert summary["malformed"] == 1
    assert summary["endpoints_not_found"] == 1
