"""Configuration sets (``AWS::SMSVOICE::ConfigurationSet``) and their event destinations."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Protocol

from aws_cdk import Annotations, IResource, Names, Resource
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kinesisfirehose as firehose
from aws_cdk import aws_logs as logs
from aws_cdk import aws_smsvoice as smsvoice
from aws_cdk import aws_sns as sns
from constructs import Construct

from .._lambda import acknowledge_wildcard_resource
from .._props import checked_props
from .._validation import require_bool, require_instance
from ._rules import NAME_MAX_LENGTH, check_default_sender_id, check_name, enum_list
from ._service import (
    SEND_MEDIA_MESSAGE,
    SEND_TEXT_MESSAGE,
    SEND_VOICE_MESSAGE,
    grant_on,
    resource_name_of,
    service_principal,
    service_role,
    sms_voice_arn,
)

if TYPE_CHECKING:
    from ..pinpoint.event_stream import EventStream
    from .protect_configuration import IProtectConfiguration

#: The warning an SNS event destination gives when it cannot add the statement that lets the
#: service publish (an imported topic, or an imported key of the topic).
SNS_DESTINATION_POLICY_WARNING = "pinpoint-constructs:smsVoiceTopicPolicy"

#: A configuration set has at most 5 event destinations (schema ``EventDestinations``:
#: ``maxItems`` 5).
MAX_EVENT_DESTINATIONS = 5


class SmsVoiceEventType(enum.Enum):
    """Event types an event destination matches (API shape ``EventType``).

    ``TEXT_SENT`` is in the API's list but not supported for event destinations (API,
    ``EventDestination.MatchingEventTypes``) and is refused.
    """

    ALL = "ALL"
    TEXT_ALL = "TEXT_ALL"
    TEXT_SENT = "TEXT_SENT"
    TEXT_PENDING = "TEXT_PENDING"
    TEXT_QUEUED = "TEXT_QUEUED"
    TEXT_SUCCESSFUL = "TEXT_SUCCESSFUL"
    TEXT_DELIVERED = "TEXT_DELIVERED"
    TEXT_INVALID = "TEXT_INVALID"
    TEXT_INVALID_MESSAGE = "TEXT_INVALID_MESSAGE"
    TEXT_UNREACHABLE = "TEXT_UNREACHABLE"
    TEXT_CARRIER_UNREACHABLE = "TEXT_CARRIER_UNREACHABLE"
    TEXT_BLOCKED = "TEXT_BLOCKED"
    TEXT_CARRIER_BLOCKED = "TEXT_CARRIER_BLOCKED"
    TEXT_SPAM = "TEXT_SPAM"
    TEXT_UNKNOWN = "TEXT_UNKNOWN"
    TEXT_TTL_EXPIRED = "TEXT_TTL_EXPIRED"
    TEXT_PROTECT_BLOCKED = "TEXT_PROTECT_BLOCKED"
    VOICE_ALL = "VOICE_ALL"
    VOICE_INITIATED = "VOICE_INITIATED"
    VOICE_RINGING = "VOICE_RINGING"
    VOICE_ANSWERED = "VOICE_ANSWERED"
    VOICE_COMPLETED = "VOICE_COMPLETED"
    VOICE_BUSY = "VOICE_BUSY"
    VOICE_NO_ANSWER = "VOICE_NO_ANSWER"
    VOICE_FAILED = "VOICE_FAILED"
    VOICE_TTL_EXPIRED = "VOICE_TTL_EXPIRED"
    MEDIA_ALL = "MEDIA_ALL"
    MEDIA_PENDING = "MEDIA_PENDING"
    MEDIA_QUEUED = "MEDIA_QUEUED"
    MEDIA_SUCCESSFUL = "MEDIA_SUCCESSFUL"
    MEDIA_DELIVERED = "MEDIA_DELIVERED"
    MEDIA_INVALID = "MEDIA_INVALID"
    MEDIA_INVALID_MESSAGE = "MEDIA_INVALID_MESSAGE"
    MEDIA_UNREACHABLE = "MEDIA_UNREACHABLE"
    MEDIA_CARRIER_UNREACHABLE = "MEDIA_CARRIER_UNREACHABLE"
    MEDIA_BLOCKED = "MEDIA_BLOCKED"
    MEDIA_CARRIER_BLOCKED = "MEDIA_CARRIER_BLOCKED"
    MEDIA_SPAM = "MEDIA_SPAM"
    MEDIA_UNKNOWN = "MEDIA_UNKNOWN"
    MEDIA_TTL_EXPIRED = "MEDIA_TTL_EXPIRED"
    MEDIA_FILE_INACCESSIBLE = "MEDIA_FILE_INACCESSIBLE"
    MEDIA_FILE_TYPE_UNSUPPORTED = "MEDIA_FILE_TYPE_UNSUPPORTED"
    MEDIA_FILE_SIZE_EXCEEDED = "MEDIA_FILE_SIZE_EXCEEDED"
    RCS_ALL = "RCS_ALL"
    RCS_QUEUED = "RCS_QUEUED"
    RCS_SENT = "RCS_SENT"
    RCS_DELIVERED = "RCS_DELIVERED"
    RCS_READ = "RCS_READ"
    RCS_FAILED = "RCS_FAILED"
    RCS_TTL_EXPIRED = "RCS_TTL_EXPIRED"
    RCS_PROTECT_BLOCKED = "RCS_PROTECT_BLOCKED"
    RCS_FALLEN_BACK_TO_SMS = "RCS_FALLEN_BACK_TO_SMS"


class _Kind(enum.Enum):
    FIREHOSE = "firehose"
    SNS = "sns"
    LOGS = "logs"


@checked_props
class EventDestination:
    """Where a configuration set's events go. Use the factories."""

    def __init__(
        self,
        kind: _Kind,
        *,
        delivery_stream: firehose.IDeliveryStream | None = None,
        topic: sns.ITopic | None = None,
        log_group: logs.ILogGroup | None = None,
        role: iam.IRole | None = None,
    ) -> None:
        self._kind = kind
        self._delivery_stream = delivery_stream
        self._topic = topic
        self._log_group = log_group
        self._role = role

    @staticmethod
    def firehose(
        delivery_stream: firehose.IDeliveryStream, *, role: iam.IRole | None = None
    ) -> EventDestination:
        """An Amazon Data Firehose delivery stream.

        :param role: The role the service assumes to write. Default: a new role that only
            AWS End User Messaging SMS, acting for this configuration set, can assume, allowed
            ``firehose:PutRecord`` on this stream ("IAM policy for Amazon Data Firehose").
        """
        return EventDestination(_Kind.FIREHOSE, delivery_stream=delivery_stream, role=role)

    @staticmethod
    def event_stream(stream: EventStream) -> EventDestination:
        """The Firehose delivery stream of a Pinpoint project's :class:`EventStream`, so SMS and
        voice events land where the project's events already do.

        A configuration set cannot write to a Kinesis data stream, so an event stream with a
        Kinesis destination is refused: give the set an SNS topic, a log group or a delivery
        stream of its own instead. The records differ from Pinpoint's
        (``eventType``, ``messageStatus``... see "Event destinations" in the AWS End User
        Messaging SMS User Guide); the :class:`EngagementEventProcessor` reads Pinpoint events
        only and is not needed for opt-outs, which the opt-out list records by itself.
        """
        if stream.delivery_stream is None:
            raise ValueError(
                "stream must be an EventStream with a Firehose destination "
                "(EventStreamDestination.firehose): a configuration set cannot write to a "
                f"Kinesis data stream, got {stream.node.path} streaming to Kinesis"
            )
        return EventDestination.firehose(stream.delivery_stream)

    @staticmethod
    def sns_topic(topic: sns.ITopic) -> EventDestination:
        """An SNS topic. The topic's access policy gets a statement letting the service
        publish for this configuration set only, and a customer managed key of the topic
        gets the key-policy statement ("Amazon SNS access policy" in the user guide). An
        imported topic's policy (or key policy) is yours to update: the configuration set
        warns (``SNS_DESTINATION_POLICY_WARNING``) that it could not add the statement."""
        return EventDestination(_Kind.SNS, topic=topic)

    @staticmethod
    def cloudwatch_logs(
        log_group: logs.ILogGroup, *, role: iam.IRole | None = None
    ) -> EventDestination:
        """A CloudWatch Logs log group.

        :param role: Default: a new role that only the service, acting for this configuration
            set, can assume, allowed ``logs:CreateLogStream``, ``logs:DescribeLogStreams`` and
            ``logs:PutLogEvents`` on this log group's streams ("IAM policy for Amazon
            CloudWatch").
        """
        return EventDestination(_Kind.LOGS, log_group=log_group, role=role)

    def _render(self, config_set: ConfigurationSet, name: str) -> dict[str, Any]:
        """The L1 destination property, creating the role or policy it needs."""
        source_arn = config_set.configuration_set_arn
        if self._kind is _Kind.SNS:
            assert self._topic is not None
            statement = iam.PolicyStatement(
                principals=[service_principal(config_set, source_arn)],
                actions=["sns:Publish"],
                resources=[self._topic.topic_arn],
            )
            added = self._topic.add_to_resource_policy(statement).statement_added
            key = self._topic.master_key
            if key is not None:
                added = (
                    added
                    and key.add_to_resource_policy(
                        iam.PolicyStatement(
                            principals=[service_principal(config_set, source_arn)],
                            actions=["kms:GenerateDataKey", "kms:Decrypt"],
                            resources=["*"],
                        )
                    ).statement_added
                )
            if not added:
                Annotations.of(config_set).add_warning_v2(
                    SNS_DESTINATION_POLICY_WARNING,
                    f"event destination {name!r}: the topic {self._topic.node.path} (or its "
                    "KMS key) is imported, so its policy was not changed; allow "
                    "sms-voice.amazonaws.com to sns:Publish (and kms:GenerateDataKey, "
                    "kms:Decrypt) with aws:SourceAccount and aws:SourceArn = "
                    "this configuration set, or events will not arrive",
                )
            return {
                "sns_destination": smsvoice.CfnConfigurationSet.SnsDestinationProperty(
                    topic_arn=self._topic.topic_arn
                )
            }
        role = self._role or service_role(
            config_set,
            f"{name}Role",
            description=f"Lets AWS End User Messaging SMS write the events of {name}",
            source_arn=source_arn,
        )
        if self._kind is _Kind.FIREHOSE:
            assert self._delivery_stream is not None
            if self._role is None:
                role.add_to_principal_policy(
                    iam.PolicyStatement(
                        actions=["firehose:PutRecord"],
                        resources=[self._delivery_stream.delivery_stream_arn],
                    )
                )
            return {
                "kinesis_firehose_destination": (
                    smsvoice.CfnConfigurationSet.KinesisFirehoseDestinationProperty(
                        delivery_stream_arn=self._delivery_stream.delivery_stream_arn,
                        iam_role_arn=role.role_arn,
                    )
                )
            }
        assert self._log_group is not None
        if self._role is None:
            streams = self._log_group.log_group_arn  # ends in ":*", the group's streams
            role.add_to_principal_policy(
                iam.PolicyStatement(
                    actions=[
                        "logs:CreateLogStream",
                        "logs:DescribeLogStreams",
                        "logs:PutLogEvents",
                    ],
                    resources=[streams],
                )
            )
            acknowledge_wildcard_resource(
                role,
                streams,
                "the service creates and writes log streams of its own naming; the grant "
                "covers the streams of this one log group (<log group ARN>:*) and nothing else",
            )
        return {
            "cloud_watch_logs_destination": (
                smsvoice.CfnConfigurationSet.CloudWatchLogsDestinationProperty(
                    log_group_arn=self._log_group.log_group_arn, iam_role_arn=role.role_arn
                )
            )
        }


class IConfigurationSet(IResource, Protocol):
    """A configuration set, defined in this app or imported."""

    @property
    def configuration_set_name(self) -> str:
        """The set's name (``ConfigurationSetName`` of the send calls)."""
        ...

    @property
    def configuration_set_arn(self) -> str:
        """``arn:<partition>:sms-voice:<region>:<account>:configuration-set/<name>``."""
        ...

    def grant(self, grantee: iam.IGrantable, *actions: str) -> iam.Grant:
        """Grant ``actions`` on this configuration set."""
        ...


@checked_props
class ConfigurationSetBase(Resource):
    """Grants of configuration sets, defined here or imported. To send, a caller needs the
    action on the origination identity too: ``identity.grant_send_text_message(grantee,
    configuration_set=config_set)`` grants both in one statement."""

    @property
    def configuration_set_name(self) -> str:
        raise NotImplementedError

    @property
    def configuration_set_arn(self) -> str:
        raise NotImplementedError

    def grant(self, grantee: iam.IGrantable, *actions: str) -> iam.Grant:
        """Grant ``actions`` (``sms-voice:*`` names) on this configuration set's ARN."""
        return grant_on(grantee, actions, [self.configuration_set_arn])

    def grant_send_text_message(self, grantee: iam.IGrantable) -> iam.Grant:
        """Grant ``sms-voice:SendTextMessage`` through this configuration set."""
        return self.grant(grantee, SEND_TEXT_MESSAGE)

    def grant_send_voice_message(self, grantee: iam.IGrantable) -> iam.Grant:
        """Grant ``sms-voice:SendVoiceMessage`` through this configuration set."""
        return self.grant(grantee, SEND_VOICE_MESSAGE)

    def grant_send_media_message(self, grantee: iam.IGrantable) -> iam.Grant:
        """Grant ``sms-voice:SendMediaMessage`` through this configuration set."""
        return self.grant(grantee, SEND_MEDIA_MESSAGE)


class _ImportedConfigurationSet(ConfigurationSetBase):
    def __init__(self, scope: Construct, id: str, *, name: str, arn: str) -> None:
        super().__init__(scope, id, environment_from_arn=arn)
        self._name = name
        self._arn = arn

    @property
    def configuration_set_name(self) -> str:
        return self._name

    @property
    def configuration_set_arn(self) -> str:
        return self._arn


@checked_props
class ConfigurationSet(ConfigurationSetBase):
    """A configuration set (``AWS::SMSVOICE::ConfigurationSet``, construct id ``Resource``):
    the defaults and event destinations a send call picks up when it names the set.

    Example::

        config_set = ConfigurationSet(self, "ConfigSet", default_sender_id="EXAMPLE")
        config_set.add_event_destination(
            "Deliveries",
            destination=EventDestination.cloudwatch_logs(log_group),
            event_types=[SmsVoiceEventType.TEXT_ALL],
        )

    Each role it creates for an event destination trusts ``sms-voice.amazonaws.com`` only with
    ``aws:SourceAccount`` (this account) and ``aws:SourceArn`` (this set's ARN), as the user
    guide's trust policies show. CloudFormation has no default message type for a set (the
    ``SetDefaultMessageType`` API): give ``MessageType`` in the send call.
    """

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        configuration_set_name: str | None = None,
        default_sender_id: str | None = None,
        protect_configuration: IProtectConfiguration | None = None,
        message_feedback: bool = False,
    ) -> None:
        """
        :param configuration_set_name: 1 to 64 letters, digits, underscores or hyphens
            (schema and API ``ConfigurationSetName``). Changing it replaces the set.
            Default: a name derived from the construct path (the trust policies of event
            destination roles need the name before the set exists).
        :param default_sender_id: The sender ID of messages that name none, 1 to 11 letters,
            digits, underscores or hyphens (schema ``DefaultSenderId``; API ``SenderId``).
            Default: none.
        :param protect_configuration: The protect configuration that filters this set's
            messages. Default: none (the account default, if one is set).
        :param message_feedback: Expect ``PutMessageFeedback`` calls for messages sent through
            this set (conversion tracking of one-time passwords). Default: ``False``.
        """
        super().__init__(scope, id)
        check_name("configuration_set_name", configuration_set_name)
        check_default_sender_id("default_sender_id", default_sender_id)
        require_bool("message_feedback", message_feedback)
        name = configuration_set_name or Names.unique_resource_name(
            self, max_length=NAME_MAX_LENGTH, separator="-"
        )
        self._destinations: list[Any] = []
        self._destination_names: list[str] = []
        self._resource = smsvoice.CfnConfigurationSet(
            self,
            "Resource",
            configuration_set_name=name,
            default_sender_id=default_sender_id,
            protect_configuration_id=(
                protect_configuration.protect_configuration_id if protect_configuration else None
            ),
            message_feedback_enabled=message_feedback or None,
        )
        self._name = name
        self._arn = sms_voice_arn(self, "configuration-set", name)

    @property
    def configuration_set_name(self) -> str:
        return self._name

    @property
    def configuration_set_arn(self) -> str:
        # Built from the name rather than the Arn attribute, so the trust policies of event
        # destination roles can name it without a dependency cycle.
        return self._arn

    def add_event_destination(
        self,
        name: str,
        *,
        destination: EventDestination,
        event_types: Sequence[SmsVoiceEventType] = (SmsVoiceEventType.ALL,),
        enabled: bool = True,
    ) -> None:
        """Send this set's events of ``event_types`` to ``destination``.

        :param name: The destination's name, 1 to 64 letters, digits, underscores or hyphens
            (schema ``EventDestinationName``), unique in the set. Also the id of the role
            created for it (``<name>Role``).
        :param event_types: At least one, no repeats, not ``TEXT_SENT`` (API
            ``EventTypeList`` and ``EventDestination.MatchingEventTypes``). Default: ``ALL``.
        :param enabled: Default: ``True``.
        """
        check_name("name", name)
        require_instance("destination", destination, EventDestination)
        require_bool("enabled", enabled)
        if name in self._destination_names:
            raise ValueError(f"name must be unique in the configuration set, got {name!r} twice")
        if len(self._destinations) >= MAX_EVENT_DESTINATIONS:
            raise ValueError(
                f"a configuration set has at most {MAX_EVENT_DESTINATIONS} event destinations; "
                f"{name!r} would be number {len(self._destinations) + 1}"
            )
        types = enum_list("event_types", event_types, SmsVoiceEventType)
        if SmsVoiceEventType.TEXT_SENT in types:
            raise ValueError(
                "event_types must not contain TEXT_SENT, which event destinations do not "
                "support (use TEXT_ALL or TEXT_SUCCESSFUL), got SmsVoiceEventType.TEXT_SENT"
            )
        self._destinations.append(
            smsvoice.CfnConfigurationSet.EventDestinationProperty(
                event_destination_name=name,
                enabled=enabled,
                matching_event_types=[t.value for t in types],
                **destination._render(self, name),
            )
        )
        self._destination_names.append(name)
        self._resource.event_destinations = list(self._destinations)
        # The service checks a destination's role when the set is updated: create the set
        # after the role's policy.
        role = self.node.try_find_child(f"{name}Role")
        if role is not None and role.node.try_find_child("DefaultPolicy") is not None:
            self._resource.node.add_dependency(role.node.find_child("DefaultPolicy"))

    @staticmethod
    def from_configuration_set_name(
        scope: Construct, id: str, configuration_set_name: str
    ) -> IConfigurationSet:
        """Import a configuration set of this stack's account and region by its name."""
        check_name("configuration_set_name", configuration_set_name)
        arn = sms_voice_arn(scope, "configuration-set", configuration_set_name)
        return _ImportedConfigurationSet(scope, id, name=configuration_set_name, arn=arn)

    @staticmethod
    def from_configuration_set_arn(
        scope: Construct, id: str, configuration_set_arn: str
    ) -> IConfigurationSet:
        """Import a configuration set by its ARN (``...:configuration-set/<name>``)."""
        name = resource_name_of("configuration_set_arn", configuration_set_arn, "configuration-set")
        return _ImportedConfigurationSet(scope, id, name=name, arn=configuration_set_arn)
