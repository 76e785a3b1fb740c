"""``communique validate`` as a user runs it: exit codes, paths, and every output format."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from testdata import INVALID, overlay

STATEMENT = "statements/tass-2020-09-11-lavrov-honest-dialogue-publish-correspondence.json"


def communique(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "communique", "validate", *args], cwd=cwd, capture_output=True, text=True, timeout=120
    )


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    """A dataset with one schema error (schema.required) and one warning (an orphan actor)."""
    root = overlay(tmp_path / "dataset", INVALID / "schema.required")
    shutil.copytree(INVALID / "ref.orphan-actor" / "actors", root / "actors", dirs_exist_ok=True)
    return root


def test_a_valid_dataset_exits_0(dataset):
    result = communique(cwd=dataset.parent)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 errors, 0 warnings" in result.stdout


def test_errors_exit_1_and_warnings_only_with_strict(broken, tmp_path):
    assert communique("dataset", cwd=tmp_path).returncode == 1
    (broken / STATEMENT).unlink()
    assert communique("dataset", cwd=tmp_path).returncode == 0
    assert communique("dataset", "--strict", cwd=tmp_path).returncode == 1


@pytest.mark.parametrize("args", [("no-such-folder",), ("--format", "xml"), (".",)])
def test_usage_errors_exit_2_without_a_traceback(tmp_path, args):
    result = communique(*args, cwd=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "error" in result.stderr


def test_json_lists_every_finding_with_its_place(broken, tmp_path):
    result = communique("dataset", "--format", "json", cwd=tmp_path)
    findings = json.loads(result.stdout)
    assert {(finding["rule"], finding["severity"]) for finding in findings} == {
        ("schema.required", "error"),
        ("ref.orphan-actor", "warning"),
    }
    required = next(finding for finding in findings if finding["rule"] == "schema.required")
    assert required["path"] == f"dataset/{STATEMENT}"
    assert (required["line"], required["column"], required["pointer"]) == (1, 1, "")
    assert set(required) == {"path", "line", "column", "pointer", "rule", "severity", "message", "hint", "record"}
    assert '"date"' in required["message"] and required["hint"]


def test_github_annotations_one_per_finding(broken, tmp_path):
    lines = communique("dataset", "--format", "github", cwd=tmp_path).stdout.splitlines()
    assert len(lines) == 2
    pattern = re.compile(r"^::(error|warning|notice) file=[^,:]+,line=\d+,col=\d+,title=[a-z.-]+::\S.*$")
    assert all(pattern.match(line) for line in lines), lines
    assert any(line.startswith(f"::error file=dataset/{STATEMENT},line=1,col=1,title=schema.required::") for line in lines)


def test_sarif_carries_the_catalogue_and_every_result(broken, tmp_path):
    from communique.rules import catalogue

    sarif = json.loads(communique("dataset", "--format", "sarif", cwd=tmp_path).stdout)
    assert sarif["version"] == "2.1.0"
    (run,) = sarif["runs"]
    rules = run["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules] == [rule.id for rule in catalogue()]
    assert {result["ruleId"] for result in run["results"]} == {"schema.required", "ref.orphan-actor"}
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in {"error", "warning", "note"}
        region = result["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1


def test_text_groups_by_file_and_summarises_a_rule_that_fires_often(dataset):
    for number in range(14):
        (dataset / "actors" / f"extra-{number}.json").write_text(
            json.dumps({"$schema": "../../schema/v1/actor.schema.json", "id": f"extra-{number}", "name": "X", "kind": "person"}),
            encoding="utf-8",
        )
    result = communique("--limit", "5", cwd=dataset.parent)
    assert result.returncode == 0
    assert result.stdout.count("  ref.orphan-actor\n") == 5
    assert "... and 9 more ref.orphan-actor findings" in result.stdout
    assert "\x1b[" not in result.stdout  # no colour when not on a terminal
    assert result.stdout.rstrip().splitlines()[-1].startswith("✓ 0 errors, 14 warnings in 14 files")
    coloured = communique("--color", cwd=dataset.parent)
    assert "\x1b[" in coloured.stdout


def test_files_are_checked_in_the_context_of_their_dataset(broken, tmp_path):
    only_actor = communique("--format", "json", "dataset/actors/wang-yi.json", cwd=tmp_path)
    assert [finding["rule"] for finding in json.loads(only_actor.stdout)] == ["ref.orphan-actor"]
    # the statement's references resolve against the whole dataset: its only finding is its own
    (broken / "README.md").write_text("Not data: ignored.\n", encoding="utf-8")
    only_statement = communique("--format", "json", f"dataset/{STATEMENT}", "dataset/README.md", cwd=tmp_path)
    assert [finding["rule"] for finding in json.loads(only_statement.stdout)] == ["schema.required"]
    assert only_statement.returncode == 1


def test_a_kind_folder_checks_its_files(broken, tmp_path):
    result = communique("--format", "json", "dataset/actors", cwd=tmp_path)
    assert [finding["rule"] for finding in json.loads(result.stdout)] == ["ref.orphan-actor"]


def test_a_data_file_outside_a_dataset_is_a_usage_error(tmp_path):
    (tmp_path / "stray.json").write_text("{}", encoding="utf-8")
    assert communique("stray.json", cwd=tmp_path).returncode == 2


def test_json_lines_findings_carry_their_line_numbers(dataset):
    lines = (dataset / "statements" / "imported.jsonl").read_text(encoding="utf-8").splitlines()
    broken = lines[1].replace('"kind": "paraphrase"', '"kind": "paraphrase",,')
    (dataset / "statements" / "imported.jsonl").write_text(f"{lines[0]}\n\n  \n{broken}\n", encoding="utf-8")
    findings = json.loads(communique("--format", "json", cwd=dataset.parent).stdout)
    assert [(finding["path"], finding["line"], finding["rule"]) for finding in findings] == [
        ("dataset/statements/imported.jsonl", 4, "json.syntax")
    ]
    assert findings[0]["column"] == broken.index(",,") + 2


def test_version_names_the_installed_distribution(tmp_path):
    from importlib.metadata import version

    result = subprocess.run([sys.executable, "-m", "communique", "--version"], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and result.stdout.splitlines()[0] == f"communique {version('communique')}"


def test_a_reader_that_stops_early_ends_the_output_quietly(broken, tmp_path):
    # `communique validate | head -1`: the pipe closes before the findings are written
    process = subprocess.Popen(
        [sys.executable, "-m", "communique", "validate", "--format", "json", "dataset"],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    process.stdout.close()
    stderr = process.communicate(timeout=120)[1].decode()
    assert process.returncode == 1, stderr  # the findings' verdict, not an internal error (3)
    assert stderr == ""


def _command(*args: str, cwd: Path, env: dict | None = None, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "communique", *args], cwd=cwd, capture_output=True, text=True, timeout=120, env=env, **kwargs)


@pytest.mark.parametrize("args", [("validate", "--format", "json", "dataset"), ("validate", "dataset"), ("--help",)])
def test_a_full_disk_is_said_plainly_with_exit_4(broken, tmp_path, args):
    with open("/dev/full", "w") as full:
        result = subprocess.run([sys.executable, "-m", "communique", *args], cwd=tmp_path, stdout=full, stderr=subprocess.PIPE, text=True, timeout=120)
    assert result.returncode == 4
    assert result.stderr == "communique: cannot write the output: No space left on device\n"


def test_a_closed_standard_output_is_said_plainly_with_exit_4(broken, tmp_path):
    result = subprocess.run([sys.executable, "-m", "communique", "validate", "dataset"], cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, timeout=120, preexec_fn=lambda: os.close(1))
    assert result.returncode == 4
    assert result.stderr == "communique: cannot write the output: standard output is closed\n"


def test_export_to_a_full_disk_is_said_plainly(dataset, tmp_path):
    with open("/dev/full", "w") as full:
        result = subprocess.run([sys.executable, "-m", "communique", "export", "--out", str(tmp_path / "out")], cwd=dataset.parent, stdout=full, stderr=subprocess.PIPE, text=True, timeout=300)
    assert result.returncode == 4
    assert result.stderr == "communique: cannot write the output: No space left on device\n"


def test_no_arguments_prints_the_help(tmp_path):
    result = _command(cwd=tmp_path)
    assert result.returncode == 2 and result.stderr == ""
    assert result.stdout.startswith("usage: communique") and "validate" in result.stdout and "export" in result.stdout


def test_help_speaks_to_users(tmp_path):
    text = _command("--help", cwd=tmp_path).stdout
    assert "``" not in text and "module" not in text  # not the developers' docstring
    assert "Exit status" in text and "4 the output could not be written" in text
    assert "Exit status" in _command("validate", "--help", cwd=tmp_path).stdout


@pytest.mark.parametrize("limit", ["0", "-1", "x"])
def test_limit_must_be_a_positive_number(dataset, limit):
    result = _command("validate", "--limit", limit, cwd=dataset.parent)
    assert result.returncode == 2 and "--limit" in result.stderr


def test_files_that_name_nothing_to_check_are_a_usage_error(tmp_path):
    (tmp_path / "some.py").write_text("print()\n")
    result = _command("validate", "some.py", cwd=tmp_path)
    assert result.returncode == 2 and "nothing to check" in result.stderr


@pytest.mark.parametrize(
    ("environment", "flag", "coloured"),
    [
        ({}, None, False),
        ({"FORCE_COLOR": "1"}, None, True),
        ({"NO_COLOR": "1", "FORCE_COLOR": "1"}, None, False),
        ({"NO_COLOR": ""}, "--color", True),
        ({"NO_COLOR": "1"}, "--color", True),
        ({"FORCE_COLOR": "1"}, "--no-color", False),
    ],
)
def test_colour_follows_no_color_and_force_color_unless_asked(broken, tmp_path, environment, flag, coloured):
    env = {key: value for key, value in os.environ.items() if key not in ("NO_COLOR", "FORCE_COLOR")}
    result = _command("validate", "dataset", *([flag] if flag else []), cwd=tmp_path, env={**env, **environment})
    assert ("\x1b[" in result.stdout) is coloured


def test_colour_on_a_terminal_unless_no_color():
    from communique.validate.command import use_colour

    assert use_colour(None, {}, True) and not use_colour(None, {"NO_COLOR": "1"}, True)
    assert use_colour(None, {"NO_COLOR": ""}, True)  # set but empty: as if unset (no-color.org)


def test_a_dataset_named_through_a_link_is_checked_whole(broken, tmp_path):
    (tmp_path / "linked").symlink_to(broken)
    result = communique("--format", "json", "linked", cwd=tmp_path)
    assert {finding["rule"] for finding in json.loads(result.stdout)} == {"schema.required", "ref.orphan-actor"}
