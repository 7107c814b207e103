"""Conditions of journey split activities: segment membership, app events, and the outcomes
(delivered, opened, clicked ...) of an earlier message activity in the same journey.

Build them with the factories of :class:`Condition`; a yes/no split (``ConditionalSplit``)
also takes several conditions joined by :meth:`Condition.all` or :meth:`Condition.any`.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..._props import checked_props
from ..._validation import is_unresolved
from ..segments import AttributeFilter, MetricFilter

if TYPE_CHECKING:
    from ..segments import ISegment


class MessageEvent(enum.Enum):
    """Events Pinpoint records for a message that a journey activity sent: what a
    message condition (:meth:`Condition.message_event`) tests.

    The values are the event types of Pinpoint's event stream: ``_email.*`` for email
    (Amazon Pinpoint Developer Guide, "Email events"), ``_SMS.*`` for SMS ("SMS events") and
    the ``_journey.*`` push notification events that the AWS Amplify libraries record for
    journey notifications. The member's prefix names the activity kind it applies to.
    """

    #: Pinpoint accepted the email and will try to deliver it.
    EMAIL_SEND = "_email.send"
    #: The email reached the recipient's mail server.
    EMAIL_DELIVERED = "_email.delivered"
    #: Pinpoint rejected the email (it contained malware).
    EMAIL_REJECTED = "_email.rejected"
    #: The email bounced permanently.
    EMAIL_HARD_BOUNCE = "_email.hardbounce"
    #: The email bounced temporarily.
    EMAIL_SOFT_BOUNCE = "_email.softbounce"
    #: The recipient reported the email as spam.
    EMAIL_COMPLAINT = "_email.complaint"
    #: The recipient opened the email (its images were loaded).
    EMAIL_OPEN = "_email.open"
    #: The recipient followed a link in the email.
    EMAIL_CLICK = "_email.click"
    #: The recipient used the email's unsubscribe link.
    EMAIL_UNSUBSCRIBE = "_email.unsubscribe"
    #: The SMS message is on its way (sent, not yet confirmed).
    SMS_BUFFERED = "_SMS.BUFFERED"
    #: The carrier confirmed delivery of the SMS message.
    SMS_SUCCESS = "_SMS.SUCCESS"
    #: The SMS message could not be delivered.
    SMS_FAILURE = "_SMS.FAILURE"
    #: The recipient opted out of SMS messages.
    SMS_OPTOUT = "_SMS.OPTOUT"
    #: The user opened the push notification.
    PUSH_OPENED = "_journey.opened_notification"
    #: The push notification arrived while the app was in the foreground.
    PUSH_RECEIVED_FOREGROUND = "_journey.received_foreground"
    #: The push notification arrived while the app was in the background.
    PUSH_RECEIVED_BACKGROUND = "_journey.received_background"

    @property
    def channel(self) -> str:
        """The kind of message activity the event belongs to: ``EMAIL``, ``SMS`` or ``PUSH``."""
        return self.name.split("_", 1)[0]


#: Message channel of each send activity kind (its ``_message_channel``).
_ACTIVITY_KIND = {
    "EMAIL": "SendEmail",
    "SMS": "SendSms",
    "PUSH": "SendPush",
    "CUSTOM": "SendCustom",
    "CONTACT_CENTER": "ContactCenter",
}


def _event_types(prop: str, event_types: str | Sequence[str]) -> list[str]:
    values = [event_types] if isinstance(event_types, str) else list(event_types)
    if not values:
        raise ValueError(f"{prop} must name at least one event type, got none")
    for value in values:
        if not isinstance(value, str):
            raise TypeError(f"{prop} must be strings, got {type(value).__name__}: {value!r}")
        if not is_unresolved(value) and not value.strip():
            raise ValueError(f"{prop} must not be empty, got {value!r}")
    return values


def event_dimensions(
    prop: str,
    event_types: str | Sequence[str],
    attributes: Mapping[str, AttributeFilter | Sequence[str]] | None,
    metrics: Mapping[str, MetricFilter] | None,
) -> dict[str, Any]:
    """The ``EventDimensions`` of an event condition or an event start condition."""
    dimensions: dict[str, Any] = {
        "EventType": {
            "DimensionType": "INCLUSIVE",
            "Values": _event_types(f"{prop} event_type", event_types),
        }
    }
    if attributes:
        rendered = {}
        for name, value in attributes.items():
            if isinstance(value, str):
                raise TypeError(
                    f"{prop} attributes[{name!r}] must be an AttributeFilter or a list of "
                    f"values, got the string {value!r} (wrap it in a list)"
                )
            attribute = (
                value if isinstance(value, AttributeFilter) else AttributeFilter.inclusive(*value)
            )
            rendered[name] = {
                "AttributeType": attribute.attribute_type.value,
                "Values": list(attribute.values),
            }
        dimensions["Attributes"] = rendered
    if metrics:
        rendered_metrics = {}
        for name, metric in metrics.items():
            if not isinstance(metric, MetricFilter):
                raise TypeError(
                    f"{prop} metrics[{name!r}] must be a MetricFilter (for example "
                    f"MetricFilter.greater_than(5)), got {type(metric).__name__}: {metric!r}"
                )
            rendered_metrics[name] = {
                "ComparisonOperator": metric.comparison_operator.value,
                "Value": metric.value,
            }
        dimensions["Metrics"] = rendered_metrics
    return dimensions


@dataclass(frozen=True)
class _Simple:
    """One ``SimpleCondition`` and, for message conditions, the activity it refers to."""

    kind: str
    body: dict[str, Any]
    activity: Any = None

    def render(self) -> dict[str, Any]:
        if self.activity is None:
            return self.body
        body = dict(self.body)
        body["EventCondition"] = {
            **body["EventCondition"],
            "MessageActivity": self.activity.id,
        }
        return body


@checked_props
class Condition:
    """A condition that a split activity evaluates for each participant.

    Factories::

        Condition.segment(vip_segment)                   # member of a segment
        Condition.event("purchase", attributes={"plan": ["pro"]})
        Condition.message_opened(welcome_email)           # outcome of an earlier activity
        Condition.any(Condition.message_opened(a), Condition.message_clicked(a))
    """

    def __init__(self, parts: Sequence[_Simple], operator: str | None) -> None:
        # Use the factories; the constructor is not part of the API.
        self._parts = tuple(parts)
        self._operator = operator

    # ---- factories ---------------------------------------------------------------------

    @staticmethod
    def segment(segment: ISegment) -> Condition:
        """The participant is a member of ``segment`` (any object with a ``segment_id``)."""
        segment_id = getattr(segment, "segment_id", None)
        if not isinstance(segment_id, str):
            raise TypeError(
                "Condition.segment needs a segment (an ISegment with a segment_id), "
                f"got {type(segment).__name__}: {segment!r}"
            )
        return Condition(
            [_Simple("segment", {"SegmentCondition": {"SegmentId": segment_id}})], None
        )

    @staticmethod
    def event(
        event_type: str | Sequence[str],
        *,
        attributes: Mapping[str, AttributeFilter | Sequence[str]] | None = None,
        metrics: Mapping[str, MetricFilter] | None = None,
    ) -> Condition:
        """The participant's endpoint recorded an event of ``event_type`` (one name or a list:
        any of them) whose attributes and metrics match.

        :param attributes: Event attributes by name: an ``AttributeFilter`` or a list of values
            (shorthand for ``AttributeFilter.inclusive(...)``). Default: any.
        :param metrics: Event metrics by name, e.g. ``{"price": MetricFilter.greater_than(10)}``.
            Default: any.
        """
        dimensions = event_dimensions("Condition.event", event_type, attributes, metrics)
        return Condition([_Simple("event", {"EventCondition": {"Dimensions": dimensions}})], None)

    @staticmethod
    def message_event(activity: Any, *events: MessageEvent | str) -> Condition:
        """The message that ``activity`` (an earlier message activity of the same journey:
        ``SendEmail``, ``SendSms``, ``SendPush``, ``SendCustom`` or ``ContactCenter``) sent to
        the participant produced one of ``events``.

        ``MessageEvent`` members must match the activity's channel; a plain string passes
        as given (for custom channel and contact center events, or events this library
        doesn't list). At synth the journey checks that ``activity`` is part of it and comes
        before the split on every path.
        """
        channel = getattr(activity, "_message_channel", None)
        if channel is None:
            raise TypeError(
                "a message condition needs a message activity of the journey (SendEmail, "
                f"SendSms, SendPush, SendCustom or ContactCenter), got {activity!r}"
            )
        if not events:
            raise ValueError(f"a message condition on {activity!r} needs at least one event")
        values: list[str] = []
        for event in events:
            if isinstance(event, MessageEvent):
                if event.channel != channel:
                    raise ValueError(
                        f"MessageEvent.{event.name} is an {event.channel} event, but "
                        f"{activity!r} is a {_ACTIVITY_KIND[channel]} activity"
                    )
                values.append(event.value)
            else:
                values.extend(_event_types(f"message condition on {activity!r}", event))
        body = {
            "EventCondition": {
                "Dimensions": {"EventType": {"DimensionType": "INCLUSIVE", "Values": values}}
            }
        }
        return Condition([_Simple("message", body, activity)], None)

    @staticmethod
    def message_delivered(activity: Any) -> Condition:
        """The message of ``activity`` was delivered: ``_email.delivered`` for email,
        ``_SMS.SUCCESS`` for SMS, either ``_journey.received_*`` event for push."""
        return Condition._message_outcome(
            activity,
            "delivered",
            {
                "EMAIL": (MessageEvent.EMAIL_DELIVERED,),
                "SMS": (MessageEvent.SMS_SUCCESS,),
                "PUSH": (
                    MessageEvent.PUSH_RECEIVED_FOREGROUND,
                    MessageEvent.PUSH_RECEIVED_BACKGROUND,
                ),
            },
        )

    @staticmethod
    def message_opened(activity: Any) -> Condition:
        """The participant opened the message of ``activity`` (an email or a push
        notification): ``_email.open`` or ``_journey.opened_notification``."""
        return Condition._message_outcome(
            activity,
            "opened",
            {"EMAIL": (MessageEvent.EMAIL_OPEN,), "PUSH": (MessageEvent.PUSH_OPENED,)},
        )

    @staticmethod
    def message_clicked(activity: Any) -> Condition:
        """The participant followed a link in the email of ``activity``: ``_email.click``."""
        return Condition._message_outcome(
            activity, "clicked", {"EMAIL": (MessageEvent.EMAIL_CLICK,)}
        )

    @staticmethod
    def _message_outcome(
        activity: Any, outcome: str, events: Mapping[str, Sequence[MessageEvent]]
    ) -> Condition:
        channel = getattr(activity, "_message_channel", None)
        if channel is not None and channel not in events:
            kinds = " or ".join(_ACTIVITY_KIND[c] for c in events)
            raise ValueError(
                f"Condition.message_{outcome} works on {kinds} activities; {activity!r} is a "
                f"{_ACTIVITY_KIND[channel]} activity (use Condition.message_event with the "
                "event type you need)"
            )
        return Condition.message_event(activity, *events.get(channel or "", ()))

    @staticmethod
    def all(*conditions: Condition) -> Condition:
        """Every one of ``conditions`` holds (only in a ``ConditionalSplit``)."""
        return Condition(Condition._flatten("all", conditions), "ALL")

    @staticmethod
    def any(*conditions: Condition) -> Condition:
        """At least one of ``conditions`` holds (only in a ``ConditionalSplit``)."""
        return Condition(Condition._flatten("any", conditions), "ANY")

    @staticmethod
    def _flatten(name: str, conditions: Sequence[Condition]) -> list[_Simple]:
        if len(conditions) < 2:
            raise ValueError(
                f"Condition.{name} needs at least two conditions, got {len(conditions)}"
            )
        parts: list[_Simple] = []
        for condition in conditions:
            if not isinstance(condition, Condition):
                raise TypeError(
                    f"Condition.{name} takes Condition objects, got "
                    f"{type(condition).__name__}: {condition!r}"
                )
            if not condition.is_simple:
                raise ValueError(
                    f"Condition.{name} can't contain another Condition.all/any: Pinpoint "
                    "evaluates one list of conditions per split"
                )
            parts.extend(condition._parts)
        return parts

    # ---- what activities and journeys need ---------------------------------------------

    @property
    def is_simple(self) -> bool:
        """Whether this is one condition (not ``all``/``any`` of several)."""
        return self._operator is None

    @property
    def message_activities(self) -> tuple[Any, ...]:
        """The message activities this condition refers to."""
        return tuple(p.activity for p in self._parts if p.activity is not None)

    def _render_simple(self, owner: str) -> dict[str, Any]:
        """The ``SimpleCondition`` (multivariate split branch); ``owner`` names the activity."""
        if not self.is_simple:
            raise ValueError(
                f"{owner}: a multivariate split branch takes one condition, not "
                "Condition.all/any (use a ConditionalSplit for several conditions)"
            )
        return self._parts[0].render()

    def _render(self) -> dict[str, Any]:
        """The ``Condition`` shape (yes/no split)."""
        rendered: dict[str, Any] = {"Conditions": [p.render() for p in self._parts]}
        if self._operator is not None:
            rendered["Operator"] = self._operator
        return rendered

    def __repr__(self) -> str:
        kinds = ", ".join(p.kind for p in self._parts)
        if self._operator is None:
            return f"Condition({kinds})"
        return f"Condition.{self._operator.lower()}({kinds})"
