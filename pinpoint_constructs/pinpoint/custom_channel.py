"""Custom channels: a Lambda function that delivers campaign and journey messages itself.

A ``CustomChannel`` either wraps a function of your own or, with :meth:`CustomChannel.webhook`,
creates the library's webhook forwarder (``handlers/webhook_forwarder``), which POSTs each
endpoint of a Pinpoint invocation to an ``https://`` URL. Either way the channel lets Pinpoint
invoke the function on behalf of one app only, and exposes what campaigns and journeys put in
their ``CustomDeliveryConfiguration`` / custom message activity: :attr:`~CustomChannel.delivery_uri`
and :attr:`~CustomChannel.endpoint_types`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from aws_cdk import Annotations, Duration
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_logs as logs
from aws_cdk import aws_secretsmanager as secretsmanager
from constructs import Construct

from .._lambda import DEFAULT_LOG_RETENTION, HandlerFunction
from .._props import checked_props
from .._validation import (
    check_http_header_name,
    check_https_url,
    check_range,
    duration_seconds,
    url_credential_signs,
)
from ._permissions import allow_pinpoint_invoke
from .core import ChannelType, IPinpointApp

#: The endpoint types a custom channel receives when none are given: every type the Pinpoint
#: developer guide lists for custom-channel campaigns (``PUSH``, the umbrella push type, and
#: ``IN_APP`` are not among them).
ALL_CUSTOM_CHANNEL_ENDPOINT_TYPES: tuple[ChannelType, ...] = (
    ChannelType.ADM,
    ChannelType.APNS,
    ChannelType.APNS_SANDBOX,
    ChannelType.APNS_VOIP,
    ChannelType.APNS_VOIP_SANDBOX,
    ChannelType.BAIDU,
    ChannelType.CUSTOM,
    ChannelType.EMAIL,
    ChannelType.GCM,
    ChannelType.SMS,
    ChannelType.VOICE,
)

#: Function timeout of the webhook forwarder, in seconds. Pinpoint fails a delivery when its
#: function runs longer than 15 seconds; 12 leaves room for a cold start and the invoke itself.
WEBHOOK_FORWARDER_TIMEOUT_SECONDS = 12
#: Memory of the webhook forwarder, in MiB (I/O-bound; enough CPU for cold-start TLS handshakes).
WEBHOOK_FORWARDER_MEMORY_MB = 256
#: Pinpoint sends at most this many endpoints per invocation: the forwarder's concurrency cap.
MAX_ENDPOINTS_PER_INVOCATION = 50

_DEFAULT_REQUEST_TIMEOUT_SECONDS = 4
#: Warning id when a webhook URL looks like it carries a credential (query ``token=``,
#: ``api_key=``, ``sig=``, a Slack-style ``/services/...`` path, a fragment).
WEBHOOK_URL_CREDENTIAL_WARNING = "pinpoint-constructs:customChannelUrlCredential"
# The forwarder stops about a second before the function's timeout: no request may take longer.
_MAX_REQUEST_TIMEOUT_SECONDS = WEBHOOK_FORWARDER_TIMEOUT_SECONDS - 1


def endpoint_type_values(endpoint_types: Sequence[ChannelType] | None) -> list[str]:
    """The ``EndpointTypes`` values of ``endpoint_types`` (duplicates dropped); ``None`` means
    :data:`ALL_CUSTOM_CHANNEL_ENDPOINT_TYPES`."""
    if endpoint_types is None:
        return [t.value for t in ALL_CUSTOM_CHANNEL_ENDPOINT_TYPES]
    if isinstance(endpoint_types, str | ChannelType) or not isinstance(endpoint_types, Sequence):
        raise TypeError(
            "endpoint_types must be a list of ChannelType, "
            f"got {type(endpoint_types).__name__}: {endpoint_types!r}"
        )
    values: list[str] = []
    for endpoint_type in endpoint_types:
        if not isinstance(endpoint_type, ChannelType):
            raise TypeError(
                f"endpoint_types must contain only ChannelType members, got {endpoint_type!r}"
            )
        if endpoint_type.value not in values:
            values.append(endpoint_type.value)
    if not values:
        raise ValueError(
            "endpoint_types must name at least one endpoint type, got an empty list "
            "(leave it out to receive every type)"
        )
    return values


@checked_props
class CustomChannel(Construct):
    """A custom channel: a Lambda function that Pinpoint calls to deliver a campaign's or a
    journey's messages itself, with up to 50 endpoints per invocation.

    The channel adds the function's invoke permission for Pinpoint's regional service principal,
    conditioned on ``aws:SourceAccount`` (the app's account) and ``aws:SourceArn`` (the app's
    campaigns and journeys, ``<app ARN>/*``), so no other project can use the function.

    Wrap a function of your own::

        channel = CustomChannel(self, "Chat", app=app, function=my_function,
            endpoint_types=[ChannelType.CUSTOM])

    or forward each endpoint to a webhook (see :meth:`webhook`)::

        channel = CustomChannel.webhook(self, "Chat", app=app,
            url="https://hooks.example.com/pinpoint",
            auth_header_secret=token_secret)

    Campaigns and journeys use :attr:`delivery_uri` and :attr:`endpoint_types`.

    Concurrency: the channel reserves no concurrency. Pinpoint invokes the function once per
    batch of at most 50 endpoints and treats a throttled invocation as a failed attempt, so a
    concurrency cap would turn load into undelivered messages (and reserving concurrency can
    fail in accounts with a low concurrency quota). To spare a receiver, lower the sending rate
    instead: ``Limits(messages_per_second=...)`` on the app or the campaign.
    """

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        app: IPinpointApp,
        function: lambda_.IFunction,
        endpoint_types: Sequence[ChannelType] | None = None,
    ) -> None:
        """
        :param app: The project whose campaigns and journeys use the channel; Pinpoint may
            invoke the function on behalf of this project only.
        :param function: The function that delivers the messages. It receives Pinpoint's
            custom-channel payload (``Message``, ``Data``, ``ApplicationId``, ``CampaignId`` or
            ``JourneyId``, ``Endpoints``, ...).
        :param endpoint_types: Which endpoints of a segment the channel receives, by their
            ``ChannelType``. Default: every type the Pinpoint developer guide lists for
            custom channels (:data:`ALL_CUSTOM_CHANNEL_ENDPOINT_TYPES`), written out
            explicitly, since the service does not document what an absent list means.
        """
        values = endpoint_type_values(endpoint_types)
        super().__init__(scope, id)
        self._bind(app=app, function=function, endpoint_types=values)

    def _bind(
        self, *, app: IPinpointApp, function: lambda_.IFunction, endpoint_types: list[str]
    ) -> None:
        self._endpoint_types = endpoint_types
        self.app = app
        """The project that may use the channel."""
        self.function = function
        """The function Pinpoint invokes."""
        allow_pinpoint_invoke(self, function, app)

    @property
    def delivery_uri(self) -> str:
        """The ``DeliveryUri`` for a campaign's ``CustomDeliveryConfiguration`` or a journey's
        custom message activity: the function's ARN."""
        return self.function.function_arn

    @property
    def endpoint_types(self) -> list[str]:
        """The ``EndpointTypes`` for the same places: the ``ChannelType`` values of the
        endpoints the channel receives (a new list on every call)."""
        return list(self._endpoint_types)

    @property
    def channel_type(self) -> ChannelType:
        """The type of channel: always ``ChannelType.CUSTOM``."""
        return ChannelType.CUSTOM

    @classmethod
    def webhook(
        cls,
        scope: Construct,
        id: str,
        *,
        app: IPinpointApp,
        url: str,
        auth_header_secret: secretsmanager.ISecret | None = None,
        auth_header_name: str | None = None,
        allow_http: bool = False,
        max_concurrency: int = MAX_ENDPOINTS_PER_INVOCATION,
        request_timeout: Duration | None = None,
        max_attempts: int = 3,
        endpoint_types: Sequence[ChannelType] | None = None,
        log_retention: logs.RetentionDays = DEFAULT_LOG_RETENTION,
    ) -> CustomChannel:
        """A custom channel whose function (the library's webhook forwarder) sends one JSON
        POST per endpoint to ``url``, concurrently, with retries and an ``Idempotency-Key``
        header, and stops before Pinpoint's 15-second limit.

        The function (child ``Forwarder``) runs on Python 3.14 with a 12-second timeout,
        256 MiB, its own log group and a role that may only write its logs and read
        ``auth_header_secret``.

        :param app: The project whose campaigns and journeys use the channel.
        :param url: The receiver, an ``https://`` URL without credentials. It is stored in
            the function's environment in plaintext: keep secrets out of it (a token in the
            path or query string included) and use ``auth_header_secret``. A URL that looks
            like it carries one (a query parameter such as ``token``, ``key``, ``api_key``,
            ``sig`` or ``signature``, a Slack-style ``/services/...`` path, a fragment) gets
            the warning ``pinpoint-constructs:customChannelUrlCredential``.
        :param auth_header_secret: A secret whose ``SecretString`` is the value of the header
            that authenticates each request (for example ``Bearer ...``). The function reads
            it at run time, so neither the template nor the function's environment holds the
            value, and reads it again after five minutes or when the receiver answers 401 or
            403 to it (a rotated secret takes effect); its role gets ``secret.grant_read`` (plus
            ``kms:Decrypt`` through Secrets Manager when the secret has a customer key).
            Import a secret with ``from_secret_complete_arn`` rather than by name: a name
            import is granted as ``<name>-??????``, which cdk-nag reports as
            ``AwsSolutions-IAM5``. Default: requests carry no auth header.
        :param auth_header_name: The header that carries the secret's value; only with
            ``auth_header_secret``. Default: ``Authorization``.
        :param allow_http: Allow a plain ``http://`` URL, which sends endpoint addresses and
            the auth header unencrypted: for tests against a local receiver only. A warning
            is added when used. Default: ``False``.
        :param max_concurrency: Requests in flight at once per invocation, 1 to 50.
            Default: 50 (a full batch in about one request's latency).
        :param request_timeout: Timeout of one request, whole seconds from 1 to 11.
            Default: 4 seconds.
        :param max_attempts: Attempts per endpoint, 1 to 10 (429, 5xx, timeouts and
            connection errors are retried). Default: 3.
        :param endpoint_types: As for the constructor. Default: every custom-channel type.
        :param log_retention: Retention of the function's log group. Default: one month.
        """
        return _WebhookChannel(
            scope,
            id,
            app=app,
            endpoint_types=endpoint_types,
            environment=_forwarder_environment(
                url=url,
                auth_header_secret=auth_header_secret,
                auth_header_name=auth_header_name,
                allow_http=allow_http,
                max_concurrency=max_concurrency,
                request_timeout=request_timeout,
                max_attempts=max_attempts,
            ),
            auth_header_secret=auth_header_secret,
            log_retention=log_retention,
        )


def _forwarder_environment(
    *,
    url: str,
    auth_header_secret: Any,
    auth_header_name: str | None,
    allow_http: bool,
    max_concurrency: int,
    request_timeout: Duration | None,
    max_attempts: int,
) -> dict[str, str]:
    """Validate the webhook props and return the forwarder's environment variables
    (see ``handlers/webhook_forwarder/index.py``)."""
    check_https_url(
        "url",
        url,
        allow_http=allow_http,
        http_opt_in="allow_http=True",
        credential_hint="pass the credential as auth_header_secret instead",
    )
    if auth_header_secret is not None and not (
        hasattr(auth_header_secret, "secret_arn") and hasattr(auth_header_secret, "grant_read")
    ):
        raise TypeError(
            "auth_header_secret must be an aws_secretsmanager.ISecret (the function reads it "
            "at run time; a SecretValue or a string would put the value in the template), "
            f"got {type(auth_header_secret).__name__}"
        )
    if auth_header_name is not None and auth_header_secret is None:
        raise ValueError(
            f"auth_header_name needs auth_header_secret (the header's value), "
            f"got auth_header_name={auth_header_name!r} and no secret"
        )
    check_http_header_name("auth_header_name", auth_header_name)
    check_range("max_concurrency", max_concurrency, 1, MAX_ENDPOINTS_PER_INVOCATION)
    check_range("max_attempts", max_attempts, 1, 10)
    timeout = duration_seconds("request_timeout", request_timeout)
    if timeout is None:
        timeout = _DEFAULT_REQUEST_TIMEOUT_SECONDS
    check_range("request_timeout (seconds)", timeout, 1, _MAX_REQUEST_TIMEOUT_SECONDS)

    environment = {
        "WEBHOOK_URL": url,
        "MAX_CONCURRENCY": str(max_concurrency),
        "REQUEST_TIMEOUT_SECONDS": str(timeout),
        "MAX_ATTEMPTS": str(max_attempts),
    }
    if allow_http:
        environment["ALLOW_HTTP"] = "true"
    if auth_header_secret is not None:
        environment["AUTH_HEADER_NAME"] = auth_header_name or "Authorization"
        environment["AUTH_SECRET_ARN"] = auth_header_secret.secret_arn
    return environment


class _WebhookChannel(CustomChannel):
    """What :meth:`CustomChannel.webhook` returns: the channel with its forwarder as child."""

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        app: IPinpointApp,
        endpoint_types: Sequence[ChannelType] | None,
        environment: dict[str, str],
        auth_header_secret: secretsmanager.ISecret | None,
        log_retention: logs.RetentionDays,
    ) -> None:
        # The forwarder must be a child of the channel, so it cannot exist before the channel:
        # initialise the construct itself, create the forwarder, then bind as the constructor does.
        values = endpoint_type_values(endpoint_types)
        Construct.__init__(self, scope, id)
        self.forwarder = HandlerFunction(
            self,
            "Forwarder",
            handler="webhook_forwarder.index.handler",
            description="Pinpoint custom channel: POSTs each endpoint to a webhook",
            timeout=Duration.seconds(WEBHOOK_FORWARDER_TIMEOUT_SECONDS),
            memory_size=WEBHOOK_FORWARDER_MEMORY_MB,
            environment=environment,
            log_retention=log_retention,
        )
        if auth_header_secret is not None:
            auth_header_secret.grant_read(self.forwarder.role)
        signs = url_credential_signs(environment["WEBHOOK_URL"])
        if signs:
            Annotations.of(self).add_warning_v2(
                WEBHOOK_URL_CREDENTIAL_WARNING,
                f"url carries what looks like a credential ({'; '.join(signs)}). The URL is "
                "written in plaintext to the template and the forwarder's environment. If the "
                "receiver accepts the credential in a header, store the header's value in "
                "Secrets Manager, pass the secret as auth_header_secret (and the header as "
                "auth_header_name when it is not Authorization) and remove it from the URL.",
            )
        if environment.get("ALLOW_HTTP") == "true":
            Annotations.of(self).add_warning_v2(
                "pinpoint-constructs:customChannelPlainHttp",
                "allow_http=True: the webhook forwarder may send endpoint addresses and the "
                "auth header over plain http://. Use only for tests against a local receiver.",
            )
        self._bind(app=app, function=self.forwarder.function, endpoint_types=values)
