"""Email and SMS message templates on Amazon Q in Connect (``AWS::Wisdom::MessageTemplate``),
each with the published version a campaign sends (``AWS::Wisdom::MessageTemplateVersion``)."""

from __future__ import annotations

import enum
import hashlib
import json
import os
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Final, Protocol

from aws_cdk import Annotations, IResource, Names, Resource, Stack, Tags
from aws_cdk import aws_wisdom as wisdom
from constructs import Construct

from ..._profile_mapping import EndpointProfileMapping
from ..._props import checked_props
from ..._validation import (
    check_length,
    check_tags,
    is_unresolved,
    require_bool,
    require_non_empty,
    require_str,
)
from ...scale import CFN_MAX_TEMPLATE_BYTES
from ._attributes import UNCONFIRMED_HELPER_WARNING, attribute_member, check_connect_handlebars
from ._conversion import ConvertedTemplate, convert_response, convert_template
from .knowledge_base import NAME_MAX_LENGTH, IMessageTemplateKnowledgeBase, check_name

if TYPE_CHECKING:
    from ...pinpoint.templates import EmailTemplate, SmsTemplate


class MessageTemplateChannel(enum.Enum):
    """A message template's channel subtype (``ChannelSubtype`` of the ``qconnect`` model)."""

    EMAIL = "EMAIL"
    SMS = "SMS"
    PUSH = "PUSH"
    WHATSAPP = "WHATSAPP"


class IMessageTemplate(IResource, Protocol):
    """An Amazon Q in Connect message template."""

    @property
    def message_template_arn(self) -> str:
        """The template's unqualified ARN."""
        ...

    @property
    def message_template_id(self) -> str:
        """The template's ID."""
        ...

    @property
    def knowledge_base(self) -> IMessageTemplateKnowledgeBase:
        """The knowledge base that holds it."""
        ...

    @property
    def channel_subtype(self) -> MessageTemplateChannel:
        """Its channel."""
        ...

    @property
    def version_arn(self) -> str:
        """The qualified ARN of the published version a campaign or journey sends (never
        ``$LATEST``)."""
        ...


#: The id of the warning for a conversion from Pinpoint that renders alike only for some
#: recipients, or a Pinpoint name without a documented successor.
MESSAGE_TEMPLATE_CONVERSION_WARNING: Final = "pinpoint-constructs:connectTemplateConversion"

#: Email header limits of ``AWS::Wisdom::MessageTemplate`` (``EmailMessageTemplateHeader``:
#: name 1-126 characters ``^[!-9;-@A-~]+$``, value 1-870 printable ASCII; at most 15 headers,
#: as the ``qconnect`` model's ``EmailHeaders`` list).
MAX_HEADERS: Final = 15
HEADER_NAME_MAX_LENGTH: Final = 126
HEADER_VALUE_MAX_LENGTH: Final = 870
_HEADER_NAME: Final = re.compile(r"[!-9;-@A-~]+")
_HEADER_VALUE: Final = re.compile(r"[ -~]*")
#: ``LanguageCode`` of the model: 2 to 5 characters (``en_US``).
_LANGUAGE: Final = re.compile(r"[A-Za-z_-]{2,5}")


@checked_props
class MessageTemplateBase(Resource):
    """What the Q in Connect template constructs share (they implement ``IMessageTemplate``)."""

    CHANNEL: ClassVar[MessageTemplateChannel]

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        knowledge_base: IMessageTemplateKnowledgeBase,
        message_template_name: str | None,
        description: str | None,
        tags: Mapping[str, str] | None,
    ) -> None:
        if not hasattr(knowledge_base, "knowledge_base_arn"):
            raise TypeError(
                "knowledge_base must be an IMessageTemplateKnowledgeBase, got "
                f"{type(knowledge_base).__name__}: {knowledge_base!r}"
            )
        check_name("message_template_name", message_template_name)
        check_name("description", description)
        super().__init__(scope, id)
        self._knowledge_base = knowledge_base
        self._name = message_template_name or Names.unique_resource_name(
            self, max_length=NAME_MAX_LENGTH, allowed_special_characters="-_."
        )
        check_tags("tags", tags)
        for key, value in (tags or {}).items():
            Tags.of(self).add(key, value)
        self._arn = ""
        self._id = ""
        self._version_arn = ""

    @property
    def _label(self) -> str:
        name = self.node.path if is_unresolved(self._name) else self._name
        return f"{type(self).__name__} {name!r}"

    @property
    def message_template_name(self) -> str:
        """The template's name."""
        return self._name

    @property
    def message_template_arn(self) -> str:
        """The template's unqualified ARN."""
        return self._arn

    @property
    def message_template_id(self) -> str:
        """The template's ID."""
        return self._id

    @property
    def knowledge_base(self) -> IMessageTemplateKnowledgeBase:
        """The knowledge base that holds the template."""
        return self._knowledge_base

    @property
    def channel_subtype(self) -> MessageTemplateChannel:
        """The template's channel."""
        return self.CHANNEL

    @property
    def version_arn(self) -> str:
        """The qualified ARN (``...:<number>``) of the version published from this content."""
        return self._version_arn

    def _check(self, fields: Sequence[tuple[str, str | None]], validate: bool) -> None:
        require_bool("validate_handlebars", validate)
        if not validate:
            return
        literal = [
            (name, src) for name, src in fields if src is not None and not is_unresolved(src)
        ]
        _, findings = check_connect_handlebars(self._label, literal)
        for finding in findings:
            Annotations.of(self).add_warning_v2(UNCONFIRMED_HELPER_WARNING, finding.message)

    def _publish(
        self,
        content: wisdom.CfnMessageTemplate.ContentProperty,
        defaults: Any,
        description: str | None,
        language: str | None,
    ) -> None:
        """Create the template (the L1, id ``Resource``) with ``content``, keep its ARN and
        ID, and create the version of this content: its construct id carries a hash of the
        content, so a change publishes a new version (and CloudFormation deletes the old one
        once everything that sends it was updated)."""
        _check_content_size({"content": content, "defaults": defaults, "language": language})
        resource = wisdom.CfnMessageTemplate(
            self,
            "Resource",
            knowledge_base_arn=self._knowledge_base.knowledge_base_arn,
            channel_subtype=self.CHANNEL.value,
            name=self._name,
            description=description,
            language=language,
            content=content,
            default_attributes=defaults,
        )
        self._resource: Any = resource
        self._arn = str(resource.attr_message_template_arn)
        self._id = str(resource.attr_message_template_id)
        digest = hashlib.sha256(
            json.dumps(
                Stack.of(self).resolve(
                    {"content": content, "defaults": defaults, "language": language}
                ),
                sort_keys=True,
                default=str,
            ).encode()
        ).hexdigest()[:12]
        self.version = wisdom.CfnMessageTemplateVersion(
            self, f"Version{digest}", message_template_arn=self._arn
        )
        """The ``AWS::Wisdom::MessageTemplateVersion`` of the current content."""
        self._version_arn = str(self.version.attr_message_template_version_arn)

    @classmethod
    def from_message_template_arn(
        cls, scope: Construct, id: str, message_template_arn: str, *, version_number: int
    ) -> IMessageTemplate:
        """Import a template of this channel by its unqualified ARN
        (``arn:<partition>:wisdom:<region>:<account>:message-template/<kb id>/<id>``) and the
        number of the published version to send (``version_arn`` is ``<arn>:<number>``)."""
        require_str("message_template_arn", message_template_arn, optional=False)
        if isinstance(version_number, bool) or not isinstance(version_number, int):
            raise TypeError(f"version_number must be an int, got {version_number!r}")
        if version_number < 1:
            raise ValueError(f"version_number must be at least 1, got {version_number}")
        match = _TEMPLATE_ARN.fullmatch(message_template_arn)
        if match is None:
            raise ValueError(
                "message_template_arn must be an unqualified message template ARN "
                "(arn:<partition>:wisdom:<region>:<account>:message-template/<kb id>/<id>), got "
                f"{message_template_arn!r}"
            )
        from .knowledge_base import MessageTemplateKnowledgeBase

        kb_arn = f"{match.group('prefix')}knowledge-base/{match.group('kb')}"
        imported = _ImportedTemplate(scope, id, arn=message_template_arn)
        imported._knowledge_base = MessageTemplateKnowledgeBase.from_knowledge_base_arn(
            imported, "KnowledgeBase", kb_arn
        )
        imported._id = match.group("id")
        imported._channel = cls.CHANNEL
        imported._version_arn = f"{message_template_arn}:{version_number}"
        return imported

    def _notes(self, converted: ConvertedTemplate) -> None:
        for note in converted.notes:
            text = f"{self._label} converted from Pinpoint: {note}"
            if note.exact:
                Annotations.of(self).add_info(text)
            else:
                Annotations.of(self).add_warning_v2(MESSAGE_TEMPLATE_CONVERSION_WARNING, text)


_UUID: Final = r"[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}"
_TEMPLATE_ARN: Final = re.compile(
    rf"(?P<prefix>arn:[a-z-]+:wisdom:[a-z0-9-]+:[0-9]{{12}}:)message-template/"
    rf"(?P<kb>{_UUID})/(?P<id>{_UUID})"
)


class _ImportedTemplate(Resource):
    def __init__(self, scope: Construct, id: str, *, arn: str) -> None:
        super().__init__(scope, id, environment_from_arn=arn)
        self._arn = arn
        self._id = ""
        self._version_arn = ""
        self._channel = MessageTemplateChannel.EMAIL
        self._knowledge_base: IMessageTemplateKnowledgeBase | None = None

    @property
    def message_template_arn(self) -> str:
        return self._arn

    @property
    def message_template_id(self) -> str:
        return self._id

    @property
    def knowledge_base(self) -> IMessageTemplateKnowledgeBase:
        assert self._knowledge_base is not None
        return self._knowledge_base

    @property
    def channel_subtype(self) -> MessageTemplateChannel:
        return self._channel

    @property
    def version_arn(self) -> str:
        return self._version_arn


def default_attributes_property(
    prop: str, value: Mapping[str, str] | None
) -> wisdom.CfnMessageTemplate.MessageTemplateAttributesProperty | None:
    """Default values by placeholder (``{"Attributes.Customer.FirstName": "there"}``) as the
    L1's ``DefaultAttributes``."""
    if not value:
        return None
    if not isinstance(value, Mapping):
        raise TypeError(f"{prop} must be a dict of placeholders to values, got {value!r}")
    customer: dict[str, Any] = {}
    custom_profile: dict[str, str] = {}
    agent: dict[str, str] = {}
    system: dict[str, Any] = {}
    custom: dict[str, str] = {}
    for name, default in value.items():
        require_non_empty(f"{prop}[{name!r}]", default, optional=False)
        member = attribute_member(tuple(str(name).split(".")))
        if member is None:
            raise ValueError(
                f"{prop} has {name!r}, which is not a single-value placeholder a template can "
                "default (Attributes.Customer.<field>, Attributes.Customer.Attributes.<key>, "
                "Attributes.Agent.*, Attributes.System.* or Attributes.Custom.<key>)"
            )
        group, rest = member[0], member[1:]
        if group == "customerProfileAttributes":
            if rest[0] == "custom":
                custom_profile[rest[1]] = default
            elif rest[0] == "calculatedAttributes":
                raise ValueError(
                    f"{prop} has {name!r}: CloudFormation can't default calculated attributes"
                )
            else:
                customer[_snake(rest[0])] = default
        elif group == "agentAttributes":
            agent[_snake(rest[0])] = default
        elif group == "systemAttributes":
            if len(rest) == 2:
                system[_snake(rest[0])] = (
                    wisdom.CfnMessageTemplate.SystemEndpointAttributesProperty(address=default)
                )
            else:
                system[_snake(rest[0])] = default
        elif group == "customAttributes":
            custom[rest[0]] = default
        else:
            raise ValueError(f"{prop} has {name!r}: CloudFormation can't default case attributes")
    if custom_profile:
        customer["custom"] = custom_profile
    return wisdom.CfnMessageTemplate.MessageTemplateAttributesProperty(
        customer_profile_attributes=(
            wisdom.CfnMessageTemplate.CustomerProfileAttributesProperty(**customer)
            if customer
            else None
        ),
        agent_attributes=(
            wisdom.CfnMessageTemplate.AgentAttributesProperty(**agent) if agent else None
        ),
        system_attributes=(
            wisdom.CfnMessageTemplate.SystemAttributesProperty(**system) if system else None
        ),
        custom_attributes=custom or None,
    )


def _snake(member: str) -> str:
    """A model member as the L1's keyword: ``firstName`` -> ``first_name``,
    ``profileARN`` -> ``profile_arn``."""
    return re.sub(r"[A-Z]+", lambda match: "_" + match.group().lower(), member)


def placeholders_of(attributes: Mapping[str, Any]) -> dict[str, str]:
    """Converted default attributes (``MessageTemplateAttributes``) back to placeholders."""
    from ._attributes import (
        AGENT_FIELDS,
        CUSTOMER_MAPS,
        CUSTOMER_PROFILE_FIELDS,
        SYSTEM_FIELDS,
        TOP_MAPS,
        flatten_attributes,
    )

    reverse: dict[tuple[str, ...], str] = {}
    for name, member in CUSTOMER_PROFILE_FIELDS.items():
        reverse[("customerProfileAttributes", member)] = f"Attributes.Customer.{name}"
    for name, member in AGENT_FIELDS.items():
        reverse[("agentAttributes", member)] = f"Attributes.Agent.{name}"
    for name, members in SYSTEM_FIELDS.items():
        if members:
            reverse[("systemAttributes", *members)] = f"Attributes.System.{name}"
    result: dict[str, str] = {}
    for path, value in flatten_attributes(attributes):
        if path in reverse:
            result[reverse[path]] = value
        elif path[0] == "customerProfileAttributes" and len(path) == 3:
            group = next(k for k, v in CUSTOMER_MAPS.items() if v == path[1])
            result[f"Attributes.Customer.{group}.{path[2]}"] = value
        elif path[0] in TOP_MAPS.values():
            group = next(k for k, v in TOP_MAPS.items() if v == path[0])
            result[f"Attributes.{group}.{path[1]}"] = value
    return result


def _read_file(prop: str, path: str | os.PathLike[str] | None) -> str | None:
    if path is None:
        return None
    try:
        return Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ValueError(f"{prop} {os.fspath(path)!r} does not exist") from None
    except (IsADirectoryError, PermissionError, UnicodeDecodeError) as error:
        raise ValueError(f"{prop} {os.fspath(path)!r} cannot be read: {error}") from None


def _one_of(prop: str, text: str | None, file: str | os.PathLike[str] | None) -> str | None:
    require_str(prop, text)
    if text is not None and file is not None:
        raise ValueError(f"give {prop} or {prop}_file, not both")
    return text if file is None else _read_file(f"{prop}_file", file)


def _check_language(language: str | None) -> None:
    require_str("language", language)
    if language is not None and not is_unresolved(language) and not _LANGUAGE.fullmatch(language):
        raise ValueError(
            f"language must be a language code of 2 to 5 characters such as 'en_US', got "
            f"{language!r}"
        )


def _headers(headers: Mapping[str, str] | None) -> list[Any]:
    if headers is None:
        return []
    if not isinstance(headers, Mapping):
        raise TypeError(f"headers must be a dict of header names to values, got {headers!r}")
    if len(headers) > MAX_HEADERS:
        raise ValueError(f"headers can have at most {MAX_HEADERS} entries, got {len(headers)}")
    result = []
    for name, value in headers.items():
        require_non_empty("headers name", name, optional=False)
        require_non_empty(f"headers[{name!r}]", value, optional=False)
        check_length("headers name", name, HEADER_NAME_MAX_LENGTH)
        check_length(f"headers[{name!r}]", value, HEADER_VALUE_MAX_LENGTH)
        if not is_unresolved(name) and not _HEADER_NAME.fullmatch(name):
            raise ValueError(
                f"headers name must be printable ASCII without spaces or ':', got {name!r}"
            )
        if not is_unresolved(value) and not _HEADER_VALUE.fullmatch(value):
            raise ValueError(f"headers[{name!r}] must be printable ASCII, got {value!r}")
        result.append(
            wisdom.CfnMessageTemplate.EmailMessageTemplateHeaderProperty(name=name, value=value)
        )
    return result


def _body(text: str | None) -> Any:
    if text is None:
        return None
    return wisdom.CfnMessageTemplate.MessageTemplateBodyContentProviderProperty(content=text)


@checked_props
class EmailMessageTemplate(MessageTemplateBase):
    """An email message template on Amazon Q in Connect (``AWS::Wisdom::MessageTemplate``,
    construct id ``Resource``), with the version of its content (``version_arn``).

    The subject and the HTML and text parts are Handlebars templates, checked at synth: a
    syntax error, the ``with`` helper (which Connect does not support), an unknown helper or a
    placeholder outside what a Connect template can read raises ``ValueError`` naming the
    template, the part, the line and the column; a Pinpoint helper that Connect's
    documentation does not confirm gets a warning (``UNCONFIRMED_HELPER_WARNING``).

    Example::

        EmailMessageTemplate(self, "Welcome",
            knowledge_base=kb,
            subject="Welcome, {{Attributes.Customer.FirstName}}",
            html_file="templates/welcome.html",
            default_attributes={"Attributes.Customer.FirstName": "there"},
        )
    """

    CHANNEL = MessageTemplateChannel.EMAIL

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        knowledge_base: IMessageTemplateKnowledgeBase,
        subject: str,
        html: str | None = None,
        html_file: str | os.PathLike[str] | None = None,
        text: str | None = None,
        text_file: str | os.PathLike[str] | None = None,
        headers: Mapping[str, str] | None = None,
        language: str | None = None,
        default_attributes: Mapping[str, str] | None = None,
        message_template_name: str | None = None,
        description: str | None = None,
        validate_handlebars: bool = True,
        tags: Mapping[str, str] | None = None,
    ) -> None:
        """
        :param knowledge_base: The ``MESSAGE_TEMPLATES`` knowledge base that holds it.
        :param subject: The subject line (a Handlebars template).
        :param html: The HTML part. Default: none (give ``html``, ``html_file``, ``text`` or
            ``text_file``).
        :param html_file: A UTF-8 file with the HTML part, read at synth. Default: none.
        :param text: The plain-text part. Default: none.
        :param text_file: A UTF-8 file with the plain-text part. Default: none.
        :param headers: Email headers by name (at most 15; names 1-126 printable ASCII
            characters without ``:``, values 1-870). Default: none.
        :param language: The template's language code (``en_US``). Default: none.
        :param default_attributes: Default values by placeholder
            (``{"Attributes.Customer.FirstName": "there"}``), used when a recipient has no
            value. Default: none (a missing value leaves the placeholder as written).
        :param message_template_name: The name (1-255 characters, see ``NAME_RULE``).
            Default: generated from the construct path.
        :param description: A description (same rule). Default: none.
        :param validate_handlebars: Check the Handlebars at synth. Default: ``True``.
        :param tags: Tags for the template. Default: none.
        """
        require_non_empty("subject", subject, optional=False)
        html = _one_of("html", html, html_file)
        text = _one_of("text", text, text_file)
        _check_language(language)
        super().__init__(
            scope,
            id,
            knowledge_base=knowledge_base,
            message_template_name=message_template_name,
            description=description,
            tags=tags,
        )
        if not html and not text:
            raise ValueError(f"{self._label} needs a body: give html, html_file, text or text_file")
        self._check([("subject", subject), ("html", html), ("text", text)], validate_handlebars)
        self.subject = subject
        """The subject line."""
        self.html_part = html
        """The HTML part."""
        self.text_part = text
        """The plain-text part."""
        defaults = default_attributes_property("default_attributes", default_attributes)
        content = wisdom.CfnMessageTemplate.ContentProperty(
            email_message_template_content=wisdom.CfnMessageTemplate.EmailMessageTemplateContentProperty(
                subject=subject,
                body=wisdom.CfnMessageTemplate.EmailMessageTemplateContentBodyProperty(
                    html=_body(html), plain_text=_body(text)
                ),
                headers=_headers(headers),
            )
        )
        self._publish(content, defaults, description, language)

    @classmethod
    def from_pinpoint(
        cls,
        scope: Construct,
        id: str,
        *,
        knowledge_base: IMessageTemplateKnowledgeBase,
        template: EmailTemplate | Mapping[str, Any],
        message_template_name: str | None = None,
        description: str | None = None,
        language: str | None = None,
        tags: Mapping[str, str] | None = None,
        profile_mapping: EndpointProfileMapping | None = None,
    ) -> EmailMessageTemplate:
        """The Connect template of a Pinpoint email template: an ``EmailTemplate`` construct,
        or the JSON of ``aws pinpoint get-email-template``. Every attribute reference is
        rewritten to its successor (see ``PINPOINT_SUCCESSORS``); a reference without one
        raises ``ValueError``, and each rewrite worth knowing about is an info or (when it
        renders alike only for some recipients) a warning (``MESSAGE_TEMPLATE_CONVERSION_WARNING``).

        :param message_template_name: Default: the Pinpoint template's name.
        :param description: Default: the Pinpoint template's description, if any.
        :param profile_mapping: Where the migrated profiles hold each endpoint field: the
            endpoint object type's ``profile_mapping``. Default: user attributes as custom
            attributes of the same name, the template's channel.
        """
        converted = _convert(template, "EMAIL", profile_mapping)
        made = cls(
            scope,
            id,
            knowledge_base=knowledge_base,
            subject=converted.fields.get("subject") or "",
            html=converted.fields.get("html"),
            text=converted.fields.get("text"),
            language=language,
            default_attributes=placeholders_of(converted.default_attributes),
            message_template_name=message_template_name or converted.name,
            description=description or converted.description,
            tags=tags,
        )
        made._notes(converted)
        return made


@checked_props
class SmsMessageTemplate(MessageTemplateBase):
    """An SMS message template on Amazon Q in Connect (``AWS::Wisdom::MessageTemplate``,
    construct id ``Resource``), with the version of its content (``version_arn``); its body is
    checked at synth as ``EmailMessageTemplate`` checks its parts.

    Example::

        SmsMessageTemplate(self, "Offer",
            knowledge_base=kb,
            body="{{Attributes.Customer.FirstName}}, 20% off this week.",
        )
    """

    CHANNEL = MessageTemplateChannel.SMS

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        knowledge_base: IMessageTemplateKnowledgeBase,
        body: str | None = None,
        body_file: str | os.PathLike[str] | None = None,
        language: str | None = None,
        default_attributes: Mapping[str, str] | None = None,
        message_template_name: str | None = None,
        description: str | None = None,
        validate_handlebars: bool = True,
        tags: Mapping[str, str] | None = None,
    ) -> None:
        """
        :param knowledge_base: The ``MESSAGE_TEMPLATES`` knowledge base that holds it.
        :param body: The message text (a Handlebars template); give ``body`` or ``body_file``.
        :param body_file: A UTF-8 file with the message text. Default: none.
        :param language: The template's language code (``en_US``). Default: none.
        :param default_attributes: Default values by placeholder. Default: none.
        :param message_template_name: The name. Default: generated from the construct path.
        :param description: A description. Default: none.
        :param validate_handlebars: Check the Handlebars at synth. Default: ``True``.
        :param tags: Tags for the template. Default: none.
        """
        body = _one_of("body", body, body_file)
        require_non_empty("body", body, optional=False)
        _check_language(language)
        super().__init__(
            scope,
            id,
            knowledge_base=knowledge_base,
            message_template_name=message_template_name,
            description=description,
            tags=tags,
        )
        self._check([("body", body)], validate_handlebars)
        self.body = body
        """The message text."""
        defaults = default_attributes_property("default_attributes", default_attributes)
        content = wisdom.CfnMessageTemplate.ContentProperty(
            sms_message_template_content=wisdom.CfnMessageTemplate.SmsMessageTemplateContentProperty(
                body=wisdom.CfnMessageTemplate.SmsMessageTemplateContentBodyProperty(
                    plain_text=_body(body)
                )
            )
        )
        self._publish(content, defaults, description, language)

    @classmethod
    def from_pinpoint(
        cls,
        scope: Construct,
        id: str,
        *,
        knowledge_base: IMessageTemplateKnowledgeBase,
        template: SmsTemplate | Mapping[str, Any],
        message_template_name: str | None = None,
        description: str | None = None,
        language: str | None = None,
        tags: Mapping[str, str] | None = None,
        profile_mapping: EndpointProfileMapping | None = None,
    ) -> SmsMessageTemplate:
        """The Connect template of a Pinpoint SMS template (an ``SmsTemplate`` construct, or
        the JSON of ``aws pinpoint get-sms-template``), converted as
        ``EmailMessageTemplate.from_pinpoint`` converts email (``profile_mapping`` alike)."""
        converted = _convert(template, "SMS", profile_mapping)
        made = cls(
            scope,
            id,
            knowledge_base=knowledge_base,
            body=converted.fields.get("body"),
            language=language,
            default_attributes=placeholders_of(converted.default_attributes),
            message_template_name=message_template_name or converted.name,
            description=description or converted.description,
            tags=tags,
        )
        made._notes(converted)
        return made


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [] if is_unresolved(value) else [value]
    if isinstance(value, Mapping):
        return [text for item in value.values() for text in _strings(item)]
    if isinstance(value, list | tuple):
        return [text for item in value for text in _strings(item)]
    values = getattr(value, "_values", None)  # an L1 property struct
    return _strings(values) if isinstance(values, Mapping) else []


def _check_content_size(content: Mapping[str, Any]) -> None:
    """Refuse content that can't deploy. Amazon Q in Connect documents no size limit for a
    template's content (botocore ``qconnect`` model: ``NonEmptyUnlimitedString``, at least one
    character; WhatsApp ``data`` at most 6,000, checked where it is given), so the limit that
    applies is CloudFormation's: a template body read from Amazon S3 is at most 1 MB ("AWS
    CloudFormation quotas", AWS CloudFormation User Guide), and the content is a property of
    this resource in it (its strings as JSON writes them in UTF-8, quotes and escapes included)."""
    size = sum(len(json.dumps(text, ensure_ascii=False).encode()) for text in _strings(content))
    if size > CFN_MAX_TEMPLATE_BYTES:
        raise ValueError(
            "the template's content (subject, body, default attributes) must fit in a "
            f"CloudFormation template body, at most {CFN_MAX_TEMPLATE_BYTES:,} bytes as JSON "
            f"(CloudFormation quotas; Amazon Q in Connect documents no content limit), got "
            f"{size:,} bytes"
        )


def _convert(
    template: Any, kind: str, mapping: EndpointProfileMapping | None = None
) -> ConvertedTemplate:
    """A Pinpoint template construct or ``get-*-template`` JSON, converted."""
    if isinstance(template, Mapping):
        converted = convert_response(template, mapping)
        if converted.kind != kind:
            raise ValueError(
                f"template must be a Pinpoint {kind} template, got a {converted.kind} template"
            )
        return converted
    template_type = getattr(template, "template_type", None)
    if getattr(template_type, "value", None) != kind:
        raise TypeError(
            f"template must be a Pinpoint {kind} template construct or the JSON of "
            f"get-{kind.lower()}-template, got {type(template).__name__}"
        )
    cfn = template.node.default_child
    raw_defaults = getattr(cfn, "default_substitutions", None)
    defaults = json.loads(raw_defaults) if isinstance(raw_defaults, str) else {}
    name = template.template_name
    label = f"{type(template).__name__} {name!r}"
    if kind == "EMAIL":
        fields = {
            "subject": template.subject,
            "html": template.html_part,
            "text": template.text_part,
        }
    else:
        fields = {"body": template.body}
    return convert_template(
        kind,
        fields,
        defaults,
        label=label,
        name=None if is_unresolved(name) else name,
        description=getattr(cfn, "template_description", None),
        mapping=mapping,
    )


__all__ = [
    "MESSAGE_TEMPLATE_CONVERSION_WARNING",
    "EmailMessageTemplate",
    "IMessageTemplate",
    "MessageTemplateBase",
    "MessageTemplateChannel",
    "SmsMessageTemplate",
    "default_attributes_property",
]
