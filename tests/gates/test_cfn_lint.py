"""cfn-lint over every template the default app synthesizes: no errors, no warnings but W3696."""

from __future__ import annotations

import json

from support import CFN_LINT_ALLOWED as ALLOWED
from support import run_cfn_lint


def test_every_default_template_passes_cfnrun_cfn_lint(full_app):
    paths = [str(path) for path in full_app.template_files()]
    assert paths, "the default app synthesized no templates"
    findings = [f for f in run_cfn_lint(paths) if f["Rule"]["Id"] not in ALLOWED]
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
    rules = {f["Rule"]["Id"] for f in run_cfn_lint([str(bad)])}
    assert any(rule.startswith("E") for rule in rules), rules
