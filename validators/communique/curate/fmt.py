"""``communique fmt [--check] [PATH ...]``: write record files in their canonical form.

Paths are resolved as ``communique validate`` resolves them (a dataset folder, a kind's
folder, data files in one; default ``./dataset``); the form is
:mod:`communique.curate.canonical`'s. Each file is replaced atomically
(:func:`~communique.versioning.rewrite.atomic_write`): a run stopped at any point leaves
every file whole. A file that is not strict JSON is refused with its ``json.*`` findings
and left as it is: a duplicate member, say, has no one meaning to write back.

``--check`` changes nothing: it lists the files it would change (for CI and the
pre-commit hook). Exit status: 0 every file is (now) canonical; 1 with ``--check``, a
file is not, or a file was refused or could not be written; 2 used wrongly.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from pathlib import Path

from communique.curate.canonical import line_text, load, record_text
from communique.findings import Finding
from communique.parse import Document, parse_file
from communique.read import SourceFile, discover
from communique.render.safe import printable
from communique.validate.command import UsageError, plan
from communique.versioning.rewrite import atomic_write

EXIT_CANONICAL, EXIT_CHANGES, EXIT_USAGE = 0, 1, 2


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", metavar="PATH", type=Path, help="a dataset folder, a kind's folder or data files in one (default: ./dataset)")
    parser.add_argument("--check", action="store_true", help="change nothing: list the files that are not in canonical form, and exit 1 if any")
    parser.epilog = "Exit status: 0 canonical; 1 a file is not (--check) or could not be read as strict JSON; 2 used wrongly."


def sources(paths: list[Path]) -> Iterator[SourceFile]:
    """The data files the paths name, each dataset's in :func:`~communique.read.discover` order."""
    if not paths:
        if not Path("dataset").is_dir():
            raise UsageError("no ./dataset here: name the dataset folder or the files to format")
        paths = [Path("dataset")]
    for dataset, targets in plan(paths).items():
        # as discover() spells paths: the real folder, the entry's own name (it may be a link)
        wanted = None if targets is None else {os.path.join(os.path.realpath(target.parent), target.name) for target in targets}
        for source in discover(dataset, wanted).sources:
            if wanted is None or source.path in wanted:
                yield source


def formatted(source: SourceFile) -> bytes | list[Finding]:
    """The file's canonical text, or the findings that keep it from having one."""
    documents: list[Document] = []
    refusals: list[Finding] = []
    for item in parse_file(source):
        (documents if isinstance(item, Document) else refusals).append(item)  # type: ignore[arg-type]
    if refusals:
        return refusals
    if not source.lines:
        return record_text(load(documents[0].text), source.kind)
    return b"".join(line_text(load(document.text), source.kind) for document in documents)


def _current(source: SourceFile) -> bytes:
    with open(source.path, "rb") as handle:
        return handle.read()


def run(args: argparse.Namespace) -> int:
    try:
        found = list(sources(args.paths))
    except UsageError as error:
        print(f"communique fmt: error: {printable(str(error))}", file=sys.stderr)
        return EXIT_USAGE
    changed = refused = 0
    for source in found:
        result = formatted(source)
        if isinstance(result, list):
            refused += 1
            for finding in result:
                place = f":{finding.line}:{finding.column}" if finding.line is not None else ""
                print(f"{printable(finding.path)}{place}: {finding.rule} {printable(finding.message)}: not formatted", file=sys.stderr)
            continue
        try:
            if result == _current(source):
                continue
            if not args.check:
                atomic_write(source.path, [result])
        except OSError as error:  # gone or unwritable since it was read: a finding, never a traceback
            refused += 1
            print(f"{printable(source.display)}: {printable(error.strerror or str(error))}: not formatted", file=sys.stderr)
            continue
        changed += 1
        print(f"{'would reformat' if args.check else 'reformatted'} {printable(source.display)}")
    verb = "would reformat" if args.check else "reformatted"
    tail = f", {refused} not formatted" if refused else ""
    print(f"{changed} file{'s' if changed != 1 else ''} {verb}, {len(found) - changed - refused} already canonical{tail}", file=sys.stderr)
    return EXIT_CHANGES if refused or (args.check and changed) else EXIT_CANONICAL
