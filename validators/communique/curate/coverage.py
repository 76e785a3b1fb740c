"""Which quotations of an article its statements, or its ``not_curated`` passages, cover.

Shared by ``communique draft-statements`` (which drafts only what is not covered) and the
``completeness.uncovered-quote`` rule (which reports it), so that drafting every
uncovered quotation is exactly what makes the rule pass.

A quotation is covered when the places that statements and passages not curated take in
the article cover every letter and digit of it between them (punctuation does not count:
the comma a curator left out inside the marks; a long quotation split into two
statements), a statement's place being where its words are and every quotation whose
words its text holds (:func:`communique.rules.text.fingerprint`: a headline that repeats
a quotation of the body).

Where a statement is: where its selector locates it (:func:`communique.selectors.locate`,
the validator's own reading of a selector, prefix and suffix telling repeated passages
apart), else the first place of its text in the body, else in the headline or the
subheadline.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from itertools import accumulate
from typing import Any, NamedTuple

from communique.curate.quotes import Quote
from communique.rules.text import find_passage, fingerprint
from communique import selectors  # a module, not its names: selectors imports the rules, whose discovery imports this

_LETTER = re.compile(r"[^\W_]")  # a letter or digit (str.isalnum)
_NOT_LETTERS = re.compile(r"[\W_]+")
_BODY_FIRST = ("body", "headline", "subheadline")  # where statements usually are: one search for most


class Span(NamedTuple):
    """``article[part][start:end]``."""

    part: str
    start: int
    end: int


def selector_span(selector: Any, article: Mapping[str, Any]) -> Span | None:
    """Where a selector's passage is in ``article`` (as :func:`~communique.selectors.locate`
    places it), or None when it cannot be located there: the ``selector.*`` rules say why."""
    if not isinstance(selector, Mapping):
        return None
    located = selectors.locate(article, selector)
    return Span(located.part, located.start, located.end) if isinstance(located, selectors.Span) else None


def statement_spans(statement: Mapping[str, Any], article: Mapping[str, Any]) -> list[Span]:
    """Where a statement's words are in its article: its selector's place, else (no
    selector) the first place of its text in the body, else in the headline or the
    subheadline; nothing when a selector cannot be located."""
    if "selector" in statement:
        located = selector_span(statement["selector"], article)
        return [located] if located is not None else []
    text = statement.get("text")
    if not isinstance(text, str) or not text.strip():
        return []
    for part in _BODY_FIRST:
        if isinstance(part_text := article.get(part), str) and (match := find_passage(text, part_text)).found:
            return [Span(part, match.start, match.end)]
    return []


def not_curated_spans(article: Mapping[str, Any]) -> list[Span] | None:
    """The places of the article's passages marked not curated; None when one of them cannot
    be located (its ``selector.*`` finding comes first: it may be meant to cover a quotation)."""
    passages = article.get("not_curated")
    if not isinstance(passages, list):
        return []
    spans = [selector_span(passage.get("selector"), article) for passage in passages if isinstance(passage, Mapping)]
    return None if None in spans else spans


class Letters:
    """An article's quotations with their letters and digits numbered one after another,
    in the order :func:`~communique.curate.quotes.article_quotes` finds them: what covers
    them is then a set of numbers, one int used as a bit set, that statements' places
    and passages add to with ``|``; a quotation is covered when all its numbers are in.

    A statement splitting a quotation with another, even inside a word, sets the numbers
    of its own letters only, so the two cover it between them and nothing else does.
    """

    __slots__ = ("firsts", "counts", "masks", "words", "by_part")

    def __init__(self, quotes: Sequence[Quote]) -> None:
        self.words = [fingerprint(quote.exact) for quote in quotes]
        # a quotation without a letter or digit (a dash, an ellipsis) needs nothing to cover it;
        # an ASCII one has as many as its fingerprint
        self.counts = [(len(words) if quote.exact.isascii() else _letters(quote.exact)) if words else 0 for quote, words in zip(quotes, self.words)]
        self.firsts = list(accumulate(self.counts, initial=0))
        self.masks = [((1 << count) - 1) << first for count, first in zip(self.counts, self.firsts)]  # each quotation's numbers
        # part -> its quotations' starts, ends, where their letters start and end, numbers
        self.by_part: dict[str, tuple[list[int], list[int], list[int], list[int], list[int]]] = {}
        for number, quote in enumerate(quotes):
            starts, ends, lows, highs, numbers = self.by_part.setdefault(quote.part, ([], [], [], [], []))
            starts.append(quote.start)
            ends.append(quote.end)
            first, last = _LETTER.search(quote.exact), _LETTER.search(quote.exact[::-1])
            lows.append(quote.start + first.start() if first else quote.end)
            highs.append(quote.end - last.start() if last else quote.start)
            numbers.append(number)

    def bounds(self) -> array:
        """Where each quotation's numbers end (the next one's start there): all a rule keeps of them."""
        return array("I", self.firsts[1:])

    def of_span(self, span: Span, text: str) -> int:
        """The letter numbers of the quotations' letters inside ``span`` (of ``text``, its part)."""
        starts, ends, lows, highs, numbers = self.by_part[span.part]
        found = 0
        for place in range(max(bisect_right(starts, span.start) - 1, 0), bisect_left(starts, span.end)):
            number = numbers[place]
            if span.start <= lows[place] and highs[place] <= span.end:  # every letter of it (mostly)
                found |= self.masks[number]
                continue
            start, end = starts[place], ends[place]
            low, high = max(span.start, start), min(span.end, end)
            if low >= high or not self.counts[number]:
                continue
            # the letters of the quotation less those before and after the span
            before = _letters(text[start:low]) if low > start else 0
            after = _letters(text[high:end]) if high < end else 0
            found |= ((1 << (self.counts[number] - before - after)) - 1) << (self.firsts[number] + before)
        return found

    def of_spans(self, spans: Iterable[Span], article: Mapping[str, Any]) -> int:
        """The letter numbers ``spans`` of ``article`` take in between them."""
        found = 0
        for span in spans:
            if span.part in self.by_part:
                found |= self.of_span(span, article.get(span.part))
        return found

    def of_statement(self, statement: Mapping[str, Any], article: Mapping[str, Any]) -> int | None:
        """The letter numbers a statement of ``article`` covers: where its words are, and every
        quotation whose words its text holds (a headline repeating a quotation of the body);
        None when its words are nowhere in the article."""
        located = statement_spans(statement, article)
        if not located:
            return None
        found = self.of_spans(located, article)
        text = statement.get("text")
        if isinstance(text, str) and (held := fingerprint(text)):
            for words, mask in zip(self.words, self.masks):
                if words and words in held:
                    found |= mask
        return found

    def open(self, covered: int) -> list[int]:
        """The numbers of the quotations not every letter of which is in ``covered``."""
        return [number for number, mask in enumerate(self.masks) if covered & mask != mask]


def _letters(text: str) -> int:
    """How many letters and digits ``text`` has (str.isalnum's, as a quotation's are numbered)."""
    return len(_NOT_LETTERS.sub("", text))


def uncovered(article: Mapping[str, Any], quotes: Sequence[Quote], statements: Iterable[Mapping[str, Any]]) -> list[Quote]:
    """The quotes of ``article`` (all of them, as :func:`~communique.curate.quotes.article_quotes`
    finds them) that neither ``statements`` (records of that article) nor its ``not_curated``
    passages cover."""
    letters = Letters(quotes)
    covered = letters.of_spans(not_curated_spans(article) or [], article)
    for statement in statements:
        covered |= letters.of_statement(statement, article) or 0
    return [quotes[number] for number in letters.open(covered)]
