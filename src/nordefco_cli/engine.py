"""The schedule engine: who chairs when, from a loaded rotation.

Pure: no I/O, no clock, no Click, no Rich. Callers pass the dates.
Values are NamedTuples: immutable like frozen dataclasses, and several times
cheaper to define, which every run pays for at start-up.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import NamedTuple

# The three statuses a reader is shown (see term_status). A Term itself
# carries only where it comes from: RECORDED (the data file) or PROJECTED.
RECORDED = "recorded"  # from the data file, begun on or before today
ANNOUNCED = "announced"  # from the data file, not yet begun
PROJECTED = "projected"  # computed from the rotation order

_ONE_DAY = timedelta(days=1)
_DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def days_in_month(year: int, month: int) -> int:
    if month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0):
        return 29
    return _DAYS_IN_MONTH[month - 1]


def is_handover_day(day: date, handover_month: int, handover_day: int, term_months: int) -> bool:
    """True if a term can start on `day`: handovers fall on `handover_day`
    (clamped to the month's length) of `handover_month` and of every month a
    whole number of terms away from it (every gcd(term_months, 12) months).
    The loader and the cache both hold a record's end to this rule.
    """
    from math import gcd

    return (day.day == min(handover_day, days_in_month(day.year, day.month))
            and (day.month - handover_month) % gcd(term_months, 12) == 0)


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


class Body(NamedTuple):
    name: str
    short_name: str
    established: date | None
    checked: date | None = None  # the day the record was last checked against sources


class Member(NamedTuple):
    code: str
    name: str
    native_name: str | None  # None when the data file gives none
    chairs: bool
    nato_since: date | None
    aliases: tuple[str, ...] = ()  # other names it is known by, as the data file gives them
    left: date | None = None  # the day it left the body; None while it is a member
    # The members who hold a joint term together (a joint holder, built by
    # joint_member); empty for a member of the body.
    parts: tuple[Member, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """Every name it can be found by: code, name, native name (if any), aliases."""
        names = (self.code, self.name) if self.native_name is None else (
            self.code, self.name, self.native_name)
        return names + self.aliases


def fold_name(text: str) -> str:
    """`text` as names are compared: stripped, without accents, in no case ("Ísland": "island").

    Compatibility decomposition (NFKD) with the combining marks dropped, so
    the ASCII stand-in a terminal prints for a name ("Island") finds it too.
    Casefolded after decomposing, which leaves nothing to decompose: folding
    twice changes nothing (a property test checks).
    """
    if text.isascii():  # the common case, and no import
        return text.strip().casefold()
    # Here, not at the top: only a run that compares names pays for it.
    import unicodedata

    # Stripped last: a spacing accent (U+00A8) decomposes to a space and a mark.
    return "".join(char for char in unicodedata.normalize("NFKD", text)
                   if not unicodedata.combining(char)).casefold().strip()


def joint_member(parts: tuple[Member, ...]) -> Member:
    """The holder of a term held jointly by `parts` (two or more members, in the file's order).

    Its code joins the codes with "+" (FI+NO+SE) and its names join the
    names with ", " (Finland, Norway, Sweden), so every output shows every
    holder; `parts` keeps the members themselves.
    """
    return Member(
        code="+".join(part.code for part in parts),
        name=", ".join(part.name for part in parts),
        # Only if every holder has one: half the names in their own language would mislead.
        native_name=None if any(part.native_name is None for part in parts)
        else ", ".join(part.native_name for part in parts),
        chairs=True,
        nato_since=None,
        parts=parts,
    )


class Term(NamedTuple):
    start: date
    end: date  # inclusive
    member: Member
    # Where the term comes from: RECORDED (the data file) or PROJECTED. What a
    # reader is shown also depends on the day: see term_status.
    status: str
    source: str | None  # None when projected
    note: str | None = None  # what the rule leaves out; None when projected

    @property
    def year(self) -> int:
        return self.start.year

    def held_by(self, member: Member) -> bool:
        """True if `member` holds this term, alone or jointly."""
        return self.member == member or member in self.member.parts


def term_status(term: Term, today: date) -> str:
    """RECORDED, ANNOUNCED or PROJECTED: a data-file term is recorded from its first day on.

    `today` is the caller's date, so the same term turns from announced to
    recorded on its first day with no edit to the data file.
    """
    if term.status == PROJECTED:
        return PROJECTED
    return ANNOUNCED if term.start > today else RECORDED


class NoChair(LookupError):
    """A valid date that no term covers; the message says why."""


class Rotation(NamedTuple):
    """A body's members, its recorded terms and the order that projects the rest.

    `history` is non-empty, oldest first, and contiguous (each term starts the
    day after the one before it ends); the data loader guarantees it. Projected
    terms follow the last recorded one, each `term_months` long, taking the
    members of `order` in turn from `order[resume_index]`, each starting on
    the handover day of its month (the last recorded term ends the day before
    one; the loader checks it). An empty `order` means nothing is projected,
    and `note` (from the data file, may be empty) says why. Members who left
    are not in `order`.
    """

    body: Body
    members: tuple[Member, ...]
    order: tuple[Member, ...]
    term_months: int
    handover_month: int
    handover_day: int
    history: tuple[Term, ...]
    resume_index: int = 0
    note: str = ""

    @property
    def first_day(self) -> date:
        return self.history[0].start

    @property
    def last_recorded_day(self) -> date:
        return self.history[-1].end

    def find_member(self, text: str) -> Member | None:
        """The member `text` names: its code, English or native name or an alias.

        Compared as fold_name folds them: in any case, with or without accents
        ("island" finds Ísland). None if no member has that name. The loader
        refuses a name that names two members.
        """
        wanted = fold_name(text)
        if not wanted:
            return None
        for member in self.members:
            if any(fold_name(name) == wanted for name in member.names):
                return member
        return None

    def handover_in(self, year: int) -> date:
        """The handover day of `year` (clamped, for a 29 February handover)."""
        day = min(self.handover_day, days_in_month(year, self.handover_month))
        return date(year, self.handover_month, day)

    # Projected terms are numbered 0, 1, 2, ... from the day after the last
    # recorded term, so any one of them is found by arithmetic, not by walking.

    def _projection_anchor(self) -> date | None:
        if not self.order or self.last_recorded_day == date.max:
            return None
        return self.last_recorded_day + _ONE_DAY

    def _projected_start(self, anchor: date, index: int) -> date | None:
        try:
            return add_months(anchor, index * self.term_months, self.handover_day)
        except OverflowError:
            return None

    def _projected(self, anchor: date, index: int) -> Term | None:
        start = self._projected_start(anchor, index)
        if start is None:
            return None
        following = self._projected_start(anchor, index + 1)
        return Term(
            start,
            date.max if following is None else following - _ONE_DAY,
            self.order[(self.resume_index + index) % len(self.order)],
            PROJECTED,
            None,
        )

    def _projected_index(self, anchor: date, day: date) -> int:
        months = (day.year - anchor.year) * 12 + day.month - anchor.month
        index = months // self.term_months
        start = self._projected_start(anchor, index)
        # A clamped or later day of the month can put `day` in the term before.
        if start is None or start > day:
            index -= 1
        return index

    def _recorded_index(self, day: date) -> int:
        """Index of the recorded term holding `day` (first_day <= day <= last), by bisection.

        Written out: importing bisect costs more at start-up than it saves here.
        """
        low, high = 0, len(self.history)
        while high - low > 1:
            middle = (low + high) // 2
            if self.history[middle].start <= day:
                low = middle
            else:
                high = middle
        return low

    def _unrecorded(self, day: date) -> bool:
        """True if `day` is before the record but not before the body was established.

        The body had a chair then (as far as anyone knows: with no `established`
        date, too); the data file just does not reach back to it.
        """
        established = self.body.established
        return day < self.first_day and (established is None or day >= established)

    def no_chair_reason(self, day: date) -> str:
        """Why no term covers `day`, or none follows it.

        Before the body was established, before its record, or after the end.
        """
        if day < self.first_day:
            if self._unrecorded(day):
                return f"the record starts on {self.first_day.isoformat()}"
            return (f"{self.body.short_name} was established on "
                    f"{self.body.established.isoformat()}")
        # A record that runs to date.max ends with the dates, order or not.
        if self.order or self.last_recorded_day == date.max:
            return f"dates end on {date.max.isoformat()}"
        reason = f"no order is decided after {self.last_recorded_day.isoformat()}"
        return f"{reason} ({self.note})" if self.note else reason

    def term_on(self, day: date) -> Term:
        """The term in force on `day`; NoChair if there is none."""
        if day < self.first_day:
            raise NoChair(self.no_chair_message(day))
        if day <= self.last_recorded_day:
            return self.history[self._recorded_index(day)]
        anchor = self._projection_anchor()
        if anchor is None:
            raise NoChair(self.no_chair_message(day))
        term = self._projected(anchor, self._projected_index(anchor, day))
        assert term is not None  # day <= date.max lies in some term
        return term

    def term_of_year(self, year: int) -> Term:
        """The term in force on the handover day of `year`; NoChair if there is none.

        If the record starts later in `year` than its handover day (a body
        founded that year), the first recorded term, which starts in `year`.
        """
        day = self.handover_in(year)
        if day < self.first_day and self.first_day.year == year:
            return self.history[0]
        return self.term_on(day)

    def no_chair_message(self, first: date, last: date | None = None) -> str:
        """Why no term covers `first` (or any day of `first`..`last`), in one line naming the body.

        "NORDEFCO has no chair on 2008-01-01: NORDEFCO was established on
        2009-11-04", but for a day the data file does not reach back to
        "EU Council: no chair on record for 2009-11-04: the record starts on
        2017-01-01" (with a window: "has no chair from ... to ...", "no chair
        on record from ... to ...").
        """
        day = self._reason_day(first, last)
        if last is None:
            on, on_record = f"on {first.isoformat()}", f"for {first.isoformat()}"
        else:
            on = on_record = f"from {first.isoformat()} to {last.isoformat()}"
        name, reason = self.body.short_name, self.no_chair_reason(day)
        if self._unrecorded(day):
            return f"{name}: no chair on record {on_record}: {reason}"
        return f"{name} has no chair {on}: {reason}"

    def no_chair_note(self, first: date, last: date | None = None) -> str:
        """no_chair_message without the body and dates, for a line that names them.

        "no chair: NORDEFCO was established on 2009-11-04", "no chair on
        record: the record starts on 2017-01-01".
        """
        day = self._reason_day(first, last)
        kind = "no chair on record" if self._unrecorded(day) else "no chair"
        return f"{kind}: {self.no_chair_reason(day)}"

    def _reason_day(self, first: date, last: date | None) -> date:
        """The day that explains why a window has no term.

        Its last day if the whole window is before the record (the day
        nearest the record), else its first.
        """
        return last if last is not None and last < self.first_day else first

    def term_after(self, term: Term) -> Term | None:
        """The term that follows `term`, or None if nothing is known after it."""
        if term.end == date.max:
            return None
        try:
            return self.term_on(term.end + _ONE_DAY)
        except NoChair:
            return None

    def term_before(self, term: Term) -> Term | None:
        """The term before `term`, or None if `term` is the first recorded one."""
        if term.start <= self.first_day:
            return None
        return self.term_on(term.start - _ONE_DAY)

    def terms_between(self, first: date, last: date) -> Iterator[Term]:
        """The terms that overlap `first`..`last` (both inclusive), in order.

        Lazy: a window to the year 9999 yields its first term at once.
        """
        if last < self.first_day or last < first:
            return
        first = max(first, self.first_day)
        if first <= self.last_recorded_day:
            index = self._recorded_index(first)
            for term in self.history[index:]:
                if term.start > last:
                    return
                yield term
        for start, end, member in self.projected_spans(first, last):
            # tuple.__new__: a NamedTuple's own __new__ is Python code, slower
            # (and fills no defaults: every field is given).
            yield _new(Term, (start, end, member, PROJECTED, None, None))

    def projected_spans(self, first: date, last: date) -> Iterator[tuple[date, date, Member]]:
        """(start, end, member) of each projected term that overlaps `first`..`last`, in order.

        The projected part of terms_between, as plain tuples: the long-schedule
        path of the plain formats (output.schedule_lines) renders these
        without building a Term for each.
        """
        anchor = self._projection_anchor()
        if anchor is None or last < first:
            return
        index = self._projected_index(anchor, max(first, anchor))
        start = self._projected_start(anchor, index)
        # The hot loop of a long schedule: each term starts the day after the
        # one before ends, so every start is computed once, with locals, by the
        # arithmetic of add_months (inlined), always from the anchor.
        order, count, offset = self.order, len(self.order), self.resume_index
        months, day = self.term_months, self.handover_day
        anchor_year, anchor_month0 = anchor.year, anchor.month - 1
        while start is not None and start <= last:
            index += 1
            year, month0 = divmod(anchor_month0 + index * months, 12)
            year += anchor_year
            if year > 9999:
                following, end = None, date.max
            else:
                following = date(year, month0 + 1, day if day <= 28 else
                                 min(day, days_in_month(year, month0 + 1)))
                end = following - _ONE_DAY
            yield start, end, order[(offset + index - 1) % count]
            start = following

    def terms_starting_after(self, day: date) -> Iterator[Term]:
        """The terms that start after `day`, in order (lazy)."""
        if day == date.max:
            return
        for term in self.terms_between(day + _ONE_DAY, date.max):
            if term.start > day:
                yield term

    def last_recorded_term_of(self, member: Member, day: date) -> Term | None:
        """The last recorded term `member` held, alone or jointly, that started by `day`."""
        for term in reversed(self.history):
            if term.start <= day and term.held_by(member):
                return term
        return None


_new = tuple.__new__
