"""Rules on statements: quotes and paraphrases in their article, dates, speakers' roles."""

from __future__ import annotations

import pytest

QUOTE = "meaning.quote-in-article"
PARAPHRASE = "meaning.paraphrase-in-article"


def test_a_quote_from_the_body_passes(problems, statement, index):
    assert problems(QUOTE, statement, index) == []


def test_a_quote_with_straight_quote_marks_and_plain_spaces_passes(problems, statement, index):
    statement["text"] = "Russia's proposals stand"  # the body has a curly apostrophe and a no-break space
    assert problems(QUOTE, statement, index) == []


def test_a_changed_word_fails_at_the_text(run, statement, index):
    statement["text"] = "Of course, we regret coming in second. We are used to being the first"
    [problem] = run(QUOTE, statement, index)
    assert problem.pointer == "/text"
    assert "tass-2020-09-11-ready" in problem.message
    assert "as far as '…coming in second. We are used to being ', but not what follows: 'the first'" in problem.message


def test_a_quote_cut_inside_a_word_fails(run, statement, index):
    statement["text"] = "f course, we regret coming in second"
    [problem] = run(QUOTE, statement, index)
    assert problem.pointer == "/text" and "longer words" in problem.message


def test_the_quote_rule_ignores_paraphrases_and_the_paraphrase_rule_quotes(problems, statement, index):
    statement["text"] = "words the article never printed"
    assert problems(QUOTE, statement, index) == [(QUOTE, "/text")]
    assert problems(PARAPHRASE, statement, index) == []
    statement["kind"] = "paraphrase"
    assert problems(QUOTE, statement, index) == []
    assert problems(PARAPHRASE, statement, index) == [(PARAPHRASE, "/text")]


def test_a_paraphrase_of_the_articles_own_clause_passes(problems, statement, index):
    statement.update(kind="paraphrase", text="Moscow is ready for honest dialogue with Washington")
    assert problems(PARAPHRASE, statement, index) == []


@pytest.mark.parametrize("rule", [QUOTE, PARAPHRASE, "meaning.statement-date", "meaning.speaker-role"])
def test_silent_when_the_article_or_speaker_is_missing_or_malformed(problems, statement, make_index, rule):
    statement.update(text="not in any article", date="2099-01-01", speaker_role="head-of-state")
    assert problems(rule, statement, make_index()) == []
    for broken in ({"article": ["not", "a", "string"], "speaker": {"id": 1}}, {"text": 5, "date": 20200911}):
        assert problems(rule, {**statement, **broken}, make_index()) == []


def test_silent_when_the_body_is_not_text(problems, statement, article, make_index):
    article["body"] = ["not", "text"]
    statement["text"] = "not in the body"
    assert problems(QUOTE, statement, make_index(("article", article))) == []


STATEMENT_DATE = "meaning.statement-date"


@pytest.mark.parametrize("date", ["2020-09-11", "2020-09-10", "1999-01-01"])
def test_a_statement_on_or_before_publication_passes(problems, statement, index, date):
    statement["date"] = date
    assert problems(STATEMENT_DATE, statement, index) == []


def test_a_statement_after_publication_fails(run, statement, index):
    statement["date"] = "2020-09-12"
    [problem] = run(STATEMENT_DATE, statement, index)
    assert problem.pointer == "/date"
    assert "2020-09-12" in problem.message and "2020-09-11" in problem.message


@pytest.mark.parametrize("date", ["2020-09-31", "20200912", "2020-9-12", ""])
def test_a_date_the_schema_refuses_is_left_to_the_schema(problems, statement, index, date):
    statement["date"] = date
    assert problems(STATEMENT_DATE, statement, index) == []


ROLE = "meaning.speaker-role"


def test_a_role_held_on_the_date_passes(problems, statement, index):
    assert problems(ROLE, statement, index) == []


def test_a_role_on_its_first_and_last_day_passes(problems, statement, actor, make_index):
    actor["roles"][0]["end"] = "2020-09-11"
    index = make_index(("actor", actor))
    for day in ("2004-03-09", "2020-09-11"):
        statement["date"] = day
        assert problems(ROLE, statement, index) == []


def test_a_role_not_yet_held_fails(run, statement, index):
    statement["date"] = "2003-05-01"
    [problem] = run(ROLE, statement, index)
    assert problem.pointer == "/speaker_role"
    assert "from 2004-03-09 to now" in problem.message


def test_a_role_no_longer_held_fails(problems, statement, actor, make_index):
    actor["roles"][0]["end"] = "2019-12-31"
    assert problems(ROLE, statement, make_index(("actor", actor))) == [(ROLE, "/speaker_role")]


def test_a_role_never_recorded_fails_and_lists_the_recorded_ones(run, statement, index):
    statement["speaker_role"] = "head-of-state"
    [problem] = run(ROLE, statement, index)
    assert problem.pointer == "/speaker_role" and "recorded: foreign-minister" in problem.message


def test_any_of_several_periods_of_the_role_will_do(problems, statement, actor, make_index):
    actor["roles"] = [
        {"role": "foreign-minister", "title": "First term", "start": "1990-01-01", "end": "1995-01-01"},
        {"role": "foreign-minister", "title": "Second term", "start": "2020-01-01"},
    ]
    assert problems(ROLE, statement, make_index(("actor", actor))) == []


@pytest.mark.parametrize("roles", [None, [], "not a list"])
def test_a_speaker_without_recorded_roles_is_not_checked(problems, statement, actor, make_index, roles):
    actor["roles"] = roles
    statement["speaker_role"] = "head-of-state"
    assert problems(ROLE, statement, make_index(("actor", actor))) == []


def test_a_role_with_a_broken_date_is_left_to_the_schema(problems, statement, actor, make_index):
    actor["roles"][0]["end"] = "2019-02-30"
    assert problems(ROLE, statement, make_index(("actor", actor))) == []


def test_a_statement_without_a_speaker_role_is_not_checked(problems, statement, index):
    del statement["speaker_role"]
    assert problems(ROLE, statement, index) == []


ROLE_DATES = "meaning.role-dates"


def test_a_role_ending_before_it_starts_fails(problems, actor):
    actor["roles"].append({"role": "ambassador", "title": "Ambassador", "start": "1994-01-01", "end": "1993-01-01"})
    actor["roles"][0]["end"] = "2004-03-09"  # a one-day role is fine
    assert problems(ROLE_DATES, actor) == [(ROLE_DATES, "/roles/1/end")]


@pytest.mark.parametrize("text", ["\u200b", "\u200b\u2060\ufeff", "\u00ad \u200b", "\u00a0\u200b"])
def test_a_quote_with_no_visible_text_is_left_to_the_schema(run, statement, index, text):
    from communique.kinds import STATEMENT
    from communique.rules.schema import issues

    statement["text"] = text
    assert run(QUOTE, statement, index) == []
    [(_, issue)] = issues({"$schema": STATEMENT.schema_ref, **statement}, STATEMENT)
    assert issue.pointer == "/text" and "no visible character" in issue.message


def test_a_blank_quote_is_left_to_the_schema(problems, statement, index):
    statement["text"] = " \n "  # schema.pattern: one mistake, one finding
    assert problems(QUOTE, statement, index) == []
