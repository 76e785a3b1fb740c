"""Deprecated fields: what the schemas say about them, and where a record uses one.

JSON Schema 2020-12 marks a field ``"deprecated": true`` and says nothing more; a curator
needs to know why, since when, and what to write instead. So a deprecated field also
carries ``x-deprecated``::

    "deprecated": true,
    "x-deprecated": {"since": "1.1.0", "reason": "...", "replacement": "/speaker_id"}

``since`` is the schema version that deprecated it, ``reason`` a sentence, and
``replacement`` the record path (a JSON pointer, ``*`` for every item of a list) of the
field to use instead, or null when nothing replaces it. The validator warns on every use
(``schema.deprecated``) and the data dictionary marks the field.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from communique.kinds import SCHEMA_MAJOR
from communique.schemafields import Field, root, under, values, walk
from communique.versioning.changes import Version

ANNOTATION = "x-deprecated"


class BadDeprecation(ValueError):
    """A field marked deprecated without a well-formed ``x-deprecated``."""


@dataclass(frozen=True)
class Deprecation:
    since: Version
    reason: str
    replacement: str | None  # a record path, "/speaker_id", or None

    @property
    def advice(self) -> str:
        instead = f"use {self.replacement} instead" if self.replacement else "nothing replaces it: leave it out"
        return f"deprecated since schema {self.since}: {self.reason} ({instead})"


def deprecation_of(schema: dict[str, Any], where: str = "a field") -> Deprecation | None:
    """The deprecation a field's schema declares; None when it is not deprecated."""
    if schema.get("deprecated") is not True:
        if ANNOTATION in schema:
            raise BadDeprecation(f"{where} has {ANNOTATION} but is not \"deprecated\": true")
        return None
    info = schema.get(ANNOTATION)
    if not isinstance(info, dict) or set(info) != {"since", "reason", "replacement"}:
        raise BadDeprecation(f"{where} is deprecated without {ANNOTATION}: {{since, reason, replacement}}")
    try:
        since = Version.parse(info["since"])
    except ValueError as error:
        raise BadDeprecation(f"{where}: {ANNOTATION}.since {error}") from None
    reason, replacement = info["reason"], info["replacement"]
    if not isinstance(reason, str) or not reason.strip():
        raise BadDeprecation(f"{where}: {ANNOTATION}.reason must say why, in a sentence")
    if replacement is not None and (not isinstance(replacement, str) or not replacement.startswith("/")):
        raise BadDeprecation(f"{where}: {ANNOTATION}.replacement must be a record path such as \"/speaker_id\", or null")
    return Deprecation(since, reason, replacement)


def deprecated_fields(schema_root: Field) -> list[tuple[Field, Deprecation]]:
    """Every deprecated field under a kind's schema, with its deprecation."""
    found = []
    for field in under(schema_root):
        deprecation = deprecation_of(dict(field.schema), "/" + "/".join(field.path))
        if deprecation is not None:
            found.append((field, deprecation))
    return found


@cache
def of_kind(kind: str, major: int | None = None) -> tuple[tuple[Field, Deprecation], ...]:
    """The deprecated fields of ``kind`` in its working schema, or in the schema of another
    ``major`` version carried (its last release): a record of schema 1 still hears that its
    field is deprecated, and what replaces it, until it is migrated. (Its ``$ref``s are
    followed through the working definitions, which a major version step keeps.)"""
    from communique.versioning.carried import carried

    if major is None or f"v{major}" == SCHEMA_MAJOR:
        return tuple(deprecated_fields(root(kind)))
    schemas = carried().get(major)
    file = f"{kind}.schema.json"
    if schemas is None or file not in schemas.documents:
        return ()
    return tuple(deprecated_fields(walk(schemas.documents[file], file)))


def uses(record: Any, kind: str, schema_root: Field | None = None, major: int | None = None) -> Iterator[tuple[str, Deprecation]]:
    """``(JSON pointer, deprecation)`` for every value of ``record`` in a deprecated field
    of ``kind``'s schema of ``major`` (default: the working one), or of the schema whose
    root field is given."""
    for field, deprecation in of_kind(kind, major) if schema_root is None else deprecated_fields(schema_root):
        for pointer, _ in values(record, field.path):
            yield pointer, deprecation
