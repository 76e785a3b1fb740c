"""What the site's search holds: every page's prose, without what the page says twice or the
code and constraints nobody searches for (every reader's browser loads the whole index on every
page), and the pages themselves unchanged by what keeps text out of it."""

from __future__ import annotations

import json

from communique.kinds import KINDS
from communique.site.dictionary import kind_page


def _entries(site) -> list[dict]:
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


def test_code_blocks_repeated_tables_and_field_facts_stay_out_of_the_search(built_site):
    entries = _entries(built_site)
    assert not [e["location"] for e in entries if "<pre>" in e["text"]]  # commands, SQL, JSON examples
    pages = tuple(kind_page(kind).removesuffix(".md") + "/" for kind in KINDS)
    facts = [e["location"] for e in entries if e["location"].startswith(pages) and ("pattern:" in e["text"] or "Required: yes" in e["text"])]
    assert not facts  # a field's type, constraints (its patterns were a tenth of the index) and examples
    by_location = {e["location"]: e for e in entries}
    rules = by_location["rules/"]["text"]
    assert "Severity" not in rules and "Applies to" not in rules  # the catalogue's table: each rule's section follows
    for kind in KINDS:
        page = kind_page(kind).removesuffix(".md") + "/"
        assert "Required" not in by_location[f"{page}#fields"]["text"], kind.name  # the overview: each field's details follow
        assert by_location[f"{page}#id"]["text"], kind.name  # a field is found by its name, title and description
    assert "Column" not in by_location["dictionary/tables/"]["text"]


def test_what_keeps_text_out_of_the_search_leaves_no_trace_in_the_pages(built_site):
    for page in built_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "data-search-exclude" not in text and ' markdown="' not in text, page
    assert "<pre><code>" in (built_site / "at-scale" / "index.html").read_text(encoding="utf-8")
