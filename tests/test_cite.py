"""The citation is generated from CITATION.cff, says the package's version, and the licences agree everywhere."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from communique import cite

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def citation() -> cite.Citation:
    return cite.read(REPO / cite.CITATION_FILE)


def test_the_citation_file_has_the_packages_version(citation):
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert citation.version == project["version"]


def test_the_citation_file_names_the_licences_the_package_declares(citation):
    import yaml

    cff = yaml.safe_load((REPO / cite.CITATION_FILE).read_text(encoding="utf-8"))
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    spdx = {name for _, name, url in cite.LICENCES if url}
    assert set(cff["license"]) == spdx == set(project["license"].split(" AND "))


def test_apa_names_authors_year_title_version_and_url(citation):
    assert cite.apa(citation) == (
        "Communiqué contributors. (n.d.). Communiqué: diplomatic statements (Version 0.1.0) [Data set]. "
        "https://communique.github.io/"
    ).replace("0.1.0", citation.version)


@pytest.mark.parametrize(
    "authors, released, expected",
    [
        (("Doe, J.",), "2026-01-31", "Doe, J. (2026). T (Version 1.0) [Data set]."),
        (("Doe, J.", "Roe, R. S."), None, "Doe, J., & Roe, R. S. (n.d.). T (Version 1.0) [Data set]."),
        (("Doe, J.", "Roe, R.", "ACME"), None, "Doe, J., Roe, R., & ACME. (n.d.). T (Version 1.0) [Data set]."),
    ],
)
def test_apa_authors_and_dates(authors, released, expected):
    assert cite.apa(cite.Citation("T", authors, "1.0", None, released, "dataset")) == expected


def test_cff_persons_become_family_name_and_initials(tmp_path):
    path = tmp_path / "CITATION.cff"
    path.write_text(
        'cff-version: 1.2.0\ntitle: T\nversion: "2.0"\ndate-released: 2025-05-04\n'
        "authors:\n  - family-names: Doe\n    given-names: Jane Ann\n  - name: The Lab\n",
        encoding="utf-8",
    )
    citation = cite.read(path)
    assert citation.authors == ("Doe, J. A.", "The Lab") and citation.year == "2025" and citation.kind == "software"


def test_bibtex_escapes_what_latex_reads_as_commands():
    entry = cite.bibtex(cite.Citation("50% of {all} _x_ & $y$ #1 ~ ^ \\", ("Lab & Co",), "1.0", None, None, "dataset"))
    assert r"title = {50\% of \{all\} \_x\_ \& \$y\$ \#1 \~{} \^{} \textbackslash{}}" in entry
    assert r"author = {{Lab \& Co}}" in entry


def test_bibtex_of_the_dataset(citation):
    entry = cite.bibtex(citation)
    assert entry.startswith("@misc{communique,\n") and entry.endswith("\n}")
    assert f"version = {{{citation.version}}}" in entry and "author = {{Communiqué contributors}}" in entry


def test_the_readme_cites_the_current_version(citation):
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert " ".join(cite.apa(citation).split()) in " ".join(readme.replace("\n> ", " ").split())
