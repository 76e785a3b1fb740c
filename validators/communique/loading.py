"""``communique.load()``: a dataset folder read into typed records.

Reading and parsing are the validator's own (``communique.parse``), so a file the
validator refuses is refused here too, with the same place. Loading is not validation:
it checks what the models check (the schema's shape) and that ids are unique, and
leaves references and meaning to ``communique validate``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from os import PathLike
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from communique.kinds import KINDS, SCHEMA_MAJOR
from communique.models import MODELS, Actor, Article, Event, Record, Statement, Treaty
from communique.parse import Document, bulk_loading, escape_pointer_token, iter_documents
from communique.read import is_dataset
from communique.render.safe import printable
from communique.resources import dataset_dir
from communique.schemas import schema_version
from communique.versioning.records import SchemaRef


class DatasetError(ValueError):
    """The dataset could not be loaded; ``problems`` lists each one as ``file:line:column: message``."""

    def __init__(self, path: Path, problems: list[str]) -> None:
        self.path = path
        self.problems = problems
        shown = "\n".join(f"  {printable(problem)}" for problem in problems[:20])  # quotes records: escaped for a terminal
        more = f"\n  ... and {len(problems) - 20} more" if len(problems) > 20 else ""
        super().__init__(
            f"{len(problems)} problem(s) loading {path}; run `communique validate {path}` for details:\n{shown}{more}"
        )


@dataclass(frozen=True, repr=False)
class Dataset:
    """The records of a dataset, kind by kind, each a mapping from id to model, in file order.

    Examples:
        >>> import communique
        >>> data = communique.load()
        >>> data.statements_by("sergey-lavrov")[0].speaker
        'sergey-lavrov'
        >>> repr(data).startswith("<communique.Dataset ")
        True
    """

    path: Path
    articles: Mapping[str, Article] = field(default_factory=dict)
    actors: Mapping[str, Actor] = field(default_factory=dict)
    statements: Mapping[str, Statement] = field(default_factory=dict)
    treaties: Mapping[str, Treaty] = field(default_factory=dict)
    events: Mapping[str, Event] = field(default_factory=dict)

    def of_kind(self, kind: str) -> Mapping[str, Record]:
        """The records of one kind by its singular name: ``"statement"``."""
        return getattr(self, _FOLDERS[kind])

    def get(self, kind: str, record_id: str) -> Record | None:
        """The record of that kind and id, or None."""
        return self.of_kind(kind).get(record_id)

    def statements_in(self, article_id: str) -> list[Statement]:
        return [statement for statement in self.statements.values() if statement.article == article_id]

    def statements_by(self, actor_id: str) -> list[Statement]:
        return [statement for statement in self.statements.values() if statement.speaker == actor_id]

    def statements_about(self, treaty_id: str) -> list[Statement]:
        return [statement for statement in self.statements.values() if treaty_id in statement.treaties]

    def statements_at(self, event_id: str) -> list[Statement]:
        """The statements made at an event, in file order."""
        return [statement for statement in self.statements.values() if statement.event == event_id]

    # -- look-ups by what a reader knows: a name, a topic, dates -----------------------

    def find_actors(self, text: str) -> list[Actor]:
        """Actors whose id, name or an alias contains ``text``, ignoring case and accents."""
        wanted = _folded(text)
        return [actor for actor in self.actors.values() if any(wanted in _folded(name) for name in _names(actor))]

    def actor(self, text: str) -> Actor:
        """The one actor ``text`` names: ``"Lavrov"``, ``"sergey-lavrov"``, ``"Sergei Lavrov"``.

        An id, a name or an alias that matches exactly wins; else the one actor whose name or
        alias contains the text. :class:`LookupError` lists the candidates when there are several.

        Examples:
            >>> import communique
            >>> communique.load().actor("lavrov").name
            'Sergey Lavrov'
        """
        if text in self.actors:
            return self.actors[text]
        wanted = _folded(text)
        exact = [actor for actor in self.actors.values() if any(wanted == _folded(name) for name in _names(actor))]
        found = exact or self.find_actors(text)
        if len(found) == 1:
            return found[0]
        if not found:
            raise LookupError(f"no actor is named {printable(text)!r}")
        names = ", ".join(f"{actor.id} ({printable(actor.name)})" for actor in found)
        raise LookupError(f"{printable(text)!r} names {len(found)} actors: {names}")

    def occasion_text(self, statement: Statement) -> str:
        """The name and description of the event a statement names ("" when it names none)."""
        event = self.events.get(statement.event) if statement.event else None
        return "" if event is None else "\n".join(filter(None, (event.name, event.description)))

    def find_statements(
        self,
        *,
        speaker: str | None = None,
        article: str | None = None,
        treaty: str | None = None,
        topic: str | None = None,
        mentions: str | None = None,
        occasion: str | None = None,
        since: date | str | None = None,
        until: date | str | None = None,
    ) -> list[Statement]:
        """Statements matching every criterion given, in date order.

        ``speaker`` and ``mentions`` are an actor as :meth:`actor` finds it (an id or a name);
        ``article``, ``treaty`` and ``topic`` are ids or codes; ``occasion`` is a piece of the
        name or description of the statement's event; ``since`` and ``until`` are dates (or ISO strings), both included.

        Examples:
            >>> import communique
            >>> found = communique.load().find_statements(speaker="Lavrov", since="2020-01-01")
            >>> {statement.speaker for statement in found}, all(s.date.year >= 2020 for s in found)
            ({'sergey-lavrov'}, True)
        """
        tests: list[Callable[[Statement], bool]] = []
        if speaker is not None:
            speaker_id = self.actor(speaker).id
            tests.append(lambda s: s.speaker == speaker_id)
        if mentions is not None:
            mentioned = self.actor(mentions).id
            tests.append(lambda s: mentioned in s.mentions)
        if article is not None:
            tests.append(lambda s: s.article == article)
        if treaty is not None:
            tests.append(lambda s: treaty in s.treaties)
        if topic is not None:
            tests.append(lambda s: topic in s.topics)
        if occasion is not None:  # schema 1's free-text occasion is an event since 2.0.0
            tests.append(lambda s: _folded(occasion) in _folded(self.occasion_text(s)))
        if since is not None:
            first = date.fromisoformat(since) if isinstance(since, str) else since
            tests.append(lambda s: s.date >= first)
        if until is not None:
            last = date.fromisoformat(until) if isinstance(until, str) else until
            tests.append(lambda s: s.date <= last)
        found = [statement for statement in self.statements.values() if all(test(statement) for test in tests)]
        return sorted(found, key=lambda statement: (statement.date, statement.id))

    # -- tables -------------------------------------------------------------------------

    def to_pandas(self, table: str = "statements", resolve: bool = False):
        """One table of the exports as a pandas DataFrame (``pip install 'communique[pandas]'``);
        see :mod:`communique.frames`."""
        from communique import frames

        return frames.to_pandas(self, table, resolve)

    def to_polars(self, table: str = "statements", resolve: bool = False):
        """One table of the exports as a polars DataFrame (``pip install 'communique[polars]'``);
        see :mod:`communique.frames`."""
        from communique import frames

        return frames.to_polars(self, table, resolve)

    def __iter__(self) -> Iterator[Record]:
        for kind in KINDS:
            yield from self.of_kind(kind.name).values()

    def __len__(self) -> int:
        return sum(len(self.of_kind(kind.name)) for kind in KINDS)

    def __repr__(self) -> str:
        counts = ", ".join(f"{len(self.of_kind(kind.name))} {kind.folder}" for kind in KINDS)
        return f"<communique.Dataset {printable(str(self.path))!r}: {counts}>"


def _names(actor: Actor) -> list[str]:
    return [actor.id, actor.name, *actor.aliases]


def _folded(text: str) -> str:
    """Text compared without case or accents: ``"Lavrov"`` finds ``"LAVROV"`` and ``"Lávrov"``."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


_FOLDERS = {kind.name: kind.folder for kind in KINDS}


def load(path: str | PathLike[str] | None = None) -> Dataset:
    """Load a dataset folder (by default, the dataset this copy of communique ships with).

    Raises :class:`DatasetError` naming every file, line and field that is not strict JSON,
    does not fit its schema, or repeats an id, every entry that is not data (see
    :mod:`communique.read`), or a folder that is not a dataset; :class:`FileNotFoundError`
    when there is no such folder.

    Examples:
        >>> import communique
        >>> communique.load().get("actor", "russia").name
        'Russia'
    """
    root = Path(path) if path is not None else dataset_dir()
    if not root.is_dir():
        raise FileNotFoundError(f"no dataset folder at {root}")
    if not is_dataset(root):
        folders = ", ".join(f"{kind.folder}/" for kind in KINDS)
        raise DatasetError(root, [f"{root}: not a dataset folder (it has none of {folders})"])
    records: dict[str, dict[str, Record]] = {kind.name: {} for kind in KINDS}
    problems: list[str] = []
    with bulk_loading():
        for source, item in iter_documents(root):
            if source is None or not isinstance(item, Document):
                place = item.path if item.line is None else f"{item.path}:{item.line}:{item.column}"
                problems.append(f"{place}: {item.message} [{item.rule}]")
                continue
            if (older := _older_major(item.value)) is not None:
                problems.append(f"{source.display}:{item.line}: the record is at schema v{older}, and the models read schema "
                                f"{SCHEMA_MAJOR} records: move the dataset with `communique migrate --to {schema_version(source.kind)}`")
                continue
            try:
                record = MODELS[source.kind.name].model_validate(item.value)
            except ValidationError as error:
                problems.extend(_describe(item, error))
                continue
            same_kind = records[source.kind.name]
            if record.id in same_kind:
                line, column = item.locate("/id")
                problems.append(f"{source.display}:{line}:{column}: the {source.kind.name} id {record.id!r} is used twice")
                continue
            same_kind[record.id] = record
    if problems:
        raise DatasetError(root, problems)
    return Dataset(root, **{_FOLDERS[name]: by_id for name, by_id in records.items()})


def _older_major(value: Any) -> int | None:
    """The major version an older record names in its ``$schema`` (None: current, or no version)."""
    ref = SchemaRef.parse(value.get("$schema")) if isinstance(value, dict) else None
    return ref.major if ref is not None and f"v{ref.major}" != SCHEMA_MAJOR else None


def _describe(document: Document, error: ValidationError) -> Iterator[str]:
    for detail in error.errors(include_url=False):
        pointer = "".join(f"/{escape_pointer_token(str(step))}" for step in detail["loc"] if not _is_model_name(step))
        line, column = document.locate(pointer)
        yield f"{document.source.display}:{line}:{column}: {pointer or '/'}: {detail['msg']}"


def _is_model_name(step: object) -> bool:
    # pydantic puts the name of a validator or union member in ``loc``; those are not JSON keys
    return isinstance(step, str) and step.startswith(("function-", "union["))
