"""``communique draft-statements`` end to end, and its agreement with ``completeness.uncovered-quote``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from communique.cli import main
from communique.resources import working_dataset
from communique.validate.engine import validate
from communique.versioning.rewrite import atomic_write

from testdata import INVALID, overlay

ARTICLE = "tass-2020-09-11-lavrov-honest-dialogue"
RULE = "completeness.uncovered-quote"


@pytest.fixture
def uncovered(tmp_path: Path) -> Path:
    """The valid base with the completeness fixture laid over it: three quotations not covered."""
    return overlay(tmp_path / "dataset", INVALID / RULE)


def _drafts(root: Path) -> list[dict]:
    return [json.loads(path.read_text(encoding="utf-8")) for path in sorted((root / "statements").glob(f"{ARTICLE}-draft-*.json"))]


def _rule_findings(root: Path) -> list:
    return [finding for finding in validate(root) if finding.rule == RULE]


def test_drafts_every_quotation_not_covered_and_the_rule_then_passes(uncovered: Path, capsys):
    assert len(_rule_findings(uncovered)) == 3
    assert main(["draft-statements", ARTICLE, "--dataset", str(uncovered)]) == 0
    drafts = _drafts(uncovered)
    assert [(draft["text"], draft["speaker"], draft.get("attribution")) for draft in drafts] == [
        ("We are open for honest dialogue", "sergey-lavrov", "Lavrov:"),
        ("Washington knows it,", "sergey-lavrov", "he added"),
        ("We remain patient.\n\n“And we are ready,", "sergey-lavrov", "Lavrov said"),
    ]
    article = json.loads((uncovered / "articles" / f"{ARTICLE}.json").read_text(encoding="utf-8"))
    for draft in drafts:
        selector = draft["selector"]
        assert article[selector["part"]][selector["start"] : selector["end"]] == selector["exact"] == draft["text"]
        assert draft["draft"] is True and draft["kind"] == "quote"
        assert (draft["date"], draft["date_basis"]) == (article["published"], "publication")
        assert draft["notes"][0]["kind"] == "context" and "cue" in draft["notes"][0]["text"]
    assert _rule_findings(uncovered) == []
    assert main(["fmt", "--check", *map(str, sorted((uncovered / "statements").glob("*-draft-*.json")))]) == 0
    # the headline's draft waits for the quote rule to look in the part its selector names (branch rules13)
    elsewhere = {f"{draft['id']}.json" for draft in drafts if draft["selector"]["part"] != "body"}
    errors = [finding.to_dict() for finding in validate(uncovered) if finding.severity.name == "ERROR" and Path(finding.path).name not in elsewhere]
    assert errors == []
    printed = capsys.readouterr().out
    assert printed.count("wrote ") == 3 and "draft-1.json" in printed


def test_a_second_run_drafts_nothing(uncovered: Path, capsys):
    main(["draft-statements", ARTICLE, "--dataset", str(uncovered)])
    capsys.readouterr()
    assert main(["draft-statements", ARTICLE, "--dataset", str(uncovered)]) == 0
    assert len(_drafts(uncovered)) == 3
    assert "every quotation is covered" in capsys.readouterr().err


def test_dry_run_prints_and_writes_nothing(uncovered: Path, capsys):
    assert main(["draft-statements", ARTICLE, "--dataset", str(uncovered), "--dry-run"]) == 0
    assert _drafts(uncovered) == []
    printed = capsys.readouterr().out
    assert printed.count('"draft": true') == 3


def test_curated_statements_are_skipped(tmp_path: Path):
    root = overlay(tmp_path / "dataset")
    assert main(["draft-statements", ARTICLE, "--dataset", str(root)]) == 0
    assert _drafts(root) == []


def test_the_shipped_dataset_passes_the_rule():
    assert _rule_findings(working_dataset()) == []


def test_an_unknown_article_is_a_usage_error(uncovered: Path, capsys):
    assert main(["draft-statements", "no-such-article", "--dataset", str(uncovered)]) == 2
    assert "no article has the id" in capsys.readouterr().err


def test_a_quotation_without_a_speaker_is_listed_not_drafted(uncovered: Path, capsys):
    path = uncovered / "articles" / f"{ARTICLE}.json"
    article = json.loads(path.read_text(encoding="utf-8"))
    article["body"] += "\n\nThe so-called “reboot” failed."
    path.write_text(json.dumps(article, ensure_ascii=False), encoding="utf-8")
    assert main(["draft-statements", ARTICLE, "--dataset", str(uncovered)]) == 0
    assert "not drafted (no speaker found): ? “reboot”" in capsys.readouterr().out
    assert "reboot" not in {draft["text"] for draft in _drafts(uncovered)}


def test_a_draft_is_written_new_never_over_a_file_and_leaves_no_temporary(tmp_path: Path):
    target = tmp_path / "record.json"
    atomic_write(str(target), [b"first\n"], create=True)
    with pytest.raises(FileExistsError):
        atomic_write(str(target), [b"second\n"], create=True)
    assert target.read_text() == "first\n"
    assert [path.name for path in tmp_path.iterdir()] == ["record.json"]


def test_texts_are_escaped_at_the_terminal(uncovered: Path, capsys):
    path = uncovered / "articles" / f"{ARTICLE}.json"
    article = json.loads(path.read_text(encoding="utf-8"))
    article["body"] += "\n\n“Red \u001b[31malert\u202e,” Lavrov said."
    path.write_text(json.dumps(article, ensure_ascii=False), encoding="utf-8")
    main(["draft-statements", ARTICLE, "--dataset", str(uncovered), "--dry-run"])
    printed = capsys.readouterr().out
    assert "\u001b" not in printed and "\u202e" not in printed


HEADLINE, OPEN, COURSE = ("headline", "Of course."), ("body", "We are open, but not naive."), ("body", "Of course,")
COVERAGE = [
    # (case, statements' texts, not curated exacts in the headline, the quotations left uncovered)
    ("one statement holds the words", ["We are open, but not naive."], [], [HEADLINE, COURSE]),
    ("the full stop left out inside the marks", ["We are open, but not naive"], [], [HEADLINE, COURSE]),
    ("split between two statements", ["We are open,", "but not naive."], [], [HEADLINE, COURSE]),
    ("half of it is not enough", ["We are open,"], [], [HEADLINE, OPEN, COURSE]),
    ("the headline repeats a quotation of the body", ["Of course"], [], [OPEN]),
    ("marked not curated", [], ["Of course."], [OPEN, COURSE]),
    ("nothing", [], [], [HEADLINE, OPEN, COURSE]),
]


@pytest.mark.parametrize(("texts", "passages", "left"), [case[1:] for case in COVERAGE], ids=[case[0] for case in COVERAGE])
def test_coverage_of_every_quotation(texts: list[str], passages: list[str], left: list[tuple[str, str]]):
    from communique.curate.coverage import uncovered
    from communique.curate.quotes import article_quotes

    article = {"id": "a", "headline": "Lavrov: 'Of course.'", "body": "“We are open, but not naive.” Lavrov said. “Of course,” he added."}
    if passages:
        article["not_curated"] = [{"selector": {"part": "headline", "exact": exact}, "reason": "r"} for exact in passages]
    statements = [{"text": text} for text in texts]
    assert [(quote.part, quote.exact) for quote in uncovered(article, article_quotes(article), statements)] == left
