"""Write rows and records as CSV, JSON Lines and SQLite, the same bytes for the same input.

Each writer gets its rows already in their final order (see :func:`tables.rows`) and
adds nothing that changes between runs: no timestamps, no random ids, no dict order
that depends on history.

The CSV files are for spreadsheets as much as for programs, and a spreadsheet runs a cell
that begins with ``=``, ``+``, ``-`` or ``@`` as a formula (some also one that begins with
a tab or a carriage return). Following OWASP's advice on CSV injection, such a cell is
written with a single quote before it (:func:`csv_cell`); the JSON Lines and SQLite files
keep the exact text.
The Table Schema of each CSV column says so (:func:`csv_field`), so that the package
validates with the quotes in place and a cell left unquoted does not.
"""

from __future__ import annotations

import csv
import json
import sqlite3
from collections.abc import Iterable, Mapping
from pathlib import Path

from communique.export import search
from communique.export.tables import quote_identifier


class ExportError(Exception):
    """The export cannot be written faithfully; the message says which value and why."""


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_FORMULA_CLASS = r"[=+\-@\t\r]"  # the same characters, as a regular expression


def csv_cell(text: str) -> str:
    """A text as its CSV cell: quoted with ``'`` when a spreadsheet would take it for a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_field(field: Mapping) -> dict:
    """A Table Schema field as it applies to the CSV cells of its values (see :func:`csv_cell`).

    Frictionless checks a constraint on the cell as written, quote included: an enum value
    or a pattern that a formula character may begin would reject the quoted cell, and so
    would a maximum length the quote takes one beyond. So the enum lists the cells, and a
    pattern, with the lengths folded in, accepts a cell that is the value as it is (not
    beginning with a formula character) or ``'`` and a value that begins with one. A
    string column with no pattern gets one too: it is what proves every cell safe.
    """
    if field["type"] != "string":
        return dict(field)
    constraints = dict(field.get("constraints", {}))
    if "enum" in constraints:
        constraints["enum"] = [csv_cell(value) for value in constraints["enum"]]
    if "enum" not in constraints or {"pattern", "minLength", "maxLength"} & constraints.keys():
        body = constraints.pop("pattern", r"[\s\S]*")
        low, high = constraints.pop("minLength", 0), constraints.pop("maxLength", "")
        length = rf"(?=[\s\S]{{{low},{high}}}\Z)" if low or high != "" else ""
        value = f"{length}(?:{body})"
        constraints["pattern"] = f"(?:(?!{_FORMULA_CLASS}){value}|'(?={_FORMULA_CLASS}){value})"
    return {**field, "constraints": constraints}


def write_csv(path: Path, columns: tuple[str, ...], rows: Iterable[Mapping]) -> None:
    """RFC 4180 CSV with a header row; an empty cell is a field left out.

    An empty string cannot be told apart from a field left out, so one is refused rather
    than silently dropped on the way back. So is a NUL character: validation refuses
    control characters in record text, and should one get here all the same, many CSV
    readers end a cell or a file at it and no quoting keeps it safe. Text is written
    through :func:`csv_cell`.
    """
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(columns)
        for row in rows:
            cells = []
            for name in columns:
                value = row[name]
                if isinstance(value, bool):  # as Table Schema's default trueValues/falseValues spell them
                    value = "true" if value else "false"
                elif isinstance(value, str):
                    if value == "":
                        raise ExportError(f"{path.stem}.{name}: an empty string cannot be told from a missing value in CSV")
                    if "\x00" in value:
                        raise ExportError(
                            f"{path.stem}.{name} of {row[columns[0]]!r}: a NUL character cannot be written to CSV"
                        )
                    value = csv_cell(value)
                cells.append("" if value is None else value)
            writer.writerow(cells)


def write_jsonl(path: Path, records: Iterable[Mapping]) -> None:
    """One record per line, keys in the order given, text as UTF-8 rather than escapes."""
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False, separators=(",", ":"), allow_nan=False))
            handle.write("\n")


#: Table Schema type -> SQLite column type (a date is ISO 8601 text, as SQLite's date functions read it; a boolean is 0 or 1)
SQL_TYPES = {"string": "TEXT", "date": "TEXT", "integer": "INTEGER", "boolean": "INTEGER"}


def create_table_sql(name: str, schema: Mapping) -> str:
    """``CREATE TABLE`` from a Table Schema: column types, NOT NULL, primary and foreign keys."""
    lines = []
    for field in schema["fields"]:
        null = " NOT NULL" if field.get("constraints", {}).get("required") else ""
        lines.append(f"{quote_identifier(field['name'])} {SQL_TYPES[field['type']]}{null}")
    lines.append(f"PRIMARY KEY ({', '.join(map(quote_identifier, schema['primaryKey']))})")
    for key in schema.get("foreignKeys", ()):
        reference = key["reference"]
        lines.append(
            f"FOREIGN KEY ({', '.join(map(quote_identifier, key['fields']))}) "
            f"REFERENCES {quote_identifier(reference['resource'])} ({', '.join(map(quote_identifier, reference['fields']))})"
        )
    return f"CREATE TABLE {quote_identifier(name)} (\n  " + ",\n  ".join(lines) + "\n)"


def _indexes_sql(name: str, schema: Mapping) -> list[str]:
    """An index on each foreign key that the primary key does not already lead with."""
    statements = []
    for key in schema.get("foreignKeys", ()):
        fields = key["fields"]
        if schema["primaryKey"][: len(fields)] != fields:
            index = quote_identifier(f"idx_{name}_{'_'.join(fields)}")
            statements.append(f"CREATE INDEX {index} ON {quote_identifier(name)} ({', '.join(map(quote_identifier, fields))})")
    return statements


def build_sqlite(tables: Iterable[tuple[str, Mapping, Iterable[Mapping]]]) -> sqlite3.Connection:
    """An in-memory SQLite database holding every table, its keys and its rows.

    The foreign keys are checked once every table is filled, since tables of one kind point
    at tables of kinds that come later: a dangling one is an :class:`ExportError`.
    ``communique query`` reads this database as it is; :func:`write_sqlite` writes it out.
    """
    connection = sqlite3.connect(":memory:")
    try:
        for name, schema, rows in tables:
            connection.execute(create_table_sql(name, schema))
            columns = [field["name"] for field in schema["fields"]]
            insert = (
                f"INSERT INTO {quote_identifier(name)} ({', '.join(map(quote_identifier, columns))}) "
                f"VALUES ({', '.join('?' for _ in columns)})"
            )
            try:
                connection.executemany(insert, ([row[column] for column in columns] for row in rows))
            except sqlite3.IntegrityError as error:
                raise ExportError(f"{name}: {error}") from None
            for statement in _indexes_sql(name, schema):
                connection.execute(statement)
        connection.commit()
        dangling = connection.execute("PRAGMA foreign_key_check").fetchall()
        if dangling:
            table, _, parent, _ = dangling[0]
            raise ExportError(f"{len(dangling)} row(s) point at missing rows, the first in {table} (at {parent})")
        search.create_indexes(connection)
    except BaseException:
        connection.close()
        raise
    return connection


def write_sqlite(path: Path, tables: Iterable[tuple[str, Mapping, Iterable[Mapping]]]) -> None:
    """One SQLite file holding every table, its keys and its rows (:func:`build_sqlite`); byte-stable.

    The database is built in memory and written with ``VACUUM INTO``: a fresh file whose
    pages are laid out in one pass, so the same rows inserted in the same order give the
    same bytes (a file updated in place keeps traces of its history: free pages, change
    counters). The full-text indexes (``search``) are checked to point at the same rows after.
    """
    connection = build_sqlite(tables)
    try:
        indexed = search.rowids(connection)
        try:
            connection.execute("VACUUM INTO ?", (str(path),))
        except sqlite3.OperationalError as error:  # a full disk, a folder that cannot be written
            raise OSError(None, str(error), str(path)) from error  # SQLite keeps the errno to itself
    finally:
        connection.close()
    written = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        if search.rowids(written) != indexed:
            raise ExportError(f"{path.name}: VACUUM renumbered rows, so the full-text indexes would point at the wrong ones")
    finally:
        written.close()
