"""What every message template shares, and what campaigns and journeys need of one."""

from __future__ import annotations

import enum
from typing import Protocol


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
