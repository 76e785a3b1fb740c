"""What a previous export wrote, so that the next one replaces that and nothing else.

Every export leaves a manifest, :data:`MANIFEST`, among its files: each path it wrote with
its SHA-256. A folder is replaced only when everything in it is accounted for: the files
the manifest lists, unchanged since they were written, and the folders that hold them. A
file the user added beside an export, a file of the export the user edited, a project
folder that merely holds some ``datapackage.json``: the export refuses and changes nothing.

Refusing rather than carrying the user's files over into the new export keeps the
replacement one atomic rename, and a file dropped beside ``datapackage.json`` would
otherwise travel with the package as if it were part of it.

The manifest is input like any other: it is parsed strictly, a path in it that is not a
plain relative one (``..``, absolute, a backslash) makes the whole manifest foreign, and
its paths are only compared with what a walk of the folder finds, never opened or removed
by name; the walk does not follow symbolic links, and a link is never a file of an export.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, StringConstraints, ValidationError

from communique.export.writers import ExportError
from communique.render.safe import printable

MANIFEST = ".communique-export.json"
_MAX_BYTES = 1 << 20  # a real manifest is a few kilobytes; more is not one of ours
_SHOWN = 10  # paths named in a refusal; the rest are counted


class TargetRefused(ExportError):
    """The folder to write holds something no export wrote; nothing was changed."""


def _plain_relative(path: str) -> str:
    parts = path.split("/")
    if path.startswith("/") or "\\" in path or "\x00" in path or any(part in ("", ".", "..") for part in parts):
        raise ValueError("not a plain relative path inside the export")
    return path


class Manifest(BaseModel):
    """The files of one export, by path relative to its folder, with their hashes."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    written_by: Literal["communique export"] = "communique export"
    manifest_version: Literal[1] = 1
    files: dict[
        Annotated[str, AfterValidator(_plain_relative)],
        Annotated[str, StringConstraints(pattern=r"^sha256:[0-9a-f]{64}$")],
    ]


def file_hash(path: Path) -> str:
    """``sha256:<hex>`` of a regular file, never through a symbolic link."""
    with open(path, "rb", opener=lambda name, flags: os.open(name, flags | getattr(os, "O_NOFOLLOW", 0))) as handle:
        return f"sha256:{hashlib.file_digest(handle, 'sha256').hexdigest()}"


def write_manifest(folder: Path, hashes: dict[str, str]) -> None:
    text = Manifest(files=hashes).model_dump_json(indent=2) + "\n"
    (folder / MANIFEST).write_text(text, encoding="utf-8", newline="\n")


def _listed(paths: list[str]) -> str:
    shown = ", ".join(printable(path) for path in paths[:_SHOWN])
    return shown + (f" and {len(paths) - _SHOWN} more" if len(paths) > _SHOWN else "")


def _read(folder: Path, shown: str) -> Manifest:
    path = folder / MANIFEST
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):
            raise ValueError("not a regular file")
        with open(path, "rb", opener=lambda name, flags: os.open(name, flags | getattr(os, "O_NOFOLLOW", 0))) as handle:
            data = handle.read(_MAX_BYTES + 1)
        if len(data) > _MAX_BYTES:
            raise ValueError("too large")
        return Manifest.model_validate_json(data)
    except (ValueError, ValidationError):  # ValidationError is a ValueError; named for the reader
        raise TargetRefused(
            f"refusing to replace {shown}: its {MANIFEST} is not a manifest communique export wrote"
        ) from None


def check_replaceable(folder: Path, shown_as: Path | None = None) -> None:
    """Return if ``folder`` is absent, empty, or holds a previous export and nothing else.

    Raises :class:`TargetRefused`, naming what is in the way, otherwise; the message calls
    the folder ``shown_as`` (the target, when ``folder`` is the target moved aside).
    """
    shown = printable(str(shown_as or folder))
    try:
        mode = os.lstat(folder).st_mode
    except FileNotFoundError:
        return
    if not stat.S_ISDIR(mode):
        raise TargetRefused(f"refusing to replace {shown}: it exists and is not a folder")
    entries = os.listdir(folder)
    if not entries:
        return
    if MANIFEST not in entries:
        raise TargetRefused(
            f"refusing to replace {shown}: it is not empty and holds no {MANIFEST}, so it is not a folder "
            "communique export wrote (an export written before exports kept that manifest must be removed by hand). "
            "Choose a new or empty folder."
        )
    listed = _read(folder, shown).files
    holders = {"/".join(path.split("/")[:depth]) for path in listed for depth in range(1, path.count("/") + 1)}
    foreign: list[str] = []
    changed: list[str] = []
    pending = [(folder, "")]
    while pending:
        where, prefix = pending.pop()
        with os.scandir(where) as found:
            for entry in sorted(found, key=lambda entry: entry.name):
                relative = prefix + entry.name
                if relative == MANIFEST:
                    continue
                if relative in holders and entry.is_dir(follow_symlinks=False):
                    pending.append((Path(entry.path), relative + "/"))
                elif relative in listed and entry.is_file(follow_symlinks=False):
                    if file_hash(Path(entry.path)) != listed[relative]:
                        changed.append(relative)
                else:
                    foreign.append(relative + ("/" if entry.is_dir(follow_symlinks=False) else ""))
    problems = []
    if foreign:
        problems.append(f"it holds what no export wrote: {_listed(sorted(foreign))}")
    if changed:
        problems.append(f"these files changed since they were exported: {_listed(sorted(changed))}")
    if problems:
        raise TargetRefused(
            f"refusing to replace {shown}: {'; '.join(problems)}. Move them away, or choose another folder."
        )
