"""An export killed at any point leaves the previous export intact, and its leftovers are cleared
by the next export, but never those of an export still being written."""

from __future__ import annotations

import signal
import time
import subprocess
import sys
from pathlib import Path

import pytest

import communique
from communique.export import ExportError, write_package
from communique.export import package as package_module
from communique.export.manifest import MANIFEST

# A real export in its own process, stopped at a chosen step until told to go on (a line on
# standard input) or killed there. ``where`` is "write" (the SQLite file, the last and largest
# one) or "swap" (between the two renames of the swap without renameat2).
CHILD = """
import sys
from communique.export import package

dataset, out, where = sys.argv[1:]

def paused(step):
    def run(*args, **kwargs):
        print("paused", flush=True)
        sys.stdin.readline()
        return step(*args, **kwargs)
    return run

if where == "write":
    package.write_sqlite = paused(package.write_sqlite)
else:
    from communique.export import folder
    folder._exchange = lambda first, second: False
    real_install = folder.install
    folder.install = lambda new, out, check: real_install(new, out, paused(check))

import communique
package.write_package(communique.load(dataset), out)
print("done", flush=True)
"""


class Child:
    """An export process, stopped at its step once started."""

    def __init__(self, dataset: Path, out: Path, where: str = "write") -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(dataset), str(out), where],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout.readline() == "paused\n"

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)

    def go_on(self) -> int:
        self.process.stdin.write("\n")
        self.process.stdin.flush()
        self.process.wait(timeout=60)
        return self.process.returncode


def _beside(out: Path) -> list[str]:
    return sorted(path.name for path in out.parent.iterdir() if path.name.startswith(f".{out.name}."))


@pytest.fixture
def children():
    started: list[Child] = []
    yield started
    for child in started:
        if child.process.poll() is None:
            child.kill()


def test_a_killed_export_leaves_the_previous_one_and_the_next_clears_its_staging(
    small_dataset, previous, children, snapshot
):
    before = snapshot(previous)
    for _ in range(3):  # three kills, as in the report: each export clears what the last one left
        children.append(child := Child(small_dataset, previous))
        child.kill()
        assert snapshot(previous) == before
        assert len(_beside(previous)) == 1 and _beside(previous)[0].endswith(".partial")
    write_package(communique.load(small_dataset), previous)
    assert _beside(previous) == []
    assert (previous / MANIFEST).is_file()


def test_the_staging_folder_of_an_export_still_running_is_kept(small_dataset, previous, children):
    children.append(running := Child(small_dataset, previous))
    (staging,) = _beside(previous)
    write_package(communique.load(small_dataset), previous)  # clears stale staging: not this one
    assert _beside(previous) == [staging]
    assert running.go_on() == 0
    assert _beside(previous) == []


def test_an_export_killed_between_the_two_renames_gets_the_previous_one_back(
    small_dataset, previous, children, monkeypatch, snapshot
):
    before = snapshot(previous)
    children.append(child := Child(small_dataset, previous, where="swap"))
    child.kill()
    assert not previous.exists()  # the previous export moved aside, the new one not yet in
    assert sorted(name.rsplit(".", 1)[1] for name in _beside(previous)) == ["partial", "retired"]

    def broken(*args, **kwargs):
        raise ExportError("stopped on purpose")

    monkeypatch.setattr(package_module, "write_sqlite", broken)
    with pytest.raises(ExportError, match="on purpose"):
        write_package(communique.load(small_dataset), previous)
    assert snapshot(previous) == before  # put back before anything else, and kept when the next export failed
    assert _beside(previous) == []


def test_only_folders_an_export_made_are_taken_for_stale(small_dataset, previous, tmp_path, snapshot):
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("keep me", encoding="utf-8")
    (tmp_path / ".export.abcdefgh.partial").symlink_to(mine)  # a link named like a staging folder
    (tmp_path / ".export.my-copy.partial").mkdir()  # a name mkdtemp does not make
    (tmp_path / ".other.abcdefgh.partial").mkdir()  # another target's
    before = snapshot(tmp_path)
    write_package(communique.load(small_dataset), previous)
    after = snapshot(tmp_path)
    assert {name: value for name, value in after.items() if not name.startswith("export")} == {
        name: value for name, value in before.items() if not name.startswith("export")
    }


def test_the_command_killed_at_any_moment_leaves_a_whole_export(small_dataset, previous, snapshot):
    """``communique export`` as it is, killed at moments spread over its run: the folder always
    holds a whole export (the same bytes, as the same dataset exports to the same bytes)."""
    before = snapshot(previous)
    command = [sys.executable, "-m", "communique", "export", "--out", str(previous), "--dataset", str(small_dataset)]
    started = time.monotonic()
    subprocess.run(command, check=True, capture_output=True)
    duration = time.monotonic() - started
    for step in range(1, 9):
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(duration * step / 8)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        assert snapshot(previous) == before, f"killed after {duration * step / 8:.2f} s"
        assert len(_beside(previous)) <= 1
    subprocess.run(command, check=True, capture_output=True)
    assert snapshot(previous) == before and _beside(previous) == []
