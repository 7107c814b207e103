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
placeholders. A field the importer can't express stops it with a :class:`CodegenError`
naming the file and the field: nothing is dropped silently.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from . import _campaigns, _journeys, _resources, _segments
from ._generate import Generator
from ._model import CodegenError, Exported, load
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

    :raises CodegenError: for anything that can't be expressed, naming the file and field.
    """
    exported = load(paths, RESPONSES)
    return generate_from(exported, class_name=class_name)


def generate_from(exported: list[Exported], *, class_name: str = "ImportedPinpointStack") -> str:
    """Like :func:`generate`, from responses already read."""
    if not class_name.isidentifier():
        raise CodegenError(f"class_name must be a Python identifier, got {class_name!r}")
    by_key: dict[str, list[Exported]] = {}
    for item in exported:
        by_key.setdefault(item.key, []).append(item)
    for key in (_APP, _SETTINGS, _EVENT_STREAM):
        if len(by_key.get(key, [])) > 1:
            files = ", ".join(e.file for e in by_key[key])
            raise CodegenError(f"{files}: more than one {key}; generate one module per project")
    module = Module(class_name, sorted({Path(e.file).name for e in exported}))
    g = Generator(module, exported)
    for item in exported:  # the project id, for a module without the get-app output
        if item.key != _APP and isinstance(item.body.get("ApplicationId"), str):
            g.app_id = g.app_id or item.body["ApplicationId"]
    app_response = next(iter(by_key.get(_APP, [])), None)
    if app_response is not None:
        g.app_id = None  # the app's own id wins; others are checked against it
    _resources.app(g, app_response, next(iter(by_key.get(_SETTINGS, [])), None))
    for item in exported:
        if item.key in _resources.CHANNELS:
            _resources.channel(g, item)
    for item in exported:
        if item.key in _resources.TEMPLATES:
            _resources.template(g, item)
    for item in _segments.order(by_key.get(_SEGMENT, [])):
        _segments.segment(g, item)
    for item in by_key.get(_CAMPAIGN, []):
        _campaigns.campaign(g, item)
    for item in by_key.get(_JOURNEY, []):
        _journeys.journey(g, item)
    for item in by_key.get(_EVENT_STREAM, []):
        _resources.event_stream(g, item)
    return module.render()


__all__ = ["RESPONSES", "CodegenError", "generate", "generate_from"]
