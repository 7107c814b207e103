"""The template-rendering custom channel: render Pinpoint templates at send time, yourself.

For a journey or campaign whose templates must stay flexible, Pinpoint's own guidance is to
send through a custom channel whose function renders the Pinpoint template with Handlebars:
the templates are still managed in Pinpoint and reused by other campaigns and journeys.
:class:`TemplateRenderingChannel` is that function, built from the library's parts: it
fetches the template (``GetEmailTemplate`` / ``GetSmsTemplate``), renders it per endpoint
with the ``pinpoint_constructs.handlebars`` engine (shipped in the function's asset; the
same engine as the synth-time checks and the preview) and sends it through SES v2
(``SendEmail``) or AWS End User Messaging (``SendTextMessage``). The handler is
``handlers/template_renderer``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from typing import Any

from aws_cdk import ArnFormat, Duration, Stack
from aws_cdk import aws_iam as iam
from aws_cdk import aws_logs as logs
from aws_cdk import aws_ses as ses
from constructs import Construct

from .._lambda import DEFAULT_LOG_RETENTION, HandlerFunction
from .._props import checked_props
from .._validation import (
    check_email_address,
    check_pattern,
    check_range,
    duration_seconds,
    is_unresolved,
)
from ..handlebars import HandlebarsSyntaxError, parse_pinpoint
from ..ses import IContactList
from ..ses._common import check_ses_name
from ..sms_voice import IConfigurationSet as ISmsConfigurationSet
from ..sms_voice import IOriginationIdentity
from .channels import sender_identity
from .core import ChannelType, IPinpointApp
from .custom_channel import CustomChannel, endpoint_type_values
from .journeys.activities import SmsMessageType
from .templates.base import ITemplate, TemplateType

#: Function timeout, in seconds: Pinpoint fails a delivery whose function runs longer than
#: 15 seconds; 12 leaves room for a cold start and the invoke itself (the function stops about
#: a second before its own timeout).
TEMPLATE_RENDERER_TIMEOUT_SECONDS = 12
#: Memory, in MiB: rendering is CPU work (50 endpoints per batch) and Lambda gives CPU in
#: proportion to memory; 1024 MiB gives about 60% of a vCPU.
TEMPLATE_RENDERER_MEMORY_MB = 1024
#: Default for how long the active version of a template is cached per container.
DEFAULT_TEMPLATE_CACHE = Duration.minutes(1)

_TEMPLATE_ACTIONS = {
    TemplateType.EMAIL: "mobiletargeting:GetEmailTemplate",
    TemplateType.SMS: "mobiletargeting:GetSmsTemplate",
}
# Resource ARNs of AWS End User Messaging SMS and Voice v2 (Service Authorization Reference,
# "Actions, resources, and condition keys for AWS End User Messaging SMS and Voice, version 2":
# phone-number, sender-id, pool, configuration-set).
_SMS_IDENTITY_ARN = re.compile(
    r"arn:aws[a-z-]*:sms-voice:[a-z0-9-]+:\d{12}:(phone-number|sender-id|pool)/[^/\s]+"
)
_SMS_CONFIGURATION_SET_ARN = re.compile(
    r"arn:aws[a-z-]*:sms-voice:[a-z0-9-]+:\d{12}:configuration-set/[^/\s]+"
)


@checked_props
def template_data(
    template: str | ITemplate, *, channel: TemplateType | None = None, version: str | None = None
) -> dict[str, str]:
    """The custom data that makes a :class:`TemplateRenderingChannel` send ``template``: pass
    it as ``data`` of ``CampaignMessage.custom(...)`` or ``SendCustom(...)``.

    :param template: A template (its name is used) or a name, which may itself be a
        Handlebars template rendered with the endpoint, e.g. ``"welcome-{{Attributes.Language}}"``
        (every name it can produce must be among the channel's ``templates``).
    :param channel: ``TemplateType.EMAIL`` or ``TemplateType.SMS``. Default: the template's
        kind when a template is given, otherwise the endpoint's channel type.
    :param version: A template version to pin. Default: the template's active version.
    """
    name = template if isinstance(template, str) else template.template_name
    if not isinstance(template, str):
        channel = channel or template.template_type
    if not isinstance(name, str) or not name.strip():
        raise ValueError(f"template must be a template or a template name, got {template!r}")
    if not is_unresolved(name):
        try:
            parse_pinpoint(name)
        except HandlebarsSyntaxError as error:
            raise ValueError(
                f"template {name!r} is not a valid Handlebars template: {error}"
            ) from None
    if channel is not None and channel not in _TEMPLATE_ACTIONS:
        raise ValueError(f"channel must be TemplateType.EMAIL or TemplateType.SMS, got {channel}")
    if version is not None and (not isinstance(version, str) or not version.strip()):
        raise ValueError(f"version must be a template version id, got {version!r}")
    data = {"template": name}
    if channel is not None:
        data["channel"] = channel.value
    if version is not None:
        data["version"] = version
    return data


@checked_props
class TemplateRenderingChannel(CustomChannel):
    """A custom channel whose function renders Pinpoint templates per endpoint and sends them.

    Campaigns and journeys name the template in their custom data (see :func:`template_data`);
    the function

    - fetches it from Pinpoint once per container (a pinned version for the life of the
      container, the active one again after ``template_cache``) and compiles it once;
    - renders it for each endpoint as Pinpoint would: endpoint and user attributes over the
      template's default substitutions, Pinpoint's helpers;
    - sends email through SES v2 ``SendEmail`` (``from_address``, ``configuration_set``, the
      template's headers, ``List-Unsubscribe``) and SMS through AWS End User Messaging
      ``SendTextMessage`` (origination identity, configuration set, message type);
    - processes the (up to 50) endpoints of a batch concurrently, retries throttling a bounded
      number of times, logs one JSON line per endpoint and a summary, and returns before
      Pinpoint's 15-second limit. A failing endpoint never fails the invocation, so Pinpoint
      does not resend the batch.

    Its role may read exactly the given templates and send from exactly the given identity
    and configuration sets.
    """

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        app: IPinpointApp,
        templates: Sequence[ITemplate],
        email_identity: ses.IEmailIdentity | None = None,
        from_address: str | None = None,
        configuration_set: ses.IConfigurationSet | None = None,
        list_unsubscribe_url: str | None = None,
        contact_list: IContactList | None = None,
        contact_list_topic: str | None = None,
        sms_origination_identity: IOriginationIdentity | None = None,
        sms_origination_identity_arn: str | None = None,
        sms_configuration_set: ISmsConfigurationSet | None = None,
        sms_configuration_set_arn: str | None = None,
        sms_message_type: SmsMessageType = SmsMessageType.TRANSACTIONAL,
        max_attempts: int = 3,
        template_cache: Duration | None = None,
        endpoint_types: Sequence[ChannelType] | None = None,
        log_retention: logs.RetentionDays = DEFAULT_LOG_RETENTION,
    ) -> None:
        """A custom channel whose function renders Pinpoint message templates per endpoint
        and sends them itself: email through SES v2, SMS through AWS End User Messaging.

        Campaigns and journeys name the template in their custom data,
        ``channel.data(template)`` (``{"template": "<name>", "channel": "EMAIL"}``; the name
        may use endpoint attributes, e.g. ``"welcome-{{Attributes.Language}}"``).

        The function (child ``Renderer``) runs on Python 3.14 with a 12-second timeout,
        1024 MiB, its own log group, and a role that may only write its logs, read the given
        templates (``mobiletargeting:GetEmailTemplate``/``GetSmsTemplate`` on their ARNs) and
        send from the given identities (``ses:SendEmail`` on ``email_identity`` and
        ``configuration_set``; ``sms-voice:SendTextMessage`` on the origination identity
        and the SMS configuration set).

        :param app: The project whose campaigns and journeys use the channel.
        :param templates: The email and SMS templates the channel may send (templates of
            this app or imported with ``EmailTemplate.from_template_name`` ...), at least one.
        :param email_identity: The SES identity emails are sent from; required with an email
            template.
        :param from_address: The sender, e.g. ``Example <news@example.com>``, an address of
            ``email_identity`` (checked as ``EmailChannel`` checks it, when both are known at
            synth); required with an email template.
        :param configuration_set: The SES configuration set of every email (event
            publishing, suppression, dedicated IPs). Default: the identity's default.
        :param list_unsubscribe_url: The unsubscribe link sent as ``List-Unsubscribe``
            (RFC 2369), an ``https://`` or ``mailto:`` URL that may use endpoint attributes
            (``https://example.com/unsubscribe?u={{User.UserId}}``); an ``https://`` URL is
            also announced as one-click (``List-Unsubscribe-Post``, RFC 8058). Values are
            written into the URL as they are (not HTML-escaped); an endpoint whose rendered
            URL holds whitespace or ``<``/``>``, or any of whose rendered headers holds a
            line break, is reported as ``render_error`` and not sent, so endpoint data never
            adds a header. Default: no such header (unless the template has its own).
        :param contact_list: The account's SES contact list (``ContactList``): every email
            names it in ``ListManagementOptions``, so SES adds its unsubscribe headers and
            skips contacts who opted out; ``ses:SendEmail`` is granted on the list too.
            Default: none.
        :param contact_list_topic: The list's topic of every email (one of its topics).
            Default: none.
        :param sms_origination_identity: The phone number, sender ID or pool that sends SMS
            (``PhoneNumber``, ``SenderId``, ``Pool`` or one imported with their ``from_*``
            methods); this or ``sms_origination_identity_arn`` is required with an SMS
            template.
        :param sms_origination_identity_arn: The same as an ARN, for an identity made outside
            this library (``CfnPhoneNumber.attr_phone_number_arn``, ...). Default: none.
        :param sms_configuration_set: The AWS End User Messaging configuration set of every
            SMS (``sms_voice.ConfigurationSet``). Default: none.
        :param sms_configuration_set_arn: The same as an ARN. Default: none.
        :param sms_message_type: Default: ``SmsMessageType.TRANSACTIONAL``.
        :param max_attempts: Attempts per throttled call (template fetch or send), 1 to 10,
            with full-jitter backoff and never past the deadline. Default: 3.
        :param template_cache: How long a container keeps the active version of a template
            before fetching it again, 0 to 3600 whole seconds (a pinned version is kept for
            the life of the container). Default: one minute.
        :param endpoint_types: Which endpoints the channel receives. Default: ``EMAIL`` if
            there is an email template, ``SMS`` if there is an SMS template.
        :param log_retention: Retention of the function's log group. Default: one month.
        """
        by_kind = _templates_by_kind(templates)
        if TemplateType.SMS not in by_kind:
            for prop, value in (
                ("sms_origination_identity", sms_origination_identity),
                ("sms_origination_identity_arn", sms_origination_identity_arn),
                ("sms_configuration_set", sms_configuration_set),
                ("sms_configuration_set_arn", sms_configuration_set_arn),
            ):
                if value is not None:
                    raise ValueError(f"{prop} needs an SMS template in templates, got {value!r}")
        sms_origination_identity_arn = _one_arn(
            "sms_origination_identity",
            sms_origination_identity,
            "origination_identity_arn",
            sms_origination_identity_arn,
        )
        sms_configuration_set_arn = _one_arn(
            "sms_configuration_set",
            sms_configuration_set,
            "configuration_set_arn",
            sms_configuration_set_arn,
        )
        environment = _renderer_environment(
            by_kind,
            email_identity=email_identity,
            from_address=from_address,
            configuration_set=configuration_set,
            list_unsubscribe_url=list_unsubscribe_url,
            sms_origination_identity_arn=sms_origination_identity_arn,
            sms_configuration_set_arn=sms_configuration_set_arn,
            sms_message_type=sms_message_type,
            max_attempts=max_attempts,
            template_cache=template_cache,
        )
        environment.update(_list_management(by_kind, contact_list, contact_list_topic))
        if endpoint_types is None:
            endpoint_types = [
                ChannelType.EMAIL if kind is TemplateType.EMAIL else ChannelType.SMS
                for kind in by_kind
            ]
        values = endpoint_type_values(endpoint_types)
        Construct.__init__(self, scope, id)
        self.renderer = HandlerFunction(
            self,
            "Renderer",
            handler="template_renderer.index.handler",
            description="Pinpoint custom channel: renders message templates and sends them",
            timeout=Duration.seconds(TEMPLATE_RENDERER_TIMEOUT_SECONDS),
            memory_size=TEMPLATE_RENDERER_MEMORY_MB,
            environment=environment,
            log_retention=log_retention,
            packages=["handlebars"],
        )
        """The function (child ``Renderer``: ``LogGroup``, ``Role``, ``Function``)."""
        self.templates = [t for kind in by_kind.values() for t in kind]
        """The templates the channel may send."""
        role = self.renderer.role
        for kind, kind_templates in by_kind.items():
            role.add_to_principal_policy(
                iam.PolicyStatement(
                    actions=[_TEMPLATE_ACTIONS[kind]],
                    resources=[t.template_arn for t in kind_templates],
                )
            )
        if email_identity is not None:
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
            # SES v2 SendEmail authorizes the identity, configuration set and contact list it
            # names.
            role.add_to_principal_policy(
                iam.PolicyStatement(actions=["ses:SendEmail"], resources=resources)
            )
        if sms_origination_identity_arn is not None:
            resources = [sms_origination_identity_arn]
            if sms_configuration_set_arn is not None:
                resources.append(sms_configuration_set_arn)
            role.add_to_principal_policy(
                iam.PolicyStatement(actions=["sms-voice:SendTextMessage"], resources=resources)
            )
        self._bind(app=app, function=self.renderer.function, endpoint_types=values)

    def data(
        self,
        template: str | ITemplate,
        *,
        channel: TemplateType | None = None,
        version: str | None = None,
    ) -> dict[str, str]:
        """:func:`template_data`, checked against this channel: a template (not a name
        template) must be one of its ``templates``."""
        if not isinstance(template, str):
            allowed = {(t.template_name, t.template_type) for t in self.templates}
            key = (template.template_name, template.template_type)
            if not is_unresolved(key[0]) and key not in allowed:
                raise ValueError(
                    f"template must be one of the channel's templates "
                    f"{sorted(name for name, _ in allowed)}, got {key[0]!r}"
                )
        return template_data(template, channel=channel, version=version)


def _list_management(
    by_kind: Mapping[TemplateType, list[ITemplate]],
    contact_list: IContactList | None,
    contact_list_topic: str | None,
) -> dict[str, str]:
    """The environment of SES list management (``ListManagementOptions`` of every email)."""
    if contact_list is None:
        if contact_list_topic is not None:
            raise ValueError(
                f"contact_list_topic needs contact_list, got topic {contact_list_topic!r}"
            )
        return {}
    if TemplateType.EMAIL not in by_kind:
        raise ValueError(f"contact_list needs an email template in templates, got {contact_list!r}")
    environment = {"CONTACT_LIST_NAME": contact_list.contact_list_name}
    if contact_list_topic is not None:
        check_ses_name("contact_list_topic", contact_list_topic)
        if hasattr(contact_list, "topic") and not is_unresolved(contact_list_topic):
            contact_list.topic(contact_list_topic)
        environment["CONTACT_LIST_TOPIC"] = contact_list_topic
    return environment


def _one_arn(prop: str, resource: Any, attribute: str, arn: str | None) -> str | None:
    """The ARN of ``resource`` (an L2 object with ``attribute``) or ``arn`` (the prop
    ``<prop>_arn``): at most one of them."""
    if resource is None:
        return arn
    if arn is not None:
        raise ValueError(f"give {prop} or {prop}_arn, not both; got {prop}_arn={arn!r}")
    value = getattr(resource, attribute, None)
    if not isinstance(value, str):
        raise TypeError(
            f"{prop} must be an object with {attribute} (e.g. from "
            f"pinpoint_constructs.sms_voice), got {type(resource).__name__}: {resource!r}"
        )
    return value


def _templates_by_kind(templates: Any) -> dict[TemplateType, list[ITemplate]]:
    if isinstance(templates, str) or not isinstance(templates, Sequence) or not templates:
        raise ValueError(
            f"templates must be a non-empty list of email or SMS templates, got {templates!r}"
        )
    by_kind: dict[TemplateType, list[ITemplate]] = {}
    for template in templates:
        kind = getattr(template, "template_type", None)
        if not isinstance(kind, TemplateType) or not hasattr(template, "template_arn"):
            raise TypeError(
                f"templates must contain message templates, got {type(template).__name__}: "
                f"{template!r}"
            )
        if kind not in _TEMPLATE_ACTIONS:
            raise ValueError(
                f"templates must be email or SMS templates, got {template.template_name!r}, "
                f"which is an {kind.value} template"
            )
        by_kind.setdefault(kind, []).append(template)
    return by_kind


def _renderer_environment(
    by_kind: Mapping[TemplateType, list[ITemplate]],
    *,
    email_identity: ses.IEmailIdentity | None,
    from_address: str | None,
    configuration_set: ses.IConfigurationSet | None,
    list_unsubscribe_url: str | None,
    sms_origination_identity_arn: str | None,
    sms_configuration_set_arn: str | None,
    sms_message_type: SmsMessageType,
    max_attempts: int,
    template_cache: Duration | None,
) -> dict[str, str]:
    """Validate the props; the function's environment (see ``template_renderer/index.py``)."""
    email = TemplateType.EMAIL in by_kind
    sms = TemplateType.SMS in by_kind
    if email and (email_identity is None or from_address is None):
        raise ValueError(
            "email templates need email_identity and from_address (the sender), got "
            f"email_identity={email_identity!r}, from_address={from_address!r}"
        )
    if not email:
        for prop, value in (
            ("email_identity", email_identity),
            ("from_address", from_address),
            ("configuration_set", configuration_set),
            ("list_unsubscribe_url", list_unsubscribe_url),
        ):
            if value is not None:
                raise ValueError(f"{prop} needs an email template in templates, got {value!r}")
    if sms and sms_origination_identity_arn is None:
        raise ValueError(
            "SMS templates need sms_origination_identity (a phone number, sender ID or pool) "
            "or sms_origination_identity_arn, got neither"
        )
    address = check_email_address("from_address", from_address)
    if email_identity is not None:
        # As EmailChannel: SES sends only from the identity's address or domain.
        sender_identity(address, email_identity)
    check_pattern(
        "sms_origination_identity_arn",
        sms_origination_identity_arn,
        _SMS_IDENTITY_ARN,
        "the ARN of a phone number, sender ID or pool "
        "(arn:aws:sms-voice:<region>:<account>:phone-number/<id>)",
    )
    check_pattern(
        "sms_configuration_set_arn",
        sms_configuration_set_arn,
        _SMS_CONFIGURATION_SET_ARN,
        "the ARN of an SMS configuration set "
        "(arn:aws:sms-voice:<region>:<account>:configuration-set/<name>)",
    )
    if not isinstance(sms_message_type, SmsMessageType):
        raise TypeError(f"sms_message_type must be an SmsMessageType, got {sms_message_type!r}")
    if list_unsubscribe_url is not None and not is_unresolved(list_unsubscribe_url):
        if any(ch.isspace() or ord(ch) < 0x20 or ord(ch) == 0x7F for ch in list_unsubscribe_url):
            # A line break would end the List-Unsubscribe header and start another one.
            raise ValueError(
                "list_unsubscribe_url must not contain whitespace or control characters, got "
                f"{list_unsubscribe_url!r}"
            )
        # RFC 2369: List-Unsubscribe carries a URL, http(s) or mailto; RFC 8058 one-click
        # unsubscribe needs https.
        if not list_unsubscribe_url.startswith(("https://", "mailto:")):
            raise ValueError(
                "list_unsubscribe_url must start with https:// or mailto:, got "
                f"{list_unsubscribe_url!r}"
            )
        try:
            parse_pinpoint(list_unsubscribe_url)
        except HandlebarsSyntaxError as error:
            raise ValueError(
                f"list_unsubscribe_url must be a valid Handlebars template, got "
                f"{list_unsubscribe_url!r}: {error}"
            ) from None
    check_range("max_attempts", max_attempts, 1, 10)
    cache = duration_seconds("template_cache", template_cache)
    if cache is None:
        cache = int(DEFAULT_TEMPLATE_CACHE.to_seconds())
    check_range("template_cache (seconds)", cache, 0, 3600)
    environment = {
        "TEMPLATES": json.dumps(
            {kind.value: [t.template_name for t in items] for kind, items in by_kind.items()},
            separators=(",", ":"),
        ),
        "MAX_ATTEMPTS": str(max_attempts),
        "TEMPLATE_CACHE_SECONDS": str(cache),
    }
    if email:
        assert from_address is not None
        environment["FROM_ADDRESS"] = from_address
        if configuration_set is not None:
            environment["EMAIL_CONFIGURATION_SET"] = configuration_set.configuration_set_name
        if list_unsubscribe_url is not None:
            environment["LIST_UNSUBSCRIBE"] = list_unsubscribe_url
    if sms:
        assert sms_origination_identity_arn is not None
        environment["SMS_ORIGINATION_IDENTITY"] = sms_origination_identity_arn
        environment["SMS_MESSAGE_TYPE"] = sms_message_type.value
        if sms_configuration_set_arn is not None:
            environment["SMS_CONFIGURATION_SET"] = sms_configuration_set_arn
    return environment
