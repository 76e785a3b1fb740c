"""``meaning.translation-language``: a translation's details come with the language it was
translated from. (See :mod:`communique.rules.common` for what every meaning rule keeps to.)"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from communique.findings import Severity
from communique.kinds import STATEMENT
from communique.rules.base import Index, Problem, record_rule

#: The fields that describe a translation, which only a statement spoken in another language has.
TRANSLATION_FIELDS = ("translated_by", "transcript")


@record_rule(
    "meaning.translation-language", Severity.ERROR, kinds=(STATEMENT,), reads={STATEMENT: frozenset(TRANSLATION_FIELDS)}
)
def translation_language(record: Mapping[str, Any], index: Index) -> Iterator[Problem]:
    """A statement with ``translated_by`` or ``transcript`` gives its ``original_language``.

    Who translated the words and where they can be read as spoken describe a
    translation; a statement without ``original_language`` says the words are the
    article's own language, which nobody translated.

    How to fix: add ``original_language`` (``ru`` for Lavrov's Russian), or drop the
    translation's details if the words were said in the article's language.

    Example: ``original_language: ru`` with ``transcript: {"url":
    "https://mid.ru/..."}`` passes; the transcript alone fails.
    """
    if "original_language" in record:
        return
    for name in TRANSLATION_FIELDS:
        if name in record:
            yield Problem(
                f"/{name}",
                f"{name} without original_language: nothing says the words were translated",
                "Add `original_language`, or drop this field if the words were said in the article's language.",
            )
