"""The engine's rules, on the shipped data and on rotations built here."""

import re
from contextlib import contextmanager
from datetime import date, timedelta

import pytest
from conftest import NAMES, RECORDED, projected_code
from hypothesis import assume, given
from hypothesis import strategies as st

from nordefco_cli.core.model import ANNOUNCED, PROJECTED, Body, Member, Term, fold_name
from nordefco_cli.core.model import RECORDED as RECORDED_STATUS
from nordefco_cli.core.rotation import NoChair, Rotation
from nordefco_cli.core.rule import Rule, add_months
from nordefco_cli.render.words import no_chair_message, no_chair_note


@contextmanager
def raises_no_chair(pattern: str):
    """NoChair, whose reason, as a reader is told it, matches `pattern`."""
    with pytest.raises(NoChair) as raised:
        yield
    gap = raised.value.gap
    assert re.search(pattern, no_chair_message(gap, gap.day))


# NORDEFCO was established, and its record starts, on 2009-11-04.
FIRST = date(2009, 11, 4)
any_day = st.dates(min_value=FIRST, max_value=date.max)


@pytest.mark.parametrize("year", sorted(RECORDED))
def test_every_recorded_year(rotation, year):
    first = max(date(year, 1, 1), FIRST)
    for day in (first, date(year, 12, 31)):
        term = rotation.term_on(day)
        assert term.holder.code == RECORDED[year]
        assert not term.projected
        assert (term.start, term.end) == (first, date(year, 12, 31))
        assert term.source


def test_the_first_term_starts_when_nordefco_was_established(rotation):
    first = rotation.history[0]
    assert (first.start, first.end, first.holder.code) == (FIRST, date(2009, 12, 31), "FI")
    assert rotation.body.established == FIRST
    assert "predecessor" in first.note and "2009-01-01" in first.note


@pytest.mark.parametrize("year", [2009, 2010, 2026, 2027])
def test_term_of_year(rotation, year):
    """The term on the year's handover day, or the first term if the record starts later."""
    _day, term = rotation.year_answer(year)
    assert term.year == year
    assert term.holder.code == (RECORDED.get(year) or projected_code(year))


def test_term_of_year_before_the_record(rotation):
    with raises_no_chair("NORDEFCO was established on 2009-11-04"):
        rotation.year_answer(2008)


@pytest.mark.parametrize(
    ("year", "code"), [(2027, "SE"), (2028, "DK"), (2029, "FI"), (2030, "NO"), (2031, "SE")]
)
def test_projection_continues_the_order_after_2026(rotation, year, code):
    term = rotation.term_on(date(year, 6, 15))
    assert term.holder.code == code
    assert term.projected
    assert term.source is None


def test_handover_on_new_year(rotation):
    assert rotation.term_on(date(2026, 12, 31)).holder.code == "NO"
    assert rotation.term_on(date(2027, 1, 1)).holder.code == "SE"
    assert rotation.term_on(date(2010, 12, 31)).holder.code == "NO"
    assert rotation.term_on(date(2011, 1, 1)).holder.code == "SE"


def test_last_supported_day(rotation):
    term = rotation.term_on(date.max)
    assert term.holder.code == projected_code(9999) == "SE"
    assert (term.start, term.end) == (date(9999, 1, 1), date.max)
    assert rotation.term_after(term) is None


def test_no_chair_before_the_body_was_established(rotation):
    for day in (date(2008, 12, 31), date(2009, 3, 1), date(2009, 11, 3)):
        with raises_no_chair(f"NORDEFCO has no chair on {day}: "
                                          "NORDEFCO was established on 2009-11-04"):
            rotation.term_on(day)
    assert list(rotation.terms_between(date(1990, 1, 1), date(2009, 11, 3))) == []


def test_the_established_day_comes_from_the_data(rotation):
    body = rotation.body._replace(short_name="XB", established=date(2009, 6, 1))
    moved = rotation._replace(body=body)
    with raises_no_chair("XB was established on 2009-06-01"):
        moved.term_on(date(2009, 5, 31))
    # Established before the record starts: the record is what is missing.
    with raises_no_chair("^XB: no chair on record for 2009-06-01: "
                                      "the record starts on 2009-11-04$"):
        moved.term_on(date(2009, 6, 1))



def test_iceland_is_a_member_who_never_chairs(rotation):
    iceland = rotation.find_member("IS")
    assert iceland.name == "Iceland" and not iceland.chairs
    assert iceland not in rotation.order
    assert all(t.holder.code != "IS" for t in rotation.terms_between(FIRST, date(2200, 1, 1)))


def test_schedule_2009_to_2040(rotation):
    terms = list(rotation.terms_between(FIRST, date(2040, 12, 31)))
    assert [t.year for t in terms] == list(range(2009, 2041))
    assert terms[0].start == FIRST
    assert [t.holder.code for t in terms[:18]] == [RECORDED[y] for y in range(2009, 2027)]
    assert [t.holder.code for t in terms[18:22]] == ["SE", "DK", "FI", "NO"]
    assert {t.projected for t in terms[:18]} == {False}
    assert {t.projected for t in terms[18:]} == {True}


def test_neighbours(rotation):
    term = rotation.term_on(date(2026, 3, 1))
    assert rotation.term_before(term).holder.code == "FI"
    assert rotation.term_after(term).holder.code == "SE"
    assert rotation.term_before(rotation.term_on(FIRST)) is None


def test_window_partly_before_the_record_starts_at_the_record(rotation):
    terms = list(rotation.terms_between(date(2000, 1, 1), date(2010, 6, 1)))
    assert [t.year for t in terms] == [2009, 2010]


@given(any_day)
def test_every_date_has_exactly_one_chair(rotation, day):
    term = rotation.term_on(day)
    assert term.start <= day <= term.end
    assert term.holder.chairs
    assert list(rotation.terms_between(day, day)) == [term]


@given(st.dates(min_value=date(2027, 1, 1), max_value=date.max))
def test_projection_by_year(rotation, day):
    term = rotation.term_on(day)
    assert term.holder.code == projected_code(day.year)
    assert term.holder.name == NAMES[term.holder.code]
    assert term.year == day.year


@given(any_day, st.integers(min_value=0, max_value=4000))
def test_schedule_terms_touch_and_agree_with_lookup(rotation, first, span):
    last = first + timedelta(days=min(span, (date.max - first).days))
    terms = list(rotation.terms_between(first, last))
    assert terms[0] == rotation.term_on(first)
    assert terms[-1] == rotation.term_on(last)
    for before, after in zip(terms, terms[1:], strict=False):
        assert before.end + timedelta(days=1) == after.start
        assert rotation.term_after(before) == after
        assert rotation.term_before(after) == before


# add_months: the month arithmetic behind every term boundary.

@pytest.mark.parametrize(
    ("anchor", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2024, 2, 29), 48, date(2028, 2, 29)),
        (date(2026, 11, 15), 2, date(2027, 1, 15)),
        (date(2026, 3, 1), -3, date(2025, 12, 1)),
    ],
)
def test_add_months(anchor, months, expected):
    assert add_months(anchor, months) == expected


def test_add_months_past_9999():
    with pytest.raises(OverflowError):
        add_months(date(9999, 12, 1), 1)


# Rotations unlike NORDEFCO's: any term length, any handover day, no order.

def build(term_months, history_spans, order=("A", "B", "C"), resume_index=0, handover=None):
    members = tuple(Member(c, f"Member {c}", c, True, None) for c in ("A", "B", "C"))
    by_code = {m.code: m for m in members}
    history = tuple(
        Term(start, end, by_code[code], False, f"https://example.org/{i}")
        for i, (start, end, code) in enumerate(history_spans)
    )
    return Rotation(
        body=Body("Test body", "TB", None),
        members=members,
        order=tuple(by_code[c] for c in order),
        rule=Rule((handover or history[0].start).month, (handover or history[0].start).day,
                  term_months),
        history=history,
        resume_index=resume_index,
    )


def test_six_month_terms_from_july():
    rotation = build(6, [(date(2025, 1, 1), date(2025, 6, 30), "A")], resume_index=1)
    assert rotation.term_on(date(2025, 7, 1)).holder.code == "B"
    assert rotation.term_on(date(2025, 12, 31)).end == date(2025, 12, 31)
    assert rotation.term_on(date(2026, 1, 1)).holder.code == "C"
    assert rotation.term_on(date(2026, 7, 1)).holder.code == "A"


def test_irregular_recorded_term_then_two_year_terms_from_mid_may():
    rotation = build(
        24,
        [(date(2006, 10, 26), date(2009, 4, 28), "A"), (date(2009, 4, 29), date(2011, 5, 11), "B")],
        resume_index=2,
        handover=date(2011, 5, 12),
    )
    assert rotation.term_on(date(2008, 1, 1)).end == date(2009, 4, 28)
    projected = rotation.term_on(date(2012, 1, 1))
    assert (projected.start, projected.end, projected.holder.code) == (
        date(2011, 5, 12), date(2013, 5, 11), "C")


def test_no_order_means_nothing_after_the_record():
    rotation = build(6, [(date(2030, 7, 1), date(2030, 12, 31), "A")], order=())
    with raises_no_chair("no order is decided after 2030-12-31"):
        rotation.term_on(date(2031, 1, 1))
    assert list(rotation.terms_between(date(2030, 1, 1), date(2040, 1, 1)))[-1].end == date(
        2030, 12, 31)


@given(
    term_months=st.integers(min_value=1, max_value=36),
    anchor=st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)),
    day=st.dates(min_value=date(1900, 1, 1), max_value=date.max),
)
def test_projection_invariants_for_any_term_length_and_handover_day(term_months, anchor, day):
    """Clamped month ends (31 January, 29 February) never drift or leave gaps."""
    first_end = add_months(anchor, term_months) - timedelta(days=1)
    rotation = build(term_months, [(anchor, first_end, "A")], resume_index=1)
    assume(day >= anchor)
    term = rotation.term_on(day)
    assert term.start <= day <= term.end
    after = rotation.term_after(term)
    if after is not None:
        assert after.start == term.end + timedelta(days=1)
        assert after.holder != term.holder
        # Each projected start is the anchor plus whole terms (clamped), never stepped.
        months = (after.start.year - anchor.year) * 12 + after.start.month - anchor.month
        assert months % term_months == 0
        assert after.start == add_months(anchor, months)


# Status: recorded, announced or projected, as of the day the caller passes.

def test_a_term_of_the_data_file_is_announced_until_its_first_day():
    member = Member("A", "Member A", "A", True, None)
    term = Term(date(2027, 1, 1), date(2027, 6, 30), member, False, "https://e.org")
    assert term.status(date(2026, 11, 30)) == ANNOUNCED
    assert term.status(date(2026, 12, 31)) == ANNOUNCED
    assert term.status(date(2027, 1, 1)) == RECORDED_STATUS
    assert term.status(date(2030, 1, 1)) == RECORDED_STATUS


def test_a_projected_term_stays_projected(rotation):
    term = rotation.term_on(date(2030, 6, 1))
    for today in (date(2026, 11, 30), date(2030, 6, 1), date(2031, 1, 1)):
        assert term.status(today) == PROJECTED


@given(any_day, st.dates())
def test_every_term_has_one_of_three_statuses(rotation, day, today):
    term = rotation.term_on(day)
    status = term.status(today)
    if day > rotation.last_recorded_day:
        assert status == PROJECTED
    else:
        assert status == (ANNOUNCED if term.start > today else RECORDED_STATUS)


# Before the record: no chair only before the body was established; else the
# record does not reach back that far.

def test_a_day_before_the_record_but_after_establishment_is_not_on_record(rotation):
    body = rotation.body._replace(short_name="XB", established=date(2009, 6, 1))
    moved = rotation._replace(body=body)
    assert no_chair_message(moved.gap(date(2009, 5, 31)), date(2009, 5, 31)) == (
        "XB has no chair on 2009-05-31: XB was established on 2009-06-01")
    assert no_chair_note(moved.gap(date(2009, 5, 31))) == (
        "no chair: XB was established on 2009-06-01")
    assert no_chair_note(moved.gap(date(2009, 11, 3))) == (
        "no chair on record: the record starts on 2009-11-04")
    # A window is explained by its day nearest the record.
    first, last = date(2009, 1, 1), date(2009, 7, 1)
    assert no_chair_message(moved.gap(first, last), first, last) == (
        "XB: no chair on record from 2009-01-01 to 2009-07-01: the record starts on 2009-11-04")
    last = date(2009, 5, 31)
    assert no_chair_message(moved.gap(first, last), first, last) == (
        "XB has no chair from 2009-01-01 to 2009-05-31: XB was established on 2009-06-01")


def test_without_an_established_date_the_record_is_what_is_missing(rotation):
    unknown = rotation._replace(body=rotation.body._replace(established=None))
    with pytest.raises(NoChair) as raised:
        unknown.term_on(date(1066, 10, 14))
    assert no_chair_message(raised.value.gap, date(1066, 10, 14)) == (
        "NORDEFCO: no chair on record for 1066-10-14: the record starts on 2009-11-04")
    with pytest.raises(NoChair) as raised:
        unknown.year_answer(2008)
    assert no_chair_message(raised.value.gap, date(2008, 1, 1)).startswith(
        "NORDEFCO: no chair on record for 2008-01-01")


# Names are compared without case or accents.

@given(st.text())
def test_folding_a_name_twice_changes_nothing(text):
    assert fold_name(fold_name(text)) == fold_name(text)


@given(st.text())
def test_a_folded_name_has_no_accents_and_no_case(text):
    import unicodedata

    folded = fold_name(text)
    assert not any(unicodedata.combining(char) for char in folded)
    assert folded == folded.casefold() == folded.strip()


@pytest.mark.parametrize("typed", ["Ísland", "ísland", "ISLAND", "island", " Island ",
                                   "I\u0301sland", "ＩＳＬＡＮＤ", "iceland", "is"])
def test_find_member_ignores_case_and_accents(rotation, typed):
    assert rotation.find_member(typed).code == "IS"


@pytest.mark.parametrize("typed", ["", "   ", "\u0301", "Islands", "Isl"])
def test_find_member_finds_nothing_for_what_names_no_member(rotation, typed):
    assert rotation.find_member(typed) is None
