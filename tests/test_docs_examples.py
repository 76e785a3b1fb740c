"""The examples in the README and on the site are the tool's own output, and every rule they
name exists.

An example is a ``console`` block right after a comment ``<!-- example: FIXTURE ... -->``:
each ``$ communique ...`` line is run in a folder whose ``dataset/`` is the valid base with
the invalid fixture ``FIXTURE`` laid over it, and must print exactly the lines that follow it.
"""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from communique.rules import catalogue

from testdata import INVALID, overlay

ROOT = Path(__file__).resolve().parents[1]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
EXAMPLE = re.compile(r"^([ \t]*)<!-- example: (\S+)[^\n]*-->\n\1```console\n(.*?)^\1```", re.MULTILINE | re.DOTALL)
RULE_ID = re.compile(r"(?<![\w./<>-])(?:json|file|schema|id|ref|meaning|silence)\.[a-z][a-z0-9-]*\b")


def _examples() -> list[tuple[str, str, str]]:
    found = []
    for page in PAGES:
        for indent, fixture, body in EXAMPLE.findall(page.read_text(encoding="utf-8")):
            found.append((page.relative_to(ROOT).as_posix(), fixture, textwrap.dedent(body)))
    return found


EXAMPLES = _examples()


def test_the_readme_and_the_contributing_guide_show_real_output():
    assert {page for page, _, _ in EXAMPLES} >= {"README.md", "docs/contributing.md"}


@pytest.mark.parametrize(("page", "fixture", "body"), EXAMPLES, ids=[f"{page}:{fixture}" for page, fixture, _ in EXAMPLES])
def test_each_example_is_what_the_tool_prints(page: str, fixture: str, body: str, tmp_path: Path):
    overlay(tmp_path / "dataset", INVALID / fixture)
    commands = re.split(r"^\$ ", body, flags=re.MULTILINE)[1:]
    assert commands, f"{page}: an example without a command"
    for block in commands:
        command, _, shown = block.partition("\n")
        program, *args = shlex.split(command)
        assert program == "communique"
        result = subprocess.run([sys.executable, "-m", "communique", *args], cwd=tmp_path, capture_output=True, text=True, timeout=120, env={"PATH": "/usr/bin:/bin"})
        assert result.stdout == shown, f"{page}: `{command}` prints\n{result.stdout}"


@pytest.mark.parametrize("page", PAGES, ids=[page.relative_to(ROOT).as_posix() for page in PAGES])
def test_every_rule_a_page_names_exists(page: Path):
    known = {rule.id for rule in catalogue()}
    named = set(RULE_ID.findall(page.read_text(encoding="utf-8")))
    assert named - known == set()
