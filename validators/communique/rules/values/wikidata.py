"""``meaning.wikidata-unique``: no two records name the same Wikidata item."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from communique.findings import Severity
from communique.rules.base import Problem, unique_rule
from communique.rules.common import fields_where, schema_accepts


_WIKIDATA_FIELDS = fields_where(lambda field: "wikidata" in field.defs)


def _shared_wikidata_problem(earlier: str, pointer: str, item: str) -> Problem:
    return Problem(pointer, f"{item} is also the Wikidata item of {earlier}", "Merge the two records, or correct the item of the wrong one.")


@unique_rule("meaning.wikidata-unique", Severity.WARNING, kinds=_WIKIDATA_FIELDS.kinds, problem=_shared_wikidata_problem)
def shared_wikidata(record: Mapping[str, Any]) -> list[tuple[str, str, str]]:
    """No two records name the same Wikidata item.

    A Wikidata item is one person, organization, state or treaty; two records with the
    same item are the same thing recorded twice (often under two spellings of a name),
    or one of them has the wrong item. The item's shape (``Q`` and digits) is the
    schema's check; whether the item exists cannot be checked offline, which is why
    only checked ids are recorded.

    How to fix: merge the two records (keep the other's names as ``aliases``), or
    correct the wrong item.

    Example: actors ``sergey-lavrov`` and ``sergei-lavrov`` both with ``Q150851`` warn
    on the second.
    """
    return [(item, pointer, item) for pointer, item, field in _WIKIDATA_FIELDS.strings(record) if schema_accepts(field.schema, item)]
