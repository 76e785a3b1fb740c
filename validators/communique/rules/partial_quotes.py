"""Meaning rules of partial quotes: the article's sentence with some of the speaker's words
quoted inside, listed in ``quoted_parts``. (See :mod:`communique.rules.common` for what
every meaning rule keeps to.)"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from communique.findings import Severity
from communique.kinds import STATEMENT
from communique.rules.base import Index, Problem, record_rule
from communique.rules.common import clip, schema_accepts, schema_of
from communique.rules.text import find_passage

PARTIAL_QUOTE = "partial-quote"


@record_rule("meaning.quoted-parts-kind", Severity.ERROR, kinds=(STATEMENT,))
def quoted_parts_kind(record: Mapping[str, Any], index: Index) -> list[Problem]:
    """A statement has ``quoted_parts`` if and only if it is a ``partial-quote``.

    A partial quote's text is the article's sentence; only its quoted parts are the
    speaker's own words, and a partial quote without them would pass the article's
    words off as the speaker's. A quote is the speaker's words throughout and a
    paraphrase none of them: quoted parts in either say something the kind denies.

    How to fix: list the quoted words of a partial quote in ``quoted_parts``; for a
    quote or a paraphrase, drop ``quoted_parts``, or make the statement a
    ``partial-quote`` if that is what it is.

    Example: ``kind: partial-quote`` with ``quoted_parts: ["would clear many matters
    up"]`` passes; ``kind: partial-quote`` without them fails, and so does ``kind:
    quote`` with them.
    """
    kind, has_parts = record.get("kind"), "quoted_parts" in record
    if kind == PARTIAL_QUOTE and not has_parts:
        return [Problem("/kind", "a partial quote without quoted_parts", "List the speaker's words the sentence quotes in `quoted_parts`.")]
    if has_parts and type(kind) is str and kind != PARTIAL_QUOTE:
        return [Problem("/quoted_parts", f"quoted_parts in a {kind}: only a partial quote has them", "Drop `quoted_parts`, or make the statement a `partial-quote`.")]
    return []


@record_rule("meaning.quoted-part-in-text", Severity.ERROR, kinds=(STATEMENT,), reads={STATEMENT: frozenset({"quoted_parts"})})
def quoted_part_in_text(record: Mapping[str, Any], index: Index) -> Iterator[Problem]:
    """Each quoted part is found verbatim in the statement's text.

    The quoted parts are the speaker's words inside the article's sentence, which is
    the text; a part that is not in it is a quote with no source. They are compared
    as quotes are with the article (white space, quote marks and Unicode composition
    ignored, whole words).

    How to fix: copy the quoted words from the text, without their quote marks.

    Example: with the text ``He added that the documents “would clear many matters
    up”``, the part ``would clear many matters up`` passes; ``would clear everything
    up`` fails.
    """
    text, parts = record.get("text"), record.get("quoted_parts")
    if type(text) is not str or type(parts) is not list:
        return
    field = schema_of(STATEMENT, ("quoted_parts", "*"))
    for position, part in enumerate(parts):
        if type(part) is str and not find_passage(part, text).found and schema_accepts(field, part):
            yield Problem(
                f"/quoted_parts/{position}",
                f"the quoted part {clip(part)!r} is not in the statement's text",
                "Copy the quoted words from the text, without their quote marks.",
            )
