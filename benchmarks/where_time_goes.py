"""Where the validator's time goes, per statement, in one process.

Loads a generated dataset's articles and actors as the validator does, then checks the
first share of statements again and again, each time with one record rule (or one rule
over many records other than the id and reference rules, or all record rules) left out; the rounds are interleaved, so that a
machine whose speed drifts affects every variant alike, and the best round of each is
kept. The difference to the full run is what that rule costs. Also times parsing, the
schema and the reference walk alone on the same records. On a shared machine whose
speed swings, differences under a microsecond are noise (some come out negative): run
it when the machine is quiet, and more than once.

    .venv/bin/python benchmarks/bench_validate.py --sizes 100000 --layouts jsonl
    .venv/bin/python benchmarks/where_time_goes.py bench-data/100000-jsonl

It reaches into the engine's internals (a share, its rule lists): a measuring aid for
whoever tunes the engine, not an interface.
"""

from __future__ import annotations

import argparse
import gc
import time
from pathlib import Path

from communique.kinds import STATEMENT
from communique.parse import parse_file
from communique.rules import integrity, schema
from communique.validate import workers
from communique.validate.engine import Validation

ROUNDS = 9


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dataset", type=Path, help="a generated dataset with statements in JSON Lines")
    args = parser.parse_args(argv)
    gc.disable()
    validation = Validation(args.dataset)
    checker = validation.start()  # a run whose store holds the dataset's kept records, as before the statements
    for _ in validation.load_kept(checker, 1):
        pass
    gc.freeze()
    share = next(workers.shares(checker.sources, validation.streamed_kinds))
    rules = list(checker.record_rules[STATEMENT])
    collectors = list(checker.collectors[STATEMENT])
    keyed = [collector for collector in collectors if collector[1].rules != integrity.References.rules]
    variants = {"everything": (rules, collectors), "without any record rule": ([], collectors)}
    for collector in keyed:
        variants[f"without {collector[1].rules[0]}"] = (rules, [other for other in collectors if other is not collector])
    for rule in rules:
        variants[f"without {rule[0]}"] = ([other for other in rules if other is not rule], collectors)
    best = {name: float("inf") for name in variants}
    records = 0
    for _ in range(ROUNDS):
        for name, (kept_rules, kept_collectors) in variants.items():
            checker.record_rules[STATEMENT], checker.collectors[STATEMENT] = kept_rules, kept_collectors
            started = time.perf_counter()
            part = checker.check_streamed(share)
            best[name] = min(best[name], time.perf_counter() - started)
            records = part.records
    whole = best["everything"]
    print(f"{records:,} statements, best of {ROUNDS} interleaved rounds, microseconds per statement:")
    for name, seconds in best.items():
        saved = "" if name == "everything" else f"  (the part left out: {(whole - seconds) / records * 1e6:5.2f})"
        print(f"  {name:45s} {seconds / records * 1e6:6.2f}{saved}")

    source = checker.sources[share[0][0]]
    _, start, end = share[0]
    documents = list(parse_file(source, start, end))
    steps = {
        "parsing (read, orjson, strict checks)": lambda: list(parse_file(source, start, end, check_depth=False)),
        "the schema (jsonschema-rs)": lambda: [schema.issues(document.value, source.kind) for document in documents],
        "the reference walk": lambda: [integrity.references(source.kind, document.value) for document in documents],
    }
    print("alone, on the same statements:")
    for name, step in steps.items():
        seconds = float("inf")
        for _ in range(ROUNDS):
            started = time.perf_counter()
            step()
            seconds = min(seconds, time.perf_counter() - started)
        print(f"  {name:45s} {seconds / len(documents) * 1e6:6.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
