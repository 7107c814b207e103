"""Shared fixtures: the default app is synthesized once per test session."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Set before aws_cdk starts the jsii runtime: silence only the Node.js end-of-life banner.
os.environ.setdefault("JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION", "1")
os.environ.setdefault("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20")

import aws_cdk as cdk
import pytest

from stacks import add_default_stacks, cdk_json_context

REPO_ROOT = Path(__file__).resolve().parents[1]


@dataclass
class SynthesizedApp:
    """The default app, synthesized: its stacks and their templates on disk."""

    app: cdk.App
    stacks: list[cdk.Stack]
    outdir: Path

    def template(self, stack: cdk.Stack) -> dict[str, Any]:
        return json.loads((self.outdir / stack.template_file).read_text())

    def template_files(self) -> list[Path]:
        return [self.outdir / stack.template_file for stack in self.stacks]


def _synthesize(outdir: Path, **context: Any) -> SynthesizedApp:
    app = cdk.App(context={**cdk_json_context(), **context}, outdir=str(outdir))
    stacks = add_default_stacks(app)
    app.synth()
    return SynthesizedApp(app=app, stacks=stacks, outdir=outdir)


@pytest.fixture(scope="session")
def default_app(tmp_path_factory: pytest.TempPathFactory) -> SynthesizedApp:
    """The default stacks (what ``python3 dev.py synth`` deploys, no context) with cdk-nag
    attached, synthesized once for the whole session.

    ``app.synth()`` raises ``ValidationFailed`` if cdk-nag reports a finding that nobody
    acknowledged, so every test that uses this fixture also guards that gate.
    """
    return _synthesize(tmp_path_factory.mktemp("cdk.out"))


@pytest.fixture(scope="session")
def full_app(tmp_path_factory: pytest.TempPathFactory) -> SynthesizedApp:
    """Every stack the app can make: the default ones plus the Pinpoint engagement reference
    program (``-c legacyPinpoint=true``), cdk-nag attached, synthesized once. The gates
    (cfn-lint, cdk-nag, snapshots, resource limits) run on this superset."""
    return _synthesize(tmp_path_factory.mktemp("cdk.out.full"), legacyPinpoint="true")


@pytest.fixture
def stack() -> cdk.Stack:
    """A fresh stack (in a fresh app with cdk.json's feature flags) for one unit test."""
    app = cdk.App(context=cdk_json_context())
    return cdk.Stack(
        app, "TestStack", env=cdk.Environment(account="123456789012", region="us-east-1")
    )


@pytest.fixture
def nag_stack(tmp_path: Path) -> cdk.Stack:
    """A fresh stack in an app with cdk-nag's AwsSolutionsChecks attached (and the end-of-support
    warning acknowledged at stack scope, as the default stacks do): build constructs in it and
    call ``synth_clean(stack)``; a finding nobody acknowledged fails the test."""
    from cdk_nag import AwsSolutionsChecks

    from stacks._common import acknowledge_end_of_support

    app = cdk.App(context=cdk_json_context(), outdir=str(tmp_path))
    cdk.Validations.of(app).add_plugins(AwsSolutionsChecks(app))
    stack = cdk.Stack(
        app, "NagStack", env=cdk.Environment(account="123456789012", region="us-east-1")
    )
    acknowledge_end_of_support(stack)
    return stack
