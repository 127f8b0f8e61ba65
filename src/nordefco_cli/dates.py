"""Dates as people type them: strict where a guess could be wrong.

ISO 8601 (YYYY-MM-DD) and a few words are read here; other written dates
("1 March 2026") go to python-dateutil, imported only then. Partial dates and
all-numeric dates whose day and month could be swapped are refused, not guessed.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

HINT = "use ISO 8601, e.g. 2026-03-01"

_RELATIVE_DAYS = {"today": 0, "tomorrow": 1, "yesterday": -1}
# Pattern strings, compiled (and cached by `re`) on first use: the ISO path
# needs none of them, and start-up should not pay for them.
_ALL_NUMERIC = r"[\d\s./-]+"
_NUMERIC_TRIPLE = r"(\d+)[\s./-]+(\d+)[\s./-]+(\d+)"


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


# Two defaults that differ in every part: if the parses differ, the text
# left a part out and dateutil filled it from the default.
_DEFAULTS = (datetime(2000, 1, 1), datetime(2004, 2, 2))


class DateError(ValueError):
    """Text that is not one clear date; the message says why and what to type."""


def parse_date(text: str, today: date) -> date:
    """The date `text` names. `today` anchors "today", "tomorrow", "yesterday"."""
    cleaned = text.strip()
    if not cleaned:
        raise DateError(f"no date given; {HINT}")
    offset = _RELATIVE_DAYS.get(cleaned.lower())
    if offset is not None:
        return today + timedelta(days=offset)
    if _is_iso_shaped(cleaned):
        try:
            return iso_date(cleaned)
        except ValueError as error:
            raise DateError(f"{cleaned!r} is not a valid date ({error}); {HINT}") from None
    if re.fullmatch(_ALL_NUMERIC, cleaned):
        return _numeric_date(cleaned)
    return _written_date(cleaned)


def parse_date_or_year(text: str, today: date, *, end_of_year: bool) -> date:
    """Like parse_date, but a bare year means its first (or last) day."""
    cleaned = text.strip()
    if len(cleaned) <= 4 and cleaned.isascii() and cleaned.isdigit():
        year = int(cleaned)
        if not 1 <= year <= 9999:
            raise DateError(f"year {year} is out of range (1 to 9999)")
        return date(year, 12, 31) if end_of_year else date(year, 1, 1)
    return parse_date(cleaned, today)


def _numeric_date(text: str) -> date:
    triple = re.fullmatch(_NUMERIC_TRIPLE, text)
    if triple is None:
        raise DateError(f"{text!r} is not a full date; give year, month and day ({HINT})")
    first, second, third = triple.groups()
    if len(first) > 4 or len(third) > 4:
        raise DateError(f"{text!r}: the year is out of range (1 to 9999); {HINT}")
    if len(first) == 4:
        year, month, day = int(first), int(second), int(third)
    elif len(third) == 4:
        year, a, b = int(third), int(first), int(second)
        if a != b and a <= 12 and b <= 12:
            raise DateError(f"{text!r} is ambiguous: day and month could be swapped; {HINT}")
        month, day = (b, a) if a > 12 else (a, b)
    else:
        raise DateError(f"{text!r} has no four-digit year; {HINT}")
    try:
        return date(year, month, day)
    except ValueError as error:
        raise DateError(f"{text!r} is not a valid date ({error}); {HINT}") from None


def _written_date(text: str) -> date:
    from dateutil import parser

    # A numeric day-month-year inside a longer text ("03/01/2026 12:00") is
    # held to the same rules as on its own, whatever dateutil would guess.
    triple = re.search(_NUMERIC_TRIPLE, text)
    expected = _numeric_date(triple.group(0)) if triple else None
    try:
        first, second = (parser.parse(text, default=default) for default in _DEFAULTS)
    except (ValueError, OverflowError):
        raise DateError(f"cannot read {text!r} as a date; {HINT}") from None
    if first.date() != second.date():
        raise DateError(f"{text!r} is not a full date; give year, month and day ({HINT})")
    if expected is not None and first.date() != expected:
        raise DateError(f"{text!r} is ambiguous; {HINT}")
    # dateutil turns a year below 100 ("26", "0099") into one near today;
    # accept only a year that stands in the text as it was read.
    year = first.year
    if not {str(year), f"{year:04d}"} & set(re.findall(r"\d+", text)):
        raise DateError(f"{text!r} has no four-digit year; {HINT}")
    return first.date()
