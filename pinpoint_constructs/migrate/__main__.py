"""``python -m pinpoint_constructs.migrate EXPORT_DIR -o program.py [--report FILE.html]
[--report-md FILE.md] [--class-name NAME]``.

Exit status 0 when the module (and reports) were written, 1 for exports the tool can't read
(every problem listed with its file, field and what to do), 2 for a missing folder or a file
that is not JSON.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..codegen._model import NOT_JSON, CodegenError
from . import migrate


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m pinpoint_constructs.migrate",
        description="Write a CDK module of the successor services (Customer Profiles, Q in "
        "Connect, Amazon Connect campaigns, SES, End User Messaging) from the JSON that "
        "`aws pinpoint get-... --output json` prints, and a report of every resource.",
    )
    parser.add_argument("paths", nargs="+", help="exported JSON files or folders of them")
    parser.add_argument("--out", "-o", help="where to write the module (default: stdout)")
    parser.add_argument("--report", help="where to write the HTML report")
    parser.add_argument("--report-md", help="where to write the Markdown report")
    parser.add_argument(
        "--class-name", default="MigratedProgramStack", help="the generated stack class"
    )
    args = parser.parse_args(argv)
    for path in args.paths:
        if not Path(path).exists():
            print(f"error: {path}: no such file or folder", file=sys.stderr)
            return 2
    try:
        result = migrate(args.paths, class_name=args.class_name)
    except CodegenError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2 if any(p.message.startswith(NOT_JSON) for p in error.problems) else 1
    if args.out:
        Path(args.out).write_text(result.source, encoding="utf-8")
    else:
        sys.stdout.write(result.source)
    if args.report:
        Path(args.report).write_text(result.report.html(), encoding="utf-8")
    if args.report_md:
        Path(args.report_md).write_text(result.report.markdown(), encoding="utf-8")
    counts = result.report.counts()
    summary = ", ".join(f"{n} {status.value}" for status, n in counts.items() if n)
    print(f"{len(result.report.items)} resources: {summary}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
