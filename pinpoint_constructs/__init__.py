"""L2-style AWS CDK constructs for Amazon Pinpoint (AWS End User Messaging).

Only the public API is re-exported here.
"""

from ._lazy import attach

# The public names are listed in __init__.pyi and imported on first use, so importing a
# part of the library that needs no aws-cdk-lib (the Handlebars engine, the preview and
# report CLIs) does not start the jsii kernel.
__getattr__, __dir__, __all__ = attach(__name__, __file__)
