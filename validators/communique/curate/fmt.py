"""``communique fmt [--check] [PATH ...]``: write record files in their canonical form.

Paths are resolved as ``communique validate`` resolves them (a dataset folder, a kind's
folder, data files in one; default ``./dataset``); the form is
:mod:`communique.curate.canonical`'s. Each file is replaced atomically
(:func:`~communique.versioning.rewrite.atomic_write`): a run stopped at any point leaves
every file whole. A file that is not strict JSON is refused with its ``json.*`` findings
and left as it is: a duplicate member, say, has no one meaning to write back.

Selectors are placed too: a statement's ``selector`` and an article's ``not_curated``
selectors get their offsets and context filled (or corrected) from the article, through
:func:`communique.selectors.fill`, on the texts as this form writes them (NFC). A
selector that cannot be located is left as written: ``communique validate`` says why.

``--check`` changes nothing: it lists the files it would change (for CI and the
pre-commit hook). Exit status: 0 every file is (now) canonical; 1 with ``--check``, a
file is not, or a file was refused or could not be written; 2 used wrongly.
"""

from __future__ import annotations

import argparse
import os
import sys
import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from communique.curate.canonical import line_text, load, normalised, record_text
from communique.findings import Finding
from communique.kinds import ARTICLE, STATEMENT
from communique.parse import Document, parse_file
from communique.read import SourceFile, discover
from communique.schemafields import root
from communique.selectors import fill
from communique.render.safe import printable
from communique.validate.command import UsageError, plan
from communique.versioning.rewrite import atomic_write

EXIT_CANONICAL, EXIT_CHANGES, EXIT_USAGE = 0, 1, 2


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", metavar="PATH", type=Path, help="a dataset folder, a kind's folder or data files in one (default: ./dataset)")
    parser.add_argument("--check", action="store_true", help="change nothing: list the files that are not in canonical form, and exit 1 if any")
    parser.epilog = "Exit status: 0 canonical; 1 a file is not (--check) or could not be read as strict JSON; 2 used wrongly."


def sources(paths: list[Path]) -> Iterator[tuple[Path, SourceFile | Finding]]:
    """The data files the paths name with their dataset, each dataset's in
    :func:`~communique.read.discover` order; for a file named that is not read as data (a
    link out of the dataset, a special file), the finding that says why."""
    if not paths:
        if not Path("dataset").is_dir():
            raise UsageError("no ./dataset here: name the dataset folder or the files to format")
        paths = [Path("dataset")]
    for dataset, targets in plan(paths).items():
        # as discover() spells paths: the real folder, the entry's own name (it may be a link)
        wanted = None if targets is None else {os.path.join(os.path.realpath(target.parent), target.name) for target in targets}
        listing = discover(dataset, wanted)
        for source in listing.sources:
            if wanted is None or source.path in wanted:
                yield dataset, source
        if wanted is not None:
            for finding in listing.findings:
                yield dataset, finding


def _documents(source: SourceFile) -> Iterator[Document]:
    return (item for item in parse_file(source) if isinstance(item, Document))


def articles(dataset: Path) -> dict[str, Any]:
    """The dataset's articles by id, as plain JSON in the canonical form (NFC), for placing
    selectors; an article that is not strict JSON is left out (fmt refuses its file anyway)."""
    found: dict[str, Any] = {}
    for source in discover(dataset).sources:
        if source.kind is ARTICLE:
            for document in _documents(source):
                article = normalised(json.loads(document.text), root(ARTICLE.name))
                if isinstance(article, dict) and isinstance(article.get("id"), str):
                    found[article["id"]] = article
    return found


def _placed(value: Any, plain: Any, kind, articles: Mapping[str, Any]) -> Any:
    """``value`` (as :func:`load` gives it) with its selectors filled from their article;
    ``plain`` is the same record read with plain numbers, which the offsets need."""
    if not isinstance(value, dict) or not isinstance(plain, dict):
        return value
    if kind is STATEMENT and isinstance(plain.get("selector"), dict):
        article = articles.get(plain.get("article"))
        if article is not None:
            filled = fill(article, normalised(plain["selector"], None))
            if isinstance(filled, Mapping):
                value["selector"] = dict(filled)
    if kind is ARTICLE and isinstance(plain.get("not_curated"), list) and isinstance(value.get("not_curated"), list):
        article = normalised(plain, root(ARTICLE.name))
        for position, item in enumerate(plain["not_curated"]):
            if isinstance(item, dict) and isinstance(item.get("selector"), dict):
                filled = fill(article, normalised(item["selector"], None))
                if isinstance(filled, Mapping):
                    value["not_curated"][position]["selector"] = dict(filled)
    return value


def formatted(source: SourceFile, articles: Mapping[str, Any]) -> bytes | list[Finding]:
    """The file's canonical text, its selectors placed in ``articles`` (see :func:`articles`),
    or the findings that keep it from having one."""
    documents: list[Document] = []
    refusals: list[Finding] = []
    for item in parse_file(source):
        (documents if isinstance(item, Document) else refusals).append(item)  # type: ignore[arg-type]
    if refusals:
        return refusals
    values = [_placed(load(document.text), json.loads(document.text), source.kind, articles) for document in documents]
    if not source.lines:
        return record_text(values[0], source.kind)
    return b"".join(line_text(value, source.kind) for value in values)


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
    by_dataset: dict[Path, dict[str, Any]] = {}
    for dataset, source in found:
        if isinstance(source, Finding):
            result: bytes | list[Finding] = [source]
        else:
            if dataset not in by_dataset:
                by_dataset[dataset] = articles(dataset)
            result = formatted(source, by_dataset[dataset])
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
