"""Which schema set validates the records of each major version."""

from __future__ import annotations

import shutil
from pathlib import Path

from communique.versioning import carried as carrying
from communique.versioning import releases


def test_the_current_major_is_validated_against_the_working_schemas():
    assert carrying.carried() == {1: carrying.carried()[1]}
    assert carrying.carried()[1].folder == releases.working().folder
    assert carrying.carried_text() == f"v1 ({releases.working().version})"


def test_an_older_major_is_validated_against_its_last_release(tmp_path: Path, monkeypatch):
    kept = tmp_path / "releases"
    for version in ("0.9.0", "0.9.1", "1.0.0"):
        shutil.copytree(releases.releases_dir() / "1.0.0", kept / version)
    monkeypatch.setattr(releases, "releases_dir", lambda: kept)
    carrying.carried.cache_clear()
    try:
        by_major = carrying.carried()
        assert sorted(by_major) == [0, 1]
        assert by_major[0].folder == kept / "0.9.1" and by_major[1].folder == releases.working().folder
    finally:
        carrying.carried.cache_clear()
