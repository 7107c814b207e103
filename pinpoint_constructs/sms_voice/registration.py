"""Registrations (``AWS::SMSVOICE::Registration``), their attachments
(``AWS::SMSVOICE::RegistrationAttachment``) and verified destination numbers
(``AWS::SMSVOICE::VerifiedDestinationNumber``).

CloudFormation creates these resources and nothing more: a registration's field values, its
submission and review, and the code that verifies a destination number are API or console
steps (``PutRegistrationFieldValue``, ``SubmitRegistrationVersion``,
``SendDestinationNumberVerificationCode``, ``VerifyDestinationNumber``).
"""

from __future__ import annotations

import re

from aws_cdk import Resource
from aws_cdk import aws_s3 as s3
from aws_cdk import aws_smsvoice as smsvoice
from constructs import Construct

from .._props import checked_props
from .._validation import check_length, check_pattern, is_unresolved
from ._rules import check_phone_number
from ._service import acknowledge_unknown_to_cdk_validation

#: Registration types: 1 to 64 letters, digits or underscores (schema
#: ``Registration.RegistrationType``), such as ``US_TEN_DLC_BRAND_REGISTRATION`` or
#: ``US_TOLL_FREE_REGISTRATION`` (``DescribeRegistrationTypeDefinitions`` lists them).
_REGISTRATION_TYPE = re.compile(r"[A-Za-z0-9_]+")
#: Attachment object URLs: at most 2,048 characters (schema and API ``AttachmentUrl``).
ATTACHMENT_URL_MAX_LENGTH = 2048


@checked_props
class Registration(Resource):
    """A registration of a number or sender ID (``AWS::SMSVOICE::Registration``, construct id
    ``Resource``), created empty: fill in its fields and submit it with the API or console.

    Example::

        Registration(self, "TollFree", registration_type="US_TOLL_FREE_REGISTRATION")
    """

    def __init__(self, scope: Construct, id: str, *, registration_type: str) -> None:
        """
        :param registration_type: 1 to 64 letters, digits or underscores. Changing it replaces
            the registration (and its fields).
        """
        super().__init__(scope, id)
        check_length("registration_type", registration_type, 64)
        check_pattern(
            "registration_type",
            registration_type,
            _REGISTRATION_TYPE,
            "letters, digits or underscores, such as US_TOLL_FREE_REGISTRATION",
        )
        self._resource = smsvoice.CfnRegistration(
            self, "Resource", registration_type=registration_type
        )
        self.registration_id: str = self._resource.attr_registration_id
        """The registration's id."""
        self.registration_arn: str = self._resource.attr_registration_arn
        """The registration's ARN."""
        self.registration_status: str = self._resource.attr_registration_status
        """Its status at deploy time (``CREATED`` until submitted)."""


@checked_props
class RegistrationAttachment(Resource):
    """A file for a registration (``AWS::SMSVOICE::RegistrationAttachment``, construct id
    ``Resource``): a PDF, JPEG or PNG of at most 5 MB in S3 (API
    ``CreateRegistrationAttachment``), referenced as ``s3://<bucket>/<key>``.

    Example::

        RegistrationAttachment(self, "OptInScreenshot", bucket=bucket, object_key="opt-in.png")

    Attaching it to a registration field is a ``PutRegistrationFieldValue`` call, not
    CloudFormation.
    """

    def __init__(self, scope: Construct, id: str, *, bucket: s3.IBucket, object_key: str) -> None:
        """
        :param bucket: The bucket holding the file.
        :param object_key: The file's key; the whole ``s3://`` URL has at most 2,048
            characters and no whitespace (schema ``AttachmentUrl``: ``^\\S+$``).
        """
        super().__init__(scope, id)
        if not is_unresolved(object_key):
            check_length("object_key", object_key, ATTACHMENT_URL_MAX_LENGTH)
            check_pattern(
                "object_key", object_key, re.compile(r"\S+"), "an S3 key without whitespace"
            )
        url = f"s3://{bucket.bucket_name}/{object_key}"
        if not is_unresolved(url):
            check_length("object_key", url, ATTACHMENT_URL_MAX_LENGTH)
        self._resource = smsvoice.CfnRegistrationAttachment(self, "Resource", attachment_url=url)
        acknowledge_unknown_to_cdk_validation(
            self._resource, "AWS::SMSVOICE::RegistrationAttachment"
        )
        self.registration_attachment_id: str = self._resource.attr_registration_attachment_id
        """The attachment's id."""
        self.registration_attachment_arn: str = self._resource.attr_registration_attachment_arn
        """The attachment's ARN."""


@checked_props
class VerifiedDestinationNumber(Resource):
    """A destination number to verify (``AWS::SMSVOICE::VerifiedDestinationNumber``, construct
    id ``Resource``): while an account is in the SMS sandbox it can send only to verified
    numbers. CloudFormation creates the number as ``PENDING``; sending and entering the code
    are API or console steps.

    Example::

        VerifiedDestinationNumber(self, "Tester", destination_phone_number="+12065550142")
    """

    def __init__(self, scope: Construct, id: str, *, destination_phone_number: str) -> None:
        """
        :param destination_phone_number: E.164 (``+12065550142``), at most 20 characters
            (schema ``DestinationPhoneNumber``: ``^\\+?[1-9][0-9]{1,18}$``).
        """
        super().__init__(scope, id)
        check_phone_number("destination_phone_number", destination_phone_number)
        self._resource = smsvoice.CfnVerifiedDestinationNumber(
            self, "Resource", destination_phone_number=destination_phone_number
        )
        self.verified_destination_number_id: str = (
            self._resource.attr_verified_destination_number_id
        )
        """The number's id."""
        self.verified_destination_number_arn: str = (
            self._resource.attr_verified_destination_number_arn
        )
        """The number's ARN."""
