"""Worker processes change how fast a dataset is checked, never what is found."""

from __future__ import annotations

import gc
import json
import os
import sys
import threading
import weakref
from pathlib import Path

import pytest

from communique.findings import Severity
from communique.kinds import ARTICLE, STATEMENT
from communique.read import SourceFile, line_ranges
from communique.rules.base import RULES, Problem, Rule
from communique.validate import engine, store, workers
from communique.validate.engine import Validation

from testdata import INVALID, VALID, overlay

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="worker processes are forked on Linux only")


def _every_mistake(target: Path) -> Path:
    """The valid base with every invalid fixture laid over it, and a JSONL file of statements
    with mistakes on many lines (copies, broken lines, bad references, silences)."""
    overlay(target, *sorted(path for path in INVALID.iterdir() if path.is_dir()))
    for number in range(6):  # kept records that silence a record rule: the counts come back from the workers
        actor = {
            "$schema": "../../schema/v1/actor.schema.json", "id": f"envoy-{number}", "name": f"Envoy {number}",
            "kind": "person", "roles": [{"role": "ambassador", "title": "Ambassador", "start": "2010-05-01", "end": "2009-01-01"}],
            "silence": [{"rule": "meaning.role-dates", "reason": "The source gives these dates; they are being checked."}],
        }
        (target / "actors" / f"envoy-{number}.json").write_text(json.dumps(actor), encoding="utf-8")
    article = json.loads(next((VALID / "articles").glob("*.json")).read_text(encoding="utf-8"))
    article.update(id="long-read", body=" ".join([article["body"]] * 4))  # over LONG_TEXT: kept in a blob
    (target / "articles" / "long-read.json").write_text(json.dumps(article), encoding="utf-8")
    words = article["body"].split()
    base = [json.loads(line) for line in (VALID / "statements" / "imported.jsonl").read_text(encoding="utf-8").splitlines()]
    lines = []
    for number in range(60):
        record = dict(base[number % len(base)], id=f"bulk-{number}")
        if number % 5 == 0:  # quotes checked against the blob-held body, in the workers: found, and not
            text = " ".join(words[number % 20 : number % 20 + 6])
            record.update(article="long-read", kind="quote", date=article["published"], text=text if number % 10 else text + " zzz")
        if number % 7 == 0:
            record["speaker"] = "nobody-known"
        if number % 11 == 0:
            record["text"] = "words that no article prints"
        if number % 13 == 0:
            record["silence"] = [{"rule": "meaning.near-duplicate", "reason": "Two articles report this remark; both are kept."}]
        if number % 17 == 0:
            record["id"] = "bulk-1"  # a duplicate id, first seen in an earlier share
        lines.append(json.dumps(record))
        if number % 9 == 0:
            lines.append('{"id": "broken", ')
        if number % 10 == 0:
            lines.append("")
    (target / "statements" / "bulk.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    actors = []  # kept records in JSON Lines: their places come back from the workers too
    for number in range(30):
        actor = {"$schema": "../../schema/v1/actor.schema.json", "id": f"imported-{number % 25}", "name": f"Imported {number}", "kind": "person"}
        if number % 6 == 0:
            actor["roles"] = [{"role": "ambassador", "title": "Ambassador", "start": "2010-05-01", "end": "2009-01-01"}]
        actors += [json.dumps(actor), ""] if number % 4 == 0 else [json.dumps(actor)]
    (target / "actors" / "imported.jsonl").write_text("\n".join(actors) + "\n", encoding="utf-8")
    return target


def _run(root: Path, workers: int) -> tuple[list[dict], int, int]:
    validation = Validation(root)
    validation.workers = workers
    found = [finding.to_dict() for finding in validation.findings()]
    return found, validation.files_checked, validation.records_checked


def test_workers_find_exactly_what_one_process_finds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    root = _every_mistake(tmp_path / "dataset")
    monkeypatch.chdir(root)
    monkeypatch.setattr(workers, "PARALLEL_MIN_BYTES", 0)
    monkeypatch.setattr(workers, "SHARE_BYTES", 700)  # a few records a share: many shares, split JSONL files
    monkeypatch.setattr(engine, "_KEPT_SHARE", 2)
    monkeypatch.setattr(store, "LONG_TEXT", 16)  # bodies in blobs, read in the workers
    alone = _run(root, workers=1)
    parallel = _run(root, workers=2)
    rules = {finding["rule"] for finding in alone[0]}
    assert {"id.duplicate", "json.syntax", "ref.missing", "ref.orphan-actor", "meaning.near-duplicate", "meaning.quote-in-article", "meaning.role-dates", "silence.applied"} <= rules
    assert len(alone[0]) > 50
    assert parallel == alone


def test_shares_do_not_change_what_one_process_finds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    root = _every_mistake(tmp_path / "dataset")
    monkeypatch.chdir(root)
    whole = _run(root, workers=1)
    monkeypatch.setattr(workers, "SHARE_BYTES", 300)
    monkeypatch.setattr(engine, "_KEPT_SHARE", 1)
    shared = _run(root, workers=1)
    key = lambda finding: json.dumps(finding, sort_keys=True)  # noqa: E731
    assert sorted(shared[0], key=key) == sorted(whole[0], key=key)
    assert shared[1:] == whole[1:]


def _text_types(record, index):
    """A rule for the test below: the type of every article body it meets, as a finding."""
    body = record.get("body") if "body" in record else (index.get(ARTICLE, record.get("article")) or {}).get("body")
    if body is not None:
        yield Problem("/id", type(body).__name__)


@pytest.mark.parametrize("processes", [1, 2])
def test_rules_read_long_texts_as_str_in_every_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, processes: int):
    """Long texts are kept as UTF-8 in memory; a rule must still only ever see ``str``."""
    root = _every_mistake(tmp_path / "dataset")
    monkeypatch.chdir(root)
    monkeypatch.setattr(workers, "PARALLEL_MIN_BYTES", 0)
    monkeypatch.setattr(workers, "SHARE_BYTES", 700)
    monkeypatch.setattr(store, "LONG_TEXT", 16)
    monkeypatch.setitem(RULES, "test.text-type", Rule("test.text-type", Severity.INFO, (ARTICLE, STATEMENT), "", check=_text_types))
    found = [finding for finding in _run(root, workers=processes)[0] if finding["rule"] == "test.text-type"]
    assert {finding["path"].split("/")[0] for finding in found} == {"articles", "statements"}
    assert {finding["message"] for finding in found} == {"str"}


def test_cutting_an_unreadable_json_lines_file_leaves_it_whole_to_report(tmp_path: Path):
    missing = SourceFile.at(str(tmp_path / "gone.jsonl"), "gone.jsonl", STATEMENT, True)
    assert list(line_ranges(missing, 100)) == [(0, None)]


class _Job:
    """A job as a run's is: held by the workers, never pickled (a lock refuses to be)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.lock = threading.Lock()


def _step(job: _Job, share: int) -> tuple[str, int, int]:
    return job.name, share, os.getpid()


def test_every_task_reaches_its_own_job_in_the_workers_without_pickling_it():
    first, second = _Job("first"), _Job("second")
    results = workers.run(first, ((_step, share) for share in range(3)), processes=2)
    assert next(results)[:2] == ("first", 0)
    others = list(workers.run(second, ((_step, share) for share in range(20)), processes=2))  # while the first run's workers still wait
    assert [result[:2] for result in others] == [("second", share) for share in range(20)]
    assert [result[:2] for result in results] == [("first", 1), ("first", 2)]
    assert os.getpid() not in {result[2] for result in others}


def test_a_run_lets_go_of_its_job_when_it_ends_or_is_left():
    job = _Job("left")
    results = workers.run(job, ((_step, share) for share in range(4)), processes=2)
    next(results)
    results.close()  # the reader stopped early
    done = weakref.ref(job)
    del job
    gc.collect()
    assert done() is None
