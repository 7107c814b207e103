"""The quality-gates page's table of acknowledged findings matches what the app acknowledges,
and the README's quick start is the two commands CI runs.

The code blocks themselves are run by tests/gates/test_readme_blocks.py."""

from __future__ import annotations

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
README = (REPO_ROOT / "README.md").read_text()
QUALITY_GATES = (REPO_ROOT / "docs" / "quality-gates.md").read_text()


def test_every_acknowledged_rule_is_in_the_quality_gates_table(full_app):
    acknowledged = set()
    for stack in full_app.stacks:
        for construct in stack.node.find_all():
            for entry in construct.node.metadata:
                if entry.type == "aws:cdk:acknowledged-rules":
                    acknowledged.update(rule.split("[")[0] for rule in entry.data)
    assert acknowledged, "the default app acknowledges nothing: has the gate changed?"
    for rule in sorted(acknowledged):
        name = rule.split("::")[-1] if rule.startswith("AwsSolutions::") else rule
        assert f"`{name}" in QUALITY_GATES, (
            f"{rule} is acknowledged but not explained in docs/quality-gates.md"
        )


def test_quick_start_is_the_two_commands_ci_runs():
    ci = (REPO_ROOT / ".ci" / "run").read_text()
    assert "python3 dev.py synth" in README and "python3 dev.py test" in README
    assert "python3 dev.py test" in ci
