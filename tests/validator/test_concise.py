"""``--format concise``: one finding per line, ``path:line:col: severity rule message``, that reads back."""

from __future__ import annotations

import io
import re
import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from communique.findings import Finding, Severity
from communique.render import render
from communique.render.safe import clean, printable

from testdata import INVALID, overlay

ANY_TEXT = st.text(st.characters(exclude_categories=()), max_size=30)  # surrogates, controls, colons included
LINE = re.compile(r"(?P<path>[^:]*):(?:(?P<line>\d+):(?P<column>\d+):)? (?P<severity>error|warning|info) (?P<rule>[^ ]*) (?P<message>.*)")

findings = st.builds(
    Finding,
    path=ANY_TEXT,
    line=st.none() | st.integers(1, 10**6),
    column=st.none() | st.integers(1, 10**4),
    pointer=ANY_TEXT,
    rule=st.from_regex(r"[a-z]+\.[a-z-]+", fullmatch=True),
    severity=st.sampled_from(list(Severity)),
    message=ANY_TEXT,
    hint=ANY_TEXT,
)


def _shown(text: str) -> str:
    """A text as every text format shows it: acting characters and lone surrogates as escapes."""
    return printable(clean(Finding(text, None, None, "", "", Severity.ERROR, "")).path)


@given(found=st.lists(findings, max_size=6))
@settings(max_examples=300, deadline=None)
def test_every_line_parses_back_into_its_finding(found):
    out = io.StringIO()
    render("concise", iter(found), out)
    text = out.getvalue()
    assert text.endswith("\n") or not found
    lines = text.splitlines()  # every line break Python knows: none may fall inside a finding
    assert len(lines) == len(found)
    for line, finding in zip(lines, found):
        parsed = LINE.fullmatch(line)
        assert parsed, line
        assert parsed["path"] == _shown(finding.path).replace(":", "\\x3a")
        if finding.line is None:
            assert parsed["line"] is None
        else:
            assert (int(parsed["line"]), int(parsed["column"])) == (finding.line, finding.column or 1)
        assert (parsed["severity"], parsed["rule"]) == (finding.severity.value, finding.rule)
        assert parsed["message"] == _shown(finding.message)


def test_validate_writes_one_line_per_finding(tmp_path):
    overlay(tmp_path / "dataset", INVALID / "meaning.statement-date")
    result = subprocess.run(
        [sys.executable, "-m", "communique", "validate", "--format", "concise", "dataset"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 1, result.stderr
    (line,) = result.stdout.splitlines()
    assert line.startswith("dataset/statements/tass-2020-09-11-lavrov-honest-dialogue-extend-new-start.json:10:11: error meaning.statement-date dated 2020-09-12")
