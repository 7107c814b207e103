"""Journey activities and the chain API that links them, modelled on aws-cdk-lib's Step
Functions ``Chain`` / ``State.next()`` / ``Choice.when().otherwise()``.

Activities are plain objects, not constructs. Each has an ``id`` (its activity id in the
journey: 1 to 100 letters and digits, unique in the journey). ``a.next(b)`` makes ``b`` follow
``a`` and returns a :class:`Chain`, so sequences read left to right; splits take their
branches with ``when_true``/``when_false`` (yes/no), ``when``/``otherwise`` (multivariate) or
``branch`` (random)::

    welcome = SendEmail("Welcome", template=welcome_template)
    definition = welcome.next(Wait("Wait2d", duration=Duration.days(2))).next(
        ConditionalSplit("Opened", condition=Condition.message_opened(welcome))
        .when_true(SendSms("Thanks", template=thanks_sms))
        .when_false(SendEmail("Reminder", template=reminder_template))
    )

A branch that ends (an activity with no next activity, or a split path left empty) is where
participants leave the journey. A chain can't continue after a split: add the activities to
the split's branches. The :class:`~pinpoint_constructs.Journey` checks the whole graph
at synth (unique ids, no cycles, percentages, quotas, message conditions).
"""

from __future__ import annotations

import enum
import json
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from aws_cdk import Duration
from aws_cdk import aws_lambda as lambda_

from ..._props import checked_props
from ..._validation import (
    check_email_address,
    check_https_url,
    check_length,
    check_origination_number,
    check_range,
    check_sender_id,
    duration_seconds,
    is_unresolved,
)
from ..app import same_project
from ..core import ChannelType
from ..templates.base import ITemplate, TemplateType, check_template
from ._validate import check_activity_id, wait_time
from .conditions import Condition

if TYPE_CHECKING:
    from ._binding import JourneyBinding

#: Most conditional branches of a multivariate split: "as many as five paths (including a
#: default Else path)" (Pinpoint API reference, ``MultiConditionalSplitActivity``).
MULTI_CONDITION_SPLIT_MAX_BRANCHES = 4
#: Most paths of a random split: "two to five separate paths" (Pinpoint User Guide, "Set up a
#: random split activity").
RANDOM_SPLIT_MAX_BRANCHES = 5
#: Fewest paths of a random split (same source).
RANDOM_SPLIT_MIN_BRANCHES = 2
#: Shortest and longest wait of a wait activity: "as short as 1 hour or as long as 365 days"
#: (Pinpoint User Guide, "Set up a wait activity").
WAIT_MIN = Duration.hours(1)
WAIT_MAX = Duration.days(365)
#: Longest ``Data`` of a custom channel activity: "up to 5000 alphanumeric characters"
#: (Pinpoint User Guide, "Set up a custom message channel activity").
CUSTOM_DATA_MAX_LENGTH = 5000


class SmsMessageType(enum.Enum):
    """The kind of SMS message, which decides its route and price."""

    #: Critical or time-sensitive messages, such as one-time passwords.
    TRANSACTIONAL = "TRANSACTIONAL"
    #: Marketing and other non-critical messages.
    PROMOTIONAL = "PROMOTIONAL"


@runtime_checkable
class IChainable(Protocol):
    """Something a journey definition or a branch can start with: an activity or a chain."""

    @property
    def id(self) -> str:
        """The id of the activity added last."""
        ...

    @property
    def start_activity(self) -> Activity:
        """The first activity."""
        ...

    @property
    def end_activities(self) -> list[NextableActivity]:
        """The activities a following ``next()`` attaches to (none after a split)."""
        ...


def _start_of(prop: str, chainable: Any) -> Activity:
    if not isinstance(chainable, IChainable):
        raise TypeError(
            f"{prop} must be an activity or a Chain, got {type(chainable).__name__}: {chainable!r}"
        )
    return chainable.start_activity


@checked_props
class Activity:
    """What every journey activity shares: its id, description and place in the graph."""

    #: The channel of a message activity (what message conditions test); None otherwise.
    _message_channel: str | None = None

    def __init__(self, id: str, *, description: str | None = None) -> None:
        self._id = check_activity_id(type(self).__name__, id)
        if description is not None and not isinstance(description, str):
            raise TypeError(
                f"{self!r} description must be a string, got {type(description).__name__}"
            )
        self._description = description
        self._journeys: list[JourneyBinding] = []

    @property
    def id(self) -> str:
        """The activity id, unique in its journey."""
        return self._id

    @property
    def description(self) -> str | None:
        """The description shown as the activity's label in the console."""
        return self._description

    @property
    def start_activity(self) -> Activity:
        """This activity (a chain of one)."""
        return self

    @property
    def end_activities(self) -> list[NextableActivity]:
        """The activities a following ``next()`` attaches to."""
        return []

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._id!r})"

    # ---- graph ------------------------------------------------------------------------

    def _successors(self) -> list[Activity]:
        """The activities this one leads to, in order."""
        return []

    def _conditions(self) -> list[Condition]:
        """The conditions this activity evaluates."""
        return []

    def _unfinished(self) -> str | None:
        """What this activity still lacks (a template, a wait time, a condition), or ``None``
        when it is complete. Only a draft journey may hold an unfinished activity."""
        return None

    def _link(self, chainable: IChainable, prop: str) -> Activity:
        """Return the start of ``chainable`` and let every journey that holds this activity
        adopt the new branch (so activities added after the journey count too)."""
        activity = _start_of(prop, chainable)
        for journey in list(self._journeys):
            journey._adopt(activity)
        return activity

    # ---- rendering --------------------------------------------------------------------

    def _render_body(self) -> dict[str, Any]:
        """The activity-specific member of the ``Activity`` shape, e.g. ``{"EMAIL": {...}}``."""
        raise NotImplementedError  # pragma: no cover - every concrete activity overrides it

    def _render(self) -> dict[str, Any]:
        """The ``Activity`` shape of the journey request."""
        rendered = self._render_body()
        if self._description is not None:
            rendered["Description"] = self._description
        return rendered

    def _bind(self, journey: JourneyBinding) -> None:
        """Called once per journey that holds this activity (permissions, warnings)."""


@checked_props
class NextableActivity(Activity):
    """An activity with one next activity (every activity but the splits)."""

    def __init__(self, id: str, *, description: str | None = None) -> None:
        super().__init__(id, description=description)
        self._next: Activity | None = None

    @property
    def end_activities(self) -> list[NextableActivity]:
        """This activity while it has no next activity."""
        return [self] if self._next is None else []

    def next(self, next: IChainable) -> Chain:
        """Continue with ``next`` (an activity or a chain); returns the chain so far."""
        if self._next is not None:
            raise ValueError(
                f"{self!r} already continues with {self._next!r}: an activity has one next "
                "activity (use a split for several paths)"
            )
        self._next = self._link(next, f"{self!r}.next()")
        return Chain(self, next.end_activities, next)

    def _successors(self) -> list[Activity]:
        return [self._next] if self._next is not None else []

    def _with_next(self, body: dict[str, Any]) -> dict[str, Any]:
        if self._next is not None:
            body["NextActivity"] = self._next.id
        return body


@checked_props
class Chain:
    """A sequence of activities with a start and the open ends a ``next()`` attaches to.

    ``activity.next(...)`` returns one; :meth:`start` makes one from an activity.
    """

    def __init__(
        self, start: Activity, ends: Sequence[NextableActivity], last_added: IChainable
    ) -> None:
        # Use Chain.start, Chain.sequence or activity.next(); the constructor is internal.
        self._start = start
        self._ends = list(ends)
        self._last_added = last_added

    @staticmethod
    def start(chainable: IChainable) -> Chain:
        """A chain that begins (and, for now, ends) with ``chainable``."""
        start = _start_of("Chain.start()", chainable)
        return Chain(start, chainable.end_activities, chainable)

    @staticmethod
    def sequence(start: IChainable, next: IChainable) -> Chain:
        """``start`` followed by ``next``."""
        return Chain.start(start).next(next)

    @property
    def id(self) -> str:
        """The id of the activity added last."""
        return self._last_added.id

    @property
    def start_activity(self) -> Activity:
        """The first activity of the chain."""
        return self._start

    @property
    def end_activities(self) -> list[NextableActivity]:
        """The open ends of the chain."""
        return list(self._ends)

    def next(self, next: IChainable) -> Chain:
        """Continue every open end of the chain with ``next``."""
        if not self._ends:
            raise ValueError(
                f"can't add {next.id!r} to the chain: its last activity ({self._last_added.id}) "
                "is a split or already continues; add activities to the split's branches instead"
            )
        for end in self._ends:
            end.next(next)
        return Chain(self._start, next.end_activities, next)

    def __repr__(self) -> str:
        return f"Chain({self._start.id!r} ... {self.id!r})"


# ---- message activities --------------------------------------------------------------------


def _check_template(activity: Activity, template: Any, expected: TemplateType) -> ITemplate:
    return check_template(
        template,
        expected,
        prop=f"{activity!r} template",
        hint="an ITemplate",
        mismatch=f"{activity!r} needs",
    )


def _template_fields(
    template: ITemplate | None, version: str | None, activity: Activity
) -> dict[str, Any]:
    if template is None:
        if version is not None:
            raise ValueError(
                f"{activity!r} template_version needs a template, got version {version!r} "
                "without one"
            )
        return {}
    fields: dict[str, Any] = {"TemplateName": template.template_name}
    if version is not None:
        if not isinstance(version, str):
            raise TypeError(
                f"{activity!r} template_version must be a string (a version id such as "
                f"'3'), got {type(version).__name__}: {version!r}"
            )
        fields["TemplateVersion"] = version
    return fields


class _MessageActivity(NextableActivity):
    """A send activity: its channel, warned about when the app lacks it."""

    _channel_type: ChannelType | None = None
    template: ITemplate | None = None

    def _bind(self, journey: JourneyBinding) -> None:
        if self._channel_type is not None:
            journey._require_channel(self._channel_type)
        if self.template is not None:
            journey._depend_on_template(self.template)

    def _unfinished(self) -> str | None:
        if self._channel_type is not None and self.template is None:
            return "has no template yet"
        return None


def _optional_template(activity: Activity, template: Any, expected: TemplateType) -> Any:
    return None if template is None else _check_template(activity, template, expected)


@checked_props
class SendEmail(_MessageActivity):
    """Send an email made from an email template.

    :param id: The activity id: 1 to 100 letters and digits, unique in the journey.
    :param template: An email template (``TemplateType.EMAIL``). Default: none,
        which leaves the activity unfinished: only a draft journey
        (``state=JourneyState.DRAFT``) may hold it, as the console saves drafts.
    :param template_version: The template version to send. Default: the template's active
        version at the time of sending.
    :param from_address: A verified sender address. Default: the app's email channel
        ``FromAddress``.
    :param description: The activity's label in the console. Default: none.
    """

    _message_channel = "EMAIL"
    _channel_type = ChannelType.EMAIL

    def __init__(
        self,
        id: str,
        *,
        template: ITemplate | None = None,
        template_version: str | None = None,
        from_address: str | None = None,
        description: str | None = None,
    ) -> None:
        super().__init__(id, description=description)
        self.template = _optional_template(self, template, TemplateType.EMAIL)
        self._fields = _template_fields(self.template, template_version, self)
        if from_address is not None:
            if not isinstance(from_address, str):
                raise TypeError(
                    f"{self!r} from_address must be a string, got {type(from_address).__name__}"
                )
            check_email_address(f"{self!r} from_address", from_address)
            self._fields["MessageConfig"] = {"FromAddress": from_address}

    def _render_body(self) -> dict[str, Any]:
        return {"EMAIL": self._with_next(dict(self._fields))}


@checked_props
class SendSms(_MessageActivity):
    """Send an SMS message made from an SMS template.

    :param id: The activity id.
    :param template: An SMS template (``TemplateType.SMS``). Default: none,
        which leaves the activity unfinished: only a draft journey
        (``state=JourneyState.DRAFT``) may hold it, as the console saves drafts.
    :param template_version: Default: the active version at the time of sending.
    :param message_type: Transactional or promotional. Default: the service default.
    :param origination_number: A dedicated number of the account to send from (E.164).
        Default: the app's SMS channel settings.
    :param sender_id: The sender ID shown where supported. Default: the account default.
    :param entity_id: The registered entity (PE) id, for countries that require it (India).
        Default: none.
    :param template_id: The registered template id, for countries that require it (India).
        Default: none.
    :param description: The activity's label in the console. Default: none.
    """

    _message_channel = "SMS"
    _channel_type = ChannelType.SMS

    def __init__(
        self,
        id: str,
        *,
        template: ITemplate | None = None,
        template_version: str | None = None,
        message_type: SmsMessageType | None = None,
        origination_number: str | None = None,
        sender_id: str | None = None,
        entity_id: str | None = None,
        template_id: str | None = None,
        description: str | None = None,
    ) -> None:
        super().__init__(id, description=description)
        self.template = _optional_template(self, template, TemplateType.SMS)
        self._fields = _template_fields(self.template, template_version, self)
        check_origination_number(f"{self!r} origination_number", origination_number)
        check_sender_id(f"{self!r} sender_id", sender_id)
        config: dict[str, Any] = {}
        if message_type is not None:
            if not isinstance(message_type, SmsMessageType):
                raise TypeError(
                    f"{self!r} message_type must be an SmsMessageType, got {message_type!r}"
                )
            config["MessageType"] = message_type.value
        for key, value in (
            ("OriginationNumber", origination_number),
            ("SenderId", sender_id),
            ("EntityId", entity_id),
            ("TemplateId", template_id),
        ):
            if value is not None:
                config[key] = value
        if config:
            self._fields["MessageConfig"] = config

    def _render_body(self) -> dict[str, Any]:
        return {"SMS": self._with_next(dict(self._fields))}


@checked_props
class SendPush(_MessageActivity):
    """Send a push notification made from a push template.

    :param id: The activity id.
    :param template: A push notification template (``TemplateType.PUSH``). Default: none,
        which leaves the activity unfinished: only a draft journey
        (``state=JourneyState.DRAFT``) may hold it, as the console saves drafts.
    :param template_version: Default: the active version at the time of sending.
    :param time_to_live: How long the push service keeps trying to deliver, in whole
        seconds (0: deliver now or never). Default: each push service's maximum.
    :param description: The activity's label in the console. Default: none.
    """

    _message_channel = "PUSH"
    _channel_type = ChannelType.PUSH

    def __init__(
        self,
        id: str,
        *,
        template: ITemplate | None = None,
        template_version: str | None = None,
        time_to_live: Duration | None = None,
        description: str | None = None,
    ) -> None:
        super().__init__(id, description=description)
        self.template = _optional_template(self, template, TemplateType.PUSH)
        self._fields = _template_fields(self.template, template_version, self)
        seconds = duration_seconds(f"{self!r} time_to_live", time_to_live, minimum=0)
        if seconds is not None:
            # The service takes the number of seconds as a string (JourneyPushMessage).
            self._fields["MessageConfig"] = {
                "TimeToLive": seconds if is_unresolved(seconds) else str(int(seconds))
            }

    def _render_body(self) -> dict[str, Any]:
        return {"PUSH": self._with_next(dict(self._fields))}


@checked_props
class SendCustom(_MessageActivity):
    """Send through a custom channel: Pinpoint calls a Lambda function (or POSTs to a web
    service) with the participants' endpoints (up to 50 per invocation) and ``data``.

    Give ``channel`` (a :class:`~pinpoint_constructs.CustomChannel` of the journey's app, which
    already lets Pinpoint invoke its function for that app only), ``function`` (a Lambda
    function; the journey adds the invoke permission for Pinpoint, scoped to the journey's app)
    or ``url`` (an HTTPS web service: ``CustomMessageActivity.DeliveryUri`` takes "the URL for
    a web application or service that supports HTTPS", botocore's Pinpoint model).

    :param id: The activity id.
    :param channel: The custom channel. Default: none (give ``function`` or ``url``).
    :param function: The function Pinpoint invokes. Default: none. With none of ``channel``,
        ``function`` and ``url``, the activity is unfinished, which only a draft journey may
        hold.
    :param url: The ``https://`` URL Pinpoint POSTs to. Default: none.
    :param data: Text passed to the function with each invocation, up to 5,000 characters;
        a mapping is sent as compact JSON. Default: none.
    :param endpoint_types: The endpoint types (``ChannelType``) the function receives; other
        participants pass the activity without a message. Default: the channel's endpoint
        types, or ``[ChannelType.CUSTOM]`` for a function (the console's default).
    :param description: The activity's label in the console. Default: none.
    """

    _message_channel = "CUSTOM"

    def __init__(
        self,
        id: str,
        *,
        channel: Any = None,
        function: lambda_.IFunction | None = None,
        url: str | None = None,
        data: str | Mapping[str, Any] | None = None,
        endpoint_types: Sequence[ChannelType] | None = None,
        description: str | None = None,
    ) -> None:
        super().__init__(id, description=description)
        given = [
            name
            for name, value in (("channel", channel), ("function", function), ("url", url))
            if value is not None
        ]
        if len(given) > 1:
            raise ValueError(
                f"{self!r} takes one of channel, function and url, got {' and '.join(given)}"
            )
        self.channel = channel
        self.function = function
        self.url = url
        """The web service Pinpoint POSTs to, if given."""
        self._delivery_uri: str | None = None
        if url is not None:
            check_https_url(f"{self!r} url", url)
            self._delivery_uri = url
            default_types = [ChannelType.CUSTOM.value]
        elif channel is None and function is None:
            default_types = [ChannelType.CUSTOM.value]
        elif channel is not None:
            uri = getattr(channel, "delivery_uri", None)
            if not isinstance(uri, str):
                raise TypeError(
                    f"{self!r} channel must be a CustomChannel (with a delivery_uri), got "
                    f"{type(channel).__name__}: {channel!r}"
                )
            self._delivery_uri = uri
            default_types = list(getattr(channel, "endpoint_types", None) or ["CUSTOM"])
        else:
            arn = getattr(function, "function_arn", None)
            if not isinstance(arn, str) or not hasattr(function, "add_permission"):
                raise TypeError(
                    f"{self!r} function must be an aws_lambda.IFunction, got "
                    f"{type(function).__name__}: {function!r}"
                )
            self._delivery_uri = arn
            default_types = [ChannelType.CUSTOM.value]
        if endpoint_types is None:
            self._endpoint_types = default_types
        else:
            if isinstance(endpoint_types, str | ChannelType) or not all(
                isinstance(t, ChannelType) for t in endpoint_types
            ):
                raise TypeError(
                    f"{self!r} endpoint_types must be a list of ChannelType, got {endpoint_types!r}"
                )
            self._endpoint_types = list(dict.fromkeys(t.value for t in endpoint_types))
            if not self._endpoint_types:
                raise ValueError(f"{self!r} endpoint_types must not be empty")
        if data is not None:
            if isinstance(data, Mapping):
                data = json.dumps(data, separators=(",", ":"))
            if not isinstance(data, str):
                raise TypeError(
                    f"{self!r} data must be a string or a JSON-serializable mapping, "
                    f"got {type(data).__name__}"
                )
            check_length(f"{self!r} data", data, CUSTOM_DATA_MAX_LENGTH)

        self._data = data

    def _bind(self, journey: JourneyBinding) -> None:
        if self.function is not None:
            journey._allow_invoke(self.function)
        elif self.channel is not None:
            channel_app = getattr(self.channel, "app", None)
            if channel_app is not None and not same_project(channel_app, journey.app):
                raise ValueError(
                    f"{self!r}: custom channel {self.channel.node.path} lets Pinpoint invoke its "
                    f"function for the app {channel_app.node.path} only, not for the journey's "
                    f"app {journey.app.node.path}; create a CustomChannel for this app"
                )
            function = getattr(self.channel, "function", None)
            if function is not None:
                journey._depend_on_invoke_permissions(function)

    def _unfinished(self) -> str | None:
        if self._delivery_uri is None:
            return "has no channel, function or url yet"
        return None

    def _render_body(self) -> dict[str, Any]:
        body: dict[str, Any] = {}
        if self._delivery_uri is not None:
            body["DeliveryUri"] = self._delivery_uri
        body["EndpointTypes"] = list(self._endpoint_types)
        if self._data is not None:
            body["MessageConfig"] = {"Data": self._data}
        return {"CUSTOM": self._with_next(body)}


@checked_props
class ContactCenter(_MessageActivity):
    """Place participants in the journey's Amazon Connect outbound campaign, which calls them.

    The journey needs ``connect_campaign``; event-triggered journeys can't use it.

    :param id: The activity id.
    :param description: The activity's label in the console. Default: none.
    """

    _message_channel = "CONTACT_CENTER"

    def _render_body(self) -> dict[str, Any]:
        return {"ContactCenter": self._with_next({})}


# ---- flow activities ------------------------------------------------------------------------


@checked_props
class Wait(NextableActivity):
    """Hold participants for a duration (1 hour to 365 days) or until a point in time.

    :param id: The activity id.
    :param duration: How long to wait. Give ``duration`` or ``until``; with neither the
        activity is unfinished, which only a draft journey may hold.
    :param until: When to move on (a ``datetime`` with a time zone).
    :param description: The activity's label in the console. Default: none.
    """

    def __init__(
        self,
        id: str,
        *,
        duration: Duration | None = None,
        until: datetime | None = None,
        description: str | None = None,
    ) -> None:
        super().__init__(id, description=description)
        self._wait_time = wait_time(
            repr(self),
            duration=duration,
            until=until,
            duration_name="duration",
            until_name="until",
            required=False,
            minimum=WAIT_MIN,
            maximum=WAIT_MAX,
        )

    def _unfinished(self) -> str | None:
        if self._wait_time is None:
            return "has no duration or until yet"
        return None

    def _render_body(self) -> dict[str, Any]:
        body: dict[str, Any] = {}
        if self._wait_time is not None:
            body["WaitTime"] = dict(self._wait_time)
        return {"Wait": self._with_next(body)}


@checked_props
class Holdout(NextableActivity):
    """End the journey for a random ``percentage`` of participants (a control group);
    the others continue with the next activity.

    :param id: The activity id.
    :param percentage: The share of participants held out, 1 to 99 (0 would hold out
        nobody and 100 would end the journey for everyone).
    :param description: The activity's label in the console. Default: none.
    """

    def __init__(self, id: str, *, percentage: int, description: str | None = None) -> None:
        super().__init__(id, description=description)
        _check_percentage(f"{self!r} percentage", percentage)
        self.percentage = percentage

    def _render_body(self) -> dict[str, Any]:
        return {"Holdout": self._with_next({"Percentage": self.percentage})}


def _check_percentage(prop: str, value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{prop} must be a whole number, got {type(value).__name__}: {value!r}")
    check_range(prop, value, 1, 99)


def _evaluation_wait(
    activity: Activity, evaluate_after: Duration | None, evaluate_at: datetime | None
) -> dict[str, str] | None:
    return wait_time(
        repr(activity),
        duration=evaluate_after,
        until=evaluate_at,
        duration_name="evaluate_after",
        until_name="evaluate_at",
        required=False,
    )


def _check_condition(activity: Activity, condition: Any) -> Condition:
    if not isinstance(condition, Condition):
        raise TypeError(
            f"{activity!r} condition must be a Condition (for example "
            f"Condition.message_opened(email)), got {type(condition).__name__}: {condition!r}"
        )
    return condition


@checked_props
class ConditionalSplit(Activity):
    """A yes/no split: participants who meet ``condition`` take the true branch, the others
    the false branch. A branch left out ends the journey for its participants.

    :param id: The activity id.
    :param condition: What to evaluate; ``Condition.all``/``any`` combine several. Default:
        none, which leaves the split unfinished: only a draft journey may hold it.
    :param evaluate_after: Evaluate this long after the participant arrives. Give at most one
        of ``evaluate_after`` and ``evaluate_at``. Default: evaluate on arrival.
    :param evaluate_at: Evaluate at this point in time. Default: evaluate on arrival.
    :param description: The activity's label in the console. Default: none.
    """

    def __init__(
        self,
        id: str,
        *,
        condition: Condition | None = None,
        evaluate_after: Duration | None = None,
        evaluate_at: datetime | None = None,
        description: str | None = None,
    ) -> None:
        super().__init__(id, description=description)
        self.condition = None if condition is None else _check_condition(self, condition)
        self._evaluation = _evaluation_wait(self, evaluate_after, evaluate_at)
        self._true: Activity | None = None
        self._false: Activity | None = None

    def when_true(self, next: IChainable) -> ConditionalSplit:
        """The branch for participants who meet the condition."""
        if self._true is not None:
            raise ValueError(f"{self!r} already has a true branch ({self._true!r})")
        self._true = self._link(next, f"{self!r}.when_true()")
        return self

    def when_false(self, next: IChainable) -> ConditionalSplit:
        """The branch for participants who don't meet the condition."""
        if self._false is not None:
            raise ValueError(f"{self!r} already has a false branch ({self._false!r})")
        self._false = self._link(next, f"{self!r}.when_false()")
        return self

    def _successors(self) -> list[Activity]:
        return [a for a in (self._true, self._false) if a is not None]

    def _conditions(self) -> list[Condition]:
        return [] if self.condition is None else [self.condition]

    def _unfinished(self) -> str | None:
        return "has no condition yet" if self.condition is None else None

    def _branch_problem(self) -> str | None:
        if self._true is None and self._false is None:
            return "has neither a true nor a false branch: add when_true() and/or when_false()"
        return None

    def _render_body(self) -> dict[str, Any]:
        body: dict[str, Any] = {}
        if self.condition is not None:
            body["Condition"] = self.condition._render()
        if self._evaluation is not None:
            body["EvaluationWaitTime"] = dict(self._evaluation)
        if self._true is not None:
            body["TrueActivity"] = self._true.id
        if self._false is not None:
            body["FalseActivity"] = self._false.id
        return {"ConditionalSplit": body}


@checked_props
class MultiConditionSplit(Activity):
    """A multivariate split: up to four ``when`` branches, each with one condition, and an
    ``otherwise`` (else) branch for participants who meet none. A participant who meets
    several conditions takes the first branch in alphabetical order (Pinpoint's rule).

    :param id: The activity id.
    :param evaluate_after: Evaluate this long after arrival. Default: on arrival.
    :param evaluate_at: Evaluate at this point in time. Default: on arrival.
    :param description: The activity's label in the console. Default: none.
    """

    def __init__(
        self,
        id: str,
        *,
        evaluate_after: Duration | None = None,
        evaluate_at: datetime | None = None,
        description: str | None = None,
    ) -> None:
        super().__init__(id, description=description)
        self._evaluation = _evaluation_wait(self, evaluate_after, evaluate_at)
        self._branches: list[tuple[Condition | None, Activity | None]] = []
        self._otherwise: Activity | None = None

    def when(
        self, condition: Condition | None, next: IChainable | None = None
    ) -> MultiConditionSplit:
        """Add a branch for participants who meet ``condition`` (one condition, not
        ``all``/``any``); without ``next`` the branch ends the journey. ``None`` leaves the
        branch's condition unfinished, as the console saves a new branch: only a draft
        journey may hold it (the service accepts a draft branch without a ``Condition``)."""
        if len(self._branches) >= MULTI_CONDITION_SPLIT_MAX_BRANCHES:
            raise ValueError(
                f"{self!r} can have at most {MULTI_CONDITION_SPLIT_MAX_BRANCHES} branches plus "
                "otherwise (Pinpoint allows five paths including the else path), got a "
                f"{len(self._branches) + 1}th"
            )
        if condition is not None:
            condition = _check_condition(self, condition)
            condition._render_simple(repr(self))  # one condition per branch: fail here
        target = None if next is None else self._link(next, f"{self!r}.when()")
        self._branches.append((condition, target))
        return self

    def otherwise(self, next: IChainable) -> MultiConditionSplit:
        """The else branch, for participants who meet no condition."""
        if self._otherwise is not None:
            raise ValueError(f"{self!r} already has an otherwise branch ({self._otherwise!r})")
        self._otherwise = self._link(next, f"{self!r}.otherwise()")
        return self

    def _successors(self) -> list[Activity]:
        targets = [target for _, target in self._branches]
        return [a for a in (*targets, self._otherwise) if a is not None]

    def _conditions(self) -> list[Condition]:
        return [condition for condition, _ in self._branches if condition is not None]

    def _unfinished(self) -> str | None:
        missing = [
            f"{i + 1}" + ("" if target is None else f" (to {target!r})")
            for i, (condition, target) in enumerate(self._branches)
            if condition is None
        ]
        if missing:
            return f"has no condition yet on branch {', '.join(missing)}"
        return None

    def _branch_problem(self) -> str | None:
        if not self._branches:
            return "has no branches: add at least one when(condition, ...)"
        return None

    def _render_body(self) -> dict[str, Any]:
        branches = []
        for condition, target in self._branches:
            branch: dict[str, Any] = {}
            if condition is not None:
                branch["Condition"] = condition._render_simple(repr(self))
            if target is not None:
                branch["NextActivity"] = target.id
            branches.append(branch)
        body: dict[str, Any] = {"Branches": branches}
        if self._otherwise is not None:
            body["DefaultActivity"] = self._otherwise.id
        if self._evaluation is not None:
            body["EvaluationWaitTime"] = dict(self._evaluation)
        return {"MultiCondition": body}


@checked_props
class RandomSplit(Activity):
    """Send participants down two to five paths at random, by whole percentages that add
    up to 100.

    :param id: The activity id.
    :param description: The activity's label in the console. Default: none.
    """

    def __init__(self, id: str, *, description: str | None = None) -> None:
        super().__init__(id, description=description)
        self._branches: list[tuple[int, Activity | None]] = []

    def branch(self, percentage: int, next: IChainable | None = None) -> RandomSplit:
        """Add a path for ``percentage`` (1 to 99) of participants; without ``next`` the path
        ends the journey."""
        if len(self._branches) >= RANDOM_SPLIT_MAX_BRANCHES:
            raise ValueError(
                f"{self!r} can have at most {RANDOM_SPLIT_MAX_BRANCHES} branches, got a "
                f"{len(self._branches) + 1}th"
            )
        _check_percentage(f"{self!r} branch percentage", percentage)
        target = None if next is None else self._link(next, f"{self!r}.branch()")
        self._branches.append((percentage, target))
        return self

    @property
    def percentages(self) -> list[int]:
        """The percentages of the branches, in order."""
        return [percentage for percentage, _ in self._branches]

    def _successors(self) -> list[Activity]:
        return [target for _, target in self._branches if target is not None]

    def _branch_problem(self) -> str | None:
        if len(self._branches) < RANDOM_SPLIT_MIN_BRANCHES:
            return (
                f"has {len(self._branches)} branch(es); a random split needs "
                f"{RANDOM_SPLIT_MIN_BRANCHES} to {RANDOM_SPLIT_MAX_BRANCHES}: add branch(...)"
            )
        total = sum(self.percentages)
        if total != 100:
            shares = " + ".join(str(p) for p in self.percentages)
            return f"has branch percentages that add up to {total} ({shares}), not 100"
        return None

    def _render_body(self) -> dict[str, Any]:
        branches = []
        for percentage, target in self._branches:
            branch: dict[str, Any] = {"Percentage": percentage}
            if target is not None:
                branch["NextActivity"] = target.id
            branches.append(branch)
        return {"RandomSplit": {"Branches": branches}}
