"""Meaning rules of events and of the statements made at them: an event ends after it
starts, belongs to no event it contains, and holds the statements that name it (their
dates and speakers). (See :mod:`communique.rules.common` for what every meaning rule
keeps to.)"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from communique.findings import Severity
from communique.kinds import EVENT, STATEMENT
from communique.rules.base import Index, Problem, record_rule
from communique.rules.common import as_date, referenced
from communique.rules.values.moment import Moment, as_moment


def _ends_before(end: Moment, start: Moment) -> bool:
    """Whether ``end`` is before ``start``: as instants when both have a time, else as days
    (a day without a time covers all of its hours)."""
    if end.instant is not None and start.instant is not None:
        return end.instant < start.instant
    return end.day < start.day


@record_rule("meaning.event-dates", Severity.ERROR, kinds=(EVENT,))
def event_dates(record: Mapping[str, Any], index: Index) -> list[Problem]:
    """An event does not end before it starts: ``start`` ≤ ``end``.

    Two times are compared as instants, offsets included (talks that start in Moscow
    at ``15:00+03:00`` and end at ``13:30Z`` end half an hour later); a date alone
    covers its whole day, so ``2019-12-10`` and ``2019-12-10T15:30-05:00`` are in order
    either way round.

    How to fix: correct ``start`` or ``end`` from the source, or leave ``end`` out when
    no source gives it.

    Example: ``start: 2020-09-11``, ``end: 2020-09-12`` passes; ``end: 2020-09-10``
    fails, and so does ``start: 2019-12-10T16:00-05:00`` with ``end:
    2019-12-10T15:30-05:00``.
    """
    start, end = as_moment(record.get("start")), as_moment(record.get("end"))
    if start is None or end is None or not _ends_before(end, start):
        return []
    return [Problem("/end", f"the event ends ({record['end']}) before it starts ({record['start']})", "Correct `start` or `end`.")]


def _days(event: Mapping[str, Any]) -> tuple[Moment, Moment] | None:
    """The first and last day of an event, as written; None when its dates cannot be read
    or are out of order (the event's own findings)."""
    start = as_moment(event.get("start"))
    end = as_moment(event.get("end")) if "end" in event else start
    if start is None or end is None or end.day < start.day:
        return None
    return start, end


@record_rule("meaning.statement-event-date", Severity.ERROR, kinds=(STATEMENT,), reads={STATEMENT: frozenset({"event"})})
def statement_event_date(record: Mapping[str, Any], index: Index) -> list[Problem]:
    """A statement made at an event is dated on one of the event's days.

    The event says when the words were said; a statement dated otherwise names the
    wrong event or has the wrong date. Days are compared as written (an event's
    ``2019-12-10T15:30-05:00`` is on 2019-12-10, Washington's day). A statement dated
    by its article's publication (``date_basis: publication``) is not checked: its
    date is not the day it was said.

    How to fix: correct the statement's ``date`` or ``event``, or the event's dates.

    Example: a statement dated ``2020-09-11`` at an event that starts ``2020-09-11``
    passes; dated ``2020-09-10``, it fails.
    """
    said = as_date(record.get("date"))
    event = referenced(record, "event", EVENT, index)
    if said is None or event is None or record.get("date_basis") == "publication":
        return []
    days = _days(event)
    if days is None or days[0].day <= said <= days[1].day:
        return []
    first, last = days[0].day, days[1].day
    span = f"on {first}" if first == last else f"from {first} to {last}"
    return [
        Problem(
            "/date",
            f"dated {said}, but its event {record['event']} took place {span}",
            "Correct the statement's `date` or `event`, or the event's `start` and `end`.",
        )
    ]


@record_rule("meaning.speaker-participant", Severity.WARNING, kinds=(STATEMENT,), reads={STATEMENT: frozenset({"event"})})
def speaker_participant(record: Mapping[str, Any], index: Index) -> list[Problem]:
    """A statement's speaker is a participant of its event, when the event lists participants.

    An event's participants say who took which part; a speaker missing from the list
    is either a participant the list forgot or a statement made elsewhere. It is a
    warning: the list may be partial (a source names only the principals), and an
    event without participants is not checked.

    How to fix: add the speaker to the event's ``participants`` with their part, or
    correct the statement's ``event``.

    Example: at an event listing ``sergey-lavrov`` as speaker, a statement by
    ``sergey-lavrov`` passes and one by ``mike-pompeo`` warns.
    """
    speaker = record.get("speaker")
    event = referenced(record, "event", EVENT, index)
    if type(speaker) is not str or event is None or type(participants := event.get("participants")) is not list:
        return []
    actors = {entry.get("actor") for entry in participants if isinstance(entry, Mapping)}
    if speaker in actors:
        return []
    return [
        Problem(
            "/speaker",
            f"{speaker} is not among the participants of event {record['event']}",
            "Add the speaker to the event's `participants`, or correct `event`.",
        )
    ]


@record_rule("meaning.event-cycle", Severity.ERROR, kinds=(EVENT,), reads={EVENT: frozenset({"part_of"})})
def event_cycle(record: Mapping[str, Any], index: Index) -> Iterator[Problem]:
    """An event is not part of itself: following ``part_of`` from event to event never comes back.

    ``part_of`` names the larger event an event belongs to (a press availability after
    talks); a chain that comes back to where it started makes every event in it
    contain itself, and a page that lists an event's parts would never end.

    How to fix: remove ``part_of`` from the largest event of the loop.

    Example: a press availability ``part_of`` the talks passes; the talks ``part_of``
    the press availability as well fails, on both events.
    """
    own = record.get("id")
    chain: list[str] = []
    event: Mapping[str, Any] | None = record
    while event is not None and type(parent := event.get("part_of")) is str:
        if parent == own:
            path = " → ".join([own, *chain, own])
            yield Problem("/part_of", f"the event is part of itself: {path}", "Remove `part_of` from the largest event of the loop.")
            return
        if parent in chain:  # a loop further up, which its own events report
            return
        chain.append(parent)
        event = index.get(EVENT, parent)
