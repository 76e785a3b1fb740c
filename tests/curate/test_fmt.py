"""``communique fmt``: one canonical form, reached in one pass, that never changes a record.

"Lossless" is checked the way a reader sees a record: the value the project's own strict
parser reads from the formatted text equals the one it reads from the original (texts
compared in NFC, the one change formatting makes to a value).
"""

from __future__ import annotations

import json
import os
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from communique.cli import main
from communique.curate.canonical import line_text, load, record_text
from communique.kinds import BY_FOLDER, KINDS
from communique.parse import Document, parse_text
from communique.read import SourceFile
from communique.resources import dataset_dir
from communique.schemafields import root

from testdata import VALID

_SOURCE = SourceFile.at("/x/statements/x.json", "x.json", KINDS[2], False)


def parsed(text: bytes):
    document = parse_text(text, _SOURCE)
    assert isinstance(document, Document), document
    return document.value


def nfc(value):
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [nfc(item) for item in value]
    if isinstance(value, dict):
        return {key: nfc(item) for key, item in value.items()}
    return value


def keys_in_order(value) -> list:
    """Every object's member names, in order, depth first: what "key order" means."""
    if isinstance(value, list):
        return [keys_in_order(item) for item in value]
    if isinstance(value, dict):
        return [(key, keys_in_order(item)) for key, item in value.items()]
    return []


# --- records as curators (and tools) might write them -------------------------------------

_texts = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12) | st.sampled_from(
    ["e\u0301", "\u00e9", "\u212b", "a\u2028b", "\x00\x1f\x7f", "\"\\/", "\ufeff", "\U0001f600", "Å"]
)
_numbers = st.integers(min_value=-(2**80), max_value=2**80) | st.floats(allow_nan=False, allow_infinity=False)
_leaves = st.none() | st.booleans() | _numbers | _texts
_values = st.recursive(_leaves, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_texts, inner, max_size=3), max_leaves=12)


@st.composite
def records(draw, kind=st.sampled_from(KINDS)):
    """A record of a random kind: some of its schema's fields and some unknown ones, in a random order."""
    chosen = draw(kind)
    names = [field.name for field in root(chosen.name).properties]
    known = draw(st.lists(st.sampled_from(names), unique=True))
    unknown = draw(st.lists(_texts.filter(lambda name: name not in names), unique=True, max_size=3))
    members = draw(st.permutations(known + unknown))
    return chosen, {name: draw(_values) for name in members}


def written(value, style) -> bytes:
    indent, ascii_only = style
    return json.dumps(value, indent=indent, ensure_ascii=ascii_only).encode("utf-8")


_styles = st.tuples(st.sampled_from([None, 0, 1, 2, 4, "\t"]), st.booleans())


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(records(), _styles)
def test_formatting_never_changes_a_record_but_for_nfc(case, style):
    kind, record = case
    original = written(record, style)
    formatted = record_text(load(original), kind)
    assert parsed(formatted) == nfc(parsed(original))
    unknown = [key for key in record if key not in {field.name for field in root(kind.name).properties}]
    assert [key for key in json.loads(formatted) if key in unknown] == unknown  # unknown members keep their order


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(records(), _styles)
def test_formatting_is_idempotent(case, style):
    kind, record = case
    once = record_text(load(written(record, style)), kind)
    assert record_text(load(once), kind) == once
    assert line_text(load(once), kind).decode().count("\n") == 1


@settings(max_examples=200)
@given(records())
def test_members_follow_the_schema_order_then_the_order_written(case):
    kind, record = case
    names = [field.name for field in root(kind.name).properties]
    formatted = list(json.loads(record_text(load(written(record, (2, False))), kind)))
    known = [name for name in formatted if name in names]
    assert known == sorted(known, key=names.index)
    assert formatted == known + [name for name in record if name not in names]


@pytest.mark.parametrize(
    "literal",
    ["1.0", "1.50", "1e5", "-0", "-0.0", "123456789012345678901234567890", "0.1000000000000000055511151231257827", "2E-3"],
)
def test_numbers_are_kept_as_written(literal):
    text = f'{{"id": "x", "extra": [{literal}]}}'.encode()
    assert f"    {literal}\n" in record_text(load(text), KINDS[1]).decode()


def test_canonical_text_is_two_space_utf8_nfc_with_a_final_newline():
    text = b'{"name":"Caf\\u0065\\u0301 \\u00e9 \\"q\\" \\ud83d\\ude00","id":"x","$schema":"../../schema/v1/actor.schema.json"}'
    assert record_text(load(text), BY_FOLDER["actors"]) == (
        '{\n  "$schema": "../../schema/v1/actor.schema.json",\n  "id": "x",\n  "name": "Caf\u00e9 \u00e9 \\"q\\" \U0001f600"\n}\n'
    ).encode()


def test_nested_objects_follow_their_own_schema_order():
    text = b'{"id": "x", "roles": [{"start": "2004-03-09", "title": "Minister", "role": "foreign-minister"}]}'
    formatted = json.loads(record_text(load(text), BY_FOLDER["actors"]))
    assert list(formatted["roles"][0]) == ["role", "title", "start"]


def _every_record_file() -> list[Path]:
    return sorted([*dataset_dir().rglob("*.json"), *VALID.rglob("*.json")])


@pytest.mark.parametrize("path", _every_record_file(), ids=lambda path: path.name)
def test_formatting_keeps_every_shipped_record(path: Path):
    text = path.read_bytes()
    formatted = record_text(load(text), BY_FOLDER[path.parent.name])
    assert parsed(formatted) == nfc(parsed(text))
    assert record_text(load(formatted), BY_FOLDER[path.parent.name]) == formatted


# --- the command -------------------------------------------------------------------------


def _texts_of(folder: Path) -> dict[Path, bytes]:
    return {path: path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def test_check_lists_what_it_would_change_changes_nothing_and_fails(dataset: Path, capsys):
    target = dataset / "treaties" / "new-start.json"
    target.write_bytes(json.dumps(json.loads(target.read_bytes()), indent=4).encode())
    before = _texts_of(dataset)
    assert main(["fmt", "--check"]) == 1
    assert "would reformat dataset/treaties/new-start.json" in capsys.readouterr().out
    assert _texts_of(dataset) == before


def test_fmt_then_check_passes_and_a_second_run_changes_nothing(dataset: Path, capsys):
    (dataset / "statements" / "imported.jsonl").write_text(
        '{"id": "z", "$schema": "../../schema/v1/statement.schema.json"}\n\n{"kind":"quote","id":"y"}', encoding="utf-8"
    )
    assert main(["fmt", "dataset"]) == 0
    assert main(["fmt", "--check", "dataset"]) == 0
    after = _texts_of(dataset)
    assert main(["fmt", "dataset"]) == 0
    assert _texts_of(dataset) == after
    assert (dataset / "statements" / "imported.jsonl").read_text(encoding="utf-8") == (
        '{"$schema":"../../schema/v1/statement.schema.json","id":"z"}\n{"id":"y","kind":"quote"}\n'
    )
    assert not [path for path in dataset.rglob(".*")]  # no temporary file left beside a record


def test_only_the_files_named_are_formatted(dataset: Path):
    for path in dataset.rglob("*.json"):
        path.write_bytes(path.read_bytes().replace(b"\n  ", b"\n   "))
    before = _texts_of(dataset)
    named = dataset / "actors" / "russia.json"
    assert main(["fmt", str(named), "dataset/treaties"]) == 0
    changed = {path for path, text in _texts_of(dataset).items() if text != before[path]}
    assert changed == {named, dataset / "treaties" / "new-start.json"}


@pytest.mark.parametrize(
    "text,rule",
    [
        (b'{"id": "russia", "id": "russia"}', "json.duplicate-key"),
        (b'{"id": "russia",}', "json.syntax"),
        (b'{"id": NaN}', "json.non-finite"),
        (b'{"id": "\\ud800"}', "json.surrogate"),
        (b"\xef\xbb\xbf{}", "json.bom"),
    ],
)
def test_a_file_that_is_not_strict_json_is_refused_and_left_alone(dataset: Path, capsys, text: bytes, rule: str):
    target = dataset / "actors" / "russia.json"
    target.write_bytes(text)
    assert main(["fmt", "dataset"]) == 1
    assert target.read_bytes() == text
    error = capsys.readouterr().err
    assert "dataset/actors/russia.json:1:" in error and rule in error


@pytest.mark.parametrize("make, rule", [
    (lambda path, outside: path.symlink_to(outside), "file.link-outside"),
    (lambda path, outside: os.mkfifo(path), "file.special"),
])
def test_a_file_named_that_is_not_read_as_data_is_reported_not_skipped(dataset: Path, capsys, make, rule: str):
    """A pre-commit run names the files: one that fmt does not read must fail the hook, as validate does."""
    outside = dataset.parent / "outside.json"
    outside.write_text('{"id": "outside"}', encoding="utf-8")
    target = dataset / "actors" / "linked.json"
    make(target, outside)
    assert main(["fmt", "--check", str(target)]) == 1
    assert main(["fmt", str(target)]) == 1
    assert outside.read_text(encoding="utf-8") == '{"id": "outside"}'
    error = capsys.readouterr().err
    assert f"dataset/actors/linked.json: {rule}" in error and "1 not formatted" in error


def test_the_file_keeps_its_permissions(dataset: Path):
    target = dataset / "actors" / "russia.json"
    target.write_bytes(target.read_bytes().replace(b"\n  ", b"\n    "))
    os.chmod(target, 0o640)
    assert main(["fmt", str(target)]) == 0
    assert os.stat(target).st_mode & 0o777 == 0o640


def test_nothing_to_format_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["fmt"]) == 2
    assert main(["fmt", "nowhere"]) == 2


def test_a_file_that_cannot_be_written_is_reported_and_left_whole(dataset: Path, monkeypatch: pytest.MonkeyPatch, capsys):
    target = dataset / "actors" / "russia.json"
    target.write_bytes(target.read_bytes().replace(b"\n  ", b"\n    "))
    before = target.read_bytes()

    def full_disk(path, chunks):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("communique.curate.fmt.atomic_write", full_disk)
    assert main(["fmt", str(target)]) == 1
    assert "No space left on device: not formatted" in capsys.readouterr().err
    assert target.read_bytes() == before


@pytest.mark.parametrize("formatted", ["articles", "statements", "articles statements"])
def test_quotes_are_still_found_when_either_side_or_both_are_normalised(dataset: Path, formatted: str):
    """NFC changes a text's code points, never what the quote rules compare: a record's
    text stays verbatim from its article however much of the dataset was formatted."""
    from communique.validate.engine import validate

    def decomposed(record: dict) -> dict:
        def nfd(text: str) -> str:
            return unicodedata.normalize("NFD", text.replace("e", "\u00e9"))  # accents as two code points

        for name in ("body", "text", "headline"):  # a statement's text may be its article's headline
            if isinstance(record.get(name), str):
                record[name] = nfd(record[name])
        if "quoted_parts" in record:  # quoted from the text
            record["quoted_parts"] = [nfd(part) for part in record["quoted_parts"]]
        for error in record.get("source_errors", []):  # quoted from the text
            error["printed"] = nfd(error["printed"])
        return record

    for path in [*dataset.glob("articles/*.json*"), *dataset.glob("statements/*.json*")]:
        lines = path.read_text(encoding="utf-8").splitlines() if path.suffix == ".jsonl" else [path.read_text(encoding="utf-8")]
        path.write_text("\n".join(json.dumps(decomposed(json.loads(line)), ensure_ascii=False) for line in lines if line.strip()), encoding="utf-8")
    assert main(["fmt", *(f"dataset/{folder}" for folder in formatted.split())]) == 0
    assert [finding.rule for finding in validate(dataset) if finding.rule.startswith("meaning.")] == []


_JSONISH = st.text(st.sampled_from(list('{}[]",:0123456789eE.-+ \n\t\\u/abfnrtxyzNaIiy\u00e9\ud83d')), max_size=40)


@settings(max_examples=300, deadline=None)
@given(st.one_of(_JSONISH, _values.map(json.dumps)))
def test_any_file_is_formatted_or_refused_never_a_traceback(tmp_path_factory, text: str):
    from communique.curate.fmt import formatted

    folder = tmp_path_factory.mktemp("fuzz") / "actors"
    folder.mkdir()
    path = folder / "x.json"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    result = formatted(SourceFile.at(str(path), "x.json", BY_FOLDER["actors"], False), {})
    if not isinstance(result, list):
        assert parsed(result) == nfc(parsed(text.encode("utf-8", "surrogatepass")))


# --- selectors -------------------------------------------------------------------------

HEADLINE = Path("statements") / "tass-2020-09-11-lavrov-press-conference-headline.json"
PRESS_CONFERENCE = Path("articles") / "tass-2020-09-11-lavrov-press-conference.json"


def _edit(path: Path, change) -> dict:
    record = json.loads(path.read_text(encoding="utf-8"))
    change(record)
    path.write_text(json.dumps(record, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return record


@pytest.mark.parametrize(
    "spoil",
    [
        pytest.param(lambda s: [s.pop(member) for member in ("start", "end", "prefix")], id="offsets-and-context-left-out"),
        pytest.param(lambda s: s.update(start=3, end=57), id="stale-offsets"),
        pytest.param(lambda s: s.update(prefix=""), id="empty-prefix"),
    ],
)
def test_fmt_places_a_statements_selector_in_its_article(dataset: Path, spoil):
    placed = json.loads((dataset / HEADLINE).read_text(encoding="utf-8"))["selector"]
    _edit(dataset / HEADLINE, lambda record: spoil(record["selector"]))
    assert main(["fmt", "--check", "dataset"]) == 1
    assert main(["fmt", "dataset"]) == 0
    assert json.loads((dataset / HEADLINE).read_text(encoding="utf-8"))["selector"] == placed
    assert main(["fmt", "--check", "dataset"]) == 0


def test_fmt_places_an_articles_not_curated_selectors(dataset: Path):
    placed = json.loads((dataset / PRESS_CONFERENCE).read_text(encoding="utf-8"))["not_curated"]
    _edit(dataset / PRESS_CONFERENCE, lambda record: [item["selector"].pop("start") for item in record["not_curated"]])
    assert main(["fmt", "dataset"]) == 0
    assert json.loads((dataset / PRESS_CONFERENCE).read_text(encoding="utf-8"))["not_curated"] == placed


def test_a_selector_fmt_cannot_place_is_left_as_written(dataset: Path):
    record = _edit(dataset / HEADLINE, lambda record: record["selector"].update(exact="Words the article never prints"))
    assert main(["fmt", "dataset"]) == 0
    assert json.loads((dataset / HEADLINE).read_text(encoding="utf-8"))["selector"] == record["selector"]


def test_the_shipped_dataset_is_in_canonical_form(capsys):
    """What the pre-commit hook checks on every commit holds for the dataset as shipped."""
    assert main(["fmt", "--check", str(dataset_dir())]) == 0, capsys.readouterr().out
