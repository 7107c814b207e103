"""An importer: the JSON the Pinpoint API returns, as a Python CDK module of this library's
constructs that synthesizes to the same definition.

    aws pinpoint get-app --application-id ID --output json > export/app.json
    aws pinpoint get-segment --application-id ID --segment-id SID --output json > export/s.json
    ...
    python -m pinpoint_constructs.codegen export/ --out imported_stack.py

Each file holds one response as ``aws pinpoint get-... --output json`` prints it
(``{"SegmentResponse": {...}}``); a folder is read file by file. References between the
resources become construct references (a campaign's segment, a journey's templates, the
project); secrets, which the API never returns, become ``SecretValue.secrets_manager``
placeholders. Fields the importer can't express stop it with a :class:`CodegenError` that
names every problem of every file (the file, the field's path and what to do): nothing is
dropped silently, and one run shows all there is to fix.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from . import _campaigns, _journeys, _resources, _segments
from ._generate import Generator
from ._model import CodegenError, Exported, Problem, read
from ._module import Module

_APP = "ApplicationResponse"
_SETTINGS = "ApplicationSettingsResource"
_SEGMENT = "SegmentResponse"
_CAMPAIGN = "CampaignResponse"
_JOURNEY = "JourneyResponse"
_EVENT_STREAM = "EventStream"

#: Every response the importer reads, by its wrapper key.
RESPONSES = (
    _APP,
    _SETTINGS,
    *_resources.CHANNELS,
    *_resources.TEMPLATES,
    _SEGMENT,
    _CAMPAIGN,
    _JOURNEY,
    _EVENT_STREAM,
)


def generate(paths: Iterable[str | Path], *, class_name: str = "ImportedPinpointStack") -> str:
    """The source of a module defining ``class_name``, a stack with the resources exported
    in ``paths`` (files or folders).

    :raises CodegenError: for anything that can't be expressed, with every problem of every
        file (its file, field and what to do).
    """
    exported, problems = read(paths, RESPONSES)
    return _generate(exported, class_name, problems)


def generate_from(exported: list[Exported], *, class_name: str = "ImportedPinpointStack") -> str:
    """Like :func:`generate`, from responses already read."""
    return _generate(exported, class_name, [])


def _generate(exported: list[Exported], class_name: str, problems: list[Problem]) -> str:
    if not class_name.isidentifier():
        raise CodegenError(
            f"class_name must be a Python identifier, got {class_name!r}", "choose another name"
        )
    by_key: dict[str, list[Exported]] = {}
    for item in exported:
        by_key.setdefault(item.key, []).append(item)
    module = Module(class_name, sorted({Path(e.file).name for e in exported}))
    g = Generator(module, exported)
    g.problems.extend(problems)
    for key in (_APP, _SETTINGS, _EVENT_STREAM):
        if len(by_key.get(key, [])) > 1:
            files = ", ".join(e.file for e in by_key[key])
            g.problems.append(
                Problem(files, key, f"more than one {key}", "generate one module per project")
            )
            by_key[key] = by_key[key][:1]
    for item in exported:  # the project id, for a module without the get-app output
        if item.key != _APP and isinstance(item.body.get("ApplicationId"), str):
            g.app_id = g.app_id or item.body["ApplicationId"]
    app_response = next(iter(by_key.get(_APP, [])), None)
    if app_response is not None:
        g.app_id = None  # the app's own id wins; others are checked against it
    steps: list[tuple[Callable[..., None], tuple[object, ...]]] = [
        (_resources.app, (g, app_response, next(iter(by_key.get(_SETTINGS, [])), None))),
        *((_resources.channel, (g, e)) for e in exported if e.key in _resources.CHANNELS),
        *((_resources.template, (g, e)) for e in exported if e.key in _resources.TEMPLATES),
    ]
    for step, args in steps:
        _collect(g, step, *args)
    try:
        segments = _segments.order(by_key.get(_SEGMENT, []))
    except CodegenError as error:
        g.report(error)
        segments = by_key.get(_SEGMENT, [])
    for item in segments:
        _collect(g, _segments.segment, g, item)
    for item in by_key.get(_CAMPAIGN, []):
        _collect(g, _campaigns.campaign, g, item)
    for item in by_key.get(_JOURNEY, []):
        _collect(g, _journeys.journey, g, item)
    for item in by_key.get(_EVENT_STREAM, []):
        _collect(g, _resources.event_stream, g, item)
    g.check_environments()
    if g.problems:
        raise CodegenError(g.problems)
    return module.render()


def _collect(g: Generator, step: Callable[..., None], *args: object) -> None:
    """Run ``step``, keeping its problems: one resource's problems don't stop the others."""
    try:
        step(*args)
    except CodegenError as error:
        g.report(error)


__all__ = ["RESPONSES", "CodegenError", "Problem", "generate", "generate_from"]
