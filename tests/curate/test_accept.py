"""``communique accept-draft``: a reviewed draft gets its id in the dataset's style, its references follow."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from communique.cli import main
from communique.curate import accept as accept_module
from communique.validate.engine import validate

from testdata import INVALID, overlay

ARTICLE = "tass-2020-09-11-lavrov-honest-dialogue"
DRAFT = f"{ARTICLE}-draft-3"
ACCEPTED = f"{ARTICLE}-lavrov-we-remain-patient-and-we-are"  # its article's, the speaker's last name, the head of its text


@pytest.fixture
def drafted(tmp_path: Path, capsys) -> Path:
    """A dataset copy with three drafts of the article, the second and a JSON Lines statement responding to the third."""
    root = overlay(tmp_path / "dataset", INVALID / "completeness.uncovered-quote")
    assert main(["draft-statements", ARTICLE, "--dataset", str(root)]) == 0
    second = root / "statements" / f"{ARTICLE}-draft-2.json"
    record = json.loads(second.read_text(encoding="utf-8"))
    record["responds_to"] = [{"relation": "supports", "target": DRAFT}]
    second.write_text(json.dumps(record, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    lines = (root / "statements" / "imported.jsonl").read_bytes().splitlines(keepends=True)
    first = json.loads(lines[0])
    first["responds_to"] = [{"relation": "answers", "target": DRAFT}]
    lines[0] = json.dumps(first, ensure_ascii=False).encode("utf-8") + b"\n"
    (root / "statements" / "imported.jsonl").write_bytes(b"".join(lines))
    capsys.readouterr()
    return root


def _files(root: Path) -> dict[str, bytes]:
    return {str(path.relative_to(root)): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


def test_accepts_a_draft_under_its_suggested_id_and_moves_the_references(drafted: Path, capsys):
    lines_before = (drafted / "statements" / "imported.jsonl").read_bytes().splitlines()
    assert main(["accept-draft", DRAFT, "--dataset", str(drafted)]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert printed[0] == f"accepted {DRAFT} as {ACCEPTED}: {drafted}/statements/{ACCEPTED}.json"
    assert sorted(printed[1:]) == sorted(f"updated the reference to {DRAFT} in {drafted}/statements/{name}" for name in (f"{ARTICLE}-draft-2.json", "imported.jsonl"))
    assert not (drafted / "statements" / f"{DRAFT}.json").exists()
    record = json.loads((drafted / "statements" / f"{ACCEPTED}.json").read_text(encoding="utf-8"))
    assert record["id"] == ACCEPTED and "draft" not in record and "notes" not in record  # the drafting note goes with the mark
    assert record["text"] == "We remain patient.\n\n\u201cAnd we are ready,"
    second = json.loads((drafted / "statements" / f"{ARTICLE}-draft-2.json").read_text(encoding="utf-8"))
    assert second["responds_to"] == [{"relation": "supports", "target": ACCEPTED}]
    lines_after = (drafted / "statements" / "imported.jsonl").read_bytes().splitlines()
    assert json.loads(lines_after[0])["responds_to"] == [{"relation": "answers", "target": ACCEPTED}]
    assert lines_after[1:] == lines_before[1:]  # the other lines byte for byte
    assert [finding.rule for finding in validate(drafted) if finding.rule.startswith("ref.")] == []
    assert main(["fmt", "--check", str(drafted / "statements" / f"{ACCEPTED}.json"), str(drafted / "statements" / f"{ARTICLE}-draft-2.json")]) == 0


def test_several_drafts_at_once_and_an_id_of_ones_own(drafted: Path, capsys):
    assert main(["accept-draft", f"{ARTICLE}-draft-1", "--id", "lavrov-open-for-dialogue", "--dataset", str(drafted)]) == 0
    assert main(["accept-draft", f"{ARTICLE}-draft-2", DRAFT, "--dataset", str(drafted)]) == 0
    names = {path.stem for path in (drafted / "statements").glob(f"*.json")}
    assert {"lavrov-open-for-dialogue", ACCEPTED, f"{ARTICLE}-lavrov-washington-knows-it"} <= names
    assert not any("-draft-" in name for name in names)
    assert [finding for finding in validate(drafted) if finding.rule in ("record.draft",) or finding.rule.startswith("ref.")] == []


@pytest.mark.parametrize(
    ("case", "arguments", "status", "says"),
    [
        ("the id is taken", [DRAFT, "--id", f"{ARTICLE}-extend-new-start"], 1, "is taken"),
        ("not a draft", [f"{ARTICLE}-extend-new-start"], 1, "is not a draft"),
        ("an unknown id", ["no-such-statement"], 2, "no statement has the id"),
        ("an article's id", [ARTICLE], 2, "no statement has the id"),
        ("not an id", [DRAFT, "--id", "Not An Id"], 2, "an id is lowercase letters"),
        ("an id that is a path", [DRAFT, "--id", "../../escaped"], 2, "an id is lowercase letters"),
        ("--id for two drafts", [DRAFT, f"{ARTICLE}-draft-1", "--id", "x-y"], 2, "one draft"),
    ],
)
def test_refusals_change_nothing(drafted: Path, capsys, case: str, arguments: list[str], status: int, says: str):
    before = _files(drafted)
    assert main(["accept-draft", *arguments, "--dataset", str(drafted)]) == status, case
    assert says in capsys.readouterr().err
    assert _files(drafted) == before


def test_a_draft_not_yet_reviewed_into_a_valid_record_is_refused(drafted: Path, capsys):
    path = drafted / "statements" / f"{DRAFT}.json"
    record = json.loads(path.read_text(encoding="utf-8"))
    record["date_basis"] = "some day"
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    before = _files(drafted)
    assert main(["accept-draft", DRAFT, "--dataset", str(drafted)]) == 1
    error = capsys.readouterr().err
    assert "does not validate its schema" in error and "/date_basis" in error
    assert _files(drafted) == before


def test_the_suggested_id_taken_is_refused(drafted: Path, capsys):
    (drafted / "statements" / f"{ACCEPTED}.json").write_text("{}\n", encoding="utf-8")  # a file of that name, even one that is no record
    assert main(["accept-draft", DRAFT, "--dataset", str(drafted)]) == 1
    assert "exists already" in capsys.readouterr().err
    assert (drafted / "statements" / f"{DRAFT}.json").exists()


def test_an_interrupted_write_leaves_the_draft_as_it_was(drafted: Path, monkeypatch: pytest.MonkeyPatch):
    before = _files(drafted)

    def interrupted(source: str, target: str) -> None:  # the new file's last step, os.link, never happens
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "link", interrupted)
    with pytest.raises(KeyboardInterrupt):
        main(["accept-draft", DRAFT, "--dataset", str(drafted)])
    assert _files(drafted) == before  # no new file, no temporary one, the references untouched


def test_a_run_stopped_after_the_new_file_is_finished_by_the_next(drafted: Path, monkeypatch: pytest.MonkeyPatch):
    def stopped(*arguments: object) -> None:  # after the new file, before the references and the draft's removal
        raise KeyboardInterrupt

    with monkeypatch.context() as patched:
        patched.setattr(accept_module, "_respond_to", stopped)
        with pytest.raises(KeyboardInterrupt):
            main(["accept-draft", DRAFT, "--dataset", str(drafted)])
    assert (drafted / "statements" / f"{DRAFT}.json").exists() and (drafted / "statements" / f"{ACCEPTED}.json").exists()
    assert [finding.rule for finding in validate(drafted) if finding.rule.startswith("ref.")] == []  # every reference resolves meanwhile
    assert main(["accept-draft", DRAFT, "--dataset", str(drafted)]) == 0
    assert not (drafted / "statements" / f"{DRAFT}.json").exists()
