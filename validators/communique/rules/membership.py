"""``meaning.member-of``: only an unnamed person or a group is recorded as a member of
another actor. (See :mod:`communique.rules.common` for what every meaning rule keeps to.)"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from communique.findings import Severity
from communique.kinds import ACTOR
from communique.rules.base import Index, Problem, record_rule

#: The actor kinds a source speaks of without a name, which ``member_of`` places.
UNNAMED_KINDS = frozenset({"unnamed-person", "group"})


@record_rule("meaning.member-of", Severity.WARNING, kinds=(ACTOR,), reads={ACTOR: frozenset({"member_of"})})
def member_of(record: Mapping[str, Any], index: Index) -> list[Problem]:
    """Only an unnamed person or a group has ``member_of``.

    ``member_of`` says whom an actor without a name belongs to or speaks for ("US
    officials": the United States; "a Russian reporter": Russia), the one fact the
    dataset has about them. A named person's or an organization's ties are their
    ``roles``, with dates; a ``member_of`` there says less than a role would and is
    not shown. It is a warning: the fact may be right, only in the wrong place.

    How to fix: for a person, record the tie as a role (with its ``of`` and dates);
    otherwise drop ``member_of``, or correct the actor's ``kind``.

    Example: ``{"kind": "group", "name": "US officials", "member_of":
    "united-states"}`` passes; ``{"kind": "person", "name": "Sergey Lavrov",
    "member_of": "russia"}`` warns.
    """
    kind = record.get("kind")
    if "member_of" not in record or type(kind) is not str or kind in UNNAMED_KINDS:
        return []
    return [
        Problem(
            "/member_of",
            f"member_of on an actor of kind {kind}: only an unnamed person or a group has it",
            "Record the tie as a role with its dates, or drop `member_of`, or correct `kind`.",
        )
    ]
