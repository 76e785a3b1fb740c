"""The package's migration from schema 1 to 2, end to end on the dataset as it was at
schema 1.1 (``dataset-v1``): every occasion becomes an event its statements name, nothing
is lost, a second run changes nothing, and a run stopped anywhere leaves every file old
or new (and the next run finishes the work)."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from communique.cli import main
from communique.kinds import STATEMENT
from communique.schemas import schema_for
from communique.versioning.releases import working

V1_DATASET = Path(__file__).parent / "dataset-v1"
WANG_YI_EVENT = "2020-09-11-lavrov-press-conference-wang-yi-talks"


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def _records(folder: Path, kind_folder: str) -> dict[str, dict]:
    return {path.stem: json.loads(path.read_text(encoding="utf-8")) for path in sorted((folder / kind_folder).glob("*.json"))}


def migrate(capsys, dataset: Path, *args: str) -> tuple[int, str]:
    code = main(["migrate", "--to", "2.0.0", str(dataset), *args])
    return code, capsys.readouterr().out


@pytest.fixture
def dataset(tmp_path: Path) -> Path:
    copy = tmp_path / "dataset"
    shutil.copytree(V1_DATASET, copy)
    return copy


def test_the_fixture_is_a_schema_1_dataset_with_occasions():
    statements = _records(V1_DATASET, "statements")
    assert all(record["$schema"].startswith("../../schema/v1/") for record in statements.values())
    assert sum("occasion" in record for record in statements.values()) == 22
    assert working().version.major == 2


def test_every_occasion_becomes_an_event_and_a_second_run_changes_nothing(capsys, dataset):
    before = _snapshot(dataset)
    old_statements, articles = _records(dataset, "statements"), _records(dataset, "articles")
    code, out = migrate(capsys, dataset, "--check")
    assert code == 1 and "would be migrated to v2" in out and "new event record" in out
    assert _snapshot(dataset) == before

    code, out = migrate(capsys, dataset)
    assert code == 0, out
    statements, events = _records(dataset, "statements"), _records(dataset, "events")
    occasions = {(record["occasion"], articles[record["article"]]["published"][:10]) for record in old_statements.values() if "occasion" in record}
    created = {name: event for name, event in events.items() if f"events/{name}.json" not in before}
    assert len(created) == len(occasions) == 2  # one event per distinct occasion and article date
    for name, old in old_statements.items():
        new = statements[name]
        assert "occasion" not in new and new["$schema"] == "../../schema/v2/statement.schema.json"
        if "occasion" in old:
            event = events[new["event"]]
            assert event["name"] == old["occasion"] and event["start"] == old["date"]
            fields = list(schema_for(STATEMENT)["properties"])
            assert [key for key in new if key != "event"] == [key for key in old if key != "occasion"]
            assert sorted(new, key=fields.index) == list(new)  # event where the models and exports put it
        else:
            assert new == {**old, "$schema": new["$schema"]}
    for name, event in created.items():
        assert name == event["id"] and event["kind"] == "press-conference"
        assert event["$schema"] == "../../schema/v2/event.schema.json"
        assert (dataset / "events" / f"{name}.json").read_text(encoding="utf-8") == json.dumps(event, indent=2, ensure_ascii=False) + "\n"
    for name, data in before.items():  # every other record: only its $schema moved, the rest byte for byte
        if name.endswith(".json") and not name.startswith("statements/"):
            assert (dataset / name).read_bytes() == data.replace(b"/schema/v1/", b"/schema/v2/")

    assert main(["validate", str(dataset), "--strict"]) == 0, capsys.readouterr().out
    capsys.readouterr()
    after = _snapshot(dataset)
    code, out = migrate(capsys, dataset, "--check")
    assert code == 0 and "nothing to migrate" in out
    assert migrate(capsys, dataset)[0] == 0 and _snapshot(dataset) == after


def _name_event(dataset: Path, statement: str, event_id: str, occasion: str | None = None) -> None:
    path = dataset / "statements" / f"{statement}.json"
    record = json.loads(path.read_text(encoding="utf-8"))
    record["event"] = event_id
    if occasion is not None:
        record["occasion"] = occasion
    path.write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def test_a_statement_naming_an_event_keeps_it_and_its_occasion_is_kept_on_the_event(capsys, dataset):
    """The event has no description: the first occasion text becomes it; another text goes
    into a note (read back by the lossless check); the event's own name adds nothing."""
    tass = sorted(name for name in _records(dataset, "statements") if name.startswith("tass-"))
    event = _records(dataset, "events")[WANG_YI_EVENT]
    first = _records(dataset, "statements")[tass[0]]["occasion"]
    _name_event(dataset, tass[0], WANG_YI_EVENT)
    _name_event(dataset, tass[1], WANG_YI_EVENT, "Lavrov's news conference in Moscow")
    _name_event(dataset, tass[2], WANG_YI_EVENT, event["name"])
    code, out = migrate(capsys, dataset)
    assert code == 0, out
    statements, events = _records(dataset, "statements"), _records(dataset, "events")
    for name in tass[:3]:
        assert statements[name]["event"] == WANG_YI_EVENT and "occasion" not in statements[name]
    moved = events[WANG_YI_EVENT]
    assert moved["description"] == first and list(moved)[:5] == ["$schema", "id", "name", "kind", "description"]
    (note,) = moved["notes"]
    assert note["kind"] == "context" and '"Lavrov\'s news conference in Moscow"' in note["text"]
    others = [name for name in tass[3:]]  # the rest still get the event made from their occasion
    assert all(statements[name]["event"] != WANG_YI_EVENT for name in others)
    assert main(["validate", str(dataset)]) == 0, capsys.readouterr().out


def test_an_occasion_with_nowhere_to_go_stops_the_run_and_nothing_is_written(capsys, dataset):
    """A statement naming an event that is not in the dataset: its occasion would be lost."""
    name = next(name for name, record in _records(dataset, "statements").items() if "occasion" in record)
    _name_event(dataset, name, "no-such-event")
    before = _snapshot(dataset)
    code, out = migrate(capsys, dataset)
    assert code == 1 and "would lose /occasion" in out and "nothing was written" in out
    assert _snapshot(dataset) == before


class Interrupted(BaseException):
    """Stands for a kill or Ctrl-C at one point of the run."""


def test_a_run_stopped_anywhere_leaves_files_old_or_new_and_the_next_run_finishes(capsys, tmp_path, monkeypatch):
    """Stopped at any file's creation or replacement: every file is whole, old or new, a
    new event file is whole or absent, no statement names an event file that is not there;
    run again, the result is the uninterrupted run's."""
    finished = tmp_path / "finished"
    shutil.copytree(V1_DATASET, finished)
    assert migrate(capsys, finished)[0] == 0
    old, new = _snapshot(V1_DATASET), _snapshot(finished)
    seen = {"calls": 0, "stop": None}

    def ticking(real):
        def call(*args) -> None:
            if seen["calls"] == seen["stop"]:
                raise Interrupted
            seen["calls"] += 1
            real(*args)
        return call

    monkeypatch.setattr(os, "replace", ticking(os.replace))
    monkeypatch.setattr(os, "link", ticking(os.link))
    count = tmp_path / "count"
    shutil.copytree(V1_DATASET, count)
    assert migrate(capsys, count)[0] == 0
    total = seen["calls"]
    assert total == sum(old.get(name) != data for name, data in new.items())  # one per file written
    for stop in [0, 1, 2, 3, *range(4, total, 7), total - 1]:
        trial = tmp_path / f"trial-{stop}"
        shutil.copytree(V1_DATASET, trial)
        seen.update(calls=0, stop=stop)
        with pytest.raises(Interrupted):
            main(["migrate", "--to", "2.0.0", str(trial)])
        got = _snapshot(trial)
        assert set(old) <= set(got) <= set(new), "a temporary file was left, or a file went missing"
        for name, data in got.items():
            assert data in (old.get(name), new[name]), f"{name} is half-written after stopping at {stop}"
        for record in _records(trial, "statements").values():
            assert "event" not in record or (trial / "events" / f"{record['event']}.json").exists()
        seen.update(stop=None)
        assert migrate(capsys, trial)[0] == 0
        assert _snapshot(trial) == new, f"the run after stopping at {stop} did not finish the work"
