"""The ``Journey`` construct: a Pinpoint journey (a custom resource; CloudFormation has no
journey resource) built from a chain of activities and checked at synth."""

from __future__ import annotations

import copy
import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

import jsii
from aws_cdk import (
    Annotations,
    CustomResource,
    Duration,
    IStableStringProducer,
    Lazy,
    Names,
    Stack,
)
from aws_cdk import aws_iam as iam
from aws_cdk import aws_lambda as lambda_
from constructs import Construct, IValidation

from ..._props import checked_props
from ..._validation import (
    canonical_spelling,
    check_int,
    check_length,
    is_unresolved,
    iso_timestamp,
    positive_duration_seconds,
    require_bool,
    require_non_empty,
)
from .._permissions import allow_pinpoint_invoke, depend_on_invoke_permissions
from ..app import QuietTime, same_project
from ..channels import ChannelType, warn_if_channel_missing
from ..core import IPinpointApp
from ..segments import AttributeFilter, MetricFilter
from ..templates.base import ITemplate
from . import _graph
from ._binding import JourneyBinding
from ._model import model_report
from ._provider import grant_journey_handlers, journey_provider
from .activities import Activity, ContactCenter, IChainable
from .conditions import event_dimensions

if TYPE_CHECKING:
    from ..segments import ISegment

#: The longest journey name: "a maximum of 150 characters" (the documentation of
#: ``WriteJourneyRequest.Name`` in botocore's Pinpoint model and the API Reference).
JOURNEY_NAME_MAX_LENGTH = 150
#: Pinpoint's default quota of activities per journey ("Maximum number of journey activities:
#: 40 per journey", Amazon Pinpoint Developer Guide, "Journey quotas"; it can be raised).
MAX_JOURNEY_ACTIVITIES = 40
#: Warning id for a draft journey's unfinished activities (a send without a template, a wait
#: without a time, a split without its condition or branches).
JOURNEY_DRAFT_UNFINISHED_WARNING = "pinpoint-constructs:journeyDraftUnfinished"
#: The CloudFormation type of the journey custom resource.
RESOURCE_TYPE = "Custom::PinpointJourney"
#: The schedule time zones Pinpoint accepts (``JourneySchedule.Timezone``).
JOURNEY_TIMEZONES = (
    "UTC",
    "UTC+01",
    "UTC+02",
    "UTC+03",
    "UTC+03:30",
    "UTC+04",
    "UTC+04:30",
    "UTC+05",
    "UTC+05:30",
    "UTC+05:45",
    "UTC+06",
    "UTC+06:30",
    "UTC+07",
    "UTC+08",
    "UTC+08:45",
    "UTC+09",
    "UTC+09:30",
    "UTC+10",
    "UTC+10:30",
    "UTC+11",
    "UTC+12",
    "UTC+12:45",
    "UTC+13",
    "UTC+13:45",
    "UTC-02",
    "UTC-02:30",
    "UTC-03",
    "UTC-03:30",
    "UTC-04",
    "UTC-05",
    "UTC-06",
    "UTC-07",
    "UTC-08",
    "UTC-09",
    "UTC-09:30",
    "UTC-10",
    "UTC-11",
)


class JourneyState(enum.Enum):
    """The state the journey is deployed in."""

    #: Published: participants enter as the schedule and start condition say.
    ACTIVE = "ACTIVE"
    #: Saved, not published; it can be changed freely and published later.
    DRAFT = "DRAFT"
    #: Published, then paused: no new participants until it is ACTIVE again. Pinpoint pauses
    #: only journeys with a segment refresh interval (``refresh_frequency``).
    PAUSED = "PAUSED"
    #: Stopped for good: activities in progress finish, nothing else runs; a cancelled journey
    #: can't be resumed (asking for ACTIVE again replaces it with a new journey).
    CANCELLED = "CANCELLED"


class EventFilterType(enum.Enum):
    """Which events start an event-triggered journey."""

    #: Events your app records for an endpoint (``PutEvents``, the mobile SDKs).
    ENDPOINT = "ENDPOINT"
    #: Events Pinpoint records itself.
    SYSTEM = "SYSTEM"


def _segment_id(prop: str, segment: Any) -> str:
    segment_id = getattr(segment, "segment_id", None)
    if not isinstance(segment_id, str):
        raise TypeError(
            f"{prop} must be a segment (an ISegment with a segment_id), got "
            f"{type(segment).__name__}: {segment!r}"
        )
    return segment_id


@checked_props
class JourneyStart:
    """How participants enter the journey: :meth:`segment` or :meth:`event`."""

    def __init__(
        self, condition: dict[str, Any], *, is_event: bool, segment: ISegment | None = None
    ) -> None:
        # Use the factories; the constructor is not part of the API.
        self._condition = condition
        self.is_event = is_event
        """Whether participants enter when an event occurs (an event-triggered journey)."""
        self.entry_segment = segment
        """The segment participants enter from (or must belong to), if any."""

    @staticmethod
    def segment(segment: ISegment, *, description: str | None = None) -> JourneyStart:
        """The members of ``segment`` enter the journey (re-read every ``refresh_frequency``
        and, with ``refresh_on_segment_update``, whenever the segment changes).

        :param description: The entry activity's label in the console. Default: none.
        """
        condition: dict[str, Any] = {
            "SegmentStartCondition": {"SegmentId": _segment_id("JourneyStart.segment", segment)}
        }
        if description is not None:
            condition["Description"] = description
        return JourneyStart(condition, is_event=False, segment=segment)

    @staticmethod
    def event(
        event_type: str | Sequence[str],
        *,
        attributes: Mapping[str, AttributeFilter | Sequence[str]] | None = None,
        metrics: Mapping[str, MetricFilter] | None = None,
        segment: ISegment | None = None,
        filter_type: EventFilterType = EventFilterType.ENDPOINT,
        description: str | None = None,
    ) -> JourneyStart:
        """An endpoint enters the journey when it records an event of ``event_type`` (one
        name or a list: any of them) whose attributes and metrics match.

        :param attributes: Event attributes by name: an ``AttributeFilter`` or a list of
            values (shorthand for ``AttributeFilter.inclusive``). Default: any.
        :param metrics: Event metrics by name. Default: any.
        :param segment: Only members of this segment enter. Default: any endpoint.
        :param filter_type: Endpoint (app) events or system events. Default: ``ENDPOINT``.
        :param description: The entry activity's label in the console. Default: none.
        """
        if not isinstance(filter_type, EventFilterType):
            raise TypeError(f"filter_type must be an EventFilterType, got {filter_type!r}")
        event_start: dict[str, Any] = {
            "EventFilter": {
                "FilterType": filter_type.value,
                "Dimensions": event_dimensions(
                    "JourneyStart.event", event_type, attributes, metrics
                ),
            }
        }
        if segment is not None:
            event_start["SegmentId"] = _segment_id("JourneyStart.event segment", segment)
        condition: dict[str, Any] = {"EventStartCondition": event_start}
        if description is not None:
            condition["Description"] = description
        return JourneyStart(condition, is_event=True, segment=segment)

    def _render(self) -> dict[str, Any]:
        return self._condition


@checked_props
@dataclass(frozen=True, kw_only=True)
class JourneySchedule:
    """When the journey runs.

    :param start: When the journey starts (a ``datetime`` with a time zone). Default: as soon
        as it is published.
    :param end: When it ends. Default: it runs until cancelled.
    :param timezone: The starting UTC offset used with ``local_time``, one of
        :data:`JOURNEY_TIMEZONES` (``"UTC"``, ``"UTC+01"``, ``"UTC-05"`` ...), in any letter
        case (written in the list's spelling). Default: none.
    """

    start: datetime | None = None
    end: datetime | None = None
    timezone: str | None = None

    def __post_init__(self) -> None:
        timezone = canonical_spelling(
            "schedule.timezone", self.timezone, JOURNEY_TIMEZONES, "Pinpoint's UTC offsets"
        )
        object.__setattr__(self, "timezone", timezone)
        self.render()

    def render(self) -> dict[str, str]:
        """Validate and return the ``JourneySchedule`` shape."""
        rendered: dict[str, str] = {}
        if self.start is not None:
            rendered["StartTime"] = iso_timestamp("schedule.start", self.start)
        if self.end is not None:
            rendered["EndTime"] = iso_timestamp("schedule.end", self.end)
        if self.start is not None and self.end is not None and self.start >= self.end:
            raise ValueError(
                f"schedule.start must be before schedule.end, got {rendered['StartTime']} and "
                f"{rendered['EndTime']}"
            )
        if self.timezone is not None:
            rendered["Timezone"] = self.timezone
        return rendered


@checked_props
@dataclass(frozen=True, kw_only=True)
class TimeframeCap:
    """Most messages all journeys may send one endpoint within a number of days.

    :param cap: Most messages, 0 to 100 (0: no cap).
    :param days: The length of the timeframe in days, 0 to 30 (0: no cap).
    """

    cap: int
    days: int

    def __post_init__(self) -> None:
        self.render("limits.timeframe_cap")

    def render(self, prop: str) -> dict[str, int]:
        """Validate and return the ``JourneyTimeframeCap`` shape."""
        check_int(f"{prop}.cap", self.cap, 0, 100, optional=False)
        check_int(f"{prop}.days", self.days, 0, 30, optional=False)
        return {"Cap": self.cap, "Days": self.days}


@checked_props
@dataclass(frozen=True, kw_only=True)
class JourneyLimits:
    """Sending and entry limits of one journey (the app's ``Limits`` are a separate shape).

    Every field is optional; ``None`` keeps the app's or the service's default.

    :param daily_cap: Most messages the journey sends one participant in 24 hours, 0 to 100.
    :param total_cap: Most messages the journey sends one endpoint, 0 to 100 (0: no cap).
    :param endpoint_reentry_cap: How often a participant may enter the journey, 0 to 100
        (0: without limit).
    :param endpoint_reentry_interval: The shortest time between two entries of one endpoint.
    :param messages_per_second: Most messages the journey sends per second, at least 1.
    :param timeframe_cap: Most messages within a number of days.
    """

    daily_cap: int | None = None
    total_cap: int | None = None
    endpoint_reentry_cap: int | None = None
    endpoint_reentry_interval: Duration | None = None
    messages_per_second: int | None = None
    timeframe_cap: TimeframeCap | None = None

    def __post_init__(self) -> None:
        self.render()

    def render(self) -> dict[str, Any]:
        """Validate and return the ``JourneyLimits`` shape."""
        rendered: dict[str, Any] = {}
        for key, prop, value, maximum in (
            ("DailyCap", "daily_cap", self.daily_cap, 100),
            ("TotalCap", "total_cap", self.total_cap, 100),
            ("EndpointReentryCap", "endpoint_reentry_cap", self.endpoint_reentry_cap, 100),
            ("MessagesPerSecond", "messages_per_second", self.messages_per_second, None),
        ):
            if value is not None:
                check_int(f"limits.{prop}", value, 1 if maximum is None else 0, maximum)
                rendered[key] = value
        if self.endpoint_reentry_interval is not None:
            positive_duration_seconds(
                "limits.endpoint_reentry_interval", self.endpoint_reentry_interval
            )
            rendered["EndpointReentryInterval"] = self.endpoint_reentry_interval.to_iso_string()
        if self.timeframe_cap is not None:
            if not isinstance(self.timeframe_cap, TimeframeCap):
                raise TypeError(
                    f"limits.timeframe_cap must be a TimeframeCap, got {self.timeframe_cap!r}"
                )
            rendered["TimeframeCap"] = self.timeframe_cap.render("limits.timeframe_cap")
        return rendered


@checked_props
@dataclass(frozen=True, kw_only=True)
class ConnectCampaign:
    """The Amazon Connect outbound campaign that the journey's ``ContactCenter`` activities
    place calls through.

    :param campaign_arn: The campaign's ARN.
    :param execution_role: The role Pinpoint assumes to call the campaign's APIs (an ARN
        without a path). The journey's handlers get ``iam:PassRole`` on it.
    """

    campaign_arn: str
    execution_role: iam.IRole


@jsii.implements(IStableStringProducer)
class _RequestJson:
    """Produces the ``Journey`` property at synth, from the graph as it is then."""

    def __init__(self, journey: Journey) -> None:
        self._journey = journey

    def produce(self) -> str:
        return Stack.of(self._journey).to_json_string(self._journey.request())


@jsii.implements(IValidation)
class _JourneyCheck:
    """The checks that need the whole tree; they run when the app is synthesized."""

    def __init__(self, journey: Journey) -> None:
        self._journey = journey

    def validate(self) -> list[str]:
        errors = self._journey._graph_errors()
        if not errors:
            report = model_report(self._journey.request())
            if report is not None:
                errors.append(report)
        return errors


@checked_props
class Journey(Construct):
    """A Pinpoint journey: participants enter from a segment or on an event, then move
    through a graph of activities (messages, waits, splits).

    CloudFormation has no journey resource, so this is a custom resource
    (``Custom::PinpointJourney``, child ``Resource``) run by the stack's journey provider
    (``handlers/journey``), which creates the journey as a draft, publishes it and waits until
    it reaches ``state``. A published journey can't be edited: a changed definition replaces
    it (a new journey is created, then the old one is cancelled and deleted).

    Example::

        welcome = SendEmail("Welcome", template=welcome_email)
        Journey(self, "Onboarding",
            app=app,
            journey_name="onboarding",
            start=JourneyStart.segment(new_users),
            definition=welcome.next(Wait("Wait2d", duration=Duration.days(2))).next(
                ConditionalSplit("Opened", condition=Condition.message_opened(welcome))
                .when_true(SendSms("Thanks", template=thanks_sms))
                .when_false(SendEmail("Reminder", template=reminder_email))
            ),
        )

    Checked at synth (errors name the activity): activity ids unique; no cycles; each split
    has its branches, random split percentages add up to 100; an activity belongs to one
    journey; at most ``max_activities`` activities; message conditions refer to an earlier
    message activity of this journey; contact center activities have a ``connect_campaign``
    and an entry that isn't an event; journey names are unique per app; and the whole request
    matches botocore's Pinpoint model (``WriteJourneyRequest``). A ``DRAFT`` may hold
    unfinished activities and split branches (reported with the warning
    ``JOURNEY_DRAFT_UNFINISHED_WARNING``); every other state refuses them.

    Note: AWS ended support for Pinpoint journeys on 2026-10-30.
    """

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        app: IPinpointApp,
        start: JourneyStart | None = None,
        definition: IChainable | None = None,
        journey_name: str | None = None,
        schedule: JourneySchedule | None = None,
        limits: JourneyLimits | None = None,
        quiet_time: QuietTime | None = None,
        wait_for_quiet_time: bool | None = None,
        refresh_frequency: Duration | None = None,
        refresh_on_segment_update: bool | None = None,
        local_time: bool | None = None,
        state: JourneyState = JourneyState.ACTIVE,
        connect_campaign: ConnectCampaign | None = None,
        max_activities: int = MAX_JOURNEY_ACTIVITIES,
    ) -> None:
        """
        :param app: The project the journey belongs to.
        :param start: How participants enter: ``JourneyStart.segment(...)`` or
            ``JourneyStart.event(...)``. Required, except for a draft
            (``state=JourneyState.DRAFT``), which may not have its entry yet
            (``WriteJourneyRequest`` requires only ``Name``). Default: none.
        :param definition: The first activity, or a chain that starts with it. Required,
            except for a draft, which may have no activities yet, as the console saves a new
            journey (``WriteJourneyRequest`` requires only ``Name``; ``Activities`` and
            ``StartActivity`` are then left out of the request). Default: none.
        :param journey_name: 1 to 150 characters, not only whitespace, unique in the app (the
            library's rule: its handler recognises by name a journey that a retried create
            already made);
            spaces are allowed. Source: botocore's Pinpoint model types
            ``WriteJourneyRequest.Name`` as a plain ``__string`` (no pattern, no length
            trait); its documentation says "a maximum of 150 characters" and also "can't
            contain any spaces", but the API Reference's own journey sample and journeys
            made in the console carry names with spaces, which the service accepts, so only
            the length is enforced. Default: a unique name generated from the construct path.
        :param schedule: Start, end and time zone. Default: start when published, no end.
        :param limits: Sending and entry limits. Default: the app's and the service's.
        :param quiet_time: Hours in which no messages are sent (per endpoint time zone).
            Default: none.
        :param wait_for_quiet_time: Hold participants who arrive in quiet time until it ends
            (needs ``quiet_time``). Default: the service default.
        :param refresh_frequency: How often Pinpoint re-reads the entry segment, an
            ``aws_cdk.Duration`` (ISO 8601 in the request). Required for ``PAUSED``.
            Default: the segment is read once.
        :param refresh_on_segment_update: Re-read the segment whenever it changes.
            Default: the service default.
        :param local_time: Run the schedule in each participant's local time.
            Default: the service default (UTC).
        :param state: The state to deploy the journey in. Default: ``ACTIVE`` (published).
            A ``DRAFT`` may hold unfinished activities, as the console saves them (a send
            without a template, a wait without a time, a split without a condition or
            branches, random split percentages that don't add up yet): the service checks
            them only when the journey is published. Each is reported with the warning
            ``JOURNEY_DRAFT_UNFINISHED_WARNING``; any other state fails synth naming the
            unfinished activity.
        :param connect_campaign: The Amazon Connect campaign for ``ContactCenter`` activities.
            Default: none.
        :param max_activities: The account's quota of activities per journey. Default: 40,
            Pinpoint's default quota; raise it after a quota increase.
        """
        super().__init__(scope, id)
        if start is None and state is not JourneyState.DRAFT:
            raise ValueError(
                "start is required unless state=JourneyState.DRAFT (a draft may not have its "
                f"entry yet), got no start with state {getattr(state, 'value', state)}"
            )
        if start is not None and not isinstance(start, JourneyStart):
            raise TypeError(
                "start must be a JourneyStart (JourneyStart.segment(...) or "
                f"JourneyStart.event(...)), got {type(start).__name__}: {start!r}"
            )
        if definition is None and state is not JourneyState.DRAFT:
            raise ValueError(
                "definition is required unless state=JourneyState.DRAFT (a draft may have no "
                "activities yet), got no definition with state "
                f"{getattr(state, 'value', state)}"
            )
        if definition is not None and not isinstance(definition, IChainable):
            raise TypeError(
                f"definition must be an activity or a Chain, got {type(definition).__name__}: "
                f"{definition!r}"
            )
        if not isinstance(state, JourneyState):
            raise TypeError(f"state must be a JourneyState, got {state!r}")
        if state is JourneyState.PAUSED and refresh_frequency is None:
            raise ValueError(
                "state PAUSED needs refresh_frequency: Pinpoint pauses only journeys with a "
                "segment refresh interval"
            )
        if wait_for_quiet_time and quiet_time is None:
            raise ValueError("wait_for_quiet_time=True needs quiet_time, got no quiet_time")
        check_int("max_activities", max_activities, 1, optional=False)
        if journey_name is None:
            journey_name = Names.unique_resource_name(self, max_length=JOURNEY_NAME_MAX_LENGTH)
        else:
            require_non_empty("journey_name", journey_name, optional=False)
            check_length("journey_name", journey_name, JOURNEY_NAME_MAX_LENGTH)

        owner = getattr(start.entry_segment, "app", None) if start is not None else None
        if owner is not None and not same_project(owner, app):
            entry = start.entry_segment  # type: ignore[union-attr]
            segment_path = getattr(getattr(entry, "node", None), "path", entry)
            raise ValueError(
                f"start segment {segment_path} belongs to the app {owner.node.path}, not to the "
                f"journey's app {app.node.path}"
            )
        self.app = app
        """The project the journey belongs to."""
        self.journey_name = journey_name
        """The journey's name."""
        self.start = start
        """How participants enter."""
        self.state = state
        """The state the journey is deployed in."""
        self.definition = definition
        """The first activity (or the chain that starts with it); ``None`` for a draft
        without activities."""
        self.max_activities = max_activities
        self.connect_campaign = connect_campaign
        self._settings = self._render_settings(
            schedule=schedule,
            limits=limits,
            quiet_time=quiet_time,
            wait_for_quiet_time=wait_for_quiet_time,
            refresh_frequency=refresh_frequency,
            refresh_on_segment_update=refresh_on_segment_update,
            local_time=local_time,
            connect_campaign=connect_campaign,
        )
        self._overrides: list[tuple[list[str], Any, bool]] = []
        self._foreign: list[tuple[Activity, JourneyBinding]] = []
        self._invoke_allowed: set[str] = set()
        self._channels_checked: set[ChannelType] = set()

        provider = journey_provider(self)
        grant_journey_handlers(provider, app)
        if connect_campaign is not None:
            # Only the on-event handler writes the journey (and so passes the role).
            provider.on_event.role.add_to_principal_policy(
                iam.PolicyStatement(
                    actions=["iam:PassRole"],
                    resources=[connect_campaign.execution_role.role_arn],
                )
            )
        self._resource = CustomResource(
            self,
            "Resource",
            service_token=provider.service_token,
            resource_type=RESOURCE_TYPE,
            properties={
                "ApplicationId": app.app_id,
                "Journey": Lazy.string(_RequestJson(self)),
                "State": state.value,
            },
        )
        if definition is not None:
            self._adopt(definition.start_activity)
        self.node.add_validation(_JourneyCheck(self))

    # ---- attributes -------------------------------------------------------------------

    @property
    def journey_id(self) -> str:
        """The journey id (the custom resource's physical id)."""
        return self._resource.ref

    @property
    def journey_arn(self) -> str:
        """``arn:<partition>:mobiletargeting:<region>:<account>:apps/<app id>/journeys/<id>``."""
        return self._resource.get_att_string("JourneyArn")

    @property
    def start_activity(self) -> Activity | None:
        """The first activity (``None`` for a draft without activities)."""
        return None if self.definition is None else self.definition.start_activity

    @property
    def activities(self) -> list[Activity]:
        """Every activity of the journey, depth first from the start activity."""
        start = self.start_activity
        return [] if start is None else _graph.walk(start)

    # ---- the request ------------------------------------------------------------------

    def request(self) -> dict[str, Any]:
        """The ``WriteJourneyRequest`` (without ``State``) the handler sends, with overrides
        applied; tokens in it resolve at deploy time."""
        start = self.start_activity
        request: dict[str, Any] = {"Name": self.journey_name}
        if self.start is not None:
            request["StartCondition"] = self.start._render()
        if start is not None:
            request["StartActivity"] = start.id
            request["Activities"] = {a.id: a._render() for a in _graph.walk(start)}
        request.update(self._settings)
        if self._overrides:
            # Overrides must not reach the activities' and settings' own dicts.
            request = copy.deepcopy(request)
            for path, value, delete in self._overrides:
                _apply_override(request, path, value, delete)
        return request

    def add_request_override(self, path: str, value: Any) -> None:
        """Set ``value`` at ``path`` (dot-separated, e.g. ``"Limits.DailyCap"`` or
        ``"Activities.Welcome.EMAIL.TemplateVersion"``) in the request: an escape hatch for
        fields this construct doesn't model (``OpenHours``, ``ClosedDays``,
        ``TimezoneEstimationMethods`` ...). The result is still checked against botocore's
        model at synth."""
        self._overrides.append((_split_path(path), value, False))

    def add_request_deletion_override(self, path: str) -> None:
        """Remove the field at ``path`` from the request."""
        self._overrides.append((_split_path(path), None, True))

    # ---- graph ownership (called by activities) ---------------------------------------

    def _adopt(self, start: Activity) -> None:
        """Claim ``start`` and everything after it: bind permissions and channel checks once,
        and record activities that another journey already holds."""
        for activity in _graph.walk(start):
            if self in activity._journeys:
                continue
            for other in activity._journeys:
                self._foreign.append((activity, other))
            activity._journeys.append(self)
            activity._bind(self)

    def _require_channel(self, channel_type: ChannelType) -> None:
        if channel_type not in self._channels_checked:
            self._channels_checked.add(channel_type)
            warn_if_channel_missing(self, self.app, channel_type)

    def _depend_on_template(self, template: ITemplate) -> None:
        """Create the journey after a template defined in this CDK app: the request names the
        template by a plain string, which CloudFormation (and CDK's stack ordering) doesn't see
        as a reference. A template in another stack makes this stack depend on that one."""
        if isinstance(template, Construct):
            self._resource.node.add_dependency(template)

    def _allow_invoke(self, function: lambda_.IFunction) -> None:
        key = function.node.path
        if key not in self._invoke_allowed:
            self._invoke_allowed.add(key)
            allow_pinpoint_invoke(self, function, self.app)
            self._depend_on_invoke_permissions(function)

    def _depend_on_invoke_permissions(self, function: lambda_.IFunction) -> None:
        """Create the journey after the function's invoke permissions (a custom channel
        grants them itself)."""
        depend_on_invoke_permissions(self._resource, function)

    # ---- checks -----------------------------------------------------------------------

    def _graph_errors(self) -> list[str]:
        errors: list[str] = []
        start = self.start_activity
        if start is None:  # a draft without activities
            return self._name_errors()
        cycle = _graph.find_cycle(start)
        if cycle is not None:
            loop = " -> ".join(a.id for a in cycle)
            errors.append(
                f"the activities loop ({loop}): every branch of a journey must end, and "
                f"{cycle[-2]!r} can't lead back to {cycle[-1]!r}"
            )
        activities = _graph.walk(start)
        for activity, other in self._foreign:
            errors.append(
                f"{activity!r} is already part of journey {other.node.path}: a branch can't "
                "join another journey; create new activity objects for this one"
            )
        for activity_id, same in _graph.by_id(activities):
            if len(same) > 1:
                users = ", ".join(repr(a) for a in same)
                errors.append(
                    f"activity id {activity_id!r} is used by {len(same)} different activities "
                    f"({users}): activity ids must be unique in a journey"
                )
        if len(activities) > self.max_activities:
            errors.append(
                f"the journey has {len(activities)} activities, more than "
                f"max_activities={self.max_activities} (Pinpoint's default quota is "
                f"{MAX_JOURNEY_ACTIVITIES} per journey; raise max_activities only after a "
                "quota increase)"
            )
        draft = self.state is JourneyState.DRAFT
        unfinished: list[str] = []
        for activity in activities:
            problem = getattr(activity, "_branch_problem", lambda: None)()
            if problem is not None:
                (unfinished if draft else errors).append(f"{activity!r} {problem}")
            missing = activity._unfinished()
            if missing is not None and draft:
                unfinished.append(f"{activity!r} {missing}")
            elif missing is not None:
                errors.append(
                    f"{activity!r} {missing}: a journey in state {self.state.value} is "
                    "published, so every activity must be complete (only "
                    "state=JourneyState.DRAFT keeps unfinished activities)"
                )
            if isinstance(activity, ContactCenter):
                if self.connect_campaign is None:
                    errors.append(
                        f"{activity!r} needs the journey's connect_campaign (the Amazon "
                        "Connect campaign that places the calls)"
                    )
                if self.start is not None and self.start.is_event:
                    errors.append(
                        f"{activity!r}: Pinpoint doesn't support contact center activities "
                        "in event-triggered journeys"
                    )
            if cycle is None:
                errors.extend(self._condition_errors(start, activity, activities))
        errors.extend(self._name_errors())
        if unfinished and not errors:
            Annotations.of(self).add_warning_v2(
                JOURNEY_DRAFT_UNFINISHED_WARNING,
                "draft journey has unfinished activities, which Pinpoint refuses when it is "
                "published: " + "; ".join(unfinished),
            )
        return errors

    def _condition_errors(
        self, start: Activity, split: Activity, activities: list[Activity]
    ) -> list[str]:
        errors = []
        for condition in split._conditions():
            for message in condition.message_activities:
                if not any(a is message for a in activities):
                    errors.append(
                        f"{split!r} tests the outcome of {message!r}, which is not part of "
                        "this journey"
                    )
                elif not _graph.precedes_everywhere(start, message, split):
                    errors.append(
                        f"{split!r} tests the outcome of {message!r}, which doesn't come "
                        "before it on every path from the start activity"
                    )
        return errors

    def _name_errors(self) -> list[str]:
        if is_unresolved(self.journey_name):
            return []
        errors = []
        for construct in self.node.root.node.find_all():
            if (
                isinstance(construct, Journey)
                and construct is not self
                and construct.app.app_id == self.app.app_id
                and construct.journey_name == self.journey_name
            ):
                errors.append(
                    f"journey name {self.journey_name!r} is also used by "
                    f"{construct.node.path} in the same app: this library's journeys need "
                    "names unique per app (its handler finds the journey a retried create "
                    "already made by its name)"
                )
        return errors

    # ---- settings ---------------------------------------------------------------------

    @staticmethod
    def _render_settings(
        *,
        schedule: JourneySchedule | None,
        limits: JourneyLimits | None,
        quiet_time: QuietTime | None,
        wait_for_quiet_time: bool | None,
        refresh_frequency: Duration | None,
        refresh_on_segment_update: bool | None,
        local_time: bool | None,
        connect_campaign: ConnectCampaign | None,
    ) -> dict[str, Any]:
        settings: dict[str, Any] = {}
        if limits is not None:
            if not isinstance(limits, JourneyLimits):
                raise TypeError(
                    "limits must be a JourneyLimits (journeys have their own limits; the "
                    f"app's Limits don't apply here), got {type(limits).__name__}"
                )
            rendered_limits = limits.render()
            if rendered_limits:
                settings["Limits"] = rendered_limits
        if quiet_time is not None:
            rendered_quiet = quiet_time.render("quiet_time")
            settings["QuietTime"] = {
                "Start": rendered_quiet["start"],
                "End": rendered_quiet["end"],
            }
        if wait_for_quiet_time is not None:
            settings["WaitForQuietTime"] = require_bool(
                "wait_for_quiet_time", wait_for_quiet_time, expected="True or False"
            )
        if refresh_frequency is not None:
            positive_duration_seconds("refresh_frequency", refresh_frequency)
            settings["RefreshFrequency"] = refresh_frequency.to_iso_string()
        if refresh_on_segment_update is not None:
            settings["RefreshOnSegmentUpdate"] = require_bool(
                "refresh_on_segment_update", refresh_on_segment_update, expected="True or False"
            )
        if local_time is not None:
            settings["LocalTime"] = require_bool("local_time", local_time, expected="True or False")
        if schedule is not None:
            if not isinstance(schedule, JourneySchedule):
                raise TypeError(f"schedule must be a JourneySchedule, got {schedule!r}")
            rendered_schedule = schedule.render()
            if rendered_schedule:
                settings["Schedule"] = rendered_schedule
        if connect_campaign is not None:
            settings["JourneyChannelSettings"] = {
                "ConnectCampaignArn": connect_campaign.campaign_arn,
                "ConnectCampaignExecutionRoleArn": connect_campaign.execution_role.role_arn,
            }
        return settings


def _split_path(path: str) -> list[str]:
    if not isinstance(path, str) or not path or any(not part for part in path.split(".")):
        raise ValueError(f"override path must be dot-separated field names, got {path!r}")
    return path.split(".")


def _apply_override(request: dict[str, Any], path: list[str], value: Any, delete: bool) -> None:
    node = request
    for key in path[:-1]:
        child = node.get(key)
        if not isinstance(child, dict):
            child = {}
            node[key] = child
        node = child
    if delete:
        node.pop(path[-1], None)
    else:
        node[path[-1]] = value
