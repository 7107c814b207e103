"""The journey custom resource against the real Pinpoint model (botocore Stubber)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import boto3
import pytest
from botocore.stub import Stubber
from common.aws import ServiceError
from journey import index, logic

APP = "app1"
TOKEN = "arn:aws:lambda:us-east-1:123456789012:function:provider-onEvent"
NOW = 1_700_000_000.0

JOURNEY: dict[str, Any] = {
    "Name": "welcome",
    "StartActivity": "email",
    "Activities": {
        "email": {"EMAIL": {"TemplateName": "Welcome", "NextActivity": "wait"}},
        "wait": {"Wait": {"WaitTime": {"WaitFor": "P1D"}}},
    },
    "StartCondition": {"SegmentStartCondition": {"SegmentId": "seg1"}},
    "Schedule": {"StartTime": "2030-01-01T00:00:00Z", "Timezone": "UTC"},
    "RefreshFrequency": "PT1H",
    "LocalTime": False,
}
CHANGED = {
    **JOURNEY,
    "Activities": {
        **JOURNEY["Activities"],
        "email": {"EMAIL": {"TemplateName": "WelcomeV2", "NextActivity": "wait"}},
    },
}


def _client() -> Any:
    return boto3.client("pinpoint", region_name="us-east-1")


def _props(state: str, body: dict[str, Any] = JOURNEY, app: str = APP) -> dict[str, str]:
    return {
        "ServiceToken": TOKEN,
        "ApplicationId": app,
        "Journey": json.dumps(body),
        "State": state,
    }


def _event(request_type: str, props: dict[str, str], **extra: Any) -> dict[str, Any]:
    return {
        "RequestType": request_type,
        "ServiceToken": TOKEN,
        "ResponseURL": "https://example.invalid/response",
        "StackId": "arn:aws:cloudformation:us-east-1:123456789012:stack/s/1",
        "RequestId": "req-1",
        "LogicalResourceId": "Journey",
        "ResourceType": "Custom::PinpointJourney",
        "ResourceProperties": props,
        **extra,
    }


def _iso(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, UTC).isoformat(timespec="milliseconds")


def _journey(
    journey_id: str, state: str, body: dict[str, Any] = JOURNEY, created: float = NOW - 60
) -> dict[str, Any]:
    """A JourneyResponse; by default created a minute before NOW (an earlier attempt's)."""
    return {
        "Id": journey_id,
        "ApplicationId": APP,
        "Name": body["Name"],
        "StartActivity": body["StartActivity"],
        "Activities": body["Activities"],
        "State": state,
        "CreationDate": _iso(created),
    }


def _write(body: dict[str, Any], state: str) -> dict[str, Any]:
    return {**body, "State": state}


def _ids(journey_id: str) -> dict[str, str]:
    return {"ApplicationId": APP, "JourneyId": journey_id}


def _no_sleep(_seconds: float) -> None:
    pytest.fail("slept without being throttled")


def _run_on_event(client: Any, event: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    kwargs.setdefault("sleep", _no_sleep)
    return logic.on_event(event, client, now=lambda: NOW, **kwargs)


def _expect_list(stub: Stubber, items: list[dict[str, Any]], app: str = APP) -> None:
    stub.add_response(
        "list_journeys", {"JourneysResponse": {"Item": items}}, {"ApplicationId": app}
    )


def _expect_create(stub: Stubber, journey_id: str, body: dict[str, Any] = JOURNEY) -> None:
    stub.add_response(
        "create_journey",
        {"JourneyResponse": _journey(journey_id, "DRAFT", body)},
        {"ApplicationId": APP, "WriteJourneyRequest": _write(body, "DRAFT")},
    )


def _expect_update(
    stub: Stubber, journey_id: str, state: str, body: dict[str, Any] = JOURNEY
) -> None:
    stub.add_response(
        "update_journey",
        {"JourneyResponse": _journey(journey_id, state, body)},
        {**_ids(journey_id), "WriteJourneyRequest": _write(body, state)},
    )


def _expect_state(stub: Stubber, journey_id: str, state: str) -> None:
    stub.add_response(
        "update_journey_state",
        {"JourneyResponse": _journey(journey_id, state)},
        {**_ids(journey_id), "JourneyStateRequest": {"State": state}},
    )


def _arn(journey_id: str) -> str:
    return f"arn:aws:mobiletargeting:us-east-1:123456789012:apps/{APP}/journeys/{journey_id}"


# ---------------------------------------------------------------- create


def test_create_writes_a_draft_then_publishes_it():
    client = _client()
    with Stubber(client) as stub:
        _expect_list(stub, [])
        _expect_create(stub, "j1")
        _expect_update(stub, "j1", "ACTIVE")
        result = _run_on_event(client, _event("Create", _props("ACTIVE")))
        stub.assert_no_pending_responses()
    assert result["PhysicalResourceId"] == "j1"
    assert result["Data"] == {"JourneyId": "j1", "JourneyArn": _arn("j1")}
    assert result[logic.DEADLINE_KEY] == NOW + logic.STATE_WAIT_TIMEOUT_SECONDS


def test_create_of_a_draft_makes_one_write_and_nothing_to_wait_for():
    client = _client()
    with Stubber(client) as stub:
        _expect_list(stub, [])
        _expect_create(stub, "j1")
        result = _run_on_event(client, _event("Create", _props("DRAFT")))
        stub.assert_no_pending_responses()
    assert result["PhysicalResourceId"] == "j1"
    assert logic.DEADLINE_KEY not in result


def test_create_of_a_draft_with_only_its_name():
    """A new draft as the console saves it: no StartActivity, no Activities (the response
    has neither), and a retried create recognises it by its name."""
    body = {"Name": "new journey"}
    response = {
        "Id": "j1",
        "ApplicationId": APP,
        "Name": "new journey",
        "State": "DRAFT",
        "CreationDate": _iso(NOW - 5),
    }
    client = _client()
    with Stubber(client) as stub:
        _expect_list(stub, [])
        stub.add_response(
            "create_journey",
            {"JourneyResponse": response},
            {"ApplicationId": APP, "WriteJourneyRequest": _write(body, "DRAFT")},
        )
        result = _run_on_event(client, _event("Create", _props("DRAFT", body)))
        _expect_list(stub, [response])
        retried = _run_on_event(client, _event("Create", _props("DRAFT", body)))
        stub.assert_no_pending_responses()
    assert result["PhysicalResourceId"] == retried["PhysicalResourceId"] == "j1"


def test_create_paused_publishes_then_pauses():
    client = _client()
    with Stubber(client) as stub:
        _expect_list(stub, [])
        _expect_create(stub, "j1")
        _expect_update(stub, "j1", "ACTIVE")
        _expect_state(stub, "j1", "PAUSED")
        result = _run_on_event(client, _event("Create", _props("PAUSED")))
        stub.assert_no_pending_responses()
    assert result["PhysicalResourceId"] == "j1"


def test_retried_create_finds_its_journey_on_a_later_page_and_creates_no_duplicate():
    client = _client()
    other = {**_journey("other", "ACTIVE"), "Name": "someone-else"}
    with Stubber(client) as stub:
        stub.add_response(
            "list_journeys",
            {"JourneysResponse": {"Item": [other], "NextToken": "page2"}},
            {"ApplicationId": APP},
        )
        stub.add_response(
            "list_journeys",
            {"JourneysResponse": {"Item": [_journey("j1", "DRAFT")]}},
            {"ApplicationId": APP, "Token": "page2"},
        )
        _expect_update(stub, "j1", "ACTIVE")  # resumes where the first attempt stopped
        result = _run_on_event(client, _event("Create", _props("ACTIVE")))
        stub.assert_no_pending_responses()
    assert result["PhysicalResourceId"] == "j1"


def test_retried_create_of_an_already_published_journey_makes_no_write():
    client = _client()
    with Stubber(client) as stub:
        _expect_list(stub, [_journey("j1", "ACTIVE")])
        result = _run_on_event(client, _event("Create", _props("ACTIVE")))
        stub.assert_no_pending_responses()
    assert result["PhysicalResourceId"] == "j1"


@pytest.mark.parametrize(
    "creation_date",
    [_iso(NOW - logic.ADOPT_WINDOW_SECONDS - 1), "", "yesterday"],
    ids=["older than the window", "missing", "unreadable"],
)
def test_create_does_not_adopt_an_older_journey_with_the_same_name_and_definition(
    creation_date,
):
    """A journey with this name and definition made before the retry window belongs to
    another resource (e.g. the one a moved construct replaces, which CloudFormation deletes
    next): a Create makes its own instead of pointing at that one."""
    client = _client()
    theirs = {**_journey("theirs", "ACTIVE"), "CreationDate": creation_date}
    with Stubber(client) as stub:
        _expect_list(stub, [theirs])
        _expect_create(stub, "mine")
        _expect_update(stub, "mine", "ACTIVE")
        result = _run_on_event(client, _event("Create", _props("ACTIVE")))
        stub.assert_no_pending_responses()
    assert result["PhysicalResourceId"] == "mine"


def test_a_rollback_of_a_replacement_takes_back_the_original_journey():
    """Rolling back a replacement (Update from the new journey j2 back to the old properties)
    finds the original journey, however old, and makes no write: CloudFormation then deletes
    j2 and keeps j1."""
    client = _client()
    original = _journey("j1", "ACTIVE", created=NOW - 30 * 86_400)
    replacement = _journey("j2", "ACTIVE", CHANGED)
    with Stubber(client) as stub:
        _expect_list(stub, [original, replacement])
        result = _run_on_event(
            client, _update_event(_props("ACTIVE", CHANGED), _props("ACTIVE"), journey_id="j2")
        )
        stub.assert_no_pending_responses()
    assert result["PhysicalResourceId"] == "j1"


def test_create_does_not_adopt_a_different_journey_with_the_same_name():
    client = _client()
    lookalike = _journey("theirs", "DRAFT", {**JOURNEY, "StartActivity": "wait"})
    with Stubber(client) as stub:
        _expect_list(stub, [lookalike])
        _expect_create(stub, "j1")
        result = _run_on_event(client, _event("Create", _props("DRAFT")))
        stub.assert_no_pending_responses()
    assert result["PhysicalResourceId"] == "j1"


def test_failed_activation_deletes_the_draft_and_raises_the_service_message():
    client = _client()
    message = "Template Welcome does not exist"
    with Stubber(client) as stub:
        _expect_list(stub, [])
        _expect_create(stub, "j1")
        stub.add_client_error(
            "update_journey",
            "BadRequestException",
            message,
            400,
            expected_params={**_ids("j1"), "WriteJourneyRequest": _write(JOURNEY, "ACTIVE")},
        )
        stub.add_response(
            "delete_journey", {"JourneyResponse": _journey("j1", "DRAFT")}, _ids("j1")
        )
        with pytest.raises(ServiceError) as raised:
            _run_on_event(client, _event("Create", _props("ACTIVE")))
        stub.assert_no_pending_responses()
    assert f"BadRequestException: {message}" in str(raised.value)
    assert "j1 was deleted" in str(raised.value)


def test_failed_pause_after_publishing_cancels_and_deletes_the_journey():
    client = _client()
    message = "PAUSED only supports journeys with a segment refresh interval"
    with Stubber(client) as stub:
        _expect_list(stub, [])
        _expect_create(stub, "j1")
        _expect_update(stub, "j1", "ACTIVE")
        stub.add_client_error(
            "update_journey_state",
            "BadRequestException",
            message,
            400,
            expected_params={**_ids("j1"), "JourneyStateRequest": {"State": "PAUSED"}},
        )
        _expect_state(stub, "j1", "CANCELLED")
        stub.add_response(
            "delete_journey", {"JourneyResponse": _journey("j1", "CANCELLED")}, _ids("j1")
        )
        with pytest.raises(ServiceError) as raised:
            _run_on_event(client, _event("Create", _props("PAUSED")))
        stub.assert_no_pending_responses()
    assert message in str(raised.value)


# ---------------------------------------------------------------- update


def _update_event(
    old: dict[str, str], new: dict[str, str], journey_id: str = "j1"
) -> dict[str, Any]:
    return _event("Update", new, OldResourceProperties=old, PhysicalResourceId=journey_id)


def test_state_only_update_uses_the_state_api():
    client = _client()
    with Stubber(client) as stub:
        _expect_state(stub, "j1", "PAUSED")
        result = _run_on_event(client, _update_event(_props("ACTIVE"), _props("PAUSED")))
        stub.assert_no_pending_responses()
    assert result["PhysicalResourceId"] == "j1"
    assert logic.DEADLINE_KEY in result


def test_resuming_a_paused_journey_uses_the_state_api():
    client = _client()
    with Stubber(client) as stub:
        _expect_state(stub, "j1", "ACTIVE")
        result = _run_on_event(client, _update_event(_props("PAUSED"), _props("ACTIVE")))
        stub.assert_no_pending_responses()
    assert result["PhysicalResourceId"] == "j1"


def test_unchanged_update_makes_no_call():
    client = _client()
    with Stubber(client) as stub:
        result = _run_on_event(client, _update_event(_props("ACTIVE"), _props("ACTIVE")))
        stub.assert_no_pending_responses()
    assert result["PhysicalResourceId"] == "j1"
    assert logic.DEADLINE_KEY not in result


def test_definition_change_of_a_draft_updates_it_in_place():
    client = _client()
    with Stubber(client) as stub:
        _expect_update(stub, "j1", "DRAFT", CHANGED)
        result = _run_on_event(client, _update_event(_props("DRAFT"), _props("DRAFT", CHANGED)))
        stub.assert_no_pending_responses()
    assert result["PhysicalResourceId"] == "j1"
    assert logic.DEADLINE_KEY not in result


def test_definition_change_and_publish_of_a_draft_is_one_write():
    client = _client()
    with Stubber(client) as stub:
        _expect_update(stub, "j1", "ACTIVE", CHANGED)
        result = _run_on_event(client, _update_event(_props("DRAFT"), _props("ACTIVE", CHANGED)))
        stub.assert_no_pending_responses()
    assert result["PhysicalResourceId"] == "j1"
    assert logic.DEADLINE_KEY in result


def test_definition_change_of_a_running_journey_replaces_it():
    client = _client()
    with Stubber(client) as stub:
        # The running journey matches by name and shape, but it is the one being replaced.
        _expect_list(stub, [_journey("j1", "ACTIVE")])
        _expect_create(stub, "j2", CHANGED)
        _expect_update(stub, "j2", "ACTIVE", CHANGED)
        result = _run_on_event(client, _update_event(_props("ACTIVE"), _props("ACTIVE", CHANGED)))
        stub.assert_no_pending_responses()
    assert result["PhysicalResourceId"] == "j2"
    assert result["Data"] == {"JourneyId": "j2", "JourneyArn": _arn("j2")}


def test_a_cancelled_journey_asked_to_run_again_is_replaced():
    client = _client()
    with Stubber(client) as stub:
        _expect_list(stub, [])
        _expect_create(stub, "j2")
        _expect_update(stub, "j2", "ACTIVE")
        result = _run_on_event(client, _update_event(_props("CANCELLED"), _props("ACTIVE")))
        stub.assert_no_pending_responses()
    assert result["PhysicalResourceId"] == "j2"


def test_rejected_update_raises_the_service_message_and_keeps_the_journey():
    client = _client()
    message = "Activity email references segment seg9, which does not exist"
    with Stubber(client) as stub:
        stub.add_client_error(
            "update_journey",
            "BadRequestException",
            message,
            400,
            expected_params={**_ids("j1"), "WriteJourneyRequest": _write(CHANGED, "DRAFT")},
        )
        with pytest.raises(ServiceError) as raised:
            _run_on_event(client, _update_event(_props("DRAFT"), _props("DRAFT", CHANGED)))
        stub.assert_no_pending_responses()  # no cleanup of an existing journey
    assert (
        str(raised.value) == f"UpdateJourney failed for journey j1: BadRequestException: {message}"
    )


# ---------------------------------------------------------------- delete


def test_delete_cancels_a_running_journey_then_deletes_it():
    client = _client()
    with Stubber(client) as stub:
        stub.add_response("get_journey", {"JourneyResponse": _journey("j1", "ACTIVE")}, _ids("j1"))
        _expect_state(stub, "j1", "CANCELLED")
        stub.add_response(
            "delete_journey", {"JourneyResponse": _journey("j1", "CANCELLED")}, _ids("j1")
        )
        result = _run_on_event(client, _event("Delete", _props("ACTIVE"), PhysicalResourceId="j1"))
        stub.assert_no_pending_responses()
    assert result == {"PhysicalResourceId": "j1"}


def test_delete_of_a_finished_journey_does_not_cancel_it():
    client = _client()
    with Stubber(client) as stub:
        stub.add_response(
            "get_journey", {"JourneyResponse": _journey("j1", "COMPLETED")}, _ids("j1")
        )
        stub.add_response(
            "delete_journey", {"JourneyResponse": _journey("j1", "COMPLETED")}, _ids("j1")
        )
        _run_on_event(client, _event("Delete", _props("ACTIVE"), PhysicalResourceId="j1"))
        stub.assert_no_pending_responses()


def test_delete_of_a_missing_journey_succeeds():
    client = _client()
    with Stubber(client) as stub:
        stub.add_client_error(
            "get_journey",
            "NotFoundException",
            "Resource not found",
            404,
            expected_params=_ids("j1"),
        )
        result = _run_on_event(client, _event("Delete", _props("ACTIVE"), PhysicalResourceId="j1"))
        stub.assert_no_pending_responses()
    assert result == {"PhysicalResourceId": "j1"}


def test_delete_of_a_journey_that_vanishes_midway_succeeds():
    client = _client()
    with Stubber(client) as stub:
        stub.add_response("get_journey", {"JourneyResponse": _journey("j1", "DRAFT")}, _ids("j1"))
        stub.add_client_error(
            "delete_journey",
            "NotFoundException",
            "Resource not found",
            404,
            expected_params=_ids("j1"),
        )
        _run_on_event(client, _event("Delete", _props("DRAFT"), PhysicalResourceId="j1"))
        stub.assert_no_pending_responses()


# ---------------------------------------------------------------- errors


def test_throttling_is_retried_with_backoff_then_succeeds():
    client = _client()
    sleeps: list[float] = []
    with Stubber(client) as stub:
        _expect_list(stub, [])
        stub.add_client_error(
            "create_journey",
            "TooManyRequestsException",
            "Rate exceeded",
            429,
            expected_params={"ApplicationId": APP, "WriteJourneyRequest": _write(JOURNEY, "DRAFT")},
        )
        _expect_create(stub, "j1")
        result = _run_on_event(client, _event("Create", _props("DRAFT")), sleep=sleeps.append)
        stub.assert_no_pending_responses()
    assert result["PhysicalResourceId"] == "j1"
    assert len(sleeps) == 1


def test_bad_request_on_create_reaches_the_raised_error():
    client = _client()
    message = "Activities.email.EMAIL.TemplateName must not be empty"
    with Stubber(client) as stub:
        _expect_list(stub, [])
        stub.add_client_error(
            "create_journey",
            "BadRequestException",
            message,
            400,
            expected_params={"ApplicationId": APP, "WriteJourneyRequest": _write(JOURNEY, "DRAFT")},
        )
        with pytest.raises(ServiceError) as raised:
            _run_on_event(client, _event("Create", _props("ACTIVE")))
        stub.assert_no_pending_responses()
    assert str(raised.value) == (
        f"CreateJourney failed for journey 'welcome': BadRequestException: {message}"
    )


@pytest.mark.parametrize(
    ("props", "expected"),
    [
        (
            {"State": "RUNNING"},
            "State must be one of ACTIVE, DRAFT, PAUSED, CANCELLED, got 'RUNNING'",
        ),
        ({"Journey": json.dumps({**JOURNEY, "State": "ACTIVE"})}, "Journey must not contain State"),
        ({"Journey": "{not json"}, "Journey must be a JSON object"),
        ({"Journey": json.dumps({"Activities": {}})}, "Journey.Name is required"),
        ({"ApplicationId": ""}, "ApplicationId is required"),
    ],
)
def test_bad_properties_are_rejected_before_any_call(props: dict[str, str], expected: str):
    client = _client()
    with Stubber(client), pytest.raises(ValueError, match=expected):
        _run_on_event(client, _event("Create", {**_props("ACTIVE"), **props}))


# ---------------------------------------------------------------- is_complete


def _waiting_event(state: str, deadline: float = NOW + 60) -> dict[str, Any]:
    event = _event("Create", _props(state), PhysicalResourceId="j1")
    event[logic.DEADLINE_KEY] = deadline
    return event


def _run_is_complete(client: Any, event: dict[str, Any], now: float = NOW) -> dict[str, Any]:
    return logic.is_complete(event, client, sleep=_no_sleep, now=lambda: now)


def test_is_complete_while_the_journey_is_on_its_way():
    client = _client()
    with Stubber(client) as stub:
        stub.add_response("get_journey", {"JourneyResponse": _journey("j1", "DRAFT")}, _ids("j1"))
        assert _run_is_complete(client, _waiting_event("ACTIVE")) == {"IsComplete": False}
        stub.assert_no_pending_responses()


def test_is_complete_once_the_journey_reaches_the_state():
    client = _client()
    with Stubber(client) as stub:
        stub.add_response("get_journey", {"JourneyResponse": _journey("j1", "PAUSED")}, _ids("j1"))
        result = _run_is_complete(client, _waiting_event("PAUSED"))
        stub.assert_no_pending_responses()
    assert result == {"IsComplete": True, "Data": {"JourneyId": "j1", "JourneyArn": _arn("j1")}}


def test_is_complete_accepts_an_active_journey_that_already_finished():
    client = _client()
    with Stubber(client) as stub:
        stub.add_response(
            "get_journey", {"JourneyResponse": _journey("j1", "COMPLETED")}, _ids("j1")
        )
        assert _run_is_complete(client, _waiting_event("ACTIVE"))["IsComplete"] is True


def test_is_complete_gives_up_at_the_deadline_with_the_last_state():
    client = _client()
    with Stubber(client) as stub:
        stub.add_response("get_journey", {"JourneyResponse": _journey("j1", "DRAFT")}, _ids("j1"))
        with pytest.raises(
            ServiceError, match="did not reach ACTIVE within 600 s; it is still DRAFT"
        ):
            _run_is_complete(client, _waiting_event("ACTIVE", deadline=NOW - 1))


def test_is_complete_fails_fast_when_the_state_can_no_longer_be_reached():
    client = _client()
    with Stubber(client) as stub:
        stub.add_response(
            "get_journey", {"JourneyResponse": _journey("j1", "CANCELLED")}, _ids("j1")
        )
        with pytest.raises(ServiceError, match="j1 is CANCELLED and can't become ACTIVE"):
            _run_is_complete(client, _waiting_event("ACTIVE"))


def test_is_complete_makes_no_call_when_there_is_nothing_to_wait_for():
    client = _client()
    with Stubber(client) as stub:
        draft = _event("Create", _props("DRAFT"), PhysicalResourceId="j1")
        deleted = _event("Delete", _props("ACTIVE"), PhysicalResourceId="j1")
        assert _run_is_complete(client, draft) == {"IsComplete": True}
        assert _run_is_complete(client, deleted) == {"IsComplete": True}
        stub.assert_no_pending_responses()


def test_provider_timeout_outlasts_the_state_wait():
    assert logic.PROVIDER_TOTAL_TIMEOUT_SECONDS > logic.STATE_WAIT_TIMEOUT_SECONDS
    assert logic.PROVIDER_TOTAL_TIMEOUT_SECONDS % logic.PROVIDER_QUERY_INTERVAL_SECONDS == 0


# ---------------------------------------------------------------- arn and entry point


def test_journey_arn_follows_the_service_token_partition_region_and_account():
    token = "arn:aws-cn:lambda:cn-north-1:111122223333:function:f"
    assert logic.journey_arn(token, "a", "j") == (
        "arn:aws-cn:mobiletargeting:cn-north-1:111122223333:apps/a/journeys/j"
    )


def test_entry_point_wires_the_client_and_logs_one_json_line(monkeypatch, capsys):
    client = _client()
    monkeypatch.setattr(index, "pinpoint_client", lambda: client)
    with Stubber(client) as stub:
        _expect_state(stub, "j1", "CANCELLED")
        stub.add_response(
            "get_journey", {"JourneyResponse": _journey("j1", "CANCELLED")}, _ids("j1")
        )
        stub.add_response(
            "delete_journey", {"JourneyResponse": _journey("j1", "CANCELLED")}, _ids("j1")
        )
        result = index.on_event(_update_event(_props("ACTIVE"), _props("CANCELLED")), None)
        index.on_event(_event("Delete", _props("CANCELLED"), PhysicalResourceId="j1"), None)
        stub.assert_no_pending_responses()
    assert result["PhysicalResourceId"] == "j1"
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    update, delete = (json.loads(line) for line in lines)
    assert update["phase"] == "on_event" and update["requestType"] == "Update"
    assert update["calls"] == ["UpdateJourneyState"] and update["outcome"] == "ok"
    assert delete["calls"] == ["GetJourney", "DeleteJourney"]
    assert "ResponseURL" not in lines[0] and "example.invalid" not in lines[0]


def test_entry_point_logs_the_error_and_raises_it(monkeypatch, capsys):
    client = _client()
    monkeypatch.setattr(index, "pinpoint_client", lambda: client)
    with Stubber(client) as stub:
        stub.add_client_error("get_journey", "ForbiddenException", "Not authorized", 403)
        with pytest.raises(ServiceError, match="ForbiddenException: Not authorized"):
            index.is_complete(_waiting_event("ACTIVE", deadline=4_000_000_000), None)
    (line,) = capsys.readouterr().out.splitlines()
    logged = json.loads(line)
    assert logged["phase"] == "is_complete" and logged["outcome"] == "error"
    assert "ForbiddenException: Not authorized" in logged["error"]
