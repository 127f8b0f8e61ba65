"""Records: the rows commands print, with the field names of the output contract."""

from __future__ import annotations

from datetime import date

from .engine import Term

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
