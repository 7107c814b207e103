"""Reading exported responses: which response a file holds, and field-by-field access that
fails on any field the importer does not consume."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any


class CodegenError(ValueError):
    """An exported definition the importer can't turn into code; the message names the file
    and the field."""


@dataclass(frozen=True)
class Exported:
    """One exported resource: the response's wrapper key (``SegmentResponse`` ...), its body
    and the file it came from."""

    key: str
    body: dict[str, Any]
    file: str


def _empty(value: Any) -> bool:
    return value is None or value == {} or value == []


class Fields:
    """A response object read field by field. :meth:`done` raises :class:`CodegenError` for
    every field that was neither read nor declared read-only, so nothing is dropped silently."""

    def __init__(self, data: Any, where: str, file: str) -> None:
        if not isinstance(data, dict):
            raise CodegenError(f"{file}: {where} must be a JSON object, got {data!r}")
        self.data = data
        self.where = where
        self.file = file
        self._seen: set[str] = set()

    def error(self, key: str, message: str) -> CodegenError:
        """An error about the field ``key``."""
        return CodegenError(f"{self.file}: {self.where}.{key}: {message}")

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
            raise self.error(key, f"must be a list, got {values!r}")
        return [Fields(v, f"{self.where}.{key}[{i}]", self.file) for i, v in enumerate(values)]

    def ignore(self, keys: Iterable[str]) -> None:
        """Mark ``keys`` read: fields the service sets (ids, dates, versions)."""
        self._seen.update(keys)

    def done(self) -> None:
        """Raise :class:`CodegenError` for the first field left unread."""
        for key, value in self.data.items():
            if key not in self._seen and not _empty(value):
                raise self.error(
                    key,
                    f"is not supported by pinpoint_constructs.codegen (value {json.dumps(value)})"
                    "; nothing was generated, so that no setting is dropped",
                )


def load(paths: Iterable[str | Path], known: Iterable[str]) -> list[Exported]:
    """The exported responses in ``paths`` (JSON files, or folders of ``*.json`` files, read
    in name order). ``known`` are the wrapper keys the importer understands."""
    known = set(known)
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            files.extend(sorted(path.glob("*.json")))
        elif path.is_file():
            files.append(path)
        else:
            raise CodegenError(f"{path}: no such file or folder")
    if not files:
        raise CodegenError("no JSON files to read")
    exported: list[Exported] = []
    for file in files:
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
        except json.JSONDecodeError as error:
            raise CodegenError(f"{file}: not JSON: {error}") from None
        if not isinstance(data, dict) or len(data) != 1:
            raise CodegenError(
                f"{file}: expected one response object as `aws pinpoint get-... --output json` "
                f'prints it, e.g. {{"SegmentResponse": {{...}}}}, got keys '
                f"{sorted(data) if isinstance(data, dict) else type(data).__name__}"
            )
        ((key, body),) = data.items()
        if key not in known:
            raise CodegenError(
                f"{file}: {key} is not a response the importer reads; it reads "
                + ", ".join(sorted(known))
            )
        if not isinstance(body, dict):
            raise CodegenError(f"{file}: {key} must be a JSON object")
        exported.append(Exported(key, body, str(file)))
    return exported
