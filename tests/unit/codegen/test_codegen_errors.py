"""What the importer refuses: every message names the file and the field."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from codegen_roundtrip import REPO_ROOT

from pinpoint_constructs.codegen import CodegenError, generate

APP_ID = "6e0b7591a90841d2b5d93fa11143e5a7"


def _squeezed(source: str) -> str:
    """``source`` without line breaks and indentation (layout aside)."""
    return re.sub(r"\(\s+", "(", re.sub(r",?\s*\n\s*\)", ")", source))


def _flat(source: str) -> str:
    """``source`` with commas and whitespace runs as one space (layout aside)."""
    return re.sub(r"[\s,()]+", " ", source)


def _write(folder: Path, name: str, key: str, body: dict) -> Path:
    path = folder / name
    path.write_text(json.dumps({key: body}))
    return path


def _template(**extra) -> dict:
    return {"TemplateName": "welcome", "Subject": "Hi", "TextPart": "Hi", **extra}


def test_an_unsupported_field_names_file_and_field(tmp_path):
    path = _write(
        tmp_path,
        "t.json",
        "EmailTemplateResponse",
        _template(Headers=[{"Name": "X", "Value": "1"}]),
    )
    with pytest.raises(
        CodegenError, match=r"t\.json: EmailTemplateResponse\.Headers: is not supported"
    ):
        generate([path])


def test_a_nested_unknown_field_names_its_path(tmp_path):
    campaign = {
        "ApplicationId": APP_ID,
        "Name": "c",
        "SegmentId": "s1",
        "Schedule": {"Frequency": "ONCE", "StartTime": "IMMEDIATE"},
        "TemplateConfiguration": {
            "EmailTemplate": {"Name": "welcome"},
            "VoiceTemplate": {"Name": "v"},
        },
    }
    path = _write(tmp_path, "c.json", "CampaignResponse", campaign)
    with pytest.raises(
        CodegenError, match=r"c\.json: CampaignResponse\.TemplateConfiguration\.VoiceTemplate"
    ):
        generate([path])


def test_a_field_with_a_bad_value(tmp_path):
    path = _write(
        tmp_path, "t.json", "InAppTemplateResponse", {"TemplateName": "p", "Layout": "SIDEWAYS"}
    )
    with pytest.raises(
        CodegenError, match=r"InAppTemplateResponse\.Layout: must be one of .* got 'SIDEWAYS'"
    ):
        generate([path])


def test_an_unknown_response(tmp_path):
    path = _write(tmp_path, "x.json", "EndpointResponse", {})
    with pytest.raises(
        CodegenError, match=r"x\.json: EndpointResponse: is not a response the importer reads"
    ):
        generate([path])


def test_a_file_that_is_not_one_response(tmp_path):
    path = tmp_path / "x.json"
    path.write_text(json.dumps({"A": {}, "B": {}}))
    with pytest.raises(CodegenError, match=r"x\.json: expected one response object"):
        generate([path])


def test_resources_of_two_projects(tmp_path):
    _write(tmp_path, "a.json", "SMSChannelResponse", {"ApplicationId": APP_ID})
    _write(tmp_path, "b.json", "VoiceChannelResponse", {"ApplicationId": "other"})
    with pytest.raises(
        CodegenError,
        match=r"b\.json: VoiceChannelResponse\.ApplicationId: belongs to the project 'other'",
    ):
        generate([tmp_path])


def test_two_apps(tmp_path):
    _write(tmp_path, "a.json", "ApplicationResponse", {"Id": "a", "Name": "a"})
    _write(tmp_path, "b.json", "ApplicationResponse", {"Id": "b", "Name": "b"})
    with pytest.raises(CodegenError, match="more than one ApplicationResponse"):
        generate([tmp_path])


def test_an_unknown_journey_activity_is_refused_naming_the_activity(tmp_path):
    journey = {
        "ApplicationId": APP_ID,
        "Name": "onboarding",
        "StartActivity": "Opened",
        "Activities": {"Opened": {"Teleport": {"NextActivity": "x"}}},
    }
    path = _write(tmp_path, "j.json", "JourneyResponse", journey)
    with pytest.raises(
        CodegenError,
        match=r"j\.json: JourneyResponse\.Activities\.Opened\.Teleport: is unknown: the "
        "importer generates EMAIL, SMS, PUSH, CUSTOM, Wait, Holdout, RandomSplit, "
        "MultiCondition, ContactCenter, ConditionalSplit activities",
    ):
        generate([path])


def test_journey_next_activity_that_does_not_exist(tmp_path):
    journey = {
        "ApplicationId": APP_ID,
        "Name": "onboarding",
        "StartActivity": "Hold",
        "Activities": {"Hold": {"Holdout": {"Percentage": 10, "NextActivity": "Gone"}}},
    }
    path = _write(tmp_path, "j.json", "JourneyResponse", journey)
    with pytest.raises(
        CodegenError, match=r"Activities\.Hold\.Holdout\.NextActivity: names 'Gone'"
    ):
        generate([path])


def test_push_messages_that_differ_per_service(tmp_path):
    push = {"Body": "a"}
    campaign = {
        "ApplicationId": APP_ID,
        "Name": "c",
        "SegmentId": "s1",
        "Schedule": {"Frequency": "ONCE", "StartTime": "IMMEDIATE"},
        "MessageConfiguration": {
            "APNSMessage": push,
            "GCMMessage": {"Body": "b"},
            "BaiduMessage": push,
            "ADMMessage": push,
        },
    }
    path = _write(tmp_path, "c.json", "CampaignResponse", campaign)
    with pytest.raises(
        CodegenError, match=r"MessageConfiguration\.GCMMessage: differs from APNSMessage"
    ):
        generate([path])


def test_a_secret_in_the_response_is_never_copied(tmp_path):
    path = _write(
        tmp_path,
        "gcm.json",
        "GCMChannelResponse",
        {
            "ApplicationId": APP_ID,
            "Credential": "AIzaSECRETVALUE",
            "DefaultAuthenticationMethod": "KEY",
            "Enabled": True,
        },
    )
    source = generate([path])
    assert "AIzaSECRETVALUE" not in source
    assert "FcmCredentials.api_key(SecretValue.secrets_manager(" in _squeezed(source)


def test_empty_filters_as_get_segment_returns_them_are_left_out(tmp_path):
    segment = {
        "ApplicationId": APP_ID,
        "Id": "s1",
        "Name": "ios",
        "SegmentType": "DIMENSIONAL",
        "Dimensions": {
            "Attributes": {},
            "Behavior": {},
            "Demographic": {"Platform": {"DimensionType": "INCLUSIVE", "Values": ["ios"]}},
            "Location": {},
            "Metrics": {},
            "UserAttributes": {},
        },
    }
    source = generate([_write(tmp_path, "s.json", "SegmentResponse", segment)])
    squeezed = _squeezed(source)
    assert (
        'dimensions=SegmentDimensions(demographic=Demographic(platform=SetFilter.include("ios"))'
        in squeezed
    )
    assert "location=" not in squeezed and "attributes=" not in squeezed
    assert 'PinpointApp.from_app_id(self, "App", "6e0b7591a90841d2b5d93fa11143e5a7")' in source


def test_an_imported_segment_is_referenced_by_id(tmp_path):
    segment = {
        "ApplicationId": APP_ID,
        "Id": "s1",
        "Name": "vips",
        "SegmentType": "IMPORT",
        "ImportDefinition": {
            "Format": "CSV",
            "Size": 12,
            "ExternalId": "x",
            "RoleArn": "r",
            "S3Url": "s3://b/k",
        },
    }
    source = generate([_write(tmp_path, "s.json", "SegmentResponse", segment)])
    assert "segment_type=SegmentType.IMPORT" in source and "ImportedSegment" in source


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pinpoint_constructs.codegen", *args],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def test_cli_exit_status_and_message(tmp_path):
    bad = _write(tmp_path, "t.json", "EmailTemplateResponse", _template(RecommenderId="r1"))
    result = _cli(str(bad))
    assert result.returncode == 1
    assert "t.json: EmailTemplateResponse.RecommenderId: is not supported" in result.stderr
    assert result.stdout == ""
    missing = _cli(str(tmp_path / "nope.json"))
    assert missing.returncode == 2 and "no such file or folder" in missing.stderr
    (tmp_path / "broken.json").write_text("{")
    broken = _cli(str(tmp_path / "broken.json"))
    assert broken.returncode == 2 and "not JSON" in broken.stderr


def test_a_custom_delivery_to_a_function_name_imports_the_function(tmp_path):
    """DeliveryUri takes "the name or Amazon Resource Name (ARN) of an AWS Lambda function"
    (botocore's Pinpoint model): a bare name is imported by name, not taken for a URL."""
    campaign = {
        "ApplicationId": APP_ID,
        "Name": "c",
        "SegmentId": "s1",
        "Schedule": {"Frequency": "ONCE", "StartTime": "IMMEDIATE"},
        "MessageConfiguration": {"CustomMessage": {"Data": "hi"}},
        "CustomDeliveryConfiguration": {"DeliveryUri": "deliver", "EndpointTypes": ["CUSTOM"]},
    }
    source = generate([_write(tmp_path, "c.json", "CampaignResponse", campaign)])
    expected = (
        'Function.from_function_attributes(self, "DeliverFunction", function_arn=self.format_arn('
        'service="lambda", resource="function", resource_name="deliver", '
        "arn_format=ArnFormat.COLON_RESOURCE_NAME), same_environment=True)"
    )
    assert _flat(expected) in _flat(source)
