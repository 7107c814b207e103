#!/usr/bin/env python3
"""Synth time of N outbound campaigns on Amazon Connect built with ``OutboundCampaign`` (L2)
vs. the same campaigns written as raw ``aws_connectcampaignsv2.CfnCampaign`` resources (L1),
for N = 50, 100 and 200.

    python benchmarks/connect_campaigns.py [--repeat R] [--sizes 50 100 200]

    python benchmarks/connect_campaigns.py --hoisted   # raw L1 reads its references once

Every run builds a fresh ``cdk.App`` with one stack: a Connect instance, an email address, a
Customer Profiles domain with the Berlin segment definition and a Q in Connect email template
(the same for both variants), and N managed email campaigns like the guide's daily Berlin
email (segment source, schedule, open hours every day in Europe/Berlin with a restricted
period, one communication limit, entry limits); then ``app.synth()``. The time covers
building and synthesizing. The raw-L1 variant references the instance, segment and template
through their L1 attributes (``attr_id``, ``attr_segment_definition_arn``,
``attr_message_template_version_arn``), per campaign as ``benchmarks/campaigns.py`` does, or
once before its loop with ``--hoisted`` (the best raw-L1 code). The machinery (interleaved
L1/L2 runs, medians of wall and CPU time, growth, jsii round trips, the check that both write
identical campaign properties) is ``benchmarks/_compare.py``, shared with
``benchmarks/campaigns.py``. Nothing calls AWS.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path

os.environ.setdefault("JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION", "1")
os.environ.setdefault("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import aws_cdk as cdk
from aws_cdk import aws_connectcampaignsv2 as campaigns
from aws_cdk import aws_customerprofiles as customerprofiles

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
    EmailMessageTemplate,
    EntryLimits,
    MessageTemplateKnowledgeBase,
    OpenHours,
    OutboundCampaign,
    RestrictedPeriod,
    TimeWindow,
)
from pinpoint_constructs.profiles import (
    AddressDimension,
    ProfileAttributes,
    ProfileDimension,
    ProfilesDomain,
    SegmentDefinition,
    SegmentDefinitionGroup,
    SegmentDefinitionGroups,
)

START = datetime(2027, 1, 4, 0, 0, tzinfo=UTC)
END = datetime(2027, 12, 31, 0, 0, tzinfo=UTC)
ADDRESS = "news@example-bench.email.connect.aws"
DAYS = ("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")
#: ``--hoisted``: the raw-L1 variant reads the referenced resources' attributes once, before
#: its loop, instead of once per campaign.
HOISTED = "--hoisted" in sys.argv
if HOISTED:
    sys.argv.remove("--hoisted")


@dataclass
class Program:
    """What every campaign references, built the same way for both variants."""

    app: cdk.App
    stack: cdk.Stack
    instance: ConnectInstance
    segment: SegmentDefinition
    template: EmailMessageTemplate
    address: ConnectEmailAddress


def _program(outdir: str) -> Program:
    app = cdk.App(outdir=outdir)
    stack = cdk.Stack(app, "Bench", env=cdk.Environment(account="123456789012", region="us-east-1"))
    domain = ProfilesDomain(stack, "Profiles", domain_name="amazon-connect-bench")
    segment = SegmentDefinition(
        stack,
        "Berlin",
        domain=domain,
        groups=SegmentDefinitionGroups(
            groups=[
                SegmentDefinitionGroup(
                    dimensions=[
                        ProfileAttributes(
                            address=AddressDimension(city=ProfileDimension.inclusive("Berlin"))
                        )
                    ]
                )
            ]
        ),
    )
    knowledge_base = MessageTemplateKnowledgeBase(stack, "Templates", knowledge_base_name="bench")
    template = EmailMessageTemplate(
        stack, "Newsletter", knowledge_base=knowledge_base, subject="News", html="<p>News</p>"
    )
    instance = ConnectInstance(stack, "Instance", instance_alias="example-bench")
    address = ConnectEmailAddress(stack, "Email", instance=instance, email_address=ADDRESS)
    return Program(app, stack, instance, segment, template, address)


def build_l2(count: int, outdir: str) -> cdk.Stack:
    p = _program(outdir)
    daily = cdk.Duration.days(1)  # one Duration for every campaign, as a program would share it
    for i in range(count):
        OutboundCampaign(
            p.stack,
            f"Campaign{i}",
            instance=p.instance,
            campaign_name=f"berlin-daily-{i}",
            channels=[
                CampaignChannel.email(
                    template=p.template, from_address=p.address, display_name="Example News"
                )
            ],
            source=CampaignSource.segment(p.segment),
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
    p.app.synth()
    return p.stack


def build_l1(count: int, outdir: str) -> cdk.Stack:
    p = _program(outdir)
    # Raw L1: the referenced resources' own L1 attributes (the instance's Id, the segment
    # definition's and the template version's ARNs), read per campaign as code written against
    # the L1 classes does (or once, with --hoisted).
    cfn_instance = p.instance.resource
    cfn_segment = p.segment.node.default_child
    cfn_version = p.template.version
    assert isinstance(cfn_segment, customerprofiles.CfnSegmentDefinition)

    def refs() -> tuple[str, str, str]:
        return (
            cfn_instance.attr_id,
            cfn_segment.attr_segment_definition_arn,
            cfn_version.attr_message_template_version_arn,
        )

    hoisted = refs() if HOISTED else None
    c = campaigns.CfnCampaign
    for i in range(count):
        instance_id, segment_arn, template_arn = hoisted or refs()
        c(
            p.stack,
            f"Campaign{i}",
            connect_instance_id=instance_id,
            name=f"berlin-daily-{i}",
            type="MANAGED",
            channel_subtype_config=c.ChannelSubtypeConfigProperty(
                email=c.EmailChannelSubtypeConfigProperty(
                    outbound_mode=c.EmailOutboundModeProperty(agentless_config={}),
                    default_outbound_config=c.EmailOutboundConfigProperty(
                        connect_source_email_address=ADDRESS,
                        source_email_address_display_name="Example News",
                        wisdom_template_arn=template_arn,
                    ),
                )
            ),
            source=c.SourceProperty(customer_profiles_segment_arn=segment_arn),
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
    p.app.synth()
    return p.stack


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
