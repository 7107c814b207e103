"""``Custom::PinpointTemplateRecommender``: sets ``RecommenderId`` on an email, SMS or push
template that CloudFormation manages (its template resources have no such property).

ResourceProperties: ``TemplateName``, ``TemplateType`` (``EMAIL``, ``SMS`` or ``PUSH``),
``RecommenderId`` and ``ContentHash`` (a digest of the template resource's properties: when
CloudFormation rewrites the template, which drops the recommender, the digest changes and this
resource sets it again). The physical id is ``<TemplateName>/<TemplateType>`` of the create and
stays the same on every update: a renamed template is a new CloudFormation resource (the old
one is deleted with its recommender), so an update only sets the recommender on the template
it names now, and a delete clears it from the template the last properties name.

The update APIs replace the whole template version, so setting the recommender reads the
template first and writes it back with every request field the service model's
``<Kind>TemplateRequest`` has (tags excepted: the service ignores them on updates):

- Create, Update: Get<Kind>Template, then Update<Kind>Template (latest version, no new version)
  with ``RecommenderId``.
- Delete: Get<Kind>Template and, if the template still uses this recommender,
  Update<Kind>Template without ``RecommenderId``. A template already gone counts as done.
"""

from __future__ import annotations

from typing import Any

from message_templates.calls import Pinpoint, required

RESOURCE_TYPE = "Custom::PinpointTemplateRecommender"

#: Template kind -> (client method suffix, request shape, response key).
KINDS: dict[str, tuple[str, str, str]] = {
    "EMAIL": ("email_template", "EmailTemplateRequest", "EmailTemplateResponse"),
    "SMS": ("sms_template", "SMSTemplateRequest", "SMSTemplateResponse"),
    "PUSH": (
        "push_template",
        "PushNotificationTemplateRequest",
        "PushNotificationTemplateResponse",
    ),
}


def _kind(props: dict[str, Any]) -> tuple[str, str, str]:
    kind = required(props, "TemplateType")
    if kind not in KINDS:
        raise ValueError(f"TemplateType must be one of {', '.join(KINDS)}, got {kind!r}")
    return KINDS[kind]


def _write_back(
    pinpoint: Pinpoint, props: dict[str, Any], recommender_id: str | None, *, on_delete: bool
) -> None:
    name = required(props, "TemplateName")
    suffix, request_shape, response_key = _kind(props)
    what = f"template {name!r}"
    response = pinpoint.call_unless_gone(f"get_{suffix}", what, TemplateName=name)
    if response is None:
        if on_delete:
            return
        raise ValueError(f"{what} ({props['TemplateType']}) does not exist")
    current = response[response_key]
    if on_delete and current.get("RecommenderId") != props.get("RecommenderId"):
        return  # someone else's recommender now: leave it
    fields = pinpoint.client.meta.service_model.shape_for(request_shape).members
    request = {
        key: value
        for key, value in current.items()
        if key in fields and key not in ("tags", "RecommenderId")
    }
    if recommender_id is not None:
        request["RecommenderId"] = recommender_id
    update = f"update_{suffix}"
    pinpoint.call(
        update,
        what,
        TemplateName=name,
        CreateNewVersion=False,
        **{request_shape: request},
    )


def on_event(event: dict[str, Any], pinpoint: Pinpoint) -> dict[str, Any]:
    """Set (Create, Update) or remove (Delete) the template's recommender."""
    props = event.get("ResourceProperties") or {}
    request_type = event["RequestType"]
    if request_type == "Delete":
        _write_back(pinpoint, props, None, on_delete=True)
        return {"PhysicalResourceId": event["PhysicalResourceId"]}
    if request_type not in ("Create", "Update"):
        raise ValueError(f"unknown RequestType {request_type!r}")
    _write_back(pinpoint, props, required(props, "RecommenderId"), on_delete=False)
    physical_id = event.get("PhysicalResourceId") if request_type == "Update" else None
    return {"PhysicalResourceId": physical_id or f"{props['TemplateName']}/{props['TemplateType']}"}
