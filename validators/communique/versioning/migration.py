"""Migrating a dataset folder: every record file and JSON Lines file, each rewritten
atomically, and only after every record of the dataset was migrated and checked.

:func:`plan` reads the dataset and migrates every record in memory (``--check`` stops
there); :func:`apply` does the same again, file by file, and replaces each file whose
records changed by its new content (:func:`~communique.versioning.rewrite.atomic_write`).
When any record cannot be migrated, :func:`apply` writes nothing. Files whose records are
all at the target version are not touched, so a second run changes nothing.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from communique.read import SourceFile, discover
from communique.versioning.migrate import STEPS, MigrationError, Steps, migrate_record
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


@dataclass
class Plan:
    changes: list[RecordChange] = field(default_factory=list)
    problems: list[Unmovable] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # entries that are not data, as the validator reports them

    @property
    def files(self) -> list[str]:
        return list(dict.fromkeys(change.file for change in self.changes))


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


def _migrate(value: Any, source: SourceFile, target: Target, steps: Steps) -> Any:
    if not isinstance(value, dict):
        raise MigrationError("is not a JSON object: fix it first (communique validate)")
    new = migrate_record(value, source.kind.name, target.major, steps)
    if new is not value and target.schemas is not None:
        errors = sorted(target.schemas.validator(source.kind.name).iter_errors(new), key=lambda error: list(error.path))
        if errors:
            first = errors[0]
            where = "/" + "/".join(map(str, first.path))
            raise MigrationError(f"migrated, fails the target schema at {where}: {first.message} (the step is wrong)")
    return new


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


def _file_outcomes(source: SourceFile, target: Target, steps: Steps) -> Iterator[tuple[int, bytes, Any, Any]]:
    """``(line, text, old record, new record)`` for every record of a file (blank lines of a
    JSON Lines file are passed through with None)."""
    for number, text in _records(source):
        if source.lines and not text.strip():
            yield number, text, None, None
            continue
        try:
            old = _parse(text)
            new = _migrate(old, source, target, steps)
        except MigrationError as error:
            raise _Failed(number, str(error)) from None
        yield number, text, old, new


def _walk(dataset: Path, target: Target, steps: Steps, plan: Plan) -> list[SourceFile]:
    """Fill ``plan`` with every change and problem; the files that change."""
    listing = discover(dataset)
    plan.skipped.extend(f"{finding.file}: {finding.message}" for finding in listing.findings)
    changing = []
    for source in listing.sources:
        before = len(plan.changes)
        try:
            for number, _, old, new in _file_outcomes(source, target, steps):
                if new is not old:
                    record_id = new.get("id") if isinstance(new.get("id"), str) else None
                    plan.changes.append(RecordChange(source.display, number, record_id, tuple(changed_fields(old, new))))
        except _Failed as error:
            plan.problems.append(Unmovable(source.display, error.line, str(error)))
        except OSError as error:
            plan.problems.append(Unmovable(source.display, 1, f"cannot be read: {error.strerror or error}"))
        if len(plan.changes) > before:
            changing.append(source)
    return changing


def plan(dataset: Path, target: Target, steps: Steps = STEPS) -> Plan:
    """What migrating ``dataset`` to ``target`` would change, and what stops it; writes nothing."""
    result = Plan()
    _walk(dataset, target, steps, result)
    return result


def apply(dataset: Path, target: Target, steps: Steps = STEPS) -> Plan:
    """Migrate ``dataset`` to ``target``: nothing is written unless every record migrates."""
    result = Plan()
    changing = _walk(dataset, target, steps, result)
    if result.problems:
        return result
    written: set[str] = set()
    for source in changing:
        real = os.path.realpath(source.path)  # a link within the dataset: its file is rewritten, once
        if real not in written:
            atomic_write(real, _new_content(source, target, steps))
            written.add(real)
    return result


def _new_content(source: SourceFile, target: Target, steps: Steps) -> Iterator[bytes]:
    for _, text, old, new in _file_outcomes(source, target, steps):
        if new is old:
            yield text
        elif source.lines:
            body = text.rstrip(b"\r\n")
            style = Style.of(body.decode("utf-8"))
            yield style.dump(new).encode("utf-8") + text[len(body):]
        else:
            yield Style.of(text.decode("utf-8")).document(new)
