"""cfn-lint over every template the default app synthesizes: no errors, no warnings but W3696."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

#: The one finding allowed through: Pinpoint's end of support, acknowledged in each stack.
ALLOWED = {"W3696"}


def _lint(paths: list[str]) -> list[dict]:
    result = subprocess.run(
        [
            str(Path(sys.executable).with_name("cfn-lint")),
            "--format",
            "json",
            "--regions",
            "us-east-1",
            "--",
            *paths,
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    # cfn-lint exits non-zero when it finds anything; the JSON list is what we judge.
    assert result.stdout.strip(), f"cfn-lint printed nothing; stderr: {result.stderr}"
    return json.loads(result.stdout)


def test_every_default_template_passes_cfn_lint(default_app):
    paths = [str(path) for path in default_app.template_files()]
    assert paths, "the default app synthesized no templates"
    findings = [f for f in _lint(paths) if f["Rule"]["Id"] not in ALLOWED]
    assert findings == [], json.dumps(findings, indent=2)


def test_cfn_lint_gate_reports_a_real_error(tmp_path):
    """The gate is live: a template with a wrong property type is reported."""
    bad = tmp_path / "bad.template.json"
    bad.write_text(
        json.dumps(
            {
                "Resources": {
                    "App": {
                        "Type": "AWS::Pinpoint::App",
                        "Properties": {"Name": ["not", "a", "string"]},
                    }
                }
            }
        )
    )
    rules = {f["Rule"]["Id"] for f in _lint([str(bad)])}
    assert any(rule.startswith("E") for rule in rules), rules
