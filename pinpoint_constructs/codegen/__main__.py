"""``python -m pinpoint_constructs.codegen EXPORT... [--out FILE] [--class-name NAME]``.

Exit status 0 when the module was written, 1 for definitions the importer can't express
(every problem of every file is listed, each with its file, field and what to do), 2 for a
missing file or a file that is not JSON.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import CodegenError, generate
from ._model import NOT_JSON


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m pinpoint_constructs.codegen",
        description="Write a Python CDK module of pinpoint_constructs constructs from the JSON "
        "that `aws pinpoint get-... --output json` prints (files or folders).",
    )
    parser.add_argument("paths", nargs="+", help="exported JSON files or folders of them")
    parser.add_argument("--out", "-o", help="where to write the module (default: stdout)")
    parser.add_argument(
        "--class-name", default="ImportedPinpointStack", help="the generated stack class"
    )
    args = parser.parse_args(argv)
    for path in args.paths:
        if not Path(path).exists():
            print(f"error: {path}: no such file or folder", file=sys.stderr)
            return 2
    try:
        source = generate(args.paths, class_name=args.class_name)
    except CodegenError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2 if any(p.message.startswith(NOT_JSON) for p in error.problems) else 1
    if args.out:
        Path(args.out).write_text(source, encoding="utf-8")
    else:
        sys.stdout.write(source)
    return 0


if __name__ == "__main__":
    sys.exit(main())
