"""Preview a message template rendered for a sample endpoint, as Amazon Pinpoint would send it.

    python -m pinpoint_constructs.cli.preview TEMPLATE --endpoint ENDPOINT.json [--out FILE]
        [--template-name NAME] [--now 2026-05-01T09:00:00Z]

TEMPLATE is either

- a template file in the library's format (JSON)::

      {"type": "EMAIL", "name": "welcome",
       "subject": "Welcome, {{User.UserAttributes.FirstName}}",
       "htmlFile": "welcome.html",            (or "html": "<p>...</p>"; relative to the file)
       "text": "Hi {{User.UserAttributes.FirstName}}",
       "defaultSubstitutions": {"User.UserAttributes.FirstName": "there"}}

      {"type": "SMS", "name": "reminder", "body": "...", "defaultSubstitutions": {...}}

      {"type": "VOICE", "name": "reminder-call", "body": "...", "voiceId": "Joanna",
       "languageCode": "en-US",                 (optional: the voice's default language)
       "defaultSubstitutions": {...}}

      {"type": "PUSH", "name": "offer",
       "default": {"title": "...", "body": "...", "action": "URL", "url": "https://..."},
       "apns": {"body": "...", "mediaUrl": "..."}, "fcm": {...}, "baidu": {...}, "adm": {...},
       "defaultSubstitutions": {...}}

- or a template defined in a stack: the stack's synthesized CloudFormation template
  (``cdk.out/<Stack>.template.json``), with ``--template-name`` naming the message template
  (its ``TemplateName`` or logical id) when the stack has more than one.

ENDPOINT.json is an endpoint as Pinpoint stores it (``Address``, ``Attributes``,
``User.UserAttributes``, ``Location``, ``Demographic`` ..., attribute values as lists), or a
``GetEndpoint`` response (``{"EndpointResponse": {...}}``). The template is rendered with
the endpoint's values, falling back to the template's default substitutions (for a value
that is missing, null or an empty list; a default of a custom attribute counts as a one-value
list, like the endpoint's own), using the helpers Pinpoint supports.

Output: for email, an HTML page to open in a browser (the subject, the HTML part in a frame,
the text part); for SMS and push, text; for voice, the voice and language, then the script
Amazon Polly reads. An endpoint file may carry recommended attributes (``RecommendationItems``,
``Recommendations``) as sample values for templates that use a recommender model. Written to
``--out`` or standard output.

Exit status: 0 when the preview was written; 1 for a template error (Handlebars syntax, an
unsupported helper, a rendering failure); 2 for a usage error or a file that is missing or is
not valid JSON. Errors are one line on standard error; variables that get no value from the
endpoint or the defaults are reported there as warnings.
"""

from __future__ import annotations

import argparse
import html
import json
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..handlebars import HandlebarsRuntimeError, render_pinpoint
from ..handlebars.endpoint import endpoint_context, is_missing
from ..pinpoint.templates._content import (
    check_handlebars,
    flatten_substitutions,
    parse_field,
)
from ..pinpoint.templates._polly import check_voice

PROG = "python -m pinpoint_constructs.cli.preview"
_NOTHING_TO_RENDER = "in-app templates have no variables; there is nothing to render"

#: Construct class names, so preview errors read like synth errors.
_CLASS = {
    "EMAIL": "EmailTemplate",
    "SMS": "SmsTemplate",
    "PUSH": "PushTemplate",
    "VOICE": "VoiceTemplate",
}
_PUSH_SECTIONS = ("default", "apns", "fcm", "baidu", "adm")
#: Push section keys of the library format -> label shown in the preview.
_PUSH_KEYS = {
    "title": "Title",
    "body": "Body",
    "action": "Action",
    "url": "URL",
    "sound": "Sound",
    "mediaUrl": "Media URL",
    "imageUrl": "Image URL",
    "imageIconUrl": "Icon URL",
    "smallImageIconUrl": "Small icon URL",
}
_PUSH_TEMPLATE_PARTS = ("title", "body")
_CFN_TYPES = {
    "AWS::Pinpoint::EmailTemplate": "EMAIL",
    "AWS::Pinpoint::SmsTemplate": "SMS",
    "AWS::Pinpoint::PushTemplate": "PUSH",
    "AWS::Pinpoint::InAppTemplate": "INAPP",
    # VoiceTemplate's custom resource (templates/voice.py): same property names as the API.
    "Custom::PinpointVoiceTemplate": "VOICE",
}
_CFN_PUSH_SECTIONS = {
    "Default": "default",
    "APNS": "apns",
    "GCM": "fcm",
    "Baidu": "baidu",
    "ADM": "adm",
}


class PreviewError(Exception):
    """A problem to report on one line, with the exit status to use."""

    def __init__(self, message: str, status: int = 2) -> None:
        super().__init__(message)
        self.status = status


@dataclass
class MessageTemplate:
    """A template to preview: its kind, name, parts and default substitutions."""

    kind: str
    name: str
    #: EMAIL: subject, html, text; SMS: body. Values are Handlebars sources.
    parts: dict[str, str] = field(default_factory=dict)
    #: PUSH: section -> library-format key -> value (title and body are Handlebars).
    sections: dict[str, dict[str, str]] = field(default_factory=dict)
    defaults: dict[str, str] = field(default_factory=dict)
    #: VOICE: the Amazon Polly voice id and language code.
    voice: tuple[str, str] | None = None

    @property
    def label(self) -> str:
        return f"{_CLASS[self.kind]} {self.name!r}"

    def template_fields(self) -> list[tuple[str, str]]:
        """``(field, source)`` of every Handlebars part, labelled as in synth errors."""
        if self.kind != "PUSH":
            return list(self.parts.items())
        return [
            (f"{section}.{part}", values[part])
            for section, values in self.sections.items()
            for part in _PUSH_TEMPLATE_PARTS
            if part in values
        ]


# ---- reading files -----------------------------------------------------------------------


def _read_json(path: Path, what: str) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PreviewError(f"{what} file '{path}' does not exist") from None
    except (OSError, UnicodeDecodeError) as error:
        raise PreviewError(f"{what} file '{path}' cannot be read: {error}") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise PreviewError(
            f"{what} file '{path}' is not valid JSON: {error.msg} "
            f"(line {error.lineno}, column {error.colno})"
        ) from None


def _string(where: str, value: Any) -> str:
    if not isinstance(value, str):
        raise PreviewError(f"{where} must be a string, got {type(value).__name__}: {value!r}")
    return value


def _object(where: str, value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise PreviewError(f"{where} must be a JSON object, got {type(value).__name__}")
    return value


def _defaults(where: str, value: Any) -> dict[str, str]:
    try:
        return flatten_substitutions(where, value)
    except (TypeError, ValueError) as error:
        raise PreviewError(str(error)) from None


def _check_keys(where: str, data: Mapping[str, Any], allowed: Sequence[str]) -> None:
    unknown = sorted(set(data) - set(allowed))
    if unknown:
        raise PreviewError(
            f"{where} has unknown key(s) {', '.join(unknown)}; expected: {', '.join(allowed)}"
        )


def load_template(path: Path, template_name: str | None = None) -> MessageTemplate:
    """Read a template file of the library's format, or pick a message template out of a
    synthesized CloudFormation template."""
    data = _object(f"template file '{path}'", _read_json(path, "template"))
    if "Resources" in data:
        return _from_cloudformation(path, data, template_name)
    if template_name is not None and data.get("name") not in (None, template_name):
        raise PreviewError(
            f"template file '{path}' defines the template {data.get('name')!r}, not "
            f"{template_name!r}"
        )
    return _from_library_file(path, data)


def _from_library_file(path: Path, data: dict[str, Any]) -> MessageTemplate:
    where = f"template file '{path}'"
    kind = data.get("type")
    if kind == "INAPP":
        raise PreviewError(
            f"{where}: in-app templates have no variables; there is nothing to render"
        )
    if kind not in _CLASS:
        raise PreviewError(f'{where} needs "type": "EMAIL", "SMS", "PUSH" or "VOICE", got {kind!r}')
    common = ("type", "name", "description", "defaultSubstitutions")
    name = _string(f"{where} name", data.get("name", path.stem))
    template = MessageTemplate(
        kind=kind,
        name=name,
        defaults=_defaults(f"{where} defaultSubstitutions", data.get("defaultSubstitutions")),
    )
    if kind == "EMAIL":
        _check_keys(where, data, (*common, "subject", "html", "htmlFile", "text"))
        template.parts["subject"] = _string(f"{where} subject", data.get("subject"))
        if "html" in data and "htmlFile" in data:
            raise PreviewError(f"{where} gives html and htmlFile; give one")
        if "htmlFile" in data:
            html_path = path.parent / _string(f"{where} htmlFile", data["htmlFile"])
            try:
                template.parts["html"] = html_path.read_text(encoding="utf-8")
            except FileNotFoundError:
                raise PreviewError(f"{where}: htmlFile '{html_path}' does not exist") from None
            except (OSError, UnicodeDecodeError) as error:
                raise PreviewError(
                    f"{where}: htmlFile '{html_path}' cannot be read: {error}"
                ) from None
        elif "html" in data:
            template.parts["html"] = _string(f"{where} html", data["html"])
        if "text" in data:
            template.parts["text"] = _string(f"{where} text", data["text"])
        if len(template.parts) == 1:
            raise PreviewError(f"{where} needs html, htmlFile or text")
    elif kind == "SMS":
        _check_keys(where, data, (*common, "body"))
        template.parts["body"] = _string(f"{where} body", data.get("body"))
    elif kind == "VOICE":
        _check_keys(where, data, (*common, "body", "voiceId", "languageCode"))
        template.parts["body"] = _string(f"{where} body", data.get("body"))
        language = data.get("languageCode")
        template.voice = _voice(
            where,
            _string(f"{where} voiceId", data.get("voiceId")),
            None if language is None else _string(f"{where} languageCode", language),
        )
    else:
        _check_keys(where, data, (*common, *_PUSH_SECTIONS))
        for section in _PUSH_SECTIONS:
            if section in data:
                values = _object(f"{where} {section}", data[section])
                _check_keys(f"{where} {section}", values, tuple(_PUSH_KEYS))
                template.sections[section] = {
                    key: _string(f"{where} {section}.{key}", value) for key, value in values.items()
                }
        if not template.sections:
            raise PreviewError(f"{where} needs at least one of {', '.join(_PUSH_SECTIONS)}")
    return template


def _from_cloudformation(
    path: Path, data: dict[str, Any], template_name: str | None
) -> MessageTemplate:
    resources = _object(f"template file '{path}' Resources", data["Resources"])
    found = {
        logical_id: resource
        for logical_id, resource in resources.items()
        if isinstance(resource, dict) and resource.get("Type") in _CFN_TYPES
    }
    if not found:
        raise PreviewError(f"template file '{path}' has no Pinpoint message template")

    def name_of(logical_id: str) -> str:
        value = found[logical_id].get("Properties", {}).get("TemplateName")
        return value if isinstance(value, str) else logical_id

    if template_name is None:
        if len(found) > 1:
            names = ", ".join(sorted(name_of(logical_id) for logical_id in found))
            raise PreviewError(
                f"template file '{path}' has {len(found)} message templates ({names}); choose "
                "one with --template-name"
            )
        (logical_id,) = found
    else:
        matches = [lid for lid in found if template_name in (lid, name_of(lid))]
        if not matches:
            names = ", ".join(sorted(name_of(logical_id) for logical_id in found))
            raise PreviewError(
                f"template file '{path}' has no message template named {template_name!r}; it "
                f"has: {names}"
            )
        logical_id = matches[0]
    resource = found[logical_id]
    kind = _CFN_TYPES[resource["Type"]]
    name = name_of(logical_id)
    if kind == "INAPP":
        raise PreviewError(
            f"{name}: in-app templates have no variables; there is nothing to render"
        )
    properties = _object(f"{logical_id} Properties", resource.get("Properties", {}))

    def literal(key: str, value: Any) -> str:
        if not isinstance(value, str):
            raise PreviewError(
                f"{logical_id} property {key} is not a literal string (it is resolved at deploy "
                f"time: {json.dumps(value)[:80]}); the preview cannot render it"
            )
        return value

    defaults: dict[str, str] = {}
    if "DefaultSubstitutions" in properties:
        raw = literal("DefaultSubstitutions", properties["DefaultSubstitutions"])
        try:
            parsed = json.loads(raw)
        except json.JSONDecodeError as error:
            raise PreviewError(
                f"{logical_id} DefaultSubstitutions is not valid JSON: {error.msg}"
            ) from None
        defaults = _defaults(f"{logical_id} DefaultSubstitutions", parsed)
    template = MessageTemplate(kind=kind, name=name, defaults=defaults)
    if kind == "EMAIL":
        for key, part in (("Subject", "subject"), ("HtmlPart", "html"), ("TextPart", "text")):
            if key in properties:
                template.parts[part] = literal(key, properties[key])
    elif kind == "SMS":
        template.parts["body"] = literal("Body", properties.get("Body"))
    elif kind == "VOICE":
        template.parts["body"] = literal("Body", properties.get("Body"))
        language = properties.get("LanguageCode")
        template.voice = _voice(
            logical_id,
            literal("VoiceId", properties.get("VoiceId")),
            None if language is None else literal("LanguageCode", language),
        )
    else:
        for cfn_key, section in _CFN_PUSH_SECTIONS.items():
            values = properties.get(cfn_key)
            if isinstance(values, dict):
                template.sections[section] = {
                    key[0].lower() + key[1:]: literal(f"{cfn_key}.{key}", value)
                    for key, value in values.items()
                }
    return template


def _voice(where: str, voice_id: str, language_code: str | None) -> tuple[str, str]:
    """The voice and its language, checked as ``VoiceTemplate`` checks them."""
    try:
        return voice_id, check_voice(voice_id, language_code)
    except ValueError as error:
        raise PreviewError(f"{where}: {error}", status=1) from None


def load_endpoint(path: Path) -> dict[str, Any]:
    """Read a sample endpoint (or a ``GetEndpoint`` response)."""
    data = _object(f"endpoint file '{path}'", _read_json(path, "endpoint"))
    if set(data) == {"EndpointResponse"}:
        data = _object(f"endpoint file '{path}' EndpointResponse", data["EndpointResponse"])
    return data


# ---- rendering -----------------------------------------------------------------------------


def _has_value(context: Any, variable: str) -> bool:
    node = context
    for segment in variable.split("."):
        if not isinstance(node, dict) or is_missing(node.get(segment)):
            return False
        node = node[segment]
    return True


@dataclass
class Preview:
    """A rendered template."""

    template: MessageTemplate
    #: EMAIL/SMS/VOICE: part -> rendered text; PUSH: "section.key" -> rendered (or literal) text.
    rendered: dict[str, str]
    #: Variables the endpoint and defaults leave empty, as messages.
    warnings: list[str]


def render_preview(
    template: MessageTemplate, endpoint: Mapping[str, Any], *, now: datetime | None = None
) -> Preview:
    """Check and render ``template`` for ``endpoint``; raise ``PreviewError`` (status 1) for
    a template error."""
    fields = template.template_fields()
    try:
        uses = check_handlebars(template.label, fields)
    except ValueError as error:
        raise PreviewError(str(error), status=1) from None
    context = endpoint_context(endpoint, template.defaults)
    warnings = [
        f"{template.label} {use.field} (line {use.line}, column {use.column}) uses "
        f"{use.variable}, which neither the endpoint nor the default substitutions give; it "
        "renders empty"
        for use in uses
        if not _has_value(context, use.variable)
    ]
    clock = (lambda: now) if now is not None else None
    rendered: dict[str, str] = {}
    for label, source in fields:
        parsed = parse_field(template.label, label, source)
        try:
            rendered[label] = render_pinpoint(parsed, context, clock=clock)
        except HandlebarsRuntimeError as error:
            raise PreviewError(f"{template.label} {label}: {error}", status=1) from None
        except RecursionError:
            raise PreviewError(
                f"{template.label} {label}: rendering recursed too deeply (a partial that "
                "includes itself?)",
                status=1,
            ) from None
    if template.kind == "PUSH":
        for section, values in template.sections.items():
            for key, value in values.items():
                rendered.setdefault(f"{section}.{key}", value)
    return Preview(template=template, rendered=rendered, warnings=warnings)


def format_preview(preview: Preview, endpoint: Mapping[str, Any]) -> str:
    """The preview as an HTML page (email) or text (SMS, push)."""
    template = preview.template
    if template.kind == "EMAIL":
        return _email_page(preview, endpoint)
    if template.kind == "SMS":
        return preview.rendered["body"] + "\n"
    if template.kind == "VOICE" and template.voice is not None:
        voice_id, language = template.voice
        return f"Voice: {voice_id} ({language})\n\n{preview.rendered['body']}\n"
    lines: list[str] = []
    for section, values in template.sections.items():
        lines.append(f"[{section}]")
        for key, label in _PUSH_KEYS.items():
            if key in values:
                lines.append(f"{label}: {preview.rendered[f'{section}.{key}']}")
        lines.append("")
    return "\n".join(lines)


def _email_page(preview: Preview, endpoint: Mapping[str, Any]) -> str:
    template = preview.template
    rendered = preview.rendered
    subject = rendered.get("subject", "")
    address = endpoint.get("Address")
    rows = [("Template", f"{template.name} (EMAIL)")]
    if isinstance(address, str):
        rows.append(("To", address))
    rows.append(("Subject", subject))
    header = "\n".join(
        f"    <dt>{html.escape(key)}</dt><dd>{html.escape(value)}</dd>" for key, value in rows
    )
    sections = []
    if "html" in rendered:
        sections.append(
            "  <section>\n    <h2>HTML part</h2>\n"
            f'    <iframe title="HTML part" sandbox srcdoc="{html.escape(rendered["html"])}">'
            "</iframe>\n  </section>"
        )
    if "text" in rendered:
        sections.append(
            "  <section>\n    <h2>Text part</h2>\n"
            f"    <pre>{html.escape(rendered['text'])}</pre>\n  </section>"
        )
    body = "\n".join(sections)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Preview: {html.escape(subject)}</title>
  <style>
    body {{ font-family: system-ui, sans-serif; margin: 0; background: #f3f4f6; }}
    header, section {{ max-width: 60rem; margin: 1rem auto; background: #fff; padding: 1rem; }}
    dl {{ display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; margin: 0; }}
    dt {{ font-weight: 600; }} dd {{ margin: 0; }}
    h2 {{ font-size: 1rem; margin: 0 0 .5rem; color: #4b5563; }}
    iframe {{ width: 100%; height: 70vh; border: 1px solid #e5e7eb; }}
    pre {{ white-space: pre-wrap; margin: 0; }}
  </style>
</head>
<body>
  <header>
    <dl>
{header}
    </dl>
  </header>
{body}
</body>
</html>
"""


# ---- command line --------------------------------------------------------------------------


def _parse_now(value: str) -> datetime:
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"not an ISO 8601 date and time (e.g. 2026-05-01T09:00:00Z): {value!r}"
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Render a Pinpoint message template for a sample endpoint: HTML for "
        "email (open it in a browser), text for SMS, push and voice.",
    )
    parser.add_argument(
        "template",
        type=Path,
        help="a template file (JSON, the library's format) or a synthesized stack template "
        "(cdk.out/<Stack>.template.json)",
    )
    parser.add_argument("--endpoint", type=Path, help="the sample endpoint, as JSON")
    parser.add_argument(
        "--attributes",
        type=Path,
        help="sample attributes for an Amazon Q in Connect template, shaped as "
        "RenderMessageTemplate's attributes (see pinpoint_constructs.connect.message_templates"
        ".preview)",
    )
    parser.add_argument("--out", type=Path, help="write here instead of standard output")
    parser.add_argument(
        "--template-name",
        help="which message template of a stack template (its TemplateName or logical id)",
    )
    parser.add_argument(
        "--now",
        type=_parse_now,
        help="the time the now helper shows (ISO 8601); default: the current time",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; returns the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.attributes is not None:
        if args.endpoint is not None:
            parser.error("give --endpoint (a Pinpoint template) or --attributes, not both")
        return _connect_main(args)
    if args.endpoint is None:
        parser.error("the following arguments are required: --endpoint")
    try:
        template = load_template(args.template, args.template_name)
        endpoint = load_endpoint(args.endpoint)
        preview = render_preview(template, endpoint, now=args.now)
        output = format_preview(preview, endpoint)
        if args.out is None:
            sys.stdout.write(output)
        else:
            try:
                args.out.write_text(output, encoding="utf-8")
            except OSError as error:
                raise PreviewError(f"cannot write '{args.out}': {error.strerror}") from None
    except PreviewError as error:
        print(f"{PROG}: error: {error}", file=sys.stderr)
        return error.status
    for warning in preview.warnings:
        print(f"{PROG}: warning: {warning}", file=sys.stderr)
    if args.out is not None:
        print(f"{PROG}: wrote {args.out}", file=sys.stderr)
    return 0


def _connect_main(args: argparse.Namespace) -> int:
    """The command for an Amazon Q in Connect template (``--attributes``)."""
    from ..connect.message_templates.preview import ConnectPreviewError, preview_main

    try:
        output = preview_main(args.template, args.attributes, args.template_name)
        if args.out is None:
            sys.stdout.write(output)
        else:
            args.out.write_text(output, encoding="utf-8")
    except ConnectPreviewError as error:
        print(f"{PROG}: error: {error}", file=sys.stderr)
        return error.status
    return 0


if __name__ == "__main__":
    sys.exit(main())
