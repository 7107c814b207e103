"""Push from a journey on Amazon Connect: the custom action Connect invokes for a batch of
profiles renders a Q in Connect PUSH template for each profile and sends it through AWS End
User Messaging Push (Pinpoint ``SendMessages``, the profile's device tokens as addresses),
as AWS's Amplify notifications construct does (aws-amplify/amplify-backend,
``packages/backend-notifications/src/lambda/push/``).

The event (what Connect sends a journey's custom action; the Amplify construct's captured
fixture): ``{"InvocationMetadata": {"CampaignContext": {...}}, "Items": {"CustomerProfiles":
[{"ProfileId", "CustomerData" (a JSON string), "IdempotencyToken"}, ...]}}``. The answer has
one entry per profile: ``{"Items": {"CustomerProfiles": [{"Id": <ProfileId>, "ResultData":
{"status": "sent" | "skipped" | "failed" | "unknown", ...}}]}}``.

Rules: a profile that fails never fails the others (each is reported in its own entry); a
send is never retried once its request may have reached the service (the send client is
configured with ``total_max_attempts: 1``, which :func:`check_send_client` verifies, and a
failed call is reported, not repeated); device tokens and profile data are not logged.

Stdlib and boto3 only; the ``handlebars`` package ships beside this one in the asset.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError
from handlebars import HandlebarsError, render

LOG = logging.getLogger(__name__)

#: Pinpoint channel of a device, as the device object names it → the ``SendMessages`` message
#: member and ``ChannelType`` (Pinpoint API Reference, ``AddressConfiguration.ChannelType``).
CHANNELS: Mapping[str, tuple[str, str]] = {
    "APNS": ("APNSMessage", "apns"),
    "APNS_SANDBOX": ("APNSMessage", "apns"),
    "GCM": ("GCMMessage", "fcm"),
    "ADM": ("ADMMessage", "adm"),
    "BAIDU": ("BaiduMessage", "baidu"),
}


class ConfigurationError(RuntimeError):
    """The function is misconfigured (the whole invocation fails, nothing is sent)."""


@dataclass(frozen=True)
class Config:
    """What the function sends: the template (knowledge base id, template id with its version
    qualifier), the Customer Profiles domain and device object type, the Pinpoint project."""

    knowledge_base_id: str
    message_template_id: str
    domain_name: str
    device_object_type: str
    application_id: str


def check_send_client(pinpoint: Any) -> None:
    """Raise unless the send client makes one attempt per call (botocore's ``max_attempts``
    counts retries; ``total_max_attempts`` counts attempts)."""
    retries = getattr(getattr(pinpoint, "meta", None), "config", None)
    retries = getattr(retries, "retries", None) or {}
    if retries.get("total_max_attempts") != 1:
        raise ConfigurationError(
            "the Pinpoint send client must make one attempt per call "
            f'(Config(retries={{"total_max_attempts": 1}})), got retries={retries!r}'
        )


def load_template(qconnect: Any, config: Config) -> dict[str, Any]:
    """The PUSH content of the template version (``GetMessageTemplate``)."""
    try:
        answer = qconnect.get_message_template(
            knowledgeBaseId=config.knowledge_base_id,
            messageTemplateId=config.message_template_id,
        )
    except ClientError as error:
        raise ConfigurationError(
            f"GetMessageTemplate {config.message_template_id}: "
            f"{error.response.get('Error', {}).get('Message', error)}"
        ) from error
    template = answer["messageTemplate"]
    push = (template.get("content") or {}).get("push")
    if template.get("channelSubtype") != "PUSH" or not push:
        raise ConfigurationError(
            f"message template {config.message_template_id} is not a PUSH template "
            f"(channelSubtype {template.get('channelSubtype')!r})"
        )
    return {"push": push, "defaults": template.get("defaultAttributes") or {}}


def parse_event(event: Any) -> list[dict[str, Any]]:
    """The profiles of a Connect custom-action event; malformed entries are left out."""
    items = event.get("Items") if isinstance(event, Mapping) else None
    profiles = items.get("CustomerProfiles") if isinstance(items, Mapping) else None
    targets = []
    for entry in profiles if isinstance(profiles, list) else []:
        if not isinstance(entry, Mapping) or not isinstance(entry.get("ProfileId"), str):
            continue
        data = entry.get("CustomerData")
        if isinstance(data, str):
            try:
                data = json.loads(data)
            except ValueError:
                data = None
        targets.append(
            {"profile_id": entry["ProfileId"], "data": data if isinstance(data, Mapping) else {}}
        )
    return targets


def devices(profiles: Any, config: Config, profile_id: str) -> list[tuple[str, str]]:
    """``(channel, token)`` of each device object of the profile (``ListProfileObjects``,
    paged); objects without a token or with an unknown channel are left out."""
    found = []
    token = None
    while True:
        request = {
            "DomainName": config.domain_name,
            "ObjectTypeName": config.device_object_type,
            "ProfileId": profile_id,
        }
        if token:
            request["NextToken"] = token
        page = profiles.list_profile_objects(**request)
        for item in page.get("Items") or []:
            try:
                obj = json.loads(item.get("Object") or "")
            except ValueError:
                continue
            channel = str(obj.get("channelType", "")).upper()
            address = obj.get("deviceToken")
            if channel in CHANNELS and isinstance(address, str) and address:
                found.append((channel, address))
        token = page.get("NextToken")
        if not token:
            return found


def _render_field(value: Any, context: Mapping[str, Any]) -> Any:
    if isinstance(value, Mapping) and "content" in value:
        return render(str(value["content"]), context)
    if isinstance(value, str):
        return render(value, context)
    return None


def message(
    template: Mapping[str, Any], channel: str, context: Mapping[str, Any]
) -> dict[str, Any]:
    """The ``SendMessages`` message member for ``channel``, the template's fields rendered."""
    member, key = CHANNELS[channel]
    content = template["push"].get(key) or {}
    rendered = {
        "Title": _render_field(content.get("title"), context),
        "Body": _render_field(content.get("body"), context),
        "Action": content.get("action"),
        "Sound": content.get("sound"),
        "Url": content.get("url"),
        "RawContent": _render_field(content.get("rawContent"), context),
    }
    return {member: {k: v for k, v in rendered.items() if v is not None}}


def send_profile(
    pinpoint: Any,
    profiles: Any,
    config: Config,
    template: Mapping[str, Any],
    target: Mapping[str, Any],
) -> dict[str, Any]:
    """Send to one profile's devices; the result for its answer entry (never raises)."""
    profile_id = target["profile_id"]
    context = {**template["defaults"], **target["data"]}
    try:
        found = devices(profiles, config, profile_id)
    except (ClientError, BotoCoreError) as error:
        return {"status": "failed", "reason": f"device lookup: {type(error).__name__}"}
    if not found:
        return {"status": "skipped", "reason": "no_devices"}
    addresses = {}
    configuration: dict[str, Any] = {}
    try:
        for channel, address in found:
            addresses[address] = {"ChannelType": channel}
            configuration.update(message(template, channel, context))
    except HandlebarsError as error:
        return {"status": "failed", "reason": f"render: {error}"}
    try:
        answer = pinpoint.send_messages(
            ApplicationId=config.application_id,
            MessageRequest={"Addresses": addresses, "MessageConfiguration": configuration},
        )
    except ClientError as error:
        # The service answered: nothing was sent (not retried).
        return {"status": "failed", "reason": error.response.get("Error", {}).get("Code", "")}
    except BotoCoreError as error:
        # The request may have reached the service: reported, never resent.
        return {"status": "unknown", "reason": type(error).__name__}
    results = answer.get("MessageResponse", {}).get("Result") or {}
    delivered = sum(1 for r in results.values() if r.get("DeliveryStatus") == "SUCCESSFUL")
    return {
        "status": "sent" if delivered else "failed",
        "devices": len(found),
        "delivered": delivered,
    }


def handle(
    event: Any, *, qconnect: Any, profiles: Any, pinpoint: Any, config: Config
) -> dict[str, Any]:
    """Render and send the push template to every profile of ``event``."""
    check_send_client(pinpoint)
    template = load_template(qconnect, config)
    entries = []
    for target in parse_event(event):
        result = send_profile(pinpoint, profiles, config, template, target)
        entries.append({"Id": target["profile_id"], "ResultData": result})
    LOG.info(
        "push batch",
        extra={
            "counts": {
                s: sum(1 for e in entries if e["ResultData"]["status"] == s)
                for s in ("sent", "skipped", "failed", "unknown")
            }
        },
    )
    return {"Items": {"CustomerProfiles": entries}}
