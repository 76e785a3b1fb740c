"""``communique export [DATASET] --out DIR``: write the data package; ``--format FORMAT``: one file of it.

The dataset is named as ``communique validate`` names it: a positional folder (or
``--dataset``), by default ``./dataset`` when there is one, else the packaged dataset.

With ``--format`` the command writes one file of the package instead, to ``--out FILE``
or, by default or with ``--out -``, to standard output (as ``curl -o -`` and ``tar -f -``
do): a table as CSV or Parquet, a kind's records as JSON Lines, the SQLite database or
the whole package as a zip. The file is the package's own, byte for byte: the package is
written into a scratch folder and the file taken from it. A binary format refuses a
terminal, as ``gzip`` does.

Exit 0 when written, 1 when the dataset does not load cleanly or cannot be exported
(a file that cannot be written, a full disk), 2 for a usage error: a dataset folder that
does not exist, an unknown table, a binary format for a terminal, or an ``--out`` folder
that holds anything but a previous export (see ``manifest``). Whatever fails, the
``--out`` folder is left as it was. Problems are reported as messages, never as tracebacks.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
STDOUT = "-"
#: --format -> whether it is binary and what --table names: a "table", a "kind" or nothing
FORMATS = {"csv": (False, "table"), "jsonl": (False, "kind"), "parquet": (True, "table"), "sqlite": (True, None), "zip": (True, None)}


def _tables(**_: object) -> list[str]:
    """What ``--table`` may name, in any format (shell completion)."""
    from communique.export import flat
    from communique.export import tables as shapes

    return [table.name for table in shapes.tables()] + [flat.NAME]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "dataset_folder",
        nargs="?",
        metavar="DATASET",
        help="the dataset folder to export (default: ./dataset if it exists, else the packaged dataset)",
    )
    parser.add_argument("--dataset", metavar="DIR", help="the dataset folder, as an option (the same as DATASET)")
    parser.add_argument(
        "--out",
        metavar="DIR|FILE",
        help="the package's folder: new, empty, or a previous export (replaced only by a complete export); "
        "with --format, the file to write, '-' (the default) for standard output",
    )
    parser.add_argument(
        "--format",
        choices=FORMATS,
        help="write one file of the package: csv or parquet (a --table), jsonl (a kind's records: --table and the "
        "kind's folder name, e.g. statements), sqlite (the database) or zip (the whole package)",
    )
    table = parser.add_argument("--table", metavar="NAME", help="the table (or kind) to write with --format csv, parquet or jsonl")
    table.completer = _tables  # type: ignore[attr-defined]  # read by argcomplete
    parser.add_argument(
        "--parquet",
        action="store_true",
        help="write the tables as Parquet too, into the package or its zip (needs pyarrow: pip install 'communique[parquet]')",
    )
    parser.epilog = (
        "Examples: communique export --out export; communique export --format csv --table statements > statements.csv; "
        "communique export dataset --format sqlite --out communique.sqlite"
    )


class _Usage(Exception):
    """The command was used wrongly: said as it is, exit 2."""


def _dataset(args: argparse.Namespace) -> Path:
    """The dataset folder, found as ``communique validate`` finds it."""
    from communique.validate.command import UsageError, plan

    if args.dataset_folder is not None and args.dataset is not None and Path(args.dataset_folder) != Path(args.dataset):
        raise _Usage(f"two datasets named: {args.dataset_folder} and {args.dataset}")
    named = args.dataset_folder if args.dataset_folder is not None else args.dataset
    try:
        ((folder, targets),) = plan([Path(named)] if named is not None else []).items()
    except UsageError as error:
        raise _Usage(str(error)) from None
    if targets is not None:
        raise _Usage(f"{named}: export takes a whole dataset folder, not files or a kind's folder in one")
    return folder


def _member(args: argparse.Namespace) -> str | None:
    """The file of the package that ``--format``/``--table`` name (None: the whole package)."""
    from communique.export import package
    from communique.export.archive import ARCHIVE
    from communique.export.parquet import parquet_path
    from communique.export import tables as shapes
    from communique.kinds import BY_FOLDER

    if args.format is None:
        if args.table is not None:
            raise _Usage("--table needs --format (csv, parquet or jsonl)")
        if args.out is None or args.out == STDOUT:
            raise _Usage("give --out DIR for the package, or --format FORMAT for one file of it (to standard output)")
        return None
    binary, names = FORMATS[args.format]
    if binary and (args.out is None or args.out == STDOUT) and sys.stdout.isatty():
        raise _Usage(f"{args.format} is binary: redirect standard output to a file, or give --out FILE")
    if args.parquet and args.format != "zip":
        raise _Usage("--parquet adds the Parquet tables to the package (or its zip); for one table, give --format parquet --table NAME")
    if names is None:
        if args.table is not None:
            raise _Usage(f"--format {args.format} writes the whole {'database' if args.format == 'sqlite' else 'package'}: it takes no --table")
        return package.SQLITE if args.format == "sqlite" else ARCHIVE
    choices = {
        "csv": {**{table.name: package.csv_path(table) for table in shapes.tables()}, package.flat.NAME: package.FLAT_CSV},
        "parquet": {table.name: parquet_path(table.name) for table in shapes.tables()},
        "jsonl": {folder: package.jsonl_path(kind) for folder, kind in BY_FOLDER.items()},
    }[args.format]
    if args.table not in choices:
        said = "needs --table" if args.table is None else f"has no table {args.table!r}"
        raise _Usage(f"--format {args.format} {said}: one of {', '.join(sorted(choices))}")
    return choices[args.table]


def run(args: argparse.Namespace) -> int:
    from communique.export.manifest import TargetRefused
    from communique.export.package import check_target, write_package
    from communique.export.tables import SchemaShapeError
    from communique.export.writers import ExportError
    from communique.export.parquet import check_available
    from communique.findings import Severity
    from communique.frames import MissingExtra
    from communique.loading import DatasetError, load
    from communique.render.safe import printable
    from communique.validate.engine import validate

    def cannot(error: Exception) -> int:
        message = "\n".join(printable(line) for line in str(error).split("\n"))
        print(f"communique export: {message}\nNothing was changed in {printable(args.out or STDOUT)}.", file=sys.stderr)
        return EXIT_USAGE if isinstance(error, TargetRefused) else EXIT_FAILED

    try:
        path = _dataset(args)
        member = _member(args)
    except _Usage as error:
        print(f"communique export: {printable(str(error))}", file=sys.stderr)
        return EXIT_USAGE
    parquet = args.parquet or args.format == "parquet"
    try:
        if member is None:
            check_target(args.out)  # said before the dataset is read; checked again when written
        if parquet:
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
        if member is not None:
            with tempfile.TemporaryDirectory(prefix="communique-export-") as scratch:
                write_package(dataset, Path(scratch) / "package", parquet=parquet)
                _send(Path(scratch) / "package" / member, args.out)
            return EXIT_OK
        written = write_package(dataset, args.out, parquet=args.parquet)
    except (ExportError, SchemaShapeError) as error:
        return cannot(error)
    except OSError as error:  # the --out file could not be written
        return cannot(ExportError(f"cannot write {args.out}: {error.strerror or error}"))
    print(f"exported {len(dataset)} records from {dataset.path} into {args.out}: {len(written)} files")
    return EXIT_OK


def _send(source: Path, out: str | None) -> None:
    """Copy the file to ``out``: standard output, or a file replaced only once complete."""
    import shutil

    if out is None or out == STDOUT:
        from communique.cli import OutputError, reader_gone

        sys.stdout.flush()
        try:
            with source.open("rb") as handle:
                shutil.copyfileobj(handle, sys.stdout.buffer)
            sys.stdout.buffer.flush()
        except BrokenPipeError:  # `communique export --format csv ... | head`
            reader_gone()
        except OSError as error:
            raise OutputError(error) from None
        return
    target = Path(out)
    with tempfile.NamedTemporaryFile(dir=target.parent, prefix=f".{target.name}.", delete=False) as partial:
        try:
            with source.open("rb") as handle:
                shutil.copyfileobj(handle, partial)
            partial.close()
            os.chmod(partial.name, 0o644)
            os.replace(partial.name, target)
        except BaseException:
            os.unlink(partial.name)
            raise
