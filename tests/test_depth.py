"""Every nesting depth, in every command, is a ``json.depth`` finding (or a DatasetError naming it).

One dataset holds every case: depths 60 to 1,100, of arrays and of objects, at a record's
root and inside a field, as record files and as lines of a JSON Lines file. orjson reads
1,024 levels but writes 254; Python's ``json`` and pydantic recurse: each is a different
way to crash, and each command (validate, pre-commit mode, load, export, the site) meets them.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import communique
from communique.loading import DatasetError
from communique.parse import MAX_DEPTH

from sitebuild import build
from testdata import VALID, overlay

DEPTHS = range(60, 1101)
STATEMENT = json.loads((VALID / "statements" / "tass-2020-09-11-lavrov-honest-dialogue-extend-new-start.json").read_text("utf-8"))
VALID_FILE = "statements/tass-2020-09-11-lavrov-honest-dialogue-extend-new-start.json"


def nested(kind: str, depth: int) -> str:
    """Arrays or objects nested exactly ``depth`` levels."""
    if kind == "arrays":
        return "[" * depth + "]" * depth
    return '{"a":' * (depth - 1) + "{}" + "}" * (depth - 1)


def record(kind: str, depth: int, place: str, record_id: str) -> tuple[str, int]:
    """The text of one case, and its whole depth (a field's value is one level below the record)."""
    if place == "root":
        return nested(kind, depth), depth
    body = json.dumps({**STATEMENT, "id": record_id, "topics": "@"}, ensure_ascii=False)
    return body.replace('"@"', nested(kind, depth)), depth + 1


@pytest.fixture(scope="module")
def deep(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, set[str], int]:
    """The dataset, the names of its record files too deep to accept, and the number of deep lines."""
    root = overlay(tmp_path_factory.mktemp("deep") / "dataset")
    too_deep: set[str] = set()
    lines, deep_lines = [], 0
    for depth in DEPTHS:
        for kind in ("arrays", "objects"):
            for place in ("root", "field"):
                name = f"deep-{kind}-{place}-{depth}"
                text, whole = record(kind, depth, place, name)
                (root / "statements" / f"{name}.json").write_text(text, encoding="utf-8")
                line, _ = record(kind, depth, place, name + "-line")
                lines.append(line)
                if whole > MAX_DEPTH:
                    too_deep.add(f"statements/{name}.json")
                    deep_lines += 1
    (root / "statements" / "deep.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root, too_deep, deep_lines


def _validate(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "communique", "validate", "--format", "json", *args],
        cwd=cwd, capture_output=True, text=True, timeout=600,
    )


def test_validate_names_every_depth_past_the_limit(deep):
    root, too_deep, deep_lines = deep
    result = _validate(".", cwd=root)
    assert result.returncode == 1, result.stderr
    findings = json.loads(result.stdout)
    depth_files = [finding["path"] for finding in findings if finding["rule"] == "json.depth"]
    assert {path for path in depth_files if path.endswith(".json")} == too_deep
    assert len(depth_files) == len(too_deep) + deep_lines  # one per document, each line its own
    assert "Traceback" not in result.stderr


def test_pre_commit_mode_on_another_file_is_unaffected(deep):
    root, _, _ = deep
    result = _validate(VALID_FILE, cwd=root)
    assert (result.returncode, json.loads(result.stdout)) == (0, []), result.stderr


def test_load_raises_a_dataset_error_naming_each_depth(deep):
    root, too_deep, deep_lines = deep
    with pytest.raises(DatasetError) as raised:
        communique.load(root)
    depth_problems = [problem for problem in raised.value.problems if problem.endswith("[json.depth]")]
    assert len(depth_problems) == len(too_deep) + deep_lines


def test_export_refuses_without_a_traceback(deep, tmp_path):
    root, _, _ = deep
    result = subprocess.run(
        [sys.executable, "-m", "communique", "export", "--dataset", str(root), "--out", str(tmp_path / "out")],
        capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 1
    assert "json.depth" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.slow
def test_the_site_build_refuses_without_a_traceback(deep, tmp_path):
    root, _, _ = deep
    result = build(tmp_path / "site", root)
    assert result.returncode != 0
    assert "json.depth" in result.stderr and "Traceback" not in result.stderr
