"""``communique export``: the dataset named as ``validate`` names it, and one file of the package
written to standard output or to a file, byte for byte the package's own."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from communique.export import package
from communique.export import tables as shapes
from communique.export.archive import ARCHIVE
from communique.export.command import FORMATS


def export(*args: str, cwd: Path, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "communique", "export", *args], cwd=cwd, capture_output=True, timeout=300, **kwargs)


@pytest.fixture
def exported(small_dataset: Path) -> Path:
    """The whole package of the small dataset, with its Parquet tables, beside the dataset."""
    out = small_dataset.parent / "package"
    result = export("--out", str(out), "--parquet", cwd=small_dataset.parent)
    assert result.returncode == 0, result.stderr
    return out


def test_the_dataset_is_named_as_validate_names_it(small_dataset, tmp_path):
    positional = export(str(small_dataset), "--out", str(tmp_path / "a"), cwd=tmp_path)
    option = export("--dataset", str(small_dataset), "--out", str(tmp_path / "b"), cwd=tmp_path)
    default = export("--out", str(tmp_path / "c"), cwd=small_dataset.parent)  # ./dataset, as validate's default
    assert [result.returncode for result in (positional, option, default)] == [0, 0, 0]
    assert (tmp_path / "a" / "datapackage.json").read_bytes() == (tmp_path / "b" / "datapackage.json").read_bytes()
    assert (tmp_path / "a" / package.SQLITE).read_bytes() == (tmp_path / "c" / package.SQLITE).read_bytes()


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("dataset/statements", "--out", "x"), "export takes a whole dataset folder"),  # a kind's folder: validate checks it, export cannot
        (("dataset", "--dataset", "elsewhere", "--out", "x"), "two datasets named"),
        ((), "give --out DIR"),
        (("--out", "-"), "give --out DIR"),
        (("--table", "actors", "--out", "x"), "--table needs --format"),
        (("--format", "csv"), "needs --table: one of actor_aliases"),
        (("--format", "csv", "--table", "nope"), "has no table 'nope'"),
        (("--format", "jsonl", "--table", "actor_roles"), f"one of {', '.join(sorted(kind.folder for kind in package.KINDS))}"),
        (("--format", "sqlite", "--table", "actors"), "takes no --table"),
        (("--format", "parquet", "--table", "actors", "--parquet"), "--parquet adds the Parquet tables"),
    ],
)
def test_usage_errors_exit_2_and_say_why(small_dataset, args, said):
    result = export(*args, cwd=small_dataset.parent, text=True)
    assert result.returncode == 2 and said in result.stderr and "Traceback" not in result.stderr
    assert result.stdout == "" and not (small_dataset.parent / "x").exists()


def _members() -> list[tuple[str, str | None, str]]:
    """Every (format, table, file of the package) that --format can write."""
    found = []
    for table in shapes.tables():
        found += [("csv", table.name, package.csv_path(table)), ("parquet", table.name, f"parquet/{table.name}.parquet")]
    found.append(("csv", package.flat.NAME, package.FLAT_CSV))
    found += [("jsonl", kind.folder, package.jsonl_path(kind)) for kind in package.KINDS]
    return found + [("sqlite", None, package.SQLITE), ("zip", None, ARCHIVE)]


def test_every_format_and_table_is_offered():
    assert {member[0] for member in _members()} == set(FORMATS)


def _one_of_each_format() -> list[tuple[str, str | None, str]]:
    """A table of each format (the flat one too), the database and the zip."""
    chosen: dict[str, tuple] = {}
    for member in _members():
        chosen.setdefault(member[0] if member[1] != package.flat.NAME else "flat", member)
    return list(chosen.values())


@pytest.mark.parametrize(("output", "table", "member"), _one_of_each_format())
def test_one_file_to_standard_output_or_a_file_is_the_packages_own(exported, output, table, member):
    chosen = ("--format", output, *(("--table", table) if table else ()), *(("--parquet",) if output == "zip" else ()))
    to_stdout = export("dataset", *chosen, cwd=exported.parent)
    assert to_stdout.returncode == 0, to_stdout.stderr
    assert to_stdout.stdout == (exported / member).read_bytes()
    to_file = export("dataset", *chosen, "--out", "one-file", cwd=exported.parent)
    assert to_file.returncode == 0 and to_file.stdout == b""
    assert (exported.parent / "one-file").read_bytes() == (exported / member).read_bytes()


@pytest.mark.parametrize("output", [name for name, (binary, _) in FORMATS.items() if binary])
def test_a_binary_format_refuses_a_terminal(small_dataset, output):
    table = ("--table", "actors") if FORMATS[output][1] else ()
    leader, follower = pty.openpty()
    try:
        result = subprocess.run(
            [sys.executable, "-m", "communique", "export", "--format", output, *table],
            cwd=small_dataset.parent, stdout=follower, stderr=subprocess.PIPE, text=True, timeout=120,
        )
    finally:
        os.close(follower)
        os.close(leader)
    assert result.returncode == 2 and "binary" in result.stderr and "--out FILE" in result.stderr


def test_a_text_format_may_go_to_a_terminal(small_dataset):
    leader, follower = pty.openpty()
    try:
        result = subprocess.run(
            [sys.executable, "-m", "communique", "export", "--format", "csv", "--table", "actors"],
            cwd=small_dataset.parent, stdout=follower, stderr=subprocess.PIPE, text=True, timeout=120,
        )
        written = os.read(leader, 65536)
    finally:
        os.close(follower)
        os.close(leader)
    assert result.returncode == 0, result.stderr
    assert written.startswith(b"id,")
