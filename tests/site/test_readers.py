"""What readers see, checked without a browser: charts count what the data holds and no mark
hides another, texts are cut at a word, counts agree with their nouns, sizes read as sizes,
the archive is the same bytes for the same data, labels and values stay apart."""

from __future__ import annotations

import datetime as dt
import json
import re
import zipfile
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st
import pytest

from communique.site import svg
from communique.site.text import plural, shorten, size
from sitebuild import REPO

import communique

# --- charts ------------------------------------------------------------------------------

_MARKS = st.lists(st.tuples(st.integers(0, 60), st.sampled_from(["quote", "paraphrase"]), st.integers(1, 20)), max_size=40)


@settings(max_examples=150, deadline=None)
@given(_MARKS, st.integers(0, 3000))
def test_no_mark_of_a_chart_touches_another(marks, span):
    """Marks close in time (the same day, or days a few pixels apart) go on separate lanes."""
    start = dt.date(2000, 1, 1)
    row = svg.Row("speaker", marks=[svg.Mark(start + dt.timedelta(days=d), kind, "", count) for d, kind, count in marks])
    other = svg.Row("span", marks=[svg.Mark(start + dt.timedelta(days=span), "quote")])
    chart = svg.chart([row, other], title="t")
    drawn = [m for r in chart.rows for m in r.marks]
    assert sum(m.mark.count for m in drawn) == sum(c for *_, c in marks) + 1
    for i, a in enumerate(drawn):
        for b in drawn[i + 1:]:
            assert (a.cx - b.cx) ** 2 + (a.cy - b.cy) ** 2 >= (a.r + b.r) ** 2, (a, b)
    for r in chart.rows:  # every mark inside its own row
        assert all(r.y <= m.cy - m.r and m.cy + m.r <= r.y + r.height for m in r.marks)


def _marks(page: str) -> list[tuple[str, int]]:
    """Each statement mark on a built page: (its kind, the statements it stands for)."""
    return [(kind, int(count)) for count, kind in
            re.findall(r'<a class="cq-mark" href="[^"]*" aria-label="[^"]*" data-count="(\d+)"><circle class="cq-c-(quote|paraphrase)"', page)]


def test_every_actor_chart_shows_every_statement_of_each_kind(built_site):
    dataset = communique.load(REPO / "dataset")
    speakers = Counter((s.speaker, s.kind) for s in dataset.statements.values())
    assert speakers[("sergey-lavrov", "quote")] + speakers[("sergey-lavrov", "paraphrase")] + speakers[("sergey-lavrov", "partial-quote")] == 12
    for actor in dataset.actors:
        page = (built_site / "actors" / actor / "index.html").read_text(encoding="utf-8")
        shown = Counter()
        for kind, count in _marks(page):
            shown[kind] += count
        assert shown == Counter({kind: n for (who, kind), n in speakers.items() if who == actor}), actor
    timeline = (built_site / "timeline" / "index.html").read_text(encoding="utf-8")
    assert sum(count for _, count in _marks(timeline)) == len(dataset.statements)


def test_a_chart_has_its_data_as_a_table(built_site):
    page = (built_site / "actors" / "sergey-lavrov" / "index.html").read_text(encoding="utf-8")
    table = page[page.index('<details class="cq-chart-data">'):]
    counts = [int(n) for n in re.findall(r'<td data-label="Records">(\d+)</td>', table[: table.index("</details>")])]
    assert sum(counts) == 12 + 1  # his statements, and his role


# --- short texts ---------------------------------------------------------------------------

@settings(max_examples=300)
@given(st.lists(st.text(alphabet="abcé'’-", min_size=1, max_size=12), min_size=1, max_size=20).map(" ".join),
       st.integers(5, 60))
def test_a_shortened_text_is_cut_after_a_whole_word(text, limit):
    short = shorten(text, limit)
    assert len(short) <= limit
    if short == text:
        return
    assert short.endswith("…")
    kept = short[:-1]
    words = text.split(" ")
    if len(words[0]) >= limit:  # a single word too long: the one cut inside
        assert words[0].startswith(kept)
    else:
        assert text.startswith(kept) and text[len(kept)] in " ,;:.-", (text, short)


@pytest.mark.parametrize(("count", "noun", "expected"), [
    (1, "treaty", "1 treaty"), (2, "treaty", "2 treaties"), (0, "article", "0 articles"),
    (1, "statement", "1 statement"), (1200, "file", "1,200 files"), (3, "day", "3 days"),
])
def test_a_count_agrees_with_its_noun(count, noun, expected):
    assert plural(count, noun) == expected


@pytest.mark.parametrize(("count", "expected"), [
    (0, "0 bytes"), (1, "1 byte"), (999, "999 bytes"), (1000, "1.0 kB"), (66_620, "66.6 kB"),
    (999_999, "1.0 MB"), (4_100_000, "4.1 MB"), (3 * 10**9, "3.0 GB"),
])
def test_sizes_read_as_sizes(count, expected):
    assert size(count) == expected


def test_no_page_says_one_in_the_plural(built_site):
    for page in built_site.rglob("*.html"):
        text = re.sub(r"<[^>]+>", "", page.read_text(encoding="utf-8"))
        assert not re.search(r"\b1 (treaties|articles|actors|statements|files|rules)\b", text), page


# --- downloads -----------------------------------------------------------------------------

def test_the_archive_holds_every_download_and_is_linked_on_top(built_site):
    folder = built_site / "downloads" / "communique"
    with zipfile.ZipFile(built_site / "downloads" / "communique.zip") as archive:
        inside = {name.removeprefix("communique/"): archive.read(name) for name in archive.namelist()}
    on_site = {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}
    assert inside == on_site
    page = (built_site / "downloads" / "index.html").read_text(encoding="utf-8")
    assert page.index('href="communique.zip"') < page.index('href="communique/')
    for heading in ("SQLite database", "JSON Lines", "CSV tables", "Descriptor"):
        assert f">{heading}<" in page
    assert not re.search(r"\d{1,3}(,\d{3})+ bytes", page)  # no raw byte counts past 999


# --- labels and values ---------------------------------------------------------------------

def test_label_and_value_never_run_together_in_search(built_site):
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    texts = {doc["location"].split("#")[0]: "" for doc in index["docs"]}
    for doc in index["docs"]:
        texts[doc["location"].split("#")[0]] += " " + doc["text"]
    checked = 0
    for location, text in texts.items():
        if not re.match(r"(articles|actors|treaties|statements)/[a-z0-9-]+/$", location):
            continue
        page = (built_site / location / "index.html").read_text(encoding="utf-8")
        for label, value in re.findall(r"<tr data-field=\"[^\"]+\"><th>([^<]+)</th>\s*<td>(?:<[^>]+>)*([^<]+)", page):
            assert label + value.strip() not in text, (location, label, value)
            checked += 1
    assert checked > 50


def test_a_lifecycle_event_shows_each_field_once_in_its_own_cell(built_site):
    """New START's extension read "to 2026-02-05. Until 2026-02-05.": the date was appended to the description."""
    page = (built_site / "treaties" / "new-start" / "index.html").read_text(encoding="utf-8")
    row = next(r for r in re.findall(r'<tr data-field="lifecycle\.\*">.*?</tr>', page, re.S) if "Extended by" in r)
    description = re.search(r'<td data-field="lifecycle\.\*\.description"[^>]*>(.*?)</td>', row, re.S).group(1)
    assert "Until" not in description and description.count("2026-02-05") == 1
    assert re.search(r'<td data-field="lifecycle\.\*\.until" data-label="Until"><time datetime="2026-02-05">', row)


def test_dictionary_pages_have_no_empty_header_row(built_site):
    for page in (built_site / "dictionary").rglob("index.html"):
        assert not re.search(r"<th[^>]*>\s*</th>", page.read_text(encoding="utf-8")), page


def test_statements_are_searched_in_the_explorer_not_in_the_site_index(built_site):
    """Every reader's browser loads the site's index whole: statements (most records) stay out of it."""
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert not [loc for loc in locations if re.match(r"statements/[a-z0-9-]+/$", loc)]
    assert "actors/sergey-lavrov/" in locations and "statements/" in locations


def test_page_titles_are_cut_at_a_word():
    from communique.site.escape import TITLE_MAX, title

    long = "Wang Wenbin, spokesman of the People's Republic of China, said the United States must stop " * 2
    shown = title(long)
    assert len(shown) <= TITLE_MAX and shown.endswith("…")
    assert long.replace("'", "’").startswith(shown[:-1]) and long[len(shown) - 1] in " ,"


def test_a_statement_page_links_its_neighbours_not_every_sibling(built_site):
    """Listing every sibling on every statement page is quadratic in a long transcript."""
    dataset = communique.load(REPO / "dataset")
    by_article: dict[str, list] = {}
    for statement in sorted(dataset.statements.values(), key=lambda s: (s.date.isoformat(), s.id)):
        by_article.setdefault(statement.article, []).append(statement.id)
    siblings = max(by_article.values(), key=len)
    assert len(siblings) >= 5
    for index, statement_id in enumerate(siblings):
        page = (built_site / "statements" / statement_id / "index.html").read_text(encoding="utf-8")
        linked = {other for other in siblings if f'href="../{other}/"' in page}
        expected = {siblings[i] for i in (index - 1, index + 1) if 0 <= i < len(siblings)}
        assert linked == expected, statement_id
        assert f"Statement {index + 1} of {len(siblings)} statements" in page


def test_a_speakers_page_lists_the_latest_statements_and_links_the_explorer_for_all(monkeypatch):
    """A speaker of thousands of statements would make a page of megabytes."""
    from communique.site import records
    from communique.site.data import load

    monkeypatch.setattr(records, "LISTED_STATEMENTS", 4)
    pages = records.Pages(load(REPO / "dataset"))
    html = pages.actor_page(pages.data.actors["sergey-lavrov"]).html
    listed = re.findall(r'<td data-label="Date"><time datetime="([0-9-]+)">', html)
    assert len(listed) == 4 and listed == sorted(listed, reverse=True)
    assert listed[0] == max(s["date"] for s in pages.data.by_speaker["sergey-lavrov"])
    assert 'all 12 are in the <a href="../../statements/?speaker=sergey-lavrov&amp;sort=-date">' in html


def test_index_pages_hold_a_few_hundred_records_each_and_link_every_record_once(monkeypatch):
    """An index of 10,000 articles in one page is megabytes; each page's links are relative to it."""
    import math
    import posixpath

    from communique.site import records
    from communique.site.data import load

    monkeypatch.setattr(records, "INDEX_ROWS", 4)
    data = load(REPO / "dataset")
    html, _, unlisted = records.record_files(data)
    for folder, ids in (("articles", data.articles), ("actors", data.actors), ("treaties", data.treaties)):
        index = sorted((path for path in html if re.fullmatch(rf"{folder}/(_page-\d+/)?index\.md", path)),
                       key=lambda path: path != f"{folder}/index.md")  # the first page first
        assert len(index) == math.ceil(len(ids) / 4) and f"{folder}/index.md" not in unlisted
        assert set(index[1:]) <= unlisted
        linked = []
        for path in index:
            here = posixpath.dirname(path) + "/"
            for href in re.findall(r'<td data-label="[^"]+"><a href="([^"#?]+)">', html[path].html):
                target = posixpath.normpath(posixpath.join(here, href))
                if target.startswith(folder + "/") and target.count("/") == 1:
                    linked.append(target.split("/")[1])
        assert sorted(linked) == sorted(ids), folder


def test_lists_of_other_records_and_charts_stay_out_of_the_search_index(built_site):
    """A speaker's page indexed with the text of every statement listed on it made the index
    every reader loads grow with the statements (44 MB at 100,000 records)."""
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    lavrov = " ".join(doc["text"] for doc in index["docs"] if doc["location"].startswith("actors/sergey-lavrov/"))
    assert "Russian diplomat" in lavrov  # his own fields are found
    assert "absolutely baseless accusations" not in lavrov and "roles and statements" not in lavrov
