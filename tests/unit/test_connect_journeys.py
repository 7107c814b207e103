"""ConnectJourney and its steps: each flow action checked against what AWS documents (the
campaign flow examples of "Create an outbound campaign using the API or CLI" and the
flow-language action pages), the graph checks, the three resources, the Lambda permission,
and a small stack that passes cfn-lint and cdk-nag."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import aws_cdk as cdk
import pytest
from aws_cdk import aws_lambda as lambda_
from aws_cdk.assertions import Annotations, Match, Template
from connect_stand_ins import StandInDomain, StandInSegment
from support import lint_findings, synth_clean

from pinpoint_constructs.connect import (
    CAMPAIGN_WITHOUT_SOURCE_WARNING,
    AttributeCondition,
    CampaignSource,
    CheckAttributeStep,
    CheckCommunicationStatusStep,
    CommunicationLimit,
    CommunicationLimits,
    CommunicationStatus,
    ConnectEmailAddress,
    ConnectInstance,
    ConnectJourney,
    ConnectPhoneNumber,
    CustomActionStep,
    EndFlowStep,
    EntryLimits,
    LambdaInvocationType,
    LambdaResponseType,
    MessageTemplateChannel,
    PercentageSplitStep,
    SendEmailStep,
    SendSmsStep,
    WaitStep,
)

INSTANCE_ARN = (
    "arn:aws:connect:us-east-1:123456789012:instance/11111111-2222-3333-4444-555555555555"
)
EMAIL_ARN = f"{INSTANCE_ARN}/email-address/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"
NUMBER_ARN = "arn:aws:connect:us-east-1:123456789012:phone-number/abc"
KB_ARN = "arn:aws:wisdom:us-east-1:123456789012:knowledge-base/kb-id"
END = "EndFlow"


class _KnowledgeBase:
    knowledge_base_id = "kb-id"
    knowledge_base_arn = KB_ARN


class _Template:
    """An IMessageTemplate by the CONTRACT.md names, with its knowledge base."""

    def __init__(self, channel: MessageTemplateChannel, name: str) -> None:
        self.channel_subtype = channel
        self.knowledge_base = _KnowledgeBase()
        self.message_template_id = name
        self.message_template_arn = (
            f"arn:aws:wisdom:us-east-1:123456789012:message-template/kb-id/{name}"
        )
        self.version_arn = f"{self.message_template_arn}:1"


WELCOME = _Template(MessageTemplateChannel.EMAIL, "welcome")
REMINDER = _Template(MessageTemplateChannel.EMAIL, "reminder")
OFFER = _Template(MessageTemplateChannel.SMS, "offer")


_PIECES: dict[int, tuple[cdk.Stack, dict[str, Any]]] = {}


def _pieces(stack: cdk.Stack) -> dict[str, Any]:
    """The instance, email address and number imports of ``stack`` (made once per stack)."""
    if id(stack) not in _PIECES or _PIECES[id(stack)][0] is not stack:
        _PIECES[id(stack)] = (stack, _make_pieces(stack))
    return _PIECES[id(stack)][1]


def _make_pieces(stack: cdk.Stack) -> dict[str, Any]:
    return {
        "instance": ConnectInstance.from_instance_arn(stack, "Instance", INSTANCE_ARN),
        "email": ConnectEmailAddress.from_email_address_arn(
            stack, "Email", EMAIL_ARN, email_address="news@example.com"
        ),
        "number": ConnectPhoneNumber.from_phone_number_arn(stack, "Number", NUMBER_ARN),
    }


def _onboarding_journey(p: dict[str, Any]) -> Any:
    return (
        SendEmailStep("Welcome", template=WELCOME, from_address=p["email"])
        .next(WaitStep("WaitTwoDays", duration=cdk.Duration.days(2)))
        .next(
            CheckCommunicationStatusStep("Opened")
            .when(
                CommunicationStatus.OPEN,
                SendSmsStep("Offer", template=OFFER, phone_number=p["number"]),
            )
            .otherwise(SendEmailStep("Reminder", template=REMINDER, from_address=p["email"]))
        )
    )


def _journey(stack: cdk.Stack, start: Any = None, **props: Any) -> ConnectJourney:
    p = _pieces(stack)
    domain = StandInDomain(stack, "Domain")
    defaults: dict[str, Any] = {
        "instance": p["instance"],
        "journey_name": "onboarding",
        "start": start if start is not None else _onboarding_journey(p),
        "source": CampaignSource.segment(StandInSegment(domain)),
    }
    return ConnectJourney(stack, "Journey", **{**defaults, **props})


def _flow(stack: cdk.Stack) -> dict[str, Any]:
    """The resolved flow content of the stack's one journey."""
    template = Template.from_stack(stack).to_json()
    flows = [r for r in template["Resources"].values() if r["Type"] == "AWS::Connect::ContactFlow"]
    assert len(flows) == 1
    content = flows[0]["Properties"]["Content"]
    if isinstance(content, dict):  # Fn::Join of literal parts and references
        parts = content["Fn::Join"][1]
        # A reference sits inside a JSON string: stand in a plain word for it.
        content = "".join(p if isinstance(p, str) else "REF" for p in parts)
    return json.loads(content)


def _action(flow: dict[str, Any], identifier: str) -> dict[str, Any]:
    return next(a for a in flow["Actions"] if a["Identifier"] == identifier)


def _errors(next_action: str, error_type: str = "NoMatchingError") -> list[dict[str, str]]:
    return [{"NextAction": next_action, "ErrorType": error_type}]


# ---- the flow document --------------------------------------------------------------------


def test_flow_document_header_and_closing_end(stack: cdk.Stack) -> None:
    _journey(stack)
    flow = _flow(stack)
    assert flow["Version"] == "2019-10-30"
    assert flow["StartAction"] == "Welcome"
    # "All flow paths must end with this action" (create-campaigns-api-cli).
    assert flow["Actions"][-1] == {
        "Identifier": END,
        "Type": "EndFlowExecution",
        "Parameters": {},
        "Transitions": {},
    }


def test_send_email_action_as_documented(stack: cdk.Stack) -> None:
    _journey(stack)
    action = _action(_flow(stack), "Welcome")
    assert action["Type"] == "SendOutboundEmail"
    assert action["Parameters"] == {
        "EmailMessage": {
            "MessageSourceType": "TEMPLATE",
            "TemplatedMessage": {
                "WisdomKnowledgeBaseArn": KB_ARN,
                "WisdomMessageTemplateArn": WELCOME.version_arn,
            },
        },
        "FromEmailAddress": {"EmailAddress": "news@example.com"},
    }
    assert action["Transitions"] == {
        "NextAction": "WaitTwoDays",
        "Conditions": [],
        "Errors": _errors(END),
    }


def test_send_sms_action_as_documented(stack: cdk.Stack) -> None:
    _journey(stack)
    action = _action(_flow(stack), "Offer")
    assert action["Type"] == "SendSMS"
    assert action["Parameters"] == {
        "Message": {
            "MessageSourceType": "TEMPLATE",
            "TemplatedMessage": {
                "WisdomKnowledgeBaseArn": KB_ARN,
                "WisdomMessageTemplateArn": OFFER.version_arn,
            },
        },
        "SourceEndpoint": {"Address": NUMBER_ARN, "Type": "CONNECT_PHONENUMBER_ARN"},
    }
    assert action["Transitions"] == {"NextAction": END, "Conditions": [], "Errors": _errors(END)}


def test_wait_action_as_documented(stack: cdk.Stack) -> None:
    _journey(stack)
    action = _action(_flow(stack), "WaitTwoDays")
    assert action["Type"] == "Wait"
    assert action["Parameters"] == {"TimeLimitSeconds": "172800"}
    assert action["Transitions"] == {
        "NextAction": "Opened",
        "Conditions": [
            {
                "NextAction": "Opened",
                "Condition": {"Operator": "Equals", "Operands": ["WaitCompleted"]},
            }
        ],
        "Errors": _errors(END),
    }


def test_communication_status_check_as_documented(stack: cdk.Stack) -> None:
    _journey(stack)
    flow = _flow(stack)
    get = _action(flow, "Opened")
    assert get["Type"] == "GetOutboundCommunicationStatus"
    assert get["Parameters"] == {"OutboundCommunicationIds": ["$.OutboundCommunication.Latest.Id"]}
    assert get["Transitions"] == {
        "NextAction": "Opened-Open",
        "Conditions": [],
        "Errors": _errors(END),
    }
    compare = _action(flow, "Opened-Open")
    assert compare["Type"] == "Compare"
    assert compare["Parameters"] == {
        "ComparisonValue": "$.DeliveryReceipts['`$.OutboundCommunication.Latest.Id`'].Open"
    }
    assert compare["Transitions"] == {
        "NextAction": "Reminder",
        "Conditions": [
            {"NextAction": "Offer", "Condition": {"Operator": "Exists", "Operands": []}}
        ],
        "Errors": _errors("Reminder", "NoMatchingCondition"),
    }


def test_several_statuses_chain_compares(stack: cdk.Stack) -> None:
    p = _pieces(stack)
    start = SendEmailStep("Send", template=WELCOME, from_address=p["email"]).next(
        WaitStep("Wait", duration=cdk.Duration.minutes(15)).next(
            CheckCommunicationStatusStep("Status")
            .when(CommunicationStatus.BOUNCE, EndFlowStep("Bounced"))
            .when(CommunicationStatus.CLICK, EndFlowStep("Clicked"))
            .otherwise(EndFlowStep("Other"))
        )
    )
    _journey(stack, start)
    flow = _flow(stack)
    first = _action(flow, "Status-Bounce")
    assert first["Transitions"]["NextAction"] == "Status-Click"
    assert first["Transitions"]["Errors"] == _errors("Status-Click", "NoMatchingCondition")
    second = _action(flow, "Status-Click")
    assert second["Transitions"]["Conditions"][0]["NextAction"] == "Clicked"
    assert second["Transitions"]["Errors"] == _errors("Other", "NoMatchingCondition")


def test_check_attribute_compare_as_documented(stack: cdk.Stack) -> None:
    p = _pieces(stack)
    start = CheckAttributeStep("Tier", comparison_value="$.Attributes.tier")
    start.when(
        AttributeCondition.equals("gold"),
        SendSmsStep("Gold", template=OFFER, phone_number=p["number"]),
    ).when(AttributeCondition.at_least(3), EndFlowStep("Three")).otherwise(
        SendEmailStep("Others", template=WELCOME, from_address=p["email"])
    )
    _journey(stack, start)
    action = _action(_flow(stack), "Tier")
    assert action == {
        "Identifier": "Tier",
        "Type": "Compare",
        "Parameters": {"ComparisonValue": "$.Attributes.tier"},
        "Transitions": {
            "NextAction": "Others",
            "Conditions": [
                {"NextAction": "Gold", "Condition": {"Operator": "Equals", "Operands": ["gold"]}},
                {
                    "NextAction": "Three",
                    "Condition": {"Operator": "NumberGreaterOrEqualTo", "Operands": ["3"]},
                },
            ],
            "Errors": _errors("Others", "NoMatchingCondition"),
        },
    }


def test_distribute_by_percentage_cumulative_thresholds_and_holdout(stack: cdk.Stack) -> None:
    p = _pieces(stack)
    split = (
        PercentageSplitStep("AB")
        .branch(20, SendEmailStep("A", template=WELCOME, from_address=p["email"]))
        .branch(40, SendEmailStep("B", template=REMINDER, from_address=p["email"]))
        .holdout(10)
        .otherwise(SendSmsStep("Rest", template=OFFER, phone_number=p["number"]))
    )
    _journey(stack, split)
    action = _action(_flow(stack), "AB")
    assert action["Type"] == "DistributeByPercentage"
    assert action["Parameters"] == {}
    assert action["Transitions"] == {
        "NextAction": "Rest",
        "Conditions": [
            {"NextAction": "A", "Condition": {"Operator": "NumberLessThan", "Operands": ["20"]}},
            {"NextAction": "B", "Condition": {"Operator": "NumberLessThan", "Operands": ["60"]}},
            {"NextAction": END, "Condition": {"Operator": "NumberLessThan", "Operands": ["70"]}},
        ],
        "Errors": _errors("Rest", "NoMatchingCondition"),
    }


def test_invoke_lambda_action_as_documented(stack: cdk.Stack) -> None:
    function = lambda_.Function.from_function_attributes(
        stack,
        "Fn",
        function_arn="arn:aws:lambda:us-east-1:123456789012:function:eligibility",
        same_environment=True,
    )
    start = CustomActionStep(
        "Eligibility",
        function=function,
        time_limit=cdk.Duration.seconds(5),
        attributes={"offer": "spring"},
        response_type=LambdaResponseType.STRING_MAP,
        invocation_type=LambdaInvocationType.SYNCHRONOUS,
    ).next(EndFlowStep("Done"))
    _journey(stack, start)
    action = _action(_flow(stack), "Eligibility")
    assert action == {
        "Identifier": "Eligibility",
        "Type": "InvokeLambdaFunction",
        "Parameters": {
            "LambdaFunctionARN": "arn:aws:lambda:us-east-1:123456789012:function:eligibility",
            "InvocationTimeLimitSeconds": "5",
            "InvocationType": "SYNCHRONOUS",
            "LambdaInvocationAttributes": {"offer": "spring"},
            "ResponseValidation": {"ResponseType": "STRING_MAP"},
        },
        "Transitions": {"NextAction": "Done", "Conditions": [], "Errors": _errors(END)},
    }
    assert _action(_flow(stack), "Done")["Type"] == "EndFlowExecution"


# ---- the resources ------------------------------------------------------------------------


def test_flow_version_and_journey_campaign(stack: cdk.Stack) -> None:
    journey = _journey(
        stack,
        communication_limits=CommunicationLimits.of(CommunicationLimit.per_days(2, 7)),
        entry_limits=EntryLimits(max_entry_count=1),
        tags={"team": "growth"},
    )
    template = Template.from_stack(stack)
    template.has_resource_properties(
        "AWS::Connect::ContactFlow",
        {"Type": "CAMPAIGN", "Name": "onboarding", "InstanceArn": INSTANCE_ARN},
    )
    flow_id = stack.get_logical_id(journey.flow)
    version_id = stack.get_logical_id(journey.flow_version)
    template.has_resource_properties(
        "AWS::Connect::ContactFlowVersion",
        {
            "ContactFlowId": {"Fn::GetAtt": [flow_id, "ContactFlowArn"]},
            "Description": Match.string_like_regexp("^content sha256 [0-9a-f]{64}$"),
        },
    )
    template.has_resource_properties(
        "AWS::ConnectCampaignsV2::Campaign",
        {
            "Type": "JOURNEY",
            "Name": "onboarding",
            "ConnectInstanceId": "11111111-2222-3333-4444-555555555555",
            "ConnectCampaignFlowArn": {"Fn::GetAtt": [version_id, "ContactFlowVersionARN"]},
            "Source": {"CustomerProfilesSegmentArn": Match.any_value()},
            "CommunicationLimitsOverride": Match.any_value(),
            "EntryLimitsConfig": {"MaxEntryCount": 1, "MinEntryInterval": "PT0S"},
            # Both channels the flow uses (create-campaigns-api-cli, "Important").
            "ChannelSubtypeConfig": {
                "Email": Match.object_like(
                    {
                        "DefaultOutboundConfig": {
                            "ConnectSourceEmailAddress": "news@example.com",
                            "WisdomTemplateArn": WELCOME.version_arn,
                        }
                    }
                ),
                "Sms": Match.object_like(
                    {
                        "DefaultOutboundConfig": {
                            "ConnectSourcePhoneNumberArn": NUMBER_ARN,
                            "WisdomTemplateArn": OFFER.version_arn,
                        }
                    }
                ),
            },
            "Tags": [{"Key": "team", "Value": "growth"}],
        },
    )


def test_new_flow_version_when_content_changes() -> None:
    def description(days: int) -> str:
        app = cdk.App()
        stack = cdk.Stack(app, "S", env=cdk.Environment(account="123456789012", region="us-east-1"))
        p = _pieces(stack)
        start = SendEmailStep("Welcome", template=WELCOME, from_address=p["email"]).next(
            WaitStep("Wait", duration=cdk.Duration.days(days))
        )
        _journey(stack, start)
        resources = Template.from_stack(stack).find_resources("AWS::Connect::ContactFlowVersion")
        return str(next(iter(resources.values()))["Properties"]["Description"])

    assert description(1) == description(1)
    assert description(1) != description(2)


def test_custom_action_registers_and_permits_the_function(stack: cdk.Stack) -> None:
    function = lambda_.Function(
        stack,
        "Fn",
        runtime=lambda_.Runtime.PYTHON_3_13,
        handler="index.handler",
        code=lambda_.Code.from_inline("def handler(e, c): return {}"),
    )
    start = CustomActionStep("Check", function=function)
    _journey(stack, start)
    template = Template.from_stack(stack)
    fn_arn = {"Fn::GetAtt": [stack.get_logical_id(function.node.default_child), "Arn"]}
    template.has_resource_properties(
        "AWS::Connect::IntegrationAssociation",
        {
            "InstanceId": INSTANCE_ARN,
            "IntegrationType": "LAMBDA_FUNCTION",
            "IntegrationArn": fn_arn,
        },
    )
    template.has_resource_properties(
        "AWS::Lambda::Permission",
        {
            "Action": "lambda:InvokeFunction",
            "Principal": "connect.amazonaws.com",
            "SourceAccount": "123456789012",
            "SourceArn": INSTANCE_ARN,
        },
    )


def test_same_function_twice_is_registered_once(stack: cdk.Stack) -> None:
    function = lambda_.Function(
        stack,
        "Fn",
        runtime=lambda_.Runtime.PYTHON_3_13,
        handler="index.handler",
        code=lambda_.Code.from_inline("def handler(e, c): return {}"),
    )
    start = CustomActionStep("One", function=function).next(
        CustomActionStep("Two", function=function)
    )
    _journey(stack, start)
    Template.from_stack(stack).resource_count_is("AWS::Connect::IntegrationAssociation", 1)
    Template.from_stack(stack).resource_count_is("AWS::Lambda::Permission", 1)


def test_journey_without_source_warns(stack: cdk.Stack) -> None:
    _journey(stack, source=None)
    Annotations.from_stack(stack).has_warning(
        "/TestStack/Journey", Match.string_like_regexp(f".*{CAMPAIGN_WITHOUT_SOURCE_WARNING}.*")
    )


# ---- graph checks -------------------------------------------------------------------------


def test_split_without_default_is_refused(stack: cdk.Stack) -> None:
    p = _pieces(stack)
    split = CheckAttributeStep("Tier", comparison_value="$.Attributes.tier").when(
        AttributeCondition.equals("gold"),
        SendSmsStep("Gold", template=OFFER, phone_number=p["number"]),
    )
    with pytest.raises(ValueError, match="split 'Tier' has no default branch"):
        _journey(stack, split)


def test_duplicate_identifier_is_refused(stack: cdk.Stack) -> None:
    p = _pieces(stack)
    start = SendEmailStep("Same", template=WELCOME, from_address=p["email"]).next(
        SendSmsStep("Same", template=OFFER, phone_number=p["number"])
    )
    with pytest.raises(ValueError, match="step 'Same': the action identifier 'Same' is used twice"):
        _journey(stack, start)


def test_reserved_end_identifier_is_refused(stack: cdk.Stack) -> None:
    p = _pieces(stack)
    start = SendEmailStep(END, template=WELCOME, from_address=p["email"])
    with pytest.raises(ValueError, match="step 'EndFlow': the action identifier 'EndFlow'"):
        _journey(stack, start)


def test_loop_without_wait_is_refused(stack: cdk.Stack) -> None:
    p = _pieces(stack)
    send = SendEmailStep("Send", template=WELCOME, from_address=p["email"])
    check = CheckAttributeStep("Again", comparison_value="$.Attributes.again")
    send.next(check)
    check.when(AttributeCondition.equals("yes"), send).otherwise(EndFlowStep("Stop"))
    with pytest.raises(ValueError, match="loops without waiting: 'Send' -> 'Again' -> 'Send'"):
        _journey(stack, send)


def test_loop_with_wait_is_accepted(stack: cdk.Stack) -> None:
    p = _pieces(stack)
    send = SendEmailStep("Send", template=WELCOME, from_address=p["email"])
    wait = WaitStep("Pause", duration=cdk.Duration.days(1))
    check = CheckAttributeStep("Again", comparison_value="$.Attributes.again")
    send.next(wait).next(check)
    check.when(AttributeCondition.equals("yes"), send).otherwise(EndFlowStep("Stop"))
    _journey(stack, send)
    assert _action(_flow(stack), "Again")["Transitions"]["Conditions"][0]["NextAction"] == "Send"


def test_status_check_without_a_send_before_is_refused(stack: cdk.Stack) -> None:
    start = WaitStep("Wait", duration=cdk.Duration.hours(1)).next(
        CheckCommunicationStatusStep("Status")
        .when(CommunicationStatus.OPEN, EndFlowStep("Opened"))
        .otherwise(EndFlowStep("Not"))
    )
    with pytest.raises(ValueError, match="split 'Status' checks the status of the latest"):
        _journey(stack, start)


def test_flow_longer_than_cloudformation_accepts_is_refused(stack: cdk.Stack) -> None:
    p = _pieces(stack)
    chain: Any = SendEmailStep("S0", template=WELCOME, from_address=p["email"])
    for index in range(1, 600):
        chain = chain.next(SendEmailStep(f"S{index}", template=WELCOME, from_address=p["email"]))
    with pytest.raises(ValueError, match="has 600 steps whose flow takes about"):
        _journey(stack, chain)


# ---- bad input ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("identifier", "message"),
    [
        ("", "must be 1 to 50 characters"),
        ("x" * 51, "must be 1 to 50 characters"),
        ("a:b", "must not contain any of"),
        ("toString", "reserved string"),
    ],
)
def test_bad_identifiers(identifier: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        EndFlowStep(identifier)


def test_wait_bounds() -> None:
    with pytest.raises(
        ValueError, match="WaitStep duration must be 1 to 604800 seconds, got 8 days"
    ):
        WaitStep("W", duration=cdk.Duration.days(8))
    with pytest.raises(TypeError, match=r"WaitStep duration must be an aws_cdk\.Duration"):
        WaitStep("W", duration=60)  # type: ignore[arg-type]


def test_template_channel_must_match(stack: cdk.Stack) -> None:
    p = _pieces(stack)
    with pytest.raises(ValueError, match="must be SMS template for the SMS channel, got a EMAIL"):
        SendSmsStep("S", template=WELCOME, phone_number=p["number"])  # type: ignore[arg-type]


def test_template_needs_its_knowledge_base(stack: cdk.Stack) -> None:
    p = _pieces(stack)
    bare = _Template(MessageTemplateChannel.EMAIL, "bare")
    bare.knowledge_base = None  # type: ignore[assignment]
    with pytest.raises(TypeError, match="must carry its knowledge_base"):
        SendEmailStep("S", template=bare, from_address=p["email"])  # type: ignore[arg-type]


def test_senders_are_checked() -> None:
    with pytest.raises(TypeError, match="from_address must be an IConnectEmailAddress"):
        SendEmailStep("S", template=WELCOME, from_address="news@example.com")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="phone_number must be an IConnectPhoneNumber"):
        SendSmsStep("S", template=OFFER, phone_number="+15550100")  # type: ignore[arg-type]


def test_percentages() -> None:
    with pytest.raises(ValueError, match="split 'AB' percent must be between 1 and 99, got 0"):
        PercentageSplitStep("AB").branch(0, EndFlowStep("A"))
    with pytest.raises(ValueError, match=r"must add up to less than 100 percent .*got 100"):
        PercentageSplitStep("AB").branch(60, EndFlowStep("A")).holdout(40)


def test_lambda_time_limit_bounds(stack: cdk.Stack) -> None:
    function = lambda_.Function.from_function_arn(
        stack, "Fn", "arn:aws:lambda:us-east-1:123456789012:function:f"
    )
    with pytest.raises(ValueError, match="time_limit must be 1 to 8 seconds, got 9 seconds"):
        CustomActionStep("C", function=function, time_limit=cdk.Duration.seconds(9))
    with pytest.raises(TypeError, match=r"function must be an aws_lambda\.IFunction"):
        CustomActionStep("C", function="arn")  # type: ignore[arg-type]


def test_status_check_limits() -> None:
    check = CheckCommunicationStatusStep("S").when(CommunicationStatus.OPEN, EndFlowStep("A"))
    with pytest.raises(ValueError, match="already has a branch for Open"):
        check.when(CommunicationStatus.OPEN, EndFlowStep("B"))
    for status in (
        CommunicationStatus.CLICK,
        CommunicationStatus.BOUNCE,
        CommunicationStatus.SEND,
        CommunicationStatus.REJECT,
    ):
        check.when(status, EndFlowStep(status.value))
    with pytest.raises(ValueError, match="at most 5 conditions"):
        check.when(CommunicationStatus.DELIVERY, EndFlowStep("D"))


def test_compare_value_must_be_a_jsonpath() -> None:
    with pytest.raises(ValueError, match=r"must be a JSONPath identifier .* got 'tier'"):
        CheckAttributeStep("C", comparison_value="tier")


def test_chain_cannot_continue_after_a_split(stack: cdk.Stack) -> None:
    split = PercentageSplitStep("AB").branch(50, EndFlowStep("A")).otherwise(EndFlowStep("B"))
    with pytest.raises(ValueError, match="ends in a split or an end step"):
        WaitStep("W", duration=cdk.Duration.hours(1)).next(split).next(EndFlowStep("C"))


def test_journey_props_are_checked(stack: cdk.Stack) -> None:
    p = _pieces(stack)
    with pytest.raises(ValueError, match="journey_name must be 1 to 127 characters"):
        _journey(stack, journey_name="x" * 128)
    with pytest.raises(TypeError, match="start must be a journey step or a StepChain"):
        ConnectJourney(stack, "J2", instance=p["instance"], start="Welcome")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="instance must be an IConnectInstance"):
        ConnectJourney(stack, "J3", instance="i", start=EndFlowStep("E"))  # type: ignore[arg-type]


# ---- gates ---------------------------------------------------------------------------------


def test_journey_stack_passes_cfn_lint_and_cdk_nag(nag_stack: cdk.Stack, tmp_path: Path) -> None:
    _journey(nag_stack)
    template = synth_clean(nag_stack)
    findings = lint_findings(template, tmp_path)
    assert [(f["Rule"]["Id"], f["Message"]) for f in findings] == []


def test_event_trigger_source_is_wired_to_the_journey(stack: cdk.Stack) -> None:
    from connect_stand_ins import StandInTrigger

    trigger = StandInTrigger(stack, "Trigger", StandInDomain(stack, "TriggerDomain"))
    journey = _journey(stack, source=CampaignSource.event_trigger(trigger))
    assert trigger.targets == [journey.campaign_arn]
    template = Template.from_stack(stack)
    template.has_resource_properties(
        "AWS::ConnectCampaignsV2::Campaign",
        {
            "Type": "JOURNEY",
            "Source": {"EventTrigger": {"CustomerProfilesDomainArn": Match.any_value()}},
        },
    )
    template.has_resource_properties(
        "AWS::CustomerProfiles::Integration",
        {"Uri": {"Fn::GetAtt": [stack.get_logical_id(journey.resource), "Arn"]}},
    )


def test_grants_name_the_journey_campaign(stack: cdk.Stack) -> None:
    from aws_cdk import aws_iam as iam

    journey = _journey(stack)
    role = iam.Role(stack, "Operator", assumed_by=iam.AccountRootPrincipal())
    journey.grant_start_stop(role)
    statement = Template.from_stack(stack).find_resources("AWS::IAM::Policy")
    statements = next(iter(statement.values()))["Properties"]["PolicyDocument"]["Statement"]
    assert statements[0]["Resource"] == {
        "Fn::GetAtt": [stack.get_logical_id(journey.resource), "Arn"]
    }
    assert "connect-campaigns:StartCampaign" in statements[0]["Action"]
