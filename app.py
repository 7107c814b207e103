#!/usr/bin/env python3
"""The CDK app of the default stacks: ``cdk synth`` / ``cdk deploy`` run this file."""

import os
import sys

# jsii prints a Node.js end-of-life banner on every start; it says nothing about this app.
os.environ.setdefault("JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION", "1")
os.environ.setdefault("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20")

import aws_cdk as cdk

from stacks import ContextError, add_default_stacks, cdk_json_context
from stacks._common import CONTEXT_KEYS, is_user_key


def context_error(app: cdk.App, error: ValueError) -> str | None:
    """The one-line message for ``error`` if it comes from a context value the user gave
    (the value appears in the message), naming the context key; ``None`` otherwise."""
    if isinstance(error, ContextError):
        return str(error)
    message = str(error)
    for key, value in sorted(app.node.get_all_context().items()):
        if not is_user_key(key) or key not in CONTEXT_KEYS:
            continue
        text = str(value)
        if text and (repr(text) in message or (len(text) > 2 and text in message)):
            return f"-c {key}={text}: {message}"
    return None


def main() -> int:
    # Under the CDK CLI the context (cdk.json's feature flags included) arrives from the CLI;
    # run directly (`python app.py`), read cdk.json so the result is the same.
    context = None
    if "CDK_CONTEXT_JSON" not in os.environ and "CDK_OUTDIR" not in os.environ:
        context = cdk_json_context()
    app = cdk.App(context=context, outdir=os.environ.get("CDK_OUTDIR", "cdk.out"))
    try:
        add_default_stacks(app)
    except (ValueError, TypeError) as error:
        line = context_error(app, error) if isinstance(error, ValueError) else None
        if line is None:
            raise
        print(f"error: {line}", file=sys.stderr)
        return 1
    app.synth()
    return 0


if __name__ == "__main__":
    sys.exit(main())
