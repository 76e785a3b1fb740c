"""Meaning rules: what a record says must be true of the record, its article and its actors.

These run on every record that is strict JSON and a JSON object, schema-valid or not,
so that a curator learns of every mistake in one run. They check only what the schema
cannot: a value the schema already refuses (a date that is not a date, a URL without
``http``, a number where a text belongs) is left to the ``schema.*`` finding, so that one
mistake gives one finding; a rule must therefore test each value's type and, before
reporting a string, that the schema accepts it (:func:`schema_accepts`).
Each rule is silent when what it needs is missing; a missing article or speaker is the
``ref.*`` rules' finding, not this layer's.

Fields are found from the schemas' own annotations (``x-codelist``, ``format``, the
shared definitions a property refers to), never listed here, so a field added to a
schema is checked without touching this module.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any
from urllib.parse import urlsplit

from communique.findings import Severity
from communique.kinds import KINDS
from communique.rules.base import Index, Problem, dataset_rule, record_rule
from communique.rules.text import find_passage, fingerprint
from communique.schemafields import ITEMS, Field, fields, values
from communique.schemas import codelist

# --- fields, from the schemas ---------------------------------------------------------


@dataclass(frozen=True)
class Chosen:
    """The fields some rule checks, in every kind, and the kinds that have any."""

    fields: tuple[Field, ...]
    kinds: tuple[str, ...]
    names: frozenset[str]  # the top-level properties they sit under
    by_kind: dict[str, frozenset[str]]  # ... in each kind: what the rule reads (``record_rule(reads=...)``)

    def strings(self, record: Mapping[str, Any]) -> list[tuple[str, str, Field]]:
        """(pointer, value, field) for each string value of these fields in the record."""
        if record.keys().isdisjoint(self.names):  # most records have none: one C-level test
            return []
        return _strings(record, self.fields)



def _fields_where(test: Callable[[Field], bool]) -> Chosen:
    """The fields that pass ``test`` in any kind, one per path.

    A rule is not told which kind its record is, so it looks at the union of the kinds'
    fields; a path means the same in every kind that has it (``sources/*/url``).
    """
    by_path: dict[tuple[str, ...], Field] = {}
    by_kind: dict[str, set[str]] = {}
    for kind in KINDS:
        for field in fields(kind.name):
            if test(field):
                by_path.setdefault(field.path, field)
                by_kind.setdefault(kind.name, set()).add(field.path[0])
    names = {kind: frozenset(found) for kind, found in by_kind.items()}
    return Chosen(tuple(by_path.values()), tuple(by_kind), frozenset(path[0] for path in by_path), names)


@cache
def _pattern(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def schema_accepts(schema: Mapping[str, Any], value: Any) -> bool:
    """Whether a string value passes its field's own string constraints (type, length,
    pattern, format): only then may a meaning rule speak about it."""
    if not isinstance(value, str):
        return False
    if len(value) < schema.get("minLength", 0) or len(value) > schema.get("maxLength", len(value)):
        return False
    if "pattern" in schema and not _pattern(schema["pattern"]).search(value):
        return False
    if "format" in schema:
        from jsonschema import Draft202012Validator

        return Draft202012Validator.FORMAT_CHECKER.conforms(value, schema["format"])
    return True


def _strings(record: Mapping[str, Any], chosen: tuple[Field, ...]) -> list[tuple[str, str, Field]]:
    """(pointer, value, field) for each string value of the chosen fields.

    A rule calls :func:`schema_accepts` only on a value it is about to report: most
    values pass, and the rule's own test is cheaper than the schema's.
    """
    found = []
    for field in chosen:
        path = field.path
        if path[0] not in record:
            continue
        if len(path) == 1:  # the common shapes, without the general walk
            if type(value := record[path[0]]) is str:
                found.append((f"/{path[0]}", value, field))
        elif len(path) == 2 and path[1] == "*" and type(items := record[path[0]]) is list:
            found.extend((f"/{path[0]}/{position}", item, field) for position, item in enumerate(items) if type(item) is str)
        else:
            found.extend((pointer, value, field) for pointer, value in values(record, path) if type(value) is str)
    return found


# --- small helpers ---------------------------------------------------------------------


def _date(value: Any) -> dt.date | None:
    """A ``YYYY-MM-DD`` date, or None for anything else (the schema reports that)."""
    return _parse_date(value) if isinstance(value, str) and len(value) == 10 else None


@lru_cache(maxsize=1 << 16)  # a dataset has few distinct dates, each met many times
def _parse_date(value: str) -> dt.date | None:
    if value[4] == "-" and value[7] == "-":
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _referenced(record: Mapping[str, Any], field: str, kind: str, index: Index) -> Mapping[str, Any] | None:
    """The record that ``field`` refers to, or None when the value or the record is missing."""
    record_id = record.get(field)
    return index.get(kind, record_id) if type(record_id) is str else None


def _clip(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _clip_start(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else "…" + text[1 - limit :]


# --- statements and their articles ------------------------------------------------------


@cache
def _schema_of(kind: str, path: tuple[str, ...]) -> Mapping[str, Any]:
    """The schema of one field of ``kind`` (for :func:`schema_accepts`)."""
    return next(field.schema for field in fields(kind) if field.path == path)


def _passage_problem(record: Mapping[str, Any], index: Index, kind: str, what: str) -> list[Problem]:
    if record.get("kind") != kind or not isinstance(text := record.get("text"), str):
        return []
    article = _referenced(record, "article", "article", index)
    if article is None or not isinstance(body := article.get("body"), (str, bytes)):  # bytes: see Index.get
        return []
    match = find_passage(text, body)
    if match.found or not schema_accepts(_schema_of("statement", ("text",)), text):
        return []
    article_id = record["article"]
    if match.blank:
        return [
            Problem(
                "/text",
                f"the {what} has no visible text: only white space or invisible characters (zero-width spaces, soft hyphens)",
                "Copy the words from the article's body; invisible characters are often pasted along with an empty selection.",
            )
        ]
    if match.inside_word:
        return [
            Problem(
                "/text",
                f"the {what} is in article {article_id}'s body only as part of longer words",
                "Its first or last word is cut short: copy the whole word from the article's body.",
            )
        ]
    if match.matched:
        where = f"the body has it as far as {_clip_start(match.matched)!r}, but not what follows: {_clip(match.unmatched)!r}"
    else:
        where = "not even its first character is in the body"
    return [
        Problem(
            "/text",
            f"the {what} is not found verbatim in article {article_id}'s body; {where}",
            "Copy the words exactly as the article prints them (spacing and quote marks may differ; "
            "letters, case and punctuation may not), or point `article` at the article that has them.",
        )
    ]


@record_rule("meaning.quote-in-article", Severity.ERROR, kinds=("statement",))
def quote_in_article(record: Mapping[str, Any], index: Index) -> list[Problem]:
    """A quote's text is found verbatim in its article's body.

    A quote says that these exact words were said and that this article prints them;
    a quote that is not in its article is unsourced, however close it is. The comparison
    ignores only what a reader cannot see: runs of white space (line breaks, no-break
    spaces), curly or straight quote marks and apostrophes, Unicode composition and
    zero-width characters. Letters, case and punctuation must match, and the quote must
    start and end on whole words.

    How to fix: copy the words from the article's ``body`` as printed, without the
    surrounding quote marks; the finding shows how far the text matches. If the article
    itself mangled the words, keep them as printed and explain in a ``source-error`` note.

    Example: the body prints ``“We used the channels that existed back then,” Lavrov
    said``; the text ``We used the channels that existed back then`` passes, ``We used
    the channels which existed back then`` does not.
    """
    return _passage_problem(record, index, "quote", "quote")


@record_rule("meaning.paraphrase-in-article", Severity.WARNING, kinds=("statement",))
def paraphrase_in_article(record: Mapping[str, Any], index: Index) -> list[Problem]:
    """A paraphrase's text is found verbatim in its article's body.

    A paraphrase records the article's own sentence or clause that reports what the
    speaker said, so that the record can be traced to the words it rests on. The text
    is compared as for quotes (white space, quote marks, Unicode composition ignored).
    It is a warning, not an error: no words are put in the speaker's mouth, but a
    paraphrase that cannot be found cannot be checked either.

    How to fix: copy the article's clause as printed; do not summarise it in your own
    words (that belongs in a note).

    Example: the body says ``Lavrov said the Trump administration has declined to agree
    to the release of the documents``; the text ``the Trump administration has declined
    to agree to the release of the documents`` passes, ``the US refused to publish the
    documents`` does not.
    """
    return _passage_problem(record, index, "paraphrase", "paraphrase")


@record_rule("meaning.statement-date", Severity.ERROR, kinds=("statement",))
def statement_date(record: Mapping[str, Any], index: Index) -> list[Problem]:
    """A statement is not dated after the publication of the article that reports it.

    An article can only report what was said by the day it was published; a later date
    is a typing mistake or the wrong article.

    How to fix: take the date the article gives for the remark (or its publication date
    when it says "said on Tuesday" of that week); if the article is a later copy, point
    at the right one.

    Example: an article published ``2019-12-10`` cannot report a statement dated
    ``2019-12-11``; ``2019-12-10`` or earlier passes.
    """
    day = record.get("date")
    article = _referenced(record, "article", "article", index)
    if type(day) is not str or article is None:
        return []
    published_day = article.get("published")
    if type(published_day) is str and day <= published_day:  # valid dates compare as text: the usual case ends here
        return []
    said, published = _date(day), _date(published_day)
    if said is None or published is None or said <= published:
        return []
    return [
        Problem(
            "/date",
            f"dated {said}, after its article {record['article']} was published ({published})",
            "Give the date the remark was made; it cannot be later than the article's `published`.",
        )
    ]


def _held_on(roles: list, role: str, said: str) -> bool:
    """Fast path: whether a role entry plainly covers the day (valid dates compare as text)."""
    for entry in roles:
        if type(entry) is dict and entry.get("role") == role:
            start, end = entry.get("start"), entry.get("end", "9999-12-31")
            if type(start) is str and type(end) is str and start <= said <= end:
                return True
    return False


@record_rule("meaning.speaker-role", Severity.ERROR, kinds=("statement",))
def speaker_role(record: Mapping[str, Any], index: Index) -> list[Problem]:
    """The speaker held the statement's ``speaker_role`` on its date, where roles are recorded.

    A role attributed to the wrong person or the wrong time (a foreign minister quoted
    before taking office) misinforms every reader of the statement. The check applies
    only to speakers whose actor record lists ``roles``; an actor without them is not
    checked.

    How to fix: correct ``speaker_role`` or the statement's ``date``, or complete the
    actor's ``roles``. If the article itself gives the wrong office, keep it as the
    article says, add a ``source-error`` note and silence this rule with that reason.

    Example: Sergey Lavrov's roles list ``foreign-minister`` from ``2004-03-09``; a
    statement by him with ``speaker_role: foreign-minister`` dated ``2003-05-01`` fails.
    """
    role, day = record.get("speaker_role"), record.get("date")
    if type(role) is not str or type(day) is not str:
        return []
    speaker = _referenced(record, "speaker", "actor", index)
    roles = speaker.get("roles") if speaker is not None else None
    if type(roles) is not list or not roles or _held_on(roles, role, day):  # the usual case ends here
        return []
    said = _date(day)
    if said is None or not schema_accepts(_schema_of("statement", ("speaker_role",)), role):
        return []
    held = [entry for entry in roles if isinstance(entry, Mapping) and entry.get("role") == role]
    speaker_id = record["speaker"]
    if not held:
        recorded = sorted({entry["role"] for entry in roles if isinstance(entry, Mapping) and isinstance(entry.get("role"), str)})
        return [
            Problem(
                "/speaker_role",
                f"{speaker_id} has no recorded role {role!r} (recorded: {', '.join(recorded) or 'none'})",
                "Use one of the speaker's recorded roles, or add this one with its dates to the actor's `roles`.",
            )
        ]
    periods = []
    for entry in held:
        start, end = _date(entry.get("start")), _date(entry.get("end"))
        if start is None or ("end" in entry and end is None):
            return []  # a role with a broken date: the schema reports it; nothing can be decided
        if start <= said and (end is None or said <= end):
            return []
        periods.append(f"from {start} to {end or 'now'}")
    return [
        Problem(
            "/speaker_role",
            f"{speaker_id} was not {role} on {said}: recorded {'; '.join(periods)}",
            "Check the statement's `date` and `speaker_role` against the actor's `roles`.",
        )
    ]


@record_rule("meaning.role-dates", Severity.ERROR, kinds=("actor",))
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
        start, end = _date(entry.get("start")), _date(entry.get("end"))
        if start is not None and end is not None and end < start:
            yield Problem(
                f"/roles/{position}/end",
                f"the role ends ({end}) before it starts ({start})",
                "Correct `start` or `end`: `end` is the last day in office.",
            )


# --- treaties ---------------------------------------------------------------------------


@record_rule("meaning.treaty-dates", Severity.ERROR, kinds=("treaty",))
def treaty_dates(record: Mapping[str, Any], index: Index) -> Iterator[Problem]:
    """A treaty is signed, then enters into force, then expires: ``signed`` ≤ ``in_force`` ≤ ``expires``.

    A treaty cannot bind before it is signed nor expire before it binds; dates out of
    this order are typing mistakes (often a swapped month and day).

    How to fix: check the dates against the treaty's text or depositary.

    Example: New START, signed ``2010-04-08``, in force ``2011-02-05``, expires
    ``2026-02-05`` passes; an ``in_force`` of ``2010-02-05`` fails.
    """
    signed, in_force, expires = (_date(record.get(name)) for name in ("signed", "in_force", "expires"))
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
            if isinstance(event, Mapping) and (date := _date(event.get("date"))) is not None:
                yield position, event, date


@record_rule("meaning.treaty-lifecycle-order", Severity.ERROR, kinds=("treaty",))
def treaty_lifecycle_order(record: Mapping[str, Any], index: Index) -> Iterator[Problem]:
    """A treaty's lifecycle events are in date order, none before the treaty was signed.

    The lifecycle is read as a history, top to bottom; an event out of order, or one
    that predates the signature, is a wrong date or a misplaced entry.

    How to fix: correct the event's ``date``, or move the event to its place in time.

    Example: ``signed 2010-04-08``, ``entered-into-force 2011-02-05``, ``extended
    2021-02-03`` passes; listing the extension before the entry into force fails.
    """
    signed = _date(record.get("signed"))
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


@record_rule("meaning.treaty-lifecycle-fields", Severity.ERROR, kinds=("treaty",))
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
            on = _date(record.get(field))
            if on and date != on:
                yield Problem(
                    f"/lifecycle/{position}/date",
                    f"the first {name} event is dated {date}, but the treaty's `{field}` is {on}",
                    f"The treaty was {words} on one day: make the event's date and `{field}` agree.",
                )
        elif name == "expired":
            expires = _date(record.get("expires"))
            if expires and date != expires:
                yield Problem(
                    f"/lifecycle/{position}/date",
                    f"the expired event is dated {date}, but the treaty's `expires` is {expires}",
                    "Make the event's date and `expires` agree.",
                )
        if name == "extended" and (until := _date(event.get("until"))) is not None:
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
    expires = _date(record.get("expires"))
    if last_until and expires and expires != last_until[1]:
        yield Problem(
            "/expires",
            f"expires {expires}, but the last extension runs until {last_until[1]}",
            "`expires` includes extensions: it equals the last extension's `until`.",
        )


@record_rule("meaning.treaty-status", Severity.ERROR, kinds=("treaty",))
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
    on = _date(record.get("status_date"))
    status = record.get("status")
    if on is None or not isinstance(status, str):
        return
    signed, in_force, expires = (_date(record.get(name)) for name in ("signed", "in_force", "expires"))
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


# --- values checked against standards ----------------------------------------------------

_URL_FIELDS = _fields_where(lambda field: field.schema.get("format") == "uri")


# A URL whose authority is a plain host name: what ``urlsplit`` would take apart into
# that host alone (no user, password or port), at a tenth of its cost.
_PLAIN_URL = re.compile(r"https?://([A-Za-z0-9.-]+)(?:[/?#]|$)")


def _url_problem(url: str) -> str | None:
    """What stops ``url`` (already an http(s) URI by the schema) from being a public address."""
    if (plain := _PLAIN_URL.match(url)) is not None:
        return _host_problem(plain.group(1).lower())
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:
        return f"it cannot be read as a URL ({error})"
    if parts.username is not None or parts.password is not None:
        return "it carries a user name or password"
    host = parts.hostname or ""
    if port == 0:
        return "its port is 0"
    return _host_problem(host)


@lru_cache(maxsize=1 << 12)  # a dataset's URLs share a few hosts
def _host_problem(host: str) -> str | None:
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        address = None
    if address is not None:
        return None if address.is_global else f"{host} is not a public internet address"
    labels = host.split(".")
    if len(labels) < 2 or not all(_HOST_LABEL.match(label) for label in labels) or labels[-1].isdigit():
        return f"{host!r} is not a public host name"
    return None


_HOST_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")


@record_rule("meaning.public-url", Severity.ERROR, kinds=_URL_FIELDS.kinds, reads=_URL_FIELDS.by_kind)
def public_url(record: Mapping[str, Any], index: Index) -> list[Problem]:
    """A web address points at a public page: no credentials, a public host, a valid port.

    Every URL is published with the record and is how a reader checks it. The schema
    already requires an absolute ``http`` or ``https`` URI (a ``schema.*`` finding
    otherwise, and this rule then stays silent); this rule catches what a pattern
    cannot: credentials that must never be published, and hosts no reader can reach
    (``localhost``, a private network address, a name without a domain).

    How to fix: copy the address from the browser's address bar on the public page.

    Example: ``https://tass.com/politics/1199783`` passes; ``https://user:secret@tass.com/``
    and ``http://intranet/page`` fail.
    """
    return [
        Problem(pointer, f"{_clip(url)} is not a public web address: {problem}", "Use the page's public address.")
        for pointer, url, field in _URL_FIELDS.strings(record)
        if (problem := _url_problem(url)) is not None and schema_accepts(field.schema, url)
    ]


_LANGUAGE_FIELDS = _fields_where(lambda field: "language" in field.defs)


# RFC 5646 well-formedness, without extended language subtags (never canonical: zh-cmn is
# cmn) and the grandfathered tags (i-klingon is tlh): both get the canonical form's hint.
_WELL_FORMED_TAG = re.compile(
    r"""(?:[a-z]{2,3}|[a-z]{5,8})  # language
    (?:-[a-z]{4})?  # script
    (?:-(?:[a-z]{2}|[0-9]{3}))?  # region
    (?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*  # variants
    (?:-[0-9a-wyz](?:-[a-z0-9]{2,8})+)*  # extensions
    (?:-x(?:-[a-z0-9]{1,8})+)?  # private use
    """,
    re.VERBOSE,
)


@cache
def language_tag_problem(tag: str) -> str | None:
    """Why ``tag`` is not a canonical BCP 47 tag, or None when it is (case is free, as in BCP 47)."""
    import langcodes  # 35 ms: paid only when a record has a language

    if _WELL_FORMED_TAG.fullmatch(tag.lower()) and langcodes.tag_is_valid(tag):
        canonical = langcodes.standardize_tag(tag)
        if canonical.lower() == tag.lower():
            return None
        return f"{tag!r} is a valid BCP 47 tag, but not in its canonical form: write {canonical!r}"
    if langcodes.tag_is_valid(tag):
        suggestion = langcodes.standardize_tag(tag)
        if _WELL_FORMED_TAG.fullmatch(suggestion.lower()):
            return f"{tag!r} is not a valid BCP 47 language tag; did you mean {suggestion!r}?"
    return f"{tag!r} is not a valid BCP 47 language tag"


@record_rule("meaning.language-tag", Severity.ERROR, kinds=_LANGUAGE_FIELDS.kinds, reads=_LANGUAGE_FIELDS.by_kind)
def language_tag(record: Mapping[str, Any], index: Index) -> list[Problem]:
    """A language tag is a valid BCP 47 tag, in its canonical form.

    Language tags tell readers and software which language a text is in. The schema
    checks their rough shape; this rule checks that the tag is well-formed (RFC 5646),
    that each part is registered (the IANA registry as shipped by ``langcodes``, offline)
    and that it is written the one canonical way, so that every text in one language
    carries one tag: ``ru``, not ``rus``; ``he``, not the deprecated ``iw``; ``en``, not
    ``en-Latn``. Letter case is free, as BCP 47 says.

    How to fix: use the shortest registered tag: ``en``, ``ru``, ``zh-Hans``, ``pt-BR``;
    the message names the canonical form when there is one.

    Example: ``ru`` and ``en-GB`` pass; ``english``, ``en-USA`` and ``rus`` fail.
    """
    return [
        Problem(pointer, problem, "Use a registered tag such as `en`, `ru` or `zh-Hans` (language, then optional script and region).")
        for pointer, tag, field in _LANGUAGE_FIELDS.strings(record)
        if (problem := language_tag_problem(tag)) is not None and schema_accepts(field.schema, tag)
    ]


_COUNTRY_FIELDS = _fields_where(lambda field: "country" in field.defs)
KOSOVO = "XK"  # user-assigned, not in ISO 3166-1, but used for Kosovo by the EU, Wikidata and CLDR


@cache
def country_codes() -> frozenset[str]:
    """ISO 3166-1 alpha-2 codes, current and withdrawn (ISO 3166-3), and XK for Kosovo."""
    import pycountry  # 35 ms: paid only when a record has a country

    current = {country.alpha_2 for country in pycountry.countries}
    former = {getattr(country, "alpha_2", "") for country in pycountry.historic_countries}
    return frozenset(current | former | {KOSOVO}) - {""}


@record_rule("meaning.country-code", Severity.ERROR, kinds=_COUNTRY_FIELDS.kinds, reads=_COUNTRY_FIELDS.by_kind)
def country_code(record: Mapping[str, Any], index: Index) -> list[Problem]:
    """A country code is an ISO 3166-1 alpha-2 code.

    The schema checks the shape (two capital letters); this rule checks that the code
    is assigned (the ``pycountry`` tables, offline). Codes of former states (ISO 3166-3:
    ``SU`` for the Soviet Union, ``YU`` for Yugoslavia) are accepted, since treaties
    outlive their parties, and so is ``XK`` for Kosovo, which ISO leaves to users and
    the EU and Wikidata use.

    How to fix: use the code from the ISO 3166-1 list (``GB``, not ``UK``).

    Example: ``RU`` and ``US`` pass; ``UK`` and ``EU`` fail.
    """
    return [
        Problem(
            pointer,
            f"{code!r} is not an ISO 3166-1 alpha-2 country code",
            "Use the two-letter ISO 3166-1 code, such as `GB` for the United Kingdom.",
        )
        for pointer, code, field in _COUNTRY_FIELDS.strings(record)
        if code not in country_codes() and schema_accepts(field.schema, code)
    ]


_OPEN_CODELIST_FIELDS = _fields_where(lambda field: bool(field.schema.get("x-codelist", {}).get("open")))


@cache
def _codes(file: str) -> frozenset[str]:
    return frozenset(row.code for row in codelist(file))


@record_rule("meaning.codelist-open", Severity.WARNING, kinds=_OPEN_CODELIST_FIELDS.kinds, reads=_OPEN_CODELIST_FIELDS.by_kind)
def codelist_open(record: Mapping[str, Any], index: Index) -> list[Problem]:
    """A value of an open codelist's field is in that codelist.

    Open codelists (roles, topics) may grow as the dataset does, so a new code is
    allowed, but it is a warning: most new codes are typos or synonyms of codes that
    exist, and a code used without being in its codelist has no title or description
    for readers. Closed codelists are enforced by the schema's ``enum``.

    How to fix: use an existing code, or add the new one, with a title and description,
    to the codelist CSV named in the message.

    Example: ``foreign-minister`` passes; ``foreign-secretary`` warns (the codelist's
    ``foreign-minister`` covers every title of the office).
    """
    found = []
    for field, head, shape, file, codes in _open_codelists():
        if head not in record:
            continue
        value = record[head]
        if shape is str and type(value) is str and value in codes:
            continue  # the usual cases, a known code or a list of them: nothing to walk
        if shape is list and type(value) is list:
            try:
                if codes.issuperset(value):
                    continue
            except TypeError:  # an item that cannot be a code (a list): the walk skips it
                pass
        found.extend(
            Problem(
                pointer,
                f"{code!r} is not in the open codelist {file}",
                f"Use one of its codes ({', '.join(sorted(codes))}) or add this one to {file}.",
            )
            for pointer, code in values(record, field.path)
            if type(code) is str and code not in codes and schema_accepts(field.schema, code)
        )
    return found


@cache
def _open_codelists() -> tuple[tuple[Field, str, type | None, str, frozenset[str]], ...]:
    """(field, its top-level property, its shape, codelist file, its codes) for each field
    of an open codelist; the shape is ``str`` for a property that is the code, ``list``
    for a property that lists codes, None for a code deeper in the record."""
    found = []
    for field in _OPEN_CODELIST_FIELDS.fields:
        path, file = field.path, field.schema["x-codelist"]["file"]
        shape = str if len(path) == 1 else list if path[1:] == (ITEMS,) else None
        found.append((field, path[0], shape, file, _codes(file)))
    return tuple(found)


# --- rules over the whole dataset ----------------------------------------------------------

def _near_duplicate_problem(earlier: str, pointer: str, speaker: str) -> Problem:
    return Problem(
        pointer,
        f"says the same words as statement {earlier}, also by {speaker}",
        "Delete one of the two; if two articles report the same remark, silence this rule here with that reason.",
    )


@dataset_rule("meaning.near-duplicate", Severity.WARNING, kinds=("statement",), problem=_near_duplicate_problem)
def near_duplicates(statement: Mapping[str, Any]) -> list[tuple[int, str, str]]:
    """No two statements from the same speaker say the same words.

    Statements are compared by their letters and digits alone: case, punctuation, quote marks and
    spacing are ignored. The same remark recorded twice counts it twice in every
    analysis; when two articles report one remark, both statements are right, and the
    warning asks the curator to confirm it. The check hashes each statement once, so it
    stays linear in the size of the dataset.

    How to fix: delete the copy; or, when two articles really report the same remark,
    silence this rule on the later statement with that reason.

    Example: two statements by ``mike-pompeo`` with the texts ``We'll publish all the
    documents`` and ``we’ll publish all the documents.`` warn on the second.
    """
    speaker, text = statement.get("speaker"), statement.get("text")
    if not (isinstance(speaker, str) and isinstance(text, str)):
        return []
    words = fingerprint(text)
    if not words:
        return []
    return [(hash((speaker, words)), "/text", speaker)]


_WIKIDATA_FIELDS = _fields_where(lambda field: "wikidata" in field.defs)


def _shared_wikidata_problem(earlier: str, pointer: str, item: str) -> Problem:
    return Problem(pointer, f"{item} is also the Wikidata item of {earlier}", "Merge the two records, or correct the item of the wrong one.")


@dataset_rule("meaning.wikidata-unique", Severity.WARNING, kinds=_WIKIDATA_FIELDS.kinds, problem=_shared_wikidata_problem)
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
