"""Completeness: every quotation an article prints is curated, or left out on purpose.

The quotations are those :mod:`communique.curate.quotes` finds, the finder that
``communique draft-statements`` drafts from; coverage is
:mod:`communique.curate.coverage`'s, the test the command skips covered quotations by.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterator, Mapping
from functools import partial
from typing import Any

from communique.curate import coverage, quotes
from communique.findings import Severity
from communique.kinds import ARTICLE, STATEMENT, Kind
from communique.rules.base import AcrossRecords, Dataset, Index, Problem, Report, across_rule
from communique.rules.common import clip

UNCOVERED = "completeness.uncovered-quote"
_RECENT = 1024  # articles whose numbered quotations are kept at a time, for the statements that follow them


class _Share:
    """One share's facts, small to send between processes: its articles with letters open
    ``(record number, id, where each quotation's letter numbers end, the numbers no passage
    not curated covers)``, the letter numbers its statements cover (by article, OR-ed together), and the
    articles with a statement whose words are not in them."""

    __slots__ = ("articles", "covered", "unsettled")

    def __init__(self) -> None:
        self.articles: list[tuple[int, str, array, int]] = []
        self.covered: dict[str, int] = {}
        self.unsettled: set[str] = set()


@across_rule(UNCOVERED, Severity.WARNING)
class UncoveredQuotes(AcrossRecords[_Share]):
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
    ``selector.*``, ``schema.*`` or ``ref.*`` finding of that statement), or with a passage
    not curated whose selector is not located, is checked once that is fixed:
    the statement may be the one meant to cover a quotation. So is every article while a
    file of statements does not parse.

    Example: the body prints ``“Of course, we regret coming in second,” the minister
    quipped`` and no statement of the article has those words: the quotation is reported.
    """

    # The quotations' letters are numbered (coverage.Letters), so what covers an article is
    # one int used as a bit set, whatever its statements: an article with letters open
    # keeps its id, its number, a 4-byte bound per quotation and those letters, cleared as
    # its statements come; once none is open, its id is dropped. The message's
    # words are found again in the article read again for its place, never kept.

    rules = (UNCOVERED,)
    kinds = (ARTICLE, STATEMENT)
    every_record = True  # a statement broken elsewhere still says which article it is of

    def __init__(self) -> None:
        self.slots: dict[str, int] = {}  # the id of an article with letters open -> its place in the arrays below
        self.numbers = array("Q")  # the article's record number
        self.ends = array("Q")  # where its bounds end in ``bounds``
        self.bounds = array("I")  # where each of its quotations' letter numbers end
        self.open: list[int] = []  # the letter numbers no statement or passage covers yet
        # letters covered by statements of articles not (or no longer) in ``slots``: few, the
        # engine taking articles in first and a covered article's later statements mostly covering nothing
        self.early: dict[str, int] = {}
        self.unsettled: set[str] = set()  # articles with a statement not found in them
        self.recent: dict[str, coverage.Letters] = {}  # lately numbered articles, in this process

    def collection(self) -> _Share:
        return _Share()

    def collect(self, collection: _Share, number: int, record: Mapping[str, Any], kind: Kind, index: Index, known: Callable[[str], Kind | None]) -> None:
        if kind is ARTICLE:
            record_id = record.get("id")
            passages = coverage.not_curated_spans(record)
            if not isinstance(record_id, str) or passages is None:  # a passage not located: its selector finding comes first
                return
            letters = self._letters(record_id, record)
            open_ = ((1 << letters.firsts[-1]) - 1) & ~letters.of_spans(passages, record)
            if open_:
                collection.articles.append((number, record_id, letters.bounds(), open_))
            return
        article_id = record.get("article")
        if not isinstance(article_id, str):
            return
        article = index.get(ARTICLE, article_id)
        if article is None:
            collection.unsettled.add(article_id)
            return
        letters = self._letters(article_id, article)
        if not letters.firsts[-1]:  # no quotation to cover
            return
        covered = letters.of_statement(record, article)
        if covered is None:
            collection.unsettled.add(article_id)
        elif covered:
            collection.covered[article_id] = collection.covered.get(article_id, 0) | covered

    def merge(self, collection: _Share, offset: int) -> None:
        for number, article_id, bounds, open_ in collection.articles:
            open_ &= ~self.early.pop(article_id, 0)
            if open_ and article_id not in self.slots:  # a repeated id (its own finding): statements are of the first
                self.slots[article_id] = len(self.numbers)
                self.numbers.append(number + offset)
                self.bounds.extend(bounds)
                self.ends.append(len(self.bounds))
                self.open.append(open_)
        for article_id, covered in collection.covered.items():
            slot = self.slots.get(article_id)
            if slot is None:  # covered already, or not taken in yet (the engine takes articles in first)
                self.early[article_id] = self.early.get(article_id, 0) | covered
                continue
            self.open[slot] &= ~covered
            if not self.open[slot]:  # covered: nothing of it is needed any more
                del self.slots[article_id]
        self.unsettled |= collection.unsettled

    def finish(self, dataset: Dataset) -> Iterator[tuple[int, str, Report]]:
        if dataset.unread(STATEMENT):  # that file's statements may be the ones meant to cover the quotations
            return
        for article_id, slot in self.slots.items():
            if article_id in self.unsettled:  # a statement's own finding comes first: it may be meant to cover these
                continue
            first, start = self.ends[slot - 1] if slot else 0, 0
            for quote, end in enumerate(self.bounds[first : self.ends[slot]]):
                if self.open[slot] & (((1 << (end - start)) - 1) << start):
                    yield self.numbers[slot], UNCOVERED, partial(_problem, quote=quote)
                start = end

    def _letters(self, article_id: str, article: Mapping[str, Any]) -> coverage.Letters:
        """The numbered quotations of an article, found once while its statements come (they
        mostly come soon after it, the kinds references point at being read first)."""
        found = self.recent.get(article_id)
        if found is None:
            if len(self.recent) >= _RECENT:
                self.recent.clear()
            found = self.recent[article_id] = coverage.Letters(quotes.article_quotes(article))
        return found


def _problem(article: Any, *, quote: int) -> Problem:
    """The problem of the article's quotation number ``quote``, its words found again in the
    article read again for its place."""
    found = quotes.article_quotes(article) if isinstance(article, Mapping) else []
    hint = (
        "Curate it as a statement (`communique draft-statements ARTICLE_ID` drafts one), or add it to the "
        "article's `not_curated` with a selector and the reason it is left out."
    )
    if quote >= len(found):  # the file changed while it was checked
        return Problem("", f"quotation {quote + 1} of the article is in no statement of the article and not marked as not curated", hint)
    said = found[quote]
    return Problem(
        f"/{said.part}",
        f"the quotation \u201c{clip(' '.join(said.exact.split()))}\u201d ({said.part}, characters {said.start}\u2013{said.end}) "
        "is in no statement of the article and not marked as not curated",
        hint,
    )
