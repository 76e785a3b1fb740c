"""What versioning adds to the site: the published schemas, the schema changelog and the
data changelog (see :mod:`communique.site.generate`).

Every schema is published at the path of its ``$id`` (``https://communique.github.io/
schema/v1/statement.schema.json`` -> ``schema/v1/statement.schema.json`` of the site), with
its codelists beside it, so that once the site is served at that host every ``$id`` and
``$ref`` resolves for any JSON Schema tool. The ``$id`` of a major version serves its
newest schemas: the working ones for the current major, the last release for an older one.
Every frozen release is published as well, under ``schema/releases/<version>/``.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from communique.versioning import releases as kept
from communique.versioning.changelog import schema_changelog
from communique.versioning.datachanges import UnknownDataset, compare, dataset_release, latest_release_tag, records
from communique.versioning.schemaset import CODELIST_GLOB, SchemaSet

SCHEMA_CHANGELOG = "schema-changelog.md"
DATA_CHANGELOG = "data-changelog.md"


def _files(schemas: SchemaSet, prefix: str | None = None) -> dict[str, bytes]:
    """The set's files at their site paths: under ``prefix``, or at their ``$id``'s path."""
    published = {}
    for name, document in schemas.documents.items():
        path = f"{prefix}/{name}" if prefix else urlsplit(document["$id"]).path.lstrip("/")
        published[path] = (schemas.folder / name).read_bytes()
    folder = path.rpartition("/")[0]
    for codelist in sorted(schemas.folder.glob(CODELIST_GLOB)):
        published[f"{folder}/{codelist.relative_to(schemas.folder).as_posix()}"] = codelist.read_bytes()
    return published


def published_schemas() -> dict[str, bytes]:
    """Every schema file the site publishes, by site path."""
    working = kept.working()
    newest_of_major: dict[int, SchemaSet] = {}
    published: dict[str, bytes] = {}
    for version in kept.released():
        release = kept.release(version)
        published.update(_files(release, f"schema/{kept.RELEASES}/{version}"))
        if version.major != working.version.major:
            newest_of_major[version.major] = release
    for release in newest_of_major.values():
        published.update(_files(release))
    published.update(_files(working))
    return published


def data_changelog(dataset: Path, previous: str | None) -> str:
    """The data changelog page: the dataset against the dataset release ``previous``."""
    from communique.site.escape import md

    lines = ["# Data changelog", "",
             "Which records were added, changed (and which of their fields) and removed since the last "
             "dataset release. The same list, between any two releases: `communique changes OLD NEW` "
             "(see [Versioning](versioning.md#dataset-releases)).", ""]
    if previous is None:
        problems: list[str] = []
        count = len(records(dataset, problems))
        return "\n".join([*lines, f"No earlier dataset release is known: this is the first, and all its {count} records are new.", ""])
    try:
        with dataset_release(previous, dataset) as old:
            changes = compare(old, dataset)
    except UnknownDataset as error:
        return "\n".join([*lines, f"The last dataset release could not be read: {md(error)}", ""])
    lines += [f"Since the release `{md(previous)}`: {len(changes.added)} added, {len(changes.changed)} changed, "
              f"{len(changes.removed)} removed.", ""]
    for title, entries in (("Added", [f"{kind} `{md(id)}`" for kind, id in changes.added]),
                           ("Changed", [f"{c.kind} `{md(c.id)}`: {md(', '.join(c.fields))}" for c in changes.changed]),
                           ("Removed", [f"{kind} `{md(id)}`" for kind, id in changes.removed])):
        if entries:
            lines += [f"## {title}", "", *(f"- {entry}" for entry in entries), ""]
    return "\n".join(lines)


def pages(dataset: Path) -> dict[str, str | bytes]:
    """The site files of this module: published schemas and both changelogs."""
    return {
        **published_schemas(),
        SCHEMA_CHANGELOG: schema_changelog(),
        DATA_CHANGELOG: data_changelog(dataset, latest_release_tag(dataset)),
    }
