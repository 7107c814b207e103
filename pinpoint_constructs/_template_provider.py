"""The message-template custom-resource provider (one per stack): voice templates,
recommender configurations and templates' recommenders, all run by the
``handlers/message_templates`` function, and its handler's grants."""

from __future__ import annotations

import weakref

from aws_cdk import ArnFormat, Duration, Stack
from aws_cdk import aws_iam as iam
from constructs import Construct

from ._lambda import HandlerProvider, acknowledge_wildcard_resource

#: Construct id of the stack's provider.
PROVIDER_ID = "PinpointMessageTemplateProvider"
#: A handful of synchronous API calls per request, each retried adaptively and bounded by
#: botocore's timeouts.
HANDLER_TIMEOUT = Duration.minutes(2)
#: Memory in MiB (I/O-bound; enough CPU for boto3's start-up).
HANDLER_MEMORY_MB = 256

# What each provider's handler has been granted already (statement keys).
_GRANTED: weakref.WeakKeyDictionary[HandlerProvider, set[str]] = weakref.WeakKeyDictionary()


def template_provider(scope: Construct) -> HandlerProvider:
    """The stack's message-template provider, created on first use."""
    return HandlerProvider.of(
        scope,
        PROVIDER_ID,
        handler_package="message_templates",
        description="Pinpoint voice templates and recommender models",
        timeout=HANDLER_TIMEOUT,
        memory_size=HANDLER_MEMORY_MB,
    )


def mobiletargeting_arn(scope: Construct, resource: str, resource_name: str) -> str:
    """``arn:<partition>:mobiletargeting:<region>:<account>:<resource>/<resource_name>``."""
    return Stack.of(scope).format_arn(
        service="mobiletargeting",
        resource=resource,
        resource_name=resource_name,
        arn_format=ArnFormat.SLASH_RESOURCE_NAME,
    )


def grant_once(
    provider: HandlerProvider,
    key: str,
    statement: iam.PolicyStatement,
    wildcard_reason: tuple[str, str] | None = None,
) -> None:
    """Add ``statement`` to the handler's role unless a statement with ``key`` was added;
    ``wildcard_reason`` = (resource, reason) acknowledges cdk-nag's IAM5 for that one resource."""
    granted = _GRANTED.setdefault(provider, set())
    if key in granted:
        return
    granted.add(key)
    provider.on_event.role.add_to_principal_policy(statement)
    if wildcard_reason is not None:
        acknowledge_wildcard_resource(provider.on_event.role, *wildcard_reason)
