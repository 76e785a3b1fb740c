"""A record is validated against the major version its ``$schema`` names; a version the
package does not carry is a ``schema.version`` finding naming the versions it carries."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import communique
from communique.cli import main
from communique.loading import DatasetError
from communique.kinds import STATEMENT
from communique.resources import dataset_dir
from communique.rules import schema
from communique.versioning.records import SchemaRef

V1_DATASET = Path(__file__).parent / "dataset-v1"


def _statement() -> dict:
    return json.loads(next((dataset_dir() / "statements").glob("*.json")).read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("value", "parsed"),
    [
        ("../../schema/v1/statement.schema.json", ("../../schema/", 1, "statement")),
        ("https://communique.github.io/schema/v12/actor.schema.json", ("https://communique.github.io/schema/", 12, "actor")),
        ("../../schema/v0/actor.schema.json", None),
        ("../schema/v1/actor.schema.json", None),
        ("../../schema/v1/actor.schema.json\n", None),
        (1, None),
    ],
)
def test_schema_refs_are_parsed_and_written_back_in_their_own_form(value, parsed):
    ref = SchemaRef.parse(value)
    assert (None if ref is None else (ref.base, ref.major, ref.kind)) == parsed
    if ref is not None:
        assert str(ref) == value and str(ref.at_major(2)) == value.replace(f"v{ref.major}/", "v2/")


def test_a_version_not_carried_is_a_finding_naming_the_versions_carried(tmp_path: Path, capsys):
    copy = tmp_path / "dataset"
    shutil.copytree(dataset_dir(), copy)
    path = next((copy / "statements").glob("*.json"))
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("/v1/", "/v7/", 1).replace("/v2/", "/v7/", 1), encoding="utf-8")
    assert main(["validate", str(copy), "--format", "json"]) == 1
    findings = json.loads(capsys.readouterr().out)
    (finding,) = [finding for finding in findings if finding["rule"] == "schema.version"]
    assert finding["pointer"] == "/$schema"
    assert "v7, which this communique does not carry: it carries v1 (1.1.0), v2 (2.0.0)" in finding["message"]
    assert "communique migrate" in finding["hint"]


def test_a_record_is_validated_against_the_major_version_it_names():
    """Schema 2 is the current major; a record of schema 1 (here with the occasion that 2.0.0
    removed) is checked against release 1.1.0, and is valid there, not in v2."""
    v1 = json.loads(next(path for path in sorted((V1_DATASET / "statements").glob("*.json"))
                         if "occasion" in path.read_text(encoding="utf-8")).read_text(encoding="utf-8"))
    assert v1["$schema"] == "../../schema/v1/statement.schema.json"
    assert schema.issues(v1, STATEMENT) == []
    as_v2 = {**v1, "$schema": STATEMENT.schema_ref}
    assert {(rule, problem.pointer) for rule, problem in schema.issues(as_v2, STATEMENT)} == {("schema.additional-properties", "/occasion")}
    moved = {key: value for key, value in as_v2.items() if key != "occasion"}
    assert schema.issues(moved, STATEMENT) == []


def test_a_v1_dataset_gets_its_schema_references_ids_record_rules_and_deprecations(tmp_path: Path, capsys):
    """What a record of an older major gets from validate: its own major's schema, the
    references and ids of every record, the record rules, its own major's deprecations."""
    copy = tmp_path / "dataset"
    shutil.copytree(V1_DATASET, copy)
    assert main(["validate", str(copy), "--format", "json"]) == 0
    findings = json.loads(capsys.readouterr().out)
    assert {finding["rule"] for finding in findings} == {"schema.deprecated", "silence.applied"}
    assert sum(finding["pointer"] == "/occasion" for finding in findings) == 22
    path = next(path for path in sorted((copy / "statements").glob("*.json")) if "occasion" in path.read_text(encoding="utf-8"))
    record = json.loads(path.read_text(encoding="utf-8"))
    record.update(speaker="no-such-actor", date="2030-01-01")
    path.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    twin = copy / "actors" / "twin.json"  # a record of the current major reusing a v1 record's id
    twin.write_text(json.dumps({**json.loads((copy / "actors" / "china.json").read_text(encoding="utf-8")),
                                "$schema": "../../schema/v2/actor.schema.json"}), encoding="utf-8")
    assert main(["validate", str(copy), "--format", "json"]) == 1
    rules = {(finding["path"].rpartition("/")[2], finding["rule"]) for finding in json.loads(capsys.readouterr().out)}
    assert {(path.name, "ref.missing"), (path.name, "meaning.statement-date"), (path.name, "schema.deprecated"),
            ("twin.json", "id.duplicate"), ("china.json", "id.duplicate"), ("twin.json", "id.filename")} <= rules


def test_loading_a_v1_dataset_asks_for_the_migration():
    """The typed models are the current major's: ``communique.load`` names the command that moves the records."""
    with pytest.raises(DatasetError) as raised:
        communique.load(V1_DATASET)
    assert len(raised.value.problems) == 47
    assert all("is at schema v1" in problem and "`communique migrate --to 2.0.0`" in problem for problem in raised.value.problems)
