"""Engagement analytics: the event archive (S3, Glue, Athena), the CloudWatch engagement
dashboard and the metrics it shows. The offline HTML report is
``python -m pinpoint_constructs.report``."""

from .archive import EventArchive
from .dashboard import DEFAULT_METRICS_NAMESPACE, EngagementDashboard, EngagementMetrics
from .queries import EventQuery, event_queries
from .schema import EVENT_COLUMNS, unmapped_fields

__all__ = [
    "DEFAULT_METRICS_NAMESPACE",
    "EVENT_COLUMNS",
    "EngagementDashboard",
    "EngagementMetrics",
    "EventArchive",
    "EventQuery",
    "event_queries",
    "unmapped_fields",
]
