"""An article's body with its statements marked where they are, as the validator finds them.

The place of a statement with a selector (schema 1.1) is where the ``selector.*`` rules locate
it (:mod:`communique.selectors`), in the body, the headline or the subheadline. The place of any
other statement comes from :func:`communique.rules.text.find_passage`, the function the quote
and paraphrase rules use, so a page highlights exactly the statements the validator accepts.
Texts are shown in NFC (the same text to a reader), the form in which that function places
what it found only once normalised. The result is plain data (strings and :class:`Marked`
spans) for a template to escape and print.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from communique import selectors
from communique.rules.text import find_passage

_PARAGRAPH = re.compile(r"\n[ \t]*\n\s*")
HEADS = ("headline", "subheadline")  # the parts of an article above its body that a selector can name

Statement = dict[str, Any]


@dataclass(frozen=True)
class Marked:
    """A statement's words in the body: ``parts`` are text and the statements nested in it."""

    statement: Statement
    parts: tuple[str | Marked, ...]
    closes: bool  # the statement ends in this paragraph: its reference number follows it


def shown(body: str) -> str:
    """The body as pages show it and place statements in."""
    return unicodedata.normalize("NFC", body)


def locate(selector: Mapping[str, Any], text: str) -> tuple[int, int] | None:
    """Where a selector's passage is in ``text`` (the part of the article it names, as
    :func:`shown`), as the ``selector.*`` rules locate it (:func:`communique.selectors.locate`);
    None when they would refuse it."""
    found = selectors.locate({selector.get("part"): text}, selector)
    return (found.start, found.end) if isinstance(found, selectors.Span) else None


def spans(body: str, statements: list[Statement], part: str = "body") -> list[tuple[int, int, Statement]]:
    """Where each statement is in one part of the article (``body``, as :func:`shown`), nested
    or apart, never crossing: a statement not found, or crossing one already placed, is not
    marked. A statement whose selector names the headline or subheadline is looked for only there;
    any other is looked for in the body by its text when its selector does not place it. Linear in
    the statements once sorted (a transcript holds thousands)."""
    found = []
    for statement in statements:
        selector = statement.get("selector")
        place = locate(selector, body) if selector and selector.get("part") == part else None
        if place is None and part == "body" and (not selector or selector.get("part") not in HEADS):
            match = find_passage(statement["text"], body)
            place = (match.start, match.end) if match.found else None
        if place is not None:
            found.append((*place, statement))
    found.sort(key=lambda span: (span[0], -span[1]))
    placed: list[tuple[int, int, Statement]] = []
    open_: list[int] = []  # the ends of the placed spans holding this start, outermost first (each holds the next)
    for start, end, statement in found:
        while open_ and open_[-1] <= start:
            open_.pop()
        if not open_ or end <= open_[-1]:  # apart from every placed span, or inside the innermost holding it
            placed.append((start, end, statement))
            open_.append(end)
    quoted = [span for start, end, statement in placed for span in quoted_parts(body, start, end, statement)]
    return sorted(placed + quoted, key=lambda span: (span[0], -span[1])) if quoted else placed


def quoted_parts(body: str, start: int, end: int, statement: Statement) -> list[tuple[int, int, Statement]]:
    """A partial quote's quoted words, each where it is inside the statement's place (in their
    order, each after the one before), as a span of its own marked as a quote (and with no page
    of its own: its id is the statement's with ``#quoted-N``, which no record id holds)."""
    out, cursor = [], start
    for number, words in enumerate(statement.get("quoted_parts", ()), 1):
        match = find_passage(words, body[cursor:end])
        if match.found:
            out.append((cursor + match.start, cursor + match.end, {"id": f"{statement['id']}#quoted-{number}", "kind": "quote", "text": words}))
            cursor += match.end
    return out


def paragraphs(body: str, placed: list[tuple[int, int, Statement]]) -> list[tuple[str | Marked, ...]]:
    """The body cut into paragraphs (at blank lines), each as text and marked statements; one
    sweep over the spans in order, not every span for every paragraph."""
    cuts = [(m.start(), m.end()) for m in _PARAGRAPH.finditer(body)]
    starts = [0] + [end for _, end in cuts]
    ends = [start for start, _ in cuts] + [len(body)]
    ordered = sorted(placed, key=lambda span: (span[0], -span[1]))
    out, active, next_ = [], [], 0
    for p_start, p_end in zip(starts, ends):
        while next_ < len(ordered) and ordered[next_][0] < p_end:
            active.append(ordered[next_])
            next_ += 1
        active = [span for span in active if span[1] > p_start]
        if p_start == p_end:
            continue
        inside = [(max(s, p_start), min(e, p_end), st, e <= p_end) for s, e, st in active]
        out.append(_parts(body, p_start, p_end, sorted(inside, key=lambda span: (span[0], -span[1]))))
    return out


def _parts(body: str, start: int, end: int, spans_: list) -> tuple[str | Marked, ...]:
    """``body[start:end]`` with its (sorted, nested, never crossing) spans marked."""
    parts: list[str | Marked] = []
    cursor, i = start, 0
    while i < len(spans_):
        s, e, statement, closes = spans_[i]
        j = i + 1
        while j < len(spans_) and spans_[j][0] < e:  # the spans nested in this one follow it
            j += 1
        if s > cursor:
            parts.append(body[cursor:s])
        parts.append(Marked(statement, _parts(body, s, e, spans_[i + 1 : j]), closes))
        cursor, i = e, j
    if end > cursor:
        parts.append(body[cursor:end])
    return tuple(parts)


def measure(parts: tuple[str | Marked, ...]) -> tuple[int, list[str]]:
    """A paragraph's characters of text, and the ids of the statements whose mark ends in it."""
    text, ending = 0, []
    for part in parts:
        if isinstance(part, str):
            text += len(part)
        else:
            inner, inner_ending = measure(part.parts)
            text += inner
            ending += inner_ending + ([part.statement["id"]] if part.closes else [])
    return text, ending


def cuts(body: str) -> list[int]:
    """Where the body's paragraphs start and end: its start, after each blank line, its end."""
    return [0] + [m.end() for m in _PARAGRAPH.finditer(body)] + [len(body)]


def context(body: str, span: tuple[int, int, Statement], body_cuts: list[int] | None = None,
            inside: list[tuple[int, int, Statement]] = ()) -> tuple[str, list[tuple[int, int, Statement]]]:
    """The paragraphs of the body holding one placed statement, with its place in them (and the
    places of ``inside``, the spans within it: a partial quote's quoted words).
    ``body_cuts``: :func:`cuts` of the body, found once for all of an article's statements."""
    start, end, statement = span
    body_cuts = body_cuts if body_cuts is not None else cuts(body)
    first = body_cuts[bisect_right(body_cuts, start) - 1]
    last = body_cuts[bisect_left(body_cuts, end)]
    excerpt = body[first:last]
    offset = first + len(excerpt) - len(excerpt.lstrip())
    return excerpt.strip(), [(s - offset, e - offset, marked) for s, e, marked in (span, *inside)]
