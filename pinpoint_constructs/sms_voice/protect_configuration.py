"""Protect configurations (``AWS::SMSVOICE::ProtectConfiguration``): which countries messages
may go to, per channel."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Any, Protocol

from aws_cdk import IResource, Resource
from aws_cdk import aws_smsvoice as smsvoice
from constructs import Construct

from .._props import checked_props
from .._validation import require_bool, require_enum
from ._rules import check_country
from ._service import sms_voice_arn


class ProtectStatus(enum.Enum):
    """What happens to messages for a country (schema ``CountryRule.ProtectStatus``)."""

    ALLOW = "ALLOW"
    BLOCK = "BLOCK"
    #: Send, and report what would have been blocked.
    MONITOR = "MONITOR"
    #: Send, filtering messages AWS judges likely fraudulent.
    FILTER = "FILTER"


class IProtectConfiguration(IResource, Protocol):
    """A protect configuration, defined in this app or imported."""

    @property
    def protect_configuration_id(self) -> str:
        """The configuration's id (``protect-...``)."""
        ...

    @property
    def protect_configuration_arn(self) -> str:
        """``arn:<partition>:sms-voice:<region>:<account>:protect-configuration/<id>``."""
        ...


class _ImportedProtectConfiguration(Resource):
    def __init__(self, scope: Construct, id: str, *, config_id: str, arn: str) -> None:
        super().__init__(scope, id, environment_from_arn=arn)
        self._id = config_id
        self._arn = arn

    @property
    def protect_configuration_id(self) -> str:
        return self._id

    @property
    def protect_configuration_arn(self) -> str:
        return self._arn


def _rules(prop: str, rules: Mapping[str, ProtectStatus] | None) -> list[Any] | None:
    if rules is None:
        return None
    if not isinstance(rules, Mapping):
        raise TypeError(f"{prop} must map country codes to ProtectStatus, got {rules!r}")
    result = []
    for country, status in rules.items():
        check_country(prop, country)
        result.append(
            smsvoice.CfnProtectConfiguration.CountryRuleProperty(
                country_code=country,
                protect_status=require_enum(prop, status, ProtectStatus).value,
            )
        )
    return result


@checked_props
class ProtectConfiguration(Resource):
    """A protect configuration (``AWS::SMSVOICE::ProtectConfiguration``, construct id
    ``Resource``): per channel, the countries whose messages are allowed, blocked, monitored or
    filtered. Countries not named keep the service's rule (allowed).

    Example::

        protect = ProtectConfiguration(self, "Protect",
            sms_country_rules={"US": ProtectStatus.ALLOW, "KP": ProtectStatus.BLOCK},
        )
        ConfigurationSet(self, "ConfigSet", protect_configuration=protect)

    Making it the account default (``SetAccountDefaultProtectConfiguration``) is not in
    CloudFormation; attach it to configuration sets instead, or call the API.
    """

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        sms_country_rules: Mapping[str, ProtectStatus] | None = None,
        voice_country_rules: Mapping[str, ProtectStatus] | None = None,
        mms_country_rules: Mapping[str, ProtectStatus] | None = None,
        deletion_protection: bool = False,
    ) -> None:
        """
        :param sms_country_rules: ISO 3166-1 alpha-2 country code to status, for SMS.
            Default: no rules.
        :param voice_country_rules: The same for voice. Default: no rules.
        :param mms_country_rules: The same for MMS. Default: no rules.
        :param deletion_protection: Default: ``False``.
        """
        super().__init__(scope, id)
        require_bool("deletion_protection", deletion_protection)
        sms = _rules("sms_country_rules", sms_country_rules)
        voice = _rules("voice_country_rules", voice_country_rules)
        mms = _rules("mms_country_rules", mms_country_rules)
        rule_set = None
        if sms or voice or mms:
            rule_set = smsvoice.CfnProtectConfiguration.CountryRuleSetProperty(
                sms=sms or None, voice=voice or None, mms=mms or None
            )
        self._resource = smsvoice.CfnProtectConfiguration(
            self,
            "Resource",
            country_rule_set=rule_set,
            deletion_protection_enabled=deletion_protection or None,
        )
        self.protect_configuration_id: str = self._resource.attr_protect_configuration_id
        """The configuration's id."""
        self.protect_configuration_arn: str = self._resource.attr_arn
        """The configuration's ARN."""

    @staticmethod
    def from_protect_configuration_id(
        scope: Construct, id: str, protect_configuration_id: str
    ) -> IProtectConfiguration:
        """Import a protect configuration of this stack's account and region by its id."""
        arn = sms_voice_arn(scope, "protect-configuration", protect_configuration_id)
        return _ImportedProtectConfiguration(scope, id, config_id=protect_configuration_id, arn=arn)
