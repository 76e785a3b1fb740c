"""The frozen releases: looked up by version, whole, shipped, usable without git history."""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from communique.versioning import releases
from communique.versioning.changes import Version
from communique.versioning.schemaset import CODELIST_GLOB, SCHEMA_GLOB

ROOT = Path(__file__).resolve().parents[2]


def test_today_s_schemas_are_released_as_1_0_0():
    assert Version(1, 0, 0) in releases.released()


@pytest.mark.parametrize("version", releases.released(), ids=str)
def test_each_release_is_a_whole_schema_set_declaring_its_own_version(version):
    kept = releases.release(version)
    assert kept.version == version
    files = {path.relative_to(kept.folder).as_posix() for path in kept.folder.rglob("*") if path.is_file()}
    assert files == set(kept.documents) | set(kept.codelists)
    assert all(Path(name).match(SCHEMA_GLOB) or Path(name).match(CODELIST_GLOB) for name in files)
    for kind in kept.kinds:  # its own examples pass its own schemas, resolved in its own registry
        for example in kept.documents[f"{kind}.schema.json"].get("examples", ()):
            assert kept.validator(kind).is_valid(example)


def test_releases_are_looked_up_by_version():
    with pytest.raises(releases.UnknownRelease, match="no release 99.0.0"):
        releases.release("99.0.0")
    with pytest.raises(releases.UnknownRelease):
        releases.release("latest")
    newest = releases.latest()
    assert releases.latest(at_most=Version(999, 0, 0)) == newest
    assert releases.latest(at_most=Version(0, 0, 1)) is None


@pytest.mark.slow
def test_the_releases_ship_in_the_sdist_and_the_gate_runs_from_it_without_git(tmp_path):
    from hatchling.builders.sdist import SdistBuilder

    [built] = SdistBuilder(str(ROOT)).build(directory=str(tmp_path / "dist"))
    with tarfile.open(built) as archive:
        archive.extractall(tmp_path / "unpacked", filter="data")
    [tree] = (tmp_path / "unpacked").iterdir()
    for version in releases.released():
        assert (tree / "schema" / "releases" / str(version) / "defs.schema.json").is_file()
    assert not (tree / ".git").exists()
    env = {**os.environ, "PYTHONPATH": str(tree / "validators")}
    script = "import communique, sys; print(communique.__file__); sys.exit(communique.cli.main(['schema', 'check']))"
    result = subprocess.run([sys.executable, "-c", f"import communique.cli; {script}"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert Path(result.stdout.splitlines()[0]).is_relative_to(tree)
    assert "ok: x-version" in result.stdout


def test_release_2_0_0_is_a_major_step_from_1_1_0_that_removes_the_occasion():
    """The classifier calls 2.0.0 major, and for the reasons intended: the field removed,
    the ``$id``s and ``$schema`` patterns of the new folder, and a selector's context never
    empty (CSV cannot tell an empty string from a field left out), nothing else breaking."""
    from communique.versioning.classify import diff
    from communique.versioning.changes import needed
    from communique.versioning.releases import release

    changes = diff(release("1.1.0"), release("2.0.0"))
    assert needed(changes).bump == "major"
    breaking = {(change.kind.code, change.field) for change in changes if change.level.bump == "major"}
    assert ("field-removed", "/occasion") in breaking
    assert {code for code, _ in breaking} == {"field-removed", "schema-id-changed", "pattern-tightened", "length-tightened"}
    contexts = {f"{path}/{end}" for path in ("/selector", "/not_curated/*/selector") for end in ("prefix", "suffix")}
    assert {field for code, field in breaking if code == "length-tightened"} <= {"", *contexts}
    assert all(field in ("", "/$schema", "/occasion") for code, field in breaking if code != "length-tightened")
