"""The successor stack's Q in Connect templates: converted from the default program's Pinpoint
templates, cfn-lint and cdk-nag clean."""

from __future__ import annotations

from pathlib import Path

import aws_cdk as cdk
import pytest
from aws_cdk.assertions import Template
from cdk_nag import AwsSolutionsChecks
from support import lint_findings

from stacks import cdk_json_context
from stacks.customer_engagement import CustomerEngagementStack


@pytest.fixture(scope="module")
def synthesized(tmp_path_factory: pytest.TempPathFactory) -> tuple[CustomerEngagementStack, dict]:
    app = cdk.App(context=cdk_json_context(), outdir=str(tmp_path_factory.mktemp("out")))
    cdk.Validations.of(app).add_plugins(AwsSolutionsChecks(app))
    stack = CustomerEngagementStack(
        app, "CustomerEngagement", env=cdk.Environment(account="123456789012", region="us-east-1")
    )
    template = app.synth().get_stack_by_name(stack.stack_name).template  # nag runs here
    return stack, template


def test_the_stack_has_the_knowledge_base_and_converted_templates(
    synthesized: tuple[CustomerEngagementStack, dict],
) -> None:
    stack, template = synthesized
    assertions = Template.from_json(template)
    assertions.resource_count_is("AWS::Wisdom::KnowledgeBase", 1)
    assertions.resource_count_is("AWS::Wisdom::MessageTemplate", 3)
    assertions.resource_count_is("AWS::Wisdom::MessageTemplateVersion", 3)
    # The endpoint object type sends FirstName to the profile's FirstName: read it there.
    assert stack.welcome_email.subject == "Welcome, {{Attributes.Customer.FirstName}}"
    age_and_country = (
        '(gte Attributes.Customer.Attributes.Age "18") (eq Attributes.Customer.Country'
    )
    assert age_and_country in (stack.welcome_email.html_part or "")
    assert stack.offer_sms.body == (
        "{{Attributes.Customer.FirstName}}, 20% off this week. Reply STOP to opt out."
    )
    assertions.has_resource_properties(
        "AWS::Wisdom::MessageTemplate",
        {
            "Name": "offer-sms",
            "DefaultAttributes": {"CustomerProfileAttributes": {"FirstName": "Hi"}},
        },
    )


def test_the_stack_passes_cfn_lint(
    synthesized: tuple[CustomerEngagementStack, dict], tmp_path: Path
) -> None:
    assert lint_findings(synthesized[1], tmp_path) == []
