"""Which schema set validates the records of each major version."""

from __future__ import annotations

import shutil
from pathlib import Path

from communique.versioning import carried as carrying
from communique.versioning import releases


def test_the_current_major_is_validated_against_the_working_schemas_and_v1_against_its_last_release():
    assert sorted(carrying.carried()) == [1, 2]
    assert carrying.carried()[2].folder == releases.working().folder
    assert carrying.carried()[1].folder == releases.releases_dir() / "1.1.0"
    assert carrying.carried_text() == f"v1 (1.1.0), v2 ({releases.working().version})"


def test_the_old_majors_folder_is_its_last_release_unchanged():
    """``schema/v1`` stays for editors that open a v1 record in a checkout (its ``$schema`` is
    relative): it must be the release that validates v1 records, byte for byte."""
    v1 = releases.working().folder.parent / "v1"
    frozen = releases.releases_dir() / "1.1.0"
    files = sorted(path.relative_to(frozen) for path in frozen.rglob("*") if path.is_file())
    assert files == sorted(path.relative_to(v1) for path in v1.rglob("*") if path.is_file())
    assert all((v1 / name).read_bytes() == (frozen / name).read_bytes() for name in files)


def test_an_older_major_is_validated_against_its_last_release(tmp_path: Path, monkeypatch):
    kept = tmp_path / "releases"
    for version in ("0.9.0", "0.9.1", "1.0.0"):
        shutil.copytree(releases.releases_dir() / "1.0.0", kept / version)
    monkeypatch.setattr(releases, "releases_dir", lambda: kept)
    carrying.carried.cache_clear()
    try:
        by_major = carrying.carried()
        assert sorted(by_major) == [0, 1, 2]
        assert by_major[0].folder == kept / "0.9.1" and by_major[1].folder == kept / "1.0.0"
        assert by_major[2].folder == releases.working().folder
    finally:
        carrying.carried.cache_clear()
