"""Voice templates: ``VoiceTemplate`` (a custom resource; CloudFormation has no
``AWS::Pinpoint::VoiceTemplate``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from constructs import Construct

from ..._props import checked_props
from ..._validation import is_unresolved, require_non_empty, require_str
from .._permissions import mobiletargeting_arn
from .._template_provider import grant, provider_resource
from ._common import TemplateBase, check_body_length
from ._content import VOICE_TEMPLATE_MAX_LENGTH
from ._polly import check_voice
from .base import TemplateType

#: The custom resource type of a voice template.
VOICE_TEMPLATE_RESOURCE_TYPE = "Custom::PinpointVoiceTemplate"


@checked_props
class VoiceTemplate(TemplateBase):
    """A voice message template: a script that Amazon Polly reads to the recipient in the
    chosen voice and language (``CreateVoiceTemplate`` through the stack's shared
    ``PinpointMessageTemplateProvider``, since CloudFormation has no voice template resource).

    The body is a Handlebars template, checked at synth as for ``EmailTemplate`` (syntax and
    helpers raise ``ValueError``; a variable without a default substitution gets the warning
    ``TEMPLATE_MISSING_DEFAULT_WARNING``). The voice must be an Amazon Polly voice id and the
    language one it speaks (Polly's ``VoiceId`` and ``LanguageCode`` values, and the Polly
    Developer Guide's "Available voices" table; see ``templates/_polly.py``).

    - Changing the body, voice, language, description or default substitutions updates the
      template in place (``UpdateVoiceTemplate``, which overwrites its latest version); a new
      ``template_name`` creates a template of the new name and deletes the old one.
    - Tags are set on create and changed with ``TagResource``/``UntagResource``; as a custom
      resource, the template doesn't receive tags applied with ``Tags.of(scope)``: give them
      as ``tags``.
    - Deleting removes the template; a template already gone counts as deleted.

    Example::

        VoiceTemplate(self, "ReminderCall",
            template_name="reminder-call",
            body="Hello {{User.UserAttributes.FirstName}}, your appointment is tomorrow.",
            voice_id="Joanna",                      # language_code defaults to en-US
            default_substitutions={"User.UserAttributes.FirstName": "there"},
        )
    """

    TEMPLATE_TYPE = TemplateType.VOICE

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        body: str,
        voice_id: str,
        language_code: str | None = None,
        default_substitutions: Mapping[str, Any] | None = None,
        template_name: str | None = None,
        description: str | None = None,
        validate_handlebars: bool = True,
        tags: Mapping[str, str] | None = None,
    ) -> None:
        """
        :param body: The script (a Handlebars template) in plain text.
        :param voice_id: The Amazon Polly voice that reads it, e.g. ``"Joanna"``.
        :param language_code: The language Polly speaks, e.g. ``"en-US"``; one the voice
            speaks. Default: the voice's default language (required for a voice the library's
            table doesn't list).
        :param default_substitutions: Default values of the template's variables, by dotted
            name or as nested dicts (see ``EmailTemplate``). Default: none.
        :param template_name: The template's name (see ``EmailTemplate``). Default: generated
            from the construct path.
        :param description: A description of the template. Default: none.
        :param validate_handlebars: Check the body's Handlebars at synth. Default: ``True``.
        :param tags: Tags for the template. Default: none.
        """
        require_non_empty("body", body, optional=False)
        require_non_empty("voice_id", voice_id, optional=False)
        require_str("language_code", language_code)
        for key, value in (tags or {}).items():
            require_str("tags", key)
            require_str(f"tags[{key!r}]", value)
        if is_unresolved(voice_id) or (language_code is not None and is_unresolved(language_code)):
            language = language_code
        else:
            language = check_voice(voice_id, language_code)
        # Tags go to the custom resource's properties, not through the Tags aspect.
        super().__init__(scope, id, template_name=template_name, description=description, tags=None)
        check_body_length(self._label, body, VOICE_TEMPLATE_MAX_LENGTH, "a voice template")
        substitutions = self._substitutions(
            [("body", body)], default_substitutions, validate_handlebars
        )
        self.body = body
        """The script."""
        self.voice_id = voice_id
        """The Amazon Polly voice."""
        self.language_code = language
        """The language Polly speaks (the given one, or the voice's default)."""

        grant(
            self,
            [
                "mobiletargeting:CreateVoiceTemplate",
                "mobiletargeting:UpdateVoiceTemplate",
                "mobiletargeting:TagResource",
                "mobiletargeting:UntagResource",
            ],
            mobiletargeting_arn(self, "templates", f"{self.template_name}/VOICE"),
        )
        grant(
            self,
            ["mobiletargeting:DeleteVoiceTemplate"],
            mobiletargeting_arn(self, "templates", "*/VOICE"),
            wildcard_reason="renaming a voice template deletes the old one in CloudFormation's "
            "clean-up, after the policy has lost the old name; DeleteVoiceTemplate alone is "
            "granted on the account's voice templates (templates/*/VOICE)",
        )
        properties: dict[str, Any] = {
            "TemplateName": self.template_name,
            "Body": body,
            "VoiceId": voice_id,
            "LanguageCode": language,
        }
        if description is not None:
            properties["TemplateDescription"] = description
        if substitutions is not None:
            properties["DefaultSubstitutions"] = substitutions
        if tags:
            properties["Tags"] = dict(tags)
        self._resource = provider_resource(
            self, "Resource", VOICE_TEMPLATE_RESOURCE_TYPE, properties
        )

    @property
    def template_arn(self) -> str:
        """The template's ARN (the custom resource's ``Arn`` attribute)."""
        return self._resource.get_att_string("Arn")


__all__ = ["VOICE_TEMPLATE_RESOURCE_TYPE", "VoiceTemplate"]
