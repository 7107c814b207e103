"""What every message template shares, and what campaigns and journeys need of one."""

from __future__ import annotations

import enum
from typing import Any, Protocol


class TemplateType(enum.Enum):
    """The kinds of Pinpoint message template (the service's ``TemplateType``)."""

    EMAIL = "EMAIL"
    SMS = "SMS"
    PUSH = "PUSH"
    INAPP = "INAPP"
    VOICE = "VOICE"


class ITemplate(Protocol):
    """A message template defined in this app or imported by name."""

    @property
    def template_name(self) -> str:
        """The template's name, unique per kind in an account and region."""
        ...

    @property
    def template_arn(self) -> str:
        """``arn:<partition>:mobiletargeting:<region>:<account>:templates/<name>/<KIND>``."""
        ...

    @property
    def template_type(self) -> TemplateType:
        """The kind of template: email, SMS, push, in-app or voice."""
        ...


def check_template(
    template: Any, expected: TemplateType, *, prop: str, hint: str, mismatch: str
) -> ITemplate:
    """Return ``template`` if it is a message template (any object with a ``template_type``
    and a ``template_name``, imported templates included) of kind ``expected``.

    Errors read ``<prop> must be a message template (<hint>), got ...`` and ``<mismatch> an
    <expected> template, got template '<name>', which is an <kind> template``, so that each
    caller keeps its own wording (``email template must be``, ``SendEmail('Hi') needs``).
    """
    kind = getattr(template, "template_type", None)
    name = getattr(template, "template_name", None)
    if not isinstance(kind, TemplateType) or not isinstance(name, str):
        raise TypeError(
            f"{prop} must be a message template ({hint}), got "
            f"{type(template).__name__}: {template!r}"
        )
    if kind is not expected:
        raise ValueError(
            f"{mismatch} an {expected.value} template, got template {name!r}, which is an "
            f"{kind.value} template"
        )
    return template
