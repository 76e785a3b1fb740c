"""Both changelogs: the schema changelog from the classifier, the data changelog from two
dataset releases (folders or git revisions), and ``communique changes``."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from communique.cli import main
from communique.resources import dataset_dir
from communique.versioning.changelog import CONSEQUENCES, schema_changelog, sentence
from communique.versioning.changes import ChangeKind
from communique.versioning.classify import diff
from communique.versioning.datachanges import compare
from communique.versioning.pages import data_changelog
from communique.versioning.schemaset import SchemaSet

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "schema-changes"


def test_every_class_of_change_says_what_it_means_for_records():
    assert set(CONSEQUENCES) == set(ChangeKind)


@pytest.mark.parametrize("case", sorted(path.name for path in FIXTURES.iterdir() if path.is_dir()))
def test_each_change_between_consecutive_releases_is_on_the_page_as_a_sentence(tmp_path, case):
    releases = tmp_path / "releases"
    shutil.copytree(FIXTURES / case / "old", releases / "1.0.0")
    shutil.copytree(FIXTURES / case / "new", releases / "2.0.0")
    page = schema_changelog(releases, working=SchemaSet.load(releases / "2.0.0"))
    changes = diff(SchemaSet.load(releases / "1.0.0"), SchemaSet.load(releases / "2.0.0"))
    assert "## 2.0.0 (from 1.0.0)" in page and "## 1.0.0" in page
    section = page.split("## 2.0.0 (from 1.0.0)")[1].split("## 1.0.0")[0]
    assert section.count("\n- `") == len(changes)
    for change in changes:
        assert f"`{change.kind.code}`" in section
        assert sentence(change).endswith(".") and change.reason in sentence(change)


def test_the_shipped_changelog_starts_with_release_1_0_0():
    page = schema_changelog()
    assert "## 1.0.0" in page and "first release" in page


@pytest.fixture
def two_releases(tmp_path: Path) -> tuple[Path, Path]:
    """The shipped dataset, and a later one with a record added, one changed, one removed."""
    old, new = tmp_path / "old", tmp_path / "new"
    shutil.copytree(dataset_dir(), old)
    shutil.copytree(dataset_dir(), new)
    treaty = json.loads((new / "treaties" / "new-start.json").read_text(encoding="utf-8"))
    treaty["name"] += " (renamed)"
    (new / "treaties" / "new-start.json").write_text(json.dumps(treaty, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (new / "actors" / "china.json").unlink()
    iran = json.loads((new / "actors" / "iran.json").read_text(encoding="utf-8"))
    (new / "actors" / "peru.json").write_text(json.dumps({**iran, "id": "peru", "name": "Peru"}, indent=2) + "\n", encoding="utf-8")
    return old, new


def test_changes_names_records_added_changed_with_their_fields_and_removed(capsys, two_releases):
    old, new = two_releases
    assert main(["changes", str(old), str(new)]) == 0
    out = capsys.readouterr().out
    assert "1 added, 1 changed, 1 removed" in out
    assert "added    actor peru" in out and "changed  treaty new-start: name" in out and "removed  actor china" in out
    assert main(["changes", str(old), str(new), "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["changed"] == [{"kind": "treaty", "id": "new-start", "fields": ["name"]}]


def test_a_record_moved_into_a_json_lines_file_is_unchanged(two_releases):
    old, new = two_releases
    statement = next((new / "statements").glob("*.json"))
    record = json.loads(statement.read_text(encoding="utf-8"))
    statement.unlink()
    (new / "statements" / "bulk.jsonl").write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    changes = compare(old, new)
    assert not any(kind == "statement" for kind, _ in changes.added + changes.removed)


def test_json_equal_values_are_not_changes_and_true_is_not_one(tmp_path):
    for name, value in (("old", {"id": "a", "x": [1, {"b": True, "c": 2}]}), ("new", {"x": [1.0, {"c": 2, "b": 1}], "id": "a"})):
        (tmp_path / name / "actors").mkdir(parents=True)
        (tmp_path / name / "actors" / "a.json").write_text(json.dumps(value), encoding="utf-8")
    assert [change.fields for change in compare(tmp_path / "old", tmp_path / "new").changed] == [("x",)]


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org", *args], check=True, capture_output=True)


def test_an_older_release_is_named_by_its_git_tag(capsys, two_releases, tmp_path, monkeypatch):
    old, new = two_releases
    repo = tmp_path / "repo"
    shutil.copytree(old, repo / "dataset")
    _git(repo, "init", "-q")
    _git(repo, "add", "dataset")
    _git(repo, "commit", "-qm", "first release")
    _git(repo, "tag", "dataset-2026-01-15")
    shutil.rmtree(repo / "dataset")
    shutil.copytree(new, repo / "dataset")
    monkeypatch.chdir(repo)
    assert main(["changes", "dataset-2026-01-15"]) == 0
    assert "1 added, 1 changed, 1 removed" in capsys.readouterr().out
    page = data_changelog(repo / "dataset", "dataset-2026-01-15")
    assert "Since the release `dataset-2026-01-15`: 1 added, 1 changed, 1 removed" in page and "- treaty `new-start`: name" in page
    assert main(["changes", "no-such-release"]) == 2
    assert "neither a dataset folder nor a git revision" in capsys.readouterr().err


def test_a_release_tag_without_a_dataset_makes_a_page_that_says_so(tmp_path):
    repo = tmp_path / "repo"
    (repo / "other").mkdir(parents=True)
    (repo / "other" / "file").write_text("x")
    _git(repo, "init", "-q")
    _git(repo, "add", "other")
    _git(repo, "commit", "-qm", "no dataset")
    _git(repo, "tag", "dataset-2026-01-15")
    shutil.copytree(dataset_dir(), repo / "dataset")
    page = data_changelog(repo / "dataset", "dataset-2026-01-15")
    assert "could not be read" in page and "neither a dataset folder nor a git revision" in page
