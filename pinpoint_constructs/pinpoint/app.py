"""The Pinpoint project (app) and its settings: ``PinpointApp``, ``IPinpointApp``, imports, and
``ApplicationSettings`` for any project."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from aws_cdk import (
    Annotations,
    ArnFormat,
    Duration,
    Names,
    Resource,
    SecretValue,
    Stack,
    Tags,
)
from aws_cdk import aws_cloudwatch as cloudwatch
from aws_cdk import aws_iam as iam
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_pinpoint as pinpoint
from constructs import Construct

from .._props import checked_props
from .._validation import (
    cached_token,
    check_hh_mm,
    check_length,
    check_range,
    check_tags,
    duration_seconds,
    require_bool,
    require_instance,
)
from ._permissions import (
    allow_pinpoint_invoke,
    depend_on_invoke_permissions,
    mobiletargeting_arn,
)
from .core import ChannelType, IPinpointApp

if TYPE_CHECKING:  # the channel classes are only needed for typing here
    from aws_cdk import aws_ses as ses

    from .channels import (
        AdmChannel,
        ApnsChannel,
        ApnsCredentials,
        ApnsEnvironment,
        BaiduChannel,
        EmailChannel,
        FcmChannel,
        FcmCredentials,
        SmsChannel,
        VoiceChannel,
    )

#: Warning id for a campaign hook in the deprecated ``DELIVERY`` mode (on apps and campaigns).
CAMPAIGN_HOOK_DELIVERY_WARNING = "pinpoint-constructs:campaignHookDeliveryMode"

#: The longest project name: "The project name can contain up to 64 alphanumeric characters"
#: (Amazon Pinpoint User Guide, "Setting up Amazon Pinpoint mobile push channels"; the API
#: model and AWS::Pinpoint::App set no maximum).
APP_NAME_MAX_LENGTH = 64


class CampaignHookMode(enum.Enum):
    """How Pinpoint uses a campaign hook function."""

    #: Pinpoint sends the campaign's endpoints to the function, which filters or changes them.
    FILTER = "FILTER"
    #: Deprecated by the service: Pinpoint no longer delivers through a hook in this mode (a
    #: hook in it gets the warning ``CAMPAIGN_HOOK_DELIVERY_WARNING``); send through a custom
    #: channel instead.
    DELIVERY = "DELIVERY"


@checked_props
@dataclass(frozen=True, kw_only=True)
class Limits:
    """Default sending limits for the campaigns and journeys of an app.

    Every field is optional; a field left as ``None`` keeps the service's default.

    :param daily: Most messages one endpoint may receive in a 24-hour period, 0 to 100.
        Default: the service default (no per-app cap).
    :param total: Most messages one endpoint may receive over a campaign's life, 0 to 100.
        Default: the service default.
    :param messages_per_second: Most messages a campaign sends per second, 1 to 20,000.
        Default: the service default.
    :param maximum_duration: How long a campaign may try to deliver after its scheduled start;
        at least 60 seconds. Default: the service default.
    """

    daily: int | None = None
    total: int | None = None
    messages_per_second: int | None = None
    maximum_duration: Duration | None = None

    def __post_init__(self) -> None:
        self.render("limits")

    def render(self, prop: str) -> dict[str, Any]:
        """Validate (naming ``prop`` in errors) and return the ``Limits`` fields, snake_case,
        for the L1 ``LimitsProperty`` of an app, campaign or journey."""
        check_range(f"{prop}.daily", self.daily, 0, 100)
        check_range(f"{prop}.total", self.total, 0, 100)
        check_range(f"{prop}.messages_per_second", self.messages_per_second, 1, 20_000)
        seconds = duration_seconds(f"{prop}.maximum_duration", self.maximum_duration, minimum=60)
        rendered = {
            "daily": self.daily,
            "total": self.total,
            "messages_per_second": self.messages_per_second,
            "maximum_duration": seconds,
        }
        return {key: value for key, value in rendered.items() if value is not None}


@checked_props
@dataclass(frozen=True, kw_only=True)
class QuietTime:
    """A daily window in which messages are not sent, in each endpoint's own time zone.

    Quiet time applies only to endpoints whose ``Demographic.Timezone`` is set.

    :param start: When quiet time starts, 24-hour ``HH:MM`` (for example ``"22:00"``).
    :param end: When quiet time ends, 24-hour ``HH:MM`` (for example ``"07:00"``).
    """

    start: str
    end: str

    def __post_init__(self) -> None:
        self.render("quiet_time")

    def render(self, prop: str) -> dict[str, str]:
        """Validate (naming ``prop`` in errors) and return the ``QuietTime`` fields."""
        check_hh_mm(f"{prop}.start", self.start)
        check_hh_mm(f"{prop}.end", self.end)
        return {"start": self.start, "end": self.end}


@checked_props
@dataclass(frozen=True, kw_only=True)
class CampaignHook:
    """A Lambda function Pinpoint calls while it processes a campaign.

    :param function: The function Pinpoint invokes. The construct that uses the hook adds the
        invoke permission for Pinpoint, scoped to its app.
    :param mode: What the function does. Default: ``CampaignHookMode.FILTER``.
    """

    function: lambda_.IFunction
    mode: CampaignHookMode = CampaignHookMode.FILTER

    def render(self) -> dict[str, str]:
        """The ``CampaignHook`` fields, snake_case, for the L1 ``CampaignHookProperty``."""
        return {"lambda_function_name": self.function.function_arn, "mode": self.mode.value}

    def warn_if_deprecated(self, scope: Construct) -> None:
        """Warn on ``scope`` (``CAMPAIGN_HOOK_DELIVERY_WARNING``) when the mode is the deprecated
        ``DELIVERY``."""
        if self.mode is CampaignHookMode.DELIVERY:
            Annotations.of(scope).add_warning_v2(
                CAMPAIGN_HOOK_DELIVERY_WARNING,
                "the campaign hook's DELIVERY mode is deprecated and Pinpoint no longer "
                "delivers through it; send through a custom channel with "
                "CampaignMessage.custom(channel=...) instead",
            )


@checked_props
class PinpointAppBase(Resource):
    """What every ``IPinpointApp`` implementation shares: grants, metrics and the channel
    registry."""

    #: Whether the app is defined in this CDK app (so its channels are all known here).
    _DEFINED_IN_THIS_APP = False

    #: Actions of ``grant_send_messages``.
    SEND_MESSAGES_ACTIONS = ("mobiletargeting:SendMessages", "mobiletargeting:SendUsersMessages")
    #: Actions of ``grant_manage_endpoints``.
    MANAGE_ENDPOINTS_ACTIONS = (
        "mobiletargeting:GetEndpoint",
        "mobiletargeting:UpdateEndpoint",
        "mobiletargeting:UpdateEndpointsBatch",
        "mobiletargeting:DeleteEndpoint",
        "mobiletargeting:GetUserEndpoints",
        "mobiletargeting:DeleteUserEndpoints",
    )
    #: Actions of ``grant_put_events``.
    PUT_EVENTS_ACTIONS = ("mobiletargeting:PutEvents",)
    #: Actions of ``grant_read``.
    READ_ACTIONS = (
        "mobiletargeting:GetApp",
        "mobiletargeting:GetApplicationSettings",
        "mobiletargeting:GetApplicationDateRangeKpi",
        "mobiletargeting:GetCampaignDateRangeKpi",
        "mobiletargeting:GetJourneyDateRangeKpi",
        "mobiletargeting:GetJourneyExecutionMetrics",
        "mobiletargeting:GetJourneyExecutionActivityMetrics",
    )

    @property
    def app_id(self) -> str:  # pragma: no cover - overridden
        raise NotImplementedError

    @property
    def app_arn(self) -> str:  # pragma: no cover - overridden
        raise NotImplementedError

    def grant(self, grantee: iam.IGrantable, *actions: str) -> iam.Grant:
        """Grant ``actions`` (``mobiletargeting:*`` names) on this app's ARN and its children."""
        if not actions:
            raise ValueError("grant() needs at least one action, got none")
        return iam.Grant.add_to_principal(
            grantee=grantee,
            actions=list(actions),
            resource_arns=[self.app_arn, f"{self.app_arn}/*"],
        )

    def grant_send_messages(self, grantee: iam.IGrantable) -> iam.Grant:
        """Grant ``SendMessages`` and ``SendUsersMessages`` through this app."""
        return self.grant(grantee, *self.SEND_MESSAGES_ACTIONS)

    def grant_manage_endpoints(self, grantee: iam.IGrantable) -> iam.Grant:
        """Grant reading, creating, updating and deleting this app's endpoints."""
        return self.grant(grantee, *self.MANAGE_ENDPOINTS_ACTIONS)

    def grant_put_events(self, grantee: iam.IGrantable) -> iam.Grant:
        """Grant ``PutEvents``, what analytics SDKs call to record events."""
        return self.grant(grantee, *self.PUT_EVENTS_ACTIONS)

    def grant_read(self, grantee: iam.IGrantable) -> iam.Grant:
        """Grant reading this app, its settings and its analytics (KPIs, journey metrics)."""
        return self.grant(grantee, *self.READ_ACTIONS)

    def _channel_registry(self) -> dict[ChannelType, bool]:
        registry: dict[ChannelType, bool] | None = getattr(self, "_channels", None)
        if registry is None:
            registry = {}
            self._channels = registry
        return registry

    def register_channel(self, channel_type: ChannelType, *, enabled: bool = True) -> None:
        """Record that a channel of ``channel_type`` is defined for this app in this CDK app.

        Every channel construct calls this from its constructor; :meth:`has_channel` reads it.

        :raises ValueError: if a channel of that type is already registered (Pinpoint keeps
            one channel of each type per app), or for a type no channel resource serves
            (``PUSH``, ``CUSTOM``, ``IN_APP``).
        """
        if not channel_type.has_channel_resource:
            raise ValueError(
                "channel_type must be a type that a channel resource serves (not PUSH, CUSTOM "
                f"or IN_APP), got {channel_type.value}"
            )
        registry = self._channel_registry()
        if channel_type in registry:
            raise ValueError(
                f"app {self.node.path} already has a {channel_type.value} channel; Pinpoint "
                "keeps one channel of each type per app"
            )
        registry[channel_type] = enabled

    def has_channel(self, channel_type: ChannelType) -> bool | None:
        """Whether this app has an enabled channel of ``channel_type``.

        ``True`` when an enabled channel of that type was added in this CDK app (for ``PUSH``:
        any push channel; ``CUSTOM`` and ``IN_APP`` need no channel resource and are always
        ``True``). ``False`` when the app is defined in this CDK app and has none, or only a
        disabled one. ``None`` for an imported app that has no such channel here: it may have
        one outside this CDK app.
        """
        if channel_type in (ChannelType.CUSTOM, ChannelType.IN_APP):
            return True
        registry = self._channel_registry()
        if channel_type is ChannelType.PUSH:
            enabled = any(on for kind, on in registry.items() if kind.is_push)
        else:
            enabled = registry.get(channel_type, False)
        if enabled:
            return True
        if self._DEFINED_IN_THIS_APP or channel_type in registry:
            return False
        return None

    def metric(
        self,
        metric_name: str,
        *,
        statistic: str = "Sum",
        period: Duration | None = None,
        dimensions_map: dict[str, str] | None = None,
    ) -> cloudwatch.Metric:
        """A metric Pinpoint publishes for this app in the ``AWS/Pinpoint`` namespace.

        :param metric_name: The metric's name, e.g. ``"DirectSendMessagePermanentFailure"``.
        :param statistic: Default: ``"Sum"``.
        :param period: Default: 5 minutes.
        :param dimensions_map: Extra dimensions beside ``ApplicationId``. Default: none.
        """
        return cloudwatch.Metric(
            namespace="AWS/Pinpoint",
            metric_name=metric_name,
            statistic=statistic,
            period=period or Duration.minutes(5),
            dimensions_map={"ApplicationId": self.app_id, **(dimensions_map or {})},
        )


class _ImportedPinpointApp(PinpointAppBase):
    def __init__(self, scope: Construct, id: str, *, app_id: str, app_arn: str) -> None:
        super().__init__(scope, id, environment_from_arn=app_arn)
        self._app_id = app_id
        self._app_arn = app_arn

    @property
    def app_id(self) -> str:
        return self._app_id

    @property
    def app_arn(self) -> str:
        return self._app_arn


@checked_props
class PinpointApp(PinpointAppBase):
    """A Pinpoint project (``AWS::Pinpoint::App``) and, when any setting is given, its
    settings (``AWS::Pinpoint::ApplicationSettings``).

    Example::

        app = PinpointApp(self, "App",
            app_name="marketing",
            limits=Limits(daily=5, messages_per_second=100, maximum_duration=Duration.hours(1)),
            quiet_time=QuietTime(start="22:00", end="07:00"),
        )
        app.grant_send_messages(my_function)

    Note: AWS ended support for Pinpoint's engagement features (the settings among them) on
    2026-10-30; aws-cdk-lib reports ``CloudFormation-Validate::W3696`` for these resources.
    """

    _DEFINED_IN_THIS_APP = True

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        app_name: str | None = None,
        limits: Limits | None = None,
        quiet_time: QuietTime | None = None,
        campaign_hook: CampaignHook | None = None,
        cloudwatch_metrics_enabled: bool | None = None,
        tags: dict[str, str] | None = None,
    ) -> None:
        """
        :param app_name: The project's display name, 1 to 64 characters. Default: a unique
            name generated from the construct path.
        :param limits: Default sending limits for the app's campaigns and journeys.
            Default: the service defaults.
        :param quiet_time: Default quiet time for the app's campaigns. Default: none.
        :param campaign_hook: Default Lambda hook for the app's campaigns; the invoke
            permission for Pinpoint, scoped to this app, is added. Default: none.
        :param cloudwatch_metrics_enabled: Whether Pinpoint sends app metrics to CloudWatch
            (``CloudWatchMetricsEnabled``). Default: not written, so the service's own default
            applies; giving it (``True`` or ``False``) writes the settings resource even when
            no other setting is given.
        :param tags: Tags for the project. Default: none.

        To write settings for a project this stack doesn't create (``from_app_id``), use
        :class:`ApplicationSettings`; it is the same code.
        """
        check_length("app_name", app_name, APP_NAME_MAX_LENGTH)
        super().__init__(scope, id, physical_name=app_name)
        name = app_name or Names.unique_resource_name(self, max_length=APP_NAME_MAX_LENGTH)

        self._resource = pinpoint.CfnApp(self, "Resource", name=name)
        check_tags("tags", tags)
        for key, value in (tags or {}).items():
            Tags.of(self).add(key, value)

        self.settings: pinpoint.CfnApplicationSettings | None = None
        """The ``AWS::Pinpoint::ApplicationSettings`` resource, when any setting is given."""
        if any(
            v is not None for v in (limits, quiet_time, campaign_hook, cloudwatch_metrics_enabled)
        ):
            self.settings = write_application_settings(
                self,
                "Settings",
                app=self,
                limits=limits,
                quiet_time=quiet_time,
                campaign_hook=campaign_hook,
                cloudwatch_metrics_enabled=cloudwatch_metrics_enabled,
            )

    @property
    def app_id(self) -> str:
        """The project id (``ApplicationId``)."""
        # Read from the L1 once: the token never changes, and every read is a jsii round
        # trip that each campaign, segment and channel of the app would repeat.
        return cached_token(self, "_app_id", lambda: self._resource.ref)

    @property
    def app_arn(self) -> str:
        """The project ARN."""
        return cached_token(self, "_app_arn", lambda: self._resource.attr_arn)

    @property
    def app_name(self) -> str:
        """The project's display name."""
        return str(self._resource.name)

    # ---- channels (each a child of the app, with a fixed id) ----------------------------

    def add_email_channel(
        self,
        *,
        from_address: str,
        identity: ses.IEmailIdentity | str,
        configuration_set: ses.IConfigurationSet | None = None,
        orchestration_sending_role: iam.IRole | None = None,
        enabled: bool = True,
    ) -> EmailChannel:
        """Add the email channel (child id ``EmailChannel``); props as for ``EmailChannel``."""
        from .channels import EmailChannel

        return EmailChannel(
            self,
            "EmailChannel",
            app=self,
            from_address=from_address,
            identity=identity,
            configuration_set=configuration_set,
            orchestration_sending_role=orchestration_sending_role,
            enabled=enabled,
        )

    def add_sms_channel(
        self,
        *,
        sender_id: str | None = None,
        short_code: str | None = None,
        enabled: bool = True,
    ) -> SmsChannel:
        """Add the SMS channel (child id ``SmsChannel``); props as for ``SmsChannel``."""
        from .channels import SmsChannel

        return SmsChannel(
            self,
            "SmsChannel",
            app=self,
            sender_id=sender_id,
            short_code=short_code,
            enabled=enabled,
        )

    def add_voice_channel(self, *, enabled: bool = True) -> VoiceChannel:
        """Add the voice channel (child id ``VoiceChannel``); props as for ``VoiceChannel``."""
        from .channels import VoiceChannel

        return VoiceChannel(self, "VoiceChannel", app=self, enabled=enabled)

    def add_apns_channel(
        self,
        *,
        credentials: ApnsCredentials,
        environment: ApnsEnvironment | None = None,
        enabled: bool = True,
    ) -> ApnsChannel:
        """Add an APNs channel; props as for ``ApnsChannel``. The child id names the
        environment: ``ApnsChannel``, ``ApnsSandboxChannel``, ``ApnsVoipChannel`` or
        ``ApnsVoipSandboxChannel``.

        :param environment: Default: ``ApnsEnvironment.PRODUCTION``.
        """
        from .channels import ApnsChannel, ApnsEnvironment

        environment = environment or ApnsEnvironment.PRODUCTION
        child_id = {
            ApnsEnvironment.PRODUCTION: "ApnsChannel",
            ApnsEnvironment.SANDBOX: "ApnsSandboxChannel",
            ApnsEnvironment.VOIP: "ApnsVoipChannel",
            ApnsEnvironment.VOIP_SANDBOX: "ApnsVoipSandboxChannel",
        }.get(environment, "ApnsChannel")
        return ApnsChannel(
            self,
            child_id,
            app=self,
            credentials=credentials,
            environment=environment,
            enabled=enabled,
        )

    def add_fcm_channel(self, *, credentials: FcmCredentials, enabled: bool = True) -> FcmChannel:
        """Add the FCM channel (child id ``FcmChannel``); props as for ``FcmChannel``."""
        from .channels import FcmChannel

        return FcmChannel(self, "FcmChannel", app=self, credentials=credentials, enabled=enabled)

    def add_baidu_channel(
        self, *, api_key: SecretValue, secret_key: SecretValue, enabled: bool = True
    ) -> BaiduChannel:
        """Add the Baidu channel (child id ``BaiduChannel``); props as for ``BaiduChannel``."""
        from .channels import BaiduChannel

        return BaiduChannel(
            self, "BaiduChannel", app=self, api_key=api_key, secret_key=secret_key, enabled=enabled
        )

    def add_adm_channel(
        self, *, client_id: SecretValue, client_secret: SecretValue, enabled: bool = True
    ) -> AdmChannel:
        """Add the ADM channel (child id ``AdmChannel``); props as for ``AdmChannel``."""
        from .channels import AdmChannel

        return AdmChannel(
            self,
            "AdmChannel",
            app=self,
            client_id=client_id,
            client_secret=client_secret,
            enabled=enabled,
        )

    @staticmethod
    def from_app_id(scope: Construct, id: str, app_id: str) -> IPinpointApp:
        """Import a project of this stack's account and region by its id."""
        arn = mobiletargeting_arn(scope, "apps", app_id)
        return _ImportedPinpointApp(scope, id, app_id=app_id, app_arn=arn)

    @staticmethod
    def from_app_arn(scope: Construct, id: str, app_arn: str) -> IPinpointApp:
        """Import a project by its ARN (``arn:<partition>:mobiletargeting:...:apps/<id>``)."""
        parts = Stack.of(scope).split_arn(app_arn, ArnFormat.SLASH_RESOURCE_NAME)
        if parts.resource_name is None:
            raise ValueError(f"app_arn must end in apps/<app id>, got {app_arn!r}")
        return _ImportedPinpointApp(scope, id, app_id=parts.resource_name, app_arn=app_arn)


def write_application_settings(
    owner: Construct,
    id: str,
    *,
    app: IPinpointApp,
    limits: Limits | None,
    quiet_time: QuietTime | None,
    campaign_hook: CampaignHook | None,
    cloudwatch_metrics_enabled: bool | None,
) -> pinpoint.CfnApplicationSettings:
    """Write ``app``'s settings as the L1 child ``id`` of ``owner`` (a ``PinpointApp`` or an
    ``ApplicationSettings``), with the campaign hook's invoke permission and the deprecated
    mode warning on ``owner``; fields left as ``None`` are not written.

    :raises ValueError: when ``app`` already has its settings written in this CDK app:
        a project has one settings resource, so a second would overwrite the first.
    """
    previous: Construct | None = getattr(app, "_settings_owner", None)
    if previous is not None:
        raise ValueError(
            f"app {app.node.path} already has its settings written by {previous.node.path}; a "
            "project has one AWS::Pinpoint::ApplicationSettings, so give every setting there"
        )
    if cloudwatch_metrics_enabled is not None:
        require_bool("cloudwatch_metrics_enabled", cloudwatch_metrics_enabled)
    for prop, value, kind in (
        ("limits", limits, Limits),
        ("quiet_time", quiet_time, QuietTime),
        ("campaign_hook", campaign_hook, CampaignHook),
    ):
        require_instance(prop, value, kind)
    settings = pinpoint.CfnApplicationSettings(
        owner,
        id,
        application_id=app.app_id,
        limits=(
            pinpoint.CfnApplicationSettings.LimitsProperty(**limits.render("limits"))
            if limits
            else None
        ),
        quiet_time=(
            pinpoint.CfnApplicationSettings.QuietTimeProperty(**quiet_time.render("quiet_time"))
            if quiet_time
            else None
        ),
        campaign_hook=(
            pinpoint.CfnApplicationSettings.CampaignHookProperty(**campaign_hook.render())
            if campaign_hook
            else None
        ),
        cloud_watch_metrics_enabled=cloudwatch_metrics_enabled,
    )
    app._settings_owner = owner  # type: ignore[attr-defined]
    if campaign_hook is not None:
        allow_pinpoint_invoke(owner, campaign_hook.function, app)
        depend_on_invoke_permissions(settings, campaign_hook.function)
        campaign_hook.warn_if_deprecated(owner)
    return settings


@checked_props
class ApplicationSettings(Construct):
    """The settings of any Pinpoint project (``AWS::Pinpoint::ApplicationSettings``, child
    ``Resource``), including one this stack doesn't create.

    Real templates often write settings for a project made elsewhere (the console, another
    stack, Amplify). ``PinpointApp`` writes its own settings with the same code, so the rules,
    the campaign hook's invoke permission and the warnings are the same::

        existing = PinpointApp.from_app_id(self, "Legacy", "0123456789abcdef")
        ApplicationSettings(self, "LegacySettings",
            app=existing,
            limits=Limits(daily=5),
            quiet_time=QuietTime(start="22:00", end="07:00"),
            campaign_hook=CampaignHook(function=filter_function),
        )

    A project has one settings resource: giving a ``PinpointApp`` that already writes settings
    (or a second ``ApplicationSettings`` for the same app object) raises ``ValueError``.
    Deleting the construct's stack doesn't reset the project's settings (CloudFormation
    deletes only its record of them).

    Note: AWS ended support for Pinpoint's engagement features (the settings among them) on
    2026-10-30; aws-cdk-lib reports ``CloudFormation-Validate::W3696`` for this resource.
    """

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        app: IPinpointApp,
        limits: Limits | None = None,
        quiet_time: QuietTime | None = None,
        campaign_hook: CampaignHook | None = None,
        cloudwatch_metrics_enabled: bool | None = None,
    ) -> None:
        """
        :param app: The project: a ``PinpointApp`` without settings of its own, or an
            import (``PinpointApp.from_app_id`` / ``from_app_arn``).
        :param limits: Default sending limits for the project's campaigns and journeys.
            Default: not written (the service defaults).
        :param quiet_time: Default quiet time for the project's campaigns. Default: none.
        :param campaign_hook: Default Lambda hook for the project's campaigns; the invoke
            permission for Pinpoint, scoped to this project (``aws:SourceAccount``,
            ``aws:SourceArn`` = ``<app ARN>/*``), is added. Default: none.
        :param cloudwatch_metrics_enabled: Whether Pinpoint sends the project's metrics to
            CloudWatch. Default: not written (the service's default).

        Give at least one setting.
        """
        super().__init__(scope, id)
        if all(v is None for v in (limits, quiet_time, campaign_hook, cloudwatch_metrics_enabled)):
            raise ValueError(
                "ApplicationSettings needs at least one setting (limits, quiet_time, "
                "campaign_hook or cloudwatch_metrics_enabled), got none"
            )
        self.app = app
        """The project whose settings these are."""
        self._resource = write_application_settings(
            self,
            "Resource",
            app=app,
            limits=limits,
            quiet_time=quiet_time,
            campaign_hook=campaign_hook,
            cloudwatch_metrics_enabled=cloudwatch_metrics_enabled,
        )

    @property
    def settings_application_id(self) -> str:
        """The id of the project whose settings these are."""
        return self.app.app_id


def same_project(a: IPinpointApp, b: IPinpointApp) -> bool:
    """Whether ``a`` and ``b`` may be the same project: ``False`` only when they are known to
    be different (two ``PinpointApp`` constructs, or apps whose ids are different strings)."""
    if a is b:
        return True
    if isinstance(a, PinpointApp) and isinstance(b, PinpointApp):
        return False
    first, second = Stack.of(a).resolve(a.app_id), Stack.of(b).resolve(b.app_id)
    if isinstance(first, str) and isinstance(second, str):
        return first == second
    return True
