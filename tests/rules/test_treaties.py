"""Rules on treaties: dates in order, a lifecycle that agrees with them, a possible status."""

from __future__ import annotations

import pytest

DATES = "meaning.treaty-dates"
ORDER = "meaning.treaty-lifecycle-order"
FIELDS = "meaning.treaty-lifecycle-fields"
STATUS = "meaning.treaty-status"
ALL = (DATES, ORDER, FIELDS, STATUS)


@pytest.mark.parametrize("rule", ALL)
def test_new_start_as_recorded_passes(problems, treaty, rule):
    assert problems(rule, treaty) == []


@pytest.mark.parametrize("rule", ALL)
def test_broken_values_are_left_to_the_schema(problems, treaty, rule):
    treaty.update(signed="2010-13-08", in_force=None, expires=5, status_date="soon", lifecycle="none")
    assert problems(rule, treaty) == []
    treaty["lifecycle"] = [None, {"date": "2010-02-30", "event": "signed"}, {"event": "expired"}]
    assert problems(rule, treaty) == []


def test_entry_into_force_before_signature_fails(problems, treaty):
    treaty["in_force"] = "2010-02-05"
    assert problems(DATES, treaty) == [(DATES, "/in_force")]


def test_expiry_before_entry_into_force_fails(problems, treaty):
    treaty["expires"] = "2011-02-04"
    assert problems(DATES, treaty) == [(DATES, "/expires")]


def test_expiry_before_signature_fails_without_an_entry_into_force(problems, treaty):
    treaty["in_force"] = "not a date"
    treaty["expires"] = "2009-01-01"
    assert problems(DATES, treaty) == [(DATES, "/expires")]


def test_an_event_out_of_order_fails(problems, treaty):
    lifecycle = treaty["lifecycle"]
    lifecycle[2], lifecycle[3] = lifecycle[3], lifecycle[2]
    assert problems(ORDER, treaty) == [(ORDER, "/lifecycle/3/date")]


def test_an_event_before_signature_fails(run, treaty):
    treaty["lifecycle"].insert(0, {"date": "2009-12-01", "event": "ratified", "description": "Too early."})
    [problem] = run(ORDER, treaty)
    assert problem.pointer == "/lifecycle/0/date" and "before the treaty was signed" in problem.message


def test_a_signature_event_on_another_day_than_signed_fails(problems, treaty):
    treaty["lifecycle"][0]["date"] = "2010-04-09"
    assert problems(FIELDS, treaty) == [(FIELDS, "/lifecycle/0/date")]


def test_an_entry_into_force_event_on_another_day_than_in_force_fails(problems, treaty):
    treaty["lifecycle"][1]["date"] = "2011-02-06"
    assert problems(FIELDS, treaty) == [(FIELDS, "/lifecycle/1/date")]


def test_only_the_first_signature_counts(problems, treaty):
    treaty["lifecycle"].insert(1, {"date": "2010-05-01", "event": "signed", "description": "Another signatory."})
    assert problems(FIELDS, treaty) == []


def test_an_expiry_event_on_another_day_than_expires_fails(problems, treaty):
    treaty["lifecycle"][4]["date"] = "2026-02-06"
    assert problems(FIELDS, treaty) == [(FIELDS, "/lifecycle/4/date")]


def test_expires_must_be_the_last_extensions_until(run, treaty):
    treaty["expires"] = "2021-02-05"
    treaty["lifecycle"].pop()  # the expired event would disagree too
    [problem] = run(FIELDS, treaty)
    assert problem.pointer == "/expires" and "2026-02-05" in problem.message


def test_an_extension_ending_before_it_was_agreed_fails(problems, treaty):
    treaty["lifecycle"][2]["until"] = "2021-02-01"
    treaty["expires"] = "2021-02-01"
    treaty["lifecycle"].pop()
    assert problems(FIELDS, treaty) == [(FIELDS, "/lifecycle/2/until")]


def test_a_later_extension_must_run_later(problems, treaty):
    treaty["lifecycle"].insert(3, {"date": "2022-01-01", "event": "extended", "until": "2025-01-01", "description": "x"})
    assert problems(FIELDS, treaty) == [(FIELDS, "/lifecycle/3/until"), (FIELDS, "/expires")]


def test_without_extensions_expires_is_free(problems, treaty):
    del treaty["lifecycle"][2]
    assert problems(FIELDS, treaty) == []


@pytest.mark.parametrize(
    ("status", "status_date", "valid"),
    [
        ("signed", "2010-06-01", True),
        ("signed", "2011-02-05", False),
        ("in-force", "2011-02-05", True),
        ("in-force", "2026-02-05", True),
        ("in-force", "2011-02-04", False),
        ("in-force", "2026-02-06", False),
        ("suspended", "2023-03-01", True),
        ("suspended", "2026-03-01", False),
        ("expired", "2026-02-05", True),
        ("expired", "2025-12-31", False),
        ("terminated", "2015-01-01", True),
    ],
)
def test_status_on_the_status_date(problems, treaty, status, status_date, valid):
    treaty.update(status=status, status_date=status_date)
    assert problems(STATUS, treaty) == ([] if valid else [(STATUS, "/status")])


def test_a_status_date_before_signature_fails(problems, treaty):
    treaty.update(status="signed", status_date="2010-01-01")
    assert problems(STATUS, treaty) == [(STATUS, "/status_date")]


def test_no_status_date_no_status_check(problems, treaty):
    del treaty["status_date"]
    treaty["status"] = "signed"
    assert problems(STATUS, treaty) == []
