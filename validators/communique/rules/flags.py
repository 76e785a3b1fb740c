"""``record.draft`` and ``meaning.false-flag``: the schemas' true-or-absent flags (``draft``,
``ironic``), found from the schemas (every boolean field). (See
:mod:`communique.rules.common` for what every meaning rule keeps to.)"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from communique.findings import Severity
from communique.rules.base import Index, Problem, record_rule
from communique.rules.common import fields_where

_FLAGS = fields_where(lambda field: field.schema.get("type") == "boolean")
_DRAFT = fields_where(lambda field: field.path == ("draft",))


@record_rule("record.draft", Severity.WARNING, kinds=_DRAFT.kinds, reads=_DRAFT.by_kind)
def draft(record: Mapping[str, Any], index: Index) -> list[Problem]:
    """A record is not a draft: ``draft: true`` marks a draft no curator reviewed.

    A curation tool may write records for a curator to check; until one has, the
    record is a guess and must not be published as curated. It is a warning, so that
    drafts can be validated while they are worked on and ``--strict`` (the release
    check) refuses them.

    How to fix: review the record against its article, then remove ``draft``.

    Example: a statement with ``"draft": true`` warns; the same statement without
    ``draft`` passes.
    """
    if record.get("draft") is True:
        return [Problem("/draft", "a draft no curator reviewed", "Review the record against its article, then remove `draft`.")]
    return []


@record_rule("meaning.false-flag", Severity.WARNING, kinds=_FLAGS.kinds, reads=_FLAGS.by_kind)
def false_flag(record: Mapping[str, Any], index: Index) -> list[Problem]:
    """A flag is written only when true: ``ironic: false`` and ``draft: false`` are left out.

    The schemas' flags are true or absent, so that a record says only what is
    remarkable about it and every record that is not ironic (or not a draft) looks
    alike. A written ``false`` is a second way of saying nothing, which a query for
    "no ``ironic``" misses.

    How to fix: remove the field.

    Example: a statement with ``"ironic": false`` warns; without ``ironic`` it passes.
    """
    return [
        Problem(f"/{name}", f"{name} is false: leave it out instead", f"Remove `{name}`; only `true` is written.")
        for name in _FLAG_NAMES
        if record.get(name) is False
    ]


_FLAG_NAMES = tuple(dict.fromkeys(field.path[0] for field in _FLAGS.fields if len(field.path) == 1))
