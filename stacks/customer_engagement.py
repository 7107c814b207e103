"""The customer-engagement program on the services that run today: Amazon Connect Customer
Profiles (where Pinpoint's endpoints and segments live now), Amazon Q in Connect message
templates (Pinpoint's templates), Amazon Connect outbound campaigns and journeys (Pinpoint's
campaigns and journeys). It is the successor of the Pinpoint engagement stack
(``stacks/engagement.py``), built from the same program.

Each part is built by its own method, in the order the services depend on each other."""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

from aws_cdk import Duration, Stack
from aws_cdk import aws_kms as kms
from aws_cdk import aws_sqs as sqs
from constructs import Construct

from pinpoint_constructs import (
    AddressDimension,
    AttributeDimension,
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
    EndpointChannel,
    EntryLimits,
    EventComparisonOperator,
    EventTrigger,
    EventTriggerCondition,
    EventTriggerLimits,
    EventTriggerPeriod,
    FieldContentType,
    FieldMapping,
    IncludeOptions,
    ObjectAttribute,
    ObjectType,
    ObjectTypeKey,
    OpenHours,
    OutboundCampaign,
    OutboundCampaignsOnboarding,
    PeriodUnit,
    PhoneNumber,
    PinpointEndpointObjectType,
    ProfileAttributes,
    ProfileDimension,
    ProfilesDomain,
    RestrictedPeriod,
    SegmentDefinition,
    SegmentDefinitionGroup,
    SegmentDefinitionGroups,
    StandardIdentifier,
    TimeWindow,
)
from pinpoint_constructs._lambda import acknowledge
from pinpoint_constructs.connect import (
    CheckCommunicationStatusStep,
    CommunicationStatus,
    ConnectJourney,
    EmailMessageTemplate,
    MessageTemplateKnowledgeBase,
    SendEmailStep,
    SendSmsStep,
    SmsMessageTemplate,
    WaitStep,
)

from ._common import context
from .foundation import MessagingFoundationStack


class CustomerEngagementStack(Stack):
    """Customer Profiles, Q in Connect templates, outbound campaigns and a journey."""

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        foundation: MessagingFoundationStack | None = None,
        **kwargs: Any,
    ) -> None:
        """
        :param foundation: The messaging foundation whose End User Messaging SMS number the
            SMS campaign sends from (imported into Connect). Default: none (then
            ``-c connectSmsPhoneNumberArn`` names the number, or a toll-free number is
            claimed, which needs its own SMS registration before it can text).
        """
        super().__init__(scope, id, **kwargs)
        self.foundation = foundation
        self._build_profiles()
        # The instance comes before the templates: the knowledge base is associated with it,
        # which is what lets the instance's campaigns send the templates.
        self._build_connect_instance()
        self._build_templates()
        self._build_campaigns()
        self._build_journeys()

    def setting(self, key: str) -> str:
        """A context value (``cdk deploy -c key=value``) or its documented default
        (``stacks/_common.py`` ``CONTEXT_KEYS``)."""
        return context(self, key)

    # ------------------------------------------------------------------------------------
    # Customer Profiles: domain, endpoint object type, segment definitions, event trigger
    # ------------------------------------------------------------------------------------

    def _build_profiles(self) -> None:
        """The domain, the object types that ingest Pinpoint's email endpoints and the shop's
        cart events, the Pinpoint program's two segments as segment definitions, and the event
        trigger that replaces the ``cart.abandoned`` event campaign."""
        # Objects Customer Profiles can't ingest from an integration are reported here.
        self.profiles_dead_letter_queue = sqs.Queue(
            self,
            "ProfilesDeadLetterQueue",
            encryption=sqs.QueueEncryption.SQS_MANAGED,
            enforce_ssl=True,
            retention_period=Duration.days(14),
        )
        acknowledge(
            self.profiles_dead_letter_queue,
            "AwsSolutions::AwsSolutions-SQS3",
            "this queue is itself a dead-letter queue: Customer Profiles reports the objects it "
            "could not ingest here, and nothing consumes it automatically",
        )
        self.profiles_domain = ProfilesDomain(
            self,
            "Profiles",
            # Amazon Connect's service-linked role reaches only domains named amazon-connect-*
            # (see ConnectInstance.associate_profiles_domain).
            domain_name="amazon-connect-pinpoint-constructs",
            default_expiration=Duration.days(366),
            dead_letter_queue=self.profiles_dead_letter_queue,
        )
        domain = self.profiles_domain
        # Pinpoint's email endpoints (an endpoint export, one endpoint per line) become profiles;
        # the "Audience" endpoint attribute marks test endpoints, as in the Pinpoint program.
        self.email_endpoints = PinpointEndpointObjectType(
            self,
            "EmailEndpoints",
            domain=domain,
            channel=EndpointChannel.EMAIL,
            # Interests and Age: what the converted welcome email reads (custom attributes).
            endpoint_attributes=["Audience", "Interests"],
            user_attributes={
                "FirstName": "FirstName",
                "LastName": "LastName",
                "Age": "Attributes.Age",
            },
        )
        # The shop's cart events, tied to a profile by the customer id (Pinpoint's user id).
        self.cart_events = ObjectType(
            self,
            "CartEvents",
            domain=domain,
            object_type_name="CartEvent",
            description="Cart events from the web shop (cart.abandoned, cart.purchased)",
            fields={
                "customerId": FieldMapping.to_profile("customerId", "AccountNumber"),
                "eventId": FieldMapping.object_only("eventId"),
                "eventType": FieldMapping.object_only("eventType"),
                "cartTotal": FieldMapping.object_only("cartTotal", FieldContentType.NUMBER),
            },
            keys={
                "customer": [ObjectTypeKey(["customerId"], [StandardIdentifier.PROFILE])],
                "event": [ObjectTypeKey(["eventId"], [StandardIdentifier.UNIQUE])],
            },
        )
        # Profiles used for testing, excluded from every real send.
        self.test_segment = SegmentDefinition(
            self,
            "TestSegment",
            domain=domain,
            display_name="test",
            groups=SegmentDefinitionGroups(
                groups=[
                    SegmentDefinitionGroup(
                        dimensions=[
                            ProfileAttributes(
                                attributes={"Audience": AttributeDimension.inclusive("test")}
                            )
                        ]
                    )
                ]
            ),
        )
        # Profiles with an active email endpoint whose city is Berlin, minus the test segment.
        email = PinpointEndpointObjectType.attribute_names(EndpointChannel.EMAIL)
        self.berlin_segment = SegmentDefinition(
            self,
            "BerlinEmailSegment",
            domain=domain,
            display_name="berlin-email",
            groups=SegmentDefinitionGroups(
                groups=[
                    SegmentDefinitionGroup(
                        dimensions=[
                            ProfileAttributes(
                                attributes={
                                    email["endpoint_status"]: AttributeDimension.inclusive("ACTIVE")
                                }
                            ),
                            ProfileAttributes(
                                address=AddressDimension(city=ProfileDimension.inclusive("Berlin"))
                            ),
                        ],
                        type=IncludeOptions.ALL,
                        source_segments=[self.test_segment],
                        source_type=IncludeOptions.NONE,
                    )
                ]
            ),
        )
        # Pinpoint's cart-reminder campaign ran on the "cart.abandoned" event; here a cart
        # event of that type, for a profile of the Berlin segment, fires the trigger, at most
        # once a day per profile. The campaign work wires its campaign with
        # ``self.cart_abandoned_trigger.add_campaign_target(campaign_arn)``.
        self.cart_abandoned_trigger = EventTrigger(
            self,
            "CartAbandonedTrigger",
            domain=domain,
            object_type=self.cart_events,
            conditions=[
                EventTriggerCondition.all(
                    ObjectAttribute.field(
                        "eventType", EventComparisonOperator.INCLUSIVE, "cart.abandoned"
                    )
                )
            ],
            segment_filter=self.berlin_segment,
            limits=EventTriggerLimits(
                event_expiration=Duration.hours(1),
                periods=[EventTriggerPeriod(1, PeriodUnit.DAYS, max_invocations_per_profile=1)],
            ),
            description="A cart abandoned by a Berlin email profile (the cart reminder)",
        )

    # ------------------------------------------------------------------------------------
    # Amazon Q in Connect message templates, converted from the Pinpoint templates
    # ------------------------------------------------------------------------------------

    def _build_templates(self) -> None:
        """The knowledge base and the default program's welcome email, reminder email and offer
        SMS, converted from the Pinpoint templates as ``aws pinpoint get-*-template`` exports
        them (the same content as ``stacks/engagement.py``): each reference is rewritten to
        its Connect successor, each Pinpoint default becomes a default attribute, and each
        template publishes the version that campaigns send (``version_arn``). The welcome
        email's ``{{#each Attributes.Interests}}`` reads a list, which a Connect custom
        attribute is not: the conversion warns about it at synth."""
        # The default program's message content, shared with stacks/engagement.py.
        templates_dir = Path(__file__).resolve().parent / "templates"
        self.knowledge_base = MessageTemplateKnowledgeBase(
            self,
            "MessageTemplates",
            knowledge_base_name="engagement-templates",
            instance=self.connect_instance,
        )
        welcome = {
            "TemplateName": "welcome",
            "TemplateType": "EMAIL",
            "Subject": "Welcome, {{User.UserAttributes.FirstName}}",
            "HtmlPart": (templates_dir / "welcome.html").read_text(encoding="utf-8"),
            "TextPart": "Hi {{User.UserAttributes.FirstName}}, welcome aboard.",
            "DefaultSubstitutions": json.dumps(
                {
                    "User.UserAttributes.FirstName": "there",
                    "User.UserAttributes.Age": "0",
                    "Location.Country": "",
                    "Attributes.Interests": "our products",
                }
            ),
        }
        # The endpoint object type sends FirstName/LastName to the profile's own fields: the
        # conversions read them there (its profile_mapping), not as custom attributes.
        profile_mapping = self.email_endpoints.profile_mapping
        self.welcome_email = EmailMessageTemplate.from_pinpoint(
            self,
            "WelcomeEmail",
            knowledge_base=self.knowledge_base,
            template=welcome,
            profile_mapping=profile_mapping,
        )
        # The welcome email is converted as the Pinpoint program wrote it, so that the default
        # app shows what a conversion reports; each note was read and is accepted here.
        acknowledge(
            self.welcome_email,
            "Annotation::pinpoint-constructs:connectTemplateConversion",
            "the Pinpoint welcome email is converted as written: its list attributes "
            "(Interests, the .0 reads) become single-value custom attributes and the empty "
            "Location.Country default is dropped; the demo profiles hold one value each",
        )
        acknowledge(
            self.welcome_email,
            "Annotation::pinpoint-constructs:connectTemplateUnconfirmedHelper",
            "the welcome email keeps Pinpoint's capitalize helper to show the check; a real "
            "program confirms it with RenderMessageTemplate before sending",
        )
        reminder = {
            "TemplateName": "welcome-reminder",
            "TemplateType": "EMAIL",
            "Subject": "Still there, {{User.UserAttributes.FirstName}}?",
            "HtmlPart": (
                '<p>We saved your place: <a href="https://example.com/start">continue</a>.</p>'
            ),
            "DefaultSubstitutions": json.dumps({"User.UserAttributes.FirstName": "friend"}),
        }
        self.reminder_email = EmailMessageTemplate.from_pinpoint(
            self,
            "ReminderEmail",
            knowledge_base=self.knowledge_base,
            template=reminder,
            profile_mapping=profile_mapping,
        )
        offer = {
            "TemplateName": "offer-sms",
            "TemplateType": "SMS",
            "Body": "{{User.UserAttributes.FirstName}}, 20% off this week. Reply STOP to opt out.",
            "DefaultSubstitutions": json.dumps({"User.UserAttributes.FirstName": "Hi"}),
        }
        self.offer_sms = SmsMessageTemplate.from_pinpoint(
            self,
            "OfferSms",
            knowledge_base=self.knowledge_base,
            template=offer,
            profile_mapping=dataclasses.replace(profile_mapping, channel="SMS"),
        )

    # ------------------------------------------------------------------------------------
    # Amazon Connect instance pieces: instance, onboarding, phone number, email address
    # ------------------------------------------------------------------------------------

    def _build_connect_instance(self) -> None:
        """The Connect instance (created, or imported with ``-c connectInstanceArn=...``), its
        onboarding to outbound campaigns with a customer managed key and the profiles domain
        (when the Customer Profiles part built one), a phone number and an email address.

        The phone number is an End User Messaging SMS number imported into Connect (what an
        SMS campaign sends from): the one ``-c connectSmsPhoneNumberArn=arn:aws:sms-voice:...``
        names, else the foundation's; without either, a toll-free number claimed in
        ``connectPhoneCountry`` (default ``US``). The email address is ``connectEmailAddress``,
        by default ``news@`` the instance's Connect-provided domain
        (``<alias>.email.connect.aws``)."""
        domain = self.profiles_domain
        instance_arn = self.setting("connectInstanceArn")
        if instance_arn:
            self.connect_instance = ConnectInstance.from_instance_arn(
                self, "ConnectInstance", instance_arn
            )
            default_address = "news@example.com"
        else:
            created = ConnectInstance(
                self,
                "ConnectInstance",
                instance_alias=self.setting("connectInstanceAlias") or None,
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
        sms_number_arn = self.setting("connectSmsPhoneNumberArn")
        if not sms_number_arn and self.foundation is not None:
            # The foundation's End User Messaging number (SMS and voice), imported into
            # Connect: the number an SMS campaign sends from.
            self.connect_phone_number = ConnectPhoneNumber(
                self,
                "ConnectPhoneNumber",
                instance=self.connect_instance,
                source_phone_number=self.foundation.end_user_messaging.phone_number,
            )
        elif sms_number_arn:
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
                country_code=self.setting("connectPhoneCountry"),
                number_type=ConnectPhoneNumberType.TOLL_FREE,
                description="Sends the outbound SMS campaigns",
            )
        self.connect_email_address = ConnectEmailAddress(
            self,
            "ConnectEmailAddress",
            instance=self.connect_instance,
            email_address=self.setting("connectEmailAddress") or default_address,
            display_name="Example News",
        )

    # ------------------------------------------------------------------------------------
    # Outbound campaigns: a segment email campaign and an event-triggered SMS campaign
    # ------------------------------------------------------------------------------------

    def _build_campaigns(self) -> None:
        """The overview's two campaigns on Amazon Connect: a daily email to the Berlin segment
        with quiet hours (open 08:00-21:00 Berlin time, nothing over Christmas, at most one
        message a day), and an SMS when a cart is abandoned (the Pinpoint program's cart
        reminder; at most once a day per profile), from the segment, the event trigger and the
        templates built above."""
        segment = self.berlin_segment
        trigger = self.cart_abandoned_trigger
        welcome_email = self.welcome_email
        offer_sms = self.offer_sms
        start = datetime(2027, 1, 4, 7, 0, tzinfo=UTC)
        end = datetime(2027, 12, 31, 23, 0, tzinfo=UTC)
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
        self.cart_reminder_campaign = OutboundCampaign(
            self,
            "CartReminderSms",
            instance=self.connect_instance,
            onboarding=self.onboarding,
            campaign_name="cart-reminder-sms",
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
        """The overview's onboarding journey on Amazon Connect (the successor of the Pinpoint
        program's onboarding journey, ``stacks/engagement.py``): the welcome email, two days'
        wait, then, for profiles who opened it, the offer SMS, and for the others the reminder
        email; for the Berlin segment, within the same open hours as the campaigns, at most
        one entry per profile."""
        address = self.connect_email_address
        start = (
            SendEmailStep("Welcome", template=self.welcome_email, from_address=address)
            .next(WaitStep("WaitTwoDays", duration=Duration.days(2)))
            .next(
                CheckCommunicationStatusStep("OpenedWelcome")
                .when(
                    CommunicationStatus.OPEN,
                    SendSmsStep(
                        "Offer", template=self.offer_sms, phone_number=self.connect_phone_number
                    ),
                )
                .otherwise(
                    SendEmailStep("Reminder", template=self.reminder_email, from_address=address)
                )
            )
        )
        self.onboarding_journey = ConnectJourney(
            self,
            "OnboardingJourney",
            instance=self.connect_instance,
            onboarding=self.onboarding,
            journey_name="onboarding-journey",
            description="Welcome email, two days, then the offer SMS or a reminder email",
            start=start,
            source=CampaignSource.segment(self.berlin_segment),
            schedule=CampaignSchedule(
                start=datetime(2027, 1, 4, 7, 0, tzinfo=UTC),
                end=datetime(2027, 12, 31, 23, 0, tzinfo=UTC),
                refresh_frequency=Duration.days(1),
            ),
            communication_time=CommunicationTime(
                default_time_zone="Europe/Berlin",
                email=TimeWindow(open_hours=OpenHours.every_day(time(8), time(21))),
                sms=TimeWindow(open_hours=OpenHours.every_day(time(9), time(20))),
            ),
            entry_limits=EntryLimits(max_entry_count=1),
        )
