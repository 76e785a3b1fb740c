"""Benchmark the validator on the shapes of input that once took quadratic time or memory (issue 10).

Each case is a dataset built under ``bench-data/shapes/`` (git-ignored) from the valid
base of the test fixtures or from ``bench_validate.py``'s generator, then timed with the
command a user would run, start-up included, with its peak memory (``ru_maxrss``, from a
small launcher: see ``bench_validate.run``):

* ``unique-items``: one statement whose ``topics`` array has 100,000 items, the last
  repeating the first (a ``schema.unique-items`` finding), validated and loaded
  (``communique.load``, which raises on it);
* ``missing-refs``: the 100,000-statement dataset with 11,000 speakers mistyped (a letter
  changed at a different place in each), so 11,000 ``ref.missing`` findings with a
  "did you mean";
* ``long-run``: an article whose body is a 7 MB run of one letter, with 20 quotes of it
  that are not in it (each ends in another letter);
* ``many-findings``: 500,000 statements with a topic outside the codelist (500,000
  warnings), in text output and in JSON.

    .venv/bin/python benchmarks/bench_shapes.py                 # every case
    .venv/bin/python benchmarks/bench_shapes.py --cases long-run

This is a script, not a test: it reports, it never asserts a speed.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_validate as bench  # noqa: E402  (the generator and the measuring launcher)

ROOT = bench.ROOT
VALID = ROOT / "tests" / "fixtures" / "valid"
ARTICLE_ID = "tass-2020-09-11-lavrov-honest-dialogue"


def _copy(source: Path, target: Path) -> Path:
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target)
    return target


def _base(target: Path) -> Path:
    return _copy(VALID, target)


def _statements_of(statements: int, target: Path, data_dir: Path, change: Callable[[dict, int], dict]) -> Path:
    """A copy of the generated dataset of that many statements (JSON Lines), each line of
    statements rewritten by ``change(record, line number)``."""
    _copy(bench.dataset(bench.Sizes(statements), "jsonl", data_dir, False), target)
    for path in sorted((target / "statements").glob("*.jsonl")):
        lines = path.read_bytes().splitlines()
        path.write_bytes(b"".join(orjson.dumps(change(orjson.loads(line), number)) + b"\n" for number, line in enumerate(lines)))
    return target


def _statement(**changes: object) -> dict:
    record = json.loads((VALID / "statements" / "tass-2020-09-11-lavrov-honest-dialogue-publish-correspondence.json").read_text(encoding="utf-8"))
    record.update(changes)
    return record


def unique_items(target: Path) -> Path:
    _base(target)
    topics = [f"topic-{number:06d}" for number in range(100_000)] + ["topic-000000"]
    record = _statement(id="many-topics", topics=topics)
    (target / "statements" / "many-topics.json").write_bytes(orjson.dumps(record, option=orjson.OPT_INDENT_2))
    return target


def _mistype(identifier: str, number: int) -> str:
    """``identifier`` with one letter changed, at a place that moves with ``number``."""
    position = number % len(identifier)
    letter = "x" if identifier[position] != "x" else "y"
    return identifier[:position] + letter + identifier[position + 1 :]


def missing_refs(target: Path, data_dir: Path) -> Path:
    def mistype(record: dict, number: int) -> dict:
        if number % 9 == 0:  # 11,112 of 100,000
            record["speaker"] = _mistype(record["speaker"], number)
        return record

    return _statements_of(100_000, target, data_dir, mistype)


def long_run(target: Path) -> Path:
    _base(target)
    article = json.loads((VALID / "articles" / f"{ARTICLE_ID}.json").read_text(encoding="utf-8"))
    article.update(id="long-run", body="a" * (7 * 1024 * 1024))
    (target / "articles" / "long-run.json").write_text(json.dumps(article), encoding="utf-8")
    for number in range(20):
        record = _statement(id=f"long-run-{number}", article="long-run", text="a" * (100 + number * 50) + "b")
        record.pop("speaker_role")
        (target / "statements" / f"long-run-{number}.json").write_text(json.dumps(record), encoding="utf-8")
    return target


def many_findings(target: Path, data_dir: Path) -> Path:
    return _statements_of(500_000, target, data_dir, lambda record, _: {**record, "topics": ["not-in-the-codelist"]})


def _validate(*arguments: str | Path) -> list[str]:
    return [str(bench.BIN / "communique"), "validate", *map(str, arguments)]


def _load(target: Path) -> list[str]:
    program = "import sys\nfrom communique.loading import DatasetError, load\ntry:\n    load(sys.argv[1])\nexcept DatasetError:\n    pass\n"
    return [sys.executable, "-c", program, str(target)]


def _report(name: str, command: str, result: bench.Run, summary: str) -> None:
    print(f"| {name} | `{command}` | {result.seconds:.2f} s | {result.peak_mb:.0f} | {summary} |", flush=True)


def _text_summary(result: bench.Run) -> str:
    last = result.output.decode(errors="replace").strip().splitlines()[-1:] or ["(no output)"]
    return f"exit {result.exit_code}: {last[0][:120]}"


CASES: dict[str, Callable[[Path, Path], None]] = {}


def case(name: str) -> Callable[[Callable[[Path, Path], None]], Callable[[Path, Path], None]]:
    def register(run: Callable[[Path, Path], None]) -> Callable[[Path, Path], None]:
        CASES[name] = run
        return run

    return register


@case("unique-items")
def _unique_items(shapes: Path, data_dir: Path) -> None:
    target = unique_items(shapes / "unique-items")
    bench.warm(target)
    _report("100,000 topics, one repeated", "validate --format json", result := bench.run(_validate("--format", "json", target)), bench.findings_summary(result))
    _report("100,000 topics, one repeated", "communique.load", result := bench.run(_load(target)), f"exit {result.exit_code}")


@case("missing-refs")
def _missing_refs(shapes: Path, data_dir: Path) -> None:
    target = missing_refs(shapes / "missing-refs", data_dir)
    bench.warm(target)
    result = bench.run(_validate("--format", "json", target))
    findings = orjson.loads(result.output) if result.output.startswith(b"[") else []
    hinted = sum("Did you mean" in finding["hint"] for finding in findings)
    _report("100,000 statements, 11,112 speakers mistyped", "validate --format json", result, f"{bench.findings_summary(result)}; {hinted:,} with a suggestion")


@case("long-run")
def _long_run(shapes: Path, data_dir: Path) -> None:
    target = long_run(shapes / "long-run")
    bench.warm(target)
    _report("7 MB of one letter, 20 quotes against it", "validate --format json", result := bench.run(_validate("--format", "json", target)), bench.findings_summary(result))


@case("many-findings")
def _many_findings(shapes: Path, data_dir: Path) -> None:
    target = many_findings(shapes / "many-findings", data_dir)
    bench.warm(target)
    _report("500,000 statements, 500,000 warnings", "validate (text)", result := bench.run(_validate(target)), _text_summary(result))
    _report("500,000 statements, 500,000 warnings", "validate --format json", result := bench.run(_validate("--format", "json", target)), f"exit {result.exit_code}, {len(result.output) / 1e6:.0f} MB of output")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", default=",".join(CASES), help=f"comma-separated, of: {', '.join(CASES)}")
    parser.add_argument("--data-dir", type=Path, default=ROOT / "bench-data", help="where datasets are generated (kept for reruns)")
    args = parser.parse_args(argv)
    bench.run(["true"])  # start the launcher while this script is still small
    bench.compile_bytecode()
    shapes = args.data_dir / "shapes"
    shapes.mkdir(parents=True, exist_ok=True)
    print("| case | command | wall time | peak MB | findings |")
    print("|---|---|---:|---:|---|")
    for name in args.cases.split(","):
        started = time.perf_counter()
        CASES[name](shapes, args.data_dir)
        print(f"  {name}: {time.perf_counter() - started:.0f} s with building the data", file=sys.stderr, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
