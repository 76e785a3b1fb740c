"""``schema.deprecated``: a warning on every use of a field the schemas deprecate.

The rule is registered only while a shipped schema deprecates a field (as the
``schema.*`` keyword rules are registered only for the keywords the schemas use): with
none, it could find nothing, and no fixture could show it. The first deprecation brings
its fixture, ``tests/fixtures/invalid/schema.deprecated/``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from communique.findings import Severity
from communique.kinds import KINDS
from communique.rules.base import Index, Problem, record_rule
from communique.versioning.carried import carried
from communique.versioning.deprecation import of_kind, uses
from communique.versioning.records import SchemaRef

DEPRECATED = "schema.deprecated"


def deprecated_field(record: Mapping[str, Any], index: Index) -> Iterator[Problem]:
    """A record does not use a field the schema deprecates.

    Why: a deprecated field still validates for the rest of its major version, but it
    will go in the next one, and readers are told to stop relying on it; the schema says
    since which version, why, and what replaces it (``x-deprecated``).

    How to fix: move the value to the field the message names, or leave it out when
    nothing replaces it (``communique migrate`` does it for every record when the field
    goes).

    Example: with ``attribution`` deprecated since 1.1.0 in favour of ``notes``, a
    statement carrying ``"attribution": "said Lavrov"`` gets this warning.
    """
    ref = SchemaRef.parse(record.get("$schema"))
    if ref is None:
        return
    for pointer, deprecation in uses(record, ref.kind, major=ref.major):
        instead = f"Use {deprecation.replacement} instead." if deprecation.replacement else "Nothing replaces it: leave it out."
        yield Problem(pointer, f"{pointer} is deprecated since schema {deprecation.since}: {deprecation.reason}", instead)


def reads() -> dict:
    """By kind, the top-level fields that hold a deprecated field in any major version
    carried: the engine skips the rule on a record with none of them."""
    return {kind: frozenset(field.path[0] for major in carried() for field, _ in of_kind(kind.name, major)) for kind in KINDS}


if any(reads().values()):
    record_rule(DEPRECATED, Severity.WARNING, kinds=KINDS, reads=reads())(deprecated_field)
