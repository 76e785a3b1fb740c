"""Fixtures of the validator tests: a fresh copy of the valid base dataset."""

from __future__ import annotations

from pathlib import Path

import pytest

from testdata import overlay


@pytest.fixture
def dataset(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh copy of the valid base dataset, with the working folder set to it."""
    root = overlay(tmp_path / "dataset")
    monkeypatch.chdir(root)
    return root
