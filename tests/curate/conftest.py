"""The curation commands' tests work in a folder holding ``dataset/``, a copy of the valid base."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from testdata import VALID


@pytest.fixture
def dataset(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``dataset/`` in a fresh working folder, the valid base copied into it."""
    folder = tmp_path / "dataset"
    shutil.copytree(VALID, folder)
    monkeypatch.chdir(tmp_path)
    return folder
