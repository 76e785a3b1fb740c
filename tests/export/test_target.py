"""An export replaces a previous export and nothing else: the user's files are never lost."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import communique
from communique.export import write_package
from communique.export import folder as swap
from communique.export import package as package_module
from communique.export.manifest import MANIFEST, TargetRefused, file_hash


def _export(dataset: Path, out: Path) -> None:
    write_package(communique.load(dataset), out)


@pytest.fixture
def refused(snapshot):
    """Check that an export into ``out`` is refused and changes nothing, beside ``out`` either."""

    def check(dataset: Path, out: Path, match: str = "refusing") -> None:
        before = snapshot(out.parent)
        with pytest.raises(TargetRefused, match=match):
            _export(dataset, out)
        assert snapshot(out.parent) == before

    return check


def test_absent_and_empty_folders_are_written(small_dataset, tmp_path):
    _export(small_dataset, tmp_path / "new" / "export")
    (tmp_path / "empty").mkdir()
    _export(small_dataset, tmp_path / "empty")
    assert (tmp_path / "new" / "export" / MANIFEST).is_file() and (tmp_path / "empty" / MANIFEST).is_file()


def test_a_previous_export_is_replaced_with_the_files_it_listed(small_dataset, previous):
    # a table an older export wrote and this one no longer writes goes with it
    (previous / "csv" / "retired_table.csv").write_text("id\r\n", encoding="utf-8")
    manifest = json.loads((previous / MANIFEST).read_text(encoding="utf-8"))
    manifest["files"]["csv/retired_table.csv"] = file_hash(previous / "csv" / "retired_table.csv")
    (previous / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    _export(small_dataset, previous)
    assert not (previous / "csv" / "retired_table.csv").exists()
    assert sorted(path.name for path in previous.parent.iterdir()) == ["dataset", "export"]


def test_a_file_added_beside_a_previous_export_is_kept(small_dataset, previous, refused):
    (previous / "notes.txt").write_text("my notes", encoding="utf-8")
    (previous / "csv" / "my-chart.csv").write_text("x\r\n", encoding="utf-8")
    refused(small_dataset, previous, match=r"no export wrote: csv/my-chart\.csv, notes\.txt")


def test_a_file_of_the_export_edited_since_is_kept(small_dataset, previous, refused):
    path = previous / "csv" / "actors.csv"
    path.write_bytes(path.read_bytes().replace(b"Russia", b"Russian Federation"))
    refused(small_dataset, previous, match=r"changed since they were exported: csv/actors\.csv")


def test_a_project_folder_that_merely_holds_a_datapackage_is_refused(small_dataset, tmp_path, refused):
    project = tmp_path / "project"
    for name, text in {".git/HEAD": "ref: refs/heads/main\n", "src/main.py": "print()\n", "datapackage.json": "{}"}.items():
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        (project / name).write_text(text, encoding="utf-8")
    refused(small_dataset, project, match="holds no .communique-export.json")


def test_a_file_or_a_link_at_the_target_is_refused(small_dataset, tmp_path, previous, refused):
    (tmp_path / "file").write_text("mine", encoding="utf-8")
    refused(small_dataset, tmp_path / "file", match="not a folder")
    (tmp_path / "link").symlink_to(previous)
    refused(small_dataset, tmp_path / "link", match="not a folder")


def _manifest_listing(files: dict[str, str], **extra) -> str:
    return json.dumps({"written_by": "communique export", "manifest_version": 1, "files": files, **extra})


HASH = "sha256:" + "0" * 64


@pytest.mark.parametrize(
    "manifest",
    [
        _manifest_listing({"../outside/secret.txt": HASH}),
        _manifest_listing({"/etc/passwd": HASH}),
        _manifest_listing({"csv/../../outside/secret.txt": HASH}),
        _manifest_listing({"csv\\actors.csv": HASH}),
        _manifest_listing({"": HASH}),
        _manifest_listing({"./datapackage.json": HASH}),
        _manifest_listing({"datapackage.json": "md5:abc"}),
        _manifest_listing({}, written_by="someone else"),
        _manifest_listing({}, extra="field"),
        '{"files": {}}',
        "not json",
        _manifest_listing({f"csv/{n}.csv": HASH for n in range(20000)}),  # larger than any manifest of ours
    ],
    ids=["dot-dot", "absolute", "dot-dot-inside", "backslash", "empty", "dot", "bad-hash", "writer", "extra",
         "incomplete", "not-json", "too-large"],
)
def test_a_manifest_is_input_too(small_dataset, tmp_path, previous, manifest, refused):
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "secret.txt").write_text("keep me", encoding="utf-8")
    (previous / MANIFEST).write_text(manifest, encoding="utf-8")
    refused(small_dataset, previous)


def test_a_manifest_cannot_vouch_for_a_file_behind_a_link(small_dataset, tmp_path, previous, refused):
    # the manifest lists csv/actors.csv with the right hash, but csv/ is a link to the user's folder
    elsewhere = tmp_path / "elsewhere"
    (previous / "csv").rename(elsewhere)
    (previous / "csv").symlink_to(elsewhere)
    refused(small_dataset, previous, match=r"no export wrote: csv/?")
    # nor a listed file that is itself a link, nor a manifest that is one
    (previous / "csv").unlink()
    (previous / "csv").mkdir()
    for path in elsewhere.iterdir():
        (previous / "csv" / path.name).symlink_to(path)
    refused(small_dataset, previous, match=r"no export wrote: (csv/[a-z_]+\.csv, )*csv/actors\.csv")
    (tmp_path / "manifest.json").write_bytes((previous / MANIFEST).read_bytes())
    (previous / MANIFEST).unlink()
    (previous / MANIFEST).symlink_to(tmp_path / "manifest.json")
    refused(small_dataset, previous, match="not a manifest")


@pytest.mark.parametrize("exchange", [True, False], ids=["renameat2", "two-renames"])
def test_a_file_added_while_the_export_is_written_is_kept(small_dataset, previous, monkeypatch, exchange, snapshot):
    """The folder replaced is checked again once moved aside, and put back if the user wrote into it."""
    before = snapshot(previous)
    real = package_module.write_sqlite

    def meanwhile(*args, **kwargs):
        (previous / "notes.txt").write_text("written while exporting", encoding="utf-8")
        return real(*args, **kwargs)

    monkeypatch.setattr(package_module, "write_sqlite", meanwhile)
    if not exchange:
        monkeypatch.setattr(swap, "_exchange", lambda first, second: False)
    with pytest.raises(TargetRefused, match=r"notes\.txt"):
        _export(small_dataset, previous)
    assert snapshot(previous) == {**before, "notes.txt": b"written while exporting"}
    assert sorted(path.name for path in previous.parent.iterdir()) == ["dataset", "export"]


def test_the_swap_without_renameat2_replaces_a_previous_export(small_dataset, previous, monkeypatch):
    monkeypatch.setattr(swap, "_exchange", lambda first, second: False)
    (previous / "csv" / "actors.csv").unlink()  # a file the user removed is nothing lost
    _export(small_dataset, previous)
    assert (previous / "csv" / "actors.csv").is_file()
    assert sorted(path.name for path in previous.parent.iterdir()) == ["dataset", "export"]


# -- command line ------------------------------------------------------------------------


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "communique", "export", *args], capture_output=True, text=True, cwd=cwd
    )


def test_cli_refuses_a_folder_of_the_users_with_exit_2(small_dataset, tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    (project / "\x1b[31mred.txt").write_text("mine", encoding="utf-8")
    (project / MANIFEST).write_text(_manifest_listing({}), encoding="utf-8")
    result = _cli("--out", str(project), "--dataset", str(small_dataset), cwd=tmp_path)
    assert result.returncode == 2
    assert "refusing to replace" in result.stderr and "Nothing was changed" in result.stderr
    assert "\\x1b[31mred.txt" in result.stderr and "\x1b" not in result.stderr  # a file name cannot drive the terminal
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert {path.name for path in project.iterdir()} == {MANIFEST, "\x1b[31mred.txt"}


def test_cli_says_so_before_reading_the_dataset(tmp_path):
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "thesis.tex").write_text("years of work", encoding="utf-8")
    (tmp_path / "dataset").mkdir()
    (tmp_path / "dataset" / "statements").mkdir()
    (tmp_path / "dataset" / "statements" / "broken.json").write_text("{", encoding="utf-8")
    result = _cli("--out", str(tmp_path / "out"), "--dataset", str(tmp_path / "dataset"), cwd=tmp_path)
    assert result.returncode == 2 and "refusing to replace" in result.stderr
    assert "broken.json" not in result.stderr  # the wrong --out is said at once, not after validating
