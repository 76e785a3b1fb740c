"""``communique draft-statements ARTICLE_ID``: a draft statement for every quotation not yet curated.

Each quotation of the article (:mod:`communique.curate.quotes`) that no statement covers
(:mod:`communique.curate.coverage`: the test of the ``completeness.uncovered-quote``
rule) becomes ``dataset/statements/<article>-draft-<n>.json``: ``draft: true``, kind
quote, the quotation's words as its text, its selector, the speaker the cue points at,
the cue's words as ``attribution`` and, in a ``context`` note, which cue decided; dated
the article's publication day (``date_basis: publication``), which the curator narrows.
A quotation whose speaker no cue names is listed, not drafted: a statement needs one.

Each file is written in the canonical form ``communique fmt`` writes, whole or not at all
(a temporary file linked into place), never over an existing one. ``--dry-run`` prints the drafts instead. Exit 0, 1 when the dataset does
not load, 2 when the article is not in it.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from communique.curate import coverage
from communique.curate.canonical import record_text
from communique.curate.quotes import Attribution, Quote, attribute_article, speakers
from communique.kinds import STATEMENT
from communique.versioning.rewrite import atomic_write

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
#: Characters of context on each side of a selector's passage (the W3C's usual choice,
#: half of what the schema allows).
CONTEXT = 32
_ID_LENGTH = 120  # the schema's longest id
#: How the note a draft is written with starts (``communique accept-draft`` drops that note).
DRAFTED_BY = "Drafted by communique draft-statements."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from communique.query import add_dataset_argument

    parser.add_argument("article", metavar="ARTICLE_ID", help="the id of the article whose quotations to draft")
    parser.add_argument("--dry-run", action="store_true", help="print the drafts instead of writing them")
    add_dataset_argument(parser)


def selector(quote: Quote, text: str) -> dict[str, Any]:
    """The selector of ``quote`` in ``text`` (its part): exact, up to :data:`CONTEXT`
    characters of prefix and suffix (left out when empty, at an edge of the part) and
    the offsets."""
    found: dict[str, Any] = {"part": quote.part, "exact": quote.exact}
    prefix, suffix = text[max(quote.start - CONTEXT, 0) : quote.start], text[quote.end : quote.end + CONTEXT]
    if prefix:
        found["prefix"] = prefix
    if suffix:
        found["suffix"] = suffix
    found["start"], found["end"] = quote.start, quote.end
    return found


def draft(article: Mapping[str, Any], attribution: Attribution, record_id: str) -> dict[str, Any]:
    """The draft statement of one attributed quotation (a JSON object, keys in schema order)."""
    quote = attribution.quote
    record: dict[str, Any] = {
        "$schema": STATEMENT.schema_ref,
        "id": record_id,
        "article": article["id"],
        "speaker": attribution.speaker,
        "text": quote.exact,
        "kind": "quote",
    }
    if attribution.words and attribution.words in " ".join(article[quote.part].split()):  # verbatim only
        record["attribution"] = attribution.words
    record |= {
        "date": article["published"],
        "date_basis": "publication",
        "selector": selector(quote, article[quote.part]),
        "draft": True,
        "notes": [{"kind": "context", "field": "/speaker", "text": f"{DRAFTED_BY} {attribution.explanation()}"}],
    }
    return record


def drafts(article: Mapping[str, Any], statements: Iterable[Mapping[str, Any]], actors: Iterable[Mapping[str, Any]], taken: set[str]) -> tuple[list[dict[str, Any]], list[Attribution]]:
    """(the drafts for the quotations of ``article`` that ``statements`` do not cover, the
    quotations left without a speaker); ids are the first ``<article>-draft-<n>`` not in
    ``taken``, to which they are added."""
    attributions = attribute_article(article, speakers(actors))
    open_quotes = set(coverage.uncovered(article, [attribution.quote for attribution in attributions], statements))
    made, unattributed = [], []
    for attribution in attributions:
        if attribution.quote not in open_quotes:
            continue
        if attribution.speaker is None:
            unattributed.append(attribution)
            continue
        record_id = _free_id(article["id"], taken)
        taken.add(record_id)
        made.append(draft(article, attribution, record_id))
    return made, unattributed


def _free_id(article_id: str, taken: set[str]) -> str:
    number = 1
    while True:
        tail = f"-draft-{number}"
        record_id = article_id[: _ID_LENGTH - len(tail)].rstrip("-") + tail
        if record_id not in taken:
            return record_id
        number += 1


def run(args: argparse.Namespace) -> int:
    from communique.query import load_for_command
    from communique.render.safe import json_text, printable

    dataset = load_for_command("draft-statements", args)
    if isinstance(dataset, int):
        return dataset
    found = dataset.articles.get(args.article)
    if found is None:
        print(f"communique draft-statements: no article has the id {printable(args.article)!r}", file=sys.stderr)
        return EXIT_USAGE
    article = _json(found)
    statements = [_json(statement) for statement in dataset.statements_in(found.id)]
    made, unattributed = drafts(article, statements, map(_json, dataset.actors.values()), {record.id for record in dataset})
    folder = dataset.path / STATEMENT.folder
    for record in made:
        if args.dry_run:
            print(json_text(record, indent=2))  # acting characters escaped, for a terminal
            continue
        folder.mkdir(exist_ok=True)
        path = folder / f"{record['id']}.json"
        try:
            atomic_write(str(path), [record_text(record, STATEMENT)], create=True)  # never over a file, never half written
        except OSError as error:
            print(f"communique draft-statements: cannot write {printable(str(path))}: {printable(error.strerror or str(error))}", file=sys.stderr)
            return EXIT_FAILED
        print(f"wrote {printable(str(path))}: {_summary(record['speaker'], record['text'], record.get('attribution', ''))}")
    for attribution in unattributed:
        print(f"not drafted (no speaker found): {_summary('?', attribution.quote.exact, '')}")
    covered = "" if made or unattributed else " (every quotation is covered)"
    verb = "would write" if args.dry_run else "wrote"
    print(f"{verb} {len(made)} draft(s), {len(unattributed)} quotation(s) without a speaker{covered}", file=sys.stderr)
    return EXIT_OK


def _json(record: Any) -> dict[str, Any]:
    return record.model_dump(mode="json", by_alias=True, exclude_none=True)


def _summary(speaker: str, text: str, cue: str) -> str:
    from communique.render.safe import printable

    shown = " ".join(text.split())
    shown = shown if len(shown) <= 60 else shown[:59] + "\u2026"
    return printable(f"{speaker} \u201c{shown}\u201d" + (f" ({cue})" if cue else ""))

