"""What a data user asks of a loaded dataset: a short repr, the API in dir() and help(), look-ups by name."""

from __future__ import annotations

import datetime as dt
import pydoc
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

import communique


@pytest.fixture(scope="module")
def data():
    return communique.load()


def test_repr_is_short_and_counts_each_kind(data):
    text = repr(data)
    assert len(text) < 200
    for folder in ("articles", "actors", "statements", "treaties"):
        assert f"{len(getattr(data, folder))} {folder}" in text


def test_dir_and_help_show_the_lazy_api():
    assert {"load", "Dataset", "DatasetError", "__version__"} <= set(dir(communique))
    text = pydoc.render_doc(communique, renderer=pydoc.plaintext)
    for name in ("load(path", "class Dataset", "find_statements", "to_pandas", "actor(self, text"):
        assert name in text, name


def test_dir_does_not_import_pydantic():
    code = "import sys, communique; dir(communique); print('pydantic' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "False"


@pytest.mark.parametrize("text", ["Lavrov", "lavrov", "sergey-lavrov", "Sergei Lavrov", "SERGEY LAVROV", "Lávrov"])
def test_an_actor_by_id_name_or_alias_ignoring_case_and_accents(data, text):
    assert data.actor(text).id == "sergey-lavrov"


def test_an_exact_alias_wins_over_longer_names_that_contain_it(data):
    # "United States" is a name, and is also contained in two other actors' names
    assert data.actor("United States").id == "united-states"


def test_an_ambiguous_or_unknown_name_is_a_lookup_error_listing_candidates(data):
    with pytest.raises(LookupError, match="united-states .*us-department-of-state"):
        data.actor("United")
    with pytest.raises(LookupError, match="no actor"):
        data.actor("Bismarck")


def test_every_actor_is_found_by_each_of_its_names(data):
    for actor in data.actors.values():
        for name in (actor.id, actor.name, *actor.aliases):
            assert actor in data.find_actors(name)


CRITERIA = st.fixed_dictionaries(
    {},
    optional={
        "speaker": st.sampled_from(["sergey-lavrov", "Lavrov", "Pompeo", "china"]),
        "topic": st.sampled_from(["arms-control", "election-interference", "cybersecurity"]),
        "treaty": st.sampled_from(["new-start", "no-such-treaty"]),
        "since": st.dates(dt.date(2019, 1, 1), dt.date(2021, 1, 1)),
        "until": st.dates(dt.date(2019, 1, 1), dt.date(2021, 1, 1)).map(dt.date.isoformat),
        "occasion": st.sampled_from(["press", "Wang Yi"]),
    },
)


@given(criteria=CRITERIA)
def test_find_statements_is_the_statements_meeting_every_criterion(criteria):
    data = communique.load()
    found = data.find_statements(**criteria)
    speaker = data.actor(criteria["speaker"]).id if "speaker" in criteria else None
    until = criteria.get("until")

    def meets(s) -> bool:
        return (
            (speaker is None or s.speaker == speaker)
            and ("topic" not in criteria or criteria["topic"] in s.topics)
            and ("treaty" not in criteria or criteria["treaty"] in s.treaties)
            and ("since" not in criteria or s.date >= criteria["since"])
            and (until is None or s.date.isoformat() <= until)
            and ("occasion" not in criteria or criteria["occasion"].lower() in data.occasion_text(s).lower())
        )

    assert found == sorted((s for s in data.statements.values() if meets(s)), key=lambda s: (s.date, s.id))


def test_statements_by_a_speaker_named_as_a_reader_knows_it(data):
    assert data.find_statements(speaker="Lavrov") == sorted(data.statements_by("sergey-lavrov"), key=lambda s: (s.date, s.id))
    assert data.find_statements(speaker="Lavrov")
