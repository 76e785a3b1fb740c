"""An export carries the curated records faithfully, validates, and is the same every time."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import frictionless
import pytest

import communique
from communique.export import ExportError, files, write_package, write_records
from communique.export import package as package_module
from communique.export import tables as shapes
from communique.export.manifest import MANIFEST
from communique.kinds import KINDS
from communique.schemas import validator_for


@pytest.fixture(params=["small", "real"])
def exported(request, small_dataset, real_dataset, tmp_path):
    """(dataset folder, export folder) for the small fixture and for the curated dataset."""
    root = small_dataset if request.param == "small" else real_dataset
    out = tmp_path / "export"
    write_package(communique.load(root), out)
    return root, out


def test_writes_exactly_the_listed_files_and_its_manifest(exported):
    _, out = exported
    written = sorted(str(path.relative_to(out)) for path in out.rglob("*") if path.is_file())
    assert written == sorted([*files(), MANIFEST])
    listed = json.loads((out / MANIFEST).read_text(encoding="utf-8"))["files"]
    assert list(listed) == files()
    assert all(digest == f"sha256:{hashlib.sha256((out / name).read_bytes()).hexdigest()}" for name, digest in listed.items())


def test_jsonl_carries_the_records_as_curated(exported, curated):
    root, out = exported
    for kind, by_id in curated(root).items():
        lines = (out / "jsonl" / f"{kind.folder}.jsonl").read_text(encoding="utf-8").splitlines()
        records = [json.loads(line) for line in lines]
        assert [record["id"] for record in records] == sorted(by_id)
        for record in records:
            assert record == by_id[record["id"]]
            assert list(record) == list(by_id[record["id"]])  # the curator's key order too


@pytest.mark.parametrize("reader", ["csv_rows", "sqlite_rows"], ids=["csv", "sqlite"])
def test_round_trip_gives_the_curated_records(exported, reader, request, curated):
    root, out = exported
    rows = request.getfixturevalue(reader)(out)
    for kind, by_id in curated(root).items():
        rebuilt = shapes.records(kind, rows)
        assert [record["id"] for record in rebuilt] == sorted(by_id)
        for record in rebuilt:
            assert record == by_id[record["id"]], record["id"]


def test_round_trip_sees_a_changed_cell(small_dataset, tmp_path, csv_rows, curated):
    out = tmp_path / "export"
    write_package(communique.load(small_dataset), out)
    rows = csv_rows(out)
    rows["statement_topics"][0]["topic"] = "arms-control"
    rebuilt = shapes.records(KINDS[2], rows)
    original = curated(small_dataset)[KINDS[2]]
    assert any(record != original[record["id"]] for record in rebuilt)


def test_resources_carry_their_size_and_sha256(exported):
    _, out = exported
    descriptor = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    assert {resource["path"] for resource in descriptor["resources"]} == set(package_module.packaged()) - {"datapackage.json"}
    for resource in descriptor["resources"]:
        data = (out / resource["path"]).read_bytes()
        assert resource["bytes"] == len(data)
        assert resource["hash"] == f"sha256:{hashlib.sha256(data).hexdigest()}"


def test_descriptor_metadata(small_dataset, tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    out = tmp_path / "export"
    write_package(communique.load(small_dataset), out)
    descriptor = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["$schema"] == "https://datapackage.org/profiles/2.0/datapackage.json"
    assert descriptor["name"] == "communique"
    assert descriptor["version"] == communique.__version__
    assert descriptor["licenses"] and descriptor["contributors"] and descriptor["title"]
    assert descriptor["sources"] == [{"title": "Russia ready for dialogue — top diplomat", "path": "https://tass.com/politics/1199783"}]
    # the latest content date (the treaty's status date), not the clock
    assert descriptor["created"] == "2026-03-01T00:00:00Z"
    tables = [resource for resource in descriptor["resources"] if resource["path"].startswith("csv/")]
    assert all(resource["type"] == "table" and resource["schema"]["primaryKey"] for resource in tables)


def test_created_follows_source_date_epoch(small_dataset, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    out = tmp_path / "export"
    write_package(communique.load(small_dataset), out)
    assert json.loads((out / "datapackage.json").read_text())["created"] == "2023-11-14T22:13:20Z"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(ExportError, match="SOURCE_DATE_EPOCH"):
        write_package(communique.load(small_dataset), out)


def test_frictionless_validates_the_package(exported):
    _, out = exported
    report = frictionless.validate(str(out / "datapackage.json"))
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "type", "note"])


def test_frictionless_command_line_validates_the_package(real_dataset, tmp_path):
    out = tmp_path / "export"
    write_package(communique.load(real_dataset), out)
    cli = Path(sys.executable).parent / "frictionless"
    result = subprocess.run([str(cli), "validate", str(out / "datapackage.json")], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:]


# Frictionless as `pip install frictionless` gives it: without its json extra (ijson, jsonlines),
# whatever this environment happens to have installed.
_PLAIN_FRICTIONLESS = """
import sys
sys.modules.update(ijson=None, jsonlines=None)
import frictionless
report = frictionless.validate(sys.argv[1])
print(report.flatten(["resourceName", "type", "note"]))
sys.exit(0 if report.valid else 1)
"""


def test_plain_frictionless_without_its_json_plugin_validates_the_package(real_dataset, tmp_path):
    out = tmp_path / "export"
    write_package(communique.load(real_dataset), out)
    command = [sys.executable, "-c", _PLAIN_FRICTIONLESS, str(out / "datapackage.json")]
    result = subprocess.run(command, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


def test_json_lines_are_files_linked_to_their_json_schema(exported):
    _, out = exported
    resources = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))["resources"]
    jsonl = {resource["path"]: resource for resource in resources if resource["format"] == "jsonl"}
    assert sorted(jsonl) == sorted(package_module.jsonl_path(kind) for kind in KINDS)
    for kind in KINDS:
        resource = jsonl[package_module.jsonl_path(kind)]
        assert resource["type"] == "file" and "schema" not in resource
        assert resource["jsonSchema"] == kind.schema_id


def test_the_linked_json_schema_catches_a_tampered_json_lines_record(small_dataset, tmp_path, tamper):
    """What a Table Schema checked in the JSON Lines before, their linked JSON Schema checks now."""
    out = tmp_path / "export"
    write_package(communique.load(small_dataset), out)
    tamper(out, "jsonl/statements.jsonl", '"kind":"quote"', '"kind":"rumour"')
    descriptor = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    (resource,) = [r for r in descriptor["resources"] if r["path"] == "jsonl/statements.jsonl"]
    (kind,) = [kind for kind in KINDS if kind.schema_id == resource["jsonSchema"]]
    lines = (out / resource["path"]).read_text(encoding="utf-8").splitlines()
    errors = [error for line in lines for error in validator_for(kind).iter_errors(json.loads(line))]
    assert [list(error.absolute_path) for error in errors] == [["kind"]]
    assert frictionless.validate(str(out / "datapackage.json")).valid  # the hash was restamped: only the schema sees it


@pytest.mark.parametrize(
    "path, old, new, error",
    [
        ("csv/statements.csv", ",paraphrase,", ",rumour,", "constraint-error"),
        ("csv/statement_mentions.csv", "united-states", "nobody", "foreign-key"),
        ("csv/actors.csv", "Q159", "Q0159", "constraint-error"),
    ],
)
def test_frictionless_catches_what_the_schemas_forbid(small_dataset, tmp_path, tamper, path, old, new, error):
    out = tmp_path / "export"
    write_package(communique.load(small_dataset), out)
    tamper(out, path, old, new)
    report = frictionless.validate(str(out / "datapackage.json"))
    assert not report.valid
    assert error in {row[0] for row in report.flatten(["type"])}


def test_same_dataset_gives_the_same_bytes(small_dataset, tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    first, second = tmp_path / "first", tmp_path / "second"
    write_package(communique.load(small_dataset), first)
    # the same records met in another order must not change a byte
    records = package_module.records_of(communique.load(small_dataset))
    write_records({kind: list(reversed(items)) for kind, items in records.items()}, second)
    for name in [*files(), MANIFEST]:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_sqlite_has_keys_and_no_dangling_reference(exported):
    _, out = exported
    connection = sqlite3.connect(out / "communique.sqlite")
    try:
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        keys = {(row[2], row[3]) for row in connection.execute("PRAGMA foreign_key_list('statements')")}
        assert keys == {("articles", "article"), ("actors", "speaker"), ("actors", "translated_by"), ("events", "event")}
        primary = [row[1] for row in connection.execute("PRAGMA table_info('statement_note_sources')") if row[5]]
        assert primary == ["statement", "note_position", "position"]
        connection.execute("PRAGMA foreign_keys = ON")
        with pytest.raises(sqlite3.IntegrityError):
            connection.execute("INSERT INTO statement_mentions VALUES ('nope', 1, 'nobody')")
    finally:
        connection.close()


def test_a_failed_export_leaves_the_previous_one_untouched(small_dataset, tmp_path, monkeypatch, snapshot):
    out = tmp_path / "export"
    write_package(communique.load(small_dataset), out)
    before = snapshot(out)

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(package_module, "write_sqlite", broken)
    with pytest.raises(ExportError, match="disk full"):
        write_package(communique.load(small_dataset), out)
    assert snapshot(out) == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["dataset", "export"]  # no staging left


def test_a_failed_first_export_leaves_nothing(small_dataset, tmp_path, monkeypatch):
    out = tmp_path / "export"
    monkeypatch.setattr(package_module, "write_sqlite", lambda *args: (_ for _ in ()).throw(OSError("disk full")))
    with pytest.raises(ExportError):
        write_package(communique.load(small_dataset), out)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["dataset"]


def test_refuses_to_replace_a_folder_that_is_not_an_export(small_dataset, tmp_path):
    out = tmp_path / "precious"
    out.mkdir()
    (out / "thesis.tex").write_text("years of work")
    with pytest.raises(ExportError, match="refusing"):
        write_package(communique.load(small_dataset), out)
    assert (out / "thesis.tex").read_text() == "years of work"


def test_an_empty_string_is_refused_rather_than_lost(small_dataset, tmp_path):
    records = package_module.records_of(communique.load(small_dataset))
    records[KINDS[2]][0]["notes"][0]["field"] = ""  # the whole-record pointer: valid, but not CSV-safe
    with pytest.raises(ExportError, match="empty string"):
        write_records(records, tmp_path / "export")
    assert not (tmp_path / "export").exists()


# -- command line ------------------------------------------------------------------------


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "communique", "export", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )


def test_cli_exports(small_dataset, tmp_path):
    result = _cli("--out", str(tmp_path / "out"), "--dataset", str(small_dataset), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "datapackage.json").is_file()


@pytest.mark.parametrize("folder", ["nowhere", "plain"])
def test_cli_missing_dataset_is_a_usage_error(tmp_path, folder):
    """A folder that is missing, or holds no kind folder (as validate and load() say)."""
    (tmp_path / "plain").mkdir()
    (tmp_path / "plain" / "notes.txt").write_text("not a dataset", encoding="utf-8")
    result = _cli("--out", str(tmp_path / "out"), "--dataset", str(tmp_path / folder), cwd=tmp_path)
    assert result.returncode == 2
    said = "no such file or folder" if folder == "nowhere" else "not a dataset folder"  # validate's words
    assert said in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_cli_refusal_escapes_what_it_quotes(small_dataset, tmp_path):
    """A file name is anyone's: the list of errors shows its control characters as escapes."""
    (small_dataset / "statements" / "\x1b]52;c;aGk=\x07x.json").write_text("{", encoding="utf-8")
    result = _cli("--out", str(tmp_path / "out"), "--dataset", str(small_dataset), cwd=tmp_path)
    assert result.returncode == 1
    assert "\\x1b]52" in result.stderr and "\x1b" not in result.stderr and "\x07" not in result.stderr


def test_cli_refuses_an_invalid_dataset(small_dataset, tmp_path):
    (small_dataset / "statements" / "broken.json").write_text('{"id": "broken", "kind": "rumour"', encoding="utf-8")
    result = _cli("--out", str(tmp_path / "out"), "--dataset", str(small_dataset), cwd=tmp_path)
    assert result.returncode == 1
    assert "refusing" in result.stderr and "broken.json" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_cli_refuses_a_dangling_reference(small_dataset, tmp_path):
    path = small_dataset / "statements" / "tass-2020-09-11-dialogue-ready.json"
    record = json.loads(path.read_text(encoding="utf-8"))
    record["speaker"] = "nobody-at-all"
    path.write_text(json.dumps(record), encoding="utf-8")
    result = _cli("--out", str(tmp_path / "out"), "--dataset", str(small_dataset), cwd=tmp_path)
    assert result.returncode == 1
    assert "[ref.missing]" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_cli_refuses_what_only_the_validator_catches(small_dataset, tmp_path):
    path = small_dataset / "statements" / "tass-2020-09-11-dialogue-ready.json"
    record = json.loads(path.read_text(encoding="utf-8"))
    record["date"] = "2030-01-01"  # well-formed, but after its article was published
    path.write_text(json.dumps(record), encoding="utf-8")
    result = _cli("--out", str(tmp_path / "out"), "--dataset", str(small_dataset), cwd=tmp_path)
    assert result.returncode == 1 and "[meaning.statement-date]" in result.stderr
    assert not (tmp_path / "out").exists()


def test_cli_without_out_is_a_usage_error(tmp_path):
    assert _cli(cwd=tmp_path).returncode == 2

