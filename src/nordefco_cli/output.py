"""The one output layer: records in, text out, in the format asked for.

Plain formats (tsv, csv, json, jsonl) stream record by record and never carry
escape codes; `table` is the terminal view (terminal.py, with Rich), imported
only then.
"""

from __future__ import annotations

import codecs
import sys
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from itertools import islice
from typing import TextIO

from .engine import PROJECTED, Rotation, Term

FORMATS = ("table", "tsv", "csv", "json", "jsonl")
CALENDAR_FORMATS = (*FORMATS, "ics")
_TSV_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def default_format(stream: TextIO) -> str:
    """A table for a person at a terminal, TSV for a pipe or a file."""
    isatty = getattr(stream, "isatty", None)
    return "table" if isatty is not None and isatty() else "tsv"


def _text(value: object) -> str:
    if value is None:
        return ""
    if value.__class__ is bool:
        return _BOOL_TEXT[value]
    return str(value)  # str() of a date is its ISO form


_BOOL_TEXT = {True: "true", False: "false"}
_NONE_AS_EMPTY = {None: ""}


def _texts(row: tuple) -> list[str]:
    """The plain text of each value: None empty, booleans true/false, dates ISO."""
    return [_text(value) for value in row]


def _texts_without_booleans(row: tuple) -> list[str]:
    # C-level conversion, for records that hold no booleans: this runs for
    # every row printed.
    return list(map(str, map(_NONE_AS_EMPTY.get, row, row)))


def _tsv_line(texts: list[str] | tuple[str, ...], separators: int) -> str:
    line = "\t".join(texts)
    # Escape only the rare row whose values hold a tab, newline or backslash.
    if line.count("\t") != separators or "\n" in line or "\r" in line or "\\" in line:
        line = "\t".join([text.translate(_TSV_ESCAPES) for text in texts])
    return line + "\n"


_BLOCK_LINES = 512


def write_records(
    records: Iterable[tuple],
    fields: tuple[str, ...],
    fmt: str,
    *,
    header: bool = True,
    single: bool = False,
    title: str | None = None,
    caption: str | None = None,
    body: str = "",
    out: TextIO | None = None,
) -> None:
    """Write `records` in `fmt`.

    `single` writes one JSON object instead of an array (a command that
    answers with exactly one record); other formats ignore it. `body` names
    the calendar and its events in `ics`. Plain text is written in blocks of
    lines, to `out` or standard output (as UTF-8, see plain_stdout).
    """
    if fmt != "table":
        out = out or plain_stdout()
    if fmt == "ics":
        from .ics import write_calendar

        write_calendar(records, body, out)
    elif fmt == "table":
        from .terminal import write_table

        write_table(records, fields, title, caption)
    elif fmt in ("json", "jsonl"):
        _write_json(records, fields, out, lines=fmt == "jsonl", single=single)
    else:
        line_of = plain_line_renderer(fmt, fields)
        write_lines(map(line_of, records), line_of(fields) if header else None, out)


def plain_line_renderer(fmt: str, fields: tuple[str, ...]) -> Callable[[tuple], str]:
    """A function from a record (a row of values in `fields` order) to one tsv or csv line."""
    from .records import BOOLEAN_FIELDS

    has_booleans = BOOLEAN_FIELDS.intersection(fields)
    if fmt == "csv":
        return _csv_renderer(has_booleans)
    separators = len(fields) - 1
    texts = _texts if has_booleans else _texts_without_booleans
    return lambda row: _tsv_line(texts(row), separators)


class _Echo:
    """A "file" whose write returns the text it is given: csv.writer's writerow
    returns what write returns, so it hands back the line instead of writing it."""

    write = str


def _csv_renderer(has_booleans) -> Callable[[tuple], str]:
    # The csv module quotes as RFC 4180 says (None is written empty, dates in
    # ISO form, by str). A "\r\n" terminator, cut back to "\n", makes it quote
    # a lone \r as well as a \n (before Python 3.13 it quotes only the
    # terminator's characters). Against the hand-written writer it replaced,
    # `schedule --from 2009 --to 9999 --format csv`, median of 15 alternating
    # runs, three times: CPU time 0.94-0.97x, wall time 0.94-1.06x (a busy
    # 2-core machine): no cost, since a schedule renders each member once.
    import csv

    writerow = csv.writer(_Echo, lineterminator="\r\n").writerow
    if has_booleans:
        return lambda row: writerow(_texts(row))[:-2] + "\n"
    return lambda row: writerow(row)[:-2] + "\n"


def term_lines(terms: Iterable[Term], fmt: str, today: date) -> Iterator[str]:
    """Term records built with `today` as tsv or csv lines, as write_records writes them, faster.

    Along a schedule only year, start and end change from line to line; the
    rest (code, country, status, source, note) is rendered once per member,
    status, source and note by the same renderer, and reused.
    """
    from .records import TERM_FIELDS

    render = plain_line_renderer(fmt, TERM_FIELDS)
    separator = "," if fmt == "csv" else "\t"
    tails: dict = {}
    for term in terms:
        start, end, member, _origin, source, note = term
        # A projected term has no source (nor note) and a recorded one always
        # has one, so the code alone keys a projected tail (a string keeps its
        # hash); a term from the data file is announced until it begins.
        key = member.code if source is None else (member.code, source, note, start > today)
        tail = tails.get(key)
        if tail is None:
            tail = tails[key] = _tail(render, term, today, separator)
        # isoformat() explicitly: a date inside an f-string goes through
        # __format__ and str(), half again as slow.
        yield f"{start.year}{separator}{start.isoformat()}{separator}{end.isoformat()}{tail}"


def schedule_lines(rotation: Rotation, first: date, last: date, fmt: str,
                   today: date) -> Iterator[str]:
    """term_lines of rotation.terms_between(first, last), the projected terms faster.

    The projected terms, most of a schedule to 9999, come from the engine as
    (start, end, member) and take their member's tail, rendered once, without
    a Term or a record each: 8,000 terms in 9.6 ms rather than 12.0 ms, which
    the benchmark's full-span csv row needs (1.44x to 1.59x of its 1.5x
    target before, in six runs).
    """
    recorded_last = min(last, rotation.last_recorded_day)
    if first <= recorded_last:
        yield from term_lines(rotation.terms_between(first, recorded_last), fmt, today)
    from .records import TERM_FIELDS

    render = plain_line_renderer(fmt, TERM_FIELDS)
    separator = "," if fmt == "csv" else "\t"
    tails = {member.code: _tail(render, Term(rotation.first_day, rotation.first_day, member,
                                             PROJECTED, None), today, separator)
             for member in rotation.order}
    for start, end, member in rotation.projected_spans(first, last):
        yield f"{start.year}{separator}{start.isoformat()}{separator}{end.isoformat()}" \
              f"{tails[member.code]}"


def _tail(render: Callable[[tuple], str], term: Term, today: date, separator: str) -> str:
    """A term's line less its year, start and end (which never hold a separator)."""
    from .records import term_record

    line = render(term_record(term, today))
    third = line.index(separator, line.index(separator, line.index(separator) + 1) + 1)
    return line[third:]


def plain_stdout() -> TextIO:
    """Standard output for tsv, csv, json, jsonl and ics: UTF-8, whatever the locale.

    JSON and iCalendar are UTF-8 by definition, and a script must get the same
    bytes everywhere; the stream is reconfigured in place, so its buffer (and
    block writes into it) stay as they are.
    """
    out = sys.stdout
    encoding = getattr(out, "encoding", None)
    if encoding and codecs.lookup(encoding).name != "utf-8" and hasattr(out, "reconfigure"):
        out.reconfigure(encoding="utf-8", errors="strict")
    return out


def write_lines(lines: Iterable[str], header: str | None, out: TextIO | None = None) -> None:
    """Write ready lines (each ending in a newline) in blocks, to `out` or standard output."""
    out = out or plain_stdout()
    if header:
        out.write(header)
    lines = iter(lines)
    while True:
        # islice and join run in C; a block that stops on an error (a bad
        # input line) still writes what it had, so every line before it is out.
        block = []
        try:
            block.extend(islice(lines, _BLOCK_LINES))
        finally:
            if block:
                out.write("".join(block))
        if len(block) < _BLOCK_LINES:
            return


def _json_value(value: object) -> object:
    return value.isoformat() if isinstance(value, date) else value


def _write_json(records, fields, out, *, lines: bool, single: bool) -> None:
    import json

    def encode(record):
        return json.dumps(
            {field: _json_value(value) for field, value in zip(fields, record, strict=True)},
            ensure_ascii=False,
        )

    if lines or single:
        for record in records:
            out.write(encode(record) + "\n")
        return
    # An array written item by item, so a long schedule streams. If the
    # records stop on an error (a bad input line), the array is still closed,
    # so what was written before it is valid JSON.
    opened = False

    def close_array():
        out.write("\n]\n" if opened else "[]\n")

    try:
        for record in records:
            out.write((",\n  " if opened else "[\n  ") + encode(record))
            opened = True
    except OSError:
        raise  # a closed pipe: nothing more can be written
    except Exception:
        close_array()
        raise
    close_array()
