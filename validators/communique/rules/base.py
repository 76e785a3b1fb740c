"""The rule interface: a rule is a small function with an id, a severity and a docstring.

Each rule's docstring is its documentation, published in the rule catalogue: the first
line says what it checks; the rest says why, how to fix a finding, and gives an example.
A record rule looks at one record (with the dataset's index for lookups) and yields
:class:`Problem`\\ s; the engine turns each into a :class:`~communique.findings.Finding`
with the file, line and column of the problem's pointer.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Mapping
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
        """The record of that kind and id, or None when there is none."""


RecordCheck = Callable[[Mapping[str, Any], Index], Iterable[Problem]]

#: A rule over many records: it is given every schema-valid record of its kinds, once,
#: in dataset order (streamed: the iterable is not a list, so it cannot be read twice),
#: and yields ``(record id, problem)`` for each record it finds fault with.
DatasetCheck = Callable[[Iterable[Mapping[str, Any]]], Iterable[tuple[str, Problem]]]


@dataclass(frozen=True)
class Rule:
    id: str  # namespaced by layer: json.*, schema.*, id.*, ref.*, meaning.*
    severity: Severity
    kinds: tuple[str, ...]  # the kinds of record it applies to; () for file-level rules
    check: RecordCheck | None  # None for rules the engine applies itself (json.*, schema.*)
    doc: str
    dataset_check: DatasetCheck | None = None  # for rules over many records

    @property
    def summary(self) -> str:
        return self.doc.splitlines()[0] if self.doc else ""


RULES: dict[str, Rule] = {}


def register(rule_id: str, severity: Severity, *, kinds: tuple[str, ...] = (), doc: str = "") -> Rule:
    """Register a rule the engine applies itself (parsing, schema), documented by ``doc``."""
    if rule_id in RULES:
        raise ValueError(f"rule {rule_id} registered twice")
    rule = Rule(rule_id, severity, kinds, None, inspect.cleandoc(doc))
    RULES[rule_id] = rule
    return rule


def record_rule(rule_id: str, severity: Severity, *, kinds: tuple[str, ...]) -> Callable[[RecordCheck], RecordCheck]:
    """Decorator: register ``check`` as the record rule ``rule_id``; its docstring documents it."""

    def decorate(check: RecordCheck) -> RecordCheck:
        if rule_id in RULES:
            raise ValueError(f"rule {rule_id} registered twice")
        RULES[rule_id] = Rule(rule_id, severity, kinds, check, inspect.cleandoc(check.__doc__ or ""))
        return check

    return decorate


def dataset_rule(rule_id: str, severity: Severity, *, kinds: tuple[str, ...]) -> Callable[[DatasetCheck], DatasetCheck]:
    """Decorator: register ``check`` as the rule over many records ``rule_id``; its docstring documents it."""

    def decorate(check: DatasetCheck) -> DatasetCheck:
        if rule_id in RULES:
            raise ValueError(f"rule {rule_id} registered twice")
        RULES[rule_id] = Rule(rule_id, severity, kinds, None, inspect.cleandoc(check.__doc__ or ""), check)
        return check

    return decorate
