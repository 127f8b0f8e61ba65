"""Records: the rows commands print, with the field names of the output contract.

Each record type is a named tuple whose fields are the contract's fields, in
order, so the plain-text writer can print a record as it is, and JSON and
tables take the names from `_fields`. They are collections.namedtuple, not
typing.NamedTuple: every run defines them, and the plain form is cheaper.
"""

from __future__ import annotations

from collections import namedtuple
from datetime import date

from .engine import Member, Rotation, Term, term_status

# Records are built with `today`, the caller's date: a term from the data file
# is "recorded" once it has begun and "announced" before (engine.term_status).
# A term: year it starts (int), start and end (dates, end inclusive), code,
# country, status ("recorded", "announced" or "projected"), source (str, None
# if projected), note (str, None when the data file gives none).
TermRecord = namedtuple("TermRecord", "year start end code country status source note")
# The term in force on `date`, the date asked about.
ChairRecord = namedtuple("ChairRecord", ("date", *TermRecord._fields))
# chairs is a bool; nato_since a date or None; last_chaired and next_chairs
# years or None (joint terms count for each holder); next_status the status of
# the next term, or None; left the date the member left the body, or None.
MemberRecord = namedtuple("MemberRecord", "code country native_name chairs nato_since "
                                          "last_chaired next_chairs next_status left")
# handover (date), days_away (int), the outgoing member (None before the
# record), the incoming one, and the incoming term's status, source and note.
HandoverRecord = namedtuple("HandoverRecord", "handover days_away from_code from_country "
                                              "to_code to_country status source note")
# A valid data file, summed up (file is its path as given, with characters
# that cannot be printed escaped, as printable.one_line does; counts and years
# are ints; recorded_terms counts the terms of the data file; checked is a
# date or None).
SummaryRecord = namedtuple("SummaryRecord", "file body members chairs recorded_terms "
                                            "first_recorded last_recorded checked")
# A body: its --body name, full and short names, the first and last days of
# its recorded terms (dates), whether it projects later terms (bool), the day
# its record was last checked against sources (date or None), where it comes
# from ("shipped" or "user") and its file (escaped, as SummaryRecord's), and
# why it cannot be used (None if it can: "broken: ..." or "refused: ...";
# then the file's own fields are None).
BodyRecord = namedtuple("BodyRecord", "body name short_name first_recorded last_recorded "
                                      "projects checked origin path problem")

TERM_FIELDS = TermRecord._fields
CHAIR_FIELDS = ChairRecord._fields
MEMBER_FIELDS = MemberRecord._fields
HANDOVER_FIELDS = HandoverRecord._fields
SUMMARY_FIELDS = SummaryRecord._fields
BODY_FIELDS = BodyRecord._fields
# Fields that hold true or false; plain text writes them as "true" and "false".
BOOLEAN_FIELDS = frozenset({"chairs", "projects"})

# Built with tuple.__new__ where it runs once per printed term: a named
# tuple's own __new__ is Python code, several times slower. The order is the fields'.
_new = tuple.__new__


def term_record(term: Term, today: date) -> TermRecord:
    member = term.member
    return _new(TermRecord, (term.start.year, term.start, term.end, member.code, member.name,
                             term_status(term, today), term.source, term.note))


def chair_record(day: date, term: Term, today: date) -> ChairRecord:
    member = term.member
    return _new(ChairRecord, (day, term.start.year, term.start, term.end, member.code,
                              member.name, term_status(term, today), term.source, term.note))


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
        next_status=term_status(following, today) if following else None,
        left=member.left,
    )


def handover_record(day: date, outgoing: Term | None, incoming: Term,
                    today: date) -> HandoverRecord:
    return HandoverRecord(
        handover=incoming.start,
        days_away=(incoming.start - day).days,
        from_code=outgoing.member.code if outgoing else None,
        from_country=outgoing.member.name if outgoing else None,
        to_code=incoming.member.code,
        to_country=incoming.member.name,
        status=term_status(incoming, today),
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
                problem: str | None = None) -> BodyRecord:
    """A body's record; `rotation` None (with `problem`) for a file that cannot be used."""
    if rotation is None:
        return BodyRecord(name, None, None, None, None, None, None, origin, path, problem)
    return BodyRecord(
        body=name,
        name=rotation.body.name,
        short_name=rotation.body.short_name,
        first_recorded=rotation.first_day,
        last_recorded=rotation.last_recorded_day,
        projects=bool(rotation.order),
        checked=rotation.body.checked,
        origin=origin,
        path=path,
        problem=problem,
    )
