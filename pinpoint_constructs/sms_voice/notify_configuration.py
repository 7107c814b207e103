"""Notify configurations (``AWS::SMSVOICE::NotifyConfiguration``): one-time-code messages
from templates AWS manages."""

from __future__ import annotations

import enum
import re
from collections.abc import Sequence

from aws_cdk import Resource
from aws_cdk import aws_smsvoice as smsvoice
from constructs import Construct

from .._props import checked_props
from .._validation import (
    check_length,
    check_pattern,
    require_bool,
    require_enum,
)
from ._rules import check_countries, enum_list
from ._service import acknowledge_unknown_to_cdk_validation
from .origination import IOriginationIdentity, Pool

#: Display names: 1 to 15 letters, digits, underscores, spaces or hyphens (schema
#: ``NotifyConfiguration.DisplayName``).
DISPLAY_NAME_MAX_LENGTH = 15
_DISPLAY_NAME = re.compile(r"[A-Za-z0-9_ -]+")
#: Template ids: at most 256 letters, digits, underscores or hyphens (schema
#: ``DefaultTemplateId``).
_TEMPLATE_ID = re.compile(r"[A-Za-z0-9_-]*")
#: At most 300 enabled countries (schema ``EnabledCountries``: ``maxItems`` 300).
MAX_ENABLED_COUNTRIES = 300


class NotifyUseCase(enum.Enum):
    """What a notify configuration sends (schema ``UseCase``)."""

    CODE_VERIFICATION = "CODE_VERIFICATION"


class NotifyChannel(enum.Enum):
    """The channels of a notify configuration (schema ``EnabledChannels``)."""

    SMS = "SMS"
    VOICE = "VOICE"
    MMS = "MMS"
    RCS = "RCS"


@checked_props
class NotifyConfiguration(Resource):
    """A notify configuration (``AWS::SMSVOICE::NotifyConfiguration``, construct id
    ``Resource``).

    Example::

        NotifyConfiguration(self, "Codes",
            display_name="Example",
            enabled_channels=[NotifyChannel.SMS],
            enabled_countries=["US", "CA"],
        )
    """

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        display_name: str,
        enabled_channels: Sequence[NotifyChannel],
        use_case: NotifyUseCase = NotifyUseCase.CODE_VERIFICATION,
        enabled_countries: Sequence[str] | None = None,
        default_template_id: str | None = None,
        pool: IOriginationIdentity | None = None,
        deletion_protection: bool = False,
    ) -> None:
        """
        :param display_name: The name recipients see, 1 to 15 letters, digits, underscores,
            spaces or hyphens. Changing it replaces the configuration.
        :param enabled_channels: 1 to 4 channels, no repeats.
        :param use_case: Default: ``CODE_VERIFICATION`` (the only one). Changing it replaces
            the configuration.
        :param enabled_countries: ISO 3166-1 alpha-2 codes, at most 300. Default: the
            service's choice.
        :param default_template_id: Default: the service's template.
        :param pool: The pool messages go out from (a ``Pool`` or an imported pool), given
            by ARN (schema ``PoolId`` takes an id or an ARN). Default: the service's numbers.
        :param deletion_protection: Default: ``False``.
        """
        super().__init__(scope, id)
        check_length("display_name", display_name, DISPLAY_NAME_MAX_LENGTH)
        check_pattern(
            "display_name",
            display_name,
            _DISPLAY_NAME,
            "letters, digits, underscores, spaces or hyphens",
        )
        # No uniqueItems on EnabledChannels (schema) or NotifyEnabledChannelsList (API).
        channels = enum_list("enabled_channels", enabled_channels, NotifyChannel, unique=False)
        countries = (
            None
            if enabled_countries is None
            else check_countries(
                "enabled_countries", enabled_countries, maximum=MAX_ENABLED_COUNTRIES
            )
        )
        if default_template_id is not None:
            # maxLength 256, no minLength (schema); API NotifyTemplateId: min 0.
            check_length("default_template_id", default_template_id, 256, minimum=0)
            check_pattern(
                "default_template_id",
                default_template_id,
                _TEMPLATE_ID,
                "letters, digits, underscores or hyphens",
            )
        if pool is not None and not (isinstance(pool, Pool) or getattr(pool, "is_pool", False)):
            raise TypeError(f"pool must be a Pool or an imported pool, got {type(pool).__name__}")
        require_bool("deletion_protection", deletion_protection)
        self._resource = smsvoice.CfnNotifyConfiguration(
            self,
            "Resource",
            display_name=display_name,
            use_case=require_enum("use_case", use_case, NotifyUseCase).value,
            enabled_channels=[c.value for c in channels],
            enabled_countries=countries,
            default_template_id=default_template_id,
            pool_id=pool.origination_identity_arn if pool else None,
            deletion_protection_enabled=deletion_protection or None,
        )
        acknowledge_unknown_to_cdk_validation(self._resource, "AWS::SMSVOICE::NotifyConfiguration")
        self.notify_configuration_id: str = self._resource.attr_notify_configuration_id
        """The configuration's id."""
        self.notify_configuration_arn: str = self._resource.attr_notify_configuration_arn
        """The configuration's ARN."""
