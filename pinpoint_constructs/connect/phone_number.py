"""Phone numbers claimed for or imported into an Amazon Connect instance
(``AWS::Connect::PhoneNumber``)."""

from __future__ import annotations

import enum
import re
from typing import TYPE_CHECKING, Protocol

from aws_cdk import IResource, Resource
from aws_cdk import aws_connect as connect
from constructs import Construct

from .._props import checked_props
from .._validation import check_length, check_pattern, is_unresolved, require_enum
from ..sms_voice._service import resource_name_of

if TYPE_CHECKING:
    from ..sms_voice import IOriginationIdentity
    from .instance import IConnectInstance

#: A country code (schema ``CountryCode``: ``^[A-Z]{2}``, ISO 3166-1 alpha-2).
_COUNTRY_CODE = re.compile(r"[A-Z]{2}")
#: A prefix (schema ``Prefix``: ``^\+[0-9]{1,15}``).
_PREFIX = re.compile(r"\+[0-9]{1,15}")
#: A description (schema ``Description``: 1 to 500 characters).
DESCRIPTION_MAX_LENGTH = 500


class ConnectPhoneNumberType(enum.Enum):
    """The kind of number to claim (schema ``Type``)."""

    TOLL_FREE = "TOLL_FREE"
    DID = "DID"
    UIFN = "UIFN"
    SHARED = "SHARED"
    THIRD_PARTY_DID = "THIRD_PARTY_DID"
    THIRD_PARTY_TF = "THIRD_PARTY_TF"
    SHORT_CODE = "SHORT_CODE"


class IConnectPhoneNumber(IResource, Protocol):
    """A phone number of an Amazon Connect instance, defined here or imported."""

    @property
    def phone_number_arn(self) -> str:
        """The number's ARN (``arn:aws:connect:<region>:<account>:phone-number/<id>``)."""
        ...

    @property
    def phone_number(self) -> str:
        """The number in E.164 (``+4930...``); a token until deploy time."""
        ...


class _ImportedPhoneNumber(Resource):
    def __init__(
        self, scope: Construct, id: str, phone_number_arn: str, phone_number: str | None
    ) -> None:
        super().__init__(scope, id, environment_from_arn=phone_number_arn)
        resource_name_of("phone_number_arn", phone_number_arn, "phone-number")
        self.phone_number_arn = phone_number_arn
        self._phone_number = phone_number

    @property
    def phone_number(self) -> str:
        if self._phone_number is None:
            raise ValueError(
                "this imported phone number has no address: pass phone_number to "
                "ConnectPhoneNumber.from_phone_number_arn(...)"
            )
        return self._phone_number


@checked_props
class ConnectPhoneNumber(Resource):
    """A phone number of an Amazon Connect instance: claimed from Connect's inventory
    (``country_code`` + ``number_type``), or imported from AWS End User Messaging SMS
    (``source_phone_number``), which is how an SMS campaign gets its origination number.

    :param instance: the instance that gets the number.
    :param country_code: the ISO country code of a number to claim (``DE``, ``US``). Default:
        none (required unless ``source_phone_number``). Changing it replaces the number.
    :param number_type: the kind of number to claim. Default: none (required with
        ``country_code``). Changing it replaces the number.
    :param prefix: the prefix a claimed number starts with (``+4930``). Default: any.
    :param source_phone_number: an End User Messaging SMS phone number to import into
        Connect instead of claiming one (schema ``SourcePhoneNumberArn``). Default: none.
    :param description: 1 to 500 characters. Default: none.
    """

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        instance: IConnectInstance,
        country_code: str | None = None,
        number_type: ConnectPhoneNumberType | None = None,
        prefix: str | None = None,
        source_phone_number: IOriginationIdentity | None = None,
        description: str | None = None,
    ) -> None:
        super().__init__(scope, id)
        if not hasattr(instance, "instance_arn"):
            raise TypeError(
                f"instance must be an IConnectInstance, got {type(instance).__name__}: {instance!r}"
            )
        claim = country_code is not None or number_type is not None or prefix is not None
        # Connect API reference: ClaimPhoneNumber takes a number found by
        # SearchAvailablePhoneNumbers (country code + type), ImportPhoneNumber a
        # SourcePhoneNumberArn; one resource is one or the other.
        if claim == (source_phone_number is not None):
            raise ValueError(
                "ConnectPhoneNumber takes either country_code and number_type (claim a number) "
                "or source_phone_number (import an End User Messaging number), got "
                f"country_code={country_code!r}, number_type={number_type!r}, "
                f"source_phone_number={source_phone_number!r}"
            )
        if claim and (country_code is None or number_type is None):
            raise ValueError(
                "ConnectPhoneNumber needs both country_code and number_type to claim a number, "
                f"got country_code={country_code!r}, number_type={number_type!r}"
            )
        check_pattern("country_code", country_code, _COUNTRY_CODE, "two capital letters (DE)")
        check_pattern("prefix", prefix, _PREFIX, "+ and 1 to 15 digits (+4930)")
        check_length("description", description, DESCRIPTION_MAX_LENGTH)
        source_arn = None
        if source_phone_number is not None:
            source_arn = getattr(source_phone_number, "origination_identity_arn", None)
            if source_arn is None:
                raise TypeError(
                    "source_phone_number must be an End User Messaging SMS phone number "
                    "(sms_voice.PhoneNumber or PhoneNumber.from_phone_number_arn), "
                    f"got {type(source_phone_number).__name__}: {source_phone_number!r}"
                )
            # Schema SourcePhoneNumberArn, Connect ImportPhoneNumber: a phone number's ARN
            # (a pool or sender ID can't be imported).
            if not is_unresolved(source_arn) and ":phone-number/" not in source_arn:
                raise ValueError(
                    "source_phone_number must be a phone number (its ARN has phone-number/), "
                    f"got {source_arn!r}"
                )
        self._resource = connect.CfnPhoneNumber(
            self,
            "Resource",
            target_arn=instance.instance_arn,
            country_code=country_code,
            type=None
            if number_type is None
            else require_enum("number_type", number_type, ConnectPhoneNumberType).value,
            prefix=prefix,
            source_phone_number_arn=source_arn,
            description=description,
        )
        #: The number's ARN.
        self.phone_number_arn: str = self._resource.attr_phone_number_arn
        #: The number in E.164 (a token).
        self.phone_number: str = self._resource.attr_address

    @property
    def resource(self) -> connect.CfnPhoneNumber:
        """The L1 ``AWS::Connect::PhoneNumber`` (escape hatch)."""
        return self._resource

    @staticmethod
    def from_phone_number_arn(
        scope: Construct, id: str, phone_number_arn: str, *, phone_number: str | None = None
    ) -> IConnectPhoneNumber:
        """An existing number, by ARN; ``phone_number`` (E.164) if something reads it."""
        return _ImportedPhoneNumber(scope, id, phone_number_arn, phone_number)
