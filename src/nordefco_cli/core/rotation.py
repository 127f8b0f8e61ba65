"""The rotation: who chairs when, from a body's record and the order that projects the rest.

Pure: no I/O, no clock. Callers pass the dates (today included). Where no
term covers a day, the answer is a value (Gap) that says what is known;
render/words.py words it for a reader.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Literal, NamedTuple

from .model import Body, Member, Term, fold_name
from .rule import Rule
from .seating import Segment, next_holder, segments

_ONE_DAY = timedelta(days=1)

GapKind = Literal["before_established", "before_record", "no_order", "end_of_dates",
                  "beyond_horizon"]
BEFORE_ESTABLISHED: GapKind = "before_established"  # the body did not exist yet
BEFORE_RECORD: GapKind = "before_record"  # it existed (as far as is known); not recorded
NO_ORDER: GapKind = "no_order"  # after the record, and nothing is projected
END_OF_DATES: GapKind = "end_of_dates"  # past 9999-12-31
BEYOND_HORIZON: GapKind = "beyond_horizon"  # after the last day the file knows who is seated


class Gap(NamedTuple):
    """Why no term covers `day` (or follows it): one of the five GapKinds.

    `record_start` and `record_end` are the first and last days of the
    body's recorded terms; `note` is the data file's word on why nothing is
    projected, or (BEYOND_HORIZON) why who is seated after `horizon` is not
    known ("" if it gives none). `horizon` is the last day the file knows who
    is seated (None if it does not say). A BEFORE_RECORD or BEYOND_HORIZON
    gap is a chair the record does not cover, not an absence of one.
    """

    kind: GapKind
    day: date
    body: Body
    record_start: date
    record_end: date
    note: str = ""
    horizon: date | None = None

    @property
    def unrecorded(self) -> bool:
        """True if the body may well have had a chair then: the record just does not say."""
        return self.kind in (BEFORE_RECORD, BEYOND_HORIZON)


class Coverage(NamedTuple):
    """What a body's record covers, against a window `first`..`last` (inclusive).

    The record covers `record_start` to `record_end` (its first and last
    recorded days), and on from there when `projects` (terms are projected
    after it). `established` is the day the body was established (None if
    the data file gives none); `note` the data file's word on why nothing
    is projected (or why nothing is known after the horizon). Projected
    terms reach `projected_to` (the end of the term that holds the file's
    horizon; date.max if it has none). A window passes outside the record when it starts before
    `record_start` on days the body existed or may have (`before`) or,
    with nothing projected, ends after
    `record_end` (`after`): no statement about those days, that a country
    held the chair or did not, is the record's.
    """

    body: Body
    first: date
    last: date
    record_start: date
    record_end: date
    projects: bool
    note: str = ""
    projected_to: date = date.max

    @property
    def established(self) -> date | None:
        return self.body.established

    @property
    def covered_to(self) -> date:
        """The last day the record speaks for: `projected_to` when later terms are projected."""
        return self.projected_to if self.projects else self.record_end

    @property
    def before(self) -> bool:
        """True if the window starts before the record, on days the body may have had a chair.

        Days before the body was established are known to have none: when
        the record starts on that day (NORDEFCO, 2009-11-04), a window from
        earlier is not outside it, nor is a window that ends before it.
        """
        established = self.established
        if established is None:
            return self.first < self.record_start
        # A day of the window from the body's establishment to the record's start.
        return max(self.first, established) < self.record_start and self.last >= established

    @property
    def after(self) -> bool:
        return self.last > self.covered_to

    @property
    def outside(self) -> bool:
        """True if some day of the window is outside what the record covers."""
        return self.before or self.after

    @property
    def covered(self) -> tuple[date, date] | None:
        """The days of the window the record covers, (first, last), or None if none."""
        first, last = max(self.first, self.record_start), min(self.last, self.covered_to)
        return (first, last) if first <= last else None

    @property
    def before_established(self) -> bool:
        """True if the window starts before the body was established (a known absence)."""
        return self.established is not None and self.first < self.established


class NoChair(LookupError):
    """A valid date that no term covers; `gap` says why.

    `message` is the line a reader is shown, when the caller has one (the
    Python API gives render/words.py's); the core's own is a terse fallback.

    >>> body = Body("Council of the European Union", "EU Council", None)
    >>> error = NoChair(Gap(NO_ORDER, date(2031, 1, 1), body, date(2017, 1, 1),
    ...                     date(2030, 12, 31)))
    >>> error.gap.kind, error.gap.record_end
    ('no_order', datetime.date(2030, 12, 31))
    """

    def __init__(self, gap: Gap, message: str | None = None):
        super().__init__(message or f"no term of {gap.body.short_name} covers "
                                    f"{gap.day.isoformat()} ({gap.kind})")
        self.gap = gap


class Rotation(NamedTuple):
    """A body's members, its recorded terms and the order that projects the rest.

    `history` is non-empty, oldest first, and contiguous (each term starts the
    day after the one before it ends); the data loader guarantees it. Projected
    terms follow the last recorded one, one `rule.term_months` long each,
    each starting on a handover day (the last recorded term ends the day
    before one; the loader checks it). They take the members of `order` in
    turn from `order[resume_index]`, or, when `by_name`, pass in order by
    name among the members seated at each handover (core.seating; `seating`
    holds that projection, built by `seated`). With neither, nothing is
    projected, and `note` (from the data file, may be empty) says why.
    Members who left are not in `order`.

    `horizon` is the last day the file knows who is seated (None: it does not
    limit the projection): no term starting after it is projected, and
    `horizon_note` says why. `projected_note` is said of every projected
    term (a nominal handover day, say), as its note.
    """

    body: Body
    members: tuple[Member, ...]
    order: tuple[Member, ...]
    rule: Rule
    history: tuple[Term, ...]
    resume_index: int = 0
    note: str = ""
    by_name: bool = False
    horizon: date | None = None
    horizon_note: str = ""
    projected_note: str = ""
    seating: tuple[Segment, ...] = ()

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

    def member_by_code(self, code: str) -> Member | None:
        """The member whose code is `code`, in any letter case; None if there is none."""
        wanted = code.casefold()
        return next((member for member in self.members if member.code.casefold() == wanted),
                    None)

    def seated(self) -> Rotation:
        """This rotation with `seating` built, for an order by name (unchanged otherwise).

        ValueError as core.seating.segments raises it (nobody seated, too many changes).
        """
        anchor = self._anchor()
        if not self.by_name or anchor is None:
            return self
        last_index = self._last_index(anchor)
        if last_index is not None and last_index < 0:
            return self  # the horizon is before the projection would start
        return self._replace(seating=segments(self.members, self.rule, anchor,
                                              self.history[-1].holder, last_index))

    def seated_on(self, day: date) -> tuple[Member, ...]:
        """The members seated on `day`: in a seat, or (without seats) not yet left."""
        return tuple(member for member in self.members if member.seated_on(day))

    def holder_after(self, term: Term) -> Member | None:
        """Who chairs after `term` by an order by name (core.seating.next_holder); None if
        no member who chairs is seated the day after it."""
        return next_holder(self.members, term.holder, term.end + _ONE_DAY)

    @property
    def projects(self) -> bool:
        """True if terms are projected after the record (by an order, or by name)."""
        return bool(self.order or self.seating) and self.last_recorded_day != date.max

    @property
    def projected_to(self) -> date:
        """The last projected day: the end of the term that holds the horizon; date.max with
        no horizon; the last recorded day if nothing is projected."""
        anchor = self._projection_anchor()
        if anchor is None:
            return self.last_recorded_day
        last_index = self._last_index(anchor)
        if last_index is None:
            return date.max
        try:
            return self.rule.start_after(anchor, last_index + 1) - _ONE_DAY
        except OverflowError:
            return date.max

    # Projected terms are numbered 0, 1, 2, ... from the day after the last
    # recorded term, so any one of them is found by arithmetic, not by walking.

    def _anchor(self) -> date | None:
        """The first day after the record, if it ends before the end of dates."""
        return None if self.last_recorded_day == date.max else self.last_recorded_day + _ONE_DAY

    def _projection_anchor(self) -> date | None:
        return self._anchor() if self.projects else None

    def _last_index(self, anchor: date) -> int | None:
        """The number of the last projected term (the one that holds the horizon; -1 if
        the horizon is before `anchor`), None if there is no horizon."""
        if self.horizon is None:
            return None
        return self.rule.index_of(anchor, self.horizon) if self.horizon >= anchor else -1

    def _holder(self, index: int) -> Member:
        """The holder of projected term `index`: its segment's, by name, or the order's."""
        if self.seating:
            found = self.seating[bisect_right(self.seating, index, key=_first_index) - 1]
            return found.holder(index)
        return self.order[(self.resume_index + index) % len(self.order)]

    def gap(self, first: date, last: date | None = None) -> Gap:
        """Why no term covers `first` (or the window `first`..`last`), or none follows it.

        The window's last day stands for a window wholly before the record
        (the day nearest it), its first day otherwise.
        """
        day = last if last is not None and last < self.first_day else first
        established = self.body.established
        if day < self.first_day:
            kind = BEFORE_RECORD if established is None or day >= established \
                else BEFORE_ESTABLISHED
        elif self.horizon is not None and day > self.projected_to:
            return Gap(BEYOND_HORIZON, day, self.body, self.first_day, self.last_recorded_day,
                       self.horizon_note, self.horizon)
        elif self.projects or self.last_recorded_day == date.max:
            kind = END_OF_DATES  # a record that runs to date.max ends with the dates
        else:
            kind = NO_ORDER
        return Gap(kind, day, self.body, self.first_day, self.last_recorded_day, self.note,
                   self.horizon)

    def coverage(self, first: date, last: date) -> Coverage:
        """What the record covers, against the window `first`..`last`."""
        projects = self.projects
        beyond = self.horizon is not None
        return Coverage(self.body, first, last, self.first_day, self.last_recorded_day,
                        projects or beyond or self.last_recorded_day == date.max,
                        self.horizon_note if beyond else self.note, self.projected_to)

    def projected_since(self, day: date) -> date | None:
        """The first projected day, if it is on or before `day`: the record is behind.

        A term the rotation order projects has started by `day` and the data
        file does not confirm it. None if nothing is projected by then.
        """
        anchor = self._projection_anchor()
        return anchor if anchor is not None and anchor <= day else None

    def term_on(self, day: date) -> Term:
        """The term in force on `day`; NoChair if there is none."""
        if day < self.first_day:
            raise NoChair(self.gap(day))
        if day <= self.last_recorded_day:
            return self.history[bisect_right(self.history, day, key=_start) - 1]
        if day > self.projected_to:
            raise NoChair(self.gap(day))
        return next(self.terms_between(day, day))  # the projected term that holds it

    def year_answer(self, year: int) -> tuple[date, Term]:
        """The day `--year YEAR` asks about, and the term in force on it; NoChair if none.

        The day is the handover day of `year`; if the record starts later in
        `year` (a body founded that year), it is the first recorded term's
        first day; if a term starts later in the handover's month, on a day
        of its own (the CoE's 17 May 2024 for a nominal 15 May), that term's
        first day: it is the one that year's handover began.
        """
        day = self.rule.handover_in(year)
        if day < self.first_day and self.first_day.year == year:
            return self.first_day, self.history[0]
        term = self.term_on(day)
        following = self.term_after(term)
        if (following is not None
                and (following.start.year, following.start.month) == (day.year, day.month)):
            return following.start, following
        return day, term

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
            for term in self.history[bisect_right(self.history, first, key=_start) - 1:]:
                if term.start > last:
                    return
                yield term
        anchor = self._projection_anchor()
        if anchor is None:
            return
        last = min(last, self.projected_to)
        index = self.rule.index_of(anchor, max(first, anchor))
        start: date | None = self.rule.start_after(anchor, index)
        note = self.projected_note or None
        # Each start is computed once, from the anchor, and ends the term before it.
        while start is not None and start <= last:
            try:
                following: date | None = self.rule.start_after(anchor, index + 1)
            except OverflowError:  # the last term of the calendar
                following = None
            end = date.max if following is None else following - _ONE_DAY
            yield Term(start, end, self._holder(index), True, None, note)
            index, start = index + 1, following

    def terms_starting_after(self, day: date) -> Iterator[Term]:
        """The terms that start after `day`, in order (lazy)."""
        if day == date.max:
            return
        for term in self.terms_between(day + _ONE_DAY, date.max):
            if term.start > day:
                yield term

    def terms_held_after(self, member: Member, day: date) -> Iterator[Term]:
        """The terms `member` holds, alone or jointly, that start after `day`, in order (lazy)."""
        return (term for term in self.terms_starting_after(day) if term.held_by(member))

    def last_recorded_term_of(self, member: Member, day: date) -> Term | None:
        """The last recorded term `member` held, alone or jointly, that started by `day`."""
        for term in reversed(self.history):
            if term.start <= day and term.held_by(member):
                return term
        return None

    def stops_at(self, last: date) -> date | None:
        """The last day known, if a window to `last` passes it: the last recorded day with
        nothing projected, or the last projected day before the horizon.

        Why a schedule to `last` stops short: None if it does not.
        """
        known = self.projected_to
        return known if last > known else None


def _start(term: Term) -> date:
    return term.start


def _first_index(segment: Segment) -> int:
    return segment.first_index
