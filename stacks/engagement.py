"""The engagement program: segments, message templates, campaigns and the journey, built on
the project and channels of the messaging foundation stack."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from aws_cdk import Stack
from constructs import Construct

from pinpoint_constructs import (
    AttributeFilter,
    Demographic,
    GroupType,
    ImportedSegment,
    ImportSource,
    Segment,
    SegmentDimensions,
    SegmentGroup,
    SegmentGroups,
    SetFilter,
    SourceType,
)

from ._common import acknowledge_end_of_support
from .foundation import MessagingFoundationStack

DATA_DIR = Path(__file__).resolve().parent / "data"


class EngagementStack(Stack):
    """Who is reached (segments), with what (templates), and when (campaigns, journey)."""

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        foundation: MessagingFoundationStack,
        **kwargs: Any,
    ) -> None:
        super().__init__(scope, id, **kwargs)
        acknowledge_end_of_support(self)
        app = foundation.pinpoint_app

        # Audience: endpoints used for testing, excluded from every real send.
        self.test_segment = Segment(
            self,
            "TestSegment",
            app=app,
            segment_name="test",
            dimensions=SegmentDimensions(
                attributes={"Audience": AttributeFilter.inclusive("test")}
            ),
        )
        # All email endpoints whose city is Berlin, excluding every endpoint of "test".
        self.berlin_email_segment = Segment(
            self,
            "BerlinEmailSegment",
            app=app,
            segment_name="berlin-email",
            groups=SegmentGroups(
                groups=[
                    SegmentGroup(
                        dimensions=[
                            SegmentDimensions(
                                demographic=Demographic(channel=SetFilter.include("EMAIL"))
                            ),
                            SegmentDimensions(
                                attributes={"City": AttributeFilter.inclusive("Berlin")}
                            ),
                        ],
                        type=GroupType.ALL,
                        source_segments=[self.test_segment],
                        source_type=SourceType.NONE,
                    )
                ]
            ),
        )
        # A static list of beta testers, imported from the sample CSV shipped with the stacks.
        self.beta_testers = ImportedSegment(
            self,
            "BetaTesters",
            app=app,
            segment_name="beta-testers",
            source=ImportSource.from_file(DATA_DIR / "beta_testers.csv"),
        )
