"""What a record's ``$schema`` says: the kind and the **major** version of the schema it follows.

A record names a major version, never a minor one: every minor and patch release of a
major accepts every record the earlier ones accepted, so the newest release of that major
is the one to check it against, and a record need not be touched when a minor version
comes out. Two forms are accepted, and a rewrite keeps the one a record uses:

- ``../../schema/v1/statement.schema.json``, relative to the record's file, so that an
  editor opening the dataset in a checkout validates it offline;
- ``https://communique.github.io/schema/v1/statement.schema.json``, the schema's ``$id``,
  for records kept away from a checkout (the site publishes the schema at that address).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from communique.kinds import SCHEMA_BASE_URI

RELATIVE_BASE = "../../schema/"

_SCHEMA_REF = re.compile(r"^(\.\./\.\./schema/|" + re.escape(SCHEMA_BASE_URI) + r")v([1-9][0-9]*)/([a-z]+)\.schema\.json$")


@dataclass(frozen=True)
class SchemaRef:
    """A parsed ``$schema``: its base (relative path or URL), major version and kind name."""

    base: str
    major: int
    kind: str

    @classmethod
    def parse(cls, value: object) -> SchemaRef | None:
        """The reference a ``$schema`` value makes, or None when it names no published schema."""
        match = _SCHEMA_REF.fullmatch(value) if isinstance(value, str) else None
        if match is None:
            return None
        base, major, kind = match.groups()
        return cls(base, int(major), kind)

    @classmethod
    def relative(cls, kind: str, major: int) -> SchemaRef:
        return cls(RELATIVE_BASE, major, kind)

    def at_major(self, major: int) -> SchemaRef:
        """The same reference, in the same form, to another major version."""
        return SchemaRef(self.base, major, self.kind)

    def __str__(self) -> str:
        return f"{self.base}v{self.major}/{self.kind}.schema.json"
