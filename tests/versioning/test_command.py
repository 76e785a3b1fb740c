"""``communique schema diff|check|freeze`` as a user runs them: output, exit codes, usage errors."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from communique.cli import main

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "schema-changes"
REQUIRED = FIXTURES / "required-field-added"


def schema(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["schema", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def kept(tmp_path: Path) -> Path:
    """A releases folder holding the fixture's old set as release 1.0.0."""
    folder = tmp_path / "releases"
    shutil.copytree(REQUIRED / "old", folder / "1.0.0")
    return folder


def test_diff_of_two_folders_lists_each_change_with_pointer_and_reason(capsys):
    code, out, _ = schema(capsys, "diff", REQUIRED / "old", REQUIRED / "new")
    assert code == 0
    assert "needs a major version step" in out
    assert "field-required  note.schema.json#/required (field /author)" in out
    assert 'field "author" is now required' in out


def test_diff_json_is_for_tools(capsys):
    code, out, _ = schema(capsys, "diff", FIXTURES / "pattern-added" / "old", FIXTURES / "pattern-added" / "new", "--format", "json")
    document = json.loads(out)
    assert code == 0 and document["needs"] == "major"
    change = next(change for change in document["changes"] if change["schema"] == "note.schema.json")
    assert change == {
        "kind": "pattern-tightened",
        "severity": "breaking",
        "bump": "major",
        "schema": "note.schema.json",
        "pointer": "/properties/text/pattern",
        "field": "/text",
        "via": ["defs.schema.json#/$defs/text"],
        "reason": 'pattern "^[A-Z]" added: values not matching it become invalid',
    }


def test_diff_names_released_versions_by_number(capsys, kept):
    shutil.copytree(REQUIRED / "new", kept / "2.0.0")
    code, out, _ = schema(capsys, "diff", "1.0.0", "2.0.0", "--releases", kept)
    assert code == 0 and out.startswith("release 1.0.0 -> release 2.0.0: 2 change(s)")


def test_check_fails_on_a_required_field_without_a_major_bump_and_passes_once_bumped(capsys, kept):
    code, out, _ = schema(capsys, "check", REQUIRED / "unbumped", "--releases", kept)
    assert code == 1
    assert "x-version 1.0.0 -> 1.1.0 declares a minor step, but the changes need a major step (x-version 2.0.0)" in out
    assert "breaking  field-required" in out and "additive  field-added" not in out  # only the change that needs more is named
    code, out, _ = schema(capsys, "check", REQUIRED / "new", "--releases", kept)
    assert code == 0 and out.startswith("ok: x-version 2.0.0 after release 1.0.0")


def test_check_json(capsys, kept):
    code, out, _ = schema(capsys, "check", REQUIRED / "unbumped", "--releases", kept, "--format", "json")
    document = json.loads(out)
    assert code == 1 and document["passed"] is False and document["needs"] == "major"
    assert [change["kind"] for change in document["culprits"]] == ["field-required"]


def test_check_of_the_working_schemas_passes(capsys):
    code, out, _ = schema(capsys, "check")
    assert code == 0, out


def test_freeze_copies_the_set_byte_for_byte_and_never_overwrites(capsys, tmp_path):
    releases = tmp_path / "releases"
    code, out, _ = schema(capsys, "freeze", REQUIRED / "old", "--releases", releases)
    assert code == 0 and "release 1.0.0" in out
    frozen = {path.relative_to(releases / "1.0.0"): path.read_bytes() for path in (releases / "1.0.0").rglob("*") if path.is_file()}
    source = {path.relative_to(REQUIRED / "old"): path.read_bytes() for path in (REQUIRED / "old").rglob("*") if path.is_file()}
    assert frozen == source
    code, _, err = schema(capsys, "freeze", REQUIRED / "old", "--releases", releases)
    assert code == 1 and "never changes" in err
    assert schema(capsys, "freeze", REQUIRED / "old", "--releases", releases, "--replace")[0] == 0
    assert sorted(path.name for path in releases.iterdir()) == ["1.0.0"]  # no staging folder left


def test_freeze_refuses_a_version_the_gate_fails(capsys, kept):
    code, _, err = schema(capsys, "freeze", REQUIRED / "unbumped", "--releases", kept)
    assert code == 1 and "refusing to freeze 1.1.0" in err and "field-required" in err
    assert not (kept / "1.1.0").exists()


@pytest.mark.parametrize("args", [("diff", "9.9.9"), ("diff", "no-such-folder"), ("check", "no-such-folder"), ("diff",), ("frobnicate",)])
def test_usage_errors_exit_2_without_a_traceback(capsys, args):
    code, _, err = schema(capsys, *args)
    assert code == 2 and "Traceback" not in err and err


def test_a_broken_schema_file_is_a_message_not_a_traceback(capsys, tmp_path):
    broken = shutil.copytree(REQUIRED / "old", tmp_path / "broken")
    (broken / "note.schema.json").write_text("{not json")
    code, _, err = schema(capsys, "diff", REQUIRED / "old", broken)
    assert code == 2 and "note.schema.json cannot be read as JSON" in err


def test_an_unresolvable_ref_is_a_message_not_a_traceback(capsys, tmp_path):
    broken = shutil.copytree(REQUIRED / "old", tmp_path / "broken")
    note = json.loads((broken / "note.schema.json").read_text())
    note["properties"]["id"]["$ref"] = "https://example.com/elsewhere.json"
    (broken / "note.schema.json").write_text(json.dumps(note))
    code, _, err = schema(capsys, "diff", REQUIRED / "old", broken)
    assert code == 2 and "does not resolve to a schema of the set" in err


def test_schema_texts_reach_the_terminal_escaped(capsys, tmp_path):
    hostile = shutil.copytree(REQUIRED / "old", tmp_path / "hostile")
    note = json.loads((hostile / "note.schema.json").read_text())
    note["properties"]["evil\x1b[2J\x07"] = {"type": "string"}
    (hostile / "note.schema.json").write_text(json.dumps(note))
    code, out, _ = schema(capsys, "diff", REQUIRED / "old", hostile)
    assert code == 0 and "\x1b" not in out and "\x07" not in out
    assert "evil\\u001b[2J\\u0007" in out


def test_the_command_runs_as_a_user_runs_it(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "communique", "schema", "diff", str(REQUIRED / "old"), str(REQUIRED / "new")],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0 and "field-required" in result.stdout
