"""What the Customer Profiles constructs share: the service principal, ARNs, name rules, tags.

Sources of the rules (each cited where it is used):

- the CloudFormation resource schemas ``AWS::CustomerProfiles::*`` (cfn-lint ships them:
  ``cfnlint/data/schemas/providers/us_east_1``), called "schema" below;
- botocore's ``customer-profiles`` service model (``service-2.json``), called "API" below.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from aws_cdk import ArnFormat, CfnTag, Stack
from aws_cdk import aws_iam as iam
from constructs import Construct

from .._validation import check_length, check_pattern, is_unresolved

#: The service principal of Customer Profiles (Amazon Connect Administrator Guide,
#: "Cross-service confused deputy prevention", Customer Profiles examples).
PROFILE_PRINCIPAL = "profile.amazonaws.com"

#: ``DomainName``, ``SegmentDefinitionName``, ``EventTriggerName``, key names: schema and API
#: shape ``name``: 1 to 64 characters, ``^[a-zA-Z0-9_-]+$``.
NAME_MAX_LENGTH = 64
_NAME = re.compile(r"[a-zA-Z0-9_-]+")

#: ``ObjectTypeName``, ``CalculatedAttributeName``: schema and API shape ``typeName``: 1 to 255
#: characters, ``^[a-zA-Z_][a-zA-Z_0-9-]*$``.
TYPE_NAME_MAX_LENGTH = 255
_TYPE_NAME = re.compile(r"[a-zA-Z_][a-zA-Z_0-9-]*")

#: Field names of object types and event-trigger attributes: schema ``FieldMap.Name`` and API
#: shape ``fieldName``: 1 to 64 characters, ``^[a-zA-Z0-9_.-]+$``.
_FIELD_NAME = re.compile(r"[a-zA-Z0-9_.-]+")

#: Tags: schema ``Tag`` of every ``AWS::CustomerProfiles::*`` type: at most 50, key 1 to 128
#: characters, value at most 256.
MAX_TAGS = 50


def check_name(prop: str, value: str | None) -> None:
    """A domain, segment definition, event trigger or key name (shape ``name``)."""
    check_length(prop, value, NAME_MAX_LENGTH)
    check_pattern(prop, value, _NAME, "letters, digits, underscores (_) or hyphens (-)")


def check_type_name(prop: str, value: str | None) -> None:
    """An object type or calculated attribute name (shape ``typeName``)."""
    check_length(prop, value, TYPE_NAME_MAX_LENGTH)
    check_pattern(
        prop,
        value,
        _TYPE_NAME,
        "a letter or underscore followed by letters, digits, underscores (_) or hyphens (-)",
    )


def check_field_name(prop: str, value: str | None) -> None:
    """An object type field name or event-trigger field name (shape ``fieldName``)."""
    check_length(prop, value, NAME_MAX_LENGTH)
    check_pattern(
        prop, value, _FIELD_NAME, "letters, digits, underscores (_), dots (.) or hyphens (-)"
    )


def check_text(prop: str, value: str | None, maximum: int) -> None:
    """A free text of 1 to ``maximum`` characters (descriptions, display names)."""
    check_length(prop, value, maximum)


def check_count(prop: str, values: Sequence[Any], minimum: int, maximum: int | None) -> None:
    """Raise unless ``values`` has ``minimum`` to ``maximum`` items (``None``: no maximum)."""
    # An encoded list token is a one-element list holding a string token.
    if len(values) == 1 and isinstance(values[0], str) and is_unresolved(values[0]):
        return
    count = len(values)
    if count < minimum or (maximum is not None and count > maximum):
        bound = f"at least {minimum}" if maximum is None else f"{minimum} to {maximum}"
        raise ValueError(f"{prop} must have {bound} items, got {count}")


def cfn_tags(prop: str, tags: Mapping[str, str] | None) -> list[CfnTag] | None:
    """``tags`` as ``CfnTag`` objects, checked against the schema's ``Tag`` definition."""
    if not tags:
        return None
    if len(tags) > MAX_TAGS:
        raise ValueError(f"{prop} must have at most {MAX_TAGS} tags, got {len(tags)}")
    for key, value in tags.items():
        check_length(f"{prop} key", key, 128)
        if not is_unresolved(key) and key.startswith("aws:"):
            raise ValueError(f"{prop} keys must not start with 'aws:', got {key!r}")
        check_length(f"{prop}[{key!r}]", value, 256, minimum=0)
    return [CfnTag(key=key, value=value) for key, value in tags.items()]


def profile_arn(scope: Construct, resource_name: str) -> str:
    """``arn:<partition>:profile:<region>:<account>:domains/<resource_name>`` in ``scope``'s
    stack (Service Authorization Reference, Amazon Connect Customer Profiles, resource types:
    ``domains/${DomainName}``, ``domains/${DomainName}/object-types/${ObjectTypeName}``,
    ``domains/${DomainName}/segment-definitions/${SegmentDefinitionName}``,
    ``domains/${DomainName}/event-triggers/${EventTriggerName}``)."""
    return Stack.of(scope).format_arn(
        service="profile",
        resource="domains",
        resource_name=resource_name,
        arn_format=ArnFormat.SLASH_RESOURCE_NAME,
    )


def service_principal(scope: Construct, source_arns: Iterable[str]) -> iam.ServicePrincipal:
    """Customer Profiles, acting for this account (``aws:SourceAccount``) and for the given
    resources (``aws:SourceArn``), as the confused-deputy examples of the Amazon Connect
    Administrator Guide show."""
    return iam.ServicePrincipal(
        PROFILE_PRINCIPAL,
        conditions={
            "StringEquals": {"aws:SourceAccount": Stack.of(scope).account},
            "ArnLike": {"aws:SourceArn": list(source_arns)},
        },
    )


def as_text(value: Any) -> Any:
    """A value as the text the service compares: numbers as ``5`` or ``2.5``, dates as ISO
    8601 (``2026-01-31``), strings as they are; anything else unchanged (checked later)."""
    if isinstance(value, str | bool):
        return value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int | float):
        return f"{value:g}"
    return value
