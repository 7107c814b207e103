"""The outbound-campaigns onboarding custom resource against the real connectcampaignsv2
model (botocore Stubber validates every request), including the failure states."""

from __future__ import annotations

import json
from typing import Any

import boto3
import pytest
from botocore.stub import Stubber
from campaigns_onboarding import index, logic
from common.aws import ServiceError

INSTANCE = "11111111-2222-3333-4444-555555555555"
OTHER = "99999999-2222-3333-4444-555555555555"
DOMAIN = "arn:aws:profile:us-east-1:123456789012:domains/amazon-connect-example"
DOMAIN2 = "arn:aws:profile:us-east-1:123456789012:domains/amazon-connect-other"
KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
OBJECT_TYPES = {"Campaign-Email": "Campaign-Email", "Campaign-SMS": "Campaign-SMS"}
NOW = 1_700_000_000.0


def _client() -> Any:
    return boto3.client("connectcampaignsv2", region_name="us-east-1")


def _props(
    instance: str = INSTANCE,
    domain: str | None = DOMAIN,
    key: str | None = None,
    offboard: bool = True,
) -> dict[str, str]:
    props = {
        "ServiceToken": "arn:aws:lambda:us-east-1:123456789012:function:provider",
        "ConnectInstanceId": instance,
        "ObjectTypeNames": json.dumps(OBJECT_TYPES),
        "OffboardOnDelete": "true" if offboard else "false",
    }
    if domain:
        props["ProfilesDomainArn"] = domain
    if key:
        props["KmsKeyArn"] = key
    return props


def _event(request: str, props: dict[str, str], **extra: Any) -> dict[str, Any]:
    return {
        "RequestType": request,
        "RequestId": "r1",
        "LogicalResourceId": "Onboarding",
        "ResourceProperties": props,
        **extra,
    }


def _job(status: str, failure: str | None = None) -> dict[str, Any]:
    job: dict[str, Any] = {"connectInstanceId": INSTANCE, "status": status}
    if failure:
        job["failureCode"] = failure
    return {"connectInstanceOnboardingJobStatus": job}


def _run(
    fn: Any, event: dict[str, Any], stub: Any, now: float = NOW
) -> tuple[dict[str, Any], list[str]]:
    client, stubber = stub
    trace: list[str] = []
    with stubber:
        result = fn(event, client, sleep=lambda _: None, now=lambda: now, trace=trace)
        stubber.assert_no_pending_responses()
    return result, trace


@pytest.fixture
def stub() -> tuple[Any, Stubber]:
    client = _client()
    return client, Stubber(client)


START_PLAIN = {"connectInstanceId": INSTANCE, "encryptionConfig": {"enabled": False}}


def test_create_starts_the_job_without_a_key(stub: Any) -> None:
    stub[1].add_response("start_instance_onboarding_job", _job("IN_PROGRESS"), START_PLAIN)
    result, trace = _run(logic.on_event, _event("Create", _props()), stub)
    assert trace == ["StartInstanceOnboardingJob"]
    assert result["PhysicalResourceId"] == INSTANCE
    assert result[logic.DEADLINE_KEY] == NOW + logic.JOB_WAIT_TIMEOUT_SECONDS


def test_create_with_a_kms_key(stub: Any) -> None:
    stub[1].add_response(
        "start_instance_onboarding_job",
        _job("IN_PROGRESS"),
        {
            "connectInstanceId": INSTANCE,
            "encryptionConfig": {"enabled": True, "encryptionType": "KMS", "keyArn": KEY},
        },
    )
    _run(logic.on_event, _event("Create", _props(key=KEY)), stub)


def test_create_restarts_a_job_the_service_keeps_as_failed(stub: Any) -> None:
    stub[1].add_response(
        "start_instance_onboarding_job", _job("FAILED", "KMS_ACCESS_DENIED"), START_PLAIN
    )
    stub[1].add_response("delete_instance_onboarding_job", {}, {"connectInstanceId": INSTANCE})
    stub[1].add_response("start_instance_onboarding_job", _job("IN_PROGRESS"), START_PLAIN)
    _, trace = _run(logic.on_event, _event("Create", _props()), stub)
    assert trace == [
        "StartInstanceOnboardingJob",
        "DeleteInstanceOnboardingJob",
        "StartInstanceOnboardingJob",
    ]


def test_retried_create_adopts_the_existing_job(stub: Any) -> None:
    stub[1].add_client_error(
        "start_instance_onboarding_job", "ConflictException", "job exists", 409
    )
    result, _ = _run(logic.on_event, _event("Create", _props()), stub)
    assert result["PhysicalResourceId"] == INSTANCE


def test_create_raises_the_service_message(stub: Any) -> None:
    stub[1].add_client_error(
        "start_instance_onboarding_job", "AccessDeniedException", "no access to the key", 403
    )
    with pytest.raises(
        ServiceError,
        match=r"StartInstanceOnboardingJob for .* AccessDeniedException: no access to the key",
    ):
        _run(logic.on_event, _event("Create", _props()), stub)


def test_create_retries_throttling(stub: Any) -> None:
    stub[1].add_client_error(
        "start_instance_onboarding_job", "ThrottlingException", "slow down", 429
    )
    stub[1].add_response("start_instance_onboarding_job", _job("IN_PROGRESS"), START_PLAIN)
    _, trace = _run(logic.on_event, _event("Create", _props()), stub)
    # One logical call; the stubber checks both responses were used.
    assert trace == ["StartInstanceOnboardingJob"]


def _waiting(props: dict[str, str], **extra: Any) -> dict[str, Any]:
    return _event(
        "Create", props, PhysicalResourceId=INSTANCE, **{logic.DEADLINE_KEY: NOW + 600}, **extra
    )


def test_is_complete_waits_while_in_progress(stub: Any) -> None:
    stub[1].add_response(
        "get_instance_onboarding_job_status", _job("IN_PROGRESS"), {"connectInstanceId": INSTANCE}
    )
    result, _ = _run(logic.is_complete, _waiting(_props()), stub)
    assert result == {"IsComplete": False}


def test_is_complete_integrates_the_domain_once_onboarded(stub: Any) -> None:
    stub[1].add_response(
        "get_instance_onboarding_job_status", _job("SUCCEEDED"), {"connectInstanceId": INSTANCE}
    )
    stub[1].add_response(
        "put_connect_instance_integration",
        {},
        {
            "connectInstanceId": INSTANCE,
            "integrationConfig": {
                "customerProfiles": {"domainArn": DOMAIN, "objectTypeNames": OBJECT_TYPES}
            },
        },
    )
    result, trace = _run(logic.is_complete, _waiting(_props()), stub)
    assert result == {"IsComplete": True}
    assert trace == ["GetInstanceOnboardingJobStatus", "PutConnectInstanceIntegration"]


def test_is_complete_without_domain(stub: Any) -> None:
    stub[1].add_response(
        "get_instance_onboarding_job_status", _job("SUCCEEDED"), {"connectInstanceId": INSTANCE}
    )
    result, trace = _run(logic.is_complete, _waiting(_props(domain=None)), stub)
    assert result == {"IsComplete": True}
    assert trace == ["GetInstanceOnboardingJobStatus"]


@pytest.mark.parametrize(
    "code", ["KMS_ACCESS_DENIED", "EVENT_BRIDGE_MANAGED_RULE_LIMIT_EXCEEDED", "INTERNAL_FAILURE"]
)
def test_is_complete_reports_the_failure_code(stub: Any, code: str) -> None:
    stub[1].add_response(
        "get_instance_onboarding_job_status", _job("FAILED", code), {"connectInstanceId": INSTANCE}
    )
    with pytest.raises(ServiceError, match=f"to outbound campaigns failed: {code}"):
        _run(logic.is_complete, _waiting(_props()), stub)


def test_is_complete_gives_up_at_the_deadline(stub: Any) -> None:
    stub[1].add_response(
        "get_instance_onboarding_job_status", _job("IN_PROGRESS"), {"connectInstanceId": INSTANCE}
    )
    with pytest.raises(
        ServiceError, match=r"did not finish within 600 seconds .last status IN_PROGRESS"
    ):
        _run(logic.is_complete, _waiting(_props()), stub, now=NOW + 601)


def test_is_complete_raises_a_failed_integration(stub: Any) -> None:
    stub[1].add_response(
        "get_instance_onboarding_job_status", _job("SUCCEEDED"), {"connectInstanceId": INSTANCE}
    )
    stub[1].add_client_error(
        "put_connect_instance_integration", "ValidationException", "domain not found", 400
    )
    with pytest.raises(
        ServiceError,
        match=r"PutConnectInstanceIntegration .* ValidationException: domain not found",
    ):
        _run(logic.is_complete, _waiting(_props()), stub)


def test_is_complete_has_nothing_to_do_for_delete_or_no_wait(stub: Any) -> None:
    assert _run(logic.is_complete, _event("Delete", _props()), stub)[0] == {"IsComplete": True}
    assert _run(logic.is_complete, _event("Update", _props()), stub)[0] == {"IsComplete": True}


def test_update_without_change_makes_no_call(stub: Any) -> None:
    result, trace = _run(
        logic.on_event,
        _event("Update", _props(), OldResourceProperties=_props(), PhysicalResourceId=INSTANCE),
        stub,
    )
    assert trace == []
    assert logic.DEADLINE_KEY not in result


def test_update_to_another_instance_onboards_it(stub: Any) -> None:
    stub[1].add_response(
        "start_instance_onboarding_job",
        _job("IN_PROGRESS"),
        {"connectInstanceId": OTHER, "encryptionConfig": {"enabled": False}},
    )
    result, _ = _run(
        logic.on_event,
        _event(
            "Update",
            _props(instance=OTHER),
            OldResourceProperties=_props(),
            PhysicalResourceId=INSTANCE,
        ),
        stub,
    )
    assert result["PhysicalResourceId"] == OTHER


def test_update_of_the_key_is_refused(stub: Any) -> None:
    with pytest.raises(ServiceError, match="can't change its KMS key in place"):
        _run(
            logic.on_event,
            _event(
                "Update",
                _props(key=KEY),
                OldResourceProperties=_props(),
                PhysicalResourceId=INSTANCE,
            ),
            stub,
        )


def test_update_to_another_domain_puts_then_removes(stub: Any) -> None:
    result, trace = _run(
        logic.on_event,
        _event(
            "Update",
            _props(domain=DOMAIN2),
            OldResourceProperties=_props(),
            PhysicalResourceId=INSTANCE,
        ),
        stub,
    )
    assert trace == []
    assert result[logic.REPLACED_DOMAIN_KEY] == DOMAIN
    stub[1].add_response(
        "get_instance_onboarding_job_status", _job("SUCCEEDED"), {"connectInstanceId": INSTANCE}
    )
    stub[1].add_response(
        "put_connect_instance_integration",
        {},
        {
            "connectInstanceId": INSTANCE,
            "integrationConfig": {
                "customerProfiles": {"domainArn": DOMAIN2, "objectTypeNames": OBJECT_TYPES}
            },
        },
    )
    stub[1].add_client_error(
        "delete_connect_instance_integration", "ResourceNotFoundException", "gone", 404
    )
    event = _event(
        "Update", _props(domain=DOMAIN2), **{k: v for k, v in result.items() if k not in ("Data",)}
    )
    done, trace = _run(logic.is_complete, event, stub)
    assert done == {"IsComplete": True}
    assert trace == [
        "GetInstanceOnboardingJobStatus",
        "PutConnectInstanceIntegration",
        "DeleteConnectInstanceIntegration",
    ]


def test_update_removing_the_domain(stub: Any) -> None:
    stub[1].add_response(
        "delete_connect_instance_integration",
        {},
        {
            "connectInstanceId": INSTANCE,
            "integrationIdentifier": {"customerProfiles": {"domainArn": DOMAIN}},
        },
    )
    _, trace = _run(
        logic.on_event,
        _event(
            "Update",
            _props(domain=None),
            OldResourceProperties=_props(),
            PhysicalResourceId=INSTANCE,
        ),
        stub,
    )
    assert trace == ["DeleteConnectInstanceIntegration"]


def test_delete_removes_integration_then_offboards(stub: Any) -> None:
    stub[1].add_response(
        "delete_connect_instance_integration",
        {},
        {
            "connectInstanceId": INSTANCE,
            "integrationIdentifier": {"customerProfiles": {"domainArn": DOMAIN}},
        },
    )
    stub[1].add_response("delete_instance_onboarding_job", {}, {"connectInstanceId": INSTANCE})
    _, trace = _run(logic.on_event, _event("Delete", _props(), PhysicalResourceId=INSTANCE), stub)
    assert trace == ["DeleteConnectInstanceIntegration", "DeleteInstanceOnboardingJob"]


def test_delete_of_what_is_gone_succeeds(stub: Any) -> None:
    stub[1].add_client_error(
        "delete_connect_instance_integration", "ResourceNotFoundException", "no integration", 404
    )
    stub[1].add_client_error(
        "delete_instance_onboarding_job", "ResourceNotFoundException", "no job", 404
    )
    result, _ = _run(logic.on_event, _event("Delete", _props(), PhysicalResourceId=INSTANCE), stub)
    assert result == {"PhysicalResourceId": INSTANCE}


def test_delete_in_invalid_state_raises_the_message(stub: Any) -> None:
    stub[1].add_response(
        "delete_connect_instance_integration",
        {},
        {
            "connectInstanceId": INSTANCE,
            "integrationIdentifier": {"customerProfiles": {"domainArn": DOMAIN}},
        },
    )
    stub[1].add_client_error(
        "delete_instance_onboarding_job", "InvalidStateException", "campaigns still exist", 409
    )
    with pytest.raises(ServiceError, match="InvalidStateException: campaigns still exist"):
        _run(logic.on_event, _event("Delete", _props(), PhysicalResourceId=INSTANCE), stub)


def test_delete_keeps_the_onboarding_when_asked(stub: Any) -> None:
    _, trace = _run(
        logic.on_event,
        _event("Delete", _props(domain=None, offboard=False), PhysicalResourceId=INSTANCE),
        stub,
    )
    assert trace == []


def test_delete_after_a_create_that_returned_no_id(stub: Any) -> None:
    stub[1].add_client_error(
        "delete_connect_instance_integration", "ResourceNotFoundException", "no instance", 404
    )
    stub[1].add_client_error(
        "delete_instance_onboarding_job", "ResourceNotFoundException", "no instance", 404
    )
    result, _ = _run(
        logic.on_event, _event("Delete", _props(), PhysicalResourceId="r1-failed"), stub
    )
    assert result == {"PhysicalResourceId": "r1-failed"}


def test_delete_after_a_move_offboards_the_old_instance(stub: Any) -> None:
    # CloudFormation deletes the replaced resource by its physical id (the old instance).
    stub[1].add_response("delete_instance_onboarding_job", {}, {"connectInstanceId": INSTANCE})
    _, trace = _run(
        logic.on_event,
        _event("Delete", _props(instance=OTHER, domain=None), PhysicalResourceId=INSTANCE),
        stub,
    )
    assert trace == ["DeleteInstanceOnboardingJob"]


def test_index_logs_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    client = _client()
    stubber = Stubber(client)
    stubber.add_response("start_instance_onboarding_job", _job("IN_PROGRESS"), START_PLAIN)
    monkeypatch.setattr(index, "client", lambda name: client)
    with stubber:
        index.on_event(_event("Create", _props()), None)
    line = json.loads(capsys.readouterr().out)
    assert line["calls"] == ["StartInstanceOnboardingJob"]
    assert line["outcome"] == "ok"


def test_provider_timeouts_match_the_construct() -> None:
    from pinpoint_constructs.connect import onboarding

    assert onboarding.PROVIDER_TOTAL_TIMEOUT_SECONDS == logic.PROVIDER_TOTAL_TIMEOUT_SECONDS
    assert onboarding.PROVIDER_QUERY_INTERVAL_SECONDS == logic.PROVIDER_QUERY_INTERVAL_SECONDS
