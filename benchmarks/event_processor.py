"""Benchmark the engagement event processor on one large Kinesis batch.

Run from the repository root: ``python benchmarks/event_processor.py``.

10,000 records in the documented Pinpoint event shapes (tests/fixtures/events), 5% of them
opt-out events (hard bounce, complaint, unsubscribe, SMS opt-out) for distinct endpoints that
exist and are opted in; the rest are delivery events. The Pinpoint client is a real boto3
client with every response queued on a botocore Stubber, so each request is still validated
against the Pinpoint model, but nothing leaves the process: the time measured is the
processor's own work (decoding, grouping, request building, botocore validation), not
network latency. Prints records per second and Pinpoint calls per opted-out endpoint.
"""

from __future__ import annotations

import base64
import copy
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "pinpoint_constructs" / "handlers"))

# Offline: fixed region, fake credentials; the Stubber answers every call in-process.
os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
os.environ.setdefault("AWS_ACCESS_KEY_ID", "benchmark")
os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "benchmark")

import boto3  # noqa: E402
from botocore.stub import Stubber  # noqa: E402
from event_processor.logic import MAX_BATCH_ITEMS, Config, process_records  # noqa: E402

RECORDS = 10_000
OPT_OUT_SHARE = 0.05
FIXTURES = ROOT / "tests" / "fixtures" / "events"
OPT_OUT_FIXTURES = ("email_hardbounce", "email_complaint", "email_unsubscribe", "sms_optout")


def load(name: str) -> dict[str, Any]:
    return json.loads((FIXTURES / f"{name}.json").read_text())


def record(event: dict[str, Any], sequence_number: str) -> dict[str, Any]:
    data = base64.b64encode(json.dumps(event).encode()).decode()
    return {
        "kinesis": {"sequenceNumber": sequence_number, "data": data, "partitionKey": "pk"},
        "eventSource": "aws:kinesis",
    }


def address_of(event: dict[str, Any]) -> tuple[str, str]:
    if event["event_type"].startswith("_SMS."):
        return event["attributes"]["destination_phone_number"], "SMS"
    return event["facets"]["email_channel"]["mail_event"]["mail"]["destination"][0], "EMAIL"


def build_batch(app_id: str) -> tuple[list[dict[str, Any]], list[tuple[str, str, str]]]:
    """The records, and (endpoint id, address, channel) of each opt-out, in batch order."""
    templates = [load(name) for name in OPT_OUT_FIXTURES]
    delivered = load("email_delivered")
    every = round(1 / OPT_OUT_SHARE)
    records: list[dict[str, Any]] = []
    opt_outs: list[tuple[str, str, str]] = []
    for i in range(RECORDS):
        if i % every == 0:
            event = copy.deepcopy(templates[len(opt_outs) % len(templates)])
            endpoint_id = f"endpoint-{i:05d}"
            address, channel = address_of(event)
            opt_outs.append((endpoint_id, address, channel))
        else:
            event = copy.deepcopy(delivered)
            endpoint_id = f"endpoint-{i:05d}"
        event["application"]["app_id"] = app_id
        event["client"]["client_id"] = endpoint_id
        records.append(
            record(event, f"{49590338271490256608559692538361571095921575989136588898 + i}")
        )
    return records, opt_outs


def queue_responses(stub: Stubber, app_id: str, opt_outs: list[tuple[str, str, str]]) -> None:
    items = []
    for endpoint_id, address, channel in opt_outs:
        stub.add_response(
            "get_endpoint",
            {
                "EndpointResponse": {
                    "Id": endpoint_id,
                    "Address": address,
                    "ChannelType": channel,
                    "EndpointStatus": "ACTIVE",
                    "OptOut": "NONE",
                }
            },
            {"ApplicationId": app_id, "EndpointId": endpoint_id},
        )
        items.append(
            {
                "Id": endpoint_id,
                "OptOut": "ALL",
                "ChannelType": channel,
                "Address": address,
                "EndpointStatus": "ACTIVE",
            }
        )
    for start in range(0, len(items), MAX_BATCH_ITEMS):
        stub.add_response(
            "update_endpoints_batch",
            {"MessageBody": {"Message": "Accepted", "RequestID": f"req-{start}"}},
            {
                "ApplicationId": app_id,
                "EndpointBatchRequest": {"Item": items[start : start + MAX_BATCH_ITEMS]},
            },
        )


def main() -> None:
    app_id = "a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6"
    records, opt_outs = build_batch(app_id)
    client = boto3.client("pinpoint", region_name="us-east-1")
    calls: Counter[str] = Counter()

    def count_call(model: Any, **_kwargs: Any) -> None:
        calls[model.name] += 1

    client.meta.events.register("before-parameter-build.pinpoint", count_call)

    with Stubber(client) as stub:
        queue_responses(stub, app_id, opt_outs)
        started = time.perf_counter()
        result = process_records(records, client, Config(app_id))
        elapsed = time.perf_counter() - started
        stub.assert_no_pending_responses()

    if result.failed_sequence_numbers or result.counts["opted_out"] != len(opt_outs):
        raise SystemExit(f"unexpected result: {result.summary()}")

    opted_out = result.counts["opted_out"]
    total_calls = sum(calls.values())
    print(f"records:                         {len(records):,}")
    print(f"opt-out records:                 {len(opt_outs):,} ({OPT_OUT_SHARE:.0%})")
    print(f"endpoints opted out:             {opted_out:,}")
    print(f"elapsed:                         {elapsed:.3f} s")
    print(f"records per second:              {len(records) / elapsed:,.0f}")
    breakdown = ", ".join(f"{name} {count}" for name, count in sorted(calls.items()))
    print(f"Pinpoint calls:                  {total_calls:,} ({breakdown})")
    print(f"Pinpoint calls per opted-out endpoint: {total_calls / opted_out:.2f}")
    print("(stubbed client: no network latency is included in the rate above)")


if __name__ == "__main__":
    main()
