"""Rules over the whole dataset: near-duplicate statements, Wikidata items named twice."""

from __future__ import annotations

from communique.rules.base import RULES


def NEAR(records):  # noqa: N802  (a rule, named as one)
    return RULES["meaning.near-duplicate"].across().repeats_in(records)


def WIKIDATA(records):  # noqa: N802
    return RULES["meaning.wikidata-unique"].across().repeats_in(records)


def _statement(number: int, speaker: str, text: str) -> dict:
    return {"id": f"s{number}", "speaker": speaker, "text": text}


def test_the_same_words_from_the_same_speaker_warn_on_the_later_statement():
    statements = [
        _statement(1, "mike-pompeo", "We'll publish all the documents we think appropriate."),
        _statement(2, "sergey-lavrov", "We'll publish all the documents we think appropriate."),
        _statement(3, "mike-pompeo", "we\u2019ll  publish all the documents we think appropriate"),
        _statement(4, "mike-pompeo", "We'll publish all the documents"),
    ]
    found = list(NEAR(iter(statements)))
    assert [(record_id, problem.pointer) for record_id, problem in found] == [("s3", "/text")]
    assert "s1" in found[0][1].message


def test_each_further_copy_names_the_first():
    statements = [_statement(number, "a", "Same words") for number in range(3)]
    assert [(record_id, "s0" in problem.message) for record_id, problem in NEAR(iter(statements))] == [
        ("s1", True),
        ("s2", True),
    ]


def test_statements_without_words_or_speaker_are_skipped():
    statements = [_statement(1, "a", "..."), _statement(2, "a", "\u2026"), {"id": "s3", "text": "x"}, {"id": "s4", "speaker": "a", "text": "x"}]
    assert list(NEAR(iter(statements))) == []


def test_one_wikidata_item_on_two_records_warns_on_the_second():
    records = [
        {"id": "sergey-lavrov", "wikidata": "Q150851"},
        {"id": "russia", "wikidata": "Q159"},
        {"id": "sergei-lavrov", "wikidata": "Q150851"},
        {"id": "no-item"},
        {"id": "bad-item", "wikidata": "150851"},
    ]
    found = list(WIKIDATA(iter(records)))
    assert [(record_id, problem.pointer) for record_id, problem in found] == [("sergei-lavrov", "/wikidata")]
    assert "sergey-lavrov" in found[0][1].message


def test_the_keys_of_a_statement_are_the_same_in_every_process():
    """Workers send keys to the main process: they must not depend on a process's hash seed."""
    import subprocess
    import sys

    program = (
        "from communique.rules.statements import near_duplicates;"
        "print(near_duplicates({'speaker': 'mike-pompeo', 'text': 'We will publish all the documents.'})[0][0])"
    )
    keys = {
        subprocess.run([sys.executable, "-c", program], env={"PYTHONHASHSEED": seed}, capture_output=True, text=True, check=True).stdout
        for seed in ("1", "2", "3")
    }
    assert len(keys) == 1, keys
