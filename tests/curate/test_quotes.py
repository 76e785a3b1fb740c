"""The quote finder on tricky texts (table-driven) and on every text of quoted sentences (property-based)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from communique.curate.quotes import (
    CUE_ACCORDING,
    CUE_AFTER,
    CUE_BEFORE,
    CUE_BROKEN,
    CUE_NONE,
    CUE_PREVIOUS,
    attribute,
    find_quotes,
    speakers,
)

PEOPLE = speakers(
    [
        {"id": "sergey-lavrov", "name": "Sergey Lavrov", "kind": "person", "aliases": ["Lavrov"], "roles": [{"title": "Minister of Foreign Affairs"}]},
        {"id": "mike-pompeo", "name": "Mike Pompeo", "kind": "person", "roles": [{"title": "Secretary of State"}]},
        {"id": "wang-yi", "name": "Wang Yi", "kind": "person", "roles": [{"title": "Foreign Minister"}]},
        {"id": "russia", "name": "Russia", "kind": "country", "aliases": ["Moscow"]},
        {"id": "united-states", "name": "United States", "kind": "country", "aliases": ["Washington"]},
    ]
)

QUOTES = [
    # (case, text, the quotations' words)
    ("typographic", "“We are ready,” Lavrov said.", ["We are ready,"]),
    ("straight", 'He said "we are ready" and left.', ["we are ready"]),
    ("guillemets", "Lavrov: «Nous sommes prêts».", ["Nous sommes prêts"]),
    ("german low-high", "Lavrov sagte: „Wir sind bereit“.", ["Wir sind bereit"]),
    ("single in a headline", "Lavrov: 'We are open for dialogue'", ["We are open for dialogue"]),
    ("apostrophes are not marks", "Russia’s minister said “we don’t think it’s over” today.", ["we don’t think it’s over"]),
    ("straight apostrophe inside", 'He said "it\'s the US\' fault" again.', ["it's the US' fault"]),
    ("nested single", "“He told me ‘never’ twice,” Pompeo said.", ["He told me ‘never’ twice,"]),
    ("nested straight", "\"He said 'never' twice,\" Pompeo said.", ["He said 'never' twice,"]),
    ("broken by he said", "“We are open,” he said, “but not naive.”", ["We are open,", "but not naive."]),
    ("over paragraphs", "“We waited.\n\n“We are still waiting,” he said.", ["We waited.\n\n“We are still waiting,"]),
    ("over three paragraphs", "“One.\n\n“Two.\n\n“Three.”", ["One.\n\n“Two.\n\n“Three."]),
    ("one line per paragraph", "“We waited.\n“Still,” he said.", ["We waited.\n“Still,"]),
    ("unclosed at the end", "Lavrov said “we are open", ["we are open"]),
    ("unclosed, next paragraph plain", "“We are open\n\nThe minister left.", ["We are open"]),
    ("a lone opening single mark", "In the ‘90s he said “no”.", ["no"]),
    ("inches are not a quote", 'A 12" pipe and a 10" one.', []),
    ("empty marks", "He said “” and “ ” twice.", []),
    ("two in a sentence", "He called it “absurd” and “baseless”.", ["absurd", "baseless"]),
    ("scare quote", "the so-called “reset” failed", ["reset"]),
    ("no quotes", "Lavrov said Russia was ready.", []),
]


@pytest.mark.parametrize(("text", "wanted"), [case[1:] for case in QUOTES], ids=[case[0] for case in QUOTES])
def test_finds_the_quotations(text: str, wanted: list[str]):
    found = find_quotes(text)
    assert [quote.exact for quote in found] == wanted
    for quote in found:
        assert text[quote.start : quote.end] == quote.exact
        assert text[quote.start - len(quote.open_mark) : quote.start] == quote.open_mark


def test_paragraphs_and_nesting_are_counted():
    [long] = find_quotes("“One.\n\n“Two ‘inner’.”")
    assert long.paragraphs == 2 and long.closed
    assert [long.exact[start - long.start : end - long.start] for start, end in long.nested] == ["inner"]
    [unclosed] = find_quotes("“Open to the end")
    assert not unclosed.closed


ATTRIBUTIONS = [
    # (case, text, [(words, speaker, cue)])
    ("name said after", "“We are ready,” Lavrov said.", [("We are ready,", "sergey-lavrov", CUE_AFTER)]),
    ("said name after", "“We are ready,” said Mike Pompeo.", [("We are ready,", "mike-pompeo", CUE_AFTER)]),
    ("quipped", "“We are number one,” Lavrov quipped.", [("We are number one,", "sergey-lavrov", CUE_AFTER)]),
    (
        "pronoun points to the last speaker, not the last person named",
        "Lavrov said so after talks with Wang Yi.\n\n“We are open,” he said.",
        [("We are open,", "sergey-lavrov", CUE_AFTER)],
    ),
    (
        "title points to the last speaker with that title",
        "Lavrov said so after talks with Foreign Minister Wang Yi.\n\n“We offered talks,” the minister said.",
        [("We offered talks,", "sergey-lavrov", CUE_AFTER)],
    ),
    (
        "title picks the speaker who holds it",
        "Lavrov met Mike Pompeo.\n\n“We disagree,” the secretary said.",
        [("We disagree,", "mike-pompeo", CUE_AFTER)],
    ),
    ("according to", "According to Lavrov, “the talks failed.”", [("the talks failed.", "sergey-lavrov", CUE_ACCORDING)]),
    ("said colon before", "Pompeo said: “We will act.”", [("We will act.", "mike-pompeo", CUE_BEFORE)]),
    (
        "participle: the clause's subject, not the country named",
        "Pompeo continued to warn Russia, saying he made clear Washington’s “expectations of Russia.”",
        [("expectations of Russia.", "mike-pompeo", CUE_BEFORE)],
    ),
    (
        "names inside quotes are not speakers",
        "“Lavrov said nothing,” Pompeo said.",
        [("Lavrov said nothing,", "mike-pompeo", CUE_AFTER)],
    ),
    (
        "broken by the cue",
        "“We are open,” Lavrov said, “but not naive.”",
        [("We are open,", "sergey-lavrov", CUE_AFTER), ("but not naive.", "sergey-lavrov", CUE_BROKEN)],
    ),
    (
        "a full stop inside the marks ends the sentence",
        "Lavrov said: “It is over.” Pompeo said nothing.",
        [("It is over.", "sergey-lavrov", CUE_BEFORE)],
    ),
    (
        "a second quotation without a cue",
        "“We will act,” Pompeo said. “Soon.”",
        [("We will act,", "mike-pompeo", CUE_AFTER), ("Soon.", "mike-pompeo", CUE_PREVIOUS)],
    ),
    ("a headline's colon", "Lavrov: 'We are open for dialogue'", [("We are open for dialogue", "sergey-lavrov", CUE_BEFORE)]),
    ("a colon after no name", "Talks: “We are open.”", [("We are open.", None, CUE_NONE)]),
    ("no cue at all", "The so-called “reset” failed.", [("reset", None, CUE_NONE)]),
    ("a pronoun with no one before", "“We are ready,” he said.", [("We are ready,", None, CUE_AFTER)]),
]


@pytest.mark.parametrize(("text", "wanted"), [case[1:] for case in ATTRIBUTIONS], ids=[case[0] for case in ATTRIBUTIONS])
def test_attributes_the_quotations(text: str, wanted: list[tuple]):
    found = attribute(text, find_quotes(text), PEOPLE)
    assert [(item.quote.exact, item.speaker, item.cue) for item in found] == wanted


def test_the_cue_is_explained_with_its_words():
    [item] = attribute("“We are ready,” Lavrov said.", find_quotes("“We are ready,” Lavrov said."), PEOPLE)
    assert item.words == "Lavrov said"
    assert "“Lavrov said”" in item.explanation() and "sergey-lavrov" in item.explanation()


def test_a_last_name_shared_by_two_people_names_neither():
    people = speakers([{"id": "a-smith", "name": "Ann Smith", "kind": "person"}, {"id": "b-smith", "name": "Bob Smith", "kind": "person"}])
    [item] = attribute("“Yes,” Smith said.", find_quotes("“Yes,” Smith said."), people)
    assert item.speaker is None


_WORDS = st.lists(st.sampled_from(["we", "are", "ready", "for", "talks", "Moscow", "never", "it’s", "don't", "2020"]), min_size=1, max_size=8).map(" ".join)
_SPEAKERS = st.sampled_from([("Lavrov", "sergey-lavrov"), ("Pompeo", "mike-pompeo"), ("the minister", "sergey-lavrov")])
_MARKS = st.sampled_from([("“", "”"), ('"', '"'), ("«", "»"), ("„", "“")])


@given(st.lists(st.tuples(_WORDS, _SPEAKERS, _MARKS, st.booleans()), min_size=1, max_size=6))
def test_every_quoted_sentence_is_found_and_attributed(sentences):
    """For every text of paragraphs “words,” X said / X said: “words.”, each quotation is found
    once, with its words and its speaker (the minister being Lavrov, named first)."""
    paragraphs = ["Sergey Lavrov and Mike Pompeo met."]
    for words, (name, _), (opening, closing), before in sentences:
        paragraphs.append(f"{name.capitalize()} said: {opening}{words}.{closing}" if before else f"{opening}{words},{closing} {name} said.")
    text = "\n\n".join(paragraphs)
    found = attribute(text, find_quotes(text), PEOPLE)
    wanted = [(f"{words}." if before else f"{words},", speaker) for words, (_, speaker), _, before in sentences]
    assert [(item.quote.exact, item.speaker) for item in found] == wanted
