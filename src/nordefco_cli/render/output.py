"""The one output layer: records in, text out, in the format asked for.

Plain formats (tsv, csv, json, jsonl) stream record by record and never carry
escape codes; `table` is the terminal view (table.py, with Rich), imported
only then; `ics` is a calendar (ics.py). Records are rows of values in the
order of their fields, read by field name wherever a value is picked out.
"""

from __future__ import annotations

import codecs
import sys
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from itertools import islice
from operator import itemgetter
from typing import Any, TextIO

from ..core.model import json_object

FORMATS = ("table", "tsv", "csv", "json", "jsonl")
CALENDAR_FORMATS = (*FORMATS, "ics")
# The field that names a record's body (--body name), first when there is one.
BODY_FIELD = "body"
# Fields that hold true or false; plain text writes them as "true" and "false".
BOOLEAN_FIELDS = frozenset({"chairs", "projects"})
_TSV_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
# Lines written to the stream at a time: one write of a block, not one a line.
_BLOCK_LINES = 512

Row = Sequence[Any]


def default_format(stream: TextIO) -> str:
    """A table for a person at a terminal, TSV for a pipe or a file."""
    isatty = getattr(stream, "isatty", None)
    return "table" if isatty is not None and isatty() else "tsv"


def plain_text(value: object) -> str:
    """A value as plain text writes it: None empty, booleans true/false, dates ISO."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)  # str() of a date is its ISO form


def write_records(
    records: Iterable[Row],
    fields: tuple[str, ...],
    fmt: str,
    *,
    header: bool = True,
    single: bool = False,
    with_body: bool = True,
    title: str | None = None,
    caption: str | None = None,
    calendar: tuple[str, str] = ("", ""),
    stamp: datetime | None = None,
    out: TextIO | None = None,
) -> None:
    """Write `records` (rows of values in `fields` order) in `fmt`.

    Without `with_body`, a leading `body` field is left out (one body was
    asked for: its name would be the same on every row). `single` writes one
    JSON object instead of an array (a command that answers with exactly one
    record); other formats ignore it. `calendar` is (--body name, short
    name) of the body an `ics` calendar is for, `stamp` its DTSTAMP. Plain
    text is written in blocks of lines, to `out` or standard output (as
    UTF-8, see plain_stdout).
    """
    if not with_body and fields[:1] == (BODY_FIELD,):
        records, fields = map(itemgetter(slice(1, None)), records), fields[1:]
    if fmt == "table":
        from .table import write_table

        write_table(records, fields, title, caption)
        return
    out = out or plain_stdout()
    if fmt == "ics":
        from .ics import write_calendar

        assert stamp is not None, "a calendar needs its DTSTAMP"
        write_calendar(records, fields, calendar, stamp, out)
    elif fmt in ("json", "jsonl"):
        _write_json(records, fields, out, lines=fmt == "jsonl", single=single)
    else:
        line_of = plain_line_renderer(fmt, fields)
        header_line = line_of(fields) if header else None
        if fields == _TERM_FIELDS:
            line_of = _term_line_renderer(line_of, fmt)
        write_lines(map(line_of, records), header_line, out)


# A term record's fields (render/records.py TERM_FIELDS): the first three,
# year, start and end, change along a schedule; the other five repeat.
_TERM_FIELDS = ("year", "start", "end", "code", "country", "status", "source", "note")
_MAX_TAILS = 4096  # distinct tails kept at once; a schedule has a few dozen


def _term_line_renderer(line_of: Callable[[Row], str], fmt: str) -> Callable[[Row], str]:
    """`line_of` for term records, faster: each distinct tail (code to note) is
    rendered once by `line_of` and reused, and the year and two dates, which no
    separator, quote or escape can be part of (digits and "-"), are joined as
    they are. The same bytes as `line_of` gives (a test checks).

    The one fast path of the plain formats, for the benchmark row
    `schedule --from 2009 --to 9999 --format csv` (8,000 terms), which took
    2.08x, 2.09x and 2.12x the click floor without it (target 2x): 28.7 ms
    of work in one process, 11 ms of it the csv module's (2026-12-07).
    """
    separator = "," if fmt == "csv" else "\t"
    tails: dict[tuple[Any, ...], str] = {}

    def line(row: Row) -> str:
        key = tuple(row[3:])
        tail = tails.get(key)
        if tail is None:
            if len(tails) >= _MAX_TAILS:
                tails.clear()
            # A whole line with the head fields empty, from the separator before code.
            tail = tails[key] = line_of((None, None, None, *key))[2:]
        year, start, end = row[0], row[1], row[2]
        return f"{year}{separator}{start.isoformat()}{separator}{end.isoformat()}{tail}"

    return line


def plain_line_renderer(fmt: str, fields: tuple[str, ...]) -> Callable[[Row], str]:
    """A function from a record (values in `fields` order) to one tsv or csv line.

    The one plain renderer: every command, the batch included, writes its
    tsv and csv lines through it.
    """
    has_booleans = not BOOLEAN_FIELDS.isdisjoint(fields)
    if fmt == "csv":
        return _csv_renderer(has_booleans)
    separators = len(fields) - 1

    def tsv_line(row: Row) -> str:
        if has_booleans:
            texts = [plain_text(value) for value in row]
        else:  # faster for records that hold no booleans, and the same text
            texts = ["" if value is None else str(value) for value in row]
        line = "\t".join(texts)
        # Escape only the rare row whose values hold a tab, newline or backslash.
        if line.count("\t") != separators or "\n" in line or "\r" in line or "\\" in line:
            line = "\t".join([text.translate(_TSV_ESCAPES) for text in texts])
        return line + "\n"

    return tsv_line


class _LastLine:
    """Where csv.writer writes a row: it keeps the line, for the renderer to hand back."""

    text = ""

    def write(self, text: str) -> None:
        self.text = text


def _csv_renderer(has_booleans: bool) -> Callable[[Row], str]:
    # The csv module quotes as RFC 4180 says, and writes None as an empty
    # field and anything else (a date: its ISO form) with str(), as
    # plain_text does; only booleans need plain_text's words. A "\r\n"
    # terminator, cut back to "\n", makes it quote a lone \r as well as a \n
    # (before Python 3.13 it quotes only the terminator's characters).
    import csv

    line = _LastLine()
    writer = csv.writer(line, lineterminator="\r\n")

    def csv_line(row: Row) -> str:
        writer.writerow([plain_text(value) for value in row] if has_booleans else row)
        return line.text[:-2] + "\n"

    return csv_line


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
    pending = iter(lines)
    while True:
        # A block that stops on an error (a bad input line) still writes what
        # it had, so every line before it is out.
        block: list[str] = []
        try:
            block.extend(islice(pending, _BLOCK_LINES))
        finally:
            if block:
                out.write("".join(block))
        if len(block) < _BLOCK_LINES:
            return


def _write_json(records: Iterable[Row], fields: tuple[str, ...], out: TextIO, *, lines: bool,
                single: bool) -> None:
    import json

    def encode(record: Row) -> str:
        return json.dumps(json_object(fields, record), ensure_ascii=False)

    if lines or single:
        for record in records:
            out.write(encode(record) + "\n")
        return
    # An array written item by item, so a long schedule streams. If the
    # records stop on an error (a bad input line), the array is still closed,
    # so what was written before it is valid JSON.
    opened = False

    def close_array() -> None:
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
