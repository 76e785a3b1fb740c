"""The ``selector.*`` rules: a selector puts its passage where the article has it.

Selectors sit in statements (``/selector``) and in articles (``/not_curated/*/selector``);
which fields are selectors is read from the schemas (the shared ``selector`` definition).
A statement's selector is checked against its article, an article's against itself.
:func:`communique.selectors.locate` decides; each rule reports one of its reasons, so
that a curator learns what is wrong (a part the article lacks, offsets or context that
disagree with the text, a passage not there, a passage there twice) from the rule id.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from communique import selectors
from communique.findings import Severity
from communique.kinds import ARTICLE, STATEMENT
from communique.rules.base import Index, Problem, record_rule
from communique.rules.common import clip, fields_where, referenced, schema_accepts, schema_of
from communique.rules.text import find_passage
from communique.schemafields import values

_SELECTOR_FIELDS = fields_where(lambda field: field.name == "selector" and "selector" in field.defs)


def _selectors(record: Mapping[str, Any], index: Index) -> tuple[Mapping[str, Any] | None, list[tuple[str, Any]]]:
    """The article the record's selectors are in (None when it is not at hand), and
    ``(pointer, selector)`` for each of them."""
    found: list[tuple[str, Any]] = []
    for head, pointer, path in _PATHS:
        if head in record:
            if pointer is not None:  # a statement's: no walk
                found.append((pointer, record[head]))
            else:
                found.extend(values(record, path))
    if not found:
        return None, found
    # a statement's selectors are in the article it names; an article's, in itself
    return (referenced(record, "article", ARTICLE, index) if "article" in record else record), found


_PATHS = tuple((field.path[0], f"/{field.path[0]}" if len(field.path) == 1 else None, field.path) for field in _SELECTOR_FIELDS.fields)


def _reasons(record: Mapping[str, Any], index: Index, problem: str) -> list[Problem]:
    """The problems of one kind (a :mod:`communique.selectors` reason) of the record's selectors.

    Each selector rule asks in turn; :func:`~communique.selectors.locate` keeps its last
    answers, so a selector is located once for all of them.
    """
    article, places = _selectors(record, index)
    if article is None:
        return []
    found = []
    for pointer, selector in places:
        located = selectors.locate(article, selector)
        if type(located) is tuple:
            found.extend(
                Problem(f"{pointer}/{reason.member}" if reason.member in selector else pointer, reason.message, reason.hint)
                for reason in located
                if reason.problem == problem
            )
    return found


_READS = _SELECTOR_FIELDS.by_kind


@record_rule("selector.part-missing", Severity.ERROR, kinds=_SELECTOR_FIELDS.kinds, reads=_READS)
def part_missing(record: Mapping[str, Any], index: Index) -> list[Problem]:
    """A selector names a part its article has.

    A selector says in which part of the article its passage sits: the ``body``, the
    ``headline`` or the ``subheadline``. An article without a subheadline has no place
    for a passage said to be in it.

    How to fix: name the part that holds the passage, or add the missing part to the
    article, verbatim.

    Example: ``{"part": "subheadline", "exact": "Russia is ready"}`` in a statement whose
    article has only a headline and a body fails; ``"part": "headline"`` passes when the
    headline has the words.
    """
    return _reasons(record, index, selectors.PART_MISSING)


@record_rule("selector.mismatch", Severity.ERROR, kinds=_SELECTOR_FIELDS.kinds, reads=_READS)
def mismatch(record: Mapping[str, Any], index: Index) -> list[Problem]:
    """A selector's offsets, prefix and suffix agree with the text of its article's part.

    ``exact`` is ``part[start:end]``, ``prefix`` stands just before it and ``suffix``
    just after.

    Offsets count code points from 0, ``end`` exclusive (W3C Web Annotation's
    TextPositionSelector); the prefix and suffix are the characters around the passage
    (its TextQuoteSelector). A selector whose members disagree names two places at
    once; the usual cause is an article corrected after its selectors were written.

    How to fix: leave out the offsets and the context that are wrong and run
    ``communique fmt``, which writes them again from ``exact``.

    Example: in the body ``we regret coming in second. We are used to being number
    one``, ``{"exact": "We are used", "prefix": "second. ", "start": 28, "end": 39}``
    passes; ``"start": 27`` fails, and so does ``"prefix": "first. "``.
    """
    return _reasons(record, index, selectors.MISMATCH)


@record_rule("selector.not-found", Severity.ERROR, kinds=_SELECTOR_FIELDS.kinds, reads=_READS)
def not_found(record: Mapping[str, Any], index: Index) -> list[Problem]:
    """A selector's exact text is in the part of the article it names.

    The exact text is the passage character for character, as the part has it: unlike
    a quote's ``text``, it keeps the article's quote marks, spaces and apostrophes, so
    that software can find it with a plain search.

    How to fix: copy the passage from the article's part, or name the part that has it.
    The message says when the passage is there with other quote marks or spaces.

    Example: with the body's ``Russia’s proposals``, ``"exact": "Russia’s proposals"``
    passes and ``"exact": "Russia's proposals"`` (a straight apostrophe) fails.
    """
    return _reasons(record, index, selectors.NOT_FOUND)


@record_rule("selector.ambiguous", Severity.ERROR, kinds=_SELECTOR_FIELDS.kinds, reads=_READS)
def ambiguous(record: Mapping[str, Any], index: Index) -> list[Problem]:
    """A selector without offsets matches one place: its exact text with its context occurs once.

    A phrase an article repeats ("New START", "the United States") names several
    places; the context around it, or the offsets, say which one is meant. Without
    them, a reader (or the site's highlight) would pick the first.

    How to fix: run ``communique fmt``, which adds the offsets and enough context; or
    lengthen the prefix or suffix by hand.

    Example: ``{"part": "body", "exact": "New START"}`` in a body that names the treaty
    twice fails; with ``"prefix": "extend "`` it passes when only one of them follows
    ``extend``.
    """
    return _reasons(record, index, selectors.AMBIGUOUS)


@record_rule("selector.text-outside", Severity.ERROR, kinds=(STATEMENT,), reads={STATEMENT: frozenset({"selector"})})
def text_outside(record: Mapping[str, Any], index: Index) -> list[Problem]:
    """A statement's text lies within its selector's exact text.

    The selector says where the statement sits in its article; its exact text may be
    longer than the statement's (the quote marks around a quote, a whole sentence
    around a partial quote) but must hold it, or it points somewhere else. The text is
    compared as quotes are with the article (white space, quote marks and Unicode
    composition ignored), on whole words.

    How to fix: make the selector's ``exact`` the article's passage that holds the
    statement's text (``communique fmt`` keeps the rest in step), or correct the text.

    Example: the text ``We are used to being number one`` with ``"exact": "“Of course,
    we regret coming in second. We are used to being number one,”"`` passes; with
    ``"exact": "we regret coming in second"`` it fails.
    """
    selector, text = record.get("selector"), record.get("text")
    if not isinstance(selector, Mapping) or type(exact := selector.get("exact")) is not str or type(text) is not str:
        return []
    if not exact or find_passage(text, exact).found or not schema_accepts(schema_of(STATEMENT, ("text",)), text):
        return []
    return [
        Problem(
            "/text",
            f"the text is not within the selector's exact text {clip(exact)!r}",
            "Make `selector.exact` the article's passage that holds the text, or correct the text.",
        )
    ]
