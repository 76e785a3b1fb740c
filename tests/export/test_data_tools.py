"""The export meets the tools its users have: full-text search in SQLite, Datasette with its metadata,
a flat statements table for spreadsheets, and the whole package in one zip."""

from __future__ import annotations

import asyncio
import csv
import json
import re
import shutil
import sqlite3
import zipfile
from pathlib import Path

import frictionless
import pytest

import communique
from communique.export import files, write_package
from communique.export import package as package_module
from communique.export import search
from communique.export.archive import ARCHIVE
from communique.export.datasette import METADATA
from communique.export.labels import LABELS


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("tools") / "export"
    write_package(communique.load(), out)
    return out


def test_every_searched_text_is_found_by_each_of_its_words(exported):
    connection = sqlite3.connect(exported / "communique.sqlite")
    for table, columns in search.SEARCHED.items():
        for column in columns:
            for row_id, text in connection.execute(f'SELECT id, "{column}" FROM "{table}" WHERE "{column}" IS NOT NULL'):
                words = re.findall(r"\w{4,}", text)[:5]
                for word in words:
                    found = connection.execute(
                        f'SELECT id FROM "{table}" WHERE rowid IN (SELECT rowid FROM "{table}_fts" WHERE "{table}_fts" MATCH ?)',
                        (f'"{column}" : "{word}"',),
                    ).fetchall()
                    assert (row_id,) in found, (table, column, word)
    connection.close()


def test_the_indexes_agree_with_their_tables_after_the_export(exported, tmp_path):
    copy = tmp_path / "copy.sqlite"
    shutil.copy(exported / "communique.sqlite", copy)  # integrity-check is an INSERT: not on the export itself
    connection = sqlite3.connect(copy)
    for table in search.SEARCHED:
        connection.execute(f'INSERT INTO "{table}_fts"("{table}_fts", rank) VALUES (\'integrity-check\', 1)')
    connection.close()


def test_an_index_that_points_at_other_rows_is_refused(monkeypatch, tmp_path):
    real_rowids = search.rowids
    calls = []

    def renumbered(connection):
        calls.append(1)
        found = real_rowids(connection)
        if len(calls) == 2:  # the written file: as if VACUUM had renumbered the statements
            found["statements"] = list(reversed(found["statements"]))
        return found

    monkeypatch.setattr(search, "rowids", renumbered)
    with pytest.raises(communique.export.ExportError, match="full-text indexes"):
        write_package(communique.load(), tmp_path / "export")
    assert not (tmp_path / "export").exists()


def test_datasette_reads_the_metadata_and_searches(exported):
    from datasette.app import Datasette

    metadata = json.loads((exported / METADATA).read_text(encoding="utf-8"))
    app = Datasette([str(exported / "communique.sqlite")], metadata=metadata)

    async def get(path: str):
        response = await app.client.get(path)
        assert response.status_code == 200, (path, response.text[:500])
        return response

    async def scenario():
        found = (await get("/communique/statements.json?_search=dialogue&_shape=array")).json()
        assert found and all("dialogue" in row["text"].lower() for row in found)
        labelled = (await get("/communique/statements.json?_labels=on&_shape=array&_size=1")).json()[0]
        connection = sqlite3.connect(exported / "communique.sqlite")
        (headline,) = connection.execute("SELECT headline FROM articles WHERE id = ?", (labelled["article"]["value"],)).fetchone()
        assert labelled["article"]["label"] == headline
        page = (await get("/communique/statements")).text
        assert metadata["databases"]["communique"]["tables"]["statements"]["description"].split(".")[0] in page
        assert "CC BY 4.0" in (await get("/")).text

    asyncio.run(scenario())


def test_the_metadata_describes_every_table_and_column(exported):
    metadata = json.loads((exported / METADATA).read_text(encoding="utf-8"))
    tables = metadata["databases"]["communique"]["tables"]
    connection = sqlite3.connect(exported / "communique.sqlite")
    for table, entry in tables.items():
        columns = [row[1] for row in connection.execute(f'PRAGMA table_info("{table}")')]
        assert list(entry["columns"]) == columns and all(entry["columns"].values()), table
        assert entry["description"]
    assert {table: entry["label_column"] for table, entry in tables.items() if "label_column" in entry} == LABELS
    assert metadata["license_url"] == "https://creativecommons.org/licenses/by/4.0/"


def test_the_flat_table_has_a_row_per_statement_with_references_resolved(exported):
    data = communique.load()
    with (exported / "csv" / "statements_flat.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [row["id"] for row in rows] == sorted(data.statements)
    for row in rows:
        statement = data.statements[row["id"]]
        article = data.articles[statement.article]
        assert row["speaker_name"] == data.actors[statement.speaker].name
        assert (row["article_headline"], row["url"], row["published"]) == (article.headline, article.url, article.published.isoformat())
        assert row["publisher"] == data.actors[article.publisher].name
        assert row["topics"] == "; ".join(statement.topics)
        assert row["treaties"] == "; ".join(data.treaties[t].name for t in statement.treaties)


def test_the_zip_holds_the_whole_package_which_validates(exported, tmp_path):
    with zipfile.ZipFile(exported / ARCHIVE) as archive:
        names = archive.namelist()
        assert names == [f"communique/{name}" for name in package_module.packaged()]
        for name in package_module.packaged():
            assert archive.read(f"communique/{name}") == (exported / name).read_bytes(), name
        archive.extractall(tmp_path)
    report = frictionless.validate(str(tmp_path / "communique" / "datapackage.json"))
    assert report.valid, report.flatten(["resourceName", "type", "note"])
    assert ARCHIVE in files() and ARCHIVE not in package_module.packaged()
