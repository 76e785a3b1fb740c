"""``communique new``: a skeleton per kind whose blanks the validator names one by one."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from communique.cli import main
from communique.curate.ids import slug, suggest
from communique.kinds import KINDS
from communique.schemafields import root
from communique.validate.engine import validate


def _findings(dataset: Path, path: Path) -> list[tuple[str, str]]:
    return sorted((finding.rule, finding.pointer) for finding in validate(dataset) if Path(finding.path).name == path.name)


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.name)
def test_each_blank_of_a_skeleton_is_one_to_fill_finding(dataset: Path, kind, capsys):
    assert main(["new", kind.name, "--id", "draft"]) == 0
    path = dataset / kind.folder / "draft.json"
    assert capsys.readouterr().out.strip() == f"dataset/{kind.folder}/draft.json"
    record = json.loads(path.read_text(encoding="utf-8"))
    required = [field.name for field in root(kind.name).properties if field.required]
    assert list(record) == required and record["$schema"] == kind.schema_ref and record["id"] == "draft"
    blanks = [name for name in required if name not in ("$schema", "id")]
    found = [item for item in _findings(dataset, path) if item[0] != "ref.orphan-actor"]  # a new actor is named by nobody yet
    assert found == sorted(("schema.to-fill", f"/{name}") for name in blanks)


def test_a_blank_anywhere_in_a_record_is_to_fill_and_only_there(dataset: Path):
    path = dataset / "actors" / "russia.json"
    record = json.loads(path.read_text(encoding="utf-8"))
    record["aliases"] = [None]
    record["roles"] = [{"role": None, "title": "Minister", "start": None}]
    record["nickname"] = None  # not a field of the schema: a blank is no excuse
    path.write_text(json.dumps(record, indent=2), encoding="utf-8")
    assert _findings(dataset, path) == [
        ("schema.additional-properties", "/nickname"),
        ("schema.to-fill", "/aliases/0"),
        ("schema.to-fill", "/roles/0/role"),
        ("schema.to-fill", "/roles/0/start"),
    ]


def test_fields_given_are_filled_and_make_the_id(dataset: Path, capsys):
    assert main(["new", "article", "--set", "publisher=tass", "--set", "published=2020-09-12",
                 "--set", "headline=Lavrov: talks with Wang Yi went well — ministry"]) == 0
    path = Path(capsys.readouterr().out.strip())
    assert path == Path("dataset/articles/tass-2020-09-12-lavrov-talks-with-wang-yi-went.json")
    record = json.loads(path.read_text(encoding="utf-8"))
    assert record["headline"] == "Lavrov: talks with Wang Yi went well — ministry" and record["body"] is None


@pytest.mark.parametrize(
    "kind,fields,wanted",
    [
        ("actor", {"name": "Sergéy Lavrov"}, "sergey-lavrov"),
        ("treaty", {"name": "Treaty on Open Skies"}, "treaty-on-open-skies"),
        ("event", {"start": "2021-05-19", "name": "Lavrov–Blinken talks in Reykjavík"}, "2021-05-19-lavrov-blinken-talks-in-reykjavik"),
        ("treaty", {"name": "Strategic Arms Reduction Treaty", "short_name": "New START"}, "new-start"),
        ("article", {"publisher": "tass", "published": "2020-09-11",
                     "headline": "Russia ready for honest dialogue with US on election interference — top diplomat"},
         "tass-2020-09-11-russia-ready-for-honest-dialogue-with"),
        ("statement", {"article": "tass-2020-09-11-russia-ready", "speaker": "sergey-lavrov", "text": "We are used to being number one"},
         "tass-2020-09-11-russia-ready-lavrov-we-are-used-to-being-number"),
        ("event", {"start": "2020-09-11T15:00+03:00", "name": "Lavrov's press conference on the outcomes of his talks with Wang Yi"},
         "2020-09-11-lavrov-press-conference-on-the-outcomes"),
        ("article", {"publisher": "tass", "headline": "No date yet"}, ""),
    ],
)
def test_ids_in_the_datasets_style(kind, fields, wanted):
    assert suggest(kind, fields) == wanted


def test_a_suggested_id_taken_by_any_kind_gets_a_number(dataset: Path):
    assert suggest("actor", {"name": "Sergey Lavrov"}, dataset) == "sergey-lavrov-2"
    (dataset / "treaties" / "sergey-lavrov-2.json").write_text("{}", encoding="utf-8")
    assert suggest("actor", {"name": "Sergey Lavrov"}, dataset) == "sergey-lavrov-3"


def test_a_long_title_is_cut_at_a_word_to_the_ids_limit():
    made = suggest("actor", {"name": " ".join(["word"] * 200)})
    assert len(made) <= 117 and not made.endswith("-") and made == slug(made)


def test_an_existing_record_is_never_overwritten(dataset: Path, capsys):
    path = dataset / "actors" / "russia.json"
    before = path.read_bytes()
    assert main(["new", "actor", "--id", "russia"]) == 1
    assert path.read_bytes() == before
    assert "exists already" in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv",
    [
        ["new", "actor"],  # nothing to make an id from
        ["new", "actor", "--set", "nickname=x", "--id", "x"],  # no such field
        ["new", "treaty", "--set", "parties=russia", "--id", "x"],  # not a text field
        ["new", "actor", "--set", "name"],  # not FIELD=VALUE
        ["new", "speech", "--id", "x"],  # no such kind
    ],
)
def test_wrong_use_is_a_usage_error_and_writes_nothing(dataset: Path, argv: list[str]):
    before = sorted(dataset.rglob("*"))
    assert main(argv) == 2
    assert sorted(dataset.rglob("*")) == before


def test_a_record_that_cannot_be_written_is_an_error_not_a_traceback(dataset: Path, capsys):
    shutil.rmtree(dataset / "treaties")
    (dataset / "treaties").write_text("not a folder", encoding="utf-8")
    assert main(["new", "treaty", "--id", "open-skies"]) == 1
    assert "cannot be written" in capsys.readouterr().err


def _files(folder: Path) -> set[Path]:
    return {path for path in folder.rglob("*") if path.is_file()}


@pytest.mark.parametrize("record_id", ["../../outside", "../statements/x", "a/b", "/tmp/x", "Bad Id", "x\n", "-x", "a--b", "é", "a" * 121])
@pytest.mark.parametrize("command", ["new", "import-article"])
def test_an_id_that_is_not_an_id_is_refused_and_nothing_is_written(dataset: Path, command: str, record_id: str, capsys):
    """No id given on the command line becomes a path, inside the dataset or out of it."""
    before = _files(dataset.parent)
    page = dataset.parent / "page.txt"
    page.write_text("Headline\n\nA body of one line.\n", encoding="utf-8")
    args = ["new", "statement"] if command == "new" else ["import-article", str(page), "--url", "https://example.org/a"]
    assert main([*args, f"--id={record_id}"]) == 2
    assert _files(dataset.parent) == before | {page}
    assert "an id is" in capsys.readouterr().err


@given(st.text(max_size=40))
def test_any_id_is_written_inside_its_folder_or_refused(record_id: str):
    from communique.curate.ids import record_file

    folder = Path("/dataset")
    try:
        path = record_file(folder, KINDS[0], record_id)
    except ValueError:
        return
    assert path.parent == folder / KINDS[0].folder and path.name == f"{record_id}.json" and record_id.isascii()
