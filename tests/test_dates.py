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

from nordefco_cli.core.dates import MAX_LENGTH, DateError, parse_date, parse_date_or_year

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
        # Digits of any script, and full-width text, as NFKC reads them.
        ("２０２６-０３-０１", date(2026, 3, 1)),
        ("٢٠٢٦-٠٣-٠١", date(2026, 3, 1)),
        ("１ March ２０２６", date(2026, 3, 1)),
        ("２０２６０３０１", date(2026, 3, 1)),
        ("ＴＯＤＡＹ", TODAY),
        ("２５.１２.２０２６", date(2026, 12, 25)),
        # A date-time's date, and a date with a zone as XML Schema writes it.
        ("2026-03-01T12:00Z", date(2026, 3, 1)),
        ("2026-03-01T23:30-05:00", date(2026, 3, 1)),
        ("2026-03-01T12", date(2026, 3, 1)),
        ("2026-03-01 12:00", date(2026, 3, 1)),
        ("2026-03-01Z", date(2026, 3, 1)),
        ("2026-03-01+01:00", date(2026, 3, 1)),
        ("2026-03-01-05:00", date(2026, 3, 1)),
        # Nordic weekday abbreviations, Swedish ordinal days, "febr.".
        ("sön 1 mars 2026", date(2026, 3, 1)),
        ("søn. 1. marts 2026", date(2026, 3, 1)),
        ("ma 2. maaliskuuta 2026", date(2026, 3, 2)),
        ("Ma, 2. maaliskuuta 2026", date(2026, 3, 2)),
        ("to 5. maaliskuuta 2026", date(2026, 3, 5)),
        ("tor 5 mars 2026", date(2026, 3, 5)),
        ("tors 5 mars 2026", date(2026, 3, 5)),
        ("þri 3. mars 2026", date(2026, 3, 3)),
        ("1:a mars 2026", date(2026, 3, 1)),
        ("2:a mars 2026", date(2026, 3, 2)),
        ("3:e mars 2026", date(2026, 3, 3)),
        ("den 22:a mars 2026", date(2026, 3, 22)),
        ("11:e mars 2026", date(2026, 3, 11)),
        ("sön 1:a mars 2026", date(2026, 3, 1)),
        ("1 febr. 2026", date(2026, 2, 1)),
        ("next sunnudag", date(2026, 11, 29)),
        ("last mánudag", date(2026, 11, 23)),
        ("next sön", date(2026, 11, 29)),
        ("next tor", date(2026, 12, 3)),
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
        # Said for what it is, whatever the script of the digits.
        ("２０２６-０２-３０", "is not a valid date (day is out of range for month)"),
        ("０３/０１/２０２６", "ambiguous"),
        ("2026-03-01\n2027-01-01", "holds more than one line"),
        ("2026-03-01\r\n2027-01-01", "holds more than one line"),
        ("1 March\u20282026", "holds more than one line"),
        ("2026-03-01-05", "has 4 numbers, not year, month and day"),
        ("2026-03-01 12", "has 4 numbers, not year, month and day"),
        ("2026-02-30Z", "is not a valid date (day is out of range for month)"),
        ("2026-02-30T12:00", "is not a valid date (day is out of range for month)"),
        ("2026-03-01+24:00", "cannot read"),
        ("2026-03-01ZZ", "cannot read"),
        # A two-letter weekday only begins a written date; "to" is no Thursday here.
        ("2026-03-05 to 2026-03-07", "cannot read"),
        ("1 to 2 March 2026", "cannot read"),
        ("March 1 to 2026", "cannot read"),
        ("1 March 2026 la", "cannot read"),
        ("next to", "cannot read"),
        ("ma 1. maaliskuuta 2026", "2026-03-01 is a Sunday, not a Monday"),
        ("1:e mars 2026", "cannot read"),  # Swedish writes 1:a
        ("3:a mars 2026", "cannot read"),
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


@pytest.mark.parametrize(
    ("text", "start"),
    [("1 March\n2026\x1b[31m", "'1 March\\n2026\\x1b[31m' holds more than one line"),
     ("1 March 2026\x1b[31m", "cannot read '1 March 2026\\x1b[31m'"),
     ("２０２６-０２-３０", "'２０２６-０２-３０' is not a valid date")],
)
def test_messages_quote_what_was_typed_on_one_line(text, start):
    with pytest.raises(DateError) as caught:
        parse_date(text, TODAY)
    assert str(caught.value).startswith(start)
    assert "\n" not in str(caught.value) and "\x1b" not in str(caught.value)


_LINE_BREAKS = st.sampled_from(["\n", "\r", "\r\n", "\v", "\f", "\x1c", "\x1d", "\x1e",
                                "\x85", "\u2028", "\u2029"])


@given(st.text(min_size=1, max_size=20), _LINE_BREAKS, st.text(min_size=1, max_size=20))
def test_a_value_of_two_lines_is_refused_as_such(first, line_break, second):
    assume(first.strip() and second.strip())
    with pytest.raises(DateError, match="holds more than one line"):
        parse_date(first + line_break + second, TODAY)


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
    code = ("import sys, datetime; from nordefco_cli.core.dates import parse_date\n"
            "t = datetime.date(2026, 11, 28)\n"
            "for s in ('2026-03-01', '20260301', '2026-W10-1', '2026-060', 'today',\n"
            "          '2026-03-01T12:00Z', '2026-03-01 12:00', '2026-03-01Z',\n"
            "          '２０２６-０３-０１', '٢٠٢٦-٠٣-٠١'):\n"
            "    parse_date(s, t)\n"
            "print(sorted(m for m in sys.modules if m.startswith('dateutil')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env=subprocess_env(), check=True)
    assert result.stdout == "[]\n"


def test_iso_dates_and_date_times_import_no_pattern_or_unicode_tables():
    code = ("import sys, datetime; from nordefco_cli.core.dates import parse_date\n"
            "t = datetime.date(2026, 11, 28)\n"
            "for s in ('2026-03-01', '2026-03-01T12:00Z', '2026-03-01 12:00',\n"
            "          '2026-03-01+01:00', 'today'):\n"
            "    parse_date(s, t)\n"
            "print(sorted(m for m in ('re', 'unicodedata', 'dateutil') if m in sys.modules))")
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
        ("a\nb", "'a\\nb' holds more than one line"),
        ("２０２６-０３-０１\n２０２７-０１-０１", "holds more than one line"),
    ],
)
def test_cli_refuses_with_one_line(run, text, words):
    result = run("chair", "--date", text)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1
    assert "'--date'" in result.stderr and words in result.stderr


@pytest.mark.parametrize("text", ["March 1 2026 12:00", "1. maaliskuuta 2026", "2026-W09-7",
                                  "20260301", "1 March 2026 12:00 EST", "２０２６-０３-０１",
                                  "2026-03-01Z", "2026-03-01T12:00Z", "sön 1:a mars 2026"])
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


# Every script's decimal digits: each block of ten, found from Unicode, not from the code.
_ZEROS = [chr(code) for code in range(0x110000)
          if all(chr(code + n).isdecimal() and int(chr(code + n)) == n for n in range(10))]


@given(st.dates(), st.sampled_from(_ZEROS), st.sampled_from(["", " 12:00", "T12:00Z"]))
def test_every_iso_date_round_trips_in_any_digits(day, zero, time):
    digits = day.isoformat().translate({ord(str(n)): ord(zero) + n for n in range(10)})
    assert parse_date(digits + time, TODAY) == day


@given(st.dates(), st.times(), st.sampled_from(["", "Z", "+00:00", "-05:00", "+14:00"]),
       st.sampled_from(["T", " "]))
def test_a_date_time_is_its_date_as_written(day, time, zone, separator):
    text = f"{day.isoformat()}{separator}{time.isoformat()}{zone}"
    assert parse_date(text, TODAY) == day
    if zone:  # XML Schema's date with a zone
        assert parse_date(day.isoformat() + zone, TODAY) == day


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


# Abbreviations as glibc's and CLDR's locales write them (Icelandic also the accusative,
# "næsta sunnudag"), Monday first.
ABBREVIATED_WEEKDAYS = {
    "English": ["Mon Tue Wed Thu Fri Sat Sun"],
    "Norwegian": ["man tir ons tor fre lør søn", "ma ti ons to fre lør søn"],
    "Danish": ["man tir ons tor fre lør søn", "man tirs ons tors fre lør søn"],
    "Swedish": ["mån tis ons tor fre lör sön", "mån tis ons tors fre lör sön"],
    "Icelandic": ["mán þri mið fim fös lau sun",
                  "mánudag þriðjudag miðvikudag fimmtudag föstudag laugardag sunnudag"],
    "Finnish": ["ma ti ke to pe la su"],
}


@given(st.dates(), st.sampled_from(sorted(MONTHS)), st.integers(1, 6), st.data())
def test_a_weekday_is_checked_in_each_language(day, language, shift, data):
    month = MONTHS[language].split()[day.month - 1]
    names = data.draw(st.sampled_from([WEEKDAYS[language]] + ABBREVIATED_WEEKDAYS[language]
                                      )).split()
    names = [data.draw(st.sampled_from([name, name.title(), name.upper(), name + ".",
                                        name + ","])) for name in names]
    assert parse_date(f"{names[day.weekday()]} {day.day}. {month} {day.year:04d}",
                      TODAY) == day
    wrong = names[(day.weekday() + shift) % 7]
    with pytest.raises(DateError, match=f"{_ymd(day)} is a "):
        parse_date(f"{wrong} {day.day}. {month} {day.year:04d}", TODAY)


@given(st.dates(), st.sampled_from(sorted(MONTHS)), st.integers(0, 6))
def test_next_and_last_take_each_weekday_abbreviation(today, language, weekday):
    for names in ABBREVIATED_WEEKDAYS[language]:
        name = names.split()[weekday]
        if len(name) == 2:  # Finnish and Norwegian two letters only begin a written date
            continue
        for word, step in (("next", 1), ("last", -1)):
            try:
                found = parse_date(f"{word} {name}", today)
            except DateError as error:
                assert "is past the years 1 to 9999" in str(error)
                continue
            assert found.weekday() == weekday and 1 <= (found - today).days * step <= 7


# Swedish ordinal days: ":a" after these, ":e" after every other day.
_SWEDISH_A_DAYS = {1, 2, 21, 22, 31}


@given(st.dates())
def test_swedish_ordinal_days_round_trip(day):
    right, wrong = ("a", "e") if day.day in _SWEDISH_A_DAYS else ("e", "a")
    month = MONTHS["Swedish"].split()[day.month - 1]
    assert parse_date(f"den {day.day}:{right} {month} {day.year:04d}", TODAY) == day
    with pytest.raises(DateError, match="cannot read"):
        parse_date(f"{day.day}:{wrong} {month} {day.year:04d}", TODAY)


def test_english_words_keep_their_meaning():
    """Every word dateutil reads in English means the same with the Nordic words added."""
    from nordefco_cli.core.dateinfo import INFO

    english = dateutil_parser.parserinfo()
    for table, lookup in (("JUMP", "jump"), ("WEEKDAYS", "weekday"), ("MONTHS", "month"),
                          ("HMS", "hms"), ("AMPM", "ampm"), ("PERTAIN", "pertain"),
                          ("UTCZONE", "utczone")):
        for entry in getattr(english, table):
            for word in (entry if isinstance(entry, tuple) else (entry,)):
                assert getattr(INFO, lookup)(word) == getattr(english, lookup)(word), word


def _words_with_two_meanings(info) -> dict[str, set]:
    meanings = {}  # word: every (table, row) it stands in
    for table in ("WEEKDAYS", "MONTHS", "HMS", "AMPM"):
        for row, names in enumerate(getattr(info, table)):
            for word in names:
                meanings.setdefault(word.lower(), set()).add((table, row))
    for table in ("JUMP", "PERTAIN", "UTCZONE"):
        for word in getattr(info, table):
            meanings.setdefault(word.lower(), set()).add((table, 0))
    return {word: rows for word, rows in meanings.items() if len(rows) > 1}


def test_no_nordic_word_has_two_meanings():
    from nordefco_cli.core.dateinfo import INFO

    # dateutil's own: "m" (minute, or skipped), "of" (skipped, or between day and month).
    assert _words_with_two_meanings(INFO) == _words_with_two_meanings(
        dateutil_parser.parserinfo())


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


# dateutil raises decimal.InvalidOperation (not a ValueError) for a time part
# of 29 digits or more; hypothesis found it. It is a date that cannot be read.
LONG_TIME_PARTS = ["0:" + "9" * 33, "2026-03-01 0:" + "9" * 29, "1 March 2026 0:" + "9" * 40]


@pytest.mark.parametrize("text", LONG_TIME_PARTS)
def test_a_time_part_too_long_for_dateutil_is_a_date_error(text):
    with pytest.raises(DateError, match="cannot read|not a"):
        parse_date(text, date(2026, 11, 30))


def test_a_time_part_too_long_for_dateutil_is_one_bad_line_in_a_batch(run):
    lines = f"2026-03-01\n{LONG_TIME_PARTS[1]}\n2011-01-01\n"
    result = run("chair", "--dates-from", "-", "--keep-going", "--format", "jsonl",
                 input=lines)
    assert result.exit_code == 1
    assert [line[:22] for line in result.stdout.splitlines()] == [
        '{"date": "2026-03-01",', '{"date": "2011-01-01",']
    assert result.stderr.splitlines()[0].startswith("Error: line 2: ")
    assert "Traceback" not in result.stderr
