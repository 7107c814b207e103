"""The documentation site builds: ``mkdocs build --strict`` (Material theme, the API reference
generated from the docstrings by mkdocstrings) into a temporary folder, offline.

``strict`` turns every warning into a failure: a broken link or anchor between pages, a page
under ``docs/`` missing from the nav, a docstring mkdocstrings can't parse. Some twenty seconds
on a busy two-core machine (griffe reads the whole package), so marked slow."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, f"mkdocs build --strict fails:\n{result.stderr[-4000:]}"
    return out


def test_the_site_builds_strict(site: Path) -> None:
    assert (site / "index.html").is_file()
    assert (site / "getting-started" / "index.html").is_file()


def test_the_api_reference_documents_the_constructs(site: Path) -> None:
    page = (site / "reference" / "pinpoint" / "index.html").read_text()
    assert 'id="pinpoint_constructs.pinpoint.PinpointApp"' in page
    page = (site / "reference" / "sms_voice" / "index.html").read_text()
    assert 'id="pinpoint_constructs.sms_voice.ConfigurationSet"' in page
    for package, name in (
        ("profiles", "ProfilesDomain"),
        ("connect", "OutboundCampaign"),
        ("ses", "SesEmailTemplate"),
    ):
        page = (site / "reference" / package / "index.html").read_text()
        assert f'id="pinpoint_constructs.{package}.{name}"' in page, package


def test_the_site_fetches_nothing(site: Path) -> None:
    """No web fonts or scripts from elsewhere: the site works offline (``theme.font: false``)."""
    for page in site.rglob("*.html"):
        text = page.read_text()
        assert "fonts.googleapis.com" not in text and "fonts.gstatic.com" not in text, page
