"""The site as readers see it, at a desktop's 1366x900 and a phone's 390x844, in Chromium.

Nothing is wider than the screen on any page; words are not broken inside; chart labels are
at least 11 px on screen; a mark shows its tooltip; the explorer finds a speaker by name,
keeps its view in the address and pages its rows; the palette follows the reader's
preference. Screenshots of each check go to the session's temporary folder (``screenshots``).
"""

from __future__ import annotations

import re
import time
from urllib.parse import parse_qs, urlsplit

import pytest
from sitebuild import WAIT, open_page

pytestmark = pytest.mark.browser

WIDTHS = {"desktop": (1366, 900), "phone": (390, 844)}
PAGES_CHECKED_FOR_WORDS = ["actors/", "treaties/", "articles/", "statements/", "actors/sergey-lavrov/", "treaties/new-start/"]

# Every word (a run of letters between spaces or hyphens, up to 20) of every table cell drawn on one line;
# URLs, paths and file names may wrap anywhere.
BROKEN_WORDS = r"""
const broken = [];
for (const cell of document.querySelectorAll("table.cq-list td, table.cq-meta th, table.cq-meta td")) {
  const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement.closest('a[href^="http"], .cq-url')) continue;
    for (const m of node.textContent.matchAll(/(^|[\s-])([A-Za-zÀ-ÿ’']{2,20})(?=[\s,.;:!?)-]|$)/g)) {
      const start = m.index + m[1].length;
      const range = document.createRange();
      range.setStart(node, start);
      range.setEnd(node, start + m[2].length);
      const lines = new Set(Array.from(range.getClientRects()).filter(r => r.width > 0).map(r => Math.round(r.top)));
      if (lines.size > 1) broken.push(m[2]);
    }
  }
}
return broken;
"""
# The smallest on-screen size of a chart's text, in CSS px.
SMALLEST_LABEL = """
let smallest = Infinity;
for (const text of document.querySelectorAll(".cq-chart svg text")) {
  const size = parseFloat(getComputedStyle(text).fontSize) * text.getScreenCTM().a;
  smallest = Math.min(smallest, size);
}
return smallest;
"""


def _expected_counts() -> tuple[int, int]:
    """Statements the explorer's words "Lavrov" find (text, speaker's name and aliases, the
    article's headline, topics: the fields the page says it searches), and those about New START."""
    import communique

    data = communique.load()
    def searched(statement) -> str:
        speaker = data.actors[statement.speaker]
        return " ".join([statement.text, speaker.name, *speaker.aliases, data.articles[statement.article].headline, *statement.topics])
    lavrov = sum("lavrov" in searched(statement).casefold() for statement in data.statements.values())
    return lavrov, len(data.statements_about("new-start"))


def _at(browser, width: str) -> None:
    """The viewport at ``width``: the window's inner size, whatever the window's frame."""
    w, h = WIDTHS[width]
    # Not "mobile": a mobile viewport zooms out to fit a page too wide, which would hide the overflow measured here.
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": w, "height": h, "deviceScaleFactor": 1, "mobile": False})


def _shot(browser, folder, name: str) -> None:
    browser.save_screenshot(str(folder / f"{name}.png"))


def _pages(site) -> list[str]:
    return sorted(p.parent.relative_to(site).as_posix() + "/" for p in site.rglob("index.html") if p.parent != site) + [""]


@pytest.mark.parametrize("width", WIDTHS)
def test_no_page_is_wider_than_the_screen(browser, server, built_site, screenshots, width):
    _at(browser, width)
    too_wide = {}
    for path in _pages(built_site):
        assert open_page(browser, server + path) == [], path
        if path == "statements/":
            time.sleep(0.5)  # its rows come from statements.json
        scroll, inner = browser.execute_script("return [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        if scroll > inner:
            too_wide[path] = scroll
    assert too_wide == {}
    for name, path in (("actors", "actors/"), ("treaty", "treaties/new-start/"), ("downloads", "downloads/")):
        open_page(browser, server + path)
        _shot(browser, screenshots, f"{name}-{width}")


@pytest.mark.parametrize("width", WIDTHS)
def test_words_in_tables_are_not_broken_inside(browser, server, width):
    _at(browser, width)
    for path in PAGES_CHECKED_FOR_WORDS:
        open_page(browser, server + path)
        time.sleep(0.3)
        assert browser.execute_script(BROKEN_WORDS) == [], path


@pytest.mark.parametrize("width", WIDTHS)
def test_chart_labels_are_readable_and_marks_show_their_tooltip(browser, server, screenshots, width):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    _at(browser, width)
    for path in ("timeline/", "actors/sergey-lavrov/", "treaties/new-start/"):
        open_page(browser, server + path)
        assert browser.execute_script(SMALLEST_LABEL) >= 11, path
    open_page(browser, server + "actors/sergey-lavrov/")
    mark = browser.find_elements(By.CSS_SELECTOR, ".cq-chart a.cq-mark")[-1]
    browser.execute_script("arguments[0].closest('.cq-chart-box').scrollLeft = 10000; arguments[0].scrollIntoView({block: 'center'})", mark)
    ActionChains(browser).move_to_element(mark).perform()
    tip = WebDriverWait(browser, WAIT).until(lambda d: d.find_element(By.CSS_SELECTOR, ".cq-tooltip"))
    WebDriverWait(browser, WAIT).until(lambda d: tip.is_displayed())
    assert tip.text == mark.get_attribute("aria-label") and "Sergey Lavrov" in tip.text
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'}); arguments[0].focus()", mark)  # the keyboard's way
    WebDriverWait(browser, WAIT).until(lambda d: tip.is_displayed() and tip.location["y"] > mark.location["y"])
    _shot(browser, screenshots, f"tooltip-{width}")
    href = mark.get_dom_attribute("href")
    assert "statements/" in href  # to the statement, or to the explorer showing the day's statements


@pytest.mark.parametrize("width", WIDTHS)
def test_the_explorer_finds_by_name_and_keeps_its_view_in_the_address(browser, server, screenshots, width):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select, WebDriverWait

    _at(browser, width)
    assert open_page(browser, server + "statements/") == []
    count = lambda: browser.find_element(By.CSS_SELECTOR, ".cq-count").text  # noqa: E731
    WebDriverWait(browser, WAIT).until(lambda d: re.match(r"\d+ of \d+", count()))
    total = int(count().split(" of ")[1].split()[0])
    lavrov, about_new_start = _expected_counts()
    browser.find_element(By.NAME, "words").send_keys("Lavrov")
    WebDriverWait(browser, WAIT).until(lambda d: count() == f"{lavrov} of {total} statements")
    if width == "desktop":  # newest first: by its column's heading, or (the headings are hidden on a phone) the Sort menu
        browser.find_element(By.CSS_SELECTOR, "th[data-key='date'] button").click()
    else:
        Select(browser.find_element(By.NAME, "sort")).select_by_value("-date")
    query = parse_qs(urlsplit(browser.current_url).query)
    assert query["words"] == ["Lavrov"] and query["sort"] == ["-date"] and "q" not in query
    dates = [row.find_elements(By.TAG_NAME, "td")[0].get_attribute("textContent")
             for row in browser.find_elements(By.CSS_SELECTOR, "#cq-explorer tbody tr")]
    assert dates == sorted(dates, reverse=True) and dates[0] != dates[-1]
    said = browser.find_element(By.CSS_SELECTOR, ".cq-searched").text  # the page says what words search
    assert all(field in said for field in ("text", "name and aliases", "headline", "topics")), said
    _shot(browser, screenshots, f"explorer-lavrov-{width}")
    browser.refresh()  # the same view after a reload, and no search overlay over it
    WebDriverWait(browser, WAIT).until(lambda d: count() == f"{lavrov} of {total} statements")
    assert browser.find_element(By.NAME, "words").get_attribute("value") == "Lavrov"
    assert browser.find_element(By.NAME, "sort").get_attribute("value") == "-date"
    assert browser.execute_script("return document.querySelector('[data-md-toggle=search]').checked") is False
    for word in ("Sergei", "Civil society", "election docs"):  # an alias, a topic, words of a headline
        open_page(browser, server + "statements/?words=" + word.replace(" ", "+"))
        WebDriverWait(browser, WAIT).until(lambda d: re.match(r"\d+ of", count()))
        assert int(count().split()[0]) > 0, word
    open_page(browser, server + "statements/?treaty=new-start")  # as the treaty's page links it
    WebDriverWait(browser, WAIT).until(lambda d: count() == f"{about_new_start} of {total} statements")
    open_page(browser, server + "statements/?from=2020-09-11&to=2020-09-11&kind=quote")
    WebDriverWait(browser, WAIT).until(lambda d: re.match(r"\d+ of", count()))
    dates = {row.find_elements(By.TAG_NAME, "td")[0].get_attribute("textContent")
             for row in browser.find_elements(By.CSS_SELECTOR, "#cq-explorer tbody tr")}
    assert dates == {"2020-09-11"}
    assert browser.find_element(By.NAME, "from").get_attribute("type") == "text"  # shown as written: ISO
    assert len(browser.find_elements(By.CSS_SELECTOR, "#cq-explorer tbody tr")) <= 50
    assert browser.find_element(By.CSS_SELECTOR, ".cq-pages .cq-page").text.startswith("Page 1 of 1")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_palette_follows_the_readers_preference_and_toggles(browser, server, screenshots, scheme):
    from selenium.webdriver.common.by import By

    _at(browser, "phone")
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": scheme}]})
    try:
        browser.delete_all_cookies()
        open_page(browser, server + "timeline/")
        browser.execute_script("localStorage.clear()")
        open_page(browser, server + "timeline/")
        shown = browser.execute_script("return document.body.getAttribute('data-md-color-scheme')")
        assert shown == ("slate" if scheme == "dark" else "default")
        _shot(browser, screenshots, f"timeline-{scheme}-phone")
        toggles = browser.find_elements(By.CSS_SELECTOR, "form[data-md-component='palette'] label")
        assert [t for t in toggles if t.is_displayed()]
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})
