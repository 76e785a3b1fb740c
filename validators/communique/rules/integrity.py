"""The ``id.*`` and ``ref.*`` rules: records are told apart by id and point at each other by id.

Ids share one namespace across the dataset: a reference names a record by its id alone,
so an id may belong to one record only. Which fields are references is read from the
schemas (the ``x-references: <kind>`` annotation), never listed here. The engine applies
these rules itself, because each needs every id of the dataset.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection, Mapping
from functools import cache
from typing import Any

from communique.findings import Severity
from communique.kinds import KINDS, Kind
from communique.rules.base import Problem, register
from communique.schemafields import fields, values

DUPLICATE = "id.duplicate"
FILENAME = "id.filename"
MISSING = "ref.missing"
WRONG_KIND = "ref.wrong-kind"
ORPHAN_ACTOR = "ref.orphan-actor"

register(
    DUPLICATE,
    Severity.ERROR,
    doc="""
    No two records have the same id, whatever their kinds.

    Why: references name a record by its id alone, and ids become file names and URLs;
    a second record with the same id makes every reference to it ambiguous.

    How to fix: give one of the two records a new id (and rename its file), or delete
    it if it is a copy. The message names the other record.

    Example: ``actors/russia.json`` and a line of ``actors/import.jsonl`` both with
    ``"id": "russia"``.
    """,
)

register(
    FILENAME,
    Severity.ERROR,
    doc="""
    A record file is named after its record's id: ``<id>.json``.

    Why: curators and tools find a record by its file name; a file whose name and id
    disagree is found under the wrong name, and renaming one without the other is the
    usual cause of a broken reference.

    How to fix: rename the file, or correct the id, so that they agree (an id is stable
    once published: prefer renaming the file).

    Example: ``actors/lavrov.json`` holding ``"id": "sergey-lavrov"``.
    """,
)

register(
    MISSING,
    Severity.ERROR,
    doc="""
    Every reference names a record that exists.

    Why: a statement whose speaker or article is missing cannot be checked or used, and
    links to nowhere on the site.

    How to fix: correct the id (the hint suggests the nearest existing one), or add the
    missing record.

    Example: ``"speaker": "sergei-lavrov"`` when the actor is ``sergey-lavrov``.
    """,
)

register(
    WRONG_KIND,
    Severity.ERROR,
    doc="""
    Every reference names a record of the kind its field expects.

    Why: a speaker is an actor, an article is an article; an id of another kind in the
    field is a slip that the schema cannot see, because all ids look alike.

    How to fix: put the id of a record of the right kind in the field.

    Example: ``"speaker": "new-start"``, which is a treaty.
    """,
)

register(
    ORPHAN_ACTOR,
    Severity.WARNING,
    doc="""
    Every actor is referred to by some record: a statement, an article, a treaty or a role.

    Why: an actor nothing refers to is usually left over from a deleted statement, or a
    duplicate of an actor under another id that the records use instead.

    How to fix: delete the actor, or point the records that mean it at it. An actor kept
    on purpose (about to be used) can silence this rule with that reason.

    Example: ``actors/sergei-lavrov.json`` next to ``actors/sergey-lavrov.json``, which
    the statements use.
    """,
)


@cache
def reference_fields(kind: Kind) -> tuple[tuple[tuple[str, ...], str], ...]:
    """``(path, target kind)`` for every reference field of ``kind``, from the schema."""
    return tuple(
        (field.path, field.references) for field in fields(kind.name) if field.references is not None
    )


@cache
def referenced_kinds() -> frozenset[str]:
    """The kinds some reference field points at: their records are kept for lookups."""
    return frozenset(target for kind in KINDS for _, target in reference_fields(kind))


@cache
def _reference_plan(kind: Kind) -> tuple[tuple[str, str | None, str, tuple[str, ...]], ...]:
    """For each reference field: its top-level property, that property's pointer when the
    property is the reference itself (else None), the target kind, and the path."""
    return tuple(
        (path[0], f"/{path[0]}" if len(path) == 1 else None, target, path) for path, target in reference_fields(kind)
    )


def references(kind: Kind, record: Any) -> list[tuple[str, str, str]]:
    """``(pointer, target kind, id)`` for each reference in the record that is a string."""
    found: list[tuple[str, str, str]] = []
    if type(record) is not dict:
        return found
    for head, pointer, target, path in _reference_plan(kind):
        if head not in record:
            continue
        if pointer is not None:  # most references are top-level fields: no walk needed
            value = record[head]
            if type(value) is str:
                found.append((pointer, target, value))
            continue
        for deeper, value in values(record, path):
            if type(value) is str:
                found.append((deeper, target, value))
    return found


def _a(kind: str) -> str:
    return f"an {kind}" if kind[0] in "aeiou" else f"a {kind}"


def duplicate(record_id: str, other_kind: str, other_place: str) -> Problem:
    return Problem(
        "/id",
        f'the id "{record_id}" is also the id of the {other_kind} at {other_place}',
        "Give one of the two records a new id, or delete the copy.",
    )


def filename(record_id: str, expected: str) -> Problem:
    return Problem(
        "/id",
        f'the id "{record_id}" differs from the file name "{expected}.json"',
        f'Rename the file to "{record_id}.json", or set the id to "{expected}".',
    )


def missing(pointer: str, target: str, record_id: str, candidates: Collection[str]) -> Problem:
    close = difflib.get_close_matches(record_id, candidates, n=1) if len(candidates) <= 50_000 else []
    hint = f'Did you mean "{close[0]}"? ' if close else ""
    return Problem(
        pointer,
        f'no {target} has the id "{record_id}"',
        hint + f"Correct the id, or add the {target} record.",
    )


def wrong_kind(pointer: str, target: str, record_id: str, actual: str) -> Problem:
    return Problem(
        pointer,
        f'"{record_id}" is the id of {_a(actual)}, but this field refers to {_a(target)}',
        f"Put the id of {_a(target)} here.",
    )


def orphan(record: Mapping[str, Any]) -> Problem:
    return Problem(
        "/id",
        f'no record refers to the actor "{record.get("id")}"',
        "Delete the actor, or point the records that mean it at it.",
    )
