"""The records the site-wide search finds: the most cited, up to a budget of index bytes.

Material's search loads its whole index into every reader's browser on every page. With a
page per record that index grew with the dataset (22.5 MB at 100,000 records); now it holds
the hand-written pages and the records most worth finding (boosted kinds first, then those
with the most statements), added in that order while the index stays within
:data:`RECORD_INDEX_BYTES`. Every statement, with its speaker's names and its article's
headline, is searched in the statements explorer, which loads its data in shards.

Each chosen record page is indexed by Material's own search index, as it indexes a page it
builds (sections, ``data-search-exclude``), so entries look the same as for any page. The
parts the templates keep out of the search are cut first, between their
``<!--cq:search-exclude-->`` comments: Material's HTML parser, in Python, spent most of its time
reading charts and lists it then left out.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping

from mkdocs.structure.files import File
from mkdocs.structure.pages import Page

from communique.site.records import HtmlPage

RECORD_INDEX_BYTES = 100_000
_EXCLUDED = re.compile(r"<!--cq:search-exclude-->.*?<!--/cq:search-exclude-->", re.S)  # with the hand-written pages, the site's index stays well under 1 MB whatever the dataset


def ranked(pages: Mapping[str, HtmlPage]) -> list[str]:
    """The pages the search may hold, best first: boosted, then most cited, then by path."""
    return sorted((uri for uri, page in pages.items() if page.indexed), key=lambda uri: (-pages[uri].boost, -pages[uri].rank, uri))


def index_records(search_index, pages: Mapping[str, HtmlPage], config, budget: int = RECORD_INDEX_BYTES) -> int:
    """Add the ranked pages to Material's ``search_index`` until ``budget`` bytes of entries; how many were added."""
    spent = added = 0
    for src_uri in ranked(pages):
        html_page = pages[src_uri]
        page = Page(html_page.title, File(src_uri, src_dir=None, dest_dir=config.site_dir, use_directory_urls=True), config)
        page.meta = {"title": html_page.title, **({"search": {"boost": html_page.boost}} if html_page.boost else {})}
        page.content = _EXCLUDED.sub("", html_page.html)
        before = len(search_index.entries)
        search_index.add_entry_from_context(page)
        cost = len(json.dumps(search_index.entries[before:], ensure_ascii=False))
        if spent + cost > budget:
            del search_index.entries[before:]
            break
        spent += cost
        added += 1
    return added
