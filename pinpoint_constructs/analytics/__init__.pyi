"""The public names of ``pinpoint_constructs.analytics`` and the modules they live in.

Type checkers read this stub; ``__init__.py`` reads it at import time and imports each name
on first use (see ``pinpoint_constructs._lazy``)."""

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
