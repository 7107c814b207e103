"""CustomChannel: a user's function or the webhook forwarder, the Pinpoint invoke permission,
delivery URI and endpoint types, secret handling, URL and prop validation, cdk-nag and cfn-lint."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import aws_cdk as cdk
import pytest
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kms as kms
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_logs as logs
from aws_cdk import aws_secretsmanager as secretsmanager
from aws_cdk.assertions import Annotations, Match, Template
from support import synth_clean

from pinpoint_constructs import (
    ALL_CUSTOM_CHANNEL_ENDPOINT_TYPES,
    CustomChannel,
    PinpointApp,
)
from pinpoint_constructs._lambda import acknowledge
from pinpoint_constructs.pinpoint.channels import ChannelType

URL = "https://hooks.example.com/pinpoint"
APP_CHILDREN = {"Fn::Join": ["", [{"Fn::GetAtt": [Match.string_like_regexp("^App"), "Arn"]}, "/*"]]}
DOCUMENTED_TYPES = [
    "ADM",
    "APNS",
    "APNS_SANDBOX",
    "APNS_VOIP",
    "APNS_VOIP_SANDBOX",
    "BAIDU",
    "CUSTOM",
    "EMAIL",
    "GCM",
    "SMS",
    "VOICE",
]


def _user_function(stack: cdk.Stack) -> lambda_.Function:
    """A function as a careful user writes it: own role without managed policies, own log group."""
    log_group = logs.LogGroup(
        stack,
        "SenderLogs",
        retention=logs.RetentionDays.ONE_WEEK,
        removal_policy=cdk.RemovalPolicy.DESTROY,
    )
    role = iam.Role(stack, "SenderRole", assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"))
    role.add_to_principal_policy(
        iam.PolicyStatement(
            actions=["logs:CreateLogStream", "logs:PutLogEvents"],
            resources=[log_group.log_group_arn],
        )
    )
    return lambda_.Function(
        stack,
        "Sender",
        runtime=lambda_.Runtime.PYTHON_3_14,
        handler="index.handler",
        code=lambda_.Code.from_inline("def handler(event, context):\n    return {}\n"),
        role=role,
        log_group=log_group,
    )


def _secret(stack: cdk.Stack, **props) -> secretsmanager.Secret:
    secret = secretsmanager.Secret(stack, "Token", **props)
    acknowledge(
        secret,
        "AwsSolutions::AwsSolutions-SMG4",
        "test fixture: the receiver's owner issues and rotates this webhook token",
    )
    return secret


def _webhook(stack: cdk.Stack, **overrides) -> CustomChannel:
    props: dict = {"app": PinpointApp(stack, "App"), "url": URL}
    props.update(overrides)
    return CustomChannel.webhook(stack, "Hook", **props)


def _env(stack: cdk.Stack) -> dict:
    functions = Template.from_stack(stack).find_resources(
        "AWS::Lambda::Function", {"Properties": {"Handler": "webhook_forwarder.index.handler"}}
    )
    (function,) = functions.values()
    return function["Properties"]["Environment"]["Variables"]


def _forwarder_statements(stack: cdk.Stack) -> list[dict]:
    policies = Template.from_stack(stack).find_resources(
        "AWS::IAM::Policy",
        {"Properties": {"Roles": [{"Ref": Match.string_like_regexp("^HookForwarderRole")}]}},
    )
    (policy,) = policies.values()
    return policy["Properties"]["PolicyDocument"]["Statement"]


# ---- wrapping a user's function -----------------------------------------------------------


def test_pinpoint_may_invoke_a_wrapped_function_for_this_app_only(stack):
    CustomChannel(stack, "Chat", app=PinpointApp(stack, "App"), function=_user_function(stack))
    template = Template.from_stack(stack)
    template.resource_count_is("AWS::Lambda::Permission", 1)
    template.has_resource_properties(
        "AWS::Lambda::Permission",
        {
            "Action": "lambda:InvokeFunction",
            "FunctionName": {"Fn::GetAtt": [Match.string_like_regexp("^Sender"), "Arn"]},
            "Principal": "pinpoint.us-east-1.amazonaws.com",
            "SourceAccount": "123456789012",
            "SourceArn": APP_CHILDREN,
        },
    )


def test_wrapping_creates_no_function_of_its_own(stack):
    CustomChannel(stack, "Chat", app=PinpointApp(stack, "App"), function=_user_function(stack))
    Template.from_stack(stack).resource_count_is("AWS::Lambda::Function", 1)


def test_delivery_uri_is_the_function_arn_and_channel_type_is_custom(stack):
    function = _user_function(stack)
    channel = CustomChannel(stack, "Chat", app=PinpointApp(stack, "App"), function=function)
    assert stack.resolve(channel.delivery_uri) == stack.resolve(function.function_arn)
    assert channel.function is function
    assert channel.channel_type is ChannelType.CUSTOM


def test_imported_app_scopes_the_permission_to_its_arn(stack):
    app = PinpointApp.from_app_arn(
        stack, "Imported", "arn:aws:mobiletargeting:us-east-1:123456789012:apps/abc123"
    )
    CustomChannel(stack, "Chat", app=app, function=_user_function(stack))
    Template.from_stack(stack).has_resource_properties(
        "AWS::Lambda::Permission",
        {
            "Principal": "pinpoint.us-east-1.amazonaws.com",
            "SourceAccount": "123456789012",
            "SourceArn": "arn:aws:mobiletargeting:us-east-1:123456789012:apps/abc123/*",
        },
    )


def test_one_function_can_serve_two_apps(stack):
    function = _user_function(stack)
    CustomChannel(stack, "ChatA", app=PinpointApp(stack, "AppA"), function=function)
    CustomChannel(stack, "ChatB", app=PinpointApp(stack, "AppB"), function=function)
    Template.from_stack(stack).resource_count_is("AWS::Lambda::Permission", 2)


# ---- endpoint types -----------------------------------------------------------------------


def test_endpoint_types_default_to_every_documented_custom_channel_type(stack):
    channel = CustomChannel(
        stack, "Chat", app=PinpointApp(stack, "App"), function=_user_function(stack)
    )
    assert channel.endpoint_types == DOCUMENTED_TYPES
    assert [t.value for t in ALL_CUSTOM_CHANNEL_ENDPOINT_TYPES] == DOCUMENTED_TYPES


def test_endpoint_types_render_in_order_without_duplicates(stack):
    channel = CustomChannel(
        stack,
        "Chat",
        app=PinpointApp(stack, "App"),
        function=_user_function(stack),
        endpoint_types=[ChannelType.CUSTOM, ChannelType.EMAIL, ChannelType.CUSTOM],
    )
    assert channel.endpoint_types == ["CUSTOM", "EMAIL"]
    channel.endpoint_types.append("SMS")  # a copy: the channel is unchanged
    assert channel.endpoint_types == ["CUSTOM", "EMAIL"]


def test_endpoint_type_values_are_the_pinpoint_channel_types():
    assert {t.value for t in ChannelType} == {
        *DOCUMENTED_TYPES,
        "PUSH",
        "IN_APP",
    }


def test_webhook_renders_endpoint_types_too(stack):
    channel = _webhook(stack, endpoint_types=[ChannelType.SMS])
    assert channel.endpoint_types == ["SMS"]


def test_empty_endpoint_types_are_rejected(stack):
    with pytest.raises(ValueError, match=r"endpoint_types must name at least one.*empty list"):
        CustomChannel(
            stack,
            "Chat",
            app=PinpointApp(stack, "App"),
            function=_user_function(stack),
            endpoint_types=[],
        )


def test_endpoint_types_must_be_enum_members(stack):
    with pytest.raises(
        TypeError,
        match=r"endpoint_types\[0\] must be a ChannelType \(PUSH, .*\), got str: 'EMAIL'",
    ):
        CustomChannel(
            stack,
            "Chat",
            app=PinpointApp(stack, "App"),
            function=_user_function(stack),
            endpoint_types=["EMAIL"],  # type: ignore[list-item]
        )


def test_a_single_endpoint_type_must_be_in_a_list(stack):
    with pytest.raises(
        TypeError,
        match=(
            r"endpoint_types\ must\ be\ a\ sequence\ of\ ChannelType\ \(PUSH,\ GCM,\ APNS,\ APNS_"
            r"SANDBOX,\ APNS_VOIP,\ APNS_VOIP_SANDBOX,\ ADM,\ SMS,\ VOICE,\ EMAIL,\ BAIDU,\ CUSTO"
            r"M,\ \.\.\.\),\ got\ ChannelType:\ <ChannelType\.EMAIL:\ 'EMAIL'"
        ),
    ):
        CustomChannel(
            stack,
            "Chat",
            app=PinpointApp(stack, "App"),
            function=_user_function(stack),
            endpoint_types=ChannelType.EMAIL,  # type: ignore[arg-type]
        )


# ---- the webhook forwarder ----------------------------------------------------------------


def test_webhook_function_runs_the_forwarder_as_designed(stack):
    _webhook(stack)
    template = Template.from_stack(stack)
    template.has_resource_properties(
        "AWS::Lambda::Function",
        {
            "Runtime": "python3.14",
            "Handler": "webhook_forwarder.index.handler",
            "Timeout": 12,
            "MemorySize": 256,
            "Architectures": ["arm64"],
            "ReservedConcurrentExecutions": Match.absent(),
            "LoggingConfig": {
                "LogFormat": "JSON",
                "LogGroup": {"Ref": Match.string_like_regexp("^HookForwarderLogGroup")},
            },
        },
    )
    template.has_resource_properties("AWS::Logs::LogGroup", {"RetentionInDays": 30})
    assert _env(stack) == {
        "WEBHOOK_URL": URL,
        "MAX_CONCURRENCY": "50",
        "REQUEST_TIMEOUT_SECONDS": "4",
        "MAX_ATTEMPTS": "3",
    }


def test_webhook_tuning_props_reach_the_environment(stack):
    _webhook(
        stack,
        max_concurrency=10,
        request_timeout=cdk.Duration.seconds(2),
        max_attempts=5,
        log_retention=logs.RetentionDays.ONE_WEEK,
    )
    env = _env(stack)
    assert (env["MAX_CONCURRENCY"], env["REQUEST_TIMEOUT_SECONDS"], env["MAX_ATTEMPTS"]) == (
        "10",
        "2",
        "5",
    )
    Template.from_stack(stack).has_resource_properties(
        "AWS::Logs::LogGroup", {"RetentionInDays": 7}
    )


def test_pinpoint_may_invoke_the_forwarder_for_this_app_only(stack):
    channel = _webhook(stack)
    Template.from_stack(stack).has_resource_properties(
        "AWS::Lambda::Permission",
        {
            "Action": "lambda:InvokeFunction",
            "FunctionName": {"Fn::GetAtt": [Match.string_like_regexp("^HookForwarder"), "Arn"]},
            "Principal": "pinpoint.us-east-1.amazonaws.com",
            "SourceAccount": "123456789012",
            "SourceArn": APP_CHILDREN,
        },
    )
    delivery_uri = stack.resolve(channel.delivery_uri)
    assert delivery_uri == stack.resolve(channel.function.function_arn)
    assert delivery_uri["Fn::GetAtt"][0].startswith("HookForwarderFunction")


def test_forwarder_role_without_secret_may_only_write_its_logs(stack):
    _webhook(stack)
    (statement,) = _forwarder_statements(stack)
    assert statement["Action"] == ["logs:CreateLogStream", "logs:PutLogEvents"]
    assert statement["Resource"]["Fn::GetAtt"][0].startswith("HookForwarderLogGroup")
    Template.from_stack(stack).has_resource_properties(
        "AWS::IAM::Role", {"ManagedPolicyArns": Match.absent()}
    )


def test_forwarder_role_can_read_exactly_the_auth_secret(stack):
    secret = _secret(stack)
    _webhook(stack, auth_header_secret=secret)
    secret_statements = [
        s for s in _forwarder_statements(stack) if "secretsmanager" in json.dumps(s["Action"])
    ]
    assert secret_statements == [
        {
            "Action": ["secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue"],
            "Effect": "Allow",
            "Resource": stack.resolve(secret.secret_arn),
        }
    ]


def test_auth_secret_is_passed_by_arn_never_by_value(stack):
    secret = _secret(stack)
    _webhook(stack, auth_header_secret=secret)
    env = _env(stack)
    assert env["AUTH_HEADER_NAME"] == "Authorization"
    assert env["AUTH_SECRET_ARN"] == stack.resolve(secret.secret_arn)
    template = json.dumps(Template.from_stack(stack).to_json())
    assert "resolve:secretsmanager" not in template
    assert "SecretString" not in json.dumps(env)


def test_customer_key_of_the_secret_lets_the_forwarder_decrypt_through_secrets_manager(stack):
    key = kms.Key(stack, "Key", enable_key_rotation=True)
    _webhook(stack, auth_header_secret=_secret(stack, encryption_key=key))
    Template.from_stack(stack).has_resource_properties(
        "AWS::KMS::Key",
        {
            "KeyPolicy": {
                "Statement": Match.array_with(
                    [
                        {
                            "Action": "kms:Decrypt",
                            "Condition": {
                                "StringEquals": {
                                    "kms:ViaService": "secretsmanager.us-east-1.amazonaws.com"
                                }
                            },
                            "Effect": "Allow",
                            "Principal": {
                                "AWS": {
                                    "Fn::GetAtt": [
                                        Match.string_like_regexp("^HookForwarderRole"),
                                        "Arn",
                                    ]
                                }
                            },
                            "Resource": "*",
                        }
                    ]
                )
            }
        },
    )


def test_auth_header_name_can_be_chosen(stack):
    _webhook(stack, auth_header_secret=_secret(stack), auth_header_name="X-Api-Key")
    assert _env(stack)["AUTH_HEADER_NAME"] == "X-Api-Key"


def test_auth_header_name_without_a_secret_is_rejected(stack):
    with pytest.raises(ValueError, match=r"auth_header_name needs auth_header_secret.*'X-Api-Key'"):
        _webhook(stack, auth_header_name="X-Api-Key")


def test_auth_header_name_must_be_a_header_token(stack):
    with pytest.raises(ValueError, match=r"auth_header_name must be an HTTP header name.*'X Key'"):
        _webhook(stack, auth_header_secret=_secret(stack), auth_header_name="X Key")


def test_auth_secret_must_be_a_secret_not_a_secret_value(stack):
    with pytest.raises(
        TypeError, match=r"auth_header_secret must be an aws_secretsmanager.ISecret"
    ):
        _webhook(stack, auth_header_secret=cdk.SecretValue.unsafe_plain_text("Bearer x"))


# ---- URL validation -----------------------------------------------------------------------


def test_plain_http_is_rejected_without_opt_in(stack):
    with pytest.raises(
        ValueError,
        match=r"^url must start with https:// \(pass allow_http=True.*got 'http://localhost:8080/'$",
    ):
        _webhook(stack, url="http://localhost:8080/")
    assert stack.node.try_find_child("Hook") is None


def test_plain_http_is_allowed_with_opt_in_and_warned_about(stack):
    channel = _webhook(stack, url="http://127.0.0.1:8080/hook", allow_http=True)
    env = _env(stack)
    assert env["WEBHOOK_URL"] == "http://127.0.0.1:8080/hook"
    assert env["ALLOW_HTTP"] == "true"
    Annotations.from_stack(stack).has_warning(
        f"/{channel.node.path}",
        Match.string_like_regexp("allow_http=True.*plain http://"),
    )


def test_https_url_with_opt_in_still_works(stack):
    _webhook(stack, allow_http=True)
    assert _env(stack)["WEBHOOK_URL"] == URL


@pytest.mark.parametrize(
    "url",
    ["https://user:s3cret@hooks.example.com/p", "https://token@hooks.example.com/p"],
)
def test_credentials_in_the_url_are_rejected_without_echoing_them(stack, url):
    with pytest.raises(ValueError, match=r"url must not contain credentials") as error:
        _webhook(stack, url=url)
    assert "s3cret" not in str(error.value) and "token@" not in str(error.value)
    assert "'hooks.example.com'" in str(error.value)


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("ftp://hooks.example.com/p", r"url must start with https://, got 'ftp://hooks"),
        ("hooks.example.com/p", r"url must start with https://, got 'hooks.example.com/p'"),
        ("https:///path", r"url must name a host, got 'https:///path'"),
        ("https://hooks.example.com:99999/", r"url has an invalid port, got 'https://hooks"),
        ("https://hooks.example.com/a b", r"url must not contain whitespace.*'https://hooks"),
    ],
)
def test_malformed_urls_are_rejected(stack, url, message):
    with pytest.raises(ValueError, match=message):
        _webhook(stack, url=url)


def test_unresolved_url_is_left_for_deploy_time(stack):
    url = cdk.CfnParameter(stack, "WebhookUrl").value_as_string
    _webhook(stack, url=url)
    assert _env(stack)["WEBHOOK_URL"] == {"Ref": "WebhookUrl"}


# ---- tuning validation --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("props", "message"),
    [
        ({"max_concurrency": 0}, r"max_concurrency must be between 1 and 50, got 0"),
        ({"max_concurrency": 51}, r"max_concurrency must be between 1 and 50, got 51"),
        ({"max_attempts": 0}, r"max_attempts must be between 1 and 10, got 0"),
        ({"max_attempts": 11}, r"max_attempts must be between 1 and 10, got 11"),
        (
            {"request_timeout": cdk.Duration.seconds(0)},
            r"request_timeout \(seconds\) must be between 1 and 11, got 0",
        ),
        (
            {"request_timeout": cdk.Duration.seconds(12)},
            r"request_timeout \(seconds\) must be between 1 and 11, got 12",
        ),
    ],
)
def test_tuning_props_are_range_checked(stack, props, message):
    with pytest.raises(ValueError, match=message):
        _webhook(stack, **props)


def test_request_timeout_must_be_a_duration(stack):
    with pytest.raises(TypeError, match=r"request_timeout must be an aws_cdk.Duration, got int: 4"):
        _webhook(stack, request_timeout=4)


# ---- gates: cdk-nag and cfn-lint ----------------------------------------------------------


def _cfn_lint(template_file: Path) -> list[dict]:
    result = subprocess.run(
        [
            str(Path(sys.executable).with_name("cfn-lint")),
            "--format",
            "json",
            "--regions",
            "us-east-1",
            "--",
            str(template_file),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.stdout.strip(), f"cfn-lint printed nothing; stderr: {result.stderr}"
    resources = json.loads(template_file.read_text())["Resources"]

    def allowed(finding: dict) -> bool:
        rule, path = finding["Rule"]["Id"], finding["Location"]["Path"]
        if rule == "W3696":  # Pinpoint's end of support, acknowledged at stack scope
            return True
        # aws-cdk-lib's lambda.Function always adds DependsOn on its role, which cfn-lint calls
        # redundant next to the Role GetAtt; it is the library's doing, not the construct's.
        return (
            rule == "W3005"
            and path[:1] == ["Resources"]
            and path[2:3] == ["DependsOn"]
            and resources[path[1]]["Type"] == "AWS::Lambda::Function"
        )

    return [f for f in json.loads(result.stdout) if not allowed(f)]


def test_both_variants_pass_cdk_nag_and_cfn_lint(nag_stack, tmp_path):
    app = PinpointApp(nag_stack, "App")
    CustomChannel(nag_stack, "Chat", app=app, function=_user_function(nag_stack))
    key = kms.Key(nag_stack, "Key", enable_key_rotation=True)
    CustomChannel.webhook(
        nag_stack,
        "Hook",
        app=app,
        url=URL,
        auth_header_secret=_secret(nag_stack, encryption_key=key),
        endpoint_types=[ChannelType.CUSTOM],
    )
    template = synth_clean(nag_stack)  # raises on any unacknowledged cdk-nag finding
    assert (
        len([r for r in template["Resources"].values() if r["Type"] == "AWS::Lambda::Permission"])
        == 2
    )
    assert _cfn_lint(tmp_path / nag_stack.template_file) == []


def test_webhook_without_secret_passes_cdk_nag(nag_stack):
    CustomChannel.webhook(nag_stack, "Hook", app=PinpointApp(nag_stack, "App"), url=URL)
    synth_clean(nag_stack)


# ---- a credential in the webhook URL --------------------------------------------------------


def _warnings(stack: cdk.Stack) -> list[str]:
    found = Annotations.from_stack(stack).find_warning("*", Match.any_value())
    return [str(w.entry.data) for w in found]


@pytest.mark.parametrize(
    ("url", "sign"),
    [
        ("https://hooks.example.com/send?token=abc", "query parameter 'token'"),
        ("https://hooks.example.com/send?x=1&api_key=abc", "query parameter 'api_key'"),
        ("https://hooks.example.com/send?Key=abc", "query parameter 'Key'"),
        ("https://hooks.example.com/send?sv=1&sig=abc", "query parameter 'sig'"),
        ("https://hooks.example.com/send?X-Amz-Signature=abc", "query parameter 'X-Amz-Signature'"),
        ("https://hooks.example.com/send?slack_token=abc", "query parameter 'slack_token'"),
        (
            "https://hooks.slack.com/services/T000/B000/XXXXXXXX",
            "a token in the path (/services/...",
        ),
        (
            "https://discord.com/api/webhooks/123/abcdef",
            "a token in the path (/webhooks/<id>/<token>",
        ),
        ("https://hooks.example.com/send#secret", "a fragment (#..."),
    ],
)
def test_a_url_that_looks_like_it_carries_a_credential_is_warned_about(stack, url, sign):
    from pinpoint_constructs import WEBHOOK_URL_CREDENTIAL_WARNING

    assert WEBHOOK_URL_CREDENTIAL_WARNING == "pinpoint-constructs:customChannelUrlCredential"
    _webhook(stack, url=url)
    (warning,) = [w for w in _warnings(stack) if "customChannelUrlCredential" in w]
    assert f"url carries what looks like a credential ({sign}" in warning
    assert "pass the secret as auth_header_secret" in warning
    assert "abc" not in warning and "XXXXXXXX" not in warning  # never the credential itself


@pytest.mark.parametrize(
    "url",
    [
        URL,
        "https://hooks.example.com/send?campaign=spring&monkey=1",
        "https://hooks.example.com/services/orders",
    ],
)
def test_a_url_without_a_credential_gets_no_such_warning(stack, url):
    _webhook(stack, url=url)
    assert not [w for w in _warnings(stack) if "customChannelUrlCredential" in w]
