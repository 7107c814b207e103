"""Pinpoint's message template helpers, checked against the Amazon Pinpoint User Guide.

Expected values come from the examples in "Using message template helpers"
(docs.aws.amazon.com/pinpoint/latest/userguide/message-template-helpers.html); where an
example there is inconsistent (see the ``helpers`` module docstring) the correct value is
used and the guide's is noted.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from pinpoint_constructs.handlebars import HandlebarsRuntimeError, render
from pinpoint_constructs.handlebars.helpers import (
    DOCUMENTED_HELPERS,
    PINPOINT_HELPERS,
    SUPPORTED_HELPERS,
    parse_pinpoint,
    pinpoint_helpers,
    render_pinpoint,
)

FIXED_NOW = datetime(2020, 9, 19, 17, 30, 5, tzinfo=UTC)


def pinpoint(source: str, context: Any = None) -> str:
    """Render with every Pinpoint helper, a fixed clock and a fixed UUID."""
    return render_pinpoint(
        source,
        context,
        clock=lambda: FIXED_NOW,
        uuid_factory=lambda: "95f36680-152c-4052-99ec-cc3cdf7ca594",
    )


# -- the list of helpers -----------------------------------------------------------------

GUIDE_HELPERS = {
    # Default helpers (the Handlebars built-ins)
    "each", "if", "unless", "with", "lookup", "log",
    # Conditional helpers
    "and", "eq", "gt", "gte", "lt", "lte", "neq", "not", "or",
    # String helpers
    "abbreviate", "capitalize", "capitalizeFirst", "center", "cut", "dateFormat", "inflect",
    "join", "ljust", "lower", "now", "ordinalize", "replace", "rjust", "slugify", "stripTags",
    "substring", "upper", "yesno",
    # Math and encoding helpers
    "add", "ceiling", "decode64", "divide", "encode64", "floor", "md5", "modulo", "multiply",
    "round", "sha256", "sha512", "subtract", "uuid",
}  # fmt: skip


def test_supported_helpers_are_the_documented_ones() -> None:
    assert isinstance(SUPPORTED_HELPERS, frozenset)
    assert SUPPORTED_HELPERS == GUIDE_HELPERS
    assert frozenset().union(*DOCUMENTED_HELPERS.values()) == SUPPORTED_HELPERS


def test_every_supported_helper_is_implemented() -> None:
    builtins = DOCUMENTED_HELPERS["default"]
    assert set(PINPOINT_HELPERS) | builtins == SUPPORTED_HELPERS


# -- the example -----------------------------------------------------------------

AND_EXAMPLE = (
    '{{#and (gte User.UserAttributes.Age.[0] "18") (eq Location.Country "US")}}'
    "adult US{{else}}other{{/and}}"
)


@pytest.mark.parametrize(
    ("age", "country", "expected"),
    [
        (["30"], "US", "adult US"),
        (["18"], "US", "adult US"),
        (["9"], "US", "other"),  # numeric, not lexicographic: "9" < "18"
        (["30"], "CA", "other"),
        ([], "US", "other"),  # no age attribute
    ],
)
def test_and_gte_eq_example(age: list[str], country: str, expected: str) -> None:
    context = {"User": {"UserAttributes": {"Age": age}}, "Location": {"Country": country}}
    assert pinpoint(AND_EXAMPLE, context) == expected


def test_and_example_with_no_data_renders_the_else_branch() -> None:
    assert pinpoint(AND_EXAMPLE, {}) == "other"


# -- default helpers ---------------------------------------------------------------------

COLORS = {"User": {"UserAttributes": {"FavoriteColors": ["red", "blue", "yellow"]}}}
EACH_EXAMPLE = (
    "{{#each User.UserAttributes.FavoriteColors}}<li>{{this}}</li>"
    "{{else}}You have no favorite colors.{{/each}}"
)
IF_EXAMPLE = (
    "{{#if User.UserAttributes.FirstName.[0]}}Hello {{User.UserAttributes.FirstName.[0]}},"
    "{{else}}Hello,{{/if}}"
)


def test_each() -> None:
    assert pinpoint(EACH_EXAMPLE, COLORS) == "<li>red</li><li>blue</li><li>yellow</li>"
    assert pinpoint(EACH_EXAMPLE, {}) == "You have no favorite colors."
    assert pinpoint("{{#each l}}{{@index}}={{this}} {{/each}}", {"l": ["a", "b"]}) == "0=a 1=b "


def test_if() -> None:
    jane = {"User": {"UserAttributes": {"FirstName": ["Jane"]}}}
    assert pinpoint(IF_EXAMPLE, jane) == "Hello Jane,"
    assert pinpoint(IF_EXAMPLE, {}) == "Hello,"


def test_unless_with_lookup_log() -> None:
    context = {"Location": {"City": "Seattle"}, "key": "City"}
    assert pinpoint("{{#unless Location.City}}?{{else}}{{Location.City}}{{/unless}}", context) == (
        "Seattle"
    )
    assert pinpoint("{{#with Location}}{{City}}{{/with}}", context) == "Seattle"
    assert pinpoint("{{lookup Location key}}", context) == "Seattle"
    assert pinpoint("[{{log 'debug'}}]", context) == "[]"


def test_inline_partial_example() -> None:
    template = (
        '{{#* inline "fullName"}}'
        "{{User.UserAttributes.FirstName.[0]}}{{#if User.UserAttributes.LastName.[0]}}"
        " {{User.UserAttributes.LastName.[0]}}{{/if}}"
        "{{/inline}}"
        "Hello {{> fullName}}"
    )
    both = {"User": {"UserAttributes": {"FirstName": ["Jane"], "LastName": ["Doe"]}}}
    first_only = {"User": {"UserAttributes": {"FirstName": ["Jane"]}}}
    assert pinpoint(template, both) == "Hello Jane Doe"
    assert pinpoint(template, first_only) == "Hello Jane"


# -- conditional helpers -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("template", "context", "expected"),
    [
        # and: all values truthy
        (
            '{{#and (eq Location.City "Los Angeles") (eq Location.Country "US")}}'
            "You live in Los Angeles and the US.{{else}}You don't live in Los Angeles and "
            "the US.{{/and}}",
            {"Location": {"City": "Los Angeles", "Country": "US"}},
            "You live in Los Angeles and the US.",
        ),
        ("{{and a b c yes='y' no='n'}}", {"a": 1, "b": "x", "c": [0]}, "y"),
        ("{{and a b yes='y' no='n'}}", {"a": 1, "b": ""}, "n"),
        ("{{and a b}}", {"a": 1, "b": 0}, "false"),
        # eq / neq
        (
            '{{#eq User.UserAttributes.FavoriteColors.[0] "red"}}Your favorite color is red.'
            "{{else}}You don't like red.{{/eq}}",
            COLORS,
            "Your favorite color is red.",
        ),
        ('{{eq a "red"}}', {"a": "blue"}, "false"),
        ("{{eq a 18}} {{eq a 18.0}} {{eq a '18'}}", {"a": "18"}, "true true true"),
        ("{{eq a b yes='same' no='different'}}", {"a": [1], "b": [1]}, "same"),
        ("{{eq a true}} {{eq a 'true'}}", {"a": True}, "true false"),
        (
            '{{#neq User.UserAttributes.FavoriteColors.[0] "red"}}You do not like red.'
            "{{else}}You like red.{{/neq}}",
            COLORS,
            "You like red.",
        ),
        ("{{neq a b yes='y' no='n'}}", {"a": 1, "b": 2}, "y"),
        # gt / gte / lt / lte, numbers in strings compare as numbers
        (
            '{{#gt User.UserAttributes.UserAge.[0] "17"}}You are old enough to rent a car.'
            "{{else}}You are not old enough to rent a car.{{/gt}}",
            {"User": {"UserAttributes": {"UserAge": ["21"]}}},
            "You are old enough to rent a car.",
        ),
        (
            '{{#gte User.UserAttributes.UserAge.[0] "18"}}old enough{{else}}too young{{/gte}}',
            {"User": {"UserAttributes": {"UserAge": ["18"]}}},
            "old enough",
        ),
        (
            '{{#lt User.UserAttributes.UserAge.[0] "18"}}too young{{else}}old enough{{/lt}}',
            {"User": {"UserAttributes": {"UserAge": ["9"]}}},
            "too young",
        ),
        (
            '{{#lte User.UserAttributes.Age.[0] "17"}}too young{{else}}old enough{{/lte}}',
            {"User": {"UserAttributes": {"Age": ["17"]}}},
            "too young",
        ),
        (
            "{{gt a b}} {{gte a b}} {{lt a b}} {{lte a b}}",
            {"a": 2, "b": 10},
            "false false true true",
        ),
        ("{{gt a b}} {{lt a b}}", {"a": "pear", "b": "apple"}, "true false"),
        ("{{gt a 1 yes='Y' no='N'}}", {"a": "1.5"}, "Y"),
        ("{{gt missing 1}} {{lt missing 1}}", {}, "false false"),
        # not
        (
            '{{#not (eq User.UserAttributes.FavoriteColors.[0] "red")}}You do not like red.'
            "{{else}}You like red.{{/not}}",
            COLORS,
            "You like red.",
        ),
        ('{{not (eq User.UserAttributes.FavoriteColors.[0] "red")}}', COLORS, "false"),
        ("{{not a yes='y' no='n'}} {{not b}}", {"a": [], "b": "x"}, "y false"),
        # or
        (
            '{{#or (eq Location.City "Los Angeles") (eq Location.City "Seattle")}}'
            "You live on the West Coast of the United States.{{else}}You do not live on the "
            "West Coast of the United States.{{/or}}",
            {"Location": {"City": "Seattle"}},
            "You live on the West Coast of the United States.",
        ),
        ("{{or a b c yes='y' no='n'}}", {"a": 0, "b": "", "c": None}, "n"),
        ("{{or a b}}", {"b": "x"}, "true"),
    ],
)
def test_conditional_helpers(template: str, context: Any, expected: str) -> None:
    assert pinpoint(template, context) == expected


def test_conditional_block_keeps_context() -> None:
    template = "{{#each people}}{{#eq role 'admin'}}{{name}}!{{else}}{{name}}{{/eq}} {{/each}}"
    context = {"people": [{"name": "A", "role": "admin"}, {"name": "B", "role": "user"}]}
    assert pinpoint(template, context) == "A! B "


@pytest.mark.parametrize("name", ["eq", "neq", "gt", "gte", "lt", "lte"])
def test_comparisons_need_two_values(name: str) -> None:
    with pytest.raises(HandlebarsRuntimeError, match=f"{name} needs two values"):
        pinpoint(f"{{{{{name} a}}}}", {"a": 1})


# -- string helpers ----------------------------------------------------------------------

LOS_ANGELES = {"Location": {"City": "Los Angeles"}}


@pytest.mark.parametrize(
    ("template", "context", "expected"),
    [
        # abbreviate
        (
            "{{abbreviate User.UserAttributes.LastName.[0] 6}}",
            {"User": {"UserAttributes": {"LastName": ["Alejandro"]}}},
            "Ale...",
        ),
        ("{{abbreviate 'short' 6}}", None, "short"),
        # capitalize, capitalizeFirst
        (
            "{{capitalize Attributes.description.[0]}}",
            {"Attributes": {"description": ["my first post"]}},
            "My First Post",
        ),
        ("{{capitalize 'mY fIRST post' fully=true}}", None, "My First Post"),
        (
            "{{capitalizeFirst Attributes.description.[0]}}",
            {"Attributes": {"description": ["my first post"]}},
            "My first post",
        ),
        # center (the guide's quotes are for emphasis; its spaces are collapsed)
        ("[{{center Location.City size=19}}]", LOS_ANGELES, "[    Los Angeles    ]"),
        ("{{center 'ab' size=7 pad='*'}}", None, "**ab***"),
        # cut
        ('{{cut Location.City "e"}}', LOS_ANGELES, "Los Angls"),
        ("{{cut Location.City}}", LOS_ANGELES, "LosAngeles"),
        # inflect (the guide's unquoted words would be variable lookups)
        (
            "Thank you for your purchase of {{inflect 3 'apple' 'apples' includeCount=false}}.",
            None,
            "Thank you for your purchase of apples.",
        ),
        (
            "Thank you for your purchase of {{inflect 3 'apple' 'apples' includeCount=true}}.",
            None,
            "Thank you for your purchase of 3 apples.",
        ),
        ("{{inflect n 'apple' 'apples' includeCount=true}}", {"n": ["1"]}, "1 apple"),
        # join
        (
            '{{join Attributes.favorite_colors ", "}}',
            {"Attributes": {"favorite_colors": ["blue", "red", "green"]}},
            "blue, red, green",
        ),
        ('{{join l " // " prefix="[" suffix="]"}}', {"l": ["a", "b"]}, "[a // b]"),
        ('{{join "a" "b" "c" "-"}}', None, "a-b-c"),
        ('[{{join missing ", "}}]', {}, "[]"),
        # ljust, rjust
        ("[{{ljust Location.City 15}}]", LOS_ANGELES, "[Los Angeles    ]"),
        ("[{{rjust Location.City 15}}]", LOS_ANGELES, "[    Los Angeles]"),
        ("[{{rjust 'x' 4 pad='0'}}] [{{ljust 'x' 3 pad='ab'}}]", None, "[000x] [xab]"),
        # lower, upper
        (
            "{{lower User.UserAttributes.LastName.[0]}}",
            {"User": {"UserAttributes": {"LastName": ["Santos"]}}},
            "santos",
        ),
        (
            "{{upper User.UserAttributes.LastName.[0]}}",
            {"User": {"UserAttributes": {"LastName": ["Roe"]}}},
            "ROE",
        ),
        # ordinalize
        (
            "Congratulations on your {{ordinalize User.UserAttributes.UserAge.[0]}} birthday!",
            {"User": {"UserAttributes": {"UserAge": ["22"]}}},
            "Congratulations on your 22nd birthday!",
        ),
        (
            "{{ordinalize 1}} {{ordinalize 2}} {{ordinalize 3}} {{ordinalize 4}} {{ordinalize 11}}"
            " {{ordinalize 12}} {{ordinalize 13}} {{ordinalize 21}} {{ordinalize 101}}"
            " {{ordinalize 111}}",
            None,
            "1st 2nd 3rd 4th 11th 12th 13th 21st 101st 111th",
        ),
        # replace
        ('{{replace Location.City " " "_"}}', LOS_ANGELES, "Los_Angeles"),
        # slugify
        ("{{slugify Location.City}}", LOS_ANGELES, "los-angeles"),
        ("{{slugify '  Hello, World! 2024 '}}", None, "hello-world-2024"),
        # stripTags
        (
            "{{stripTags User.UserAttributes.interests.[0]}}",
            {"User": {"UserAttributes": {"interests": ["<h1>Art</h1>"]}}},
            "Art",
        ),
        # substring
        ("{{substring Location.City 4 9}}", LOS_ANGELES, "Angel"),
        ("{{substring Location.City 4}}", LOS_ANGELES, "Angeles"),
        # yesno
        (
            "{{yesno Attributes.IsUserSubscribed}}",
            {"Attributes": {"IsUserSubscribed": True}},
            "yes",
        ),
        ("{{yesno a}} {{yesno b}} {{yesno c}}", {"a": False, "b": ["true"]}, "no yes maybe"),
        ("{{yesno a yes='Y' no='N' maybe='?'}} {{yesno b maybe='?'}}", {"a": False}, "N ?"),
        # nested helpers: the inner helper runs first
        ('{{capitalizeFirst (lower "JANE")}}', None, "Jane"),
        # a missing value renders nothing
        ("[{{upper missing}}][{{ljust missing 3}}]", {}, "[][]"),
    ],
)
def test_string_helpers(template: str, context: Any, expected: str) -> None:
    assert pinpoint(template, context) == expected


def test_string_helper_results_are_html_escaped_like_any_value() -> None:
    assert pinpoint("{{upper v}}|{{{upper v}}}", {"v": "a&b"}) == "A&amp;B|A&B"


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        # The guide: "Tuesday, September 19, 2020" (2020-09-19 was a Saturday).
        ('{{dateFormat "2020-09-19" outputFormat="full"}}', "Saturday, September 19, 2020"),
        ('{{dateFormat "2020-09-19" outputFormat="long"}}', "September 19, 2020"),
        # The guide: "Sept 19, 2020"; Java's en_US medium style is "Sep 19, 2020".
        ('{{dateFormat "2020-09-19"}}', "Sep 19, 2020"),
        ('{{dateFormat "2020-09-19" outputFormat="short"}}', "9/19/20"),
        (
            '{{dateFormat "19/09/2020" inputFormat="dd/MM/yyyy" outputFormat="full"'
            ' tz="America/Los_Angeles"}}',
            "Saturday, September 19, 2020",
        ),
        (
            '{{dateFormat "2020-09-19T17:30:05Z" outputFormat="yyyy-MM-dd HH:mm:ss z"'
            ' tz="America/Los_Angeles"}}',
            "2020-09-19 10:30:05 PDT",
        ),
        ('{{dateFormat 1600536605000 "EEE, d MMM yyyy h:mm a"}}', "Sat, 19 Sep 2020 5:30 PM"),
        ("{{dateFormat \"2020-09-19\" \"'Week' w 'of' yyyy\"}}", "Week 38 of 2020"),
        # now, from a fixed clock (2020-09-19 17:30:05 UTC)
        ('{{now "medium" tz="America/Los_Angeles"}}', "Sep 19, 2020"),
        ("{{now}}", "Sep 19, 2020"),
        ('{{now "full" tz="Asia/Tokyo"}}', "Sunday, September 20, 2020"),
        ('{{now "HH:mm XXX" tz="Asia/Kolkata"}}', "23:00 +05:30"),
    ],
)
def test_date_helpers(template: str, expected: str) -> None:
    assert pinpoint(template) == expected


def test_now_uses_the_current_time_by_default() -> None:
    before = datetime.now(UTC)
    rendered = render_pinpoint('{{now "yyyy-MM-dd"}}')
    after = datetime.now(UTC)
    assert rendered in {before.strftime("%Y-%m-%d"), after.strftime("%Y-%m-%d")}


# -- math and encoding helpers -----------------------------------------------------------


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ("{{add 5 2.3}}", "7.3"),
        ("{{ceiling 5.23}}", "6"),
        ("{{divide 5 2.3}}", "2.17391304"),
        ("{{floor 5.23}}", "5"),
        ("{{modulo 7 2}}", "1"),
        ("{{modulo 7.5 2}}", "1.5"),
        ("{{multiply 5 2.3}}", "11.5"),
        (
            "You spent an average of {{round 19.21}} minutes on our website each day.",
            "You spent an average of 19 minutes on our website each day.",
        ),
        ("{{round 2.5}} {{round -2.5}}", "3 -2"),
        ("{{subtract 5 2.3}}", "2.7"),
        ("{{add '1' '2'}} {{multiply (add 1 2) (subtract 10 4)}}", "3 18"),
        ("{{add 0.1 0.2}}", "0.3"),
        # The guide's Base64 and MD5 examples are of "Hello world" (lower-case w).
        ('{{{encode64 "Hello World"}}}', "SGVsbG8gV29ybGQ="),
        ('{{{encode64 "Hello world"}}}', "SGVsbG8gd29ybGQ="),
        ('{{decode64 "SGVsbG8gd29ybGQ="}}', "Hello world"),
        ('{{md5 "Hello World"}}', "b10a8db164e0754105b7a99be72e3fe5"),
        ('{{md5 "Hello world"}}', "3e25960a79dbc69b674cd4ec67a72c62"),
        (
            '{{sha256 "Hello World"}}',
            "a591a6d40bf420404a011733cfb7b190d62c65bf0bcda32b57b277d9ad9f146e",
        ),
        (
            '{{sha512 "Hello World"}}',
            "2c74fd17edafd80e8447b0d46741ee243b7eb74dd2149a0ab1b9246fb30382f27e853d8585719e0e67c"
            "bda0daa8f51671064615d645ae27acb15bfb1447f459b",
        ),
        ("{{uuid}}", "95f36680-152c-4052-99ec-cc3cdf7ca594"),
    ],
)
def test_math_and_encoding_helpers(template: str, expected: str) -> None:
    assert pinpoint(template) == expected


def test_encode64_padding_is_html_escaped_in_double_stash() -> None:
    # `=` is one of the characters handlebars escapes; HTML shows it as "=".
    assert pinpoint('{{encode64 "Hello World"}}') == "SGVsbG8gV29ybGQ&#x3D;"


def test_uuid_is_random_by_default() -> None:
    first, second = render_pinpoint("{{uuid}}"), render_pinpoint("{{uuid}}")
    assert first != second
    assert len(first) == 36 and first.count("-") == 4


def test_helpers_can_be_combined_with_other_helpers() -> None:
    helpers = {
        **pinpoint_helpers(clock=lambda: FIXED_NOW),
        "shout": lambda text, options: text + "!",
    }
    assert render("{{shout (upper name)}}", {"name": "hi"}, helpers=helpers) == "HI!"


# -- misuse ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("template", "context", "message"),
    [
        ("{{add a 1}}", {"a": "ten"}, "add expects a number"),
        ("{{divide 1 0}}", None, "division by zero"),
        ("{{ceiling}}", None, "ceiling needs a number"),
        ("{{ceiling a}}", {"a": "1e999"}, "the result is not a finite number"),
        ("{{floor a}}", {"a": ["-1e999"]}, "the result is not a finite number"),
        ("{{round a}}", {"a": "1e999"}, "the result is not a finite number"),
        # JavaScript's 5 % 0 and Infinity % 2 are NaN (math.fmod raised ValueError)
        ("{{modulo 5 0}}", None, "the result is not a finite number"),
        ('{{modulo "1e999" 2}}', None, "the result is not a finite number"),
        ("{{abbreviate 'Alejandro' 2}}", None, "at least 4"),
        ("{{abbreviate 'Alejandro' -1}}", None, "non-negative whole number"),
        ("{{substring 'abc' 2 9}}", None, "out of range"),
        ("{{ordinalize 'x'}}", None, "ordinalize expects a number"),
        ("{{yesno 'maybe'}}", None, "yesno expects a boolean"),
        ("{{center 'x'}}", None, "center needs a size"),
        ("{{join l 1}}", {"l": ["a"]}, "separator string"),
        ("{{decode64 'not base64!'}}", None, "not Base64"),
        ('{{dateFormat "yesterday"}}', None, "not an ISO 8601 date"),
        ('{{dateFormat "2020-09-19" tz="Mars/Olympus"}}', None, "Unknown time zone"),
        ('{{dateFormat "2020" outputFormat="yyyy-qq"}}', None, "Illegal pattern character"),
        ('{{dateFormat "19.09.2020" inputFormat="dd/MM/yyyy"}}', None, "does not match"),
    ],
)
def test_helper_misuse_raises(template: str, context: Any, message: str) -> None:
    with pytest.raises(HandlebarsRuntimeError, match=message):
        pinpoint(template, context)


# -- what a template uses ----------------------------------------------------------------


def test_parse_pinpoint_lists_helpers_and_variables() -> None:
    template = parse_pinpoint(
        "Hi {{capitalize User.UserAttributes.FirstName.[0]}} ({{uuid}})\n"
        "{{#with Location}}{{City}}, {{../Location.Country}}{{/with}}\n"
        "{{#each User.UserAttributes.FavoriteColors as |color|}}{{color}} {{@index}}{{/each}}\n"
        "{{#if (gt Attributes.Points.[0] 100)}}VIP{{/if}} {{formatCurrency Attributes.Price}}\n"
        "{{@root.Endpoint.Address}} {{Name}}"
    )
    assert template.helpers_used == {
        "capitalize",
        "uuid",
        "with",
        "each",
        "if",
        "gt",
        "formatCurrency",
    }
    assert template.helpers_used - SUPPORTED_HELPERS == {"formatCurrency"}
    assert template.variables_used == {
        "User.UserAttributes.FirstName",
        "User.UserAttributes.FavoriteColors",
        "Location",
        "Location.City",
        "Location.Country",
        "Attributes.Points",
        "Attributes.Price",
        "Endpoint.Address",
        "Name",
    }


def test_references_carry_locations() -> None:
    template = parse_pinpoint("Hello\n  {{upper User.Name}}")
    helper = next(ref for ref in template.references if ref.kind == "helper")
    variable = next(ref for ref in template.references if ref.kind == "variable")
    assert (helper.name, helper.line, helper.column) == ("upper", 2, 4)
    assert (variable.name, variable.line, variable.column) == ("User.Name", 2, 10)


def test_partials_are_reported() -> None:
    template = parse_pinpoint('{{#*inline "sig"}}Bye{{/inline}}{{> sig}}{{> header}}')
    assert template.inline_partials == {"sig"}
    assert template.partials_used == {"sig", "header"}
