"""Benchmark ``communique validate`` against ``check-jsonschema`` on synthetic datasets.

Generates datasets of N statements (with N/10 articles, N/100 actors and N/10,000
treaties; every quote truly in its article's body, every reference resolving, every
third statement answering another, so the data is valid and every rule does its full
work), in both layouts (one file per record; JSON Lines), then for each:

* runs the full validation, ``communique validate --format json DATASET``;
* runs ``check-jsonschema`` on the same record files (the schema alone; it reads no
  JSON Lines, so it runs on the file layout only);
* reports wall time, records per second and the command's peak memory (``ru_maxrss``,
  started from a small launcher: see :func:`run`), after reading every file once
  (both tools meet a warm page cache);

and times a pre-commit run: one changed file in the 10,000-statement dataset, start-up
included. Prints a Markdown report. The goals (issue 3): the full validation at least
five times faster than check-jsonschema; 1,000,000 statements in JSON Lines in under
15 s and 1 GB; the pre-commit run under 1 s.

    .venv/bin/python benchmarks/bench_validate.py                 # 10k, 100k, 1M: long
    .venv/bin/python benchmarks/bench_validate.py --sizes 10000   # a quick run

This is a script, not a test: speed goals are measured here, never asserted in the suite.
"""

from __future__ import annotations

import argparse
import compileall
import datetime as dt
import multiprocessing
import multiprocessing.pool
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import orjson

from communique.kinds import BY_NAME, SCHEMA_MAJOR

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SCHEMA_DIR = ROOT / "schema" / SCHEMA_MAJOR
FOLDERS = {"article": "articles", "actor": "actors", "statement": "statements", "treaty": "treaties"}
JSONL_CHUNK = 100_000  # records per JSON Lines file
CHECK_JSONSCHEMA_BATCH = 5_000  # files per check-jsonschema run (the command line has a length limit)

# --- synthetic data -------------------------------------------------------------------------

WORDS = (
    "talks treaty sanctions dialogue border security trade delegation ministry council summit "
    "agreement proposal cooperation region partners negotiations envoy channel documents report "
    "inspection missile forces observers elections statement parliament budget energy pipeline"
).split()
VERBS = "discuss review extend publish reject support consider resume suspend sign".split()
COUNTRIES = "RU US CN FR DE GB IN BR JP ZA TR IR UA PL IT ES CA MX AU KR".split()
ROLES = ("foreign-minister", "spokesperson", "ambassador", "minister", "diplomat")
TOPICS = ("arms-control", "sanctions", "bilateral-relations", "diplomatic-channels", "cybersecurity")
EPOCH = dt.date(2012, 1, 1)


def _schema(kind: str) -> str:
    return BY_NAME[kind].schema_ref  # the current major's: a record of an older one takes the slower path


def _clause(rng: random.Random, article: int, sentence: int) -> str:
    """A clause unique to its article and place (so no two statements are near-duplicates)."""
    words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 14)))
    return f"we will {rng.choice(VERBS)} the {words} under plan {article}-{sentence} this year"


@dataclass
class Sizes:
    statements: int

    @property
    def articles(self) -> int:
        return max(1, self.statements // 10)

    @property
    def persons(self) -> int:
        return max(5, self.statements // 100 - self.publishers - self.states)

    @property
    def publishers(self) -> int:
        return max(2, self.statements // 2_500)

    @property
    def states(self) -> int:
        return max(2, min(200, self.statements // 5_000))

    @property
    def treaties(self) -> int:
        return max(1, self.statements // 10_000)

    @property
    def records(self) -> int:
        return self.statements + self.articles + self.persons + self.publishers + self.states + self.treaties


def generate(sizes: Sizes, seed: int = 1):
    """Yield (kind, record) for a valid dataset of the given size, kinds in any order."""
    rng = random.Random(seed)
    states = [f"state-{number:04d}" for number in range(sizes.states)]
    for number, state in enumerate(states):
        yield "actor", {
            "$schema": _schema("actor"), "id": state, "name": f"State {number}", "kind": "state",
            "country": COUNTRIES[number % len(COUNTRIES)], "wikidata": f"Q{1_000_000 + number}",
        }
    publishers = [f"agency-{number:04d}" for number in range(sizes.publishers)]
    for number, publisher in enumerate(publishers):
        yield "actor", {
            "$schema": _schema("actor"), "id": publisher, "name": f"Agency {number}", "kind": "organization",
            "country": COUNTRIES[number % len(COUNTRIES)],
            "sources": [{"url": f"https://agency{number}.example.org/about", "title": "About"}],
        }
    persons = [f"person-{number:06d}" for number in range(sizes.persons)]
    for number, person in enumerate(persons):
        yield "actor", {
            "$schema": _schema("actor"), "id": person, "name": f"Person {number}", "kind": "person",
            "aliases": [f"P. {number}"], "country": COUNTRIES[number % len(COUNTRIES)],
            "roles": [{
                "role": ROLES[number % len(ROLES)], "title": "Office", "of": states[number % len(states)],
                "start": "2010-01-01",
            }],
        }
    for number in range(sizes.treaties):
        signed = EPOCH + dt.timedelta(days=number % 1000)
        in_force = signed + dt.timedelta(days=300)
        extended = in_force + dt.timedelta(days=3000)
        expires = extended + dt.timedelta(days=1800)
        yield "treaty", {
            "$schema": _schema("treaty"), "id": f"treaty-{number:05d}", "name": f"Treaty {number}",
            "parties": [states[number % len(states)], states[(number + 1) % len(states)]],
            "signed": signed.isoformat(), "in_force": in_force.isoformat(), "expires": expires.isoformat(),
            "status": "in-force", "status_date": (extended + dt.timedelta(days=10)).isoformat(),
            "lifecycle": [
                {"date": signed.isoformat(), "event": "signed", "description": "Signed."},
                {"date": in_force.isoformat(), "event": "entered-into-force", "description": "In force."},
                {"date": extended.isoformat(), "event": "extended", "until": expires.isoformat(), "description": "Extended."},
            ],
        }
    statement_number = 0
    for article in range(sizes.articles):
        published = EPOCH + dt.timedelta(days=3000 + article % 2000)
        article_id = f"{publishers[article % len(publishers)]}-{published.isoformat()}-story-{article:07d}"
        count = sizes.statements // sizes.articles + (1 if article < sizes.statements % sizes.articles else 0)
        paragraphs, statements = [], []
        for sentence in range(count):
            speaker = persons[statement_number % len(persons)]
            statement_number += 1
            clause = _clause(rng, article, sentence)
            kind = "quote" if sentence % 4 else "paraphrase"
            if kind == "quote":
                paragraphs.append(f"\u201c{clause[0].upper()}{clause[1:]},\u201d Person {speaker[-6:]} said on the record.")
                text = f"{clause[0].upper()}{clause[1:]}"
            else:
                paragraphs.append(f"Person {speaker[-6:]} said that {clause}.")
                text = clause
            filler = " ".join(rng.choice(WORDS) for _ in range(rng.randint(15, 30)))
            paragraphs.append(f"Officials noted the {filler}.")
            statements.append({
                "$schema": _schema("statement"), "id": f"{article_id}-s{sentence}", "article": article_id,
                "speaker": speaker, "speaker_role": ROLES[int(speaker[-6:]) % len(ROLES)], "text": text, "kind": kind,
                "attribution": f"Person {speaker[-6:]} said", "date": (published - dt.timedelta(days=sentence % 3)).isoformat(),
                "topics": [TOPICS[sentence % len(TOPICS)]],
                # every third answers the one before it (dated two days earlier): statements refer to statements
                **({"responds_to": [{"relation": "answers", "target": f"{article_id}-s{sentence - 1}"}]} if sentence and sentence % 3 == 0 else {}),
            })
        yield "article", {
            "$schema": _schema("article"), "id": article_id, "headline": f"Story {article}",
            "publisher": publishers[article % len(publishers)], "published": published.isoformat(),
            "url": f"https://agency{article % len(publishers)}.example.org/news/{article}", "language": "en",
            "body": "\n\n".join(paragraphs),
        }
        for statement in statements:
            yield "statement", statement


def write_dataset(sizes: Sizes, target: Path, layout: str) -> None:
    """Write the dataset under ``target`` in one layout: ``files`` or ``jsonl``."""
    for folder in FOLDERS.values():
        (target / folder).mkdir(parents=True, exist_ok=True)
    if layout == "files":
        for kind, record in generate(sizes):
            path = target / FOLDERS[kind] / f"{record['id']}.json"
            path.write_bytes(orjson.dumps(record, option=orjson.OPT_INDENT_2) + b"\n")
        return
    handles: dict[str, tuple[object, int, int]] = {}  # kind -> (file, records in it, file number)
    try:
        for kind, record in generate(sizes):
            handle, count, number = handles.get(kind, (None, JSONL_CHUNK, 0))
            if count >= JSONL_CHUNK:
                if handle is not None:
                    handle.close()
                number += 1
                handle, count = open(target / FOLDERS[kind] / f"bulk-{number:04d}.jsonl", "wb"), 0  # noqa: SIM115
            handle.write(orjson.dumps(record) + b"\n")
            handles[kind] = (handle, count + 1, number)
    finally:
        for handle, _, _ in handles.values():
            handle.close()


def dataset(sizes: Sizes, layout: str, data_dir: Path, regenerate: bool) -> Path:
    target = data_dir / f"{sizes.statements}-{layout}"
    stamp = target / ".complete"
    if regenerate and target.exists():
        shutil.rmtree(target)
    if not stamp.exists():
        if target.exists():
            shutil.rmtree(target)
        started = time.perf_counter()
        print(f"  generating {target} ...", file=sys.stderr, flush=True)
        write_dataset(sizes, target, layout)
        stamp.touch()
        print(f"  generated in {time.perf_counter() - started:.1f} s", file=sys.stderr, flush=True)
    return target


# --- running and measuring -----------------------------------------------------------------


@dataclass
class Run:
    seconds: float
    peak_mb: float
    exit_code: int
    output: bytes
    processor_seconds: float = 0.0  # user + system time of the command and the workers it waited for


#: Where the measured commands are started from (see :func:`run`).
_LAUNCHER: multiprocessing.pool.Pool | None = None


def run(command: list[str], cwd: Path | None = None, env: dict[str, str] | None = None) -> Run:
    """Run a command, measuring its wall time and peak resident memory.

    Linux carries a process's peak memory (``ru_maxrss``) over into the program it
    starts, so a command started from this script, which grows as it generates data,
    would report this script's size as its own. The commands are therefore started from
    a small launcher process, forked from a fresh server at the start (its own size,
    about 20 MB, is the floor of every figure).
    """
    global _LAUNCHER
    if _LAUNCHER is None:
        _LAUNCHER = multiprocessing.get_context("forkserver").Pool(1)
    return _LAUNCHER.apply(_measure, (command, cwd, env))


def _measure(command: list[str], cwd: Path | None, env: dict[str, str] | None) -> Run:
    started = time.perf_counter()
    with tempfile.TemporaryFile() as output:
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, cwd=cwd, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        output.seek(0)
        return Run(seconds, usage.ru_maxrss / 1024, process.returncode, output.read(), usage.ru_utime + usage.ru_stime)


def communique(*arguments: str | Path) -> list[str]:
    return [str(BIN / "communique"), "validate", "--format", "json", *map(str, arguments)]


def findings_summary(result: Run) -> str:
    """The findings, counted by rule, or what went wrong."""
    try:
        findings = orjson.loads(result.output)
    except orjson.JSONDecodeError:
        return f"exit {result.exit_code}: {result.output[-300:].decode(errors='replace').strip()}"
    by_rule: dict[str, int] = {}
    for finding in findings:
        by_rule[finding["rule"]] = by_rule.get(finding["rule"], 0) + 1
    return ", ".join(f"{rule} ×{count}" for rule, count in sorted(by_rule.items())) or "no findings"


def check_jsonschema(target: Path) -> Run:
    """check-jsonschema on every record file, one run per kind and batch; times and peaks combined."""
    total, peak, worst, outputs = 0.0, 0.0, 0, []
    for kind, folder in FOLDERS.items():
        files = sorted(str(path) for path in (target / folder).glob("*.json"))
        for start in range(0, len(files), CHECK_JSONSCHEMA_BATCH):
            schema = SCHEMA_DIR / f"{kind}.schema.json"
            result = run([
                str(BIN / "check-jsonschema"), "--schemafile", str(schema), "--base-uri", schema.as_uri(),
                *files[start : start + CHECK_JSONSCHEMA_BATCH],
            ])
            total += result.seconds
            peak = max(peak, result.peak_mb)
            worst = max(worst, result.exit_code)
            if result.exit_code:
                outputs.append(result.output[-500:])
    return Run(total, peak, worst, b"\n".join(outputs))


def precommit(target: Path, repeats: int) -> tuple[list[float], Run]:
    """Change one statement file of ``target`` and time validating just it, start-up included."""
    changed = sorted((target / "statements").glob("*.json"))[len(list((target / "statements").glob("*.json"))) // 2]
    original = changed.read_bytes()
    record = orjson.loads(original)
    record["topics"] = ["arms-control", "sanctions"]
    changed.write_bytes(orjson.dumps(record, option=orjson.OPT_INDENT_2) + b"\n")
    try:
        runs = [run(communique(changed), cwd=target.parent) for _ in range(repeats)]
    finally:
        changed.write_bytes(original)
    return [result.seconds for result in runs], runs[-1]


# --- before and after ----------------------------------------------------------------------


def code_environment(validators: Path | None) -> dict[str, str]:
    """The environment that runs the package from ``validators`` (a ``git archive`` of
    another commit's ``validators/`` and ``schema/``), or this checkout's with None."""
    env = {name: value for name, value in os.environ.items() if name != "PYTHONPATH"}
    if validators is not None:
        compileall.compile_dir(validators, quiet=1, force=False)  # as an installed copy would be
        env["PYTHONPATH"] = str(validators)
    return env


def _spread(values: list[float]) -> str:
    return f"{statistics.median(values):.2f} s ({min(values):.2f}–{max(values):.2f})"


def compare(targets: list[Path], baseline: Path, repeats: int) -> None:
    """Run the baseline's and this checkout's validator in turns (ABAB...), ``repeats`` times
    each per dataset, and print wall and processor time as median (min–max): on a machine
    shared with other jobs, turns spread the neighbours' load over both sides."""
    sides = {"before": code_environment(baseline), "after": code_environment(None)}
    print(f"Before: `PYTHONPATH={baseline}`; after: this checkout. Median (min–max) of {repeats} runs each, in turns.")
    print()
    print("| dataset | wall before | wall after | change | processor before | processor after | change | peak MB before / after | findings |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---|")
    for target in targets:
        warm(target)
        runs: dict[str, list[Run]] = {side: [] for side in sides}
        for _ in range(repeats):
            for side, env in sides.items():
                result = run(communique(target), env=env)
                runs[side].append(result)
                print(f"  {target.name} {side}: {result.seconds:.2f} s wall, {result.processor_seconds:.2f} s processor", file=sys.stderr, flush=True)
        wall = {side: [result.seconds for result in found] for side, found in runs.items()}
        processor = {side: [result.processor_seconds for result in found] for side, found in runs.items()}
        peak = {side: max(result.peak_mb for result in found) for side, found in runs.items()}
        summaries = {findings_summary(result) for found in runs.values() for result in found}

        def change(values: dict[str, list[float]]) -> str:
            return f"{statistics.median(values['after']) / statistics.median(values['before']) - 1:+.1%}"

        print(
            f"| {target.name} | {_spread(wall['before'])} | {_spread(wall['after'])} | {change(wall)} | "
            f"{_spread(processor['before'])} | {_spread(processor['after'])} | {change(processor)} | "
            f"{peak['before']:.0f} / {peak['after']:.0f} | {'; '.join(sorted(summaries))} |",
            flush=True,
        )


# --- the report ---------------------------------------------------------------------------


def compile_bytecode() -> None:
    """Write the package's bytecode, as installing it does: with ``PYTHONDONTWRITEBYTECODE``
    set (as on some machines) an editable install would otherwise compile every module on
    every run, a quarter of a second that no installed copy pays."""
    import communique

    compileall.compile_dir(Path(communique.__file__).parent, quiet=1, force=False)


def warm(target: Path) -> None:
    """Read every file of the dataset once, so that both tools meet a warm page cache and
    the figures measure the validators, not the disk."""
    for folder, _, names in os.walk(target):
        for name in names:
            with open(os.path.join(folder, name), "rb") as handle:
                while handle.read(1 << 20):
                    pass


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000", help="statement counts, comma-separated")
    parser.add_argument("--layouts", default="files,jsonl", help="files, jsonl or both")
    parser.add_argument("--data-dir", type=Path, default=ROOT / "bench-data", help="where datasets are generated (kept for reruns)")
    parser.add_argument("--regenerate", action="store_true", help="regenerate datasets even when present")
    parser.add_argument("--no-check-jsonschema", action="store_true", help="skip the check-jsonschema baseline")
    parser.add_argument("--check-jsonschema-max", type=int, default=100_000, help="largest size to run check-jsonschema on (it takes minutes per 100,000)")
    parser.add_argument("--precommit-repeats", type=int, default=5)
    parser.add_argument(
        "--compare-with", type=Path, metavar="VALIDATORS",
        help="instead of the report, time this checkout against the package in VALIDATORS (a git archive's validators/, its schema/ beside it), in turns",
    )
    parser.add_argument("--repeats", type=int, default=5, help="runs of each side per dataset with --compare-with")
    args = parser.parse_args(argv)
    run(["true"])  # start the launcher while this script is still small
    compile_bytecode()
    sizes = [Sizes(int(size)) for size in args.sizes.split(",")]
    layouts = args.layouts.split(",")
    baseline = "files" in layouts and not args.no_check_jsonschema and any(size.statements <= args.check_jsonschema_max for size in sizes)
    if args.compare_with is None and baseline and not (BIN / "check-jsonschema").exists():  # not a dependency of the package
        parser.error("check-jsonschema is not installed: `.venv/bin/pip install check-jsonschema`, or pass --no-check-jsonschema")
    if args.compare_with is not None:
        compare([dataset(size, layout, args.data_dir, args.regenerate) for size in sizes for layout in layouts], args.compare_with, args.repeats)
        return 0

    rows = []
    for size in sizes:
        for layout in layouts:
            print(f"{size.statements} statements, {layout}", file=sys.stderr, flush=True)
            target = dataset(size, layout, args.data_dir, args.regenerate)
            warm(target)
            ours = run(communique(target))
            row = {
                "statements": size.statements, "records": size.records, "layout": layout,
                "ours": ours, "summary": findings_summary(ours), "theirs": None,
            }
            if layout == "files" and not args.no_check_jsonschema and size.statements <= args.check_jsonschema_max:
                print("  check-jsonschema ...", file=sys.stderr, flush=True)
                row["theirs"] = check_jsonschema(target)
            rows.append(row)
            print(f"  {ours.seconds:.2f} s, {ours.peak_mb:.0f} MB: {row['summary']}", file=sys.stderr, flush=True)

    print("| statements | records | layout | communique validate | records/s | peak MB | check-jsonschema | records/s | peak MB | speed-up | findings |")
    print("|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---|")
    for row in rows:
        ours, theirs = row["ours"], row["theirs"]
        if theirs is None:
            baseline = "— | — | — | —"
        else:
            failed = " (failed)" if theirs.exit_code else ""
            baseline = (
                f"{theirs.seconds:.1f} s{failed} | {row['records'] / theirs.seconds:,.0f} | {theirs.peak_mb:.0f} | "
                f"{theirs.seconds / ours.seconds:.1f}×"
            )
        print(
            f"| {row['statements']:,} | {row['records']:,} | {row['layout']} | {ours.seconds:.2f} s | "
            f"{row['records'] / ours.seconds:,.0f} | {ours.peak_mb:.0f} | {baseline} | {row['summary']} |"
        )

    small = min(sizes, key=lambda size: size.statements)
    if "files" in layouts:
        target = dataset(small, "files", args.data_dir, False)
        times, last = precommit(target, args.precommit_repeats)
        print()
        print(
            f"Pre-commit, one changed statement file in the {small.records:,}-record file layout, start-up included: "
            f"median {statistics.median(times):.2f} s, best {min(times):.2f} s of {len(times)} runs, "
            f"peak {last.peak_mb:.0f} MB; {findings_summary(last)}."
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
