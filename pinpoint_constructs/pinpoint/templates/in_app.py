"""In-app message templates: ``InAppTemplate`` (``AWS::Pinpoint::InAppTemplate``), its messages
and buttons.

In-app messages do not support message variables ("Amazon Pinpoint in-app messaging channel",
Amazon Pinpoint User Guide), so their text is not Handlebars and has no default substitutions.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from aws_cdk import aws_pinpoint as pinpoint
from constructs import Construct

from ..._props import checked_props
from ..._validation import check_range, require_enum, require_non_empty
from ._common import TemplateBase
from .base import TemplateType

#: Most messages in a carousel; every other layout shows exactly one message.
IN_APP_MAX_MESSAGES = 5


class InAppLayout(enum.Enum):
    """How an in-app message appears."""

    #: A banner at the bottom of the screen.
    BOTTOM_BANNER = "BOTTOM_BANNER"
    #: A banner at the top of the screen.
    TOP_BANNER = "TOP_BANNER"
    #: A banner in the middle of the screen.
    MIDDLE_BANNER = "MIDDLE_BANNER"
    #: A message that covers the whole screen.
    OVERLAYS = "OVERLAYS"
    #: A message in a window in front of the page.
    MOBILE_FEED = "MOBILE_FEED"
    #: A scrollable set of up to five messages.
    CAROUSEL = "CAROUSEL"


class TextAlignment(enum.Enum):
    """Alignment of a message's header or body."""

    LEFT = "LEFT"
    CENTER = "CENTER"
    RIGHT = "RIGHT"


class InAppButtonAction(enum.Enum):
    """What a button does."""

    #: Open ``link`` in the browser.
    LINK = "LINK"
    #: Open the app at the deep link ``link``.
    DEEP_LINK = "DEEP_LINK"
    #: Close the message.
    CLOSE = "CLOSE"


def _check_action(prop: str, value: Any, link: str | None) -> InAppButtonAction:
    action = require_enum(f"{prop}.action", value, InAppButtonAction)
    require_non_empty(f"{prop}.link", link)
    if action is InAppButtonAction.CLOSE and link is not None:
        raise ValueError(f"{prop}.link is not used by InAppButtonAction.CLOSE, got {link!r}")
    if action is not InAppButtonAction.CLOSE and link is None:
        raise ValueError(f"{prop}.action {action} needs a link")
    return action


@dataclass(frozen=True)
class InAppL1:
    """The L1 struct classes an in-app message renders into.

    An in-app template and a campaign's in-app message have the same CloudFormation shape, but
    aws-cdk-lib names the structs differently in ``CfnInAppTemplate`` and ``CfnCampaign``; one
    rendering serves both through these.
    """

    content: Any
    header: Any
    body: Any
    button: Any
    default_button: Any
    override_button: Any


#: The structs of ``AWS::Pinpoint::InAppTemplate``.
IN_APP_TEMPLATE_L1 = InAppL1(
    content=pinpoint.CfnInAppTemplate.InAppMessageContentProperty,
    header=pinpoint.CfnInAppTemplate.HeaderConfigProperty,
    body=pinpoint.CfnInAppTemplate.BodyConfigProperty,
    button=pinpoint.CfnInAppTemplate.ButtonConfigProperty,
    default_button=pinpoint.CfnInAppTemplate.DefaultButtonConfigurationProperty,
    override_button=pinpoint.CfnInAppTemplate.OverrideButtonConfigurationProperty,
)
#: The structs of ``AWS::Pinpoint::Campaign``'s in-app message.
IN_APP_CAMPAIGN_L1 = InAppL1(
    content=pinpoint.CfnCampaign.InAppMessageContentProperty,
    header=pinpoint.CfnCampaign.InAppMessageHeaderConfigProperty,
    body=pinpoint.CfnCampaign.InAppMessageBodyConfigProperty,
    button=pinpoint.CfnCampaign.InAppMessageButtonProperty,
    default_button=pinpoint.CfnCampaign.DefaultButtonConfigurationProperty,
    override_button=pinpoint.CfnCampaign.OverrideButtonConfigurationProperty,
)


@checked_props
@dataclass(frozen=True, kw_only=True)
class InAppButtonOverride:
    """A button's behaviour on one platform (Android, iOS or web), instead of its default.

    :param action: What the button does on that platform.
    :param link: The URL or deep link, for ``LINK`` and ``DEEP_LINK``. Default: none.
    """

    action: InAppButtonAction
    link: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "action", _check_action("override", self.action, self.link))

    def render(self, l1: InAppL1) -> Any:
        """The override as ``l1``'s ``OverrideButtonConfigurationProperty``."""
        return l1.override_button(button_action=self.action.value, link=self.link)


@checked_props
@dataclass(frozen=True, kw_only=True)
class InAppButton:
    """A button of an in-app message.

    :param text: The button's label.
    :param action: What the button does.
    :param link: The URL (``LINK``) or deep link (``DEEP_LINK``) to open; not used by
        ``CLOSE``. Default: none.
    :param background_color: The button's colour, e.g. ``"#0A66C2"``. Default: the app's.
    :param text_color: The label's colour. Default: the app's.
    :param border_radius: The corner radius, in pixels, 0 or more. Default: the app's.
    :param android: Behaviour on Android instead of ``action``/``link``. Default: none.
    :param ios: Behaviour on iOS instead of ``action``/``link``. Default: none.
    :param web: Behaviour on the web instead of ``action``/``link``. Default: none.
    """

    text: str
    action: InAppButtonAction
    link: str | None = None
    background_color: str | None = None
    text_color: str | None = None
    border_radius: int | None = None
    android: InAppButtonOverride | None = None
    ios: InAppButtonOverride | None = None
    web: InAppButtonOverride | None = None

    def __post_init__(self) -> None:
        require_non_empty("button.text", self.text, optional=False)
        object.__setattr__(self, "action", _check_action("button", self.action, self.link))
        require_non_empty("button.background_color", self.background_color)
        require_non_empty("button.text_color", self.text_color)
        if self.border_radius is not None and (
            isinstance(self.border_radius, bool) or not isinstance(self.border_radius, int)
        ):
            raise TypeError(
                f"button.border_radius must be an int, got {type(self.border_radius).__name__}: "
                f"{self.border_radius!r}"
            )
        check_range("button.border_radius", self.border_radius, 0)
        for platform in ("android", "ios", "web"):
            override = getattr(self, platform)
            if override is not None and not isinstance(override, InAppButtonOverride):
                raise TypeError(
                    f"button.{platform} must be an InAppButtonOverride, got "
                    f"{type(override).__name__}"
                )

    def render(self, l1: InAppL1) -> Any:
        """The button as ``l1``'s button struct."""
        return l1.button(
            default_config=l1.default_button(
                text=self.text,
                button_action=self.action.value,
                link=self.link,
                background_color=self.background_color,
                text_color=self.text_color,
                border_radius=self.border_radius,
            ),
            android=self.android.render(l1) if self.android else None,
            ios=self.ios.render(l1) if self.ios else None,
            web=self.web.render(l1) if self.web else None,
        )


@checked_props
@dataclass(frozen=True, kw_only=True)
class InAppMessage:
    """One message of an in-app template (a carousel has up to five).

    The API reference asks for a header, a body and a background colour in every message; the
    colours and alignments the service requires with a header or body have defaults here.

    :param header: The heading.
    :param body: The message text.
    :param background_color: The message's background colour. Default: ``"#FFFFFF"``.
    :param header_text_color: Default: ``"#000000"``.
    :param body_text_color: Default: ``"#000000"``.
    :param header_alignment: Default: ``TextAlignment.LEFT``.
    :param body_alignment: Default: ``TextAlignment.LEFT``.
    :param image_url: The URL of an image to show. Default: none.
    :param primary_button: The first button. Default: none.
    :param secondary_button: The second button. Default: none.
    """

    header: str
    body: str
    background_color: str = "#FFFFFF"
    header_text_color: str = "#000000"
    body_text_color: str = "#000000"
    header_alignment: TextAlignment = TextAlignment.LEFT
    body_alignment: TextAlignment = TextAlignment.LEFT
    image_url: str | None = None
    primary_button: InAppButton | None = None
    secondary_button: InAppButton | None = None

    def __post_init__(self) -> None:
        for prop in ("header", "body", "background_color", "header_text_color", "body_text_color"):
            require_non_empty(prop, getattr(self, prop), optional=False)
        require_non_empty("image_url", self.image_url)
        for prop in ("header_alignment", "body_alignment"):
            object.__setattr__(self, prop, require_enum(prop, getattr(self, prop), TextAlignment))
        for prop in ("primary_button", "secondary_button"):
            value = getattr(self, prop)
            if value is not None and not isinstance(value, InAppButton):
                raise TypeError(f"{prop} must be an InAppButton, got {type(value).__name__}")

    def render(self, l1: InAppL1) -> Any:
        """The message as ``l1``'s ``InAppMessageContentProperty``."""
        return l1.content(
            background_color=self.background_color,
            header_config=l1.header(
                header=self.header,
                text_color=self.header_text_color,
                alignment=self.header_alignment.value,
            ),
            body_config=l1.body(
                body=self.body,
                text_color=self.body_text_color,
                alignment=self.body_alignment.value,
            ),
            image_url=self.image_url,
            primary_btn=self.primary_button.render(l1) if self.primary_button else None,
            secondary_btn=self.secondary_button.render(l1) if self.secondary_button else None,
        )


@checked_props
class InAppTemplate(TemplateBase):
    """An in-app message template (``AWS::Pinpoint::InAppTemplate``).

    A ``CAROUSEL`` shows one to five messages; every other layout exactly one. In-app messages
    do not support message variables, so nothing here is a Handlebars template.

    Example::

        InAppTemplate(self, "Promo",
            template_name="spring-promo",
            layout=InAppLayout.MIDDLE_BANNER,
            messages=[InAppMessage(
                header="Spring sale",
                body="20% off everything this week",
                background_color="#0B2545",
                header_text_color="#FFFFFF",
                body_text_color="#FFFFFF",
                primary_button=InAppButton(
                    text="Shop now", action=InAppButtonAction.DEEP_LINK, link="myapp://sale",
                    web=InAppButtonOverride(action=InAppButtonAction.LINK,
                                            link="https://example.com/sale"),
                ),
                secondary_button=InAppButton(text="Later", action=InAppButtonAction.CLOSE),
            )],
            custom_config={"campaign": "spring"},
        )
    """

    TEMPLATE_TYPE = TemplateType.INAPP

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        layout: InAppLayout,
        messages: Sequence[InAppMessage],
        custom_config: Mapping[str, str] | None = None,
        template_name: str | None = None,
        description: str | None = None,
        tags: Mapping[str, str] | None = None,
    ) -> None:
        """
        :param layout: How the message appears.
        :param messages: The messages: one, or for ``InAppLayout.CAROUSEL`` one to five.
        :param custom_config: Key-value pairs (strings) sent to the app with the message.
            Default: none.
        :param template_name: The template's name (see ``EmailTemplate``). Default: generated
            from the construct path.
        :param description: A description of the template. Default: none.
        :param tags: Tags for the template. Default: none.
        """
        layout = require_enum("layout", layout, InAppLayout)
        if isinstance(messages, (str, bytes)) or not isinstance(messages, Sequence):
            raise TypeError(
                f"messages must be a list of InAppMessage, got {type(messages).__name__}"
            )
        for message in messages:
            if not isinstance(message, InAppMessage):
                raise TypeError(
                    f"messages must be a list of InAppMessage, got an item of type "
                    f"{type(message).__name__}"
                )
        maximum = IN_APP_MAX_MESSAGES if layout is InAppLayout.CAROUSEL else 1
        if not 1 <= len(messages) <= maximum:
            expected = f"1 to {maximum} messages" if maximum > 1 else "exactly one message"
            raise ValueError(
                f"layout {layout} takes {expected}, got {len(messages)}"
                + ("" if maximum > 1 else "; use InAppLayout.CAROUSEL for up to five")
            )
        config = dict(custom_config or {})
        for key, value in config.items():
            if not isinstance(key, str) or not isinstance(value, str):
                raise TypeError(
                    f"custom_config must map strings to strings, got {key!r}: {value!r}"
                )
        super().__init__(scope, id, template_name=template_name, description=description, tags=tags)
        self.layout = layout
        """How the message appears."""
        self.messages: tuple[InAppMessage, ...] = tuple(messages)
        """The messages."""
        self._resource = pinpoint.CfnInAppTemplate(
            self,
            "Resource",
            template_name=self.template_name,
            layout=layout.value,
            content=[message.render(IN_APP_TEMPLATE_L1) for message in messages],
            custom_config=config or None,
            template_description=description,
        )


__all__ = [
    "IN_APP_MAX_MESSAGES",
    "InAppButton",
    "InAppButtonAction",
    "InAppButtonOverride",
    "InAppLayout",
    "InAppMessage",
    "InAppTemplate",
    "TextAlignment",
]
