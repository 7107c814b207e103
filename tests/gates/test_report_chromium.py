"""The offline report renders in headless Chromium, with no network, and shows its figures.

Needs the Debian package ``chromium`` (``/usr/bin/chromium``; ``.ci/run`` installs it when it
can); the test is skipped, saying so, where no Chromium is installed.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from pinpoint_constructs.cli.report import main

FIXTURES = sorted((Path(__file__).resolve().parents[1] / "fixtures" / "events").glob("*.json"))
CHROMIUM = shutil.which("chromium") or (
    "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None
)
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="headless Chromium is not installed (apt-get install chromium); "
    "the report's rendering test needs it",
)


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: dict[str, str] = {}
        self.tags: dict[str, int] = {}
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] = self.tags.get(tag, 0) + 1
        for name, value in attrs:
            if name == "id" and value:
                self.ids[value] = tag

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _render(html_file: Path, tmp_path: Path) -> _Collector:
    assert CHROMIUM is not None
    result = subprocess.run(
        [
            CHROMIUM,
            *FLAGS,
            f"--user-data-dir={tmp_path / 'profile'}",
            "--dump-dom",
            html_file.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    collector = _Collector()
    collector.feed(result.stdout)
    return collector


def test_report_renders_with_its_charts_and_figures(tmp_path):
    events = tmp_path / "events.jsonl"
    lines = [json.dumps(json.loads(p.read_text())) for p in FIXTURES]
    events.write_text("\n".join([*lines, "{not json"]) + "\n")
    out = tmp_path / "report.html"
    assert main([str(events), "-o", str(out), "--title", "Engagement test"]) == 0

    dom = _render(out, tmp_path)
    text = " ".join(dom.text)
    assert "Engagement test" in text
    assert f"{len(FIXTURES)} events from 1 file(s)" in text
    assert "1 input line(s) skipped" in text and f"events.jsonl:{len(FIXTURES) + 1}" in text
    for chart in ("chart-events", "chart-bounce-rate", "chart-complaint-rate", "chart-failures"):
        assert dom.ids.get(chart) == "svg", chart
    assert dom.tags["rect"] >= 10 and dom.tags.get("polyline", 0) == 2
    assert "SES review 5%" in text and "SES review 0.1%" in text
    assert "52dc44b35c4742c98c5935269example" in text
    assert "smtp; 452 4.2.2 Mailbox full" in text
    assert "_SMS.FAILURE UNREACHABLE" in text
    assert dom.tags.get("script", 0) == 0
