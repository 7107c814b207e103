"""The Customer Profiles domain (``AWS::CustomerProfiles::Domain``): the container of profiles,
object types, integrations, calculated attributes, segment definitions and event triggers."""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from aws_cdk import Duration, IResource, Names, Resource
from aws_cdk import aws_customerprofiles as customerprofiles
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kms as kms
from aws_cdk import aws_s3 as s3
from aws_cdk import aws_sqs as sqs
from constructs import Construct

from .._lambda import acknowledge_wildcard_resource
from .._props import checked_props
from .._validation import (
    cached_token,
    check_int,
    check_length,
    check_pattern,
    check_range,
    duration_days,
    require_bool,
    require_enum,
    require_instance,
)
from ._common import (
    NAME_MAX_LENGTH,
    add_bucket_statement,
    cfn_tags,
    check_count,
    check_name,
    profile_arn,
    require_bucket,
    service_principal,
)

#: ``DefaultExpirationDays`` / ``ExpirationDays``: 1 to 1098 (schema; API
#: ``expirationDaysInteger``).
MAX_EXPIRATION_DAYS = 1098

#: Actions that read profiles and their objects (Service Authorization Reference, Amazon Connect
#: Customer Profiles).
READ_PROFILE_ACTIONS = (
    "profile:SearchProfiles",
    "profile:ListProfileObjects",
    "profile:ListProfileObjectTypes",
    "profile:GetProfileObjectType",
)
#: Actions that create, change and delete profiles and their objects.
WRITE_PROFILE_ACTIONS = (
    "profile:CreateProfile",
    "profile:UpdateProfile",
    "profile:DeleteProfile",
    "profile:AddProfileKey",
    "profile:DeleteProfileKey",
    "profile:PutProfileObject",
    "profile:DeleteProfileObject",
)

#: What a grant allows on the domain's key. The Customer Profiles documentation does not say
#: whether callers of the profile APIs need the key themselves (the service uses the grant it
#: creates with the domain); these two, without wildcards, keep a caller from being refused.
KEY_USE_ACTIONS = ("kms:Decrypt", "kms:GenerateDataKey")

# Schema ``JobSchedule.Time``: ``^([0-9]|0[0-9]|1[0-9]|2[0-3]):[0-5][0-9]$``.
_JOB_TIME = re.compile(r"([0-9]|0[0-9]|1[0-9]|2[0-3]):[0-5][0-9]")
# Schema ``S3ExportingConfig.S3KeyName``: 1 to 800 characters.
_S3_KEY_MAX_LENGTH = 800


class IProfilesDomain(IResource, Protocol):
    """A Customer Profiles domain, defined in this app or imported by name."""

    @property
    def domain_name(self) -> str:
        """The domain's name."""
        ...

    @property
    def domain_arn(self) -> str:
        """``arn:<partition>:profile:<region>:<account>:domains/<name>``."""
        ...

    @property
    def encryption_key(self) -> kms.IKey | None:
        """The domain's default KMS key, when known (``None`` for an imported domain)."""
        ...

    def grant(self, grantee: iam.IGrantable, *actions: str) -> iam.Grant:
        """Grant ``actions`` (``profile:`` names) on this domain and its object types."""
        ...


@checked_props
class ProfilesDomainBase(Resource):
    """Grants of a domain, defined here or imported."""

    @property
    def domain_name(self) -> str:  # pragma: no cover - overridden
        raise NotImplementedError

    @property
    def domain_arn(self) -> str:
        """``arn:<partition>:profile:<region>:<account>:domains/<name>``."""
        return profile_arn(self, self.domain_name)

    @property
    def encryption_key(self) -> kms.IKey | None:
        """The domain's default KMS key; ``None`` when not known."""
        return None

    def grant(self, grantee: iam.IGrantable, *actions: str) -> iam.Grant:
        """Grant ``actions`` (``profile:`` names) on this domain (``domains/<name>``) and its
        object types (``domains/<name>/object-types/*``), never on other domains.

        The profile actions take the domain or one of its object types as resource
        (Service Authorization Reference); a caller that writes objects of types created later
        needs the object-types wildcard of this one domain, which is acknowledged for
        cdk-nag's ``AwsSolutions-IAM5`` with that reason.
        """
        object_types = f"{self.domain_arn}/object-types/*"
        grant = iam.Grant.add_to_principal(
            grantee=grantee,
            actions=list(actions),
            resource_arns=[self.domain_arn, object_types],
        )
        principal = grantee.grant_principal
        if isinstance(principal, Construct):
            acknowledge_wildcard_resource(
                principal,
                object_types,
                "profile actions on the object types of exactly one Customer Profiles domain "
                "(domains/<name>/object-types/*), including object types added later",
            )
        key = self.encryption_key
        if key is not None:
            key.grant(grantee, *KEY_USE_ACTIONS)
        return grant

    def grant_read_profiles(self, grantee: iam.IGrantable) -> iam.Grant:
        """Grant searching profiles and reading their objects (``READ_PROFILE_ACTIONS``)
        (and ``KEY_USE_ACTIONS`` on the domain's key)."""
        return self.grant(grantee, *READ_PROFILE_ACTIONS)

    def grant_write_profiles(self, grantee: iam.IGrantable) -> iam.Grant:
        """Grant creating, updating and deleting profiles, their keys and objects
        (``WRITE_PROFILE_ACTIONS``, and ``KEY_USE_ACTIONS`` on the domain's key)."""
        return self.grant(grantee, *WRITE_PROFILE_ACTIONS)

    def grant_read_write_profiles(self, grantee: iam.IGrantable) -> iam.Grant:
        """Both :meth:`grant_read_profiles` and :meth:`grant_write_profiles`."""
        return self.grant(grantee, *READ_PROFILE_ACTIONS, *WRITE_PROFILE_ACTIONS)


class _ImportedDomain(ProfilesDomainBase):
    def __init__(self, scope: Construct, id: str, *, domain_name: str) -> None:
        super().__init__(scope, id)
        self._name = domain_name

    @property
    def domain_name(self) -> str:
        return self._name


# ---- matching ----------------------------------------------------------------------------


class MatchingDay(enum.Enum):
    """The day the weekly Identity Resolution Job runs (schema ``JobSchedule.DayOfTheWeek``)."""

    SUNDAY = "SUNDAY"
    MONDAY = "MONDAY"
    TUESDAY = "TUESDAY"
    WEDNESDAY = "WEDNESDAY"
    THURSDAY = "THURSDAY"
    FRIDAY = "FRIDAY"
    SATURDAY = "SATURDAY"


class ConflictResolvingModel(enum.Enum):
    """How merging resolves conflicting values (schema ``ConflictResolution``)."""

    #: The most recently updated value wins.
    RECENCY = "RECENCY"
    #: The value from one object type (``source_name``) wins.
    SOURCE = "SOURCE"


class AttributeMatchingModel(enum.Enum):
    """How rule-based matching compares attribute types (schema ``AttributeTypesSelector``)."""

    ONE_TO_ONE = "ONE_TO_ONE"
    MANY_TO_MANY = "MANY_TO_MANY"


@checked_props
@dataclass(frozen=True)
class ConflictResolution:
    """Which value a merge keeps: ``ConflictResolution(ConflictResolvingModel.RECENCY)`` or
    ``ConflictResolution(ConflictResolvingModel.SOURCE, source_name="Crm")``.

    :param model: Recency or source.
    :param source_name: The object type whose values win, with ``SOURCE`` (1 to 255
        characters, schema ``SourceName``). Default: none.
    """

    model: ConflictResolvingModel
    source_name: str | None = None

    def __post_init__(self) -> None:
        require_enum("ConflictResolution.model", self.model, ConflictResolvingModel)
        check_length("ConflictResolution.source_name", self.source_name, 255)

    def _render(self) -> Any:
        return customerprofiles.CfnDomain.ConflictResolutionProperty(
            conflict_resolving_model=self.model.value, source_name=self.source_name
        )


@checked_props
@dataclass(frozen=True, kw_only=True)
class MatchingExport:
    """Where matching results are written (schema ``S3ExportingConfig``).

    :param bucket: The bucket. Customer Profiles writes with ``s3:PutObject``; the bucket
        policy gets that statement for this domain (confused-deputy example of the
        Amazon Connect Administrator Guide), when the bucket is defined in this app.
    :param key_prefix: The key name to write under, 1 to 800 characters. Default: none.
    """

    bucket: s3.IBucket
    key_prefix: str | None = None

    def __post_init__(self) -> None:
        require_bucket("MatchingExport.bucket", self.bucket)
        check_length("MatchingExport.key_prefix", self.key_prefix, _S3_KEY_MAX_LENGTH)

    def _render(self, domain: ProfilesDomain) -> Any:
        objects = self.bucket.arn_for_objects(f"{self.key_prefix or ''}*")
        add_bucket_statement(
            domain,
            self.bucket,
            iam.PolicyStatement(
                principals=[service_principal(domain, [domain._static_arn])],
                actions=["s3:PutObject"],
                resources=[objects],
            ),
        )
        return customerprofiles.CfnDomain.ExportingConfigProperty(
            s3_exporting=customerprofiles.CfnDomain.S3ExportingConfigProperty(
                s3_bucket_name=self.bucket.bucket_name, s3_key_name=self.key_prefix
            )
        )


@checked_props
@dataclass(frozen=True, kw_only=True)
class AutoMerging:
    """Merge the duplicates that ML matching finds (schema ``AutoMerging``).

    :param matching_attributes: Lists of attribute names; profiles that agree on every
        attribute of one list merge. 1 to 10 lists of 1 to 20 names (schema
        ``Consolidation``). Default: none (the service's own criteria).
    :param conflict_resolution: Default: none (the service default).
    :param min_confidence_score: 0 to 1 (schema ``MinAllowedConfidenceScoreForMerging``).
        Default: none.
    """

    matching_attributes: Sequence[Sequence[str]] = ()
    conflict_resolution: ConflictResolution | None = None
    min_confidence_score: float | None = None

    def __post_init__(self) -> None:
        if self.matching_attributes:
            check_count("AutoMerging.matching_attributes", self.matching_attributes, 1, 10)
            for index, names in enumerate(self.matching_attributes):
                check_count(f"AutoMerging.matching_attributes[{index}]", names, 1, 20)
        require_instance(
            "AutoMerging.conflict_resolution", self.conflict_resolution, ConflictResolution
        )
        check_range("AutoMerging.min_confidence_score", self.min_confidence_score, 0, 1)

    def _render(self) -> Any:
        return customerprofiles.CfnDomain.AutoMergingProperty(
            enabled=True,
            consolidation=(
                customerprofiles.CfnDomain.ConsolidationProperty(
                    matching_attributes_list=[list(n) for n in self.matching_attributes]
                )
                if self.matching_attributes
                else None
            ),
            conflict_resolution=(
                self.conflict_resolution._render() if self.conflict_resolution else None
            ),
            min_allowed_confidence_score_for_merging=self.min_confidence_score,
        )


@checked_props
@dataclass(frozen=True, kw_only=True)
class MlMatching:
    """Machine-learning identity resolution (schema ``Matching``): a weekly job finds
    duplicate profiles.

    :param day: The day the job runs. Default: the service's (Saturday).
    :param time: ``H:MM`` or ``HH:MM`` in UTC (schema ``JobSchedule.Time``), with ``day``.
        Default: the service's (00:00).
    :param auto_merging: Merge what the job finds. Default: no merging.
    :param export: Where the job writes its results. Default: nowhere.
    """

    day: MatchingDay | None = None
    time: str | None = None
    auto_merging: AutoMerging | None = None
    export: MatchingExport | None = None

    def __post_init__(self) -> None:
        if (self.day is None) != (self.time is None):
            raise ValueError(
                "MlMatching.day and MlMatching.time go together (schema JobSchedule requires "
                f"both), got day={self.day!r} and time={self.time!r}"
            )
        if self.day is not None:
            require_enum("MlMatching.day", self.day, MatchingDay)
        check_pattern("MlMatching.time", self.time, _JOB_TIME, "a 24-hour time H:MM or HH:MM")
        require_instance("MlMatching.auto_merging", self.auto_merging, AutoMerging)
        require_instance("MlMatching.export", self.export, MatchingExport)

    def _render(self, domain: ProfilesDomain) -> Any:
        return customerprofiles.CfnDomain.MatchingProperty(
            enabled=True,
            job_schedule=(
                customerprofiles.CfnDomain.JobScheduleProperty(
                    day_of_the_week=self.day.value, time=str(self.time)
                )
                if self.day
                else None
            ),
            auto_merging=self.auto_merging._render() if self.auto_merging else None,
            exporting_config=self.export._render(domain) if self.export else None,
        )


@checked_props
@dataclass(frozen=True, kw_only=True)
class RuleBasedMatching:
    """Rule-based identity resolution (schema ``RuleBasedMatching``).

    :param rules: 1 to 15 rules, each 1 to 15 attribute names (e.g.
        ``[["EmailAddress"], ["FirstName", "LastName", "Address.City"]]``); level N is
        rule N. Schema ``MatchingRules`` and ``MatchingRuleAttributeList``.
    :param max_rule_level_for_matching: 1 to 15. Default: the service's.
    :param max_rule_level_for_merging: 1 to 15. Default: the service's.
    :param attribute_matching_model: Required by the schema when any of the attribute type
        lists is given. Default: ``None``.
    :param email_types: Which email fields count as ``EmailAddress``, 1 to 3
        (e.g. ``["PersonalEmailAddress", "BusinessEmailAddress"]``). Default: none.
    :param phone_types: Which phone fields count as ``PhoneNumber``, 1 to 4. Default: none.
    :param address_types: Which addresses count as ``Address``, 1 to 4. Default: none.
    :param conflict_resolution: Default: the service default.
    :param export: Where matches are written. Default: nowhere.
    """

    rules: Sequence[Sequence[str]]
    max_rule_level_for_matching: int | None = None
    max_rule_level_for_merging: int | None = None
    attribute_matching_model: AttributeMatchingModel | None = None
    email_types: Sequence[str] = ()
    phone_types: Sequence[str] = ()
    address_types: Sequence[str] = ()
    conflict_resolution: ConflictResolution | None = None
    export: MatchingExport | None = None

    def __post_init__(self) -> None:
        check_count("RuleBasedMatching.rules", self.rules, 1, 15)
        for index, rule in enumerate(self.rules):
            check_count(f"RuleBasedMatching.rules[{index}]", rule, 1, 15)
            for name in rule:
                check_length(f"RuleBasedMatching.rules[{index}]", name, 255)
        check_int(
            "RuleBasedMatching.max_rule_level_for_matching", self.max_rule_level_for_matching, 1, 15
        )
        check_int(
            "RuleBasedMatching.max_rule_level_for_merging", self.max_rule_level_for_merging, 1, 15
        )
        for prop, values, maximum in (
            ("email_types", self.email_types, 3),
            ("phone_types", self.phone_types, 4),
            ("address_types", self.address_types, 4),
        ):
            if values:
                check_count(f"RuleBasedMatching.{prop}", values, 1, maximum)
        selected = self.email_types or self.phone_types or self.address_types
        if selected and self.attribute_matching_model is None:
            raise ValueError(
                "RuleBasedMatching.attribute_matching_model is required with email_types, "
                "phone_types or address_types (schema AttributeTypesSelector), got None"
            )
        if self.attribute_matching_model is not None:
            require_enum(
                "RuleBasedMatching.attribute_matching_model",
                self.attribute_matching_model,
                AttributeMatchingModel,
            )

    def _render(self, domain: ProfilesDomain) -> Any:
        selector = None
        if self.attribute_matching_model is not None:
            selector = customerprofiles.CfnDomain.AttributeTypesSelectorProperty(
                attribute_matching_model=self.attribute_matching_model.value,
                email_address=list(self.email_types) or None,
                phone_number=list(self.phone_types) or None,
                address=list(self.address_types) or None,
            )
        return customerprofiles.CfnDomain.RuleBasedMatchingProperty(
            enabled=True,
            matching_rules=[
                customerprofiles.CfnDomain.MatchingRuleProperty(rule=list(rule))
                for rule in self.rules
            ],
            max_allowed_rule_level_for_matching=self.max_rule_level_for_matching,
            max_allowed_rule_level_for_merging=self.max_rule_level_for_merging,
            attribute_types_selector=selector,
            conflict_resolution=(
                self.conflict_resolution._render() if self.conflict_resolution else None
            ),
            exporting_config=self.export._render(domain) if self.export else None,
        )


# ---- domain ------------------------------------------------------------------------------


@checked_props
class ProfilesDomain(ProfilesDomainBase):
    """A Customer Profiles domain (``AWS::CustomerProfiles::Domain``, construct id
    ``Resource``): where Pinpoint's endpoints live now, as profiles.

    Example::

        domain = ProfilesDomain(self, "Profiles", default_expiration=Duration.days(365))
        domain.grant_write_profiles(importer_function)

    By default the domain encrypts with a new customer managed KMS key that rotates yearly
    (``encryption_key``); its key policy lets Customer Profiles (``profile.amazonaws.com``)
    use it for this domain and its object types only (``kms:GenerateDataKey``,
    ``kms:CreateGrant``, ``kms:Decrypt`` with ``aws:SourceAccount`` and ``aws:SourceArn``, as
    the Amazon Connect Administrator Guide's "Cross-service confused deputy prevention"
    shows). A dead-letter queue gets the ``sqs:SendMessage`` statement of the same page.
    """

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        domain_name: str | None = None,
        default_expiration: Duration | None = None,
        encryption_key: kms.IKey | None = None,
        aws_owned_key: bool = False,
        dead_letter_queue: sqs.IQueue | None = None,
        ml_matching: MlMatching | None = None,
        rule_based_matching: RuleBasedMatching | None = None,
        data_store: bool = False,
        tags: Mapping[str, str] | None = None,
    ) -> None:
        """
        :param domain_name: 1 to 64 letters, digits, underscores or hyphens (schema
            ``DomainName``). Changing it replaces the domain and its data. Default: a name
            derived from the construct path.
        :param default_expiration: How long profile data is kept, 1 to 1098 whole days
            (schema ``DefaultExpirationDays``). Default: 366 days.
        :param encryption_key: The customer managed key that encrypts the domain's data.
            Default: a new key with yearly rotation (unless ``aws_owned_key``).
        :param aws_owned_key: Encrypt with the key AWS owns for the service instead of a
            customer managed one. Default: ``False``.
        :param dead_letter_queue: Where Customer Profiles reports objects it could not ingest
            from integrations. Default: none.
        :param ml_matching: Machine-learning identity resolution (weekly job). Default: off.
        :param rule_based_matching: Rule-based identity resolution. Default: off.
        :param data_store: Enable the data store (ten years of profile history, needed for
            SQL segments and predictive insights: Amazon Connect Administrator Guide,
            "Enable Customer Profiles", "Data store"). Default: ``False``.
        :param tags: At most 50 tags. Default: none.
        """
        super().__init__(scope, id, physical_name=domain_name)
        check_name("domain_name", domain_name)
        expiration_days = duration_days(
            "default_expiration",
            default_expiration if default_expiration is not None else Duration.days(366),
            1,
            MAX_EXPIRATION_DAYS,
        )
        require_bool("aws_owned_key", aws_owned_key)
        require_bool("data_store", data_store)
        require_instance("ml_matching", ml_matching, MlMatching)
        require_instance("rule_based_matching", rule_based_matching, RuleBasedMatching)
        if aws_owned_key and encryption_key is not None:
            raise ValueError(
                "aws_owned_key=True takes no encryption_key, got "
                f"{encryption_key.node.path}; leave one of them out"
            )
        name = domain_name or Names.unique_resource_name(
            self, max_length=NAME_MAX_LENGTH, separator="-"
        )
        self._name = name
        # Policies the domain itself depends on (its key) name it by the plain name: a
        # reference to the domain there would be a dependency cycle.
        self._static_arn = profile_arn(self, name)
        key = encryption_key
        if key is None and not aws_owned_key:
            key = kms.Key(
                self,
                "Key",
                enable_key_rotation=True,
                description=f"Encrypts the Customer Profiles domain {self.node.path}",
            )
        self._key = key
        if key is not None:
            key.add_to_resource_policy(
                iam.PolicyStatement(
                    principals=[
                        service_principal(self, [self._static_arn, f"{self._static_arn}/*"])
                    ],
                    actions=["kms:GenerateDataKey", "kms:CreateGrant", "kms:Decrypt"],
                    resources=["*"],
                )
            )
        if dead_letter_queue is not None:
            dead_letter_queue.add_to_resource_policy(
                iam.PolicyStatement(
                    principals=[service_principal(self, [self._static_arn])],
                    actions=["sqs:SendMessage"],
                    resources=[dead_letter_queue.queue_arn],
                )
            )
            if dead_letter_queue.encryption_master_key is not None:
                dead_letter_queue.encryption_master_key.add_to_resource_policy(
                    iam.PolicyStatement(
                        principals=[service_principal(self, [self._static_arn])],
                        actions=["kms:GenerateDataKey", "kms:Decrypt"],
                        resources=["*"],
                    )
                )
        self._resource = customerprofiles.CfnDomain(
            self,
            "Resource",
            domain_name=name,
            default_expiration_days=expiration_days,
            default_encryption_key=key.key_arn if key is not None else None,
            dead_letter_queue_url=dead_letter_queue.queue_url if dead_letter_queue else None,
            matching=ml_matching._render(self) if ml_matching else None,
            rule_based_matching=rule_based_matching._render(self) if rule_based_matching else None,
            data_store=(
                customerprofiles.CfnDomain.DataStoreProperty(enabled=True) if data_store else None
            ),
            tags=cfn_tags("tags", tags),
        )
        self._default_expiration_days = expiration_days
        self._data_store = data_store

    @property
    def domain_name(self) -> str:
        """The domain's name, as a reference to the domain (``Ref``), so the resources that
        name it are created after it."""
        return cached_token(self, "_domain_ref", lambda: self._resource.ref)

    @property
    def domain_name_literal(self) -> str:
        """The domain's name as a plain string (no dependency on the domain)."""
        return self._name

    @property
    def encryption_key(self) -> kms.IKey | None:
        """The customer managed key, or ``None`` with ``aws_owned_key=True``."""
        return self._key

    @property
    def default_expiration_days(self) -> Any:
        """Days until profile data expires (a number, or a token)."""
        return self._default_expiration_days

    @property
    def data_store(self) -> bool:
        """Whether the data store is enabled."""
        return self._data_store

    @property
    def resource(self) -> customerprofiles.CfnDomain:
        """The L1 resource (escape hatch)."""
        return self._resource

    @staticmethod
    def from_domain_name(scope: Construct, id: str, domain_name: str) -> IProfilesDomain:
        """A domain defined elsewhere, by name (in this stack's account and region)."""
        check_name("domain_name", domain_name)
        return _ImportedDomain(scope, id, domain_name=domain_name)


def literal_domain_name(domain: IProfilesDomain) -> str:
    """The domain's name as a plain string where known (a token otherwise)."""
    return getattr(domain, "domain_name_literal", domain.domain_name)


def same_domain(first: IProfilesDomain, second: IProfilesDomain) -> bool:
    """True when both are the same domain (the same construct, or the same name)."""
    return first is second or literal_domain_name(first) == literal_domain_name(second)
