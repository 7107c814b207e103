"""The imported-segment handler against botocore's Stubber (the real Pinpoint model)."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import Any

import boto3
import pytest
from botocore.stub import Stubber
from common import aws
from common.aws import ServiceError
from segment_import import index, logic

APP_ID = "0123456789abcdef0123456789abcdef"
SEGMENT_ID = "seg1111111111111111111111111111a"
NEW_SEGMENT_ID = "seg2222222222222222222222222222b"
JOB_ID = "job3333333333333333333333333333c"
ROLE_ARN = "arn:aws:iam::123456789012:role/PinpointImport"
S3_URL = "s3://assets-bucket/abc123.csv"

PROPS: dict[str, str] = {
    "ServiceToken": "arn:aws:lambda:us-east-1:123456789012:function:provider",
    "ApplicationId": APP_ID,
    "SegmentName": "vip-customers",
    "S3Url": S3_URL,
    "RoleArn": ROLE_ARN,
    "Format": "CSV",
    "RegisterEndpoints": "true",
    "FileHash": "abc123",
}

IMPORT_JOB_REQUEST: dict[str, Any] = {
    "DefineSegment": True,
    "Format": "CSV",
    "RegisterEndpoints": True,
    "RoleArn": ROLE_ARN,
    "S3Url": S3_URL,
    "SegmentName": "vip-customers",
}
EXPECTED_REQUEST = {"ApplicationId": APP_ID, "ImportJobRequest": IMPORT_JOB_REQUEST}


def _client() -> Any:
    return boto3.client("pinpoint", region_name="us-east-1")


def _no_sleep(_seconds: float) -> None:
    pytest.fail("slept without being throttled")


def _job(status: str, segment_id: str | None = SEGMENT_ID, **extra: Any) -> dict[str, Any]:
    definition: dict[str, Any] = {
        "DefineSegment": True,
        "Format": "CSV",
        "RegisterEndpoints": True,
        "RoleArn": ROLE_ARN,
        "S3Url": S3_URL,
        "SegmentName": "vip-customers",
    }
    if segment_id:
        definition["SegmentId"] = segment_id
    return {
        "ImportJobResponse": {
            "ApplicationId": APP_ID,
            "CreationDate": "2025-01-01T00:00:00.000Z",
            "Definition": definition,
            "Id": JOB_ID,
            "JobStatus": status,
            "Type": "IMPORT",
            **extra,
        }
    }


def _segment(segment_id: str = SEGMENT_ID) -> dict[str, Any]:
    return {
        "SegmentResponse": {
            "ApplicationId": APP_ID,
            "Arn": (
                "arn:aws:mobiletargeting:us-east-1:123456789012:"
                f"apps/{APP_ID}/segments/{segment_id}"
            ),
            "CreationDate": "2025-01-01T00:00:00.000Z",
            "Id": segment_id,
            "SegmentType": "IMPORT",
        }
    }


def _poll_event(request_type: str = "Create", data: dict[str, str] | None = None) -> dict[str, Any]:
    """What the Provider passes to is_complete: the event merged with on_event's result."""
    return {
        "RequestType": request_type,
        "ResourceProperties": PROPS,
        "PhysicalResourceId": SEGMENT_ID,
        "Data": {"SegmentId": SEGMENT_ID, "JobId": JOB_ID} if data is None else data,
    }


GET_JOB = {"ApplicationId": APP_ID, "JobId": JOB_ID}
DELETE_SEGMENT = {"ApplicationId": APP_ID, "SegmentId": SEGMENT_ID}


def _imported_segment(
    segment_id: str, props: dict[str, str] = PROPS, created: float | None = None
) -> dict:
    """A SegmentResponse of an imported segment of ``props`` (created a minute ago by default)."""
    created = time.time() - 60 if created is None else created
    request = logic.import_job_request(props)
    return {
        "Id": segment_id,
        "ApplicationId": APP_ID,
        "Arn": f"arn:aws:mobiletargeting:us-east-1:123456789012:apps/{APP_ID}/segments/x",
        "Name": request["SegmentName"],
        "SegmentType": "IMPORT",
        "CreationDate": datetime.fromtimestamp(created, UTC).isoformat(timespec="milliseconds"),
        "ImportDefinition": {
            "S3Url": request["S3Url"],
            "Format": request["Format"],
            "ExternalId": "x",
            "RoleArn": ROLE_ARN,
            "Size": 3,
        },
    }


def _expect_segments(stub: Stubber, items: list[dict] | None = None) -> None:
    """GetSegments, which looks for a segment the request already made, first."""
    stub.add_response(
        "get_segments", {"SegmentsResponse": {"Item": items or []}}, {"ApplicationId": APP_ID}
    )


# --- Create -------------------------------------------------------------------------------


def test_create_starts_an_import_job_that_defines_the_segment() -> None:
    client = _client()
    with Stubber(client) as stub:
        _expect_segments(stub)
        stub.add_response("create_import_job", _job("CREATED"), EXPECTED_REQUEST)
        result = logic.on_event(
            {"RequestType": "Create", "ResourceProperties": PROPS}, client, sleep=_no_sleep
        )
        stub.assert_no_pending_responses()
    assert result == {
        "PhysicalResourceId": SEGMENT_ID,
        "Data": {"SegmentId": SEGMENT_ID, "JobId": JOB_ID},
    }


def test_create_defaults_register_endpoints_to_true_and_accepts_lower_case_format() -> None:
    props = {k: v for k, v in PROPS.items() if k != "RegisterEndpoints"} | {"Format": "csv"}
    client = _client()
    with Stubber(client) as stub:
        _expect_segments(stub)
        stub.add_response("create_import_job", _job("CREATED"), EXPECTED_REQUEST)
        logic.on_event({"RequestType": "Create", "ResourceProperties": props}, client)
        stub.assert_no_pending_responses()


def test_create_passes_register_endpoints_false_and_json() -> None:
    props = PROPS | {"RegisterEndpoints": "false", "Format": "JSON"}
    expected = {
        "ApplicationId": APP_ID,
        "ImportJobRequest": IMPORT_JOB_REQUEST | {"RegisterEndpoints": False, "Format": "JSON"},
    }
    client = _client()
    with Stubber(client) as stub:
        _expect_segments(stub)
        stub.add_response("create_import_job", _job("CREATED"), expected)
        logic.on_event({"RequestType": "Create", "ResourceProperties": props}, client)
        stub.assert_no_pending_responses()


def test_create_reads_the_segment_id_from_the_job_when_the_create_response_lacks_it() -> None:
    client = _client()
    with Stubber(client) as stub:
        _expect_segments(stub)
        stub.add_response("create_import_job", _job("CREATED", segment_id=None), EXPECTED_REQUEST)
        stub.add_response("get_import_job", _job("INITIALIZING"), GET_JOB)
        result = logic.on_event({"RequestType": "Create", "ResourceProperties": PROPS}, client)
        stub.assert_no_pending_responses()
    assert result["PhysicalResourceId"] == SEGMENT_ID


def test_create_failure_surfaces_the_service_message() -> None:
    client = _client()
    with Stubber(client) as stub:
        _expect_segments(stub)
        stub.add_client_error(
            "create_import_job",
            "BadRequestException",
            "Unable to assume role arn:aws:iam::123456789012:role/PinpointImport",
            400,
            expected_params=EXPECTED_REQUEST,
        )
        with pytest.raises(ServiceError) as raised:
            logic.on_event(
                {"RequestType": "Create", "ResourceProperties": PROPS}, client, sleep=_no_sleep
            )
        stub.assert_no_pending_responses()
    assert str(raised.value) == (
        f"Could not start importing {S3_URL} into segment 'vip-customers': "
        "BadRequestException: Unable to assume role arn:aws:iam::123456789012:role/PinpointImport"
    )


def test_create_retries_throttling_then_succeeds() -> None:
    client = _client()
    sleeps: list[float] = []
    with Stubber(client) as stub:
        _expect_segments(stub)
        stub.add_client_error(
            "create_import_job",
            "TooManyRequestsException",
            "Rate exceeded",
            429,
            expected_params=EXPECTED_REQUEST,
        )
        stub.add_client_error(
            "create_import_job",
            "TooManyRequestsException",
            "Rate exceeded",
            429,
            expected_params=EXPECTED_REQUEST,
        )
        stub.add_response("create_import_job", _job("CREATED"), EXPECTED_REQUEST)
        result = logic.on_event(
            {"RequestType": "Create", "ResourceProperties": PROPS}, client, sleep=sleeps.append
        )
        stub.assert_no_pending_responses()
    assert result["PhysicalResourceId"] == SEGMENT_ID
    assert len(sleeps) == 2


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ({"Format": "XML"}, "Format must be CSV or JSON, got 'XML'"),
        ({"RegisterEndpoints": "yes"}, "RegisterEndpoints must be 'true' or 'false', got 'yes'"),
        ({"S3Url": "https://bucket/key"}, "S3Url must look like s3://bucket/key"),
        ({"SegmentName": ""}, "Missing resource property SegmentName"),
    ],
)
def test_create_rejects_bad_properties_before_calling_pinpoint(
    override: dict[str, str], message: str
) -> None:
    client = _client()
    with Stubber(client), pytest.raises(ValueError, match=message):
        logic.on_event({"RequestType": "Create", "ResourceProperties": PROPS | override}, client)


# --- is_complete ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "status",
    [
        "CREATED",
        "PREPARING_FOR_INITIALIZATION",
        "INITIALIZING",
        "PROCESSING",
        "PENDING_JOB",
        "COMPLETING",
        "FAILING",
    ],
)
def test_poll_while_the_job_runs_is_not_complete_and_carries_no_data(status: str) -> None:
    client = _client()
    with Stubber(client) as stub:
        stub.add_response("get_import_job", _job(status, CompletedPieces=1, TotalPieces=4), GET_JOB)
        result = logic.is_complete(_poll_event(), client, sleep=_no_sleep)
        stub.assert_no_pending_responses()
    # The Provider framework rejects Data on an incomplete result.
    assert result == {"IsComplete": False}


def test_poll_completed_job_is_complete() -> None:
    client = _client()
    with Stubber(client) as stub:
        stub.add_response(
            "get_import_job",
            _job("COMPLETED", CompletedPieces=1, TotalPieces=1, TotalProcessed=5, TotalFailures=0),
            GET_JOB,
        )
        result = logic.is_complete(_poll_event(), client, sleep=_no_sleep)
        stub.assert_no_pending_responses()
    assert result == {"IsComplete": True, "Data": {"SegmentId": SEGMENT_ID, "JobId": JOB_ID}}


def test_poll_completed_with_some_failed_endpoints_succeeds_and_logs_them(
    caplog: pytest.LogCaptureFixture,
) -> None:
    client = _client()
    with Stubber(client) as stub:
        stub.add_response(
            "get_import_job",
            _job("COMPLETED", TotalProcessed=5, TotalFailures=1, Failures=["line 3: bad Address"]),
            GET_JOB,
        )
        with caplog.at_level("WARNING"):
            result = logic.is_complete(_poll_event(), client)
    assert result["IsComplete"] is True
    assert "line 3: bad Address" in caplog.text


def test_poll_failed_job_raises_its_own_failures_and_deletes_the_segment() -> None:
    client = _client()
    with Stubber(client) as stub:
        stub.add_response(
            "get_import_job",
            _job(
                "FAILED",
                FailedPieces=1,
                TotalPieces=2,
                TotalFailures=2,
                Failures=["Invalid ChannelType FAX at line 3", "Missing Address at line 7"],
            ),
            GET_JOB,
        )
        stub.add_response("delete_segment", _segment(), DELETE_SEGMENT)
        with pytest.raises(ServiceError) as raised:
            logic.is_complete(_poll_event(), client, sleep=_no_sleep)
        stub.assert_no_pending_responses()
    assert str(raised.value) == (
        f"Import job {JOB_ID} for segment 'vip-customers' ({SEGMENT_ID}) FAILED: "
        "1 of 2 pieces failed, 2 endpoint definitions failed. Failures: "
        "Invalid ChannelType FAX at line 3; Missing Address at line 7. "
        f"Segment {SEGMENT_ID} was deleted."
    )


def test_poll_failed_job_caps_the_failures_it_reports() -> None:
    failures = ["x" * 1000] + [f"error {n}" for n in range(8)]
    client = _client()
    with Stubber(client) as stub:
        stub.add_response("get_import_job", _job("FAILED", Failures=failures), GET_JOB)
        stub.add_response("delete_segment", _segment(), DELETE_SEGMENT)
        with pytest.raises(ServiceError) as raised:
            logic.is_complete(_poll_event(), client)
    message = str(raised.value)
    assert f"Failures: {'x' * 297}...; error 0; error 1; error 2; error 3 (and 4 more)." in message
    assert "error 4" not in message and "x" * 298 not in message


def test_poll_failed_job_without_details_points_at_role_and_file() -> None:
    client = _client()
    with Stubber(client) as stub:
        stub.add_response("get_import_job", _job("FAILED", FailedPieces=1, TotalPieces=1), GET_JOB)
        stub.add_client_error(
            "delete_segment",
            "NotFoundException",
            "Resource not found",
            404,
            expected_params=DELETE_SEGMENT,
        )
        with pytest.raises(ServiceError) as raised:
            logic.is_complete(_poll_event(), client)
        stub.assert_no_pending_responses()
    message = str(raised.value)
    assert f"check that {ROLE_ARN} can be assumed by pinpoint.amazonaws.com" in message
    assert f"can read {S3_URL}" in message
    assert message.endswith(f"Segment {SEGMENT_ID} was not created, nothing to clean up.")


def test_poll_failed_job_reports_a_failed_clean_up_too() -> None:
    client = _client()
    with Stubber(client) as stub:
        stub.add_response("get_import_job", _job("FAILED", Failures=["bad file"]), GET_JOB)
        stub.add_client_error(
            "delete_segment",
            "ForbiddenException",
            "Not authorized",
            403,
            expected_params=DELETE_SEGMENT,
        )
        with pytest.raises(ServiceError) as raised:
            logic.is_complete(_poll_event(), client)
    message = str(raised.value)
    assert message.startswith(f"Import job {JOB_ID}")
    assert "Failures: bad file." in message
    assert message.endswith(
        f"Cleaning up also failed: Could not delete segment {SEGMENT_ID}: "
        "ForbiddenException: Not authorized"
    )


def test_poll_error_reading_the_job_cleans_up_and_raises_the_service_message() -> None:
    client = _client()
    with Stubber(client) as stub:
        stub.add_client_error(
            "get_import_job",
            "ForbiddenException",
            "User is not authorized",
            403,
            expected_params=GET_JOB,
        )
        stub.add_response("delete_segment", _segment(), DELETE_SEGMENT)
        with pytest.raises(ServiceError) as raised:
            logic.is_complete(_poll_event(), client, sleep=_no_sleep)
        stub.assert_no_pending_responses()
    assert str(raised.value) == (
        f"Could not read import job {JOB_ID}: ForbiddenException: User is not authorized. "
        f"Segment {SEGMENT_ID} was deleted."
    )


def test_poll_retries_throttling_then_succeeds() -> None:
    client = _client()
    sleeps: list[float] = []
    with Stubber(client) as stub:
        stub.add_client_error(
            "get_import_job",
            "TooManyRequestsException",
            "Rate exceeded",
            429,
            expected_params=GET_JOB,
        )
        stub.add_response("get_import_job", _job("COMPLETED"), GET_JOB)
        result = logic.is_complete(_poll_event(), client, sleep=sleeps.append)
        stub.assert_no_pending_responses()
    assert result["IsComplete"] is True
    assert len(sleeps) == 1


def test_poll_after_delete_or_no_op_update_is_complete_without_calls() -> None:
    client = _client()
    with Stubber(client) as stub:  # no responses queued: any call would fail the test
        assert logic.is_complete(_poll_event("Delete", data={}), client) == {"IsComplete": True}
        no_op = _poll_event("Update", data={"SegmentId": SEGMENT_ID})
        assert logic.is_complete(no_op, client) == {"IsComplete": True}
        stub.assert_no_pending_responses()


# --- Update --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "change",
    [
        {"S3Url": "s3://assets-bucket/def456.csv", "FileHash": "def456"},
        {"FileHash": "def456"},
        {"SegmentName": "vip-customers-2025"},
        {"Format": "JSON", "S3Url": "s3://assets-bucket/def456.json"},
        {"RegisterEndpoints": "false"},
    ],
)
def test_update_that_changes_the_segment_imports_a_new_one(change: dict[str, str]) -> None:
    new_props = PROPS | change
    expected = {
        "ApplicationId": APP_ID,
        "ImportJobRequest": logic.import_job_request(new_props),
    }
    client = _client()
    with Stubber(client) as stub:
        _expect_segments(stub)
        # Only the import: the old segment is deleted later, by CloudFormation's clean-up.
        stub.add_response("create_import_job", _job("CREATED", NEW_SEGMENT_ID), expected)
        result = logic.on_event(
            {
                "RequestType": "Update",
                "PhysicalResourceId": SEGMENT_ID,
                "ResourceProperties": new_props,
                "OldResourceProperties": PROPS,
            },
            client,
            sleep=_no_sleep,
        )
        stub.assert_no_pending_responses()
    assert result == {
        "PhysicalResourceId": NEW_SEGMENT_ID,
        "Data": {"SegmentId": NEW_SEGMENT_ID, "JobId": JOB_ID},
    }


def test_a_retried_create_keeps_the_segment_its_first_attempt_imported() -> None:
    """The Provider framework may invoke on_event again: the segment made a minute ago with
    this name, file and format is kept, and its import job is waited for."""
    client = _client()
    others = [
        {**_imported_segment("other1"), "Name": "someone-else"},
        _imported_segment("other2", PROPS | {"S3Url": "s3://assets-bucket/other.csv"}),
    ]
    with Stubber(client) as stub:
        _expect_segments(stub, [*others, _imported_segment(SEGMENT_ID)])
        stub.add_response(
            "get_segment_import_jobs",
            {"ImportJobsResponse": {"Item": [_job("PROCESSING")["ImportJobResponse"]]}},
            {"ApplicationId": APP_ID, "SegmentId": SEGMENT_ID},
        )
        result = logic.on_event(
            {"RequestType": "Create", "ResourceProperties": PROPS}, client, sleep=_no_sleep
        )
        stub.assert_no_pending_responses()
    assert result == {
        "PhysicalResourceId": SEGMENT_ID,
        "Data": {"SegmentId": SEGMENT_ID, "JobId": JOB_ID},
    }


def test_a_create_does_not_take_an_older_segment_of_the_same_file() -> None:
    """An imported segment of this name and file made before the retry window belongs to
    another resource: a Create imports its own."""
    client = _client()
    older = _imported_segment("theirs", created=time.time() - logic.ADOPT_WINDOW_SECONDS - 60)
    with Stubber(client) as stub:
        _expect_segments(stub, [older])
        stub.add_response("create_import_job", _job("CREATED"), EXPECTED_REQUEST)
        result = logic.on_event(
            {"RequestType": "Create", "ResourceProperties": PROPS}, client, sleep=_no_sleep
        )
        stub.assert_no_pending_responses()
    assert result["PhysicalResourceId"] == SEGMENT_ID


def test_rolling_back_a_reimport_returns_to_the_original_segment() -> None:
    """CloudFormation rolls a failed update back by updating the new segment (NEW_SEGMENT_ID)
    to the old properties: the original segment, however old, is taken back (CloudFormation
    then deletes the new one) instead of importing a third and leaking the original."""
    changed = PROPS | {"FileHash": "def456"}
    original = _imported_segment(SEGMENT_ID, created=time.time() - 30 * 86_400)
    client = _client()
    with Stubber(client) as stub:
        _expect_segments(stub, [original, _imported_segment(NEW_SEGMENT_ID, changed)])
        stub.add_response(
            "get_segment_import_jobs",
            {"ImportJobsResponse": {"Item": []}},
            {"ApplicationId": APP_ID, "SegmentId": SEGMENT_ID},
        )
        result = logic.on_event(
            {
                "RequestType": "Update",
                "PhysicalResourceId": NEW_SEGMENT_ID,
                "ResourceProperties": PROPS,
                "OldResourceProperties": changed,
            },
            client,
            sleep=_no_sleep,
        )
        stub.assert_no_pending_responses()
    assert result == {"PhysicalResourceId": SEGMENT_ID, "Data": {"SegmentId": SEGMENT_ID}}


@pytest.mark.parametrize(
    "change",
    [
        {"RoleArn": "arn:aws:iam::123456789012:role/Other"},
        {"ServiceToken": "arn:aws:lambda:us-east-1:123456789012:function:other"},
        {"Format": "csv", "RegisterEndpoints": "True"},  # same values, other spelling
        {},
    ],
)
def test_update_that_changes_nothing_relevant_keeps_the_segment_without_calls(
    change: dict[str, str],
) -> None:
    client = _client()
    with Stubber(client) as stub:
        result = logic.on_event(
            {
                "RequestType": "Update",
                "PhysicalResourceId": SEGMENT_ID,
                "ResourceProperties": PROPS | change,
                "OldResourceProperties": PROPS,
            },
            client,
        )
        stub.assert_no_pending_responses()
    assert result == {"PhysicalResourceId": SEGMENT_ID, "Data": {"SegmentId": SEGMENT_ID}}


def test_missing_register_endpoints_equals_true_on_update() -> None:
    old = {k: v for k, v in PROPS.items() if k != "RegisterEndpoints"}
    assert logic.changed_reimport_properties(old, PROPS) == []
    assert logic.changed_reimport_properties(old, PROPS | {"RegisterEndpoints": "false"}) == [
        "RegisterEndpoints"
    ]


# --- Delete --------------------------------------------------------------------------------


def _delete_event() -> dict[str, Any]:
    return {"RequestType": "Delete", "PhysicalResourceId": SEGMENT_ID, "ResourceProperties": PROPS}


def test_delete_deletes_the_segment() -> None:
    client = _client()
    with Stubber(client) as stub:
        stub.add_response("delete_segment", _segment(), DELETE_SEGMENT)
        result = logic.on_event(_delete_event(), client, sleep=_no_sleep)
        stub.assert_no_pending_responses()
    assert result == {"PhysicalResourceId": SEGMENT_ID}


def test_delete_of_a_missing_segment_succeeds() -> None:
    client = _client()
    with Stubber(client) as stub:
        stub.add_client_error(
            "delete_segment",
            "NotFoundException",
            "Resource not found",
            404,
            expected_params=DELETE_SEGMENT,
        )
        result = logic.on_event(_delete_event(), client, sleep=_no_sleep)
        stub.assert_no_pending_responses()
    assert result == {"PhysicalResourceId": SEGMENT_ID}


def test_delete_of_a_segment_in_use_surfaces_the_service_message() -> None:
    client = _client()
    with Stubber(client) as stub:
        stub.add_client_error(
            "delete_segment",
            "BadRequestException",
            "Segment is used by campaign 5a6b7c and cannot be deleted",
            400,
            expected_params=DELETE_SEGMENT,
        )
        with pytest.raises(ServiceError) as raised:
            logic.on_event(_delete_event(), client, sleep=_no_sleep)
    assert str(raised.value) == (
        f"Could not delete segment {SEGMENT_ID}: "
        "BadRequestException: Segment is used by campaign 5a6b7c and cannot be deleted"
    )


def test_delete_retries_throttling_then_succeeds() -> None:
    client = _client()
    sleeps: list[float] = []
    with Stubber(client) as stub:
        stub.add_client_error(
            "delete_segment",
            "TooManyRequestsException",
            "Rate exceeded",
            429,
            expected_params=DELETE_SEGMENT,
        )
        stub.add_response("delete_segment", _segment(), DELETE_SEGMENT)
        logic.on_event(_delete_event(), client, sleep=sleeps.append)
        stub.assert_no_pending_responses()
    assert len(sleeps) == 1


def test_unknown_request_type_is_rejected() -> None:
    with pytest.raises(ValueError, match="Unknown RequestType 'Move'"):
        logic.on_event({"RequestType": "Move", "ResourceProperties": PROPS}, _client())


# --- Entry points --------------------------------------------------------------------------


def test_index_wires_the_container_client_into_the_logic() -> None:
    aws.client.cache_clear()
    client = aws.pinpoint_client()
    with Stubber(client) as stub:
        _expect_segments(stub)
        stub.add_response("create_import_job", _job("CREATED"), EXPECTED_REQUEST)
        stub.add_response("get_import_job", _job("COMPLETED"), GET_JOB)
        created = index.on_event({"RequestType": "Create", "ResourceProperties": PROPS}, None)
        polled = index.is_complete(
            {"RequestType": "Create", "ResourceProperties": PROPS, **created}, None
        )
        stub.assert_no_pending_responses()
    assert created["PhysicalResourceId"] == SEGMENT_ID
    assert polled == {"IsComplete": True, "Data": {"SegmentId": SEGMENT_ID, "JobId": JOB_ID}}
    aws.client.cache_clear()
