"""Events: real moments, in order, not part of themselves; statements on their days, by their participants."""

from __future__ import annotations

import pytest

from communique.rules.values.moment import as_moment, moment_problem


@pytest.fixture
def event() -> dict:
    return {
        "id": "2020-09-11-press-conference",
        "name": "Press conference",
        "kind": "press-conference",
        "start": "2020-09-11T14:00+03:00",
        "end": "2020-09-11T15:00+03:00",
        "participants": [{"actor": "sergey-lavrov", "part": "speaker"}],
    }


@pytest.mark.parametrize(
    "value",
    ["2020-09-11", "2020-02-29", "2019-12-10T15:30-05:00", "2019-12-10T15:30:59Z", "2019-12-10T23:59+14:00", "2019-12-10T00:00-23:59"],
)
def test_every_real_moment_passes(value):
    assert moment_problem(value) == "" and as_moment(value) is not None


@pytest.mark.parametrize(
    "value",
    ["2019-02-29", "2020-09-31", "2020-13-01", "2020-00-10", "2019-12-10T24:00Z", "2019-12-10T15:60Z", "2019-12-10T15:30:60Z",
     "2019-12-10T15:30+24:00", "2019-12-10T15:30+05:60", "2019-12-10T15:30-05:75"],
)
def test_every_unreal_moment_fails(problems, event, value):
    assert moment_problem(value) != "" and as_moment(value) is None
    event["end"] = value
    assert problems("meaning.moment", event) == [("meaning.moment", "/end")]


def test_the_capture_time_is_a_moment_too(problems, article):
    article["capture"] = {"retrieved": "2026-02-30T10:00Z"}
    assert problems("meaning.moment", article) == [("meaning.moment", "/capture/retrieved")]


def test_a_moment_of_the_wrong_form_is_the_schemas_finding(problems, event):
    event["start"] = "11 September 2020"
    assert problems("meaning.moment", event) == []


@pytest.mark.parametrize(
    "start, end, in_order",
    [
        ("2020-09-11", "2020-09-11", True),
        ("2020-09-11", "2020-09-12", True),
        ("2020-09-11", "2020-09-10", False),
        ("2020-09-11T14:00+03:00", "2020-09-11T13:30Z", True),  # 14:00 Moscow is 11:00 UTC
        ("2020-09-11T14:00+03:00", "2020-09-11T10:30Z", False),
        ("2020-09-11T14:00+03:00", "2020-09-11", True),  # a day covers all its hours
        ("2020-09-11", "2020-09-11T09:00+03:00", True),
        ("2020-09-12T01:00+03:00", "2020-09-11", False),
    ],
)
def test_an_event_ends_after_it_starts(problems, event, start, end, in_order):
    event.update(start=start, end=end)
    assert problems("meaning.event-dates", event) == ([] if in_order else [("meaning.event-dates", "/end")])


@pytest.mark.parametrize(
    "said, basis, on_its_day",
    [("2020-09-11", None, True), ("2020-09-10", None, False), ("2020-09-12", None, False), ("2020-09-12", "inferred", False),
     ("2020-09-12", "publication", True)],
)
def test_a_statement_is_dated_on_its_events_day(problems, statement, make_index, event, said, basis, on_its_day):
    statement.update(event=event["id"], date=said, **({"date_basis": basis} if basis else {}))
    index = make_index(("event", event))
    assert problems("meaning.statement-event-date", statement, index) == ([] if on_its_day else [("meaning.statement-event-date", "/date")])


def test_an_event_of_several_days_holds_each(problems, statement, make_index, event):
    event.update(start="2020-09-10", end="2020-09-12")
    statement["event"] = event["id"]
    for day, passes in (("2020-09-09", False), ("2020-09-10", True), ("2020-09-12", True), ("2020-09-13", False)):
        statement["date"] = day
        assert (problems("meaning.statement-event-date", statement, make_index(("event", event))) == []) is passes


def test_the_speaker_is_a_participant_when_the_event_lists_them(problems, statement, make_index, event):
    statement["event"] = event["id"]
    assert problems("meaning.speaker-participant", statement, make_index(("event", event))) == []
    statement["speaker"] = "mike-pompeo"
    assert problems("meaning.speaker-participant", statement, make_index(("event", event))) == [("meaning.speaker-participant", "/speaker")]
    del event["participants"]
    assert problems("meaning.speaker-participant", statement, make_index(("event", event))) == []


def _chain(*links: tuple[str, str | None]) -> list[dict]:
    return [{"id": own, "name": own, "kind": "talks", "start": "2020-09-11", **({"part_of": parent} if parent else {})} for own, parent in links]


@pytest.mark.parametrize(
    "links, in_a_loop",
    [
        ([("a", "a")], {"a"}),
        ([("a", "b"), ("b", "a")], {"a", "b"}),
        ([("a", "b"), ("b", "c"), ("c", "a")], {"a", "b", "c"}),
        ([("a", "b"), ("b", "c"), ("c", None)], set()),
        ([("a", "b"), ("b", "c"), ("c", "b")], {"b", "c"}),  # a leads into a loop it is not in
        ([("a", "missing")], set()),
    ],
)
def test_every_event_in_a_part_of_loop_and_only_those_is_reported(problems, make_index, links, in_a_loop):
    events = _chain(*links)
    index = make_index(*(("event", event) for event in events))
    reported = {event["id"] for event in events if problems("meaning.event-cycle", event, index)}
    assert reported == in_a_loop
