#!/usr/bin/env python3
"""Synth time of N outbound campaigns on Amazon Connect built with ``OutboundCampaign`` (L2)
vs. the same campaigns written as raw ``aws_connectcampaignsv2.CfnCampaign`` resources (L1),
for N = 50, 100 and 200.

    python benchmarks/connect_campaigns.py [--repeat R] [--sizes 50 100 200]

Every run builds a fresh ``cdk.App`` with one stack and N managed email campaigns like the
guide's daily Berlin email: an imported Connect instance and email address, a segment
source, a schedule, open hours every day in Europe/Berlin with a restricted period, one
communication limit and entry limits; then ``app.synth()``. The time covers building and
synthesizing. The machinery (interleaved L1/L2 runs, medians of wall and CPU time, growth,
jsii round trips, the check that both write identical campaign properties) is
``benchmarks/_compare.py``, shared with ``benchmarks/campaigns.py``. Nothing calls AWS.
"""

from __future__ import annotations

import os
import sys
from datetime import UTC, date, datetime, time
from pathlib import Path

os.environ.setdefault("JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION", "1")
os.environ.setdefault("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import aws_cdk as cdk
from aws_cdk import aws_connectcampaignsv2 as campaigns

from benchmarks import _compare
from pinpoint_constructs.connect import (
    CampaignChannel,
    CampaignSchedule,
    CampaignSource,
    CommunicationLimit,
    CommunicationLimits,
    CommunicationTime,
    ConnectEmailAddress,
    ConnectInstance,
    EntryLimits,
    OpenHours,
    OutboundCampaign,
    RestrictedPeriod,
    TimeWindow,
)

INSTANCE_ID = "11111111-2222-3333-4444-555555555555"
INSTANCE_ARN = f"arn:aws:connect:us-east-1:123456789012:instance/{INSTANCE_ID}"
EMAIL_ARN = f"{INSTANCE_ARN}/email-address/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"
SEGMENT_ARN = (
    "arn:aws:profile:us-east-1:123456789012:domains/amazon-connect-bench/segment-definitions/berlin"
)
START = datetime(2027, 1, 4, 0, 0, tzinfo=UTC)
END = datetime(2027, 12, 31, 0, 0, tzinfo=UTC)


class NewsletterTemplate:
    """The Q in Connect email template every campaign sends (an ``IMessageTemplate``; only its
    published version's ARN is written)."""

    channel_subtype = "EMAIL"
    knowledge_base = None
    message_template_id = "newsletter"
    message_template_arn = "arn:aws:wisdom:us-east-1:123456789012:message-template/kb/newsletter"
    version_arn = f"{message_template_arn}:1"


class BerlinSegment:
    """The segment definition every campaign reaches (an ``ISegmentDefinition``)."""

    segment_definition_name = "berlin"
    segment_definition_arn = SEGMENT_ARN
    domain = None


TEMPLATE = NewsletterTemplate()
SEGMENT = BerlinSegment()


def _stack(outdir: str) -> tuple[cdk.App, cdk.Stack]:
    app = cdk.App(outdir=outdir)
    stack = cdk.Stack(app, "Bench", env=cdk.Environment(account="123456789012", region="us-east-1"))
    return app, stack


def build_l2(count: int, outdir: str) -> cdk.Stack:
    app, stack = _stack(outdir)
    instance = ConnectInstance.from_instance_arn(stack, "Instance", INSTANCE_ARN)
    address = ConnectEmailAddress.from_email_address_arn(
        stack, "Email", EMAIL_ARN, email_address="news@example.com"
    )
    daily = cdk.Duration.days(1)  # one Duration for every campaign, as a program would share it
    for i in range(count):
        OutboundCampaign(
            stack,
            f"Campaign{i}",
            instance=instance,
            campaign_name=f"berlin-daily-{i}",
            channels=[
                CampaignChannel.email(
                    template=TEMPLATE, from_address=address, display_name="Example News"
                )
            ],
            source=CampaignSource.segment(SEGMENT),  # type: ignore[arg-type]
            schedule=CampaignSchedule(start=START, end=END, refresh_frequency=daily),
            communication_time=CommunicationTime(
                default_time_zone="Europe/Berlin",
                email=TimeWindow(
                    open_hours=OpenHours.every_day(time(8), time(21)),
                    restricted_periods=[
                        RestrictedPeriod(
                            start_date=date(2027, 12, 24), end_date=date(2027, 12, 26), name="xmas"
                        )
                    ],
                ),
            ),
            communication_limits=CommunicationLimits.of(CommunicationLimit.per_days(1, 1)),
            entry_limits=EntryLimits(max_entry_count=0),
        )
    app.synth()
    return stack


DAYS = ("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")


def build_l1(count: int, outdir: str) -> cdk.Stack:
    app, stack = _stack(outdir)
    c = campaigns.CfnCampaign
    for i in range(count):
        c(
            stack,
            f"Campaign{i}",
            connect_instance_id=INSTANCE_ID,
            name=f"berlin-daily-{i}",
            type="MANAGED",
            channel_subtype_config=c.ChannelSubtypeConfigProperty(
                email=c.EmailChannelSubtypeConfigProperty(
                    outbound_mode=c.EmailOutboundModeProperty(agentless_config={}),
                    default_outbound_config=c.EmailOutboundConfigProperty(
                        connect_source_email_address="news@example.com",
                        source_email_address_display_name="Example News",
                        wisdom_template_arn=TEMPLATE.version_arn,
                    ),
                )
            ),
            source=c.SourceProperty(customer_profiles_segment_arn=SEGMENT_ARN),
            schedule=c.ScheduleProperty(
                start_time="2027-01-04T00:00:00Z",
                end_time="2027-12-31T00:00:00Z",
                refresh_frequency="P1D",
            ),
            communication_time_config=c.CommunicationTimeConfigProperty(
                local_time_zone_config=c.LocalTimeZoneConfigProperty(
                    default_time_zone="Europe/Berlin"
                ),
                email=c.TimeWindowProperty(
                    open_hours=c.OpenHoursProperty(
                        daily_hours=[
                            c.DailyHourProperty(
                                key=day,
                                value=[c.TimeRangeProperty(start_time="T08:00", end_time="T21:00")],
                            )
                            for day in DAYS
                        ]
                    ),
                    restricted_periods=c.RestrictedPeriodsProperty(
                        restricted_period_list=[
                            c.RestrictedPeriodProperty(
                                start_date="2027-12-24", end_date="2027-12-26", name="xmas"
                            )
                        ]
                    ),
                ),
            ),
            communication_limits_override=c.CommunicationLimitsConfigProperty(
                all_channels_subtypes=c.CommunicationLimitsProperty(
                    communication_limit_list=[
                        c.CommunicationLimitProperty(
                            frequency=1, max_count_per_recipient=1, unit="DAY"
                        )
                    ]
                )
            ),
            entry_limits_config=c.EntryLimitsConfigProperty(
                max_entry_count=0, min_entry_interval="PT0S"
            ),
        )
    app.synth()
    return stack


BUILDERS = {"L1": build_l1, "L2": build_l2}


def main() -> None:
    _compare.main(
        __doc__.splitlines()[0],
        BUILDERS,
        "AWS::ConnectCampaignsV2::Campaign",
        l1_label="L1 raw CfnCampaign",
        l2_label="L2 Outbound",
        noun="campaign",
    )


if __name__ == "__main__":
    main()
