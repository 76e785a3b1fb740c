"""Values checked against standards and codelists: URLs, language tags, country codes, open codelists."""

from __future__ import annotations

import pytest

URL = "meaning.public-url"


@pytest.mark.parametrize(
    "url",
    [
        "https://tass.com/politics/1199783",
        "http://nuclearforces.org/new-start",
        "https://www.state.gov:443/remarks?id=1#top",
        "https://8.8.8.8/page",
        "https://xn--80ak6aa92e.com/",
    ],
)
def test_public_urls_pass(problems, article, url):
    article["url"] = url
    assert problems(URL, article) == []


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("https://user:secret@tass.com/politics", "user name or password"),
        ("https://editor@tass.com/politics", "user name or password"),
        ("http://localhost/page", "not a public host name"),
        ("http://intranet/page", "not a public host name"),
        ("http://192.168.1.10/page", "not a public internet address"),
        ("http://tass.com:0/page", "port is 0"),
        ("http://tass.com:99999/page", "cannot be read as a URL"),
        ("http://tass..com/page", "not a public host name"),
        ("http://-tass.com/page", "not a public host name"),
    ],
)
def test_urls_no_reader_can_open_fail(run, article, url, why):
    article["url"] = url
    [problem] = run(URL, article)
    assert problem.pointer == "/url" and why in problem.message


@pytest.mark.parametrize("url", ["ftp://tass.com/x", "tass.com/politics", "https://tass .com/", "https://", 42, None])
def test_what_the_schema_refuses_is_left_to_it(problems, article, url):
    article["url"] = url
    assert problems(URL, article) == []


def test_every_url_field_is_checked_at_its_own_pointer(problems, treaty):
    bad = {"url": "http://localhost/x"}
    treaty["sources"] = [{"url": "https://tass.com/a"}, bad]
    treaty["lifecycle"][1]["sources"] = [bad]
    treaty["notes"] = [{"kind": "context", "text": "x", "sources": [bad]}]
    assert sorted(problems(URL, treaty)) == [
        (URL, "/lifecycle/1/sources/0/url"),
        (URL, "/notes/0/sources/0/url"),
        (URL, "/sources/1/url"),
    ]


LANGUAGE = "meaning.language-tag"


@pytest.mark.parametrize(
    "tag", ["en", "ru", "zh-Hans", "en-GB", "en-gb", "pt-BR", "sr-Latn-RS", "es-419", "de-1996", "EN", "en-x-house"]
)
def test_valid_canonical_language_tags_pass(problems, article, tag):
    article["language"] = tag
    assert problems(LANGUAGE, article) == []


@pytest.mark.parametrize(
    ("tag", "why"),
    [
        ("xx", "not a valid BCP 47 language tag"),
        ("english", "not a valid BCP 47 language tag"),
        ("en-Hans-XX1", "not a valid BCP 47 language tag"),
        ("en-USA", "not a valid BCP 47 language tag"),
        ("rus-RUS", "not a valid BCP 47 language tag"),
        ("rus", "canonical form: write 'ru'"),
        ("iw", "canonical form: write 'he'"),
        ("en-Latn", "canonical form: write 'en'"),
        ("zh-cmn", "did you mean 'zh'?"),
    ],
)
def test_invalid_or_non_canonical_language_tags_fail(run, article, tag, why):
    article["language"] = tag
    [problem] = run(LANGUAGE, article)
    assert problem.pointer == "/language" and why in problem.message


def test_a_statements_original_language_is_checked(problems, statement):
    statement["original_language"] = "qq"
    assert problems(LANGUAGE, statement) == [(LANGUAGE, "/original_language")]


@pytest.mark.parametrize("tag", ["en_GB", "a", "", 7])
def test_language_shapes_the_schema_refuses_are_left_to_it(problems, article, tag):
    article["language"] = tag
    assert problems(LANGUAGE, article) == []


COUNTRY = "meaning.country-code"


@pytest.mark.parametrize("code", ["RU", "US", "GB", "SU", "YU", "XK"])
def test_assigned_country_codes_pass(problems, actor, code):
    actor["country"] = code
    assert problems(COUNTRY, actor) == []


@pytest.mark.parametrize("code", ["UK", "EU", "ZZ"])
def test_unassigned_country_codes_fail(problems, actor, code):
    actor["country"] = code
    assert problems(COUNTRY, actor) == [(COUNTRY, "/country")]


@pytest.mark.parametrize("code", ["ru", "RUS", "R"])
def test_country_shapes_the_schema_refuses_are_left_to_it(problems, actor, code):
    actor["country"] = code
    assert problems(COUNTRY, actor) == []


OPEN = "meaning.codelist-open"


def test_codes_from_open_codelists_pass(problems, statement, actor):
    assert problems(OPEN, statement) == []
    assert problems(OPEN, actor) == []


def test_a_new_code_in_an_open_codelist_warns_at_each_place(run, statement, actor):
    statement["speaker_role"] = "foreign-secretary"
    statement["topics"] = ["arms-control", "space"]
    found = run(OPEN, statement)
    assert [problem.pointer for problem in found] == ["/speaker_role", "/topics/1"]
    assert "codelists/role.csv" in found[0].message and "codelists/topic.csv" in found[1].message
    actor["roles"][0]["role"] = "chancellor"
    assert [problem.pointer for problem in run(OPEN, actor)] == ["/roles/0/role"]


def test_values_the_schema_refuses_are_left_to_it(problems, statement):
    statement["speaker_role"] = "Foreign Minister"  # the schema's pattern refuses capitals and spaces
    statement["topics"] = [3, None]
    assert problems(OPEN, statement) == []


def test_closed_codelists_are_not_this_rules_business(problems, statement):
    statement["kind"] = "rumour"  # closed: the schema's enum refuses it
    assert problems(OPEN, statement) == []
