"""The ``schema.to-fill`` rule: a field a record skeleton left for the curator to write.

``communique new`` writes every required field the curator must still write as ``null``:
no schema field accepts ``null``, so a blank can never pass for a value, and the schema
check reports each one as this single finding, naming the field, rather than as the
type, enum or pattern errors a ``null`` would otherwise give.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from communique.findings import Severity
from communique.kinds import KINDS
from communique.rules.base import Problem, register

TO_FILL = "schema.to-fill"

#: What a skeleton writes for a field the curator must still write.
BLANK = None

register(
    TO_FILL,
    Severity.ERROR,
    kinds=KINDS,
    doc="""
    No field is left blank (``null``) for the curator to fill.

    Why: ``communique new`` writes a record skeleton with every required field the
    curator must write set to ``null``; a record is finished only when each holds its
    value. No field of the schemas accepts ``null``, so a blank is never taken for data.

    How to fix: write the field's value (the hint gives the field's description from the
    data dictionary), or remove an optional field that does not apply.

    Example: ``"headline": null`` in an article made with ``communique new article``.
    """,
)


def to_fill(pointer: str, where: str, field: Mapping[str, Any] | None, about: str) -> Problem:
    """The finding for the blank at ``pointer`` (``where`` names it as messages do)."""
    title = field.get("title") if field else None
    what = f" ({title})" if title else ""
    return Problem(pointer, f"{where}{what} is to fill: it is still null", about or "Write its value.")
