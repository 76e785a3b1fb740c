"""``completeness.uncovered-quote`` over shares: what it reports is what ``draft-statements`` would draft.

The rule keeps only numbers (each article's quotations' letters numbered, a statement's
coverage a bit set); these tests hold it to the plain reading of coverage,
:func:`communique.curate.coverage.uncovered`, for every way of cutting the records into
shares (worker processes, each collection pickled as they send it).
"""

from __future__ import annotations

import pickle
from collections.abc import Mapping, Sequence
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from communique.curate.coverage import uncovered
from communique.curate.quotes import article_quotes
from communique.kinds import ARTICLE, STATEMENT, Kind
from communique.rules.base import Problem
from communique.rules.completeness import UNCOVERED, UncoveredQuotes

from .conftest import DictIndex

HEADLINE = "Lavrov: \u201cWe are open, but not naive\u201d"
BODY = (
    "\u201cWe are open, but not naive,\u201d Lavrov said. \u201cOf course,\u201d he added, \u201cwe remain patient.\n\n"
    "\u201cAnd we are ready.\u201d\n\n"
    "The minister called the talks a \u201creset\u201d and \u2014 \u201c\u2026\u201d \u2014 left."
)
ARTICLE_ID = "tass-2020-09-11-open"


class _Dataset:
    def __init__(self, unread: bool = False) -> None:
        self.statements_unread = unread

    def unread(self, kind: Kind) -> bool:
        return self.statements_unread and kind is STATEMENT


def _article(not_curated: Sequence[Mapping[str, Any]] = ()) -> dict[str, Any]:
    article: dict[str, Any] = {"id": ARTICLE_ID, "headline": HEADLINE, "body": BODY}
    if not_curated:
        article["not_curated"] = list(not_curated)
    return article


def _run(article: dict[str, Any], statements: Sequence[dict[str, Any]], cuts: Sequence[int] = (), unread: bool = False) -> list[tuple[str, str]]:
    """The rule over the article and its statements, cut into shares before each of ``cuts``:
    the (part, words) of each quotation reported."""
    records = [(ARTICLE, article), *((STATEMENT, statement) for statement in statements)]
    index = DictIndex(("article", article))
    rule = UncoveredQuotes()
    bounds = [0, *sorted({cut for cut in cuts if 0 < cut < len(records)}), len(records)]
    for start, end in zip(bounds, bounds[1:]):
        share = rule.collection()
        for number, (kind, record) in enumerate(records[start:end]):
            rule.collect(share, number, record, kind, index, lambda _: None)
        rule.merge(pickle.loads(pickle.dumps(share)), start)  # as a worker sends it back
    found = []
    for number, rule_id, report in rule.finish(_Dataset(unread)):
        assert (number, rule_id) == (0, UNCOVERED)
        problem = report if isinstance(report, Problem) else report(records[number][1])
        part = problem.pointer.removeprefix("/")
        found.append((part, problem.message.split("\u201c", 1)[1].rsplit("\u201d (", 1)[0]))
    return found


def _shown(article: Mapping[str, Any], statements: Sequence[Mapping[str, Any]]) -> list[tuple[str, str]]:
    return [(quote.part, " ".join(quote.exact.split())) for quote in uncovered(article, article_quotes(article), statements)]


def _at(part: str, start: int, end: int) -> dict[str, Any]:
    text = HEADLINE if part == "headline" else BODY
    return {"id": f"s-{part}-{start}-{end}", "article": ARTICLE_ID, "text": text[start:end], "selector": {"part": part, "exact": text[start:end], "start": start, "end": end}}


def _said(text: str) -> dict[str, Any]:
    return {"id": f"s-{abs(hash(text))}", "article": ARTICLE_ID, "text": text}


_NAIVE = BODY.index("naive") + 2  # "na|ive"
CASES = [
    # (case, statements, passages not curated, the quotations left: part, words as shown)
    ("nothing", [], [], ["We are open, but not naive", "We are open, but not naive,", "Of course,", "we remain patient. \u201cAnd we are ready.", "reset"]),
    ("every one curated", [_said("We are open, but not naive"), _said("Of course"), _said("we remain patient.\n\n\u201cAnd we are ready."), _said("reset")], [], []),
    ("the headline repeats the body", [_said("We are open, but not naive"), _said("Of course"), _said("we remain patient.\n\n\u201cAnd we are ready.")], [{"selector": {"part": "body", "exact": "reset"}, "reason": "a scare quote"}], []),
    ("split in a word by two statements", [_at("body", 1, _NAIVE), _at("body", _NAIVE, 27), _at("headline", 9, 30), _at("headline", 30, 35), _said("Of course"), _said("we remain patient.\n\n\u201cAnd we are ready."), _said("reset")], [], []),
    ("half of it is not enough", [_said("We are open,"), _said("Of course"), _said("we remain patient.\n\n\u201cAnd we are ready."), _said("reset")], [], ["We are open, but not naive", "We are open, but not naive,"]),
    ("a passage and a statement between them", [_said("we remain patient.")], [{"selector": {"part": "body", "exact": "And we are ready."}, "reason": "r"}], ["We are open, but not naive", "We are open, but not naive,", "Of course,", "reset"]),
]


def test_the_cases_in_every_cut_into_shares():
    for case, statements, passages, left in CASES:
        article = _article(passages)
        expected = [(part, words) for part, words in _shown(article, statements)]
        assert [words for _, words in expected] == left, case
        for cuts in ([], [1], [2], list(range(1, len(statements) + 1))):
            assert _run(article, statements, cuts) == expected, (case, cuts)


def test_a_statement_not_found_in_its_article_holds_back_its_article():
    statements = [_said("We are open, but not naive"), _said("words the article never prints")]
    assert _run(_article(), statements) == []
    assert _run(_article(), statements[:1], [1]) != []


def test_nothing_while_a_file_of_statements_does_not_parse():
    assert _run(_article(), [], unread=True) == []


def test_an_unlocated_passage_not_curated_holds_back_its_article():
    assert _run(_article([{"selector": {"part": "body", "exact": "no such words"}, "reason": "r"}]), []) == []


def test_the_message_quotes_the_words_found_again_in_the_article():
    rule = UncoveredQuotes()
    share = rule.collection()
    article = _article()
    rule.collect(share, 0, article, ARTICLE, DictIndex(("article", article)), lambda _: None)
    rule.merge(share, 7)
    reports = list(rule.finish(_Dataset()))
    assert [number for number, _, _ in reports] == [7] * 5
    problem = reports[1][2](article)
    assert problem.pointer == "/body"
    assert problem.message.startswith("the quotation \u201cWe are open, but not naive,\u201d (body, characters 1\u201328)")
    assert reports[1][2](None).pointer == ""  # the file gone meanwhile: still a finding, never a traceback


_PLACES = st.tuples(st.sampled_from(["headline", "body"]), st.integers(0, len(BODY)), st.integers(0, len(BODY)))


@settings(max_examples=150, deadline=None)
@given(places=st.lists(_PLACES, max_size=6), cuts=st.lists(st.integers(1, 7), max_size=3), by_text=st.booleans())
def test_for_every_set_of_statements_and_cut_the_rule_reports_what_drafting_would_draft(places, cuts, by_text):
    statements = []
    for part, start, end in places:
        size = len(HEADLINE if part == "headline" else BODY)
        start, end = sorted((min(start, size), min(end, size)))
        if end > start:
            statement = _at(part, start, end)
            if by_text:
                del statement["selector"]  # found by its text, first in the body
            statements.append(statement)
    article = _article()
    located = all(_located(statement, article) for statement in statements)  # else that statement's finding comes first
    assert _run(article, statements, cuts) == (_shown(article, statements) if located else [])


def _located(statement: Mapping[str, Any], article: Mapping[str, Any]) -> bool:
    from communique.curate.coverage import statement_spans

    return bool(statement_spans(statement, article))
