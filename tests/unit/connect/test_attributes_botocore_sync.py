"""The attribute names the synth-time check accepts are the installed botocore ``qconnect``
model's ``MessageTemplateAttributes`` (and its nested shapes), member for member: a member the
model adds or drops fails here instead of going unnoticed."""

from __future__ import annotations

from typing import Any

import botocore.session

from pinpoint_constructs.connect.message_templates._attributes import (
    AGENT_FIELDS,
    CUSTOMER_MAPS,
    CUSTOMER_PROFILE_FIELDS,
    SYSTEM_FIELDS,
    TOP_MAPS,
    attribute_member,
    is_connect_path,
)


def _model() -> Any:
    model = botocore.session.get_session().get_service_model("qconnect")
    return model.shape_for("MessageTemplateAttributes")


def _leaves(shape: Any, prefix: tuple[str, ...] = ()) -> dict[tuple[str, ...], str]:
    """Member path -> type (``string``, ``map``, ``list``) of every leaf of a structure."""
    found: dict[tuple[str, ...], str] = {}
    for name, member in shape.members.items():
        if member.type_name == "structure":
            found.update(_leaves(member, (*prefix, name)))
        else:
            found[(*prefix, name)] = member.type_name
    return found


def _accepted() -> dict[tuple[str, ...], str]:
    """The members the check maps placeholders to, with the same types."""
    accepted: dict[tuple[str, ...], str] = {}
    for name in CUSTOMER_PROFILE_FIELDS:
        member = attribute_member(("Attributes", "Customer", name))
        assert member is not None and is_connect_path(("Attributes", "Customer", name)), name
        accepted[member] = "string"
    for name in CUSTOMER_MAPS:
        member = attribute_member(("Attributes", "Customer", name, "key"))
        assert member is not None, name
        accepted[member[:-1]] = "map"
    accepted[("customerProfileAttributes", "recommendations")] = "list"
    for name in AGENT_FIELDS:
        member = attribute_member(("Attributes", "Agent", name))
        assert member is not None, name
        accepted[member] = "string"
    for name, members in SYSTEM_FIELDS.items():
        if not members:  # the guide's SystemEmailAddress: no model member (documented)
            continue
        member = attribute_member(("Attributes", "System", name))
        assert member is not None, name
        accepted[member] = "string"
    for name in TOP_MAPS:
        member = attribute_member(("Attributes", name, "key"))
        assert member is not None, name
        accepted[member[:-1]] = "map"
    return accepted


def test_the_accepted_attributes_are_the_models_message_template_attributes() -> None:
    model = _leaves(_model())
    accepted = _accepted()
    missing = sorted(".".join(p) for p in model.keys() - accepted.keys())
    extra = sorted(".".join(p) for p in accepted.keys() - model.keys())
    assert not missing, f"in the qconnect model, not accepted by the check: {missing}"
    assert not extra, f"accepted by the check, not in the qconnect model: {extra}"
    assert accepted == model


def test_the_only_placeholder_without_a_model_member_is_the_guides_system_email_address() -> None:
    assert [name for name, members in SYSTEM_FIELDS.items() if not members] == [
        "SystemEmailAddress"
    ]
