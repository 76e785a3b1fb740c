"""Checking one share of records: parse, schema, record rules, and the facts of the rules
over many records. This is what a worker process runs; each share gives a :class:`Part`.

Records are numbered from 0 within a share that reads them; the run numbers them on
when it takes the part in, so a rule never sees a place that may still move.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from communique.findings import Finding, Severity
from communique.kinds import KINDS, Kind
from communique.parse import Document, depth_findings, parse_batches, parse_text
from communique.read import SourceFile, TooLarge, read_line_at, read_record
from communique.rules import integrity, schema
from communique.rules.base import RULES, AcrossRecords, Problem, Report, Rule
from communique.rules.silencing import Silences
from communique.validate.store import NewRecords, Store, Stored, compact
from communique.validate.workers import Share


class Part:
    """What checking a share gives: its findings, its records, and each rule's facts."""

    __slots__ = ("findings", "new", "collections", "silences", "files", "records", "lines", "loaded")

    def __init__(self, across: list[AcrossRecords[Any]]) -> None:
        self.findings: list[Finding] = []
        self.new = NewRecords()  # the records read, numbered from 0 (none for kept records checked again)
        self.collections = [rule.collection() for rule in across]
        self.silences: dict[int, Silences] = {}  # by record number
        self.files = 0
        self.records = 0
        self.lines: tuple[int, int] | None = None  # (source number, lines covered) of a part of a JSON Lines file
        self.loaded: list[tuple[int, Any, bool]] = []  # (number, record, valid) of the kept kinds' records

    def renumber(self, lines: int) -> None:
        """Make line numbers counted from the part's first line the file's: ``lines`` came before."""
        if lines:
            self.findings = [finding if finding.line is None else replace(finding, line=finding.line + lines) for finding in self.findings]
            self.new.lines = array("I", [line + lines for line in self.new.lines])


def severity(rule: str) -> Severity:
    known = RULES.get(rule)
    return known.severity if known else Severity.ERROR


def finding(source: SourceFile, line: int | None, column: int | None, pointer: str, rule: str, message: str, hint: str, record_id: str | None) -> Finding:
    return Finding(source.display, line, column, pointer, rule, severity(rule), message, hint, record_id)


def reread(source: SourceFile, line: int, offset: int) -> Document | None:
    """The record at that place, parsed again (None when it can no longer be read)."""
    try:
        text = read_line_at(source, offset) if source.lines else read_record(source)
    except (OSError, TooLarge):
        return None
    result = parse_text(text, source, line, offset)
    return result if isinstance(result, Document) else None


def locate(source: SourceFile, line: int, offset: int, problems: list[tuple[str, Report]], document: Document | None = None) -> Iterator[Finding]:
    """The findings of a record's problems, each at the place of its pointer (the record is
    read again when ``document`` is not at hand)."""
    if document is None:
        document = reread(source, line, offset)
    record_id = document.record_id if document is not None else None
    for rule, report in problems:
        problem = report if type(report) is Problem else report(document.value if document is not None else None)  # type: ignore[operator]
        if document is not None:
            found_line, column = document.locate(problem.pointer)
        else:  # the file changed under us: the record's first line is the best we have
            found_line, column = line, None
        yield finding(source, found_line, column, problem.pointer, rule, problem.message, problem.hint, record_id)


def crash(error: BaseException) -> Problem:
    return Problem(
        "",
        f"the rule failed on this record ({type(error).__name__}: {error}); this is a bug in communique",
        "Please report it with this record attached.",
    )


class Checker:
    """What a share is checked with: the run's files, its store and its rules.

    Forked workers inherit it whole and only read it (the counts of a kept record's
    silences are the exception: the part carries them back).
    """

    def __init__(self, sources: list[SourceFile], targeted: list[bool], store: Store, across: list[AcrossRecords[Any]], record_rules: dict[Kind, list[Rule]]) -> None:
        self.sources = sources
        self.targeted = targeted
        self.store = store
        self.across = across
        self.collectors = {  # for each kind: (position, rule, whether it sees schema-invalid records)
            kind: [(position, rule, rule.every_record) for position, rule in enumerate(across) if kind in rule.kinds] for kind in KINDS
        }
        self.record_rules = {  # for each kind: (id, check, the top-level properties it reads or None)
            kind: [(rule.id, rule.check, rule.reads.get(kind) if rule.reads is not None else None) for rule in rules]
            for kind, rules in record_rules.items()
        }
        self.kept: list[tuple[int, Any, bool]] = []  # (number, record, valid) of the kept kinds' records
        self.silences: dict[int, Silences] = {}  # the kept records' silences, by number
        # whether the kept records are compacted (see Stored): worth it only when forked
        # workers will share them; in one process it would cost an encoding and a decoding
        # of every long text, for a dataset too small to need the memory
        self.compact_kept = False

    # --- the steps a worker runs ----------------------------------------------------------

    def load(self, share: Share) -> Part:
        """Parse and schema-check records of the kept kinds (valid ones compacted for the
        store when :attr:`compact_kept`)."""
        part = Part(self.across)
        loaded = []
        for number, start, end in share:
            source = self.sources[number]
            for document, record_number, valid in self._documents(number, source, start, end, part):
                loaded.append((record_number, (document.value, source.kind), valid))
        if not self.compact_kept:
            part.loaded = [(record_number, value[0], valid) for record_number, value, valid in loaded]
            return part
        stored = iter(compact([value for _, value, valid in loaded if valid]))
        part.loaded = [(record_number, next(stored) if valid else value[0], valid) for record_number, value, valid in loaded]
        return part

    def check_kept(self, span: tuple[int, int]) -> Part:
        """Record rules and facts of the kept records (numbered in the run), once all are in the store."""
        part = Part(self.across)
        store = self.store
        for number, value, valid in self.kept[span[0] : span[1]]:
            silences = self.silences.get(number)
            if silences is not None:  # counted here, in a worker: the part brings the counts back
                part.silences[number] = silences
            source, line, offset = store.where(number)
            self._check_record(number, source, line, offset, self.targeted[store.source_numbers[number]], None, value, valid, part)
        return part

    def check_streamed(self, share: Share) -> Part:
        """Everything about streamed records: parse, schema, record rules, facts."""
        part = Part(self.across)
        for number, start, end in share:
            source = self.sources[number]
            targeted = self.targeted[number]
            for document, record_number, valid in self._documents(number, source, start, end, part):
                self._check_record(record_number, source, document.line, document.offset, targeted, document, document.value, valid, part)
        return part

    # --- one share's records ------------------------------------------------------------

    def _documents(self, number: int, source: SourceFile, start: int, end: int | None, part: Part) -> Iterator[tuple[Document, int, bool]]:
        """The documents of one file (or part of one), with their numbers in the share and
        whether each is schema-valid, once their schema findings, file name and silences
        are taken; the findings of the texts that are not documents go to ``part``.

        The lines of a part of a JSON Lines file are numbered from 1: the part says how
        many it covers, and the run renumbers it once the parts before it are in.

        Nesting depth is checked on schema-invalid records only: the schemas bound the
        depth of valid ones (a test proves it), and the walk would cost more than the
        schema check itself.
        """
        targeted = self.targeted[number]
        part.files += targeted and start == 0
        if source.lines:
            part.lines = (number, 0)
        kind = source.kind
        is_valid = schema.validity(kind)
        new = part.new
        documents = 0
        for covered, items in parse_batches(source, start, end, check_depth=False):
            for item in items:
                if type(item) is not Document:
                    if targeted:
                        part.findings.append(item)  # type: ignore[arg-type]
                    continue
                value = item.value
                if is_valid(value):
                    valid = True
                elif too_deep := depth_findings(item):
                    if targeted:
                        part.findings.extend(too_deep)
                    continue
                else:  # valid still when it is valid in the older major version it names
                    problems = schema.issues(value, kind)
                    valid = not problems
                    if targeted:
                        for rule, problem in problems:
                            line, column = item.locate(problem.pointer, key=problem.at_key)
                            part.findings.append(finding(source, line, column, problem.pointer, rule, problem.message, problem.hint, item.record_id))
                documents += 1
                record_id = value.get("id") if type(value) is dict else None
                if type(record_id) is not str:
                    record_id = None
                record_number = len(new.sources)  # NewRecords.add, inlined: this runs for every record
                new.sources.append(number)
                new.lines.append(item.line)
                new.offsets.append(item.offset)
                if record_id is not None:
                    new.id_numbers.append(record_number)
                    new.ids.append(record_id)
                if record_id is not None:
                    if targeted and not source.lines and (problem := integrity.misnamed(record_id, source.expected_id)) is not None:  # type: ignore[arg-type]
                        line, column = item.locate(problem.pointer)
                        part.findings.append(finding(source, line, column, problem.pointer, integrity.FILENAME, problem.message, problem.hint, record_id))
                    if "silence" in value and (silences := Silences.of(value, valid)) is not None:
                        part.silences[record_number] = silences
                yield item, record_number, valid
            if source.lines and covered:
                part.lines = (number, covered)
        part.records += documents if targeted else 0

    def _check_record(
        self, number: int, source: SourceFile, line: int, offset: int, targeted: bool, document: Document | None, value: Any, valid: bool, part: Part
    ) -> None:
        """Record rules on one record (of a file checked in full), and its facts for the rules over many records."""
        record = value.record if type(value) is Stored else value  # references are never long texts
        if type(record) is not dict:  # not a JSON object: nothing to check beyond its schema finding
            return
        kind = source.kind
        problems: list[tuple[str, Report]] = []
        store = self.store
        known = store.known.get
        collections = part.collections
        for position, rule, every_record in self.collectors[kind]:
            if valid or every_record:
                try:
                    rule.collect(collections[position], number, value, kind, store, known)
                except Exception as error:  # a bug in a rule is a finding, never a traceback
                    problems.append((rule.rules[0], crash(error)))
        if targeted:  # schema-invalid too: every finding in one pass
            present = record.keys()
            for rule_id, check, reads in self.record_rules[kind]:
                if reads is not None and present.isdisjoint(reads):
                    continue
                try:
                    if found := check(value, store):  # type: ignore[misc]
                        for problem in found:
                            problems.append((rule_id, problem))
                except Exception as error:  # a bug in a rule is a finding, never a traceback
                    problems.append((rule_id, crash(error)))
        if problems:
            silences = part.silences.get(number)
            if silences is not None:
                problems = [(rule, problem) for rule, problem in problems if not silences.hides(rule)]
            if problems:
                part.findings.extend(locate(source, line, offset, problems, document))
