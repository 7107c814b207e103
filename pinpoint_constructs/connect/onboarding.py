"""Onboarding an Amazon Connect instance to outbound campaigns (v2): a custom resource,
since CloudFormation has no resource for ``StartInstanceOnboardingJob`` or
``PutConnectInstanceIntegration`` (handler: ``handlers/campaigns_onboarding``)."""

from __future__ import annotations

import json
import weakref
from collections.abc import Mapping
from typing import TYPE_CHECKING

from aws_cdk import CustomResource, Duration, Stack
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kms as kms
from constructs import Construct

from .._lambda import HandlerProvider, acknowledge_wildcard_resource
from .._props import checked_props
from .._validation import is_unresolved, require_bool
from .instance import ConnectInstance

if TYPE_CHECKING:
    from ..profiles import IProfilesDomain
    from .instance import IConnectInstance

#: Construct id of the stack's onboarding provider.
PROVIDER_ID = "OutboundCampaignsOnboardingProvider"
#: The provider's total timeout and poll interval: the handler's
#: ``PROVIDER_TOTAL_TIMEOUT_SECONDS`` / ``PROVIDER_QUERY_INTERVAL_SECONDS`` (repeated here,
#: since construct code never imports handler code; a handler test keeps them equal).
PROVIDER_TOTAL_TIMEOUT_SECONDS = 900
PROVIDER_QUERY_INTERVAL_SECONDS = 10
#: Handler timeout: a few API calls, each retried adaptively.
HANDLER_TIMEOUT = Duration.minutes(2)
#: Handler memory in MiB (I/O-bound).
HANDLER_MEMORY_MB = 256

#: The object types a domain integration maps each campaign event type to: the built-in
#: templates of the same name (the map AWS's Amplify notifications construct uses; API shape
#: ``ObjectTypeNamesMap``, keys from ``EventType``).
DEFAULT_OBJECT_TYPE_NAMES: Mapping[str, str] = {
    "Campaign-Email": "Campaign-Email",
    "Campaign-SMS": "Campaign-SMS",
    "Campaign-Telephony": "Campaign-Telephony",
    "Campaign-Orchestration": "Campaign-Orchestration",
}
#: Event types the API accepts as ``ObjectTypeNamesMap`` keys (botocore shape ``EventType``).
EVENT_TYPES = frozenset(
    {
        "Campaign-Email",
        "Campaign-SMS",
        "Campaign-Telephony",
        "Campaign-Orchestration",
        "Campaign-WhatsApp",
        "Campaign-WebNotification",
    }
)

#: connect-campaigns actions without resource-level permissions (Service Authorization
#: Reference, as cfn-lint's Policies.json carries it: no resource type), granted on ``*``.
ON_EVENT_CAMPAIGNS_ACTIONS = (
    "connect-campaigns:StartInstanceOnboardingJob",
    "connect-campaigns:GetConnectInstanceConfig",
    "connect-campaigns:DeleteInstanceOnboardingJob",
    "connect-campaigns:DeleteConnectInstanceIntegration",
)
IS_COMPLETE_CAMPAIGNS_ACTIONS = (
    "connect-campaigns:GetInstanceOnboardingJobStatus",
    "connect-campaigns:PutConnectInstanceIntegration",
    "connect-campaigns:DeleteConnectInstanceIntegration",
)
#: What enabling and disabling outbound campaigns needs besides (Amazon Connect Administrator
#: Guide, "Enable outbound campaigns" / the console permissions page, "Enable/disable outbound
#: campaigns"), each scoped as narrowly as its resource type allows.
INSTANCE_ACTIONS = (
    "connect:DescribeInstance",
    "connect:DescribeInstanceAttribute",
    "connect:UpdateInstanceAttribute",
)
UNSCOPED_ACTIONS = ("connect:ListInstances", "ds:DescribeDirectories", "kms:ListAliases")
SERVICE_LINKED_ROLE_ACTIONS = ("iam:AttachRolePolicy", "iam:PutRolePolicy", "iam:DeleteRolePolicy")
EVENT_RULE_ACTIONS = (
    "events:PutRule",
    "events:PutTargets",
    "events:DeleteRule",
    "events:RemoveTargets",
    "events:DescribeRule",
)
KEY_ACTIONS = ("kms:DescribeKey", "kms:CreateGrant", "kms:RetireGrant")
CAMPAIGNS_SERVICE = "connect-campaigns.amazonaws.com"

# Handler roles and the grants each already holds (once per provider).
_GRANTED: weakref.WeakKeyDictionary[HandlerProvider, set[str]] = weakref.WeakKeyDictionary()


def onboarding_provider(scope: Construct) -> HandlerProvider:
    """The stack's onboarding provider, created on first use."""
    provider = HandlerProvider.of(
        scope,
        PROVIDER_ID,
        handler_package="campaigns_onboarding",
        description="Outbound campaigns onboarding",
        timeout=HANDLER_TIMEOUT,
        memory_size=HANDLER_MEMORY_MB,
        with_is_complete=True,
        total_timeout=Duration.seconds(PROVIDER_TOTAL_TIMEOUT_SECONDS),
        query_interval=Duration.seconds(PROVIDER_QUERY_INTERVAL_SECONDS),
    )
    granted = _GRANTED.setdefault(provider, set())
    if "*" not in granted:
        granted.add("*")
        _grant_account_wide(provider)
    return provider


def _grant_account_wide(provider: HandlerProvider) -> None:
    stack = Stack.of(provider)
    on_event = provider.on_event.role
    on_event.add_to_principal_policy(
        iam.PolicyStatement(
            actions=[*ON_EVENT_CAMPAIGNS_ACTIONS, *UNSCOPED_ACTIONS], resources=["*"]
        )
    )
    acknowledge_wildcard_resource(
        on_event,
        "*",
        "the connect-campaigns onboarding and instance-integration actions, "
        "connect:ListInstances, ds:DescribeDirectories and kms:ListAliases have no resource "
        "type in the Service Authorization Reference, so they take only Resource '*'",
    )
    slr_path = stack.format_arn(
        service="iam",
        region="",
        resource="role",
        resource_name=f"aws-service-role/{CAMPAIGNS_SERVICE}/*",
    )
    on_event.add_to_principal_policy(
        iam.PolicyStatement(
            actions=["iam:CreateServiceLinkedRole"],
            resources=[slr_path],
            conditions={"StringEquals": {"iam:AWSServiceName": CAMPAIGNS_SERVICE}},
        )
    )
    on_event.add_to_principal_policy(
        iam.PolicyStatement(actions=list(SERVICE_LINKED_ROLE_ACTIONS), resources=[slr_path])
    )
    acknowledge_wildcard_resource(
        on_event,
        slr_path,
        "onboarding creates the outbound campaigns service-linked role, whose name the service "
        "chooses (AWSServiceRoleForConnectCampaigns_<suffix>); the statements are limited to "
        "that service's service-linked role path",
    )
    rules = stack.format_arn(service="events", resource="rule", resource_name="*")
    on_event.add_to_principal_policy(
        iam.PolicyStatement(actions=list(EVENT_RULE_ACTIONS), resources=[rules])
    )
    acknowledge_wildcard_resource(
        on_event,
        rules,
        "onboarding creates (and offboarding deletes) EventBridge rules that the service names; "
        "the statement is limited to this account's and region's rules",
    )
    assert provider.is_complete is not None
    is_complete = provider.is_complete.role
    is_complete.add_to_principal_policy(
        iam.PolicyStatement(actions=list(IS_COMPLETE_CAMPAIGNS_ACTIONS), resources=["*"])
    )
    acknowledge_wildcard_resource(
        is_complete,
        "*",
        "GetInstanceOnboardingJobStatus and the instance-integration actions have no resource "
        "type in the Service Authorization Reference, so they take only Resource '*'",
    )


def _grant_instance(
    provider: HandlerProvider,
    instance: IConnectInstance,
    key: kms.IKey | None,
    domain: IProfilesDomain | None,
) -> None:
    granted = _GRANTED.setdefault(provider, set())
    roles = [provider.on_event.role]
    if provider.is_complete is not None:
        roles.append(provider.is_complete.role)
    if instance.instance_arn not in granted:
        granted.add(instance.instance_arn)
        for role in roles:
            role.add_to_principal_policy(
                iam.PolicyStatement(
                    actions=list(INSTANCE_ACTIONS), resources=[instance.instance_arn]
                )
            )
    if key is not None and key.key_arn not in granted:
        granted.add(key.key_arn)
        provider.on_event.role.add_to_principal_policy(
            iam.PolicyStatement(actions=list(KEY_ACTIONS), resources=[key.key_arn])
        )
    if domain is not None and domain.domain_arn not in granted:
        granted.add(domain.domain_arn)
        for role in roles:
            role.add_to_principal_policy(
                iam.PolicyStatement(actions=["profile:GetDomain"], resources=[domain.domain_arn])
            )


@checked_props
class OutboundCampaignsOnboarding(Construct):
    """Onboards an Amazon Connect instance to outbound campaigns (v2) and integrates its
    Customer Profiles domain: ``StartInstanceOnboardingJob`` (waiting for the job),
    ``PutConnectInstanceIntegration``; on delete, ``DeleteConnectInstanceIntegration`` and
    ``DeleteInstanceOnboardingJob``. Pass it to each campaign's ``onboarding`` so campaigns
    are created after it and deleted before it.

    An instance already onboarded outside this stack is taken over (the service can't tell
    who onboarded it) when its onboarding uses the same encryption (``encryption_key``, or
    none for both); one onboarded with another key fails the create with a message naming
    both keys. Deleting this resource offboards the instance only when the stack created the
    instance (see ``offboard_on_delete``).

    :param instance: the instance to onboard.
    :param encryption_key: a customer managed KMS key for the campaign data. Default: the
        service's own key. It can't change once the instance is onboarded (an update that
        changes it fails with a message saying how to proceed).
    :param profiles_domain: the Customer Profiles domain whose profiles campaigns reach.
        Default: none (no integration).
    :param object_type_names: event type → object type name for the integration (keys from
        the API's ``EventType``). Default: :data:`DEFAULT_OBJECT_TYPE_NAMES`.
    :param offboard_on_delete: whether deleting this resource offboards the instance
        (``DeleteInstanceOnboardingJob``, which stops every campaign on it). Default: ``True``
        for a :class:`ConnectInstance` this app defines, ``False`` for any other instance (e.g.
        :meth:`ConnectInstance.from_instance_arn`): the stack didn't create that instance,
        which may be shared, and offboarding it would break campaigns outside the stack.
    """

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        instance: IConnectInstance,
        encryption_key: kms.IKey | None = None,
        profiles_domain: IProfilesDomain | None = None,
        object_type_names: Mapping[str, str] | None = None,
        offboard_on_delete: bool | None = None,
    ) -> None:
        super().__init__(scope, id)
        if not hasattr(instance, "instance_id"):
            raise TypeError(
                f"instance must be an IConnectInstance, got {type(instance).__name__}: {instance!r}"
            )
        if encryption_key is not None and not hasattr(encryption_key, "key_arn"):
            raise TypeError(
                "encryption_key must be an aws_kms.IKey, "
                f"got {type(encryption_key).__name__}: {encryption_key!r}"
            )
        if profiles_domain is not None and not hasattr(profiles_domain, "domain_arn"):
            raise TypeError(
                "profiles_domain must be an IProfilesDomain, "
                f"got {type(profiles_domain).__name__}: {profiles_domain!r}"
            )
        if offboard_on_delete is None:
            offboard_on_delete = isinstance(instance, ConnectInstance)
        require_bool("offboard_on_delete", offboard_on_delete)
        names = dict(DEFAULT_OBJECT_TYPE_NAMES if object_type_names is None else object_type_names)
        for event_type, object_type in names.items():
            # API shapes ObjectTypeNamesMap (EventType keys) and ObjectTypeName (1-255).
            if event_type not in EVENT_TYPES:
                raise ValueError(
                    "object_type_names keys must be campaign event types "
                    f"({', '.join(sorted(EVENT_TYPES))}), got {event_type!r}"
                )
            if not isinstance(object_type, str) or not 1 <= len(object_type) <= 255:
                raise ValueError(
                    f"object_type_names[{event_type!r}] must be 1 to 255 characters, "
                    f"got {object_type!r}"
                )
        provider = onboarding_provider(self)
        _grant_instance(provider, instance, encryption_key, profiles_domain)
        properties: dict[str, str] = {
            "ConnectInstanceId": instance.instance_id,
            "ObjectTypeNames": json.dumps(names, sort_keys=True),
            "OffboardOnDelete": "true" if offboard_on_delete else "false",
        }
        if encryption_key is not None:
            properties["KmsKeyArn"] = encryption_key.key_arn
        if profiles_domain is not None:
            properties["ProfilesDomainArn"] = profiles_domain.domain_arn
        self._resource = CustomResource(
            self,
            "Resource",
            service_token=provider.service_token,
            resource_type="Custom::OutboundCampaignsOnboarding",
            properties=properties,
        )
        # A domain named by a literal ARN is not referenced by the properties: order it
        # explicitly (a token ARN already orders it; repeating that is cfn-lint's W3005).
        if (
            profiles_domain is not None
            and not is_unresolved(profiles_domain.domain_arn)
            and isinstance(profiles_domain, Construct)
        ):
            self._resource.node.add_dependency(profiles_domain)
        self.instance = instance
        self.profiles_domain = profiles_domain
        self.encryption_key = encryption_key
