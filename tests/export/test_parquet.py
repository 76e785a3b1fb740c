"""Parquet tables: the CSV tables' columns, types and rows, read by DuckDB with no code of ours; every
foreign key holds as a join; and the reference and quote checks in SQL find what the validator finds."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import pytest

import communique
from communique.export import files, write_package
from communique.export import tables as shapes
from communique.export.checks import NORMALISE, quotes_sql, references_sql
from communique.frames import MissingExtra
from communique.validate.engine import validate

duckdb = pytest.importorskip("duckdb")
pytest.importorskip("pyarrow")

DUCKDB_TYPES = {"string": "VARCHAR", "integer": "BIGINT", "date": "DATE", "boolean": "BOOLEAN"}


def _export(root: Path, out: Path) -> Path:
    write_package(communique.load(root), out, parquet=True)
    return out


@pytest.fixture(params=["small", "real"])
def exported(request, small_dataset, real_dataset, tmp_path) -> Path:
    return _export(small_dataset if request.param == "small" else real_dataset, tmp_path / "export")


def test_every_table_has_the_csv_columns_types_and_row_count(exported):
    connection = duckdb.connect()
    for table in shapes.tables():
        described = connection.execute(f"DESCRIBE SELECT * FROM read_parquet('{exported}/parquet/{table.name}.parquet')").fetchall()
        schema = shapes.table_schema(table)
        assert [(name, kind) for name, kind, *_ in described] == [
            (field["name"], DUCKDB_TYPES[field["type"]]) for field in schema["fields"]
        ], table.name
        with (exported / "csv" / f"{table.name}.csv").open(encoding="utf-8", newline="") as handle:
            csv_rows = sum(1 for _ in csv.reader(handle)) - 1
        (count,) = connection.execute(f"SELECT count(*) FROM read_parquet('{exported}/parquet/{table.name}.parquet')").fetchone()
        assert count == csv_rows, table.name


def test_every_foreign_key_holds_as_a_join(exported):
    connection = duckdb.connect()
    checked = 0
    for table in shapes.tables():
        for key in shapes.table_schema(table).get("foreignKeys", ()):
            on = " AND ".join(f't."{f}" = r."{r}"' for f, r in zip(key["fields"], key["reference"]["fields"]))
            nonnull = " AND ".join(f't."{f}" IS NOT NULL' for f in key["fields"])
            (missing,) = connection.execute(
                f"SELECT count(*) FROM read_parquet('{exported}/parquet/{table.name}.parquet') t "
                f"LEFT JOIN read_parquet('{exported}/parquet/{key['reference']['resource']}.parquet') r ON {on} "
                f"WHERE {nonnull} AND r.\"{key['reference']['fields'][0]}\" IS NULL"
            ).fetchone()
            assert missing == 0, (table.name, key)
            checked += 1
    assert checked > 20
    assert connection.execute(references_sql(f"{exported}/parquet")).fetchall() == []


def test_the_parquet_files_are_listed_described_and_reproducible(small_dataset, tmp_path):
    first, second = _export(small_dataset, tmp_path / "first"), _export(small_dataset, tmp_path / "second")
    assert sorted(str(p.relative_to(first)) for p in first.rglob("*") if p.is_file()) == sorted(
        [*files(parquet=True), ".communique-export.json"]
    )
    for name in files(parquet=True):
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    resources = json.loads((first / "datapackage.json").read_text(encoding="utf-8"))["resources"]
    assert {r["path"] for r in resources if r["format"] == "parquet"} == {f"parquet/{t.name}.parquet" for t in shapes.tables()}


def test_sql_checks_find_a_planted_dangling_reference_and_quote_as_the_validator_does(small_dataset, tmp_path):
    statement = next(path for path in sorted((small_dataset / "statements").glob("*.json"))
                     if json.loads(path.read_text(encoding="utf-8"))["kind"] == "quote")
    record = json.loads(statement.read_text(encoding="utf-8"))
    record["text"] = record["text"] + " and nobody printed these words"
    statement.write_text(json.dumps(record), encoding="utf-8")
    assert {f.rule for f in validate(small_dataset)} >= {"meaning.quote-in-article"}

    out = _export(small_dataset, tmp_path / "export")  # the library writes what it is given; the CLI refuses errors
    parquet = out / "parquet"
    connection = duckdb.connect()
    connection.execute(NORMALISE)
    mentions = f"{parquet}/statement_mentions.parquet"
    connection.execute(
        f"COPY (SELECT statement, position, CASE WHEN position = 1 THEN 'nobody' ELSE actor END AS actor "
        f"FROM read_parquet('{mentions}')) TO '{tmp_path}/planted.parquet' (FORMAT parquet)"
    )
    Path(tmp_path / "planted.parquet").replace(mentions)

    assert connection.execute(quotes_sql(str(parquet))).fetchall() == [(record["id"], record["article"])]
    dangling = connection.execute(references_sql(str(parquet))).fetchall()
    assert dangling and {row[:2] for row in dangling} == {("statement_mentions", "actor")}
    assert {row[2] for row in dangling} == {"nobody"}


def test_without_pyarrow_the_parquet_export_names_the_extra(small_dataset, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(MissingExtra, match=r"communique\[parquet\]"):
        write_package(communique.load(small_dataset), tmp_path / "export", parquet=True)
    assert not (tmp_path / "export").exists()
