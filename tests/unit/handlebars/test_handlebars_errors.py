"""Errors: every kind of template handlebars.js refuses, with its message, line and column.

Messages are handlebars.js's own (the differential test checks them against node too);
``line`` is 1-based and ``column`` 0-based, as handlebars.js reports them. For Jison
parse errors, which carry no column in handlebars.js, the location is the offending token's.
"""

from __future__ import annotations

import pickle

import pytest

from pinpoint_constructs.handlebars import (
    HandlebarsError,
    HandlebarsRuntimeError,
    HandlebarsSyntaxError,
    parse,
    render,
)

EXPECTING_AFTER_PATH = (
    "Expecting 'CLOSE_RAW_BLOCK', 'CLOSE', 'CLOSE_UNESCAPED', 'OPEN_SEXPR', 'CLOSE_SEXPR', "
    "'ID', 'OPEN_BLOCK_PARAMS', 'STRING', 'NUMBER', 'BOOLEAN', 'UNDEFINED', 'NULL', 'DATA', "
    "'SEP', got 'INVALID'"
)

SYNTAX_ERRORS = [
    pytest.param(
        "Hi {{name}}\n{{#if a}}\n  x\n",
        "Parse error on line 4:\n...ame}}{{#if a}}  x\n--------------------^\n"
        "Expecting 'OPEN_INVERSE_CHAIN', 'INVERSE', 'OPEN_ENDBLOCK', got 'EOF'",
        4,
        0,
        id="unclosed-block",
    ),
    pytest.param(
        "Hi\n  {{#if a}}x{{/and}}",
        "if doesn't match and - 2:5",
        2,
        5,
        id="mismatched-close",
    ),
    pytest.param(
        "{{#User.Name}}x{{/User.Email}}",
        "User.Name doesn't match User.Email - 1:3",
        1,
        3,
        id="mismatched-close-path",
    ),
    pytest.param(
        "{{{{raw}}}}x{{{{/other}}}}",
        "raw doesn't match other - 1:4",
        1,
        4,
        id="mismatched-raw-block",
    ),
    pytest.param(
        "Hello\n  {{name",
        "Parse error on line 2:\nHello  {{name\n---------^\n"
        "Expecting 'ID', 'STRING', 'NUMBER', 'BOOLEAN', 'UNDEFINED', 'NULL', 'DATA', "
        "got 'INVALID'",
        2,
        4,
        id="unterminated-mustache",
    ),
    pytest.param(
        "{{name}",
        f"Parse error on line 1:\n{{{{name}}\n------^\n{EXPECTING_AFTER_PATH}",
        1,
        6,
        id="unterminated-mustache-one-brace",
    ),
    pytest.param(
        '{{foo "bar}}',
        f'Parse error on line 1:\n{{{{foo "bar}}}}\n------^\n{EXPECTING_AFTER_PATH}',
        1,
        6,
        id="unterminated-string",
    ),
    pytest.param(
        "a\n{{!-- never",
        "Lexical error on line 2. Unrecognized text.\na{{!-{{!-- never\n-----^",
        2,
        0,
        id="unterminated-comment",
    ),
    pytest.param(
        "{{foo (bar}}",
        "Parse error on line 1:\n{{foo (bar}}\n----------^\n"
        "Expecting 'OPEN_SEXPR', 'CLOSE_SEXPR', 'ID', 'STRING', 'NUMBER', 'BOOLEAN', "
        "'UNDEFINED', 'NULL', 'DATA', got 'CLOSE'",
        1,
        10,
        id="bad-subexpression-unclosed",
    ),
    pytest.param(
        "{{foo bar)}}",
        "Parse error on line 1:\n{{foo bar)}}\n---------^\n"
        "Expecting 'CLOSE', 'OPEN_SEXPR', 'ID', 'STRING', 'NUMBER', 'BOOLEAN', 'UNDEFINED', "
        "'NULL', 'DATA', got 'CLOSE_SEXPR'",
        1,
        9,
        id="bad-subexpression-extra-paren",
    ),
    pytest.param(
        "{{foo ()}}",
        "Parse error on line 1:\n{{foo ()}}\n-------^\n"
        "Expecting 'ID', 'STRING', 'NUMBER', 'BOOLEAN', 'UNDEFINED', 'NULL', 'DATA', "
        "got 'CLOSE_SEXPR'",
        1,
        7,
        id="bad-subexpression-empty",
    ),
    pytest.param(
        "{{#each l}}\n  {{foo/../bar}}\n{{/each}}",
        "Invalid path: foo/.. - 2:4",
        2,
        4,
        id="invalid-path",
    ),
    pytest.param(
        "x{{/if}}",
        "Parse error on line 1:\nx{{/if}}\n-^\nExpecting 'EOF', got 'OPEN_ENDBLOCK'",
        1,
        1,
        id="close-without-open",
    ),
    pytest.param(
        "{{#if a}}x{{else}}y{{else}}z{{/if}}",
        "Parse error on line 1:\n{{#if a}}x{{else}}y{{else}}z{{/if}}\n"
        "-------------------^\nExpecting 'OPEN_ENDBLOCK', got 'INVERSE'",
        1,
        19,
        id="second-else",
    ),
    pytest.param(
        "x\n  {{> p a b}}",
        "Unsupported number of partial arguments: 2 - 2:2",
        2,
        2,
        id="too-many-partial-arguments",
    ),
    pytest.param(
        '{{#*inline "x"}}a{{else}}b{{/inline}}',
        "Unexpected inverse block on decorator",
        1,
        0,
        id="inverse-on-decorator",
    ),
    pytest.param(
        "\U0001f600\U0001f600 {{#if a}}x{{/and}}",
        "if doesn't match and - 1:8",
        1,
        8,
        id="columns-count-utf16-code-units",
    ),
]


@pytest.mark.parametrize(("source", "message", "line", "column"), SYNTAX_ERRORS)
def test_syntax_error(source: str, message: str, line: int, column: int) -> None:
    with pytest.raises(HandlebarsSyntaxError) as raised:
        parse(source)
    error = raised.value
    assert (error.message, error.line, error.column) == (message, line, column)
    assert str(error) == message


def test_syntax_error_is_a_handlebars_error_and_pickles() -> None:
    with pytest.raises(HandlebarsError) as raised:
        parse("{{#if a}}")
    error = raised.value
    assert isinstance(error, HandlebarsSyntaxError)
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.message, copy.line, copy.column) == (error.message, error.line, error.column)


def test_render_reports_syntax_errors_too() -> None:
    with pytest.raises(HandlebarsSyntaxError, match="doesn't match"):
        render("{{#if a}}x{{/unless}}", {"a": True})


RUNTIME_ERRORS = [
    pytest.param("{{missing 1}}", {}, 'Missing helper: "missing"', id="missing-helper"),
    pytest.param(
        "{{#missing 1}}x{{/missing}}", {}, 'Missing helper: "missing"', id="missing-block"
    ),
    pytest.param("{{name 1}}", {"name": "x"}, "name is not a function", id="value-as-helper"),
    pytest.param("{{#if}}x{{/if}}", {}, "#if requires exactly one argument", id="if-arity"),
    pytest.param(
        "{{#unless a b}}x{{/unless}}",
        {},
        "#unless requires exactly one argument",
        id="unless-arity",
    ),
    pytest.param("{{#with}}x{{/with}}", {}, "#with requires exactly one argument", id="with-arity"),
    pytest.param("{{#each}}x{{/each}}", {}, "Must pass iterator to #each", id="each-arity"),
    pytest.param("{{if a}}", {"a": 1}, "options.fn is not a function", id="if-inline"),
    pytest.param("{{> header}}", {}, "The partial header could not be found", id="missing-partial"),
    pytest.param("{{* log}}", {}, 'decorator "log" is not supported', id="decorator"),
    pytest.param(
        "{{#if true as |x|}}{{x}}{{/if}}",
        {},
        "Cannot read properties of undefined",
        id="block-param",
    ),
]


@pytest.mark.parametrize(("source", "context", "message"), RUNTIME_ERRORS)
def test_runtime_error(source: str, context: object, message: str) -> None:
    template = parse(source)  # parses fine: handlebars.js too fails only when rendering
    with pytest.raises(HandlebarsRuntimeError) as raised:
        template.render(context)
    assert message in str(raised.value)


def test_untaken_branch_does_not_fail() -> None:
    assert render("{{#if false}}{{missing 1}}{{> header}}{{/if}}ok") == "ok"


@pytest.mark.parametrize(
    ("source", "excerpt"),
    [
        # handlebars.js's own text (node prints it as UTF-8); the caret counts UTF-16 units.
        ("Hi 😀 {{#if}}", "Hi 😀 {{#if}}\n-------------^"),
        # The 20-unit window cuts an emoji's surrogate pair: Node prints the half as U+FFFD.
        ("😀" * 15 + "{{#if}}", "...\ufffd" + "😀" * 6 + "{{#if}}\n" + "-" * 23 + "^"),
    ],
)
def test_error_excerpts_with_astral_characters_are_readable_text(source, excerpt):
    with pytest.raises(HandlebarsSyntaxError) as raised:
        parse(source)
    message = str(raised.value)
    assert message.startswith(f"Parse error on line 1:\n{excerpt}\nExpecting ")
    assert message.encode("utf-8")  # no lone surrogates left
    assert pickle.loads(pickle.dumps(raised.value)).message == message


def test_mismatched_block_names_with_emoji_are_readable_text():
    with pytest.raises(HandlebarsSyntaxError) as raised:
        parse("{{#foo😀}}{{/bar}}")
    assert str(raised.value) == "foo😀 doesn't match bar - 1:3"
