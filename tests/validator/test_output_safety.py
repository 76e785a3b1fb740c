"""No output format can be turned against its reader, whatever records and file names hold.

For every format: no raw control character but the format's own line ends; JSON and SARIF
parse with a strict parser (orjson refuses lone surrogates); a line of GitHub output starts
with ``::`` only as one of its own commands, and no line of text output does.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
from pathlib import Path

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from communique import cli
from communique.findings import Finding, Severity
from communique.render import FORMATS, render

from testdata import VALID, overlay

ANY_TEXT = st.text(st.characters(exclude_categories=()), max_size=30)  # surrogates and controls included
RAW_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")
COMMAND = re.compile(r"^::(error|warning|notice) file=[^,:]*(,line=\d+(,col=\d+)?)?,title=[^:]*::")
STATEMENT_FILE = "statements/tass-2020-09-11-lavrov-honest-dialogue-publish-correspondence.json"

findings = st.builds(
    Finding,
    path=ANY_TEXT,
    line=st.none() | st.integers(1, 10**6),
    column=st.none() | st.integers(1, 10**4),
    pointer=ANY_TEXT,
    rule=ANY_TEXT,
    severity=st.sampled_from(list(Severity)),
    message=ANY_TEXT,
    hint=ANY_TEXT,
    record=st.none() | ANY_TEXT,
)


def check(format_name: str, output: str, count: int | None) -> None:
    """The output as a terminal, a CI log or a strict parser would take it (with ``count``
    findings, when known)."""
    written = output.encode("utf-8", "backslashreplace")  # what the command writes
    text = written.decode("utf-8")
    assert not RAW_CONTROL.search(text), RAW_CONTROL.search(text)
    assert "\u2028" not in text and "\u202e" not in text
    lines = text.splitlines()
    if format_name == "json":
        assert count is None or len(orjson.loads(written)) == count
    elif format_name == "sarif":
        assert count is None or len(orjson.loads(written)["runs"][0]["results"]) == count
    elif format_name == "github":
        assert count is None or len(lines) == count
        assert all(COMMAND.match(line) for line in lines), lines
    else:
        assert not [line for line in lines if line.lstrip().startswith("::")]


@pytest.mark.parametrize("format_name", FORMATS)
@given(found=st.lists(findings, max_size=5))
@settings(max_examples=150, deadline=None)
def test_any_finding_text_is_safe_in_every_format(format_name, found):
    out = io.StringIO()
    render(format_name, iter(found), out, checked=lambda: "checked")
    check(format_name, out.getvalue(), len(found))


# not hidden: a hidden entry is never read, by design (communique.read)
file_names = st.binary(min_size=1, max_size=12).filter(lambda name: b"/" not in name and b"\0" not in name and not name.startswith(b"."))


@pytest.mark.parametrize("format_name", FORMATS)
@given(name=file_names, key=ANY_TEXT.filter(bool), reason=ANY_TEXT)
@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_file_names_keys_and_reasons_reach_no_output_raw(format_name, name, key, reason, tmp_path_factory):
    root = overlay(tmp_path_factory.mktemp("safety") / "dataset")
    record = json.loads((root / STATEMENT_FILE).read_text(encoding="utf-8"))
    record[key] = "x"  # schema.additional-properties quotes the key
    record["silence"] = [{"rule": reason or "x", "reason": reason}]  # silence.invalid quotes the rule
    (root / STATEMENT_FILE).write_text(json.dumps(record), encoding="utf-8")
    os.rename(root / STATEMENT_FILE, os.path.join(os.fsencode(root / "statements"), name + b".json"))
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = cli.main(["validate", "--format", format_name, "--limit", "1000", str(root)])
    assert code == 1
    check(format_name, out.getvalue(), None)


def test_a_file_named_like_a_workflow_command_starts_no_line(tmp_path: Path):
    root = overlay(tmp_path / "::error title=x::owned")
    (root / "statements" / "::warning x.json").write_text("{", encoding="utf-8")
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.chdir(tmp_path):
        cli.main(["validate", "::error title=x::owned"])
    assert "::warning x.json" in out.getvalue()
    check("text", out.getvalue(), None)


def test_sarif_declares_code_point_columns_and_encodes_uris():
    out = io.StringIO()
    render("sarif", iter([Finding("statements/a b%é.json", 1, 5, "", "json.syntax", Severity.ERROR, "m")]), out)
    (run,) = json.loads(out.getvalue())["runs"]
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "statements/a%20b%25%C3%A9.json"
