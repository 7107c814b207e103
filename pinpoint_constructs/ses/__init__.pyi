"""The public names of ``pinpoint_constructs.ses`` and the modules they live in.

Type checkers read this stub; ``__init__.py`` reads it at import time and imports each name
on first use (see ``pinpoint_constructs._lazy``)."""

from .contact_list import (
    MANAGE_CONTACTS_ACTIONS,
    MAX_TOPICS,
    READ_CONTACTS_ACTIONS,
    ContactList,
    ContactListBase,
    IContactList,
    SubscriptionStatus,
    Topic,
)
from .handlebars import (
    PINPOINT_ONLY_HELPERS,
    SES_HELPERS,
    SesConversion,
    Unrenderable,
    check_ses_handlebars,
    convert_pinpoint_email,
    ses_problems,
)
from .template import (
    TEMPLATE_MAX_BYTES,
    ISesEmailTemplate,
    SesEmailTemplate,
    SesEmailTemplateBase,
)

__all__ = [
    "MANAGE_CONTACTS_ACTIONS",
    "MAX_TOPICS",
    "PINPOINT_ONLY_HELPERS",
    "READ_CONTACTS_ACTIONS",
    "SES_HELPERS",
    "TEMPLATE_MAX_BYTES",
    "ContactList",
    "ContactListBase",
    "IContactList",
    "ISesEmailTemplate",
    "SesConversion",
    "SesEmailTemplate",
    "SesEmailTemplateBase",
    "SubscriptionStatus",
    "Topic",
    "Unrenderable",
    "check_ses_handlebars",
    "convert_pinpoint_email",
    "ses_problems",
]
