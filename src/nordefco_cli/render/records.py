"""Records: the rows commands print, with the field names of the output contract.

Each record type is a NamedTuple whose fields are the contract's fields, in
order: plain text prints a record's values in that order, and JSON and
tables take the names from `_fields`. Records are built with `today`, the
caller's date: a term from the data file is "recorded" once it has begun and
"announced" before (Term.status). A term's record is core.model.TermRecord,
defined there once for these rows and for the Python API's Term.record.
"""

from __future__ import annotations

from datetime import date
from typing import Any, NamedTuple

from ..core.model import Member, Status, Term, TermRecord
from ..core.rotation import Rotation
from .output import BODY_FIELD


class MemberRecord(NamedTuple):
    """A member: whether it chairs, NATO membership, the years it last chaired and
    chairs next (None if none; joint terms count for each holder), the status of
    the next term, and the day it left the body (None while a member)."""

    code: str
    country: str
    native_name: str | None
    chairs: bool
    nato_since: date | None
    last_chaired: int | None
    next_chairs: int | None
    next_status: Status | None
    left: date | None


class HandoverRecord(NamedTuple):
    """A handover: its day, how many days away from the day asked, the outgoing
    holder (None before the record), the incoming one, and the incoming term's
    status, source and note."""

    handover: date
    days_away: int
    from_code: str | None
    from_country: str | None
    to_code: str
    to_country: str
    status: Status
    source: str | None
    note: str | None


class SummaryRecord(NamedTuple):
    """A valid data file, summed up: its path (escaped, as core.printable.one_line
    does), the body's short name, counts, the first and last recorded years and
    the day the record was last checked (None if not given)."""

    file: str
    body: str
    members: int
    chairs: int
    recorded_terms: int
    first_recorded: int
    last_recorded: int
    checked: date | None


class BodyRecord(NamedTuple):
    """A body: its --body name, full and short names, the first and last days of
    its recorded terms, whether it projects later terms, when its record was last
    checked, where it comes from ("shipped" or "user") and its file (escaped),
    and why it cannot be used (None if it can: "broken: ..." or "refused: ...";
    then the file's own fields are None), and since when its record is behind:
    the first day of a projected term begun by today (None if none)."""

    body: str
    name: str | None
    short_name: str | None
    first_recorded: date | None
    last_recorded: date | None
    projects: bool | None
    checked: date | None
    origin: str
    path: str
    problem: str | None
    behind: date | None = None


TERM_FIELDS = TermRecord._fields
# A chair record: the date asked about, then the fields of the term in force on it.
CHAIR_FIELDS = ("date", *TERM_FIELDS)
ChairRecord = tuple[Any, ...]  # a row of CHAIR_FIELDS' values
# A source record: a term from the data file, with the site its source is on
# (`domain`, the host without "www."; None for a citation that is not a URL)
# before the source itself and the note.
SOURCE_FIELDS = (*TERM_FIELDS[:6], "domain", "source", "note")
SourceRecord = tuple[Any, ...]  # a row of SOURCE_FIELDS' values
MEMBER_FIELDS = MemberRecord._fields
HANDOVER_FIELDS = HandoverRecord._fields
SUMMARY_FIELDS = SummaryRecord._fields
BODY_FIELDS = BodyRecord._fields


def body_fields(fields: tuple[str, ...]) -> tuple[str, ...]:
    """The fields of a record with its body's --body name first."""
    return (BODY_FIELD, *fields)


# The record of a term, as of a day: term_record(term, today). TermRecord is
# defined once, in core.model, with the term that fills it.
term_record = Term.as_record


def source_domain(source: str | None) -> str | None:
    """The host a source URL is on, without "www." ("fmn.dk"); None if it is not a URL."""
    if source is None or not source.startswith(("https://", "http://")):
        return None
    host = source.split("//", 1)[1].split("/", 1)[0]
    return host.removeprefix("www.") or None


def source_record(term: Term, today: date) -> SourceRecord:
    """The row of SOURCE_FIELDS for `term`."""
    record = term_record(term, today)
    return (*record[:6], source_domain(term.source), record.source, record.note)


def chair_record(day: date, term: Term, today: date) -> ChairRecord:
    """The row of CHAIR_FIELDS for `term`, in force on `day`."""
    return (day, *term_record(term, today))


def member_record(member: Member, last: Term | None, following: Term | None,
                  today: date) -> MemberRecord:
    return MemberRecord(
        code=member.code,
        country=member.name,
        native_name=member.native_name,
        chairs=member.chairs,
        nato_since=member.nato_since,
        last_chaired=last.year if last else None,
        next_chairs=following.year if following else None,
        next_status=following.status(today) if following else None,
        left=member.left,
    )


def handover_record(day: date, outgoing: Term | None, incoming: Term,
                    today: date) -> HandoverRecord:
    return HandoverRecord(
        handover=incoming.start,
        days_away=(incoming.start - day).days,
        from_code=outgoing.holder.code if outgoing else None,
        from_country=outgoing.holder.name if outgoing else None,
        to_code=incoming.holder.code,
        to_country=incoming.holder.name,
        status=incoming.status(today),
        source=incoming.source,
        note=incoming.note,
    )


def summary_record(path: str, rotation: Rotation) -> SummaryRecord:
    return SummaryRecord(
        file=path,
        body=rotation.body.short_name,
        members=len(rotation.members),
        chairs=sum(member.chairs for member in rotation.members),
        recorded_terms=len(rotation.history),
        first_recorded=rotation.history[0].year,
        last_recorded=rotation.history[-1].year,
        checked=rotation.body.checked,
    )


def body_record(name: str, rotation: Rotation | None, origin: str, path: str,
                problem: str | None = None, today: date | None = None) -> BodyRecord:
    """A body's record; `rotation` None (with `problem`) for a file that cannot be used.

    `behind` is found as of `today` (None: not asked)."""
    if rotation is None:
        return BodyRecord(name, None, None, None, None, None, None, origin, path, problem)
    return BodyRecord(
        body=name,
        name=rotation.body.name,
        short_name=rotation.body.short_name,
        first_recorded=rotation.first_day,
        last_recorded=rotation.last_recorded_day,
        projects=rotation.projects,
        checked=rotation.body.checked,
        origin=origin,
        path=path,
        problem=problem,
        behind=rotation.projected_since(today) if today is not None else None,
    )
