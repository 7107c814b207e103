#!/usr/bin/env python3
"""The CDK app of the default stacks: ``cdk synth`` / ``cdk deploy`` run this file."""

import os

# jsii prints a Node.js end-of-life banner on every start; it says nothing about this app.
os.environ.setdefault("JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION", "1")
os.environ.setdefault("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20")

import aws_cdk as cdk

from stacks import add_default_stacks, cdk_json_context


def main() -> None:
    # Under the CDK CLI the context (cdk.json's feature flags included) arrives from the CLI;
    # run directly (`python app.py`), read cdk.json so the result is the same.
    context = None
    if "CDK_CONTEXT_JSON" not in os.environ and "CDK_OUTDIR" not in os.environ:
        context = cdk_json_context()
    app = cdk.App(context=context, outdir=os.environ.get("CDK_OUTDIR", "cdk.out"))
    add_default_stacks(app)
    app.synth()


if __name__ == "__main__":
    main()
