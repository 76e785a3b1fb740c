"""``communique accept-draft ID... [--id NEW]``: a reviewed draft becomes a statement of the dataset.

A command of its own, not an option of ``draft-statements`` or ``fmt``: accepting is the
curator's decision about records they name, once reviewed, where drafting and formatting
are mechanical and run over many; and it renames a file and the references to it, which
neither of those ever does.

The draft loses ``draft: true`` and the note ``draft-statements`` left, and gets the id
:mod:`communique.curate.ids` suggests for it (its article's, the reviewed speaker's last
name, the head of its text), or ``--id``. It must then validate its schema. The new file
is written first (whole or not at all, never over a file), then each statement file that
responds to the old id is rewritten to the new one (each atomically), and only then is the
draft's file removed: a run stopped anywhere leaves every reference resolving, and running
it again finishes the job (a new file that holds exactly the accepted record is taken up).

Exit status: 0 accepted; 1 refused (not a draft, not valid against its schema, the id
taken, a file that cannot be written), nothing changed for that draft; 2 used wrongly (an
id no statement has, not a dataset folder).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from communique.curate.canonical import line_text, load, record_text
from communique.curate.drafts import DRAFTED_BY
from communique.curate.ids import suggest
from communique.kinds import STATEMENT
from communique.parse import Document, parse_file
from communique.read import discover, is_dataset
from communique.render.safe import printable
from communique.versioning.rewrite import atomic_write

EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("ids", nargs="+", metavar="ID", help="the id of a reviewed draft statement (its file is dataset/statements/ID.json)")
    parser.add_argument("--id", dest="new_id", help="the id to give it (one draft only; default: suggested in the dataset's style)")
    parser.add_argument("--dataset", type=Path, default=None, help="the dataset folder (default: ./dataset)")
    parser.epilog = "Exit status: 0 accepted; 1 refused (not a draft, invalid, id taken, not writable); 2 used wrongly."


class Refused(Exception):
    """The draft is left as it is, for this reason."""

    def __init__(self, reason: str, status: int = EXIT_REFUSED) -> None:
        super().__init__(reason)
        self.status = status


@dataclass(frozen=True)
class _Held:
    """A record as the dataset holds it: its document (file, place, text)."""

    document: Document

    @property
    def path(self) -> str:
        return self.document.source.path


def _records(dataset: Path) -> Iterator[Document]:
    """Every record of the dataset that parses, in dataset order."""
    for source in discover(dataset).sources:
        yield from (item for item in parse_file(source) if isinstance(item, Document))


def accepted(value: dict[str, Any], record_id: str) -> dict[str, Any]:
    """``value`` (a draft) with ``record_id``, without ``draft`` and without the note its drafting left."""
    record = {name: item for name, item in value.items() if name != "draft"}
    record["id"] = record_id
    notes = [note for note in value.get("notes") or () if not (isinstance(note, dict) and str(note.get("text", "")).startswith(DRAFTED_BY))]
    if notes:
        record["notes"] = notes
    else:
        record.pop("notes", None)
    return record


def _schema_errors(record: dict[str, Any]) -> list[str]:
    from communique.schemas import validator_for

    return [f"/{'/'.join(map(str, error.absolute_path))}: {error.message}" for error in validator_for(STATEMENT).iter_errors(record)]


def accept(dataset: Path, draft_id: str, new_id: str | None) -> list[str]:
    """Accept one draft; the lines to print (the files written). Raises :class:`Refused`."""
    documents = list(_records(dataset))
    ids = {document.record_id: document for document in reversed(documents) if document.record_id is not None}  # the first of an id
    draft = ids.get(draft_id)
    if draft is None or draft.source.kind is not STATEMENT:
        raise Refused(f"no statement has the id {draft_id!r}", EXIT_USAGE)
    if draft.source.lines:
        raise Refused(f"{draft_id!r} is a line of {draft.source.display}: only a draft in a file of its own is accepted (draft-statements writes those)")
    plain = json.loads(draft.text)
    if plain.get("draft") is not True:
        raise Refused(f"{draft_id!r} is not a draft (it has no \"draft\": true): nothing to accept")
    record_id = new_id or suggest(STATEMENT.name, plain)
    if not record_id:
        raise Refused(f"no id can be suggested for {draft_id!r} (it needs its article, speaker and text): give one with --id")
    plain = accepted(plain, record_id)
    errors = _schema_errors(plain)
    if errors:
        raise Refused(f"{draft_id!r} does not validate its schema once accepted; correct it first:\n  " + "\n  ".join(errors))
    text = record_text(accepted(load(draft.text), record_id), STATEMENT)
    target = os.path.join(draft.source.folder, f"{record_id}.json")
    holder = ids.get(record_id)
    resumed = holder is not None and holder.source.path == target and holder.text == text.rstrip(b"\n") + b"\n"[: len(holder.text) - len(text.rstrip(b"\n"))]
    if holder is not None and record_id != draft_id and not _same(holder, text):
        raise Refused(f"the id {record_id!r} is taken ({holder.source.display}): give another with --id")
    written = []
    if record_id == draft_id:
        atomic_write(draft.source.path, [text])
        return [f"accepted {draft_id} in {draft.source.display}"]
    if holder is None:
        try:
            atomic_write(target, [text], create=True)
        except FileExistsError:
            raise Refused(f"{target} exists already: give another id with --id") from None
    del resumed
    written.append(f"accepted {draft_id} as {record_id}: {_shown(draft, target)}")
    for source, changed in _responding(documents, draft_id, record_id):
        written.append(f"updated the reference to {draft_id} in {source}")
    os.unlink(draft.source.path)
    return written
