"""The meaning rules as published: documented, and checking the fields the schemas mark."""

from __future__ import annotations

import pytest

from communique.kinds import KINDS
from communique.rules.base import RULES
from communique.rules.values import codelist, country, language, url
from communique.schemafields import fields

MEANING = sorted(rule_id for rule_id in RULES if rule_id.startswith(("meaning.", "selector.", "record.")))


@pytest.mark.parametrize("rule_id", MEANING)
def test_each_rule_says_what_why_how_to_fix_and_gives_an_example(rule_id):
    doc = RULES[rule_id].doc
    summary, blank, *rest = doc.splitlines()
    assert summary.endswith(".") and blank == "" and len(summary) <= 100
    assert "How to fix:" in doc and "Example:" in doc
    assert RULES[rule_id].kinds and set(RULES[rule_id].kinds) <= set(KINDS)


def _annotated(test):
    return {(kind.name, field.path) for kind in KINDS for field in fields(kind.name) if test(field)}


def test_every_open_codelist_field_and_only_those_is_checked():
    checked = {field.path for field in codelist._OPEN_CODELIST_FIELDS.fields}
    annotated = _annotated(lambda field: field.schema.get("x-codelist", {}).get("open") is True)
    assert checked == {path for _, path in annotated}
    assert ("statement", ("topics", "*")) in annotated and ("actor", ("roles", "*", "role")) in annotated
    assert not any(field.schema["x-codelist"]["open"] is False for field in codelist._OPEN_CODELIST_FIELDS.fields)


def test_every_uri_field_is_checked():
    checked = {field.path for field in url._URL_FIELDS.fields}
    assert checked == {path for _, path in _annotated(lambda field: field.schema.get("format") == "uri")}
    assert {("url",), ("sources", "*", "url"), ("roles", "*", "sources", "*", "url")} <= checked


def test_a_path_means_the_same_in_every_kind_that_has_it():
    """The rules see the union of the kinds' fields; that is only sound if shared paths agree."""
    for chosen in (url._URL_FIELDS, language._LANGUAGE_FIELDS, country._COUNTRY_FIELDS, codelist._OPEN_CODELIST_FIELDS):
        for field in chosen.fields:
            for kind in KINDS:
                for other in fields(kind.name):
                    if other.path == field.path:
                        assert {key: other.schema.get(key) for key in ("type", "pattern", "format", "x-codelist")} == {
                            key: field.schema.get(key) for key in ("type", "pattern", "format", "x-codelist")
                        }, (kind.name, field.path)
