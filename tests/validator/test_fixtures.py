"""Each invalid fixture, laid over the valid base, gives exactly its rule at its places.

A fixture folder ``tests/fixtures/invalid/<rule id>/`` holds the files it adds to or
replaces in ``tests/fixtures/valid/``, and ``expected.json``: the findings expected, each
with ``path`` (relative to the dataset), ``line``, ``column``, ``pointer`` and ``rule``.
Every error and warning the run gives must be expected, and every expected finding
given; notes (info) count only when they are the fixture's own rule. An optional
``"limits": {"max_document_bytes": N}`` lowers the size cap, so that a fixture for
``json.too-large`` need not be megabytes.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from communique import read
from communique.findings import Severity
from communique.rules import catalogue
from communique.validate.engine import validate

from testdata import INVALID, VALID, expected, overlay

FIXTURE_DIRS = sorted(path for path in INVALID.iterdir() if path.is_dir())


def _run(root: Path) -> list:
    return list(validate(root))


def _key(finding: dict) -> tuple:
    return (finding["path"], finding["line"], finding["column"], finding["pointer"], finding["rule"])


def test_the_valid_base_is_clean(tmp_path, monkeypatch):
    root = overlay(tmp_path / "dataset")
    monkeypatch.chdir(root)
    assert [finding.to_dict() for finding in _run(root)] == []


@pytest.mark.parametrize("fixture", FIXTURE_DIRS, ids=[path.name for path in FIXTURE_DIRS])
def test_fixture_gives_exactly_its_rule(fixture: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    wanted = expected(fixture)
    assert wanted["findings"], "a fixture expects at least one finding"
    assert {finding["rule"] for finding in wanted["findings"]} == {fixture.name}
    limit = wanted.get("limits", {}).get("max_document_bytes")
    if limit is not None:
        monkeypatch.setattr(read, "MAX_DOCUMENT_BYTES", limit)
    root = overlay(tmp_path / "dataset", fixture)
    monkeypatch.chdir(root)
    found = [
        finding.to_dict()
        for finding in _run(root)
        if finding.severity is not Severity.INFO or finding.rule == fixture.name
    ]
    assert Counter(map(_key, found)) == Counter(map(_key, wanted["findings"])), found


def test_every_rule_has_an_invalid_fixture():
    missing = [rule.id for rule in catalogue() if not (INVALID / rule.id / "expected.json").is_file()]
    assert missing == []


def test_every_fixture_names_a_rule():
    known = {rule.id for rule in catalogue()}
    assert [path.name for path in FIXTURE_DIRS if path.name not in known] == []


def test_the_valid_base_has_every_kind_and_both_layouts():
    folders = {path.parent.name for path in VALID.rglob("*.json")}
    assert folders == {"actors", "articles", "statements", "treaties", "events"}
    assert list(VALID.rglob("*.jsonl"))
