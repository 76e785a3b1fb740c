"""The rule interface: every rule has an id, a severity, the kinds it applies to and a docstring.

Each rule's docstring is its documentation, published in the rule catalogue: the first
line says what it checks; the rest says why, how to fix a finding, and gives an example.

There are two shapes of rule, and the engine knows nothing else about them:

* a **record rule** (:func:`record_rule`) looks at one record, with the dataset's
  :class:`Index` for lookups, and returns :class:`Problem`\\ s;
* a **rule over many records** (:class:`AcrossRecords`, registered with
  :func:`across_rule`) keeps its own state, as a frictionless check does over rows: it
  *collects* small facts from each record where the record is checked (in a worker
  process, for a large dataset), *merges* each share's facts in dataset order, and
  *finishes* once every record is in, naming the records that break it.

The engine turns each problem into a :class:`~communique.findings.Finding` with the
file, line and column of the problem's pointer.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar, Generic, Protocol, TypeVar

from communique.findings import Severity
from communique.kinds import ACTOR, ARTICLE, EVENT, KINDS, TREATY, Kind


@dataclass(frozen=True, slots=True)
class Problem:
    """What a rule found in one record: where (a JSON pointer into the record) and what."""

    pointer: str
    message: str
    hint: str = ""
    at_key: bool = False  # the pointer names a member whose name, not value, is the problem (an unknown field)


#: The kinds whose records record rules look up whole (:meth:`Index.get`): the engine
#: reads them first and keeps them. Every other kind is streamed, referenced or not
#: (statements, by the million): whether a reference names a record of it, of the right
#: kind, is settled once every id is in (``ref.*``), and a rule that compares two of its
#: records collects the few facts it needs as a rule over many records
#: (``meaning.response-date`` does, with each statement's date).
LOOKED_UP: frozenset[Kind] = frozenset({ACTOR, ARTICLE, EVENT, TREATY})


class Index(Protocol):
    """What a rule may ask of the dataset beyond the record in hand."""

    def get(self, kind: Kind, record_id: str) -> Mapping[str, Any] | None:
        """The schema-valid record (a JSON object) of that kind (one of :data:`LOOKED_UP`)
        and id, or None when there is none.

        Every text in it is a ``str``, as in the record a rule checks.
        """


RecordCheck = Callable[[Mapping[str, Any], Index], Iterable[Problem]]


class Dataset(Protocol):
    """What a rule over many records may ask of the whole dataset once every record is in."""

    def kind_of(self, record_id: str) -> Kind | None:
        """The kind of the first record with this id, or None when no record has it."""

    def number_of(self, record_id: str) -> int | None:
        """The number of the first record with this id, or None when no record has it."""

    def repeated_ids(self) -> Iterator[tuple[str, list[int]]]:
        """Each id that more than one record has, with those records' numbers."""

    def ids(self, kind: Kind) -> Iterable[str]:
        """The ids of the records of one kind (for suggestions)."""

    def place(self, number: int) -> str:
        """Where record ``number`` is, as a finding's message names it: ``file`` or ``file, line N``."""

    def kind(self, number: int) -> Kind:
        """The kind of record ``number``."""

    def unread(self, kind: Kind) -> bool:
        """Whether a file of that kind gave no record at all (it did not parse)."""


#: A problem found once every record is in: ready, or made from the record when the
#: engine reads it again for its place (a worker sends back only small facts, never the
#: text a message quotes). It gets the record's value, or None when it can no longer be read.
Report = Problem | Callable[[Any], Problem]

P = TypeVar("P")


class AcrossRecords(Generic[P]):
    """A rule (or a few rules sharing their facts) over many records.

    One instance per run. :meth:`collect` runs where a record is checked, possibly in a
    forked worker: it only adds to the share's collection ``P`` (small and picklable;
    keys equal in every process, so never ``hash()`` of a text), and may read the
    :class:`Index` and ``known``, the kinds of the ids known when checking began.
    :meth:`merge` and :meth:`finish` run in the main process, shares in dataset order,
    so what is found never depends on how many processes ran.

    Records are named by their number in the run (dataset order, from 0). Subclasses set
    ``rules`` (the ids they report, registered from the class with :func:`across_rule`),
    ``kinds`` (the kinds they collect from) and ``every_record`` (True to see
    schema-invalid records as well).
    """

    rules: ClassVar[tuple[str, ...]] = ()
    kinds: ClassVar[tuple[Kind, ...]] = ()
    every_record: ClassVar[bool] = False

    def collection(self) -> P:
        """An empty collection for one share."""
        raise NotImplementedError

    def collect(self, collection: P, number: int, record: Mapping[str, Any], kind: Kind, index: Index, known: Callable[[str], Kind | None]) -> None:
        """Add what ``record`` (a JSON object) says to the share's ``collection``."""
        raise NotImplementedError

    def merge(self, collection: P, offset: int) -> None:
        """Take in one share's collection; its record numbers are counted from ``offset``."""
        raise NotImplementedError

    def finish(self, dataset: Dataset) -> Iterator[tuple[int, str, Report]]:
        """``(record number, rule id, problem)`` for every record that breaks a rule."""
        raise NotImplementedError

    def problems_in(self, records: Iterable[tuple[Kind, Mapping[str, Any]]]) -> Iterator[tuple[int, str, Problem]]:
        """``(record number, rule id, problem)`` for the records ``(kind, record)`` held in
        memory, all in one share: the rule without the engine (its reports made from the records)."""
        held = list(records)
        collection = self.collection()
        dataset = _Held(held)
        for number, (kind, record) in enumerate(held):
            if kind in self.kinds:
                self.collect(collection, number, record, kind, _NO_INDEX, dataset.kind_of)
        self.merge(collection, 0)
        for number, rule, report in self.finish(dataset):
            yield number, rule, report if isinstance(report, Problem) else report(held[number][1])


#: A uniqueness rule's keys of one record, each ``(key, pointer, detail)``.
UniqueKeys = Callable[[Mapping[str, Any]], Iterable[tuple[Hashable, str, str]]]
#: ``problem(earlier record's id, pointer, detail)``: what a repeated key is reported as.
RepeatProblem = Callable[[str, str, str], Problem]


class _Keys:
    """A share's keys of a uniqueness rule: ``(record number, record id, key)``."""

    __slots__ = ("numbers", "ids", "keys")

    def __init__(self) -> None:
        self.numbers: list[int] = []
        self.ids: list[str] = []
        self.keys: list[Hashable] = []


class Unique(AcrossRecords[_Keys]):
    """The commonest rule over many records: no two schema-valid records share a key.

    The first record of each key stands; each later one gets the problem, made when the
    record is read again for its place (``keys`` runs again there, for pointer and detail).
    """

    def __init__(self, rule: str, kinds: tuple[Kind, ...], keys: UniqueKeys, problem: RepeatProblem) -> None:
        self.rules = (rule,)
        self.kinds = kinds
        self.keys = keys
        self.problem = problem
        self.first: dict[Hashable, str] = {}  # key -> the id of the first record with it
        self.repeats: list[tuple[int, Hashable, str]] = []  # (record number, key, earlier record's id)

    def collection(self) -> _Keys:
        return _Keys()

    def collect(self, collection: _Keys, number: int, record: Mapping[str, Any], kind: Kind, index: Index, known: Callable[[str], Kind | None]) -> None:
        record_id = record.get("id")
        for key, _, _ in self.keys(record):
            collection.numbers.append(number)
            collection.ids.append(record_id)  # type: ignore[arg-type]
            collection.keys.append(key)

    def merge(self, collection: _Keys, offset: int) -> None:
        # one look-up per key, at C speed: each key's first record, which is its own unless repeated
        ids = collection.ids
        earliest = list(map(self.first.setdefault, collection.keys, ids))
        if earliest != ids:
            for number, record_id, key, earlier in zip(collection.numbers, ids, collection.keys, earliest):
                if earlier != record_id:
                    self.repeats.append((number + offset, key, earlier))

    def finish(self, dataset: Dataset) -> Iterator[tuple[int, str, Report]]:
        for number, key, earlier in self.repeats:
            yield number, self.rules[0], lambda value, key=key, earlier=earlier: self._problem(value, key, earlier)

    def _problem(self, value: Any, key: Hashable, earlier: str) -> Problem:
        if value is not None:
            for found, pointer, detail in self.keys(value):
                if found == key:
                    return self.problem(earlier, pointer, detail)
        return Problem("", f"repeats a key of record {earlier}, but the record changed while it was checked", "Validate again.")

    def repeats_in(self, records: Iterable[Mapping[str, Any]]) -> Iterator[tuple[str, Problem]]:
        """``(record id, problem)`` for each record of ``records`` (in order) that repeats a
        key: the rule on records held in memory, without the engine."""
        for number, record in enumerate(records):
            if isinstance(record.get("id"), str):
                collection = self.collection()
                self.collect(collection, number, record, self.kinds[0], _NO_INDEX, _unknown)
                start = len(self.repeats)
                self.merge(collection, 0)
                for _, key, earlier in self.repeats[start:]:
                    yield record["id"], self._problem(record, key, earlier)


class _NoIndex:
    def get(self, kind: Kind, record_id: str) -> None:
        return None


_NO_INDEX = _NoIndex()


class _Held:
    """The :class:`Dataset` of records held in memory (see :meth:`AcrossRecords.problems_in`)."""

    def __init__(self, records: list[tuple[Kind, Mapping[str, Any]]]) -> None:
        self.records = records
        self.holders: dict[str, list[int]] = {}  # id -> the numbers of the records with it
        for number, (_, record) in enumerate(records):
            if isinstance(record.get("id"), str):
                self.holders.setdefault(record["id"], []).append(number)
        self.first = {record_id: numbers[0] for record_id, numbers in self.holders.items()}

    def kind_of(self, record_id: str) -> Kind | None:
        number = self.first.get(record_id)
        return None if number is None else self.records[number][0]

    def number_of(self, record_id: str) -> int | None:
        return self.first.get(record_id)

    def repeated_ids(self) -> Iterator[tuple[str, list[int]]]:
        return ((record_id, numbers) for record_id, numbers in self.holders.items() if len(numbers) > 1)

    def ids(self, kind: Kind) -> Iterator[str]:
        return (record_id for record_id, number in self.first.items() if self.records[number][0] is kind)

    def place(self, number: int) -> str:
        return f"record {number}"

    def kind(self, number: int) -> Kind:
        return self.records[number][0]

    def unread(self, kind: Kind) -> bool:
        return False  # records in memory were all read


def _unknown(record_id: str) -> None:
    return None


@dataclass(frozen=True)
class Rule:
    """One entry of the rule catalogue."""

    id: str  # namespaced by layer: json.*, schema.*, id.*, ref.*, meaning.*, silence.*
    severity: Severity
    kinds: tuple[Kind, ...]  # the kinds of record it applies to; () for file-level rules
    doc: str
    check: RecordCheck | None = None  # a record rule's check
    # a record rule that looks only at some fields: by kind, the top-level properties
    # they sit under; the engine skips the rule on a record that has none of them
    reads: Mapping[Kind, frozenset[str]] | None = None
    across: Callable[[], AcrossRecords[Any]] | None = None  # a rule over many records: a fresh instance for a run

    @property
    def summary(self) -> str:
        return self.doc.splitlines()[0] if self.doc else ""

    @property
    def kind_names(self) -> tuple[str, ...]:
        return tuple(kind.name for kind in self.kinds)


RULES: dict[str, Rule] = {}


def _add(rule: Rule) -> Rule:
    if rule.id in RULES:
        raise ValueError(f"rule {rule.id} registered twice")
    RULES[rule.id] = rule
    return rule


def register(
    rule_id: str, severity: Severity, *, kinds: tuple[Kind, ...] = (), doc: str = "", across: Callable[[], AcrossRecords[Any]] | None = None
) -> Rule:
    """Register a rule documented by ``doc``: one of the engine's own steps (parsing, the
    schema), or one of the rules that the :class:`AcrossRecords` class ``across`` reports."""
    return _add(Rule(rule_id, severity, kinds, inspect.cleandoc(doc), across=across))


def record_rule(
    rule_id: str, severity: Severity, *, kinds: tuple[Kind, ...], reads: Mapping[Kind, frozenset[str]] | None = None
) -> Callable[[RecordCheck], RecordCheck]:
    """Decorator: register ``check`` as the record rule ``rule_id``; its docstring documents it.

    ``reads``: for a rule that finds nothing in a record without certain fields, those
    fields' top-level properties by kind (see :attr:`Rule.reads`): the engine then
    skips the rule, with one test, on the many records that have none of them.
    """

    def decorate(check: RecordCheck) -> RecordCheck:
        _add(Rule(rule_id, severity, kinds, inspect.cleandoc(check.__doc__ or ""), check=check, reads=reads))
        return check

    return decorate


A = TypeVar("A", bound=type)


def across_rule(rule_id: str, severity: Severity) -> Callable[[A], A]:
    """Class decorator: register an :class:`AcrossRecords` subclass as the rule ``rule_id``,
    documented by the class's docstring; the engine makes one instance per run."""

    def decorate(cls: A) -> A:
        if cls.rules != (rule_id,):  # type: ignore[attr-defined]
            raise ValueError(f"{cls.__name__}.rules must be ({rule_id!r},)")
        _add(Rule(rule_id, severity, cls.kinds, inspect.cleandoc(cls.__doc__ or ""), across=cls))  # type: ignore[attr-defined]
        return cls

    return decorate


def unique_rule(rule_id: str, severity: Severity, *, kinds: tuple[Kind, ...], problem: RepeatProblem) -> Callable[[UniqueKeys], UniqueKeys]:
    """Decorator: register ``keys`` as the uniqueness rule ``rule_id`` (see :class:`Unique`),
    reporting ``problem``; its docstring documents it. Keys must be equal in every
    process: never ``hash()`` of a text."""

    def decorate(keys: UniqueKeys) -> UniqueKeys:
        _add(Rule(rule_id, severity, kinds, inspect.cleandoc(keys.__doc__ or ""), across=lambda: Unique(rule_id, kinds, keys, problem)))
        return keys

    return decorate


def run_rules() -> tuple[list[AcrossRecords[Any]], dict[Kind, list[Rule]]]:
    """For one run: a fresh instance of every rule over many records (one per class: a
    class may report several rules), and each kind's record rules."""
    across: list[AcrossRecords[Any]] = []
    made: set[Any] = set()
    for rule in RULES.values():
        if rule.across is not None and rule.across not in made:
            made.add(rule.across)
            across.append(rule.across())
    record_rules = {kind: [rule for rule in RULES.values() if rule.check is not None and kind in rule.kinds] for kind in KINDS}
    return across, record_rules
