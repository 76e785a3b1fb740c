"""The validation engine: parse -> schema -> integrity -> record rules -> dataset rules.

Records of the kinds that references point at (actors, articles, treaties: read from
the schemas) are kept in memory, because statements are checked against them; their
long free texts (an article's body) are kept as UTF-8, half the size of a ``str`` that
holds one curly quote, in one blob per share (see :class:`_Stored`). Records of the
other kinds (statements) are streamed: each is checked and dropped, and only its id and
place (for ``id.duplicate``) remain, so a dataset of millions of statements in JSON
Lines is validated in bounded memory.

The streamed records are checked in shares (a batch of record files, or a part of a
JSON Lines file), each giving a :class:`_Part`: its findings and what the run must
merge (ids, references, keys of the rules over many records). On a large dataset, on
Linux, the shares go to worker processes forked once the kept records are loaded, so
the workers share them; the parts are merged in dataset order either way, so the
findings do not depend on how many processes ran.

A finding on a record whose text was dropped gets its line and column by re-reading
that one record (a file, or one line found by its byte offset): rare, and cheap.

With ``targets``, the pre-commit mode: the whole dataset is read (ids, references,
the records that rules look up), but only the target files are checked in full and
only their findings are reported.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Collection, Iterable, Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

from communique.findings import Finding, Severity
from communique.kinds import KINDS, Kind
from communique.parse import Document, bulk_loading, depth_findings, parse_batches, parse_text
from communique.read import SourceFile, TooLarge, discover, line_ranges, read_line_at, read_record
from communique.rules import integrity, schema, silencing
from communique.rules.base import LONG_TEXT, RULES, FirstKeys, Problem, RecordCheck, Rule
from communique.schemafields import fields

# A record's place, packed into one int to keep millions of them small:
# bits 0-23 the source file's index, 24-55 its line, 56- the byte offset of that line.
_SOURCE_BITS, _LINE_BITS = 24, 32
_SOURCE_MASK = (1 << _SOURCE_BITS) - 1

#: A dataset of at least this many bytes is checked by worker processes (when the
#: machine has more than one core and can fork); a smaller one is not worth starting them.
PARALLEL_MIN_BYTES = 32 * 1024 * 1024
#: About how many bytes of data one share holds.
SHARE_BYTES = 8 * 1024 * 1024
#: About the size of one record file: what it counts for, unmeasured, in a share.
RECORD_FILE_BYTES = 1024
_KEPT_SHARE = 20_000  # kept records per share of their rule checks


def _handle(source_index: int, line: int, offset: int) -> int:
    return source_index | (line << _SOURCE_BITS) | (offset << (_SOURCE_BITS + _LINE_BITS))


def _unpack(handle: int) -> tuple[int, int, int]:
    return (
        handle & _SOURCE_MASK,
        (handle >> _SOURCE_BITS) & ((1 << _LINE_BITS) - 1),
        handle >> (_SOURCE_BITS + _LINE_BITS),
    )


def _absolute(path: Path) -> str:
    """A file's path with its folder resolved but not the file itself (it may be a link)."""
    return os.path.join(os.path.realpath(os.path.abspath(path.parent)), path.name)


def _severity(rule: str) -> Severity:
    known = RULES.get(rule)
    return known.severity if known else Severity.ERROR


@cache
def _free_texts(kind: Kind) -> frozenset[str]:
    """The top-level fields of free text (the shared ``text`` definition): what may be long."""
    return frozenset(field.path[0] for field in fields(kind.name) if len(field.path) == 1 and "text" in field.defs)


class _Stored(Mapping[str, Any]):
    """A kept record whose long free texts live, as UTF-8, in one blob shared by its share.

    The record holds ``(start, end)`` in the blob for each such text (a tuple: JSON gives
    none); reading the text slices it out as ``bytes`` (see
    :meth:`communique.rules.base.Index.get`). Why: a worker process that reads a text of
    its own ``bytes`` object writes that object's reference count, and the kernel copies
    the page it sits on; an article's body is a page or more, so every article a worker
    looked up cost a page copy. A blob is one object, touched on one page.
    """

    __slots__ = ("record", "blob")

    def __init__(self, record: dict[str, Any], blob: bytes) -> None:
        self.record = record
        self.blob = blob

    def __getitem__(self, key: str) -> Any:
        value = self.record[key]
        return self.blob[value[0] : value[1]] if type(value) is tuple else value

    def get(self, key: str, default: Any = None) -> Any:
        value = self.record.get(key, default)
        return self.blob[value[0] : value[1]] if type(value) is tuple else value

    def __contains__(self, key: object) -> bool:  # Mapping's own would slice the text out
        return key in self.record

    def __iter__(self) -> Iterator[str]:
        return iter(self.record)

    def __len__(self) -> int:
        return len(self.record)


def _compact(records: list[tuple[dict[str, Any], Kind]]) -> list[Mapping[str, Any]]:
    """The records, each with its long free texts moved to one blob of UTF-8 (see :class:`_Stored`)."""
    texts: list[bytes] = []
    size = 0
    compacted: list[tuple[dict[str, Any], bool]] = []
    for record, kind in records:
        moved = False
        for name in _free_texts(kind):
            text = record.get(name)
            if type(text) is str and len(text) > LONG_TEXT:
                encoded = text.encode("utf-8")
                record[name] = (size, size + len(encoded))
                texts.append(encoded)
                size += len(encoded)
                moved = True
        compacted.append((record, moved))
    blob = b"".join(texts)
    return [_Stored(record, blob) if moved else record for record, moved in compacted]


class _Index:
    """Schema-valid records of the kept kinds, by kind and id: what record rules look up."""

    def __init__(self) -> None:
        self.records: dict[str, dict[str, Mapping[str, Any]]] = {kind.name: {} for kind in KINDS}

    def get(self, kind: str, record_id: str) -> Mapping[str, Any] | None:
        return self.records[kind].get(record_id)


class _Silences:
    """One record's ``silence`` entries and how many findings each has hidden."""

    __slots__ = ("handle", "entries", "hidden", "judged")

    def __init__(self, handle: int, entries: list[tuple[int, str, str]], judged: bool) -> None:
        self.handle = handle
        self.entries = entries  # (position in the list, rule, reason)
        self.hidden = [0] * len(entries)
        # On a schema-invalid record the silences still hide their rules' findings (a typo
        # elsewhere must not undo a written exemption), but the rules over many records do
        # not run there, so an entry that hid nothing is not judged unused or invalid yet.
        self.judged = judged

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


class _Part:
    """What checking some records gives: their findings, and what the run must merge."""

    __slots__ = ("findings", "ids", "handles", "pending_refs", "referenced", "actors", "silences", "keys", "files", "records", "lines", "loaded")

    def __init__(self) -> None:
        self.findings: list[Finding] = []
        self.ids: list[str] = []  # the id of each record with one, in order ...
        self.handles: list[int] = []  # ... and its handle
        self.pending_refs: list[tuple[int, str, str, str, str]] = []  # references to ids not known when checked
        self.referenced: set[str] = set()  # the actors referred to
        self.actors: list[tuple[str, int]] = []  # (id, handle) of every actor record
        self.silences: dict[int, _Silences] = {}
        # for each rule over many records, its keys in order: (record ids, keys)
        self.keys: list[tuple[list[str], list[Any]]] = [([], []) for _ in _dataset_rules()]
        self.files = 0
        self.records = 0
        self.lines: tuple[int, int] | None = None  # (source number, lines covered) of a part of a JSON Lines file
        self.loaded: list[tuple[int, Any, bool]] = []  # (handle, record, valid) of the kept kinds' records

    def renumber(self, lines: int) -> None:
        """Make line numbers counted from the part's first line the file's: ``lines`` came before."""
        if not lines:
            return
        shift = lines << _SOURCE_BITS  # a handle's line, moved on
        self.findings = [finding if finding.line is None else replace(finding, line=finding.line + lines) for finding in self.findings]
        self.handles = [handle + shift for handle in self.handles]
        self.pending_refs = [(handle + shift, *rest) for handle, *rest in self.pending_refs]  # type: ignore[misc]
        self.actors = [(record_id, handle + shift) for record_id, handle in self.actors]
        for silences in self.silences.values():
            silences.handle += shift
        self.silences = {silences.handle: silences for silences in self.silences.values()}
        self.loaded = [(handle + shift, record, valid) for handle, record, valid in self.loaded]


#: The run a forked worker checks its shares of (set in the parent before forking).
_RUN: Validation | None = None


def _in_worker(task: tuple[str, Any]) -> Any:
    name, share = task
    return getattr(_RUN, name)(share)


def _dataset_rules() -> list[Rule]:
    """The rules over many records, in a fixed order: a part's keys are listed in it."""
    return [rule for rule in RULES.values() if rule.keys is not None]


def _workers() -> int:
    """How many worker processes may run: one per usable core, where processes can fork."""
    if sys.platform != "linux" or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return len(os.sched_getaffinity(0))


class Validation:
    """One run of the validator over a dataset folder; iterate :meth:`findings`.

    ``targets``: the files (absolute, resolved paths) to check in the context of the
    whole dataset; None checks every file.
    """

    def __init__(self, dataset_dir: Path, targets: Collection[Path] | None = None) -> None:
        self.dataset_dir = Path(os.path.realpath(dataset_dir))
        self.targets = None if targets is None else {_absolute(Path(path)) for path in targets}
        self.sources: list[SourceFile] = []
        self.source_kinds: list[str] = []  # the kind's name of each source
        self.files_checked = 0
        self.records_checked = 0
        self.targeted: list[bool] = []
        self.index = _Index()
        self.ids: dict[str, int] = {}  # every record id -> the handle of its first record
        self.referenced: set[str] = set()  # every id some record refers to (for orphans)
        self.actors: list[tuple[str, int]] = []  # (id, handle) of every actor record
        self.silences: dict[int, _Silences] = {}
        self.deferred: list[tuple[int, Problem | _Repeat, str]] = []  # (handle, problem, rule) to locate at the end
        self.pending_refs: list[tuple[int, str, str, str, str]] = []  # unresolved references
        self.kept: list[tuple[int, Any, bool]] = []  # (handle, value, valid) of the kept kinds' records
        self.lines_before: dict[int, int] = {}  # source number -> lines of the parts of it merged so far
        kept = integrity.referenced_kinds()
        self.record_rules: dict[str, list[tuple[str, RecordCheck, frozenset[str] | None]]] = {  # (id, check, reads) of each kind's rules
            kind.name: [
                (rule.id, rule.check, rule.reads[kind.name] if rule.reads is not None else None)
                for rule in RULES.values()
                if rule.check is not None and kind.name in rule.kinds
            ]
            for kind in KINDS
        }
        dataset_rules = _dataset_rules()
        self.first_keys = [FirstKeys(rule) for rule in dataset_rules]
        self.keyed: dict[str, list[tuple[int, Rule]]] = {  # (number, rule) of each kind's rules over many records
            kind.name: [(number, rule) for number, rule in enumerate(dataset_rules) if kind.name in rule.kinds]
            for kind in KINDS
        }
        self.kept_kinds = [kind for kind in KINDS if kind.name in kept]
        self.streamed_kinds = [kind for kind in KINDS if kind.name not in kept]
        self.workers = _workers()

    # --- the run ---------------------------------------------------------------------

    def findings(self) -> Iterator[Finding]:
        """Every finding, as the run produces them (group or sort them to show them)."""
        with bulk_loading():  # a bulk dataset's listing alone may be a million objects
            listing = discover(self.dataset_dir, self.targets)
            self.sources = listing.sources
            yield from listing.findings
            self.source_kinds = [source.kind.name for source in self.sources]
            self.targeted = [self.targets is None or source.path in self.targets for source in self.sources]
            parallel = self._parallel()
            for part in self._run_shares(parallel, "_load_share", self._shares(self.kept_kinds)):
                yield from self._merge(part)
                for handle, value, valid in part.loaded:
                    if valid:
                        self.index.records[self.sources[handle & _SOURCE_MASK].kind.name].setdefault(value["id"], value)
                    self.kept.append((handle, value, valid))
            shares = [("_check_kept", (start, start + _KEPT_SHARE)) for start in range(0, len(self.kept), _KEPT_SHARE)]
            shares += [("_check_share", share) for share in self._shares(self.streamed_kinds)]  # type: ignore[misc]
            for part in self._run_shares(parallel, None, shares):
                yield from self._merge(part)
            self.kept = []
        self._resolve_references()
        self._find_orphans()
        yield from self._locate_deferred()
        yield from self._silence_findings()

    def _parallel(self) -> bool:
        """Whether the dataset is large enough to be worth worker processes.

        A record file counts as :data:`RECORD_FILE_BYTES` without a system call (a
        pre-commit run in a dataset of ten thousand files would spend a tenth of its
        time asking their sizes); a JSON Lines file by its size.
        """
        if self.workers < 2:
            return False
        total = 0
        for source in self.sources:
            if not source.lines:
                total += RECORD_FILE_BYTES
            else:
                try:
                    total += os.stat(source.path).st_size
                except OSError:
                    continue
            if total >= PARALLEL_MIN_BYTES:
                return True
        return False

    def _shares(self, kinds: list[Kind]) -> Iterator[list[tuple[int, int, int | None]]]:
        """The files of these kinds in dataset order, in shares of about :data:`SHARE_BYTES`:
        each a list of ``(source number, start, end)``; a part of a JSON Lines file is a
        share of its own."""
        share: list[tuple[int, int, int | None]] = []
        size = 0
        for kind in kinds:
            for number, source in enumerate(self.sources):
                if source.kind is not kind:
                    continue
                if source.lines:
                    try:  # a file not much over a share is one, without reading it through here
                        small = os.stat(source.path).st_size <= SHARE_BYTES * 3 // 2
                    except OSError:  # parse_file reports it
                        small = True
                    # cut as the shares are handed out: the workers start on the first at once
                    ranges = [(0, None)] if small else line_ranges(source, SHARE_BYTES)
                    for start, end in ranges:
                        if share:
                            yield share
                        yield [(number, start, end)]
                        share, size = [], 0
                    continue
                share.append((number, 0, None))
                size += RECORD_FILE_BYTES  # without a system call per file
                if size >= SHARE_BYTES:
                    yield share
                    share, size = [], 0
        if share:
            yield share

    def _run_shares(self, parallel: bool, method: str | None, shares: Iterable[Any]) -> Iterator[Any]:
        """What ``method`` gives for each share (or each ``(method, share)``), in order:
        computed by worker processes forked now, or in this one."""
        tasks = ((method, share) for share in shares) if method else shares
        if not parallel:
            for name, share in tasks:
                yield getattr(self, name)(share)
            return
        global _RUN
        _RUN = self
        try:  # an executor, not a Pool: a worker that dies (out of memory) is an error, not a hang
            with ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("fork")) as pool:
                yield from pool.map(_in_worker, tasks)
        finally:
            _RUN = None

    def _load_share(self, share: list[tuple[int, int, int | None]]) -> _Part:
        """Parse and schema-check records of the kept kinds; valid ones are compacted for the index."""
        part = _Part()
        loaded = []
        for number, start, end in share:
            source = self.sources[number]
            kind = source.kind
            for document, handle, valid in self._documents(number, source, start, end, part):
                self._check_document(number, kind, document, handle, valid, part)
                loaded.append((handle, (document.value, kind), valid))
        valid_records = _compact([value for _, value, valid in loaded if valid])
        stored = iter(valid_records)
        part.loaded = [(handle, next(stored) if valid else value[0], valid) for handle, value, valid in loaded]
        return part

    def _check_kept(self, span: tuple[int, int]) -> _Part:
        """References, rules and keys of the kept records, once all of them are in the index."""
        part = _Part()
        for handle, value, valid in self.kept[span[0] : span[1]]:
            silences = self.silences.get(handle)
            if silences is not None:  # counted here, in a worker: the part brings the counts back
                part.silences[handle] = silences
            self._check_record(handle, self.sources[handle & _SOURCE_MASK].kind, value, valid, part)
        return part

    def _check_share(self, share: list[tuple[int, int, int | None]]) -> _Part:
        """Everything about streamed records: parse, schema, references, rules, keys."""
        part = _Part()
        for number, start, end in share:
            source = self.sources[number]
            kind = source.kind
            for document, handle, valid in self._documents(number, source, start, end, part):
                self._check_document(number, kind, document, handle, valid, part)
                self._check_record(handle, kind, document.value, valid, part)
        return part

    def _documents(self, number: int, source: SourceFile, start: int, end: int | None, part: _Part) -> Iterator[tuple[Document, int, bool]]:
        """The documents of one file (or part of one), with their handles and whether each
        is schema-valid; the findings of the texts that are not documents go to ``part``.

        The lines of a part of a JSON Lines file are numbered from 1: the part says how
        many it covers, and :meth:`_merge` renumbers it once the parts before it are in.

        Nesting depth is checked on schema-invalid records only: the schemas bound the
        depth of valid ones (a test proves it), and the walk would cost more than the
        schema check itself.
        """
        targeted = self.targeted[number]
        part.files += targeted and start == 0
        if source.lines:
            part.lines = (number, 0)
        is_valid = schema.validity(source.kind)
        documents = 0
        for covered, items in parse_batches(source, start, end, check_depth=False):
            for item in items:
                if type(item) is Document:
                    if is_valid(item.value):
                        valid = True
                    elif too_deep := depth_findings(item):
                        if targeted:
                            part.findings.extend(too_deep)
                        continue
                    else:
                        valid = False
                    documents += 1
                    yield item, _handle(number, item.line, item.offset), valid
                elif targeted:
                    part.findings.append(item)  # type: ignore[arg-type]
            if source.lines and covered:
                part.lines = (number, covered)
        part.records += documents if targeted else 0

    # --- one record --------------------------------------------------------------------

    def _check_document(self, number: int, kind: Kind, document: Document, handle: int, valid: bool, part: _Part) -> None:
        """Schema findings (``valid``: whether it is schema-valid) and ids of a freshly parsed record."""
        value = document.value
        targeted = self.targeted[number]
        if targeted and not valid:
            for issue in schema.issues(value, kind):
                line, column = document.locate(issue.pointer, key=issue.at_key)
                part.findings.append(self._finding(document.source, line, column, issue.pointer, issue.rule, issue.message, issue.hint, document.record_id))
        if type(value) is not dict or type(record_id := value.get("id")) is not str:
            return
        part.ids.append(record_id)
        part.handles.append(handle)
        source = document.source
        if targeted and not source.lines and record_id != (expected := source.expected_id):
            problem = integrity.filename(record_id, expected)  # type: ignore[arg-type]
            line, column = document.locate(problem.pointer)
            part.findings.append(self._finding(source, line, column, problem.pointer, integrity.FILENAME, problem.message, problem.hint, record_id))
        if "silence" in value and (entries := _silence_entries(value)):
            part.silences[handle] = _Silences(handle, entries, valid)

    def _check_record(self, handle: int, kind: Kind, value: Any, valid: bool, part: _Part) -> None:
        """References, record rules and the keys of rules over many records, for one record."""
        record = value.record if type(value) is _Stored else value  # references are never long texts
        if type(record) is not dict:  # not a JSON object: nothing to check beyond its schema finding
            return
        name = kind.name
        own_id = record.get("id")
        if name == "actor" and type(own_id) is str:
            part.actors.append((own_id, handle))
        targeted = self.targeted[handle & _SOURCE_MASK]
        problems: list[tuple[str, Problem]] = []
        references = integrity.references(kind, record)
        if references:
            ids, source_kinds = self.ids, self.source_kinds
            for pointer, target, record_id in references:
                if target == "actor" and record_id != own_id:
                    part.referenced.add(record_id)
                if targeted:
                    other = ids.get(record_id)
                    if other is None:
                        part.pending_refs.append((handle, pointer, target, record_id, name))
                    elif (actual := source_kinds[other & _SOURCE_MASK]) != target:
                        problems.append((integrity.WRONG_KIND, integrity.wrong_kind(pointer, target, record_id, actual)))
        if valid:
            for number, rule in self.keyed[name]:
                try:
                    keys = rule.keys(value)  # type: ignore[misc]
                    if keys:  # only the keys go back: a repeat's pointer and detail are found again then
                        record_ids, found = part.keys[number]
                        for key, _, _ in keys:
                            record_ids.append(own_id)  # type: ignore[arg-type]
                            found.append(key)
                except Exception as error:  # a bug in a rule is a finding, never a traceback
                    problems.append((rule.id, _crash_problem(error)))
        if targeted:  # schema-invalid too: every finding in one pass
            index = self.index
            present = record.keys()
            for rule_id, check, reads in self.record_rules[name]:
                if reads is not None and present.isdisjoint(reads):
                    continue
                try:
                    if found_problems := check(value, index):
                        for problem in found_problems:
                            problems.append((rule_id, problem))
                except Exception as error:  # a bug in a rule is a finding, never a traceback
                    problems.append((rule_id, _crash_problem(error)))
        if problems:
            silences = part.silences.get(handle)
            part.findings.extend(self._locate(handle, [(rule, problem) for rule, problem in problems if not _hides(silences, rule)]))

    # --- merging what the records gave ---------------------------------------------------

    def _merge_ids(self, part: _Part) -> Iterator[Finding]:
        """Record the part's ids; a repeated one is an ``id.duplicate`` finding."""
        # one look-up per id, at C speed: each id's first handle, which is its own unless repeated
        firsts = list(map(self.ids.setdefault, part.ids, part.handles))
        if firsts != part.handles:
            for record_id, handle, first in zip(part.ids, part.handles, firsts):
                if first != handle and self.targeted[handle & _SOURCE_MASK]:
                    problem = integrity.duplicate(record_id, self.sources[first & _SOURCE_MASK].kind.name, self._place(first))
                    yield from self._locate(handle, [(integrity.DUPLICATE, problem)])
        part.ids, part.handles = [], []

    def _merge(self, part: _Part) -> Iterator[Finding]:
        """Everything a part gave, in the order of the dataset."""
        if part.lines is not None:
            number, covered = part.lines
            before = self.lines_before.get(number, 0)
            part.renumber(before)
            self.lines_before[number] = before + covered
        yield from part.findings
        yield from self._merge_ids(part)
        self.files_checked += part.files
        self.records_checked += part.records
        self.pending_refs.extend(part.pending_refs)
        self.referenced.update(part.referenced)
        self.actors.extend(part.actors)
        self.silences.update(part.silences)
        for first_keys, (record_ids, keys) in zip(self.first_keys, part.keys):
            for position, earlier in first_keys.add(record_ids, keys):
                handle = self.ids.get(record_ids[position])
                if handle is not None:
                    self._defer(handle, _Repeat(first_keys.rule, keys[position], earlier), first_keys.rule.id)

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

    def _defer(self, handle: int, problem: Problem | _Repeat, rule: str) -> None:
        if self.targeted[_unpack(handle)[0]] and not _hides(self.silences.get(handle), rule):
            self.deferred.append((handle, problem, rule))

    def _locate_deferred(self) -> Iterator[Finding]:
        by_record: dict[int, list[tuple[str, Problem | _Repeat]]] = {}
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
                if not silences.judged and not (hidden and rule in RULES and not rule.startswith(silencing.UNSILENCEABLE)):
                    continue
                if rule not in RULES or rule.startswith(silencing.UNSILENCEABLE):
                    why = "no rule has this id" if rule not in RULES else "rules of this layer cannot be silenced"
                    found.append((silencing.INVALID, Problem(f"{pointer}/rule", f'the silenced rule "{rule}" is not valid: {why}', "Copy the rule id exactly as the validator prints it, or fix the record instead.")))
                elif hidden:
                    found.append((silencing.APPLIED, Problem(pointer, f"{rule} is silenced here ({hidden} finding{'s' if hidden != 1 else ''} hidden): {reason}", "")))
                else:
                    found.append((silencing.UNUSED, Problem(pointer, f"{rule} is silenced here but finds nothing to silence", "Remove this entry from the record's silence list.")))
            yield from self._locate(silences.handle, found)

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

    def _locate(self, handle: int, problems: Iterable[tuple[str, Problem | _Repeat]]) -> Iterator[Finding]:
        problems = list(problems)
        if not problems:
            return
        number, line, _ = _unpack(handle)
        source = self.sources[number]
        document = self._reread(handle)
        record_id = document.record_id if document is not None else None
        for rule, found in problems:
            problem = found.problem(document.value if document is not None else None) if type(found) is _Repeat else found
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


class _Repeat:
    """A key of a rule over many records that an earlier record has. Workers send back
    only the keys (a million statements' pointers and details would be most of what
    they send); the problem is made from the record when it is re-read for its place."""

    __slots__ = ("rule", "key", "earlier")

    def __init__(self, rule: Rule, key: Any, earlier: str) -> None:
        self.rule = rule
        self.key = key
        self.earlier = earlier

    def problem(self, value: Any) -> Problem:
        """The problem, from the re-read record (None when it can no longer be read)."""
        if value is not None:
            for key, pointer, detail in self.rule.keys(value):  # type: ignore[misc]
                if key == self.key:
                    return self.rule.problem(self.earlier, pointer, detail)  # type: ignore[misc]
        return Problem("", f"repeats a key of record {self.earlier}, but the record changed while it was checked", "Validate again.")


def _hides(silences: _Silences | None, rule: str) -> bool:
    """Whether the record's silences hide a finding of ``rule`` (and count it)."""
    return silences is not None and not rule.startswith(silencing.UNSILENCEABLE) and silences.hides(rule)


def _crash_problem(error: BaseException) -> Problem:
    return Problem(
        "",
        f"the rule failed on this record ({type(error).__name__}: {error}); this is a bug in communique",
        "Please report it with this record attached.",
    )


def validate(dataset_dir: Path, targets: Collection[Path] | None = None) -> Iterator[Finding]:
    """Every finding of the dataset (or, with ``targets``, of those files within it)."""
    return Validation(dataset_dir, targets).findings()

