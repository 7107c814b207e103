"""The "Moving SMS and voice to AWS End User Messaging" page (docs/sms-voice.md): each Python
block runs as written (each builds its own App and stack) and the side-by-side blocks build what
they say."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import aws_cdk as cdk
import pytest
from aws_cdk.assertions import Match, Template

from stacks import cdk_json_context

PAGE = Path(__file__).resolve().parents[2] / "docs" / "sms-voice.md"
HEADING = "# Moving SMS and voice to AWS End User Messaging\n"


def section() -> str:
    text = PAGE.read_text()
    assert text.startswith(HEADING), "docs/sms-voice.md lost its title"
    return text


BLOCKS = re.findall(r"```python\n(.*?)```", section(), re.S)


def run(block: str) -> Template:
    """Run ``block`` as written (it builds its own App and ``stack``) and return the template."""
    namespace: dict[str, object] = {"__name__": "readme_block"}
    previous = os.environ.get("CDK_CONTEXT_JSON")
    os.environ["CDK_CONTEXT_JSON"] = json.dumps(cdk_json_context())  # as `cdk synth` passes it
    try:
        exec(compile(block, "docs/sms-voice.md", "exec"), namespace)
    finally:
        if previous is None:
            del os.environ["CDK_CONTEXT_JSON"]
        else:
            os.environ["CDK_CONTEXT_JSON"] = previous
    stack = namespace["stack"]
    assert isinstance(stack, cdk.Stack)
    return Template.from_stack(stack)


def test_the_section_has_the_side_by_side_blocks():
    assert len(BLOCKS) == 2, BLOCKS


def test_before_block_builds_the_pinpoint_channels():
    template = run(BLOCKS[0])
    template.has_resource_properties("AWS::Pinpoint::SMSChannel", {"SenderId": "EXAMPLE"})
    template.resource_count_is("AWS::Pinpoint::VoiceChannel", 1)


def test_after_block_builds_the_end_user_messaging_replacement():
    template = run(BLOCKS[1])
    for resource_type in (
        "AWS::SMSVOICE::OptOutList",
        "AWS::SMSVOICE::PhoneNumber",
        "AWS::SMSVOICE::SenderId",
        "AWS::SMSVOICE::ProtectConfiguration",
        "AWS::SMSVOICE::ConfigurationSet",
    ):
        template.resource_count_is(resource_type, 1)
    template.resource_count_is("AWS::Pinpoint::SMSChannel", 0)
    template.has_resource_properties(
        "AWS::IAM::Policy",
        {
            "PolicyDocument": {
                "Statement": Match.array_with(
                    [
                        Match.object_like({"Action": "sms-voice:SendTextMessage"}),
                        Match.object_like({"Action": "sms-voice:SendVoiceMessage"}),
                    ]
                )
            }
        },
    )


@pytest.mark.parametrize(
    "name",
    ["PhoneNumber", "SenderId", "Pool", "OptOutList", "ConfigurationSet", "ProtectConfiguration"],
)
def test_the_table_names_each_construct(name):
    assert f"`{name}" in section()
