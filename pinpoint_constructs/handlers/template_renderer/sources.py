"""Where the renderer's templates come from: Pinpoint, Amazon SES, Amazon Q in Connect message
templates, or files shipped in the function's asset. Each source returns a
:class:`RawTemplate` (sources of the parts, headers, default substitutions); the logic
compiles and caches it the same way whatever the source.

``TEMPLATE_SOURCE`` (environment) chooses one: ``pinpoint`` (the default), ``ses``,
``qconnect`` (with ``QCONNECT_KNOWLEDGE_BASE_ID``) or ``files`` (with ``TEMPLATE_FILES_DIR``).

- Pinpoint: ``GetEmailTemplate`` / ``GetSmsTemplate`` (``mobiletargeting``), as before.
- SES: SES v2 ``GetEmailTemplate`` (``TemplateContent`` Subject/Html/Text); email only. SES
  templates have no default substitutions.
- Q in Connect: ``GetMessageTemplate`` (``qconnect``) with the template id or ARN as the name
  and ``<id>:<version>`` for a pinned version; ``content.email`` (subject, body html and
  plainText, headers) or ``content.sms`` (body plainText). Its ``defaultAttributes`` become
  default substitutions under the names Q in Connect templates use:
  ``Attributes.Customer.<Name>`` (customer profile attributes, first letter upper-cased:
  ``firstName`` -> ``Attributes.Customer.FirstName``), ``Attributes.Agent.<Name>``,
  ``Attributes.Custom.<key>`` and ``Attributes.System.Name``.
- Files: ``<TEMPLATE_FILES_DIR>/<channel lower-case>/<name>.json`` holding
  ``{"subject", "html", "text", "headers": [{"Name", "Value"}], "defaults": {...}}`` (email)
  or ``{"body", "defaults"}`` (SMS); names are letters, digits, ``_`` and ``-`` only, so a
  name cannot leave the directory.

Standard library and botocore only (boto3 clients are passed in).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from botocore.exceptions import ClientError
from common.aws import call_with_backoff, is_not_found, service_message

SOURCES = ("pinpoint", "ses", "qconnect", "files")
_FILE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,127}\Z")


class SourceError(Exception):
    """A template cannot be fetched: ``reason`` is ``template_not_found``,
    ``template_unavailable`` or ``template_invalid``."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True)
class RawTemplate:
    """A template as fetched: part name -> Handlebars source (``subject``/``html``/``text``
    or ``body``), email headers ``(name, value source)``, default substitutions (raw, as
    ``parse_default_substitutions`` reads them: a JSON string or a mapping), its version."""

    parts: Mapping[str, str | None]
    headers: tuple[tuple[str, str], ...] = ()
    defaults: Any = None
    version: str | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)


class TemplateSource(Protocol):
    """Fetches one template (raises :class:`SourceError`)."""

    def fetch(self, channel: str, name: str, version: str | None, attempts: int) -> RawTemplate:
        """The template ``name`` of ``channel`` (``EMAIL``/``SMS``), at ``version``."""
        ...


def _client_error(name: str, version: str | None, channel: str, error: ClientError) -> SourceError:
    if is_not_found(error):
        label = f"version {version} of " if version else ""
        return SourceError(
            "template_not_found",
            f"{label}{channel} template {name!r} not found: {service_message(error)}",
        )
    return SourceError(
        "template_unavailable", f"fetching template {name!r} failed: {service_message(error)}"
    )


class PinpointSource:
    """Pinpoint message templates (``mobiletargeting:GetEmailTemplate``/``GetSmsTemplate``)."""

    def __init__(self, client: Any) -> None:
        self._client = client

    def fetch(self, channel: str, name: str, version: str | None, attempts: int) -> RawTemplate:
        request: dict[str, Any] = {"TemplateName": name}
        if version is not None:
            request["Version"] = version
        try:
            if channel == "EMAIL":
                response = call_with_backoff(
                    self._client.get_email_template, attempts=attempts, **request
                )
                body = response["EmailTemplateResponse"]
                parts = {
                    "subject": body.get("Subject"),
                    "html": body.get("HtmlPart"),
                    "text": body.get("TextPart"),
                }
                headers = tuple(
                    (str(h["Name"]), str(h.get("Value") or ""))
                    for h in body.get("Headers") or []
                    if isinstance(h, Mapping) and h.get("Name")
                )
            else:
                response = call_with_backoff(
                    self._client.get_sms_template, attempts=attempts, **request
                )
                body = response["SMSTemplateResponse"]
                parts, headers = {"body": body.get("Body")}, ()
        except ClientError as error:
            raise _client_error(name, version, channel, error) from None
        return RawTemplate(
            parts=parts,
            headers=headers,
            defaults=body.get("DefaultSubstitutions"),
            version=body.get("Version") or version,
        )


class SesSource:
    """SES email templates (SES v2 ``GetEmailTemplate``). Email only; no versions."""

    def __init__(self, client: Any) -> None:
        self._client = client

    def fetch(self, channel: str, name: str, version: str | None, attempts: int) -> RawTemplate:
        if channel != "EMAIL":
            raise SourceError(
                "template_invalid",
                f"SES templates are email templates; {name!r} asked as {channel}",
            )
        if version is not None:
            raise SourceError(
                "template_invalid",
                f"SES templates have no versions; {name!r} asked for {version!r}",
            )
        try:
            response = call_with_backoff(
                self._client.get_email_template, attempts=attempts, TemplateName=name
            )
        except ClientError as error:
            raise _client_error(name, version, channel, error) from None
        content = response.get("TemplateContent") or {}
        return RawTemplate(
            parts={
                "subject": content.get("Subject"),
                "html": content.get("Html"),
                "text": content.get("Text"),
            }
        )


def _upper_first(name: str) -> str:
    return name[:1].upper() + name[1:]


def qconnect_defaults(attributes: Mapping[str, Any] | None) -> dict[str, str]:
    """A Q in Connect template's ``defaultAttributes`` as flat default substitutions."""
    if not attributes:
        return {}
    flat: dict[str, str] = {}
    groups = (
        ("customerProfileAttributes", "Attributes.Customer"),
        ("agentAttributes", "Attributes.Agent"),
    )
    for key, prefix in groups:
        for attribute, value in (attributes.get(key) or {}).items():
            if isinstance(value, str):
                flat[f"{prefix}.{_upper_first(attribute)}"] = value
    for attribute, value in (attributes.get("customAttributes") or {}).items():
        if isinstance(value, str):
            flat[f"Attributes.Custom.{attribute}"] = value
    system = attributes.get("systemAttributes") or {}
    if isinstance(system.get("name"), str):
        flat["Attributes.System.Name"] = system["name"]
    return flat


class QConnectSource:
    """Amazon Q in Connect message templates (``qconnect`` ``GetMessageTemplate``)."""

    def __init__(self, client: Any, knowledge_base_id: str) -> None:
        self._client = client
        self._knowledge_base_id = knowledge_base_id

    def fetch(self, channel: str, name: str, version: str | None, attempts: int) -> RawTemplate:
        template_id = f"{name}:{version}" if version is not None else name
        try:
            response = call_with_backoff(
                self._client.get_message_template,
                attempts=attempts,
                knowledgeBaseId=self._knowledge_base_id,
                messageTemplateId=template_id,
            )
        except ClientError as error:
            raise _client_error(name, version, channel, error) from None
        template = response.get("messageTemplate") or {}
        content = template.get("content") or {}
        if channel == "EMAIL":
            email = content.get("email")
            if not email:
                raise SourceError(
                    "template_invalid", f"Q in Connect template {name!r} is not an email template"
                )
            body = email.get("body") or {}
            parts = {
                "subject": email.get("subject"),
                "html": (body.get("html") or {}).get("content"),
                "text": (body.get("plainText") or {}).get("content"),
            }
            headers = tuple(
                (str(h["name"]), str(h.get("value") or ""))
                for h in email.get("headers") or []
                if isinstance(h, Mapping) and h.get("name")
            )
        else:
            sms = content.get("sms")
            if not sms:
                raise SourceError(
                    "template_invalid", f"Q in Connect template {name!r} is not an SMS template"
                )
            parts = {"body": ((sms.get("body") or {}).get("plainText") or {}).get("content")}
            headers = ()
        number = template.get("versionNumber")
        return RawTemplate(
            parts=parts,
            headers=headers,
            defaults=qconnect_defaults(template.get("defaultAttributes")),
            version=str(number) if number is not None else version,
        )


class FileSource:
    """Templates shipped as JSON files in the function's asset."""

    def __init__(self, root: str | Path) -> None:
        self._root = Path(root)

    def fetch(self, channel: str, name: str, version: str | None, attempts: int) -> RawTemplate:
        if not _FILE_NAME.match(name):
            raise SourceError(
                "template_invalid",
                f"file template names are letters, digits, _ and -, got {name!r}",
            )
        if version is not None:
            raise SourceError(
                "template_invalid",
                f"file templates have no versions; {name!r} asked for {version!r}",
            )
        path = self._root / channel.lower() / f"{name}.json"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise SourceError(
                "template_not_found", f"{channel} template {name!r} not found ({path})"
            ) from None
        except (OSError, ValueError) as error:
            raise SourceError("template_invalid", f"template file {path}: {error}") from None
        if not isinstance(data, dict):
            raise SourceError("template_invalid", f"template file {path} is not a JSON object")
        keys = ("subject", "html", "text") if channel == "EMAIL" else ("body",)
        headers = tuple(
            (str(h["Name"]), str(h.get("Value") or ""))
            for h in data.get("headers") or []
            if isinstance(h, Mapping) and h.get("Name")
        )
        return RawTemplate(
            parts={key: data.get(key) for key in keys},
            headers=headers,
            defaults=data.get("defaults"),
        )


class ConfigurationProblem(ValueError):
    """The environment names no usable source."""


def source_from_env(environ: Mapping[str, str], clients: Mapping[str, Any]) -> TemplateSource:
    """The source ``TEMPLATE_SOURCE`` names, built from ``clients`` (``pinpoint``, ``sesv2``,
    ``qconnect``; only the one needed has to be there)."""
    kind = (environ.get("TEMPLATE_SOURCE") or "pinpoint").strip()
    if kind == "pinpoint":
        return PinpointSource(clients["pinpoint"])
    if kind == "ses":
        return SesSource(clients["sesv2"])
    if kind == "qconnect":
        knowledge_base = (environ.get("QCONNECT_KNOWLEDGE_BASE_ID") or "").strip()
        if not knowledge_base:
            raise ConfigurationProblem("QCONNECT_KNOWLEDGE_BASE_ID is required with qconnect")
        return QConnectSource(clients["qconnect"], knowledge_base)
    if kind == "files":
        root = (environ.get("TEMPLATE_FILES_DIR") or "").strip()
        if not root:
            raise ConfigurationProblem("TEMPLATE_FILES_DIR is required with files")
        return FileSource(root)
    raise ConfigurationProblem(f"TEMPLATE_SOURCE must be one of {list(SOURCES)}, got {kind!r}")
