"""Journeys: not generated yet (see the README's importer section)."""

from __future__ import annotations

from ._generate import Generator
from ._model import CodegenError, Exported


def journey(g: Generator, exported: Exported) -> None:
    name = exported.body.get("Name")
    raise CodegenError(
        f"{exported.file}: JourneyResponse ({name!r}): the importer does not generate journeys "
        "yet; leave this file out and write the Journey with the journey constructs"
    )
