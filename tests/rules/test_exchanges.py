"""Exchanges: a response names one thing, never its own statement, and comes after it."""

from __future__ import annotations

import pytest

from communique.kinds import STATEMENT
from communique.rules.base import RULES


@pytest.mark.parametrize(
    "response, pointer",
    [
        ({"relation": "answers", "target": "q"}, None),
        ({"relation": "denies", "claim": "Russia interfered"}, None),
        ({"relation": "denies", "claim": "Russia interfered", "claimant": "united-states"}, None),
        ({"relation": "denies", "target": "q", "claim": "Russia interfered"}, "/responds_to/0/claim"),
        ({"relation": "denies"}, "/responds_to/0"),
        ({"relation": "denies", "claimant": "united-states"}, "/responds_to/0"),
        ({"relation": "supports", "target": "q", "claimant": "united-states"}, "/responds_to/0/claimant"),
    ],
)
def test_every_shape_of_response(problems, statement, response, pointer):
    statement["responds_to"] = [response]
    assert problems("meaning.response-shape", statement) == ([("meaning.response-shape", pointer)] if pointer else [])


def test_a_statement_does_not_respond_to_itself(problems, statement):
    statement["responds_to"] = [{"relation": "answers", "target": "q"}, {"relation": "repeats", "target": statement["id"]}]
    assert problems("meaning.response-self", statement) == [("meaning.response-self", "/responds_to/1/target")]


@pytest.mark.parametrize(
    "said, earlier, basis, target_basis, in_order",
    [
        ("2020-09-11", "2020-09-11", None, None, True),
        ("2020-09-11", "2020-09-10", None, None, True),
        ("2020-09-10", "2020-09-11", None, None, False),
        ("2020-09-10", "2020-09-11", "inferred", None, False),
        ("2020-09-10", "2020-09-11", "publication", None, True),  # the order is unknown
        ("2020-09-10", "2020-09-11", None, "publication", True),
    ],
)
def test_a_response_is_not_dated_before_what_it_responds_to(statement, said, earlier, basis, target_basis, in_order):
    target = {**statement, "id": "q", "date": earlier, **({"date_basis": target_basis} if target_basis else {})}
    statement.update(date=said, responds_to=[{"relation": "answers", "target": "q"}], **({"date_basis": basis} if basis else {}))
    for order in ([target, statement], [statement, target]):  # a target may come after its response
        found = _response_dates(order)
        assert found == ([] if in_order else [(order.index(statement), "/responds_to/0/target")])


def test_a_claim_or_a_missing_target_has_no_date_to_compare(statement):
    statement["responds_to"] = [{"relation": "denies", "claim": "x"}, {"relation": "answers", "target": "nowhere"}]
    assert _response_dates([statement]) == []


def _response_dates(statements):
    """(record number, pointer) of each ``meaning.response-date`` problem among ``statements``."""
    return [(number, problem.pointer) for number, _, problem in RULES["meaning.response-date"].across().problems_in((STATEMENT, record) for record in statements)]
