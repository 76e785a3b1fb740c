"""Selectors: locate and fill (communique.selectors), the selector.* rules, and quotes found
in the part of the article their selector names."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from communique.selectors import CONTEXT, Span, fill, locate

BODY = "one two one two three. “Quoted words,” he said."
ARTICLE = {"id": "a", "headline": "Ready for dialogue", "body": BODY}


@pytest.mark.parametrize(
    "selector, where",
    [
        ({"part": "body", "exact": "three"}, (16, 21)),
        ({"part": "headline", "exact": "dialogue"}, (10, 18)),
        ({"part": "body", "exact": "one", "suffix": " two t"}, (8, 11)),
        ({"part": "body", "exact": "one", "prefix": "two "}, (8, 11)),
        ({"part": "body", "exact": "one", "start": 8}, (8, 11)),
        ({"part": "body", "exact": "one", "end": 11}, (8, 11)),
        ({"part": "body", "exact": "one", "prefix": "", "start": 0, "end": 3}, (0, 3)),
        ({"part": "body", "exact": "said.", "suffix": "", "start": 42, "end": 47}, (42, 47)),
        ({"part": "body", "exact": "“Quoted words,”"}, (23, 38)),
    ],
)
def test_a_selector_that_holds_is_located(selector, where):
    assert locate(ARTICLE, selector) == Span(selector["part"], *where)


@pytest.mark.parametrize(
    "selector, problem, member",
    [
        ({"part": "subheadline", "exact": "one"}, "part-missing", "part"),
        ({"part": "body", "exact": "one"}, "ambiguous", "exact"),
        ({"part": "body", "exact": "one two", "prefix": ""}, "ambiguous", "exact"),
        ({"part": "body", "exact": "four"}, "not-found", "exact"),
        ({"part": "body", "exact": '"Quoted words,"'}, "not-found", "exact"),
        ({"part": "body", "exact": "one", "prefix": "x"}, "mismatch", "prefix"),
        ({"part": "body", "exact": "one", "prefix": "two ", "suffix": "x"}, "mismatch", "suffix"),
        ({"part": "body", "exact": "one", "start": 4}, "mismatch", "start"),
        ({"part": "body", "exact": "one", "start": 8, "end": 12}, "mismatch", "end"),
        ({"part": "body", "exact": "one", "start": 8, "end": 99}, "mismatch", "end"),
        ({"part": "body", "exact": "one", "end": 2}, "mismatch", "start"),
        ({"part": "body", "exact": "one", "start": 8, "prefix": "one "}, "mismatch", "prefix"),
        ({"part": "body", "exact": "one", "start": 8, "suffix": " three"}, "mismatch", "suffix"),
        ({"part": "body", "exact": 5}, "malformed", "exact"),
        ({"part": "preface", "exact": "one"}, "malformed", "part"),
        ({"part": "body", "exact": "one", "start": True}, "malformed", "start"),
        ({"part": "body", "exact": "one", "start": -1}, "malformed", "start"),
        ({"part": "body", "exact": "one", "prefix": 3}, "malformed", "prefix"),
        ("body", "malformed", ""),
    ],
)
def test_every_reason_a_selector_fails_names_its_member(selector, problem, member):
    reasons = locate(ARTICLE, selector)
    assert [(reason.problem, reason.member) for reason in reasons] == [(problem, member)]  # type: ignore[union-attr]


def test_fill_completes_a_selector_and_keeps_what_is_right():
    assert fill(ARTICLE, {"part": "body", "exact": "three"}) == {
        "part": "body", "exact": "three", "prefix": "one two one two ", "suffix": ". “Quoted words,” he said.", "start": 16, "end": 21
    }
    short = {"part": "body", "exact": "three", "prefix": "two "}
    assert fill(ARTICLE, short)["prefix"] == "two "  # type: ignore[index]


def test_fill_returns_the_same_object_when_nothing_changes():
    selector = fill(ARTICLE, {"part": "body", "exact": "three"})
    assert fill(ARTICLE, selector) is selector


def test_fill_leaves_out_an_empty_context_at_an_edge():
    assert fill(ARTICLE, {"part": "headline", "exact": "Ready for dialogue"}) == {"part": "headline", "exact": "Ready for dialogue", "start": 0, "end": 18}


def test_fill_moves_stale_offsets_to_where_the_exact_text_is():
    assert fill(ARTICLE, {"part": "body", "exact": "three", "start": 3, "end": 8})["start"] == 16  # type: ignore[index]


@pytest.mark.parametrize(
    "selector, problem",
    [
        ({"part": "body", "exact": "one"}, "ambiguous"),
        ({"part": "body", "exact": "one", "start": 7}, "mismatch"),  # stale, and the exact text alone is ambiguous
        ({"part": "body", "exact": "four"}, "not-found"),
        ({"part": "subheadline", "exact": "one"}, "part-missing"),
    ],
)
def test_fill_gives_the_reasons_of_a_selector_it_cannot_locate(selector, problem):
    assert [reason.problem for reason in fill(ARTICLE, selector)] == [problem]  # type: ignore[union-attr]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab \n“", min_size=1, max_size=120), st.data())
def test_for_every_passage_fill_gives_a_selector_that_locates_it(text, data):
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    article = {"id": "a", "body": text}
    filled = fill(article, {"part": "body", "exact": text[start:end], "start": start})
    assert isinstance(filled, dict)
    assert locate(article, filled) == Span("body", start, end)
    assert len(filled.get("prefix", "")) <= CONTEXT and len(filled.get("suffix", "")) <= CONTEXT
    assert fill(article, filled) is filled
    # without its offsets, the quote and its context still find the passage, or say it repeats
    quoted = {key: value for key, value in filled.items() if key not in ("start", "end")}
    located = locate(article, quoted)
    assert located == Span("body", start, end) or [reason.problem for reason in located] == ["ambiguous"]  # type: ignore[union-attr]


# --- the rules ---------------------------------------------------------------------------


@pytest.fixture
def located(statement, article):
    """A statement whose selector holds in its article."""
    statement["selector"] = fill(article, {"part": "body", "exact": statement["text"]})
    return statement


def test_a_statement_whose_selector_holds_passes_every_selector_rule(problems, located, index):
    for rule in ("selector.part-missing", "selector.mismatch", "selector.not-found", "selector.ambiguous", "selector.text-outside"):
        assert problems(rule, located, index) == []


def test_each_reason_is_its_rule_at_the_member(problems, located, index):
    located["selector"]["start"] += 1
    located["selector"]["end"] += 1
    assert problems("selector.mismatch", located, index) == [("selector.mismatch", "/selector/start")]
    located["selector"] = {"part": "subheadline", "exact": "x"}
    assert problems("selector.part-missing", located, index) == [("selector.part-missing", "/selector/part")]
    assert problems("selector.not-found", located, index) == []


def test_an_articles_passages_not_curated_are_checked_against_itself(problems, article, index):
    article["not_curated"] = [
        {"selector": {"part": "body", "exact": "would clear many matters up"}, "reason": "fine"},
        {"selector": {"part": "body", "exact": "Lavrov"}, "reason": "twice in the body"},
    ]
    assert problems("selector.ambiguous", article, index) == [("selector.ambiguous", "/not_curated/1/selector/exact")]


def test_a_malformed_selector_is_left_to_the_schema(problems, located, index):
    for broken in ("body", {"part": "body"}, {"part": "body", "exact": located["text"], "start": "3"}):
        located["selector"] = broken
        for rule in ("selector.part-missing", "selector.mismatch", "selector.not-found", "selector.ambiguous", "selector.text-outside"):
            assert problems(rule, located, index) == []


def test_the_text_lies_within_the_selectors_exact_text(problems, located, index, article):
    located["selector"] = fill(article, {"part": "body", "exact": "“Of course, we regret coming in second. We are used to being number one,”"})
    assert problems("selector.text-outside", located, index) == []
    located["selector"] = fill(article, {"part": "body", "exact": "we regret coming in second"})
    assert problems("selector.text-outside", located, index) == [("selector.text-outside", "/text")]


@pytest.mark.parametrize("part", ["headline", "subheadline"])
@pytest.mark.parametrize("kind, rule", [("quote", "meaning.quote-in-article"), ("paraphrase", "meaning.paraphrase-in-article"), ("partial-quote", "meaning.quote-in-article")])
def test_a_statement_is_looked_for_in_the_part_its_selector_names(problems, statement, article, index, part, kind, rule):
    article[part] = "Lavrov: Russia ready for “honest dialogue” with US"
    statement.update(kind=kind, text="Russia ready for “honest dialogue” with US", selector={"part": part, "exact": "Russia ready"})
    assert problems(rule, statement, index) == []
    statement["selector"] = {"part": "body", "exact": "Russia ready"}
    assert problems(rule, statement, index) == [(rule, "/text")]
    del statement["selector"]  # no selector: the body
    assert problems(rule, statement, index) == [(rule, "/text")]


def test_a_part_the_article_lacks_is_the_selector_rules_finding_not_the_quote_rules(problems, statement, index):
    statement["selector"] = {"part": "subheadline", "exact": "x"}
    assert problems("meaning.quote-in-article", statement, index) == []


def test_a_partial_quote_is_held_to_the_quote_rule(run, statement, index):
    statement.update(kind="partial-quote", text="He added that the documents “would clear everything up”", quoted_parts=["would clear everything up"])
    [problem] = run("meaning.quote-in-article", statement, index)
    assert problem.message.startswith("the partial-quote is not found verbatim in article tass-2020-09-11-ready's body")
