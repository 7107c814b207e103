"""Helpers shared by every Lambda handler of pinpoint-constructs (stdlib + boto3 only)."""
