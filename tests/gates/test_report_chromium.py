"""The offline report renders in headless Chromium, with no network: every section, its Plotly
charts drawn, names instead of ids, skipped lines with file:line, and nothing wider than a
1280-px window.

Needs the Debian package ``chromium`` (``/usr/bin/chromium``; ``.ci/run`` installs it when it
can); the test is skipped, saying so, where no Chromium is installed.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from pinpoint_constructs.cli.report import main

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "events"
EXAMPLE = REPO / "examples" / "report" / "make_sample_events.py"
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
        self.by_id: dict[str, list[str]] = {}
        self._current: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] = self.tags.get(tag, 0) + 1
        for name, value in attrs:
            if name == "id" and value:
                self.ids[value] = tag
        self._current = dict(attrs).get("id")

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._current:
            self.by_id.setdefault(self._current, []).append(data)

    def handle_endtag(self, tag: str) -> None:
        self._current = None

    def texts_of(self, element_id: str) -> str:
        return "".join(self.by_id.get(element_id, []))


def _render(html_file: Path, tmp_path: Path) -> _Collector:
    assert CHROMIUM is not None
    result = subprocess.run(
        [
            CHROMIUM,
            *FLAGS,
            f"--user-data-dir={tmp_path / 'profile'}",
            "--window-size=1280,900",
            "--virtual-time-budget=10000",
            "--dump-dom",
            html_file.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    collector = _Collector()
    collector.feed(result.stdout)
    return collector


# Appended to a copy of the page: after the charts are drawn, write what overflows the
# 1280-px viewport into the DOM, where --dump-dom shows it.
MEASURE = """<script>
window.addEventListener("load", function () {
  var wide = [];
  document.querySelectorAll("table").forEach(function (t) {
    var r = t.getBoundingClientRect();
    if (r.right > document.documentElement.clientWidth + 0.5 || t.scrollWidth > t.clientWidth + 1)
      wide.push(t.id || "table");
  });
  var out = document.createElement("pre");
  out.id = "measure";
  out.textContent = JSON.stringify({
    viewport: document.documentElement.clientWidth,
    pageWidth: document.documentElement.scrollWidth,
    wideTables: wide,
    plots: document.querySelectorAll(".js-plotly-plot .main-svg").length
  });
  document.body.appendChild(out);
});
</script>"""


def test_report_renders_every_source_and_fits_1280_px(tmp_path):
    sample = tmp_path / "sample"
    subprocess.run(
        [sys.executable, str(EXAMPLE), str(sample)], check=True, capture_output=True, text=True
    )
    out = tmp_path / "report.html"
    assert main([str(sample), str(FIXTURES), "-o", str(out), "--title", "Engagement test"]) == 0
    page = out.read_text()
    measured = tmp_path / "measured.html"
    measured.write_text(page.replace("</body>", MEASURE + "</body>"))

    dom = _render(measured, tmp_path)
    text = " ".join(dom.text)
    assert "Engagement test" in text
    assert "sms_voice/part-0001.jsonl:401" in text  # the sample's truncated last line
    for section in (
        "Funnel per campaign",
        "Funnel per journey",
        "Daily email volume and rates",
        "A/B treatments",
        "Failure reasons",
        "Per channel",
    ):
        assert section in text, section
    assert "Winter sale" in text and "Onboarding" in text  # names, not ids
    assert "flag" in text  # 2026-11-29: 8.46% bounces over 260 sends
    for chart in (
        "chart-funnel-campaigns",
        "chart-bounce-rate",
        "chart-complaint-rate",
        "chart-failures",
        "chart-channels",
    ):
        assert dom.ids.get(chart) == "div", chart
    measure = json.loads(dom.texts_of("measure"))
    assert measure["viewport"] == 1280 or measure["viewport"] <= 1280
    assert measure["pageWidth"] <= measure["viewport"], measure
    assert measure["wideTables"] == [], measure
    assert measure["plots"] >= 8, measure
