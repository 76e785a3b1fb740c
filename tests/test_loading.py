"""``communique.load()``: typed records from the packaged dataset or any folder, clear errors otherwise."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

import communique
from communique.kinds import KINDS
from communique.loading import DatasetError
from communique.models import Statement
from communique.resources import dataset_dir


def _files(root: Path) -> int:
    return sum(1 for kind in KINDS for _ in (root / kind.folder).glob("*.json"))


def test_packaged_dataset_loads_every_record():
    data = communique.load()
    assert len(data) == _files(dataset_dir()) > 0
    lavrov = data.actors["sergey-lavrov"]
    assert lavrov.kind == "person"
    quote = next(s for s in data.statements_by("sergey-lavrov") if s.kind == "quote")
    assert isinstance(quote, Statement) and isinstance(quote.date, dt.date)
    assert data.get("article", quote.article) is data.articles[quote.article]
    assert data.get("treaty", "no-such-treaty") is None


def test_lookups_follow_references():
    data = communique.load()
    for statement in data.statements.values():
        assert statement in data.statements_in(statement.article)
        for treaty in statement.treaties:
            assert statement in data.statements_about(treaty)


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    target = tmp_path / "dataset"
    shutil.copytree(dataset_dir(), target)
    return target


def test_load_a_folder_of_ones_own(copy: Path):
    record = json.loads((copy / "actors" / "russia.json").read_text(encoding="utf-8"))
    record.update(id="ruritania", name="Ruritania", aliases=["Ruritanian Kingdom"])
    (copy / "actors" / "ruritania.json").write_text(json.dumps(record), encoding="utf-8")
    data = communique.load(copy)
    assert data.actors["ruritania"].name == "Ruritania"
    assert data.path == copy


def test_broken_json_names_file_line_and_rule(copy: Path):
    path = copy / "actors" / "russia.json"
    path.write_text('{\n  "id": "russia",\n  "id": "russia"\n}\n', encoding="utf-8")
    with pytest.raises(DatasetError) as caught:
        communique.load(copy)
    [problem] = caught.value.problems
    assert "actors/russia.json:3:3:" in problem and "[json.duplicate-key]" in problem


def test_a_value_the_schema_refuses_is_refused_with_its_place(copy: Path):
    path = copy / "treaties" / "new-start.json"
    record = json.loads(path.read_text(encoding="utf-8"))
    record["signed"] = 20100408  # lax pydantic would make this a date
    path.write_text(json.dumps(record, indent=2), encoding="utf-8")
    with pytest.raises(DatasetError) as caught:
        communique.load(copy)
    [problem] = caught.value.problems
    line = next(n for n, text in enumerate(path.read_text().splitlines(), 1) if '"signed"' in text)
    assert f"new-start.json:{line}:" in problem and "/signed" in problem


def test_a_repeated_id_is_an_error_not_a_silent_overwrite(copy: Path):
    shutil.copy(copy / "actors" / "russia.json", copy / "actors" / "russia-again.json")
    with pytest.raises(DatasetError, match="id 'russia' is used twice"):
        communique.load(copy)


def test_missing_folder(tmp_path: Path):
    with pytest.raises(FileNotFoundError):
        communique.load(tmp_path / "nowhere")


def test_a_dataset_error_shows_what_records_hold_escaped(copy: Path):
    path = copy / "actors" / "russia.json"
    record = json.loads(path.read_text(encoding="utf-8"))
    record["\x1b]52;c;b3duZWQ=\x07"] = "x"  # OSC 52: writes the reader's clipboard
    path.write_text(json.dumps(record), encoding="utf-8")
    with pytest.raises(DatasetError) as caught:
        communique.load(copy)
    assert "\x1b" in "".join(caught.value.problems)  # the problems are the data as it is ...
    assert "\x1b" not in str(caught.value) and "\\x1b]52" in str(caught.value)  # ... the message is safe to print
