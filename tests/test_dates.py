"""Dates as people type them: what is read, and what is refused rather than guessed."""

import re
import subprocess
import sys
import warnings
from datetime import date, timedelta

import pytest
from conftest import subprocess_env
from dateutil import parser as dateutil_parser
from dateutil.relativedelta import relativedelta
from hypothesis import assume, given
from hypothesis import strategies as st

from nordefco_cli.dates import MAX_LENGTH, DateError, parse_date, parse_date_or_year

TODAY = date(2026, 11, 28)  # a Saturday
HINT = "use ISO 8601, e.g. 2026-03-01"


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
        ("2026/01/03 12:00", date(2026, 1, 3)),
        ("0001-01-01", date(1, 1, 1)),
        ("9999-12-31", date(9999, 12, 31)),
        # A time after a month name: the day-month guard must not read "1 2026 12".
        ("March 1 2026 12:00", date(2026, 3, 1)),
        ("Mar 01 2026 12:00PM", date(2026, 3, 1)),
        ("Jan 5 2026 10:15:00", date(2026, 1, 5)),
        ("1 March 2026 12:00 EST", date(2026, 3, 1)),
        # A four-digit year is the year typed.
        ("1 January 0001", date(1, 1, 1)),
        ("13 March 0099", date(99, 3, 13)),
        ("31 December 9999", date(9999, 12, 31)),
        # A weekday that agrees with the date.
        ("Sunday 1 March 2026", date(2026, 3, 1)),
        ("Sun, 01 Mar 2026", date(2026, 3, 1)),
        ("söndag 1 mars 2026", date(2026, 3, 1)),
        ("mánudaginn 2. mars 2026", date(2026, 3, 2)),
        ("maanantaina 2. maaliskuuta 2026", date(2026, 3, 2)),
        # The other full ISO 8601 forms.
        ("20260301", date(2026, 3, 1)),
        ("2026-W10-1", date(2026, 3, 2)),
        ("2026W101", date(2026, 3, 2)),
        ("2026-w10-7", date(2026, 3, 8)),
        ("2026-W53-1", date(2026, 12, 28)),  # 2026 has 53 ISO weeks
        ("2026-060", date(2026, 3, 1)),
        ("2024-366", date(2024, 12, 31)),
        # Nordic month names.
        ("1. mars 2026", date(2026, 3, 1)),
        ("1 mars 2026", date(2026, 3, 1)),
        ("1.mars 2026", date(2026, 3, 1)),
        ("1. maaliskuuta 2026", date(2026, 3, 1)),
        ("maaliskuun 1. 2026", date(2026, 3, 1)),
        ("1. maalisk. 2026", date(2026, 3, 1)),
        ("1. marts 2026", date(2026, 3, 1)),
        ("den 1. marts 2026 kl. 12:00", date(2026, 3, 1)),
        ("17. maí 2026", date(2026, 5, 17)),
        ("1. ÁGÚST 2026", date(2026, 8, 1)),
        ("24. desember 2026", date(2026, 12, 24)),
        ("6. joulukuuta 2026", date(2026, 12, 6)),
        ("6 juni 2026", date(2026, 6, 6)),
        ("1. A\u0301gu\u0301st 2026", date(2026, 8, 1)),  # decomposed accents
        ("s\udcc3\udcb6ndag 1 mars 2026", date(2026, 3, 1)),  # UTF-8 argv in the C locale
        # Relative dates, from TODAY (Saturday 2026-11-28).
        ("+3 days", date(2026, 12, 1)),
        ("+3days", date(2026, 12, 1)),
        ("+1 day", date(2026, 11, 29)),
        ("-2 weeks", date(2026, 11, 14)),
        ("2 weeks ago", date(2026, 11, 14)),
        ("in 2 years", date(2028, 11, 28)),
        ("In 3 Months", date(2027, 2, 28)),
        ("+0 days", TODAY),
        ("next monday", date(2026, 11, 30)),
        ("next saturday", date(2026, 12, 5)),  # never today itself
        ("last friday", date(2026, 11, 27)),
        ("last saturday", date(2026, 11, 21)),
        ("Next Mon", date(2026, 11, 30)),
        ("next week", date(2026, 12, 5)),
        ("last month", date(2026, 10, 28)),
        ("next year", date(2027, 11, 28)),
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
        ("1. mars", "not a full date"),
        ("12:00", "not a full date"),
        ("Monday", "not a full date"),
        ("2026-W10", "not a full date"),
        ("03/01/2026", "ambiguous"),
        ("1.3.2026", "ambiguous"),
        ("1 3 2026", "ambiguous"),
        ("03/01/2026 12:00", "ambiguous"),
        ("12:00 03/01/2026", "ambiguous"),
        ("3/1/26", "no four-digit year"),
        ("1 March 26", "no four-digit year"),
        ("1 March 099", "no four-digit year"),
        ("1 mars 26", "no four-digit year"),
        ("2026-02-30", "is not a valid date (day is out of range for month)"),
        ("31 Feb 2026", "is not a valid date (day is out of range for month)"),
        ("30. helmikuuta 2026", "is not a valid date (day is out of range for month)"),
        ("30.02.2026", "is not a valid date (day is out of range for month)"),
        ("2026-13-01", "is not a valid date (month must be in 1..12)"),
        ("2025-02-29", "is not a valid date (day is out of range for month)"),
        ("20260230", "is not a valid date (day is out of range for month)"),
        ("2026-W54-1", "is not a valid date"),
        ("2026-W10-8", "is not a valid date"),
        ("2026-000", "is not a valid date (day of year must be in 1..365)"),
        ("2026-366", "is not a valid date (day of year must be in 1..365)"),
        ("0000-01-01", "is not a valid date (year 0 is out of range)"),
        ("10000-01-01", "is not a valid date (year 10000 is out of range)"),
        ("1 March 10000", "is not a valid date (year 10000 is out of range)"),
        ("1 March 0000", "is not a valid date (year 0 is out of range)"),
        ("2026 99999999999999999999 1", "is not a valid date (month must be in 1..12)"),
        ("99999999999999999999-01-01", "is not a valid date (year 99999999999999999999 is"),
        ("1 1 99999999999999999999", "is not a valid date (year 99999999999999999999 is"),
        ("Monday 1 March 2026", "2026-03-01 is a Sunday, not a Monday"),
        ("mandag 1. mars 2026", "2026-03-01 is a Sunday, not a Monday"),
        ("Tue, 01 Mar 2026", "2026-03-01 is a Sunday, not a Tuesday"),
        ("meet me 5 March", "cannot read"),
        ("next tuesday week", "cannot read"),
        ("next fortnight", "cannot read"),
        ("3 days", "cannot read"),
        ("+3 days ago", "cannot read"),
        ("in 2 years ago", "cannot read"),
        ("+99999 years", "counted from 2026-11-28 is past the years 1 to 9999"),
        ("-2027 years", "counted from 2026-11-28 is past the years 1 to 9999"),
        ("+99999999999999999999 days", "counted from 2026-11-28 is past the years 1 to 9999"),
        ("", "no date given"),
        ("   ", "no date given"),
        ("x" * (MAX_LENGTH + 1), "too long for a date"),
    ],
)
def test_refused(text, words):
    with pytest.raises(DateError) as caught:
        parse_date(text, TODAY)
    assert words in str(caught.value)
    assert HINT in str(caught.value)


def test_one_kind_of_fault_one_kind_of_message():
    messages = set()
    for text in ("2026-02-30", "31 Feb 2026", "30.02.2026", "20260230", "30. helmikuuta 2026"):
        with pytest.raises(DateError) as caught:
            parse_date(text, TODAY)
        messages.add(str(caught.value).replace(repr(text), "TEXT"))
    assert messages == {f"TEXT is not a valid date (day is out of range for month); {HINT}"}


def test_messages_quote_what_was_typed_on_one_line():
    with pytest.raises(DateError) as caught:
        parse_date("1 March\n2026\x1b[31m", TODAY)
    assert str(caught.value).startswith("cannot read '1 March\\n2026\\x1b[31m'")
    assert "\n" not in str(caught.value) and "\x1b" not in str(caught.value)


@given(st.text(max_size=MAX_LENGTH + 8))
def test_any_text_is_a_date_or_a_one_line_date_error(text):
    try:
        parse_date(text, TODAY)
    except DateError as error:
        assert "\n" not in str(error) and "\r" not in str(error)


# Digits, separators and words that reach every branch, so the search finds edge cases
# in each reader rather than only "cannot read".
_PIECES = st.sampled_from(
    ["0", "1", "2", "9", "00", "12", "31", "2026", "0099", "9999", "10000", "99999999999",
     " ", ".", "/", "-", ":", ",", "+", "W", "T", "in ", " ago", "next ", "last ",
     "day", "weeks", "month", "years", "March", "mars", "maaliskuuta", "Monday", "söndag",
     "PM", "EST", "den ", "kl", "of"])


@given(st.lists(_PIECES, max_size=12).map("".join), st.dates())
def test_pieces_of_dates_are_a_date_or_a_date_error(text, today):
    try:
        parse_date(text, today)
    except DateError as error:
        assert "\n" not in str(error)


@pytest.mark.parametrize(
    ("text", "end_of_year", "expected"),
    [
        ("2009", False, date(2009, 1, 1)),
        ("2026", True, date(2026, 12, 31)),
        ("1", False, date(1, 1, 1)),
        ("9999", True, date(9999, 12, 31)),
        ("2026-03-01", True, date(2026, 3, 1)),
        ("next year", True, date(2027, 11, 28)),
    ],
)
def test_bare_year_means_its_first_or_last_day(text, end_of_year, expected):
    assert parse_date_or_year(text, TODAY, end_of_year=end_of_year) == expected


@pytest.mark.parametrize("text", ["0", "0000"])
def test_year_zero_is_out_of_range(text):
    with pytest.raises(DateError, match=f"'{text}': year 0 is out of range"):
        parse_date_or_year(text, TODAY, end_of_year=False)


# Bounded work: an overlong value is refused before any pattern or parser runs.

@pytest.mark.parametrize(
    "text",
    ["1" * 20_000 + "x", "2026-" + "9" * 5000 + "-01", "1 March 2026 " * 2000, "x" * 10**6],
)
def test_overlong_values_are_refused_before_any_pattern_runs(monkeypatch, text):
    def forbidden(*args, **kwargs):
        raise AssertionError("a pattern or parser ran on an overlong value")

    for name in ("fullmatch", "match", "search", "findall", "compile"):
        monkeypatch.setattr(re, name, forbidden)
    monkeypatch.setattr(dateutil_parser, "parse", forbidden)
    with pytest.raises(DateError) as caught:
        parse_date(text, TODAY)
    message = str(caught.value)
    length = len(text.strip())
    assert f"is too long for a date ({length} characters, at most {MAX_LENGTH})" in message
    assert len(message) < 200


def test_the_longest_value_allowed_is_still_read():
    text = "Wednesday 30 September 2026 12:00".ljust(MAX_LENGTH - 4) + " CET"
    assert len(text) == MAX_LENGTH
    assert parse_date(text, TODAY) == date(2026, 9, 30)


# No library warning reaches the user.

def test_unknown_time_zone_gives_no_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert parse_date("1 March 2026 12:00 EST", TODAY) == date(2026, 3, 1)


def test_unknown_time_zone_under_pythonwarnings_error():
    result = subprocess.run(
        [sys.executable, "-m", "nordefco_cli", "chair", "--date", "1 March 2026 12:00 EST",
         "--format", "tsv", "--no-header"],
        capture_output=True, text=True, env=subprocess_env(PYTHONWARNINGS="error"))
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.startswith("2026-03-01\t2026\t")


# Start-up: the ISO forms are read without loading dateutil.

def test_iso_forms_do_not_import_dateutil():
    code = ("import sys, datetime; from nordefco_cli.dates import parse_date\n"
            "t = datetime.date(2026, 11, 28)\n"
            "for s in ('2026-03-01', '20260301', '2026-W10-1', '2026-060', 'today'):\n"
            "    parse_date(s, t)\n"
            "print(sorted(m for m in sys.modules if m.startswith('dateutil')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env=subprocess_env(), check=True)
    assert result.stdout == "[]\n"


# Through the command line: a usage error, one line, saying why.

@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Monday 1 March 2026", "2026-03-01 is a Sunday, not a Monday"),
        ("2026 99999999999999999999 1", "not a valid date"),
        ("2026-" + "9" * 5000 + "-01", "too long for a date"),
        ("a\nb", "cannot read 'a\\nb'"),
    ],
)
def test_cli_refuses_with_one_line(run, text, words):
    result = run("chair", "--date", text)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1
    assert "'--date'" in result.stderr and words in result.stderr


@pytest.mark.parametrize("text", ["March 1 2026 12:00", "1. maaliskuuta 2026", "2026-W09-7",
                                  "20260301", "1 March 2026 12:00 EST"])
def test_cli_reads(run, text):
    result = run("chair", "--date", text, "--format", "tsv", "--no-header")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.startswith("2026-03-01\t2026\t")


# Round trips: every date of the calendar, written each way.

def _ymd(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}-{day.day:02d}"


@given(st.dates())
def test_every_iso_date_round_trips(day):
    assert parse_date(day.isoformat(), TODAY) == day


@given(st.dates())
def test_every_basic_iso_date_round_trips(day):
    assert parse_date(_ymd(day).replace("-", ""), TODAY) == day


@given(st.dates(), st.booleans())
def test_every_week_date_round_trips(day, basic):
    year, week, weekday = day.isocalendar()
    text = f"{year:04d}-W{week:02d}-{weekday}"
    assert parse_date(text.replace("-", "") if basic else text, TODAY) == day


@given(st.dates())
def test_every_ordinal_date_round_trips(day):
    assert parse_date(f"{day.year:04d}-{day.timetuple().tm_yday:03d}", TODAY) == day


# Written independently of the code's tables, from each language's usage.
MONTHS = {
    "English": "January February March April May June July August September October "
               "November December",
    "Norwegian": "januar februar mars april mai juni juli august september oktober "
                 "november desember",
    "Danish": "januar februar marts april maj juni juli august september oktober "
              "november december",
    "Swedish": "januari februari mars april maj juni juli augusti september oktober "
               "november december",
    "Icelandic": "janúar febrúar mars apríl maí júní júlí ágúst september október "
                 "nóvember desember",
    "Finnish": "tammikuuta helmikuuta maaliskuuta huhtikuuta toukokuuta kesäkuuta "
               "heinäkuuta elokuuta syyskuuta lokakuuta marraskuuta joulukuuta",
}
WEEKDAYS = {
    "English": "Monday Tuesday Wednesday Thursday Friday Saturday Sunday",
    "Norwegian": "mandag tirsdag onsdag torsdag fredag lørdag søndag",
    "Danish": "mandag tirsdag onsdag torsdag fredag lørdag søndag",
    "Swedish": "måndag tisdag onsdag torsdag fredag lördag söndag",
    "Icelandic": "mánudagur þriðjudagur miðvikudagur fimmtudagur föstudagur laugardagur "
                 "sunnudagur",
    "Finnish": "maanantai tiistai keskiviikko torstai perjantai lauantai sunnuntai",
}


@given(st.dates(), st.sampled_from(sorted(MONTHS)), st.sampled_from(["", "."]),
       st.sampled_from([str.lower, str.title, str.upper]))
def test_written_dates_round_trip_in_each_language(day, language, dot, case):
    month = case(MONTHS[language].split()[day.month - 1])
    assert parse_date(f"{day.day}{dot} {month} {day.year:04d}", TODAY) == day


@given(st.dates(), st.sampled_from(sorted(MONTHS)), st.integers(1, 6))
def test_a_weekday_is_checked_in_each_language(day, language, shift):
    month = MONTHS[language].split()[day.month - 1]
    names = WEEKDAYS[language].split()
    assert parse_date(f"{names[day.weekday()]} {day.day}. {month} {day.year:04d}",
                      TODAY) == day
    wrong = names[(day.weekday() + shift) % 7]
    with pytest.raises(DateError, match=f"{_ymd(day)} is a "):
        parse_date(f"{wrong} {day.day}. {month} {day.year:04d}", TODAY)


# Relative dates agree with relativedelta, counted from the `today` passed in.

def _expected(today: date, **delta) -> date | None:
    try:
        return today + relativedelta(**delta)
    except (ValueError, OverflowError):
        return None


@given(st.dates(), st.integers(0, 12_000), st.sampled_from(["day", "week", "month", "year"]),
       st.booleans())
def test_relative_dates_agree_with_relativedelta(today, count, unit, forwards):
    s = "" if count == 1 else "s"
    texts = ([f"+{count} {unit}{s}", f"in {count} {unit}{s}"] if forwards
             else [f"-{count} {unit}{s}", f"{count} {unit}{s} ago"])
    expected = _expected(today, **{unit + "s": count if forwards else -count})
    for text in texts:
        if expected is None:
            with pytest.raises(DateError, match="is past the years 1 to 9999"):
                parse_date(text, today)
        else:
            assert parse_date(text, today) == expected


@given(st.dates(min_value=date(1, 1, 8), max_value=date(9999, 12, 24)), st.integers(0, 6))
def test_next_and_last_weekday(today, weekday):
    name = WEEKDAYS["English"].split()[weekday].lower()
    following = parse_date(f"next {name}", today)
    assert following.weekday() == weekday and 1 <= (following - today).days <= 7
    previous = parse_date(f"last {name}", today)
    assert previous.weekday() == weekday and 1 <= (today - previous).days <= 7


@given(st.dates(), st.sampled_from(["day", "week", "month", "year"]))
def test_next_and_last_unit_is_one_of_it(today, unit):
    for word, step in (("next", 1), ("last", -1)):
        expected = _expected(today, **{unit + "s": step})
        assume(expected is not None)
        assert parse_date(f"{word} {unit}", today) == expected


def test_relative_dates_at_the_ends_of_the_calendar():
    assert parse_date("+1 day", date(9999, 12, 30)) == date(9999, 12, 31)
    assert parse_date("1 day ago", date(1, 1, 2)) == date(1, 1, 1)
    for text, today in (("+1 day", date.max), ("yesterday", date.min),
                        ("tomorrow", date.max), ("next friday", date.max),
                        ("last monday", date.min), ("next year", date(9999, 6, 1))):
        with pytest.raises(DateError, match="is past the years 1 to 9999"):
            parse_date(text, today)
    assert parse_date("today", date.max) == date.max
    assert parse_date("-1 days", date.min + timedelta(days=1)) == date.min
