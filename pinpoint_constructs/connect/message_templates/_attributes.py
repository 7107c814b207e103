"""The attributes an Amazon Q in Connect message template can read, and the synth-time check
of its Handlebars against them. Standard library only (no ``aws_cdk``): the preview command and
the migration tool use it as well as the constructs.

Where the names come from:

- the ``qconnect`` botocore model's ``MessageTemplateAttributes`` shape (the values
  ``RenderMessageTemplate`` and a template's ``defaultAttributes`` take): ``systemAttributes``
  (``name``, ``customerEndpoint.address``, ``systemEndpoint.address``), ``agentAttributes``
  (``firstName``, ``lastName``), ``customerProfileAttributes`` (the standard profile fields, a
  ``custom`` map, ``calculatedAttributes`` and ``recommendations``), ``customAttributes`` and
  ``caseAttributes``;
- the Amazon Connect Administrator Guide, "Add personalized content to message templates"
  (https://docs.aws.amazon.com/connect/latest/adminguide/personalize-templates.html), which
  writes them as placeholders under ``Attributes``: ``{{Attributes.Customer.FirstName}}``,
  ``{{Attributes.Customer.Attributes.<custom>}}`` (also in Pinpoint's migration page,
  https://docs.aws.amazon.com/pinpoint/latest/userguide/migrate.html, "Migrate templates"),
  ``{{Attributes.Agent.FirstName}}``, the system attributes ``CustomerEndpointAddress``,
  ``SystemEndpointAddress``, ``SystemEmailAddress`` and ``Name``, and the recommendations
  ``{{Attributes.Customer.Recommendations.[0].CatalogItem.Name}}``. The placeholders of the
  model's other maps are inferred from the same naming (PascalCase member names under their
  group): ``Attributes.Customer.CalculatedAttributes.<name>``, ``Attributes.Custom.<name>``
  and ``Attributes.Case.<name>``.

Helpers: the guide's "Use message template helpers"
(https://docs.aws.amazon.com/connect/latest/adminguide/message-template-helpers.html) says
"The built-in with helper provided by Handlebars is not supported. However, all other
Handlebars helpers are fully supported", and lists helper groups as Pinpoint's guide does
(conditional ``and``, ``eq``, ``gt``, ``gte`` ...). So: ``with`` is refused, the other
built-ins and Pinpoint's documented conditional helpers are accepted, Pinpoint's other
helpers (string, date, math and encoding) get a warning (the Connect page's full list could
not be confirmed for each of them), and any other name is an unknown helper.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Final

from ...handlebars import BUILTIN_HELPERS, SUPPORTED_HELPERS, HandlebarsSyntaxError, Reference
from ...handlebars._skeleton import references as source_references

#: ``customerProfileAttributes`` members of the ``qconnect`` model that are single values,
#: as the template writes them under ``Attributes.Customer`` (PascalCase member names).
CUSTOMER_PROFILE_FIELDS: Final[Mapping[str, str]] = {
    name[0].upper() + name[1:]: name
    for name in [
        "profileId",
        "profileARN",
        "firstName",
        "middleName",
        "lastName",
        "accountNumber",
        "emailAddress",
        "phoneNumber",
        "additionalInformation",
        "partyType",
        "businessName",
        "birthDate",
        "gender",
        "mobilePhoneNumber",
        "homePhoneNumber",
        "businessPhoneNumber",
        "businessEmailAddress",
        "address1",
        "address2",
        "address3",
        "address4",
        "city",
        "county",
        "country",
        "postalCode",
        "province",
        "state",
        "shippingAddress1",
        "shippingAddress2",
        "shippingAddress3",
        "shippingAddress4",
        "shippingCity",
        "shippingCounty",
        "shippingCountry",
        "shippingPostalCode",
        "shippingProvince",
        "shippingState",
        "mailingAddress1",
        "mailingAddress2",
        "mailingAddress3",
        "mailingAddress4",
        "mailingCity",
        "mailingCounty",
        "mailingCountry",
        "mailingPostalCode",
        "mailingProvince",
        "mailingState",
        "billingAddress1",
        "billingAddress2",
        "billingAddress3",
        "billingAddress4",
        "billingCity",
        "billingCounty",
        "billingCountry",
        "billingPostalCode",
        "billingProvince",
        "billingState",
    ]
}

#: Maps under ``Attributes.Customer`` whose keys are the user's own names, and the
#: ``customerProfileAttributes`` member each comes from.
CUSTOMER_MAPS: Final[Mapping[str, str]] = {
    "Attributes": "custom",
    "CalculatedAttributes": "calculatedAttributes",
}

#: ``Attributes.Agent`` fields (``agentAttributes``).
AGENT_FIELDS: Final[Mapping[str, str]] = {"FirstName": "firstName", "LastName": "lastName"}

#: ``Attributes.System`` fields: the model's ``systemAttributes`` (``name``,
#: ``customerEndpoint.address``, ``systemEndpoint.address``) and the guide's
#: ``SystemEmailAddress``.
SYSTEM_FIELDS: Final[Mapping[str, tuple[str, ...]]] = {
    "Name": ("name",),
    "CustomerEndpointAddress": ("customerEndpoint", "address"),
    "SystemEndpointAddress": ("systemEndpoint", "address"),
    "SystemEmailAddress": (),  # the guide's; the model has no member to set it
}

#: Top-level maps under ``Attributes`` whose keys are the user's own names.
TOP_MAPS: Final[Mapping[str, str]] = {"Custom": "customAttributes", "Case": "caseAttributes"}

#: Handlebars built-ins Connect refuses ("The built-in with helper ... is not supported").
REFUSED_HELPERS: Final = frozenset({"with"})
#: Helpers Connect's guide documents: the built-ins but ``with``, and the conditional group.
DOCUMENTED_CONNECT_HELPERS: Final = (frozenset(BUILTIN_HELPERS) - REFUSED_HELPERS) | frozenset(
    {"and", "eq", "gt", "gte", "if", "lt", "lte", "neq", "not", "or"}
)
#: Helpers Pinpoint supports that Connect's guide was not confirmed to list: a warning.
UNCONFIRMED_HELPERS: Final = SUPPORTED_HELPERS - DOCUMENTED_CONNECT_HELPERS - REFUSED_HELPERS

#: The id of the warning for a helper Connect's documentation does not confirm.
UNCONFIRMED_HELPER_WARNING: Final = "pinpoint-constructs:connectTemplateUnconfirmedHelper"


def known_paths() -> list[str]:
    """Every fixed placeholder path (the maps' keys are the user's own), for suggestions."""
    paths = [f"Attributes.Customer.{name}" for name in CUSTOMER_PROFILE_FIELDS]
    paths += [f"Attributes.Customer.{name}" for name in CUSTOMER_MAPS]
    paths.append("Attributes.Customer.Recommendations")
    paths += [f"Attributes.Agent.{name}" for name in AGENT_FIELDS]
    paths += [f"Attributes.System.{name}" for name in SYSTEM_FIELDS]
    paths += [f"Attributes.{name}" for name in TOP_MAPS]
    return paths


_GROUPS: Final = {
    "Customer": frozenset(CUSTOMER_PROFILE_FIELDS) | frozenset(CUSTOMER_MAPS) | {"Recommendations"},
    "Agent": frozenset(AGENT_FIELDS),
    "System": frozenset(SYSTEM_FIELDS),
}


def is_connect_path(path: Iterable[str]) -> bool:
    """Whether a variable (its dotted path from the root, as a tuple or list of segments) is
    one a Connect template can read: a placeholder, a group of them, or a key of a map."""
    parts = list(path)
    if not parts or parts[0] != "Attributes":
        return False
    if len(parts) == 1:
        return True
    group, rest = parts[1], parts[2:]
    if group in TOP_MAPS:
        return True
    if group not in _GROUPS:
        return False
    if not rest:
        return True
    field = rest[0]
    if field not in _GROUPS[group]:
        return False
    if group == "Customer" and (field in CUSTOMER_MAPS or field == "Recommendations"):
        return True
    return len(rest) == 1


def suggestion(path: str) -> str:
    """`` (did you mean 'X'?)`` for the closest known placeholder, or ``""``."""
    close = difflib.get_close_matches(path, known_paths(), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


@dataclass(frozen=True)
class Finding:
    """A warning about a template field (an unconfirmed helper)."""

    field: str
    line: int
    column: int
    message: str


_CHECK_HELPERS: Final = frozenset(SUPPORTED_HELPERS)


def check_connect_handlebars(
    label: str, fields: Iterable[tuple[str, str | None]]
) -> tuple[list[Reference], list[Finding]]:
    """Parse each ``(field, source)`` and check it against what Connect renders.

    Returns the variable references (every field) and the warnings (helpers Connect's
    documentation does not confirm).

    :raises ValueError: naming ``label``, the field, the line and the column, for a syntax
        error, a helper Connect refuses (``with``) or nobody provides, a partial the template
        does not define inline, or a variable outside the namespaces a Connect template can
        read (with the nearest placeholder).
    """
    variables: list[Reference] = []
    findings: list[Finding] = []
    for field, source in fields:
        if source is None:
            continue
        references = _references(label, field, source)
        defined = {ref.name for ref in references if ref.kind == "inline-partial"}
        for ref in references:
            if ref.kind == "partial" and ref.name != "@partial-block" and ref.name not in defined:
                # No partial is registered with a message template: only inline ones exist.
                raise ValueError(
                    f"{label} {field} line {ref.line}, column {ref.column}: the partial "
                    f"'{ref.name}' is not defined in the template; only inline partials "
                    f'({{{{#*inline "{ref.name}"}}}}...{{{{/inline}}}}) can be used'
                )
        for ref in references:
            if ref.kind == "helper":
                finding = _helper_finding(label, field, ref)
                if finding is not None:
                    findings.append(finding)
            elif ref.kind == "variable":
                if not is_connect_path(ref.name.split(".")):
                    raise ValueError(
                        f"{label} {field} line {ref.line}, column {ref.column}: "
                        f"'{ref.name}' is not an attribute a Connect message template can "
                        f"read{suggestion(ref.name)}; use Attributes.Customer.<profile field>, "
                        "Attributes.Customer.Attributes.<custom attribute>, "
                        "Attributes.Agent.*, Attributes.System.* or Attributes.Custom.<key>"
                    )
                variables.append(ref)
    return variables, findings


def _references(label: str, field: str, source: str) -> tuple[Reference, ...]:
    try:
        return source_references(source, _CHECK_HELPERS)
    except HandlebarsSyntaxError as error:
        lines = error.message.splitlines()
        summary = f"{lines[0]} {lines[-1]}" if len(lines) > 1 else error.message
        raise ValueError(
            f"{label} {field} line {error.line}, column {error.column}: {summary}"
        ) from error
    except RecursionError:
        raise ValueError(
            f"{label} {field}: blocks or subexpressions are nested too deeply to parse"
        ) from None


def _helper_finding(label: str, field: str, ref: Reference) -> Finding | None:
    where = f"{label} {field} line {ref.line}, column {ref.column}"
    if ref.name in REFUSED_HELPERS:
        raise ValueError(
            f"{where}: Amazon Connect message templates do not support the '{ref.name}' helper "
            "(Amazon Connect Administrator Guide, 'Use message template helpers'); write the "
            "full paths instead"
        )
    if ref.name in DOCUMENTED_CONNECT_HELPERS:
        return None
    if ref.name in UNCONFIRMED_HELPERS:
        return Finding(
            field,
            ref.line,
            ref.column,
            f"{where} uses the helper '{ref.name}', a Pinpoint helper that Amazon Connect's "
            "'Use message template helpers' page was not confirmed to list; check that "
            "RenderMessageTemplate renders it",
        )
    close = difflib.get_close_matches(ref.name, sorted(DOCUMENTED_CONNECT_HELPERS), n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    raise ValueError(f"{where}: unknown helper '{ref.name}'{hint}")


# ---- the rendering context ---------------------------------------------------------------


def connect_context(attributes: Mapping[str, Any] | None) -> dict[str, Any]:
    """The Handlebars context a template renders with, from attributes shaped as
    ``RenderMessageTemplate``'s ``attributes`` (or a template's ``defaultAttributes``):
    ``{"customerProfileAttributes": {"firstName": "Ann", "custom": {...}}, ...}`` becomes
    ``{"Attributes": {"Customer": {"FirstName": "Ann", "Attributes": {...}}}}``."""
    attributes = attributes or {}
    customer_in = attributes.get("customerProfileAttributes") or {}
    customer: dict[str, Any] = {}
    for name, member in CUSTOMER_PROFILE_FIELDS.items():
        if member in customer_in:
            customer[name] = customer_in[member]
    for name, member in CUSTOMER_MAPS.items():
        if member in customer_in:
            customer[name] = dict(customer_in[member])
    if "recommendations" in customer_in:
        customer["Recommendations"] = _pascal(customer_in["recommendations"])
    agent_in = attributes.get("agentAttributes") or {}
    agent = {name: agent_in[member] for name, member in AGENT_FIELDS.items() if member in agent_in}
    system_in = attributes.get("systemAttributes") or {}
    system: dict[str, Any] = {}
    for name, members in SYSTEM_FIELDS.items():
        if not members:
            continue
        value: Any = system_in
        for member in members:
            value = value.get(member) if isinstance(value, Mapping) else None
        if value is not None:
            system[name] = value
    root: dict[str, Any] = {}
    for key, value in (("Customer", customer), ("Agent", agent), ("System", system)):
        if value:
            root[key] = value
    for name, member in TOP_MAPS.items():
        if member in attributes:
            root[name] = dict(attributes[member])
    return {"Attributes": root}


def _pascal(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {key[:1].upper() + key[1:]: _pascal(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_pascal(item) for item in value]
    return value


def attribute_member(path: tuple[str, ...]) -> tuple[str, ...] | None:
    """Where a placeholder's value goes in ``MessageTemplateAttributes`` (camelCase members,
    the model's), or ``None`` for one that is not a single value (a group, a recommendation):
    ``("Attributes", "Customer", "Attributes", "Plan")`` -> ``("customerProfileAttributes",
    "custom", "Plan")``."""
    if len(path) < 3 or path[0] != "Attributes":
        return None
    group, field, rest = path[1], path[2], path[3:]
    if group == "Customer":
        if field in CUSTOMER_PROFILE_FIELDS and not rest:
            return ("customerProfileAttributes", CUSTOMER_PROFILE_FIELDS[field])
        if field in CUSTOMER_MAPS and len(rest) == 1:
            return ("customerProfileAttributes", CUSTOMER_MAPS[field], rest[0])
        return None
    if group == "Agent" and field in AGENT_FIELDS and not rest:
        return ("agentAttributes", AGENT_FIELDS[field])
    if group == "System" and SYSTEM_FIELDS.get(field) and not rest:
        return ("systemAttributes", *SYSTEM_FIELDS[field])
    if group in TOP_MAPS and not rest:
        return (TOP_MAPS[group], field)
    return None


def nest(flat: Iterable[tuple[tuple[str, ...], str]]) -> dict[str, Any]:
    """``[(member path, value), ...]`` as a nested ``MessageTemplateAttributes`` dict."""
    nested: dict[str, Any] = {}
    for members, value in flat:
        node = nested
        for member in members[:-1]:
            node = node.setdefault(member, {})
        node[members[-1]] = value
    return nested


def flatten_attributes(
    attributes: Mapping[str, Any], prefix: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], Any]]:
    """``MessageTemplateAttributes`` as ``(member path, value)`` pairs (lists kept whole)."""
    for key, value in attributes.items():
        if isinstance(value, Mapping):
            yield from flatten_attributes(value, (*prefix, key))
        else:
            yield (*prefix, key), value
