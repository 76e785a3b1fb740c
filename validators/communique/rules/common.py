"""What the meaning rules share: the fields a rule checks (read from the schemas), dates,
lookups, roles held on a day, and clipping a text for a message. One place for each.

The meaning rules run on every record that is strict JSON and a JSON object, schema-valid
or not, so that a curator learns of every mistake in one run. They check only what the
schema cannot: a value the schema already refuses (a date that is not a date, a URL
without ``http``, a number where a text belongs) is left to the ``schema.*`` finding, so
that one mistake gives one finding; a rule must therefore test each value's type and,
before reporting a string, that the schema accepts it (:func:`schema_accepts`). Each rule
is silent when what it needs is missing; a missing article or speaker is the ``ref.*``
rules' finding, not theirs.

Fields are found from the schemas' own annotations (``x-codelist``, ``format``, the
shared definitions a property refers to), never listed in a rule, so a field added to a
schema is checked without touching the rules.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from communique.kinds import KINDS, Kind
from communique.rules.base import Index
from communique.schemafields import Field, fields, values

# --- fields, from the schemas ---------------------------------------------------------


@dataclass(frozen=True)
class Chosen:
    """The fields some rule checks, in every kind, and the kinds that have any."""

    fields: tuple[Field, ...]
    kinds: tuple[Kind, ...]
    names: frozenset[str]  # the top-level properties they sit under
    by_kind: dict[Kind, frozenset[str]]  # ... in each kind: what the rule reads (``record_rule(reads=...)``)

    def strings(self, record: Mapping[str, Any]) -> list[tuple[str, str, Field]]:
        """(pointer, value, field) for each string value of these fields in the record."""
        if record.keys().isdisjoint(self.names):  # most records have none: one C-level test
            return []
        return strings_of(record, self.fields)


def fields_where(test: Callable[[Field], bool]) -> Chosen:
    """The fields that pass ``test`` in any kind, one per path.

    A rule is not told which kind its record is, so it looks at the union of the kinds'
    fields; a path means the same in every kind that has it (``sources/*/url``).
    """
    by_path: dict[tuple[str, ...], Field] = {}
    by_kind: dict[Kind, set[str]] = {}
    for kind in KINDS:
        for field in fields(kind.name):
            if test(field):
                by_path.setdefault(field.path, field)
                by_kind.setdefault(kind, set()).add(field.path[0])
    names = {kind: frozenset(found) for kind, found in by_kind.items()}
    return Chosen(tuple(by_path.values()), tuple(by_kind), frozenset(path[0] for path in by_path), names)


@cache
def _pattern(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def schema_accepts(schema: Mapping[str, Any], value: Any) -> bool:
    """Whether a string value passes its field's own string constraints (type, length,
    pattern, format): only then may a meaning rule speak about it."""
    if not isinstance(value, str):
        return False
    if len(value) < schema.get("minLength", 0) or len(value) > schema.get("maxLength", len(value)):
        return False
    if "pattern" in schema and not _pattern(schema["pattern"]).search(value):
        return False
    if "format" in schema:
        from jsonschema import Draft202012Validator

        return Draft202012Validator.FORMAT_CHECKER.conforms(value, schema["format"])
    return True


def strings_of(record: Mapping[str, Any], chosen: tuple[Field, ...]) -> list[tuple[str, str, Field]]:
    """(pointer, value, field) for each string value of the chosen fields.

    A rule calls :func:`schema_accepts` only on a value it is about to report: most
    values pass, and the rule's own test is cheaper than the schema's.
    """
    found = []
    for field in chosen:
        path = field.path
        if path[0] not in record:
            continue
        if len(path) == 1:  # the common shapes, without the general walk
            if type(value := record[path[0]]) is str:
                found.append((f"/{path[0]}", value, field))
        elif len(path) == 2 and path[1] == "*" and type(items := record[path[0]]) is list:
            found.extend((f"/{path[0]}/{position}", item, field) for position, item in enumerate(items) if type(item) is str)
        else:
            found.extend((pointer, value, field) for pointer, value in values(record, path) if type(value) is str)
    return found


@cache
def schema_of(kind: Kind, path: tuple[str, ...]) -> Mapping[str, Any]:
    """The schema of one field of ``kind`` (for :func:`schema_accepts`)."""
    return next(field.schema for field in fields(kind.name) if field.path == path)


def as_date(value: Any) -> dt.date | None:
    """A ``YYYY-MM-DD`` date, or None for anything else (the schema reports that)."""
    return _parse_date(value) if isinstance(value, str) and len(value) == 10 else None


@lru_cache(maxsize=1 << 16)  # a dataset has few distinct dates, each met many times
def _parse_date(value: str) -> dt.date | None:
    if value[4] == "-" and value[7] == "-":
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def referenced(record: Mapping[str, Any], field: str, kind: Kind, index: Index) -> Mapping[str, Any] | None:
    """The record that ``field`` refers to, or None when the value or the record is missing."""
    record_id = record.get(field)
    return index.get(kind, record_id) if type(record_id) is str else None


def clip(text: str, limit: int = 60, *, keep_end: bool = False) -> str:
    """``text`` cut to ``limit`` characters for a message, marked with an ellipsis where cut:
    its start, or with ``keep_end`` its end."""
    if len(text) <= limit:
        return text
    return "…" + text[1 - limit :] if keep_end else text[: limit - 1] + "…"


def role_entries(roles: Any, role: str) -> list[Mapping[str, Any]]:
    """The entries of an actor's ``roles`` for one role."""
    return [entry for entry in roles if isinstance(entry, Mapping) and entry.get("role") == role] if isinstance(roles, list) else []


def held_on(roles: Any, role: str, day: str) -> bool | None:
    """Whether an actor's ``roles`` say it held ``role`` on ``day`` (``YYYY-MM-DD``); None
    when that cannot be decided (a date the schema refuses).

    The usual case, a role plainly held, is decided on the date strings (valid dates
    compare as text) before any date is parsed.
    """
    if type(roles) is not list:
        return None
    for entry in roles:
        if type(entry) is dict and entry.get("role") == role:
            start, end = entry.get("start"), entry.get("end", "9999-12-31")
            if type(start) is str and type(end) is str and start <= day <= end:
                return True
    said = as_date(day)
    if said is None:
        return None
    for entry in role_entries(roles, role):
        start, end = as_date(entry.get("start")), as_date(entry.get("end"))
        if start is None or ("end" in entry and end is None):
            return None
        if start <= said and (end is None or said <= end):
            return True
    return False
