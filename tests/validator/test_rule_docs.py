"""``communique rule``: every rule's documentation, with an example from its fixture, at the terminal.

The examples are kept in the package (``communique/rule_examples.json``: the fixtures are
not installed); the first test regenerates them from the fixtures and fails when they
differ. After an intended change to a fixture or a message, regenerate them with
``COMMUNIQUE_UPDATE_SNAPSHOTS=1``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from communique import read, ruledocs
from communique.render.concise import line as concise_line
from communique.rules import catalogue
from communique.validate.engine import validate

from testdata import INVALID, expected, overlay

CONTEXT = 2  # lines shown before and after the finding's
WIDTH = 100  # characters of a line shown


def _excerpt(path: Path, line: int | None) -> list[list]:
    if line is None or not path.is_file():
        return []
    with path.open(encoding="utf-8", errors="backslashreplace", newline="") as handle:
        texts = handle.read().splitlines()
    shown = texts[max(0, line - 1 - CONTEXT) : line + CONTEXT]
    first = max(1, line - CONTEXT)
    return [[first + offset, text if len(text) <= WIDTH else text[: WIDTH - 1] + "…"] for offset, text in enumerate(shown)]


def example(fixture: Path, scratch: Path, monkeypatch: pytest.MonkeyPatch) -> dict:
    """The fixture's first expected finding as ``communique validate`` gives it, with its lines."""
    wanted = expected(fixture)
    limit = wanted.get("limits", {}).get("max_document_bytes")
    with monkeypatch.context() as patch:
        if limit is not None:
            patch.setattr(read, "MAX_DOCUMENT_BYTES", limit)
        root = overlay(scratch / fixture.name / "dataset", fixture)
        patch.chdir(root)
        first = wanted["findings"][0]
        finding = next(
            found for found in validate(root)
            if (found.path, found.line, found.column, found.rule) == (first["path"], first["line"], first["column"], first["rule"])
        )
    return {
        "fixture": f"{ruledocs.FIXTURES}/{fixture.name}",
        "file": finding.path,
        "line": finding.line,
        "lines": _excerpt(root / finding.path, finding.line),
        "finding": concise_line(finding),
        "hint": finding.hint,
    }


def test_the_packaged_examples_are_those_of_the_fixtures(tmp_path, monkeypatch):
    made = {rule.id: example(INVALID / rule.id, tmp_path, monkeypatch) for rule in catalogue()}
    if os.environ.get("COMMUNIQUE_UPDATE_SNAPSHOTS"):
        ruledocs.EXAMPLES_FILE.write_text(json.dumps(made, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        ruledocs.examples.cache_clear()
    assert ruledocs.examples() == made, "rerun with COMMUNIQUE_UPDATE_SNAPSHOTS=1 after an intended change"


def rule(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "communique", "rule", *args], capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("rule_id", [rule.id for rule in catalogue()])
def test_every_rule_prints_its_id_severity_doc_example_and_silencing(rule_id):
    from communique.rules.base import RULES

    found = RULES[rule_id]
    page = ruledocs.document(found)
    assert page.startswith(f"{rule_id}\n") and f"Severity: {found.severity.value}." in page
    assert found.doc in page and "How to fix:" in page and "Example:" in page
    assert f"Example from its fixture ({ruledocs.FIXTURES}/{rule_id})" in page
    assert f" {found.severity.value} {rule_id} " in page  # the fixture's finding, as validate gives it
    assert "Silencing: " in page


def test_rule_prints_the_documentation_and_all_lists_every_rule():
    shown = rule("meaning.statement-date")
    assert shown.returncode == 0 and shown.stdout.startswith("meaning.statement-date\n")
    assert '"rule": "meaning.statement-date"' in shown.stdout  # how to silence it
    assert "cannot be silenced" in rule("json.syntax").stdout
    listed = rule("--all")
    assert listed.returncode == 0
    assert [line.split()[0] for line in listed.stdout.splitlines()] == [rule.id for rule in catalogue()]


@pytest.mark.parametrize(
    ("wanted", "named"),
    [("meaning.statement-dates", "meaning.statement-date"), ("statement-date", "meaning.statement-date"), ("schema.requird", "schema.required")],
)
def test_an_unknown_id_exits_2_naming_the_closest(wanted, named):
    result = rule(wanted)
    assert result.returncode == 2 and result.stdout == ""
    assert f"no rule {wanted}" in result.stderr and named in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("args", [(), ("--all", "json.syntax")])
def test_neither_or_both_of_an_id_and_all_is_a_usage_error(args):
    result = rule(*args)
    assert result.returncode == 2 and "communique rule" in result.stderr


def test_a_hostile_id_is_escaped():
    result = rule("\x1b]52;c;owned\x07")
    assert result.returncode == 2 and "\x1b" not in result.stderr and "\\x1b" in result.stderr
