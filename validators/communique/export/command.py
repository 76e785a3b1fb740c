"""``communique export --out DIR [--dataset DIR]``: write the data package.

Exit 0 when written, 1 when the dataset does not load cleanly or cannot be exported
(a file that cannot be written, a full disk), 2 for a usage error: a dataset folder that
does not exist, or an ``--out`` folder that holds anything but a previous export (see
``manifest``). Whatever fails, the ``--out`` folder is left as it was. Problems are
reported as messages, never as tracebacks.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--out",
        required=True,
        metavar="DIR",
        help="the folder to write: new, empty, or a previous export (replaced only by a complete export)",
    )
    parser.add_argument(
        "--parquet",
        action="store_true",
        help="write the tables as Parquet too (needs pyarrow: pip install 'communique[parquet]')",
    )
    parser.add_argument(
        "--dataset",
        metavar="DIR",
        help="the dataset folder to export (default: ./dataset if it exists, else the packaged dataset)",
    )


def run(args: argparse.Namespace) -> int:
    from communique.export.manifest import TargetRefused
    from communique.export.package import check_target, write_package
    from communique.export.tables import SchemaShapeError
    from communique.export.writers import ExportError
    from communique.export.parquet import check_available
    from communique.findings import Severity
    from communique.frames import MissingExtra
    from communique.loading import DatasetError, load
    from communique.read import is_dataset
    from communique.render.safe import printable
    from communique.resources import working_dataset
    from communique.validate.engine import validate

    def cannot(error: Exception) -> int:
        message = "\n".join(printable(line) for line in str(error).split("\n"))
        print(f"communique export: {message}\nNothing was changed in {printable(args.out)}.", file=sys.stderr)
        return EXIT_USAGE if isinstance(error, TargetRefused) else EXIT_FAILED

    path = Path(args.dataset) if args.dataset is not None else working_dataset()
    if not path.is_dir() or not is_dataset(path):
        print(f"communique export: {printable(str(path))} is not a dataset folder", file=sys.stderr)
        return EXIT_USAGE
    try:
        check_target(args.out)  # said before the dataset is read; checked again when written
        if args.parquet:
            check_available()
    except (ExportError, MissingExtra) as error:
        return cannot(error)
    errors = [finding for finding in validate(path) if finding.severity is Severity.ERROR]
    if errors:
        shown = "\n".join(printable(f"  {f.path}:{f.line}:{f.column}: {f.message} [{f.rule}]") for f in errors[:20])
        print(
            f"communique export: refusing to export a dataset with {len(errors)} error(s); "
            f"`communique validate {path}` lists them all:\n{shown}",
            file=sys.stderr,
        )
        return EXIT_FAILED
    try:
        dataset = load(path)
    except DatasetError as error:
        print(f"communique export: refusing to export a dataset that does not load cleanly.\n{error}", file=sys.stderr)
        return EXIT_FAILED
    try:
        written = write_package(dataset, args.out, parquet=args.parquet)
    except (ExportError, SchemaShapeError) as error:
        return cannot(error)
    print(f"exported {len(dataset)} records from {dataset.path} into {args.out}: {len(written)} files")
    return EXIT_OK
