"""How long ``mkdocs build --strict`` takes for a dataset of 10,000 records, and how big the site is.

    .venv/bin/python benchmarks/bench_site.py [--records N] [--keep DIR] [--per-article N] [--profile]

Generates a valid synthetic dataset (about 1% treaties, 4% actors, 10% articles, the rest
statements, each quote truly in its article's body), builds the site from it exactly as
``mkdocs build --strict`` does (through ``COMMUNIQUE_DATASET``), and reports the build time
(wall clock, and the CPU time, which other work on the machine does not inflate), the number
of pages and files, the site's size, the peak memory of the build, the largest page, and what
a reader's browser loads for one visit to the explorer (the page, its CSS and scripts,
Material's search worker and index, the explorer's meta and first shard) and for one step of a
search in it. ``--per-article N`` puts N statements in each article (a long press-conference
transcript), to see that the build stays linear whatever the distribution; ``--profile``
builds in this process under cProfile and says where the time goes. It reports; it does not fail.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from communique.kinds import ACTOR, ARTICLE, STATEMENT, TREATY
from communique.site import explorer

REPO = Path(__file__).resolve().parents[1]
TOPICS = ["election-interference", "arms-control", "sanctions", "bilateral-relations"]
SENTENCES = 12


def records(total: int, per_article: int | None = None) -> dict:
    treaties_n = max(1, total // 100)
    actors_n = max(2, total * 4 // 100)
    articles_n = max(1, total // 10)
    statements_n = max(1, total - treaties_n - actors_n - articles_n)
    if per_article:
        articles_n = max(1, statements_n // per_article)
    sentences = max(SENTENCES, per_article or 0)
    actors = [
        {"$schema": ACTOR.schema_ref, "id": f"actor-{n}", "name": f"Actor {n}", "kind": "person" if n % 5 else "state",
         "roles": [{"role": "foreign-minister", "title": "Foreign Minister", "start": f"{2000 + n % 20}-01-01"}]}
        for n in range(actors_n)
    ]
    articles = [
        {"$schema": ARTICLE.schema_ref, "id": f"article-{n}", "headline": f"Headline number {n}: talks & treaties",
         "publisher": f"actor-{n % actors_n}", "published": f"20{10 + n % 15}-{1 + n % 12:02d}-{1 + n % 28:02d}",
         "url": f"https://example.org/news/{n}", "language": "en",
         "body": "\n\n".join(f"Sentence {k} of article {n} says \"something quotable number {k}\" in it." for k in range(sentences))}
        for n in range(articles_n)
    ]
    statements = []
    for n in range(statements_n):
        article = articles[n % articles_n]
        k = (n // articles_n) % sentences
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


def visit(site: Path, page: Path) -> int:
    """Bytes a browser loads for ``page``: its HTML, the CSS and scripts it names, Material's search
    worker and the site's search index (Material loads it on every page)."""
    html = page.read_text(encoding="utf-8")
    named = {(page.parent / ref).resolve() for ref in re.findall(r'(?:src|href)="([^"?#:]+\.(?:js|css))"', html)}
    worker = set((site / "assets" / "javascripts" / "workers").glob("search*.js"))
    return len(html.encode()) + sum(path.stat().st_size for path in named | worker) + (site / "search" / "search_index.json").stat().st_size


def profile(dataset: Path, site: Path) -> None:
    """Build in this process under cProfile; print where the time goes."""
    import cProfile
    import pstats

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    os.environ.update(COMMUNIQUE_DATASET=str(dataset), NO_MKDOCS_2_WARNING="1")
    profiler = cProfile.Profile()
    profiler.enable()
    build(load_config(str(REPO / "mkdocs.yml"), site_dir=str(site), strict=True))
    profiler.disable()
    stats = pstats.Stats(profiler)
    total = max(row[3] for row in stats.stats.values())  # the build's own cumulative time
    print(f"\n## Where the time goes (cProfile, {total:.1f} s in all)\n")
    print("| function | cumulative | share |\n|---|---:|---:|")
    rows = sorted(stats.stats.items(), key=lambda item: -item[1][3])
    shown = 0
    for (file, line, name), (_, _, _, cumulative, _) in rows:
        if shown == 30:
            break
        where = file.split("site-packages/")[-1].split("validators/")[-1]
        print(f"| {where}:{line} {name} | {cumulative:.1f} s | {100 * cumulative / total:.0f} % |")
        shown += 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--per-article", type=int, help="statements per article (default: about 8)")
    parser.add_argument("--keep", type=Path, help="build into this folder and keep it")
    parser.add_argument("--profile", action="store_true", help="build in this process under cProfile")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="communique-bench-site-") as tmp:
        dataset, site = Path(tmp) / "dataset", args.keep or Path(tmp) / "site"
        data = records(args.records, args.per_article)
        write(dataset, data)
        counts = ", ".join(f"{len(items)} {folder}" for folder, items in data.items())
        print(f"# Site build, {sum(len(items) for items in data.values())} records ({counts})\n")
        if args.profile:
            profile(dataset, site)
            return 0
        env = dict(os.environ, COMMUNIQUE_DATASET=str(dataset), NO_MKDOCS_2_WARNING="1")
        started = time.perf_counter()
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(REPO / "mkdocs.yml"),
                                 "--site-dir", str(site)], cwd=REPO, env=env, capture_output=True, text=True)
        seconds = time.perf_counter() - started
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        peak = usage.ru_maxrss / 1e3  # kB on Linux
        if result.returncode != 0:
            print(result.stderr[-3000:], file=sys.stderr)
            return result.returncode
        files = [path for path in site.rglob("*") if path.is_file()]
        pages = [path for path in files if path.suffix == ".html"]
        size = sum(path.stat().st_size for path in files)
        index = site / "search" / "search_index.json"
        largest = max(pages, key=lambda path: path.stat().st_size)
        print("| measure | value |\n|---|---:|")
        print(f"| mkdocs build --strict | {seconds:.1f} s |")
        print(f"| CPU time of the build (user + system) | {usage.ru_utime + usage.ru_stime:.1f} s |")
        print(f"| ... of which system (writing the pages: a folder and a file each) | {usage.ru_stime:.1f} s |")
        print(f"| peak memory of the build | {peak:.0f} MB |")
        print(f"| pages | {len(pages)} |")
        print(f"| files | {len(files)} |")
        print(f"| site size | {size / 1e6:.1f} MB |")
        print(f"| search index | {index.stat().st_size / 1e6:.1f} MB |")
        shards = site / explorer.FOLDER
        first = shards / explorer.ALL / "1.json"
        largest_shard = max((path.stat().st_size for path in shards.rglob("*.json") if path.name != "meta.json"), default=0)
        explorer_visit = visit(site, site / STATEMENT.folder / "index.html") + (shards / "meta.json").stat().st_size + first.stat().st_size
        print(f"| explorer's meta.json | {(shards / 'meta.json').stat().st_size / 1e3:.0f} kB |")
        print(f"| explorer's shards | {sum(p.stat().st_size for p in shards.rglob('*.json')) / 1e6:.1f} MB, largest {largest_shard / 1e3:.0f} kB |")
        print(f"| one visit to the explorer (page, CSS, scripts, search, meta, first shard) | {explorer_visit / 1e3:.0f} kB |")
        print(f"| one visit to the largest page | {visit(site, largest) / 1e3:.0f} kB |")
        print(f"| one step of a search in the explorer (at most 8 shards, STEP in explorer.js) | {8 * largest_shard / 1e3:.0f} kB |")
        print(f"| statements.json (all statements in one file, to download) | {(site / 'statements' / 'statements.json').stat().st_size / 1e6:.1f} MB |")
        print(f"| largest page | {largest.stat().st_size / 1e3:.0f} kB ({largest.parent.relative_to(site).as_posix()}/) |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
