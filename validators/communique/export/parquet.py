"""Parquet files of the tables: the same columns and types as the CSV tables, for DuckDB, polars,
Spark and any Arrow reader, with no code of ours.

Types follow the Table Schema: ``string`` as UTF-8 strings, ``integer`` as 64-bit integers,
``date`` as dates (``date32``); a required field is a non-nullable column. pyarrow writes
them, the same bytes for the same rows with the same pyarrow: no timestamps, statistics
and dictionary encoding fixed. pyarrow is the ``parquet`` extra.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from communique.export import tables as shapes

MEDIATYPE = "application/vnd.apache.parquet"
#: Table Schema type -> Arrow type, by the name Arrow gives it (``pyarrow.type_for_alias``; the data dictionary shows it)
ARROW_TYPES = {"string": "string", "integer": "int64", "boolean": "bool", "date": "date32"}


def parquet_path(table_name: str) -> str:
    return f"parquet/{table_name}.parquet"


def _pyarrow():
    from communique.frames import require

    require("pyarrow", "parquet", "the Parquet export")
    import pyarrow
    import pyarrow.parquet

    return pyarrow, pyarrow.parquet


def check_available() -> None:
    """Raise ``MissingExtra`` naming the ``parquet`` extra when pyarrow is not installed."""
    _pyarrow()


def arrow_schema(schema: Mapping):
    """The Arrow schema of a Table Schema."""
    pa, _ = _pyarrow()
    return pa.schema(
        [
            pa.field(field["name"], pa.type_for_alias(ARROW_TYPES[field["type"]]), nullable=not field.get("constraints", {}).get("required"))
            for field in schema["fields"]
        ]
    )


def write_parquet(path: Path, schema: Mapping, rows: Iterable[Mapping]) -> None:
    pa, pq = _pyarrow()
    table = pa.Table.from_pylist(shapes.typed(rows, schema), schema=arrow_schema(schema))
    pq.write_table(table, path, compression="zstd", compression_level=9, use_dictionary=True, write_statistics=True)
