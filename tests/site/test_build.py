"""The whole site builds strictly from the schemas and the dataset, with a page for every record."""

from __future__ import annotations

import re

import communique
from communique.kinds import KINDS
from communique.site.dictionary import codelist_page

from sitebuild import REPO


def test_every_record_has_a_page_and_the_build_is_strict(built_site):
    dataset = communique.load(REPO / "dataset")
    assert len(dataset) > 0
    for kind in KINDS:
        for record_id in dataset.of_kind(kind.name):
            assert (built_site / kind.folder / record_id / "index.html").is_file(), (kind.folder, record_id)
        assert (built_site / "dictionary" / kind.name / "index.html").is_file()


def test_generated_pages_are_not_committed():
    for generated in ("dictionary", "articles", "actors", "treaties", "rules.md", "timeline.md", "downloads.md"):
        assert not (REPO / "docs" / generated).exists(), generated


def test_record_pages_stay_out_of_the_navigation(built_site):
    page = (built_site / "changelog" / "index.html").read_text(encoding="utf-8")  # its text links no record
    assert 'href="../statements/"' in page  # the navigation is there, with the explorer
    assert not re.search(r'href="\.\./(?:articles|actors|statements|treaties)/[a-z0-9-]+/"', page)


def test_index_pages_link_every_record(built_site):
    dataset = communique.load(REPO / "dataset")
    for kind in ("articles", "actors", "treaties"):
        index = (built_site / kind / "index.html").read_text(encoding="utf-8")
        for record_id in getattr(dataset, kind):
            assert f'href="{record_id}/"' in index, (kind, record_id)


def test_codelists_have_pages_and_charts_are_inline_svg(built_site):
    from communique.site.dictionary import codelist_usage

    for file in codelist_usage():
        assert (built_site / codelist_page(file).removesuffix(".md") / "index.html").is_file()
    timeline = (built_site / "timeline" / "index.html").read_text(encoding="utf-8")
    assert "<svg" in timeline and ">Sergey Lavrov</text>" in timeline and "<img" not in timeline
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in (built_site / "treaties" / "new-start" / "index.html").read_text(encoding="utf-8")


def test_home_counts_every_kind(built_site):
    dataset = communique.load(REPO / "dataset")
    home = (built_site / "index.html").read_text(encoding="utf-8")
    for kind in KINDS:
        count = len(dataset.of_kind(kind.name))
        assert re.search(rf'href="{kind.folder}/">{kind.folder.capitalize()}</a></td>\s*<td[^>]*>{count}</td>', home), kind


def test_no_external_assets(built_site):
    for page in built_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text, page
        for src in re.findall(r'<(?:script|link|img)[^>]+(?:src|href)="([^"]+)"', text):
            assert not src.startswith(("http:", "https:", "//")), (page, src)


def test_downloads_are_the_exported_package_and_linked(built_site):
    from frictionless import Package

    folder = built_site / "downloads" / "communique"
    report = Package(str(folder / "datapackage.json")).validate()
    assert report.valid, report.flatten(["type", "note"])[:5]
    page = (built_site / "downloads" / "index.html").read_text(encoding="utf-8")
    for name in ("datapackage.json", "communique.sqlite", "jsonl/statements.jsonl", "csv/statements.csv"):
        assert (folder / name).is_file() and f'href="communique/{name}"' in page, name
    # the page says how CSV cells are kept from running as spreadsheet formulas, and that the others are exact
    assert "with a single quote <code>'</code> in front of it" in page and "keep every text exactly as recorded" in page
