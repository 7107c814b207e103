"""Snapshots of every default stack's template, asset hashes masked.

A snapshot update is a reviewed change: the commit that updates one says why the template
changed (``pytest --snapshot-update``).
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from syrupy.extensions.json import JSONSnapshotExtension

_ASSET_HASH = re.compile(r"[0-9a-f]{64}")


def mask_asset_hashes(value: Any) -> Any:
    """Replace asset hashes (which change with every handler edit) by a fixed marker."""
    if isinstance(value, dict):
        return {key: mask_asset_hashes(item) for key, item in value.items()}
    if isinstance(value, list):
        return [mask_asset_hashes(item) for item in value]
    if isinstance(value, str):
        return _ASSET_HASH.sub("<asset-hash>", value)
    return value


@pytest.fixture
def snapshot_json(snapshot):
    return snapshot.use_extension(JSONSnapshotExtension)


def test_mask_asset_hashes_keeps_everything_else():
    digest = "a" * 64
    assert mask_asset_hashes({"S3Key": f"{digest}.zip", "n": [1, "x"]}) == {
        "S3Key": "<asset-hash>.zip",
        "n": [1, "x"],
    }


def test_default_stacks_match_their_snapshots(full_app, snapshot_json):
    for stack in full_app.stacks:
        assert mask_asset_hashes(full_app.template(stack)) == snapshot_json(name=stack.stack_name)
