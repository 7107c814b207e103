"""ConnectInstance, ConnectPhoneNumber, ConnectEmailAddress: what they write and each rule."""

from __future__ import annotations

import aws_cdk as cdk
import pytest
from aws_cdk.assertions import Match, Template

from pinpoint_constructs.connect import (
    ConnectEmailAddress,
    ConnectInstance,
    ConnectPhoneNumber,
    ConnectPhoneNumberType,
    IdentityManagementType,
)
from pinpoint_constructs.profiles import ProfilesDomain

INSTANCE_ARN = (
    "arn:aws:connect:us-east-1:123456789012:instance/11111111-2222-3333-4444-555555555555"
)
EMAIL_ARN = f"{INSTANCE_ARN}/email-address/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"


def test_instance_turns_on_outbound_and_high_volume(stack: cdk.Stack) -> None:
    ConnectInstance(stack, "Instance", instance_alias="example-outbound")
    Template.from_stack(stack).has_resource_properties(
        "AWS::Connect::Instance",
        {
            "IdentityManagementType": "CONNECT_MANAGED",
            "InstanceAlias": "example-outbound",
            "Attributes": {
                "OutboundCalls": True,
                "HighVolumeOutBound": True,
                "InboundCalls": False,
                "ContactflowLogs": True,
            },
        },
    )


def test_instance_alias_default_is_valid(stack: cdk.Stack) -> None:
    instance = ConnectInstance(stack, "Instance")
    assert instance.instance_alias is not None
    assert len(instance.instance_alias) <= 45
    assert not instance.instance_alias.startswith("d-")


def test_instance_associates_profiles_domain(stack: cdk.Stack) -> None:
    domain = ProfilesDomain.from_domain_name(stack, "Domain", "amazon-connect-test")
    instance = ConnectInstance(stack, "Instance", instance_alias="x1", profiles_domain=domain)
    template = Template.from_stack(stack)
    template.has_resource_properties(
        "AWS::CustomerProfiles::Integration",
        {
            "DomainName": "amazon-connect-test",
            "ObjectTypeName": "CTR",
            "Uri": {"Fn::GetAtt": [Match.string_like_regexp("Instance"), "Arn"]},
        },
    )
    assert instance.profiles_domain is domain


def test_instance_has_one_domain(stack: cdk.Stack) -> None:
    domain = ProfilesDomain.from_domain_name(stack, "Domain", "amazon-connect-test")
    instance = ConnectInstance(stack, "Instance", instance_alias="x1", profiles_domain=domain)
    with pytest.raises(ValueError, match="already has 'amazon-connect-test'"):
        instance.associate_profiles_domain(
            ProfilesDomain.from_domain_name(stack, "Other", "amazon-connect-other")
        )


@pytest.mark.parametrize("alias", ["d-abc", "-abc", "abc-", "a_b", "a" * 46])
def test_instance_alias_rule(stack: cdk.Stack, alias: str) -> None:
    with pytest.raises(ValueError, match=f"instance_alias must be .*{alias[:10]}"):
        ConnectInstance(stack, "Instance", instance_alias=alias)


def test_directory_only_with_existing_directory(stack: cdk.Stack) -> None:
    with pytest.raises(ValueError, match="directory_id is required with identity_management_type"):
        ConnectInstance(
            stack, "Instance", identity_management_type=IdentityManagementType.EXISTING_DIRECTORY
        )


def test_directory_id_pattern(stack: cdk.Stack) -> None:
    with pytest.raises(ValueError, match="directory_id must be d- and ten hex digits, got 'd-1'"):
        ConnectInstance(
            stack,
            "Instance",
            identity_management_type=IdentityManagementType.EXISTING_DIRECTORY,
            directory_id="d-1",
        )


def test_import_by_arn(stack: cdk.Stack) -> None:
    instance = ConnectInstance.from_instance_arn(stack, "Imported", INSTANCE_ARN)
    assert instance.instance_id == "11111111-2222-3333-4444-555555555555"
    assert instance.instance_arn == INSTANCE_ARN


def test_import_refuses_other_arns(stack: cdk.Stack) -> None:
    with pytest.raises(ValueError, match="instance_arn must be an Amazon Connect instance ARN"):
        ConnectInstance.from_instance_arn(
            stack, "Imported", "arn:aws:connect:us-east-1:123456789012:queue/x"
        )


def test_import_by_token_arn(stack: cdk.Stack) -> None:
    arn = cdk.CfnParameter(stack, "Arn").value_as_string
    instance = ConnectInstance.from_instance_arn(stack, "Imported", arn)
    assert cdk.Token.is_unresolved(instance.instance_id)


# ---- phone numbers -----------------------------------------------------------------------


def test_claimed_phone_number(stack: cdk.Stack) -> None:
    instance = ConnectInstance.from_instance_arn(stack, "Instance", INSTANCE_ARN)
    number = ConnectPhoneNumber(
        stack,
        "Number",
        instance=instance,
        country_code="DE",
        number_type=ConnectPhoneNumberType.DID,
        prefix="+4930",
    )
    Template.from_stack(stack).has_resource_properties(
        "AWS::Connect::PhoneNumber",
        {"TargetArn": INSTANCE_ARN, "CountryCode": "DE", "Type": "DID", "Prefix": "+4930"},
    )
    assert cdk.Token.is_unresolved(number.phone_number)


def test_imported_sms_number(stack: cdk.Stack) -> None:
    from support import simulator_number

    instance = ConnectInstance.from_instance_arn(stack, "Instance", INSTANCE_ARN)
    ConnectPhoneNumber(
        stack, "ConnectNumber", instance=instance, source_phone_number=simulator_number(stack)
    )
    Template.from_stack(stack).has_resource_properties(
        "AWS::Connect::PhoneNumber",
        {"SourcePhoneNumberArn": {"Fn::GetAtt": [Match.any_value(), "Arn"]}},
    )


def test_phone_number_claim_or_import(stack: cdk.Stack) -> None:
    instance = ConnectInstance.from_instance_arn(stack, "Instance", INSTANCE_ARN)
    with pytest.raises(ValueError, match=r"either country_code and number_type .* or source_phone"):
        ConnectPhoneNumber(stack, "Number", instance=instance)


def test_phone_number_claim_needs_type(stack: cdk.Stack) -> None:
    instance = ConnectInstance.from_instance_arn(stack, "Instance", INSTANCE_ARN)
    with pytest.raises(
        ValueError, match=r"needs both country_code and number_type.*number_type=None"
    ):
        ConnectPhoneNumber(stack, "Number", instance=instance, country_code="DE")


def test_phone_number_country_code(stack: cdk.Stack) -> None:
    instance = ConnectInstance.from_instance_arn(stack, "Instance", INSTANCE_ARN)
    with pytest.raises(ValueError, match=r"country_code must be two capital letters .*got 'de'"):
        ConnectPhoneNumber(
            stack,
            "Number",
            instance=instance,
            country_code="de",
            number_type=ConnectPhoneNumberType.DID,
        )


def test_phone_number_prefix(stack: cdk.Stack) -> None:
    instance = ConnectInstance.from_instance_arn(stack, "Instance", INSTANCE_ARN)
    with pytest.raises(ValueError, match=r"prefix must be \+ and 1 to 15 digits .*got '4930'"):
        ConnectPhoneNumber(
            stack,
            "Number",
            instance=instance,
            country_code="DE",
            number_type=ConnectPhoneNumberType.DID,
            prefix="4930",
        )


def test_phone_number_import(stack: cdk.Stack) -> None:
    arn = "arn:aws:connect:us-east-1:123456789012:phone-number/abc"
    number = ConnectPhoneNumber.from_phone_number_arn(stack, "N", arn, phone_number="+4930123")
    assert number.phone_number_arn == arn
    assert number.phone_number == "+4930123"


def test_phone_number_import_refuses_other_arns(stack: cdk.Stack) -> None:
    with pytest.raises(ValueError, match="phone_number_arn must end in phone-number/<id>"):
        ConnectPhoneNumber.from_phone_number_arn(stack, "N", INSTANCE_ARN)


# ---- email addresses ---------------------------------------------------------------------


def test_email_address(stack: cdk.Stack) -> None:
    instance = ConnectInstance.from_instance_arn(stack, "Instance", INSTANCE_ARN)
    ConnectEmailAddress(
        stack,
        "Email",
        instance=instance,
        email_address="news@example.com",
        display_name="Example News",
    )
    Template.from_stack(stack).has_resource_properties(
        "AWS::Connect::EmailAddress",
        {
            "InstanceArn": INSTANCE_ARN,
            "EmailAddress": "news@example.com",
            "DisplayName": "Example News",
        },
    )


def test_email_address_pattern(stack: cdk.Stack) -> None:
    instance = ConnectInstance.from_instance_arn(stack, "Instance", INSTANCE_ARN)
    with pytest.raises(ValueError, match=r"email_address must be an email address .*got 'news'"):
        ConnectEmailAddress(stack, "Email", instance=instance, email_address="news")


def test_email_display_name_trimmed(stack: cdk.Stack) -> None:
    instance = ConnectInstance.from_instance_arn(stack, "Instance", INSTANCE_ARN)
    with pytest.raises(ValueError, match="display_name must be text without leading or trailing"):
        ConnectEmailAddress(
            stack, "Email", instance=instance, email_address="a@example.com", display_name=" News"
        )


def test_email_display_name_length(stack: cdk.Stack) -> None:
    instance = ConnectInstance.from_instance_arn(stack, "Instance", INSTANCE_ARN)
    with pytest.raises(ValueError, match="display_name must be 0 to 256 characters long"):
        ConnectEmailAddress(
            stack, "Email", instance=instance, email_address="a@example.com", display_name="x" * 257
        )


def test_email_description_length(stack: cdk.Stack) -> None:
    instance = ConnectInstance.from_instance_arn(stack, "Instance", INSTANCE_ARN)
    with pytest.raises(ValueError, match="description must be 1 to 250 characters long"):
        ConnectEmailAddress(
            stack, "Email", instance=instance, email_address="a@example.com", description="x" * 251
        )


def test_email_import(stack: cdk.Stack) -> None:
    address = ConnectEmailAddress.from_email_address_arn(
        stack, "E", EMAIL_ARN, email_address="news@example.com"
    )
    assert address.email_address == "news@example.com"
    assert address.email_address_arn == EMAIL_ARN


def test_email_import_refuses_other_arns(stack: cdk.Stack) -> None:
    with pytest.raises(ValueError, match="email_address_arn must be an Amazon Connect email"):
        ConnectEmailAddress.from_email_address_arn(stack, "E", INSTANCE_ARN)


def test_imported_sms_number_by_arn(stack: cdk.Stack) -> None:
    from pinpoint_constructs.sms_voice import PhoneNumber

    arn = "arn:aws:sms-voice:us-east-1:123456789012:phone-number/phone-abc"
    instance = ConnectInstance.from_instance_arn(stack, "Instance", INSTANCE_ARN)
    ConnectPhoneNumber(
        stack,
        "ConnectNumber",
        instance=instance,
        source_phone_number=PhoneNumber.from_phone_number_arn(stack, "Sms", arn),
    )
    Template.from_stack(stack).has_resource_properties(
        "AWS::Connect::PhoneNumber", {"SourcePhoneNumberArn": arn}
    )


def test_imported_source_must_be_a_phone_number(stack: cdk.Stack) -> None:
    from pinpoint_constructs.sms_voice import Pool

    arn = "arn:aws:sms-voice:us-east-1:123456789012:pool/pool-abc"
    instance = ConnectInstance.from_instance_arn(stack, "Instance", INSTANCE_ARN)
    with pytest.raises(
        ValueError, match=r"source_phone_number must be a phone number .*pool/pool-abc"
    ):
        ConnectPhoneNumber(
            stack,
            "ConnectNumber",
            instance=instance,
            source_phone_number=Pool.from_pool_arn(stack, "Pool", arn),
        )


def test_imported_source_type(stack: cdk.Stack) -> None:
    instance = ConnectInstance.from_instance_arn(stack, "Instance", INSTANCE_ARN)
    with pytest.raises(
        TypeError,
        match=r"source_phone_number\ must\ be\ an\ IOriginationIdentity,\ got\ str:\ '\+1555'",
    ):
        ConnectPhoneNumber(stack, "ConnectNumber", instance=instance, source_phone_number="+1555")  # type: ignore[arg-type]
