"""How long an export of 100,000 statements takes, and how large its files are.

    .venv/bin/python benchmarks/bench_export.py [--statements N] [--out DIR]

The statements are generated (plausible shapes: quotes and paraphrases with topics,
mentions, notes and sources) over a few hundred articles and actors, and exported with
``communique.export.write_records``: the same path as ``communique export`` after loading.
The export is run twice: into a new folder, then again over the first, as ``make export``
does every time after the first (the previous export is then checked against its manifest,
file by file, before it is replaced: that costs a read and a hash of every file).
The goal is a package in under a minute on one core; the script reports, it does not fail.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from communique.export import files, write_records
from communique.kinds import ACTOR, ARTICLE, STATEMENT, TREATY

TOPICS = ["election-interference", "arms-control", "sanctions", "diplomacy"]


def generate(statements: int) -> dict:
    actors = [
        {"$schema": ACTOR.schema_ref, "id": f"actor-{n}", "name": f"Actor {n}", "kind": "person", "aliases": [f"A. {n}"]}
        for n in range(500)
    ]
    articles = [
        {
            "$schema": ARTICLE.schema_ref,
            "id": f"article-{n}",
            "headline": f"Headline number {n}, with a comma",
            "publisher": f"actor-{n % 500}",
            "published": f"2020-{1 + n % 12:02d}-{1 + n % 28:02d}",
            "url": f"https://example.org/news/{n}",
            "language": "en",
            "body": "A paragraph of \"quoted\" words.\n\nAnother paragraph. " * 20,
        }
        for n in range(statements // 50 or 1)
    ]
    treaty = {
        "$schema": TREATY.schema_ref,
        "id": "new-start",
        "name": "New START",
        "parties": ["actor-0", "actor-1"],
        "signed": "2010-04-08",
        "in_force": "2011-02-05",
        "expires": "2026-02-05",
        "status": "expired",
    }
    items = []
    for n in range(statements):
        article = articles[n % len(articles)]
        record = {
            "$schema": STATEMENT.schema_ref,
            "id": f"statement-{n:06d}",
            "article": article["id"],
            "speaker": f"actor-{n % 500}",
            "text": f"We are ready for an honest dialogue, number {n}",
            "kind": "quote" if n % 3 else "paraphrase",
            "date": article["published"],
            "topics": TOPICS[: 1 + n % len(TOPICS)],
            "mentions": [f"actor-{(n + 1) % 500}"],
        }
        if n % 10 == 0:
            record["treaties"] = ["new-start"]
            record["notes"] = [{"kind": "context", "text": "Said at a press conference.", "sources": [{"url": "https://example.org/s"}]}]
        items.append(record)
    return {ACTOR: actors, ARTICLE: articles, STATEMENT: items, TREATY: [treaty]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--statements", type=int, default=100_000)
    parser.add_argument("--out", type=Path, help="where to write the export (default: a temporary folder)")
    args = parser.parse_args()

    started = time.perf_counter()
    records = generate(args.statements)
    generated = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as scratch:
        out = args.out or Path(scratch) / "export"
        started = time.perf_counter()
        write_records(records, out)
        elapsed = time.perf_counter() - started
        started = time.perf_counter()
        write_records(records, out)
        replaced = time.perf_counter() - started
        sizes: dict[str, int] = defaultdict(int)
        for name in files():
            group = name.split("/")[0] if "/" in name else name
            sizes[group] += (out / name).stat().st_size
    print(f"statements: {args.statements:,} (generated in {generated:.1f} s)")
    print(f"export:     {elapsed:.1f} s, {args.statements / elapsed:,.0f} statements/s")
    print(f"again:      {replaced:.1f} s (replacing the first export)")
    for group, size in sorted(sizes.items()):
        print(f"  {group:<18} {size / 1e6:8.1f} MB")
    print(f"  {'total':<18} {sum(sizes.values()) / 1e6:8.1f} MB")


if __name__ == "__main__":
    main()
