"""The recursive-descent fast path builds exactly the tree the LALR(1) driver builds.

``_descent.parse_common`` parses most templates; the LALR driver (``_parse_tokens``,
checked against handlebars.js by the differential test) is the reference. Wherever the fast
path gives a tree, every node, value and location must be the reference's; wherever the
reference raises, the fast path must defer (return ``None``) so the reference reports it.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path
from typing import Any

import pytest

from pinpoint_constructs.handlebars import _ast as _hbs_ast
from pinpoint_constructs.handlebars._descent import parse_common
from pinpoint_constructs.handlebars._errors import HandlebarsSyntaxError
from pinpoint_constructs.handlebars._lexer import JS_WS, JS_WS_CHARS, to_utf16
from pinpoint_constructs.handlebars._parser import _parse_tokens

CORPUS_DIR = Path(__file__).resolve().parent / "hbs_corpus"


def _slots(cls: type) -> list[str]:
    return [name for klass in cls.__mro__ for name in getattr(klass, "__slots__", ())]


def _dump(value: Any) -> Any:
    """Every slot of every node, location and strip, recursively (values typed)."""
    if isinstance(value, _hbs_ast.Node | _hbs_ast.SourceLocation | _hbs_ast.Strip):
        return (
            type(value).__name__,
            {name: _dump(getattr(value, name)) for name in _slots(type(value))},
        )
    if isinstance(value, list | tuple):
        return [_dump(item) for item in value]
    return (type(value).__name__, repr(value))


def _compare(source: str) -> str:
    """Check the fast path against the reference; say which one parsed ``source``."""
    text = to_utf16(source)
    decode = text is not source
    fast = parse_common(text, decode)
    try:
        reference = _parse_tokens(text, decode)
    except HandlebarsSyntaxError:
        assert fast is None, f"the fast path accepts what handlebars.js rejects: {source!r}"
        return "error"
    if fast is None:
        return "deferred"
    assert _dump(fast) == _dump(reference), f"different trees for {source!r}"
    return "fast"


def _corpus() -> list[str]:
    return [
        case["template"]
        for path in sorted(CORPUS_DIR.glob("*.json"))
        for case in json.loads(path.read_text(encoding="utf-8"))["cases"]
    ]


def test_corpus_gives_the_reference_trees() -> None:
    outcomes = [_compare(source) for source in _corpus()]
    assert outcomes.count("fast") >= len(outcomes) // 2


# Templates the fast path must parse itself (not defer), each giving the reference tree.
COMMON = [
    "",
    "plain text, no mustache",
    "{{a}}",
    "Hi {{User.UserAttributes.FirstName.[0]}}, {{ Attributes.Plan }}!",
    "{{{html}}} {{& raw}} {{~a~}} {{~{b}~}}",
    "{{a/b}} {{./a}} {{../a}} {{this}} {{this.a}} {{.}} {{..}} {{[a b].[c\\]d]}} {{@index}}",
    "{{@root.User.Name}} {{@../index}} {{elsewhere}} {{trueish}} {{as}} {{-a}} {{a-b}}",
    '{{helper "s" \'t\' "a\\"b" 1 -2 3.5 true false null undefined @data.x}}',
    '{{helper (sub a "b" (deep c)) key=value other=(x y) n=1 s="s" [k]=v}}',
    "{{#if a}}yes{{/if}}{{#if a}}yes{{else}}no{{/if}}{{^a}}none{{/a}}{{^a}}x{{else}}y{{/a}}",
    "{{#if a}}1{{else if b}}2{{else unless c}}3{{else}}4{{/if}}",
    "{{#if a}}1{{else if b}}2{{else if c}}{{/if}}{{#if a}}{{^}}{{/if}}{{#a}}{{ else }}{{/a}}",
    "{{#each items}}\n  <li>{{@index}}: {{this.name}}</li>\n{{/each}}\n",
    "{{#with User}}{{#each Tags}}{{../Name}}/{{.}}{{/each}}{{/with}}",
    "{{! short }}{{!-- long }} --}}{{~! stripped ~}}{{~!-- both --~}}{{!--}}",
    "line\r\nbreaks\r{{#if a}}\r\n  {{b}}\r\n{{/if}}\rend",
    "{{#*inline 'p'}}x{{/inline}}{{*decorator}}",
    "emoji 😀 {{😀.é}} {{name}} 😀\n{{#if (eq a '😀')}}😀{{/if}}",
    '{{#if (gt Attributes.Points "100")}}\n  ok\n{{else}}\n  {{subtract "100" a}}\n{{/if}}',
    "{{a\n  b\n  c=d}}\n{{#if\n a}}x{{/if}}",
    "{{> partial}}",
    "{{> p ctx}}{{>p a=1 b=(c d)}}{{~> p~}}{{> \"str\"}}{{> 'q' this}}{{> @data.x}}",
    'a\n  {{> standalone}}\n  {{#*inline "p"}}\n  in\n  {{/inline}}\nb',
]

# Templates the fast path leaves to the reference.
DEFERRED = [
    "{{{{raw}}}}{{x}}{{{{/raw}}}}",
    "{{> (dynamic name)}}",
    "{{#> layout}}x{{/layout}}",
    "{{#each l as |item i|}}{{item}}{{/each}}",
    "\\{{escaped}}",
    "\\\\{{a}}",
    "{{a 'nul \x00'}}",
    "separator \u2028 {{a}}",
]


@pytest.mark.parametrize("source", COMMON)
def test_common_templates_take_the_fast_path(source: str) -> None:
    assert _compare(source) == "fast"


@pytest.mark.parametrize("source", DEFERRED)
def test_other_templates_are_deferred(source: str) -> None:
    assert _compare(source) == "deferred"


# Fragments of templates, valid or not, for random soups: close to every token boundary.
_FRAGMENTS = [
    "{{", "}}", "{{{", "}}}", "{{~", "~}}", "{{#", "{{/", "{{^", "{{else", "{{else}}", "{{&",
    "{{!", "{{!--", "--}}", "{{*", "{{#*", "(", ")", "=", " ", "  ", "\n", "\r\n", "\r", "\t",
    "\xa0", ".", "..", "/", "./", "../", "@", "this", "a", "b", "if", "each", "else", "as |x|",
    "true", "false", "null", "undefined", "1", "-2", "3.5", '"s"', "'t'", '"a\\"b"', "[a]",
    "[b\\]]", "😀", "é", "x", "<p>", "\\", "|", "~", "#", "^", "!", "&", "*", ">", "{{>",
]  # fmt: skip


def _soup(rng: random.Random) -> str:
    return "".join(rng.choice(_FRAGMENTS) for _ in range(rng.randrange(1, 25)))


def _structured(rng: random.Random) -> str:
    name = rng.choice(["if", "each", "with", "a.b", "[x]", "helper"])
    params = rng.choice(["", "a", "a.b", "(sub x)", "k=v", '"s" k=(h a)'])
    call = f"{name} {params}"
    inner = rng.choice(["", "x", "\n  {{y}}\n", "{{#if z}}z{{/if}}", "{{else}}e", "{{else if q}}q"])
    ws = [rng.choice(["", " ", "\n", "  \n", "\r\n", "~"]) for _ in range(4)]
    return f"{ws[0]}{{{{#{call}}}}}{ws[1]}{inner}{ws[2]}{{{{/{name}}}}}{ws[3]}".replace("~~", "~")


def test_random_templates_give_the_reference_trees() -> None:
    rng = random.Random(20240611)
    outcomes = [_compare(_soup(rng)) for _ in range(1500)]
    outcomes += [_compare(_structured(rng)) for _ in range(500)]
    assert outcomes.count("fast") >= 300


def test_js_ws_chars_are_the_js_ws_class() -> None:
    whitespace = re.compile(f"[{JS_WS}]")
    assert "".join(c for c in map(chr, range(0x10000)) if whitespace.match(c)) == JS_WS_CHARS
