"""Generate ``_tables.py`` from the parser tables of the installed handlebars.js.

The Python parser runs the very LALR(1) tables that Jison generated for handlebars.js,
so it accepts exactly the same language and reports the same "Expecting ..." errors.
Regenerate after changing the pinned handlebars version in ``package.json``::

    node tests/unit/handlebars/render_reference.js --dump-parser-tables \\
        | python -m pinpoint_constructs.handlebars._tablegen

The differential test checks that the committed tables still match node_modules.
"""

from __future__ import annotations

import json
import sys
import textwrap
from pathlib import Path
from typing import Any

TABLES_MODULE = Path(__file__).with_name("_tables.py")

_HEADER = '''\
"""LALR(1) parser tables of handlebars.js {version} (generated: do not edit).

Produced by ``_tablegen.py`` from ``handlebars/dist/cjs/handlebars/compiler/parser.js``
(handlebars.js is MIT licensed, Copyright (C) 2011-2019 by Yehuda Katz).
"""

from __future__ import annotations

import json

HANDLEBARS_VERSION = "{version}"

# Compact JSON: {{"terminals", "symbols", "productions", "table", "defaultActions"}} exactly
# as Jison emitted them.
_TABLES_JSON = (
'''

_FOOTER = """\
)

_TABLES = json.loads(_TABLES_JSON)
"""


def normalize(dump: dict[str, Any]) -> dict[str, Any]:
    """Reduce a ``--dump-parser-tables`` document to the parts the parser uses."""
    return {
        "terminals": dump["terminals"],
        "symbols": dump["symbols"],
        "productions": dump["productions"],
        "table": dump["table"],
        "defaultActions": dump["defaultActions"],
    }


def _literal(text: str) -> str:
    """Quote ``text`` the way ``ruff format`` prefers (double quotes unless that needs escapes)."""
    return repr(text) if '"' in text else f'"{text}"'


def render_module(dump: dict[str, Any]) -> str:
    """Return the source text of ``_tables.py`` for a table dump."""
    payload = json.dumps(normalize(dump), separators=(",", ":"), sort_keys=True)
    lines = textwrap.wrap(payload, width=90, break_long_words=True, break_on_hyphens=False)
    # textwrap drops whitespace at line breaks; the payload has none, so joining is lossless.
    assert "".join(lines) == payload
    body = "".join(f"    {_literal(line)}\n" for line in lines)
    return _HEADER.format(version=dump["version"]) + body + _FOOTER


def main() -> None:
    """Read a table dump on stdin and write ``_tables.py`` next to this module."""
    dump = json.load(sys.stdin)
    TABLES_MODULE.write_text(render_module(dump), encoding="utf-8")
    print(f"wrote {TABLES_MODULE.name} for handlebars {dump['version']}")


if __name__ == "__main__":
    main()
