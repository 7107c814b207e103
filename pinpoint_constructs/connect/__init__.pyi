"""Amazon Connect constructs: instance pieces, Q in Connect message templates, outbound
campaigns and journeys."""

from .message_templates import (
    MESSAGE_TEMPLATE_CONVERSION_WARNING,
    EmailMessageTemplate,
    IMessageTemplate,
    IMessageTemplateKnowledgeBase,
    MessageTemplateChannel,
    MessageTemplateKnowledgeBase,
    PushContent,
    PushMessageAction,
    PushMessageTemplate,
    SmsMessageTemplate,
    WhatsAppMessageTemplate,
)

__all__ = [
    "MESSAGE_TEMPLATE_CONVERSION_WARNING",
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
]
