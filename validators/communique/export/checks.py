"""The validator's reference and quote checks as SQL over the Parquet tables, for data that
outgrows one machine: DuckDB runs them out of core, and Spark SQL runs the same joins.

Each check returns the rows that fail, nothing for a clean dataset:

* :func:`references_sql`: every foreign key of the Table Schemas as an anti-join, a row
  per value that points at no row (``reference.*`` rules of ``communique validate``);
* :func:`quotes_sql`: every quote whose text is not in its article's body once both are
  normalised as ``meaning.quote-in-article`` does (runs of white space, curly quote marks,
  zero-width characters and Unicode composition ignored; unlike the validator, a quote
  that starts or ends inside a word is not told apart).

    >>> import tempfile, duckdb, communique
    >>> from communique.export import write_package
    >>> out = tempfile.mkdtemp() + "/export"
    >>> _ = write_package(communique.load(), out, parquet=True)
    >>> database = duckdb.connect()
    >>> _ = database.execute(NORMALISE)
    >>> database.execute(quotes_sql(out + "/parquet")).fetchall(), database.execute(references_sql(out + "/parquet")).fetchall()
    ([], [])
"""

from __future__ import annotations

from communique.export import tables as shapes
from communique.export.parquet import parquet_path
from communique.export.tables import quote_identifier

#: A DuckDB macro: text as the quote check compares it.
NORMALISE = "\n".join(
    [
        "CREATE OR REPLACE MACRO normalised(x) AS",
        "  regexp_replace(regexp_replace(regexp_replace(regexp_replace(nfc_normalize(x),",
        r"    '[\x{2018}-\x{201B}]', chr(39), 'g'),",  # curly single quotes and apostrophes: '
        r"    '[\x{201C}-\x{201F}]', chr(34), 'g'),",  # curly double quotes: "
        r"    '[\x{200B}-\x{200D}\x{2060}\x{FEFF}]', '', 'g'),",  # zero-width characters
        r"    '[\s\p{Z}]+', ' ', 'g')",  # runs of white space
    ]
)


def _table(folder: str, name: str) -> str:
    path = f"{folder.rstrip('/')}/{parquet_path(name).removeprefix('parquet/')}"
    return "read_parquet('" + path.replace("'", "''") + "')"


def references_sql(folder: str) -> str:
    """One query over the Parquet tables in ``folder``: ``(table, columns, value)`` of every
    foreign key value that points at no row of the table it references."""
    parts = []
    for table in shapes.tables():
        for key in shapes.table_schema(table).get("foreignKeys", ()):
            fields, target = key["fields"], key["reference"]
            on = " AND ".join(f"r.{quote_identifier(r)} = t.{quote_identifier(f)}" for f, r in zip(fields, target["fields"]))
            present = " AND ".join(f"t.{quote_identifier(f)} IS NOT NULL" for f in fields)
            value = " || '/' || ".join(f"CAST(t.{quote_identifier(f)} AS VARCHAR)" for f in fields)
            parts.append(
                f"SELECT '{table.name}' AS \"table\", '{', '.join(fields)}' AS \"columns\", {value} AS \"value\"\n"
                f"FROM {_table(folder, table.name)} AS t\n"
                f"WHERE {present} AND NOT EXISTS (SELECT 1 FROM {_table(folder, target['resource'])} AS r WHERE {on})"
            )
    return "\nUNION ALL\n".join(parts)


def quotes_sql(folder: str) -> str:
    """One query over the Parquet tables in ``folder`` (after :data:`NORMALISE`): ``(id, article)``
    of every quote whose text is not in its article's body."""
    return (
        "SELECT s.id, s.article\n"
        f"FROM {_table(folder, 'statements')} AS s JOIN {_table(folder, 'articles')} AS a ON a.id = s.article\n"
        "WHERE s.kind = 'quote' AND strpos(normalised(a.body), normalised(s.text)) = 0"
    )
