"""AWS End User Messaging SMS and voice constructs: what they synthesize, their grants, imports
and event destinations (validation rules are in test_sms_voice_validation.py)."""

from __future__ import annotations

import json
from typing import Any

import aws_cdk as cdk
import pytest
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kinesisfirehose as firehose
from aws_cdk import aws_kms as kms
from aws_cdk import aws_logs as logs
from aws_cdk import aws_s3 as s3
from aws_cdk import aws_sns as sns
from aws_cdk.assertions import Annotations, Match, Template
from support import run_cfn_lint, synth_clean
from support import simulator_number as number

from pinpoint_constructs import (
    SNS_DESTINATION_POLICY_WARNING,
    ConfigurationSet,
    EventDestination,
    EventStream,
    EventStreamDestination,
    Keyword,
    KeywordAction,
    NotifyChannel,
    NotifyConfiguration,
    NumberCapability,
    OptOutList,
    PhoneNumber,
    PinpointApp,
    Pool,
    ProtectConfiguration,
    ProtectStatus,
    Registration,
    RegistrationAttachment,
    ResourcePolicy,
    SenderId,
    SmsVoiceEventType,
    TwoWayChannel,
    VerifiedDestinationNumber,
)

ACCOUNT = "123456789012"
CONFIG_SET_ARN = f"arn:aws:sms-voice:us-east-1:{ACCOUNT}:configuration-set/events"
SMS_VOICE_TRUST = {
    "Statement": [
        {
            "Action": "sts:AssumeRole",
            "Effect": "Allow",
            "Principal": {"Service": "sms-voice.amazonaws.com"},
            "Condition": {
                "StringEquals": {"aws:SourceAccount": ACCOUNT},
                "ArnLike": {"aws:SourceArn": CONFIG_SET_ARN},
            },
        }
    ],
    "Version": "2012-10-17",
}


def get_arn(stack: cdk.Stack, construct: Any) -> dict[str, Any]:
    return {"Fn::GetAtt": [stack.get_logical_id(construct.node.default_child), "Arn"]}


def grantee(stack: cdk.Stack) -> iam.Role:
    return iam.Role(stack, "Sender", assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"))


def sender_statements(stack: cdk.Stack) -> list[dict[str, Any]]:
    policies = Template.from_stack(stack).find_resources(
        "AWS::IAM::Policy",
        {"Properties": {"Roles": [{"Ref": Match.string_like_regexp("^Sender")}]}},
    )
    (policy,) = policies.values()
    statements: list[dict[str, Any]] = policy["Properties"]["PolicyDocument"]["Statement"]
    return statements


# ---- phone numbers, sender IDs, pools ----------------------------------------------------


def test_phone_number_renders_keywords_opt_out_list_and_defaults(stack):
    opt_outs = OptOutList(stack, "OptOuts", opt_out_list_name="marketing")
    number(
        stack,
        capabilities=[NumberCapability.SMS, NumberCapability.VOICE],
        keywords=[Keyword("JOIN", "Welcome back!", action=KeywordAction.OPT_IN)],
        opt_out_list=opt_outs,
        deletion_protection=True,
    )
    template = Template.from_stack(stack)
    template.has_resource_properties("AWS::SMSVOICE::OptOutList", {"OptOutListName": "marketing"})
    template.has_resource_properties(
        "AWS::SMSVOICE::PhoneNumber",
        {
            "IsoCountryCode": "US",
            "NumberType": "SIMULATOR",
            "NumberCapabilities": ["SMS", "VOICE"],
            "MandatoryKeywords": {
                "HELP": {"Message": "Example: reply STOP to opt out."},
                "STOP": {"Message": "Example: you are opted out."},
            },
            "OptionalKeywords": [
                {"Keyword": "JOIN", "Message": "Welcome back!", "Action": "OPT_IN"}
            ],
            "OptOutListName": {"Ref": Match.string_like_regexp("^OptOuts")},
            "DeletionProtectionEnabled": True,
            "SelfManagedOptOutsEnabled": Match.absent(),
            "TwoWay": Match.absent(),
        },
    )


def test_main_children_have_the_id_resource(stack):
    constructs = [
        number(stack),
        OptOutList(stack, "OptOuts"),
        SenderId(stack, "Sender", sender_id="EXAMPLE", iso_country_code="DE"),
        ConfigurationSet(stack, "Set"),
        ProtectConfiguration(stack, "Protect"),
        Registration(stack, "Reg", registration_type="US_TOLL_FREE_REGISTRATION"),
        VerifiedDestinationNumber(stack, "Tester", destination_phone_number="+12065550142"),
    ]
    for construct in constructs:
        assert isinstance(construct.node.default_child, cdk.CfnResource)
        assert construct.node.default_child.node.id == "Resource"


def test_two_way_sns_topic_gets_a_role_trusted_by_this_account_only(stack):
    topic = sns.Topic(stack, "Inbound")
    number(stack, two_way=TwoWayChannel.sns_topic(topic), self_managed_opt_outs=True)
    template = Template.from_stack(stack)
    template.has_resource_properties(
        "AWS::SMSVOICE::PhoneNumber",
        {
            "SelfManagedOptOutsEnabled": True,
            "TwoWay": {
                "Enabled": True,
                "ChannelArn": {"Ref": Match.string_like_regexp("^Inbound")},
                "ChannelRole": {
                    "Fn::GetAtt": [Match.string_like_regexp("^NumberTwoWayRole"), "Arn"]
                },
            },
        },
    )
    template.has_resource_properties(
        "AWS::IAM::Role",
        {
            "AssumeRolePolicyDocument": {
                "Statement": [
                    {
                        "Action": "sts:AssumeRole",
                        "Effect": "Allow",
                        "Principal": {"Service": "sms-voice.amazonaws.com"},
                        "Condition": {"StringEquals": {"aws:SourceAccount": ACCOUNT}},
                    }
                ]
            }
        },
    )
    template.has_resource_properties(
        "AWS::IAM::Policy",
        {
            "PolicyDocument": {
                "Statement": [
                    {
                        "Action": "sns:Publish",
                        "Effect": "Allow",
                        "Resource": {"Ref": Match.string_like_regexp("^Inbound")},
                    }
                ]
            }
        },
    )


def test_two_way_connect_uses_the_given_role(stack):
    role = iam.Role.from_role_arn(stack, "ConnectRole", f"arn:aws:iam::{ACCOUNT}:role/connect")
    instance = f"arn:aws:connect:us-east-1:{ACCOUNT}:instance/11111111-2222-3333-4444-555555555555"
    number(stack, two_way=TwoWayChannel.connect(instance, role=role))
    Template.from_stack(stack).has_resource_properties(
        "AWS::SMSVOICE::PhoneNumber",
        {
            "TwoWay": {
                "Enabled": True,
                "ChannelArn": instance,
                "ChannelRole": f"arn:aws:iam::{ACCOUNT}:role/connect",
            }
        },
    )


def test_sender_id_and_pool_of_construct_references(stack):
    phone = number(stack)
    sender = SenderId(stack, "Sender", sender_id="EXAMPLE", iso_country_code="DE")
    Pool(
        stack,
        "Pool",
        origination_identities=[phone, sender],
        help_message="help",
        stop_message="stop",
        shared_routes=True,
    )
    template = Template.from_stack(stack)
    template.has_resource_properties(
        "AWS::SMSVOICE::SenderId", {"SenderId": "EXAMPLE", "IsoCountryCode": "DE"}
    )
    template.has_resource_properties(
        "AWS::SMSVOICE::Pool",
        {
            "OriginationIdentities": [
                {"Fn::GetAtt": [Match.string_like_regexp("^Number"), "Arn"]},
                {"Fn::GetAtt": [Match.string_like_regexp("^Sender"), "Arn"]},
            ],
            "SharedRoutesEnabled": True,
            "MandatoryKeywords": {"HELP": {"Message": "help"}, "STOP": {"Message": "stop"}},
        },
    )


# ---- grants ------------------------------------------------------------------------------


def test_grant_send_text_message_names_the_number_and_configuration_set(stack):
    phone = number(stack)
    config_set = ConfigurationSet(stack, "Set", configuration_set_name="events")
    phone.grant_send_text_message(grantee(stack), configuration_set=config_set)
    assert sender_statements(stack) == [
        {
            "Action": "sms-voice:SendTextMessage",
            "Effect": "Allow",
            "Resource": [CONFIG_SET_ARN, get_arn(stack, phone)],
        }
    ]


@pytest.mark.parametrize(
    ("method", "action"),
    [
        ("grant_send_text_message", "sms-voice:SendTextMessage"),
        ("grant_send_voice_message", "sms-voice:SendVoiceMessage"),
        ("grant_send_media_message", "sms-voice:SendMediaMessage"),
    ],
)
def test_each_send_grant_is_on_the_exact_pool_arn(stack, method, action):
    pool = Pool.from_pool_id(stack, "Pool", "pool-0123456789abcdef")
    getattr(pool, method)(grantee(stack))
    assert sender_statements(stack) == [
        {
            "Action": action,
            "Effect": "Allow",
            "Resource": f"arn:aws:sms-voice:us-east-1:{ACCOUNT}:pool/pool-0123456789abcdef",
        }
    ]


def test_configuration_set_grant_alone_names_only_the_set(stack):
    config_set = ConfigurationSet.from_configuration_set_name(stack, "Set", "events")
    config_set.grant_send_voice_message(grantee(stack))
    assert sender_statements(stack) == [
        {
            "Action": "sms-voice:SendVoiceMessage",
            "Effect": "Allow",
            "Resource": CONFIG_SET_ARN,
        }
    ]


def test_grant_needs_an_action(stack):
    with pytest.raises(ValueError, match="grant\\(\\) needs at least one action, got none"):
        number(stack).grant(grantee(stack))


# ---- imports -----------------------------------------------------------------------------


def test_imports_by_arn_keep_the_arn_and_parse_the_id(stack):
    arn = f"arn:aws:sms-voice:eu-west-1:{ACCOUNT}:phone-number/phone-abc"
    imported = PhoneNumber.from_phone_number_arn(stack, "Imported", arn)
    assert imported.origination_identity_arn == arn
    assert imported.phone_number_id == "phone-abc"  # type: ignore[attr-defined]
    assert imported.env.region == "eu-west-1"
    pool = Pool.from_pool_arn(
        stack, "ImportedPool", f"arn:aws:sms-voice:us-east-1:{ACCOUNT}:pool/pool-1"
    )
    assert pool.pool_id == "pool-1"  # type: ignore[attr-defined]
    config_set = ConfigurationSet.from_configuration_set_arn(
        stack, "ImportedSet", f"arn:aws:sms-voice:us-east-1:{ACCOUNT}:configuration-set/events"
    )
    assert config_set.configuration_set_name == "events"


def test_import_by_arn_of_another_kind_is_refused(stack):
    arn = f"arn:aws:sms-voice:us-east-1:{ACCOUNT}:pool/pool-1"
    with pytest.raises(ValueError, match=r"phone_number_arn must end in phone-number/<id>, got "):
        PhoneNumber.from_phone_number_arn(stack, "Imported", arn)


def test_sender_id_import_builds_its_arn(stack):
    sender = SenderId.from_sender_id(stack, "Sender", "EXAMPLE", "DE")
    assert stack.resolve(sender.origination_identity_arn) == (
        f"arn:aws:sms-voice:us-east-1:{ACCOUNT}:sender-id/EXAMPLE/DE"
    )


def test_imported_opt_out_list_and_protect_configuration(stack):
    opt_outs = OptOutList.from_opt_out_list_name(stack, "OptOuts", "marketing")
    protect = ProtectConfiguration.from_protect_configuration_id(stack, "Protect", "protect-1")
    number(stack, opt_out_list=opt_outs)
    ConfigurationSet(stack, "Set", protect_configuration=protect)
    template = Template.from_stack(stack)
    template.has_resource_properties("AWS::SMSVOICE::PhoneNumber", {"OptOutListName": "marketing"})
    template.has_resource_properties(
        "AWS::SMSVOICE::ConfigurationSet", {"ProtectConfigurationId": "protect-1"}
    )


# ---- configuration sets and event destinations -------------------------------------------


def test_cloudwatch_logs_destination_role_is_least_privilege(stack):
    log_group = logs.LogGroup(stack, "Events", retention=logs.RetentionDays.ONE_MONTH)
    protect = ProtectConfiguration(
        stack,
        "Protect",
        sms_country_rules={"US": ProtectStatus.ALLOW, "KP": ProtectStatus.BLOCK},
        voice_country_rules={"US": ProtectStatus.MONITOR},
    )
    config_set = ConfigurationSet(
        stack,
        "Set",
        configuration_set_name="events",
        default_sender_id="Example",
        protect_configuration=protect,
        message_feedback=True,
    )
    config_set.add_event_destination(
        "Logs",
        destination=EventDestination.cloudwatch_logs(log_group),
        event_types=[SmsVoiceEventType.TEXT_ALL, SmsVoiceEventType.VOICE_ALL],
    )
    template = Template.from_stack(stack)
    template.has_resource_properties(
        "AWS::SMSVOICE::ProtectConfiguration",
        {
            "CountryRuleSet": {
                "SMS": [
                    {"CountryCode": "US", "ProtectStatus": "ALLOW"},
                    {"CountryCode": "KP", "ProtectStatus": "BLOCK"},
                ],
                "VOICE": [{"CountryCode": "US", "ProtectStatus": "MONITOR"}],
                "MMS": Match.absent(),
            }
        },
    )
    template.has_resource_properties(
        "AWS::SMSVOICE::ConfigurationSet",
        {
            "ConfigurationSetName": "events",
            "DefaultSenderId": "Example",
            "MessageFeedbackEnabled": True,
            "ProtectConfigurationId": {
                "Fn::GetAtt": [Match.string_like_regexp("^Protect"), "ProtectConfigurationId"]
            },
            "EventDestinations": [
                {
                    "EventDestinationName": "Logs",
                    "Enabled": True,
                    "MatchingEventTypes": ["TEXT_ALL", "VOICE_ALL"],
                    "CloudWatchLogsDestination": {
                        "LogGroupArn": {"Fn::GetAtt": [Match.string_like_regexp("^Events"), "Arn"]},
                        "IamRoleArn": {
                            "Fn::GetAtt": [Match.string_like_regexp("^SetLogsRole"), "Arn"]
                        },
                    },
                }
            ],
        },
    )
    template.has_resource_properties(
        "AWS::IAM::Role", {"AssumeRolePolicyDocument": SMS_VOICE_TRUST}
    )
    template.has_resource_properties(
        "AWS::IAM::Policy",
        {
            "PolicyDocument": {
                "Statement": [
                    {
                        "Action": [
                            "logs:CreateLogStream",
                            "logs:DescribeLogStreams",
                            "logs:PutLogEvents",
                        ],
                        "Effect": "Allow",
                        "Resource": {"Fn::GetAtt": [Match.string_like_regexp("^Events"), "Arn"]},
                    }
                ]
            }
        },
    )
    # The set is created after its destination role's policy.
    set_resource = next(iter(template.find_resources("AWS::SMSVOICE::ConfigurationSet").values()))
    assert any(dep.startswith("SetLogsRoleDefaultPolicy") for dep in set_resource["DependsOn"])


def test_firehose_destination_role_may_only_put_records(stack):
    stream = firehose.DeliveryStream.from_delivery_stream_name(stack, "Stream", "sms-events")
    config_set = ConfigurationSet(stack, "Set", configuration_set_name="events")
    config_set.add_event_destination(
        "Archive", destination=EventDestination.firehose(stream), enabled=False
    )
    template = Template.from_stack(stack)
    stream_arn = stack.resolve(stream.delivery_stream_arn)
    template.has_resource_properties(
        "AWS::SMSVOICE::ConfigurationSet",
        {
            "EventDestinations": [
                {
                    "EventDestinationName": "Archive",
                    "Enabled": False,
                    "MatchingEventTypes": ["ALL"],
                    "KinesisFirehoseDestination": {
                        "DeliveryStreamArn": stream_arn,
                        "IamRoleArn": {
                            "Fn::GetAtt": [Match.string_like_regexp("^SetArchiveRole"), "Arn"]
                        },
                    },
                }
            ]
        },
    )
    template.has_resource_properties(
        "AWS::IAM::Role", {"AssumeRolePolicyDocument": SMS_VOICE_TRUST}
    )
    template.has_resource_properties(
        "AWS::IAM::Policy",
        {
            "PolicyDocument": {
                "Statement": [
                    {"Action": "firehose:PutRecord", "Effect": "Allow", "Resource": stream_arn}
                ]
            }
        },
    )


def test_sns_destination_adds_topic_and_key_policy_statements(stack):
    key = kms.Key(stack, "Key", enable_key_rotation=True)
    topic = sns.Topic(stack, "Events", master_key=key)
    config_set = ConfigurationSet(stack, "Set", configuration_set_name="events")
    config_set.add_event_destination(
        "Topic",
        destination=EventDestination.sns_topic(topic),
        event_types=[SmsVoiceEventType.TEXT_DELIVERED],
    )
    template = Template.from_stack(stack)
    principal_conditions = {
        "StringEquals": {"aws:SourceAccount": ACCOUNT},
        "ArnLike": {"aws:SourceArn": CONFIG_SET_ARN},
    }
    template.has_resource_properties(
        "AWS::SNS::TopicPolicy",
        {
            "PolicyDocument": {
                "Statement": Match.array_with(
                    [
                        Match.object_like(
                            {
                                "Action": "sns:Publish",
                                "Condition": principal_conditions,
                                "Effect": "Allow",
                                "Principal": {"Service": "sms-voice.amazonaws.com"},
                                "Resource": {"Ref": Match.string_like_regexp("^Events")},
                            }
                        )
                    ]
                )
            }
        },
    )
    template.has_resource_properties(
        "AWS::KMS::Key",
        {
            "KeyPolicy": {
                "Statement": Match.array_with(
                    [
                        Match.object_like(
                            {
                                "Action": ["kms:Decrypt", "kms:GenerateDataKey"],
                                "Condition": principal_conditions,
                                "Effect": "Allow",
                                "Principal": {"Service": "sms-voice.amazonaws.com"},
                                "Resource": "*",
                            }
                        )
                    ]
                )
            }
        },
    )
    template.resource_count_is("AWS::IAM::Role", 0)


def test_event_stream_destination_uses_the_streams_firehose(stack):
    app = PinpointApp(stack, "App", app_name="demo")
    delivery = firehose.DeliveryStream.from_delivery_stream_name(stack, "Delivery", "pinpoint")
    events = EventStream(
        stack, "Events", app=app, destination=EventStreamDestination.firehose(delivery)
    )
    config_set = ConfigurationSet(stack, "Set", configuration_set_name="events")
    config_set.add_event_destination("Shared", destination=EventDestination.event_stream(events))
    Template.from_stack(stack).has_resource_properties(
        "AWS::SMSVOICE::ConfigurationSet",
        {
            "EventDestinations": [
                {
                    "KinesisFirehoseDestination": {
                        "DeliveryStreamArn": stack.resolve(delivery.delivery_stream_arn),
                        "IamRoleArn": Match.any_value(),
                    }
                }
            ]
        },
    )


def test_event_stream_destination_refuses_a_kinesis_stream(stack):
    app = PinpointApp(stack, "App", app_name="demo")
    events = EventStream(stack, "Events", app=app)
    with pytest.raises(
        ValueError, match="stream must be an EventStream with a Firehose destination"
    ):
        EventDestination.event_stream(events)


def test_generated_configuration_set_name_fits_the_schema(stack):
    config_set = ConfigurationSet(stack, "Set")
    name = config_set.configuration_set_name
    assert 1 <= len(name) <= 64 and all(c.isalnum() or c in "-_" for c in name), name
    Template.from_stack(stack).has_resource_properties(
        "AWS::SMSVOICE::ConfigurationSet", {"ConfigurationSetName": name}
    )


# ---- the rest ----------------------------------------------------------------------------


def test_resource_policy_is_attached_to_the_number(stack):
    phone = number(stack)
    ResourcePolicy(
        stack,
        "Share",
        resource=phone,
        policy_document=iam.PolicyDocument(
            statements=[
                iam.PolicyStatement(
                    principals=[iam.AccountPrincipal("444455556666")],
                    actions=["sms-voice:SendTextMessage"],
                    resources=[phone.phone_number_arn],
                )
            ]
        ),
    )
    arn = get_arn(stack, phone)
    Template.from_stack(stack).has_resource_properties(
        "AWS::SMSVOICE::ResourcePolicy",
        {
            "ResourceArn": arn,
            "PolicyDocument": {
                "Statement": [
                    {
                        "Action": "sms-voice:SendTextMessage",
                        "Effect": "Allow",
                        "Principal": {"AWS": Match.any_value()},
                        "Resource": arn,
                    }
                ]
            },
        },
    )


def test_resource_policy_on_an_opt_out_list(stack):
    opt_outs = OptOutList(stack, "OptOuts")
    ResourcePolicy(
        stack,
        "Share",
        resource=opt_outs,
        policy_document=iam.PolicyDocument(
            statements=[
                iam.PolicyStatement(
                    principals=[iam.AccountPrincipal("444455556666")],
                    actions=["sms-voice:DescribeOptedOutNumbers"],
                    resources=[opt_outs.opt_out_list_arn],
                )
            ]
        ),
    )
    Template.from_stack(stack).has_resource_properties(
        "AWS::SMSVOICE::ResourcePolicy",
        {"ResourceArn": {"Fn::GetAtt": [Match.string_like_regexp("^OptOuts"), "Arn"]}},
    )


def test_notify_configuration_registration_attachment_and_verified_number(stack):
    phone = number(stack)
    pool = Pool(stack, "Pool", origination_identities=[phone], help_message="h", stop_message="s")
    NotifyConfiguration(
        stack,
        "Codes",
        display_name="Example Codes",
        enabled_channels=[NotifyChannel.SMS, NotifyChannel.VOICE],
        enabled_countries=["US", "CA"],
        default_template_id="template_1",
        pool=pool,
    )
    Registration(stack, "Reg", registration_type="US_TOLL_FREE_REGISTRATION")
    bucket = s3.Bucket.from_bucket_name(stack, "Bucket", "registration-files")
    RegistrationAttachment(stack, "Screenshot", bucket=bucket, object_key="opt-in/form.png")
    VerifiedDestinationNumber(stack, "Tester", destination_phone_number="+12065550142")
    template = Template.from_stack(stack)
    template.has_resource_properties(
        "AWS::SMSVOICE::NotifyConfiguration",
        {
            "DisplayName": "Example Codes",
            "UseCase": "CODE_VERIFICATION",
            "EnabledChannels": ["SMS", "VOICE"],
            "EnabledCountries": ["US", "CA"],
            "DefaultTemplateId": "template_1",
            "PoolId": {"Fn::GetAtt": [Match.string_like_regexp("^Pool"), "Arn"]},
        },
    )
    template.has_resource_properties(
        "AWS::SMSVOICE::Registration", {"RegistrationType": "US_TOLL_FREE_REGISTRATION"}
    )
    template.has_resource_properties(
        "AWS::SMSVOICE::RegistrationAttachment",
        {"AttachmentUrl": "s3://registration-files/opt-in/form.png"},
    )
    template.has_resource_properties(
        "AWS::SMSVOICE::VerifiedDestinationNumber", {"DestinationPhoneNumber": "+12065550142"}
    )


def test_tags_reach_the_resources(stack):
    phone = number(stack)
    cdk.Tags.of(phone).add("team", "messaging")
    Template.from_stack(stack).has_resource_properties(
        "AWS::SMSVOICE::PhoneNumber", {"Tags": [{"Key": "team", "Value": "messaging"}]}
    )


# ---- gates: cfn-lint and cdk-nag with no end-of-support acknowledgement ------------------


def test_sms_voice_resources_pass_cfn_lint_and_cdk_nag_without_w3696(tmp_path):
    """Everything the default stack uses, plus pools, sender IDs, grants and the other
    destinations, in a stack that acknowledges nothing: cfn-lint finds nothing (not even
    W3696) and cdk-nag only what the constructs acknowledge themselves."""
    from cdk_nag import AwsSolutionsChecks

    from stacks import cdk_json_context

    app = cdk.App(context=cdk_json_context(), outdir=str(tmp_path / "out"))
    cdk.Validations.of(app).add_plugins(AwsSolutionsChecks(app))
    stack = cdk.Stack(app, "SmsVoice", env=cdk.Environment(account=ACCOUNT, region="us-east-1"))
    opt_outs = OptOutList(stack, "OptOuts")
    key = kms.Key(stack, "Key", enable_key_rotation=True)
    topic = sns.Topic(stack, "Inbound", master_key=key, enforce_ssl=True)
    phone = number(stack, opt_out_list=opt_outs, two_way=TwoWayChannel.sns_topic(topic))
    sender = SenderId(stack, "SenderIdentity", sender_id="EXAMPLE", iso_country_code="DE")
    pool = Pool(
        stack,
        "Pool",
        origination_identities=[phone, sender],
        help_message="h",
        stop_message="s",
        opt_out_list=opt_outs,
    )
    protect = ProtectConfiguration(stack, "Protect", sms_country_rules={"US": ProtectStatus.ALLOW})
    config_set = ConfigurationSet(stack, "Set", protect_configuration=protect)
    log_group = logs.LogGroup(stack, "Events", retention=logs.RetentionDays.ONE_MONTH)
    config_set.add_event_destination(
        "Logs", destination=EventDestination.cloudwatch_logs(log_group)
    )
    config_set.add_event_destination("Topic", destination=EventDestination.sns_topic(topic))
    pool.grant_send_text_message(grantee(stack), configuration_set=config_set)
    Registration(stack, "Reg", registration_type="US_TOLL_FREE_REGISTRATION")
    VerifiedDestinationNumber(stack, "Tester", destination_phone_number="+12065550142")
    template = synth_clean(stack)
    assert lint_findings_all(template, tmp_path) == []


def lint_findings_all(template: dict[str, Any], tmp_path: Any) -> list[dict[str, Any]]:
    """cfn-lint findings, W3696 included (these resources must not need it)."""
    path = tmp_path / "sms-voice.json"
    path.write_text(json.dumps(template))
    return run_cfn_lint([str(path)])


def test_the_default_foundation_stack_has_the_end_user_messaging_part(default_app):
    (foundation,) = [s for s in default_app.stacks if s.stack_name == "MessagingFoundation"]
    resources = default_app.template(foundation)["Resources"].values()
    types = {resource["Type"] for resource in resources}
    assert {
        "AWS::SMSVOICE::OptOutList",
        "AWS::SMSVOICE::PhoneNumber",
        "AWS::SMSVOICE::ProtectConfiguration",
        "AWS::SMSVOICE::ConfigurationSet",
    } <= types
    (config_set,) = [r for r in resources if r["Type"] == "AWS::SMSVOICE::ConfigurationSet"]
    # The event log, and the event archive's Firehose stream (issue 27).
    log, archive = config_set["Properties"]["EventDestinations"]
    assert log["MatchingEventTypes"] == ["TEXT_ALL", "VOICE_ALL"]
    assert "CloudWatchLogsDestination" in log
    assert archive["EventDestinationName"] == "EventArchive"
    assert archive["MatchingEventTypes"] == ["TEXT_ALL", "VOICE_ALL"]
    assert "KinesisFirehoseDestination" in archive


def test_two_way_role_of_an_encrypted_topic_may_use_its_key(stack):
    key = kms.Key(stack, "Key", enable_key_rotation=True)
    topic = sns.Topic(stack, "Inbound", master_key=key)
    number(stack, two_way=TwoWayChannel.sns_topic(topic))
    Template.from_stack(stack).has_resource_properties(
        "AWS::IAM::Policy",
        {
            "PolicyDocument": {
                "Statement": [
                    {
                        "Action": "sns:Publish",
                        "Effect": "Allow",
                        "Resource": {"Ref": Match.string_like_regexp("^Inbound")},
                    },
                    {
                        "Action": ["kms:Decrypt", "kms:GenerateDataKey"],
                        "Effect": "Allow",
                        "Resource": {"Fn::GetAtt": [Match.string_like_regexp("^Key"), "Arn"]},
                    },
                ]
            }
        },
    )


def test_a_keyword_replies_only_by_default(stack):
    number(stack, keywords=[Keyword("HOURS", "Open 9-5, Monday to Friday.")])
    Template.from_stack(stack).has_resource_properties(
        "AWS::SMSVOICE::PhoneNumber",
        {
            "OptionalKeywords": [
                {
                    "Keyword": "HOURS",
                    "Message": "Open 9-5, Monday to Friday.",
                    "Action": "AUTOMATIC_RESPONSE",
                }
            ]
        },
    )


def test_an_imported_topic_destination_warns_that_its_policy_is_unchanged(stack):
    topic = sns.Topic.from_topic_arn(stack, "Events", f"arn:aws:sns:us-east-1:{ACCOUNT}:events")
    config_set = ConfigurationSet(stack, "Set", configuration_set_name="events")
    config_set.add_event_destination("Topic", destination=EventDestination.sns_topic(topic))
    Annotations.from_stack(stack).has_warning(
        "/TestStack/Set",
        Match.string_like_regexp(
            r"event destination 'Topic': the topic TestStack/Events \(or its KMS key\) is "
            r"imported, so its policy was not changed.*\[ack: "
            + SNS_DESTINATION_POLICY_WARNING
            + r"\]"
        ),
    )


def test_a_topic_of_this_stack_gives_no_policy_warning(stack):
    config_set = ConfigurationSet(stack, "Set", configuration_set_name="events")
    config_set.add_event_destination(
        "Topic", destination=EventDestination.sns_topic(sns.Topic(stack, "Events"))
    )
    Annotations.from_stack(stack).has_no_warning("*", Match.any_value())
