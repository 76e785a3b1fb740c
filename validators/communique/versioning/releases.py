"""The released schema versions, each a frozen copy of the schema set in
``schema/releases/<version>/``, shipped in the wheel and the sdist with the working schemas.

The gate, and later validation of records against the version they name, need the old
schemas in a shallow clone or an installed wheel, where there is no git history to ask:
so every release is kept as files. :func:`release` is the one way to look one up.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from communique.resources import schema_dir
from communique.schemas import version_dir
from communique.versioning.changes import Version
from communique.versioning.schemaset import CODELIST_GLOB, SCHEMA_GLOB, SchemaSet, SchemaSetError

RELEASES = "releases"


class UnknownRelease(SchemaSetError):
    """No release of that version is kept."""


class AlreadyReleased(SchemaSetError):
    """A release of that version is kept already, and released versions never change."""


def releases_dir() -> Path:
    return schema_dir() / RELEASES


def working() -> SchemaSet:
    """The schemas being edited: ``schema/v1`` (the current major version's folder)."""
    return SchemaSet.load(version_dir())


def released(folder: Path | None = None) -> list[Version]:
    """Every released version kept in ``folder`` (default: the shipped releases), oldest first."""
    folder = releases_dir() if folder is None else folder
    found = []
    for path in folder.iterdir() if folder.is_dir() else ():
        try:
            found.append(Version.parse(path.name))
        except ValueError:
            continue
    return sorted(found)


def release(version: Version | str, folder: Path | None = None) -> SchemaSet:
    """The schema set released as ``version``."""
    folder = releases_dir() if folder is None else folder
    try:
        version = version if isinstance(version, Version) else Version.parse(version)
    except ValueError as error:
        raise UnknownRelease(str(error)) from None
    if version not in released(folder):
        known = ", ".join(map(str, released(folder))) or "none"
        raise UnknownRelease(f"no release {version} in {folder} (released: {known})")
    return SchemaSet.load(folder / str(version))


def latest(at_most: Version | None = None, folder: Path | None = None) -> Version | None:
    """The newest release, or the newest not after ``at_most``; None when there is none."""
    versions = [version for version in released(folder) if at_most is None or version <= at_most]
    return versions[-1] if versions else None


def freeze(source: SchemaSet, folder: Path | None = None, *, replace: bool = False) -> Path:
    """Copy ``source`` into ``folder/<its version>/``, byte for byte; an existing release is
    replaced only when asked (to refresh it before it is published), and then whole."""
    folder = releases_dir() if folder is None else folder
    target = folder / str(source.version)
    if target.exists() and not replace:
        raise AlreadyReleased(f"release {source.version} is already frozen in {target}; a released version never changes: bump x-version")
    folder.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{source.version}-", dir=folder))
    for pattern in (SCHEMA_GLOB, CODELIST_GLOB):
        for path in sorted(source.folder.glob(pattern)):
            copy = staging / path.relative_to(source.folder)
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, copy)
    if target.exists():
        shutil.rmtree(target)
    staging.rename(target)
    return target
