"""The rest of schema 1.1's fields: partial quotes, member_of, translations, source errors, flags."""

from __future__ import annotations

import pytest

from communique.kinds import KINDS
from communique.rules import flags
from communique.rules.source_errors import _MISSING, at_pointer
from communique.schemafields import fields

PARTIAL = "He added that the documents “would clear many matters up”"


@pytest.mark.parametrize(
    "kind, parts, pointer",
    [
        ("partial-quote", ["would clear many matters up"], None),
        ("partial-quote", None, "/kind"),
        ("quote", ["would clear many matters up"], "/quoted_parts"),
        ("paraphrase", ["would clear many matters up"], "/quoted_parts"),
        ("quote", None, None),
        ("paraphrase", None, None),
    ],
)
def test_quoted_parts_go_with_partial_quotes_and_only_with_them(problems, statement, kind, parts, pointer):
    statement.update(kind=kind, text=PARTIAL, **({"quoted_parts": parts} if parts else {}))
    assert problems("meaning.quoted-parts-kind", statement) == ([("meaning.quoted-parts-kind", pointer)] if pointer else [])


def test_each_quoted_part_is_in_the_text(problems, statement):
    statement.update(kind="partial-quote", text=PARTIAL, quoted_parts=["the documents", "would clear matters up", '"would clear many matters up"'])
    assert problems("meaning.quoted-part-in-text", statement) == [("meaning.quoted-part-in-text", "/quoted_parts/1")]


@pytest.mark.parametrize("kind, warns", [("person", True), ("organization", True), ("state", True), ("unnamed-person", False), ("group", False)])
def test_member_of_only_on_unnamed_actors(problems, actor, kind, warns):
    actor.update(kind=kind, member_of="russia")
    assert problems("meaning.member-of", actor) == ([("meaning.member-of", "/member_of")] if warns else [])
    del actor["member_of"]
    assert problems("meaning.member-of", actor) == []


def test_every_actor_kind_is_in_the_table():
    kinds = next(field for field in fields("actor") if field.path == ("kind",)).schema["enum"]
    assert set(kinds) == {"person", "organization", "state", "unnamed-person", "group"}


def test_a_translation_gives_its_language(problems, statement):
    statement.update(translated_by="tass", transcript={"url": "https://mid.ru/1"})
    assert problems("meaning.translation-language", statement) == [
        ("meaning.translation-language", "/translated_by"),
        ("meaning.translation-language", "/transcript"),
    ]
    statement["original_language"] = "ru"
    assert problems("meaning.translation-language", statement) == []


@pytest.mark.parametrize(
    "pointer, value",
    [
        ("/text", "T"),
        ("/topics/0", "a"),
        ("/topics/1", "b"),
        ("/a~1b", 1),
        ("/m~0n", 2),
        ("/nested/deep/0", True),
        ("/topics/2", _MISSING),
        ("/topics/01", _MISSING),
        ("/topics/-", _MISSING),
        ("/nothing", _MISSING),
        ("/text/0", _MISSING),
    ],
)
def test_every_kind_of_pointer_resolves_as_rfc_6901_says(pointer, value):
    record = {"text": "T", "topics": ["a", "b"], "a/b": 1, "m~n": 2, "nested": {"deep": [True]}}
    assert at_pointer(record, pointer) is value or at_pointer(record, pointer) == value


def _error(**members) -> dict:
    return {"printed": "set to expire in 2020", "correct": "expires 2021-02-05", "by": "outlet", "sources": [{"url": "https://x.org"}], **members}


def test_a_source_errors_field_points_at_a_value(problems, statement):
    statement["source_errors"] = [_error(field="/attribution"), _error(field="/date")]
    assert problems("meaning.source-error-field", statement) == [("meaning.source-error-field", "/source_errors/0/field")]


@pytest.mark.parametrize(
    "members, found",
    [
        ({}, True),  # in the text
        ({"printed": "set to expire in 2021"}, False),
        ({"field": "/notes/0/text"}, True),
        ({"field": "/date", "printed": "2020-09-11"}, True),
        ({"field": "/date", "printed": "2020-09-12"}, False),
        ({"field": "/nowhere"}, False),
    ],
)
def test_what_is_printed_is_where_the_error_is(problems, statement, members, found):
    statement.update(text="the treaty, set to expire in 2020, should be extended", notes=[{"kind": "context", "text": "It was set to expire in 2020 as printed."}])
    statement["source_errors"] = [_error(**members)]
    expected = [] if found or members.get("field") == "/nowhere" else [("meaning.source-error-printed", "/source_errors/0/printed")]
    assert problems("meaning.source-error-printed", statement) == expected


def test_an_articles_error_is_printed_in_its_own_text(problems, article):
    article["source_errors"] = [_error(printed="honest dialogue"), _error(printed="Russia ready"), _error()]
    assert problems("meaning.source-error-printed", article) == [("meaning.source-error-printed", "/source_errors/2/printed")]


def test_a_draft_warns_until_reviewed(problems, statement):
    statement["draft"] = True
    assert problems("record.draft", statement) == [("record.draft", "/draft")]
    del statement["draft"]
    assert problems("record.draft", statement) == []


def test_every_flag_of_the_schemas_is_checked():
    booleans = {field.path for kind in KINDS for field in fields(kind.name) if field.schema.get("type") == "boolean"}
    assert booleans == {(name,) for name in flags._FLAG_NAMES} == {("ironic",), ("draft",)}


@pytest.mark.parametrize("name", ["ironic", "draft"])
def test_every_flag_written_false_warns(problems, statement, name):
    statement[name] = False
    assert problems("meaning.false-flag", statement) == [("meaning.false-flag", f"/{name}")]
    statement[name] = True
    assert problems("meaning.false-flag", statement) == []
