"""Message templates for Amazon Pinpoint: constructs, synth-time Handlebars checks, the
Handlebars engine and Pinpoint's helpers.

- ``EmailTemplate``, ``SmsTemplate``, ``PushTemplate``, ``InAppTemplate``, ``VoiceTemplate``:
  the constructs;
- ``parse``/``render`` (Handlebars as handlebars.js 4.7) and ``parse_pinpoint``/
  ``render_pinpoint`` (with the helpers Pinpoint supports, ``SUPPORTED_HELPERS``);
- ``python -m pinpoint_constructs.preview``: render a template against a sample endpoint.
"""

from ..handlebars import (
    BUILTIN_HELPERS,
    DOCUMENTED_HELPERS,
    KNOWN_HELPERS,
    NULL_CONTEXT,
    PINPOINT_HELPERS,
    SUPPORTED_HELPERS,
    UNDEFINED,
    HandlebarsError,
    HandlebarsRuntimeError,
    HandlebarsSyntaxError,
    Helper,
    HelperOptions,
    Reference,
    SafeString,
    Template,
    create_frame,
    escape_expression,
    js_to_string,
    js_truthy,
    parse,
    parse_pinpoint,
    pinpoint_helpers,
    render,
    render_pinpoint,
)
from ._common import TEMPLATE_MISSING_DEFAULT_WARNING, TemplateBase
from ._content import (
    EMAIL_TEMPLATE_MAX_LENGTH,
    PUSH_ANDROID_MAX_LENGTH,
    PUSH_APNS_MAX_LENGTH,
    PUSH_DEFAULT_MAX_LENGTH,
    SMS_BODY_MAX_LENGTH,
    TEMPLATE_NAME_MAX_LENGTH,
    add_ses_no_track,
    flatten_substitutions,
)
from .base import ITemplate, TemplateType
from .email import EmailTemplate
from .in_app import (
    IN_APP_MAX_MESSAGES,
    InAppButton,
    InAppButtonAction,
    InAppButtonOverride,
    InAppLayout,
    InAppMessage,
    InAppTemplate,
    TextAlignment,
)
from .push import AndroidPushMessage, ApnsPushMessage, PushAction, PushMessage, PushTemplate
from .sms import SmsTemplate
from .voice import VOICE_TEMPLATE_RESOURCE_TYPE, VoiceTemplate

__all__ = [
    "BUILTIN_HELPERS",
    "DOCUMENTED_HELPERS",
    "EMAIL_TEMPLATE_MAX_LENGTH",
    "IN_APP_MAX_MESSAGES",
    "KNOWN_HELPERS",
    "NULL_CONTEXT",
    "PINPOINT_HELPERS",
    "PUSH_ANDROID_MAX_LENGTH",
    "PUSH_APNS_MAX_LENGTH",
    "PUSH_DEFAULT_MAX_LENGTH",
    "SMS_BODY_MAX_LENGTH",
    "SUPPORTED_HELPERS",
    "TEMPLATE_MISSING_DEFAULT_WARNING",
    "TEMPLATE_NAME_MAX_LENGTH",
    "UNDEFINED",
    "VOICE_TEMPLATE_RESOURCE_TYPE",
    "AndroidPushMessage",
    "ApnsPushMessage",
    "EmailTemplate",
    "HandlebarsError",
    "HandlebarsRuntimeError",
    "HandlebarsSyntaxError",
    "Helper",
    "HelperOptions",
    "ITemplate",
    "InAppButton",
    "InAppButtonAction",
    "InAppButtonOverride",
    "InAppLayout",
    "InAppMessage",
    "InAppTemplate",
    "PushAction",
    "PushMessage",
    "PushTemplate",
    "Reference",
    "SafeString",
    "SmsTemplate",
    "Template",
    "TemplateBase",
    "TemplateType",
    "TextAlignment",
    "VoiceTemplate",
    "add_ses_no_track",
    "create_frame",
    "escape_expression",
    "flatten_substitutions",
    "js_to_string",
    "js_truthy",
    "parse",
    "parse_pinpoint",
    "pinpoint_helpers",
    "render",
    "render_pinpoint",
]
