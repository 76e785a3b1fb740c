"""Schema 1.1 on the built site of the repository's dataset, at a desktop's 1366x900 and a
phone's 390x844, in Chromium: the explorer filters by event, speech act and addressee and keeps
them in the address; event pages, thread pages and the explorer fit the screen; a statement's
Quotation names the event it was said at."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from sitebuild import REPO, WAIT, open_page

import communique
from communique.site.records import SPEECH_ACT_TITLES
from test_jsonld import SCHEMA, expanded, one
from test_readers_browser import WIDTHS, _at, _shot

EVENT = "2019-12-10-lavrov-pompeo-press-availability"


@pytest.fixture(scope="module")
def data():
    return communique.load(REPO / "dataset")


def test_a_statement_names_the_event_it_was_said_at(built_site, data):
    said = [s for s in data.statements.values() if s.event == EVENT]
    assert said
    for statement in said:
        (quotation,) = expanded(built_site / "statements" / statement.id / "index.html")
        (at,) = quotation[SCHEMA + "recordedAt"]
        assert one(at, "url").endswith(f"events/{EVENT}/")


@pytest.mark.browser
@pytest.mark.parametrize("width", WIDTHS)
def test_the_explorer_filters_by_event_act_and_addressee_and_keeps_them_in_the_address(browser, server, data, screenshots, width):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select, WebDriverWait

    at_event = {s.id for s in data.statements.values() if s.event == EVENT}
    act = max((s.speech_act for s in data.statements.values() if s.id in at_event and s.speech_act),
              key=lambda a: sum(s.speech_act == a for s in data.statements.values() if s.id in at_event))
    both = {s.id for s in data.statements.values() if s.id in at_event and s.speech_act == act}
    addressee = next(a for s in data.statements.values() for a in s.addressees or ())
    addressed = {s.id for s in data.statements.values() if addressee in (s.addressees or ())}
    assert len(both) < len(at_event)  # the second filter narrows the first

    _at(browser, width)
    count = lambda: browser.find_element(By.CSS_SELECTOR, ".cq-count").text  # noqa: E731
    shown = lambda: {a.get_attribute("href").rstrip("/").rsplit("/", 1)[1]  # noqa: E731
                     for a in browser.find_elements(By.CSS_SELECTOR, "#cq-explorer tbody a")}
    assert open_page(browser, server + f"statements/?event={EVENT}") == []  # as the event's page links it
    WebDriverWait(browser, WAIT).until(lambda d: re.match(rf"{len(at_event)} of \d+", count()))
    assert shown() == at_event
    Select(browser.find_element(By.NAME, "act")).select_by_value(act)
    WebDriverWait(browser, WAIT).until(lambda d: count().startswith(f"{len(both)} of"))
    assert shown() == both
    query = parse_qs(urlsplit(browser.current_url).query)
    assert query["event"] == [EVENT] and query["act"] == [act]
    acts = [o.get_attribute("value") for o in Select(browser.find_element(By.NAME, "act")).options][1:]
    used = {s.speech_act for s in data.statements.values() if s.speech_act}
    assert acts == sorted(used, key=lambda a: SPEECH_ACT_TITLES[a])  # only the acts some statement has, by title
    _shot(browser, screenshots, f"explorer-event-act-{width}")
    browser.refresh()
    WebDriverWait(browser, WAIT).until(lambda d: count().startswith(f"{len(both)} of"))
    assert browser.find_element(By.NAME, "act").get_attribute("value") == act
    open_page(browser, server + f"statements/?addressee={addressee}")
    WebDriverWait(browser, WAIT).until(lambda d: count().startswith(f"{len(addressed)} of"))
    assert shown() == addressed
    assert Select(browser.find_element(By.NAME, "addressee")).first_selected_option.text == data.actors[addressee].name


@pytest.mark.browser
@pytest.mark.parametrize("width", WIDTHS)
def test_event_thread_and_explorer_pages_fit_the_screen(browser, server, data, screenshots, width):
    from selenium.webdriver.common.by import By

    reply = next(s for s in data.statements.values() if any(r.target for r in s.responds_to or ()))
    target = next(r.target for r in reply.responds_to if r.target)
    relation = next(r.relation for r in reply.responds_to if r.target)
    _at(browser, width)
    for name, path in (("events", "events/"), ("event", f"events/{EVENT}/"), ("thread", f"statements/{target}/"),
                       ("explorer", f"statements/?event={EVENT}")):
        assert open_page(browser, server + path) == [], path
        scroll, inner = browser.execute_script("return [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert scroll <= inner, (path, scroll, inner)
        _shot(browser, screenshots, f"{name}-{width}")
    open_page(browser, server + f"statements/{target}/")
    thread = browser.find_element(By.CSS_SELECTOR, "ol.cq-thread")
    assert thread.is_displayed() and f"{relation}:" in thread.text and "(this statement)" in thread.text
