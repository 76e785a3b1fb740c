"""Ids in the dataset's own style, suggested from what a record says.

The dataset's ids are slugs (lowercase letters and digits in words joined by hyphens):
an actor's or a treaty's is its name's (``sergey-lavrov``, ``new-start``), an article's is
its publisher's, its date and the head of its headline
(``tass-2020-09-11-russia-ready-for-honest-dialogue``), a statement's is its article's,
its speaker's last name and the head of its text, an event's its start date's and the head
of its name (``2020-09-11-lavrov-press-conference-on-the``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from communique.kinds import KINDS, Kind
from communique.schemafields import definition

_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_POSSESSIVE = re.compile(r"(?<=\w)['’]s\b")  # "Lavrov's" -> "lavrov", not "lavrov-s"
#: A headline's or a text's first words: enough to tell records apart, short enough to type.
HEAD_WORDS = 6


def slug(text: str, words: int | None = None) -> str:
    """``text`` as a slug: accents dropped, ``&`` and punctuation as word breaks, at most
    ``words`` words; "" when nothing of it is a letter or digit of the Latin alphabet."""
    decomposed = unicodedata.normalize("NFKD", _POSSESSIVE.sub("", text))
    plain = "".join(char for char in decomposed if not unicodedata.combining(char)).lower()  # é -> e; a dash still breaks words
    parts = [part for part in _NOT_SLUG.split(plain) if part]
    return "-".join(parts[:words])


def _head(text: Any) -> str:
    """The first clause of a headline or text ("Russia ready ... interference — top diplomat":
    the part before the dash), in at most :data:`HEAD_WORDS` words."""
    if not isinstance(text, str):
        return ""
    clause = re.split(r"\s[—–-]\s", text.strip(), maxsplit=1)[0]
    return slug(clause, HEAD_WORDS)


def _string(record: Mapping[str, Any], name: str) -> str:
    value = record.get(name)
    return value if isinstance(value, str) else ""


def _joined(*parts: str) -> str:
    return "-".join(part for part in parts if part) if all(parts) else ""


def _article(record: Mapping[str, Any]) -> str:
    return _joined(slug(_string(record, "publisher")), slug(_string(record, "published")), _head(record.get("headline")))


def _statement(record: Mapping[str, Any]) -> str:
    speaker = slug(_string(record, "speaker")).rsplit("-", 1)[-1]
    return _joined(slug(_string(record, "article")), speaker, _head(record.get("text")))


def _event(record: Mapping[str, Any]) -> str:
    return _joined(slug(_string(record, "start")[:10]), _head(record.get("name")))


def _named(record: Mapping[str, Any]) -> str:
    return slug(_string(record, "short_name") or _string(record, "name"))


Style = tuple[Callable[[Mapping[str, Any]], str], tuple[str, ...]]
#: For each kind, its id from the record's fields, and the fields it is made from; a kind
#: not named here is named as actors and treaties are, by its name.
STYLES: dict[str, Style] = {
    "article": (_article, ("publisher", "published", "headline")),
    "statement": (_statement, ("article", "speaker", "text")),
    "event": (_event, ("start", "name")),
}
_BY_NAME: Style = (_named, ("name",))


def style(kind: str) -> Style:
    """How ids of ``kind`` are made, and from which fields."""
    return STYLES.get(kind, _BY_NAME)


def suggest(kind: str, record: Mapping[str, Any], dataset: Path | None = None) -> str:
    """The id a ``kind`` record would have in the dataset's style ("" when the record lacks
    the fields it is made from), cut to the id's length limit at a word break and made
    unique in ``dataset`` (ids share one namespace across kinds) by a ``-2``, ``-3``."""
    made, _ = style(kind)
    base = _fit(made(record), definition("id")["maxLength"] - 3)
    if not base or dataset is None:
        return base
    taken = {path.stem for folder in KINDS for path in (dataset / folder.folder).glob("*.json")}
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def id_problem(record_id: str) -> str | None:
    """Why ``record_id`` cannot be an id (the schema's ``id`` definition: a slug of at most
    its length), or None. Checked before an id becomes a file name, so that no id given on
    a command line (``../../x``, ``a/b``) can name a file outside its kind's folder."""
    rule = definition("id")
    if not isinstance(record_id, str) or not re.fullmatch(rule["pattern"], record_id):
        return "an id is lowercase letters and digits in words joined by single hyphens, such as new-start"
    if len(record_id) > rule["maxLength"]:
        return f"an id is at most {rule['maxLength']} characters long"
    return None


def record_file(dataset: Path, kind: Kind, record_id: str) -> Path:
    """Where the record ``record_id`` of ``kind`` lives in ``dataset``; ValueError (with the
    reason) when it is not an id, so never a path outside the kind's folder."""
    problem = id_problem(record_id)
    if problem is not None:
        raise ValueError(problem)
    return dataset / kind.folder / f"{record_id}.json"


def _fit(text: str, limit: int) -> str:
    while len(text) > limit and "-" in text:
        text = text.rsplit("-", 1)[0]
    return text[:limit]
