"""Integrations (``AWS::CustomerProfiles::Integration``): where a domain's objects come from
(an S3 bucket through Amazon AppFlow, a Kinesis data stream) and, for event triggers, which
destination a trigger starts (an outbound campaign)."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from aws_cdk import Names, Resource
from aws_cdk import aws_customerprofiles as customerprofiles
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kinesis as kinesis
from aws_cdk import aws_kms as kms
from aws_cdk import aws_s3 as s3
from constructs import Construct

from .._props import checked_props
from .._validation import check_length, is_unresolved, require_enum, require_instance
from ._common import add_bucket_statement, cfn_tags, require_bucket
from .domain import IProfilesDomain
from .object_type import ObjectType

if TYPE_CHECKING:
    from ._interfaces import IEventTrigger

_I = customerprofiles.CfnIntegration

#: The service principal of Amazon AppFlow, which reads an S3 source for Customer Profiles
#: (Amazon AppFlow User Guide, "Amazon S3 bucket policies for Amazon AppFlow").
APPFLOW_PRINCIPAL = "appflow.amazonaws.com"
# Schema ``Uri``: 1 to 255 characters; ``S3SourceProperties.BucketPrefix``: at most 512.
_URI_MAX_LENGTH = 255
_PREFIX_MAX_LENGTH = 512
# Schema ``FlowDefinition.FlowName``: ``[a-zA-Z0-9][\w!@#.-]+``, at most 256.
_FLOW_NAME_MAX_LENGTH = 256


class S3SyncInterval(enum.Enum):
    """How often AppFlow pulls new objects from the bucket (schema
    ``ScheduledTriggerProperties.ScheduleExpression``; the Amazon Connect Administrator Guide's
    S3 example uses 15 minutes, "the minimum value currently supported")."""

    EVERY_15_MINUTES = "rate(15minutes)"
    HOURLY = "rate(1hours)"
    DAILY = "rate(1days)"


class _Kind(enum.Enum):
    S3 = "s3"
    KINESIS = "kinesis"
    DESTINATION = "destination"


@checked_props
class IntegrationSource:
    """Where an integration reads from, or the destination an event trigger starts. Use the
    factories."""

    def __init__(
        self,
        kind: _Kind,
        *,
        bucket: s3.IBucket | None = None,
        prefix: str | None = None,
        interval: S3SyncInterval | None = None,
        flow_key: kms.IKey | None = None,
        stream: kinesis.IStream | None = None,
        uri: str | None = None,
    ) -> None:
        self._kind = kind
        self._bucket = bucket
        self._prefix = prefix
        self._interval = interval
        self._flow_key = flow_key
        self._stream = stream
        self._uri = uri

    @staticmethod
    def s3(
        bucket: s3.IBucket,
        *,
        prefix: str | None = None,
        interval: S3SyncInterval | None = S3SyncInterval.HOURLY,
        flow_key: kms.IKey | None = None,
    ) -> IntegrationSource:
        """Objects in an S3 bucket (e.g. a Pinpoint endpoint export), read by an Amazon AppFlow
        flow that Customer Profiles creates (``FlowDefinition`` with an S3 connector, as in
        "Example: Programmatically integrate Amazon S3 with Amazon Connect Customer
        Profiles").

        The bucket policy gets the statement AppFlow needs to read a source bucket
        (``s3:ListBucket`` on the bucket, ``s3:GetObject`` on the objects under ``prefix``:
        Amazon AppFlow User Guide, "Amazon S3 bucket policies for Amazon AppFlow"); an imported
        bucket's policy is yours to update, and the integration warns
        (``BUCKET_POLICY_WARNING``) with the statement to add.

        The flow projects the top-level fields the object type's mappings read (a ``Filter``
        task with ``PROJECTION``) and maps each unchanged (``Map`` with ``NO_OP``), the tasks of
        the S3 example.

        :param prefix: Read only keys under this prefix (at most 512 characters).
            Default: the whole bucket.
        :param interval: How often new objects are pulled (incrementally). ``None`` runs the
            flow on demand only. Default: hourly.
        :param flow_key: The KMS key AppFlow encrypts the flow's data with. Default: the
            domain's key (the S3 example: "the key ARN is the same as your domain's key").
        """
        require_bucket("bucket", bucket)
        check_length("prefix", prefix, _PREFIX_MAX_LENGTH, minimum=0)
        if interval is not None:
            require_enum("interval", interval, S3SyncInterval)
        return IntegrationSource(
            _Kind.S3, bucket=bucket, prefix=prefix, interval=interval, flow_key=flow_key
        )

    @staticmethod
    def kinesis_stream(stream: kinesis.IStream) -> IntegrationSource:
        """Objects sent to a Kinesis data stream: the integration's ``Uri`` is the stream
        ARN (API ``PutIntegration``: "the URI of the S3 bucket or any other type of data
        source").

        No AWS page documents the permissions Customer Profiles needs on a source stream
        (searched: the Customer Profiles API reference's ``PutIntegration``, the Amazon Connect
        Administrator Guide's integration pages, Kinesis resource policies), so none are
        added: check the stream's access (and its KMS key's) in a test deployment.
        """
        if not hasattr(stream, "stream_arn"):
            raise TypeError(f"stream must be an aws_kinesis.IStream, got {stream!r}")
        return IntegrationSource(_Kind.KINESIS, stream=stream)

    @staticmethod
    def destination(uri: str) -> IntegrationSource:
        """The destination an event trigger starts, e.g. an outbound campaign's ARN (Amazon
        Connect Administrator Guide, "Create campaigns using event triggers": ``PutIntegration``
        "defines the action to use"). 1 to 255 characters."""
        check_length("uri", uri, _URI_MAX_LENGTH)
        return IntegrationSource(_Kind.DESTINATION, uri=uri)

    def _needs_object_type(self) -> bool:
        return self._kind is not _Kind.DESTINATION


@checked_props
class ProfilesIntegration(Resource):
    """An integration (``AWS::CustomerProfiles::Integration``, construct id ``Resource``).

    Ingest a Pinpoint endpoint export from S3::

        ProfilesIntegration(self, "EndpointExport",
            domain=domain,
            source=IntegrationSource.s3(exports, prefix="email/"),
            object_type=email_endpoints,
        )

    Start an outbound campaign from an event trigger (one trigger per integration: the schema
    allows exactly one name in ``EventTriggerNames``; :meth:`EventTrigger.add_campaign_target`
    builds this)::

        ProfilesIntegration(self, "PurchaseCampaign",
            domain=domain,
            source=IntegrationSource.destination(campaign_arn),
            event_trigger=purchase_trigger,
        )
    """

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        domain: IProfilesDomain,
        source: IntegrationSource,
        object_type: ObjectType | None = None,
        event_trigger: IEventTrigger | None = None,
        tags: Mapping[str, str] | None = None,
    ) -> None:
        """
        :param domain: The domain.
        :param source: Where objects come from, or the event trigger's destination.
        :param object_type: The object type of the ingested objects; required for S3 and
            Kinesis sources. Default: none.
        :param event_trigger: The one event trigger whose events go to a destination.
            Default: none.
        :param tags: Default: none.
        """
        super().__init__(scope, id)
        require_instance("source", source, IntegrationSource)
        require_instance("object_type", object_type, ObjectType)
        if source._needs_object_type() and object_type is None:
            raise ValueError(
                f"object_type is required with an {source._kind.value} source: it says how the "
                "ingested objects map onto profiles, got None"
            )
        if event_trigger is not None and source._kind is not _Kind.DESTINATION:
            raise ValueError(
                "event_trigger goes with IntegrationSource.destination(...) (the destination "
                f"the trigger starts), got an {source._kind.value} source"
            )
        self._domain = domain
        uri: str | None = None
        flow: Any = None
        if source._kind is _Kind.S3:
            assert source._bucket is not None and object_type is not None
            flow = self._flow_definition(source, object_type)
        elif source._kind is _Kind.KINESIS:
            assert source._stream is not None
            uri = source._stream.stream_arn
        else:
            uri = source._uri
        self._resource = customerprofiles.CfnIntegration(
            self,
            "Resource",
            domain_name=domain.domain_name,
            uri=uri,
            flow_definition=flow,
            object_type_name=object_type.object_type_name if object_type else None,
            event_trigger_names=[event_trigger.event_trigger_name] if event_trigger else None,
            tags=cfn_tags("tags", tags),
        )
        if object_type is not None:
            self._resource.node.add_dependency(object_type)
        if event_trigger is not None:
            self._resource.node.add_dependency(event_trigger)
        self._uri = uri

    def _flow_definition(self, source: IntegrationSource, object_type: ObjectType) -> Any:
        bucket = source._bucket
        assert bucket is not None
        key = source._flow_key or self._domain.encryption_key
        if key is None:
            raise ValueError(
                "an S3 integration needs a KMS key for its AppFlow flow (schema "
                "FlowDefinition.KmsArn is required): the domain has none (aws_owned_key or "
                "imported), so pass IntegrationSource.s3(..., flow_key=key), got None"
            )
        # The source statements as the Amazon AppFlow User Guide writes them ("Amazon S3
        # Bucket Policies for Amazon AppFlow", AllowAppFlowSourceActions): no condition. That
        # page shows no aws:SourceAccount/aws:SourceArn for AppFlow's S3 access and no AppFlow
        # page documents that the service sends them, so none is added (a condition AppFlow
        # does not satisfy would break the flow).
        add_bucket_statement(
            self,
            bucket,
            iam.PolicyStatement(
                principals=[iam.ServicePrincipal(APPFLOW_PRINCIPAL)],
                actions=["s3:ListBucket"],
                resources=[bucket.bucket_arn],
            ),
        )
        add_bucket_statement(
            self,
            bucket,
            iam.PolicyStatement(
                principals=[iam.ServicePrincipal(APPFLOW_PRINCIPAL)],
                actions=["s3:GetObject"],
                resources=[bucket.arn_for_objects(f"{source._prefix or ''}*")],
            ),
        )
        # The flow maps the top-level fields the object type reads (``_source.<field>...``).
        fields: list[str] = []
        for mapping in object_type.fields.values():
            path = mapping.source
            if is_unresolved(path) or not path.startswith("_source."):
                continue
            top = path[len("_source.") :].split(".")[0]
            if top and top not in fields:
                fields.append(top)
        tasks = [
            _I.TaskProperty(
                task_type="Filter",
                source_fields=fields,
                connector_operator=_I.ConnectorOperatorProperty(s3="PROJECTION"),
            ),
            *(
                _I.TaskProperty(
                    task_type="Map",
                    source_fields=[field],
                    destination_field=field,
                    connector_operator=_I.ConnectorOperatorProperty(s3="NO_OP"),
                )
                for field in fields
            ),
        ]
        trigger = _I.TriggerConfigProperty(trigger_type="OnDemand")
        if source._interval is not None:
            trigger = _I.TriggerConfigProperty(
                trigger_type="Scheduled",
                trigger_properties=_I.TriggerPropertiesProperty(
                    scheduled=_I.ScheduledTriggerPropertiesProperty(
                        schedule_expression=source._interval.value, data_pull_mode="Incremental"
                    )
                ),
            )
        return _I.FlowDefinitionProperty(
            flow_name=Names.unique_resource_name(
                self, max_length=_FLOW_NAME_MAX_LENGTH, separator="-"
            ),
            kms_arn=key.key_arn,
            description="Created by pinpoint-constructs for Customer Profiles",
            source_flow_config=_I.SourceFlowConfigProperty(
                connector_type="S3",
                source_connector_properties=_I.SourceConnectorPropertiesProperty(
                    s3=_I.S3SourcePropertiesProperty(
                        bucket_name=bucket.bucket_name, bucket_prefix=source._prefix
                    )
                ),
            ),
            tasks=tasks,
            trigger_config=trigger,
        )

    @property
    def uri(self) -> str | None:
        """The integration's ``Uri`` (``None`` for an S3 source, which has a flow instead)."""
        return self._uri

    @property
    def domain(self) -> IProfilesDomain:
        """The domain."""
        return self._domain

    @property
    def resource(self) -> customerprofiles.CfnIntegration:
        """The L1 resource (escape hatch)."""
        return self._resource
