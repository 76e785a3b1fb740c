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

Where a statement is: its selector's ``start``/``end`` when they hold, else the first
place of its selector's ``exact`` in that part, or of its text in the body, else in the
headline or the subheadline. (Prefix and suffix are not used to choose among repeated
passages: :mod:`communique.selectors` on branch ``rules13`` does that, and should replace
:func:`selector_span` once it lands.)
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, NamedTuple

from communique.curate.quotes import PARTS, Quote
from communique.rules.common import clip
from communique.rules.text import find_passage, fingerprint

_LETTERS = re.compile(r"[^\W_]+")  # runs of letters and digits (str.isalnum)
_BODY_FIRST = ("body", "headline", "subheadline")  # where statements usually are: one search for most


class Span(NamedTuple):
    """``article[part][start:end]``."""

    part: str
    start: int
    end: int


def selector_span(selector: Any, article: Mapping[str, Any]) -> Span | None:
    """Where a selector's passage is in ``article``, or None when it is not there."""
    if not isinstance(selector, Mapping) or selector.get("part") not in PARTS:
        return None
    part, exact = selector["part"], selector.get("exact")
    text = article.get(part)
    if not isinstance(text, str) or not isinstance(exact, str) or not exact:
        return None
    start, end = selector.get("start"), selector.get("end")
    if type(start) is int and type(end) is int and text[start:end] == exact:
        return Span(part, start, end)
    found = text.find(exact)
    return Span(part, found, found + len(exact)) if found >= 0 else None


def statement_spans(statement: Mapping[str, Any], article: Mapping[str, Any]) -> list[Span]:
    """Where a statement's words are in its article: its selector's place, else the first
    place of its text in the body, else in the headline or the subheadline."""
    located = selector_span(statement.get("selector"), article)
    if located is not None:
        return [located]
    text = statement.get("text")
    if not isinstance(text, str) or not text.strip():
        return []
    for part in _BODY_FIRST:
        if isinstance(part_text := article.get(part), str) and (match := find_passage(text, part_text)).found:
            return [Span(part, match.start, match.end)]
    return []


def not_curated_spans(article: Mapping[str, Any]) -> list[Span]:
    """The places of the article's passages marked not curated."""
    passages = article.get("not_curated")
    if not isinstance(passages, list):
        return []
    spans = (selector_span(passage.get("selector"), article) for passage in passages if isinstance(passage, Mapping))
    return [span for span in spans if span is not None]


class QuoteFacts(NamedTuple):
    """What coverage needs of a quotation, small enough to keep for every quotation of a
    large dataset and to send between processes: its place, its fingerprint, the runs of
    letters and digits in it (``start, end`` after one another, 4 bytes each) and its
    words as a message shows them (one line, clipped)."""

    part: str
    start: int
    end: int
    words: str
    runs: array
    shown: str


def facts(quote: Quote) -> QuoteFacts:
    """The :class:`QuoteFacts` of ``quote``."""
    runs = array("I", [offset for match in _LETTERS.finditer(quote.exact) for offset in match.span()])
    if quote.start:
        runs = array("I", [offset + quote.start for offset in runs])
    return QuoteFacts(quote.part, quote.start, quote.end, fingerprint(quote.exact), runs, clip(" ".join(quote.exact.split())))


def covering_spans(statement: Mapping[str, Any], article: Mapping[str, Any], quotes: Sequence[QuoteFacts]) -> list[Span] | None:
    """The places in ``article`` a statement covers: where its words are, and each of the
    article's ``quotes`` whose words its text holds (a headline repeating a quotation of
    the body); None when its words are nowhere in the article."""
    located = statement_spans(statement, article)
    if not located:
        return None
    text = statement.get("text")
    held = fingerprint(text) if isinstance(text, str) else ""
    return located + [Span(quote.part, quote.start, quote.end) for quote in quotes if quote.words and quote.words in held]


def is_covered(quote: QuoteFacts, spans: Sequence[Span]) -> bool:
    """Whether ``spans`` (of statements and passages) cover every letter and digit of ``quote``."""
    if not quote.words:
        return True
    merged = _merged(sorted((span.start, span.end) for span in spans if span.part == quote.part and span.start < quote.end and span.end > quote.start))
    starts = [start for start, _ in merged]
    for at in range(0, len(quote.runs), 2):
        place = bisect_right(starts, quote.runs[at]) - 1
        if place < 0 or merged[place][1] < quote.runs[at + 1]:
            return False
    return True


def _merged(ranges: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted ranges with those that touch or overlap joined."""
    merged: list[tuple[int, int]] = []
    for start, end in ranges:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def uncovered(article: Mapping[str, Any], quotes: Sequence[Quote], statements: Iterable[Mapping[str, Any]]) -> list[Quote]:
    """The quotes of ``article`` that neither ``statements`` (records of that article) nor its
    ``not_curated`` passages cover."""
    found = [facts(quote) for quote in quotes]
    spans = not_curated_spans(article)
    for statement in statements:
        spans += covering_spans(statement, article, found) or []
    return [quote for quote, fact in zip(quotes, found) if not is_covered(fact, spans)]
