"""The published JSON Schemas, loaded offline into a ``referencing`` registry.

jsonschema follows a ``$ref`` it does not know by fetching it over the network; the
registry built here knows every schema we ship and refuses everything else, so no
validation ever reaches out.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from communique.kinds import SCHEMA_MAJOR, Kind
from communique.resources import schema_dir

if TYPE_CHECKING:
    from referencing import Registry, Resource

DEFS_FILE = "defs.schema.json"


def version_dir() -> Path:
    return schema_dir() / SCHEMA_MAJOR


def _refuse(uri: str) -> Resource:
    from referencing.exceptions import NoSuchResource

    raise NoSuchResource(ref=uri)


@cache
def schema_documents() -> dict[str, dict]:
    """Every schema file of the current major version, by file name."""
    return {
        path.name: json.loads(path.read_text(encoding="utf-8"))
        for path in sorted(version_dir().glob("*.schema.json"))
    }


@cache
def registry() -> Registry:
    """All shipped schemas under their ``$id``; any other URI is refused, never fetched.

    ``referencing`` is imported here, not with the module: the validator's own path
    (jsonschema-rs) never needs it, and a pre-commit run would pay for it every time.
    """
    return offline_registry(schema_documents().values())


def offline_registry(documents: Iterable[dict]) -> Registry:
    """A ``referencing`` registry of these schema documents under their ``$id``s, which
    refuses every other URI instead of fetching it (jsonschema would, over the network)."""
    from referencing import Registry, Resource

    resources = [(document["$id"], Resource.from_contents(document)) for document in documents]
    return Registry(retrieve=_refuse).with_resources(resources)


#: What the schemas write before a final ``$`` for Python's ``re``, whose ``$`` also matches
#: before a final line feed (JSON Schema's, ECMA-262's, matches only at the end of the text).
END_FOR_PYTHON = "(?!\\n)$"


def rust_pattern(pattern: str) -> str:
    """A schema pattern as a Rust regex engine (jsonschema-rs's, pydantic's) reads it alike:
    their ``$`` is already the end of the text, so the look-ahead goes. pydantic's engine
    cannot read a look-ahead at all, and jsonschema-rs runs a pattern that has one on its
    backtracking engine, which made the schema check five times as costly."""
    return pattern.removesuffix(END_FOR_PYTHON) + "$" if pattern.endswith(END_FOR_PYTHON) else pattern


def rust_documents(documents: dict[str, dict]) -> dict[str, dict]:
    """The schema documents with every ``pattern`` as :func:`rust_pattern` gives it."""

    def convert(node: Any) -> Any:
        if isinstance(node, dict):
            return {key: rust_pattern(value) if key == "pattern" and isinstance(value, str) else convert(value)
                    for key, value in node.items()}
        if isinstance(node, list):
            return [convert(item) for item in node]
        return node

    return {name: convert(document) for name, document in documents.items()}


def schema_for(kind: Kind) -> dict:
    return schema_documents()[kind.schema_file]


def schema_version(kind: Kind) -> str:
    """The full semantic version the kind's schema declares (``x-version``)."""
    return schema_for(kind)["x-version"]


@cache
def validator_for(kind: Kind):
    """jsonschema's draft 2020-12 validator for one kind, asserting ``format`` and resolving offline.

    Imported here, not at the top: the command line validates with jsonschema-rs and
    should not pay for jsonschema's import.
    """
    from jsonschema import Draft202012Validator

    return Draft202012Validator(
        schema_for(kind),
        registry=registry(),
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )


@dataclass(frozen=True)
class Code:
    code: str
    title: str
    description: str


@cache
def codelist(file: str) -> tuple[Code, ...]:
    """The rows of a codelist CSV, named as in a schema's ``x-codelist`` (``codelists/topic.csv``)."""
    with (version_dir() / file).open(encoding="utf-8", newline="") as handle:
        return tuple(Code(**row) for row in csv.DictReader(handle))


def first_repeat(items: Iterable[Any]) -> tuple[int, Any] | None:
    """The position and value of the first item equal to an earlier one, or None.

    Equal as ``uniqueItems`` compares JSON values (``1`` and ``1.0`` are equal, ``true``
    and ``1`` are not, objects whatever their key order), in one pass over a set: a
    pairwise comparison is quadratic, minutes on a list of 100,000 items.
    """
    seen: set[Any] = set()
    for position, item in enumerate(items):
        key = _json_key(item)
        if key in seen:
            return position, item
        seen.add(key)
    return None


def _json_key(value: Any) -> Any:
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return (bool, value)
    if isinstance(value, (int, float)):
        return (float, value)  # 1 == 1.0, with the same hash
    if isinstance(value, list):
        return (list, tuple(_json_key(item) for item in value))
    if isinstance(value, dict):
        return (dict, frozenset((key, _json_key(item)) for key, item in value.items()))
    return (type(value).__name__, repr(value))  # null, or a Python object given to a model
