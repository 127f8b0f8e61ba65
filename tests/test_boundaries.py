"""Boundaries of the core that mutation testing (mutmut over core/) found unpinned."""

from datetime import date, timedelta

import pytest

from nordefco_cli.core.model import Member, joint_member
from nordefco_cli.core.rotation import (
    BEFORE_ESTABLISHED,
    END_OF_DATES,
    NO_ORDER,
    NoChair,
)
from nordefco_cli.core.rule import Rule, add_months
from nordefco_cli.data.files import load_rotation, shipped_bodies

FIRST = date(2009, 11, 4)  # NORDEFCO's first recorded day


def body(name):
    return load_rotation(shipped_bodies()[name])


def test_months_reach_back_to_year_1_and_no_further():
    assert add_months(date(1, 3, 1), -2) == date(1, 1, 1)
    assert add_months(date(9999, 11, 30), 1) == date(9999, 12, 30)
    with pytest.raises(OverflowError, match="^year 0 is out of range$"):
        add_months(date(1, 1, 1), -1)
    with pytest.raises(OverflowError, match="^year 10000 is out of range$"):
        add_months(date(9999, 12, 1), 1)


def test_a_term_that_starts_before_the_handover_day_keeps_its_own_day():
    # Not the last day of its month: the term ends the day before the same day
    # a term later, not before the handover day.
    assert Rule(3, 15, 12).end_of_term(date(2021, 3, 10)) == date(2022, 3, 9)
    # The last day of a short month stands for the handover day (29 February).
    assert Rule(2, 29, 12).end_of_term(date(2023, 2, 28)) == date(2024, 2, 28)


def test_no_chair_names_the_body_the_day_and_the_kind():
    with pytest.raises(NoChair) as raised:
        body("nordefco").term_on(date(2008, 1, 1))
    assert str(raised.value) == "no term of NORDEFCO covers 2008-01-01 (before_established)"


def test_a_window_is_explained_by_its_first_day_unless_it_ends_before_the_record():
    rotation = body("nordefco")
    assert rotation.gap(date(2008, 1, 1), FIRST).day == date(2008, 1, 1)
    assert rotation.gap(date(2008, 1, 1), FIRST - timedelta(days=1)).day == FIRST - timedelta(
        days=1)
    assert rotation.gap(FIRST).kind == END_OF_DATES  # the first day is on record
    assert rotation.gap(FIRST - timedelta(days=1)).kind == BEFORE_ESTABLISHED


def test_after_a_record_with_no_order_the_gap_is_no_order():
    eu = body("eu-council")
    gap = eu.gap(date(2031, 1, 1))
    assert (gap.kind, gap.record_end) == (NO_ORDER, date(2030, 12, 31))
    assert "not yet decided" in gap.note


def test_a_reversed_window_has_no_terms():
    assert list(body("nordefco").terms_between(date(2026, 6, 1), date(2026, 3, 1))) == []


def test_a_term_that_starts_on_the_day_counts_as_last_chaired():
    rotation = body("nordefco")
    norway = rotation.find_member("NO")
    assert rotation.last_recorded_term_of(norway, date(2026, 1, 1)).year == 2026
    assert rotation.last_recorded_term_of(norway, date(2025, 12, 31)).year == 2022


def test_a_schedule_stops_only_past_a_record_with_nothing_projected():
    eu, nordefco = body("eu-council"), body("nordefco")
    end = eu.last_recorded_day
    assert eu.stops_at(end) is None
    assert eu.stops_at(end + timedelta(days=1)) == end
    assert nordefco.stops_at(date.max) is None
    assert nordefco.stops_at(date(2020, 1, 1)) is None


def test_a_joint_holder_chairs():
    parts = tuple(Member(code, code, None, True, None) for code in ("FI", "NO"))
    holder = joint_member(parts)
    assert holder.chairs is True and holder.parts == parts
