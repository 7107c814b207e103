"""The template renderer without Pinpoint: a Lambda function that renders message templates
with the library's Handlebars engine and sends them through SES and AWS End User Messaging,
for an Amazon Connect outbound campaign's custom action ("render it yourself in a Lambda").

It runs the same handler as :class:`~pinpoint_constructs.TemplateRenderingChannel`
(``handlers/template_renderer``); only where templates and recipients come from differ:
templates from SES, Amazon Q in Connect or files shipped with the function
(:class:`RenderingTemplates`), recipients from the custom action's customer profiles.
"""

from __future__ import annotations

import enum
import json
import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Final

from aws_cdk import ArnFormat, Duration, Stack
from aws_cdk import aws_iam as iam
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_logs as logs
from aws_cdk import aws_ses as ses
from constructs import Construct

from .._lambda import DEFAULT_LOG_RETENTION, HandlerFunction
from .._validation import check_email_address, is_unresolved, require_enum, require_instance
from ..handlebars import HandlebarsSyntaxError, parse_pinpoint
from ..ses._common import check_ses_name

if TYPE_CHECKING:
    from ..ses import IContactList, ISesEmailTemplate
    from ..sms_voice import IConfigurationSet, IOriginationIdentity

#: Function timeout and memory: as the Pinpoint channel's renderer (a batch of profiles,
#: rendered on CPU, sent concurrently).
RENDERING_FUNCTION_TIMEOUT = Duration.seconds(30)
RENDERING_FUNCTION_MEMORY_MB = 1024

#: A Q in Connect message template ARN (``arn:<partition>:wisdom:<region>:<account>:
#: message-template/<knowledge base id>/<template id>``; Service Authorization Reference,
#: Amazon Q in Connect, resource type ``message-template``).
_MESSAGE_TEMPLATE_ARN: Final = re.compile(
    r"arn:aws[a-z-]*:wisdom:[a-z0-9-]+:\d{12}:message-template/([0-9a-f-]{36})/([0-9a-f-]{36})"
)
_FILE_NAME: Final = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,127}")


class RenderingChannel(enum.Enum):
    """The channel a rendering function sends on."""

    EMAIL = "EMAIL"
    SMS = "SMS"


class _Kind(enum.Enum):
    SES = "ses"
    QCONNECT = "qconnect"
    FILES = "files"


class RenderingTemplates:
    """The templates a :class:`TemplateRenderingFunction` may use, and where they come from.
    Use the factories."""

    def __init__(
        self,
        kind: _Kind,
        names: dict[str, list[str]],
        *,
        arns: Sequence[str] = (),
        knowledge_base_id: str | None = None,
        directory: Path | None = None,
    ) -> None:
        self._kind = kind
        self._names = names
        self._arns = list(arns)
        self._knowledge_base_id = knowledge_base_id
        self._directory = directory

    @staticmethod
    def ses(*templates: ISesEmailTemplate) -> RenderingTemplates:
        """SES email templates (fetched with SES v2 ``GetEmailTemplate``, rendered by the
        function, so Pinpoint's helpers work too)."""
        if not templates:
            raise ValueError("RenderingTemplates.ses needs at least one template, got none")
        return RenderingTemplates(
            _Kind.SES,
            {"EMAIL": [t.template_name for t in templates]},
            arns=[t.template_arn for t in templates],
        )

    @staticmethod
    def q_connect(
        *, message_template_arns: Sequence[str], channel: RenderingChannel
    ) -> RenderingTemplates:
        """Amazon Q in Connect message templates of one knowledge base (``GetMessageTemplate``;
        a custom action names a template by its id).

        :param message_template_arns: The templates' ARNs
            (``...:message-template/<knowledge base id>/<template id>``), all of one
            knowledge base.
        :param channel: Whether they are email or SMS templates.
        """
        require_enum("channel", channel, RenderingChannel)
        arns = list(message_template_arns)
        if not arns:
            raise ValueError("message_template_arns needs at least one ARN, got none")
        ids: list[str] = []
        bases: set[str] = set()
        for arn in arns:
            match = _MESSAGE_TEMPLATE_ARN.fullmatch(arn) if not is_unresolved(arn) else None
            if match is None:
                raise ValueError(
                    "message_template_arns must be Q in Connect message template ARNs "
                    "(arn:aws:wisdom:<region>:<account>:message-template/<knowledge base id>/"
                    f"<template id>), got {arn!r}"
                )
            bases.add(match.group(1))
            ids.append(match.group(2))
        if len(bases) > 1:
            raise ValueError(
                f"message_template_arns must share one knowledge base, got {sorted(bases)}"
            )
        return RenderingTemplates(
            _Kind.QCONNECT,
            {channel.value: ids},
            arns=arns,
            knowledge_base_id=bases.pop(),
        )

    @staticmethod
    def files(directory: str | os.PathLike[str]) -> RenderingTemplates:
        """Templates shipped with the function, as ``<directory>/email/<name>.json``
        (``{"subject", "html", "text", "headers", "defaults"}``) and
        ``<directory>/sms/<name>.json`` (``{"body", "defaults"}``), in a Lambda layer. Each
        file is read and its Handlebars checked at synth."""
        root = Path(directory)
        if not root.is_dir():
            raise ValueError(f"directory {os.fspath(directory)!r} is not a directory")
        names: dict[str, list[str]] = {}
        for channel, parts in (("EMAIL", ("subject", "html", "text")), ("SMS", ("body",))):
            for path in sorted((root / channel.lower()).glob("*.json")):
                if not _FILE_NAME.fullmatch(path.stem):
                    raise ValueError(
                        f"template file names are letters, digits, _ and -, got {path.name!r}"
                    )
                _check_file(path, parts)
                names.setdefault(channel, []).append(path.stem)
        if not names:
            raise ValueError(
                f"directory {os.fspath(directory)!r} has no email/<name>.json or "
                "sms/<name>.json template"
            )
        return RenderingTemplates(_Kind.FILES, names, directory=root)


def _check_file(path: Path, parts: Sequence[str]) -> None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ValueError(f"template file {path}: {error}") from None
    if not isinstance(data, dict):
        raise ValueError(f"template file {path} must hold a JSON object")
    if not any(
        isinstance(data.get(part), str) and data[part] for part in parts if part != "subject"
    ):
        raise ValueError(f"template file {path} has no {' or '.join(parts[-2:])}")
    for part in parts:
        source = data.get(part)
        if isinstance(source, str):
            try:
                parse_pinpoint(source)
            except HandlebarsSyntaxError as error:
                raise ValueError(f"template file {path} {part}: {error}") from None


class TemplateRenderingFunction(Construct):
    """A function that renders message templates per recipient and sends them, without
    Pinpoint: the target of an Amazon Connect outbound campaign's custom action.

    Each invocation's customer profiles are the recipients (address from the profile, the
    profile as ``Attributes.Customer`` in the template); ``template`` names the template
    (:class:`RenderingTemplates`) and ``channel`` how it is sent: email through SES v2
    ``SendEmail`` (with ``ListManagementOptions`` when ``contact_list`` is given, so SES
    adds the unsubscribe headers and skips contacts who opted out of ``contact_list_topic``),
    SMS through AWS End User Messaging ``SendTextMessage``. The role may read exactly the
    templates and send from exactly the identities and configuration sets given.

    Example::

        TemplateRenderingFunction(self, "Welcome",
            templates=RenderingTemplates.ses(welcome),
            template="welcome",
            channel=RenderingChannel.EMAIL,
            email_identity=identity,
            from_address="Example <news@example.com>",
            contact_list=contact_list,
            contact_list_topic="news",
        )
    """

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        templates: RenderingTemplates,
        template: str,
        channel: RenderingChannel,
        email_identity: ses.IEmailIdentity | None = None,
        from_address: str | None = None,
        configuration_set: ses.IConfigurationSet | None = None,
        contact_list: IContactList | None = None,
        contact_list_topic: str | None = None,
        sms_origination_identity: IOriginationIdentity | None = None,
        sms_configuration_set: IConfigurationSet | None = None,
        log_retention: logs.RetentionDays = DEFAULT_LOG_RETENTION,
    ) -> None:
        """
        :param templates: The templates the function may use.
        :param template: The template custom actions send: one of ``templates`` (by name, or
            by id for Q in Connect), or a Handlebars template of one rendered per recipient
            (``"welcome-{{Attributes.Customer.Attributes.language}}"``).
        :param channel: Send as email or SMS.
        :param email_identity: The SES identity email is sent from (email: required).
        :param from_address: The sender, on that identity (email: required).
        :param configuration_set: The SES configuration set of every email. Default: none.
        :param contact_list: The account's contact list, for list management. Default: none.
        :param contact_list_topic: A topic of ``contact_list``. Default: none (the list).
        :param sms_origination_identity: The phone number, sender ID or pool SMS is sent
            from (SMS: required).
        :param sms_configuration_set: The End User Messaging configuration set of every SMS.
            Default: none.
        :param log_retention: Default: one month.
        """
        super().__init__(scope, id)
        require_instance("templates", templates, RenderingTemplates)
        channel = require_enum("channel", channel, RenderingChannel)
        if not isinstance(template, str) or not template.strip():
            raise ValueError(f"template must be a template name, got {template!r}")
        try:
            parse_pinpoint(template)
        except HandlebarsSyntaxError as error:
            raise ValueError(f"template {template!r} is not valid Handlebars: {error}") from None
        allowed = templates._names.get(channel.value, [])
        if "{{" not in template and template not in allowed:
            raise ValueError(
                f"template must be one of the {channel.value} templates {allowed}, got {template!r}"
            )
        email = channel is RenderingChannel.EMAIL
        if email and (email_identity is None or from_address is None):
            raise ValueError(
                "channel EMAIL needs email_identity and from_address, got "
                f"email_identity={email_identity!r}, from_address={from_address!r}"
            )
        if not email and sms_origination_identity is None:
            raise ValueError("channel SMS needs sms_origination_identity, got None")
        if contact_list_topic is not None:
            if contact_list is None:
                raise ValueError(
                    f"contact_list_topic needs contact_list, got topic {contact_list_topic!r}"
                )
            check_ses_name("contact_list_topic", contact_list_topic)
            topics = getattr(contact_list, "topics", None)
            if topics is not None and not is_unresolved(contact_list_topic):
                contact_list.topic(contact_list_topic)  # type: ignore[attr-defined]
        check_email_address("from_address", from_address)
        environment = {
            "TEMPLATES": json.dumps(templates._names, separators=(",", ":")),
            "TEMPLATE_SOURCE": templates._kind.value,
            "CONNECT_TEMPLATE": template,
            "CONNECT_CHANNEL": channel.value,
        }
        if templates._knowledge_base_id is not None:
            environment["QCONNECT_KNOWLEDGE_BASE_ID"] = templates._knowledge_base_id
        if templates._kind is _Kind.FILES:
            environment["TEMPLATE_FILES_DIR"] = "/opt"
        if email:
            assert from_address is not None
            environment["FROM_ADDRESS"] = from_address
            if configuration_set is not None:
                environment["EMAIL_CONFIGURATION_SET"] = configuration_set.configuration_set_name
            if contact_list is not None:
                environment["CONTACT_LIST_NAME"] = contact_list.contact_list_name
                if contact_list_topic is not None:
                    environment["CONTACT_LIST_TOPIC"] = contact_list_topic
        else:
            assert sms_origination_identity is not None
            environment["SMS_ORIGINATION_IDENTITY"] = (
                sms_origination_identity.origination_identity_arn
            )
            if sms_configuration_set is not None:
                environment["SMS_CONFIGURATION_SET"] = sms_configuration_set.configuration_set_arn
        self.renderer = HandlerFunction(
            self,
            "Renderer",
            handler="template_renderer.index.handler",
            description="Renders message templates for Connect custom actions and sends them",
            timeout=RENDERING_FUNCTION_TIMEOUT,
            memory_size=RENDERING_FUNCTION_MEMORY_MB,
            environment=environment,
            log_retention=log_retention,
            packages=["handlebars"],
        )
        """The function (child ``Renderer``: ``LogGroup``, ``Role``, ``Function``)."""
        self.function: lambda_.IFunction = self.renderer.function
        """The Lambda function: the custom action's target."""
        role = self.renderer.role
        if templates._kind is _Kind.SES:
            role.add_to_principal_policy(
                iam.PolicyStatement(actions=["ses:GetEmailTemplate"], resources=templates._arns)
            )
        elif templates._kind is _Kind.QCONNECT:
            # qconnect:GetMessageTemplate is authorized as wisdom:GetMessageTemplate on the
            # message-template resource (Service Authorization Reference, Amazon Q in Connect).
            role.add_to_principal_policy(
                iam.PolicyStatement(
                    actions=["wisdom:GetMessageTemplate"], resources=templates._arns
                )
            )
        else:
            assert templates._directory is not None
            self.renderer.function.add_layers(
                lambda_.LayerVersion(
                    self,
                    "Templates",
                    code=lambda_.Code.from_asset(str(templates._directory)),
                    description="Message templates of the rendering function",
                )
            )
        if email:
            assert email_identity is not None
            resources = [email_identity.email_identity_arn]
            if configuration_set is not None:
                resources.append(
                    Stack.of(self).format_arn(
                        service="ses",
                        resource="configuration-set",
                        resource_name=configuration_set.configuration_set_name,
                        arn_format=ArnFormat.SLASH_RESOURCE_NAME,
                    )
                )
            if contact_list is not None:
                resources.append(contact_list.contact_list_arn)
            # SES v2 SendEmail authorizes the identity, the configuration set and the contact
            # list it names (Service Authorization Reference, Amazon SES v2: SendEmail).
            role.add_to_principal_policy(
                iam.PolicyStatement(actions=["ses:SendEmail"], resources=resources)
            )
        else:
            assert sms_origination_identity is not None
            resources = [sms_origination_identity.origination_identity_arn]
            if sms_configuration_set is not None:
                resources.append(sms_configuration_set.configuration_set_arn)
            role.add_to_principal_policy(
                iam.PolicyStatement(actions=["sms-voice:SendTextMessage"], resources=resources)
            )


__all__ = [
    "RENDERING_FUNCTION_MEMORY_MB",
    "RENDERING_FUNCTION_TIMEOUT",
    "RenderingChannel",
    "RenderingTemplates",
    "TemplateRenderingFunction",
]
