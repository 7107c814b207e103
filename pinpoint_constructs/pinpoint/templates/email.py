"""Email templates: ``EmailTemplate`` (``AWS::Pinpoint::EmailTemplate``)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aws_cdk import aws_pinpoint as pinpoint
from constructs import Construct

from ..._props import checked_props
from ..._validation import require_bool, require_non_empty, require_str
from ._common import TemplateBase, total_length
from ._content import EMAIL_TEMPLATE_MAX_LENGTH, add_ses_no_track
from .base import TemplateType

if TYPE_CHECKING:
    from ..recommenders import IRecommender


@checked_props
class EmailTemplate(TemplateBase):
    """An email message template (``AWS::Pinpoint::EmailTemplate``).

    The subject and the HTML and text parts are Handlebars templates. At synth (in the
    constructor) each is parsed as Pinpoint would: a syntax error, or a helper Pinpoint does not
    support, raises ``ValueError`` naming the template, the part, the line and the column; a
    variable that has no default substitution gets a warning
    (``TEMPLATE_MISSING_DEFAULT_WARNING``), which you can acknowledge with
    ``Annotations.of(template).acknowledge_warning(TEMPLATE_MISSING_DEFAULT_WARNING, reason)``.

    Example::

        EmailTemplate(self, "Welcome",
            template_name="welcome",
            subject="Welcome, {{User.UserAttributes.FirstName}}",
            html_file="templates/welcome.html",
            text="Hi {{User.UserAttributes.FirstName}}, welcome aboard.",
            default_substitutions={"User.UserAttributes.FirstName": "there"},
        )
    """

    TEMPLATE_TYPE = TemplateType.EMAIL

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        subject: str,
        html: str | None = None,
        html_file: str | os.PathLike[str] | None = None,
        text: str | None = None,
        default_substitutions: Mapping[str, Any] | None = None,
        template_name: str | None = None,
        description: str | None = None,
        disable_link_tracking: bool = False,
        validate_handlebars: bool = True,
        tags: Mapping[str, str] | None = None,
        recommender: IRecommender | None = None,
    ) -> None:
        """
        :param subject: The subject line (a Handlebars template).
        :param html: The HTML part (a Handlebars template). Give ``html`` or ``html_file``,
            not both. Default: none.
        :param html_file: A UTF-8 file with the HTML part, read at synth; a relative path is
            relative to the working directory (where ``cdk synth`` runs). Default: none.
        :param text: The plain-text part (a Handlebars template). Default: none; give at least
            one of ``html``, ``html_file`` and ``text``.
        :param default_substitutions: Default values of the template's variables, by dotted
            name (``{"User.UserAttributes.FirstName": "there"}``) or as nested dicts
            (``{"User": {"UserAttributes": {"FirstName": "there"}}}``); values are strings.
            Written as the JSON string ``DefaultSubstitutions``. Default: none.
        :param template_name: The template's name: 1 to 128 letters, digits, ``_`` and ``-``,
            starting with a letter or digit. Default: generated from the construct path.
        :param description: A description of the template. Default: none.
        :param disable_link_tracking: Add ``ses:no-track`` to every anchor (``<a>``) of the
            HTML part, so Pinpoint (through Amazon SES) does not rewrite links to track clicks;
            the rest of the HTML is kept byte for byte. Opens are still tracked. Default:
            ``False`` (links are tracked when the configuration set tracks clicks).
        :param validate_handlebars: Check the Handlebars of the subject and parts at synth
            (syntax, supported helpers, defaults of variables). Default: ``True``.
        :param tags: Tags for the template. Default: none.
        :param recommender: A recommender model (``RecommenderConfiguration``) whose
            recommended attributes the template reads (``RecommendationItems``,
            ``Recommendations.<name>``); a custom resource sets the template's
            ``RecommenderId``, and the Handlebars checks don't ask defaults for those
            attributes. Default: none.
        """
        require_non_empty("subject", subject, optional=False)
        require_str("html", html)
        require_str("text", text)
        require_bool("disable_link_tracking", disable_link_tracking)
        if html is not None and html_file is not None:
            raise ValueError("give html or html_file, not both")
        super().__init__(
            scope,
            id,
            template_name=template_name,
            description=description,
            tags=tags,
            recommender=recommender,
        )
        html_label = "html"
        if html_file is not None:
            html, html_label = _read_html_file(html_file), f"html (from {os.fspath(html_file)})"
        if html is None and text is None:
            raise ValueError(f"{self._label} needs a body: give html, html_file or text")
        fields = [("subject", subject), (html_label, html), ("text", text)]
        substitutions = self._substitutions(fields, default_substitutions, validate_handlebars)
        if html is not None and disable_link_tracking:
            html = add_ses_no_track(html)
        length = total_length(subject, html, text)
        if length is not None and length > EMAIL_TEMPLATE_MAX_LENGTH:
            raise ValueError(
                f"{self._label} has {length} characters (subject, HTML and text together); "
                f"an email template can have at most {EMAIL_TEMPLATE_MAX_LENGTH}"
            )
        self.subject = subject
        """The subject line."""
        self.html_part = html
        """The HTML part as deployed (with ``ses:no-track`` when link tracking is disabled)."""
        self.text_part = text
        """The text part."""
        self._resource = pinpoint.CfnEmailTemplate(
            self,
            "Resource",
            template_name=self.template_name,
            subject=subject,
            html_part=html,
            text_part=text,
            default_substitutions=substitutions,
            template_description=description,
        )
        self._attach_recommender()


def _read_html_file(path: str | os.PathLike[str]) -> str:
    file = Path(path)
    try:
        return file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ValueError(f"html_file {os.fspath(path)!r} does not exist") from None
    except (IsADirectoryError, PermissionError, UnicodeDecodeError) as error:
        raise ValueError(f"html_file {os.fspath(path)!r} cannot be read: {error}") from None


__all__ = ["EmailTemplate"]
