"""cdk-nag AwsSolutionsChecks over the whole default app: no unacknowledged finding."""

from __future__ import annotations

import json

import aws_cdk as cdk
import pytest
from aws_cdk import aws_sqs as sqs
from cdk_nag import AwsSolutionsChecks

from stacks import add_default_stacks, cdk_json_context
from stacks._common import END_OF_SUPPORT_REASON, END_OF_SUPPORT_RULE, PUSH_APPLICATION_REASON


def _report(full_app) -> dict:
    return json.loads((full_app.outdir / "validation-report.json").read_text())


def test_full_app_synthesizes_with_no_open_violation(full_app):
    """The session fixture's ``app.synth()`` raises on an unacknowledged finding; the report
    it leaves has no open violation from any plugin."""
    reports = _report(full_app)["pluginReports"]
    assert reports
    assert all(not r["violations"] for r in reports), reports


def test_default_stacks_are_checked_by_cdk_nag(tmp_path):
    """``add_default_stacks`` attaches AwsSolutionsChecks: a finding slipped into a default
    stack fails synth."""
    app = cdk.App(context=cdk_json_context(), outdir=str(tmp_path))
    stacks = add_default_stacks(app)
    sqs.CfnQueue(stacks[0], "UnencryptedQueue")
    with pytest.raises(RuntimeError, match="AwsSolutions-SQS"):
        app.synth()


def test_end_of_support_warning_is_acknowledged_with_its_reason(full_app):
    suppressed = [
        v
        for report in _report(full_app)["pluginReports"]
        for v in report.get("suppressedViolations", [])
        if v["ruleName"] == END_OF_SUPPORT_RULE.split("::")[1]
    ]
    assert suppressed, "W3696 was not reported at all: is the Pinpoint app missing?"
    assert "2026-10-30" in END_OF_SUPPORT_REASON


def test_each_stack_acknowledges_end_of_support_once_with_its_reason(full_app):
    """The foundation holds only the push application and channels, which continue; the
    Pinpoint reference program holds the engagement resources; the successor stacks hold no
    Pinpoint resource and acknowledge nothing."""
    expected = {
        "MessagingFoundation": PUSH_APPLICATION_REASON,
        "PinpointEngagement": END_OF_SUPPORT_REASON,
    }
    for stack in full_app.stacks:
        acknowledged = [
            entry.data
            for entry in stack.node.metadata
            if entry.type == "aws:cdk:acknowledged-rules"
        ]
        reason = expected.get(stack.stack_name)
        want = [{END_OF_SUPPORT_RULE: reason}] if reason else []
        assert acknowledged == want, stack.stack_name


def test_an_unacknowledged_finding_fails_synth(tmp_path):
    """The gate is live: a queue without encryption in transit is a cdk-nag error."""
    app = cdk.App(outdir=str(tmp_path))
    cdk.Validations.of(app).add_plugins(AwsSolutionsChecks(app))
    stack = cdk.Stack(app, "Bad")
    sqs.CfnQueue(stack, "Queue")
    with pytest.raises(RuntimeError, match="AwsSolutions-SQS"):
        app.synth()
