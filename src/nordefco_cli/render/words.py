"""The words a reader sees for what the core returns as values: why there is no
chair, and what each status means. Written once, here; every command and
output form takes them from this module.
"""

from __future__ import annotations

from datetime import date

from ..core.model import Body, Member
from ..core.rotation import (
    BEFORE_ESTABLISHED,
    BEFORE_RECORD,
    BEYOND_HORIZON,
    END_OF_DATES,
    Coverage,
    Gap,
)

# What a status other than "recorded" means, said beneath a table or picture.
STATUS_MEANINGS = {
    "announced": "announced, not yet begun",
    "projected": "projected from the rotation order, not announced",
}
# Where a timeline row has no bar because the record does not cover those days.
OUTSIDE_MARK = "not in the record: see below"
# How the `chair` summary says who chairs, by status.
CHAIR_VERBS = {"announced": "is announced to chair", "projected": "is projected to chair"}


def gap_reason(gap: Gap) -> str:
    """Why there is no chair, as a clause: "the record starts on 2017-01-01"."""
    if gap.kind == BEFORE_RECORD:
        return f"the record starts on {gap.record_start.isoformat()}"
    if gap.kind == BEFORE_ESTABLISHED:
        established = gap.body.established
        assert established is not None  # a gap before it is found only when it is known
        return f"{gap.body.short_name} was established on {established.isoformat()}"
    if gap.kind == END_OF_DATES:
        return f"dates end on {date.max.isoformat()}"
    if gap.kind == BEYOND_HORIZON:
        assert gap.horizon is not None  # a gap past it is found only when it is known
        return _with_note(horizon_reason(gap.horizon), gap.note)
    return _with_note(f"no order is decided after {gap.record_end.isoformat()}", gap.note)


def horizon_reason(horizon: date) -> str:
    """Why nothing is known after a body's horizon, as a clause."""
    return f"who is seated after {horizon.isoformat()} is not in the record"


def _with_note(reason: str, note: str) -> str:
    return f"{reason} ({note})" if note else reason


def no_chair_message(gap: Gap, first: date, last: date | None = None) -> str:
    """Why no term covers `first` (or any day of `first`..`last`), in one line naming the body.

    "NORDEFCO has no chair on 2008-01-01: NORDEFCO was established on
    2009-11-04", but for a day the data file does not reach back to
    "EU Council: no chair on record for 2009-11-04: the record starts on
    2017-01-01" (with a window: "has no chair from ... to ...", "no chair
    on record from ... to ...").
    """
    if last is None:
        on, on_record = f"on {first.isoformat()}", f"for {first.isoformat()}"
    else:
        on = on_record = f"from {first.isoformat()} to {last.isoformat()}"
    name = gap.body.short_name
    if gap.unrecorded:
        return f"{name}: no chair on record {on_record}: {gap_reason(gap)}"
    return f"{name} has no chair {on}: {gap_reason(gap)}"


def no_chair_note(gap: Gap) -> str:
    """no_chair_message without the body and dates, for a line that names them.

    "no chair: NORDEFCO was established on 2009-11-04", "no chair on record:
    the record starts on 2017-01-01".
    """
    return f"{'no chair on record' if gap.unrecorded else 'no chair'}: {gap_reason(gap)}"


def stops_caption(short_name: str | None, day: date, horizon: bool = False) -> str:
    """Why a schedule's rows stop short of its window: nothing is projected after `day`,
    or (`horizon`) who is seated after it is not known.

    With `short_name` (several bodies) the sentence names the body.
    """
    reason = "who is seated after it is not in the record" if horizon \
        else "no order is decided after it"
    if short_name is None:
        return f"The schedule stops at {day.isoformat()}: {reason}."
    return f"{short_name} stops at {day.isoformat()}: {reason}."


def body_title(body: Body) -> str:
    """A body's name for a heading: "Nordic Defence Cooperation (NORDEFCO)", or the name
    once where the short name is the same ("Nordic Council")."""
    return body.name if body.short_name == body.name else f"{body.name} ({body.short_name})"


def unknown_member_message(text: str, members: tuple[Member, ...]) -> str:
    """Why `text` names no member of a body, with the members it knows.

    "'xx' is not a member; known: DK (Denmark), FI (Finland), ...".
    """
    known = ", ".join(f"{member.code} ({member.name})" for member in members)
    return f"{text!r} is not a member; known: {known}."


def coverage_span(coverage: Coverage) -> str:
    """The days a record covers: "2017-01-01 to 2030-12-31", and ", projected after" if so."""
    span = f"{coverage.record_start.isoformat()} to {coverage.record_end.isoformat()}"
    if not coverage.projects:
        return span
    if coverage.projected_to == date.max:
        return f"{span}, projected after"
    if coverage.projected_to == coverage.record_end:
        return span
    return f"{span}, projected to {coverage.projected_to.isoformat()}"


def coverage_note(coverage: Coverage) -> str:
    """What a body's record covers, for a window that passes outside it, in one line.

    "EU Council: the record covers 2017-01-01 to 2030-12-31; earlier terms
    are not recorded"; before the body was established it says so
    ("NORDEFCO was established on 2009-11-04"), after a record with nothing
    projected, that no order is decided (and the data file's reason).
    """
    name = coverage.body.short_name
    parts = [f"{name}: the record covers {coverage_span(coverage)}"]
    if coverage.before:
        established = coverage.established
        if established is not None and coverage.first < established:
            parts.append(f"{name} was established on {established.isoformat()}")
        if established is None or established < coverage.record_start:
            parts.append("earlier terms are not recorded")
    if coverage.after:
        reason = f"no order is decided after {coverage.record_end.isoformat()}" \
            if not coverage.projects else horizon_reason(coverage.projected_to)
        parts.append(_with_note(f"later terms are not known: {reason}", coverage.note))
    return "; ".join(parts)


def none_held_note(names: str, first: date, last: date, bodies: str) -> str:
    """A country holds no chair over days the records cover (and only those)."""
    return f"{names} holds no chair from {first.isoformat()} to {last.isoformat()} in {bodies}"


def not_covered_note(names: str, first: date, last: date, bodies: str) -> str:
    """No record covers any day of first..last: whether `names` chaired then is not known."""
    return (f"the record of {bodies} does not cover {first.isoformat()} to {last.isoformat()}: "
            f"whether {names} held the chair then is not known")


def overdue_status(due: date, checked: date | None) -> str:
    """A projected term that has begun, unconfirmed: "projected, due since 2026-07-01, ..."."""
    record = f" (checked {checked.isoformat()})" if checked is not None else ""
    return f"projected, due since {due.isoformat()}, not confirmed by the record{record}"


def behind_note(short_name: str, due: date, checked: date | None) -> str:
    """A body whose record is behind: a projected term has begun and it does not confirm it."""
    return f"{short_name}: the record is behind: {overdue_status(due, checked)}"
