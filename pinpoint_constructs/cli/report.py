"""An offline HTML report of engagement events (Pinpoint, Amazon SES, AWS End User Messaging,
Amazon Connect)::

    python -m pinpoint_constructs.cli.report EVENTS_FOLDER [MORE ...] -o report.html

A thin entry point: the report lives in :mod:`pinpoint_constructs.analytics.report`
(reading: ``events``, figures: ``figures``, the page: ``render``).
"""

from __future__ import annotations

import sys

from ..analytics.report.cli import main

__all__ = ["main"]

if __name__ == "__main__":
    sys.exit(main())
