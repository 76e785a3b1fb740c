"""The fields of each kind, read from its schema: the one walk over the contract.

The rules, the exports and the data dictionary all find fields by the schemas' own
annotations (``x-references``, ``x-codelist``, ``format``, the shared definitions a
property refers to), never by a list of names, so a field added to a schema reaches
all of them. Each ``$ref`` is followed through the shipped schema files, offline, and
merged into the schema that refers to it, the referring schema's own keywords (its
title, its description) winning. A keyword the walk does not follow (``allOf``, ``if``)
is an error, never skipped: it would drop reference and codelist checks unseen.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from communique.schemas import DEFS_FILE, schema_documents

ITEMS = "*"  # the path step for each item of an array

# Every keyword a schema may use: what the walk follows, what its users read from a
# field (the rules, the models, the exports, the dictionary), and annotations. Anything
# else (allOf, oneOf, if/then, patternProperties, const, ...) would be skipped silently by
# all of them, reference and codelist checks included, so the walk refuses it instead.
KEYWORDS = frozenset({
    "$ref", "properties", "items", "required", "additionalProperties",  # followed by the walk
    "type", "enum", "pattern", "format", "minLength", "maxLength", "minItems", "maxItems", "uniqueItems", "minimum",
    "title", "description", "examples", "x-references", "x-codelist", "deprecated", "x-deprecated",  # annotations
    "$schema", "$id", "$defs", "x-version",  # a schema file's own
})
FORMATS = frozenset({"date", "uri"})  # the formats the models check as the validator does


class UnknownKeywordError(ValueError):
    """A schema uses a keyword the walk does not understand."""


@dataclass(frozen=True)
class Field:
    """One property of a schema, or the items of an array, wherever it sits in a record."""

    path: tuple[str, ...]  # property names from the record's root; ITEMS for each item of an array
    schema: Mapping[str, Any]  # its schema with every $ref followed and merged in
    required: bool  # named in its object's ``required``; never for an array's items
    defs: frozenset[str]  # the shared definitions it refers to: {"actor_ref", "id"}
    properties: tuple[Field, ...]  # the fields of an object, in schema order
    items: Field | None  # the field of an array's items

    @property
    def name(self) -> str:
        return self.path[-1] if self.path else ""

    @property
    def references(self) -> str | None:
        """The kind a reference field names a record of (``x-references``)."""
        return self.schema.get("x-references")

    @property
    def codelist(self) -> Mapping[str, Any] | None:
        """The codelist a coded field draws on (``x-codelist``: ``{file, open}``)."""
        return self.schema.get("x-codelist")


def resolve(node: Mapping[str, Any], document: str) -> tuple[dict[str, Any], str, frozenset[str]]:
    """The node with its ``$ref`` chain merged in (the node's own keywords win), the schema
    file the ``$ref``s inside it are relative to, and the definitions the chain passed."""
    _check(node, document)
    merged = {key: value for key, value in node.items() if key != "$ref"}
    defs = set()
    while "$ref" in node:
        file, _, fragment = node["$ref"].partition("#")
        document = file or document
        node = schema_documents()[document]
        steps = fragment.strip("/").split("/") if fragment.strip("/") else []
        for step in steps:
            node = node[step]
        defs.update(steps[-1:])  # "#/$defs/actor_ref" -> "actor_ref"
        _check(node, document)
        merged = {**{key: value for key, value in node.items() if key != "$ref"}, **merged}
    return merged, document, frozenset(defs)


def _check(node: Mapping[str, Any], document: str) -> None:
    unknown = sorted(set(node) - KEYWORDS)
    if node.get("additionalProperties", False) is not False:
        unknown.append("additionalProperties (other than false)")
    if node.get("format", "date") not in FORMATS:
        unknown.append(f"format {node['format']!r}")
    if unknown:
        raise UnknownKeywordError(f"{document}: a schema uses {', '.join(unknown)}, which the schema walk does not follow")


def walk(node: Mapping[str, Any], document: str, path: tuple[str, ...] = (), required: bool = False) -> Field:
    """The field of a schema node, with every field under it; ``document`` is the schema
    file the node's ``$ref``s are relative to."""
    schema, document, defs = resolve(node, document)
    needed = set(schema.get("required", ()))
    properties = tuple(
        walk(child, document, (*path, name), name in needed) for name, child in schema.get("properties", {}).items()
    )
    items = walk(schema["items"], document, (*path, ITEMS)) if isinstance(schema.get("items"), Mapping) else None
    return Field(path, schema, required, defs, properties, items)


@cache
def definition(name: str) -> Mapping[str, Any]:
    """A shared definition of ``defs.schema.json`` with its ``$ref`` chain merged in: the
    ``id`` definition's pattern is its slug's."""
    return resolve(schema_documents()[DEFS_FILE]["$defs"][name], DEFS_FILE)[0]


@cache
def root(kind: str) -> Field:
    """The kind's whole schema as a field (path ``()``): its properties are the record's."""
    schema_file = f"{kind}.schema.json"
    return walk(schema_documents()[schema_file], schema_file)


def under(field: Field) -> Iterator[Field]:
    """Every field under ``field``, each before those under it."""
    for child in field.properties:
        yield child
        yield from under(child)
    if field.items is not None:
        yield field.items
        yield from under(field.items)


@cache
def fields(kind: str) -> tuple[Field, ...]:
    """Every field of the kind's schema, nested ones included, each before those under it."""
    return tuple(under(root(kind)))


def values(record: Any, path: tuple[str, ...], pointer: str = "") -> list[tuple[str, Any]]:
    """Each value at ``path`` in the record, with its JSON pointer; absent values are skipped."""
    found: list[tuple[str, Any]] = []
    _collect(record, path, 0, pointer, found)
    return found


def _collect(node: Any, path: tuple[str, ...], depth: int, pointer: str, found: list[tuple[str, Any]]) -> None:
    # A plain loop rather than nested generators: rules call this for every record.
    while depth < len(path):
        step = path[depth]
        depth += 1
        if step == "*":  # ITEMS, spelt out in this hot loop
            if isinstance(node, list):
                for position, item in enumerate(node):
                    _collect(item, path, depth, f"{pointer}/{position}", found)
            return
        if not (isinstance(node, dict) or isinstance(node, Mapping)) or step not in node:
            return
        node = node[step]
        pointer = f"{pointer}/{step}"
    found.append((pointer, node))
