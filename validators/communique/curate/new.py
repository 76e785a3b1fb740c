"""``communique new KIND [--id ID] [--set FIELD=VALUE ...]``: a record skeleton to fill.

The skeleton has the kind's ``$schema``, its id, and every other required field of the
kind's schema, in the schema's order, each ``null`` (:data:`~communique.rules.tofill.BLANK`)
unless given on the command line: the validator then lists each blank as one
``schema.to-fill`` finding until the curator has written it. Without ``--id`` the id is
suggested from the fields given, in the dataset's style (:mod:`communique.curate.ids`).

The file is created, never overwritten: an existing record is left as it is.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from communique.curate.canonical import record_text
from communique.curate.ids import id_problem, record_file, style, suggest
from communique.kinds import BY_NAME, Kind
from communique.render.safe import printable
from communique.rules.tofill import BLANK
from communique.schemafields import root
from communique.versioning.rewrite import atomic_write

EXIT_DONE, EXIT_EXISTS, EXIT_USAGE = 0, 1, 2


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("kind", choices=sorted(BY_NAME), metavar="KIND", help=f"the kind of record: {', '.join(sorted(BY_NAME))}")
    parser.add_argument("--set", dest="fields", action="append", default=[], metavar="FIELD=VALUE", help="a text field to fill now, such as --set headline=\"...\" (repeatable; the id is suggested from these)")
    parser.add_argument("--id", help="the record's id (default: suggested from the fields given, in the dataset's style)")
    parser.add_argument("--dataset", type=Path, default=None, help="the dataset folder to add it to (default: ./dataset)")
    parser.epilog = "Exit status: 0 written; 1 a record with that id exists already, or it cannot be written; 2 used wrongly."


class UsageError(Exception):
    pass


def skeleton(kind: Kind, record_id: str, given: dict[str, str]) -> dict[str, Any]:
    """The record: ``$schema``, ``id``, then each required field (or field given) in schema order."""
    properties = {field.name: field for field in root(kind.name).properties}
    unknown = sorted(set(given) - set(properties))
    if unknown:
        raise UsageError(f"a {kind.name} has no field {', '.join(unknown)}; its fields are {', '.join(properties)}")
    for name in given:
        if properties[name].schema.get("type") != "string":
            raise UsageError(f"{name} is not a text field: write it in the file")
    record: dict[str, Any] = {}
    for name, field in properties.items():
        if name == "$schema":
            record[name] = kind.schema_ref
        elif name == "id":
            record[name] = record_id
        elif name in given:
            record[name] = given[name]
        elif field.required:
            record[name] = BLANK
    return record


def _assignments(pairs: list[str]) -> dict[str, str]:
    given: dict[str, str] = {}
    for pair in pairs:
        name, equals, value = pair.partition("=")
        if not equals or not name:
            raise UsageError(f"{pair!r} is not FIELD=VALUE")
        given[name] = value
    return given


def run(args: argparse.Namespace) -> int:
    from communique.resources import working_dataset

    kind = BY_NAME[args.kind]
    dataset = args.dataset if args.dataset is not None else working_dataset()
    try:
        given = _assignments(args.fields)
        record_id = args.id or suggest(kind.name, given, dataset)
        if not record_id:
            needs = " ".join(f"--set {name}=..." for name in style(kind.name)[1])
            raise UsageError(f"give --id, or the fields an id is made from: {needs}")
        if (problem := id_problem(record_id)) is not None:
            raise UsageError(f"--id {record_id!r}: {problem}")
        record = skeleton(kind, record_id, given)
    except UsageError as error:
        print(f"communique new: error: {printable(str(error))}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_DONE if create(dataset, kind, record, "new") else EXIT_EXISTS


def create(dataset: Path, kind: Kind, record: dict[str, Any], command: str) -> bool:
    """Write a new record file in its canonical form and say where; False, and nothing
    written, when the file exists already or cannot be written."""
    try:
        path = record_file(dataset, kind, record["id"])
    except ValueError as error:
        print(f"communique {command}: error: {printable(repr(record['id']))} is not an id: {printable(str(error))}", file=sys.stderr)
        return False
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(str(path), [record_text(record, kind)], create=True)  # never over a file, never half written
    except OSError as error:
        exists = isinstance(error, FileExistsError) and str(path) in (error.filename, error.filename2)
        why = "exists already: not overwritten" if exists else f"cannot be written: {error.strerror or error}"
        print(f"communique {command}: {printable(str(path))} {printable(why)}", file=sys.stderr)
        return False
    print(printable(str(path)))
    return True
