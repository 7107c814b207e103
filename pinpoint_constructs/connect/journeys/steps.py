"""The steps of a journey on Amazon Connect and the chain API that links them, modelled on the
library's Pinpoint journey activities (and so on aws-cdk-lib's Step Functions ``Chain`` /
``State.next()`` / ``Choice.when().otherwise()``).

A step is a plain object, not a construct. Each renders one or more actions of the Amazon
Connect flow language (a flow of type ``CAMPAIGN``), and every action and parameter written
here comes from AWS's documentation, cited at each step:

- the campaign flow examples of the Amazon Connect Administrator Guide, "Create an outbound
  campaign using the API or CLI"
  (https://docs.aws.amazon.com/connect/latest/adminguide/create-campaigns-api-cli.html):
  ``SendSMS``, ``SendOutboundEmail``, ``Wait``, ``GetOutboundCommunicationStatus``,
  ``Compare``, ``EndFlowExecution``, and the transitions each of them takes;
- the flow-language reference of the Amazon Connect API Reference: "Actions in the Amazon
  Connect Flow Language" (``flow-language-actions.html``: identifiers, transitions),
  ``Compare`` (``flow-control-actions-compare.html``), ``DistributeByPercentage``
  (``flow-control-actions-distributebypercentage.html``), ``InvokeLambdaFunction``
  (``interactions-invokelambdafunction.html``), ``Wait``
  (``flow-control-actions-wait.html``), ``EndFlowExecution``
  (``flow-control-actions-endflowexecution.html``);
- the console's journey blocks, "Journey flow block definitions" (Administrator Guide,
  ``journey-flow-block-definitions.html`` and the block pages it links).

::

    welcome = SendEmailStep("Welcome", template=welcome_email, from_address=address)
    start = welcome.next(WaitStep("WaitTwoDays", duration=Duration.days(2))).next(
        CheckCommunicationStatusStep("Opened")
        .when(CommunicationStatus.OPEN, SendSmsStep("Offer", template=offer, phone_number=number))
        .otherwise(SendEmailStep("Reminder", template=reminder, from_address=address))
    )

A branch that ends (a step with no next step) goes to the flow's closing
``EndFlowExecution`` action ("All flow paths must end with this action", same page), and so do
the error branches of every action.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from aws_cdk import Duration
from aws_cdk import aws_lambda as lambda_

from ..._validation import check_int, duration_seconds, is_unresolved, require_enum
from ..campaign import ChannelSubtype, _template_version_arn

if TYPE_CHECKING:
    from ..email_address import IConnectEmailAddress
    from ..message_templates import IMessageTemplate
    from ..phone_number import IConnectPhoneNumber

#: An action identifier: "up to 50 characters long", without ``% : ( \\ / ) = $ , ; [ ] { }``
#: and none of the listed reserved strings ("Actions in the Amazon Connect Flow Language",
#: Identifier).
IDENTIFIER_MAX_LENGTH = 50
_IDENTIFIER_FORBIDDEN = re.compile(r"[%:(\\/)=$,;\[\]{}]")
_RESERVED_IDENTIFIERS = frozenset(
    {
        "__proto__",
        "constructor",
        "__defineGetter__",
        "__defineSetter__",
        "toString",
        "hasOwnProperty",
        "isPrototypeOf",
        "propertyIsEnumerable",
        "toLocaleString",
        "valueOf",
    }
)
#: The identifier of the closing ``EndFlowExecution`` action the journey adds (the name the
#: documented campaign flows give it).
END_ACTION_ID = "EndFlow"
#: The longest wait: "a positive integer value no greater than 604800 (seven days)" (``Wait``
#: action page); the journey Wait block: "an exact date/time within 7 days".
WAIT_MAX_SECONDS = 604800
#: A Lambda function's time limit: "greater than 0, no larger than 8, and an integer"
#: (``InvokeLambdaFunction``, ``InvocationTimeLimitSeconds``).
LAMBDA_TIME_LIMIT_MAX_SECONDS = 8
#: The conditions of one Check communication status block: "You can add up to 5 conditions"
#: (Administrator Guide, journey-flow-block-check-communication-status.html).
STATUS_CHECK_MAX_CONDITIONS = 5
#: The delivery-receipt path the documented campaign flow compares, for the most recent
#: communication: ``$.DeliveryReceipts['`$.OutboundCommunication.Latest.Id`'].Bounce``
#: ("Delivery receipt references in Compare actions must use the same key").
LATEST_COMMUNICATION_ID = "$.OutboundCommunication.Latest.Id"
_DELIVERY_RECEIPT = "$.DeliveryReceipts['`" + LATEST_COMMUNICATION_ID + "`'].{status}"


def check_identifier(prop: str, value: Any) -> str:
    """Raise unless ``value`` is an identifier the flow language accepts (see
    :data:`IDENTIFIER_MAX_LENGTH`)."""
    if not isinstance(value, str):
        raise TypeError(f"{prop} must be a string, got {type(value).__name__}: {value!r}")
    if not 1 <= len(value) <= IDENTIFIER_MAX_LENGTH:
        raise ValueError(
            f"{prop} must be 1 to {IDENTIFIER_MAX_LENGTH} characters (a flow action's "
            f"Identifier), got {len(value)}: {value!r}"
        )
    bad = _IDENTIFIER_FORBIDDEN.search(value)
    if bad:
        raise ValueError(
            f"{prop} must not contain any of % : ( \\ / ) = $ , ; [ ] {{ }} (flow-language "
            f"Identifier rule), got {value!r} with {bad.group()!r}"
        )
    if value in _RESERVED_IDENTIFIERS:
        raise ValueError(f"{prop} must not be the reserved string {value!r} (flow-language rule)")
    return value


@runtime_checkable
class IChainableStep(Protocol):
    """Something a journey or a branch can start with: a step or a :class:`StepChain`."""

    @property
    def start_step(self) -> Step:
        """The first step."""
        ...

    @property
    def end_steps(self) -> list[NextableStep]:
        """The steps a following ``next()`` attaches to (none after a split or an end)."""
        ...


def _start_of(prop: str, chainable: Any) -> Step:
    if not isinstance(chainable, IChainableStep):
        raise TypeError(
            f"{prop} must be a journey step or a StepChain, got {type(chainable).__name__}: "
            f"{chainable!r}"
        )
    return chainable.start_step


#: What a step's rendering is given: the identifier of the action a step leads to (a
#: successor's first action, or the closing end).
Target = Callable[["Step | None"], str]


def _transitions(
    next_action: str,
    *,
    conditions: Sequence[tuple[str, Mapping[str, Any]]] = (),
    error_type: str = "NoMatchingError",
    error_action: str,
) -> dict[str, Any]:
    """A ``Transitions`` object as the documented campaign flows write it: ``NextAction``,
    ``Conditions`` (each ``{"NextAction", "Condition": {"Operator", "Operands"}}``) and
    ``Errors`` (each ``{"NextAction", "ErrorType"}``)."""
    return {
        "NextAction": next_action,
        "Conditions": [
            {"NextAction": action, "Condition": dict(condition)} for action, condition in conditions
        ],
        "Errors": [{"NextAction": error_action, "ErrorType": error_type}],
    }


class Step:
    """What every step shares: its id (the identifier of its first flow action) and place in
    the graph."""

    def __init__(self, id: str) -> None:
        self._id = check_identifier(f"{type(self).__name__} id", id)

    @property
    def id(self) -> str:
        """The step id: the ``Identifier`` of its (first) flow action, unique in its journey."""
        return self._id

    @property
    def start_step(self) -> Step:
        """This step (a chain of one)."""
        return self

    @property
    def end_steps(self) -> list[NextableStep]:
        """The steps a following ``next()`` attaches to."""
        return []

    def _successors(self) -> list[Step]:
        """The steps this one leads to, in branch order."""
        return []

    def _action_ids(self) -> list[str]:
        """The identifiers of the actions this step writes."""
        return [self._id]

    def _render(self, target: Target) -> list[dict[str, Any]]:
        """This step's flow actions; ``target(step)`` is the identifier of ``step``'s first
        action (``target(None)``: the closing end)."""
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._id!r})"


class NextableStep(Step):
    """A step with one way out, which ``next()`` sets."""

    def __init__(self, id: str) -> None:
        super().__init__(id)
        self._next: Step | None = None

    @property
    def end_steps(self) -> list[NextableStep]:
        return [self]

    @property
    def next_step(self) -> Step | None:
        """The step that follows, or None (the flow ends here)."""
        return self._next

    def next(self, step: IChainableStep) -> StepChain:
        """Continue with ``step`` (a step or a chain); returns the chain, so sequences read
        left to right."""
        return StepChain(self).next(step)

    def _set_next(self, step: Step) -> None:
        if self._next is not None and self._next is not step:
            raise ValueError(
                f"step {self._id!r} already continues with {self._next.id!r}; a step has one "
                f"next step (use a split to branch), got another: {step.id!r}"
            )
        self._next = step

    def _successors(self) -> list[Step]:
        return [] if self._next is None else [self._next]


class StepChain:
    """A sequence of steps: its first step and the steps the next ``next()`` attaches to."""

    def __init__(self, start: IChainableStep) -> None:
        self._start = _start_of("StepChain start", start)
        self._ends = list(start.end_steps)

    @property
    def start_step(self) -> Step:
        """The first step."""
        return self._start

    @property
    def end_steps(self) -> list[NextableStep]:
        """The steps a following ``next()`` attaches to."""
        return list(self._ends)

    def next(self, step: IChainableStep) -> StepChain:
        """Continue every open end of this chain with ``step``."""
        first = _start_of("next() step", step)
        if not self._ends:
            raise ValueError(
                f"the chain starting at {self._start.id!r} can't continue with {first.id!r}: "
                "it ends in a split or an end step; add the step to the split's branches"
            )
        for end in self._ends:
            end._set_next(first)
        self._ends = list(step.end_steps)
        return self

    def __repr__(self) -> str:
        return f"StepChain(start={self._start.id!r})"


# ---- messages ----------------------------------------------------------------------------


def _templated_message(prop: str, template: Any, channel: ChannelSubtype) -> dict[str, Any]:
    """``{"MessageSourceType": "TEMPLATE", "TemplatedMessage": {...}}`` of the documented
    campaign flows: the template's knowledge base and its published version."""
    version_arn = _template_version_arn(prop, template, channel)
    knowledge_base = getattr(template, "knowledge_base", None)
    if knowledge_base is None or not hasattr(knowledge_base, "knowledge_base_arn"):
        raise TypeError(
            f"{prop} must carry its knowledge_base (an IMessageTemplateKnowledgeBase): the flow "
            "names both (WisdomKnowledgeBaseArn and WisdomMessageTemplateArn)"
        )
    return {
        "MessageSourceType": "TEMPLATE",
        "TemplatedMessage": {
            "WisdomKnowledgeBaseArn": knowledge_base.knowledge_base_arn,
            "WisdomMessageTemplateArn": version_arn,
        },
    }


class SendEmailStep(NextableStep):
    """Send an email (console block "Send communication", email): the flow action
    ``SendOutboundEmail`` with ``EmailMessage`` (a Q in Connect ``EMAIL`` template, by its
    knowledge base and published version) and ``FromEmailAddress.EmailAddress``; its
    ``NoMatchingError`` goes to the end. Source: the "Flow with delivery status check and
    retries" example of "Create an outbound campaign using the API or CLI" (Administrator
    Guide).

    :param template: the Q in Connect email template; the flow sends its ``version_arn``.
    :param from_address: the Connect email address it is sent from.
    """

    def __init__(
        self, id: str, *, template: IMessageTemplate, from_address: IConnectEmailAddress
    ) -> None:
        super().__init__(id)
        self._message = _templated_message("template", template, ChannelSubtype.EMAIL)
        if not hasattr(from_address, "email_address"):
            raise TypeError(
                "from_address must be an IConnectEmailAddress, "
                f"got {type(from_address).__name__}: {from_address!r}"
            )
        self.template = template
        self.from_address = from_address

    def _render(self, target: Target) -> list[dict[str, Any]]:
        return [
            {
                "Identifier": self.id,
                "Type": "SendOutboundEmail",
                "Parameters": {
                    "EmailMessage": self._message,
                    "FromEmailAddress": {"EmailAddress": self.from_address.email_address},
                },
                "Transitions": _transitions(target(self._next), error_action=target(None)),
            }
        ]


class SendSmsStep(NextableStep):
    """Send an SMS (console block "Send communication", SMS): the flow action ``SendSMS`` with
    ``Message`` (a Q in Connect ``SMS`` template, by its knowledge base and published version)
    and ``SourceEndpoint`` (``Type: CONNECT_PHONENUMBER_ARN``, the number's ARN); its
    ``NoMatchingError`` goes to the end. Source: the "Simple flow" example of "Create an
    outbound campaign using the API or CLI" (Administrator Guide).

    :param template: the Q in Connect SMS template; the flow sends its ``version_arn``.
    :param phone_number: the Connect phone number it is sent from.
    """

    def __init__(
        self, id: str, *, template: IMessageTemplate, phone_number: IConnectPhoneNumber
    ) -> None:
        super().__init__(id)
        self._message = _templated_message("template", template, ChannelSubtype.SMS)
        if not hasattr(phone_number, "phone_number_arn"):
            raise TypeError(
                "phone_number must be an IConnectPhoneNumber, "
                f"got {type(phone_number).__name__}: {phone_number!r}"
            )
        self.template = template
        self.phone_number = phone_number

    def _render(self, target: Target) -> list[dict[str, Any]]:
        return [
            {
                "Identifier": self.id,
                "Type": "SendSMS",
                "Parameters": {
                    "Message": self._message,
                    "SourceEndpoint": {
                        "Address": self.phone_number.phone_number_arn,
                        "Type": "CONNECT_PHONENUMBER_ARN",
                    },
                },
                "Transitions": _transitions(target(self._next), error_action=target(None)),
            }
        ]


# ---- wait --------------------------------------------------------------------------------


class WaitStep(NextableStep):
    """Wait for a time (console block "Wait", "Set duration"): the flow action ``Wait`` with
    ``TimeLimitSeconds`` (whole seconds, written as a string as the documented campaign flow
    writes ``"900"``), a ``WaitCompleted`` condition (operator ``Equals``, "the only operator
    supported"; "WaitCompleted is always required") and ``NoMatchingError``. Sources: the
    "Flow with delivery status check and retries" example ("Create an outbound campaign using
    the API or CLI") and the ``Wait`` action page (at most 604800 seconds, seven days).

    The ``Wait`` action page names the parameter ``TimeoutSeconds`` where the campaign example
    writes ``TimeLimitSeconds``; this step follows the campaign example, the only documented
    campaign flow. Waiting until a date ("Wait until") and waiting for events have no
    documented parameters in a campaign flow and are not offered.

    :param duration: 1 second to 7 days, whole seconds.
    """

    def __init__(self, id: str, *, duration: Duration) -> None:
        super().__init__(id)
        seconds = duration_seconds("WaitStep duration", duration, 1, WAIT_MAX_SECONDS)
        if not is_unresolved(seconds) and seconds != int(seconds):
            raise ValueError(
                f"WaitStep duration must be whole seconds, got {duration.to_human_string()}"
            )
        self.duration = duration
        self._seconds = seconds

    def _render(self, target: Target) -> list[dict[str, Any]]:
        next_action = target(self._next)
        seconds = self._seconds if is_unresolved(self._seconds) else str(int(self._seconds))
        return [
            {
                "Identifier": self.id,
                "Type": "Wait",
                "Parameters": {"TimeLimitSeconds": seconds},
                "Transitions": _transitions(
                    next_action,
                    conditions=[
                        (next_action, {"Operator": "Equals", "Operands": ["WaitCompleted"]})
                    ],
                    error_action=target(None),
                ),
            }
        ]


# ---- custom action -----------------------------------------------------------------------


class LambdaResponseType(enum.Enum):
    """How the flow reads the function's answer (``InvokeLambdaFunction``,
    ``ResponseValidation.ResponseType``)."""

    #: "a flat object of key/value pairs of the string type".
    STRING_MAP = "STRING_MAP"
    #: "any valid JSON, including nested JSON".
    JSON = "JSON"


class LambdaInvocationType(enum.Enum):
    """Whether the flow waits for the function (``InvokeLambdaFunction``,
    ``InvocationType``)."""

    SYNCHRONOUS = "SYNCHRONOUS"
    ASYNCHRONOUS = "ASYNCHRONOUS"


class CustomActionStep(NextableStep):
    """Invoke a Lambda function (console block "Custom action"): the flow action
    ``InvokeLambdaFunction`` with ``LambdaFunctionARN``, ``InvocationTimeLimitSeconds``,
    optional ``InvocationType``, ``LambdaInvocationAttributes`` and ``ResponseValidation``;
    "Conditions are not supported", its error is ``NoMatchingError`` (sent to the end).
    Sources: the ``InvokeLambdaFunction`` page of the flow-language reference and the journey
    block page "Custom action" ("using the InvokeLambda action"; the function must be set up
    on the instance, which :class:`ConnectJourney` does).

    :param function: the function; the journey grants Connect the right to invoke it.
    :param time_limit: how long the flow waits for an answer, 1 to 8 whole seconds. Default:
        8 seconds.
    :param attributes: extra data sent to the function (string keys and values; a value may
        be a flow JSONPath such as ``$.Customer.FirstName``). Default: none.
    :param response_type: how the answer is read. Default: ``LambdaResponseType.JSON``.
    :param invocation_type: synchronous or not. Default: none written (the service's).
    """

    def __init__(
        self,
        id: str,
        *,
        function: lambda_.IFunction,
        time_limit: Duration | None = None,
        attributes: Mapping[str, str] | None = None,
        response_type: LambdaResponseType = LambdaResponseType.JSON,
        invocation_type: LambdaInvocationType | None = None,
    ) -> None:
        super().__init__(id)
        if not hasattr(function, "function_arn"):
            raise TypeError(
                "function must be an aws_lambda.IFunction, "
                f"got {type(function).__name__}: {function!r}"
            )
        seconds = duration_seconds(
            "CustomActionStep time_limit",
            time_limit or Duration.seconds(LAMBDA_TIME_LIMIT_MAX_SECONDS),
            1,
            LAMBDA_TIME_LIMIT_MAX_SECONDS,
        )
        if is_unresolved(seconds):
            # "Must be set statically" (InvokeLambdaFunction).
            raise ValueError("CustomActionStep time_limit must be a literal Duration, got a token")
        check_int("CustomActionStep time_limit seconds", seconds, 1, LAMBDA_TIME_LIMIT_MAX_SECONDS)
        for key, value in (attributes or {}).items():
            if not isinstance(key, str) or not isinstance(value, str):
                raise TypeError(
                    "CustomActionStep attributes must map strings to strings, got "
                    f"{key!r}: {value!r}"
                )
        self.function = function
        self.time_limit_seconds = int(seconds)
        self.attributes = dict(attributes or {})
        self.response_type = require_enum(
            "CustomActionStep response_type", response_type, LambdaResponseType
        )
        self.invocation_type = (
            None
            if invocation_type is None
            else require_enum(
                "CustomActionStep invocation_type", invocation_type, LambdaInvocationType
            )
        )

    def _render(self, target: Target) -> list[dict[str, Any]]:
        parameters: dict[str, Any] = {
            "LambdaFunctionARN": self.function.function_arn,
            "InvocationTimeLimitSeconds": str(self.time_limit_seconds),
        }
        if self.invocation_type is not None:
            parameters["InvocationType"] = self.invocation_type.value
        if self.attributes:
            parameters["LambdaInvocationAttributes"] = dict(self.attributes)
        parameters["ResponseValidation"] = {"ResponseType": self.response_type.value}
        return [
            {
                "Identifier": self.id,
                "Type": "InvokeLambdaFunction",
                "Parameters": parameters,
                "Transitions": _transitions(target(self._next), error_action=target(None)),
            }
        ]


# ---- end ---------------------------------------------------------------------------------


class EndFlowStep(Step):
    """End the journey for this profile (console block "End flow"): the flow action
    ``EndFlowExecution`` with empty ``Parameters``; a terminating action's ``Transitions`` "must
    be defined as an empty object" ("Actions in the Amazon Connect Flow Language"). A branch
    that simply stops ends the same way, through the journey's closing end action."""

    def _render(self, target: Target) -> list[dict[str, Any]]:
        return [end_action(self.id)]


def end_action(identifier: str) -> dict[str, Any]:
    """An ``EndFlowExecution`` action (documented campaign flows; flow-language reference)."""
    return {
        "Identifier": identifier,
        "Type": "EndFlowExecution",
        "Parameters": {},
        "Transitions": {},
    }


# ---- splits ------------------------------------------------------------------------------


class SplitStep(Step):
    """A step with several ways out: conditional branches and a default (``otherwise``),
    which every split needs (the ``NoMatchingCondition`` error is the default branch)."""

    def __init__(self, id: str) -> None:
        super().__init__(id)
        self._branches: list[tuple[Any, Step]] = []
        self._default: Step | None = None

    @property
    def default_step(self) -> Step | None:
        """The first step of the default branch, or None while it is missing."""
        return self._default

    def otherwise(self, step: IChainableStep) -> SplitStep:
        """The default branch: where profiles go when no condition matches."""
        first = _start_of("otherwise() step", step)
        if self._default is not None:
            raise ValueError(
                f"split {self.id!r} already has a default branch ({self._default.id!r})"
            )
        self._default = first
        return self

    def _add_branch(self, condition: Any, step: IChainableStep | None) -> None:
        self._branches.append(
            (condition, None if step is None else _start_of("when() step", step))  # type: ignore[arg-type]
        )

    def _successors(self) -> list[Step]:
        steps = [step for _, step in self._branches if step is not None]
        return [*steps] + ([] if self._default is None else [self._default])


class CommunicationStatus(enum.Enum):
    """An email status a Check communication status block tests: the email statuses the
    journey block page lists (Administrator Guide,
    journey-flow-block-check-communication-status.html), as delivery-receipt keys. The
    documented flow reads one with ``Compare`` on
    ``$.DeliveryReceipts['`$.OutboundCommunication.Latest.Id`'].<status>`` and the operator
    ``Exists`` (the ``Bounce`` example of "Create an outbound campaign using the API or CLI").

    The page's SMS and voice statuses are console labels with spaces ("Text delivered",
    "Voicemail beep", ...), which no documented receipt key spells; they are not offered.
    """

    BOUNCE = "Bounce"
    COMPLAINT = "Complaint"
    DELIVERY = "Delivery"
    SEND = "Send"
    REJECT = "Reject"
    OPEN = "Open"
    CLICK = "Click"
    DELIVERY_DELAY = "DeliveryDelay"
    SUBSCRIPTION = "Subscription"


class CheckCommunicationStatusStep(SplitStep):
    """Branch on the status of the profile's most recent communication (console block "Check
    communication status"): the documented sequence ``GetOutboundCommunicationStatus``
    (``OutboundCommunicationIds: ["$.OutboundCommunication.Latest.Id"]``, which "must
    reference" that key) then ``Compare`` on the delivery receipt of that communication with
    the operator ``Exists``; ``NoMatchingCondition`` is the default branch. Source: "Flow
    with delivery status check and retries" ("Create an outbound campaign using the API or
    CLI", Administrator Guide), whose ``Compare`` reads one receipt: each further status is
    one more ``Compare`` (identifier ``<id>-<status>``) tried in order.

    Put a :class:`WaitStep` before it, as the documented sequence does (Wait →
    GetOutboundCommunicationStatus → Compare), so the receipt can arrive.
    """

    def when(
        self, status: CommunicationStatus, step: IChainableStep
    ) -> CheckCommunicationStatusStep:
        """Profiles whose latest communication has ``status`` continue with ``step``."""
        status = require_enum("when() status", status, CommunicationStatus)
        if any(existing is status for existing, _ in self._branches):
            raise ValueError(f"split {self.id!r} already has a branch for {status.value}")
        if len(self._branches) >= STATUS_CHECK_MAX_CONDITIONS:
            raise ValueError(
                f"split {self.id!r} may have at most {STATUS_CHECK_MAX_CONDITIONS} conditions "
                "(journey block Check communication status), got one more"
            )
        check_identifier(f"{self.id!r} compare identifier", self._compare_id(status))
        self._add_branch(status, step)
        return self

    def otherwise(self, step: IChainableStep) -> CheckCommunicationStatusStep:
        super().otherwise(step)
        return self

    def _compare_id(self, status: CommunicationStatus) -> str:
        return f"{self.id}-{status.value}"

    def _action_ids(self) -> list[str]:
        return [self.id, *(self._compare_id(status) for status, _ in self._branches)]

    def _render(self, target: Target) -> list[dict[str, Any]]:
        end = target(None)
        default = target(self._default)
        compare_ids = [self._compare_id(status) for status, _ in self._branches]
        actions: list[dict[str, Any]] = [
            {
                "Identifier": self.id,
                "Type": "GetOutboundCommunicationStatus",
                "Parameters": {"OutboundCommunicationIds": [LATEST_COMMUNICATION_ID]},
                "Transitions": _transitions(
                    compare_ids[0] if compare_ids else default, error_action=end
                ),
            }
        ]
        for index, (status, step) in enumerate(self._branches):
            fallback = compare_ids[index + 1] if index + 1 < len(compare_ids) else default
            actions.append(
                {
                    "Identifier": compare_ids[index],
                    "Type": "Compare",
                    "Parameters": {
                        "ComparisonValue": _DELIVERY_RECEIPT.format(status=status.value)
                    },
                    "Transitions": _transitions(
                        fallback,
                        conditions=[(target(step), {"Operator": "Exists", "Operands": []})],
                        error_type="NoMatchingCondition",
                        error_action=fallback,
                    ),
                }
            )
        return actions


class AttributeCondition:
    """A condition on the value a :class:`CheckAttributeStep` compares: an operator of the flow
    language and its operand. Operators as Amazon Connect names them ("Assertion", the flow
    testing language's list of comparison operators: ``Equals``, ``TextStartsWith``,
    ``TextEndsWith``, ``TextContains``, ``NumberGreaterThan``, ``NumberGreaterOrEqualTo``,
    ``NumberLessThan``, ``NumberLessOrEqualTo``; and ``Exists``, used by the documented campaign
    flow's ``Compare``). Operands are strings, as the documented flows write them."""

    __slots__ = ("operands", "operator")

    def __init__(self, operator: str, operands: Sequence[str]) -> None:
        self.operator = operator
        self.operands = list(operands)

    @staticmethod
    def _one(operator: str, value: Any) -> AttributeCondition:
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise TypeError(
                f"AttributeCondition {operator} operand must be a string or a number, "
                f"got {type(value).__name__}: {value!r}"
            )
        return AttributeCondition(operator, [value if isinstance(value, str) else f"{value:g}"])

    @staticmethod
    def equals(value: str | float) -> AttributeCondition:
        """The value equals ``value``."""
        return AttributeCondition._one("Equals", value)

    @staticmethod
    def starts_with(prefix: str) -> AttributeCondition:
        """The value starts with ``prefix``."""
        return AttributeCondition._one("TextStartsWith", prefix)

    @staticmethod
    def ends_with(suffix: str) -> AttributeCondition:
        """The value ends with ``suffix``."""
        return AttributeCondition._one("TextEndsWith", suffix)

    @staticmethod
    def contains(text: str) -> AttributeCondition:
        """The value contains ``text``."""
        return AttributeCondition._one("TextContains", text)

    @staticmethod
    def greater_than(number: float) -> AttributeCondition:
        """The value, as a number, is greater than ``number``."""
        return AttributeCondition._one("NumberGreaterThan", number)

    @staticmethod
    def at_least(number: float) -> AttributeCondition:
        """The value, as a number, is at least ``number``."""
        return AttributeCondition._one("NumberGreaterOrEqualTo", number)

    @staticmethod
    def less_than(number: float) -> AttributeCondition:
        """The value, as a number, is less than ``number``."""
        return AttributeCondition._one("NumberLessThan", number)

    @staticmethod
    def at_most(number: float) -> AttributeCondition:
        """The value, as a number, is at most ``number``."""
        return AttributeCondition._one("NumberLessOrEqualTo", number)

    @staticmethod
    def exists() -> AttributeCondition:
        """The value is present."""
        return AttributeCondition("Exists", [])

    def to_json(self) -> dict[str, Any]:
        """The flow-language ``Condition``."""
        return {"Operator": self.operator, "Operands": list(self.operands)}

    def __repr__(self) -> str:
        return f"AttributeCondition({self.operator!r}, {self.operands!r})"


class CheckAttributeStep(SplitStep):
    """Branch on a value of the flow's data (console block "Check attributes"): the flow
    action ``Compare`` with ``ComparisonValue`` ("Any single JSONPath identifier that is valid
    for the flow data object"), one condition per branch, tried in order, and the default on
    ``NoMatchingCondition``. Source: ``Compare`` (flow-language reference).

    :param comparison_value: the JSONPath of the value, e.g. ``$.External.eligible`` (what a
        :class:`CustomActionStep` returned) or ``$.Attributes.tier``.
    """

    def __init__(self, id: str, *, comparison_value: str) -> None:
        super().__init__(id)
        if not isinstance(comparison_value, str):
            raise TypeError(
                "CheckAttributeStep comparison_value must be a JSONPath string, "
                f"got {type(comparison_value).__name__}: {comparison_value!r}"
            )
        if not is_unresolved(comparison_value) and not comparison_value.startswith("$."):
            raise ValueError(
                "CheckAttributeStep comparison_value must be a JSONPath identifier of the flow "
                f"data (starting with $.), got {comparison_value!r}"
            )
        self.comparison_value = comparison_value

    def when(self, condition: AttributeCondition, step: IChainableStep) -> CheckAttributeStep:
        """Profiles for which ``condition`` holds continue with ``step``."""
        if not isinstance(condition, AttributeCondition):
            raise TypeError(
                f"when() condition must be an AttributeCondition, got {type(condition).__name__}"
            )
        self._add_branch(condition, step)
        return self

    def otherwise(self, step: IChainableStep) -> CheckAttributeStep:
        super().otherwise(step)
        return self

    def _render(self, target: Target) -> list[dict[str, Any]]:
        default = target(self._default)
        return [
            {
                "Identifier": self.id,
                "Type": "Compare",
                "Parameters": {"ComparisonValue": self.comparison_value},
                "Transitions": _transitions(
                    default,
                    conditions=[(target(step), cond.to_json()) for cond, step in self._branches],
                    error_type="NoMatchingCondition",
                    error_action=default,
                ),
            }
        ]


class PercentageSplitStep(SplitStep):
    """Send profiles down branches at random (console block "Distribute by percentage": A/B
    tests and holdouts): the flow action ``DistributeByPercentage`` (empty ``Parameters``),
    whose result is a random number from 1 to 100; its conditions "must be a chain of
    NumericLessThan comparisons, with each subsequent comparison checking the previous value,
    plus the percentage ... and no Comparison comparing a value larger than 100", and
    ``NoMatchingCondition`` takes the rest (the default branch, :meth:`otherwise`). Sources:
    ``DistributeByPercentage`` (flow-language reference) and the journey block page, whose
    example (20% A, 40% B, 40% default) gives the cumulative thresholds 20 and 60. The
    operator is written ``NumberLessThan``, the flow language's name for it (the action page's
    prose says "NumericLessThan").
    """

    def branch(self, percent: int, step: IChainableStep) -> PercentageSplitStep:
        """``percent`` (1 to 99) of the profiles continue with ``step``."""
        self._check_percent(percent)
        self._add_branch(percent, step)
        return self

    def holdout(self, percent: int) -> PercentageSplitStep:
        """``percent`` (1 to 99) of the profiles leave the journey here (a holdout group)."""
        self._check_percent(percent)
        self._add_branch(percent, None)
        return self

    def otherwise(self, step: IChainableStep) -> PercentageSplitStep:
        super().otherwise(step)
        return self

    def _check_percent(self, percent: Any) -> None:
        check_int(f"split {self.id!r} percent", percent, 1, 99, optional=False)
        total = sum(p for p, _ in self._branches) + percent
        if total >= 100:
            raise ValueError(
                f"split {self.id!r} branches must add up to less than 100 percent (the "
                f"default branch takes the rest), got {total}"
            )

    def _render(self, target: Target) -> list[dict[str, Any]]:
        default = target(self._default)
        conditions = []
        threshold = 0
        for percent, step in self._branches:
            threshold += percent
            conditions.append(
                (target(step), {"Operator": "NumberLessThan", "Operands": [str(threshold)]})
            )
        return [
            {
                "Identifier": self.id,
                "Type": "DistributeByPercentage",
                "Parameters": {},
                "Transitions": _transitions(
                    default,
                    conditions=conditions,
                    error_type="NoMatchingCondition",
                    error_action=default,
                ),
            }
        ]
