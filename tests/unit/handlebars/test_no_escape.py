"""``Template.without_escaping()``: handlebars.js's ``noEscape: true`` (values written as they
are), for output that is not HTML such as a URL in a mail header."""

from __future__ import annotations

from pinpoint_constructs.handlebars import PINPOINT_HELPERS, parse_pinpoint

CONTEXT = {"User": {"UserId": "a&b='1'<>"}, "Show": True, "Tail": "`x`"}
SOURCE = "https://example.com/u?id={{User.UserId}}{{#if Show}}&t={{Tail}}{{/if}}"


def test_values_are_written_as_they_are_in_blocks_too():
    template = parse_pinpoint(SOURCE).without_escaping()
    rendered = template.compile(PINPOINT_HELPERS).render(CONTEXT)
    assert rendered == "https://example.com/u?id=a&b='1'<>&t=`x`"


def test_the_original_template_still_escapes():
    template = parse_pinpoint(SOURCE)
    template.without_escaping()
    rendered = template.compile(PINPOINT_HELPERS).render(CONTEXT)
    assert rendered == "https://example.com/u?id=a&amp;b&#x3D;&#x27;1&#x27;&lt;&gt;&t=&#x60;x&#x60;"
