"""Exceptions raised by the Handlebars implementation."""

from __future__ import annotations


class HandlebarsError(Exception):
    """Base class of every error raised while parsing or rendering a Handlebars template."""


def _readable(text: str) -> str:
    """``text`` with the surrogate pairs of the engine's UTF-16 form joined back into characters
    (an excerpt cut from the source keeps them otherwise, and such a string can't be encoded as
    UTF-8); a surrogate left alone by a cut becomes U+FFFD, as Node.js prints it."""
    if text.isascii():
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


class HandlebarsSyntaxError(HandlebarsError):
    """The template is not valid Handlebars: handlebars.js would refuse to compile it.

    ``line`` is 1-based and ``column`` 0-based, in UTF-16 code units, exactly as
    handlebars.js reports them (its ``Exception.lineNumber`` / ``column``, or for a
    parse error the position of the offending token). ``message`` is handlebars.js's
    own message text, in ordinary characters (UTF-8 encodable): the caret line still counts
    UTF-16 code units, as handlebars.js's does.
    """

    def __init__(self, message: str, *, line: int, column: int):
        message = _readable(message)
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


class HandlebarsNestingError(HandlebarsError, RecursionError):
    """The template nests deeper than this engine can follow.

    handlebars.js parses and renders blocks nested over a thousand levels deep; this engine
    walks the template recursively, so Python's recursion limit (1,000 frames by default)
    stops it at a couple of hundred levels, or where a partial includes itself without end.
    ``depth`` is how deep the template's blocks, ``{{else if}}`` chains and subexpressions
    nest. It is also a ``RecursionError``, for code that catches that.
    """

    def __init__(self, message: str, *, depth: int):
        super().__init__(message)
        self.depth = depth
