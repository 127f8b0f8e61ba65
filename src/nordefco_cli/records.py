"""Records: the rows commands print, with the field names of the output contract.

Each record type is a NamedTuple whose fields are the contract's fields, in
order, so the plain-text writer can print a record as it is, and JSON and
tables take the names from `_fields`.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from .engine import Member, Rotation, Term


class TermRecord(NamedTuple):
    year: int
    start: date
    end: date
    code: str
    country: str
    status: str
    source: str | None


class ChairRecord(NamedTuple):
    date: date
    year: int
    start: date
    end: date
    code: str
    country: str
    status: str
    source: str | None


class MemberRecord(NamedTuple):
    code: str
    country: str
    native_name: str
    chairs: bool
    nato_since: date | None
    last_chaired: int | None
    next_chairs: int | None
    next_status: str | None


class HandoverRecord(NamedTuple):
    handover: date
    days_away: int
    from_code: str | None
    from_country: str | None
    to_code: str
    to_country: str
    status: str
    source: str | None


class SummaryRecord(NamedTuple):
    file: str
    body: str
    members: int
    chairs: int
    recorded_terms: int
    first_recorded: int
    last_recorded: int


TERM_FIELDS = TermRecord._fields
CHAIR_FIELDS = ChairRecord._fields
MEMBER_FIELDS = MemberRecord._fields
HANDOVER_FIELDS = HandoverRecord._fields
SUMMARY_FIELDS = SummaryRecord._fields
# Fields that hold true or false; plain text writes them as "true" and "false".
BOOLEAN_FIELDS = frozenset({"chairs"})

# Built with tuple.__new__ where it runs once per printed term: a NamedTuple's
# own __new__ is Python code, several times slower. The order is the fields'.
_new = tuple.__new__


def term_record(term: Term) -> TermRecord:
    member = term.member
    return _new(TermRecord, (term.start.year, term.start, term.end, member.code, member.name,
                             term.status, term.source))


def chair_record(day: date, term: Term) -> ChairRecord:
    member = term.member
    return _new(ChairRecord, (day, term.start.year, term.start, term.end, member.code,
                              member.name, term.status, term.source))


def member_record(member: Member, last: Term | None, following: Term | None) -> MemberRecord:
    return MemberRecord(
        code=member.code,
        country=member.name,
        native_name=member.native_name,
        chairs=member.chairs,
        nato_since=member.nato_since,
        last_chaired=last.year if last else None,
        next_chairs=following.year if following else None,
        next_status=following.status if following else None,
    )


def handover_record(day: date, outgoing: Term | None, incoming: Term) -> HandoverRecord:
    return HandoverRecord(
        handover=incoming.start,
        days_away=(incoming.start - day).days,
        from_code=outgoing.member.code if outgoing else None,
        from_country=outgoing.member.name if outgoing else None,
        to_code=incoming.member.code,
        to_country=incoming.member.name,
        status=incoming.status,
        source=incoming.source,
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
    )
