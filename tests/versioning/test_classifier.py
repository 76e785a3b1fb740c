"""The classifier on fixture pairs, one per class of change (tests/fixtures/schema-changes/<class>/):
each pair is classified exactly, and each breaking one comes with a record it makes invalid."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from communique.versioning.changes import ChangeKind, Severity, needed
from communique.versioning.classify import diff
from communique.versioning.schemaset import SchemaSet

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "schema-changes"
CASES = sorted(path.name for path in FIXTURES.iterdir() if path.is_dir())

# Breaking classes whose effect no record of the set shows, with the reason.
WITHOUT_A_RECORD = {
    "definition-removed": "no kind uses the definition: it breaks other schemas that refer to the published defs file",
    "schema-id-changed": "it breaks the records and schemas that name the schema by its $id",
}


def _case(name: str) -> tuple[SchemaSet, SchemaSet, dict]:
    folder = FIXTURES / name
    return SchemaSet.load(folder / "old"), SchemaSet.load(folder / "new"), json.loads((folder / "expected.json").read_text())


@pytest.mark.parametrize("name", CASES)
def test_each_fixture_pair_is_classified_exactly(name):
    old, new, expected = _case(name)
    changes = diff(old, new)
    assert Counter((change.kind.code, change.where) for change in changes) == Counter(
        (item["kind"], item["where"]) for item in expected["changes"]
    )
    for item in expected["changes"]:
        if "severity" in item:
            [change] = [change for change in changes if change.where == item["where"] and change.kind.code == item["kind"]]
            assert change.level.label == item["severity"]
    assert needed(changes).label == expected["needs"]
    assert all(change.reason for change in changes)


def test_the_fixtures_cover_every_class_of_change():
    seen = {item["kind"] for name in CASES for item in _case(name)[2]["changes"]}
    assert seen == {kind.code for kind in ChangeKind}


def test_nothing_changed_is_no_change():
    old, _, _ = _case(CASES[0])
    assert diff(old, old) == []


@pytest.mark.parametrize("name", CASES)
def test_each_breaking_pair_comes_with_a_record_it_makes_invalid(name):
    old, new, expected = _case(name)
    if expected["needs"] != "breaking" or name in WITHOUT_A_RECORD:
        return
    witness = expected["witness"]
    assert old.validator(witness["kind"]).is_valid(witness["record"])
    if "rule" in witness:
        # the change is to what a rule checks (a reference's kind, an open codelist):
        # the record still passes the schema, and the rule named fires on it.
        assert new.validator(witness["kind"]).is_valid(witness["record"])
        return
    if witness["kind"] not in new.kinds:
        return  # its kind is gone: nothing validates it any more
    assert not new.validator(witness["kind"]).is_valid(witness["record"])


def test_a_shared_definition_change_is_reported_at_every_field_using_it():
    old, new, _ = _case("pattern-added")
    where = {change.where for change in diff(old, new)}
    uses = {f"{kind}.schema.json#/properties/text/pattern" for kind in old.kinds}
    assert uses | {"defs.schema.json#/$defs/text/pattern"} == where
    assert all(change.via == ("defs.schema.json#/$defs/text",) for change in diff(old, new) if change.schema != "defs.schema.json")


def test_a_changed_pattern_says_why_it_counts_as_breaking():
    old, new, _ = _case("pattern-changed")
    [change] = diff(old, new)
    assert change.level is Severity.BREAKING and "provably" in change.reason


def test_changes_name_the_record_field():
    old, new, _ = _case("items-length-tightened")
    [change] = diff(old, new)
    assert change.field == "/tags"
    old, new, _ = _case("references-changed")
    fields = {change.field for change in diff(old, new)}
    assert fields == {"/replies/*", ""}


def test_the_committed_fixtures_are_what_the_generator_writes(tmp_path):
    subprocess.run([sys.executable, str(FIXTURES / "generate.py"), str(tmp_path)], check=True)
    written = {path.relative_to(tmp_path): path.read_bytes() for path in tmp_path.rglob("*") if path.is_file()}
    committed = {path.relative_to(FIXTURES): path.read_bytes() for name in CASES for path in (FIXTURES / name).rglob("*") if path.is_file()}
    assert written == committed
