"""ARNs of Pinpoint resources that a custom resource creates, in the partition, region and
account of the custom resource's service token (the Provider's function, which runs in the
same account and region as the resources it manages)."""

from __future__ import annotations


def mobiletargeting_arn(service_token: str, resource: str) -> str:
    """``arn:<partition>:mobiletargeting:<region>:<account>:<resource>``, with partition,
    region and account taken from ``service_token`` (an ARN)."""
    parts = service_token.split(":")
    if len(parts) < 6 or parts[0] != "arn":
        raise ValueError(f"ServiceToken must be an ARN, got {service_token!r}")
    partition, region, account = parts[1], parts[3], parts[4]
    return f"arn:{partition}:mobiletargeting:{region}:{account}:{resource}"
