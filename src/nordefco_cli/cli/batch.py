"""Batch lookups: one chair record per date line, streamed.

Two forms of the same answer: `chair_records` yields records for any output
format; `chair_lines` yields finished tsv or csv lines, and is the hot path
for a million dates (see benchmarks/run.py). Both take the same exact path
for anything but a canonical ISO date, so they agree on every line. Each has
a form that keeps its state across chunks of input (`record_answerer`,
`line_answerer`), for `read_chunks`, which hands over lines as they arrive.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from datetime import date, timedelta
from typing import Any

from ..core.dates import DateError, parse_date
from ..core.model import Term
from ..core.rotation import NoChair, Rotation
from ..render.records import ChairRecord, chair_record
from ..render.words import no_chair_message

# A date as anyone writes it is far shorter; a longer line is a bad line, and
# only this much of a line is ever kept, however long it is.
LINE_LIMIT = 256
_QUOTED = 24  # characters of an overlong line quoted in its error
_CHUNK = 1 << 16


class BadLine(Exception):
    def __init__(self, number: int, text: str, reason: str):
        super().__init__(f"line {number}: {text!r}: {reason}")


class ReadError(Exception):
    """The input could not be read (an I/O error, a folder given as standard input)."""


OnBadLine = Callable[[BadLine], None]


def _lookup(number: int, text: str, rotation: Rotation, today: date,
            on_bad_line: OnBadLine) -> tuple[date, Term] | None:
    """The exact path: any date form; a bad line goes to `on_bad_line`."""
    try:
        day = parse_date(text, today)
        return day, rotation.term_on(day)
    except DateError as error:
        on_bad_line(BadLine(number, text, str(error)))  # raises to stop, returns to go on
    except NoChair as error:
        on_bad_line(BadLine(number, text, no_chair_message(error.gap, error.gap.day)))
    return None


def record_answerer(rotation: Rotation, today: date,
                    on_bad_line: OnBadLine) -> Callable[[Iterable[str]], Iterator[ChairRecord]]:
    """A function from a chunk of date lines to their chair records; lines are
    numbered on from one chunk to the next. See chair_records."""
    number = 0

    def answer(lines: Iterable[str]) -> Iterator[ChairRecord]:
        nonlocal number
        first = number + 1
        for number, line in enumerate(lines, start=first):
            text = line.strip()
            if not text or text.startswith("#"):
                continue
            found = _lookup(number, text, rotation, today, on_bad_line)
            if found is not None:
                yield chair_record(*found, today)

    return answer


def chair_records(lines: Iterable[str], rotation: Rotation, today: date,
                  on_bad_line: OnBadLine) -> Iterator[ChairRecord]:
    """A chair record per date line, in input order, one line at a time.

    Blank lines and lines starting with `#` are skipped. A line that is not a
    date, or names a date with no chair, goes to `on_bad_line`, which raises
    to stop or returns to go on.
    """
    return record_answerer(rotation, today, on_bad_line)(lines)


def line_answerer(rotation: Rotation, today: date, on_bad_line: OnBadLine,
                  render: Callable[[ChairRecord], str]) -> Callable[[Iterable[str]], Iterator[str]]:
    """A function from a chunk of date lines to their rendered lines; the
    index and the line numbers carry on from one chunk to the next. See chair_lines.

    The one fast path of the program, kept because the benchmark's batch row
    needs it: 200,000 ISO dates (2010-2100) take 86 ms through it and 1,523 ms
    through the exact path (parse, look up, build and render a record per
    line), against 23 ms for a bare date.fromisoformat loop (in one process,
    2026-12-07); the row's target is 3x that loop. Each term's text is still
    rendered by the one plain renderer, once.
    """
    # Every year asked about stays indexed: at most 9,999 of them, so memory
    # is bounded whatever the input, and any spread of years stays fast. A
    # list by year, not a dict: with years spread over millennia, a dict's
    # key comparisons are memory reads that cost more than the rest of a line.
    spans_by_year: list[str | tuple[tuple[date, str | None], ...] | None] = \
        [None] * (date.max.year + 1)
    # The text after a line's date, year, start and end, by what it says.
    rest_by_key: dict[tuple[str, str, str, str | None, str | None], tuple[str, str]] = {}
    fromisoformat = date.fromisoformat
    number = 0

    def tail(term: Term) -> str:
        """The line for the term's first day, less that day's 10-character date.

        With dates spread over thousands of years, this runs once a year:
        only year, start and end change from term to term, so the rest
        (code, country, status, source, note) is rendered once for each
        distinct rest and reused.
        """
        start, end = term.start, term.end
        key = (term.holder.code, term.holder.name, term.status(today), term.source, term.note)
        found = rest_by_key.get(key)
        if found is None:
            line = render(chair_record(start, term, today))
            # Date, year, start and end never hold a separator: the rest starts at the fourth.
            separator = line[10]
            cut = line.index(separator, line.index(separator, line.index(separator, 11) + 1) + 1)
            found = rest_by_key[key] = (separator, line[cut:])
        separator, rest = found
        return (f"{separator}{start.year}{separator}{start.isoformat()}{separator}"
                f"{end.isoformat()}{rest}")

    def spans_of(year: int) -> str | tuple[tuple[date, str | None], ...]:
        """The text after the date for every day of the year, when one term
        covers it all; else (last day, text after the date or None for no
        chair) spans covering the year."""
        first, last = date(year, 1, 1), date(year, 12, 31)
        terms = list(rotation.terms_between(first, last))  # contiguous, in order
        if len(terms) == 1 and terms[0].start <= first and terms[0].end >= last:
            # The common case, one object to reach per line: with dates spread
            # over thousands of years, memory reads are most of the time.
            spans_by_year[year] = text = tail(terms[0])
            return text
        spans: Any = [(min(term.end, last), tail(term)) for term in terms]
        # Only the year's ends can lack a chair: before the record, after the order.
        if not terms:
            spans = [(last, None)]
        elif terms[0].start > first:
            spans.insert(0, (terms[0].start - timedelta(days=1), None))
        if terms and terms[-1].end < last:
            spans.append((last, None))
        spans_by_year[year] = spans = tuple(spans)
        return spans  # type: ignore[no-any-return]  # a tuple of spans, as built

    def answer(lines: Iterable[str]) -> Iterator[str]:
        nonlocal number
        first = number + 1
        for number, line in enumerate(lines, start=first):
            text = line.strip()
            if len(text) == 10 and text[4] == "-" and text[7] == "-":
                try:
                    day = fromisoformat(text)
                except ValueError:
                    pass  # the exact path says what is wrong with it
                else:
                    found: Any = spans_by_year[day.year] or spans_of(day.year)
                    if found.__class__ is not str:
                        for last_day, text_after in found:
                            if day <= last_day:
                                found = text_after
                                break
                    if found is not None:
                        yield text + found
                        continue
            elif not text or text[0] == "#":
                continue
            looked_up = _lookup(number, text, rotation, today, on_bad_line)
            if looked_up is not None:
                yield render(chair_record(*looked_up, today))

    return answer


def chair_lines(lines: Iterable[str], rotation: Rotation, today: date,
                on_bad_line: OnBadLine, render: Callable[[ChairRecord], str]) -> Iterator[str]:
    """What chair_records yields, as lines rendered by `render` (a plain-text renderer).

    A canonical ISO date (YYYY-MM-DD, as date.fromisoformat reads it back)
    is printed as typed, followed by its term's text, rendered once per term
    and found through a per-year index. Every other line takes the exact path.
    """
    return line_answerer(rotation, today, on_bad_line, render)(lines)


def read_chunks(fd: int | None, read: Callable[[int], bytes], name: str,
                on_bad_line: OnBadLine, on_wait: Callable[[], None] | None = None
                ) -> Iterator[list[str]]:
    """The lines of an input (without their newlines), in chunks of what has arrived.

    `read(n)` returns up to n bytes (b"" at the end). With `fd` (a pipe, a
    terminal) and `on_wait`, on_wait is called whenever the input has nothing
    ready, before waiting for more: a co-process that writes one date and
    waits gets its answer, while a fast producer is still read in large
    blocks. A UTF-8 byte-order mark is dropped; bytes that are not UTF-8 read
    as U+FFFD. A line longer than LINE_LIMIT characters goes to `on_bad_line`
    and stands as an empty line, so the numbers of the others stay right;
    at most a few kilobytes of it are ever held. ReadError if reading fails.
    """
    if fd is None:
        on_wait = None
    else:
        import select
        import stat

        if stat.S_ISREG(os.fstat(fd).st_mode):
            on_wait = None  # a file never makes us wait
    # Bytes kept of a line not ended yet: more than LINE_LIMIT characters even in UTF-8.
    kept = 4 * LINE_LIMIT + 4
    number = 0  # lines handed over so far
    pending = b""  # the start of a line whose end has not arrived
    overlong = False  # the line not ended yet is overlong, reported, and dropped

    def report(head: bytes) -> None:
        # At once, without waiting for the line's end (there may be none).
        on_bad_line(_overlong(number + 1, head[:_QUOTED * 4].decode("utf-8", "replace")))

    while True:
        if on_wait is not None and not select.select([fd], [], [], 0)[0]:  # type: ignore[type-var]
            on_wait()
        try:
            data = read(_CHUNK)
        except BlockingIOError:  # a descriptor left non-blocking by whoever passed it
            select.select([fd], [], [])  # type: ignore[type-var]  # a real descriptor here
            continue
        except OSError as error:
            raise ReadError(f"cannot read {name}: {error.strerror or error}") from None
        end = data.rfind(b"\n")
        if data and end < 0:
            if not overlong:
                pending += data
                if len(pending) > kept:
                    report(pending)
                    pending, overlong = b"", True
            continue
        if not data:  # the end: a last line without a newline
            if not pending and not overlong:
                return
            whole, pending = pending, b""
        else:
            whole, pending = pending + data[:end], data[end + 1:]
        text = whole.decode("utf-8", "replace")
        lines = text.split("\n")
        if overlong:
            lines[0], overlong = "", False  # the end of the line reported: a blank stands for it
        elif number == 0 and lines[0].startswith("\ufeff"):
            lines[0] = lines[0][1:]
        if len(text) > LINE_LIMIT and max(map(len, lines)) > LINE_LIMIT:
            yield from _without_overlong(lines, number, on_bad_line)
        else:
            yield lines
        number += len(lines)
        if not data:
            return
        if len(pending) > kept:
            report(pending)
            pending, overlong = b"", True


def _without_overlong(lines: list[str], number: int,
                      on_bad_line: OnBadLine) -> Iterator[list[str]]:
    """`lines`, with each overlong line reported once the lines before it are handed over."""
    start = 0
    for index, line in enumerate(lines):
        if len(line) > LINE_LIMIT:
            if index > start:
                yield lines[start:index]
            on_bad_line(_overlong(number + index + 1, line))
            lines[index], start = "", index  # the empty line keeps the numbering
    yield lines[start:]


def _overlong(number: int, text: str) -> BadLine:
    return BadLine(number, text[:_QUOTED] + "…", f"longer than {LINE_LIMIT} characters, not a date")
