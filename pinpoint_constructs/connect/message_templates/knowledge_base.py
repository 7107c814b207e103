"""The knowledge base that holds Amazon Q in Connect message templates
(``AWS::Wisdom::KnowledgeBase`` of type ``MESSAGE_TEMPLATES``) and its association with an
Amazon Connect instance (``AWS::Connect::IntegrationAssociation``, ``Q_MESSAGE_TEMPLATES``)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Final, Protocol, runtime_checkable

from aws_cdk import ArnFormat, IResource, Names, RemovalPolicy, Resource, Stack, Tags
from aws_cdk import aws_connect as connect
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kms as kms
from aws_cdk import aws_wisdom as wisdom
from constructs import Construct

from ..._props import checked_props
from ..._validation import check_length, check_pattern, check_tags, is_unresolved, require_str

#: Names and descriptions of knowledge bases and message templates: 1 to 255 characters that
#: start with a letter, digit, space, ``_``, ``.``, ``,`` or ``-`` (the ``qconnect`` model's
#: ``Name``/``Description`` pattern ``[a-zA-Z0-9\s_.,-]+.*``, the CloudFormation schemas'
#: ``maxLength`` 255).
NAME_MAX_LENGTH: Final = 255
NAME_PATTERN: Final = re.compile(r"[a-zA-Z0-9\s_.,-]+.*", re.DOTALL)
NAME_RULE: Final = (
    "1 to 255 characters, starting with a letter, digit, space, underscore, period, comma or hyphen"
)
_KB_ID: Final = re.compile(r"[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}")


def check_name(prop: str, value: str | None) -> None:
    """Check a knowledge base or template name or description against the service's rule."""
    require_str(prop, value)
    check_length(prop, value, NAME_MAX_LENGTH)
    check_pattern(prop, value, NAME_PATTERN, NAME_RULE)


@runtime_checkable
class ConnectInstanceLike(Protocol):
    """What the association needs of an Amazon Connect instance: its ARN (the contract's
    ``IConnectInstance`` has it, with ``instance_id``)."""

    @property
    def instance_arn(self) -> str:
        """``arn:<partition>:connect:<region>:<account>:instance/<id>``."""
        ...


class IMessageTemplateKnowledgeBase(IResource, Protocol):
    """A ``MESSAGE_TEMPLATES`` knowledge base, defined in this app or imported."""

    @property
    def knowledge_base_id(self) -> str:
        """The knowledge base's ID (a UUID)."""
        ...

    @property
    def knowledge_base_arn(self) -> str:
        """``arn:<partition>:wisdom:<region>:<account>:knowledge-base/<id>``."""
        ...

    def message_template_arns(self) -> str:
        """The ARN pattern of every message template of the knowledge base."""
        ...

    def grant(self, grantee: iam.IGrantable, *actions: str) -> iam.Grant:
        """Grant ``actions`` (``wisdom:`` names) on the knowledge base and its templates."""
        ...


#: What an identity that calls Amazon Q in Connect needs of a customer managed key: the API
#: reference's ``kms:CreateGrant``, ``kms:DescribeKey``, ``kms:Decrypt`` and
#: ``kms:GenerateDataKey*``, the wildcard written out (the four GenerateDataKey actions KMS
#: has), so the grant names exactly what it allows.
KEY_ACTIONS: Final = (
    "kms:CreateGrant",
    "kms:DescribeKey",
    "kms:Decrypt",
    "kms:GenerateDataKey",
    "kms:GenerateDataKeyPair",
    "kms:GenerateDataKeyPairWithoutPlaintext",
    "kms:GenerateDataKeyWithoutPlaintext",
)

#: What reading templates takes (Service Authorization Reference, Amazon Q in Connect).
READ_ACTIONS: Final = (
    "wisdom:GetKnowledgeBase",
    "wisdom:GetMessageTemplate",
    "wisdom:ListMessageTemplates",
    "wisdom:ListMessageTemplateVersions",
    "wisdom:SearchMessageTemplates",
)
#: What rendering a template takes.
RENDER_ACTIONS: Final = ("wisdom:RenderMessageTemplate",)
#: What managing templates takes (the custom resource for push and WhatsApp templates).
MANAGE_ACTIONS: Final = (
    "wisdom:CreateMessageTemplate",
    "wisdom:UpdateMessageTemplate",
    "wisdom:UpdateMessageTemplateMetadata",
    "wisdom:DeleteMessageTemplate",
    "wisdom:CreateMessageTemplateVersion",
    "wisdom:ActivateMessageTemplate",
    "wisdom:GetMessageTemplate",
    "wisdom:TagResource",
)


class _KnowledgeBaseBase(Resource):
    @property
    def knowledge_base_id(self) -> str:
        raise NotImplementedError

    @property
    def knowledge_base_arn(self) -> str:
        raise NotImplementedError

    def message_template_arns(self) -> str:
        """``arn:<partition>:wisdom:<region>:<account>:message-template/<kb id>/*``."""
        return Stack.of(self).format_arn(
            service="wisdom",
            resource="message-template",
            resource_name=f"{self.knowledge_base_id}/*",
            arn_format=ArnFormat.SLASH_RESOURCE_NAME,
        )

    def grant(self, grantee: iam.IGrantable, *actions: str) -> iam.Grant:
        """Grant ``actions`` on this knowledge base and its message templates (and their
        versions), and nothing else; with the knowledge base's KMS key (when this app knows
        it), the key permissions Amazon Q in Connect requires of "the IAM identity using the
        key to invoke Amazon Q in Connect": ``kms:CreateGrant``, ``kms:DescribeKey``,
        ``kms:Decrypt`` and ``kms:GenerateDataKey*`` (``qconnect`` API reference,
        ``CreateKnowledgeBase``'s ``serverSideEncryptionConfiguration``)."""
        grant = iam.Grant.add_to_principal(
            grantee=grantee,
            actions=list(actions),
            resource_arns=[self.knowledge_base_arn, self.message_template_arns()],
        )
        key = getattr(self, "encryption_key", None)
        if key is not None:
            key.grant(grantee, *KEY_ACTIONS)
        return grant

    def grant_read(self, grantee: iam.IGrantable) -> iam.Grant:
        """Grant reading and listing the knowledge base's templates and versions."""
        return self.grant(grantee, *READ_ACTIONS)

    def grant_render(self, grantee: iam.IGrantable) -> iam.Grant:
        """Grant ``RenderMessageTemplate`` on the knowledge base's templates."""
        return self.grant(grantee, *RENDER_ACTIONS)


class _ImportedKnowledgeBase(_KnowledgeBaseBase):
    def __init__(self, scope: Construct, id: str, *, kb_id: str, arn: str) -> None:
        super().__init__(scope, id, environment_from_arn=arn)
        self._id = kb_id
        self._arn = arn

    @property
    def knowledge_base_id(self) -> str:
        return self._id

    @property
    def knowledge_base_arn(self) -> str:
        return self._arn


@checked_props
class MessageTemplateKnowledgeBase(_KnowledgeBaseBase):
    """The knowledge base that holds Amazon Q in Connect message templates
    (``AWS::Wisdom::KnowledgeBase``, type ``MESSAGE_TEMPLATES``, construct id ``Resource``).

    Encrypted with a customer managed KMS key (a new one with rotation, unless one is given;
    the grants include the key permissions Q in Connect requires of its callers, and an
    association lets ``connect.amazonaws.com`` use a key the construct created);
    associated with an Amazon Connect instance (``AWS::Connect::IntegrationAssociation`` of type
    ``Q_MESSAGE_TEMPLATES``, id ``Association``) when ``instance`` is given, which is what
    lets the instance's outbound campaigns and agents use the templates. CloudFormation
    replaces a knowledge base whose name, description, key or tags change (all
    ``createOnlyProperties`` of the schema), and its templates with it.

    Example::

        kb = MessageTemplateKnowledgeBase(self, "Templates", instance=instance)
        EmailMessageTemplate(self, "Welcome", knowledge_base=kb, subject="Hi", text="Hello")
    """

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        knowledge_base_name: str | None = None,
        description: str | None = None,
        encryption_key: kms.IKey | None = None,
        instance: ConnectInstanceLike | None = None,
        tags: Mapping[str, str] | None = None,
        removal_policy: RemovalPolicy = RemovalPolicy.DESTROY,
    ) -> None:
        """
        :param knowledge_base_name: The name (see :data:`NAME_RULE`). Default: generated from
            the construct path.
        :param description: A description (same rule). Default: none.
        :param encryption_key: The KMS key that encrypts the templates. Default: a new customer
            managed key with yearly rotation.
        :param instance: The Amazon Connect instance to associate the knowledge base with
            (an ``IConnectInstance``). Default: none (no association).
        :param tags: Tags for the knowledge base (and the association). Default: none.
        :param removal_policy: What happens to the knowledge base (and a key it creates) when
            it leaves the stack. Default: ``DESTROY`` (templates are code).
        """
        check_name("knowledge_base_name", knowledge_base_name)
        check_name("description", description)
        if instance is not None and not isinstance(instance, ConnectInstanceLike):
            raise TypeError(
                "instance must be an Amazon Connect instance (IConnectInstance, with an "
                f"instance_arn), got {type(instance).__name__}: {instance!r}"
            )
        super().__init__(scope, id)
        name = knowledge_base_name or Names.unique_resource_name(
            self, max_length=NAME_MAX_LENGTH, allowed_special_characters="-_."
        )
        self.encryption_key: kms.IKey = encryption_key or kms.Key(
            self,
            "Key",
            description=f"Encrypts the Amazon Q in Connect message templates of {self.node.path}",
            enable_key_rotation=True,
            removal_policy=removal_policy,
        )
        """The KMS key that encrypts the templates."""
        self._resource = wisdom.CfnKnowledgeBase(
            self,
            "Resource",
            knowledge_base_type="MESSAGE_TEMPLATES",
            name=name,
            description=description,
            server_side_encryption_configuration=wisdom.CfnKnowledgeBase.ServerSideEncryptionConfigurationProperty(
                kms_key_id=self.encryption_key.key_arn
            ),
        )
        self._resource.apply_removal_policy(removal_policy)
        check_tags("tags", tags)
        for key, value in (tags or {}).items():
            Tags.of(self).add(key, value)
        self.association: connect.CfnIntegrationAssociation | None = None
        """The association with the Connect instance, if one was given."""
        if instance is not None:
            self._allow_connect(self.encryption_key)
            self.association = connect.CfnIntegrationAssociation(
                self,
                "Association",
                instance_id=instance.instance_arn,
                integration_type="Q_MESSAGE_TEMPLATES",
                integration_arn=self._resource.attr_knowledge_base_arn,
            )

    def _allow_connect(self, key: kms.IKey) -> None:
        """Let Amazon Connect use a key this construct created, for the instance it is
        associated with: "the key policy must also allow kms:Decrypt, kms:GenerateDataKey*,
        and kms:DescribeKey permissions to the connect.amazonaws.com service principal"
        (``qconnect`` API reference, ``serverSideEncryptionConfiguration``). A given key's
        policy is its owner's to write."""
        if not isinstance(key, kms.Key):
            return
        key.add_to_resource_policy(
            iam.PolicyStatement(
                sid="AllowAmazonConnect",
                principals=[iam.ServicePrincipal("connect.amazonaws.com")],
                actions=["kms:Decrypt", "kms:DescribeKey", *KEY_ACTIONS[3:]],
                resources=["*"],
                conditions={"StringEquals": {"aws:SourceAccount": Stack.of(self).account}},
            )
        )

    @property
    def knowledge_base_id(self) -> str:
        """The knowledge base's ID."""
        return str(self._resource.attr_knowledge_base_id)

    @property
    def knowledge_base_arn(self) -> str:
        """The knowledge base's ARN."""
        return str(self._resource.attr_knowledge_base_arn)

    @staticmethod
    def from_knowledge_base_arn(
        scope: Construct, id: str, knowledge_base_arn: str
    ) -> IMessageTemplateKnowledgeBase:
        """Import a knowledge base by its ARN
        (``arn:<partition>:wisdom:<region>:<account>:knowledge-base/<id>``)."""
        require_str("knowledge_base_arn", knowledge_base_arn, optional=False)
        if is_unresolved(knowledge_base_arn):
            kb_id = (
                Stack.of(scope)
                .split_arn(knowledge_base_arn, ArnFormat.SLASH_RESOURCE_NAME)
                .resource_name
            )
        else:
            match = re.fullmatch(
                r"arn:[a-z-]+:wisdom:[a-z0-9-]+:[0-9]{12}:knowledge-base/(" + _KB_ID.pattern + ")",
                knowledge_base_arn,
            )
            if match is None:
                raise ValueError(
                    "knowledge_base_arn must be a knowledge base ARN "
                    "(arn:<partition>:wisdom:<region>:<account>:knowledge-base/<uuid>), got "
                    f"{knowledge_base_arn!r}"
                )
            kb_id = match.group(1)
        return _ImportedKnowledgeBase(scope, id, kb_id=str(kb_id), arn=knowledge_base_arn)

    @staticmethod
    def from_knowledge_base_id(
        scope: Construct, id: str, knowledge_base_id: str
    ) -> IMessageTemplateKnowledgeBase:
        """Import a knowledge base of this stack's account and region by its ID (a UUID)."""
        require_str("knowledge_base_id", knowledge_base_id, optional=False)
        if not is_unresolved(knowledge_base_id) and not _KB_ID.fullmatch(knowledge_base_id):
            raise ValueError(
                f"knowledge_base_id must be a lowercase UUID, got {knowledge_base_id!r}"
            )
        arn = Stack.of(scope).format_arn(
            service="wisdom",
            resource="knowledge-base",
            resource_name=knowledge_base_id,
            arn_format=ArnFormat.SLASH_RESOURCE_NAME,
        )
        return _ImportedKnowledgeBase(scope, id, kb_id=knowledge_base_id, arn=arn)


__all__ = [
    "MANAGE_ACTIONS",
    "READ_ACTIONS",
    "RENDER_ACTIONS",
    "ConnectInstanceLike",
    "IMessageTemplateKnowledgeBase",
    "MessageTemplateKnowledgeBase",
]
