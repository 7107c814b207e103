"""The nag_stack fixture that construct tests use to prove their constructs pass cdk-nag."""

import pytest
from aws_cdk import aws_sqs as sqs
from support import synth_clean

from pinpoint_constructs import PinpointApp


def test_clean_constructs_synthesize(nag_stack):
    PinpointApp(nag_stack, "App")
    template = synth_clean(nag_stack)
    assert "AWS::Pinpoint::App" in {r["Type"] for r in template["Resources"].values()}


def test_a_finding_fails_synth(nag_stack):
    sqs.CfnQueue(nag_stack, "Queue")
    with pytest.raises(RuntimeError, match="AwsSolutions-SQS"):
        synth_clean(nag_stack)
