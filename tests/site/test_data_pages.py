"""The pages for data users: Cite shows the citation generated from CITATION.cff, with the version;
Beyond one machine shows the very SQL the Parquet tests run."""

from __future__ import annotations

import html
import re
from pathlib import Path

from sitebuild import REPO

import communique
from communique import cite
from communique.export.checks import NORMALISE, quotes_sql, references_sql


def _code_blocks(page: Path) -> list[str]:
    return [html.unescape(re.sub(r"<[^>]+>", "", block)) for block in re.findall(r"<pre[^>]*>(.*?)</pre>", page.read_text(encoding="utf-8"), re.S)]


def test_the_cite_page_shows_apa_and_bibtex_with_the_version(built_site):
    citation = cite.read(REPO / cite.CITATION_FILE)
    blocks = [block.strip() for block in _code_blocks(built_site / "cite" / "index.html")]
    assert cite.apa(citation) in blocks and cite.bibtex(citation) in blocks
    assert citation.version == communique.__version__ and f"version = {{{citation.version}}}" in cite.bibtex(citation)
    text = (built_site / "cite" / "index.html").read_text(encoding="utf-8")
    assert "https://creativecommons.org/licenses/by/4.0/" in text and "MIT" in text and "publishers'" in text


def test_the_scale_page_shows_the_tested_sql(built_site):
    blocks = [block.strip() for block in _code_blocks(built_site / "at-scale" / "index.html")]
    assert references_sql("export/parquet") + ";" in blocks
    assert NORMALISE + ";\n\n" + quotes_sql("export/parquet") + ";" in blocks
