"""Opt Pinpoint endpoints out when the event stream reports a hard bounce, complaint or opt-out.

Pinpoint writes one JSON event per Kinesis record (base64 in ``kinesis.data``). For email and
SMS events, ``application.app_id`` is the project and ``client.client_id`` is the endpoint the
message was sent to (see "Email event data stream" and "SMS event data stream" in the Amazon
Pinpoint developer guide). This module turns a batch of such records into ``OptOut = "ALL"``
updates.

Configuration (environment variables, read by :meth:`Config.from_env`):

``APPLICATION_ID`` (required)
    The Pinpoint project whose endpoints may be opted out. Events of any other project are
    counted as ``other_application`` and ignored.
``OPT_OUT_EVENT_TYPES`` (optional)
    Comma-separated ``event_type`` values that opt the endpoint out, matched exactly.
    Default: ``_email.hardbounce,_email.complaint,_email.unsubscribe,_SMS.OPTOUT``. Soft bounces
    (``_email.softbounce``) and delivery failures are deliberately left out.

There is no keyword setting for inbound SMS: inbound (two-way) SMS is published to an SNS
topic, not to the event stream; a recipient's STOP reply reaches the stream as ``_SMS.OPTOUT``.

Rules, per batch:

- A record that is not base64, not JSON, not a JSON object, or lacks ``event_type``,
  ``application.app_id`` or ``client.client_id`` is logged and counted as ``malformed``. It is
  never reported as a failure: retrying cannot fix it and it must not block the shard.
- The update APIs upsert, so every endpoint is read first with ``GetEndpoint``; one that does
  not exist is skipped (``endpoints_not_found``) and never created. One already opted out
  (``OptOut == "ALL"``) is skipped (``already_opted_out``). When the event names the address
  it was sent to and the endpoint's address is no longer among them, the endpoint has moved on
  to a new address and is skipped (``address_changed``).
- A complaint whose feedback type is ``not-spam`` needs no action (``no_action``): the mailbox
  provider reports that the recipient does not consider the message spam (Amazon SES Developer
  Guide, "Contents of event data", ``complaintFeedbackType``).
- Events are de-duplicated by (application, endpoint): one read and one update per endpoint.
- Updates go out through ``UpdateEndpointsBatch`` in chunks of up to 100 items (the service's
  limit). Each item carries ``Id``, ``ChannelType``, ``Address`` and ``EndpointStatus`` copied
  from the ``GetEndpoint`` response, plus ``OptOut = "ALL"``: Pinpoint rejects endpoint updates
  without an address, and copying the status keeps an inactive endpoint inactive. Note that
  Pinpoint marks other endpoints with the same address ``INACTIVE`` when one is updated, which
  matches the intent here: the address bounced, complained or opted out.
- Throttling is retried with :func:`common.aws.call_with_backoff`. A record whose opt-out still
  fails (throttled past the retries, a server error, or a request the service rejects) is
  reported by sequence number in ``batchItemFailures``, so Lambda retries or bisects it and
  finally hands it to the on-failure destination. If a whole chunk is rejected as a bad
  request, its items are retried one by one with ``UpdateEndpoint`` so that one bad endpoint
  does not fail the other 99.
- Time: no Pinpoint call, and no throttling backoff, starts with less than
  :data:`TIME_RESERVE_MS` of the invocation left, and reading endpoints stops while the time
  left would not cover sending what has been read; one call, botocore's own retries included,
  is bounded by :data:`CLIENT_CONFIG`. What is not done in time is reported for a retry.
"""

from __future__ import annotations

import json
import logging
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from botocore.config import Config as BotocoreConfig
from botocore.exceptions import BotoCoreError, ClientError
from common.aws import call_with_backoff, is_not_found, is_throttling, service_message
from common.kinesis import decode_record
from engagement_metrics.classify import get

LOGGER = logging.getLogger(__name__)

#: Event types that opt an endpoint out unless ``OPT_OUT_EVENT_TYPES`` says otherwise.
DEFAULT_OPT_OUT_EVENT_TYPES: tuple[str, ...] = (
    "_email.hardbounce",
    "_email.complaint",
    "_email.unsubscribe",
    "_SMS.OPTOUT",
)

#: ``UpdateEndpointsBatch`` accepts at most 100 endpoints per request.
MAX_BATCH_ITEMS = 100

#: botocore settings of the processor's Pinpoint client: one call, retries included, ends
#: within :data:`CALL_BUDGET_MS` (2 attempts x (2 s connect + 5 s read) + at most 1 s of
#: botocore's backoff between them). The shared client's settings (8 attempts, 20 s reads) could
#: hold one call for minutes, past the function's timeout.
CLIENT_CONFIG = BotocoreConfig(
    retries={"mode": "adaptive", "total_max_attempts": 2},
    connect_timeout=2,
    read_timeout=5,
)
#: The longest one Pinpoint call may take with :data:`CLIENT_CONFIG`.
CALL_BUDGET_MS = 15_000

#: No Pinpoint call (and no throttling backoff) starts when the invocation has less time left
#: than this: one call's budget plus room to log the summary and return. The records not yet
#: handled are reported as failures and retried, instead of timing out.
TIME_RESERVE_MS = CALL_BUDGET_MS + 5_000

#: Counters reported in every summary, in this order, even when zero.
COUNTERS: tuple[str, ...] = (
    "records",
    "malformed",
    "no_action",
    "other_application",
    "opt_out_events",
    "duplicate_events",
    "endpoints_not_found",
    "already_opted_out",
    "address_changed",
    "opted_out",
    "failed_endpoints",
    "failed_records",
    "get_endpoint_calls",
    "update_endpoints_batch_calls",
    "update_endpoint_calls",
)


@dataclass(frozen=True)
class Config:
    """What the processor acts on."""

    application_id: str
    opt_out_event_types: frozenset[str] = frozenset(DEFAULT_OPT_OUT_EVENT_TYPES)

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> Config:
        """Read ``APPLICATION_ID`` and ``OPT_OUT_EVENT_TYPES``; raise ``ValueError`` if invalid."""
        application_id = env.get("APPLICATION_ID", "").strip()
        if not application_id:
            raise ValueError("APPLICATION_ID must be set to the Pinpoint project id, got ''")
        raw_types = env.get("OPT_OUT_EVENT_TYPES")
        if raw_types is None or not raw_types.strip():
            return cls(application_id)
        types = frozenset(t.strip() for t in raw_types.split(",") if t.strip())
        return cls(application_id, types)


@dataclass
class BatchResult:
    """The outcome of one batch: failed sequence numbers and counters."""

    failed_sequence_numbers: list[str] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)

    def response(self) -> dict[str, list[dict[str, str]]]:
        """The partial batch response Lambda expects with ``ReportBatchItemFailures``."""
        return {"batchItemFailures": [{"itemIdentifier": s} for s in self.failed_sequence_numbers]}

    def summary(self) -> dict[str, int]:
        """Every counter, zero or not, for one log line per batch."""
        return {name: self.counts[name] for name in COUNTERS}


@dataclass
class _Target:
    """One endpoint to opt out, with every record that asked for it."""

    endpoint_id: str
    sequence_numbers: list[str] = field(default_factory=list)
    destinations: set[str] = field(default_factory=set)


def process_records(
    records: Iterable[Mapping[str, Any]],
    client: Any,
    config: Config,
    *,
    time_left_ms: Callable[[], int] | None = None,
    sleep: Callable[[float], None] = time.sleep,
    attempts: int = 5,
) -> BatchResult:
    """Opt out the endpoints named by opt-out events among Kinesis ``records``.

    ``client`` is a boto3 Pinpoint client. ``time_left_ms`` is the Lambda context's
    ``get_remaining_time_in_millis``; ``sleep`` and ``attempts`` tune the throttling backoff.
    """
    result = BatchResult()
    order: list[str] = []
    targets = _collect_targets(records, config, result, order)

    def low_on_time(needed_ms: float = 0) -> bool:
        """Whether less than the reserve plus ``needed_ms`` is left."""
        return time_left_ms is not None and time_left_ms() < TIME_RESERVE_MS + needed_ms

    def call(fn: Callable[..., Any], **kwargs: Any) -> Any:
        return call_with_backoff(
            fn,
            attempts=attempts,
            sleep=sleep,
            give_up=lambda delay: low_on_time(delay * 1000),
            **kwargs,
        )

    failed: set[str] = set()
    items: list[tuple[_Target, dict[str, Any]]] = []
    pending = list(targets.values())
    for index, target in enumerate(pending):
        # Keep time for the UpdateEndpointsBatch calls that what is planned (and this) needs.
        chunks = len(items) // MAX_BATCH_ITEMS + 1
        if low_on_time(chunks * CALL_BUDGET_MS):
            _defer(pending[index:], result, failed)
            break
        item = _plan_update(target, client, config, call, result, failed)
        if item is not None:
            items.append((target, item))

    for start in range(0, len(items), MAX_BATCH_ITEMS):
        chunk = items[start : start + MAX_BATCH_ITEMS]
        _send_chunk(chunk, client, config, call, low_on_time, result, failed)

    result.failed_sequence_numbers = [s for s in order if s in failed]
    result.counts["failed_records"] = len(result.failed_sequence_numbers)
    return result


def _collect_targets(
    records: Iterable[Mapping[str, Any]],
    config: Config,
    result: BatchResult,
    order: list[str],
) -> dict[str, _Target]:
    """Decode the records and group the opt-out events of this project by endpoint."""
    targets: dict[str, _Target] = {}
    for record in records:
        result.counts["records"] += 1
        sequence_number, event, problem = decode_record(record)
        if sequence_number is not None:
            order.append(sequence_number)
        if event is None or sequence_number is None:
            result.counts["malformed"] += 1
            LOGGER.warning(
                json.dumps(
                    {"skipped": "malformed", "sequenceNumber": sequence_number, "why": problem}
                )
            )
            continue
        event_type = event.get("event_type")
        if not isinstance(event_type, str) or not event_type:
            result.counts["malformed"] += 1
            LOGGER.warning(
                json.dumps(
                    {
                        "skipped": "malformed",
                        "sequenceNumber": sequence_number,
                        "why": "no event_type",
                    }
                )
            )
            continue
        if event_type not in config.opt_out_event_types or _not_spam(event):
            result.counts["no_action"] += 1
            continue
        app_id = get(event, "application", "app_id")
        endpoint_id = get(event, "client", "client_id")
        if not isinstance(app_id, str) or not isinstance(endpoint_id, str) or not endpoint_id:
            result.counts["malformed"] += 1
            LOGGER.warning(
                json.dumps(
                    {
                        "skipped": "malformed",
                        "sequenceNumber": sequence_number,
                        "why": "no application.app_id or client.client_id",
                    }
                )
            )
            continue
        if app_id != config.application_id:
            result.counts["other_application"] += 1
            continue
        result.counts["opt_out_events"] += 1
        target = targets.get(endpoint_id)
        if target is None:
            target = targets[endpoint_id] = _Target(endpoint_id)
        else:
            result.counts["duplicate_events"] += 1
        target.sequence_numbers.append(sequence_number)
        target.destinations.update(_destinations(event))
    return targets


def _destinations(event: Mapping[str, Any]) -> set[str]:
    """The addresses the message was sent to: email ``mail.destination`` or SMS number."""
    found: set[str] = set()
    emails = get(event, "facets", "email_channel", "mail_event", "mail", "destination")
    if isinstance(emails, list):
        found.update(_normalise(e) for e in emails if isinstance(e, str) and e.strip())
    phone = get(event, "attributes", "destination_phone_number")
    if isinstance(phone, str) and phone.strip():
        found.add(_normalise(phone))
    return found


def _normalise(address: str) -> str:
    """Compare addresses case-insensitively; ``Name <a@example.com>`` counts as the bare address."""
    address = address.strip()
    if "<" in address and address.endswith(">"):
        address = address[address.rindex("<") + 1 : -1]
    return address.strip().lower()


def _plan_update(
    target: _Target,
    client: Any,
    config: Config,
    call: Callable[..., Any],
    result: BatchResult,
    failed: set[str],
) -> dict[str, Any] | None:
    """Read the endpoint and return its batch item, or ``None`` if there is nothing to do."""
    result.counts["get_endpoint_calls"] += 1
    try:
        response = call(
            client.get_endpoint, ApplicationId=config.application_id, EndpointId=target.endpoint_id
        )
    except ClientError as error:
        if is_not_found(error):
            result.counts["endpoints_not_found"] += 1
            LOGGER.info(
                json.dumps({"skipped": "endpoint not found", "endpointId": target.endpoint_id})
            )
            return None
        _fail(target, service_message(error), result, failed)
        return None
    except BotoCoreError as error:
        _fail(target, str(error), result, failed)
        return None

    endpoint = response.get("EndpointResponse", {})
    if endpoint.get("OptOut") == "ALL":
        result.counts["already_opted_out"] += 1
        return None
    address = endpoint.get("Address")
    if target.destinations and (
        not isinstance(address, str) or _normalise(address) not in target.destinations
    ):
        result.counts["address_changed"] += 1
        LOGGER.info(
            json.dumps(
                {"skipped": "address changed since the message", "endpointId": target.endpoint_id}
            )
        )
        return None
    item: dict[str, Any] = {"Id": target.endpoint_id, "OptOut": "ALL"}
    for key in ("ChannelType", "Address", "EndpointStatus"):
        if endpoint.get(key):
            item[key] = endpoint[key]
    return item


def _send_chunk(
    chunk: list[tuple[_Target, dict[str, Any]]],
    client: Any,
    config: Config,
    call: Callable[..., Any],
    low_on_time: Callable[[], bool],
    result: BatchResult,
    failed: set[str],
) -> None:
    """Opt out one chunk (<= 100 endpoints) with one ``UpdateEndpointsBatch`` call."""
    if low_on_time():
        _defer([target for target, _item in chunk], result, failed)
        return
    result.counts["update_endpoints_batch_calls"] += 1
    try:
        call(
            client.update_endpoints_batch,
            ApplicationId=config.application_id,
            EndpointBatchRequest={"Item": [item for _target, item in chunk]},
        )
    except ClientError as error:
        if _is_bad_request(error) and len(chunk) > 1:
            LOGGER.warning(
                "UpdateEndpointsBatch rejected %d items (%s); retrying them one by one",
                len(chunk),
                service_message(error),
            )
            for index, (target, item) in enumerate(chunk):
                if low_on_time():
                    _defer([t for t, _item in chunk[index:]], result, failed)
                    return
                _send_one(target, item, client, config, call, result, failed)
            return
        for target, _item in chunk:
            _fail(target, service_message(error), result, failed)
        return
    except BotoCoreError as error:
        for target, _item in chunk:
            _fail(target, str(error), result, failed)
        return
    for target, _item in chunk:
        _opted_out(target, result)


def _send_one(
    target: _Target,
    item: dict[str, Any],
    client: Any,
    config: Config,
    call: Callable[..., Any],
    result: BatchResult,
    failed: set[str],
) -> None:
    """Opt out one endpoint with ``UpdateEndpoint`` (used only to isolate a rejected chunk)."""
    request = {key: value for key, value in item.items() if key != "Id"}
    result.counts["update_endpoint_calls"] += 1
    try:
        call(
            client.update_endpoint,
            ApplicationId=config.application_id,
            EndpointId=target.endpoint_id,
            EndpointRequest=request,
        )
    except ClientError as error:
        _fail(target, service_message(error), result, failed)
        return
    except BotoCoreError as error:
        _fail(target, str(error), result, failed)
        return
    _opted_out(target, result)


def _is_bad_request(error: ClientError) -> bool:
    """A 4xx other than throttling: the request itself was rejected, not the rate."""
    status = error.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
    return isinstance(status, int) and 400 <= status < 500 and not is_throttling(error)


def _opted_out(target: _Target, result: BatchResult) -> None:
    result.counts["opted_out"] += 1
    LOGGER.info(
        json.dumps({"optedOut": target.endpoint_id, "records": len(target.sequence_numbers)})
    )


def _defer(targets: list[_Target], result: BatchResult, failed: set[str]) -> None:
    LOGGER.warning("low on time: deferring %d endpoints to a retry", len(targets))
    for target in targets:
        _fail(target, "deferred: invocation low on time", result, failed)


def _fail(target: _Target, why: str, result: BatchResult, failed: set[str]) -> None:
    result.counts["failed_endpoints"] += 1
    failed.update(target.sequence_numbers)
    LOGGER.error(
        json.dumps(
            {"failed": target.endpoint_id, "sequenceNumbers": target.sequence_numbers, "why": why}
        )
    )


def _not_spam(event: Mapping[str, Any]) -> bool:
    """Whether ``event`` is a complaint that says the message is not spam."""
    feedback = get(
        event, "facets", "email_channel", "mail_event", "complaint", "complaint_feedback_type"
    )
    return event.get("event_type") == "_email.complaint" and feedback == "not-spam"
