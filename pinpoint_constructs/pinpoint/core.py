"""What every Pinpoint module shares: the project's interface (``IPinpointApp``) and the
channel types (``ChannelType``). It imports no other module of the library, so the project,
its channels and everything built on them can all depend on it."""

from __future__ import annotations

import enum
from typing import Protocol

from aws_cdk import IResource
from aws_cdk import aws_iam as iam


class ChannelType(enum.Enum):
    """A Pinpoint channel type: the service's ``ChannelType`` values (also an endpoint's
    ``ChannelType``)."""

    #: Any push channel (APNs in any environment, FCM, Baidu or ADM).
    PUSH = "PUSH"
    #: Firebase Cloud Messaging (the service still calls it GCM).
    GCM = "GCM"
    #: Apple Push Notification service, production.
    APNS = "APNS"
    #: Apple Push Notification service, sandbox (development).
    APNS_SANDBOX = "APNS_SANDBOX"
    #: APNs VoIP notifications, production.
    APNS_VOIP = "APNS_VOIP"
    #: APNs VoIP notifications, sandbox.
    APNS_VOIP_SANDBOX = "APNS_VOIP_SANDBOX"
    #: Amazon Device Messaging.
    ADM = "ADM"
    #: SMS text messages.
    SMS = "SMS"
    #: Voice messages.
    VOICE = "VOICE"
    #: Email.
    EMAIL = "EMAIL"
    #: Baidu Cloud Push.
    BAIDU = "BAIDU"
    #: A custom channel (a Lambda function or webhook named by the campaign or journey).
    CUSTOM = "CUSTOM"
    #: In-app messages.
    IN_APP = "IN_APP"

    @property
    def is_push(self) -> bool:
        """Whether this is one of the push channels that ``PUSH`` stands for."""
        return self in _PUSH_TYPES

    @property
    def has_channel_resource(self) -> bool:
        """Whether a channel resource serves exactly this type. ``PUSH`` stands for any push
        channel; ``CUSTOM`` and ``IN_APP`` need no channel resource."""
        return self not in (ChannelType.PUSH, ChannelType.CUSTOM, ChannelType.IN_APP)


_PUSH_TYPES = frozenset(
    {
        ChannelType.GCM,
        ChannelType.APNS,
        ChannelType.APNS_SANDBOX,
        ChannelType.APNS_VOIP,
        ChannelType.APNS_VOIP_SANDBOX,
        ChannelType.ADM,
        ChannelType.BAIDU,
    }
)


class IPinpointApp(IResource, Protocol):
    """A Pinpoint project (app), defined in this app or imported."""

    @property
    def app_id(self) -> str:
        """The project id (``ApplicationId``)."""
        ...

    @property
    def app_arn(self) -> str:
        """The project ARN: ``arn:<partition>:mobiletargeting:<region>:<account>:apps/<id>``."""
        ...

    def grant(self, grantee: iam.IGrantable, *actions: str) -> iam.Grant:
        """Grant ``actions`` on this app and everything in it."""
        ...

    def grant_send_messages(self, grantee: iam.IGrantable) -> iam.Grant:
        """Grant sending messages to endpoints and users."""
        ...

    def grant_manage_endpoints(self, grantee: iam.IGrantable) -> iam.Grant:
        """Grant reading, creating, updating and deleting endpoints."""
        ...

    def grant_put_events(self, grantee: iam.IGrantable) -> iam.Grant:
        """Grant recording events (what analytics SDKs do)."""
        ...

    def grant_read(self, grantee: iam.IGrantable) -> iam.Grant:
        """Grant reading the app and its analytics (KPIs and journey metrics)."""
        ...

    def register_channel(self, channel_type: ChannelType, *, enabled: bool = True) -> None:
        """Record that this CDK app defines a channel of ``channel_type`` for this app."""
        ...

    def has_channel(self, channel_type: ChannelType) -> bool | None:
        """Whether this app has an enabled channel of ``channel_type``; ``None`` when unknown."""
        ...
