"""Channels: how an app reaches its endpoints (email, SMS, voice, APNs, FCM, Baidu, ADM).

Each channel is one CloudFormation resource per app (``AWS::Pinpoint::EmailChannel``,
``AWS::Pinpoint::SMSChannel`` ...). The constructs here wrap them, take every credential as a
``SecretValue`` reference (so templates carry ``{{resolve:...}}`` dynamic references, never
plaintext), and register themselves on their app, so campaigns and journeys can warn at synth
when they send through a channel the app does not have (:func:`warn_if_channel_missing`).

``PinpointApp`` has a convenience method per channel (``app.add_sms_channel(...)`` ...).
"""

from __future__ import annotations

import enum
import re
from typing import Any

import jsii
from aws_cdk import Annotations, ArnFormat, Resource, SecretValue, Stack
from aws_cdk import aws_iam as iam
from aws_cdk import aws_pinpoint as pinpoint
from aws_cdk import aws_ses as ses
from constructs import Construct, IConstruct, IValidation

from .._props import checked_props
from .._validation import (
    check_email_address,
    check_no_literal_secret,
    check_no_ssm_secure,
    check_pattern,
    check_sender_id,
    check_short_code,
    is_unresolved,
    require_bool,
    require_secret_reference,
)
from .core import ChannelType, IPinpointApp

# What the warning of warn_if_channel_missing suggests adding.
_ADD_METHOD = {
    ChannelType.PUSH: "a push channel (app.add_apns_channel(...), app.add_fcm_channel(...) ...)",
    ChannelType.GCM: "app.add_fcm_channel(...)",
    ChannelType.APNS: "app.add_apns_channel(...)",
    ChannelType.APNS_SANDBOX: "app.add_apns_channel(environment=ApnsEnvironment.SANDBOX, ...)",
    ChannelType.APNS_VOIP: "app.add_apns_channel(environment=ApnsEnvironment.VOIP, ...)",
    ChannelType.APNS_VOIP_SANDBOX: (
        "app.add_apns_channel(environment=ApnsEnvironment.VOIP_SANDBOX, ...)"
    ),
    ChannelType.ADM: "app.add_adm_channel(...)",
    ChannelType.SMS: "app.add_sms_channel(...)",
    ChannelType.VOICE: "app.add_voice_channel(...)",
    ChannelType.EMAIL: "app.add_email_channel(...)",
    ChannelType.BAIDU: "app.add_baidu_channel(...)",
}

#: The id of the warning an ``FcmChannel`` with a legacy server key reports.
FCM_LEGACY_API_KEY_WARNING = "pinpoint-constructs:fcmLegacyApiKey"
#: The default id of the warning :func:`warn_if_channel_missing` reports.
CHANNEL_MISSING_WARNING = "pinpoint-constructs:channelMissing"


# ---- the channel registry check --------------------------------------------------------


@jsii.implements(IValidation)
class _ChannelCheck:
    """Runs when the tree is validated at synth, after every channel has been added."""

    def __init__(
        self, scope: IConstruct, app: IPinpointApp, channel_type: ChannelType, warning_id: str
    ) -> None:
        self._scope = scope
        self._app = app
        self._channel_type = channel_type
        self._warning_id = warning_id

    def validate(self) -> list[str]:
        has_channel = getattr(self._app, "has_channel", None)
        if has_channel is None or has_channel(self._channel_type) is not False:
            return []
        kind = "push" if self._channel_type is ChannelType.PUSH else self._channel_type.value
        Annotations.of(self._scope).add_warning_v2(
            self._warning_id,
            f"{self._scope.node.path} sends {kind} messages through the Pinpoint app "
            f"{self._app.node.path}, which has no enabled {kind} channel in this CDK app, so "
            f"Pinpoint will not deliver them; add {_ADD_METHOD[self._channel_type]}",
        )
        return []


@checked_props
def warn_if_channel_missing(
    scope: IConstruct,
    app: IPinpointApp,
    channel_type: ChannelType,
    warning_id: str = CHANNEL_MISSING_WARNING,
) -> None:
    """Warn at synth, on ``scope``, if ``app`` lacks an enabled channel of ``channel_type``.

    Campaigns, journeys and other constructs that send messages call this from their
    constructor, once per channel type they send through. The check is lazy: it is a
    validation on ``scope`` (``node.add_validation``) that runs when the app is synthesized,
    so channels added after ``scope`` was constructed count. It reports a warning
    (``Annotations.add_warning_v2(warning_id, ...)``) naming the scope, the app and the channel,
    only when the answer is known: for an app defined in this CDK app (``has_channel`` is
    ``False``). Imported apps (``has_channel`` is ``None``), ``CUSTOM`` and ``IN_APP`` never
    warn. Users silence it with ``Annotations.of(scope).acknowledge_warning(warning_id, reason)``.

    :param scope: The construct that sends the messages; the warning is reported on it.
    :param app: The app the messages go through.
    :param channel_type: The channel the messages need; ``PUSH`` is satisfied by any push channel.
    :param warning_id: The warning's stable id. Default: ``CHANNEL_MISSING_WARNING``.
    """
    if not isinstance(channel_type, ChannelType):
        raise TypeError(
            f"channel_type must be a ChannelType, got {type(channel_type).__name__}: "
            f"{channel_type!r}"
        )
    scope.node.add_validation(_ChannelCheck(scope, app, channel_type, warning_id))


# ---- shared channel base ---------------------------------------------------------------


@checked_props
class _ChannelBase(Resource):
    """What every channel shares: its app, its channel type, whether it is enabled, and its
    registration on the app."""

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        app: IPinpointApp,
        channel_type: ChannelType,
        enabled: bool,
        resource_type: str,
        secrets: dict[str, str] | None = None,
    ) -> None:
        require_bool("enabled", enabled)
        for prop, token in (secrets or {}).items():
            check_no_ssm_secure(scope, prop, token, resource_type)
            check_no_literal_secret(scope, prop, token)
        # Register before creating anything, so a second channel of a type fails cleanly.
        register = getattr(app, "register_channel", None)
        if register is not None:
            register(channel_type, enabled=enabled)
        super().__init__(scope, id)
        self.app: IPinpointApp = app
        """The app this channel belongs to."""
        self.channel_type: ChannelType = channel_type
        """The channel type this channel serves."""
        self.enabled: bool = enabled
        """Whether the channel is enabled."""


def _secret(prop: str, value: Any) -> str:
    """The token of a ``SecretValue`` reference, for an L1 string prop: it renders as the
    dynamic reference (``{{resolve:secretsmanager:...}}``), never as the secret."""
    return require_secret_reference(prop, value).unsafe_unwrap()


# ---- email -----------------------------------------------------------------------------

_SES_IDENTITY_ARN = re.compile(r"arn:aws[a-z-]*:ses:[a-z0-9-]+:\d{12}:identity/(?P<name>.+)")


def _identity_arn_and_name(identity: Any) -> tuple[str, str | None]:
    """The identity ARN and, when known at synth, the identity's name (address or domain)."""
    if isinstance(identity, str):
        if is_unresolved(identity):
            return identity, None
        match = _SES_IDENTITY_ARN.fullmatch(identity)
        if match is None:
            raise ValueError(
                "identity must be an aws_ses.IEmailIdentity or an SES identity ARN "
                "(arn:<partition>:ses:<region>:<account>:identity/<address or domain>), "
                f"got {identity!r}; for a name, use "
                "aws_ses.EmailIdentity.from_email_identity_name(scope, id, name)"
            )
        return identity, match.group("name")
    if hasattr(identity, "email_identity_arn") and hasattr(identity, "email_identity_name"):
        name = identity.email_identity_name
        if is_unresolved(name):
            name = _defined_identity_name(identity)
        return identity.email_identity_arn, None if is_unresolved(name) else name
    raise TypeError(
        "identity must be an aws_ses.IEmailIdentity or an SES identity ARN string, "
        f"got {type(identity).__name__}"
    )


def _defined_identity_name(identity: Any) -> str | None:
    """The address or domain of an ``ses.EmailIdentity`` defined in this CDK app: its
    ``email_identity_name`` is a ``Ref`` to the ``AWS::SES::EmailIdentity``, but the L1 child
    holds the name it was given (``EmailIdentity`` property)."""
    node = getattr(identity, "node", None)
    resource = node.try_find_child("Resource") if node is not None else None
    if isinstance(resource, ses.CfnEmailIdentity):
        return resource.email_identity
    return None


def _check_address_in_identity(address: str, identity_name: str) -> None:
    """SES sends only from the identity's own address, or, for a domain identity, from any
    address of the domain or its subdomains (SES Developer Guide, "Creating and verifying
    identities")."""
    address_l, identity_l = address.lower(), identity_name.lower()
    if "@" in identity_l:
        if address_l != identity_l:
            raise ValueError(
                f"from_address must be the address of the SES email identity "
                f"{identity_name!r}, got {address!r}"
            )
        return
    domain = address_l.rsplit("@", 1)[1]
    if domain != identity_l and not domain.endswith(f".{identity_l}"):
        raise ValueError(
            f"from_address must be in the domain of the SES identity {identity_name!r} "
            f"(or one of its subdomains), got {address!r}"
        )


def sender_identity(address: str | None, identity: Any) -> tuple[str, str | None]:
    """The ARN and (when known at synth) the name of the SES ``identity`` a sender uses
    (an ``aws_ses.IEmailIdentity`` or an identity ARN), after checking that ``address`` (the
    from address's addr-spec, from ``check_email_address``; ``None`` skips the check) is one
    SES sends from that identity. Shared by every construct that sends from an identity."""
    identity_arn, identity_name = _identity_arn_and_name(identity)
    if address is not None and identity_name is not None:
        _check_address_in_identity(address, identity_name)
    return identity_arn, identity_name


@checked_props
class EmailChannel(_ChannelBase):
    """The email channel of an app (``AWS::Pinpoint::EmailChannel``): Pinpoint sends email
    through an Amazon SES identity.

    Example::

        identity = ses.EmailIdentity(self, "Identity", identity=ses.Identity.domain("example.com"))
        EmailChannel(self, "Email", app=app,
            from_address="Example News <news@example.com>",
            identity=identity,
        )
    """

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        app: IPinpointApp,
        from_address: str,
        identity: ses.IEmailIdentity | str,
        configuration_set: ses.IConfigurationSet | None = None,
        orchestration_sending_role: iam.IRole | None = None,
        enabled: bool = True,
    ) -> None:
        """
        :param app: The app the channel belongs to.
        :param from_address: The default sender: ``news@example.com`` or
            ``Example News <news@example.com>``. It must belong to ``identity`` (checked when
            both are known at synth).
        :param identity: The verified SES identity to send from: an ``aws_ses.IEmailIdentity``
            or its ARN (``arn:<partition>:ses:<region>:<account>:identity/<name>``). An
            ``IEmailIdentity``'s ARN is built with its stack's partition, region and account.
        :param configuration_set: The SES configuration set applied to messages sent through the
            channel. Default: none.
        :param orchestration_sending_role: A role Pinpoint assumes to send email from campaigns
            and journeys through SES. It must trust ``pinpoint.amazonaws.com``; the channel grants
            it ``ses:SendEmail`` and ``ses:SendRawEmail`` on the identity (and the configuration
            set). Default: none.
        :param enabled: Whether the channel is enabled. Default: ``True``.
        """
        address = check_email_address("from_address", from_address)
        identity_arn, _ = sender_identity(address, identity)
        super().__init__(
            scope,
            id,
            app=app,
            channel_type=ChannelType.EMAIL,
            enabled=enabled,
            resource_type="AWS::Pinpoint::EmailChannel",
        )

        self.from_address = from_address
        """The default sender address."""
        self.identity_arn = identity_arn
        """The ARN of the SES identity the channel sends from."""
        self.configuration_set = configuration_set
        """The SES configuration set, if any."""
        self.orchestration_sending_role = orchestration_sending_role
        """The role Pinpoint uses to send campaign and journey email, if any."""

        pinpoint.CfnEmailChannel(
            self,
            "Resource",
            application_id=app.app_id,
            from_address=from_address,
            identity=identity_arn,
            configuration_set=(
                configuration_set.configuration_set_name if configuration_set else None
            ),
            orchestration_sending_role_arn=(
                orchestration_sending_role.role_arn if orchestration_sending_role else None
            ),
            enabled=enabled,
        )
        if orchestration_sending_role is not None:
            resources = [identity_arn]
            if configuration_set is not None:
                resources.append(
                    Stack.of(configuration_set).format_arn(
                        service="ses",
                        resource="configuration-set",
                        resource_name=configuration_set.configuration_set_name,
                        arn_format=ArnFormat.SLASH_RESOURCE_NAME,
                    )
                )
            iam.Grant.add_to_principal(
                grantee=orchestration_sending_role,
                actions=["ses:SendEmail", "ses:SendRawEmail"],
                resource_arns=resources,
            )


# ---- SMS and voice ---------------------------------------------------------------------


@checked_props
class SmsChannel(_ChannelBase):
    """The SMS channel of an app (``AWS::Pinpoint::SMSChannel``).

    Example::

        SmsChannel(self, "Sms", app=app, sender_id="ExampleCo")
    """

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        app: IPinpointApp,
        sender_id: str | None = None,
        short_code: str | None = None,
        enabled: bool = True,
    ) -> None:
        """
        :param app: The app the channel belongs to.
        :param sender_id: The alphanumeric sender ID shown on recipients' devices where sender
            IDs are supported: 1 to 11 letters, digits or hyphens, with at least one letter and
            no hyphen first or last. Default: none (the account's origination identities).
        :param short_code: The registered short code to send from, 4 to 7 digits.
            Default: none.
        :param enabled: Whether the channel is enabled. Default: ``True``.
        """
        check_sender_id("sender_id", sender_id)
        check_short_code("short_code", short_code)
        super().__init__(
            scope,
            id,
            app=app,
            channel_type=ChannelType.SMS,
            enabled=enabled,
            resource_type="AWS::Pinpoint::SMSChannel",
        )
        self.sender_id = sender_id
        """The default sender ID, if any."""
        self.short_code = short_code
        """The short code, if any."""
        pinpoint.CfnSMSChannel(
            self,
            "Resource",
            application_id=app.app_id,
            sender_id=sender_id,
            short_code=short_code,
            enabled=enabled,
        )


@checked_props
class VoiceChannel(_ChannelBase):
    """The voice channel of an app (``AWS::Pinpoint::VoiceChannel``).

    Example::

        VoiceChannel(self, "Voice", app=app)
    """

    def __init__(
        self, scope: Construct, id: str, *, app: IPinpointApp, enabled: bool = True
    ) -> None:
        """
        :param app: The app the channel belongs to.
        :param enabled: Whether the channel is enabled. Default: ``True``.
        """
        super().__init__(
            scope,
            id,
            app=app,
            channel_type=ChannelType.VOICE,
            enabled=enabled,
            resource_type="AWS::Pinpoint::VoiceChannel",
        )
        pinpoint.CfnVoiceChannel(self, "Resource", application_id=app.app_id, enabled=enabled)


# ---- APNs ------------------------------------------------------------------------------


class ApnsEnvironment(enum.Enum):
    """Which APNs environment an ``ApnsChannel`` sends to; each is its own CloudFormation type."""

    #: Production (``AWS::Pinpoint::APNSChannel``).
    PRODUCTION = "APNS"
    #: Sandbox, for development builds (``AWS::Pinpoint::APNSSandboxChannel``).
    SANDBOX = "APNS_SANDBOX"
    #: VoIP notifications, production (``AWS::Pinpoint::APNSVoipChannel``).
    VOIP = "APNS_VOIP"
    #: VoIP notifications, sandbox (``AWS::Pinpoint::APNSVoipSandboxChannel``).
    VOIP_SANDBOX = "APNS_VOIP_SANDBOX"

    @property
    def channel_type(self) -> ChannelType:
        """The channel type of this environment."""
        return ChannelType(self.value)


_APNS_L1: dict[ApnsEnvironment, Any] = {
    ApnsEnvironment.PRODUCTION: pinpoint.CfnAPNSChannel,
    ApnsEnvironment.SANDBOX: pinpoint.CfnAPNSSandboxChannel,
    ApnsEnvironment.VOIP: pinpoint.CfnAPNSVoipChannel,
    ApnsEnvironment.VOIP_SANDBOX: pinpoint.CfnAPNSVoipSandboxChannel,
}

#: Apple's 10-character Team ID and signing Key ID ("Establishing a token-based connection to
#: APNs").
_APPLE_ID = re.compile(r"[A-Z0-9]{10}")
#: Apple's bundle ID characters: letters, digits, hyphens and periods (Apple glossary,
#: "bundle ID").
_BUNDLE_ID = re.compile(r"[A-Za-z0-9.-]+")


@checked_props
class _Credentials:
    """Credentials made by a static factory: the default authentication method they imply,
    and the L1 props they set (``_secrets`` hold ``SecretValue`` tokens)."""

    def __init__(
        self,
        *,
        _authentication_method: str,
        _properties: dict[str, Any],
        _secrets: dict[str, str],
    ) -> None:
        """Use the static factories."""
        self.authentication_method = _authentication_method
        """The channel's ``DefaultAuthenticationMethod`` these credentials imply."""
        self._secrets = _secrets
        self._properties = {**_properties, **_secrets}


@checked_props
class ApnsCredentials(_Credentials):
    """How Pinpoint authenticates with APNs. Create with :meth:`token` (recommended: one key
    serves every app and environment of the team and does not expire) or :meth:`certificate`.
    The channel's default authentication method follows from the choice: ``"TOKEN"`` or
    ``"CERTIFICATE"`` (``authentication_method``)."""

    @staticmethod
    def token(
        *, bundle_id: str, team_id: str, token_key_id: str, token_key: SecretValue
    ) -> ApnsCredentials:
        """Token (``.p8`` signing key) authentication.

        :param bundle_id: The app's bundle ID (letters, digits, hyphens and periods), e.g.
            ``com.example.app``.
        :param team_id: The 10-character Team ID of the Apple developer account.
        :param token_key_id: The 10-character Key ID of the signing key.
        :param token_key: The signing key (the ``.p8`` file's contents), as a ``SecretValue``
            reference.
        """
        check_pattern("bundle_id", bundle_id, _BUNDLE_ID, "letters, digits, hyphens and periods")
        check_pattern("team_id", team_id, _APPLE_ID, "10 characters, A-Z and 0-9")
        check_pattern("token_key_id", token_key_id, _APPLE_ID, "10 characters, A-Z and 0-9")
        return ApnsCredentials(
            _authentication_method="TOKEN",
            _properties={"bundle_id": bundle_id, "team_id": team_id, "token_key_id": token_key_id},
            _secrets={"token_key": _secret("token_key", token_key)},
        )

    @staticmethod
    def certificate(*, certificate: SecretValue, private_key: SecretValue) -> ApnsCredentials:
        """Certificate (``.p12`` export) authentication.

        :param certificate: The APNs client certificate (PEM), as a ``SecretValue`` reference.
        :param private_key: The certificate's private key (PEM), as a ``SecretValue`` reference.
        """
        return ApnsCredentials(
            _authentication_method="CERTIFICATE",
            _properties={},
            _secrets={
                "certificate": _secret("certificate", certificate),
                "private_key": _secret("private_key", private_key),
            },
        )


@checked_props
class ApnsChannel(_ChannelBase):
    """An APNs channel of an app, in one of four environments (``AWS::Pinpoint::APNSChannel``,
    ``APNSSandboxChannel``, ``APNSVoipChannel`` or ``APNSVoipSandboxChannel``).

    Example::

        ApnsChannel(self, "Apns", app=app,
            credentials=ApnsCredentials.token(
                bundle_id="com.example.app", team_id="ABCDE12345", token_key_id="KEY1234567",
                token_key=SecretValue.secrets_manager("pinpoint/apns", json_field="p8"),
            ),
        )
    """

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        app: IPinpointApp,
        credentials: ApnsCredentials,
        environment: ApnsEnvironment = ApnsEnvironment.PRODUCTION,
        enabled: bool = True,
    ) -> None:
        """
        :param app: The app the channel belongs to.
        :param credentials: ``ApnsCredentials.token(...)`` or ``ApnsCredentials.certificate(...)``;
            they also set the channel's default authentication method.
        :param environment: The APNs environment. Default: ``ApnsEnvironment.PRODUCTION``.
        :param enabled: Whether the channel is enabled. Default: ``True``.
        """
        if not isinstance(credentials, ApnsCredentials):
            raise TypeError(
                "credentials must be ApnsCredentials.token(...) or "
                f"ApnsCredentials.certificate(...), got {type(credentials).__name__}"
            )
        if not isinstance(environment, ApnsEnvironment):
            raise TypeError(
                f"environment must be an ApnsEnvironment, got {type(environment).__name__}: "
                f"{environment!r}"
            )
        l1 = _APNS_L1[environment]
        super().__init__(
            scope,
            id,
            app=app,
            channel_type=environment.channel_type,
            enabled=enabled,
            resource_type=l1.CFN_RESOURCE_TYPE_NAME,
            secrets=credentials._secrets,
        )
        self.environment = environment
        """The APNs environment."""
        self.default_authentication_method = credentials.authentication_method
        """``"TOKEN"`` or ``"CERTIFICATE"``, from the credentials."""
        l1(
            self,
            "Resource",
            application_id=app.app_id,
            default_authentication_method=credentials.authentication_method,
            enabled=enabled,
            **credentials._properties,
        )


# ---- FCM, Baidu, ADM -------------------------------------------------------------------


@checked_props
class FcmCredentials(_Credentials):
    """How Pinpoint authenticates with Firebase Cloud Messaging. Create with
    :meth:`service_json` (FCM HTTP v1) or, for the legacy API, :meth:`api_key`. The channel's
    default authentication method follows from the choice: ``"TOKEN"`` or ``"KEY"``
    (``authentication_method``)."""

    @property
    def is_legacy(self) -> bool:
        """Whether these are legacy server-key credentials."""
        return self.authentication_method == "KEY"

    @staticmethod
    def service_json(service_json: SecretValue) -> FcmCredentials:
        """FCM HTTP v1 token authentication with a Firebase service account.

        :param service_json: The service account's JSON key file contents, as a ``SecretValue``
            reference.
        """
        return FcmCredentials(
            _authentication_method="TOKEN",
            _properties={},
            _secrets={"service_json": _secret("service_json", service_json)},
        )

    @staticmethod
    def api_key(api_key: SecretValue) -> FcmCredentials:
        """Legacy FCM server key. Google has shut the legacy FCM API down; the channel reports
        a warning (``FCM_LEGACY_API_KEY_WARNING``). Prefer :meth:`service_json`.

        :param api_key: The server key, as a ``SecretValue`` reference.
        """
        return FcmCredentials(
            _authentication_method="KEY",
            _properties={},
            _secrets={"api_key": _secret("api_key", api_key)},
        )


@checked_props
class FcmChannel(_ChannelBase):
    """The Firebase Cloud Messaging channel of an app (``AWS::Pinpoint::GCMChannel``).

    Example::

        FcmChannel(self, "Fcm", app=app,
            credentials=FcmCredentials.service_json(
                SecretValue.secrets_manager("pinpoint/fcm-service-account")
            ),
        )
    """

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        app: IPinpointApp,
        credentials: FcmCredentials,
        enabled: bool = True,
    ) -> None:
        """
        :param app: The app the channel belongs to.
        :param credentials: ``FcmCredentials.service_json(...)`` (FCM HTTP v1) or
            ``FcmCredentials.api_key(...)`` (legacy, warned about); they also set the channel's
            default authentication method.
        :param enabled: Whether the channel is enabled. Default: ``True``.
        """
        if not isinstance(credentials, FcmCredentials):
            raise TypeError(
                "credentials must be FcmCredentials.service_json(...) or "
                f"FcmCredentials.api_key(...), got {type(credentials).__name__}"
            )
        super().__init__(
            scope,
            id,
            app=app,
            channel_type=ChannelType.GCM,
            enabled=enabled,
            resource_type="AWS::Pinpoint::GCMChannel",
            secrets=credentials._secrets,
        )
        self.default_authentication_method = credentials.authentication_method
        """``"TOKEN"`` (service JSON) or ``"KEY"`` (legacy server key), from the credentials."""
        pinpoint.CfnGCMChannel(
            self,
            "Resource",
            application_id=app.app_id,
            default_authentication_method=credentials.authentication_method,
            enabled=enabled,
            **credentials._properties,
        )
        if credentials.is_legacy:
            Annotations.of(self).add_warning_v2(
                FCM_LEGACY_API_KEY_WARNING,
                "FcmCredentials.api_key uses the legacy FCM server key, whose API Google "
                "deprecated in June 2023 and has since shut down; use "
                "FcmCredentials.service_json(...) (FCM HTTP v1) instead",
            )


@checked_props
class BaiduChannel(_ChannelBase):
    """The Baidu Cloud Push channel of an app (``AWS::Pinpoint::BaiduChannel``).

    Example::

        BaiduChannel(self, "Baidu", app=app,
            api_key=SecretValue.secrets_manager("pinpoint/baidu", json_field="apiKey"),
            secret_key=SecretValue.secrets_manager("pinpoint/baidu", json_field="secretKey"),
        )
    """

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        app: IPinpointApp,
        api_key: SecretValue,
        secret_key: SecretValue,
        enabled: bool = True,
    ) -> None:
        """
        :param app: The app the channel belongs to.
        :param api_key: The Baidu API key, as a ``SecretValue`` reference.
        :param secret_key: The Baidu secret key, as a ``SecretValue`` reference.
        :param enabled: Whether the channel is enabled. Default: ``True``.
        """
        api_key_ref = _secret("api_key", api_key)
        secret_key_ref = _secret("secret_key", secret_key)
        super().__init__(
            scope,
            id,
            app=app,
            channel_type=ChannelType.BAIDU,
            enabled=enabled,
            resource_type="AWS::Pinpoint::BaiduChannel",
            secrets={"api_key": api_key_ref, "secret_key": secret_key_ref},
        )
        pinpoint.CfnBaiduChannel(
            self,
            "Resource",
            application_id=app.app_id,
            api_key=api_key_ref,
            secret_key=secret_key_ref,
            enabled=enabled,
        )


@checked_props
class AdmChannel(_ChannelBase):
    """The Amazon Device Messaging channel of an app (``AWS::Pinpoint::ADMChannel``).

    Example::

        AdmChannel(self, "Adm", app=app,
            client_id=SecretValue.secrets_manager("pinpoint/adm", json_field="clientId"),
            client_secret=SecretValue.secrets_manager("pinpoint/adm", json_field="clientSecret"),
        )
    """

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        app: IPinpointApp,
        client_id: SecretValue,
        client_secret: SecretValue,
        enabled: bool = True,
    ) -> None:
        """
        :param app: The app the channel belongs to.
        :param client_id: The ADM client ID, as a ``SecretValue`` reference.
        :param client_secret: The ADM client secret, as a ``SecretValue`` reference.
        :param enabled: Whether the channel is enabled. Default: ``True``.
        """
        client_id_ref = _secret("client_id", client_id)
        client_secret_ref = _secret("client_secret", client_secret)
        super().__init__(
            scope,
            id,
            app=app,
            channel_type=ChannelType.ADM,
            enabled=enabled,
            resource_type="AWS::Pinpoint::ADMChannel",
            secrets={"client_id": client_id_ref, "client_secret": client_secret_ref},
        )
        pinpoint.CfnADMChannel(
            self,
            "Resource",
            application_id=app.app_id,
            client_id=client_id_ref,
            client_secret=client_secret_ref,
            enabled=enabled,
        )


__all__ = [
    "CHANNEL_MISSING_WARNING",
    "FCM_LEGACY_API_KEY_WARNING",
    "AdmChannel",
    "ApnsChannel",
    "ApnsCredentials",
    "ApnsEnvironment",
    "BaiduChannel",
    "ChannelType",
    "EmailChannel",
    "FcmChannel",
    "FcmCredentials",
    "SmsChannel",
    "VoiceChannel",
    "warn_if_channel_missing",
]
