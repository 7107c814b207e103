"""Campaigns: ``Campaign`` (``AWS::Pinpoint::Campaign``), its ``Schedule``, its
``CampaignMessage`` and the ``Treatment`` variations of an A/B test.

A campaign sends one message to one segment on a schedule::

    Campaign(self, "Newsletter",
        app=app,
        segment=subscribers,
        message=CampaignMessage.email(template=newsletter_template),
        schedule=Schedule.weekly(datetime(2026, 3, 2, 9, tzinfo=UTC), timezone="UTC+01"),
        holdout_percent=10,
    )

Templates go into the campaign's ``TemplateConfiguration``; inline content (subject, body,
SMS text, push title ...) into its ``MessageConfiguration``. CloudFormation's campaign has no
slot for an in-app template, so an ``InAppTemplate``'s content is copied into the campaign's
``InAppMessage``. A custom message sets the ``CustomDeliveryConfiguration`` and, for a Lambda
function, lets Pinpoint invoke it for this campaign's app only. The in-app and push types
(``InAppMessage``, ``InAppButton``, ``InAppLayout``, ``PushAction`` ...) are the template
module's, shared by templates and campaigns.

Service rules this module enforces at synth time, with their sources:

- at most ``MAX_TREATMENTS`` (5) treatments, the campaign's own message included: "An A/B
  test campaign can include up to five treatments" (Pinpoint User Guide, "Configure the
  message");
- the holdout and the additional treatments' sizes leave at least 1% of the segment for the
  campaign's own (default) treatment, which gets what they leave (Pinpoint API Reference,
  ``WriteCampaignRequest``: ``HoldoutPercent``; ``WriteTreatmentResource``: ``SizePercent``);
- an event-triggered campaign can't use an imported segment: "Campaigns that use event-based
  triggers have to use dynamic segments. They can't use imported segments." (Pinpoint
  Developer Guide, "Quotas", campaign quotas);
- the schedule's time zone is one of ``CAMPAIGN_TIMEZONES`` (Pinpoint API Reference,
  ``Schedule.Timezone``), in any letter case (``GetCampaign`` returns ``utc``), written in
  the list's spelling;
- an inline SMS body is at most 1,600 GSM 03.38 characters, or 630 characters when any
  character is outside that set (Pinpoint User Guide, "SMS character limits");
- a custom message's data is at most 5 KB (Pinpoint API Reference,
  ``CampaignCustomMessage.Data``), counted here as 5,120 bytes of UTF-8;
- limits: daily and total 0 to 100, messages per second 1 to 20,000, maximum duration at
  least 60 seconds (Pinpoint API Reference, ``CampaignLimits``), in-app messages per session
  0 to 10 (Pinpoint User Guide, "Scheduling an in-app campaign");
- an in-app message goes with an in-app event schedule (``Frequency.IN_APP_EVENT``), and an
  in-app event schedule with an in-app message (Pinpoint API Reference, ``Frequency``; User
  Guide, "Scheduling an in-app campaign"), which filters on at most one metric.

Note: AWS ended support for Pinpoint's engagement features (campaigns among them) on
2026-10-30; aws-cdk-lib reports ``CloudFormation-Validate::W3696`` for this resource.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from aws_cdk import Duration, Names, Resource, Tags
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_pinpoint as pinpoint
from constructs import Construct

from .._props import checked_props
from .._validation import (
    canonical_spelling,
    check_email_address,
    check_https_url,
    check_int,
    check_non_empty_strings,
    check_origination_number,
    check_sender_id,
    check_tags,
    duration_seconds,
    is_unresolved,
    iso_timestamp,
    require_bool,
    require_instance,
    require_non_empty,
    require_str,
)
from ._permissions import allow_pinpoint_invoke, depend_on_invoke_permissions
from .app import (
    CampaignHook,
    IPinpointApp,
    Limits,
    QuietTime,
    same_project,
)
from .channels import ChannelType, warn_if_channel_missing
from .custom_channel import endpoint_type_values
from .journeys import EventFilterType, SmsMessageType
from .segments import AttributeFilter, ISegment, MetricFilter
from .templates.base import ITemplate, TemplateType, check_template
from .templates.in_app import (
    IN_APP_CAMPAIGN_L1,
    IN_APP_MAX_MESSAGES,
    InAppLayout,
    InAppMessage,
)
from .templates.push import PushAction

#: Most treatments of one campaign, its own message (the default treatment) included.
MAX_TREATMENTS = 5

#: The UTC offsets a campaign schedule accepts as its time zone (Pinpoint API Reference,
#: ``Schedule.Timezone``). Journeys accept a longer list (``JOURNEY_TIMEZONES``).
CAMPAIGN_TIMEZONES = (
    "UTC",
    "UTC+01",
    "UTC+02",
    "UTC+03",
    "UTC+03:30",
    "UTC+04",
    "UTC+04:30",
    "UTC+05",
    "UTC+05:30",
    "UTC+05:45",
    "UTC+06",
    "UTC+06:30",
    "UTC+07",
    "UTC+08",
    "UTC+09",
    "UTC+09:30",
    "UTC+10",
    "UTC+10:30",
    "UTC+11",
    "UTC+12",
    "UTC+13",
    "UTC-02",
    "UTC-03",
    "UTC-04",
    "UTC-05",
    "UTC-06",
    "UTC-07",
    "UTC-08",
    "UTC-09",
    "UTC-10",
    "UTC-11",
)

#: Longest SMS message in GSM 03.38 characters (an extension character such as ``€`` or ``{``
#: counts twice), and in characters when any character is outside that set.
SMS_MAX_GSM_CHARACTERS = 1600
SMS_MAX_UNICODE_CHARACTERS = 630

#: Largest ``Data`` of a custom message: 5 KB, in bytes of UTF-8.
CAMPAIGN_CUSTOM_DATA_MAX_BYTES = 5 * 1024

#: Generated campaign names are at most this long.
CAMPAIGN_NAME_MAX_LENGTH = 64

#: The id of the warning a campaign hook in the deprecated ``DELIVERY`` mode reports.

# GSM 03.38: the basic set (one septet each) and the extension table (escape + septet).
_GSM_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
_GSM_EXTENSION = frozenset("^{}\\[~]|€\f")


# ---- closed sets -------------------------------------------------------------------------


class Frequency(enum.Enum):
    """How often a campaign is sent, or what sends it (the service's ``Frequency``)."""

    #: Once, at the start time (or immediately).
    ONCE = "ONCE"
    HOURLY = "HOURLY"
    DAILY = "DAILY"
    WEEKLY = "WEEKLY"
    MONTHLY = "MONTHLY"
    #: Whenever an event that matches the schedule's event filter occurs.
    EVENT = "EVENT"
    #: An in-app message, shown when an event that matches the event filter occurs in the app.
    IN_APP_EVENT = "IN_APP_EVENT"

    @property
    def is_event(self) -> bool:
        """Whether events trigger the campaign (``EVENT`` or ``IN_APP_EVENT``)."""
        return self in (Frequency.EVENT, Frequency.IN_APP_EVENT)


# ---- message checks ------------------------------------------------------------------------


def sms_length(text: str) -> tuple[int, bool]:
    """How long ``text`` is as an SMS message, and whether it fits the GSM 03.38 alphabet.

    GSM text counts one per basic character and two per extension character (``^ { } \\ [ ] ~
    | €``); any other character makes the whole message Unicode (UCS-2), which counts UTF-16
    code units.
    """
    if all(ch in _GSM_BASIC or ch in _GSM_EXTENSION for ch in text):
        return sum(2 if ch in _GSM_EXTENSION else 1 for ch in text), True
    return len(text.encode("utf-16-le")) // 2, False


def _check_sms_body(prop: str, body: str) -> None:
    if is_unresolved(body):
        return
    length, gsm = sms_length(body)
    if gsm and length > SMS_MAX_GSM_CHARACTERS:
        raise ValueError(
            f"{prop} is {length} GSM characters long (extension characters such as € or {{ "
            f"count twice); Pinpoint sends SMS messages of at most {SMS_MAX_GSM_CHARACTERS} "
            "GSM characters"
        )
    if not gsm and length > SMS_MAX_UNICODE_CHARACTERS:
        other = next(ch for ch in body if ch not in _GSM_BASIC and ch not in _GSM_EXTENSION)
        raise ValueError(
            f"{prop} is {length} characters long and contains characters outside the GSM 03.38 "
            f"alphabet (such as {other!r}); Pinpoint sends such SMS messages of at most "
            f"{SMS_MAX_UNICODE_CHARACTERS} characters"
        )


def _check_template(prop: str, template: Any, expected: TemplateType) -> ITemplate:
    return check_template(
        template,
        expected,
        prop=prop,
        hint="an ITemplate such as EmailTemplate",
        mismatch=f"{prop} must be",
    )


def _template_property(
    prop: str, template: ITemplate, version: str | None
) -> pinpoint.CfnCampaign.TemplateProperty:
    require_str(f"{prop} version", version)
    if version is not None and not is_unresolved(version) and not version.strip():
        raise ValueError(f"{prop} version must not be empty (leave it out for the active version)")
    return pinpoint.CfnCampaign.TemplateProperty(name=template.template_name, version=version)


def _one_of_template_or_inline(factory: str, template: Any, inline: dict[str, Any]) -> None:
    given = [name for name, value in inline.items() if value is not None]
    if template is not None and given:
        raise ValueError(
            f"CampaignMessage.{factory}() takes a template or inline content, not both; got "
            f"template and {', '.join(given)}"
        )
    if template is None and not given:
        raise ValueError(
            f"CampaignMessage.{factory}() needs a template or inline content "
            f"({', '.join(inline)}), got neither"
        )


# ---- schedule ----------------------------------------------------------------------------


def _event_types(prop: str, event_type: str | Sequence[str]) -> tuple[str, ...]:
    values = (event_type,) if isinstance(event_type, str) else tuple(event_type)
    if not values:
        raise ValueError(f"{prop} needs at least one event type, got none")
    check_non_empty_strings(prop, values)
    return values


@checked_props
@dataclass(frozen=True, kw_only=True)
class Schedule:
    """When a campaign is sent. Use the factories: ``immediate()``, ``once(at)``,
    ``hourly``/``daily``/``weekly``/``monthly(start, end)``, ``on_event(...)`` and
    ``on_in_app_event(...)``. Times are ``datetime`` objects with a time zone; the template
    holds them as ISO 8601 (``2026-03-02T09:00:00+01:00``).

    :param frequency: How often, or what triggers the campaign.
    :param start: When the campaign starts. Default: ``None``, which means immediately and
        is allowed only with ``Frequency.ONCE``.
    :param end: When a recurring or event-triggered campaign ends. Default: it doesn't.
    :param timezone: The starting UTC offset, one of :data:`CAMPAIGN_TIMEZONES`
        (``"UTC"``, ``"UTC+01"``, ``"UTC-05"`` ...), in any case: the service returns
        ``utc`` for a campaign saved as ``UTC``, so the comparison ignores case and the
        template gets the list's spelling. Default: none.
    :param local_time: Whether the start and end apply in each recipient's local time.
        Default: ``False``.
    :param quiet_time: A daily window without messages, in each endpoint's time zone.
        Default: the app's quiet time.
    :param event_types: The events that trigger an event schedule. Default: none.
    :param event_attributes: Event attribute filters, by attribute name. Default: none.
    :param event_metrics: Event metric filters, by metric name. Default: none.
    :param event_filter_type: Endpoint events (``PutEvents``, the SDKs) or Pinpoint's system
        events. Default: ``EventFilterType.ENDPOINT``.
    """

    frequency: Frequency
    start: datetime | None = None
    end: datetime | None = None
    timezone: str | None = None
    local_time: bool = False
    quiet_time: QuietTime | None = None
    event_types: Sequence[str] = ()
    event_attributes: Mapping[str, AttributeFilter] | None = None
    event_metrics: Mapping[str, MetricFilter] | None = None
    event_filter_type: EventFilterType = EventFilterType.ENDPOINT
    _start_time: str = field(init=False, repr=False, compare=False, default="")
    _end_time: str | None = field(init=False, repr=False, compare=False, default=None)

    def __post_init__(self) -> None:
        require_instance("schedule frequency", self.frequency, Frequency)
        kind = self.frequency.value
        if self.start is None:
            if self.frequency is not Frequency.ONCE:
                raise ValueError(f"a {kind} schedule needs a start time, got none")
            start_time = "IMMEDIATE"
        else:
            start_time = iso_timestamp("schedule start", self.start)
        end_time = None if self.end is None else iso_timestamp("schedule end", self.end)
        if self.end is not None and self.frequency is Frequency.ONCE:
            raise ValueError(
                f"a ONCE schedule has no end time (only recurring and event-triggered schedules "
                f"end), got end {end_time}"
            )
        if self.start is not None and self.end is not None and self.end <= self.start:
            raise ValueError(
                f"schedule end must be after its start, got start {start_time} and end {end_time}"
            )
        object.__setattr__(self, "_start_time", start_time)
        object.__setattr__(self, "_end_time", end_time)
        timezone = canonical_spelling(
            "schedule timezone",
            self.timezone,
            CAMPAIGN_TIMEZONES,
            "the UTC offsets Pinpoint accepts for campaigns",
        )
        object.__setattr__(self, "timezone", timezone)
        require_bool("schedule local_time", self.local_time, show_type=False)
        require_instance("schedule quiet_time", self.quiet_time, QuietTime)
        require_instance("schedule event_filter_type", self.event_filter_type, EventFilterType)
        self._check_event_filter()

    def _check_event_filter(self) -> None:
        kind = self.frequency.value
        has_filter = bool(self.event_types or self.event_attributes or self.event_metrics)
        if not self.frequency.is_event:
            if has_filter:
                raise ValueError(
                    f"a {kind} schedule takes no event filter (event types, attributes or "
                    "metrics); use Schedule.on_event(...) for an event-triggered campaign"
                )
            return
        types = _event_types("schedule event_type", self.event_types)
        object.__setattr__(self, "event_types", types)
        for name, attribute in (self.event_attributes or {}).items():
            require_instance(f"schedule attributes[{name!r}]", attribute, AttributeFilter)
        for name, metric in (self.event_metrics or {}).items():
            require_instance(f"schedule metrics[{name!r}]", metric, MetricFilter)
        metrics = len(self.event_metrics or {})
        if self.frequency is Frequency.IN_APP_EVENT and metrics > 1:
            raise ValueError(
                f"an in-app event schedule filters on at most one metric, got {metrics}: "
                f"{', '.join(sorted(self.event_metrics or {}))}"
            )

    # ---- factories ------------------------------------------------------------------------

    @staticmethod
    def immediate(*, timezone: str | None = None, quiet_time: QuietTime | None = None) -> Schedule:
        """Send once, as soon as the campaign is created (``StartTime: IMMEDIATE``).

        :param timezone: One of :data:`CAMPAIGN_TIMEZONES`: the API takes a ``Timezone`` with
            any schedule (botocore's Pinpoint model, ``Schedule.Timezone``), and GetCampaign
            returns the one the console writes. Default: none.
        :param quiet_time: Default: the app's quiet time.
        """
        return Schedule(frequency=Frequency.ONCE, timezone=timezone, quiet_time=quiet_time)

    @staticmethod
    def once(
        at: datetime,
        *,
        timezone: str | None = None,
        local_time: bool = False,
        quiet_time: QuietTime | None = None,
    ) -> Schedule:
        """Send once, at ``at`` (a ``datetime`` with a time zone).

        :param timezone: One of :data:`CAMPAIGN_TIMEZONES`. Default: none.
        :param local_time: Send at ``at``'s wall-clock time in each recipient's time zone.
            Default: ``False``.
        :param quiet_time: Default: the app's quiet time.
        """
        return Schedule(
            frequency=Frequency.ONCE,
            start=at,
            timezone=timezone,
            local_time=local_time,
            quiet_time=quiet_time,
        )

    @staticmethod
    def hourly(
        start: datetime,
        end: datetime | None = None,
        *,
        timezone: str | None = None,
        local_time: bool = False,
        quiet_time: QuietTime | None = None,
    ) -> Schedule:
        """Send every hour from ``start`` until ``end`` (default: no end); options as for
        :meth:`once`."""
        return Schedule._recurring(Frequency.HOURLY, start, end, timezone, local_time, quiet_time)

    @staticmethod
    def daily(
        start: datetime,
        end: datetime | None = None,
        *,
        timezone: str | None = None,
        local_time: bool = False,
        quiet_time: QuietTime | None = None,
    ) -> Schedule:
        """Send every day from ``start`` until ``end`` (default: no end); options as for
        :meth:`once`."""
        return Schedule._recurring(Frequency.DAILY, start, end, timezone, local_time, quiet_time)

    @staticmethod
    def weekly(
        start: datetime,
        end: datetime | None = None,
        *,
        timezone: str | None = None,
        local_time: bool = False,
        quiet_time: QuietTime | None = None,
    ) -> Schedule:
        """Send every week from ``start`` until ``end`` (default: no end); options as for
        :meth:`once`."""
        return Schedule._recurring(Frequency.WEEKLY, start, end, timezone, local_time, quiet_time)

    @staticmethod
    def monthly(
        start: datetime,
        end: datetime | None = None,
        *,
        timezone: str | None = None,
        local_time: bool = False,
        quiet_time: QuietTime | None = None,
    ) -> Schedule:
        """Send every month from ``start`` until ``end`` (default: no end); options as for
        :meth:`once`."""
        return Schedule._recurring(Frequency.MONTHLY, start, end, timezone, local_time, quiet_time)

    @staticmethod
    def _recurring(
        frequency: Frequency,
        start: datetime,
        end: datetime | None,
        timezone: str | None,
        local_time: bool,
        quiet_time: QuietTime | None,
    ) -> Schedule:
        return Schedule(
            frequency=frequency,
            start=start,
            end=end,
            timezone=timezone,
            local_time=local_time,
            quiet_time=quiet_time,
        )

    @staticmethod
    def on_event(
        event_type: str | Sequence[str],
        *,
        start: datetime,
        end: datetime | None = None,
        attributes: Mapping[str, AttributeFilter] | None = None,
        metrics: Mapping[str, MetricFilter] | None = None,
        filter_type: EventFilterType = EventFilterType.ENDPOINT,
        timezone: str | None = None,
        quiet_time: QuietTime | None = None,
    ) -> Schedule:
        """Send when an event occurs between ``start`` and ``end``. The campaign's segment must
        be dynamic: event-triggered campaigns can't use imported segments.

        :param event_type: The event (or events), e.g. ``"cart.abandoned"`` or
            ``"_session.start"``.
        :param start: From when events trigger the campaign.
        :param end: Until when. Default: no end.
        :param attributes: Event attribute filters, e.g.
            ``{"plan": AttributeFilter.inclusive("pro")}``. Default: none.
        :param metrics: Event metric filters, e.g. ``{"price": MetricFilter.greater_than(10)}``.
            Default: none.
        :param filter_type: Default: ``EventFilterType.ENDPOINT`` (events your app records).
        :param timezone: One of :data:`CAMPAIGN_TIMEZONES`. Default: none.
        :param quiet_time: Default: the app's quiet time.
        """
        return Schedule(
            frequency=Frequency.EVENT,
            start=start,
            end=end,
            timezone=timezone,
            quiet_time=quiet_time,
            event_types=_event_types("schedule event_type", event_type),
            event_attributes=attributes,
            event_metrics=metrics,
            event_filter_type=filter_type,
        )

    @staticmethod
    def on_in_app_event(
        event_type: str | Sequence[str],
        *,
        start: datetime,
        end: datetime | None = None,
        attributes: Mapping[str, AttributeFilter] | None = None,
        metrics: Mapping[str, MetricFilter] | None = None,
        timezone: str | None = None,
    ) -> Schedule:
        """Show an in-app message (``CampaignMessage.in_app``) when an event occurs in the app.

        :param event_type: The trigger event (or events), e.g. ``"purchase"``.
        :param start: From when the message is shown.
        :param end: Until when. Default: no end.
        :param attributes: Event attribute filters. Default: none.
        :param metrics: An event metric filter (in-app schedules take at most one), e.g.
            ``{"price": MetricFilter.greater_than(10)}``. Default: none.
        :param timezone: One of :data:`CAMPAIGN_TIMEZONES`. Default: none.
        """
        return Schedule(
            frequency=Frequency.IN_APP_EVENT,
            start=start,
            end=end,
            timezone=timezone,
            event_types=_event_types("schedule event_type", event_type),
            event_attributes=attributes,
            event_metrics=metrics,
        )

    # ---- rendering ------------------------------------------------------------------------

    @property
    def start_time(self) -> str:
        """``StartTime`` as the template holds it: ``IMMEDIATE`` or ISO 8601."""
        return self._start_time

    @property
    def end_time(self) -> str | None:
        """``EndTime`` as the template holds it (ISO 8601), if any."""
        return self._end_time

    def _render(self) -> pinpoint.CfnCampaign.ScheduleProperty:
        event_filter = None
        if self.frequency.is_event:
            event_filter = pinpoint.CfnCampaign.CampaignEventFilterProperty(
                filter_type=self.event_filter_type.value,
                dimensions=pinpoint.CfnCampaign.EventDimensionsProperty(
                    event_type=pinpoint.CfnCampaign.SetDimensionProperty(
                        dimension_type="INCLUSIVE", values=list(self.event_types)
                    ),
                    attributes=(
                        {k: v._render() for k, v in self.event_attributes.items()}
                        if self.event_attributes
                        else None
                    ),
                    metrics=(
                        {k: v._render() for k, v in self.event_metrics.items()}
                        if self.event_metrics
                        else None
                    ),
                ),
            )
        quiet = self.quiet_time.render("schedule quiet_time") if self.quiet_time else None
        return pinpoint.CfnCampaign.ScheduleProperty(
            frequency=self.frequency.value,
            start_time=self._start_time,
            end_time=self._end_time,
            time_zone=self.timezone,
            is_local_time=True if self.local_time else None,
            quiet_time=pinpoint.CfnCampaign.QuietTimeProperty(**quiet) if quiet else None,
            event_filter=event_filter,
        )


# ---- messages --------------------------------------------------------------------------------


def _template_custom_config(template: Any) -> dict[str, str] | None:
    """An ``InAppTemplate``'s custom config, read from its L1 (``Resource``) child."""
    config = getattr(template, "custom_config", None)
    if config is None:
        resource = template.node.try_find_child("Resource")
        config = getattr(resource, "custom_config", None)
    return dict(config) if config else None


@dataclass(frozen=True)
class _CustomDelivery:
    target: Any  # CustomChannel, lambda_.IFunction or an https URL
    endpoint_types: list[str] | None


@checked_props
class CampaignMessage:
    """What a campaign (or a treatment) sends. Use the factories: ``email``, ``sms``,
    ``push``, ``in_app`` and ``custom``.

    A template goes into the campaign's ``TemplateConfiguration``; inline content into its
    ``MessageConfiguration``.
    """

    def __init__(
        self,
        *,
        channel_type: ChannelType,
        message: dict[str, Any] | None = None,
        templates: dict[str, pinpoint.CfnCampaign.TemplateProperty] | None = None,
        template: ITemplate | None = None,
        custom: _CustomDelivery | None = None,
    ) -> None:
        # Use the factories; the constructor's arguments are this module's business.
        self._channel_type = channel_type
        self._message = message or {}
        self._templates = templates or {}
        self._template = template
        self._custom = custom

    @property
    def channel_type(self) -> ChannelType:
        """The channel the message needs: ``EMAIL``, ``SMS``, ``PUSH``, ``IN_APP`` or
        ``CUSTOM``."""
        return self._channel_type

    @property
    def template(self) -> ITemplate | None:
        """The message template, if the message uses one."""
        return self._template

    def __repr__(self) -> str:
        source = f"template {self._template.template_name!r}" if self._template else "inline"
        return f"CampaignMessage.{self._channel_type.value.lower()}({source})"

    # ---- factories ------------------------------------------------------------------------

    @staticmethod
    def email(
        *,
        template: ITemplate | None = None,
        template_version: str | None = None,
        subject: str | None = None,
        html: str | None = None,
        text: str | None = None,
        from_address: str | None = None,
    ) -> CampaignMessage:
        """An email, from an email template or inline (a subject and an HTML or text body).

        :param template: An email template (``TemplateType.EMAIL``). Give this or ``subject``
            with ``html`` and/or ``text``.
        :param template_version: The template version to send. Default: the version that is
            active when the campaign runs.
        :param subject: The subject line. Default: none.
        :param html: The HTML body. Default: none.
        :param text: The plain-text body, for clients that don't show HTML. Default: none.
        :param from_address: A verified sender, ``news@example.com`` or
            ``Example News <news@example.com>``. Default: the app's email channel address.
        """
        _one_of_template_or_inline(
            "email", template, {"subject": subject, "html": html, "text": text}
        )
        for name, value in (("subject", subject), ("html", html), ("text", text)):
            require_str(f"email {name}", value)
        require_str("email from_address", from_address)
        check_email_address("email from_address", from_address)
        templates = {}
        if template is not None:
            template = _check_template("email template", template, TemplateType.EMAIL)
            templates["email_template"] = _template_property(
                "email template", template, template_version
            )
        else:
            if template_version is not None:
                raise ValueError("email template_version needs a template, got inline content")
            if subject is None or (html is None and text is None):
                raise ValueError(
                    "an inline email needs a subject and an html or text body, got "
                    f"subject={subject!r}, html={'...' if html else html!r}, "
                    f"text={'...' if text else text!r}"
                )
        message = None
        if template is None or from_address is not None:
            message = {
                "email_message": pinpoint.CfnCampaign.CampaignEmailMessageProperty(
                    title=subject, html_body=html, body=text, from_address=from_address
                )
            }
        return CampaignMessage(
            channel_type=ChannelType.EMAIL, message=message, templates=templates, template=template
        )

    @staticmethod
    def sms(
        *,
        template: ITemplate | None = None,
        template_version: str | None = None,
        body: str | None = None,
        message_type: SmsMessageType | None = None,
        origination_number: str | None = None,
        sender_id: str | None = None,
        entity_id: str | None = None,
        template_id: str | None = None,
    ) -> CampaignMessage:
        """An SMS message, from an SMS template or an inline ``body``.

        :param template: An SMS template (``TemplateType.SMS``). Give this or ``body``.
        :param template_version: Default: the version active when the campaign runs.
        :param body: The text: at most 1,600 GSM 03.38 characters, or 630 characters when
            any character is outside that alphabet (the literal text is checked; message
            variables are filled in at send time). Default: none.
        :param message_type: Transactional or promotional. Default: the app's SMS settings.
        :param origination_number: A number of the account to send from, E.164
            (``+12065550100``) or a 4 to 7 digit short code. Default: Pinpoint chooses.
        :param sender_id: An alphanumeric sender ID: 1 to 11 letters, digits or hyphens, with
            at least one letter. Default: the app's SMS channel sender ID.
        :param entity_id: The registered entity (PE) id, where regulators require one
            (India). Default: none.
        :param template_id: The registered template id, where required (India). Default: none.
        """
        _one_of_template_or_inline("sms", template, {"body": body})
        for name, value in (
            ("body", body),
            ("origination_number", origination_number),
            ("sender_id", sender_id),
            ("entity_id", entity_id),
            ("template_id", template_id),
        ):
            require_str(f"sms {name}", value)
        require_instance("sms message_type", message_type, SmsMessageType)
        if body is not None:
            _check_sms_body("sms body", body)
        check_origination_number("sms origination_number", origination_number)
        check_sender_id("sms sender_id", sender_id)
        templates = {}
        if template is not None:
            template = _check_template("sms template", template, TemplateType.SMS)
            templates["sms_template"] = _template_property(
                "sms template", template, template_version
            )
        elif template_version is not None:
            raise ValueError("sms template_version needs a template, got an inline body")
        options = {
            "body": body,
            "message_type": message_type.value if message_type else None,
            "origination_number": origination_number,
            "sender_id": sender_id,
            "entity_id": entity_id,
            "template_id": template_id,
        }
        message = None
        if any(value is not None for value in options.values()):
            message = {"sms_message": pinpoint.CfnCampaign.CampaignSmsMessageProperty(**options)}
        return CampaignMessage(
            channel_type=ChannelType.SMS, message=message, templates=templates, template=template
        )

    @staticmethod
    def push(
        *,
        template: ITemplate | None = None,
        template_version: str | None = None,
        title: str | None = None,
        body: str | None = None,
        action: PushAction | None = None,
        url: str | None = None,
        image_url: str | None = None,
        image_icon_url: str | None = None,
        image_small_icon_url: str | None = None,
        media_url: str | None = None,
        raw_content: str | Mapping[str, Any] | None = None,
        silent: bool = False,
        time_to_live: Duration | None = None,
        as_default_message: bool = False,
    ) -> CampaignMessage:
        """A push notification for every push channel (APNs, FCM, Baidu, ADM), from a push
        template or inline.

        :param template: A push template (``TemplateType.PUSH``). Give this or inline
            content (``body`` or ``raw_content``).
        :param template_version: Default: the version active when the campaign runs.
        :param title: Shown above the body. Default: none.
        :param body: The notification text. Default: none.
        :param action: What tapping does (``PushAction``, shared with ``PushTemplate``).
            Default: ``PushAction.OPEN_APP`` (the service's).
        :param url: The URL or deep link, for ``PushAction.URL`` and ``DEEP_LINK`` only.
            Default: none.
        :param image_url: Default: none.
        :param image_icon_url: Default: none.
        :param image_small_icon_url: Default: none.
        :param media_url: An image or video. Default: none.
        :param raw_content: The whole payload as JSON (a string or a mapping); it overrides
            every other field. Default: none.
        :param silent: A silent notification, which the app handles without showing it.
            Default: ``False``.
        :param time_to_live: How long the push service keeps trying, in whole seconds
            (0: now or never). Default: each service's maximum.
        :param as_default_message: Write the inline content once, as the campaign's
            ``MessageConfiguration.DefaultMessage`` ("the default message that the campaign
            sends through all the channels that are configured for the campaign"; each
            channel's own message "overrides the default message": botocore's Pinpoint model,
            ``MessageConfiguration``), as code written against the API often does, instead of
            one copy each in ``APNSMessage``, ``GCMMessage``, ``BaiduMessage`` and
            ``ADMMessage``. Needs inline content. Default: ``False`` (one copy per push
            service).
        """
        require_bool("push as_default_message", as_default_message, show_type=False)
        inline = {"title": title, "body": body, "raw_content": raw_content}
        _one_of_template_or_inline("push", template, inline)
        for name, value in (
            ("title", title),
            ("body", body),
            ("url", url),
            ("image_url", image_url),
            ("image_icon_url", image_icon_url),
            ("image_small_icon_url", image_small_icon_url),
            ("media_url", media_url),
        ):
            require_str(f"push {name}", value)
        require_instance("push action", action, PushAction)
        require_bool("push silent", silent, show_type=False)
        if isinstance(raw_content, Mapping):
            raw_content = json.dumps(raw_content, separators=(",", ":"))
        require_str("push raw_content", raw_content)
        if action in (PushAction.URL, PushAction.DEEP_LINK) and url is None:
            raise ValueError(f"push action {action.value} needs a url, got none")
        if url is not None and action not in (PushAction.URL, PushAction.DEEP_LINK):
            raise ValueError(
                f"push url is opened only by action PushAction.URL or DEEP_LINK, got action "
                f"{action.value if action else None} with url {url!r}"
            )
        seconds = duration_seconds("push time_to_live", time_to_live, minimum=0)
        templates = {}
        if template is not None:
            template = _check_template("push template", template, TemplateType.PUSH)
            templates["push_template"] = _template_property(
                "push template", template, template_version
            )
        else:
            if template_version is not None:
                raise ValueError("push template_version needs a template, got inline content")
            if body is None and raw_content is None:
                raise ValueError("an inline push notification needs a body or raw_content")
        fields = {
            "title": title,
            "body": body,
            "action": action.value if action else None,
            "url": url,
            "image_url": image_url,
            "image_icon_url": image_icon_url,
            "image_small_icon_url": image_small_icon_url,
            "media_url": media_url,
            "raw_content": raw_content,
            "silent_push": True if silent else None,
            "time_to_live": seconds,
        }
        message = None
        has_content = any(value is not None for value in fields.values())
        if as_default_message and not has_content:
            raise ValueError(
                "push as_default_message=True needs inline content (title, body, raw_content "
                "...) to write as the DefaultMessage, got none"
            )
        if has_content:
            push = pinpoint.CfnCampaign.MessageProperty(**fields)
            slots = ("apns_message", "gcm_message", "baidu_message", "adm_message")
            message = (
                {"default_message": push} if as_default_message else dict.fromkeys(slots, push)
            )
        return CampaignMessage(
            channel_type=ChannelType.PUSH, message=message, templates=templates, template=template
        )

    @staticmethod
    def in_app(
        *,
        template: ITemplate | None = None,
        content: InAppMessage | Sequence[InAppMessage] | None = None,
        layout: InAppLayout | None = None,
        custom_config: Mapping[str, str] | None = None,
    ) -> CampaignMessage:
        """An in-app message, from an ``InAppTemplate`` of this CDK app or inline. Schedule it
        with ``Schedule.on_in_app_event``.

        CloudFormation's ``AWS::Pinpoint::Campaign`` has no ``InAppTemplate`` in its
        ``TemplateConfiguration`` (only email, push, SMS and voice templates), so the campaign
        can't reference an in-app template: it copies the template's layout, messages and
        custom config into its ``InAppMessage`` at synth. Changing the template changes the
        campaign on the next deployment.

        :param template: An ``InAppTemplate`` defined in this CDK app. Give this or
            ``content``; an imported template can't be used (its content isn't known here).
        :param content: The message (an ``InAppMessage``), or one to five for
            ``InAppLayout.CAROUSEL``.
        :param layout: How the message appears; inline content only. Default:
            ``InAppLayout.BOTTOM_BANNER``.
        :param custom_config: Key-value pairs (strings) delivered with the message.
            Default: the template's, or none.
        """
        if (template is None) == (content is None):
            raise ValueError(
                "CampaignMessage.in_app() takes a template or inline content, exactly one; got "
                + ("both" if template is not None else "neither")
            )
        config: dict[str, str] | None = None
        if template is not None:
            template = _check_template("in_app template", template, TemplateType.INAPP)
            messages = getattr(template, "messages", None)
            template_layout = getattr(template, "layout", None)
            if messages is None or not isinstance(template_layout, InAppLayout):
                raise ValueError(
                    f"in_app template {template.template_name!r} must be an InAppTemplate defined "
                    "in this CDK app: CloudFormation's AWS::Pinpoint::Campaign can't reference an "
                    "in-app template (its TemplateConfiguration has no InAppTemplate), so the "
                    "campaign copies the template's content, which an imported template doesn't "
                    "have here; give the content inline with content=InAppMessage(...)"
                )
            if layout is not None:
                raise ValueError(
                    f"in_app layout comes from the template ({template_layout.value}); leave "
                    f"layout out, got {layout.value}"
                )
            layout = template_layout
            items = tuple(messages)
            config = _template_custom_config(template)
        else:
            layout = InAppLayout.BOTTOM_BANNER if layout is None else layout
            require_instance("in_app layout", layout, InAppLayout)
            items = (content,) if isinstance(content, InAppMessage) else tuple(content or ())
            for item in items:
                require_instance("in_app content", item, InAppMessage)
            maximum = IN_APP_MAX_MESSAGES if layout is InAppLayout.CAROUSEL else 1
            if not 1 <= len(items) <= maximum:
                expected = f"1 to {maximum} messages" if maximum > 1 else "exactly one message"
                raise ValueError(
                    f"an in-app {layout.value} message has {expected}, got {len(items)}"
                    + ("" if maximum > 1 else "; use InAppLayout.CAROUSEL for up to five")
                )
        if custom_config is not None:
            config = dict(custom_config)
            for key, value in config.items():
                if not isinstance(key, str) or not isinstance(value, str):
                    raise TypeError(
                        f"in_app custom_config must map strings to strings, got {key!r}: {value!r}"
                    )
        message = {
            "in_app_message": pinpoint.CfnCampaign.CampaignInAppMessageProperty(
                layout=layout.value,
                content=[item.render(IN_APP_CAMPAIGN_L1) for item in items],
                custom_config=config or None,
            )
        }
        return CampaignMessage(channel_type=ChannelType.IN_APP, message=message, template=template)

    @staticmethod
    def custom(
        *,
        channel: Any,
        data: str | Mapping[str, Any] | None = None,
        endpoint_types: Sequence[ChannelType] | None = None,
    ) -> CampaignMessage:
        """A message delivered by a custom channel: Pinpoint calls a Lambda function (with up
        to 50 endpoints per call) or POSTs to an https URL.

        :param channel: A :class:`~pinpoint_constructs.CustomChannel` (which already lets
            Pinpoint invoke its function for its app), an ``aws_lambda.IFunction`` (the
            campaign adds the invoke permission for Pinpoint, conditioned on the app's account
            and ARN), or an ``https://`` URL.
        :param data: The payload passed with each call, a string or a mapping (sent as JSON),
            at most 5 KB of UTF-8. Default: none.
        :param endpoint_types: Which endpoints of the segment are delivered to, by
            ``ChannelType``. Default: the custom channel's endpoint types, or
            ``[ChannelType.CUSTOM]`` for a function or URL.
        """
        if isinstance(channel, str):
            check_https_url("custom channel", channel)
        elif not (
            isinstance(getattr(channel, "delivery_uri", None), str)
            or (
                isinstance(getattr(channel, "function_arn", None), str)
                and hasattr(channel, "add_permission")
            )
        ):
            raise TypeError(
                "custom channel must be a CustomChannel, an aws_lambda.IFunction or an https "
                f"URL, got {type(channel).__name__}: {channel!r}"
            )
        if isinstance(data, Mapping):
            data = json.dumps(data, separators=(",", ":"))
        require_str("custom data", data)
        if data is not None and not is_unresolved(data):
            size = len(data.encode("utf-8"))
            if size > CAMPAIGN_CUSTOM_DATA_MAX_BYTES:
                raise ValueError(
                    f"custom data is {size} bytes (UTF-8); Pinpoint accepts at most 5 KB "
                    f"({CAMPAIGN_CUSTOM_DATA_MAX_BYTES} bytes) for a custom message"
                )
        types = None if endpoint_types is None else endpoint_type_values(endpoint_types)
        return CampaignMessage(
            channel_type=ChannelType.CUSTOM,
            message={
                "custom_message": pinpoint.CfnCampaign.CampaignCustomMessageProperty(data=data)
            },
            custom=_CustomDelivery(target=channel, endpoint_types=types),
        )

    # ---- rendering ------------------------------------------------------------------------

    def _message_configuration(self) -> pinpoint.CfnCampaign.MessageConfigurationProperty | None:
        if not self._message:
            return None
        return pinpoint.CfnCampaign.MessageConfigurationProperty(**self._message)

    def _template_configuration(
        self,
    ) -> pinpoint.CfnCampaign.TemplateConfigurationProperty | None:
        if not self._templates:
            return None
        return pinpoint.CfnCampaign.TemplateConfigurationProperty(**self._templates)


# ---- treatments and limits -------------------------------------------------------------------


@checked_props
@dataclass(frozen=True, kw_only=True)
class Treatment:
    """A variation of a campaign for an A/B test: its own message and/or schedule, sent to
    ``size_percent`` of the segment. The campaign's own message and schedule are the default
    treatment, which gets the rest of the segment (after the holdout and the other treatments).

    :param size_percent: The share of the segment, 1 to 100.
    :param message: What this treatment sends. Default: the campaign's message.
    :param schedule: When it sends. Default: the campaign's schedule.
    :param name: The treatment's name in the console and analytics. Default: none.
    :param description: Default: none.
    """

    size_percent: int
    message: CampaignMessage | None = None
    schedule: Schedule | None = None
    name: str | None = None
    description: str | None = None

    def __post_init__(self) -> None:
        check_int("Treatment.size_percent", self.size_percent, 1, 100)
        if self.message is None and self.schedule is None:
            raise ValueError(
                "Treatment needs a message, a schedule or both (otherwise it is the same as "
                "the campaign's own treatment)"
            )
        require_instance("Treatment.message", self.message, CampaignMessage)
        require_instance("Treatment.schedule", self.schedule, Schedule)
        require_str("Treatment.name", self.name)
        require_str("Treatment.description", self.description)


@checked_props
@dataclass(frozen=True, kw_only=True)
class CampaignLimits(Limits):
    """Sending limits of one campaign: the app's :class:`~pinpoint_constructs.Limits` plus
    ``session``. A field left as ``None`` keeps the app's setting.

    :param session: Most times an in-app message is shown to an endpoint in one session,
        0 to 10 (0: no limit). Default: the app's setting.
    """

    session: int | None = None

    def render(self, prop: str) -> dict[str, Any]:
        """Validate (naming ``prop`` in errors) and return the ``Limits`` fields, snake_case."""
        rendered = super().render(prop)
        check_int(f"{prop}.session", self.session, 0, 10)
        if self.session is not None:
            rendered["session"] = self.session
        return rendered


# ---- the campaign ----------------------------------------------------------------------------


def _segment_parts(app: IPinpointApp, segment: Any) -> tuple[str, bool | None]:
    """The segment id and whether the segment is static (``None``: unknown)."""
    if isinstance(segment, str):
        if not is_unresolved(segment) and (not segment.strip() or "/" in segment):
            raise ValueError(
                f"segment must be a segment or a segment id (no slashes), got {segment!r}"
            )
        return segment, None
    segment_id = getattr(segment, "segment_id", None)
    if not isinstance(segment_id, str):
        raise TypeError(
            "segment must be a Segment, an ImportedSegment, an ISegment or a segment id, got "
            f"{type(segment).__name__}: {segment!r}"
        )
    owner = getattr(segment, "app", None)
    if owner is not None and not same_project(owner, app):
        raise ValueError(
            f"segment {segment.node.path} belongs to the app {owner.node.path}, not to the "
            f"campaign's app {app.node.path}"
        )
    return segment_id, bool(getattr(segment, "is_static", False))


@checked_props
class Campaign(Resource):
    """A campaign (``AWS::Pinpoint::Campaign``): one message (or an A/B test of several) sent
    to one segment on a schedule.

    Example, a weekly email to a segment, 10% held out as a control group::

        Campaign(self, "Newsletter",
            app=app,
            segment=subscribers,
            message=CampaignMessage.email(template=newsletter),
            schedule=Schedule.weekly(datetime(2026, 3, 2, 9, tzinfo=UTC)),
            holdout_percent=10,
        )

    The campaign warns at synth (``CHANNEL_MISSING_WARNING``) when the app defined in this CDK
    app has no channel for a message it sends.

    Note: AWS ended support for Pinpoint's engagement features (campaigns among them) on
    2026-10-30; aws-cdk-lib reports ``CloudFormation-Validate::W3696`` for this resource.
    """

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        app: IPinpointApp,
        segment: ISegment | str,
        message: CampaignMessage,
        schedule: Schedule,
        segment_version: int | None = None,
        campaign_name: str | None = None,
        description: str | None = None,
        holdout_percent: int | None = None,
        treatments: Sequence[Treatment] | None = None,
        treatment_name: str | None = None,
        treatment_description: str | None = None,
        limits: Limits | None = None,
        hook: CampaignHook | None = None,
        priority: int | None = None,
        paused: bool | None = None,
        tags: Mapping[str, str] | None = None,
    ) -> None:
        """
        :param app: The project the campaign belongs to.
        :param segment: Who receives it: a ``Segment``, an ``ImportedSegment``, any
            ``ISegment`` (``Segment.from_segment_id(...)``) or a segment id. With a plain id,
            the rules for imported segments can't be checked.
        :param message: What the campaign sends (its default treatment).
        :param schedule: When it sends. There is no default: a campaign deployed with an
            immediate schedule sends at once, so say so with ``Schedule.immediate()``.
        :param segment_version: The segment version to use, 1 or more. Default: the latest.
        :param campaign_name: The display name. Default: a unique name generated from the
            construct path, at most 64 characters.
        :param description: Default: none.
        :param holdout_percent: The share of the segment that receives nothing, a control
            group, 0 to 100. Default: none (0).
        :param treatments: Further treatments for an A/B test, up to ``MAX_TREATMENTS - 1``
            (4). Their sizes plus the holdout leave at least 1% for the campaign's own
            message. Default: none.
        :param treatment_name: The name of the default treatment (the campaign's own message).
            Default: none.
        :param treatment_description: Default: none.
        :param limits: Sending limits (``CampaignLimits`` or the app's ``Limits``).
            Default: the app's limits.
        :param hook: A Lambda function that filters the segment before sending; the invoke
            permission for Pinpoint, scoped to the app, is added. Default: the app's hook.
        :param priority: The order of in-app messages that are due at the same moment, 1
            (highest) to 5. Default: the service default.
        :param paused: Create the campaign paused (it doesn't run until resumed).
            Default: not paused.
        :param tags: Tags for the campaign. Default: none.
        """
        require_instance("message", message, CampaignMessage)
        require_instance("schedule", schedule, Schedule)
        check_int("holdout_percent", holdout_percent, 0, 100)
        check_int("segment_version", segment_version, 1)
        check_int("priority", priority, 1, 5)
        for name, value in (
            ("campaign_name", campaign_name),
            ("description", description),
            ("treatment_name", treatment_name),
            ("treatment_description", treatment_description),
        ):
            require_str(name, value)
        require_non_empty("campaign_name", campaign_name)
        if paused is not None:
            require_bool("paused", paused, show_type=False)
        require_instance("limits", limits, Limits)
        require_instance("hook", hook, CampaignHook)
        treatments = tuple(treatments or ())
        for treatment in treatments:
            require_instance("treatments", treatment, Treatment)
        self._check_treatment_sizes(holdout_percent, treatments)

        super().__init__(scope, id, physical_name=campaign_name)
        self.app = app
        """The project the campaign belongs to."""
        segment_id, segment_is_static = _segment_parts(app, segment)
        self.segment_id = segment_id
        """The id of the campaign's segment."""
        variants = [(message, schedule, "message")] + [
            (t.message or message, t.schedule or schedule, f"treatments[{i}]")
            for i, t in enumerate(treatments)
        ]
        for variant_message, variant_schedule, where in variants:
            self._check_variant(
                variant_message, variant_schedule, where, segment, segment_is_static
            )

        # Functions Pinpoint invokes for this campaign: the campaign is created after their
        # invoke permissions.
        self._invoked: dict[str, lambda_.IFunction] = {}
        delivery = self._custom_delivery(message)
        additional = [self._render_treatment(t, message, schedule) for t in treatments]
        if hook is not None:
            self._allow_invoke(hook.function)
        self._resource = pinpoint.CfnCampaign(
            self,
            "Resource",
            application_id=app.app_id,
            name=campaign_name
            or Names.unique_resource_name(self, max_length=CAMPAIGN_NAME_MAX_LENGTH),
            segment_id=self.segment_id,
            segment_version=segment_version,
            description=description,
            schedule=schedule._render(),
            message_configuration=message._message_configuration(),
            template_configuration=message._template_configuration(),
            custom_delivery_configuration=delivery,
            holdout_percent=holdout_percent,
            additional_treatments=additional or None,
            treatment_name=treatment_name,
            treatment_description=treatment_description,
            limits=(
                pinpoint.CfnCampaign.LimitsProperty(**limits.render("limits")) if limits else None
            ),
            campaign_hook=(
                pinpoint.CfnCampaign.CampaignHookProperty(**hook.render()) if hook else None
            ),
            priority=priority,
            is_paused=paused,
        )
        for function in self._invoked.values():
            depend_on_invoke_permissions(self._resource, function)
        if hook is not None:
            hook.warn_if_deprecated(self)
        for variant_message, _, _ in variants:
            if variant_message.template is not None and isinstance(
                variant_message.template, Construct
            ):
                self._resource.node.add_dependency(variant_message.template)
        for channel_type in dict.fromkeys(m.channel_type for m, _, _ in variants):
            if channel_type in (ChannelType.CUSTOM, ChannelType.IN_APP):
                continue
            # A registered channel stays registered, so when the app has it already there is
            # nothing to check at synth (the lazy check costs a Node.js-to-Python callback).
            has_channel = getattr(app, "has_channel", None)
            if has_channel is None or has_channel(channel_type) is not True:
                warn_if_channel_missing(self, app, channel_type)
        check_tags("tags", tags)
        for key, value in (tags or {}).items():
            Tags.of(self).add(key, value)

    # ---- checks ---------------------------------------------------------------------------

    @staticmethod
    def _check_treatment_sizes(holdout: int | None, treatments: tuple[Treatment, ...]) -> None:
        if not treatments:
            return
        if len(treatments) > MAX_TREATMENTS - 1:
            raise ValueError(
                f"treatments: an A/B test has at most {MAX_TREATMENTS} treatments, the "
                f"campaign's own message and up to {MAX_TREATMENTS - 1} more; got "
                f"{len(treatments)} more ({len(treatments) + 1} in all)"
            )
        sizes = [t.size_percent for t in treatments]
        if is_unresolved(holdout) or any(is_unresolved(size) for size in sizes):
            return
        total = (holdout or 0) + sum(sizes)
        if total > 99:
            raise ValueError(
                f"holdout_percent ({holdout or 0}) plus the treatments' size_percent "
                f"({' + '.join(str(s) for s in sizes)} = {sum(sizes)}) is {total}%; together "
                "they may be at most 99%, so that the campaign's own message (the default "
                f"treatment) reaches the rest of the segment, at least 1%"
            )

    def _check_variant(
        self,
        message: CampaignMessage,
        schedule: Schedule,
        where: str,
        segment: Any,
        segment_is_static: bool | None,
    ) -> None:
        frequency = schedule.frequency
        if frequency is Frequency.EVENT and segment_is_static:
            raise ValueError(
                f"{where}: an event-triggered campaign can't use the imported segment "
                f"{segment.node.path}; Pinpoint sends event-triggered campaigns to dynamic "
                "segments only"
            )
        is_in_app = message.channel_type is ChannelType.IN_APP
        if is_in_app and frequency is not Frequency.IN_APP_EVENT:
            raise ValueError(
                f"{where}: an in-app message is shown when an event occurs in the app; "
                f"schedule it with Schedule.on_in_app_event(...), got a {frequency.value} schedule"
            )
        if frequency is Frequency.IN_APP_EVENT and not is_in_app:
            raise ValueError(
                f"{where}: an in-app event schedule shows in-app messages only "
                f"(CampaignMessage.in_app), got {message!r}"
            )

    # ---- rendering ------------------------------------------------------------------------

    def _render_treatment(
        self, treatment: Treatment, message: CampaignMessage, schedule: Schedule
    ) -> pinpoint.CfnCampaign.WriteTreatmentResourceProperty:
        variant = treatment.message or message
        return pinpoint.CfnCampaign.WriteTreatmentResourceProperty(
            size_percent=treatment.size_percent,
            message_configuration=variant._message_configuration(),
            template_configuration=variant._template_configuration(),
            custom_delivery_configuration=self._custom_delivery(variant),
            schedule=(treatment.schedule or schedule)._render(),
            treatment_name=treatment.name,
            treatment_description=treatment.description,
        )

    def _custom_delivery(
        self, message: CampaignMessage
    ) -> pinpoint.CfnCampaign.CustomDeliveryConfigurationProperty | None:
        custom = message._custom
        if custom is None:
            return None
        target = custom.target
        default_types = [ChannelType.CUSTOM.value]
        if isinstance(target, str):
            uri = target
        elif isinstance(getattr(target, "delivery_uri", None), str):  # a CustomChannel
            channel_app = getattr(target, "app", None)
            if channel_app is not None and not same_project(channel_app, self.app):
                raise ValueError(
                    f"custom channel {target.node.path} lets Pinpoint invoke its function for "
                    f"the app {channel_app.node.path} only, not for the campaign's app "
                    f"{self.app.node.path}; create a CustomChannel for this app"
                )
            uri = target.delivery_uri
            default_types = list(getattr(target, "endpoint_types", default_types))
            function = getattr(target, "function", None)
            if function is not None:  # the channel granted the permission already
                self._invoked.setdefault(function.node.path, function)
        else:  # a Lambda function
            uri = target.function_arn
            self._allow_invoke(target)
        return pinpoint.CfnCampaign.CustomDeliveryConfigurationProperty(
            delivery_uri=uri, endpoint_types=custom.endpoint_types or default_types
        )

    def _allow_invoke(self, function: lambda_.IFunction) -> None:
        if function.node.path not in self._invoked:
            self._invoked[function.node.path] = function
            allow_pinpoint_invoke(self, function, self.app)

    # ---- attributes -----------------------------------------------------------------------

    @property
    def campaign_id(self) -> str:
        """The campaign id."""
        return self._resource.attr_campaign_id

    @property
    def campaign_arn(self) -> str:
        """The campaign ARN."""
        return self._resource.attr_arn

    @property
    def campaign_name(self) -> str:
        """The campaign's display name."""
        return str(self._resource.name)
