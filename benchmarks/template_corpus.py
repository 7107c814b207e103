#!/usr/bin/env python3
"""The Handlebars engine on templates it was not written for, against handlebars.js, in one run.

    python benchmarks/template_corpus.py [--repeat N] [--synth-repeat N | --no-synth]

The corpus is every ``benchmarks/corpus/*.hbs`` (public templates, each with a ``.json``
context; ``corpus/SOURCES.md`` names where each comes from and its licence) plus the
project's own benchmark email (``template_rendering.TEMPLATE``). For every template, both
engines first render it and the outputs must be identical; then, alternately so that machine
load hits both alike, ``--repeat`` short rounds of each measure (per template, best round, as
``timeit`` reports):

- **hot render**: a compiled template rendered again and again: the Python engine's
  ``parse_pinpoint(...).compile(PINPOINT_HELPERS)`` against ``Handlebars.compile`` in one
  ``node`` process kept open (bound: <= 2x);
- **parse + compile** of a template never seen (parse caches emptied): the Python
  ``parse_pinpoint(source).compile(PINPOINT_HELPERS)`` against ``Handlebars.precompile``
  (bound: <= 2x);
- **one-shot render** of a template never seen (the preview CLI's case): the Python
  ``render_pinpoint(source, context)`` against the *old tree-walking engine*, the
  ``pinpoint_constructs/handlebars`` package as it was before templates were compiled into
  closures (commit ``cc78b9e^``: parse, then ``Renderer`` walks the tree), taken from git
  history into a temporary directory and imported beside the current one (bound: <= 1x);
- for information (no bound), **compile + first render**: ``parse_pinpoint(source)
  .compile(PINPOINT_HELPERS).render(context)`` against ``Handlebars.compile(source)(context)``:
  both engines turn generated source into code on first use (the Python programs' bytecode
  is compiled when first run), which ``compile``/``precompile`` alone leave out.

Last, the **synth-time checks** of 200 unrelated 6 KB newsletters (each with a structure
of its own, so every one is parsed in full; ``templates.py``'s worst case): build + synth
with ``validate_handlebars`` on and off, alternately, the share of the validated build the
checks take, by wall and CPU time (bound: <= 20%).
"""

from __future__ import annotations

import argparse
import importlib
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from benchmarks import template_rendering  # noqa: E402
from pinpoint_constructs.handlebars import (  # noqa: E402
    PINPOINT_HELPERS,
    _closures,
    _skeleton,
    engine,
    parse_pinpoint,
    render_pinpoint,
)

CORPUS_DIR = Path(__file__).resolve().parent / "corpus"
#: The commit before compiled closures: its engine parsed, then walked the tree per render.
OLD_ENGINE_COMMIT = "cc78b9e^"

# handlebars.js with the benchmark email's three helpers as Pinpoint defines them; one JSON
# request per line on stdin, one JSON answer per line on stdout.
_NODE_SCRIPT = r"""
'use strict';
const readline = require('readline');
const Handlebars = require(require.resolve('handlebars', { paths: [process.argv[1]] }));
const text = (v) => (v == null ? '' : String(v));
Handlebars.registerHelper('upper', (v) => (v == null ? '' : text(v).toUpperCase()));
Handlebars.registerHelper('capitalizeFirst', (v) => {
  if (v == null) return '';
  const s = text(v);
  return s.slice(0, 1).toUpperCase() + s.slice(1);
});
Handlebars.registerHelper('eq', function (a, b, options) {
  const equal = a == null || b == null ? a == null && b == null : text(a) === text(b);
  if (options.fn) return equal ? options.fn(this) : options.inverse(this);
  return equal;
});
const templates = {};
const rl = readline.createInterface({ input: process.stdin });
const answer = (value) => process.stdout.write(JSON.stringify(value) + '\n');
rl.on('line', (line) => {
  const r = JSON.parse(line);
  if (r.op === 'load') {
    const render = Handlebars.compile(r.template);
    templates[r.name] = { render, context: r.context, source: r.template };
    answer({ output: render(r.context) });
  } else if (r.op === 'render') {
    const t = templates[r.name];
    for (let i = 0; i < Math.min(200, r.count); i++) t.render(t.context); // warm-up
    const start = process.hrtime.bigint();
    for (let i = 0; i < r.count; i++) t.render(t.context);
    answer({ seconds: Number(process.hrtime.bigint() - start) / 1e9 });
  } else if (r.op === 'first') {
    const t = templates[r.name];
    const start = process.hrtime.bigint();
    for (let i = 0; i < r.count; i++) Handlebars.compile(t.source)(t.context);
    answer({ seconds: Number(process.hrtime.bigint() - start) / 1e9 });
  } else if (r.op === 'precompile') {
    const t = templates[r.name];
    Handlebars.precompile(t.source); // warm-up
    const start = process.hrtime.bigint();
    for (let i = 0; i < r.count; i++) Handlebars.precompile(t.source);
    answer({ seconds: Number(process.hrtime.bigint() - start) / 1e9 });
  }
});
"""


class Node:
    """handlebars.js in one ``node`` process kept open for the run."""

    def __init__(self) -> None:
        node = shutil.which("node")
        if node is None:
            raise SystemExit("node is required (Node.js 20+)")
        if not (REPO_ROOT / "node_modules" / "handlebars").is_dir():
            raise SystemExit("handlebars.js is not installed: run `npm ci` in the repository root")
        self._process = subprocess.Popen(
            [node, "-e", _NODE_SCRIPT, str(REPO_ROOT)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )

    def ask(self, **request: Any) -> dict[str, Any]:
        assert self._process.stdin is not None and self._process.stdout is not None
        self._process.stdin.write(json.dumps(request) + "\n")
        self._process.stdin.flush()
        return dict(json.loads(self._process.stdout.readline()))

    def close(self) -> None:
        assert self._process.stdin is not None
        self._process.stdin.close()
        self._process.wait(timeout=10)


def load_corpus() -> list[tuple[str, str, Any]]:
    """``(name, source, context)`` of every corpus template, the project's email first."""
    corpus = [("project-benchmark-email", template_rendering.TEMPLATE, template_rendering.CONTEXT)]
    for path in sorted(CORPUS_DIR.glob("*.hbs")):
        context = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        corpus.append((path.stem, path.read_text(encoding="utf-8"), context))
    return corpus


def old_engine(directory: Path) -> ModuleType:
    """The Handlebars package of :data:`OLD_ENGINE_COMMIT`, imported as ``old_handlebars``."""
    archive = subprocess.run(
        ["git", "archive", OLD_ENGINE_COMMIT, "pinpoint_constructs/handlebars"],
        cwd=REPO_ROOT,
        capture_output=True,
        check=True,
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(directory)], input=archive, check=True)
    (directory / "pinpoint_constructs" / "handlebars").rename(directory / "old_handlebars")
    sys.path.insert(0, str(directory))
    return importlib.import_module("old_handlebars")


def _clear_caches(old: ModuleType) -> None:
    """Forget every parse and compiled form, so the next template is one never seen."""
    engine._parse.cache_clear()
    _skeleton.skeleton_references.cache_clear()
    _closures._CODE_CACHE.clear()
    old.engine._parse.cache_clear()


def _best(fn: Callable[[], object], count: int) -> float:
    """Seconds per call of ``fn`` over ``count`` calls."""
    start = time.perf_counter()
    for _ in range(count):
        fn()
    return (time.perf_counter() - start) / count


def measure_template(
    node: Node, old: ModuleType, name: str, source: str, context: Any, repeat: int
) -> dict[str, float]:
    """Best-round seconds per operation for one template, both engines alternately."""
    expected = node.ask(op="load", name=name, template=source, context=context)["output"]
    compiled = parse_pinpoint(source).compile(PINPOINT_HELPERS)
    if compiled.render(context) != expected:
        raise SystemExit(f"{name}: the outputs differ: Python and handlebars.js disagree")
    old_helpers = old.PINPOINT_HELPERS

    def old_one_shot() -> str:
        _clear_caches(old)
        return str(old.render_pinpoint(source, context))

    def new_one_shot() -> str:
        _clear_caches(old)
        return render_pinpoint(source, context)

    def parse_compile() -> object:
        _clear_caches(old)
        return parse_pinpoint(source).compile(PINPOINT_HELPERS)

    def compile_first_render() -> str:
        _clear_caches(old)
        return parse_pinpoint(source).compile(PINPOINT_HELPERS).render(context)

    if new_one_shot() != expected:
        raise SystemExit(f"{name}: the one-shot render differs from handlebars.js")
    old_one_shot()
    # Short rounds (about 20 ms in Python), many of them: the best round is the one the
    # machine's other work disturbed least, and bursts of load on a shared machine are short.
    once = _best(lambda: compiled.render(context), 3)
    renders = max(10, int(0.02 / once))
    shots = max(2, int(0.02 / _best(parse_compile, 1)))
    rounds: dict[str, list[float]] = {
        key: []
        for key in (
            "node",
            "hot",
            "precompile",
            "compile",
            "old",
            "one_shot",
            "node_first",
            "first",
        )
    }
    for _ in range(repeat):
        rounds["node"].append(node.ask(op="render", name=name, count=renders)["seconds"] / renders)
        rounds["hot"].append(_best(lambda: compiled.render(context), renders))
        rounds["precompile"].append(
            node.ask(op="precompile", name=name, count=shots)["seconds"] / shots
        )
        rounds["compile"].append(_best(parse_compile, shots))
        rounds["old"].append(_best(old_one_shot, shots))
        rounds["one_shot"].append(_best(new_one_shot, shots))
        rounds["node_first"].append(node.ask(op="first", name=name, count=shots)["seconds"] / shots)
        rounds["first"].append(_best(compile_first_render, shots))
    del old_helpers
    return {key: min(values) for key, values in rounds.items()}


def measure_checks(repeat: int) -> tuple[float, float]:
    """The checks' share of the validated build + synth of 200 unrelated newsletters (wall,
    CPU), medians of ``repeat`` runs each way."""
    from benchmarks import templates

    templates.run_once(templates.DISTINCT, 200, True)  # warm-up: jsii start-up, first synth
    templates.run_once(templates.DISTINCT, 200, False)
    on: list[tuple[float, float]] = []
    off: list[tuple[float, float]] = []
    for _ in range(repeat):
        on.append(templates.run_once(templates.DISTINCT, 200, True))
        off.append(templates.run_once(templates.DISTINCT, 200, False))
    shares = []
    for index in (0, 1):
        on_median = statistics.median(run[index] for run in on)
        off_median = statistics.median(run[index] for run in off)
        shares.append((on_median - off_median) / on_median)
    checks = statistics.median(templates.checks_only(templates.DISTINCT, 200) for _ in range(3))
    print(
        f"checks of 200 unrelated 6 KB newsletters: {checks * 1000:.0f} ms "
        f"({checks / 200 * 1000:.2f} ms per template); share of build + synth: "
        f"wall {shares[0]:.0%}, CPU {shares[1]:.0%} (bound: <= 20%)"
    )
    return shares[0], shares[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15, help="rounds per measure")
    parser.add_argument("--synth-repeat", type=int, default=3, help="synth runs each way")
    parser.add_argument("--no-synth", action="store_true", help="skip the synth-time checks")
    parser.add_argument("--only", help="measure only the templates whose name contains this")
    args = parser.parse_args(argv)

    corpus = [c for c in load_corpus() if args.only is None or args.only in c[0]]
    misses: list[str] = []
    node = Node()
    with tempfile.TemporaryDirectory() as directory:
        old = old_engine(Path(directory))
        try:
            print(
                f"{'template':32s} {'KB':>5s}  {'hot us':>8s} {'node us':>8s} {'ratio':>6s}  "
                f"{'compile ms':>10s} {'precomp ms':>10s} {'ratio':>6s}  "
                f"{'1-shot ms':>9s} {'old ms':>8s} {'ratio':>6s}  "
                f"{'1st ms':>7s} {'node ms':>7s} {'ratio':>6s}"
            )
            for name, source, context in corpus:
                best = measure_template(node, old, name, source, context, args.repeat)
                hot = best["hot"] / best["node"]
                compile_ratio = best["compile"] / best["precompile"]
                one_shot = best["one_shot"] / best["old"]
                print(
                    f"{name:32s} {len(source.encode()) / 1024:5.1f}  "
                    f"{best['hot'] * 1e6:8.1f} {best['node'] * 1e6:8.1f} {hot:5.2f}x  "
                    f"{best['compile'] * 1e3:10.2f} {best['precompile'] * 1e3:10.2f} "
                    f"{compile_ratio:5.2f}x  {best['one_shot'] * 1e3:9.2f} "
                    f"{best['old'] * 1e3:8.2f} {one_shot:5.2f}x  "
                    f"{best['first'] * 1e3:7.2f} {best['node_first'] * 1e3:7.2f} "
                    f"{best['first'] / best['node_first']:5.2f}x",
                    flush=True,
                )
                for label, ratio, bound in (
                    ("hot render", hot, 2.0),
                    ("parse+compile", compile_ratio, 2.0),
                    ("one-shot", one_shot, 1.0),
                ):
                    if ratio > bound:
                        misses.append(f"{name}: {label} {ratio:.2f}x (bound {bound:g}x)")
        finally:
            node.close()
    if not args.no_synth:
        wall, cpu = measure_checks(args.synth_repeat)
        if wall > 0.2 or cpu > 0.2:
            misses.append(f"synth-time checks: wall {wall:.0%}, CPU {cpu:.0%} (bound 20%)")
    print("bounds: all hold" if not misses else "bounds missed:\n  " + "\n  ".join(misses))
    return 0


if __name__ == "__main__":
    sys.exit(main())
