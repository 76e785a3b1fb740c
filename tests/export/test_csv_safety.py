"""CSV cells cannot be turned against a spreadsheet; JSON Lines and SQLite keep the exact text.

Policy (OWASP, agreed for the downloads page): in the CSV, a text that begins with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return gets a single quote before it; nothing else
changes, and the JSON Lines and SQLite files hold the text exactly as curated.
"""

from __future__ import annotations

import copy
import functools
import json
import tempfile
from pathlib import Path

import frictionless
import pytest
import testdata
from hypothesis import given, settings
from hypothesis import strategies as st

import communique
from communique.export import ExportError, write_package, write_records
from communique.export import tables as shapes
from communique.export.package import CSV_NOTE
from communique.export.writers import csv_field
from communique.kinds import BY_FOLDER, KINDS

STARTS = "=+-@\t\r"  # written out here rather than imported: the test states the policy


def _expected_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return "'" + value if value[:1] in STARTS and value else value


def _places(records: dict[str, list[dict]]) -> list[tuple[str, int, tuple]]:
    """Every text of ``records`` that is neither an id nor a reference to one: (folder, index, path)."""
    ids = {record["id"] for items in records.values() for record in items}
    found = []

    def walk(folder, index, value, path):
        if isinstance(value, dict):
            for key, item in value.items():
                walk(folder, index, item, (*path, key))
        elif isinstance(value, list):
            for position, item in enumerate(value):
                walk(folder, index, item, (*path, position))
        elif isinstance(value, str) and value not in ids and path[-1] != "$schema":
            found.append((folder, index, path))

    for folder, items in records.items():
        for index, record in enumerate(items):
            walk(folder, index, record, ())
    return found

texts = st.one_of(
    st.text(),
    st.builds(lambda start, rest: start + rest, st.sampled_from([*STARTS, "'", "'=", " =", '"', "\n"]), st.text()),
)


def _set(record: dict, path: tuple, value: str) -> None:
    for key in path[:-1]:
        record = record[key]
    record[path[-1]] = value


@settings(max_examples=80, deadline=None)
@given(data=st.data(), text=texts)
def test_any_text_in_any_field(data, text, small_records, csv_rows, sqlite_rows):
    folder, index, path = data.draw(st.sampled_from(_places(small_records)), label="place")
    records = {BY_FOLDER[name]: copy.deepcopy(items) for name, items in small_records.items()}
    _set(records[BY_FOLDER[folder]][index], path, text)
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "export"
        if text == "" or "\x00" in text:  # what CSV cannot carry is refused, and nothing written
            with pytest.raises(ExportError, match="empty string|NUL"):
                write_records(records, out)
            assert not out.exists()
            return
        write_records(records, out)
        for kind in KINDS:
            lines = (out / "jsonl" / f"{kind.folder}.jsonl").read_text(encoding="utf-8").split("\n")
            assert [json.loads(line) for line in lines if line] == sorted(records.get(kind, []), key=lambda r: r["id"])
        expected = {name: rows for kind in KINDS for name, rows in shapes.rows(kind, records.get(kind, [])).items()}
        assert sqlite_rows(out) == expected
        cells = csv_rows(out, raw=True)
        for name, rows in expected.items():
            assert cells[name] == [{key: _expected_cell(value) for key, value in row.items()} for row in rows], name


def test_a_nul_is_refused_with_where_it_is(tmp_path, small_records):
    records = {BY_FOLDER[name]: copy.deepcopy(items) for name, items in small_records.items()}
    records[BY_FOLDER["statements"]][1]["text"] = "Moscow\x00 is ready"
    with pytest.raises(ExportError, match=r"statements\.text of 'tass-2020-09-11-dialogue-ready': a NUL character"):
        write_records(records, tmp_path / "export")
    assert not (tmp_path / "export").exists()


def _string_fields():
    for table in shapes.tables():
        for field in shapes.table_schema(table)["fields"]:
            if field["type"] == "string":
                yield pytest.param(field, id=f"{table.name}.{field['name']}")


@functools.cache
def _reader(field: str):
    return frictionless.Field.from_descriptor(json.loads(field)).create_cell_reader()


def _valid(field: dict, cell: str) -> bool:
    return not _reader(json.dumps(field))(cell)[1]


@pytest.mark.parametrize("field", list(_string_fields()))
@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_a_csv_cell_is_valid_exactly_when_its_value_is(field, data):
    """The CSV Table Schema describes the quoted cells: frictionless accepts a cell under it
    exactly when it accepts, under the field's own constraints, a value written as that cell.

    That is the value itself, and for a quoted cell ``'=x`` also the value ``'=x``, which the
    policy writes as it is: the one ambiguity of quoting only formula characters."""
    constraints = field.get("constraints", {})
    samples = [*constraints.get("enum", []), "a", "new-start", "Q159", "RU", "https://tass.com/x", "x" * 121]
    start = data.draw(st.sampled_from(["", *STARTS, " "]))
    value = start + data.draw(st.one_of(st.sampled_from(samples), st.text(min_size=0 if start else 1)))
    cell = _expected_cell(value)
    assert _valid(csv_field(field), cell) == (_valid(field, value) or _valid(field, cell)), (value, cell)
    if cell != value:
        assert not _valid(csv_field(field), value)  # a formula left unquoted is caught


def test_frictionless_validates_quoted_cells_and_catches_an_unquoted_formula(tmp_path, tamper, small_records):
    records = copy.deepcopy(small_records)
    records["statements"][0]["text"] = "=HYPERLINK(\"https://example.org\",\"said\")"
    records["articles"][0]["headline"] = "@TASS: Russia ready for dialogue"
    records["articles"][0]["capture"]["file"] = "-seed.txt"  # a pattern a quote does not match
    records["actors"][0]["aliases"].append("+Lavrov")
    records["articles"][0]["body"] = "\t" + records["articles"][0]["body"]  # a text field may start with a tab
    out = tmp_path / "export"
    write_package(communique.load(testdata.write_dataset(tmp_path / "dataset", records)), out)
    report = frictionless.validate(str(out / "datapackage.json"))
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "type", "note"])
    descriptor = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    assert all(CSV_NOTE in r["description"] for r in descriptor["resources"] if r["format"] == "csv")
    assert "'=HYPERLINK" in (out / "csv" / "statements.csv").read_text(encoding="utf-8")
    assert '"text":"=HYPERLINK' in (out / "jsonl" / "statements.jsonl").read_text(encoding="utf-8")

    tamper(out, "csv/statements.csv", "'=HYPERLINK", "=HYPERLINK")
    report = frictionless.validate(str(out / "datapackage.json"))
    assert [row[:2] for row in report.flatten(["type", "fieldName"])] == [["constraint-error", "text"]]
