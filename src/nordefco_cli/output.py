"""The one output layer: records in, text out, in the format asked for.

Plain formats (tsv, csv, json, jsonl) stream record by record and never carry
escape codes; `table` uses Rich, imported only then.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from datetime import date
from operator import itemgetter
from typing import TextIO

FORMATS = ("table", "tsv", "csv", "json", "jsonl")
CALENDAR_FORMATS = (*FORMATS, "ics")
# Projected terms must never pass for facts: in a table they are set apart.
_STATUS_STYLES = {"recorded": "green", "projected": "yellow"}
_FREE_TEXT_FIELDS = {"source", "file", "country", "native_name", "from_country", "to_country"}
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
    # `True in row` is also true for an int 1 or 0; the exact path handles those.
    if True in row or False in row:
        return [_text(value) for value in row]
    # C-level conversion for the common row: this runs for every row printed.
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


_CHUNK_LINES = 512


def write_records(
    records: Iterable[dict],
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
) -> int:
    """Write `records` in `fmt`; returns how many were written.

    `single` writes one JSON object instead of an array (a command that
    answers with exactly one record); other formats ignore it. `body` names
    the calendar and its events in `ics`. Plain text is written in chunks of
    lines, or `line_by_line` (for a person typing input at a terminal).
    """
    out = out or sys.stdout
    if fmt == "ics":
        from .ics import write_calendar

        return write_calendar(records, body, out)
    if fmt == "table":
        return _write_table(records, fields, title, caption)
    if fmt in ("json", "jsonl"):
        return _write_json(records, fields, out, lines=fmt == "jsonl", single=single)
    line_of = plain_line_renderer(fmt, fields)
    values = itemgetter(*fields) if len(fields) > 1 else lambda record: (record[fields[0]],)
    lines = (line_of(values(record)) for record in records)
    return write_lines(lines, line_of(fields) if header else None, line_by_line, out)


def plain_line_renderer(fmt: str, fields: tuple[str, ...]):
    """A function from a row of values (in `fields` order) to one tsv or csv line."""
    line_of = _csv_line if fmt == "csv" else _tsv_line
    separators = len(fields) - 1
    return lambda row: line_of(_texts(row), separators)


def write_lines(lines: Iterable[str], header: str | None, line_by_line: bool,
                out: TextIO | None = None) -> int:
    """Write ready lines in chunks (or one by one); returns how many, header aside."""
    out = out or sys.stdout
    chunk = [header] if header else []
    limit = 1 if line_by_line else _CHUNK_LINES
    count = 0
    try:
        for line in lines:
            chunk.append(line)
            count += 1
            if len(chunk) >= limit:
                out.write("".join(chunk))
                chunk.clear()
                if line_by_line:
                    out.flush()
    finally:
        # Written even when the lines stop on an error, so every line before
        # the error is out.
        if chunk:
            out.write("".join(chunk))
    return count


def _json_value(value: object) -> object:
    return value.isoformat() if isinstance(value, date) else value


def _write_json(records, fields, out, *, lines: bool, single: bool) -> int:
    import json

    def encode(record):
        return json.dumps(
            {field: _json_value(record[field]) for field in fields}, ensure_ascii=False
        )

    count = 0
    if lines or single:
        for record in records:
            out.write(encode(record) + "\n")
            count += 1
        return count
    # An array written item by item, so a long schedule streams. If the
    # records stop on an error (a bad input line), the array is still closed,
    # so what was written before it is valid JSON.
    def close_array():
        out.write("[]\n" if count == 0 else "\n]\n")

    try:
        for record in records:
            out.write(("[\n  " if count == 0 else ",\n  ") + encode(record))
            count += 1
    except OSError:
        raise  # a closed pipe: nothing more can be written
    except Exception:
        close_array()
        raise
    close_array()
    return count


def _console():
    # Built per call, after options are parsed, so colour and width follow the
    # stream and environment (NO_COLOR, FORCE_COLOR) of this run.
    from rich.console import Console

    return Console(markup=False, emoji=False, highlight=False)


def _write_table(records, fields, title, caption) -> int:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    table = Table(title=title, caption=caption, title_justify="left", caption_justify="left",
                  box=box.SIMPLE_HEAD, show_edge=False, collapse_padding=True)
    for field in fields:
        # Headers stack their words so narrow values keep narrow columns; only
        # free text may wrap, while dates, codes and numbers stay whole.
        wraps = field in _FREE_TEXT_FIELDS
        table.add_column(field.replace("_", "\n"), overflow="fold", no_wrap=not wraps)
    count = 0
    for record in records:
        row_style = "italic" if record.get("status") == "projected" else ""
        table.add_row(
            *(Text(_text(record[field]), style=_STATUS_STYLES.get(record[field], ""))
              if field == "status" else Text(_text(record[field])) for field in fields),
            style=row_style,
        )
        count += 1
    if count:
        _console().print(table)
    return count


def write_chair_answer(
    record: dict, previous: dict | None, following: dict | None, body: str
) -> None:
    """The `chair` answer for a person: who, which term, how we know, and around it."""
    from rich.table import Table
    from rich.text import Text

    def status_note(rec: dict) -> str:
        if rec["status"] == "projected":
            return "projected from the rotation order, not announced"
        return "recorded"

    def neighbour(rec: dict | None, none_text: str) -> Text:
        if rec is None:
            return Text(none_text)
        return Text(f"{rec['country']} ({rec['code']}), {_text(rec['start'])} to "
                    f"{_text(rec['end'])}, {rec['status']}")

    headline = Text.assemble(
        (record["country"], "bold"), f" ({record['code']}) chairs {body} on {_text(record['date'])}"
    )
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="dim")
    grid.add_column(overflow="fold")
    grid.add_row("term", Text.assemble(
        f"{_text(record['start'])} to {_text(record['end'])}, ",
        (status_note(record), _STATUS_STYLES[record["status"]]),
    ))
    if record["source"]:
        grid.add_row("source", Text(record["source"]))
    grid.add_row("before", neighbour(previous, "none: the record starts with this term"))
    grid.add_row("next", neighbour(following, "none known"))
    console = _console()
    console.print(headline)
    console.print(grid)
