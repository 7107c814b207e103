"""Amazon Q in Connect message templates: the successor of Pinpoint's message templates.

- :class:`MessageTemplateKnowledgeBase`: the ``MESSAGE_TEMPLATES`` knowledge base (KMS key,
  association with a Connect instance, grants);
- :class:`EmailMessageTemplate`, :class:`SmsMessageTemplate` (CloudFormation), each with the
  version a campaign sends (``version_arn``), and ``from_pinpoint`` conversions;
- the Handlebars check against what a Connect template can read, and the conversion of
  Pinpoint templates (``convert_response``, ``convert_template``), without CDK.
"""

from ._attributes import (
    UNCONFIRMED_HELPER_WARNING,
    check_connect_handlebars,
    connect_context,
)
from ._conversion import (
    PINPOINT_SUCCESSORS,
    ConversionNote,
    ConvertedTemplate,
    convert_response,
    convert_template,
    equivalent_attributes,
    merge_attributes,
    profile_attributes,
)
from .knowledge_base import (
    IMessageTemplateKnowledgeBase,
    MessageTemplateKnowledgeBase,
)
from .push import (
    PushContent,
    PushMessageAction,
    PushMessageTemplate,
    WhatsAppMessageTemplate,
)
from .templates import (
    MESSAGE_TEMPLATE_CONVERSION_WARNING,
    EmailMessageTemplate,
    IMessageTemplate,
    MessageTemplateChannel,
    SmsMessageTemplate,
)

__all__ = [
    "MESSAGE_TEMPLATE_CONVERSION_WARNING",
    "PINPOINT_SUCCESSORS",
    "UNCONFIRMED_HELPER_WARNING",
    "ConversionNote",
    "ConvertedTemplate",
    "EmailMessageTemplate",
    "IMessageTemplate",
    "IMessageTemplateKnowledgeBase",
    "MessageTemplateChannel",
    "MessageTemplateKnowledgeBase",
    "PushContent",
    "PushMessageAction",
    "PushMessageTemplate",
    "SmsMessageTemplate",
    "WhatsAppMessageTemplate",
    "check_connect_handlebars",
    "connect_context",
    "convert_response",
    "convert_template",
    "equivalent_attributes",
    "merge_attributes",
    "profile_attributes",
]
