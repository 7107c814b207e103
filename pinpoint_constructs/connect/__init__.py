"""Amazon Connect constructs: the services that carry a Pinpoint engagement program after
Pinpoint's end of support. The Connect instance pieces, Amazon Q in Connect message templates
(``connect.message_templates``), outbound campaigns and journeys.

Public names are listed in ``__init__.pyi`` and imported on first use (see
``pinpoint_constructs._lazy``), so the template conversion and the preview command import no
aws-cdk-lib."""

from .._lazy import attach

__getattr__, __dir__, __all__ = attach(__name__, __file__)
