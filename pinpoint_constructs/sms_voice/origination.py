"""Origination identities: phone numbers (``AWS::SMSVOICE::PhoneNumber``), sender IDs
(``AWS::SMSVOICE::SenderId``) and pools of them (``AWS::SMSVOICE::Pool``), with their
keywords, opt-out list, two-way channel and send grants."""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Protocol

from aws_cdk import IResource, Resource
from aws_cdk import aws_iam as iam
from aws_cdk import aws_smsvoice as smsvoice
from aws_cdk import aws_sns as sns
from constructs import Construct

from .._props import checked_props
from .._validation import require_bool, require_enum, require_instance
from ._rules import (
    check_arn,
    check_country,
    check_keyword,
    check_keyword_message,
    check_sender_id,
    check_unique,
    enum_list,
)
from ._service import (
    SEND_MEDIA_MESSAGE,
    SEND_TEXT_MESSAGE,
    SEND_VOICE_MESSAGE,
    grant_on,
    resource_name_of,
    service_role,
    sms_voice_arn,
)

if TYPE_CHECKING:
    from .configuration_set import IConfigurationSet
    from .opt_out_list import IOptOutList


class NumberType(enum.Enum):
    """The kinds of number CloudFormation can request (schema ``PhoneNumber.NumberType``).

    Short codes are not among them: they are requested through a support case.
    """

    LONG_CODE = "LONG_CODE"
    TOLL_FREE = "TOLL_FREE"
    TEN_DLC = "TEN_DLC"
    #: A simulator number: messages go to the simulator's destination numbers only, through
    #: no carrier, and need no registration.
    SIMULATOR = "SIMULATOR"


class NumberCapability(enum.Enum):
    """What a number is used for (schema ``PhoneNumber.NumberCapabilities``)."""

    SMS = "SMS"
    VOICE = "VOICE"
    MMS = "MMS"


class KeywordAction(enum.Enum):
    """What a keyword does besides replying (schema ``OptionalKeyword.Action``)."""

    AUTOMATIC_RESPONSE = "AUTOMATIC_RESPONSE"
    OPT_OUT = "OPT_OUT"
    OPT_IN = "OPT_IN"


@checked_props
class Keyword:
    """An optional keyword: a word recipients send, the reply, and what else happens."""

    def __init__(
        self,
        keyword: str,
        message: str,
        *,
        action: KeywordAction = KeywordAction.AUTOMATIC_RESPONSE,
    ) -> None:
        """
        :param keyword: 1 to 30 characters (spaces allowed), not HELP or STOP in any case
            (schema ``OptionalKeyword.Keyword``; API ``Keyword``).
        :param message: The reply, 1 to 1,600 characters, not only whitespace (schema
            ``OptionalKeyword.Message``; API ``KeywordMessage``).
        :param action: Default: ``AUTOMATIC_RESPONSE`` (reply only). ``OPT_OUT`` also adds the
            sender to the opt-out list, ``OPT_IN`` removes them from it.
        """
        check_keyword("keyword", keyword)
        check_keyword_message("message", message)
        self.keyword = keyword
        self.message = message
        self.action = require_enum("action", action, KeywordAction)


@checked_props
class TwoWayChannel:
    """Where inbound messages (replies) go: an SNS topic or Amazon Connect. Use the factories."""

    def __init__(
        self,
        channel_arn: str,
        role: iam.IRole | None,
        topic: sns.ITopic | None,
    ) -> None:
        check_arn("channel_arn", channel_arn)
        self._channel_arn = channel_arn
        self._role = role
        self._topic = topic

    @staticmethod
    def sns_topic(topic: sns.ITopic, *, role: iam.IRole | None = None) -> TwoWayChannel:
        """Publish inbound messages to ``topic``.

        :param role: The role the service assumes to publish. Default: a new role that only
            AWS End User Messaging SMS, acting for this account, can assume, allowed
            ``sns:Publish`` on this topic (and ``kms:GenerateDataKey`` and ``kms:Decrypt`` on
            its KMS key), as "IAM policies for Amazon SNS topics" in the user guide describes.
        """
        return TwoWayChannel(topic.topic_arn, role, topic)

    @staticmethod
    def connect(instance_arn: str, *, role: iam.IRole) -> TwoWayChannel:
        """Send inbound messages to the Amazon Connect instance ``instance_arn``.

        :param role: The role the service assumes to post to Connect; it must trust
            ``sms-voice.amazonaws.com`` and hold the Connect permissions the user guide's
            two-way messaging section lists.
        """
        return TwoWayChannel(instance_arn, role, None)

    def _render(self, scope: Construct, struct: Callable[..., Any]) -> Any:
        role = self._role
        if role is None and self._topic is not None:
            role = service_role(
                scope,
                "TwoWayRole",
                description="Lets AWS End User Messaging SMS publish inbound messages to SNS",
            )
            role.add_to_principal_policy(
                iam.PolicyStatement(actions=["sns:Publish"], resources=[self._topic.topic_arn])
            )
            key = self._topic.master_key
            if key is not None:
                # The two actions the user guide's SMSVoiceAllowEncryptedSNSTopics statement
                # names (grant_publish would add kms:GenerateDataKey*, a wildcard).
                role.add_to_principal_policy(
                    iam.PolicyStatement(
                        actions=["kms:GenerateDataKey", "kms:Decrypt"], resources=[key.key_arn]
                    )
                )
        return struct(
            enabled=True,
            channel_arn=self._channel_arn,
            channel_role=role.role_arn if role is not None else None,
        )


# ---- the interface and its grants --------------------------------------------------------


class IOriginationIdentity(IResource, Protocol):
    """Something messages are sent from: a phone number, a sender ID or a pool."""

    @property
    def origination_identity(self) -> str:
        """What ``SendTextMessage`` takes as ``OriginationIdentity``: the identity's ARN."""
        ...

    @property
    def origination_identity_arn(self) -> str:
        """The identity's ARN."""
        ...

    def grant(
        self,
        grantee: iam.IGrantable,
        *actions: str,
        configuration_set: IConfigurationSet | None = None,
    ) -> iam.Grant:
        """Grant ``actions`` on this identity (and ``configuration_set``)."""
        ...

    def grant_send_text_message(
        self, grantee: iam.IGrantable, *, configuration_set: IConfigurationSet | None = None
    ) -> iam.Grant:
        """Grant ``sms-voice:SendTextMessage`` from this identity."""
        ...

    def grant_send_voice_message(
        self, grantee: iam.IGrantable, *, configuration_set: IConfigurationSet | None = None
    ) -> iam.Grant:
        """Grant ``sms-voice:SendVoiceMessage`` from this identity."""
        ...

    def grant_send_media_message(
        self, grantee: iam.IGrantable, *, configuration_set: IConfigurationSet | None = None
    ) -> iam.Grant:
        """Grant ``sms-voice:SendMediaMessage`` from this identity."""
        ...


@checked_props
class OriginationIdentityBase(Resource):
    """Grants shared by phone numbers, sender IDs and pools, defined here or imported.

    Each grant names the identity's ARN and, when ``configuration_set`` is given, that
    configuration set's ARN: the resources ``SendTextMessage`` is authorized on when the call
    names both (Service Authorization Reference, AWS End User Messaging SMS and Voice V2).
    """

    @property
    def origination_identity_arn(self) -> str:
        raise NotImplementedError

    @property
    def origination_identity(self) -> str:
        return self.origination_identity_arn

    def grant(
        self,
        grantee: iam.IGrantable,
        *actions: str,
        configuration_set: IConfigurationSet | None = None,
    ) -> iam.Grant:
        """Grant ``actions`` (``sms-voice:*`` names) on this identity's ARN and, when given,
        ``configuration_set``'s ARN."""
        arns = [self.origination_identity_arn]
        if configuration_set is not None:
            arns.append(configuration_set.configuration_set_arn)
        return grant_on(grantee, actions, arns)

    def grant_send_text_message(
        self, grantee: iam.IGrantable, *, configuration_set: IConfigurationSet | None = None
    ) -> iam.Grant:
        """Grant ``sms-voice:SendTextMessage`` from this identity (through
        ``configuration_set`` when given)."""
        return self.grant(grantee, SEND_TEXT_MESSAGE, configuration_set=configuration_set)

    def grant_send_voice_message(
        self, grantee: iam.IGrantable, *, configuration_set: IConfigurationSet | None = None
    ) -> iam.Grant:
        """Grant ``sms-voice:SendVoiceMessage`` from this identity."""
        return self.grant(grantee, SEND_VOICE_MESSAGE, configuration_set=configuration_set)

    def grant_send_media_message(
        self, grantee: iam.IGrantable, *, configuration_set: IConfigurationSet | None = None
    ) -> iam.Grant:
        """Grant ``sms-voice:SendMediaMessage`` from this identity."""
        return self.grant(grantee, SEND_MEDIA_MESSAGE, configuration_set=configuration_set)


class _ImportedIdentity(OriginationIdentityBase):
    def __init__(
        self, scope: Construct, id: str, *, arn: str, is_pool: bool = False, **attributes: str
    ) -> None:
        super().__init__(scope, id, environment_from_arn=arn)
        self._arn = arn
        self.is_pool = is_pool
        for name, value in attributes.items():
            setattr(self, name, value)

    @property
    def origination_identity_arn(self) -> str:
        return self._arn


# ---- keywords, opt-outs and two-way, shared by numbers and pools -------------------------


def _messaging_props(
    scope: Construct,
    l1: type,
    *,
    help_message: str,
    stop_message: str,
    keywords: Sequence[Keyword],
    opt_out_list: IOptOutList | None,
    self_managed_opt_outs: bool,
    two_way: TwoWayChannel | None,
    deletion_protection: bool,
) -> dict[str, Any]:
    """The L1 properties phone numbers and pools have in common (the two schemas define the
    same ``MandatoryKeywords``, ``OptionalKeywords``, ``OptOutListName``,
    ``SelfManagedOptOutsEnabled``, ``TwoWay`` and ``DeletionProtectionEnabled``)."""
    check_keyword_message("help_message", help_message)
    check_keyword_message("stop_message", stop_message)
    keywords = list(keywords)
    for keyword in keywords:
        require_instance("keywords", keyword, Keyword)
    check_unique("keywords", [k.keyword for k in keywords], key=str.upper)
    require_bool("self_managed_opt_outs", self_managed_opt_outs)
    require_bool("deletion_protection", deletion_protection)
    require_instance("two_way", two_way, TwoWayChannel)
    return {
        "mandatory_keywords": l1.MandatoryKeywordsProperty(  # type: ignore[attr-defined]
            help=l1.MandatoryKeywordProperty(message=help_message),  # type: ignore[attr-defined]
            stop=l1.MandatoryKeywordProperty(message=stop_message),  # type: ignore[attr-defined]
        ),
        "optional_keywords": [
            l1.OptionalKeywordProperty(  # type: ignore[attr-defined]
                keyword=k.keyword, message=k.message, action=k.action.value
            )
            for k in keywords
        ]
        or None,
        "opt_out_list_name": opt_out_list.opt_out_list_name if opt_out_list else None,
        "self_managed_opt_outs_enabled": self_managed_opt_outs or None,
        "two_way": two_way._render(scope, l1.TwoWayProperty) if two_way else None,  # type: ignore[attr-defined]
        "deletion_protection_enabled": deletion_protection or None,
    }


# ---- phone numbers -----------------------------------------------------------------------


@checked_props
class PhoneNumber(OriginationIdentityBase):
    """A phone number (``AWS::SMSVOICE::PhoneNumber``, construct id ``Resource``).

    Example::

        number = PhoneNumber(self, "Number",
            iso_country_code="US",
            number_type=NumberType.SIMULATOR,
            capabilities=[NumberCapability.SMS],
            help_message="Example Corp: reply STOP to opt out.",
            stop_message="Example Corp: you will receive no more messages.",
        )
        number.grant_send_text_message(sender_function)

    CloudFormation has no message type for a number (the ``RequestPhoneNumber`` API's
    ``MessageType``): the number is requested without one; set it with the API or console if
    your use needs it. A number of type ``TEN_DLC`` or ``TOLL_FREE`` in the US sends only once
    its registration is approved, which CloudFormation cannot complete either.
    """

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        iso_country_code: str,
        number_type: NumberType,
        capabilities: Sequence[NumberCapability],
        help_message: str,
        stop_message: str,
        keywords: Sequence[Keyword] = (),
        opt_out_list: IOptOutList | None = None,
        self_managed_opt_outs: bool = False,
        two_way: TwoWayChannel | None = None,
        deletion_protection: bool = False,
    ) -> None:
        """
        :param iso_country_code: The number's country, ISO 3166-1 alpha-2 (``US``). Changing
            it replaces the number.
        :param number_type: ``LONG_CODE``, ``TOLL_FREE``, ``TEN_DLC`` or ``SIMULATOR``.
            Changing it replaces the number.
        :param capabilities: ``SMS``, ``VOICE`` and/or ``MMS``, at least one, no repeats.
            Changing them replaces the number.
        :param help_message: The reply to HELP (required by the schema), 1 to 1,600 characters.
        :param stop_message: The reply to STOP (required by the schema), 1 to 1,600 characters.
        :param keywords: Optional keywords. Default: none.
        :param opt_out_list: Where STOP replies are recorded. Default: the account's
            ``Default`` opt-out list.
        :param self_managed_opt_outs: ``True`` makes you responsible for HELP/STOP replies and
            the opt-out list. Default: ``False`` (the service handles them).
        :param two_way: Where inbound messages go. Default: two-way messaging off.
        :param deletion_protection: Default: ``False``.
        """
        super().__init__(scope, id)
        check_country("iso_country_code", iso_country_code)
        number_type = require_enum("number_type", number_type, NumberType)
        capabilities = enum_list("capabilities", capabilities, NumberCapability)
        self._resource = smsvoice.CfnPhoneNumber(
            self,
            "Resource",
            iso_country_code=iso_country_code,
            number_type=number_type.value,
            number_capabilities=[c.value for c in capabilities],
            **_messaging_props(
                self,
                smsvoice.CfnPhoneNumber,
                help_message=help_message,
                stop_message=stop_message,
                keywords=keywords,
                opt_out_list=opt_out_list,
                self_managed_opt_outs=self_managed_opt_outs,
                two_way=two_way,
                deletion_protection=deletion_protection,
            ),
        )
        self.phone_number_id: str = self._resource.attr_phone_number_id
        """The number's id (``phone-...``)."""
        self.phone_number_arn: str = self._resource.attr_arn
        """The number's ARN."""
        self.phone_number: str = self._resource.attr_phone_number
        """The number itself, in E.164 form."""

    @property
    def origination_identity_arn(self) -> str:
        return self.phone_number_arn

    @staticmethod
    def from_phone_number_id(
        scope: Construct, id: str, phone_number_id: str
    ) -> IOriginationIdentity:
        """Import a number of this stack's account and region by its id (``phone-...``)."""
        arn = sms_voice_arn(scope, "phone-number", phone_number_id)
        return _ImportedIdentity(scope, id, arn=arn, phone_number_id=phone_number_id)

    @staticmethod
    def from_phone_number_arn(
        scope: Construct, id: str, phone_number_arn: str
    ) -> IOriginationIdentity:
        """Import a number by its ARN (``...:phone-number/<id>``)."""
        number_id = resource_name_of("phone_number_arn", phone_number_arn, "phone-number")
        return _ImportedIdentity(scope, id, arn=phone_number_arn, phone_number_id=number_id)


# ---- sender IDs --------------------------------------------------------------------------


@checked_props
class SenderId(OriginationIdentityBase):
    """An alphanumeric sender ID for one country (``AWS::SMSVOICE::SenderId``, construct id
    ``Resource``).

    Some countries need the sender ID registered before it can be used; CloudFormation only
    requests it.

    Example::

        sender = SenderId(self, "Sender", sender_id="EXAMPLE", iso_country_code="DE")
    """

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        sender_id: str,
        iso_country_code: str,
        deletion_protection: bool = False,
    ) -> None:
        """
        :param sender_id: 1 to 11 capital letters, digits, underscores or hyphens (schema
            ``SenderId``: ``^[A-Z0-9_-]+$``; API ``SenderId``: at most 11).
        :param iso_country_code: The country the sender ID is for, ISO 3166-1 alpha-2.
        :param deletion_protection: Default: ``False``.
        """
        super().__init__(scope, id)
        check_sender_id("sender_id", sender_id)
        check_country("iso_country_code", iso_country_code)
        require_bool("deletion_protection", deletion_protection)
        self._resource = smsvoice.CfnSenderId(
            self,
            "Resource",
            sender_id=sender_id,
            iso_country_code=iso_country_code,
            deletion_protection_enabled=deletion_protection or None,
        )
        self.sender_id: str = sender_id
        """The sender ID."""
        self.iso_country_code: str = iso_country_code
        """Its country."""
        self.sender_id_arn: str = self._resource.attr_arn
        """Its ARN (``...:sender-id/<sender ID>/<country>``)."""

    @property
    def origination_identity_arn(self) -> str:
        return self.sender_id_arn

    @staticmethod
    def from_sender_id(
        scope: Construct, id: str, sender_id: str, iso_country_code: str
    ) -> IOriginationIdentity:
        """Import a sender ID of this stack's account and region."""
        check_sender_id("sender_id", sender_id)
        check_country("iso_country_code", iso_country_code)
        arn = sms_voice_arn(scope, "sender-id", f"{sender_id}/{iso_country_code}")
        return _ImportedIdentity(
            scope, id, arn=arn, sender_id=sender_id, iso_country_code=iso_country_code
        )


# ---- pools -------------------------------------------------------------------------------


@checked_props
class Pool(OriginationIdentityBase):
    """A pool of phone numbers and sender IDs (``AWS::SMSVOICE::Pool``, construct id
    ``Resource``). Sending from the pool picks one of its identities for the destination.

    Example::

        pool = Pool(self, "Pool",
            origination_identities=[number],
            help_message="Example Corp: reply STOP to opt out.",
            stop_message="Example Corp: you will receive no more messages.",
            opt_out_list=opt_outs,
        )

    The keywords, opt-out list and two-way channel of the pool apply to messages sent through
    it, not to those sent from its numbers directly.
    """

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        origination_identities: Sequence[IOriginationIdentity],
        help_message: str,
        stop_message: str,
        keywords: Sequence[Keyword] = (),
        opt_out_list: IOptOutList | None = None,
        self_managed_opt_outs: bool = False,
        shared_routes: bool = False,
        two_way: TwoWayChannel | None = None,
        deletion_protection: bool = False,
    ) -> None:
        """
        :param origination_identities: The numbers and sender IDs, at least one, no repeats
            (schema ``OriginationIdentities``: ``minItems`` 1, ``uniqueItems``). A pool cannot
            hold another pool.
        :param help_message: The reply to HELP, 1 to 1,600 characters.
        :param stop_message: The reply to STOP, 1 to 1,600 characters.
        :param keywords: Optional keywords. Default: none.
        :param opt_out_list: Default: the account's ``Default`` opt-out list.
        :param self_managed_opt_outs: Default: ``False`` (the service handles HELP and STOP).
        :param shared_routes: Let the pool fall back to shared routes (sender IDs and numbers
            AWS shares) in countries where it has no identity of its own. Default: ``False``.
        :param two_way: Where inbound messages go. Default: two-way messaging off.
        :param deletion_protection: Default: ``False``.
        """
        super().__init__(scope, id)
        identities = list(origination_identities)
        if not identities:
            raise ValueError("origination_identities needs at least one identity, got none")
        for identity in identities:
            if isinstance(identity, Pool) or getattr(identity, "is_pool", False):
                raise TypeError(
                    f"origination_identities must not hold a pool (a pool cannot hold another), "
                    f"got {identity.node.path}"
                )
            if not isinstance(identity, OriginationIdentityBase):
                raise TypeError(
                    "origination_identities must be PhoneNumber or SenderId constructs (or "
                    f"their imports), got {type(identity).__name__}"
                )
        check_unique("origination_identities", [identity.node.path for identity in identities])
        arns = [identity.origination_identity_arn for identity in identities]
        check_unique("origination_identities", arns)  # imports of one ARN
        require_bool("shared_routes", shared_routes)
        self._resource = smsvoice.CfnPool(
            self,
            "Resource",
            origination_identities=arns,
            shared_routes_enabled=shared_routes or None,
            **_messaging_props(
                self,
                smsvoice.CfnPool,
                help_message=help_message,
                stop_message=stop_message,
                keywords=keywords,
                opt_out_list=opt_out_list,
                self_managed_opt_outs=self_managed_opt_outs,
                two_way=two_way,
                deletion_protection=deletion_protection,
            ),
        )
        self.pool_id: str = self._resource.attr_pool_id
        """The pool's id (``pool-...``)."""
        self.pool_arn: str = self._resource.attr_arn
        """The pool's ARN."""

    @property
    def origination_identity_arn(self) -> str:
        return self.pool_arn

    @staticmethod
    def from_pool_id(scope: Construct, id: str, pool_id: str) -> IOriginationIdentity:
        """Import a pool of this stack's account and region by its id (``pool-...``)."""
        return _ImportedIdentity(
            scope, id, arn=sms_voice_arn(scope, "pool", pool_id), is_pool=True, pool_id=pool_id
        )

    @staticmethod
    def from_pool_arn(scope: Construct, id: str, pool_arn: str) -> IOriginationIdentity:
        """Import a pool by its ARN (``...:pool/<id>``)."""
        pool_id = resource_name_of("pool_arn", pool_arn, "pool")
        return _ImportedIdentity(scope, id, arn=pool_arn, is_pool=True, pool_id=pool_id)
