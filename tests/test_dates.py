"""Dates as people type them: what is read, and what is refused rather than guessed."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nordefco_cli.dates import DateError, parse_date, parse_date_or_year

TODAY = date(2026, 11, 28)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-03-01", date(2026, 3, 1)),
        ("  2026-03-01 ", date(2026, 3, 1)),
        ("today", TODAY),
        ("TOMORROW", date(2026, 11, 29)),
        ("yesterday", date(2026, 11, 27)),
        ("1 March 2026", date(2026, 3, 1)),
        ("March 1, 2026", date(2026, 3, 1)),
        ("2026-03-01T12:00", date(2026, 3, 1)),
        ("2026-03-01T23:30+05:00", date(2026, 3, 1)),
        ("1 Mar 2011", date(2011, 3, 1)),
        ("25.12.2026", date(2026, 12, 25)),  # only one reading: 25 is no month
        ("12/25/2026", date(2026, 12, 25)),
        ("03/03/2026", date(2026, 3, 3)),  # swapping changes nothing
        ("2026/03/01", date(2026, 3, 1)),  # year first reads as Y-M-D
        ("0001-01-01", date(1, 1, 1)),
        ("9999-12-31", date(9999, 12, 31)),
    ],
)
def test_accepted(text, expected):
    assert parse_date(text, TODAY) == expected


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("March", "not a full date"),
        ("2026-03", "not a full date"),
        ("2026", "not a full date"),
        ("March 2026", "not a full date"),
        ("1 March", "not a full date"),
        ("12:00", "not a full date"),
        ("03/01/2026", "ambiguous"),
        ("1.3.2026", "ambiguous"),
        ("1 3 2026", "ambiguous"),
        ("03/01/2026 12:00", "ambiguous"),
        ("3/1/26", "no four-digit year"),
        ("1 March 26", "no four-digit year"),
        ("1 January 0099", "no four-digit year"),
        ("2026-02-30", "not a valid date"),
        ("2026-13-01", "not a valid date"),
        ("2025-02-29", "not a valid date"),
        ("meet me 5 March", "cannot read"),
        ("next tuesday", "cannot read"),
        ("0000-01-01", "year 0 is out of range"),
        ("10000-01-01", "year is out of range"),
        ("1 March 10000", "cannot read"),
        ("", "no date given"),
        ("   ", "no date given"),
    ],
)
def test_refused(text, words):
    with pytest.raises(DateError, match=words) as caught:
        parse_date(text, TODAY)
    assert "use ISO 8601, e.g. 2026-03-01" in str(caught.value)


@pytest.mark.parametrize(
    ("text", "end_of_year", "expected"),
    [
        ("2009", False, date(2009, 1, 1)),
        ("2026", True, date(2026, 12, 31)),
        ("1", False, date(1, 1, 1)),
        ("9999", True, date(9999, 12, 31)),
        ("2026-03-01", True, date(2026, 3, 1)),
    ],
)
def test_bare_year_means_its_first_or_last_day(text, end_of_year, expected):
    assert parse_date_or_year(text, TODAY, end_of_year=end_of_year) == expected


@pytest.mark.parametrize("text", ["0", "0000"])
def test_year_zero_is_out_of_range(text):
    with pytest.raises(DateError, match="out of range"):
        parse_date_or_year(text, TODAY, end_of_year=False)


@given(st.dates())
def test_every_iso_date_round_trips(day):
    assert parse_date(day.isoformat(), TODAY) == day


@given(st.dates(min_value=date(100, 1, 1)))
def test_written_dates_round_trip(day):
    assert parse_date(day.strftime("%d %B ") + f"{day.year:04d}", TODAY) == day
