"""Record text is shown, never run: hostile records build into pages holding only text.

The site is built from contributions, so records here hold script tags, event-handler
attributes, Markdown link tricks and ``javascript:`` URLs, and ids that try to leave the
site's folder.
"""

from __future__ import annotations

import html
import posixpath
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
from hypothesis import given
from hypothesis import strategies as st

from communique.kinds import KINDS
from communique.schemafields import root
from communique.site import escape
from communique.site.data import SiteData
from communique.site.records import record_files
from communique.site.render import ENVIRONMENT
from communique.site.views import Viewer

from sitebuild import build
from testdata import write_dataset

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
MD_LINK = "[x](javascript:alert(1))"
BREAKOUT = '</title><script>alert(1)</script>"'
EXTENSIONS = ["toc", "tables", "admonition", "attr_list"]

ARTICLE_ID = "evil-2020-01-01-headline"
BODY = f"First paragraph {SCRIPT} and {IMG}.\n\nSecond paragraph with {MD_LINK} in it, and *stars* and `ticks`."

HOSTILE = {
    "actors": [
        {"id": "evil-actor", "name": IMG, "kind": "person", "aliases": [MD_LINK, BREAKOUT],
         "description": SCRIPT, "notes": [{"kind": "context", "text": f"{SCRIPT} {MD_LINK}"}],
         "sources": [{"url": "https://example.org/source", "title": IMG}],
         "roles": [{"role": "minister", "title": SCRIPT, "start": "2019-01-01"}]},
        {"id": "evil-press", "name": f"Evil {BREAKOUT}", "kind": "organization"},
        {"id": "some-state", "name": "Some State", "kind": "state"},
    ],
    "articles": [
        {"id": ARTICLE_ID, "headline": f"{SCRIPT} {BREAKOUT}", "subheadline": MD_LINK, "publisher": "evil-press",
         "published": "2020-01-01", "url": "https://example.org/article", "language": "en", "body": BODY,
         "dateline": IMG},
    ],
    "statements": [
        {"id": f"{ARTICLE_ID}-link", "article": ARTICLE_ID, "speaker": "evil-actor", "text": MD_LINK,
         "kind": "quote", "date": "2020-01-01", "attribution": BREAKOUT, "place": IMG, "topics": ["sanctions"],
         "treaties": ["evil-treaty"]},
        {"id": f"{ARTICLE_ID}-script", "article": ARTICLE_ID, "speaker": "evil-actor", "text": f"paragraph {SCRIPT} and",
         "kind": "paraphrase", "date": "2020-01-01"},
    ],
    "treaties": [
        {"id": "evil-treaty", "name": IMG, "short_name": f"{SCRIPT}{BREAKOUT}", "parties": ["evil-actor", "some-state"],
         "signed": "2010-01-01", "in_force": "2011-01-01", "expires": "2030-01-01", "status": "in-force",
         "lifecycle": [{"date": "2010-01-01", "event": "signed", "description": f"{SCRIPT} {MD_LINK}"}]},
    ],
}


class _Live(HTMLParser):
    """Collects what a browser would run: script bodies, event handlers, script URLs; and the text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.live: list[str] = []
        self.text: list[str] = []
        self.title: list[str] = []
        self._in: str | None = None
        self._data_block = False

    def handle_starttag(self, tag, attrs):
        self._in = tag
        if tag == "script":  # a data block (JSON-LD) is not run; HTML lets only a script's end tag end it
            kind = dict(attrs).get("type") or ""
            self._data_block = kind.strip().lower() not in ("", "text/javascript", "module")
        for name, value in attrs:
            value = (value or "").strip().lower()
            if name.startswith("on") or (name in ("href", "src", "action", "formaction") and value.startswith(("javascript:", "data:", "vbscript:"))):
                self.live.append(f"<{tag} {name}={value}>")
        if tag in ("img", "iframe", "object", "embed") and any(n == "src" and v == "x" for n, v in attrs):
            self.live.append(f"<{tag} src=x>")

    def handle_endtag(self, tag):
        self._in = None

    def handle_data(self, data):
        if self._in == "script" and not self._data_block and "alert" in data:
            self.live.append(f"<script>{data}</script>")
        if self._in == "title":
            self.title.append(data)
        self.text.append(data)


def _scan(page: Path) -> _Live:
    parser = _Live()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    dataset = write_dataset(tmp_path_factory.mktemp("hostile-data"), HOSTILE)
    site = tmp_path_factory.mktemp("hostile-site")
    result = build(site, dataset)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def test_no_page_holds_live_markup_from_a_record(hostile_site):
    pages = list(hostile_site.rglob("*.html")) + list(hostile_site.rglob("*.svg"))
    assert len(pages) > 20
    for page in pages:
        assert _scan(page).live == [], page


@pytest.mark.parametrize("page", [
    f"articles/{ARTICLE_ID}", "actors/evil-actor", f"statements/{ARTICLE_ID}-link", "treaties/evil-treaty",
    "articles", "actors", "treaties",
])
def test_hostile_strings_are_shown_as_text(hostile_site, page):
    parsed = _scan(hostile_site / page / "index.html")
    text = "".join(parsed.text)
    assert SCRIPT in text or IMG in text or MD_LINK in text
    for title in parsed.title:  # titles are kept free of markup characters, not escaped
        assert "<" not in title and ">" not in title, title


def test_the_article_shows_every_hostile_string_and_links_its_statements(hostile_site):
    page = hostile_site / "articles" / ARTICLE_ID / "index.html"
    text = "".join(_scan(page).text)
    for hostile in (SCRIPT, IMG, MD_LINK, "*stars*", "`ticks`"):
        assert hostile in text, hostile
    source = page.read_text(encoding="utf-8")
    assert f'href="../../statements/{ARTICLE_ID}-link/"' in source
    assert html.escape(MD_LINK) in source.replace("&#x27;", "'")


def test_statements_data_for_the_explorer_is_json_text(hostile_site):
    data = (hostile_site / "statements" / "statements.json").read_text(encoding="utf-8")
    assert MD_LINK in data  # the script sets it as textContent; the browser test proves it shows


def test_a_javascript_url_is_refused_by_the_build(tmp_path):
    records = {**HOSTILE, "articles": [{**HOSTILE["articles"][0], "url": "javascript:alert(1)"}]}
    result = build(tmp_path / "site", write_dataset(tmp_path / "data", records))
    assert result.returncode != 0
    assert "refusing to build the site" in result.stderr and "/url" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_path_traversal_id_is_refused_and_writes_nothing_outside(tmp_path):
    evil = {"id": "../../../escaped", "_file": "escaped", "name": "Escaped", "kind": "person"}
    result = build(tmp_path / "out" / "site", write_dataset(tmp_path / "data", {**HOSTILE, "actors": HOSTILE["actors"] + [evil]}))
    assert result.returncode != 0
    assert "refusing to build the site" in result.stderr
    assert "Traceback" not in result.stderr
    assert [path for path in tmp_path.rglob("escaped*") if path != tmp_path / "data" / "actors" / "escaped.json"] == []


@pytest.mark.parametrize("bad", ["../x", "..", "a/b", "a\\b", "%2e%2e", "A", "", "x" * 121, "a--b", "-a", "a.b", None, 7])
def test_ids_that_are_not_slugs_never_name_a_page(bad):
    with pytest.raises(escape.UnsafeId):
        escape.record_dir("actors", bad)


def test_the_generator_refuses_unsafe_ids_even_from_a_dataset_that_skipped_loading():
    actor = {"id": "../../etc", "name": "x", "kind": "person"}
    data = SiteData(articles={}, actors={"../../etc": actor}, statements={}, treaties={})
    with pytest.raises(escape.UnsafeId):
        record_files(data)


def _shown(kind: str, name: str, value: object) -> str:
    """How a record page shows ``value`` in the top-level field ``name`` of a kind."""
    field = next(field for field in root(kind).properties if field.name == name)
    view = Viewer({kind.name: {} for kind in KINDS}, "articles/x/").value(field, value)
    return ENVIRONMENT.from_string('{{ value(v) }}').render(v=view)


@pytest.mark.parametrize("url", ["javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)",
                                 "data:text/html,<script>alert(1)</script>", "vbscript:x", "//evil.example/", "/relative",
                                 "https://", "http://a b", "ftp://example.org/"])
def test_only_http_urls_become_links(url):
    assert escape.http_url(url) is None
    assert "<a " not in _shown("article", "url", url)


def test_http_urls_become_escaped_links():
    link = _shown("article", "url", 'https://example.org/?a=1&b="2"<script>')
    assert link.startswith('<a href="https://example.org/?a=1&amp;b=&#34;2&#34;&lt;script&gt;"'), link


def test_a_reference_to_no_record_is_shown_as_text():
    assert _shown("statement", "speaker", SCRIPT) == f'<span class="cq-missing" title="no such record">{html.escape(SCRIPT, quote=False)}</span>'


@pytest.mark.parametrize("text", [SCRIPT, IMG, MD_LINK, BREAKOUT, "1. not a list", "- nor this", "# nor a heading",
                                  "| a | b |", "**bold** _it_ `code` ![i](x.png) <http://x.org> {#id} \\*",
                                  "=====", "> quote", "    indented code", "&amp; &#60;", "line\n\nbreak"])
def test_markdown_text_renders_as_one_plain_paragraph(text):
    rendered = markdown.markdown(escape.md(text), extensions=EXTENSIONS)
    assert rendered.startswith("<p>") and rendered.endswith("</p>"), rendered
    assert "<" not in rendered[3:-4], rendered
    assert html.unescape(rendered[3:-4]) == " ".join(text.split())


def test_titles_have_no_markup_characters():
    shown = escape.title(f"{SCRIPT} & {BREAKOUT}\x80\x00\x9f " + "x" * 200)
    assert not set(shown) & set("<>&\"'`\\\x00\x80\x9f")
    assert len(shown) <= escape.TITLE_MAX and shown.startswith("‹script›alert(1)‹/script› and")


def test_relative_links_between_page_folders():
    assert escape.rel("articles/a/", "actors/b/") == "../../actors/b/"
    assert escape.rel("articles/", "articles/a/") == "a/"
    assert escape.rel("statements/", "statements/") == "./"
    assert escape.rel("treaties/t/", "dictionary/codelists/topic/") == "../../dictionary/codelists/topic/"


_folders = st.lists(st.sampled_from(["articles", "a", "b", "statements", "x-1"]), max_size=4)


@given(_folders, _folders, st.booleans())
def test_a_relative_link_is_what_relpath_gives_for_every_pair_of_folders(here, there, folder):
    """rel() is computed by hand (relpath was a tenth of the generator's time): the same answer."""
    from_dir, to = "".join(f"{part}/" for part in here), "/".join(there) + ("/" if folder and there else "")
    expected = posixpath.relpath("/" + to.rstrip("/"), "/" + from_dir.rstrip("/"))
    if to.endswith("/"):
        expected = "./" if expected == "." else expected + "/"
    assert escape.rel(from_dir, to) == expected
