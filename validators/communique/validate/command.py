"""``communique validate [PATH ...]``: check a dataset, or some of its files, and report.

No path: ``./dataset`` when there is one, else the dataset shipped with the package. A
dataset folder (one holding ``articles/``, ``actors/``, ``statements/`` or
``treaties/``) is checked whole; a kind's folder, or files inside a dataset, are checked
in the context of their whole dataset (what a pre-commit hook passes); a file there that
is not data (nor a README) is a ``file.unexpected`` finding. Files outside any dataset
are ignored, but paths that name nothing to check are a usage error.

Findings are written as the engine gives them (see :mod:`communique.render`), never all
held in memory. Exit status: 0 clean; 1 an error (or, with ``--strict``, a warning); 2 a
usage error; 3 an internal error (a bug: please report it); 4 the output could not be
written (:data:`communique.cli.EXIT_OUTPUT`).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from communique.cli import OutputError
from communique.findings import Finding, Severity
from communique.kinds import BY_FOLDER, KINDS
from communique.read import LINES_SUFFIX, RECORD_SUFFIX, is_dataset
from communique.render import FORMATS
from communique.render.safe import printable

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


def _positive(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of at least 1")
    return number


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", metavar="PATH", type=Path, help="a dataset folder, or data files in one (default: ./dataset, else the packaged dataset)")
    parser.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    parser.add_argument("--strict", action="store_true", help="fail on warnings too")
    parser.add_argument(
        "--color",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="colour the text output (default: on a terminal, unless NO_COLOR is set; FORCE_COLOR colours anywhere)",
    )
    parser.add_argument("--limit", type=_positive, default=10, metavar="N", help="in text output, show at most N findings of each rule (default: 10)")
    parser.epilog = "Exit status: 0 clean; 1 errors (or warnings with --strict); 2 used wrongly; 3 a bug in communique; 4 the output could not be written."


def use_colour(asked: bool | None, environ: Mapping[str, str], is_terminal: bool) -> bool:
    """``--color``/``--no-color`` if given; else no colour when ``NO_COLOR`` is set and not
    empty (no-color.org), colour when ``FORCE_COLOR`` is (force-color.org); else only on a terminal."""
    if asked is not None:
        return asked
    if environ.get("NO_COLOR"):
        return False
    if environ.get("FORCE_COLOR"):
        return True
    return is_terminal


class UsageError(Exception):
    pass


def plan(paths: list[Path]) -> dict[Path, set[Path] | None]:
    """Which datasets to check, each with its target files (None: all of it).

    A file in a dataset folder or in a kind's folder is a target whatever its name (one
    that is not data is then a ``file.unexpected`` finding, unless it is a README or
    hidden); a file elsewhere is skipped, unless it is named like data. Paths that name
    nothing to check are a usage error: a run that checks nothing must not pass.
    """
    if not paths:
        from communique.resources import working_dataset

        return {working_dataset().resolve(): None}
    runs: dict[Path, set[Path] | None] = {}

    def add(dataset: Path, targets: set[Path] | None) -> None:
        dataset = dataset.resolve()
        if targets is None or runs.get(dataset, set()) is None:
            runs[dataset] = None
        else:
            runs.setdefault(dataset, set()).update(targets)  # type: ignore[union-attr]

    kinds = ", ".join(kind.folder + "/" for kind in KINDS)
    for path in paths:
        if not path.exists() and not path.is_symlink():
            raise UsageError(f"{path}: no such file or folder")
        if path.is_dir():
            if is_dataset(path):
                add(path, None)
            elif path.resolve().name in BY_FOLDER and is_dataset(path.resolve().parent):
                add(path.resolve().parent, set(path.iterdir()))
            else:
                raise UsageError(f"{path}: not a dataset folder (it has none of {kinds})")
            continue
        folder = path.parent.resolve()  # not the file itself: it may be a link
        if is_dataset(folder):
            add(folder, {folder / path.name})
        elif is_dataset(folder.parent):  # a kind's folder, or a misspelt one
            add(folder.parent, {folder / path.name})
        elif path.name.lower().endswith((RECORD_SUFFIX, LINES_SUFFIX)):
            raise UsageError(f"{path}: not in a kind's folder of a dataset ({kinds})")
    if not runs:
        shown = " ".join(str(path) for path in paths)
        raise UsageError(f"nothing to check in {shown}: name a dataset folder, a kind's folder or data files in one")
    return runs


def run(args: argparse.Namespace) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    try:
        runs = plan(args.paths)
    except UsageError as error:
        print(f"communique validate: error: {printable(str(error))}", file=sys.stderr)
        return EXIT_USAGE
    try:
        return _validate(runs, args)
    except KeyboardInterrupt:
        return 130
    except OutputError:  # the command line says it, for every command
        raise
    except Exception as error:  # never a traceback: say what broke, and that it is ours
        print(f"communique validate: internal error: {type(error).__name__}: {printable(str(error))} (a bug in communique; please report it)", file=sys.stderr)
        return EXIT_INTERNAL


class _Tally:
    """What the findings streaming past say about the exit code."""

    def __init__(self, failing: set[Severity]) -> None:
        self.failing = failing
        self.failed = False

    def count(self, findings: Iterable[Finding]) -> Iterator[Finding]:
        failing = self.failing
        for finding in findings:
            if finding.severity in failing:
                self.failed = True
            yield finding


def _validate(runs: dict[Path, set[Path] | None], args: argparse.Namespace) -> int:
    from communique.render import render
    from communique.validate.engine import Validation

    validations = [Validation(dataset, targets) for dataset, targets in runs.items()]

    def checked() -> str:
        files = sum(validation.files_checked for validation in validations)
        records = sum(validation.records_checked for validation in validations)
        return f"{records:,} record{'s' if records != 1 else ''} in {files:,} file{'s' if files != 1 else ''} checked"

    tally = _Tally({Severity.ERROR, Severity.WARNING} if args.strict else {Severity.ERROR})
    findings = tally.count(finding for validation in validations for finding in validation.findings())
    colour = use_colour(args.color, os.environ, sys.stdout.isatty())
    try:
        render(args.format, findings, sys.stdout, colour=colour, limit=args.limit, checked=checked)
        sys.stdout.flush()
    except BrokenPipeError:  # `communique validate | head`: the verdict stands
        from communique.cli import reader_gone

        reader_gone()
        for _ in findings:  # the verdict needs every finding
            pass
    return EXIT_FINDINGS if tally.failed else EXIT_CLEAN
