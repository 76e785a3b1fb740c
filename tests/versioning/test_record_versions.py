"""A record is validated against the major version its ``$schema`` names; a version the
package does not carry is a ``schema.version`` finding naming the versions it carries."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from communique.cli import main
from communique.kinds import STATEMENT
from communique.resources import dataset_dir
from communique.rules import schema
from communique.versioning import carried as carrying
from communique.versioning.records import SchemaRef
from communique.versioning.releases import working
from communique.versioning.schemaset import SchemaSet
from versioning.test_migrate import _rename_speaker


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
    path.write_text(path.read_text(encoding="utf-8").replace("/v1/", "/v7/", 1), encoding="utf-8")
    assert main(["validate", str(copy), "--format", "json"]) == 1
    findings = json.loads(capsys.readouterr().out)
    (finding,) = [finding for finding in findings if finding["rule"] == "schema.version"]
    assert finding["pointer"] == "/$schema"
    assert "v7, which this communique does not carry: it carries v1 (1.1.0)" in finding["message"]
    assert "communique migrate" in finding["hint"]


@pytest.fixture
def second_major(tmp_path: Path, monkeypatch):
    """A second major version carried: the fixture release 2.0.0, statements' speaker renamed."""
    release = tmp_path / "2.0.0"
    shutil.copytree(working().folder, release)
    for path in release.glob("*.schema.json"):
        document = json.loads(path.read_text(encoding="utf-8").replace("v1/", "v2/"))
        document["x-version"] = "2.0.0"
        if path.name == STATEMENT.schema_file:
            document["properties"] = {("speaker_id" if k == "speaker" else k): v for k, v in document["properties"].items()}
            document["required"] = ["speaker_id" if name == "speaker" else name for name in document["required"]]
        path.write_text(json.dumps(document), encoding="utf-8")
    sets = {1: working(), 2: SchemaSet.load(release)}
    monkeypatch.setattr(carrying, "carried", lambda: sets)
    monkeypatch.setattr(schema, "carried", lambda: sets)
    schema._validator.cache_clear()
    yield
    schema._validator.cache_clear()


def test_a_record_is_validated_against_the_major_version_it_names(second_major):
    record = _statement()
    assert schema.issues(record, STATEMENT) == []
    moved = _rename_speaker({**record, "$schema": "../../schema/v2/statement.schema.json"}, "statement")
    assert schema.issues(moved, STATEMENT) == []  # valid in v2, though not in v1
    v1_shape = {**record, "$schema": "../../schema/v2/statement.schema.json"}
    assert {rule for rule, _ in schema.issues(v1_shape, STATEMENT)} == {"schema.additional-properties", "schema.required"}
