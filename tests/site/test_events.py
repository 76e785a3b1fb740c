"""Schema 1.1 on the site: events with their statements in the order they were said, exchanges
as threads, selectors placing statements in the body, headline or subheadline, the explorer's
data for its event, speech act and addressee filters, and the JSON-LD of events."""

from __future__ import annotations

import json
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from communique.kinds import KINDS
from communique.site import highlight, jsonld, threads
from communique.site.data import SiteData
from communique.site.records import Pages, record_files

from test_record_pages import IDS, full_record, shown_fields

BODY = "Lavrov said: we agree. Pompeo said: we agree. Later, a reporter asked: why?"


def _dataset(statements: list[dict], events: list[dict] = (), articles: list[dict] = ()) -> SiteData:
    """The records of the full-record fixture, with these statements, events and articles instead."""
    records = {kind.folder: {IDS[kind.name]: full_record(kind.name)} for kind in KINDS}
    article = records["articles"][IDS["article"]] | {"headline": "Lavrov: we agree", "subheadline": "No deal yet", "body": BODY}
    records["articles"] = {a["id"]: a for a in [article, *articles]}
    records["statements"] = {s["id"]: s for s in statements}
    if events:
        records["events"] = {e["id"]: e for e in events}
    return SiteData(**records)


def statement(id_: str, text: str = "we agree", **fields) -> dict:
    """A quote of the full-record fixture with only the schema 1.1 fields given here."""
    record = full_record("statement") | {"id": id_, "text": text, "kind": "quote", "date": "2020-01-02"}
    for key in ("selector", "responds_to", "event", "speech_act", "addressees", "ironic", "draft"):
        record.pop(key, None)
    return record | fields


def event(id_: str, **fields) -> dict:
    return {"id": id_, "name": f"name of {id_}", "kind": "press-conference", "start": "2020-01-02"} | fields


def article_page(data: SiteData, article: dict) -> str:
    """The HTML of an article's (first) page."""
    return next(iter(Pages(data).article_pages(article).values())).html


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


# --- where a selector puts a statement ------------------------------------------------------


def test_a_selector_places_its_passage_where_the_validator_locates_it():
    second = BODY.index("we agree", BODY.index("Pompeo"))
    by_offsets = {"part": "body", "exact": "we agree", "start": second, "end": second + 8}
    by_prefix = {"part": "body", "exact": "we agree", "prefix": "Pompeo said: "}
    for selector in (by_offsets, by_prefix):
        assert highlight.locate(selector, BODY) == (second, second + 8), selector
        (placed,) = highlight.spans(BODY, [statement("s", selector=selector)])
        assert placed[:2] == (second, second + 8)
    for refused in ({"part": "body", "exact": "not there"}, {"part": "body", "exact": "we agree"},  # absent; ambiguous
                    by_prefix | {"start": 3, "end": 11}):  # offsets where the text is not
        assert highlight.locate(refused, BODY) is None, refused


def test_a_statement_in_the_headline_is_marked_there_and_first_in_reading_order():
    headline = statement("in-headline", selector={"part": "headline", "exact": "we agree"})
    body = statement("in-body", "why?")
    data = _dataset([body, headline])
    page = article_page(data, data.articles[IDS["article"]])
    shown = shown_fields(page)
    h1 = page[page.index("<h1"): page.index("</h1>")]
    assert '<mark class="cq-quote"' in h1 and "[1]" in shown["headline"][0]
    assert "[2]" in shown["body"][0] and "[1]" not in shown["body"][0]  # the body's "we agree" is not this statement
    statement_page = Pages(data).statement_page(headline).html
    assert "In context" in statement_page and "Lavrov: <mark" in statement_page


# --- events ---------------------------------------------------------------------------------


def test_an_event_lists_its_statements_by_article_and_place_then_its_parts():
    other = full_record("article") | {"id": "later-article", "published": "2099-01-01", "body": "why?"}
    said = [
        statement("third", "why?", event="talks", article="later-article", date="2020-01-01"),
        statement("second", "why?", event="talks", date="2020-01-03", selector={"part": "body", "exact": "why?", "start": BODY.index("why?")}),
        statement("first", event="talks", date="2020-01-05", selector={"part": "headline", "exact": "we agree", "start": 8}),
        statement("elsewhere", "why?"),
    ]
    data = _dataset(said, [event("talks"), event("press", part_of="talks", start="2020-01-03")], [other])
    html, *_ = record_files(data)
    page = html["events/talks/index.md"].html
    assert [data.statements[s]["text"] for s in re.findall(r'href="../../statements/([a-z-]+)/"', page)] == ["we agree", "why?", "why?"]
    assert re.findall(r'href="../../statements/([a-z-]+)/"', page) == ["first", "second", "third"]
    assert 'href="../press/"' in page.split("Events within it")[1]
    part = html["events/press/index.md"].html
    assert shown_fields(part)["part_of"] == ["Part of name of talks"] and 'href="../talks/"' in part
    index = html["events/index.md"].html
    assert "name of talks" in index and "2 events" in index


def test_statement_lists_and_explorer_data_carry_event_act_and_addressees():
    data = _dataset([statement("a", event="talks", speech_act="warning", addressees=[IDS["actor"]]), statement("b")],
                    [event("talks"), event("unused")])
    explorer = json.loads(Pages(data).explorer_data())
    rows = {row["id"]: row for row in explorer["statements"]}
    assert (rows["a"]["event"], rows["a"]["act"], rows["a"]["addressees"]) == ("talks", "warning", [IDS["actor"]])
    assert not {"event", "act", "addressees"} & set(rows["b"])  # only what a statement has
    assert explorer["events"] == {"talks": "name of talks"} and explorer["addressees"] == {IDS["actor"]: "text of name"}
    assert explorer["acts"]["warning"] == "Warning"
    page = Pages(data).event_page(data.events["talks"]).html
    assert "Warning" in page and "?event=talks" in page


def test_flags_read_as_words_and_irony_is_said_above_the_facts():
    data = _dataset([statement("a", ironic=True)])
    page = Pages(data).statement_page(data.statements["a"]).html
    assert shown_fields(page)["ironic"] == ["Ironic yes"] and "Meant ironically" in page


# --- threads --------------------------------------------------------------------------------


def _responding(id_: str, *targets: tuple[str, str]) -> dict:
    return statement(id_, responds_to=[{"relation": relation, "target": target} for relation, target in targets])


def test_a_statement_page_shows_its_whole_exchange_indented_with_the_relations():
    data = _dataset([statement("question"), _responding("answer", ("answers", "question")),
                     _responding("denial", ("denies", "answer")), _responding("echo", ("repeats", "question"))])
    found = threads.thread(data, data.statements["denial"])
    assert [(p.statement["id"], p.depth, p.relation) for p in found.posts] == [
        ("question", 0, None), ("answer", 1, "answers"), ("denial", 2, "denies"), ("echo", 1, "repeats")]
    page = Pages(data).statement_page(data.statements["answer"]).html
    thread = _text(page.split('<ol class="cq-thread"')[1].split("</ol>")[0])
    assert "answers: " in thread and "denies: " in thread and "(this statement)" in thread
    assert threads.thread(data, statement("alone")) is None


_GRAPHS = st.lists(st.tuples(st.integers(0, 7), st.integers(0, 7), st.sampled_from(["answers", "denies", "repeats"])), max_size=20)


@settings(max_examples=150, deadline=None)
@given(_GRAPHS, st.integers(0, 7), st.integers(1, 9))
def test_every_thread_ends_shows_each_statement_once_and_holds_its_own(edges, who, limit):
    """For every graph of responses (loops, two targets, self-responses): the walk ends, shows each
    statement at most once, within the limit (plus the page's own), and always the page's own."""
    links: dict[int, list] = {}
    for source, target, relation in edges:
        if {"relation": relation, "target": f"s{target}"} not in links.setdefault(source, []):
            links[source].append({"relation": relation, "target": f"s{target}"})
    records = [statement(f"s{n}", **({"responds_to": links[n]} if n in links else {})) for n in range(8)]
    data = _dataset(records)
    found = threads.thread(data, data.statements[f"s{who}"], limit)
    if found is None:
        assert f"s{who}" not in links and not data.responses.get(f"s{who}")
        return
    ids = [p.statement["id"] for p in found.posts]
    assert len(ids) == len(set(ids)) and f"s{who}" in ids and len(ids) <= limit + 1
    for before, post in zip(found.posts, found.posts[1:]):  # each one deeper at most by one than the one above
        assert post.depth <= before.depth + 1


# --- JSON-LD --------------------------------------------------------------------------------


def test_an_event_is_a_schema_org_event_with_its_parts():
    actors = {"host": {"kind": "person", "name": "Host", "wikidata": "Q1"}, "asker": {"kind": "unnamed-person", "name": "A reporter"}}
    record = event("talks", end="2020-01-02T18:00+03:00", place="Moscow",
                   participants=[{"actor": "host", "part": "host"}, {"actor": "asker", "part": "questioner"},
                                 {"actor": "missing", "part": "speaker"}])
    node = jsonld.event(record, actors, "https://x/events/talks/", ({"name": "Summit"}, "https://x/events/summit/"))
    assert (node["@type"], node["startDate"], node["endDate"], node["location"]["name"]) == ("Event", "2020-01-02", "2020-01-02T18:00+03:00", "Moscow")
    assert [a["name"] for a in node["organizer"]] == ["Host"] and [a["name"] for a in node["attendee"]] == ["Host", "A reporter"]
    assert node["superEvent"] == {"@type": "Event", "name": "Summit", "url": "https://x/events/summit/"}
    quote = jsonld.quotation({"text": "t", "date": "2020-01-02", "kind": "quote"}, actors["host"],
                             {"headline": "h", "url": "https://a", "published": "2020-01-02"}, None, "https://x/s/",
                             at=(record, "https://x/events/talks/"), about=[{"name": "New START"}])
    assert quote["recordedAt"]["url"] == "https://x/events/talks/" and quote["about"][0]["name"] == "New START"


def test_passages_not_curated_are_marked_with_their_reason_apart_from_statements():
    data = _dataset([statement("in-body", "why?")])
    article = data.articles[IDS["article"]] | {"not_curated": [
        {"selector": {"part": "body", "exact": "Pompeo said: we agree."}, "reason": "said by another speaker"},
        {"selector": {"part": "subheadline", "exact": "No deal"}, "reason": "<b>the outlet's words</b>"}]}
    page = article_page(data, article)
    body = page.split('<div class="cq-body"')[1]
    assert '<mark class="cq-not-curated" title="Not curated: said by another speaker">Pompeo said: we agree.</mark>' in body
    assert '<mark class="cq-quote" title="text of name, quote">why?</mark>' in body
    sub = shown_fields(page)["subheadline"][0]
    assert "No deal" in sub and "&lt;b&gt;the outlet&#39;s words&lt;/b&gt;" in page and "<b>the" not in page


def test_a_partial_quotes_quoted_words_are_marked_as_quotes_inside_it_in_order():
    sentence = "Pompeo said: we agree. Later, a reporter asked: why?"
    partial = statement("partial", sentence, kind="partial-quote", quoted_parts=["we agree", "why?"])
    data = _dataset([partial])
    for page in (article_page(data, data.articles[IDS["article"]]), Pages(data).statement_page(partial).html):
        body = page.split('<div class="cq-body')[1]
        assert re.search(r'<mark class="cq-paraphrase"[^>]*>Pompeo said: <mark class="cq-quote">we agree</mark>\. '
                         r'Later, a reporter asked: <mark class="cq-quote">why\?</mark></mark>', body), body
    out_of_order = statement("partial", sentence, kind="partial-quote", quoted_parts=["why?", "we agree"])
    spans = highlight.spans(BODY, [out_of_order])
    assert [BODY[s:e] for s, e, _ in spans] == [sentence, "why?"]  # each part after the one before it


def test_an_actor_page_lists_its_events_with_its_part_and_links_the_statements_addressed_to_it():
    data = _dataset([statement("a", addressees=[IDS["actor"]]), statement("b", addressees=[IDS["actor"]]), statement("c")],
                    [event("talks", participants=[{"actor": IDS["actor"], "part": "questioner"}]), event("other")])
    page = Pages(data).actor_page(data.actors[IDS["actor"]]).html
    events = _text(page.split('<ul class="cq-events">')[1].split("</ul>")[0])
    assert events.strip() == "2020-01-02: name of talks, questioner"
    assert "2 statements addressed to text of name" in _text(page) and f"?addressee={IDS['actor']}" in page


def test_the_explorer_has_a_scope_for_each_event_speech_act_and_addressee():
    from communique.site import explorer
    from communique.site.records import SPEECH_ACT_TITLES

    data = _dataset([statement("a", event="talks", speech_act="warning", addressees=[IDS["actor"]]), statement("b")], [event("talks")])
    pages = Pages(data)
    files = explorer.files(data, pages.names, {}, {}, SPEECH_ACT_TITLES)
    meta = json.loads(files[explorer.META])
    assert meta["choices"]["event"] == {"talks": ["name of talks", 1, 1]}
    assert meta["choices"]["act"] == {"warning": ["Warning", 1, 1]}
    assert meta["choices"]["addressee"] == {IDS["actor"]: ["text of name", 1, 1]}
    for facet in ("event", "act", "addressee"):
        (row,) = json.loads(files[f"{explorer.FOLDER}/{facet}/1/1.json"])["rows"]
        assert row[meta["columns"].index("id")] == "a"
