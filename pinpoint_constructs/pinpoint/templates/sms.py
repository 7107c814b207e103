"""SMS templates: ``SmsTemplate`` (``AWS::Pinpoint::SmsTemplate``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from aws_cdk import aws_pinpoint as pinpoint
from constructs import Construct

from ..._props import checked_props
from ..._validation import require_non_empty
from ._common import TemplateBase, check_body_length
from ._content import SMS_BODY_MAX_LENGTH
from .base import TemplateType

if TYPE_CHECKING:
    from ..recommenders import IRecommender


@checked_props
class SmsTemplate(TemplateBase):
    """An SMS message template (``AWS::Pinpoint::SmsTemplate``).

    The body is a Handlebars template of at most 1,600 characters (the service's limit for an
    SMS template; carriers split long messages into parts of 160 GSM-7 or 70 UCS-2 characters,
    each billed). Handlebars is checked at synth as for ``EmailTemplate``.

    Example::

        SmsTemplate(self, "Reminder",
            template_name="appointment-reminder",
            body="Hi {{User.UserAttributes.FirstName}}, see you on {{Attributes.Date}}.",
            default_substitutions={"User.UserAttributes.FirstName": "there"},
        )
    """

    TEMPLATE_TYPE = TemplateType.SMS

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        body: str,
        default_substitutions: Mapping[str, Any] | None = None,
        template_name: str | None = None,
        description: str | None = None,
        validate_handlebars: bool = True,
        tags: Mapping[str, str] | None = None,
        recommender: IRecommender | None = None,
    ) -> None:
        """
        :param body: The message text (a Handlebars template), 1 to 1,600 characters.
        :param default_substitutions: Default values of the template's variables, by dotted
            name or as nested dicts (see ``EmailTemplate``). Default: none.
        :param template_name: The template's name (see ``EmailTemplate``). Default: generated
            from the construct path.
        :param description: A description of the template. Default: none.
        :param validate_handlebars: Check the body's Handlebars at synth. Default: ``True``.
        :param tags: Tags for the template. Default: none.
        :param recommender: A recommender model (``RecommenderConfiguration``) whose
            recommended attributes the template reads (``RecommendationItems``,
            ``Recommendations.<name>``); a custom resource sets the template's
            ``RecommenderId``, and the Handlebars checks don't ask defaults for those
            attributes. Default: none.
        """
        require_non_empty("body", body, optional=False)
        super().__init__(
            scope,
            id,
            template_name=template_name,
            description=description,
            tags=tags,
            recommender=recommender,
        )
        check_body_length(self._label, body, SMS_BODY_MAX_LENGTH, "an SMS template")
        substitutions = self._substitutions(
            [("body", body)], default_substitutions, validate_handlebars
        )
        self.body = body
        """The message text."""
        self._resource = pinpoint.CfnSmsTemplate(
            self,
            "Resource",
            template_name=self.template_name,
            body=body,
            default_substitutions=substitutions,
            template_description=description,
        )
        self._attach_recommender()


__all__ = ["SmsTemplate"]
