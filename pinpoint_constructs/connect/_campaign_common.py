"""Value classes an outbound campaign and a journey share (``AWS::ConnectCampaignsV2::Campaign``).

A managed campaign (:class:`~pinpoint_constructs.connect.OutboundCampaign`) and a journey
(``ConnectJourney``) write the same CloudFormation resource, so both take these classes and
call their ``to_cfn()`` method, which returns the ``CfnCampaign`` property value.

Sources of the rules, cited at each one: the CloudFormation schema
``AWS::ConnectCampaignsV2::Campaign`` (as cfn-lint ships it; "schema" below) and botocore's
``connectcampaignsv2`` model ("API" below), which is stricter in a few places (at most two
communication limits, a frequency of 1 to 30 days, a restricted period name of at least one
character); a value must pass both, since CloudFormation hands it to the API.
"""

from __future__ import annotations

import enum
import functools
import re
import weakref
import zoneinfo
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime, time
from typing import TYPE_CHECKING, Any

from aws_cdk import Duration
from aws_cdk import aws_connectcampaignsv2 as campaigns

from .._validation import (
    check_int,
    check_length,
    check_pattern,
    duration_days,
    is_unresolved,
    require_enum,
    require_instance,
    require_str,
)

if TYPE_CHECKING:
    from ..profiles import IEventTrigger, ISegmentDefinition

__all__ = [
    "MAX_COMMUNICATION_LIMITS",
    "CampaignSchedule",
    "CampaignSource",
    "CommunicationLimit",
    "CommunicationLimits",
    "CommunicationTime",
    "DayOfWeek",
    "EntryLimits",
    "InstanceLimitsHandling",
    "LocalTimeZoneDetection",
    "LocalTimeZoneDetectionScope",
    "OpenHours",
    "RestrictedPeriod",
    "TimeRange",
    "TimeWindow",
    "iso8601_duration",
]

#: At most two communication limits (API shape ``CommunicationLimitList``: max 2; the
#: schema sets no maximum).
MAX_COMMUNICATION_LIMITS = 2
#: A limit's frequency, in days (API shape ``CommunicationLimitFrequencyInteger``: 1 to 30;
#: the schema: minimum 1).
COMMUNICATION_LIMIT_MIN_DAYS = 1
COMMUNICATION_LIMIT_MAX_DAYS = 30
#: A restricted period's name (schema ``RestrictedPeriod.Name``: maxLength 127; API shape
#: ``RestrictedPeriodName``: min 1, max 127).
RESTRICTED_PERIOD_NAME_MAX_LENGTH = 127
#: A time zone id (schema and API shape ``TimeZone``: at most 50 characters of
#: ``[a-zA-Z0-9_\-/]``, "Time Zone Id in the IANA format").
TIME_ZONE_MAX_LENGTH = 50
_TIME_ZONE = re.compile(r"[a-zA-Z0-9_\-/]*")
#: An ISO 8601 duration (schema and API shape ``Iso8601Duration``: at most 50 characters).
_ISO_DURATION_MAX_LENGTH = 50


class DayOfWeek(enum.Enum):
    """A day of the week (schema ``DayOfWeek``)."""

    MONDAY = "MONDAY"
    TUESDAY = "TUESDAY"
    WEDNESDAY = "WEDNESDAY"
    THURSDAY = "THURSDAY"
    FRIDAY = "FRIDAY"
    SATURDAY = "SATURDAY"
    SUNDAY = "SUNDAY"


_WEEKDAYS = (
    DayOfWeek.MONDAY,
    DayOfWeek.TUESDAY,
    DayOfWeek.WEDNESDAY,
    DayOfWeek.THURSDAY,
    DayOfWeek.FRIDAY,
)


class InstanceLimitsHandling(enum.Enum):
    """Whether the instance's own communication limits also apply to the campaign (schema
    ``InstanceLimitsHandling``)."""

    OPT_IN = "OPT_IN"
    OPT_OUT = "OPT_OUT"


class LocalTimeZoneDetection(enum.Enum):
    """How the service finds a recipient's local time zone (schema
    ``LocalTimeZoneDetectionType``): from the postal code or the phone number's area code."""

    ZIP_CODE = "ZIP_CODE"
    AREA_CODE = "AREA_CODE"


class LocalTimeZoneDetectionScope(enum.Enum):
    """Which of a profile's addresses or numbers local time-zone detection reads (schema
    ``LocalTimeZoneDetectionScope``)."""

    PRIMARY_ONLY = "PRIMARY_ONLY"
    ALL_AVAILABLE = "ALL_AVAILABLE"


# ---- durations ---------------------------------------------------------------------------


# Milliseconds of each Duration seen (one jsii round trip per Duration object, not per use: a
# Duration shared by hundreds of campaigns is read once).
_MILLIS: weakref.WeakKeyDictionary[Duration, Any] = weakref.WeakKeyDictionary()


def _milliseconds(value: Duration) -> Any:
    try:
        return _MILLIS[value]
    except KeyError:
        millis = _MILLIS[value] = value.to_milliseconds()
        return millis


def iso8601_duration(prop: str, value: Duration) -> Any:
    """``value`` as the ISO 8601 duration the service reads (``P1D``, ``PT30M``,
    ``P1DT2H``): days, hours, minutes and seconds only (schema ``Iso8601Duration`` has no
    years, months or weeks). A token passes through unchanged."""
    if not isinstance(value, Duration):
        raise TypeError(
            f"{prop} must be an aws_cdk.Duration, got {type(value).__name__}: {value!r}"
        )
    millis = _milliseconds(value)
    if is_unresolved(millis):
        return value.to_iso_string()
    whole, fraction = divmod(int(millis), 1000)
    if fraction:
        raise ValueError(f"{prop} must be a whole number of seconds, got {value.to_human_string()}")
    days, rest = divmod(whole, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    clock = "".join(
        f"{amount}{unit}" for amount, unit in ((hours, "H"), (minutes, "M"), (secs, "S")) if amount
    )
    text = "P" + (f"{days}D" if days else "") + (f"T{clock}" if clock else "")
    if text == "P":
        text = "PT0S"
    check_length(prop, text, _ISO_DURATION_MAX_LENGTH, minimum=0)
    return text


# ---- communication limits ----------------------------------------------------------------


class CommunicationLimit:
    """At most ``max_count_per_recipient`` messages to one recipient within ``frequency``.

    :param max_count_per_recipient: messages allowed per recipient within the window; at least 1
        (schema ``CommunicationLimit.MaxCountPerRecipient``: minimum 1).
    :param frequency: the window, whole days from 1 to 30 (API shape
        ``CommunicationLimitFrequencyInteger``: 1 to 30; the unit is ``DAY``, the only one the
        schema's ``CommunicationLimitTimeUnit`` has).
    """

    __slots__ = ("frequency_days", "max_count_per_recipient")

    def __init__(self, *, max_count_per_recipient: int, frequency: Duration) -> None:
        self._set(
            max_count_per_recipient,
            duration_days(
                "CommunicationLimit frequency",
                frequency,
                COMMUNICATION_LIMIT_MIN_DAYS,
                COMMUNICATION_LIMIT_MAX_DAYS,
            ),
        )

    def _set(self, max_count_per_recipient: int, days: Any) -> None:
        check_int(
            "CommunicationLimit max_count_per_recipient",
            max_count_per_recipient,
            1,
            optional=False,
        )
        self.max_count_per_recipient = max_count_per_recipient
        #: The window in days (or a number token).
        self.frequency_days: Any = days

    @staticmethod
    def per_days(max_count_per_recipient: int, days: int) -> CommunicationLimit:
        """At most ``max_count_per_recipient`` messages in any ``days`` days (1 to 30); the
        same as ``frequency=Duration.days(days)``, without creating a ``Duration``."""
        check_int(
            "CommunicationLimit days",
            days,
            COMMUNICATION_LIMIT_MIN_DAYS,
            COMMUNICATION_LIMIT_MAX_DAYS,
            optional=False,
        )
        limit = CommunicationLimit.__new__(CommunicationLimit)
        limit._set(max_count_per_recipient, days)
        return limit

    def to_cfn(self) -> campaigns.CfnCampaign.CommunicationLimitProperty:
        """The ``CfnCampaign`` property value."""
        return campaigns.CfnCampaign.CommunicationLimitProperty(
            frequency=self.frequency_days,
            max_count_per_recipient=self.max_count_per_recipient,
            unit="DAY",
        )


class CommunicationLimits:
    """The communication limits of a campaign across all its channels (Pinpoint's campaign
    ``limits``: daily / total messages per endpoint).

    :param limits: at most two :class:`CommunicationLimit` (API shape
        ``CommunicationLimitList``: max 2). Default: none of the campaign's own.
    :param instance_limits_handling: whether the Connect instance's own limits also apply.
        Default: the service's default (none written).
    """

    __slots__ = ("instance_limits_handling", "limits")

    def __init__(
        self,
        *,
        limits: Sequence[CommunicationLimit] = (),
        instance_limits_handling: InstanceLimitsHandling | None = None,
    ) -> None:
        if isinstance(limits, CommunicationLimit):
            raise TypeError(
                "CommunicationLimits limits must be a list of CommunicationLimit, got one "
                "CommunicationLimit; wrap it in a list"
            )
        self.limits = tuple(limits)
        for limit in self.limits:
            require_instance("CommunicationLimits limits item", limit, CommunicationLimit)
        if len(self.limits) > MAX_COMMUNICATION_LIMITS:
            raise ValueError(
                f"CommunicationLimits limits must hold at most {MAX_COMMUNICATION_LIMITS} "
                f"limits, got {len(self.limits)}"
            )
        self.instance_limits_handling = (
            None
            if instance_limits_handling is None
            else require_enum(
                "CommunicationLimits instance_limits_handling",
                instance_limits_handling,
                InstanceLimitsHandling,
            )
        )

    @staticmethod
    def of(
        *limits: CommunicationLimit,
        instance_limits_handling: InstanceLimitsHandling | None = None,
    ) -> CommunicationLimits:
        """``CommunicationLimits(limits=[...])`` written as ``CommunicationLimits.of(a, b)``."""
        return CommunicationLimits(limits=limits, instance_limits_handling=instance_limits_handling)

    def to_cfn(self) -> campaigns.CfnCampaign.CommunicationLimitsConfigProperty:
        """The ``CfnCampaign`` property value (``CommunicationLimitsOverride``)."""
        return campaigns.CfnCampaign.CommunicationLimitsConfigProperty(
            all_channels_subtypes=campaigns.CfnCampaign.CommunicationLimitsProperty(
                communication_limit_list=[limit.to_cfn() for limit in self.limits]
            )
            if self.limits
            else None,
            instance_limits_handling=None
            if self.instance_limits_handling is None
            else self.instance_limits_handling.value,
        )


class EntryLimits:
    """How often one participant may enter the campaign (schema ``EntryLimitsConfig``).

    :param max_entry_count: entries per participant; ``0`` means unlimited (schema: minimum
        0). Default: 0.
    :param min_entry_interval: the least time between two entries of one participant,
        written as an ISO 8601 duration. Default: ``Duration.seconds(0)``.
    """

    __slots__ = ("max_entry_count", "min_entry_interval")

    def __init__(
        self, *, max_entry_count: int = 0, min_entry_interval: Duration | None = None
    ) -> None:
        check_int("EntryLimits max_entry_count", max_entry_count, 0, optional=False)
        self.max_entry_count = max_entry_count
        self.min_entry_interval: Any = (
            "PT0S"
            if min_entry_interval is None
            else iso8601_duration("EntryLimits min_entry_interval", min_entry_interval)
        )

    @staticmethod
    def once() -> EntryLimits:
        """Each participant enters at most once."""
        return EntryLimits(max_entry_count=1)

    def to_cfn(self) -> campaigns.CfnCampaign.EntryLimitsConfigProperty:
        """The ``CfnCampaign`` property value (``EntryLimitsConfig``)."""
        return campaigns.CfnCampaign.EntryLimitsConfigProperty(
            max_entry_count=self.max_entry_count, min_entry_interval=self.min_entry_interval
        )


# ---- communication time ------------------------------------------------------------------


def _clock(prop: str, value: Any) -> str:
    """``value`` (a ``datetime.time``) as the schema's ``Iso8601Time``: ``T09:00``."""
    if not isinstance(value, time):
        raise TypeError(
            f"{prop} must be a datetime.time (for example time(9, 0)), "
            f"got {type(value).__name__}: {value!r}"
        )
    # Schema and API shape Iso8601Time: pattern T\d{2}:\d{2}, hours and minutes only, and no
    # zone: the campaign's time zone (CommunicationTime) gives the hours their meaning.
    if value.second or value.microsecond:
        raise ValueError(
            f"{prop} must be whole minutes (the service takes THH:MM), got {value.isoformat()}"
        )
    if value.tzinfo is not None:
        raise ValueError(
            f"{prop} must be a time without tzinfo (the campaign's time zone applies), "
            f"got {value.isoformat()}"
        )
    return f"T{value.hour:02d}:{value.minute:02d}"


class TimeRange:
    """Open from ``start`` to ``end`` (``datetime.time`` in whole minutes, local to the
    campaign's time zone; schema ``TimeRange``)."""

    __slots__ = ("end", "start")

    def __init__(self, start: time, end: time) -> None:
        self.start = _clock("TimeRange start", start)
        self.end = _clock("TimeRange end", end)

    def to_cfn(self) -> campaigns.CfnCampaign.TimeRangeProperty:
        """The ``CfnCampaign`` property value."""
        return campaigns.CfnCampaign.TimeRangeProperty(start_time=self.start, end_time=self.end)


class OpenHours:
    """The hours of each day a channel may send (schema ``OpenHours.DailyHours``); Pinpoint's
    quiet time, turned around: the hours outside quiet time.

    :param daily_hours: for each day, its open time ranges; a day left out has no open hours.
    """

    __slots__ = ("daily_hours",)

    def __init__(self, daily_hours: Mapping[DayOfWeek, Sequence[TimeRange]]) -> None:
        if not isinstance(daily_hours, Mapping):
            raise TypeError(
                "OpenHours daily_hours must be a mapping of DayOfWeek to a list of TimeRange, "
                f"got {type(daily_hours).__name__}: {daily_hours!r}"
            )
        days: dict[DayOfWeek, tuple[TimeRange, ...]] = {}
        for day, ranges in daily_hours.items():
            checked = require_enum("OpenHours daily_hours key", day, DayOfWeek)
            if isinstance(ranges, TimeRange):
                ranges = (ranges,)
            items = tuple(ranges)
            for item in items:
                require_instance(f"OpenHours daily_hours[{checked.name}] item", item, TimeRange)
            days[checked] = items
        self.daily_hours = days

    @staticmethod
    def every_day(start: time, end: time) -> OpenHours:
        """Open from ``start`` to ``end`` on all seven days."""
        window = TimeRange(start, end)
        return OpenHours(dict.fromkeys(DayOfWeek, (window,)))

    @staticmethod
    def weekdays(start: time, end: time) -> OpenHours:
        """Open from ``start`` to ``end`` Monday to Friday; closed at the weekend."""
        window = TimeRange(start, end)
        return OpenHours(dict.fromkeys(_WEEKDAYS, (window,)))

    @staticmethod
    def on(days: Sequence[DayOfWeek], start: time, end: time) -> OpenHours:
        """Open from ``start`` to ``end`` on ``days``."""
        window = TimeRange(start, end)
        return OpenHours({day: (window,) for day in days})

    def to_cfn(self) -> campaigns.CfnCampaign.OpenHoursProperty:
        """The ``CfnCampaign`` property value."""
        return campaigns.CfnCampaign.OpenHoursProperty(
            daily_hours=[
                campaigns.CfnCampaign.DailyHourProperty(
                    key=day.value, value=[window.to_cfn() for window in windows]
                )
                for day, windows in self.daily_hours.items()
            ]
        )


def _calendar_date(prop: str, value: Any) -> str:
    # A datetime is a date too, but its isoformat() has a time part that the schema's
    # Iso8601Date pattern (^\d{4}-\d{2}-\d{2}$) refuses.
    if isinstance(value, datetime) or not isinstance(value, date):
        raise TypeError(
            f"{prop} must be a datetime.date (for example date(2026, 12, 24)), "
            f"got {type(value).__name__}: {value!r}"
        )
    return value.isoformat()


class RestrictedPeriod:
    """Days on which a channel sends nothing (schema ``RestrictedPeriod``), e.g. holidays.

    :param start_date: the first day (``datetime.date``).
    :param end_date: the last day (``datetime.date``).
    :param name: a name for the period, 1 to 127 characters (API shape
        ``RestrictedPeriodName``). Default: no name.
    """

    __slots__ = ("end_date", "name", "start_date")

    def __init__(self, *, start_date: date, end_date: date, name: str | None = None) -> None:
        self.start_date = _calendar_date("RestrictedPeriod start_date", start_date)
        self.end_date = _calendar_date("RestrictedPeriod end_date", end_date)
        require_str("RestrictedPeriod name", name)
        check_length("RestrictedPeriod name", name, RESTRICTED_PERIOD_NAME_MAX_LENGTH)
        self.name = name

    def to_cfn(self) -> campaigns.CfnCampaign.RestrictedPeriodProperty:
        """The ``CfnCampaign`` property value."""
        return campaigns.CfnCampaign.RestrictedPeriodProperty(
            start_date=self.start_date, end_date=self.end_date, name=self.name
        )


class TimeWindow:
    """When one channel may send (schema ``TimeWindow``): its open hours and restricted
    periods.

    :param open_hours: the open hours (required by the schema).
    :param restricted_periods: days without sending. Default: none.
    """

    __slots__ = ("open_hours", "restricted_periods")

    def __init__(
        self,
        *,
        open_hours: OpenHours,
        restricted_periods: Sequence[RestrictedPeriod] = (),
    ) -> None:
        if open_hours is None:
            raise TypeError("TimeWindow open_hours must be an OpenHours, got None")
        require_instance("TimeWindow open_hours", open_hours, OpenHours)
        self.open_hours = open_hours
        self.restricted_periods = tuple(restricted_periods)
        for period in self.restricted_periods:
            require_instance("TimeWindow restricted_periods item", period, RestrictedPeriod)

    def to_cfn(self) -> campaigns.CfnCampaign.TimeWindowProperty:
        """The ``CfnCampaign`` property value."""
        return campaigns.CfnCampaign.TimeWindowProperty(
            open_hours=self.open_hours.to_cfn(),
            restricted_periods=campaigns.CfnCampaign.RestrictedPeriodsProperty(
                restricted_period_list=[period.to_cfn() for period in self.restricted_periods]
            )
            if self.restricted_periods
            else None,
        )


@functools.cache
def _known_time_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def check_time_zone(prop: str, value: str | None) -> None:
    """Raise unless ``value`` is an IANA time zone id (``Europe/Berlin``).

    Schema and API shape ``TimeZone``: at most 50 characters of ``[a-zA-Z0-9_\\-/]``, "Time
    Zone Id in the IANA format"; when this Python has the IANA database (``tzdata`` or the
    system's), the id must also be one of its zones."""
    if value is None or is_unresolved(value):
        return
    require_str(prop, value)
    check_length(prop, value, TIME_ZONE_MAX_LENGTH)
    check_pattern(
        prop,
        value,
        _TIME_ZONE,
        "an IANA time zone id of letters, digits, _, - and / (for example Europe/Berlin)",
    )
    known = _known_time_zones()
    if known and value not in known:
        raise ValueError(
            f"{prop} must be an IANA time zone id (for example Europe/Berlin), got {value!r}"
        )


class CommunicationTime:
    """When a campaign may reach a recipient (schema ``CommunicationTimeConfig``): the time
    zone, and per channel its open hours and restricted periods.

    :param default_time_zone: the IANA time zone of recipients whose own can't be detected
        (``Europe/Berlin``). Default: none written; the service's default applies.
    :param local_time_zone_detection: how to find each recipient's own time zone. Default:
        none written.
    :param local_time_zone_detection_scope: which addresses or numbers the detection reads.
        Default: none written.
    :param email: the email channel's window. Default: no restriction written.
    :param sms: the SMS channel's window. Default: no restriction written.
    :param telephony: the telephony channel's window. Default: no restriction written.
    :param whatsapp: the WhatsApp channel's window. Default: no restriction written.
    """

    __slots__ = (
        "default_time_zone",
        "email",
        "local_time_zone_detection",
        "local_time_zone_detection_scope",
        "sms",
        "telephony",
        "whatsapp",
    )

    def __init__(
        self,
        *,
        default_time_zone: str | None = None,
        local_time_zone_detection: Sequence[LocalTimeZoneDetection] = (),
        local_time_zone_detection_scope: LocalTimeZoneDetectionScope | None = None,
        email: TimeWindow | None = None,
        sms: TimeWindow | None = None,
        telephony: TimeWindow | None = None,
        whatsapp: TimeWindow | None = None,
    ) -> None:
        check_time_zone("CommunicationTime default_time_zone", default_time_zone)
        self.default_time_zone = default_time_zone
        self.local_time_zone_detection = tuple(
            require_enum(
                "CommunicationTime local_time_zone_detection item", item, LocalTimeZoneDetection
            )
            for item in local_time_zone_detection
        )
        self.local_time_zone_detection_scope = (
            None
            if local_time_zone_detection_scope is None
            else require_enum(
                "CommunicationTime local_time_zone_detection_scope",
                local_time_zone_detection_scope,
                LocalTimeZoneDetectionScope,
            )
        )
        for prop, window in (
            ("email", email),
            ("sms", sms),
            ("telephony", telephony),
            ("whatsapp", whatsapp),
        ):
            require_instance(f"CommunicationTime {prop}", window, TimeWindow)
        self.email = email
        self.sms = sms
        self.telephony = telephony
        self.whatsapp = whatsapp

    def to_cfn(self) -> campaigns.CfnCampaign.CommunicationTimeConfigProperty:
        """The ``CfnCampaign`` property value (``CommunicationTimeConfig``)."""
        return campaigns.CfnCampaign.CommunicationTimeConfigProperty(
            local_time_zone_config=campaigns.CfnCampaign.LocalTimeZoneConfigProperty(
                default_time_zone=self.default_time_zone,
                local_time_zone_detection=[item.value for item in self.local_time_zone_detection]
                or None,
                local_time_zone_detection_scope=None
                if self.local_time_zone_detection_scope is None
                else self.local_time_zone_detection_scope.value,
            ),
            email=None if self.email is None else self.email.to_cfn(),
            sms=None if self.sms is None else self.sms.to_cfn(),
            telephony=None if self.telephony is None else self.telephony.to_cfn(),
            whats_app=None if self.whatsapp is None else self.whatsapp.to_cfn(),
        )


# ---- schedule ----------------------------------------------------------------------------


def _utc_timestamp(prop: str, value: Any) -> str:
    """``value`` (an aware ``datetime``) in UTC, as the API's ``Schedule`` reads it ("The start
    time of the schedule in UTC"): ``2026-12-08T09:00:00Z``."""
    if not isinstance(value, datetime):
        raise TypeError(
            f"{prop} must be a datetime.datetime, got {type(value).__name__}: {value!r}"
        )
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(
            f"{prop} must carry a time zone (for example datetime(2026, 1, 1, tzinfo=UTC)), "
            f"got the naive datetime {value.isoformat()}"
        )
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class CampaignSchedule:
    """When the campaign runs (schema ``Schedule``).

    :param start: the start, a ``datetime`` with a time zone (written in UTC).
    :param end: the end, a ``datetime`` with a time zone (written in UTC).
    :param refresh_frequency: how often a segment campaign reads its segment again, written as
        an ISO 8601 duration. Default: none written (the service's default).
    """

    __slots__ = ("end", "refresh_frequency", "start")

    def __init__(
        self, *, start: datetime, end: datetime, refresh_frequency: Duration | None = None
    ) -> None:
        self.start = _utc_timestamp("CampaignSchedule start", start)
        self.end = _utc_timestamp("CampaignSchedule end", end)
        self.refresh_frequency: Any = (
            None
            if refresh_frequency is None
            else iso8601_duration("CampaignSchedule refresh_frequency", refresh_frequency)
        )

    def to_cfn(self) -> campaigns.CfnCampaign.ScheduleProperty:
        """The ``CfnCampaign`` property value."""
        return campaigns.CfnCampaign.ScheduleProperty(
            start_time=self.start, end_time=self.end, refresh_frequency=self.refresh_frequency
        )


# ---- source ------------------------------------------------------------------------------

# Attribute tokens read from the source objects (a segment definition's ARN, a domain's ARN):
# each read of an L1 attribute is a jsii round trip that returns an equivalent token, so one
# segment reached by hundreds of campaigns is read once.
_READ: weakref.WeakKeyDictionary[Any, dict[str, Any]] = weakref.WeakKeyDictionary()


def _offers(owner: Any, name: str) -> bool:
    """Whether ``owner`` has the attribute ``name``, without reading it (``hasattr`` would
    evaluate a property, which for an L1 attribute is a jsii round trip)."""
    return hasattr(type(owner), name) or name in getattr(owner, "__dict__", {})


def read_once(owner: Any, name: str) -> Any:
    """``getattr(owner, name)``, read once per owner object (when the owner allows weak
    references; otherwise read every time)."""
    try:
        cache = _READ.setdefault(owner, {})
    except TypeError:
        return getattr(owner, name)
    if name not in cache:
        cache[name] = getattr(owner, name)
    return cache[name]


class CampaignSource:
    """Who the campaign reaches (schema ``Source``, one of two): the profiles of a Customer
    Profiles segment definition, or the profiles an event trigger fires for.

    Build with :meth:`segment` or :meth:`event_trigger`. CloudFormation's documentation of
    ``Source``: after a campaign is created, a source can't be added or removed.
    """

    __slots__ = ("event_trigger_source", "kind", "segment_definition")

    def __init__(
        self,
        *,
        segment_definition: ISegmentDefinition | None = None,
        event_trigger: IEventTrigger | None = None,
    ) -> None:
        if (segment_definition is None) == (event_trigger is None):
            raise ValueError(
                "CampaignSource takes exactly one of segment_definition and event_trigger, "
                f"got segment_definition={segment_definition!r}, event_trigger={event_trigger!r}"
            )
        if segment_definition is not None and not _offers(
            segment_definition, "segment_definition_arn"
        ):
            raise TypeError(
                "CampaignSource segment_definition must be an ISegmentDefinition (with "
                f"segment_definition_arn), got {type(segment_definition).__name__}"
            )
        if event_trigger is not None and not (
            _offers(event_trigger, "event_trigger_name") and _offers(event_trigger, "domain")
        ):
            raise TypeError(
                "CampaignSource event_trigger must be an IEventTrigger (with event_trigger_name "
                f"and domain), got {type(event_trigger).__name__}"
            )
        self.segment_definition = segment_definition
        self.event_trigger_source = event_trigger
        #: ``"segment"`` or ``"event_trigger"``: the kind that can't change after creation.
        self.kind = "segment" if segment_definition is not None else "event_trigger"

    @staticmethod
    def segment(segment_definition: ISegmentDefinition) -> CampaignSource:
        """Reach the profiles of ``segment_definition`` (schema ``CustomerProfilesSegmentArn``)."""
        return CampaignSource(segment_definition=segment_definition)

    @staticmethod
    def event_trigger(event_trigger: IEventTrigger) -> CampaignSource:
        """Reach each profile ``event_trigger`` fires for (schema
        ``EventTrigger.CustomerProfilesDomainArn``: the trigger's domain). The campaign also
        has the trigger send its events to the campaign (``add_campaign_target``)."""
        return CampaignSource(event_trigger=event_trigger)

    def to_cfn(self) -> campaigns.CfnCampaign.SourceProperty:
        """The ``CfnCampaign`` property value."""
        if self.segment_definition is not None:
            return campaigns.CfnCampaign.SourceProperty(
                customer_profiles_segment_arn=read_once(
                    self.segment_definition, "segment_definition_arn"
                )
            )
        assert self.event_trigger_source is not None
        return campaigns.CfnCampaign.SourceProperty(
            event_trigger=campaigns.CfnCampaign.EventTriggerProperty(
                customer_profiles_domain_arn=read_once(
                    read_once(self.event_trigger_source, "domain"), "domain_arn"
                )
            )
        )
