"""The data changelog: which records were added, changed (and which of their fields) and
removed between two releases of the dataset.

A dataset release is named by a folder (a checkout, an unpacked download), or by a git
revision of the repository holding the dataset, such as the tag of a dataset release
(``dataset-2026-01-15``): its ``dataset/`` folder is read out of git into a temporary
folder, so no checkout is disturbed. Records are compared as JSON, by kind and id, file
layout aside: a record moved from a record file into a JSON Lines file is unchanged.
"""

from __future__ import annotations

import contextlib
import io
import json
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from communique.read import discover
from communique.versioning.recorddiff import changed_fields

DATASET_FOLDER = "dataset"
RELEASE_TAGS = "dataset-*"


class UnknownDataset(Exception):
    """A name that is neither a dataset folder nor a git revision holding one."""


@dataclass(frozen=True)
class Changed:
    kind: str
    id: str
    fields: tuple[str, ...]


@dataclass
class DataChanges:
    added: list[tuple[str, str]] = field(default_factory=list)  # (kind, id)
    changed: list[Changed] = field(default_factory=list)
    removed: list[tuple[str, str]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # what could not be compared, said as it is

    def to_dict(self) -> dict[str, Any]:
        return {
            "added": [{"kind": kind, "id": id} for kind, id in self.added],
            "changed": [{"kind": c.kind, "id": c.id, "fields": list(c.fields)} for c in self.changed],
            "removed": [{"kind": kind, "id": id} for kind, id in self.removed],
            "problems": self.problems,
        }


def records(folder: Path, problems: list[str]) -> dict[tuple[str, str], dict[str, Any]]:
    """Every record of a dataset folder by (kind, id); what cannot be read goes to ``problems``."""
    found: dict[tuple[str, str], dict[str, Any]] = {}
    listing = discover(folder)
    problems.extend(f"{finding.file}: {finding.message}" for finding in listing.findings)
    for source in listing.sources:
        try:
            with open(source.path, "rb") as handle:
                texts = list(enumerate(handle, 1)) if source.lines else [(1, handle.read())]
        except OSError as error:
            problems.append(f"{source.display}: cannot be read: {error.strerror or error}")
            continue
        for line, text in texts:
            if not text.strip():
                continue
            try:
                record = json.loads(text)
            except (UnicodeDecodeError, json.JSONDecodeError) as error:
                problems.append(f"{source.display}:{line}: not readable JSON ({error})")
                continue
            record_id = record.get("id") if isinstance(record, dict) else None
            if not isinstance(record_id, str):
                problems.append(f"{source.display}:{line}: a record without an id cannot be compared")
                continue
            key = (source.kind.name, record_id)
            if key in found:
                problems.append(f"{source.display}:{line}: a second {key[0]} {record_id!r}: the first is compared")
                continue
            found[key] = record
    return found


def compare(old: Path, new: Path) -> DataChanges:
    changes = DataChanges()
    before, after = records(old, changes.problems), records(new, changes.problems)
    changes.removed = sorted(key for key in before if key not in after)
    changes.added = sorted(key for key in after if key not in before)
    for key in sorted(before.keys() & after.keys()):
        fields = changed_fields(before[key], after[key])
        if fields:
            changes.changed.append(Changed(*key, tuple(fields)))
    return changes


@contextlib.contextmanager
def dataset_release(name: str, repository: Path = Path(".")) -> Iterator[Path]:
    """The dataset folder a name stands for: the folder itself, or the ``dataset/`` folder
    of a git revision of ``repository``, read out into a temporary folder."""
    folder = Path(name)
    if folder.is_dir():
        yield folder
        return
    try:
        top = subprocess.run(["git", "-C", str(repository), "rev-parse", "--show-toplevel"],
                             capture_output=True, check=True, text=True).stdout.strip()
        archive = subprocess.run(["git", "-C", top, "archive", "--format=tar", f"{name}:{DATASET_FOLDER}"],
                                 capture_output=True, check=True).stdout
    except FileNotFoundError:
        raise UnknownDataset(f"{name!r} is not a folder, and git is not installed to look it up as a release") from None
    except subprocess.CalledProcessError as error:
        said = error.stderr.decode("utf-8", "replace").strip().splitlines()
        raise UnknownDataset(f"{name!r} is neither a dataset folder nor a git revision with a {DATASET_FOLDER}/ folder"
                             f" ({said[-1] if said else 'git failed'})") from None
    with tempfile.TemporaryDirectory(prefix="communique-release-") as temporary:
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(temporary, filter="data")
        yield Path(temporary)


def latest_release_tag(repository: Path) -> str | None:
    """The newest tag of a dataset release (``dataset-YYYY-MM-DD``) in ``repository``, if any."""
    try:
        listed = subprocess.run(["git", "-C", str(repository), "tag", "--list", RELEASE_TAGS, "--sort=-refname"],
                                capture_output=True, check=True, text=True).stdout.split()
    except (OSError, subprocess.CalledProcessError):
        return None
    return listed[0] if listed else None
