"""The customer-engagement program on the services that run today: Amazon Connect Customer
Profiles (where Pinpoint's endpoints and segments live now), Amazon Q in Connect message
templates (Pinpoint's templates), Amazon Connect outbound campaigns and journeys (Pinpoint's
campaigns and journeys). It is the successor of the Pinpoint engagement stack
(``stacks/engagement.py``), built from the same program.

Each part is built by its own method, in the order the services depend on each other."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any

from aws_cdk import Duration, Stack
from aws_cdk import aws_kms as kms
from constructs import Construct

from pinpoint_constructs import (
    CampaignChannel,
    CampaignSchedule,
    CampaignSource,
    CommunicationLimit,
    CommunicationLimits,
    CommunicationTime,
    ConnectEmailAddress,
    ConnectInstance,
    ConnectPhoneNumber,
    ConnectPhoneNumberType,
    EntryLimits,
    OpenHours,
    OutboundCampaign,
    OutboundCampaignsOnboarding,
    PhoneNumber,
    RestrictedPeriod,
    TimeWindow,
)

from ._common import context


class CustomerEngagementStack(Stack):
    """Customer Profiles, Q in Connect templates, outbound campaigns and a journey."""

    def __init__(self, scope: Construct, id: str, **kwargs: Any) -> None:
        super().__init__(scope, id, **kwargs)
        self._build_profiles()
        self._build_templates()
        self._build_connect_instance()
        self._build_campaigns()
        self._build_journeys()

    def setting(self, key: str, default: str) -> str:
        """A context value (``cdk deploy -c key=value``) or its documented default."""
        return context(self, key, default)

    # ------------------------------------------------------------------------------------
    # Customer Profiles: domain, endpoint object type, segment definitions, event trigger
    # ------------------------------------------------------------------------------------

    def _build_profiles(self) -> None:
        """Filled in by the Customer Profiles work (issue #23)."""

    # ------------------------------------------------------------------------------------
    # Amazon Q in Connect message templates, converted from the Pinpoint templates
    # ------------------------------------------------------------------------------------

    def _build_templates(self) -> None:
        """Filled in by the Q in Connect templates work (issue #24)."""

    # ------------------------------------------------------------------------------------
    # Amazon Connect instance pieces: instance, onboarding, phone number, email address
    # ------------------------------------------------------------------------------------

    def _build_connect_instance(self) -> None:
        """The Connect instance (created, or imported with ``-c connectInstanceArn=...``), its
        onboarding to outbound campaigns with a customer managed key and the profiles domain
        (when the Customer Profiles part built one), a phone number and an email address.

        The phone number is an End User Messaging SMS number imported into Connect when
        ``-c connectSmsPhoneNumberArn=arn:aws:sms-voice:...:phone-number/...`` is given (what
        an SMS campaign sends from); otherwise a toll-free number claimed in
        ``connectPhoneCountry`` (default ``US``). The email address is ``connectEmailAddress``,
        by default ``news@`` the instance's Connect-provided domain
        (``<alias>.email.connect.aws``)."""
        domain = getattr(self, "profiles_domain", None) or getattr(
            getattr(self, "berlin_segment", None), "domain", None
        )
        instance_arn = self.setting("connectInstanceArn", "")
        if instance_arn:
            self.connect_instance = ConnectInstance.from_instance_arn(
                self, "ConnectInstance", instance_arn
            )
            default_address = "news@example.com"
        else:
            created = ConnectInstance(
                self,
                "ConnectInstance",
                instance_alias=self.setting("connectInstanceAlias", "") or None,
                profiles_domain=domain,
            )
            self.connect_instance = created
            default_address = f"news@{created.instance_alias}.email.connect.aws"
        self.campaigns_key = kms.Key(
            self,
            "OutboundCampaignsKey",
            description="Encrypts the data of outbound campaigns on the Connect instance",
            enable_key_rotation=True,
        )
        self.onboarding = OutboundCampaignsOnboarding(
            self,
            "OutboundCampaignsOnboarding",
            instance=self.connect_instance,
            encryption_key=self.campaigns_key,
            profiles_domain=domain,
        )
        sms_number_arn = self.setting("connectSmsPhoneNumberArn", "")
        if sms_number_arn:
            self.connect_phone_number = ConnectPhoneNumber(
                self,
                "ConnectPhoneNumber",
                instance=self.connect_instance,
                source_phone_number=PhoneNumber.from_phone_number_arn(
                    self, "SmsPhoneNumber", sms_number_arn
                ),
            )
        else:
            self.connect_phone_number = ConnectPhoneNumber(
                self,
                "ConnectPhoneNumber",
                instance=self.connect_instance,
                country_code=self.setting("connectPhoneCountry", "US"),
                number_type=ConnectPhoneNumberType.TOLL_FREE,
                description="Sends the outbound SMS campaigns",
            )
        self.connect_email_address = ConnectEmailAddress(
            self,
            "ConnectEmailAddress",
            instance=self.connect_instance,
            email_address=self.setting("connectEmailAddress", default_address),
            display_name="Example News",
        )

    # ------------------------------------------------------------------------------------
    # Outbound campaigns: a segment email campaign and an event-triggered SMS campaign
    # ------------------------------------------------------------------------------------

    def _build_campaigns(self) -> None:
        """The overview's two campaigns on Amazon Connect: a daily email to the Berlin segment
        with quiet hours (open 08:00-21:00 Berlin time, nothing over Christmas, at most one
        message a day), and an SMS when a purchase event occurs (at most once a day per
        profile). Each needs its segment or trigger and its template from the Customer
        Profiles and templates parts; a campaign whose pieces aren't there is left out."""
        segment = getattr(self, "berlin_segment", None)
        trigger = getattr(self, "purchase_trigger", None)
        welcome_email = getattr(self, "welcome_email", None)
        offer_sms = getattr(self, "offer_sms", None)
        start = datetime(2027, 1, 4, 7, 0, tzinfo=UTC)
        end = datetime(2027, 12, 31, 23, 0, tzinfo=UTC)
        if segment is not None and welcome_email is not None:
            self.berlin_email_campaign = OutboundCampaign(
                self,
                "BerlinDailyEmail",
                instance=self.connect_instance,
                onboarding=self.onboarding,
                campaign_name="berlin-daily-email",
                channels=[
                    CampaignChannel.email(
                        template=welcome_email, from_address=self.connect_email_address
                    )
                ],
                source=CampaignSource.segment(segment),
                schedule=CampaignSchedule(start=start, end=end, refresh_frequency=Duration.days(1)),
                communication_time=CommunicationTime(
                    default_time_zone="Europe/Berlin",
                    email=TimeWindow(
                        open_hours=OpenHours.every_day(time(8), time(21)),
                        restricted_periods=[
                            RestrictedPeriod(
                                start_date=date(2027, 12, 24),
                                end_date=date(2027, 12, 26),
                                name="Christmas",
                            )
                        ],
                    ),
                ),
                communication_limits=CommunicationLimits.of(CommunicationLimit.per_days(1, 1)),
            )
        if trigger is not None and offer_sms is not None:
            self.purchase_sms_campaign = OutboundCampaign(
                self,
                "PurchaseSms",
                instance=self.connect_instance,
                onboarding=self.onboarding,
                campaign_name="purchase-offer-sms",
                channels=[
                    CampaignChannel.sms(template=offer_sms, phone_number=self.connect_phone_number)
                ],
                source=CampaignSource.event_trigger(trigger),
                schedule=CampaignSchedule(start=start, end=end),
                communication_time=CommunicationTime(
                    default_time_zone="Europe/Berlin",
                    sms=TimeWindow(open_hours=OpenHours.every_day(time(9), time(20))),
                ),
                entry_limits=EntryLimits(max_entry_count=0, min_entry_interval=Duration.days(1)),
            )

    # ------------------------------------------------------------------------------------
    # Journeys on Amazon Connect: the onboarding journey
    # ------------------------------------------------------------------------------------

    def _build_journeys(self) -> None:
        """Filled in by the Connect journeys work (issue #26)."""
