"""Full-text search in the SQLite database: an FTS5 index per kind's table, as Datasette expects.

Each index is an *external content* FTS5 table named ``<table>_fts`` (``content="<table>"``),
the convention of sqlite-utils, which Datasette detects to show a search box. It holds no copy
of the text, only the index, filled with ``rebuild`` once the table is complete: the export
rebuilds the whole database every time, so the index cannot fall behind its table.

The index finds rows by ``rowid``. ``VACUUM INTO`` (see ``writers.write_sqlite``) may renumber
the rowids of a table without an ``INTEGER PRIMARY KEY``, which would point the index at the
wrong rows: :func:`rowids` is compared before and after, and a change is an export error.
"""

from __future__ import annotations

import sqlite3
from communique.export.tables import quote_identifier

#: The searchable text of each kind's table: statement text, headlines and bodies, names.
SEARCHED = {
    "articles": ("headline", "subheadline", "body"),
    "actors": ("name", "description"),
    "statements": ("text",),
    "events": ("name", "description"),
    "treaties": ("name", "short_name"),
}


def fts_table(table: str) -> str:
    return f"{table}_fts"


def create_indexes(connection: sqlite3.Connection) -> None:
    """Create and fill the FTS5 index of every searched table that the database holds."""
    present = {name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    for table, columns in SEARCHED.items():
        if table not in present:
            continue
        index = quote_identifier(fts_table(table))
        connection.execute(
            f"CREATE VIRTUAL TABLE {index} USING fts5({', '.join(map(quote_identifier, columns))}, content={quote_identifier(table)})"
        )
        connection.execute(f"INSERT INTO {index}({index}) VALUES ('rebuild')")
    connection.commit()


def rowids(connection: sqlite3.Connection) -> dict[str, list[tuple]]:
    """``(rowid, id)`` of every searched table, in rowid order: what the indexes point at."""
    present = {name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return {
        table: connection.execute(f"SELECT rowid, id FROM {quote_identifier(table)} ORDER BY rowid").fetchall()
        for table in SEARCHED
        if table in present
    }
