"""How to cite the dataset, from ``CITATION.cff``: APA and BibTeX, and the licences.

``CITATION.cff`` (Citation File Format 1.2) is the one source: GitHub's "Cite this
repository", Zenodo and reference managers read it, and the site's Cite page shows what
:func:`apa` and :func:`bibtex` make of it, so a citation never disagrees with the file.
Reading it takes PyYAML, which the site's dependencies (MkDocs) bring.

    >>> from communique import cite
    >>> citation = cite.Citation("Data", ("Doe, J.",), "1.0", "https://example.org/", "2025-01-31", "dataset")
    >>> cite.apa(citation)
    'Doe, J. (2025). Data (Version 1.0) [Data set]. https://example.org/'
    >>> print(cite.bibtex(citation, key="doe2025"))
    @misc{doe2025,
      author = {Doe, J.},
      title = {Data},
      version = {1.0},
      year = {2025},
      url = {https://example.org/},
      note = {Data set}
    }
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

CITATION_FILE = "CITATION.cff"

#: What each part of the work is licensed under, as the README, the site and ``pip show`` say it.
LICENCES = (
    ("The code (validators/, tests/, benchmarks/, site tooling)", "MIT", "https://opensource.org/license/mit"),
    (
        "The curation (schemas, records, notes, codelists)",
        "CC-BY-4.0",
        "https://creativecommons.org/licenses/by/4.0/",
    ),
    ("The article texts quoted in the records", "their publishers'", None),
)


@dataclass(frozen=True)
class Citation:
    title: str
    authors: tuple[str, ...]
    version: str
    url: str | None
    released: str | None  # ISO date, or None while unreleased
    kind: str  # CFF ``type``: "dataset" or "software"
    abstract: str = ""

    @property
    def year(self) -> str | None:
        return self.released[:4] if self.released else None


def read(path: str | Path) -> Citation:
    """The citation a CFF file describes; persons as "Family, G.", entities by name."""
    import yaml

    cff = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    released = cff.get("date-released")
    return Citation(
        title=cff["title"],
        authors=tuple(_author(author) for author in cff["authors"]),
        version=str(cff["version"]),
        url=cff.get("url") or cff.get("repository-code"),
        released=str(released) if released is not None else None,
        kind=cff.get("type", "software"),
        abstract=" ".join(str(cff.get("abstract", "")).split()),
    )


def _author(author: dict) -> str:
    if "family-names" in author:
        initials = " ".join(f"{part[0]}." for part in str(author.get("given-names", "")).split())
        return f"{author['family-names']}, {initials}".rstrip(", ")
    return author["name"]


def apa(citation: Citation) -> str:
    """APA 7th edition, as plain text (the title would be in italics)."""
    authors = _apa_authors(citation.authors)
    year = citation.year or "n.d."
    kind = "Data set" if citation.kind == "dataset" else "Computer software"
    url = f" {citation.url}" if citation.url else ""
    return f"{authors} ({year}). {citation.title} (Version {citation.version}) [{kind}].{url}"


def _apa_authors(authors: tuple[str, ...]) -> str:
    if len(authors) == 1:
        return _end_with_period(authors[0])
    return _end_with_period(", ".join(authors[:-1]) + ", & " + authors[-1])


def _end_with_period(text: str) -> str:
    return text if text.endswith(".") else text + "."


_BIBTEX_SPECIAL = re.compile(r"([\\{}%&$#_^~])")


def _bibtex_text(text: str) -> str:
    """A value for a braced BibTeX field: LaTeX's special characters escaped (UTF-8 kept, as biber reads it)."""
    replacements = {"\\": r"\textbackslash{}", "^": r"\^{}", "~": r"\~{}"}
    return _BIBTEX_SPECIAL.sub(lambda match: replacements.get(match[1], "\\" + match[1]), text)


def bibtex(citation: Citation, key: str = "communique") -> str:
    """A BibTeX ``@misc`` entry (``@dataset`` is biblatex's, not BibTeX's); an entity is a
    braced author, so that it is not split into given and family names."""
    authors = " and ".join(
        f"{{{_bibtex_text(name)}}}" if "," not in name else _bibtex_text(name) for name in citation.authors
    )
    fields = [("author", authors), ("title", _bibtex_text(citation.title)), ("version", citation.version)]
    if citation.year:
        fields.append(("year", citation.year))
    if citation.url:
        fields.append(("url", citation.url))
    fields.append(("note", "Data set" if citation.kind == "dataset" else "Computer software"))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{{key},\n{body}\n}}"
