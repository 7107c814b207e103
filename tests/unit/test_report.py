"""The offline report: reading events (bad lines reported, nothing lost), figures, HTML."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pinpoint_constructs.cli.report import compute_figures, load_events, main, render_html

FIXTURES = sorted((Path(__file__).resolve().parents[1] / "fixtures" / "events").glob("*.json"))
REPO = Path(__file__).resolve().parents[2]


def write_events(path: Path, extra: list[str] = ()) -> Path:
    lines = [json.dumps(json.loads(p.read_text())) for p in FIXTURES]
    path.write_text("\n".join([*lines, *extra]) + "\n")
    return path


def test_every_sample_event_is_read(tmp_path):
    loaded = load_events([write_events(tmp_path / "events.jsonl")])
    assert len(loaded.events) == len(FIXTURES) and loaded.skipped == []


def test_bad_lines_are_skipped_with_file_and_line_and_nothing_else_is_lost(tmp_path):
    path = write_events(
        tmp_path / "events.jsonl",
        [
            '{"event_type": "_email.open"',
            "[1, 2]",
            '{"event_timestamp": 1}',
            '{"event_type": "_x"}',
        ],
    )
    loaded = load_events([path])
    assert len(loaded.events) == len(FIXTURES)
    n = len(FIXTURES)
    assert [str(s) for s in loaded.skipped] == [
        f"{path}:{n + 1}: not JSON (Expecting ',' delimiter at column 29)",
        f"{path}:{n + 2}: not a JSON object (a list)",
        f"{path}:{n + 3}: missing field event_type",
        f"{path}:{n + 4}: missing field event_timestamp (and arrival_timestamp)",
    ]


def test_gzip_files_and_concatenated_objects_are_read(tmp_path):
    one, two = (json.dumps(json.loads(p.read_text())) for p in FIXTURES[:2])
    path = tmp_path / "part.gz"
    path.write_bytes(gzip.compress(f"{one}{two}\n".encode()))
    loaded = load_events([path])
    assert [e["event_type"] for e in loaded.events] == [
        json.loads(p.read_text())["event_type"] for p in FIXTURES[:2]
    ]


def test_figures_match_the_metrics_functions_rules(tmp_path):
    loaded = load_events([write_events(tmp_path / "events.jsonl")])
    figures = compute_figures(loaded.events)
    assert figures.by_metric["EmailSends"] == 1 and figures.by_metric["SmsOptOuts"] == 1
    campaign = figures.per_campaign["52dc44b35c4742c98c5935269example"]
    assert (campaign["EmailOpens"], campaign["EmailClicks"], campaign["EmailComplaints"]) == (
        1,
        1,
        1,
    )
    assert figures.per_journey["546401670c5547b08811ac6a9example"]["JourneySends"] == 1
    assert figures.failures["Sms/UNREACHABLE"] == 1
    assert figures.smtp_reasons["smtp; 452 4.2.2 Mailbox full"] == 1
    (day,) = [row for row in figures.rates() if row[1]]
    assert day == ("2019-08-01", 1, 1.0, 1.0)


def test_html_is_self_contained(tmp_path):
    loaded = load_events([write_events(tmp_path / "events.jsonl")])
    page = render_html(loaded, compute_figures(loaded.events), title="T <&>")
    assert "<script" not in page and "http://" not in page.replace("http://www.w3.org/2000/svg", "")
    assert "https://" not in page.replace("https://aws.amazon.com/pinpoint/", "")
    assert "default-src 'none'" in page and "<title>T &lt;&amp;&gt;</title>" in page


def test_cli_writes_the_report_and_lists_skipped_lines(tmp_path, capsys):
    path = write_events(tmp_path / "events.jsonl", ["oops"])
    out = tmp_path / "report.html"
    assert main([str(path), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert f"skipped {path}:{len(FIXTURES) + 1}: not JSON" in err
    assert f"{len(FIXTURES)} events, 1 line(s) skipped" in err
    assert "1 input line(s) skipped" in out.read_text()


def test_cli_strict_fails_without_writing(tmp_path, capsys):
    path = write_events(tmp_path / "events.jsonl", ["oops"])
    out = tmp_path / "report.html"
    assert main([str(path), "-o", str(out), "--strict"]) == 1
    assert "no report written (--strict)" in capsys.readouterr().err
    assert not out.exists()


def test_cli_missing_file_is_a_clear_error(tmp_path, capsys):
    assert main([str(tmp_path / "nope.jsonl"), "-o", str(tmp_path / "r.html")]) == 2
    assert "No such file or directory" in capsys.readouterr().err


def test_cli_requires_an_output(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["events.jsonl"])
    assert exit_info.value.code == 2
    assert "-o/--output" in capsys.readouterr().err


def test_python_dash_m_runs_the_module(tmp_path):
    path = write_events(tmp_path / "events.jsonl")
    out = tmp_path / "report.html"
    result = subprocess.run(
        [sys.executable, "-m", "pinpoint_constructs.cli.report", str(path), "-o", str(out)],
        cwd=REPO,
        env={**os.environ, "JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION": "1"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Events by type" in out.read_text()
