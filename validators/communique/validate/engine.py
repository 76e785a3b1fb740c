"""The validation run: parse -> schema -> record rules -> rules over many records -> silences.

The engine moves records; rules decide (``communique.rules``). A run reads the dataset
in shares (:mod:`~communique.validate.workers`), checks each share
(:mod:`~communique.validate.checking`), and takes the parts in, in dataset order, into
its store (:mod:`~communique.validate.store`) and into each rule over many records;
once every record is in, those rules finish, and each record's silences say what they
hid. What is found never depends on how many processes ran.

Records of the kinds that references point at (read from the schemas) and that record
rules look up (:data:`~communique.rules.base.LOOKED_UP`: actors, articles, events,
treaties) are read first and kept; records of the other kinds (statements, though
statements respond to statements) are streamed: each is checked and dropped, and only
its place and id remain, so a dataset of millions of statements in JSON Lines is
validated in bounded memory. A finding on a record that was dropped gets its line and
column by reading that one record again (a file, or one line found by its byte offset):
rare, and cheap.

With ``targets``, the pre-commit mode: the whole dataset is read (ids, references,
the records that rules look up), but only the target files are checked in full and
only their findings are reported.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Iterator
from pathlib import Path
from typing import Any

from communique.findings import Finding
from communique.kinds import KINDS, Kind
from communique.parse import bulk_loading
from communique.read import SourceFile, discover
from communique.rules import integrity
from communique.rules.base import LOOKED_UP, Report, run_rules
from communique.rules.silencing import Silences
from communique.validate import workers
from communique.validate.checking import Checker, Part, locate
from communique.validate.store import Store

_KEPT_SHARE = 20_000  # kept records per share of their rule checks


def _absolute(path: Path) -> str:
    """A file's path with its folder resolved but not the file itself (it may be a link)."""
    return os.path.join(os.path.realpath(os.path.abspath(path.parent)), path.name)


class Validation:
    """One run of the validator over a dataset folder; iterate :meth:`findings`.

    ``targets``: the files (absolute, resolved paths) to check in the context of the
    whole dataset; None checks every file.
    """

    def __init__(self, dataset_dir: Path, targets: Collection[Path] | None = None) -> None:
        self.dataset_dir = Path(os.path.realpath(dataset_dir))
        self.targets = None if targets is None else {_absolute(Path(path)) for path in targets}
        self.files_checked = 0
        self.records_checked = 0
        self.workers = workers.available()
        self.silences: dict[int, Silences] = {}  # by record number
        self.lines_before: dict[int, int] = {}  # source number -> lines of the parts of it taken in so far
        self.kept_kinds: list[Kind] = []  # the kinds references point at that rules look up: read first, kept
        self.streamed_kinds: list[Kind] = []  # the others: checked and dropped
        self.entry_findings: list[Finding] = []  # entries of the dataset that are not data

    def findings(self) -> Iterator[Finding]:
        """Every finding, as the run produces them (group or sort them to show them)."""
        with bulk_loading():  # a bulk dataset's listing alone may be a million objects
            checker = self.start()
            yield from self.entry_findings
            processes = self.workers if self.workers > 1 and workers.worth_it(checker.sources) else 1
            yield from self.load_kept(checker, processes)
            steps: list[tuple[Any, Any]] = [(Checker.check_kept, (start, start + _KEPT_SHARE)) for start in range(0, len(checker.kept), _KEPT_SHARE)]
            steps += [(Checker.check_streamed, share) for share in workers.shares(checker.sources, self.streamed_kinds)]
            for part in workers.run(checker, steps, processes):
                yield from self._take(part, checker)
            checker.kept = []
        yield from self._finish(checker)

    def start(self) -> Checker:
        """The run's files, an empty store, and a fresh instance of every rule."""
        sources = self._sources()
        targeted = [self.targets is None or source.path in self.targets for source in sources]
        across, record_rules = run_rules()
        kept = integrity.referenced_kinds() & LOOKED_UP
        self.kept_kinds = [kind for kind in KINDS if kind in kept]
        self.streamed_kinds = [kind for kind in KINDS if kind not in kept]
        return Checker(sources, targeted, Store(sources, self.kept_kinds), across, record_rules)

    def load_kept(self, checker: Checker, processes: int) -> Iterator[Finding]:
        """Read the records of the kinds references point at into the store (their findings too)."""
        store, loaded = checker.store, []
        checker.compact_kept = processes > 1
        for part in workers.run(checker, ((Checker.load, share) for share in workers.shares(checker.sources, self.kept_kinds)), processes):
            offset = len(store)
            yield from self._take(part, checker)
            for number, value, valid in part.loaded:
                if valid:
                    store.keep(store.kind(number + offset), value["id"], value)
                loaded.append((number + offset, value, valid))
        store.settle_known()
        checker.kept, checker.silences = loaded, self.silences

    def _sources(self) -> list[SourceFile]:
        """The dataset's data files, in dataset order (the one place that lists them); the
        findings on its entries that are not data are kept to be given first."""
        listing = discover(self.dataset_dir, self.targets)
        self.entry_findings = listing.findings
        return listing.sources

    def _take(self, part: Part, checker: Checker) -> Iterator[Finding]:
        """Everything a part gave, in the order of the dataset."""
        if part.lines is not None:
            number, covered = part.lines
            before = self.lines_before.get(number, 0)
            part.renumber(before)
            self.lines_before[number] = before + covered
        yield from part.findings
        self.files_checked += part.files
        self.records_checked += part.records
        offset = checker.store.add(part.new) if len(part.new) else 0  # a part of records checked again names them by their run numbers
        for rule, collection in zip(checker.across, part.collections):
            rule.merge(collection, offset)
        for number, silences in part.silences.items():
            self.silences[number + offset] = silences

    def _finish(self, checker: Checker) -> Iterator[Finding]:
        """The findings of the rules over many records, then of the silences, record by record."""
        store, targeted = checker.store, checker.targeted
        by_record: dict[int, list[tuple[str, Report]]] = {}
        for rule in checker.across:
            for number, rule_id, report in rule.finish(store):
                if targeted[store.source_numbers[number]]:
                    silences = self.silences.get(number)
                    if silences is None or not silences.hides(rule_id):
                        by_record.setdefault(number, []).append((rule_id, report))
        for number, problems in by_record.items():
            yield from locate(*store.where(number), problems)
        for number, silences in self.silences.items():
            if targeted[store.source_numbers[number]] and (problems := silences.problems()):
                yield from locate(*store.where(number), problems)  # type: ignore[arg-type]


def validate(dataset_dir: Path, targets: Collection[Path] | None = None) -> Iterator[Finding]:
    """Every finding of the dataset (or, with ``targets``, of those files within it)."""
    return Validation(dataset_dir, targets).findings()
