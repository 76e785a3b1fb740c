"""``communique validate [PATH ...]``: check a dataset, or some of its files, and report.

No path: ``./dataset`` when there is one, else the dataset shipped with the package. A
dataset folder (one holding ``articles/``, ``actors/``, ``statements/`` or
``treaties/``) is checked whole; a kind's folder, or data files inside a dataset, are
checked in the context of their whole dataset (what a pre-commit hook passes). Other
files (a README) are ignored.

Exit status: 0 clean; 1 an error (or, with ``--strict``, a warning); 2 a usage error;
3 an internal error (a bug: please report it).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from communique.kinds import BY_FOLDER, KINDS
from communique.read import LINES_SUFFIX, RECORD_SUFFIX
from communique.render import FORMATS

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", metavar="PATH", type=Path, help="a dataset folder, or data files in one (default: ./dataset, else the packaged dataset)")
    parser.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    parser.add_argument("--strict", action="store_true", help="fail on warnings too")
    parser.add_argument("--color", action=argparse.BooleanOptionalAction, default=None, help="colour the text output (default: only on a terminal)")
    parser.add_argument("--limit", type=int, default=10, metavar="N", help="in text output, show at most N findings of each rule (default: 10)")


class UsageError(Exception):
    pass


def _is_dataset(folder: Path) -> bool:
    return any((folder / kind.folder).is_dir() for kind in KINDS)


def plan(paths: list[Path]) -> dict[Path, set[Path] | None]:
    """Which datasets to check, each with its target files (None: all of it)."""
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

    for path in paths:
        if not path.exists():
            raise UsageError(f"{path}: no such file or folder")
        if path.is_dir():
            if _is_dataset(path):
                add(path, None)
            elif path.resolve().name in BY_FOLDER:
                add(path.resolve().parent, set(path.iterdir()))
            else:
                raise UsageError(f"{path}: not a dataset folder (it has none of {', '.join(kind.folder + '/' for kind in KINDS)})")
            continue
        folder = path.parent.resolve()  # not the file itself: it may be a link
        is_data = path.name.endswith((RECORD_SUFFIX, LINES_SUFFIX))
        if folder.name in BY_FOLDER:
            if is_data:
                add(folder.parent, {folder / path.name})
        elif is_data:
            raise UsageError(f"{path}: not in a kind's folder of a dataset ({', '.join(kind.folder + '/' for kind in KINDS)})")
    return runs


def run(args: argparse.Namespace) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    try:
        runs = plan(args.paths)
    except UsageError as error:
        print(f"communique validate: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    try:
        return _validate(runs, args)
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # never a traceback: say what broke, and that it is ours
        print(f"communique validate: internal error: {type(error).__name__}: {error} (a bug in communique; please report it)", file=sys.stderr)
        return EXIT_INTERNAL


def _validate(runs: dict[Path, set[Path] | None], args: argparse.Namespace) -> int:
    from communique.findings import Severity
    from communique.render import render
    from communique.validate.engine import Validation

    findings = []
    files = records = 0
    for dataset, targets in runs.items():
        validation = Validation(dataset, targets)
        findings.extend(validation.findings())
        files += validation.files_checked
        records += validation.records_checked
    findings.sort(key=lambda finding: (finding.path, finding.line or 0, finding.column or 0, finding.rule))
    colour = sys.stdout.isatty() if args.color is None else args.color
    checked = f"{records:,} record{'s' if records != 1 else ''} in {files:,} file{'s' if files != 1 else ''} checked"
    failing = {Severity.ERROR, Severity.WARNING} if args.strict else {Severity.ERROR}
    code = EXIT_FINDINGS if any(finding.severity in failing for finding in findings) else EXIT_CLEAN
    try:
        render(args.format, findings, sys.stdout, colour=colour, limit=max(args.limit, 1), checked=checked)
        sys.stdout.flush()
    except BrokenPipeError:  # `communique validate | head`: the verdict stands
        from communique.cli import reader_gone

        reader_gone()
    return code
