"""OutboundCampaignsOnboarding: the custom resource's properties, its handlers' permissions,
each rule, and cfn-lint / cdk-nag on a stack with an instance, the onboarding and a campaign."""

from __future__ import annotations

import json
from pathlib import Path

import aws_cdk as cdk
import pytest
from aws_cdk import aws_kms as kms
from aws_cdk.assertions import Match, Template
from support import lint_findings, synth_clean

from pinpoint_constructs.connect import (
    DEFAULT_OBJECT_TYPE_NAMES,
    CampaignChannel,
    CampaignSource,
    ConnectEmailAddress,
    ConnectInstance,
    OutboundCampaign,
    OutboundCampaignsOnboarding,
)
from pinpoint_constructs.connect.message_templates import (
    EmailMessageTemplate,
    MessageTemplateKnowledgeBase,
)
from pinpoint_constructs.connect.onboarding import PROVIDER_ID
from pinpoint_constructs.profiles import ProfilesDomain, SegmentDefinition

INSTANCE_ARN = (
    "arn:aws:connect:us-east-1:123456789012:instance/11111111-2222-3333-4444-555555555555"
)


def test_properties(stack: cdk.Stack) -> None:
    domain = ProfilesDomain.from_domain_name(stack, "Domain", "amazon-connect-test")
    instance = ConnectInstance.from_instance_arn(stack, "Instance", INSTANCE_ARN)
    key = kms.Key(stack, "Key")
    OutboundCampaignsOnboarding(
        stack, "Onboarding", instance=instance, encryption_key=key, profiles_domain=domain
    )
    Template.from_stack(stack).has_resource_properties(
        "Custom::OutboundCampaignsOnboarding",
        {
            "ConnectInstanceId": "11111111-2222-3333-4444-555555555555",
            "ProfilesDomainArn": stack.resolve(domain.domain_arn),
            "KmsKeyArn": {"Fn::GetAtt": [Match.string_like_regexp("Key"), "Arn"]},
            "ObjectTypeNames": json.dumps(dict(DEFAULT_OBJECT_TYPE_NAMES), sort_keys=True),
            "OffboardOnDelete": "false",
        },
    )


def test_an_imported_instance_is_not_offboarded_by_default(stack: cdk.Stack) -> None:
    instance = ConnectInstance.from_instance_arn(stack, "Instance", INSTANCE_ARN)
    OutboundCampaignsOnboarding(stack, "Onboarding", instance=instance)
    Template.from_stack(stack).has_resource_properties(
        "Custom::OutboundCampaignsOnboarding", {"OffboardOnDelete": "false"}
    )


def test_an_instance_the_stack_creates_is_offboarded_by_default(stack: cdk.Stack) -> None:
    instance = ConnectInstance(stack, "Instance", instance_alias="example-campaigns")
    OutboundCampaignsOnboarding(stack, "Onboarding", instance=instance)
    Template.from_stack(stack).has_resource_properties(
        "Custom::OutboundCampaignsOnboarding", {"OffboardOnDelete": "true"}
    )


@pytest.mark.parametrize("offboard", [True, False])
def test_offboard_on_delete_given_explicitly(stack: cdk.Stack, offboard: bool) -> None:
    instance = ConnectInstance.from_instance_arn(stack, "Instance", INSTANCE_ARN)
    OutboundCampaignsOnboarding(stack, "Onboarding", instance=instance, offboard_on_delete=offboard)
    Template.from_stack(stack).has_resource_properties(
        "Custom::OutboundCampaignsOnboarding",
        {"OffboardOnDelete": "true" if offboard else "false"},
    )


def test_one_provider_per_stack(stack: cdk.Stack) -> None:
    for index in range(2):
        instance = ConnectInstance.from_instance_arn(
            stack, f"Instance{index}", INSTANCE_ARN.replace("11111111", f"1111111{index}")
        )
        OutboundCampaignsOnboarding(stack, f"Onboarding{index}", instance=instance)
    assert stack.node.try_find_child(PROVIDER_ID) is not None
    template = Template.from_stack(stack)
    template.resource_count_is("Custom::OutboundCampaignsOnboarding", 2)
    # on_event, is_complete and the Provider framework's functions: one set.
    assert len(template.find_resources("AWS::Lambda::Function")) == 5


def test_handler_permissions_are_scoped(stack: cdk.Stack) -> None:
    domain = ProfilesDomain.from_domain_name(stack, "Domain", "amazon-connect-test")
    instance = ConnectInstance.from_instance_arn(stack, "Instance", INSTANCE_ARN)
    OutboundCampaignsOnboarding(stack, "Onboarding", instance=instance, profiles_domain=domain)
    statements = [
        statement
        for policy in Template.from_stack(stack).find_resources("AWS::IAM::Policy").values()
        for statement in policy["Properties"]["PolicyDocument"]["Statement"]
    ]
    by_action: dict[str, list] = {}
    for statement in statements:
        actions = (
            statement["Action"] if isinstance(statement["Action"], list) else [statement["Action"]]
        )
        for action in actions:
            by_action.setdefault(action, []).append(statement["Resource"])
    assert by_action["connect:DescribeInstance"] == [INSTANCE_ARN, INSTANCE_ARN]
    domain_arn = stack.resolve(domain.domain_arn)
    assert by_action["profile:GetDomain"] == [domain_arn, domain_arn]
    assert by_action["connect-campaigns:StartInstanceOnboardingJob"] == ["*"]
    create_slr = next(s for s in statements if s["Action"] == "iam:CreateServiceLinkedRole")
    assert create_slr["Condition"] == {
        "StringEquals": {"iam:AWSServiceName": "connect-campaigns.amazonaws.com"}
    }


def test_object_type_event_types(stack: cdk.Stack) -> None:
    instance = ConnectInstance.from_instance_arn(stack, "Instance", INSTANCE_ARN)
    with pytest.raises(
        ValueError, match=r"object_type_names keys must be campaign event types .*got 'Email'"
    ):
        OutboundCampaignsOnboarding(
            stack, "Onboarding", instance=instance, object_type_names={"Email": "Campaign-Email"}
        )


def test_object_type_name_length(stack: cdk.Stack) -> None:
    instance = ConnectInstance.from_instance_arn(stack, "Instance", INSTANCE_ARN)
    with pytest.raises(ValueError, match=r"object_type_names\['Campaign-SMS'\] must be 1 to 255"):
        OutboundCampaignsOnboarding(
            stack, "Onboarding", instance=instance, object_type_names={"Campaign-SMS": ""}
        )


def test_key_must_be_a_key(stack: cdk.Stack) -> None:
    instance = ConnectInstance.from_instance_arn(stack, "Instance", INSTANCE_ARN)
    with pytest.raises(TypeError, match=r"encryption_key must be an aws_kms.IKey, got str"):
        OutboundCampaignsOnboarding(
            stack, "Onboarding", instance=instance, encryption_key="arn:aws:kms:..."
        )  # type: ignore[arg-type]


def test_offboard_on_delete_is_a_bool(stack: cdk.Stack) -> None:
    instance = ConnectInstance.from_instance_arn(stack, "Instance", INSTANCE_ARN)
    with pytest.raises(TypeError, match="offboard_on_delete must be a bool, got str: 'no'"):
        OutboundCampaignsOnboarding(stack, "Onboarding", instance=instance, offboard_on_delete="no")  # type: ignore[arg-type]


def test_instance_onboarding_campaign_stack_passes_cfn_lint_and_cdk_nag(
    nag_stack: cdk.Stack, tmp_path: Path
) -> None:
    domain = ProfilesDomain.from_domain_name(nag_stack, "Domain", "amazon-connect-test")
    instance = ConnectInstance(
        nag_stack, "Instance", instance_alias="example-outbound", profiles_domain=domain
    )
    onboarding = OutboundCampaignsOnboarding(
        nag_stack,
        "Onboarding",
        instance=instance,
        profiles_domain=domain,
        encryption_key=kms.Key(nag_stack, "Key", enable_key_rotation=True),
    )
    address = ConnectEmailAddress(
        nag_stack, "Email", instance=instance, email_address="news@example.com"
    )
    OutboundCampaign(
        nag_stack,
        "Campaign",
        instance=instance,
        onboarding=onboarding,
        channels=[
            CampaignChannel.email(
                template=EmailMessageTemplate(
                    nag_stack,
                    "Welcome",
                    knowledge_base=MessageTemplateKnowledgeBase(
                        nag_stack, "Templates", instance=instance
                    ),
                    subject="Hi",
                    text="Hello",
                ),
                from_address=address,
            )
        ],
        source=CampaignSource.segment(
            SegmentDefinition.from_segment_definition_name(
                nag_stack, "Berlin", domain=domain, segment_definition_name="berlin"
            )
        ),
    )
    template = synth_clean(nag_stack)
    findings = lint_findings(template, tmp_path)
    assert [(f["Rule"]["Id"], f["Message"]) for f in findings] == []
    campaign = next(
        r
        for r in template["Resources"].values()
        if r["Type"] == "AWS::ConnectCampaignsV2::Campaign"
    )
    assert any("Onboarding" in dependency for dependency in campaign["DependsOn"])
