"""The ``id.*`` and ``ref.*`` rules: records are told apart by id and point at each other by id.

Ids share one namespace across the dataset: a reference names a record by its id alone,
so an id may belong to one record only. Which fields are references is read from the
schemas (the ``x-references: <kind>`` annotation), never listed here. The four rules
share what they collect (every record's id, reference and actor), so one
:class:`References` reports them all; ``id.filename`` looks at one record and its file
name, so the engine reports it where it reads the file.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import cache
from typing import Any

from communique.findings import Severity
from communique.kinds import ACTOR, BY_NAME, KINDS, Kind
from communique.rules.base import AcrossRecords, Dataset, Index, Problem, Report, register
from communique.schemafields import fields, values

DUPLICATE = "id.duplicate"
FILENAME = "id.filename"
MISSING = "ref.missing"
WRONG_KIND = "ref.wrong-kind"
ORPHAN_ACTOR = "ref.orphan-actor"


def _references() -> References:
    """A fresh :class:`References` for one run (the four rules share it)."""
    return References()


register(
    DUPLICATE,
    across=_references,
    severity=Severity.ERROR,
    doc="""
    No two records have the same id, whatever their kinds.

    Why: references name a record by its id alone, and ids become file names and URLs;
    a second record with the same id makes every reference to it ambiguous.

    How to fix: give one of the records a new id (and rename its file), or delete it if
    it is a copy. Every record with the id gets the finding, naming the others, so the
    copy is found wherever it sits.

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
    across=_references,
    severity=Severity.ERROR,
    doc="""
    Every reference names a record that exists.

    Why: a statement whose speaker or article is missing cannot be checked or used, and
    links to nowhere on the site.

    How to fix: correct the id (the hint suggests an existing id of that kind that differs
    by one letter added, dropped, changed or two swapped, wherever in the id), or add
    the missing record.

    Example: ``"speaker": "sergei-lavrov"`` when the actor is ``sergey-lavrov``.
    """,
)

register(
    WRONG_KIND,
    across=_references,
    severity=Severity.ERROR,
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
    across=_references,
    severity=Severity.WARNING,
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
def reference_fields(kind: Kind) -> tuple[tuple[tuple[str, ...], Kind], ...]:
    """``(path, target kind)`` for every reference field of ``kind``, from the schema."""
    return tuple(
        (field.path, BY_NAME[field.references]) for field in fields(kind.name) if field.references is not None
    )


@cache
def referenced_kinds() -> frozenset[Kind]:
    """The kinds some reference field points at: those that rules look up are kept."""
    return frozenset(target for kind in KINDS for _, target in reference_fields(kind))


@cache
def _reference_plan(kind: Kind) -> tuple[tuple[str, str | None, Kind, tuple[str, ...]], ...]:
    """For each reference field: its top-level property, that property's pointer when the
    property is the reference itself (else None), the target kind, and the path."""
    return tuple(
        (path[0], f"/{path[0]}" if len(path) == 1 else None, target, path) for path, target in reference_fields(kind)
    )


def references(kind: Kind, record: Mapping[str, Any]) -> list[tuple[str, Kind, str]]:
    """``(pointer, target kind, id)`` for each reference in the record that is a string."""
    found: list[tuple[str, Kind, str]] = []
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


class _Collected:
    """One share's ids, references and actors."""

    __slots__ = ("unresolved", "actors", "referenced")

    def __init__(self) -> None:
        self.unresolved: list[tuple[int, str, Kind, str]] = []  # (record number, pointer, target, id)
        self.actors: list[tuple[int, str]] = []  # (record number, id) of every actor
        self.referenced: set[str] = set()  # the actors some other record refers to


class References(AcrossRecords[_Collected]):
    """``id.duplicate``, ``ref.missing``, ``ref.wrong-kind`` and ``ref.orphan-actor``.

    Every record counts, schema-valid or not: a typo elsewhere in a record does not
    make its id or its references go away. A reference to a record known when checking
    began (the kinds references point at are read first) is settled where it is found;
    the rest wait for every id of the dataset.
    """

    rules = (DUPLICATE, MISSING, WRONG_KIND, ORPHAN_ACTOR)
    kinds = KINDS
    every_record = True

    def __init__(self) -> None:
        self.unresolved: list[tuple[int, str, Kind, str]] = []
        self.actors: list[tuple[int, str]] = []
        self.referenced: set[str] = set()

    def collection(self) -> _Collected:
        return _Collected()

    def collect(self, collection: _Collected, number: int, record: Mapping[str, Any], kind: Kind, index: Index, known: Callable[[str], Kind | None]) -> None:
        own_id = record.get("id")
        if kind is ACTOR and type(own_id) is str:
            collection.actors.append((number, own_id))
        for pointer, target, record_id in references(kind, record):
            if target is ACTOR and record_id != own_id:
                collection.referenced.add(record_id)
            if known(record_id) is not target:
                collection.unresolved.append((number, pointer, target, record_id))

    def merge(self, collection: _Collected, offset: int) -> None:
        self.unresolved += [(number + offset, *rest) for number, *rest in collection.unresolved]  # type: ignore[misc]
        self.actors += [(number + offset, record_id) for number, record_id in collection.actors]
        self.referenced |= collection.referenced

    def finish(self, dataset: Dataset) -> Iterator[tuple[int, str, Report]]:
        for record_id, holders in dataset.repeated_ids():
            for number in holders:
                others = [other for other in holders if other != number]
                yield number, DUPLICATE, duplicate(record_id, [(dataset.kind(other), dataset.place(other)) for other in others])
        missing_ids: dict[Kind, set[str]] = {}
        for _, _, target, record_id in self.unresolved:
            if dataset.kind_of(record_id) is None:
                missing_ids.setdefault(target, set()).add(record_id)
        suggestions = {target: closest(ids, dataset.ids(target)) for target, ids in missing_ids.items()}
        for number, pointer, target, record_id in self.unresolved:
            actual = dataset.kind_of(record_id)
            if actual is None:
                yield number, MISSING, missing(pointer, target, record_id, suggestions[target].get(record_id))
            elif actual is not target:
                yield number, WRONG_KIND, wrong_kind(pointer, target, record_id, actual)
        for number, record_id in self.actors:
            if record_id not in self.referenced:
                yield number, ORPHAN_ACTOR, orphan(record_id)


def _one_edit_away(word: str) -> set[str]:
    """``word`` and every text with one of its characters dropped."""
    return {word, *(word[:position] + word[position + 1 :] for position in range(len(word)))}


def closest(missing_ids: Iterable[str], candidates: Iterable[str]) -> dict[str, str]:
    """For each missing id, the candidate it is most likely a typo of, where there is one.

    A candidate qualifies when dropping at most one character from each of the two gives
    the same text: one character added, dropped or changed, or two neighbours swapped,
    anywhere in the id (and some pairs of such slips). Both sides are cut once (a
    symmetric-deletion index), so this takes time in proportion to the ids' total length,
    not to the product of their numbers: ten thousand missing ids among a hundred
    thousand stay quick. Among qualifying candidates one slip away beats two, then the
    first in alphabetical order wins.
    """
    by_cut: dict[str, list[str]] = {}
    for record_id in set(missing_ids):
        for cut in _one_edit_away(record_id):
            by_cut.setdefault(cut, []).append(record_id)
    found: dict[str, set[str]] = {}
    for candidate in candidates:
        for cut in _one_edit_away(candidate):
            for record_id in by_cut.get(cut, ()):
                found.setdefault(record_id, set()).add(candidate)
    return {record_id: min(near, key=lambda candidate: (_slips(record_id, candidate), candidate)) for record_id, near in found.items()}


def _slips(first: str, second: str) -> int:
    """1 when one character added, dropped, changed, or swapped with its neighbour turns
    one id into the other, else 2 (what else :func:`closest` can pair)."""
    same = len(os.path.commonprefix([first, second]))
    shorter, longer = sorted((first[same:], second[same:]), key=len)
    if len(longer) == len(shorter):
        one = longer[1:] == shorter[1:] or (longer[1:2] + longer[:1] + longer[2:] == shorter)
    else:
        one = len(longer) == len(shorter) + 1 and longer[1:] == shorter
    return 1 if one else 2


def _a(kind: Kind) -> str:
    return f"an {kind.name}" if kind.name[0] in "aeiou" else f"a {kind.name}"


def duplicate(record_id: str, others: list[tuple[Kind, str]]) -> Problem:
    """The id is also that of each of ``others``: ``(kind, place)``."""
    named = "; ".join(f"the {kind.name} at {place}" for kind, place in others)
    return Problem(
        "/id",
        f'the id "{record_id}" is also the id of {named}',
        "Give all but one of these records a new id, or delete the copies.",
    )


def misnamed(record_id: str, expected: str) -> Problem | None:
    """The ``id.filename`` problem of a record file named ``<expected>.json``, if any."""
    if record_id == expected:
        return None
    return Problem(
        "/id",
        f'the id "{record_id}" differs from the file name "{expected}.json"',
        f'Rename the file to "{record_id}.json", or set the id to "{expected}".',
    )


def missing(pointer: str, target: Kind, record_id: str, suggestion: str | None) -> Problem:
    hint = f'Did you mean "{suggestion}"? ' if suggestion else ""
    return Problem(
        pointer,
        f'no {target.name} has the id "{record_id}"',
        hint + f"Correct the id, or add the {target.name} record.",
    )


def wrong_kind(pointer: str, target: Kind, record_id: str, actual: Kind) -> Problem:
    return Problem(
        pointer,
        f'"{record_id}" is the id of {_a(actual)}, but this field refers to {_a(target)}',
        f"Put the id of {_a(target)} here.",
    )


def orphan(record_id: str) -> Problem:
    return Problem(
        "/id",
        f'no record refers to the actor "{record_id}"',
        "Delete the actor, or point the records that mean it at it.",
    )
