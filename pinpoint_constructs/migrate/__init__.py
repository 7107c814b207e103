"""The migration tool: a folder of exported Pinpoint responses (the same inputs as
:mod:`pinpoint_constructs.codegen`, one project) as a CDK module on the services that run
today, with a report of every resource.

    python -m pinpoint_constructs.migrate export/ -o program.py \\
        --report migration.html --report-md migration.md

Segments become Customer Profiles segment definitions (with a calculated attribute where a
recency filter needs one), templates Q in Connect templates (references rewritten through the
Handlebars syntax tree), campaigns Amazon Connect outbound campaigns (event campaigns an event
trigger), journeys Connect journeys (``ConnectJourney.from_pinpoint``), the email channel an
SES identity, configuration set and contact list, the SMS and voice channels an End User
Messaging configuration set, push channels stay on the End User Messaging Push application,
the event stream becomes configuration-set destinations into the
:class:`~pinpoint_constructs.EventArchive`, and the project's limits and quiet time become
communication limits and open hours. What has no successor (in-app messages, GPS-radius
segments, device demographics, ...) is listed in the report with its reason and what to do.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..codegen import RESPONSES
from ..codegen._model import CodegenError, Problem, read
from ..codegen._module import Module
from . import _convert
from ._report import Item, Report, Status

#: The responses the tool reads: the importer's and the voice template.
MIGRATE_RESPONSES = (*RESPONSES, "VoiceTemplateResponse")


@dataclass
class Migration:
    """The result: the generated module's ``source`` and the ``report``."""

    source: str
    report: Report


def migrate(paths: Iterable[str | Path], *, class_name: str = "MigratedProgramStack") -> Migration:
    """The successor program of the responses exported in ``paths`` (files or folders).

    :raises CodegenError: for files that can't be read as responses (every one listed) and for
        more than one project in the export.
    """
    if not class_name.isidentifier():
        raise CodegenError(
            f"class_name must be a Python identifier, got {class_name!r}", "choose another name"
        )
    exported, problems = read(paths, MIGRATE_RESPONSES)
    app_ids = {
        e.body["ApplicationId"] for e in exported if isinstance(e.body.get("ApplicationId"), str)
    } | {e.body["Id"] for e in exported if e.key == "ApplicationResponse" and "Id" in e.body}
    if len(app_ids) > 1:
        problems.append(
            Problem(
                "",
                "ApplicationId",
                f"the export holds more than one project ({', '.join(sorted(app_ids))})",
                "migrate one project a run",
            )
        )
    if problems:
        raise CodegenError(problems)
    module = Module(
        class_name,
        sorted({Path(e.file).name for e in exported}),
        title="Pinpoint program migrated with ``python -m pinpoint_constructs.migrate``.",
        class_doc="The Pinpoint program on the services that run today.",
    )
    report = Report()
    migrator = _convert.run(exported, module, report)
    if migrator.g.problems:  # the importer's own steps (push channels)
        raise CodegenError(migrator.g.problems)
    source = module.render()
    for item in report.items:  # an unused variable is not written (ruff's F841): name none
        if item.variable:
            kept = [
                v
                for v in item.variable.split(", ")
                if re.search(rf"^ +{re.escape(v)} = ", source, re.MULTILINE)
            ]
            item.variable = ", ".join(kept) or None
    return Migration(source, report)


__all__ = ["MIGRATE_RESPONSES", "Item", "Migration", "Report", "Status", "migrate"]
