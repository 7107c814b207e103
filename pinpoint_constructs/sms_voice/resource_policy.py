"""Resource policies (``AWS::SMSVOICE::ResourcePolicy``): share a number, sender ID, pool or
opt-out list with other accounts."""

from __future__ import annotations

from aws_cdk import Resource
from aws_cdk import aws_iam as iam
from aws_cdk import aws_smsvoice as smsvoice
from constructs import Construct

from .._props import checked_props
from .._validation import require_instance
from .opt_out_list import IOptOutList
from .origination import OriginationIdentityBase


@checked_props
class ResourcePolicy(Resource):
    """The resource policy of one origination identity or opt-out list
    (``AWS::SMSVOICE::ResourcePolicy``, construct id ``Resource``); a resource has one.

    Example::

        ResourcePolicy(self, "Share",
            resource=number,
            policy_document=iam.PolicyDocument(statements=[
                iam.PolicyStatement(
                    principals=[iam.AccountPrincipal("444455556666")],
                    actions=["sms-voice:SendTextMessage"],
                    resources=[number.phone_number_arn],
                ),
            ]),
        )
    """

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        resource: OriginationIdentityBase | IOptOutList,
        policy_document: iam.PolicyDocument,
    ) -> None:
        """
        :param resource: A ``PhoneNumber``, ``SenderId``, ``Pool`` or ``OptOutList`` (or an
            import of one).
        :param policy_document: The policy; every statement needs a principal (IAM's rules
            for resource policies, checked with ``PolicyDocument.validate_for_resource_policy``).
        """
        super().__init__(scope, id)
        require_instance("policy_document", policy_document, iam.PolicyDocument)
        if isinstance(resource, OriginationIdentityBase):
            arn = resource.origination_identity_arn
        elif hasattr(resource, "opt_out_list_arn"):
            arn = resource.opt_out_list_arn
        else:
            raise TypeError(
                "resource must be a PhoneNumber, SenderId, Pool or OptOutList, got "
                f"{type(resource).__name__}"
            )
        if policy_document.is_empty:
            raise ValueError("policy_document needs at least one statement, got an empty one")
        errors = policy_document.validate_for_resource_policy()
        if errors:
            raise ValueError(f"policy_document is not a valid resource policy: {'; '.join(errors)}")
        self._resource = smsvoice.CfnResourcePolicy(
            self, "Resource", resource_arn=arn, policy_document=policy_document
        )
        self.resource_arn: str = arn
        """The ARN of the resource the policy is attached to."""
