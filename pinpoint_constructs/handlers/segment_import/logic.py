"""Create, replace and delete an imported segment with a Pinpoint import job.

Runs under ``aws_cdk.custom_resources.Provider``:

- ``on_event`` starts the import (``CreateImportJob`` with ``DefineSegment``) and returns the
  new segment's id as the physical resource id, with the job id in ``Data``;
- ``is_complete`` receives that result merged into the event (``PhysicalResourceId`` and
  ``Data``) and polls ``GetImportJob`` until the job is ``COMPLETED`` or ``FAILED``.

An imported segment can't be re-imported in place, so a change of the file (``S3Url``,
``FileHash``, ``Format``), the name, the project or ``RegisterEndpoints`` imports a new segment
under a new physical id and CloudFormation deletes the old one in its clean-up phase.

Before importing, ``GetSegments`` looks for a segment the request already made: an imported
segment with the same name, file and format, other than the one being replaced. A Create takes
one only if it was created within ``ADOPT_WINDOW_SECONDS`` (an earlier attempt of the same
Create, which the Provider framework may re-invoke); a re-import takes one of any age (rolling
back a re-import returns to the original segment, which CloudFormation has not deleted yet).
The segment's latest import job (``GetSegmentImportJobs``) is waited for as if just started.

ResourceProperties (all strings, as CloudFormation delivers them): ``ApplicationId``,
``SegmentName``, ``S3Url`` (``s3://bucket/key``), ``RoleArn``, ``Format`` (``CSV`` or ``JSON``),
``RegisterEndpoints`` (``"true"``/``"false"``, default true) and ``FileHash``.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping
from typing import Any

from botocore.exceptions import ClientError
from common.aws import (
    ADOPT_WINDOW_SECONDS,
    ServiceError,
    call_with_backoff,
    created_after_moment,
    is_not_found,
    page_items,
    service_message,
)
from common.retire import is_retired, retired_result

LOGGER = logging.getLogger(__name__)

Sleep = Callable[[float], None]
Clock = Callable[[], float]

#: Properties that define the segment's content: a change imports a new segment.
#: ``RoleArn`` is only used while the job runs, so changing it alone re-imports nothing.
REIMPORT_PROPERTIES = (
    "ApplicationId",
    "SegmentName",
    "S3Url",
    "Format",
    "FileHash",
    "RegisterEndpoints",
)

FORMATS = ("CSV", "JSON")
COMPLETED = "COMPLETED"
FAILED = "FAILED"

#: How many of the job's own failure entries go into the error (CloudFormation keeps the
#: status reason short), and how long each may be.
MAX_REPORTED_FAILURES = 5
MAX_FAILURE_LENGTH = 300


def on_event(
    event: Mapping[str, Any],
    client: Any,
    *,
    sleep: Sleep = time.sleep,
    now: Clock = time.time,
) -> dict[str, Any]:
    """Handle a CloudFormation Create, Update or Delete for an imported segment."""
    if is_retired(event):  # retire_pinpoint_engagement: no call to the service
        return retired_result(event, {"SegmentId": event["PhysicalResourceId"]})
    request_type = event["RequestType"]
    props = event.get("ResourceProperties") or {}
    if request_type == "Create":
        return import_segment(
            client, props, exclude_id=None, created_after=now() - ADOPT_WINDOW_SECONDS, sleep=sleep
        )
    if request_type == "Update":
        old_props = event.get("OldResourceProperties") or {}
        changed = changed_reimport_properties(old_props, props)
        if changed:
            LOGGER.info("Re-importing because %s changed", ", ".join(changed))
            return import_segment(
                client,
                props,
                exclude_id=event["PhysicalResourceId"],
                created_after=None,
                sleep=sleep,
            )
        segment_id = event["PhysicalResourceId"]
        LOGGER.info("Nothing that defines segment %s changed; keeping it", segment_id)
        return {"PhysicalResourceId": segment_id, "Data": {"SegmentId": segment_id}}
    if request_type == "Delete":
        segment_id = event["PhysicalResourceId"]
        delete_segment(client, _required(props, "ApplicationId"), segment_id, sleep=sleep)
        return {"PhysicalResourceId": segment_id}
    raise ValueError(f"Unknown RequestType {request_type!r}")


def is_complete(
    event: Mapping[str, Any], client: Any, *, sleep: Sleep = time.sleep
) -> dict[str, Any]:
    """Report whether the import job that ``on_event`` started has finished.

    ``event`` is the CloudFormation event merged with ``on_event``'s result. While the job
    runs the result is ``{"IsComplete": False}`` without ``Data`` (the Provider framework
    rejects ``Data`` on an incomplete result). A failed job raises ``ServiceError`` with the
    job's own failure entries, after deleting the segment it may have created.
    """
    if event["RequestType"] == "Delete":
        return {"IsComplete": True}
    job_id = (event.get("Data") or {}).get("JobId")
    if not job_id:
        # An update that changed nothing the segment is made of: no job to wait for.
        return {"IsComplete": True}
    props = event.get("ResourceProperties") or {}
    application_id = _required(props, "ApplicationId")
    segment_id = event["PhysicalResourceId"]

    try:
        job = call_with_backoff(
            client.get_import_job, ApplicationId=application_id, JobId=job_id, sleep=sleep
        )["ImportJobResponse"]
    except ClientError as error:
        message = f"Could not read import job {job_id}: {service_message(error)}."
        raise ServiceError(
            message + _clean_up(client, application_id, segment_id, sleep)
        ) from error

    status = job["JobStatus"]
    LOGGER.info(
        "Import job %s: %s (%s of %s pieces done)",
        job_id,
        status,
        job.get("CompletedPieces", 0),
        job.get("TotalPieces", "?"),
    )
    if status == COMPLETED:
        if job.get("TotalFailures"):
            LOGGER.warning(
                "Import job %s completed, but %s endpoint definitions were not imported: %s",
                job_id,
                job["TotalFailures"],
                "; ".join(job.get("Failures") or []),
            )
        return {"IsComplete": True, "Data": {"SegmentId": segment_id, "JobId": job_id}}
    if status == FAILED:
        message = describe_failed_job(job, props, segment_id)
        raise ServiceError(message + _clean_up(client, application_id, segment_id, sleep))
    # CREATED, PREPARING_FOR_INITIALIZATION, INITIALIZING, PROCESSING, PENDING_JOB,
    # COMPLETING, FAILING (it ends as FAILED) and any status added later: keep waiting.
    return {"IsComplete": False}


def changed_reimport_properties(
    old_props: Mapping[str, Any], new_props: Mapping[str, Any]
) -> list[str]:
    """The names in ``REIMPORT_PROPERTIES`` whose effective value differs between the two."""
    old, new = _normalized(old_props), _normalized(new_props)
    return [name for name in REIMPORT_PROPERTIES if old.get(name) != new.get(name)]


def import_job_request(props: Mapping[str, Any]) -> dict[str, Any]:
    """The ``ImportJobRequest`` for ``props``: a new segment defined by the file."""
    normalized = _normalized(props)
    s3_url = _required(props, "S3Url")
    if not s3_url.startswith("s3://"):
        raise ValueError(f"S3Url must look like s3://bucket/key, got {s3_url!r}")
    return {
        "DefineSegment": True,
        "Format": normalized["Format"],
        "RegisterEndpoints": normalized["RegisterEndpoints"],
        "RoleArn": _required(props, "RoleArn"),
        "S3Url": s3_url,
        "SegmentName": _required(props, "SegmentName"),
    }


def import_segment(
    client: Any,
    props: Mapping[str, Any],
    *,
    exclude_id: str | None,
    created_after: float | None,
    sleep: Sleep = time.sleep,
) -> dict[str, Any]:
    """The Provider result for the segment of ``props``: one this request already made (see the
    module docstring), or a new import."""
    application_id = _required(props, "ApplicationId")
    found = find_imported_segment(
        client, props, exclude_id=exclude_id, created_after=created_after, sleep=sleep
    )
    if found is None:
        return start_import(client, props, sleep=sleep)
    LOGGER.info("Segment %s already holds this import; keeping it", found)
    data = {"SegmentId": found}
    job_id = _latest_import_job(client, application_id, found, sleep)
    if job_id is not None:
        data["JobId"] = job_id
    return {"PhysicalResourceId": found, "Data": data}


def find_imported_segment(
    client: Any,
    props: Mapping[str, Any],
    *,
    exclude_id: str | None,
    created_after: float | None,
    sleep: Sleep = time.sleep,
) -> str | None:
    """The id of an imported segment with the name, file and format of ``props``, other than
    ``exclude_id`` and, when given, created after ``created_after``; None when there is none."""
    application_id = _required(props, "ApplicationId")
    request = import_job_request(props)

    def fetch(**params: Any) -> Any:
        try:
            return call_with_backoff(client.get_segments, sleep=sleep, **params)
        except ClientError as error:
            raise ServiceError(
                f"Could not list the segments of {application_id}: {service_message(error)}"
            ) from error

    for item in page_items(fetch, "SegmentsResponse", ApplicationId=application_id):
        definition = item.get("ImportDefinition") or {}
        if (
            item.get("Id") != exclude_id
            and item.get("SegmentType") == "IMPORT"
            and item.get("Name") == request["SegmentName"]
            and definition.get("S3Url") == request["S3Url"]
            and definition.get("Format") == request["Format"]
            and created_after_moment(item, created_after)
        ):
            return str(item["Id"])
    return None


def _latest_import_job(
    client: Any, application_id: str, segment_id: str, sleep: Sleep
) -> str | None:
    """The id of the segment's most recently created import job, if any."""
    try:
        jobs = (
            call_with_backoff(
                client.get_segment_import_jobs,
                ApplicationId=application_id,
                SegmentId=segment_id,
                sleep=sleep,
            )["ImportJobsResponse"].get("Item")
            or []
        )
    except ClientError as error:
        raise ServiceError(
            f"Could not read the import jobs of segment {segment_id}: {service_message(error)}"
        ) from error
    if not jobs:
        return None
    return str(max(jobs, key=lambda job: str(job.get("CreationDate") or ""))["Id"])


def start_import(
    client: Any, props: Mapping[str, Any], *, sleep: Sleep = time.sleep
) -> dict[str, Any]:
    """Start an import job that defines a new segment; return the Provider result."""
    application_id = _required(props, "ApplicationId")
    request = import_job_request(props)
    try:
        job = call_with_backoff(
            client.create_import_job,
            ApplicationId=application_id,
            ImportJobRequest=request,
            sleep=sleep,
        )["ImportJobResponse"]
    except ClientError as error:
        raise ServiceError(
            f"Could not start importing {request['S3Url']} into segment "
            f"{request['SegmentName']!r}: {service_message(error)}"
        ) from error

    job_id = job["Id"]
    segment_id = (job.get("Definition") or {}).get("SegmentId")
    if not segment_id:
        # The create response normally names the segment; if not, the job itself does.
        try:
            job = call_with_backoff(
                client.get_import_job, ApplicationId=application_id, JobId=job_id, sleep=sleep
            )["ImportJobResponse"]
        except ClientError as error:
            raise ServiceError(
                f"Started import job {job_id} but could not read it: {service_message(error)}"
            ) from error
        segment_id = (job.get("Definition") or {}).get("SegmentId")
    if not segment_id:
        raise ServiceError(
            f"Started import job {job_id}, but Pinpoint did not report the id of the segment "
            "it defines"
        )
    LOGGER.info("Started import job %s for segment %s", job_id, segment_id)
    return {"PhysicalResourceId": segment_id, "Data": {"SegmentId": segment_id, "JobId": job_id}}


def delete_segment(
    client: Any, application_id: str, segment_id: str, *, sleep: Sleep = time.sleep
) -> bool:
    """Delete the segment; False when it was already gone. Other errors raise ``ServiceError``.

    Pinpoint refuses to delete a segment that a campaign or journey still uses; its message
    says so and is passed on.
    """
    try:
        call_with_backoff(
            client.delete_segment, ApplicationId=application_id, SegmentId=segment_id, sleep=sleep
        )
    except ClientError as error:
        if is_not_found(error):
            LOGGER.info("Segment %s was already deleted", segment_id)
            return False
        raise ServiceError(
            f"Could not delete segment {segment_id}: {service_message(error)}"
        ) from error
    LOGGER.info("Deleted segment %s", segment_id)
    return True


def describe_failed_job(job: Mapping[str, Any], props: Mapping[str, Any], segment_id: str) -> str:
    """A one-paragraph account of a FAILED job, with its counts and its own failure entries."""
    failures = [str(entry) for entry in job.get("Failures") or []]
    text = (
        f"Import job {job.get('Id')} for segment {props.get('SegmentName')!r} ({segment_id}) "
        f"FAILED: {job.get('FailedPieces', 0)} of {job.get('TotalPieces', 0)} pieces failed, "
        f"{job.get('TotalFailures', 0)} endpoint definitions failed."
    )
    if failures:
        shown = [_shorten(entry) for entry in failures[:MAX_REPORTED_FAILURES]]
        text += " Failures: " + "; ".join(shown)
        if len(failures) > MAX_REPORTED_FAILURES:
            text += f" (and {len(failures) - MAX_REPORTED_FAILURES} more)"
        text += "."
    else:
        text += (
            f" Pinpoint gave no details: check that {props.get('RoleArn')} can be assumed by "
            f"pinpoint.amazonaws.com and can read {props.get('S3Url')}, and that the file is "
            f"valid {props.get('Format')}."
        )
    return text


def _clean_up(client: Any, application_id: str, segment_id: str, sleep: Sleep) -> str:
    """Delete the segment a failed job may have created; a sentence to append to the error."""
    try:
        deleted = delete_segment(client, application_id, segment_id, sleep=sleep)
    except ServiceError as error:
        return f" Cleaning up also failed: {error}"
    if deleted:
        return f" Segment {segment_id} was deleted."
    return f" Segment {segment_id} was not created, nothing to clean up."


def _normalized(props: Mapping[str, Any]) -> dict[str, Any]:
    """Properties with defaults applied and spellings unified, for comparison and requests."""
    result = {name: props.get(name) for name in REIMPORT_PROPERTIES}
    result["Format"] = _format(props.get("Format"))
    result["RegisterEndpoints"] = _flag(
        "RegisterEndpoints", props.get("RegisterEndpoints"), default=True
    )
    return result


def _format(value: Any) -> str:
    text = str(value or "").strip().upper()
    if text not in FORMATS:
        raise ValueError(f"Format must be CSV or JSON, got {value!r}")
    return text


def _flag(name: str, value: Any, *, default: bool) -> bool:
    if value is None or value == "":
        return default
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("true", "false"):
        return text == "true"
    raise ValueError(f"{name} must be 'true' or 'false', got {value!r}")


def _required(props: Mapping[str, Any], name: str) -> str:
    value = props.get(name)
    if not value:
        raise ValueError(f"Missing resource property {name}")
    return str(value)


def _shorten(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= MAX_FAILURE_LENGTH:
        return text
    return text[: MAX_FAILURE_LENGTH - 3] + "..."
