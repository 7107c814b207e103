#!/usr/bin/env python3
"""Template-rendering channel: one 50-endpoint invocation vs. one endpoint, against local
stand-ins for Pinpoint, SES v2 and AWS End User Messaging SMS that answer after 20 ms.

    python benchmarks/template_channel.py [--repeat N]

The stand-ins (``tests/handlers/_aws_stand_in.py``) run in their own process on 127.0.0.1;
the renderer talks to them through boto3 clients created with ``endpoint_url`` and the
function's own settings (``index.send_client_config``: one attempt per call, a connection
per worker; fake credentials; nothing calls AWS). For email (the welcome template: subject,
HTML, text, defaults, helpers) and SMS it measures, warm (templates cached, connections
open), the best of ``--repeat`` runs of a 1-endpoint and a 50-endpoint invocation in the
same run, and prints the ratio the issue bounds (50 endpoints <= 3x one endpoint), with the
CPU time per endpoint that explains it: the 50 requests are in flight together, but the CPU
each boto3 call spends before its request is sent (about 1 ms: validation, serialization,
signing, urllib3) runs under the GIL, one call after another.
"""

from __future__ import annotations

import argparse
import atexit
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
HANDLERS_ROOT = REPO_ROOT / "pinpoint_constructs" / "handlers"
sys.path[:0] = [str(HANDLERS_ROOT), str(REPO_ROOT / "tests" / "handlers")]
# The asset ships pinpoint_constructs/handlebars as a top-level package; so does this run.
_EXTRAS = Path(tempfile.mkdtemp(prefix="pinpoint-bench-"))
(_EXTRAS / "handlebars").symlink_to(
    REPO_ROOT / "pinpoint_constructs" / "handlebars", target_is_directory=True
)
atexit.register(shutil.rmtree, _EXTRAS, ignore_errors=True)
sys.path.append(str(_EXTRAS))

import boto3  # noqa: E402
from _aws_stand_in import AwsStandIn  # noqa: E402
from template_renderer.index import TEMPLATE_CLIENT_CONFIG, send_client_config  # noqa: E402
from template_renderer.logic import RendererConfig, TemplateRenderer, handle  # noqa: E402

ENDPOINTS = 50
LATENCY_SECONDS = 0.020

TEMPLATES = {
    "welcome/EMAIL": {
        "TemplateName": "welcome",
        "TemplateType": "EMAIL",
        "CreationDate": "2026-01-01T00:00:00Z",
        "LastModifiedDate": "2026-01-01T00:00:00Z",
        "Subject": "Welcome, {{User.UserAttributes.FirstName}}",
        "HtmlPart": "<p>Hi {{capitalize User.UserAttributes.FirstName}},</p>"
        "{{#if (eq Attributes.Plan.[0] 'gold')}}<p>Gold!</p>{{else}}<p>{{Attributes.Plan}}</p>"
        "{{/if}}<p>{{#each Attributes.Interests}}{{upper this}} {{/each}}</p>",
        "TextPart": "Hi {{User.UserAttributes.FirstName}}",
        "DefaultSubstitutions": json.dumps({"User.UserAttributes.FirstName": "there"}),
        "Version": "1",
    },
    "offer/SMS": {
        "TemplateName": "offer",
        "TemplateType": "SMS",
        "CreationDate": "2026-01-01T00:00:00Z",
        "LastModifiedDate": "2026-01-01T00:00:00Z",
        "Body": "{{User.UserAttributes.FirstName}}, 20% off this week. Reply STOP to opt out.",
        "Version": "1",
    },
}


class _Context:
    def get_remaining_time_in_millis(self) -> int:
        return 12_000


def _event(count: int, channel: str) -> dict[str, Any]:
    def endpoint(i: int) -> dict[str, Any]:
        user = {"UserId": f"u-{i}", "UserAttributes": {"FirstName": [f"user{i}"]}}
        if channel == "EMAIL":
            attributes = {"Plan": ["gold" if i % 2 else "free"], "Interests": ["a", "b"]}
            return {
                "ChannelType": "EMAIL",
                "Address": f"user{i}@example.com",
                "Attributes": attributes,
                "User": user,
            }
        return {"ChannelType": "SMS", "Address": f"+1206555{i:04d}", "User": user}

    return {
        "ApplicationId": "bench-app",
        "CampaignId": "bench-campaign",
        "Data": json.dumps({"template": "welcome" if channel == "EMAIL" else "offer"}),
        "Endpoints": {f"endpoint-{i}": endpoint(i) for i in range(count)},
    }


def _timed(renderer: TemplateRenderer, count: int, channel: str) -> tuple[float, float]:
    event = _event(count, channel)
    cpu, wall = time.process_time(), time.perf_counter()
    result = handle(event, _Context(), renderer, log=lambda _line: None)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    if len(result["delivered"]) != count:
        raise SystemExit(f"benchmark invalid: {result['failed']}")
    return wall, cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args(argv)
    with AwsStandIn(TEMPLATES, latency=LATENCY_SECONDS) as aws:
        options = {
            "region_name": "us-east-1",
            "endpoint_url": aws.url,
            "aws_access_key_id": "bench",
            "aws_secret_access_key": "bench",
        }
        clients = {
            "pinpoint": boto3.client("pinpoint", config=TEMPLATE_CLIENT_CONFIG, **options),
            "ses": boto3.client("sesv2", config=send_client_config(ENDPOINTS), **options),
            "sms": boto3.client(
                "pinpoint-sms-voice-v2", config=send_client_config(ENDPOINTS), **options
            ),
        }
        print(f"stand-in latency per send: {LATENCY_SECONDS * 1000:.0f} ms (127.0.0.1)")
        renderer = TemplateRenderer(
            RendererConfig(
                templates={"EMAIL": frozenset({"welcome"}), "SMS": frozenset({"offer"})},
                from_address="Example <news@example.com>",
                sms_origination_identity="pool-bench",
                max_concurrency=ENDPOINTS,
            ),
            **clients,
        )
        try:
            for channel in ("EMAIL", "SMS"):
                _timed(renderer, ENDPOINTS, channel)  # warm: template cached, pool open
                one = min(_timed(renderer, 1, channel) for _ in range(args.repeat))
                fifty = min(_timed(renderer, ENDPOINTS, channel) for _ in range(args.repeat))
                print(
                    f"boto3 {channel:5s}: 1 endpoint {one[0] * 1000:6.1f} ms, {ENDPOINTS} "
                    f"endpoints {fifty[0] * 1000:6.1f} ms -> {fifty[0] / one[0]:4.2f}x "
                    f"(bound <= 3x); CPU {fifty[1] / ENDPOINTS * 1000:4.2f} ms per endpoint"
                )
        finally:
            renderer.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
