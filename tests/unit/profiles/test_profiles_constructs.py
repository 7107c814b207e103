"""Customer Profiles constructs: what each writes to the template, one behaviour per test."""

from __future__ import annotations

import json
import re
from typing import Any

import aws_cdk as cdk
import pytest
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kinesis as kinesis
from aws_cdk import aws_s3 as s3
from aws_cdk import aws_sqs as sqs
from aws_cdk.assertions import Match, Template
from support import lint_findings, synth_clean

from pinpoint_constructs import (
    AddressDimension,
    AttributeDimension,
    AutoMerging,
    CalculatedAttribute,
    CalculatedAttributeRange,
    CalculatedAttributes,
    CalculatedStatistic,
    DateDimension,
    EndpointChannel,
    EventComparisonOperator,
    EventTrigger,
    EventTriggerCondition,
    EventTriggerLimits,
    EventTriggerPeriod,
    FieldContentType,
    FieldMapping,
    IncludeOptions,
    IntegrationSource,
    MatchingDay,
    MatchingExport,
    MlMatching,
    ObjectAttribute,
    ObjectType,
    ObjectTypeKey,
    PeriodUnit,
    PinpointEndpointObjectType,
    ProfileAttributes,
    ProfileDimension,
    ProfilesDomain,
    ProfilesIntegration,
    RuleBasedMatching,
    S3SyncInterval,
    SegmentDefinition,
    SegmentDefinitionGroup,
    SegmentDefinitionGroups,
    SegmentSortAttribute,
    SortDataType,
    SortOrder,
    StandardIdentifier,
    Threshold,
    ThresholdOperator,
)
from stacks import cdk_json_context

DOMAIN_ARN = "arn:aws:profile:us-east-1:123456789012:domains/shop"
DOMAIN_REF_ARN = "arn:aws:profile:us-east-1:123456789012:domains/${Domain66AC69E0}"


def _arn(value: Any) -> Any:
    """A Fn::Join ARN as one string with ${...} placeholders."""
    if isinstance(value, dict) and "Fn::Join" in value:
        parts = value["Fn::Join"][1]
        return "".join(p if isinstance(p, str) else "${" + p.get("Ref", "?") + "}" for p in parts)
    return value


@pytest.fixture
def domain(stack: cdk.Stack) -> ProfilesDomain:
    return ProfilesDomain(stack, "Domain", domain_name="shop")


def _purchases(scope: cdk.Stack, domain: ProfilesDomain) -> ObjectType:
    return ObjectType(
        scope,
        "Purchases",
        domain=domain,
        object_type_name="Purchase",
        fields={
            "customerId": FieldMapping.to_profile("customerId", "AccountNumber"),
            "orderId": FieldMapping.object_only("orderId"),
            "total": FieldMapping.object_only("total", FieldContentType.NUMBER),
        },
        keys={
            "customer": [ObjectTypeKey(["customerId"], [StandardIdentifier.PROFILE])],
            "order": [ObjectTypeKey(["orderId"], [StandardIdentifier.UNIQUE])],
        },
    )


def _simple_groups(value: str = "x", **kwargs: Any) -> SegmentDefinitionGroups:
    return SegmentDefinitionGroups(
        groups=[
            SegmentDefinitionGroup(
                dimensions=[
                    ProfileAttributes(attributes={"a": AttributeDimension.inclusive(value)})
                ],
                **kwargs,
            )
        ]
    )


# ---- domain -------------------------------------------------------------------------------


def test_domain_encrypts_with_a_rotating_customer_managed_key(stack, domain):
    template = Template.from_stack(stack)
    template.has_resource_properties("AWS::KMS::Key", {"EnableKeyRotation": True})
    template.has_resource_properties(
        "AWS::CustomerProfiles::Domain",
        {
            "DomainName": "shop",
            "DefaultExpirationDays": 366,
            "DefaultEncryptionKey": {"Fn::GetAtt": [Match.string_like_regexp("DomainKey"), "Arn"]},
        },
    )


def test_key_policy_lets_customer_profiles_use_the_key_for_this_domain_only(stack, domain):
    (key,) = Template.from_stack(stack).find_resources("AWS::KMS::Key").values()
    statements = key["Properties"]["KeyPolicy"]["Statement"]
    (service,) = [s for s in statements if s["Principal"] == {"Service": "profile.amazonaws.com"}]
    assert sorted(service["Action"]) == ["kms:CreateGrant", "kms:Decrypt", "kms:GenerateDataKey"]
    assert service["Condition"]["StringEquals"] == {"aws:SourceAccount": "123456789012"}
    arns = [_arn(a) for a in service["Condition"]["ArnLike"]["aws:SourceArn"]]
    assert arns == [DOMAIN_ARN, DOMAIN_ARN + "/*"]


def test_aws_owned_key_writes_no_key(stack):
    ProfilesDomain(stack, "Domain", aws_owned_key=True)
    template = Template.from_stack(stack)
    template.resource_count_is("AWS::KMS::Key", 0)
    template.has_resource_properties(
        "AWS::CustomerProfiles::Domain", {"DefaultEncryptionKey": Match.absent()}
    )


def test_dead_letter_queue_lets_customer_profiles_send_for_this_domain(stack):
    queue = sqs.Queue(stack, "Dlq")
    ProfilesDomain(stack, "Domain", domain_name="shop", dead_letter_queue=queue)
    template = Template.from_stack(stack)
    template.has_resource_properties(
        "AWS::CustomerProfiles::Domain", {"DeadLetterQueueUrl": {"Ref": Match.any_value()}}
    )
    (policy,) = template.find_resources("AWS::SQS::QueuePolicy").values()
    (statement,) = policy["Properties"]["PolicyDocument"]["Statement"]
    assert statement["Action"] == "sqs:SendMessage"
    assert statement["Principal"] == {"Service": "profile.amazonaws.com"}
    assert statement["Condition"]["ArnLike"]["aws:SourceArn"] == [DOMAIN_ARN]


def test_grant_write_profiles_is_scoped_to_this_domain(stack, domain):
    role = iam.Role(stack, "Role", assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"))
    domain.grant_write_profiles(role)
    (policy,) = Template.from_stack(stack).find_resources("AWS::IAM::Policy").values()
    statements = policy["Properties"]["PolicyDocument"]["Statement"]
    profile = next(s for s in statements if "profile:CreateProfile" in s["Action"])
    assert "profile:PutProfileObject" in profile["Action"]
    resources = sorted(_arn(r) for r in profile["Resource"])
    assert resources == [DOMAIN_REF_ARN, DOMAIN_REF_ARN + "/object-types/*"]
    assert all(s["Resource"] != "*" for s in statements)
    kms_statement = next(s for s in statements if "kms:Decrypt" in s["Action"])
    assert sorted(kms_statement["Action"]) == ["kms:Decrypt", "kms:GenerateDataKey"]
    assert (
        kms_statement["Resource"] == {"Fn::GetAtt": [Match.any_value(), "Arn"]}
        or kms_statement["Resource"]["Fn::GetAtt"][1] == "Arn"
    )


def test_imported_domain_has_the_domain_arn(stack):
    imported = ProfilesDomain.from_domain_name(stack, "Imported", "shop")
    assert imported.domain_name == "shop"
    assert stack.resolve(imported.domain_arn) == DOMAIN_ARN
    assert imported.encryption_key is None


def test_matching_options_are_written(stack):
    bucket = s3.Bucket(stack, "Results")
    ProfilesDomain(
        stack,
        "Domain",
        domain_name="shop",
        ml_matching=MlMatching(
            day=MatchingDay.SUNDAY,
            time="02:30",
            auto_merging=AutoMerging(matching_attributes=[["EmailAddress"]]),
            export=MatchingExport(bucket=bucket, key_prefix="matches/"),
        ),
        rule_based_matching=RuleBasedMatching(rules=[["EmailAddress"], ["PhoneNumber"]]),
        data_store=True,
    )
    template = Template.from_stack(stack)
    template.has_resource_properties(
        "AWS::CustomerProfiles::Domain",
        {
            "Matching": {
                "Enabled": True,
                "JobSchedule": {"DayOfTheWeek": "SUNDAY", "Time": "02:30"},
                "AutoMerging": {
                    "Enabled": True,
                    "Consolidation": {"MatchingAttributesList": [["EmailAddress"]]},
                },
                "ExportingConfig": {
                    "S3Exporting": {
                        "S3BucketName": {"Ref": Match.any_value()},
                        "S3KeyName": "matches/",
                    }
                },
            },
            "RuleBasedMatching": {
                "Enabled": True,
                "MatchingRules": [{"Rule": ["EmailAddress"]}, {"Rule": ["PhoneNumber"]}],
            },
            "DataStore": {"Enabled": True},
        },
    )
    (policy,) = template.find_resources("AWS::S3::BucketPolicy").values()
    put = next(
        s
        for s in policy["Properties"]["PolicyDocument"]["Statement"]
        if s["Action"] == "s3:PutObject"
    )
    assert put["Principal"] == {"Service": "profile.amazonaws.com"}


# ---- object types -------------------------------------------------------------------------


def test_object_type_writes_fields_and_keys(stack, domain):
    _purchases(stack, domain)
    Template.from_stack(stack).has_resource_properties(
        "AWS::CustomerProfiles::ObjectType",
        {
            "DomainName": {"Ref": Match.string_like_regexp("Domain")},
            "ObjectTypeName": "Purchase",
            "Fields": Match.array_with(
                [
                    {
                        "Name": "customerId",
                        "ObjectTypeField": {
                            "Source": "_source.customerId",
                            "Target": "_profile.AccountNumber",
                        },
                    },
                    {
                        "Name": "total",
                        "ObjectTypeField": {"Source": "_source.total", "ContentType": "NUMBER"},
                    },
                ]
            ),
            "Keys": Match.array_with(
                [
                    {
                        "Name": "order",
                        "ObjectTypeKeyList": [
                            {"FieldNames": ["orderId"], "StandardIdentifiers": ["UNIQUE"]}
                        ],
                    }
                ]
            ),
        },
    )


def _fields(stack: cdk.Stack, name: str) -> dict[str, dict[str, Any]]:
    for resource in (
        Template.from_stack(stack).find_resources("AWS::CustomerProfiles::ObjectType").values()
    ):
        if resource["Properties"]["ObjectTypeName"] == name:
            return {f["Name"]: f["ObjectTypeField"] for f in resource["Properties"]["Fields"]}
    raise AssertionError(name)


def test_email_endpoint_object_type_maps_fields_onto_the_profile(stack, domain):
    PinpointEndpointObjectType(
        stack,
        "Email",
        domain=domain,
        channel=EndpointChannel.EMAIL,
        endpoint_attributes=["Audience"],
        user_attributes={"FirstName": "FirstName"},
        metrics=["score"],
    )
    fields = _fields(stack, "PinpointEmailEndpoint")
    assert fields["Address"] == {
        "Source": "_source.Address",
        "Target": "_profile.EmailAddress",
        "ContentType": "EMAIL_ADDRESS",
    }
    assert fields["UserId"]["Target"] == "_profile.AccountNumber"
    assert fields["City"] == {"Source": "_source.Location.City", "Target": "_profile.Address.City"}
    assert fields["Region"]["Target"] == "_profile.Address.State"
    assert fields["OptOut"]["Target"] == "_profile.Attributes.EmailOptOut"
    assert fields["EndpointStatus"]["Target"] == "_profile.Attributes.EmailEndpointStatus"
    assert fields["Make"] == {
        "Source": "_source.Demographic.Make",
        "Target": "_profile.Attributes.Make",
    }
    assert fields["Attributes_Audience"]["Target"] == "_profile.Attributes.Audience"
    assert fields["UserAttributes_FirstName"] == {
        "Source": "_source.User.UserAttributes.FirstName",
        "Target": "_profile.FirstName",
    }
    assert fields["Metrics_score"]["Target"] == "_profile.Attributes.score"
    assert "Target" not in fields["EndpointId"]


def test_endpoint_object_type_keys(stack, domain):
    PinpointEndpointObjectType(stack, "Email", domain=domain, channel=EndpointChannel.EMAIL)
    (resource,) = (
        Template.from_stack(stack).find_resources("AWS::CustomerProfiles::ObjectType").values()
    )
    keys = {k["Name"]: k["ObjectTypeKeyList"] for k in resource["Properties"]["Keys"]}
    assert keys == {
        "PinpointEndpointId": [{"FieldNames": ["EndpointId"], "StandardIdentifiers": ["UNIQUE"]}],
        "PinpointUserId": [{"FieldNames": ["UserId"], "StandardIdentifiers": ["PROFILE"]}],
        "EmailAddress": [{"FieldNames": ["Address"], "StandardIdentifiers": ["PROFILE"]}],
    }
    assert resource["Properties"]["AllowProfileCreation"] is True


@pytest.mark.parametrize(
    ("channel", "target"),
    [
        (EndpointChannel.SMS, "_profile.MobilePhoneNumber"),
        (EndpointChannel.VOICE, "_profile.PhoneNumber"),
        (EndpointChannel.APNS, "_profile.Attributes.ApnsAddress"),
        (EndpointChannel.APNS_VOIP_SANDBOX, "_profile.Attributes.ApnsVoipSandboxAddress"),
    ],
)
def test_endpoint_address_destination_by_channel(stack, domain, channel, target):
    endpoint = PinpointEndpointObjectType(stack, "E", domain=domain, channel=channel)
    assert _fields(stack, endpoint.object_type_name)["Address"]["Target"] == target


def test_grant_put_objects_names_the_object_type(stack, domain):
    role = iam.Role(stack, "Role", assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"))
    _purchases(stack, domain).grant_put_objects(role)
    (policy,) = Template.from_stack(stack).find_resources("AWS::IAM::Policy").values()
    statement = next(
        s
        for s in policy["Properties"]["PolicyDocument"]["Statement"]
        if s["Action"] == "profile:PutProfileObject"
    )
    assert _arn(statement["Resource"]).endswith(":domains/${Domain66AC69E0}/object-types/Purchase")


def _key_grants(stack: cdk.Stack) -> list[Any]:
    (policy,) = Template.from_stack(stack).find_resources("AWS::IAM::Policy").values()
    return [
        s["Resource"]
        for s in policy["Properties"]["PolicyDocument"]["Statement"]
        if "kms:Decrypt" in s["Action"]
    ]


def test_grant_put_objects_grants_the_object_types_own_key_and_the_domains(stack, domain):
    from aws_cdk import aws_kms as kms

    key = kms.Key(stack, "ObjectsKey", enable_key_rotation=True)
    object_type = ObjectType(
        stack,
        "Keyed",
        domain=domain,
        object_type_name="Keyed",
        encryption_key=key,
        fields={"id": FieldMapping.to_profile("id", "AccountNumber")},
        keys={"id": [ObjectTypeKey(["id"], [StandardIdentifier.PROFILE])]},
    )
    role = iam.Role(stack, "Role", assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"))
    object_type.grant_put_objects(role)
    granted = [json.dumps(r) for r in _key_grants(stack)]
    assert any("ObjectsKey" in r for r in granted), granted
    assert any("DomainKey" in r for r in granted), granted


# ---- calculated attributes ----------------------------------------------------------------


def test_calculated_attribute_is_written(stack, domain):
    CalculatedAttribute(
        stack,
        "Spend",
        domain=domain,
        calculated_attribute_name="spend_30d",
        attributes=["Purchase.total"],
        expression="{Purchase.total}",
        statistic=CalculatedStatistic.SUM,
        range=CalculatedAttributeRange.last(cdk.Duration.days(30)),
        threshold=Threshold(ThresholdOperator.GREATER_THAN, "100"),
        object_count=50,
    )
    Template.from_stack(stack).has_resource_properties(
        "AWS::CustomerProfiles::CalculatedAttributeDefinition",
        {
            "CalculatedAttributeName": "spend_30d",
            "AttributeDetails": {
                "Attributes": [{"Name": "Purchase.total"}],
                "Expression": "{Purchase.total}",
            },
            "Statistic": "SUM",
            "Conditions": {
                "Range": {"Unit": "DAYS", "Value": 30},
                "Threshold": {"Operator": "GREATER_THAN", "Value": "100"},
                "ObjectCount": 50,
            },
        },
    )


# ---- segment definitions ------------------------------------------------------------------


def _segment_name(definition: SegmentDefinitionGroups | None = None, **kwargs: Any) -> str:
    app = cdk.App(context=cdk_json_context())
    stack = cdk.Stack(app, "S", env=cdk.Environment(account="123456789012", region="us-east-1"))
    domain = ProfilesDomain(stack, "Domain", domain_name="shop")
    segment = SegmentDefinition(
        stack, "Segment", domain=domain, groups=definition or _simple_groups(), **kwargs
    )
    return segment.segment_definition_name


def test_generated_name_is_stable_for_the_same_definition():
    assert _segment_name() == _segment_name()


def test_generated_name_changes_with_the_groups():
    assert _segment_name(_simple_groups("x")) != _segment_name(_simple_groups("y"))


def test_generated_name_changes_with_the_display_name_and_description():
    base = _segment_name()
    assert _segment_name(display_name="other") != base
    assert _segment_name(description="other") != base


def test_generated_name_is_path_plus_hash_within_the_service_limits():
    name = _segment_name()
    assert re.fullmatch(r"[a-zA-Z0-9_-]{1,64}", name)
    assert re.fullmatch(r"S-Segment-[0-9A-F]{8}-[0-9a-f]{8}", name), name


def test_a_changed_base_segment_renames_the_segments_built_on_it(stack, domain):
    def build(stack: cdk.Stack, value: str) -> tuple[str, str]:
        domain = ProfilesDomain(stack, "Domain", domain_name="shop")
        base = SegmentDefinition(stack, "Base", domain=domain, groups=_simple_groups(value))
        top = SegmentDefinition(
            stack,
            "Top",
            domain=domain,
            groups=_simple_groups(source_segments=[base], source_type=IncludeOptions.NONE),
        )
        return base.segment_definition_name, top.segment_definition_name

    first = build(cdk.Stack(cdk.App(), "S"), "x")
    second = build(cdk.Stack(cdk.App(), "S"), "y")
    assert first[0] != second[0]
    assert first[1] != second[1]


def test_explicit_segment_name_is_kept(stack, domain):
    segment = SegmentDefinition(
        stack, "S", domain=domain, segment_definition_name="berlin", groups=_simple_groups()
    )
    assert segment.segment_definition_name == "berlin"
    Template.from_stack(stack).has_resource_properties(
        "AWS::CustomerProfiles::SegmentDefinition", {"SegmentDefinitionName": "berlin"}
    )


def test_segment_builders_render_every_dimension_kind(stack, domain):
    spend = CalculatedAttribute(
        stack,
        "Spend",
        domain=domain,
        calculated_attribute_name="spend",
        attributes=["Purchase.total"],
        expression="{Purchase.total}",
        statistic=CalculatedStatistic.SUM,
    )
    SegmentDefinition(
        stack,
        "S",
        domain=domain,
        display_name="rich berliners",
        groups=SegmentDefinitionGroups(
            include=IncludeOptions.ANY,
            groups=[
                SegmentDefinitionGroup(
                    dimensions=[
                        ProfileAttributes(
                            address=AddressDimension(city=ProfileDimension.inclusive("Berlin")),
                            birth_date=DateDimension.before("2000-01-01"),
                            email_address=ProfileDimension.ends_with("@example.com"),
                            additional_information=ProfileDimension.contains("x" * 1000),
                        ),
                        CalculatedAttributes(
                            {
                                spend: AttributeDimension(
                                    AttributeDimension.greater_than(100).dimension_type,
                                    [100],
                                    range_start=-30,
                                    range_end=0,
                                )
                            }
                        ),
                    ],
                    type=IncludeOptions.ALL,
                )
            ],
        ),
    )
    template = Template.from_stack(stack)
    template.has_resource_properties(
        "AWS::CustomerProfiles::SegmentDefinition",
        {
            "DisplayName": "rich berliners",
            "SegmentGroups": {
                "Include": "ANY",
                "Groups": [
                    {
                        "Type": "ALL",
                        "Dimensions": [
                            {
                                "ProfileAttributes": {
                                    "Address": {
                                        "City": {"DimensionType": "INCLUSIVE", "Values": ["Berlin"]}
                                    },
                                    "BirthDate": {
                                        "DimensionType": "BEFORE",
                                        "Values": ["2000-01-01"],
                                    },
                                    "EmailAddress": {
                                        "DimensionType": "ENDS_WITH",
                                        "Values": ["@example.com"],
                                    },
                                    "AdditionalInformation": {
                                        "DimensionType": "CONTAINS",
                                        "Values": ["x" * 1000],
                                    },
                                }
                            },
                            {
                                "CalculatedAttributes": {
                                    "spend": {
                                        "DimensionType": "GREATER_THAN",
                                        "Values": ["100"],
                                        "ConditionOverrides": {
                                            "Range": {"Start": -30, "End": 0, "Unit": "DAYS"}
                                        },
                                    }
                                }
                            },
                        ],
                    }
                ],
            },
        },
    )
    (segment,) = template.find_resources("AWS::CustomerProfiles::SegmentDefinition").values()
    assert segment["DependsOn"] == [Match.any_value()] or len(segment["DependsOn"]) == 1


def test_sql_segment_on_a_domain_with_data_store(stack):
    domain = ProfilesDomain(stack, "Domain", data_store=True)
    SegmentDefinition(stack, "S", domain=domain, sql_query="SELECT * FROM profiles")
    Template.from_stack(stack).has_resource_properties(
        "AWS::CustomerProfiles::SegmentDefinition",
        {"SegmentSqlQuery": "SELECT * FROM profiles", "SegmentGroups": Match.absent()},
    )


def test_imported_segment_definition(stack, domain):
    imported = SegmentDefinition.from_segment_definition_name(
        stack, "Imported", domain=domain, segment_definition_name="test"
    )
    assert imported.segment_definition_name == "test"
    assert _arn(stack.resolve(imported.segment_definition_arn)).endswith(
        ":domains/${Domain66AC69E0}/segment-definitions/test"
    )


# ---- event triggers and integrations --------------------------------------------------------


def _trigger(stack: cdk.Stack, domain: ProfilesDomain, **kwargs: Any) -> EventTrigger:
    return EventTrigger(
        stack,
        "BigPurchase",
        domain=domain,
        object_type=_purchases(stack, domain),
        conditions=[
            EventTriggerCondition.all(
                ObjectAttribute.field("total", EventComparisonOperator.GREATER_THAN, 100),
                ObjectAttribute.from_source(
                    "{{_source.currency}}", EventComparisonOperator.INCLUSIVE, "EUR"
                ),
            )
        ],
        **kwargs,
    )


def test_event_trigger_is_written(stack, domain):
    segment = SegmentDefinition(stack, "Berlin", domain=domain, groups=_simple_groups())
    _trigger(
        stack,
        domain,
        segment_filter=segment,
        limits=EventTriggerLimits(
            event_expiration=cdk.Duration.minutes(5),
            periods=[EventTriggerPeriod(1, PeriodUnit.DAYS, max_invocations_per_profile=2)],
        ),
    )
    Template.from_stack(stack).has_resource_properties(
        "AWS::CustomerProfiles::EventTrigger",
        {
            "ObjectTypeName": "Purchase",
            "SegmentFilter": segment.segment_definition_name,
            "EventTriggerConditions": [
                {
                    "LogicalOperator": "ALL",
                    "EventTriggerDimensions": [
                        {
                            "ObjectAttributes": [
                                {
                                    "FieldName": "total",
                                    "ComparisonOperator": "GREATER_THAN",
                                    "Values": ["100"],
                                }
                            ]
                        },
                        {
                            "ObjectAttributes": [
                                {
                                    "Source": "{{_source.currency}}",
                                    "ComparisonOperator": "INCLUSIVE",
                                    "Values": ["EUR"],
                                }
                            ]
                        },
                    ],
                }
            ],
            "EventTriggerLimits": {
                "EventExpiration": 300000,
                "Periods": [{"Unit": "DAYS", "Value": 1, "MaxInvocationsPerProfile": 2}],
            },
        },
    )


def test_campaign_target_is_an_integration_with_one_trigger(stack, domain):
    trigger = _trigger(stack, domain)
    arn = "arn:aws:connect-campaigns:us-east-1:123456789012:campaign/abc"
    integration = trigger.add_campaign_target(arn)
    assert integration.node.path == "TestStack/BigPurchase/CampaignTarget1"
    template = Template.from_stack(stack)
    template.has_resource_properties(
        "AWS::CustomerProfiles::Integration",
        {
            "DomainName": {"Ref": Match.any_value()},
            "Uri": arn,
            "EventTriggerNames": [trigger.event_trigger_name],
            "ObjectTypeName": Match.absent(),
        },
    )
    (resource,) = template.find_resources("AWS::CustomerProfiles::Integration").values()
    assert stack.get_logical_id(trigger.resource) in resource["DependsOn"]


def test_s3_integration_reads_through_appflow(stack, domain):
    bucket = s3.Bucket(stack, "Exports")
    ProfilesIntegration(
        stack,
        "EndpointExport",
        domain=domain,
        source=IntegrationSource.s3(bucket, prefix="email/", interval=S3SyncInterval.DAILY),
        object_type=PinpointEndpointObjectType(
            stack, "Email", domain=domain, channel=EndpointChannel.EMAIL
        ),
    )
    template = Template.from_stack(stack)
    (integration,) = template.find_resources("AWS::CustomerProfiles::Integration").values()
    flow = integration["Properties"]["FlowDefinition"]
    assert integration["Properties"]["ObjectTypeName"] == "PinpointEmailEndpoint"
    assert (
        flow["KmsArn"] == {"Fn::GetAtt": [Match.any_value(), "Arn"]}
        or flow["KmsArn"]["Fn::GetAtt"][1] == "Arn"
    )
    assert (
        flow["SourceFlowConfig"]
        == {
            "ConnectorType": "S3",
            "SourceConnectorProperties": {
                "S3": {"BucketName": {"Ref": Match.any_value()}, "BucketPrefix": "email/"}
            },
        }
        or flow["SourceFlowConfig"]["SourceConnectorProperties"]["S3"]["BucketPrefix"] == "email/"
    )
    assert flow["TriggerConfig"] == {
        "TriggerType": "Scheduled",
        "TriggerProperties": {
            "Scheduled": {"ScheduleExpression": "rate(1days)", "DataPullMode": "Incremental"}
        },
    }
    projection = flow["Tasks"][0]
    assert projection["TaskType"] == "Filter"
    assert {"Address", "Location", "Demographic", "User", "Id"} <= set(projection["SourceFields"])
    (policy,) = template.find_resources("AWS::S3::BucketPolicy").values()
    statements = policy["Properties"]["PolicyDocument"]["Statement"]
    appflow = [s for s in statements if s.get("Principal") == {"Service": "appflow.amazonaws.com"}]
    assert sorted(s["Action"] for s in appflow) == ["s3:GetObject", "s3:ListBucket"]


def test_s3_integration_on_demand(stack, domain):
    ProfilesIntegration(
        stack,
        "Once",
        domain=domain,
        source=IntegrationSource.s3(s3.Bucket(stack, "B"), interval=None),
        object_type=_purchases(stack, domain),
    )
    (integration,) = (
        Template.from_stack(stack).find_resources("AWS::CustomerProfiles::Integration").values()
    )
    assert integration["Properties"]["FlowDefinition"]["TriggerConfig"] == {
        "TriggerType": "OnDemand"
    }


def test_kinesis_integration_uri_is_the_stream_arn(stack, domain):
    stream = kinesis.Stream(stack, "Stream")
    ProfilesIntegration(
        stack,
        "Stream2",
        domain=domain,
        source=IntegrationSource.kinesis_stream(stream),
        object_type=_purchases(stack, domain),
    )
    Template.from_stack(stack).has_resource_properties(
        "AWS::CustomerProfiles::Integration",
        {"Uri": {"Fn::GetAtt": [Match.any_value(), "Arn"]}, "ObjectTypeName": "Purchase"},
    )


# ---- gates: cdk-nag and cfn-lint on every construct -----------------------------------------


def test_every_construct_passes_cdk_nag_and_cfn_lint(nag_stack, tmp_path):
    stack = nag_stack
    results = s3.Bucket(
        stack,
        "Results",
        enforce_ssl=True,
        server_access_logs_prefix="logs/",
        encryption=s3.BucketEncryption.S3_MANAGED,
        block_public_access=s3.BlockPublicAccess.BLOCK_ALL,
    )
    queue = sqs.Queue(stack, "Dlq", enforce_ssl=True, encryption=sqs.QueueEncryption.SQS_MANAGED)
    cdk.Validations.of(queue).acknowledge(
        cdk.Acknowledgment(
            id="AwsSolutions::AwsSolutions-SQS3", reason="the queue is a dead-letter queue"
        )
    )
    domain = ProfilesDomain(
        stack,
        "Domain",
        dead_letter_queue=queue,
        ml_matching=MlMatching(export=MatchingExport(bucket=results, key_prefix="matches/")),
        rule_based_matching=RuleBasedMatching(rules=[["EmailAddress"]]),
        data_store=True,
    )
    email = PinpointEndpointObjectType(stack, "Email", domain=domain, channel=EndpointChannel.EMAIL)
    purchases = _purchases(stack, domain)
    ProfilesIntegration(
        stack,
        "Export",
        domain=domain,
        source=IntegrationSource.s3(results, prefix="exports/email/"),
        object_type=email,
    )
    spend = CalculatedAttribute(
        stack,
        "Spend",
        domain=domain,
        attributes=["Purchase.total"],
        expression="{Purchase.total}",
        statistic=CalculatedStatistic.SUM,
        range=CalculatedAttributeRange.last(cdk.Duration.days(30)),
    )
    base = SegmentDefinition(stack, "Base", domain=domain, groups=_simple_groups())
    segment = SegmentDefinition(
        stack,
        "Top",
        domain=domain,
        groups=SegmentDefinitionGroups(
            groups=[
                SegmentDefinitionGroup(
                    dimensions=[CalculatedAttributes({spend: AttributeDimension.greater_than(10)})],
                    source_segments=[base],
                    source_type=IncludeOptions.NONE,
                )
            ]
        ),
    )
    SegmentDefinition(stack, "Sql", domain=domain, sql_query="SELECT * FROM profiles")
    trigger = EventTrigger(
        stack,
        "Trigger",
        domain=domain,
        object_type=purchases,
        segment_filter=segment,
        conditions=[
            EventTriggerCondition.any(
                ObjectAttribute.field("total", EventComparisonOperator.GREATER_THAN, 1)
            )
        ],
    )
    trigger.add_campaign_target("arn:aws:connect-campaigns:us-east-1:123456789012:campaign/x")
    role = iam.Role(stack, "Reader", assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"))
    domain.grant_read_write_profiles(role)
    template = synth_clean(stack)
    assert lint_findings(template, tmp_path) == [], json.dumps(
        lint_findings(template, tmp_path), indent=2
    )


def test_imported_object_type_and_trigger(stack, domain):
    ctr = ObjectType.from_object_type_name(stack, "Ctr", domain=domain, object_type_name="CTR")
    trigger = EventTrigger.from_event_trigger_name(
        stack, "T", domain=domain, event_trigger_name="existing"
    )
    assert (ctr.object_type_name, ctr.domain) == ("CTR", domain)
    assert (trigger.event_trigger_name, trigger.domain) == ("existing", domain)


def test_imported_bucket_gets_a_warning_with_the_statement(stack, domain):
    from aws_cdk.assertions import Annotations

    bucket = s3.Bucket.from_bucket_name(stack, "Imported", "my-exports")
    ProfilesIntegration(
        stack,
        "Import",
        domain=domain,
        source=IntegrationSource.s3(bucket),
        object_type=_purchases(stack, domain),
    )
    Annotations.from_stack(stack).has_warning(
        "/TestStack/Import",
        Match.string_like_regexp("the bucket my-exports is imported.*appflow.amazonaws.com"),
    )


def test_segment_sort_is_written_and_part_of_the_name(stack, domain):
    spend = CalculatedAttribute(
        stack,
        "Spend",
        domain=domain,
        calculated_attribute_name="spend",
        attributes=["Purchase.total"],
        expression="{Purchase.total}",
        statistic=CalculatedStatistic.SUM,
    )
    unsorted = SegmentDefinition(stack, "A", domain=domain, groups=_simple_groups())
    sorted_ = SegmentDefinition(
        stack,
        "B",
        domain=domain,
        groups=_simple_groups(),
        sort=[
            SegmentSortAttribute.calculated_attribute(spend, SortOrder.DESC, SortDataType.NUMBER),
            SegmentSortAttribute.profile("LastName"),
        ],
    )
    assert unsorted.definition_hash != sorted_.definition_hash
    Template.from_stack(stack).has_resource_properties(
        "AWS::CustomerProfiles::SegmentDefinition",
        {
            "SegmentSort": {
                "Attributes": [
                    {"Name": "spend", "Order": "DESC", "DataType": "NUMBER", "Type": "CALCULATED"},
                    {"Name": "LastName", "Order": "ASC"},
                ]
            }
        },
    )


def test_object_type_expiration_is_written_in_days(stack, domain):
    ObjectType(stack, "X", domain=domain, expiration=cdk.Duration.days(30))
    Template.from_stack(stack).has_resource_properties(
        "AWS::CustomerProfiles::ObjectType", {"ExpirationDays": 30}
    )
