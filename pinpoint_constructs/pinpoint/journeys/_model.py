"""Validation of a journey request against botocore's Pinpoint service model.

CDK tokens (segment ids, template names, function ARNs ... known only at deploy time) are
replaced with placeholders of the type the model expects at their place, so botocore checks
the structure, member names, types and enums of everything else.
"""

from __future__ import annotations

import functools
from typing import Any

import botocore
import botocore.session
from botocore.model import Shape
from botocore.validate import ParamValidator

from ..._validation import is_unresolved

#: The request shape the journey handler sends (CreateJourney / UpdateJourney).
REQUEST_SHAPE = "WriteJourneyRequest"

_PLACEHOLDERS: dict[str, Any] = {
    "string": "token",
    "integer": 1,
    "long": 1,
    "double": 1.0,
    "float": 1.0,
    "boolean": True,
    "timestamp": "2000-01-01T00:00:00Z",
}


@functools.cache
def request_shape() -> Shape:
    """The ``WriteJourneyRequest`` shape of the installed botocore's Pinpoint model."""
    model = botocore.session.get_session().get_service_model("pinpoint")
    return model.shape_for(REQUEST_SHAPE)


def _placeholder(shape: Shape) -> Any:
    enum = getattr(shape, "enum", None)
    if enum:
        return enum[0]
    return _PLACEHOLDERS.get(shape.type_name)


def with_placeholders(value: Any, shape: Shape) -> Any:
    """``value`` with every unresolved token replaced by a value of ``shape``'s type."""
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        if is_unresolved(value):
            placeholder = _placeholder(shape)
            return value if placeholder is None else placeholder
        return value
    if isinstance(value, dict):
        if shape.type_name == "structure":
            members = shape.members
            return {
                key: with_placeholders(item, members[key]) if key in members else item
                for key, item in value.items()
            }
        if shape.type_name == "map":
            value_shape = shape.value
            return {key: with_placeholders(item, value_shape) for key, item in value.items()}
        return value
    if isinstance(value, list) and shape.type_name == "list":
        member = shape.member
        return [with_placeholders(item, member) for item in value]
    return value


def model_report(request: dict[str, Any]) -> str | None:
    """botocore's validation report for ``request`` as a ``WriteJourneyRequest``, or None."""
    shape = request_shape()
    report = ParamValidator().validate(with_placeholders(request, shape), shape)
    if not report.has_errors():
        return None
    return (
        f"the journey request does not match the {REQUEST_SHAPE} shape of the Pinpoint model "
        f"in botocore {botocore.__version__}: {report.generate_report()}"
    )
