"""boto3 clients and service-error helpers shared by the handlers.

Clients are created once per Lambda container (module-level cache) with botocore's adaptive
retry mode, which already retries throttling with client-side rate limiting. ``call_with_backoff``
adds an outer, bounded retry for throttling that outlasts botocore's own attempts.
"""

from __future__ import annotations

import functools
import random
import time
from collections.abc import Callable, Iterator, Mapping
from datetime import UTC, datetime
from typing import Any, TypeVar

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

T = TypeVar("T")

#: botocore configuration for every client the handlers create.
CLIENT_CONFIG = Config(
    retries={"mode": "adaptive", "max_attempts": 8},
    connect_timeout=5,
    read_timeout=20,
)

#: Error codes that mean "slow down", across the services the handlers call.
THROTTLING_CODES = frozenset(
    {
        "TooManyRequestsException",
        "ThrottlingException",
        "Throttling",
        "ThrottledException",
        "RequestLimitExceeded",
        "SlowDown",
    }
)


@functools.cache
def client(service_name: str, config: Config = CLIENT_CONFIG) -> Any:
    """Return the container-wide boto3 client for ``service_name`` and ``config`` (created on
    first use)."""
    return boto3.client(service_name, config=config)


def pinpoint_client() -> Any:
    """Return the container-wide Pinpoint client."""
    return client("pinpoint")


def error_code(error: ClientError) -> str:
    """The service's error code, e.g. ``NotFoundException``."""
    return str(error.response.get("Error", {}).get("Code", ""))


def is_not_found(error: ClientError) -> bool:
    """True when the service says the resource does not exist."""
    status = error.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
    return error_code(error) in {"NotFoundException", "ResourceNotFoundException"} or status == 404


def is_throttling(error: ClientError) -> bool:
    """True when the service asked the caller to slow down."""
    status = error.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
    return error_code(error) in THROTTLING_CODES or status == 429


def backoff_delay(attempt: int, base_delay: float, max_delay: float) -> float:
    """Full-jitter exponential backoff: the wait after the ``attempt``-th throttled call
    (1-based), uniformly random up to ``min(max_delay, base_delay * 2**(attempt - 1))``."""
    return random.uniform(0, min(max_delay, base_delay * 2 ** (attempt - 1)))


def service_message(error: ClientError) -> str:
    """The service's own error message (Pinpoint puts it in ``MessageBody.Message`` too)."""
    err = error.response.get("Error", {})
    message = err.get("Message") or error.response.get("MessageBody", {}).get("Message")
    return f"{err.get('Code', 'Error')}: {message or str(error)}"


class ServiceError(RuntimeError):
    """A service call failed; the message is the service's own, for the CloudFormation event."""


def call_with_backoff(
    fn: Callable[..., T],
    *args: Any,
    attempts: int = 5,
    base_delay: float = 0.5,
    max_delay: float = 8.0,
    sleep: Callable[[float], None] = time.sleep,
    give_up: Callable[[float], bool] | None = None,
    **kwargs: Any,
) -> T:
    """Call ``fn(*args, **kwargs)``, retrying throttling with full-jitter exponential backoff.

    Any other ``ClientError`` is raised at once. After ``attempts`` throttled calls the last
    error is raised. ``sleep`` is injectable so tests run without waiting. ``give_up``, when
    given, is asked with the next delay (seconds) before each wait; ``True`` raises the
    throttling error instead of waiting (e.g. when the wait would outlast a deadline).
    """
    for attempt in range(1, attempts + 1):
        try:
            return fn(*args, **kwargs)
        except ClientError as error:
            if not is_throttling(error) or attempt == attempts:
                raise
            delay = backoff_delay(attempt, base_delay, max_delay)
            if give_up is not None and give_up(delay):
                raise
            sleep(delay)
    raise AssertionError("unreachable")  # pragma: no cover


#: How recent a resource must be for a Create to take it as its own earlier attempt's: the
#: Provider framework re-invokes on_event within minutes (its Lambda timeout is at most 15), so
#: an older resource with the same name and definition belongs to another CloudFormation
#: resource (one that a moved construct replaces, say) and must not be adopted, or the deletion
#: of that resource would delete what this one now points at.
ADOPT_WINDOW_SECONDS = 30 * 60


def created_after_moment(item: Mapping[str, Any], moment: float | None) -> bool:
    """Whether a Pinpoint response's ``CreationDate`` (ISO 8601) is after ``moment`` (epoch
    seconds); False when it is missing or unreadable, True for any item when ``moment`` is
    ``None`` (no age limit)."""
    if moment is None:
        return True
    text = str(item.get("CreationDate") or "").replace("Z", "+00:00")
    try:
        created = datetime.fromisoformat(text)
    except ValueError:
        return False
    if created.tzinfo is None:
        created = created.replace(tzinfo=UTC)
    return created.timestamp() > moment


def page_items(
    fetch: Callable[..., Mapping[str, Any]], result_key: str, **params: Any
) -> Iterator[dict[str, Any]]:
    """Every item of a Pinpoint list operation that pages with ``Token``/``NextToken``:
    ``fetch(**params)`` (then with ``Token``) returns a response whose ``result_key`` object
    holds ``Item`` and ``NextToken``. Errors are ``fetch``'s to raise."""
    while True:
        page = fetch(**params).get(result_key) or {}
        yield from page.get("Item") or []
        token = page.get("NextToken")
        if not token:
            return
        params = {**params, "Token": token}
