"""``ConnectJourney``: a journey on Amazon Connect, the successor of a Pinpoint journey.

A journey there is an outbound campaign of type ``JOURNEY`` whose steps are a flow of type
``CAMPAIGN``: "Use JOURNEY for multi-step, multi-channel journeys"; "After you create a
campaign flow, you must create a version of the flow. The versioned flow ARN is required when
creating a campaign" (Administrator Guide, "Create an outbound campaign using the API or
CLI"). The construct writes the three resources: ``AWS::Connect::ContactFlow`` (``Type:
CAMPAIGN``, the CloudFormation schema's enum), ``AWS::Connect::ContactFlowVersion`` and
``AWS::ConnectCampaignsV2::Campaign`` (``Type: JOURNEY``, ``ConnectCampaignFlowArn`` = the
version's ARN).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from aws_cdk import Annotations, ArnFormat, Duration, Names, Stack, Tags, Token
from aws_cdk import aws_connect as connect
from aws_cdk import aws_connectcampaignsv2 as campaigns
from aws_cdk import aws_iam as iam
from aws_cdk import aws_lambda as lambda_
from constructs import Construct

from ..._validation import check_length, require_instance, require_str
from .._campaign_common import (
    CampaignSchedule,
    CampaignSource,
    CommunicationLimits,
    CommunicationTime,
    EntryLimits,
)
from ..campaign import (
    CAMPAIGN_NAME_MAX_LENGTH,
    CAMPAIGN_WITHOUT_SOURCE_WARNING,
    CampaignChannel,
    OutboundCampaign,
    OutboundCampaignBase,
    channel_subtype_config,
    check_tags,
)
from ._flow import CONTENT_MAX_LENGTH, estimated_length, graph_errors, render, walk
from .conversion import ConvertedJourney, convert_journey
from .push import JourneyPushAction
from .steps import (
    END_ACTION_ID,
    CheckCommunicationStatusStep,
    CommunicationStatus,
    CustomActionStep,
    EndFlowStep,
    IChainableStep,
    NextableStep,
    PercentageSplitStep,
    SendEmailStep,
    SendSmsStep,
    Step,
    WaitStep,
    _start_of,
)

if TYPE_CHECKING:
    from ..email_address import IConnectEmailAddress
    from ..instance import IConnectInstance
    from ..message_templates import IMessageTemplate
    from ..onboarding import OutboundCampaignsOnboarding
    from ..phone_number import IConnectPhoneNumber

#: A flow name (``AWS::Connect::ContactFlow`` ``Name``: 1 to 127 characters).
FLOW_NAME_MAX_LENGTH = 127
#: A flow or version description (``Description``: at most 500 characters).
FLOW_DESCRIPTION_MAX_LENGTH = 500
#: Connect's service principal, which invokes a flow's Lambda functions (Administrator Guide,
#: "Grant Amazon Connect access to your AWS Lambda functions": ``aws lambda add-permission
#: --principal connect.amazonaws.com --source-account <account> --source-arn <instance ARN>``).
CONNECT_PRINCIPAL = "connect.amazonaws.com"


def _lambda_on_instance(scope: Construct, instance: Any, function: lambda_.IFunction) -> None:
    """Let the instance's flows invoke ``function``: the function's resource-based policy for
    ``connect.amazonaws.com`` scoped to the instance (source account and ARN), and the
    function registered on the instance (``AWS::Connect::IntegrationAssociation``,
    ``LAMBDA_FUNCTION``: the journey block "Custom action" needs "a registered Lambda
    function", Administrator Guide journey-flow-block-custom-action.html). Each made once per
    stack for a function and an instance."""
    stack = Stack.of(scope)
    # One association per function and instance: by ARN when it is literal (two imports of
    # one function are one integration; CloudFormation's primary identifier is the instance,
    # type and ARN), else by construct.
    arn = function.function_arn
    function_key = Names.node_unique_id(function.node) if Token.is_unresolved(arn) else arn
    instance_arn = instance.instance_arn
    instance_key = (
        Names.node_unique_id(instance.node) if Token.is_unresolved(instance_arn) else instance_arn
    )
    key = f"{function_key}|{instance_key}"
    association_id = f"ConnectLambda{hashlib.sha256(key.encode()).hexdigest()[:12]}"
    if stack.node.try_find_child(association_id) is not None:
        return
    connect.CfnIntegrationAssociation(
        stack,
        association_id,
        instance_id=instance.instance_arn,
        integration_type="LAMBDA_FUNCTION",
        integration_arn=function.function_arn,
    )
    function.add_permission(
        f"{association_id}Invoke",
        principal=iam.ServicePrincipal(CONNECT_PRINCIPAL),
        action="lambda:InvokeFunction",
        source_account=stack.account,
        source_arn=instance.instance_arn,
    )


#: The warning a converted journey gives when activities don't convert (stable id).
JOURNEY_CONVERSION_WARNING = "pinpoint-constructs:connectJourneyConversion"


def _plan_steps(
    scope: Construct,
    id: str,
    plan: ConvertedJourney,
    templates: Mapping[str, Any],
    from_address: Any,
    phone_number: Any,
    functions: Mapping[str, lambda_.IFunction] | None,
    push_actions: Mapping[str, Any] | None = None,
) -> dict[str, Step]:
    """Steps for the nodes of ``plan``, linked (two passes: loops link to earlier steps)."""
    steps: dict[str, Step] = {}
    imported: dict[str, lambda_.IFunction] = {}
    end = EndFlowStep(END_ACTION_ID)

    def template(node_id: str, node: Mapping[str, Any]) -> Any:
        name = node["template"]
        if name not in templates:
            raise ValueError(
                f"activity {node_id!r} sends the Pinpoint template {name!r}: give its Q in "
                f"Connect template in templates= (got {sorted(templates)})"
            )
        return templates[name]

    for node_id, node in plan.nodes.items():
        kind = node["kind"]
        if kind == "email":
            if from_address is None:
                raise ValueError(f"activity {node_id!r} sends email: give from_address=")
            steps[node_id] = SendEmailStep(
                node_id, template=template(node_id, node), from_address=from_address
            )
        elif kind == "sms":
            if phone_number is None:
                raise ValueError(f"activity {node_id!r} sends SMS: give phone_number=")
            steps[node_id] = SendSmsStep(
                node_id, template=template(node_id, node), phone_number=phone_number
            )
        elif kind == "push":
            action = (push_actions or {}).get(node["template"])
            if action is None:
                raise ValueError(
                    f"activity {node_id!r} sends the Pinpoint push template {node['template']!r}: "
                    "give its JourneyPushAction in push_actions= (Connect has no push channel)"
                )
            steps[node_id] = action.step(node_id)
        elif kind == "custom":
            arn = node["function_arn"]
            if arn not in imported:
                imported[arn] = (functions or {}).get(arn) or lambda_.Function.from_function_arn(
                    scope, f"{id}Function{len(imported) + 1}", arn
                )
            steps[node_id] = CustomActionStep(node_id, function=imported[arn])
        elif kind == "wait":
            steps[node_id] = WaitStep(node_id, duration=Duration.seconds(node["seconds"]))
        elif kind == "status":
            steps[node_id] = CheckCommunicationStatusStep(node_id)
        else:
            steps[node_id] = PercentageSplitStep(node_id)

    def target(node_id: str | None) -> Step:
        return end if node_id is None else steps[node_id]

    for node_id, node in plan.nodes.items():
        step = steps[node_id]
        if isinstance(step, NextableStep):
            if node.get("next") is not None:
                step.next(steps[node["next"]])
        elif isinstance(step, CheckCommunicationStatusStep):
            for status, next_id in node["branches"]:
                step.when(CommunicationStatus(status), target(next_id))
            step.otherwise(target(node.get("default")))
        elif isinstance(step, PercentageSplitStep):
            for percent, next_id in node["branches"]:
                step.branch(percent, target(next_id))
            if node.get("holdout"):
                step.holdout(node["holdout"])
            step.otherwise(target(node.get("default")))
    return steps


class ConnectJourney(OutboundCampaignBase):
    """A journey on Amazon Connect: the flow of its steps (``AWS::Connect::ContactFlow``,
    type ``CAMPAIGN``, id ``Flow``), the flow's version (``AWS::Connect::ContactFlowVersion``,
    id ``FlowVersion``) and the campaign of type ``JOURNEY`` that runs it
    (``AWS::ConnectCampaignsV2::Campaign``, id ``Resource``). The same grants as an
    :class:`~pinpoint_constructs.connect.OutboundCampaign` apply.

    The steps are read when the journey is constructed: build the whole graph (branches and
    defaults) before. The checks made then raise ``ValueError`` naming the step: a split
    without a default branch, a duplicate identifier, a loop without a wait, a status check
    no send precedes, and a flow longer than the 256000 characters CloudFormation accepts
    (Amazon Connect documents no count of blocks per flow).

    A new flow version is made whenever the flow's content changes (the version's
    description carries a hash of the content, and CloudFormation replaces a version whose
    description changes), so the campaign always runs what was deployed.

    :param instance: the Connect instance (onboarded to outbound campaigns).
    :param start: the first step (or a chain of steps).
    :param journey_name: the campaign's name, 1 to 127 characters. Default: from the
        construct path.
    :param flow_name: the flow's name, 1 to 127 characters. Default: ``journey_name``.
    :param description: the flow's description, at most 500 characters. Default: none.
    :param source: the segment or event trigger. Default: none (warns; a source can't be
        added after the campaign is created).
    :param schedule: start, end and segment refresh. Default: none written.
    :param communication_time: time zone, open hours and restricted periods. Default: none.
    :param communication_limits: at most two limits per recipient. Default: none.
    :param entry_limits: how often one profile may enter. Default: none.
    :param tags: up to 50 tags (on the campaign and the flow). Default: none.
    :param onboarding: the instance's onboarding, created before the journey. Default: none.
    """

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        instance: IConnectInstance,
        start: IChainableStep,
        journey_name: str | None = None,
        flow_name: str | None = None,
        description: str | None = None,
        source: CampaignSource | None = None,
        schedule: CampaignSchedule | None = None,
        communication_time: CommunicationTime | None = None,
        communication_limits: CommunicationLimits | None = None,
        entry_limits: EntryLimits | None = None,
        tags: Mapping[str, str] | None = None,
        onboarding: OutboundCampaignsOnboarding | None = None,
    ) -> None:
        super().__init__(scope, id)
        if not hasattr(instance, "instance_arn"):
            raise TypeError(
                f"instance must be an IConnectInstance, got {type(instance).__name__}: {instance!r}"
            )
        first = _start_of("start", start)
        if journey_name is None:
            journey_name = Names.unique_resource_name(
                self, max_length=CAMPAIGN_NAME_MAX_LENGTH, separator="-"
            )
        require_str("journey_name", journey_name, optional=False)
        check_length("journey_name", journey_name, CAMPAIGN_NAME_MAX_LENGTH)
        flow_name = journey_name if flow_name is None else flow_name
        require_str("flow_name", flow_name, optional=False)
        check_length("flow_name", flow_name, FLOW_NAME_MAX_LENGTH)
        require_str("description", description)
        check_length("description", description, FLOW_DESCRIPTION_MAX_LENGTH, minimum=0)
        require_instance("source", source, CampaignSource)
        require_instance("schedule", schedule, CampaignSchedule)
        require_instance("communication_time", communication_time, CommunicationTime)
        require_instance("communication_limits", communication_limits, CommunicationLimits)
        require_instance("entry_limits", entry_limits, EntryLimits)
        check_tags(tags)

        errors = graph_errors(first)
        if errors:
            raise ValueError("; ".join(errors))
        steps = walk(first)
        self.flow_definition: dict[str, Any] = render(first)
        length = estimated_length(self.flow_definition, Token.is_unresolved)
        if length > CONTENT_MAX_LENGTH:
            raise ValueError(
                f"journey {journey_name!r} has {len(steps)} steps whose flow takes about "
                f"{length} characters; CloudFormation accepts at most {CONTENT_MAX_LENGTH} "
                "(AWS::Connect::ContactFlow Content): split it into two journeys"
            )
        stack = Stack.of(self)
        content = stack.to_json_string(self.flow_definition)
        digest = hashlib.sha256(
            json.dumps(stack.resolve(self.flow_definition), sort_keys=True).encode()
        ).hexdigest()

        self.flow = connect.CfnContactFlow(
            self,
            "Flow",
            instance_arn=instance.instance_arn,
            name=flow_name,
            type="CAMPAIGN",
            content=content,
            description=description,
        )
        self.flow_version = connect.CfnContactFlowVersion(
            self,
            "FlowVersion",
            contact_flow_id=self.flow.attr_contact_flow_arn,
            description=f"content sha256 {digest}",
        )
        self._resource = campaigns.CfnCampaign(
            self,
            "Resource",
            connect_instance_id=instance.instance_id,
            name=journey_name,
            type="JOURNEY",
            connect_campaign_flow_arn=self.flow_version.attr_contact_flow_version_arn,
            channel_subtype_config=channel_subtype_config(self._channels(steps)),
            source=None if source is None else source.to_cfn(),
            schedule=None if schedule is None else schedule.to_cfn(),
            communication_time_config=None
            if communication_time is None
            else communication_time.to_cfn(),
            communication_limits_override=None
            if communication_limits is None
            else communication_limits.to_cfn(),
            entry_limits_config=None if entry_limits is None else entry_limits.to_cfn(),
        )
        for key, value in (tags or {}).items():
            Tags.of(self).add(key, value)
        for step in steps:
            if isinstance(step, CustomActionStep):
                _lambda_on_instance(self, instance, step.function)
        self.journey_name = journey_name
        self.instance = instance
        self.source = source
        self.start_step = first
        self.steps = steps
        #: What a conversion from Pinpoint could not carry over (``from_pinpoint``).
        self.conversion_notes: list[Any] = []
        if onboarding is not None:
            self.node.add_dependency(onboarding)
        if source is None:
            Annotations.of(self).add_warning_v2(
                CAMPAIGN_WITHOUT_SOURCE_WARNING,
                "this journey has no source; a source can't be added to a campaign after it "
                "is created (CloudFormation, AWS::ConnectCampaignsV2::Campaign Source): give "
                "source= now, or replace the journey (a new construct id) when you add it",
            )
        elif source.event_trigger_source is not None:
            # The same wiring as a managed campaign: the trigger sends its events here.
            OutboundCampaign._wire_event_trigger(self, source)  # type: ignore[arg-type]

    @staticmethod
    def _channels(steps: list[Any]) -> list[CampaignChannel]:
        """The campaign's channels: "If your flow uses multiple channel types (for example,
        SMS and email), include all channels in the --channel-subtype-config parameter"
        (Administrator Guide, "Create an outbound campaign using the API or CLI"); each with
        the template and sender of the first step of its kind."""
        channels: list[CampaignChannel] = []
        email = next((s for s in steps if isinstance(s, SendEmailStep)), None)
        if email is not None:
            channels.append(
                CampaignChannel.email(template=email.template, from_address=email.from_address)
            )
        sms = next((s for s in steps if isinstance(s, SendSmsStep)), None)
        if sms is not None:
            channels.append(
                CampaignChannel.sms(template=sms.template, phone_number=sms.phone_number)
            )
        return channels

    @classmethod
    def from_pinpoint(
        cls,
        scope: Construct,
        id: str,
        *,
        journey: Any,
        instance: IConnectInstance,
        templates: Mapping[str, IMessageTemplate],
        from_address: IConnectEmailAddress | None = None,
        phone_number: IConnectPhoneNumber | None = None,
        functions: Mapping[str, lambda_.IFunction] | None = None,
        push_actions: Mapping[str, JourneyPushAction] | None = None,
        **props: Any,
    ) -> ConnectJourney:
        """The Connect journey of a Pinpoint journey: ``journey`` is the library's Pinpoint
        ``Journey`` construct or ``get-journey``'s JSON (see
        :func:`~pinpoint_constructs.connect.journeys.conversion.convert_journey` for what
        converts). Each activity that doesn't is listed in a warning
        (``JOURNEY_CONVERSION_WARNING``) and in ``conversion_notes``.

        :param templates: the Q in Connect template for each Pinpoint template name the
            journey's email and SMS activities use.
        :param from_address: the sender of the email steps (needed when there are any).
        :param phone_number: the sender of the SMS steps (needed when there are any).
        :param functions: the function for a custom activity's Lambda ARN. Default: each
            imported by its ARN.
        :param push_actions: the :class:`JourneyPushAction` for each Pinpoint template name
            the journey's push activities use (needed when there are any).
        :param props: the other :class:`ConnectJourney` props (``source``, ``schedule`` ...);
            ``journey_name`` defaults to the Pinpoint journey's name.
        """
        request = journey.request() if hasattr(journey, "request") else journey
        plan = convert_journey(request)
        if plan.start is None:
            raise ValueError(
                f"journey {plan.name!r}: no activity converts to a Connect journey step ("
                + "; ".join(str(n) for n in plan.notes)
                + ")"
            )
        steps = _plan_steps(
            scope, id, plan, templates, from_address, phone_number, functions, push_actions
        )
        props.setdefault("journey_name", plan.name or None)
        converted = cls(scope, id, instance=instance, start=steps[plan.start], **props)
        converted.conversion_notes = list(plan.notes)
        if plan.notes:
            Annotations.of(converted).add_warning_v2(
                JOURNEY_CONVERSION_WARNING,
                "these Pinpoint activities have no Connect successor: "
                + "; ".join(str(n) for n in plan.notes),
            )
        return converted

    @property
    def flow_json(self) -> str:
        """The flow document, as JSON with CloudFormation references left as tokens (for
        inspection; the template carries the resolved content)."""
        return json.dumps(self.flow_definition, indent=2)

    @property
    def flow_version_arn(self) -> str:
        """The ARN of the flow version the campaign runs."""
        return str(self.flow_version.attr_contact_flow_version_arn)

    @property
    def campaign_arn(self) -> str:  # type: ignore[override]
        """The campaign ARN."""
        return str(self._resource.attr_arn)

    @property
    def campaign_id(self) -> str:
        """The campaign id (the ARN's last part)."""
        return str(
            Stack.of(self).split_arn(self.campaign_arn, ArnFormat.SLASH_RESOURCE_NAME).resource_name
        )

    @property
    def resource(self) -> campaigns.CfnCampaign:
        """The L1 ``AWS::ConnectCampaignsV2::Campaign`` (escape hatch)."""
        return self._resource
