"""Amazon SES constructs: the contact list with topics (one per account), its grants and
imports; SES email templates (strings and files), their synth-time Handlebars checks and the
conversion from Pinpoint email templates."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import aws_cdk as cdk
import pytest
from aws_cdk import aws_iam as iam
from aws_cdk.assertions import Template
from support import lint_findings, synth_clean

from pinpoint_constructs import (
    ContactList,
    EmailTemplate,
    SesEmailTemplate,
    SubscriptionStatus,
    Topic,
)
from pinpoint_constructs.handlebars import render
from pinpoint_constructs.ses.handlebars import convert_pinpoint_email, ses_problems

ACCOUNT = "123456789012"
LIST_ARN = f"arn:aws:ses:us-east-1:{ACCOUNT}:contact-list/contacts"


def offers(**props: Any) -> Topic:
    defaults: dict[str, Any] = {
        "topic_name": "offers",
        "display_name": "Offers and promotions",
        "default_subscription_status": SubscriptionStatus.OPT_OUT,
    }
    return Topic(**{**defaults, **props})


def arn_text(template: Template, value: Any) -> str:
    """A resolved ARN (Fn::Join of the partition/region/account pseudo-parameters) as text."""
    if isinstance(value, str):
        return value
    parts = value["Fn::Join"][1]
    names = {"AWS::Partition": "aws", "AWS::Region": "us-east-1", "AWS::AccountId": ACCOUNT}
    return "".join(p if isinstance(p, str) else names[p["Ref"]] for p in parts)


# ---- ContactList --------------------------------------------------------------------------


def test_contact_list_synthesizes_topics(stack: cdk.Stack) -> None:
    ContactList(
        stack,
        "Contacts",
        contact_list_name="contacts",
        description="Everyone who gets our email",
        topics=[
            offers(description="Weekly offers"),
            Topic(
                topic_name="account",
                display_name="Account notices",
                default_subscription_status=SubscriptionStatus.OPT_IN,
            ),
        ],
        tags={"team": "engagement"},
    )
    Template.from_stack(stack).has_resource_properties(
        "AWS::SES::ContactList",
        {
            "ContactListName": "contacts",
            "Description": "Everyone who gets our email",
            "Topics": [
                {
                    "TopicName": "offers",
                    "DisplayName": "Offers and promotions",
                    "DefaultSubscriptionStatus": "OPT_OUT",
                    "Description": "Weekly offers",
                },
                {
                    "TopicName": "account",
                    "DisplayName": "Account notices",
                    "DefaultSubscriptionStatus": "OPT_IN",
                },
            ],
            "Tags": [{"Key": "team", "Value": "engagement"}],
        },
    )


def test_contact_list_main_child_is_resource_and_name_is_generated(stack: cdk.Stack) -> None:
    contact_list = ContactList(stack, "Contacts")
    assert contact_list.node.default_child is contact_list.node.find_child("Resource")
    name = Template.from_stack(stack).find_resources("AWS::SES::ContactList")
    (props,) = [r["Properties"] for r in name.values()]
    assert props["ContactListName"].startswith("TestStack-Contacts")
    assert len(props["ContactListName"]) <= 64


def test_grant_manage_contacts_is_scoped_to_the_list(stack: cdk.Stack) -> None:
    contact_list = ContactList(stack, "Contacts", contact_list_name="contacts")
    role = iam.Role(stack, "Role", assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"))
    contact_list.grant_manage_contacts(role)
    template = Template.from_stack(stack)
    (policy,) = template.find_resources("AWS::IAM::Policy").values()
    (statement,) = policy["Properties"]["PolicyDocument"]["Statement"]
    assert statement["Action"] == [
        "ses:CreateContact",
        "ses:DeleteContact",
        "ses:GetContact",
        "ses:ListContacts",
        "ses:UpdateContact",
    ]
    assert arn_text(template, statement["Resource"]) == LIST_ARN


def test_grant_read_contacts(stack: cdk.Stack) -> None:
    imported = ContactList.from_contact_list_name(stack, "Imported", "contacts")
    role = iam.Role(stack, "Role", assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"))
    imported.grant_read_contacts(role)
    template = Template.from_stack(stack)
    (policy,) = template.find_resources("AWS::IAM::Policy").values()
    (statement,) = policy["Properties"]["PolicyDocument"]["Statement"]
    assert statement["Action"] == ["ses:GetContact", "ses:ListContacts"]
    assert arn_text(template, statement["Resource"]) == LIST_ARN


def test_imports_by_name_and_arn(stack: cdk.Stack) -> None:
    by_name = ContactList.from_contact_list_name(stack, "ByName", "contacts")
    by_arn = ContactList.from_contact_list_arn(stack, "ByArn", LIST_ARN)
    assert by_name.contact_list_name == "contacts"
    assert by_arn.contact_list_name == "contacts"
    assert by_arn.contact_list_arn == LIST_ARN


def test_import_by_arn_of_another_kind_is_refused(stack: cdk.Stack) -> None:
    with pytest.raises(ValueError, match="contact_list_arn must end in contact-list/<name>"):
        ContactList.from_contact_list_arn(
            stack, "Bad", f"arn:aws:ses:us-east-1:{ACCOUNT}:template/welcome"
        )


def test_two_contact_lists_in_one_account_fail_at_synth() -> None:
    app = cdk.App()
    env = cdk.Environment(account=ACCOUNT, region="us-east-1")
    ContactList(cdk.Stack(app, "One", env=env), "Contacts")
    ContactList(cdk.Stack(app, "Two", env=env), "Contacts")
    with pytest.raises(Exception, match="SES allows one contact list per AWS account"):
        app.synth()


def test_contact_lists_in_two_accounts_synthesize() -> None:
    app = cdk.App()
    ContactList(cdk.Stack(app, "One", env=cdk.Environment(account=ACCOUNT)), "Contacts")
    ContactList(cdk.Stack(app, "Two", env=cdk.Environment(account="210987654321")), "Contacts")
    app.synth()


def test_one_contact_list_and_an_import_synthesize() -> None:
    app = cdk.App()
    env = cdk.Environment(account=ACCOUNT, region="us-east-1")
    ContactList(cdk.Stack(app, "One", env=env), "Contacts", contact_list_name="contacts")
    ContactList.from_contact_list_name(cdk.Stack(app, "Two", env=env), "Contacts", "contacts")
    app.synth()


def test_topic_lookup(stack: cdk.Stack) -> None:
    contact_list = ContactList(stack, "Contacts", topics=[offers()])
    assert contact_list.topic("offers").display_name == "Offers and promotions"
    with pytest.raises(ValueError, match=r"topic_name must be a topic of .*\(offers\), got 'x'"):
        contact_list.topic("x")


@pytest.mark.parametrize(
    ("props", "message"),
    [
        ({"contact_list_name": "my list"}, "contact_list_name must be 1 to 64 letters"),
        ({"contact_list_name": "x" * 65}, "contact_list_name must be 1 to 64 letters"),
        ({"description": "d" * 501}, "description must be 0 to 500 characters long"),
        (
            {"topics": [offers(topic_name=f"t{i}") for i in range(21)]},
            "topics: a contact list has at most 20 topics, got 21",
        ),
        (
            {"topics": [offers(), offers(display_name="Other")]},
            r"topics must have distinct names, got \['offers'\] more than once",
        ),
        ({"topics": ["offers"]}, "topics\\[0\\] must be"),
    ],
)
def test_contact_list_bad_input(stack: cdk.Stack, props: dict[str, Any], message: str) -> None:
    with pytest.raises((ValueError, TypeError), match=message):
        ContactList(stack, "Contacts", **props)


@pytest.mark.parametrize(
    ("props", "message"),
    [
        ({"topic_name": "weekly offers"}, "topic_name must be 1 to 64 letters"),
        ({"display_name": "d" * 129}, "display_name must be 0 to 128 characters long"),
        ({"description": "d" * 501}, "description must be 0 to 500 characters long"),
        ({"default_subscription_status": "OPT_IN"}, "default_subscription_status must be"),
    ],
)
def test_topic_bad_input(props: dict[str, Any], message: str) -> None:
    with pytest.raises((ValueError, TypeError), match=message):
        offers(**props)


def test_contact_list_is_lint_and_nag_clean(nag_stack: cdk.Stack, tmp_path: Path) -> None:
    contact_list = ContactList(nag_stack, "Contacts", topics=[offers()])
    role = iam.Role(nag_stack, "Role", assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"))
    contact_list.grant_manage_contacts(role)
    SesEmailTemplate(nag_stack, "Welcome", subject="Hi {{name}}", text="Hello {{name}}")
    assert lint_findings(synth_clean(nag_stack), tmp_path) == []


# ---- SesEmailTemplate ---------------------------------------------------------------------


def test_template_synthesizes_parts(stack: cdk.Stack) -> None:
    template = SesEmailTemplate(
        stack,
        "Welcome",
        template_name="welcome",
        subject="Welcome, {{contact.firstName}}",
        html="<p>{{#each items}}{{name}} {{/each}}</p>",
        text="Hi {{contact.firstName}}",
    )
    assert template.node.default_child is template.node.find_child("Resource")
    Template.from_stack(stack).has_resource_properties(
        "AWS::SES::Template",
        {
            "Template": {
                "TemplateName": "welcome",
                "SubjectPart": "Welcome, {{contact.firstName}}",
                "HtmlPart": "<p>{{#each items}}{{name}} {{/each}}</p>",
                "TextPart": "Hi {{contact.firstName}}",
            }
        },
    )
    assert template.template_arn.endswith(":template/welcome") or "template/welcome" in str(
        stack.resolve(template.template_arn)
    )


def test_template_reads_files(stack: cdk.Stack, tmp_path: Path) -> None:
    (tmp_path / "w.html").write_text("<p>Hi {{name}}</p>", encoding="utf-8")
    (tmp_path / "w.txt").write_text("Hi {{name}}", encoding="utf-8")
    SesEmailTemplate(
        stack, "W", subject="Hi", html_file=tmp_path / "w.html", text_file=tmp_path / "w.txt"
    )
    Template.from_stack(stack).has_resource_properties(
        "AWS::SES::Template",
        {"Template": {"HtmlPart": "<p>Hi {{name}}</p>", "TextPart": "Hi {{name}}"}},
    )


def test_template_accepts_what_ses_documents(stack: cdk.Stack) -> None:
    # The examples of "Advanced email personalization": nested attributes, each, if/else,
    # inline partials.
    SesEmailTemplate(
        stack,
        "Advanced",
        subject='{{#*inline "fullName"}}{{firstName}} {{lastName}}{{/inline}}Hi {{> fullName}}',
        html=(
            "<h1>Hello {{contact.firstName}}</h1>{{#if contact.city}}<p>{{contact.city}}</p>"
            "{{else}}<p>somewhere</p>{{/if}}<ul>{{#each subscription}}<li>{{interest}}</li>"
            "{{/each}}</ul>{{#with contact}}{{lookup this 'country'}}{{/with}}"
            "{{#unless x}}y{{/unless}}"
        ),
    )


def test_template_grant_read(stack: cdk.Stack) -> None:
    template = SesEmailTemplate(stack, "W", template_name="welcome", subject="Hi", text="x")
    role = iam.Role(stack, "Role", assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"))
    template.grant_read(role)
    out = Template.from_stack(stack)
    (policy,) = out.find_resources("AWS::IAM::Policy").values()
    (statement,) = policy["Properties"]["PolicyDocument"]["Statement"]
    assert statement["Action"] == "ses:GetEmailTemplate"
    assert arn_text(out, statement["Resource"]) == (
        f"arn:aws:ses:us-east-1:{ACCOUNT}:template/welcome"
    )


def test_template_imports(stack: cdk.Stack) -> None:
    arn = f"arn:aws:ses:us-east-1:{ACCOUNT}:template/welcome"
    assert SesEmailTemplate.from_template_arn(stack, "A", arn).template_name == "welcome"
    assert SesEmailTemplate.from_template_name(stack, "N", "welcome").template_name == "welcome"
    with pytest.raises(ValueError, match="template_arn must end in template/<name>"):
        SesEmailTemplate.from_template_arn(stack, "B", LIST_ARN)


@pytest.mark.parametrize(
    ("props", "message"),
    [
        ({"subject": ""}, "subject must"),
        ({"subject": "Hi"}, "needs a body: give html, html_file, text or text_file"),
        ({"text": "x", "template_name": "bad name"}, "template_name must be 1 to 64 letters"),
        ({"html": "x", "html_file": "x.html"}, "give html or html_file, not both"),
        ({"text": "x", "text_file": "x.txt"}, "give text or text_file, not both"),
        ({"html_file": "no/such/file.html"}, "html_file 'no/such/file.html' does not exist"),
        (
            {"text": "{{upper name}}"},
            r"Amazon SES cannot render text line 1, column 2: 'upper' is an Amazon Pinpoint "
            r"helper; Amazon SES renders only the Handlebars built-ins \(each, if, log, "
            r"lookup, unless, with\)",
        ),
        (
            {"text": "{{#eq a b}}x{{/eq}}"},
            "text line 1, column 3: 'eq' is an Amazon Pinpoint helper",
        ),
        (
            {"html": "{{shout name}}"},
            "html line 1, column 2: 'shout' is not a Handlebars built-in helper",
        ),
        (
            {"text": "{{> footer}}"},
            "text line 1, column 0: the partial 'footer' is not defined in the template",
        ),
        ({"text": "{{#if a}}x"}, "text line 1, column 10: syntax error"),
        (
            {"text": "x" * (500 * 1024 + 1)},
            r"has 512001 bytes \(HTML and text parts together\); .* at most 512000 \(500 KB\)",
        ),
    ],
)
def test_template_bad_input(stack: cdk.Stack, props: dict[str, Any], message: str) -> None:
    props = {"subject": "Hi", **props}
    with pytest.raises(ValueError, match=message):
        SesEmailTemplate(stack, "T", **props)


def test_template_of_exactly_500_kb_is_accepted(stack: cdk.Stack) -> None:
    SesEmailTemplate(stack, "T", subject="A long subject", text="x" * (500 * 1024))


def test_template_check_can_be_turned_off(stack: cdk.Stack) -> None:
    SesEmailTemplate(stack, "T", subject="Hi", text="{{upper x}}", validate_handlebars=False)


def test_bare_pinpoint_helper_name_is_a_variable_for_ses() -> None:
    assert ses_problems([("text", "{{now}}")]) == []


# ---- from_pinpoint ------------------------------------------------------------------------


def test_from_pinpoint_writes_defaults_through_the_syntax_tree(stack: cdk.Stack) -> None:
    pinpoint = EmailTemplate(
        stack,
        "Pinpoint",
        template_name="welcome",
        subject="Hi {{User.UserAttributes.FirstName}}",
        html="<p>Hello {{User.UserAttributes.FirstName}}</p>",
        text="{{#if Attributes.Vip}}VIP {{/if}}{{User.UserAttributes.FirstName}}",
        default_substitutions={"User.UserAttributes.FirstName": "<friend>"},
    )
    converted = SesEmailTemplate.from_pinpoint(stack, "Ses", pinpoint, template_name="welcome")
    guarded = (
        "{{#if User.UserAttributes.FirstName}}{{User.UserAttributes.FirstName}}{{else}}%s{{/if}}"
    )
    assert converted.subject == "Hi " + guarded % "<friend>"
    assert converted.html_part == "<p>Hello " + guarded % "&lt;friend&gt;" + "</p>"
    assert render(converted.subject, {}) == "Hi <friend>"
    assert render(converted.subject, {"User": {"UserAttributes": {"FirstName": "Ann"}}}) == (
        "Hi Ann"
    )
    assert converted.conversion is not None
    assert any("does not escape HTML" in note for note in converted.conversion.notes)
    Template.from_stack(stack).has_resource_properties(
        "AWS::SES::Template", {"Template": {"TemplateName": "welcome"}}
    )


def test_from_pinpoint_lists_everything_ses_cannot_render(stack: cdk.Stack) -> None:
    pinpoint = EmailTemplate(
        stack,
        "Pinpoint",
        template_name="promo",
        subject="{{capitalize Attributes.Name}}",
        text="Sent {{now}}",
        default_substitutions={"Attributes.Name": "x"},
    )
    with pytest.raises(ValueError) as raised:
        SesEmailTemplate.from_pinpoint(stack, "Ses", pinpoint)
    message = str(raised.value)
    assert "EmailTemplate 'promo' cannot be converted" in message
    assert "subject line 1, column 2: 'capitalize' is an Amazon Pinpoint helper" in message
    assert "text line 1, column 7: 'now' is an Amazon Pinpoint helper" in message


def test_conversion_notes_defaults_inside_each() -> None:
    conversion = convert_pinpoint_email(
        subject="x",
        text="{{#each Items}}{{Name}}{{/each}}{{#with User}}{{Name}}{{/with}}",
        default_substitutions={"User.Name": "you"},
    )
    assert conversion.complete
    assert conversion.text == "{{#each Items}}{{Name}}{{/each}}{{#with User}}{{Name}}{{/with}}"
    assert conversion.notes == (
        "text: the default of User.Name is not applied where it is read inside a block that "
        "changes the context (each, with) or through a helper",
    )


def test_conversion_leaves_a_default_with_braces_out() -> None:
    conversion = convert_pinpoint_email(
        subject="{{A}}", text="t", default_substitutions={"A": "{{x"}
    )
    assert conversion.subject == "{{A}}"
    assert conversion.notes == (
        "subject: the default of A has '{{' or a backslash and is not written into the template",
    )


def test_conversion_keeps_columns_after_astral_characters() -> None:
    conversion = convert_pinpoint_email(subject="😀 {{A}} end", default_substitutions={"A": "x"})
    assert conversion.subject == "😀 {{#if A}}{{A}}{{else}}x{{/if}} end"
