"""One cold run of the default app, timed phase by phase; prints the times as JSON.

    python benchmarks/_cold_app.py [--no-nag]

``benchmarks/synth.py`` runs it in fresh processes (with ``CDK_VALIDATION=false`` for one of
them); nothing is imported before the clock starts, so the first phase is Python's and
jsii's start-up (``import aws_cdk`` starts the jsii kernel and loads aws-cdk-lib).
"""

import time

_START = time.perf_counter()

import json  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

os.environ.setdefault("JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION", "1")
os.environ.setdefault("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main() -> None:
    times = {}
    import aws_cdk as cdk
    import cdk_nag  # noqa: F401  (its jsii assembly loads at import)

    mark = time.perf_counter()
    times["start-up"] = mark - _START
    from stacks import add_default_stacks, cdk_json_context

    times["library import"] = time.perf_counter() - mark
    with tempfile.TemporaryDirectory() as outdir:
        mark = time.perf_counter()
        app = cdk.App(context=cdk_json_context(), outdir=outdir)
        add_default_stacks(app, nag="--no-nag" not in sys.argv)
        times["build"] = time.perf_counter() - mark
        mark = time.perf_counter()
        app.synth()
        times["synth"] = time.perf_counter() - mark
    print(json.dumps(times))


if __name__ == "__main__":
    main()
