"""Deprecated fields: the form of ``x-deprecated``, where a record uses one, the classifier
and the data dictionary."""

from __future__ import annotations

import copy
import html
import json
import shutil
from pathlib import Path

import pytest

from communique.kinds import KINDS, STATEMENT
from communique.resources import dataset_dir
from communique.schemafields import walk
from communique.schemas import schema_documents
from communique.site import dictionary
from communique.versioning.classify import diff
from communique.versioning.deprecation import BadDeprecation, deprecated_fields, deprecation_of, uses
from communique.versioning.releases import working
from communique.versioning.schemaset import SchemaSet

GOOD = {"since": "1.1.0", "reason": "Attributions are now notes.", "replacement": "/notes"}


@pytest.mark.parametrize(
    ("schema", "problem"),
    [
        ({"deprecated": True}, "without x-deprecated"),
        ({"deprecated": True, "x-deprecated": {**GOOD, "since": "1.1"}}, "is not a version"),
        ({"deprecated": True, "x-deprecated": {**GOOD, "reason": " "}}, "must say why"),
        ({"deprecated": True, "x-deprecated": {**GOOD, "replacement": "notes"}}, "record path"),
        ({"deprecated": True, "x-deprecated": {"since": "1.1.0", "reason": "r"}}, "without x-deprecated"),
        ({"x-deprecated": GOOD}, "is not \"deprecated\": true"),
    ],
)
def test_a_deprecation_says_since_when_why_and_what_replaces_it(schema, problem):
    with pytest.raises(BadDeprecation, match=problem):
        deprecation_of(schema)


def test_a_well_formed_deprecation_and_its_advice():
    deprecation = deprecation_of({"deprecated": True, "x-deprecated": GOOD})
    assert str(deprecation.since) == "1.1.0" and "use /notes instead" in deprecation.advice
    assert "nothing replaces it" in deprecation_of({"deprecated": True, "x-deprecated": {**GOOD, "replacement": None}}).advice
    assert deprecation_of({"type": "string"}) is None


def test_every_deprecation_in_the_shipped_schemas_is_well_formed():
    for kind in KINDS:
        deprecated_fields(walk(schema_documents()[kind.schema_file], kind.schema_file))  # raises on a bad one


def _statement_deprecating(field: str, inside: tuple[str, ...] = ()) -> dict:
    schema = copy.deepcopy(schema_documents()[STATEMENT.schema_file])
    node = schema["properties"]
    for step in inside:
        node = node[step]
    node[field] = {**node[field], "deprecated": True, "x-deprecated": GOOD}
    return schema


def test_every_use_of_a_deprecated_field_is_found_nested_ones_too():
    record = json.loads(next((dataset_dir() / "statements").glob("*.json")).read_text(encoding="utf-8"))
    record = {key: value for key, value in record.items() if key != "occasion"}  # deprecated in the shipped schema
    record = {**record, "attribution": "said", "sources": [{"url": "https://a.example", "title": "A"}, {"url": "https://b.example", "title": "B"}]}
    root = walk(_statement_deprecating("attribution"), STATEMENT.schema_file)
    assert [pointer for pointer, _ in uses(record, "statement", root)] == ["/attribution"]
    sources = _statement_deprecating("sources")
    sources["properties"]["sources"] = {**sources["properties"]["sources"]}
    root = walk(sources, STATEMENT.schema_file)
    assert [pointer for pointer, _ in uses(record, "statement", root)] == ["/sources"]
    assert list(uses({k: v for k, v in record.items() if k != "attribution"}, "statement", walk(_statement_deprecating("attribution"), STATEMENT.schema_file))) == []


def test_deprecating_a_field_with_its_annotation_is_a_minor_change(tmp_path: Path):
    shutil.copytree(working().folder, tmp_path / "new")
    (tmp_path / "new" / STATEMENT.schema_file).write_text(json.dumps(_statement_deprecating("attribution"), indent=2), encoding="utf-8")
    changes = diff(working(), SchemaSet.load(tmp_path / "new"))
    assert {change.kind.code for change in changes} == {"field-deprecated", "annotation-changed"}


def test_the_dictionary_marks_a_deprecated_field_with_its_replacement():
    entries = {entry.path: entry for entry in dictionary.fields(_statement_deprecating("attribution"), base=STATEMENT.schema_file)}
    section = html.unescape("\n".join(dictionary._field_section(entries["attribution"], STATEMENT, [])))
    assert "Deprecated since schema 1.1.0" in section and "use /notes instead" in section
    assert "Deprecated" not in "\n".join(dictionary._field_section(entries["text"], STATEMENT, []))
