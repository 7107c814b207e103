"""Handlebars in pure Python, as handlebars.js 4.7 renders it, with Amazon Pinpoint's helpers.

A standalone package: it imports only the Python standard library (never ``aws_cdk``,
``constructs`` or jsii), so a Lambda asset can ship it as it is, and the template constructs
use it for their synth-time checks.

- :func:`parse` / :func:`render` and :class:`Template`: Handlebars exactly as handlebars.js
  4.7.8 (same grammar, same error messages, same output); ``Template.compile(helpers)``
  gives a :class:`CompiledTemplate` (closures, compiled once) to render many times;
- :func:`parse_pinpoint` / :func:`render_pinpoint`: the same with the helpers Pinpoint
  documents (``SUPPORTED_HELPERS``);
- :class:`HandlebarsSyntaxError` / :class:`HandlebarsRuntimeError` /
  :class:`HandlebarsNestingError` (all :class:`HandlebarsError`).
"""

from .engine import (
    BUILTIN_HELPERS,
    KNOWN_HELPERS,
    NULL_CONTEXT,
    UNDEFINED,
    CompiledTemplate,
    HandlebarsError,
    HandlebarsNestingError,
    HandlebarsRuntimeError,
    HandlebarsSyntaxError,
    Helper,
    HelperOptions,
    Reference,
    SafeString,
    Template,
    create_frame,
    escape_expression,
    js_to_string,
    js_truthy,
    parse,
    render,
)
from .helpers import (
    DOCUMENTED_HELPERS,
    PINPOINT_HELPERS,
    SUPPORTED_HELPERS,
    parse_pinpoint,
    pinpoint_helpers,
    render_pinpoint,
)

__all__ = [
    "BUILTIN_HELPERS",
    "DOCUMENTED_HELPERS",
    "KNOWN_HELPERS",
    "NULL_CONTEXT",
    "PINPOINT_HELPERS",
    "SUPPORTED_HELPERS",
    "UNDEFINED",
    "CompiledTemplate",
    "HandlebarsError",
    "HandlebarsNestingError",
    "HandlebarsRuntimeError",
    "HandlebarsSyntaxError",
    "Helper",
    "HelperOptions",
    "Reference",
    "SafeString",
    "Template",
    "create_frame",
    "escape_expression",
    "js_to_string",
    "js_truthy",
    "parse",
    "parse_pinpoint",
    "pinpoint_helpers",
    "render",
    "render_pinpoint",
]
