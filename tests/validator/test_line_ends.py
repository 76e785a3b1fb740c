"""Every line and column a finding gives counts LF, CRLF and a bare CR as line ends, as editors do."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from communique import read
from communique.validate.engine import validate

from testdata import INVALID, expected, overlay



def _record_files(fixture: Path) -> list[Path]:
    """The fixture's record files (a JSON Lines file's lines end in LF: only record files change)."""
    return [path for path in fixture.rglob("*.json") if path.name != "expected.json" and path.is_file()]


# the fixtures with a record file of more than one line: where line ends can move a place
FIXTURES = sorted(
    path for path in INVALID.iterdir()
    if (path / "expected.json").is_file() and any(b"\n" in file.read_bytes() for file in _record_files(path))
)
ENDINGS = {"crlf": b"\r\n", "cr": b"\r"}


def _key(finding: dict) -> tuple:
    return (finding["path"], finding["line"], finding["column"], finding["pointer"], finding["rule"])


@pytest.mark.parametrize("ending", ENDINGS, ids=list(ENDINGS))
@pytest.mark.parametrize("fixture", FIXTURES, ids=[path.name for path in FIXTURES])
def test_every_fixture_gives_the_same_places_whatever_its_line_ends(fixture: Path, ending: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    wanted = expected(fixture)
    limit = wanted.get("limits", {}).get("max_document_bytes")
    if limit is not None:
        monkeypatch.setattr(read, "MAX_DOCUMENT_BYTES", limit)
    root = overlay(tmp_path / "dataset", fixture)
    for path in _record_files(fixture):
        (root / path.relative_to(fixture)).write_bytes(path.read_bytes().replace(b"\n", ENDINGS[ending]))
    monkeypatch.chdir(root)
    found = [finding.to_dict() for finding in validate(root) if finding.rule == fixture.name]
    assert sorted(map(_key, found), key=str) == sorted(map(_key, wanted["findings"]), key=str)


def test_a_bare_cr_inside_a_json_lines_line_moves_the_lines_after_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    root = overlay(tmp_path / "dataset")
    path = root / "statements" / "imported.jsonl"
    first, second = path.read_text(encoding="utf-8").splitlines()[:2]
    first = first.replace(", ", ",\r", 1)  # white space to JSON, a line end to an editor
    broken = second.replace('"kind": "paraphrase"', '"kind": "paraphrase",,')
    path.write_text(f"{first}\n{broken}\n", encoding="utf-8", newline="")
    monkeypatch.chdir(root)
    findings = [finding.to_dict() for finding in validate(root)]
    assert [(finding["line"], finding["rule"]) for finding in findings] == [(3, "json.syntax")]
    assert findings[0]["column"] == broken.index(",,") + 2
    assert json.loads(first)  # still one valid record
