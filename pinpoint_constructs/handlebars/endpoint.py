"""The rendering context Amazon Pinpoint gives a message template: an endpoint and the
template's default substitutions.

Pinpoint renders a template with the endpoint's values (``Address``, ``Attributes``,
``User.UserAttributes``, ``Location``, ``Demographic`` ...; custom attribute values are lists
of strings) and falls back to the template's default substitutions for a value that is
missing, null or an empty list ("Adding personalized content to message templates", Amazon
Pinpoint User Guide). Default substitutions are a flat JSON object of dotted variable names
(``{"User.UserAttributes.FirstName": "there"}``), as ``DefaultSubstitutions`` in the
template API.

Used by the preview command and by the template-rendering custom channel's Lambda function,
so both render exactly alike.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

#: Where an endpoint keeps its custom attributes, whose values are lists of strings.
LIST_ATTRIBUTES: tuple[tuple[str, ...], ...] = (("Attributes",), ("User", "UserAttributes"))


def unflatten_substitutions(flat: Mapping[str, str]) -> dict[str, Any]:
    """Dotted names back to nested objects, as a rendering context."""
    nested: dict[str, Any] = {}
    for name, value in flat.items():
        *parents, leaf = name.split(".")
        node = nested
        for parent in parents:
            child = node.get(parent)
            if not isinstance(child, dict):
                child = node[parent] = {}
            node = child
        node[leaf] = value
    return nested


def parse_default_substitutions(text: str | None) -> dict[str, str]:
    """A template's ``DefaultSubstitutions`` (a JSON object string, possibly absent) as a
    flat mapping of variable names to string values.

    :raises ValueError: for text that is not a JSON object.
    """
    if not text:
        return {}
    value = json.loads(text)
    if not isinstance(value, dict):
        raise ValueError(f"DefaultSubstitutions must be a JSON object, got {text[:80]!r}")
    return {
        str(key): item if isinstance(item, str) else json.dumps(item) for key, item in value.items()
    }


def defaults_context(defaults: Mapping[str, str]) -> dict[str, Any]:
    """The default substitutions as a context shaped like an endpoint: a default of a custom
    attribute (``Attributes.X``, ``User.UserAttributes.X``) is a one-value list, as the
    endpoint's own value would be, so ``{{X}}``, ``{{X.[0]}}`` and ``{{#each X}}`` render a
    default just as they render an endpoint's value."""
    context = unflatten_substitutions(defaults)
    for path in LIST_ATTRIBUTES:
        node: Any = context
        for key in path:
            node = node.get(key) if isinstance(node, dict) else None
        if isinstance(node, dict):
            for name, value in node.items():
                if isinstance(value, str):
                    node[name] = [value]
    return context


def is_missing(value: Any) -> bool:
    """Whether an endpoint value is absent: null, or an attribute with no values (``[]``)."""
    return value is None or (isinstance(value, list) and not value)


def merge(defaults: Any, endpoint: Any) -> Any:
    """The endpoint's values, falling back to the defaults (missing, null or empty values)."""
    if isinstance(defaults, dict) and isinstance(endpoint, dict):
        merged = dict(defaults)
        for key, value in endpoint.items():
            merged[key] = merge(defaults.get(key), value)
        return merged
    return defaults if is_missing(endpoint) else endpoint


def endpoint_context(endpoint: Mapping[str, Any], defaults: Mapping[str, str]) -> dict[str, Any]:
    """The context a template renders with for ``endpoint``, given its default substitutions
    (flat dotted names, see :func:`parse_default_substitutions`)."""
    merged: dict[str, Any] = merge(defaults_context(defaults), dict(endpoint))
    return merged


__all__ = [
    "LIST_ATTRIBUTES",
    "defaults_context",
    "endpoint_context",
    "is_missing",
    "merge",
    "parse_default_substitutions",
    "unflatten_substitutions",
]
