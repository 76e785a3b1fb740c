"""What keeps the site's build and a reader's visit bounded as the records grow.

MkDocs draws a fixed number of pages whatever the dataset (record pages are written into a
shell per folder); the explorer's shards hold each statement once per scope it is in, in date
order, at most SHARD_ROWS a shard; the site's search holds records only up to its budget.
"""

from __future__ import annotations

import json
import os

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sitebuild import REPO, synthetic_records
from testdata import write_dataset

from communique.kinds import STATEMENT
from communique.site import explorer, recordsearch, shell
from communique.site.data import SiteData
from communique.site.records import HtmlPage


def _mkdocs_pages(dataset) -> list[str]:
    """The pages MkDocs itself builds for ``dataset`` (its hooks' ``on_files`` run as in a build)."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files

    from communique.site import hook

    os.environ[hook.DATASET_VARIABLE] = str(dataset)
    try:
        config = load_config(str(REPO / "mkdocs.yml"))
        files = config.plugins.on_files(get_files(config), config=config)
    finally:
        del os.environ[hook.DATASET_VARIABLE]
    return [file.src_uri for file in files.documentation_pages()]


@pytest.mark.slow
def test_mkdocs_draws_the_same_pages_whatever_the_number_of_records(tmp_path):
    small = _mkdocs_pages(write_dataset(tmp_path / "small", synthetic_records(100)))
    records = synthetic_records(300)
    large = _mkdocs_pages(write_dataset(tmp_path / "large", records))
    assert sorted(large) == sorted(small)
    assert {shell.shell_uri(f"{folder}/") for folder, items in records.items() if items} <= set(large)


def test_a_build_reads_the_dataset_once(tmp_path, monkeypatch):
    """Both hooks (pages, then JSON-LD) read the records: the second takes what the first loaded."""
    from communique import loading

    reads = []
    real = loading.load
    monkeypatch.setattr(loading, "load", lambda *args, **kwargs: reads.append(args) or real(*args, **kwargs))
    _mkdocs_pages(write_dataset(tmp_path / "dataset", synthetic_records(100)))
    assert len(reads) == 1


def test_the_built_site_has_every_record_page_filled_and_no_shell(built_site):
    pages = list(built_site.rglob("index.html"))
    assert not [p for p in pages if shell.SHELL_DIR in p.as_posix()]
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert shell.TITLE_TOKEN not in text and shell.CONTENT_TOKEN not in text and shell.SHELL_DIR not in text, page
    lavrov = (built_site / "actors" / "sergey-lavrov" / "index.html").read_text(encoding="utf-8")
    assert "<title>Sergey Lavrov - Communiqué</title>" in lavrov and 'data-field="roles"' in lavrov
    assert lavrov.count("<h1") == 1 and "data-search-exclude" not in lavrov
    statement = next((built_site / STATEMENT.folder).glob("*/index.html"))
    assert '<script type="application/ld+json">' in statement.read_text(encoding="utf-8")  # every hook's on_post_page ran


def test_a_shell_is_filled_where_the_theme_printed_its_title_and_content():
    drawn = shell.Shell(f"<title>{shell.TITLE_TOKEN} - Site</title><a href='../{shell.SHELL_DIR}/'>{shell.TITLE_TOKEN}</a>"
                        f"<main>{shell.CONTENT_TOKEN}</main>")
    page = drawn.fill("A title", '<h1>Hi</h1><div data-search-exclude="x">&lt;</div>', "some-id")
    assert page == "<title>A title - Site</title><a href='../some-id/'>A title</a><main><h1>Hi</h1><div>&lt;</div></main>"
    with pytest.raises(ValueError):
        shell.Shell("<main>no content token</main>")


statement_ids = st.integers(0, 10_000).map(lambda n: f"s-{n}")


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(statement_ids, st.sampled_from(["a", "b", "c"]), st.sampled_from(["quote", "paraphrase"]),
                          st.lists(st.sampled_from(["sanctions", "arms-control", "../x", "<b>&"]), unique=True),
                          st.dates().map(str)), unique_by=lambda row: row[0], max_size=60),
       st.integers(1, 7))
def test_every_statement_is_in_each_of_its_scopes_once_in_date_order(rows, shard_rows):
    statements = {i: {"id": i, "speaker": sp, "kind": k, "topics": t, "date": d, "article": "x", "text": i, "treaties": []}
                  for i, sp, k, t, d in rows}
    data = SiteData(articles={"x": {"id": "x", "headline": "H", "publisher": "p", "published": "2020-01-01"}}, actors={}, statements=statements, treaties={})
    files = explorer.files(data, {"treaty": {}}, {"quote": "Quote"}, {}, shard_rows=shard_rows)
    meta = orjson.loads(files.pop(explorer.META))
    folders = {"all": "all", **{f"{facet}/{number}": f"{facet}/{value}" for facet, choices in meta["choices"].items()
                                for value, (_, _, number) in choices.items()}}
    expected = {"all": sorted(statements.values(), key=lambda s: (s["date"], s["id"]))}
    for s in expected["all"]:
        for scope in [f"speaker/{s['speaker']}", f"kind/{s['kind']}", *(f"topic/{t}" for t in s["topics"])]:
            expected.setdefault(scope, []).append(s)
    shown = {}
    for path, content in sorted(files.items(), key=lambda item: (item[0].rsplit("/", 1)[0], int(item[0].rsplit("/", 1)[1][:-5]))):
        shard = orjson.loads(content)
        assert 0 < len(shard["rows"]) <= shard_rows
        shown.setdefault(folders[path.removeprefix(explorer.FOLDER + "/").rsplit("/", 1)[0]], []).extend(row[0] for row in shard["rows"])
    assert shown == {scope: [s["id"] for s in rows] for scope, rows in expected.items() if rows}
    assert meta["total"] == len(statements)
    assert {f"{facet}/{value}": n for facet, choices in meta["choices"].items() for value, (_, n, _) in choices.items()} == \
        {scope: len(rows) for scope, rows in expected.items() if scope != "all"}


def test_the_site_search_holds_records_best_first_up_to_its_budget():
    from material.plugins.search.plugin import SearchIndex
    from mkdocs.config import load_config

    config = load_config(str(REPO / "mkdocs.yml"))
    pages = {f"actors/a-{n}/index.md": HtmlPage(f"Actor {n}", f"<h1>Actor {n}</h1><p>{'words ' * 20}</p>", 4, rank=n) for n in range(50)}
    pages["statements/s/index.md"] = HtmlPage("S", "<h1>S</h1>", indexed=False)
    index = SearchIndex(lang=["en"], separator="", pipeline=[], fields={})
    added = recordsearch.index_records(index, pages, config, budget=2_000)
    assert 0 < added < 50 and len(json.dumps(index.entries, ensure_ascii=False)) <= 2_000
    assert [entry["location"] for entry in index.entries] == [f"actors/a-{n}/" for n in range(49, 49 - added, -1)]
    assert all(entry["boost"] == 4 for entry in index.entries)


_spans = st.lists(st.tuples(st.integers(0, 60), st.integers(1, 30)).map(lambda t: (t[0], t[0] + t[1])), max_size=40)


@given(_spans)
def test_statements_are_placed_unless_they_cross_one_placed_before(spans):
    """Placing is one pass over the sorted spans (a transcript holds thousands): the same rule as
    comparing each with every span placed before it, which was quadratic."""
    from types import SimpleNamespace
    from unittest import mock

    from communique.site import highlight

    where = {str(n): span for n, span in enumerate(spans)}
    find = lambda text, body: SimpleNamespace(found=True, start=where[text][0], end=where[text][1])  # noqa: E731
    with mock.patch.object(highlight, "find_passage", find):
        placed = highlight.spans("", [{"id": n, "text": n} for n in where])
    expected: list[tuple[int, int, str]] = []
    for s, e, n in sorted(((s, e, n) for n, (s, e) in where.items()), key=lambda t: (t[0], -t[1])):
        if all(e <= ks or s >= ke or (ks <= s and e <= ke) or (s <= ks and ke <= e) for ks, ke, _ in expected):
            expected.append((s, e, n))
    assert [(s, e, statement["id"]) for s, e, statement in placed] == expected


@given(_spans, st.lists(st.integers(1, 99), unique=True, max_size=8))
def test_each_paragraph_holds_the_spans_that_reach_into_it(spans, breaks):
    """Paragraphs are cut in one sweep over the spans, not every span for every paragraph."""
    from communique.site import highlight

    body = "".join("\n\n" if n in breaks else "x" for n in range(100))
    placed = [(s, e, {"id": str(n), "kind": "quote"}) for n, (s, e) in enumerate(spans)]
    def ids(parts):
        return [i for part in parts if not isinstance(part, str) for i in [part.statement["id"], *ids(part.parts)]]
    shown = highlight.paragraphs(body, placed)
    cuts = highlight.cuts(body)
    paragraphs = [(a, b) for a, b in zip([0] + [m.end() for m in highlight._PARAGRAPH.finditer(body)],
                                         [m.start() for m in highlight._PARAGRAPH.finditer(body)] + [len(body)]) if a != b]
    assert len(shown) == len(paragraphs) and cuts[0] == 0 and cuts[-1] == len(body)
    for (a, b), parts in zip(paragraphs, shown):
        assert sorted(ids(parts)) == sorted(str(n) for n, (s, e) in enumerate(spans) if s < b and e > a)


@pytest.mark.slow
def test_a_long_transcript_is_shown_in_parts_that_list_each_statement_once(tmp_path):
    """One article of 1,500 sentences and 1,700 statements made a page of megabytes: its text comes
    in parts, each under 200 kB with the theme around it, linked in order."""
    import re

    from communique.site import records as site_records
    from communique.site.data import load

    data = load(write_dataset(tmp_path / "data", synthetic_records(2_000, per_article=1_500)))
    (article,) = data.articles.values()
    pages = site_records.Pages(data).article_pages(article)
    folders = [uri.removesuffix("index.md") for uri in pages]
    assert len(pages) > 2 and folders[0] == f"articles/{article['id']}/"
    assert folders[1:] == [f"articles/{article['id']}{site_records.ARTICLE_PART}{n}/" for n in range(2, len(pages) + 1)]
    listed, closing = [], []
    for number, (folder, page) in enumerate(zip(folders, pages.values()), 1):
        assert len(page.html.encode()) < 150_000, folder  # the theme's shell adds about 30 kB
        assert f"Part {number} of {len(pages)} of the text" in page.html
        nav = re.findall(r'<a href="([^"]+)" rel="(prev|next)">', page.html)
        expected = ([(f"../{folders[number - 2].split('/')[1]}/", "prev")] if number > 1 else []) + \
                   ([(f"../{folders[number].split('/')[1]}/", "next")] if number < len(pages) else [])
        assert nav == expected * 2  # above and below the text
        listed += re.findall(r'<li>.*?<a href="../../statements/([a-z0-9-]+)/">', page.html.split("cq-statements")[1])
        closing += re.findall(r'<sup class="cq-ref"><a href="../../statements/([a-z0-9-]+)/">', page.html)
    assert sorted(listed) == sorted(data.statements)
    assert sorted(closing) == sorted(listed)  # every statement is placed, its number in one part only
