"""Records: the rows commands print, with the field names of the output contract."""

from __future__ import annotations

from datetime import date

from .engine import Member, Rotation, Term

TERM_FIELDS = ("year", "start", "end", "code", "country", "status", "source")
CHAIR_FIELDS = ("date", *TERM_FIELDS)


def term_record(term: Term) -> dict:
    return {
        "year": term.year,
        "start": term.start,
        "end": term.end,
        "code": term.member.code,
        "country": term.member.name,
        "status": term.status,
        "source": term.source,
    }


def chair_record(day: date, term: Term) -> dict:
    return {"date": day, **term_record(term)}

MEMBER_FIELDS = ("code", "country", "native_name", "chairs", "nato_since",
                 "last_chaired", "next_chairs", "next_status")
HANDOVER_FIELDS = ("handover", "days_away", "from_code", "from_country",
                   "to_code", "to_country", "status", "source")
SUMMARY_FIELDS = ("file", "body", "members", "chairs", "recorded_terms",
                  "first_recorded", "last_recorded")


def member_record(member: Member, last: Term | None, following: Term | None) -> dict:
    return {
        "code": member.code,
        "country": member.name,
        "native_name": member.native_name,
        "chairs": member.chairs,
        "nato_since": member.nato_since,
        "last_chaired": last.year if last else None,
        "next_chairs": following.year if following else None,
        "next_status": following.status if following else None,
    }


def handover_record(day: date, outgoing: Term | None, incoming: Term) -> dict:
    return {
        "handover": incoming.start,
        "days_away": (incoming.start - day).days,
        "from_code": outgoing.member.code if outgoing else None,
        "from_country": outgoing.member.name if outgoing else None,
        "to_code": incoming.member.code,
        "to_country": incoming.member.name,
        "status": incoming.status,
        "source": incoming.source,
    }


def summary_record(path: str, rotation: Rotation) -> dict:
    return {
        "file": path,
        "body": rotation.body.short_name,
        "members": len(rotation.members),
        "chairs": sum(member.chairs for member in rotation.members),
        "recorded_terms": len(rotation.history),
        "first_recorded": rotation.history[0].year,
        "last_recorded": rotation.history[-1].year,
    }
