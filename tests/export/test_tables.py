"""The tables are derived from the JSON Schemas: every field has a home, every reference a key."""

from __future__ import annotations

import re

import pytest

from communique import schemas
from communique.export import tables as shapes
from communique.kinds import BY_NAME, KINDS, STATEMENT


def _schema_properties(kind):
    resolved = schemas.registry().resolver().lookup(kind.schema_id)
    return set(resolved.contents["properties"])


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.name)
def test_every_top_level_property_has_a_column_or_a_link_table(kind):
    own = shapes.tables_of(kind)
    main = own[0]
    homes = {column.path[0] for column in main.columns}
    homes |= {table.array[0] for table in own[1:] if table.owner is main}
    assert homes == _schema_properties(kind)


def test_table_names_and_keys():
    by_name = {table.name: table for table in shapes.tables()}
    assert by_name["statements"].primary_key == ("id",)
    assert by_name["statement_mentions"].column_names == ("statement", "position", "actor")
    assert by_name["treaty_parties"].column_names == ("treaty", "position", "actor")
    assert by_name["statement_note_sources"].primary_key == ("statement", "note_position", "position")
    assert by_name["article_capture_removed"].owner.name == "articles"


def _keyword_values(node, keyword):
    """Every string value of ``keyword`` anywhere in a schema document."""
    if isinstance(node, dict):
        if isinstance(node.get(keyword), str):
            yield node[keyword]
        for value in node.values():
            yield from _keyword_values(value, keyword)
    elif isinstance(node, list):
        for value in node:
            yield from _keyword_values(value, keyword)


def test_every_reference_is_a_foreign_key():
    for table in shapes.tables():
        schema = shapes.table_schema(table)
        targets = {(tuple(key["fields"]), key["reference"]["resource"]) for key in schema.get("foreignKeys", ())}
        for column in table.columns:
            if column.references:
                assert ((column.name,), BY_NAME[column.references].folder) in targets
        if table.owner is not None:
            assert (table.owner_keys, table.owner.name) in targets
    # and the schemas' references all reach some column
    referenced = {column.references for table in shapes.tables() for column in table.columns if column.references}
    declared = set(_keyword_values(schemas.schema_documents()["defs.schema.json"], "x-references"))
    assert referenced == declared


def test_constraints_come_from_the_schema():
    statements = {field["name"]: field for field in shapes.table_schema(shapes.tables_of(STATEMENT)[0])["fields"]}
    assert statements["kind"]["constraints"]["enum"] == ["quote", "paraphrase", "partial-quote"]
    assert statements["kind"]["constraints"]["required"] is True
    assert "required" not in statements.get("place", {}).get("constraints", {})
    assert statements["date"]["type"] == "date"
    assert statements["text"]["description"].startswith("For a quote")
    assert statements["id"]["constraints"]["maxLength"] == 120


def test_an_unsupported_type_is_refused_not_dropped():
    with pytest.raises(shapes.SchemaShapeError):
        shapes._check_scalar({"type": "number"}, "x")


SAMPLES = [
    "",
    " ",
    "a",
    "new-start",
    "New-Start",
    "-a",
    "a\nb",
    "  text  ",
    "Q159",
    "Q0",
    "RU",
    "2020-09-11",
    "2020-9-11",
    "https://tass.com/x",
    "../../schema/v1/article.schema.json",
    "x../../schema/v1/article.schema.json",
    "/wikidata",
    "meaning.example-rule",
]


@pytest.mark.parametrize("pattern", sorted({p for doc in schemas.schema_documents().values() for p in _keyword_values(doc, "pattern")}))
def test_patterns_keep_their_meaning_when_anchored(pattern):
    # Table Schema (as frictionless applies it) anchors the pattern: ^...$ with re.match
    table = re.compile(f"^{shapes.full_match_pattern(pattern)}$")
    for sample in SAMPLES:
        assert bool(re.search(pattern, sample)) == bool(table.match(sample)), sample


def test_alternation_outside_groups_is_wrapped():
    assert shapes.full_match_pattern("^a|b$") != "a|b"
    assert re.match(f"^{shapes.full_match_pattern('^a|b$')}$", "xxb")
