"""The Lambda functions and custom-resource providers that run the library's handlers.

Every function runs code from ``pinpoint_constructs/handlers`` (one asset, the code root), on
the newest Python runtime the installed aws-cdk-lib offers, with an explicit log group that has
a retention, a role of its own with inline least-privilege statements (no AWS managed policies),
and a timeout and memory size that its construct chooses on purpose.
"""

from __future__ import annotations

import atexit
import functools
import json
import shutil
import tempfile
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import jsii
from aws_cdk import (
    Acknowledgment,
    CfnElement,
    CfnResource,
    Duration,
    RemovalPolicy,
    Stack,
    Validations,
)
from aws_cdk import aws_iam as iam
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_logs as logs
from aws_cdk import aws_stepfunctions as sfn
from aws_cdk import custom_resources as cr
from constructs import Construct, IConstruct, IValidation

#: The folder that is every function's code root.
HANDLERS_DIR = Path(__file__).resolve().parent / "handlers"

#: The newest Python runtime of aws-cdk-lib 2.275 (cdk-nag's AwsSolutions-L1 checks for it).
PYTHON_RUNTIME = lambda_.Runtime.PYTHON_3_14

#: Default log retention of the library's functions.
DEFAULT_LOG_RETENTION = logs.RetentionDays.ONE_MONTH


def acknowledge(scope: IConstruct, finding: str, reason: str) -> None:
    """Acknowledge one exact cdk-nag (or other validation) finding on ``scope``, with a reason."""
    Validations.of(scope).acknowledge(Acknowledgment(id=finding, reason=reason))


def nag_resource_text(scope: IConstruct, value: str) -> str:
    """``value`` (an ARN that may hold tokens) as cdk-nag writes it in a finding id.

    A port of cdk-nag's ``flattenCfnReference``: references become ``<LogicalId.Attr>`` or
    ``<LogicalId>``; any other intrinsic (e.g. a cross-stack ``Fn::GetStackOutput``) is its
    compact JSON.
    """

    def visit(node: Any) -> str:
        if node is None:
            return ""
        if isinstance(node, str):
            return node.replace("${", "<").replace("}", ">")
        if isinstance(node, dict):
            if "Fn::Join" in node:
                delimiter, items = node["Fn::Join"]
                return str(delimiter).join(visit(item) for item in items)
            if "Fn::Sub" in node:
                return visit(node["Fn::Sub"])
            if "Fn::GetAtt" in node:
                resource, attribute = node["Fn::GetAtt"]
                return f"<{visit(resource)}.{visit(attribute)}>"
            if "Fn::ImportValue" in node:
                return visit(node["Fn::ImportValue"])
            if "Ref" in node:
                return f"<{visit(node['Ref'])}>"
        return json.dumps(node, separators=(",", ":"))

    return visit(Stack.of(scope).resolve(value))


def acknowledge_wildcard_resource(scope: IConstruct, resource: str, reason: str) -> None:
    """Acknowledge cdk-nag's ``AwsSolutions-IAM5`` for exactly one wildcard ``resource``.

    The finding id spells the resource as it appears in the synthesized template, which for a
    reference to another stack is known only once CDK has resolved cross-stack references. So
    the acknowledgement is added during validation (after references are resolved and before
    cdk-nag reads the acknowledgements), not at construction.
    """

    def add() -> list[str]:
        finding = f"AwsSolutions::AwsSolutions-IAM5[Resource::{nag_resource_text(scope, resource)}]"
        acknowledge(scope, finding, reason)
        return []

    scope.node.add_validation(_Callback(add))


@jsii.implements(IValidation)
class _Callback:
    """An ``IValidation`` that runs a function and reports the errors it returns."""

    def __init__(self, function: Callable[[], list[str]]) -> None:
        self._function = function

    def validate(self) -> list[str]:
        return self._function()


def ignore_redundant_role_dependency(construct: IConstruct) -> None:
    """Tell cfn-lint that a function's (or state machine's) ``DependsOn`` its role is intended.

    aws-cdk-lib makes every ``lambda.Function`` and ``StateMachine`` depend on its role and the
    role's default policy. The role dependency is also implied by ``Fn::GetAtt`` on the role,
    which cfn-lint reports as W3005; the policy dependency is the one that matters (nothing may
    run before its permissions exist), and the construct-level dependency cannot be split.
    """
    cfn = construct.node.default_child
    if isinstance(cfn, CfnResource):
        cfn.add_metadata("cfn-lint", {"config": {"ignore_checks": ["W3005"]}})


#: What every handler asset leaves out: caches and docs.
_ASSET_EXCLUDE = ["**/__pycache__", "**/*.pyc", "**/*.md"]
#: Packages of the library a handler asset may ship beside the handlers (stdlib-only ones).
SHIPPABLE_PACKAGES: dict[str, Path] = {"handlebars": HANDLERS_DIR.parent / "handlebars"}


@functools.cache
def _staged_handlers(packages: tuple[str, ...]) -> Path:
    """A folder holding the handlers plus ``packages`` as top-level packages, staged once per
    process (CDK copies it into the cloud assembly and hashes its content, so the temporary
    path never shows in a template)."""
    staging = Path(tempfile.mkdtemp(prefix="pinpoint-constructs-asset-"))
    atexit.register(shutil.rmtree, staging, ignore_errors=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.md")
    shutil.copytree(HANDLERS_DIR, staging / "handlers", ignore=ignore)
    for package in packages:
        shutil.copytree(SHIPPABLE_PACKAGES[package], staging / "handlers" / package, ignore=ignore)
    return staging / "handlers"


def handler_code(packages: Sequence[str] = ()) -> lambda_.Code:
    """The handlers folder as a Lambda asset (caches and docs left out), with ``packages``
    of the library (keys of :data:`SHIPPABLE_PACKAGES`) copied in as top-level packages.

    No bundling step runs (no Docker): the asset is the files as they are, so it synthesizes
    offline.
    """
    if not packages:
        return lambda_.Code.from_asset(str(HANDLERS_DIR), exclude=_ASSET_EXCLUDE)
    return lambda_.Code.from_asset(str(_staged_handlers(tuple(sorted(set(packages))))))


class HandlerFunction(Construct):
    """A Lambda function that runs one of the library's handlers.

    Children: ``LogGroup`` (explicit, with retention), ``Role`` (only the logging statement
    here; the owning construct adds what its handler calls) and ``Function``.
    """

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        handler: str,
        description: str,
        timeout: Duration,
        memory_size: int,
        environment: Mapping[str, str] | None = None,
        log_retention: logs.RetentionDays = DEFAULT_LOG_RETENTION,
        packages: Sequence[str] = (),
    ) -> None:
        """
        :param handler: ``<package>.index.<function>`` under ``handlers/``.
        :param description: What the function does, shown in the Lambda console.
        :param timeout: The function's timeout.
        :param memory_size: Memory in MiB.
        :param environment: Environment variables. Default: none.
        :param log_retention: Default: one month.
        :param packages: Library packages the asset ships beside the handlers (see
            :func:`handler_code`). Default: none.
        """
        super().__init__(scope, id)
        self.log_group = logs.LogGroup(
            self, "LogGroup", retention=log_retention, removal_policy=RemovalPolicy.DESTROY
        )
        self.role = iam.Role(
            self,
            "Role",
            assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"),
            description=f"Runs: {description}",
        )
        self.function = lambda_.Function(
            self,
            "Function",
            runtime=PYTHON_RUNTIME,
            architecture=lambda_.Architecture.ARM_64,
            code=handler_code(packages),
            handler=handler,
            description=description,
            timeout=timeout,
            memory_size=memory_size,
            environment=dict(environment or {}),
            role=self.role,
            log_group=self.log_group,
            logging_format=lambda_.LoggingFormat.JSON,
        )
        ignore_redundant_role_dependency(self.function)
        # With a role of our own, Lambda gets no managed policy: grant the log group only.
        self.role.add_to_principal_policy(
            iam.PolicyStatement(
                actions=["logs:CreateLogStream", "logs:PutLogEvents"],
                resources=[self.log_group.log_group_arn],
            )
        )


class HandlerProvider(Construct):
    """A ``custom_resources.Provider`` around handler functions, shared per stack and type.

    Use :meth:`of` rather than the constructor, so every custom resource of one kind in a stack
    shares one provider (one set of functions).
    """

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        on_event: HandlerFunction,
        is_complete: HandlerFunction | None,
        total_timeout: Duration | None,
        query_interval: Duration | None,
    ) -> None:
        super().__init__(scope, id)
        self.on_event = on_event
        self.is_complete = is_complete

        def framework_role(role_id: str) -> iam.Role:
            return iam.Role(
                self,
                role_id,
                assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"),
                description="Runs aws-cdk-lib's custom-resource provider framework",
            )

        self.log_group = logs.LogGroup(
            self,
            "FrameworkLogGroup",
            retention=DEFAULT_LOG_RETENTION,
            removal_policy=RemovalPolicy.DESTROY,
        )
        waiter_props: dict[str, object] = {}
        if is_complete is not None:
            waiter_props = {
                "is_complete_handler": is_complete.function,
                "total_timeout": total_timeout,
                "query_interval": query_interval,
                "framework_complete_and_timeout_role": framework_role("FrameworkCompleteRole"),
                "disable_waiter_state_machine_logging": False,
                "waiter_state_machine_log_options": cr.LogOptions(
                    destination=self.log_group,
                    level=sfn.LogLevel.ALL,
                    include_execution_data=False,
                ),
            }
        self.provider = cr.Provider(
            self,
            "Provider",
            on_event_handler=on_event.function,
            framework_on_event_role=framework_role("FrameworkOnEventRole"),
            log_group=self.log_group,
            **waiter_props,  # type: ignore[arg-type]
        )
        self._acknowledge_framework_findings()
        for framework_id in (
            "framework-onEvent",
            "framework-isComplete",
            "framework-onTimeout",
            "waiter-state-machine",
        ):
            framework_child = self.provider.node.try_find_child(framework_id)
            if framework_child is not None:
                ignore_redundant_role_dependency(framework_child)

    def _acknowledge_framework_findings(self) -> None:
        """Acknowledge, on the exact constructs, what aws-cdk-lib's Provider framework does
        that cdk-nag flags and that its API gives no way to change."""
        stack = Stack.of(self)

        def invoke_finding(function: IConstruct) -> str:
            cfn = function.node.default_child
            assert isinstance(cfn, CfnElement)
            return f"AwsSolutions::AwsSolutions-IAM5[Resource::<{stack.get_logical_id(cfn)}.Arn>:*]"

        version_reason = (
            "aws-cdk-lib's Provider grants lambda:InvokeFunction on one function's ARN and "
            "'<ARN>:*', the qualifier wildcard for that same function's versions and aliases"
        )
        handlers = [h.function for h in (self.on_event, self.is_complete) if h is not None]
        for role_id in ("FrameworkOnEventRole", "FrameworkCompleteRole"):
            role = self.node.try_find_child(role_id)
            if role is not None:
                for handler in handlers:
                    acknowledge(role, invoke_finding(handler), version_reason)
        waiter = self.provider.node.try_find_child("waiter-state-machine")
        if waiter is None:
            return
        for framework_id in ("framework-isComplete", "framework-onTimeout"):
            acknowledge(
                waiter,
                invoke_finding(self.provider.node.find_child(framework_id)),
                version_reason,
            )
        acknowledge(
            waiter,
            "AwsSolutions::AwsSolutions-IAM5[Resource::*]",
            "Step Functions logging to CloudWatch Logs needs the vended-log delivery actions "
            "(logs:CreateLogDelivery, logs:PutResourcePolicy, ...), which support only "
            "Resource '*'; aws-cdk-lib adds them for the waiter's log destination",
        )
        acknowledge(
            waiter,
            "AwsSolutions::AwsSolutions-SF2",
            "the waiter state machine is built inside aws-cdk-lib's Provider, which has no "
            "X-Ray tracing option; it only schedules is_complete polls, and it logs ALL events",
        )

    @property
    def service_token(self) -> str:
        """The service token custom resources use."""
        return self.provider.service_token

    @classmethod
    def of(
        cls,
        scope: Construct,
        id: str,
        *,
        handler_package: str,
        description: str,
        timeout: Duration,
        memory_size: int,
        with_is_complete: bool = False,
        total_timeout: Duration | None = None,
        query_interval: Duration | None = None,
    ) -> HandlerProvider:
        """The stack's provider with ``id``, created on first use.

        :param handler_package: the folder under ``handlers/``; its ``index`` module has
            ``on_event`` (and ``is_complete`` when ``with_is_complete``).
        """
        stack = Stack.of(scope)
        existing = stack.node.try_find_child(id)
        if isinstance(existing, HandlerProvider):
            return existing
        on_event = HandlerFunction(
            stack,
            f"{id}OnEvent",
            handler=f"{handler_package}.index.on_event",
            description=f"{description} (on event)",
            timeout=timeout,
            memory_size=memory_size,
        )
        is_complete = None
        if with_is_complete:
            is_complete = HandlerFunction(
                stack,
                f"{id}IsComplete",
                handler=f"{handler_package}.index.is_complete",
                description=f"{description} (is complete)",
                timeout=timeout,
                memory_size=memory_size,
            )
        return cls(
            stack,
            id,
            on_event=on_event,
            is_complete=is_complete,
            total_timeout=total_timeout,
            query_interval=query_interval,
        )

    def grant_handlers(self, statement: iam.PolicyStatement) -> None:
        """Add ``statement`` to the handler roles (on-event and is-complete)."""
        for handler in (self.on_event, self.is_complete):
            if handler is not None:
                handler.role.add_to_principal_policy(statement)
