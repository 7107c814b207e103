"""Recommender models: ``RecommenderConfiguration``, the configuration through which Amazon
Pinpoint retrieves recommendations from an Amazon Personalize campaign for message templates
(a custom resource; CloudFormation has no recommender configuration resource).

Validation rules come from the Pinpoint API Reference, ``CreateRecommenderConfiguration``
(botocore's Pinpoint model carries the same text): a name of at most 128 letters, digits,
spaces, ``_`` and ``-``, starting with a letter or digit; a description of at most 128
letters, digits, spaces and ``_ ; ( ) , -``; 1 to 5 recommendations per message; 1 to 10
attributes, named with at most 50 letters, digits, ``_`` and ``-`` (starting with a letter or
digit) and displayed with at most 25 letters, digits, spaces, ``_`` and ``-``; attributes only
with a transformer function (and then required); the display name of ``RecommendationItems``
(at most 25 letters, digits, spaces, ``_`` and ``-``) required without a transformer. The role
and its policy follow the Pinpoint Developer Guide, "IAM role for retrieving recommendations
from Amazon Personalize" (DescribeSolution, DescribeCampaign and GetRecommendations on the
solution and campaign).
"""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping, Sequence
from typing import Protocol

from aws_cdk import Resource, Stack
from aws_cdk import aws_iam as iam
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_personalize as personalize
from constructs import Construct

from .._props import checked_props
from .._validation import check_pattern, check_range, is_unresolved, require_enum, require_str
from ._permissions import mobiletargeting_arn, pinpoint_service_principal
from ._template_provider import grant, provider_resource
from .core import IPinpointApp

#: The custom resource type of a recommender configuration.
RECOMMENDER_RESOURCE_TYPE = "Custom::PinpointRecommenderConfiguration"
#: Most recommended items per message (and the service's default).
MAX_RECOMMENDATIONS_PER_MESSAGE = 5
#: Most custom recommended attributes.
MAX_RECOMMENDED_ATTRIBUTES = 10

_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9 _-]{0,127}")
_NAME_RULE = (
    "1 to 128 letters, digits, spaces, underscores (_) and hyphens (-), starting with a letter "
    "or digit"
)
_DESCRIPTION = re.compile(r"[A-Za-z0-9 _;(),\-\u2010]{1,128}")
_DESCRIPTION_RULE = "1 to 128 letters, digits, spaces and the symbols _ ; ( ) , -"
_ATTRIBUTE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,49}")
_ATTRIBUTE_RULE = (
    "1 to 50 letters, digits, underscores (_) and hyphens (-), starting with a letter or digit"
)
_DISPLAY = re.compile(r"[A-Za-z0-9][A-Za-z0-9 _-]{0,24}")
_DISPLAY_RULE = (
    "1 to 25 letters, digits, spaces, underscores (_) and hyphens (-), starting with a letter "
    "or digit"
)
_CAMPAIGN_ARN = re.compile(r"arn:aws[a-z-]*:personalize:[a-z0-9-]+:\d{12}:campaign/[A-Za-z0-9_-]+")
_SOLUTION_ARN = re.compile(r"arn:aws[a-z-]*:personalize:[a-z0-9-]+:\d{12}:solution/[A-Za-z0-9_-]+")
_SOLUTION_VERSION_ARN = re.compile(
    r"(arn:aws[a-z-]*:personalize:[a-z0-9-]+:\d{12}:solution/[A-Za-z0-9_-]+)/[A-Za-z0-9]+"
)


class RecommenderIdType(enum.Enum):
    """Which Pinpoint id the model's user ids are (the service's
    ``RecommendationProviderIdType``)."""

    #: Each user of the model is an endpoint (the service's default).
    ENDPOINT = "PINPOINT_ENDPOINT_ID"
    #: Each user of the model is a Pinpoint user; endpoints need both a user id and an id.
    USER = "PINPOINT_USER_ID"


class IRecommender(Protocol):
    """A recommender model configuration, defined here or imported by id."""

    @property
    def recommender_id(self) -> str:
        """The configuration's id (what templates' ``RecommenderId`` is)."""
        ...

    @property
    def recommended_attributes(self) -> Sequence[str] | None:
        """The custom attributes templates read as ``Recommendations.<name>``; ``None`` when
        not known (an imported configuration)."""
        ...


class _ImportedRecommender(Resource):
    def __init__(
        self, scope: Construct, id: str, recommender_id: str, attributes: Sequence[str] | None
    ) -> None:
        super().__init__(scope, id)
        self._recommender_id = recommender_id
        self._attributes = None if attributes is None else tuple(attributes)

    @property
    def recommender_id(self) -> str:
        return self._recommender_id

    @property
    def recommended_attributes(self) -> Sequence[str] | None:
        return self._attributes


@checked_props
class RecommenderConfiguration(Resource):
    """Lets Amazon Pinpoint fill templates' recommended attributes from an Amazon Personalize
    campaign (``CreateRecommenderConfiguration`` through the stack's shared
    ``PinpointMessageTemplateProvider``).

    Children: ``Role`` (unless ``role`` is given) and ``Resource`` (the custom resource).

    - The default role trusts ``pinpoint.amazonaws.com`` only from this account
      (``aws:SourceAccount``) and for this project or the account's recommender
      configurations (``aws:SourceArn``: the project ARN and its children, and
      ``recommenders/*``, the configuration itself, whose id exists only after it is created).
      It may call ``personalize:DescribeCampaign`` and ``personalize:GetRecommendations`` on
      the campaign and ``personalize:DescribeSolution`` on its solution, nothing else.
    - A ``transformer`` function gets a permission that lets Pinpoint's regional principal
      invoke it from this account's recommender configurations only; it then needs
      ``attributes``, which templates read as ``{{Recommendations.<name>}}``. Without a
      transformer, templates read ``{{RecommendationItems}}`` (``{{RecommendationItems.[0]}}``
      ...), whose console name is ``display_name``.
    - Every change updates the configuration in place; deleting removes it (one already gone
      counts as deleted).

    Templates use it with ``recommender=``: ``EmailTemplate(..., recommender=products)``.

    Example::

        products = RecommenderConfiguration(self, "Products",
            app=app,
            personalize_campaign="arn:aws:personalize:eu-west-1:123456789012:campaign/products",
            personalize_solution_arn=(
                "arn:aws:personalize:eu-west-1:123456789012:solution/products"),
            display_name="Products",
            recommendations_per_message=3,
        )
    """

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        app: IPinpointApp,
        personalize_campaign: str | personalize.CfnCampaign,
        personalize_solution_arn: str | None = None,
        role: iam.IRole | None = None,
        id_type: RecommenderIdType = RecommenderIdType.ENDPOINT,
        recommendations_per_message: int | None = None,
        display_name: str | None = None,
        attributes: Mapping[str, str] | None = None,
        transformer: lambda_.IFunction | None = None,
        configuration_name: str | None = None,
        description: str | None = None,
    ) -> None:
        """
        :param app: The project whose messages use the recommendations (the default role
            trusts Pinpoint only for it).
        :param personalize_campaign: The Amazon Personalize campaign: its ARN, or a
            ``aws_personalize.CfnCampaign`` of this app.
        :param personalize_solution_arn: The ARN of the campaign's solution, which the role
            may describe. Default: derived from a ``CfnCampaign``'s literal
            ``solution_version_arn``; required otherwise, unless ``role`` is given.
        :param role: The role Pinpoint assumes to read the campaign. Default: a role of its
            own, as described above.
        :param id_type: Whether the model's user ids are endpoint ids or user ids. Default:
            ``RecommenderIdType.ENDPOINT``.
        :param recommendations_per_message: Recommended items per endpoint or user, 1 to 5.
            Default: the service's, 5.
        :param display_name: The console name of the ``RecommendationItems`` attribute.
            Default: ``"Recommendations"`` without a transformer, none with one.
        :param attributes: Custom attribute names to their console display names (1 to 10),
            filled by the transformer. Default: none; required with ``transformer``.
        :param transformer: A Lambda function that processes the recommendations. Default:
            none.
        :param configuration_name: The configuration's name. Default: none.
        :param description: A description. Default: none.
        """
        super().__init__(scope, id)
        require_enum("id_type", id_type, RecommenderIdType)
        require_str("configuration_name", configuration_name)
        require_str("description", description)
        require_str("display_name", display_name)
        check_pattern("configuration_name", configuration_name, _NAME, _NAME_RULE)
        check_pattern("description", description, _DESCRIPTION, _DESCRIPTION_RULE)
        if recommendations_per_message is not None:
            if isinstance(recommendations_per_message, bool) or not isinstance(
                recommendations_per_message, int
            ):
                raise TypeError(
                    "recommendations_per_message must be an int, got "
                    f"{type(recommendations_per_message).__name__}: "
                    f"{recommendations_per_message!r}"
                )
            check_range(
                "recommendations_per_message",
                recommendations_per_message,
                1,
                MAX_RECOMMENDATIONS_PER_MESSAGE,
            )
        if transformer is None:
            if attributes:
                raise ValueError(
                    "attributes are filled by a transformer function: give transformer too, "
                    f"or leave attributes out (got {dict(attributes)!r})"
                )
            display_name = "Recommendations" if display_name is None else display_name
        elif not attributes:
            raise ValueError(
                "a transformer function needs attributes (1 to 10 custom attribute names and "
                f"their display names), got {attributes!r}"
            )
        check_pattern("display_name", display_name, _DISPLAY, _DISPLAY_RULE)
        mapping = self._check_attributes(attributes)
        campaign_arn, solution_arn = self._campaign(personalize_campaign, personalize_solution_arn)
        if role is None and solution_arn is None:
            raise ValueError(
                "personalize_solution_arn is required for the default role (it may describe "
                "only the campaign's solution), got None for personalize_campaign "
                f"{campaign_arn!r}"
            )
        self.role: iam.IRole = role or self._default_role(app, campaign_arn, solution_arn or "")
        """The role Pinpoint assumes to retrieve recommendations."""
        self.recommendations_per_message = recommendations_per_message
        """Recommended items per endpoint or user (``None``: the service's 5)."""
        self._attributes = tuple(mapping)

        recommenders = mobiletargeting_arn(self, "recommenders", "*")
        grant(
            self,
            [
                "mobiletargeting:CreateRecommenderConfiguration",
                "mobiletargeting:GetRecommenderConfigurations",
            ],
            Stack.of(self).format_arn(service="mobiletargeting", resource="recommenders"),
        )
        grant(
            self,
            [
                "mobiletargeting:UpdateRecommenderConfiguration",
                "mobiletargeting:DeleteRecommenderConfiguration",
            ],
            recommenders,
            wildcard_reason="a recommender configuration's id is known only after "
            "CreateRecommenderConfiguration returns; update and delete are granted on the "
            "account's recommender configurations (recommenders/*)",
        )
        grant(
            self,
            ["iam:PassRole"],
            self.role.role_arn,
            conditions={"StringEquals": {"iam:PassedToService": "pinpoint.amazonaws.com"}},
        )
        properties: dict[str, object] = {
            "RecommendationProviderUri": campaign_arn,
            "RecommendationProviderRoleArn": self.role.role_arn,
            "RecommendationProviderIdType": id_type.value,
        }
        optional = {
            "Name": configuration_name,
            "Description": description,
            "RecommendationsDisplayName": display_name,
            "RecommendationsPerMessage": None
            if recommendations_per_message is None
            else str(recommendations_per_message),
            "RecommendationTransformerUri": None
            if transformer is None
            else transformer.function_arn,
            "Attributes": mapping or None,
        }
        properties.update({key: value for key, value in optional.items() if value is not None})
        self._resource = provider_resource(self, "Resource", RECOMMENDER_RESOURCE_TYPE, properties)
        if role is None:
            # Pinpoint may check the role when the configuration is created: its permissions
            # come first (the role itself is a dependency through RoleArn).
            self._resource.node.add_dependency(self.role.node.find_child("DefaultPolicy"))
        if transformer is not None:
            transformer.add_permission(
                "InvokedByPinpointRecommenders",
                principal=pinpoint_service_principal(self),
                action="lambda:InvokeFunction",
                source_account=Stack.of(self).account,
                source_arn=recommenders,
            )
            if Stack.of(transformer) is Stack.of(self):
                for child in transformer.node.children:
                    if isinstance(child, lambda_.CfnPermission):
                        self._resource.node.add_dependency(child)

    @staticmethod
    def _check_attributes(attributes: Mapping[str, str] | None) -> dict[str, str]:
        mapping = dict(attributes or {})
        if len(mapping) > MAX_RECOMMENDED_ATTRIBUTES:
            raise ValueError(
                f"attributes can have at most {MAX_RECOMMENDED_ATTRIBUTES} entries, got "
                f"{len(mapping)}: {', '.join(mapping)}"
            )
        for name, display in mapping.items():
            require_str("attributes", name, optional=False)
            require_str(f"attributes[{name!r}]", display, optional=False)
            check_pattern("attributes names", name, _ATTRIBUTE, _ATTRIBUTE_RULE)
            check_pattern(f"attributes[{name!r}] display name", display, _DISPLAY, _DISPLAY_RULE)
        return mapping

    @staticmethod
    def _campaign(
        campaign: str | personalize.CfnCampaign, solution_arn: str | None
    ) -> tuple[str, str | None]:
        require_str("personalize_solution_arn", solution_arn)
        check_pattern(
            "personalize_solution_arn",
            solution_arn,
            _SOLUTION_ARN,
            "an Amazon Personalize solution ARN (arn:aws:personalize:<region>:<account>:"
            "solution/<name>)",
        )
        if isinstance(campaign, personalize.CfnCampaign):
            version = campaign.solution_version_arn
            match = None if is_unresolved(version) else _SOLUTION_VERSION_ARN.fullmatch(version)
            if solution_arn is None and match is not None:
                solution_arn = match.group(1)
            return campaign.attr_campaign_arn, solution_arn
        if not isinstance(campaign, str):
            raise TypeError(
                "personalize_campaign must be a campaign ARN or an aws_personalize.CfnCampaign, "
                f"got {type(campaign).__name__}: {campaign!r}"
            )
        check_pattern(
            "personalize_campaign",
            campaign,
            _CAMPAIGN_ARN,
            "an Amazon Personalize campaign ARN (arn:aws:personalize:<region>:<account>:"
            "campaign/<name>)",
        )
        return campaign, solution_arn

    def _default_role(self, app: IPinpointApp, campaign_arn: str, solution_arn: str) -> iam.Role:
        stack = Stack.of(self)
        role = iam.Role(
            self,
            "Role",
            assumed_by=iam.ServicePrincipal(
                "pinpoint.amazonaws.com",
                conditions={
                    "StringEquals": {"aws:SourceAccount": stack.account},
                    "ArnLike": {
                        "aws:SourceArn": [
                            app.app_arn,
                            f"{app.app_arn}/*",
                            mobiletargeting_arn(self, "recommenders", "*"),
                        ]
                    },
                },
            ),
            description="Lets Amazon Pinpoint read recommendations from one Personalize campaign",
        )
        role.add_to_policy(
            iam.PolicyStatement(
                actions=["personalize:DescribeCampaign", "personalize:GetRecommendations"],
                resources=[campaign_arn],
            )
        )
        role.add_to_policy(
            iam.PolicyStatement(actions=["personalize:DescribeSolution"], resources=[solution_arn])
        )
        return role

    @property
    def recommender_id(self) -> str:
        """The configuration's id (the custom resource's physical id)."""
        return self._resource.ref

    @property
    def recommender_arn(self) -> str:
        """``arn:<partition>:mobiletargeting:<region>:<account>:recommenders/<id>``."""
        return self._resource.get_att_string("Arn")

    @property
    def recommended_attributes(self) -> Sequence[str]:
        """The custom attribute names (``Recommendations.<name>`` in templates)."""
        return self._attributes

    @staticmethod
    def from_recommender_id(
        scope: Construct, id: str, recommender_id: str, *, attributes: Sequence[str] | None = None
    ) -> IRecommender:
        """Import a recommender configuration by id; ``attributes`` are its custom attribute
        names, if templates should have them checked (default: any ``Recommendations.*``)."""
        require_str("recommender_id", recommender_id, optional=False)
        return _ImportedRecommender(scope, id, recommender_id, attributes)


__all__ = [
    "MAX_RECOMMENDATIONS_PER_MESSAGE",
    "MAX_RECOMMENDED_ATTRIBUTES",
    "RECOMMENDER_RESOURCE_TYPE",
    "IRecommender",
    "RecommenderConfiguration",
    "RecommenderIdType",
]
