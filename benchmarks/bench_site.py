"""How long ``mkdocs build --strict`` takes for a dataset of 10,000 records, and how big the site is.

    .venv/bin/python benchmarks/bench_site.py [--records N] [--keep DIR]

Generates a valid synthetic dataset (about 1% treaties, 4% actors, 10% articles, the rest
statements, each quote truly in its article's body), builds the site from it exactly as
``mkdocs build --strict`` does (through ``COMMUNIQUE_DATASET``), and reports the build time,
the number of pages and files, and the site's size. It reports; it does not fail.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from communique.kinds import ACTOR, ARTICLE, STATEMENT, TREATY

REPO = Path(__file__).resolve().parents[1]
TOPICS = ["election-interference", "arms-control", "sanctions", "bilateral-relations"]
SENTENCES = 12


def records(total: int) -> dict:
    treaties_n = max(1, total // 100)
    actors_n = max(2, total * 4 // 100)
    articles_n = max(1, total // 10)
    statements_n = max(1, total - treaties_n - actors_n - articles_n)
    actors = [
        {"$schema": ACTOR.schema_ref, "id": f"actor-{n}", "name": f"Actor {n}", "kind": "person" if n % 5 else "state",
         "roles": [{"role": "foreign-minister", "title": "Foreign Minister", "start": f"{2000 + n % 20}-01-01"}]}
        for n in range(actors_n)
    ]
    articles = [
        {"$schema": ARTICLE.schema_ref, "id": f"article-{n}", "headline": f"Headline number {n}: talks & treaties",
         "publisher": f"actor-{n % actors_n}", "published": f"20{10 + n % 15}-{1 + n % 12:02d}-{1 + n % 28:02d}",
         "url": f"https://example.org/news/{n}", "language": "en",
         "body": "\n\n".join(f"Sentence {k} of article {n} says \"something quotable number {k}\" in it." for k in range(SENTENCES))}
        for n in range(articles_n)
    ]
    statements = []
    for n in range(statements_n):
        article = articles[n % articles_n]
        k = (n // articles_n) % SENTENCES
        statements.append({
            "$schema": STATEMENT.schema_ref, "id": f"statement-{n}", "article": article["id"],
            "speaker": f"actor-{n % actors_n}", "text": f"something quotable number {k}", "kind": "quote" if n % 3 else "paraphrase",
            "date": article["published"], "topics": [TOPICS[n % len(TOPICS)]], "treaties": [f"treaty-{n % treaties_n}"],
        })
    treaties = [
        {"$schema": TREATY.schema_ref, "id": f"treaty-{n}", "name": f"Treaty number {n}", "parties": ["actor-0", "actor-1"],
         "signed": "2010-04-08", "in_force": "2011-02-05", "expires": "2026-02-05", "status": "in-force",
         "lifecycle": [{"date": "2010-04-08", "event": "signed", "description": "Signed."},
                       {"date": "2011-02-05", "event": "entered-into-force", "description": "In force."}]}
        for n in range(treaties_n)
    ]
    return {ARTICLE.folder: articles, ACTOR.folder: actors, STATEMENT.folder: statements, TREATY.folder: treaties}


def write(root: Path, data: dict) -> None:
    for folder, items in data.items():
        (root / folder).mkdir(parents=True, exist_ok=True)
        for record in items:
            (root / folder / f"{record['id']}.json").write_text(json.dumps(record), encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--keep", type=Path, help="build into this folder and keep it")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="communique-bench-site-") as tmp:
        dataset, site = Path(tmp) / "dataset", args.keep or Path(tmp) / "site"
        data = records(args.records)
        write(dataset, data)
        env = dict(os.environ, COMMUNIQUE_DATASET=str(dataset), NO_MKDOCS_2_WARNING="1")
        started = time.perf_counter()
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(REPO / "mkdocs.yml"),
                                 "--site-dir", str(site)], cwd=REPO, env=env, capture_output=True, text=True)
        seconds = time.perf_counter() - started
        if result.returncode != 0:
            print(result.stderr[-3000:], file=sys.stderr)
            return result.returncode
        files = [path for path in site.rglob("*") if path.is_file()]
        pages = [path for path in files if path.suffix == ".html"]
        size = sum(path.stat().st_size for path in files)
        index = site / "search" / "search_index.json"
        counts = ", ".join(f"{len(items)} {folder}" for folder, items in data.items())
        print(f"# Site build, {sum(len(items) for items in data.values())} records ({counts})\n")
        print("| measure | value |\n|---|---:|")
        print(f"| mkdocs build --strict | {seconds:.1f} s |")
        print(f"| pages | {len(pages)} |")
        print(f"| files | {len(files)} |")
        print(f"| site size | {size / 1e6:.1f} MB |")
        print(f"| search index | {index.stat().st_size / 1e6:.1f} MB |")
        print(f"| largest page | {max(path.stat().st_size for path in pages) / 1e3:.0f} kB |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
