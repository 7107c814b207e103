"""Tables for the project, its settings, channels, templates and event stream."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..pinpoint.app import CampaignHookMode
from ..pinpoint.channels import ApnsEnvironment
from ..pinpoint.templates.in_app import InAppButtonAction, InAppLayout, InAppMessage, TextAlignment
from ..pinpoint.templates.push import PushAction
from ._generate import (
    READ_ONLY,
    Generator,
    Prop,
    call,
    default_of,
    flag,
    mapping,
    member,
    number,
    obj,
    props,
    seconds,
    substitutions,
    text,
)
from ._model import CREDENTIAL_FIELDS, Exported, Fields
from ._source import Call, Code, Expr, ListExpr, Str

# ---- the project and its settings ----------------------------------------------------------

LIMITS = (
    Prop("Daily", "daily", number),
    Prop("Total", "total", number),
    Prop("MessagesPerSecond", "messages_per_second", number),
    Prop("MaximumDuration", "maximum_duration", seconds),
)
QUIET_TIME = (Prop("Start", "start", text), Prop("End", "end", text))


def quiet_time(g: Generator, f: Fields, key: str) -> Expr | None:
    sub = f.sub(key)
    if sub is None:
        return None
    kwargs = props(g, sub, QUIET_TIME)
    sub.done()
    if not kwargs:
        return None
    if len(kwargs) != 2:
        raise f.error(key, "needs both Start and End")
    return call(g, "QuietTime", kwargs)


def campaign_hook(g: Generator, f: Fields, key: str) -> Expr | None:
    sub = f.sub(key)
    if sub is None or not sub.has("LambdaFunctionName"):
        if sub is not None:
            sub.done()
        return None
    kwargs: list[tuple[str, Expr]] = [("function", g.function(sub, "LambdaFunctionName"))]
    mode = sub.get("Mode")
    if mode is not None and mode != CampaignHookMode.FILTER.value:
        kwargs += props(g, Fields({"Mode": mode}, sub.where, sub.file), _MODE)
    sub.done()
    return call(g, "CampaignHook", kwargs)


_MODE = (Prop("Mode", "mode", member(CampaignHookMode)),)

SETTINGS = (
    Prop("Limits", "limits", obj("Limits", LIMITS)),
    Prop("QuietTime", "quiet_time", quiet_time),
    Prop("CampaignHook", "campaign_hook", campaign_hook),
)


def app(g: Generator, app_response: Exported | None, settings: Exported | None) -> None:
    """``PinpointApp(...)`` (with the settings) or ``PinpointApp.from_app_id(...)``."""
    kwargs: list[tuple[str, Expr]] = []
    settings_fields = None
    if settings is not None:
        settings_fields = Fields(settings.body, settings.key, settings.file)
        g.check_app(settings_fields)
        settings_fields.ignore(READ_ONLY)
    if app_response is not None:
        f = Fields(app_response.body, app_response.key, app_response.file)
        g.check_app(f, "Id")
        f.ignore(READ_ONLY)
        name = f.require("Name")
        kwargs.append(("app_name", Str(name)))
        if settings_fields is not None:
            kwargs += props(g, settings_fields, SETTINGS)
            settings_fields.done()
        tags = mapping(g, f, "tags")
        if tags is not None:
            kwargs.append(("tags", tags))
        f.done()
        g.module.add(
            Call(g.module.lib("PinpointApp"), [Code("self"), Code('"App"')], kwargs), target="app"
        )
        g.module._ids.add("App")
        g.secret_base(name)
        return
    if g.app_id is None:  # only templates, which belong to the account, not to a project
        if settings_fields is not None:
            settings_fields.require("ApplicationId")
        return
    g.module.add(
        Call(
            g.module.lib("PinpointApp") + ".from_app_id",
            [Code("self"), Code('"App"'), Str(g.app_id)],
        ),
        target="app",
        comments=["The project is not in the export: referenced by its id."],
    )
    g.module._ids.add("App")
    g.secret_base(g.app_id)
    if settings_fields is not None:
        kwargs = props(g, settings_fields, SETTINGS)
        settings_fields.done()
        if kwargs:
            g.module.add(
                Call(
                    g.module.lib("ApplicationSettings"),
                    [Code("self"), Code('"Settings"')],
                    [("app", g.app), *kwargs],
                )
            )


# ---- channels ------------------------------------------------------------------------------

_ENABLED = Prop("Enabled", "enabled", flag, omit=True)


def email_channel(g: Generator, f: Fields) -> list[tuple[str, Expr]]:
    kwargs = props(
        g, f, (Prop("FromAddress", "from_address", text), Prop("Identity", "identity", text))
    )
    if f.has("ConfigurationSet"):
        name = f.get("ConfigurationSet")
        kwargs.append(
            (
                "configuration_set",
                g.imported(
                    f"{name} configuration set",
                    "aws_ses:ConfigurationSet.from_configuration_set_name",
                    name,
                ),
            )
        )
    if f.has("OrchestrationSendingRoleArn"):
        arn = f.get("OrchestrationSendingRoleArn")
        kwargs.append(
            (
                "orchestration_sending_role",
                g.role("orchestration sending role", arn),
            )
        )
    return kwargs


def sms_channel(g: Generator, f: Fields) -> list[tuple[str, Expr]]:
    return props(g, f, (Prop("SenderId", "sender_id", text), Prop("ShortCode", "short_code", text)))


def no_props(g: Generator, f: Fields) -> list[tuple[str, Expr]]:
    return []


def apns_channel(environment: ApnsEnvironment) -> Callable:
    def convert(g: Generator, f: Fields) -> list[tuple[str, Expr]]:
        method = f.get("DefaultAuthenticationMethod", "CERTIFICATE")
        slug = environment.value.lower().replace("_", "-")
        if method == "TOKEN":
            prefix = environment.value.lower()
            credentials = Call(
                g.module.lib("ApnsCredentials") + ".token",
                [],
                [
                    (
                        "bundle_id",
                        g.module.parameter(
                            f"{prefix} bundle id",
                            f"{_camel(prefix)}BundleId",
                            "The app's bundle ID (the API doesn't return it).",
                        ),
                    ),
                    (
                        "team_id",
                        g.module.parameter(
                            f"{prefix} team id",
                            f"{_camel(prefix)}TeamId",
                            "The Apple Team ID (the API doesn't return it).",
                        ),
                    ),
                    (
                        "token_key_id",
                        g.module.parameter(
                            f"{prefix} token key id",
                            f"{_camel(prefix)}TokenKeyId",
                            "The signing key's Key ID (the API doesn't return it).",
                        ),
                    ),
                    ("token_key", g.secret(slug, "tokenKey")),
                ],
            )
        elif method == "CERTIFICATE":
            credentials = Call(
                g.module.lib("ApnsCredentials") + ".certificate",
                [],
                [
                    ("certificate", g.secret(slug, "certificate")),
                    ("private_key", g.secret(slug, "privateKey")),
                ],
            )
        else:
            raise f.error(
                "DefaultAuthenticationMethod", f"must be TOKEN or CERTIFICATE, got {method!r}"
            )
        kwargs: list[tuple[str, Expr]] = [("credentials", credentials)]
        if environment is not ApnsEnvironment.PRODUCTION:
            kwargs.append(
                ("environment", Code(f"{g.module.lib('ApnsEnvironment')}.{environment.name}"))
            )
        return kwargs

    return convert


def fcm_channel(g: Generator, f: Fields) -> list[tuple[str, Expr]]:
    method = f.get("DefaultAuthenticationMethod", "KEY")
    f.ignore(["Credential"])  # the legacy server key, when the API shows it: never copied
    factory = {"TOKEN": ("service_json", "serviceJson"), "KEY": ("api_key", "apiKey")}.get(method)
    if factory is None:
        raise f.error("DefaultAuthenticationMethod", f"must be TOKEN or KEY, got {method!r}")
    secret = g.secret("fcm", factory[1])
    return [("credentials", Call(g.module.lib("FcmCredentials") + "." + factory[0], [secret]))]


def baidu_channel(g: Generator, f: Fields) -> list[tuple[str, Expr]]:
    f.ignore(["Credential"])  # never copied: the secret goes to Secrets Manager
    return [
        ("api_key", g.secret("baidu", "apiKey")),
        ("secret_key", g.secret("baidu", "secretKey")),
    ]


def adm_channel(g: Generator, f: Fields) -> list[tuple[str, Expr]]:
    return [
        ("client_id", g.secret("adm", "clientId")),
        ("client_secret", g.secret("adm", "clientSecret")),
    ]


@dataclass(frozen=True)
class ChannelKind:
    construct: str
    label: str
    convert: Callable[[Generator, Fields], list[tuple[str, Expr]]]
    secret: bool = False


CHANNELS: dict[str, ChannelKind] = {
    "EmailChannelResponse": ChannelKind("EmailChannel", "email", email_channel),
    "SMSChannelResponse": ChannelKind("SmsChannel", "sms", sms_channel),
    "VoiceChannelResponse": ChannelKind("VoiceChannel", "voice", no_props),
    "APNSChannelResponse": ChannelKind(
        "ApnsChannel", "apns", apns_channel(ApnsEnvironment.PRODUCTION), True
    ),
    "APNSSandboxChannelResponse": ChannelKind(
        "ApnsChannel", "apns sandbox", apns_channel(ApnsEnvironment.SANDBOX), True
    ),
    "APNSVoipChannelResponse": ChannelKind(
        "ApnsChannel", "apns voip", apns_channel(ApnsEnvironment.VOIP), True
    ),
    "APNSVoipSandboxChannelResponse": ChannelKind(
        "ApnsChannel", "apns voip sandbox", apns_channel(ApnsEnvironment.VOIP_SANDBOX), True
    ),
    "GCMChannelResponse": ChannelKind("FcmChannel", "fcm", fcm_channel, True),
    "BaiduChannelResponse": ChannelKind("BaiduChannel", "baidu", baidu_channel, True),
    "ADMChannelResponse": ChannelKind("AdmChannel", "adm", adm_channel, True),
}

SECRET_COMMENT = [
    "Placeholder: the API never returns channel credentials. Store them in Secrets Manager",
    "under this name (or point to your own secret) before deploying.",
]


def channel(g: Generator, exported: Exported) -> None:
    kind = CHANNELS[exported.key]
    f = Fields(exported.body, exported.key, exported.file)
    g.check_app(f)
    f.ignore(READ_ONLY | {"Id"})
    if kind.secret:  # never copied (nor shown): placeholders in Secrets Manager take their place
        f.ignore(CREDENTIAL_FIELDS)
    kwargs = [("app", g.app), *kind.convert(g, f), *props(g, f, (_ENABLED,))]
    f.done()
    g.module.construct(
        kind.construct,
        f"{kind.label} channel",
        kwargs,
        comments=SECRET_COMMENT if kind.secret else None,
    )


def _camel(text: str) -> str:
    head, *rest = text.split("_")
    return head + "".join(w.capitalize() for w in rest)


# ---- templates -------------------------------------------------------------------------

_TEMPLATE_COMMON = (
    Prop("TemplateName", "template_name", text),
    Prop("TemplateDescription", "description", text),
)
_TEMPLATE_TAIL = (
    Prop("DefaultSubstitutions", "default_substitutions", substitutions),
    Prop("tags", "tags", mapping),
)

_PUSH_MESSAGE = (
    Prop("Title", "title", text),
    Prop("Body", "body", text),
    Prop("Action", "action", member(PushAction)),
    Prop("Url", "url", text),
    Prop("Sound", "sound", text),
)
_APNS_ONLY = (Prop("MediaUrl", "media_url", text),)
_ANDROID_ONLY = (
    Prop("ImageUrl", "image_url", text),
    Prop("ImageIconUrl", "image_icon_url", text),
    Prop("SmallImageIconUrl", "small_image_icon_url", text),
)


def push_message(specific: tuple[Prop, ...], cls: str) -> Callable:
    def convert(g: Generator, f: Fields, key: str) -> Expr | None:
        sub = f.sub(key)
        if sub is None:
            return None
        own = props(g, sub, specific)
        kwargs = props(g, sub, _PUSH_MESSAGE) + own
        sub.done()
        return call(g, cls if own else "PushMessage", kwargs)

    return convert


_BUTTON_OVERRIDE = (
    Prop("ButtonAction", "action", member(InAppButtonAction)),
    Prop("Link", "link", text),
)


button_override = obj("InAppButtonOverride", _BUTTON_OVERRIDE)


_BUTTON = (
    Prop("Text", "text", text),
    Prop("ButtonAction", "action", member(InAppButtonAction)),
    Prop("Link", "link", text),
    Prop("BackgroundColor", "background_color", text),
    Prop("TextColor", "text_color", text),
    Prop("BorderRadius", "border_radius", number),
)


def button(g: Generator, f: Fields, key: str) -> Expr | None:
    sub = f.sub(key)
    if sub is None:
        return None
    default = sub.sub("DefaultConfig")
    if default is None:
        raise sub.error("DefaultConfig", "is required for a button")
    kwargs = props(g, default, _BUTTON)
    default.done()
    kwargs += props(
        g,
        sub,
        (
            Prop("Android", "android", button_override),
            Prop("IOS", "ios", button_override),
            Prop("Web", "web", button_override),
        ),
    )
    sub.done()
    return call(g, "InAppButton", kwargs)


def _part(prefix: str, text_key: str) -> tuple[Prop, ...]:
    return (
        Prop(text_key, prefix, text),
        Prop(
            "TextColor",
            f"{prefix}_text_color",
            text,
            omit=default_of(InAppMessage, f"{prefix}_text_color"),
        ),
        Prop(
            "Alignment",
            f"{prefix}_alignment",
            member(TextAlignment),
            omit=default_of(InAppMessage, f"{prefix}_alignment"),
        ),
    )


def in_app_message(g: Generator, f: Fields) -> Expr:
    kwargs: list[tuple[str, Expr]] = []
    for key, prefix, text_key in (
        ("HeaderConfig", "header", "Header"),
        ("BodyConfig", "body", "Body"),
    ):
        sub = f.sub(key)
        if sub is None:
            raise f.error(key, "is required: an in-app message has a header and a body")
        kwargs += props(g, sub, _part(prefix, text_key))
        sub.done()
    kwargs += props(
        g,
        f,
        (
            Prop(
                "BackgroundColor",
                "background_color",
                text,
                omit=default_of(InAppMessage, "background_color"),
            ),
            Prop("ImageUrl", "image_url", text),
            Prop("PrimaryBtn", "primary_button", button),
            Prop("SecondaryBtn", "secondary_button", button),
        ),
    )
    f.done()
    return call(g, "InAppMessage", kwargs)


def in_app_messages(g: Generator, f: Fields, key: str) -> Expr | None:
    messages = [in_app_message(g, item) for item in f.items(key)]
    return ListExpr(messages) if messages else None


@dataclass(frozen=True)
class TemplateKind:
    construct: str
    template_type: str
    table: tuple[Prop, ...]


TEMPLATES: dict[str, TemplateKind] = {
    "EmailTemplateResponse": TemplateKind(
        "EmailTemplate",
        "EMAIL",
        (
            Prop("Subject", "subject", text),
            Prop("HtmlPart", "html", text),
            Prop("TextPart", "text", text),
        ),
    ),
    "SMSTemplateResponse": TemplateKind("SmsTemplate", "SMS", (Prop("Body", "body", text),)),
    "PushNotificationTemplateResponse": TemplateKind(
        "PushTemplate",
        "PUSH",
        (
            Prop("Default", "default", push_message((), "PushMessage")),
            Prop("APNS", "apns", push_message(_APNS_ONLY, "ApnsPushMessage")),
            Prop("GCM", "fcm", push_message(_ANDROID_ONLY, "AndroidPushMessage")),
            Prop("Baidu", "baidu", push_message(_ANDROID_ONLY, "AndroidPushMessage")),
            Prop("ADM", "adm", push_message(_ANDROID_ONLY, "AndroidPushMessage")),
        ),
    ),
    "InAppTemplateResponse": TemplateKind(
        "InAppTemplate",
        "INAPP",
        (
            Prop("Layout", "layout", member(InAppLayout)),
            Prop("Content", "messages", in_app_messages),
            Prop("CustomConfig", "custom_config", mapping),
        ),
    ),
}


def template(g: Generator, exported: Exported) -> None:
    kind = TEMPLATES[exported.key]
    f = Fields(exported.body, exported.key, exported.file)
    f.ignore(READ_ONLY)
    name = f.require("TemplateName")
    kwargs = props(g, f, _TEMPLATE_COMMON[:1]) + props(g, f, kind.table)
    kwargs += props(g, f, _TEMPLATE_COMMON[1:]) + props(g, f, _TEMPLATE_TAIL)
    if kind.template_type == "INAPP":
        kwargs = [kw for kw in kwargs if kw[0] != "default_substitutions"]
    f.done()
    target = g.module.construct(kind.construct, f"{name} template", kwargs)
    g.templates[(kind.template_type, name)] = Code(target)


# ---- event stream ------------------------------------------------------------------------


def event_stream(g: Generator, exported: Exported) -> None:
    f = Fields(exported.body, exported.key, exported.file)
    g.check_app(f)
    f.ignore(READ_ONLY)
    arn = f.require("DestinationStreamArn")
    service = arn.split(":")[2] if arn.count(":") >= 5 else ""
    if service == "kinesis":
        stream = g.imported("event destination", "aws_kinesis:Stream.from_stream_arn", arn)
        destination = Call(g.module.lib("EventStreamDestination") + ".kinesis_stream", [stream])
    elif service == "firehose":
        stream = g.imported(
            "event destination", "aws_kinesisfirehose:DeliveryStream.from_delivery_stream_arn", arn
        )
        destination = Call(g.module.lib("EventStreamDestination") + ".firehose", [stream])
    else:
        raise f.error("DestinationStreamArn", f"must be a Kinesis or Firehose ARN, got {arn!r}")
    kwargs: list[tuple[str, Expr]] = [("app", g.app), ("destination", destination)]
    role_arn = f.get("RoleArn")
    if role_arn is not None:
        role = g.role("event stream role", role_arn)
        kwargs.append(("role", role))
    f.done()
    g.module.construct("EventStream", "event stream", kwargs)
