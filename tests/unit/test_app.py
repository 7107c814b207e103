"""PinpointApp: props, defaults, settings, grants, imports and validation."""

from __future__ import annotations

import re

import aws_cdk as cdk
import pytest
from aws_cdk import aws_iam as iam
from aws_cdk import aws_lambda as lambda_
from aws_cdk.assertions import Annotations, Match, Template
from support import lint_findings

from pinpoint_constructs import (
    CAMPAIGN_HOOK_DELIVERY_WARNING,
    ApplicationSettings,
    CampaignHook,
    CampaignHookMode,
    IPinpointApp,
    Limits,
    PinpointApp,
    QuietTime,
)

APP_ARN = {"Fn::GetAtt": [Match.string_like_regexp("^App"), "Arn"]}
APP_CHILDREN = {"Fn::Join": ["", [{"Fn::GetAtt": [Match.string_like_regexp("^App"), "Arn"]}, "/*"]]}


def _role(stack: cdk.Stack) -> iam.Role:
    return iam.Role(stack, "Role", assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"))


def _function(stack: cdk.Stack) -> lambda_.Function:
    return lambda_.Function(
        stack,
        "Hook",
        runtime=lambda_.Runtime.PYTHON_3_14,
        handler="index.handler",
        code=lambda_.Code.from_inline("def handler(event, context):\n    return event\n"),
    )


# ---- resources and defaults ------------------------------------------------------------


def test_app_is_the_resource_child_with_the_given_name(stack):
    app = PinpointApp(stack, "App", app_name="marketing")
    template = Template.from_stack(stack)
    template.has_resource_properties("AWS::Pinpoint::App", {"Name": "marketing"})
    assert app.node.default_child is app.node.find_child("Resource")
    assert app.app_name == "marketing"


def test_app_name_is_generated_when_absent(stack):
    PinpointApp(stack, "App")
    name = next(iter(Template.from_stack(stack).find_resources("AWS::Pinpoint::App").values()))[
        "Properties"
    ]["Name"]
    assert name.startswith("TestStackApp") and len(name) <= 64


def test_generated_name_fits_the_limit_for_long_paths():
    scope = cdk.Stack(cdk.App(), "S" * 120)
    PinpointApp(scope, "A" * 120)
    name = next(iter(Template.from_stack(scope).find_resources("AWS::Pinpoint::App").values()))[
        "Properties"
    ]["Name"]
    assert len(name) == 64


def test_no_settings_resource_without_settings(stack):
    app = PinpointApp(stack, "App")
    Template.from_stack(stack).resource_count_is("AWS::Pinpoint::ApplicationSettings", 0)
    assert app.settings is None


def test_settings_render_limits_and_quiet_time_and_leave_metrics_to_the_service(stack):
    PinpointApp(
        stack,
        "App",
        limits=Limits(
            daily=5, total=20, messages_per_second=100, maximum_duration=cdk.Duration.hours(1)
        ),
        quiet_time=QuietTime(start="22:00", end="07:30"),
    )
    Template.from_stack(stack).has_resource_properties(
        "AWS::Pinpoint::ApplicationSettings",
        {
            "ApplicationId": {"Ref": Match.string_like_regexp("^App")},
            "Limits": {"Daily": 5, "Total": 20, "MessagesPerSecond": 100, "MaximumDuration": 3600},
            "QuietTime": {"Start": "22:00", "End": "07:30"},
            "CloudWatchMetricsEnabled": Match.absent(),
        },
    )


@pytest.mark.parametrize("enabled", [True, False])
def test_cloudwatch_metrics_are_written_only_when_given(stack, enabled):
    PinpointApp(stack, "App", cloudwatch_metrics_enabled=enabled)
    Template.from_stack(stack).has_resource_properties(
        "AWS::Pinpoint::ApplicationSettings", {"CloudWatchMetricsEnabled": enabled}
    )


def test_partial_limits_leave_other_fields_out(stack):
    PinpointApp(stack, "App", limits=Limits(daily=3))
    Template.from_stack(stack).has_resource_properties(
        "AWS::Pinpoint::ApplicationSettings", {"Limits": {"Daily": 3}}
    )
    limits = next(
        iter(
            Template.from_stack(stack).find_resources("AWS::Pinpoint::ApplicationSettings").values()
        )
    )["Properties"]["Limits"]
    assert limits == {"Daily": 3}


def test_cloudwatch_metrics_can_be_turned_off(stack):
    PinpointApp(stack, "App", cloudwatch_metrics_enabled=False)
    Template.from_stack(stack).has_resource_properties(
        "AWS::Pinpoint::ApplicationSettings", {"CloudWatchMetricsEnabled": False}
    )


def test_tags_are_applied_to_the_app(stack):
    PinpointApp(stack, "App", tags={"team": "growth", "env": "test"})
    Template.from_stack(stack).has_resource_properties(
        "AWS::Pinpoint::App", {"Tags": {"team": "growth", "env": "test"}}
    )


def test_attributes_resolve_to_ref_and_arn(stack):
    app = PinpointApp(stack, "App")
    assert stack.resolve(app.app_id)["Ref"].startswith("App")
    assert stack.resolve(app.app_arn)["Fn::GetAtt"][1] == "Arn"


# ---- campaign hook ---------------------------------------------------------------------


def test_campaign_hook_is_set_and_pinpoint_may_invoke_it_for_this_app_only(stack):
    fn = _function(stack)
    PinpointApp(
        stack, "App", campaign_hook=CampaignHook(function=fn, mode=CampaignHookMode.DELIVERY)
    )
    template = Template.from_stack(stack)
    template.has_resource_properties(
        "AWS::Pinpoint::ApplicationSettings",
        {
            "CampaignHook": {
                "LambdaFunctionName": {"Fn::GetAtt": [Match.string_like_regexp("^Hook"), "Arn"]},
                "Mode": "DELIVERY",
            }
        },
    )
    template.has_resource_properties(
        "AWS::Lambda::Permission",
        {
            "Action": "lambda:InvokeFunction",
            "FunctionName": {"Fn::GetAtt": [Match.string_like_regexp("^Hook"), "Arn"]},
            "Principal": "pinpoint.us-east-1.amazonaws.com",
            "SourceAccount": "123456789012",
            "SourceArn": APP_CHILDREN,
        },
    )


def test_campaign_hook_in_delivery_mode_warns_as_on_a_campaign(stack):
    PinpointApp(
        stack,
        "App",
        campaign_hook=CampaignHook(function=_function(stack), mode=CampaignHookMode.DELIVERY),
    )
    found = Annotations.from_stack(stack).find_warning("*", Match.any_value())
    messages = [str(w.entry.data) for w in found]
    warnings = [m for m in messages if m.endswith(f"[ack: {CAMPAIGN_HOOK_DELIVERY_WARNING}]")]
    assert len(warnings) == 1
    assert "DELIVERY mode is deprecated" in warnings[0]


def test_campaign_hook_in_filter_mode_does_not_warn(stack):
    PinpointApp(stack, "App", campaign_hook=CampaignHook(function=_function(stack)))
    found = Annotations.from_stack(stack).find_warning("*", Match.any_value())
    assert not [w for w in found if CAMPAIGN_HOOK_DELIVERY_WARNING in str(w.entry.data)]


def test_campaign_hook_mode_defaults_to_filter(stack):
    PinpointApp(stack, "App", campaign_hook=CampaignHook(function=_function(stack)))
    Template.from_stack(stack).has_resource_properties(
        "AWS::Pinpoint::ApplicationSettings", {"CampaignHook": {"Mode": "FILTER"}}
    )


def test_one_function_can_hook_two_apps(stack):
    fn = _function(stack)
    PinpointApp(stack, "AppA", campaign_hook=CampaignHook(function=fn))
    PinpointApp(stack, "AppB", campaign_hook=CampaignHook(function=fn))
    Template.from_stack(stack).resource_count_is("AWS::Lambda::Permission", 2)


# ---- grants ----------------------------------------------------------------------------


def _policy_statement(stack: cdk.Stack) -> dict:
    policies = Template.from_stack(stack).find_resources("AWS::IAM::Policy")
    (policy,) = policies.values()
    (statement,) = policy["Properties"]["PolicyDocument"]["Statement"]
    return statement


@pytest.mark.parametrize(
    ("method", "actions"),
    [
        (
            "grant_send_messages",
            ["mobiletargeting:SendMessages", "mobiletargeting:SendUsersMessages"],
        ),
        (
            "grant_manage_endpoints",
            [
                "mobiletargeting:GetEndpoint",
                "mobiletargeting:UpdateEndpoint",
                "mobiletargeting:UpdateEndpointsBatch",
                "mobiletargeting:DeleteEndpoint",
                "mobiletargeting:GetUserEndpoints",
                "mobiletargeting:DeleteUserEndpoints",
            ],
        ),
        ("grant_put_events", "mobiletargeting:PutEvents"),
        (
            "grant_read",
            [
                "mobiletargeting:GetApp",
                "mobiletargeting:GetApplicationSettings",
                "mobiletargeting:GetApplicationDateRangeKpi",
                "mobiletargeting:GetCampaignDateRangeKpi",
                "mobiletargeting:GetJourneyDateRangeKpi",
                "mobiletargeting:GetJourneyExecutionMetrics",
                "mobiletargeting:GetJourneyExecutionActivityMetrics",
            ],
        ),
    ],
)
def test_named_grants_give_exact_actions_on_the_app_and_its_children(stack, method, actions):
    app = PinpointApp(stack, "App")
    getattr(app, method)(_role(stack))
    statement = _policy_statement(stack)
    assert statement["Effect"] == "Allow"
    assert statement["Action"] == (sorted(actions) if isinstance(actions, list) else actions)
    assert stack.resolve(statement["Resource"]) == [
        stack.resolve(app.app_arn),
        stack.resolve(cdk.Fn.join("", [app.app_arn, "/*"])),
    ]


def test_grant_with_custom_actions(stack):
    app = PinpointApp(stack, "App")
    app.grant(_role(stack), "mobiletargeting:GetSegments", "mobiletargeting:GetCampaigns")
    statement = _policy_statement(stack)
    assert statement["Action"] == ["mobiletargeting:GetCampaigns", "mobiletargeting:GetSegments"]
    assert len(statement["Resource"]) == 2


def test_grant_without_actions_is_rejected(stack):
    app = PinpointApp(stack, "App")
    with pytest.raises(ValueError, match="at least one action"):
        app.grant(_role(stack))


def test_metric_is_scoped_to_the_app(stack):
    app = PinpointApp(stack, "App")
    metric = app.metric("DirectSendMessagePermanentFailure")
    assert metric.namespace == "AWS/Pinpoint"
    assert metric.statistic == "Sum"
    assert stack.resolve(metric.dimensions["ApplicationId"]) == stack.resolve(app.app_id)


# ---- imports ---------------------------------------------------------------------------


def test_from_app_id_builds_the_arn_in_this_stack(stack):
    app = PinpointApp.from_app_id(stack, "Imported", "0123abcd")
    _assert_satisfies_interface(app)
    assert app.app_id == "0123abcd"
    assert (
        stack.resolve(app.app_arn) == "arn:aws:mobiletargeting:us-east-1:123456789012:apps/0123abcd"
    )


def test_from_app_arn_takes_id_and_environment_from_the_arn(stack):
    arn = "arn:aws:mobiletargeting:eu-west-1:210987654321:apps/feed42"
    app = PinpointApp.from_app_arn(stack, "Imported", arn)
    assert app.app_id == "feed42"
    assert app.app_arn == arn
    assert app.env.region == "eu-west-1" and app.env.account == "210987654321"


def test_imported_app_grants_on_its_arn(stack):
    arn = "arn:aws:mobiletargeting:us-east-1:123456789012:apps/feed42"
    PinpointApp.from_app_arn(stack, "Imported", arn).grant_put_events(_role(stack))
    statement = _policy_statement(stack)
    assert statement["Action"] == "mobiletargeting:PutEvents"
    assert statement["Resource"] == [arn, f"{arn}/*"]


NO_ID_ARN = "arn:aws:mobiletargeting:us-east-1:123456789012:apps"


def test_from_app_arn_rejects_an_arn_without_app_id(stack):
    with pytest.raises(
        ValueError,
        match=re.escape(f"app_arn must end in apps/<app id>, got {NO_ID_ARN!r}"),
    ):
        PinpointApp.from_app_arn(
            stack, "Bad", "arn:aws:mobiletargeting:us-east-1:123456789012:apps"
        )


def _assert_satisfies_interface(app: IPinpointApp) -> None:
    members = [name for name in vars(IPinpointApp) if not name.startswith("_")]
    assert {"app_id", "app_arn", "grant", "grant_send_messages", "grant_read"} <= set(members)
    for name in members:
        assert hasattr(app, name), name


def test_pinpoint_app_satisfies_the_interface(stack):
    _assert_satisfies_interface(PinpointApp(stack, "App"))


# ---- validation ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("limits", "message"),
    [
        (lambda: Limits(daily=101), "limits.daily must be between 0 and 100, got 101"),
        (lambda: Limits(daily=-1), "limits.daily must be between 0 and 100, got -1"),
        (lambda: Limits(total=500), "limits.total must be between 0 and 100, got 500"),
        (
            lambda: Limits(messages_per_second=0),
            "limits.messages_per_second must be between 1 and 20000, got 0",
        ),
        (
            lambda: Limits(messages_per_second=20_001),
            "limits.messages_per_second must be between 1 and 20000, got 20001",
        ),
        (
            lambda: Limits(maximum_duration=cdk.Duration.seconds(59)),
            "limits.maximum_duration must be at least 60 seconds, got 59 seconds",
        ),
    ],
)
def test_limits_outside_the_service_ranges_are_rejected(limits, message):
    with pytest.raises(ValueError, match=f"^{message}$"):
        limits()


def test_limits_at_the_edges_are_accepted(stack):
    PinpointApp(
        stack,
        "App",
        limits=Limits(
            daily=100,
            total=0,
            messages_per_second=20_000,
            maximum_duration=cdk.Duration.seconds(60),
        ),
    )
    Template.from_stack(stack).has_resource_properties(
        "AWS::Pinpoint::ApplicationSettings",
        {"Limits": {"Daily": 100, "Total": 0, "MessagesPerSecond": 20000, "MaximumDuration": 60}},
    )


def test_maximum_duration_must_be_a_duration():
    with pytest.raises(
        TypeError, match=r"maximum_duration\ must\ be\ an\ aws_cdk\.Duration,\ got\ int:\ 3600"
    ):
        Limits(maximum_duration=3600)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        (
            "24:00",
            "07:00",
            "quiet_time.start must be a 24-hour time in HH:MM format (00:00 to 23:59), got '24:00'",
        ),
        (
            "9:00",
            "07:00",
            "quiet_time.start must be a 24-hour time in HH:MM format (00:00 to 23:59), got '9:00'",
        ),
        (
            "22:00",
            "07:60",
            "quiet_time.end must be a 24-hour time in HH:MM format (00:00 to 23:59), got '07:60'",
        ),
        (
            "22:00",
            "7pm",
            "quiet_time.end must be a 24-hour time in HH:MM format (00:00 to 23:59), got '7pm'",
        ),
    ],
)
def test_malformed_quiet_time_is_rejected(start, end, message):
    with pytest.raises(ValueError) as raised:
        QuietTime(start=start, end=end)
    assert str(raised.value) == message


def test_app_name_over_the_service_limit_is_rejected(stack):
    with pytest.raises(ValueError) as raised:
        PinpointApp(stack, "App", app_name="x" * 65)
    assert (
        str(raised.value)
        == f"app_name must be 1 to 64 characters long, got 65 characters: {'x' * 65!r}"
    )


def test_empty_app_name_is_rejected(stack):
    with pytest.raises(
        ValueError, match="app_name must be 1 to 64 characters long, got 0 characters: ''"
    ):
        PinpointApp(stack, "App", app_name="")


def test_unresolved_tokens_are_not_validated(stack):
    name = cdk.CfnParameter(stack, "Name").value_as_string
    daily = cdk.CfnParameter(stack, "Daily", type="Number").value_as_number
    seconds = cdk.CfnParameter(stack, "Seconds", type="Number").value_as_number
    PinpointApp(
        stack,
        "App",
        app_name=name,
        limits=Limits(daily=daily, maximum_duration=cdk.Duration.seconds(seconds)),
    )
    Template.from_stack(stack).has_resource_properties(
        "AWS::Pinpoint::ApplicationSettings",
        {"Limits": {"Daily": {"Ref": "Daily"}, "MaximumDuration": {"Ref": "Seconds"}}},
    )


@pytest.mark.parametrize("value", [float("nan"), float("inf")])
def test_non_finite_limits_are_rejected(value):
    with pytest.raises(ValueError, match=f"^daily must be an int, got float: {value}$"):
        Limits(daily=value)  # type: ignore[arg-type]


def test_is_unresolved_answers_plain_values_and_tokens(stack):
    from pinpoint_constructs._validation import is_unresolved

    assert not is_unresolved(None)
    assert not is_unresolved(5)
    assert not is_unresolved("plain {text}")
    assert not is_unresolved(stack.account)  # a concrete environment: no token
    assert is_unresolved(cdk.Aws.ACCOUNT_ID)
    assert is_unresolved(cdk.Fn.get_azs())
    assert is_unresolved(cdk.Token.as_number(cdk.Aws.ACCOUNT_ID))
    assert is_unresolved(f"arn:{cdk.Aws.PARTITION}:x")


def test_settings_wait_for_the_hook_invoke_permission(stack):
    fn = _function(stack)
    PinpointApp(stack, "App", campaign_hook=CampaignHook(function=fn))
    template = Template.from_stack(stack)
    (settings,) = template.find_resources("AWS::Pinpoint::ApplicationSettings").values()
    (permission_id,) = template.find_resources("AWS::Lambda::Permission").keys()
    assert permission_id in settings["DependsOn"]


# ---- ApplicationSettings: settings for any project -------------------------------------


def _settings(stack: cdk.Stack) -> dict:
    (settings,) = (
        Template.from_stack(stack).find_resources("AWS::Pinpoint::ApplicationSettings").values()
    )
    return settings


def test_settings_for_an_imported_project(stack, tmp_path):
    existing = PinpointApp.from_app_id(stack, "Legacy", "0123456789abcdef")
    construct = ApplicationSettings(
        stack,
        "LegacySettings",
        app=existing,
        limits=Limits(daily=5),
        quiet_time=QuietTime(start="22:00", end="07:00"),
        cloudwatch_metrics_enabled=False,
    )
    assert construct.node.default_child is construct.node.find_child("Resource")
    assert construct.settings_application_id == "0123456789abcdef"
    assert _settings(stack)["Properties"] == {
        "ApplicationId": "0123456789abcdef",
        "Limits": {"Daily": 5},
        "QuietTime": {"Start": "22:00", "End": "07:00"},
        "CloudWatchMetricsEnabled": False,
    }
    assert lint_findings(Template.from_stack(stack).to_json(), tmp_path) == []


def test_settings_of_an_imported_project_let_pinpoint_invoke_the_hook_for_it_only(stack):
    fn = _function(stack)
    existing = PinpointApp.from_app_id(stack, "Legacy", "0123456789abcdef")
    ApplicationSettings(
        stack, "LegacySettings", app=existing, campaign_hook=CampaignHook(function=fn)
    )
    template = Template.from_stack(stack)
    (permission_id,) = template.find_resources(
        "AWS::Lambda::Permission",
        {
            "Properties": {
                "Action": "lambda:InvokeFunction",
                "FunctionName": {"Fn::GetAtt": [Match.string_like_regexp("^Hook"), "Arn"]},
                "Principal": "pinpoint.us-east-1.amazonaws.com",
                "SourceAccount": "123456789012",
                "SourceArn": (
                    "arn:aws:mobiletargeting:us-east-1:123456789012:apps/0123456789abcdef/*"
                ),
            }
        },
    ).keys()
    settings = _settings(stack)
    assert settings["Properties"]["CampaignHook"] == {
        "LambdaFunctionName": {"Fn::GetAtt": [stack.get_logical_id(fn.node.default_child), "Arn"]},
        "Mode": "FILTER",
    }
    assert permission_id in settings["DependsOn"]


def test_settings_for_an_app_defined_without_settings(stack):
    app = PinpointApp(stack, "App")
    ApplicationSettings(stack, "Settings", app=app, limits=Limits(total=3))
    assert _settings(stack)["Properties"]["ApplicationId"] == {
        "Ref": stack.get_logical_id(app.node.default_child)
    }
    assert app.settings is None


def test_application_settings_warn_on_a_delivery_mode_hook(stack):
    ApplicationSettings(
        stack,
        "Settings",
        app=PinpointApp.from_app_id(stack, "Legacy", "abc"),
        campaign_hook=CampaignHook(function=_function(stack), mode=CampaignHookMode.DELIVERY),
    )
    found = Annotations.from_stack(stack).find_warning("/TestStack/Settings", Match.any_value())
    assert [w for w in found if CAMPAIGN_HOOK_DELIVERY_WARNING in str(w.entry.data)]


def test_application_settings_without_a_setting_are_rejected(stack):
    with pytest.raises(ValueError) as raised:
        ApplicationSettings(stack, "Settings", app=PinpointApp.from_app_id(stack, "Legacy", "abc"))
    assert str(raised.value) == (
        "ApplicationSettings needs at least one setting (limits, quiet_time, campaign_hook or "
        "cloudwatch_metrics_enabled), got none"
    )


def test_a_second_settings_resource_for_one_app_is_rejected(stack):
    app = PinpointApp(stack, "App", limits=Limits(daily=1))
    with pytest.raises(ValueError) as raised:
        ApplicationSettings(
            stack, "More", app=app, quiet_time=QuietTime(start="22:00", end="07:00")
        )
    assert str(raised.value) == (
        "app TestStack/App already has its settings written by TestStack/App; a project has one "
        "AWS::Pinpoint::ApplicationSettings, so give every setting there"
    )
    imported = PinpointApp.from_app_id(stack, "Legacy", "abc")
    ApplicationSettings(stack, "First", app=imported, limits=Limits(daily=1))
    with pytest.raises(ValueError, match="already has its settings written by TestStack/First"):
        ApplicationSettings(stack, "Second", app=imported, limits=Limits(daily=2))


@pytest.mark.parametrize(
    ("props", "error", "message"),
    [
        (
            {"cloudwatch_metrics_enabled": "yes"},
            TypeError,
            "cloudwatch_metrics_enabled must be a bool, got str: 'yes'",
        ),
        (
            {"limits": {"daily": 5}},
            TypeError,
            "limits must be a Limits, got dict: {'daily': 5}",
        ),
    ],
)
def test_application_settings_reject_wrong_types(stack, props, error, message):
    with pytest.raises(error) as raised:
        ApplicationSettings(
            stack, "S", app=PinpointApp.from_app_id(stack, "Legacy", "abc"), **props
        )
    assert str(raised.value) == message
