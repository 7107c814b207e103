"""``Custom::PinpointVoiceTemplate``: a voice message template.

ResourceProperties (strings, as CloudFormation sends them): ``TemplateName``, ``Body``,
``LanguageCode``, ``VoiceId``; optional ``TemplateDescription``, ``DefaultSubstitutions`` (the
JSON string) and ``Tags`` (a map). The physical id is the template name; ``Data`` carries
``TemplateName`` and ``Arn``.

Service calls, exactly:

- Create: CreateVoiceTemplate (with the tags).
- Update, same name: UpdateVoiceTemplate (overwrites the latest version; the service ignores
  tags on updates since 2023-05-22, so changed tags go through UntagResource and TagResource).
- Update, new name: replacement, i.e. CreateVoiceTemplate of the new name; CloudFormation then
  deletes the old one. When that name exists already with exactly the requested content and
  tags (GetVoiceTemplate), it is kept as it is: that is the rollback of a rename, which returns
  to the original template while the renamed one still exists (CloudFormation deletes that one
  afterwards). Any other existing template makes the update fail with the service's message.
- Delete: DeleteVoiceTemplate; a template already gone counts as deleted.
"""

from __future__ import annotations

from typing import Any

from common.arns import mobiletargeting_arn
from common.aws import ServiceError

from message_templates.calls import Pinpoint, optional, required, service_token

RESOURCE_TYPE = "Custom::PinpointVoiceTemplate"
#: The request fields besides the body, language and voice.
_OPTIONAL_FIELDS = ("TemplateDescription", "DefaultSubstitutions")


def template_arn(service_token: str, name: str) -> str:
    """``arn:...:templates/<name>/VOICE`` in the account and region of the service token."""
    return mobiletargeting_arn(service_token, f"templates/{name}/VOICE")


def voice_template_request(props: dict[str, Any]) -> dict[str, Any]:
    """The ``VoiceTemplateRequest`` of the properties, without tags."""
    return {
        "Body": required(props, "Body"),
        "LanguageCode": required(props, "LanguageCode"),
        "VoiceId": required(props, "VoiceId"),
        **optional(props, *_OPTIONAL_FIELDS),
    }


def on_event(event: dict[str, Any], pinpoint: Pinpoint) -> dict[str, Any]:
    """Create, update (or replace) or delete the voice template."""
    props = event.get("ResourceProperties") or {}
    request_type = event["RequestType"]
    if request_type == "Delete":
        name = event["PhysicalResourceId"]
        pinpoint.call_unless_gone(
            "delete_voice_template", f"voice template {name!r}", TemplateName=name
        )
        return {"PhysicalResourceId": name}
    name = required(props, "TemplateName")
    arn = template_arn(service_token(event), name)
    tags = dict(props.get("Tags") or {})
    if request_type == "Create" or name != event.get("PhysicalResourceId"):
        request = voice_template_request(props)
        if tags:
            request["tags"] = tags
        try:
            pinpoint.call(
                "create_voice_template",
                f"voice template {name!r}",
                TemplateName=name,
                VoiceTemplateRequest=request,
            )
        except ServiceError:
            if request_type != "Update" or not _exists_as_requested(pinpoint, name, props):
                raise
    elif request_type == "Update":
        pinpoint.call(
            "update_voice_template",
            f"voice template {name!r}",
            TemplateName=name,
            CreateNewVersion=False,
            VoiceTemplateRequest=voice_template_request(props),
        )
        old_tags = dict((event.get("OldResourceProperties") or {}).get("Tags") or {})
        _retag(pinpoint, arn, old_tags, tags)
    else:
        raise ValueError(f"unknown RequestType {request_type!r}")
    return {"PhysicalResourceId": name, "Data": data(event, name)}


def data(event: dict[str, Any], name: str | None = None) -> dict[str, str]:
    """The attributes of the template named ``name`` (default: the physical id)."""
    name = name or event["PhysicalResourceId"]
    return {"TemplateName": name, "Arn": template_arn(service_token(event), name)}


def _exists_as_requested(pinpoint: Pinpoint, name: str, props: dict[str, Any]) -> bool:
    """Whether the template ``name`` exists with exactly the content and tags of ``props``."""
    response = pinpoint.call_unless_gone(
        "get_voice_template", f"voice template {name!r}", TemplateName=name
    )
    if response is None:
        return False
    current = response.get("VoiceTemplateResponse") or {}
    wanted = voice_template_request(props)
    fields = ("Body", "LanguageCode", "VoiceId", *_OPTIONAL_FIELDS)
    return {key: current.get(key) for key in fields} == {
        key: wanted.get(key) for key in fields
    } and dict(current.get("tags") or {}) == dict(props.get("Tags") or {})


def _retag(pinpoint: Pinpoint, arn: str, old: dict[str, str], new: dict[str, str]) -> None:
    removed = sorted(set(old) - set(new))
    changed = {key: value for key, value in new.items() if old.get(key) != value}
    if removed:
        pinpoint.call("untag_resource", arn, ResourceArn=arn, TagKeys=removed)
    if changed:
        pinpoint.call("tag_resource", arn, ResourceArn=arn, TagsModel={"tags": changed})
