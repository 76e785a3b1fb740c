"""Record pages show every field of every record, from the schemas, and mark statements
where the validator finds them; the pictures draw any date the schemas accept."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ElementTree
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import communique.rules  # noqa: F401  (registers the rules)
from communique.kinds import ACTOR, ARTICLE, KINDS, STATEMENT, TREATY, Kind
from communique.rules.base import RULES
from communique.rules.text import canonical
from communique.schemafields import Field, fields, root, walk
from communique.schemas import codelist, schema_documents
from communique.site import svg, views
from communique.site.data import SiteData
from communique.site.records import Pages, record_files
from communique.site.render import ENVIRONMENT

IDS = {kind.name: f"full-{kind.name}" for kind in KINDS}
VOID = {"img", "br", "hr", "input", "meta", "link", "source", "wbr"}


class _Marked(HTMLParser):
    """The text inside each element marked ``data-field``, by field path."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str | None] = []
        self.shown: dict[str, list[str]] = {}

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        path = dict(attrs).get("data-field")
        self.open.append(path)
        if path is not None:
            self.shown.setdefault(path, []).append("")

    def handle_endtag(self, tag):
        if tag not in VOID and self.open:
            self.open.pop()

    def handle_data(self, data):
        for path in {path for path in self.open if path is not None}:
            self.shown[path][-1] += data


def shown_fields(html: str) -> dict[str, list[str]]:
    parser = _Marked()
    parser.feed(html)
    return parser.shown


def full_record(kind: str) -> dict:
    """A record of ``kind`` with every field the schema has, each text unique to its field."""

    def value(field: Field):
        schema = field.schema
        if schema.get("type") == "object":
            return {child.name: value(child) for child in field.properties}
        if schema.get("type") == "array":
            return [value(field.items)]
        if field.references:
            return IDS[field.references]
        if field.codelist:
            return codelist(field.codelist["file"])[0].code
        if "enum" in schema:
            return schema["enum"][0]
        if schema.get("type") == "integer":
            return 0
        if schema.get("type") == "boolean":
            return True
        if schema.get("format") == "date":
            return "2020-01-02"
        if schema.get("format") == "uri":
            return f"https://example.org/{'/'.join(field.path)}"
        return f"text of {'.'.join(field.path)}"

    record = {field.name: value(field) for field in root(kind).properties}
    record["id"] = IDS[kind]
    return record


def _data(records: dict[str, dict]) -> SiteData:
    return SiteData(**{kind.folder: {IDS[kind.name]: records[kind.name]} for kind in KINDS})


@pytest.fixture(scope="module")
def full_pages():
    records = {kind.name: full_record(kind.name) for kind in KINDS}
    records["article"]["body"] += "\n\n" + records["statement"]["text"]
    html, *_ = record_files(_data(records))
    return records, {kind.name: html[f"{kind.folder}/{IDS[kind.name]}/index.md"].html for kind in KINDS}


@pytest.mark.parametrize("kind", [kind.name for kind in KINDS])
def test_every_field_of_every_kind_is_on_its_record_page(full_pages, kind):
    records, pages = full_pages
    shown = shown_fields(pages[kind])
    for field in fields(kind):
        path = views.path_of(field)
        assert path in shown, f"{kind}: {path} is not on the page"
        if field.schema.get("type") == "string" and not (field.references or field.codelist or "enum" in field.schema):
            expected = f"text of {path}"
            if field.schema.get("format") == "date":
                expected = "2020-01-02"
            elif field.schema.get("format") == "uri":
                expected = f"https://example.org/{'/'.join(field.path)}"
            elif field.path == ("id",):
                expected = IDS[kind]
            assert any(expected in text for text in shown[path]), (kind, path, shown[path])


def bare_record(kind: str) -> dict:
    """A record of ``kind`` with only the fields its schema requires, nested ones included."""
    full = full_record(kind)

    def required(field: Field, value):
        if isinstance(value, dict):
            return {child.name: required(child, value[child.name]) for child in field.properties if child.required}
        if isinstance(value, list):
            return [required(field.items, item) for item in value]
        return value

    return required(root(kind), full)


def test_records_with_only_their_required_fields_have_pages():
    records = {kind.name: bare_record(kind.name) for kind in KINDS}
    html, *_ = record_files(_data(records))
    for kind in KINDS:
        page = html[f"{kind.folder}/{IDS[kind.name]}/index.md"]
        assert set(records[kind.name]) <= set(shown_fields(page.html)), kind.name


def test_references_link_codes_show_titles_and_urls_link_out(full_pages):
    _, pages = full_pages
    page = pages["statement"]
    assert f'<a href="../../actors/{IDS["actor"]}/">text of name</a>' in page
    kind = codelist("codelists/statement-kind.csv")[0]
    assert f'href="../../dictionary/codelists/statement-kind/" title="{kind.code}">{kind.title}</a>' in page
    assert '<a href="https://example.org/sources/*/url" rel="nofollow noopener noreferrer">' in page
    assert '<time datetime="2020-01-02">2020-01-02</time>' in page


def test_a_field_added_to_a_schema_appears_with_no_change_to_the_site(monkeypatch):
    schema = dict(schema_documents()[STATEMENT.schema_file])
    schema["properties"] = {**schema["properties"], "mood": {"title": "Mood", "type": "string"},
                            "witnesses": {"type": "array", "items": {"$ref": "defs.schema.json#/$defs/actor_ref"}}}
    changed = walk(schema, STATEMENT.schema_file)
    original = views.root
    monkeypatch.setattr(views, "root", lambda kind: changed if kind == STATEMENT.name else original(kind))
    records = {kind.name: full_record(kind.name) for kind in KINDS}
    records["statement"] |= {"mood": "cheerful", "witnesses": [IDS["actor"]]}
    html, *_ = record_files(_data(records))
    shown = shown_fields(html[f"{STATEMENT.folder}/{IDS['statement']}/index.md"].html)
    assert shown["mood"] == ["Mood cheerful"] and shown["witnesses.*"] == ["text of name"]


# --- statements marked where the validator finds them -----------------------------------


class _Index:
    def __init__(self, article: dict) -> None:
        self.article = article

    def get(self, kind: Kind, record_id: str):
        return self.article if kind is ARTICLE and record_id == self.article["id"] else None


def _marked_on_page(body: str, text: str) -> tuple[bool, bool]:
    """(whether the article page marks the quote, whether the validator accepts it)."""
    records = {kind.name: full_record(kind.name) for kind in KINDS}
    records["article"]["body"] = body
    records["statement"] |= {"text": text, "kind": "quote"}
    page = next(iter(Pages(_data(records)).article_pages(records["article"]).values())).html
    accepted = not list(RULES["meaning.quote-in-article"].check(records["statement"], _Index(records["article"])))
    return '<mark class="cq-quote"' in page.split('<div class="cq-body"')[1], accepted


def test_a_word_inside_a_longer_word_is_neither_accepted_nor_marked():
    assert _marked_on_page("And someone said so.", "one") == (False, False)


def test_a_quote_across_a_soft_hyphen_is_accepted_and_marked():
    assert _marked_on_page("We are used to be\u00ading number one.", "used to being number one") == (True, True)


_PIECES = st.sampled_from(["one", "some", " ", "\u00ad", "\u00a0", "\u201c", '"', "e\u0301", "\u00e9", "-", "\n", "x."])


@settings(max_examples=60, deadline=None)
@given(st.lists(_PIECES, min_size=1, max_size=10).map("".join), st.lists(_PIECES, min_size=1, max_size=4).map("".join))
def test_the_page_marks_a_quote_exactly_when_the_validator_accepts_it(body, text):
    if not canonical(text) or not body.strip():  # nothing visible: the schema refuses such a text
        return
    marked, accepted = _marked_on_page(body, text)
    assert marked == accepted


# --- pictures ---------------------------------------------------------------------------

# Every date the schemas accept: format "date", 0001-01-01 to 9999-12-31.
_DATES = st.dates(min_value=dt.date.min, max_value=dt.date.max)


def _drawn(chart: svg.Chart) -> None:
    html = ENVIRONMENT.get_template("chart.html").module.chart(chart)
    picture = html[html.index("<svg"): html.index("</svg>") + len("</svg>")]
    tree = ElementTree.fromstring(picture)  # well-formed SVG
    for element in tree.iter():
        for name in ("x", "x1", "x2", "cx"):
            if name in element.attrib:
                assert -1 <= float(element.attrib[name]) <= svg.WIDTH + 1, (name, element.attrib)


@settings(max_examples=200, deadline=None)
@given(_DATES, _DATES, st.sampled_from([0, 1, None]))
def test_any_dates_the_schema_accepts_draw(first, second, span):
    if span is not None:  # one-day spans, and the whole range
        second = first if span == 0 else dt.date.max
        first = first if span == 0 else dt.date.min
    start, end = sorted((first, second))
    records = {kind.name: full_record(kind.name) for kind in KINDS}
    records["actor"]["roles"][0] |= {"start": start.isoformat(), "end": end.isoformat()}
    records["treaty"] |= {"signed": start.isoformat(), "in_force": start.isoformat(), "expires": end.isoformat()}
    records["treaty"]["lifecycle"][0]["date"] = end.isoformat()
    records["statement"]["date"] = end.isoformat()
    records["article"]["published"] = end.isoformat()
    pages = Pages(_data(records))
    for chart in (pages.actor_chart(records["actor"], "actors/x/"), pages.treaty_chart(records["treaty"], "treaties/x/"),
                  pages.timeline_chart("timeline/")):
        _drawn(chart)
