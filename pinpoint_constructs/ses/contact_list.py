"""SES contact lists and their topics (``AWS::SES::ContactList``): list management, so SES
adds the unsubscribe headers and honours each contact's topic preferences."""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from typing import Final, Protocol

import jsii
from aws_cdk import IResource, Names, Resource, Stack, Tags, Token
from aws_cdk import aws_iam as iam
from aws_cdk import aws_ses as ses
from constructs import Construct, IConstruct, IValidation

from .._props import checked_props
from .._validation import check_length, require_enum, require_instance, require_str
from ._common import SES_NAME_MAX_LENGTH, check_ses_name, grant_ses, ses_arn, ses_name_of

#: A contact list has at most 20 topics (schema ``Topics``: ``maxItems`` 20; "Using list
#: management", SES Developer Guide: "A list can have a maximum of 20 topics").
MAX_TOPICS: Final = 20
#: Most characters of a list's or a topic's description (schema ``Description``: 500).
DESCRIPTION_MAX_LENGTH: Final = 500
#: Most characters of a topic's display name (schema ``Topic.DisplayName``: 128).
DISPLAY_NAME_MAX_LENGTH: Final = 128

#: The contact actions a manager of a list's contacts needs, all authorized on the
#: ``contact-list`` resource (Service Authorization Reference, Amazon Simple Email Service v2).
MANAGE_CONTACTS_ACTIONS: Final = (
    "ses:CreateContact",
    "ses:DeleteContact",
    "ses:GetContact",
    "ses:ListContacts",
    "ses:UpdateContact",
)
#: The contact actions that only read.
READ_CONTACTS_ACTIONS: Final = ("ses:GetContact", "ses:ListContacts")


class SubscriptionStatus(enum.Enum):
    """A topic's default for contacts that set no preference (API ``SubscriptionStatus``)."""

    OPT_IN = "OPT_IN"
    OPT_OUT = "OPT_OUT"


@checked_props
class Topic:
    """A topic of a contact list: an interest a contact subscribes to or not.

    :param topic_name: 1 to 64 letters, digits, underscores or hyphens (schema
        ``Topic.TopicName``), unique in the list; the ``TopicName`` of ``ListManagementOptions``.
    :param display_name: The name recipients see on the subscription page, at most 128
        characters (schema ``Topic.DisplayName``).
    :param default_subscription_status: What a contact without a preference gets.
    :param description: At most 500 characters. Default: none.
    """

    def __init__(
        self,
        *,
        topic_name: str,
        display_name: str,
        default_subscription_status: SubscriptionStatus,
        description: str | None = None,
    ) -> None:
        require_str("topic_name", topic_name, optional=False)
        check_ses_name("topic_name", topic_name)
        require_str("display_name", display_name, optional=False)
        check_length("display_name", display_name, DISPLAY_NAME_MAX_LENGTH, minimum=0)
        self.default_subscription_status = require_enum(
            "default_subscription_status", default_subscription_status, SubscriptionStatus
        )
        require_str("description", description)
        check_length("description", description, DESCRIPTION_MAX_LENGTH, minimum=0)
        self.topic_name = topic_name
        self.display_name = display_name
        self.description = description

    def _render(self) -> ses.CfnContactList.TopicProperty:
        return ses.CfnContactList.TopicProperty(
            topic_name=self.topic_name,
            display_name=self.display_name,
            default_subscription_status=self.default_subscription_status.value,
            description=self.description,
        )


class IContactList(IResource, Protocol):
    """A contact list, defined in this app or imported."""

    @property
    def contact_list_name(self) -> str:
        """The list's name (``ContactListName`` of ``ListManagementOptions``)."""
        ...

    @property
    def contact_list_arn(self) -> str:
        """``arn:<partition>:ses:<region>:<account>:contact-list/<name>``."""
        ...

    def grant(self, grantee: iam.IGrantable, *actions: str) -> iam.Grant:
        """Grant ``actions`` (``ses:`` names) on this contact list."""
        ...

    def grant_manage_contacts(self, grantee: iam.IGrantable) -> iam.Grant:
        """Grant creating, reading, updating, listing and deleting this list's contacts."""
        ...

    def grant_read_contacts(self, grantee: iam.IGrantable) -> iam.Grant:
        """Grant ``ses:GetContact`` and ``ses:ListContacts`` on this list."""
        ...


class ContactListBase(Resource):
    """Grants of contact lists, defined here or imported."""

    @property
    def contact_list_name(self) -> str:
        raise NotImplementedError

    @property
    def contact_list_arn(self) -> str:
        raise NotImplementedError

    def grant(self, grantee: iam.IGrantable, *actions: str) -> iam.Grant:
        """Grant ``actions`` (``ses:`` names) on exactly this contact list's ARN."""
        return grant_ses(grantee, actions, [self.contact_list_arn])

    def grant_manage_contacts(self, grantee: iam.IGrantable) -> iam.Grant:
        """Grant ``MANAGE_CONTACTS_ACTIONS`` (``ses:CreateContact``, ``ses:DeleteContact``,
        ``ses:GetContact``, ``ses:ListContacts``, ``ses:UpdateContact``) on this list only."""
        return self.grant(grantee, *MANAGE_CONTACTS_ACTIONS)

    def grant_read_contacts(self, grantee: iam.IGrantable) -> iam.Grant:
        """Grant ``ses:GetContact`` and ``ses:ListContacts`` on this list only."""
        return self.grant(grantee, *READ_CONTACTS_ACTIONS)


class _ImportedContactList(ContactListBase):
    def __init__(self, scope: Construct, id: str, *, name: str, arn: str) -> None:
        super().__init__(scope, id, environment_from_arn=arn)
        self._name = name
        self._arn = arn

    @property
    def contact_list_name(self) -> str:
        return self._name

    @property
    def contact_list_arn(self) -> str:
        return self._arn


@checked_props
class ContactList(ContactListBase):
    """The account's SES contact list (``AWS::SES::ContactList``, construct id ``Resource``),
    with its topics.

    SES allows **one contact list per AWS account** ("Using list management", SES Developer
    Guide: "Only one contact list is allowed per AWS account"). An app that defines two in
    stacks of the same account fails at synth (an app-level validation, so it sees every
    stack; stacks without an explicit account count as one account). An account that already
    has its list imports it: :meth:`from_contact_list_name`.

    Sending with ``ListManagementOptions`` (``ContactListName`` and ``TopicName``) makes SES
    add the unsubscribe headers and links and skip contacts who opted out of the topic.

    Example::

        contact_list = ContactList(self, "Contacts",
            topics=[
                Topic(topic_name="offers", display_name="Offers and promotions",
                      default_subscription_status=SubscriptionStatus.OPT_OUT),
            ],
        )
        contact_list.grant_manage_contacts(signup_function)
    """

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        contact_list_name: str | None = None,
        topics: Sequence[Topic] = (),
        description: str | None = None,
        tags: Mapping[str, str] | None = None,
    ) -> None:
        """
        :param contact_list_name: 1 to 64 letters, digits, underscores or hyphens (schema
            ``ContactListName``). Changing it replaces the list, and its contacts with it.
            Default: a name derived from the construct path.
        :param topics: At most 20, with distinct names. Default: none.
        :param description: At most 500 characters. Default: none.
        :param tags: Tags for the list. Default: none.
        """
        super().__init__(scope, id)
        require_str("contact_list_name", contact_list_name)
        check_ses_name("contact_list_name", contact_list_name)
        require_str("description", description)
        check_length("description", description, DESCRIPTION_MAX_LENGTH, minimum=0)
        topics = list(topics)
        for index, topic in enumerate(topics):
            require_instance(f"topics[{index}]", topic, Topic)
        if len(topics) > MAX_TOPICS:
            raise ValueError(
                f"topics: a contact list has at most {MAX_TOPICS} topics, got {len(topics)}"
            )
        names = [topic.topic_name for topic in topics]
        repeated = sorted({name for name in names if names.count(name) > 1})
        if repeated:
            raise ValueError(f"topics must have distinct names, got {repeated} more than once")
        name = contact_list_name or Names.unique_resource_name(
            self, max_length=SES_NAME_MAX_LENGTH, separator="-"
        )
        self.topics: tuple[Topic, ...] = tuple(topics)
        """The list's topics."""
        self._resource = ses.CfnContactList(
            self,
            "Resource",
            contact_list_name=name,
            description=description,
            topics=[topic._render() for topic in topics] or None,
        )
        for key, value in (tags or {}).items():
            Tags.of(self._resource).add(key, value)
        self._name = name
        self._arn = ses_arn(self, "contact-list", name)
        _register_one_per_account(self)

    @property
    def contact_list_name(self) -> str:
        return self._name

    @property
    def contact_list_arn(self) -> str:
        return self._arn

    def topic(self, topic_name: str) -> Topic:
        """The topic named ``topic_name``; ``ValueError`` naming the list's topics if none is."""
        for topic in self.topics:
            if topic.topic_name == topic_name:
                return topic
        raise ValueError(
            f"topic_name must be a topic of {self.node.path} "
            f"({', '.join(t.topic_name for t in self.topics) or 'it has none'}), got {topic_name!r}"
        )

    @staticmethod
    def from_contact_list_name(scope: Construct, id: str, contact_list_name: str) -> IContactList:
        """Import the contact list of this stack's account and region by its name."""
        check_ses_name("contact_list_name", contact_list_name)
        arn = ses_arn(scope, "contact-list", contact_list_name)
        return _ImportedContactList(scope, id, name=contact_list_name, arn=arn)

    @staticmethod
    def from_contact_list_arn(scope: Construct, id: str, contact_list_arn: str) -> IContactList:
        """Import a contact list by its ARN (``...:ses:<region>:<account>:contact-list/<name>``)."""
        name = ses_name_of("contact_list_arn", contact_list_arn, "contact-list")
        return _ImportedContactList(scope, id, name=name, arn=contact_list_arn)


_VALIDATION_ID: Final = "pinpoint-constructs.OneContactListPerAccount"


def _account_of(contact_list: ContactList) -> str:
    account = Stack.of(contact_list).account
    return "an unresolved account" if Token.is_unresolved(account) else f"account {account}"


@jsii.implements(IValidation)
class _OneContactListPerAccount:
    """Refuses two contact lists in one account, anywhere in the app (synth time)."""

    def __init__(self, root: IConstruct) -> None:
        self._root = root

    def validate(self) -> list[str]:
        by_account: dict[str, list[str]] = {}
        for construct in self._root.node.find_all():
            if isinstance(construct, ContactList):
                by_account.setdefault(_account_of(construct), []).append(construct.node.path)
        return [
            f"SES allows one contact list per AWS account ('Using list management', SES "
            f"Developer Guide); {where} has {len(paths)}: {', '.join(paths)}. Keep one (its "
            "topics can serve every program) and import it elsewhere with "
            "ContactList.from_contact_list_name"
            for where, paths in sorted(by_account.items())
            if len(paths) > 1
        ]


def _register_one_per_account(contact_list: ContactList) -> None:
    """Add the validation to the app (the construct tree's root) once."""
    root = contact_list.node.root
    if root.node.try_find_child(_VALIDATION_ID) is None:
        # A marker child, so the validation is added once however many lists there are.
        Construct(root, _VALIDATION_ID)  # type: ignore[arg-type] # the root is a Construct
        root.node.add_validation(_OneContactListPerAccount(root))


__all__ = [
    "DESCRIPTION_MAX_LENGTH",
    "DISPLAY_NAME_MAX_LENGTH",
    "MANAGE_CONTACTS_ACTIONS",
    "MAX_TOPICS",
    "READ_CONTACTS_ACTIONS",
    "ContactList",
    "ContactListBase",
    "IContactList",
    "SubscriptionStatus",
    "Topic",
]
