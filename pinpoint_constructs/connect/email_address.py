"""Email addresses of an Amazon Connect instance (``AWS::Connect::EmailAddress``)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Protocol

from aws_cdk import IResource, Resource
from aws_cdk import aws_connect as connect
from constructs import Construct

from .._props import checked_props
from .._validation import check_length, check_pattern

if TYPE_CHECKING:
    from .instance import IConnectInstance

#: The address (schema ``EmailAddress``: 1 to 255 characters, pattern
#: ``([^\s@]+@[^\s@]+\.[^\s@]+)``).
EMAIL_ADDRESS_MAX_LENGTH = 255
_EMAIL_ADDRESS = re.compile(r"[^\s@]+@[^\s@]+\.[^\s@]+")
#: The display name (schema ``DisplayName``: at most 256 characters, no leading or trailing
#: whitespace: ``(^[\S].*[\S]$)|(^[\S]$)``).
DISPLAY_NAME_MAX_LENGTH = 256
#: The description (schema ``Description``: 1 to 250 characters, same whitespace rule).
DESCRIPTION_MAX_LENGTH = 250
_TRIMMED = re.compile(r"\S(?:.*\S)?", re.DOTALL)
_EMAIL_ADDRESS_ARN = re.compile(r"arn:[^:]+:connect:[^:]*:[^:]*:instance/[^/]+/email-address/[^/]+")


class IConnectEmailAddress(IResource, Protocol):
    """An email address of an Amazon Connect instance, defined here or imported."""

    @property
    def email_address_arn(self) -> str:
        """The address's ARN (``...:instance/<id>/email-address/<id>``)."""
        ...

    @property
    def email_address(self) -> str:
        """The address (``news@example.com``)."""
        ...


class _ImportedEmailAddress(Resource):
    def __init__(
        self, scope: Construct, id: str, email_address_arn: str, email_address: str | None
    ) -> None:
        super().__init__(scope, id, environment_from_arn=email_address_arn)
        check_pattern(
            "email_address_arn",
            email_address_arn,
            _EMAIL_ADDRESS_ARN,
            "an Amazon Connect email address ARN (...:instance/<id>/email-address/<id>)",
        )
        self.email_address_arn = email_address_arn
        self._email_address = email_address

    @property
    def email_address(self) -> str:
        if self._email_address is None:
            raise ValueError(
                "this imported email address has no address: pass email_address to "
                "ConnectEmailAddress.from_email_address_arn(...)"
            )
        return self._email_address


@checked_props
class ConnectEmailAddress(Resource):
    """An email address an Amazon Connect instance sends from (and receives at). Its domain
    must be one the instance can send from (a Connect-provided domain, or an SES domain
    identity associated with the instance).

    :param instance: the instance.
    :param email_address: the address (``news@example.com``), 1 to 255 characters. Changing
        it replaces the resource.
    :param display_name: the name recipients see, at most 256 characters without leading or
        trailing whitespace. Default: none.
    :param description: 1 to 250 characters without leading or trailing whitespace. Default:
        none.
    """

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        instance: IConnectInstance,
        email_address: str,
        display_name: str | None = None,
        description: str | None = None,
    ) -> None:
        super().__init__(scope, id)
        if not hasattr(instance, "instance_arn"):
            raise TypeError(
                f"instance must be an IConnectInstance, got {type(instance).__name__}: {instance!r}"
            )
        check_length("email_address", email_address, EMAIL_ADDRESS_MAX_LENGTH)
        check_pattern(
            "email_address", email_address, _EMAIL_ADDRESS, "an email address (news@example.com)"
        )
        check_length("display_name", display_name, DISPLAY_NAME_MAX_LENGTH, minimum=0)
        if display_name:
            check_pattern(
                "display_name", display_name, _TRIMMED, "text without leading or trailing spaces"
            )
        check_length("description", description, DESCRIPTION_MAX_LENGTH)
        check_pattern(
            "description", description, _TRIMMED, "text without leading or trailing spaces"
        )
        self._resource = connect.CfnEmailAddress(
            self,
            "Resource",
            instance_arn=instance.instance_arn,
            email_address=email_address,
            display_name=display_name,
            description=description,
        )
        #: The address's ARN.
        self.email_address_arn: str = self._resource.attr_email_address_arn
        #: The address.
        self.email_address = email_address
        #: The display name, if any.
        self.display_name = display_name

    @property
    def resource(self) -> connect.CfnEmailAddress:
        """The L1 ``AWS::Connect::EmailAddress`` (escape hatch)."""
        return self._resource

    @staticmethod
    def from_email_address_arn(
        scope: Construct, id: str, email_address_arn: str, *, email_address: str | None = None
    ) -> IConnectEmailAddress:
        """An existing address, by ARN; ``email_address`` if something reads it (a campaign
        sends from the address, so an imported address used by a campaign needs it)."""
        return _ImportedEmailAddress(scope, id, email_address_arn, email_address)
