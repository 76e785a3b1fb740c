"""The sitemap lists every page the site has, record pages among them, and no page it lacks."""

from __future__ import annotations

import gzip
from urllib.parse import urlsplit

import pytest
from sitebuild import REPO

import communique
from communique.kinds import KINDS
from communique.site import sitemap

SITE_URL = "https://example.org/communique/"


@pytest.fixture(scope="module")
def mapped_site(tmp_path_factory):
    """The repository's site built with a ``site_url`` (MkDocs writes a sitemap only then)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    site = tmp_path_factory.mktemp("mapped-site")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NO_MKDOCS_2_WARNING", "1")
        patch.delenv("COMMUNIQUE_DATASET", raising=False)
        build(load_config(str(REPO / "mkdocs.yml"), site_dir=str(site), site_url=SITE_URL, strict=True))
    return site


def _page(site, loc: str):
    assert loc.startswith(SITE_URL), loc
    return site / urlsplit(loc).path.removeprefix(urlsplit(SITE_URL).path) / "index.html"


def test_the_sitemap_lists_a_record_page_of_each_kind_and_only_pages_that_exist(mapped_site):
    listed = [loc for loc, _ in sitemap.urls((mapped_site / "sitemap.xml").read_text(encoding="utf-8"))]
    assert len(listed) == len(set(listed))
    missing = [loc for loc in listed if not _page(mapped_site, loc).is_file()]
    assert not missing
    dataset = communique.load(REPO / "dataset")
    for kind in KINDS:
        some = sorted(dataset.of_kind(kind.name))[0]
        assert f"{SITE_URL}{kind.folder}/{some}/" in listed, kind.name
    assert set(mapped_site.rglob("index.html")) == {_page(mapped_site, loc) for loc in listed}  # every page, once
    assert gzip.decompress((mapped_site / "sitemap.xml.gz").read_bytes()) == (mapped_site / "sitemap.xml").read_bytes()


def test_beyond_the_limit_the_sitemap_is_an_index_of_sitemaps(tmp_path):
    (tmp_path / "sitemap.xml").write_text(sitemap._urlset([(f"{SITE_URL}a/", "2026-01-01"), (f"{SITE_URL}x/_shell/", None)]))
    written = [f"records/r-{n}/" for n in range(5)] + ["a/", "records/r-0/"]
    assert sitemap.complete(tmp_path, SITE_URL, written, "/_shell/", max_urls=2) == 6
    index = (tmp_path / "sitemap.xml").read_text(encoding="utf-8")
    assert "<sitemapindex" in index and index.count("<sitemap>") == 3
    listed = [loc for n in (1, 2, 3) for loc, _ in sitemap.urls((tmp_path / f"sitemap-{n}.xml").read_text(encoding="utf-8"))]
    assert listed == [f"{SITE_URL}a/"] + [f"{SITE_URL}records/r-{n}/" for n in range(5)]
    assert (tmp_path / "sitemap-3.xml.gz").is_file()
