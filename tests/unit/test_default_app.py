"""The default app deploys what runs today: no Pinpoint engagement resource unless asked for,
context keys checked, errors in one line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from stacks._common import CONTEXT_KEYS, ContextError, check_context_keys, is_user_key

REPO_ROOT = Path(__file__).resolve().parents[2]

#: The Pinpoint resource types whose features AWS ended on 2026-10-30 (AWS's migration page,
#: "Amazon Pinpoint end of support"; the Terraform maintainers' notes in
#: hashicorp/terraform-provider-aws #48068). The application and its push channels continue.
ENGAGEMENT_TYPES = {
    "AWS::Pinpoint::Segment",
    "AWS::Pinpoint::Campaign",
    "AWS::Pinpoint::EmailTemplate",
    "AWS::Pinpoint::SmsTemplate",
    "AWS::Pinpoint::PushTemplate",
    "AWS::Pinpoint::InAppTemplate",
    "AWS::Pinpoint::EventStream",
    "AWS::Pinpoint::ApplicationSettings",
    "AWS::Pinpoint::EmailChannel",
}


def _types(app) -> dict[str, set[str]]:
    return {
        stack.stack_name: {r["Type"] for r in app.template(stack)["Resources"].values()}
        for stack in app.stacks
    }


def test_default_synth_holds_no_pinpoint_engagement_resource(default_app):
    types = _types(default_app)
    assert "PinpointEngagement" not in types
    found = {name: kinds & ENGAGEMENT_TYPES for name, kinds in types.items()}
    assert all(not kinds for kinds in found.values()), found
    # nor the library's custom resources for journeys and voice templates (Pinpoint APIs)
    custom = {t for kinds in types.values() for t in kinds if t.startswith("Custom::Pinpoint")}
    assert custom == set()


def test_default_synth_keeps_the_push_application_and_its_channels(default_app):
    pinpoint = {t for kinds in _types(default_app).values() for t in kinds if "Pinpoint" in t}
    assert pinpoint == {
        "AWS::Pinpoint::App",
        "AWS::Pinpoint::APNSChannel",
        "AWS::Pinpoint::GCMChannel",
    }


def test_legacy_flag_adds_the_pinpoint_engagement_program(full_app):
    types = _types(full_app)
    assert types["PinpointEngagement"] >= ENGAGEMENT_TYPES
    foundation = types["MessagingFoundation"]
    assert not foundation & ENGAGEMENT_TYPES


def test_a_misspelled_context_key_is_refused_listing_the_known_keys():
    with pytest.raises(ContextError) as raised:
        check_context_keys({"appNmae": "x", "@aws-cdk/core:checkSecretUsage": True})
    message = str(raised.value)
    assert "unknown context key 'appNmae'" in message
    assert all(key in message for key in CONTEXT_KEYS)


def test_feature_flags_and_cli_settings_are_not_user_keys():
    assert not is_user_key("@aws-cdk/aws-iam:minimizePolicies")
    assert not is_user_key("aws:cdk:enable-path-metadata")
    assert not is_user_key("availability-zones:account=1:region=us-east-1")
    assert is_user_key("appName")
    check_context_keys({"aws:cdk:version-reporting": False, "appName": "x"})


def _run_app(context: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "CDK_CONTEXT_JSON": json.dumps(context),
        "CDK_OUTDIR": str(tmp_path / "cdk.out"),
    }
    return subprocess.run(
        [sys.executable, "app.py"],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.slow
def test_the_app_prints_a_bad_context_key_or_value_in_one_line(tmp_path):
    misspelled = _run_app({"appNmae": "demo"}, tmp_path)
    assert misspelled.returncode == 1
    lines = [line for line in misspelled.stderr.splitlines() if line.strip()]
    assert lines == [
        "error: unknown context key 'appNmae'; the default app reads: "
        + ", ".join(sorted(CONTEXT_KEYS))
    ]

    bad_value = _run_app({"smsSenderId": "TOOLONGSENDERID"}, tmp_path)
    assert bad_value.returncode == 1
    lines = [line for line in bad_value.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in bad_value.stderr
    assert lines[0].startswith("error: -c smsSenderId=TOOLONGSENDERID: ")

    bad_flag = _run_app({"legacyPinpoint": "yes"}, tmp_path)
    assert bad_flag.returncode == 1
    assert bad_flag.stderr.strip() == "error: -c legacyPinpoint: expected true or false, got 'yes'"
