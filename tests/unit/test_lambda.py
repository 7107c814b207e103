"""The shared handler function and custom-resource provider."""

from __future__ import annotations

import aws_cdk as cdk
import pytest
from aws_cdk.assertions import Match, Template
from support import lint_findings

from pinpoint_constructs._lambda import HANDLERS_DIR, HandlerFunction, HandlerProvider


def _provider(stack: cdk.Stack, **overrides) -> HandlerProvider:
    props = {
        "handler_package": "journey",
        "description": "Pinpoint journeys",
        "timeout": cdk.Duration.minutes(1),
        "memory_size": 256,
        "with_is_complete": True,
        "total_timeout": cdk.Duration.minutes(15),
        "query_interval": cdk.Duration.seconds(10),
    }
    props.update(overrides)
    return HandlerProvider.of(stack, "JourneyProvider", **props)


def test_handler_function_runs_python_3_14_with_its_own_log_group_and_role(stack):
    HandlerFunction(
        stack,
        "Fn",
        handler="journey.index.on_event",
        description="test",
        timeout=cdk.Duration.seconds(30),
        memory_size=128,
        environment={"MODE": "test"},
    )
    template = Template.from_stack(stack)
    template.has_resource_properties(
        "AWS::Lambda::Function",
        {
            "Runtime": "python3.14",
            "Handler": "journey.index.on_event",
            "Timeout": 30,
            "MemorySize": 128,
            "Architectures": ["arm64"],
            "Environment": {"Variables": {"MODE": "test"}},
            "LoggingConfig": {
                "LogFormat": "JSON",
                "LogGroup": {"Ref": Match.string_like_regexp("LogGroup")},
            },
        },
    )
    template.has_resource_properties("AWS::Logs::LogGroup", {"RetentionInDays": 30})
    template.has_resource_properties(
        "AWS::IAM::Role", {"ManagedPolicyArns": Match.absent(), "Description": "Runs: test"}
    )
    template.has_resource_properties(
        "AWS::IAM::Policy",
        {
            "PolicyDocument": {
                "Statement": [
                    {
                        "Action": ["logs:CreateLogStream", "logs:PutLogEvents"],
                        "Effect": "Allow",
                        "Resource": {"Fn::GetAtt": [Match.string_like_regexp("LogGroup"), "Arn"]},
                    }
                ]
            }
        },
    )


def test_handlers_folder_is_the_code_root():
    assert (HANDLERS_DIR / "common" / "aws.py").is_file()
    assert (HANDLERS_DIR / "journey" / "index.py").is_file()


def test_provider_is_shared_per_stack(stack):
    first = _provider(stack)
    second = _provider(stack)
    assert first is second
    # on-event and is-complete handlers, plus the framework's three functions
    Template.from_stack(stack).resource_count_is("AWS::Lambda::Function", 5)


def test_provider_without_is_complete_has_no_waiter(stack):
    _provider(stack, with_is_complete=False)
    template = Template.from_stack(stack)
    template.resource_count_is("AWS::StepFunctions::StateMachine", 0)
    template.resource_count_is("AWS::Lambda::Function", 2)


def test_no_role_of_the_provider_uses_a_managed_policy(stack):
    _provider(stack)
    for role in Template.from_stack(stack).find_resources("AWS::IAM::Role").values():
        assert "ManagedPolicyArns" not in role["Properties"]


def test_waiter_logs_all_events(stack):
    _provider(stack)
    Template.from_stack(stack).has_resource_properties(
        "AWS::StepFunctions::StateMachine", {"LoggingConfiguration": {"Level": "ALL"}}
    )


def test_grant_handlers_reaches_both_handler_roles(stack):
    from aws_cdk import aws_iam as iam

    provider = _provider(stack)
    provider.grant_handlers(
        iam.PolicyStatement(
            actions=["mobiletargeting:GetJourney"],
            resources=["arn:aws:mobiletargeting:us-east-1:123456789012:apps/a1/journeys/*"],
        )
    )
    policies = Template.from_stack(stack).find_resources(
        "AWS::IAM::Policy",
        {
            "Properties": {
                "PolicyDocument": {
                    "Statement": Match.array_with(
                        [Match.object_like({"Action": "mobiletargeting:GetJourney"})]
                    )
                }
            }
        },
    )
    assert len(policies) == 2


def test_provider_and_handlers_pass_cfn_lint(stack, tmp_path):
    """W3005 (the role DependsOn that aws-cdk-lib adds) is marked as intended, nothing else."""
    _provider(stack)
    assert lint_findings(Template.from_stack(stack).to_json(), tmp_path) == []


def _cross_stack_wildcard(tmp_path, *, acknowledged: bool):
    from aws_cdk import aws_iam as iam
    from cdk_nag import AwsSolutionsChecks

    from pinpoint_constructs import PinpointApp
    from pinpoint_constructs._lambda import acknowledge_wildcard_resource
    from stacks._common import acknowledge_end_of_support

    app = cdk.App(outdir=str(tmp_path))
    cdk.Validations.of(app).add_plugins(AwsSolutionsChecks(app))
    producer = cdk.Stack(app, "Producer")
    acknowledge_end_of_support(producer)
    pinpoint_app = PinpointApp(producer, "App")
    consumer = cdk.Stack(app, "Consumer")
    role = iam.Role(consumer, "Role", assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"))
    segments = f"{pinpoint_app.app_arn}/segments/*"
    role.add_to_principal_policy(
        iam.PolicyStatement(actions=["mobiletargeting:DeleteSegment"], resources=[segments])
    )
    if acknowledged:
        acknowledge_wildcard_resource(role, segments, "test: ids known only at run time")
    return app


def test_wildcard_acknowledgement_matches_a_cross_stack_reference(tmp_path):
    """The finding id holds the reference as the consuming template spells it, which is known
    only after cross-stack references are resolved."""
    _cross_stack_wildcard(tmp_path / "ok", acknowledged=True).synth()


def test_unacknowledged_cross_stack_wildcard_is_a_finding(tmp_path):
    app = _cross_stack_wildcard(tmp_path / "bad", acknowledged=False)
    with pytest.raises(RuntimeError, match=r"AwsSolutions-IAM5\[Resource::.*/segments/\*\]"):
        app.synth()
