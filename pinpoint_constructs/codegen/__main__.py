"""``python -m pinpoint_constructs.codegen EXPORT... [--out FILE] [--class-name NAME]``.

Exit status 0 when the module was written, 1 for a definition the importer can't express
(the message names the file and the field), 2 for a missing file or bad JSON.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import CodegenError, generate


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
        message = str(error)
        print(f"error: {message}", file=sys.stderr)
        return 2 if ": not JSON: " in message else 1
    if args.out:
        Path(args.out).write_text(source, encoding="utf-8")
    else:
        sys.stdout.write(source)
    return 0


if __name__ == "__main__":
    sys.exit(main())
