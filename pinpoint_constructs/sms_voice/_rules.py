"""Validation rules of AWS End User Messaging SMS and voice (``AWS::SMSVOICE::*``).

Sources, cited per rule below:

- *schema*: the CloudFormation resource schema of the resource (``AWS::SMSVOICE::PhoneNumber``
  and so on, as the CloudFormation registry publishes it and cfn-lint ships it);
- *API*: the botocore model of the AWS End User Messaging SMS and Voice v2 API
  (``botocore/data/pinpoint-sms-voice-v2/2022-03-31/service-2.json``), shape named per rule.

Each check raises ``ValueError`` with the prop name and the value received, and lets
unresolved tokens through.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

from .._validation import (
    PHONE_NUMBER_PATTERN,
    check_length,
    check_pattern,
    is_unresolved,
    require_enum,
)

_E = TypeVar("_E", bound=enum.Enum)

#: The officially assigned ISO 3166-1 alpha-2 codes (249), for reference. The rule is the
#: schemas' and the API's, two capital letters (``^[A-Z]{2}$``, API shape ``IsoCountryCode``),
#: so a code outside this list (a user-assigned one such as ``XK`` for Kosovo) is not refused.
ISO_COUNTRY_CODES: frozenset[str] = frozenset(
    """
    AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR
    BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ
    EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW
    GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY
    KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV
    MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY
    QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG
    TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM
    ZW
    """.split()  # noqa: SIM905 (a word list reads better than 249 quoted strings)
)

#: Names of configuration sets, event destinations and opt-out lists: 1 to 64 letters, digits,
#: underscores or hyphens (schema ``ConfigurationSetName``, ``EventDestinationName``,
#: ``OptOutListName``; API shapes of the same names).
NAME_MAX_LENGTH = 64
_NAME = re.compile(r"[A-Za-z0-9_-]+")

#: A keyword: 1 to 30 characters, spaces or visible characters (schema
#: ``OptionalKeyword.Keyword``: ``maxLength`` 30, ``^(?!(?i)(stop|help)$)[ \S]+``; API ``Keyword``).
KEYWORD_MAX_LENGTH = 30
_KEYWORD = re.compile(r"[ \S]+")
#: The keywords every number and pool has; their replies are set with ``help_message`` and
#: ``stop_message`` (schema ``MandatoryKeywords``: ``HELP`` and ``STOP``, both required).
MANDATORY_KEYWORDS = ("HELP", "STOP")
#: A keyword's reply: 1 to 1,600 characters, not only whitespace (schema
#: ``MandatoryKeyword.Message`` / ``OptionalKeyword.Message``; API ``KeywordMessage``).
KEYWORD_MESSAGE_MAX_LENGTH = 1600

#: Sender IDs of ``AWS::SMSVOICE::SenderId``: 1 to 11 (API ``SenderId``: ``max`` 11) capital
#: letters, digits, underscores or hyphens (schema ``SenderId``: ``^[A-Z0-9_-]+$``).
SENDER_ID_MAX_LENGTH = 11
_SENDER_ID = re.compile(r"[A-Z0-9_-]+")
#: A configuration set's default sender ID may be in either case (schema
#: ``ConfigurationSet.DefaultSenderId``: ``^[A-Za-z0-9_-]+$``; API ``SenderId``, 1 to 11).
_DEFAULT_SENDER_ID = re.compile(r"[A-Za-z0-9_-]+")

#: An E.164-style destination number (schema ``VerifiedDestinationNumber.DestinationPhoneNumber``:
#: ``^\+?[1-9][0-9]{1,18}$``, at most 20 characters; API ``PhoneNumber``): the library's one
#: phone-number pattern, ``PHONE_NUMBER_PATTERN``.


_COUNTRY = re.compile(r"[A-Z]{2}")


def check_country(prop: str, value: str | None) -> None:
    """Raise unless ``value`` is a two-letter country code in capitals (``US``)."""
    if value is None or is_unresolved(value):
        return
    if not isinstance(value, str) or not _COUNTRY.fullmatch(value):
        raise ValueError(
            f"{prop} must be an ISO 3166-1 alpha-2 country code in capitals, such as US or "
            f"GB, got {value!r}"
        )


def check_countries(prop: str, values: Iterable[str], *, maximum: int | None = None) -> list[str]:
    """Check each of ``values`` with :func:`check_country`; return them as a list (repeats
    are allowed: the schema's ``EnabledCountries`` and the API's ``IsoCountryCodeList`` have
    no ``uniqueItems``)."""
    if isinstance(values, str):
        raise TypeError(f"{prop} must be a sequence of country codes, got the string {values!r}")
    result = list(values)
    for value in result:
        check_country(prop, value)
    if maximum is not None and len(result) > maximum:
        raise ValueError(f"{prop} takes at most {maximum} countries, got {len(result)}")
    return result


def check_name(prop: str, value: str | None, maximum: int = NAME_MAX_LENGTH) -> None:
    """Raise unless ``value`` is 1 to ``maximum`` letters, digits, underscores or hyphens."""
    check_length(prop, value, maximum)
    check_pattern(prop, value, _NAME, "letters, digits, underscores (_) or hyphens (-)")


def check_unique(prop: str, values: Sequence[Any], *, key: Any = None) -> None:
    """Raise if a value appears twice (the schemas' ``uniqueItems``); tokens are skipped."""
    seen: set[Any] = set()
    for value in values:
        if isinstance(value, str) and is_unresolved(value):
            continue
        marker = key(value) if key else value
        if marker in seen:
            raise ValueError(f"{prop} must not repeat a value, got {value!r} twice")
        seen.add(marker)


def enum_list(
    prop: str, values: Sequence[_E], enum_type: type[_E], *, unique: bool = True
) -> list[_E]:
    """``values`` as a list of ``enum_type`` members: at least one (the schemas' ``minItems``)
    and, with ``unique``, no repeats (where the schema says ``uniqueItems``)."""
    if isinstance(values, enum.Enum | str):
        raise TypeError(f"{prop} must be a sequence of {enum_type.__name__}, got {values!r}")
    members = [require_enum(prop, value, enum_type) for value in values]
    if not members:
        raise ValueError(f"{prop} needs at least one {enum_type.__name__}, got none")
    if unique:
        check_unique(prop, members)
    return members


def check_keyword(prop: str, value: str) -> None:
    """Raise unless ``value`` is an optional keyword: 1 to 30 characters, not HELP or STOP."""
    if is_unresolved(value):
        return
    check_length(prop, value, KEYWORD_MAX_LENGTH)
    check_pattern(prop, value, _KEYWORD, "spaces or visible characters (no tabs or newlines)")
    # The schema excludes exactly these words, in any case (``(?i)(stop|help)$``): " STOP"
    # with a space is another keyword.
    if value.upper() in MANDATORY_KEYWORDS:
        raise ValueError(
            f"{prop} must not be HELP or STOP (in any case): those are mandatory keywords, "
            f"set with help_message and stop_message; got {value!r}"
        )


def check_keyword_message(prop: str, value: str) -> None:
    """Raise unless ``value`` is a keyword reply: 1 to 1,600 characters, not only whitespace."""
    if is_unresolved(value):
        return
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{prop} must be a non-blank message, got {value!r}")
    check_length(prop, value, KEYWORD_MESSAGE_MAX_LENGTH)


def check_sender_id(prop: str, value: str | None) -> None:
    """Raise unless ``value`` is a sender ID ``AWS::SMSVOICE::SenderId`` takes."""
    check_length(prop, value, SENDER_ID_MAX_LENGTH)
    check_pattern(
        prop, value, _SENDER_ID, "capital letters, digits, underscores (_) or hyphens (-)"
    )


def check_default_sender_id(prop: str, value: str | None) -> None:
    """Raise unless ``value`` is a configuration set's default sender ID."""
    check_length(prop, value, SENDER_ID_MAX_LENGTH)
    check_pattern(
        prop, value, _DEFAULT_SENDER_ID, "letters, digits, underscores (_) or hyphens (-)"
    )


def check_phone_number(prop: str, value: str | None) -> None:
    """Raise unless ``value`` is a phone number in E.164 form (``+12065550100``)."""
    check_length(prop, value, 20)
    check_pattern(
        prop, value, PHONE_NUMBER_PATTERN, "a phone number in E.164 form, such as +12065550100"
    )


def check_arn(prop: str, value: str | None) -> None:
    """Raise unless ``value`` starts with ``arn:`` and has no whitespace (schema ``^arn:\\S+$``)."""
    check_pattern(prop, value, re.compile(r"arn:\S+"), "an ARN (arn:...)")
