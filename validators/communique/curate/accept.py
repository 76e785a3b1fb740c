"""``communique accept-draft ID... [--id NEW]``: a reviewed draft becomes a statement of the dataset.

A command of its own, not an option of ``draft-statements`` or ``fmt``: accepting is the
curator's decision about the records they name, once reviewed, where drafting and
formatting are mechanical and run over many; and it renames a record and the references
to it, which neither of those ever does.

The draft loses ``draft: true`` and the note ``draft-statements`` wrote, and gets the id
:mod:`communique.curate.ids` suggests for it (its article's, the reviewed speaker's last
name, the head of its text), or ``--id``; it must then validate its schema. The new file
is written first (whole or not at all, never over a file), then each statement file that
responds to the old id is rewritten to name the new one (each atomically), and only then
is the draft's file removed: a run stopped anywhere leaves every reference resolving, and
running it again finishes the job (a new file holding exactly the accepted record is
taken up, not refused).

Exit status: 0 accepted; 1 refused (not a draft, not valid against its schema, the id
taken, a file that cannot be written), nothing changed for that draft; 2 used wrongly (an
id no statement has, an ``--id`` that is no id, not a dataset folder).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from communique.curate.canonical import line_text, load, record_text
from communique.curate.drafts import DRAFTED_BY
from communique.curate.ids import record_file, suggest
from communique.kinds import STATEMENT
from communique.parse import Document, parse_file
from communique.read import discover, is_dataset
from communique.render.safe import printable
from communique.versioning.rewrite import atomic_write

EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("ids", nargs="+", metavar="ID", help="the id of a reviewed draft statement")
    parser.add_argument("--id", dest="new_id", help="the id to give it (one draft only; default: the one suggested in the dataset's style)")
    parser.add_argument("--dataset", type=Path, default=None, help="the dataset folder (default: ./dataset)")
    parser.epilog = "Exit status: 0 accepted; 1 refused (not a draft, not valid, the id taken, not writable); 2 used wrongly."


class Refused(Exception):
    """The draft is left as it is, for this reason."""

    def __init__(self, reason: str, status: int = EXIT_REFUSED) -> None:
        super().__init__(reason)
        self.status = status


def accepted(value: dict[str, Any], record_id: str) -> dict[str, Any]:
    """``value`` (a draft) under ``record_id``, without ``draft`` and the note its drafting wrote."""
    record = {name: item for name, item in value.items() if name != "draft"}
    record["id"] = record_id
    notes = [note for note in value.get("notes") or () if not (isinstance(note, dict) and str(note.get("text", "")).startswith(DRAFTED_BY))]
    if notes:
        record["notes"] = notes
    else:
        record.pop("notes", None)
    return record


def accept(dataset: Path, draft_id: str, new_id: str | None = None) -> list[str]:
    """Accept one draft of ``dataset``: the lines saying what was written. Raises :class:`Refused`."""
    documents = list(_documents(dataset))
    first: dict[str, Document] = {}
    for document in documents:
        if document.record_id is not None:
            first.setdefault(document.record_id, document)
    draft = first.get(draft_id)
    if draft is None or draft.source.kind is not STATEMENT:
        raise Refused(f"no statement has the id {draft_id!r}", EXIT_USAGE)
    if draft.source.lines:
        raise Refused(f"{draft_id!r} is a line of {draft.source.display}: only a draft in a file of its own is accepted")
    if draft.value.get("draft") is not True:
        raise Refused(f"{draft_id!r} is not a draft (it has no \"draft\": true): nothing to accept")
    record_id = new_id or suggest(STATEMENT.name, draft.value)
    if not record_id:
        raise Refused(f"no id can be suggested for {draft_id!r} (that needs its article, speaker and text): give one with --id")
    try:
        target = str(record_file(Path(os.path.realpath(dataset)), STATEMENT, record_id))  # never a path out of its folder
    except ValueError as error:
        raise Refused(f"--id {record_id!r}: {error}", EXIT_USAGE) from None
    errors = _schema_errors(accepted(json.loads(draft.text), record_id))
    if errors:
        raise Refused(f"{draft_id!r} once accepted does not validate its schema; correct it first: " + "; ".join(errors))
    text = record_text(accepted(load(draft.text), record_id), STATEMENT)
    if record_id == draft_id:
        _write(draft.source.path, text, create=False)
        return [f"accepted {draft_id} in {draft.source.display}"]
    holder = first.get(record_id)
    if holder is not None and not (holder.source.path == target and _bytes(target) == text):  # else a run stopped after writing it
        raise Refused(f"the id {record_id!r} is taken ({holder.source.display}): give another with --id")
    if holder is None:
        _write(target, text, create=True)
    done = [f"accepted {draft_id} as {record_id}: {draft.source.shown_folder}{os.path.basename(target)}"]
    done += [f"updated the reference to {draft_id} in {shown}" for shown in _respond_to(documents, draft_id, record_id)]
    os.unlink(draft.source.path)
    return done


def _documents(dataset: Path) -> Iterator[Document]:
    """Every record of the dataset that parses, in dataset order."""
    for source in discover(dataset).sources:
        yield from (item for item in parse_file(source) if isinstance(item, Document) and isinstance(item.value, dict))


def _schema_errors(record: dict[str, Any]) -> list[str]:
    from communique.schemas import validator_for

    errors = sorted(validator_for(STATEMENT).iter_errors(record), key=lambda error: list(map(str, error.absolute_path)))
    return [printable(f"/{'/'.join(map(str, error.absolute_path))}: {error.message}") for error in errors]


def _respond_to(documents: list[Document], old: str, new: str) -> Iterator[str]:
    """Rewrite every statement that responds to ``old`` to respond to ``new``, a file at a
    time; the files, as shown."""
    by_file: dict[str, list[Document]] = {}
    for document in documents:
        if document.source.kind is STATEMENT and any(_targets(document.value, old)):
            by_file.setdefault(document.source.path, []).append(document)
    for path, found in by_file.items():
        source = found[0].source
        if not source.lines:
            _write(path, record_text(_retargeted(found[0], old, new), STATEMENT), create=False)
        else:  # only the lines that refer to it change; the others stay byte for byte
            text = _bytes(path)
            for document in reversed(found):
                line = line_text(_retargeted(document, old, new), STATEMENT).rstrip(b"\n") + (b"\r" if document.text.endswith(b"\r") else b"")
                text = text[: document.offset] + line + text[document.offset + len(document.text) :]
            _write(path, text, create=False)
        yield source.display


def _targets(value: dict[str, Any], old: str) -> Iterator[dict[str, Any]]:
    """The responses of a statement whose target is ``old``."""
    responses = value.get("responds_to")
    for response in responses if isinstance(responses, list) else ():
        if isinstance(response, dict) and response.get("target") == old:
            yield response


def _retargeted(document: Document, old: str, new: str) -> Any:
    value = load(document.text)
    for response in _targets(value, old):
        response["target"] = new
    return value


def _bytes(path: str) -> bytes:
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        return b""


def _write(path: str, text: bytes, *, create: bool) -> None:
    try:
        atomic_write(path, [text], create=create)
    except FileExistsError:
        raise Refused(f"{path} exists already: give another id with --id") from None
    except OSError as error:
        raise Refused(f"{path} cannot be written: {error.strerror or error}") from None


def run(args: argparse.Namespace) -> int:
    from communique.resources import working_dataset

    dataset = args.dataset if args.dataset is not None else working_dataset()
    if not dataset.is_dir() or not is_dataset(dataset):
        print(f"communique accept-draft: {printable(str(dataset))} is not a dataset folder", file=sys.stderr)
        return EXIT_USAGE
    if args.new_id is not None and len(args.ids) > 1:
        print("communique accept-draft: --id names the id of one draft: accept the others apart", file=sys.stderr)
        return EXIT_USAGE
    status = EXIT_OK
    for draft_id in args.ids:
        try:
            for line in accept(dataset, draft_id, args.new_id):
                print(printable(line))
        except Refused as refused:
            print(f"communique accept-draft: {printable(str(refused))}", file=sys.stderr)
            status = max(status, refused.status)
    return status
