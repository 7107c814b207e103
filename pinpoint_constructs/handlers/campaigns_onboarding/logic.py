"""Outbound-campaigns onboarding custom resource: onboard an Amazon Connect instance to
outbound campaigns (v2) and integrate its Customer Profiles domain, which CloudFormation
can't do (``connectcampaignsv2`` API).

Runs under ``aws_cdk.custom_resources.Provider``. ResourceProperties (strings, as
CloudFormation sends them): ``ConnectInstanceId``; ``KmsKeyArn`` (optional: encrypt with this
customer managed key; without it, the service's own key); ``ProfilesDomainArn`` (optional: the
Customer Profiles domain to integrate); ``ObjectTypeNames`` (JSON object of event type to
object type name, with the domain); ``OffboardOnDelete`` (``"true"``/``"false"``). The
physical id is the instance id; ``Data`` carries ``ConnectInstanceId``.

Service calls, exactly:

Create (on_event):
  StartInstanceOnboardingJob. The service keeps a FAILED job's status for 14 days and keeps
  returning it ("To reattempt onboarding, first call the DeleteInstanceOnboardingJob API",
  API reference), so a FAILED answer is followed by DeleteInstanceOnboardingJob and one more
  StartInstanceOnboardingJob. ConflictException (a job exists: this create's earlier attempt,
  or an onboarding done outside this stack) is taken as the job to wait for: the status the
  next step reads decides.
is_complete (Create, and an Update that onboards another instance):
  GetInstanceOnboardingJobStatus per poll: IN_PROGRESS waits; FAILED raises with the
  failure code (CloudFormation then deletes the resource, which removes the failed job so a
  new attempt can start); SUCCEEDED then PutConnectInstanceIntegration for the domain (a put
  "or update", so a retry repeats it harmlessly) and, when on_event passed one, removes the
  integration of the domain this update replaced (DeleteConnectInstanceIntegration).
Update:
  ConnectInstanceId changed   the Create calls on the new instance; the new physical id
                              makes CloudFormation delete (offboard) the old one afterwards.
  KmsKeyArn changed           refused: an onboarded instance's key can't change in place
                              (StartInstanceOnboardingJob conflicts); the message says how.
  domain or object types      is_complete puts the new integration, then removes the old
  changed                     domain's (none to remove when only object types changed).
  domain removed              DeleteConnectInstanceIntegration of the old domain.
  nothing else                no call.
Delete (of the instance the physical id names):
  DeleteConnectInstanceIntegration (if a domain), then DeleteInstanceOnboardingJob (if
  OffboardOnDelete); NotFound at either step counts as done; InvalidStateException (e.g. the
  instance still has campaigns) is raised with the service's message.

Throttling is retried with ``call_with_backoff``; every other service error is raised as
``ServiceError`` carrying the service's own message.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any

from botocore.exceptions import ClientError
from common.aws import ServiceError, call_with_backoff, error_code, is_not_found, service_message

#: How long is_complete waits for the onboarding job.
JOB_WAIT_TIMEOUT_SECONDS = 600
#: The Provider's total timeout and poll interval (the construct repeats them; a unit test
#: keeps them equal): the total outlasts the job wait, so this handler's message reaches
#: CloudFormation rather than the framework's "Operation timed out".
PROVIDER_TOTAL_TIMEOUT_SECONDS = 900
PROVIDER_QUERY_INTERVAL_SECONDS = 10
#: The top-level key on_event returns and the Provider framework merges into the is_complete
#: event (it never reaches CloudFormation).
DEADLINE_KEY = "OnboardingWaitDeadline"
#: Same, for the domain whose integration an update replaces.
REPLACED_DOMAIN_KEY = "ReplacedProfilesDomainArn"

Sleep = Callable[[float], None]


def _props(event: dict[str, Any], key: str = "ResourceProperties") -> dict[str, Any]:
    properties = event.get(key) or {}
    object_types = properties.get("ObjectTypeNames")
    return {
        "instance_id": properties.get("ConnectInstanceId", ""),
        "kms_key_arn": properties.get("KmsKeyArn") or None,
        "domain_arn": properties.get("ProfilesDomainArn") or None,
        "object_type_names": json.loads(object_types) if object_types else {},
        "offboard": str(properties.get("OffboardOnDelete", "true")).lower() == "true",
    }


class _Campaigns:
    """The connectcampaignsv2 calls, each traced and retried on throttling."""

    def __init__(self, client: Any, sleep: Sleep, trace: list[str] | None) -> None:
        self._client = client
        self._sleep = sleep
        self._trace = trace if trace is not None else []

    def call(self, operation: str, method: str, **kwargs: Any) -> dict[str, Any]:
        self._trace.append(operation)
        result: dict[str, Any] = call_with_backoff(
            getattr(self._client, method), sleep=self._sleep, **kwargs
        )
        return result

    def start(self, instance_id: str, kms_key_arn: str | None) -> str | None:
        encryption: dict[str, Any] = {"enabled": False}
        if kms_key_arn:
            encryption = {"enabled": True, "encryptionType": "KMS", "keyArn": kms_key_arn}
        response = self.call(
            "StartInstanceOnboardingJob",
            "start_instance_onboarding_job",
            connectInstanceId=instance_id,
            encryptionConfig=encryption,
        )
        status: str | None = response.get("connectInstanceOnboardingJobStatus", {}).get("status")
        return status

    def status(self, instance_id: str) -> dict[str, Any]:
        response = self.call(
            "GetInstanceOnboardingJobStatus",
            "get_instance_onboarding_job_status",
            connectInstanceId=instance_id,
        )
        job: dict[str, Any] = response.get("connectInstanceOnboardingJobStatus") or {}
        return job

    def delete_job(self, instance_id: str) -> None:
        self.call(
            "DeleteInstanceOnboardingJob",
            "delete_instance_onboarding_job",
            connectInstanceId=instance_id,
        )

    def put_integration(self, instance_id: str, domain_arn: str, object_types: dict) -> None:
        self.call(
            "PutConnectInstanceIntegration",
            "put_connect_instance_integration",
            connectInstanceId=instance_id,
            integrationConfig={
                "customerProfiles": {"domainArn": domain_arn, "objectTypeNames": object_types}
            },
        )

    def delete_integration(self, instance_id: str, domain_arn: str) -> None:
        self.call(
            "DeleteConnectInstanceIntegration",
            "delete_connect_instance_integration",
            connectInstanceId=instance_id,
            integrationIdentifier={"customerProfiles": {"domainArn": domain_arn}},
        )


def _fail(action: str, instance_id: str, error: ClientError) -> ServiceError:
    return ServiceError(
        f"{action} for Amazon Connect instance {instance_id} failed: {service_message(error)}"
    )


def _onboard(campaigns: _Campaigns, instance_id: str, kms_key_arn: str | None) -> None:
    """Start the onboarding job (restarting a job the service keeps as FAILED)."""
    try:
        status = campaigns.start(instance_id, kms_key_arn)
        if status == "FAILED":
            campaigns.delete_job(instance_id)
            campaigns.start(instance_id, kms_key_arn)
    except ClientError as error:
        if error_code(error) == "ConflictException":
            return  # a job exists; is_complete reads its status
        raise _fail("StartInstanceOnboardingJob", instance_id, error) from error


def _remove_integration(campaigns: _Campaigns, instance_id: str, domain_arn: str) -> None:
    try:
        campaigns.delete_integration(instance_id, domain_arn)
    except ClientError as error:
        if not is_not_found(error):
            raise _fail("DeleteConnectInstanceIntegration", instance_id, error) from error


def _result(instance_id: str, now: float, **extra: Any) -> dict[str, Any]:
    result: dict[str, Any] = {
        "PhysicalResourceId": instance_id,
        "Data": {"ConnectInstanceId": instance_id},
        DEADLINE_KEY: now + JOB_WAIT_TIMEOUT_SECONDS,
    }
    result.update(extra)
    return result


def on_event(
    event: dict[str, Any],
    client: Any,
    *,
    sleep: Sleep = time.sleep,
    now: Callable[[], float] = time.time,
    trace: list[str] | None = None,
) -> dict[str, Any]:
    """Handle a Create, Update or Delete request; ``trace`` collects the operations called."""
    campaigns = _Campaigns(client, sleep, trace)
    request = event["RequestType"]
    props = _props(event)
    instance_id = props["instance_id"]
    if request == "Create":
        _onboard(campaigns, instance_id, props["kms_key_arn"])
        return _result(instance_id, now())
    if request == "Update":
        old = _props(event, "OldResourceProperties")
        if old["instance_id"] != instance_id:
            _onboard(campaigns, instance_id, props["kms_key_arn"])
            return _result(instance_id, now())
        if old["kms_key_arn"] != props["kms_key_arn"]:
            raise ServiceError(
                f"the onboarding of Amazon Connect instance {instance_id} can't change its KMS "
                f"key in place (from {old['kms_key_arn']} to {props['kms_key_arn']}); remove the "
                "OutboundCampaignsOnboarding (and the instance's campaigns) in one deployment "
                "and add it back with the new key in the next"
            )
        extra: dict[str, Any] = {}
        if old["domain_arn"] and old["domain_arn"] != props["domain_arn"]:
            if props["domain_arn"] is None:
                _remove_integration(campaigns, instance_id, old["domain_arn"])
            else:
                extra[REPLACED_DOMAIN_KEY] = old["domain_arn"]
        unchanged = (
            old["domain_arn"] == props["domain_arn"]
            and old["object_type_names"] == props["object_type_names"]
        )
        if unchanged or props["domain_arn"] is None:
            return {"PhysicalResourceId": instance_id, "Data": {"ConnectInstanceId": instance_id}}
        return _result(instance_id, now(), **extra)
    if request == "Delete":
        # The physical id names the instance to offboard: after an update that onboarded
        # another instance, CloudFormation deletes the old one by its physical id. A create that
        # failed before it returned an id leaves the request id here, which names no instance:
        # its calls end in NotFound, which counts as done.
        physical_id = event.get("PhysicalResourceId") or instance_id
        if props["domain_arn"]:
            _remove_integration(campaigns, physical_id, props["domain_arn"])
        if props["offboard"]:
            try:
                campaigns.delete_job(physical_id)
            except ClientError as error:
                if not is_not_found(error):
                    raise _fail("DeleteInstanceOnboardingJob", physical_id, error) from error
        return {"PhysicalResourceId": physical_id}
    raise ValueError(f"unknown RequestType {request!r}")


def is_complete(
    event: dict[str, Any],
    client: Any,
    *,
    sleep: Sleep = time.sleep,
    now: Callable[[], float] = time.time,
    trace: list[str] | None = None,
) -> dict[str, Any]:
    """Has the onboarding job finished? Then integrate the domain."""
    if event["RequestType"] == "Delete" or DEADLINE_KEY not in event:
        return {"IsComplete": True}
    campaigns = _Campaigns(client, sleep, trace)
    props = _props(event)
    instance_id = props["instance_id"]
    try:
        job = campaigns.status(instance_id)
    except ClientError as error:
        raise _fail("GetInstanceOnboardingJobStatus", instance_id, error) from error
    status = job.get("status")
    if status == "FAILED":
        raise ServiceError(
            f"onboarding Amazon Connect instance {instance_id} to outbound campaigns failed: "
            f"{job.get('failureCode', 'no failure code')}"
        )
    if status != "SUCCEEDED":
        if now() > float(event[DEADLINE_KEY]):
            raise ServiceError(
                f"onboarding Amazon Connect instance {instance_id} to outbound campaigns did not "
                f"finish within {JOB_WAIT_TIMEOUT_SECONDS} seconds (last status {status})"
            )
        return {"IsComplete": False}
    if props["domain_arn"]:
        try:
            campaigns.put_integration(instance_id, props["domain_arn"], props["object_type_names"])
        except ClientError as error:
            raise _fail("PutConnectInstanceIntegration", instance_id, error) from error
        replaced = event.get(REPLACED_DOMAIN_KEY)
        if replaced:
            _remove_integration(campaigns, instance_id, replaced)
    return {"IsComplete": True}
