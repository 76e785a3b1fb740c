"""Every entry of a dataset folder is read or is a finding; nothing but regular files inside
the dataset is ever opened, and opening never blocks.

Each case runs ``communique validate`` and ``communique.load()`` in a child process with a
time limit: a FIFO or ``/dev/zero`` made the old code hang, and a hang must fail the test.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from sitebuild import build
from testdata import overlay

TIMEOUT = 60
STATEMENT = "statements/tass-2020-09-11-lavrov-honest-dialogue-extend-new-start.json"
SECRET = "the secret of the machine that runs the validator"


def _move(root: Path, source: str, target: str) -> None:
    (root / target).parent.mkdir(parents=True, exist_ok=True)
    shutil.move(root / source, root / target)


def _link(root: Path, name: str, target: str | Path) -> None:
    os.symlink(target, root / name)


def _outside(root: Path) -> None:
    secret = root.parent / "secret.json"
    secret.write_text(json.dumps({"id": SECRET}), encoding="utf-8")
    _link(root, "statements/secret.json", secret)


def _kind_folder_is_a_file(root: Path) -> None:
    shutil.rmtree(root / "treaties")
    (root / "treaties").write_text("new-start\n", encoding="utf-8")


def _fifo_behind_a_link(root: Path) -> None:
    os.mkfifo(root / "statements" / ".pipe")  # hidden: allowed, never read
    _link(root, "statements/piped.json", ".pipe")


# (what is made, the finding's path relative to the dataset, its rule)
CASES: dict[str, tuple[Callable[[Path], None], str, str]] = {
    "misspelt kind folder": (lambda root: _move(root, STATEMENT, STATEMENT.replace("statements/", "statement/")), "statement", "file.unexpected"),
    "upper-case .JSON": (lambda root: _move(root, STATEMENT, STATEMENT.replace(".json", ".JSON")), STATEMENT.replace(".json", ".JSON"), "file.unexpected"),
    "a .txt in a kind folder": (lambda root: (root / "statements" / "notes.txt").write_text("x"), "statements/notes.txt", "file.unexpected"),
    "a sub-folder of a kind folder": (lambda root: _move(root, STATEMENT, "statements/2020/x.json"), "statements/2020", "file.unexpected"),
    "a data file in the dataset folder": (lambda root: _move(root, STATEMENT, "x.json"), "x.json", "file.unexpected"),
    "another file in the dataset folder": (lambda root: (root / "notes.txt").write_text("x"), "notes.txt", "file.unexpected"),
    "a kind folder that is a file": (_kind_folder_is_a_file, "treaties", "file.unexpected"),
    "a FIFO": (lambda root: os.mkfifo(root / "statements" / "waiting.json"), "statements/waiting.json", "file.special"),
    "a link to a FIFO in the dataset": (_fifo_behind_a_link, "statements/piped.json", "file.special"),
    "a link to /dev/zero": (lambda root: _link(root, "statements/zero.json", "/dev/zero"), "statements/zero.json", "file.link-outside"),
    "a link to /dev/urandom": (lambda root: _link(root, "statements/random.jsonl", "/dev/urandom"), "statements/random.jsonl", "file.link-outside"),
    "a link to a file outside": (_outside, "statements/secret.json", "file.link-outside"),
    "a kind folder linked outside": (lambda root: (shutil.move(root / "treaties", root.parent / "elsewhere"), _link(root, "treaties", root.parent / "elsewhere")), "treaties", "file.link-outside"),
}


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], cwd=cwd, capture_output=True, text=True, timeout=TIMEOUT)


def _load(root: Path) -> subprocess.CompletedProcess:
    code = "import sys, communique\ntry:\n    communique.load(sys.argv[1])\nexcept communique.loading.DatasetError as error:\n    print(*error.problems, sep='\\n')\n    sys.exit(1)"
    return _run("-c", code, str(root), cwd=root)


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_every_entry_is_read_or_is_a_finding(case: str, tmp_path: Path):
    make, path, rule = CASES[case]
    root = overlay(tmp_path / "dataset")
    make(root)
    result = _run("-m", "communique", "validate", "--format", "json", ".", cwd=root)
    findings = json.loads(result.stdout)
    assert result.returncode == 1, result.stderr
    [finding] = [finding for finding in findings if (finding["path"], finding["rule"]) == (path, rule)]
    assert "None" not in finding["message"] and ("FIFO" in finding["message"] or rule != "file.special")
    assert SECRET not in result.stdout
    loaded = _load(root)
    assert loaded.returncode == 1, loaded.stderr
    assert any(line.startswith(f"{path}: ") and line.endswith(f"[{rule}]") for line in loaded.stdout.splitlines()), loaded.stdout
    assert SECRET not in loaded.stdout


@pytest.mark.parametrize("name", ["README", "README.md", ".gitkeep", ".hidden-folder"])
def test_readme_and_hidden_entries_may_stand_beside_the_data(name: str, tmp_path: Path):
    root = overlay(tmp_path / "dataset")
    for folder in (root, root / "statements"):
        (folder / name).mkdir() if name.endswith("folder") else (folder / name).write_text("notes\n")
    result = _run("-m", "communique", "validate", "--format", "json", ".", cwd=root)
    assert (result.returncode, result.stdout) == (0, "[]\n"), result.stderr
    assert _load(root).returncode == 0


def test_a_link_to_a_regular_file_inside_the_dataset_is_followed(tmp_path: Path):
    root = overlay(tmp_path / "dataset")
    _move(root, STATEMENT, "statements/.store/" + Path(STATEMENT).name)
    _link(root, STATEMENT, ".store/" + Path(STATEMENT).name)
    result = _run("-m", "communique", "validate", "--format", "json", ".", cwd=root)
    assert (result.returncode, result.stdout) == (0, "[]\n"), result.stderr


def test_a_kind_folder_that_cannot_be_listed_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    import communique
    from communique.loading import DatasetError
    from communique.validate.engine import validate

    root = overlay(tmp_path / "dataset")
    scandir = os.scandir

    def refuse(path):  # root may list any folder: refuse as the system would for others
        if os.fspath(path).endswith("statements"):
            raise PermissionError(13, "Permission denied", path)
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refuse)
    monkeypatch.chdir(root)
    assert ("statements", "file.unreadable") in [(finding.path, finding.rule) for finding in validate(root)]
    with pytest.raises(DatasetError, match=r"file\.unreadable"):
        communique.load(root)


def test_pre_commit_mode_reports_only_what_it_was_given(tmp_path: Path):
    root = overlay(tmp_path / "dataset")
    shutil.copytree(root / "statements", root / "statement")
    os.mkfifo(root / "statements" / "waiting.json")
    other = _run("-m", "communique", "validate", "--format", "json", STATEMENT, cwd=root)
    assert (other.returncode, other.stdout) == (0, "[]\n"), other.stderr
    misplaced = STATEMENT.replace("statements/", "statement/")
    given = _run("-m", "communique", "validate", "--format", "json", misplaced, "statements/waiting.json", cwd=root)
    assert {(finding["path"], finding["rule"]) for finding in json.loads(given.stdout)} == {
        ("statement", "file.unexpected"),
        ("statements/waiting.json", "file.special"),
    }


def test_export_and_site_refuse_special_files_without_hanging(tmp_path: Path):
    root = overlay(tmp_path / "dataset")
    os.mkfifo(root / "statements" / "waiting.json")
    _link(root, "statements/zero.json", "/dev/zero")
    _outside(root)
    exported = _run("-m", "communique", "export", "--dataset", str(root), "--out", str(tmp_path / "out"), cwd=tmp_path)
    assert exported.returncode == 1 and "Traceback" not in exported.stderr
    assert "file.special" in exported.stderr and "file.link-outside" in exported.stderr and SECRET not in exported.stderr
    site = build(tmp_path / "site", root)
    assert site.returncode != 0 and "Traceback" not in site.stderr
    assert "file.special" in site.stderr and SECRET not in site.stderr


def test_load_refuses_a_folder_that_is_not_a_dataset(tmp_path: Path):
    import communique
    from communique.loading import DatasetError

    (tmp_path / "notes.txt").write_text("not a dataset")
    with pytest.raises(DatasetError, match="not a dataset folder"):
        communique.load(tmp_path)
