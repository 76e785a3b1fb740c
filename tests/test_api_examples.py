"""Every example on the API reference page (docs/api.md) runs and prints what it shows.

The page lists objects as ``::: dotted.path`` (mkdocstrings); their docstrings' examples,
and those of their members, are run here as doctests.
"""

from __future__ import annotations

import doctest
import importlib
import re
from pathlib import Path

import pytest

PAGE = Path(__file__).resolve().parents[1] / "docs" / "api.md"
SHOWN = re.findall(r"^::: ([\w.]+)$", PAGE.read_text(encoding="utf-8"), re.MULTILINE)


def _object(path: str):
    module, _, name = path.rpartition(".")
    try:
        return importlib.import_module(path)
    except ModuleNotFoundError:
        return getattr(importlib.import_module(module), name)


def test_the_page_shows_the_api():
    assert {"communique.loading.load", "communique.loading.Dataset", "communique.frames", "communique.cite"} <= set(SHOWN)


@pytest.mark.parametrize("path", SHOWN)
def test_examples_run(path):
    target = _object(path)
    tests = [test for test in doctest.DocTestFinder().find(target, path) if test.examples]
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    for test in tests:
        runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.failed == 0
    skipped = [e.source for test in tests for e in test.examples if e.options.get(doctest.SKIP)]
    assert not skipped, f"{path}: an example on the page must run: {skipped}"


def test_every_section_has_an_example():
    with_examples = {path for path in SHOWN if any(t.examples for t in doctest.DocTestFinder().find(_object(path), path))}
    assert with_examples == set(SHOWN)
