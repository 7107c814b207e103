"""One Pinpoint call with throttling retried and the service's own message on failure."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from botocore.exceptions import ClientError
from common.aws import ServiceError, call_with_backoff, is_not_found, service_message

Sleep = Callable[[float], None]


class Pinpoint:
    """The Pinpoint client, with each call named in errors as the API names it."""

    def __init__(self, client: Any, sleep: Sleep = time.sleep) -> None:
        self.client = client
        self.sleep = sleep

    def call(self, method: str, what: str, **kwargs: Any) -> dict[str, Any]:
        """Call ``client.<method>(**kwargs)``; a service error becomes ``ServiceError`` with the
        operation, ``what`` it acted on and the service's message."""
        try:
            return dict(call_with_backoff(getattr(self.client, method), sleep=self.sleep, **kwargs))
        except ClientError as error:
            raise ServiceError(
                f"{self.operation(method)} {what} failed: {service_message(error)}"
            ) from error

    def call_unless_gone(self, method: str, what: str, **kwargs: Any) -> dict[str, Any] | None:
        """Like :meth:`call`, but ``None`` when the service says the resource does not exist."""
        try:
            return dict(call_with_backoff(getattr(self.client, method), sleep=self.sleep, **kwargs))
        except ClientError as error:
            if is_not_found(error):
                return None
            raise ServiceError(
                f"{self.operation(method)} {what} failed: {service_message(error)}"
            ) from error

    def operation(self, method: str) -> str:
        """The API's name of a client method (``create_voice_template`` -> CreateVoiceTemplate)."""
        return str(self.client.meta.method_to_api_mapping.get(method, method))


def required(props: dict[str, Any], name: str) -> str:
    """A required string property, or a ``ValueError`` naming it."""
    value = props.get(name)
    if not isinstance(value, str) or not value:
        raise ValueError(f"{name} is required, got {value!r}")
    return value


def optional(props: dict[str, Any], *names: str) -> dict[str, Any]:
    """The given properties that are set (not missing, ``None`` or empty)."""
    return {name: props[name] for name in names if props.get(name) not in (None, "", {}, [])}


def service_token(event: dict[str, Any]) -> str:
    """The Provider function's ARN: the account and region of the resources it manages."""
    props = event.get("ResourceProperties") or {}
    return str(event.get("ServiceToken") or props.get("ServiceToken") or "")
