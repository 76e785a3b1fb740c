"""The relational shape of the dataset, derived from the JSON Schemas at export time.

Each kind becomes one table of its scalar fields, nested objects flattened into
``parent_child`` columns. Each array becomes a link table keyed by its owner's key and
a 1-based ``position``, so that order survives; an array inside an array item (a note's
sources) becomes a table keyed by the whole chain of owners. Every ``x-references``
annotation becomes a foreign key. Nothing here names a field of a kind: a field added to
a schema shows up in the tables, and a schema construct the tables cannot carry is an
error (:class:`SchemaShapeError`) rather than a silent loss.

:func:`rows` flattens records into rows and :func:`records` puts rows back together, so
that the round trip through CSV or SQLite is provable field by field.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from communique.kinds import BY_NAME, KINDS, Kind
from communique.schemafields import Field, root

POSITION = "position"
ID = "id"
_SCALAR_TYPES = {"string", "integer", "boolean"}  # the scalars the schemas use; another type fails loudly


class SchemaShapeError(ValueError):
    """A schema uses a construct the tables cannot represent without losing data."""


@dataclass(frozen=True)
class Column:
    """A value column: where its value sits in the table's item, and its JSON Schema."""

    name: str
    path: tuple[str, ...]  # keys from the table's item to the value; () for an array of scalars
    schema: dict  # the value's subschema, ``$ref``s merged in, the property's own words first
    required: bool
    references: str | None  # the kind a reference points at (``x-references``)


@dataclass(frozen=True)
class Table:
    """The main table of a kind, or the link table of one of its arrays."""

    name: str
    kind: Kind
    title: str
    description: str
    owner: Table | None  # the table whose rows own this one's rows; None for a kind's table
    owner_keys: tuple[str, ...]  # the columns holding the owner's primary key
    array: tuple[str, ...]  # keys from the owner's item to this table's array
    columns: tuple[Column, ...]  # value columns (a kind's table: ``id`` first)
    scalar_items: bool  # the array holds plain values, in the single value column

    @property
    def key_columns(self) -> tuple[str, ...]:
        """Columns made by the export rather than taken from a record: owner keys and position."""
        return () if self.owner is None else (*self.owner_keys, POSITION)

    @property
    def primary_key(self) -> tuple[str, ...]:
        return (ID,) if self.owner is None else self.key_columns

    @property
    def column_names(self) -> tuple[str, ...]:
        return (*self.key_columns, *(column.name for column in self.columns))

    @property
    def stem(self) -> str:
        """What this table's link tables are named after: ``statement``, ``statement_note``."""
        if self.owner is None:
            return self.kind.name
        return f"{self.owner.stem}_{_singular(_column_name(self.array))}"


def _singular(word: str) -> str:
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith("ses"):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _column_name(path: tuple[str, ...]) -> str:
    return "_".join(part.lstrip("$") for part in path)


def _check_scalar(schema: dict, where: str) -> None:
    if schema.get("type") not in _SCALAR_TYPES:
        raise SchemaShapeError(f"{where}: type {schema.get('type')!r} has no table column type")


def _derive(kind: Kind) -> list[Table]:
    """The kind's table and, depth first, the link table of every array under it."""
    found: list[Table] = []

    def walk(node: Field, path: tuple, required: bool, columns: list, arrays: list) -> None:
        for field in node.properties:
            sub = field.schema
            here = (*path, field.name)
            if sub.get("type") == "object":
                walk(field, here, required and field.required, columns, arrays)
            elif sub.get("type") == "array":
                arrays.append((here, field))
            else:
                _check_scalar(sub, f"{kind.name}: /{'/'.join(here)}")
                columns.append(Column(_column_name(here), here, sub, required and field.required, field.references))

    def table(name, title, description, owner, owner_keys, array, item_field) -> None:
        columns: list[Column] = []
        arrays: list = []
        item = item_field.schema if item_field is not None else {}  # an array without items: refused below
        if item.get("type") == "object":
            walk(item_field, (), True, columns, arrays)
            scalar = False
        else:
            _check_scalar(item, f"{kind.name}: /{'/'.join(array)}/items")
            value_name = item.get("x-references") or _singular(_column_name(array))
            columns.append(Column(value_name, (), item, True, item.get("x-references")))
            scalar = True
        if owner is None:  # a kind's table: its id first
            columns.sort(key=lambda column: column.path != (ID,))
            if not columns or columns[0].path != (ID,):
                raise SchemaShapeError(f"{kind.name}: no id property")
        made = Table(name, kind, title, description, owner, owner_keys, array, tuple(columns), scalar)
        names = made.column_names
        if len(set(names)) != len(names):
            raise SchemaShapeError(f"table {name}: two columns are named alike: {', '.join(names)}")
        found.append(made)
        for path, array_field in arrays:
            array_schema = array_field.schema
            link_owner_keys = (
                (kind.name,)
                if owner is None
                else (*owner_keys, f"{_singular(_column_name(array))}_{POSITION}")
            )
            table(
                name=f"{made.stem}_{_column_name(path)}",
                title=f"{title}: {array_schema.get('title', _column_name(path))}",
                description=array_schema.get("description", ""),
                owner=made,
                owner_keys=link_owner_keys,
                array=path,
                item_field=array_field.items,
            )

    whole = root(kind.name)
    table(kind.folder, whole.schema.get("title", kind.name), whole.schema.get("description", ""), None, (), (), whole)
    return found


@cache
def tables() -> tuple[Table, ...]:
    """Every table: kinds in their usual order, each table before the tables it owns."""
    found: list[Table] = []
    for kind in KINDS:
        found.extend(_derive(kind))
    names = [table.name for table in found]
    if len(set(names)) != len(names):
        raise SchemaShapeError(f"two tables have the same name: {', '.join(names)}")
    return tuple(found)


def tables_of(kind: Kind) -> tuple[Table, ...]:
    return tuple(table for table in tables() if table.kind == kind)


# -- records to rows and back ---------------------------------------------------------


def ordered(kind: Kind, record: Mapping) -> dict:
    """The record with its keys in the schema's property order, at every depth."""
    return _order(record, root(kind.name))


def _order(value: Any, field: Field) -> Any:
    if isinstance(value, Mapping) and "properties" in field.schema:
        out = {child.name: _order(value[child.name], child) for child in field.properties if child.name in value}
        out.update((key, item) for key, item in value.items() if key not in field.schema["properties"])
        return out
    if isinstance(value, list) and field.items is not None:
        return [_order(item, field.items) for item in value]
    return value


def _get(item: Any, path: tuple[str, ...]) -> Any:
    for key in path:
        if not isinstance(item, Mapping) or key not in item:
            return None
        item = item[key]
    return item


def _put(item: dict, path: tuple[str, ...], value: Any) -> None:
    for key in path[:-1]:
        item = item.setdefault(key, {})
    item[path[-1]] = value


def rows(kind: Kind, records: Iterable[Mapping]) -> dict[str, list[dict]]:
    """Every table of ``kind`` as rows (column name -> value, ``None`` for a field left out).

    Records are taken in id order, link rows in their owner's order and then by position,
    so the same records always give the same rows in the same order.
    """
    own = tables_of(kind)
    out: dict[str, list[dict]] = {table.name: [] for table in own}
    links: dict[str, list[Table]] = defaultdict(list)
    for table in own[1:]:
        links[table.owner.name].append(table)

    def emit(table: Table, item: Any, key: tuple) -> None:
        row = dict(zip(table.key_columns, key))
        for column in table.columns:
            row[column.name] = item if table.scalar_items else _get(item, column.path)
        out[table.name].append(row)
        for link in links[table.name]:
            for position, value in enumerate(_get(item, link.array) or (), start=1):
                emit(link, value, (*(key or (item[ID],)), position))

    for record in sorted(records, key=lambda record: record[ID]):
        emit(own[0], record, ())
    return out


def records(kind: Kind, table_rows: Mapping[str, Iterable[Mapping]]) -> list[dict]:
    """The records of ``kind`` rebuilt from its tables' rows: the inverse of :func:`rows`.

    ``None`` (an empty CSV cell, an SQL NULL) is a field left out. Positions may come as
    text (CSV) or integers (SQLite). Records come back in id order.
    """
    own = tables_of(kind)
    items: dict[str, dict[tuple, Any]] = {}
    for table in own:
        built: dict[tuple, Any] = {}
        for row in table_rows.get(table.name, ()):
            key = tuple(
                int(row[name]) if name.endswith(POSITION) else row[name] for name in table.primary_key
            )
            if table.scalar_items:
                built[key] = row[table.columns[0].name]
                continue
            item: dict = {}
            for column in table.columns:
                if row.get(column.name) is not None:
                    _put(item, column.path, _scalar(row[column.name], column.schema))
            built[key] = item
        items[table.name] = built
    for table in reversed(own[1:]):  # the deepest tables first, so each item is whole when attached
        owners = items[table.owner.name]
        for key in sorted(items[table.name], key=lambda key: key[-1]):
            owner = owners[key[:-1]]
            if _get(owner, table.array) is None:
                _put(owner, table.array, [])
            _get(owner, table.array).append(items[table.name][key])
    return [items[own[0].name][key] for key in sorted(items[own[0].name])]


def _scalar(value: Any, schema: Mapping) -> Any:
    """A cell's value as its JSON type: CSV holds text, SQLite 0 and 1 for booleans."""
    if schema.get("type") == "integer":
        return int(value)
    if schema.get("type") == "boolean":
        return value in (True, 1, "true")
    return value


# -- patterns --------------------------------------------------------------------------

_ANCHORED = re.compile(r"\^(?P<body>.*)(?<!\\)\$", re.DOTALL)


def full_match_pattern(pattern: str) -> str:
    """A JSON Schema pattern (which may match anywhere) as a Table Schema one (whole value).

    ``^x$`` keeps its body when no top-level ``|`` could tie an anchor to one branch only;
    any other pattern is wrapped so that it may still match anywhere in the value.
    """
    anchored = _ANCHORED.fullmatch(pattern)
    if anchored and not _top_level_alternation(anchored["body"]):
        return anchored["body"]
    return rf"[\s\S]*?(?:{pattern})[\s\S]*"


def _top_level_alternation(body: str) -> bool:
    depth, in_class, escaped = 0, False, False
    for char in body:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            return True
    return False


# -- Table Schemas ---------------------------------------------------------------------


def _field(column: Column) -> dict:
    schema = column.schema
    field: dict[str, Any] = {"name": column.name}
    if schema.get("format") == "date":
        field["type"] = "date"
    elif schema.get("type") in ("integer", "boolean"):
        field["type"] = schema["type"]
    else:
        field["type"] = "string"
        if schema.get("format") == "uri":
            field["format"] = "uri"
    for word in ("title", "description"):
        if word in schema:
            field[word] = schema[word]
    constraints: dict[str, Any] = {}
    if column.required:
        constraints["required"] = True
    if "enum" in schema:
        constraints["enum"] = list(schema["enum"])
    if "minimum" in schema:
        constraints["minimum"] = schema["minimum"]
    if field["type"] != "date":  # a date's type already says what its pattern says
        for word in ("minLength", "maxLength"):
            if word in schema:
                constraints[word] = schema[word]
        if "pattern" in schema:
            constraints["pattern"] = full_match_pattern(schema["pattern"])
    if constraints:
        field["constraints"] = constraints
    return field


def _key_fields(table: Table) -> list[dict]:
    owner = table.owner
    fields = []
    for index, name in enumerate(table.owner_keys):
        if index == 0:
            fields.append(
                {
                    "name": name,
                    "type": "string",
                    "title": f"{table.kind.name.capitalize()} id",
                    "description": f"The id of the {table.kind.name} this row belongs to.",
                    "constraints": {"required": True},
                }
            )
        else:
            fields.append(
                {
                    "name": name,
                    "type": "integer",
                    "title": name.replace("_", " ").capitalize(),
                    "description": f"The position of the owning row in {owner.name}.",
                    "constraints": {"required": True, "minimum": 1},
                }
            )
    fields.append(
        {
            "name": POSITION,
            "type": "integer",
            "title": "Position",
            "description": "The item's place in its array, from 1, so that the order is kept.",
            "constraints": {"required": True, "minimum": 1},
        }
    )
    return fields


def table_schema(table: Table) -> dict:
    """The table's Table Schema: fields, primary key and foreign keys, all from the JSON Schema."""
    fields = (_key_fields(table) if table.owner is not None else []) + [_field(column) for column in table.columns]
    foreign_keys = []
    if table.owner is not None:
        foreign_keys.append(
            {"fields": list(table.owner_keys), "reference": {"resource": table.owner.name, "fields": list(table.owner.primary_key)}}
        )
    for column in table.columns:
        if column.references:
            if column.references not in BY_NAME:
                raise SchemaShapeError(f"{table.name}.{column.name}: x-references names no kind: {column.references!r}")
            target = BY_NAME[column.references].folder
            foreign_keys.append({"fields": [column.name], "reference": {"resource": target, "fields": [ID]}})
    schema: dict[str, Any] = {"fields": fields, "primaryKey": list(table.primary_key)}
    if foreign_keys:
        schema["foreignKeys"] = foreign_keys
    return schema


def typed(table_rows: Iterable[Mapping], schema: Mapping) -> list[dict]:
    """Rows with their values as the Table Schema types them: a ``date`` column's ISO text as a
    ``datetime.date`` (the CSV and SQLite files hold the text; Parquet and DataFrames the date)."""
    import datetime as dt

    dates = [field["name"] for field in schema["fields"] if field["type"] == "date"]
    out = []
    for row in table_rows:
        row = dict(row)
        for column in dates:
            if row[column] is not None:
                row[column] = dt.date.fromisoformat(row[column])
        out.append(row)
    return out


def quote_identifier(name: str) -> str:
    """A table or column name as an SQL identifier (SQLite's and DuckDB's quoting alike)."""
    return '"' + name.replace('"', '""') + '"'
