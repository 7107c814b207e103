"""Reading exported responses: which response a file holds, and field-by-field access that
fails on any field the importer does not consume."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Problem:
    """One thing the importer can't express: the file, the field's path in the response, what
    is wrong and what to do about it."""

    file: str
    field: str
    message: str
    fix: str = ""

    def __str__(self) -> str:
        where = ": ".join(p for p in (self.file, self.field) if p)
        text = f"{where}: {self.message}" if where else self.message
        return f"{text}\n    what to do: {self.fix}" if self.fix else text


class CodegenError(ValueError):
    """Exported definitions the importer can't turn into code: every :class:`Problem` found,
    each naming the file and the field."""

    def __init__(self, message: str | Problem | list[Problem], fix: str = "") -> None:
        if isinstance(message, str):
            message = Problem("", "", message, fix)
        self.problems: list[Problem] = [message] if isinstance(message, Problem) else message
        if len(self.problems) == 1:
            text = str(self.problems[0])
        else:
            files = len({p.file for p in self.problems})
            text = "\n".join(
                [
                    f"{len(self.problems)} problems in {files} file(s); nothing was generated:",
                    *(str(p) for p in self.problems),
                ]
            )
        super().__init__(text)


#: Fields whose values are credentials (the channel requests of botocore's Pinpoint model:
#: APNS*ChannelRequest Certificate, PrivateKey, TokenKey; GCMChannelRequest ApiKey,
#: ServiceJson; BaiduChannelRequest ApiKey, SecretKey; ADMChannelRequest ClientId,
#: ClientSecret; and the responses' Credential). Their values are never printed.
CREDENTIAL_FIELDS = frozenset(
    {
        "Certificate",
        "PrivateKey",
        "TokenKey",
        "ApiKey",
        "ServiceJson",
        "SecretKey",
        "ClientId",
        "ClientSecret",
        "Credential",
    }
)
_CREDENTIAL_WORDS = ("secret", "password", "privatekey", "apikey", "tokenkey", "credential")


def is_credential(key: str) -> bool:
    """Whether the field ``key`` holds a credential, whose value is never shown."""
    lowered = key.lower()
    return key in CREDENTIAL_FIELDS or any(word in lowered for word in _CREDENTIAL_WORDS)


def _redacted(value: Any) -> Any:
    if isinstance(value, dict):
        return {
            k: "<hidden: a credential>" if is_credential(str(k)) else _redacted(v)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_redacted(v) for v in value]
    return value


def shown(key: str, value: Any, limit: int = 200) -> str:
    """``value`` as the message shows it: never a credential's value (nor one nested in it),
    and long values cut."""
    if is_credential(key):
        return "hidden: a credential"
    text = json.dumps(_redacted(value))
    return text if len(text) <= limit else text[: limit - 3] + "..."


#: The values the service writes for a setting that is off, found in the response shapes of
#: botocore's Pinpoint model (GetCampaign, GetJourney, GetApplicationSettings, ...): the
#: booleans default to false (``Schedule.IsLocalTime`` on immediate and event schedules,
#: ``JourneyResponse.SendingSchedule``, ``LocalTime``, ``WaitForQuietTime``,
#: ``RefreshOnSegmentUpdate``, ``CampaignResponse.IsPaused``, ``Message.SilentPush``) and the
#: caps to 0, which the model documents as "this limit will not apply" (JourneyLimits
#: DailyCap, TotalCap, EndpointReentryCap; ApplicationSettingsJourneyLimits; JourneyTimeframeCap
#: Cap, Days; CampaignLimits Daily, Total, Session; CampaignResponse.HoldoutPercent). A field
#: holding its default is the same as the field left out, wherever it appears.
SERVICE_DEFAULTS: dict[str, Any] = {
    "IsLocalTime": False,
    "SendingSchedule": False,
    "LocalTime": False,
    "WaitForQuietTime": False,
    "RefreshOnSegmentUpdate": False,
    "IsPaused": False,
    "SilentPush": False,
    "DailyCap": 0,
    "TotalCap": 0,
    "EndpointReentryCap": 0,
    "Cap": 0,
    "Days": 0,
    "Daily": 0,
    "Total": 0,
    "Session": 0,
    "HoldoutPercent": 0,
}


def is_service_default(key: str, value: Any) -> bool:
    """Whether ``value`` is what the service writes for ``key`` when the setting is off."""
    if isinstance(value, dict) and value:  # an object of defaults (JourneyLimits of zeros)
        return all(_empty(v) or is_service_default(k, v) for k, v in value.items())
    if key not in SERVICE_DEFAULTS:
        return False
    default = SERVICE_DEFAULTS[key]
    return type(value) is type(default) and value == default


@dataclass(frozen=True)
class Exported:
    """One exported resource: the response's wrapper key (``SegmentResponse`` ...), its body
    and the file it came from."""

    key: str
    body: dict[str, Any]
    file: str


def _empty(value: Any) -> bool:
    return value is None or value == {} or value == []


VALUE_FIX = "correct the field in the file to what `aws pinpoint get-...` returns for it"
UNSUPPORTED_FIX = (
    "remove the field from the file to generate the rest, then write the setting into the "
    "generated module by hand"
)


class Fields:
    """A response object read field by field. :meth:`done` raises :class:`CodegenError` for
    every field that was neither read nor declared read-only, so nothing is dropped silently."""

    def __init__(self, data: Any, where: str, file: str) -> None:
        if not isinstance(data, dict):
            raise CodegenError(
                Problem(file, where, f"must be a JSON object, got {type(data).__name__}")
            )
        self.data = data
        self.where = where
        self.file = file
        self._seen: set[str] = set()

    def error(self, key: str, message: str, fix: str = VALUE_FIX) -> CodegenError:
        """An error about the field ``key``; ``fix`` says what to do."""
        return CodegenError(Problem(self.file, f"{self.where}.{key}", message, fix))

    def has(self, key: str) -> bool:
        """Whether ``key`` is present and not empty."""
        return not _empty(self.data.get(key))

    def get(self, key: str, default: Any = None) -> Any:
        """The value of ``key`` (``default`` when absent or empty), marking it read."""
        self._seen.add(key)
        value = self.data.get(key)
        return default if _empty(value) else value

    def require(self, key: str) -> Any:
        """The value of ``key``, which must be present."""
        value = self.get(key)
        if value is None:
            raise self.error(key, "is required and missing")
        return value

    def sub(self, key: str) -> Fields | None:
        """The object at ``key`` as :class:`Fields`, or ``None`` when absent."""
        value = self.get(key)
        return None if value is None else Fields(value, f"{self.where}.{key}", self.file)

    def items(self, key: str) -> list[Fields]:
        """The list of objects at ``key``, each as :class:`Fields`."""
        values = self.get(key) or []
        if not isinstance(values, list):
            raise self.error(key, f"must be a list, got {shown(key, values)}")
        return [Fields(v, f"{self.where}.{key}[{i}]", self.file) for i, v in enumerate(values)]

    def ignore(self, keys: Iterable[str]) -> None:
        """Mark ``keys`` read: fields the service sets (ids, dates, versions)."""
        self._seen.update(keys)

    def unread(self) -> list[Problem]:
        """A problem for every field left unread (a service default counts as read)."""
        return [
            Problem(
                self.file,
                f"{self.where}.{key}",
                f"is not supported by pinpoint_constructs.codegen (value {shown(key, value)})",
                UNSUPPORTED_FIX,
            )
            for key, value in self.data.items()
            if key not in self._seen and not _empty(value) and not is_service_default(key, value)
        ]

    def done(self) -> None:
        """Raise :class:`CodegenError` naming every field left unread."""
        problems = self.unread()
        if problems:
            raise CodegenError(problems)


def load(paths: Iterable[str | Path], known: Iterable[str]) -> list[Exported]:
    """The exported responses in ``paths`` (JSON files, or folders of ``*.json`` files, read
    in name order). ``known`` are the wrapper keys the importer understands.

    :raises CodegenError: naming every file that can't be read as a response.
    """
    exported, problems = read(paths, known)
    if problems:
        raise CodegenError(problems)
    return exported


#: The message of a file that is not JSON (the command line's exit status 2).
NOT_JSON = "not JSON"


def read(paths: Iterable[str | Path], known: Iterable[str]) -> tuple[list[Exported], list[Problem]]:
    """Like :func:`load`, returning the files that can't be read as problems instead of
    raising, so that one run reports them with the problems of the other files."""
    known = set(known)
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            files.extend(sorted(path.glob("*.json")))
        elif path.is_file():
            files.append(path)
        else:
            raise CodegenError(Problem(str(path), "", "no such file or folder"))
    if not files:
        raise CodegenError("no JSON files to read", "pass exported *.json files or folders of them")
    exported: list[Exported] = []
    problems: list[Problem] = []
    how = "save each response as `aws pinpoint get-... --output json` prints it"
    for file in files:
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
        except json.JSONDecodeError as error:
            problems.append(Problem(str(file), "", f"{NOT_JSON}: {error}", how))
            continue
        if not isinstance(data, dict) or len(data) != 1:
            got = sorted(data) if isinstance(data, dict) else type(data).__name__
            problems.append(
                Problem(
                    str(file),
                    "",
                    "expected one response object as `aws pinpoint get-... --output json` "
                    f'prints it, e.g. {{"SegmentResponse": {{...}}}}, got keys {got}',
                    "one response a file",
                )
            )
            continue
        ((key, body),) = data.items()
        if key not in known:
            problems.append(
                Problem(
                    str(file),
                    key,
                    "is not a response the importer reads; it reads " + ", ".join(sorted(known)),
                    "leave this file out of the export folder",
                )
            )
            continue
        if not isinstance(body, dict):
            problems.append(Problem(str(file), key, "must be a JSON object", how))
            continue
        exported.append(Exported(key, body, str(file)))
    return exported, problems
