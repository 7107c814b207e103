"""The message-template custom-resource provider (one per stack): voice templates,
recommender configurations and templates' recommenders, all run by the
``handlers/message_templates`` function, and its handler's grants."""

from __future__ import annotations

import weakref
from collections.abc import Mapping, Sequence
from typing import Any

from aws_cdk import CustomResource, Duration
from aws_cdk import aws_iam as iam
from constructs import Construct

from .._lambda import HandlerProvider, acknowledge_wildcard_resource

#: Construct id of the stack's provider.
PROVIDER_ID = "PinpointMessageTemplateProvider"
#: A handful of synchronous API calls per request, each retried adaptively and bounded by
#: botocore's timeouts.
HANDLER_TIMEOUT = Duration.minutes(2)
#: Memory in MiB (I/O-bound; enough CPU for boto3's start-up).
HANDLER_MEMORY_MB = 256

# What each provider's handler has been granted already (actions, resource, conditions).
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


def grant(
    scope: Construct,
    actions: Sequence[str],
    resource: str,
    *,
    conditions: Mapping[str, Any] | None = None,
    wildcard_reason: str | None = None,
) -> None:
    """Let the stack's handler call ``actions`` on ``resource`` (once per actions and
    resource); ``wildcard_reason`` acknowledges cdk-nag's IAM5 for a wildcard ``resource``."""
    provider = template_provider(scope)
    granted = _GRANTED.setdefault(provider, set())
    key = f"{','.join(actions)} on {resource} if {conditions}"
    if key in granted:
        return
    granted.add(key)
    provider.on_event.role.add_to_principal_policy(
        iam.PolicyStatement(
            actions=list(actions),
            resources=[resource],
            conditions=dict(conditions) if conditions else None,
        )
    )
    if wildcard_reason is not None:
        acknowledge_wildcard_resource(provider.on_event.role, resource, wildcard_reason)


def provider_resource(
    scope: Construct, id: str, resource_type: str, properties: Mapping[str, Any]
) -> CustomResource:
    """A custom resource of the stack's provider, created after the handler's permissions."""
    provider = template_provider(scope)
    resource = CustomResource(
        scope,
        id,
        service_token=provider.service_token,
        resource_type=resource_type,
        properties=dict(properties),
    )
    resource.node.add_dependency(provider.on_event.role)
    return resource
