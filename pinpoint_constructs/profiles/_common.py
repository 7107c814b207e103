"""What the Customer Profiles constructs share: the service principal, ARNs, name rules, tags.

Sources of the rules (each cited where it is used):

- the CloudFormation resource schemas ``AWS::CustomerProfiles::*`` (cfn-lint ships them:
  ``cfnlint/data/schemas/providers/us_east_1``), called "schema" below;
- botocore's ``customer-profiles`` service model (``service-2.json``), called "API" below.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from aws_cdk import ArnFormat, CfnTag, Stack
from aws_cdk import aws_iam as iam
from constructs import Construct

from .._validation import check_length, check_pattern, check_tags, is_unresolved

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
    """``tags`` as ``CfnTag`` objects, checked as CloudFormation's ``Tag`` type documents
    them (:func:`~pinpoint_constructs._validation.check_tags`)."""
    check_tags(prop, tags, maximum=MAX_TAGS)
    if not tags:
        return None
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


def require_bucket(prop: str, value: Any) -> None:
    """Accept an ``aws_s3.IBucket`` (a bucket of this app or an imported one, which jsii hands
    over as a proxy that is no ``BucketBase``)."""
    if not hasattr(value, "bucket_arn") or not hasattr(value, "add_to_resource_policy"):
        raise TypeError(f"{prop} must be an aws_s3.IBucket, got {type(value).__name__}: {value!r}")


#: The warning a construct gives when it could not add a statement to an imported bucket's
#: policy (the statement Customer Profiles or AppFlow needs).
BUCKET_POLICY_WARNING = "pinpoint-constructs:profilesBucketPolicy"


def add_bucket_statement(scope: Construct, bucket: Any, statement: iam.PolicyStatement) -> None:
    """Add ``statement`` to ``bucket``'s policy, or warn (``BUCKET_POLICY_WARNING``) that the
    bucket is imported and its policy is the owner's to update."""
    if not bucket.add_to_resource_policy(statement).statement_added:
        from aws_cdk import Annotations

        Annotations.of(scope).add_warning_v2(
            BUCKET_POLICY_WARNING,
            f"the bucket {bucket.bucket_name} is imported, so its policy was not changed; add "
            "this statement: "
            + json.dumps(Stack.of(scope).resolve(statement.to_statement_json()), sort_keys=True),
        )


# ---- operator/value combinations ---------------------------------------------------------
#
# The API reference and botocore's ``customer-profiles`` model (shapes ``AttributeDimension``,
# ``CalculatedAttributeDimension``, ``DateDimension``, ``ObjectAttribute``) and the
# CloudFormation schemas give only the operators and 1 to 50 (10 for an event trigger) values
# of 1 to 255 characters; what each operator compares is in its name. The rules below are the
# library's reading of those names and refuse only what no reading could compare: a range
# (``BETWEEN``, ``NOT_BETWEEN``) with other than its two ends, an ordering (``GREATER_THAN``
# ...) against text that is not a number, a date comparison (``BEFORE``, ``AFTER``, ``ON``)
# against text that is not an ISO 8601 date or date-time. A value that is an unresolved token
# or a dynamic reference (``{{_profile.X}}``, ``{{_calculated_attribute.X}}``: "To reference a
# calculated attribute or profile attribute as a dynamic value, use handlebar notation",
# model ``Values``) is not checked.

RANGE_OPERATORS = frozenset({"BETWEEN", "NOT_BETWEEN"})
NUMERIC_OPERATORS = frozenset(
    {"GREATER_THAN", "LESS_THAN", "GREATER_THAN_OR_EQUAL", "LESS_THAN_OR_EQUAL"}
)
DATE_OPERATORS = frozenset({"BEFORE", "AFTER", "ON"})


def _is_number(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return True


def _is_date(value: str) -> bool:
    from datetime import datetime

    text = value[:-1] + "+00:00" if value.endswith(("Z", "z")) else value
    try:
        datetime.fromisoformat(text)
    except ValueError:
        return False
    return True


def check_operator_values(prop: str, operator: str, values: Sequence[Any]) -> None:
    """Refuse values ``operator`` can't compare (see the comment above for the sources):
    ``prop`` names the values in the message."""
    checked = [v for v in values if isinstance(v, str) and not is_unresolved(v) and "{{" not in v]
    if operator in RANGE_OPERATORS:
        if len(values) != 2:
            raise ValueError(
                f"{prop} must be exactly two values (the range's start and end) for "
                f"{operator}, got {len(values)}: {list(values)!r}"
            )
        if len(checked) == 2 and not (
            all(_is_number(v) for v in checked) or all(_is_date(v) for v in checked)
        ):
            raise ValueError(
                f"{prop} must be two numbers or two ISO 8601 dates for {operator}, "
                f"got {list(values)!r}"
            )
    elif operator in NUMERIC_OPERATORS:
        for value in checked:
            if not _is_number(value):
                raise ValueError(f"{prop} must be numbers for {operator}, got {value!r}")
    elif operator in DATE_OPERATORS:
        for value in checked:
            if not _is_date(value):
                raise ValueError(
                    f"{prop} must be ISO 8601 dates (2026-01-31) or date-times for "
                    f"{operator}, got {value!r}"
                )
