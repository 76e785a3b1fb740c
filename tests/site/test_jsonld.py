"""Every JSON-LD block of the built site, expanded as a JSON-LD processor reads it, says what the records say.

The expansion is pyld's, offline: ``https://schema.org`` is answered with the part of
schema.org's context these blocks use (``schemaorg-context.jsonld``: its vocabulary, and the
properties whose values are links), and any other URL fails the test rather than being fetched.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pyld import jsonld as ld

import communique
from communique.cite import LICENCES
from communique.export.archive import ARCHIVE as PACKAGE_ARCHIVE
from communique.export.package import files as package_files
from communique.site import jsonld
from communique.site.escape import record_dir

SCHEMA = "http://schema.org/"
CONTEXT = json.loads((Path(__file__).parent / "schemaorg-context.jsonld").read_text(encoding="utf-8"))
BLOCK = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def _offline(url: str, options=None) -> dict:
    if url.rstrip("/") not in ("https://schema.org", "http://schema.org"):
        raise AssertionError(f"JSON-LD would fetch {url}")
    return {"contextUrl": None, "documentUrl": url, "document": CONTEXT}


def expanded(page: Path) -> list[dict]:
    """The page's JSON-LD blocks, each expanded to one node keyed by full schema.org IRIs."""
    nodes = []
    for block in BLOCK.findall(page.read_text(encoding="utf-8")):
        (node,) = ld.expand(json.loads(block), {"documentLoader": _offline})
        nodes.append(node)
    return nodes


def values(node: dict, name: str) -> list:
    return [item.get("@value", item.get("@id", item)) for item in node.get(SCHEMA + name, [])]


def one(node: dict, name: str):
    (value,) = values(node, name)
    return value


@pytest.fixture(scope="module")
def data():
    return communique.load()


def test_the_home_page_describes_the_dataset_and_every_download(built_site, data):
    (node,) = expanded(built_site / "index.html")
    assert node["@type"] == [SCHEMA + "Dataset"]
    assert one(node, "name").startswith("Communiqué") and one(node, "description")
    assert one(node, "version") == communique.__version__
    assert sorted(values(node, "license")) == sorted(url for _, _, url in LICENCES if url)
    assert [one(creator, "name") for creator in node[SCHEMA + "creator"]] == ["Communiqué contributors"]
    said = sorted(statement.date for statement in data.statements.values())
    assert one(node, "temporalCoverage") == f"{said[0]}/{said[-1]}"
    downloads = {one(item, "contentUrl").split("/downloads/")[1]: one(item, "encodingFormat")
                 for item in node[SCHEMA + "distribution"]}
    assert sorted(downloads) == sorted(  # the package's files, and its zip on top of them
        name if name == PACKAGE_ARCHIVE else f"communique/{name}" for name in package_files())
    for path, media in downloads.items():
        assert (built_site / "downloads" / path).is_file(), path
        assert media == {".csv": "text/csv", ".jsonl": "application/jsonl", ".json": "application/json",
                         ".sqlite": "application/vnd.sqlite3", ".zip": "application/zip"}[Path(path).suffix], path


def test_every_statement_page_carries_its_quotation(built_site, data):
    assert data.statements
    for statement in data.statements.values():
        (node,) = expanded(built_site / record_dir("statements", statement.id) / "index.html")
        assert node["@type"] == [SCHEMA + "Quotation"]
        assert one(node, "text") == statement.text
        assert one(node, "dateCreated") == statement.date.isoformat()
        (speaker,) = node[SCHEMA + "spokenByCharacter"]
        assert one(speaker, "name") == data.actors[statement.speaker].name
        (article,) = node[SCHEMA + "isBasedOn"]
        record = data.articles[statement.article]
        assert (one(article, "headline"), one(article, "url")) == (record.headline, record.url)


def test_every_event_page_carries_its_event(built_site, data):
    assert data.events
    for event in data.events.values():
        (node,) = expanded(built_site / record_dir("events", event.id) / "index.html")
        assert node["@type"] == [SCHEMA + "Event"]
        assert (one(node, "name"), one(node, "startDate")) == (event.name, event.start)
        attending = {one(actor, "name") for actor in node[SCHEMA + "attendee"]}
        assert attending == {data.actors[p.actor].name for p in event.participants}


def test_no_other_page_carries_json_ld(built_site):
    pages = built_site.rglob("*.html")
    carrying = {page.relative_to(built_site).as_posix() for page in pages if BLOCK.search(page.read_text(encoding="utf-8"))}
    record_pages = {f"{record_dir(folder, page.parent.name)}index.html"
                    for folder in ("statements", "events") for page in (built_site / folder).glob("*/index.html")}
    assert record_pages and carrying == {"index.html"} | record_pages


@given(st.text())
def test_a_script_element_holds_any_text_and_nothing_ends_it_early(text):
    element = jsonld.script({"text": text})
    body = element.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert not set("<>&") & set(body)
    assert json.loads(body) == {"text": text}
