"""The id and reference rules: suggestions for a mistyped id, and a repeated id on every holder."""

from __future__ import annotations

import json
import string
import time
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from communique.rules.integrity import closest
from communique.validate.engine import validate

from testdata import overlay

ID_LETTERS = string.ascii_lowercase + string.digits + "-"
ids = st.text(ID_LETTERS, min_size=2, max_size=40)


def _edits(word: str, position: int, letter: str) -> list[str]:
    """Every single typo at ``position``: a letter dropped, changed, added, or two swapped."""
    position %= len(word)
    typos = [
        word[:position] + word[position + 1 :],
        word[:position] + letter + word[position + 1 :],
        word[:position] + letter + word[position:],
    ]
    if position + 1 < len(word):
        typos.append(word[:position] + word[position + 1] + word[position] + word[position + 2 :])
    return typos


@given(ids, st.lists(ids, max_size=30), st.integers(0, 100), st.sampled_from(ID_LETTERS))
def test_a_typo_anywhere_in_an_id_is_traced_to_an_id_one_edit_away(meant, others, position, letter):
    candidates = [meant, *others]
    for typo in _edits(meant, position, letter):
        assume(typo not in candidates)
        suggestion = closest([typo], candidates).get(typo)
        assert suggestion is not None, typo
        assert suggestion in candidates
        assert typo in _one_edit_or_swap(suggestion)


def _one_edit_or_swap(word: str) -> set[str]:
    found = set()
    for position in range(len(word) + 1):
        found.add(word[:position] + word[position + 1 :])
        for letter in ID_LETTERS:
            found.add(word[:position] + letter + word[position + 1 :])
            found.add(word[:position] + letter + word[position:])
        if position + 1 < len(word):
            found.add(word[:position] + word[position + 1] + word[position] + word[position + 2 :])
    return found


def test_an_id_far_from_every_candidate_gets_no_suggestion():
    assert closest(["nobody-known"], ["sergey-lavrov", "mike-pompeo"]) == {}


def test_the_nearest_of_several_candidates_is_chosen_the_same_way_every_time():
    assert closest(["sergei-lavrov"], ["sergey-lavrov", "sergei-ivanov"]) == {"sergei-lavrov": "sergey-lavrov"}
    assert closest(["ab"], ["abc", "abd"]) == closest(["ab"], ["abd", "abc"]) == {"ab": "abc"}


def test_suggestions_take_time_in_proportion_to_the_ids_not_to_their_product():
    """Ten thousand missing ids among a hundred thousand: about a second, not minutes."""
    candidates = [f"agency-{number % 40:04d}-2020-01-{number % 28 + 1:02d}-story-{number:07d}" for number in range(100_000)]
    missing = [candidate.replace("story", "stroy") for candidate in candidates[::10]]
    started = time.process_time()
    found = closest(missing, candidates)
    assert time.process_time() - started < 20  # the quadratic search took minutes
    assert found[missing[7]] == candidates[70]


def _statements(root: Path) -> list[dict]:
    return [json.loads(line) for line in (root / "statements" / "imported.jsonl").read_text(encoding="utf-8").splitlines() if line]


def test_a_repeated_id_is_reported_on_every_record_that_has_it_each_naming_the_others(tmp_path, monkeypatch):
    root = overlay(tmp_path / "dataset")
    monkeypatch.chdir(root)
    first = _statements(root)[0]
    for name in ("copy-a", "copy-b"):
        (root / "statements" / f"{name}.jsonl").write_text(json.dumps(first) + "\n", encoding="utf-8")
    found = [finding for finding in validate(root) if finding.rule == "id.duplicate"]
    holders = ["statements/imported.jsonl", "statements/copy-a.jsonl", "statements/copy-b.jsonl"]
    assert sorted(finding.path for finding in found) == sorted(holders)
    for finding in found:
        others = [holder for holder in holders if holder != finding.path]
        assert all(f"{other}, line 1" in finding.message for other in others), finding.message
        assert finding.pointer == "/id" and finding.line == 1


_PRESS = "statements/tass-2020-09-11-lavrov-press-conference-ready-to-extend.json"
_PARTIAL = "statements/tass-2020-09-11-lavrov-press-conference-served-both-sides.json"
_EVENT = "events/2020-09-11-lavrov-press-conference-wang-yi-talks.json"


@pytest.mark.parametrize(
    "path, pointer, other_kind",
    [
        (_PRESS, "/event", "new-start"),
        (_PRESS, "/translated_by", "new-start"),
        (_PRESS, "/addressees/0", "new-start"),
        (_PRESS, "/responds_to/0/target", "new-start"),
        (_PARTIAL, "/responds_to/0/claimant", "new-start"),
        (_EVENT, "/part_of", "new-start"),
        (_EVENT, "/participants/1/actor", "new-start"),
        ("actors/us-officials.json", "/member_of", "new-start"),
        ("articles/tass-2020-09-11-lavrov-press-conference.json", "/treaties/0", "tass"),
    ],
)
def test_every_reference_of_schema_1_1_is_checked(tmp_path, monkeypatch, path, pointer, other_kind):
    """Each new reference field, pointed at nothing and then at a record of another kind."""
    for wrong, rule in (("nothing-has-this-id", "ref.missing"), (other_kind, "ref.wrong-kind")):
        root = overlay(tmp_path / rule)
        monkeypatch.chdir(root)
        record = json.loads((root / path).read_text(encoding="utf-8"))
        *parents, last = pointer.split("/")[1:]
        holder = record
        for token in parents:
            holder = holder[int(token) if token.isdigit() else token]
        holder[int(last) if last.isdigit() else last] = wrong
        (root / path).write_text(json.dumps(record), encoding="utf-8")
        found = [(finding.path, finding.pointer) for finding in validate(root) if finding.rule == rule]
        assert (path, pointer) in found
