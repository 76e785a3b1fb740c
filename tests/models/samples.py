"""Records built from the schemas alone: one value for every field, so that every path exists."""

from __future__ import annotations

from typing import Any

from communique import schemafields
from communique.kinds import BY_NAME

TEXT = "Text of a record."  # long enough for every minLength


def sample(field: schemafields.Field, kind: str) -> Any:
    """A valid value for ``field``, and for every field under it."""
    schema = field.schema
    if "enum" in schema:
        return schema["enum"][0]
    if schema.get("type") == "object":
        return {child.name: sample(child, kind) for child in field.properties}
    if schema.get("type") == "array":
        return [sample(field.items, kind)]
    if schema.get("type") == "integer":
        return schema.get("minimum", 0)
    if schema.get("type") == "boolean":
        return True
    if schema.get("examples"):
        return schema["examples"][0]
    if field.defs & {"text", "line", "context"}:
        return TEXT
    if "slug" in field.defs:
        return "a-code"
    return {"$schema": BY_NAME[kind].schema_ref, "field": "/id", "rule": "schema.pattern", "file": "capture.txt"}[field.name]


def full_record(kind: str) -> dict:
    """A valid record of ``kind`` with every optional field, nested ones included."""
    return sample(schemafields.root(kind), kind)


def put(record: dict, path: tuple[str, ...], value: Any) -> None:
    """Set the value at a field's path (``ITEMS`` steps: the first item) in a full record."""
    *parents, last = [0 if step == schemafields.ITEMS else step for step in path]
    for step in parents:
        record = record[step]
    record[last] = value
