"""Amazon Q in Connect message templates: the successor of Pinpoint's message templates
(constructs, the synth-time Handlebars check, the conversion from Pinpoint). Public names are
listed in ``__init__.pyi`` and imported on first use, so the conversion and the preview need
no aws-cdk-lib."""

from ..._lazy import attach

__getattr__, __dir__, __all__ = attach(__name__, __file__)
