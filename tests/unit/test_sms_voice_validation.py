"""Every validation rule of the SMS and voice constructs, with bad input and the message."""

from __future__ import annotations

import re
from typing import Any

import aws_cdk as cdk
import pytest
from aws_cdk import aws_iam as iam
from aws_cdk import aws_logs as logs
from aws_cdk import aws_s3 as s3
from support import simulator_number as number

from pinpoint_constructs import (
    ISO_COUNTRY_CODES,
    ConfigurationSet,
    EventDestination,
    Keyword,
    NotifyChannel,
    NotifyConfiguration,
    NumberCapability,
    OptOutList,
    Pool,
    ProtectConfiguration,
    ProtectStatus,
    Registration,
    RegistrationAttachment,
    ResourcePolicy,
    SenderId,
    SmsVoiceEventType,
    VerifiedDestinationNumber,
)


def fails(error: type[Exception], message: str) -> Any:
    return pytest.raises(error, match=re.escape(message))


def test_the_country_list_is_iso_3166_1_alpha_2():
    assert len(ISO_COUNTRY_CODES) == 249
    assert {"US", "GB", "DE", "JP", "BR"} <= ISO_COUNTRY_CODES
    assert not {"UK", "EU", "XX"} & ISO_COUNTRY_CODES


# ---- countries ---------------------------------------------------------------------------


@pytest.mark.parametrize("bad", ["us", "USA", "U", "U1", ""])
def test_phone_number_country_must_be_iso(stack, bad):
    with fails(
        ValueError,
        (
            "iso_country_code must be an ISO 3166-1 alpha-2 country code in capitals, such as US "
            f"or GB, got {bad!r}"
        ),
    ):
        number(stack, iso_country_code=bad)


@pytest.mark.parametrize("code", ["XK", "GB", "UK"])
def test_any_two_capital_letters_are_a_country_code(stack, code):
    """The schemas and the API ask for ^[A-Z]{2}$ only; the service takes user-assigned codes
    such as XK (Kosovo), so codes outside ISO_COUNTRY_CODES are not refused."""
    SenderId(stack, "Sender", sender_id="EXAMPLE", iso_country_code=code)


def test_a_country_token_passes(stack):
    country = cdk.CfnParameter(stack, "Country").value_as_string
    number(stack, iso_country_code=country)


def test_protect_rule_country_must_be_iso(stack):
    with fails(ValueError, "mms_country_rules must be an ISO 3166-1 alpha-2 country code"):
        ProtectConfiguration(stack, "Protect", mms_country_rules={"Germany": ProtectStatus.BLOCK})


def test_protect_rule_status_must_be_a_protect_status(stack):
    with fails(
        TypeError,
        (
            "sms_country_rules['US'] must be a ProtectStatus (ALLOW, BLOCK, MONITOR,"
            " FILTER), got str: 'DENY'"
        ),
    ):
        ProtectConfiguration(stack, "Protect", sms_country_rules={"US": "DENY"})  # type: ignore[dict-item]


def test_protect_rules_must_be_a_mapping(stack):
    with fails(
        TypeError,
        (
            "sms_country_rules must be a mapping of a string to a ProtectStatus (ALLOW,"
            " BLOCK, MONITOR, FILTER), got list: ['US']"
        ),
    ):
        ProtectConfiguration(stack, "Protect", sms_country_rules=["US"])  # type: ignore[arg-type]


def test_notify_countries_are_iso_and_at_most_300(stack):
    with fails(ValueError, "enabled_countries must be an ISO 3166-1 alpha-2 country code"):
        NotifyConfiguration(
            stack,
            "A",
            display_name="Ex",
            enabled_channels=[NotifyChannel.SMS],
            enabled_countries=["usa"],
        )
    # Repeats are allowed: EnabledCountries has no uniqueItems (schema), nor the API's list.
    NotifyConfiguration(
        stack,
        "B",
        display_name="Ex",
        enabled_channels=[NotifyChannel.SMS],
        enabled_countries=["US", "US"],
    )
    with fails(TypeError, "enabled_countries must be a sequence of strings, got the string 'US'"):
        NotifyConfiguration(
            stack,
            "C",
            display_name="Ex",
            enabled_channels=[NotifyChannel.SMS],
            enabled_countries="US",
        )


# ---- number types, capabilities, keywords ------------------------------------------------


def test_number_type_must_be_a_number_type(stack):
    with fails(
        TypeError,
        (
            "number_type must be a NumberType (LONG_CODE, TOLL_FREE, TEN_DLC, SIMULATOR), got str: "
            "'SHORT_CODE'"
        ),
    ):
        number(stack, number_type="SHORT_CODE")


def test_capabilities_are_at_least_one_without_repeats(stack):
    with fails(ValueError, "capabilities needs at least one NumberCapability, got none"):
        number(stack, "A", capabilities=[])
    with fails(
        ValueError, "capabilities must not repeat a value, got <NumberCapability.SMS: 'SMS'> twice"
    ):
        number(stack, "B", capabilities=[NumberCapability.SMS, NumberCapability.SMS])
    with fails(
        TypeError, "capabilities[0] must be a NumberCapability (SMS, VOICE, MMS), got str: 'RCS'"
    ):
        number(stack, "C", capabilities=["RCS"])
    with fails(
        TypeError,
        (
            "capabilities must be a sequence of NumberCapability (SMS, VOICE, MMS), got"
            " NumberCapability: <NumberCapability.SMS: 'SMS'>"
        ),
    ):
        number(stack, "D", capabilities=NumberCapability.SMS)


@pytest.mark.parametrize("prop", ["help_message", "stop_message"])
@pytest.mark.parametrize("bad", ["", "   \n"])
def test_mandatory_keyword_replies_must_not_be_blank(stack, prop, bad):
    with fails(ValueError, f"{prop} must be a non-blank message, got {bad!r}"):
        number(stack, **{prop: bad})


def test_keyword_reply_is_at_most_1600_characters(stack):
    with fails(ValueError, "help_message must be 1 to 1600 characters long, got 1601 characters"):
        number(stack, help_message="x" * 1601)
    with fails(ValueError, "message must be 1 to 1600 characters long, got 1601 characters"):
        Keyword("INFO", "x" * 1601)


@pytest.mark.parametrize("bad", ["STOP", "help", "Stop"])
def test_optional_keyword_is_not_help_or_stop(bad):
    with fails(
        ValueError,
        (
            "keyword must not be HELP or STOP (in any case): those are mandatory keywords, set "
            f"with help_message and stop_message; got {bad!r}"
        ),
    ):
        Keyword(bad, "reply")


@pytest.mark.parametrize("keyword", [" STOP", "STOP ", "HELP ME"])
def test_a_keyword_that_only_contains_help_or_stop_is_allowed(keyword):
    """The schema excludes exactly HELP and STOP (^(?!(?i)(stop|help)$)[ \\S]+)."""
    assert Keyword(keyword, "reply").keyword == keyword


def test_optional_keyword_length_and_characters():
    with fails(ValueError, "keyword must be 1 to 30 characters long, got 31 characters"):
        Keyword("K" * 31, "reply")
    with fails(ValueError, "keyword must be 1 to 30 characters long, got 0 characters"):
        Keyword("", "reply")
    with fails(
        ValueError,
        "keyword must be spaces or visible characters (no tabs or newlines), got 'JOIN\\tNOW'",
    ):
        Keyword("JOIN\tNOW", "reply")


def test_keyword_action_must_be_a_keyword_action():
    with fails(
        TypeError,
        "action must be a KeywordAction (AUTOMATIC_RESPONSE, OPT_OUT, OPT_IN), got str: 'OPT_OUT'",
    ):
        Keyword("UNSUB", "bye", action="OPT_OUT")  # type: ignore[arg-type]


def test_keywords_are_unique_ignoring_case(stack):
    with fails(ValueError, "keywords must not repeat a value, got 'Join' twice"):
        number(stack, keywords=[Keyword("JOIN", "a"), Keyword("Join", "b")])


def test_keywords_must_be_keyword_objects(stack):
    with fails(TypeError, "keywords[0] must be a Keyword, got dict: {'keyword': 'JOIN'}"):
        number(stack, keywords=[{"keyword": "JOIN"}])


def test_flags_must_be_bools(stack):
    with fails(TypeError, "self_managed_opt_outs must be a bool, got str: 'yes'"):
        number(stack, "A", self_managed_opt_outs="yes")
    with fails(TypeError, "deletion_protection must be a bool, got int: 1"):
        number(stack, "B", deletion_protection=1)


# ---- names and IDs -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("factory", "prop"),
    [
        (lambda s, v: OptOutList(s, "L", opt_out_list_name=v), "opt_out_list_name"),
        (lambda s, v: ConfigurationSet(s, "C", configuration_set_name=v), "configuration_set_name"),
        (lambda s, v: OptOutList.from_opt_out_list_name(s, "I", v), "opt_out_list_name"),
        (
            lambda s, v: ConfigurationSet.from_configuration_set_name(s, "J", v),
            "configuration_set_name",
        ),
    ],
)
def test_names_are_letters_digits_underscores_hyphens_up_to_64(stack, factory, prop):
    with fails(
        ValueError, f"{prop} must be letters, digits, underscores (_) or hyphens (-), got 'my list'"
    ):
        factory(stack, "my list")
    with fails(ValueError, f"{prop} must be 1 to 64 characters long, got 65 characters"):
        factory(cdk.Stack(stack.node.root, "Other"), "x" * 65)


def test_name_length_message(stack):
    with fails(ValueError, "opt_out_list_name must be 1 to 64 characters long, got 65 characters"):
        OptOutList(stack, "L", opt_out_list_name="x" * 65)


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (
            "example",
            (
                "sender_id must be capital letters, digits, underscores (_) or hyphens (-), got "
                "'example'"
            ),
        ),
        (
            "EXAMPLE CO",
            (
                "sender_id must be capital letters, digits, underscores (_) or hyphens (-), got "
                "'EXAMPLE CO'"
            ),
        ),
        (
            "EXAMPLECORP1",
            "sender_id must be 1 to 11 characters long, got 12 characters: 'EXAMPLECORP1'",
        ),
    ],
)
def test_sender_id_rules(stack, bad, message):
    with fails(ValueError, message):
        SenderId(stack, "Sender", sender_id=bad, iso_country_code="DE")


def test_default_sender_id_rules(stack):
    with fails(ValueError, "default_sender_id must be 1 to 11 characters long, got 12 characters"):
        ConfigurationSet(stack, "A", default_sender_id="ExampleCorp1")
    with fails(
        ValueError,
        "default_sender_id must be letters, digits, underscores (_) or hyphens (-), got 'Ex.Co'",
    ):
        ConfigurationSet(stack, "B", default_sender_id="Ex.Co")


def test_registration_type_rules(stack):
    with fails(
        ValueError,
        (
            "registration_type must be letters, digits or underscores, such as "
            "US_TOLL_FREE_REGISTRATION, got 'US-TOLL-FREE'"
        ),
    ):
        Registration(stack, "A", registration_type="US-TOLL-FREE")
    with fails(ValueError, "registration_type must be 1 to 64 characters long, got 65 characters"):
        Registration(stack, "B", registration_type="X" * 65)


@pytest.mark.parametrize(
    "bad", ["2065550142x", "+0123456", "+1 206 555 0142", "+123456789012345678901"]
)
def test_verified_destination_number_is_e164(stack, bad):
    with pytest.raises(ValueError, match=re.escape("destination_phone_number must ")):
        VerifiedDestinationNumber(stack, "Tester", destination_phone_number=bad)


def test_verified_destination_number_message(stack):
    with fails(
        ValueError,
        (
            "destination_phone_number must be a phone number in E.164 form, such as +12065550100, "
            "got '+0123456'"
        ),
    ):
        VerifiedDestinationNumber(stack, "Tester", destination_phone_number="+0123456")


def test_notify_display_name_and_template_rules(stack):
    with fails(ValueError, "display_name must be 1 to 15 characters long, got 16 characters"):
        NotifyConfiguration(stack, "A", display_name="x" * 16, enabled_channels=[NotifyChannel.SMS])
    with fails(
        ValueError,
        "display_name must be letters, digits, underscores, spaces or hyphens, got 'Ex!'",
    ):
        NotifyConfiguration(stack, "B", display_name="Ex!", enabled_channels=[NotifyChannel.SMS])
    # An empty template id is allowed (no minLength; API NotifyTemplateId: min 0).
    NotifyConfiguration(
        stack, "D", display_name="Ex", enabled_channels=[NotifyChannel.SMS], default_template_id=""
    )
    with fails(
        ValueError, "default_template_id must be letters, digits, underscores or hyphens, got 'a/b'"
    ):
        NotifyConfiguration(
            stack,
            "C",
            display_name="Ex",
            enabled_channels=[NotifyChannel.SMS],
            default_template_id="a/b",
        )


def test_notify_channels_rules(stack):
    with fails(ValueError, "enabled_channels needs at least one NotifyChannel, got none"):
        NotifyConfiguration(stack, "A", display_name="Ex", enabled_channels=[])
    # Repeats are allowed: EnabledChannels has no uniqueItems (schema), nor the API's list.
    NotifyConfiguration(
        stack, "B", display_name="Ex", enabled_channels=[NotifyChannel.SMS, NotifyChannel.SMS]
    )
    with fails(
        TypeError,
        "enabled_channels[0] must be a NotifyChannel (SMS, VOICE, MMS, RCS), got str: 'EMAIL'",
    ):
        NotifyConfiguration(stack, "C", display_name="Ex", enabled_channels=["EMAIL"])


def test_notify_pool_must_be_a_pool(stack):
    with fails(TypeError, "pool must be a Pool or an imported pool, got PhoneNumber"):
        NotifyConfiguration(
            stack, "A", display_name="Ex", enabled_channels=[NotifyChannel.SMS], pool=number(stack)
        )


def test_registration_attachment_key_rules(stack):
    bucket = s3.Bucket.from_bucket_name(stack, "Bucket", "files")
    # S3 keys may start with a slash: the schema's AttachmentUrl is ^\S+$.
    RegistrationAttachment(stack, "A", bucket=bucket, object_key="/a.png")
    with fails(ValueError, "object_key must be an S3 key without whitespace, got 'my file.png'"):
        RegistrationAttachment(stack, "B", bucket=bucket, object_key="my file.png")
    with fails(ValueError, "object_key must be 1 to 2048 characters long, got 2049 characters"):
        RegistrationAttachment(stack, "C", bucket=bucket, object_key="k" * 2049)
    with fails(
        ValueError,
        "object_key must be 1 to 2048 characters long, got 2049 characters: 's3://files/",
    ):
        RegistrationAttachment(stack, "D", bucket=bucket, object_key="k" * 2038)


# ---- pools -------------------------------------------------------------------------------


def test_pool_needs_identities_without_repeats_or_pools(stack):
    phone = number(stack)
    with fails(ValueError, "origination_identities needs at least one identity, got none"):
        Pool(stack, "A", origination_identities=[], help_message="h", stop_message="s")
    with fails(
        ValueError, "origination_identities must not repeat a value, got 'TestStack/Number' twice"
    ):
        Pool(stack, "B", origination_identities=[phone, phone], help_message="h", stop_message="s")
    imported = Pool.from_pool_id(stack, "Other", "pool-1")
    with fails(
        TypeError,
        (
            "origination_identities must not hold a pool (a pool cannot hold another), got "
            "TestStack/Other"
        ),
    ):
        Pool(stack, "C", origination_identities=[imported], help_message="h", stop_message="s")
    with fails(
        TypeError,
        (
            "origination_identities[0] must be an IOriginationIdentity, got str: 'arn:aws:sms"
            "-voice:us-east-1:1:phone-number/p'"
        ),
    ):
        Pool(
            stack,
            "D",
            origination_identities=["arn:aws:sms-voice:us-east-1:1:phone-number/p"],
            help_message="h",
            stop_message="s",
        )
    with fails(TypeError, "shared_routes must be a bool, got str: 'no'"):
        Pool(
            stack,
            "E",
            origination_identities=[phone],
            help_message="h",
            stop_message="s",
            shared_routes="no",
        )


# ---- event destinations ------------------------------------------------------------------


def destination(stack: cdk.Stack) -> EventDestination:
    return EventDestination.cloudwatch_logs(
        logs.LogGroup.from_log_group_name(stack, f"Logs{len(stack.node.children)}", "events")
    )


def test_event_types_rules(stack):
    config_set = ConfigurationSet(stack, "Set")
    with fails(ValueError, "event_types needs at least one SmsVoiceEventType, got none"):
        config_set.add_event_destination("A", destination=destination(stack), event_types=[])
    with fails(ValueError, "event_types must not repeat a value"):
        config_set.add_event_destination(
            "B",
            destination=destination(stack),
            event_types=[SmsVoiceEventType.ALL, SmsVoiceEventType.ALL],
        )
    with fails(
        ValueError,
        (
            "event_types must not contain TEXT_SENT, which event destinations do not support (use "
            "TEXT_ALL or TEXT_SUCCESSFUL), got SmsVoiceEventType.TEXT_SENT"
        ),
    ):
        config_set.add_event_destination(
            "C", destination=destination(stack), event_types=[SmsVoiceEventType.TEXT_SENT]
        )
    with fails(TypeError, "event_types must be a SmsVoiceEventType (ALL, TEXT_ALL"):
        config_set.add_event_destination(
            "D", destination=destination(stack), event_types=["TEXT_DELIVERY"]
        )
    with fails(
        TypeError,
        "event_types must be a sequence of SmsVoiceEventType, got <SmsVoiceEventType.ALL: 'ALL'>",
    ):
        config_set.add_event_destination(
            "E", destination=destination(stack), event_types=SmsVoiceEventType.ALL
        )


def test_event_destination_name_rules(stack):
    config_set = ConfigurationSet(stack, "Set")
    with fails(
        ValueError, "name must be letters, digits, underscores (_) or hyphens (-), got 'to logs'"
    ):
        config_set.add_event_destination("to logs", destination=destination(stack))
    config_set.add_event_destination("Logs", destination=destination(stack))
    with fails(ValueError, "name must be unique in the configuration set, got 'Logs' twice"):
        config_set.add_event_destination("Logs", destination=destination(stack))
    with fails(TypeError, "destination must be an EventDestination, got str: 'logs'"):
        config_set.add_event_destination("Other", destination="logs")


def test_at_most_five_event_destinations(stack):
    config_set = ConfigurationSet(stack, "Set")
    for index in range(5):
        config_set.add_event_destination(f"D{index}", destination=destination(stack))
    with fails(
        ValueError, "a configuration set has at most 5 event destinations; 'D5' would be number 6"
    ):
        config_set.add_event_destination("D5", destination=destination(stack))


def test_configuration_set_flags_must_be_bools(stack):
    with fails(TypeError, "message_feedback must be a bool, got str: 'on'"):
        ConfigurationSet(stack, "A", message_feedback="on")
    with fails(TypeError, "enabled must be a bool, got int: 0"):
        ConfigurationSet(stack, "B").add_event_destination(
            "D", destination=destination(stack), enabled=0
        )


# ---- resource policies and ARNs ----------------------------------------------------------


def test_resource_policy_rules(stack):
    phone = number(stack)
    with fails(ValueError, "policy_document needs at least one statement, got an empty one"):
        ResourcePolicy(stack, "A", resource=phone, policy_document=iam.PolicyDocument())
    no_principal = iam.PolicyDocument(
        statements=[iam.PolicyStatement(actions=["sms-voice:SendTextMessage"], resources=["*"])]
    )
    with fails(
        ValueError,
        (
            "policy_document is not a valid resource policy: A PolicyStatement used in a "
            "resource-based policy must specify at least one IAM principal."
        ),
    ):
        ResourcePolicy(stack, "B", resource=phone, policy_document=no_principal)
    with fails(
        TypeError,
        (
            "resource must be an OriginationIdentityBase or an IOptOutList, got str: 'arn:aws:sms"
            "-voice:::phone-number/x'"
        ),
    ):
        ResourcePolicy(
            stack, "C", resource="arn:aws:sms-voice:::phone-number/x", policy_document=no_principal
        )


def test_two_way_channel_arn_must_be_an_arn(stack):
    from pinpoint_constructs import TwoWayChannel

    role = iam.Role.from_role_arn(stack, "Role", "arn:aws:iam::123456789012:role/connect")
    with fails(ValueError, "channel_arn must be an ARN (arn:...), got 'my-connect-instance'"):
        TwoWayChannel.connect("my-connect-instance", role=role)
