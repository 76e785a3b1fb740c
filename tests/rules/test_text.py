"""Comparing statement text with article bodies: what is ignored, and what is not."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from communique.rules.text import Match, canonical, find_passage, fingerprint


def test_canonical_ignores_spacing_quote_marks_composition_and_invisibles():
    printed = "\u201cWe\u00a0used\u2009the\n channels\u201d \u2018that\u2019s\u2019 caf\u0065\u0301\u00ad\u200b"
    assert canonical(printed) == "\"We used the channels\" 'that's' caf\u00e9"


def test_canonical_keeps_letters_case_and_punctuation():
    assert canonical("Number one, - \u2014 ...") == "Number one, - \u2014 ..."


def test_found_verbatim():
    assert find_passage("used to being", "We are used to being number one").found


def test_found_after_normalising_spaces_and_apostrophes():
    body = "Russia\u2019s\u00a0proposals\nstand"
    assert find_passage("Russia's proposals stand", body).found


def test_not_found_reports_how_far_it_matched():
    match = find_passage("We  are used to winning", "We are used to being number one")
    assert not match.found and not match.inside_word
    assert (match.matched, match.unmatched) == ("We are used to ", "winning")


def test_case_matters():
    assert not find_passage("we are used", "We are used to being number one").found


def test_a_passage_cut_inside_a_word_is_not_found():
    match = find_passage("e are used to being", "We are used to being number one")
    assert not match.found and match.inside_word


def test_a_later_whole_word_occurrence_is_found():
    assert find_passage("one", "someone and one more").found


@given(st.text(alphabet=st.characters(codec="ascii"), max_size=80))
def test_fingerprint_fast_path_agrees_with_the_general_rule(text):
    general = re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", text).casefold())
    assert fingerprint(text) == general


def test_fingerprint_ignores_case_punctuation_quote_marks_and_spacing():
    assert fingerprint("We\u2019ll publish  all the documents.") == fingerprint("we'll publish all the documents")
    assert fingerprint("We will publish") != fingerprint("We'll publish")


_MIXED = st.sampled_from(list("ab \u00e9\u201d\u201c\u2019\u00a0\u0301.,1\u03a9\u0436\U0001f600'\"\n"))


@given(st.text(_MIXED, max_size=40), st.text(_MIXED, min_size=1, max_size=8).filter(canonical))
def test_a_body_kept_as_utf8_gives_the_same_answer_as_its_text(body, passage):
    # The validator keeps long texts as UTF-8 bytes (half the memory); the search must not notice.
    encoded = body.encode("utf-8")
    as_bytes, as_text = find_passage(passage, encoded), find_passage(passage, body)
    assert as_bytes._replace(start=-1, end=-1) == as_text._replace(start=-1, end=-1)
    if as_text.found:  # the same place, counted in bytes (of the NFC form, if that is where it was found)
        nfc = unicodedata.normalize("NFC", body).encode("utf-8")
        places = (text[as_bytes.start : as_bytes.end].decode("utf-8", "replace") for text in (encoded, nfc))
        assert canonical(passage) in map(canonical, places)


def _bounded_everywhere(body: str, passage: str) -> list[int]:
    """Every place of ``passage`` in ``body`` on word boundaries, checked one place at a time."""
    return [
        start for start in range(len(body) - len(passage) + 1)
        if body.startswith(passage, start)
        and not (start > 0 and passage[0].isalnum() and body[start - 1].isalnum())
        and not (start + len(passage) < len(body) and passage[-1].isalnum() and body[start + len(passage)].isalnum())
    ]


_WORDY = st.sampled_from(list("ab a-\u00e9\u0301\u00ad\u200b\u2019'\n1_"))


@given(st.text(_WORDY, max_size=60), st.text(_WORDY, min_size=1, max_size=6).filter(canonical))
def test_found_exactly_where_a_place_by_place_check_finds_it(body, passage):
    # The linear search (word boundaries marked) agrees with the obvious quadratic one,
    # and the place it gives holds the passage up to canonical().
    match = find_passage(passage, body)
    expected = _bounded_everywhere(canonical(body), canonical(passage))
    assert match.found == bool(expected)
    if match.found:  # positions in the body, or in its NFC form when only that has the passage
        places = (text[match.start : match.end] for text in (body, unicodedata.normalize("NFC", body)))
        assert canonical(passage) in map(canonical, places)


def test_many_occurrences_inside_words_are_searched_in_one_pass():
    # Each occurrence inside a longer word used to cost a search of its own: seconds for
    # a long run of one letter. The answer is the same; benchmarks measure the time.
    body = "a" * 10_000 + " aaa."
    assert (find_passage("aaa", body).start, find_passage("aaa", body).end) == (10_001, 10_004)
    assert find_passage("aa", "a" * 10_000).inside_word


def test_a_soft_hyphen_in_the_body_is_found_and_placed_around_it():
    body = "We are used to be\u00ading number one"
    match = find_passage("to being number", body)
    assert match.found and body[match.start : match.end] == "to be\u00ading number"


def test_a_word_inside_a_longer_word_is_refused_and_placed_where_it_stands_alone():
    assert find_passage("one", "someone").inside_word
    match = find_passage("one", "someone and one more")
    assert (match.start, match.end) == (12, 15)


def test_a_passage_with_nothing_visible_is_never_found():
    assert find_passage("\u200b\u00ad", "a body with \u200b\u00ad in it") == Match(False, blank=True)
    assert find_passage("", "any body") == Match(False, blank=True)
