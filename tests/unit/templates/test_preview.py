"""The preview command, end to end (``python -m pinpoint_constructs.cli.preview`` in a subprocess):
it writes the rendered template, and fails with one clear line on bad input."""

from __future__ import annotations

import html
import json
import subprocess
import sys
from pathlib import Path

import aws_cdk as cdk
import pytest

from pinpoint_constructs import (
    EmailTemplate,
    InAppMessage,
    InAppTemplate,
    SmsTemplate,
    VoiceTemplate,
)
from pinpoint_constructs.cli.preview import main
from pinpoint_constructs.pinpoint.templates import InAppLayout

REPO_ROOT = Path(__file__).resolve().parents[3]
FIXTURES = REPO_ROOT / "tests" / "fixtures" / "templates"
#: The README's preview example: a template file, its HTML and a sample endpoint.
EXAMPLE = REPO_ROOT / "examples" / "preview"
ENDPOINT = EXAMPLE / "endpoint.json"
PROG = "python -m pinpoint_constructs.cli.preview"


def _run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pinpoint_constructs.cli.preview", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        check=False,
        timeout=120,
    )


def _error_line(result: subprocess.CompletedProcess[str]) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"{PROG}: error: ")
    return lines[0].removeprefix(f"{PROG}: error: ")


# ---- end to end ----------------------------------------------------------------------------


def test_email_preview_writes_an_html_page(tmp_path):
    out = tmp_path / "welcome.html"
    result = _run(
        EXAMPLE / "welcome_email.json",
        "--endpoint",
        ENDPOINT,
        "--out",
        out,
        "--now",
        "2026-05-01T09:00:00Z",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr.strip() == f"{PROG}: wrote {out}"
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "<title>Preview: Welcome, ann</title>" in page
    assert "<dt>To</dt><dd>ann@example.com</dd>" in page
    assert "<pre>Hi ann, welcome to the pro plan.</pre>" in page
    srcdoc = page.split('srcdoc="', 1)[1].split('"></iframe>', 1)[0]
    email = html.unescape(srcdoc)
    assert "<h1>Welcome, Ann!</h1>" in email  # capitalize helper, endpoint value
    assert "<li>hiking</li>" in email and "<li>jazz</li>" in email
    assert 'href="https://example.com/start?city=Berlin"' in email
    assert "Sent 2026-05-01." in email  # the now helper, with --now


def test_defaults_fill_in_what_the_endpoint_lacks_and_gaps_are_warned_about():
    result = _run(
        FIXTURES / "reminder_sms.json",
        "--endpoint",
        FIXTURES / "endpoint_without_attributes.json",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "Hi there, your appointment is on . Reply STOP to opt out.\n"
    assert result.stderr.strip() == (
        f"{PROG}: warning: SmsTemplate 'appointment-reminder' body (line 1, column 63) uses "
        "Attributes.AppointmentDate, which neither the endpoint nor the default substitutions "
        "give; it renders empty"
    )


def test_push_preview_is_text(tmp_path):
    out = tmp_path / "offer.txt"
    result = _run(FIXTURES / "offer_push.json", "--endpoint", ENDPOINT, "--out", out)
    assert result.returncode == 0, result.stderr
    assert out.read_text(encoding="utf-8") == (
        "[default]\n"
        "Title: ann, 20% off\n"
        "Body: This weekend only, in Berlin.\n"
        "Action: URL\n"
        "URL: https://example.com/offer\n"
        "\n"
        "[apns]\n"
        "Title: 20% off this weekend\n"
        "Body: Tap to see the offer, ANN.\n"
        "Sound: default\n"
        "Media URL: https://example.com/offer.png\n"
    )


def test_a_template_defined_in_a_stack(tmp_path):
    app = cdk.App(outdir=str(tmp_path / "cdk.out"))
    stack = cdk.Stack(app, "Engagement")
    EmailTemplate(
        stack,
        "Welcome",
        template_name="welcome",
        subject="Welcome, {{User.UserAttributes.FirstName}}",
        html='<p>Hi {{User.UserAttributes.FirstName}}, <a href="https://e.com">start</a></p>',
        default_substitutions={"User": {"UserAttributes": {"FirstName": "there"}}},
        disable_link_tracking=True,
    )
    SmsTemplate(stack, "Reminder", template_name="reminder", body="Hi {{Attributes.Name}}")
    app.synth()
    stack_template = tmp_path / "cdk.out" / "Engagement.template.json"
    endpoint = tmp_path / "endpoint.json"
    endpoint.write_text(json.dumps({"Address": "bo@example.com"}), encoding="utf-8")
    out = tmp_path / "welcome.html"

    result = _run(
        stack_template, "--template-name", "welcome", "--endpoint", endpoint, "--out", out
    )
    assert result.returncode == 0, result.stderr
    page = out.read_text(encoding="utf-8")
    assert "<dt>Subject</dt><dd>Welcome, there</dd>" in page
    assert html.escape('<p>Hi there, <a ses:no-track href="https://e.com">start</a></p>') in page

    ambiguous = _run(stack_template, "--endpoint", endpoint)
    assert ambiguous.returncode == 2
    assert _error_line(ambiguous) == (
        f"template file '{stack_template}' has 2 message templates (reminder, welcome); choose "
        "one with --template-name"
    )


# ---- errors --------------------------------------------------------------------------------


def test_a_missing_template_file_is_a_usage_error(tmp_path):
    missing = tmp_path / "nope.json"
    result = _run(missing, "--endpoint", ENDPOINT)
    assert result.returncode == 2
    assert _error_line(result) == f"template file '{missing}' does not exist"


def test_bad_json_is_reported_with_its_position():
    result = _run(FIXTURES / "not_json.json", "--endpoint", ENDPOINT)
    assert result.returncode == 2
    assert _error_line(result) == (
        f"template file '{FIXTURES / 'not_json.json'}' is not valid JSON: Expecting property "
        "name enclosed in double quotes (line 2, column 1)"
    )


def test_a_template_syntax_error_fails_with_field_line_and_column(tmp_path):
    out = tmp_path / "out.html"
    result = _run(FIXTURES / "unclosed_block_email.json", "--endpoint", ENDPOINT, "--out", out)
    assert result.returncode == 1
    assert _error_line(result) == (
        "EmailTemplate 'broken' html line 4, column 0: Parse error on line 4: Expecting "
        "'OPEN_INVERSE_CHAIN', 'INVERSE', 'OPEN_ENDBLOCK', got 'EOF' (a block opened with "
        "{{#...}} is not closed)"
    )
    assert not out.exists()


# The rest run in-process (main() is what the module runs), to keep the suite fast.


def _main(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    capsys.readouterr()  # only what main() prints is judged
    status = main([str(arg) for arg in args])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def _write(tmp_path: Path, name: str, data: object) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_a_missing_endpoint_file(capsys, tmp_path):
    missing = tmp_path / "endpoint.json"
    status, _, err = _main(capsys, FIXTURES / "reminder_sms.json", "--endpoint", missing)
    assert status == 2
    assert err == f"{PROG}: error: endpoint file '{missing}' does not exist\n"


def test_an_endpoint_that_is_not_an_object(capsys, tmp_path):
    endpoint = _write(tmp_path, "endpoint.json", ["not", "an", "endpoint"])
    status, _, err = _main(capsys, FIXTURES / "reminder_sms.json", "--endpoint", endpoint)
    assert status == 2
    assert err == f"{PROG}: error: endpoint file '{endpoint}' must be a JSON object, got list\n"


def test_a_get_endpoint_response_is_accepted(capsys, tmp_path):
    endpoint = _write(
        tmp_path,
        "endpoint.json",
        {"EndpointResponse": {"User": {"UserAttributes": {"FirstName": ["Cy"]}}}},
    )
    status, out, _ = _main(capsys, FIXTURES / "reminder_sms.json", "--endpoint", endpoint)
    assert status == 0
    assert out.startswith("Hi Cy, your appointment")


def test_a_default_of_a_custom_attribute_renders_like_the_endpoints_list_value(capsys, tmp_path):
    # Endpoint attributes are lists (["Ana"]); a default must render the same way, whether
    # the template writes {{X}}, {{X.[0]}} (as the Pinpoint guide does) or {{#each X}}.
    template = _write(
        tmp_path,
        "t.json",
        {
            "type": "SMS",
            "body": "{{User.UserAttributes.FirstName}}/{{capitalize "
            "User.UserAttributes.FirstName.[0]}}/{{#each Attributes.Interests}}[{{this}}]{{/each}}"
            "/{{Location.City}}",
            "defaultSubstitutions": {
                "User.UserAttributes.FirstName": "there",
                "Attributes.Interests": "our products",
                "Location.City": "your city",
            },
        },
    )
    without = _write(tmp_path, "without.json", {"Address": "+14255550100"})
    status, out, err = _main(capsys, template, "--endpoint", without)
    assert (status, out, err) == (0, "there/There/[our products]/your city\n", "")
    endpoint = _write(
        tmp_path,
        "endpoint.json",
        {
            "User": {"UserAttributes": {"FirstName": ["ana"]}},
            "Attributes": {"Interests": ["hiking", "jazz"]},
            "Location": {"City": "Berlin"},
        },
    )
    status, out, err = _main(capsys, template, "--endpoint", endpoint)
    assert (status, out, err) == (0, "ana/Ana/[hiking][jazz]/Berlin\n", "")


def test_an_empty_attribute_falls_back_to_the_default_or_is_warned_about(capsys, tmp_path):
    template = _write(
        tmp_path,
        "t.json",
        {
            "type": "SMS",
            "body": "Hi {{User.UserAttributes.FirstName}}, {{Attributes.Plan}}",
            "defaultSubstitutions": {"User.UserAttributes.FirstName": "there"},
        },
    )
    endpoint = _write(
        tmp_path,
        "endpoint.json",
        {"User": {"UserAttributes": {"FirstName": []}}, "Attributes": {"Plan": []}},
    )
    status, out, err = _main(capsys, template, "--endpoint", endpoint)
    assert (status, out) == (0, "Hi there, \n")
    assert err == (
        f"{PROG}: warning: SmsTemplate 't' body (line 1, column 40) uses Attributes.Plan, which "
        "neither the endpoint nor the default substitutions give; it renders empty\n"
    )


def test_a_partial_that_includes_itself_is_a_one_line_template_error(capsys, tmp_path):
    body = '{{#*inline "p"}}x{{> p}}{{/inline}}{{> p}}'
    template = _write(tmp_path, "t.json", {"type": "SMS", "body": body})
    status, out, err = _main(capsys, template, "--endpoint", ENDPOINT)
    assert (status, out) == (1, "")
    assert err == (
        f"{PROG}: error: SmsTemplate 't' body: rendering recursed too deeply (a partial that "
        "includes itself?)\n"
    )


def test_an_unsupported_helper(capsys, tmp_path):
    template = _write(tmp_path, "t.json", {"type": "SMS", "body": "Hi {{shout name}}"})
    status, _, err = _main(capsys, template, "--endpoint", ENDPOINT)
    assert status == 1
    assert err == (
        f"{PROG}: error: SmsTemplate 't' body uses a helper that Amazon Pinpoint does not "
        "support: 'shout' at line 1, column 5. Supported helpers: SUPPORTED_HELPERS in "
        "pinpoint_constructs.pinpoint.templates\n"
    )


def test_a_rendering_failure(capsys, tmp_path):
    template = _write(tmp_path, "t.json", {"type": "SMS", "body": "{{add Attributes.Plan 1}}"})
    status, _, err = _main(capsys, template, "--endpoint", ENDPOINT)
    assert status == 1
    assert err == f"{PROG}: error: SmsTemplate 't' body: add expects a number, got 'pro'\n"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"body": "x"}, 'needs "type": "EMAIL", "SMS", "PUSH" or "VOICE", got None'),
        ({"type": "VOICE", "body": "x"}, "voiceId must be a string, got NoneType: None"),
        ({"type": "VOICE", "body": "x", "voiceId": "Amy", "pitch": "1"}, "unknown key(s) pitch"),
        ({"type": "INAPP"}, "in-app templates have no variables; there is nothing to render"),
        ({"type": "SMS", "body": "x", "subject": "y"}, "has unknown key(s) subject"),
        ({"type": "SMS", "body": 3}, "body must be a string, got int: 3"),
        ({"type": "EMAIL", "subject": "s"}, "needs html, htmlFile or text"),
        ({"type": "EMAIL", "subject": "s", "htmlFile": "nope.html"}, "htmlFile"),
        ({"type": "PUSH"}, "needs at least one of default, apns, fcm, baidu, adm"),
        (
            {"type": "SMS", "body": "x", "defaultSubstitutions": {"A": 1}},
            "defaultSubstitutions values must be strings",
        ),
    ],
)
def test_template_file_errors(capsys, tmp_path, data, message):
    template = _write(tmp_path, "t.json", data)
    status, _, err = _main(capsys, template, "--endpoint", ENDPOINT)
    assert status == 2
    assert err.startswith(f"{PROG}: error: ")
    assert message in err
    assert err.count("\n") == 1


def test_stack_templates_that_cannot_be_previewed(capsys, tmp_path):
    app = cdk.App(outdir=str(tmp_path / "cdk.out"))
    stack = cdk.Stack(app, "S")
    # Nothing may be printed by synth: jsii relays Node's output asynchronously, so a warning
    # could land in the preview's captured stderr below.
    cdk.Validations.of(stack).acknowledge(
        cdk.Acknowledgment(id="CloudFormation-Validate::W3696", reason="test: no deployment")
    )
    InAppTemplate(
        stack,
        "Promo",
        template_name="promo",
        layout=InAppLayout.OVERLAYS,
        messages=[InAppMessage(header="h", body="b")],
    )
    SmsTemplate(stack, "Deploy", template_name="deploy", body=f"Stack {stack.stack_id}")
    app.synth()
    capsys.readouterr()
    path = tmp_path / "cdk.out" / "S.template.json"
    status, _, err = _main(capsys, path, "--template-name", "promo", "--endpoint", ENDPOINT)
    assert (status, err) == (
        2,
        f"{PROG}: error: promo: in-app templates have no variables; there is nothing to render\n",
    )
    status, _, err = _main(capsys, path, "--template-name", "deploy", "--endpoint", ENDPOINT)
    assert status == 2
    assert "property Body is not a literal string (it is resolved at deploy time" in err
    status, _, err = _main(capsys, path, "--template-name", "other", "--endpoint", ENDPOINT)
    assert status == 2
    assert "has no message template named 'other'; it has: deploy, promo" in err


def test_bad_usage_exits_2(capsys):
    with pytest.raises(SystemExit) as excinfo:
        main([str(FIXTURES / "reminder_sms.json")])
    assert excinfo.value.code == 2
    assert "the following arguments are required: --endpoint" in capsys.readouterr().err


# ---- voice templates -----------------------------------------------------------------------


def test_voice_preview_is_the_voice_and_the_script(capsys, tmp_path):
    template = _write(
        tmp_path,
        "call.json",
        {
            "type": "VOICE",
            "name": "reminder-call",
            "body": "Hello {{capitalize User.UserAttributes.FirstName}}, you have "
            "{{Attributes.Plan}}.",
            "voiceId": "Joanna",
        },
    )
    status, out, err = _main(capsys, template, "--endpoint", ENDPOINT)
    assert (status, err) == (0, "")
    assert out == "Voice: Joanna (en-US)\n\nHello Ann, you have pro.\n"


def test_voice_preview_checks_the_voice_as_the_construct_does(capsys, tmp_path):
    template = _write(
        tmp_path,
        "call.json",
        {"type": "VOICE", "body": "Hallo", "voiceId": "Joanna", "languageCode": "de-DE"},
    )
    status, _, err = _main(capsys, template, "--endpoint", ENDPOINT)
    assert status == 1
    assert err == (
        f"{PROG}: error: template file '{template}': voice_id 'Joanna' speaks en-US, not "
        "language_code 'de-DE'\n"
    )


def test_a_voice_template_defined_in_a_stack(capsys, tmp_path):
    app = cdk.App(outdir=str(tmp_path / "cdk.out"))
    stack = cdk.Stack(app, "S")
    VoiceTemplate(
        stack,
        "Call",
        template_name="offer-call",
        body="Hello {{User.UserAttributes.FirstName}}, {{RecommendationItems.[0]}} is 20% off.",
        voice_id="Hans",
        default_substitutions={"User.UserAttributes.FirstName": "there"},
    )
    app.synth()
    endpoint = _write(tmp_path, "endpoint.json", {"RecommendationItems": ["Kaffee"]})
    path = tmp_path / "cdk.out" / "S.template.json"
    status, out, err = _main(capsys, path, "--endpoint", endpoint)
    assert (status, err) == (0, "")
    assert out == "Voice: Hans (de-DE)\n\nHello there, Kaffee is 20% off.\n"
