"""Terms as an RFC 5545 calendar: one all-day event per term."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta
from typing import Any, TextIO

from .. import __version__

_TEXT_ESCAPES = str.maketrans({"\\": "\\\\", ";": "\\;", ",": "\\,", "\n": "\\n", "\r": ""})
_LINE_OCTETS = 75


def _fold(line: str) -> str:
    """Fold a content line at 75 octets without splitting a UTF-8 character."""
    encoded = line.encode("utf-8")
    if len(encoded) <= _LINE_OCTETS:
        return line + "\r\n"
    parts: list[str] = []
    start, limit = 0, _LINE_OCTETS
    while start < len(encoded):
        end = min(start + limit, len(encoded))
        while end < len(encoded) and encoded[end] & 0xC0 == 0x80:  # a continuation byte
            end -= 1
        parts.append(encoded[start:end].decode("utf-8"))
        start, limit = end, _LINE_OCTETS - 1  # continuation lines begin with a space
    return "\r\n ".join(parts) + "\r\n"


def _text(value: str) -> str:
    return value.translate(_TEXT_ESCAPES)


def _day(value: date) -> str:
    return f"{value.year:04d}{value.month:02d}{value.day:02d}"


def uid_prefix(body_name: str) -> str:
    """The start of every UID of a body's events: its --body name, unique among bodies.

    In any case it names the same body, so it is casefolded; a character
    other than a-z, 0-9, "-", "." or "_" is percent-encoded (UTF-8), so two
    names in any script never share a prefix.
    """
    from urllib.parse import quote

    return quote(body_name.casefold(), safe="-._") or "body"


def write_calendar(records: Iterable[Sequence[Any]], fields: tuple[str, ...],
                   calendar: tuple[str, str], stamp: datetime, out: TextIO) -> int:
    """Write `records` (term records, `fields` their field names) as a calendar.

    `calendar` is the body's (--body name, short name), `stamp` the moment
    the calendar is made (UTC, for DTSTAMP). Returns how many events.
    STATUS is CONFIRMED for a recorded term, TENTATIVE for an announced or
    projected one; DESCRIPTION says which, with the source and any note.
    """
    body_name, short_name = calendar
    dtstamp = stamp.strftime("%Y%m%dT%H%M%SZ")
    # The UID names the body and the month the term starts, so a re-import
    # updates the same event even when a projection becomes a record on a
    # day of its own (the CoE's nominal 15 November, then the day it took
    # over). A later term starting in the same month (an interim term, in a
    # record of its own days) is named by its day.
    prefix = uid_prefix(body_name)
    months_seen: set[tuple[int, int]] = set()
    out.write(_fold("BEGIN:VCALENDAR") + _fold("VERSION:2.0")
              + _fold(f"PRODID:-//nordefco//nordefco {__version__}//EN")
              + _fold("CALSCALE:GREGORIAN") + _fold("METHOD:PUBLISH")
              + _fold(f"X-WR-CALNAME:{_text(short_name)} chair"))
    count = 0
    for values in records:
        record = dict(zip(fields, values, strict=True))
        start, end, status = record["start"], record["end"], record["status"]
        # Only a term that has begun is confirmed; an announced one can still change.
        if status == "projected":
            description, state = "Projected from the rotation order, not announced.", "TENTATIVE"
        elif status == "announced":
            description, state = f"Announced, not yet begun. Source: {record['source']}", \
                "TENTATIVE"
        else:
            description, state = f"Recorded. Source: {record['source']}", "CONFIRMED"
        if record["note"]:
            description += f"\nNote: {record['note']}"
        # DTEND is exclusive; a term that ends on 9999-12-31 has no day after
        # it, so it gives its length instead.
        if end == date.max:
            until = f"DURATION:P{(end - start).days + 1}D"
        else:
            until = f"DTEND;VALUE=DATE:{_day(end + timedelta(days=1))}"
        summary = f"{short_name} chair: {record['country']}"
        month = (start.year, start.month)
        when = _day(start) if month in months_seen else _day(start)[:6]
        months_seen.add(month)
        out.write(
            _fold("BEGIN:VEVENT")
            + _fold(f"UID:{prefix}-chair-{when}@nordefco-cli")
            + _fold(f"DTSTAMP:{dtstamp}")
            + _fold(f"DTSTART;VALUE=DATE:{_day(start)}")
            + _fold(until)
            + _fold(f"SUMMARY:{_text(summary)}")
            + _fold(f"DESCRIPTION:{_text(description)}")
            + _fold(f"STATUS:{state}")
            + _fold("TRANSP:TRANSPARENT")
            + _fold("END:VEVENT")
        )
        count += 1
    out.write(_fold("END:VCALENDAR"))
    return count
