"""Terms as an RFC 5545 calendar: one all-day event per term."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from typing import TextIO

from . import __version__

_TEXT_ESCAPES = str.maketrans({"\\": "\\\\", ";": "\\;", ",": "\\,", "\n": "\\n", "\r": ""})
_LINE_OCTETS = 75


def _fold(line: str) -> str:
    """Fold a content line at 75 octets without splitting a UTF-8 character."""
    encoded = line.encode("utf-8")
    if len(encoded) <= _LINE_OCTETS:
        return line + "\r\n"
    parts, start, limit = [], 0, _LINE_OCTETS
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


def write_calendar(records: Iterable, body: str, out: TextIO) -> int:
    """Write `records` (term records) as a calendar; returns how many events.

    STATUS is CONFIRMED for a recorded term, TENTATIVE for an announced or
    projected one; DESCRIPTION says which, with the source and any note.
    """
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    # The UID names the body and the day the term starts, so a re-import
    # updates the same event even when a projection becomes a record.
    slug = re.sub(r"[^a-z0-9]+", "-", body.lower()).strip("-") or "body"
    out.write(_fold("BEGIN:VCALENDAR") + _fold("VERSION:2.0")
              + _fold(f"PRODID:-//nordefco//nordefco {__version__}//EN")
              + _fold("CALSCALE:GREGORIAN") + _fold("METHOD:PUBLISH")
              + _fold(f"X-WR-CALNAME:{_text(body)} chair"))
    count = 0
    for record in records:
        start, end = record.start, record.end
        # Only a term that has begun is confirmed; an announced one can still change.
        if record.status == "projected":
            description, status = "Projected from the rotation order, not announced.", "TENTATIVE"
        elif record.status == "announced":
            description, status = f"Announced, not yet begun. Source: {record.source}", "TENTATIVE"
        else:
            description, status = f"Recorded. Source: {record.source}", "CONFIRMED"
        if record.note:
            description += f"\nNote: {record.note}"
        # DTEND is exclusive; a term that ends on 9999-12-31 has no day after
        # it, so it gives its length instead.
        if end == date.max:
            until = f"DURATION:P{(end - start).days + 1}D"
        else:
            until = f"DTEND;VALUE=DATE:{_day(end + timedelta(days=1))}"
        summary = f"{body} chair: {record.country}"
        out.write(
            _fold("BEGIN:VEVENT")
            + _fold(f"UID:{slug}-chair-{_day(start)}@nordefco-cli")
            + _fold(f"DTSTAMP:{stamp}")
            + _fold(f"DTSTART;VALUE=DATE:{_day(start)}")
            + _fold(until)
            + _fold(f"SUMMARY:{_text(summary)}")
            + _fold(f"DESCRIPTION:{_text(description)}")
            + _fold(f"STATUS:{status}")
            + _fold("TRANSP:TRANSPARENT")
            + _fold("END:VEVENT")
        )
        count += 1
    out.write(_fold("END:VCALENDAR"))
    return count
