"""Helpers the tests share (import with ``from support import ...``).

They live here rather than in a conftest.py: with several conftest.py files in the tree,
``from conftest import`` may resolve to the wrong one.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import aws_cdk as cdk

#: The one cfn-lint finding allowed through: Pinpoint's end of support (acknowledged per stack).
CFN_LINT_ALLOWED = frozenset({"W3696"})


CFN_LINT = str(Path(sys.executable).with_name("cfn-lint"))


def run_cfn_lint(paths: list[str]) -> list[dict[str, Any]]:
    """cfn-lint's findings (JSON) for the template files at ``paths``."""
    result = subprocess.run(
        [CFN_LINT, "--format", "json", "--regions", "us-east-1", "--", *paths],
        capture_output=True,
        text=True,
        check=False,
    )
    # cfn-lint exits non-zero when it finds anything; the JSON list is what we judge.
    assert result.stdout.strip(), f"cfn-lint printed nothing; stderr: {result.stderr}"
    findings: list[dict[str, Any]] = json.loads(result.stdout)
    return findings


def lint_findings(template: dict[str, Any], tmp_path: Path) -> list[dict[str, Any]]:
    """cfn-lint findings for one template dict, except the allowed end-of-support warning."""
    path = tmp_path / "template.json"
    path.write_text(json.dumps(template))
    return [f for f in run_cfn_lint([str(path)]) if f["Rule"]["Id"] not in CFN_LINT_ALLOWED]


def synth_clean(stack: cdk.Stack) -> dict[str, Any]:
    """Synthesize ``stack``'s app (raising on any unacknowledged validation finding) and return
    the stack's template."""
    assembly = stack.node.root.synth()  # type: ignore[attr-defined]
    return assembly.get_stack_by_name(stack.stack_name).template  # type: ignore[no-any-return]


def simulator_number(scope: Any, id: str = "Number", **props: Any) -> Any:
    """A ``PhoneNumber`` of type ``SIMULATOR`` (US, SMS) with HELP and STOP replies; ``props``
    override any of them."""
    from pinpoint_constructs import NumberCapability, NumberType, PhoneNumber

    defaults: dict[str, Any] = {
        "iso_country_code": "US",
        "number_type": NumberType.SIMULATOR,
        "capabilities": [NumberCapability.SMS],
        "help_message": "Example: reply STOP to opt out.",
        "stop_message": "Example: you are opted out.",
    }
    return PhoneNumber(scope, id, **{**defaults, **props})
