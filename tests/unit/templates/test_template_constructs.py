"""Message template constructs: properties, default substitutions, the synth-time Handlebars
checks (syntax errors, unsupported helpers, missing defaults), the ses:no-track rewrite, service
limits, and every validation rule with its message."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import aws_cdk as cdk
import pytest
from aws_cdk.assertions import Annotations, Match, Template
from support import lint_findings, synth_clean

from pinpoint_constructs import (
    TEMPLATE_MISSING_DEFAULT_WARNING,
    AndroidPushMessage,
    ApnsPushMessage,
    EmailTemplate,
    InAppButtonOverride,
    InAppMessage,
    InAppTemplate,
    PushMessage,
    PushTemplate,
    SmsTemplate,
    TemplateType,
    TextAlignment,
)
from pinpoint_constructs import InAppLayout as CampaignInAppLayout
from pinpoint_constructs.pinpoint.templates import (
    EMAIL_TEMPLATE_MAX_LENGTH,
    SMS_BODY_MAX_LENGTH,
    InAppButton,
    InAppButtonAction,
    InAppLayout,
    PushAction,
    add_ses_no_track,
)

#: The HTML part of the README's preview example.
WELCOME_HTML = Path(__file__).resolve().parents[3] / "examples" / "preview" / "welcome.html"
FIRST_NAME = "User.UserAttributes.FirstName"


def _only(stack: cdk.Stack, resource_type: str) -> dict[str, Any]:
    (resource,) = Template.from_stack(stack).find_resources(resource_type).values()
    return resource["Properties"]  # type: ignore[no-any-return]


def _email(stack: cdk.Stack, **props: Any) -> EmailTemplate:
    props.setdefault("template_name", "welcome")
    props.setdefault("subject", "Welcome")
    if "html" not in props and "html_file" not in props:
        props.setdefault("text", "Hello")
    return EmailTemplate(stack, "Welcome", **props)


def _warnings(stack: cdk.Stack) -> list[str]:
    found = Annotations.from_stack(stack).find_warning("*", Match.any_value())
    return [str(message.entry.data) for message in found]


# ---- email -----------------------------------------------------------------------------


def test_email_template_properties(stack):
    template = EmailTemplate(
        stack,
        "Welcome",
        template_name="welcome",
        subject="Welcome, {{User.UserAttributes.FirstName}}",
        html="<p>Hi {{User.UserAttributes.FirstName}}</p>",
        text="Hi {{User.UserAttributes.FirstName}}",
        default_substitutions={FIRST_NAME: "there"},
        description="Sent after sign-up",
        tags={"team": "growth"},
    )
    assert _only(stack, "AWS::Pinpoint::EmailTemplate") == {
        "TemplateName": "welcome",
        "Subject": "Welcome, {{User.UserAttributes.FirstName}}",
        "HtmlPart": "<p>Hi {{User.UserAttributes.FirstName}}</p>",
        "TextPart": "Hi {{User.UserAttributes.FirstName}}",
        "DefaultSubstitutions": '{"User.UserAttributes.FirstName": "there"}',
        "TemplateDescription": "Sent after sign-up",
        "Tags": {"team": "growth"},
    }
    assert template.template_name == "welcome"
    assert template.template_type is TemplateType.EMAIL
    resource = template.node.find_child("Resource")
    assert stack.resolve(template.template_arn) == {
        "Fn::GetAtt": [stack.get_logical_id(resource), "Arn"]  # type: ignore[arg-type]
    }
    assert _warnings(stack) == []


def test_nested_and_dotted_default_substitutions_render_the_same_sorted_json(stack):
    _email(
        stack,
        text="{{User.UserAttributes.FirstName}} {{Attributes.Plan}} {{Location.City}}",
        default_substitutions={
            "User": {"UserAttributes": {"FirstName": "there"}},
            "Location.City": "your city",
            "Attributes": {"Plan": "free"},
        },
    )
    rendered = _only(stack, "AWS::Pinpoint::EmailTemplate")["DefaultSubstitutions"]
    assert rendered == (
        '{"Attributes.Plan": "free", "Location.City": "your city", '
        '"User.UserAttributes.FirstName": "there"}'
    )
    assert json.loads(rendered) == {
        "Attributes.Plan": "free",
        "Location.City": "your city",
        FIRST_NAME: "there",
    }


def test_no_default_substitutions_leaves_the_property_out(stack):
    _email(stack)
    assert "DefaultSubstitutions" not in _only(stack, "AWS::Pinpoint::EmailTemplate")


def test_a_template_name_is_generated_that_follows_the_naming_rule(stack):
    template = EmailTemplate(stack, "Welcome", subject="Hi", text="Hello")
    assert re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_-]{0,127}", template.template_name)
    assert _only(stack, "AWS::Pinpoint::EmailTemplate")["TemplateName"] == template.template_name


def test_html_from_a_file(stack):
    template = _email(stack, html_file=WELCOME_HTML)
    html = (WELCOME_HTML).read_text(encoding="utf-8")
    assert template.html_part == html
    assert _only(stack, "AWS::Pinpoint::EmailTemplate")["HtmlPart"] == html


def test_import_by_name_gives_the_template_arn(stack):
    imported = SmsTemplate.from_template_name(stack, "Imported", "reminder")
    assert imported.template_type is TemplateType.SMS
    assert imported.template_name == "reminder"
    assert stack.resolve(imported.template_arn) == (
        "arn:aws:mobiletargeting:us-east-1:123456789012:templates/reminder/SMS"
    )


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("-welcome", "template_name must be 1 to 128 characters: letters, digits"),
        ("welcome email", "template_name must be 1 to 128 characters: letters, digits"),
        ("welcome.v2", "template_name must be 1 to 128 characters: letters, digits"),
        ("a" * 129, "template_name must be 1 to 128 characters long, got 129 characters"),
    ],
)
def test_template_name_follows_the_service_rule(stack, name, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        _email(stack, template_name=name)


def test_a_128_character_name_with_hyphens_and_underscores_is_accepted(stack):
    name = "Welcome_2-" + "x" * 118
    assert _email(stack, template_name=name).template_name == name


def test_html_and_html_file_are_exclusive(stack):
    with pytest.raises(ValueError, match="give html or html_file, not both"):
        _email(stack, html="<p>x</p>", html_file=WELCOME_HTML)


def test_a_missing_html_file_is_reported(stack, tmp_path):
    missing = tmp_path / "nope.html"
    with pytest.raises(ValueError, match=re.escape(f"html_file '{missing}' does not exist")):
        _email(stack, html_file=missing)


def test_an_email_needs_a_body(stack):
    with pytest.raises(ValueError, match="EmailTemplate 'welcome' needs a body"):
        EmailTemplate(stack, "Welcome", template_name="welcome", subject="Hi")


def test_an_email_needs_a_subject(stack):
    with pytest.raises(ValueError, match="subject must not be empty"):
        _email(stack, subject=" ")


def test_email_template_size_limit(stack):
    text = "x" * (EMAIL_TEMPLATE_MAX_LENGTH - len("Welcome") + 1)
    with pytest.raises(
        ValueError,
        match=r"EmailTemplate 'welcome' has 500001 characters .* at most 500000",
    ):
        _email(stack, text=text)


# ---- synth-time Handlebars checks -------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "source", "message"),
    [
        (
            "html",
            "<p>Hi</p>\n{{#if User.UserAttributes.FirstName}}\n"
            "<p>{{User.UserAttributes.FirstName}}",
            "EmailTemplate 'welcome' html line 3, column 36: Parse error on line 3: Expecting "
            "'OPEN_INVERSE_CHAIN', 'INVERSE', 'OPEN_ENDBLOCK', got 'EOF' (a block opened with "
            "{{#...}} is not closed)",
        ),
        (
            "text",
            "Your items:\n  {{#each Attributes.Items}}{{this}}{{/if}}",
            "EmailTemplate 'welcome' text line 2, column 5: each doesn't match if - 2:5",
        ),
        (
            "subject",
            "Hi {{upper (lower User.UserAttributes.FirstName}}",
            "EmailTemplate 'welcome' subject line 1, column 47: Parse error on line 1: Expecting "
            "'OPEN_SEXPR', 'CLOSE_SEXPR', 'ID', 'STRING', 'NUMBER', 'BOOLEAN', 'UNDEFINED', "
            "'NULL', 'DATA', got 'CLOSE'",
        ),
        (
            "text",
            "Hi {{User.UserAttributes.FirstName}",
            "EmailTemplate 'welcome' text line 1, column 34: Parse error on line 1: Expecting "
            "'CLOSE_RAW_BLOCK', 'CLOSE', 'CLOSE_UNESCAPED', 'OPEN_SEXPR', 'CLOSE_SEXPR', 'ID', "
            "'OPEN_BLOCK_PARAMS', 'STRING', 'NUMBER', 'BOOLEAN', 'UNDEFINED', 'NULL', 'DATA', "
            "'SEP', got 'INVALID'",
        ),
        (
            "html",
            "<p>{{/if}}</p>",
            "EmailTemplate 'welcome' html line 1, column 3: Parse error on line 1: Expecting "
            "'EOF', got 'OPEN_ENDBLOCK'",
        ),
    ],
    ids=["unclosed-block", "mismatched-close", "bad-subexpression", "unclosed-mustache", "stray"],
)
def test_a_syntax_error_fails_synth_with_template_field_line_and_column(
    stack, field, source, message
):
    props: dict[str, Any] = {"subject": "Welcome", "text": "Hello"}
    props[field] = source
    with pytest.raises(ValueError) as excinfo:
        EmailTemplate(stack, "Welcome", template_name="welcome", **props)
    assert str(excinfo.value) == message


def test_a_syntax_error_after_an_emoji_gives_a_utf8_encodable_value_error(stack):
    with pytest.raises(ValueError) as excinfo:
        _email(stack, html="Hi 😀 {{#each😀}}{{/if}}")
    message = str(excinfo.value)
    assert message == (
        "EmailTemplate 'welcome' html line 1, column 9: each😀 doesn't match if - 1:9"
    )
    assert message.encode("utf-8")


def test_too_deep_nesting_fails_synth_with_a_value_error(stack):
    html = "{{#if a}}" * 3000 + "x" + "{{/if}}" * 3000
    with pytest.raises(ValueError) as excinfo:
        _email(stack, html=html)
    assert str(excinfo.value) == (
        "EmailTemplate 'welcome' html: blocks or subexpressions are nested too deeply to parse"
    )


def test_a_syntax_error_in_an_html_file_names_the_file(stack, tmp_path):
    path = tmp_path / "broken.html"
    path.write_text("<p>\n{{#each Attributes.Items}}\n", encoding="utf-8")
    with pytest.raises(ValueError, match=re.escape(f"EmailTemplate 'welcome' html (from {path})")):
        _email(stack, html_file=path)


def test_an_unsupported_helper_fails_synth_naming_it_and_the_field(stack):
    with pytest.raises(ValueError) as excinfo:
        _email(stack, html="<p>{{uper User.UserAttributes.FirstName}} {{formatDate now}}</p>")
    assert str(excinfo.value) == (
        "EmailTemplate 'welcome' html uses a helper that Amazon Pinpoint does not support: "
        "'uper' at line 1, column 5 (did you mean 'upper'?); 'formatDate' at line 1, column 44. "
        "Supported helpers: SUPPORTED_HELPERS in pinpoint_constructs.pinpoint.templates"
    )


def test_an_unsupported_helper_in_a_subexpression_is_found(stack):
    with pytest.raises(ValueError, match="'fancy' at line 1, column 12"):
        _email(stack, text="{{#if (and (fancy x) y)}}a{{/if}}")


def test_supported_helpers_and_inline_partials_pass(stack):
    _email(
        stack,
        text=(
            '{{#*inline "sig"}}-- {{upper Attributes.Team}}{{/inline}}'
            '{{#if (eq Attributes.Plan "pro")}}{{dateFormat (now) format="yyyy"}}{{/if}}'
            "{{> sig}} {{uuid}}"
        ),
        default_substitutions={"Attributes": {"Team": "us", "Plan": "free"}},
    )
    assert _warnings(stack) == []


def test_a_partial_that_is_not_defined_inline_fails_synth(stack):
    with pytest.raises(
        ValueError,
        match=re.escape("EmailTemplate 'welcome' text line 1, column 6: the partial 'footer'"),
    ):
        _email(stack, text="Hello {{> footer}}")


def test_a_variable_without_a_default_gets_a_warning_naming_it(stack):
    _email(
        stack,
        subject="Welcome, {{User.UserAttributes.FirstName}}",
        text="Your plan: {{Attributes.Plan}}",
        default_substitutions={"Attributes.Plan": "free"},
    )
    Annotations.from_stack(stack).has_warning(
        "/TestStack/Welcome",
        Match.string_like_regexp(
            r"^EmailTemplate 'welcome' subject \(line 1, column 11\) uses the variable "
            r"User\.UserAttributes\.FirstName, which has no default substitution: .*"
            r"\[ack: pinpoint-constructs:templateMissingDefault\]$"
        ),
    )
    assert len(_warnings(stack)) == 1


def test_each_missing_variable_gets_its_own_warning(stack):
    _email(stack, text="{{User.UserAttributes.FirstName}} {{Attributes.Plan}} {{Location.City}}")
    warnings = _warnings(stack)
    assert len(warnings) == 3
    for variable in (FIRST_NAME, "Attributes.Plan", "Location.City"):
        assert any(f"uses the variable {variable}," in warning for warning in warnings)


def test_an_object_read_by_with_counts_as_having_defaults_below_it(stack):
    _email(
        stack,
        text="{{#with User.UserAttributes}}{{FirstName}}{{/with}}",
        default_substitutions={FIRST_NAME: "there"},
    )
    assert _warnings(stack) == []


def test_a_variable_inside_its_own_if_needs_no_default(stack):
    # Without a value the block doesn't render: a default could never show there; the
    # condition itself only chooses the section.
    _email(
        stack, text="{{#if User.UserAttributes.Nickname}}{{User.UserAttributes.Nickname}}{{/if}}"
    )
    assert _warnings(stack) == []


def test_a_variable_inside_another_variables_if_still_warns(stack):
    _email(stack, text="{{#if Attributes.A}}{{Attributes.B}}{{/if}}")
    warnings = _warnings(stack)
    assert len(warnings) == 1
    assert "uses the variable Attributes.B," in warnings[0]


def test_a_variable_in_the_else_of_its_own_if_still_warns(stack):
    # There the variable is missing (or falsy): recipients without it get an empty value.
    _email(stack, text="{{#if Attributes.A}}yes{{else}}[{{Attributes.A}}]{{/if}}")
    warnings = _warnings(stack)
    assert len(warnings) == 1
    assert "text (line 1, column 34) uses the variable Attributes.A," in warnings[0]


def test_unless_guards_its_else_section(stack):
    _email(stack, text="{{#unless Attributes.A}}none{{else}}{{Attributes.A}}{{/unless}}")
    assert _warnings(stack) == []


def test_unless_does_not_guard_its_body(stack):
    _email(stack, text="{{#unless Attributes.B}}[{{Attributes.B}}]{{/unless}}")
    warnings = _warnings(stack)
    assert len(warnings) == 1
    assert "uses the variable Attributes.B," in warnings[0]


def test_a_guard_covers_the_list_items_but_not_the_properties_below(stack):
    _email(
        stack,
        text="{{#if Attributes.A}}{{Attributes.A.[0]}} {{Attributes.A.Name}}{{/if}}",
    )
    warnings = _warnings(stack)
    assert len(warnings) == 1
    assert "uses the variable Attributes.A.Name," in warnings[0]


def test_a_later_unguarded_use_still_warns(stack):
    _email(stack, text="{{#if Attributes.A}}{{Attributes.A}}{{/if}} and {{Attributes.A}}")
    warnings = _warnings(stack)
    assert len(warnings) == 1
    assert "text (line 1, column 50) uses the variable Attributes.A," in warnings[0]


def test_the_missing_default_warning_can_be_acknowledged(stack):
    template = _email(stack, text="Hi {{User.UserAttributes.FirstName}}")
    cdk.Annotations.of(template).acknowledge_warning(
        TEMPLATE_MISSING_DEFAULT_WARNING, "the first name is always set"
    )
    assert _warnings(stack) == []


def test_validation_can_be_turned_off(stack):
    _email(stack, text="{{#if x}} {{fancy y}}", validate_handlebars=False)
    assert _only(stack, "AWS::Pinpoint::EmailTemplate")["TextPart"] == "{{#if x}} {{fancy y}}"
    assert _warnings(stack) == []


# ---- default substitutions: validation ---------------------------------------------------


@pytest.mark.parametrize(
    ("substitutions", "error", "message"),
    [
        ({FIRST_NAME: 3}, TypeError, "default_substitutions values must be strings"),
        ({"User": "x", "User.Name": "y"}, ValueError, "gives 'User' a value and also values"),
        (
            {"User.Name": "a", "User": {"Name": "b"}},
            ValueError,
            "default_substitutions gives 'User.Name' twice",
        ),
        ({"User..Name": "a"}, ValueError, "invalid variable name 'User..Name'"),
        ({"User": {}}, ValueError, "empty object for 'User'"),
        (["User"], TypeError, "default_substitutions must be a dict"),
    ],
)
def test_default_substitutions_rules(stack, substitutions, error, message):
    with pytest.raises(error, match=re.escape(message)):
        _email(stack, default_substitutions=substitutions)


# ---- click tracking --------------------------------------------------------------------


def test_disable_link_tracking_adds_ses_no_track_to_every_anchor(stack):
    html = (WELCOME_HTML).read_text(encoding="utf-8")
    template = _email(stack, html=html, disable_link_tracking=True)
    deployed = _only(stack, "AWS::Pinpoint::EmailTemplate")["HtmlPart"]
    assert deployed == template.html_part
    assert deployed.count("<a ses:no-track href=") == html.count("<a href=") == 2
    assert deployed.replace(" ses:no-track", "") == html


def test_link_tracking_is_left_alone_by_default(stack):
    html = '<a href="https://example.com">x</a>'
    _email(stack, html=html)
    assert _only(stack, "AWS::Pinpoint::EmailTemplate")["HtmlPart"] == html


def test_the_no_track_rewrite_keeps_everything_else_byte_for_byte():
    html = (
        "<!DOCTYPE html>\r\n<html><body>\r\n"
        '<A\n  HREF="https://example.com/a"\n  class="btn">A</A>\r\n'
        "<a ses:no-track href='https://example.com/b'>B</a>\r\n"
        "<a href=https://example.com/c>C</a><a/><abbr title='x'>abbr</abbr>\r\n"
        '<!-- <a href="commented"> --><script>var s = "<a href=1>";</script>\r\n'
        '{{!-- <a href="{{x}}"> --}}{{replace Attributes.X "<a" "b"}}\r\n'
        '<a href="{{Attributes.Url}}" {{#if x}}class="on"{{/if}}>D</a>\r\n'
        "<p>caf\u00e9 &amp; <b>bold</b></p></body></html>\r\n"
    )
    rewritten = add_ses_no_track(html)
    assert rewritten.replace(" ses:no-track", "") == html.replace(" ses:no-track", "")
    assert rewritten.count("ses:no-track") == 5  # A, B (kept, not doubled), C, <a/>, D
    assert "<A ses:no-track\n  HREF=" in rewritten
    assert "<a ses:no-track/>" in rewritten
    assert "<a ses:no-track href='https://example.com/b'>" in rewritten
    assert '<a ses:no-track href="{{Attributes.Url}}" {{#if x}}' in rewritten
    assert '<!-- <a href="commented"> -->' in rewritten
    assert 'var s = "<a href=1>";' in rewritten
    assert '{{replace Attributes.X "<a" "b"}}' in rewritten
    assert add_ses_no_track(rewritten) == rewritten


def test_the_no_track_rewrite_leaves_the_text_of_title_and_textarea_alone():
    # Browsers read <title> and <textarea> content as text: "<a>" there is no anchor.
    html = "<title>Use <a> tags</title><textarea><a href=x></textarea><a href=y>Y</a>"
    assert add_ses_no_track(html) == (
        "<title>Use <a> tags</title><textarea><a href=x></textarea><a ses:no-track href=y>Y</a>"
    )


def test_html_without_anchors_is_returned_unchanged():
    html = "<p>No links {{here}}</p>"
    assert add_ses_no_track(html) is html


# ---- SMS ---------------------------------------------------------------------------------


def test_sms_template_properties(stack):
    template = SmsTemplate(
        stack,
        "Reminder",
        template_name="reminder",
        body="Hi {{User.UserAttributes.FirstName}}",
        default_substitutions={FIRST_NAME: "there"},
    )
    assert _only(stack, "AWS::Pinpoint::SmsTemplate") == {
        "TemplateName": "reminder",
        "Body": "Hi {{User.UserAttributes.FirstName}}",
        "DefaultSubstitutions": '{"User.UserAttributes.FirstName": "there"}',
    }
    assert template.template_type is TemplateType.SMS


def test_sms_body_limit(stack):
    SmsTemplate(stack, "Longest", template_name="longest", body="x" * SMS_BODY_MAX_LENGTH)
    with pytest.raises(
        ValueError,
        match=r"^SmsTemplate 'too-long' body has 1601 characters; an SMS template can have at "
        r"most 1600$",
    ):
        SmsTemplate(stack, "TooLong", template_name="too-long", body="x" * 1601)


def test_sms_body_syntax_error_names_the_body(stack):
    with pytest.raises(
        ValueError,
        match=r"^SmsTemplate 'reminder' body line 1, column 12: .* \(a block opened with ",
    ):
        SmsTemplate(stack, "Reminder", template_name="reminder", body="Hi {{#if x}}")


# ---- push --------------------------------------------------------------------------------


def test_push_template_sections(stack):
    template = PushTemplate(
        stack,
        "Offer",
        template_name="offer",
        default=PushMessage(
            title="Hi {{User.UserAttributes.FirstName}}",
            body="20% off",
            action=PushAction.URL,
            url="https://example.com/offer",
        ),
        apns=ApnsPushMessage(body="20% off", sound="default", media_url="https://e.com/a.png"),
        fcm=AndroidPushMessage(
            body="20% off",
            action=PushAction.DEEP_LINK,
            url="myapp://offer",
            image_url="https://e.com/b.png",
            image_icon_url="https://e.com/i.png",
            small_image_icon_url="https://e.com/s.png",
        ),
        baidu=PushMessage(body="20% off"),
        adm=AndroidPushMessage(title="Offer", sound="ping"),
        default_substitutions={FIRST_NAME: "there"},
    )
    assert _only(stack, "AWS::Pinpoint::PushTemplate") == {
        "TemplateName": "offer",
        "Default": {
            "Title": "Hi {{User.UserAttributes.FirstName}}",
            "Body": "20% off",
            "Action": "URL",
            "Url": "https://example.com/offer",
        },
        "APNS": {"Body": "20% off", "Sound": "default", "MediaUrl": "https://e.com/a.png"},
        "GCM": {
            "Body": "20% off",
            "Action": "DEEP_LINK",
            "Url": "myapp://offer",
            "ImageUrl": "https://e.com/b.png",
            "ImageIconUrl": "https://e.com/i.png",
            "SmallImageIconUrl": "https://e.com/s.png",
        },
        "Baidu": {"Body": "20% off"},
        "ADM": {"Title": "Offer", "Sound": "ping"},
        "DefaultSubstitutions": '{"User.UserAttributes.FirstName": "there"}',
    }
    assert template.template_type is TemplateType.PUSH
    assert set(template.sections) == {"default", "apns", "fcm", "baidu", "adm"}


@pytest.mark.parametrize(
    ("props", "error", "message"),
    [
        ({"action": PushAction.URL}, ValueError, "action PushAction.URL needs a url"),
        ({"action": PushAction.DEEP_LINK}, ValueError, "action PushAction.DEEP_LINK needs a url"),
        ({"url": "https://e.com"}, ValueError, "url is used only with action PushAction.URL"),
        ({"action": "URL", "url": "https://e.com"}, TypeError, "action must be a PushAction"),
        ({"body": None}, ValueError, "PushMessage needs a title, a body or both"),
        ({"sound": ""}, ValueError, "sound must not be empty"),
    ],
)
def test_push_message_rules(props, error, message):
    with pytest.raises(error, match=re.escape(message)):
        PushMessage(**{"body": "Hello", **props})


def test_push_template_needs_a_section(stack):
    with pytest.raises(ValueError, match="a PushTemplate needs at least one section"):
        PushTemplate(stack, "Offer")


def test_push_sections_take_their_own_kind_of_message(stack):
    with pytest.raises(TypeError, match="apns must be a PushMessage or ApnsPushMessage"):
        PushTemplate(stack, "Offer", apns=AndroidPushMessage(body="x"))
    with pytest.raises(TypeError, match="default must be a PushMessage, got ApnsPushMessage"):
        PushTemplate(stack, "Offer2", default=ApnsPushMessage(body="x"))


def test_push_section_limits(stack):
    PushTemplate(stack, "Fits", template_name="fits", fcm=PushMessage(body="x" * 4000))
    with pytest.raises(
        ValueError,
        match=r"PushTemplate 'big' default section has 2001 characters; the service allows at "
        r"most 2000",
    ):
        PushTemplate(stack, "Big", template_name="big", default=PushMessage(body="x" * 2001))
    with pytest.raises(ValueError, match=r"PushTemplate 'bigger' fcm section has 4001"):
        PushTemplate(stack, "Bigger", template_name="bigger", fcm=PushMessage(body="x" * 4001))


def test_push_checks_name_the_section_and_part(stack):
    with pytest.raises(ValueError, match=r"^PushTemplate 'offer' apns\.body line 1, column 0: "):
        PushTemplate(
            stack,
            "Offer",
            template_name="offer",
            default=PushMessage(body="ok"),
            apns=PushMessage(body="{{/each}}"),
        )
    with pytest.raises(ValueError, match=r"PushTemplate 'offer2' default\.title uses a helper .*"):
        PushTemplate(
            stack, "Offer2", template_name="offer2", default=PushMessage(title="{{shout x}}")
        )


# ---- in-app ------------------------------------------------------------------------------


def _message(**props: Any) -> InAppMessage:
    return InAppMessage(**{"header": "Sale", "body": "20% off", **props})


def test_in_app_template_properties(stack):
    template = InAppTemplate(
        stack,
        "Promo",
        template_name="promo",
        layout=InAppLayout.MIDDLE_BANNER,
        messages=[
            _message(
                background_color="#0B2545",
                header_text_color="#FFFFFF",
                body_text_color="#EEEEEE",
                header_alignment=TextAlignment.CENTER,
                image_url="https://example.com/sale.png",
                primary_button=InAppButton(
                    text="Shop",
                    action=InAppButtonAction.DEEP_LINK,
                    link="myapp://sale",
                    background_color="#FFFFFF",
                    text_color="#0B2545",
                    border_radius=4,
                    web=InAppButtonOverride(
                        action=InAppButtonAction.LINK, link="https://example.com/sale"
                    ),
                    android=InAppButtonOverride(action=InAppButtonAction.CLOSE),
                ),
                secondary_button=InAppButton(text="Later", action=InAppButtonAction.CLOSE),
            )
        ],
        custom_config={"campaign": "spring"},
    )
    assert _only(stack, "AWS::Pinpoint::InAppTemplate") == {
        "TemplateName": "promo",
        "Layout": "MIDDLE_BANNER",
        "Content": [
            {
                "BackgroundColor": "#0B2545",
                "HeaderConfig": {"Header": "Sale", "TextColor": "#FFFFFF", "Alignment": "CENTER"},
                "BodyConfig": {"Body": "20% off", "TextColor": "#EEEEEE", "Alignment": "LEFT"},
                "ImageUrl": "https://example.com/sale.png",
                "PrimaryBtn": {
                    "DefaultConfig": {
                        "Text": "Shop",
                        "ButtonAction": "DEEP_LINK",
                        "Link": "myapp://sale",
                        "BackgroundColor": "#FFFFFF",
                        "TextColor": "#0B2545",
                        "BorderRadius": 4,
                    },
                    "Web": {"ButtonAction": "LINK", "Link": "https://example.com/sale"},
                    "Android": {"ButtonAction": "CLOSE"},
                },
                "SecondaryBtn": {"DefaultConfig": {"Text": "Later", "ButtonAction": "CLOSE"}},
            }
        ],
        "CustomConfig": {"campaign": "spring"},
    }
    assert template.template_type is TemplateType.INAPP


def test_in_app_accepts_the_campaign_modules_enums_by_value(stack):
    template = InAppTemplate(
        stack, "Promo", layout=CampaignInAppLayout.TOP_BANNER, messages=[_message()]
    )
    assert template.layout is InAppLayout.TOP_BANNER


def test_a_carousel_takes_up_to_five_messages(stack):
    InAppTemplate(stack, "Five", layout=InAppLayout.CAROUSEL, messages=[_message()] * 5)
    with pytest.raises(
        ValueError, match=re.escape("layout InAppLayout.CAROUSEL takes 1 to 5 messages, got 6")
    ):
        InAppTemplate(stack, "Six", layout=InAppLayout.CAROUSEL, messages=[_message()] * 6)


def test_other_layouts_take_one_message(stack):
    with pytest.raises(
        ValueError,
        match=re.escape(
            "layout InAppLayout.BOTTOM_BANNER takes exactly one message, got 2; use "
            "InAppLayout.CAROUSEL for up to five"
        ),
    ):
        InAppTemplate(stack, "Two", layout=InAppLayout.BOTTOM_BANNER, messages=[_message()] * 2)
    with pytest.raises(ValueError, match="takes exactly one message, got 0"):
        InAppTemplate(stack, "None", layout=InAppLayout.OVERLAYS, messages=[])


@pytest.mark.parametrize(
    ("props", "error", "message"),
    [
        ({"action": InAppButtonAction.LINK}, ValueError, "action InAppButtonAction.LINK needs"),
        (
            {"action": InAppButtonAction.CLOSE, "link": "https://e.com"},
            ValueError,
            "button.link is not used by InAppButtonAction.CLOSE",
        ),
        ({"action": "CLOSE"}, TypeError, "button.action must be an InAppButtonAction"),
        (
            {"action": InAppButtonAction.CLOSE, "border_radius": -1},
            ValueError,
            "button.border_radius must be at least 0, got -1",
        ),
        (
            {"action": InAppButtonAction.CLOSE, "border_radius": 2.5},
            TypeError,
            "button.border_radius must be an int",
        ),
        ({"action": InAppButtonAction.CLOSE, "text": ""}, ValueError, "button.text must not be"),
    ],
)
def test_in_app_button_rules(props, error, message):
    with pytest.raises(error, match=re.escape(message)):
        InAppButton(**{"text": "Go", **props})


def test_in_app_message_and_template_rules(stack):
    with pytest.raises(ValueError, match="header must not be empty"):
        _message(header="")
    with pytest.raises(TypeError, match="header_alignment must be a TextAlignment"):
        _message(header_alignment="LEFT")
    with pytest.raises(TypeError, match="layout must be an InAppLayout"):
        InAppTemplate(stack, "A", layout="CAROUSEL", messages=[_message()])  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="custom_config must map strings to strings"):
        InAppTemplate(
            stack,
            "B",
            layout=InAppLayout.OVERLAYS,
            messages=[_message()],
            custom_config={"retries": 3},  # type: ignore[dict-item]
        )


# ---- gates -------------------------------------------------------------------------------


def test_one_template_of_each_kind_synthesizes_clean_under_cdk_nag_and_cfn_lint(
    nag_stack, tmp_path
):
    EmailTemplate(
        nag_stack,
        "Welcome",
        template_name="welcome",
        subject="Welcome, {{User.UserAttributes.FirstName}}",
        html_file=WELCOME_HTML,
        text="Hi {{User.UserAttributes.FirstName}}",
        default_substitutions={
            FIRST_NAME: "there",
            "User.UserAttributes.Interests": "",
            "Attributes.Plan": "free",
            "Location.City": "your city",
        },
        disable_link_tracking=True,
    )
    SmsTemplate(
        nag_stack,
        "Reminder",
        template_name="reminder",
        body="Hi {{User.UserAttributes.FirstName}}",
        default_substitutions={FIRST_NAME: "there"},
    )
    PushTemplate(
        nag_stack,
        "Offer",
        template_name="offer",
        default=PushMessage(
            title="Offer", body="20% off", action=PushAction.URL, url="https://e.com"
        ),
        apns=ApnsPushMessage(body="20% off", media_url="https://e.com/a.png"),
    )
    InAppTemplate(
        nag_stack,
        "Promo",
        template_name="promo",
        layout=InAppLayout.CAROUSEL,
        messages=[_message(primary_button=InAppButton(text="OK", action=InAppButtonAction.CLOSE))]
        * 2,
    )
    template = synth_clean(nag_stack)
    types = sorted(resource["Type"] for resource in template["Resources"].values())
    assert types == [
        "AWS::Pinpoint::EmailTemplate",
        "AWS::Pinpoint::InAppTemplate",
        "AWS::Pinpoint::PushTemplate",
        "AWS::Pinpoint::SmsTemplate",
    ]
    assert lint_findings(template, tmp_path) == []
    assert _warnings(nag_stack) == []
