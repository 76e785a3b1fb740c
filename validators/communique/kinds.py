"""The five kinds of record, and where each lives in a dataset and in the schema folder."""

from __future__ import annotations

from dataclasses import dataclass

SCHEMA_MAJOR = "v2"
SCHEMA_BASE_URI = "https://communique.github.io/schema/"


@dataclass(frozen=True, eq=False, slots=True)
class Kind:
    """One kind of record. There are five, one object each: compared and hashed by
    identity (the validator looks up per-kind tables for every record), and unpickled
    as the same object."""

    name: str  # singular, as used in rule messages and references: "statement"
    folder: str  # the dataset folder holding its records: "statements"

    @property
    def schema_file(self) -> str:
        return f"{self.name}.schema.json"

    @property
    def schema_id(self) -> str:
        return f"{SCHEMA_BASE_URI}{SCHEMA_MAJOR}/{self.schema_file}"

    @property
    def schema_ref(self) -> str:
        """The ``$schema`` a record file carries: relative, so editors resolve it offline."""
        return f"../../schema/{SCHEMA_MAJOR}/{self.schema_file}"

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return _kind_named, (self.name,)


ARTICLE = Kind("article", "articles")
ACTOR = Kind("actor", "actors")
STATEMENT = Kind("statement", "statements")
TREATY = Kind("treaty", "treaties")
EVENT = Kind("event", "events")  # added in schema 1.1.0

KINDS: tuple[Kind, ...] = (ARTICLE, ACTOR, STATEMENT, TREATY, EVENT)
BY_NAME = {kind.name: kind for kind in KINDS}
BY_FOLDER = {kind.folder: kind for kind in KINDS}


def _kind_named(name: str) -> Kind:
    return BY_NAME[name]
