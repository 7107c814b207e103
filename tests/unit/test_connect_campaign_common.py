"""The values an outbound campaign and a journey share (connect/_campaign_common.py): what
each writes into AWS::ConnectCampaignsV2::Campaign, and each rule's bad input."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta, timezone
from types import SimpleNamespace

import pytest
from aws_cdk import Duration, Stack
from aws_cdk import aws_connectcampaignsv2 as campaigns
from aws_cdk.assertions import Template

from pinpoint_constructs.connect import (
    CampaignSchedule,
    CampaignSource,
    CommunicationLimit,
    CommunicationLimits,
    CommunicationTime,
    DayOfWeek,
    EntryLimits,
    InstanceLimitsHandling,
    LocalTimeZoneDetection,
    LocalTimeZoneDetectionScope,
    OpenHours,
    RestrictedPeriod,
    TimeRange,
    TimeWindow,
)
from pinpoint_constructs.connect._campaign_common import iso8601_duration


def _cfn(**props: object) -> dict:
    stack = Stack()
    campaigns.CfnCampaign(stack, "C", connect_instance_id="i", name="n", **props)
    return Template.from_stack(stack).to_json()["Resources"]["C"]["Properties"]


# ---- communication limits ----------------------------------------------------------------


def test_limits_write_days_and_count() -> None:
    limits = CommunicationLimits.of(
        CommunicationLimit.per_days(1, 1),
        CommunicationLimit(max_count_per_recipient=3, frequency=Duration.days(7)),
        instance_limits_handling=InstanceLimitsHandling.OPT_OUT,
    )
    props = _cfn(communication_limits_override=limits.to_cfn())
    assert props["CommunicationLimitsOverride"] == {
        "AllChannelsSubtypes": {
            "CommunicationLimitList": [
                {"Frequency": 1, "MaxCountPerRecipient": 1, "Unit": "DAY"},
                {"Frequency": 7, "MaxCountPerRecipient": 3, "Unit": "DAY"},
            ]
        },
        "InstanceLimitsHandling": "OPT_OUT",
    }


def test_at_most_two_limits() -> None:
    limit = CommunicationLimit.per_days(1, 1)
    with pytest.raises(ValueError, match="limits must hold at most 2 limits, got 3"):
        CommunicationLimits.of(limit, limit, limit)


@pytest.mark.parametrize("days", [0, 31])
def test_frequency_is_1_to_30_days(days: int) -> None:
    with pytest.raises(
        ValueError, match=f"CommunicationLimit frequency must be 1 to 30 whole days, got {days}"
    ):
        CommunicationLimit(max_count_per_recipient=1, frequency=Duration.days(days))


def test_frequency_in_whole_days() -> None:
    with pytest.raises(
        ValueError, match="frequency must be 1 to 30 whole days, got 1 day 12 hours"
    ):
        CommunicationLimit(max_count_per_recipient=1, frequency=Duration.hours(36))


def test_frequency_is_a_duration() -> None:
    with pytest.raises(TypeError, match=r"frequency must be an aws_cdk.Duration, got int: 7"):
        CommunicationLimit(max_count_per_recipient=1, frequency=7)  # type: ignore[arg-type]


def test_max_count_at_least_one() -> None:
    with pytest.raises(ValueError, match="max_count_per_recipient must be at least 1, got 0"):
        CommunicationLimit.per_days(0, 1)


def test_limits_refuse_a_single_limit_not_in_a_list() -> None:
    with pytest.raises(
        TypeError,
        match=r"limits\ must\ be\ a\ sequence\ of\ CommunicationLimit,\ got\ CommunicationLimit:\ ",
    ):
        CommunicationLimits(limits=CommunicationLimit.per_days(1, 1))  # type: ignore[arg-type]


def test_instance_limits_handling_is_the_enum() -> None:
    with pytest.raises(
        TypeError, match="instance_limits_handling must be an InstanceLimitsHandling"
    ):
        CommunicationLimits(instance_limits_handling="OPT_IN")  # type: ignore[arg-type]


# ---- entry limits ------------------------------------------------------------------------


def test_entry_limits_write_count_and_iso_interval() -> None:
    props = _cfn(
        entry_limits_config=EntryLimits(
            max_entry_count=2, min_entry_interval=Duration.hours(26)
        ).to_cfn()
    )
    assert props["EntryLimitsConfig"] == {"MaxEntryCount": 2, "MinEntryInterval": "P1DT2H"}


def test_entry_limits_default_unlimited() -> None:
    assert _cfn(entry_limits_config=EntryLimits().to_cfn())["EntryLimitsConfig"] == {
        "MaxEntryCount": 0,
        "MinEntryInterval": "PT0S",
    }


def test_entry_count_not_negative() -> None:
    with pytest.raises(ValueError, match="EntryLimits max_entry_count must be at least 0, got -1"):
        EntryLimits(max_entry_count=-1)


@pytest.mark.parametrize(
    ("duration", "iso"),
    [
        (Duration.minutes(30), "PT30M"),
        (Duration.days(2), "P2D"),
        (Duration.seconds(90061), "P1DT1H1M1S"),
    ],
)
def test_iso8601_durations_match_the_schema_pattern(duration: Duration, iso: str) -> None:
    pattern = re.compile(
        r"^P(?:([-+]?[0-9]+)D)?(T(?:([-+]?[0-9]+)H)?(?:([-+]?[0-9]+)M)?"
        r"(?:([-+]?[0-9]+)(?:[.,]([0-9]{0,9}))?S)?)?$"
    )
    assert iso8601_duration("x", duration) == iso
    assert pattern.fullmatch(iso)


def test_iso8601_duration_whole_seconds() -> None:
    with pytest.raises(
        ValueError, match="interval must be a whole number of seconds, got 1 second 500 millis"
    ):
        iso8601_duration("interval", Duration.millis(1500))


# ---- communication time ------------------------------------------------------------------


def test_communication_time_writes_zone_detection_and_windows() -> None:
    window = TimeWindow(
        open_hours=OpenHours.weekdays(time(9), time(17, 30)),
        restricted_periods=[
            RestrictedPeriod(
                start_date=date(2026, 12, 24), end_date=date(2026, 12, 26), name="Christmas"
            )
        ],
    )
    config = CommunicationTime(
        default_time_zone="Europe/Berlin",
        local_time_zone_detection=[LocalTimeZoneDetection.ZIP_CODE],
        local_time_zone_detection_scope=LocalTimeZoneDetectionScope.PRIMARY_ONLY,
        email=window,
    )
    props = _cfn(communication_time_config=config.to_cfn())["CommunicationTimeConfig"]
    assert props["LocalTimeZoneConfig"] == {
        "DefaultTimeZone": "Europe/Berlin",
        "LocalTimeZoneDetection": ["ZIP_CODE"],
        "LocalTimeZoneDetectionScope": "PRIMARY_ONLY",
    }
    assert props["Email"]["OpenHours"]["DailyHours"][0] == {
        "Key": "MONDAY",
        "Value": [{"StartTime": "T09:00", "EndTime": "T17:30"}],
    }
    assert [hour["Key"] for hour in props["Email"]["OpenHours"]["DailyHours"]] == [
        "MONDAY",
        "TUESDAY",
        "WEDNESDAY",
        "THURSDAY",
        "FRIDAY",
    ]
    assert props["Email"]["RestrictedPeriods"] == {
        "RestrictedPeriodList": [
            {"StartDate": "2026-12-24", "EndDate": "2026-12-26", "Name": "Christmas"}
        ]
    }
    assert "Sms" not in props


def test_communication_time_without_zone_writes_empty_local_config() -> None:
    props = _cfn(communication_time_config=CommunicationTime().to_cfn())
    assert props["CommunicationTimeConfig"] == {"LocalTimeZoneConfig": {}}


def test_open_hours_on_chosen_days_with_two_ranges() -> None:
    hours = OpenHours(
        {DayOfWeek.SATURDAY: [TimeRange(time(8), time(12)), TimeRange(time(14), time(18))]}
    )
    cfn = _cfn(
        communication_time_config=CommunicationTime(sms=TimeWindow(open_hours=hours)).to_cfn()
    )
    assert cfn["CommunicationTimeConfig"]["Sms"]["OpenHours"]["DailyHours"] == [
        {
            "Key": "SATURDAY",
            "Value": [
                {"StartTime": "T08:00", "EndTime": "T12:00"},
                {"StartTime": "T14:00", "EndTime": "T18:00"},
            ],
        }
    ]
    assert len(OpenHours.every_day(time(0), time(23, 59)).daily_hours) == 7
    assert list(OpenHours.on([DayOfWeek.SUNDAY], time(10), time(11)).daily_hours) == [
        DayOfWeek.SUNDAY
    ]


@pytest.mark.parametrize("zone", ["Europe/Berlin", "America/Argentina/Buenos_Aires", "UTC"])
def test_iana_time_zones_accepted(zone: str) -> None:
    assert CommunicationTime(default_time_zone=zone).default_time_zone == zone


def test_time_zone_must_be_iana() -> None:
    with pytest.raises(
        ValueError, match=r"default_time_zone must be an IANA time zone id .*got 'Europe/Berln'"
    ):
        CommunicationTime(default_time_zone="Europe/Berln")


def test_time_zone_schema_characters() -> None:
    with pytest.raises(
        ValueError, match=r"default_time_zone must be an IANA time zone id of letters.*'UTC\+01'"
    ):
        CommunicationTime(default_time_zone="UTC+01")


def test_time_zone_length() -> None:
    with pytest.raises(ValueError, match="default_time_zone must be 1 to 50 characters long"):
        CommunicationTime(default_time_zone="A" * 51)


def test_time_range_whole_minutes() -> None:
    with pytest.raises(ValueError, match=r"TimeRange start must be whole minutes .*got 09:00:30"):
        TimeRange(time(9, 0, 30), time(17))


def test_time_range_without_zone() -> None:
    with pytest.raises(ValueError, match="TimeRange end must be a time without tzinfo"):
        TimeRange(time(9), time(17, tzinfo=UTC))


def test_time_range_takes_time_objects() -> None:
    with pytest.raises(TypeError, match=r"start\ must\ be\ a\ time,\ got\ str:\ '09:00'"):
        TimeRange("09:00", time(17))  # type: ignore[arg-type]


def test_open_hours_day_is_the_enum() -> None:
    with pytest.raises(
        TypeError,
        match=(
            r"daily_hours\ key\ 'MONDAY'\ must\ be\ a\ DayOfWeek\ \(MONDAY,\ TUESDAY,\ WEDNESDAY,\ "
            r"THURSDAY,\ FRIDAY,\ SATURDAY,\ SUNDAY\),\ got\ str:\ 'MONDAY'"
        ),
    ):
        OpenHours({"MONDAY": [TimeRange(time(9), time(17))]})  # type: ignore[dict-item]


def test_open_hours_ranges_are_time_ranges() -> None:
    with pytest.raises(
        TypeError,
        match=(
            r"daily_hours\[<DayOfWeek\.MONDAY:\ 'MONDAY'>\]\[0\]\ must\ be\ a\ TimeRange,\ got\ t"
            r"uple:\ \(datetime\.time\(9,\ 0\),\ datetime\.time\(17,\ 0\)\)"
        ),
    ):
        OpenHours({DayOfWeek.MONDAY: [(time(9), time(17))]})  # type: ignore[list-item]


def test_restricted_period_takes_dates_not_datetimes() -> None:
    with pytest.raises(TypeError, match=r"start_date must be a datetime.date .*got datetime"):
        RestrictedPeriod(start_date=datetime(2026, 12, 24), end_date=date(2026, 12, 26))


def test_restricted_period_name_length() -> None:
    with pytest.raises(ValueError, match="RestrictedPeriod name must be 1 to 127 characters long"):
        RestrictedPeriod(start_date=date(2026, 1, 1), end_date=date(2026, 1, 1), name="x" * 128)


def test_restricted_period_name_not_empty() -> None:
    with pytest.raises(ValueError, match="RestrictedPeriod name must be 1 to 127 characters long"):
        RestrictedPeriod(start_date=date(2026, 1, 1), end_date=date(2026, 1, 1), name="")


def test_time_window_needs_open_hours() -> None:
    with pytest.raises(TypeError, match=r"open_hours\ must\ be\ an\ OpenHours,\ got\ None"):
        TimeWindow(open_hours=None)  # type: ignore[arg-type]


def test_channel_window_is_a_time_window() -> None:
    with pytest.raises(TypeError, match=r"email\ must\ be\ a\ TimeWindow,\ got\ OpenHours:\ "):
        CommunicationTime(email=OpenHours.every_day(time(9), time(17)))  # type: ignore[arg-type]


def test_detection_items_are_the_enum() -> None:
    with pytest.raises(
        TypeError,
        match=(
            r"local_time_zone_detection\[0\]\ must\ be\ a\ LocalTimeZoneDetection\ \(ZIP_CODE,\ A"
            r"REA_CODE\),\ got\ str:\ 'ZIP_CODE'"
        ),
    ):
        CommunicationTime(local_time_zone_detection=["ZIP_CODE"])  # type: ignore[list-item]


# ---- schedule ----------------------------------------------------------------------------


def test_schedule_in_utc_with_refresh() -> None:
    berlin = timezone(timedelta(hours=1))
    schedule = CampaignSchedule(
        start=datetime(2027, 1, 4, 9, tzinfo=berlin),
        end=datetime(2027, 12, 31, tzinfo=UTC),
        refresh_frequency=Duration.days(1),
    )
    assert _cfn(schedule=schedule.to_cfn())["Schedule"] == {
        "StartTime": "2027-01-04T08:00:00Z",
        "EndTime": "2027-12-31T00:00:00Z",
        "RefreshFrequency": "P1D",
    }


def test_schedule_needs_aware_datetimes() -> None:
    with pytest.raises(ValueError, match="CampaignSchedule start must carry a time zone"):
        CampaignSchedule(start=datetime(2027, 1, 1), end=datetime(2027, 2, 1, tzinfo=UTC))


def test_schedule_takes_datetimes() -> None:
    with pytest.raises(TypeError, match=r"end\ must\ be\ a\ datetime,\ got\ str:\ '2027\-02\-01'"):
        CampaignSchedule(start=datetime(2027, 1, 1, tzinfo=UTC), end="2027-02-01")  # type: ignore[arg-type]


# ---- source ------------------------------------------------------------------------------


def test_segment_source_writes_its_arn() -> None:
    segment = SimpleNamespace(
        segment_definition_name="s",
        segment_definition_arn="arn:aws:profile:eu-central-1:1:domains/d/segment-definitions/s",
        domain=None,
    )
    assert _cfn(source=CampaignSource.segment(segment).to_cfn())["Source"] == {  # type: ignore[arg-type]
        "CustomerProfilesSegmentArn": segment.segment_definition_arn
    }


def test_event_trigger_source_writes_its_domain() -> None:
    trigger = SimpleNamespace(
        event_trigger_name="purchase",
        domain=SimpleNamespace(
            domain_name="d", domain_arn="arn:aws:profile:eu-central-1:1:domains/d"
        ),
    )
    source = CampaignSource.event_trigger(trigger)  # type: ignore[arg-type]
    assert source.kind == "event_trigger"
    assert _cfn(source=source.to_cfn())["Source"] == {
        "EventTrigger": {"CustomerProfilesDomainArn": "arn:aws:profile:eu-central-1:1:domains/d"}
    }


def test_source_needs_exactly_one() -> None:
    with pytest.raises(ValueError, match="exactly one of segment_definition and event_trigger"):
        CampaignSource()


def test_source_segment_must_be_a_segment_definition() -> None:
    with pytest.raises(TypeError, match="segment_definition must be an ISegmentDefinition"):
        CampaignSource.segment("arn:aws:profile:...")  # type: ignore[arg-type]


def test_source_trigger_must_be_an_event_trigger() -> None:
    with pytest.raises(TypeError, match="event_trigger must be an IEventTrigger"):
        CampaignSource.event_trigger("purchase")  # type: ignore[arg-type]


def test_per_days_range() -> None:
    with pytest.raises(
        ValueError, match="CommunicationLimit days must be between 1 and 30, got 31"
    ):
        CommunicationLimit.per_days(1, 31)


def test_per_days_checks_the_count() -> None:
    with pytest.raises(ValueError, match="max_count_per_recipient must be at least 1, got 0"):
        CommunicationLimit.per_days(0, 7)


# ---- order of start and end (#25 audit) ---------------------------------------------------


def test_schedule_end_before_start_refused() -> None:
    with pytest.raises(
        ValueError,
        match="CampaignSchedule end must not be before start, "
        "got start=2027-01-02T00:00:00Z, end=2027-01-01T00:00:00Z",
    ):
        CampaignSchedule(
            start=datetime(2027, 1, 2, tzinfo=UTC), end=datetime(2027, 1, 1, tzinfo=UTC)
        )


def test_schedule_order_compares_instants_across_zones() -> None:
    # 00:30 at UTC+2 is 22:30 UTC the day before: after 22:00 UTC, so accepted.
    schedule = CampaignSchedule(
        start=datetime(2027, 1, 1, 22, tzinfo=UTC),
        end=datetime(2027, 1, 2, 0, 30, tzinfo=timezone(timedelta(hours=2))),
    )
    assert (schedule.start, schedule.end) == ("2027-01-01T22:00:00Z", "2027-01-01T22:30:00Z")


def test_restricted_period_end_before_start_refused() -> None:
    with pytest.raises(
        ValueError,
        match="RestrictedPeriod end_date must not be before start_date, "
        "got start_date=2026-12-26, end_date=2026-12-24",
    ):
        RestrictedPeriod(start_date=date(2026, 12, 26), end_date=date(2026, 12, 24))


def test_restricted_period_of_one_day() -> None:
    period = RestrictedPeriod(start_date=date(2026, 12, 25), end_date=date(2026, 12, 25))
    assert period.start_date == period.end_date == "2026-12-25"


def test_time_range_may_end_at_midnight() -> None:
    # Not refused: no source states an order for TimeRange (see its docstring).
    assert TimeRange(time(18), time(0)).to_cfn().end_time == "T00:00"
