"""What every message template construct shares: its name, ARN and kind, tags, imports by name,
default substitutions and the synth-time Handlebars checks."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, ClassVar

from aws_cdk import Annotations, Names, Resource, Stack, Tags
from constructs import Construct

from ..._props import checked_props
from ..._validation import (
    check_length,
    check_pattern,
    check_tags,
    is_unresolved,
    require_bool,
    require_str,
)
from .._permissions import mobiletargeting_arn
from ._content import (
    TEMPLATE_NAME_MAX_LENGTH,
    TEMPLATE_NAME_PATTERN,
    TEMPLATE_NAME_RULE,
    check_handlebars,
    flatten_substitutions,
    has_default,
    substitutions_json,
)
from ._recommended import attach_recommender, check_recommender, is_recommended_attribute
from .base import ITemplate, TemplateType

if TYPE_CHECKING:
    from ..recommenders import IRecommender

#: The id of the warning a template reports for a variable without a default substitution.
TEMPLATE_MISSING_DEFAULT_WARNING = "pinpoint-constructs:templateMissingDefault"


def total_length(*parts: str | None) -> int | None:
    """Characters in ``parts`` together; ``None`` when any is an unresolved token."""
    if any(part is not None and is_unresolved(part) for part in parts):
        return None
    return sum(len(part) for part in parts if part is not None)


def check_body_length(label: str, body: str, maximum: int, kind: str) -> None:
    """Raise when ``body`` (unless a token) is longer than ``kind`` allows."""
    length = total_length(body)
    if length is not None and length > maximum:
        raise ValueError(f"{label} body has {length} characters; {kind} can have at most {maximum}")


class _ImportedTemplate(Resource):
    def __init__(
        self, scope: Construct, id: str, *, template_name: str, template_type: TemplateType
    ) -> None:
        super().__init__(scope, id)
        self._template_name = template_name
        self._template_type = template_type

    @property
    def template_name(self) -> str:
        return self._template_name

    @property
    def template_type(self) -> TemplateType:
        return self._template_type

    @property
    def template_arn(self) -> str:
        return _template_arn(self, self._template_name, self._template_type)


def _template_arn(scope: Construct, name: str, template_type: TemplateType) -> str:
    return mobiletargeting_arn(scope, "templates", f"{name}/{template_type.value}")


@checked_props
class TemplateBase(Resource):
    """What every message template construct shares (it implements ``ITemplate``).

    Subclasses create their L1 resource with the id ``Resource`` and assign it to
    ``self._resource``.
    """

    #: The kind of template the subclass defines.
    TEMPLATE_TYPE: ClassVar[TemplateType]

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        template_name: str | None,
        description: str | None,
        tags: Mapping[str, str] | None,
        recommender: IRecommender | None = None,
    ) -> None:
        check_recommender(recommender)
        require_str("template_name", template_name)
        check_length("template_name", template_name, TEMPLATE_NAME_MAX_LENGTH)
        check_pattern("template_name", template_name, TEMPLATE_NAME_PATTERN, TEMPLATE_NAME_RULE)
        require_str("description", description)
        super().__init__(scope, id, physical_name=template_name)
        self._template_name = template_name or Names.unique_resource_name(
            self, max_length=TEMPLATE_NAME_MAX_LENGTH, allowed_special_characters="-_"
        )
        self._resource: Any = None
        self.recommender = recommender
        """The recommender model whose recommended attributes the template reads, if any."""
        check_tags("tags", tags)
        for key, value in (tags or {}).items():
            Tags.of(self).add(key, value)

    @property
    def template_name(self) -> str:
        """The template's name (the one given, or one generated from the construct path)."""
        return self._template_name

    @property
    def template_type(self) -> TemplateType:
        """The kind of template."""
        return self.TEMPLATE_TYPE

    @property
    def template_arn(self) -> str:
        """The template's ARN (the resource's ``Arn`` attribute)."""
        return str(self._resource.attr_arn)

    @property
    def _label(self) -> str:
        """How error messages name this template: ``EmailTemplate 'welcome'``."""
        name = self.node.path if is_unresolved(self._template_name) else self._template_name
        return f"{type(self).__name__} {name!r}"

    def _substitutions(
        self,
        fields: Iterable[tuple[str, str | None]],
        default_substitutions: Mapping[str, Any] | None,
        validate_handlebars: bool,
    ) -> str | None:
        """Flatten the default substitutions; when ``validate_handlebars``, check the fields'
        Handlebars (raising for errors) and warn about variables without a default. Returns
        the ``DefaultSubstitutions`` JSON string."""
        require_bool("validate_handlebars", validate_handlebars)
        flat = flatten_substitutions("default_substitutions", default_substitutions)
        for name in flat:
            if is_unresolved(name):
                raise ValueError(
                    f"default_substitutions names must be literal strings, got a token: {name!r}"
                )
        if validate_handlebars:
            for use in check_handlebars(self._label, fields):
                if not has_default(use.variable, flat) and not is_recommended_attribute(
                    use.variable, self.recommender
                ):
                    Annotations.of(self).add_warning_v2(
                        TEMPLATE_MISSING_DEFAULT_WARNING,
                        f"{self._label} {use.field} (line {use.line}, column {use.column}) uses "
                        f"the variable {use.variable}, which has no default substitution: "
                        "recipients without that attribute get an empty value. Add it to "
                        "default_substitutions, or acknowledge this warning.",
                    )
        if any(is_unresolved(value) for value in flat.values()):
            return Stack.of(self).to_json_string(flat)
        return substitutions_json(flat)

    def _attach_recommender(self) -> None:
        """After the L1 exists: set its ``RecommenderId`` when the template has a recommender."""
        if self.recommender is not None:
            attach_recommender(self, self, self._resource, self.recommender)

    @classmethod
    def from_template_name(cls, scope: Construct, id: str, template_name: str) -> ITemplate:
        """Import a template of this kind, of this stack's account and region, by name."""
        if not is_unresolved(template_name):
            check_pattern("template_name", template_name, TEMPLATE_NAME_PATTERN, TEMPLATE_NAME_RULE)
        return _ImportedTemplate(
            scope, id, template_name=template_name, template_type=cls.TEMPLATE_TYPE
        )
