"""Meaning rules of exchanges: what a statement ``responds_to`` is one thing, another
statement or a claim, and comes before it. (See :mod:`communique.rules.common` for what
every meaning rule keeps to.)"""

from __future__ import annotations

import datetime as dt
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterator, Mapping
from functools import partial
from typing import Any

from communique.findings import Severity
from communique.kinds import STATEMENT, Kind
from communique.rules.base import AcrossRecords, Dataset, Index, Problem, Report, across_rule, record_rule
from communique.rules.common import as_date

_READS = {STATEMENT: frozenset({"responds_to"})}


def _responses(record: Mapping[str, Any]) -> Iterator[tuple[int, Mapping[str, Any]]]:
    """(position, response) for each item of ``responds_to`` that is an object."""
    responses = record.get("responds_to")
    if type(responses) is list:
        for position, response in enumerate(responses):
            if isinstance(response, Mapping):
                yield position, response


@record_rule("meaning.response-shape", Severity.ERROR, kinds=(STATEMENT,), reads=_READS)
def response_shape(record: Mapping[str, Any], index: Index) -> Iterator[Problem]:
    """Each response names exactly one of ``target`` and ``claim``, and a ``claimant`` only with a claim.

    A response links a statement to one thing it answers, denies or supports: a
    statement of the dataset, or a claim that is not one. Both at once say two
    things in one link (make two); neither says nothing. A claimant is who made a
    claim given in words; a target statement has its speaker already.

    How to fix: split a response with both into two responses; give a ``target`` or a
    ``claim`` to one with neither; drop the ``claimant`` of a target.

    Example: ``{"relation": "denies", "claim": "Russia interfered in the 2016
    election", "claimant": "united-states"}`` passes; ``{"relation": "denies"}`` fails,
    and so does ``{"relation": "supports", "target": "...", "claimant": "russia"}``.
    """
    for position, response in _responses(record):
        at = f"/responds_to/{position}"
        has_target, has_claim = "target" in response, "claim" in response
        if has_target and has_claim:
            yield Problem(f"{at}/claim", "the response names both a target statement and a claim", "Make two responses, one for each.")
        elif not has_target and not has_claim:
            yield Problem(at, "the response names neither a target statement nor a claim", "Add `target` (a statement's id) or `claim` (the claim in words).")
        elif "claimant" in response and not has_claim:
            yield Problem(f"{at}/claimant", "a claimant without a claim: the target statement has its speaker", "Drop `claimant`.")


@record_rule("meaning.response-self", Severity.ERROR, kinds=(STATEMENT,), reads=_READS)
def response_self(record: Mapping[str, Any], index: Index) -> Iterator[Problem]:
    """A statement does not respond to itself.

    A response links two statements; one that targets its own statement is a copied id
    left unchanged.

    How to fix: put the id of the statement responded to in ``target``.

    Example: statement ``a`` with ``{"relation": "denies", "target": "a"}`` fails.
    """
    own = record.get("id")
    for position, response in _responses(record):
        if type(own) is str and response.get("target") == own:
            yield Problem(f"/responds_to/{position}/target", "the statement responds to itself", "Put the id of the statement it responds to.")


class _Dated:
    """One share's facts for ``meaning.response-date``: each usable date, and each response to a statement."""

    __slots__ = ("numbers", "days", "responders", "positions", "targets", "ends")

    def __init__(self) -> None:
        self.numbers = array("Q")  # the statements with a date that orders remarks, in dataset order ...
        self.days = array("I")  # ... and that date, as a day number
        self.responders = array("Q")  # for each response to a statement: the number of the responding one,
        self.positions = array("I")  # ... the response's position in its responds_to,
        self.targets = bytearray()  # ... and the target's id, in UTF-8, one after another,
        self.ends = array("Q")  # ... each ending here


@across_rule("meaning.response-date", Severity.ERROR)
class ResponseDates(AcrossRecords[_Dated]):
    """A statement is not dated before the statement it responds to.

    An answer follows its question, a denial what it denies. When either date is only
    the article's publication date (``date_basis: publication``), the order of the
    remarks is unknown and nothing is checked.

    How to fix: correct one of the two dates, or the ``target``.

    Example: a denial dated ``2019-12-10`` of a statement dated ``2019-12-10`` or
    earlier passes; of one dated ``2019-12-11``, it fails.
    """

    # A rule over many records, not a record rule: a target may come after its response
    # in the dataset, and statements are streamed, never kept to be looked up. Facts are
    # held in arrays, about a hundred bytes a response and twelve a statement: a million
    # statements, a third of them responses, stay well inside the memory goal.

    rules = ("meaning.response-date",)
    kinds = (STATEMENT,)
    every_record = True  # as a record rule: a schema error elsewhere hides no response's date

    def __init__(self) -> None:
        self.dated = _Dated()  # the whole dataset's, numbered in the run

    def collection(self) -> _Dated:
        return _Dated()

    def collect(self, collection: _Dated, number: int, record: Mapping[str, Any], kind: Kind, index: Index, known: Callable[[str], Kind | None]) -> None:
        said = as_date(record.get("date"))
        if said is None or record.get("date_basis") == "publication":
            return
        collection.numbers.append(number)
        collection.days.append(said.toordinal())
        if "responds_to" in record:
            for position, response in _responses(record):
                target = response.get("target")
                if type(target) is str:
                    collection.responders.append(number)
                    collection.positions.append(position)
                    collection.targets += target.encode("utf-8")
                    collection.ends.append(len(collection.targets))

    def merge(self, collection: _Dated, offset: int) -> None:
        dated = self.dated
        dated.numbers.extend(array("Q", [number + offset for number in collection.numbers]))
        dated.days.extend(collection.days)
        dated.responders.extend(array("Q", [number + offset for number in collection.responders]))
        dated.positions.extend(collection.positions)
        start = len(dated.targets)
        dated.targets += collection.targets
        dated.ends.extend(array("Q", [end + start for end in collection.ends]))

    def finish(self, dataset: Dataset) -> Iterator[tuple[int, str, Report]]:
        dated = self.dated
        start = 0
        for number, position, end in zip(dated.responders, dated.positions, dated.ends):
            target = dated.targets[start:end].decode("utf-8")
            start = end
            target_number = dataset.number_of(target)
            if target_number is None or dataset.kind(target_number) is not STATEMENT:
                continue  # ref.missing or ref.wrong-kind says so
            said, before = self._day(number), self._day(target_number)
            if said and before and said < before:
                yield number, self.rules[0], partial(_before, position=position, target=target, said=said, before=before)

    def _day(self, number: int) -> int:
        """The day record ``number`` is dated, or 0 when it orders nothing."""
        numbers = self.dated.numbers
        found = bisect_left(numbers, number)
        return self.dated.days[found] if found < len(numbers) and numbers[found] == number else 0


def _before(value: Any, *, position: int, target: str, said: int, before: int) -> Problem:
    """The problem of a response dated before its target (its relation read from the record again)."""
    responses = dict(_responses(value)) if isinstance(value, Mapping) else {}
    relation = responses.get(position, {}).get("relation")
    return Problem(
        f"/responds_to/{position}/target",
        f"dated {dt.date.fromordinal(said)}, before the statement it {relation if type(relation) is str else 'responds to'} "
        f"({target}, dated {dt.date.fromordinal(before)})",
        "Correct one of the two dates, or the target.",
    )
