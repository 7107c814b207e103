"""SES email templates (``AWS::SES::Template``), checked at synth against the Handlebars SES
renders, and converted from Pinpoint email templates."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Protocol

from aws_cdk import IResource, Names, Resource, Tags
from aws_cdk import aws_iam as iam
from aws_cdk import aws_ses as ses
from constructs import Construct

from .._validation import is_unresolved, require_bool, require_non_empty, require_str
from ._common import SES_NAME_MAX_LENGTH, check_ses_name, grant_ses, ses_arn, ses_name_of
from .handlebars import SesConversion, check_ses_handlebars, convert_pinpoint_email

if TYPE_CHECKING:
    from ..pinpoint.templates import EmailTemplate

#: Most bytes of a stored template, text and HTML parts included ("Using templates to send
#: personalized email with the Amazon SES API", SES Developer Guide: "Each template can be up
#: to 500 KB in size, including both the text and HTML parts").
TEMPLATE_MAX_BYTES: Final = 500 * 1024


class ISesEmailTemplate(IResource, Protocol):
    """An SES email template, defined in this app or imported."""

    @property
    def template_name(self) -> str:
        """The template's name (``TemplateName`` of ``SendEmail``'s ``Content.Template``)."""
        ...

    @property
    def template_arn(self) -> str:
        """``arn:<partition>:ses:<region>:<account>:template/<name>``."""
        ...

    def grant_read(self, grantee: iam.IGrantable) -> iam.Grant:
        """Grant ``ses:GetEmailTemplate`` on this template."""
        ...


class SesEmailTemplateBase(Resource):
    """Grants of SES email templates, defined here or imported."""

    @property
    def template_name(self) -> str:
        raise NotImplementedError

    @property
    def template_arn(self) -> str:
        raise NotImplementedError

    def grant(self, grantee: iam.IGrantable, *actions: str) -> iam.Grant:
        """Grant ``actions`` (``ses:`` names) on exactly this template's ARN."""
        return grant_ses(grantee, actions, [self.template_arn])

    def grant_read(self, grantee: iam.IGrantable) -> iam.Grant:
        """Grant ``ses:GetEmailTemplate`` on this template (a renderer that fetches it)."""
        return self.grant(grantee, "ses:GetEmailTemplate")


class _ImportedTemplate(SesEmailTemplateBase):
    def __init__(self, scope: Construct, id: str, *, name: str, arn: str) -> None:
        super().__init__(scope, id, environment_from_arn=arn)
        self._name = name
        self._arn = arn

    @property
    def template_name(self) -> str:
        return self._name

    @property
    def template_arn(self) -> str:
        return self._arn


def _read(prop: str, path: str | os.PathLike[str]) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ValueError(f"{prop} {os.fspath(path)!r} does not exist") from None
    except (IsADirectoryError, PermissionError, UnicodeDecodeError) as error:
        raise ValueError(f"{prop} {os.fspath(path)!r} cannot be read: {error}") from None


class SesEmailTemplate(SesEmailTemplateBase):
    """An SES email template (``AWS::SES::Template``, construct id ``Resource``): a subject
    and an HTML and/or text part, Handlebars templates that SES renders with each send's
    ``TemplateData``.

    At synth (in the constructor) each part is parsed and checked against what SES renders
    (:mod:`pinpoint_constructs.ses.handlebars`, after "Advanced email personalization" in the
    SES Developer Guide): a syntax error, a helper other than the Handlebars built-ins (the
    Pinpoint helpers such as ``upper`` or ``dateFormat`` are named as such) or a partial not
    defined inline raises ``ValueError`` with the part, line and column. SES does not escape
    HTML in the values it inserts: escape user-provided values before sending.

    Example::

        SesEmailTemplate(self, "Welcome",
            template_name="welcome",
            subject="Welcome, {{name}}",
            html_file="templates/welcome.html",
            text="Hi {{name}}, welcome aboard.",
        )
    """

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        subject: str,
        html: str | None = None,
        html_file: str | os.PathLike[str] | None = None,
        text: str | None = None,
        text_file: str | os.PathLike[str] | None = None,
        template_name: str | None = None,
        validate_handlebars: bool = True,
        tags: Mapping[str, str] | None = None,
    ) -> None:
        """
        :param subject: The subject line (a Handlebars template).
        :param html: The HTML part. Give ``html`` or ``html_file``, not both. Default: none.
        :param html_file: A UTF-8 file with the HTML part, read at synth (relative to the
            working directory). Default: none.
        :param text: The text part. Give ``text`` or ``text_file``, not both. Default: none;
            give at least one of the HTML and text parts.
        :param text_file: A UTF-8 file with the text part, read at synth. Default: none.
        :param template_name: 1 to 64 letters, digits, underscores or hyphens (schema
            ``Template.TemplateName``); changing it replaces the template. Default: a name
            derived from the construct path.
        :param validate_handlebars: Check the parts at synth. Default: ``True``.
        :param tags: Tags for the template. Default: none.
        """
        super().__init__(scope, id)
        require_non_empty("subject", subject, optional=False)
        require_str("html", html)
        require_str("text", text)
        require_str("template_name", template_name)
        require_bool("validate_handlebars", validate_handlebars)
        check_ses_name("template_name", template_name)
        if html is not None and html_file is not None:
            raise ValueError("give html or html_file, not both")
        if text is not None and text_file is not None:
            raise ValueError("give text or text_file, not both")
        if html_file is not None:
            html = _read("html_file", html_file)
        if text_file is not None:
            text = _read("text_file", text_file)
        name = template_name or Names.unique_resource_name(
            self, max_length=SES_NAME_MAX_LENGTH, separator="-"
        )
        label = f"SesEmailTemplate {self.node.path if is_unresolved(name) else name!r}"
        if html is None and text is None:
            raise ValueError(f"{label} needs a body: give html, html_file, text or text_file")
        parts = [("subject", subject), ("html", html), ("text", text)]
        if validate_handlebars:
            check_ses_handlebars(
                label, [(part, src) for part, src in parts if src and not is_unresolved(src)]
            )
        size = sum(
            len(src.encode())
            for part, src in parts
            if part != "subject" and src and not is_unresolved(src)
        )
        if size > TEMPLATE_MAX_BYTES:
            raise ValueError(
                f"{label} has {size} bytes (HTML and text parts together); an SES template "
                f"can have at most {TEMPLATE_MAX_BYTES} (500 KB)"
            )
        self.subject = subject
        """The subject line."""
        self.html_part = html
        """The HTML part."""
        self.text_part = text
        """The text part."""
        self._resource = ses.CfnTemplate(
            self,
            "Resource",
            template=ses.CfnTemplate.TemplateProperty(
                template_name=name, subject_part=subject, html_part=html, text_part=text
            ),
        )
        for key, value in (tags or {}).items():
            Tags.of(self._resource).add(key, value)
        self._name = name
        self._arn = ses_arn(self, "template", name)
        self.conversion: SesConversion | None = None
        """For a template made by :meth:`from_pinpoint`, what the conversion did."""

    @property
    def template_name(self) -> str:
        return self._name

    @property
    def template_arn(self) -> str:
        return self._arn

    @staticmethod
    def from_pinpoint(
        scope: Construct,
        id: str,
        template: EmailTemplate,
        *,
        template_name: str | None = None,
        tags: Mapping[str, str] | None = None,
    ) -> SesEmailTemplate:
        """An SES template with the content of a Pinpoint :class:`EmailTemplate`.

        The conversion works on the Handlebars syntax tree
        (:func:`~pinpoint_constructs.ses.handlebars.convert_pinpoint_email`): variables keep
        their paths, each default substitution is written in as
        ``{{#if X}}{{X}}{{else}}default{{/if}}``. When SES cannot render something (a
        Pinpoint helper, a partial not defined inline), ``ValueError`` lists every such use
        with its part, line and column. The result's ``conversion.notes`` list differences
        that are not errors (HTML escaping, defaults inside ``each``/``with``).
        """
        resource = template.node.default_child
        defaults_json = getattr(resource, "default_substitutions", None)
        if is_unresolved(defaults_json):
            raise ValueError(
                f"template {template.node.path} has default substitutions that are tokens; "
                "they must be known at synth to convert"
            )
        defaults: dict[str, Any] = json.loads(defaults_json) if defaults_json else {}
        conversion = convert_pinpoint_email(
            subject=template.subject,
            html=template.html_part,
            text=template.text_part,
            default_substitutions=defaults,
        )
        if not conversion.complete:
            raise ValueError(
                f"EmailTemplate {template.template_name!r} cannot be converted: Amazon SES "
                "cannot render " + "; ".join(str(problem) for problem in conversion.unrenderable)
            )
        converted = SesEmailTemplate(
            scope,
            id,
            subject=conversion.subject,
            html=conversion.html,
            text=conversion.text,
            template_name=template_name,
            tags=tags,
        )
        converted.conversion = conversion
        return converted

    @staticmethod
    def from_template_name(scope: Construct, id: str, template_name: str) -> ISesEmailTemplate:
        """Import a template of this stack's account and region by its name."""
        check_ses_name("template_name", template_name)
        return _ImportedTemplate(
            scope, id, name=template_name, arn=ses_arn(scope, "template", template_name)
        )

    @staticmethod
    def from_template_arn(scope: Construct, id: str, template_arn: str) -> ISesEmailTemplate:
        """Import a template by its ARN (``...:ses:<region>:<account>:template/<name>``)."""
        name = ses_name_of("template_arn", template_arn, "template")
        return _ImportedTemplate(scope, id, name=name, arn=template_arn)


__all__ = [
    "TEMPLATE_MAX_BYTES",
    "ISesEmailTemplate",
    "SesEmailTemplate",
    "SesEmailTemplateBase",
]
