"""Differential test: the Python Handlebars renders every corpus case exactly like handlebars.js.

handlebars.js (pinned in package.json, installed by ``npm ci``) renders the whole corpus in
one ``node`` run; each case is then its own test. Where handlebars.js renders, Python must
produce the identical string; where handlebars.js throws, Python must raise a
``HandlebarsError``, and for syntax errors the very same message.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest

from pinpoint_constructs.handlebars import (
    HandlebarsError,
    HandlebarsSyntaxError,
    parse,
    render,
)
from pinpoint_constructs.handlebars import _tables as _hbs_tables
from pinpoint_constructs.handlebars._tablegen import normalize

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parents[2]
CORPUS_DIR = HERE / "hbs_corpus"
REFERENCE_SCRIPT = HERE / "render_reference.js"
HANDLEBARS_PACKAGE = REPO_ROOT / "node_modules" / "handlebars" / "package.json"

# handlebars.js messages of errors the parser reports (the rest are runtime errors).
SYNTAX_ERROR_MARKERS = (
    "Parse error on line",
    "Lexical error on line",
    " doesn't match ",
    "Invalid path: ",
)


def _load_corpus() -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = []
    for path in sorted(CORPUS_DIR.glob("*.json")):
        for case in json.loads(path.read_text(encoding="utf-8"))["cases"]:
            cases.append({**case, "key": f"{path.stem}::{case['id']}"})
    return cases


CORPUS = _load_corpus()


def _run_node(*args: str, payload: str | None = None) -> str:
    if shutil.which("node") is None:
        pytest.fail("node is required for the Handlebars differential test (Node.js 20+)")
    if not HANDLEBARS_PACKAGE.is_file():
        pytest.fail("handlebars.js is not installed: run `npm ci` in the repository root")
    completed = subprocess.run(
        ["node", str(REFERENCE_SCRIPT), *args],
        input=payload,
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=REPO_ROOT,
        timeout=120,
        check=False,
    )
    if completed.returncode != 0:
        pytest.fail(f"render_reference.js failed:\n{completed.stderr}")
    return completed.stdout


@pytest.fixture(scope="module")
def reference() -> dict[str, dict[str, Any]]:
    """handlebars.js's result for every corpus case, keyed by ``file::id``."""
    payload = json.dumps([{"template": c["template"], "context": c.get("context")} for c in CORPUS])
    results = json.loads(_run_node(payload=payload))
    assert len(results) == len(CORPUS)
    return {case["key"]: result for case, result in zip(CORPUS, results, strict=True)}


def test_corpus_is_large_enough() -> None:
    assert len(CORPUS) >= 80
    assert len({case["key"] for case in CORPUS}) == len(CORPUS)


@pytest.mark.parametrize("case", CORPUS, ids=[case["key"] for case in CORPUS])
def test_matches_handlebars_js(case: dict[str, Any], reference: dict[str, dict[str, Any]]) -> None:
    expected = reference[case["key"]]
    if expected["ok"]:
        # A first render walks the tree, a compiled template runs closures: both must match.
        assert render(case["template"], case.get("context")) == expected["output"]
        compiled = parse(case["template"]).compile()
        assert compiled.render(case.get("context")) == expected["output"]
        return
    with pytest.raises(HandlebarsError) as raised:
        render(case["template"], case.get("context"))
    if any(marker in expected["error"] for marker in SYNTAX_ERROR_MARKERS):
        assert isinstance(raised.value, HandlebarsSyntaxError)
        assert str(raised.value) == expected["error"]
        return
    with pytest.raises(HandlebarsError):
        parse(case["template"]).compile().render(case.get("context"))


def test_parser_tables_match_installed_handlebars() -> None:
    dump = json.loads(_run_node("--dump-parser-tables"))
    assert dump["version"] == _hbs_tables.HANDLEBARS_VERSION
    assert normalize(dump) == _hbs_tables._TABLES, (
        "handlebars.js changed: regenerate _tables.py (see _tablegen.py)"
    )


def test_parsing_is_fast() -> None:
    """Synth parses every template: 200 realistic templates must take milliseconds."""
    templates = [
        f"<h1>Hi {{{{User.UserAttributes.FirstName.[0]}}}} #{index}</h1>\n"
        "{{#if User.UserAttributes.Plan.[0]}}\n  <p>{{upper User.UserAttributes.Plan.[0]}}</p>\n"
        "{{else}}\n  <p>Pick a plan</p>\n{{/if}}\n<ul>\n"
        "  {{#each Attributes.Items}}\n  <li>{{@index}}: {{this.name}}</li>\n  {{/each}}\n</ul>\n"
        '{{#and (gte User.UserAttributes.Age.[0] "18") (eq Location.Country "US")}}'
        "adult{{else}}other{{/and}}"
        for index in range(200)
    ]
    start = time.perf_counter()
    for template in templates:
        parse(template)
    elapsed = time.perf_counter() - start
    # Measured at about 0.1 s on a CI-sized machine; the bound only catches regressions.
    assert elapsed < 2.0, f"parsing 200 templates took {elapsed:.3f}s"
