"""Preview an Amazon Q in Connect message template for sample attributes, as
``RenderMessageTemplate`` renders it (standard library only: no aws-cdk-lib).

    python -m pinpoint_constructs.cli.preview TEMPLATE --attributes ATTRIBUTES.json [--out FILE]
        [--template-name NAME]

TEMPLATE is a Connect template file::

    {"type": "EMAIL", "name": "welcome",
     "subject": "Welcome, {{Attributes.Customer.FirstName}}",
     "htmlFile": "welcome.html",               (or "html"; relative to the file)
     "text": "...",
     "defaultAttributes": {"customerProfileAttributes": {"firstName": "there"}}}

    {"type": "SMS", "name": "offer", "body": "...", "defaultAttributes": {...}}

or a synthesized stack template (``cdk.out/<Stack>.template.json``) with
``AWS::Wisdom::MessageTemplate`` resources (``--template-name``: its ``Name`` or logical id,
when there are several). ATTRIBUTES.json is shaped as ``RenderMessageTemplate``'s
``attributes`` (``{"customerProfileAttributes": {"firstName": "Ann", "custom": {...}},
"agentAttributes": {...}, "systemAttributes": {...}, "customAttributes": {...}}``), a
whole request (``{"attributes": {...}}``), a migrated profile (``{"profile": {...}}``) or a
Pinpoint endpoint (``{"endpoint": {...}}``), read where the endpoint object type writes
each field.

As ``RenderMessageTemplate`` does ("if the attribute value is neither provided in the
attribute request parameter nor the default attribute of the message template, the rendered
message content will keep the variable placeholder as it is and return the attribute keys
that are missing", Amazon Q in Connect API reference), a value found in neither the
attributes nor the template's default attributes is written as its placeholder
(``{{Attributes.Customer.FirstName}}``) and listed as missing. (A missing value used as a
condition counts as present here; the service does not document that case.)
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...handlebars import (
    PINPOINT_HELPERS,
    HandlebarsRuntimeError,
    SafeString,
    parse_pinpoint,
    render,
)
from ._attributes import attribute_member, check_connect_handlebars, connect_context
from ._conversion import equivalent_attributes, merge_attributes, profile_attributes

_FIELDS = {"EMAIL": ("subject", "html", "text"), "SMS": ("body",)}


class ConnectPreviewError(ValueError):
    """A template or attributes file that can't be previewed (``status`` is the exit code)."""

    def __init__(self, message: str, status: int = 2) -> None:
        super().__init__(message)
        self.status = status


@dataclass
class ConnectTemplate:
    """A Connect template's channel, name, Handlebars fields and default attributes."""

    channel: str
    name: str
    fields: dict[str, str]
    default_attributes: dict[str, Any] = field(default_factory=dict)


@dataclass
class ConnectPreview:
    """The rendered fields and the missing attribute keys (placeholders)."""

    template: ConnectTemplate
    rendered: dict[str, str]
    missing: list[str]
    warnings: list[str]


def _read_json(path: Path, what: str) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConnectPreviewError(f"{what} '{path}' does not exist") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ConnectPreviewError(f"cannot read {what} '{path}': {error}") from None
    except json.JSONDecodeError as error:
        raise ConnectPreviewError(f"{what} '{path}' is not valid JSON: {error}") from None


def load_connect_template(path: Path, template_name: str | None = None) -> ConnectTemplate:
    """A Connect template from a template file or a synthesized stack template."""
    data = _read_json(path, "template")
    if not isinstance(data, dict):
        raise ConnectPreviewError(f"template '{path}' must be a JSON object")
    if "Resources" in data:
        return _from_cloudformation(path, data, template_name)
    channel = str(data.get("type", "")).upper()
    if channel not in _FIELDS:
        raise ConnectPreviewError(f"template '{path}': type must be EMAIL or SMS, got {channel!r}")
    fields: dict[str, str] = {}
    for name in _FIELDS[channel]:
        value = data.get(name)
        file = data.get(f"{name}File")
        if file is not None:
            value = (path.parent / str(file)).read_text(encoding="utf-8")
        if value is not None:
            fields[name] = str(value)
    return ConnectTemplate(
        channel, str(data.get("name", path.stem)), fields, dict(data.get("defaultAttributes") or {})
    )


def _from_cloudformation(
    path: Path, data: Mapping[str, Any], template_name: str | None
) -> ConnectTemplate:
    found = {
        logical_id: resource
        for logical_id, resource in data["Resources"].items()
        if resource.get("Type") == "AWS::Wisdom::MessageTemplate"
    }
    if template_name is not None:
        found = {
            key: value
            for key, value in found.items()
            if template_name in (key, value.get("Properties", {}).get("Name"))
        }
    if len(found) != 1:
        names = sorted(str(v.get("Properties", {}).get("Name", k)) for k, v in found.items())
        raise ConnectPreviewError(
            f"'{path}' has {len(found)} matching AWS::Wisdom::MessageTemplate resources "
            f"({', '.join(names) or 'none'}); name one with --template-name"
        )
    logical_id, resource = next(iter(found.items()))
    props = resource.get("Properties", {})
    content = props.get("Content", {})
    fields: dict[str, str] = {}
    email = content.get("EmailMessageTemplateContent")
    if email:
        channel = "EMAIL"
        fields["subject"] = email.get("Subject")
        body = email.get("Body", {})
        for name, member in (("html", "Html"), ("text", "PlainText")):
            if body.get(member, {}).get("Content") is not None:
                fields[name] = body[member]["Content"]
    else:
        channel = "SMS"
        fields["body"] = content["SmsMessageTemplateContent"]["Body"]["PlainText"]["Content"]
    for name, value in fields.items():
        if not isinstance(value, str):
            raise ConnectPreviewError(
                f"{logical_id} {name} is not a literal string (it uses a CloudFormation function)"
            )
    defaults = _camel(props.get("DefaultAttributes") or {})
    return ConnectTemplate(channel, str(props.get("Name", logical_id)), fields, defaults)


def _camel(value: Any, depth: int = 0) -> Any:
    """CloudFormation's PascalCase ``DefaultAttributes`` in the API's camelCase (keys of the
    ``Custom``/``CustomAttributes`` maps, the user's own, stay as they are)."""
    if not isinstance(value, Mapping):
        return value
    result: dict[str, Any] = {}
    for key, item in value.items():
        camel = key[:1].lower() + key[1:]
        if camel == "profileArn":
            camel = "profileARN"
        keep = key in ("Custom", "CustomAttributes")
        result[camel] = dict(item) if keep else _camel(item, depth + 1)
    return result


def load_attributes(path: Path) -> dict[str, Any]:
    """Sample attributes shaped as ``RenderMessageTemplate``'s ``attributes`` (or a request),
    or the person to preview for as a migrated profile (``{"profile": {"FirstName": ...,
    "Address": {"City": ...}, "Attributes": {...}}, "address": "..."}``) or as a Pinpoint
    endpoint (``{"endpoint": {...GetEndpoint JSON...}}``): each becomes the attributes
    Connect reads where the endpoint object type writes each field
    (:mod:`pinpoint_constructs._profile_mapping`)."""
    data = _read_json(path, "attributes")
    if isinstance(data, dict) and isinstance(data.get("attributes"), dict):
        data = data["attributes"]
    elif isinstance(data, dict) and isinstance(data.get("endpoint"), dict):
        data = equivalent_attributes(data["endpoint"])
    elif isinstance(data, dict) and isinstance(data.get("profile"), dict):
        data = profile_attributes(data["profile"], data.get("address"))
    if not isinstance(data, dict):
        raise ConnectPreviewError(f"attributes '{path}' must be a JSON object")
    return data


def render_connect_preview(
    template: ConnectTemplate, attributes: Mapping[str, Any]
) -> ConnectPreview:
    """Render ``template`` for ``attributes`` over its default attributes; a placeholder with
    no value stays as written and is listed in ``missing``."""
    label = f"{template.channel.title()}MessageTemplate {template.name!r}"
    try:
        references, findings = check_connect_handlebars(label, template.fields.items())
    except ValueError as error:
        raise ConnectPreviewError(str(error), status=1) from None
    context, missing = render_context(
        [ref.name for ref in references], template.default_attributes, attributes
    )
    rendered: dict[str, str] = {}
    for name, source in template.fields.items():
        try:
            rendered[name] = render(parse_pinpoint(source), context, helpers=PINPOINT_HELPERS)
        except HandlebarsRuntimeError as error:
            raise ConnectPreviewError(f"{label} {name}: {error}", status=1) from None
    return ConnectPreview(template, rendered, missing, [f.message for f in findings])


def render_context(
    variables: Sequence[str], default_attributes: Mapping[str, Any], attributes: Mapping[str, Any]
) -> tuple[dict[str, Any], list[str]]:
    """The context ``RenderMessageTemplate`` renders with, and the missing keys: the
    attributes over the default attributes, and each of ``variables`` (dotted placeholders)
    that has no value in either set to its own placeholder text, so it renders as written."""
    context = connect_context(merge_attributes(default_attributes, attributes))
    missing: list[str] = []
    for name in variables:
        path = tuple(name.split("."))
        if attribute_member(path) is None or _lookup(context, path) is not None:
            continue
        if name not in missing:
            missing.append(name)
            _place(context, path, SafeString("{{" + name + "}}"))
    return context, missing


def _lookup(context: Any, path: tuple[str, ...]) -> Any:
    node = context
    for part in path:
        if not isinstance(node, Mapping) or part not in node:
            return None
        node = node[part]
    return node


def _place(context: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    node = context
    for part in path[:-1]:
        child = node.get(part)
        if not isinstance(child, dict):
            child = node[part] = {}
        node = child
    node[path[-1]] = value


def format_connect_preview(preview: ConnectPreview) -> str:
    """Plain text: each field under its name, then the missing keys."""
    lines: list[str] = []
    for name, text in preview.rendered.items():
        lines += [f"--- {name} ---", text]
    lines.append("--- attributesNotInterpolated ---")
    lines += preview.missing or ["(none)"]
    return "\n".join(lines) + "\n"


def preview_main(template_path: Path, attributes_path: Path, template_name: str | None) -> str:
    """What the preview command writes for a Connect template (raises ConnectPreviewError)."""
    template = load_connect_template(template_path, template_name)
    preview = render_connect_preview(template, load_attributes(attributes_path))
    return format_connect_preview(preview)


__all__ = [
    "ConnectPreview",
    "ConnectPreviewError",
    "ConnectTemplate",
    "format_connect_preview",
    "load_attributes",
    "load_connect_template",
    "preview_main",
    "render_connect_preview",
    "render_context",
]
