"""Building the site for the tests, and looking at it in a real headless Chromium.

``build`` runs ``mkdocs build --strict`` exactly as a user runs it. The browser helpers use
Debian's ``chromium`` and ``chromedriver`` through Selenium; without them a browser test
skips with the reason, except when ``CI`` is set: CI must not skip them silently.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
BUILD_TIMEOUT = 300
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
WAIT = 20


def build(site_dir: Path, dataset: Path | None = None) -> subprocess.CompletedProcess:
    """Run ``mkdocs build --strict`` into ``site_dir``, from ``dataset`` (default: the repository's)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    if dataset is not None:
        env["COMMUNIQUE_DATASET"] = str(dataset)
    else:
        env.pop("COMMUNIQUE_DATASET", None)
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(REPO / "mkdocs.yml"),
         "--site-dir", str(site_dir)],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=BUILD_TIMEOUT,
    )


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """A local HTTP server for a built site, for as long as the block runs; yields its URL."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(directory)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


def require_browser() -> None:
    missing = [str(path) for path in (CHROMIUM, CHROMEDRIVER) if not path.exists()]
    if missing:
        reason = f"no browser for the site tests: {', '.join(missing)} missing (install Debian's chromium and chromium-driver)"
        if os.environ.get("CI"):
            pytest.fail(reason + "; CI must run these tests", pytrace=False)
        pytest.skip(reason)


@contextlib.contextmanager
def chromium(profile: Path) -> Iterator:
    """A headless Chromium driven by Selenium, its profile in ``profile``."""
    require_browser()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                     f"--user-data-dir={profile}", "--window-size=1280,1600"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(WAIT)
    try:
        yield driver
    finally:
        driver.quit()


def open_page(browser, url: str) -> list[dict]:
    """Load a page; the console messages it logged at error level."""
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get_log("browser")  # drop what earlier pages logged
    browser.get(url)
    WebDriverWait(browser, WAIT).until(lambda d: d.execute_script("return document.readyState") == "complete")
    return [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]


def synthetic_records(total: int, per_article: int | None = None) -> dict[str, list[dict]]:
    """The benchmark's valid synthetic dataset of about ``total`` records (``benchmarks/bench_site.py``)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_site", REPO / "benchmarks" / "bench_site.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.records(total, per_article)
