"""From exported Pinpoint responses to statements on the successor constructs, and a report
item for each response. The module model, names and layout are the importer's
(:mod:`pinpoint_constructs.codegen`); push channels go through the importer itself."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from email.utils import parseaddr
from pathlib import Path
from typing import Any

from ..codegen import _resources, _segments
from ..codegen._generate import Generator
from ..codegen._model import CodegenError, Exported, is_service_default
from ..codegen._module import Module, repr_id
from ..codegen._source import Call, Code, DictExpr, Expr, ListExpr, Str, literal
from . import _sources as src
from ._report import Item, Report, Status, sources_of

_ATTRIBUTE_OPS = {
    "INCLUSIVE": "inclusive",
    "EXCLUSIVE": "exclusive",
    "CONTAINS": "contains",
    "BEFORE": "before",
    "AFTER": "after",
    "ON": "on",
    "BETWEEN": "between",
}
_METRIC_OPS = {
    "GREATER_THAN": "greater_than",
    "LESS_THAN": "less_than",
    "GREATER_THAN_OR_EQUAL": "greater_than_or_equal",
    "LESS_THAN_OR_EQUAL": "less_than_or_equal",
    "EQUAL": "equal",
}
_RECENCY_DAYS = {"HR_24": 1, "DAY_7": 7, "DAY_14": 14, "DAY_30": 30}
_REFRESH = {
    "HOURLY": ("hours", 1),
    "DAILY": ("days", 1),
    "WEEKLY": ("days", 7),
    "MONTHLY": ("days", 30),
}
_PUSH_CHANNELS = {
    key for key, kind in _resources.CHANNELS.items() if kind.secret
}  # APNs (4), FCM, Baidu, ADM
_TEMPLATE_KINDS = {
    "EmailTemplateResponse": ("EMAIL", "Email template", "EmailMessageTemplate"),
    "SMSTemplateResponse": ("SMS", "SMS template", "SmsMessageTemplate"),
    "PushNotificationTemplateResponse": ("PUSH", "Push template", "PushMessageTemplate"),
    "VoiceTemplateResponse": ("VOICE", "Voice template", None),
    "InAppTemplateResponse": ("INAPP", "In-app template", None),
}
#: The members of each template response that ``from_pinpoint`` reads.
_TEMPLATE_MEMBERS = {
    "EMAIL": ("TemplateName", "TemplateType", "Subject", "HtmlPart", "TextPart"),
    "SMS": ("TemplateName", "TemplateType", "Body"),
    "PUSH": ("TemplateName", "TemplateType", "Default", "APNS", "GCM", "ADM", "Baidu"),
}
_ENDPOINT_CHANNELS = ("EMAIL", "SMS", "VOICE")


def _name(body: dict[str, Any], *keys: str) -> str:
    for key in keys:
        if isinstance(body.get(key), str) and body[key]:
            return str(body[key])
    return "unnamed"


def _time(text: str) -> tuple[int, int]:
    hour, minute = text.split(":")
    return int(hour), int(minute)


class Migrator:
    """Writes the successor program into a codegen :class:`Module` and fills a
    :class:`Report`."""

    def __init__(self, module: Module, exported: list[Exported], report: Report) -> None:
        self.module = module
        self.exported = exported
        self.report = report
        self.g = Generator(module, exported)
        self._shared: dict[str, str] = {}
        self.segments: dict[str, str] = {}  # Pinpoint segment id -> variable
        self.unmigrated_segments: set[Any] = set()  # ids of segments without a definition
        self.templates: dict[tuple[str, str], str] = {}  # (type, name) -> variable
        self.settings: dict[str, Any] = {}
        self.email_from: str | None = None
        self.email_display_name: str | None = None
        self._scan()

    # ---- the shared successors, each created on first use ---------------------------------

    def _once(self, key: str, make: Any) -> str:
        if key not in self._shared:
            self._shared[key] = make()
        return self._shared[key]

    def lib(self, name: str) -> str:
        return self.module.lib(name)

    def domain(self) -> str:
        return self._once(
            "domain",
            lambda: self.module.construct(
                "ProfilesDomain",
                "Profiles",
                [("default_expiration", Call(self._cdk("Duration") + ".days", [Code("366")]))],
                comments=[
                    "Customer Profiles: where Pinpoint's endpoints and segments live now.",
                ],
            ),
        )

    def _cdk(self, name: str) -> str:
        return self.module.use("aws_cdk", name)

    def endpoint_types(self) -> list[str]:
        """One ``PinpointEndpointObjectType`` per channel the export uses, copying the endpoint
        attributes, user attributes and metrics the segments filter on."""

        def make() -> str:
            domain = self.domain()
            out = []
            for channel in self.channels:
                kwargs: list[tuple[str, Expr]] = [
                    ("domain", Code(domain)),
                    ("channel", Code(f"{self.lib('EndpointChannel')}.{channel}")),
                ]
                for prop, names in (
                    ("endpoint_attributes", self.endpoint_attributes),
                    ("user_attributes", self.user_attributes),
                    ("metrics", self.metrics),
                ):
                    if names:
                        kwargs.append((prop, literal(sorted(names))))
                out.append(
                    self.module.construct(
                        "PinpointEndpointObjectType",
                        f"{channel.title()} endpoints",
                        kwargs,
                        comments=[
                            f"Pinpoint's {channel} endpoints (an endpoint export) become "
                            "profiles; the attributes the segments filter on are copied.",
                        ],
                    )
                )
            return ",".join(out)

        return self._once("endpoints", make).split(",")

    def knowledge_base(self) -> str:
        return self._once(
            "kb",
            lambda: self.module.construct(
                "MessageTemplateKnowledgeBase",
                "Message templates",
                [
                    ("knowledge_base_name", Str("message-templates")),
                    # the association lets the instance's campaigns send the templates
                    ("instance", Code(self.instance())),
                ],
                comments=["Amazon Q in Connect message templates: Pinpoint's templates."],
            ),
        )

    def instance(self) -> str:
        return self._once(
            "instance",
            lambda: self.module.construct(
                "ConnectInstance",
                "Connect instance",
                [("profiles_domain", Code(self.domain()))],
                comments=[
                    "The Amazon Connect instance that runs the outbound campaigns (or "
                    "ConnectInstance.from_instance_arn for an existing one).",
                ],
            ),
        )

    def onboarding(self) -> str:
        return self._once(
            "onboarding",
            lambda: self.module.construct(
                "OutboundCampaignsOnboarding",
                "Outbound campaigns onboarding",
                [("instance", Code(self.instance())), ("profiles_domain", Code(self.domain()))],
            ),
        )

    def email_address(self) -> str:
        def make() -> str:
            address = self.email_from or "news@example.com"
            comments = ["The address campaigns send email from"]
            if self.email_from is None:
                comments[0] += " (a placeholder: the export names none; change it)"
            comments[0] += "; its domain must be verified in Amazon Connect."
            kwargs: list[tuple[str, Expr]] = [
                ("instance", Code(self.instance())),
                ("email_address", Str(address)),
            ]
            if self.email_display_name:
                kwargs.append(("display_name", Str(self.email_display_name)))
            return self.module.construct(
                "ConnectEmailAddress",
                "Connect email address",
                kwargs,
                comments=comments,
            )

        return self._once("email_address", make)

    def phone_number(self) -> str:
        return self._once(
            "phone_number",
            lambda: self.module.construct(
                "ConnectPhoneNumber",
                "Connect phone number",
                [
                    ("instance", Code(self.instance())),
                    ("country_code", Str("US")),
                    ("number_type", Code(f"{self.lib('ConnectPhoneNumberType')}.TOLL_FREE")),
                ],
                comments=[
                    "The number SMS campaigns send from: a new toll-free number, or give "
                    "source_phone_number= your End User Messaging number instead.",
                ],
            ),
        )

    def app_events(self) -> str:
        def make() -> str:
            fm = self.lib("FieldMapping")
            fields = DictExpr(
                [
                    (
                        Str("userId"),
                        Call(f"{fm}.to_profile", [Str("userId"), Str("AccountNumber")]),
                    ),
                    (Str("eventId"), Call(f"{fm}.object_only", [Str("eventId")])),
                    (Str("eventType"), Call(f"{fm}.object_only", [Str("eventType")])),
                    *(
                        (Str(name), Call(f"{fm}.object_only", [Str(name)]))
                        for name in sorted(self.event_attributes)
                    ),
                ]
            )
            key, ident = self.lib("ObjectTypeKey"), self.lib("StandardIdentifier")
            keys = DictExpr(
                [
                    (
                        Str("user"),
                        ListExpr([Call(key, [literal(["userId"]), Code(f"[{ident}.PROFILE]")])]),
                    ),
                    (
                        Str("event"),
                        ListExpr([Call(key, [literal(["eventId"]), Code(f"[{ident}.UNIQUE]")])]),
                    ),
                ]
            )
            return self.module.construct(
                "ObjectType",
                "App events",
                [
                    ("domain", Code(self.domain())),
                    ("object_type_name", Str("AppEvent")),
                    ("fields", fields),
                    ("keys", keys),
                ],
                comments=[
                    "The app's events (Pinpoint's PutEvents), which event-triggered campaigns "
                    "watch: send them to Customer Profiles as AppEvent objects.",
                ],
            )

        return self._once("app_events", make)

    def ses_configuration_set(self) -> str:
        def make() -> str:
            ses = self.module.cdk_module("aws_cdk.aws_ses", "ses")
            return self.module.call(
                f"{ses}.ConfigurationSet",
                "Email configuration set",
                [("suppression_reasons", Code(f"{ses}.SuppressionReasons.BOUNCES_AND_COMPLAINTS"))],
            )

        return self._once("ses_configuration_set", make)

    def sms_configuration_set(self) -> str:
        return self._once(
            "sms_configuration_set",
            lambda: self.module.construct(
                "ConfigurationSet",
                "Sms voice configuration set",
                [],
                comments=["AWS End User Messaging SMS and voice: where Pinpoint's SMS went."],
            ),
        )

    # ---- what the segments and campaigns need --------------------------------------------

    def _scan(self) -> None:
        self.endpoint_attributes: set[str] = set()
        self.user_attributes: set[str] = set()
        self.metrics: set[str] = set()
        self.event_attributes: set[str] = set()
        channels = {
            "EmailChannelResponse": "EMAIL",
            "SMSChannelResponse": "SMS",
            "VoiceChannelResponse": "VOICE",
        }
        found = {channels[e.key] for e in self.exported if e.key in channels}
        for item in self.exported:
            if item.key == "SegmentResponse":
                for dims in _all_dimensions(item.body):
                    self.endpoint_attributes.update(
                        k for k in (dims.get("Attributes") or {}) if _attribute_name(k)
                    )
                    self.user_attributes.update(
                        k for k in (dims.get("UserAttributes") or {}) if _attribute_name(k)
                    )
                    self.metrics.update(
                        k for k in (dims.get("Metrics") or {}) if _attribute_name(k)
                    )
                    demographic = dims.get("Demographic") or {}
                    for value in (demographic.get("Channel") or {}).get("Values") or []:
                        if value in _ENDPOINT_CHANNELS:
                            found.add(value)
            elif item.key == "CampaignResponse":
                event_filter = (item.body.get("Schedule") or {}).get("EventFilter") or {}
                attributes = (event_filter.get("Dimensions") or {}).get("Attributes") or {}
                self.event_attributes.update(k for k in attributes if _attribute_name(k))
            elif item.key == "EmailChannelResponse":
                display, address = parseaddr(item.body.get("FromAddress") or "")
                self.email_from = address or None
                self.email_display_name = display or None
            elif item.key == "ApplicationSettingsResource":
                self.settings = item.body
        self.user_attributes -= self.endpoint_attributes
        self.channels = [c for c in _ENDPOINT_CHANNELS if c in found] or ["EMAIL"]

    # ---- project, settings, channels, event stream --------------------------------------

    def project(self, app: Exported | None, push: list[Exported]) -> None:
        name = _name(app.body, "Name", "Id") if app else (self.g.app_id or "the project")
        changes = [
            "Pinpoint's project held endpoints, segments, templates, campaigns and journeys; "
            "they now live in a Customer Profiles domain, Q in Connect and an Amazon Connect "
            "instance, which the generated module creates when a resource needs them."
        ]
        if push:
            self.g.attempt(_resources.app, self.g, app, None)
            successor = "PinpointApp (the End User Messaging Push application)"
            changes.append("The project stays, as the End User Messaging Push application.")
            variable: str | None = "app"
        else:
            successor = "ProfilesDomain and ConnectInstance (the project itself is retired)"
            variable = None
        if app is None:
            return
        self.report.add(
            Item(
                "Project",
                name,
                app.file,
                successor,
                Status.CHANGED,
                changes,
                "Export the endpoints (aws pinpoint create-export-job) and ingest them into "
                "the domain through the generated PinpointEndpointObjectType; after the "
                "successor program is deployed, retire the Pinpoint stack with "
                "retire_pinpoint_engagement.",
                sources_of(src.PUSH, src.OBJECT_TYPE),
                variable,
            )
        )

    def app_settings(self, item: Exported) -> None:
        body = item.body
        changes = []
        limits = body.get("Limits") or {}
        if body.get("QuietTime"):
            changes.append(
                "Quiet time becomes open hours on each campaign that has no quiet time of its "
                "own: messages wait for the window instead of being skipped."
            )
        if limits.get("Daily"):
            changes.append(
                f"The daily limit ({limits['Daily']} per endpoint) becomes a communication "
                "limit of each campaign without its own."
            )
        for key in ("Total", "MaximumDuration", "MessagesPerSecond", "Session"):
            if limits.get(key):
                changes.append(f"Limits.{key} has no campaign setting in Connect; dropped.")
        if body.get("CampaignHook", {}).get("LambdaFunctionName"):
            changes.append("The campaign hook has no equivalent (a journey custom action).")
        if body.get("JourneyLimits"):
            changes.append("Journey limits move to each Connect journey's own limits.")
        self.report.add(
            Item(
                "Application settings",
                "settings",
                item.file,
                "CommunicationLimits and OpenHours of each OutboundCampaign",
                Status.CHANGED if changes else Status.MIGRATED,
                changes,
                "Check the Connect instance's own communication limits too "
                "(instance_limits_handling).",
                sources_of(src.CAMPAIGN),
            )
        )

    def email_channel(self, item: Exported) -> None:
        body = item.body
        ses = self.module.cdk_module("aws_cdk.aws_ses", "ses")
        identity_arn = body.get("Identity") or ""
        identity = identity_arn.rsplit("/", 1)[-1] if "/" in identity_arn else None
        if identity is None and self.email_from:
            identity = self.email_from.rsplit("@", 1)[-1]
        changes = [
            "Email is sent with Amazon SES directly (or by Connect campaigns); the identity "
            "already exists in SES and is imported, not created."
        ]
        if identity:
            self.module.add(
                Call(
                    f"{ses}.EmailIdentity.from_email_identity_name",
                    [
                        Code("self"),
                        Code(repr_id(self.module.construct_id("Email identity"))),
                        Str(identity),
                    ],
                ),
                comments=["The SES identity Pinpoint's email channel sent from."],
            )
        config = self.ses_configuration_set()
        contact_list = self.module.construct(
            "ContactList",
            "Contact list",
            [],
            comments=["The account's SES contact list (subscriptions and topics)."],
        )
        if body.get("ConfigurationSet"):
            changes.append(
                f"The channel's configuration set {body['ConfigurationSet']!r} is replaced by "
                "the generated one; move its event destinations."
            )
        if body.get("RoleArn"):
            changes.append("The channel's role is no longer used (SES sends as the account).")
        self.report.add(
            Item(
                "Email channel",
                body.get("FromAddress") or "email",
                item.file,
                "SES EmailIdentity (imported), ses.ConfigurationSet, ContactList",
                Status.CHANGED,
                changes,
                "Verify the domain in Amazon Connect too if campaigns send email; subscribe "
                "recipients to the contact list.",
                sources_of(src.SES_IDENTITY, src.SES_CONFIGURATION_SET, src.SES_CONTACT_LIST),
                f"{config}, {contact_list}",
            )
        )

    def sms_voice_channel(self, item: Exported, kind: str) -> None:
        config = self.sms_configuration_set()
        changes = [
            "SMS and voice continue as AWS End User Messaging; sends name the configuration "
            "set for its defaults and event destinations."
        ]
        for key in ("SenderId", "ShortCode"):
            if item.body.get(key):
                changes.append(
                    f"{key} {item.body[key]!r}: an origination identity in End User Messaging "
                    "already; name it in each send or in the Connect phone number."
                )
        self.report.add(
            Item(
                kind,
                kind.split()[0].lower(),
                item.file,
                "sms_voice.ConfigurationSet",
                Status.CHANGED,
                changes,
                "Keep your phone numbers and sender IDs; import a number into Connect with "
                "ConnectPhoneNumber(source_phone_number=...) for SMS campaigns.",
                sources_of(src.SMS_CONFIGURATION_SET),
                config,
            )
        )

    def push_channel(self, item: Exported) -> None:
        self.g.attempt(_resources.channel, self.g, item)
        label = _resources.CHANNELS[item.key].label
        self.report.add(
            Item(
                "Push channel",
                label,
                item.file,
                f"{_resources.CHANNELS[item.key].construct} on the End User Messaging Push "
                "application",
                Status.MIGRATED,
                [
                    "Push keeps working on the Pinpoint API (End User Messaging Push); the "
                    "credentials, which the API never returns, are Secrets Manager placeholders."
                ],
                "Store the credentials under the secret names in the generated module before "
                "deploying. Campaigns can't send push: a journey custom action does.",
                sources_of(src.PUSH),
            )
        )

    def event_stream(self, item: Exported) -> None:
        archive = self.module.construct(
            "EventArchive",
            "Event archive",
            [],
            comments=["Pinpoint's event stream: SES and End User Messaging events, archived."],
        )
        destinations = []
        if "ses_configuration_set" in self._shared:
            self.module.add(
                Call(
                    f"{archive}.add_ses_configuration_set",
                    [Code(self._shared["ses_configuration_set"])],
                )
            )
            destinations.append("SES")
        if "sms_configuration_set" in self._shared:
            self.module.add(
                Call(
                    f"{archive}.add_sms_voice_configuration_set",
                    [Code(self._shared["sms_configuration_set"])],
                )
            )
            destinations.append("End User Messaging")
        changes = [
            f"The events of the {' and '.join(destinations) or 'no'} configuration set(s) "
            "go to the archive (tables ses_events, sms_voice_events) in each service's own "
            "event schema, not Pinpoint's.",
            f"The Kinesis destination {item.body.get('DestinationStreamArn', '')!r} is no longer "
            "fed.",
        ]
        self.report.add(
            Item(
                "Event stream",
                item.body.get("DestinationStreamArn") or "event stream",
                item.file,
                "EventArchive with configuration-set event destinations",
                Status.CHANGED,
                changes,
                "Point consumers of the old stream at the archive's tables or the new "
                "sources stream.",
                sources_of(src.SES_EVENT_DESTINATION, src.SMS_CONFIGURATION_SET),
                archive,
            )
        )

    # ---- templates -----------------------------------------------------------------------

    def template(self, item: Exported) -> None:
        kind, label, cls = _TEMPLATE_KINDS[item.key]
        body = item.body
        name = _name(body, "TemplateName")
        if cls is None:
            reason = (
                "In-app messaging is not available in Amazon Connect."
                if kind == "INAPP"
                else "Q in Connect has no voice templates; a Connect voice campaign plays a "
                "contact flow."
            )
            self.report.add(
                Item(
                    label,
                    name,
                    item.file,
                    "no equivalent",
                    Status.NO_EQUIVALENT,
                    [reason],
                    "Keep the content for reference; rebuild the message in a contact flow "
                    "(voice) or in the app (in-app).",
                    sources_of(),
                )
            )
            return
        from ..connect.message_templates._conversion import convert_response

        try:
            converted = convert_response(body)
        except ValueError as error:
            self.report.add(
                Item(
                    label,
                    name,
                    item.file,
                    "no equivalent (the conversion failed)",
                    Status.MANUAL,
                    [str(error)],
                    "Rewrite the template by hand and write it with "
                    f"{cls}(...) in the generated module.",
                    sources_of(src.MESSAGE_TEMPLATE),
                )
            )
            return
        template = {k: body[k] for k in _TEMPLATE_MEMBERS[kind] if body.get(k) is not None}
        if body.get("DefaultSubstitutions"):
            template["DefaultSubstitutions"] = body["DefaultSubstitutions"]
        kwargs: list[tuple[str, Expr]] = [
            ("knowledge_base", Code(self.knowledge_base())),
            ("template", literal(template)),
        ]
        if body.get("TemplateDescription"):
            kwargs.append(("description", Str(body["TemplateDescription"])))
        variable = self.module.call(
            f"{self.lib(cls)}.from_pinpoint",
            name,
            kwargs,
            suffix=kind.lower(),
            comments=[f"Pinpoint {label.lower()} {name!r}, references rewritten."],
        )
        self.templates[(kind, name)] = variable
        changes = [
            "References are rewritten to Connect's names "
            "({{User.UserAttributes.X}} -> {{Attributes.Customer.Attributes.X}}) through the "
            "template's syntax tree."
        ]
        changes += [str(note) for note in converted.notes]
        if body.get("RecommenderId"):
            changes.append("The recommender model has no equivalent; its attributes are dropped.")
        self.report.add(
            Item(
                label,
                name,
                item.file,
                f"{cls} (Q in Connect)",
                Status.CHANGED,
                changes,
                "Render the template with a real profile (python -m "
                "pinpoint_constructs.connect.message_templates.preview) before sending."
                + (
                    " Email sent through SES directly (not by a campaign) takes "
                    "SesEmailTemplate.from_pinpoint instead."
                    if kind == "EMAIL"
                    else ""
                ),
                sources_of(src.MESSAGE_TEMPLATE),
                variable,
            )
        )

    # ---- segments ------------------------------------------------------------------------

    def segment(self, item: Exported) -> None:
        body = item.body
        name = _name(body, "Name", "Id")
        sources = sources_of(src.SEGMENT_DEFINITION)
        if body.get("SegmentType") == "IMPORT" or body.get("ImportDefinition"):
            self.unmigrated_segments.add(body.get("Id"))
            self.report.add(
                Item(
                    "Segment",
                    name,
                    item.file,
                    "no segment definition (an imported segment is a list of endpoints)",
                    Status.MANUAL,
                    ["An imported segment is a fixed list; Customer Profiles has no such kind."],
                    "Ingest the list's endpoints into the domain and tag them with a custom "
                    "attribute (e.g. Segment = this name); a segment definition on that "
                    "attribute then takes its place.",
                    sources,
                )
            )
            return
        changes: list[str] = []
        unconvertible: list[str] = []
        groups: list[Expr] = []
        top = body.get("Dimensions")
        segment_groups = body.get("SegmentGroups") or {}
        if top:
            dims = self._dimensions(top, changes, unconvertible, name)
            if dims:
                groups.append(Call(self.lib("SegmentDefinitionGroup"), [], [("dimensions", dims)]))
        for group in segment_groups.get("Groups") or []:
            kwargs: list[tuple[str, Expr]] = []
            dimension_exprs: list[Expr] = []
            for dims in group.get("Dimensions") or []:
                converted = self._dimensions(dims, changes, unconvertible, name)
                if converted is not None:
                    dimension_exprs.extend(converted.items)
            if len(group.get("Dimensions") or []) > 1 and group.get("Type") == "ANY":
                changes.append(
                    "A group of dimensions combined with ANY: each Pinpoint dimension set is "
                    "one or two Customer Profiles dimensions, so check the grouping."
                )
            if dimension_exprs:
                kwargs.append(("dimensions", ListExpr(dimension_exprs)))
            bases = []
            for base in group.get("SourceSegments") or []:
                variable = self.segments.get(base.get("Id"))
                if variable is None:
                    unconvertible.append(f"base segment {base.get('Id')!r} is not in the export")
                else:
                    bases.append(Code(variable))
            if bases:
                kwargs.append(("source_segments", ListExpr(bases)))
                if group.get("SourceType"):
                    kwargs.append(("source_type", self._include(group["SourceType"])))
            if group.get("Type") and dimension_exprs:
                kwargs.append(("type", self._include(group["Type"])))
            if dimension_exprs or bases:
                groups.append(Call(self.lib("SegmentDefinitionGroup"), [], kwargs))
        if not groups:
            # every profile: Pinpoint's "all endpoints" segment; a definition needs a filter
            groups.append(self._everyone(changes))
        groups_kwargs: list[tuple[str, Expr]] = [("groups", ListExpr(groups))]
        include = segment_groups.get("Include")
        if include and include != "ALL":
            groups_kwargs.append(("include", self._include(include)))
        kwargs_def: list[tuple[str, Expr]] = [
            ("domain", Code(self.domain())),
            ("display_name", Str(name)),
            ("groups", Call(self.lib("SegmentDefinitionGroups"), [], groups_kwargs)),
        ]
        if body.get("tags"):
            kwargs_def.append(("tags", literal(body["tags"])))
        variable = self.module.construct(
            "SegmentDefinition", name, kwargs_def, comments=[f"Pinpoint segment {name!r}."]
        )
        if isinstance(body.get("Id"), str):
            self.segments[body["Id"]] = variable
        for reason in unconvertible:
            changes.append(f"Not migrated: {reason}.")
        status = (
            Status.NO_EQUIVALENT
            if unconvertible and not groups
            else Status.CHANGED
            if changes or unconvertible
            else Status.MIGRATED
        )
        action = "Ingest the endpoints (the generated endpoint object types) before using it."
        if unconvertible:
            action = (
                "Rebuild the filters listed as not migrated by hand (e.g. a bounding box on "
                "latitude/longitude attributes for a GPS radius), or accept the wider segment. "
                + action
            )
        self.report.add(
            Item(
                "Segment",
                name,
                item.file,
                "SegmentDefinition"
                + (" + CalculatedAttribute" if any("calculated" in c for c in changes) else ""),
                status,
                changes,
                action,
                sources + ([src.CALCULATED_ATTRIBUTE] if "calculated" in " ".join(changes) else []),
                variable,
            )
        )

    def _everyone(self, changes: list[str]) -> Expr:
        types = self.endpoint_types()
        del types
        from ..profiles import EndpointChannel, PinpointEndpointObjectType

        status = PinpointEndpointObjectType.attribute_names(EndpointChannel[self.channels[0]])[
            "endpoint_status"
        ]
        changes.append(
            f"A segment without filters (all endpoints) becomes the profiles whose {status} is "
            "ACTIVE: a segment definition needs a filter."
        )
        return Call(
            self.lib("SegmentDefinitionGroup"),
            [],
            [
                (
                    "dimensions",
                    ListExpr(
                        [self._profile_attributes({status: self._attr("inclusive", ["ACTIVE"])})]
                    ),
                )
            ],
        )

    def _include(self, value: str) -> Code:
        return Code(f"{self.lib('IncludeOptions')}.{value}")

    def _attr(self, method: str, values: Iterable[Any]) -> Expr:
        return Call(f"{self.lib('AttributeDimension')}.{method}", [literal(v) for v in values])

    def _profile_attributes(self, attributes: dict[str, Expr], address: Expr | None = None) -> Expr:
        kwargs: list[tuple[str, Expr]] = []
        if attributes:
            kwargs.append(("attributes", DictExpr([(Str(k), v) for k, v in attributes.items()])))
        if address is not None:
            kwargs.append(("address", address))
        return Call(self.lib("ProfileAttributes"), [], kwargs)

    def _dimensions(
        self, dims: dict[str, Any], changes: list[str], unconvertible: list[str], name: str
    ) -> ListExpr | None:
        """One Pinpoint ``SegmentDimensions`` as Customer Profiles dimensions."""
        from ..profiles import EndpointChannel, PinpointEndpointObjectType

        self.endpoint_types()
        attributes: dict[str, Expr] = {}
        calculated: list[tuple[str, Expr]] = []
        address: Expr | None = None
        for member in ("Attributes", "UserAttributes"):
            for key, dim in (dims.get(member) or {}).items():
                if not _attribute_name(key):
                    unconvertible.append(
                        f"{member}.{key}: not a valid Customer Profiles attribute name"
                    )
                    continue
                op = _ATTRIBUTE_OPS.get(dim.get("AttributeType") or "INCLUSIVE")
                values = list(dim.get("Values") or [])
                if op is None or not values:
                    unconvertible.append(f"{member}.{key}: operator {dim.get('AttributeType')}")
                    continue
                if op in ("before", "after", "on"):
                    values = values[:1]
                elif op == "between":
                    values = values[:2]
                attributes[key] = self._attr(op, values)
                if member == "UserAttributes":
                    changes.append(
                        f"User attribute {key} is a custom profile attribute of the same name."
                    )
        for key, metric in (dims.get("Metrics") or {}).items():
            op = _METRIC_OPS.get(metric.get("ComparisonOperator", ""))
            if op is None or not _attribute_name(key):
                unconvertible.append(f"Metrics.{key}")
                continue
            attributes[key] = self._attr(op, [metric.get("Value", 0)])
            changes.append(
                f"Metric {key} is a custom profile attribute copied from each endpoint at "
                "ingestion, not a live endpoint metric."
            )
        demographic = dims.get("Demographic") or {}
        channel = demographic.get("Channel") or {}
        if channel.get("Values"):
            values = [v for v in channel["Values"] if v in _ENDPOINT_CHANNELS]
            if values:
                status = PinpointEndpointObjectType.attribute_names(EndpointChannel[values[0]])[
                    "endpoint_status"
                ]
                method = "exclusive" if channel.get("DimensionType") == "EXCLUSIVE" else "inclusive"
                attributes[status] = self._attr(method, ["ACTIVE"])
                changes.append(
                    f"The channel dimension becomes the {status} attribute (an active "
                    f"{values[0]} endpoint)."
                )
                if len(values) > 1:
                    unconvertible.append(
                        f"channels {', '.join(values[1:])} of the channel dimension (one kept)"
                    )
            others = [v for v in channel["Values"] if v not in _ENDPOINT_CHANNELS]
            if others:
                unconvertible.append(
                    f"channel dimension values {', '.join(others)} (push channels are not on "
                    "profiles)"
                )
        for key in ("AppVersion", "DeviceType", "Make", "Model", "Platform"):
            if (demographic.get(key) or {}).get("Values"):
                unconvertible.append(
                    f"Demographic.{key} (device demographics have no profile field)"
                )
        location = dims.get("Location") or {}
        country = location.get("Country") or {}
        if country.get("Values"):
            method = "exclusive" if country.get("DimensionType") == "EXCLUSIVE" else "inclusive"
            address = Call(
                self.lib("AddressDimension"),
                [],
                [
                    (
                        "country",
                        Call(
                            f"{self.lib('ProfileDimension')}.{method}",
                            [Str(v) for v in country["Values"]],
                        ),
                    )
                ],
            )
            changes.append("Location.Country is the profile address's country.")
        if location.get("GPSPoint"):
            unconvertible.append("Location.GPSPoint (GPS-radius segments have no equivalent)")
        recency = (dims.get("Behavior") or {}).get("Recency") or {}
        if recency.get("Duration") in _RECENCY_DAYS:
            days = _RECENCY_DAYS[recency["Duration"]]
            variable = self._recency_attribute(days)
            active = recency.get("RecencyType", "ACTIVE") == "ACTIVE"
            calculated.append((variable, self._attr("greater_than" if active else "equal", [0])))
            changes.append(
                f"Recency ({recency.get('RecencyType', 'ACTIVE')} in {days} day(s)) needs the "
                f"calculated attribute events_{days}d: app events in that window, counted "
                "per profile (Pinpoint counted endpoint activity)."
            )
        out: list[Expr] = []
        if attributes or address is not None:
            out.append(self._profile_attributes(attributes, address))
        if calculated:
            out.append(
                Call(
                    self.lib("CalculatedAttributes"),
                    [DictExpr([(Code(k), v) for k, v in calculated])],
                )
            )
        return ListExpr(out) if out else None

    def _recency_attribute(self, days: int) -> str:
        def make() -> str:
            events = self.app_events()
            del events
            return self.module.construct(
                "CalculatedAttribute",
                f"events {days}d",
                [
                    ("domain", Code(self.domain())),
                    ("calculated_attribute_name", Str(f"events_{days}d")),
                    ("attributes", literal(["AppEvent.eventId"])),
                    ("expression", Str("{AppEvent.eventId}")),
                    ("statistic", Code(f"{self.lib('CalculatedStatistic')}.COUNT")),
                    (
                        "range",
                        Call(
                            f"{self.lib('CalculatedAttributeRange')}.last",
                            [Call(self._cdk("Duration") + ".days", [Code(str(days))])],
                        ),
                    ),
                ],
                comments=[f"Pinpoint's recency filter: app events in the last {days} day(s)."],
            )

        return self._once(f"recency{days}", make)

    # ---- campaigns -----------------------------------------------------------------------

    def campaign(self, item: Exported) -> None:
        body = item.body
        name = _name(body, "Name", "Id")
        changes: list[str] = []
        missing: list[str] = []
        sources = sources_of(src.CAMPAIGN, src.CAMPAIGNS_API)
        channels: list[Expr] = []
        used: list[str] = []  # email / sms
        templates = body.get("TemplateConfiguration") or {}
        message = body.get("MessageConfiguration") or {}
        for kind, member, message_member in (
            ("EMAIL", "EmailTemplate", "EmailMessage"),
            ("SMS", "SMSTemplate", "SMSMessage"),
        ):
            template_var = None
            ref = templates.get(member) or {}
            if ref.get("Name"):
                template_var = self.templates.get((kind, ref["Name"]))
                if template_var is None:
                    missing.append(
                        f"the {kind.lower()} template {ref['Name']!r} is not in the export"
                    )
                elif ref.get("Version"):
                    changes.append(
                        f"The template version {ref['Version']} is not kept: the campaign sends "
                        "the Q in Connect template's published version."
                    )
            elif message.get(message_member):
                template_var = self._inline_template(kind, name, message[message_member], changes)
            if template_var is None:
                continue
            if kind == "EMAIL":
                channels.append(
                    Call(
                        f"{self.lib('CampaignChannel')}.email",
                        [],
                        [
                            ("template", Code(template_var)),
                            ("from_address", Code(self.email_address())),
                        ],
                    )
                )
            else:
                channels.append(
                    Call(
                        f"{self.lib('CampaignChannel')}.sms",
                        [],
                        [
                            ("template", Code(template_var)),
                            ("phone_number", Code(self.phone_number())),
                        ],
                    )
                )
            used.append(kind.lower())
        for member in ("PushTemplate", "InAppTemplate", "VoiceTemplate"):
            if templates.get(member):
                changes.append(f"{member} can't be sent by an outbound campaign; not migrated.")
        for member in (
            "APNSMessage",
            "GCMMessage",
            "BaiduMessage",
            "ADMMessage",
            "DefaultMessage",
            "InAppMessage",
            "CustomMessage",
        ):
            if message.get(member):
                changes.append(
                    f"MessageConfiguration.{member} can't be sent by an outbound "
                    "campaign; not migrated."
                )
        if body.get("CustomDeliveryConfiguration"):
            changes.append("The custom channel is available only in journeys (custom action).")
        if not channels:
            reason = "; ".join(missing) or "no email or SMS message"
            self.report.add(
                Item(
                    "Campaign",
                    name,
                    item.file,
                    "no equivalent as an outbound campaign",
                    Status.NO_EQUIVALENT if not missing else Status.MANUAL,
                    [*changes, f"Not migrated: {reason}."],
                    "Push, in-app and custom-channel campaigns need a Connect journey with a "
                    "custom action (push through End User Messaging Push)."
                    if not missing
                    else "Export the missing templates and run the migration again.",
                    sources_of(src.CAMPAIGN, src.JOURNEYS, src.PUSH),
                )
            )
            return
        for reason in missing:
            changes.append(f"Not migrated: {reason}.")
        schedule = body.get("Schedule") or {}
        kwargs: list[tuple[str, Expr]] = [
            ("instance", Code(self.instance())),
            ("onboarding", Code(self.onboarding())),
            ("campaign_name", Str(name)),
            ("channels", ListExpr(channels)),
        ]
        segment = self.segments.get(body.get("SegmentId", ""))
        if schedule.get("Frequency") in ("EVENT", "IN_APP_EVENT"):
            trigger = self._event_trigger(name, schedule, segment, changes)
            kwargs.append(
                ("source", Call(f"{self.lib('CampaignSource')}.event_trigger", [Code(trigger)]))
            )
            sources += [src.EVENT_TRIGGER, src.EVENT_TRIGGERS]
        elif segment is not None:
            kwargs.append(
                ("source", Call(f"{self.lib('CampaignSource')}.segment", [Code(segment)]))
            )
        else:
            why = (
                "has no segment definition (see its item)"
                if body.get("SegmentId") in self.unmigrated_segments
                else "is not in the export"
            )
            changes.append(
                f"Not migrated: the segment {body.get('SegmentId')!r} {why} (no source: the "
                "campaign has no audience until you give it one)."
            )
        kwargs.append(("schedule", self._schedule(body, schedule, changes)))
        communication_time = self._communication_time(schedule, used, changes)
        if communication_time is not None:
            kwargs.append(("communication_time", communication_time))
        limits = self._limits(body.get("Limits") or {}, changes)
        if limits is not None:
            kwargs.append(("communication_limits", limits))
        if body.get("tags"):
            kwargs.append(("tags", literal(body["tags"])))
        if body.get("HoldoutPercent") or body.get("AdditionalTreatments"):
            changes.append(
                "Holdout and treatments (A/B tests) become a journey percentage split "
                "(Distribute by percentage); this campaign sends the default treatment only."
            )
            sources.append(src.JOURNEYS)
        if body.get("Hook", {}).get("LambdaFunctionName"):
            changes.append("The campaign hook has no equivalent (a journey custom action).")
        if body.get("Priority"):
            changes.append("Priority has no equivalent; dropped.")
        if body.get("Description"):
            changes.append("The description is not a campaign property in Connect; dropped.")
        variable = self.module.construct(
            "OutboundCampaign", name, kwargs, comments=[f"Pinpoint campaign {name!r}."]
        )
        self.report.add(
            Item(
                "Campaign",
                name,
                item.file,
                "OutboundCampaign",
                Status.CHANGED if changes else Status.MIGRATED,
                changes,
                "Check the schedule and the sender (email address, phone number); start the "
                "campaign after the profiles are ingested.",
                sources,
                variable,
            )
        )

    def _inline_template(
        self, kind: str, campaign: str, message: dict[str, Any], changes: list[str]
    ) -> str | None:
        if kind == "EMAIL":
            template = {
                "TemplateName": f"{campaign}-email",
                "TemplateType": "EMAIL",
                "Subject": message.get("Title") or "",
                "HtmlPart": message.get("HtmlBody"),
                "TextPart": message.get("Body"),
            }
            cls = "EmailMessageTemplate"
        else:
            template = {
                "TemplateName": f"{campaign}-sms",
                "TemplateType": "SMS",
                "Body": message.get("Body") or "",
            }
            cls = "SmsMessageTemplate"
        template = {k: v for k, v in template.items() if v is not None}
        try:
            from ..connect.message_templates._conversion import convert_response

            converted = convert_response(template)
        except ValueError as error:
            changes.append(f"The inline {kind.lower()} message can't be converted: {error}")
            return None
        changes.append(
            f"The campaign's own {kind.lower()} message becomes a Q in Connect template."
        )
        changes.extend(str(note) for note in converted.notes)
        return self.module.call(
            f"{self.lib(cls)}.from_pinpoint",
            f"{campaign}-{kind.lower()}",
            [("knowledge_base", Code(self.knowledge_base())), ("template", literal(template))],
            suffix=kind.lower(),
            comments=[f"The message of campaign {campaign!r} as a template."],
        )

    def _event_trigger(
        self, name: str, schedule: dict[str, Any], segment: str | None, changes: list[str]
    ) -> str:
        event_filter = schedule.get("EventFilter") or {}
        dims = event_filter.get("Dimensions") or {}
        attribute = f"{self.lib('ObjectAttribute')}.field"
        ops = self.lib("EventComparisonOperator")
        conditions: list[Expr] = []
        event_type = dims.get("EventType") or {}
        if event_type.get("Values"):
            op = "EXCLUSIVE" if event_type.get("DimensionType") == "EXCLUSIVE" else "INCLUSIVE"
            conditions.append(
                Call(
                    attribute,
                    [
                        Str("eventType"),
                        Code(f"{ops}.{op}"),
                        *(Str(v) for v in event_type["Values"]),
                    ],
                )
            )
        for key, dim in (dims.get("Attributes") or {}).items():
            op = dim.get("AttributeType", "INCLUSIVE")
            if _attribute_name(key) and op in ("INCLUSIVE", "EXCLUSIVE", "CONTAINS", "BEFORE"):
                conditions.append(
                    Call(
                        attribute,
                        [
                            Str(key),
                            Code(f"{ops}.{op}"),
                            *(Str(str(v)) for v in dim.get("Values") or []),
                        ],
                    )
                )
            else:
                changes.append(f"Not migrated: the event attribute filter {key!r} ({op}).")
        if dims.get("Metrics"):
            changes.append("Not migrated: the event metric filters; add them to the trigger.")
        if not conditions:
            conditions.append(Call(attribute, [Str("eventType"), Code(f"{ops}.CONTAINS"), Str("")]))
            changes.append("The event filter had no event type: the trigger fires on any event.")
        if event_filter.get("FilterType") == "SYSTEM":
            changes.append("System events (_email.*, _SMS.*) are not app events; check the filter.")
        kwargs: list[tuple[str, Expr]] = [
            ("domain", Code(self.domain())),
            ("object_type", Code(self.app_events())),
            (
                "conditions",
                ListExpr([Call(f"{self.lib('EventTriggerCondition')}.all", conditions)]),
            ),
        ]
        if segment is not None:
            kwargs.append(("segment_filter", Code(segment)))
        changes.append(
            "The event campaign is an event trigger on the app's events in Customer Profiles "
            "(the AppEvent object type), restricted to the segment's profiles."
        )
        return self.module.construct(
            "EventTrigger",
            f"{name} trigger",
            kwargs,
            comments=[f"The event that starts campaign {name!r}."],
        )

    def _schedule(self, body: dict[str, Any], schedule: dict[str, Any], changes: list[str]) -> Expr:
        start_text = schedule.get("StartTime") or "IMMEDIATE"
        if start_text == "IMMEDIATE":
            start = _parse(body.get("CreationDate")) or datetime(2027, 1, 1, tzinfo=UTC)
            changes.append(
                "An immediate campaign starts at the time written here (the export's creation "
                "date): change it to when the migrated campaign should run."
            )
        else:
            start = _parse(start_text) or datetime(2027, 1, 1, tzinfo=UTC)
            if start < datetime.now(UTC):
                changes.append(
                    f"The start time {start_text} has passed: set when the migrated campaign "
                    "should start."
                )
        end = _parse(schedule.get("EndTime"))
        if end is None:
            end = start + timedelta(days=365)
            changes.append("A Connect campaign needs an end time: one year after the start.")
        kwargs: list[tuple[str, Expr]] = [
            ("start", self._datetime(start)),
            ("end", self._datetime(end)),
        ]
        frequency = schedule.get("Frequency")
        if frequency in _REFRESH:
            unit, count = _REFRESH[frequency]
            kwargs.append(
                ("refresh_frequency", Call(f"{self._cdk('Duration')}.{unit}", [Code(str(count))]))
            )
            changes.append(
                f"{frequency} recurrence becomes a segment refresh every {count} {unit}: Connect "
                "sends to profiles as they enter the segment, not to the whole segment again."
            )
        return Call(self.lib("CampaignSchedule"), [], kwargs)

    def _datetime(self, value: datetime) -> Expr:
        dt = self.module.use("datetime", "datetime")
        utc = self.module.use("datetime", "UTC")
        value = value.astimezone(UTC)
        parts = [value.year, value.month, value.day, value.hour, value.minute]
        return Code(f"{dt}({', '.join(map(str, parts))}, tzinfo={utc})")

    def _communication_time(
        self, schedule: dict[str, Any], used: list[str], changes: list[str]
    ) -> Expr | None:
        quiet = schedule.get("QuietTime") or self.settings.get("QuietTime") or {}
        timezone = _iana(schedule.get("Timezone"))
        if schedule.get("Timezone") and timezone is None:
            changes.append(
                f"The time zone {schedule['Timezone']!r} is an offset, not a place: the "
                "campaign's default time zone is UTC; set default_time_zone to the "
                "recipients' IANA zone."
            )
        kwargs: list[tuple[str, Expr]] = [("default_time_zone", Str(timezone or "UTC"))]
        if schedule.get("IsLocalTime"):
            detection = self.lib("LocalTimeZoneDetection")
            kwargs.append(
                (
                    "local_time_zone_detection",
                    ListExpr([Code(f"{detection}.ZIP_CODE"), Code(f"{detection}.AREA_CODE")]),
                )
            )
            changes.append(
                "Local time: Connect finds each recipient's time zone from the postal code or "
                "the phone number's area code."
            )
        if quiet.get("Start") and quiet.get("End"):
            window = Call(self.lib("TimeWindow"), [], [("open_hours", self._open_hours(quiet))])
            kwargs.extend((channel, window) for channel in used)
            origin = "campaign's" if schedule.get("QuietTime") else "project's"
            changes.append(
                f"The {origin} quiet time {quiet['Start']}-{quiet['End']} becomes open hours: "
                "messages wait for the window instead of being skipped."
            )
        elif len(kwargs) == 1 and timezone is None:
            return None
        return Call(self.lib("CommunicationTime"), [], kwargs)

    def _open_hours(self, quiet: dict[str, str]) -> Expr:
        hours = self.lib("OpenHours")
        clock = self.module.use("datetime", "time")
        (sh, sm), (eh, em) = _time(quiet["Start"]), _time(quiet["End"])

        def at(hour: int, minute: int) -> Code:
            return Code(f"{clock}({hour}, {minute})" if minute else f"{clock}({hour})")

        if (sh, sm) > (eh, em):  # quiet overnight: open from its end to its start
            return Call(f"{hours}.every_day", [at(eh, em), at(sh, sm)])
        rng = self.lib("TimeRange")
        day = self.lib("DayOfWeek")
        ranges = ListExpr([Call(rng, [at(0, 0), at(sh, sm)]), Call(rng, [at(eh, em), at(23, 59)])])
        return Call(hours, [Code(f"dict.fromkeys({day}, {ranges.flat()})")])

    def _limits(self, limits: dict[str, Any], changes: list[str]) -> Expr | None:
        own = bool(limits.get("Daily"))
        limits = limits if own else (self.settings.get("Limits") or {})
        out: list[Expr] = []
        if limits.get("Daily"):
            out.append(
                Call(
                    f"{self.lib('CommunicationLimit')}.per_days",
                    [Code(str(limits["Daily"])), Code("1")],
                )
            )
            changes.append(
                f"The {'campaign' if own else 'project'}'s daily limit ({limits['Daily']}) is a "
                "communication limit per recipient and day."
            )
        for key in ("Total", "Session", "MaximumDuration", "MessagesPerSecond"):
            if limits.get(key):
                changes.append(f"Limits.{key} has no equivalent in Connect campaigns; dropped.")
        if not out:
            return None
        return Call(f"{self.lib('CommunicationLimits')}.of", out)

    # ---- journeys ------------------------------------------------------------------------

    def journey(self, item: Exported) -> None:
        """``ConnectJourney.from_pinpoint`` when the journey converts (its templates migrated,
        its audience a migrated segment, no push step); otherwise reported, activity by
        activity, with the Connect journey block each one becomes."""
        from ..connect.journeys.conversion import convert_journey

        body = item.body
        name = _name(body, "Name", "Id")
        plan = convert_journey(body)
        kinds = {node.get("kind") for node in plan.nodes.values()}
        needed = sorted(
            {
                (str(node.get("kind")).upper(), str(node.get("template")))
                for node in plan.nodes.values()
                if node.get("kind") in ("email", "sms") and node.get("template")
            }
        )
        start = (body.get("StartCondition") or {}).get("SegmentStartCondition") or {}
        segment = self.segments.get(start.get("SegmentId", ""))
        blockers = []
        if plan.start is None:
            blockers.append("no activity converts to a Connect journey step")
        blockers += [
            f"the {kind.lower()} template {template!r} is not migrated"
            for kind, template in needed
            if (kind, template) not in self.templates
        ]
        if segment is None:
            blockers.append("its audience is not a migrated segment definition")
        if "push" in kinds:
            blockers.append("its push steps need a JourneyPushAction")
        if blockers:
            self._journey_by_hand(item, name, blockers)
            return
        changes = [f"Not carried over: {note}." for note in plan.notes]
        journey = {
            k: v
            for k, v in body.items()
            if k in ("Name", "Activities", "StartActivity") and v not in (None, {}, [])
        }
        kwargs: list[tuple[str, Expr]] = [
            ("journey", literal(journey)),
            ("instance", Code(self.instance())),
            ("onboarding", Code(self.onboarding())),
            (
                "templates",
                DictExpr([(Str(t), Code(self.templates[(k, t)])) for k, t in needed]),
            ),
        ]
        if "email" in kinds:
            kwargs.append(("from_address", Code(self.email_address())))
        if "sms" in kinds:
            kwargs.append(("phone_number", Code(self.phone_number())))
        kwargs.append(
            ("source", Call(f"{self.lib('CampaignSource')}.segment", [Code(str(segment))]))
        )
        kwargs.append(("schedule", self._schedule(body, body.get("Schedule") or {}, changes)))
        variable = self.module.call(
            f"{self.lib('ConnectJourney')}.from_pinpoint",
            name,
            kwargs,
            suffix="journey",
            comments=[f"Pinpoint journey {name!r}, converted activity by activity."],
        )
        for key in ("Limits", "QuietTime", "OpenHours", "ClosedDays"):
            if body.get(key) and not _is_default(key, body[key]):
                changes.append(
                    f"{key} is not carried over: give the journey communication_limits / "
                    "communication_time."
                )
        self.report.add(
            Item(
                "Journey",
                name,
                item.file,
                "ConnectJourney (a Connect journey: a JOURNEY campaign and its flow)",
                Status.CHANGED,
                changes or ["Each activity is a step of the journey's flow."],
                "Check the flow (ConnectJourney.flow_json) and the schedule before starting it.",
                sources_of(src.JOURNEYS, src.CAMPAIGN),
                variable,
            )
        )

    def _journey_by_hand(self, item: Exported, name: str, blockers: list[str]) -> None:
        body = item.body
        activities = body.get("Activities") or {}
        changes = [f"Not generated: {reason}." for reason in blockers]
        start = (body.get("StartCondition") or {}).get("SegmentStartCondition") or {}
        segment = self.segments.get(start.get("SegmentId", ""))
        if segment is not None:
            changes.append(f"Its audience is the migrated segment definition {segment}.")
        if (body.get("StartCondition") or {}).get("EventStartCondition"):
            changes.append("It starts on an event: an event trigger on the AppEvent objects.")
        for activity_id, activity in sorted(activities.items()):
            for kind in (k for k in activity if k in _JOURNEY_BLOCKS):
                template = (activity.get(kind) or {}).get("TemplateName")
                migrated = ""
                if template:
                    channel = _JOURNEY_TEMPLATE_CHANNELS.get(kind)
                    variable = self.templates.get((channel, template)) if channel else None
                    migrated = (
                        f", template {template!r} migrated as {variable}"
                        if variable
                        else f", template {template!r} not migrated"
                    )
                changes.append(
                    f"Activity {activity_id} ({kind}): {_JOURNEY_BLOCKS[kind]}{migrated}."
                )
        self.report.add(
            Item(
                "Journey",
                name,
                item.file,
                "ConnectJourney (Connect journeys): not generated",
                Status.MANUAL,
                changes,
                "Finish what is listed and run the migration again, or build the journey with "
                "ConnectJourney (or the Visual Journey Builder) from the blocks listed.",
                sources_of(src.JOURNEYS),
            )
        )


#: The Connect journey block each Pinpoint activity becomes ("Journey flow block
#: definitions" in the Amazon Connect administrator guide, linked from the journeys page).
_JOURNEY_BLOCKS = {
    "Wait": "a Wait block",
    "ConditionalSplit": "a Check attributes (or Customer profiles) block",
    "MultiCondition": "a Check attributes block with one branch per condition",
    "RandomSplit": "a Distribute by percentage block",
    "Holdout": "a Distribute by percentage block whose held-out branch ends the flow",
    "EMAIL": "a Send communication block (email)",
    "SMS": "a Send communication block (SMS)",
    "PUSH": "a Custom action block (push through End User Messaging Push)",
    "CUSTOM": "a Custom action block (the Lambda function)",
    "ContactCenter": "a Send communication block (voice)",
}
_JOURNEY_TEMPLATE_CHANNELS = {"EMAIL": "EMAIL", "SMS": "SMS", "PUSH": "PUSH"}


def _is_default(key: str, value: Any) -> bool:
    return is_service_default(key, value)


#: Custom attribute names a segment definition takes (schema
#: ``AWS::CustomerProfiles::SegmentDefinition`` ``CustomAttributes``).
_ATTRIBUTE_NAME = re.compile(r"[a-zA-Z_][a-zA-Z_0-9-]*")


def _attribute_name(key: str) -> bool:
    return bool(_ATTRIBUTE_NAME.fullmatch(key))


def _all_dimensions(body: dict[str, Any]) -> list[dict[str, Any]]:
    out = [body["Dimensions"]] if isinstance(body.get("Dimensions"), dict) else []
    for group in (body.get("SegmentGroups") or {}).get("Groups") or []:
        out.extend(d for d in group.get("Dimensions") or [] if isinstance(d, dict))
    return out


def _parse(text: Any) -> datetime | None:
    if not isinstance(text, str) or not text:
        return None
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _iana(zone: Any) -> str | None:
    """Pinpoint's time zone as an IANA id the campaign takes: ``UTC`` (and ``UTC+00``) or an
    IANA id as is; ``None`` for an offset (``UTC+01``, ``UTC-05:30``), which names no place:
    the ``Etc/GMT+5`` ids hold a ``+`` that ``CommunicationTime`` refuses."""
    if not isinstance(zone, str) or not zone:
        return None
    if zone in ("UTC", "UTC+00", "UTC-00", "UTC+00:00"):
        return "UTC"
    return zone if "/" in zone else None


def run(exported: list[Exported], module: Module, report: Report) -> Migrator:
    """Every response of ``exported`` into ``module`` and ``report``."""
    m = Migrator(module, exported, report)
    by_key: dict[str, list[Exported]] = {}
    for item in exported:
        by_key.setdefault(item.key, []).append(item)
        if item.key != "ApplicationResponse" and isinstance(item.body.get("ApplicationId"), str):
            m.g.app_id = m.g.app_id or item.body["ApplicationId"]
    push = [e for e in exported if e.key in _PUSH_CHANNELS]
    app = next(iter(by_key.get("ApplicationResponse", [])), None)
    if app is not None and push:
        m.g.app_id = None
    m.project(app, push)
    for item in push:
        m.push_channel(item)
    for item in by_key.get("ApplicationSettingsResource", []):
        m.app_settings(item)
    for item in by_key.get("EmailChannelResponse", []):
        m.email_channel(item)
    for key, kind in (
        ("SMSChannelResponse", "SMS channel"),
        ("VoiceChannelResponse", "Voice channel"),
    ):
        for item in by_key.get(key, []):
            m.sms_voice_channel(item, kind)
    for item in by_key.get("EventStream", []):
        m.event_stream(item)
    try:
        segments = _segments.order(by_key.get("SegmentResponse", []))
    except CodegenError:
        segments = by_key.get("SegmentResponse", [])
    for item in segments:
        m.segment(item)
    for item in exported:
        if item.key in _TEMPLATE_KINDS:
            m.template(item)
    for item in by_key.get("CampaignResponse", []):
        m.campaign(item)
    for item in by_key.get("JourneyResponse", []):
        m.journey(item)
    report.sources = sorted({Path(e.file).name for e in exported})
    return m


__all__ = ["Migrator", "run"]
