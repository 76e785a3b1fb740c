"""The data dictionary follows the schemas; a snapshot guards the statement page's rendering.

Regenerate the snapshot after an intended change with ``COMMUNIQUE_UPDATE_SNAPSHOTS=1``.
"""

from __future__ import annotations

import os
from pathlib import Path

from communique.kinds import BY_NAME, KINDS, STATEMENT
from communique.schemas import codelist, schema_documents
from communique.site import dictionary

SNAPSHOTS = Path(__file__).parent / "snapshots"


def test_statement_page_matches_its_snapshot():
    generated = dictionary.kind_markdown(STATEMENT)
    snapshot = SNAPSHOTS / "dictionary-statement.md"
    if os.environ.get("COMMUNIQUE_UPDATE_SNAPSHOTS"):
        snapshot.write_text(generated, encoding="utf-8")
    assert generated == snapshot.read_text(encoding="utf-8"), (
        "the statement dictionary page changed; if intended, rerun with COMMUNIQUE_UPDATE_SNAPSHOTS=1"
    )


def test_every_property_has_an_entry_with_its_schema_version():
    for kind in KINDS:
        schema = schema_documents()[kind.schema_file]
        page = dictionary.kind_markdown(kind)
        assert f"- Schema version: {dictionary.md(schema['x-version'])}" in page
        for name in schema["properties"]:
            entry = next(e for e in dictionary.fields(schema, base=kind.schema_file) if e.path == name)
            assert f"{{#{entry.anchor}}}" in page, (kind.name, name)


def test_fields_resolve_refs_into_constraints_codelists_and_references():
    entries = {e.path: e for e in dictionary._walk(dictionary.fields(schema_documents()["statement.schema.json"], base="statement.schema.json"))}
    assert entries["date"].node["format"] == "date"
    assert entries["speaker"].references == "actor"
    assert entries["topics"].codelist == {"file": "codelists/topic.csv", "open": True}
    assert entries["notes[].kind"].node["enum"][0] == "source-error"
    assert entries["notes[].sources[].url"].required


def test_a_changed_schema_changes_the_dictionary(monkeypatch):
    documents = {name: dict(doc) for name, doc in schema_documents().items()}
    statement = documents["statement.schema.json"]
    statement["properties"] = {**statement["properties"], "mood": {"title": "Mood", "description": "How it was said.", "type": "string"}}
    monkeypatch.setattr(dictionary, "schema_documents", lambda: documents)
    assert "{#mood}" in dictionary.kind_markdown(BY_NAME["statement"])


def test_every_codelist_has_a_page_listing_its_codes():
    pages = dictionary.pages()
    for file, users in dictionary.codelist_usage().items():
        page = pages[dictionary.codelist_page(file)]
        for row in codelist(file):
            assert f"<code>{dictionary.md(row.code)}</code>" in page
        assert users
