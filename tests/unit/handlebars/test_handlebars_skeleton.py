"""Skeleton parses report exactly what parsing the source reports.

``_skeleton.references`` parses a template with its text between mustaches reduced to a
marker, so templates that differ only in their copy share one parse. Whatever the source,
its references (kind, name, line, column) and any error (type, message, line, column) must
be those of ``parse(source)``: over the differential corpus, hand-picked edge cases and
random soups of template fragments mixed with text.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from pinpoint_constructs.handlebars import (
    SUPPORTED_HELPERS,
    HandlebarsSyntaxError,
    _skeleton,
    parse,
)
from pinpoint_constructs.pinpoint.templates import _content

CORPUS_DIR = Path(__file__).resolve().parent / "hbs_corpus"
HELPERS = frozenset(SUPPORTED_HELPERS)


def _outcome(function, source: str):
    try:
        return ("ok", [(r.kind, r.name, r.line, r.column) for r in function(source)])
    except HandlebarsSyntaxError as error:
        return ("error", error.message, error.line, error.column)
    except RecursionError:
        return ("recursion",)


def _same(source: str) -> None:
    expected = _outcome(lambda s: parse(s, known_helpers=HELPERS).references, source)
    got = _outcome(lambda s: _skeleton.references(s, HELPERS), source)
    assert got == expected, f"skeleton differs for {source!r}"


def _corpus() -> list[str]:
    return [
        case["template"]
        for path in sorted(CORPUS_DIR.glob("*.json"))
        for case in json.loads(path.read_text(encoding="utf-8"))["cases"]
    ]


def test_corpus_gives_the_same_references_and_errors() -> None:
    for source in _corpus():
        _same(source)


EDGE_CASES = [
    "",
    "text only",
    "Hi {{name}}, welcome!\n",
    "  {{#if a}}\n  text\n  {{/if}}\n",  # standalone lines around text
    "a {{~b~}} c {{~#if d~}} e {{~/if~}} f",
    '{{helper "a}}b{{c" x}} after {{y}}',  # "}}"/"{{" inside a string
    "{{[a}}b{{c]}} x {{y}}",  # inside a bracketed segment
    "{{!-- a }} b {{ c --}} d {{e}}",  # inside a long comment
    "{{{{raw}}}} {{x}} text {{{{/raw}}}} {{y}}",
    "x \\{{escaped}} y {{z}}",
    "x \\\\{{a}} y",
    "\r\nline\rbreaks {{a}}\r\n text \n{{b}}",
    "emoji 😀 text {{a}} more 😀 {{b}}",
    "nul \x00 {{a}}",
    "sep \u2028 {{a}} text",
    "marker \ue000 {{a}}",
    "{{#if a}}\n  long text here\n{{else}}\n  other text {{b}}\n{{/if}}\n",
    "{{#each items}}\n  <li>{{this}}</li>\n{{/each}}",
    "{{#if a}} text without end",
    "text {{unknownHelper x}} {{> missing}} {{#*inline 'p'}}p{{/inline}}",
    "}} stray close {{a}} {{",
    "{ single { braces } {{a}} }",
    "\xa0\ufeff nbsp and bom {{a}} \ufeff",
]


@pytest.mark.parametrize("source", EDGE_CASES)
def test_edge_cases_give_the_same_references_and_errors(source: str) -> None:
    _same(source)


_FRAGMENTS = [
    "{{", "}}", "{{{", "}}}", "{{~", "~}}", "{{#", "{{/", "{{^", "{{else}}", "{{!", "{{!--",
    "--}}", "{{>", "(", ")", "=", " ", "\n", "\r\n", "\r", "\t", "\xa0", ".", "..", "/", "@",
    "this", "a", "if", "each", "true", "1", '"s"', "'t'", "[a]", "\\", "~", "#", "{", "}",
    "hello world", "<p class=\"x\">", "</p>", "  text  ", "\n  more text\n", "é", "😀",
]  # fmt: skip


def test_random_soups_give_the_same_references_and_errors() -> None:
    rng = random.Random(16)
    for _ in range(3000):
        _same("".join(rng.choice(_FRAGMENTS) for _ in range(rng.randrange(1, 30))))


def test_templates_that_differ_only_in_text_share_one_parse() -> None:
    layout = "<h1>{text}</h1> {{{{User.Name}}}}\n{{{{#if Attributes.Vip}}}}\n  {text}\n{{{{/if}}}}"
    one, two = (layout.format(text=t) for t in ("Hello, reader 1", "A longer greeting, reader 2"))
    first = _skeleton.references(one, HELPERS)
    hits = _skeleton.skeleton_references.cache_info().hits
    second = _skeleton.references(two, HELPERS)
    assert _skeleton.skeleton_references.cache_info().hits == hits + 1
    assert second == parse(two, known_helpers=HELPERS).references
    assert [r.name for r in second] == ["User.Name", "if", "Attributes.Vip"]
    assert second[0].column - first[0].column == (len(two) - len(one)) // 2  # text appears twice


def _checked(source: str):
    """``check_handlebars`` of one field, or its error."""
    try:
        return ("ok", _content.check_handlebars("T", [("html", source)]))
    except ValueError as error:
        return ("error", str(error))


def _checked_in_full(source: str):
    """The same from every reference of the source (the path that reports errors)."""
    try:
        seen: dict[str, _content.VariableUse] = {}
        for ref in _content._checked_references("T", "html", source):
            if ref.kind == "variable" and ref.needs_default and ref.name not in seen:
                seen[ref.name] = _content.VariableUse(ref.name, "html", ref.line, ref.column)
        return ("ok", list(seen.values()))
    except ValueError as error:
        return ("error", str(error))


def test_template_checks_locate_only_first_uses_yet_report_the_same() -> None:
    # check_handlebars locates only each variable's first use when the skeleton has no
    # problem; its variables, positions and errors must be those of the full path.
    rng = random.Random(20)
    soups = [
        "".join(rng.choice(_FRAGMENTS) for _ in range(rng.randrange(1, 30))) for _ in range(1500)
    ]
    sources = [*_corpus(), *EDGE_CASES, *soups]
    for source in sources:
        assert _checked(source) == _checked_in_full(source), f"differs for {source!r}"
    clean = sum(_checked(source)[0] == "ok" and "{{" in source for source in sources)
    assert clean > 200  # the fast path was taken, not only errors


def test_references_say_which_uses_need_a_default() -> None:
    template = parse(
        "{{#if A}}{{A}}{{else}}{{A}}{{/if}}{{#unless B}}{{B}}{{else}}{{B.[0]}}{{/unless}}"
        "{{#if C}}{{C.D}}{{D}}{{/if}}"
    )
    uses = [(r.name, r.needs_default) for r in template.references if r.kind == "variable"]
    assert uses == [
        ("A", False),  # the condition
        ("A", False),  # guarded
        ("A", True),  # the else of its own if: missing there
        ("B", False),
        ("B", True),  # the body of unless B: missing there
        ("B", False),  # the else of unless B
        ("C", False),
        ("C.D", True),  # a property below the guard may be missing
        ("D", True),
    ]
