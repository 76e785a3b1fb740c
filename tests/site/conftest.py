"""The site of the repository's dataset, built once for the tests that read it."""

from __future__ import annotations

from pathlib import Path

import pytest
from sitebuild import build


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The site of the repository's dataset, built once for the session."""
    site = tmp_path_factory.mktemp("site")
    result = build(site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site
