"""The importer page's worked example (docs/importing.md): examples/codegen/export/
(responses as `aws pinpoint get-... --output json` prints them) and
examples/codegen/imported_stack.py, the module the importer writes from them."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import aws_cdk as cdk
from aws_cdk.assertions import Match, Template
from codegen_roundtrip import ENV, REPO_ROOT, load_module, ruff

from pinpoint_constructs.codegen import generate

EXAMPLE = REPO_ROOT / "examples" / "codegen"
PAGE = (REPO_ROOT / "docs" / "importing.md").read_text()


def test_the_committed_module_is_what_the_importer_writes(tmp_path):
    out = tmp_path / "imported_stack.py"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pinpoint_constructs.codegen",
            "examples/codegen/export",
            "--out",
            str(out),
        ],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert out.read_text() == (EXAMPLE / "imported_stack.py").read_text()
    ruff(out)


def test_the_example_synthesizes_to_the_exported_definition(tmp_path):
    module, _ = load_module(generate([EXAMPLE / "export"]), tmp_path)
    stack = module.ImportedPinpointStack(cdk.App(), "Imported", env=ENV)
    template = Template.from_stack(stack)
    template.has_resource_properties(
        "AWS::Pinpoint::App", {"Name": "ExampleCorp", "Tags": {"team": "growth"}}
    )
    template.has_resource_properties(
        "AWS::Pinpoint::Campaign",
        {
            "Name": "Berlin welcome",
            "SegmentId": {
                "Fn::GetAtt": [Match.string_like_regexp("BerlinEmailSegment"), "SegmentId"]
            },
            "TemplateConfiguration": {"EmailTemplate": {"Name": "welcome"}},
            "HoldoutPercent": 10,
            "Schedule": Match.object_like({"Frequency": "WEEKLY", "TimeZone": "UTC"}),
        },
    )
    template.has_resource_properties(
        "AWS::Pinpoint::APNSChannel",
        {
            "Certificate": Match.string_like_regexp(
                r"^\{\{resolve:secretsmanager:pinpoint/ExampleCorp/apns:"
            )
        },
    )


def _fenced_blocks(text: str) -> list[str]:
    """The contents of the fenced blocks in ``text``, in order."""
    blocks: list[str] = []
    current: list[str] | None = None
    for line in text.splitlines(keepends=True):
        if line.startswith("```"):
            if current is None:
                current = []
            else:
                blocks.append("".join(current))
                current = None
        elif current is not None:
            current.append(line)
    return blocks


def test_the_page_shows_the_example_as_it_is():
    section = PAGE.split("# Importing existing resources", 1)[1].split("\n## ", 1)[0]
    blocks = [b for b in _fenced_blocks(section) if "Campaign(" in b and "App()" not in b]
    assert blocks, "the importer section shows no excerpt of the generated stack"
    example = (EXAMPLE / "imported_stack.py").read_text()
    for block in blocks:  # an excerpt of the stack's constructor, as it is in the file
        assert textwrap.indent(block, " " * 8) in example, block
    assert "python -m pinpoint_constructs.codegen examples/codegen/export" in section
