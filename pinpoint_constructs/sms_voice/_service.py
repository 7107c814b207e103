"""What the SMS and voice constructs share: the service principal, ARNs and roles it assumes."""

from __future__ import annotations

from collections.abc import Sequence

from aws_cdk import Arn, ArnFormat, Stack
from aws_cdk import aws_iam as iam
from constructs import Construct, IConstruct

from .._lambda import acknowledge
from .._validation import is_unresolved

#: The service principal of AWS End User Messaging SMS and voice (the trust policies of the user
#: guide's "IAM policy for Amazon Data Firehose", "IAM policy for Amazon CloudWatch" and "IAM
#: policies for Amazon SNS topics").
SMS_VOICE_PRINCIPAL = "sms-voice.amazonaws.com"


def sms_voice_arn(scope: Construct, resource: str, name: str) -> str:
    """``arn:<partition>:sms-voice:<region>:<account>:<resource>/<name>`` in ``scope``'s stack."""
    return Stack.of(scope).format_arn(
        service="sms-voice",
        resource=resource,
        resource_name=name,
        arn_format=ArnFormat.SLASH_RESOURCE_NAME,
    )


def resource_name_of(prop: str, arn: str, resource: str) -> str:
    """The ``<name>`` of an ``...:<resource>/<name>`` ARN; raise if the ARN is of another kind."""
    parts = Arn.split(arn, ArnFormat.SLASH_RESOURCE_NAME)
    if parts.resource_name is None or (
        not is_unresolved(parts.resource) and parts.resource != resource
    ):
        raise ValueError(f"{prop} must end in {resource}/<id>, got {arn!r}")
    return parts.resource_name


def service_principal(scope: Construct, source_arn: str | None = None) -> iam.ServicePrincipal:
    """The service principal, limited to this stack's account (``aws:SourceAccount``) and, when
    given, to one resource (``aws:SourceArn``), as the user guide's trust policies show."""
    conditions: dict[str, dict[str, str]] = {
        "StringEquals": {"aws:SourceAccount": Stack.of(scope).account}
    }
    if source_arn is not None:
        conditions["ArnLike"] = {"aws:SourceArn": source_arn}
    return iam.ServicePrincipal(SMS_VOICE_PRINCIPAL, conditions=conditions)


def service_role(
    scope: Construct, id: str, *, description: str, source_arn: str | None = None
) -> iam.Role:
    """A role only AWS End User Messaging SMS, acting for this account, can assume."""
    return iam.Role(
        scope,
        id,
        assumed_by=service_principal(scope, source_arn),
        description=description,
    )


def acknowledge_unknown_to_cdk_validation(resource: IConstruct, resource_type: str) -> None:
    """Acknowledge aws-cdk-lib's ``F3006`` (unknown resource type) for ``resource`` only.

    aws-cdk-lib 2.275 generates the L1 class of ``resource_type`` but its built-in template
    validation (``@aws-cdk/core:validateAgainstDefaultRules``) has no schema for it yet, so it
    reports the type as unknown; CloudFormation's registry has it (cfn-lint 1.58 ships its
    schema for us-east-1 and checks it).
    """
    acknowledge(
        resource,
        "CloudFormation-Validate::F3006",
        f"{resource_type} is a CloudFormation resource type (aws-cdk-lib generates its L1 "
        "class and cfn-lint validates it), missing only from the schemas of aws-cdk-lib's "
        "built-in template validation",
    )


#: ``sms-voice:SendTextMessage``, what ``grant_send_text_message`` allows.
SEND_TEXT_MESSAGE = "sms-voice:SendTextMessage"
#: ``sms-voice:SendVoiceMessage``, what ``grant_send_voice_message`` allows.
SEND_VOICE_MESSAGE = "sms-voice:SendVoiceMessage"
#: ``sms-voice:SendMediaMessage``, what ``grant_send_media_message`` allows.
SEND_MEDIA_MESSAGE = "sms-voice:SendMediaMessage"


def grant_on(
    grantee: iam.IGrantable, actions: Sequence[str], resource_arns: Sequence[str]
) -> iam.Grant:
    """Grant ``actions`` on exactly ``resource_arns`` (never ``*``)."""
    if not actions:
        raise ValueError("grant() needs at least one action, got none")
    return iam.Grant.add_to_principal(
        grantee=grantee, actions=list(actions), resource_arns=list(resource_arns)
    )
