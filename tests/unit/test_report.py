"""The offline report: reading every event source from folders (bad lines listed with
file:line, nothing lost), the figures and the review-line rule, the page, the command line."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pinpoint_constructs.analytics.report.events import classify, load
from pinpoint_constructs.analytics.report.figures import compute, flag, kpis, min_sends
from pinpoint_constructs.cli.report import main

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "events"
PINPOINT = sorted(FIXTURES.glob("*.json"))
REPO = Path(__file__).resolve().parents[2]


def ses(event_type: str, message: str = "m-1", day: str = "2026-12-01", **extra) -> dict:
    mail = {"timestamp": f"{day}T10:00:00.000Z", "messageId": message, "tags": {}}
    return {"eventType": event_type, "mail": mail, **extra}


def test_every_source_of_the_fixtures_is_read():
    loaded = load([FIXTURES])
    assert loaded.skipped == []
    by_source = {e.source for e in loaded.events}
    assert by_source == {"pinpoint", "ses", "sms_voice", "connect"}
    # 13 Pinpoint files, 10 documented SES records, 3 SMS records, 1 Connect contact event.
    assert len(loaded.events) == len(PINPOINT) + 10 + 3 + 1
    (connect,) = [e for e in loaded.events if e.source == "connect"]
    assert (connect.channel, connect.kind) == ("voice", "delivered")


def test_bad_lines_are_listed_with_file_and_line(tmp_path):
    path = tmp_path / "events.jsonl"
    path.write_text(
        "\n".join(
            [
                json.dumps(ses("Send")),
                '{"eventType": "Send"',
                "[1, 2]",
                '{"hello": "world"}',
                json.dumps({"eventType": "Send", "mail": {}}),
                '{"event_type": "_email.send"}',
            ]
        )
        + "\n"
    )
    loaded = load([path])
    assert len(loaded.events) == 1
    assert [str(s) for s in loaded.skipped] == [
        f"{path}:2: not JSON (Expecting ',' delimiter at column 21)",
        f"{path}:3: not a JSON object (a list)",
        f"{path}:4: not an event of a known source (Pinpoint, SES, End User Messaging, Connect)",
        f"{path}:5: SES event without mail.timestamp",
        f"{path}:6: missing field event_timestamp (and arrival_timestamp)",
    ]


def test_folders_gzip_and_concatenated_objects(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    one, two = json.dumps(ses("Send", "m-1")), json.dumps(ses("Delivery", "m-1"))
    (tmp_path / "a" / "b" / "part.gz").write_bytes(gzip.compress(f"{one}{two}\n".encode()))
    (tmp_path / "a" / "notes.txt").write_text("not read")
    loaded = load([tmp_path])
    assert [e.kind for e in loaded.events] == ["sent", "delivered"]
    assert loaded.files == [str(tmp_path / "a" / "b" / "part.gz")]


def test_eventbridge_sms_and_connect_events():
    sms = classify(
        {
            "detail-type": "Text Message Delivery Status Updated",
            "source": "aws.sms-voice",
            "detail": {
                "eventType": "TEXT_DELIVERED",
                "eventTimestamp": 1729099299998,
                "messageStatus": "DELIVERED",
                "messageId": "x",
            },
        }
    )
    assert (sms.source, sms.channel, sms.kind, sms.day) == (
        "sms_voice",
        "sms",
        "delivered",
        "2024-10-16",
    )
    connect = classify(
        {
            "detail-type": "Amazon Connect Contact Event",
            "source": "aws.connect",
            "time": "2026-12-01T10:00:00Z",
            "detail": {
                "eventType": "INITIATED",
                "channel": "VOICE",
                "contactId": "c-1",
                "campaign": {"campaignId": "camp-1"},
            },
        }
    )
    assert (connect.source, connect.channel, connect.kind, connect.campaign_id) == (
        "connect",
        "voice",
        "sent",
        "camp-1",
    )
    assert classify({"detail-type": "x", "source": "aws.ec2", "detail": {}}) == (
        "EventBridge event of source 'aws.ec2' is not a known source"
    )


def test_messages_are_counted_once_and_rates_follow_ses():
    events = [
        classify(ses("Send")),
        classify(ses("Delivery")),
        classify(ses("Open")),
        classify(ses("Open")),
        classify(ses("Send", "m-2")),
        classify(
            ses(
                "Bounce",
                "m-2",
                bounce={
                    "bounceType": "Permanent",
                    "bouncedRecipients": [{"diagnosticCode": "smtp; 550"}],
                },
            )
        ),
        classify(ses("Send", "m-3")),
        classify(ses("Bounce", "m-3", bounce={"bounceType": "Transient"})),
    ]
    figures = compute(events)
    tiles = dict((label, value) for label, value, _ in kpis(figures.total))
    assert tiles["Sent"] == "3" and tiles["Open rate"] == "100.00%"
    assert tiles["Bounce rate"] == "33.33%"  # hard bounces only
    assert figures.reasons[("email bounced", "smtp; 550")] == 1


def test_review_line_flags_need_volume():
    assert min_sends(0.05) == 200 and min_sends(0.001) == 10_000
    assert flag(0.06, 199, 0.05) == "low volume"
    assert flag(0.06, 200, 0.05) == "flag"
    assert flag(0.04, 5000, 0.05) == ""
    assert flag(0.0011, 10_000, 0.001) == "flag"
    assert flag(None, 0, 0.05) == ""


def test_names_replace_ids_and_treatments_are_compared():
    tags = {"campaign_id": ["c-1"], "campaign_name": ["Winter sale"]}
    events = []
    for n, treatment in enumerate(["A", "B", "B"]):
        event = ses("Send", f"m-{n}")
        event["mail"]["tags"] = {**tags, "treatment_id": [treatment]}
        events.append(classify(event))
    figures = compute(events)
    assert figures.label("c-1") == "Winter sale"
    assert sorted(figures.by_treatment["c-1"]) == ["A", "B"]


def test_page_is_self_contained(tmp_path):
    out = tmp_path / "r.html"
    assert main([str(FIXTURES), "-o", str(out), "--title", "T <&>"]) == 0
    page = out.read_text()
    assert "<title>T &lt;&amp;&gt;</title>" in page
    assert "default-src 'none'" in page
    # No element loads anything (plotly.js is inline; the CSP forbids requests anyway).
    from html.parser import HTMLParser

    loads: list[tuple[str, str]] = []

    class Tags(HTMLParser):
        def handle_starttag(self, tag, attrs):
            loads.extend((tag, v or "") for k, v in attrs if k in ("src", "href"))

    Tags().feed(page)
    assert loads == []
    assert page.count("Plotly.newPlot") >= 5


def test_cli_lists_skipped_lines_and_strict_fails(tmp_path, capsys):
    path = tmp_path / "events.jsonl"
    path.write_text(json.dumps(ses("Send")) + "\noops\n")
    out = tmp_path / "r.html"
    assert main([str(path), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert f"skipped {path}:2: not JSON" in err and "1 events, 1 line(s) skipped" in err
    assert f"{path}:2" in out.read_text()
    assert main([str(path), "-o", str(tmp_path / "s.html"), "--strict"]) == 1
    assert "no report written (--strict)" in capsys.readouterr().err
    assert not (tmp_path / "s.html").exists()


def test_cli_missing_input_and_output(tmp_path, capsys):
    assert main([str(tmp_path / "nope.jsonl"), "-o", str(tmp_path / "r.html")]) == 2
    assert "No such file or directory" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_info:
        main(["events.jsonl"])
    assert exit_info.value.code == 2


def test_python_dash_m_runs_the_module_without_jsii(tmp_path):
    out = tmp_path / "report.html"
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, runpy; sys.argv = ['report', sys.argv[1], '-o', sys.argv[2]];"
            "runpy.run_module('pinpoint_constructs.cli.report', run_name='__main__');",
            str(FIXTURES),
            str(out),
        ],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Funnel per campaign" in out.read_text()
    assert "Node" not in result.stderr
