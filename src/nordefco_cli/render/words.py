"""The words a reader sees for what the core returns as values: why there is no
chair, and what each status means. Written once, here; every command and
output form takes them from this module.
"""

from __future__ import annotations

from datetime import date

from ..core.model import Body, Member
from ..core.rotation import BEFORE_ESTABLISHED, BEFORE_RECORD, END_OF_DATES, Gap

# What a status other than "recorded" means, said beneath a table or picture.
STATUS_MEANINGS = {
    "announced": "announced, not yet begun",
    "projected": "projected from the rotation order, not announced",
}
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
    reason = f"no order is decided after {gap.record_end.isoformat()}"
    return f"{reason} ({gap.note})" if gap.note else reason


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


def stops_caption(short_name: str | None, day: date) -> str:
    """Why a schedule's rows stop short of its window: nothing is projected after `day`.

    With `short_name` (several bodies) the sentence names the body.
    """
    if short_name is None:
        return f"The schedule stops at {day.isoformat()}: no order is decided after it."
    return f"{short_name} stops at {day.isoformat()}: no order is decided after it."


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
