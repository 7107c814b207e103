"""Corner cases where the engine once differed from handlebars.js, each pinned to handlebars.js.

Every expected value below is what handlebars.js 4.7.8 renders with the same helpers defined
in JavaScript (:data:`_JS_HELPERS`); ``test_expectations_are_handlebars_js`` renders them
all in ``node`` and compares, so the expectations can't drift from handlebars.js.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from pinpoint_constructs.handlebars import (
    HandlebarsError,
    HandlebarsNestingError,
    HelperOptions,
    SafeString,
    js_to_string,
    parse,
    render,
)

REPO_ROOT = Path(__file__).resolve().parents[3]

# The same helpers in both languages: `keys` shows the hash (its keys in order and values),
# `seen` records its argument (evaluation order), `safe` returns a SafeString, `self` shows
# what a helper receives as `this`.
_JS_HELPERS = r"""
const seen = [];
const helpers = {
  keys: function (options) {
    return Object.keys(options.hash).map((k) => k + ':' + String(options.hash[k])).join(',');
  },
  seen: function (value) { seen.push(value); return value; },
  safe: function () { return new Handlebars.SafeString('<b>'); },
  self: function (options) {
    return (this === null ? 'null' : typeof this) + ':' + JSON.stringify(this);
  },
  block: function (options) { return options.fn(this); },
  pair: function (a, b) { return String(a) + '<' + String(b); },
};
"""


def _seen_helper(log: list[Any]) -> Any:
    def seen(value: Any, options: HelperOptions) -> Any:
        log.append(value)
        return value

    return seen


def _keys(options: HelperOptions) -> str:
    return ",".join(f"{key}:{js_to_string(value)}" for key, value in options.hash.items())


def _this(options: HelperOptions) -> str:
    context = options.context
    if context is None:
        return "null:null"
    return "object:" + json.dumps(dict(context))


def _helpers(log: list[Any]) -> dict[str, Any]:
    return {
        "keys": _keys,
        "seen": _seen_helper(log),
        "safe": lambda options: SafeString("<b>"),
        "self": _this,
        "block": lambda options: options.fn(options.context),
        "pair": lambda a, b, options: js_to_string(a) + "<" + js_to_string(b),
    }


# (template, context, what handlebars.js renders, what `seen` recorded in order)
CASES: list[tuple[str, Any, str, list[Any]]] = [
    # A repeated hash key keeps the first value; the later one is never evaluated (a missing
    # helper there raises nothing).
    ("{{lookup this 'a' z=1 z=(missing 1)}}", {"a": "A"}, "A", []),
    ("{{keys a=(seen 1) b=(seen 2) a=(seen 3)}}", {}, "a:1,b:2", [1, 2]),
    # The keys come in the order of their last occurrence, from the last pair back.
    ("{{keys a=1 z=2 b=3 z=4}}", {}, "z:2,b:3,a:1", []),
    # The `undefined` literal leaves its key out of the hash (null stays).
    ("{{keys yes=undefined no=null z=1}}", {}, "z:1,no:null", []),
    ("{{keys z=undefined z=1}}", {}, "", []),
    ("{{keys z=1 z=undefined}}", {}, "z:1", []),
    # The hash is evaluated in that key order too: the later missing helper raises first.
    # (rendered as an error case below)
    # #each over a SafeString: an object with one own property, `string`.
    ("{{#each (safe)}}[{{@key}}={{this}}|{{@index}}]{{/each}}", {}, "[string=&lt;b&gt;|0]", []),
    ("{{#each (safe)}}x{{else}}empty{{/each}}", {}, "x", []),
    ("{{#each (safe) as |v k|}}{{k}}={{v}}{{/each}}", {}, "string=&lt;b&gt;", []),
    # A partial's context built from a SafeString and a hash keeps its `string` property.
    ('{{#*inline "p"}}[{{string}}|{{a}}]{{/inline}}{{> p (safe) a=1}}', {}, "[&lt;b&gt;|1]", []),
    # A null top-level context: helpers see handlebars.js's sealed {} as `this`.
    ("{{self}}", None, "object:{}", []),
    ("{{#block}}{{self}}{{/block}}", None, "object:{}", []),
    ("{{#block}}[{{this}}]{{/block}}", None, "[[object Object]]", []),
    ("{{#with this}}a{{else}}b{{/with}}", None, "b", []),
]

# Helper calls with literal and path arguments, which a compiled program writes into its code.
CASES += [
    (
        "{{#each l}}{{pair this @index}};{{{pair name ../t}}}|{{/each}}",
        {"t": "T", "l": [{"name": "a<"}, "s", None, 0]},
        "[object Object]&lt;0;a<<T|s&lt;1;undefined<T|null&lt;2;null<T|0&lt;3;undefined<T|",
        [],
    ),
    (
        "{{#each l}}[{{seen this}}]{{/each}}",
        {"l": [1, "x<", None, True]},
        "[1][x&lt;][][true]",
        [1, "x<", None, True],
    ),
    ('{{pair "lit" 2}}{{pair this.a @root.b}}', None, "lit&lt;2null&lt;null", []),
    ("{{#with o}}{{pair a ../b}}{{/with}}", {"o": {"a": 1}, "b": [1, 2]}, "1&lt;1,2", []),
]

ERROR_CASES: list[tuple[str, Any, str]] = [
    ("{{keys a=(missingA 1) b=(missingB 1)}}", {}, 'Missing helper: "missingB"'),
]


@pytest.mark.parametrize(("template", "context", "expected", "order"), CASES)
def test_renders_as_handlebars_js(template: str, context: Any, expected: str, order: list[Any]):
    # A first render walks the tree; a compiled template runs closures: both as handlebars.js.
    log: list[Any] = []
    assert render(template, context, helpers=_helpers(log)) == expected
    assert log == order
    log.clear()
    assert parse(template).compile(_helpers(log)).render(context) == expected
    assert log == order


@pytest.mark.parametrize(("template", "context", "message"), ERROR_CASES)
def test_fails_as_handlebars_js(template: str, context: Any, message: str) -> None:
    with pytest.raises(HandlebarsError) as raised:
        render(template, context, helpers=_helpers([]))
    assert str(raised.value) == message
    with pytest.raises(HandlebarsError) as raised:
        parse(template).compile(_helpers([])).render(context)
    assert str(raised.value) == message


def test_expectations_are_handlebars_js() -> None:
    """Render every case in handlebars.js (``node``) with the same helpers."""
    if shutil.which("node") is None:
        pytest.fail("node is required (Node.js 20+)")
    script = (
        "const Handlebars = require(require.resolve('handlebars', { paths: [process.argv[1]] }));"
        + _JS_HELPERS
        + r"""
const cases = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const out = cases.map(([template, context]) => {
  seen.length = 0;
  const env = Handlebars.create();
  env.registerHelper(helpers);
  try {
    return { output: env.compile(template)(context), seen: [...seen] };
  } catch (error) {
    return { error: error.message, seen: [...seen] };
  }
});
process.stdout.write(JSON.stringify(out));
"""
    )
    payload = [[t, c] for t, c, _, _ in CASES] + [[t, c] for t, c, _ in ERROR_CASES]
    completed = subprocess.run(
        ["node", "-e", script, str(REPO_ROOT)],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=True,
    )
    results = json.loads(completed.stdout)
    for (template, _, expected, order), result in zip(CASES, results, strict=False):
        assert result == {"output": expected, "seen": order}, template
    for (template, _, message), result in zip(ERROR_CASES, results[len(CASES) :], strict=True):
        assert result == {"error": message, "seen": []}, template


# -- nesting deeper than the engine follows ------------------------------------------------


def _nested(depth: int) -> str:
    return "{{#if a}}" * depth + "x" + "{{/if}}" * depth


def test_moderate_nesting_renders() -> None:
    # handlebars.js renders this (and over a thousand levels) as "x".
    assert render(_nested(150), {"a": 1}) == "x"


def test_deep_nesting_raises_a_handlebars_error_with_the_depth() -> None:
    # handlebars.js 4.7.8 renders 1,000 nested blocks; this engine, recursive, stops with
    # a HandlebarsError (not a bare RecursionError) that says how deep the template nests.
    with pytest.raises(HandlebarsNestingError, match="nest 1000 levels deep") as raised:
        parse(_nested(1000))
    assert raised.value.depth == 1000
    assert isinstance(raised.value, HandlebarsError)


def test_else_if_chains_and_subexpressions_count_as_nesting() -> None:
    chain = "{{#if a}}" + "".join(f"{{{{else if b{i}}}}}" for i in range(999)) + "{{/if}}"
    with pytest.raises(HandlebarsNestingError, match="nest 1000 levels deep"):
        parse(chain)
    subexpressions = "{{a " + "(b " * 1000 + "c" + ")" * 1000 + "}}"
    with pytest.raises(HandlebarsNestingError, match="nest 1000 levels deep"):
        parse(subexpressions)


def test_a_partial_that_includes_itself_raises_a_handlebars_error() -> None:
    # handlebars.js throws RangeError (Maximum call stack size exceeded) here.
    with pytest.raises(HandlebarsNestingError, match="too deeply to render"):
        render('{{#*inline "p"}}{{> p}}{{/inline}}{{> p}}', {})
