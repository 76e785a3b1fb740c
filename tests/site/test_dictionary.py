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


def test_every_column_of_every_exported_table_is_in_the_tables_page(tmp_path):
    """The export as written (CSV headers, SQLite columns, Parquet schemas), against the page."""
    import csv
    import re
    import sqlite3

    import pyarrow.parquet

    import communique
    from communique.export import write_package

    out = tmp_path / "export"
    write_package(communique.load(), out, parquet=True)
    page = dictionary.tables_markdown()
    sections = {match[1]: match[2] for match in re.finditer(r"^## <code>(.+?)</code> \{#\S+\}\n(.*?)(?=^## |\Z)", page, re.M | re.S)}
    sections = {name.replace("&#95;", "_"): text for name, text in sections.items()}

    def columns_in(text: str) -> list[str]:
        return [name.replace("&#95;", "_") for name in re.findall(r"^\| <code>(.+?)</code> \|", text, re.M)]

    exported: dict[str, dict[str, list[str]]] = {}
    for path in sorted((out / "csv").glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            exported.setdefault(path.stem, {})["csv"] = next(csv.reader(handle))
    for path in sorted((out / "parquet").glob("*.parquet")):
        exported.setdefault(path.stem, {})["parquet"] = pyarrow.parquet.read_schema(path).names
    database = sqlite3.connect(out / "communique.sqlite")
    try:
        names = [name for (name,) in database.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        indexes = {name for name in names if "_fts" in name}  # the full-text indexes and FTS5's own tables
        for name in sorted(set(names) - indexes):
            exported.setdefault(name, {})["sqlite"] = [row[1] for row in database.execute(f'PRAGMA table_info("{name}")')]
    finally:
        database.close()
    searched = sorted(name for name in indexes if name.endswith("_fts"))
    assert searched and all(f"<code>{dictionary.md(name)}</code>" in page for name in searched)
    assert set(exported) == set(sections)
    for table, formats in exported.items():
        for output, columns in formats.items():
            assert columns == columns_in(sections[table]), (table, output)
