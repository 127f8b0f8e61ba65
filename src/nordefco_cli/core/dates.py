"""Dates as people type them: strict where a guess could be wrong.

ISO 8601 (YYYY-MM-DD) is read first, with nothing imported. Other text, in
NFKC with its digits in ASCII if it is not ASCII, is read as the other ISO
8601 forms (date-times too), a few words, relative dates counted from
`today`, all-numeric dates; other written dates ("1 March 2026", "1. mars
2026") go to python-dateutil, imported only then. Partial dates, two-digit
years and all-numeric dates whose day and month could be swapped are
refused, not guessed.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

TYPE_CHECKING = False  # not typing's: it imports re, which the ISO path must not
if TYPE_CHECKING:
    from re import Match

    from dateutil.relativedelta import relativedelta

HINT = "use ISO 8601, e.g. 2026-03-01"
# Longer than any date a person writes ("Wednesday 30 September 2026 12:00 CEST"
# is 39): an overlong value is refused before any pattern or parser sees it.
MAX_LENGTH = 64

_RELATIVE_DAYS = {"today": 0, "tomorrow": 1, "yesterday": -1}
# Pattern strings, compiled (and cached by `re`) on first use: the ISO path
# needs none of them, and start-up should not pay for them. None can
# backtrack more than linearly: runs of digits and of separators are disjoint.
_ALL_NUMERIC = r"[\d\s./-]+"
_NUMERIC_TRIPLE = r"(\d+)[\s./-]+(\d+)[\s./-]+(\d+)"
_WEEK_DATE = r"(\d{4})(-?)W(\d\d)(?:\2(\d))?"
_ORDINAL_DATE = r"(\d{4})-(\d{3})"
_RELATIVE = (r"(?:(?P<sign>[+-])\s*|(?P<ahead>in)\s+)?(?P<count>\d+)\s*"
             r"(?P<unit>day|week|month|year)s?(?:\s+(?P<ago>ago))?")
_NEXT_OR_LAST = r"(next|last)\s+([^\W\d_]+)"


class DateError(ValueError):
    """Text that is not one clear date; the message says why and what to type."""


def _is_iso_shaped(text: str) -> bool:
    """True for YYYY-MM-DD with ASCII digits (the shape, not yet the calendar)."""
    return (len(text) == 10 and text[4] == "-" and text[7] == "-" and text.isascii()
            and text[:4].isdigit() and text[5:7].isdigit() and text[8:].isdigit())


def iso_date(text: str) -> date:
    """The date a YYYY-MM-DD text names; ValueError for any other text.

    date.fromisoformat alone would also take week dates (2026-W09-1) and 20260301.
    """
    if not _is_iso_shaped(text):
        raise ValueError("expected YYYY-MM-DD")
    return date.fromisoformat(text)


def parse_date(text: str, today: date) -> date:
    """The date `text` names, as a date in 0001-01-01..9999-12-31.

    `today` anchors "today", "tomorrow", "yesterday" and relative dates
    ("+3 days", "2 weeks ago", "next monday"; README "Dates you can type").
    Raises DateError, a one-line message quoting `text`, for anything else:
    a ValueError whose message is the one the command line prints after
    "Invalid value for '--date': ".

    >>> today = date(2026, 12, 7)
    >>> parse_date("1. mars 2026", today), parse_date("next monday", today)
    (datetime.date(2026, 3, 1), datetime.date(2026, 12, 14))
    >>> try:
    ...     parse_date("03/01/2026", today)
    ... except ValueError as error:
    ...     print(error)
    '03/01/2026' is ambiguous: day and month could be swapped; use ISO 8601, e.g. 2026-03-01
    """
    cleaned = text.strip()
    if _is_iso_shaped(cleaned):
        return _iso(cleaned, cleaned)
    if len(cleaned) > MAX_LENGTH:
        raise DateError(f"{cleaned[:16]!r}... is too long for a date ({len(cleaned)} "
                        f"characters, at most {MAX_LENGTH}); {HINT}")
    if not cleaned:
        raise DateError(f"no date given; {HINT}")
    if cleaned.isascii():
        return _read(cleaned, cleaned, today)
    from .model import undecoded_as_utf8  # here: model imports typing, and typing imports re

    typed = undecoded_as_utf8(cleaned)
    return _read(typed, _normalised(typed), today)


def _read(text: str, cleaned: str, today: date) -> date:
    """The date `cleaned` names; messages quote `text`, the value as typed."""
    if len(cleaned.splitlines()) > 1:
        raise DateError(f"{text!r} holds more than one line; give one date ({HINT})")
    if _is_iso_shaped(cleaned):
        return _iso(text, cleaned)
    if len(cleaned) > 10 and _is_iso_shaped(cleaned[:10]):
        found = _iso_date_part(text, cleaned)
        if found is not None:
            return found
    offset = _RELATIVE_DAYS.get(cleaned.lower())
    if offset is not None:
        return _shifted(text, today, timedelta(days=offset))
    import re

    if len(cleaned) == 8 and cleaned.isascii() and cleaned.isdigit():  # ISO 8601 basic
        return _calendar_date(text, cleaned[:4], cleaned[4:6], cleaned[6:])
    if week := re.fullmatch(_WEEK_DATE, cleaned, re.ASCII | re.IGNORECASE):
        return _week_date(text, *week.group(1, 3, 4))
    if ordinal := re.fullmatch(_ORDINAL_DATE, cleaned, re.ASCII):
        return _ordinal_date(text, *ordinal.groups())
    if relative := re.fullmatch(_RELATIVE, cleaned, re.ASCII | re.IGNORECASE):
        return _relative_date(text, today, relative)
    if next_or_last := re.fullmatch(_NEXT_OR_LAST, cleaned, re.IGNORECASE):
        return _next_or_last(text, today, *next_or_last.groups())
    if re.fullmatch(_ALL_NUMERIC, cleaned, re.ASCII):
        return _numeric_date(text, cleaned)
    return _written_date(text, cleaned)


def _iso(text: str, cleaned: str) -> date:
    """The date of YYYY-MM-DD `cleaned`; DateError quoting `text` if there is none."""
    try:
        return date.fromisoformat(cleaned)
    except ValueError:
        return _calendar_date(text, cleaned[:4], cleaned[5:7], cleaned[8:])


def _iso_date_part(text: str, cleaned: str) -> date | None:
    """The date as written in YYYY-MM-DD and a suffix, or None for another suffix.

    The suffix is a time with an optional zone as datetime.fromisoformat reads
    it, after `T` (2026-03-01T23:30+05:00, 2026-03-01T12) or after a space
    with hours and minutes (2026-03-01 12:00, not 2026-03-01 12), or a zone
    alone as XML Schema writes a date (2026-03-01Z, 2026-03-01+01:00). Neither
    moves the date: a date-time's date part is taken, whatever its zone.
    """
    suffix = cleaned[10:]
    if suffix[0] == "T" or (suffix[0] == " " and ":" in suffix):
        probe = "2000-01-01" + suffix
    elif suffix == "Z" or (len(suffix) == 6 and suffix[0] in "+-" and suffix[3] == ":"):
        probe = "2000-01-01T00:00" + suffix
    else:
        return None
    try:
        datetime.fromisoformat(probe)
    except ValueError:  # not a time or zone datetime reads: dateutil may read it
        return None
    return _iso(text, cleaned[:10])


def parse_date_or_year(text: str, today: date, *, end_of_year: bool) -> date:
    """Like parse_date, but a bare year (1 to 4 digits) means its first (or last) day."""
    cleaned = text.strip()
    if len(cleaned) <= 4 and cleaned.isascii() and cleaned.isdigit():
        year = int(cleaned)
        if year == 0:
            raise DateError(f"{cleaned!r}: year 0 is out of range (1 to 9999)")
        return date(year, 12, 31) if end_of_year else date(year, 1, 1)
    return parse_date(cleaned, today)


def _normalised(text: str) -> str:
    """`text` in NFKC with every decimal digit written in ASCII.

    NFKC makes full-width digits and letters ASCII ("２０２６" is 2026) and
    composes accents, so month names match however the terminal sent them;
    other scripts' digits ("٢٠٢٦") it keeps, and they are read by their value.
    """
    import unicodedata

    folded = unicodedata.normalize("NFKC", text)
    return "".join(str(int(char)) if char.isdecimal() else char for char in folded)


def _invalid(text: str, reason: str) -> DateError:
    return DateError(f"{text!r} is not a valid date ({reason}); {HINT}")


def _small(digits: str, most: int) -> int | None:
    """The number an ASCII digit run writes, or None past `most` significant digits.

    Bounding the digits keeps int() clear of Python's 4300-digit limit and
    `date()` clear of OverflowError, whatever was typed.
    """
    significant = digits.lstrip("0")
    return int(significant or "0") if len(significant) <= most else None


def _calendar_date(text: str, year: str, month: str, day: str) -> date:
    """The date of three ASCII digit runs; one kind of message for any bad one."""
    year_number, month_number, day_number = _small(year, 4), _small(month, 2), _small(day, 2)
    if year_number is None:  # worded as date() words a year out of range
        raise _invalid(text, f"year {year.lstrip('0')} is out of range")
    if month_number is None or not 1 <= month_number <= 12:
        raise _invalid(text, "month must be in 1..12")
    if day_number is None:
        raise _invalid(text, "day is out of range for month")
    try:
        return date(year_number, month_number, day_number)
    except ValueError as error:
        raise _invalid(text, str(error)) from None


def _week_date(text: str, year: str, week: str, weekday: str | None) -> date:
    if weekday is None:
        raise DateError(f"{text!r} is not a full date; give the day of the week too, "
                        f"e.g. 2026-W10-1 ({HINT})")
    try:
        return date.fromisocalendar(int(year), int(week), int(weekday))
    except ValueError as error:
        raise _invalid(text, str(error)) from None


def _ordinal_date(text: str, year: str, day_of_year: str) -> date:
    first = _calendar_date(text, year, "1", "1")
    last = date(first.year, 12, 31).timetuple().tm_yday
    if not 1 <= int(day_of_year) <= last:
        raise _invalid(text, f"day of year must be in 1..{last}")
    return first + timedelta(days=int(day_of_year) - 1)


def _shifted(text: str, today: date, delta: timedelta | relativedelta) -> date:
    """`today` + `delta` (a timedelta or relativedelta), or DateError off the calendar."""
    try:
        return today + delta
    except (ValueError, OverflowError):
        raise _off_calendar(text, today) from None


def _off_calendar(text: str, today: date) -> DateError:
    return DateError(f"{text!r} counted from {today.isoformat()} is past the years "
                     f"1 to 9999; {HINT}")


def _relative_date(text: str, today: date, match: Match[str]) -> date:
    """`+N unit`, `-N unit`, `in N unit` or `N unit ago`, counted with relativedelta."""
    from dateutil.relativedelta import relativedelta

    sign, ahead, count, unit, ago = match.group("sign", "ahead", "count", "unit", "ago")
    if sum(part is not None for part in (sign, ahead, ago)) != 1:
        raise DateError(f"cannot read {text!r} as a date: write +N {unit}s, -N {unit}s, "
                        f"in N {unit}s or N {unit}s ago; {HINT}")
    backwards = sign == "-" or ago is not None
    amount = _small(count, 7)  # ten million days or more is past the calendar
    if amount is None:
        raise _off_calendar(text, today)
    return _shifted(text, today, relativedelta(**{  # type: ignore[arg-type]  # a unit's name
        unit.lower() + "s": -amount if backwards
                                                  else amount}))


def _next_or_last(text: str, today: date, direction: str, word: str) -> date:
    """`next`/`last` a weekday (never today itself) or a unit (one of it)."""
    from dateutil.relativedelta import relativedelta, weekdays  # type: ignore[attr-defined]

    from .dateinfo import INFO, SHORT_WEEKDAYS

    step = 1 if direction.lower() == "next" else -1
    unit = word.lower()
    if unit in ("day", "week", "month", "year"):
        return _shifted(text, today, relativedelta(**{unit + "s": step}))  # type: ignore[arg-type]
    # A two-letter weekday stands only before a written date ("next to" is no day).
    weekday = None if unit in SHORT_WEEKDAYS else INFO.weekday(word)
    if weekday is None:
        raise DateError(f"cannot read {text!r} as a date: after {direction!r} give a weekday "
                        f"or day, week, month, year; {HINT}")
    return _shifted(text, today, relativedelta(days=step, weekday=weekdays[weekday](step)))


def _numeric_date(text: str, cleaned: str) -> date:
    import re

    triple = re.fullmatch(_NUMERIC_TRIPLE, cleaned, re.ASCII)
    if triple is None:
        count = len(re.findall(r"\d+", cleaned, re.ASCII))
        if count > 3:
            raise DateError(f"{text!r} has {count} numbers, not year, month and day; {HINT}")
        raise DateError(f"{text!r} is not a full date; give year, month and day ({HINT})")
    first, second, third = triple.groups()
    if len(first) >= 4:  # year first: year, month, day, as in ISO 8601
        return _calendar_date(text, first, second, third)
    if len(third) < 4:
        raise DateError(f"{text!r} has no four-digit year; {HINT}")
    a, b = _small(first, 2), _small(second, 2)
    if a is not None and b is not None and a != b and a <= 12 and b <= 12:
        raise DateError(f"{text!r} is ambiguous: day and month could be swapped; {HINT}")
    if a is not None and a > 12:
        return _calendar_date(text, third, second, first)
    return _calendar_date(text, third, first, second)


# Two defaults that differ in every part: if the parses differ, the text
# left a part out and dateutil filled it from the default.
_DEFAULTS = (datetime(2000, 1, 1), datetime(2004, 2, 2))


def _written_date(text: str, cleaned: str) -> date:
    import re
    import warnings

    from dateutil import parser

    from .dateinfo import INFO, SHORT_WEEKDAYS, plain_ordinals

    words = plain_ordinals(cleaned)
    names = list(re.finditer(r"[^\W\d_]+", words))
    if any(name.start() and name[0].lower() in SHORT_WEEKDAYS for name in names):
        raise DateError(f"cannot read {text!r} as a date; {HINT}")

    def read(default: datetime, dayfirst: bool) -> date:
        # ignoretz: only the date is used, so a zone dateutil does not know
        # ("EST") is no reason to warn; and no library warning reaches the user.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return parser.parse(words, parserinfo=INFO, default=default, dayfirst=dayfirst,
                                ignoretz=True).date()

    try:
        found, other_default, day_first = (
            read(_DEFAULTS[0], False), read(_DEFAULTS[1], False), read(_DEFAULTS[0], True))
    except parser.ParserError as error:
        if isinstance(error.__cause__, ValueError):  # parts read, but no such day
            raise _invalid(text, str(error.__cause__)) from None
        raise DateError(f"cannot read {text!r} as a date; {HINT}") from None
    except Exception:
        # Besides ValueError and OverflowError, dateutil lets other errors out
        # on odd input (decimal.InvalidOperation for a time part of 29 digits
        # or more): whatever it raises, it could not read the text.
        raise DateError(f"cannot read {text!r} as a date; {HINT}") from None
    if found != other_default:
        raise DateError(f"{text!r} is not a full date; give year, month and day ({HINT})")
    numbers = re.findall(r"\d+", words, re.ASCII)
    if found != day_first and not (numbers and len(numbers[0]) == 4):
        # Numbers alone name the day and month, and either order is a date;
        # with the year first they are read as in ISO 8601, year-month-day.
        raise DateError(f"{text!r} is ambiguous: day and month could be swapped; {HINT}")
    if f"{found.year:04d}" not in numbers:
        raise DateError(f"{text!r} has no four-digit year; {HINT}")
    for name in names:
        weekday = INFO.weekday(name[0])
        if weekday is not None and weekday != found.weekday():
            named = INFO.WEEKDAYS[found.weekday()][1]
            raise DateError(f"{text!r}: {found.isoformat()} is a {named}, not a "
                            f"{INFO.WEEKDAYS[weekday][1]}; {HINT}")
    return found
