"""``Custom::QConnectMessageTemplate``: a push or WhatsApp message template on Amazon Q in
Connect, with its published, active version. CloudFormation's ``AWS::Wisdom::MessageTemplate``
models email and SMS content only; the ``qconnect`` API has all four channels.

ResourceProperties (strings, as CloudFormation sends them): ``KnowledgeBaseId``, ``Name``,
``ChannelSubtype`` (``PUSH`` or ``WHATSAPP``); optional ``Content`` (the JSON of the API's
``MessageTemplateContentProvider``; a WhatsApp template may have none), ``SourceConfiguration``
and ``DefaultAttributes`` (JSON), ``Language``, ``Description``, ``Tags`` (a map). The
physical id is the template's unqualified ARN; ``Data`` carries ``MessageTemplateArn``,
``MessageTemplateId``, ``VersionNumber`` and ``VersionArn`` (the qualified ARN a campaign
sends).

Service calls, exactly:

- Create: CreateMessageTemplate (with the tags and a ``clientToken`` made of the stack, the
  logical id and the request id, so the Provider framework's retry of the same request gets
  the template the first attempt created, not a second one), then the publication below. If
  the publication fails, DeleteMessageTemplate removes the new template and the service's
  error is raised: no half-created template stays behind.
- Publication: GetMessageTemplate of ``<id>:$ACTIVE_VERSION``; when the active version has
  the content of ``$LATEST`` (same ``messageTemplateContentSha256``: a retried request that got
  this far already), it is kept; otherwise CreateMessageTemplateVersion (with that checksum, so
  a concurrent edit fails instead of being published) and ActivateMessageTemplate.
- Update, same knowledge base and channel: UpdateMessageTemplate when the content, source,
  default attributes or language changed, UpdateMessageTemplateMetadata when the name or
  description changed, UntagResource/TagResource for changed tags, then the publication
  (which creates no version when the content did not change).
- Update, another knowledge base or channel (both immutable): replacement, i.e. the create
  above; CloudFormation then deletes the old template.
- Delete: DeleteMessageTemplate; a template (or knowledge base) already gone counts as deleted.

Throttling is retried with ``call_with_backoff``; every other service error is raised as
``ServiceError`` carrying the service's own message.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable
from typing import Any

from botocore.exceptions import ClientError
from common.aws import ServiceError, call_with_backoff, is_not_found, service_message

RESOURCE_TYPE = "Custom::QConnectMessageTemplate"
Sleep = Callable[[float], None]

#: Properties that UpdateMessageTemplate changes (as the API names them).
_CONTENT_FIELDS = ("Content", "SourceConfiguration", "DefaultAttributes", "Language")
#: Properties that UpdateMessageTemplateMetadata changes.
_METADATA_FIELDS = ("Name", "Description")
#: Properties that can't change in place (the API's create-only fields).
_REPLACING_FIELDS = ("KnowledgeBaseId", "ChannelSubtype")


class QConnect:
    """The qconnect client, with each call named in errors as the API names it."""

    def __init__(self, client: Any, sleep: Sleep = time.sleep) -> None:
        self.client = client
        self.sleep = sleep

    def call(self, method: str, what: str, **kwargs: Any) -> dict[str, Any]:
        try:
            return dict(call_with_backoff(getattr(self.client, method), sleep=self.sleep, **kwargs))
        except ClientError as error:
            raise ServiceError(
                f"{self._operation(method)} {what} failed: {service_message(error)}"
            ) from error

    def call_unless_gone(self, method: str, what: str, **kwargs: Any) -> dict[str, Any] | None:
        try:
            return dict(call_with_backoff(getattr(self.client, method), sleep=self.sleep, **kwargs))
        except ClientError as error:
            if is_not_found(error):
                return None
            raise ServiceError(
                f"{self._operation(method)} {what} failed: {service_message(error)}"
            ) from error

    def _operation(self, method: str) -> str:
        return str(self.client.meta.method_to_api_mapping.get(method, method))


def _required(props: dict[str, Any], name: str) -> str:
    value = props.get(name)
    if not isinstance(value, str) or not value:
        raise ValueError(f"{name} is required, got {value!r}")
    return value


def _json(props: dict[str, Any], name: str) -> Any:
    value = props.get(name)
    if value in (None, ""):
        return None
    try:
        return json.loads(value) if isinstance(value, str) else value
    except json.JSONDecodeError as error:
        raise ValueError(f"{name} must be JSON, got {str(value)[:80]!r}: {error}") from None


def _content_request(props: dict[str, Any]) -> dict[str, Any]:
    """The UpdateMessageTemplate/CreateMessageTemplate fields of the properties."""
    request: dict[str, Any] = {}
    content = _json(props, "Content")
    if content is not None:
        request["content"] = content
    source = _json(props, "SourceConfiguration")
    if source is not None:
        request["sourceConfiguration"] = source
    defaults = _json(props, "DefaultAttributes")
    if defaults is not None:
        request["defaultAttributes"] = defaults
    if props.get("Language"):
        request["language"] = props["Language"]
    return request


def client_token(event: dict[str, Any]) -> str:
    """The same token for every attempt at one CloudFormation request."""
    seed = "|".join(
        str(event.get(key, "")) for key in ("StackId", "LogicalResourceId", "RequestId")
    )
    return hashlib.sha256(seed.encode()).hexdigest()


def on_event(event: dict[str, Any], qconnect: QConnect) -> dict[str, Any]:
    """Create, update (or replace) or delete the template."""
    request_type = event["RequestType"]
    props = event.get("ResourceProperties") or {}
    if request_type == "Delete":
        arn = event["PhysicalResourceId"]
        kb_id, template_id = _ids(arn)
        if kb_id and template_id:
            qconnect.call_unless_gone(
                "delete_message_template",
                f"message template {arn}",
                knowledgeBaseId=kb_id,
                messageTemplateId=template_id,
            )
        return {"PhysicalResourceId": arn}
    old = event.get("OldResourceProperties") or {}
    replacing = request_type == "Create" or any(
        props.get(name) != old.get(name) for name in _REPLACING_FIELDS
    )
    if request_type not in ("Create", "Update"):
        raise ValueError(f"unknown RequestType {request_type!r}")
    if replacing:
        template = _create(event, props, qconnect)
    else:
        template = _update(event["PhysicalResourceId"], props, old, qconnect)
    return _result(template)


def _create(event: dict[str, Any], props: dict[str, Any], qconnect: QConnect) -> dict[str, Any]:
    kb_id = _required(props, "KnowledgeBaseId")
    name = _required(props, "Name")
    request = {
        "knowledgeBaseId": kb_id,
        "name": name,
        "channelSubtype": _required(props, "ChannelSubtype"),
        "clientToken": client_token(event),
        **_content_request(props),
    }
    if props.get("Description"):
        request["description"] = props["Description"]
    tags = dict(props.get("Tags") or {})
    if tags:
        request["tags"] = tags
    created = qconnect.call("create_message_template", f"message template {name!r}", **request)
    template = created["messageTemplate"]
    try:
        return _publish(template, qconnect)
    except Exception:
        qconnect.call_unless_gone(
            "delete_message_template",
            f"message template {name!r} (after its publication failed)",
            knowledgeBaseId=template["knowledgeBaseId"],
            messageTemplateId=template["messageTemplateId"],
        )
        raise


def _update(
    arn: str, props: dict[str, Any], old: dict[str, Any], qconnect: QConnect
) -> dict[str, Any]:
    kb_id, template_id = _ids(arn)
    what = f"message template {arn}"
    template: dict[str, Any] | None = None
    if any(props.get(name) != old.get(name) for name in _CONTENT_FIELDS):
        response = qconnect.call(
            "update_message_template",
            what,
            knowledgeBaseId=kb_id,
            messageTemplateId=template_id,
            **_content_request(props),
        )
        template = response["messageTemplate"]
    if any(props.get(name) != old.get(name) for name in _METADATA_FIELDS):
        metadata: dict[str, Any] = {"name": _required(props, "Name")}
        if props.get("Description"):
            metadata["description"] = props["Description"]
        response = qconnect.call(
            "update_message_template_metadata",
            what,
            knowledgeBaseId=kb_id,
            messageTemplateId=template_id,
            **metadata,
        )
        template = response["messageTemplate"]
    _retag(qconnect, arn, dict(old.get("Tags") or {}), dict(props.get("Tags") or {}))
    if template is None:
        response = qconnect.call(
            "get_message_template", what, knowledgeBaseId=kb_id, messageTemplateId=template_id
        )
        template = response["messageTemplate"]
    return _publish(template, qconnect)


def _publish(template: dict[str, Any], qconnect: QConnect) -> dict[str, Any]:
    """Make the content of ``$LATEST`` the active version (see the module docstring)."""
    kb_id, template_id = template["knowledgeBaseId"], template["messageTemplateId"]
    latest = template["messageTemplateContentSha256"]
    what = f"message template {template_id}"
    active = qconnect.call_unless_gone(
        "get_message_template",
        what,
        knowledgeBaseId=kb_id,
        messageTemplateId=f"{template_id}:$ACTIVE_VERSION",
    )
    current = (active or {}).get("messageTemplate") or {}
    if current.get("messageTemplateContentSha256") == latest and current.get("versionNumber"):
        version = int(current["versionNumber"])
    else:
        created = qconnect.call(
            "create_message_template_version",
            what,
            knowledgeBaseId=kb_id,
            messageTemplateId=template_id,
            messageTemplateContentSha256=latest,
        )
        version = int(created["messageTemplate"]["versionNumber"])
        qconnect.call(
            "activate_message_template",
            what,
            knowledgeBaseId=kb_id,
            messageTemplateId=template_id,
            versionNumber=version,
        )
    return {**template, "versionNumber": version}


def _retag(qconnect: QConnect, arn: str, old: dict[str, str], new: dict[str, str]) -> None:
    removed = sorted(set(old) - set(new))
    changed = {key: value for key, value in new.items() if old.get(key) != value}
    if removed:
        qconnect.call("untag_resource", arn, resourceArn=arn, tagKeys=removed)
    if changed:
        qconnect.call("tag_resource", arn, resourceArn=arn, tags=changed)


def _ids(arn: str) -> tuple[str, str]:
    """``(knowledge base id, template id)`` of
    ``arn:...:message-template/<kb id>/<template id>``; empty strings for anything else (a
    create that failed before the template existed has no such physical id)."""
    resource = arn.split(":", 5)[-1] if arn.startswith("arn:") else ""
    parts = resource.split("/")
    if len(parts) == 3 and parts[0] == "message-template":
        return parts[1], parts[2]
    return "", ""


def _result(template: dict[str, Any]) -> dict[str, Any]:
    arn = str(template["messageTemplateArn"]).split(":$", 1)[0]
    version = template["versionNumber"]
    return {
        "PhysicalResourceId": arn,
        "Data": {
            "MessageTemplateArn": arn,
            "MessageTemplateId": template["messageTemplateId"],
            "VersionNumber": str(version),
            "VersionArn": f"{arn}:{version}",
        },
    }
