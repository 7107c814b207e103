"""Engagement metrics: counts a project's events into CloudWatch embedded metric format."""
