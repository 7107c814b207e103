"""The Handlebars engine is a standalone package: standard library only, shippable in a
Lambda asset."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pinpoint_constructs.handlebars as handlebars_package

PACKAGE_DIR = Path(handlebars_package.__file__).resolve().parent

_PROBE = """
import sys
sys.path.insert(0, sys.argv[1])
import handlebars
user = {"User": {"UserAttributes": {"Name": ["ann"]}}}
print(handlebars.render_pinpoint("Hi {{upper User.UserAttributes.Name}}", user))
heavy_names = {"aws_cdk", "constructs", "jsii", "boto3", "botocore"}
heavy = sorted({m.split(".")[0] for m in sys.modules} & heavy_names)
print(heavy)
"""


def test_engine_runs_copied_alone_and_imports_only_the_standard_library(tmp_path: Path) -> None:
    shutil.copytree(PACKAGE_DIR, tmp_path / "handlebars")
    result = subprocess.run(
        [sys.executable, "-I", "-c", _PROBE, str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["Hi ANN", "[]"]
