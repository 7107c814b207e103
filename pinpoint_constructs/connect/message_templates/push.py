"""Push and WhatsApp message templates on Amazon Q in Connect. CloudFormation's
``AWS::Wisdom::MessageTemplate`` has email and SMS content only, so these go through a custom
resource (``Custom::QConnectMessageTemplate``, the ``handlers/qconnect_templates`` function on
the stack's provider), which creates the template, publishes and activates the version of its
content, updates it in place and deletes it."""

from __future__ import annotations

import enum
import json
import re
import weakref
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any, Final

from aws_cdk import CustomResource, Duration, Stack
from constructs import Construct

from ..._lambda import HandlerProvider, acknowledge_wildcard_resource
from ..._profile_mapping import EndpointProfileMapping
from ..._props import checked_props
from ..._validation import check_length, is_unresolved, require_enum, require_non_empty
from ._attributes import attribute_member, nest
from ._conversion import ConvertedTemplate, convert_response, convert_template
from .knowledge_base import MANAGE_ACTIONS, IMessageTemplateKnowledgeBase
from .templates import (
    MessageTemplateBase,
    MessageTemplateChannel,
    _check_content_size,
    _check_language,
    placeholders_of,
)

if TYPE_CHECKING:
    from ...pinpoint.templates import PushTemplate

#: Construct id of the stack's provider.
PROVIDER_ID = "QConnectMessageTemplateProvider"
#: The custom resource's type.
RESOURCE_TYPE = "Custom::QConnectMessageTemplate"
#: At most a handful of synchronous calls per request, each retried adaptively.
HANDLER_TIMEOUT = Duration.minutes(2)
#: Memory in MiB (I/O-bound; enough CPU for boto3's start-up).
HANDLER_MEMORY_MB = 256
#: ``WhatsAppMessageTemplateContentData`` of the ``qconnect`` model: 1 to 6,000 characters.
WHATSAPP_DATA_MAX_LENGTH: Final = 6000
#: ``WhatsAppMessageTemplateComponent``: 1 to 5,000 characters each.
WHATSAPP_COMPONENT_MAX_LENGTH: Final = 5000
_WABA: Final = re.compile(r"waba-[0-9a-zA-Z]+|arn:.*:waba/[0-9a-zA-Z]+")
_WHATSAPP_TEMPLATE_ID: Final = re.compile(r"[0-9]{1,100}")

_GRANTED: weakref.WeakKeyDictionary[HandlerProvider, set[str]] = weakref.WeakKeyDictionary()


class PushMessageAction(enum.Enum):
    """What tapping a push notification does (``PushMessageAction`` of the model)."""

    OPEN_APP = "OPEN_APP"
    DEEP_LINK = "DEEP_LINK"
    URL = "URL"


@checked_props
@dataclass(frozen=True, kw_only=True)
class PushContent:
    """The content of a push template for one platform (the model's
    ``Push{APNS,FCM,ADM,Baidu}MessageTemplateContent``).

    :param title: The title (Handlebars). Default: none.
    :param body: The message text (Handlebars). Default: none.
    :param action: What a tap does. Default: none (the service's default).
    :param url: The URL or deep link for ``URL``/``DEEP_LINK``. Default: none.
    :param sound: The sound to play. Default: none.
    :param media_url: APNs only: an image or video URL. Default: none.
    :param image_url: FCM, ADM and Baidu: an image URL. Default: none.
    :param image_icon_url: FCM, ADM and Baidu: the large icon's URL. Default: none.
    :param small_image_icon_url: FCM, ADM and Baidu: the small icon's URL. Default: none.
    :param raw_content: The raw JSON payload, which overrides the other fields. Default: none.
    """

    title: str | None = None
    body: str | None = None
    action: PushMessageAction | None = None
    url: str | None = None
    sound: str | None = None
    media_url: str | None = None
    image_url: str | None = None
    image_icon_url: str | None = None
    small_image_icon_url: str | None = None
    raw_content: str | None = None

    def __post_init__(self) -> None:
        for item in fields(self):
            if item.name != "action":
                require_non_empty(item.name, getattr(self, item.name))
        if self.action is not None:
            object.__setattr__(
                self, "action", require_enum("action", self.action, PushMessageAction)
            )
        if self.title is None and self.body is None and self.raw_content is None:
            raise ValueError("PushContent needs a title, a body or raw_content")

    def request(self, platform: str) -> dict[str, Any]:
        """The API's content for ``platform`` (``apns``, ``fcm``, ``adm``, ``baidu``)."""
        apns_only, android_only = (
            ("media_url",),
            ("image_url", "image_icon_url", "small_image_icon_url"),
        )
        refused = android_only if platform == "apns" else apns_only
        for name in refused:
            if getattr(self, name) is not None:
                raise ValueError(f"{platform} content can't have {name} (the model has none)")
        result: dict[str, Any] = {}
        for item in fields(self):
            value = getattr(self, item.name)
            if value is None:
                continue
            key = re.sub(r"_([a-z])", lambda match: match.group(1).upper(), item.name)
            if item.name in ("body", "raw_content"):
                result[key] = {"content": value}
            elif item.name == "action":
                result[key] = value.value
            else:
                result[key] = value
        return result

    def handlebars_fields(self, platform: str) -> list[tuple[str, str | None]]:
        """The parts that are Handlebars templates, named for error messages."""
        return [
            (f"{platform}.title", self.title),
            (f"{platform}.body", self.body),
            (f"{platform}.raw_content", self.raw_content),
        ]


def _provider(scope: Construct) -> HandlerProvider:
    return HandlerProvider.of(
        scope,
        PROVIDER_ID,
        handler_package="qconnect_templates",
        description="Amazon Q in Connect push and WhatsApp message templates",
        timeout=HANDLER_TIMEOUT,
        memory_size=HANDLER_MEMORY_MB,
    )


def _allow(provider: HandlerProvider, knowledge_base: IMessageTemplateKnowledgeBase) -> None:
    """Let the handler manage templates of ``knowledge_base`` (once per knowledge base)."""
    granted = _GRANTED.setdefault(provider, set())
    key = Stack.of(provider).resolve(knowledge_base.knowledge_base_arn)
    marker = json.dumps(key, sort_keys=True)
    if marker in granted:
        return
    granted.add(marker)
    knowledge_base.grant(provider.on_event.role, *MANAGE_ACTIONS, "wisdom:UntagResource")
    acknowledge_wildcard_resource(
        provider.on_event.role,
        knowledge_base.message_template_arns(),
        "The handler creates the knowledge base's templates, whose IDs the service assigns: "
        "only the knowledge base part of the ARN is known in advance",
    )


def _defaults_json(prop: str, value: Mapping[str, str] | None) -> dict[str, Any] | None:
    if not value:
        return None
    flat = []
    for name, default in value.items():
        require_non_empty(f"{prop}[{name!r}]", default, optional=False)
        member = attribute_member(tuple(str(name).split(".")))
        if member is None:
            raise ValueError(
                f"{prop} has {name!r}, which is not a single-value placeholder a template can "
                "default"
            )
        flat.append((member, default))
    return nest(flat)


class _CustomTemplate(MessageTemplateBase):
    def _create(self, properties: Mapping[str, Any], knowledge_base: Any) -> None:
        # The content is a JSON string inside the custom resource's properties: its size as
        # the template writes it, escapes included, must fit the template body.
        _check_content_size({"content": json.dumps(properties.get("Content"))})
        provider = _provider(self)
        _allow(provider, knowledge_base)
        stack = Stack.of(self)
        # The API's structures go as JSON strings (CloudFormation would stringify their
        # numbers and booleans); Tags stays a map of strings.
        props = {
            key: (
                stack.to_json_string(value)
                if key != "Tags" and isinstance(value, dict | list)
                else value
            )
            for key, value in properties.items()
            if value is not None
        }
        resource = CustomResource(
            self,
            "Resource",
            service_token=provider.service_token,
            resource_type=RESOURCE_TYPE,
            properties=props,
        )
        resource.node.add_dependency(provider.on_event.role)
        self._resource = resource
        self._arn = resource.ref
        self._id = resource.get_att_string("MessageTemplateId")
        self._version_arn = resource.get_att_string("VersionArn")


@checked_props
class PushMessageTemplate(_CustomTemplate):
    """A push message template on Amazon Q in Connect, with content per platform (APNs, FCM,
    ADM, Baidu, as the ``qconnect`` model has them), through a custom resource that creates it,
    publishes and activates the version of its content (``version_arn``), updates and deletes
    it. The titles, bodies and raw content are checked at synth as email templates are.

    Example::

        PushMessageTemplate(self, "Offer",
            knowledge_base=kb,
            fcm=PushContent(title="Hi {{Attributes.Customer.FirstName}}", body="20% off"),
        )
    """

    CHANNEL = MessageTemplateChannel.PUSH

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        knowledge_base: IMessageTemplateKnowledgeBase,
        apns: PushContent | None = None,
        fcm: PushContent | None = None,
        adm: PushContent | None = None,
        baidu: PushContent | None = None,
        language: str | None = None,
        default_attributes: Mapping[str, str] | None = None,
        message_template_name: str | None = None,
        description: str | None = None,
        validate_handlebars: bool = True,
        tags: Mapping[str, str] | None = None,
    ) -> None:
        """
        :param apns: The APNs (iOS) content. Default: none.
        :param fcm: The FCM (Android) content. Default: none.
        :param adm: The Amazon Device Messaging content. Default: none.
        :param baidu: The Baidu content. Default: none. Give at least one platform.
        :param language: The template's language code. Default: none.
        :param default_attributes: Default values by placeholder. Default: none.
        :param message_template_name: The name. Default: generated from the construct path.
        :param description: A description. Default: none.
        :param validate_handlebars: Check the Handlebars at synth. Default: ``True``.
        :param tags: Tags for the template. Default: none.
        """
        platforms = {"apns": apns, "fcm": fcm, "adm": adm, "baidu": baidu}
        for name, content in platforms.items():
            if content is not None and not isinstance(content, PushContent):
                raise TypeError(f"{name} must be a PushContent, got {type(content).__name__}")
        given = {name: content for name, content in platforms.items() if content is not None}
        if not given:
            raise ValueError("a PushMessageTemplate needs content for apns, fcm, adm or baidu")
        _check_language(language)
        super().__init__(
            scope,
            id,
            knowledge_base=knowledge_base,
            message_template_name=message_template_name,
            description=description,
            tags=tags,
        )
        self._check(
            [part for name, content in given.items() for part in content.handlebars_fields(name)],
            validate_handlebars,
        )
        self.content = given
        """The content by platform."""
        self._create(
            {
                "KnowledgeBaseId": knowledge_base.knowledge_base_id,
                "Name": self._name,
                "ChannelSubtype": self.CHANNEL.value,
                "Content": {"push": {name: c.request(name) for name, c in given.items()}},
                "DefaultAttributes": _defaults_json("default_attributes", default_attributes),
                "Language": language,
                "Description": description,
                "Tags": dict(tags) if tags else None,
            },
            knowledge_base,
        )

    @classmethod
    def from_pinpoint(
        cls,
        scope: Construct,
        id: str,
        *,
        knowledge_base: IMessageTemplateKnowledgeBase,
        template: PushTemplate | Mapping[str, Any],
        message_template_name: str | None = None,
        description: str | None = None,
        tags: Mapping[str, str] | None = None,
        profile_mapping: EndpointProfileMapping | None = None,
    ) -> PushMessageTemplate:
        """The Connect template of a Pinpoint push template (a ``PushTemplate`` construct or
        the JSON of ``aws pinpoint get-push-template``). Pinpoint's ``Default`` section, which
        it sends to every platform without a section of its own, becomes each such platform's
        content (Connect has no default section); ``GCM`` becomes ``fcm``.

        :param profile_mapping: Where the migrated profiles hold each endpoint field: the
            endpoint object type's ``profile_mapping`` (a push template's ``OptOut`` and
            ``EndpointStatus`` need its channel). Default: user attributes as custom
            attributes of the same name, no channel.
        """
        converted = _convert_push(template, profile_mapping)
        platforms: dict[str, PushContent] = {}
        for platform in ("apns", "fcm", "adm", "baidu"):
            values: dict[str, Any] = {}
            for section in ("default", platform):
                for key, value in converted.fields.items():
                    head, _, part = key.partition(".")
                    if head == section:
                        values[part] = value
            if not values:
                continue
            if platform == "apns":
                for name in ("image_url", "image_icon_url", "small_image_icon_url"):
                    values.pop(name, None)
            else:
                values.pop("media_url", None)
            if "action" in values:
                values["action"] = PushMessageAction(values["action"])
            platforms[platform] = PushContent(**values)
        made = cls(
            scope,
            id,
            knowledge_base=knowledge_base,
            default_attributes=placeholders_of(converted.default_attributes),
            message_template_name=message_template_name or converted.name,
            description=description or converted.description,
            tags=tags,
            apns=platforms.get("apns"),
            fcm=platforms.get("fcm"),
            adm=platforms.get("adm"),
            baidu=platforms.get("baidu"),
        )
        made._notes(converted)
        return made


def _convert_push(
    template: Any, mapping: EndpointProfileMapping | None = None
) -> ConvertedTemplate:
    if isinstance(template, Mapping):
        converted = convert_response(template, mapping)
        if converted.kind != "PUSH":
            raise ValueError(f"template must be a Pinpoint PUSH template, got {converted.kind}")
        return converted
    sections = getattr(template, "sections", None)
    if getattr(getattr(template, "template_type", None), "value", None) != "PUSH" or not sections:
        raise TypeError(
            "template must be a Pinpoint PushTemplate construct or the JSON of "
            f"get-push-template, got {type(template).__name__}"
        )
    field_values: dict[str, str | None] = {}
    for section, message in sections.items():
        for item in fields(message):
            value = getattr(message, item.name)
            if value is None:
                continue
            field_values[f"{section}.{item.name}"] = value.value if item.name == "action" else value
    cfn = template.node.default_child
    raw_defaults = getattr(cfn, "default_substitutions", None)
    defaults = json.loads(raw_defaults) if isinstance(raw_defaults, str) else {}
    name = template.template_name
    return convert_template(
        "PUSH",
        field_values,
        defaults,
        label=f"PushTemplate {name!r}",
        name=None if is_unresolved(name) else name,
        description=getattr(cfn, "template_description", None),
        mapping=mapping,
    )


@checked_props
class WhatsAppMessageTemplate(_CustomTemplate):
    """A WhatsApp message template on Amazon Q in Connect, made from a WhatsApp template of a
    WhatsApp Business Account (AWS End User Messaging Social), through the same custom
    resource as ``PushMessageTemplate`` (with its version, ``version_arn``).

    Example::

        WhatsAppMessageTemplate(self, "Reminder",
            knowledge_base=kb,
            business_account_id="waba-1234567890abcdef",
            template_id="1234567890",
        )
    """

    CHANNEL = MessageTemplateChannel.WHATSAPP

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        knowledge_base: IMessageTemplateKnowledgeBase,
        business_account_id: str,
        template_id: str,
        components: Sequence[str] | None = None,
        data: str | None = None,
        language: str | None = None,
        default_attributes: Mapping[str, str] | None = None,
        message_template_name: str | None = None,
        description: str | None = None,
        tags: Mapping[str, str] | None = None,
    ) -> None:
        """
        :param business_account_id: The WhatsApp Business Account: ``waba-<id>`` or its ARN.
        :param template_id: The WhatsApp template's ID (digits).
        :param components: The template's components to use (each 1-5,000 characters).
            Default: none.
        :param data: The template's data (``content.whatsApp.data``, 1-6,000 characters).
            Default: none.
        :param language: The template's language code. Default: none.
        :param default_attributes: Default values by placeholder. Default: none.
        :param message_template_name: The name. Default: generated from the construct path.
        :param description: A description. Default: none.
        :param tags: Tags for the template. Default: none.
        """
        require_non_empty("business_account_id", business_account_id, optional=False)
        require_non_empty("template_id", template_id, optional=False)
        if not is_unresolved(business_account_id) and not _WABA.fullmatch(business_account_id):
            raise ValueError(
                "business_account_id must be waba-<letters and digits> or a WhatsApp Business "
                f"Account ARN, got {business_account_id!r}"
            )
        if not is_unresolved(template_id) and not _WHATSAPP_TEMPLATE_ID.fullmatch(template_id):
            raise ValueError(f"template_id must be 1 to 100 digits, got {template_id!r}")
        for component in components or ():
            require_non_empty("components", component, optional=False)
            check_length("components", component, WHATSAPP_COMPONENT_MAX_LENGTH)
        require_non_empty("data", data)
        check_length("data", data, WHATSAPP_DATA_MAX_LENGTH)
        _check_language(language)
        super().__init__(
            scope,
            id,
            knowledge_base=knowledge_base,
            message_template_name=message_template_name,
            description=description,
            tags=tags,
        )
        source: dict[str, Any] = {
            "whatsApp": {"businessAccountId": business_account_id, "templateId": template_id}
        }
        if components:
            source["whatsApp"]["components"] = list(components)
        self._create(
            {
                "KnowledgeBaseId": knowledge_base.knowledge_base_id,
                "Name": self._name,
                "ChannelSubtype": self.CHANNEL.value,
                "Content": {"whatsApp": {"data": data}} if data else None,
                "SourceConfiguration": source,
                "DefaultAttributes": _defaults_json("default_attributes", default_attributes),
                "Language": language,
                "Description": description,
                "Tags": dict(tags) if tags else None,
            },
            knowledge_base,
        )


__all__ = [
    "PushContent",
    "PushMessageAction",
    "PushMessageTemplate",
    "WhatsAppMessageTemplate",
]
