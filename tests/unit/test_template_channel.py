"""CustomChannel.template_renderer: the function, its asset (handlers + handlebars), its
least-privilege role, its environment, the custom data helper, prop validation, cdk-nag."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import aws_cdk as cdk
import pytest
from aws_cdk import aws_ses as ses
from aws_cdk.assertions import Match, Template
from support import lint_findings, synth_clean

from pinpoint_constructs import (
    CustomChannel,
    EmailTemplate,
    PinpointApp,
    PushMessage,
    PushTemplate,
    SmsMessageType,
    SmsTemplate,
    TemplateRenderingChannel,
    TemplateType,
    template_data,
)
from pinpoint_constructs.sms_voice import ConfigurationSet as SmsConfigurationSet
from pinpoint_constructs.sms_voice import NumberCapability, NumberType, PhoneNumber, Pool

PHONE_ARN = "arn:aws:sms-voice:us-east-1:123456789012:phone-number/phone-1234"
SMS_CONFIG_ARN = "arn:aws:sms-voice:us-east-1:123456789012:configuration-set/sms-events"


def _parts(stack: cdk.Stack) -> dict:
    app = PinpointApp(stack, "App")
    welcome = EmailTemplate(
        stack, "Welcome", template_name="welcome", subject="Hi", html="<p>Hi</p>"
    )
    offer = SmsTemplate(stack, "Offer", template_name="offer", body="20% off")
    identity = ses.EmailIdentity(stack, "Identity", identity=ses.Identity.domain("example.com"))
    config_set = ses.ConfigurationSet(stack, "ConfigSet", configuration_set_name="mail-events")
    return {
        "app": app,
        "welcome": welcome,
        "offer": offer,
        "identity": identity,
        "config_set": config_set,
    }


def _channel(stack: cdk.Stack, kinds=("welcome", "offer"), **overrides) -> TemplateRenderingChannel:
    parts = _parts(stack)
    props = {
        "app": parts["app"],
        "templates": [parts[kind] for kind in kinds],
        "email_identity": parts["identity"],
        "from_address": "Example <news@example.com>",
        "configuration_set": parts["config_set"],
        "list_unsubscribe_url": "https://example.com/unsubscribe?u={{User.UserId}}",
        "sms_origination_identity_arn": PHONE_ARN,
        "sms_configuration_set_arn": SMS_CONFIG_ARN,
    }
    props.update(overrides)
    return TemplateRenderingChannel(stack, "Rendered", **props)


def _function(stack: cdk.Stack) -> dict:
    functions = Template.from_stack(stack).find_resources(
        "AWS::Lambda::Function", {"Properties": {"Handler": "template_renderer.index.handler"}}
    )
    (function,) = functions.values()
    return function


def _statements(stack: cdk.Stack) -> list[dict]:
    policies = Template.from_stack(stack).find_resources(
        "AWS::IAM::Policy",
        {"Properties": {"Roles": [{"Ref": Match.string_like_regexp("^RenderedRendererRole")}]}},
    )
    (policy,) = policies.values()
    return policy["Properties"]["PolicyDocument"]["Statement"]


def _statement(stack: cdk.Stack, action: str) -> dict:
    (statement,) = [s for s in _statements(stack) if s["Action"] == action]
    return statement


# ---- the function and its asset ---------------------------------------------------------------


def test_function_runs_the_renderer_with_bounded_timeout_and_memory(stack):
    channel = _channel(stack)
    props = _function(stack)["Properties"]
    assert props["Runtime"] == "python3.14"
    assert props["Timeout"] == 12
    assert props["MemorySize"] == 1024
    assert channel.delivery_uri == channel.renderer.function.function_arn
    assert channel.endpoint_types == ["EMAIL", "SMS"]


def test_environment_names_templates_sender_and_sms_identity(stack):
    _channel(stack, sms_message_type=SmsMessageType.PROMOTIONAL, max_attempts=4)
    env = _function(stack)["Properties"]["Environment"]["Variables"]
    assert json.loads(env["TEMPLATES"]) == {"EMAIL": ["welcome"], "SMS": ["offer"]}
    assert env["FROM_ADDRESS"] == "Example <news@example.com>"
    assert env["EMAIL_CONFIGURATION_SET"]["Ref"].startswith("ConfigSet")
    assert env["LIST_UNSUBSCRIBE"] == "https://example.com/unsubscribe?u={{User.UserId}}"
    assert env["SMS_ORIGINATION_IDENTITY"] == PHONE_ARN
    assert env["SMS_CONFIGURATION_SET"] == SMS_CONFIG_ARN
    assert env["SMS_MESSAGE_TYPE"] == "PROMOTIONAL"
    assert env["MAX_ATTEMPTS"] == "4"
    assert env["TEMPLATE_CACHE_SECONDS"] == "60"


def test_asset_ships_the_handlers_and_the_handlebars_package_and_runs_alone(stack, tmp_path):
    _channel(stack)
    assembly = stack.node.root.synth()
    code = _function(stack)["Properties"]["Code"]
    asset_hash = code["S3Key"].split(".")[0]
    asset_dir = Path(assembly.directory) / f"asset.{asset_hash}"
    assert (asset_dir / "template_renderer" / "logic.py").is_file()
    assert (asset_dir / "common" / "custom_channel.py").is_file()
    assert (asset_dir / "handlebars" / "engine.py").is_file()
    assert not list(asset_dir.rglob("__pycache__"))
    probe = (
        "import sys; sys.path.insert(0, sys.argv[1]);"
        "import template_renderer.index, handlebars;"
        "heavy = {'aws_cdk', 'jsii', 'pinpoint_constructs'};"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe, str(asset_dir)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_other_handlers_keep_their_asset_without_handlebars(stack):
    _channel(stack)
    CustomChannel.webhook(
        stack, "Hook", app=PinpointApp(stack, "Other"), url="https://h.example.com/x"
    )
    functions = Template.from_stack(stack).find_resources("AWS::Lambda::Function")
    keys = {
        f["Properties"]["Handler"]: f["Properties"]["Code"]["S3Key"] for f in functions.values()
    }
    assert keys["template_renderer.index.handler"] != keys["webhook_forwarder.index.handler"]


# ---- least privilege -------------------------------------------------------------------------


def test_role_reads_exactly_the_given_templates(stack):
    channel = _channel(stack)
    welcome, offer = channel.templates
    email = _statement(stack, "mobiletargeting:GetEmailTemplate")
    sms = _statement(stack, "mobiletargeting:GetSmsTemplate")
    assert email["Resource"] == stack.resolve(welcome.template_arn)
    assert sms["Resource"] == stack.resolve(offer.template_arn)


def test_role_sends_email_from_the_identity_and_configuration_set_only(stack):
    _channel(stack)
    statement = _statement(stack, "ses:SendEmail")
    resources = json.dumps(statement["Resource"])
    assert "identity/" in resources and "configuration-set/" in resources
    assert '"*"' not in resources


def test_role_sends_sms_from_the_origination_identity_and_configuration_set_only(stack):
    _channel(stack)
    statement = _statement(stack, "sms-voice:SendTextMessage")
    assert sorted(statement["Resource"]) == sorted([PHONE_ARN, SMS_CONFIG_ARN])


def test_sms_identity_and_configuration_set_as_constructs(stack):
    """The End User Messaging constructs of this library: the role may send from exactly
    their ARNs, and the function gets those ARNs."""
    number = PhoneNumber(
        stack,
        "Number",
        iso_country_code="US",
        number_type=NumberType.SIMULATOR,
        capabilities=[NumberCapability.SMS],
        help_message="Example: reply STOP to opt out.",
        stop_message="Example: you will receive no more messages.",
    )
    config = SmsConfigurationSet(stack, "SmsEvents")
    _channel(
        stack,
        sms_origination_identity_arn=None,
        sms_configuration_set_arn=None,
        sms_origination_identity=number,
        sms_configuration_set=config,
    )
    env = _function(stack)["Properties"]["Environment"]["Variables"]
    statement = _statement(stack, "sms-voice:SendTextMessage")
    expected = [stack.resolve(number.origination_identity_arn)]
    expected.append(stack.resolve(config.configuration_set_arn))
    assert sorted(statement["Resource"], key=json.dumps) == sorted(expected, key=json.dumps)
    assert env["SMS_ORIGINATION_IDENTITY"] == expected[0]
    assert env["SMS_CONFIGURATION_SET"] == expected[1]


def test_imported_sms_identity_is_used_by_its_arn(stack):
    pool = Pool.from_pool_arn(stack, "Pool", "arn:aws:sms-voice:us-east-1:123456789012:pool/pool-1")
    _channel(stack, sms_origination_identity_arn=None, sms_origination_identity=pool)
    env = _function(stack)["Properties"]["Environment"]["Variables"]
    assert env["SMS_ORIGINATION_IDENTITY"] == "arn:aws:sms-voice:us-east-1:123456789012:pool/pool-1"


def test_an_sms_identity_is_given_once(stack):
    pool = Pool.from_pool_arn(stack, "Pool", "arn:aws:sms-voice:us-east-1:123456789012:pool/pool-1")
    with pytest.raises(
        ValueError,
        match="give sms_origination_identity or sms_origination_identity_arn, not both; got "
        f"sms_origination_identity_arn='{PHONE_ARN}'",
    ):
        _channel(stack, sms_origination_identity=pool)


def test_an_sms_configuration_set_is_given_once(stack):
    with pytest.raises(
        ValueError,
        match="give sms_configuration_set or sms_configuration_set_arn, not both; got "
        f"sms_configuration_set_arn='{SMS_CONFIG_ARN}'",
    ):
        _channel(stack, sms_configuration_set=SmsConfigurationSet(stack, "SmsEvents"))


def test_an_sms_identity_must_be_an_origination_identity(stack):
    with pytest.raises(
        TypeError, match="sms_origination_identity must be an object with origination_identity_arn"
    ):
        _channel(stack, sms_origination_identity_arn=None, sms_origination_identity="pool-1")


def test_sms_constructs_need_an_sms_template(stack):
    pool = Pool.from_pool_arn(stack, "Pool", "arn:aws:sms-voice:us-east-1:123456789012:pool/pool-1")
    with pytest.raises(
        ValueError, match="sms_origination_identity needs an SMS template in templates, got"
    ):
        _channel(
            stack,
            kinds=("welcome",),
            sms_origination_identity_arn=None,
            sms_configuration_set_arn=None,
            sms_origination_identity=pool,
        )


def test_email_only_channel_has_no_sms_permission_and_receives_email_endpoints(stack):
    parts = _parts(stack)
    channel = TemplateRenderingChannel(
        stack,
        "Rendered",
        app=parts["app"],
        templates=[parts["welcome"]],
        email_identity=parts["identity"],
        from_address="news@example.com",
    )
    actions = [s["Action"] for s in _statements(stack)]
    assert "sms-voice:SendTextMessage" not in actions
    assert "mobiletargeting:GetSmsTemplate" not in actions
    assert channel.endpoint_types == ["EMAIL"]
    env = _function(stack)["Properties"]["Environment"]["Variables"]
    assert "SMS_ORIGINATION_IDENTITY" not in env and "EMAIL_CONFIGURATION_SET" not in env


def test_imported_templates_are_granted_by_their_arn(stack):
    parts = _parts(stack)
    imported = EmailTemplate.from_template_name(stack, "Imported", "newsletter")
    TemplateRenderingChannel(
        stack,
        "Rendered",
        app=parts["app"],
        templates=[imported],
        email_identity=parts["identity"],
        from_address="news@example.com",
    )
    statement = _statement(stack, "mobiletargeting:GetEmailTemplate")
    assert "templates/newsletter/EMAIL" in json.dumps(statement["Resource"])


def test_passes_cdk_nag_and_cfn_lint(nag_stack, tmp_path):
    _channel(nag_stack)
    template = synth_clean(nag_stack)
    assert lint_findings(template, tmp_path) == []


# ---- custom data -----------------------------------------------------------------------------


def test_data_names_the_template_its_kind_and_version(stack):
    channel = _channel(stack)
    welcome = channel.templates[0]
    assert channel.data(welcome) == {"template": "welcome", "channel": "EMAIL"}
    assert channel.data(welcome, version="3") == {
        "template": "welcome",
        "channel": "EMAIL",
        "version": "3",
    }
    assert template_data("welcome-{{Attributes.Language}}") == {
        "template": "welcome-{{Attributes.Language}}"
    }
    assert template_data("offer", channel=TemplateType.SMS) == {
        "template": "offer",
        "channel": "SMS",
    }


def test_data_rejects_a_template_the_channel_may_not_send(stack):
    channel = _channel(stack)
    other = EmailTemplate(stack, "Other", template_name="other", subject="x", html="x")
    with pytest.raises(
        ValueError,
        match=r"must be one of the channel's templates \['offer', 'welcome'\], got 'other'",
    ):
        channel.data(other)


def test_data_rejects_a_name_that_is_not_handlebars():
    with pytest.raises(
        ValueError, match=r"template 'welcome-\{\{#if\}\}' is not a valid Handlebars template"
    ):
        template_data("welcome-{{#if}}")


def test_data_rejects_push_channel_and_empty_version():
    with pytest.raises(
        ValueError,
        match=r"channel must be TemplateType\.EMAIL or TemplateType\.SMS, got TemplateType\.PUSH",
    ):
        template_data("x", channel=TemplateType.PUSH)
    with pytest.raises(ValueError, match="version must be a template version id, got ''"):
        template_data("x", version="")
    with pytest.raises(ValueError, match="template must be a template or a template name, got ' '"):
        template_data(" ")


# ---- validation ------------------------------------------------------------------------------


def test_rejects_no_templates(stack):
    with pytest.raises(
        ValueError, match=r"templates must be a non-empty list of email or SMS templates, got \[\]"
    ):
        _channel(stack, templates=[])


def test_rejects_a_push_template(stack):
    push = PushTemplate(stack, "Push", template_name="push", default=PushMessage(body="x"))
    with pytest.raises(
        ValueError,
        match="templates must be email or SMS templates, got 'push', which is an PUSH template",
    ):
        _channel(stack, templates=[push])


def test_rejects_something_that_is_not_a_template(stack):
    with pytest.raises(
        TypeError, match="templates must contain message templates, got str: 'welcome'"
    ):
        _channel(stack, templates=["welcome"])


def test_email_templates_need_identity_and_sender(stack):
    with pytest.raises(ValueError, match="email templates need email_identity and from_address"):
        _channel(stack, from_address=None)


def test_rejects_an_invalid_from_address(stack):
    with pytest.raises(ValueError, match=r"from_address must be an email address .* got 'news'"):
        _channel(stack, from_address="news")


@pytest.mark.parametrize(
    ("from_address", "message"),
    [
        (
            "news@example.org",
            "from_address must be in the domain of the SES identity 'example.com' "
            "(or one of its subdomains), got 'news@example.org'",
        ),
        (
            "Example <news@notexample.com>",
            "from_address must be in the domain of the SES identity 'example.com' "
            "(or one of its subdomains), got 'news@notexample.com'",
        ),
    ],
)
def test_rejects_a_from_address_outside_the_identity_as_the_email_channel_does(
    stack, from_address, message
):
    with pytest.raises(ValueError) as raised:
        _channel(stack, from_address=from_address)
    assert str(raised.value) == message


def test_a_from_address_of_a_subdomain_is_accepted(stack):
    _channel(stack, from_address="news@mail.example.com")


def test_an_address_identity_takes_only_its_own_address(stack):
    address = ses.EmailIdentity(stack, "Address", identity=ses.Identity.email("me@example.net"))
    with pytest.raises(ValueError) as raised:
        _channel(stack, email_identity=address, from_address="you@example.net")
    assert str(raised.value) == (
        "from_address must be the address of the SES email identity 'me@example.net', "
        "got 'you@example.net'"
    )


def test_rejects_a_list_unsubscribe_url_with_a_line_break(stack):
    url = "https://example.com/u?id={{User.UserId}}\r\nBcc: x@example.com"
    with pytest.raises(ValueError) as raised:
        _channel(stack, list_unsubscribe_url=url)
    assert str(raised.value) == (
        f"list_unsubscribe_url must not contain whitespace or control characters, got {url!r}"
    )


def test_sms_templates_need_an_origination_identity(stack):
    with pytest.raises(
        ValueError,
        match=r"SMS templates need sms_origination_identity \(a phone number, sender ID or "
        r"pool\) or sms_origination_identity_arn, got neither",
    ):
        _channel(stack, sms_origination_identity_arn=None, sms_configuration_set_arn=None)


def test_rejects_an_origination_identity_that_is_not_an_arn(stack):
    with pytest.raises(
        ValueError,
        match=r"sms_origination_identity_arn must be the ARN of a phone number, .* '\+12065550100'",
    ):
        _channel(stack, sms_origination_identity_arn="+12065550100")


def test_rejects_an_sms_configuration_set_that_is_not_an_arn(stack):
    with pytest.raises(
        ValueError,
        match=r"sms_configuration_set_arn must be the ARN of an SMS configuration set .* 'events'",
    ):
        _channel(stack, sms_configuration_set_arn="events")


def test_rejects_sms_props_without_an_sms_template(stack):
    with pytest.raises(
        ValueError,
        match=f"sms_origination_identity_arn needs an SMS template in templates, got '{PHONE_ARN}'",
    ):
        _channel(stack, kinds=("welcome",))


def test_rejects_email_props_without_an_email_template(stack):
    parts = _parts(stack)
    with pytest.raises(
        ValueError, match=r"from_address needs an email template in templates, got 'x@example\.com'"
    ):
        TemplateRenderingChannel(
            stack,
            "R",
            app=parts["app"],
            templates=[parts["offer"]],
            from_address="x@example.com",
            sms_origination_identity_arn=PHONE_ARN,
        )


def test_rejects_an_unsubscribe_url_that_is_not_https_or_mailto(stack):
    with pytest.raises(
        ValueError,
        match=r"list_unsubscribe_url must start with https:// or mailto:, got 'http://example\.com/u'",
    ):
        _channel(stack, list_unsubscribe_url="http://example.com/u")


def test_rejects_an_unsubscribe_url_that_is_not_handlebars(stack):
    with pytest.raises(
        ValueError,
        match=r"list_unsubscribe_url must be a valid Handlebars template, got 'https://example.com/\{\{#u\}\}'",
    ):
        _channel(stack, list_unsubscribe_url="https://example.com/{{#u}}")


def test_rejects_max_attempts_out_of_range(stack):
    with pytest.raises(ValueError, match="max_attempts must be between 1 and 10, got 0"):
        _channel(stack, max_attempts=0)


def test_rejects_a_template_cache_out_of_range(stack):
    with pytest.raises(
        ValueError, match=r"template_cache \(seconds\) must be between 0 and 3600, got 7200"
    ):
        _channel(stack, template_cache=cdk.Duration.hours(2))


# ---- docs/pinpoint/template-rendering-channel.md -------------------------------------------------


def test_readme_example_runs_as_written(tmp_path, monkeypatch):
    page = (
        Path(__file__).resolve().parents[2] / "docs" / "pinpoint" / "template-rendering-channel.md"
    )
    section = page.read_text().split("# Rendering templates at send time", 1)[1]
    block = section.split("```python\n", 1)[1].split("\n```", 1)[0]
    monkeypatch.setenv("CDK_OUTDIR", str(tmp_path))
    namespace: dict = {}
    exec(compile(block, "docs/pinpoint/template-rendering-channel.md", "exec"), namespace)
    stack = namespace["stack"]
    template = Template.from_stack(stack)
    template.has_resource_properties(
        "AWS::Pinpoint::Campaign",
        {
            "MessageConfiguration": {
                "CustomMessage": {"Data": '{"template":"welcome-{{Attributes.Language}}"}'}
            }
        },
    )
    template.resource_count_is("AWS::Lambda::Function", 1)


# ---- SES list management -----------------------------------------------------------------------


def _contact_list(stack: cdk.Stack):
    from pinpoint_constructs import ContactList, SubscriptionStatus, Topic

    return ContactList(
        stack,
        "Contacts",
        contact_list_name="contacts",
        topics=[
            Topic(
                topic_name="offers",
                display_name="Offers",
                default_subscription_status=SubscriptionStatus.OPT_OUT,
            )
        ],
    )


def test_contact_list_makes_every_email_use_list_management(stack):
    _channel(stack, contact_list=_contact_list(stack), contact_list_topic="offers")
    variables = _function(stack)["Properties"]["Environment"]["Variables"]
    assert variables["CONTACT_LIST_NAME"] == "contacts"
    assert variables["CONTACT_LIST_TOPIC"] == "offers"
    resources = json.dumps(_statement(stack, "ses:SendEmail")["Resource"])
    assert "contact-list/contacts" in resources


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"contact_list_topic": "offers"}, "contact_list_topic needs contact_list"),
        ({"with_list": True, "contact_list_topic": "news"}, r"topic_name must be a topic of"),
        ({"with_list": True, "kinds": ("offer",)}, "contact_list needs an email template"),
    ],
)
def test_list_management_bad_input(stack, overrides, message):
    overrides = dict(overrides)
    if overrides.pop("with_list", False):
        overrides["contact_list"] = _contact_list(stack)
    kinds = overrides.pop("kinds", ("welcome", "offer"))
    if kinds == ("offer",):
        overrides.update(
            email_identity=None,
            from_address=None,
            configuration_set=None,
            list_unsubscribe_url=None,
        )
    with pytest.raises(ValueError, match=message):
        _channel(stack, kinds=kinds, **overrides)
