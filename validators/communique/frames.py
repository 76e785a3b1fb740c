"""The dataset as pandas or polars DataFrames: one per table, the same columns as the exports.

    >>> import communique
    >>> data = communique.load()
    >>> statements = data.to_pandas("statements", resolve=True)
    >>> row = statements[statements["speaker"] == "sergey-lavrov"].iloc[0]
    >>> row["speaker_name"], str(row["date"].date()) >= "2019-01-01"
    ('Sergey Lavrov', True)
    >>> data.to_polars("actor_aliases").columns
    ['actor', 'position', 'alias']

The tables are those of the CSV, SQLite and Parquet files (``communique.export.tables``):
one per kind and one per array (``statement_topics``, ``actor_roles``), with the same
column names and types: text as strings, dates as dates, positions as integers. With
``resolve=True`` every foreign key that points at a kind's table gets the label of the row
it points at beside it (``speaker`` → ``speaker_name``, ``article`` → ``article_headline``).

pandas and polars are not dependencies of communique: install the extra
(``pip install 'communique[pandas]'`` or ``'communique[polars]'``).
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import Any

from communique.export import tables as shapes
from communique.export.labels import label_column


class MissingExtra(ImportError):
    """An optional dependency is not installed; the message names the extra that installs it."""


def require(module: str, extra: str, purpose: str) -> Any:
    """Import ``module``, or raise :class:`MissingExtra` saying ``pip install 'communique[extra]'``."""
    try:
        return importlib.import_module(module)
    except ImportError as error:
        raise MissingExtra(
            f"{purpose} needs {module}, which is not installed: pip install 'communique[{extra}]'"
        ) from error


def table_names() -> list[str]:
    """Every table, kinds' tables and link tables, in the exports' order."""
    return [table.name for table in shapes.tables()]


def _table(name: str) -> shapes.Table:
    for table in shapes.tables():
        if table.name == name:
            return table
    raise KeyError(f"no table {name!r}; the tables are: {', '.join(table_names())}")


def columns(name: str, resolve: bool = False) -> list[tuple[str, str]]:
    """The table's ``(column, Table Schema type)`` pairs; with ``resolve``, the labels too."""
    schema = shapes.table_schema(_table(name))
    found = [(field["name"], field["type"]) for field in schema["fields"]]
    if resolve:
        found += [(label, "string") for _, label, _, _ in _resolutions(schema)]
    return found


def _resolutions(schema: Mapping) -> list[tuple[str, str, str, str]]:
    """``(column, label column to add, referenced table, its label)`` for each resolvable key."""
    found = []
    for key in schema.get("foreignKeys", ()):
        target = key["reference"]["resource"]
        label = label_column(target)
        if len(key["fields"]) == 1 and label is not None:
            column = key["fields"][0]
            found.append((column, f"{column}_{label}", target, label))
    return found


def rows(dataset: Any, name: str, resolve: bool = False) -> list[dict]:
    """The table's rows as the exports hold them, values typed (dates as ``datetime.date``)."""
    from communique.export.package import records_of, table_rows

    table = _table(name)
    everything = table_rows(records_of(dataset))
    typed = shapes.typed(everything[name], shapes.table_schema(table))
    if resolve:
        for column, added, target, label in _resolutions(shapes.table_schema(table)):
            names = {row["id"]: row[label] for row in everything[target]}
            for row in typed:
                row[added] = names.get(row[column])
    return typed


def to_pandas(dataset: Any, name: str, resolve: bool = False):
    """The table as a pandas DataFrame: strings as ``string``, integers as ``Int64``, booleans as ``boolean``, dates as ``datetime64``."""
    pandas = require("pandas", "pandas", "communique.frames.to_pandas")
    typed_columns = columns(name, resolve)
    frame = pandas.DataFrame(rows(dataset, name, resolve), columns=[column for column, _ in typed_columns])
    types = {"string": "string", "integer": "Int64", "boolean": "boolean", "date": "datetime64[s]"}
    return frame.astype({column: types[kind] for column, kind in typed_columns})


def to_polars(dataset: Any, name: str, resolve: bool = False):
    """The table as a polars DataFrame: ``Utf8``, ``Int64``, ``Boolean`` and ``Date`` columns."""
    polars = require("polars", "polars", "communique.frames.to_polars")
    types = {"string": polars.Utf8, "integer": polars.Int64, "boolean": polars.Boolean, "date": polars.Date}
    schema = {column: types[kind] for column, kind in columns(name, resolve)}
    return polars.DataFrame(rows(dataset, name, resolve), schema=schema)
