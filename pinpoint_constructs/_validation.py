"""Validation helpers shared by every construct.

Each raises early, in the constructor, with the prop name and the value received, and lets
unresolved tokens through (they are only known at deploy time).
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from aws_cdk import Duration, SecretValue, Stack, Token
from constructs import IConstruct

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


def check_range(
    prop: str, value: float | None, minimum: float, maximum: float | None = None
) -> None:
    """Raise if ``value`` is outside ``[minimum, maximum]`` (``maximum=None``: no upper bound)."""
    if value is None:
        return
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
    if not minimum <= len(value) <= maximum:
        raise ValueError(
            f"{prop} must be {minimum} to {maximum} characters long, "
            f"got {len(value)} characters: {value!r}"
        )


def check_pattern(prop: str, value: str | None, pattern: re.Pattern[str], rule: str) -> None:
    """Raise if ``value`` does not match ``pattern``; ``rule`` says in words what is expected."""
    if value is None or is_unresolved(value):
        return
    if not pattern.fullmatch(value):
        raise ValueError(f"{prop} must be {rule}, got {value!r}")


def check_hh_mm(prop: str, value: str | None) -> None:
    """Raise unless ``value`` is a 24-hour ``HH:MM`` time, as Pinpoint's quiet time expects."""
    check_pattern(prop, value, _HH_MM, "a 24-hour time in HH:MM format (00:00 to 23:59)")


def duration_seconds(prop: str, value: Duration | None, minimum: float | None = None) -> Any:
    """Whole seconds of ``value`` (a token passes through), checking an optional minimum."""
    if value is None:
        return None
    if not isinstance(value, Duration):
        raise TypeError(
            f"{prop} must be an aws_cdk.Duration, got {type(value).__name__}: {value!r}"
        )
    seconds = value.to_seconds()
    if minimum is not None and not is_unresolved(seconds) and seconds < minimum:
        raise ValueError(
            f"{prop} must be at least {minimum} seconds, got {value.to_human_string()}"
        )
    return seconds


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
