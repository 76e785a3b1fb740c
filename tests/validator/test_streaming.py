"""Findings stream: machine formats write each one before the next is made, and text output
holds at most ``--limit`` findings of each rule, however many the run gives. Statements
stream too: each is checked and dropped, though statements refer to statements."""

from __future__ import annotations

import contextlib
import io
import json
import re
import tracemalloc
from collections.abc import Iterator

import pytest

from communique.findings import Finding, Severity
from communique.kinds import ACTOR, ARTICLE, STATEMENT
from communique.render import render
from communique.validate import engine, workers
from communique.validate.store import Store


def _findings(count: int, out: io.StringIO | None = None, rules: int = 3) -> Iterator[Finding]:
    """``count`` findings; with ``out``, each checks that the one before it was already written."""
    for number in range(count):
        if out is not None and number:
            assert f"finding {number - 1}:" in out.getvalue()
        yield Finding("statements/bulk.jsonl", number + 1, 1, "/kind", f"schema.rule-{number % rules}", Severity.ERROR, f"finding {number}: {'x' * 200}", "a hint")


@pytest.mark.parametrize("format_name", ["json", "github", "sarif"])
def test_machine_formats_write_each_finding_as_it_comes(format_name):
    out = io.StringIO()
    render(format_name, _findings(50, out), out)
    text = out.getvalue()
    assert len(re.findall(r"finding \d+:", text)) == 50
    if format_name == "json":
        assert [finding["line"] for finding in json.loads(text)] == list(range(1, 51))


def _peak(count: int, format_name: str, tmp_path, monkeypatch: pytest.MonkeyPatch) -> int:
    """The peak memory of ``communique validate`` on a run that gives ``count`` findings."""
    from communique import cli
    from communique.validate.engine import Validation

    monkeypatch.setattr(Validation, "findings", lambda self: _findings(count))
    (tmp_path / "statements").mkdir(exist_ok=True)
    tracemalloc.start()
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            cli.main(["validate", "--format", format_name, str(tmp_path)])
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_validate_holds_at_most_limit_findings_per_rule_for_text(tmp_path, monkeypatch):
    small, large = _peak(2_000, "text", tmp_path, monkeypatch), _peak(40_000, "text", tmp_path, monkeypatch)
    assert large < small * 2, (small, large)  # twenty times the findings, not twenty times the memory


def test_text_output_counts_what_it_does_not_show():
    out = io.StringIO()
    render("text", _findings(1_000), out, limit=2, checked=lambda: "1,000 records checked")
    text = out.getvalue()
    assert len(re.findall(r"finding \d+:", text)) == 6
    assert "... and 332 more schema.rule-0 findings" in text and "... and 331 more schema.rule-1 findings" in text
    assert text.rstrip().endswith("✗ 1,000 errors, 0 warnings in 1 file (1,000 records checked)")


@pytest.mark.parametrize("processes", [1, 2])
def test_statements_that_respond_to_statements_are_streamed_not_kept(dataset, monkeypatch, processes):
    # a line of JSON Lines answering a statement of a record file, the day before it; the
    # base dataset has a record file answering another already (no finding: same day)
    path = dataset / "statements" / "imported.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    answer = json.loads(lines[1])
    answer.update(date="2020-09-10", responds_to=[{"relation": "answers", "target": "tass-2020-09-11-lavrov-press-conference-question"}])
    lines[1] = json.dumps(answer)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    kept: list = []
    keep = Store.keep
    monkeypatch.setattr(Store, "keep", lambda self, kind, record_id, record: (kept.append(kind), keep(self, kind, record_id, record)))
    monkeypatch.setattr(workers, "available", lambda: processes)
    monkeypatch.setattr(workers, "worth_it", lambda sources: True)
    validation = engine.Validation(dataset)
    found = [(finding.path, finding.line, finding.pointer, finding.rule) for finding in validation.findings()]
    assert found == [("statements/imported.jsonl", 2, "/responds_to/0/target", "meaning.response-date")]
    assert STATEMENT in validation.streamed_kinds and STATEMENT not in kept
    assert {ACTOR, ARTICLE} <= set(kept)  # what rules look up is kept


def test_looking_up_a_streamed_kind_is_an_error_not_a_silent_none():
    store = Store([], [ACTOR])
    assert store.get(ACTOR, "russia") is None
    with pytest.raises(LookupError, match="statement records are streamed"):
        store.get(STATEMENT, "tass-2020-09-11-lavrov-press-conference-question")
