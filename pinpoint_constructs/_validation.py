"""Validation helpers shared by every construct.

Each raises early, in the constructor, with the prop name and the value received, and lets
unresolved tokens through (they are only known at deploy time).

Types first, by one mechanism: every public construct, props class and factory carries
``@checked_props`` (``pinpoint_constructs._props``), which checks each argument against its
annotation before the constructor runs (``int`` refuses bools, fractions, NaN and infinity;
``float`` refuses bools, NaN and infinity; enums, sequences and mappings of the right items,
``X | None``, interfaces structurally), so the helpers below deal with ranges and formats.
A new public construct needs one line above its class::

    from .._props import checked_props

    @checked_props
    class MyConstruct(Construct):
        def __init__(self, scope: Construct, id: str, *, size: int = 1) -> None: ...

(above ``@dataclass`` when there is one). ``tests/unit/test_props_coverage.py`` fails for a
public name of the root ``__init__.pyi`` without it, and ``tests/unit/test_prop_fuzz.py``
feeds every public callable wrong values. The helpers still refuse a wrong type by name
(``name must be a string, got int: 5``), since they also serve nested values.
"""

from __future__ import annotations

import enum
import json
import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, date, datetime
from typing import Any, TypeVar
from urllib.parse import urlsplit

from aws_cdk import Duration, SecretValue, Stack, Token
from constructs import IConstruct

from ._endpoint_files import MAX_ATTRIBUTE_NAME_LENGTH

_HH_MM = re.compile(r"^(?:[01]\d|2[0-3]):[0-5]\d$")


def is_unresolved(value: Any) -> bool:
    """True for CDK tokens (strings, numbers, lists) that resolve only at deploy time.

    Values that cannot be tokens are answered in Python, without the jsii round trip (about
    0.4 ms each, which adds up over hundreds of constructs): ``None``, ints and bools (CDK
    number tokens are floats) and strings without the ``{Token[`` marker that every encoded
    CDK string or list token carries.
    """
    if value is None or isinstance(value, int):
        return False
    if isinstance(value, str) and "{Token[" not in value:
        return False
    return bool(Token.is_unresolved(value))


def cached_token(owner: object, slot: str, read: Callable[[], str]) -> str:
    """``read()`` on the first call for ``owner``, the same string afterwards.

    For an attribute token of an L1 (``ref``, ``attr_*``): each read is a round trip to the
    jsii kernel that returns an equivalent token, so a construct read by hundreds of others
    keeps the first one in ``owner.__dict__[slot]``.
    """
    cache = vars(owner)
    token = cache.get(slot)
    if token is None:
        token = cache[slot] = read()
    return token


def check_range(
    prop: str, value: float | None, minimum: float, maximum: float | None = None
) -> None:
    """Raise if ``value`` is outside ``[minimum, maximum]`` (``maximum=None``: no upper bound)."""
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"{prop} must be a number, got {_got(value)}")
    # NaN would break the jsii kernel (it is not JSON) before any token check could run.
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"{prop} must be a finite number, got {value}")
    if is_unresolved(value):
        return
    if maximum is None:
        if value < minimum:
            raise ValueError(f"{prop} must be at least {minimum}, got {value}")
    elif not minimum <= value <= maximum:
        raise ValueError(f"{prop} must be between {minimum} and {maximum}, got {value}")


def check_length(prop: str, value: str | None, maximum: int, minimum: int = 1) -> None:
    """Raise if the string ``value`` is shorter than ``minimum`` or longer than ``maximum``."""
    if value is None or is_unresolved(value):
        return
    _require_text(prop, value)
    if not minimum <= len(value) <= maximum:
        raise ValueError(
            f"{prop} must be {minimum} to {maximum} characters long, "
            f"got {len(value)} characters: {value!r}"
        )


def check_pattern(prop: str, value: str | None, pattern: re.Pattern[str], rule: str) -> None:
    """Raise if ``value`` does not match ``pattern``; ``rule`` says in words what is expected."""
    if value is None or is_unresolved(value):
        return
    _require_text(prop, value)
    if not pattern.fullmatch(value):
        raise ValueError(f"{prop} must be {rule}, got {value!r}")


def _require_text(prop: str, value: Any) -> None:
    if not isinstance(value, str):
        raise TypeError(f"{prop} must be a string, got {_got(value)}")


def check_hh_mm(prop: str, value: str | None) -> None:
    """Raise unless ``value`` is a 24-hour ``HH:MM`` time, as Pinpoint's quiet time expects."""
    check_pattern(prop, value, _HH_MM, "a 24-hour time in HH:MM format (00:00 to 23:59)")


def _require_duration(prop: str, value: Any) -> Duration:
    if not isinstance(value, Duration):
        raise TypeError(f"{prop} must be an aws_cdk.Duration, got {_got(value)}")
    return value


def duration_seconds(
    prop: str,
    value: Duration | None,
    minimum: float | None = None,
    maximum: float | None = None,
) -> Any:
    """Whole seconds of ``value`` (a token passes through), checking optional bounds in
    seconds (``prop must be 0 to 300 seconds, got 5 minutes 1 second``)."""
    if value is None:
        return None
    seconds = _require_duration(prop, value).to_seconds()
    if is_unresolved(seconds):
        return seconds
    if (minimum is not None and seconds < minimum) or (maximum is not None and seconds > maximum):
        if maximum is None:
            bound = f"at least {minimum:g}"
        elif minimum is None:
            bound = f"at most {maximum:g}"
        else:
            bound = f"{minimum:g} to {maximum:g}"
        raise ValueError(f"{prop} must be {bound} seconds, got {value.to_human_string()}")
    return seconds


def positive_duration_seconds(prop: str, value: Duration | None) -> Any:
    """Like :func:`duration_seconds`, for a ``Duration`` that must be longer than zero."""
    seconds = duration_seconds(prop, value)
    if value is not None and not is_unresolved(seconds) and seconds <= 0:
        raise ValueError(f"{prop} must be positive, got {value.to_human_string()}")
    return seconds


def duration_days(prop: str, value: Duration, minimum: int, maximum: int | None = None) -> Any:
    """Whole days of ``value`` (a token passes through), at least ``minimum`` (and at most
    ``maximum``); S3 lifecycle rules count in whole days."""
    seconds = _require_duration(prop, value).to_seconds()
    if is_unresolved(seconds):
        return seconds
    days = seconds / 86400
    bound = f"at least {minimum}" if maximum is None else f"{minimum} to {maximum}"
    if seconds % 86400 or days < minimum or (maximum is not None and days > maximum):
        raise ValueError(f"{prop} must be {bound} whole days, got {value.to_human_string()}")
    return int(days)


def check_duration_hours(prop: str, value: Duration, minimum: int, maximum: int) -> None:
    """Raise unless ``value`` is a whole number of hours from ``minimum`` to ``maximum``."""
    seconds = _require_duration(prop, value).to_seconds()
    if is_unresolved(seconds):
        return
    if seconds % 3600 or not minimum * 3600 <= seconds <= maximum * 3600:
        raise ValueError(
            f"{prop} must be {minimum} to {maximum} whole hours, got {seconds / 3600:g} hours"
        )


def require_secret(prop: str, value: Any) -> SecretValue:
    """Accept only a ``SecretValue``, so a credential never reaches a template in plaintext."""
    if isinstance(value, SecretValue):
        return value
    raise TypeError(
        f"{prop} must be an aws_cdk.SecretValue (for example "
        "SecretValue.secrets_manager('my-secret', json_field='key') or "
        "secretsmanager.Secret.from_secret_name_v2(...).secret_value), so the template "
        f"carries a dynamic reference instead of the plaintext value; got {type(value).__name__}"
    )


def require_secret_reference(prop: str, value: Any) -> SecretValue:
    """Like :func:`require_secret`, and also refuse a ``SecretValue`` that holds a plain string
    (``SecretValue.unsafe_plain_text("...")``): that one would be written to the template as is.

    A reference (Secrets Manager, SSM SecureString, a ``NoEcho`` parameter, a resource attribute)
    is a token until deploy time; a plain string is not.
    """
    secret = require_secret(prop, value)
    if not Token.is_unresolved(secret.unsafe_unwrap()):
        raise ValueError(
            f"{prop} holds a plain string (SecretValue.unsafe_plain_text?), which would be written "
            "to the template in plaintext; pass a reference such as "
            "SecretValue.secrets_manager('my-secret', json_field='key') or "
            "secretsmanager.Secret.from_secret_name_v2(...).secret_value"
        )
    return secret


def check_no_ssm_secure(scope: IConstruct, prop: str, value: str, resource_type: str) -> None:
    """Raise if ``value`` (a string token) resolves to an ``ssm-secure`` dynamic reference:
    CloudFormation resolves those only in the few resource properties that support them
    (listed in "Get a secure string value from Systems Manager Parameter Store"), and the
    deployment fails anywhere else."""
    resolved = Stack.of(scope).resolve(value)
    if "{{resolve:ssm-secure:" in json.dumps(resolved):
        raise ValueError(
            f"{prop} is an SSM SecureString reference ({{{{resolve:ssm-secure:...}}}}), which "
            f"CloudFormation does not resolve in {resource_type}; store the value in Secrets "
            "Manager and pass SecretValue.secrets_manager('my-secret', json_field='key')"
        )


#: Query parameter names (lower case, without ``-``/``_``) that carry a credential in the
#: webhook URLs of common services: ``token``/``access_token`` (OAuth 2.0 bearer tokens in a
#: query, RFC 6750 section 2.3), ``key``/``api_key`` (Google APIs, many SaaS hooks),
#: ``sig``/``signature`` (Azure SAS, signed URLs), ``X-Amz-Signature`` (S3 presigned URLs),
#: ``code`` (Azure Functions keys), ``secret``/``password``.
_CREDENTIAL_QUERY_NAMES = frozenset(
    {
        "token",
        "accesstoken",
        "authtoken",
        "auth",
        "key",
        "apikey",
        "sig",
        "signature",
        "xamzsignature",
        "code",
        "secret",
        "clientsecret",
        "password",
    }
)
_CREDENTIAL_QUERY_SUFFIXES = ("token", "secret", "apikey", "signature", "password")


def url_credential_signs(value: str) -> list[str]:
    """What in ``value`` (a URL) looks like a credential: query parameters named like one,
    a Slack-style ``/services/<team>/<bot>/<token>`` or Discord-style
    ``/api/webhooks/<id>/<token>`` path, a fragment. Names only, never the values; empty for
    an unresolved token."""
    if is_unresolved(value) or not isinstance(value, str):
        return []
    parts = urlsplit(value)
    signs: list[str] = []
    for field in parts.query.split("&"):
        name = field.split("=", 1)[0]
        normal = name.lower().replace("-", "").replace("_", "")
        if normal in _CREDENTIAL_QUERY_NAMES or normal.endswith(_CREDENTIAL_QUERY_SUFFIXES):
            signs.append(f"query parameter {name!r}")
    segments = [segment for segment in parts.path.split("/") if segment]
    for marker, label in (("services", "/services/..."), ("webhooks", "/webhooks/<id>/<token>")):
        if marker in segments and len(segments) - segments.index(marker) >= 3:
            signs.append(f"a token in the path ({label}, as Slack or Discord webhooks have)")
            break
    if parts.fragment:
        signs.append("a fragment (#..., which is never even sent to the receiver)")
    return signs


#: A CloudFormation dynamic reference (``{{resolve:secretsmanager:...}}``,
#: ``{{resolve:ssm-secure:...}}``, ``{{resolve:ssm:...}}``): resolved at deploy time, so its
#: value never appears in the template ("Get values stored in other services using dynamic
#: references", CloudFormation User Guide).
_DYNAMIC_REFERENCE = re.compile(r"\{\{resolve:[a-z-]+:[^{}]*\}\}")
#: Stands for a value CloudFormation fills in at deploy time (a Ref, a GetAtt, an import).
_REFERENCE = "\x00"
#: Stands for a value read from the template's own Mappings section (plaintext there).
_MAPPING_VALUE = "\x01"
#: Intrinsics whose value is another resource's or parameter's, not text in the template.
_REFERENCE_INTRINSICS = frozenset({"Ref", "Fn::GetAtt", "Fn::ImportValue", "Fn::GetAZs"})
_SUB_VARIABLE = re.compile(r"\$\{(!?)([^}]*)\}")


def _template_text(value: Any) -> str:
    """What a resolved CloudFormation value (a string, or an intrinsic function with its
    arguments) writes into the template as text: literal strings as they are, deploy-time
    values as :data:`_REFERENCE`, alternatives (``Fn::If`` branches, list items) side by side
    separated by :data:`_REFERENCE`."""
    if isinstance(value, str):
        return value
    if value is None or isinstance(value, bool | int | float):
        return _REFERENCE if value is None else str(value)
    if isinstance(value, list):
        return _REFERENCE.join(_template_text(item) for item in value)
    if not isinstance(value, dict):
        return _REFERENCE
    if len(value) == 1:
        ((name, argument),) = value.items()
        if name in _REFERENCE_INTRINSICS:
            return _REFERENCE
        if name == "Fn::FindInMap":
            return _MAPPING_VALUE
        if name == "Fn::Join" and isinstance(argument, list) and len(argument) == 2:
            delimiter, parts = argument
            if isinstance(parts, list):
                return str(delimiter).join(_template_text(part) for part in parts)
            return _template_text(parts)
        if name == "Fn::Sub":
            source, variables = (argument, {}) if isinstance(argument, str) else argument
            if not isinstance(variables, dict):
                variables = {}

            def substitute(match: re.Match[str]) -> str:
                if match.group(1):  # ${!Literal} is the literal text ${Literal}
                    return "${" + match.group(2) + "}"
                name = match.group(2)
                if name in variables:
                    return _template_text(variables[name])
                return _REFERENCE

            return _SUB_VARIABLE.sub(substitute, str(source))
        if name == "Fn::If" and isinstance(argument, list) and len(argument) == 3:
            return _template_text(argument[1:])
        if name == "Fn::Select" and isinstance(argument, list) and len(argument) == 2:
            return _template_text(argument[1])
        if name.startswith("Fn::"):  # Fn::Base64, Fn::Split, ...: the text of its arguments
            return _template_text(argument)
    # Any other intrinsic or object: whatever literal text its arguments hold.
    return _REFERENCE.join(
        _template_text(item) for pair in value.items() for item in pair if item is not None
    )


def check_no_literal_secret(scope: IConstruct, prop: str, value: str) -> None:
    """Raise if ``value`` (the token of a ``SecretValue``) writes literal text into the
    template: ``SecretValue.unsafe_plain_text(Fn.sub("..."))`` or ``Fn.join("", ["...",
    Aws.REGION])`` are tokens, so :func:`require_secret_reference` lets them through, but
    CloudFormation receives the literal in the template. The token is resolved
    (``Stack.of(scope).resolve``) and every literal fragment outside dynamic references
    (``{{resolve:...}}``) and deploy-time values (``Ref``, ``Fn::GetAtt``,
    ``Fn::ImportValue``) is refused when it holds a letter or digit, as is a value read from
    the template's Mappings (``Fn::FindInMap``). The message does not echo the text."""
    text = _template_text(Stack.of(scope).resolve(value))
    if _MAPPING_VALUE in text:
        raise ValueError(
            f"{prop} reads a CfnMapping (Fn::FindInMap), whose values are written to the "
            "template in plaintext; pass a reference such as "
            "SecretValue.secrets_manager('my-secret', json_field='key')"
        )
    outside = _DYNAMIC_REFERENCE.sub(_REFERENCE, text)
    literal = [part for part in outside.split(_REFERENCE) if any(ch.isalnum() for ch in part)]
    if literal:
        size = sum(len(part) for part in literal)
        raise ValueError(
            f"{prop} has literal text inside a token ({size} characters in an intrinsic "
            "function such as Fn::Sub or Fn::Join), which would be written to the template in "
            "plaintext; pass a reference such as "
            "SecretValue.secrets_manager('my-secret', json_field='key') or "
            "secretsmanager.Secret.from_secret_name_v2(...).secret_value"
        )


# RFC 5322 addr-spec in its dot-atom form (no quoted local parts, no IP-literal domains), with a
# domain of at least two DNS labels; length limits from RFC 5321 section 4.5.3.1.
_ATEXT = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]"
_ADDR_SPEC = (
    rf"(?P<local>{_ATEXT}+(?:\.{_ATEXT}+)*)"
    r"@(?P<domain>[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+)"
)
# A display name: an ASCII phrase (atext, spaces, dots) or a quoted string. Non-ASCII names must be
# MIME encoded-words (=?UTF-8?B?...?=), which this phrase form admits.
_DISPLAY_NAME = (
    r"(?:\"(?:[\x20\x21\x23-\x5b\x5d-\x7e]|\\[\x20-\x7e])*\""
    r"|[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-][A-Za-z0-9!#$%&'*+/=?^_`{|}~. -]*)"
)
_ADDR_ONLY = re.compile(_ADDR_SPEC)
_NAME_ADDR = re.compile(rf"{_DISPLAY_NAME} *<{_ADDR_SPEC}>")
EMAIL_LOCAL_PART_MAX_LENGTH = 64
EMAIL_ADDRESS_MAX_LENGTH = 254


def check_email_address(prop: str, value: str | None) -> str | None:
    """Raise unless ``value`` is an email address, bare (``news@example.com``) or with a display
    name (``Example News <news@example.com>``, ``"News, Example" <news@example.com>``).

    Returns the bare address (``local@domain``), or ``None`` for ``None`` and unresolved tokens.
    """
    if value is None or is_unresolved(value):
        return None
    _require_text(prop, value)
    match = _ADDR_ONLY.fullmatch(value) or _NAME_ADDR.fullmatch(value)
    if match is None:
        raise ValueError(
            f"{prop} must be an email address (local@example.com) or a display name and address "
            f"(Example <local@example.com>), in ASCII (MIME-encode a non-ASCII display name), "
            f"got {value!r}"
        )
    local, domain = match.group("local"), match.group("domain")
    address = f"{local}@{domain}"
    if len(local) > EMAIL_LOCAL_PART_MAX_LENGTH:
        raise ValueError(
            f"{prop} must have a local part (before @) of at most {EMAIL_LOCAL_PART_MAX_LENGTH} "
            f"characters, got {len(local)}: {value!r}"
        )
    if len(address) > EMAIL_ADDRESS_MAX_LENGTH:
        raise ValueError(
            f"{prop} must be an address of at most {EMAIL_ADDRESS_MAX_LENGTH} characters, "
            f"got {len(address)}: {value!r}"
        )
    return address


# ---- types -------------------------------------------------------------------------------

_E = TypeVar("_E", bound=enum.Enum)


def _a(name: str) -> str:
    """``name`` with its indefinite article: ``an InAppLayout``, ``a Schedule``."""
    return f"{'an' if name[0] in 'AEIOU' else 'a'} {name}"


def _got(value: Any, *, show_type: bool = True) -> str:
    return f"{type(value).__name__}: {value!r}" if show_type else repr(value)


def require_bool(
    prop: str, value: Any, *, expected: str = "a bool", show_type: bool = True
) -> bool:
    """Accept only ``True`` or ``False``: ``prop must be <expected>, got str: 'yes'`` (without
    the type name when ``show_type`` is false)."""
    if not isinstance(value, bool):
        raise TypeError(f"{prop} must be {expected}, got {_got(value, show_type=show_type)}")
    return value


def require_str(prop: str, value: Any, *, optional: bool = True) -> str | None:
    """Accept a string (or ``None`` when ``optional``)."""
    if value is None and optional:
        return None
    if not isinstance(value, str):
        raise TypeError(f"{prop} must be a string, got {_got(value)}")
    return value


def require_non_empty(prop: str, value: Any, *, optional: bool = True) -> str | None:
    """Accept a non-empty string (or ``None`` when ``optional``); tokens pass."""
    text = require_str(prop, value, optional=optional)
    if text is not None and not is_unresolved(text) and not text.strip():
        raise ValueError(f"{prop} must not be empty, got {value!r}")
    return text


def require_instance(prop: str, value: Any, kind: type) -> None:
    """Raise unless ``value`` is ``None`` or a ``kind``: ``prop must be a Schedule, got ...``."""
    if value is not None and not isinstance(value, kind):
        raise TypeError(f"{prop} must be {_a(kind.__name__)}, got {_got(value)}")


def require_enum(prop: str, value: Any, enum_type: type[_E]) -> _E:
    """Accept a member of ``enum_type``, or of another enum with one of its values (the
    campaign module defines the same service enums), as the ``enum_type`` member."""
    if isinstance(value, enum_type):
        return value
    if isinstance(value, enum.Enum):
        try:
            return enum_type(value.value)
        except ValueError:
            pass
    choices = ", ".join(member.name for member in enum_type)
    raise TypeError(f"{prop} must be {_a(enum_type.__name__)} ({choices}), got {_got(value)}")


def canonical_spelling(
    prop: str, value: str | None, choices: Sequence[str], rule: str
) -> str | None:
    """``value`` as ``choices`` spell it, compared case-insensitively (the service returns some
    values in lower case, e.g. a campaign's time zone ``utc``, and accepts either); raise
    ``prop must be one of <rule> (<choices>), got 'x'`` when it is none of them. ``None`` and
    unresolved tokens pass unchanged."""
    if value is None or is_unresolved(value):
        return value
    require_str(prop, value)
    spelled = {choice.casefold(): choice for choice in choices}.get(value.casefold())
    if spelled is None:
        raise ValueError(f"{prop} must be one of {rule} ({', '.join(choices)}), got {value!r}")
    return spelled


# ---- numbers -----------------------------------------------------------------------------


def check_number(prop: str, value: Any) -> None:
    """Raise unless ``value`` is a finite int or float (not a bool)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{prop} must be a finite number, got {value!r}")
    # Before any token check: jsii can't pass NaN or infinity to its kernel.
    if not math.isfinite(value):
        raise ValueError(f"{prop} must be a finite number, got {value!r}")


def check_int(
    prop: str,
    value: Any,
    minimum: int,
    maximum: int | None = None,
    *,
    optional: bool = True,
) -> None:
    """Raise unless ``value`` is a whole number (an int, or a float without a fraction; CDK
    number tokens are floats and pass) within ``[minimum, maximum]``; ``None`` passes when
    ``optional``."""
    if value is None and optional:
        return
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"{prop} must be a whole number, got {_got(value)}")
    if (
        isinstance(value, float)
        and math.isfinite(value)
        and not is_unresolved(value)
        and value != int(value)
    ):
        raise ValueError(f"{prop} must be a whole number, got {value}")
    check_range(prop, value, minimum, maximum)


# ---- strings -----------------------------------------------------------------------------


def check_non_empty_strings(prop: str, values: Iterable[Any]) -> None:
    """Raise unless every one of ``values`` is a non-empty string (tokens pass)."""
    if isinstance(values, str | bytes) or not isinstance(values, Iterable):
        raise TypeError(f"{prop} must be a list of strings, got {_got(values)}")
    for value in values:
        if is_unresolved(value):
            continue
        if not isinstance(value, str) or not value.strip():
            raise ValueError(f"{prop} values must be non-empty strings, got {value!r}")


def non_empty_strings(prop: str, values: Sequence[str], *, minimum: int = 1) -> tuple[str, ...]:
    """``values`` as a tuple, each a non-empty string (tokens pass); at least ``minimum``."""
    if isinstance(values, str):
        raise TypeError(f"{prop} must be a sequence of strings, got the string {values!r}")
    if not isinstance(values, Iterable):
        raise TypeError(f"{prop} must be a sequence of strings, got {_got(values)}")
    result = tuple(values)
    if len(result) < minimum:
        raise ValueError(f"{prop} needs at least {minimum} value, got none")
    check_non_empty_strings(prop, result)
    return result


# ---- tags --------------------------------------------------------------------------------

#: Tags per resource (Tagging AWS Resources and Tag Editor user guide, "Tag naming limits and
#: requirements": maximum number of tags per resource, 50).
MAX_TAGS = 50
TAG_KEY_MAX_LENGTH = 128
TAG_VALUE_MAX_LENGTH = 256


def check_tags(
    prop: str,
    tags: Any,
    *,
    maximum: int = MAX_TAGS,
    key_pattern: re.Pattern[str] | None = None,
    key_rule: str = "",
) -> None:
    """Raise unless ``tags`` (a mapping of key to value, or ``None``) holds tags CloudFormation
    accepts, as its ``Tag`` property type documents them for every resource (for example
    "AWS::Connect::Instance Tag", CloudFormation Template Reference): a key of 1 to 128
    characters that is not prefixed with ``aws:`` (reserved for AWS, in any case: Tagging AWS
    Resources user guide, "Tag naming limits and requirements"), a value of 0 to 256
    characters, at most ``maximum`` tags. ``key_pattern`` (with ``key_rule`` in words) adds a
    resource's own key pattern. Unresolved tokens pass."""
    if tags is None:
        return
    if not isinstance(tags, Mapping):
        raise TypeError(f"{prop} must be a mapping of str to str, got {_got(tags)}")
    if len(tags) > maximum:
        raise ValueError(f"{prop} must hold at most {maximum} tags, got {len(tags)}")
    for key, value in tags.items():
        _require_text(f"{prop} key", key)
        _require_text(f"{prop}[{key!r}]", value)
        if not is_unresolved(key):
            check_length(f"{prop} key", key, TAG_KEY_MAX_LENGTH)
            if key[:4].lower() == "aws:":
                raise ValueError(
                    f"{prop} keys must not start with aws: (reserved for AWS), got {key!r}"
                )
            if key_pattern is not None:
                check_pattern(f"{prop} key", key, key_pattern, key_rule)
        check_length(f"{prop}[{key!r}]", value, TAG_VALUE_MAX_LENGTH, minimum=0)


# ---- points in time ----------------------------------------------------------------------

#: A point in time as segment filters take it: a ``datetime`` with a time zone, a ``date``
#: (its midnight in UTC) or an ISO 8601 string.
Instant = datetime | date | str


def iso_timestamp(prop: str, value: datetime) -> str:
    """``value`` as an ISO 8601 date-time with its UTC offset; it must carry a time zone."""
    if not isinstance(value, datetime):
        raise TypeError(f"{prop} must be a datetime.datetime, got {_got(value)}")
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(
            f"{prop} must carry a time zone (for example datetime(2026, 1, 1, tzinfo=UTC)), "
            f"got the naive datetime {value.isoformat()}"
        )
    return value.isoformat(timespec="seconds")


def iso_instant(prop: str, value: Instant) -> str:
    """``value`` as an ISO-8601 instant in UTC (``2024-05-01T00:00:00Z``), how Pinpoint reads
    date attributes; a ``date`` is its midnight in UTC. Naive datetimes are rejected."""
    if isinstance(value, str) and is_unresolved(value):
        return value
    if isinstance(value, str):
        try:
            parsed: datetime | date = datetime.fromisoformat(value)
        except ValueError:
            raise ValueError(
                f"{prop} must be an ISO-8601 date or date-time (e.g. '2024-05-01' or "
                f"'2024-05-01T12:00:00Z'), got {value!r}"
            ) from None
        if isinstance(parsed, datetime) and parsed.tzinfo is None and "T" not in value:
            parsed = parsed.date()
        value = parsed
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise ValueError(
                f"{prop} must have a time zone (e.g. datetime(..., tzinfo=UTC) or a 'Z' "
                f"suffix), got the naive {value.isoformat()!r}"
            )
        return value.astimezone(UTC).isoformat().replace("+00:00", "Z")
    if isinstance(value, date):
        return f"{value.isoformat()}T00:00:00Z"
    raise TypeError(f"{prop} must be a datetime, date or ISO-8601 string, got {value!r}")


# ---- URLs and HTTP -----------------------------------------------------------------------

# An HTTP header name is an RFC 9110 token.
_HEADER_NAME = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")


def check_https_url(
    prop: str,
    value: str,
    *,
    allow_http: bool = False,
    http_opt_in: str | None = None,
    credential_hint: str | None = None,
) -> None:
    """Raise unless ``value`` is an ``https://`` URL with a host (``http://`` only with
    ``allow_http``) and no credentials; unresolved tokens pass.

    :param http_opt_in: How the caller's user allows ``http://`` (e.g. ``"allow_http=True"``),
        named in the error; ``None`` where there is no such option.
    :param credential_hint: Where a credential belongs instead, appended to that error.
    """
    if is_unresolved(value):
        return
    if not isinstance(value, str):
        raise TypeError(f"{prop} must be a string, got {_got(value)}")
    if any(ch.isspace() or ord(ch) < 0x20 or ord(ch) == 0x7F for ch in value):
        raise ValueError(f"{prop} must not contain whitespace or control characters, got {value!r}")
    parts = urlsplit(value)
    if parts.scheme == "http" and not allow_http and http_opt_in is not None:
        raise ValueError(
            f"{prop} must start with https:// (pass {http_opt_in} to allow plain http://), "
            f"got {value!r}"
        )
    if parts.scheme == "http" and not allow_http:
        raise ValueError(f"{prop} must start with https://, got {value!r}")
    if parts.scheme not in ("https", "http"):
        raise ValueError(f"{prop} must start with https://, got {value!r}")
    if parts.username is not None or parts.password is not None:
        # Don't echo the value: it holds a credential.
        hint = f"; {credential_hint}" if credential_hint else ""
        raise ValueError(
            f"{prop} must not contain credentials (user:password@), got a URL for host "
            f"{parts.hostname!r}{hint}"
        )
    if not parts.hostname:
        raise ValueError(f"{prop} must name a host, got {value!r}")
    try:
        _ = parts.port
    except ValueError as error:
        raise ValueError(f"{prop} has an invalid port, got {value!r}") from error


def check_http_header_name(prop: str, value: str | None) -> None:
    """Raise unless ``value`` is an HTTP header name (an RFC 9110 token)."""
    check_pattern(prop, value, _HEADER_NAME, "an HTTP header name (a token)")


# ---- SMS origination identities ----------------------------------------------------------

#: Sender IDs: 1 to 11 letters, digits, hyphens or underscores (botocore's
#: ``pinpoint-sms-voice-v2`` model, shape ``SenderId``: min 1, max 11, pattern
#: ``[A-Za-z0-9_-]+``; Pinpoint's own ``SenderId`` members are plain strings), with at least
#: one letter (AWS End User Messaging SMS User Guide, "Sender ID considerations": a sender ID
#: can't be numbers only).
_SENDER_ID = re.compile(r"(?=.*[A-Za-z])[A-Za-z0-9_-]{1,11}")
#: Short codes: 4 to 7 digits (AWS End User Messaging SMS User Guide, "Phone numbers").
_SHORT_CODE = re.compile(r"\d{4,7}")
#: Phone numbers: botocore's ``pinpoint-sms-voice-v2`` model, shape ``PhoneNumber``: pattern
#: ``\+?[1-9][0-9]{1,18}`` (``AWS::SMSVOICE`` schemas the same). Pinpoint's
#: ``OriginationNumber`` documentation recommends E.164 (``+12065550100``) "although it isn't
#: required", so the ``+`` is optional.
PHONE_NUMBER_PATTERN = re.compile(r"\+?[1-9][0-9]{1,18}")


def check_sender_id(prop: str, value: str | None) -> None:
    """Raise unless ``value`` is an alphanumeric sender ID."""
    check_pattern(
        prop,
        value,
        _SENDER_ID,
        "1 to 11 letters, digits, hyphens (-) or underscores (_), with at least one letter",
    )


def check_short_code(prop: str, value: str | None) -> None:
    """Raise unless ``value`` is a short code, 4 to 7 digits."""
    check_pattern(prop, value, _SHORT_CODE, "4 to 7 digits")


def check_origination_number(prop: str, value: str | None) -> None:
    """Raise unless ``value`` is a phone number (E.164 recommended) or a short code."""
    if value is None or is_unresolved(value):
        return
    _require_text(prop, value)
    if not (PHONE_NUMBER_PATTERN.fullmatch(value) or _SHORT_CODE.fullmatch(value)):
        raise ValueError(
            f"{prop} must be a phone number (+12065550100; E.164 is recommended, the + is "
            f"optional) or a 4 to 7 digit short code, got {value!r}"
        )


# ---- Pinpoint attribute names ------------------------------------------------------------


def check_attribute_name(prop: str, name: str) -> None:
    """Raise unless ``name`` is a custom attribute or metric name Pinpoint accepts."""
    if is_unresolved(name):
        return
    if not isinstance(name, str) or not name.strip():
        raise ValueError(f"{prop} names must be non-empty strings, got {name!r}")
    if len(name) > MAX_ATTRIBUTE_NAME_LENGTH:
        raise ValueError(
            f"{prop} name {name!r} is {len(name)} characters long; Pinpoint attribute names "
            f"are at most {MAX_ATTRIBUTE_NAME_LENGTH}"
        )
