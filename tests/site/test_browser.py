"""The built site in a real headless Chromium: pages render cleanly, search and the explorer work.

Screenshots go to a pytest temporary folder (``screenshots`` under the session's base
temporary directory, ``pytest --basetemp DIR`` to keep them somewhere) for a person to look at.
"""

from __future__ import annotations

import pytest
from sitebuild import WAIT, open_page

pytestmark = pytest.mark.browser

ARTICLE = "articles/tass-2020-09-11-russia-ready-for-honest-dialogue/"


def _shot(browser, folder, name: str) -> None:
    height = browser.execute_script("return Math.min(document.body.scrollHeight, 6000)")
    browser.set_window_size(1280, max(height, 900))
    browser.save_screenshot(str(folder / f"{name}.png"))
    browser.set_window_size(1280, 1600)


@pytest.mark.parametrize(("name", "path", "heading"), [
    ("home", "", "Communiqué"),
    ("dictionary-statement", "dictionary/statement/", "Statement"),
    ("article", ARTICLE, "Russia ready for honest dialogue"),
    ("explorer", "statements/", "Statements explorer"),
])
def test_page_renders_without_console_errors(browser, server, screenshots, name, path, heading):
    from selenium.webdriver.common.by import By

    errors = open_page(browser, server + path)
    assert errors == [], errors
    assert browser.find_element(By.CSS_SELECTOR, "article h1").text.startswith(heading)
    if name == "article":  # the statements are highlighted and linked
        marks = browser.find_elements(By.CSS_SELECTOR, ".cq-body mark")
        assert len(marks) >= 5 and browser.find_elements(By.CSS_SELECTOR, ".cq-body sup.cq-ref a")
    _shot(browser, screenshots, name)


def test_search_for_lavrov_finds_his_page(browser, server, screenshots):
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    assert open_page(browser, server) == []
    box = browser.find_element(By.CSS_SELECTOR, "input.md-search__input")
    box.click()
    box.send_keys("Lavrov")
    # results are redrawn as the index loads and the query settles: a link read mid-redraw is stale
    WebDriverWait(browser, WAIT, ignored_exceptions=(StaleElementReferenceException,)).until(
        lambda d: any("actors/sergey-lavrov/" in (a.get_attribute("href") or "")
                      for a in d.find_elements(By.CSS_SELECTOR, ".md-search-result__link"))
    )
    _shot(browser, screenshots, "search-lavrov")
    assert [e for e in browser.get_log("browser") if e["level"] == "SEVERE"] == []


def test_filtering_the_explorer_by_speaker_narrows_the_table(browser, server, screenshots):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select, WebDriverWait

    assert open_page(browser, server + "statements/") == []
    rows = lambda: browser.find_elements(By.CSS_SELECTOR, "#cq-explorer tbody tr")  # noqa: E731
    WebDriverWait(browser, WAIT).until(lambda d: len(rows()) > 0)
    total = len(rows())
    Select(browser.find_element(By.NAME, "speaker")).select_by_value("sergey-lavrov")
    WebDriverWait(browser, WAIT).until(lambda d: 0 < len(rows()) < total)
    speakers = {row.find_elements(By.TAG_NAME, "td")[1].text for row in rows()}
    assert speakers == {"Sergey Lavrov"}
    assert browser.find_element(By.CSS_SELECTOR, ".cq-count").text == f"{len(rows())} of {total} statements"
    browser.find_element(By.CSS_SELECTOR, "th[data-key='date'] button").click()  # sort: newest first
    dates = [row.find_elements(By.TAG_NAME, "td")[0].text for row in rows()]
    assert dates == sorted(dates, reverse=True)
    _shot(browser, screenshots, "explorer-lavrov")
