"""No script from a record runs in the published site, whatever its text fields hold.

Records carrying Markdown, attribute lists, raw HTML, ``javascript:`` and ``data:`` links,
Jinja and YAML syntax and every control character, in every string field of every kind
(nested ones included, listed by the schema walker), are fed to the real generator and
the real MkDocs build, in process: only the loading step is replaced, by one that builds
the models with ``model_construct`` (no validation), since the validator refuses some of
this text. Chromium then opens every page and searches the site, and no script may run,
no element may carry an event handler, and no link or source may hold a script URL.
"""

from __future__ import annotations

import importlib
import itertools
import warnings
from pathlib import Path

import pytest
from sitebuild import REPO, WAIT, chromium, open_page, serve

import communique
from communique.kinds import KINDS
from communique.loading import Dataset
from communique.models import MODELS
from communique.schemafields import Field, fields, root

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CONTROLS = "".join(map(chr, [*range(0x20), *range(0x7F, 0xA0)]))  # C0, DEL, C1: every control character
PAYLOADS = [
    "*Sergey Lavrov*{: tabindex=0 autofocus onfocus=alert(document.domain) }\x80",
    "[x](javascript:alert(document.domain))\x80",
    "<script>alert(document.domain)</script>",
    "<img src=x onerror=alert(document.domain)>",
    "[d](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "</title><svg onload=alert(document.domain)>",
    '"><a href="javascript:alert(document.domain)">x</a>',
    "&lt;img src=x onerror=alert(document.domain)&gt;",
    "<javascript:alert(document.domain)>",
    "---\ntitle: x\n---\n# {{ 7 * 7 }} {% raw %}",
    "![i](javascript:alert(document.domain)){: onerror=alert(document.domain) }",
]
SCRIPT_URLS = ["javascript:alert(document.domain)", " JaVaScRiPt:alert(document.domain)",
               "data:text/html,<script>alert(document.domain)</script>", "java\tscript:alert(1)"]
IDS = {kind.name: f"hostile-{kind.name}" for kind in KINDS}
DATE = "2020-01-02"

# Run by Chromium before any page's own script: a payload that runs calls one of these.
RECORD_CALLS = """
window.__cqRan = [];
for (const name of ["alert", "confirm", "prompt", "print"]) {
  window[name] = (...args) => { window.__cqRan.push(name + "(" + args.join(",") + ")"); };
}
"""
# Every element with an event handler, a script URL in an attribute, a srcdoc, or an inline script of ours.
LIVE_ELEMENTS = """
const live = [];
const urls = new Set(["href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "cite", "ping"]);
for (const el of document.querySelectorAll("*")) {
  for (const attr of el.attributes) {
    const name = attr.name.toLowerCase();
    const value = attr.value.replace(/[\\u0000-\\u0020\\u007f-\\u009f]/g, "").toLowerCase();
    if (name.startsWith("on") || name === "srcdoc" || (urls.has(name) && /^(javascript|vbscript|data):/.test(value))) {
      live.push(el.tagName + " " + name + "=" + attr.value);
    }
  }
  if (el.tagName === "SCRIPT" && el.type === "application/ld+json") {  // data, never run: it must stay one JSON text
    try { JSON.parse(el.textContent); } catch (error) { live.push("JSON-LD that is not JSON " + el.textContent); }
  } else if (el.tagName === "SCRIPT" && !el.src && el.textContent.includes("alert")) live.push("inline script " + el.textContent);
}
for (const a of document.querySelectorAll("a[href], area[href]")) {
  if (["javascript:", "data:", "vbscript:"].includes(a.protocol)) live.push("link " + a.href);
}
return live;
"""


def text_fields(kind: str) -> list[Field]:
    """Every string field of a kind that holds text: all but the id, references and dates,
    which the site needs to be what they are to make pages, links and pictures at all."""
    return [field for field in fields(kind) if field.schema.get("type") == "string"
            and field.path != ("id",) and not field.references and field.schema.get("format") != "date"]


class Records:
    """One record per kind with every field set, each text field to the next payload."""

    def __init__(self) -> None:
        self.payloads = itertools.cycle(PAYLOADS)
        self.urls = itertools.cycle(SCRIPT_URLS)
        self.filled: set[tuple[str, ...]] = set()

    def value(self, field: Field, bare: bool = False):
        """``bare``: the second item of an array, whose URLs are bare script URLs."""
        schema = field.schema
        if schema.get("type") == "object":
            return {child.name: self.value(child, bare) for child in field.properties}
        if schema.get("type") == "array":  # two items, but one reference: the one record there is
            return [self.value(field.items)] + ([] if field.items.references else [self.value(field.items, True)])
        if field.references:
            return IDS[field.references]
        if schema.get("format") == "date":
            return DATE
        if schema.get("type") in ("integer", "boolean"):  # offsets and flags: no text to carry a payload
            return {"integer": 0, "boolean": True}[schema["type"]]
        self.filled.add(tuple(step for step in field.path))
        if schema.get("format") == "uri" and bare:
            return next(self.urls)
        return next(self.payloads) + CONTROLS

    def record(self, kind: str) -> dict:
        record = {field.name: self.value(field) for field in root(kind).properties}
        record["id"] = IDS[kind]
        return record


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """The records, and the site built from them."""
    maker = Records()
    records = {kind.name: maker.record(kind.name) for kind in KINDS}
    records["article"]["body"] += "\n\n" + records["statement"]["text"] + "\n\nand the end."  # highlighted
    dataset = Dataset(REPO / "dataset", **{kind.folder: {IDS[kind.name]: MODELS[kind.name].model_construct(**records[kind.name])}
                                           for kind in KINDS})
    site = tmp_path_factory.mktemp("hostile-site")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    with pytest.MonkeyPatch.context() as patch, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pydantic warns when it dumps the unvalidated models
        patch.setattr(communique, "load", lambda path=None: dataset)
        # The export refuses a NUL (tests/export/test_csv_safety.py), and the downloads page
        # shows file names and sizes, no record text: the pages are built without the files.
        patch.setattr(importlib.import_module("communique.site.generate"), "download_files", lambda data: {})
        patch.setenv("NO_MKDOCS_2_WARNING", "1")
        build(load_config(str(REPO / "mkdocs.yml"), site_dir=str(site), strict=True))
    return records, maker.filled, site


def test_every_text_field_of_every_kind_carries_a_payload(hostile):
    _, filled, _ = hostile
    for kind in KINDS:
        for field in text_fields(kind.name):
            assert field.path in filled, (kind.name, field.path)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    with chromium(tmp_path_factory.mktemp("chromium-profile")) as driver:
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": RECORD_CALLS})
        yield driver


def _pages(site: Path) -> list[str]:
    pages = sorted(path.relative_to(site).as_posix() for path in site.rglob("*") if path.suffix in (".html", ".svg"))
    return [page.removesuffix("index.html") for page in pages]


def test_no_script_runs_and_no_element_is_live_on_any_page(hostile, browser):
    records, _, site = hostile
    pages = _pages(site)
    assert f"articles/{IDS['article']}/" in pages and len(pages) > 30
    with serve(site) as url:
        for page in pages:
            open_page(browser, url + page)
            assert browser.execute_script(LIVE_ELEMENTS) == [], page
            assert browser.execute_script("return window.__cqRan") == [], page
        open_page(browser, url + f"articles/{IDS['article']}/")
        shown = browser.execute_script("return document.body.innerText")
        assert "*Sergey Lavrov*{: tabindex=0 autofocus onfocus=alert(document.domain) }" in shown  # shown as text
        assert browser.execute_script("return document.querySelectorAll('.cq-body mark').length") >= 1


def test_searching_the_site_for_the_payloads_runs_nothing(hostile, browser):
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    _, _, site = hostile
    with serve(site) as url:
        for query in ("Lavrov", "script", "onerror"):
            open_page(browser, url)
            box = browser.find_element(By.CSS_SELECTOR, "input.md-search__input")
            box.click()
            box.send_keys(query)
            WebDriverWait(browser, WAIT, ignored_exceptions=(StaleElementReferenceException,)).until(
                lambda d: d.find_elements(By.CSS_SELECTOR, ".md-search-result__item"))
            assert browser.execute_script(LIVE_ELEMENTS) == [], query
            assert browser.execute_script("return window.__cqRan") == [], query
