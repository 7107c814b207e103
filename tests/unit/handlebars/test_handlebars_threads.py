"""Compiled templates render concurrently and reentrantly: no state is shared between renders.

Before, a template with inline partials was rendered by one shared renderer that kept the
partials in scope on itself: from 8 threads, about 8 renders in 1,600 of the template below
failed with "The partial p could not be found".
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from typing import Any

import pytest

from pinpoint_constructs.handlebars import HelperOptions, parse, render

TEMPLATE = '{{#*inline "p"}}<b>{{name}}</b>{{/inline}}{{#each items}}{{> p}}{{/each}}'
CONTEXT = {"items": [{"name": f"n{index}"} for index in range(50)]}
EXPECTED = "".join(f"<b>n{index}</b>" for index in range(50))


@pytest.fixture
def frequent_thread_switches() -> Iterator[None]:
    """Switch threads every microsecond, so renders interleave at almost every step."""
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        yield
    finally:
        sys.setswitchinterval(interval)


def test_one_compiled_template_renders_from_8_threads(frequent_thread_switches: None) -> None:
    compiled = parse(TEMPLATE).compile()
    assert compiled.render(CONTEXT) == EXPECTED
    failures: list[str] = []
    start = threading.Barrier(8)

    def work() -> None:
        start.wait()
        for _ in range(200):
            try:
                output = compiled.render(CONTEXT)
            except Exception as error:
                failures.append(repr(error))
            else:
                if output != EXPECTED:
                    failures.append(output)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []


def test_a_helper_may_render_the_same_template_inside_itself() -> None:
    source = '{{#*inline "p"}}[{{name}}{{nested}}]{{/inline}}{{#each items}}{{> p}}{{/each}}'
    template = parse(source)
    depth = {"level": 0}

    def nested(options: HelperOptions) -> Any:
        if depth["level"] >= 2:
            return ""
        depth["level"] += 1
        try:
            return compiled.render({"items": [{"name": "x"}, {"name": "y"}]})
        finally:
            depth["level"] -= 1

    compiled = template.compile({"nested": nested})
    inner = "[x][y]"
    middle = f"[x{inner}][y{inner}]"
    assert compiled.render({"items": [{"name": "a"}]}) == f"[a{middle}]"


def test_inline_partials_stay_in_their_render() -> None:
    # A partial defined by one render is not found by another (or by a later one).
    assert render('{{#*inline "q"}}Q{{/inline}}{{> q}}', {}) == "Q"
    with pytest.raises(Exception, match="The partial q could not be found"):
        render("{{> q}}", {})


def test_threads_may_run_a_compiled_template_first_at_once(frequent_thread_switches: None) -> None:
    # Generated code is compiled on its first run: 8 threads may all run it first together.
    source = "{{#each items}}<i>{{name}}</i>{{#if name}}!{{/if}}{{/each}} (first run)"
    expected = "".join(f"<i>n{index}</i>!" for index in range(50)) + " (first run)"
    for _ in range(3):
        compiled = parse(source).compile({})
        outputs: list[str] = []
        start = threading.Barrier(8)

        def work(
            template: Any = compiled, start: Any = start, outputs: list[str] = outputs
        ) -> None:
            start.wait()
            outputs.append(template.render(CONTEXT))

        threads = [threading.Thread(target=work) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert outputs == [expected] * 8
