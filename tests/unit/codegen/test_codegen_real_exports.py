"""Defects found on real exports (issue 28): each test reads a response in the shape the
service returns it (``tests/fixtures/codegen/``), generates the module and synthesizes it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import aws_cdk as cdk
import pytest
from aws_cdk.assertions import Annotations, Match, Template
from codegen_roundtrip import ENV, REPO_ROOT, load_module, ruff

from pinpoint_constructs import JOURNEY_DRAFT_UNFINISHED_WARNING
from pinpoint_constructs.codegen import CodegenError, generate

FIXTURES = REPO_ROOT / "tests" / "fixtures" / "codegen"
APP_ID = "6e0b7591a90841d2b5d93fa11143e5a7"
SEGMENT_ID = "8f2c4f3c0d1e4c5e9a7b6d5c4b3a2f10"


def _export(tmp_path: Path, *names: str, extra: dict[str, tuple[str, dict]] | None = None) -> Path:
    folder = tmp_path / "export"
    folder.mkdir(exist_ok=True)
    for name in names:
        shutil.copy(FIXTURES / name, folder / name)
    for file, (key, body) in (extra or {}).items():
        (folder / file).write_text(json.dumps({key: body}))
    return folder


def _stack(source: str, tmp_path: Path, env: cdk.Environment | None = ENV) -> cdk.Stack:
    module, _ = load_module(source, tmp_path)
    return module.ImportedPinpointStack(cdk.App(), "Imported", env=env)


def _synth(source: str, tmp_path: Path, env: cdk.Environment | None = ENV) -> Template:
    return Template.from_stack(_stack(source, tmp_path, env))


# ---- service defaults --------------------------------------------------------------------


def test_an_immediate_campaign_with_the_service_defaults(tmp_path):
    """GetCampaign returns IsLocalTime false, IsPaused false, HoldoutPercent 0 and zero
    limits on a campaign that set none of them; the immediate schedule keeps its time zone."""
    source = generate([_export(tmp_path, "campaign-immediate.json")])
    assert 'schedule=Schedule.immediate(timezone="UTC")' in source
    for default in ("local_time", "paused", "holdout_percent", "limits="):
        assert default not in source
    _synth(source, tmp_path).has_resource_properties(
        "AWS::Pinpoint::Campaign",
        {
            "Schedule": {"Frequency": "ONCE", "StartTime": "IMMEDIATE", "TimeZone": "UTC"},
            "HoldoutPercent": Match.absent(),
            "Limits": Match.absent(),
        },
    )


def test_an_event_campaign_with_is_local_time_false(tmp_path):
    source = generate([_export(tmp_path, "campaign-event.json")])
    assert "Schedule.on_event(" in source and "local_time" not in source
    _synth(source, tmp_path).has_resource_properties(
        "AWS::Pinpoint::Campaign",
        {"Schedule": Match.object_like({"Frequency": "EVENT", "IsLocalTime": Match.absent()})},
    )


def test_a_journey_with_sending_schedule_false_and_zero_caps(tmp_path):
    """GetJourney returns SendingSchedule, LocalTime, WaitForQuietTime and
    RefreshOnSegmentUpdate false and caps of 0 ("this limit will not apply")."""
    source = generate([_export(tmp_path, "journey-published.json")])
    for default in ("local_time", "wait_for_quiet_time", "refresh_on_segment_update", "cap="):
        assert default not in source
    assert "JourneyLimits(messages_per_second=50)" in source
    request = _journey_request(_synth(source, tmp_path))
    assert request["Limits"] == {"MessagesPerSecond": 50}
    assert "SendingSchedule" not in request


def _journey_request(template: Template) -> dict[str, Any]:
    (journey,) = template.find_resources("Custom::PinpointJourney").values()
    return json.loads(journey["Properties"]["Journey"])


def test_application_settings_with_journey_limits_of_zeros(tmp_path):
    """GetApplicationSettings returns JourneyLimits of zeros ("this limit will not apply")
    and zero campaign caps for a project that set none: nothing to write for them."""
    source = generate([_export(tmp_path, "application-settings.json")])
    assert "limits=Limits(messages_per_second=50, maximum_duration=Duration.minutes(1))" in source
    assert "daily=" not in source and "total=" not in source
    _synth(source, tmp_path).has_resource_properties(
        "AWS::Pinpoint::ApplicationSettings",
        {"Limits": {"MaximumDuration": 60, "MessagesPerSecond": 50}},
    )


# ---- drafts --------------------------------------------------------------------------------


def test_a_draft_journey_as_the_console_saves_it(tmp_path):
    """``EMAIL: {}``, a terminal ``ContactCenter: {}``, a condition list ``[{}]``, a branch
    without a condition and an Operator over one condition are all accepted; the generated
    journey warns about what is unfinished."""
    source = generate([_export(tmp_path, "journey-draft.json")])
    assert 'SendEmail("Welcome")' in source
    assert 'ContactCenter("Call")' in source
    assert "tier.when(None, call)" in source
    assert "connect_campaign=ConnectCampaign(" in source
    stack = _stack(source, tmp_path)
    request = _journey_request(Template.from_stack(stack))
    assert request["Activities"]["Welcome"] == {"EMAIL": {}}
    assert request["Activities"]["Call"] == {"ContactCenter": {}}
    assert request["Activities"]["Tier"]["MultiCondition"]["Branches"][0] == {
        "NextActivity": "Call"
    }
    assert "Condition" not in request["Activities"]["Opened"]["ConditionalSplit"]
    (warning,) = [
        str(w.entry.data)
        for w in Annotations.from_stack(stack).find_warning("*", Match.any_value())
        if JOURNEY_DRAFT_UNFINISHED_WARNING in str(w.entry.data)
    ]
    for unfinished in (
        "SendEmail('Welcome') has no template yet",
        "ConditionalSplit('Opened') has no condition yet",
        "MultiConditionSplit('Tier') has no condition yet on branch 1 (to ContactCenter('Call'))",
    ):
        assert unfinished in warning


# ---- segments and journeys that didn't synthesize ------------------------------------------


def test_a_segment_whose_dimensions_are_all_empty(tmp_path):
    source = generate([_export(tmp_path, "segment-empty-dimensions.json")])
    assert "SegmentDimensions" not in source and "Segment.all_endpoints(" in source
    _synth(source, tmp_path).has_resource_properties(
        "AWS::Pinpoint::Segment", {"Name": "everyone", "Dimensions": Match.absent()}
    )


def test_a_journey_with_more_activities_than_the_default_quota(tmp_path):
    count = 45
    activities = {
        f"W{i}": {"Wait": {"WaitTime": {"WaitFor": "PT1H"}, "NextActivity": f"W{i + 1}"}}
        for i in range(count - 1)
    }
    activities[f"W{count - 1}"] = {"Wait": {"WaitTime": {"WaitFor": "PT1H"}}}
    journey = {
        "ApplicationId": APP_ID,
        "Id": "j1",
        "Name": "long",
        "StartActivity": "W0",
        "StartCondition": {"SegmentStartCondition": {"SegmentId": SEGMENT_ID}},
        "Activities": activities,
        "State": "ACTIVE",
    }
    source = generate([_export(tmp_path, extra={"j.json": ("JourneyResponse", journey)})])
    assert f"max_activities={count}" in source
    assert len(_journey_request(_synth(source, tmp_path))["Activities"]) == count


# ---- every problem at once -----------------------------------------------------------------


def _bad_files(tmp_path: Path) -> Path:
    template = {"TemplateName": "a", "Subject": "s", "Headers": [{"Name": "X"}], "Foo": 1}
    segment = {
        "ApplicationId": APP_ID,
        "Id": "s1",
        "Name": "s",
        "SegmentType": "DIMENSIONAL",
        "Dimensions": {"Behavior": {"Recency": {"RecencyType": "SOMETIMES", "Duration": "DAY_7"}}},
        "SegmentGroups": {"Include": "MAYBE"},
    }
    folder = _export(
        tmp_path,
        extra={
            "a-template.json": ("EmailTemplateResponse", template),
            "b-segment.json": ("SegmentResponse", segment),
        },
    )
    (folder / "c-broken.json").write_text("{")
    return folder


def test_every_problem_of_every_file_is_reported_in_one_run(tmp_path):
    with pytest.raises(CodegenError) as caught:
        generate([_bad_files(tmp_path)])
    problems = {(Path(p.file).name, p.field) for p in caught.value.problems}
    assert problems == {
        ("c-broken.json", ""),
        ("a-template.json", "EmailTemplateResponse.Headers"),
        ("a-template.json", "EmailTemplateResponse.Foo"),
        ("b-segment.json", "SegmentResponse.Dimensions.Behavior.Recency.RecencyType"),
        ("b-segment.json", "SegmentResponse.SegmentGroups.Include"),
    }
    assert all(p.fix for p in caught.value.problems)
    assert str(caught.value).startswith("5 problems in 3 file(s); nothing was generated:")


def test_the_command_line_lists_every_problem_with_what_to_do(tmp_path):
    result = _cli(str(_bad_files(tmp_path)))
    assert result.returncode == 2  # one file is not JSON
    assert result.stdout == ""
    for text in (
        "c-broken.json: not JSON",
        "a-template.json: EmailTemplateResponse.Headers: is not supported",
        "a-template.json: EmailTemplateResponse.Foo: is not supported",
        "b-segment.json: SegmentResponse.Dimensions.Behavior.Recency.RecencyType: must be "
        "ACTIVE or INACTIVE",
        "b-segment.json: SegmentResponse.SegmentGroups.Include: must be one of",
    ):
        assert text in result.stderr
    assert result.stderr.count("what to do: ") == 5


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pinpoint_constructs.codegen", *args],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


# ---- credentials ---------------------------------------------------------------------------

SECRETS = {
    "apns.json": (
        "APNSChannelResponse",
        {
            "ApplicationId": APP_ID,
            "DefaultAuthenticationMethod": "CERTIFICATE",
            "Certificate": "-----BEGIN CERTIFICATE-----SECRET-CERT",
            "PrivateKey": "-----BEGIN PRIVATE KEY-----SECRET-KEY",
            "TokenKey": "SECRET-TOKEN-KEY",
        },
    ),
    "gcm.json": (
        "GCMChannelResponse",
        {
            "ApplicationId": APP_ID,
            "DefaultAuthenticationMethod": "TOKEN",
            "ServiceJson": '{"private_key": "SECRET-SERVICE-JSON"}',
        },
    ),
    "baidu.json": ("BaiduChannelResponse", {"ApplicationId": APP_ID, "SecretKey": "SECRET-BAIDU"}),
    "adm.json": ("ADMChannelResponse", {"ApplicationId": APP_ID, "ClientSecret": "SECRET-ADM"}),
    # an unsupported field holding a credential, and one holding credentials inside it
    "t.json": (
        "SMSTemplateResponse",
        {
            "TemplateName": "t",
            "Body": "hi",
            "ApiKey": "SECRET-API-KEY",
            "Extra": {"Nested": {"ClientSecret": "SECRET-NESTED"}, "Shown": "visible"},
        },
    ),
}


def test_credentials_are_never_printed(tmp_path):
    result = _cli(str(_export(tmp_path, extra=SECRETS)))
    assert result.returncode == 1
    assert (
        "SMSTemplateResponse.ApiKey: is not supported by pinpoint_constructs.codegen (value "
        "hidden: a credential)"
    ) in result.stderr
    assert '{"Nested": {"ClientSecret": "<hidden: a credential>"}' in result.stderr
    assert "visible" in result.stderr  # what isn't a credential is still shown
    assert "SECRET" not in result.stderr + result.stdout


def test_credentials_in_channel_exports_become_placeholders(tmp_path):
    secrets = {k: v for k, v in SECRETS.items() if k != "t.json"}
    source = generate([_export(tmp_path, extra=secrets)])
    assert "SECRET" not in source
    assert source.count("SecretValue.secrets_manager(") >= 6


# ---- Lambda permissions ------------------------------------------------------------------

HOOK = "arn:aws:lambda:eu-west-1:210987654321:function:segment-filter"


def _hooked(account: str = "210987654321") -> dict[str, tuple[str, dict]]:
    campaign = json.loads((FIXTURES / "campaign-event.json").read_text())["CampaignResponse"]
    campaign["Arn"] = f"arn:aws:mobiletargeting:eu-west-1:{account}:apps/{APP_ID}/campaigns/c1"
    campaign["Hook"] = {"LambdaFunctionName": HOOK, "Mode": "FILTER"}
    journey = json.loads((FIXTURES / "journey-published.json").read_text())["JourneyResponse"]
    journey["Activities"]["d4e5f6"] = {
        "CUSTOM": {"DeliveryUri": "deliver", "EndpointTypes": ["CUSTOM"]}
    }
    return {"c.json": ("CampaignResponse", campaign), "j.json": ("JourneyResponse", journey)}


def test_imported_functions_get_their_invoke_permissions_without_an_env(tmp_path):
    """A stack without account and region used to skip the permissions (a CDK warning only):
    the functions are imported with same_environment=True, and main() pins the ARNs' env."""
    source = generate([_export(tmp_path, extra=_hooked())])
    assert 'env = Environment(account="210987654321", region="eu-west-1")' in source
    template = _synth(source, tmp_path, env=None)
    names = [
        json.dumps(p["Properties"]["FunctionName"])
        for p in template.find_resources("AWS::Lambda::Permission").values()
    ]
    assert len(names) == 2
    assert json.dumps(HOOK) in names  # the campaign hook
    assert any(":function:deliver" in name for name in names)  # the journey's custom send


def test_a_function_in_another_account_than_the_project_fails_loudly(tmp_path):
    with pytest.raises(
        CodegenError,
        match=r"Lambda function ARNs: the project and its functions .* are in different places "
        r"\(account 111111111111 region eu-west-1, account 210987654321 region eu-west-1\)",
    ):
        generate([_export(tmp_path, extra=_hooked(account="111111111111"))])


# ---- ruff, with its defaults and with the repository's settings ------------------------------

TEXTS = {
    "subject": "It\u2019s spring \u2013 20 % off\uff1anow\u00a0!",
    "text": "Gr\xfc\xdfe aus K\xf6ln. \u041f\u0440\u0438\u0432\u0435\u0442. \u6771\u4eac. "
    "Log in at p\u0430ypal.example (a Cyrillic \u0430).",
    "html": "<p>" + "x" * 150 + "</p><p>" + "word " * 40 + "</p>",
}
LONG_NAME = "welcome-email-for-our-most-valued-customers-in-the-spring-season-of-2026-" * 2


def test_generated_modules_pass_ruff_outside_the_repository_and_in_it(tmp_path):
    """Long names (E501), ambiguous characters (RUF001, RUF002, RUF003) and the import
    grouping of a project that installs pinpoint_constructs (I001), with ruff's defaults and
    with the repository's settings; the text still round-trips."""
    template = {
        "TemplateName": LONG_NAME[:128],
        "Subject": TEXTS["subject"],
        "TextPart": TEXTS["text"],
        "HtmlPart": TEXTS["html"],
    }
    segment = {
        "ApplicationId": APP_ID,
        "Id": "s1",
        "Name": "Caf\xe9 \u2013 VIPs \u2019imported\u2019",
        "SegmentType": "IMPORT",
    }
    folder = _export(
        tmp_path,
        extra={
            "pr\xfcfung\u2013vorlage.json": ("EmailTemplateResponse", template),
            "segment.json": ("SegmentResponse", segment),
        },
    )
    source = generate([folder])
    module, path = load_module(source, tmp_path)
    ruff(path)
    assert "\\u2019" in source and "\\u2013" in source and "\\uff1a" in source  # escaped
    assert "\\u0430" in source  # a Cyrillic a, which looks like a Latin one
    assert "Gr\xfc\xdfe" in source and "\u6771\u4eac" in source  # kept readable
    stack = module.ImportedPinpointStack(cdk.App(), "Imported", env=ENV)
    Template.from_stack(stack).has_resource_properties(
        "AWS::Pinpoint::EmailTemplate",
        {
            "TemplateName": LONG_NAME[:128],
            "Subject": TEXTS["subject"],
            "TextPart": TEXTS["text"],
            "HtmlPart": TEXTS["html"],
        },
    )
    assert max(len(line) for line in source.splitlines()) <= 100


def test_advanced_quiet_time_is_written_with_the_request_override(tmp_path):
    """SendingSchedule true with OpenHours and ClosedDays (advanced quiet time), and
    TimezoneEstimationMethods: the Journey construct has no prop for them, so the module
    writes them with add_request_override, checked against botocore's model at synth."""
    journey = json.loads((FIXTURES / "journey-published.json").read_text())["JourneyResponse"]
    journey.update(
        SendingSchedule=True,
        OpenHours={
            "EMAIL": {"MONDAY": [{"StartTime": "09:00", "EndTime": "17:00"}]},
        },
        ClosedDays={
            "EMAIL": [
                {
                    "Name": "holiday",
                    "StartDateTime": "2026-12-24T00:00:00",
                    "EndDateTime": "2026-12-27T00:00:00",
                }
            ]
        },
        TimezoneEstimationMethods=["POSTAL_CODE"],
    )
    source = generate([_export(tmp_path, extra={"j.json": ("JourneyResponse", journey)})])
    assert 'welcome_series_journey.add_request_override("SendingSchedule", True)' in source
    request = _journey_request(_synth(source, tmp_path))
    for key in ("SendingSchedule", "OpenHours", "ClosedDays", "TimezoneEstimationMethods"):
        assert request[key] == journey[key], key


def test_each_part_of_a_campaign_is_checked_when_another_fails(tmp_path):
    campaign = json.loads((FIXTURES / "campaign-event.json").read_text())["CampaignResponse"]
    campaign["Schedule"]["Frequency"] = "FORTNIGHTLY"
    campaign["TemplateConfiguration"] = {"VoiceTemplate": {"Name": "v"}}
    campaign["Color"] = "blue"
    with pytest.raises(CodegenError) as caught:
        generate([_export(tmp_path, extra={"c.json": ("CampaignResponse", campaign)})])
    fields = sorted(p.field for p in caught.value.problems)
    assert fields == [
        "CampaignResponse.Color",
        "CampaignResponse.Schedule.Frequency",
        "CampaignResponse.TemplateConfiguration.VoiceTemplate",
    ]
