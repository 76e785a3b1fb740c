"""``communique.load()``: a dataset folder read into typed records.

Reading and parsing are the validator's own (``communique.parse``), so a file the
validator refuses is refused here too, with the same place. Loading is not validation:
it checks what the models check (the schema's shape) and that ids are unique, and
leaves references and meaning to ``communique validate``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path

from pydantic import ValidationError

from communique.kinds import KINDS
from communique.models import MODELS, Actor, Article, Record, Statement, Treaty
from communique.parse import Document, bulk_loading, escape_pointer_token, iter_documents
from communique.read import is_dataset
from communique.render.safe import printable
from communique.resources import dataset_dir


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


@dataclass(frozen=True)
class Dataset:
    """The records of a dataset, kind by kind, each a mapping from id to model, in file order."""

    path: Path
    articles: Mapping[str, Article] = field(default_factory=dict)
    actors: Mapping[str, Actor] = field(default_factory=dict)
    statements: Mapping[str, Statement] = field(default_factory=dict)
    treaties: Mapping[str, Treaty] = field(default_factory=dict)

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

    def __iter__(self) -> Iterator[Record]:
        for kind in KINDS:
            yield from self.of_kind(kind.name).values()

    def __len__(self) -> int:
        return sum(len(self.of_kind(kind.name)) for kind in KINDS)


_FOLDERS = {kind.name: kind.folder for kind in KINDS}


def load(path: str | PathLike[str] | None = None) -> Dataset:
    """Load a dataset folder (by default, the dataset this copy of communique ships with).

    Raises :class:`DatasetError` naming every file, line and field that is not strict JSON,
    does not fit its schema, or repeats an id, every entry that is not data (see
    :mod:`communique.read`), or a folder that is not a dataset; :class:`FileNotFoundError`
    when there is no such folder.
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


def _describe(document: Document, error: ValidationError) -> Iterator[str]:
    for detail in error.errors(include_url=False):
        pointer = "".join(f"/{escape_pointer_token(str(step))}" for step in detail["loc"] if not _is_model_name(step))
        line, column = document.locate(pointer)
        yield f"{document.source.display}:{line}:{column}: {pointer or '/'}: {detail['msg']}"


def _is_model_name(step: object) -> bool:
    # pydantic puts the name of a validator or union member in ``loc``; those are not JSON keys
    return isinstance(step, str) and step.startswith(("function-", "union["))
