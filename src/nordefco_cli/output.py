"""The one output layer: records in, text out, in the format asked for.

Plain formats (tsv, csv, json, jsonl) stream record by record and never carry
escape codes; `table` uses Rich, imported only then.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from itertools import islice
from typing import TextIO

from .engine import Term

FORMATS = ("table", "tsv", "csv", "json", "jsonl")
CALENDAR_FORMATS = (*FORMATS, "ics")
# Projected terms must never pass for facts: in a table they are set apart.
_STATUS_STYLES = {"recorded": "green", "announced": "cyan", "projected": "yellow"}
_FREE_TEXT_FIELDS = {"source", "file", "country", "native_name", "from_country", "to_country",
                     "name", "short_name", "note"}
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


def _csv_line(texts: list[str] | tuple[str, ...], separators: int) -> str:
    line = ",".join(texts)
    # RFC 4180: quote a value holding a comma, quote or line break.
    if line.count(",") != separators or '"' in line or "\n" in line or "\r" in line:
        line = ",".join([_csv_quote(text) for text in texts])
    return line + "\n"


def _csv_quote(text: str) -> str:
    if any(ch in text for ch in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


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
    line_by_line: bool = False,
    out: TextIO | None = None,
) -> None:
    """Write `records` in `fmt`.

    `single` writes one JSON object instead of an array (a command that
    answers with exactly one record); other formats ignore it. `body` names
    the calendar and its events in `ics`. Plain text is written in chunks of
    lines, or `line_by_line` (for a person typing input at a terminal).
    """
    out = out or sys.stdout
    if fmt == "ics":
        from .ics import write_calendar

        write_calendar(records, body, out)
    elif fmt == "table":
        _write_table(records, fields, title, caption)
    elif fmt in ("json", "jsonl"):
        _write_json(records, fields, out, lines=fmt == "jsonl", single=single)
    else:
        line_of = plain_line_renderer(fmt, fields)
        write_lines(map(line_of, records), line_of(fields) if header else None,
                    line_by_line, out)


def plain_line_renderer(fmt: str, fields: tuple[str, ...]) -> Callable[[tuple], str]:
    """A function from a record (a row of values in `fields` order) to one tsv or csv line."""
    from .records import BOOLEAN_FIELDS

    line_of = _csv_line if fmt == "csv" else _tsv_line
    separators = len(fields) - 1
    texts = _texts if BOOLEAN_FIELDS.intersection(fields) else _texts_without_booleans
    return lambda row: line_of(texts(row), separators)


def term_lines(terms: Iterable[Term], fmt: str, today: date) -> Iterator[str]:
    """Term records built with `today` as tsv or csv lines, as write_records writes them, faster.

    Along a schedule only year, start and end change from line to line; the
    rest (code, country, status, source, note) is rendered once per member,
    status, source and note by the same renderer, and reused.
    """
    from .records import TERM_FIELDS, term_record

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
            line = render(term_record(term, today))
            # Year and two ISO dates never hold a separator: the tail starts at the third.
            third = line.index(separator, line.index(separator, line.index(separator) + 1) + 1)
            tail = tails[key] = line[third:]
        # isoformat() explicitly: a date inside an f-string goes through
        # __format__ and str(), half again as slow.
        yield f"{start.year}{separator}{start.isoformat()}{separator}{end.isoformat()}{tail}"


def write_lines(lines: Iterable[str], header: str | None, line_by_line: bool,
                out: TextIO | None = None) -> None:
    """Write ready lines in blocks (or one by one, for input typed at a terminal)."""
    out = out or sys.stdout
    if header:
        out.write(header)
    lines = iter(lines)
    size = 1 if line_by_line else _BLOCK_LINES
    while True:
        # islice and join run in C; a block that stops on an error (a bad
        # input line) still writes what it had, so every line before it is out.
        block = []
        try:
            block.extend(islice(lines, size))
        finally:
            if block:
                out.write("".join(block))
        if len(block) < size:
            return
        if line_by_line:
            out.flush()


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


def _console():
    # Built per call, after options are parsed, so colour and width follow the
    # stream and environment (NO_COLOR, FORCE_COLOR) of this run.
    from rich.console import Console

    return Console(markup=False, emoji=False, highlight=False)


def _write_table(records, fields, title, caption) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    table = Table(title=title, caption=caption, title_justify="left", caption_justify="left",
                  box=box.SIMPLE_HEAD, show_edge=False, collapse_padding=True)
    rows = [dict(zip(fields, record, strict=True)) for record in records]
    for field in fields:
        # Headers stack their words so narrow values keep narrow columns. Only
        # free text may wrap: dates, codes and numbers keep their full width.
        wraps = field in _FREE_TEXT_FIELDS
        widest = max([len(word) for word in field.split("_")]
                     + [len(_text(row[field])) for row in rows])
        table.add_column(field.replace("_", "\n"), overflow="fold", no_wrap=not wraps,
                         min_width=None if wraps else widest)
    for values in rows:
        row_style = "italic" if values.get("status") == "projected" else ""
        table.add_row(
            *(Text(_text(value), style=_STATUS_STYLES.get(value, "") if field == "status" else "")
              for field, value in values.items()),
            style=row_style,
        )
    if table.row_count:
        _console().print(table)


def write_chair_answer(record, previous, following, body: str) -> None:
    """The `chair` answer for a person: who, which term, how we know, and around it."""
    from rich.table import Table
    from rich.text import Text

    def status_note(rec) -> str:
        if rec.status == "projected":
            return "projected from the rotation order, not announced"
        if rec.status == "announced":
            return "announced, not yet begun"
        return "recorded"

    def neighbour(rec, none_text: str) -> Text:
        if rec is None:
            return Text(none_text)
        return Text(f"{rec.country} ({rec.code}), {rec.start} to {rec.end}, {rec.status}")

    headline = Text.assemble(
        (record.country, "bold"), f" ({record.code}) chairs {body} on {record.date}"
    )
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="dim")
    grid.add_column(overflow="fold")
    grid.add_row("term", Text.assemble(
        f"{record.start} to {record.end}, ",
        (status_note(record), _STATUS_STYLES[record.status]),
    ))
    if record.source:
        grid.add_row("source", Text(record.source))
    if record.note:
        grid.add_row("note", Text(record.note))
    grid.add_row("before", neighbour(previous, "none: the record starts with this term"))
    grid.add_row("next", neighbour(following, "none known"))
    console = _console()
    console.print(headline)
    console.print(grid)


def write_chair_overview(rows, title: str) -> None:
    """The `chair` answer for several bodies: one line per body, who, which term, what status.

    `rows` are (body label, chair record or None, why there is none).
    """
    from rich.table import Table
    from rich.text import Text

    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True, style="bold")
    grid.add_column(overflow="fold")
    for label, record, why in rows:
        if record is None:
            grid.add_row(Text(label), Text(f"no chair: {why}", style="dim"))
            continue
        grid.add_row(Text(label), Text.assemble(
            f"{record.country} ({record.code}), {record.start} to {record.end}, ",
            (record.status, _STATUS_STYLES.get(record.status, "")),
        ))
    console = _console()
    console.print(Text(title))
    console.print(grid)
