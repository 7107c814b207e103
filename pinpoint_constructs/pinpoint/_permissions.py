"""Lambda invoke permissions for the Pinpoint service principal, shared by every construct
that lets Pinpoint call a function (campaign hooks, custom channels, custom delivery), and the
ordering that makes a campaign or journey wait for them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aws_cdk import ArnFormat, Names, Stack
from aws_cdk import aws_iam as iam
from aws_cdk import aws_lambda as lambda_
from constructs import Construct

if TYPE_CHECKING:
    from .core import IPinpointApp


def mobiletargeting_arn(scope: Construct, resource: str, resource_name: str) -> str:
    """``arn:<partition>:mobiletargeting:<region>:<account>:<resource>/<resource_name>`` in
    ``scope``'s stack."""
    return Stack.of(scope).format_arn(
        service="mobiletargeting",
        resource=resource,
        resource_name=resource_name,
        arn_format=ArnFormat.SLASH_RESOURCE_NAME,
    )


def pinpoint_service_principal(scope: Construct) -> iam.ServicePrincipal:
    """Pinpoint's regional service principal (``pinpoint.<region>.amazonaws.com``), the one the
    Pinpoint developer guide tells Lambda to trust."""
    return iam.ServicePrincipal(f"pinpoint.{Stack.of(scope).region}.amazonaws.com")


def allow_pinpoint_invoke(
    requester: Construct, function: lambda_.IFunction, app: IPinpointApp
) -> None:
    """Let Pinpoint invoke ``function`` on behalf of ``app`` only.

    The permission carries ``aws:SourceAccount`` (the app's account) and ``aws:SourceArn``
    (the app's ARN and its children: campaigns, journeys). Its id is derived from the requesting
    construct's path, so several apps or campaigns can share one function.
    """
    function.add_permission(
        f"InvokedByPinpoint{Names.unique_id(requester)}",
        principal=pinpoint_service_principal(requester),
        action="lambda:InvokeFunction",
        source_account=app.env.account,
        source_arn=f"{app.app_arn}/*",
    )


def depend_on_invoke_permissions(resource: Construct, function: lambda_.IFunction) -> None:
    """Create ``resource`` (an app's settings, a campaign's or a journey's L1) after
    ``function``'s invoke permissions, so Pinpoint may call the function as soon as the hook,
    campaign or journey is in use (the function itself is a dependency already, through its
    ARN).
    Does nothing when the function is in another stack.
    """
    if Stack.of(function) is not Stack.of(resource):
        return
    for child in function.node.children:
        if isinstance(child, lambda_.CfnPermission):
            resource.node.add_dependency(child)
