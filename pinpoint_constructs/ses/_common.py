"""What the SES constructs share: names, ARNs and grants."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from aws_cdk import Arn, ArnFormat, Stack
from aws_cdk import aws_iam as iam
from constructs import Construct

from .._validation import check_pattern, is_unresolved

#: Names of contact lists, topics and templates: 1 to 64 letters, digits, underscores or
#: hyphens (CloudFormation schemas: ``AWS::SES::ContactList`` ``ContactListName`` and
#: ``Topic.TopicName``, ``AWS::SES::Template`` ``Template.TemplateName``, each
#: ``^[a-zA-Z0-9_-]{1,64}$``).
SES_NAME_MAX_LENGTH: Final = 64
_NAME: Final = re.compile(r"[a-zA-Z0-9_-]{1,64}")
_NAME_RULE: Final = "1 to 64 letters, digits, underscores (_) or hyphens (-)"


def check_ses_name(prop: str, value: str | None) -> None:
    """Raise ``ValueError`` for a name outside ``^[a-zA-Z0-9_-]{1,64}$`` (tokens pass)."""
    check_pattern(prop, value, _NAME, _NAME_RULE)


def ses_arn(scope: Construct, resource: str, name: str) -> str:
    """``arn:<partition>:ses:<region>:<account>:<resource>/<name>`` in ``scope``'s stack
    (resource types ``contact-list`` and ``template`` of the Service Authorization Reference,
    "Actions, resources, and condition keys for Amazon Simple Email Service v2")."""
    return Stack.of(scope).format_arn(
        service="ses",
        resource=resource,
        resource_name=name,
        arn_format=ArnFormat.SLASH_RESOURCE_NAME,
    )


def ses_name_of(prop: str, arn: str, resource: str) -> str:
    """The ``<name>`` of an ``...:ses:...:<resource>/<name>`` ARN; raise if it is another kind."""
    parts = Arn.split(arn, ArnFormat.SLASH_RESOURCE_NAME)
    if parts.resource_name is None or (
        not is_unresolved(parts.resource) and parts.resource != resource
    ):
        raise ValueError(f"{prop} must end in {resource}/<name>, got {arn!r}")
    return parts.resource_name


def grant_ses(grantee: iam.IGrantable, actions: Sequence[str], arns: Sequence[str]) -> iam.Grant:
    """Grant ``actions`` on exactly ``arns`` (never ``*``)."""
    if not actions:
        raise ValueError("grant() needs at least one action, got none")
    return iam.Grant.add_to_principal(
        grantee=grantee, actions=list(actions), resource_arns=list(arns)
    )
