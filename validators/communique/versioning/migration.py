"""Migrating a dataset folder: every record file and JSON Lines file, each rewritten
atomically, and only after every record of the dataset was migrated and checked.

:func:`plan` reads the dataset and migrates every record in memory (``--check`` stops
there); :func:`apply` does the same again, file by file, and replaces each file whose
records changed by its new content (:func:`~communique.versioning.rewrite.atomic_write`).
When any record cannot be migrated, :func:`apply` writes nothing. Files whose records are
all at the target version are not touched, so a second run changes nothing.

A step that reads the whole dataset first (see :class:`~communique.versioning.migrate.Surveyed`)
may create records: each is a new file, written atomically too, and before any rewritten
record that names it, so that a run stopped half-way never leaves a reference to a file
that is not there; the next run finds the created record and names it again.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from communique.kinds import BY_NAME
from communique.read import SourceFile, discover, display_path
from communique.versioning.migrate import STEPS, MigrationError, Steps, Surveyed, migrate_record, survey
from communique.versioning.recorddiff import changed_fields
from communique.versioning.rewrite import Style, atomic_write
from communique.versioning.schemaset import SchemaSet


@dataclass(frozen=True)
class RecordChange:
    """One record a migration changes: where it is, its id, the top-level fields changed."""

    file: str
    line: int
    id: str | None
    fields: tuple[str, ...]


@dataclass(frozen=True)
class Unmovable:
    """A record the migration cannot carry over (the whole run then writes nothing)."""

    file: str
    line: int
    message: str


@dataclass(frozen=True)
class Created:
    """A record a migration creates, and the file it goes to."""

    path: Path
    file: str  # as messages show it
    kind: str
    record: dict[str, Any]


@dataclass
class Plan:
    changes: list[RecordChange] = field(default_factory=list)
    created: list[Created] = field(default_factory=list)
    problems: list[Unmovable] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # entries that are not data, as the validator reports them

    @property
    def files(self) -> list[str]:
        return list(dict.fromkeys([*(created.file for created in self.created), *(change.file for change in self.changes)]))


@dataclass(frozen=True)
class Target:
    """Where records go: a major version, and the schema set they must then pass."""

    major: int
    schemas: SchemaSet | None = None


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    record = dict(pairs)
    if len(record) != len(pairs):
        repeated = next(key for key in record if sum(1 for name, _ in pairs if name == key) > 1)
        raise MigrationError(f"has the field {repeated!r} twice: which value to keep is the curator's choice, fix it first")
    return record


def _parse(text: bytes) -> Any:
    try:
        return json.loads(text, object_pairs_hook=_no_duplicates)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise MigrationError(f"is not readable JSON ({error}): fix it first (communique validate)") from None


def _migrate(value: Any, source: SourceFile, target: Target, steps: Steps, surveyed: dict[int, Surveyed]) -> Any:
    if not isinstance(value, dict):
        raise MigrationError("is not a JSON object: fix it first (communique validate)")
    new = migrate_record(value, source.kind.name, target.major, steps, surveyed)
    if new is not value:
        _check_target(new, source.kind.name, target, "migrated")
    return new


def _check_target(record: dict[str, Any], kind: str, target: Target, what: str) -> None:
    if target.schemas is None:
        return
    errors = sorted(target.schemas.validator(kind).iter_errors(record), key=lambda error: list(error.path))
    if errors:
        first = errors[0]
        where = "/" + "/".join(map(str, first.path))
        raise MigrationError(f"{what}, fails the target schema at {where}: {first.message} (the step is wrong)")


class _Failed(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


def _records(source: SourceFile) -> Iterator[tuple[int, bytes]]:
    """``(line number, text)`` of each record: the whole file, or each line with its line end."""
    with open(source.path, "rb") as handle:
        if not source.lines:
            yield 1, handle.read()
            return
        for number, line in enumerate(handle, start=1):
            yield number, line


def _file_outcomes(source: SourceFile, target: Target, steps: Steps, surveyed: dict[int, Surveyed]) -> Iterator[tuple[int, bytes, Any, Any]]:
    """``(line, text, old record, new record)`` for every record of a file (blank lines of a
    JSON Lines file are passed through with None)."""
    for number, text in _records(source):
        if source.lines and not text.strip():
            yield number, text, None, None
            continue
        try:
            old = _parse(text)
            new = _migrate(old, source, target, steps, surveyed)
        except MigrationError as error:
            raise _Failed(number, str(error)) from None
        yield number, text, old, new


def _readable(sources: list[SourceFile]) -> Iterator[tuple[str, dict[str, Any]]]:
    """``(kind, record)`` of every record that can be read (the walk reports the others)."""
    for source in sources:
        try:
            for _, text in _records(source):
                try:
                    record = _parse(text) if text.strip() else None
                except MigrationError:
                    continue
                if isinstance(record, dict):
                    yield source.kind.name, record
        except OSError:
            continue


def _surveyed(dataset: Path, sources: list[SourceFile], target: Target, steps: Steps, plan: Plan) -> dict[int, Surveyed]:
    """The surveys of the steps that read the whole dataset, and the records they create."""
    try:
        surveyed = survey(_readable(sources), target.major, steps)
    except MigrationError as error:
        plan.problems.append(Unmovable(display_path(dataset), 1, str(error)))
        return {}
    for done in surveyed.values():
        for kind, record in done.created:
            path = dataset / BY_NAME[kind].folder / f"{record['id']}.json"
            shown = display_path(path)
            try:
                if path.exists():
                    raise MigrationError(f"would be created, but {shown} exists: rename that record first")
                _check_target(record, kind, target, "created")
            except MigrationError as error:
                plan.problems.append(Unmovable(shown, 1, str(error)))
                continue
            plan.created.append(Created(path, shown, kind, record))
    return surveyed


def _walk(dataset: Path, target: Target, steps: Steps, plan: Plan) -> tuple[list[SourceFile], dict[int, Surveyed]]:
    """Fill ``plan`` with every change and problem; the files that change, and the surveys."""
    listing = discover(dataset)
    plan.skipped.extend(f"{finding.file}: {finding.message}" for finding in listing.findings)
    surveyed = _surveyed(dataset, listing.sources, target, steps, plan)
    changing = []
    for source in listing.sources:
        before = len(plan.changes)
        try:
            for number, _, old, new in _file_outcomes(source, target, steps, surveyed):
                if new is not old:
                    record_id = new.get("id") if isinstance(new.get("id"), str) else None
                    plan.changes.append(RecordChange(source.display, number, record_id, tuple(changed_fields(old, new))))
        except _Failed as error:
            plan.problems.append(Unmovable(source.display, error.line, str(error)))
        except OSError as error:
            plan.problems.append(Unmovable(source.display, 1, f"cannot be read: {error.strerror or error}"))
        if len(plan.changes) > before:
            changing.append(source)
    return changing, surveyed


def plan(dataset: Path, target: Target, steps: Steps = STEPS) -> Plan:
    """What migrating ``dataset`` to ``target`` would change, and what stops it; writes nothing."""
    result = Plan()
    _walk(dataset, target, steps, result)
    return result


def apply(dataset: Path, target: Target, steps: Steps = STEPS) -> Plan:
    """Migrate ``dataset`` to ``target``: nothing is written unless every record migrates."""
    result = Plan()
    changing, surveyed = _walk(dataset, target, steps, result)
    if result.problems:
        return result
    for created in result.created:  # first: the rewritten records may name them
        created.path.parent.mkdir(exist_ok=True)
        atomic_write(str(created.path), [Style().document(created.record)], create=True)
    written: set[str] = set()
    for source in changing:
        real = os.path.realpath(source.path)  # a link within the dataset: its file is rewritten, once
        if real not in written:
            atomic_write(real, _new_content(source, target, steps, surveyed))
            written.add(real)
    return result


def _schema_moved(text: bytes, old: dict[str, Any], new: dict[str, Any]) -> bytes | None:
    """The record's text with only its ``$schema`` rewritten, when that is all that changed
    and the old value stands once in it: the rest of the file stays byte for byte, however
    the curator laid it out (a short object on one line, say)."""
    if old.keys() != new.keys() or any(old[key] != new[key] for key in old if key != "$schema"):
        return None
    before, after = (json.dumps(value, ensure_ascii=False).encode("utf-8") for value in (old["$schema"], new["$schema"]))
    return text.replace(before, after) if text.count(before) == 1 else None


def _new_content(source: SourceFile, target: Target, steps: Steps, surveyed: dict[int, Surveyed]) -> Iterator[bytes]:
    for _, text, old, new in _file_outcomes(source, target, steps, surveyed):
        if new is old:
            yield text
        elif (moved := _schema_moved(text, old, new)) is not None:
            yield moved
        elif source.lines:
            body = text.rstrip(b"\r\n")
            style = Style.of(body.decode("utf-8"))
            yield style.dump(new).encode("utf-8") + text[len(body):]
        else:
            yield Style.of(text.decode("utf-8")).document(new)
