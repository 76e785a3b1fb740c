"""Meaning rules of treaties: their dates, lifecycle and status agree. (See
:mod:`communique.rules.common` for what every meaning rule keeps to.)"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import Any

from communique.findings import Severity
from communique.kinds import TREATY
from communique.rules.base import Index, Problem, record_rule
from communique.rules.common import as_date


@record_rule("meaning.treaty-dates", Severity.ERROR, kinds=(TREATY,))
def treaty_dates(record: Mapping[str, Any], index: Index) -> Iterator[Problem]:
    """A treaty is signed, then enters into force, then expires: ``signed`` ≤ ``in_force`` ≤ ``expires``.

    A treaty cannot bind before it is signed nor expire before it binds; dates out of
    this order are typing mistakes (often a swapped month and day).

    How to fix: check the dates against the treaty's text or depositary.

    Example: New START, signed ``2010-04-08``, in force ``2011-02-05``, expires
    ``2026-02-05`` passes; an ``in_force`` of ``2010-02-05`` fails.
    """
    signed, in_force, expires = (as_date(record.get(name)) for name in ("signed", "in_force", "expires"))
    if signed and in_force and in_force < signed:
        yield Problem(
            "/in_force",
            f"enters into force ({in_force}) before it was signed ({signed})",
            "`in_force` is on or after `signed`.",
        )
    start = in_force or signed
    if start and expires and expires < start:
        yield Problem(
            "/expires",
            f"expires ({expires}) before it {'entered into force' if in_force else 'was signed'} ({start})",
            "`expires` is on or after `in_force` (extensions included).",
        )


def _events(record: Mapping[str, Any]) -> Iterator[tuple[int, Mapping[str, Any], dt.date]]:
    """(position, event, date) for each lifecycle event with a valid date."""
    lifecycle = record.get("lifecycle")
    if isinstance(lifecycle, list):
        for position, event in enumerate(lifecycle):
            if isinstance(event, Mapping) and (day := as_date(event.get("date"))) is not None:
                yield position, event, day


@record_rule("meaning.treaty-lifecycle-order", Severity.ERROR, kinds=(TREATY,))
def treaty_lifecycle_order(record: Mapping[str, Any], index: Index) -> Iterator[Problem]:
    """A treaty's lifecycle events are in date order, none before the treaty was signed.

    The lifecycle is read as a history, top to bottom; an event out of order, or one
    that predates the signature, is a wrong date or a misplaced entry.

    How to fix: correct the event's ``date``, or move the event to its place in time.

    Example: ``signed 2010-04-08``, ``entered-into-force 2011-02-05``, ``extended
    2021-02-03`` passes; listing the extension before the entry into force fails.
    """
    signed = as_date(record.get("signed"))
    latest: dt.date | None = None
    for position, event, date in _events(record):
        if signed and date < signed:
            yield Problem(
                f"/lifecycle/{position}/date",
                f"the {event.get('event', 'event')} event ({date}) is before the treaty was signed ({signed})",
                "Correct the event's date or the treaty's `signed`.",
            )
        elif latest and date < latest:
            yield Problem(
                f"/lifecycle/{position}/date",
                f"the {event.get('event', 'event')} event ({date}) comes after a later one ({latest})",
                "List lifecycle events in date order, or correct this date.",
            )
        latest = max(latest or date, date)


@record_rule("meaning.treaty-lifecycle-fields", Severity.ERROR, kinds=(TREATY,))
def treaty_lifecycle_fields(record: Mapping[str, Any], index: Index) -> Iterator[Problem]:
    """A treaty's lifecycle agrees with its dates: signature, entry into force, extensions, expiry.

    The same fact recorded twice must say the same thing: the first ``signed`` event is
    on ``signed``, the first ``entered-into-force`` event on ``in_force``, an
    ``expired`` event on ``expires``; each extension runs ``until`` a date after it was
    agreed and after any earlier extension's, and ``expires`` (extensions included) is
    the last extension's ``until``.

    How to fix: decide which of the two is right from the sources and correct the other.

    Example: New START ``expires: 2026-02-05`` with an ``extended`` event ``until:
    2026-02-05`` passes; ``expires: 2021-02-05`` with that extension fails.
    """
    expected = {"signed": ("signed", "signed"), "entered-into-force": ("in_force", "in force")}
    first_seen: set[str] = set()
    last_until: tuple[int, dt.date] | None = None
    for position, event, date in _events(record):
        name = event.get("event")
        if type(name) is not str:  # a schema.type finding
            continue
        if name in expected and name not in first_seen:
            first_seen.add(name)
            field, words = expected[name]
            on = as_date(record.get(field))
            if on and date != on:
                yield Problem(
                    f"/lifecycle/{position}/date",
                    f"the first {name} event is dated {date}, but the treaty's `{field}` is {on}",
                    f"The treaty was {words} on one day: make the event's date and `{field}` agree.",
                )
        elif name == "expired":
            expires = as_date(record.get("expires"))
            if expires and date != expires:
                yield Problem(
                    f"/lifecycle/{position}/date",
                    f"the expired event is dated {date}, but the treaty's `expires` is {expires}",
                    "Make the event's date and `expires` agree.",
                )
        if name == "extended" and (until := as_date(event.get("until"))) is not None:
            if until <= date:
                yield Problem(
                    f"/lifecycle/{position}/until",
                    f"the extension agreed on {date} runs only until {until}",
                    "`until` is the new expiry date, after the extension's own date.",
                )
            elif last_until and until <= last_until[1]:
                yield Problem(
                    f"/lifecycle/{position}/until",
                    f"the extension runs until {until}, not beyond the earlier extension's {last_until[1]}",
                    "Each extension moves the expiry date later: check `until`.",
                )
            last_until = (position, until)
    expires = as_date(record.get("expires"))
    if last_until and expires and expires != last_until[1]:
        yield Problem(
            "/expires",
            f"expires {expires}, but the last extension runs until {last_until[1]}",
            "`expires` includes extensions: it equals the last extension's `until`.",
        )


@record_rule("meaning.treaty-status", Severity.ERROR, kinds=(TREATY,))
def treaty_status(record: Mapping[str, Any], index: Index) -> Iterator[Problem]:
    """A treaty's ``status`` is possible on its ``status_date``, given its dates.

    The status says what the treaty was on the day it was checked. On that day a treaty
    not yet signed has no status; a ``signed`` one is not yet in force; an ``in-force``
    or ``suspended`` one is in force and has not expired; an ``expired`` one is past
    ``expires``. Without a ``status_date`` nothing is checked.

    How to fix: update ``status`` (and ``status_date``, to the day you checked), or
    correct the dates.

    Example: ``expires: 2026-02-05``, ``status_date: 2026-03-01`` with ``status:
    in-force`` fails (it expired); with ``status: expired`` it passes.
    """
    on = as_date(record.get("status_date"))
    status = record.get("status")
    if on is None or not isinstance(status, str):
        return
    signed, in_force, expires = (as_date(record.get(name)) for name in ("signed", "in_force", "expires"))
    problem = None
    if signed and on < signed:
        yield Problem(
            "/status_date",
            f"the status date ({on}) is before the treaty was signed ({signed})",
            "`status_date` is the day the status was checked: correct it.",
        )
        return
    if status == "signed" and in_force and on >= in_force:
        problem = f"it was in force from {in_force}"
    elif status in ("in-force", "suspended") and in_force and on < in_force:
        problem = f"it entered into force only on {in_force}"
    elif status in ("in-force", "suspended") and expires and on > expires:
        problem = f"it expired on {expires}"
    elif status == "expired" and expires and on < expires:
        problem = f"it expires only on {expires}"
    if problem:
        yield Problem(
            "/status",
            f"status {status!r} on {on} is impossible: {problem}",
            "Update `status` to what the treaty was on `status_date`, or correct the dates.",
        )

