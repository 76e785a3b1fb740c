"""The statements explorer at a scale where its data is in several shards, in Chromium.

The synthetic dataset of the benchmark, 2,600 records (2,210 statements: nine shards of all
statements, more than a search reads in one step), is built once. The explorer pages past 50 results and past a shard, newest first
across two shards, follows a second choice through the scope's shards, and reads a search on
when the reader asks; each view is checked against the order and the matches computed here.
"""

from __future__ import annotations

import math
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from sitebuild import WAIT, build, open_page, serve, synthetic_records
from testdata import write_dataset

from communique.kinds import ACTOR, ARTICLE, STATEMENT
from communique.site import explorer
from communique.site.records import TOPIC_TITLES

pytestmark = pytest.mark.browser
RECORDS = 2_600


@pytest.fixture(scope="module")
def records():
    return synthetic_records(RECORDS)


@pytest.fixture(scope="module")
def big_site(tmp_path_factory, records):
    root = tmp_path_factory.mktemp("big")
    result = build(root / "site", write_dataset(root / "data", records))
    assert result.returncode == 0, result.stdout + result.stderr
    with serve(root / "site") as url:
        yield url


def _ordered(records) -> list[dict]:
    return sorted(records[STATEMENT.folder], key=lambda s: (s["date"], s["id"]))


def _found(records, words: str) -> list[dict]:
    """The statements the explorer's words find: each word in the text, speaker's name, topics or headline."""
    names = {a["id"]: a["name"] for a in records[ACTOR.folder]}
    headlines = {a["id"]: a["headline"] for a in records[ARTICLE.folder]}
    def haystack(s):
        return "\n".join([s["text"], names[s["speaker"]], *[TOPIC_TITLES.get(t, t) for t in s["topics"]], *s["topics"],
                          headlines[s["article"]]]).lower()
    return [s for s in _ordered(records) if all(word in haystack(s) for word in words.lower().split())]


def _shown(browser) -> list[str]:
    from selenium.webdriver.common.by import By

    return [a.get_dom_attribute("href").rstrip("/") for a in browser.find_elements(By.CSS_SELECTOR, "#cq-explorer tbody td a")]


def _text(browser, selector: str) -> str:
    from selenium.webdriver.common.by import By

    return browser.find_element(By.CSS_SELECTOR, selector).text


def _wait_for(browser, condition) -> None:
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(browser, WAIT, ignored_exceptions=(StaleElementReferenceException,)).until(lambda d: condition())


def test_the_explorer_pages_past_50_and_past_a_shard(browser, big_site, records):
    from selenium.webdriver.common.by import By

    ids = [s["id"] for s in _ordered(records)]
    total = len(ids)
    assert total > 8 * explorer.SHARD_ROWS  # more shards than a search reads in one step
    assert open_page(browser, big_site + "statements/") == []
    _wait_for(browser, lambda: _text(browser, ".cq-count") == f"{total} of {total} statements")
    assert _shown(browser) == ids[:50]
    assert _text(browser, ".cq-page") == f"Page 1 of {math.ceil(total / 50)} (1 to 50)"
    for page in (2, 3):
        browser.find_element(By.CSS_SELECTOR, ".cq-pages [data-step='1']").click()
        _wait_for(browser, lambda: _shown(browser) == ids[(page - 1) * 50 : page * 50])
        assert parse_qs(urlsplit(browser.current_url).query)["page"] == [str(page)]
    page = explorer.SHARD_ROWS // 50 + 1  # the first page of the second shard
    open_page(browser, big_site + f"statements/?page={page}")
    _wait_for(browser, lambda: _shown(browser) == ids[explorer.SHARD_ROWS : explorer.SHARD_ROWS + 50])
    open_page(browser, big_site + "statements/?sort=-date&page=5")  # newest first: across the last two shards
    newest = ids[::-1]
    _wait_for(browser, lambda: _shown(browser) == newest[200:250])
    last = math.ceil(total / 50)
    open_page(browser, big_site + f"statements/?sort=-date&page={last + 3}")  # past the end: the last page
    _wait_for(browser, lambda: _shown(browser) == newest[(last - 1) * 50 :])
    assert browser.find_element(By.CSS_SELECTOR, ".cq-pages [data-step='1']").get_property("disabled")


def test_a_second_choice_and_words_read_the_narrowest_scope(browser, big_site, records):
    speaker = records[STATEMENT.folder][0]["speaker"]
    expected = [s["id"] for s in _ordered(records) if s["speaker"] == speaker and s["kind"] == "quote"]
    total = len(records[STATEMENT.folder])
    open_page(browser, big_site + f"statements/?kind=quote&speaker={speaker}")
    _wait_for(browser, lambda: _text(browser, ".cq-count") == f"{len(expected)} of {total} statements")
    assert _shown(browser) == expected[:50]
    words = "quotable number 11"
    found = [s["id"] for s in _found(records, words)]
    assert 50 < len(found) < total
    open_page(browser, big_site + "statements/?words=" + words.replace(" ", "+"))  # by date: read until a page is full
    _wait_for(browser, lambda: _shown(browser) == found[:50])
    assert _text(browser, ".cq-count").startswith("at least ")


def test_a_search_reads_on_when_the_reader_asks(browser, big_site, records, screenshots):
    from selenium.webdriver.common.by import By

    words = "quotable number 11"
    found = sorted(_found(records, words), key=lambda s: (s["text"].lower(), s["id"]))
    total = len(records[STATEMENT.folder])
    open_page(browser, big_site + "statements/?words=" + words.replace(" ", "+") + "&sort=text")
    further = browser.find_element(By.CSS_SELECTOR, ".cq-scan button")
    _wait_for(browser, lambda: further.is_displayed())  # another order needs every shard: a step reads a few
    assert re.fullmatch(rf"Searched {8 * explorer.SHARD_ROWS} of the {total} statements: sorted among those\.",
                        _text(browser, ".cq-scan span"))
    assert _text(browser, ".cq-count").startswith("at least ")
    browser.save_screenshot(str(screenshots / "explorer-search-further.png"))
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": False})
    try:  # on a phone too, the note and its button fit the screen
        _wait_for(browser, lambda: browser.execute_script(
            "return document.documentElement.scrollWidth <= document.documentElement.clientWidth"))
        browser.save_screenshot(str(screenshots / "explorer-search-further-phone.png"))
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    further.click()
    _wait_for(browser, lambda: _text(browser, ".cq-count") == f"{len(found)} of {total} statements")
    assert _shown(browser) == [s["id"] for s in found[:50]]
    assert not browser.find_element(By.CSS_SELECTOR, ".cq-scan").is_displayed()
