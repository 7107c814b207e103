"""A template's first render walks its tree; rendered again with the same helpers, it is
compiled once and the compiled form serves every later render."""

from __future__ import annotations

from datetime import UTC, datetime

from pinpoint_constructs.handlebars import PINPOINT_HELPERS, parse, parse_pinpoint, render_pinpoint

SOURCE = "{{#each l}}<{{upper this}}>{{/each}} {{now 'yyyy'}}"
CONTEXT = {"l": ["a", "b"]}


def test_the_second_render_with_the_same_helpers_compiles() -> None:
    template = parse_pinpoint(SOURCE + " tiers-1")
    first = template.render(CONTEXT, helpers=PINPOINT_HELPERS)
    assert template._compiled == {}  # walked
    assert template.render(CONTEXT, helpers=PINPOINT_HELPERS) == first
    assert len(template._compiled) == 1
    compiled = template.compile(PINPOINT_HELPERS)
    assert template.render(CONTEXT, helpers=PINPOINT_HELPERS) == first
    assert template.compile(PINPOINT_HELPERS) is compiled


def test_a_new_helpers_mapping_per_render_walks_instead_of_compiling() -> None:
    # render_pinpoint(clock=...) builds a new helpers mapping on every call: each render
    # walks the tree (as fast as before compiled templates) instead of compiling anew.
    template = parse_pinpoint(SOURCE + " tiers-2")
    moment = datetime(2026, 12, 8, tzinfo=UTC)
    outputs = {render_pinpoint(template, CONTEXT, clock=lambda: moment) for _ in range(3)}
    assert outputs == {"<A><B> 2026 tiers-2"}
    assert template._compiled == {}


def test_walked_and_compiled_renders_agree() -> None:
    template = parse("{{#each l}}{{#if this}}[{{this}}]{{else}}-{{/if}}{{/each}}")
    context = {"l": [1, 0, "<", None]}
    assert template.render(context) == template.compile().render(context) == "[1]-[&lt;]-"
