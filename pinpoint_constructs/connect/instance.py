"""Amazon Connect instances (``AWS::Connect::Instance``) set up for outbound campaigns."""

from __future__ import annotations

import enum
import re
from typing import TYPE_CHECKING, Protocol

from aws_cdk import Arn, ArnFormat, IResource, Names, Resource
from aws_cdk import aws_connect as connect
from aws_cdk import aws_customerprofiles as customerprofiles
from constructs import Construct

from .._props import checked_props
from .._validation import (
    check_length,
    check_pattern,
    is_unresolved,
    require_bool,
    require_enum,
)

if TYPE_CHECKING:
    from ..profiles import IProfilesDomain

#: An instance alias (schema ``AWS::Connect::Instance`` ``InstanceAlias``: 1 to 45 characters,
#: pattern ``^(?!d-)([\da-zA-Z]+)([-]*[\da-zA-Z])*$``).
INSTANCE_ALIAS_MAX_LENGTH = 45
_INSTANCE_ALIAS = re.compile(r"(?!d-)([\da-zA-Z]+)([-]*[\da-zA-Z])*")
#: A directory id (schema ``DirectoryId``: ``^d-[0-9a-f]{10}$``).
_DIRECTORY_ID = re.compile(r"d-[0-9a-f]{10}")
#: The object type of the Customer Profiles integration that associates a domain with a Connect
#: instance: its contact records (the composition of AWS's Amplify notifications construct,
#: ``CfnIntegration`` with the instance ARN as ``uri`` and ``objectTypeName: 'CTR'``).
CONNECT_INTEGRATION_OBJECT_TYPE = "CTR"


class IdentityManagementType(enum.Enum):
    """How the instance's users are managed (schema ``IdentityManagementType``)."""

    CONNECT_MANAGED = "CONNECT_MANAGED"
    SAML = "SAML"
    EXISTING_DIRECTORY = "EXISTING_DIRECTORY"


class IConnectInstance(IResource, Protocol):
    """An Amazon Connect instance, defined here or imported."""

    @property
    def instance_id(self) -> str:
        """The instance id (the last part of its ARN)."""
        ...

    @property
    def instance_arn(self) -> str:
        """The instance ARN (``arn:aws:connect:<region>:<account>:instance/<id>``)."""
        ...


def instance_id_of(prop: str, instance_arn: str) -> str:
    """The ``<id>`` of ``arn:...:connect:...:instance/<id>`` (a token for a token ARN)."""
    split = Arn.split(instance_arn, ArnFormat.SLASH_RESOURCE_NAME)
    if split.resource_name is None or (
        not is_unresolved(split.resource) and split.resource != "instance"
    ):
        raise ValueError(
            f"{prop} must be an Amazon Connect instance ARN "
            f"(arn:aws:connect:<region>:<account>:instance/<id>), got {instance_arn!r}"
        )
    if not is_unresolved(split.service) and split.service != "connect":
        raise ValueError(
            f"{prop} must be an Amazon Connect instance ARN (service connect), got {instance_arn!r}"
        )
    return split.resource_name


class _ImportedInstance(Resource):
    def __init__(self, scope: Construct, id: str, instance_arn: str) -> None:
        super().__init__(scope, id, environment_from_arn=instance_arn)
        self.instance_arn = instance_arn
        self.instance_id = instance_id_of("instance_arn", instance_arn)


@checked_props
class ConnectInstance(Resource):
    """An Amazon Connect instance with outbound calls and high-volume outbound communications
    turned on: what outbound campaigns (v2) need (schema ``Attributes.OutboundCalls`` and
    ``HighVolumeOutBound``; the Amplify notifications construct turns on the same two).

    To use an existing instance, :meth:`from_instance_arn`. Onboarding the instance to
    outbound campaigns, which CloudFormation can't do, is
    :class:`~pinpoint_constructs.connect.OutboundCampaignsOnboarding`.

    :param instance_alias: the instance's alias, 1 to 45 letters, digits and hyphens, not
        starting with ``d-`` (schema ``InstanceAlias``); it names the instance's access URL
        (``https://<alias>.my.connect.aws``), so it must be unused across AWS. Required by
        the service for ``CONNECT_MANAGED`` and ``SAML``. Default: a name made from the
        construct path. Changing it replaces the instance.
    :param identity_management_type: how users are managed. Default: ``CONNECT_MANAGED``.
        Changing it replaces the instance.
    :param directory_id: the AWS Directory Service directory, for ``EXISTING_DIRECTORY``
        (``d-`` and ten hex digits). Default: none.
    :param inbound_calls: whether the instance takes inbound calls. Default: ``False`` (an
        outbound-only instance).
    :param contact_flow_logs: whether flows write logs to CloudWatch. Default: ``True``.
    :param profiles_domain: the Customer Profiles domain to associate with the instance (an
        ``AWS::CustomerProfiles::Integration`` with the instance ARN as ``Uri`` and object
        type ``CTR``). Default: none; associate one with :meth:`associate_profiles_domain`.
    """

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        instance_alias: str | None = None,
        identity_management_type: IdentityManagementType = IdentityManagementType.CONNECT_MANAGED,
        directory_id: str | None = None,
        inbound_calls: bool = False,
        contact_flow_logs: bool = True,
        profiles_domain: IProfilesDomain | None = None,
    ) -> None:
        super().__init__(scope, id)
        management = require_enum(
            "identity_management_type", identity_management_type, IdentityManagementType
        )
        require_bool("inbound_calls", inbound_calls)
        require_bool("contact_flow_logs", contact_flow_logs)
        if instance_alias is None and management is not IdentityManagementType.EXISTING_DIRECTORY:
            instance_alias = Names.unique_resource_name(
                self, max_length=INSTANCE_ALIAS_MAX_LENGTH, separator="-"
            ).lower()
        check_length("instance_alias", instance_alias, INSTANCE_ALIAS_MAX_LENGTH)
        check_pattern(
            "instance_alias",
            instance_alias,
            _INSTANCE_ALIAS,
            "letters, digits and hyphens, starting with a letter or digit, ending with a letter "
            "or digit, and not starting with d-",
        )
        check_pattern("directory_id", directory_id, _DIRECTORY_ID, "d- and ten hex digits")
        # CreateInstance (Connect API reference): DirectoryId is required for
        # EXISTING_DIRECTORY and not allowed otherwise.
        if (management is IdentityManagementType.EXISTING_DIRECTORY) != (directory_id is not None):
            raise ValueError(
                "directory_id is required with identity_management_type EXISTING_DIRECTORY "
                f"and only with it, got directory_id={directory_id!r} and "
                f"identity_management_type={management.name}"
            )
        self._resource = connect.CfnInstance(
            self,
            "Resource",
            identity_management_type=management.value,
            instance_alias=instance_alias,
            directory_id=directory_id,
            attributes=connect.CfnInstance.AttributesProperty(
                inbound_calls=inbound_calls,
                outbound_calls=True,
                high_volume_out_bound=True,
                contactflow_logs=contact_flow_logs,
            ),
        )
        #: The instance ARN.
        self.instance_arn: str = self._resource.attr_arn
        #: The instance id.
        self.instance_id: str = self._resource.attr_id
        #: The alias (``None`` for an ``EXISTING_DIRECTORY`` instance, whose alias the
        #: directory gives).
        self.instance_alias = instance_alias
        self.profiles_domain: IProfilesDomain | None = None
        if profiles_domain is not None:
            self.associate_profiles_domain(profiles_domain)

    @property
    def resource(self) -> connect.CfnInstance:
        """The L1 ``AWS::Connect::Instance`` (escape hatch)."""
        return self._resource

    def associate_profiles_domain(self, domain: IProfilesDomain) -> customerprofiles.CfnIntegration:
        """Associate the Customer Profiles ``domain`` with this instance (one per instance):
        an ``AWS::CustomerProfiles::Integration`` in the domain with this instance's ARN as
        ``Uri`` and the ``CTR`` object type, as the Connect console's "Enable Customer
        Profiles" does. The instance's service-linked role reaches only domains whose name
        starts with ``amazon-connect-`` (the naming the Amplify notifications construct
        follows for the same reason), so name the domain that way."""
        if self.profiles_domain is not None:
            raise ValueError(
                "an Amazon Connect instance has one Customer Profiles domain; this one already "
                f"has {self.profiles_domain.domain_name!r}"
            )
        if not hasattr(domain, "domain_name"):
            raise TypeError(
                f"domain must be an IProfilesDomain, got {type(domain).__name__}: {domain!r}"
            )
        self.profiles_domain = domain
        integration = customerprofiles.CfnIntegration(
            self,
            "ProfilesIntegration",
            domain_name=domain.domain_name,
            uri=self.instance_arn,
            object_type_name=CONNECT_INTEGRATION_OBJECT_TYPE,
        )
        # A literal domain name doesn't order the integration after the domain; a token does
        # (and repeating that is cfn-lint's W3005).
        if not is_unresolved(domain.domain_name) and isinstance(domain, Construct):
            integration.node.add_dependency(domain)
        return integration

    @staticmethod
    def from_instance_arn(scope: Construct, id: str, instance_arn: str) -> IConnectInstance:
        """An existing instance, by ARN (its id is the ARN's last part)."""
        return _ImportedInstance(scope, id, instance_arn)
