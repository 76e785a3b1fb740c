"""A dataset held in dicts, the records it starts from, and a helper that runs one rule."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

import pytest

import communique.rules  # noqa: F401  (registers the rules)
from communique.kinds import BY_NAME, Kind
from communique.rules.base import RULES

BODY = (
    "MOSCOW, September 11. /TASS/. Moscow is ready for honest dialogue with Washington, "
    "Foreign Minister Sergey Lavrov said.\n\n"
    "\u201cOf course, we regret coming in second. We are used to being number one,\u201d Lavrov quipped. "
    "He added that the documents \u201cwould clear many matters up\u201d and that Russia\u2019s\u00a0proposals stand."
)


class DictIndex:
    """The :class:`~communique.rules.base.Index` a rule sees, over plain dicts."""

    def __init__(self, *records: tuple[str, Mapping[str, Any]]):
        self.records = {(BY_NAME[kind], record["id"]): record for kind, record in records}

    def get(self, kind: Kind, record_id: str) -> Mapping[str, Any] | None:
        return self.records.get((kind, record_id))


@pytest.fixture
def article() -> dict:
    return {
        "id": "tass-2020-09-11-ready",
        "headline": "Russia ready for honest dialogue",
        "publisher": "tass",
        "published": "2020-09-11",
        "url": "https://tass.com/politics/1199783",
        "language": "en",
        "body": BODY,
    }


@pytest.fixture
def actor() -> dict:
    return {
        "id": "sergey-lavrov",
        "name": "Sergey Lavrov",
        "kind": "person",
        "country": "RU",
        "roles": [{"role": "foreign-minister", "title": "Minister of Foreign Affairs", "start": "2004-03-09"}],
    }


@pytest.fixture
def statement() -> dict:
    return {
        "id": "tass-2020-09-11-ready-number-one",
        "article": "tass-2020-09-11-ready",
        "speaker": "sergey-lavrov",
        "speaker_role": "foreign-minister",
        "text": "Of course, we regret coming in second. We are used to being number one",
        "kind": "quote",
        "date": "2020-09-11",
        "topics": ["election-interference"],
    }


@pytest.fixture
def treaty() -> dict:
    return copy.deepcopy(NEW_START)


NEW_START = {
    "id": "new-start",
    "name": "New START",
    "parties": ["united-states", "russia"],
    "signed": "2010-04-08",
    "in_force": "2011-02-05",
    "expires": "2026-02-05",
    "status": "expired",
    "status_date": "2026-03-01",
    "lifecycle": [
        {"date": "2010-04-08", "event": "signed", "description": "Signed in Prague."},
        {"date": "2011-02-05", "event": "entered-into-force", "description": "In force."},
        {"date": "2021-02-03", "event": "extended", "until": "2026-02-05", "description": "Extended."},
        {"date": "2023-02-28", "event": "suspended", "by": "russia", "description": "Suspended."},
        {"date": "2026-02-05", "event": "expired", "description": "Expired."},
    ],
}


@pytest.fixture
def index(article, actor) -> DictIndex:
    return DictIndex(("article", article), ("actor", actor))


def _problems(rule_id: str, record: Mapping[str, Any], index: Any = None) -> list[tuple[str, str]]:
    """(rule id, pointer) of each problem the record rule finds in ``record``."""
    return [(rule_id, problem.pointer) for problem in _run(rule_id, record, index)]


def _run(rule_id: str, record: Mapping[str, Any], index: Any = None) -> list:
    rule = RULES[rule_id]
    assert rule.check is not None, f"{rule_id} is not a record rule"
    return list(rule.check(record, index if index is not None else DictIndex()))


@pytest.fixture
def problems():
    """``problems(rule_id, record, index)``: (rule id, pointer) of each problem found."""
    return _problems


@pytest.fixture
def run():
    """``run(rule_id, record, index)``: the problems found, messages and hints included."""
    return _run


@pytest.fixture
def make_index():
    """``make_index(("article", record), ...)``: a dict-backed index over the given records."""
    return DictIndex
