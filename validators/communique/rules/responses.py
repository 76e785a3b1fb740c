"""Meaning rules of exchanges: what a statement ``responds_to`` is one thing, another
statement or a claim, and comes before it. (See :mod:`communique.rules.common` for what
every meaning rule keeps to.)"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from communique.findings import Severity
from communique.kinds import STATEMENT
from communique.rules.base import Index, Problem, record_rule
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


@record_rule("meaning.response-date", Severity.ERROR, kinds=(STATEMENT,), reads=_READS)
def response_date(record: Mapping[str, Any], index: Index) -> Iterator[Problem]:
    """A statement is not dated before the statement it responds to.

    An answer follows its question, a denial what it denies. When either date is only
    the article's publication date (``date_basis: publication``), the order of the
    remarks is unknown and nothing is checked.

    How to fix: correct one of the two dates, or the ``target``.

    Example: a denial dated ``2019-12-10`` of a statement dated ``2019-12-10`` or
    earlier passes; of one dated ``2019-12-11``, it fails.
    """
    said = as_date(record.get("date"))
    if said is None or record.get("date_basis") == "publication":
        return
    for position, response in _responses(record):
        target = index.get(STATEMENT, response["target"]) if type(response.get("target")) is str else None
        if target is None or target.get("date_basis") == "publication":
            continue
        before = as_date(target.get("date"))
        if before is not None and said < before:
            relation = response.get("relation") if type(response.get("relation")) is str else "responds to"
            yield Problem(
                f"/responds_to/{position}/target",
                f"dated {said}, before the statement it {relation} ({response['target']}, dated {before})",
                "Correct one of the two dates, or the target.",
            )
