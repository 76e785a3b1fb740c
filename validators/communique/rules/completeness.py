"""Completeness: every quotation an article prints is curated, or left out on purpose.

The quotations are those :mod:`communique.curate.quotes` finds, the finder that
``communique draft-statements`` drafts from; coverage is
:mod:`communique.curate.coverage`'s, the test the command skips covered quotations by.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

from communique.curate import coverage, quotes
from communique.findings import Severity
from communique.kinds import ARTICLE, STATEMENT, Kind
from communique.rules.base import AcrossRecords, Dataset, Index, Problem, Report, across_rule

UNCOVERED = "completeness.uncovered-quote"
_RECENT = 1024  # articles whose quotations a share keeps at a time


class _Facts:
    """One share's quotations (by article) and the places its statements cover (by article;
    None for a statement whose words are not in its article)."""

    __slots__ = ("articles", "statements", "recent")

    def __init__(self) -> None:
        self.articles: list[tuple[int, str, list[coverage.QuoteFacts]]] = []  # (record number, article id, its quotations)
        self.statements: list[tuple[str, list[coverage.Span] | None]] = []
        self.recent: dict[str, list[coverage.QuoteFacts]] = {}  # the quotations of articles statements were lately of


@across_rule(UNCOVERED, Severity.WARNING)
class UncoveredQuotes(AcrossRecords[_Facts]):
    """Every quotation in an article's body, headline and subheadline is covered by a statement, or marked not curated.

    A reader of the dataset counts on finding every remark an article quotes; a quotation
    forgotten looks exactly like one the curator chose to leave out. So each quotation
    (straight or typographic marks, one running over paragraphs counted once) is either
    in a statement of the article (its text holds the quotation's words, or statements'
    places in the article cover them between them) or listed in the article's
    ``not_curated`` with a selector and the reason.

    How to fix: add the statement (``communique draft-statements ARTICLE_ID`` drafts one
    for every quotation not covered, with its selector and a speaker guess), or add a
    passage to the article's ``not_curated``, e.g. ``{"selector": {"part": "body",
    "exact": "reset"}, "reason": "a scare quote: a word the article sets apart, no
    one's remark"}``.

    An article with a statement whose words are not found in it (a ``meaning.*``,
    ``schema.*`` or ``ref.*`` finding of that statement) is checked once that is fixed:
    the statement may be the one meant to cover a quotation. So is every article while a
    file of statements does not parse.

    Example: the body prints ``“Of course, we regret coming in second,” the minister
    quipped`` and no statement of the article has those words: the quotation is reported.
    """

    rules = (UNCOVERED,)
    kinds = (ARTICLE, STATEMENT)
    every_record = True  # a statement broken elsewhere still says which article it is of

    def __init__(self) -> None:
        self.articles: list[tuple[int, str, list[coverage.QuoteFacts]]] = []
        self.covering: dict[str, list[coverage.Span]] = {}
        self.unsettled: set[str] = set()  # articles with a statement not found in them

    def collection(self) -> _Facts:
        return _Facts()

    def collect(self, collection: _Facts, number: int, record: Mapping[str, Any], kind: Kind, index: Index, known: Callable[[str], Kind | None]) -> None:
        if kind is ARTICLE:
            if isinstance(record_id := record.get("id"), str):
                passages = coverage.not_curated_spans(record)
                found = [quote for quote in _recent(collection, record_id, record) if not coverage.is_covered(quote, passages)]
                if found:
                    collection.articles.append((number, record_id, found))
            return
        article_id = record.get("article")
        if not isinstance(article_id, str):
            return
        article = index.get(ARTICLE, article_id)
        if article is None:
            collection.statements.append((article_id, None))
            return
        collection.statements.append((article_id, coverage.covering_spans(record, article, _recent(collection, article_id, article))))

    def merge(self, collection: _Facts, offset: int) -> None:
        self.articles += [(number + offset, article_id, found) for number, article_id, found in collection.articles]
        for article_id, spans in collection.statements:
            if spans is None:
                self.unsettled.add(article_id)
            else:
                self.covering.setdefault(article_id, []).extend(spans)

    def finish(self, dataset: Dataset) -> Iterator[tuple[int, str, Report]]:
        if dataset.unread(STATEMENT):  # that file's statements may be the ones meant to cover the quotations
            return
        for number, article_id, found in self.articles:
            if article_id in self.unsettled:  # that statement's own finding comes first: it may be meant to cover these
                continue
            spans = self.covering.get(article_id, [])
            for quote in found:
                if not coverage.is_covered(quote, spans):
                    yield number, UNCOVERED, _problem(quote)


def _recent(collection: _Facts, article_id: str, article: Mapping[str, Any]) -> list[coverage.QuoteFacts]:
    """The quotations of an article, found once while its statements come (they mostly
    come soon after it, the kinds references point at being read first)."""
    found = collection.recent.get(article_id)
    if found is None:
        if len(collection.recent) >= _RECENT:
            collection.recent.clear()
        found = collection.recent[article_id] = [coverage.facts(quote) for quote in quotes.article_quotes(article)]
    return found


def _problem(quote: coverage.QuoteFacts) -> Problem:
    return Problem(
        f"/{quote.part}",
        f"the quotation \u201c{quote.shown}\u201d ({quote.part}, characters {quote.start}\u2013{quote.end}) "
        "is in no statement of the article and not marked as not curated",
        "Curate it as a statement (`communique draft-statements ARTICLE_ID` drafts one), or add it to the "
        "article's `not_curated` with a selector and the reason it is left out.",
    )
