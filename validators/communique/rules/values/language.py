"""``meaning.language-tag``: a language tag is a canonical BCP 47 tag."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from typing import Any

from communique.findings import Severity
from communique.rules.base import Index, Problem, record_rule
from communique.rules.common import fields_where, schema_accepts


_LANGUAGE_FIELDS = fields_where(lambda field: "language" in field.defs)


# RFC 5646 well-formedness, without extended language subtags (never canonical: zh-cmn is
# cmn) and the grandfathered tags (i-klingon is tlh): both get the canonical form's hint.
_WELL_FORMED_TAG = re.compile(
    r"""(?:[a-z]{2,3}|[a-z]{5,8})  # language
    (?:-[a-z]{4})?  # script
    (?:-(?:[a-z]{2}|[0-9]{3}))?  # region
    (?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*  # variants
    (?:-[0-9a-wyz](?:-[a-z0-9]{2,8})+)*  # extensions
    (?:-x(?:-[a-z0-9]{1,8})+)?  # private use
    """,
    re.VERBOSE,
)


@cache
def language_tag_problem(tag: str) -> str | None:
    """Why ``tag`` is not a canonical BCP 47 tag, or None when it is (case is free, as in BCP 47)."""
    import langcodes  # 35 ms: paid only when a record has a language

    if _WELL_FORMED_TAG.fullmatch(tag.lower()) and langcodes.tag_is_valid(tag):
        canonical = langcodes.standardize_tag(tag)
        if canonical.lower() == tag.lower():
            return None
        return f"{tag!r} is a valid BCP 47 tag, but not in its canonical form: write {canonical!r}"
    if langcodes.tag_is_valid(tag):
        suggestion = langcodes.standardize_tag(tag)
        if _WELL_FORMED_TAG.fullmatch(suggestion.lower()):
            return f"{tag!r} is not a valid BCP 47 language tag; did you mean {suggestion!r}?"
    return f"{tag!r} is not a valid BCP 47 language tag"


@record_rule("meaning.language-tag", Severity.ERROR, kinds=_LANGUAGE_FIELDS.kinds, reads=_LANGUAGE_FIELDS.by_kind)
def language_tag(record: Mapping[str, Any], index: Index) -> list[Problem]:
    """A language tag is a valid BCP 47 tag, in its canonical form.

    Language tags tell readers and software which language a text is in. The schema
    checks their rough shape; this rule checks that the tag is well-formed (RFC 5646),
    that each part is registered (the IANA registry as shipped by ``langcodes``, offline)
    and that it is written the one canonical way, so that every text in one language
    carries one tag: ``ru``, not ``rus``; ``he``, not the deprecated ``iw``; ``en``, not
    ``en-Latn``. Letter case is free, as BCP 47 says.

    How to fix: use the shortest registered tag: ``en``, ``ru``, ``zh-Hans``, ``pt-BR``;
    the message names the canonical form when there is one.

    Example: ``ru`` and ``en-GB`` pass; ``english``, ``en-USA`` and ``rus`` fail.
    """
    return [
        Problem(pointer, problem, "Use a registered tag such as `en`, `ru` or `zh-Hans` (language, then optional script and region).")
        for pointer, tag, field in _LANGUAGE_FIELDS.strings(record)
        if (problem := language_tag_problem(tag)) is not None and schema_accepts(field.schema, tag)
    ]

