"""The AWS End User Messaging SMS and voice part of the foundation stack: what keeps sending
SMS after Pinpoint's end of support. None of it is a Pinpoint resource, so none of it needs
the end-of-support (W3696) acknowledgement."""

from __future__ import annotations

from aws_cdk import aws_logs as logs
from constructs import Construct

from pinpoint_constructs import (
    ConfigurationSet,
    EventDestination,
    Keyword,
    KeywordAction,
    NumberCapability,
    NumberType,
    OptOutList,
    PhoneNumber,
    ProtectConfiguration,
    ProtectStatus,
    SmsVoiceEventType,
)


class EndUserMessaging(Construct):
    """A simulator number with its opt-out list, and a configuration set that checks
    destinations against a protect configuration and logs every text and voice event."""

    def __init__(self, scope: Construct, id: str, *, sender_id: str) -> None:
        """
        :param sender_id: The configuration set's default sender ID.
        """
        super().__init__(scope, id)
        self.opt_out_list = OptOutList(self, "OptOuts")
        # A simulator number sends to the simulator's destination numbers only: safe to deploy
        # in any account, no registration, no carrier traffic.
        self.phone_number = PhoneNumber(
            self,
            "SimulatorNumber",
            iso_country_code="US",
            number_type=NumberType.SIMULATOR,
            capabilities=[NumberCapability.SMS, NumberCapability.VOICE],
            help_message="pinpoint-constructs demo: reply STOP to opt out.",
            stop_message="pinpoint-constructs demo: you will receive no more messages.",
            keywords=[Keyword("JOIN", "You are subscribed again.", action=KeywordAction.OPT_IN)],
            opt_out_list=self.opt_out_list,
        )
        self.protect_configuration = ProtectConfiguration(
            self,
            "Protect",
            sms_country_rules={"US": ProtectStatus.ALLOW, "CA": ProtectStatus.ALLOW},
            voice_country_rules={"US": ProtectStatus.ALLOW},
        )
        self.configuration_set = ConfigurationSet(
            self,
            "ConfigurationSet",
            default_sender_id=sender_id,
            protect_configuration=self.protect_configuration,
        )
        self.event_log = logs.LogGroup(self, "Events", retention=logs.RetentionDays.ONE_MONTH)
        self.configuration_set.add_event_destination(
            "EventLog",
            destination=EventDestination.cloudwatch_logs(self.event_log),
            event_types=[SmsVoiceEventType.TEXT_ALL, SmsVoiceEventType.VOICE_ALL],
        )
