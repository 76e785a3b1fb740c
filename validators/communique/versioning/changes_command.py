"""``communique changes OLD NEW``: the data changelog between two dataset releases.

OLD and NEW are dataset folders, or git revisions (the tag of a dataset release,
``dataset-2026-01-15``) of the repository in the working folder. Exit 0 when compared
(whatever changed), 2 when a name is neither.
"""

from __future__ import annotations

import argparse
import json
import sys

EXIT_OK, EXIT_USAGE = 0, 2


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("old", metavar="OLD", help="the older dataset: a folder, or a git revision such as a release tag")
    parser.add_argument("new", metavar="NEW", nargs="?", default="dataset", help="the newer dataset (default: ./dataset)")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="text for people (default), json for tools")


def run(args: argparse.Namespace) -> int:
    from communique.render.safe import printable
    from communique.versioning.datachanges import UnknownDataset, compare, dataset_release

    try:
        with dataset_release(args.old) as old, dataset_release(args.new) as new:
            changes = compare(old, new)
    except UnknownDataset as error:
        print(printable(f"communique changes: {error}"), file=sys.stderr)
        return EXIT_USAGE
    if args.format == "json":
        print(json.dumps({"old": args.old, "new": args.new, **changes.to_dict()}, indent=2, ensure_ascii=False))
        return EXIT_OK
    print(printable(f"{args.old} -> {args.new}: {len(changes.added)} added, {len(changes.changed)} changed, {len(changes.removed)} removed"))
    for kind, record_id in changes.added:
        print(printable(f"  added    {kind} {record_id}"))
    for change in changes.changed:
        print(printable(f"  changed  {change.kind} {change.id}: {', '.join(change.fields)}"))
    for kind, record_id in changes.removed:
        print(printable(f"  removed  {kind} {record_id}"))
    for problem in changes.problems:
        print(printable(f"  not compared: {problem}"))
    return EXIT_OK
