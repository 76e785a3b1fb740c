"""``communique query "SQL"``: SQL over the dataset, on SQLite, with no export to write first.

The database is the export's (``communique.sqlite``: the same tables, keys and indexes),
built in memory from the dataset folder, read-only. Results print as an aligned table (text
escaped for the terminal, long cells cut), as CSV (cells a spreadsheet would run as a
formula quoted as in the export) or as JSON (a list of objects, exact text).

    >>> from communique.query import connect
    >>> import communique
    >>> connect(communique.load()).execute("SELECT name FROM actors WHERE id = 'sergey-lavrov'").fetchone()
    ('Sergey Lavrov',)

Exit 0 with the results, 1 when the SQL fails or the dataset does not load, 2 for a usage
error (a dataset folder that does not exist).
"""

from __future__ import annotations

import argparse
import csv
import sqlite3
import sys
from pathlib import Path
from typing import Any

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
FORMATS = ("table", "csv", "json")
CELL_WIDTH = 60


def connect(dataset: Any) -> sqlite3.Connection:
    """The export's SQLite database of a loaded dataset, in memory and read-only.

    Examples:
        >>> import communique
        >>> database = connect(communique.load())
        >>> database.execute(
        ...     "SELECT a.name FROM statements s JOIN actors a ON a.id = s.speaker "
        ...     "WHERE s.rowid IN (SELECT rowid FROM statements_fts WHERE statements_fts MATCH 'channels') LIMIT 1"
        ... ).fetchone()
        ('Sergey Lavrov',)
    """
    from communique.export.package import records_of, sqlite_tables, table_rows
    from communique.export.writers import build_sqlite

    connection = build_sqlite(sqlite_tables(table_rows(records_of(dataset))))
    connection.execute("PRAGMA query_only = ON")
    return connection


def add_dataset_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--dataset",
        metavar="DIR",
        help="the dataset folder (default: ./dataset if it exists, else the packaged dataset)",
    )


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("sql", metavar="SQL", help='a query, e.g. "SELECT speaker, count(*) FROM statements GROUP BY 1"')
    parser.add_argument("--format", choices=FORMATS, default="table", help="how to print the results (default: table)")
    add_dataset_argument(parser)


def load_for_command(name: str, args: argparse.Namespace):
    """The dataset a data command reads, or an exit code after saying why it cannot."""
    from communique.loading import DatasetError, load
    from communique.read import is_dataset
    from communique.render.safe import printable
    from communique.resources import working_dataset

    path = Path(args.dataset) if args.dataset is not None else working_dataset()
    if not path.is_dir() or not is_dataset(path):
        print(f"communique {name}: {printable(str(path))} is not a dataset folder", file=sys.stderr)
        return EXIT_USAGE
    try:
        return load(path)
    except DatasetError as error:
        print(f"communique {name}: the dataset does not load.\n{error}", file=sys.stderr)
        return EXIT_FAILED


def run(args: argparse.Namespace) -> int:
    from communique.export.writers import ExportError
    from communique.render.safe import printable

    dataset = load_for_command("query", args)
    if isinstance(dataset, int):
        return dataset
    try:
        connection = connect(dataset)
    except ExportError as error:  # a dangling reference: the database cannot hold it
        print(f"communique query: {printable(str(error))}; `communique validate` lists the problems", file=sys.stderr)
        return EXIT_FAILED
    try:
        cursor = connection.execute(args.sql)
        names = [column[0] for column in cursor.description or ()]
        rows = cursor.fetchall()
    except sqlite3.Error as error:
        print(f"communique query: {printable(str(error))}", file=sys.stderr)
        return EXIT_FAILED
    finally:
        connection.close()
    {"table": _print_table, "csv": _print_csv, "json": _print_json}[args.format](names, rows)
    return EXIT_OK


def _print_table(names: list[str], rows: list[tuple]) -> None:
    from communique.render.safe import printable

    def cell(value: Any) -> str:
        text = printable("" if value is None else str(value))
        return text if len(text) <= CELL_WIDTH else text[: CELL_WIDTH - 1] + "…"

    shown = [[cell(name) for name in names], *([cell(value) for value in row] for row in rows)]
    widths = [max(len(line[i]) for line in shown) for i in range(len(names))]
    lines = ["  ".join(text.ljust(width) for text, width in zip(line, widths)).rstrip() for line in shown]
    lines.insert(1, "  ".join("-" * width for width in widths))
    print("\n".join(lines))
    print(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")


def _print_csv(names: list[str], rows: list[tuple]) -> None:
    """CSV as the export writes it; on a terminal, acting characters are shown as escapes."""
    from communique.export.writers import csv_cell
    from communique.render.safe import printable

    on_terminal = sys.stdout.isatty()

    def cell(value: Any) -> Any:
        if not isinstance(value, str):
            return value
        return csv_cell(printable(value) if on_terminal else value)

    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(names)
    writer.writerows([cell(value) for value in row] for row in rows)


def _print_json(names: list[str], rows: list[tuple]) -> None:
    from communique.render.safe import json_text

    print(json_text([dict(zip(names, row)) for row in rows], indent=1))
