"""Shared helpers: build a dataset from the valid base and an invalid fixture's overlay."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
VALID = FIXTURES / "valid"
INVALID = FIXTURES / "invalid"


def overlay(target: Path, *fixtures: Path) -> Path:
    """A copy of the valid base at ``target`` with the fixtures' files added or replaced, in order."""
    shutil.copytree(VALID, target)
    for fixture in fixtures:
        for path in sorted(fixture.rglob("*")):
            relative = path.relative_to(fixture)
            if path.is_file() and relative.as_posix() != "expected.json":
                destination = target / relative
                destination.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, destination)
    return target


def expected(fixture: Path) -> dict:
    return json.loads((fixture / "expected.json").read_text(encoding="utf-8"))


@pytest.fixture
def dataset(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh copy of the valid base dataset, with the working folder set to it."""
    root = overlay(tmp_path / "dataset")
    monkeypatch.chdir(root)
    return root
