"""``communique query`` answers from the export's SQLite tables, in every format; ``communique stats`` counts."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

import communique
from communique.export import write_package
from communique.query import connect

COMMAND = [sys.executable, "-m", "communique"]


def communique_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*COMMAND, *args], capture_output=True, text=True)


def test_the_query_database_is_the_exported_one(small_dataset, tmp_path, sqlite_rows):
    out = tmp_path / "export"
    write_package(communique.load(small_dataset), out)
    connection = connect(communique.load(small_dataset))
    exported = sqlite_rows(out)
    for table, rows in exported.items():
        cursor = connection.execute(f'SELECT * FROM "{table}"')
        names = [column[0] for column in cursor.description]
        assert [dict(zip(names, row)) for row in cursor] == rows, table


SQL = "SELECT id, text, date FROM statements ORDER BY id"


def test_json_output_is_every_row_with_exact_text(small_dataset, small_records):
    result = communique_cli("query", SQL, "--format", "json", "--dataset", str(small_dataset))
    assert result.returncode == 0, result.stderr
    statements = sorted(small_records["statements"], key=lambda record: record["id"])
    assert json.loads(result.stdout) == [{key: record[key] for key in ("id", "text", "date")} for record in statements]


def test_csv_output_quotes_a_formula_as_the_export_does(small_dataset):
    result = communique_cli("query", "SELECT '=1+1' AS cell, 2 AS number", "--format", "csv", "--dataset", str(small_dataset))
    assert list(csv.reader(io.StringIO(result.stdout))) == [["cell", "number"], ["'=1+1", "2"]]


def test_table_output_aligns_and_counts(small_dataset, small_records):
    result = communique_cli("query", "SELECT id, kind FROM actors ORDER BY id", "--dataset", str(small_dataset))
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["id", "kind"] and set(lines[1]) == {"-", " "}
    assert lines[-1] == f"({len(small_records['actors'])} rows)"
    assert lines[2].index(lines[2].split()[1]) == lines[0].index("kind")


@pytest.mark.parametrize("output", ["table", "json"])
def test_no_text_in_the_results_can_act_on_the_terminal(small_dataset, output):
    # the schemas keep control characters out of records, but SQL can make any text
    sql = "SELECT char(27) || ']52;c;cHduZWQ=' || char(7) || ' ' || char(8238) || 'evil' || text AS said FROM statements"
    result = communique_cli("query", sql, "--format", output, "--dataset", str(small_dataset))
    assert result.returncode == 0, result.stderr
    assert not {"\x1b", "\x07", "\u202e"} & set(result.stdout)
    assert ("\\x1b]52" if output == "table" else "\\u001b]52") in result.stdout


@pytest.mark.parametrize("sql", ["SELECT nothing FROM nowhere", "DELETE FROM statements", "not sql"])
def test_bad_or_writing_sql_is_a_message_and_exit_1(small_dataset, sql):
    result = communique_cli("query", sql, "--dataset", str(small_dataset))
    assert result.returncode == 1 and result.stderr.startswith("communique query: ") and "Traceback" not in result.stderr


def test_a_folder_that_is_no_dataset_is_a_usage_error(tmp_path):
    for command in ("query", "stats"):
        args = [command, "SELECT 1"] if command == "query" else [command]
        result = communique_cli(*args, "--dataset", str(tmp_path))
        assert result.returncode == 2 and "is not a dataset folder" in result.stderr


def test_stats_counts_kinds_speakers_dates_and_findings(small_dataset, small_records):
    result = communique_cli("stats", "--format", "json", "--dataset", str(small_dataset))
    assert result.returncode == 0, result.stderr
    numbers = json.loads(result.stdout)
    assert numbers["records"] == {folder: len(items) for folder, items in small_records.items()}
    speakers = {statement["speaker"] for statement in small_records["statements"]}
    assert numbers["speakers"] == len(speakers) and {s["id"] for s in numbers["top_speakers"]} == speakers
    dates = sorted(statement["date"] for statement in small_records["statements"])
    assert numbers["said"] == {"first": dates[0], "last": dates[-1]}
    validated = communique_cli("validate", "--format", "json", str(small_dataset))
    assert sum(numbers["findings"]["by_severity"].values()) == len(json.loads(validated.stdout))
    text = communique_cli("stats", "--dataset", str(small_dataset)).stdout
    assert f"speakers: {len(speakers)}" in text and "findings:" in text
