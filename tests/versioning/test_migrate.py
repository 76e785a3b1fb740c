"""``communique migrate``, end to end on a copy of the dataset (at schema 2), with a
test-only release 3.0.0 (statements' ``speaker`` renamed ``speaker_id``) and its step
registered here. The package's own step, from 1 to 2, is tested in ``test_occasions.py``."""

from __future__ import annotations

import json
import os
import shutil
from collections import Counter
from pathlib import Path

import pytest

from communique.kinds import BY_FOLDER
from hypothesis import given, settings
from hypothesis import strategies as st

from communique.cli import main
from communique.resources import dataset_dir
from communique.versioning import migrate as migrating
from communique.versioning.migrate import Lossy, Step, carry_in_note, leaves, migrate_record, rename
from communique.versioning.migration import Target, apply
from communique.versioning.releases import releases_dir, working
from communique.versioning.rewrite import Style
from communique.versioning.schemaset import SchemaSet


def _rename_speaker(record: dict, kind: str) -> dict:
    return rename(record, "speaker", "speaker_id") if kind == "statement" else record


RENAME = Step(2, "statements: speaker is called speaker_id", _rename_speaker)


@pytest.fixture
def releases(tmp_path: Path) -> Path:
    """The shipped releases, and a fixture release 3.0.0, made from 2.0.0, that renames a statement's speaker."""
    folder = tmp_path / "releases"
    shutil.copytree(releases_dir(), folder)
    shutil.copytree(folder / "2.0.0", folder / "3.0.0")
    for path in (folder / "3.0.0").glob("*.schema.json"):
        text = path.read_text(encoding="utf-8").replace("/v2/", "/v3/").replace("v2/", "v3/")
        document = json.loads(text)
        document["x-version"] = "3.0.0"
        if path.name == "statement.schema.json":
            document["properties"] = rename(document["properties"], "speaker", "speaker_id")
            document["required"] = ["speaker_id" if name == "speaker" else name for name in document["required"]]
        path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return folder


@pytest.fixture
def step():
    migrating.STEPS.register(RENAME)
    yield RENAME
    migrating.STEPS.unregister(2)


BULK = "bulk.jsonl"


@pytest.fixture
def dataset(tmp_path: Path) -> Path:
    """A copy of the shipped dataset at schema 2 (migrated, if it is not there yet), with a
    JSON Lines file of statements (CRLF line ends, compact, a blank line) and a file beside
    the dataset that must stay untouched."""
    copy = tmp_path / "work" / "dataset"
    shutil.copytree(dataset_dir(), copy)
    assert not apply(copy, Target(2, working())).problems
    statements = sorted((copy / "statements").glob("*.json"))[:3]
    lines = [json.dumps({**json.loads(path.read_text(encoding="utf-8")), "id": f"bulk-{n}"}, ensure_ascii=False, separators=(",", ":"))
             for n, path in enumerate(statements)]
    (copy / "statements" / BULK).write_bytes(("\r\n".join(lines[:2]) + "\r\n\r\n" + lines[2] + "\r\n").encode("utf-8"))
    (tmp_path / "work" / "beside.json").write_text('{"speaker": "x"}\n', encoding="utf-8")
    return copy


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def migrate(capsys, *args) -> tuple[int, str]:
    code = main(["migrate", *map(str, args)])
    return code, capsys.readouterr().out


def test_a_dataset_is_migrated_end_to_end_and_a_second_run_changes_nothing(capsys, dataset, releases, step):
    before = _snapshot(dataset.parent)
    code, out = migrate(capsys, "--to", "3.0.0", dataset, "--check", "--releases", releases)
    assert code == 1 and "would be migrated to v3" in out
    assert _snapshot(dataset.parent) == before  # --check writes nothing

    code, out = migrate(capsys, "--to", "3.0.0", dataset, "--releases", releases)
    assert code == 0, out
    after = _snapshot(dataset.parent)
    assert after.keys() == before.keys()  # no file added (no temporary file left), none removed
    assert after["beside.json"] == before["beside.json"]  # nothing outside the dataset

    v3 = SchemaSet.load(releases / "3.0.0")
    for name, data in after.items():
        if not name.startswith("dataset/") or name.endswith(".md"):
            continue
        kind = BY_FOLDER[name.split("/")[1]].name
        texts = data.split(b"\r\n") if name.endswith(".jsonl") else [data]
        for text in filter(None, (text.strip() for text in texts)):
            record = json.loads(text)
            assert record["$schema"].endswith(f"v3/{kind}.schema.json")
            assert not list(v3.validator(kind).iter_errors(record)), name
            old = json.loads(before[name]) if not name.endswith(".jsonl") else None
            if old is not None:
                expected = rename(old, "speaker", "speaker_id") if kind == "statement" else old
                assert list(record) == list(expected)  # key order kept, speaker_id where speaker stood
                if kind == "statement":
                    assert data == (json.dumps(record, indent=2, ensure_ascii=False) + "\n").encode()  # the curators' style
                else:  # only $schema moved: the rest of the file byte for byte, however laid out
                    assert data == before[name].replace(b"/schema/v2/", b"/schema/v3/")
    bulk = after[f"dataset/statements/{BULK}"]
    assert bulk.count(b"\r\n") == 4 and b"\r\n\r\n" in bulk and b'","' in bulk  # line ends, blank line, compact kept

    code, out = migrate(capsys, "--to", "3.0.0", dataset, "--check", "--releases", releases)
    assert code == 0 and "nothing to migrate" in out
    code, _ = migrate(capsys, "--to", "3.0.0", dataset, "--releases", releases)
    assert code == 0 and _snapshot(dataset.parent) == after  # idempotent


def test_a_step_that_drops_a_value_fails_loudly_and_nothing_is_written(capsys, dataset, releases):
    def drop_attribution(record: dict, kind: str) -> dict:
        record.pop("attribution", None)
        return _rename_speaker(record, kind)

    migrating.STEPS.register(Step(2, "loses the attribution", drop_attribution))
    try:
        before = _snapshot(dataset.parent)
        code, out = migrate(capsys, "--to", "3.0.0", dataset, "--releases", releases)
    finally:
        migrating.STEPS.unregister(2)
    assert code == 1
    assert "would lose /attribution = " in out and "nothing was written" in out
    assert _snapshot(dataset.parent) == before


def test_a_value_carried_into_a_curators_note_is_not_lost():
    record = {"$schema": "../../schema/v1/statement.schema.json", "id": "a", "mood": ["firm", 3, None]}

    def carry(record: dict, kind: str) -> dict:
        mood = record.pop("mood")
        return carry_in_note(record, "/mood", mood, "v2 has no mood field", 2)

    steps = migrating.Steps()
    steps.register(Step(1, "mood into a note", carry))
    new = migrate_record(record, "statement", 2, steps)
    assert new["notes"][0]["kind"] == "context" and '["firm", 3, null]' in new["notes"][0]["text"]


def test_versions_it_does_not_carry_and_backward_moves_are_refused(capsys, dataset, releases, step):
    code = main(["migrate", "--to", "7.0.0", str(dataset)])
    err = capsys.readouterr().err
    assert code == 2 and "7.0.0 is not carried" in err and "1.0.0" in err
    statement = next((dataset / "statements").glob("*.json"))
    statement.write_text(statement.read_text(encoding="utf-8").replace("/v2/", "/v4/"), encoding="utf-8")
    code, out = migrate(capsys, "--to", "3.0.0", dataset, "--releases", releases)
    assert code == 1 and "only go forward" in out


def test_a_record_with_a_field_twice_is_refused_not_half_kept(capsys, dataset, releases, step):
    statement = next((dataset / "statements").glob("*.json"))
    statement.write_text(statement.read_text(encoding="utf-8").replace('"kind":', '"kind": "quote",\n  "kind":', 1), encoding="utf-8")
    code, out = migrate(capsys, "--to", "3.0.0", dataset, "--releases", releases)
    assert code == 1 and "'kind' twice" in out


class Interrupted(BaseException):
    """Stands for a kill or Ctrl-C at one point of the run."""


@pytest.mark.parametrize("where", ["step", "replace"])
def test_a_run_interrupted_at_any_point_leaves_every_file_old_or_new(capsys, tmp_path, dataset, releases, where, monkeypatch):
    """Stopped while migrating any record (in the planning pass, or while a file's new
    content is produced) or at any file's replacement, every file is whole, old or new."""
    finished = tmp_path / "finished"
    shutil.copytree(dataset, finished)
    migrating.STEPS.register(RENAME)
    try:
        assert migrate(capsys, "--to", "3.0.0", finished, "--releases", releases)[0] == 0
    finally:
        migrating.STEPS.unregister(2)
    old, new = _snapshot(dataset), _snapshot(finished)
    seen = {"calls": 0, "stop": None}

    def tick() -> None:
        if seen["calls"] == seen["stop"]:
            raise Interrupted
        seen["calls"] += 1

    def ticking_step(record: dict, kind: str) -> dict:
        if where == "step":
            tick()
        return _rename_speaker(record, kind)

    real_replace = os.replace

    def ticking_replace(*args) -> None:
        if where == "replace":
            tick()
        real_replace(*args)

    monkeypatch.setattr(os, "replace", ticking_replace)
    migrating.STEPS.register(Step(2, "ticking", ticking_step))
    try:
        scratch = tmp_path / "count"
        shutil.copytree(dataset, scratch)
        assert migrate(capsys, "--to", "3.0.0", scratch, "--releases", releases)[0] == 0
        total = seen["calls"]
        assert total > 40
        for stop in range(0, total, max(1, total // 12)):
            trial = tmp_path / f"trial-{stop}"
            shutil.copytree(dataset, trial)
            seen.update(calls=0, stop=stop)
            with pytest.raises(Interrupted):
                main(["migrate", "--to", "3.0.0", str(trial), "--releases", str(releases)])
            got = _snapshot(trial)
            assert got.keys() == old.keys(), "a temporary file was left, or a file went missing"
            for name, data in got.items():
                assert data in (old[name], new[name]), f"{name} is half-written after stopping at {where} {stop}"
    finally:
        migrating.STEPS.unregister(2)
    capsys.readouterr()


# -- lossless, for every record and every step -----------------------------------------

json_leaf = st.none() | st.booleans() | st.integers(-10, 10) | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=4)
json_value = st.recursive(json_leaf, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3), max_leaves=8)
records = st.dictionaries(st.text(min_size=1, max_size=4).filter(lambda key: key not in ("$schema", "notes")), json_value, min_size=1, max_size=5)


def _canonical(value) -> str:
    return json.dumps(value, sort_keys=True)


@settings(max_examples=300, deadline=None)
@given(record=records, data=st.data())
def test_no_value_silently_disappears(record, data):
    """A step that drops some fields and carries others into notes migrates only when every
    dropped value is carried (or equal to a value kept elsewhere); otherwise it is Lossy."""
    record = {"$schema": "../../schema/v1/statement.schema.json", **record}
    names = [name for name in record if name != "$schema"]
    dropped = data.draw(st.lists(st.sampled_from(names), unique=True))
    carried = data.draw(st.lists(st.sampled_from(dropped), unique=True)) if dropped else []

    def step(new: dict, kind: str) -> dict:
        for name in dropped:
            value = new.pop(name)
            if name in carried:
                carry_in_note(new, f"/{name}", value, "no place for it", 2)
        return new

    steps = migrating.Steps()
    steps.register(Step(1, "drops", step))
    kept = sorted(_canonical(value) for name in names if name not in dropped or name in carried for _, value in leaves(record[name]))
    needed = sorted(_canonical(value) for name in names for _, value in leaves(record[name]))
    silently_gone = Counter(map(_key_free, needed)) - Counter(map(_key_free, kept))
    if silently_gone:
        with pytest.raises(Lossy):
            migrate_record(record, "statement", 2, steps)
    else:
        migrate_record(record, "statement", 2, steps)


def _key_free(text: str) -> str:
    """Compare numbers as JSON does: 1 and 1.0 alike (true and 1 stay apart)."""
    value = json.loads(text)
    return repr(float(value)) if isinstance(value, (int, float)) and not isinstance(value, bool) else text


@pytest.mark.parametrize(
    "text",
    [
        '{\n  "a": 1,\n  "b": [\n    "é"\n  ]\n}\n',
        '{\r\n    "a": 1\r\n}\r\n',
        '{\n\t"a": {\n\t\t"b": null\n\t}\n}',
        '{"a": "\\u00e9", "b": [1, 2]}\n',
        '{"a":1,"b":[1,2]}',
    ],
    ids=["two-spaces", "crlf-four-spaces", "tabs-no-final-newline", "ascii-escaped-one-line", "compact"],
)
def test_a_file_is_written_back_in_its_own_style(text):
    assert Style.of(text).document(json.loads(text)).decode() == text
