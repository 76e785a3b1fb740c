"""Migrations: moving records from one major schema version to the next, step by step.

A :class:`Step` turns a record of major version N into one of N+1. Steps are registered
in a :class:`Steps` registry (the package's is :data:`STEPS`; a test registers its own),
and a record is moved across several majors by chaining them.

Every migrated record is checked before anything is written:

- **lossless**: every value of the old record (every leaf: a string, a number, a
  boolean, null, an empty list or object) is still somewhere in the new one, or was
  carried into a curator's note with :func:`carry_in_note`; otherwise the migration fails,
  naming the value and where it was (:class:`Lossy`);
- **valid**: the new record passes the target release's schema for its kind.

So a step that forgets a field fails loudly, on every record it would have damaged.

A step that needs the whole dataset (one that turns a value repeated in many records into
a record of its own) has a ``survey``: it reads every record of its source major before
any is moved, and gives a :class:`Surveyed`: how to move each record, the records it
creates, and, for a moved record, the records its values went to (the lossless check
looks for them there too).

The dataset-level work (planning, writing files atomically) is in
:mod:`communique.versioning.migration`.
"""

from __future__ import annotations

import copy
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from communique.parse import escape_pointer_token
from communique.versioning.records import SchemaRef

NOTE_KIND = "context"
_CARRIED = "The migration to schema v{major} could not keep {pointer}, whose value was "


class MigrationError(Exception):
    """A record that cannot be migrated: the message says which and why."""


class Lossy(MigrationError):
    """A step dropped values without carrying them into a note."""


@dataclass(frozen=True)
class Step:
    """One migration, from major version ``source`` to ``source + 1``.

    ``apply`` gets a copy of the record (its ``$schema`` still the old one) and its
    kind's name, and returns the new record; it may change the copy in place. The
    ``$schema`` is moved to the new major by the framework. A step that needs the
    whole dataset has a ``survey`` instead, and is applied as the survey says (see
    :class:`Surveyed`)."""

    source: int
    description: str
    apply: Callable[[dict[str, Any], str], dict[str, Any]] | None = None
    survey: Callable[[list[tuple[str, dict[str, Any]]]], Surveyed] | None = None

    def __post_init__(self) -> None:
        if (self.apply is None) == (self.survey is None):
            raise ValueError("a step has either apply or survey")

    @property
    def target(self) -> int:
        return self.source + 1


@dataclass
class Surveyed:
    """What a step's survey of the whole dataset (every record, with its kind) gives: ``apply`` moves one record as :attr:`Step.apply` would;
    ``created`` are the new records, ``(kind, record)``, already at the target major;
    ``holders`` gives, for a moved record, the records (created or moved) its values went
    to, where the lossless check finds them."""

    apply: Callable[[dict[str, Any], str], dict[str, Any]]
    created: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    holders: Callable[[dict[str, Any]], list[dict[str, Any]]] = lambda record: []


class Steps:
    """A registry of steps, one per source major version."""

    def __init__(self) -> None:
        self._by_source: dict[int, Step] = {}

    def register(self, step: Step) -> Step:
        if step.source in self._by_source:
            raise ValueError(f"a migration from v{step.source} is registered already")
        self._by_source[step.source] = step
        return step

    def unregister(self, source: int) -> None:
        self._by_source.pop(source, None)

    def at(self, source: int) -> Step | None:
        """The step from major ``source``, if one is registered."""
        return self._by_source.get(source)

    def path(self, source: int, target: int) -> list[Step]:
        """The steps from major ``source`` to major ``target``, in order."""
        if target < source:
            raise MigrationError(f"is at schema v{source}, newer than v{target}: migrations only go forward")
        missing = [major for major in range(source, target) if major not in self._by_source]
        if missing:
            have = ", ".join(f"v{s.source} -> v{s.target}" for s in self._by_source.values()) or "none"
            raise MigrationError(f"no migration from v{missing[0]} to v{missing[0] + 1} is registered (registered: {have})")
        return [self._by_source[major] for major in range(source, target)]


#: The package's migrations: from schema 1 to 2 (registered at the end of this module).
STEPS = Steps()


def survey(records: Iterable[tuple[str, dict[str, Any]]], target: int, steps: Steps) -> dict[int, Surveyed]:
    """The surveys of the steps to ``target`` that have one, by source major, each over
    every record of the dataset (``(kind, record)``, whatever major it names: the ids and
    records already moved count too, as after a run that was stopped). A dataset is moved
    across such a step one major at a time: a record that would reach it only through an
    earlier step is refused by :func:`migrate_record`, and so is a run that would need a
    step after it."""
    records = list(records)
    majors = {ref.major for _, record in records if (ref := SchemaRef.parse(record.get("$schema"))) is not None and ref.major < target}
    surveyed = {}
    for major in sorted(majors):
        step = steps.at(major)
        if step is not None and step.survey is not None:
            if step.target < target:  # the records it creates would need the next steps too
                raise MigrationError(f"the step from v{step.source} to v{step.target} reads the whole dataset: migrate to v{step.target} first, then on")
            surveyed[major] = step.survey(records)
    return surveyed


def migrate_record(record: dict[str, Any], kind: str, target: int, steps: Steps = STEPS,
                   surveyed: Mapping[int, Surveyed] | None = None) -> dict[str, Any]:
    """``record`` (of ``kind``) moved to major version ``target``; the same object when it
    is there already. A step with a survey is applied as ``surveyed`` (from :func:`survey`
    over the whole dataset) says. Raises :class:`MigrationError` (and :class:`Lossy`)."""
    ref = SchemaRef.parse(record.get("$schema"))
    if ref is None:
        raise MigrationError("names no published schema in $schema, so its version is unknown: fix it first (communique validate)")
    if ref.major == target:
        return record
    new = record
    holders: list[dict[str, Any]] = []
    for step in steps.path(ref.major, target):
        done = None
        if step.survey is not None:
            done = (surveyed or {}).get(step.source)
            if done is None or step.source != ref.major:
                raise MigrationError(f"needs the whole dataset at v{step.source} to move to v{step.target} "
                                     f"(the step reads every record first): migrate the dataset to v{step.source} first")
        apply = done.apply if done is not None else step.apply
        new = apply(copy.deepcopy(new), kind)  # type: ignore[misc]
        new = _with_schema(new, str(ref.at_major(step.target)))
        if done is not None:
            holders += done.holders(new)
    gone = lost(record, new, holders)
    if gone:
        shown = "; ".join(f"{pointer} = {json.dumps(value, ensure_ascii=False)}" for pointer, value in gone[:5])
        more = f" and {len(gone) - 5} more" if len(gone) > 5 else ""
        raise Lossy(f"the migration to v{target} would lose {shown}{more}: the step must keep them or carry them into a curator's note")
    return new


def _with_schema(record: dict[str, Any], schema: str) -> dict[str, Any]:
    if "$schema" in record:
        record["$schema"] = schema  # in place: the key keeps its position
        return record
    return {"$schema": schema, **record}


# -- helpers for steps -------------------------------------------------------------------


def rename(record: dict[str, Any], old: str, new: str) -> dict[str, Any]:
    """``record`` with the field ``old`` renamed ``new`` where it stood, keys in order."""
    if old not in record:
        return record
    return {(new if key == old else key): value for key, value in record.items()}


def carry_in_note(record: dict[str, Any], pointer: str, value: Any, why: str, major: int) -> dict[str, Any]:
    """Keep a value the new schema has no place for in a curator's note on the record,
    written so that :func:`lost` (and a curator) can read the value back."""
    text = _CARRIED.format(major=major, pointer=pointer) + json.dumps(value, ensure_ascii=False) + f": {why}"
    record.setdefault("notes", []).append({"kind": NOTE_KIND, "text": text})
    return record


# -- the lossless check ------------------------------------------------------------------


def leaves(value: Any, pointer: str = "") -> Iterator[tuple[str, Any]]:
    """``(pointer, value)`` for every leaf: a value that is not a non-empty container."""
    if isinstance(value, dict) and value:
        for key, item in value.items():
            yield from leaves(item, f"{pointer}/{escape_pointer_token(key)}")
    elif isinstance(value, list) and value:
        for index, item in enumerate(value):
            yield from leaves(item, f"{pointer}/{index}")
    else:
        yield pointer, value


def _key(value: Any) -> tuple:
    """Leaves compared as JSON compares them: 1 and 1.0 alike, true and 1 not."""
    if isinstance(value, bool) or value is None:
        return ("literal", value)
    if isinstance(value, (int, float)):
        return ("number", float(value))
    if isinstance(value, str):
        return ("string", value)
    return ("empty", json.dumps(value))


def _carried(record: dict[str, Any]) -> Iterator[Any]:
    """The values :func:`carry_in_note` put into the record's notes."""
    notes = record.get("notes")
    for note in notes if isinstance(notes, list) else ():
        text = note.get("text") if isinstance(note, dict) else None
        if not isinstance(text, str) or not text.startswith("The migration to schema v"):
            continue
        _, found, rest = text.partition(", whose value was ")
        if not found:
            continue
        try:
            value, _ = json.JSONDecoder().raw_decode(rest)
        except json.JSONDecodeError:
            continue
        yield from (leaf for _, leaf in leaves(value))


def lost(old: dict[str, Any], new: dict[str, Any], holders: Iterable[dict[str, Any]] = ()) -> list[tuple[str, Any]]:
    """The leaves of ``old`` (but its ``$schema``) found neither in ``new`` (or in one of
    the ``holders`` its values moved to) nor carried into one of their notes, counted with
    repeats: two equal values need two places."""
    kept: Counter[tuple] = Counter()
    for holder in (new, *holders):
        kept.update(_key(value) for _, value in leaves(holder))
        kept.update(_key(value) for value in _carried(holder))
    missing = []
    for pointer, value in leaves(old):
        if pointer == "/$schema":
            continue
        key = _key(value)
        if kept[key]:
            kept[key] -= 1
        else:
            missing.append((pointer, value))
    return missing


# -- from schema 1 to 2: occasions become events ------------------------------------------

#: Words of an occasion that say the event's kind; the one said first wins ("press
#: availability after their talks" is a press conference).
_KIND_WORDS = (
    ("press conference", "press-conference"), ("press availability", "press-conference"),
    ("news conference", "press-conference"), ("press point", "press-conference"),
    ("briefing", "briefing"), ("interview", "interview"), ("hearing", "hearing"),
    ("speech", "speech"), ("address", "speech"), ("remarks", "speech"),
    ("talks", "talks"), ("negotiations", "talks"), ("meeting", "meeting"), ("summit", "meeting"),
    ("statement", "statement-release"),
)
_UNKNOWN_KIND = "meeting"
_ID_SLUG_LENGTH = 80


def _event_kind(occasion: str) -> str | None:
    text = occasion.lower()
    found = [(text.find(words), kind) for words, kind in _KIND_WORDS if words in text]
    return min(found)[1] if found else None


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > _ID_SLUG_LENGTH:
        slug = slug[:_ID_SLUG_LENGTH].rsplit("-", 1)[0]
    return slug or "event"


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


@dataclass
class _Occasion:
    """The statements that share one occasion text and article date, and their event."""

    text: str
    statements: list[dict[str, Any]]
    event_id: str = ""


def _new_event(occasion: _Occasion, article_date: str | None, event_id: str) -> dict[str, Any]:
    """The event record an occasion becomes: its text the name, its date the statements'."""
    dates = sorted({date for statement in occasion.statements if (date := _text(statement.get("date")))})
    start = dates[0] if dates else article_date
    ref = SchemaRef.parse(occasion.statements[0]["$schema"])
    kind = _event_kind(occasion.text)
    how = (f"its kind, {kind}, was read from the occasion's wording" if kind
           else f"the occasion's wording names no kind of event: {_UNKNOWN_KIND} stands for it until a curator sets it")
    event: dict[str, Any] = {
        "$schema": str(SchemaRef(ref.base if ref else "../../schema/", 2, "event")),
        "id": event_id,
        "name": occasion.text,
        "kind": kind or _UNKNOWN_KIND,
        "start": start,
    }
    if len(dates) > 1:
        event["end"] = dates[-1]
    count = len(occasion.statements)
    event["notes"] = [{"kind": NOTE_KIND, "text": (
        f"Made by the migration to schema v2 from the occasion of {count} statement{'s' if count > 1 else ''} "
        f"(free text in schema 1); its date is theirs, and {how}.")}]
    return event


def _statement_key(statement: dict[str, Any]) -> tuple[Any, str, Any]:
    """What tells a statement apart when it is read again to be written: its id, occasion and article."""
    return (statement.get("id"), statement["occasion"], statement.get("article"))


def _major(record: dict[str, Any]) -> int | None:
    ref = SchemaRef.parse(record.get("$schema"))
    return ref.major if ref is not None else None


def _statement_fields() -> tuple[str, ...]:
    """A statement's fields in release 2.0.0's order: where a migrated record puts ``event``,
    as the models and the exports order them."""
    from communique.versioning.releases import release

    return tuple(release("2.0.0").documents["statement.schema.json"]["properties"])


def _put_in_order(record: dict[str, Any], key: str, value: Any, order: tuple[str, ...]) -> dict[str, Any]:
    """``record`` with ``key`` added after the last of its fields that ``order`` puts before it."""
    before = [name for name in order[: order.index(key)] if name in record]
    return _put_after(record, before[-1], key, value) if before else {key: value, **record}


def _put_after(record: dict[str, Any], before: str, key: str, value: Any) -> dict[str, Any]:
    """``record`` with ``key`` added just after ``before`` (at the end when there is none)."""
    if before not in record:
        return {**record, key: value}
    items = list(record.items())
    at = [name for name, _ in items].index(before) + 1
    return dict([*items[:at], (key, value), *items[at:]])


def _occasions_to_events(records: list[tuple[str, dict[str, Any]]]) -> Surveyed:
    """Schema 2 has no ``occasion``: each distinct occasion text (per article date) becomes
    an event record that its statements name; a statement that names an event already
    keeps it, and its occasion's text is kept on that event when the event does not say it."""
    at_source = [(kind, record) for kind, record in records if _major(record) == 1]
    articles = {record.get("id"): record for kind, record in records if kind == "article"}
    events = {record["id"]: record for kind, record in records if kind == "event" and isinstance(record.get("id"), str)}
    taken = {record.get("id") for _, record in records}
    occasions: dict[tuple[str, str | None], _Occasion] = {}
    naming: dict[str, list[str]] = {}  # event id -> the occasion texts of statements naming it
    for kind, record in at_source:
        text = _text(record.get("occasion")) if kind == "statement" else None
        if text is None:
            continue
        if isinstance(record.get("event"), str):
            naming.setdefault(record["event"], []).append(text)
            continue
        article = articles.get(record.get("article"))
        published = _text(article.get("published")) if isinstance(article, dict) else None
        article_date = published[:10] if published else None
        occasions.setdefault((text, article_date), _Occasion(text, [])).statements.append(record)

    order = _statement_fields()
    created: dict[str, dict[str, Any]] = {}
    event_of: dict[tuple[Any, str, Any], str] = {}  # (statement id, occasion, article) -> its event's id
    for (text, article_date), occasion in sorted(occasions.items(), key=lambda item: (item[0][0], item[0][1] or "")):
        draft = _new_event(occasion, article_date, "")
        base = f"{draft['start']}-{_slug(text)}" if draft["start"] else _slug(text)
        event_id, number = base, 1
        while event_id in taken and _text(events.get(event_id, {}).get("name")) != text:
            number += 1
            event_id = f"{base}-{number}"
        if event_id in events:  # made by an earlier run that was stopped: named, not made again
            occasion.event_id = event_id
        else:
            created[event_id] = {**draft, "id": event_id}
            taken.add(event_id)
        for statement in occasion.statements:
            event_of[_statement_key(statement)] = event_id

    moved: dict[str, dict[str, Any]] = {}  # events of schema 1 that the statements' occasions add to
    for event_id, texts in naming.items():
        event = events.get(event_id)
        if event is None or _major(event) != 1:  # an event already moved keeps what it has
            continue
        event = copy.deepcopy(event)
        for text in dict.fromkeys(texts):
            if text in (event.get("name"), event.get("description")) or text in _carried(event):
                continue
            if "description" not in event:
                event = _put_after(event, "kind", "description", text)
            else:
                carry_in_note(event, "/occasion", text, "the occasion of statements naming this event, which its name and description do not say", 2)
        moved[event_id] = event

    def apply(record: dict[str, Any], kind: str) -> dict[str, Any]:
        if kind == "event" and record.get("id") in moved:
            return copy.deepcopy(moved[record["id"]])
        if kind != "statement" or "occasion" not in record:
            return record
        if isinstance(record.get("event"), str):
            record.pop("occasion")
            return record
        event_id = event_of.get(_statement_key(record))
        if event_id is None:
            return record
        record.pop("occasion")
        return _put_in_order(record, "event", event_id, order)

    def holders(record: dict[str, Any]) -> list[dict[str, Any]]:
        event_id = record.get("event")
        held = created.get(event_id) or moved.get(event_id) or events.get(event_id)
        return [held] if held is not None else []

    return Surveyed(apply, [("event", event) for event in created.values()], holders)


STEPS.register(Step(1, "occasions become event records that statements name", survey=_occasions_to_events))
