"""``communique --version`` and ``communique.versions()``: the package's, the schemas' and the dataset's versions."""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

import communique
from communique.versioning.releases import working
from communique.versioning.versions import dataset_release


def test_version_reports_the_package_the_schemas_and_the_dataset(tmp_path):
    result = subprocess.run([sys.executable, "-m", "communique", "--version"], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    assert result.stdout.splitlines() == [
        f"communique {version('communique')}",
        f"schemas {working().version} (carried: 1.0.0, 1.1.0, 2.0.0)",
        "dataset unreleased",
    ]


def test_the_python_api_gives_the_same():
    versions = communique.versions()
    assert (versions.package, versions.schema, versions.dataset) == (communique.__version__, str(working().version), "unreleased")


@pytest.mark.parametrize(
    ("readme", "release"),
    [
        ("# Data\n\nRelease: 2026-01-15\n", "2026-01-15"),
        ("Release: unreleased\r\n", "unreleased"),
        ("# Data\n\nno release line\n", "unknown"),
        ("Release: soon\n", "unknown"),
        (None, "unknown"),
    ],
)
def test_the_dataset_release_is_the_release_line_of_its_readme(tmp_path: Path, readme, release):
    if readme is not None:
        (tmp_path / "README.md").write_bytes(readme.encode())
    assert dataset_release(tmp_path) == release
