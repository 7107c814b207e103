"""Recipients from an Amazon Connect outbound campaign's custom action.

A campaign (or journey) with a custom action invokes the function with::

    {"InvocationMetadata": {"CampaignContext": {"CampaignId", "CampaignName", "RunId",
                                                "ActionId"}},
     "Items": {"CustomerProfiles": [{"ProfileId", "CustomerData": "<profile as JSON>",
                                      "IdempotencyToken"}]}}

(the shape of Powertools for AWS Lambda's ``ConnectOutboundCampaignsSchema``, which parses
this event). :func:`parse_connect_invocation` turns it into the renderer's
:class:`~common.custom_channel.Invocation`: one recipient per profile, keyed by
``ProfileId``, whose address is the profile's email address (``EmailAddress``,
``PersonalEmailAddress``, ``BusinessEmailAddress``) or phone number (``MobilePhoneNumber``,
``PhoneNumber``, ``HomePhoneNumber``, ``BusinessPhoneNumber``), first found, and whose
template context has the profile as ``Attributes.Customer`` (the names Q in Connect message
templates use, e.g. ``{{Attributes.Customer.FirstName}}``) and its custom attributes as
``Attributes.Custom``. The campaign id goes where Pinpoint's would (message tags, logs).

The template is the function's ``CONNECT_TEMPLATE`` (a name, which may be a Handlebars
template rendered per recipient) on ``CONNECT_CHANNEL`` (``EMAIL`` or ``SMS``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from common.custom_channel import InvalidInvocation, Invocation

EMAIL_FIELDS = ("EmailAddress", "PersonalEmailAddress", "BusinessEmailAddress")
PHONE_FIELDS = ("MobilePhoneNumber", "PhoneNumber", "HomePhoneNumber", "BusinessPhoneNumber")


def is_connect_invocation(event: Any) -> bool:
    """Whether ``event`` is a Connect outbound campaign custom action's invocation."""
    return (
        isinstance(event, Mapping)
        and isinstance(event.get("InvocationMetadata"), Mapping)
        and "CampaignContext" in event["InvocationMetadata"]
    )


def _address(profile: Mapping[str, Any], channel: str) -> str | None:
    for name in EMAIL_FIELDS if channel == "EMAIL" else PHONE_FIELDS:
        value = profile.get(name)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def recipient(profile: Mapping[str, Any], channel: str) -> dict[str, Any]:
    """A profile as an endpoint-shaped recipient of ``channel``."""
    custom = profile.get("Attributes")
    return {
        "ChannelType": channel,
        "Address": _address(profile, channel),
        "Attributes": {
            "Customer": dict(profile),
            "Custom": dict(custom) if isinstance(custom, Mapping) else {},
        },
    }


def parse_connect_invocation(event: Mapping[str, Any], channel: str) -> Invocation:
    """The custom action's profiles as an :class:`Invocation` of ``channel`` recipients.

    Raises :class:`InvalidInvocation` naming what is wrong; a profile whose ``CustomerData``
    is not a JSON object becomes a recipient without an address (reported per recipient).
    """
    context = event["InvocationMetadata"].get("CampaignContext")
    if not isinstance(context, Mapping) or not isinstance(context.get("CampaignId"), str):
        raise InvalidInvocation("InvocationMetadata.CampaignContext.CampaignId must be a string")
    items = event.get("Items")
    profiles = items.get("CustomerProfiles") if isinstance(items, Mapping) else None
    if not isinstance(profiles, list):
        raise InvalidInvocation("Items.CustomerProfiles must be a list")
    endpoints: dict[str, Any] = {}
    for index, item in enumerate(profiles):
        if not isinstance(item, Mapping) or not isinstance(item.get("ProfileId"), str):
            raise InvalidInvocation(f"Items.CustomerProfiles[{index}].ProfileId must be a string")
        raw = item.get("CustomerData")
        try:
            profile = json.loads(raw) if isinstance(raw, str) else raw
        except ValueError:
            profile = None
        endpoints[item["ProfileId"]] = recipient(
            profile if isinstance(profile, Mapping) else {}, channel
        )
    return Invocation(
        application_id="",
        scheduled_time=None,
        endpoints=endpoints,
        campaign_id=context["CampaignId"],
        activity_id=context.get("ActionId") if isinstance(context.get("ActionId"), str) else None,
    )


__all__ = [
    "EMAIL_FIELDS",
    "PHONE_FIELDS",
    "is_connect_invocation",
    "parse_connect_invocation",
    "recipient",
]
