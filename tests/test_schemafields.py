"""The one walk over the schemas finds every field where a record has it, with its annotations."""

from __future__ import annotations

import copy

import pytest

from communique import schemafields, schemas
from communique.kinds import KINDS

REFERENCE_DEFS = {
    name for name, node in schemas.schema_documents()[schemas.DEFS_FILE]["$defs"].items() if "x-references" in node
}


def _written(node, path=()):
    """(path, node) for each property and array item as written in a schema file, $refs not followed."""
    for name, child in node.get("properties", {}).items():
        yield (*path, name), child
        yield from _written(child, (*path, name))
    if isinstance(node.get("items"), dict):
        yield (*path, "*"), node["items"]
        yield from _written(node["items"], (*path, "*"))


def _by_path(kind_name):
    return {field.path: field for field in schemafields.fields(kind_name)}


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.name)
def test_every_reference_written_in_a_kind_is_found_at_its_path_with_its_target(kind):
    written = {
        path: node["$ref"].rsplit("/", 1)[-1]
        for path, node in _written(schemas.schema_for(kind))
        if node.get("$ref", "").rsplit("/", 1)[-1] in REFERENCE_DEFS
    }
    defs = schemas.schema_documents()[schemas.DEFS_FILE]["$defs"]
    found = {field.path: field.references for field in schemafields.fields(kind.name) if field.references}
    assert written, "each kind refers to some other record"
    assert found == {path: defs[name]["x-references"] for path, name in written.items()}


def test_references_of_the_statement_including_those_in_arrays():
    found = {field.path: field.references for field in schemafields.fields("statement") if field.references}
    assert found == {
        ("article",): "article",
        ("speaker",): "actor",
        ("event",): "event",
        ("translated_by",): "actor",
        ("addressees", "*"): "actor",
        ("mentions", "*"): "actor",
        ("treaties", "*"): "treaty",
        ("responds_to", "*", "target"): "statement",
        ("responds_to", "*", "claimant"): "actor",
    }
    actor = _by_path("actor")
    assert actor[("roles", "*", "of")].references == "actor"


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.name)
def test_required_flags_match_what_the_validator_requires(kind):
    """Taking a field out of a valid example fails ``required`` exactly when the field is flagged required."""
    validator = schemas.validator_for(kind)
    checked = 0
    for example in schemas.schema_for(kind)["examples"]:
        for field in schemafields.fields(kind.name):
            if field.name == "*":
                assert not field.required
                continue
            found = schemafields.values(example, field.path)
            if not found:
                continue
            pointer = found[0][0]
            record = copy.deepcopy(example)
            *parents, name = pointer.strip("/").split("/")
            owner = record
            for step in parents:
                owner = owner[int(step)] if isinstance(owner, list) else owner[step]
            del owner[name]
            errors = list(validator.iter_errors(record))
            if field.required:
                assert [error.validator for error in errors] == ["required"], (kind.name, pointer)
                assert f"'{field.name}'" in errors[0].message
            else:
                assert errors == [], (kind.name, pointer)
            checked += 1
    assert checked >= 5


def test_required_at_every_depth_and_through_defs():
    statement = schemafields.root("statement")
    assert {field.name for field in statement.properties if field.required} == set(
        schemas.schema_documents()["statement.schema.json"]["required"]
    )
    fields = _by_path("actor")
    assert fields[("roles", "*", "start")].required and not fields[("roles", "*", "end")].required
    assert fields[("sources", "*", "url")].required and not fields[("sources", "*", "title")].required  # from defs


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.name)
def test_every_codelist_written_in_a_kind_is_found(kind):
    written = {path: node["x-codelist"] for path, node in _written(schemas.schema_for(kind)) if "x-codelist" in node}
    found = {field.path: field.codelist for field in schemafields.fields(kind.name) if field.codelist}
    assert written and written.items() <= found.items()
    assert found[("notes", "*", "kind")] == {"file": "codelists/note-kind.csv", "open": False}  # only in defs


def test_codelist_on_array_items_and_formats():
    statement = _by_path("statement")
    assert statement[("topics", "*")].codelist == {"file": "codelists/topic.csv", "open": True}
    assert statement[("topics",)].codelist is None
    assert statement[("date",)].schema["format"] == "date"  # from defs
    assert statement[("sources", "*", "url")].schema["format"] == "uri"  # two definitions away


def test_refs_are_merged_with_the_property_s_own_words_first():
    speaker = _by_path("statement")[("speaker",)]
    assert speaker.schema["title"] == "Speaker"  # its own, not the definition's "Actor reference"
    assert speaker.schema["pattern"] == "^[a-z0-9]+(?:-[a-z0-9]+)*(?!\\n)$"  # from slug, three $refs away
    assert speaker.defs == {"actor_ref", "id", "slug"}
    assert "$ref" not in speaker.schema


def test_fields_come_in_schema_order_each_before_those_under_it():
    paths = [field.path for field in schemafields.fields("statement")]
    top = [path[0] for path in paths if len(path) == 1]
    assert top == list(schemas.schema_documents()["statement.schema.json"]["properties"])
    for position, path in enumerate(paths):
        if len(path) > 1:
            assert path[:-1] in paths[:position], path


def test_walk_takes_any_schema_and_resolves_against_its_file():
    field = schemafields.walk(
        {"type": "object", "required": ["who"], "properties": {"who": {"$ref": "defs.schema.json#/$defs/actor_ref"}}},
        "statement.schema.json",
    )
    (who,) = field.properties
    assert who.path == ("who",) and who.required and who.references == "actor"
    assert who.schema["maxLength"] == 120  # "#/$defs/id" inside defs resolved against defs, not the statement
    assert field.items is None


def test_values_gives_each_value_with_its_json_pointer():
    record = {
        "notes": [
            {"sources": [{"url": "a"}, {"title": "no url"}, {"url": "b"}]},
            {"text": "no sources"},
            {"sources": "not a list"},
            {"sources": [{"url": "c"}]},
        ],
        "id": "x",
    }
    assert schemafields.values(record, ("notes", "*", "sources", "*", "url")) == [
        ("/notes/0/sources/0/url", "a"),
        ("/notes/0/sources/2/url", "b"),
        ("/notes/3/sources/0/url", "c"),
    ]
    assert schemafields.values(record, ("id",)) == [("/id", "x")]
    assert schemafields.values(record, ("missing",)) == []
    assert schemafields.values(record, ("id", "*")) == []
    assert schemafields.values({"a": ["x", "y"]}, ("a", "*"), "/prefix") == [("/prefix/a/0", "x"), ("/prefix/a/1", "y")]


def _schema_nodes(node):
    """Every schema object in a schema file: the file itself, its definitions, properties and items."""
    yield node
    for child in [*node.get("$defs", {}).values(), *node.get("properties", {}).values()]:
        yield from _schema_nodes(child)
    if isinstance(node.get("items"), dict):
        yield from _schema_nodes(node["items"])


def test_the_schemas_use_only_keywords_the_walk_follows():
    for name, document in schemas.schema_documents().items():
        for node in _schema_nodes(document):
            assert set(node) <= schemafields.KEYWORDS, (name, sorted(set(node) - schemafields.KEYWORDS))
            assert node.get("additionalProperties", False) is False
            assert node.get("format", "date") in schemafields.FORMATS


@pytest.mark.parametrize(
    "extra",
    [
        {"allOf": [{"$ref": "defs.schema.json#/$defs/actor_ref"}]},
        {"oneOf": [{"type": "string"}, {"type": "null"}]},
        {"if": {"type": "string"}, "then": {"x-codelist": {"file": "codelists/topic.csv", "open": True}}},
        {"patternProperties": {"^x": {"type": "string"}}},
        {"additionalProperties": {"type": "string"}},
        {"const": "x"},
        {"format": "email"},
    ],
    ids=lambda extra: next(iter(extra)),
)
def test_a_keyword_the_walk_does_not_follow_is_refused_not_skipped(extra):
    schema = {"type": "object", "properties": {"who": {"type": "string", **extra}}}
    with pytest.raises(schemafields.UnknownKeywordError, match=next(iter(extra))):
        schemafields.walk(schema, "statement.schema.json")


def test_a_definition_is_read_through_its_refs():
    assert schemafields.definition("id")["pattern"] == schemafields.definition("slug")["pattern"]
    assert schemafields.definition("actor_ref")["maxLength"] == 120
