"""Exceptions raised by the Handlebars implementation."""

from __future__ import annotations


class HandlebarsError(Exception):
    """Base class of every error raised while parsing or rendering a Handlebars template."""


class HandlebarsSyntaxError(HandlebarsError):
    """The template is not valid Handlebars: handlebars.js would refuse to compile it.

    ``line`` is 1-based and ``column`` 0-based, in UTF-16 code units, exactly as
    handlebars.js reports them (its ``Exception.lineNumber`` / ``column``, or for a
    parse error the position of the offending token). ``message`` is handlebars.js's
    own message text.
    """

    def __init__(self, message: str, *, line: int, column: int):
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column

    def __str__(self) -> str:
        return self.message

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_syntax_error, (self.message, self.line, self.column))


def _rebuild_syntax_error(message: str, line: int, column: int) -> HandlebarsSyntaxError:
    return HandlebarsSyntaxError(message, line=line, column=column)


class HandlebarsRuntimeError(HandlebarsError):
    """Rendering failed where handlebars.js would throw (a missing helper, a helper misused)."""
