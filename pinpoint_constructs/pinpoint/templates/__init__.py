"""Message templates for Amazon Pinpoint: constructs, synth-time Handlebars checks, the
Handlebars engine and Pinpoint's helpers.

- ``EmailTemplate``, ``SmsTemplate``, ``PushTemplate``, ``InAppTemplate``, ``VoiceTemplate``:
  the constructs;
- ``parse``/``render`` (Handlebars as handlebars.js 4.7) and ``parse_pinpoint``/
  ``render_pinpoint`` (with the helpers Pinpoint supports, ``SUPPORTED_HELPERS``);
- ``python -m pinpoint_constructs.cli.preview``: render a template against a sample endpoint.
"""

from ..._lazy import attach

# The public names are listed in __init__.pyi and imported on first use, so importing a
# part of the library that needs no aws-cdk-lib (the Handlebars engine, the preview and
# report CLIs) does not start the jsii kernel.
__getattr__, __dir__, __all__ = attach(__name__, __file__)
