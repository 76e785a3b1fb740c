"""The rule interface: a rule is a small function with an id, a severity and a docstring.

Each rule's docstring is its documentation, published in the rule catalogue: the first
line says what it checks; the rest says why, how to fix a finding, and gives an example.
A record rule looks at one record (with the dataset's index for lookups) and yields
:class:`Problem`\\ s; the engine turns each into a :class:`~communique.findings.Finding`
with the file, line and column of the problem's pointer.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from communique.findings import Severity


@dataclass(frozen=True, slots=True)
class Problem:
    """What a rule found in one record: where (a JSON pointer into the record) and what."""

    pointer: str
    message: str
    hint: str = ""


class Index(Protocol):
    """What a rule may ask of the dataset beyond the record in hand."""

    def get(self, kind: str, record_id: str) -> Mapping[str, Any] | None:
        """The schema-valid record (a JSON object) of that kind and id, or None when there is none.

        Its long free texts (fields of the shared ``text`` definition over
        :data:`LONG_TEXT` characters: an article's body) may come as UTF-8 ``bytes``
        instead of ``str``, here and when the record's own rules check it: the validator
        keeps every article of a large dataset in memory, and a text with one curly
        quote takes two bytes a character as a ``str``.
        """


#: The length from which the validator holds a kept record's free text as UTF-8 bytes.
LONG_TEXT = 1024

RecordCheck = Callable[[Mapping[str, Any], Index], Iterable[Problem]]

#: A rule over many records is a uniqueness rule: no two schema-valid records of its
#: kinds may share a key. ``keys`` gives a record's keys, each ``(key, pointer, detail)``;
#: it runs wherever the record is checked (in a worker process, for a large dataset), so
#: keys are small and picklable, and equal in every process (``hash()`` of a text is: the
#: workers are forked). The records are then taken in dataset order, and the first record
#: of each key stands; each later one gets the rule's ``problem``, made when the record is
#: read again for its place (``keys`` runs again there, for the pointer and detail).
DatasetKeys = Callable[[Mapping[str, Any]], Iterable[tuple[Hashable, str, str]]]
#: ``problem(earlier record's id, pointer, detail)``: what a repeated key is reported as.
DatasetProblem = Callable[[str, str, str], Problem]


@dataclass(frozen=True)
class Rule:
    id: str  # namespaced by layer: json.*, schema.*, id.*, ref.*, meaning.*
    severity: Severity
    kinds: tuple[str, ...]  # the kinds of record it applies to; () for file-level rules
    check: RecordCheck | None  # None for rules the engine applies itself (json.*, schema.*)
    doc: str
    keys: DatasetKeys | None = None  # for rules over many records
    problem: DatasetProblem | None = None
    # for a record rule that looks only at some fields: by kind, the top-level properties
    # they sit under; the engine skips the rule on a record that has none of them
    reads: Mapping[str, frozenset[str]] | None = None

    @property
    def summary(self) -> str:
        return self.doc.splitlines()[0] if self.doc else ""

    def dataset_check(self, records: Iterable[Mapping[str, Any]]) -> Iterator[tuple[str, Problem]]:
        """``(record id, problem)`` for each record of ``records`` (in order) that repeats a key."""
        first = FirstKeys(self)
        for record in records:
            record_id = record.get("id")
            if isinstance(record_id, str):
                keys = list(self.keys(record))  # type: ignore[misc]
                for position, earlier in first.add([record_id] * len(keys), [key for key, _, _ in keys]):
                    _, pointer, detail = keys[position]
                    yield record_id, self.problem(earlier, pointer, detail)  # type: ignore[misc]


class FirstKeys:
    """A rule over many records, fed records' keys in dataset order: the first record of each key."""

    __slots__ = ("rule", "first")

    def __init__(self, rule: Rule) -> None:
        self.rule = rule
        self.first: dict[Hashable, str] = {}

    def add(self, record_ids: list[str], keys: list[Hashable]) -> list[tuple[int, str]]:
        """``(n, the earlier record's id)`` for each key ``keys[n]`` (of record ``record_ids[n]``)
        that an earlier record has."""
        # one look-up per key, at C speed: each key's first record, which is its own unless repeated
        earliest = list(map(self.first.setdefault, keys, record_ids))
        if earliest == record_ids:
            return []
        return [(position, earlier) for position, (record_id, earlier) in enumerate(zip(record_ids, earliest)) if earlier != record_id]


RULES: dict[str, Rule] = {}


def register(rule_id: str, severity: Severity, *, kinds: tuple[str, ...] = (), doc: str = "") -> Rule:
    """Register a rule the engine applies itself (parsing, schema), documented by ``doc``."""
    if rule_id in RULES:
        raise ValueError(f"rule {rule_id} registered twice")
    rule = Rule(rule_id, severity, kinds, None, inspect.cleandoc(doc))
    RULES[rule_id] = rule
    return rule


def record_rule(
    rule_id: str, severity: Severity, *, kinds: tuple[str, ...], reads: Mapping[str, frozenset[str]] | None = None
) -> Callable[[RecordCheck], RecordCheck]:
    """Decorator: register ``check`` as the record rule ``rule_id``; its docstring documents it.

    ``reads``: for a rule that finds nothing in a record without certain fields, those
    fields' top-level properties by kind (see :attr:`Rule.reads`): the engine then
    skips the rule, with one test, on the many records that have none of them.
    """

    def decorate(check: RecordCheck) -> RecordCheck:
        if rule_id in RULES:
            raise ValueError(f"rule {rule_id} registered twice")
        RULES[rule_id] = Rule(rule_id, severity, kinds, check, inspect.cleandoc(check.__doc__ or ""), reads=reads)
        return check

    return decorate


def dataset_rule(
    rule_id: str, severity: Severity, *, kinds: tuple[str, ...], problem: DatasetProblem
) -> Callable[[DatasetKeys], DatasetKeys]:
    """Decorator: register ``keys`` as the rule over many records ``rule_id`` (see
    :data:`DatasetKeys`), reporting ``problem``; its docstring documents it."""

    def decorate(keys: DatasetKeys) -> DatasetKeys:
        if rule_id in RULES:
            raise ValueError(f"rule {rule_id} registered twice")
        RULES[rule_id] = Rule(rule_id, severity, kinds, None, inspect.cleandoc(keys.__doc__ or ""), keys, problem)
        return keys

    return decorate
