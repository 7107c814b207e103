"""Journey custom resource: create, update and delete a Pinpoint journey, then wait for its state.

Runs under ``aws_cdk.custom_resources.Provider``. ResourceProperties (strings, as CloudFormation
sends them): ``ApplicationId``; ``Journey``, the JSON of a WriteJourneyRequest without ``State``;
``State``, the requested state: ACTIVE, DRAFT, PAUSED or CANCELLED. The physical id is the
journey id; ``Data`` carries ``JourneyId`` and ``JourneyArn``. The ARN's partition, region and
account are taken from the event's ``ServiceToken`` (the Provider's function, which lives in the
same account and region as the journey).

How states are set. WriteJourneyRequest accepts only DRAFT and ACTIVE ("ACTIVE saves and publishes
the journey"); pause, resume and cancel go through the journey-state API. So publishing is always
``UpdateJourney`` with the full definition and ``State=ACTIVE`` on a DRAFT journey, and every other
transition is ``UpdateJourneyState``. A create always writes the journey as DRAFT first, then
publishes or changes its state: a failed publish leaves only a draft to delete, and a retried
create resumes from whatever state the earlier attempt reached. A published journey can't go back
to DRAFT, a cancelled one can't run again, and the service rejects edits to a published journey:
those changes replace the journey (a new one is created; CloudFormation then deletes the old one,
so for a moment both exist).

Service calls, exactly (``N`` = pages of ListJourneys, 1 unless the app has many journeys):

Create, by requested state:
  DRAFT      N x ListJourneys, CreateJourney(DRAFT)
  ACTIVE     N x ListJourneys, CreateJourney(DRAFT), UpdateJourney(ACTIVE)
  PAUSED     N x ListJourneys, CreateJourney(DRAFT), UpdateJourney(ACTIVE),
             UpdateJourneyState(PAUSED)
  CANCELLED  N x ListJourneys, CreateJourney(DRAFT), UpdateJourneyState(CANCELLED)
  A retried create that finds its journey (same Name, StartActivity and activity ids, in a state
  this create passes through, created within ``ADOPT_WINDOW_SECONDS``; a replacement, rollbacks
  included, takes one of any age) skips CreateJourney and the steps already done. If a step after
  CreateJourney fails, the journey is removed (UpdateJourneyState(CANCELLED) if it was already
  published, then DeleteJourney) and the service's error is raised.
Update (the current state is the old ``State`` property):
  nothing changed                           no call
  state only, ACTIVE <-> PAUSED, -> CANCELLED  UpdateJourneyState
  state only, DRAFT -> ACTIVE               UpdateJourney(ACTIVE)
  state only, DRAFT -> PAUSED               UpdateJourney(ACTIVE), UpdateJourneyState(PAUSED)
  definition change of a DRAFT journey      UpdateJourney(DRAFT, or ACTIVE when publishing) and,
                                            for PAUSED / CANCELLED, UpdateJourneyState
  definition change of a published journey, ApplicationId change, back to DRAFT, or out of
  CANCELLED: replacement, i.e. the create calls above; the new journey id is the physical id
  (ListJourneys ignores the journey being replaced).
Delete:
  GetJourney, then UpdateJourneyState(CANCELLED) if ACTIVE or PAUSED, then DeleteJourney.
  A journey already gone (NotFoundException at any step) counts as deleted.
is_complete:
  no call for Delete or when on_event changed no state; otherwise one GetJourney per poll.

Waiting: on_event returns a top-level ``StateWaitDeadline`` (epoch seconds) when it changed the
journey's state; the Provider framework merges on_event's result into the is_complete event (and
never sends that key to CloudFormation). is_complete fails with the last seen state once the
deadline, ``STATE_WAIT_TIMEOUT_SECONDS`` after on_event, has passed. The construct's Provider
should use ``PROVIDER_TOTAL_TIMEOUT_SECONDS`` / ``PROVIDER_QUERY_INTERVAL_SECONDS`` so this
handler's message, not the framework's bare "Operation timed out", reaches CloudFormation.

Throttling is retried with ``call_with_backoff``; every other service error is raised as
``ServiceError`` carrying the service's own message.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from typing import Any

from botocore.exceptions import ClientError
from common.arns import mobiletargeting_arn
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

#: How long is_complete waits for the journey to reach the requested state.
STATE_WAIT_TIMEOUT_SECONDS = 600
#: Provider ``total_timeout`` for this handler: longer than the wait above, so the handler's own
#: timeout message is the one CloudFormation reports.
PROVIDER_TOTAL_TIMEOUT_SECONDS = 900
#: Provider ``query_interval`` (``PROVIDER_TOTAL_TIMEOUT_SECONDS`` must be a multiple of it).
PROVIDER_QUERY_INTERVAL_SECONDS = 10

DRAFT = "DRAFT"
ACTIVE = "ACTIVE"
PAUSED = "PAUSED"
CANCELLED = "CANCELLED"
COMPLETED = "COMPLETED"
CLOSED = "CLOSED"

#: States a user may request.
REQUESTABLE_STATES = (ACTIVE, DRAFT, PAUSED, CANCELLED)
#: States in which a journey must be cancelled before it is deleted.
RUNNING_STATES = frozenset({ACTIVE, PAUSED})
#: Journey states that satisfy a requested state: a published journey may already have run to
#: its end (CLOSED, COMPLETED), which is what ACTIVE asked for.
SATISFYING_STATES = {
    DRAFT: frozenset({DRAFT}),
    ACTIVE: frozenset({ACTIVE, CLOSED, COMPLETED}),
    PAUSED: frozenset({PAUSED}),
    CANCELLED: frozenset({CANCELLED}),
}
#: States from which the requested state may still be reached while is_complete waits.
PENDING_STATES = {
    DRAFT: frozenset(),
    ACTIVE: frozenset({DRAFT, PAUSED}),
    PAUSED: frozenset({DRAFT, ACTIVE}),
    CANCELLED: frozenset({DRAFT, ACTIVE, PAUSED, CLOSED}),
}

#: Key of on_event's result that tells is_complete to wait, and until when (epoch seconds).
DEADLINE_KEY = "StateWaitDeadline"

Sleep = Callable[[float], None]
Clock = Callable[[], float]


def plan_transition(current: str, target: str) -> list[str] | None:
    """The states a journey passes through from ``current`` to ``target``.

    ``[]`` when it is already there, ``None`` when the service can't get it there in place
    (the journey must be replaced). Reaching ACTIVE from DRAFT is a publish; every other step
    is a journey-state change.
    """
    if current == target:
        return []
    if target == DRAFT or current not in (DRAFT, ACTIVE, PAUSED):
        return None
    if current == DRAFT and target == PAUSED:
        return [ACTIVE, PAUSED]
    return [target]


class JourneyProperties:
    """The custom resource's properties, parsed and checked."""

    def __init__(self, properties: dict[str, Any]) -> None:
        self.application_id = str(properties.get("ApplicationId") or "")
        if not self.application_id:
            raise ValueError("ApplicationId is required")
        self.state = str(properties.get("State") or "")
        if self.state not in REQUESTABLE_STATES:
            raise ValueError(
                f"State must be one of {', '.join(REQUESTABLE_STATES)}, got {self.state!r}"
            )
        raw = properties.get("Journey")
        if not isinstance(raw, str):
            raise ValueError(f"Journey must be a JSON string, got {type(raw).__name__}")
        try:
            body = json.loads(raw)
        except json.JSONDecodeError as error:
            raise ValueError(f"Journey must be a JSON object: {error}") from error
        if not isinstance(body, dict):
            raise ValueError(f"Journey must be a JSON object, got {type(body).__name__}")
        if "State" in body:
            raise ValueError("Journey must not contain State; pass it as the State property")
        if not body.get("Name"):
            raise ValueError("Journey.Name is required")
        self.body: dict[str, Any] = body

    @property
    def name(self) -> str:
        """The journey's name."""
        return str(self.body["Name"])

    def write_request(self, state: str) -> dict[str, Any]:
        """The WriteJourneyRequest for this definition in ``state`` (DRAFT or ACTIVE)."""
        return {**self.body, "State": state}


class _Pinpoint:
    """The journey calls this handler makes: throttling retried, errors made readable."""

    def __init__(self, client: Any, sleep: Sleep, trace: list[str] | None) -> None:
        self._client = client
        self._sleep = sleep
        self._trace = trace if trace is not None else []

    def _call(self, operation: str, method: str, **params: Any) -> Any:
        self._trace.append(operation)
        return call_with_backoff(getattr(self._client, method), sleep=self._sleep, **params)

    def _fail(self, operation: str, error: ClientError, what: str) -> ServiceError:
        return ServiceError(f"{operation} failed for {what}: {service_message(error)}")

    def list_journeys(self, app_id: str) -> Iterator[dict[str, Any]]:
        """Every journey of the app, page by page."""

        def fetch(**params: Any) -> dict[str, Any]:
            try:
                return self._call("ListJourneys", "list_journeys", **params)
            except ClientError as error:
                raise self._fail("ListJourneys", error, f"app {app_id}") from error

        return page_items(fetch, "JourneysResponse", ApplicationId=app_id)

    def create(self, app_id: str, request: dict[str, Any]) -> str:
        """Create the journey and return its id."""
        try:
            response = self._call(
                "CreateJourney",
                "create_journey",
                ApplicationId=app_id,
                WriteJourneyRequest=request,
            )
        except ClientError as error:
            raise self._fail("CreateJourney", error, f"journey {request['Name']!r}") from error
        return str(response["JourneyResponse"]["Id"])

    def update(self, app_id: str, journey_id: str, request: dict[str, Any]) -> None:
        """Write the journey's definition (and DRAFT or ACTIVE state)."""
        try:
            self._call(
                "UpdateJourney",
                "update_journey",
                ApplicationId=app_id,
                JourneyId=journey_id,
                WriteJourneyRequest=request,
            )
        except ClientError as error:
            raise self._fail("UpdateJourney", error, f"journey {journey_id}") from error

    def set_state(self, app_id: str, journey_id: str, state: str) -> bool:
        """Pause, resume or cancel the journey; False when it no longer exists."""
        try:
            self._call(
                "UpdateJourneyState",
                "update_journey_state",
                ApplicationId=app_id,
                JourneyId=journey_id,
                JourneyStateRequest={"State": state},
            )
        except ClientError as error:
            if is_not_found(error) and state == CANCELLED:
                return False
            raise self._fail(
                f"UpdateJourneyState({state})", error, f"journey {journey_id}"
            ) from error
        return True

    def get(self, app_id: str, journey_id: str) -> dict[str, Any] | None:
        """The journey, or None when it does not exist."""
        try:
            response = self._call(
                "GetJourney", "get_journey", ApplicationId=app_id, JourneyId=journey_id
            )
        except ClientError as error:
            if is_not_found(error):
                return None
            raise self._fail("GetJourney", error, f"journey {journey_id}") from error
        return dict(response["JourneyResponse"])

    def delete(self, app_id: str, journey_id: str) -> None:
        """Delete the journey; one already gone counts as deleted."""
        try:
            self._call(
                "DeleteJourney", "delete_journey", ApplicationId=app_id, JourneyId=journey_id
            )
        except ClientError as error:
            if not is_not_found(error):
                raise self._fail("DeleteJourney", error, f"journey {journey_id}") from error


class _Journey:
    """One journey being driven towards a requested state; ``state`` is where it is now."""

    def __init__(
        self, pinpoint: _Pinpoint, props: JourneyProperties, journey_id: str, state: str
    ) -> None:
        self.pinpoint = pinpoint
        self.props = props
        self.id = journey_id
        self.state = state

    def step_to(self, target: str) -> None:
        """Make one transition: a publish from DRAFT to ACTIVE, a state change otherwise."""
        if self.state == DRAFT and target == ACTIVE:
            self.pinpoint.update(
                self.props.application_id, self.id, self.props.write_request(ACTIVE)
            )
        else:
            self.pinpoint.set_state(self.props.application_id, self.id, target)
        self.state = target

    def discard(self) -> str:
        """Remove a journey this request created; returns a note for the error message."""
        try:
            if self.state in RUNNING_STATES:
                self.pinpoint.set_state(self.props.application_id, self.id, CANCELLED)
            self.pinpoint.delete(self.props.application_id, self.id)
        except ServiceError as error:
            return f" (and removing the half-created journey {self.id} failed: {error})"
        return f" (the half-created journey {self.id} was deleted)"


def _same_journey(item: dict[str, Any], props: JourneyProperties) -> bool:
    """Whether a listed journey is this request's own, left by an earlier attempt."""
    if item.get("Name") != props.name:
        return False
    if "StartActivity" in item and item.get("StartActivity") != props.body.get("StartActivity"):
        return False
    activities = item.get("Activities")
    return activities is None or set(activities) == set(props.body.get("Activities") or {})


def _find_own_journey(
    pinpoint: _Pinpoint,
    props: JourneyProperties,
    exclude_id: str | None,
    created_after: float | None,
) -> dict[str, Any] | None:
    """A journey an earlier attempt of this request made, in a state this request passes
    through (and created after ``created_after``, when given)."""
    path = {DRAFT, *(plan_transition(DRAFT, props.state) or [])}
    for item in pinpoint.list_journeys(props.application_id):
        if (
            item.get("Id") != exclude_id
            and item.get("State") in path
            and _same_journey(item, props)
            and created_after_moment(item, created_after)
        ):
            return item
    return None


def _create(
    pinpoint: _Pinpoint,
    props: JourneyProperties,
    exclude_id: str | None,
    created_after: float | None = None,
) -> _Journey:
    """Create (or find) the journey, then drive it to the requested state; clean up on failure."""
    found = _find_own_journey(pinpoint, props, exclude_id, created_after)
    if found is not None:
        journey = _Journey(pinpoint, props, str(found["Id"]), str(found["State"]))
    else:
        journey_id = pinpoint.create(props.application_id, props.write_request(DRAFT))
        journey = _Journey(pinpoint, props, journey_id, DRAFT)
    try:
        for state in plan_transition(journey.state, props.state) or []:
            journey.step_to(state)
    except ServiceError as error:
        raise ServiceError(f"{error}{journey.discard()}") from error
    return journey


def _update(
    pinpoint: _Pinpoint, props: JourneyProperties, old: JourneyProperties, journey_id: str
) -> tuple[_Journey, bool]:
    """Apply an update; returns the journey (new when replaced) and whether a state changed."""
    steps = plan_transition(old.state, props.state)
    same_app = props.application_id == old.application_id
    if same_app and props.body == old.body and steps is not None:
        journey = _Journey(pinpoint, props, journey_id, old.state)
        for state in steps:
            journey.step_to(state)
        return journey, bool(steps)
    if same_app and old.state == DRAFT and steps is not None:
        journey = _Journey(pinpoint, props, journey_id, DRAFT)
        if steps[:1] == [ACTIVE]:
            journey.step_to(ACTIVE)  # the publish writes the new definition too
            steps = steps[1:]
        else:
            pinpoint.update(props.application_id, journey_id, props.write_request(DRAFT))
        for state in steps:
            journey.step_to(state)
        return journey, journey.state != DRAFT
    journey = _create(pinpoint, props, exclude_id=journey_id)
    return journey, props.state != DRAFT


def _delete(pinpoint: _Pinpoint, app_id: str, journey_id: str) -> None:
    """Cancel the journey if it is running, then delete it; a missing journey is deleted."""
    current = pinpoint.get(app_id, journey_id)
    if current is None:
        return
    if current.get("State") in RUNNING_STATES and not pinpoint.set_state(
        app_id, journey_id, CANCELLED
    ):
        return
    pinpoint.delete(app_id, journey_id)


def journey_arn(service_token: str, application_id: str, journey_id: str) -> str:
    """The journey's ARN, in the partition, region and account of ``service_token`` (an ARN)."""
    return mobiletargeting_arn(service_token, f"apps/{application_id}/journeys/{journey_id}")


def _service_token(event: dict[str, Any]) -> str:
    return str(event.get("ServiceToken") or event["ResourceProperties"].get("ServiceToken", ""))


def _data(event: dict[str, Any], application_id: str, journey_id: str) -> dict[str, str]:
    return {
        "JourneyId": journey_id,
        "JourneyArn": journey_arn(_service_token(event), application_id, journey_id),
    }


def on_event(
    event: dict[str, Any],
    client: Any,
    *,
    sleep: Sleep = time.sleep,
    now: Clock = time.time,
    trace: list[str] | None = None,
) -> dict[str, Any]:
    """Handle a Create, Update or Delete request; ``trace`` collects the operations called."""
    if is_retired(event):  # retire_pinpoint_engagement: no call to the service
        app_id = str(event["ResourceProperties"].get("ApplicationId") or "")
        return retired_result(event, _data(event, app_id, event["PhysicalResourceId"]))
    pinpoint = _Pinpoint(client, sleep, trace)
    request_type = event["RequestType"]
    if request_type == "Delete":
        # Only the app id is needed: a delete must not fail on properties it doesn't use.
        app_id = str(event["ResourceProperties"].get("ApplicationId") or "")
        if not app_id:
            raise ValueError("ApplicationId is required")
        _delete(pinpoint, app_id, event["PhysicalResourceId"])
        return {"PhysicalResourceId": event["PhysicalResourceId"]}
    props = JourneyProperties(event["ResourceProperties"])
    if request_type == "Create":
        journey = _create(
            pinpoint, props, exclude_id=None, created_after=now() - ADOPT_WINDOW_SECONDS
        )
        changed = props.state != DRAFT
    elif request_type == "Update":
        old = JourneyProperties(event["OldResourceProperties"])
        journey, changed = _update(pinpoint, props, old, event["PhysicalResourceId"])
    else:
        raise ValueError(f"unknown RequestType {request_type!r}")
    result: dict[str, Any] = {
        "PhysicalResourceId": journey.id,
        "Data": _data(event, props.application_id, journey.id),
    }
    if changed:
        result[DEADLINE_KEY] = now() + STATE_WAIT_TIMEOUT_SECONDS
    return result


def is_complete(
    event: dict[str, Any],
    client: Any,
    *,
    sleep: Sleep = time.sleep,
    now: Clock = time.time,
    trace: list[str] | None = None,
) -> dict[str, Any]:
    """Whether the journey has reached the requested state; fails fast or at the deadline."""
    if event["RequestType"] == "Delete" or event.get(DEADLINE_KEY) is None:
        return {"IsComplete": True}
    props = JourneyProperties(event["ResourceProperties"])
    journey_id = event["PhysicalResourceId"]
    current = _Pinpoint(client, sleep, trace).get(props.application_id, journey_id)
    if current is None:
        raise ServiceError(f"journey {journey_id} disappeared while waiting for {props.state}")
    state = current.get("State")
    if state in SATISFYING_STATES[props.state]:
        return {"IsComplete": True, "Data": _data(event, props.application_id, journey_id)}
    if state not in PENDING_STATES[props.state]:
        raise ServiceError(f"journey {journey_id} is {state} and can't become {props.state}")
    if now() > float(event[DEADLINE_KEY]):
        raise ServiceError(
            f"journey {journey_id} did not reach {props.state} within "
            f"{STATE_WAIT_TIMEOUT_SECONDS} s; it is still {state}"
        )
    # The Provider framework rejects Data while IsComplete is False.
    return {"IsComplete": False}
