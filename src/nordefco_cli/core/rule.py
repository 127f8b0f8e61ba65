"""The handover rule of a body: on which days terms start, and how long they last."""

from __future__ import annotations

from datetime import date, timedelta
from math import gcd
from typing import NamedTuple

_ONE_DAY = timedelta(days=1)


def days_in_month(year: int, month: int) -> int:
    """The number of days of `month` (1-12) in `year` (Gregorian)."""
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def add_months(anchor: date, months: int, day: int | None = None) -> date:
    """The date `months` after `anchor`, on `day` (default: the anchor's day).

    The day is clamped to the month's last day. Terms are always computed
    from one anchor and the intended day, never by stepping, so a clamped
    day (31 January + 1 month = 28 February) never drifts into the terms
    after it. Raises OverflowError past the year 9999.
    """
    year, month0 = divmod(anchor.month - 1 + months, 12)
    year += anchor.year
    if not 1 <= year <= 9999:
        raise OverflowError(f"year {year} is out of range")
    day = day or anchor.day
    if day > 28:  # only then can the month be too short
        day = min(day, days_in_month(year, month0 + 1))
    return date(year, month0 + 1, day)


class Rule(NamedTuple):
    """When terms start: on `handover_day` (clamped to the month's length) of
    `handover_month`, and of every month a whole number of terms away from
    it; each term lasts `term_months` months (1 to 1200).
    """

    handover_month: int
    handover_day: int
    term_months: int

    def is_handover_day(self, day: date) -> bool:
        """True if a term can start on `day` (handovers fall every gcd(term_months, 12) months)."""
        return (day.day == min(self.handover_day, days_in_month(day.year, day.month))
                and (day.month - self.handover_month) % gcd(self.term_months, 12) == 0)

    def handover_in(self, year: int) -> date:
        """The handover day in `handover_month` of `year` (clamped, for a 29 February handover)."""
        return date(year, self.handover_month,
                    min(self.handover_day, days_in_month(year, self.handover_month)))

    def start_after(self, anchor: date, terms: int) -> date:
        """The start of the term `terms` terms after a term starting on handover day `anchor`.

        Always from the anchor, on the handover day: a 29 February handover
        is the 28th in 2023 and the 29th again in 2024. OverflowError past 9999.
        """
        return add_months(anchor, terms * self.term_months, self.handover_day)

    def index_of(self, anchor: date, day: date) -> int:
        """The number of the term (0 from handover day `anchor`) that holds `day` (on or after
        it)."""
        months = (day.year - anchor.year) * 12 + day.month - anchor.month
        index = months // self.term_months
        # That term starts in `day`'s month or before it, so never past 9999;
        # a clamped or later day of the month can put `day` in the term before.
        return index - 1 if self.start_after(anchor, index) > day else index

    def end_of_term(self, start: date) -> date:
        """The last day (inclusive) of a term that starts on `start`: the day
        before the next handover, or date.max if that is past 9999.

        A start clamped to a short month (28 February for a 29th handover)
        still ends before the next 29 February.
        """
        day = start.day
        if day < self.handover_day and day == days_in_month(start.year, start.month):
            day = self.handover_day
        try:
            return add_months(start, self.term_months, day) - _ONE_DAY
        except OverflowError:
            return date.max
