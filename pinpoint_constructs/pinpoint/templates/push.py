"""Push notification templates: ``PushTemplate`` (``AWS::Pinpoint::PushTemplate``) and its
sections (``PushMessage``, ``ApnsPushMessage``, ``AndroidPushMessage``)."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any

from aws_cdk import aws_pinpoint as pinpoint
from constructs import Construct

from ..._props import checked_props
from ..._validation import require_enum, require_non_empty
from ._common import TemplateBase, total_length
from ._content import PUSH_ANDROID_MAX_LENGTH, PUSH_APNS_MAX_LENGTH, PUSH_DEFAULT_MAX_LENGTH
from .base import TemplateType

if TYPE_CHECKING:
    from ..recommenders import IRecommender


class PushAction(enum.Enum):
    """What happens when the recipient taps the notification."""

    #: The app opens, or comes to the foreground (the service's default).
    OPEN_APP = "OPEN_APP"
    #: The app opens at the deep link given as ``url``.
    DEEP_LINK = "DEEP_LINK"
    #: The device's default browser opens ``url``.
    URL = "URL"


#: The parts Pinpoint renders as Handlebars templates.
_TEMPLATE_PARTS = ("title", "body")


@checked_props
@dataclass(frozen=True, kw_only=True)
class PushMessage:
    """The content of a push notification: the default section of a ``PushTemplate``, or a
    channel's section without channel-specific parts.

    :param title: The title, above the body (a Handlebars template). Default: none.
    :param body: The message text (a Handlebars template). Default: none; give a title, a
        body or both.
    :param action: What a tap does. Default: ``None`` (the service's default,
        ``PushAction.OPEN_APP``).
    :param url: The URL (for ``PushAction.URL``) or deep link (for ``PushAction.DEEP_LINK``)
        to open; required by those two actions, and only used by them. Default: none.
    :param sound: The sound to play: ``"default"`` or the name of a sound file in the app.
        Default: none (the device's default behaviour).
    """

    title: str | None = None
    body: str | None = None
    action: PushAction | None = None
    url: str | None = None
    sound: str | None = None

    def __post_init__(self) -> None:
        for field in fields(self):
            if field.name != "action":
                require_non_empty(field.name, getattr(self, field.name))
        if self.action is not None:
            object.__setattr__(self, "action", require_enum("action", self.action, PushAction))
        if self.title is None and self.body is None:
            raise ValueError(f"{type(self).__name__} needs a title, a body or both")
        needs_url = self.action in (PushAction.URL, PushAction.DEEP_LINK)
        if needs_url and self.url is None:
            raise ValueError(f"action {self.action} needs a url")
        if self.url is not None and not needs_url:
            raise ValueError(
                f"url is used only with action PushAction.URL or PushAction.DEEP_LINK, got "
                f"action {self.action.name if self.action else 'None (OPEN_APP)'} and url "
                f"{self.url!r}"
            )

    def _properties(self) -> dict[str, Any]:
        """The L1 properties (snake_case), unset ones left out."""
        values = {field.name: getattr(self, field.name) for field in fields(self)}
        values["action"] = self.action.value if self.action else None
        return {key: value for key, value in values.items() if value is not None}


@checked_props
@dataclass(frozen=True, kw_only=True)
class ApnsPushMessage(PushMessage):
    """A push notification for APNs (iOS), with its channel-specific part.

    :param media_url: The URL of an image or video to show in the notification. Default: none.
    """

    media_url: str | None = None


@checked_props
@dataclass(frozen=True, kw_only=True)
class AndroidPushMessage(PushMessage):
    """A push notification for FCM, Baidu or ADM (Android), with their channel-specific parts.

    :param image_url: The URL of an image to show in the notification. Default: none.
    :param image_icon_url: The URL of the large icon. Default: none.
    :param small_image_icon_url: The URL of the small icon (status bar and content view).
        Default: none.
    """

    image_url: str | None = None
    image_icon_url: str | None = None
    small_image_icon_url: str | None = None


# section -> (accepted classes, the service's character limit)
_SECTIONS: dict[str, tuple[tuple[type[PushMessage], ...], int]] = {
    "default": ((PushMessage,), PUSH_DEFAULT_MAX_LENGTH),
    "apns": ((PushMessage, ApnsPushMessage), PUSH_APNS_MAX_LENGTH),
    "fcm": ((PushMessage, AndroidPushMessage), PUSH_ANDROID_MAX_LENGTH),
    "baidu": ((PushMessage, AndroidPushMessage), PUSH_ANDROID_MAX_LENGTH),
    "adm": ((PushMessage, AndroidPushMessage), PUSH_ANDROID_MAX_LENGTH),
}


@checked_props
class PushTemplate(TemplateBase):
    """A push notification template (``AWS::Pinpoint::PushTemplate``): a default notification
    and, optionally, one per push channel that replaces it on that channel.

    Titles and bodies are Handlebars templates, checked at synth as for ``EmailTemplate``
    (errors name the section and part, e.g. ``apns.body``). Each section must stay within the
    service's limit: 2,000 characters for the default and APNs sections, 4,000 for FCM, Baidu
    and ADM.

    Example::

        PushTemplate(self, "Offer",
            template_name="weekend-offer",
            default=PushMessage(
                title="Hi {{User.UserAttributes.FirstName}}",
                body="20% off this weekend",
                action=PushAction.URL,
                url="https://example.com/offer",
            ),
            apns=ApnsPushMessage(body="20% off this weekend", sound="default",
                                 media_url="https://example.com/offer.png"),
            default_substitutions={"User.UserAttributes.FirstName": "there"},
        )
    """

    TEMPLATE_TYPE = TemplateType.PUSH

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        default: PushMessage | None = None,
        apns: PushMessage | None = None,
        fcm: PushMessage | None = None,
        baidu: PushMessage | None = None,
        adm: PushMessage | None = None,
        default_substitutions: Mapping[str, Any] | None = None,
        template_name: str | None = None,
        description: str | None = None,
        validate_handlebars: bool = True,
        tags: Mapping[str, str] | None = None,
        recommender: IRecommender | None = None,
    ) -> None:
        """
        :param default: The notification for every push channel without its own section.
            Default: none; give at least one section.
        :param apns: The notification for APNs (``PushMessage`` or ``ApnsPushMessage``).
            Default: the default section.
        :param fcm: The notification for Firebase Cloud Messaging (``PushMessage`` or
            ``AndroidPushMessage``; CloudFormation's ``GCM``). Default: the default section.
        :param baidu: The notification for Baidu Cloud Push (``PushMessage`` or
            ``AndroidPushMessage``). Default: the default section.
        :param adm: The notification for Amazon Device Messaging (``PushMessage`` or
            ``AndroidPushMessage``). Default: the default section.
        :param default_substitutions: Default values of the template's variables, by dotted
            name or as nested dicts (see ``EmailTemplate``). Default: none.
        :param template_name: The template's name (see ``EmailTemplate``). Default: generated
            from the construct path.
        :param description: A description of the template. Default: none.
        :param validate_handlebars: Check the Handlebars of titles and bodies at synth.
            Default: ``True``.
        :param tags: Tags for the template. Default: none.
        :param recommender: A recommender model (``RecommenderConfiguration``) whose
            recommended attributes the template reads (``RecommendationItems``,
            ``Recommendations.<name>``); a custom resource sets the template's
            ``RecommenderId``, and the Handlebars checks don't ask defaults for those
            attributes. Default: none.
        """
        sections = {"default": default, "apns": apns, "fcm": fcm, "baidu": baidu, "adm": adm}
        for section, message in sections.items():
            accepted, _ = _SECTIONS[section]
            if message is not None and type(message) not in accepted:
                names = " or ".join(cls.__name__ for cls in accepted)
                raise TypeError(f"{section} must be a {names}, got {type(message).__name__}")
        given = {section: message for section, message in sections.items() if message}
        if not given:
            raise ValueError("a PushTemplate needs at least one section: default, apns, fcm ...")
        super().__init__(
            scope,
            id,
            template_name=template_name,
            description=description,
            tags=tags,
            recommender=recommender,
        )
        for section, message in given.items():
            _, limit = _SECTIONS[section]
            length = total_length(*(value for _, value in _strings(message)))
            if length is not None and length > limit:
                raise ValueError(
                    f"{self._label} {section} section has {length} characters; the service "
                    f"allows at most {limit} in the {section} parts of a push template"
                )
        parts = [
            (f"{section}.{part}", getattr(message, part))
            for section, message in given.items()
            for part in _TEMPLATE_PARTS
        ]
        substitutions = self._substitutions(parts, default_substitutions, validate_handlebars)
        self.sections: dict[str, PushMessage] = given
        """The sections given, by name (``default``, ``apns``, ``fcm``, ``baidu``, ``adm``)."""
        cfn = pinpoint.CfnPushTemplate
        self._resource = cfn(
            self,
            "Resource",
            template_name=self.template_name,
            default=cfn.DefaultPushNotificationTemplateProperty(**default._properties())
            if default
            else None,
            apns=cfn.APNSPushNotificationTemplateProperty(**apns._properties()) if apns else None,
            gcm=cfn.AndroidPushNotificationTemplateProperty(**fcm._properties()) if fcm else None,
            baidu=cfn.AndroidPushNotificationTemplateProperty(**baidu._properties())
            if baidu
            else None,
            adm=cfn.AndroidPushNotificationTemplateProperty(**adm._properties()) if adm else None,
            default_substitutions=substitutions,
            template_description=description,
        )
        self._attach_recommender()


def _strings(message: PushMessage) -> list[tuple[str, Any]]:
    return [
        (field.name, getattr(message, field.name))
        for field in fields(message)
        if field.name != "action"
    ]


__all__ = ["AndroidPushMessage", "ApnsPushMessage", "PushAction", "PushMessage", "PushTemplate"]
