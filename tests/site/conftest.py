"""The site of the repository's dataset, built once for the tests that read it; a server and a
browser for the tests that look at it, and a folder for their screenshots."""

from __future__ import annotations

from pathlib import Path

import pytest
from sitebuild import build, chromium, serve


@pytest.fixture(scope="session")
def build_site(tmp_path_factory):
    """Builds the site of a dataset (the repository's by default) into a new temporary folder."""

    def built(name: str, dataset: Path | None = None) -> Path:
        site = tmp_path_factory.mktemp(name)
        result = build(site, dataset)
        assert result.returncode == 0, result.stdout + result.stderr
        return site

    return built


@pytest.fixture(scope="session")
def built_site(build_site) -> Path:
    """The site of the repository's dataset, built once for the session."""
    return build_site("site")


@pytest.fixture(scope="module")
def server(built_site):
    """The built site served over HTTP, for as long as a module's tests run."""
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    with chromium(tmp_path_factory.mktemp("chromium-profile")) as driver:
        yield driver


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory):
    """Screenshots for a person to look at (under pytest's temporary folder; ``--basetemp DIR`` keeps them)."""
    return tmp_path_factory.mktemp("screenshots")
