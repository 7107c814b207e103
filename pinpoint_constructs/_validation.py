"""Validation helpers shared by every construct.

Each raises early, in the constructor, with the prop name and the value received, and lets
unresolved tokens through (they are only known at deploy time).
"""

from __future__ import annotations

import re
from typing import Any

from aws_cdk import Duration, SecretValue, Token

_HH_MM = re.compile(r"^(?:[01]\d|2[0-3]):[0-5]\d$")


def is_unresolved(value: Any) -> bool:
    """True for CDK tokens (strings, numbers, lists) that resolve only at deploy time."""
    return value is not None and Token.is_unresolved(value)


def check_range(
    prop: str, value: float | None, minimum: float, maximum: float | None = None
) -> None:
    """Raise if ``value`` is outside ``[minimum, maximum]`` (``maximum=None``: no upper bound)."""
    if value is None or is_unresolved(value):
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
