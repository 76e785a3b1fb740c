"""``meaning.moment``: a date, or a date and time with its offset, is a real moment; and
:func:`as_moment`, how every rule reads one.

The schema's ``moment`` pattern checks the form (``YYYY-MM-DD``, optionally ``Thh:mm``
or ``Thh:mm:ss`` and ``Z`` or ``±hh:mm``); it cannot tell ``2019-02-29`` or ``25:00``
from a real day and time, and has no ``format`` for the ``schema.format`` rule to check.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from communique.findings import Severity
from communique.rules.base import Index, Problem, record_rule
from communique.rules.common import fields_where, schema_accepts

_MOMENT_FIELDS = fields_where(lambda field: "moment" in field.defs)


@dataclass(frozen=True)
class Moment:
    """A moment as written: its calendar day, and the instant when a time is given."""

    day: dt.date  # the date as written, in the moment's own offset
    instant: dt.datetime | None  # aware; None for a date alone


def as_moment(value: Any) -> Moment | None:
    """The moment ``value`` writes, or None for anything that is not a real one."""
    return _parse(value)[0] if isinstance(value, str) else None


@lru_cache(maxsize=1 << 12)  # a dataset has few distinct moments
def _parse(value: str) -> tuple[Moment | None, str]:
    """(the moment, "") or (None, why it is not one)."""
    if len(value) == 10:
        try:
            return Moment(dt.date.fromisoformat(value), None), ""
        except ValueError as error:
            return None, str(error)
    offset = value[-6:]
    if offset[0] in "+-" and offset[3] == ":" and offset[4:].isdigit() and int(offset[4:]) > 59:
        return None, f"the offset's minutes ({offset[4:]}) must be in 0..59"  # Python would carry them into hours
    try:
        instant = dt.datetime.fromisoformat(value)
    except ValueError as error:
        return None, str(error)
    return Moment(instant.date(), instant), ""


def moment_problem(value: str) -> str:
    """Why ``value`` (of the schema's form) is not a real moment; "" when it is one."""
    return _parse(value)[1]


@record_rule("meaning.moment", Severity.ERROR, kinds=_MOMENT_FIELDS.kinds, reads=_MOMENT_FIELDS.by_kind)
def moment(record: Mapping[str, Any], index: Index) -> list[Problem]:
    """A date, or a date and time, names a real moment.

    A real moment is a day of the calendar, a time of day, an offset from UTC of less
    than a day.

    An event's ``start`` and ``end`` and an article's ``capture.retrieved`` are dates,
    or dates with a time and its offset (RFC 3339). Their form is the schema's; a day
    that is not in its month, an hour past 23 or an offset of a day or more passes the
    form and names no moment at all. (A leap second, ``:60``, is refused too: no source
    of this dataset needs one.)

    How to fix: correct the date or time from the source; give the time only with the
    offset the source's place had that day (``-05:00`` for Washington in December).

    Example: ``2019-12-10T15:30-05:00`` passes; ``2019-02-29``, ``2019-12-10T24:30Z``
    and ``2019-12-10T15:30+05:75`` fail.
    """
    return [
        Problem(pointer, f"{value!r} is not a real date or time: {why}", "Correct the date or time from the source.")
        for pointer, value, field in _MOMENT_FIELDS.strings(record)
        if (why := moment_problem(value)) and schema_accepts(field.schema, value)
    ]
