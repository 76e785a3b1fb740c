"""The schema versions this package validates records against, one per major version.

A record names a major version in ``$schema`` (see :mod:`communique.versioning.records`);
it is checked against that major's newest schemas the package carries: the working
schemas (``schema/v1``) for the current major, the last release kept in
``schema/releases/`` for an older one. A major with neither is not carried.
"""

from __future__ import annotations

from functools import cache

from communique.versioning import releases as kept
from communique.versioning.changes import Version
from communique.versioning.schemaset import SchemaSet


@cache
def carried() -> dict[int, SchemaSet]:
    """Each major version carried, with the schema set its records are validated against."""
    working = kept.working()
    newest: dict[int, Version] = {}
    for version in kept.released():
        newest[version.major] = version  # released() is oldest first
    by_major = {major: kept.release(version) for major, version in newest.items() if major != working.version.major}
    by_major[working.version.major] = working
    return dict(sorted(by_major.items()))


def carried_text() -> str:
    """The majors carried, for a message: "v1 (1.0.0)", "v1 (1.4.2), v2 (2.0.0)"."""
    return ", ".join(f"v{major} ({schemas.version})" for major, schemas in carried().items())
