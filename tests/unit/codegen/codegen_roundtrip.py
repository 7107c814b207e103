"""Round-trip support: synthesized CloudFormation properties in the API's response shape,
generated modules loaded and synthesized, and templates compared by content.

The API never returns a channel's credentials (nor an APNs token's bundle, team and key ids)
and an app's ``CloudWatchMetricsEnabled`` is not in ``GetApplicationSettings``' response; the
conversion leaves them out as the API does, and the comparison masks secret references.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path
from typing import Any

import aws_cdk as cdk
from aws_cdk.assertions import Template

from pinpoint_constructs.codegen import generate

REPO_ROOT = Path(__file__).resolve().parents[3]
ENV = cdk.Environment(account="123456789012", region="us-east-1")

_NOT_RETURNED = {
    "AWS::Pinpoint::APNSChannel": {
        "BundleId",
        "TeamId",
        "TokenKeyId",
        "TokenKey",
        "Certificate",
        "PrivateKey",
    },
    "AWS::Pinpoint::GCMChannel": {"ApiKey", "ServiceJson"},
    "AWS::Pinpoint::BaiduChannel": {"ApiKey", "SecretKey"},
    "AWS::Pinpoint::ADMChannel": {"ClientId", "ClientSecret"},
    "AWS::Pinpoint::ApplicationSettings": {"CloudWatchMetricsEnabled"},
}
for _variant in ("APNSSandboxChannel", "APNSVoipChannel", "APNSVoipSandboxChannel"):
    _NOT_RETURNED[f"AWS::Pinpoint::{_variant}"] = _NOT_RETURNED["AWS::Pinpoint::APNSChannel"]

#: CloudFormation type -> (response wrapper, CloudFormation key -> API key renames)
_RESPONSES: dict[str, tuple[str, dict[str, str]]] = {
    "AWS::Pinpoint::App": ("ApplicationResponse", {}),
    "AWS::Pinpoint::ApplicationSettings": ("ApplicationSettingsResource", {}),
    "AWS::Pinpoint::Segment": ("SegmentResponse", {}),
    "AWS::Pinpoint::Campaign": ("CampaignResponse", {"CampaignHook": "Hook"}),
    "AWS::Pinpoint::EmailTemplate": ("EmailTemplateResponse", {}),
    "AWS::Pinpoint::SmsTemplate": ("SMSTemplateResponse", {}),
    "AWS::Pinpoint::PushTemplate": ("PushNotificationTemplateResponse", {}),
    "AWS::Pinpoint::InAppTemplate": ("InAppTemplateResponse", {}),
    "AWS::Pinpoint::EventStream": ("EventStream", {}),
    "AWS::Pinpoint::EmailChannel": ("EmailChannelResponse", {}),
    "AWS::Pinpoint::SMSChannel": ("SMSChannelResponse", {}),
    "AWS::Pinpoint::VoiceChannel": ("VoiceChannelResponse", {}),
    "AWS::Pinpoint::APNSChannel": ("APNSChannelResponse", {}),
    "AWS::Pinpoint::APNSSandboxChannel": ("APNSSandboxChannelResponse", {}),
    "AWS::Pinpoint::APNSVoipChannel": ("APNSVoipChannelResponse", {}),
    "AWS::Pinpoint::APNSVoipSandboxChannel": ("APNSVoipSandboxChannelResponse", {}),
    "AWS::Pinpoint::GCMChannel": ("GCMChannelResponse", {}),
    "AWS::Pinpoint::BaiduChannel": ("BaiduChannelResponse", {}),
    "AWS::Pinpoint::ADMChannel": ("ADMChannelResponse", {}),
}
_JOURNEY = "Custom::PinpointJourney"


def _ids(resources: dict[str, Any]) -> dict[str, str]:
    """A service id for each resource, as the API would return it."""
    return {logical: f"id{logical.lower()}" for logical in resources}


def _resolve(value: Any, resources: dict[str, Any], ids: dict[str, str]) -> Any:
    """References to other resources as the literal ids/ARNs the API returns."""
    if isinstance(value, dict):
        if set(value) == {"Ref"} and value["Ref"] in resources:
            return ids[value["Ref"]]
        if set(value) == {"Fn::GetAtt"}:
            logical, attribute = value["Fn::GetAtt"]
            if attribute in ("Arn", "Arn.Value"):
                return f"arn:aws:iam::123456789012:role/{ids[logical]}"
            return ids[logical]
        if set(value) == {"Fn::Join"}:
            separator, parts = value["Fn::Join"]
            return separator.join(str(_resolve(p, resources, ids)) for p in parts)
        return {k: _resolve(v, resources, ids) for k, v in value.items()}
    if isinstance(value, list):
        return [_resolve(v, resources, ids) for v in value]
    return value


def to_api(template: dict[str, Any], folder: Path) -> list[Path]:
    """Write each Pinpoint resource of ``template`` as the API's response, one file each."""
    resources = template["Resources"]
    ids = _ids(resources)
    written = []
    for logical, resource in resources.items():
        kind = resource["Type"]
        props = _resolve(resource.get("Properties", {}), resources, ids)
        if kind == _JOURNEY:
            key, body = "JourneyResponse", journey_response(props, ids[logical])
        elif kind in _RESPONSES:
            key, renames = _RESPONSES[kind]
            body = {
                renames.get(k, k): v
                for k, v in props.items()
                if k not in _NOT_RETURNED.get(kind, ())
            }
            if "Tags" in body:
                body["tags"] = body.pop("Tags")
            if kind == "AWS::Pinpoint::App":
                body["Id"] = ids[logical]
                body["Arn"] = f"arn:aws:mobiletargeting:us-east-1:123456789012:apps/{ids[logical]}"
            elif kind == "AWS::Pinpoint::Segment":
                body.update(Id=ids[logical], SegmentType="DIMENSIONAL", Version=1)
            elif kind == "AWS::Pinpoint::Campaign":
                body = _renamed(body, {"TimeZone": "Timezone"})
                body.update(Id=ids[logical], State={"CampaignStatus": "SCHEDULED"}, Version=1)
            elif kind.endswith("Template"):
                body.update(Version="1", CreationDate="2026-01-01T00:00:00.000Z")
            elif kind.endswith("Channel"):
                body.update(Id=kind.split("::")[-1], Version=1, HasCredential=True)
        else:
            continue
        path = folder / f"{logical}.json"
        path.write_text(json.dumps({key: body}, indent=2))
        written.append(path)
    return written


def _renamed(value: Any, renames: dict[str, str]) -> Any:
    """``value`` with the keys in ``renames`` renamed at any depth (CloudFormation's
    ``Schedule.TimeZone`` is the API's ``Schedule.Timezone``)."""
    if isinstance(value, dict):
        return {renames.get(k, k): _renamed(v, renames) for k, v in value.items()}
    if isinstance(value, list):
        return [_renamed(v, renames) for v in value]
    return value


def journey_response(props: dict[str, Any], journey_id: str) -> dict[str, Any]:
    """A journey custom resource's request, as GetJourney returns the journey."""
    body = json.loads(props["Journey"])
    body.update(Id=journey_id, ApplicationId=props["ApplicationId"], State=props["State"])
    return body


def load_module(source: str, folder: Path):
    """The generated module, written to ``folder`` and imported."""
    name = f"generated_{uuid.uuid4().hex}"
    path = folder / f"{name}.py"
    path.write_text(source)
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module, path


def synth(module, stack_id: str = "Generated", **params: Any) -> dict[str, Any]:
    app = cdk.App()
    stack = module.ImportedPinpointStack(app, stack_id, env=ENV, **params)
    return Template.from_stack(stack).to_json()


def normalized(template: dict[str, Any]) -> list[tuple[str, str]]:
    """The resources as sorted (type, properties JSON), references named by what they point
    to (type and name) rather than by logical id, secret references masked."""
    resources = template["Resources"]

    def label(logical: str) -> str:
        resource = resources.get(logical)
        if resource is None:
            return f"<{logical}>"
        props = resource.get("Properties", {})
        name = props.get("Name") or props.get("TemplateName") or ""
        return f"<{resource['Type']} {name}>"

    def walk(value: Any) -> Any:
        if isinstance(value, dict):
            if set(value) == {"Ref"}:
                return label(value["Ref"])
            if set(value) == {"Fn::GetAtt"}:
                return label(value["Fn::GetAtt"][0]) + "." + str(value["Fn::GetAtt"][1])
            return {k: walk(v) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v) for v in value]
        if isinstance(value, str) and value.startswith("{{resolve:secretsmanager:"):
            return "<secret>"
        return value

    out = []
    for resource in resources.values():
        kind = resource["Type"]
        if kind.startswith("AWS::CDK::"):
            continue
        props = {
            k: v
            for k, v in resource.get("Properties", {}).items()
            if k not in _NOT_RETURNED.get(kind, ())
        }
        out.append((kind, json.dumps(walk(props), sort_keys=True)))
    return sorted(out)


def ruff(path: Path) -> None:
    """``ruff check`` and ``ruff format --check`` on the module in a folder outside the
    repository (as a user's project holds it, with pinpoint_constructs installed), both with
    ruff's defaults (``--isolated``) and with the repository's settings."""
    folder = Path(tempfile.mkdtemp(prefix="generated-"))
    copy = folder / path.name
    shutil.copy(path, copy)
    config = str(REPO_ROOT / "pyproject.toml")
    for settings in (["--isolated"], ["--config", config]):
        for args in (["check", "--no-cache"], ["format", "--check", "--no-cache"]):
            result = subprocess.run(
                [sys.executable, "-m", "ruff", *args, *settings, copy.name],
                cwd=folder,
                capture_output=True,
                text=True,
                check=False,
            )
            assert result.returncode == 0, (
                f"ruff {' '.join(args + settings)}:\n"
                + result.stdout
                + result.stderr
                + path.read_text()
            )
    shutil.rmtree(folder, ignore_errors=True)


def round_trip(stack: cdk.Stack, tmp_path: Path, **params: Any) -> str:
    """Synthesize ``stack``, export its resources as API responses, generate a module from
    them, check it with ruff, synthesize it and assert both templates define the same
    resources. Returns the generated source."""
    original = Template.from_stack(stack).to_json()
    export = tmp_path / "export"
    export.mkdir()
    to_api(original, export)
    source = generate([export])
    module, path = load_module(source, tmp_path)
    ruff(path)
    generated = synth(module, stack.stack_name, **params)  # names appear in descriptions
    left, right = normalized(generated), normalized(original)
    assert left == right, (
        source
        + "\n"
        + "\n".join(f"generated only: {item}" for item in left if item not in right)
        + "\n"
        + "\n".join(f"original only: {item}" for item in right if item not in left)
    )
    return source
