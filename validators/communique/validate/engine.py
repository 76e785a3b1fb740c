"""The validation engine: parse -> schema -> integrity -> record rules -> dataset rules.

Records of the kinds that references point at (actors, articles, treaties: read from
the schemas) are kept in memory, because statements are checked against them. Records
of the other kinds (statements) are streamed: each is checked and dropped, and only its
id and place (for ``id.duplicate``) remain, so a dataset of millions of statements in
JSON Lines is validated in bounded memory. Rules over many records
(:func:`communique.rules.base.dataset_rule`) are fed the stream as it passes.

A finding on a record whose text was dropped gets its line and column by re-reading
that one record (a file, or one line found by its byte offset): rare, and cheap.

With ``targets``, the pre-commit mode: the whole dataset is read (ids, references,
the records that rules look up), but only the target files are checked in full and
only their findings are reported.
"""

from __future__ import annotations

import os
import queue
import threading
from collections.abc import Collection, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from communique.findings import Finding, Severity
from communique.kinds import KINDS, Kind
from communique.parse import Document, bulk_loading, parse_file, parse_text
from communique.read import SourceFile, TooLarge, discover, read_line_at, read_record
from communique.rules import integrity, schema, silencing
from communique.rules.base import RULES, Problem, Rule

# A record's place, packed into one int to keep millions of them small:
# bits 0-23 the source file's index, 24-55 its line, 56- the byte offset of that line.
_SOURCE_BITS, _LINE_BITS = 24, 32


def _handle(source_index: int, line: int, offset: int) -> int:
    return source_index | (line << _SOURCE_BITS) | (offset << (_SOURCE_BITS + _LINE_BITS))


def _unpack(handle: int) -> tuple[int, int, int]:
    return (
        handle & ((1 << _SOURCE_BITS) - 1),
        (handle >> _SOURCE_BITS) & ((1 << _LINE_BITS) - 1),
        handle >> (_SOURCE_BITS + _LINE_BITS),
    )


def _absolute(path: Path) -> str:
    """A file's path with its folder resolved but not the file itself (it may be a link)."""
    return os.path.join(os.path.realpath(os.path.abspath(path.parent)), path.name)


def _severity(rule: str) -> Severity:
    known = RULES.get(rule)
    return known.severity if known else Severity.ERROR


class _Index:
    """Schema-valid records of the kept kinds, by kind and id: what record rules look up."""

    def __init__(self) -> None:
        self.records: dict[str, dict[str, Mapping[str, Any]]] = {kind.name: {} for kind in KINDS}

    def get(self, kind: str, record_id: str) -> Mapping[str, Any] | None:
        by_id = self.records.get(kind)
        return by_id.get(record_id) if by_id is not None else None


class _Silences:
    """One record's ``silence`` entries and how many findings each has hidden."""

    __slots__ = ("handle", "entries", "hidden")

    def __init__(self, handle: int, entries: list[tuple[int, str, str]]) -> None:
        self.handle = handle
        self.entries = entries  # (position in the list, rule, reason)
        self.hidden = [0] * len(entries)

    def hides(self, rule: str) -> bool:
        for number, (_, silenced, _) in enumerate(self.entries):
            if silenced == rule:
                self.hidden[number] += 1
                return True
        return False


def _silence_entries(record: Any) -> list[tuple[int, str, str]]:
    entries = record.get("silence") if type(record) is dict else None
    if type(entries) is not list:
        return []
    return [
        (position, entry["rule"], entry["reason"])
        for position, entry in enumerate(entries)
        if type(entry) is dict and type(entry.get("rule")) is str and type(entry.get("reason")) is str
    ]


class _DatasetCheckRun:
    """Feeds one pull-style dataset check while records stream past, in a thread.

    The check is a generator that iterates the records; the engine pushes them. The two
    take turns, never run together: the engine hands over a batch and waits until the
    check asks for the next one. Running side by side would be no faster (the GIL) and
    much slower in practice: every native call that releases the GIL would pass control
    back and forth.
    """

    _BATCH = 4096

    def __init__(self, rule: Rule) -> None:
        self.rule = rule
        self.batch: list[Mapping[str, Any]] = []
        self.batches: queue.SimpleQueue[list | None] = queue.SimpleQueue()
        self.waiting: queue.SimpleQueue[None] = queue.SimpleQueue()  # one token each time the check wants more
        self.results: list[tuple[str, Problem]] = []
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, name=f"rule {rule.id}", daemon=True)
        self.thread.start()
        self.waiting.get()

    def _records(self) -> Iterator[Mapping[str, Any]]:
        while True:
            self.waiting.put(None)
            batch = self.batches.get()
            if batch is None:
                return
            yield from batch

    def _run(self) -> None:
        records = self._records()
        try:
            for found in self.rule.dataset_check(records):  # type: ignore[misc]
                self.results.append(found)
        except Exception as error:  # a bug in a rule must not stop validation
            self.error = error
        for _ in records:  # a check that stopped early still takes every batch
            pass

    def add(self, record: Mapping[str, Any]) -> None:
        self.batch.append(record)
        if len(self.batch) >= self._BATCH:
            self.batches.put(self.batch)
            self.batch = []
            self.waiting.get()

    def finish(self) -> list[tuple[str, Problem]]:
        if self.batch:
            self.batches.put(self.batch)
            self.waiting.get()
        self.batches.put(None)
        self.thread.join()
        return self.results


class Validation:
    """One run of the validator over a dataset folder; iterate :meth:`findings`.

    ``targets``: the files (absolute, resolved paths) to check in the context of the
    whole dataset; None checks every file.
    """

    def __init__(self, dataset_dir: Path, targets: Collection[Path] | None = None) -> None:
        self.dataset_dir = Path(os.path.realpath(dataset_dir))
        self.targets = None if targets is None else {_absolute(Path(path)) for path in targets}
        self.sources: list[SourceFile] = []
        self.files_checked = 0
        self.records_checked = 0
        self.targeted: list[bool] = []
        self.index = _Index()
        self.ids: dict[str, int] = {}  # every record id -> the handle of its first record
        self.referenced: set[str] = set()  # every id some record refers to (for orphans)
        self.actors: list[tuple[str, int]] = []  # (id, handle) of every actor record
        self.silences: dict[int, _Silences] = {}
        self.deferred: list[tuple[int, Problem, str]] = []  # (handle, problem, rule) to locate at the end
        self.pending_refs: list[tuple[int, str, str, str, str]] = []  # unresolved references
        kept = integrity.referenced_kinds()
        self.record_rules: dict[str, list[Rule]] = {
            kind.name: [rule for rule in RULES.values() if rule.check is not None and kind.name in rule.kinds]
            for kind in KINDS
        }
        self.dataset_rules = [rule for rule in RULES.values() if rule.dataset_check is not None]
        self.kept_kinds = [kind for kind in KINDS if kind.name in kept]
        self.streamed_kinds = [kind for kind in KINDS if kind.name not in kept]

    # --- the run ---------------------------------------------------------------------

    def findings(self) -> Iterator[Finding]:
        """Every finding, as the run produces them (group or sort them to show them)."""
        self.sources = discover(self.dataset_dir)
        self.targeted = [self.targets is None or str(source.path) in self.targets for source in self.sources]
        runs = [_DatasetCheckRun(rule) for rule in self.dataset_rules]
        feeds = {kind.name: [run for run in runs if kind.name in run.rule.kinds] for kind in KINDS}
        with bulk_loading():
            kept: list[tuple[int, Kind, Any, bool]] = []
            for kind in self.kept_kinds:
                for number, item, handle in self._documents(kind):
                    if isinstance(item, Finding):
                        yield item
                        continue
                    valid, found = self._check_document(number, kind, item, handle)
                    yield from found
                    kept.append((handle, kind, item.value, valid))
                    if valid:
                        record_id = item.value["id"]
                        self.index.records[kind.name].setdefault(record_id, item.value)
            for handle, kind, value, valid in kept:
                yield from self._check_record(handle, kind, value, valid, feeds[kind.name])
            del kept
            for kind in self.streamed_kinds:
                for number, item, handle in self._documents(kind):
                    if isinstance(item, Finding):
                        yield item
                        continue
                    valid, found = self._check_document(number, kind, item, handle)
                    yield from found
                    yield from self._check_record(handle, kind, item.value, valid, feeds[kind.name])
        for run in runs:
            results = run.finish()
            if run.error is not None:
                yield from self._crash_findings(run.rule, run.error)
            for record_id, problem in results:
                handle = self.ids.get(record_id)
                if handle is not None:
                    self._defer(handle, problem, run.rule.id)
        self._resolve_references()
        self._find_orphans()
        yield from self._locate_deferred()
        yield from self._silence_findings()

    def _documents(self, kind: Kind) -> Iterator[tuple[int, Document | Finding, int]]:
        for number, source in enumerate(self.sources):
            if source.kind is not kind:
                continue
            targeted = self.targeted[number]
            self.files_checked += targeted
            for item in parse_file(source):
                if isinstance(item, Finding):
                    if targeted:
                        yield number, item, 0
                else:
                    self.records_checked += targeted
                    yield number, item, _handle(number, item.line, item.offset)

    # --- one record --------------------------------------------------------------------

    def _check_document(self, number: int, kind: Kind, document: Document, handle: int) -> tuple[bool, list[Finding]]:
        """Schema and ids of a freshly parsed record: whether it is schema-valid, and findings."""
        value = document.value
        targeted = self.targeted[number]
        found: list[Finding] = []
        if targeted:
            issues = schema.issues(value, kind)
            valid = not issues
            for issue in issues:
                line, column = document.locate(issue.pointer, key=issue.at_key)
                found.append(self._finding(document.source, line, column, issue.pointer, issue.rule, issue.message, issue.hint, document.record_id))
        else:
            valid = schema.is_valid(value, kind)
        record_id = document.record_id
        if record_id is None:
            return valid, found
        first = self.ids.setdefault(record_id, handle)
        problems = []
        if first != handle:
            other = self._place(first)
            problems.append((integrity.DUPLICATE, integrity.duplicate(record_id, self.sources[_unpack(first)[0]].kind.name, other)))
        expected = document.source.expected_id
        if expected is not None and record_id != expected:
            problems.append((integrity.FILENAME, integrity.filename(record_id, expected)))
        if targeted:
            for rule, problem in problems:
                line, column = document.locate(problem.pointer)
                found.append(self._finding(document.source, line, column, problem.pointer, rule, problem.message, problem.hint, record_id))
        entries = _silence_entries(value) if valid else []  # an invalid record's silences mean nothing yet
        if entries:
            self.silences[handle] = _Silences(handle, entries)
        return valid, found

    def _check_record(self, handle: int, kind: Kind, value: Any, valid: bool, feeds: list[_DatasetCheckRun]) -> Iterator[Finding]:
        """References, record rules and dataset-rule feeding for one record."""
        if kind.name == "actor" and type(value) is dict and type(value.get("id")) is str:
            self.actors.append((value["id"], handle))
        own_id = value.get("id") if type(value) is dict else None
        targeted = self.targeted[handle & ((1 << _SOURCE_BITS) - 1)]
        problems: list[tuple[str, Problem]] = []
        for pointer, target, record_id in integrity.references(kind, value):
            if target == "actor" and record_id != own_id:
                self.referenced.add(record_id)
            if targeted:
                other = self.ids.get(record_id)
                if other is None:
                    self.pending_refs.append((handle, pointer, target, record_id, kind.name))
                else:
                    actual = self.sources[_unpack(other)[0]].kind.name
                    if actual != target:
                        problems.append((integrity.WRONG_KIND, integrity.wrong_kind(pointer, target, record_id, actual)))
        if valid:
            for run in feeds:
                run.add(value)
            if targeted:
                index = self.index
                for rule in self.record_rules[kind.name]:
                    try:
                        for problem in rule.check(value, index):  # type: ignore[misc]
                            problems.append((rule.id, problem))
                    except Exception as error:  # a bug in a rule is a finding, never a traceback
                        problems.append((rule.id, _crash_problem(error)))
        if problems:
            yield from self._locate(handle, [(rule, problem) for rule, problem in problems if not self._silenced(handle, rule)])

    # --- after the stream ----------------------------------------------------------------

    def _resolve_references(self) -> None:
        candidates_by_kind: dict[str, list[str]] = {}
        for handle, pointer, target, record_id, _ in self.pending_refs:
            other = self.ids.get(record_id)
            if other is None:
                if target not in candidates_by_kind:
                    candidates_by_kind[target] = list(self.index.records.get(target, {}))
                self._defer(handle, integrity.missing(pointer, target, record_id, candidates_by_kind[target]), integrity.MISSING)
            else:
                actual = self.sources[_unpack(other)[0]].kind.name
                if actual != target:
                    self._defer(handle, integrity.wrong_kind(pointer, target, record_id, actual), integrity.WRONG_KIND)

    def _find_orphans(self) -> None:
        for record_id, handle in self.actors:
            if record_id not in self.referenced and self.targeted[_unpack(handle)[0]]:
                self._defer(handle, integrity.orphan({"id": record_id}), integrity.ORPHAN_ACTOR)

    def _defer(self, handle: int, problem: Problem, rule: str) -> None:
        if self.targeted[_unpack(handle)[0]] and not self._silenced(handle, rule):
            self.deferred.append((handle, problem, rule))

    def _locate_deferred(self) -> Iterator[Finding]:
        by_record: dict[int, list[tuple[str, Problem]]] = {}
        for handle, problem, rule in self.deferred:
            by_record.setdefault(handle, []).append((rule, problem))
        for handle, problems in by_record.items():
            yield from self._locate(handle, problems)

    def _silence_findings(self) -> Iterator[Finding]:
        for silences in self.silences.values():
            if not self.targeted[_unpack(silences.handle)[0]]:
                continue
            found = []
            for (position, rule, reason), hidden in zip(silences.entries, silences.hidden):
                pointer = f"/silence/{position}"
                if rule not in RULES or rule.startswith(silencing.UNSILENCEABLE):
                    why = "no rule has this id" if rule not in RULES else "rules of this layer cannot be silenced"
                    found.append((silencing.INVALID, Problem(f"{pointer}/rule", f'the silenced rule "{rule}" is not valid: {why}', "Copy the rule id exactly as the validator prints it, or fix the record instead.")))
                elif hidden:
                    found.append((silencing.APPLIED, Problem(pointer, f"{rule} is silenced here ({hidden} finding{'s' if hidden != 1 else ''} hidden): {reason}", "")))
                else:
                    found.append((silencing.UNUSED, Problem(pointer, f"{rule} is silenced here but finds nothing to silence", "Remove this entry from the record's silence list.")))
            yield from self._locate(silences.handle, found)

    def _silenced(self, handle: int, rule: str) -> bool:
        silences = self.silences.get(handle)
        return silences is not None and not rule.startswith(silencing.UNSILENCEABLE) and silences.hides(rule)

    # --- places --------------------------------------------------------------------------

    def _reread(self, handle: int) -> Document | None:
        number, line, offset = _unpack(handle)
        source = self.sources[number]
        try:
            text = read_line_at(source, offset) if source.lines else read_record(source)
        except (OSError, TooLarge):
            return None
        result = parse_text(text, source, line, offset)
        return result if isinstance(result, Document) else None

    def _locate(self, handle: int, problems: Iterable[tuple[str, Problem]]) -> Iterator[Finding]:
        problems = list(problems)
        if not problems:
            return
        number, line, _ = _unpack(handle)
        source = self.sources[number]
        document = self._reread(handle)
        record_id = document.record_id if document is not None else None
        for rule, problem in problems:
            if document is not None:
                found_line, column = document.locate(problem.pointer)
            else:  # the file changed under us: the record's first line is the best we have
                found_line, column = line, None
            yield self._finding(source, found_line, column, problem.pointer, rule, problem.message, problem.hint, record_id)

    def _place(self, handle: int) -> str:
        number, line, _ = _unpack(handle)
        source = self.sources[number]
        return f"{source.display}, line {line}" if source.lines else source.display

    @staticmethod
    def _finding(source: SourceFile, line: int | None, column: int | None, pointer: str, rule: str, message: str, hint: str, record_id: str | None) -> Finding:
        return Finding(source.display, line, column, pointer, rule, _severity(rule), message, hint, record_id)

    def _crash_findings(self, rule: Rule, error: BaseException) -> Iterator[Finding]:
        problem = _crash_problem(error)
        yield Finding(self.dataset_dir.as_posix(), None, None, "", rule.id, Severity.ERROR, problem.message, problem.hint)


def _crash_problem(error: BaseException) -> Problem:
    return Problem(
        "",
        f"the rule failed on this record ({type(error).__name__}: {error}); this is a bug in communique",
        "Please report it with this record attached.",
    )


def validate(dataset_dir: Path, targets: Collection[Path] | None = None) -> Iterator[Finding]:
    """Every finding of the dataset (or, with ``targets``, of those files within it)."""
    return Validation(dataset_dir, targets).findings()

