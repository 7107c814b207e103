"""What every default stack shares: the context keys a deploy reads, and the end-of-support
acknowledgements."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from aws_cdk import Acknowledgment, Stack, Validations
from constructs import Construct

END_OF_SUPPORT_RULE = "CloudFormation-Validate::W3696"
END_OF_SUPPORT_REASON = (
    "AWS ended support for Amazon Pinpoint's engagement features (endpoints, segments, "
    "campaigns, journeys, analytics) on 2026-10-30. This stack is the pinpoint-constructs "
    "Pinpoint reference program (-c legacyPinpoint=true), kept as the source of a migration "
    "and deployable only in accounts that still have those features; the default app deploys "
    "the successor program instead. See the README's service status."
)
PUSH_APPLICATION_REASON = (
    "The Pinpoint project and its push channels continue as AWS End User Messaging Push "
    "(https://docs.aws.amazon.com/end-user-messaging/latest/userguide/nx-push.html); aws-cdk-lib "
    "flags every AWS::Pinpoint type at synth, but this stack holds none of the engagement "
    "resources that ended on 2026-10-30 (segments, campaigns, journeys, templates, event "
    "streams, application settings, the email channel)."
)


@dataclass(frozen=True)
class ContextKey:
    """A context key the default stacks read (``cdk deploy -c key=value``)."""

    default: str
    description: str


#: Every context key the default app reads, with its default and what it is for. A key given
#: on the command line (or in cdk.json / cdk.context.json) that is not here is refused, so a
#: misspelled key fails the synth instead of being ignored.
CONTEXT_KEYS: Mapping[str, ContextKey] = {
    "appName": ContextKey(
        "pinpoint-constructs-demo", "name of the End User Messaging Push application"
    ),
    "pushChannels": ContextKey(
        "true", "create the APNs and FCM push channels (their secrets must exist): true|false"
    ),
    "apnsBundleId": ContextKey("com.example.demo", "the iOS app's bundle ID (APNs channel)"),
    "apnsTeamId": ContextKey("ABCDE12345", "the Apple developer Team ID (APNs channel)"),
    "apnsKeyId": ContextKey("FGHIJ67890", "the APNs signing key's Key ID (APNs channel)"),
    "apnsTokenKeySecret": ContextKey(
        "pinpoint-constructs/apns-token-key",
        "Secrets Manager secret holding the APNs .p8 signing key",
    ),
    "fcmServiceJsonSecret": ContextKey(
        "pinpoint-constructs/fcm-service-json",
        "Secrets Manager secret holding the FCM service account JSON",
    ),
    "emailIdentity": ContextKey("example.com", "SES identity: a domain or an email address"),
    "fromAddress": ContextKey(
        "Pinpoint Constructs Demo <news@example.com>",
        "sender of the program's email, an address of emailIdentity",
    ),
    "smsSenderId": ContextKey("PPDemo", "default sender ID of the SMS configuration set"),
    "alarmEmail": ContextKey("", "email address subscribed to the deliverability alarms"),
    "legacyPinpoint": ContextKey(
        "false", "also synthesize the Pinpoint engagement reference program: true|false"
    ),
    "connectInstanceArn": ContextKey(
        "", "an existing Amazon Connect instance for the campaigns (default: create one)"
    ),
    "connectInstanceAlias": ContextKey(
        "", "alias of the created Connect instance, unique in AWS (default: from the stack path)"
    ),
    "connectSmsPhoneNumberArn": ContextKey(
        "",
        "End User Messaging SMS phone number imported into Connect for the SMS campaign "
        "(default: claim a toll-free number in connectPhoneCountry)",
    ),
    "connectPhoneCountry": ContextKey("US", "country of the claimed Connect phone number"),
    "connectEmailAddress": ContextKey(
        "",
        "the campaigns' sender address (default: news@ the created instance's "
        "<alias>.email.connect.aws domain; news@example.com with connectInstanceArn)",
    ),
    "webhookUrl": ContextKey(
        "https://hooks.example.com/pinpoint",
        "receiver of the legacy program's webhook custom channel (legacyPinpoint only)",
    ),
}

_FLAG_VALUES = {"true": True, "false": False}


class ContextError(ValueError):
    """A context key or value the default app can't use; ``app.py`` prints it as one line."""


def context(scope: Construct, key: str) -> str:
    """A string from CDK context (``cdk synth -c key=value``), or the key's documented default."""
    spec = CONTEXT_KEYS[key]
    value = scope.node.try_get_context(key)
    return spec.default if value is None else str(value)


def context_flag(scope: Construct, key: str) -> bool:
    """A ``true``/``false`` context value (``-c legacyPinpoint=true``)."""
    value = context(scope, key).strip().lower()
    if value not in _FLAG_VALUES:
        raise ContextError(f"-c {key}: expected true or false, got {context(scope, key)!r}")
    return _FLAG_VALUES[value]


def is_user_key(key: str) -> bool:
    """Whether ``key`` is a plain key a user passes (not a feature flag such as
    ``@aws-cdk/...``, a CLI setting such as ``aws:cdk:...`` or a lookup cache entry, which
    all carry a ``:``, ``/`` or ``@``)."""
    return not any(mark in key for mark in ":/@")


def check_context_keys(context_keys: Mapping[str, object]) -> None:
    """Refuse a plain context key the default app doesn't read (a misspelling, most often),
    listing the keys it knows."""
    unknown = sorted(key for key in context_keys if is_user_key(key) and key not in CONTEXT_KEYS)
    if unknown:
        known = ", ".join(sorted(CONTEXT_KEYS))
        raise ContextError(
            f"unknown context key{'s' if len(unknown) > 1 else ''} "
            f"{', '.join(repr(key) for key in unknown)}; the default app reads: {known}"
        )


def acknowledge_end_of_support(stack: Stack) -> None:
    """Acknowledge the end-of-support warning once, at stack scope, for the Pinpoint
    engagement reference program."""
    Validations.of(stack).acknowledge(
        Acknowledgment(id=END_OF_SUPPORT_RULE, reason=END_OF_SUPPORT_REASON)
    )


def acknowledge_push_application(stack: Stack) -> None:
    """Acknowledge the end-of-support warning once, at stack scope, for a stack whose only
    Pinpoint resources are the push application and its channels, which continue."""
    Validations.of(stack).acknowledge(
        Acknowledgment(id=END_OF_SUPPORT_RULE, reason=PUSH_APPLICATION_REASON)
    )
