"""The report's command line (``python -m pinpoint_constructs.cli.report``)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from .events import load
from .figures import compute


def main(argv: Sequence[str] | None = None) -> int:
    """Write the report; 0 on success, 1 with ``--strict`` and skipped lines, 2 for an input
    that can't be read or a missing plotly."""
    parser = argparse.ArgumentParser(
        prog="python -m pinpoint_constructs.cli.report",
        description=(
            "An offline HTML report of engagement events: Pinpoint, Amazon SES, AWS End User "
            "Messaging and Amazon Connect, from .jsonl/.json/.gz files or folders of them."
        ),
    )
    parser.add_argument("inputs", nargs="+", help="event files or folders (searched recursively)")
    parser.add_argument("-o", "--output", required=True, help="the HTML file to write")
    parser.add_argument("--title", default="Engagement report", help="the page title")
    parser.add_argument(
        "--strict", action="store_true", help="fail (exit 1, no report) if any line is skipped"
    )
    args = parser.parse_args(argv)
    try:
        loaded = load(args.inputs)
    except OSError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    for skipped in loaded.skipped:
        print(f"skipped {skipped}", file=sys.stderr)
    print(
        f"{len(loaded.events)} events, {len(loaded.skipped)} line(s) skipped, "
        f"{len(loaded.files)} file(s)",
        file=sys.stderr,
    )
    if args.strict and loaded.skipped:
        print("no report written (--strict)", file=sys.stderr)
        return 1
    from .render import render

    try:
        page = render(loaded, compute(loaded.events), title=args.title)
    except ImportError:
        print(
            "error: the report needs plotly: pip install 'pinpoint-constructs[report]'",
            file=sys.stderr,
        )
        return 2
    Path(args.output).write_text(page, encoding="utf-8")
    print(f"wrote {args.output}", file=sys.stderr)
    return 0
