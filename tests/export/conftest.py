"""A small dataset that uses every construct the tables must carry, and readers of an export."""

from __future__ import annotations

import csv
import json
import os
import sqlite3
from pathlib import Path

import pytest
import testdata

import communique
from communique.export import write_package
from communique.export import package
from communique.export import tables as shapes
from communique.export.writers import FORMULA_STARTS
from communique.kinds import KINDS, Kind
from communique.resources import dataset_dir

SOURCE = {"url": "https://example.org/a,b?c=d&e=f", "title": "A source, with \"quotes\""}

RECORDS = {
    "actors": [
        {
            "$schema": "../../schema/v2/actor.schema.json",
            "id": "sergey-lavrov",
            "name": "Sergey Lavrov",
            "kind": "person",
            "aliases": ["Sergei Lavrov", "Лавров"],
            "country": "RU",
            "roles": [
                {
                    "role": "foreign-minister",
                    "title": "Minister of Foreign Affairs",
                    "of": "russia",
                    "start": "2004-03-09",
                    "sources": [SOURCE, {"url": "https://example.org/second"}],
                },
                {"role": "ambassador", "title": "Permanent Representative", "start": "1994-01-01", "end": "2004-03-08"},
            ],
            "notes": [
                {
                    "kind": "unverified",
                    "field": "/wikidata",
                    "text": "Candidate item, not checked.",
                    "sources": [{"url": "https://example.org/note"}],
                }
            ],
        },
        {
            "$schema": "../../schema/v2/actor.schema.json",
            "id": "russia",
            "name": "Russia",
            "kind": "state",
            "wikidata": "Q159",
            "country": "RU",
        },
        {
            "$schema": "../../schema/v2/actor.schema.json",
            "id": "tass",
            "name": "TASS",
            "kind": "organization",
            "silence": [{"rule": "ref.orphan-actor", "reason": "Kept on purpose for the test."}],
        },
        {"$schema": "../../schema/v2/actor.schema.json", "id": "united-states", "name": "United States", "kind": "state"},
    ],
    "articles": [
        {
            "$schema": "../../schema/v2/article.schema.json",
            "id": "tass-2020-09-11-dialogue",
            "headline": "Russia ready for dialogue — top diplomat",
            "publisher": "tass",
            "original_publisher": {"actor": "tass", "certainty": "probable"},
            "published": "2020-09-11",
            "dateline": "MOSCOW",
            "url": "https://tass.com/politics/1199783",
            "language": "en",
            "body": "MOSCOW, September 11. \"We are used to being number one,\" he said.\n\n  Second paragraph, with a comma; and a tab\t.",
            "capture": {"file": "000_seed.txt", "removed": ["Share", "Read more, on TASS"]},
            "sources": [SOURCE],
        }
    ],
    "statements": [
        {
            "$schema": "../../schema/v2/statement.schema.json",
            "id": "tass-2020-09-11-dialogue-number-one",
            "article": "tass-2020-09-11-dialogue",
            "speaker": "sergey-lavrov",
            "speaker_role": "foreign-minister",
            "text": "We are used to being number one",
            "selector": {"part": "body", "exact": "We are used to being number one", "prefix": "September 11. \"", "suffix": ",\" he said.", "start": 23, "end": 54},
            "kind": "quote",
            "speech_act": "claim",
            "ironic": True,
            "attribution": "he said",
            "date": "2020-09-10",
            "event": "2020-09-11-press-conference",
            "original_language": "ru",
            "topics": ["election-interference", "a-new-open-code"],
            "mentions": ["united-states", "russia"],
            "treaties": ["new-start"],
            "notes": [
                {"kind": "translation", "text": "Translated from Russian by TASS."},
                {"kind": "source-error", "field": "/date", "text": "Said a day earlier.", "sources": [SOURCE]},
            ],
        },
        {
            "$schema": "../../schema/v2/statement.schema.json",
            "id": "tass-2020-09-11-dialogue-ready",
            "article": "tass-2020-09-11-dialogue",
            "speaker": "russia",
            "text": "Moscow is ready for honest dialogue",
            "kind": "paraphrase",
            "date": "2020-09-11",
            "responds_to": [{"relation": "repeats", "target": "tass-2020-09-11-dialogue-number-one"}, {"relation": "denies", "claim": "Russia interferes", "claimant": "united-states"}],
        },
    ],
    "events": [
        {
            "$schema": "../../schema/v2/event.schema.json",
            "id": "2020-09-11-press-conference",
            "name": "Press conference, with a comma",
            "kind": "press-conference",
            "start": "2020-09-10T14:00+03:00",  # the day its statement is dated
            "participants": [{"actor": "sergey-lavrov", "part": "speaker"}, {"actor": "russia", "part": "host", "sources": [SOURCE]}],
        }
    ],
    "treaties": [
        {
            "$schema": "../../schema/v2/treaty.schema.json",
            "id": "new-start",
            "name": "Treaty on Measures for the Further Reduction and Limitation of Strategic Offensive Arms",
            "short_name": "New START",
            "parties": ["united-states", "russia"],
            "signed": "2010-04-08",
            "in_force": "2011-02-05",
            "expires": "2026-02-05",
            "status": "expired",
            "status_date": "2026-03-01",
            "lifecycle": [
                {"date": "2010-04-08", "event": "signed", "description": "Signed in Prague."},
                {
                    "date": "2021-02-03",
                    "event": "extended",
                    "by": "russia",
                    "until": "2026-02-05",
                    "description": "Extended for five years.",
                    "sources": [SOURCE],
                },
            ],
        }
    ],
}


def write_dataset(root: Path, records: dict[str, list[dict]] = RECORDS) -> Path:
    """A dataset folder of these records (default: the one that uses every construct)."""
    return testdata.write_dataset(root, records)


def _curated(root: Path) -> dict[Kind, dict[str, dict]]:
    """The records of a dataset folder read straight from their files, by kind and id."""
    out = {}
    for kind in KINDS:
        files = sorted((root / kind.folder).glob("*.json"))
        out[kind] = {path.stem: json.loads(path.read_text(encoding="utf-8")) for path in files}
    return out


def _csv_value(cell: str) -> str | None:
    """A CSV cell's value: empty is a field left out, a quote before a formula character is taken off."""
    if cell == "":
        return None
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA_STARTS) else cell


def _csv_rows(out: Path, *, raw: bool = False) -> dict[str, list[dict]]:
    """Every CSV table of an export, by value (see ``_csv_value``) or, ``raw``, cell for cell."""
    found = {}
    for table in shapes.tables():
        with (out / "csv" / f"{table.name}.csv").open(encoding="utf-8", newline="") as handle:
            found[table.name] = [
                {key: (value if raw else _csv_value(value)) for key, value in row.items()} for row in csv.DictReader(handle)
            ]
    return found


def _sqlite_rows(out: Path) -> dict[str, list[dict]]:
    connection = sqlite3.connect(out / "communique.sqlite")
    connection.row_factory = sqlite3.Row
    try:
        return {
            table.name: [dict(row) for row in connection.execute(f'SELECT * FROM "{table.name}"')]
            for table in shapes.tables()
        }
    finally:
        connection.close()


@pytest.fixture
def small_dataset(tmp_path: Path) -> Path:
    return write_dataset(tmp_path / "dataset")


@pytest.fixture(scope="session")
def small_records() -> dict[str, list[dict]]:
    """The small dataset's records by kind folder; copy before changing them."""
    return RECORDS


@pytest.fixture(scope="session")
def real_dataset() -> Path:
    return dataset_dir()


@pytest.fixture
def previous(small_dataset: Path, tmp_path: Path) -> Path:
    """A folder holding a previous export of the small dataset, beside it."""
    out = tmp_path / "export"
    write_package(communique.load(small_dataset), out)
    return out


# The readers, as fixtures: test modules here are not a package, so they cannot import them.


@pytest.fixture(scope="session")
def curated():
    return _curated


@pytest.fixture(scope="session")
def csv_rows():
    return _csv_rows


@pytest.fixture(scope="session")
def sqlite_rows():
    return _sqlite_rows


def _tamper(out: Path, path: str, old: str, new: str) -> None:
    """Change a file of the export and restamp its size and hash, so only the content is wrong."""
    target = out / path
    target.write_bytes(target.read_bytes().replace(old.encode(), new.encode(), 1))
    descriptor_path = out / "datapackage.json"
    descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        if resource["path"] == path:
            resource.update(package._stamp(out, path))
    descriptor_path.write_text(json.dumps(descriptor), encoding="utf-8")


@pytest.fixture(scope="session")
def tamper():
    return _tamper


def _snapshot(root: Path) -> dict[str, object]:
    """Everything under ``root``: file bytes, link targets, folders; no link followed."""
    found: dict[str, object] = {}
    for path in sorted(root.rglob("*")):
        name = path.relative_to(root).as_posix()
        if path.is_symlink():
            found[name] = ("link", os.readlink(path))
        elif path.is_dir():
            found[name] = "folder"
        else:
            found[name] = path.read_bytes()
    return found


@pytest.fixture(scope="session")
def snapshot():
    return _snapshot
