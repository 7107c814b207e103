"""Engagement analytics: the event archive (S3, Glue, Athena), the CloudWatch engagement
dashboard and the metrics it shows. The offline HTML report is
``python -m pinpoint_constructs.cli.report``."""

from .._lazy import attach

# The public names are listed in __init__.pyi and imported on first use, so importing a
# part of the library that needs no aws-cdk-lib (the Handlebars engine, the preview and
# report CLIs) does not start the jsii kernel.
__getattr__, __dir__, __all__ = attach(__name__, __file__)
