"""The preview command renders an Amazon Q in Connect template for sample attributes and lists
the missing keys as RenderMessageTemplate returns them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from pinpoint_constructs.cli.preview import main


def _write(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_renders_with_attributes_and_defaults_and_lists_missing_keys(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "welcome.html").write_text(
        "<p>{{Attributes.Customer.Attributes.Plan}} in {{Attributes.Customer.City}}</p>",
        encoding="utf-8",
    )
    template = _write(
        tmp_path / "t.json",
        {
            "type": "EMAIL",
            "name": "welcome",
            "subject": "Hi {{Attributes.Customer.FirstName}}",
            "htmlFile": "welcome.html",
            "defaultAttributes": {"customerProfileAttributes": {"custom": {"Plan": "basic"}}},
        },
    )
    attributes = _write(
        tmp_path / "a.json", {"attributes": {"customerProfileAttributes": {"firstName": "Ann"}}}
    )
    assert main([str(template), "--attributes", str(attributes)]) == 0
    out = capsys.readouterr().out
    assert "--- subject ---\nHi Ann\n" in out
    assert "<p>basic in {{Attributes.Customer.City}}</p>" in out
    assert out.endswith("--- attributesNotInterpolated ---\nAttributes.Customer.City\n")


def test_previews_for_a_pinpoint_endpoint_or_a_profile_where_the_object_type_writes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    template = _write(
        tmp_path / "t.json",
        {
            "type": "SMS",
            "body": "{{Attributes.Customer.Attributes.Platform}} "
            "{{Attributes.Customer.Attributes.SmsOptOut}} {{Attributes.Customer.City}} "
            "{{Attributes.System.CustomerEndpointAddress}}",
        },
    )
    endpoint = {
        "ChannelType": "SMS",
        "Address": "+14255550100",
        "OptOut": "NONE",
        "Location": {"City": "Berlin"},
        "Demographic": {"Platform": "ios"},
    }
    for sample in (
        {"endpoint": endpoint},
        {
            "profile": {
                "Address": {"City": "Berlin"},
                "Attributes": {"Platform": "ios", "SmsOptOut": "NONE"},
            },
            "address": "+14255550100",
        },
    ):
        attributes = _write(tmp_path / "a.json", sample)
        assert main([str(template), "--attributes", str(attributes)]) == 0
        assert "ios NONE Berlin +14255550100" in capsys.readouterr().out


def test_an_unknown_namespace_is_a_template_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    template = _write(tmp_path / "t.json", {"type": "SMS", "body": "{{User.UserAttributes.X}}"})
    attributes = _write(tmp_path / "a.json", {})
    assert main([str(template), "--attributes", str(attributes)]) == 1
    assert "'User.UserAttributes.X' is not an attribute" in capsys.readouterr().err


def test_reads_a_template_from_a_synthesized_stack(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stack = {
        "Resources": {
            "Offer": {
                "Type": "AWS::Wisdom::MessageTemplate",
                "Properties": {
                    "Name": "offer-sms",
                    "Content": {
                        "SmsMessageTemplateContent": {
                            "Body": {
                                "PlainText": {
                                    "Content": "{{Attributes.Customer.Attributes.FirstName}}!"
                                }
                            }
                        }
                    },
                    "DefaultAttributes": {
                        "CustomerProfileAttributes": {"Custom": {"FirstName": "Hi"}}
                    },
                },
            }
        }
    }
    template = _write(tmp_path / "stack.template.json", stack)
    attributes = _write(tmp_path / "a.json", {})
    assert main([str(template), "--attributes", str(attributes)]) == 0
    assert capsys.readouterr().out.startswith("--- body ---\nHi!\n")


def test_the_connect_preview_needs_no_aws_cdk() -> None:
    code = (
        "import sys;"
        "from pinpoint_constructs.connect.message_templates.preview import preview_main;"
        "from pinpoint_constructs.connect.message_templates import convert_response;"
        "assert 'aws_cdk' not in sys.modules, 'aws_cdk imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).parents[3])
