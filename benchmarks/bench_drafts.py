"""How well ``communique draft-statements`` drafts: its quotations and speakers against the curated ones.

For every article with curated quotes (statements of kind ``quote`` that are not drafts),
the quote finder's quotations are matched one to one with the curated quotes they
overlap in the article (same part, overlapping places; a curated quote is placed by its
selector, else by its text). Then:

* quote precision: matched quotations / quotations found;
* quote recall: matched curated quotes / curated quotes;
* speaker accuracy: matched quotations whose guessed speaker is the curated one / matched.

It prints a Markdown table, one row per article and a total, and with ``--misses`` each
quotation missed, extra or misattributed. A script, not a test: a quality figure goes in
the README and the site, never into an assertion.

    .venv/bin/python benchmarks/bench_drafts.py                 # the dataset in ./dataset
    .venv/bin/python benchmarks/bench_drafts.py --dataset DIR --misses
    .venv/bin/python benchmarks/bench_drafts.py --scale 10000,20000,40000   # time grows linearly
"""

from __future__ import annotations

import argparse
import time
from dataclasses import dataclass, field
from pathlib import Path

import communique
from communique.curate.coverage import statement_spans
from communique.curate.quotes import attribute_article, speakers


@dataclass
class Score:
    """The counts of one article (or of all)."""

    found: int = 0
    curated: int = 0
    matched: int = 0
    speakers_right: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        self.found += other.found
        self.curated += other.curated
        self.matched += other.matched
        self.speakers_right += other.speakers_right
        self.misses += other.misses

    def row(self, name: str) -> str:
        return f"| {name} | {self.curated} | {self.found} | {self.matched} | {_share(self.matched, self.found)} | {_share(self.matched, self.curated)} | {_share(self.speakers_right, self.matched)} |"


def _share(part: int, whole: int) -> str:
    return f"{part / whole:.0%} ({part}/{whole})" if whole else "n/a"


def _json(record) -> dict:
    return record.model_dump(mode="json", by_alias=True, exclude_none=True)


def score_article(article: dict, curated: list[dict], people) -> Score:
    """The :class:`Score` of the quote finder on one article against its curated quotes."""
    found = attribute_article(article, people)
    gold = [(statement, statement_spans(statement, article)) for statement in curated]
    score = Score(found=len(found), curated=len(curated))
    taken: set[int] = set()
    for attribution in found:
        quote = attribution.quote
        match = next(
            (
                number
                for number, (_, spans) in enumerate(gold)
                if number not in taken and any(span.part == quote.part and span.start < quote.end and span.end > quote.start for span in spans)
            ),
            None,
        )
        if match is None:
            score.misses.append(f"extra: “{_short(quote.exact)}” ({article['id']})")
            continue
        taken.add(match)
        score.matched += 1
        statement = gold[match][0]
        if attribution.speaker == statement["speaker"]:
            score.speakers_right += 1
        else:
            score.misses.append(f"speaker: “{_short(quote.exact)}” guessed {attribution.speaker}, curated {statement['speaker']} (cue: {attribution.cue} {attribution.words!r})")
    for number, (statement, _) in enumerate(gold):
        if number not in taken:
            score.misses.append(f"missed: “{_short(statement['text'])}” ({statement['id']})")
    return score


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 60 else text[:59] + "…"


def scaling(sizes: list[int]) -> None:
    """Time the finder and the attribution on one body of N quoted sentences, and on N
    lone single marks (the worst case of the finder's look-ahead), for each N: the time
    should grow in proportion to N."""
    people = speakers([{"id": "sergey-lavrov", "name": "Sergey Lavrov", "kind": "person", "roles": [{"title": "Minister of Foreign Affairs"}]}])
    print("| N | quoted sentences | lone single marks |")
    print("| ---: | ---: | ---: |")
    for size in sizes:
        timed = []
        for text in (" ".join(["“We are ready,” Lavrov said. The minister left."] * size), "‘" * size):
            began = time.perf_counter()
            attribute_article({"body": text}, people)
            timed.append(f"{time.perf_counter() - began:.2f} s")
        print(f"| {size:,} | {timed[0]} | {timed[1]} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", type=Path, default=Path("dataset"), help="the dataset folder (default: ./dataset)")
    parser.add_argument("--misses", action="store_true", help="list each quotation missed, extra or misattributed")
    parser.add_argument("--scale", metavar="SIZES", help="instead, time the finder on bodies of these many quotations (e.g. 10000,20000,40000)")
    args = parser.parse_args()
    if args.scale:
        scaling([int(size) for size in args.scale.split(",")])
        return
    dataset = communique.load(args.dataset)
    people = speakers(map(_json, dataset.actors.values()))
    total = Score()
    print("| article | curated quotes | quotations found | matched | quote precision | quote recall | speakers right |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    began = time.perf_counter()
    for article_id, article in sorted(dataset.articles.items()):
        curated = [_json(statement) for statement in dataset.statements_in(article_id) if statement.kind == "quote" and not statement.draft]
        if not curated:
            continue
        score = score_article(_json(article), curated, people)
        total.add(score)
        print(score.row(article_id))
    elapsed = time.perf_counter() - began
    print(total.row("**all**"))
    print(f"\n{elapsed * 1000:.0f} ms for the finder and the scoring of every article")
    if args.misses:
        for miss in total.misses or ["(none)"]:
            print(f"- {miss}")


if __name__ == "__main__":
    main()
