"""Push in a journey on Amazon Connect: Connect has no push channel, so a custom action
invokes a function that renders a Q in Connect PUSH template and sends it through AWS End
User Messaging Push (the Pinpoint project and its channels, which continue), as AWS's
Amplify notifications construct does. Handler: ``handlers/journey_push``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from aws_cdk import Duration, Fn
from aws_cdk import aws_iam as iam
from constructs import Construct

from ..._lambda import HandlerFunction
from ..._validation import require_str
from ..campaign import _template_version_arn
from .steps import CustomActionStep

if TYPE_CHECKING:
    from ...pinpoint import IPinpointApp
    from ...profiles import IProfilesDomain
    from ..message_templates import IMessageTemplate

#: The handler's timeout: a batch of profiles, each a device lookup and one send.
HANDLER_TIMEOUT = Duration.minutes(1)
#: Memory in MiB (I/O-bound; the Handlebars engine is light).
HANDLER_MEMORY_MB = 256


class _PushChannel:
    """The channel subtype the campaign module checks a template against."""

    value = "PUSH"


class JourneyPushAction(Construct):
    """The function a journey's push step invokes (child ``Handler``): it reads the profiles
    Connect sends, looks up each profile's device objects in the Customer Profiles domain
    (``ListProfileObjects``; each object's ``channelType`` and ``deviceToken``, as the Amplify
    construct stores them), renders ``template``'s published version with the library's
    Handlebars engine, and sends through the Pinpoint project (``SendMessages``, the tokens as
    addresses). One profile's failure never fails the others; a send is never resent.

    Its role may read exactly this template (the template and its version), list objects of
    this domain, and send messages through this project (``apps/<id>/messages``).

    :param template: a ``PUSH`` Q in Connect template (e.g. ``PushMessageTemplate``).
    :param profiles_domain: the domain that holds the profiles' device objects.
    :param device_object_type: the object type of the device objects.
    :param application: the Pinpoint project whose push channels send (End User Messaging
        Push).
    """

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        template: IMessageTemplate,
        profiles_domain: IProfilesDomain,
        device_object_type: str,
        application: IPinpointApp,
    ) -> None:
        super().__init__(scope, id)
        version_arn = _template_version_arn("template", template, _PushChannel)  # type: ignore[arg-type]
        require_str("device_object_type", device_object_type, optional=False)
        for prop, value, attribute in (
            ("profiles_domain", profiles_domain, "domain_name"),
            ("application", application, "app_id"),
        ):
            if not hasattr(value, attribute):
                raise TypeError(
                    f"{prop} must have {attribute}, got {type(value).__name__}: {value!r}"
                )
        # <id>:<version> from arn:...:message-template/<kb id>/<id>:<version>.
        template_id = Fn.select(
            1, Fn.split("/", Fn.select(1, Fn.split(":message-template/", version_arn)))
        )
        self.handler = HandlerFunction(
            self,
            "Handler",
            handler="journey_push.index.handler",
            description="Sends a journey's push notifications through End User Messaging Push",
            timeout=HANDLER_TIMEOUT,
            memory_size=HANDLER_MEMORY_MB,
            packages=["handlebars"],
            environment={
                "KNOWLEDGE_BASE_ID": template.knowledge_base.knowledge_base_id,
                "MESSAGE_TEMPLATE_ID": template_id,
                "PROFILES_DOMAIN": profiles_domain.domain_name,
                "DEVICE_OBJECT_TYPE": device_object_type,
                "PINPOINT_APPLICATION_ID": application.app_id,
            },
        )
        self.function = self.handler.function
        self.handler.role.add_to_principal_policy(
            iam.PolicyStatement(
                actions=["wisdom:GetMessageTemplate"],
                resources=[template.message_template_arn, version_arn],
            )
        )
        profiles_domain.grant(self.handler.role, "profile:ListProfileObjects")
        self.handler.role.add_to_principal_policy(
            iam.PolicyStatement(
                actions=["mobiletargeting:SendMessages"],
                resources=[f"{application.app_arn}/messages"],
            )
        )

    def step(self, id: str, **props: Any) -> CustomActionStep:
        """A journey step that invokes this function (a :class:`CustomActionStep`; ``props``
        are its other props)."""
        return CustomActionStep(id, function=self.function, **props)
