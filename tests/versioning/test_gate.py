"""The gate: the working schemas against the last release, and the same gate on fixture folders."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from communique.versioning import releases
from communique.versioning.changes import ChangeKind, Severity, Version
from communique.versioning.gate import check
from communique.versioning.schemaset import SchemaSet, SchemaSetError

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "schema-changes"
CASES = sorted(path.name for path in FIXTURES.iterdir() if path.is_dir())


def test_the_working_schemas_declare_the_step_their_changes_need():
    working = releases.working()
    previous = releases.latest(at_most=working.version)
    assert previous is not None, "no release at or before the working x-version"
    verdict = check(releases.release(previous), working)
    assert verdict.passed, "\n".join(
        verdict.problems + [f"{change.level.label} {change.kind} {change.where}: {change.reason}" for change in verdict.culprits]
    )


def test_a_required_field_added_without_a_major_bump_fails_and_passes_once_bumped():
    folder = FIXTURES / "required-field-added"
    old = SchemaSet.load(folder / "old")
    unbumped = check(old, SchemaSet.load(folder / "unbumped"))
    assert not unbumped.passed
    assert "needs a major step" in unbumped.problems[0].replace("need a major", "needs a major")
    assert [change.kind for change in unbumped.culprits] == [ChangeKind.FIELD_REQUIRED]
    assert check(old, SchemaSet.load(folder / "new")).passed


def _declaring(source: Path, version: Version, tmp_path: Path) -> SchemaSet:
    copy = tmp_path / "declared"
    shutil.copytree(source, copy)
    for path in copy.glob("*.schema.json"):
        document = json.loads(path.read_text())
        document["x-version"] = str(version)
        path.write_text(json.dumps(document))
    return SchemaSet.load(copy)


@pytest.mark.parametrize("name", CASES)
@pytest.mark.parametrize("step", list(Severity), ids=lambda step: step.bump)
def test_the_gate_passes_exactly_when_the_step_is_as_large_as_the_changes_need(name, step, tmp_path):
    old = SchemaSet.load(FIXTURES / name / "old")
    candidate = _declaring(FIXTURES / name / "new", old.version.bumped(step), tmp_path)
    verdict = check(old, candidate)
    needs = verdict.needs
    assert verdict.passed == (step >= needs)
    if not verdict.passed:
        assert verdict.culprits and all(change.level > step for change in verdict.culprits)


def test_a_released_version_changed_in_place_fails(tmp_path):
    old = SchemaSet.load(FIXTURES / "annotation-changed" / "old")
    same = _declaring(FIXTURES / "annotation-changed" / "new", old.version, tmp_path)
    verdict = check(old, same)
    assert not verdict.passed and "the same version" in verdict.problems[0]


def test_an_older_version_fails(tmp_path):
    old = _declaring(FIXTURES / "annotation-changed" / "old", Version(1, 2, 0), tmp_path / "a")
    older = _declaring(FIXTURES / "annotation-changed" / "new", Version(1, 1, 9), tmp_path / "b")
    assert "older" in check(old, older).problems[0]


def test_files_of_a_set_must_agree_on_the_version(tmp_path):
    copy = tmp_path / "set"
    shutil.copytree(FIXTURES / "field-added" / "new", copy)
    memo = json.loads((copy / "memo.schema.json").read_text())
    memo["x-version"] = "9.0.0"
    (copy / "memo.schema.json").write_text(json.dumps(memo))
    with pytest.raises(SchemaSetError, match="different x-versions"):
        SchemaSet.load(copy).version


@pytest.mark.parametrize("version", ["1.0", "01.0.0", "1.0.0-rc1", 1])
def test_a_version_that_is_not_major_minor_patch_is_refused(version):
    with pytest.raises(ValueError):
        Version.parse(version)
