"""Amazon Pinpoint: the project (``PinpointApp``) and its channels, which continue as AWS End
User Messaging Push (APNs, FCM, Baidu, ADM) and SMS/voice, and the engagement constructs whose
features AWS ended on 2026-10-30 (segments, templates, campaigns, journeys, event streaming,
custom and template-rendering channels, recommenders). Those are kept as the reference and as
the source of a migration to the successor services (``pinpoint_constructs.profiles``,
``.connect``, ``.ses``, ``.sms_voice``).

Every public name here is also importable from ``pinpoint_constructs``.
"""

from .._lazy import attach

# The public names are listed in __init__.pyi and imported on first use (see _lazy).
__getattr__, __dir__, __all__ = attach(__name__, __file__)
