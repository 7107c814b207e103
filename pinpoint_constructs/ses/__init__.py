"""Amazon SES, where Pinpoint's email moved: the account's contact list with its topics
(``ContactList``, ``Topic``), email templates checked against the Handlebars SES renders
(``SesEmailTemplate``, ``SesEmailTemplate.from_pinpoint``) and, in
:mod:`pinpoint_constructs.ses.handlebars` (no aws-cdk-lib needed), the checks and the
Pinpoint-to-SES conversion themselves."""

from .._lazy import attach

# Public names are listed in __init__.pyi and imported on first use, so the Handlebars
# module imports without aws-cdk-lib.
__getattr__, __dir__, __all__ = attach(__name__, __file__)
