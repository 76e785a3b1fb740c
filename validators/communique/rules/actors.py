"""Meaning rules of actors. (See :mod:`communique.rules.common` for what every meaning rule keeps to.)"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from communique.findings import Severity
from communique.kinds import ACTOR
from communique.rules.base import Index, Problem, record_rule
from communique.rules.common import as_date


@record_rule("meaning.role-dates", Severity.ERROR, kinds=(ACTOR,))
def role_dates(record: Mapping[str, Any], index: Index) -> Iterator[Problem]:
    """Each of an actor's roles ends on or after the day it starts.

    Roles are what statements' speaker roles are checked against; a role that ends
    before it starts covers no day at all, and every statement in it would be reported.

    How to fix: swap or correct ``start`` and ``end``.

    Example: ``{"role": "foreign-minister", "start": "2004-03-09", "end": "2004-03-01"}``
    fails.
    """
    roles = record.get("roles")
    if not isinstance(roles, list):
        return
    for position, entry in enumerate(roles):
        if not isinstance(entry, Mapping):
            continue
        start, end = as_date(entry.get("start")), as_date(entry.get("end"))
        if start is not None and end is not None and end < start:
            yield Problem(
                f"/roles/{position}/end",
                f"the role ends ({end}) before it starts ({start})",
                "Correct `start` or `end`: `end` is the last day in office.",
            )

