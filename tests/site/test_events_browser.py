"""Schema 1.1 on a built site, at a desktop's 1366x900 and a phone's 390x844, in Chromium.

The repository's dataset, with the 2019-12-10 statements given their event, speech acts,
addressees and one exchange (as the recuration will give them), built into a site of its own:
the explorer filters by event, speech act and addressee and keeps them in the address; event
pages, thread pages and the explorer fit the screen; event pages carry a schema.org Event.
"""

from __future__ import annotations

import json
import re
import shutil
from urllib.parse import parse_qs, urlsplit

import pytest
from sitebuild import REPO, WAIT, open_page, serve

from test_jsonld import SCHEMA, expanded, one
from test_readers_browser import WIDTHS, _at, _shot

EVENT = "2019-12-10-lavrov-pompeo-press-availability"


def _edit(path, **fields) -> None:
    record = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps(record | fields, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def enriched(tmp_path_factory):
    """The dataset with the press availability's statements curated with schema 1.1, and what it was given."""
    dataset = tmp_path_factory.mktemp("dataset") / "dataset"
    shutil.copytree(REPO / "dataset", dataset)
    given = {"event": [], "warning": [], "russia": []}
    files = sorted((dataset / "statements").glob("*.json"))
    records = {path: json.loads(path.read_text(encoding="utf-8")) for path in files}
    said = [path for path, r in records.items() if r["date"] == "2019-12-10" and r["speaker"] in ("mike-pompeo", "sergey-lavrov")]
    pompeo = [path for path in said if records[path]["speaker"] == "mike-pompeo"]
    lavrov = [path for path in said if records[path]["speaker"] == "sergey-lavrov"]
    for path in said:
        _edit(path, event=EVENT)
        given["event"].append(records[path]["id"])
    for path in pompeo[:2]:
        _edit(path, speech_act="warning", addressees=["russia"])
        given["warning"].append(records[path]["id"])
        given["russia"].append(records[path]["id"])
    _edit(lavrov[0], speech_act="denial", responds_to=[{"relation": "denies", "target": records[pompeo[0]]["id"]}])
    given["denial"] = records[lavrov[0]]["id"]
    given["denied"] = records[pompeo[0]]["id"]
    return dataset, given


@pytest.fixture(scope="module")
def site(enriched, build_site):
    return build_site("enriched-site", enriched[0])


@pytest.fixture(scope="module")
def address(site):
    with serve(site) as url:
        yield url


def test_each_event_page_carries_its_event(site, enriched):
    (node,) = expanded(site / "events" / EVENT / "index.html")
    assert node["@type"] == [SCHEMA + "Event"] and one(node, "startDate") == "2019-12-10"
    assert {one(a, "name") for a in node[SCHEMA + "attendee"]} == {"Mike Pompeo", "Sergey Lavrov"}
    (quotation,) = expanded(site / "statements" / enriched[1]["denial"] / "index.html")
    (at,) = quotation[SCHEMA + "recordedAt"]
    assert one(at, "url").endswith(f"events/{EVENT}/")


@pytest.mark.browser
@pytest.mark.parametrize("width", WIDTHS)
def test_the_explorer_filters_by_event_act_and_addressee_and_keeps_them_in_the_address(browser, address, enriched, screenshots, width):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select, WebDriverWait

    given = enriched[1]
    _at(browser, width)
    count = lambda: browser.find_element(By.CSS_SELECTOR, ".cq-count").text  # noqa: E731
    shown = lambda: {a.get_attribute("href").rstrip("/").rsplit("/", 1)[1]  # noqa: E731
                     for a in browser.find_elements(By.CSS_SELECTOR, "#cq-explorer tbody a")}
    assert open_page(browser, address + f"statements/?event={EVENT}") == []  # as the event's page links it
    WebDriverWait(browser, WAIT).until(lambda d: re.match(rf"{len(given['event'])} of \d+", count()))
    assert shown() == set(given["event"])
    Select(browser.find_element(By.NAME, "act")).select_by_value("warning")
    WebDriverWait(browser, WAIT).until(lambda d: count().startswith(f"{len(given['warning'])} of"))
    assert shown() == set(given["warning"])
    query = parse_qs(urlsplit(browser.current_url).query)
    assert query["event"] == [EVENT] and query["act"] == ["warning"]
    acts = [o.get_attribute("value") for o in Select(browser.find_element(By.NAME, "act")).options]
    assert acts == ["", "denial", "warning"]  # only the acts some statement has, in the codelist's order
    _shot(browser, screenshots, f"explorer-event-act-{width}")
    browser.refresh()
    WebDriverWait(browser, WAIT).until(lambda d: count().startswith(f"{len(given['warning'])} of"))
    assert browser.find_element(By.NAME, "act").get_attribute("value") == "warning"
    open_page(browser, address + "statements/?addressee=russia")
    WebDriverWait(browser, WAIT).until(lambda d: count().startswith(f"{len(given['russia'])} of"))
    assert shown() == set(given["russia"])
    assert Select(browser.find_element(By.NAME, "addressee")).first_selected_option.text == "Russia"


@pytest.mark.browser
@pytest.mark.parametrize("width", WIDTHS)
def test_event_thread_and_explorer_pages_fit_the_screen(browser, address, enriched, screenshots, width):
    from selenium.webdriver.common.by import By

    given = enriched[1]
    _at(browser, width)
    for name, path in (("events", "events/"), ("event", f"events/{EVENT}/"), ("thread", f"statements/{given['denied']}/"),
                       ("explorer", f"statements/?event={EVENT}")):
        assert open_page(browser, address + path) == [], path
        scroll, inner = browser.execute_script("return [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert scroll <= inner, (path, scroll, inner)
        _shot(browser, screenshots, f"{name}-{width}")
    open_page(browser, address + f"statements/{given['denied']}/")
    thread = browser.find_element(By.CSS_SELECTOR, "ol.cq-thread")
    assert thread.is_displayed() and "denies" in thread.text and "(this statement)" in thread.text
