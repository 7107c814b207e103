"""The migration tool (issue 28 items 1 and 2): each fixture set becomes one successor program,
which is linted with ruff (outside the repository and with its settings), synthesized and
checked with cfn-lint; the report lists every exported resource with its successor or reason.

Fixture sets: the README's example export (``examples/codegen/export``), the importer's
real-export fixtures (``tests/fixtures/codegen``) and exports in the shapes AWS documents for
the Pinpoint API (``tests/fixtures/migrate/aws-api``, see its README for the pages)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import aws_cdk as cdk
import pytest
from aws_cdk.assertions import Match, Template
from cdk_nag import AwsSolutionsChecks
from codegen_roundtrip import ENV, REPO_ROOT, load_module, ruff
from support import lint_findings

from pinpoint_constructs.codegen import CodegenError
from pinpoint_constructs.migrate import Status, migrate
from stacks import cdk_json_context

EXAMPLE = REPO_ROOT / "examples" / "codegen" / "export"
REAL = REPO_ROOT / "tests" / "fixtures" / "codegen"
AWS = REPO_ROOT / "tests" / "fixtures" / "migrate" / "aws-api"
SETS = {"example": EXAMPLE, "real": REAL, "aws": AWS}


def _files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.json"))


@pytest.fixture(scope="module")
def programs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Each fixture set migrated, written and synthesized once (with cdk-nag)."""
    out: dict[str, Any] = {}
    for name, folder in SETS.items():
        tmp = tmp_path_factory.mktemp(name)
        result = migrate([folder])
        module, path = load_module(result.source, tmp)
        # cdk-nag's AwsSolutionsChecks as a validation plugin: a finding fails the synth
        app = cdk.App(context=cdk_json_context(), outdir=str(tmp / "cdk.out"))
        cdk.Validations.of(app).add_plugins(AwsSolutionsChecks(app))
        stack = module.MigratedProgramStack(app, "Migrated", env=ENV)
        template = app.synth().get_stack_by_name(stack.stack_name).template
        out[name] = (result, path, template, tmp)
    return out


@pytest.mark.parametrize("name", list(SETS))
def test_the_program_passes_ruff_and_cfn_lint(programs, name):
    _result, path, template, tmp = programs[name]
    ruff(path)
    assert lint_findings(template, tmp) == []


@pytest.mark.parametrize("name", list(SETS))
def test_the_report_lists_every_exported_resource(programs, name):
    result, *_ = programs[name]
    files = {Path(item.file).name for item in result.report.items}
    assert files == {f.name for f in _files(SETS[name])}
    markdown, page = result.report.markdown(), result.report.html()
    for item in result.report.items:
        assert "### " + item.name.replace("<", "&lt;") in markdown
        assert item.sources, item
        assert (
            item.sources[0] == "https://docs.aws.amazon.com/pinpoint/latest/userguide/migrate.html"
        )
        for variable in (item.variable or "").split(", "):
            assert not variable or f"{variable} = " in result.source, variable
        if item.status is not Status.MIGRATED:
            assert item.changes, f"{item.name}: a change of status without a reason"
    counts = result.report.counts()
    assert sum(counts.values()) == len(_files(SETS[name]))
    assert f"**{len(result.report.items)}**" in markdown
    # self-contained: no script, no stylesheet, font or image from anywhere
    assert "<script" not in page
    assert not re.search(r"""(src|rel)=["']""", page)
    assert page.count("<section") == len(result.report.items)


def test_the_example_program_on_the_successors(programs):
    _, _, template, _ = programs["example"]
    t = Template.from_json(template)
    t.has_resource_properties(
        "AWS::CustomerProfiles::SegmentDefinition", {"DisplayName": "Berlin email"}
    )
    t.has_resource_properties(
        "AWS::ConnectCampaignsV2::Campaign",
        {
            "Name": "Berlin welcome",
            "Source": {"CustomerProfilesSegmentArn": Match.any_value()},
            "Schedule": Match.object_like({"RefreshFrequency": "P7D"}),
        },
    )
    t.has_resource_properties("AWS::Wisdom::MessageTemplate", Match.any_value())
    t.has_resource_properties("AWS::SES::ConfigurationSet", Match.any_value())
    t.has_resource_properties("AWS::SES::ContactList", Match.any_value())
    t.has_resource_properties("AWS::SMSVOICE::ConfigurationSet", Match.any_value())
    # push stays on the End User Messaging Push application, with the secret placeholder
    t.has_resource_properties("AWS::Pinpoint::App", {"Name": "ExampleCorp"})
    t.has_resource_properties(
        "AWS::Pinpoint::APNSChannel",
        {"Certificate": Match.string_like_regexp("resolve:secretsmanager:pinpoint/ExampleCorp")},
    )
    for gone in ("Segment", "Campaign", "EmailTemplate", "EmailChannel", "ApplicationSettings"):
        t.resource_count_is(f"AWS::Pinpoint::{gone}", 0)


def test_the_example_settings_become_open_hours_and_limits(programs):
    result, _, template, _ = programs["example"]
    campaign = next(
        r["Properties"]
        for r in template["Resources"].values()
        if r["Type"] == "AWS::ConnectCampaignsV2::Campaign"
    )
    limits = campaign["CommunicationLimitsOverride"]["AllChannelsSubtypes"]
    assert limits["CommunicationLimitList"] == [
        {"Frequency": 1, "MaxCountPerRecipient": 1, "Unit": "DAY"}
    ]
    hours = json.dumps(campaign["CommunicationTimeConfig"]["Email"]["OpenHours"])
    assert '"T07:00"' in hours and '"T22:00"' in hours
    item = next(i for i in result.report.items if i.kind == "Campaign")
    assert any("quiet time" in c and "open hours" in c for c in item.changes)


def test_the_aws_shapes_program(programs):
    _result, path, template, _ = programs["aws"]
    source = path.read_text()
    t = Template.from_json(template)
    # recency needs a calculated attribute; metrics and attributes are profile attributes
    t.resource_count_is("AWS::CustomerProfiles::CalculatedAttributeDefinition", 2)
    assert "CalculatedAttributes(" in source
    assert '"purchases": AttributeDimension.greater_than(2.0)' in source
    assert "AddressDimension(" in source
    # the event campaign starts from an event trigger on the app's events
    t.has_resource_properties("AWS::CustomerProfiles::EventTrigger", Match.any_value())
    assert "CampaignSource.event_trigger(cart_reminder_trigger)" in source
    # the inline email message became a template; the SMS template was converted
    assert "{{Attributes.Customer.Attributes.FirstName}}" in json.dumps(template)
    t.resource_count_is("AWS::ConnectCampaignsV2::Campaign", 3)
    # the journey is a Connect journey: a JOURNEY campaign with its flow
    assert "ConnectJourney.from_pinpoint(" in source
    t.has_resource_properties("AWS::ConnectCampaignsV2::Campaign", {"Type": "JOURNEY"})
    # the push template is a Q in Connect push template (a custom resource)
    assert "PushMessageTemplate.from_pinpoint(" in source
    # event stream: configuration-set destinations into the archive
    assert "event_archive.add_sms_voice_configuration_set(" in source
    assert "event_archive.add_ses_configuration_set(email_configuration_set)" in source
    # the email channel: its SES identity imported by name, the sender of the email campaign
    assert '"EmailIdentity", "retail.example.com"' in _flat(source)
    t.has_resource_properties(
        "AWS::Connect::EmailAddress",
        {"EmailAddress": "news@retail.example.com", "DisplayName": "Retail News"},
    )


def _item(result, name):
    return next(i for i in result.report.items if i.name == name)


def test_the_aws_shapes_report_names_what_has_no_equivalent(programs):
    result, *_ = programs["aws"]
    in_app = _item(result, "welcome-banner")
    assert in_app.status is Status.NO_EQUIVALENT
    assert "In-app messaging is not available" in in_app.changes[0]
    voice = _item(result, "otp-call")
    assert voice.status is Status.NO_EQUIVALENT and "voice" in voice.changes[0]
    push = _item(result, "App update push")
    assert push.status is Status.NO_EQUIVALENT
    assert any("APNSMessage" in c for c in push.changes)
    imported = _item(result, "VIP import")
    assert imported.status is Status.MANUAL and "imported segment" in imported.changes[0]
    journey = _item(result, "Onboarding")
    assert journey.status is Status.CHANGED
    assert any("split1 (ConditionalSplit)" in c for c in journey.changes)
    segment = _item(result, "Active customers")
    assert segment.status is Status.CHANGED
    changes = " ".join(segment.changes)
    for expected in (
        "GPS-radius segments have no equivalent",
        "Demographic.Platform (device demographics",
        "Demographic.AppVersion",
        "calculated attribute events_7d",
        "Metric purchases is a custom profile attribute",
    ):
        assert expected in changes
    weekly = _item(result, "Weekly digest")
    changes = " ".join(weekly.changes)
    for expected in (
        "journey percentage split",
        "quiet time 22:00-07:00 becomes open hours",
        "Limits.Total has no equivalent",
        "'UTC-05' is an offset",
        "segment refresh every 7 days",
    ):
        assert expected in changes
    settings = _item(result, "settings")
    assert any("Quiet time becomes open hours" in c for c in settings.changes)


def test_the_report_of_a_template_lists_the_conversion_notes(programs):
    result, *_ = programs["example"]
    template = next(i for i in result.report.items if i.kind == "Email template")
    assert template.status is Status.CHANGED
    assert any("Attributes.Customer.Attributes.X" in c for c in template.changes)
    assert template.variable == "welcome_email"


def test_the_command_line_writes_the_committed_example(tmp_path):
    """examples/migrate/ holds what the tool writes from the README's example export."""
    out, html, md = tmp_path / "program.py", tmp_path / "m.html", tmp_path / "m.md"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pinpoint_constructs.migrate",
            "examples/codegen/export",
            "-o",
            str(out),
            "--report",
            str(html),
            "--report-md",
            str(md),
        ],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "8 resources: 1 migrated, 7 migrated with changes" in result.stderr
    example = REPO_ROOT / "examples" / "migrate"
    assert out.read_text() == (example / "program.py").read_text()
    assert md.read_text() == (example / "migration.md").read_text()
    assert html.read_text().startswith("<!DOCTYPE html>")


def test_the_command_line_refuses_a_missing_folder(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "pinpoint_constructs.migrate", str(tmp_path / "nope")],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "no such file or folder" in result.stderr


def test_one_project_a_run(tmp_path):
    folder = tmp_path / "export"
    shutil.copytree(AWS, folder)
    other = json.loads((folder / "sms-channel.json").read_text())
    other["SMSChannelResponse"]["ApplicationId"] = "0" * 32
    (folder / "other.json").write_text(json.dumps(other))
    with pytest.raises(CodegenError, match="more than one project"):
        migrate([folder])


def test_a_class_name_must_be_an_identifier():
    with pytest.raises(CodegenError, match="class_name must be a Python identifier, got 'a b'"):
        migrate([EXAMPLE], class_name="a b")


# ---- the smaller mappings, checked on the generated source (no synth) ---------------------

APP_ID = "6e0b7591a90841d2b5d93fa11143e5a7"


def _one(tmp_path: Path, key: str, body: dict[str, Any]):
    folder = tmp_path / "export"
    folder.mkdir(exist_ok=True)
    (folder / "one.json").write_text(json.dumps({key: {"ApplicationId": APP_ID, **body}}))
    return migrate([folder])


def _campaign(**schedule: Any) -> dict[str, Any]:
    return {
        "Id": "c1",
        "Name": "Daily",
        "SegmentId": "missing",
        "MessageConfiguration": {"SMSMessage": {"Body": "Hello"}},
        "Schedule": {"StartTime": "2027-01-04T08:00:00Z", **schedule},
    }


def _flat(source: str) -> str:
    """``source`` on one line, as the formatter would write it flat."""
    text = re.sub(r"\s+", " ", source)
    text = re.sub(r",\s*([)\]}])", r"\1", text)
    return re.sub(r"([(\[{]) ", r"\1", text).replace(" )", ")")


def test_quiet_time_within_a_day_leaves_two_open_ranges(tmp_path):
    from datetime import time

    from pinpoint_constructs import DayOfWeek, OpenHours, TimeRange

    result = _one(
        tmp_path, "CampaignResponse", _campaign(QuietTime={"Start": "01:00", "End": "05:30"})
    )
    expression = (
        "OpenHours(dict.fromkeys(DayOfWeek, [TimeRange(time(0), time(1)), "
        "TimeRange(time(5, 30), time(23, 59))]))"
    )
    assert expression in _flat(result.source)
    names = {"OpenHours": OpenHours, "DayOfWeek": DayOfWeek, "TimeRange": TimeRange, "time": time}
    hours = eval(expression, names)  # the generated expression builds a valid value
    assert len(hours.to_cfn().daily_hours) == 7


def test_an_overnight_quiet_time_is_one_open_range(tmp_path):
    result = _one(
        tmp_path, "CampaignResponse", _campaign(QuietTime={"Start": "22:00", "End": "07:00"})
    )
    assert "OpenHours.every_day(time(7), time(22))" in _flat(result.source)


def test_a_campaign_without_a_segment_in_the_export_is_reported(tmp_path):
    result = _one(tmp_path, "CampaignResponse", _campaign())
    (item,) = result.report.items
    assert any("segment 'missing' is not in the export" in c for c in item.changes)
    assert "sms_message_templ" not in result.source  # named after the campaign, not generic
    assert "SmsMessageTemplate.from_pinpoint(" in result.source


def test_an_iana_time_zone_is_kept_and_an_offset_reported(tmp_path):
    kept = _one(tmp_path, "CampaignResponse", _campaign(Timezone="Europe/Berlin"))
    assert 'default_time_zone="Europe/Berlin"' in kept.source
    offset = _one(tmp_path, "CampaignResponse", _campaign(Timezone="UTC+05:30"))
    assert "default_time_zone" not in offset.source  # no quiet time: nothing to write
    assert any("'UTC+05:30' is an offset" in c for c in offset.report.items[0].changes)


def test_an_attribute_name_profiles_refuse_is_not_migrated(tmp_path):
    result = _one(
        tmp_path,
        "SegmentResponse",
        {
            "Id": "s1",
            "Name": "Dotted",
            "SegmentType": "DIMENSIONAL",
            "Dimensions": {"Attributes": {"a.b": {"AttributeType": "INCLUSIVE", "Values": ["x"]}}},
        },
    )
    (item,) = result.report.items
    assert (
        "Not migrated: Attributes.a.b: not a valid Customer Profiles attribute name."
        in item.changes
    )
    assert '"a.b"' not in result.source


def test_a_segment_without_filters_becomes_the_active_endpoints(tmp_path):
    result = _one(
        tmp_path, "SegmentResponse", {"Id": "s1", "Name": "All", "SegmentType": "DIMENSIONAL"}
    )
    assert '"EmailEndpointStatus": AttributeDimension.inclusive("ACTIVE")' in _flat(result.source)
    assert result.report.items[0].status is Status.CHANGED


def test_the_markdown_report_escapes_what_would_break_it(tmp_path):
    result = _one(
        tmp_path,
        "SegmentResponse",
        {
            "Id": "s1",
            "Name": "a|b <i>",
            "SegmentType": "IMPORT",
            "ImportDefinition": {"Format": "CSV"},
        },
    )
    markdown, page = result.report.markdown(), result.report.html()
    assert "### a\\|b &lt;i>" in markdown
    assert "<h3>a|b &lt;i&gt;</h3>" in page
