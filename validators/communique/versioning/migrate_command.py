"""``communique migrate --to VERSION [DATASET_DIR]``: move a dataset's records to another
major schema version through the registered steps.

Exit 0 when done (or nothing to do), 1 when ``--check`` finds records to migrate or when
a record cannot be migrated (then nothing is written), 2 for a usage error: a version
this communique does not carry.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("dataset", metavar="DATASET_DIR", nargs="?", type=Path,
                        help="the dataset folder (default: ./dataset, else the shipped dataset)")
    parser.add_argument("--to", required=True, metavar="VERSION", help="the schema version to move the records to (e.g. 2.0.0)")
    parser.add_argument("--check", action="store_true", help="only report what would change; exit 1 if anything would (for CI)")
    parser.add_argument("--releases", metavar="DIR", type=Path, help="where releases are kept (default: the shipped schema/releases)")


def run(args: argparse.Namespace) -> int:
    from communique.render.safe import printable
    from communique.resources import working_dataset
    from communique.versioning import migration
    from communique.versioning.schemaset import SchemaSetError

    dataset = args.dataset or working_dataset()
    if not dataset.is_dir():
        print(printable(f"communique migrate: {dataset} is not a folder"), file=sys.stderr)
        return EXIT_USAGE
    try:
        target = _target(args.to, args.releases)
    except SchemaSetError as error:
        print(printable(f"communique migrate: {error}"), file=sys.stderr)
        return EXIT_USAGE
    done = migration.plan(dataset, target) if args.check else migration.apply(dataset, target)
    for skipped in done.skipped:
        print(printable(f"not data, left alone: {skipped}"))
    for problem in done.problems:
        print(printable(f"{problem.file}:{problem.line}: cannot migrate: the record {problem.message}"))
    if done.problems:
        print(f"✗ {len(done.problems)} file(s) cannot be migrated to v{target.major}: nothing was written")
        return EXIT_FAILED
    for created in done.created:
        print(printable(f"{created.file}: new {created.kind} record, made by the migration"))
    for change in done.changes:
        record = f" ({change.id})" if change.id and change.id not in change.file else ""
        print(printable(f"{change.file}:{change.line}{record}: {', '.join(change.fields)}"))
    records, files = len(done.changes) + len(done.created), len(done.files)
    if not records:
        print(f"✓ every record is at schema v{target.major} already: nothing to migrate")
        return EXIT_OK
    if args.check:
        print(f"✗ {records} record(s) in {files} file(s) would be migrated to v{target.major} (run without --check to do it)")
        return EXIT_FAILED
    print(f"✓ migrated {records} record(s) in {files} file(s) to v{target.major}")
    return EXIT_OK


def _target(spec: str, releases: Path | None):
    """The target of ``--to``: a version this communique carries (released, or the working one)."""
    from communique.versioning import releases as kept
    from communique.versioning.changes import Version
    from communique.versioning.migration import Target
    from communique.versioning.releases import UnknownRelease

    working = kept.working()
    carried = sorted({*kept.released(releases), working.version})
    try:
        version = Version.parse(spec)
    except ValueError as error:
        raise UnknownRelease(f"--to {error}") from None
    if version == working.version:
        return Target(version.major, working)
    if version not in carried:
        raise UnknownRelease(f"schema version {version} is not carried by this communique (it carries {', '.join(map(str, carried))})")
    return Target(version.major, kept.release(version, releases))
