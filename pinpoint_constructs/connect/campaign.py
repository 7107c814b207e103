"""Outbound campaigns on Amazon Connect (``AWS::ConnectCampaignsV2::Campaign``, type
``MANAGED``): the successor of Pinpoint campaigns.

How Pinpoint's campaign concepts map (the guide ``docs/connect-campaigns.md`` has examples):

- segment → :meth:`CampaignSource.segment` (a Customer Profiles segment definition);
- event-triggered campaign → :meth:`CampaignSource.event_trigger` (a Customer Profiles
  event trigger, which this construct wires to the campaign);
- schedule (start, end, frequency) → :class:`CampaignSchedule` (start and end;
  ``refresh_frequency`` re-reads the segment) plus :class:`EntryLimits` (how often one
  profile may enter again);
- quiet time → :class:`OpenHours` per channel (the hours outside quiet time), with
  :class:`RestrictedPeriod` for whole days; the recipient's local time →
  ``CommunicationTime(local_time_zone_detection=...)``;
- limits (daily, total, per endpoint) → :class:`CommunicationLimits` (at most two, per
  1-30 days);
- message and template → a channel (:meth:`CampaignChannel.email`, ``sms``, ``whatsapp``)
  with a published Q in Connect template version;
- holdout, A/B treatments → a journey's percentage split (``connect.journeys``);
- no successor in a managed campaign: push and in-app messages, custom channels (Lambda),
  a campaign hook, a message per treatment, ``is_paused`` as a template property (pause
  and resume are API calls: :meth:`OutboundCampaign.grant_start_stop`).
"""

from __future__ import annotations

import enum
import json
import re
import weakref
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol

from aws_cdk import (
    Annotations,
    ArnFormat,
    IResource,
    Names,
    Resource,
    Stack,
    Tags,
)
from aws_cdk import aws_connectcampaignsv2 as campaigns
from aws_cdk import aws_iam as iam
from constructs import Construct

from .._props import checked_props
from .._validation import (
    check_length,
    check_pattern,
    check_range,
    is_unresolved,
    require_instance,
    require_str,
)
from .._validation import check_tags as shared_check_tags
from ._campaign_common import (
    CampaignSchedule,
    CampaignSource,
    CommunicationLimits,
    CommunicationTime,
    EntryLimits,
    _offers,
    read_once,
)

if TYPE_CHECKING:
    from .email_address import IConnectEmailAddress
    from .instance import IConnectInstance
    from .message_templates import IMessageTemplate
    from .onboarding import OutboundCampaignsOnboarding
    from .phone_number import IConnectPhoneNumber

#: A campaign name (schema ``CampaignName`` and API shape ``CampaignName``: 1 to 127 characters).
CAMPAIGN_NAME_MAX_LENGTH = 127
#: A channel's capacity (schema and API shape ``Capacity``: 0.01 to 1).
CAPACITY_MIN = 0.01
CAPACITY_MAX = 1.0
#: An email sender's display name (schema ``SourceEmailAddressDisplayName``: at most 256).
DISPLAY_NAME_MAX_LENGTH = 256
#: A campaign has at most 50 tags (schema ``Tags``: maxItems 50); keys 1 to 128 characters
#: of ``[a-zA-Z+-=._:/]`` not starting with ``aws:``, values at most 256 (API shapes ``TagKey``
#: and ``TagValue``).
MAX_TAGS = 50
_TAG_KEY = re.compile(r"(?!aws:)[a-zA-Z+\-=._:/]+")
#: The source address of an email campaign (schema ``EmailAddress``: 1 to 255 characters,
#: ``^[\w-\.\+]+@([\w-]+\.)+[\w-]{2,4}$``).
_CAMPAIGN_EMAIL_ADDRESS = re.compile(r"[\w.+-]+@([\w-]+\.)+[\w-]{2,4}")

#: The warning an event-triggered campaign gives when its trigger can't be wired to it (an
#: imported trigger, which has no ``add_campaign_target``).
CAMPAIGN_TRIGGER_NOT_WIRED_WARNING = "pinpoint-constructs:connectCampaignTriggerNotWired"
#: The warning a campaign without a source gives (stable id, for ``acknowledge``).
CAMPAIGN_WITHOUT_SOURCE_WARNING = "pinpoint-constructs:connectCampaignWithoutSource"
#: The warning a campaign with an explicit ``campaign_name`` gives: changing its source kind
#: replaces it under the same name (stable id, for ``acknowledge``).

#: The warning a campaign gives when its source's Customer Profiles domain is not the domain its
#: ``onboarding`` integrates (PutConnectInstanceIntegration: the instance's campaigns read
#: profiles from that domain). Stable id, for ``acknowledge``.
CAMPAIGN_DOMAIN_MISMATCH_WARNING = "pinpoint-constructs:connectCampaignDomainMismatch"
#: The warning a campaign gives when a channel's template lives in a knowledge base this app
#: defines without associating it with the campaign's instance (``AWS::Connect::
#: IntegrationAssociation`` of type ``Q_MESSAGE_TEMPLATES``, which lets the instance's
#: campaigns use the templates). A warning, not an error: the association may be made outside
#: the stack. Stable id, for ``acknowledge``.
CAMPAIGN_TEMPLATE_NOT_ASSOCIATED_WARNING = (
    "pinpoint-constructs:connectCampaignTemplateNotAssociated"
)

#: What each source kind adds to the campaign's logical id and generated name. A source can't
#: be added to or removed from a campaign after it is created (CreateCampaign, API reference:
#: "After a campaign is created, you can't add/remove source"; CloudFormation's ``Source``
#: says the same), so the kind is part of the campaign's identity: switching kinds gives the
#: L1 another logical id and CloudFormation replaces the campaign instead of failing the
#: update. A segment source adds nothing, which keeps the logical ids and names of segment
#: campaigns as they were before this rule.
SOURCE_KIND_SUFFIXES = {"segment": "", "event_trigger": "EventTrigger", None: "NoSource"}
#: CloudFormation's limit on a logical id.
_LOGICAL_ID_MAX_LENGTH = 255

#: Actions that start, stop, pause and resume a campaign (Service Authorization Reference,
#: Amazon Connect Outbound Campaigns: resource type ``campaign`` for each).
START_STOP_ACTIONS = (
    "connect-campaigns:StartCampaign",
    "connect-campaigns:StopCampaign",
    "connect-campaigns:PauseCampaign",
    "connect-campaigns:ResumeCampaign",
)
#: Actions that read a campaign and its state.
READ_ACTIONS = (
    "connect-campaigns:DescribeCampaign",
    "connect-campaigns:GetCampaignState",
    "connect-campaigns:GetCampaignStateBatch",
)
#: Actions that put outbound requests into a campaign (``PutOutboundRequestBatch``; action
#: name and its resource type ``campaign`` as in the Service Authorization Reference and
#: cfn-lint's ``Policies.json``).
OUTBOUND_REQUEST_ACTIONS = ("connect-campaigns:PutOutboundRequestBatch",)
#: The action that puts profile outbound requests into a campaign. Kept apart from
#: :data:`OUTBOUND_REQUEST_ACTIONS`: "Only Customer Profiles event triggers are permitted to
#: invoke this API" (Amazon Connect Outbound Campaigns API reference,
#: ``PutProfileOutboundRequestBatch``), so an application role has no use for it.
PROFILE_OUTBOUND_REQUEST_ACTIONS = ("connect-campaigns:PutProfileOutboundRequestBatch",)


class ChannelSubtype(enum.Enum):
    """A campaign channel (schema ``ChannelSubtypeConfig``)."""

    EMAIL = "EMAIL"
    SMS = "SMS"
    WHATSAPP = "WHATSAPP"


def _template_version_arn(prop: str, template: Any, expected: ChannelSubtype) -> str:
    """The published version ARN of ``template`` (an ``IMessageTemplate``), checking its
    channel subtype matches the campaign channel."""
    if template is None or not hasattr(template, "version_arn"):
        raise TypeError(
            f"{prop} must be a Q in Connect message template (IMessageTemplate with version_arn), "
            f"got {type(template).__name__}: {template!r}"
        )
    subtype = getattr(template, "channel_subtype", None)
    subtype_value = getattr(subtype, "value", subtype)
    if (
        isinstance(subtype_value, str)
        and not is_unresolved(subtype_value)
        and subtype_value.upper() != expected.value
    ):
        raise ValueError(
            f"{prop} must be {expected.value} template for the {expected.value} channel, "
            f"got a {subtype_value} template"
        )
    return str(template.version_arn)


def _capacity(value: float | None) -> float | None:
    if value is not None:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise TypeError(f"capacity must be a number, got {type(value).__name__}: {value!r}")
        check_range("capacity", value, CAPACITY_MIN, CAPACITY_MAX)
    return value


@checked_props
class CampaignChannel:
    """One channel of a campaign, with its template and sender. Build with :meth:`email`,
    :meth:`sms` or :meth:`whatsapp`; a campaign has at most one of each."""

    __slots__ = ("_config", "subtype", "template")

    def __init__(self, subtype: ChannelSubtype, config: Any, template: Any = None) -> None:
        self.subtype = subtype
        self._config = config
        #: The channel's message template (for the campaign's cross-checks), if known.
        self.template = template

    @staticmethod
    def email(
        *,
        template: IMessageTemplate,
        from_address: IConnectEmailAddress,
        display_name: str | None = None,
        capacity: float | None = None,
    ) -> CampaignChannel:
        """Send ``template`` (an ``EMAIL`` Q in Connect template; its published version) from
        ``from_address``.

        :param display_name: the sender name recipients see, at most 256 characters.
            Default: the address's own display name, if it has one.
        :param capacity: the share of the instance's outbound email capacity this campaign
            may use, 0.01 to 1. Default: the service's (none written).
        """
        version_arn = _template_version_arn("template", template, ChannelSubtype.EMAIL)
        if not hasattr(from_address, "email_address"):
            raise TypeError(
                "from_address must be an IConnectEmailAddress, "
                f"got {type(from_address).__name__}: {from_address!r}"
            )
        address = from_address.email_address
        check_length("from_address email_address", address, 255)
        check_pattern(
            "from_address email_address",
            address,
            _CAMPAIGN_EMAIL_ADDRESS,
            "an address CloudFormation accepts for a campaign "
            "(letters, digits, _ . + - before @; a domain whose last label has 2 to 4 "
            "characters)",
        )
        if display_name is None:
            display_name = getattr(from_address, "display_name", None)
        require_str("display_name", display_name)
        check_length("display_name", display_name, DISPLAY_NAME_MAX_LENGTH, minimum=0)
        return CampaignChannel(
            ChannelSubtype.EMAIL,
            campaigns.CfnCampaign.EmailChannelSubtypeConfigProperty(
                capacity=_capacity(capacity),
                outbound_mode=campaigns.CfnCampaign.EmailOutboundModeProperty(agentless_config={}),
                default_outbound_config=campaigns.CfnCampaign.EmailOutboundConfigProperty(
                    connect_source_email_address=address,
                    source_email_address_display_name=display_name,
                    wisdom_template_arn=version_arn,
                ),
            ),
            template=template,
        )

    @staticmethod
    def sms(
        *,
        template: IMessageTemplate,
        phone_number: IConnectPhoneNumber,
        capacity: float | None = None,
    ) -> CampaignChannel:
        """Send ``template`` (an ``SMS`` Q in Connect template; its published version) from
        ``phone_number`` (a Connect number, e.g. one imported from End User Messaging SMS).

        :param capacity: share of the instance's outbound SMS capacity, 0.01 to 1. Default:
            the service's (none written).
        """
        version_arn = _template_version_arn("template", template, ChannelSubtype.SMS)
        return CampaignChannel(
            ChannelSubtype.SMS,
            campaigns.CfnCampaign.SmsChannelSubtypeConfigProperty(
                capacity=_capacity(capacity),
                outbound_mode=campaigns.CfnCampaign.SmsOutboundModeProperty(agentless_config={}),
                default_outbound_config=campaigns.CfnCampaign.SmsOutboundConfigProperty(
                    connect_source_phone_number_arn=_phone_number_arn(phone_number),
                    wisdom_template_arn=version_arn,
                ),
            ),
            template=template,
        )

    @staticmethod
    def whatsapp(
        *,
        template: IMessageTemplate,
        phone_number: IConnectPhoneNumber,
        capacity: float | None = None,
    ) -> CampaignChannel:
        """Send ``template`` (a ``WHATSAPP`` Q in Connect template; its published version)
        from ``phone_number``.

        :param capacity: share of the instance's outbound WhatsApp capacity, 0.01 to 1.
            Default: the service's (none written).
        """
        version_arn = _template_version_arn("template", template, ChannelSubtype.WHATSAPP)
        return CampaignChannel(
            ChannelSubtype.WHATSAPP,
            campaigns.CfnCampaign.WhatsAppChannelSubtypeConfigProperty(
                capacity=_capacity(capacity),
                outbound_mode=campaigns.CfnCampaign.WhatsAppOutboundModeProperty(
                    agentless_config={}
                ),
                default_outbound_config=campaigns.CfnCampaign.WhatsAppOutboundConfigProperty(
                    connect_source_phone_number_arn=_phone_number_arn(phone_number),
                    wisdom_template_arn=version_arn,
                ),
            ),
            template=template,
        )

    def to_cfn(self) -> Any:
        """This channel's ``CfnCampaign`` channel subtype config."""
        return self._config


def _phone_number_arn(phone_number: Any) -> str:
    if not hasattr(phone_number, "phone_number_arn"):
        raise TypeError(
            "phone_number must be an IConnectPhoneNumber, "
            f"got {type(phone_number).__name__}: {phone_number!r}"
        )
    return str(phone_number.phone_number_arn)


def channel_subtype_config(
    channels: Sequence[CampaignChannel],
) -> campaigns.CfnCampaign.ChannelSubtypeConfigProperty | None:
    """The ``CfnCampaign`` ``ChannelSubtypeConfig`` of ``channels`` (at most one per kind)."""
    if isinstance(channels, CampaignChannel):
        raise TypeError("channels must be a list of CampaignChannel, got one; wrap it in a list")
    by_kind: dict[ChannelSubtype, Any] = {}
    for channel in channels:
        require_instance("channels item", channel, CampaignChannel)
        if channel.subtype in by_kind:
            # Schema ChannelSubtypeConfig: one Email, one Sms, one WhatsApp member.
            raise ValueError(
                f"channels may hold one channel of each kind, got two {channel.subtype.value} "
                "channels"
            )
        by_kind[channel.subtype] = channel.to_cfn()
    if not by_kind:
        return None
    return campaigns.CfnCampaign.ChannelSubtypeConfigProperty(
        email=by_kind.get(ChannelSubtype.EMAIL),
        sms=by_kind.get(ChannelSubtype.SMS),
        whats_app=by_kind.get(ChannelSubtype.WHATSAPP),
    )


def check_tags(tags: Mapping[str, str] | None) -> None:
    """Raise unless ``tags`` are at most 50 tags with keys and values the service accepts
    (the shared CloudFormation ``Tag`` rules plus the campaign schema's key pattern)."""
    shared_check_tags(
        "tags",
        tags,
        maximum=MAX_TAGS,
        key_pattern=_TAG_KEY,
        key_rule="letters and + - = . _ : /, not starting with aws:",
    )


class IOutboundCampaign(IResource, Protocol):
    """An outbound campaign, defined here or imported."""

    @property
    def campaign_id(self) -> str:
        """The campaign id."""
        ...

    @property
    def campaign_arn(self) -> str:
        """The campaign ARN (``arn:aws:connect-campaigns:<region>:<account>:campaign/<id>``)."""
        ...

    def grant(self, grantee: iam.IGrantable, *actions: str) -> iam.Grant:
        """Grant ``actions`` (``connect-campaigns:`` names) on this campaign."""
        ...

    def grant_start_stop(self, grantee: iam.IGrantable) -> iam.Grant:
        """Grant start, stop, pause and resume on this campaign."""
        ...

    def grant_outbound_requests(self, grantee: iam.IGrantable) -> iam.Grant:
        """Grant putting outbound requests into this campaign."""
        ...

    def grant_profile_outbound_requests(self, grantee: iam.IGrantable) -> iam.Grant:
        """Grant putting profile outbound requests (event triggers only) into this campaign."""
        ...

    def grant_read(self, grantee: iam.IGrantable) -> iam.Grant:
        """Grant describing the campaign and reading its state."""
        ...


@checked_props
class OutboundCampaignBase(Resource):
    """Grants of a campaign defined here or imported: each names exactly this campaign's
    ARN (the actions' only resource type is ``campaign``)."""

    campaign_arn: str

    @property
    def campaign_id(self) -> str:
        """The campaign id."""
        raise NotImplementedError

    def grant(self, grantee: iam.IGrantable, *actions: str) -> iam.Grant:
        """Grant ``actions`` (``connect-campaigns:`` names) on this campaign."""
        if not actions:
            raise ValueError("grant() needs at least one action, got none")
        return iam.Grant.add_to_principal(
            grantee=grantee, actions=list(actions), resource_arns=[self.campaign_arn]
        )

    def grant_start_stop(self, grantee: iam.IGrantable) -> iam.Grant:
        """Grant ``StartCampaign``, ``StopCampaign``, ``PauseCampaign``, ``ResumeCampaign``."""
        return self.grant(grantee, *START_STOP_ACTIONS)

    def grant_outbound_requests(self, grantee: iam.IGrantable) -> iam.Grant:
        """Grant ``PutOutboundRequestBatch`` (an application putting outbound requests into
        this campaign). ``PutProfileOutboundRequestBatch`` is not included: only Customer
        Profiles event triggers may call it (see :meth:`grant_profile_outbound_requests`)."""
        return self.grant(grantee, *OUTBOUND_REQUEST_ACTIONS)

    def grant_profile_outbound_requests(self, grantee: iam.IGrantable) -> iam.Grant:
        """Grant ``PutProfileOutboundRequestBatch``, which the API reference says "Only
        Customer Profiles event triggers are permitted to invoke": for the rare principal that
        acts for an event trigger (e.g. a test harness); an event-triggered campaign needs no
        grant for its own trigger."""
        return self.grant(grantee, *PROFILE_OUTBOUND_REQUEST_ACTIONS)

    def grant_read(self, grantee: iam.IGrantable) -> iam.Grant:
        """Grant ``DescribeCampaign``, ``GetCampaignState`` and ``GetCampaignStateBatch``."""
        return self.grant(grantee, *READ_ACTIONS)


class _ImportedCampaign(OutboundCampaignBase):
    def __init__(self, scope: Construct, id: str, campaign_arn: str) -> None:
        super().__init__(scope, id, environment_from_arn=campaign_arn)
        parts = Stack.of(scope).split_arn(campaign_arn, ArnFormat.SLASH_RESOURCE_NAME)
        if parts.resource_name is None or (
            not is_unresolved(parts.resource) and parts.resource != "campaign"
        ):
            raise ValueError(
                "campaign_arn must be an outbound campaign ARN (arn:aws:connect-campaigns:"
                f"<region>:<account>:campaign/<id>), got {campaign_arn!r}"
            )
        self.campaign_arn = campaign_arn
        self._id = parts.resource_name

    @property
    def campaign_id(self) -> str:
        return self._id


#: The (knowledge base, instance) pairs already checked: each pair is checked, and warned
#: about, once however many campaigns share it.
_CHECKED_ASSOCIATIONS: weakref.WeakKeyDictionary[Any, set[int]] = weakref.WeakKeyDictionary()


def _describe(scope: Construct, arn: Any) -> str:
    """An ARN for a message: the literal, or the resolved token as JSON."""
    if not is_unresolved(arn):
        return repr(arn)
    return json.dumps(Stack.of(scope).resolve(arn), sort_keys=True)


def _with_suffix(resource: campaigns.CfnCampaign, suffix: str) -> str:
    """``resource``'s logical id as the stack allocates it, with ``suffix`` appended (cut to
    CloudFormation's 255 characters, keeping the suffix)."""
    allocated = Stack.of(resource).get_logical_id(resource)
    return allocated[: _LOGICAL_ID_MAX_LENGTH - len(suffix)] + suffix


@checked_props
class OutboundCampaign(OutboundCampaignBase):
    """A managed outbound campaign on Amazon Connect (``AWS::ConnectCampaignsV2::Campaign``,
    type ``MANAGED``): one message per channel, to the profiles of a segment or of an event
    trigger, within its schedule, open hours and limits.

    What replaces the campaign (the schema's ``createOnlyProperties`` and the ``Source``
    documentation): a new ``instance``; and a new source kind. A source can't be added to or
    removed from a campaign after it is created, so the kind (segment, event trigger, none)
    is part of the campaign's identity: an event-trigger campaign's logical id ends in
    ``EventTrigger``, one without a source in ``NoSource`` (a segment campaign's is the
    plain one), and so does a generated ``campaign_name``; switching kinds makes
    CloudFormation replace the campaign (a new one, with a new ARN and state, then the old
    one deleted) rather than fail the update. With an explicit ``campaign_name`` both
    campaigns would carry the same name during the replacement, and whether the service
    allows that is not documented: change the name together with the kind. A campaign
    without a source warns (``CAMPAIGN_WITHOUT_SOURCE_WARNING``). Changing to another
    segment, or to another trigger's domain, is an update.

    :param instance: the Connect instance (onboarded to outbound campaigns).
    :param campaign_name: 1 to 127 characters. Default: a name made from the construct path.
    :param channels: the channels (at most one of each kind). Default: none.
    :param source: the segment or event trigger. Default: none (see above).
    :param schedule: start, end and segment refresh. Default: none written.
    :param communication_time: time zone, open hours and restricted periods per channel.
        Default: none written.
    :param communication_limits: at most two limits per recipient. Default: none written.
    :param entry_limits: how often one profile may enter. Default: none written.
    :param tags: up to 50 tags. Default: none.
    :param onboarding: the instance's onboarding; the campaign is created after it and
        deleted before it. Default: none (the instance was onboarded elsewhere).
    """

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        instance: IConnectInstance,
        campaign_name: str | None = None,
        channels: Sequence[CampaignChannel] = (),
        source: CampaignSource | None = None,
        schedule: CampaignSchedule | None = None,
        communication_time: CommunicationTime | None = None,
        communication_limits: CommunicationLimits | None = None,
        entry_limits: EntryLimits | None = None,
        tags: Mapping[str, str] | None = None,
        onboarding: OutboundCampaignsOnboarding | None = None,
    ) -> None:
        super().__init__(scope, id)
        if not hasattr(instance, "instance_id"):
            raise TypeError(
                f"instance must be an IConnectInstance, got {type(instance).__name__}: {instance!r}"
            )
        require_instance("source", source, CampaignSource)
        source_suffix = SOURCE_KIND_SUFFIXES[None if source is None else source.kind]
        if campaign_name is None:
            # The kind is in the generated name too, so the campaign a kind change creates
            # doesn't share its name with the one it replaces.
            name_suffix = f"-{source_suffix}" if source_suffix else ""
            campaign_name = (
                Names.unique_resource_name(
                    self, max_length=CAMPAIGN_NAME_MAX_LENGTH - len(name_suffix), separator="-"
                )
                + name_suffix
            )
        require_str("campaign_name", campaign_name, optional=False)
        check_length("campaign_name", campaign_name, CAMPAIGN_NAME_MAX_LENGTH)
        require_instance("schedule", schedule, CampaignSchedule)
        require_instance("communication_time", communication_time, CommunicationTime)
        require_instance("communication_limits", communication_limits, CommunicationLimits)
        require_instance("entry_limits", entry_limits, EntryLimits)
        check_tags(tags)
        self._resource = campaigns.CfnCampaign(
            self,
            "Resource",
            connect_instance_id=instance.instance_id,
            name=campaign_name,
            type="MANAGED",
            channel_subtype_config=channel_subtype_config(channels),
            source=None if source is None else source.to_cfn(),
            schedule=None if schedule is None else schedule.to_cfn(),
            communication_time_config=None
            if communication_time is None
            else communication_time.to_cfn(),
            communication_limits_override=None
            if communication_limits is None
            else communication_limits.to_cfn(),
            entry_limits_config=None if entry_limits is None else entry_limits.to_cfn(),
        )
        if source_suffix:
            self._resource.override_logical_id(_with_suffix(self._resource, source_suffix))
        for key, value in (tags or {}).items():
            Tags.of(self._resource).add(key, value)
        self.campaign_name = campaign_name
        self.instance = instance
        self.source = source
        if onboarding is not None:
            self._resource.node.add_dependency(onboarding)
        self._check_domain(source, onboarding)
        self._check_templates(channels, instance)
        if source is None:
            Annotations.of(self).add_warning_v2(
                CAMPAIGN_WITHOUT_SOURCE_WARNING,
                "this campaign has no source; a source can't be added to a campaign after it "
                "is created (CloudFormation, AWS::ConnectCampaignsV2::Campaign Source), so "
                "adding one later fails the update: give source= now, or replace the campaign "
                "(a new construct id) when you add it",
            )
        elif source.event_trigger_source is not None:
            self._wire_event_trigger(source)

    def _same(self, a: Any, b: Any) -> bool:
        """Whether two values (ARNs, literal or tokens) are the same once resolved."""
        if a is b or a == b:
            return True
        if not is_unresolved(a) and not is_unresolved(b):
            return False
        stack = Stack.of(self)
        return bool(stack.resolve(a) == stack.resolve(b))

    def _check_domain(
        self, source: CampaignSource | None, onboarding: OutboundCampaignsOnboarding | None
    ) -> None:
        """Warn when the source's domain is known and is not the onboarding's domain."""
        integrated = getattr(onboarding, "profiles_domain", None)
        if source is None or integrated is None:
            return
        owner = source.segment_definition or source.event_trigger_source
        if owner is None or not _offers(owner, "domain"):
            return
        domain = read_once(owner, "domain")
        if domain is None or domain is integrated:
            return
        ours = read_once(domain, "domain_arn")
        theirs = read_once(integrated, "domain_arn")
        if self._same(ours, theirs):
            return
        Annotations.of(self).add_warning_v2(
            CAMPAIGN_DOMAIN_MISMATCH_WARNING,
            f"the campaign's {source.kind.replace('_', ' ')} belongs to the Customer Profiles "
            f"domain {_describe(self, ours)}, but its onboarding integrates "
            f"{_describe(self, theirs)} with the instance (PutConnectInstanceIntegration): the "
            "campaign reads profiles from the integrated domain; use a segment or trigger of "
            "that domain, or integrate this one",
        )

    def _check_templates(self, channels: Sequence[CampaignChannel], instance: Any) -> None:
        """Warn, once per knowledge base and instance, when a channel's template is in a
        knowledge base this app defines and that is associated with no instance, or with
        another instance than the campaign's. The warning is on the knowledge base (where
        the association is made); a stack of campaigns sharing one knowledge base pays for
        the check once."""
        for channel in channels:
            template = getattr(channel, "template", None)
            knowledge_base = getattr(template, "knowledge_base", None)
            if knowledge_base is None or not hasattr(knowledge_base, "association"):
                continue  # an imported knowledge base: its associations are unknown here
            try:
                checked = _CHECKED_ASSOCIATIONS.setdefault(knowledge_base, set())
            except TypeError:
                checked = set()
            if id(instance) in checked:
                continue
            checked.add(id(instance))
            association = knowledge_base.association
            if association is not None and self._same(
                read_once(association, "instance_id"), read_once(instance, "instance_arn")
            ):
                continue
            where = (
                "is associated with no Amazon Connect instance in this app"
                if association is None
                else "is associated with another instance than the campaign's"
            )
            Annotations.of(knowledge_base).add_warning_v2(
                CAMPAIGN_TEMPLATE_NOT_ASSOCIATED_WARNING,
                f"this knowledge base holds the {channel.subtype.value} template of outbound "
                f"campaign {self.node.path}, and {where}: the campaign can use the template only "
                "once an AWS::Connect::IntegrationAssociation (Q_MESSAGE_TEMPLATES) links the "
                "knowledge base to the campaign's instance (MessageTemplateKnowledgeBase("
                "instance=...)); acknowledge this warning if the association is made outside "
                "the stack",
            )

    def _wire_event_trigger(self, source: CampaignSource) -> None:
        """Have the trigger send its events to this campaign (the trigger side provides the
        ``AWS::CustomerProfiles::Integration``: ``add_campaign_target``)."""
        trigger = source.event_trigger_source
        add_target = getattr(trigger, "add_campaign_target", None)
        self.event_trigger_integration = None
        if add_target is None:
            Annotations.of(self).add_warning_v2(
                CAMPAIGN_TRIGGER_NOT_WIRED_WARNING,
                f"the event trigger {getattr(trigger, 'event_trigger_name', '?')!r} is imported "
                "and can't be wired here: until a Customer Profiles integration with this "
                "campaign's ARN as uri and the trigger's name in event_trigger_names exists, "
                "the trigger starts nothing (ProfilesIntegration, or EventTrigger."
                "add_campaign_target in the stack that defines the trigger)",
            )
            return
        self.event_trigger_integration = add_target(self.campaign_arn)

    @property
    def campaign_arn(self) -> str:  # type: ignore[override]
        """The campaign ARN (read from the L1 on first use: one jsii round trip saved for each
        campaign nobody references)."""
        cached = self.__dict__.get("_campaign_arn")
        if cached is None:
            cached = self.__dict__["_campaign_arn"] = self._resource.attr_arn
        return str(cached)

    @property
    def campaign_id(self) -> str:
        """The campaign id (the ARN's last part; computed on first use, which keeps a
        stack of hundreds of campaigns from paying for ids nobody reads)."""
        cached = self.__dict__.get("_campaign_id")
        if cached is None:
            cached = (
                Stack.of(self)
                .split_arn(self.campaign_arn, ArnFormat.SLASH_RESOURCE_NAME)
                .resource_name
            )
            self.__dict__["_campaign_id"] = cached
        return str(cached)

    @property
    def resource(self) -> campaigns.CfnCampaign:
        """The L1 ``AWS::ConnectCampaignsV2::Campaign`` (escape hatch)."""
        return self._resource

    @staticmethod
    def from_campaign_arn(scope: Construct, id: str, campaign_arn: str) -> IOutboundCampaign:
        """An existing campaign, by ARN."""
        return _ImportedCampaign(scope, id, campaign_arn)
