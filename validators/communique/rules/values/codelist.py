"""``meaning.codelist-open``: a value of an open codelist is in it."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

from communique.schemafields import ITEMS, Field, values
from communique.schemas import codelist

from communique.findings import Severity
from communique.rules.base import Index, Problem, record_rule
from communique.rules.common import fields_where, schema_accepts


_OPEN_CODELIST_FIELDS = fields_where(lambda field: bool(field.schema.get("x-codelist", {}).get("open")))


@cache
def _codes(file: str) -> frozenset[str]:
    return frozenset(row.code for row in codelist(file))


@record_rule("meaning.codelist-open", Severity.WARNING, kinds=_OPEN_CODELIST_FIELDS.kinds, reads=_OPEN_CODELIST_FIELDS.by_kind)
def codelist_open(record: Mapping[str, Any], index: Index) -> list[Problem]:
    """A value of an open codelist's field is in that codelist.

    Open codelists (roles, topics) may grow as the dataset does, so a new code is
    allowed, but it is a warning: most new codes are typos or synonyms of codes that
    exist, and a code used without being in its codelist has no title or description
    for readers. Closed codelists are enforced by the schema's ``enum``.

    How to fix: use an existing code, or add the new one, with a title and description,
    to the codelist CSV named in the message.

    Example: ``foreign-minister`` passes; ``foreign-secretary`` warns (the codelist's
    ``foreign-minister`` covers every title of the office).
    """
    found = []
    for field, head, shape, file, codes in _open_codelists():
        if head not in record:
            continue
        value = record[head]
        if shape is str and type(value) is str and value in codes:
            continue  # the usual cases, a known code or a list of them: nothing to walk
        if shape is list and type(value) is list:
            try:
                if codes.issuperset(value):
                    continue
            except TypeError:  # an item that cannot be a code (a list): the walk skips it
                pass
        found.extend(
            Problem(
                pointer,
                f"{code!r} is not in the open codelist {file}",
                f"Use one of its codes ({', '.join(sorted(codes))}) or add this one to {file}.",
            )
            for pointer, code in values(record, field.path)
            if type(code) is str and code not in codes and schema_accepts(field.schema, code)
        )
    return found


@cache
def _open_codelists() -> tuple[tuple[Field, str, type | None, str, frozenset[str]], ...]:
    """(field, its top-level property, its shape, codelist file, its codes) for each field
    of an open codelist; the shape is ``str`` for a property that is the code, ``list``
    for a property that lists codes, None for a code deeper in the record."""
    found = []
    for field in _OPEN_CODELIST_FIELDS.fields:
        path, file = field.path, field.schema["x-codelist"]["file"]
        shape = str if len(path) == 1 else list if path[1:] == (ITEMS,) else None
        found.append((field, path[0], shape, file, _codes(file)))
    return tuple(found)

