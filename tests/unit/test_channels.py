"""Channels: properties, defaults, secrets, the app's channel registry, the lazy missing-channel
warning, and every validation rule with its message."""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable
from typing import Any

import aws_cdk as cdk
import pytest
from aws_cdk import SecretValue
from aws_cdk import aws_iam as iam
from aws_cdk import aws_secretsmanager as secretsmanager
from aws_cdk import aws_ses as ses
from aws_cdk.assertions import Annotations, Match, Template
from constructs import Construct
from support import synth_clean

from pinpoint_constructs import (
    CHANNEL_MISSING_WARNING,
    FCM_LEGACY_API_KEY_WARNING,
    AdmChannel,
    ApnsChannel,
    ApnsCredentials,
    ApnsEnvironment,
    BaiduChannel,
    ChannelType,
    EmailChannel,
    FcmChannel,
    FcmCredentials,
    PinpointApp,
    SmsChannel,
    VoiceChannel,
    warn_if_channel_missing,
)

APP_REF = {"Ref": Match.string_like_regexp("^App")}
IDENTITY_ARN = "arn:aws:ses:us-east-1:123456789012:identity/example.com"


def _secret(name: str, field: str | None = None) -> SecretValue:
    return SecretValue.secrets_manager(name, json_field=field)


def _resolve_ref(name: str, field: str | None = None) -> str:
    return f"{{{{resolve:secretsmanager:{name}:SecretString:{field or ''}::}}}}"


def _token_credentials() -> ApnsCredentials:
    return ApnsCredentials.token(
        bundle_id="com.example.app",
        team_id="ABCDE12345",
        token_key_id="KEY1234567",
        token_key=_secret("pinpoint/apns", "p8"),
    )


def _only(template: Template, resource_type: str) -> dict[str, Any]:
    (resource,) = template.find_resources(resource_type).values()
    return resource["Properties"]  # type: ignore[no-any-return]


def _message(excinfo: pytest.ExceptionInfo[BaseException]) -> str:
    return str(excinfo.value)


# ---- email -----------------------------------------------------------------------------


def test_email_channel_with_an_identity_in_the_stack(stack):
    app = PinpointApp(stack, "App")
    identity = ses.EmailIdentity(stack, "Identity", identity=ses.Identity.domain("example.com"))
    channel = EmailChannel(
        stack, "Email", app=app, from_address="news@example.com", identity=identity
    )
    props = _only(Template.from_stack(stack), "AWS::Pinpoint::EmailChannel")
    assert props == {
        "ApplicationId": stack.resolve(app.app_id),
        "FromAddress": "news@example.com",
        "Identity": {
            "Fn::Join": [
                "",
                [
                    "arn:aws:ses:us-east-1:123456789012:identity/",
                    stack.resolve(identity.email_identity_name),
                ],
            ]
        },
        "Enabled": True,
    }
    assert channel.channel_type is ChannelType.EMAIL
    assert channel.app is app
    assert channel.enabled is True
    assert channel.node.default_child is channel.node.find_child("Resource")


def test_email_identity_arn_uses_the_stacks_partition_region_and_account():
    stack = cdk.Stack(cdk.App(), "Agnostic")
    app = PinpointApp(stack, "App")
    identity = ses.EmailIdentity.from_email_identity_name(stack, "Identity", "example.com")
    EmailChannel(stack, "Email", app=app, from_address="news@example.com", identity=identity)
    props = _only(Template.from_stack(stack), "AWS::Pinpoint::EmailChannel")
    assert props["Identity"] == {
        "Fn::Join": [
            "",
            [
                "arn:",
                {"Ref": "AWS::Partition"},
                ":ses:",
                {"Ref": "AWS::Region"},
                ":",
                {"Ref": "AWS::AccountId"},
                ":identity/example.com",
            ],
        ]
    }


def test_email_identity_can_be_an_arn(stack):
    app = PinpointApp(stack, "App")
    channel = EmailChannel(
        stack, "Email", app=app, from_address="news@example.com", identity=IDENTITY_ARN
    )
    assert channel.identity_arn == IDENTITY_ARN
    Template.from_stack(stack).has_resource_properties(
        "AWS::Pinpoint::EmailChannel", {"Identity": IDENTITY_ARN}
    )


def test_email_configuration_set_role_and_disabled(stack):
    app = PinpointApp(stack, "App")
    role = iam.Role(stack, "Role", assumed_by=iam.ServicePrincipal("pinpoint.amazonaws.com"))
    config = ses.ConfigurationSet(stack, "Config", configuration_set_name="marketing")
    EmailChannel(
        stack,
        "Email",
        app=app,
        from_address="Example News <news@example.com>",
        identity=IDENTITY_ARN,
        configuration_set=config,
        orchestration_sending_role=role,
        enabled=False,
    )
    template = Template.from_stack(stack)
    template.has_resource_properties(
        "AWS::Pinpoint::EmailChannel",
        {
            "FromAddress": "Example News <news@example.com>",
            "ConfigurationSet": {"Ref": Match.string_like_regexp("^Config")},
            "OrchestrationSendingRoleArn": {
                "Fn::GetAtt": [Match.string_like_regexp("^Role"), "Arn"]
            },
            "Enabled": False,
        },
    )


def test_orchestration_role_may_send_from_the_identity_and_configuration_set_only(stack):
    app = PinpointApp(stack, "App")
    role = iam.Role(stack, "Role", assumed_by=iam.ServicePrincipal("pinpoint.amazonaws.com"))
    config = ses.ConfigurationSet(stack, "Config", configuration_set_name="marketing")
    app.add_email_channel(
        from_address="news@example.com",
        identity=IDENTITY_ARN,
        configuration_set=config,
        orchestration_sending_role=role,
    )
    (policy,) = Template.from_stack(stack).find_resources("AWS::IAM::Policy").values()
    (statement,) = policy["Properties"]["PolicyDocument"]["Statement"]
    assert statement["Action"] == ["ses:SendEmail", "ses:SendRawEmail"]
    assert statement["Resource"][0] == IDENTITY_ARN
    assert statement["Resource"][1] == {
        "Fn::Join": [
            "",
            [
                "arn:aws:ses:us-east-1:123456789012:configuration-set/",
                stack.resolve(config.configuration_set_name),
            ],
        ]
    }


def test_email_channel_without_optional_props_leaves_them_out(stack):
    app = PinpointApp(stack, "App")
    channel = app.add_email_channel(from_address="news@example.com", identity=IDENTITY_ARN)
    props = _only(Template.from_stack(stack), "AWS::Pinpoint::EmailChannel")
    assert "ConfigurationSet" not in props and "OrchestrationSendingRoleArn" not in props
    Template.from_stack(stack).resource_count_is("AWS::IAM::Policy", 0)
    assert channel.configuration_set is None and channel.orchestration_sending_role is None


# ---- SMS and voice ---------------------------------------------------------------------


def test_sms_channel_properties(stack):
    app = PinpointApp(stack, "App")
    channel = SmsChannel(stack, "Sms", app=app, sender_id="ExampleCo", short_code="12345")
    assert _only(Template.from_stack(stack), "AWS::Pinpoint::SMSChannel") == {
        "ApplicationId": stack.resolve(app.app_id),
        "SenderId": "ExampleCo",
        "ShortCode": "12345",
        "Enabled": True,
    }
    assert channel.channel_type is ChannelType.SMS
    assert (channel.sender_id, channel.short_code) == ("ExampleCo", "12345")


def test_sms_channel_defaults(stack):
    app = PinpointApp(stack, "App")
    app.add_sms_channel()
    assert _only(Template.from_stack(stack), "AWS::Pinpoint::SMSChannel") == {
        "ApplicationId": stack.resolve(app.app_id),
        "Enabled": True,
    }


def test_voice_channel_defaults_to_enabled_and_can_be_disabled(stack):
    app = PinpointApp(stack, "App")
    other = PinpointApp(stack, "Other")
    on = VoiceChannel(stack, "Voice", app=app)
    off = other.add_voice_channel(enabled=False)
    enabled = {
        json.dumps(props["Properties"]["ApplicationId"]): props["Properties"]["Enabled"]
        for props in Template.from_stack(stack)
        .find_resources("AWS::Pinpoint::VoiceChannel")
        .values()
    }
    assert enabled == {
        json.dumps(stack.resolve(app.app_id)): True,
        json.dumps(stack.resolve(other.app_id)): False,
    }
    assert on.channel_type is off.channel_type is ChannelType.VOICE


# ---- APNs ------------------------------------------------------------------------------

APNS_TYPES = [
    (ApnsEnvironment.PRODUCTION, "AWS::Pinpoint::APNSChannel", ChannelType.APNS),
    (ApnsEnvironment.SANDBOX, "AWS::Pinpoint::APNSSandboxChannel", ChannelType.APNS_SANDBOX),
    (ApnsEnvironment.VOIP, "AWS::Pinpoint::APNSVoipChannel", ChannelType.APNS_VOIP),
    (
        ApnsEnvironment.VOIP_SANDBOX,
        "AWS::Pinpoint::APNSVoipSandboxChannel",
        ChannelType.APNS_VOIP_SANDBOX,
    ),
]


@pytest.mark.parametrize(("environment", "resource_type", "channel_type"), APNS_TYPES)
def test_apns_environment_selects_the_resource_type(
    stack, environment, resource_type, channel_type
):
    app = PinpointApp(stack, "App")
    channel = ApnsChannel(
        stack, "Apns", app=app, credentials=_token_credentials(), environment=environment
    )
    assert _only(Template.from_stack(stack), resource_type) == {
        "ApplicationId": stack.resolve(app.app_id),
        "BundleId": "com.example.app",
        "TeamId": "ABCDE12345",
        "TokenKeyId": "KEY1234567",
        "TokenKey": _resolve_ref("pinpoint/apns", "p8"),
        "DefaultAuthenticationMethod": "TOKEN",
        "Enabled": True,
    }
    assert channel.channel_type is channel_type
    assert channel.environment is environment
    assert channel.default_authentication_method == "TOKEN"


def test_apns_environment_defaults_to_production(stack):
    app = PinpointApp(stack, "App")
    channel = ApnsChannel(stack, "Apns", app=app, credentials=_token_credentials())
    assert channel.environment is ApnsEnvironment.PRODUCTION
    Template.from_stack(stack).resource_count_is("AWS::Pinpoint::APNSChannel", 1)


def test_apns_certificate_credentials(stack):
    app = PinpointApp(stack, "App")
    channel = app.add_apns_channel(
        environment=ApnsEnvironment.SANDBOX,
        credentials=ApnsCredentials.certificate(
            certificate=_secret("pinpoint/apns-cert", "certificate"),
            private_key=_secret("pinpoint/apns-cert", "privateKey"),
        ),
        enabled=False,
    )
    assert _only(Template.from_stack(stack), "AWS::Pinpoint::APNSSandboxChannel") == {
        "ApplicationId": stack.resolve(app.app_id),
        "Certificate": _resolve_ref("pinpoint/apns-cert", "certificate"),
        "PrivateKey": _resolve_ref("pinpoint/apns-cert", "privateKey"),
        "DefaultAuthenticationMethod": "CERTIFICATE",
        "Enabled": False,
    }
    assert channel.default_authentication_method == "CERTIFICATE"
    assert channel.node.id == "ApnsSandboxChannel"


def test_add_apns_channel_names_the_child_after_the_environment(stack):
    app = PinpointApp(stack, "App")
    ids = [
        app.add_apns_channel(credentials=_token_credentials(), environment=env).node.id
        for env, _, _ in APNS_TYPES
    ]
    assert ids == ["ApnsChannel", "ApnsSandboxChannel", "ApnsVoipChannel", "ApnsVoipSandboxChannel"]


# ---- FCM, Baidu, ADM -------------------------------------------------------------------


def test_fcm_service_json_uses_token_authentication_without_warning(stack):
    app = PinpointApp(stack, "App")
    channel = FcmChannel(
        stack,
        "Fcm",
        app=app,
        credentials=FcmCredentials.service_json(_secret("pinpoint/fcm")),
    )
    assert _only(Template.from_stack(stack), "AWS::Pinpoint::GCMChannel") == {
        "ApplicationId": stack.resolve(app.app_id),
        "ServiceJson": _resolve_ref("pinpoint/fcm"),
        "DefaultAuthenticationMethod": "TOKEN",
        "Enabled": True,
    }
    assert channel.channel_type is ChannelType.GCM
    assert channel.default_authentication_method == "TOKEN"
    Annotations.from_stack(stack).has_no_warning("*", Match.string_like_regexp("legacy FCM"))


def test_fcm_legacy_api_key_uses_key_authentication_and_warns(stack):
    app = PinpointApp(stack, "App")
    app.add_fcm_channel(credentials=FcmCredentials.api_key(_secret("pinpoint/fcm", "apiKey")))
    assert _only(Template.from_stack(stack), "AWS::Pinpoint::GCMChannel") == {
        "ApplicationId": stack.resolve(app.app_id),
        "ApiKey": _resolve_ref("pinpoint/fcm", "apiKey"),
        "DefaultAuthenticationMethod": "KEY",
        "Enabled": True,
    }
    Annotations.from_stack(stack).has_warning(
        "/TestStack/App/FcmChannel",
        Match.string_like_regexp(
            r"^FcmCredentials\.api_key uses the legacy FCM server key.*"
            r"use FcmCredentials\.service_json\(\.\.\.\) \(FCM HTTP v1\) instead "
            rf"\[ack: {FCM_LEGACY_API_KEY_WARNING}\]$"
        ),
    )


def test_baidu_channel_properties(stack):
    app = PinpointApp(stack, "App")
    channel = BaiduChannel(
        stack,
        "Baidu",
        app=app,
        api_key=_secret("pinpoint/baidu", "apiKey"),
        secret_key=_secret("pinpoint/baidu", "secretKey"),
    )
    assert _only(Template.from_stack(stack), "AWS::Pinpoint::BaiduChannel") == {
        "ApplicationId": stack.resolve(app.app_id),
        "ApiKey": _resolve_ref("pinpoint/baidu", "apiKey"),
        "SecretKey": _resolve_ref("pinpoint/baidu", "secretKey"),
        "Enabled": True,
    }
    assert channel.channel_type is ChannelType.BAIDU


def test_adm_channel_properties(stack):
    app = PinpointApp(stack, "App")
    channel = app.add_adm_channel(
        client_id=_secret("pinpoint/adm", "clientId"),
        client_secret=_secret("pinpoint/adm", "clientSecret"),
        enabled=False,
    )
    assert _only(Template.from_stack(stack), "AWS::Pinpoint::ADMChannel") == {
        "ApplicationId": stack.resolve(app.app_id),
        "ClientId": _resolve_ref("pinpoint/adm", "clientId"),
        "ClientSecret": _resolve_ref("pinpoint/adm", "clientSecret"),
        "Enabled": False,
    }
    assert channel.channel_type is ChannelType.ADM
    assert channel.node.id == "AdmChannel"


# ---- secrets ---------------------------------------------------------------------------

#: What the secrets hold in Secrets Manager. The program only ever names the secrets, so none of
#: these may reach the template.
KNOWN_VALUES = {
    "p8": "KNOWN-P8-KEY-0001",
    "certificate": "KNOWN-CERTIFICATE-0002",
    "privateKey": "KNOWN-PRIVATE-KEY-0003",
    "serviceJson": "KNOWN-SERVICE-JSON-0004",
    "apiKey": "KNOWN-FCM-API-KEY-0005",
    "baiduApiKey": "KNOWN-BAIDU-API-KEY-0006",
    "baiduSecretKey": "KNOWN-BAIDU-SECRET-0007",
    "clientId": "KNOWN-ADM-CLIENT-ID-0008",
    "clientSecret": "KNOWN-ADM-SECRET-0009",
}


def _every_credentialed_channel(scope: Construct, secret: Callable[[str], SecretValue]) -> None:
    for index, credentials in enumerate(
        [
            ApnsCredentials.token(
                bundle_id="com.example.app",
                team_id="ABCDE12345",
                token_key_id="KEY1234567",
                token_key=secret("p8"),
            ),
            ApnsCredentials.certificate(
                certificate=secret("certificate"), private_key=secret("privateKey")
            ),
        ]
    ):
        for environment in ApnsEnvironment:
            app = PinpointApp(scope, f"Apns{index}{environment.name}")
            app.add_apns_channel(credentials=credentials, environment=environment)
    PinpointApp(scope, "FcmV1").add_fcm_channel(
        credentials=FcmCredentials.service_json(secret("serviceJson"))
    )
    PinpointApp(scope, "FcmLegacy").add_fcm_channel(
        credentials=FcmCredentials.api_key(secret("apiKey"))
    )
    PinpointApp(scope, "Baidu").add_baidu_channel(
        api_key=secret("baiduApiKey"), secret_key=secret("baiduSecretKey")
    )
    PinpointApp(scope, "Adm").add_adm_channel(
        client_id=secret("clientId"), client_secret=secret("clientSecret")
    )


CREDENTIAL_PROPS = {
    "TokenKey",
    "Certificate",
    "PrivateKey",
    "ServiceJson",
    "ApiKey",
    "SecretKey",
    "ClientId",
    "ClientSecret",
}


def test_no_credential_reaches_the_template_in_plaintext(stack):
    # One secret named by reference, one defined in the stack: both render dynamic references.
    stored = secretsmanager.Secret(stack, "Stored")
    refs = itertools.count()

    def secret(field: str) -> SecretValue:
        if next(refs) % 2:
            return stored.secret_value_from_json(field)
        return SecretValue.secrets_manager("pinpoint/credentials", json_field=field)

    _every_credentialed_channel(stack, secret)
    template = Template.from_stack(stack).to_json()
    text = json.dumps(template)
    for value in KNOWN_VALUES.values():
        assert value not in text
    checked = 0
    for resource in template["Resources"].values():
        if not resource["Type"].startswith("AWS::Pinpoint::") or resource["Type"].endswith("App"):
            continue
        for prop, value in resource["Properties"].items():
            if prop in CREDENTIAL_PROPS:
                assert "{{resolve:secretsmanager:" in json.dumps(value), (resource["Type"], prop)
                checked += 1
    # 8 APNs channels x (1 or 2 secrets) + FCM x 2 + Baidu 2 + ADM 2
    assert checked == 4 * 1 + 4 * 2 + 1 + 1 + 2 + 2


def test_a_plaintext_secret_value_is_refused_so_known_values_cannot_leak(stack):
    with pytest.raises(ValueError) as raised:
        _every_credentialed_channel(
            stack, lambda field: SecretValue.unsafe_plain_text(KNOWN_VALUES[field])
        )
    assert _message(raised) == (
        "token_key holds a plain string (SecretValue.unsafe_plain_text?), which would be written "
        "to the template in plaintext; pass a reference such as "
        "SecretValue.secrets_manager('my-secret', json_field='key') or "
        "secretsmanager.Secret.from_secret_name_v2(...).secret_value"
    )


#: Each of the nine credential props, in a channel of its own: (prop, add it with value).
CREDENTIAL_CHANNELS: list[tuple[str, Callable[[Any, SecretValue], Any]]] = [
    (
        "token_key",
        lambda app, value: app.add_apns_channel(
            credentials=ApnsCredentials.token(
                bundle_id="com.example.app",
                team_id="ABCDE12345",
                token_key_id="KEY1234567",
                token_key=value,
            )
        ),
    ),
    (
        "certificate",
        lambda app, value: app.add_apns_channel(
            credentials=ApnsCredentials.certificate(
                certificate=value, private_key=_secret("apns", "key")
            )
        ),
    ),
    (
        "private_key",
        lambda app, value: app.add_apns_channel(
            credentials=ApnsCredentials.certificate(
                certificate=_secret("apns", "cert"), private_key=value
            )
        ),
    ),
    (
        "service_json",
        lambda app, value: app.add_fcm_channel(credentials=FcmCredentials.service_json(value)),
    ),
    ("api_key", lambda app, value: app.add_fcm_channel(credentials=FcmCredentials.api_key(value))),
    (
        "api_key",
        lambda app, value: app.add_baidu_channel(api_key=value, secret_key=_secret("b", "s")),
    ),
    (
        "secret_key",
        lambda app, value: app.add_baidu_channel(api_key=_secret("b", "a"), secret_key=value),
    ),
    (
        "client_id",
        lambda app, value: app.add_adm_channel(client_id=value, client_secret=_secret("a", "s")),
    ),
    (
        "client_secret",
        lambda app, value: app.add_adm_channel(client_id=_secret("a", "i"), client_secret=value),
    ),
]
_CREDENTIAL_IDS = [f"{i}-{prop}" for i, (prop, _) in enumerate(CREDENTIAL_CHANNELS)]

#: Tokens that carry literal text into the template (the literal is the secret).
LITERAL_IN_TOKEN: list[tuple[str, Callable[[cdk.Stack], SecretValue], int]] = [
    ("sub", lambda stack: SecretValue.unsafe_plain_text(cdk.Fn.sub("KNOWN-SECRET-1")), 14),
    (
        "join-region",
        lambda stack: SecretValue.unsafe_plain_text(
            cdk.Fn.join("", ["KNOWN-SECRET-2", cdk.Aws.REGION])
        ),
        14,
    ),
    (
        "sub-variables",
        lambda stack: SecretValue.unsafe_plain_text(
            cdk.Fn.sub("${Key}-${AWS::Region}", {"Key": "KNOWN-SECRET-3"})
        ),
        15,
    ),
    (
        "base64",
        lambda stack: SecretValue.unsafe_plain_text(
            cdk.Fn.base64(cdk.Fn.join("", ["KNOWN-SECRET-4", cdk.Aws.ACCOUNT_ID]))
        ),
        14,
    ),
    (
        "if",
        lambda stack: SecretValue.unsafe_plain_text(
            cdk.Fn.condition_if(
                cdk.CfnCondition(
                    stack, "Prod", expression=cdk.Fn.condition_equals(cdk.Aws.REGION, "x")
                ).logical_id,
                SecretValue.secrets_manager("prod").unsafe_unwrap(),
                cdk.Fn.join("", ["KNOWN-SECRET-5", cdk.Aws.REGION]),
            ).to_string()
        ),
        14,
    ),
    (
        "beside-a-reference",
        lambda stack: SecretValue.unsafe_plain_text(
            cdk.Fn.join("", [SecretValue.secrets_manager("s").unsafe_unwrap(), "KNOWN-SECRET-6"])
        ),
        14,
    ),
]


@pytest.mark.parametrize(("prop", "add"), CREDENTIAL_CHANNELS, ids=_CREDENTIAL_IDS)
@pytest.mark.parametrize(
    ("case", "token", "size"), LITERAL_IN_TOKEN, ids=[c for c, _, _ in LITERAL_IN_TOKEN]
)
def test_a_literal_inside_a_token_is_refused_like_a_plain_string(prop, add, case, token, size):
    stack = cdk.Stack(cdk.App(), "Literal")
    app = PinpointApp(stack, "App")
    with pytest.raises(ValueError) as raised:
        add(app, token(stack))
    assert _message(raised) == (
        f"{prop} has literal text inside a token ({size} characters in an intrinsic function "
        "such as Fn::Sub or Fn::Join), which would be written to the template in plaintext; "
        "pass a reference such as SecretValue.secrets_manager('my-secret', json_field='key') "
        "or secretsmanager.Secret.from_secret_name_v2(...).secret_value"
    )
    assert "KNOWN-SECRET" not in _message(raised)
    assert not [c for c in stack.node.find_all() if isinstance(c, cdk.CfnResource)][1:]


@pytest.mark.parametrize(("prop", "add"), CREDENTIAL_CHANNELS, ids=_CREDENTIAL_IDS)
def test_a_mapping_value_is_refused_because_the_mapping_is_plaintext(prop, add):
    stack = cdk.Stack(cdk.App(), "Mapping")
    mapping = cdk.CfnMapping(stack, "Keys", mapping={"prod": {"key": "KNOWN-SECRET"}}, lazy=False)
    with pytest.raises(ValueError, match=rf"^{prop} reads a CfnMapping \(Fn::FindInMap\)"):
        add(
            PinpointApp(stack, "App"),
            SecretValue.unsafe_plain_text(mapping.find_in_map(cdk.Aws.REGION, "key")),
        )


REFERENCES_IN_TOKENS: list[tuple[str, Callable[[cdk.Stack], SecretValue]]] = [
    (
        "secret-in-stack",
        lambda stack: secretsmanager.Secret(stack, "S").secret_value_from_json("key"),
    ),
    (
        "joined-dynamic-reference",
        lambda stack: SecretValue.unsafe_plain_text(
            cdk.Fn.join(
                "",
                [
                    "{{resolve:secretsmanager:",
                    secretsmanager.Secret(stack, "S").secret_arn,
                    ":SecretString:key::}}",
                ],
            )
        ),
    ),
    (
        "noecho-parameter",
        lambda stack: SecretValue.cfn_parameter(cdk.CfnParameter(stack, "P", no_echo=True)),
    ),
    (
        "sub-of-a-parameter",
        lambda stack: SecretValue.unsafe_plain_text(
            cdk.Fn.sub("${P}", {"P": cdk.CfnParameter(stack, "P", no_echo=True).value_as_string})
        ),
    ),
    (
        "imported",
        lambda stack: SecretValue.unsafe_plain_text(cdk.Fn.import_value("shared-key")),
    ),
]


@pytest.mark.parametrize(("prop", "add"), CREDENTIAL_CHANNELS, ids=_CREDENTIAL_IDS)
@pytest.mark.parametrize(
    ("case", "token"), REFERENCES_IN_TOKENS, ids=[c for c, _ in REFERENCES_IN_TOKENS]
)
def test_references_inside_tokens_are_accepted(prop, add, case, token):
    stack = cdk.Stack(cdk.App(), "References")
    add(PinpointApp(stack, "App"), token(stack))


SECRET_FACTORIES: list[tuple[str, Callable[[Any], Any]]] = [
    (
        "token_key",
        lambda value: ApnsCredentials.token(
            bundle_id="com.example.app",
            team_id="ABCDE12345",
            token_key_id="KEY1234567",
            token_key=value,
        ),
    ),
    (
        "certificate",
        lambda value: ApnsCredentials.certificate(
            certificate=value, private_key=_secret("apns", "key")
        ),
    ),
    (
        "private_key",
        lambda value: ApnsCredentials.certificate(
            certificate=_secret("apns", "cert"), private_key=value
        ),
    ),
    ("service_json", FcmCredentials.service_json),
    ("api_key", FcmCredentials.api_key),
]


@pytest.mark.parametrize(
    ("prop", "factory"), SECRET_FACTORIES, ids=[p for p, _ in SECRET_FACTORIES]
)
def test_credential_factories_refuse_a_str(prop, factory):
    with pytest.raises(TypeError) as raised:
        factory("KNOWN-VALUE-123")
    assert _message(raised) == (
        f"{prop} must be an aws_cdk.SecretValue (for example "
        "SecretValue.secrets_manager('my-secret', json_field='key') or "
        "secretsmanager.Secret.from_secret_name_v2(...).secret_value), so the template "
        "carries a dynamic reference instead of the plaintext value; got str"
    )


@pytest.mark.parametrize(
    ("prop", "make"),
    [
        (
            "api_key",
            lambda stack, app, value: BaiduChannel(
                stack, "C", app=app, api_key=value, secret_key=_secret("b", "s")
            ),
        ),
        (
            "secret_key",
            lambda stack, app, value: BaiduChannel(
                stack, "C", app=app, api_key=_secret("b", "a"), secret_key=value
            ),
        ),
        (
            "client_id",
            lambda stack, app, value: AdmChannel(
                stack, "C", app=app, client_id=value, client_secret=_secret("a", "s")
            ),
        ),
        (
            "client_secret",
            lambda stack, app, value: AdmChannel(
                stack, "C", app=app, client_id=_secret("a", "i"), client_secret=value
            ),
        ),
    ],
)
def test_baidu_and_adm_refuse_a_str(stack, prop, make):
    app = PinpointApp(stack, "App")
    with pytest.raises(TypeError, match=rf"^{prop} must be an aws_cdk\.SecretValue .* got str$"):
        make(stack, app, "KNOWN-VALUE-123")
    assert app.has_channel(ChannelType.BAIDU) is False
    assert app.has_channel(ChannelType.ADM) is False


def test_ssm_secure_references_are_refused_because_cloudformation_cannot_resolve_them_here(stack):
    app = PinpointApp(stack, "App")
    with pytest.raises(ValueError) as raised:
        app.add_fcm_channel(credentials=FcmCredentials.service_json(SecretValue.ssm_secure("/fcm")))
    assert _message(raised) == (
        "service_json is an SSM SecureString reference ({{resolve:ssm-secure:...}}), which "
        "CloudFormation does not resolve in AWS::Pinpoint::GCMChannel; store the value in "
        "Secrets Manager and pass SecretValue.secrets_manager('my-secret', json_field='key')"
    )
    with pytest.raises(ValueError, match=r"^client_secret is an SSM SecureString reference"):
        AdmChannel(
            stack,
            "Adm",
            app=app,
            client_id=_secret("adm", "id"),
            client_secret=SecretValue.ssm_secure("/adm/secret", "2"),
        )
    with pytest.raises(ValueError, match=r"AWS::Pinpoint::APNSVoipChannel;"):
        app.add_apns_channel(
            environment=ApnsEnvironment.VOIP,
            credentials=ApnsCredentials.certificate(
                certificate=_secret("apns", "cert"), private_key=SecretValue.ssm_secure("/k")
            ),
        )
    assert app.has_channel(ChannelType.PUSH) is False


def test_a_noecho_parameter_is_a_valid_reference(stack):
    app = PinpointApp(stack, "App")
    key = cdk.CfnParameter(stack, "FcmKey", no_echo=True)
    app.add_fcm_channel(credentials=FcmCredentials.service_json(SecretValue.cfn_parameter(key)))
    Template.from_stack(stack).has_resource_properties(
        "AWS::Pinpoint::GCMChannel", {"ServiceJson": {"Ref": "FcmKey"}}
    )


# ---- the app's channel registry --------------------------------------------------------


def test_has_channel_of_a_defined_app(stack):
    app = PinpointApp(stack, "App")
    assert app.has_channel(ChannelType.SMS) is False
    assert app.has_channel(ChannelType.PUSH) is False
    app.add_sms_channel()
    app.add_voice_channel(enabled=False)
    app.add_fcm_channel(credentials=FcmCredentials.service_json(_secret("fcm")))
    assert app.has_channel(ChannelType.SMS) is True
    assert app.has_channel(ChannelType.VOICE) is False  # disabled
    assert app.has_channel(ChannelType.GCM) is True
    assert app.has_channel(ChannelType.PUSH) is True
    assert app.has_channel(ChannelType.APNS) is False
    assert app.has_channel(ChannelType.EMAIL) is False


def test_custom_and_in_app_need_no_channel_resource(stack):
    app = PinpointApp(stack, "App")
    imported = PinpointApp.from_app_id(stack, "Imported", "abc123")
    for each in (app, imported):
        assert each.has_channel(ChannelType.CUSTOM) is True
        assert each.has_channel(ChannelType.IN_APP) is True


def test_has_channel_of_an_imported_app_is_unknown_until_a_channel_is_added_here(stack):
    imported = PinpointApp.from_app_id(stack, "Imported", "abc123")
    assert imported.has_channel(ChannelType.SMS) is None
    assert imported.has_channel(ChannelType.PUSH) is None
    SmsChannel(stack, "Sms", app=imported, sender_id="ExampleCo")
    VoiceChannel(stack, "Voice", app=imported, enabled=False)
    BaiduChannel(
        stack, "Baidu", app=imported, api_key=_secret("b", "a"), secret_key=_secret("b", "s")
    )
    assert imported.has_channel(ChannelType.SMS) is True
    assert imported.has_channel(ChannelType.VOICE) is False
    assert imported.has_channel(ChannelType.PUSH) is True
    assert imported.has_channel(ChannelType.EMAIL) is None
    Template.from_stack(stack).has_resource_properties(
        "AWS::Pinpoint::SMSChannel", {"ApplicationId": "abc123"}
    )


def test_a_second_channel_of_a_type_is_refused(stack):
    app = PinpointApp(stack, "App")
    app.add_sms_channel()
    with pytest.raises(ValueError) as raised:
        SmsChannel(stack, "AnotherSms", app=app)
    assert _message(raised) == (
        "app TestStack/App already has a SMS channel; Pinpoint keeps one channel of each type "
        "per app"
    )


@pytest.mark.parametrize("channel_type", [ChannelType.PUSH, ChannelType.CUSTOM, ChannelType.IN_APP])
def test_registering_a_type_without_a_channel_resource_is_refused(stack, channel_type):
    with pytest.raises(ValueError) as raised:
        PinpointApp(stack, "App").register_channel(channel_type)
    assert _message(raised) == (
        "channel_type must be a type that a channel resource serves (not PUSH, CUSTOM or "
        f"IN_APP), got {channel_type.value}"
    )


def test_channel_type_values_are_the_services():
    assert [t.value for t in ChannelType] == [
        "PUSH",
        "GCM",
        "APNS",
        "APNS_SANDBOX",
        "APNS_VOIP",
        "APNS_VOIP_SANDBOX",
        "ADM",
        "SMS",
        "VOICE",
        "EMAIL",
        "BAIDU",
        "CUSTOM",
        "IN_APP",
    ]
    assert {t for t in ChannelType if t.is_push} == {
        ChannelType.GCM,
        ChannelType.APNS,
        ChannelType.APNS_SANDBOX,
        ChannelType.APNS_VOIP,
        ChannelType.APNS_VOIP_SANDBOX,
        ChannelType.ADM,
        ChannelType.BAIDU,
    }


# ---- the lazy missing-channel warning --------------------------------------------------


def _sender(stack: cdk.Stack) -> Construct:
    return Construct(stack, "Campaign")


def test_missing_channel_warns_on_the_scope_naming_scope_app_and_channel(stack):
    app = PinpointApp(stack, "App")
    warn_if_channel_missing(_sender(stack), app, ChannelType.SMS, "test:smsMissing")
    Annotations.from_stack(stack).has_warning(
        "/TestStack/Campaign",
        "TestStack/Campaign sends SMS messages through the Pinpoint app TestStack/App, which has "
        "no enabled SMS channel in this CDK app, so Pinpoint will not deliver them; add "
        "app.add_sms_channel(...) [ack: test:smsMissing]",
    )


def test_channel_added_after_the_sender_counts(stack):
    app = PinpointApp(stack, "App")
    warn_if_channel_missing(_sender(stack), app, ChannelType.EMAIL)
    app.add_email_channel(from_address="news@example.com", identity=IDENTITY_ARN)
    Annotations.from_stack(stack).has_no_warning("*", Match.string_like_regexp("sends EMAIL"))


def test_push_is_satisfied_by_any_push_channel_and_warns_without_one(stack):
    with_push = PinpointApp(stack, "WithPush")
    without = PinpointApp(stack, "Without")
    warn_if_channel_missing(Construct(stack, "A"), with_push, ChannelType.PUSH)
    warn_if_channel_missing(Construct(stack, "B"), without, ChannelType.PUSH)
    with_push.add_adm_channel(client_id=_secret("adm", "id"), client_secret=_secret("adm", "s"))
    annotations = Annotations.from_stack(stack)
    annotations.has_no_warning("/TestStack/A", Match.any_value())
    annotations.has_warning(
        "/TestStack/B",
        Match.string_like_regexp(
            r"has no enabled push channel in this CDK app.*add a push channel "
            rf"\(app\.add_apns_channel\(\.\.\.\), app\.add_fcm_channel\(\.\.\.\) \.\.\.\) "
            rf"\[ack: {CHANNEL_MISSING_WARNING}\]$"
        ),
    )


def test_a_disabled_channel_warns(stack):
    app = PinpointApp(stack, "App")
    app.add_voice_channel(enabled=False)
    warn_if_channel_missing(_sender(stack), app, ChannelType.VOICE)
    Annotations.from_stack(stack).has_warning(
        "/TestStack/Campaign", Match.string_like_regexp("no enabled VOICE channel")
    )


def test_imported_apps_and_custom_channels_never_warn(stack):
    imported = PinpointApp.from_app_id(stack, "Imported", "abc123")
    app = PinpointApp(stack, "App")
    warn_if_channel_missing(Construct(stack, "A"), imported, ChannelType.SMS)
    warn_if_channel_missing(Construct(stack, "B"), app, ChannelType.CUSTOM)
    warn_if_channel_missing(Construct(stack, "C"), app, ChannelType.IN_APP)
    Annotations.from_stack(stack).has_no_warning("*", Match.string_like_regexp("sends"))


def test_the_warning_can_be_acknowledged(stack):
    app = PinpointApp(stack, "App")
    sender = _sender(stack)
    warn_if_channel_missing(sender, app, ChannelType.BAIDU, "test:baiduMissing")
    cdk.Annotations.of(sender).acknowledge_warning("test:baiduMissing", "sent elsewhere")
    Annotations.from_stack(stack).has_no_warning("*", Match.string_like_regexp("BAIDU"))


def test_warn_if_channel_missing_needs_a_channel_type(stack):
    with pytest.raises(TypeError) as raised:
        warn_if_channel_missing(_sender(stack), PinpointApp(stack, "App"), "SMS")  # type: ignore[arg-type]
    assert _message(raised) == "channel_type must be a ChannelType, got str: 'SMS'"


# ---- cdk-nag ---------------------------------------------------------------------------


def test_every_channel_synthesizes_clean_under_cdk_nag(nag_stack):
    identity = ses.EmailIdentity(nag_stack, "Identity", identity=ses.Identity.domain("example.com"))
    role = iam.Role(nag_stack, "Role", assumed_by=iam.ServicePrincipal("pinpoint.amazonaws.com"))
    app = PinpointApp(nag_stack, "App")
    app.add_email_channel(
        from_address="news@example.com",
        identity=identity,
        configuration_set=ses.ConfigurationSet(nag_stack, "Config"),
        orchestration_sending_role=role,
    )
    app.add_sms_channel(sender_id="ExampleCo")
    app.add_voice_channel()
    _every_credentialed_channel(nag_stack, lambda field: _secret("pinpoint/credentials", field))
    template = synth_clean(nag_stack)
    types = {resource["Type"] for resource in template["Resources"].values()}
    assert {
        "AWS::Pinpoint::EmailChannel",
        "AWS::Pinpoint::SMSChannel",
        "AWS::Pinpoint::VoiceChannel",
        "AWS::Pinpoint::APNSChannel",
        "AWS::Pinpoint::APNSSandboxChannel",
        "AWS::Pinpoint::APNSVoipChannel",
        "AWS::Pinpoint::APNSVoipSandboxChannel",
        "AWS::Pinpoint::GCMChannel",
        "AWS::Pinpoint::BaiduChannel",
        "AWS::Pinpoint::ADMChannel",
    } <= types


# ---- validation ------------------------------------------------------------------------

EMAIL_RULE = (
    "must be an email address (local@example.com) or a display name and address "
    "(Example <local@example.com>), in ASCII (MIME-encode a non-ASCII display name)"
)


@pytest.mark.parametrize(
    "address",
    [
        "news@example.com",
        "first.last+tag@mail.example.com",
        "Example News <news@example.com>",
        "Example News<news@example.com>",
        '"News, Example" <news@example.com>',
        '"Quote \\" inside" <news@example.com>',
        "=?UTF-8?B?w4lxdWlwZQ==?= <news@example.com>",
        "Example Inc. <news@example.com>",
    ],
)
def test_valid_from_addresses(stack, address):
    EmailChannel(
        stack, "Email", app=PinpointApp(stack, "App"), from_address=address, identity=IDENTITY_ARN
    )


@pytest.mark.parametrize(
    "address",
    [
        "",
        "news",
        "news@",
        "@example.com",
        "news@localhost",
        "news@@example.com",
        ".news@example.com",
        "news.@example.com",
        "ne..ws@example.com",
        "news@-example.com",
        "news@example-.com",
        "news @example.com",
        "news@example.com ",
        "<news@example.com>",
        " <news@example.com>",
        "News <news@example.com",
        "News, Example <news@example.com>",
        '"News <news@example.com>',
        "Équipe <news@example.com>",
        "news@exämple.com",
        "a@b.com, c@d.com",
    ],
)
def test_malformed_from_addresses_are_rejected(stack, address):
    with pytest.raises(ValueError) as raised:
        EmailChannel(
            stack,
            "Email",
            app=PinpointApp(stack, "App"),
            from_address=address,
            identity=IDENTITY_ARN,
        )
    assert _message(raised) == f"from_address {EMAIL_RULE}, got {address!r}"


def test_from_address_local_part_over_64_characters_is_rejected(stack):
    address = f"{'a' * 65}@example.com"
    with pytest.raises(ValueError) as raised:
        EmailChannel(
            stack,
            "Email",
            app=PinpointApp(stack, "App"),
            from_address=address,
            identity=IDENTITY_ARN,
        )
    assert _message(raised) == (
        f"from_address must have a local part (before @) of at most 64 characters, got 65: "
        f"{address!r}"
    )


def test_from_address_over_254_characters_is_rejected(stack):
    domain = ".".join(["d" * 60] * 4) + ".example.com"  # 256 characters
    address = f"news@{domain}"
    identity = f"arn:aws:ses:us-east-1:123456789012:identity/{domain}"
    with pytest.raises(ValueError) as raised:
        EmailChannel(
            stack, "Email", app=PinpointApp(stack, "App"), from_address=address, identity=identity
        )
    assert _message(raised) == (
        f"from_address must be an address of at most 254 characters, got {len(address)}: "
        f"{address!r}"
    )


def test_from_address_must_be_in_the_identitys_domain(stack):
    with pytest.raises(ValueError) as raised:
        EmailChannel(
            stack,
            "Email",
            app=PinpointApp(stack, "App"),
            from_address="News <news@other.com>",
            identity=IDENTITY_ARN,
        )
    assert _message(raised) == (
        "from_address must be in the domain of the SES identity 'example.com' (or one of its "
        "subdomains), got 'news@other.com'"
    )


def test_from_address_in_a_subdomain_of_the_identity_is_accepted(stack):
    EmailChannel(
        stack,
        "Email",
        app=PinpointApp(stack, "App"),
        from_address="News@Mail.Example.COM",
        identity=IDENTITY_ARN,
    )


def test_from_address_must_be_an_email_identitys_own_address(stack):
    identity = ses.EmailIdentity.from_email_identity_name(stack, "Id", "news@example.com")
    app = PinpointApp(stack, "App")
    EmailChannel(stack, "Ok", app=app, from_address="NEWS@example.com", identity=identity)
    with pytest.raises(ValueError) as raised:
        EmailChannel(
            stack,
            "Bad",
            app=PinpointApp(stack, "Other"),
            from_address="sales@example.com",
            identity=identity,
        )
    assert _message(raised) == (
        "from_address must be the address of the SES email identity 'news@example.com', "
        "got 'sales@example.com'"
    )


@pytest.mark.parametrize(
    ("identity", "address", "message"),
    [
        (
            ses.Identity.domain("example.com"),
            "News <news@other.com>",
            "from_address must be in the domain of the SES identity 'example.com' (or one of its "
            "subdomains), got 'news@other.com'",
        ),
        (
            ses.Identity.email("me@example.org"),
            "someone@example.org",
            "from_address must be the address of the SES email identity 'me@example.org', "
            "got 'someone@example.org'",
        ),
    ],
)
def test_from_address_is_checked_against_an_email_identity_defined_in_the_app(
    stack, identity, address, message
):
    # The README's pattern and the default stack's -c emailIdentity=...: an ses.EmailIdentity
    # whose email_identity_name is a Ref, checked through the name its L1 was given.
    created = ses.EmailIdentity(stack, "Identity", identity=identity)
    with pytest.raises(ValueError) as raised:
        EmailChannel(
            stack, "Email", app=PinpointApp(stack, "App"), from_address=address, identity=created
        )
    assert _message(raised) == message


def test_matching_from_address_with_an_email_identity_defined_in_the_app(stack):
    created = ses.EmailIdentity(stack, "Identity", identity=ses.Identity.domain("example.com"))
    app = PinpointApp(stack, "App")
    EmailChannel(
        stack, "Email", app=app, from_address="News <news@mail.example.com>", identity=created
    )
    Template.from_stack(stack).has_resource_properties(
        "AWS::Pinpoint::EmailChannel", {"FromAddress": "News <news@mail.example.com>"}
    )


def test_an_identity_name_from_a_parameter_is_left_to_deploy_time(stack):
    name = cdk.CfnParameter(stack, "IdentityName").value_as_string
    created = ses.EmailIdentity(stack, "Identity", identity=ses.Identity.domain(name))
    EmailChannel(
        stack, "Email", app=PinpointApp(stack, "App"), from_address="a@b.example", identity=created
    )


@pytest.mark.parametrize(
    "identity",
    ["example.com", "arn:aws:ses:us-east-1:123456789012:configuration-set/x", "arn:aws:ses:::x"],
)
def test_identity_string_must_be_an_ses_identity_arn(stack, identity):
    with pytest.raises(ValueError) as raised:
        EmailChannel(
            stack,
            "Email",
            app=PinpointApp(stack, "App"),
            from_address="news@example.com",
            identity=identity,
        )
    assert _message(raised) == (
        "identity must be an aws_ses.IEmailIdentity or an SES identity ARN "
        "(arn:<partition>:ses:<region>:<account>:identity/<address or domain>), "
        f"got {identity!r}; for a name, use "
        "aws_ses.EmailIdentity.from_email_identity_name(scope, id, name)"
    )


def test_identity_of_another_type_is_rejected(stack):
    with pytest.raises(TypeError) as raised:
        EmailChannel(
            stack,
            "Email",
            app=PinpointApp(stack, "App"),
            from_address="news@example.com",
            identity=42,  # type: ignore[arg-type]
        )
    assert _message(raised) == (
        "identity must be an aws_ses.IEmailIdentity or an SES identity ARN string, got int"
    )


def test_unresolved_email_values_are_not_validated(stack):
    address = cdk.CfnParameter(stack, "From").value_as_string
    arn = cdk.CfnParameter(stack, "IdentityArn").value_as_string
    EmailChannel(stack, "Email", app=PinpointApp(stack, "App"), from_address=address, identity=arn)
    Template.from_stack(stack).has_resource_properties(
        "AWS::Pinpoint::EmailChannel",
        {"FromAddress": {"Ref": "From"}, "Identity": {"Ref": "IdentityArn"}},
    )


SENDER_ID_RULE = "1 to 11 letters, digits, hyphens (-) or underscores (_), with at least one letter"


@pytest.mark.parametrize(
    "sender_id",
    ["A", "ExampleCo", "EXAMPLE-CO1", "Abcdefghijk", "1a", "Example_Co", "-Example", "Example-"],
)
def test_valid_sender_ids(stack, sender_id):
    """The End User Messaging API's SenderId pattern, [A-Za-z0-9_-]+, 1 to 11 characters."""
    SmsChannel(stack, "Sms", app=PinpointApp(stack, "App"), sender_id=sender_id)


@pytest.mark.parametrize(
    "sender_id",
    ["", "Abcdefghijkl", "12345", "1-2_3", "Example Co", "Ex.Co", "Exämple"],
)
def test_malformed_sender_ids_are_rejected(stack, sender_id):
    with pytest.raises(ValueError) as raised:
        SmsChannel(stack, "Sms", app=PinpointApp(stack, "App"), sender_id=sender_id)
    assert _message(raised) == f"sender_id must be {SENDER_ID_RULE}, got {sender_id!r}"


@pytest.mark.parametrize("short_code", ["1234", "1234567"])
def test_valid_short_codes(stack, short_code):
    SmsChannel(stack, "Sms", app=PinpointApp(stack, "App"), short_code=short_code)


@pytest.mark.parametrize("short_code", ["", "123", "12345678", "+15555550100", "12a45", " 12345"])
def test_malformed_short_codes_are_rejected(stack, short_code):
    with pytest.raises(ValueError) as raised:
        SmsChannel(stack, "Sms", app=PinpointApp(stack, "App"), short_code=short_code)
    assert _message(raised) == f"short_code must be 4 to 7 digits, got {short_code!r}"


def test_unresolved_sms_values_are_not_validated(stack):
    sender = cdk.CfnParameter(stack, "Sender").value_as_string
    SmsChannel(stack, "Sms", app=PinpointApp(stack, "App"), sender_id=sender)
    Template.from_stack(stack).has_resource_properties(
        "AWS::Pinpoint::SMSChannel", {"SenderId": {"Ref": "Sender"}}
    )


@pytest.mark.parametrize(
    ("prop", "value", "message"),
    [
        ("team_id", "ABCDE1234", "team_id must be 10 characters, A-Z and 0-9, got 'ABCDE1234'"),
        ("team_id", "abcde12345", "team_id must be 10 characters, A-Z and 0-9, got 'abcde12345'"),
        (
            "token_key_id",
            "KEY12345678",
            "token_key_id must be 10 characters, A-Z and 0-9, got 'KEY12345678'",
        ),
        (
            "bundle_id",
            "com.example_app",
            "bundle_id must be letters, digits, hyphens and periods, got 'com.example_app'",
        ),
        ("bundle_id", "", "bundle_id must be letters, digits, hyphens and periods, got ''"),
    ],
)
def test_malformed_apns_token_identifiers_are_rejected(prop, value, message):
    props = {"bundle_id": "com.example.app", "team_id": "ABCDE12345", "token_key_id": "KEY1234567"}
    props[prop] = value
    with pytest.raises(ValueError) as raised:
        ApnsCredentials.token(**props, token_key=_secret("apns", "p8"))
    assert _message(raised) == message


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            lambda stack, app: ApnsChannel(stack, "C", app=app, credentials="p8"),
            "credentials must be ApnsCredentials.token(...) or ApnsCredentials.certificate(...), "
            "got str",
        ),
        (
            lambda stack, app: ApnsChannel(
                stack,
                "C",
                app=app,
                credentials=FcmCredentials.service_json(_secret("fcm")),
            ),
            "credentials must be ApnsCredentials.token(...) or ApnsCredentials.certificate(...), "
            "got FcmCredentials",
        ),
        (
            lambda stack, app: ApnsChannel(
                stack, "C", app=app, credentials=_token_credentials(), environment="APNS"
            ),
            "environment must be an ApnsEnvironment, got str: 'APNS'",
        ),
        (
            lambda stack, app: FcmChannel(stack, "C", app=app, credentials=_token_credentials()),
            "credentials must be FcmCredentials.service_json(...) or FcmCredentials.api_key(...), "
            "got ApnsCredentials",
        ),
        (
            lambda stack, app: VoiceChannel(stack, "C", app=app, enabled="yes"),
            "enabled must be a bool, got str: 'yes'",
        ),
    ],
)
def test_wrong_types_are_rejected(stack, make, message):
    app = PinpointApp(stack, "App")
    with pytest.raises(TypeError) as raised:
        make(stack, app)
    assert _message(raised) == message
    assert not any(app.has_channel(t) for t in ChannelType if t.has_channel_resource)


def test_default_stack_refuses_a_from_address_outside_the_context_identity():
    from stacks import add_default_stacks, cdk_json_context

    context = {**cdk_json_context(), "emailIdentity": "me@example.org"}
    with pytest.raises(ValueError) as raised:
        add_default_stacks(cdk.App(context=context))
    assert _message(raised) == (
        "from_address must be the address of the SES email identity 'me@example.org', "
        "got 'news@example.com'"
    )
