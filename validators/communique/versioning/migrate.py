"""Migrations: moving records from one major schema version to the next, step by step.

A :class:`Step` turns a record of major version N into one of N+1. Steps are registered
in a :class:`Steps` registry (the package's is :data:`STEPS`; a test registers its own),
and a record is moved across several majors by chaining them.

Every migrated record is checked before anything is written:

- **lossless**: every value of the old record (every leaf: a string, a number, a
  boolean, null, an empty list or object) is still somewhere in the new one, or was
  carried into a curator's note with :func:`carry_in_note`; otherwise the migration fails,
  naming the value and where it was (:class:`Lossy`);
- **valid**: the new record passes the target release's schema for its kind.

So a step that forgets a field fails loudly, on every record it would have damaged.
The dataset-level work (planning, writing files atomically) is in
:mod:`communique.versioning.migration`.
"""

from __future__ import annotations

import copy
import json
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from communique.parse import escape_pointer_token
from communique.versioning.records import SchemaRef

NOTE_KIND = "context"
_CARRIED = "The migration to schema v{major} could not keep {pointer}, whose value was "


class MigrationError(Exception):
    """A record that cannot be migrated: the message says which and why."""


class Lossy(MigrationError):
    """A step dropped values without carrying them into a note."""


@dataclass(frozen=True)
class Step:
    """One migration, from major version ``source`` to ``source + 1``.

    ``apply`` gets a copy of the record (its ``$schema`` still the old one) and its
    kind's name, and returns the new record; it may change the copy in place. The
    ``$schema`` is moved to the new major by the framework."""

    source: int
    description: str
    apply: Callable[[dict[str, Any], str], dict[str, Any]]

    @property
    def target(self) -> int:
        return self.source + 1


class Steps:
    """A registry of steps, one per source major version."""

    def __init__(self) -> None:
        self._by_source: dict[int, Step] = {}

    def register(self, step: Step) -> Step:
        if step.source in self._by_source:
            raise ValueError(f"a migration from v{step.source} is registered already")
        self._by_source[step.source] = step
        return step

    def unregister(self, source: int) -> None:
        self._by_source.pop(source, None)

    def path(self, source: int, target: int) -> list[Step]:
        """The steps from major ``source`` to major ``target``, in order."""
        if target < source:
            raise MigrationError(f"is at schema v{source}, newer than v{target}: migrations only go forward")
        missing = [major for major in range(source, target) if major not in self._by_source]
        if missing:
            have = ", ".join(f"v{s.source} -> v{s.target}" for s in self._by_source.values()) or "none"
            raise MigrationError(f"no migration from v{missing[0]} to v{missing[0] + 1} is registered (registered: {have})")
        return [self._by_source[major] for major in range(source, target)]


#: The package's migrations. None yet: the first comes with schema 2.0.0.
STEPS = Steps()


def migrate_record(record: dict[str, Any], kind: str, target: int, steps: Steps = STEPS) -> dict[str, Any]:
    """``record`` (of ``kind``) moved to major version ``target``; the same object when it
    is there already. Raises :class:`MigrationError` (and :class:`Lossy`)."""
    ref = SchemaRef.parse(record.get("$schema"))
    if ref is None:
        raise MigrationError("names no published schema in $schema, so its version is unknown: fix it first (communique validate)")
    if ref.major == target:
        return record
    new = record
    for step in steps.path(ref.major, target):
        new = step.apply(copy.deepcopy(new), kind)
        new = _with_schema(new, str(ref.at_major(step.target)))
    gone = lost(record, new)
    if gone:
        shown = "; ".join(f"{pointer} = {json.dumps(value, ensure_ascii=False)}" for pointer, value in gone[:5])
        more = f" and {len(gone) - 5} more" if len(gone) > 5 else ""
        raise Lossy(f"the migration to v{target} would lose {shown}{more}: the step must keep them or carry them into a curator's note")
    return new


def _with_schema(record: dict[str, Any], schema: str) -> dict[str, Any]:
    if "$schema" in record:
        record["$schema"] = schema  # in place: the key keeps its position
        return record
    return {"$schema": schema, **record}


# -- helpers for steps -------------------------------------------------------------------


def rename(record: dict[str, Any], old: str, new: str) -> dict[str, Any]:
    """``record`` with the field ``old`` renamed ``new`` where it stood, keys in order."""
    if old not in record:
        return record
    return {(new if key == old else key): value for key, value in record.items()}


def carry_in_note(record: dict[str, Any], pointer: str, value: Any, why: str, major: int) -> dict[str, Any]:
    """Keep a value the new schema has no place for in a curator's note on the record,
    written so that :func:`lost` (and a curator) can read the value back."""
    text = _CARRIED.format(major=major, pointer=pointer) + json.dumps(value, ensure_ascii=False) + f": {why}"
    record.setdefault("notes", []).append({"kind": NOTE_KIND, "text": text})
    return record


# -- the lossless check ------------------------------------------------------------------


def leaves(value: Any, pointer: str = "") -> Iterator[tuple[str, Any]]:
    """``(pointer, value)`` for every leaf: a value that is not a non-empty container."""
    if isinstance(value, dict) and value:
        for key, item in value.items():
            yield from leaves(item, f"{pointer}/{escape_pointer_token(key)}")
    elif isinstance(value, list) and value:
        for index, item in enumerate(value):
            yield from leaves(item, f"{pointer}/{index}")
    else:
        yield pointer, value


def _key(value: Any) -> tuple:
    """Leaves compared as JSON compares them: 1 and 1.0 alike, true and 1 not."""
    if isinstance(value, bool) or value is None:
        return ("literal", value)
    if isinstance(value, (int, float)):
        return ("number", float(value))
    if isinstance(value, str):
        return ("string", value)
    return ("empty", json.dumps(value))


def _carried(record: dict[str, Any]) -> Iterator[Any]:
    """The values :func:`carry_in_note` put into the record's notes."""
    notes = record.get("notes")
    for note in notes if isinstance(notes, list) else ():
        text = note.get("text") if isinstance(note, dict) else None
        if not isinstance(text, str) or not text.startswith("The migration to schema v"):
            continue
        _, found, rest = text.partition(", whose value was ")
        if not found:
            continue
        try:
            value, _ = json.JSONDecoder().raw_decode(rest)
        except json.JSONDecodeError:
            continue
        yield from (leaf for _, leaf in leaves(value))


def lost(old: dict[str, Any], new: dict[str, Any]) -> list[tuple[str, Any]]:
    """The leaves of ``old`` (but its ``$schema``) found neither in ``new`` nor carried
    into one of its notes, counted with repeats: two equal values need two places."""
    kept = Counter(_key(value) for _, value in leaves(new))
    kept.update(_key(value) for value in _carried(new))
    missing = []
    for pointer, value in leaves(old):
        if pointer == "/$schema":
            continue
        key = _key(value)
        if kept[key]:
            kept[key] -= 1
        else:
            missing.append((pointer, value))
    return missing
